//! The machine-specific part of `permitted_events` ([`Permits`] per machine) and the public
//! `permitted_events` / `what_if` of every stream type. The checks are the handlers' own
//! functions (`actor_fits`, `sub_refusal`, `judge_completion_blockers`, `funding_suspension`,
//! `in_plan_on`, the plan date judgements, `judge_collection`), so the screen cannot drift from
//! `apply`.

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::digital::cycle::DigCycleMachine;
use crate::digital::lifecycle::DigMachine;
use crate::digital::{DigCycle, DigitalProject, roles};
use crate::error::Error;
use crate::exception::{self, Authority, ExceptionBook};
use crate::investment::accountability::AccountabilityMachine;
use crate::investment::change::ChangeMachine;
use crate::investment::estimate::AdjustmentMachine;
use crate::investment::lifecycle::InvMachine;
use crate::investment::plan::{PlanMachine, judge_meeting_date, judge_submission_date, plan_dates};
use crate::investment::{AnnualPlan, InvestmentProject};
use crate::log::{Command, MachineId};
use crate::machine::kernel::Pipeline;
use crate::machine::{ActorSpec, Machine, Row, row_allows};
use crate::obligation::Obligation;
use crate::outcome::{Judge, Transition};
use crate::permitted::{LotGate, Permits, Permitted, StreamPermits, discharged, split, stream_permits};
use crate::rule::RuleId;
use crate::rules::*;
use crate::workspace::Workspace;

/// Every actor that may grant an exception to some D-rule (RULES.md §1.8): the actors of a
/// `record_exception` row; which rule an actor may except is judged when the facts name it.
fn exception_authorities() -> &'static [Actor] {
    static AUTH: OnceLock<Vec<Actor>> = OnceLock::new();
    AUTH.get_or_init(|| {
        let mut out: Vec<Actor> = Vec::new();
        for r in RuleId::all() {
            match exception::authority(r) {
                Some(Authority::Actor(a)) => out.push(a),
                Some(Authority::DesignApprover | Authority::AdjustmentApprover) => {
                    out.extend([Actor::Drc, Actor::IndustryAuthority]);
                }
                None => {}
            }
        }
        Actor::ALL.iter().copied().filter(|a| out.contains(a)).collect()
    })
}

// ---------------------------------------------------------------------------------------------
// inv

struct InvStream<'a>(&'a InvestmentProject);

impl Permits for InvStream<'_> {
    type M = InvMachine;

    fn state(&self) -> Option<crate::investment::lifecycle::InvState> {
        self.0.state
    }

    fn refuse(&self, row: &Row<crate::investment::lifecycle::InvState>) -> Option<&'static str> {
        let p = self.0;
        if p.is_dig_parts() {
            return (!crate::investment::project::PARTS_EVENTS.contains(&row.event)).then_some("not_an_inv_part");
        }
        if row_allows::<InvMachine>(row, p.state) {
            use crate::investment::lifecycle::InvState::{Accepted, UnderConstruction, WorksCompleted};
            let after_start = matches!(p.state, Some(UnderConstruction | WorksCompleted | Accepted));
            match row.event {
                // `resume_funding` needs suspended funding (apply: an input error).
                "resume_funding" => (!p.ledger.funding_suspended).then_some("funding_not_suspended"),
                // RULES.md §3.5 A6: after the start the budget review runs only on emergency_merged
                // (apply: TransitionError not_emergency_merged), its refusal only while pending.
                "complete_cd_review" | "submit_budget" | "approve_budget" | "refuse_approval"
                    if after_start && !p.on_emergency_merged() =>
                {
                    Some("not_emergency_merged")
                }
                "refuse_approval" if after_start && p.ledger.pending_budget.is_none() => Some("no_pending_review"),
                "approve_budget" if after_start && p.ledger.pending_budget.is_none() => Some("no_pending_budget"),
                _ => None,
            }
        } else if p.state.is_some_and(|s| InvMachine::terminal().contains(&s)) {
            Some("terminal")
        } else {
            Some("")
        }
    }

    fn actor_fits(&self, row: &Row<crate::investment::lifecycle::InvState>, actor: Actor) -> bool {
        let p = self.0;
        match row.actor {
            ActorSpec::RuleAuthority => exception_authorities().contains(&actor),
            // In parts mode the host's actors play project_unit and industry_authority.
            spec => p.actor_fits(spec, row.event, p.effective_actor(actor), None),
        }
    }

    fn actor_rule(&self, row: &Row<crate::investment::lifecycle::InvState>) -> RuleId {
        InvestmentProject::inv_actor_rule(row.event)
    }

    fn exceptions(&self) -> &ExceptionBook {
        &self.0.exceptions
    }

    fn judge_row(&self, row: &Row<crate::investment::lifecycle::InvState>, as_of: NaiveDate, j: &mut Judge<'_>) {
        let p = self.0;
        match row.event {
            "approve_payment" | "disburse_payment" => {
                // Payment check (7): funding suspended under INV-55.x.
                if let Some(rule) = p.funding_suspension() {
                    j.require(rule, false, "funding_suspended");
                }
                // Payment check (8), at disbursement: in the plan of the year (D, INV-12.2).
                if row.event == "disburse_payment" {
                    j.default_rule(INV_12_2, p.in_plan_on(as_of, None), "not_in_plan");
                }
            }
            "complete_works" => p.judge_completion_blockers(j),
            _ => {}
        }
    }

    fn discharges(&self, row: &Row<crate::investment::lifecycle::InvState>) -> Vec<Obligation> {
        discharged(&self.0.obligations, row.event, None)
    }

    fn lot_gates(&self, row: &Row<crate::investment::lifecycle::InvState>) -> Vec<LotGate> {
        use crate::investment::gates::{GateAct, LotClass};
        let p = self.0;
        let (act, classes): (GateAct, &[LotClass]) = match row.event {
            "award_contract" => {
                (GateAct::Award, &[LotClass::P, LotClass::PTendered, LotClass::Ag, LotClass::M, LotClass::W])
            }
            "issue_tender" => {
                (GateAct::Tender, &[LotClass::P, LotClass::PTendered, LotClass::Ag, LotClass::M, LotClass::W])
            }
            "request_payment" | "approve_payment" | "disburse_payment" => {
                (GateAct::Payment, &[LotClass::P, LotClass::Ag, LotClass::L, LotClass::M, LotClass::W])
            }
            _ => return Vec::new(),
        };
        if p.is_dig_parts() {
            return Vec::new();
        }
        classes
            .iter()
            .map(|class| {
                let mut j = Judge::new(crate::outcome::Mode::Enforce, row.event, &p.exceptions);
                p.judge_gates_for(&mut j, act, *class);
                let (blockers, cautions) = split(&j);
                LotGate { class: *class, open: blockers.is_empty(), blockers, cautions }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// change, adjustment, accountability

struct SubStream<'a, M: Machine> {
    p: &'a InvestmentProject,
    instance: Option<&'a str>,
    state: Option<M::State>,
}

/// The rule a wrong actor of a sub-machine event violates (the rule each handler passes to
/// `judge_roles`).
fn sub_actor_rule(machine: MachineId, event: &str) -> RuleId {
    match (machine, event) {
        (MachineId::Change, "propose_change" | "internal_review" | "approve_change" | "reject_change") => INV_41,
        (MachineId::Change, "finance_review_change") => INV_48_1,
        (MachineId::Change, "consent_extra_funds") => INV_43,
        (MachineId::Change, "emergency_change_order" | "confirm_emergency_change") => INV_44_1,
        (MachineId::Change, "file_post_hoc_change") => INV_44_2,
        (MachineId::Adjustment, "third_party_evaluate") => INV_49_1,
        (MachineId::Adjustment, "gov_consent_adjustment") => INV_48_2,
        (MachineId::Adjustment, "approve_adjustment" | "reject_adjustment") => INV_45_1,
        (MachineId::Adjustment, "finance_review_adjustment") => INV_48_1,
        (MachineId::Accountability, "fund_overrun") => INV_50_2,
        (MachineId::Accountability, _) => INV_50_1,
        _ => INV_8,
    }
}

impl<M: Machine> Permits for SubStream<'_, M> {
    type M = M;

    fn state(&self) -> Option<M::State> {
        self.state
    }

    fn refuse(&self, row: &Row<M::State>) -> Option<&'static str> {
        self.p.sub_refusal::<M>(row, self.state).or_else(|| {
            // RULES.md §3.5 D6: from change_implemented only an unauthorised change is reviewed and
            // approved again (apply: TransitionError not_unauthorised).
            let implemented = self.state.is_some_and(|s| M::state_name(s) == "change_implemented");
            let regularising = matches!(row.event, "internal_review" | "approve_change");
            let unauthorised =
                self.instance.and_then(|id| self.p.ledger.changes.get(id)).is_some_and(|c| c.unauthorised);
            (M::ID == MachineId::Change && implemented && regularising && !unauthorised).then_some("not_unauthorised")
        })
    }

    fn actor_fits(&self, row: &Row<M::State>, actor: Actor) -> bool {
        let p = self.p;
        match row.actor {
            ActorSpec::Any(roles) => roles.iter().any(|r| p.role_actor(*r) == actor),
            ActorSpec::RouteApprover => {
                [Actor::Drc, Actor::IndustryAuthority].iter().any(|r| p.role_actor(*r) == actor)
            }
            ActorSpec::RuleAuthority => exception_authorities().contains(&actor),
            spec => p.actor_fits(spec, row.event, actor, None),
        }
    }

    fn actor_rule(&self, row: &Row<M::State>) -> RuleId {
        sub_actor_rule(M::ID, row.event)
    }

    fn exceptions(&self) -> &ExceptionBook {
        &self.p.exceptions
    }

    fn judge_row(&self, row: &Row<M::State>, _as_of: NaiveDate, j: &mut Judge<'_>) {
        // INV-55.x: no implementation while the host project (an INV project, or the DIG project
        // of AMB-25 parts) is suspended — as `implement_change` judges it.
        if M::ID == MachineId::Change
            && row.event == "implement_change"
            && let Some(rule) = self.p.host_suspension()
        {
            j.require(rule, false, "project_suspended");
        }
    }

    fn discharges(&self, row: &Row<M::State>) -> Vec<Obligation> {
        match self.instance {
            Some(i) => discharged(&self.p.obligations, row.event, Some(i)),
            None => Vec::new(),
        }
    }
}

impl InvestmentProject {
    /// The streams of this project's screen: the `inv` lifecycle (absent in parts mode), then for
    /// change, adjustment and accountability the table of a new instance and of every instance
    /// not in a terminal state, or terminal but still taking an event (by id).
    fn streams_permitted(&self, as_of: NaiveDate, actor: Option<Actor>, out: &mut Vec<StreamPermits>) {
        let pid = (!self.project_id.is_empty()).then_some(self.project_id.as_str());
        if !self.is_dig_parts() {
            out.push(stream_permits(&InvStream(self), pid, pid, as_of, actor));
        }
        let l = &self.ledger;
        self.subs_permitted::<ChangeMachine>(
            pid,
            l.changes.iter().map(|(id, c)| (id.as_str(), c.state)),
            as_of,
            actor,
            out,
        );
        self.subs_permitted::<AdjustmentMachine>(
            pid,
            l.adjustments.iter().map(|(id, a)| (id.as_str(), a.state)),
            as_of,
            actor,
            out,
        );
        self.subs_permitted::<AccountabilityMachine>(
            pid,
            l.cases.iter().map(|(id, c)| (id.as_str(), c.state)),
            as_of,
            actor,
            out,
        );
    }

    fn subs_permitted<'a, M: Machine>(
        &'a self,
        pid: Option<&str>,
        instances: impl Iterator<Item = (&'a str, M::State)>,
        as_of: NaiveDate,
        actor: Option<Actor>,
        out: &mut Vec<StreamPermits>,
    ) {
        if !self.host_exists() {
            return;
        }
        out.push(stream_permits(&SubStream::<M> { p: self, instance: None, state: None }, pid, None, as_of, actor));
        for (id, state) in instances {
            // A terminal instance stays on the screen while a row still takes it (the finance
            // review and the 43 consent of an implemented change, RULES.md §3.5 A5/D6).
            let open = !M::terminal().contains(&state) || M::rows().iter().any(|r| row_allows::<M>(r, Some(state)));
            if open {
                let s = SubStream::<M> { p: self, instance: Some(id), state: Some(state) };
                out.push(stream_permits(&s, pid, Some(id), as_of, actor));
            }
        }
    }

    /// What may happen next (issue 13): every event of the `inv` table and of the change,
    /// adjustment and accountability tables (a new instance, and each open one), in table order,
    /// with the actors that may perform it, whether it is allowed now (for `actor` when given)
    /// and, if not, the reasons that do not depend on the event's facts; allowed events list the
    /// obligations they would discharge. See [`crate::permitted`].
    pub fn permitted_events(&self, as_of: NaiveDate, actor: Option<Actor>) -> Permitted {
        let mut streams = Vec::new();
        self.streams_permitted(as_of, actor, &mut streams);
        Permitted { as_of, actor, streams }
    }

    /// The [`Transition`] `cmd` would produce — accepted, or the error with every outcome — with
    /// nothing changed: the same answer as `apply` on a clone. The one pipeline judges and
    /// commits it inside a trial that is then taken back (`Pipeline::what_if_entry`): the
    /// state and the ledger's bounded parts are saved, the payment requests and obligations
    /// (which grow with the log) journalled and undone, the log only read — `&mut` only for the
    /// trial; nothing is copied in proportion to the log.
    ///
    /// # Errors
    /// As [`InvestmentProject::apply`].
    pub fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.what_if_entry(&cmd)
    }
}

// ---------------------------------------------------------------------------------------------
// plan

struct PlanStream<'a>(&'a AnnualPlan);

impl Permits for PlanStream<'_> {
    type M = PlanMachine;

    fn state(&self) -> Option<crate::investment::plan::PlanState> {
        self.0.state()
    }

    fn refuse(&self, row: &Row<crate::investment::plan::PlanState>) -> Option<&'static str> {
        let state = self.0.state();
        if row_allows::<PlanMachine>(row, state) {
            None
        } else if state.is_none() {
            Some("unknown_instance")
        } else {
            Some("")
        }
    }

    fn actor_fits(&self, row: &Row<crate::investment::plan::PlanState>, actor: Actor) -> bool {
        match row.actor {
            ActorSpec::Any(list) => list.contains(&actor),
            _ => exception_authorities().contains(&actor),
        }
    }

    fn actor_rule(&self, row: &Row<crate::investment::plan::PlanState>) -> RuleId {
        match row.event {
            "submit_for_plan" => INV_29_1,
            "compile_draft" => INV_27,
            "submit_draft_to_meeting" | "meeting_decide" => INV_29_3,
            "issue_plan" => INV_29_4,
            "add_out_of_plan" => INV_30_2,
            _ => INV_8,
        }
    }

    fn exceptions(&self) -> &ExceptionBook {
        self.0.exceptions()
    }

    fn judge_row(&self, row: &Row<crate::investment::plan::PlanState>, as_of: NaiveDate, j: &mut Judge<'_>) {
        let Some(year) = self.0.year() else { return };
        let ctx = self.0.context();
        let Ok(dates) = plan_dates(year, ctx.config(), ctx.ruleset_at(as_of)) else { return };
        match row.event {
            "submit_for_plan" => judge_submission_date(j, &dates, as_of),
            "submit_draft_to_meeting" => judge_meeting_date(j, &dates, as_of),
            _ => {}
        }
    }

    fn discharges(&self, row: &Row<crate::investment::plan::PlanState>) -> Vec<Obligation> {
        discharged(self.0.obligation_book(), row.event, None)
    }
}

impl AnnualPlan {
    fn stream_permitted(&self, as_of: NaiveDate, actor: Option<Actor>) -> StreamPermits {
        let year = self.year().map(|y| y.to_string());
        stream_permits(&PlanStream(self), None, year.as_deref(), as_of, actor)
    }

    /// What may happen next on this plan year (see [`InvestmentProject::permitted_events`]).
    pub fn permitted_events(&self, as_of: NaiveDate, actor: Option<Actor>) -> Permitted {
        Permitted { as_of, actor, streams: vec![self.stream_permitted(as_of, actor)] }
    }

    /// The transition `cmd` would produce, nothing changed (see [`InvestmentProject::what_if`]).
    ///
    /// # Errors
    /// As [`AnnualPlan::apply`].
    pub fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.what_if_entry(&cmd)
    }
}

// ---------------------------------------------------------------------------------------------
// dig

struct DigStream<'a>(&'a DigitalProject);

impl Permits for DigStream<'_> {
    type M = DigMachine;

    fn state(&self) -> Option<crate::digital::lifecycle::DigState> {
        self.0.state
    }

    fn refuse(&self, row: &Row<crate::digital::lifecycle::DigState>) -> Option<&'static str> {
        let state = self.0.state;
        if row_allows::<DigMachine>(row, state) {
            None
        } else if state.is_some_and(|s| DigMachine::terminal().contains(&s)) {
            Some("terminal")
        } else {
            Some("")
        }
    }

    fn actor_fits(&self, row: &Row<crate::digital::lifecycle::DigState>, actor: Actor) -> bool {
        match row.actor {
            ActorSpec::RuleAuthority => exception_authorities().contains(&actor),
            spec => self.0.actor_fits(spec, row.event, actor),
        }
    }

    fn actor_rule(&self, row: &Row<crate::digital::lifecycle::DigState>) -> RuleId {
        let basic = self.0.ledger.registration.as_ref().is_some_and(|r| r.basic_supporting);
        crate::digital::DigEventKind::parse(row.event).map_or(DIG_5, |k| roles::actor_rule(k, basic))
    }

    fn exceptions(&self) -> &ExceptionBook {
        &self.0.exceptions
    }

    fn discharges(&self, row: &Row<crate::digital::lifecycle::DigState>) -> Vec<Obligation> {
        discharged(&self.0.obligations, row.event, None)
    }
}

// ---------------------------------------------------------------------------------------------
// the INV parts of a budget-funded DIG project (AMB-25)

/// The `inv` events a budget-funded DIG project runs on its own log (AMB-25), judged as
/// `DigitalProject::on_inv_part` judges them: the DIG project's state first
/// (`inv_parts_gate`: none before registration or for a legacy project; a stopped or withdrawn
/// project takes only the close-out and liability events), the literal INV roles refused under
/// DIG-5 (soe plays the project unit, bigdata_bureau the industry authority), then the embedded
/// investment machine's own checks, and the AMB-25 warning each part carries until the ruling.
struct PartsStream<'a> {
    d: &'a DigitalProject,
    parts: &'a InvestmentProject,
}

impl Permits for PartsStream<'_> {
    type M = InvMachine;

    fn state(&self) -> Option<crate::investment::lifecycle::InvState> {
        self.parts.state
    }

    fn lists(&self, row: &Row<crate::investment::lifecycle::InvState>) -> bool {
        crate::investment::project::PARTS_EVENTS.contains(&row.event)
    }

    fn refuse(&self, row: &Row<crate::investment::lifecycle::InvState>) -> Option<&'static str> {
        use crate::digital::lifecycle::DigState;
        let any_state = matches!(
            row.event,
            "report_incident" | "open_liability_case" | "decide_recourse" | "record_exception" | "recover_funds"
        );
        let open = match self.d.state {
            None | Some(DigState::DigLegacy) => false,
            Some(DigState::Stopped | DigState::Withdrawn) => any_state,
            Some(_) => true,
        };
        if !open {
            Some("terminal")
        } else if row.event == "resume_funding" && !self.parts.ledger.funding_suspended {
            // As on an INV project: `resume_funding` needs suspended funding (apply: an input error).
            Some("funding_not_suspended")
        } else {
            InvStream(self.parts).refuse(row)
        }
    }

    fn actor_fits(&self, row: &Row<crate::investment::lifecycle::InvState>, actor: Actor) -> bool {
        !matches!(actor, Actor::ProjectUnit | Actor::IndustryAuthority) && InvStream(self.parts).actor_fits(row, actor)
    }

    fn actor_rule(&self, row: &Row<crate::investment::lifecycle::InvState>) -> RuleId {
        InvestmentProject::inv_actor_rule(row.event)
    }

    fn actor_rule_for(&self, row: &Row<crate::investment::lifecycle::InvState>, actor: Actor) -> RuleId {
        // DIG-5: the bureau is the soe's competent department; the INV role names are not DIG bodies.
        if matches!(actor, Actor::ProjectUnit | Actor::IndustryAuthority) { DIG_5 } else { self.actor_rule(row) }
    }

    fn exceptions(&self) -> &ExceptionBook {
        &self.parts.exceptions
    }

    fn judge_row(&self, row: &Row<crate::investment::lifecycle::InvState>, as_of: NaiveDate, j: &mut Judge<'_>) {
        InvStream(self.parts).judge_row(row, as_of, j);
        crate::digital::funding::warn_amb25(j, self.d.ctx.config());
    }

    fn discharges(&self, row: &Row<crate::investment::lifecycle::InvState>) -> Vec<Obligation> {
        InvStream(self.parts).discharges(row)
    }
}

impl DigitalProject {
    fn streams_permitted(&self, as_of: NaiveDate, actor: Option<Actor>, out: &mut Vec<StreamPermits>) {
        let pid = (!self.project_id.is_empty()).then_some(self.project_id.as_str());
        out.push(stream_permits(&DigStream(self), pid, pid, as_of, actor));
        if let Some(parts) = &self.parts {
            // The parts' `inv` events, tagged with their host (AMB-25): refusals name the DIG
            // project's state, as `apply` does.
            let mut s = stream_permits(&PartsStream { d: self, parts }, pid, pid, as_of, actor);
            s.parts_of = Some(MachineId::Dig);
            s.state = self.state_name();
            for e in &mut s.events {
                for b in &mut e.blockers {
                    if let crate::permitted::Reason::Transition(t) = b {
                        t.state = s.state.into();
                    }
                }
            }
            out.push(s);
            parts.streams_permitted(as_of, actor, out);
        }
    }

    /// What may happen next (see [`InvestmentProject::permitted_events`]): the `dig` table, then
    /// for a budget-funded project its INV parts (AMB-25) — the `inv` events the parts run
    /// (`parts_of: dig`), then the change, adjustment and accountability tables.
    pub fn permitted_events(&self, as_of: NaiveDate, actor: Option<Actor>) -> Permitted {
        let mut streams = Vec::new();
        self.streams_permitted(as_of, actor, &mut streams);
        Permitted { as_of, actor, streams }
    }

    /// The transition `cmd` would produce, nothing changed (see [`InvestmentProject::what_if`]):
    /// the project's log and its parts' mirror of it are only read, the parts' payment requests
    /// and both obligation books journalled.
    ///
    /// # Errors
    /// As [`DigitalProject::apply`].
    pub fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.what_if_entry(&cmd)
    }
}

// ---------------------------------------------------------------------------------------------
// dig_cycle

struct CycleStream<'a> {
    c: &'a DigCycle,
    year: i32,
}

impl Permits for CycleStream<'_> {
    type M = DigCycleMachine;

    fn state(&self) -> Option<crate::digital::cycle::DigCycleState> {
        self.c.state()
    }

    fn refuse(&self, row: &Row<crate::digital::cycle::DigCycleState>) -> Option<&'static str> {
        let state = self.c.state();
        if row_allows::<DigCycleMachine>(row, state) {
            None
        } else if state.is_some_and(|s| DigCycleMachine::terminal().contains(&s)) {
            Some("terminal")
        } else {
            Some("")
        }
    }

    fn actor_fits(&self, row: &Row<crate::digital::cycle::DigCycleState>, actor: Actor) -> bool {
        match row.actor {
            ActorSpec::RuleAuthority => exception_authorities().contains(&actor),
            spec => roles::actor_allowed(spec, actor, None),
        }
    }

    fn actor_rule(&self, row: &Row<crate::digital::cycle::DigCycleState>) -> RuleId {
        crate::digital::cycle::actor_rule(row.event)
    }

    fn exceptions(&self) -> &ExceptionBook {
        self.c.exceptions()
    }

    fn judge_row(&self, row: &Row<crate::digital::cycle::DigCycleState>, as_of: NaiveDate, j: &mut Judge<'_>) {
        if row.event == "collect_demands" {
            self.c.judge_collection(j, self.year, as_of);
        }
    }
}

impl DigCycle {
    fn stream_permitted(&self, year: i32, as_of: NaiveDate, actor: Option<Actor>) -> StreamPermits {
        let y = year.to_string();
        stream_permits(&CycleStream { c: self, year }, None, Some(&y), as_of, actor)
    }

    /// What may happen next on this cycle (see [`InvestmentProject::permitted_events`]).
    pub fn permitted_events(&self, as_of: NaiveDate, actor: Option<Actor>) -> Permitted {
        Permitted { as_of, actor, streams: vec![self.stream_permitted(self.year(), as_of, actor)] }
    }

    /// The transition `cmd` would produce, nothing changed (see [`InvestmentProject::what_if`]).
    ///
    /// # Errors
    /// As [`DigCycle::apply`].
    pub fn what_if(&mut self, cmd: Command) -> Result<Transition, Error> {
        self.what_if_entry(&cmd)
    }
}

// ---------------------------------------------------------------------------------------------
// workspace

impl Workspace {
    /// What may happen next on every stream (see [`InvestmentProject::permitted_events`]):
    /// investment projects by id, plan years, digital projects by id, DIG cycles by year.
    pub fn permitted_events(&self, as_of: NaiveDate, actor: Option<Actor>) -> Permitted {
        let mut streams = Vec::new();
        for p in self.investments().map(|(_, p)| p) {
            p.streams_permitted(as_of, actor, &mut streams);
        }
        for plan in self.plans().map(|(_, p)| p) {
            streams.push(plan.stream_permitted(as_of, actor));
        }
        for d in self.digitals().map(|(_, d)| d) {
            d.streams_permitted(as_of, actor, &mut streams);
        }
        for (year, c) in self.cycles() {
            streams.push(c.stream_permitted(*year, as_of, actor));
        }
        Permitted { as_of, actor, streams }
    }

    /// The screen of one project (`id` its project id: investment or digital, with its
    /// sub-machines; `machine` `inv` or `dig` says which kind a project not created yet is), a
    /// plan year (`plan`, `id` the year) or a DIG cycle (`dig_cycle`, the year). A stream not
    /// created yet shows the table of a new one (its creating events). `None`: `id` is not a year
    /// for a plan or cycle.
    pub fn permitted_events_of(
        &self,
        machine: MachineId,
        id: &str,
        as_of: NaiveDate,
        actor: Option<Actor>,
    ) -> Option<Permitted> {
        let mut streams = Vec::new();
        match machine {
            MachineId::Inv | MachineId::Change | MachineId::Adjustment | MachineId::Accountability | MachineId::Dig => {
                if let Some(p) = self.investment(id) {
                    p.streams_permitted(as_of, actor, &mut streams);
                } else if let Some(d) = self.digital(id) {
                    d.streams_permitted(as_of, actor, &mut streams);
                } else if machine == MachineId::Dig {
                    DigitalProject::new(self.context().clone()).streams_permitted(as_of, actor, &mut streams);
                } else {
                    InvestmentProject::new(self.context().clone()).streams_permitted(as_of, actor, &mut streams);
                }
            }
            MachineId::Plan => {
                let year: i32 = id.parse().ok()?;
                streams.push(match self.plan(year) {
                    Some(plan) => plan.stream_permitted(as_of, actor),
                    None => AnnualPlan::new(self.context().clone()).stream_permitted(as_of, actor),
                });
            }
            MachineId::DigCycle => {
                let year: i32 = id.parse().ok()?;
                streams.push(match self.cycle(year) {
                    Some(c) => c.stream_permitted(year, as_of, actor),
                    None => DigCycle::new(self.context().clone()).stream_permitted(year, as_of, actor),
                });
            }
        }
        Some(Permitted { as_of, actor, streams })
    }
}

macro_rules! what_if_json {
    ($($t:ty),*) => {$(
        impl $t {
            /// Parses a command and asks [`Self::what_if`].
            ///
            /// # Errors
            /// As `what_if`, plus parse errors as [`Error::Input`].
            pub fn what_if_json(&mut self, json: &str) -> Result<Transition, Error> {
                self.what_if(Command::from_json(json)?)
            }
        }
    )*};
}

what_if_json!(InvestmentProject, AnnualPlan, DigitalProject, DigCycle, Workspace);
