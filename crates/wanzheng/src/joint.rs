//! What both machines stand on of the other regulation, below `digital/` and `investment/`
//! (the module graph: `digital/` imports the INV parts it runs from `investment/`, AMB-25;
//! `investment/` imports nothing from `digital/`, and both import this):
//!
//! * DE of RULES.md §3.3.1 — the inputs of a recorded DIG-18 case-by-case decision and its one
//!   judgement ([`judge_emergency_mode`]), for the DIG start (`digital/construction.rs`) and the
//!   §3.3.4 gates of the INV parts (`investment/gates.rs`); public as `digital::approval::*`;
//! * the DIG-13.1 demand-collection window of a plan year ([`demand_window`]), which the
//!   DIG cycle judges and the INV plan dates carry; public as `digital::demand_window`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{InputError, InputReason};
use crate::outcome::Judge;
use crate::rules::*;

/// DIG-18: case-by-case implementation needs (urgent_deployment ∧ deadline_and_assessment) ∨
/// sudden_event AND both leaders' consents (AMB-26).
pub fn judge_emergency_18(
    j: &mut Judge<'_>,
    urgent_deployment: bool,
    deadline_and_assessment: bool,
    sudden_event: bool,
    consent_leader_bigdata: bool,
    consent_vice_mayor: bool,
) -> bool {
    let a =
        j.require(DIG_18, (urgent_deployment && deadline_and_assessment) || sudden_event, "no_case_by_case_category");
    let b = j.require(DIG_18, consent_leader_bigdata, "no_consent_leader_bigdata");
    let c = j.require(DIG_18, consent_vice_mayor, "no_consent_vice_mayor");
    a && b && c
}

/// DE of RULES.md §3.3.1: the inputs of a recorded DIG-18 case-by-case decision
/// (`decide_emergency_mode`) and of the DIG-13.7 addition it rests on — what the DIG project hands
/// its INV parts for the §3.3.4 matrix, and what its own `start_construction` judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyModeFacts {
    /// Added under DIG-13.7 (补列入).
    pub added: bool,
    /// 紧急部署 (of the addition).
    pub urgent_deployment: bool,
    /// 有明确的时间节点和考核要求 (of the decision).
    pub deadline_and_assessment: bool,
    /// 突发事件 (of the addition).
    pub sudden_event: bool,
    /// Consent of leader_bigdata to the decision.
    pub consent_leader_bigdata: bool,
    /// Consent of executive_vice_mayor to the decision.
    pub consent_vice_mayor: bool,
}

/// DE (RULES.md §3.3.1, §3.3.4): a recorded DIG-18 decision holds — the project was added under
/// DIG-13.7 (`not_added`) and §4.10 `dig_emergency_ok` holds (the DIG-18 details of
/// [`judge_emergency_18`]). The one judgement of DE, for the DIG start and the INV parts.
pub fn judge_emergency_mode(j: &mut Judge<'_>, de: &EmergencyModeFacts) -> bool {
    let added = j.require(DIG_18, de.added, "not_added");
    let ok = judge_emergency_18(
        j,
        de.urgent_deployment,
        de.deadline_and_assessment,
        de.sudden_event,
        de.consent_leader_bigdata,
        de.consent_vice_mayor,
    );
    added && ok
}

/// The DIG-13.1 collection window of cycle `p` under the rule version `rules` (built-in:
/// (P−1)-10-11 … (P−1)-10-20, both IN; 中旬 = days 11–20).
///
/// # Errors
/// [`InputError`] for a year outside the calendar's range of dates.
///
/// # Example
/// ```
/// use wanzheng::ruleset::RuleSet;
/// let (from, to) = wanzheng::digital::demand_window(2024, RuleSet::builtin()).unwrap();
/// assert_eq!((from.to_string(), to.to_string()), ("2023-10-11".into(), "2023-10-20".into()));
/// ```
pub fn demand_window(p: i32, rules: &crate::ruleset::RuleSet) -> Result<(NaiveDate, NaiveDate), InputError> {
    use crate::config::PlanDeadlines;
    let bad = || InputError::new("year", InputReason::InvalidValue, format!("no collection window for year {p}"));
    let prev = p.checked_sub(1).ok_or_else(bad)?;
    let (fm, fd) = PlanDeadlines::month_day(&rules.values.dig_demand_from, "ruleset.values.dig_demand_from")?;
    let (tm, td) = PlanDeadlines::month_day(&rules.values.dig_demand_to, "ruleset.values.dig_demand_to")?;
    let from = NaiveDate::from_ymd_opt(prev, fm, fd).ok_or_else(bad)?;
    let to = NaiveDate::from_ymd_opt(prev, tm, td).ok_or_else(bad)?;
    Ok((from, to))
}
