//! Actors and permissions of 宛政办〔2023〕12号 第二章 (DIG-5 to DIG-12), and the input checks every
//! DIG handler shares.
//!
//! | Actor | Role in DIG |
//! |---|---|
//! | `bigdata_bureau` | competent department: annual plan, construction mode, FSR approval, completion acceptance, soe supervision (DIG-5) |
//! | `bigdata_center` | demand analysis and plan opinion, basic supporting demand plans, FSR consent, initial acceptance, unified O&M (DIG-13, 14.4, 16.1, 19.1) |
//! | `soe` | implementer: FSR, procurement, construction, O&M, security duty, final accounts (DIG-2, 7, 21, 27) |
//! | `demand_unit` | demand plan, written confirmation, co-writes the FSR, trial run, acceptance, sign-off (DIG-6, 13.4, 14.2, 16.5) |
//! | `drc` | project filing of self-funded soe projects (DIG-8, 14.5) |
//! | `finance` | special fund, fund review (DIG-9, 26.1) |
//! | `cac` | network security review (DIG-11) |
//! | `audit` | audit of funds (DIG-12, 27.2) |
//! | `leader_bigdata`, `executive_vice_mayor` | consents to emergency additions and case-by-case modes (DIG-13.7, 18) |
//! | `executive_meeting`, `municipal_government` | approve the annual tasks (DIG-13.3) and the soe investment plan (DIG-24.2) |
//!
//! A wrong actor is a `violation` with detail `wrong_actor` of the rule naming the actor
//! (RULES.md §1.6); a missing joint actor (`co_actors`) of a joint act is `missing_co_actor`.

use crate::actor::{Actor, DocRef};
use crate::digital::events::DigEventKind;
use crate::error::{InputError, InputReason};
use crate::event::Event;
use crate::exception::{self, Authority, RuleException};
use crate::log::Command;
use crate::machine::ActorSpec;
use crate::outcome::Judge;
use crate::rule::RuleId;
use crate::rules::*;

/// The rule a wrong actor of a `dig` event violates (RULES.md §1.6: the rule naming that actor;
/// DIG-5, the competent department's supervision, otherwise), by the event's kind: the match is
/// exhaustive, so a new event decides its rule here.
pub fn actor_rule(event: DigEventKind, basic_supporting: bool) -> RuleId {
    use DigEventKind as K;
    match event {
        K::RegisterDigProject | K::SubmitDemandPlan if basic_supporting => DIG_13_6,
        K::RegisterDigProject | K::SubmitDemandPlan => DIG_6,
        K::ModifyDemandPlan => DIG_13_5,
        K::IssueTaskBook => DIG_13_3,
        K::EmergencyAdd => DIG_13_7,
        K::DecideEmergencyMode => DIG_18,
        K::FormProposedList => DIG_14_1,
        K::ConfirmDemand => DIG_14_2,
        K::CompileFsr => DIG_14_3,
        K::CenterReviewFsr | K::ApproveFsr | K::RefuseFsr => DIG_14_4,
        K::FileWithDrc => DIG_14_5,
        K::RecordDigFunding => DIG_26_1,
        K::OpenDedicatedAccount => DIG_26_2,
        K::EntrustCenterSupervision => DIG_15_2,
        K::StartConstruction => DIG_15_1,
        K::RecordSecurityReview => DIG_11,
        K::CompleteConstruction => DIG_7,
        K::PassInitialAcceptance | K::FailInitialAcceptance => DIG_16_1,
        K::StartTrialRun => DIG_16_2,
        K::ReportIssue | K::RectifyIssue => DIG_16_3,
        K::PassFinalAcceptance | K::FailFinalAcceptance => DIG_16_4,
        K::SignOff | K::Deliver => DIG_16_5,
        K::RecordSecurityAssessment => DIG_21,
        K::FileFinalAccounts => DIG_27_1,
        K::Evaluate => DIG_29,
        K::RecordException | K::RecordManualFinding | K::WithdrawProject | K::Suspend | K::Resume | K::Stop => DIG_5,
    }
}

/// [`actor_rule`] of a command's event; DIG-5 for an event of another machine (the INV parts
/// judge their own actors).
pub fn actor_rule_of(event: &Event, basic_supporting: bool) -> RuleId {
    match event {
        Event::Dig(e) => actor_rule(e.kind(), basic_supporting),
        _ => DIG_5,
    }
}

/// Whether `actor` satisfies `spec` (the specs DIG tables use).
pub fn actor_allowed(spec: ActorSpec, actor: Actor, suspender: Option<Actor>) -> bool {
    match spec {
        ActorSpec::Any(list) => list.contains(&actor),
        ActorSpec::Suspender => suspender == Some(actor),
        // The exception's authority is judged by the record_exception handler.
        ActorSpec::RuleAuthority => true,
        // Not used by DIG tables.
        ActorSpec::PendingApprover | ActorSpec::DesignApprover | ActorSpec::RouteApprover | ActorSpec::Competent => {
            false
        }
    }
}

/// Checks the command's actor against `spec`; a wrong actor is a violation of `rule` (`wrong_actor`).
pub fn judge_actor(j: &mut Judge<'_>, spec: ActorSpec, cmd: &Command, rule: RuleId) -> bool {
    j.require(rule, actor_allowed(spec, cmd.actor, None), "wrong_actor")
}

/// Whether `actor` is among the command's joint actors.
pub fn has_co_actor(cmd: &Command, actor: Actor) -> bool {
    cmd.co_actors.iter().any(|c| c.actor == actor)
}

/// A required document reference must name a document (non-blank 文号).
///
/// # Errors
/// [`InputError`] `empty` at `path`.
pub fn require_ref(r: &DocRef, path: &str) -> Result<(), InputError> {
    if r.is_valid() {
        Ok(())
    } else {
        Err(InputError::new(format!("{path}.ref"), InputReason::Empty, "the document reference must not be empty"))
    }
}

/// An optional document reference, when given, must name a document.
///
/// # Errors
/// [`InputError`] `empty` at `path`.
pub fn optional_ref(r: Option<&DocRef>, path: &str) -> Result<(), InputError> {
    r.map_or(Ok(()), |r| require_ref(r, path))
}

/// A required text must not be blank.
///
/// # Errors
/// [`InputError`] `empty` at `path`.
pub fn require_text(s: &str, path: &str) -> Result<(), InputError> {
    if s.trim().is_empty() { Err(InputError::new(path, InputReason::Empty, "must not be empty")) } else { Ok(()) }
}

/// Ids in a list must be non-blank and unique.
///
/// # Errors
/// [`InputError`] `empty` or `unknown_id` (reused) at `path`.
pub fn unique(ids: &[String], path: &str) -> Result<(), InputError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, id) in ids.iter().enumerate() {
        require_text(id, &format!("{path}[{i}]"))?;
        if !seen.insert(id.as_str()) {
            return Err(InputError::new(
                format!("{path}[{i}]"),
                InputReason::UnknownId,
                format!("id {} is listed twice", crate::error::echo(id)),
            ));
        }
    }
    Ok(())
}

/// A consent counts when the document exists and, if its issuer is given, was issued by `by`.
pub fn consent_by(r: Option<&DocRef>, by: Actor) -> bool {
    r.is_some_and(|r| r.is_valid() && r.issuer.is_none_or(|i| i == by))
}

/// The DIG reading of an INV exception authority (AMB-25 mapping): project_unit := soe,
/// industry_authority := bigdata_bureau.
pub fn map_inv_actor(a: Actor) -> Actor {
    match a {
        Actor::ProjectUnit => Actor::Soe,
        Actor::IndustryAuthority => Actor::BigdataBureau,
        other => other,
    }
}

/// Judges a `record_exception` on a DIG stream: the rule must be a D-rule (else [`InputError`]) and
/// the actor its authority (RULES.md §1.8), else a violation of the rule (`wrong_authority`).
///
/// # Errors
/// [`InputError`] from [`exception::validate`].
pub fn judge_exception(j: &mut Judge<'_>, p: &RuleException, actor: Actor) -> Result<(), InputError> {
    let allowed: Vec<Actor> = match exception::validate(p)? {
        Authority::Actor(a) => vec![map_inv_actor(a)],
        Authority::AdjustmentApprover => vec![Actor::Drc, Actor::BigdataBureau],
        // A design approver exists only on INV projects with a design stage; DIG projects have none (AMB-33).
        Authority::DesignApprover => Vec::new(),
    };
    exception::judge_authority(j, p.rule_id, actor, &allowed);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::DocKind;
    use crate::digital::lifecycle::TABLE;

    /// Source: DIG-14.4 — every DIG event names the rule a wrong actor violates; approvals cite 14.4.
    #[test]
    fn actor_rules() {
        assert_eq!(actor_rule(DigEventKind::ApproveFsr, false), DIG_14_4);
        assert_eq!(actor_rule(DigEventKind::SubmitDemandPlan, true), DIG_13_6);
        assert_eq!(actor_rule(DigEventKind::SubmitDemandPlan, false), DIG_6);
        assert_eq!(actor_rule(DigEventKind::WithdrawProject, false), DIG_5);
        for row in TABLE {
            assert!(actor_rule(DigEventKind::parse(row.event).unwrap(), false).as_str().starts_with("DIG-"));
        }
    }

    #[test]
    fn consents() {
        let mut c = DocRef::new(DocKind::Consent, "同意1");
        assert!(consent_by(Some(&c), Actor::LeaderBigdata));
        c.issuer = Some(Actor::ExecutiveViceMayor);
        assert!(!consent_by(Some(&c), Actor::LeaderBigdata));
        assert!(consent_by(Some(&c), Actor::ExecutiveViceMayor));
        assert!(!consent_by(Some(&DocRef::new(DocKind::Consent, " ")), Actor::LeaderBigdata));
        assert!(!consent_by(None, Actor::LeaderBigdata));
    }

    #[test]
    fn input_helpers() {
        assert!(unique(&["a".into(), "b".into()], "x").is_ok());
        assert_eq!(unique(&["a".into(), "a".into()], "x").unwrap_err().reason, InputReason::UnknownId);
        assert_eq!(unique(&[" ".into()], "x").unwrap_err().reason, InputReason::Empty);
        assert!(require_ref(&DocRef::new(DocKind::Approval, ""), "facts.ref").is_err());
        assert!(optional_ref(None, "facts.ref").is_ok());
    }
}
