//! The machine kernel: what every stream's pipeline shares, whatever its machine.
//!
//! A handler is handed a `Call` (the command, the row's actor, the state before, the seq its
//! entry gets, replay) and hands back a `Step` (its verdict and the state it leads to); the
//! pipeline turns the step into the [`Transition`] it reports (`transition`). Re-judging a log
//! reports its differences as a [`ReplayReport`].
//!
//! `Pipeline` is the one apply pipeline of every stream: date, preparation, judgment (table
//! row, cross-cutting stage, handler), commit, log entry; each machine supplies its `judge`.
//!
//! The kernel stands below the machines: `investment/`, `digital/` and `journal.rs` import it;
//! it imports no machine module.

use std::borrow::Cow;

use serde::Serialize;

use crate::error::{Error, InputError};
use crate::log::{Command, LogEntry};
use crate::machine::{ActorSpec, Machine};
use crate::outcome::{Transition, Verdict};

/// One call of a handler: the command, the row's actor, replay flag, the state before and the
/// seq the entry will get.
pub(crate) struct Call<'a> {
    /// The command.
    pub(crate) cmd: &'a Command,
    /// The row's actor.
    pub(crate) actor: ActorSpec,
    /// Re-judging a stored entry (replay): never reject.
    pub(crate) force: bool,
    /// On replay, the stored to-state (authoritative where the target depends on inputs).
    pub(crate) stored_to: Option<&'static str>,
    /// The state before.
    pub(crate) from: &'static str,
    /// The seq its entry gets.
    pub(crate) seq: u32,
}

/// What a handler hands back to the pipeline.
pub(crate) struct Step {
    pub(crate) verdict: Verdict,
    pub(crate) from: &'static str,
    pub(crate) to: &'static str,
}

/// The transition a judged step reports (RULES.md §1.6).
pub(crate) fn transition(seq: u32, cmd: &Command, step: Step, ctx: &crate::Context) -> Transition {
    let Step { verdict, from, to } = step;
    Transition {
        seq,
        ruleset: ctx.ruleset_at(cmd.date).version.clone(),
        machine: cmd.event.machine().as_str().into(),
        event: cmd.event.name().into(),
        from: from.into(),
        to: to.into(),
        rules: verdict.rules,
        outcomes: verdict.outcomes,
        exceptions_used: verdict.exceptions_used,
    }
}

/// Differences found when re-judging a log (RULES.md §1.7: stored outcomes stay authoritative).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplayReport {
    /// Entries whose re-judged outcomes differ from the stored ones.
    pub differences: Vec<ReplayDifference>,
}

/// One entry whose outcomes differ on re-judging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplayDifference {
    /// The entry.
    pub seq: u32,
    /// As stored.
    pub stored: Vec<crate::Outcome>,
    /// As re-judged under the current configuration.
    pub rejudged: Vec<crate::Outcome>,
    /// The stored `from -> to`, when re-judging gives another transition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored_transition: Option<String>,
    /// The re-judged `from -> to`, when it differs from the stored one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejudged_transition: Option<String>,
}

/// What the kernel's one pipeline needs of a stream (RULES.md §1.6): every machine's stream
/// (`InvestmentProject`, `AnnualPlan`, `DigitalProject`, `DigCycle`) implements it, and its
/// `apply` and replay run [`Pipeline::apply_entry`], its `what_if` [`Pipeline::what_if_entry`]
/// (steps 1–4 inside a trial that is taken back):
///
/// 1. the command's date is not before the log's last entry (`InputError`);
/// 2. [`Pipeline::prepare`]: what the stream adds to a command before judging (DIG: its code);
/// 3. [`Pipeline::judge_step`]: the stream checks, the table row, the machine's cross-cutting stage
///    and the event's handler — judgment read-only, then the commit;
/// 4. the exceptions the verdict used are consumed; [`Pipeline::committed`];
/// 5. the log entry (appended with its hash, or on replay the stored entry kept), the log
///    settled when the stream reaches a terminal state; [`Pipeline::logged`].
pub(crate) trait Pipeline {
    /// The machine whose table the stream follows.
    type M: Machine;

    /// The context, the log and the exception book, borrowed apart.
    fn kernel_parts(&mut self) -> Parts<'_>;

    /// The stream's state (`None` before its first event).
    fn current(&self) -> Option<<Self::M as Machine>::State>;

    /// What the stream adds to a command before it is judged (default: nothing).
    ///
    /// # Errors
    /// An input error refuses the command before judging.
    fn prepare<'c>(&self, cmd: Cow<'c, Command>) -> Result<Cow<'c, Command>, InputError> {
        Ok(cmd)
    }

    /// Judges and commits `cmd` as entry `seq` (`replay`: the stored entry being re-judged).
    ///
    /// # Errors
    /// Input, transition or rule errors; the stream is then unchanged.
    fn judge_step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error>;

    /// After the commit, before the log entry (default: nothing).
    fn committed(&mut self) {}

    /// After the log entry (default: nothing).
    fn logged(&mut self) {}

    /// The entry a replay keeps for the stored `entry` re-judged as `cmd` (default: the stored entry).
    fn replayed(entry: &LogEntry, cmd: Command) -> LogEntry {
        drop(cmd);
        entry.clone()
    }

    /// Steps 1–4: judges and commits `cmd` without touching the log. Returns the transition,
    /// the command as prepared, and the states before and after.
    ///
    /// # Errors
    /// As [`Pipeline::judge_step`]; the date and [`Pipeline::prepare`] refusals.
    fn judge_commit_cow<'c>(
        &mut self,
        cmd: Cow<'c, Command>,
        replay: Option<&LogEntry>,
    ) -> Result<(Transition, Cow<'c, Command>, &'static str, &'static str), Error> {
        self.kernel_parts().log.check_date(cmd.date)?;
        let cmd = self.prepare(cmd)?;
        let seq = self.kernel_parts().log.next_seq();
        let (t, from, to) = self.judge_commit_at(&cmd, seq, replay)?;
        Ok((t, cmd, from, to))
    }

    /// Steps 3–4 for entry `seq`: judges `cmd` as it stands (no date check, no preparation)
    /// and commits it; returns the transition and the states before and after.
    ///
    /// # Errors
    /// As [`Pipeline::judge_step`].
    fn judge_commit_at(
        &mut self,
        cmd: &Command,
        seq: u32,
        replay: Option<&LogEntry>,
    ) -> Result<(Transition, &'static str, &'static str), Error> {
        let step = self.judge_step(cmd, seq, replay)?;
        self.kernel_parts().exceptions.consume(&step.verdict.exceptions_used);
        self.committed();
        let (from, to) = (step.from, step.to);
        Ok((transition(seq, cmd, step, self.kernel_parts().ctx), from, to))
    }

    /// Judges and commits `cmd` without touching the log.
    ///
    /// # Errors
    /// As [`Pipeline::judge_commit_cow`].
    fn judge_commit_ref(&mut self, cmd: &Command) -> Result<Transition, Error> {
        self.judge_commit_cow(Cow::Borrowed(cmd), None).map(|(t, ..)| t)
    }

    /// What a dry run keeps to take its commit back ([`Pipeline::begin_trial`]).
    type Trial;

    /// Opens a dry run: saves what the commit of one command may change. The parts that grow
    /// with the log (the log itself, payment requests, obligations) are not copied: their
    /// mutations are journalled and undone by [`Pipeline::end_trial`].
    fn begin_trial(&mut self) -> Self::Trial;

    /// Closes a dry run: the stream as it was at [`Pipeline::begin_trial`].
    fn end_trial(&mut self, trial: Self::Trial);

    /// `what_if` (issue 13): steps 1–4 of the one pipeline inside a trial, then the trial taken
    /// back — the same transition as `apply` on a clone, the stream unchanged (also when the
    /// judgment unwinds), and nothing copied in proportion to the log.
    ///
    /// # Errors
    /// As [`Pipeline::judge_commit_cow`].
    fn what_if_entry(&mut self, cmd: &Command) -> Result<Transition, Error>
    where
        Self: Sized,
    {
        struct Undo<'a, P: Pipeline> {
            p: &'a mut P,
            trial: Option<P::Trial>,
        }
        impl<P: Pipeline> Drop for Undo<'_, P> {
            fn drop(&mut self) {
                if let Some(t) = self.trial.take() {
                    self.p.end_trial(t);
                }
            }
        }
        let trial = self.begin_trial();
        let u = Undo { p: self, trial: Some(trial) };
        u.p.judge_commit_ref(cmd)
    }

    /// The whole pipeline: judges, commits and logs `cmd` (`replay`: keeps the stored entry).
    ///
    /// # Errors
    /// As [`Pipeline::judge_commit_cow`]; the stream is then unchanged.
    fn apply_entry(&mut self, cmd: Command, replay: Option<&LogEntry>) -> Result<Transition, Error> {
        let date = cmd.date;
        let before = self.current();
        let (t, cmd, from, to) = self.judge_commit_cow(Cow::Owned(cmd), replay)?;
        let cmd = cmd.into_owned();
        let Parts { ctx, log, .. } = self.kernel_parts();
        match replay {
            None => {
                log.append(cmd, t.outcomes.clone(), from, to, ctx.config_id_at(date));
            }
            Some(entry) => log.push_verified(Self::replayed(entry, cmd)),
        }
        let now = self.current();
        if now != before && now.is_some_and(|s| <Self::M as Machine>::terminal().contains(&s)) {
            self.kernel_parts().log.settle();
        }
        self.logged();
        Ok(t)
    }
}

/// The parts of a stream the kernel works on, borrowed apart ([`Pipeline::kernel_parts`]).
pub(crate) struct Parts<'a> {
    /// The configuration and calendar.
    pub(crate) ctx: &'a crate::Context,
    /// The hash-chained log.
    pub(crate) log: &'a mut crate::log::Log,
    /// The exceptions the stream's verdicts consume.
    pub(crate) exceptions: &'a mut crate::exception::ExceptionBook,
}
