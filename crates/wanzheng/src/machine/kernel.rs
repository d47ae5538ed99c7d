//! The machine kernel: what every stream's pipeline shares, whatever its machine.
//!
//! A handler is handed a [`Call`] (the command, the row's actor, the state before, the seq its
//! entry gets, replay) and hands back a [`Step`] (its verdict and the state it leads to); the
//! pipeline turns the step into the [`Transition`] it reports ([`transition`]). Re-judging a log
//! reports its differences as a [`ReplayReport`].
//!
//! The kernel stands below the machines: `investment/`, `digital/` and `journal.rs` import it;
//! it imports no machine module.

use serde::Serialize;

use crate::log::Command;
use crate::machine::ActorSpec;
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
