//! `DigitalProject`: the `dig` machine with its ledger, obligations and log.
//!
//! Every command goes through one pipeline ([`DigitalProject::apply`]), the same as
//! [`crate::InvestmentProject`]'s:
//!
//! 1. input checks (date not before the log, stream belongs to this project, project code);
//! 2. the transition table row (state valid for the event, else `TransitionError`);
//! 3. the judgment — actor and every guard, read-only, all violations collected
//!    ([`Judge`]), then the mode decides (`enforce` rejects on any violation);
//! 4. the commit — ledger, state, obligations, exceptions — infallible;
//! 5. the log entry with its hash.
//!
//! The project reads the annual cycles through [`CycleInputs`] (DIG-13.3 tasks, DIG-24.2 soe
//! plan, DIG-3.3 county reviews); the [`crate::Workspace`] refreshes them after every cycle command.

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::anchor::ReplayOptions;
use crate::config::Context;
use crate::digital::cycle::CycleInputs;
use crate::digital::events::{DigEvent, DigEventKind, Funding, RegisterDigProject, WithdrawDigProject};
use crate::digital::funding::{self, Regime, regime_of};
use crate::digital::ledger::{DigLedger, DigRegistration};
use crate::digital::lifecycle::{DigMachine, DigState};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::ExceptionBook;
use crate::finding::Finding;
use crate::investment::InvestmentProject;
use crate::investment::route::Level;
use crate::log::{Command, Log, LogEntry, MachineId, Stream};
use std::borrow::Cow;
use std::collections::VecDeque;

use crate::machine::kernel::{Call, Next, Parts, Pipeline, ReplayReport, Step, settle};
use crate::machine::{ActorSpec, LoggedStream, Machine, Standing, row_allows, row_of_at};
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::{Judge, Transition};
use crate::rules::*;

/// The duty name of the DIG-21 assessment obligations (subject `mlps` or `crypto`).
pub(crate) const ASSESSMENT_DUTY: &str = "security_assessment";

/// The duty of a failed DIG-21 assessment (RULES.md §3.4; subject `mlps` or `crypto`).
pub(crate) const RECTIFICATION_DUTY: &str = "security_rectification";

/// A digital-government project under 宛政办〔2023〕12号: demand, task book, approval chain,
/// implementer, acceptance, delivery and O&M, on one hash-chained log.
///
/// # Example
/// ```
/// use wanzheng::digital::DigitalProject;
/// let mut p = DigitalProject::new(wanzheng::Context::default());
/// let t = p.apply_json(r#"{
///   "stream": {"machine": "dig", "project_id": "D1", "instance": "D1"},
///   "event": "register_dig_project", "actor": "demand_unit", "actor_org": "南阳市卫生健康委员会",
///   "date": "2023-09-01",
///   "facts": {"project_id": "D1", "name": "Health data platform", "demand_unit_org": "南阳市卫生健康委员会",
///             "funding": "soe_self"}
/// }"#).unwrap();
/// assert_eq!(t.to, "registered");
/// assert_eq!(p.state().unwrap().as_str(), "registered");
/// ```
#[derive(Debug, Clone)]
pub struct DigitalProject {
    pub(crate) ctx: Context,
    pub(crate) project_id: String,
    pub(crate) state: Option<DigState>,
    pub(crate) ledger: DigLedger,
    pub(crate) exceptions: ExceptionBook,
    pub(crate) obligations: ObligationBook,
    pub(crate) cycles: CycleInputs,
    /// The cycle views each stretch of the log was judged with: `(s, views)` — entries from seq
    /// `s` on (until the next item) were judged with `views` (none before the first item: no
    /// cycle). Consecutive items differ. The project document carries it (`cycles`), so that a
    /// replay re-judges every entry with the views it was judged with (issue 14).
    pub(crate) cycle_history: Vec<(u32, CycleInputs)>,
    pub(crate) log: Log,
    /// The INV parts of a budget-funded project (AMB-25): payment, change, adjustment and
    /// accountability, judged by the investment machine in parts mode; their entries are on this
    /// project's log (mirrored into the parts' log so their detections read them).
    pub(crate) parts: Option<InvestmentProject>,
}

/// One item of a project document's `cycles`: the cycle views the entries from `from_seq` on
/// were judged with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CycleViewsFrom {
    from_seq: u32,
    years: std::collections::BTreeMap<i32, crate::digital::cycle::CycleView>,
}

impl CycleViewsFrom {
    /// The items as `(first seq, views)`, in order of their first seq.
    fn timeline(mut items: Vec<CycleViewsFrom>) -> Vec<(u32, CycleInputs)> {
        items.sort_by_key(|i| i.from_seq);
        items.into_iter().map(|i| (i.from_seq, CycleInputs { years: i.years })).collect()
    }
}

// The `dig` stream as the kernel keeps it: its document carries the cycle views each stretch
// of its log was judged with (`cycles`: DIG-13.3, 24.2, 3.3), set again before the entries
// they were judged with on replay; its INV parts (AMB-25) are compared with its ledger.
crate::machine::stream::logged_stream!(DigitalProject, "dig", {
    const INPUTS_KEY: Option<&'static str> = Some("cycles");
    /// The views still to set, as `(first seq, views)` in order of their first seq.
    type Inputs = VecDeque<(u32, CycleInputs)>;

    type Compared<'a> = Standing<
        'a,
        &'a str,
        DigState,
        (&'a DigLedger, Option<&'a InvestmentProject>),
        (&'a [(u32, CycleInputs)], &'a CycleInputs),
    >;

    fn standing(&self) -> Self::Compared<'_> {
        Standing {
            id: self.project_id.as_str(),
            state: self.state,
            ledger: (&self.ledger, self.parts.as_ref()),
            exceptions: &self.exceptions,
            obligations: Some(&self.obligations),
            inputs: (self.cycle_history.as_slice(), &self.cycles),
        }
    }

    fn inputs_value(&self) -> Option<serde_json::Value> {
        (!self.cycle_history.is_empty())
            .then(|| {
                let items: Vec<CycleViewsFrom> = self
                    .cycle_history
                    .iter()
                    .map(|(from, v)| CycleViewsFrom { from_seq: *from, years: v.years.clone() })
                    .collect();
                serde_json::to_value(items).ok()
            })
            .flatten()
    }

    fn read_inputs(value: serde_json::Value) -> Result<Self::Inputs, Error> {
        Ok(CycleViewsFrom::timeline(crate::json::from_value(value, "cycles")?).into())
    }

    #[inline]
    fn before_rejudge(&mut self, views: &mut Self::Inputs, entry: &LogEntry) {
        while views.front().is_some_and(|(from, _)| *from <= entry.seq()) {
            if let Some((_, v)) = views.pop_front() {
                self.set_cycle_inputs(v);
            }
        }
    }

    fn after_replay(&mut self, views: Self::Inputs) {
        for (_, v) in views {
            self.set_cycle_inputs(v);
        }
    }
});

/// The `dig` stream in the kernel's pipeline: the project code stamped before judging (AMB-40),
/// the INV parts' host synchronised after the commit and the entry copied to the parts' log
/// (their detections and exception lookups index the whole chain by seq).
impl Pipeline for DigitalProject {
    type M = DigMachine;

    fn kernel_parts(&mut self) -> Parts<'_> {
        Parts { ctx: &self.ctx, log: &mut self.log, exceptions: &mut self.exceptions }
    }

    fn current(&self) -> Option<DigState> {
        self.state
    }

    fn prepare<'c>(&self, cmd: Cow<'c, Command>) -> Result<Cow<'c, Command>, InputError> {
        self.stamp_code(cmd)
    }

    fn judge_step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        self.step(cmd, seq, replay)
    }

    fn committed(&mut self) {
        self.sync_parts_host();
    }

    fn logged(&mut self) {
        if let (Some(parts), Some(entry)) = (self.parts.as_mut(), self.log.entries().last()) {
            parts.log.push_verified(entry.clone());
        }
    }

    type Trial = DigTrial;

    fn begin_trial(&mut self) -> DigTrial {
        self.obligations.begin_trial();
        DigTrial {
            project_id: self.project_id.clone(),
            state: self.state,
            ledger: self.ledger.clone(),
            exceptions: self.exceptions.clone(),
            parts: self.parts.as_mut().map(InvestmentProject::begin_trial),
        }
    }

    fn end_trial(&mut self, t: DigTrial) {
        self.obligations.end_trial();
        match t.parts {
            // No command removes the INV parts once created.
            Some(pt) => {
                if let Some(parts) = self.parts.as_mut() {
                    parts.end_trial(pt);
                }
            }
            // None before the trial: any parts were created by the command tried (registration).
            None => self.parts = None,
        }
        self.ledger = t.ledger;
        self.exceptions = t.exceptions;
        self.state = t.state;
        self.project_id = t.project_id;
    }
}

/// What a DIG project's dry run keeps ([`Pipeline::begin_trial`]): its state, ledger and
/// exception book, and its INV parts' trial; the obligations are journalled, the log only read.
pub(crate) struct DigTrial {
    project_id: String,
    state: Option<DigState>,
    ledger: DigLedger,
    exceptions: ExceptionBook,
    parts: Option<crate::investment::project::InvTrial>,
}

impl DigitalProject {
    /// An empty project (no stream yet) judged with `ctx`; the first command is `register_dig_project`.
    pub fn new(ctx: Context) -> DigitalProject {
        DigitalProject {
            ctx,
            project_id: String::new(),
            state: None,
            ledger: DigLedger::default(),
            exceptions: ExceptionBook::default(),
            obligations: ObligationBook::default(),
            cycles: CycleInputs::default(),
            cycle_history: Vec::new(),
            log: Log::new(),
            parts: None,
        }
    }

    /// The project id (empty before registration).
    pub fn id(&self) -> &str {
        &self.project_id
    }

    /// The state (`None` before registration).
    pub fn state(&self) -> Option<DigState> {
        self.state
    }

    /// The ledger.
    pub fn ledger(&self) -> &DigLedger {
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

    /// The cycle views this project reads (DIG-13.3, 24.2, 3.3).
    pub fn cycle_inputs(&self) -> &CycleInputs {
        &self.cycles
    }

    /// The INV parts of a budget-funded project (AMB-25), if it runs them.
    pub fn inv_parts(&self) -> Option<&InvestmentProject> {
        self.parts.as_ref()
    }

    /// Replaces the cycle views (the workspace does this after each cycle command). The views
    /// the next entries are judged with are remembered from the next seq on (the project
    /// document's `cycles`).
    pub fn set_cycle_inputs(&mut self, cycles: CycleInputs) {
        if cycles == self.cycles {
            return;
        }
        let from = self.log.next_seq();
        // Views no entry was judged with are forgotten.
        if self.cycle_history.last().is_some_and(|(s, _)| *s == from) {
            self.cycle_history.pop();
        }
        let before = self.cycle_history.last().map(|(_, v)| v);
        if before.map_or(cycles != CycleInputs::default(), |v| *v != cycles) {
            self.cycle_history.push((from, cycles.clone()));
        }
        self.cycles = cycles;
    }

    /// The cycle views each stretch of the log was judged with, as `(first seq, views)`, oldest
    /// first (empty for a project that never read a cycle).
    pub fn cycle_history(&self) -> &[(u32, CycleInputs)] {
        &self.cycle_history
    }

    /// Applies one command (RULES.md §1.6). See the module docs for the pipeline.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Transition`] or [`Error::Rule`]; the project is then unchanged.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.apply_entry(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`DigitalProject::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// The project code on every entry of a project that has one (AMB-40): stamped when absent,
    /// a different code is an input error.
    fn stamp_code<'c>(&self, mut cmd: Cow<'c, Command>) -> Result<Cow<'c, Command>, InputError> {
        let expected = match (&self.ledger.registration, &cmd.event) {
            (Some(r), _) => r.project_code.clone(),
            (None, Event::Dig(DigEvent::RegisterDigProject(p))) => p.project_code.clone(),
            (None, _) => None,
        };
        match (&cmd.project_code, expected) {
            (None, Some(code)) => cmd.to_mut().project_code = Some(code.into()),
            (Some(c), Some(e)) if *c != e => {
                return Err(InputError::new(
                    "project_code",
                    InputReason::WrongStream,
                    format!(
                        "project_code {} differs from the project's {}",
                        crate::error::echo(c),
                        crate::error::echo(&e)
                    ),
                ));
            }
            (Some(c), None) => {
                return Err(InputError::new(
                    "project_code",
                    InputReason::InvalidValue,
                    format!("project_code {} given for a project registered without one", crate::error::echo(c)),
                ));
            }
            _ => {}
        }
        Ok(cmd)
    }

    /// Judges and commits one command without touching the log.
    pub(crate) fn step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        self.check_stream(cmd)?;
        match &cmd.event {
            Event::Dig(e) => self.on_dig(e, cmd, seq, replay),
            Event::Inv(_) | Event::Change(_) | Event::Adjustment(_) | Event::Accountability(_) => {
                self.on_inv_part(cmd, seq, replay.is_some())
            }
            Event::Plan(_) | Event::DigCycle(_) => Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!("a digital project takes dig events (and INV parts), not {}", cmd.event.machine()),
            )
            .into()),
        }
    }

    pub(crate) fn state_name(&self) -> &'static str {
        self.state.map(DigState::as_str).unwrap_or(NO_STATE)
    }

    fn check_stream(&self, cmd: &Command) -> Result<(), InputError> {
        if cmd.stream.machine != cmd.event.machine() {
            return Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!(
                    "event {} belongs to machine {}, not {}",
                    cmd.event.name(),
                    cmd.event.machine(),
                    cmd.stream.machine
                ),
            ));
        }
        let pid = cmd.stream.project_id.as_deref().unwrap_or_default();
        if self.state.is_some() && pid != self.project_id {
            return Err(InputError::new(
                "stream.project_id",
                InputReason::WrongStream,
                format!(
                    "command for project {} applied to project {}",
                    crate::error::echo(pid),
                    crate::error::echo(&self.project_id)
                ),
            ));
        }
        if cmd.stream.machine == MachineId::Dig && cmd.stream.instance != pid {
            return Err(InputError::new(
                "stream.instance",
                InputReason::WrongStream,
                "the instance of a dig stream is its project_id",
            ));
        }
        Ok(())
    }

    pub(crate) fn judge<'a>(&'a self, c: &Call<'a>) -> Judge<'a> {
        if c.force {
            Judge::replaying(c.cmd.mode, c.cmd.event.name(), &self.exceptions)
        } else {
            Judge::new(c.cmd.mode, c.cmd.event.name(), &self.exceptions)
        }
    }

    /// Whether the acting actor may act: the row's actor; on the demand plan the center for basic
    /// supporting projects and the demand unit otherwise (DIG-13.6); a demand unit acts with the
    /// project's `demand_unit_org`.
    fn actor_ok(&self, c: &Call<'_>, basic: bool, demand_org: &str) -> bool {
        let cmd = c.cmd;
        let mut ok = self.actor_fits_as(c.actor, cmd.event.name(), cmd.actor, basic);
        // INTERPRETATION: RULES.md §1.6 — as industry_authority acts with the project's
        // industry_authority_org, the demand unit acts with the registered demand_unit_org.
        if cmd.actor == Actor::DemandUnit {
            ok &= cmd.actor_org == demand_org;
        }
        ok
    }

    /// The actor test of `apply` without the organisation: the row's actor column, and on the
    /// demand plan the center for basic supporting projects, the demand unit otherwise (DIG-13.6).
    fn actor_fits_as(&self, spec: ActorSpec, event: &str, actor: Actor, basic: bool) -> bool {
        let mut ok = roles::actor_allowed(spec, actor, self.ledger.suspended_by);
        if matches!(event, "register_dig_project" | "submit_demand_plan" | "modify_demand_plan") {
            ok &= actor == if basic { Actor::BigdataCenter } else { Actor::DemandUnit };
        }
        ok
    }

    /// As `apply` judges the actor of `event` (without the organisation), for `permitted_events`.
    pub(crate) fn actor_fits(&self, spec: ActorSpec, event: &str, actor: Actor) -> bool {
        let basic = self.ledger.registration.as_ref().is_some_and(|r| r.basic_supporting);
        self.actor_fits_as(spec, event, actor, basic)
    }

    /// Checks the actor of a registered project's command (RULES.md §1.6): a wrong actor is a
    /// violation of the rule naming the actor ([`roles::actor_rule`]).
    pub(crate) fn judge_actor(&self, j: &mut Judge<'_>, c: &Call<'_>) -> bool {
        let (basic, org) = self
            .ledger
            .registration
            .as_ref()
            .map(|r| (r.basic_supporting, r.demand_unit_org.as_str()))
            .unwrap_or((false, ""));
        let rule = roles::actor_rule_of(&c.cmd.event, basic);
        j.require(rule, self.actor_ok(c, basic, org), "wrong_actor")
    }

    /// Whether the demand unit of this project acts jointly (`co_actors`).
    pub(crate) fn demand_unit_joins(&self, cmd: &Command) -> bool {
        let org = self.ledger.registration.as_ref().map(|r| r.demand_unit_org.as_str()).unwrap_or_default();
        cmd.co_actors.iter().any(|c| c.actor == Actor::DemandUnit && c.actor_org == org)
    }

    pub(crate) fn funding(&self) -> Result<Funding, Error> {
        self.ledger.funding().ok_or_else(|| {
            TransitionError::new("dig", self.state_name(), "register_dig_project", "unknown_instance").into()
        })
    }

    pub(crate) fn assessment_due(&self, from: NaiveDate) -> Result<NaiveDate, InputError> {
        from.checked_add_months(chrono::Months::new(self.ctx.config().assessment_period))
            .ok_or_else(|| InputError::new("date", InputReason::InvalidValue, "assessment due date out of range"))
    }

    fn on_dig(&mut self, e: &DigEvent, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        let name = e.name();
        let state_name = self.state_name();
        let row = row_of_at::<DigMachine>(e.kind() as usize, name)
            .ok_or_else(|| TransitionError::new("dig", state_name, name, "no_table_row"))?;
        if !row_allows::<DigMachine>(row, self.state) {
            let detail = if self.state.is_some_and(|s| DigMachine::terminal().contains(&s)) { "terminal" } else { "" };
            return Err(TransitionError::new("dig", state_name, name, detail).into());
        }
        let c = Call {
            cmd,
            seq,
            force: replay.is_some(),
            stored_to: replay.map(|r| r.to()),
            from: state_name,
            actor: row.actor,
            instance: (),
        };
        let next = match e {
            DigEvent::RegisterDigProject(p) => self.register(p, &c),
            DigEvent::SubmitDemandPlan(p) => self.submit_demand_plan(p, &c),
            DigEvent::ModifyDemandPlan(p) => self.modify_demand_plan(p, &c),
            DigEvent::IssueTaskBook(p) => self.issue_task_book(p, &c),
            DigEvent::EmergencyAdd(p) => self.emergency_add(p, &c),
            DigEvent::DecideEmergencyMode(p) => self.decide_emergency_mode(p, &c),
            DigEvent::FormProposedList(p) => self.form_proposed_list(p, &c),
            DigEvent::ConfirmDemand(p) => self.confirm_demand(p, &c),
            DigEvent::CompileFsr(p) => self.compile_fsr(p, &c),
            DigEvent::CenterReviewFsr(p) => self.center_review_fsr(p, &c),
            DigEvent::ApproveFsr(p) => self.approve_fsr(p, &c),
            DigEvent::RefuseFsr(p) => self.refuse_fsr(p, &c),
            DigEvent::FileWithDrc(p) => self.file_with_drc(p, &c),
            DigEvent::RecordDigFunding(p) => self.record_dig_funding(p, &c),
            DigEvent::OpenDedicatedAccount(p) => self.open_dedicated_account(p, &c),
            DigEvent::EntrustCenterSupervision(p) => self.entrust(p, &c),
            DigEvent::StartConstruction(p) => self.start_construction(p, &c),
            DigEvent::RecordSecurityReview(p) => self.record_security_review(p, &c),
            DigEvent::CompleteConstruction(p) => self.complete_construction(p, &c),
            DigEvent::PassInitialAcceptance(p) => self.pass_initial_acceptance(p, &c),
            DigEvent::FailInitialAcceptance(p) => self.fail_initial_acceptance(p, &c),
            DigEvent::StartTrialRun(_) => self.start_trial_run(&c),
            DigEvent::ReportIssue(p) => self.report_issue(p, &c),
            DigEvent::RectifyIssue(p) => self.rectify_issue(p, &c),
            DigEvent::PassFinalAcceptance(p) => self.pass_final_acceptance(p, &c),
            DigEvent::FailFinalAcceptance(p) => self.fail_final_acceptance(p, &c),
            DigEvent::SignOff(p) => self.sign_off(p, &c),
            DigEvent::Deliver(p) => self.deliver(p, &c),
            DigEvent::RecordSecurityAssessment(p) => self.record_security_assessment(p, &c),
            DigEvent::FileFinalAccounts(p) => self.file_final_accounts(p, &c),
            DigEvent::Evaluate(p) => self.evaluate(p, &c),
            DigEvent::RecordException(p) => {
                let verdict = {
                    let mut j = self.judge(&c);
                    roles::judge_exception(&mut j, p, cmd.actor)?;
                    j.verdict()?
                };
                self.exceptions.record(seq, p);
                // An exception to an INV D-rule judged in the parts (12.2, 23.2, 37.2 …) covers them too.
                if p.rule_id.regulation() == crate::rule::Regulation::Investment
                    && let Some(parts) = self.parts.as_mut()
                {
                    parts.exceptions.record(seq, p);
                }
                Ok(Next::stay(verdict))
            }
            DigEvent::RecordManualFinding(p) => self.record_manual_finding(p, &c),
            DigEvent::WithdrawProject(p) => self.withdraw(p, &c),
            DigEvent::Suspend(p) => self.suspend(p, &c),
            DigEvent::Resume(p) => self.resume(p, &c),
            DigEvent::Stop(p) => self.stop(p, &c),
        }?;
        Ok(settle::<DigMachine>(row, &mut self.state, c.from, next))
    }

    // -----------------------------------------------------------------------------------------
    // Registration (DIG-3, 31, 32); demand: `demand.rs`, approval: `approval.rs`, construction: `construction.rs`
    // -----------------------------------------------------------------------------------------

    fn register(&mut self, p: &RegisterDigProject, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_text(&p.project_id, "facts.project_id")?;
        roles::require_text(&p.name, "facts.name")?;
        roles::require_text(&p.demand_unit_org, "facts.demand_unit_org")?;
        if c.cmd.stream.project_id.as_deref() != Some(p.project_id.as_str()) {
            return Err(InputError::new(
                "facts.project_id",
                InputReason::WrongStream,
                "facts.project_id must equal stream.project_id",
            )
            .into());
        }
        match (p.level, p.county.as_deref()) {
            (Level::County, None) => {
                return Err(
                    InputError::new("facts.county", InputReason::Empty, "a county project names its county").into()
                );
            }
            (Level::County, Some(cty)) => roles::require_text(cty, "facts.county")?,
            (Level::Municipal, Some(_)) => {
                return Err(InputError::new(
                    "facts.county",
                    InputReason::InvalidValue,
                    "a municipal project has no county",
                )
                .into());
            }
            (Level::Municipal, None) => {}
        }
        let regime = regime_of(p.construction_start, p.funds_in_place);
        let verdict = {
            let mut j = self.judge(c);
            let rule = roles::actor_rule(DigEventKind::RegisterDigProject, p.basic_supporting);
            j.require(rule, self.actor_ok(c, p.basic_supporting, &p.demand_unit_org), "wrong_actor");
            // DIG-3.1 (S): non-classified IT projects only.
            j.scope(DIG_3_1, !p.classified, "classified");
            // DIG-32 (S): effective 2023-04-23; earlier acts only for legacy projects (DIG-31).
            j.scope(DIG_32, regime == Regime::Legacy || funding::dig_applies(c.cmd.date), "before_effective_date");
            // DIG-31: under construction with funds in place before 2023-04-23 → original mechanism.
            j.trace(DIG_31);
            if regime == Regime::New {
                j.trace(DIG_4);
                j.trace(DIG_3_3);
                // AMB-25: budget-funded projects also run the INV parts, pending a written ruling.
                if funding::inv_parts(p.funding, self.ctx.config()) {
                    funding::warn_amb25(&mut j, self.ctx.config());
                }
            }
            j.verdict()?
        };
        self.project_id = p.project_id.clone();
        self.ledger.registration = Some(DigRegistration {
            name: p.name.clone(),
            demand_unit_org: p.demand_unit_org.clone(),
            level: p.level,
            county: p.county.clone(),
            basic_supporting: p.basic_supporting,
            funding: p.funding,
            project_code: p.project_code.clone(),
            regime,
        });
        if regime == Regime::New && funding::inv_parts(p.funding, self.ctx.config()) {
            self.parts = Some(InvestmentProject::dig_parts(self.ctx.clone(), &p.project_id, ""));
        }
        let to = match regime {
            Regime::Legacy => DigState::DigLegacy,
            Regime::New => DigState::Registered,
        };
        Ok(Next::to(verdict, to))
    }

    // -----------------------------------------------------------------------------------------
    // Withdrawal (INV-55 acts of budget-funded projects: `construction.rs`)
    // -----------------------------------------------------------------------------------------

    fn withdraw(&mut self, p: &WithdrawDigProject, c: &Call<'_>) -> Result<Next<DigState>, Error> {
        roles::require_text(&p.reason, "facts.reason")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.verdict()?
        };
        self.end_obligations();
        if let Some(parts) = self.parts.as_mut() {
            parts.cancel_sub_machines();
        }
        Ok(Next::to(verdict, DigState::Withdrawn))
    }

    pub(crate) fn end_obligations(&mut self) {
        for kind in ["mlps", "crypto"] {
            self.obligations.cancel(ASSESSMENT_DUTY, kind);
            self.obligations.cancel(RECTIFICATION_DUTY, kind);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Public API: obligations, findings, JSON, replay, diagrams
    // -----------------------------------------------------------------------------------------

    /// The open and overdue obligations as of `as_of` (RULES.md §1.7): the DIG-21 assessments, and
    /// those of the INV parts (payments, emergency-change filings …) of a budget-funded project.
    pub fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        let mut out = self.obligations.open_as_of(as_of);
        if let Some(parts) = &self.parts {
            out.extend(parts.obligations(as_of));
        }
        out
    }

    /// Compliance findings as of `as_of` (RULES.md §5): stored findings and default breaches, manual
    /// findings, F-DIG-15.2 (no entrustment by completion), overdue DIG-21 assessments, and a broken
    /// chain (F-INV-57).
    pub fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        crate::digital::findings::project_findings(self, as_of)
    }

    /// The state and ledger as JSON (`state_json` of RULES.md §8).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "dig",
            "project_id": self.project_id,
            "state": self.state_name(),
            "ledger": self.ledger,
            "exceptions": self.exceptions,
            "obligations": self.obligations.all(),
            "inv_parts": self.parts.as_ref().map(|p| serde_json::json!({
                "ledger": p.ledger(),
                "obligations": p.obligations.all(),
            })),
            "log_len": self.log.len(),
            "head": self.log.head(),
        })
    }

    /// As [`LoggedStream::replay_entries`], re-judging with the given cycle inputs.
    ///
    /// # Errors
    /// As [`LoggedStream::replay`].
    pub fn replay_with(
        ctx: Context,
        entries: &[LogEntry],
        cycles: CycleInputs,
    ) -> Result<(DigitalProject, ReplayReport), Error> {
        Self::replay_entries_with(ctx, entries, VecDeque::from([(0, cycles)]), &ReplayOptions::report())
    }

    /// The stream of this project.
    pub fn stream(&self) -> Stream {
        Stream::project(MachineId::Dig, &self.project_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{DocKind, DocRef};
    use crate::digital::events::*;
    use crate::digital::testkit::*;
    use crate::exception::{ExceptionScope, RuleException};
    use crate::outcome::{Mode, OutcomeKind};
    use crate::rule::RuleId;

    fn rule_of(e: Error) -> (RuleId, String) {
        match e {
            Error::Rule(v) => {
                let o = v.primary().cloned().unwrap();
                (o.rule, o.detail.into_owned())
            }
            other => panic!("expected a rule violation, got {other:?}"),
        }
    }

    /// Applies `c`, expects a violation of `rule` with `detail`, and checks nothing changed.
    fn refused(p: &mut DigitalProject, c: Command, rule: RuleId, detail: &str) {
        let before = p.clone();
        let (r, dt) = rule_of(p.apply(c).unwrap_err());
        assert_eq!((r, dt.as_str()), (rule, detail));
        assert_eq!(*p, before, "a rejected command changes nothing");
    }

    /// Source: DIG-3.1 — classified projects are out of scope, rejected in both modes.
    #[test]
    fn classified_out_of_scope() {
        for mode in [Mode::Enforce, Mode::Record] {
            let mut p = DigitalProject::new(Context::default());
            let mut f = registration(Funding::SpecialFund);
            f.classified = true;
            let err = p.apply(cmd(f, Actor::DemandUnit, "2023-09-01").mode(mode)).unwrap_err();
            assert_eq!(rule_of(err), (DIG_3_1, "classified".to_string()));
            assert!(p.log().is_empty());
        }
    }

    /// Source: DIG-31 — funds in place 2023-04-22 (and construction started before) → dig_legacy, not judged further; 2023-04-23 → registered.
    #[test]
    fn legacy_regime_boundary() {
        for (funds, state) in [("2023-04-22", DigState::DigLegacy), ("2023-04-23", DigState::Registered)] {
            let mut p = DigitalProject::new(Context::default());
            let mut f = registration(Funding::SpecialFund);
            f.construction_start = Some(d("2023-01-15"));
            f.funds_in_place = Some(d(funds));
            let t = p.apply(cmd(f, Actor::DemandUnit, "2023-09-01")).unwrap();
            assert_eq!(p.state(), Some(state), "{funds}");
            assert!(t.rules.contains(&DIG_31));
        }
        // dig_legacy is terminal: the original mechanism, not this machine.
        let mut p = DigitalProject::new(Context::default());
        let mut f = registration(Funding::SoeSelf);
        f.construction_start = Some(d("2023-01-15"));
        f.funds_in_place = Some(d("2023-02-01"));
        p.apply(cmd(f, Actor::DemandUnit, "2023-03-01")).unwrap();
        let submit = happy_steps(Funding::SoeSelf).remove(0);
        assert!(matches!(p.apply(submit), Err(Error::Transition(ref e)) if e.detail == "terminal"));
    }

    /// Source: DIG-32 — effective on issuance: a new-regime registration dated 2023-04-22 is out of scope (both modes), 2023-04-23 is in.
    #[test]
    fn effective_date_boundary() {
        for mode in [Mode::Enforce, Mode::Record] {
            let mut p = DigitalProject::new(Context::default());
            let err =
                p.apply(cmd(registration(Funding::SoeSelf), Actor::DemandUnit, "2023-04-22").mode(mode)).unwrap_err();
            assert_eq!(rule_of(err), (DIG_32, "before_effective_date".to_string()));
        }
        let mut p = DigitalProject::new(Context::default());
        let t = p.apply(cmd(registration(Funding::SoeSelf), Actor::DemandUnit, "2023-04-23")).unwrap();
        assert!(t.outcomes.is_empty());
    }

    /// Source: DIG-32 — budget-funded projects carry the AMB-25 warning until the ruling is configured; self-funded ones never.
    #[test]
    fn amb25_warning() {
        let mut p = DigitalProject::new(Context::default());
        let t = p.apply(register(Funding::SpecialFund)).unwrap();
        assert_eq!(t.outcomes, vec![crate::Outcome::new(OutcomeKind::Warning, DIG_32, "amb25_pending_ruling")]);
        let ruled = ctx_with(|c| c.amb25_ruling_ref = Some(r(DocKind::Opinion, "宛发改〔2024〕1号")));
        let mut p = DigitalProject::new(ruled);
        assert!(p.apply(register(Funding::HigherLevel)).unwrap().outcomes.is_empty());
        let mut p = DigitalProject::new(Context::default());
        assert!(p.apply(register(Funding::SoeSelf)).unwrap().outcomes.is_empty());
        let off = ctx_with(|c| c.dig_budget_projects_apply_inv = false);
        let mut p = DigitalProject::new(off);
        assert!(p.apply(register(Funding::SpecialFund)).unwrap().outcomes.is_empty());
    }

    /// Source: DIG-6, DIG-13.6 — the demand unit registers and writes the demand plan; the big data center does so for basic supporting projects.
    #[test]
    fn demand_plan_authors() {
        // A demand unit of another organisation is a wrong actor (DIG-6).
        let mut p = DigitalProject::new(Context::default());
        let c = cmd(registration(Funding::SoeSelf), Actor::DemandUnit, "2023-09-01").org("南阳市教育局");
        let (rule, detail) = rule_of(p.apply(c).unwrap_err());
        assert_eq!((rule, detail.as_str()), (DIG_6, "wrong_actor"));
        // Basic supporting: the center, not the demand unit (DIG-13.6).
        let mut f = registration(Funding::SpecialFund);
        f.basic_supporting = true;
        let (rule, _) = rule_of(p.apply(cmd(f.clone(), Actor::DemandUnit, "2023-09-01")).unwrap_err());
        assert_eq!(rule, DIG_13_6);
        p.apply(cmd(f, Actor::BigdataCenter, "2023-09-01")).unwrap();
        let submit = happy_steps(Funding::SpecialFund).remove(0);
        refused(&mut p, submit.clone(), DIG_13_6, "wrong_actor");
        let mut by_center = submit;
        by_center.actor = Actor::BigdataCenter;
        by_center.actor_org = "".into();
        assert_eq!(p.apply(by_center).unwrap().to, "demand_submitted");
    }

    /// Source: DIG-13.4 — a demand plan states problem, scope of use, function/performance and functional logic; each blank element is a violation.
    #[test]
    fn demand_plan_contents() {
        let mut p = registered(Funding::SoeSelf);
        let mut item = content();
        item.functional_logic = " ".into();
        item.problem = String::new();
        let plan = SubmitDemandPlan {
            contents: vec![item],
            cycle: 2024,
            reference: r(DocKind::DemandPlan, "需求1"),
            technical_route: None,
        };
        let before = p.clone();
        let err = p.apply(cmd(plan.clone(), Actor::DemandUnit, "2023-10-15")).unwrap_err();
        let Error::Rule(v) = err else { panic!() };
        let details: Vec<&str> = v.outcomes.iter().map(|o| o.detail.as_ref()).collect();
        assert_eq!(details, vec!["missing_problem", "missing_functional_logic"]);
        assert_eq!(p, before);
        let empty = SubmitDemandPlan { contents: vec![], ..plan.clone() };
        refused(&mut p, cmd(empty, Actor::DemandUnit, "2023-10-15"), DIG_13_4, "missing_contents");
        // Record mode: accepted with findings F-DIG-13.4.
        let t = p.apply(cmd(plan, Actor::DemandUnit, "2023-10-15").mode(Mode::Record)).unwrap();
        assert!(t.outcomes.iter().all(|o| o.kind == OutcomeKind::Finding && o.rule == DIG_13_4));
        assert!(!p.ledger().demand_plan_complete);
        assert!(p.findings(d("2023-12-31")).iter().any(|f| f.code == "F-DIG-13.4"));
    }

    /// Source: DIG-13.5 — modification only with the center's demonstration AND the bureau's consent; each missing → violation.
    #[test]
    fn demand_plan_modification() {
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::DemandSubmitted);
        let demo = Some(r(DocKind::Opinion, "论证1"));
        let consent = Some(r(DocKind::Consent, "同意1"));
        let m = |demo: Option<DocRef>, consent: Option<DocRef>| {
            cmd(
                ModifyDemandPlan {
                    consent_ref: consent,
                    demonstration_ref: demo,
                    reference: r(DocKind::DemandPlan, "需求1-修"),
                },
                Actor::DemandUnit,
                "2023-11-01",
            )
        };
        refused(&mut p, m(demo.clone(), None), DIG_13_5, "no_consent");
        refused(&mut p, m(None, consent.clone()), DIG_13_5, "no_demonstration");
        // A "consent" issued by the drc is not the bureau's.
        let mut drc = consent.clone().unwrap();
        drc.issuer = Some(Actor::Drc);
        refused(&mut p, m(demo.clone(), Some(drc)), DIG_13_5, "no_consent");
        let t = p.apply(m(demo, consent)).unwrap();
        assert!(t.outcomes.is_empty());
        assert_eq!(p.ledger().demand_modifications, 1);
        assert_eq!(p.state(), Some(DigState::DemandSubmitted));
        // Record mode with one approval only: F-DIG-13.5.
        let t = p.apply(m(None, Some(r(DocKind::Consent, "同意2"))).mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes[0].kind, OutcomeKind::Finding);
        assert!(p.findings(d("2023-12-31")).iter().any(|f| f.code == "F-DIG-13.5"));
    }

    /// Source: DIG-13.3 — tasked only if the cycle of the plan year is at tasks_approved and the project's id is approved.
    #[test]
    fn task_book_reads_the_cycle() {
        let issue = || happy_steps(Funding::SoeSelf).remove(1);
        // Cycle not approved: violation, nothing changes.
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::DemandSubmitted);
        let mut inputs = approved_inputs(&[PID]);
        if let Some(v) = inputs.years.get_mut(&2024) {
            v.state = crate::digital::DigCycleState::TasksDrafted;
        }
        p.set_cycle_inputs(inputs);
        refused(&mut p, issue(), DIG_13_3, "cycle_not_approved");
        // No cycle at all: the same.
        p.set_cycle_inputs(CycleInputs::default());
        refused(&mut p, issue(), DIG_13_3, "cycle_not_approved");
        // Approved, but not this project: not_tasked, no outcome.
        p.set_cycle_inputs(approved_inputs(&["D9"]));
        let t = p.apply(issue()).unwrap();
        assert_eq!(t.to, "not_tasked");
        assert!(t.outcomes.is_empty());
        // A later cycle: resubmit and get tasked.
        let mut again = happy_steps(Funding::SoeSelf).remove(0);
        again.date = d("2024-10-15");
        if let Event::Dig(DigEvent::SubmitDemandPlan(s)) = &mut again.event {
            s.cycle = 2025;
        }
        p.apply(again).unwrap();
        let mut inputs = approved_inputs(&[PID]);
        let v = inputs.years.remove(&2024).unwrap();
        inputs.years.insert(2025, v);
        p.set_cycle_inputs(inputs);
        let mut c = issue();
        c.date = d("2025-01-10");
        assert_eq!(p.apply(c).unwrap().to, "tasked");
        assert_eq!(p.ledger().plan_year, Some(2025));
    }

    /// Source: DIG-3.3 — RULES.md §3.5 A8 (「审核后方可组织实施」): a county project (卧龙区) is tasked on
    /// the bureau's `review_county_plan` of its county and year that names it, with the municipal
    /// cycle only at tasks_drafted; a review naming another project, or naming it for another
    /// county, or a review of another year is no tasking (V DIG-13.3 `cycle_not_approved`, nothing
    /// changes); a municipal project named in a county's list is not tasked by it.
    #[test]
    fn county_project_tasked_on_county_review_a8() {
        let issue = || happy_steps(Funding::SoeSelf).remove(1);
        let inputs = |year: i32, county: &str, ids: &[&str]| {
            let mut inputs = approved_inputs(&["D9"]);
            let mut v = inputs.years.remove(&2024).unwrap();
            v.state = crate::digital::DigCycleState::TasksDrafted;
            v.county_reviews.insert(county.into());
            v.county_projects.insert(county.into(), ids.iter().map(|s| s.to_string()).collect());
            inputs.years.insert(year, v);
            inputs
        };
        let county_project = || {
            let mut p = DigitalProject::new(Context::default());
            let mut f = registration(Funding::SoeSelf);
            f.level = crate::investment::route::Level::County;
            f.county = Some("卧龙区".into());
            p.apply(cmd(f, Actor::DemandUnit, "2023-09-01")).unwrap();
            drive(&mut p, Funding::SoeSelf, DigState::DemandSubmitted);
            p
        };
        let mut p = county_project();
        for refused_inputs in
            [inputs(2024, "卧龙区", &["D9"]), inputs(2024, "宛城区", &[PID]), inputs(2025, "卧龙区", &[PID])]
        {
            p.set_cycle_inputs(refused_inputs);
            refused(&mut p, issue(), DIG_13_3, "cycle_not_approved");
        }
        p.set_cycle_inputs(inputs(2024, "卧龙区", &[PID]));
        let t = p.apply(issue()).unwrap();
        assert_eq!(t.to, "tasked");
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        // A municipal project is not tasked by a county's list.
        let mut m = registered(Funding::SoeSelf);
        drive(&mut m, Funding::SoeSelf, DigState::DemandSubmitted);
        m.set_cycle_inputs(inputs(2024, "卧龙区", &[PID]));
        refused(&mut m, issue(), DIG_13_3, "cycle_not_approved");
    }

    /// Source: DIG-5 — the construction mode suits the funding; DIG-13.3 — the task book follows the approved tasks.
    #[test]
    fn task_book_mode() {
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::DemandSubmitted);
        let mut c = happy_steps(Funding::SpecialFund).remove(1);
        if let Event::Dig(DigEvent::IssueTaskBook(t)) = &mut c.event {
            t.construction_mode = ConstructionMode::FundUser;
        }
        let before = p.clone();
        let Error::Rule(v) = p.apply(c).unwrap_err() else { panic!() };
        let got: Vec<(RuleId, &str)> = v.outcomes.iter().map(|o| (o.rule, o.detail.as_ref())).collect();
        assert_eq!(got, vec![(DIG_13_3, "differs_from_tasks"), (DIG_5, "construction_mode")]);
        assert_eq!(p, before);
    }

    fn emergency(leader: bool, vice: bool, urgent: bool, sudden: bool) -> Command {
        let consent = |s: &str, by: Actor| {
            let mut c = r(DocKind::Consent, s);
            c.issuer = Some(by);
            c
        };
        cmd(
            EmergencyAdd {
                consent_leader_bigdata: leader.then(|| consent("同意-领导", Actor::LeaderBigdata)),
                consent_vice_mayor: vice.then(|| consent("同意-副市长", Actor::ExecutiveViceMayor)),
                sudden_event: sudden,
                urgent_deployment: urgent,
            },
            Actor::BigdataBureau,
            "2024-02-01",
        )
    }

    /// Source: DIG-13.7 — an emergency addition needs a category and BOTH leaders' consents; the consents are recorded.
    #[test]
    fn emergency_addition() {
        let mut p = registered(Funding::SpecialFund);
        refused(&mut p, emergency(true, false, false, true), DIG_13_7, "no_consent_vice_mayor");
        refused(&mut p, emergency(false, true, false, true), DIG_13_7, "no_consent_leader_bigdata");
        refused(&mut p, emergency(true, true, false, false), DIG_13_7, "no_emergency_category");
        // A consent issued by somebody else does not count.
        let mut wrong = emergency(true, true, false, true);
        if let Event::Dig(DigEvent::EmergencyAdd(e)) = &mut wrong.event {
            e.consent_vice_mayor.as_mut().unwrap().issuer = Some(Actor::LeaderBigdata);
        }
        refused(&mut p, wrong, DIG_13_7, "no_consent_vice_mayor");
        // The bureau adds; nobody else.
        let mut by_drc = emergency(true, true, false, true);
        by_drc.actor = Actor::Drc;
        refused(&mut p, by_drc, DIG_13_7, "wrong_actor");
        let t = p.apply(emergency(true, true, false, true)).unwrap();
        assert_eq!(t.to, "tasked");
        let e = p.ledger().emergency.as_ref().unwrap();
        assert!(e.ok && e.consent_leader_bigdata.is_some() && e.consent_vice_mayor.is_some());
        assert_eq!(p.ledger().plan_year, Some(2024));
    }

    /// Source: DIG-18 — case by case only for added projects of the 18 category with both consents.
    #[test]
    fn case_by_case() {
        let decide = |deadline: bool, leader: bool, vice: bool| {
            cmd(
                DecideEmergencyMode {
                    consent_leader_bigdata: leader.then(|| r(DocKind::Consent, "同意-领导-18")),
                    consent_vice_mayor: vice.then(|| r(DocKind::Consent, "同意-副市长-18")),
                    construction_mode: ConstructionMode::Soe,
                    deadline_and_assessment: deadline,
                },
                Actor::BigdataBureau,
                "2024-02-02",
            )
        };
        // Not added under 13.7 (tasked by the cycle): no case-by-case decision.
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::Tasked);
        refused(&mut p, decide(true, true, true), DIG_18, "not_added");
        // Urgent deployment without deadline/assessment: addable, but follows DIG-14 (AMB-26).
        let mut p = registered(Funding::SpecialFund);
        p.apply(emergency(true, true, true, false)).unwrap();
        refused(&mut p, decide(false, true, true), DIG_18, "no_case_by_case_category");
        refused(&mut p, decide(true, true, false), DIG_18, "no_consent_vice_mayor");
        p.apply(decide(true, true, true)).unwrap();
        assert!(p.ledger().emergency_mode.as_ref().is_some_and(|m| m.ok));
    }

    /// Source: DIG-18, DIG-15.1, DIG-25 — RULES.md §3.3.9 example 14 (revised AMB-26): an emergency addition with a
    /// case-by-case decision still needs the approved FSR to start (DF); after the DIG-14 chain, done the same day, the
    /// start is Ok.
    #[test]
    fn example_14_dig18_needs_the_approved_fsr() {
        let mut p = registered(Funding::SpecialFund);
        p.apply(emergency(true, true, false, true)).unwrap();
        let decide = DecideEmergencyMode {
            consent_leader_bigdata: Some(r(DocKind::Consent, "同意-领导-18")),
            consent_vice_mayor: Some(r(DocKind::Consent, "同意-副市长-18")),
            construction_mode: ConstructionMode::Soe,
            deadline_and_assessment: false,
        };
        p.apply(cmd(decide, Actor::BigdataBureau, "2024-02-02")).unwrap();
        let start = || {
            cmd(
                StartDigConstruction { basis_17_2: None, builder: Builder::Soe, date: d("2024-02-03") },
                Actor::Soe,
                "2024-02-03",
            )
        };
        let before = p.clone();
        let Error::Rule(v) = p.apply(start()).unwrap_err() else { panic!() };
        let got: Vec<(OutcomeKind, RuleId, &str)> =
            v.outcomes.iter().map(|o| (o.kind, o.rule, o.detail.as_ref())).collect();
        assert_eq!(
            got,
            vec![
                (OutcomeKind::Violation, DIG_15_1, "no_approved_fsr"),
                (OutcomeKind::Violation, DIG_25, "no_approved_fsr"),
                (OutcomeKind::Warning, DIG_15_2, "not_entrusted"),
            ]
        );
        assert_eq!(p, before);
        // The chain the same day: list, confirmation, FSR, the center's consent, approval (6,000,000.00), entrustment.
        let mut chain: Vec<Command> = happy_steps(Funding::SpecialFund).drain(2..=6).collect();
        if let Event::Dig(DigEvent::ApproveFsr(a)) = &mut chain[4].event {
            a.total = crate::yuan!("6000000.00");
        }
        chain.push(cmd(
            EntrustCenterSupervision { reference: r(DocKind::Contract, "委托1") },
            Actor::Soe,
            "2024-02-03",
        ));
        for mut c in chain {
            c.date = d("2024-02-03");
            p.apply(c).unwrap();
        }
        let t = p.apply(start()).unwrap();
        assert_eq!(t.to, "under_construction");
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        assert!(t.rules.contains(&DIG_18) && t.rules.contains(&DIG_25));
        assert_eq!(p.inv_parts().unwrap().ledger().estimate, Some(crate::yuan!("6000000.00")));
    }

    /// Source: DIG-14.1, DIG-14.2, DIG-14.3 — soe + center list; written confirmation; soe + demand unit compile the FSR.
    #[test]
    fn approval_chain_joint_acts() {
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::Tasked);
        let mut list = happy_steps(Funding::SoeSelf).remove(2);
        list.co_actors.clear();
        refused(&mut p, list, DIG_14_1, "missing_co_actor");
        drive(&mut p, Funding::SoeSelf, DigState::Listed);
        // Compiling before the written confirmation: violation 14.2 (a judged early act).
        let compile = happy_steps(Funding::SoeSelf).remove(4);
        refused(&mut p, compile.clone(), DIG_14_2, "no_written_confirmation");
        drive(&mut p, Funding::SoeSelf, DigState::DemandConfirmed);
        let mut alone = compile.clone();
        alone.co_actors.clear();
        refused(&mut p, alone, DIG_14_3, "missing_co_actor");
        let mut other_unit = compile.clone();
        other_unit.co_actors[0].actor_org = "南阳市教育局".into();
        refused(&mut p, other_unit, DIG_14_3, "missing_co_actor");
        let mut wrong_funding = compile;
        if let Event::Dig(DigEvent::CompileFsr(f)) = &mut wrong_funding.event {
            f.funding = Funding::SpecialFund;
        }
        assert!(matches!(p.apply(wrong_funding), Err(Error::Input(_))));
    }

    /// Source: DIG-14.4 — the bureau approves only after the center's consent; refusals go back to demand_confirmed.
    #[test]
    fn fsr_approval() {
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrDrafted);
        let approve = happy_steps(Funding::SpecialFund).remove(6);
        refused(&mut p, approve.clone(), DIG_14_4, "no_center_consent");
        let t = p.apply(approve.clone().mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes[0], crate::Outcome::new(OutcomeKind::Finding, DIG_14_4, "no_center_consent"));
        assert_eq!(t.to, "fsr_approved");

        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrCenterCleared);
        let mut by_drc = approve.clone();
        by_drc.actor = Actor::Drc;
        refused(&mut p, by_drc, DIG_14_4, "wrong_actor");
        let refuse = cmd(
            RefuseFsr { reasons: "scope too wide".into(), reference: r(DocKind::Opinion, "退回1") },
            Actor::BigdataBureau,
            "2024-02-25",
        );
        assert_eq!(p.apply(refuse).unwrap().to, "demand_confirmed");
        assert!(!p.ledger().center_consent);
        // The center refuses: back as well; a refusal without reasons is an input error.
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrDrafted);
        let mut no_reason = CenterReviewFsr {
            decision: CenterDecision::Refuse,
            reasons: None,
            reference: r(DocKind::Opinion, "审核x"),
        };
        assert!(matches!(p.apply(cmd(no_reason.clone(), Actor::BigdataCenter, "2024-02-20")), Err(Error::Input(_))));
        no_reason.reasons = Some("no data catalogue".into());
        assert_eq!(p.apply(cmd(no_reason, Actor::BigdataCenter, "2024-02-20")).unwrap().to, "demand_confirmed");
        // Recompiled, cleared and approved: the approval fixes A = A0 (AMB-25).
        let mut again = happy_steps(Funding::SpecialFund).remove(4);
        again.date = d("2024-02-21");
        assert_eq!(p.apply(again).unwrap().to, "fsr_drafted");
        let mut consent = happy_steps(Funding::SpecialFund).remove(5);
        consent.date = d("2024-02-22");
        p.apply(consent).unwrap();
        p.apply(approve).unwrap();
        assert_eq!(p.ledger().approved_total, Some(crate::yuan!("11800000.00")));
    }

    fn start(builder: Builder, actor: Actor, basis: bool) -> Command {
        cmd(
            StartDigConstruction {
                basis_17_2: basis.then(|| r(DocKind::Approval, "上级要求1")),
                builder,
                date: d("2024-03-10"),
            },
            actor,
            "2024-03-10",
        )
    }

    /// Source: DIG-15.1, DIG-25 — construction only per the task book and the approved FSR; a premature start is a violation, a finding in record mode.
    #[test]
    fn premature_start() {
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrCenterCleared);
        let before = p.clone();
        let Error::Rule(v) = p.apply(start(Builder::Soe, Actor::Soe, false)).unwrap_err() else { panic!() };
        let got: Vec<(RuleId, &str)> = v
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::Violation)
            .map(|o| (o.rule, o.detail.as_ref()))
            .collect();
        assert_eq!(got, vec![(DIG_15_1, "no_approved_fsr"), (DIG_25, "no_approved_fsr")]);
        assert_eq!(p, before);
        let t = p.apply(start(Builder::Soe, Actor::Soe, false).mode(Mode::Record)).unwrap();
        assert_eq!(t.to, "under_construction");
        let codes: Vec<String> = p.findings(d("2024-12-31")).into_iter().map(|f| f.code).collect();
        assert!(codes.contains(&"F-DIG-15.1".to_string()) && codes.contains(&"F-DIG-25".to_string()));
    }

    /// Source: INV-55.1 — RULES.md §3.3.7: a record-mode DIG start with failed DIG-15.1/25 guards on a budget-funded
    /// project is F-INV-55.1 `start_conditions_not_met`; a self-funded project has no INV parts and no such finding; a
    /// start with the approved FSR has none.
    #[test]
    fn record_mode_start_is_inv_55_1() {
        let found = |p: &DigitalProject| {
            p.findings(d("2024-12-31"))
                .into_iter()
                .filter(|f| f.code == "F-INV-55.1" && f.detail == "start_conditions_not_met")
                .count()
        };
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrCenterCleared);
        p.apply(start(Builder::Soe, Actor::Soe, false).mode(Mode::Record)).unwrap();
        assert_eq!(found(&p), 1);
        let mut q = registered(Funding::SoeSelf);
        drive(&mut q, Funding::SoeSelf, DigState::FsrCenterCleared);
        q.apply(start(Builder::Soe, Actor::Soe, false).mode(Mode::Record)).unwrap();
        assert_eq!(found(&q), 0);
        assert_eq!(found(&at(Funding::SpecialFund, DigState::UnderConstruction)), 0);
    }

    /// Source: DIG-14.5 — a self-funded project is filed with the drc (DIG-8), never sent for approval, and starts only once filed.
    #[test]
    fn drc_filing() {
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::FsrApproved);
        let ask = cmd(
            FileWithDrc { kind: DrcFilingKind::ApprovalRequest, reference: r(DocKind::Approval, "立项申请") },
            Actor::Soe,
            "2024-03-02",
        );
        refused(&mut p, ask, DIG_14_5, "approval_request");
        refused(&mut p, start(Builder::Soe, Actor::Soe, false), DIG_14_5, "not_filed");
        p.apply(cmd(
            FileWithDrc { kind: DrcFilingKind::Filing, reference: r(DocKind::Filing, "备案1") },
            Actor::Soe,
            "2024-03-02",
        ))
        .unwrap();
        let t = p.apply(start(Builder::Soe, Actor::Soe, false)).unwrap();
        assert_eq!(t.to, "under_construction");
        // A budget-funded project's approval request to the drc contradicts DIG-14.4.
        let mut q = registered(Funding::SpecialFund);
        drive(&mut q, Funding::SpecialFund, DigState::FsrApproved);
        let ask = cmd(
            FileWithDrc { kind: DrcFilingKind::ApprovalRequest, reference: r(DocKind::Approval, "立项申请") },
            Actor::Soe,
            "2024-03-02",
        );
        refused(&mut q, ask, DIG_14_4, "approval_request");
    }

    /// Source: DIG-24.2 — soe-raised money is executed only within the municipal-approved soe investment plan.
    #[test]
    fn soe_plan_before_execution() {
        let mut p = registered(Funding::SoeSelf);
        drive(&mut p, Funding::SoeSelf, DigState::FsrApproved);
        p.apply(cmd(
            FileWithDrc { kind: DrcFilingKind::Filing, reference: r(DocKind::Filing, "备案1") },
            Actor::Soe,
            "2024-03-02",
        ))
        .unwrap();
        let mut inputs = approved_inputs(&[PID]);
        inputs.years.get_mut(&2024).unwrap().soe_plan_approved = false;
        p.set_cycle_inputs(inputs);
        refused(&mut p, start(Builder::Soe, Actor::Soe, false), DIG_24_2, "plan_not_approved");
        let money = cmd(
            RecordDigFunding { account_ref: None, amount: crate::yuan!("5000000.00"), source: FundSource::SoeSelf },
            Actor::Soe,
            "2024-03-05",
        );
        refused(&mut p, money.clone(), DIG_24_2, "plan_not_approved");
        p.set_cycle_inputs(approved_inputs(&[PID]));
        assert!(p.apply(money).unwrap().outcomes.is_empty());
    }

    /// Source: DIG-2.2, DIG-3.2 — the soe builds (原则上); a department building itself is a default breach of both unless excepted; DIG-17.2 is the text's own exception.
    #[test]
    fn who_builds() {
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        // The builder must match the actor: a department acts as the demand unit.
        refused(&mut p, start(Builder::Department, Actor::Soe, false), DIG_15_1, "wrong_actor");
        let mut q = p.clone();
        let t = q.apply(start(Builder::Department, Actor::DemandUnit, false)).unwrap();
        let breaches: Vec<(RuleId, &str)> = t
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::DefaultBreach)
            .map(|o| (o.rule, o.detail.as_ref()))
            .collect();
        assert_eq!(breaches, vec![(DIG_2_2, "builder_not_soe"), (DIG_3_2, "department_builds")]);
        // Exceptions by the bureau cover both.
        let mut q = p.clone();
        for rule in [DIG_2_2, DIG_3_2] {
            let e = RuleException {
                decision_ref: r(DocKind::Approval, "例外1"),
                event: None,
                reason: "pilot".into(),
                rule_id: rule,
                scope: ExceptionScope::One,
            };
            q.apply(cmd(e, Actor::BigdataBureau, "2024-03-08")).unwrap();
        }
        let t = q.apply(start(Builder::Department, Actor::DemandUnit, false)).unwrap();
        assert!(t.outcomes.iter().all(|o| o.kind == OutcomeKind::Warning));
        assert_eq!(t.exceptions_used.len(), 2);
        // DIG-17.2 basis only for higher-level funds with special requirements.
        refused(&mut p, start(Builder::FundUser, Actor::DemandUnit, true), DIG_17_2, "not_higher_level_special");
        let mut h = registered(Funding::HigherLevelSpecial);
        drive(&mut h, Funding::HigherLevelSpecial, DigState::FsrApproved);
        let t = h.apply(start(Builder::FundUser, Actor::DemandUnit, true)).unwrap();
        assert!(t.outcomes.iter().all(|o| o.kind == OutcomeKind::Warning), "{:?}", t.outcomes);
    }

    /// Source: DIG-3.3 — a county's plan is implemented only after the bureau's review.
    #[test]
    fn county_review() {
        let mut p = DigitalProject::new(Context::default());
        p.set_cycle_inputs(approved_inputs(&[PID]));
        let mut f = registration(Funding::SoeSelf);
        f.level = crate::investment::route::Level::County;
        f.county = Some("卧龙区".into());
        p.apply(cmd(f, Actor::DemandUnit, "2023-09-01")).unwrap();
        drive(&mut p, Funding::SoeSelf, DigState::FsrApproved);
        p.apply(cmd(
            FileWithDrc { kind: DrcFilingKind::Filing, reference: r(DocKind::Filing, "备案1") },
            Actor::Soe,
            "2024-03-02",
        ))
        .unwrap();
        refused(&mut p, start(Builder::Soe, Actor::Soe, false), DIG_3_3, "county_plan_not_reviewed");
        let mut inputs = approved_inputs(&[PID]);
        inputs.years.get_mut(&2024).unwrap().county_reviews.insert("卧龙区".into());
        p.set_cycle_inputs(inputs);
        assert_eq!(p.apply(start(Builder::Soe, Actor::Soe, false)).unwrap().to, "under_construction");
        // A county project must name its county.
        let mut q = DigitalProject::new(Context::default());
        let mut f = registration(Funding::SoeSelf);
        f.level = crate::investment::route::Level::County;
        assert!(matches!(q.apply(cmd(f, Actor::DemandUnit, "2023-09-01")), Err(Error::Input(_))));
    }

    /// Source: DIG-11 — the cac's review is on record (and not failed) by completion when in scope; DIG-7 — the soe completes.
    #[test]
    fn security_review_at_completion() {
        let complete =
            || cmd(CompleteConstruction { reference: r(DocKind::Evidence, "完工1") }, Actor::Soe, "2024-09-01");
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        p.apply(start(Builder::Soe, Actor::Soe, false)).unwrap();
        refused(&mut p, complete(), DIG_11, "no_security_review");
        let mut by_unit = complete();
        by_unit.actor = Actor::DemandUnit;
        by_unit.actor_org = ORG.into();
        let before = p.clone();
        let Error::Rule(v) = p.apply(by_unit).unwrap_err() else { panic!() };
        assert_eq!((v.outcomes[0].rule, v.outcomes[0].detail.as_ref()), (DIG_7, "wrong_actor"));
        assert_eq!(p, before);
        let review = |res| {
            cmd(
                RecordSecurityReview { reference: r(DocKind::SecurityReview, "网安"), result: res },
                Actor::Cac,
                "2024-08-01",
            )
        };
        let mut by_bureau = review(SecurityReviewResult::Pass);
        by_bureau.actor = Actor::BigdataBureau;
        refused(&mut p, by_bureau, DIG_11, "wrong_actor");
        p.apply(review(SecurityReviewResult::Fail)).unwrap();
        refused(&mut p, complete(), DIG_11, "security_review_failed");
        p.apply(review(SecurityReviewResult::NotApplicable)).unwrap();
        assert_eq!(p.apply(complete()).unwrap().to, "construction_completed");
        // Outside the configured scope no review is needed.
        let scoped = ctx_with(|c| {
            c.security_review_scope = crate::config::SecurityReviewScope::Kinds(vec!["special_fund".into()])
        });
        let mut q = registered_with(Funding::HigherLevel, scoped);
        drive(&mut q, Funding::HigherLevel, DigState::FsrApproved);
        q.apply(start(Builder::Soe, Actor::Soe, false)).unwrap();
        assert!(q.apply(complete()).is_ok());
    }

    /// Source: DIG-15.2 — entrustment is not a start condition: warning at start and completion, F-DIG-15.2 when missing by completion, `late` after it.
    #[test]
    fn entrustment() {
        let mut p = registered(Funding::SpecialFund);
        drive(&mut p, Funding::SpecialFund, DigState::FsrApproved);
        p.apply(cmd(
            RecordSecurityReview {
                reference: r(DocKind::SecurityReview, "网安"), result: SecurityReviewResult::Pass
            },
            Actor::Cac,
            "2024-03-06",
        ))
        .unwrap();
        let t = p.apply(start(Builder::Soe, Actor::Soe, false)).unwrap();
        assert!(t.outcomes.contains(&crate::Outcome::new(OutcomeKind::Warning, DIG_15_2, "not_entrusted")));
        let t = p
            .apply(cmd(CompleteConstruction { reference: r(DocKind::Evidence, "完工1") }, Actor::Soe, "2024-09-01"))
            .unwrap();
        assert!(t.outcomes.contains(&crate::Outcome::new(OutcomeKind::Warning, DIG_15_2, "not_entrusted")));
        let f = p.findings(d("2024-09-01"));
        assert!(f.iter().any(|f| f.code == "F-DIG-15.2" && f.detail == "not_entrusted"));
        assert!(p.findings(d("2024-08-31")).iter().all(|f| f.code != "F-DIG-15.2"));
        let t = p
            .apply(cmd(EntrustCenterSupervision { reference: r(DocKind::Contract, "委托") }, Actor::Soe, "2024-09-02"))
            .unwrap();
        assert_eq!(t.outcomes, vec![crate::Outcome::new(OutcomeKind::Finding, DIG_15_2, "late")]);
    }

    /// Source: DIG-26.2 — special bonds and large fiscal amounts (threshold IN) need a dedicated account opened before; DIG-26.1 — recorded by the soe or finance (DIG-9).
    #[test]
    fn dedicated_account() {
        let cfg = ctx_with(|c| c.large_fund_threshold = Some(crate::yuan!("30000000.00")));
        let mut p = registered_with(Funding::SpecialFund, cfg);
        let money = |amount: &str, source| {
            cmd(
                RecordDigFunding { account_ref: None, amount: crate::yuan!(amount), source },
                Actor::Finance,
                "2024-03-07",
            )
        };
        assert!(
            p.apply(money("29999999.99", FundSource::SpecialFund)).unwrap().outcomes.iter().all(|o| o.rule != DIG_26_2)
        );
        refused(&mut p, money("30000000.00", FundSource::SpecialFund), DIG_26_2, "no_dedicated_account");
        refused(&mut p, money("1.00", FundSource::SpecialBond), DIG_26_2, "no_dedicated_account");
        let mut by_drc = money("1.00", FundSource::SpecialFund);
        by_drc.actor = Actor::Drc;
        refused(&mut p, by_drc, DIG_26_1, "wrong_actor");
        let open = OpenDedicatedAccount {
            account_ref: r(DocKind::DedicatedAccount, "专户-001"),
            rules_ref: r(DocKind::Evidence, "监管办法1"),
            sources: vec![FundSource::SpecialFund],
        };
        p.apply(cmd(open, Actor::Soe, "2024-03-07")).unwrap();
        assert!(p.apply(money("30000000.00", FundSource::SpecialFund)).unwrap().outcomes.is_empty());
        // Naming another account does not satisfy the rule.
        let other = cmd(
            RecordDigFunding {
                account_ref: Some(r(DocKind::DedicatedAccount, "专户-999")),
                amount: crate::yuan!("30000000.00"),
                source: FundSource::SpecialFund,
            },
            Actor::Soe,
            "2024-03-07",
        );
        refused(&mut p, other, DIG_26_2, "no_dedicated_account");
        assert_eq!(p.ledger().funding_records.len(), 2);
    }

    /// Source: DIG-26.2 — RULES.md §3.4: 大额 is the project's cumulative fiscal money (this record included):
    /// 20,000,000.00 + 9,999,999.99 = 29,999,999.99 passes under a 30,000,000.00 threshold, 0.01 more reaches it and needs
    /// the dedicated account; the soe's own money never counts.
    #[test]
    fn dedicated_account_cumulative() {
        let cfg = ctx_with(|c| c.large_fund_threshold = Some(crate::yuan!("30000000.00")));
        let mut p = registered_with(Funding::SpecialFund, cfg);
        let money = |amount: &str, source| {
            cmd(
                RecordDigFunding { account_ref: None, amount: crate::yuan!(amount), source },
                Actor::Finance,
                "2024-03-07",
            )
        };
        for (amount, source) in [
            ("20000000.00", FundSource::SpecialFund),
            ("9999999.99", FundSource::HigherLevel),
            ("50000000.00", FundSource::SoeSelf),
        ] {
            let mut c = money(amount, source);
            if source == FundSource::SoeSelf {
                c.actor = Actor::Soe;
            }
            assert!(p.apply(c).unwrap().outcomes.is_empty());
        }
        refused(&mut p, money("0.01", FundSource::OtherFiscal), DIG_26_2, "no_dedicated_account");
        let t = p.apply(money("0.01", FundSource::OtherFiscal).mode(Mode::Record)).unwrap();
        assert_eq!(t.outcomes, vec![crate::Outcome::new(OutcomeKind::Finding, DIG_26_2, "no_dedicated_account")]);
    }

    /// Source: INV-55.1 — suspend, resume and stop exist only for budget-funded projects (AMB-25, AMB-37): DIG-14.5 refuses them for self-funded projects in both modes.
    #[test]
    fn inv55_budget_funded_only() {
        let suspend = || {
            cmd(
                SuspendDig { finding_ref: FindingRef::Code("F-INV-55.1#12".into()) },
                Actor::BigdataBureau,
                "2024-05-01",
            )
        };
        let mut p = at(Funding::SoeSelf, DigState::UnderConstruction);
        for mode in [Mode::Enforce, Mode::Record] {
            let before = p.clone();
            let (rule, detail) = rule_of(p.apply(suspend().mode(mode)).unwrap_err());
            assert_eq!((rule, detail.as_str()), (DIG_14_5, "self_funded"));
            assert_eq!(p, before);
        }
        let mut p = at(Funding::SpecialBond, DigState::UnderConstruction);
        refused(&mut p, suspend(), DIG_17_1, "no_inv_parts");
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        let t = p.apply(suspend()).unwrap();
        assert_eq!(t.to, "suspended");
        assert_eq!(t.outcomes, vec![crate::Outcome::new(OutcomeKind::Warning, DIG_32, "amb25_pending_ruling")]);
        assert!(t.rules.contains(&INV_55_1));
        let resume = |a| cmd(ResumeDig { rectify_ref: r(DocKind::Evidence, "整改1") }, a, "2024-06-01");
        refused(&mut p, resume(Actor::Drc), DIG_5, "wrong_actor");
        assert_eq!(p.apply(resume(Actor::BigdataBureau)).unwrap().to, "under_construction");
        let bad = cmd(StopDig { finding_ref: FindingRef::Code("F-INV-56#3".into()) }, Actor::Drc, "2024-06-02");
        assert!(matches!(p.apply(bad), Err(Error::Input(_))));
        let stop =
            cmd(StopDig { finding_ref: FindingRef::Doc(r(DocKind::Evidence, "检查1")) }, Actor::Drc, "2024-06-02");
        assert_eq!(p.apply(stop).unwrap().to, "stopped");
        assert!(p.obligations(d("2026-01-01")).is_empty(), "a stop ends the assessment duties");
    }

    /// Source: DIG-14.5 — INV events on a self-funded project are refused (AMB-25: such projects never use INV).
    #[test]
    fn inv_parts_gate() {
        let mut p = registered(Funding::SoeSelf);
        let inv = crate::investment::events::WithdrawProject { reason: "x".into() };
        let c = Command::new(
            Stream::project(MachineId::Inv, PID),
            crate::investment::InvEvent::from(inv),
            Actor::Soe,
            d("2024-01-01"),
        );
        let (rule, detail) = rule_of(p.apply(c.clone().mode(Mode::Record)).unwrap_err());
        assert_eq!((rule, detail.as_str()), (DIG_14_5, "self_funded"));
        let mut q = registered(Funding::SpecialBond);
        assert_eq!(rule_of(q.apply(c).unwrap_err()).0, DIG_17_1);
    }

    #[test]
    fn withdraw_and_terminal() {
        let mut p = at(Funding::SpecialFund, DigState::UnderConstruction);
        assert_eq!(p.obligations(d("2024-04-01")).len(), 2);
        let w =
            cmd(WithdrawDigProject { reason: "merged into another system".into() }, Actor::DemandUnit, "2024-04-01");
        assert_eq!(p.apply(w.clone()).unwrap().to, "withdrawn");
        assert!(p.obligations(d("2026-01-01")).is_empty());
        assert!(matches!(p.apply(w), Err(Error::Transition(ref e)) if e.detail == "terminal"));
        // Manual findings and exceptions still go in.
        let m = RecordManualFinding {
            detail: "funds_misused".into(),
            reference: r(DocKind::Evidence, "审计1"),
            rule_id: DIG_26_1,
        };
        p.apply(cmd(m, Actor::Audit, "2024-05-01")).unwrap();
        assert!(
            p.findings(d("2024-05-01"))
                .iter()
                .any(|f| f.code == "F-DIG-26.1" && f.source == crate::finding::FindingSource::Manual)
        );
    }

    /// Source: DIG-16.5 — the happy path reaches in_operation; replay rebuilds the same project; tampering is detected (F-INV-57).
    #[test]
    fn replay_round_trip() {
        let p = at(Funding::SoeSelf, DigState::InOperation);
        let (q, report) =
            DigitalProject::replay_with(Context::default(), p.log().entries(), approved_inputs(&[PID])).unwrap();
        assert_eq!(q, p);
        assert!(report.differences.is_empty());
        // Without the cycle inputs the stored targets stand; differences are reported.
        let (q, report) = DigitalProject::replay(Context::default(), p.log()).unwrap();
        assert_eq!(q.state(), p.state());
        assert!(report.differences.iter().any(|d| d.rejudged.iter().any(|o| o.rule == DIG_13_3)));
        assert_eq!(DigitalProject::from_json(&p.to_json()).unwrap(), p);
        let tampered = p.log().to_json().replace("11800000.00", "21800000.00");
        assert_eq!(Log::from_json(&tampered).unwrap_err().reason, InputReason::BrokenChain);
        assert_eq!(p.state_json()["state"], "in_operation");
        assert!(p.mermaid().contains("class in_operation current"));
    }

    /// Source: DIG-13.3 — the project code is stamped on every entry; another code is an input error.
    #[test]
    fn project_code_on_every_entry() {
        let mut p = DigitalProject::new(Context::default());
        p.set_cycle_inputs(approved_inputs(&[PID]));
        let mut f = registration(Funding::SoeSelf);
        f.project_code = Some("2309-411300-04-01-000777".into());
        p.apply(cmd(f, Actor::DemandUnit, "2023-09-01")).unwrap();
        drive(&mut p, Funding::SoeSelf, DigState::Tasked);
        assert!(p.log().entries().iter().all(|e| e.project_code() == Some("2309-411300-04-01-000777")));
        let wrong = happy_steps(Funding::SoeSelf).remove(2).code("9999");
        assert!(matches!(p.apply(wrong), Err(Error::Input(ref e)) if e.path == "project_code"));
        let mut q = registered(Funding::SoeSelf);
        let coded = happy_steps(Funding::SoeSelf).remove(0).code("2309");
        assert!(matches!(q.apply(coded), Err(Error::Input(_))));
    }

    #[test]
    fn input_errors() {
        let mut p = registered(Funding::SoeSelf);
        let early = happy_steps(Funding::SoeSelf).remove(0);
        let mut c = early.clone();
        c.date = d("2023-08-01");
        assert!(matches!(p.apply(c), Err(Error::Input(ref e)) if e.reason == InputReason::DateBeforeLog));
        let mut c = early.clone();
        c.stream = Stream::project(MachineId::Dig, "D2");
        assert!(matches!(p.apply(c), Err(Error::Input(ref e)) if e.reason == InputReason::WrongStream));
        let cycle_event = crate::digital::events::IssuePlanOpinion { reference: r(DocKind::PlanOpinion, "x") };
        let c = Command::new(
            Stream::project(MachineId::DigCycle, PID),
            DigCycleEvent::from(cycle_event),
            Actor::BigdataCenter,
            d("2024-01-01"),
        );
        assert!(matches!(p.apply(c), Err(Error::Input(_))));
        // A transition error for an event not valid in the state.
        let sign =
            cmd(SignOff { signature_ref: r(DocKind::CompletionAcceptance, "签字") }, Actor::DemandUnit, "2024-01-01");
        assert!(matches!(p.apply(sign), Err(Error::Transition(ref e)) if e.state == "registered"));
        let json = r#"{"stream":{"machine":"dig","project_id":"D1","instance":"D1"},"event":"start_construction","actor":"soe","date":"2024-01-01","facts":{"builder":"soe","date":"2024-01-01","extra":1}}"#;
        assert!(matches!(p.apply_json(json), Err(Error::Input(ref e)) if e.reason == InputReason::UnknownField));
        let start_later = cmd(
            StartDigConstruction { basis_17_2: None, builder: Builder::Soe, date: d("2024-05-01") },
            Actor::Soe,
            "2024-04-01",
        );
        let mut q = at(Funding::SoeSelf, DigState::FsrApproved);
        assert!(matches!(q.apply(start_later), Err(Error::Input(_))));
    }
}
