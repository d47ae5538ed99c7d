//! `InvestmentProject`: the `inv` machine with its sub-machines, ledger and log.
//!
//! Every command goes through one pipeline ([`InvestmentProject::apply`]):
//!
//! 1. input checks (date not before the log, stream belongs to this project);
//! 2. the transition table row (state valid for the event, else `TransitionError`);
//! 3. the judgment — actor and every guard, read-only, all violations collected
//!    ([`Judge`]), then the mode decides (`enforce` rejects on any violation);
//! 4. the commit — ledger, state, obligations, exceptions — infallible;
//! 5. the log entry with its hash.
//!
//! Handlers keep steps 3 and 4 apart: the judgment borrows `&self` inside a
//! block that ends with `verdict()?`, so a rejected command cannot have
//! changed anything.

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::actor::DocRef;
use crate::anchor::ReplayOptions;
use crate::config::Context;
use crate::config::ReviewKind;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::{self, Authority, ExceptionBook};
use crate::finding::{self, Finding};
use crate::investment::events::{
    ConstructionMode, FundingMode, ImportLegacy, InvEvent, InvEventKind, MilestoneNode, Nature, RegisterProject,
    UnitKind, WithdrawProject,
};
use crate::investment::funding::judge_funding_mode;
use crate::investment::ledger::{Contract, Ledger, Lot, Registration};
use crate::investment::lifecycle::{self, InvMachine, InvState};
use crate::investment::plan::PlanInputs;
use crate::investment::route::{Level, RouteFlags, approval_route_in};
use crate::investment::submachine::PartsHost;
use crate::log::{Command, Id, Log, LogEntry, MachineId, Stream};
use crate::machine::kernel::{Call, Next, Parts, Pipeline, ReplayReport, Step, settle};
use crate::machine::{ActorSpec, LoggedStream, Machine, Standing, row_allows, row_of_at};
use crate::money::Yuan;
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::{Judge, Transition};
use crate::outcome::{Mode, Outcome, OutcomeKind};
use crate::rule::RuleId;
use crate::rules::*;

/// The `inv` events a budget-funded DIG project runs on its own log (AMB-25, RULES.md §3.2.3).
pub(crate) const PARTS_EVENTS: &[&str] = &[
    "award_contract",
    "certify_completed_investment",
    "draw_contingency",
    "request_payment",
    "approve_payment",
    "disburse_payment",
    "suspend_funding",
    "resume_funding",
    "recover_funds",
    "report_incident",
    "open_liability_case",
    "decide_recourse",
    // Exceptions to INV D-rules judged in the parts (12.2, 23.2, 37.2) are recorded on the parts.
    "record_exception",
];

/// Duties whose overdue finding RULES.md §3.4 names (others: `overdue`): F-INV-37.3
/// `surplus_not_returned`, F-INV-52.2 `not_disclosed`.
const OVERDUE_DETAILS: &[(&str, &str)] = &[("surplus_return", "surplus_not_returned"), ("disclosure", "not_disclosed")];

/// A required text must not be blank.
pub(crate) fn non_empty(s: &str, path: &str) -> Result<(), InputError> {
    // As `s.trim().is_empty()`, stopping at the first character that is not white space.
    if s.chars().all(char::is_whitespace) {
        return Err(InputError::new(path, InputReason::Empty, format!("{path} must not be empty")));
    }
    Ok(())
}

/// A platform approval of a non-classified project (INV-9.1, 52.2; RULES.md §3.4).
struct PlatformApproval {
    on_platform: bool,
    disclosure_due: Option<crate::calendar::Due>,
}

/// An investment project under 宛政〔2023〕7号: lifecycle, change, adjustment and
/// accountability sub-machines, one hash-chained log.
///
/// # Example
/// ```
/// use wanzheng::investment::InvestmentProject;
/// let mut p = InvestmentProject::new(wanzheng::Context::default());
/// let t = p.apply_json(r#"{
///   "stream": {"machine": "inv", "project_id": "P1", "instance": "P1"},
///   "event": "register_project", "actor": "project_unit", "date": "2023-07-01",
///   "project_code": "2307-411300-04-01-000001",
///   "facts": {"project_id": "P1", "project_code": "2307-411300-04-01-000001", "name": "Village road",
///             "sector": "transport", "nature": "non_operating", "mode": "direct_investment",
///             "total": "8500000.00", "unit_kind": "admin_or_public_unit",
///             "industry_authority_org": "南阳市交通运输局"}
/// }"#).unwrap();
/// assert_eq!(t.to, "reserve");
/// assert_eq!(p.state().unwrap().as_str(), "reserve");
/// ```
#[derive(Debug, Clone)]
pub struct InvestmentProject {
    pub(crate) ctx: Context,
    pub(crate) project_id: Id,
    pub(crate) state: Option<InvState>,
    pub(crate) ledger: Ledger,
    pub(crate) exceptions: ExceptionBook,
    pub(crate) obligations: ObligationBook,
    pub(crate) plans: PlanInputs,
    pub(crate) log: Log,
}

// The `inv` stream as the kernel keeps it: its document carries the plan entries it read
// (`plans`: INV-12.2, 34, 55.6), re-judged with on replay.
crate::machine::stream::logged_stream!(InvestmentProject, "inv", {
    const INPUTS_KEY: Option<&'static str> = Some("plans");
    type Inputs = PlanInputs;

    type Compared<'a> = Standing<'a, &'a Id, InvState, &'a Ledger, &'a PlanInputs>;

    fn standing(&self) -> Self::Compared<'_> {
        Standing {
            id: &self.project_id,
            state: self.state,
            ledger: &self.ledger,
            exceptions: &self.exceptions,
            obligations: Some(&self.obligations),
            inputs: &self.plans,
        }
    }

    fn inputs_value(&self) -> Option<serde_json::Value> {
        (self.plans != PlanInputs::default()).then(|| serde_json::to_value(&self.plans).ok()).flatten()
    }

    fn read_inputs(value: serde_json::Value) -> Result<PlanInputs, Error> {
        Ok(crate::json::from_value(value, "plans")?)
    }

    fn replay_start(ctx: Context, plans: &mut PlanInputs) -> Self {
        let mut p = InvestmentProject::new(ctx);
        p.plans = std::mem::take(plans);
        p
    }
});

/// The `inv` stream in the kernel's pipeline: its judgment is [`InvestmentProject::step`].
impl Pipeline for InvestmentProject {
    type M = InvMachine;

    fn kernel_parts(&mut self) -> Parts<'_> {
        Parts { ctx: &self.ctx, log: &mut self.log, exceptions: &mut self.exceptions }
    }

    fn current(&self) -> Option<InvState> {
        self.state
    }

    fn judge_step(&mut self, cmd: &Command, seq: u32, replay: Option<&LogEntry>) -> Result<Step, Error> {
        self.step(cmd, seq, replay.is_some())
    }

    fn replayed(entry: &LogEntry, cmd: Command) -> LogEntry {
        entry.with_command(cmd)
    }

    type Trial = InvTrial;

    fn begin_trial(&mut self) -> InvTrial {
        // The ledger is copied without its payment requests, which grow with the log and are
        // journalled instead; so are the obligations. The log is only read.
        let payments = std::mem::take(&mut self.ledger.payments);
        let ledger = self.ledger.clone();
        self.ledger.payments = payments;
        self.ledger.payments.begin_trial();
        self.obligations.begin_trial();
        InvTrial { project_id: self.project_id.clone(), state: self.state, ledger, exceptions: self.exceptions.clone() }
    }

    fn end_trial(&mut self, t: InvTrial) {
        self.ledger.payments.end_trial();
        self.obligations.end_trial();
        let payments = std::mem::take(&mut self.ledger.payments);
        self.ledger = t.ledger;
        self.ledger.payments = payments;
        self.exceptions = t.exceptions;
        self.state = t.state;
        self.project_id = t.project_id;
    }
}

/// What an investment project's dry run keeps ([`Pipeline::begin_trial`]): the state, the ledger
/// without its payment requests (journalled in [`crate::investment::ledger::Payments`]), the
/// exception book. The obligations are journalled in their book; the log is only read.
pub(crate) struct InvTrial {
    project_id: Id,
    state: Option<InvState>,
    ledger: Ledger,
    exceptions: ExceptionBook,
}

impl InvestmentProject {
    /// An empty project (no stream yet) judged with `ctx`; the first command is
    /// `register_project` or `import_legacy`.
    pub fn new(ctx: Context) -> InvestmentProject {
        InvestmentProject {
            ctx,
            project_id: Id::default(),
            state: None,
            ledger: Ledger::default(),
            exceptions: ExceptionBook::default(),
            obligations: ObligationBook::default(),
            plans: PlanInputs::default(),
            log: Log::new(),
        }
    }

    /// The INV parts of a budget-funded DIG project (AMB-25, RULES.md §3.2.3), to be embedded by
    /// the DIG machine.
    ///
    /// In parts mode [`InvestmentProject::step`] takes only the events of `PARTS_EVENTS`
    /// (`award_contract`, `certify_completed_investment`, `draw_contingency`, the three payment
    /// events, `suspend_funding`/`resume_funding`/`recover_funds`, `report_incident`,
    /// `open_liability_case`, `decide_recourse`, and `record_exception` for exceptions to the INV
    /// D-rules judged there; sub-machine events as usual) and skips the
    /// lifecycle table: the DIG machine decides whether the event is valid in its state. Actors
    /// map soe → project_unit and bigdata_bureau → industry_authority (`industry_authority_org`
    /// is the bureau's concrete body). A := A0 := the approved FSR total
    /// ([`InvestmentProject::set_dig_fsr_total`]); there is no B cap; "in plan" (INV-12.2) is the
    /// injected tasked flag ([`InvestmentProject::set_dig_tasked`]). INV-9.2 is not applied. The
    /// DIG machine logs the entries on its own chain (`step` does not log).
    pub(crate) fn dig_parts(ctx: Context, project_id: &str, industry_authority_org: &str) -> Self {
        let mut p = InvestmentProject::new(ctx);
        p.project_id = Id::from(project_id);
        p.ledger.parts = Some(PartsHost::digital());
        p.ledger.registration = Some(Registration {
            name: Id::default(),
            sector: Id::default(),
            nature: Nature::NonOperating,
            mode: FundingMode::DirectInvestment,
            uses_loan: false,
            total: Yuan::ZERO,
            level: Level::Municipal,
            unit_kind: UnitKind::Other,
            construction_mode: ConstructionMode::SelfBuilt,
            lacks_capacity: false,
            industry_authority_org: Id::from(industry_authority_org),
            route_flags: RouteFlags::default(),
            classified: false,
            project_code: None,
        });
        p
    }

    /// AMB-25: A := A0 := the approved FSR total (DIG `approve_fsr`); A0 keeps its first value.
    pub(crate) fn set_dig_fsr_total(&mut self, total: Yuan) {
        self.ledger.fsr_estimate = Some(total);
        self.ledger.approved_fsr_estimate = Some(total);
        self.ledger.estimate = Some(total);
        if self.ledger.original_estimate.is_none() {
            self.ledger.original_estimate = Some(total);
        }
    }

    /// AMB-25, AMB-50: the DIG project is tasked in an approved cycle (or by `emergency_add`):
    /// "in plan" for INV-12.2.
    pub(crate) fn set_dig_tasked(&mut self, tasked: bool) {
        self.ledger.dig_tasked = tasked;
    }

    /// DE of RULES.md §3.3.1 (§3.3.4): the DIG project's recorded DIG-18 decision, judged by the
    /// parts' stage gates at awards of classes Ag, M and W.
    pub(crate) fn set_dig_emergency(&mut self, de: Option<crate::joint::EmergencyModeFacts>) {
        if self.ledger.dig_emergency != de {
            self.ledger.dig_emergency = de;
        }
    }

    /// RULES.md §3.3.7 (INV-55.1 start date on DIG projects): `facts.date` of the first accepted DIG
    /// `start_construction` is the parts' `started_on` — not the registration's DIG-31
    /// `construction_start`, not the entry date, not the FSR approval date.
    pub(crate) fn set_dig_started(&mut self, date: NaiveDate) {
        if self.ledger.started_on.is_none() {
            self.ledger.started_on = Some(date);
        }
    }

    /// RULES.md §3.3.7: the DIG `approve_fsr` date is the parts' `approved_on` (the approval that
    /// starts the INV-55.6 clock).
    pub(crate) fn set_dig_approved_on(&mut self, date: NaiveDate) {
        if self.ledger.approved_on.is_none() {
            self.ledger.approved_on = Some(date);
        }
    }

    /// Whether this is the AMB-25 parts of a DIG project.
    pub fn is_dig_parts(&self) -> bool {
        self.ledger.parts.is_some()
    }

    /// The project id (empty before registration).
    pub fn id(&self) -> &str {
        &self.project_id
    }

    /// The lifecycle state (`None` before registration).
    pub fn state(&self) -> Option<InvState> {
        self.state
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
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

    /// The plan inputs (per plan year) this project reads (INV-12.2, 34, 55.6).
    pub fn plan_inputs(&self) -> &PlanInputs {
        &self.plans
    }

    /// Replaces the plan inputs (the workspace does this after each plan-stream command).
    pub fn set_plan_inputs(&mut self, plans: PlanInputs) {
        self.plans = plans;
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
    /// As [`InvestmentProject::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    /// Judges and commits one command without touching the log: the stream checks, the table, the
    /// handler. `seq` is the seq the entry will get; `force` re-judges a stored entry (replay).
    /// A DIG project running the INV parts (AMB-25) calls this on its embedded parts and logs the
    /// entry on its own chain.
    pub(crate) fn step(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        // The result is amended in place, not unwrapped and wrapped again: a `Step` is moved
        // once on its way out instead of at every layer (the judged hot path, issue 9).
        let mut r = self.step_event(cmd, seq, force);
        if let Ok(step) = &mut r {
            // RULES.md §3.3.7: after any accepted entry, the automatic INV-50 case.
            self.open_unauthorised_case(&mut step.verdict, seq, cmd.date);
        }
        r
    }

    #[inline]
    fn step_event(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        self.check_stream(cmd)?;
        let platform = self.platform_approval(cmd)?;
        let mut r = match &cmd.event {
            Event::Inv(e) => {
                let r = self.on_inv(e, cmd, seq, force);
                // A project registered without its code (record mode) adopts the first code a
                // later command carries (INV-9.2, AMB-40).
                let parts = self.is_dig_parts();
                if r.is_ok()
                    && let Some(reg) = self.ledger.registration.as_mut()
                    && !reg.classified
                    && !parts
                    && reg.project_code.is_none()
                {
                    reg.project_code = cmd.project_code.clone();
                }
                r
            }
            Event::Change(e) => self.on_change(e, cmd, seq, force),
            Event::Adjustment(e) => self.on_adjustment(e, cmd, seq, force),
            Event::Accountability(e) => self.on_accountability(e, cmd, seq, force),
            Event::Plan(_) | Event::Dig(_) | Event::DigCycle(_) => Err(InputError::new(
                "stream.machine",
                InputReason::WrongStream,
                format!(
                    "an investment project takes inv, change, adjustment and accountability events, not {}",
                    cmd.event.machine()
                ),
            )
            .into()),
        };
        if let Ok(step) = &mut r
            && let Some(pa) = platform
        {
            // INV-9.1 (RULES.md §3.4): a finding never rejects, so it joins the judged step here,
            // after the handler, in one place for the five platform approvals.
            step.verdict.rules.push(INV_9_1);
            if !pa.on_platform {
                step.verdict.outcomes.push(Outcome::new(OutcomeKind::Finding, INV_9_1, "off_platform"));
            }
            // INV-52.2: the approval is to be disclosed (`record_disclosure {approval}`).
            if let Some(due) = pa.disclosure_due {
                self.obligations.open(seq, INV_52_2, "disclosure", "approval", cmd.date, due);
            }
        }
        r
    }

    /// INV-9.1, 52.2 (RULES.md §3.4): whether `cmd` is one of the five platform approvals
    /// (`approve_proposal`, `approve_fsr`, `approve_design`, `verify_estimate`,
    /// `approve_adjustment`) of a non-classified project, with its `platform_ref` and the due date
    /// of its disclosure (`disclosure_due_days` working days after the act). Classified projects
    /// are exempt (INV-9 「凡不涉及国家秘密」; 《政府信息公开条例》第十四条); so are the INV parts of
    /// a DIG project, whose approvals are the bureau's (AMB-25).
    fn platform_approval(&self, cmd: &Command) -> Result<Option<PlatformApproval>, InputError> {
        use crate::investment::estimate::AdjustmentEvent;
        let platform_ref = match &cmd.event {
            Event::Inv(InvEvent::ApproveProposal(p)) => p.platform_ref.as_ref(),
            Event::Inv(InvEvent::ApproveFsr(p)) => p.platform_ref.as_ref(),
            Event::Inv(InvEvent::ApproveDesign(p)) => p.platform_ref.as_ref(),
            Event::Inv(InvEvent::VerifyEstimate(p)) => p.platform_ref.as_ref(),
            Event::Adjustment(AdjustmentEvent::ApproveAdjustment(p)) => p.platform_ref.as_ref(),
            _ => return Ok(None),
        };
        let classified = self.ledger.registration.as_ref().is_none_or(|r| r.classified);
        if classified || self.is_dig_parts() {
            return Ok(None);
        }
        let disclosure_due = match self.ctx.config().disclosure_due_days {
            Some(n) => Some(self.ctx.calendar().due(cmd.date, n)?),
            None => None,
        };
        Ok(Some(PlatformApproval { on_platform: platform_ref.is_some_and(DocRef::is_valid), disclosure_due }))
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
        if self.state.is_some() && !crate::log::same_text(pid, &self.project_id) {
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
        if cmd.stream.machine == MachineId::Inv && cmd.stream.instance != pid {
            return Err(InputError::new(
                "stream.instance",
                InputReason::WrongStream,
                "the instance of an inv stream is its project_id",
            ));
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn judge<'a>(&'a self, cmd: &'a Command, force: bool) -> Judge<'a> {
        if force {
            Judge::replaying(cmd.mode, cmd.event.name(), &self.exceptions)
        } else {
            Judge::new(cmd.mode, cmd.event.name(), &self.exceptions)
        }
    }

    /// Opens the judgment of a call: the stage gates of the contract, tender and payment events
    /// first (RULES.md §3.3, `gates.rs`: the one place they are judged), then the actor
    /// (RULES.md §1.6) and the project code on every event of a non-classified project
    /// (INV-9.2, AMB-40).
    #[inline(always)]
    pub(crate) fn open<'a>(&'a self, c: &Call<'a>) -> Judge<'a> {
        let mut j = self.judge(c.cmd, c.force);
        self.judge_gates(&mut j, c.cmd);
        self.judge_actor(&mut j, c.actor, c.cmd);
        self.judge_code(&mut j, c.cmd);
        j
    }

    /// INV-9.2: the platform's code on every event of a registered non-classified project
    /// (AMB-40). Not applied in AMB-25 parts mode (DIG projects carry a code only when they have one).
    pub(crate) fn judge_code(&self, j: &mut Judge<'_>, cmd: &Command) {
        if self.is_dig_parts() {
            return;
        }
        let Some(r) = &self.ledger.registration else { return };
        if r.classified {
            return;
        }
        match (&r.project_code, &cmd.project_code) {
            (_, None) => {
                j.require(INV_9_2, false, "missing_project_code");
            }
            (Some(code), Some(given)) => {
                j.require(INV_9_2, code == given, "wrong_project_code");
            }
            (None, Some(_)) => {
                j.trace(INV_9_2);
            }
        }
    }

    /// The rule a wrong actor violates for an `inv` event (RULES.md §1.6: the rule naming
    /// that actor, else INV-8).
    fn actor_rule(event: &Event) -> RuleId {
        match event {
            Event::Inv(e) => Self::inv_actor_rule_of(e.kind()),
            _ => INV_8,
        }
    }

    /// The rule a wrong actor of the `inv` event `name` violates: the events whose own rule
    /// names their actor; every other event falls under INV-8.
    pub(crate) fn inv_actor_rule(name: &str) -> RuleId {
        InvEventKind::parse(name).map_or(INV_8, Self::inv_actor_rule_of)
    }

    /// [`Self::inv_actor_rule`] by the event's kind (no name comparison on the judged path).
    fn inv_actor_rule_of(kind: InvEventKind) -> RuleId {
        use InvEventKind as K;
        match kind {
            K::ApproveProposal | K::ApproveFsr | K::VerifyEstimate | K::ApproveDesign => INV_13_2,
            K::RecognizeEmergency => INV_16_1,
            K::RefuseApproval => INV_21_5,
            K::ApproveBudget => INV_25_3,
            K::ApprovePayment | K::DisbursePayment => INV_35_2,
            K::PostEvaluate => INV_38,
            _ => INV_8,
        }
    }

    /// The actor as the `inv` rows name it: in AMB-25 parts mode the host's project unit (soe)
    /// acts as project_unit and its industry authority (bigdata_bureau) as industry_authority
    /// (RULES.md §3.2.3; the mapping of the shared [`PartsHost`]).
    pub(crate) fn effective_actor(&self, a: Actor) -> Actor {
        match &self.ledger.parts {
            Some(h) if a == h.project_unit => Actor::ProjectUnit,
            Some(h) if a == h.industry_authority => Actor::IndustryAuthority,
            Some(_) | None => a,
        }
    }

    /// RULES.md §3.5 D5 (INV-32.1 代理建设): where an `agent_construction` contract exists, the
    /// agent builder may award contracts and request payments in the project unit's place.
    fn agent_acts(&self, actor: Actor, event: &str) -> bool {
        actor == Actor::AgentBuilder
            && matches!(event, "award_contract" | "request_payment")
            && self.ledger.contracts.iter().any(|k| k.lot == Lot::AgentConstruction)
    }

    /// Whether `actor` (as the rows name it, [`Self::effective_actor`]) is admitted by `spec` for
    /// `event`; `review` is the pending review a `refuse_approval` names (`None`: any pending
    /// approver). The one actor test of `apply` and of `permitted_events`.
    pub(crate) fn actor_fits(&self, spec: ActorSpec, event: &str, actor: Actor, review: Option<ReviewKind>) -> bool {
        match spec {
            ActorSpec::Any(list) => list.contains(&actor) || self.agent_acts(actor, event),
            ActorSpec::DesignApprover => self
                .ledger
                .registration
                .as_ref()
                .is_some_and(|r| self.ctx.config().design_approver_for(&r.sector).actor() == actor),
            ActorSpec::PendingApprover => match review {
                Some(review) => self.review_approver(review) == Some(actor),
                None => matches!(actor, Actor::Drc | Actor::Finance | Actor::IndustryAuthority),
            },
            ActorSpec::Suspender => self.ledger.suspended_from.is_some_and(|(_, a)| a == actor),
            ActorSpec::RouteApprover => matches!(actor, Actor::Drc | Actor::IndustryAuthority),
            ActorSpec::Competent => !matches!(
                actor,
                Actor::ProjectUnit | Actor::Contractor | Actor::Supplier | Actor::Soe | Actor::DemandUnit
            ),
            // The exception's own authority is judged by the record_exception handler.
            ActorSpec::RuleAuthority => true,
        }
    }

    /// Checks the actor against the row (and the industry authority's org, RULES.md §1.6).
    pub(crate) fn judge_actor(&self, j: &mut Judge<'_>, spec: ActorSpec, cmd: &Command) {
        let rule = Self::actor_rule(&cmd.event);
        let actor = self.effective_actor(cmd.actor);
        let review = match &cmd.event {
            Event::Inv(InvEvent::RefuseApproval(p)) => Some(p.review),
            _ => None,
        };
        // The common case first: the actor is one the row lists (no event name, no call).
        let ok = match spec {
            ActorSpec::Any(list) if list.contains(&actor) => true,
            _ => self.actor_fits(spec, cmd.event.name(), actor, review),
        };
        j.require(rule, ok, "wrong_actor");
        if ok && actor == Actor::IndustryAuthority {
            let org_ok = self.ledger.registration.as_ref().is_none_or(|r| r.industry_authority_org == cmd.actor_org);
            j.require(rule, org_ok, "wrong_actor");
        }
    }

    /// The approver of a pending review (`refuse_approval`): drc for proposal, FSR and estimate,
    /// the sector's design approver for the design, finance for the budget.
    pub(crate) fn review_approver(&self, review: ReviewKind) -> Option<Actor> {
        Some(match review {
            ReviewKind::Proposal | ReviewKind::Fsr | ReviewKind::Estimate => Actor::Drc,
            ReviewKind::Design => {
                self.ctx.config().design_approver_for(&self.ledger.registration.as_ref()?.sector).actor()
            }
            ReviewKind::Budget => Actor::Finance,
        })
    }

    fn on_inv(&mut self, e: &InvEvent, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        let name = e.name();
        let state_name = self.state.map(InvState::as_str).unwrap_or(NO_STATE);
        let row = row_of_at::<InvMachine>(e.kind() as usize, name)
            .ok_or_else(|| TransitionError::new("inv", state_name, name, "no_table_row"))?;
        if self.is_dig_parts() {
            if !PARTS_EVENTS.contains(&name) {
                return Err(TransitionError::new("inv", state_name, name, "not_an_inv_part").into());
            }
        } else if !row_allows::<InvMachine>(row, self.state) {
            let detail = if self.state.is_some_and(|s| InvMachine::terminal().contains(&s)) { "terminal" } else { "" };
            return Err(TransitionError::new("inv", state_name, name, detail).into());
        }
        let c = Call { cmd, actor: row.actor, force, stored_to: None, from: state_name, seq, instance: () };
        let next = match e {
            InvEvent::RegisterProject(p) => self.register_project(p, &c),
            InvEvent::ImportLegacy(p) => self.import_legacy(p, &c),
            InvEvent::RecognizeEmergency(p) => self.recognize_emergency(p, &c),
            InvEvent::SelectRoute(p) => self.select_route(p, &c),
            InvEvent::GrantSimplification(p) => self.grant_simplification(p, &c),
            InvEvent::SubmitProposal(p) => self.submit_proposal(p, &c),
            InvEvent::ApproveProposal(p) => self.approve_proposal(p, &c),
            InvEvent::SubmitFsr(p) => self.submit_fsr(p, &c),
            InvEvent::ApproveFsr(p) => self.approve_fsr(p, &c),
            InvEvent::RefuseApproval(p) => self.refuse_approval(p, &c),
            InvEvent::WithdrawProject(p) => self.withdraw_project(p, &c),
            InvEvent::ReportEstimateExcess(p) => self.report_estimate_excess(p, &c),
            InvEvent::DecideEstimateExcess(p) => self.decide_estimate_excess(p, &c),
            InvEvent::SubmitDesign(p) => self.submit_design(p, &c),
            InvEvent::ApproveDesign(p) => self.approve_design(p, &c),
            InvEvent::VerifyEstimate(p) => self.verify_estimate(p, &c),
            InvEvent::CompleteCdReview(p) => self.complete_cd_review(p, &c),
            InvEvent::SubmitBudget(p) => self.submit_budget(p, &c),
            InvEvent::ApproveBudget(p) => self.approve_budget(p, &c),
            InvEvent::IssueTender(p) => self.issue_tender(p, &c),
            InvEvent::AwardContract(p) => self.award_contract(p, &c),
            InvEvent::RecordFunding(p) => self.record_funding(p, &c),
            InvEvent::CompleteSurvey(p) => self.complete_survey(p, &c),
            InvEvent::StartConstruction(p) => self.start_construction(p, &c),
            InvEvent::ReachMilestone(p) => self.reach_milestone(p, &c),
            InvEvent::EstimateControlCheck(p) => self.estimate_control_check(p, &c),
            InvEvent::CertifyCompletedInvestment(p) => self.certify_completed_investment(p, &c),
            InvEvent::DrawContingency(p) => self.draw_contingency(p, &c),
            InvEvent::AdjustContractPrice(p) => self.adjust_contract_price(p, &c),
            InvEvent::ReviewPriceAdjustment(p) => self.review_price_adjustment(p, &c),
            InvEvent::RequestPayment(p) => self.request_payment(p, &c),
            InvEvent::ApprovePayment(p) => self.approve_payment(p, &c),
            InvEvent::DisbursePayment(p) => self.disburse_payment(p, &c),
            InvEvent::Suspend(p) => self.suspend(p, &c),
            InvEvent::Resume(p) => self.resume(p, &c),
            InvEvent::Stop(p) => self.stop(p, &c),
            InvEvent::SuspendFunding(p) => self.suspend_funding(p, &c),
            InvEvent::ResumeFunding(p) => self.resume_funding(p, &c),
            InvEvent::RecoverFunds(p) => self.recover_funds(p, &c),
            InvEvent::CompleteWorks(_) => self.complete_works(&c),
            InvEvent::RecordDelayReason(p) => self.record_delay_reason(p, &c),
            InvEvent::PassAcceptance(p) => self.pass_acceptance(p, &c),
            InvEvent::FailAcceptance(p) => self.fail_acceptance(p, &c),
            InvEvent::ApproveSettlement(p) => self.approve_settlement(p, &c),
            InvEvent::CompleteFinalAccounts(p) => self.complete_final_accounts(p, &c),
            InvEvent::ReturnSurplus(p) => self.return_surplus(p, &c),
            InvEvent::RegisterAssets(p) => self.register_assets(p, &c),
            InvEvent::PostEvaluate(p) => self.post_evaluate(p, &c),
            InvEvent::RecordDisclosure(p) => self.record_disclosure(p, &c),
            InvEvent::RecordException(p) => self.record_exception(p, &c),
            InvEvent::RecordManualFinding(p) => self.record_manual_finding(p, &c),
            InvEvent::ReportIncident(p) => self.report_incident(p, &c),
            InvEvent::OpenLiabilityCase(p) => self.open_liability_case(p, &c),
            InvEvent::DecideRecourse(p) => self.decide_recourse(p, &c),
        }?;
        if self.is_dig_parts() {
            // AMB-25 parts mode: the lifecycle table is skipped and the parts have no lifecycle
            // state; their events keep it.
            debug_assert!(next.to.is_none(), "inv parts: {name} moves the lifecycle");
            return Ok(Step { verdict: next.verdict, from: c.from, to: c.from });
        }
        Ok(settle::<InvMachine>(row, &mut self.state, c.from, next))
    }

    fn check_new_project_id(project_id: &str, cmd: &Command) -> Result<(), InputError> {
        if project_id.trim().is_empty() {
            return Err(InputError::new("facts.project_id", InputReason::Empty, "project_id must not be empty"));
        }
        if cmd.stream.project_id.as_deref() != Some(project_id) {
            return Err(InputError::new(
                "facts.project_id",
                InputReason::WrongStream,
                "facts.project_id must equal stream.project_id",
            ));
        }
        Ok(())
    }

    fn register_project(&mut self, p: &RegisterProject, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let cmd = c.cmd;
        Self::check_new_project_id(&p.project_id, cmd)?;
        non_empty(&p.name, "facts.name")?;
        non_empty(&p.industry_authority_org, "facts.industry_authority_org")?;
        // INV-5 (RULES.md §3.4): direct investment and capital injection are government money
        // (「政府安排政府投资资金投入」), which own funds only contradict.
        if p.own_funds_only && matches!(p.mode, FundingMode::DirectInvestment | FundingMode::CapitalInjection) {
            return Err(InputError::new(
                "facts.own_funds_only",
                InputReason::ModeContradictsFunds,
                "own_funds_only contradicts direct investment and capital injection, which are government money",
            )
            .into());
        }
        let approver = self.ctx.config().design_approver_for(&p.sector);
        let rules = self.ctx.ruleset_at(cmd.date);
        let decision = approval_route_in(p.total, &p.route_flags.with(p.level, false), approver, rules);
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_actor(&mut j, c.actor, cmd);
            // INV-60 (S): effective 2023-06-01; earlier facts are imported as legacy.
            j.scope(INV_60, crate::investment::inv_applies(cmd.date), "before_effective_date");
            // INV-5.3 (S): only direct investment and capital injection are 政府投资项目 (审批制);
            // own funds are judged by 5.4 below.
            j.scope(
                INV_5_3,
                matches!(p.mode, FundingMode::DirectInvestment | FundingMode::CapitalInjection | FundingMode::OwnFunds),
                "not_approval_system",
            );
            // INV-13.3 (S): county projects follow county rules unless the county adopts this machine.
            j.scope(INV_13_3, p.level == Level::Municipal || self.ctx.config().county_adopts_inv, "county_rules");
            // INV-3, 5.2 (§4.8).
            judge_funding_mode(
                &mut j,
                p.nature,
                p.mode,
                p.uses_loan,
                p.basis_3_2.as_ref().is_some_and(DocRef::is_valid),
            );
            j.trace(INV_5_1);
            // INV-5.4 (S, RULES.md §3.4): 「利用自有资金…原则上按照企业投资项目进行管理，有审批制要求的
            // 项目除外」 classifies the regime and imposes no duty: own funds without
            // `approval_required` are outside this machine (rejected in both modes); with it the
            // project runs here. Not a §1.8 exception (the text states its own).
            let own_funds = p.own_funds_only || p.mode == FundingMode::OwnFunds;
            j.scope(INV_5_4, !own_funds || p.approval_required, "enterprise_regime");
            // INV-9.1, 9.2: the platform's code on every event of a non-classified project (AMB-40).
            j.trace(INV_9_1);
            if !p.classified {
                j.require(
                    INV_9_2,
                    p.project_code.is_some() && cmd.project_code.as_deref() == p.project_code.as_deref(),
                    "missing_project_code",
                );
            } else {
                j.trace(INV_9_2);
            }
            // INV-32.1 (M): agent construction only for a non-operating project lacking capacity;
            // EPC outside that case is a warning (RULES.md §3.4 INV-32.1 row, §3.5 B23: 「可以」
            // permits in the named case and prohibits nothing else).
            let named_case = p.nature == Nature::NonOperating && p.lacks_capacity;
            match p.construction_mode {
                ConstructionMode::SelfBuilt => j.trace(INV_32_1),
                ConstructionMode::Epc => {
                    j.warn(INV_32_1, named_case, "outside_art32_case");
                }
                ConstructionMode::AgentConstruction => {
                    j.require(INV_32_1, named_case, "not_permitted");
                }
            }
            if p.nature == Nature::Operating {
                j.trace(INV_32_2);
            }
            // A DIG project (AMB-25): its INV parts run on the DIG log; a self-funded one files only (DIG-14.5).
            // INTERPRETATION: AMB-25/AMB-51 — `own_funds_only` tells the self-funded (14.5) case apart.
            if p.dig_project_id.is_some() {
                if p.own_funds_only {
                    j.require(DIG_14_5, false, "self_funded_dig_project");
                } else {
                    j.require(DIG_14_4, false, "inv_parts_on_dig_log");
                }
            }
            for r in decision.rules.iter() {
                j.trace(*r);
            }
            j.verdict()?
        };
        let code = if p.classified { None } else { p.project_code.clone() };
        self.project_id = p.project_id.clone();
        self.ledger.registration = Some(Registration {
            name: p.name.clone(),
            sector: p.sector.clone(),
            nature: p.nature,
            mode: p.mode,
            uses_loan: p.uses_loan,
            total: p.total,
            level: p.level,
            unit_kind: p.unit_kind,
            construction_mode: p.construction_mode,
            lacks_capacity: p.lacks_capacity,
            industry_authority_org: p.industry_authority_org.clone(),
            route_flags: p.route_flags,
            classified: p.classified,
            project_code: code,
        });
        self.ledger.computed_route = Some(decision.route);
        Ok(Next::to(verdict, InvState::Reserve))
    }

    /// `import_legacy` (INV-60, AMB-23): a project already under way before 2023-06-01, in
    /// record mode; its earlier facts are taken as given (not judged) and the approvals the named
    /// state implies are marked done.
    fn import_legacy(&mut self, p: &ImportLegacy, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let cmd = c.cmd;
        Self::check_new_project_id(&p.project_id, cmd)?;
        non_empty(&p.name, "facts.name")?;
        non_empty(&p.industry_authority_org, "facts.industry_authority_org")?;
        if cmd.mode != Mode::Record {
            return Err(
                InputError::new("mode", InputReason::InvalidValue, "import_legacy is recorded in mode record").into()
            );
        }
        if InvMachine::terminal().contains(&p.state) || p.state == InvState::Suspended {
            return Err(InputError::new(
                "facts.state",
                InputReason::InvalidValue,
                "import_legacy names a non-terminal state other than suspended",
            )
            .into());
        }
        let mut ids: Vec<&str> = p.contracts.iter().map(|k| k.contract_id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(InputError::new("facts.contracts", InputReason::UnknownId, "contract ids repeat").into());
        }
        let approver = self.ctx.config().design_approver_for(&p.sector);
        let total = p.estimate.or(p.fsr_estimate).unwrap_or(p.total);
        let rules = self.ctx.ruleset_at(cmd.date);
        let decision = approval_route_in(total, &p.route_flags.with(p.level, false), approver, rules);
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_actor(&mut j, c.actor, cmd);
            // INV-60: earlier facts are not judged (AMB-23).
            j.trace(INV_60);
            j.verdict()?
        };
        let code = if p.classified { None } else { p.project_code.clone() };
        self.project_id = p.project_id.clone();
        self.ledger.registration = Some(Registration {
            name: p.name.clone(),
            sector: p.sector.clone(),
            nature: p.nature,
            mode: p.mode,
            uses_loan: p.uses_loan,
            total: p.total,
            level: p.level,
            unit_kind: p.unit_kind,
            construction_mode: p.construction_mode,
            lacks_capacity: p.lacks_capacity,
            industry_authority_org: p.industry_authority_org.clone(),
            route_flags: p.route_flags,
            classified: p.classified,
            project_code: code,
        });
        let l = &mut self.ledger;
        l.imported = true;
        l.computed_route = Some(decision.route);
        l.fsr_estimate = p.fsr_estimate;
        l.estimate = p.estimate;
        l.original_estimate = p.original_estimate.or(p.estimate);
        l.budget = p.budget;
        l.certified_completed = p.certified_completed;
        l.paid_total = p.paid_total;
        l.paid_budget_scope = p.paid_total;
        l.contracts = p
            .contracts
            .iter()
            .map(|k| Contract {
                contract_id: k.contract_id.clone(),
                tender_id: None,
                lot: k.lot,
                contractor: Id::default(),
                price: k.price,
                in_budget_scope: matches!(k.lot, Lot::Construction | Lot::Epc),
                items: Vec::new(),
                paid: k.paid,
                change_extra: Yuan::ZERO,
                unreviewed: Yuan::ZERO,
                unconsented_43: Yuan::ZERO,
                preliminary: true,
                advance_percent: None,
                advance_paid: Yuan::ZERO,
                advance_recovered: Yuan::ZERO,
                settled: None,
                // The import does not record the clause: no price adjustment rests on it (§3.5 D3).
                price_adjustment_clause: false,
            })
            .collect();
        let reached = |s: InvState| lifecycle::reached(p.state, s);
        l.proposal_approved = reached(InvState::ProposalApproved);
        l.fsr_approved = reached(InvState::FsrApproved);
        l.tender_scheme_approved = l.fsr_approved;
        if l.fsr_approved {
            l.approved_fsr_estimate = p.fsr_estimate;
        }
        l.design_approved = reached(InvState::DesignApproved);
        l.estimate_verified = reached(InvState::DesignApproved);
        l.cd_review_done = reached(InvState::CdReviewed);
        l.budget_done = reached(InvState::BudgetApproved);
        if reached(InvState::Procurement) {
            l.cd_review_done = true;
            l.budget_done = true;
        }
        if reached(InvState::UnderConstruction) {
            l.survey_done = true;
            l.started_on = Some(cmd.date);
        }
        if reached(InvState::WorksCompleted) {
            l.completed_on = Some(cmd.date);
        }
        if reached(InvState::Accepted) {
            l.accepted_on = Some(cmd.date);
        }
        Ok(Next::to(verdict, p.state))
    }

    fn withdraw_project(&mut self, p: &WithdrawProject, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.reason, "facts.reason")?;
        let verdict = {
            let j = self.open(c);
            j.verdict()?
        };
        self.cancel_sub_machines();
        self.cancel_lifecycle_obligations();
        Ok(Next::to(verdict, InvState::Withdrawn))
    }

    fn record_exception(&mut self, p: &crate::exception::RuleException, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let auth = exception::validate(p)?;
        let verdict = {
            let mut j = self.judge(c.cmd, c.force);
            self.judge_code(&mut j, c.cmd);
            let allowed: Vec<Actor> = match auth {
                Authority::Actor(a) => vec![a],
                Authority::DesignApprover => self
                    .ledger
                    .registration
                    .as_ref()
                    .map(|r| vec![self.ctx.config().design_approver_for(&r.sector).actor()])
                    .unwrap_or_default(),
                Authority::AdjustmentApprover => vec![Actor::Drc, Actor::IndustryAuthority],
            };
            exception::judge_authority(&mut j, p.rule_id, self.effective_actor(c.cmd.actor), &allowed);
            j.verdict()?
        };
        self.exceptions.record(c.seq, p);
        Ok(Next::stay(verdict))
    }

    /// Drops the obligations a stop or withdrawal makes moot: pending approval time limits
    /// (7.4), estimate-control checks (45.4) and the completion date (55.6). Close-out duties
    /// (37.3, 37.4) and approved disbursements (54.2) stay.
    pub(crate) fn cancel_lifecycle_obligations(&mut self) {
        for (duty, subject) in [
            ("approval", "proposal"),
            ("approval", "fsr"),
            ("approval", "design"),
            ("approval", "estimate"),
            ("approval", "budget"),
            ("completion", ""),
        ] {
            self.obligations.cancel(duty, subject);
        }
        for node in MilestoneNode::ALL {
            self.obligations.cancel("estimate_control_check", node.as_str());
        }
    }

    /// The open and overdue obligations as of `as_of` (RULES.md §1.7).
    pub fn obligations(&self, as_of: NaiveDate) -> Vec<ObligationStatus> {
        self.obligations.open_as_of(as_of)
    }

    /// Compliance findings as of `as_of` (RULES.md §5).
    pub fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        crate::journal::chain_finding(&self.log, as_of, &mut out);
        let mut stored = finding::stored(self.log.entries(), as_of);
        for f in &mut stored {
            let manual = f.seqs.first().and_then(|s| self.log.entries().get((*s as usize).saturating_sub(1)));
            if manual.is_some_and(|e| e.event().name() == "record_manual_finding") {
                f.source = crate::finding::FindingSource::Manual;
            }
        }
        out.extend(stored);
        self.lifecycle_findings(as_of, &mut out);
        self.submachine_findings(as_of, &mut out);
        let completion_excused = self.ledger.delay_reasons.contains(&crate::investment::events::DelayKind::Completion);
        for o in self.obligations.open_as_of(as_of).into_iter().filter(|o| o.overdue) {
            if completion_excused && o.obligation.duty == "completion" {
                continue;
            }
            let named = OVERDUE_DETAILS.iter().find(|(duty, _)| *duty == o.obligation.duty);
            let detail = named.map_or("overdue", |(_, detail)| *detail);
            out.push(Finding::new(
                o.obligation.rule,
                crate::OutcomeKind::Finding,
                detail,
                vec![o.obligation.opened_seq],
                o.obligation.due,
                crate::finding::FindingSource::Overdue,
            ));
        }
        out
    }

    /// The state and ledger as JSON (`state_json` of RULES.md §8).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "inv",
            "project_id": self.project_id,
            "state": self.state.map(InvState::as_str).unwrap_or(NO_STATE),
            "ledger": self.ledger,
            "exceptions": self.exceptions,
            "obligations": self.obligations.all(),
            "log_len": self.log.len(),
            "head": self.log.head(),
        })
    }

    /// As [`LoggedStream::replay_entries`], re-judging with the given plan inputs (the
    /// project's entries in the plan streams, INV-12.2, 34, 55.6), which the rebuilt project keeps.
    ///
    /// # Errors
    /// As [`LoggedStream::replay`].
    pub fn replay_with(
        ctx: Context,
        entries: &[LogEntry],
        plans: PlanInputs,
    ) -> Result<(InvestmentProject, ReplayReport), Error> {
        Self::replay_entries_with(ctx, entries, plans, &ReplayOptions::report())
    }

    /// The stream of this project's lifecycle.
    pub fn stream(&self) -> Stream {
        Stream::project(MachineId::Inv, &self.project_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{DocKind, DocRef};
    use crate::exception::{ExceptionScope, RuleException};
    use crate::investment::events::{ConstructionMode, FundingMode, Nature, UnitKind};
    use crate::investment::route::{Level, RouteFlags};
    use crate::outcome::{Mode, OutcomeKind};
    use crate::yuan;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn register(total: &str, date: &str) -> Command {
        let p = RegisterProject {
            approval_required: false,
            basis_3_2: None,
            classified: false,
            construction_mode: ConstructionMode::SelfBuilt,
            dig_project_id: None,
            industry_authority_org: "南阳市卫生健康委员会".into(),
            lacks_capacity: false,
            level: Level::Municipal,
            mode: FundingMode::DirectInvestment,
            name: "Hospital expansion".into(),
            nature: Nature::NonOperating,
            own_funds_only: false,
            project_code: Some("2307-411300-04-01-000001".into()),
            project_id: "P1".into(),
            route_flags: RouteFlags::default(),
            sector: "health".into(),
            total: yuan!(total),
            unit_kind: UnitKind::AdminOrPublicUnit,
            uses_loan: false,
        };
        Command::new(Stream::project(MachineId::Inv, "P1"), InvEvent::from(p), Actor::ProjectUnit, d(date))
            .code("2307-411300-04-01-000001")
    }

    fn registered() -> InvestmentProject {
        let mut p = InvestmentProject::new(Context::default());
        p.apply(register("120000000.00", "2023-07-03")).unwrap();
        p
    }

    /// Source: INV-60 — events before 2023-06-01 are out of scope and rejected in both modes.
    #[test]
    fn effective_date_boundary() {
        for (date, ok) in [("2023-05-31", false), ("2023-06-01", true)] {
            for mode in [Mode::Enforce, Mode::Record] {
                let mut p = InvestmentProject::new(Context::default());
                let r = p.apply(register("1.00", date).mode(mode));
                assert_eq!(r.is_ok(), ok, "{date} {mode:?}");
                if let Err(Error::Rule(v)) = r {
                    assert_eq!(v.rule_id(), Some(INV_60));
                    assert_eq!(v.article(), "第六十条");
                }
            }
        }
    }

    /// Source: INV-9.2 — a non-classified project carries its project code.
    #[test]
    fn project_code_required() {
        let mut p = InvestmentProject::new(Context::default());
        let mut cmd = register("1.00", "2023-07-03");
        cmd.project_code = None;
        let err = p.apply(cmd).unwrap_err();
        assert!(matches!(err, Error::Rule(ref v) if v.rule_id() == Some(INV_9_2)));
    }

    /// Source: INV-8 — a wrong actor is a violation, and a rejected command changes nothing.
    #[test]
    fn wrong_actor_changes_nothing() {
        let mut p = registered();
        let before = p.clone();
        let cmd = Command::new(
            p.stream(),
            InvEvent::from(WithdrawProject { reason: "no funds".into() }),
            Actor::Drc,
            d("2023-07-04"),
        );
        let err = p.apply(cmd).unwrap_err();
        match err {
            Error::Rule(v) => {
                assert_eq!(v.rule_id(), Some(INV_8));
                assert_eq!(v.outcomes[0].detail, "wrong_actor");
                assert!(!v.message_zh().is_empty() && !v.message_en().is_empty());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p, before);
    }

    #[test]
    fn transition_error_and_date_order() {
        let mut p = registered();
        let again = register("1.00", "2023-07-05");
        assert!(matches!(p.apply(again), Err(Error::Transition(_))));
        let early = Command::new(
            p.stream(),
            InvEvent::from(WithdrawProject { reason: "x".into() }),
            Actor::ProjectUnit,
            d("2023-07-01"),
        );
        assert!(matches!(p.apply(early), Err(Error::Input(ref e)) if e.reason == InputReason::DateBeforeLog));
    }

    /// Source: INV-57 — replay verifies the chain and rebuilds the same project; tampering is detected.
    #[test]
    fn replay_and_tamper() {
        let mut p = registered();
        let exc = RuleException {
            decision_ref: DocRef::new(DocKind::Minutes, "纪要〔2023〕5号"),
            event: None,
            reason: "meeting decision".into(),
            rule_id: INV_7_2,
            scope: ExceptionScope::One,
        };
        p.apply(
            Command::new(p.stream(), InvEvent::from(exc), Actor::ExecutiveMeeting, d("2023-07-04"))
                .code("2307-411300-04-01-000001"),
        )
        .unwrap();
        let json = p.log().to_json();
        let log = Log::from_json(&json).unwrap();
        let (q, report) = InvestmentProject::replay(Context::default(), &log).unwrap();
        assert_eq!(q, p);
        assert!(report.differences.is_empty());
        assert_eq!(InvestmentProject::from_json(&p.to_json()).unwrap(), p);
        let tampered = json.replace("120000000.00", "130000000.00");
        let err = Log::from_json(&tampered).unwrap_err();
        assert_eq!(err.reason, InputReason::BrokenChain);
    }

    /// Source: INV-49.2 — an exception needs its authority; a non-D rule is an input error.
    #[test]
    fn exception_authority() {
        let mut p = registered();
        let mut exc = RuleException {
            decision_ref: DocRef::new(DocKind::Approval, "宛发改〔2023〕9号"),
            event: None,
            reason: "second adjustment needed".into(),
            rule_id: INV_49_2,
            scope: ExceptionScope::One,
        };
        let cmd = Command::new(p.stream(), InvEvent::from(exc.clone()), Actor::Finance, d("2023-07-04"))
            .code("2307-411300-04-01-000001");
        let err = p.apply(cmd).unwrap_err();
        assert!(
            matches!(err, Error::Rule(ref v) if v.outcomes[0].detail == "wrong_authority" && v.outcomes[0].kind == OutcomeKind::Violation)
        );
        exc.rule_id = INV_35_3;
        let cmd = Command::new(p.stream(), InvEvent::from(exc), Actor::Drc, d("2023-07-04"));
        assert!(
            matches!(p.apply(cmd), Err(Error::Input(ref e)) if e.reason == InputReason::ExceptionForNonDefaultRule)
        );
    }
}

#[cfg(test)]
mod lifecycle_tests {
    use crate::investment::testkit::*;

    /// Source: INV-13.1 — the standard route runs proposal, FSR, design/estimate, CD review, budget,
    /// tender and start in order (full happy path), clean of violations.
    #[test]
    fn standard_route_happy_path() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("105000000.00")));
        assert_eq!(k.p.ledger().original_estimate, Some(yuan!("105000000.00")));
        assert_eq!(k.p.ledger().budget, Some(yuan!("98000000.00")));
        assert_eq!(k.p.ledger().computed_route, Some(Route::Standard));
        let bad: Vec<_> =
            k.p.log()
                .entries()
                .iter()
                .flat_map(|e| e.outcomes().iter())
                .filter(|o| o.kind != OutcomeKind::Warning)
                .cloned()
                .collect();
        assert!(bad.is_empty(), "{bad:?}");
    }

    /// Source: INV-5.3 — only direct investment and capital injection enter the machine (S: both modes).
    #[test]
    fn registration_scope_5_3() {
        for mode in [Mode::Enforce, Mode::Record] {
            let mut k = Kit::new();
            k.mode = mode;
            let mut r = register("1.00");
            r.mode = FundingMode::InvestmentSubsidy;
            r.nature = Nature::Operating;
            let e = k.err(r, ProjectUnit);
            assert!(has(&e, INV_5_3, "not_approval_system"));
        }
        let mut k = Kit::new();
        let mut r = register("1.00");
        r.mode = FundingMode::CapitalInjection;
        r.nature = Nature::Operating;
        r.basis_3_2 = Some(doc(DocKind::Approval, "高新技术产业化-1"));
        let t = k.ok(r, ProjectUnit);
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    }

    /// Source: INV-13.3 — a county project runs this machine only with `county_adopts_inv`.
    #[test]
    fn county_scope_13_3() {
        let mut r = register("1.00");
        r.level = crate::investment::route::Level::County;
        let mut k = Kit::new();
        k.mode = Mode::Record;
        assert!(has(&k.err(r.clone(), ProjectUnit), INV_13_3, "county_rules"));
        let cfg = Config { county_adopts_inv: true, ..Config::default() };
        let mut k = Kit::with(cfg);
        k.ok(r, ProjectUnit);
        assert_eq!(k.p.ledger().computed_route, Some(Route::CountyRules));
    }

    /// Source: INV-5.2 — registration runs §4.8: operating with direct investment is a violation.
    /// Source: INV-3.2 — an operating project without basis gets a warning.
    /// Source: INV-3.1 — the nature is recorded.
    /// Source: INV-5.1 — funds per project, by mode (traced with §4.8 at registration).
    #[test]
    fn registration_funding_mode() {
        let mut k = Kit::new();
        let mut r = register("1.00");
        r.nature = Nature::Operating;
        assert!(has(&k.err(r.clone(), ProjectUnit), INV_5_2, "mode_nature_mismatch"));
        r.mode = FundingMode::CapitalInjection;
        let t = k.ok(r, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Warning, INV_3_2, "no_basis"));
        assert!(t.rules.contains(&INV_3_1) && t.rules.contains(&INV_5_1));
        assert_eq!(k.p.ledger().registration.as_ref().unwrap().nature, Nature::Operating);
        let mut k = Kit::new();
        let mut r = register("1.00");
        r.nature = Nature::QuasiOperating;
        let t = k.ok(r, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Warning, INV_5_2, "quasi_operating"));
    }

    /// Source: INV-5.4 — own funds (mode `own_funds` or `own_funds_only`) are the enterprise
    /// regime: S `enterprise_regime`, rejected in both modes, unless `approval_required`, when the
    /// project runs this machine cleanly (RULES.md §3.4); no exception can be recorded for 5.4.
    /// Source: INV-5.3 — `own_funds` is not refused as `not_approval_system` (5.4 judges it).
    #[test]
    fn own_funds_5_4() {
        let mut r = register("1.00");
        r.mode = FundingMode::OwnFunds;
        for mode in [Mode::Enforce, Mode::Record] {
            let mut k = Kit::new();
            k.mode = mode;
            let e = k.err(r.clone(), ProjectUnit);
            assert!(has(&e, INV_5_4, "enterprise_regime"));
            assert!(!has(&e, INV_5_3, "not_approval_system"));
        }
        r.approval_required = true;
        let mut k = Kit::new();
        let t = k.ok(r.clone(), ProjectUnit);
        assert!(t.rules.contains(&INV_5_4) && t.outcomes.is_empty(), "{:?}", t.outcomes);
        // own_funds_only with a mode that is not government money: the same scope.
        let mut r = register("1.00");
        r.mode = FundingMode::OwnFunds;
        r.own_funds_only = true;
        assert!(has(&Kit::new().err(r.clone(), ProjectUnit), INV_5_4, "enterprise_regime"));
        // Not own funds: no outcome.
        assert!(!Kit::new().ok(register("1.00"), ProjectUnit).outcomes.iter().any(|o| o.rule == INV_5_4));
        // 5.4 is not a 原则上 default any more (RULES.md §3.4): no exception for it.
        assert!(crate::exception::authority(INV_5_4).is_none());
    }

    /// Source: INV-5.4 — own funds only together with direct investment or capital injection (government
    /// money, 第五条) is contradictory input: InputError `mode_contradicts_funds`.
    #[test]
    fn own_funds_contradicting_mode() {
        for mode in [FundingMode::DirectInvestment, FundingMode::CapitalInjection] {
            let mut r = register("1.00");
            r.mode = mode;
            r.own_funds_only = true;
            r.approval_required = true;
            match Kit::new().err(r, ProjectUnit) {
                Error::Input(e) => {
                    assert_eq!(e.reason, InputReason::ModeContradictsFunds);
                    assert_eq!(e.path, "facts.own_funds_only");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    /// Source: INV-32.1 — agent construction only for a non-operating project lacking capacity
    /// (M); EPC outside that case is permitted with a warning `outside_art32_case` (RULES.md §3.4
    /// INV-32.1 row, §3.5 B23: 「可以」 prohibits nothing else).
    #[test]
    fn construction_mode_32_1() {
        let mut r = register("1.00");
        r.construction_mode = ConstructionMode::Epc;
        let mut k = Kit::new();
        let t = k.ok(r.clone(), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Warning, INV_32_1, "outside_art32_case"), "{:?}", t.outcomes);
        r.lacks_capacity = true;
        let mut k = Kit::new();
        assert!(k.ok(r, ProjectUnit).outcomes.is_empty());
        let mut r = register("1.00");
        r.construction_mode = ConstructionMode::AgentConstruction;
        r.lacks_capacity = true;
        r.nature = Nature::Operating;
        r.mode = FundingMode::CapitalInjection;
        let mut k = Kit::new();
        assert!(has(&k.err(r, ProjectUnit), INV_32_1, "not_permitted"));
    }

    /// Source: INV-32.2 — an operating project forms its legal person (traced at registration).
    #[test]
    fn operating_legal_person_32_2() {
        let mut r = register("1.00");
        r.nature = Nature::Operating;
        r.mode = FundingMode::CapitalInjection;
        let mut k = Kit::new();
        assert!(k.ok(r, ProjectUnit).rules.contains(&INV_32_2));
    }

    /// Source: DIG-14.4 — a budget-funded DIG project is not registered here (its INV parts run on the DIG log).
    /// Source: DIG-14.5 — a self-funded one files with drc instead.
    #[test]
    fn dig_project_refused() {
        let mut r = register("1.00");
        r.dig_project_id = Some("D1".into());
        let mut k = Kit::new();
        assert!(has(&k.err(r.clone(), ProjectUnit), DIG_14_4, "inv_parts_on_dig_log"));
        r.own_funds_only = true;
        r.mode = FundingMode::OwnFunds;
        r.approval_required = true;
        assert!(has(&k.err(r, ProjectUnit), DIG_14_5, "self_funded_dig_project"));
    }

    /// Source: INV-9.2 — every later event of a non-classified project carries its code (AMB-40);
    /// a classified project needs none.
    #[test]
    fn project_code_on_every_event() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let mut c = k.cmd(proposal(), ProjectUnit);
        c.project_code = None;
        let e = k.p.apply(c).unwrap_err();
        assert!(has(&e, INV_9_2, "missing_project_code"));
        let c = k.cmd(proposal(), ProjectUnit).code("OTHER");
        assert!(has(&k.p.apply(c).unwrap_err(), INV_9_2, "wrong_project_code"));
        let mut k = Kit::new();
        let mut r = register("120000000.00");
        r.classified = true;
        r.project_code = None;
        let mut c = k.cmd(r, ProjectUnit);
        c.project_code = None;
        k.p.apply(c).unwrap();
        let mut c = k.cmd(proposal(), ProjectUnit);
        c.project_code = None;
        k.p.apply(c).unwrap();
    }

    /// Source: INV-53.4 — an interest subsidy without a loan, imported as legacy, is found.
    /// Source: INV-60 — import_legacy: record mode only, earlier facts not judged, flag imported.
    #[test]
    fn import_legacy_60() {
        let imp = ImportLegacy {
            basis_3_2: None,
            budget: Some(yuan!("90000000.00")),
            certified_completed: None,
            classified: false,
            construction_mode: ConstructionMode::SelfBuilt,
            contracts: vec![LegacyContract {
                contract_id: "K-OLD".into(),
                lot: Lot::Construction,
                paid: yuan!("1000000.00"),
                price: yuan!("80000000.00"),
            }],
            dig_project_id: None,
            estimate: Some(yuan!("100000000.00")),
            fsr_estimate: Some(yuan!("95000000.00")),
            industry_authority_org: ORG.into(),
            lacks_capacity: false,
            level: crate::investment::route::Level::Municipal,
            mode: FundingMode::LoanInterestSubsidy,
            name: "老项目".into(),
            nature: Nature::NonOperating,
            original_estimate: None,
            own_funds_only: false,
            paid_total: yuan!("1000000.00"),
            project_code: Some(CODE.into()),
            project_id: "P1".into(),
            route_flags: Default::default(),
            sector: "health".into(),
            state: InvState::UnderConstruction,
            total: yuan!("100000000.00"),
            unit_kind: UnitKind::AdminOrPublicUnit,
            uses_loan: false,
        };
        let mut k = Kit::new();
        k.at("2023-05-01");
        assert!(
            matches!(k.err(imp.clone(), ProjectUnit), Error::Input(ref e) if e.reason == InputReason::InvalidValue)
        );
        k.mode = Mode::Record;
        let t = k.ok(imp, ProjectUnit);
        assert_eq!(t.to, "under_construction");
        assert!(t.outcomes.is_empty() && t.rules.contains(&INV_60));
        let l = k.p.ledger();
        assert!(l.imported && l.fsr_approved && l.budget_done);
        assert_eq!(l.original_estimate, Some(yuan!("100000000.00")));
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.4:subsidy_not_permitted".to_string()));
        k.mode = Mode::Enforce;
        k.at("2023-07-01");
        k.ok(request("R1", Some("K-OLD"), "79000000.00", "80000000.00"), ProjectUnit);
        k.ok(approve_pay("R1"), Finance);
        k.ok(request("R2", Some("K-OLD"), "79000000.01", "90000000.00"), ProjectUnit);
        assert!(has(&k.err(approve_pay("R2"), Finance), INV_35_3, "over_contract"));
    }

    /// Source: INV-8 — a wrong actor on a lifecycle act violates INV-8; industry authority acts need the registered org.
    #[test]
    fn actor_8() {
        let mut k = paying_project();
        let cert = CertifyCompletedInvestment {
            as_of: d("2023-11-20"),
            certified_completed: yuan!("1.00"),
            reference: doc(DocKind::CertifiedCompleted, "x"),
        };
        let mut c = k.cmd(cert.clone(), IndustryAuthority);
        c.actor_org = "南阳市交通运输局".into();
        assert_eq!(rule_of(&k.p.apply(c).unwrap_err()), Some(INV_8));
        assert_eq!(rule_of(&k.err(cert, Finance)), Some(INV_8));
    }

    /// Source: INV-12.2 — AMB-25 parts mode: "in plan" is the injected tasked flag; actors map
    /// soe → project_unit and bigdata_bureau → industry_authority; A := A0 := FSR total; no B cap.
    /// Before the tasking the parts' gate (RULES.md §3.3.4) rejects in enforce mode, so the
    /// untasked acts are recorded: each carries finding DIG-13.3 `not_tasked`, the disbursement
    /// also D INV-12.2.
    #[test]
    fn dig_parts_mode() {
        use crate::log::{Command, MachineId, Stream};
        let mut p = crate::investment::InvestmentProject::dig_parts(
            crate::Context::default(),
            "D1",
            "市政务服务和大数据管理局",
        );
        p.set_dig_fsr_total(yuan!("5000000.00"));
        p.set_dig_fsr_total(yuan!("6000000.00"));
        assert_eq!(p.ledger().original_estimate, Some(yuan!("5000000.00")));
        assert_eq!(p.ledger().estimate, Some(yuan!("6000000.00")));
        let mut seq = 0u32;
        let mut run = |p: &mut crate::investment::InvestmentProject, ev: InvEvent, actor: Actor| {
            let cmd = Command::new(Stream::project(MachineId::Dig, "D1"), ev, actor, d("2023-09-01"))
                .org(if actor == BigdataBureau { "市政务服务和大数据管理局" } else { "" });
            let mut cmd = cmd;
            cmd.stream.machine = MachineId::Inv;
            // Untasked acts are recorded (the gate rejects them in enforce mode).
            cmd.mode = if p.ledger().dig_tasked { Mode::Enforce } else { Mode::Record };
            seq += 1;
            p.step(&cmd, seq, false).map(|s| s.verdict)
        };
        let not_tasked = crate::Outcome::new(OutcomeKind::Finding, DIG_13_3, "not_tasked");
        let v = run(&mut p, contract("K1", Some("T-DIG"), Lot::Construction, "5000000.00", &["I-CI"]).into(), Soe);
        assert_eq!(v.unwrap().outcomes, std::slice::from_ref(&not_tasked));
        run(&mut p, request("R1", Some("K1"), "1000000.00", "5000000.00").into(), Soe).unwrap();
        run(&mut p, approve_pay("R1").into(), Finance).unwrap();
        let v = run(&mut p, disburse("R1", "1000000.00").into(), Finance).unwrap();
        assert_eq!(v.outcomes[0], not_tasked);
        assert!(v.outcomes.iter().any(|o| o.rule == INV_12_2 && o.kind == OutcomeKind::DefaultBreach));
        p.set_dig_tasked(true);
        run(&mut p, request("R2", Some("K1"), "1000000.00", "5000000.00").into(), Soe).unwrap();
        run(&mut p, approve_pay("R2").into(), Finance).unwrap();
        let v = run(&mut p, disburse("R2", "1000000.00").into(), Finance).unwrap();
        assert!(v.outcomes.is_empty(), "{:?}", v.outcomes);
        let v = run(
            &mut p,
            ReportIncident {
                incident_id: "X".into(),
                kind: IncidentKind::Quality,
                reference: doc(DocKind::Opinion, "r"),
            }
            .into(),
            BigdataBureau,
        )
        .unwrap();
        assert!(v.outcomes.is_empty());
        let e = run(&mut p, start("2025-01-01").into(), Soe).unwrap_err();
        assert!(matches!(e, Error::Transition(_)));
        assert!(run(&mut p, approve_pay("R2").into(), Soe).is_err());
    }

    /// Event payloads serialise their fields in code-point order (canonical JSON, RULES.md §1.7).
    #[test]
    fn payload_fields_are_canonical() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        k.ok(request("R1", Some("K-C"), "1.00", "2.00"), ProjectUnit);
        for e in k.p.log().entries() {
            let text = serde_json::to_string(&e.event().facts()).unwrap();
            let sorted: serde_json::Value = serde_json::from_str(&text).unwrap();
            // serde_json's map (without preserve_order) sorts keys: equal text means canonical order.
            assert_eq!(text, serde_json::to_string(&sorted).unwrap(), "{}", e.event().name());
        }
    }
}
