//! The machine kernel: what every stream's pipeline shares, whatever its machine.
//!
//! A handler is handed a `Call` (the command, the row's actor, the state before, the seq its
//! entry gets, replay) and hands back a `Next<S>` (its verdict and the typed state it leads to,
//! or none: state kept); the kernel (`settle`) sets the stream's state from it, checks it is one
//! of the table row's to-states (debug builds and every test), and names it in the `Step` the
//! pipeline turns into the [`Transition`] it reports (`transition`). Re-judging a log reports its
//! differences as a [`ReplayReport`].
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
use crate::machine::{ActorSpec, FromSpec, Machine, Row};
use crate::outcome::{Transition, Verdict};

/// One call of a handler: the command, the row's actor, replay flag, the state before, the
/// seq the entry will get, and what the stream's instance gives every handler (`X`: nothing for
/// a project or sub-machine; the year P of a `dig_cycle/<P>`, the year and dates of a `plan/<P>`).
pub(crate) struct Call<'a, X = ()> {
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
    /// What the stream's instance adds (read from the stream before the handler is called).
    pub(crate) instance: X,
}

/// What a handler hands back: its verdict and the state it leads to (`None`: the state is kept).
/// Every handler of every machine has one signature,
/// `fn(&mut self, p: &Payload, c: &Call<'_>) -> Result<Next<M::State>, Error>`; the handler never
/// sets the stream's state itself: [`settle`] does, against the table row.
#[must_use]
pub(crate) struct Next<S> {
    pub(crate) verdict: Verdict,
    pub(crate) to: Option<S>,
}

impl<S> Next<S> {
    /// The step leads to `to`.
    pub(crate) fn to(verdict: Verdict, to: S) -> Self {
        Next { verdict, to: Some(to) }
    }

    /// The step keeps the state (a fact, or a row that may leave the state as it is).
    pub(crate) fn stay(verdict: Verdict) -> Self {
        Next { verdict, to: None }
    }
}

/// Whether `row` may lead from `from` (`None`: the stream does not exist yet) to `to`: a move
/// goes to one of the row's to-states; the state is kept by a fact row (which may also move,
/// `issue_tender` to `procurement`), by a row that lists no to-state, by one that lists the
/// state itself (`collect_demands` continuing a cycle), or by a create-or-continue row in one of
/// the states it continues from (RULES.md §3.1.6 (b) `submit_for_plan`: "∅, plan_collecting,
/// plan_drafted → plan_collecting or same": a submission while the draft is compiled keeps
/// `plan_drafted`).
pub(crate) fn row_leads_to<S: Copy + Eq>(row: &Row<S>, from: Option<S>, to: Option<S>) -> bool {
    match to {
        Some(s) if Some(s) != from => row.to.contains(&s),
        _ => {
            row.to.is_empty()
                || matches!(row.from, FromSpec::Fact { .. } | FromSpec::FactIn(_))
                || from.is_some_and(|f| row.to.contains(&f))
                || matches!((row.from, from), (FromSpec::CreateOr(list), Some(f)) if list.contains(&f))
        }
    }
}

/// The kernel's half of a handler call: sets `state` to the handler's to-state and reports the
/// step (`from`: the state's name before). The to-state is one of the table row's
/// ([`row_leads_to`]; asserted in debug builds, so every test checks every step it takes: the
/// table is the single truth of the code and of the diagrams drawn from it).
#[inline]
pub(crate) fn settle<M: Machine>(
    row: &Row<M::State>,
    state: &mut Option<M::State>,
    from: &'static str,
    next: Next<M::State>,
) -> Step {
    debug_assert!(
        row_leads_to(row, *state, next.to.or(*state)),
        "{}: {} leads from {} to {:?}, not a to-state of its row",
        M::ID.as_str(),
        row.event,
        from,
        next.to.map(M::state_name),
    );
    let to = match next.to {
        Some(s) => {
            *state = Some(s);
            M::state_name(s)
        }
        None => from,
    };
    Step { verdict: next.verdict, from, to }
}

/// What the pipeline reports of a judged step: its verdict and the names of the states before
/// and after (the machine's own states, or a sub-machine's).
pub(crate) struct Step {
    pub(crate) verdict: Verdict,
    pub(crate) from: &'static str,
    pub(crate) to: &'static str,
}

/// The transition a judged step reports (RULES.md §1.6).
#[inline]
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
    #[inline]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Actor;
    use crate::log::MachineId;
    use crate::outcome::Verdict;

    /// A machine of three states for the kernel alone (the kernel imports no machine).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum S {
        A,
        B,
        C,
    }

    struct T;

    const ROWS: &[Row<S>] = &[
        Row {
            event: "go",
            actor: ActorSpec::Any(&[Actor::Drc]),
            from: FromSpec::States(&[S::A]),
            to: &[S::B],
            rules: &[],
        },
        Row {
            event: "fact",
            actor: ActorSpec::Any(&[Actor::Drc]),
            from: FromSpec::Fact { also_terminal: false },
            to: &[S::C],
            rules: &[],
        },
        Row {
            event: "again",
            actor: ActorSpec::Any(&[Actor::Drc]),
            from: FromSpec::States(&[S::A, S::B]),
            to: &[S::A, S::B],
            rules: &[],
        },
    ];

    impl Machine for T {
        type State = S;
        const ID: MachineId = MachineId::Dig;
        const NAME: &'static str = "T";
        fn states() -> &'static [S] {
            &[S::A, S::B, S::C]
        }
        fn terminal() -> &'static [S] {
            &[S::C]
        }
        fn rows() -> &'static [Row<S>] {
            ROWS
        }
        fn state_name(s: S) -> &'static str {
            match s {
                S::A => "a",
                S::B => "b",
                S::C => "c",
            }
        }
    }

    /// The table decides: a move goes to one of the row's to-states; a fact row may keep the
    /// state; another row keeps it only where it lists it.
    #[test]
    fn moves_follow_the_row() {
        let [go, fact, again] = [&ROWS[0], &ROWS[1], &ROWS[2]];
        assert!(row_leads_to(go, Some(S::A), Some(S::B)));
        assert!(!row_leads_to(go, Some(S::A), Some(S::C)));
        assert!(!row_leads_to(go, Some(S::A), Some(S::A)));
        assert!(row_leads_to(fact, Some(S::B), None));
        assert!(row_leads_to(fact, Some(S::B), Some(S::C)));
        assert!(!row_leads_to(fact, Some(S::B), Some(S::A)));
        assert!(row_leads_to(again, Some(S::B), Some(S::B)));
        assert!(row_leads_to(again, Some(S::B), Some(S::A)));
        // A create-or-continue row keeps a state it continues from (`submit_for_plan` in
        // `plan_drafted`), and moves only to its to-states.
        let cont = Row {
            event: "continue",
            actor: ActorSpec::Any(&[Actor::Drc]),
            from: FromSpec::CreateOr(&[S::A, S::B]),
            to: &[S::A],
            rules: &[],
        };
        assert!(row_leads_to(&cont, None, Some(S::A)));
        assert!(row_leads_to(&cont, Some(S::B), None));
        assert!(row_leads_to(&cont, Some(S::B), Some(S::B)));
        assert!(!row_leads_to(&cont, Some(S::C), None));
        assert!(!row_leads_to(&cont, Some(S::B), Some(S::C)));
    }

    /// `settle` sets the stream's state from the handler's typed step and names it.
    #[test]
    fn settle_sets_the_state() {
        let mut state = Some(S::A);
        let step = settle::<T>(&ROWS[0], &mut state, "a", Next::to(Verdict::default(), S::B));
        assert_eq!((step.from, step.to), ("a", "b"));
        assert_eq!(state, Some(S::B));
        let step = settle::<T>(&ROWS[1], &mut state, "b", Next::stay(Verdict::default()));
        assert_eq!((step.from, step.to), ("b", "b"));
        assert_eq!(state, Some(S::B));
    }

    /// A handler leading anywhere its row does not name fails every debug build (every test).
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "not a to-state of its row")]
    fn settle_refuses_a_state_off_the_row() {
        let mut state = Some(S::A);
        let _ = settle::<T>(&ROWS[0], &mut state, "a", Next::to(Verdict::default(), S::C));
    }
}
