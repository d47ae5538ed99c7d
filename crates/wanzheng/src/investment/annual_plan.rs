//! `AnnualPlan`: the `plan/<P>` machine of one plan year, with its own hash-chained log
//! (INV-12.1, INV-27 to INV-31; RULES.md §3.1.3, §3.1.6 (b)).
//!
//! The pipeline is the one of [`crate::InvestmentProject`]: input checks, the table row, the
//! read-only judgment into a [`Judge`], `verdict()?`, an infallible commit, the log entry.
//! Per-project plan statuses are derived from the decisions (§3.1.3) and handed to projects as
//! [`PlanEntry`]s (the workspace does this after each plan command).
//!
//! # Example
//! ```
//! use wanzheng::investment::AnnualPlan;
//! let mut plan = AnnualPlan::new(wanzheng::Context::default());
//! let t = plan.apply_json(r#"{
//!   "stream": {"machine": "plan", "instance": "2024"},
//!   "event": "submit_for_plan", "actor": "industry_authority", "date": "2023-11-01",
//!   "facts": {"project_id": "P1", "exempt_special": true}
//! }"#).unwrap();
//! assert_eq!(t.to, "plan_collecting");
//! assert_eq!(t.outcomes[0].detail, "late"); // after 2023-10-31: accepted with a finding (INV-29.1)
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::config::Context;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::{self, Authority, ExceptionBook};
use crate::finding::{self, Finding, FindingSource};
use crate::investment::plan::{
    AddOutOfPlan, CompileDraft, DecisionMode, Inclusion, IssuePlan, MeetingDecide, MeetingOutcome, OpinionAuthority,
    PlanDates, PlanDecision, PlanEntry, PlanEvent, PlanMachine, PlanState, ProjectPlanStatus, SubmitDraftToMeeting,
    SubmitForPlan, judge_issue, judge_meeting_date, judge_submission_date, plan_dates,
};
use crate::log::{Command, Log, LogEntry, MachineId, Stream};
use crate::machine::kernel::{Call, Next, Parts, Pipeline, Step, settle};
use crate::machine::{Standing, row_allows, row_of};
use crate::money::Yuan;
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::{Judge, OutcomeKind, Transition};
use crate::rules::*;

use PlanState::*;
use ProjectPlanStatus as S;

/// Obligation: the draft to the executive meeting (INV-29.3).
const DRAFT_TO_MEETING: &str = "draft_to_meeting";
/// Obligation: the main issue (INV-29.4).
const ISSUE_PLAN: &str = "issue_plan";

/// One submission (INV-29.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// 项目统一代码.
    pub project_code: Option<String>,
    /// Exempt special project.
    pub exempt_special: bool,
    /// When submitted.
    #[serde(deserialize_with = "crate::date::strict")]
    pub submitted_on: NaiveDate,
    /// The entry.
    pub seq: u32,
}

/// The compiled draft (INV-27, 28).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// 年度政府投资总额.
    pub annual_total: Yuan,
    /// 资金安排方向.
    pub directions: Vec<String>,
    /// 项目前期工作费用.
    pub preparatory_fees: Yuan,
    /// 预留资金.
    pub reserve: Yuan,
    /// The entry.
    pub seq: u32,
}

/// One project's place in the plan year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPlan {
    /// 项目统一代码, when known.
    pub project_code: Option<String>,
    /// The status (RULES.md §3.1.3).
    pub status: ProjectPlanStatus,
    /// The last decision.
    pub decision: Option<Inclusion>,
    /// The annual amount.
    pub annual_amount: Option<Yuan>,
    /// The funding source.
    pub source: Option<String>,
    /// Added out of plan (INV-30.2).
    pub out_of_plan: bool,
    /// When issued.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub issued_on: Option<NaiveDate>,
}

impl ProjectPlan {
    fn new(code: Option<String>) -> ProjectPlan {
        ProjectPlan {
            project_code: code,
            status: S::PlanNone,
            decision: None,
            annual_amount: None,
            source: None,
            out_of_plan: false,
            issued_on: None,
        }
    }
}

/// The plan year's ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLedger {
    /// Submissions by project.
    pub submissions: BTreeMap<String, Submission>,
    /// The current draft.
    pub draft: Option<Draft>,
    /// Projects by id.
    pub projects: BTreeMap<String, ProjectPlan>,
    /// The main issue date.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub issued_on: Option<NaiveDate>,
    /// Supplement issue dates.
    pub supplements: Vec<NaiveDate>,
}

/// What every plan handler is handed: the call, and the plan year P with its dates (INV-29),
/// read from the stream (`stream.instance`) before the handler.
type PlanCall<'a> = Call<'a, PlanYear>;

/// The plan year P of a `plan/<P>` stream and its dates.
struct PlanYear {
    year: i32,
    dates: PlanDates,
}

/// The annual government-investment plan of one year P (`plan/<P>`).
#[derive(Debug, Clone)]
pub struct AnnualPlan {
    ctx: Context,
    year: Option<i32>,
    state: Option<PlanState>,
    ledger: PlanLedger,
    exceptions: ExceptionBook,
    obligations: ObligationBook,
    log: Log,
}

// The `plan` stream as the kernel keeps it: it reads no other stream.
crate::machine::stream::logged_stream!(AnnualPlan, "plan", {
    type Inputs = ();

    type Compared<'a> = Standing<'a, Option<i32>, PlanState, &'a PlanLedger, ()>;

    fn standing(&self) -> Self::Compared<'_> {
        Standing {
            id: self.year,
            state: self.state,
            ledger: &self.ledger,
            exceptions: &self.exceptions,
            obligations: Some(&self.obligations),
            inputs: (),
        }
    }
});

/// The `PlanMachine` stream in the kernel's pipeline.
impl Pipeline for AnnualPlan {
    type M = PlanMachine;

    fn kernel_parts(&mut self) -> Parts<'_> {
        Parts { ctx: &self.ctx, log: &mut self.log, exceptions: &mut self.exceptions }
    }

    fn current(&self) -> Option<PlanState> {
        self.state
    }

    fn judge_step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        self.step(cmd, seq, replay.is_some())
    }

    /// A copy of everything but the log: a year's plan (cycle) is bounded by its projects.
    type Trial = AnnualPlan;

    fn begin_trial(&mut self) -> AnnualPlan {
        self.scratch()
    }

    fn end_trial(&mut self, mut t: AnnualPlan) {
        std::mem::swap(&mut t.log, &mut self.log);
        *self = t;
    }
}

impl AnnualPlan {
    /// An empty plan stream judged with `ctx`; the first command (`submit_for_plan`) fixes P.
    pub fn new(ctx: Context) -> AnnualPlan {
        AnnualPlan {
            ctx,
            year: None,
            state: None,
            ledger: PlanLedger::default(),
            exceptions: ExceptionBook::default(),
            obligations: ObligationBook::default(),
            log: Log::new(),
        }
    }

    /// The plan year P (`None` before the first command).
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// The stream state.
    pub fn state(&self) -> Option<PlanState> {
        self.state
    }

    /// The ledger.
    pub fn ledger(&self) -> &PlanLedger {
        &self.ledger
    }

    /// The log.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The configuration and calendar.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The stream `plan/<P>`.
    pub fn stream(&self) -> Stream {
        Stream::year(MachineId::Plan, self.year.unwrap_or_default())
    }

    /// The entry of `project_id` in this year (status, annual amount, issue date).
    pub fn entry(&self, project_id: &str) -> Option<PlanEntry> {
        self.ledger.projects.get(project_id).map(|p| PlanEntry {
            status: p.status,
            annual_amount: p.annual_amount,
            issued_on: p.issued_on,
            preparatory: p.decision == Some(Inclusion::Preparatory),
            plan_issued_on: if p.status == S::PlanIssued { None } else { self.ledger.issued_on },
        })
    }

    /// The entry a project the issued plan does not list reads from it (RULES.md §3.5 D2: a
    /// January payment of a continuing project is in plan until the year's plan is issued):
    /// `None` before the main issue.
    pub fn unlisted_entry(&self) -> Option<PlanEntry> {
        self.ledger.issued_on.map(|d| PlanEntry {
            status: S::PlanNone,
            annual_amount: None,
            issued_on: None,
            preparatory: false,
            plan_issued_on: Some(d),
        })
    }

    /// The ids of the projects this year's plan lists, in order.
    pub fn project_ids(&self) -> impl Iterator<Item = &str> {
        self.ledger.projects.keys().map(String::as_str)
    }

    /// Every project's entry in this year.
    pub fn entries(&self) -> BTreeMap<String, PlanEntry> {
        self.ledger.projects.keys().filter_map(|id| self.entry(id).map(|e| (id.clone(), e))).collect()
    }

    /// Applies one command (RULES.md §1.6).
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Transition`] or [`Error::Rule`]; the plan is then unchanged.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.apply_entry(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`AnnualPlan::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// A copy of everything but the log (empty): what `what_if` keeps to undo its trial.
    pub(crate) fn scratch(&self) -> AnnualPlan {
        AnnualPlan {
            ctx: self.ctx.clone(),
            year: self.year,
            state: self.state,
            ledger: self.ledger.clone(),
            exceptions: self.exceptions.clone(),
            obligations: self.obligations.clone(),
            log: Log::new(),
        }
    }

    pub(crate) fn exceptions(&self) -> &ExceptionBook {
        &self.exceptions
    }

    pub(crate) fn obligation_book(&self) -> &ObligationBook {
        &self.obligations
    }

    /// Judges and commits one command without touching the log.
    pub(crate) fn step(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        let year = self.check_stream(cmd)?;
        let Event::Plan(e) = &cmd.event else {
            return Err(InputError::new("stream.machine", InputReason::WrongStream, "a plan takes plan events").into());
        };
        let name = e.name();
        let from = self.state.map(PlanState::as_str).unwrap_or(NO_STATE);
        let row =
            row_of::<PlanMachine>(name).ok_or_else(|| TransitionError::new("plan", from, name, "no_table_row"))?;
        if !row_allows::<PlanMachine>(row, self.state) {
            let detail = if self.state.is_none() { "unknown_instance" } else { "" };
            return Err(TransitionError::new("plan", from, name, detail).into());
        }
        let dates = plan_dates(year, self.ctx.config(), self.ctx.ruleset_at(cmd.date))?;
        let c = &Call { cmd, actor: row.actor, force, stored_to: None, from, seq, instance: PlanYear { year, dates } };
        let next = match e {
            PlanEvent::SubmitForPlan(p) => self.submit_for_plan(p, c),
            PlanEvent::CompileDraft(p) => self.compile_draft(p, c),
            PlanEvent::SubmitDraftToMeeting(p) => self.submit_draft_to_meeting(p, c),
            PlanEvent::MeetingDecide(p) => self.meeting_decide(p, c),
            PlanEvent::IssuePlan(p) => self.issue_plan(p, c),
            PlanEvent::AddOutOfPlan(p) => self.add_out_of_plan(p, c),
            PlanEvent::RecordException(p) => self.record_exception(p, c),
            PlanEvent::RecordDisclosure(p) => self.record_disclosure(p, c),
        }?;
        Ok(settle::<PlanMachine>(row, &mut self.state, from, next))
    }

    fn check_stream(&self, cmd: &Command) -> Result<i32, InputError> {
        if cmd.stream.machine != MachineId::Plan || cmd.event.machine() != MachineId::Plan {
            return Err(InputError::new("stream.machine", InputReason::WrongStream, "a plan takes plan events"));
        }
        if cmd.stream.project_id.is_some() {
            return Err(InputError::new(
                "stream.project_id",
                InputReason::WrongStream,
                "plan streams carry no project_id",
            ));
        }
        let year: i32 = cmd.stream.instance.parse().map_err(|_| {
            InputError::new("stream.instance", InputReason::InvalidValue, "the instance of a plan stream is the year P")
        })?;
        if !(1000..=9999).contains(&year) {
            return Err(InputError::new(
                "stream.instance",
                InputReason::InvalidValue,
                "the plan year must have four digits",
            ));
        }
        if self.year.is_some_and(|y| y != year) {
            return Err(InputError::new("stream.instance", InputReason::WrongStream, "command for another plan year"));
        }
        Ok(year)
    }

    fn judge<'a>(&'a self, cmd: &'a Command, force: bool) -> Judge<'a> {
        if force {
            Judge::replaying(cmd.mode, cmd.event.name(), &self.exceptions)
        } else {
            Judge::new(cmd.mode, cmd.event.name(), &self.exceptions)
        }
    }

    fn judge_actor(j: &mut Judge<'_>, actor: Actor, rule: crate::RuleId, cmd: &Command) {
        j.require(rule, cmd.actor == actor, "wrong_actor");
    }

    fn project_mut(&mut self, id: &str, code: Option<&String>) -> &mut ProjectPlan {
        let p = self.ledger.projects.entry(id.to_string()).or_insert_with(|| ProjectPlan::new(None));
        if let Some(c) = code {
            p.project_code = Some(c.clone());
        }
        p
    }

    #[allow(clippy::too_many_arguments)]
    fn submit_for_plan(&mut self, p: &SubmitForPlan, c: &PlanCall<'_>) -> Result<Next<PlanState>, Error> {
        if p.project_id.trim().is_empty() {
            return Err(InputError::new("facts.project_id", InputReason::Empty, "project_id must not be empty").into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            if self.state.is_none() {
                // INV-60 (S): the plan stream starts on or after 2023-06-01.
                j.scope(INV_60, crate::investment::inv_applies(c.cmd.date), "before_effective_date");
            }
            Self::judge_actor(&mut j, Actor::IndustryAuthority, INV_29_1, c.cmd);
            if !p.exempt_special {
                judge_submission_file(&mut j, p, c.cmd.date);
            } else {
                // INTERPRETATION: AMB-10 — 重大应急抢险等特殊项目 are exempt c.from the report and opinions.
                j.trace(INV_29_1);
            }
            // INTERPRETATION: AMB-10 names the report and opinions as exempt; the 10月底 deadline is judged for every submission.
            judge_submission_date(&mut j, &c.instance.dates, c.cmd.date);
            j.verdict()?
        };
        let first = self.state.is_none();
        if first {
            self.year = Some(c.instance.year);
            self.obligations.open(c.seq, INV_29_3, DRAFT_TO_MEETING, "", c.cmd.date, c.instance.dates.meeting_by);
            self.obligations.open(c.seq, INV_29_4, ISSUE_PLAN, "", c.cmd.date, c.instance.dates.issue_to);
        }
        self.ledger.submissions.insert(
            p.project_id.clone(),
            Submission {
                project_code: p.project_code.clone(),
                exempt_special: p.exempt_special,
                submitted_on: c.cmd.date,
                seq: c.seq,
            },
        );
        let pp = self.project_mut(&p.project_id, p.project_code.as_ref());
        if matches!(pp.status, S::PlanNone | S::PlanNotIncluded) {
            pp.status = S::PlanSubmitted;
        }
        Ok(if first { Next::to(verdict, PlanCollecting) } else { Next::stay(verdict) })
    }

    fn compile_draft(&mut self, p: &CompileDraft, c: &PlanCall<'_>) -> Result<Next<PlanState>, Error> {
        check_decisions(&p.decisions, "facts.decisions")?;
        // INTERPRETATION: RULES.md §3.5 D2 — a `preparatory` decision is a project's share of the
        // preparatory-fee line (28(四)), already inside `preparatory_fees`: not added again.
        let included =
            Yuan::sum(p.decisions.iter().filter(|d| d.decision == Inclusion::Included).map(|d| d.annual_amount));
        let planned = included.and_then(|s| s.checked_add(p.preparatory_fees)).and_then(|s| s.checked_add(p.reserve));
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            // INV-27: 市发展改革部门应当会同市财政部门 … 编制政府投资年度计划草案.
            Self::judge_actor(&mut j, Actor::Drc, INV_27, c.cmd);
            j.require(INV_27, c.cmd.co_actors.iter().any(|c| c.actor == Actor::Finance), "missing_co_actor");
            // INV-27: 在确定年度政府投资总额基础上 — the plan stays within the annual total.
            // INTERPRETATION: Σ included annual amounts + preparatory fees + reserve ≤ annual total.
            j.require(INV_27, planned.is_some_and(|s| s <= p.annual_total), "over_annual_total");
            // INV-28: 资金安排方向; per project 资金来源.
            j.require(INV_28, p.directions.iter().any(|d| !d.trim().is_empty()), "missing_directions");
            j.require(INV_28, p.decisions.iter().all(|d| !d.source.trim().is_empty()), "missing_source");
            // RULES.md §3.4 INV-28 (「…应当包括下列内容…（三）具体项目名称、建设内容和规模、建设工期、
            // 项目总投资」). INTERPRETATION: the plan is the meeting's document; the engine flags an
            // included entry without them, it does not block.
            j.warn(INV_28, p.decisions.iter().all(PlanDecision::entry_complete), "plan_entry_incomplete");
            // INV-29.2: drc reviews and balances the submissions (审核、汇总).
            let all_submitted = p.decisions.iter().all(|d| self.ledger.submissions.contains_key(&d.project_id));
            j.require(INV_29_2, all_submitted, "not_submitted");
            j.verdict()?
        };
        self.ledger.draft = Some(Draft {
            annual_total: p.annual_total,
            directions: p.directions.clone(),
            preparatory_fees: p.preparatory_fees,
            reserve: p.reserve,
            seq: c.seq,
        });
        // A recompiled draft replaces the previous one.
        for pp in self.ledger.projects.values_mut() {
            if matches!(pp.status, S::PlanDrafted) || (pp.status == S::PlanNotIncluded && pp.decision.is_some()) {
                pp.status = S::PlanSubmitted;
                pp.decision = None;
            }
        }
        for d in &p.decisions {
            let pp = self.project_mut(&d.project_id, d.project_code.as_ref());
            pp.decision = Some(d.decision);
            pp.annual_amount = Some(d.annual_amount);
            pp.source = Some(d.source.clone());
            pp.status = match d.decision {
                Inclusion::Included | Inclusion::Preparatory | Inclusion::Pending => S::PlanDrafted,
                Inclusion::Excluded => S::PlanNotIncluded,
            };
        }
        Ok(Next::to(verdict, PlanDrafted))
    }

    fn submit_draft_to_meeting(
        &mut self,
        p: &SubmitDraftToMeeting,
        c: &PlanCall<'_>,
    ) -> Result<Next<PlanState>, Error> {
        if !p.reference.is_valid() {
            return Err(InputError::new("facts.ref.ref", InputReason::Empty, "the submission document").into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            Self::judge_actor(&mut j, Actor::Drc, INV_29_3, c.cmd);
            // INV-29.3 (deadline act, AMB-9, AMB-46): by (P−1)-12-31, else accepted with a finding.
            judge_meeting_date(&mut j, &c.instance.dates, c.cmd.date);
            j.verdict()?
        };
        for pp in self.ledger.projects.values_mut() {
            if pp.status == S::PlanDrafted {
                pp.status = S::PlanAtMeeting;
            }
        }
        self.obligations.close(DRAFT_TO_MEETING, "", c.seq, c.cmd.date);
        Ok(Next::to(verdict, PlanAtMeeting))
    }

    fn meeting_decide(&mut self, p: &MeetingDecide, c: &PlanCall<'_>) -> Result<Next<PlanState>, Error> {
        if !p.minutes_ref.is_valid() {
            return Err(InputError::new("facts.minutes_ref.ref", InputReason::Empty, "the minutes").into());
        }
        check_decisions(&p.decisions, "facts.decisions")?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            // INV-29.3: 提请市政府常务会议审议.
            Self::judge_actor(&mut j, Actor::ExecutiveMeeting, INV_29_3, c.cmd);
            // INV-30.3: 通过会议方式 … 不得以传阅、会签或个别征求意见等方式代替集体决策.
            j.require(INV_30_3, p.mode == DecisionMode::Meeting, "not_collective");
            j.verdict()?
        };
        let to = match p.outcome {
            MeetingOutcome::Returned => {
                for pp in self.ledger.projects.values_mut() {
                    if pp.status == S::PlanAtMeeting {
                        pp.status = S::PlanDrafted;
                    }
                }
                PlanDrafted
            }
            // INTERPRETATION: the meeting's decisions amend the draft; unlisted projects keep the draft's
            // decision; pending (待安排) projects stay plan_drafted.
            MeetingOutcome::Decided => {
                for pp in self.ledger.projects.values_mut() {
                    if pp.status == S::PlanAtMeeting {
                        pp.status = match pp.decision {
                            Some(Inclusion::Included | Inclusion::Preparatory) => S::PlanMeetingApproved,
                            Some(Inclusion::Pending) | None => S::PlanDrafted,
                            Some(Inclusion::Excluded) => S::PlanNotIncluded,
                        };
                    }
                }
                for d in &p.decisions {
                    let pp = self.project_mut(&d.project_id, d.project_code.as_ref());
                    pp.decision = Some(d.decision);
                    pp.annual_amount = Some(d.annual_amount);
                    pp.source = Some(d.source.clone());
                    pp.status = match d.decision {
                        Inclusion::Included | Inclusion::Preparatory => S::PlanMeetingApproved,
                        Inclusion::Pending => S::PlanDrafted,
                        Inclusion::Excluded => S::PlanNotIncluded,
                    };
                }
                PlanDecided
            }
        };
        Ok(Next::to(verdict, to))
    }

    fn issue_plan(&mut self, p: &IssuePlan, c: &PlanCall<'_>) -> Result<Next<PlanState>, Error> {
        match (self.state, p.supplement) {
            (Some(PlanDecided), true) => {
                return Err(TransitionError::new("plan", c.from, "issue_plan", "main_plan_not_issued").into());
            }
            (Some(PlanIssued), false) => {
                return Err(TransitionError::new("plan", c.from, "issue_plan", "already_issued").into());
            }
            _ => {}
        }
        if !p.reference.is_valid() {
            return Err(InputError::new("facts.ref.ref", InputReason::Empty, "the plan document").into());
        }
        let additions = self.ledger.projects.values().any(|pp| pp.out_of_plan && pp.status == S::PlanMeetingApproved);
        // INV-52.2 (RULES.md §3.4): each issued plan is disclosed within `disclosure_due_days`.
        let disclosure_due = match self.ctx.config().disclosure_due_days {
            Some(n) => Some(self.ctx.calendar().due(c.cmd.date, n).map_err(InputError::from)?),
            None => None,
        };
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            if p.supplement {
                Self::judge_actor(&mut j, Actor::Drc, INV_30_2, c.cmd);
                // INV-30.2: a supplement carries only additions the executive meeting approved.
                j.require(INV_30_2, additions, "no_meeting_approval");
            } else {
                Self::judge_actor(&mut j, Actor::Drc, INV_29_4, c.cmd);
                // INV-29.4 (D): 原则上…于次年1月正式下达, 抄送本级行业主管部门和财政、审计.
                judge_issue(&mut j, &c.instance.dates, c.cmd.date, Some(&p.copies_to));
            }
            // INV-30.1: 一经下达，必须严格执行 — the issued plan binds the projects.
            j.trace(INV_30_1);
            j.verdict()?
        };
        for pp in self.ledger.projects.values_mut() {
            if pp.status == S::PlanMeetingApproved && (!p.supplement || pp.out_of_plan) {
                pp.status = S::PlanIssued;
                pp.issued_on = Some(c.cmd.date);
            }
        }
        if p.supplement {
            self.ledger.supplements.push(c.cmd.date);
        } else {
            self.ledger.issued_on = Some(c.cmd.date);
            self.obligations.close(ISSUE_PLAN, "", c.seq, c.cmd.date);
        }
        if let Some(due) = disclosure_due {
            self.obligations.open(c.seq, INV_52_2, "disclosure", "plan", c.cmd.date, due);
        }
        Ok(Next::to(verdict, PlanIssued))
    }

    /// `record_disclosure` on the plan stream (INV-52.2, RULES.md §3.4): discharges the issued
    /// plans' `disclosure` duties; one past its due date → finding `late`.
    fn record_disclosure(
        &mut self,
        p: &crate::investment::events::RecordDisclosure,
        c: &PlanCall<'_>,
    ) -> Result<Next<PlanState>, Error> {
        use crate::investment::events::DisclosureSubject;
        if p.subject != DisclosureSubject::Plan {
            return Err(InputError::new(
                "facts.subject",
                InputReason::InvalidValue,
                "a plan stream discloses the plan (subject plan)",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            let supervisors =
                [Actor::Drc, Actor::Finance, Actor::Audit, Actor::IndustryAuthority, Actor::DisciplineInspection];
            j.require(INV_8, supervisors.contains(&c.cmd.actor), "wrong_actor");
            j.require(INV_52_2, p.reference.is_valid(), "no_publication");
            let on_time = self.obligations.find_open("disclosure", "plan").is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_52_2, on_time, "late");
            j.verdict()?
        };
        while self.obligations.close("disclosure", "plan", c.seq, c.cmd.date).is_some() {}
        Ok(Next::stay(verdict))
    }

    fn add_out_of_plan(&mut self, p: &AddOutOfPlan, c: &PlanCall<'_>) -> Result<Next<PlanState>, Error> {
        if p.project_id.trim().is_empty() {
            return Err(InputError::new("facts.project_id", InputReason::Empty, "project_id must not be empty").into());
        }
        if !p.minutes_ref.is_valid() {
            return Err(InputError::new("facts.minutes_ref.ref", InputReason::Empty, "the minutes").into());
        }
        if self
            .ledger
            .projects
            .get(&p.project_id)
            .is_some_and(|pp| matches!(pp.status, S::PlanMeetingApproved | S::PlanIssued))
        {
            return Err(InputError::new(
                "facts.project_id",
                InputReason::InvalidValue,
                "the project is already approved for this plan year",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            // INV-30.2: 年度计划外新增项目，经市政府常务会议审议通过后，可补充纳入当年计划.
            Self::judge_actor(&mut j, Actor::ExecutiveMeeting, INV_30_2, c.cmd);
            j.require(INV_30_2, c.cmd.date.year() == c.instance.year, "not_plan_year");
            // INV-30.3: a collective decision in a meeting.
            j.require(INV_30_3, p.mode == DecisionMode::Meeting, "not_collective");
            // INV-7.2 (D): 除应急项目外，原则上不得临时追加新建项目 (AMB-11: an exception by the meeting).
            j.default_rule(INV_7_2, p.emergency, "not_emergency");
            // INV-30.4: the meeting's approval is not the project's approval (审批 still follows).
            j.trace(INV_30_4);
            j.verdict()?
        };
        let pp = self.project_mut(&p.project_id, p.project_code.as_ref());
        pp.status = S::PlanMeetingApproved;
        pp.out_of_plan = true;
        pp.decision = Some(Inclusion::Included);
        pp.annual_amount = Some(p.annual_amount);
        Ok(Next::stay(verdict))
    }

    fn record_exception(
        &mut self,
        p: &crate::exception::RuleException,
        c: &PlanCall<'_>,
    ) -> Result<Next<PlanState>, Error> {
        let auth = exception::validate(p)?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            let allowed: Vec<Actor> = match auth {
                Authority::Actor(a) => vec![a],
                // A plan has no sector: no design approver can act on it.
                Authority::DesignApprover => Vec::new(),
                Authority::AdjustmentApprover => vec![Actor::Drc, Actor::IndustryAuthority],
            };
            exception::judge_authority(&mut j, p.rule_id, c.cmd.actor, &allowed);
            j.verdict()?
        };
        self.exceptions.record(c.seq, p);
        Ok(Next::stay(verdict))
    }

    /// The open and overdue obligations as of `as_of` (RULES.md §1.7).
    pub fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        self.obligations.open_as_of(as_of)
    }

    /// Compliance findings as of `as_of` (RULES.md §5): the chain, stored findings and
    /// default_breaches, the draft never put to the meeting by (P−1)-12-31 (F-INV-29.3), the plan
    /// never issued in January (default_breach F-INV-29.4).
    pub fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        crate::journal::chain_finding(&self.log, as_of, &mut out);
        out.extend(finding::stored(self.log.entries(), as_of));
        for o in self.obligations.open_as_of(as_of).into_iter().filter(|o| o.overdue) {
            let kind = if o.obligation.rule == INV_29_4 { OutcomeKind::DefaultBreach } else { OutcomeKind::Finding };
            let detail = if o.obligation.rule == INV_52_2 { "not_disclosed" } else { "overdue" };
            out.push(Finding::new(
                o.obligation.rule,
                kind,
                detail,
                vec![o.obligation.opened_seq],
                o.obligation.due,
                FindingSource::Overdue,
            ));
        }
        out
    }

    /// The state and ledger as JSON (`state_json` of RULES.md §8).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "plan",
            "year": self.year,
            "state": self.state.map(PlanState::as_str).unwrap_or(NO_STATE),
            "ledger": self.ledger,
            "projects": self.entries(),
            "exceptions": self.exceptions,
            "obligations": self.obligations.all(),
            "log_len": self.log.len(),
            "head": self.log.head(),
        })
    }
}

/// INV-29.1 (AMB-10 as revised in RULES.md §3.3.8): the project unit's report, the industry
/// authority's written review opinion and the written opinions of natural resources and planning,
/// ecology and environment and civil air defence must exist — each of the three a reference dated
/// on or before the submission, else V `missing_opinion`.
///
/// 依次 qualifies 征求, the industry authority's own act: only the soliciting of the three is
/// ordered (NRP ≤ EE ≤ CAD; 等 others unconstrained), by `sought_on` when every opinion carries
/// one (§3.5 B17), else by the list order. Out of order → accepted with the finding
/// `solicited_out_of_order` (refiling cannot undo a past solicitation). Reply dates and the
/// industry opinion's date are never ordered (§3.5 B20: the industry opinion is not ordered
/// against them).
fn judge_submission_file(j: &mut Judge<'_>, p: &SubmitForPlan, on: NaiveDate) {
    let report_ok = p.application_report.as_ref().is_some_and(|r| r.is_valid());
    j.require(INV_29_1, report_ok, "missing_application_report");
    if let Some(r) = &p.application_report {
        j.require(INV_29_1, r.issuer.is_none_or(|i| i == Actor::ProjectUnit), "wrong_issuer");
    }
    j.require(INV_29_1, p.industry_opinion.as_ref().is_some_and(|r| r.is_valid()), "missing_industry_opinion");
    const ORDER: [OpinionAuthority; 3] = [
        OpinionAuthority::NaturalResourcesPlanning,
        OpinionAuthority::EcologyEnvironment,
        OpinionAuthority::CivilAirDefence,
    ];
    // The first opinion of each of the three that is on file by the submission: (list index, sought_on).
    let firsts: Vec<Option<(usize, Option<NaiveDate>)>> = ORDER
        .iter()
        .map(|a| {
            p.opinions
                .iter()
                .enumerate()
                .find(|(_, o)| o.authority == *a && o.reference.is_valid() && o.date <= on)
                .map(|(i, o)| (i, o.sought_on))
        })
        .collect();
    j.require(INV_29_1, firsts.iter().all(Option::is_some), "missing_opinion");
    let present: Vec<(usize, Option<NaiveDate>)> = firsts.iter().flatten().copied().collect();
    let by_date = p.opinions.iter().all(|o| o.sought_on.is_some());
    let ordered = present.windows(2).all(|w| if by_date { w[0].1 <= w[1].1 } else { w[0].0 < w[1].0 });
    j.finding(INV_29_1, ordered, "solicited_out_of_order");
}

fn check_decisions(ds: &[crate::investment::plan::PlanDecision], path: &str) -> Result<(), InputError> {
    for (i, d) in ds.iter().enumerate() {
        if d.project_id.trim().is_empty() {
            return Err(InputError::new(format!("{path}[{i}].project_id"), InputReason::Empty, "project_id is empty"));
        }
        if ds[..i].iter().any(|o| o.project_id == d.project_id) {
            return Err(InputError::new(
                format!("{path}[{i}].project_id"),
                InputReason::InvalidValue,
                "a project is decided twice",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{DocKind, DocRef};
    use crate::exception::{ExceptionScope, RuleException};
    use crate::investment::plan::{
        AddOutOfPlan, CompileDraft, MeetingDecide, PlanDecision, PlanOpinion, SubmitDraftToMeeting,
    };
    use crate::outcome::{Mode, Outcome};
    use crate::yuan;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn doc(kind: DocKind, date: Option<&str>) -> DocRef {
        DocRef { kind, reference: "宛〔2023〕8号".into(), date: date.map(d), issuer: None }
    }

    fn cmd(e: impl Into<PlanEvent>, actor: Actor, date: &str) -> Command {
        Command::new(Stream::year(MachineId::Plan, 2024), e.into(), actor, d(date))
    }

    fn opinion(a: OpinionAuthority, date: &str) -> PlanOpinion {
        PlanOpinion { authority: a, date: d(date), reference: doc(DocKind::Opinion, None), sought_on: None }
    }

    fn full_file(pid: &str) -> SubmitForPlan {
        SubmitForPlan {
            application_report: Some(DocRef {
                issuer: Some(Actor::ProjectUnit),
                ..doc(DocKind::PlanApplicationReport, None)
            }),
            exempt_special: false,
            industry_opinion: Some(doc(DocKind::Opinion, Some("2023-09-01"))),
            opinions: vec![
                opinion(OpinionAuthority::NaturalResourcesPlanning, "2023-09-05"),
                opinion(OpinionAuthority::EcologyEnvironment, "2023-09-10"),
                opinion(OpinionAuthority::CivilAirDefence, "2023-09-10"),
            ],
            project_code: Some("2306-411300-04-01-000001".into()),
            project_id: pid.into(),
        }
    }

    fn exempt(pid: &str) -> SubmitForPlan {
        SubmitForPlan {
            application_report: None,
            exempt_special: true,
            industry_opinion: None,
            opinions: vec![],
            project_code: None,
            project_id: pid.into(),
        }
    }

    fn decision(pid: &str, inclusion: Inclusion, amount: &str) -> PlanDecision {
        PlanDecision {
            annual_amount: yuan!(amount),
            content: Some("门诊楼扩建".into()),
            decision: inclusion,
            name: Some(format!("{pid} 项目")),
            period: Some("2024-03 — 2025-12".into()),
            project_code: None,
            project_id: pid.into(),
            scale: Some("建筑面积 30,000 平方米".into()),
            source: "municipal_budget".into(),
            total: Some(yuan!("120000000.00")),
        }
    }

    fn draft(decisions: Vec<PlanDecision>, total: &str) -> Command {
        let p = CompileDraft {
            annual_total: yuan!(total),
            decisions,
            directions: vec!["public health".into()],
            preparatory_fees: yuan!("1000000.00"),
            reserve: yuan!("2000000.00"),
        };
        cmd(p, Actor::Drc, "2023-11-20").with(Actor::Finance, "南阳市财政局")
    }

    fn meeting(mode: DecisionMode, outcome: MeetingOutcome, date: &str) -> Command {
        let p = MeetingDecide { decisions: vec![], minutes_ref: doc(DocKind::Minutes, None), mode, outcome };
        cmd(p, Actor::ExecutiveMeeting, date)
    }

    fn issue(date: &str, supplement: bool, copies: &[Actor]) -> Command {
        let p = IssuePlan { copies_to: copies.to_vec(), reference: doc(DocKind::AnnualPlan, None), supplement };
        cmd(p, Actor::Drc, date)
    }

    const COPIES: [Actor; 3] = [Actor::IndustryAuthority, Actor::Finance, Actor::Audit];

    fn disclose(date: &str) -> Command {
        let p = crate::investment::events::RecordDisclosure {
            reference: doc(DocKind::Approval, None),
            subject: crate::investment::events::DisclosureSubject::Plan,
        };
        cmd(p, Actor::Drc, date)
    }

    /// Source: INV-52.2 — an issued plan is disclosed within `disclosure_due_days` (20) working
    /// days (RULES.md §3.4): issued 2024-01-31, the 20th working day is 2024-03-04 (春节 02-10 to
    /// 02-17 off, 02-04 and 02-18 worked); disclosed on it → nothing, on the 21st (2024-03-05) →
    /// finding `late`; never → F-INV-52.2 `not_disclosed` from 2024-03-05; another subject is an
    /// input error.
    #[test]
    fn plan_disclosure_52_2() {
        let issued = || {
            let mut p = decided();
            p.apply(issue("2024-01-31", false, &COPIES)).unwrap();
            p
        };
        let p = issued();
        let due = p.obligations(d("2024-02-01"))[0].obligation.due;
        assert_eq!(due, d("2024-03-04"));
        let codes = |p: &AnnualPlan, as_of: &str| {
            p.findings(d(as_of)).iter().map(|f| format!("{}:{}", f.code, f.detail)).collect::<Vec<_>>()
        };
        let day_after = d("2024-03-05");
        assert!(codes(&p, &due.to_string()).is_empty());
        assert!(codes(&p, &day_after.to_string()).contains(&"F-INV-52.2:not_disclosed".to_string()));
        let mut p = issued();
        assert!(p.apply(disclose(&due.to_string())).unwrap().outcomes.is_empty());
        assert!(p.obligations(d("2024-12-31")).is_empty());
        let mut p = issued();
        let t = p.apply(disclose(&day_after.to_string())).unwrap();
        assert_eq!(t.outcomes.len(), 1);
        assert_eq!(
            (t.outcomes[0].kind, t.outcomes[0].rule, &*t.outcomes[0].detail),
            (OutcomeKind::Finding, INV_52_2, "late")
        );
        let mut bad = disclose("2024-02-01");
        if let Event::Plan(PlanEvent::RecordDisclosure(r)) = &mut bad.event {
            r.subject = crate::investment::events::DisclosureSubject::Approval;
        }
        assert!(matches!(issued().apply(bad), Err(Error::Input(_))));
    }

    /// A plan through the meeting: P1 included (30M), P2 pending, P3 excluded.
    fn decided() -> AnnualPlan {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(full_file("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(cmd(exempt("P2"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(cmd(exempt("P3"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        let ds = vec![
            decision("P1", Inclusion::Included, "30000000.00"),
            decision("P2", Inclusion::Pending, "0.00"),
            decision("P3", Inclusion::Excluded, "0.00"),
        ];
        p.apply(draft(ds, "33000000.00")).unwrap();
        p.apply(cmd(SubmitDraftToMeeting { reference: doc(DocKind::AnnualPlan, None) }, Actor::Drc, "2023-12-31"))
            .unwrap();
        p.apply(meeting(DecisionMode::Meeting, MeetingOutcome::Decided, "2023-12-31")).unwrap();
        p
    }

    /// Source: INV-29.1 — RULES.md §3.1.6 (b) `submit_for_plan`: "∅, plan_collecting,
    /// plan_drafted → plan_collecting or same": a submission while the draft is compiled keeps
    /// `plan_drafted` (the kernel checks the kept state against the row; a property test found
    /// the step refused by that check).
    #[test]
    fn submission_to_a_drafted_plan_keeps_the_draft() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(full_file("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(draft(vec![decision("P1", Inclusion::Included, "30000000.00")], "33000000.00")).unwrap();
        assert_eq!(p.state(), Some(PlanDrafted));
        // Late (after 31 October): accepted with its finding, the state kept.
        let t = p.apply(cmd(exempt("P2"), Actor::IndustryAuthority, "2023-11-21")).unwrap();
        assert_eq!((&*t.from, &*t.to), ("plan_drafted", "plan_drafted"));
        assert_eq!(p.state(), Some(PlanDrafted));
        assert_eq!(p.entry("P2").unwrap().status, S::PlanSubmitted);
    }

    fn rule_err(r: Result<Transition, Error>) -> Vec<Outcome> {
        match r {
            Err(Error::Rule(v)) => v.outcomes,
            other => panic!("expected a rule violation, got {other:?}"),
        }
    }

    fn v(rule: crate::RuleId, detail: &'static str) -> Outcome {
        Outcome::new(OutcomeKind::Violation, rule, detail)
    }

    /// Source: INV-29.4 — a plan year on time: submissions by 31 October, draft by 31 December, issue in January.
    #[test]
    fn plan_year_on_time() {
        let mut p = decided();
        assert_eq!(p.state(), Some(PlanDecided));
        assert_eq!(p.entry("P1").unwrap().status, S::PlanMeetingApproved);
        assert_eq!(p.entry("P2").unwrap().status, S::PlanDrafted);
        assert_eq!(p.entry("P3").unwrap().status, S::PlanNotIncluded);
        let t = p.apply(issue("2024-01-31", false, &COPIES)).unwrap();
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        assert!(p.apply(disclose("2024-02-01")).unwrap().outcomes.is_empty());
        let e = p.entry("P1").unwrap();
        assert_eq!(
            (e.status, e.annual_amount, e.issued_on),
            (S::PlanIssued, Some(yuan!("30000000.00")), Some(d("2024-01-31")))
        );
        assert!(p.log().entries().iter().all(|e| e.outcomes().is_empty()));
        assert!(p.findings(d("2024-12-31")).is_empty());
        assert!(p.obligations(d("2024-12-31")).is_empty());
        assert!(p.mermaid().contains("class plan_issued current"));
        assert_eq!(p.state_json()["projects"]["P1"]["status"], "plan_issued");
    }

    /// Source: INV-12.2 — RULES.md §3.5 D2: a `preparatory` decision puts the project on the
    /// preparatory-fee line: it goes through the meeting and the issue like an included one, its
    /// entry says `preparatory` (so it is not in the plan proper, `in_plan` false), and its amount
    /// is not added to the included sum again (INV-27 over_annual_total: it sits inside
    /// `preparatory_fees`). A project the issued plan does not carry learns the issue date.
    #[test]
    fn preparatory_decision_d2() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(full_file("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(cmd(exempt("P4"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(cmd(exempt("P3"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        let ds = vec![
            decision("P1", Inclusion::Included, "30000000.00"),
            decision("P4", Inclusion::Preparatory, "800000.00"),
            decision("P3", Inclusion::Excluded, "0.00"),
        ];
        // 30,000,000.00 + 1,000,000.00 fees + 2,000,000.00 reserve = 33,000,000.00 IN: the
        // preparatory decision is inside the fees.
        let t = p.apply(draft(ds, "33000000.00")).unwrap();
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        p.apply(cmd(SubmitDraftToMeeting { reference: doc(DocKind::AnnualPlan, None) }, Actor::Drc, "2023-12-31"))
            .unwrap();
        p.apply(meeting(DecisionMode::Meeting, MeetingOutcome::Decided, "2023-12-31")).unwrap();
        assert_eq!(p.entry("P4").unwrap().status, S::PlanMeetingApproved);
        assert_eq!(p.unlisted_entry(), None);
        assert_eq!(p.entry("P3").unwrap().plan_issued_on, None);
        p.apply(issue("2024-01-31", false, &COPIES)).unwrap();
        let e = p.entry("P4").unwrap();
        assert_eq!((e.status, e.preparatory, e.annual_amount), (S::PlanIssued, true, Some(yuan!("800000.00"))));
        assert!(!e.in_plan() && p.entry("P1").unwrap().in_plan());
        assert_eq!(p.entry("P1").unwrap().plan_issued_on, None);
        assert_eq!(p.entry("P3").unwrap().plan_issued(), Some(d("2024-01-31")));
        assert_eq!(p.unlisted_entry().unwrap().plan_issued(), Some(d("2024-01-31")));
        assert_eq!(p.state_json()["projects"]["P4"]["preparatory"], true);
    }

    /// Source: INV-29.1 — 10月底前: 31 October on time, 1 November accepted with a finding.
    #[test]
    fn late_submission() {
        let mut p = AnnualPlan::new(Context::default());
        let t = p.apply(cmd(full_file("P1"), Actor::IndustryAuthority, "2023-11-01")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "late")]);
        assert_eq!(p.entry("P1").unwrap().status, S::PlanSubmitted);
        assert!(p.findings(d("2023-11-01")).iter().any(|f| f.code == "F-INV-29.1" && f.detail == "late"));
    }

    /// Source: INV-29.1 — AMB-10: report by the project unit, the industry opinion, then in turn NRP, EE, CAD (others after).
    #[test]
    fn submission_file() {
        let mut p = AnnualPlan::new(Context::default());
        let submit = |f: SubmitForPlan| cmd(f, Actor::IndustryAuthority, "2023-10-15");
        let mut f = full_file("P1");
        f.application_report = None;
        assert_eq!(rule_err(p.apply(submit(f))), vec![v(INV_29_1, "missing_application_report")]);
        let mut f = full_file("P1");
        f.application_report.as_mut().unwrap().issuer = Some(Actor::IndustryAuthority);
        assert_eq!(rule_err(p.apply(submit(f))), vec![v(INV_29_1, "wrong_issuer")]);
        let mut f = full_file("P1");
        f.industry_opinion = None;
        assert_eq!(rule_err(p.apply(submit(f))), vec![v(INV_29_1, "missing_industry_opinion")]);
        let mut f = full_file("P1");
        f.opinions.pop();
        assert_eq!(rule_err(p.apply(submit(f))), vec![v(INV_29_1, "missing_opinion")]);
        // An opinion dated after the submission is not on file.
        let mut f = full_file("P1");
        f.opinions[2].date = d("2023-10-16");
        assert_eq!(rule_err(p.apply(submit(f))), vec![v(INV_29_1, "missing_opinion")]);
        // AMB-10 revised (RULES.md §3.3.8, replacing the old `out_of_order` violations): reply dates
        // are never ordered — an ecology reply before the natural-resources one, an industry opinion
        // dated after the replies, an `other` opinion before them are all Ok.
        let mut f = full_file("P1");
        f.opinions[1].date = d("2023-09-04");
        assert!(p.clone().apply(submit(f)).unwrap().outcomes.is_empty());
        let mut f = full_file("P1");
        f.industry_opinion.as_mut().unwrap().date = Some(d("2023-09-06"));
        assert!(p.clone().apply(submit(f)).unwrap().outcomes.is_empty());
        let mut f = full_file("P1");
        f.opinions.insert(0, opinion(OpinionAuthority::Other, "2023-09-09"));
        assert!(p.clone().apply(submit(f)).unwrap().outcomes.is_empty());
        // The soliciting, by list order: ecology sought before natural resources → finding.
        let mut f = full_file("P1");
        f.opinions.swap(0, 1);
        let t = p.clone().apply(submit(f)).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "solicited_out_of_order")]);
        // Wrong actor; record mode keeps violations as findings.
        let mut c = submit(full_file("P1"));
        c.actor = Actor::ProjectUnit;
        assert_eq!(rule_err(p.apply(c.clone())), vec![v(INV_29_1, "wrong_actor")]);
        let t = p.apply(c.mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "wrong_actor")]);
    }

    /// Source: INV-27 — drc with finance, within the annual total (Σ = total IN, +0.01 OUT); INV-28 content; INV-29.2 submitted projects.
    #[test]
    fn compile_draft_rules() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        let ds = || vec![decision("P1", Inclusion::Included, "30000000.00")];
        assert!(p.clone().apply(draft(ds(), "33000000.00")).unwrap().outcomes.is_empty());
        assert_eq!(rule_err(p.apply(draft(ds(), "32999999.99"))), vec![v(INV_27, "over_annual_total")]);
        let mut c = draft(ds(), "33000000.00");
        c.co_actors.clear();
        assert_eq!(rule_err(p.apply(c)), vec![v(INV_27, "missing_co_actor")]);
        let mut c = draft(vec![decision("P9", Inclusion::Included, "0.00")], "33000000.00");
        if let Event::Plan(PlanEvent::CompileDraft(x)) = &mut c.event {
            x.directions.clear();
        }
        assert_eq!(rule_err(p.apply(c)), vec![v(INV_28, "missing_directions"), v(INV_29_2, "not_submitted")]);
        let dup = vec![decision("P1", Inclusion::Included, "1.00"), decision("P1", Inclusion::Pending, "0.00")];
        assert!(matches!(p.apply(draft(dup, "33000000.00")), Err(Error::Input(_))));
    }

    /// Source: INV-28 — RULES.md §3.4: an included entry carries 「具体项目名称、建设内容和规模、建设
    /// 工期、项目总投资」; one missing → W INV-28 `plan_entry_incomplete` (accepted: the plan is the
    /// meeting's document); pending and excluded entries need none of them.
    #[test]
    fn plan_entry_contents_28() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(cmd(exempt("P2"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        let full = || decision("P1", Inclusion::Included, "30000000.00");
        assert!(p.clone().apply(draft(vec![full()], "33000000.00")).unwrap().outcomes.is_empty());
        let w = vec![Outcome::new(OutcomeKind::Warning, INV_28, "plan_entry_incomplete")];
        let cases: [fn(&mut PlanDecision); 5] = [
            |d| d.name = None,
            |d| d.content = Some("  ".into()),
            |d| d.scale = None,
            |d| d.period = None,
            |d| d.total = None,
        ];
        for strip in cases {
            let mut d = full();
            strip(&mut d);
            let t = p.clone().apply(draft(vec![d], "33000000.00")).unwrap();
            assert_eq!(t.outcomes, w);
        }
        // Pending (待安排) and excluded entries are not judged.
        let bare = |pid: &str, inc| PlanDecision {
            content: None,
            name: None,
            period: None,
            scale: None,
            total: None,
            ..decision(pid, inc, "0.00")
        };
        let t = p.apply(draft(vec![full(), bare("P2", Inclusion::Pending)], "33000000.00")).unwrap();
        assert!(t.outcomes.is_empty());
        let t = p.apply(draft(vec![full(), bare("P2", Inclusion::Excluded)], "33000000.00")).unwrap();
        assert!(t.outcomes.is_empty());
    }

    /// Source: INV-29.3 — 当年12月底: 31 December on time (a Sunday, not moved), 1 January late; never done → overdue.
    #[test]
    fn draft_to_meeting_deadline() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(draft(vec![decision("P1", Inclusion::Included, "1.00")], "33000000.00")).unwrap();
        assert!(p.findings(d("2023-12-31")).is_empty());
        let f = p.findings(d("2024-01-01"));
        assert!(f.iter().any(|f| f.code == "F-INV-29.3" && f.detail == "overdue"));
        let t = p
            .apply(cmd(SubmitDraftToMeeting { reference: doc(DocKind::AnnualPlan, None) }, Actor::Drc, "2024-01-01"))
            .unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_3, "late")]);
        assert_eq!(p.entry("P1").unwrap().status, S::PlanAtMeeting);
    }

    /// Source: INV-30.3 — not by circulation, countersignature or individual consultation; a returned draft goes back.
    #[test]
    fn meeting_mode_and_return() {
        let mut p = AnnualPlan::new(Context::default());
        p.apply(cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-31")).unwrap();
        p.apply(draft(vec![decision("P1", Inclusion::Included, "1.00")], "33000000.00")).unwrap();
        p.apply(cmd(SubmitDraftToMeeting { reference: doc(DocKind::AnnualPlan, None) }, Actor::Drc, "2023-12-20"))
            .unwrap();
        for mode in [DecisionMode::Circulation, DecisionMode::Countersign, DecisionMode::IndividualConsultation] {
            assert_eq!(
                rule_err(p.apply(meeting(mode, MeetingOutcome::Decided, "2023-12-28"))),
                vec![v(INV_30_3, "not_collective")]
            );
        }
        let t = p.apply(meeting(DecisionMode::Meeting, MeetingOutcome::Returned, "2023-12-28")).unwrap();
        assert_eq!(t.to, "plan_drafted");
        assert_eq!(p.entry("P1").unwrap().status, S::PlanDrafted);
        // Redrafted, resubmitted, decided with an amendment: P1 pending.
        let mut redraft = draft(vec![decision("P1", Inclusion::Included, "2.00")], "33000000.00");
        redraft.date = d("2023-12-28");
        p.apply(redraft).unwrap();
        p.apply(cmd(SubmitDraftToMeeting { reference: doc(DocKind::AnnualPlan, None) }, Actor::Drc, "2023-12-29"))
            .unwrap();
        let mut m = meeting(DecisionMode::Meeting, MeetingOutcome::Decided, "2023-12-30");
        if let Event::Plan(PlanEvent::MeetingDecide(x)) = &mut m.event {
            x.decisions = vec![decision("P1", Inclusion::Pending, "0.00")];
        }
        p.apply(m).unwrap();
        assert_eq!(p.entry("P1").unwrap().status, S::PlanDrafted);
    }

    /// Source: INV-29.4 — 原则上…次年1月 (D): a February issue is a default_breach unless drc recorded an exception first.
    #[test]
    fn february_issue() {
        let mut p = decided();
        let t = p.clone().apply(issue("2024-02-01", false, &COPIES)).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, INV_29_4, "outside_issue_month")]);
        let t = p.clone().apply(issue("2024-01-10", false, &COPIES[..2])).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, INV_29_4, "missing_copies")]);
        // Not issued by 31 January: found as a default_breach.
        let f = p.findings(d("2024-02-01"));
        assert!(f.iter().any(|f| f.code == "F-INV-29.4" && f.kind == OutcomeKind::DefaultBreach));
        assert!(p.findings(d("2024-01-31")).is_empty());
        let e = RuleException {
            decision_ref: doc(DocKind::Approval, None),
            event: None,
            reason: "the budget was adopted late".into(),
            rule_id: INV_29_4,
            scope: ExceptionScope::One,
        };
        assert_eq!(
            rule_err(p.clone().apply(cmd(e.clone(), Actor::Finance, "2024-01-20"))),
            vec![v(INV_29_4, "wrong_authority")]
        );
        p.apply(cmd(e, Actor::Drc, "2024-01-20")).unwrap();
        let t = p.apply(issue("2024-02-01", false, &COPIES)).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used.len(), 1);
    }

    /// Source: INV-30.2 — additions in year P only after the meeting, issued by supplement; INV-7.2 (D) non-emergency additions.
    #[test]
    fn out_of_plan_additions() {
        let mut p = decided();
        p.apply(issue("2024-01-15", false, &COPIES)).unwrap();
        assert_eq!(rule_err(p.clone().apply(issue("2024-03-01", true, &[]))), vec![v(INV_30_2, "no_meeting_approval")]);
        let add = |pid: &str, emergency: bool, mode: DecisionMode, date: &str| {
            let a = AddOutOfPlan {
                annual_amount: yuan!("5000000.00"),
                emergency,
                minutes_ref: doc(DocKind::Minutes, None),
                mode,
                project_code: None,
                project_id: pid.into(),
                reason: "flood damage".into(),
            };
            cmd(a, Actor::ExecutiveMeeting, date)
        };
        assert_eq!(
            rule_err(p.clone().apply(add("P7", true, DecisionMode::Circulation, "2024-03-01"))),
            vec![v(INV_30_3, "not_collective")]
        );
        assert_eq!(
            rule_err(p.clone().apply(add("P7", true, DecisionMode::Meeting, "2025-01-02"))),
            vec![v(INV_30_2, "not_plan_year")]
        );
        assert!(matches!(p.clone().apply(add("P1", true, DecisionMode::Meeting, "2024-03-01")), Err(Error::Input(_))));
        let t = p.apply(add("P7", true, DecisionMode::Meeting, "2024-03-01")).unwrap();
        assert!(t.outcomes.is_empty());
        assert!(t.rules.contains(&INV_30_4));
        let t = p.apply(add("P8", false, DecisionMode::Meeting, "2024-03-02")).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::DefaultBreach, INV_7_2, "not_emergency")]);
        assert_eq!(p.entry("P7").unwrap().status, S::PlanMeetingApproved);
        let t = p.apply(issue("2024-03-05", true, &[])).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(p.entry("P7").unwrap().status, S::PlanIssued);
        assert_eq!(p.entry("P8").unwrap().issued_on, Some(d("2024-03-05")));
        assert_eq!(p.entry("P1").unwrap().issued_on, Some(d("2024-01-15")));
    }

    #[test]
    fn stream_and_transition_errors() {
        let mut p = AnnualPlan::new(Context::default());
        assert!(matches!(p.apply(draft(vec![], "1.00")), Err(Error::Transition(_))));
        let mut c = cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-01");
        c.stream.project_id = Some("P1".into());
        assert!(matches!(p.apply(c), Err(Error::Input(ref e)) if e.reason == InputReason::WrongStream));
        let mut c = cmd(exempt("P1"), Actor::IndustryAuthority, "2023-10-01");
        c.stream.instance = "next".into();
        assert!(matches!(p.apply(c), Err(Error::Input(_))));
        // INV-60 (S): before 2023-06-01 rejected in both modes.
        for mode in [Mode::Enforce, Mode::Record] {
            let c = cmd(exempt("P1"), Actor::IndustryAuthority, "2023-05-31").mode(mode);
            assert_eq!(rule_err(p.apply(c)), vec![v(INV_60, "before_effective_date")]);
        }
        assert_eq!(p, AnnualPlan::new(Context::default()));
        let mut q = decided();
        assert!(
            matches!(q.apply(issue("2024-01-10", true, &COPIES)), Err(Error::Transition(ref t)) if t.detail == "main_plan_not_issued")
        );
        q.apply(issue("2024-01-10", false, &COPIES)).unwrap();
        assert!(
            matches!(q.apply(issue("2024-01-11", false, &COPIES)), Err(Error::Transition(ref t)) if t.detail == "already_issued")
        );
        assert!(matches!(
            q.apply(meeting(DecisionMode::Meeting, MeetingOutcome::Decided, "2024-01-12")),
            Err(Error::Transition(_))
        ));
        let mut other = cmd(exempt("P1"), Actor::IndustryAuthority, "2024-01-12");
        other.stream.instance = "2025".into();
        assert!(matches!(q.apply(other), Err(Error::Input(ref e)) if e.reason == InputReason::WrongStream));
    }

    /// Source: INV-57 — the plan's own chain: replay and JSON round trip rebuild it; tampering is detected.
    #[test]
    fn replay_round_trip() {
        let mut p = decided();
        p.apply(issue("2024-02-02", false, &COPIES)).unwrap();
        let back = AnnualPlan::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        let (q, report) = AnnualPlan::replay(Context::default(), p.log()).unwrap();
        assert_eq!(q, p);
        assert!(report.differences.is_empty());
        let tampered = p.log().to_json().replace("30000000.00", "31000000.00");
        assert!(Log::from_json(&tampered).is_err());
    }

    /// Source: INV-29.1 — RULES.md §3.3.9 example 16 (AMB-10 revised, §3.5 B17/B20): sought NRP
    /// 10-08, EE 10-09, CAD 10-10; replies NRP 10-20, EE 10-12, CAD 10-15; submitted 10-25 → Ok
    /// (before the revision: V `out_of_order`). EE sought 10-07 → accepted with the finding
    /// `solicited_out_of_order`; same-day soliciting is in order. No CAD opinion → V
    /// `missing_opinion`. When one opinion lacks `sought_on`, the list order decides.
    #[test]
    fn amb10_solicitation_order_example_16() {
        let sought = |a, sought: &str, reply: &str| PlanOpinion {
            authority: a,
            date: d(reply),
            reference: doc(DocKind::Opinion, None),
            sought_on: Some(d(sought)),
        };
        let file = |ee_sought: &str| {
            let mut f = full_file("P1");
            f.opinions = vec![
                sought(OpinionAuthority::NaturalResourcesPlanning, "2023-10-08", "2023-10-20"),
                sought(OpinionAuthority::EcologyEnvironment, ee_sought, "2023-10-12"),
                sought(OpinionAuthority::CivilAirDefence, "2023-10-10", "2023-10-15"),
            ];
            f
        };
        let submit = |f: SubmitForPlan| cmd(f, Actor::IndustryAuthority, "2023-10-25");
        let p = AnnualPlan::new(Context::default());
        assert!(p.clone().apply(submit(file("2023-10-09"))).unwrap().outcomes.is_empty());
        assert!(p.clone().apply(submit(file("2023-10-08"))).unwrap().outcomes.is_empty());
        let t = p.clone().apply(submit(file("2023-10-07"))).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "solicited_out_of_order")]);
        assert_eq!(p.clone().apply(submit(file("2023-10-07"))).unwrap().to, "plan_collecting");
        // sought_on orders even against the list: CAD listed first but sought last → Ok.
        let mut f = file("2023-10-09");
        f.opinions.rotate_right(1);
        assert!(p.clone().apply(submit(f)).unwrap().outcomes.is_empty());
        // One opinion without sought_on: the list order (CAD first) decides → finding.
        let mut f = file("2023-10-09");
        f.opinions.rotate_right(1);
        f.opinions.push(opinion(OpinionAuthority::Other, "2023-10-01"));
        let t = p.clone().apply(submit(f)).unwrap();
        assert_eq!(t.outcomes, vec![Outcome::new(OutcomeKind::Finding, INV_29_1, "solicited_out_of_order")]);
        let mut f = file("2023-10-09");
        f.opinions.pop();
        assert_eq!(rule_err(p.clone().apply(submit(f))), vec![v(INV_29_1, "missing_opinion")]);
    }
}
