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
use crate::error::{InputError, InputReason};
use crate::exception::{self, Authority, RuleException};
use crate::log::Command;
use crate::machine::ActorSpec;
use crate::outcome::Judge;
use crate::rule::RuleId;
use crate::rules::*;

/// The rule a wrong actor of a `dig` event violates (RULES.md §1.6: the rule naming that actor;
/// DIG-5, the competent department's supervision, otherwise).
pub fn actor_rule(event: &str, basic_supporting: bool) -> RuleId {
    match event {
        "register_dig_project" | "submit_demand_plan" if basic_supporting => DIG_13_6,
        "register_dig_project" | "submit_demand_plan" => DIG_6,
        "modify_demand_plan" => DIG_13_5,
        "issue_task_book" => DIG_13_3,
        "emergency_add" => DIG_13_7,
        "decide_emergency_mode" => DIG_18,
        "form_proposed_list" => DIG_14_1,
        "confirm_demand" => DIG_14_2,
        "compile_fsr" => DIG_14_3,
        "center_review_fsr" | "approve_fsr" | "refuse_fsr" => DIG_14_4,
        "file_with_drc" => DIG_14_5,
        "record_dig_funding" => DIG_26_1,
        "open_dedicated_account" => DIG_26_2,
        "entrust_center_supervision" => DIG_15_2,
        "start_construction" => DIG_15_1,
        "record_security_review" => DIG_11,
        "complete_construction" => DIG_7,
        "pass_initial_acceptance" | "fail_initial_acceptance" => DIG_16_1,
        "start_trial_run" => DIG_16_2,
        "report_issue" | "rectify_issue" => DIG_16_3,
        "pass_final_acceptance" | "fail_final_acceptance" => DIG_16_4,
        "sign_off" | "deliver" => DIG_16_5,
        "record_security_assessment" => DIG_21,
        "file_final_accounts" => DIG_27_1,
        "evaluate" => DIG_29,
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
        assert_eq!(actor_rule("approve_fsr", false), DIG_14_4);
        assert_eq!(actor_rule("submit_demand_plan", true), DIG_13_6);
        assert_eq!(actor_rule("submit_demand_plan", false), DIG_6);
        assert_eq!(actor_rule("withdraw_project", false), DIG_5);
        for row in TABLE {
            assert!(actor_rule(row.event, false).as_str().starts_with("DIG-"));
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
