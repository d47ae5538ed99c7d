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
use serde::Serialize;

use crate::actor::Actor;
use crate::config::Context;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::event::{Event, NO_STATE};
use crate::exception::{self, Authority, ExceptionBook};
use crate::finding::{self, Finding};
use crate::investment::events::{InvEvent, RegisterProject, SelectRoute, WithdrawProject};
use crate::investment::ledger::{Ledger, Registration};
use crate::investment::lifecycle::{InvMachine, InvState};
use crate::investment::plan::PlanInputs;
use crate::log::{Command, Log, LogEntry, MachineId, Stream, verify_chain};
use crate::machine::{ActorSpec, Machine, row_allows, row_of};
use crate::obligation::{ObligationBook, ObligationStatus};
use crate::outcome::{Judge, Transition, Verdict};
use crate::rule::RuleId;
use crate::rules::*;

/// What a handler hands back to the pipeline.
pub(crate) struct Step {
    pub(crate) verdict: Verdict,
    pub(crate) from: &'static str,
    pub(crate) to: &'static str,
}

/// Differences found when re-judging a log (RULES.md §1.7: stored outcomes stay authoritative).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplayReport {
    /// Entries whose re-judged outcomes differ from the stored ones.
    pub differences: Vec<ReplayDifference>,
}

/// One entry whose outcomes differ on re-judging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplayDifference {
    /// The entry.
    pub seq: u32,
    /// As stored.
    pub stored: Vec<crate::Outcome>,
    /// As re-judged under the current configuration.
    pub rejudged: Vec<crate::Outcome>,
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
    pub(crate) project_id: String,
    pub(crate) state: Option<InvState>,
    pub(crate) ledger: Ledger,
    pub(crate) exceptions: ExceptionBook,
    pub(crate) obligations: ObligationBook,
    pub(crate) plans: PlanInputs,
    pub(crate) log: Log,
}

impl PartialEq for InvestmentProject {
    fn eq(&self, o: &Self) -> bool {
        self.project_id == o.project_id
            && self.state == o.state
            && self.ledger == o.ledger
            && self.exceptions == o.exceptions
            && self.obligations == o.obligations
            && self.plans == o.plans
            && self.log == o.log
    }
}

impl InvestmentProject {
    /// An empty project (no stream yet) judged with `ctx`; the first command is
    /// `register_project` or `import_legacy`.
    pub fn new(ctx: Context) -> InvestmentProject {
        InvestmentProject {
            ctx,
            project_id: String::new(),
            state: None,
            ledger: Ledger::default(),
            exceptions: ExceptionBook::default(),
            obligations: ObligationBook::default(),
            plans: PlanInputs::default(),
            log: Log::new(),
        }
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
        self.apply_inner(cmd, None)
    }

    /// Parses a command from JSON and applies it.
    ///
    /// # Errors
    /// As [`InvestmentProject::apply`], plus parse errors as [`Error::Input`].
    pub fn apply_json(&mut self, json: &str) -> Result<Transition, Error> {
        self.apply(Command::from_json(json)?)
    }

    fn apply_inner(&mut self, cmd: Command, replay: Option<&LogEntry>) -> Result<Transition, Error> {
        self.log.check_date(cmd.date)?;
        let seq = self.log.next_seq();
        let step = self.step(&cmd, seq, replay.is_some())?;
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

    /// Judges and commits one command without touching the log: the stream checks, the table, the
    /// handler. `seq` is the seq the entry will get; `force` re-judges a stored entry (replay).
    /// A DIG project running the INV parts (AMB-25) calls this on its embedded parts and logs the
    /// entry on its own chain.
    pub(crate) fn step(&mut self, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        self.check_stream(cmd)?;
        match &cmd.event {
            Event::Inv(e) => self.on_inv(e, cmd, seq, force),
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
        }
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
        if cmd.stream.machine == MachineId::Inv && cmd.stream.instance != pid {
            return Err(InputError::new(
                "stream.instance",
                InputReason::WrongStream,
                "the instance of an inv stream is its project_id",
            ));
        }
        Ok(())
    }

    pub(crate) fn judge<'a>(&'a self, cmd: &'a Command, force: bool) -> Judge<'a> {
        if force {
            Judge::replaying(cmd.mode, cmd.event.name(), &self.exceptions)
        } else {
            Judge::new(cmd.mode, cmd.event.name(), &self.exceptions)
        }
    }

    /// The rule a wrong actor violates for an `inv` event (RULES.md §1.6: the rule naming
    /// that actor, else INV-8).
    fn actor_rule(event: &str) -> RuleId {
        match event {
            "approve_proposal" | "approve_fsr" | "verify_estimate" | "approve_design" => INV_13_2,
            "recognize_emergency" => INV_16_1,
            "refuse_approval" => INV_21_5,
            "approve_budget" | "approve_payment" | "disburse_payment" => INV_35_2,
            _ => INV_8,
        }
    }

    /// Checks the actor against the row (and the industry authority's org, RULES.md §1.6).
    pub(crate) fn judge_actor(&self, j: &mut Judge<'_>, spec: ActorSpec, cmd: &Command) {
        let rule = Self::actor_rule(cmd.event.name());
        let ok = match spec {
            ActorSpec::Any(list) => list.contains(&cmd.actor),
            ActorSpec::DesignApprover => self
                .ledger
                .registration
                .as_ref()
                .is_some_and(|r| self.ctx.config().design_approver_for(&r.sector).actor() == cmd.actor),
            ActorSpec::PendingApprover => matches!(cmd.actor, Actor::Drc | Actor::Finance | Actor::IndustryAuthority),
            ActorSpec::Suspender => self.ledger.suspended_from.is_some_and(|(_, a)| a == cmd.actor),
            ActorSpec::RouteApprover => matches!(cmd.actor, Actor::Drc | Actor::IndustryAuthority),
            ActorSpec::Competent => !matches!(cmd.actor, Actor::ProjectUnit | Actor::Contractor | Actor::Supplier),
            // The exception's own authority is judged by the record_exception handler.
            ActorSpec::RuleAuthority => true,
        };
        j.require(rule, ok, "wrong_actor");
        if ok && cmd.actor == Actor::IndustryAuthority {
            let org_ok = self.ledger.registration.as_ref().is_none_or(|r| r.industry_authority_org == cmd.actor_org);
            j.require(rule, org_ok, "wrong_actor");
        }
    }

    fn on_inv(&mut self, e: &InvEvent, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        let name = e.name();
        let state_name = self.state.map(InvState::as_str).unwrap_or(NO_STATE);
        let row =
            row_of::<InvMachine>(name).ok_or_else(|| TransitionError::new("inv", state_name, name, "no_table_row"))?;
        if !row_allows::<InvMachine>(row, self.state) {
            let detail = if self.state.is_some_and(|s| InvMachine::terminal().contains(&s)) { "terminal" } else { "" };
            return Err(TransitionError::new("inv", state_name, name, detail).into());
        }
        let from = state_name;
        match e {
            InvEvent::RegisterProject(p) => self.register_project(p, cmd, row.actor, force, from),
            InvEvent::SelectRoute(p) => self.select_route(p, cmd, row.actor, force, from),
            InvEvent::WithdrawProject(p) => self.withdraw_project(p, cmd, row.actor, force, from),
            InvEvent::RecordException(p) => self.record_exception(p, cmd, seq, force, from),
        }
    }

    fn register_project(
        &mut self,
        p: &RegisterProject,
        cmd: &Command,
        actor: ActorSpec,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        if p.project_id.trim().is_empty() {
            return Err(InputError::new("facts.project_id", InputReason::Empty, "project_id must not be empty").into());
        }
        if cmd.stream.project_id.as_deref() != Some(p.project_id.as_str()) {
            return Err(InputError::new(
                "facts.project_id",
                InputReason::WrongStream,
                "facts.project_id must equal stream.project_id",
            )
            .into());
        }
        let verdict = {
            let mut j = self.judge(cmd, force);
            self.judge_actor(&mut j, actor, cmd);
            // INV-60 (S): effective 2023-06-01; earlier facts are imported as legacy.
            j.scope(INV_60, crate::investment::inv_applies(cmd.date), "before_effective_date");
            // INV-9.2: the platform's code on every event of a non-classified project (AMB-40).
            if !p.classified {
                j.require(
                    INV_9_2,
                    p.project_code.is_some() && cmd.project_code.as_deref() == p.project_code.as_deref(),
                    "missing_project_code",
                );
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
        self.state = Some(InvState::Reserve);
        Ok(Step { verdict, from, to: InvState::Reserve.as_str() })
    }

    fn select_route(
        &mut self,
        p: &SelectRoute,
        cmd: &Command,
        actor: ActorSpec,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        let verdict = {
            let mut j = self.judge(cmd, force);
            self.judge_actor(&mut j, actor, cmd);
            j.verdict()?
        };
        self.ledger.chosen_route = Some(p.chosen_route);
        Ok(Step { verdict, from, to: from })
    }

    fn withdraw_project(
        &mut self,
        p: &WithdrawProject,
        cmd: &Command,
        actor: ActorSpec,
        force: bool,
        from: &'static str,
    ) -> Result<Step, Error> {
        if p.reason.trim().is_empty() {
            return Err(InputError::new("facts.reason", InputReason::Empty, "reason must not be empty").into());
        }
        let verdict = {
            let mut j = self.judge(cmd, force);
            self.judge_actor(&mut j, actor, cmd);
            j.verdict()?
        };
        self.state = Some(InvState::Withdrawn);
        self.cancel_sub_machines();
        Ok(Step { verdict, from, to: InvState::Withdrawn.as_str() })
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
                Authority::DesignApprover => self
                    .ledger
                    .registration
                    .as_ref()
                    .map(|r| vec![self.ctx.config().design_approver_for(&r.sector).actor()])
                    .unwrap_or_default(),
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

    /// Compliance findings as of `as_of` (RULES.md §5).
    pub fn findings(&self, as_of: NaiveDate) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Err(b) = verify_chain(self.log.entries()) {
            out.push(Finding::new(
                INV_57,
                crate::OutcomeKind::Finding,
                "hash_mismatch",
                vec![b.seq],
                self.log.last_date().unwrap_or(as_of),
                crate::finding::FindingSource::Detected,
            ));
        }
        out.extend(finding::stored(self.log.entries(), as_of));
        self.submachine_findings(as_of, &mut out);
        for o in self.obligations.open_as_of(as_of).into_iter().filter(|o| o.overdue) {
            out.push(Finding::new(
                o.obligation.rule,
                crate::OutcomeKind::Finding,
                "overdue",
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

    /// Rebuilds a project from its log (RULES.md §1.7): verifies the chain, re-applies every entry
    /// (stored outcomes stay authoritative) and reports where re-judging under `ctx` differs.
    ///
    /// # Errors
    /// [`Error::Input`] with reason `broken_chain` when the chain does not verify; any error of an
    /// entry that cannot be re-applied (a log not produced by this machine).
    pub fn replay(ctx: Context, log: &Log) -> Result<(InvestmentProject, ReplayReport), Error> {
        Self::replay_entries(ctx, log.entries())
    }

    /// As [`InvestmentProject::replay`] over a slice of entries.
    ///
    /// # Errors
    /// As [`InvestmentProject::replay`].
    pub fn replay_entries(ctx: Context, entries: &[LogEntry]) -> Result<(InvestmentProject, ReplayReport), Error> {
        verify_chain(entries).map_err(|b| {
            InputError::new(
                format!("[{}]", b.seq.saturating_sub(1)),
                InputReason::BrokenChain,
                format!("hash chain broken at seq {} ({}) (F-INV-57)", b.seq, b.detail),
            )
        })?;
        let mut p = InvestmentProject::new(ctx);
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
        // Stored outcomes are authoritative: the log holds them as stored.
        Ok((p, report))
    }

    /// The project as JSON: `{"schema_version":1,"config":{…},"log":[…]}` (rebuilt by replay).
    pub fn to_json(&self) -> String {
        let log: serde_json::Value = serde_json::to_value(self.log.entries()).unwrap_or_default();
        serde_json::json!({
            "schema_version": crate::json::SCHEMA_VERSION,
            "machine": "inv",
            "config": self.ctx.config(),
            "log": log,
        })
        .to_string()
    }

    /// Rebuilds a project from [`InvestmentProject::to_json`] output (embedded calendar).
    ///
    /// # Errors
    /// [`Error::Input`] for malformed JSON or a broken chain; replay errors.
    pub fn from_json(json: &str) -> Result<InvestmentProject, Error> {
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

    /// The stream of this project's lifecycle.
    pub fn stream(&self) -> Stream {
        Stream::project(MachineId::Inv, &self.project_id)
    }

    /// A Mermaid diagram of the lifecycle with the current state highlighted.
    pub fn mermaid(&self) -> String {
        crate::machine::mermaid::<InvMachine>(self.state)
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
        p.apply(Command::new(p.stream(), InvEvent::from(exc), Actor::ExecutiveMeeting, d("2023-07-04"))).unwrap();
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
        let cmd = Command::new(p.stream(), InvEvent::from(exc.clone()), Actor::Finance, d("2023-07-04"));
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
