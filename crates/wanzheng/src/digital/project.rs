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

use chrono::{Datelike, NaiveDate};

use crate::actor::Actor;
use crate::config::{Context, SecurityReviewScope};
use crate::digital::cycle::{CycleInputs, DigCycleState, construction_mode_ok};
use crate::digital::events::{
    ApproveDigFsr, Builder, CenterDecision, CenterReviewFsr, CompileFsr, CompleteConstruction, ConfirmDemand,
    DecideEmergencyMode, DigEvent, DrcFilingKind, EmergencyAdd, EntrustCenterSupervision, FindingRef, FormProposedList,
    Funding, IssueTaskBook, ModifyDemandPlan, RefuseFsr, RegisterDigProject, ResumeDig, SecurityReviewResult,
    StartDigConstruction, StopDig, SubmitDemandPlan, SuspendDig, WithdrawDigProject,
};
use crate::digital::funding::{self, Regime, regime_of};
use crate::digital::ledger::{DigLedger, DigRegistration, EmergencyModeRecord, EmergencyRecord};
use crate::digital::lifecycle::{DigMachine, DigState};
use crate::digital::roles;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::ExceptionBook;
use crate::finding::Finding;
use crate::investment::project::{ReplayDifference, ReplayReport, Step};
use crate::investment::route::Level;
use crate::log::{Command, Log, LogEntry, MachineId, Stream, verify_chain};
use crate::machine::{ActorSpec, Machine, row_allows, row_of};
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::{Judge, Transition};
use crate::rules::*;

/// One command as a handler sees it.
pub(crate) struct Call<'a> {
    /// The command.
    pub(crate) cmd: &'a Command,
    /// The seq its entry gets.
    pub(crate) seq: u32,
    /// Re-judging a stored entry (replay): never reject.
    pub(crate) force: bool,
    /// On replay, the stored to-state (authoritative where the target depends on inputs).
    pub(crate) stored_to: Option<&'static str>,
    /// The state before.
    pub(crate) from: &'static str,
    /// The row's actor.
    pub(crate) actor: ActorSpec,
}

/// The duty name of the DIG-21 assessment obligations (subject `mlps` or `crypto`).
pub(crate) const ASSESSMENT_DUTY: &str = "security_assessment";

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
    pub(crate) log: Log,
}

/// Two projects are equal when their logs, states, ledgers, exceptions and obligations are; the
/// cycle inputs are inputs, not part of the project.
impl PartialEq for DigitalProject {
    fn eq(&self, o: &Self) -> bool {
        self.project_id == o.project_id
            && self.state == o.state
            && self.ledger == o.ledger
            && self.exceptions == o.exceptions
            && self.obligations == o.obligations
            && self.log == o.log
    }
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
            log: Log::new(),
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

    /// Replaces the cycle views (the workspace does this after each cycle command).
    pub fn set_cycle_inputs(&mut self, cycles: CycleInputs) {
        self.cycles = cycles;
    }

    /// Applies one command (RULES.md §1.6). See the module docs for the pipeline.
    ///
    /// # Errors
    /// [`Error::Input`], [`Error::Transition`] or [`Error::Rule`]; the project is then unchanged.
    pub fn apply(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.apply_inner(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`DigitalProject::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    fn apply_inner(&mut self, cmd: Command, replay: Option<&LogEntry>) -> Result<Transition, Error> {
        self.log.check_date(cmd.date)?;
        let cmd = self.stamp_code(cmd)?;
        let seq = self.log.next_seq();
        let step = self.step(&cmd, seq, replay)?;
        self.exceptions.consume(&step.verdict.exceptions_used);
        let Step { verdict, from, to } = step;
        let machine = cmd.event.machine();
        let event = cmd.event.name();
        match replay {
            None => {
                self.log.append(cmd, verdict.outcomes.clone(), from, to, self.ctx.config_id());
            }
            Some(entry) => self.log.push_verified(entry.clone()),
        }
        Ok(Transition {
            seq,
            machine: machine.as_str().into(),
            event: event.into(),
            from: from.into(),
            to: to.into(),
            rules: verdict.rules,
            outcomes: verdict.outcomes,
            exceptions_used: verdict.exceptions_used,
        })
    }

    /// The project code on every entry of a project that has one (AMB-40): stamped when absent,
    /// a different code is an input error.
    fn stamp_code(&self, mut cmd: Command) -> Result<Command, InputError> {
        let expected = match (&self.ledger.registration, &cmd.event) {
            (Some(r), _) => r.project_code.clone(),
            (None, Event::Dig(DigEvent::RegisterDigProject(p))) => p.project_code.clone(),
            (None, _) => None,
        };
        match (&cmd.project_code, expected) {
            (None, Some(code)) => cmd.project_code = Some(code),
            (Some(c), Some(e)) if *c != e => {
                return Err(InputError::new(
                    "project_code",
                    InputReason::WrongStream,
                    format!("project_code {c:?} differs from the project's {e:?}"),
                ));
            }
            (Some(c), None) => {
                return Err(InputError::new(
                    "project_code",
                    InputReason::InvalidValue,
                    format!("project_code {c:?} given for a project registered without one"),
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
                self.inv_parts_gate(cmd, replay.is_some())?;
                Err(TransitionError::new(
                    cmd.event.machine().as_str(),
                    self.state_name(),
                    cmd.event.name(),
                    "not_yet_supported",
                )
                .into())
            }
            Event::Plan(_) | Event::DigCycle(_) => Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!("a digital project takes dig events (and INV parts), not {}", cmd.event.machine()),
            )
            .into()),
        }
    }

    /// The INV parts (AMB-25) exist only for budget-funded projects with the switch on: self-funded
    /// projects are refused with DIG-14.5, other projects with DIG-17.1, in both modes.
    pub(crate) fn inv_parts_gate(&self, cmd: &Command, force: bool) -> Result<(), Error> {
        let Some(funding) = self.ledger.funding() else {
            return Err(TransitionError::new(
                cmd.event.machine().as_str(),
                NO_STATE,
                cmd.event.name(),
                "unknown_instance",
            )
            .into());
        };
        let mut j = if force {
            Judge::replaying(cmd.mode, cmd.event.name(), &self.exceptions)
        } else {
            Judge::new(cmd.mode, cmd.event.name(), &self.exceptions)
        };
        if funding.is_self_funded() {
            j.scope(DIG_14_5, false, "self_funded");
        } else {
            j.scope(DIG_17_1, funding::inv_parts(funding, self.ctx.config()), "no_inv_parts");
        }
        j.verdict()?;
        Ok(())
    }

    fn state_name(&self) -> &'static str {
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
                format!("command for project {pid:?} applied to project {:?}", self.project_id),
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
        let mut ok = roles::actor_allowed(c.actor, cmd.actor, self.ledger.suspended_by);
        if matches!(cmd.event.name(), "register_dig_project" | "submit_demand_plan" | "modify_demand_plan") {
            ok &= cmd.actor == if basic { Actor::BigdataCenter } else { Actor::DemandUnit };
        }
        if cmd.actor == Actor::DemandUnit {
            ok &= cmd.actor_org == demand_org;
        }
        ok
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
        let rule = roles::actor_rule(c.cmd.event.name(), basic);
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
        let row =
            row_of::<DigMachine>(name).ok_or_else(|| TransitionError::new("dig", state_name, name, "no_table_row"))?;
        if !row_allows::<DigMachine>(row, self.state) {
            let detail = if self.state.is_some_and(|s| DigMachine::terminal().contains(&s)) { "terminal" } else { "" };
            return Err(TransitionError::new("dig", state_name, name, detail).into());
        }
        let c = Call {
            cmd,
            seq,
            force: replay.is_some(),
            stored_to: replay.map(|r| r.to),
            from: state_name,
            actor: row.actor,
        };
        match e {
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
                Ok(Step { verdict, from: c.from, to: c.from })
            }
            DigEvent::RecordManualFinding(p) => self.record_manual_finding(p, &c),
            DigEvent::WithdrawProject(p) => self.withdraw(p, &c),
            DigEvent::Suspend(p) => self.suspend(p, &c),
            DigEvent::Resume(p) => self.resume(p, &c),
            DigEvent::Stop(p) => self.stop(p, &c),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Registration and demand (DIG-3, 13, 31, 32)
    // -----------------------------------------------------------------------------------------

    fn register(&mut self, p: &RegisterDigProject, c: &Call<'_>) -> Result<Step, Error> {
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
            let rule = roles::actor_rule("register_dig_project", p.basic_supporting);
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
        let to = match regime {
            Regime::Legacy => DigState::DigLegacy,
            Regime::New => DigState::Registered,
        };
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    fn submit_demand_plan(&mut self, p: &SubmitDemandPlan, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(DigState::DemandSubmitted);
        Ok(Step { verdict, from: c.from, to: DigState::DemandSubmitted.as_str() })
    }

    fn modify_demand_plan(&mut self, p: &ModifyDemandPlan, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::optional_ref(p.demonstration_ref.as_ref(), "facts.demonstration_ref")?;
        roles::optional_ref(p.consent_ref.as_ref(), "facts.consent_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.5: 论证通过 by the center AND 同意 by the bureau, both before the modification.
            funding::judge_demand_change(
                &mut j,
                roles::consent_by(p.demonstration_ref.as_ref(), Actor::BigdataCenter),
                roles::consent_by(p.consent_ref.as_ref(), Actor::BigdataBureau),
            );
            j.verdict()?
        };
        self.ledger.demand_modifications += 1;
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    fn issue_task_book(&mut self, p: &IssueTaskBook, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.task_book_ref, "facts.task_book_ref")?;
        let funding = self.funding()?;
        let year = self.ledger.plan_year.unwrap_or_else(|| c.cmd.date.year());
        let view = self.cycles.year(year);
        let cycle_approved = view.is_some_and(|v| v.state == DigCycleState::TasksApproved);
        let approved = view.is_some_and(|v| v.tasks(&self.project_id));
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.3: tasks come from the cycle approved by the executive meeting.
            j.require(DIG_13_3, cycle_approved, "cycle_not_approved");
            if approved {
                let drafted = view.and_then(|v| v.modes.get(&self.project_id)).copied();
                j.require(DIG_13_3, drafted.is_none_or(|m| m == p.construction_mode), "differs_from_tasks");
            }
            // DIG-5: the construction mode suits the project's funding (17.2).
            j.require(DIG_5, construction_mode_ok(p.construction_mode, funding), "construction_mode");
            j.verdict()?
        };
        // Tasked when approved; a task book issued without an approved cycle (record mode) tasks the
        // project as a fact on the ground. On replay the stored target stands.
        let tasked = match c.stored_to {
            Some(to) => to == DigState::Tasked.as_str(),
            None => approved || !cycle_approved,
        };
        let to = if tasked {
            self.ledger.task_book = Some(p.task_book_ref.clone());
            self.ledger.construction_mode = Some(p.construction_mode);
            DigState::Tasked
        } else {
            DigState::NotTasked
        };
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    fn emergency_add(&mut self, p: &EmergencyAdd, c: &Call<'_>) -> Result<Step, Error> {
        roles::optional_ref(p.consent_leader_bigdata.as_ref(), "facts.consent_leader_bigdata")?;
        roles::optional_ref(p.consent_vice_mayor.as_ref(), "facts.consent_vice_mayor")?;
        let leader = roles::consent_by(p.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata);
        let vice = roles::consent_by(p.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor);
        let (verdict, ok) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-13.7 (R part): urgent deployment or sudden event, and BOTH leaders' consents.
            let ok = funding::judge_emergency_add(&mut j, p.urgent_deployment, p.sudden_event, leader, vice);
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
        self.state = Some(DigState::Tasked);
        Ok(Step { verdict, from: c.from, to: DigState::Tasked.as_str() })
    }

    fn decide_emergency_mode(&mut self, p: &DecideEmergencyMode, c: &Call<'_>) -> Result<Step, Error> {
        roles::optional_ref(p.consent_leader_bigdata.as_ref(), "facts.consent_leader_bigdata")?;
        roles::optional_ref(p.consent_vice_mayor.as_ref(), "facts.consent_vice_mayor")?;
        let funding = self.funding()?;
        let leader = roles::consent_by(p.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata);
        let vice = roles::consent_by(p.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor);
        let (urgent, sudden) =
            self.ledger.emergency.as_ref().map(|e| (e.urgent_deployment, e.sudden_event)).unwrap_or((false, false));
        let (verdict, ok) = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-18: 在补列入年度计划的基础上 — only for projects added under DIG-13.7.
            let added = j.require(DIG_18, self.ledger.is_emergency(), "not_added");
            let ok18 = funding::judge_emergency_18(&mut j, urgent, p.deadline_and_assessment, sudden, leader, vice);
            j.require(DIG_5, construction_mode_ok(p.construction_mode, funding), "construction_mode");
            (j.verdict()?, added && ok18)
        };
        self.ledger.emergency_mode = Some(EmergencyModeRecord {
            deadline_and_assessment: p.deadline_and_assessment,
            construction_mode: p.construction_mode,
            consent_leader_bigdata: p.consent_leader_bigdata.clone(),
            consent_vice_mayor: p.consent_vice_mayor.clone(),
            ok,
        });
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    // -----------------------------------------------------------------------------------------
    // Approval chain (DIG-14)
    // -----------------------------------------------------------------------------------------

    fn form_proposed_list(&mut self, p: &FormProposedList, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.list_ref, "facts.list_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.1: the soe together with the big data center.
            j.require(DIG_14_1, roles::has_co_actor(c.cmd, Actor::BigdataCenter), "missing_co_actor");
            j.verdict()?
        };
        self.ledger.proposed_list = Some(p.list_ref.clone());
        self.state = Some(DigState::Listed);
        Ok(Step { verdict, from: c.from, to: DigState::Listed.as_str() })
    }

    fn confirm_demand(&mut self, p: &ConfirmDemand, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.written_ref, "facts.written_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_2);
            j.verdict()?
        };
        self.ledger.demand_confirmation = Some(p.written_ref.clone());
        self.state = Some(DigState::DemandConfirmed);
        Ok(Step { verdict, from: c.from, to: DigState::DemandConfirmed.as_str() })
    }

    fn compile_fsr(&mut self, p: &CompileFsr, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.fsr_ref, "facts.fsr_ref")?;
        let funding = self.funding()?;
        if p.funding != funding {
            return Err(InputError::new(
                "facts.funding",
                InputReason::InvalidValue,
                format!("the FSR's funding {} differs from the registered {}", p.funding.as_str(), funding.as_str()),
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.2: only after the demand unit's written confirmation.
            j.require(DIG_14_2, self.state == Some(DigState::DemandConfirmed), "no_written_confirmation");
            // DIG-14.3, 6: the soe compiles the FSR together with the demand unit.
            j.require(DIG_14_3, self.demand_unit_joins(c.cmd), "missing_co_actor");
            j.trace(DIG_6);
            j.trace(DIG_25);
            j.verdict()?
        };
        self.ledger.fsr = Some(p.fsr_ref.clone());
        self.ledger.fsr_total = Some(p.total);
        self.ledger.center_consent = false;
        self.state = Some(DigState::FsrDrafted);
        Ok(Step { verdict, from: c.from, to: DigState::FsrDrafted.as_str() })
    }

    fn center_review_fsr(&mut self, p: &CenterReviewFsr, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        if p.decision == CenterDecision::Refuse {
            roles::require_text(p.reasons.as_deref().unwrap_or_default(), "facts.reasons")?;
        }
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_4);
            j.verdict()?
        };
        let to = match p.decision {
            CenterDecision::Consent => {
                self.ledger.center_consent = true;
                DigState::FsrCenterCleared
            }
            CenterDecision::Refuse => {
                self.ledger.center_consent = false;
                DigState::DemandConfirmed
            }
        };
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    fn approve_fsr(&mut self, p: &ApproveDigFsr, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-14.4: the bureau approves only after the center's consent.
            j.require(DIG_14_4, self.state == Some(DigState::FsrCenterCleared), "no_center_consent");
            j.trace(DIG_5);
            j.verdict()?
        };
        // AMB-25: the approved FSR total is A = A0 of the INV parts.
        self.ledger.approved_total = Some(p.total);
        self.ledger.approval = Some(p.reference.clone());
        self.state = Some(DigState::FsrApproved);
        Ok(Step { verdict, from: c.from, to: DigState::FsrApproved.as_str() })
    }

    fn refuse_fsr(&mut self, p: &RefuseFsr, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        roles::require_text(&p.reasons, "facts.reasons")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.trace(DIG_14_4);
            j.verdict()?
        };
        self.ledger.center_consent = false;
        self.state = Some(DigState::DemandConfirmed);
        Ok(Step { verdict, from: c.from, to: DigState::DemandConfirmed.as_str() })
    }

    // -----------------------------------------------------------------------------------------
    // Construction (DIG-2.2, 3.2, 3.3, 11, 14.5, 15, 17.2, 18, 24.2, 25)
    // -----------------------------------------------------------------------------------------

    fn entrust(&mut self, p: &EntrustCenterSupervision, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-15.2 (AMB-45): due by complete_construction; later → finding `late`.
            j.finding(DIG_15_2, self.ledger.completed_on.is_none(), "late");
            j.verdict()?
        };
        if self.ledger.entrusted_on.is_none() {
            self.ledger.entrusted_on = Some(c.cmd.date);
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    fn start_construction(&mut self, p: &StartDigConstruction, c: &Call<'_>) -> Result<Step, Error> {
        roles::optional_ref(p.basis_17_2.as_ref(), "facts.basis_17_2")?;
        if p.date > c.cmd.date {
            return Err(InputError::new(
                "facts.date",
                InputReason::InvalidValue,
                "the start date is after the command's date",
            )
            .into());
        }
        let funding = self.funding()?;
        let due = self.assessment_due(p.date)?;
        let year = self.ledger.plan_year.unwrap_or_else(|| c.cmd.date.year());
        let reg = self.ledger.registration.as_ref();
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // The soe builds; anybody else acts as the demand unit (fund user, department).
            j.require(DIG_15_1, (p.builder == Builder::Soe) == (c.cmd.actor == Actor::Soe), "wrong_actor");
            let approved = self.state == Some(DigState::FsrApproved);
            match &self.ledger.emergency_mode {
                // DIG-18: 一事一议 — the case-by-case decision with both consents replaces the DIG-14 chain.
                Some(m) => {
                    let (u, s) = self
                        .ledger
                        .emergency
                        .as_ref()
                        .map(|e| (e.urgent_deployment, e.sudden_event))
                        .unwrap_or((false, false));
                    j.require(DIG_18, self.ledger.is_emergency(), "not_added");
                    funding::judge_emergency_18(
                        &mut j,
                        u,
                        m.deadline_and_assessment,
                        s,
                        roles::consent_by(m.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata),
                        roles::consent_by(m.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor),
                    );
                }
                // DIG-15.1, 25: build per the task book and the approved FSR.
                None => {
                    j.require(DIG_15_1, approved, "no_approved_fsr");
                    j.require(DIG_25, approved, "no_approved_fsr");
                }
            }
            // DIG-13.7: an emergency project never starts without both consents.
            if let Some(e) = &self.ledger.emergency {
                funding::judge_emergency_add(
                    &mut j,
                    e.urgent_deployment,
                    e.sudden_event,
                    roles::consent_by(e.consent_leader_bigdata.as_ref(), Actor::LeaderBigdata),
                    roles::consent_by(e.consent_vice_mayor.as_ref(), Actor::ExecutiveViceMayor),
                );
            }
            // DIG-14.5 (AMB-31): a self-funded project is filed with the drc before it starts.
            if funding.is_self_funded() {
                j.require(DIG_14_5, self.ledger.drc_filing == Some(DrcFilingKind::Filing), "not_filed");
            }
            // DIG-24.2: soe-raised money is executed only within the approved soe investment plan.
            if funding.is_soe_raised() {
                j.require(DIG_24_2, self.cycles.soe_plan_approved(year), "plan_not_approved");
            }
            // DIG-3.3: a county's plan is implemented only after the bureau's review.
            if let Some(r) = reg.filter(|r| r.level == Level::County) {
                let county = r.county.as_deref().unwrap_or_default();
                j.require(DIG_3_3, self.cycles.county_reviewed(year, county), "county_plan_not_reviewed");
            }
            // DIG-17.2: the fund user may build only with higher-level funds carrying special requirements.
            let basis = p.basis_17_2.is_some();
            if basis {
                j.require(DIG_17_2, funding == Funding::HigherLevelSpecial, "not_higher_level_special");
            }
            let basis_ok = basis && funding == Funding::HigherLevelSpecial;
            // DIG-2.2 (D): the soe implements; DIG-3.2 (D): departments do not build themselves.
            j.default_rule(DIG_2_2, p.builder == Builder::Soe || basis_ok, "builder_not_soe");
            if p.builder == Builder::Department {
                j.default_rule(DIG_3_2, basis_ok, "department_builds");
            }
            // DIG-15.2 (AMB-45): not a start condition; warn until the center is entrusted.
            j.warn(DIG_15_2, self.ledger.entrusted_on.is_some(), "not_entrusted");
            j.verdict()?
        };
        self.ledger.construction_started = Some(p.date);
        self.ledger.builder = Some(p.builder);
        for kind in ["mlps", "crypto"] {
            self.obligations.cancel(ASSESSMENT_DUTY, kind);
            self.obligations.open(c.seq, DIG_21, ASSESSMENT_DUTY, kind, c.cmd.date, due);
        }
        self.state = Some(DigState::UnderConstruction);
        Ok(Step { verdict, from: c.from, to: DigState::UnderConstruction.as_str() })
    }

    /// Whether the project needs a network security review (DIG-11, `security_review_scope`).
    pub(crate) fn review_in_scope(&self) -> bool {
        match &self.ctx.config().security_review_scope {
            SecurityReviewScope::All => true,
            SecurityReviewScope::Kinds(kinds) => {
                self.ledger.funding().is_some_and(|f| kinds.iter().any(|k| k == f.as_str()))
            }
        }
    }

    fn complete_construction(&mut self, p: &CompleteConstruction, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.reference, "facts.ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            // DIG-15.2 (AMB-45): the entrustment is due by completion.
            j.warn(DIG_15_2, self.ledger.entrusted_on.is_some(), "not_entrusted");
            // DIG-11: the cyberspace office's review, when in scope, is on record and not failed.
            if self.review_in_scope() {
                match self.ledger.security_review {
                    None => j.require(DIG_11, false, "no_security_review"),
                    Some(SecurityReviewResult::Fail) => j.require(DIG_11, false, "security_review_failed"),
                    Some(SecurityReviewResult::Pass | SecurityReviewResult::NotApplicable) => {
                        j.require(DIG_11, true, "")
                    }
                };
            } else {
                j.trace(DIG_11);
            }
            j.verdict()?
        };
        self.ledger.completed_on = Some(c.cmd.date);
        self.state = Some(DigState::ConstructionCompleted);
        Ok(Step { verdict, from: c.from, to: DigState::ConstructionCompleted.as_str() })
    }

    // -----------------------------------------------------------------------------------------
    // Withdrawal and INV-55 acts of budget-funded projects (AMB-25, AMB-37)
    // -----------------------------------------------------------------------------------------

    fn withdraw(&mut self, p: &WithdrawDigProject, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_text(&p.reason, "facts.reason")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_actor(&mut j, c);
            j.verdict()?
        };
        self.end_obligations();
        self.state = Some(DigState::Withdrawn);
        Ok(Step { verdict, from: c.from, to: DigState::Withdrawn.as_str() })
    }

    fn end_obligations(&mut self) {
        for kind in ["mlps", "crypto"] {
            self.obligations.cancel(ASSESSMENT_DUTY, kind);
        }
    }

    /// INV-55 acts exist only for budget-funded projects (AMB-25): refused in both modes otherwise;
    /// they carry the AMB-25 warning until the ruling is configured.
    fn judge_inv55(&self, j: &mut Judge<'_>, c: &Call<'_>) -> Result<(), Error> {
        let funding = self.funding()?;
        if funding.is_self_funded() {
            j.scope(DIG_14_5, false, "self_funded");
        } else {
            j.scope(DIG_17_1, funding::inv_parts(funding, self.ctx.config()), "no_inv_parts");
        }
        self.judge_actor(j, c);
        for r in [INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6] {
            j.trace(r);
        }
        funding::warn_amb25(j, self.ctx.config());
        Ok(())
    }

    fn suspend(&mut self, p: &SuspendDig, c: &Call<'_>) -> Result<Step, Error> {
        check_finding_ref(&p.finding_ref)?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.ledger.suspended_by = Some(c.cmd.actor);
        self.state = Some(DigState::Suspended);
        Ok(Step { verdict, from: c.from, to: DigState::Suspended.as_str() })
    }

    fn resume(&mut self, p: &ResumeDig, c: &Call<'_>) -> Result<Step, Error> {
        roles::require_ref(&p.rectify_ref, "facts.rectify_ref")?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.ledger.suspended_by = None;
        self.state = Some(DigState::UnderConstruction);
        Ok(Step { verdict, from: c.from, to: DigState::UnderConstruction.as_str() })
    }

    fn stop(&mut self, p: &StopDig, c: &Call<'_>) -> Result<Step, Error> {
        check_finding_ref(&p.finding_ref)?;
        let verdict = {
            let mut j = self.judge(c);
            self.judge_inv55(&mut j, c)?;
            j.verdict()?
        };
        self.end_obligations();
        self.ledger.suspended_by = None;
        self.state = Some(DigState::Stopped);
        Ok(Step { verdict, from: c.from, to: DigState::Stopped.as_str() })
    }

    // -----------------------------------------------------------------------------------------
    // Public API: obligations, findings, JSON, replay, diagrams
    // -----------------------------------------------------------------------------------------

    /// The open and overdue obligations as of `as_of` (RULES.md §1.7): the DIG-21 assessments.
    pub fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        self.obligations.open_as_of(as_of)
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
            "log_len": self.log.len(),
            "head": self.log.head(),
        })
    }

    /// Rebuilds a project from its log (RULES.md §1.7): verifies the chain, re-applies every entry
    /// (stored outcomes and to-states stay authoritative) and reports where re-judging under `ctx`
    /// differs. Cycle-dependent guards are re-judged without cycle inputs; use
    /// [`DigitalProject::replay_with`] to supply them.
    ///
    /// # Errors
    /// [`Error::Input`] with reason `broken_chain` when the chain does not verify; any error of an
    /// entry that cannot be re-applied.
    pub fn replay(ctx: Context, log: &Log) -> Result<(DigitalProject, ReplayReport), Error> {
        Self::replay_entries(ctx, log.entries())
    }

    /// As [`DigitalProject::replay`] over a slice of entries.
    ///
    /// # Errors
    /// As [`DigitalProject::replay`].
    pub fn replay_entries(ctx: Context, entries: &[LogEntry]) -> Result<(DigitalProject, ReplayReport), Error> {
        Self::replay_with(ctx, entries, CycleInputs::default())
    }

    /// As [`DigitalProject::replay_entries`], re-judging with the given cycle inputs.
    ///
    /// # Errors
    /// As [`DigitalProject::replay`].
    pub fn replay_with(
        ctx: Context,
        entries: &[LogEntry],
        cycles: CycleInputs,
    ) -> Result<(DigitalProject, ReplayReport), Error> {
        verify_chain(entries).map_err(crate::digital::findings::broken_chain)?;
        let mut p = DigitalProject::new(ctx);
        p.cycles = cycles;
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

    /// The project as JSON: `{"schema_version":1,"machine":"dig","config":{…},"log":[…]}` (rebuilt by replay).
    pub fn to_json(&self) -> String {
        crate::digital::machine_json("dig", &self.ctx, &self.log)
    }

    /// Rebuilds a project from [`DigitalProject::to_json`] output (embedded calendar).
    ///
    /// # Errors
    /// [`Error::Input`] for malformed JSON or a broken chain; replay errors.
    pub fn from_json(json: &str) -> Result<DigitalProject, Error> {
        let (ctx, log) = crate::digital::parse_machine_json(json)?;
        Ok(Self::replay(ctx, &log)?.0)
    }

    /// The stream of this project.
    pub fn stream(&self) -> Stream {
        Stream::project(MachineId::Dig, &self.project_id)
    }

    /// A Mermaid diagram of the machine with the current state highlighted.
    pub fn mermaid(&self) -> String {
        crate::machine::mermaid::<DigMachine>(self.state)
    }
}

/// An INV-55 act cites a 55.x finding `F-INV-55.<1–6>#<seq>` or a document (AMB-37).
fn check_finding_ref(r: &FindingRef) -> Result<(), InputError> {
    match r {
        FindingRef::Doc(d) => roles::require_ref(d, "facts.finding_ref"),
        FindingRef::Code(s) => {
            let ok = s.strip_prefix("F-INV-55.").and_then(|rest| rest.split_once('#')).is_some_and(|(n, seq)| {
                matches!(n, "1" | "2" | "3" | "4" | "5" | "6")
                    && !seq.is_empty()
                    && seq.bytes().all(|b| b.is_ascii_digit())
            });
            if ok {
                Ok(())
            } else {
                Err(InputError::new(
                    "facts.finding_ref",
                    InputReason::InvalidValue,
                    format!("{s:?} is not an F-INV-55.x#seq citation"),
                ))
            }
        }
    }
}
