//! Demand and tasking of a project (宛政办〔2023〕12号 第十三条; DIG-13.4 to 13.7): the demand plan
//! and its modification, the task book read from the approved cycle ([`crate::digital::cycle`],
//! DIG-13.1 to 13.3), the emergency addition (DIG-13.7), and their §4.10 decision functions
//! (`dig_demand_change_allowed`, `dig_emergency_add_ok`).
//!
//! ```text
//!  registered ─submit_demand_plan─▶ demand_submitted ─issue_task_book─▶ tasked ◀─emergency_add─ registered,
//!        ▲                                │                                       (both consents) demand_submitted,
//!        └──── not_tasked ◀───────────────┘ (not approved)                                        not_tasked
//! ```

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::config::Context;
use crate::digital::cycle::DigCycleState;
use crate::digital::cycle::construction_mode_ok;
use crate::digital::events::{EmergencyAdd, IssueTaskBook, ModifyDemandPlan, SubmitDemandPlan};
use crate::digital::ledger::EmergencyRecord;
use crate::digital::lifecycle::DigState;
use crate::digital::project::DigitalProject;
use crate::digital::roles;
use crate::error::Error;
use crate::machine::kernel::{Call, Next};
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;

/// DIG-13.5 guard: modification needs the center's demonstration AND the bureau's consent.
pub fn judge_demand_change(j: &mut Judge<'_>, demo_passed: bool, bureau_consent: bool) -> bool {
    let a = j.require(DIG_13_5, demo_passed, "no_demonstration");
    let b = j.require(DIG_13_5, bureau_consent, "no_consent");
    a && b
}

/// DIG-13.7 R part: an addition needs urgent_deployment ∨ sudden_event AND both leaders' consents.
pub fn judge_emergency_add(
    j: &mut Judge<'_>,
    urgent_deployment: bool,
    sudden_event: bool,
    consent_leader_bigdata: bool,
    consent_vice_mayor: bool,
) -> bool {
    let a = j.require(DIG_13_7, urgent_deployment || sudden_event, "no_emergency_category");
    let b = j.require(DIG_13_7, consent_leader_bigdata, "no_consent_leader_bigdata");
    let c = j.require(DIG_13_7, consent_vice_mayor, "no_consent_vice_mayor");
    a && b && c
}

/// Request of [`dig_demand_change_allowed`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemandChangeRequest {
    /// The bureau consented.
    pub bureau_consent: bool,
    /// The big data center's demonstration passed.
    pub demo_passed: bool,
}

/// Result of [`dig_demand_change_allowed`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DemandChangeDecision {
    /// Modification allowed.
    pub allowed: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Violations of DIG-13.5.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_demand_change_allowed(demo_passed, bureau_consent)` = both (DIG-13.5, R).
///
/// # Errors
/// None besides the request's own shape.
///
/// # Example
/// ```
/// use wanzheng::digital::demand::{dig_demand_change_allowed, DemandChangeRequest};
/// let d = dig_demand_change_allowed(DemandChangeRequest { bureau_consent: true, demo_passed: false }, &Default::default()).unwrap();
/// assert!(!d.allowed);
/// assert_eq!(d.outcomes[0].detail, "no_demonstration");
/// ```
pub fn dig_demand_change_allowed(req: DemandChangeRequest, _ctx: &Context) -> Result<DemandChangeDecision, Error> {
    let mut j = Judge::pure();
    let allowed = judge_demand_change(&mut j, req.demo_passed, req.bureau_consent);
    let (rules, outcomes) = j.into_parts();
    Ok(DemandChangeDecision { allowed, rules, outcomes })
}

/// Request of [`dig_emergency_add_ok`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyAddRequest {
    /// The city leader in charge of big data consented.
    pub consent_leader_bigdata: bool,
    /// The executive vice-mayor consented.
    pub consent_vice_mayor: bool,
    /// 涉及突发事件.
    #[serde(default)]
    pub sudden_event: bool,
    /// 紧急部署.
    #[serde(default)]
    pub urgent_deployment: bool,
}

/// Result of [`dig_emergency_add_ok`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EmergencyAddDecision {
    /// The addition is allowed.
    pub ok: bool,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Violations of DIG-13.7.
    pub outcomes: Vec<Outcome>,
}

/// §4.10 `dig_emergency_add_ok` = (urgent_deployment ∨ sudden_event) ∧ both consents (DIG-13.7).
///
/// # Errors
/// None besides the request's own shape.
pub fn dig_emergency_add_ok(req: EmergencyAddRequest, _ctx: &Context) -> Result<EmergencyAddDecision, Error> {
    let mut j = Judge::pure();
    let ok = judge_emergency_add(
        &mut j,
        req.urgent_deployment,
        req.sudden_event,
        req.consent_leader_bigdata,
        req.consent_vice_mayor,
    );
    let (rules, outcomes) = j.into_parts();
    Ok(EmergencyAddDecision { ok, rules, outcomes })
}

impl DigitalProject {
    pub(crate) fn submit_demand_plan(&mut self, p: &SubmitDemandPlan, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        // DIG-13.4: the plan states the problem, scope of use, function/performance and functional logic.
        let mut missing: Vec<&'static str> = Vec::new();
        if p.contents.is_empty() {
            missing.push("missing_contents");
        }
        for item in &p.contents {
            for (text, detail) in [
                (&item.problem, "missing_problem"),
                (&item.scope_of_use, "missing_scope_of_use"),
                (&item.function_performance, "missing_function_performance"),
                (&item.functional_logic, "missing_functional_logic"),
            ] {
                if text.trim().is_empty() && !missing.contains(&detail) {
                    missing.push(detail);
                }
            }
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_13_4);
            for detail in &missing {
                j.require(DIG_13_4, false, *detail);
            }
            j.trace(DIG_13_6);
            j.trace(DIG_6);
            j.verdict()?
        };
        let complete = missing.is_empty();
        self.ledger.plan_year = Some(p.cycle);
        self.ledger.demand_plan = Some(p.reference.clone());
        self.ledger.demand_plan_complete = complete;
        Ok(Next::to(verdict, DigState::DemandSubmitted))
    }

    pub(crate) fn modify_demand_plan(&mut self, p: &ModifyDemandPlan, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::optional_ref(p.demonstration_ref.as_ref(), "facts.demonstration_ref")?;
        roles::optional_ref(p.consent_ref.as_ref(), "facts.consent_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.5: 论证通过 by the center AND 同意 by the bureau, both before the modification.
            judge_demand_change(
                &mut j,
                roles::consent_by(p.demonstration_ref.as_ref(), Actor::BigdataCenter),
                roles::consent_by(p.consent_ref.as_ref(), Actor::BigdataBureau),
            );
            j.verdict()?
        };
        self.ledger.demand_modifications += 1;
        Ok(Next::stay(verdict))
    }

    pub(crate) fn issue_task_book(&mut self, p: &IssueTaskBook, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_ref(&p.task_book_ref, "facts.task_book_ref")?;
        let funding = self.funding()?;
        let year = self.ledger.plan_year.unwrap_or_else(|| c.cmd.date.year());
        let view = self.cycles.year(year);
        // RULES.md §3.5 A8 (DIG-3.3 「审核后方可组织实施」): a county project named in the bureau's
        // review of its county's plan for the year is tasked on that review, not on the municipal
        // cycle's tasks_approved.
        let county_tasked = self
            .ledger
            .registration
            .as_ref()
            .and_then(|r| r.county.as_deref())
            .is_some_and(|county| self.cycles.county_tasks(year, county, &self.project_id));
        let cycle_approved = county_tasked || view.is_some_and(|v| v.state == DigCycleState::TasksApproved);
        let approved = county_tasked || view.is_some_and(|v| v.tasks(&self.project_id));
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.3: tasks come from the cycle approved by the executive meeting (a county
            // project's from the bureau's review of its county's plan, §3.5 A8).
            j.require(DIG_13_3, cycle_approved, "cycle_not_approved");
            if approved {
                let drafted = view.and_then(|v| v.modes.get(&self.project_id)).copied();
                j.require(DIG_13_3, drafted.is_none_or(|m| m == p.construction_mode), "differs_from_tasks");
            }
            // DIG-5: the construction mode suits the project's funding (17.2).
            j.require(DIG_5, construction_mode_ok(p.construction_mode, funding), "construction_mode");
            j.verdict()?
        };
        // INTERPRETATION: DIG-13.3 — tasked when approved; a task book issued without an approved cycle
        // (record mode only: a violation in enforce) tasks the project as the fact on the ground, with
        // F-DIG-13.3. On replay the stored target stands.
        let tasked = match c.stored_to {
            Some(to) => to == DigState::Tasked.as_str(),
            None => approved || !cycle_approved,
        };
        let to = if tasked {
            self.ledger.task_book = Some(p.task_book_ref.clone());
            self.ledger.construction_mode = Some(p.construction_mode);
            // AMB-25, AMB-50: "in plan" for the INV parts = tasked in an approved cycle.
            if let Some(parts) = self.parts.as_mut() {
                parts.set_dig_tasked(true);
            }
            DigState::Tasked
        } else {
            DigState::NotTasked
        };
        Ok(Next::to(verdict, to))
    }

    pub(crate) fn emergency_add(&mut self, p: &EmergencyAdd, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::optional_ref(p.consent_leader_bigdata.as_ref(), "facts.consent_leader_bigdata")?;
        roles::optional_ref(p.consent_vice_mayor.as_ref(), "facts.consent_vice_mayor")?;
        let leader = roles::consent_by(p.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata);
        let vice = roles::consent_by(p.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor);
        let (verdict, ok) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.7 (R part): urgent deployment or sudden event, and BOTH leaders' consents.
            let ok = judge_emergency_add(&mut j, p.urgent_deployment, p.sudden_event, leader, vice);
            (j.verdict()?, ok)
        };
        self.ledger.emergency = Some(EmergencyRecord {
            urgent_deployment: p.urgent_deployment,
            sudden_event: p.sudden_event,
            consent_leader_bigdata: p.consent_leader_bigdata.clone(),
            consent_vice_mayor: p.consent_vice_mayor.clone(),
            ok,
        });
        if self.ledger.plan_year.is_none() {
            self.ledger.plan_year = Some(c.cmd.date.year());
        }
        // AMB-25, AMB-50: an emergency addition puts the project "in plan" for the INV parts.
        if let Some(parts) = self.parts.as_mut() {
            parts.set_dig_tasked(true);
        }
        Ok(Next::to(verdict, DigState::Tasked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: DIG-13.5 — modification needs both the demonstration and the consent.
    #[test]
    fn demand_change() {
        let ctx = Context::default();
        for (demo, consent) in [(true, true), (true, false), (false, true), (false, false)] {
            let r = dig_demand_change_allowed(DemandChangeRequest { bureau_consent: consent, demo_passed: demo }, &ctx)
                .unwrap();
            assert_eq!(r.allowed, demo && consent);
            assert_eq!(r.outcomes.len(), usize::from(!demo) + usize::from(!consent));
            assert_eq!(r.rules, vec![DIG_13_5]);
        }
    }

    /// Source: DIG-13.7 — (urgent ∨ sudden) ∧ both consents.
    #[test]
    fn emergency_add() {
        let ctx = Context::default();
        let ok = |u, s, a, b| {
            dig_emergency_add_ok(
                EmergencyAddRequest {
                    consent_leader_bigdata: a,
                    consent_vice_mayor: b,
                    sudden_event: s,
                    urgent_deployment: u,
                },
                &ctx,
            )
            .unwrap()
            .ok
        };
        assert!(ok(true, false, true, true));
        assert!(ok(false, true, true, true));
        assert!(!ok(false, false, true, true));
        assert!(!ok(true, false, true, false));
        assert!(!ok(true, true, false, true));
    }
}
