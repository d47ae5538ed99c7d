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
    PlanDates, PlanEntry, PlanEvent, PlanMachine, PlanState, ProjectPlanStatus, SubmitForPlan, judge_issue,
    judge_meeting_date, judge_submission_date, plan_dates,
};
use crate::investment::project::{ReplayDifference, ReplayReport, Step};
use crate::log::{Command, Log, LogEntry, MachineId, Stream, verify_chain};
use crate::machine::{row_allows, row_of};
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
    pub issued_on: Option<NaiveDate>,
    /// Supplement issue dates.
    pub supplements: Vec<NaiveDate>,
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

impl PartialEq for AnnualPlan {
    fn eq(&self, o: &Self) -> bool {
        self.year == o.year
            && self.state == o.state
            && self.ledger == o.ledger
            && self.exceptions == o.exceptions
            && self.obligations == o.obligations
            && self.log == o.log
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
        })
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
        self.apply_inner(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`AnnualPlan::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    fn apply_inner(&mut self, cmd: Command, replay: Option<&LogEntry>) -> Result<Transition, Error> {
        self.log.check_date(cmd.date)?;
        let seq = self.log.next_seq();
        let step = self.step(&cmd, seq, replay.is_some())?;
        self.exceptions.consume(&step.verdict.exceptions_used);
        let Step { verdict, from, to } = step;
        let event = cmd.event.name();
        match replay {
            None => {
                self.log.append(cmd, verdict.outcomes.clone(), from, to, self.ctx.config_id());
            }
            Some(entry) => self.log.push_verified(entry.clone()),
        }
        Ok(Transition {
            seq,
            machine: MachineId::Plan.as_str().into(),
            event: event.into(),
            from: from.into(),
            to: to.into(),
            rules: verdict.rules,
            outcomes: verdict.outcomes,
            exceptions_used: verdict.exceptions_used,
        })
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
        let dates = plan_dates(year, self.ctx.config())?;
        match e {
            PlanEvent::SubmitForPlan(p) => self.submit_for_plan(p, cmd, year, &dates, seq, force, from),
            PlanEvent::CompileDraft(p) => self.compile_draft(p, cmd, seq, force, from),
            PlanEvent::SubmitDraftToMeeting(p) => {
                if !p.reference.is_valid() {
                    return Err(InputError::new("facts.ref.ref", InputReason::Empty, "the submission document").into());
                }
                self.submit_draft_to_meeting(cmd, &dates, seq, force, from)
            }
            PlanEvent::MeetingDecide(p) => self.meeting_decide(p, cmd, force, from),
            PlanEvent::IssuePlan(p) => self.issue_plan(p, cmd, &dates, seq, force, from),
            PlanEvent::AddOutOfPlan(p) => self.add_out_of_plan(p, cmd, year, force, from),
            PlanEvent::RecordException(p) => self.record_exception(p, cmd, seq, force, from),
        }
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
    fn submit_for_plan(
        &mut self,
        p: &SubmitForPlan,
        cmd: &Command,
        year: i32,
        dates: &PlanDates,
        seq: u32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        if p.project_id.trim().is_empty() {
            return Err(InputError::new("facts.project_id", InputReason::Empty, "project_id must not be empty").into());
        }
        let verdict = {
            let mut j = self.judge(cmd, force);
            if self.state.is_none() {
                // INV-60 (S): the plan stream starts on or after 2023-06-01.
                j.scope(INV_60, crate::investment::inv_applies(cmd.date), "before_effective_date");
            }
            Self::judge_actor(&mut j, Actor::IndustryAuthority, INV_29_1, cmd);
            if !p.exempt_special {
                judge_submission_file(&mut j, p, cmd.date);
            } else {
                // INTERPRETATION: AMB-10 — 重大应急抢险等特殊项目 are exempt from the report and opinions.
                j.trace(INV_29_1);
            }
            // INTERPRETATION: AMB-10 names the report and opinions as exempt; the 10月底 deadline is judged for every submission.
            judge_submission_date(&mut j, dates, cmd.date);
            j.verdict()?
        };
        if self.state.is_none() {
            self.year = Some(year);
            self.state = Some(PlanCollecting);
            self.obligations.open(seq, INV_29_3, DRAFT_TO_MEETING, "", cmd.date, dates.meeting_by);
            self.obligations.open(seq, INV_29_4, ISSUE_PLAN, "", cmd.date, dates.issue_to);
        }
        self.ledger.submissions.insert(
            p.project_id.clone(),
            Submission {
                project_code: p.project_code.clone(),
                exempt_special: p.exempt_special,
                submitted_on: cmd.date,
                seq,
            },
        );
        let pp = self.project_mut(&p.project_id, p.project_code.as_ref());
        if matches!(pp.status, S::PlanNone | S::PlanNotIncluded) {
            pp.status = S::PlanSubmitted;
        }
        let to = self.state.map(PlanState::as_str).unwrap_or(from);
        Ok(Step { verdict, from, to })
    }

    fn compile_draft(
        &mut self,
        p: &CompileDraft,
        cmd: &Command,
        seq: u32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        check_decisions(&p.decisions, "facts.decisions")?;
        let included =
            Yuan::sum(p.decisions.iter().filter(|d| d.decision == Inclusion::Included).map(|d| d.annual_amount));
        let planned = included.and_then(|s| s.checked_add(p.preparatory_fees)).and_then(|s| s.checked_add(p.reserve));
        let verdict = {
            let mut j = self.judge(cmd, force);
            // INV-27: 市发展改革部门应当会同市财政部门 … 编制政府投资年度计划草案.
            Self::judge_actor(&mut j, Actor::Drc, INV_27, cmd);
            j.require(INV_27, cmd.co_actors.iter().any(|c| c.actor == Actor::Finance), "missing_co_actor");
            // INV-27: 在确定年度政府投资总额基础上 — the plan stays within the annual total.
            // INTERPRETATION: Σ included annual amounts + preparatory fees + reserve ≤ annual total.
            j.require(INV_27, planned.is_some_and(|s| s <= p.annual_total), "over_annual_total");
            // INV-28: 资金安排方向; per project 资金来源.
            j.require(INV_28, p.directions.iter().any(|d| !d.trim().is_empty()), "missing_directions");
            j.require(INV_28, p.decisions.iter().all(|d| !d.source.trim().is_empty()), "missing_source");
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
            seq,
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
                Inclusion::Included | Inclusion::Pending => S::PlanDrafted,
                Inclusion::Excluded => S::PlanNotIncluded,
            };
        }
        self.state = Some(PlanDrafted);
        Ok(Step { verdict, from, to: PlanDrafted.as_str() })
    }

    fn submit_draft_to_meeting(
        &mut self,
        cmd: &Command,
        dates: &PlanDates,
        seq: u32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        let verdict = {
            let mut j = self.judge(cmd, force);
            Self::judge_actor(&mut j, Actor::Drc, INV_29_3, cmd);
            // INV-29.3 (deadline act, AMB-9, AMB-46): by (P−1)-12-31, else accepted with a finding.
            judge_meeting_date(&mut j, dates, cmd.date);
            j.verdict()?
        };
        for pp in self.ledger.projects.values_mut() {
            if pp.status == S::PlanDrafted {
                pp.status = S::PlanAtMeeting;
            }
        }
        self.obligations.close(DRAFT_TO_MEETING, "", seq, cmd.date);
        self.state = Some(PlanAtMeeting);
        Ok(Step { verdict, from, to: PlanAtMeeting.as_str() })
    }

    fn meeting_decide(
        &mut self,
        p: &MeetingDecide,
        cmd: &Command,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        if !p.minutes_ref.is_valid() {
            return Err(InputError::new("facts.minutes_ref.ref", InputReason::Empty, "the minutes").into());
        }
        check_decisions(&p.decisions, "facts.decisions")?;
        let verdict = {
            let mut j = self.judge(cmd, force);
            // INV-29.3: 提请市政府常务会议审议.
            Self::judge_actor(&mut j, Actor::ExecutiveMeeting, INV_29_3, cmd);
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
            MeetingOutcome::Decided => {
                for pp in self.ledger.projects.values_mut() {
                    if pp.status == S::PlanAtMeeting {
                        pp.status = match pp.decision {
                            Some(Inclusion::Included) => S::PlanMeetingApproved,
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
                        Inclusion::Included => S::PlanMeetingApproved,
                        Inclusion::Pending => S::PlanDrafted,
                        Inclusion::Excluded => S::PlanNotIncluded,
                    };
                }
                PlanDecided
            }
        };
        self.state = Some(to);
        Ok(Step { verdict, from, to: to.as_str() })
    }

    fn issue_plan(
        &mut self,
        p: &IssuePlan,
        cmd: &Command,
        dates: &PlanDates,
        seq: u32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        match (self.state, p.supplement) {
            (Some(PlanDecided), true) => {
                return Err(TransitionError::new("plan", from, "issue_plan", "main_plan_not_issued").into());
            }
            (Some(PlanIssued), false) => {
                return Err(TransitionError::new("plan", from, "issue_plan", "already_issued").into());
            }
            _ => {}
        }
        if !p.reference.is_valid() {
            return Err(InputError::new("facts.ref.ref", InputReason::Empty, "the plan document").into());
        }
        let additions = self.ledger.projects.values().any(|pp| pp.out_of_plan && pp.status == S::PlanMeetingApproved);
        let verdict = {
            let mut j = self.judge(cmd, force);
            if p.supplement {
                Self::judge_actor(&mut j, Actor::Drc, INV_30_2, cmd);
                // INV-30.2: a supplement carries only additions the executive meeting approved.
                j.require(INV_30_2, additions, "no_meeting_approval");
            } else {
                Self::judge_actor(&mut j, Actor::Drc, INV_29_4, cmd);
                // INV-29.4 (D): 原则上…于次年1月正式下达, 抄送本级行业主管部门和财政、审计.
                judge_issue(&mut j, dates, cmd.date, Some(&p.copies_to));
            }
            // INV-30.1: 一经下达，必须严格执行 — the issued plan binds the projects.
            j.trace(INV_30_1);
            j.verdict()?
        };
        for pp in self.ledger.projects.values_mut() {
            if pp.status == S::PlanMeetingApproved && (!p.supplement || pp.out_of_plan) {
                pp.status = S::PlanIssued;
                pp.issued_on = Some(cmd.date);
            }
        }
        if p.supplement {
            self.ledger.supplements.push(cmd.date);
        } else {
            self.ledger.issued_on = Some(cmd.date);
            self.obligations.close(ISSUE_PLAN, "", seq, cmd.date);
        }
        self.state = Some(PlanIssued);
        Ok(Step { verdict, from, to: PlanIssued.as_str() })
    }

    fn add_out_of_plan(
        &mut self,
        p: &AddOutOfPlan,
        cmd: &Command,
        year: i32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
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
            let mut j = self.judge(cmd, force);
            // INV-30.2: 年度计划外新增项目，经市政府常务会议审议通过后，可补充纳入当年计划.
            Self::judge_actor(&mut j, Actor::ExecutiveMeeting, INV_30_2, cmd);
            j.require(INV_30_2, cmd.date.year() == year, "not_plan_year");
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
        Ok(Step { verdict, from, to: from })
    }

    fn record_exception(
        &mut self,
        p: &crate::exception::RuleException,
        cmd: &Command,
        seq: u32,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        let auth = exception::validate(p)?;
        let verdict = {
            let mut j = self.judge(cmd, force);
            let allowed: Vec<Actor> = match auth {
                Authority::Actor(a) => vec![a],
                // A plan has no sector: no design approver can act on it.
                Authority::DesignApprover => Vec::new(),
                Authority::AdjustmentApprover => vec![Actor::Drc, Actor::IndustryAuthority],
            };
            exception::judge_authority(&mut j, p.rule_id, cmd.actor, &allowed);
            j.verdict()?
        };
        self.exceptions.record(seq, p);
        Ok(Step { verdict, from, to: from })
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
        if let Err(b) = verify_chain(self.log.entries()) {
            out.push(Finding::new(
                INV_57,
                OutcomeKind::Finding,
                "hash_mismatch",
                vec![b.seq],
                self.log.last_date().unwrap_or(as_of),
                FindingSource::Detected,
            ));
        }
        out.extend(finding::stored(self.log.entries(), as_of));
        for o in self.obligations.open_as_of(as_of).into_iter().filter(|o| o.overdue) {
            let kind = if o.obligation.rule == INV_29_4 { OutcomeKind::DefaultBreach } else { OutcomeKind::Finding };
            out.push(Finding::new(
                o.obligation.rule,
                kind,
                "overdue",
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

    /// Rebuilds a plan from its log (RULES.md §1.7): verifies the chain, re-applies every entry
    /// (stored outcomes stay authoritative) and reports where re-judging under `ctx` differs.
    ///
    /// # Errors
    /// [`Error::Input`] `broken_chain`; any error of an entry that cannot be re-applied.
    pub fn replay(ctx: Context, log: &Log) -> Result<(AnnualPlan, ReplayReport), Error> {
        let entries = log.entries();
        verify_chain(entries).map_err(|b| {
            InputError::new(
                format!("[{}]", b.seq.saturating_sub(1)),
                InputReason::BrokenChain,
                format!("hash chain broken at seq {} ({}) (F-INV-57)", b.seq, b.detail),
            )
        })?;
        let mut p = AnnualPlan::new(ctx);
        let mut report = ReplayReport::default();
        for entry in entries {
            let t = p.apply_inner(entry.command(), Some(entry))?;
            if t.outcomes != entry.outcomes {
                report.differences.push(ReplayDifference {
                    seq: entry.seq,
                    stored: entry.outcomes.clone(),
                    rejudged: t.outcomes,
                });
            }
        }
        Ok((p, report))
    }

    /// The plan as JSON: `{"schema_version":1,"machine":"plan","config":{…},"log":[…]}`.
    pub fn to_json(&self) -> String {
        let log: serde_json::Value = serde_json::to_value(self.log.entries()).unwrap_or_default();
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "plan",
            "config": self.ctx.config(),
            "log": log,
        })
        .to_string()
    }

    /// Rebuilds a plan from [`AnnualPlan::to_json`] output (embedded calendar).
    ///
    /// # Errors
    /// [`Error::Input`] for malformed JSON or a broken chain; replay errors.
    pub fn from_json(json: &str) -> Result<AnnualPlan, Error> {
        let v = crate::json::parse_value(json)?;
        crate::json::check_schema_version(&v, "schema_version")?;
        let config = match v.get("config") {
            Some(c) => crate::Config::from_json(&c.to_string())?,
            None => crate::Config::default(),
        };
        let log = Log::from_json(&v.get("log").cloned().unwrap_or_else(|| serde_json::json!([])).to_string())?;
        let ctx = Context::new(config, crate::WorkingDayCalendar::embedded());
        Ok(Self::replay(ctx, &log)?.0)
    }

    /// A Mermaid diagram of the plan stream with the current state highlighted.
    pub fn mermaid(&self) -> String {
        crate::machine::mermaid::<PlanMachine>(self.state)
    }
}

/// INV-29.1 (AMB-10): the project unit's report, the industry authority's written review opinion,
/// then in turn (依次) natural resources and planning, ecology and environment, civil air defence
/// (others may follow), all before the submission.
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
    let firsts: Vec<Option<NaiveDate>> = ORDER
        .iter()
        .map(|a| p.opinions.iter().find(|o| o.authority == *a && o.reference.is_valid()).map(|o| o.date))
        .collect();
    j.require(INV_29_1, firsts.iter().all(Option::is_some), "missing_opinion");
    // 依次: industry opinion ≤ NRP ≤ EE ≤ CAD ≤ others ≤ the submission (same day allowed).
    let mut seq: Vec<NaiveDate> = Vec::new();
    if let Some(d) = p.industry_opinion.as_ref().and_then(|r| r.date) {
        seq.push(d);
    }
    seq.extend(firsts.iter().flatten().copied());
    let last_named = seq.last().copied();
    let others_after = p
        .opinions
        .iter()
        .filter(|o| o.authority == OpinionAuthority::Other)
        .all(|o| last_named.is_none_or(|l| o.date >= l));
    let before_submission = seq.iter().all(|d| *d <= on) && p.opinions.iter().all(|o| o.date <= on);
    let ordered = seq.windows(2).all(|w| w[0] <= w[1]) && others_after && before_submission;
    j.require(INV_29_1, ordered, "out_of_order");
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
