//! The DIG annual cycle `dig_cycle/<P>` (DIG-13.1 to 13.3, 13.7; RULES.md §3.2.2, §3.2.4 (a)).
//!
//! ```text
//!  collect_demands ((P−1)-10-11 … 20; a further round: DIG-13.7 D)
//!        │
//!        ▼
//!  demands_collected ─issue_plan_opinion─▶ opinion_issued ─draft_tasks─▶ tasks_drafted
//!                                              ▲                              │ approve_tasks
//!                                              └──────── returned ───────────┤
//!                                                                             ▼ approved
//!                                                                       tasks_approved (terminal, facts)
//! ```
//! Facts in every state: `approve_soe_investment_plan` (DIG-24.2), `review_county_plan` (3.3),
//! `review_annual_accounts` (27.2), `annual_assessment` (30), `record_exception`.
//! Projects read the cycle through a [`CycleView`] (DIG-13.3: tasked only if the cycle of their
//! year is at `tasks_approved` and their id is approved).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::config::Context;
use crate::digital::events::{
    AnnualAssessment, ApproveSoeInvestmentPlan, ApproveTasks, CollectDemands, ConstructionMode, DigCycleEvent,
    DraftTasks, Funding, IssuePlanOpinion, ReviewAnnualAccounts, ReviewCountyPlan, Task, TasksOutcome,
};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::ExceptionBook;
use crate::finding::{self, Finding};
use crate::log::{Command, Log, LogEntry, MachineId, Stream};
use crate::machine::kernel::{Call, Next, Parts, Pipeline, Step, settle};
use crate::machine::machine;
use crate::machine::{ActorSpec, FromSpec, Machine, Row, Standing, row_allows, row_of};
use crate::obligation::ObligationStatus;
use crate::outcome::{Judge, Transition};
use crate::rules::*;
use crate::wire::wire_enum;

pub use crate::joint::demand_window;

wire_enum! {
    /// States of a DIG annual cycle (RULES.md §3.2.2).
    pub enum DigCycleState {
        /// Demands collected (DIG-13.1).
        DemandsCollected = "demands_collected",
        /// 年度建设计划编制意见 issued by the big data center (DIG-13.2).
        OpinionIssued = "opinion_issued",
        /// Next year's tasks drafted by the bureau (DIG-13.3, 5).
        TasksDrafted = "tasks_drafted",
        /// Tasks approved by the executive meeting (terminal; facts only).
        TasksApproved = "tasks_approved",
    }
}

use DigCycleState::*;

/// The `dig_cycle` transition table, in the order of RULES.md §3.2.4 (a).
pub static TABLE: &[Row<DigCycleState>] = &[
    Row {
        event: "collect_demands",
        actor: ActorSpec::Any(&[Actor::BigdataBureau]),
        from: FromSpec::CreateOr(&[DemandsCollected, OpinionIssued, TasksDrafted]),
        to: &[DemandsCollected, OpinionIssued, TasksDrafted],
        rules: &[DIG_32, DIG_13_1, DIG_13_7],
    },
    Row {
        event: "issue_plan_opinion",
        actor: ActorSpec::Any(&[Actor::BigdataCenter]),
        from: FromSpec::States(&[DemandsCollected]),
        to: &[OpinionIssued],
        rules: &[DIG_13_2],
    },
    Row {
        event: "draft_tasks",
        actor: ActorSpec::Any(&[Actor::BigdataBureau]),
        from: FromSpec::States(&[OpinionIssued]),
        to: &[TasksDrafted],
        rules: &[DIG_13_3, DIG_5],
    },
    Row {
        event: "approve_tasks",
        actor: ActorSpec::Any(&[Actor::ExecutiveMeeting]),
        from: FromSpec::States(&[TasksDrafted]),
        to: &[TasksApproved, OpinionIssued],
        rules: &[DIG_13_3],
    },
    Row {
        event: "approve_soe_investment_plan",
        actor: ActorSpec::Any(&[Actor::MunicipalGovernment]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[DIG_24_2],
    },
    Row {
        event: "review_county_plan",
        actor: ActorSpec::Any(&[Actor::BigdataBureau]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[DIG_3_3],
    },
    Row {
        event: "review_annual_accounts",
        actor: ActorSpec::Any(&[Actor::BigdataBureau, Actor::ThirdPartyEvaluator]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[DIG_27_2],
    },
    Row {
        event: "annual_assessment",
        actor: ActorSpec::Any(&[Actor::BigdataBureau]),
        from: FromSpec::Fact { also_terminal: true },
        to: &[],
        rules: &[DIG_30],
    },
    Row::RECORD_EXCEPTION,
];

machine! {
    /// The `dig_cycle` machine (type `DigCycle`).
    pub struct DigCycleMachine {
        state: DigCycleState, id: DigCycle, name: "DigCycle",
        terminal: [TasksApproved], table: TABLE,
    }
}

/// The rule a wrong actor of a `dig_cycle` event violates (the rule naming that actor).
pub(crate) fn actor_rule(event: &str) -> crate::RuleId {
    match event {
        "collect_demands" => DIG_13_1,
        "issue_plan_opinion" => DIG_13_2,
        "draft_tasks" | "approve_tasks" => DIG_13_3,
        "approve_soe_investment_plan" => DIG_24_2,
        "review_county_plan" => DIG_3_3,
        "review_annual_accounts" => DIG_27_2,
        "annual_assessment" => DIG_30,
        _ => DIG_5,
    }
}

/// What the cycle of a year has fixed so far (its ledger).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleLedger {
    /// The plan year P.
    pub year: i32,
    /// Number of `collect_demands` rounds (DIG-13.7: once a year).
    pub rounds: u32,
    /// Demand plans collected.
    pub demand_ids: BTreeSet<String>,
    /// The plan opinion (DIG-13.2).
    pub opinion: Option<DocRef>,
    /// The latest drafted tasks, by project id (DIG-13.3).
    pub tasks: BTreeMap<String, Task>,
    /// Project ids approved by the executive meeting (DIG-13.3).
    pub approved_ids: BTreeSet<String>,
    /// The approved soe annual investment plan (DIG-24.2).
    pub soe_plan: Option<DocRef>,
    /// Counties whose annual plans the bureau reviewed (DIG-3.3).
    pub county_reviews: BTreeSet<String>,
    /// The county DIG projects each reviewed county plan carries (RULES.md §3.5 A8).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub county_projects: BTreeMap<String, BTreeSet<String>>,
    /// Accounting years whose annual accounts were reviewed (DIG-27.2).
    pub accounts_reviewed: BTreeSet<i32>,
    /// Years assessed (DIG-30).
    pub assessed: BTreeSet<i32>,
}

/// What a project reads from the cycle of one year (RULES.md §1.7: project machines read cycle logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleView {
    /// The cycle's state.
    pub state: DigCycleState,
    /// Approved project ids (meaningful at `tasks_approved`).
    pub approved_ids: BTreeSet<String>,
    /// Drafted tasks: construction mode per project id.
    pub modes: BTreeMap<String, ConstructionMode>,
    /// The soe annual investment plan is approved (DIG-24.2).
    pub soe_plan_approved: bool,
    /// Counties whose plans were reviewed (DIG-3.3).
    pub county_reviews: BTreeSet<String>,
    /// The county DIG projects each reviewed county plan carries (RULES.md §3.5 A8).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub county_projects: BTreeMap<String, BTreeSet<String>>,
}

impl CycleView {
    /// Whether `project_id` is tasked by this cycle (DIG-13.3).
    pub fn tasks(&self, project_id: &str) -> bool {
        self.state == TasksApproved && self.approved_ids.contains(project_id)
    }
}

/// The cycle views a project judges with, by year (the workspace refreshes them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleInputs {
    /// View by plan year P.
    pub years: BTreeMap<i32, CycleView>,
}

impl CycleInputs {
    /// The view of year `p`, if that cycle exists.
    pub fn year(&self, p: i32) -> Option<&CycleView> {
        self.years.get(&p)
    }

    /// Whether the soe investment plan of year `p` is approved (DIG-24.2).
    pub fn soe_plan_approved(&self, p: i32) -> bool {
        self.year(p).is_some_and(|v| v.soe_plan_approved)
    }

    /// Whether the bureau reviewed `county`'s plan of year `p` (DIG-3.3).
    pub fn county_reviewed(&self, p: i32, county: &str) -> bool {
        self.year(p).is_some_and(|v| v.county_reviews.contains(county))
    }

    /// DT of a county DIG project (RULES.md §3.5 A8, DIG-3.3 「审核后方可组织实施」): the bureau's
    /// `review_county_plan` of `county` for year `p` names `project_id`.
    pub fn county_tasks(&self, p: i32, county: &str, project_id: &str) -> bool {
        self.year(p).and_then(|v| v.county_projects.get(county)).is_some_and(|ids| ids.contains(project_id))
    }
}

/// A DIG annual cycle (年度建设计划) under 宛政办〔2023〕12号 第十三条: one hash-chained log per year P.
///
/// # Example
/// ```
/// use wanzheng::digital::DigCycle;
/// let mut c = DigCycle::new(wanzheng::Context::default());
/// let t = c.apply_json(r#"{
///   "stream": {"machine": "dig_cycle", "instance": "2024"},
///   "event": "collect_demands", "actor": "bigdata_bureau", "date": "2023-10-16",
///   "facts": {"year": 2024, "demand_ids": ["D1"], "ref": {"kind": "demand_plan", "ref": "宛数据〔2023〕30号"}}
/// }"#).unwrap();
/// assert_eq!(t.to, "demands_collected");
/// assert!(t.outcomes.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct DigCycle {
    ctx: Context,
    state: Option<DigCycleState>,
    ledger: CycleLedger,
    exceptions: ExceptionBook,
    log: Log,
}

// The `dig_cycle` stream as the kernel keeps it: it reads no other stream and keeps no
// obligations; its year is in its ledger.
crate::machine::stream::logged_stream!(DigCycle, "dig_cycle", {
    type Inputs = ();

    type Compared<'a> = Standing<'a, (), DigCycleState, &'a CycleLedger, ()>;

    fn standing(&self) -> Self::Compared<'_> {
        Standing {
            id: (),
            state: self.state,
            ledger: &self.ledger,
            exceptions: &self.exceptions,
            obligations: None,
            inputs: (),
        }
    }
});

/// The `DigCycleMachine` stream in the kernel's pipeline.
impl Pipeline for DigCycle {
    type M = DigCycleMachine;

    fn kernel_parts(&mut self) -> Parts<'_> {
        Parts { ctx: &self.ctx, log: &mut self.log, exceptions: &mut self.exceptions }
    }

    fn current(&self) -> Option<DigCycleState> {
        self.state
    }

    fn judge_step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        self.step(cmd, seq, replay.is_some())
    }

    /// A copy of everything but the log: a year's plan (cycle) is bounded by its projects.
    type Trial = DigCycle;

    fn begin_trial(&mut self) -> DigCycle {
        self.scratch()
    }

    fn end_trial(&mut self, mut t: DigCycle) {
        std::mem::swap(&mut t.log, &mut self.log);
        *self = t;
    }
}

/// What every cycle handler is handed: the call, with the year P of the `dig_cycle/<P>` stream
/// (`stream.instance`, read before the handler) as `instance`.
type YearCall<'a> = Call<'a, CycleYear>;

/// The year P of a `dig_cycle/<P>` stream.
struct CycleYear {
    year: i32,
}

impl DigCycle {
    /// An empty cycle (no stream yet); the first command is `collect_demands`.
    pub fn new(ctx: Context) -> DigCycle {
        DigCycle {
            ctx,
            state: None,
            ledger: CycleLedger::default(),
            exceptions: ExceptionBook::default(),
            log: Log::new(),
        }
    }

    /// The plan year P (0 before the first command).
    pub fn year(&self) -> i32 {
        self.ledger.year
    }

    /// The state (`None` before the first command).
    pub fn state(&self) -> Option<DigCycleState> {
        self.state
    }

    /// The ledger.
    pub fn ledger(&self) -> &CycleLedger {
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

    /// What projects read from this cycle (`None` before the first command).
    pub fn view(&self) -> Option<CycleView> {
        let state = self.state?;
        Some(CycleView {
            state,
            approved_ids: self.ledger.approved_ids.clone(),
            modes: self.ledger.tasks.iter().map(|(k, t)| (k.clone(), t.construction_mode)).collect(),
            soe_plan_approved: self.ledger.soe_plan.is_some(),
            county_reviews: self.ledger.county_reviews.clone(),
            county_projects: self.ledger.county_projects.clone(),
        })
    }

    /// Applies one command (RULES.md §1.6): input checks, the table row, the judgment, the commit, the log entry.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Transition`] or [`Error::Rule`]; the cycle is then unchanged.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.apply_entry(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`DigCycle::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// A copy of everything but the log (empty): what `what_if` keeps to undo its trial.
    pub(crate) fn scratch(&self) -> DigCycle {
        DigCycle {
            ctx: self.ctx.clone(),
            state: self.state,
            ledger: self.ledger.clone(),
            exceptions: self.exceptions.clone(),
            log: Log::new(),
        }
    }

    pub(crate) fn exceptions(&self) -> &ExceptionBook {
        &self.exceptions
    }

    fn step(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        let year = self.check_stream(cmd)?;
        let Event::DigCycle(e) = &cmd.event else {
            return Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!("a DIG cycle takes dig_cycle events, not {}", cmd.event.machine()),
            )
            .into());
        };
        let name = e.name();
        let state_name = self.state.map(DigCycleState::as_str).unwrap_or(NO_STATE);
        let row = row_of::<DigCycleMachine>(name)
            .ok_or_else(|| TransitionError::new("dig_cycle", state_name, name, "no_table_row"))?;
        if !row_allows::<DigCycleMachine>(row, self.state) {
            let detail =
                if self.state.is_some_and(|s| DigCycleMachine::terminal().contains(&s)) { "terminal" } else { "" };
            return Err(TransitionError::new("dig_cycle", state_name, name, detail).into());
        }
        let c =
            Call { cmd, actor: row.actor, force, stored_to: None, from: state_name, seq, instance: CycleYear { year } };
        let next = match e {
            DigCycleEvent::CollectDemands(p) => self.collect_demands(p, &c),
            DigCycleEvent::IssuePlanOpinion(p) => self.issue_plan_opinion(p, &c),
            DigCycleEvent::DraftTasks(p) => self.draft_tasks(p, &c),
            DigCycleEvent::ApproveTasks(p) => self.approve_tasks(p, &c),
            DigCycleEvent::ApproveSoeInvestmentPlan(p) => self.approve_soe_investment_plan(p, &c),
            DigCycleEvent::ReviewCountyPlan(p) => self.review_county_plan(p, &c),
            DigCycleEvent::ReviewAnnualAccounts(p) => self.review_annual_accounts(p, &c),
            DigCycleEvent::AnnualAssessment(p) => self.annual_assessment(p, &c),
            DigCycleEvent::RecordException(p) => {
                let verdict = {
                    let mut j = self.judge(cmd, force);
                    roles::judge_exception(&mut j, p, cmd.actor)?;
                    j.verdict()?
                };
                self.exceptions.record(seq, p);
                Ok(Next::stay(verdict))
            }
        }?;
        Ok(settle::<DigCycleMachine>(row, &mut self.state, c.from, next))
    }

    /// Checks the stream: machine `dig_cycle`, no project_id, instance = the year P (and the same P
    /// as the cycle's first command). Returns P.
    fn check_stream(&self, cmd: &Command) -> Result<i32, InputError> {
        if cmd.stream.machine != MachineId::DigCycle || cmd.event.machine() != MachineId::DigCycle {
            return Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!("event {} of machine {} is not a dig_cycle event", cmd.event.name(), cmd.event.machine()),
            ));
        }
        if cmd.stream.project_id.is_some() {
            return Err(InputError::new(
                "stream.project_id",
                InputReason::WrongStream,
                "a cycle stream has no project_id",
            ));
        }
        let year: i32 = cmd.stream.instance.parse().map_err(|_| {
            InputError::new(
                "stream.instance",
                InputReason::InvalidValue,
                "the instance of a dig_cycle stream is the year P",
            )
        })?;
        if self.state.is_some() && year != self.ledger.year {
            return Err(InputError::new(
                "stream.instance",
                InputReason::WrongStream,
                format!("command for cycle {year} applied to cycle {}", self.ledger.year),
            ));
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

    /// The date and round of `collect_demands` on `date` for cycle `year` (also asked by
    /// `permitted_events`): DIG-32 scope, the DIG-13.1 window, DIG-13.7 one round a year.
    pub(crate) fn judge_collection(&self, j: &mut Judge<'_>, year: i32, date: NaiveDate) {
        // DIG-32 (S): the regulation applies from its issuance, 2023-04-23.
        j.scope(DIG_32, crate::digital::dig_applies(date), "before_effective_date");
        // DIG-13.1: 每年10月中旬 — (P−1)-10-11 … 20 both IN; outside: accepted with a finding.
        if let Ok((from, to)) = demand_window(year, self.ctx.ruleset_at(date)) {
            if date < from {
                j.finding(DIG_13_1, false, "early");
            } else {
                j.finding(DIG_13_1, date <= to, "late");
            }
        }
        // DIG-13.7 (D part): 原则上每年征集一次 — a further round needs an exception.
        j.default_rule(DIG_13_7, self.state.is_none(), "further_round");
    }

    fn collect_demands(&mut self, p: &CollectDemands, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        if p.year != c.instance.year {
            return Err(InputError::new(
                "facts.year",
                InputReason::WrongStream,
                "facts.year must equal the stream's year",
            )
            .into());
        }
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::unique(&p.demand_ids, "facts.demand_ids")?;
        demand_window(c.instance.year, self.ctx.ruleset_at(c.cmd.date))?;
        let date = c.cmd.date;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            self.judge_collection(&mut j, c.instance.year, date);
            j.verdict()?
        };
        self.ledger.year = c.instance.year;
        self.ledger.rounds += 1;
        self.ledger.demand_ids.extend(p.demand_ids.iter().cloned());
        let to_state = self.state.unwrap_or(DemandsCollected);
        Ok(Next::to(verdict, to_state))
    }

    fn issue_plan_opinion(&mut self, p: &IssuePlanOpinion, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            j.verdict()?
        };
        self.ledger.opinion = Some(p.reference.clone());
        Ok(Next::to(verdict, OpinionIssued))
    }

    fn draft_tasks(&mut self, p: &DraftTasks, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let ids: Vec<String> = p.tasks.iter().map(|t| t.project_id.clone()).collect();
        roles::unique(&ids, "facts.tasks")?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            j.trace(DIG_13_3);
            for t in &p.tasks {
                // DIG-5 / 17.2: the fund user builds only where higher-level funds carry special requirements.
                // INTERPRETATION: DIG-5 — 根据项目性质确定建设方式 is checked against DIG-17.2, the one
                // construction mode the text ties to a kind of project.
                j.require(DIG_5, construction_mode_ok(t.construction_mode, t.funding), "construction_mode");
            }
            j.verdict()?
        };
        self.ledger.tasks = p.tasks.iter().map(|t| (t.project_id.clone(), t.clone())).collect();
        Ok(Next::to(verdict, TasksDrafted))
    }

    fn approve_tasks(&mut self, p: &ApproveTasks, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.minutes_ref, "facts.minutes_ref")?;
        roles::unique(&p.approved_ids, "facts.approved_ids")?;
        if p.outcome == TasksOutcome::Returned && !p.approved_ids.is_empty() {
            return Err(InputError::new(
                "facts.approved_ids",
                InputReason::InvalidValue,
                "a returned draft approves no project",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            // DIG-13.3: the meeting approves the tasks the bureau drafted.
            let drafted = p.approved_ids.iter().all(|id| self.ledger.tasks.contains_key(id));
            j.require(DIG_13_3, drafted, "not_in_draft");
            j.verdict()?
        };
        let to = match p.outcome {
            TasksOutcome::Approved => {
                self.ledger.approved_ids = p.approved_ids.iter().cloned().collect();
                TasksApproved
            }
            TasksOutcome::Returned => OpinionIssued,
        };
        Ok(Next::to(verdict, to))
    }

    fn approve_soe_investment_plan(
        &mut self,
        p: &ApproveSoeInvestmentPlan,
        c: &YearCall<'_>,
    ) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.plan_ref, "facts.plan_ref")?;
        if p.year != c.instance.year {
            return Err(InputError::new(
                "facts.year",
                InputReason::WrongStream,
                "facts.year must equal the stream's year",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            j.verdict()?
        };
        self.ledger.soe_plan = Some(p.plan_ref.clone());
        Ok(Next::stay(verdict))
    }

    fn review_county_plan(&mut self, p: &ReviewCountyPlan, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::require_text(&p.county, "facts.county")?;
        for (i, id) in p.project_ids.iter().enumerate() {
            roles::require_text(id, &format!("facts.project_ids[{i}]"))?;
        }
        if p.year != c.instance.year {
            return Err(InputError::new(
                "facts.year",
                InputReason::WrongStream,
                "facts.year must equal the stream's year",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            j.verdict()?
        };
        self.ledger.county_reviews.insert(p.county.clone());
        if !p.project_ids.is_empty() {
            let ids = self.ledger.county_projects.entry(p.county.clone()).or_default();
            ids.extend(p.project_ids.iter().cloned());
        }
        Ok(Next::stay(verdict))
    }

    fn review_annual_accounts(
        &mut self,
        p: &ReviewAnnualAccounts,
        c: &YearCall<'_>,
    ) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            // DIG-27.2: the bureau together with finance and audit, or a third-party institution.
            if c.cmd.actor == Actor::BigdataBureau {
                let joint = roles::has_co_actor(c.cmd, Actor::Finance) && roles::has_co_actor(c.cmd, Actor::Audit);
                j.require(DIG_27_2, joint, "missing_co_actor");
            }
            j.verdict()?
        };
        self.ledger.accounts_reviewed.insert(p.year);
        Ok(Next::stay(verdict))
    }

    fn annual_assessment(&mut self, p: &AnnualAssessment, c: &YearCall<'_>) -> Result<Next<DigCycleState>, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::require_text(&p.results.task_completion, "facts.results.task_completion")?;
        roles::require_text(&p.results.quality, "facts.results.quality")?;
        roles::require_text(&p.results.om, "facts.results.om")?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            roles::judge_actor(&mut j, c.actor, c.cmd, actor_rule(c.cmd.event.name()));
            j.verdict()?
        };
        self.ledger.assessed.insert(p.year);
        Ok(Next::stay(verdict))
    }

    /// Open obligations as of `as_of` (RULES.md §1.7). The cycle opens none: DIG-13.1 is judged when the
    /// collection happens.
    pub fn obligations(&self, _as_of: NaiveDate) -> Vec<ObligationStatus> {
        Vec::new()
    }

    /// Compliance findings as of `as_of` (RULES.md §5): stored outcomes (F-DIG-13.1, F-DIG-13.7 …) and
    /// a broken chain (F-INV-57).
    pub fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        crate::journal::chain_finding(&self.log, as_of, &mut out);
        out.extend(finding::stored(self.log.entries(), as_of));
        out
    }

    /// The state and ledger as JSON (`state_json` of RULES.md §8).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "dig_cycle",
            "year": self.ledger.year,
            "state": self.state.map(DigCycleState::as_str).unwrap_or(NO_STATE),
            "ledger": self.ledger,
            "exceptions": self.exceptions,
            "log_len": self.log.len(),
            "head": self.log.head(),
        })
    }

    /// The stream of this cycle.
    pub fn stream(&self) -> Stream {
        Stream::year(MachineId::DigCycle, self.ledger.year)
    }
}

/// DIG-5 / 17.2: whether a construction mode suits a funding (the fund user builds only with
/// higher-level funds carrying special requirements).
pub fn construction_mode_ok(mode: ConstructionMode, funding: Funding) -> bool {
    match mode {
        ConstructionMode::Soe | ConstructionMode::CaseByCase => true,
        ConstructionMode::FundUser => funding == Funding::HigherLevelSpecial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::DocKind;
    use crate::exception::{ExceptionScope, RuleException};
    use crate::outcome::{Mode, OutcomeKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn r(kind: DocKind, s: &str) -> DocRef {
        DocRef::new(kind, s)
    }

    fn collect(year: i32, date: &str) -> Command {
        Command::new(
            Stream::year(MachineId::DigCycle, year),
            DigCycleEvent::from(CollectDemands {
                demand_ids: vec!["D1".into()],
                reference: r(DocKind::DemandPlan, "宛数据〔2023〕30号"),
                year,
            }),
            Actor::BigdataBureau,
            d(date),
        )
    }

    fn cmd(e: impl Into<DigCycleEvent>, actor: Actor, date: &str) -> Command {
        Command::new(Stream::year(MachineId::DigCycle, 2024), e.into(), actor, d(date))
    }

    fn approved_cycle() -> DigCycle {
        let mut c = DigCycle::new(Context::default());
        c.apply(collect(2024, "2023-10-16")).unwrap();
        c.apply(cmd(
            IssuePlanOpinion { reference: r(DocKind::PlanOpinion, "意见1") },
            Actor::BigdataCenter,
            "2023-11-01",
        ))
        .unwrap();
        c.apply(cmd(
            DraftTasks {
                reference: r(DocKind::TaskBook, "草案1"),
                tasks: vec![
                    Task {
                        construction_mode: ConstructionMode::Soe,
                        funding: Funding::SpecialFund,
                        project_id: "D1".into(),
                    },
                    Task {
                        construction_mode: ConstructionMode::Soe,
                        funding: Funding::SoeSelf,
                        project_id: "D2".into(),
                    },
                ],
            },
            Actor::BigdataBureau,
            "2023-11-20",
        ))
        .unwrap();
        c.apply(cmd(
            ApproveTasks {
                approved_ids: vec!["D1".into()],
                minutes_ref: r(DocKind::Minutes, "纪要〔2023〕40号"),
                outcome: TasksOutcome::Approved,
            },
            Actor::ExecutiveMeeting,
            "2023-12-10",
        ))
        .unwrap();
        c
    }

    /// Source: DIG-13.1 — 10月中旬 = 11–20 October of P−1, both IN; 10-10 early and 10-21 late are findings, never rejections.
    #[test]
    fn collection_window_boundaries() {
        for (date, expect) in
            [("2023-10-10", Some("early")), ("2023-10-11", None), ("2023-10-20", None), ("2023-10-21", Some("late"))]
        {
            let mut c = DigCycle::new(Context::default());
            let t = c.apply(collect(2024, date)).unwrap();
            assert_eq!(t.to, "demands_collected");
            match expect {
                None => assert!(t.outcomes.is_empty(), "{date}: {:?}", t.outcomes),
                Some(detail) => {
                    assert_eq!(t.outcomes.len(), 1, "{date}");
                    assert_eq!(t.outcomes[0].kind, OutcomeKind::Finding);
                    assert_eq!(t.outcomes[0].rule, DIG_13_1);
                    assert_eq!(t.outcomes[0].detail, detail);
                    assert_eq!(c.findings(d("2024-01-01"))[0].code, "F-DIG-13.1");
                }
            }
        }
    }

    /// Source: DIG-13.7 — demand plans are collected once a year: a second round is a default breach unless the bureau recorded an exception.
    #[test]
    fn second_round_is_default_breach_unless_excepted() {
        let mut c = DigCycle::new(Context::default());
        c.apply(collect(2024, "2023-10-12")).unwrap();
        let t = c.apply(collect(2024, "2023-10-18")).unwrap();
        assert_eq!(t.outcomes.len(), 1);
        assert_eq!((t.outcomes[0].kind, t.outcomes[0].rule), (OutcomeKind::DefaultBreach, DIG_13_7));
        let exc = RuleException {
            decision_ref: r(DocKind::Approval, "宛数据〔2023〕31号"),
            event: None,
            reason: "provincial deployment".into(),
            rule_id: DIG_13_7,
            scope: ExceptionScope::One,
        };
        let wrong = c.apply(cmd(exc.clone(), Actor::Drc, "2023-10-19")).unwrap_err();
        assert!(matches!(wrong, Error::Rule(ref v) if v.rule_id() == Some(DIG_13_7)));
        let e = c.apply(cmd(exc, Actor::BigdataBureau, "2023-10-19")).unwrap();
        let t = c.apply(collect(2024, "2023-10-20")).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used, vec![e.seq]);
    }

    /// Source: DIG-32 — the regulation applies from 2023-04-23: a collection dated 2023-04-22 is out of scope (both modes).
    #[test]
    fn effective_date() {
        for mode in [Mode::Enforce, Mode::Record] {
            let mut c = DigCycle::new(Context::default());
            let err = c.apply(collect(2023, "2023-04-22").mode(mode)).unwrap_err();
            assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_32)));
            assert!(c.log().is_empty());
        }
        let mut c = DigCycle::new(Context::default());
        let t = c.apply(collect(2023, "2023-04-23")).unwrap();
        assert_eq!(t.outcomes[0].detail, "late");
    }

    /// Source: DIG-13.3 — the executive meeting approves drafted tasks; a returned draft goes back to opinion_issued.
    #[test]
    fn approval_and_return() {
        let c = approved_cycle();
        assert_eq!(c.state(), Some(TasksApproved));
        let v = c.view().unwrap();
        assert!(v.tasks("D1"));
        assert!(!v.tasks("D2"));

        let mut c = DigCycle::new(Context::default());
        c.apply(collect(2024, "2023-10-16")).unwrap();
        c.apply(cmd(
            IssuePlanOpinion { reference: r(DocKind::PlanOpinion, "意见1") },
            Actor::BigdataCenter,
            "2023-11-01",
        ))
        .unwrap();
        c.apply(cmd(
            DraftTasks { reference: r(DocKind::TaskBook, "草案"), tasks: vec![] },
            Actor::BigdataBureau,
            "2023-11-20",
        ))
        .unwrap();
        let ret = ApproveTasks {
            approved_ids: vec![],
            minutes_ref: r(DocKind::Minutes, "纪要"),
            outcome: TasksOutcome::Returned,
        };
        let t = c.apply(cmd(ret, Actor::ExecutiveMeeting, "2023-12-01")).unwrap();
        assert_eq!(t.to, "opinion_issued");
        // Approving a project that was never drafted is a violation of 13.3.
        c.apply(cmd(
            DraftTasks { reference: r(DocKind::TaskBook, "草案2"), tasks: vec![] },
            Actor::BigdataBureau,
            "2023-12-05",
        ))
        .unwrap();
        let bad = ApproveTasks {
            approved_ids: vec!["X".into()],
            minutes_ref: r(DocKind::Minutes, "纪要2"),
            outcome: TasksOutcome::Approved,
        };
        let before = c.clone();
        let err = c.apply(cmd(bad, Actor::ExecutiveMeeting, "2023-12-10")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_13_3)));
        assert_eq!(c, before);
        // Terminal: no further round after approval.
        let mut c = approved_cycle();
        assert!(matches!(c.apply(collect(2024, "2023-12-20")), Err(Error::Transition(_))));
    }

    /// Source: DIG-13.2 — the plan opinion is the big data center's; the bureau issuing it is a wrong actor.
    #[test]
    fn opinion_actor() {
        let mut c = DigCycle::new(Context::default());
        c.apply(collect(2024, "2023-10-16")).unwrap();
        let err = c
            .apply(cmd(
                IssuePlanOpinion { reference: r(DocKind::PlanOpinion, "意见1") },
                Actor::BigdataBureau,
                "2023-11-01",
            ))
            .unwrap_err();
        match err {
            Error::Rule(v) => {
                assert_eq!(v.rule_id(), Some(DIG_13_2));
                assert_eq!(v.outcomes[0].detail, "wrong_actor");
            }
            other => panic!("{other:?}"),
        }
    }

    /// Source: DIG-5 — the fund user builds only higher-level-funded projects with special requirements (17.2).
    #[test]
    fn construction_mode_per_funding() {
        assert!(construction_mode_ok(ConstructionMode::FundUser, Funding::HigherLevelSpecial));
        assert!(!construction_mode_ok(ConstructionMode::FundUser, Funding::HigherLevel));
        let mut c = DigCycle::new(Context::default());
        c.apply(collect(2024, "2023-10-16")).unwrap();
        c.apply(cmd(
            IssuePlanOpinion { reference: r(DocKind::PlanOpinion, "意见1") },
            Actor::BigdataCenter,
            "2023-11-01",
        ))
        .unwrap();
        let t = DraftTasks {
            reference: r(DocKind::TaskBook, "草案"),
            tasks: vec![Task {
                construction_mode: ConstructionMode::FundUser,
                funding: Funding::SpecialFund,
                project_id: "D1".into(),
            }],
        };
        let err = c.apply(cmd(t, Actor::BigdataBureau, "2023-11-20")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_5)));
    }

    /// Source: DIG-24.2 — the soe plan is approved by the municipal government; DIG-3.3 county reviews; DIG-27.2 joint review; DIG-30 the bureau's annual assessment.
    #[test]
    fn year_facts() {
        let mut c = approved_cycle();
        let plan = ApproveSoeInvestmentPlan {
            means: vec![],
            plan_ref: r(DocKind::SoeInvestmentPlan, "宛政〔2024〕1号"),
            year: 2024,
        };
        assert!(c.apply(cmd(plan.clone(), Actor::BigdataBureau, "2024-01-05")).is_err());
        c.apply(cmd(plan, Actor::MunicipalGovernment, "2024-01-05")).unwrap();
        c.apply(cmd(
            ReviewCountyPlan {
                county: "卧龙区".into(),
                project_ids: vec!["D1".into()],
                reference: r(DocKind::Approval, "审核1"),
                year: 2024,
            },
            Actor::BigdataBureau,
            "2024-01-06",
        ))
        .unwrap();
        let v = c.view().unwrap();
        assert!(v.soe_plan_approved);
        assert!(v.county_reviews.contains("卧龙区"));
        // RULES.md §3.5 A8: the reviewed plan's project ids task them (CycleInputs::county_tasks).
        let inputs = CycleInputs { years: [(2024, v)].into_iter().collect() };
        assert!(inputs.county_tasks(2024, "卧龙区", "D1"));
        assert!(!inputs.county_tasks(2024, "宛城区", "D1") && !inputs.county_tasks(2025, "卧龙区", "D1"));
        let blank = ReviewCountyPlan {
            county: "卧龙区".into(),
            project_ids: vec![" ".into()],
            reference: r(DocKind::Approval, "审核3"),
            year: 2024,
        };
        let e = c.apply(cmd(blank, Actor::BigdataBureau, "2024-01-07")).unwrap_err();
        assert!(matches!(e, Error::Input(ref e) if e.path == "facts.project_ids[0]"), "{e:?}");
        let acc = ReviewAnnualAccounts { reference: r(DocKind::FinalAccounts, "审核2"), year: 2023 };
        let err = c.apply(cmd(acc.clone(), Actor::BigdataBureau, "2024-03-01").with(Actor::Finance, "")).unwrap_err();
        assert!(
            matches!(err, Error::Rule(ref v) if v.outcomes[0].rule == DIG_27_2 && v.outcomes[0].detail == "missing_co_actor")
        );
        c.apply(cmd(acc.clone(), Actor::BigdataBureau, "2024-03-01").with(Actor::Finance, "").with(Actor::Audit, ""))
            .unwrap();
        c.apply(cmd(acc, Actor::ThirdPartyEvaluator, "2024-03-02")).unwrap();
        let results = crate::digital::events::AssessmentResults {
            om: "good".into(),
            quality: "good".into(),
            task_completion: "95%".into(),
        };
        let assessment = AnnualAssessment { reference: r(DocKind::Evidence, "考核"), results, year: 2023 };
        let err = c.apply(cmd(assessment.clone(), Actor::Soe, "2024-03-03")).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_30)));
        c.apply(cmd(assessment, Actor::BigdataBureau, "2024-03-03")).unwrap();
        assert!(c.ledger().assessed.contains(&2023));
    }

    /// Source: INV-57 — replay rebuilds the cycle; to_json/from_json round-trips.
    #[test]
    fn replay_round_trip() {
        let c = approved_cycle();
        let (q, report) = DigCycle::replay(Context::default(), c.log()).unwrap();
        assert_eq!(q, c);
        assert!(report.differences.is_empty());
        assert_eq!(DigCycle::from_json(&c.to_json()).unwrap(), c);
        assert!(c.mermaid().contains("tasks_drafted --> tasks_approved: approve_tasks"));
        assert_eq!(c.state_json()["state"], "tasks_approved");
    }

    #[test]
    fn wrong_stream_is_input_error() {
        let mut c = approved_cycle();
        let mut cmd = collect(2025, "2024-10-15");
        cmd.stream = Stream::year(MachineId::DigCycle, 2025);
        assert!(matches!(c.apply(cmd), Err(Error::Input(ref e)) if e.reason == InputReason::WrongStream));
        let mut c = DigCycle::new(Context::default());
        let mut cmd = collect(2024, "2023-10-15");
        cmd.stream.instance = "twenty".into();
        assert!(matches!(c.apply(cmd), Err(Error::Input(_))));
    }

    /// Source: DIG-13.3 — through a workspace, a project reads the cycle as it stands: not tasked while the cycle is
    /// drafting, tasked once the executive meeting approved it; cycles and projects are created by their first event.
    #[test]
    fn workspace_hands_cycles_to_projects() {
        use crate::digital::testkit;
        let mut ws = crate::Workspace::new(Context::default());
        // A cycle fact before the cycle exists: unknown instance.
        let plan = ApproveSoeInvestmentPlan { means: vec![], plan_ref: r(DocKind::SoeInvestmentPlan, "x"), year: 2024 };
        assert!(
            matches!(ws.apply(cmd(plan, Actor::MunicipalGovernment, "2023-10-01")), Err(Error::Transition(ref e)) if e.detail == "unknown_instance")
        );
        ws.apply(testkit::register(Funding::SpecialFund)).unwrap();
        ws.apply(testkit::happy_steps(Funding::SpecialFund).remove(0)).unwrap();
        ws.apply(collect(2024, "2023-10-16")).unwrap();
        let issue = testkit::happy_steps(Funding::SpecialFund).remove(1);
        let err = ws.apply(issue.clone()).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(DIG_13_3)));
        for c in approved_cycle().log().entries().iter().skip(1) {
            ws.apply(c.command()).unwrap();
        }
        assert_eq!(ws.cycle(2024).and_then(DigCycle::state), Some(TasksApproved));
        assert_eq!(ws.apply(issue).unwrap().to, "tasked");
        assert_eq!(ws.digital(testkit::PID).and_then(|p| p.state()).map(|s| s.as_str()), Some("tasked"));
        let streams: Vec<String> = ws.report(d("2024-02-01")).into_iter().map(|r| r.stream).collect();
        assert!(streams.contains(&"dig/D1".to_string()) && streams.contains(&"dig_cycle/2024".to_string()));
        // A second registration of the same id is a transition error.
        let mut again = testkit::register(Funding::SoeSelf);
        again.date = d("2024-03-01");
        assert!(matches!(ws.apply(again), Err(Error::Transition(_))));
    }
}
