//! The annual government-investment plan `plan/<P>` (INV-12, INV-27 to INV-31; RULES.md §3.1.3,
//! §3.1.6 (b)): states, events, transition table, the per-project plan status projects read, and
//! the plan calendar of §4.6. The machine itself is [`crate::investment::annual_plan::AnnualPlan`].
//!
//! ```text
//!  submit_for_plan ─▶ plan_collecting ─compile_draft─▶ plan_drafted ─submit_draft_to_meeting─▶ plan_at_meeting
//!                                                          ▲                                        │ meeting_decide
//!                                                          └──────────── returned ◀─────────────────┤
//!                                                                                                   ▼ decided
//!            plan_issued (facts: add_out_of_plan, supplement issue_plan, record_exception) ◀─issue_plan─ plan_decided
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::config::{Config, PlanDeadlines};
use crate::error::{InputError, InputReason};
use crate::event::event_enum;
use crate::exception::RuleException;
use crate::log::MachineId;
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Row};
use crate::money::Yuan;
use crate::outcome::{Judge, Outcome};
use crate::rule::RuleId;
use crate::rules::*;
use crate::ruleset::RuleSet;
use crate::wire::wire_enum;

wire_enum! {
    /// States of a plan year's stream (RULES.md §3.1.3).
    pub enum PlanState {
        /// Collecting submissions (INV-29.1).
        PlanCollecting = "plan_collecting",
        /// Draft compiled by drc and finance (INV-29.2).
        PlanDrafted = "plan_drafted",
        /// Draft before the executive meeting (INV-29.3).
        PlanAtMeeting = "plan_at_meeting",
        /// Decided by the meeting.
        PlanDecided = "plan_decided",
        /// Issued (terminal, facts only; INV-29.4).
        PlanIssued = "plan_issued",
    }
}

wire_enum! {
    /// A project's plan status in one plan year, derived from the plan stream (RULES.md §3.1.3).
    pub enum ProjectPlanStatus {
        /// Not submitted.
        PlanNone = "plan_none",
        /// Submitted.
        PlanSubmitted = "plan_submitted",
        /// In the draft (included or pending).
        PlanDrafted = "plan_drafted",
        /// Before the meeting.
        PlanAtMeeting = "plan_at_meeting",
        /// Approved by the meeting (not a project approval, INV-30.4).
        PlanMeetingApproved = "plan_meeting_approved",
        /// In the issued plan (main or supplement).
        PlanIssued = "plan_issued",
        /// Excluded.
        PlanNotIncluded = "plan_not_included",
    }
}

/// One project's entry in one plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanEntry {
    /// Status.
    pub status: ProjectPlanStatus,
    /// The annual amount of the entry, when decided.
    pub annual_amount: Option<Yuan>,
    /// The issue date, when issued.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub issued_on: Option<chrono::NaiveDate>,
    /// The entry is on the plan's preparatory-fee line only (`decision: preparatory`, RULES.md
    /// §3.5 D2): class-P payments are in plan up to `annual_amount`, nothing else is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preparatory: bool,
    /// The main issue date of the year's plan, for a project the issued plan does not carry
    /// (RULES.md §3.5 D2: a January payment of a continuing project is in plan until then).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::date::strict_opt")]
    pub plan_issued_on: Option<chrono::NaiveDate>,
}

impl PlanEntry {
    /// In the issued plan (main or supplement) with its annual amount: every payment of the year
    /// is in plan (INV-12.2), the start reads its amount (INV-34). An entry on the preparatory
    /// line only is not (RULES.md §3.5 D2).
    pub fn in_plan(&self) -> bool {
        self.status == ProjectPlanStatus::PlanIssued && !self.preparatory
    }

    /// When the year's main plan was issued, as far as this project knows it (its own issue date,
    /// or the plan's when the plan does not carry it).
    pub fn plan_issued(&self) -> Option<chrono::NaiveDate> {
        self.issued_on.or(self.plan_issued_on)
    }
}

/// What a project reads from the plan streams: its entry per plan year (INV-12.2, 34, 55.6).
///
/// A project is in the plans of a few years: the entries are kept in a small list ordered by
/// year (JSON: an object keyed by year, as a map).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInputs {
    years: Vec<(i32, PlanEntry)>,
}

impl PlanInputs {
    /// The entry of year `p`, if any.
    pub fn entry(&self, p: i32) -> Option<&PlanEntry> {
        self.years.iter().find(|(y, _)| *y == p).map(|(_, e)| e)
    }

    /// Sets the entry of year `p` (replacing any).
    pub fn insert(&mut self, p: i32, entry: PlanEntry) {
        match self.years.binary_search_by_key(&p, |(y, _)| *y) {
            Ok(i) => self.years[i].1 = entry,
            Err(i) => {
                crate::mem::reserve_small(&mut self.years);
                self.years.insert(i, (p, entry));
            }
        }
    }

    /// The entries by year, in year order.
    pub fn years(&self) -> impl Iterator<Item = (i32, &PlanEntry)> {
        self.years.iter().map(|(y, e)| (*y, e))
    }

    /// Whether the project is in the issued plan (main or supplement) of year `p`, not on its
    /// preparatory line only (RULES.md §3.5 D2).
    pub fn issued_in(&self, p: i32) -> bool {
        self.entry(p).is_some_and(PlanEntry::in_plan)
    }
}

impl Serialize for PlanInputs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            years: BTreeMap<i32, &'a PlanEntry>,
        }
        Repr { years: self.years().collect() }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for PlanInputs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Repr {
            years: BTreeMap<i32, PlanEntry>,
        }
        Ok(PlanInputs { years: Repr::deserialize(d)?.years.into_iter().collect() })
    }
}

// ---------------------------------------------------------------------------------------------
// Events (§3.1.6 (b))
// ---------------------------------------------------------------------------------------------

/// The body giving a written opinion on a plan submission (INV-29.1: 依次征求…等部门).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpinionAuthority {
    /// 自然资源和规划.
    NaturalResourcesPlanning,
    /// 生态环境.
    EcologyEnvironment,
    /// 人防.
    CivilAirDefence,
    /// 等: a further department (may follow the three).
    Other,
}

/// One written opinion on a plan submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanOpinion {
    /// The department.
    pub authority: OpinionAuthority,
    /// The opinion's date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// The opinion.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// When the industry authority sought it (RULES.md §3.5 B17): when every opinion has one,
    /// the 依次 order of soliciting is read from these dates, otherwise from the list order.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::date::strict_opt")]
    pub sought_on: Option<NaiveDate>,
}

/// `submit_for_plan` (industry_authority): ∅, plan_collecting, plan_drafted → plan_collecting or same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitForPlan {
    /// The project unit's plan application report (项目申请报告).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_report: Option<DocRef>,
    /// 重大应急抢险等特殊项目: exempt from the report and opinions (AMB-10).
    #[serde(default)]
    pub exempt_special: bool,
    /// The industry authority's written review opinion (书面审查意见).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry_opinion: Option<DocRef>,
    /// The other departments' written opinions, in the order sought (unless each carries `sought_on`).
    #[serde(default)]
    pub opinions: Vec<PlanOpinion>,
    /// 项目统一代码, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// The project.
    pub project_id: String,
}

/// Whether a project is in the plan (INV-28(三), (五)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Inclusion {
    /// Included with its annual amount.
    Included,
    /// 待安排项目.
    Pending,
    /// Not included.
    Excluded,
    /// On the preparatory-fee line (28(四) 拟安排的项目前期工作费用, RULES.md §3.5 D2): class-P
    /// payments of the project are in plan up to `annual_amount`.
    Preparatory,
}

/// One project decision of a draft or meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDecision {
    /// The annual amount (年度投资额).
    pub annual_amount: Yuan,
    /// 建设内容 (INV-28(三)); an included project without it → W INV-28 `plan_entry_incomplete`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Included, pending, excluded, or on the preparatory-fee line (RULES.md §3.5 D2).
    pub decision: Inclusion,
    /// 具体项目名称 (INV-28(三)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 建设工期 (INV-28(三)), as the plan states it (e.g. `2024-03 — 2025-12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// 项目统一代码, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// The project.
    pub project_id: String,
    /// 建设规模 (INV-28(三)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The funding source (资金来源).
    pub source: String,
    /// 项目总投资 (INV-28(三)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Yuan>,
}

impl PlanDecision {
    /// RULES.md §3.4 INV-28: an included project's entry names the project, its content and
    /// scale, its period and its total (「具体项目名称、建设内容和规模、建设工期、项目总投资」; the
    /// annual amount and the source are required fields already).
    pub fn entry_complete(&self) -> bool {
        let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        self.decision != Inclusion::Included
            || (given(&self.name)
                && given(&self.content)
                && given(&self.scale)
                && given(&self.period)
                && self.total.is_some())
    }
}

/// `compile_draft` (drc + finance): plan_collecting, plan_drafted → plan_drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompileDraft {
    /// 年度政府投资总额.
    pub annual_total: Yuan,
    /// The project decisions.
    #[serde(default)]
    pub decisions: Vec<PlanDecision>,
    /// 资金安排方向.
    #[serde(default)]
    pub directions: Vec<String>,
    /// 拟安排的项目前期工作费用.
    pub preparatory_fees: Yuan,
    /// 预留资金.
    pub reserve: Yuan,
}

/// `submit_draft_to_meeting` (drc): plan_drafted → plan_at_meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitDraftToMeeting {
    /// The submission.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// How a decision was taken (INV-30.3: only `meeting` is a collective decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionMode {
    /// 会议方式.
    Meeting,
    /// 传阅.
    Circulation,
    /// 会签.
    Countersign,
    /// 个别征求意见.
    IndividualConsultation,
}

/// The meeting's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingOutcome {
    /// 审议通过.
    Decided,
    /// Returned for redrafting.
    Returned,
}

/// `meeting_decide` (executive_meeting): plan_at_meeting → plan_decided, or plan_drafted when returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingDecide {
    /// Decisions that amend the draft (projects not listed keep the draft's decision).
    #[serde(default)]
    pub decisions: Vec<PlanDecision>,
    /// The minutes.
    pub minutes_ref: DocRef,
    /// How the decision was taken.
    pub mode: DecisionMode,
    /// Decided or returned.
    pub outcome: MeetingOutcome,
}

/// `issue_plan` (drc): plan_decided → plan_issued (main); plan_issued → same (supplement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuePlan {
    /// Copied to (INV-29.4: industry authorities, finance, audit).
    #[serde(default)]
    pub copies_to: Vec<Actor>,
    /// The plan document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// A supplement issuing meeting-approved additions (INV-30.2).
    #[serde(default)]
    pub supplement: bool,
}

/// `add_out_of_plan` (executive_meeting): plan_issued → same, in year P (INV-30.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddOutOfPlan {
    /// The annual amount.
    pub annual_amount: Yuan,
    /// An emergency project (INV-7.2: 除应急项目外).
    #[serde(default)]
    pub emergency: bool,
    /// The minutes.
    pub minutes_ref: DocRef,
    /// How the decision was taken.
    pub mode: DecisionMode,
    /// 项目统一代码, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// The project.
    pub project_id: String,
    /// Why (informational, AMB-11).
    pub reason: String,
}

event_enum! {
    /// Events of the plan stream (RULES.md §3.1.6 (b)).
    pub enum PlanEvent, kind PlanEventKind, machine MachineId::Plan {
        /// ∅, plan_collecting, plan_drafted → plan_collecting or same.
        SubmitForPlan(SubmitForPlan) = "submit_for_plan",
        /// plan_collecting, plan_drafted → plan_drafted.
        CompileDraft(CompileDraft) = "compile_draft",
        /// plan_drafted → plan_at_meeting.
        SubmitDraftToMeeting(SubmitDraftToMeeting) = "submit_draft_to_meeting",
        /// plan_at_meeting → plan_decided or plan_drafted.
        MeetingDecide(MeetingDecide) = "meeting_decide",
        /// plan_decided → plan_issued; plan_issued → same (supplement).
        IssuePlan(IssuePlan) = "issue_plan",
        /// plan_issued → same.
        AddOutOfPlan(AddOutOfPlan) = "add_out_of_plan",
        /// A 原则上 exception (RULES.md §1.8).
        RecordException(RuleException) = "record_exception",
        /// The issued plan disclosed (INV-52.2, RULES.md §3.4): fact, every state.
        RecordDisclosure(crate::investment::events::RecordDisclosure) = "record_disclosure",
    }
}

use PlanState::*;

/// The plan transition table, in the order of RULES.md §3.1.6 (b).
pub static TABLE: &[Row<PlanState>] = &[
    Row {
        event: "submit_for_plan",
        actor: ActorSpec::Any(&[Actor::IndustryAuthority]),
        from: FromSpec::CreateOr(&[PlanCollecting, PlanDrafted]),
        to: &[PlanCollecting],
        rules: &[INV_29_1],
    },
    Row {
        event: "compile_draft",
        actor: ActorSpec::Any(&[Actor::Drc]),
        from: FromSpec::States(&[PlanCollecting, PlanDrafted]),
        to: &[PlanDrafted],
        rules: &[INV_27, INV_28, INV_29_2],
    },
    Row {
        event: "submit_draft_to_meeting",
        actor: ActorSpec::Any(&[Actor::Drc]),
        from: FromSpec::States(&[PlanDrafted]),
        to: &[PlanAtMeeting],
        rules: &[INV_29_3],
    },
    Row {
        event: "meeting_decide",
        actor: ActorSpec::Any(&[Actor::ExecutiveMeeting]),
        from: FromSpec::States(&[PlanAtMeeting]),
        to: &[PlanDecided, PlanDrafted],
        rules: &[INV_30_3, INV_29_3],
    },
    Row {
        event: "issue_plan",
        actor: ActorSpec::Any(&[Actor::Drc]),
        from: FromSpec::States(&[PlanDecided, PlanIssued]),
        to: &[PlanIssued],
        rules: &[INV_29_4, INV_30_1, INV_30_2, INV_52_2],
    },
    Row {
        event: "add_out_of_plan",
        actor: ActorSpec::Any(&[Actor::ExecutiveMeeting]),
        from: FromSpec::FactIn(&[PlanIssued]),
        to: &[],
        rules: &[INV_30_2, INV_30_3, INV_7_2, INV_30_4],
    },
    Row::RECORD_EXCEPTION,
    Row {
        event: "record_disclosure",
        actor: ActorSpec::Any(&[
            Actor::Drc,
            Actor::Finance,
            Actor::Audit,
            Actor::IndustryAuthority,
            Actor::DisciplineInspection,
        ]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[INV_52_2],
    },
];

machine! {
    /// The plan machine (type `AnnualPlan`).
    pub struct PlanMachine {
        state: PlanState, id: Plan, name: "AnnualPlan",
        terminal: [PlanIssued], table: TABLE,
    }
}

// ---------------------------------------------------------------------------------------------
// §4.6 plan_calendar
// ---------------------------------------------------------------------------------------------

/// The dates of plan year P (INV-29, DIG-13.1; `plan_deadlines`, RULES.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanDates {
    /// Submissions to drc by (P−1)-10-31 (INV-29.1).
    #[serde(deserialize_with = "crate::date::strict")]
    pub submit_by: NaiveDate,
    /// Draft to the executive meeting by (P−1)-12-31 (INV-29.3, AMB-9: not rolled).
    #[serde(deserialize_with = "crate::date::strict")]
    pub meeting_by: NaiveDate,
    /// The issue month's first day in P (INV-29.4).
    #[serde(deserialize_with = "crate::date::strict")]
    pub issue_from: NaiveDate,
    /// The issue month's last day in P.
    #[serde(deserialize_with = "crate::date::strict")]
    pub issue_to: NaiveDate,
    /// DIG demand collection 10月中旬 of P−1: 11 October (DIG-13.1).
    #[serde(deserialize_with = "crate::date::strict")]
    pub dig_demand_from: NaiveDate,
    /// … to 20 October.
    #[serde(deserialize_with = "crate::date::strict")]
    pub dig_demand_to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32, path: &str) -> Result<NaiveDate, InputError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| InputError::new(path, InputReason::InvalidValue, format!("{y:04}-{m:02}-{d:02} is not a date")))
}

fn last_of_month(y: i32, m: u32) -> Result<NaiveDate, InputError> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1, "year")?
        .pred_opt()
        .ok_or_else(|| InputError::new("year", InputReason::InvalidValue, "year out of range"))
}

/// The plan calendar that judges: the office's `plan_deadlines` when it differs from the text as
/// issued (RULES.md §7), else the calendar of the rule version `rules` (INV-29, issue 10: an
/// amendment of the calendar applies to offices that follow the text).
pub fn plan_deadlines_in<'a>(config: &'a Config, rules: &'a RuleSet) -> &'a PlanDeadlines {
    if config.plan_deadlines == PlanDeadlines::default() {
        &rules.values.plan_deadlines
    } else {
        &config.plan_deadlines
    }
}

/// The dates of plan year `year` under [`plan_deadlines_in`] and the DIG-13.1 window of `rules`.
///
/// # Errors
/// [`InputError`] for a year chrono cannot represent, or a `02-29` deadline in a common year.
pub fn plan_dates(year: i32, config: &Config, rules: &RuleSet) -> Result<PlanDates, InputError> {
    let pd = plan_deadlines_in(config, rules);
    let (sm, sd) = PlanDeadlines::month_day(&pd.submit, "plan_deadlines.submit")?;
    let (mm, md) = PlanDeadlines::month_day(&pd.meeting, "plan_deadlines.meeting")?;
    let prev =
        year.checked_sub(1).ok_or_else(|| InputError::new("year", InputReason::InvalidValue, "year out of range"))?;
    let (demand_from, demand_to) = crate::joint::demand_window(year, rules)?;
    Ok(PlanDates {
        submit_by: ymd(prev, sm, sd, "plan_deadlines.submit")?,
        meeting_by: ymd(prev, mm, md, "plan_deadlines.meeting")?,
        issue_from: ymd(year, pd.issue_month, 1, "plan_deadlines.issue_month")?,
        issue_to: last_of_month(year, pd.issue_month)?,
        dig_demand_from: demand_from,
        dig_demand_to: demand_to,
    })
}

/// The copy list of INV-29.4: 抄送本级行业主管部门和财政、审计等部门.
pub const PLAN_COPIES: [Actor; 3] = [Actor::IndustryAuthority, Actor::Finance, Actor::Audit];

/// INV-29.1 (deadline act): a submission after `submit_by` is accepted with a finding `late`.
pub fn judge_submission_date(j: &mut Judge<'_>, dates: &PlanDates, on: NaiveDate) {
    j.finding(INV_29_1, on <= dates.submit_by, "late");
}

/// INV-29.3 (deadline act): a draft submitted after `meeting_by` is accepted with a finding `late`.
pub fn judge_meeting_date(j: &mut Judge<'_>, dates: &PlanDates, on: NaiveDate) {
    j.finding(INV_29_3, on <= dates.meeting_by, "late");
}

/// INV-29.4 (D): the main plan issued in the issue month of P, copied to industry authorities,
/// finance and audit; `copies` `None` = not judged.
pub fn judge_issue(j: &mut Judge<'_>, dates: &PlanDates, on: NaiveDate, copies: Option<&[Actor]>) {
    let in_month = on >= dates.issue_from && on <= dates.issue_to;
    let copied = copies.is_none_or(|c| PLAN_COPIES.iter().all(|a| c.contains(a)));
    j.default_rule(INV_29_4, in_month && copied, if in_month { "missing_copies" } else { "outside_issue_month" });
}

/// Request of `plan_calendar` (RULES.md §4.6); the optional dates are judged against the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCalendarRequest {
    /// The copy list of the main issue, to judge INV-29.4 with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies_to: Option<Vec<Actor>>,
    /// When the draft went to the meeting (INV-29.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub draft_submitted_on: Option<NaiveDate>,
    /// When the main plan was issued (INV-29.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub issued_on: Option<NaiveDate>,
    /// When a project was submitted (INV-29.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub submitted_on: Option<NaiveDate>,
    /// The plan year P.
    pub year: i32,
}

/// Result of `plan_calendar` (RULES.md §4.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanCalendar {
    /// (P−1)-10-31.
    #[serde(deserialize_with = "crate::date::strict")]
    pub submit_by: NaiveDate,
    /// (P−1)-12-31.
    #[serde(deserialize_with = "crate::date::strict")]
    pub meeting_by: NaiveDate,
    /// P-01-01.
    #[serde(deserialize_with = "crate::date::strict")]
    pub issue_from: NaiveDate,
    /// P-01-31.
    #[serde(deserialize_with = "crate::date::strict")]
    pub issue_to: NaiveDate,
    /// (P−1)-10-11.
    #[serde(deserialize_with = "crate::date::strict")]
    pub dig_demand_from: NaiveDate,
    /// (P−1)-10-20.
    #[serde(deserialize_with = "crate::date::strict")]
    pub dig_demand_to: NaiveDate,
    /// The trace.
    pub rules: Vec<RuleId>,
    /// Findings `late` (29.1, 29.3), default_breach 29.4 for the dates given.
    pub outcomes: Vec<Outcome>,
}

/// `plan_calendar` (RULES.md §4.6; INV-29, DIG-13.1).
///
/// # Errors
/// [`crate::Error::Input`] as [`plan_dates`].
///
/// # Example
/// ```
/// use wanzheng::investment::plan::{plan_calendar, PlanCalendarRequest};
/// let req: PlanCalendarRequest = serde_json::from_str(r#"{"year": 2024, "issued_on": "2024-02-01"}"#).unwrap();
/// let c = plan_calendar(req, &Default::default())?;
/// assert_eq!(c.meeting_by.to_string(), "2023-12-31"); // a Sunday, not moved (AMB-9)
/// assert_eq!(c.outcomes[0].rule.as_str(), "INV-29.4");
/// # Ok::<(), wanzheng::Error>(())
/// ```
pub fn plan_calendar(req: PlanCalendarRequest, ctx: &crate::Context) -> Result<PlanCalendar, crate::Error> {
    let d = plan_dates(req.year, ctx.config(), ctx.decision_ruleset())?;
    let mut j = Judge::pure();
    j.trace(INV_29_1);
    if let Some(on) = req.submitted_on {
        judge_submission_date(&mut j, &d, on);
    }
    j.trace(INV_29_3);
    if let Some(on) = req.draft_submitted_on {
        judge_meeting_date(&mut j, &d, on);
    }
    j.trace(INV_29_4);
    if let Some(on) = req.issued_on {
        judge_issue(&mut j, &d, on, req.copies_to.as_deref());
    }
    j.trace(DIG_13_1);
    let (rules, outcomes) = j.into_parts();
    Ok(PlanCalendar {
        submit_by: d.submit_by,
        meeting_by: d.meeting_by,
        issue_from: d.issue_from,
        issue_to: d.issue_to,
        dig_demand_from: d.dig_demand_from,
        dig_demand_to: d.dig_demand_to,
        rules,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::OutcomeKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal(year: i32) -> PlanCalendarRequest {
        PlanCalendarRequest { copies_to: None, draft_submitted_on: None, issued_on: None, submitted_on: None, year }
    }

    /// Source: INV-29.1 — 10月底前: 31 October IN, 1 November late (finding, accepted).
    #[test]
    fn submission_boundary() {
        let ctx = crate::Context::default();
        let c = plan_calendar(PlanCalendarRequest { submitted_on: Some(d("2023-10-31")), ..cal(2024) }, &ctx).unwrap();
        assert!(c.outcomes.is_empty());
        let c = plan_calendar(PlanCalendarRequest { submitted_on: Some(d("2023-11-01")), ..cal(2024) }, &ctx).unwrap();
        assert_eq!(c.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "late")]);
    }

    /// Source: INV-29.3 — 当年12月底: 31 December IN although a Sunday (AMB-9), 1 January late.
    #[test]
    fn meeting_boundary() {
        let ctx = crate::Context::default();
        let c = plan_calendar(cal(2024), &ctx).unwrap();
        assert_eq!((c.submit_by, c.meeting_by), (d("2023-10-31"), d("2023-12-31")));
        assert_eq!((c.issue_from, c.issue_to), (d("2024-01-01"), d("2024-01-31")));
        assert_eq!((c.dig_demand_from, c.dig_demand_to), (d("2023-10-11"), d("2023-10-20")));
        let c = plan_calendar(PlanCalendarRequest { draft_submitted_on: Some(d("2024-01-01")), ..cal(2024) }, &ctx)
            .unwrap();
        assert_eq!(c.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_3, "late")]);
    }

    /// Source: INV-29.4 — 次年1月 (D): 1 and 31 January IN, 1 February default_breach; the copy list.
    #[test]
    fn issue_boundary() {
        let ctx = crate::Context::default();
        for (on, ok) in [("2024-01-01", true), ("2024-01-31", true), ("2024-02-01", false), ("2023-12-31", false)] {
            let c = plan_calendar(PlanCalendarRequest { issued_on: Some(d(on)), ..cal(2024) }, &ctx).unwrap();
            assert_eq!(c.outcomes.is_empty(), ok, "{on}");
        }
        let copies = Some(vec![Actor::IndustryAuthority, Actor::Finance]);
        let c = plan_calendar(
            PlanCalendarRequest { issued_on: Some(d("2024-01-15")), copies_to: copies, ..cal(2024) },
            &ctx,
        )
        .unwrap();
        assert_eq!(c.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, INV_29_4, "missing_copies")]);
    }

    #[test]
    fn configured_deadlines() {
        let config = Config {
            plan_deadlines: PlanDeadlines { submit: "02-29".into(), meeting: "11-30".into(), issue_month: 2 },
            ..Config::default()
        };
        let ctx = crate::Context::new(config, crate::WorkingDayCalendar::embedded());
        let c = plan_calendar(cal(2025), &ctx).unwrap();
        assert_eq!(c.submit_by, d("2024-02-29"));
        assert_eq!(c.issue_to, d("2025-02-28"));
        assert!(matches!(plan_calendar(cal(2024), &ctx), Err(crate::Error::Input(_))));
    }
}
