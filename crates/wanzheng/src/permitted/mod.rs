//! What an approval screen asks (issue 13): which acts a stream permits next, and why the others
//! are not — before anyone types the facts.
//!
//! `stream_permits` walks a machine's transition table (table order, so the answer is
//! deterministic) and asks, for each row, only what does not depend on the event's own facts:
//!
//! 1. the state (the table, and the stream checks of `apply`: an unknown or terminal host, a
//!    row outside the AMB-25 parts) — a [`TransitionError`], exactly as `apply` would raise it;
//! 2. the actor, when one is given — the rule naming the actor, detail `wrong_actor`, as the
//!    handlers judge it (the organisation of an industry authority is not known here);
//! 3. the machine's own blockers (`Permits::judge_row`): the stage gates of RULES.md §3.3
//!    through the one gate module, funding suspended (INV-55.x), unfiled or pending changes at
//!    `complete_works` (INV-44.2, 40.2), windows and further rounds (DIG-13.1, 13.7), D-rules whose
//!    exception is missing — judged into a [`Judge`] with the stream's exception book, so an
//!    open exception is consulted exactly as `apply` consults it.
//!
//! Violations block (`allowed: false`); default breaches, warnings and findings the act would
//! carry anyway are `cautions` (the act is accepted in `enforce`). An allowed act lists the open
//! obligations it would discharge ([`DISCHARGED_BY`]). Reasons keep the order of the trace.
//!
//! The JSON form ([`Permitted::to_json`], documented in README "Approval screens"):
//!
//! ```json
//! {"as_of": "2024-10-01", "actor": "drc",
//!  "streams": [{"machine": "inv", "project_id": "P1", "instance": "P1", "state": "reserve",
//!    "events": [{"event": "submit_proposal", "actors": ["project_unit"], "to": ["proposal_review"],
//!                "allowed": false,
//!                "blockers": [{"kind": "violation", "rule": "INV-8", "detail": "wrong_actor",
//!                              "article": "宛政〔2023〕7号 第八条", "message_zh": "…", "message_en": "…"}],
//!                "cautions": [], "discharges": []}]}]}
//! ```
//!
//! A transition blocker has `"kind": "transition"`, no rule and no article; its detail is the
//! [`TransitionError`]'s (`terminal`, `unknown_instance`, `project_terminal`, …).
//!
//! A budget-funded DIG project's INV parts (AMB-25) are an `inv` stream after its `dig` stream,
//! tagged `"parts_of": "dig"`, listing only the parts' events, with the DIG project's state.

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::actor::Actor;
use crate::error::TransitionError;
use crate::event::NO_STATE;
use crate::exception::ExceptionBook;
use crate::investment::gates::LotClass;
use crate::log::MachineId;
use crate::machine::{Machine, Row, row_allows};
use crate::obligation::{Obligation, ObligationBook};
use crate::outcome::{Judge, Mode, Outcome, OutcomeKind};
use crate::rule::RuleId;

mod machines;
#[cfg(test)]
mod tests;

/// Why an act is blocked, or what it would carry: a transition refusal or a rule's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The state (or the stream) does not take the event.
    Transition(TransitionError),
    /// A rule's outcome, as `apply` would report it.
    Outcome(Outcome),
}

impl Reason {
    /// `transition`, `violation`, `default_breach`, `warning` or `finding`.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::Transition(_) => "transition",
            Reason::Outcome(o) => o.kind.as_str(),
        }
    }

    /// The rule (none for a transition refusal).
    pub fn rule(&self) -> Option<RuleId> {
        match self {
            Reason::Transition(_) => None,
            Reason::Outcome(o) => Some(o.rule),
        }
    }

    /// The detail (`wrong_actor`, `terminal`, …) or empty.
    pub fn detail(&self) -> &str {
        match self {
            Reason::Transition(e) => &e.detail,
            Reason::Outcome(o) => &o.detail,
        }
    }

    /// The article (`宛政〔2023〕7号 第八条`), none for a transition refusal.
    pub fn article(&self) -> Option<String> {
        self.rule().map(RuleId::citation)
    }

    /// The Chinese message.
    pub fn message_zh(&self) -> String {
        match self {
            Reason::Transition(e) => crate::message::transition_zh(e),
            Reason::Outcome(o) => o.message_zh(),
        }
    }

    /// The English message.
    pub fn message_en(&self) -> String {
        match self {
            Reason::Transition(e) => e.to_string(),
            Reason::Outcome(o) => o.message_en(),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.kind())?;
        if let Some(r) = self.rule() {
            m.serialize_entry("rule", &r)?;
        }
        m.serialize_entry("detail", self.detail())?;
        if let Some(a) = self.article() {
            m.serialize_entry("article", &a)?;
        }
        m.serialize_entry("message_zh", &self.message_zh())?;
        m.serialize_entry("message_en", &self.message_en())?;
        m.end()
    }
}

/// One row of a stream's table, judged for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermittedEvent {
    /// The event's wire name.
    pub event: &'static str,
    /// Who may perform it (every concrete actor the row's actor column admits here).
    pub actors: Vec<Actor>,
    /// Where it leads from the current state (empty: the state is kept).
    pub to: Vec<&'static str>,
    /// Whether it is permitted now (no blocker; with the actor given, for that actor).
    pub allowed: bool,
    /// Why not, in trace order (empty when allowed).
    pub blockers: Vec<Reason>,
    /// What it would carry although accepted: default breaches (an exception is needed to act
    /// cleanly), warnings, findings (late), in trace order.
    pub cautions: Vec<Reason>,
    /// The open obligations it would discharge (allowed acts only).
    pub discharges: Vec<Obligation>,
    /// For the gated acts of RULES.md §3.3 (`award_contract`, `issue_tender`, the three payment
    /// events; omitted for the others): per lot class, whether the stage gates hold now — the
    /// lot is a fact of the act, so each class is judged (by `investment::gates`) on its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lot_gates: Vec<LotGate>,
}

/// The stage gates of one lot class for a gated act (RULES.md §3.3.2, §3.3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotGate {
    /// The lot class (`p`, `p_tendered`, `ag`, `l`, `m`, `w`; `m` for a non-EPC lot, an EPC
    /// contract before the approvals also violates INV-32.1).
    pub class: LotClass,
    /// Whether the gates hold for a lot of this class.
    pub open: bool,
    /// The gate violations, in trace order.
    pub blockers: Vec<Reason>,
    /// Gate warnings (INV-25.1 `budget_review_pending` on the emergency route).
    pub cautions: Vec<Reason>,
}

/// The table of one stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StreamPermits {
    /// The machine.
    pub machine: MachineId,
    /// The project (absent for plan and cycle streams).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// The instance (`null`: a new instance of a sub-machine, not yet created).
    pub instance: Option<String>,
    /// The current state (`none` before the first event; for the INV parts of a DIG project,
    /// the DIG project's state, which decides whether a part may run).
    pub state: &'static str,
    /// The stream tag of the INV parts of a budget-funded DIG project (AMB-25): `dig`, the machine
    /// whose project runs them on its log (omitted for every other stream). Such a stream lists
    /// only the `inv` events of the parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts_of: Option<MachineId>,
    /// Every row of the machine's table, in table order.
    pub events: Vec<PermittedEvent>,
}

impl StreamPermits {
    /// The row of `event`.
    pub fn event(&self, event: &str) -> Option<&PermittedEvent> {
        self.events.iter().find(|e| e.event == event)
    }

    /// The events allowed now, in table order.
    pub fn allowed(&self) -> impl Iterator<Item = &PermittedEvent> {
        self.events.iter().filter(|e| e.allowed)
    }
}

/// What a screen shows: every stream's table as of a date, for an actor or for any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permitted {
    /// The date the acts would carry.
    pub as_of: NaiveDate,
    /// The actor asked for (`null`: any actor).
    pub actor: Option<Actor>,
    /// The streams, in a fixed order (the project's own stream first, then its sub-machines'
    /// new and open instances; a workspace's projects by id, plans and cycles by year).
    pub streams: Vec<StreamPermits>,
}

impl Permitted {
    /// The stream of `machine` and `instance` (`None`: the new-instance table of a sub-machine).
    pub fn stream(&self, machine: MachineId, instance: Option<&str>) -> Option<&StreamPermits> {
        self.streams.iter().find(|s| s.machine == machine && s.instance.as_deref() == instance)
    }

    /// Whether `event` may be performed on the stream (`instance` as in [`Permitted::stream`]).
    pub fn is_allowed(&self, machine: MachineId, instance: Option<&str>, event: &str) -> bool {
        self.stream(machine, instance).and_then(|s| s.event(event)).is_some_and(|e| e.allowed)
    }

    /// The JSON form (see the module docs).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Which accepted events close which obligation duty (the `obligations.close` calls of the
/// handlers): `(duty, subject or "" for any, event)`. A test checks every close of the scenario
/// fixtures against it.
pub const DISCHARGED_BY: &[(&str, &str, &str)] = &[
    ("approval", "proposal", "approve_proposal"),
    ("approval", "fsr", "approve_fsr"),
    ("approval", "design", "approve_design"),
    ("approval", "estimate", "verify_estimate"),
    ("approval", "budget", "approve_budget"),
    ("approval", "", "refuse_approval"),
    ("disbursement", "", "disburse_payment"),
    ("post_hoc_change_filing", "", "file_post_hoc_change"),
    ("completion", "", "complete_works"),
    ("estimate_control_check", "", "estimate_control_check"),
    ("final_accounts", "", "complete_final_accounts"),
    ("surplus_return", "", "return_surplus"),
    ("asset_registration", "", "register_assets"),
    ("draft_to_meeting", "", "submit_draft_to_meeting"),
    ("issue_plan", "", "issue_plan"),
    ("security_assessment", "", "record_security_assessment"),
    // RULES.md §3.4: a passing assessment of the failed type; all three filings on file.
    ("security_rectification", "", "record_security_assessment"),
    ("final_accounts_filing", "", "file_final_accounts"),
    // INV-52.2 (RULES.md §3.4): the disclosure of an approval or an issued plan.
    ("disclosure", "", "record_disclosure"),
];

/// The open obligations of `book` that `event` would discharge; `subject` restricts them to one
/// instance (a change's filing is discharged on that change's stream only).
pub fn discharged(book: &ObligationBook, event: &str, subject: Option<&str>) -> Vec<Obligation> {
    book.all()
        .iter()
        .filter(|o| !o.is_closed())
        .filter(|o| subject.is_none_or(|s| o.subject == s))
        .filter(|o| {
            DISCHARGED_BY
                .iter()
                .any(|(duty, subj, ev)| *ev == event && o.duty == *duty && (subj.is_empty() || o.subject == *subj))
        })
        .cloned()
        .collect()
}

/// A stream as the screen sees it: one implementation per machine (the machine-specific part);
/// [`stream_permits`] is the one generic walk over the table.
pub(crate) trait Permits {
    /// The machine.
    type M: Machine;

    /// The stream's state (`None`: not created yet).
    fn state(&self) -> Option<<Self::M as Machine>::State>;

    /// The transition refusal `apply` raises before any judgment, as its detail; `None` when
    /// the row may run. Default: the table ([`row_allows`]) with `terminal` in a terminal state.
    fn refuse(&self, row: &Row<<Self::M as Machine>::State>) -> Option<&'static str> {
        let state = self.state();
        if row_allows::<Self::M>(row, state) {
            None
        } else if state.is_some_and(|s| <Self::M as Machine>::terminal().contains(&s)) {
            Some("terminal")
        } else if state.is_none() {
            Some("unknown_instance")
        } else {
            Some("")
        }
    }

    /// Whether `actor` is admitted by the row's actor column here (as the handlers judge it).
    fn actor_fits(&self, row: &Row<<Self::M as Machine>::State>, actor: Actor) -> bool;

    /// The rule a wrong actor of the row violates.
    fn actor_rule(&self, row: &Row<<Self::M as Machine>::State>) -> RuleId;

    /// The rule `actor`, who does not fit the row, violates (default: [`Permits::actor_rule`]).
    fn actor_rule_for(&self, row: &Row<<Self::M as Machine>::State>, _actor: Actor) -> RuleId {
        self.actor_rule(row)
    }

    /// Whether the row is on this stream's screen at all (default: every row of the table).
    fn lists(&self, _row: &Row<<Self::M as Machine>::State>) -> bool {
        true
    }

    /// The exceptions a default rule consults.
    fn exceptions(&self) -> &ExceptionBook;

    /// The machine's own fact-independent checks of the row, into `j` (after the actor).
    fn judge_row(&self, _row: &Row<<Self::M as Machine>::State>, _as_of: NaiveDate, _j: &mut Judge<'_>) {}

    /// The open obligations the row's event would discharge.
    fn discharges(&self, _row: &Row<<Self::M as Machine>::State>) -> Vec<Obligation> {
        Vec::new()
    }

    /// Per lot class, the stage gates of a gated act (empty for other rows and machines).
    fn lot_gates(&self, _row: &Row<<Self::M as Machine>::State>) -> Vec<LotGate> {
        Vec::new()
    }
}

/// Splits a judge's outcomes into blockers (violations) and cautions, in trace order.
pub(crate) fn split(j: &Judge<'_>) -> (Vec<Reason>, Vec<Reason>) {
    let mut blockers = Vec::new();
    let mut cautions = Vec::new();
    for o in j.outcomes() {
        if o.kind == OutcomeKind::Violation {
            blockers.push(Reason::Outcome(o.clone()));
        } else {
            cautions.push(Reason::Outcome(o.clone()));
        }
    }
    (blockers, cautions)
}

/// The table of one stream (see the module docs): every row in table order.
pub(crate) fn stream_permits<P: Permits>(
    p: &P,
    project_id: Option<&str>,
    instance: Option<&str>,
    as_of: NaiveDate,
    actor: Option<Actor>,
) -> StreamPermits {
    let state = p.state();
    let state_name = state.map(<P::M as Machine>::state_name).unwrap_or(NO_STATE);
    let machine = <P::M as Machine>::ID;
    let events = <P::M as Machine>::rows()
        .iter()
        .filter(|row| p.lists(row))
        .map(|row| {
            let actors: Vec<Actor> = Actor::ALL.iter().copied().filter(|a| p.actor_fits(row, *a)).collect();
            let mut blockers = Vec::new();
            let mut cautions = Vec::new();
            match p.refuse(row) {
                Some(detail) => blockers.push(Reason::Transition(TransitionError::new(
                    machine.as_str(),
                    state_name,
                    row.event,
                    detail,
                ))),
                None => {
                    let mut j = Judge::new(Mode::Enforce, row.event, p.exceptions());
                    if let Some(a) = actor {
                        j.require(p.actor_rule_for(row, a), p.actor_fits(row, a), "wrong_actor");
                    }
                    p.judge_row(row, as_of, &mut j);
                    (blockers, cautions) = split(&j);
                }
            }
            let allowed = blockers.is_empty() && !actors.is_empty();
            PermittedEvent {
                event: row.event,
                actors,
                to: crate::report::path::targets::<P::M>(row, state),
                allowed,
                blockers,
                cautions,
                discharges: if allowed { p.discharges(row) } else { Vec::new() },
                lot_gates: if allowed { p.lot_gates(row) } else { Vec::new() },
            }
        })
        .collect();
    StreamPermits {
        machine,
        project_id: project_id.map(str::to_owned),
        instance: instance.map(str::to_owned),
        state: state_name,
        parts_of: None,
        events,
    }
}
