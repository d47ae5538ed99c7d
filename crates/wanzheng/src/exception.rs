//! Exceptions to 原则上 defaults (RULES.md §1.5, §1.8).
//!
//! A D-rule yields `default_breach` unless a [`RuleException`] recorded
//! *earlier in the same log* covers it. Exceptions are never inferred: they are
//! recorded by the `record_exception` event, by the authority RULES.md §1.8
//! names for the rule, and consumed in log order (scope `one`) or cover every
//! later breach of the project (scope `project`, INV-12.2 and INV-25.2 only).

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::error::{InputError, InputReason};
use crate::outcome::Judge;
use crate::rule::RuleId;
use crate::rules::*;

/// How far an exception reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionScope {
    /// Consumed by the first later event that would yield the default_breach (default).
    #[default]
    One,
    /// Covers every later breach in the project (INV-12.2 and INV-25.2 only).
    Project,
}

/// The facts of a `record_exception` event (RULES.md §1.8, §3.1.6 (a)). Fields in canonical (sorted) order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleException {
    /// The decision document.
    pub decision_ref: DocRef,
    /// Optionally, the only event the exception covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Why; non-empty.
    pub reason: String,
    /// The D-rule excepted.
    pub rule_id: RuleId,
    /// `one` (default) or `project`.
    #[serde(default)]
    pub scope: ExceptionScope,
}

/// Who may grant an exception to a D-rule (RULES.md §1.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// A fixed actor.
    Actor(Actor),
    /// The design approver of the project's sector (§7 `design_approver`), INV-20.5.
    DesignApprover,
    /// drc, or industry_authority on route 3 (INV-49.2).
    AdjustmentApprover,
}

/// The authority for an exception to `rule`, or `None` when `rule` is not a D-rule.
///
/// INTERPRETATION: AMB-1 — authorities marked \[interp\] in RULES.md §1.8 are the body owning the decision.
pub fn authority(rule: RuleId) -> Option<Authority> {
    use Authority::*;
    Some(match rule {
        r if r == INV_7_2 => Actor(crate::Actor::ExecutiveMeeting),
        r if r == INV_12_2 => Actor(crate::Actor::ExecutiveMeeting),
        r if r == INV_20_5 => DesignApprover,
        r if r == INV_23_2 => Actor(crate::Actor::Drc),
        r if r == INV_25_2 => Actor(crate::Actor::Finance),
        r if r == INV_29_4 => Actor(crate::Actor::Drc),
        r if r == INV_37_2 => Actor(crate::Actor::Finance),
        r if r == INV_46_1 => Actor(crate::Actor::Drc),
        r if r == INV_49_2 => AdjustmentApprover,
        r if r == INV_50_2 => Actor(crate::Actor::MunicipalGovernment),
        r if r == DIG_2_2 => Actor(crate::Actor::BigdataBureau),
        r if r == DIG_3_2 => Actor(crate::Actor::BigdataBureau),
        r if r == DIG_13_7 => Actor(crate::Actor::BigdataBureau),
        r if r == DIG_20 => Actor(crate::Actor::BigdataCenter),
        _ => return None,
    })
}

/// Checks the input-level conditions of a `record_exception` (RULES.md §1.8): a D-rule,
/// a non-empty reason and decision ref, scope `project` only for INV-12.2 and INV-25.2.
///
/// # Errors
/// [`InputError`] naming the field.
pub fn validate(e: &RuleException) -> Result<Authority, InputError> {
    let Some(auth) = authority(e.rule_id) else {
        return Err(InputError::new(
            "facts.rule_id",
            InputReason::ExceptionForNonDefaultRule,
            format!("{} is not a 原则上 default rule; exceptions apply only to D-rules (RULES.md §1.5)", e.rule_id),
        ));
    };
    if e.reason.trim().is_empty() {
        return Err(InputError::new("facts.reason", InputReason::Empty, "exception reason must not be empty"));
    }
    if !e.decision_ref.is_valid() {
        return Err(InputError::new("facts.decision_ref.ref", InputReason::Empty, "decision_ref must name a document"));
    }
    if e.scope == ExceptionScope::Project && e.rule_id != INV_12_2 && e.rule_id != INV_25_2 {
        return Err(InputError::new(
            "facts.scope",
            InputReason::InvalidValue,
            format!("scope project is allowed only for INV-12.2 and INV-25.2, not {}", e.rule_id),
        ));
    }
    Ok(auth)
}

/// Judges the actor of a `record_exception`: a wrong authority is a violation of the rule
/// itself with detail `wrong_authority` (RULES.md §1.8).
pub fn judge_authority(j: &mut Judge<'_>, rule: RuleId, actor: Actor, allowed: &[Actor]) {
    j.require(rule, allowed.contains(&actor), "wrong_authority");
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    seq: u32,
    rule: RuleId,
    scope: ExceptionScope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    consumed: bool,
}

/// The exceptions recorded in one log, in order, with their consumption.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionBook {
    entries: Vec<Entry>,
}

impl ExceptionBook {
    /// Records the exception of log entry `seq`.
    pub fn record(&mut self, seq: u32, e: &RuleException) {
        self.entries.push(Entry { seq, rule: e.rule_id, scope: e.scope, event: e.event.clone(), consumed: false });
    }

    /// The seq of an exception covering a breach of `rule` by `event`, skipping `used`.
    pub fn covering(&self, rule: RuleId, event: &str, used: &[u32]) -> Option<u32> {
        self.covering_where(rule, event, used, |_| true)
    }

    /// As [`ExceptionBook::covering`], among the exceptions whose seq satisfies `accept` (e.g. the
    /// authority that recorded it: INV-49.2 is excepted by drc, or by the industry authority on route 3).
    pub fn covering_where(&self, rule: RuleId, event: &str, used: &[u32], accept: impl Fn(u32) -> bool) -> Option<u32> {
        self.entries
            .iter()
            .find(|e| {
                e.rule == rule
                    && accept(e.seq)
                    && match e.scope {
                        ExceptionScope::Project => true,
                        ExceptionScope::One => {
                            !e.consumed && !used.contains(&e.seq) && e.event.as_deref().is_none_or(|ev| ev == event)
                        }
                    }
            })
            .map(|e| e.seq)
    }

    /// Marks scope-`one` exceptions consumed (after the command was accepted).
    pub fn consume(&mut self, seqs: &[u32]) {
        for e in &mut self.entries {
            if e.scope == ExceptionScope::One && seqs.contains(&e.seq) {
                e.consumed = true;
            }
        }
    }

    /// Whether any exception (consumed or not) was recorded for `rule`.
    pub fn any_for(&self, rule: RuleId) -> bool {
        self.entries.iter().any(|e| e.rule == rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::DocKind;
    use crate::outcome::{Mode, OutcomeKind};

    fn exc(rule: RuleId, scope: ExceptionScope) -> RuleException {
        RuleException {
            decision_ref: DocRef::new(DocKind::Minutes, "会议纪要〔2024〕3号"),
            event: None,
            reason: "approved by the meeting".into(),
            rule_id: rule,
            scope,
        }
    }

    /// Source: INV-49.2 — a D-rule yields default_breach unless an earlier exception covers it; scope one is consumed once.
    #[test]
    fn scope_one_is_consumed_once() {
        let mut book = ExceptionBook::default();
        book.record(3, &exc(INV_49_2, ExceptionScope::One));
        let mut j = Judge::new(Mode::Enforce, "approve_adjustment", &book);
        assert!(!j.default_rule(INV_49_2, false, ""));
        let v = j.verdict().unwrap();
        assert!(v.outcomes.is_empty());
        assert_eq!(v.exceptions_used, vec![3]);
        book.consume(&v.exceptions_used);
        let mut j = Judge::new(Mode::Enforce, "approve_adjustment", &book);
        j.default_rule(INV_49_2, false, "");
        let v = j.verdict().unwrap();
        assert_eq!(v.outcomes[0].kind, OutcomeKind::DefaultBreach);
    }

    /// Source: INV-25.2 — scope project covers every later breach.
    #[test]
    fn scope_project_covers_all() {
        let mut book = ExceptionBook::default();
        book.record(1, &exc(INV_25_2, ExceptionScope::Project));
        for _ in 0..3 {
            let mut j = Judge::new(Mode::Enforce, "submit_budget", &book);
            j.default_rule(INV_25_2, false, "");
            let v = j.verdict().unwrap();
            assert!(v.outcomes.is_empty());
            book.consume(&v.exceptions_used);
        }
    }

    #[test]
    fn validation() {
        assert!(validate(&exc(INV_35_3, ExceptionScope::One)).is_err());
        assert!(validate(&exc(INV_49_2, ExceptionScope::Project)).is_err());
        assert!(validate(&exc(INV_12_2, ExceptionScope::Project)).is_ok());
        let mut e = exc(INV_7_2, ExceptionScope::One);
        e.reason = " ".into();
        assert!(validate(&e).is_err());
        assert_eq!(authority(INV_7_2), Some(Authority::Actor(Actor::ExecutiveMeeting)));
    }

    #[test]
    fn named_event_only() {
        let mut book = ExceptionBook::default();
        let mut e = exc(INV_23_2, ExceptionScope::One);
        e.event = Some("approve_settlement".into());
        book.record(2, &e);
        assert_eq!(book.covering(INV_23_2, "award_contract", &[]), None);
        assert_eq!(book.covering(INV_23_2, "approve_settlement", &[]), Some(2));
    }
}
