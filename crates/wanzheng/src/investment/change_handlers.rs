//! Handlers of the change sub-machine (RULES.md §3.1.4, §3.1.6 (c); INV-23.3, 23.4, 40–44, 48).
//!
//! Each handler judges read-only into a `Judge`, calls `verdict()?`, then commits infallibly.
//! Figures come from the ledger only (A, A0, W, pending δ, contracts), so a parts host (AMB-25)
//! can run them.

use crate::actor::{Actor, DocRef};
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::investment::InvestmentProject;
use crate::investment::change::{
    ApproveChange, ChangeEvent, ChangeMachine, ChangeRecord, ChangeState, ConfirmEmergencyChange, ConsentExtraFunds,
    ContractAfter, EmergencyChangeOrder, EstimateDelta, FilePostHocChange, FinanceReviewChange, InternalReview,
    MaterialChange, ProposeChange, RejectChange, Situation, WithdrawChange, post_hoc_deadline,
};
use crate::investment::estimate::{OverrunCause, OverrunFacts, OverrunRoute, OverrunRouteKind, overrun_route};
use crate::log::Command;
use crate::machine::kernel::{Call, Next, Step};
use crate::money::Yuan;
use crate::rules::*;

use ChangeState::*;

/// The duty INV-44.2 opens (obligation name).
pub(crate) const POST_HOC_FILING: &str = "post_hoc_change_filing";

/// The participants of the internal review and their opinions (INV-41, 42(1)).
const PARTICIPANTS: [Actor; 4] = [Actor::SurveyUnit, Actor::DesignUnit, Actor::SupervisionUnit, Actor::Contractor];

/// The decision of drc on an estimate-excess report, read from the lifecycle's log (INV-23.4).
#[derive(Debug, Clone, PartialEq, Eq)]
enum ExcessStatus {
    /// No report covering the material changes (23.3).
    NotReported,
    /// Reported; no decision yet, or the given decision.
    Reported(Option<String>),
}

/// INV-23.3/23.4 over the facts of the lifecycle's entries (seq, facts): the first report whose
/// `changes` cover `material`, then the last `decision` of drc after it.
fn excess_status_of(
    reports: &[(u32, serde_json::Value)],
    decisions: &[(u32, serde_json::Value)],
    material: &[MaterialChange],
) -> ExcessStatus {
    let covers = |v: &serde_json::Value| {
        let listed = v.get("changes").and_then(|c| c.as_array());
        material.iter().all(|m| listed.is_some_and(|l| l.iter().any(|x| x.as_str() == Some(m.as_str()))))
    };
    let Some(report_seq) = reports.iter().find(|(_, v)| covers(v)).map(|(s, _)| *s) else {
        return ExcessStatus::NotReported;
    };
    let decision = decisions
        .iter()
        .rfind(|(s, _)| *s > report_seq)
        .and_then(|(_, v)| v.get("decision").and_then(|d| d.as_str()).map(str::to_owned));
    ExcessStatus::Reported(decision)
}

impl InvestmentProject {
    /// Dispatches a change event (RULES.md §3.1.6 (c)); after the kernel settles the state, the
    /// change's money goes to the bucket its state and flags now call for (`rebucket`).
    // Kept out of `step_event` (rare events): inlined, its size kept the judged route's
    // `step_event` from being inlined into `step` (+0.36 % instructions, callgrind).
    #[inline(never)]
    pub(crate) fn on_change(&mut self, e: &ChangeEvent, cmd: &Command, seq: u32, force: bool) -> Result<Step, Error> {
        // A new change on a terminal project is refused in `sub_row` (project_terminal).
        let step = self.sub_step::<ChangeMachine>(cmd, seq, force, |this, c| match e {
            ChangeEvent::ProposeChange(p) => this.propose_change(p, c),
            ChangeEvent::InternalReview(p) => this.internal_review(p, c),
            ChangeEvent::ApproveChange(p) => this.approve_change(p, c),
            ChangeEvent::RejectChange(p) => this.reject_change(p, c),
            ChangeEvent::WithdrawChange(p) => this.withdraw_change(p, c),
            ChangeEvent::FinanceReviewChange(p) => this.finance_review_change(p, c),
            ChangeEvent::ConsentExtraFunds(p) => this.consent_extra_funds(p, c),
            ChangeEvent::ImplementChange(p) => this.implement_change(p, c),
            ChangeEvent::EmergencyChangeOrder(p) => this.emergency_change_order(p, c),
            ChangeEvent::ConfirmEmergencyChange(p) => this.confirm_emergency_change(p, c),
            ChangeEvent::FilePostHocChange(p) => this.file_post_hoc_change(p, c),
        })?;
        self.rebucket(cmd.stream.instance.as_str());
        Ok(step)
    }

    fn change(&self, cmd: &Command, from: &'static str) -> Result<&ChangeRecord, Error> {
        self.ledger
            .changes
            .get(cmd.stream.instance.as_str())
            .ok_or_else(|| TransitionError::new("change", from, cmd.event.name(), "unknown_instance").into())
    }

    fn estimate_or_refuse(&self, machine: &'static str, from: &'static str, cmd: &Command) -> Result<Yuan, Error> {
        self.current_estimate()
            .ok_or_else(|| TransitionError::new(machine, from, cmd.event.name(), "no_estimate").into())
    }

    /// N with the change's δ as "this δ" unless N already counts it (RULES.md §3.3.7).
    fn judged_new_total(&self, ch: &ChangeRecord, path: &str) -> Result<Yuan, Error> {
        let this = if ch.counted { EstimateDelta::default() } else { ch.estimate_delta };
        self.new_total_of(this, path)
    }

    fn new_total_of(&self, d: EstimateDelta, path: &str) -> Result<Yuan, Error> {
        self.derive_new_total(d.delta()).ok_or_else(|| {
            InputError::new(path, InputReason::InvalidValue, "the new total N = A + pending δ + δ would be negative")
                .into()
        })
    }

    fn check_change_input(
        &self,
        id: &str,
        description: &str,
        contracts: &[ContractAfter],
        cmd: &Command,
    ) -> Result<(), InputError> {
        if id != cmd.stream.instance.as_str() {
            return Err(InputError::new(
                "facts.change_id",
                InputReason::WrongStream,
                "change_id must equal stream.instance",
            ));
        }
        if id.trim().is_empty() {
            return Err(InputError::new("facts.change_id", InputReason::Empty, "change_id must not be empty"));
        }
        if description.trim().is_empty() {
            return Err(InputError::new("facts.description", InputReason::Empty, "describe the change"));
        }
        for (i, k) in contracts.iter().enumerate() {
            if self.ledger.contract(&k.contract_id).is_none() {
                return Err(InputError::new(
                    format!("facts.contracts[{i}].contract_id"),
                    InputReason::UnknownId,
                    format!("no contract {:?} in the ledger", k.contract_id),
                ));
            }
            if contracts[..i].iter().any(|o| o.contract_id == k.contract_id) {
                return Err(InputError::new(
                    format!("facts.contracts[{i}].contract_id"),
                    InputReason::InvalidValue,
                    "a contract is listed twice",
                ));
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn new_change(
        &mut self,
        id: &str,
        emergency: bool,
        situation: Option<Situation>,
        major: bool,
        material: Vec<MaterialChange>,
        estimate_delta: EstimateDelta,
        n: Yuan,
        contracts: Vec<ContractAfter>,
        budget_after: Option<Yuan>,
        seq: u32,
    ) {
        self.ledger.changes.insert(
            id.to_string(),
            ChangeRecord {
                change_id: id.to_string(),
                // The state the change opens in, before the kernel settles the step's to-state.
                state: if emergency { ChangeEmergencyOrdered } else { ChangeProposed },
                emergency,
                situation,
                confirmed_situation: None,
                major,
                material,
                delta: estimate_delta.delta(),
                estimate_delta,
                new_total: n,
                contracts,
                budget_after,
                reviewed_ok: false,
                materials_filed: false,
                counted: false,
                unauthorised: false,
                overrun: false,
                route: None,
                inv43: false,
                finance_reviewed: false,
                consented_43: false,
                order_date: None,
                filing_due: None,
                filed_on: None,
                confirmed: false,
                adjustment_id: None,
                absorbed_by: None,
                increases: Vec::new(),
                change_amount: Yuan::ZERO,
                bucket: None,
                opened_seq: seq,
            },
        );
    }

    fn propose_change(&mut self, p: &ProposeChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        self.check_change_input(&p.change_id, &p.description, &p.contracts, cmd)?;
        self.estimate_or_refuse("change", c.from, cmd)?;
        let n = self.new_total_of(p.estimate_delta, "facts.estimate_delta")?;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-41: 工程变更由项目单位提出.
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_41, cmd);
            // INV-40.2: 先批准，后变更 — the proposal opens the approval; nothing is implemented yet.
            j.trace(INV_40_2);
            j.verdict()?
        };
        self.new_change(
            &p.change_id,
            false,
            Some(p.situation),
            p.major,
            p.material.clone(),
            p.estimate_delta,
            n,
            p.contracts.clone(),
            p.budget_after,
            c.seq,
        );
        Ok(Next::to(verdict, ChangeProposed))
    }

    fn internal_review(&mut self, p: &InternalReview, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        for (i, o) in p.opinions.iter().enumerate() {
            if !PARTICIPANTS.contains(&o.unit) {
                return Err(InputError::new(
                    format!("facts.opinions[{i}].unit"),
                    InputReason::InvalidValue,
                    "opinions come from survey_unit, design_unit, supervision_unit or contractor (INV-42(1))",
                )
                .into());
            }
        }
        // RULES.md §3.5 D6: from change_implemented only an unauthorised change is reviewed (to be
        // regularised post hoc); it stays implemented.
        let regularising = self.regularising(cmd, c.from)?;
        let missing_participant = PARTICIPANTS.iter().any(|a| !cmd.co_actors.iter().any(|c| c.actor == *a));
        let opinions_complete =
            PARTICIPANTS.iter().all(|a| p.opinions.iter().any(|o| o.unit == *a && o.reference.is_valid()));
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_41, cmd);
            // INV-41: 组织勘察、设计、监理、施工等有关单位对工程变更进行内部审核.
            j.require(INV_41, !missing_participant, "missing_participant");
            // INV-42(1): their written opinions.
            j.require(INV_42, opinions_complete, "missing_opinion");
            j.verdict()?
        };
        let to = if regularising { ChangeImplemented } else { ChangeReviewed };
        if let Some(ch) = self.ledger.changes.get_mut(cmd.stream.instance.as_str()) {
            ch.reviewed_ok = !missing_participant && opinions_complete;
        }
        Ok(Next::to(verdict, to))
    }

    /// RULES.md §3.5 D6: whether the change is an implemented unauthorised change being
    /// regularised; an implemented change that is not unauthorised takes no review or approval
    /// again (TransitionError `not_unauthorised`).
    fn regularising(&self, cmd: &Command, from: &'static str) -> Result<bool, Error> {
        let ch = self.change(cmd, from)?;
        if ch.state != ChangeImplemented {
            return Ok(false);
        }
        if !ch.unauthorised {
            return Err(TransitionError::new("change", from, cmd.event.name(), "not_unauthorised").into());
        }
        Ok(true)
    }

    /// Whether the material changes were reported (23.3) and what drc decided (23.4), from the
    /// lifecycle's `report_estimate_excess` and `decide_estimate_excess` entries.
    fn excess_status(&self, material: &[MaterialChange]) -> ExcessStatus {
        excess_status_of(&self.inv_facts("report_estimate_excess"), &self.inv_facts("decide_estimate_excess"), material)
    }

    /// The §4.3 route of a change with total `n`, situation `s` and δ `delta` (RULES.md §3.5 A11),
    /// U from the ledger, the percentages of the rule version in force `on`.
    fn change_overrun_route(
        &self,
        on: chrono::NaiveDate,
        a: Yuan,
        n: Yuan,
        s: Option<Situation>,
        delta: crate::YuanDelta,
        self_funding: bool,
    ) -> OverrunRoute {
        overrun_route(
            &OverrunFacts {
                estimate: a,
                original_estimate: self.original_estimate_or(a),
                new_total: n,
                certified_completed: self.certified(),
                cause: OverrunCause::Change,
                situation: s,
                self_funding,
                adjustments_so_far: self.ledger.adjustments_approved,
                acc_consented: false,
                delta: Some(delta),
                unauthorised: self.ledger.unauthorised_delta,
            },
            self.ctx.config(),
            self.ctx.ruleset_at(on),
        )
    }

    fn approve_change(&mut self, p: &ApproveChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        let a = self.estimate_or_refuse("change", c.from, cmd)?;
        let regularising = self.regularising(cmd, c.from)?;
        let ch = self.change(cmd, c.from)?;
        let post_hoc = ch.state == ChangePostHocFiled;
        let n = self.judged_new_total(ch, "facts")?;
        // RULES.md §3.5 A11: a change with δ ≤ 0 is approved under 48.1 whatever N is.
        let over = n > a && ch.delta.is_positive();
        let route = self.change_overrun_route(cmd.date, a, n, Some(p.situation), ch.delta, false);
        let excess = (!ch.material.is_empty()).then(|| self.excess_status(&ch.material));
        // A confirmed emergency change is already in play (RULES.md §3.5 A5): its own increases are
        // in the contract totals, so the INV-43 case is read from them.
        let over_contract = if ch.bucket.is_some() {
            ch.increases.iter().any(|i| !i.amount.is_zero())
        } else {
            ch.contracts.iter().any(|k| self.contract_total(&k.contract_id).is_some_and(|total| k.price_after > total))
        };
        let over_budget = matches!((ch.budget_after, self.current_budget()), (Some(after), Some(now)) if after > now);
        let inv43 = !over && (over_contract || over_budget);
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-41: 经行业主管部门审核同意 (the change approver, also of INV-44).
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_41, cmd);
            // INV-41.1–41.6: the confirmed situation and its own test, as §4.3 judges it (41.1:
            // N ≤ A or δ ≤ 0; 41.5: N − U > A0 — RULES.md §3.5 A11, AMB-15).
            j.trace(p.situation.rule());
            for o in route.outcomes_without_49_2().into_iter().filter(|o| o.rule == p.situation.rule()) {
                j.require(o.rule, false, o.detail);
            }
            // INV-42: the change file (review opinions, or the post-hoc materials).
            if post_hoc {
                j.require(INV_42, ch.materials_filed, "missing_materials");
            } else {
                j.require(INV_42, ch.reviewed_ok, "missing_opinion");
            }
            // INV-23.3/23.4: a material change goes to the original approver, who decides the procedure.
            if let Some(status) = &excess {
                let reported = matches!(status, ExcessStatus::Reported(_));
                j.require(INV_23_3, reported, "report_due");
                if reported {
                    let decided = matches!(status, ExcessStatus::Reported(Some(d)) if d == "change_procedure");
                    let redo = matches!(status, ExcessStatus::Reported(Some(d)) if d == "redo_fsr");
                    j.require(INV_23_4, decided, if redo { "redo_fsr" } else { "no_decision" });
                }
            }
            // INV-48: above A the approval only confirms the situation; the route is stored and its
            // 49.2 outcome dropped (judged at approve_adjustment).
            if over || route.route == OverrunRouteKind::DeferredBelow70 {
                j.trace(INV_48);
            }
            // RULES.md §3.5 D6: an unauthorised change is approved post hoc only with N ≤ A; above A
            // it is a subjective overrun, regularised only after its case is consented (INV-50.1,
            // AMB-19: general_drc_adjustment).
            if regularising {
                j.require(INV_50, n <= a, "accountability_pending");
            }
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        if let Some(ch) = self.ledger.changes.get_mut(&id) {
            ch.confirmed_situation = Some(p.situation);
            ch.new_total = n;
            ch.overrun = over;
            ch.route = Some(route.route);
            ch.inv43 = inv43;
        }
        // RULES.md §3.5 D6: the findings stay; the δ moves from U to approved and becomes payable.
        self.authorise_delta(&id);
        // RULES.md §3.3.7: an approved δ counts in N (an emergency δ counts from its order already).
        self.count_delta(&id, false);
        let to = if post_hoc || regularising { ChangeImplemented } else { ChangeApproved };
        Ok(Next::to(verdict, to))
    }

    fn reject_change(&mut self, p: &RejectChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        if p.reasons.trim().is_empty() {
            return Err(InputError::new("facts.reasons", InputReason::Empty, "give the reasons").into());
        }
        let post_hoc = self.change(cmd, c.from)?.state == ChangePostHocFiled;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_41, cmd);
            if post_hoc {
                // INV-40.2, AMB-48: the change was implemented before approval and is now refused.
                j.finding(INV_40_2, false, "implemented_before_approval");
                // INV-50 (RULES.md §3.5 A5, revising AMB-48): a reported emergency change is no
                // 擅自 change; whether a subjective cause lies behind it is for the authority to
                // review, and only `open_accountability` opens a case.
                j.warn(INV_50, false, "review_required");
            }
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        if post_hoc {
            // RULES.md §3.3.7: a rejected emergency change stays in N as emergency δ (the work
            // exists), never in U; nothing becomes payable beyond what was payable before the
            // rejection (§3.5 A5: money not yet payable leaves play, `bucket_of`).
            // (The kernel sets the state; `on_change` then rebuckets.)
        } else {
            self.uncount_delta(&id);
        }
        Ok(Next::to(verdict, ChangeRejected))
    }

    fn withdraw_change(&mut self, p: &WithdrawChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        if p.reason.trim().is_empty() {
            return Err(InputError::new("facts.reason", InputReason::Empty, "reason must not be empty").into());
        }
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_8, cmd);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        self.uncount_delta(&id);
        Ok(Next::to(verdict, ChangeCancelled))
    }

    fn finance_review_change(&mut self, _p: &FinanceReviewChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-48.1: 然后报市财政部门进行评审 — gates payment of the change amount.
            self.judge_roles(&mut j, &[Actor::Finance], INV_48_1, cmd);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        if let Some(ch) = self.ledger.changes.get_mut(&id) {
            ch.finance_reviewed = true;
        }
        Ok(Next::stay(verdict))
    }

    fn consent_extra_funds(&mut self, p: &ConsentExtraFunds, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        for (path, d) in [("facts.cause_analysis", &p.cause_analysis), ("facts.responsibility", &p.responsibility)] {
            if !d.is_valid() {
                return Err(InputError::new(
                    path,
                    InputReason::Empty,
                    "INV-43 needs the cause analysis and the responsibility",
                )
                .into());
            }
        }
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-43: 先分析原因、划清责任，报市政府研究同意.
            self.judge_roles(&mut j, &[Actor::MunicipalGovernment], INV_43, cmd);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        if let Some(ch) = self.ledger.changes.get_mut(&id) {
            ch.consented_43 = true;
        }
        Ok(Next::stay(verdict))
    }

    fn implement_change(&mut self, _p: &crate::event::NoFacts, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        let ch = self.change(cmd, c.from)?;
        // INV-40.1: a change implemented before the industry authority approved it (proposed or
        // reviewed only) is an unauthorised change of content, scale, standard or design.
        let unapproved = ch.state != ChangeApproved;
        let major = ch.major;
        let a = self.current_estimate().unwrap_or(Yuan::ZERO);
        // RULES.md §3.5 B15: an unapproved change is judged with its δ as "this δ" (N counts it
        // from its implementation on, §3.3.7).
        let this = if ch.counted { crate::YuanDelta::ZERO } else { ch.delta };
        let n_now = self.derive_new_total(this).unwrap_or(a);
        let suspended = self.host_suspension();
        let cfg = self.ctx.config();
        let linked = ch.adjustment_id.as_ref().and_then(|id| self.ledger.adjustments.get(id));
        let route = if unapproved {
            // RULES.md §3.5 B15: the §4.3 outcome computed on the proposed situation as if it were
            // confirmed (48.2 when N > A, 41.x when its own test fails).
            Some(self.change_overrun_route(cmd.date, a, n_now, ch.situation, ch.delta, false))
        } else {
            let still_over = ch.overrun && ch.absorbed_by.is_none() && n_now > a;
            still_over.then(|| {
                self.change_overrun_route(
                    cmd.date,
                    a,
                    n_now,
                    ch.confirmed_situation,
                    ch.delta,
                    linked.is_some_and(|l| l.self_funding.is_some()),
                )
            })
        };
        let gate_route1 = !unapproved
            && !ch.overrun
            && cfg.gate_70_on_48_1
            && !self
                .ctx
                .ruleset_at(cmd.date)
                .reaches_implementation_gate(self.certified(), self.original_estimate_or(a));
        // INV-40.2: 先批准，后变更 — a 较大变更 implemented before its approval, or an overrun
        // implemented before the approval its route requires (one outcome either way).
        let route_needs_approval = route.as_ref().is_some_and(|r| {
            !matches!(r.route, OverrunRouteKind::Route1Industry | OverrunRouteKind::DeferredBelow70)
                && (!unapproved || n_now > a)
        });
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_8, cmd);
            // INV-40.1: 不得擅自增加建设内容、扩大建设规模、提高建设标准或者改变设计方案.
            j.require(INV_40_1, !unapproved, "unauthorised_change");
            j.require(INV_40_2, !(route_needs_approval || unapproved && major), "after_approval_only");
            // INV-55.x: no implementation while the project is suspended.
            if let Some(rule) = suspended {
                j.require(rule, false, "project_suspended");
            }
            // INTERPRETATION: AMB-41 — the gate is judged with today's figures: an overrun change may be
            // implemented once an approved adjustment absorbed it, or once N ≤ A again.
            if let Some(route) = &route {
                match route.route {
                    // INTERPRETATION: AMB-13 — below 70 % nothing above A is implemented, unless
                    // `allow_below_70_with_municipal_consent` and the deferred adjustment is consented.
                    OverrunRouteKind::DeferredBelow70 => {
                        let consented =
                            cfg.allow_below_70_with_municipal_consent && linked.is_some_and(|l| l.gov_consented);
                        j.require(INV_48, consented, "blocked_below_70");
                    }
                    OverrunRouteKind::Route2GovThenDrc => {
                        j.require(INV_48_2, false, "no_approved_adjustment");
                    }
                    OverrunRouteKind::Route3SelfFunded => {
                        j.require(INV_48_3, false, "no_approved_adjustment");
                    }
                    // An unapproved change within A on route 1 needs nothing beyond 40.1/40.2.
                    OverrunRouteKind::Route1Industry if unapproved => {}
                    OverrunRouteKind::NotPermitted
                    | OverrunRouteKind::Route1Industry
                    | OverrunRouteKind::NoAdjustment
                    | OverrunRouteKind::GeneralDrcAdjustment
                    | OverrunRouteKind::Accountability => {
                        for o in route.outcomes_without_49_2() {
                            j.require(o.rule, false, o.detail);
                        }
                    }
                }
            } else if gate_route1 {
                // INTERPRETATION: AMB-13 literal reading (`gate_70_on_48_1`): route 1 is gated too.
                j.require(INV_48, false, "blocked_below_70");
            }
            j.verdict()?
        };
        if unapproved {
            let id = cmd.stream.instance.as_str();
            if let Some(ch) = self.ledger.changes.get_mut(id) {
                ch.new_total = n_now;
                ch.overrun = n_now > a;
            }
            // RULES.md §3.3.7: a change implemented without approval (record mode) counts in N as
            // unauthorised δ, and in U.
            self.count_delta(id, true);
        }
        Ok(Next::to(verdict, ChangeImplemented))
    }

    fn emergency_change_order(&mut self, p: &EmergencyChangeOrder, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        self.check_change_input(&p.change_id, &p.description, &p.contracts, cmd)?;
        if p.order_date > cmd.date {
            return Err(InputError::new(
                "facts.order_date",
                InputReason::InvalidValue,
                "the order date is after the entry date",
            )
            .into());
        }
        let days = self.ctx.ruleset_at(cmd.date).values.emergency_filing_working_days;
        let due = post_hoc_deadline(p.order_date, days, self.ctx.calendar()).map_err(|mut e| {
            e.path = "facts.order_date".into();
            e
        })?;
        self.estimate_or_refuse("change", c.from, cmd)?;
        let n = self.new_total_of(p.estimate_delta, "facts.estimate_delta")?;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_44_1, cmd);
            // INV-44.1: 应立即报工程变更审批部门确认并先行处险 — the immediate report is recorded, not timed (AMB-20).
            j.require(INV_44_1, p.report_ref.is_valid(), "no_immediate_report");
            crate::obligation::judge_provisional(&mut j, INV_44_2, Some(due));
            j.verdict()?
        };
        self.new_change(
            &p.change_id,
            true,
            p.situation,
            false,
            Vec::new(),
            p.estimate_delta,
            n,
            p.contracts.clone(),
            None,
            c.seq,
        );
        if let Some(ch) = self.ledger.changes.get_mut(&p.change_id) {
            ch.order_date = Some(p.order_date);
            ch.filing_due = Some(due.date);
        }
        // RULES.md §3.3.7: an emergency δ counts in N from the order (「先行处险」: the work exists),
        // never in U (§3.5 A5: the order carries its immediate report).
        self.count_delta(&p.change_id, false);
        // INV-44.2: 下达变更指令后5个工作日内 — the filing duty (AMB-46: never rejected when late).
        self.obligations.open(c.seq, INV_44_2, POST_HOC_FILING, p.change_id.clone(), p.order_date, due);
        Ok(Next::to(verdict, ChangeEmergencyOrdered))
    }

    fn confirm_emergency_change(
        &mut self,
        _p: &ConfirmEmergencyChange,
        c: &Call<'_>,
    ) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        let ch = self.change(cmd, c.from)?;
        // RULES.md §3.5 A5: the confirmation brings the emergency change's money into play; a
        // listed contract raised above its total is an INV-43 case (超合同总价), payable only after
        // the post-hoc approval and the municipal consent.
        let over_contract = ch.bucket.is_none()
            && ch.contracts.iter().any(|k| self.contract_total(&k.contract_id).is_some_and(|t| k.price_after > t));
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-44.1: 报工程变更审批部门确认 (the industry authority, INV-41).
            self.judge_roles(&mut j, &[Actor::IndustryAuthority], INV_44_1, cmd);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        let mut confirmed_now = false;
        if let Some(ch) = self.ledger.changes.get_mut(&id) {
            if ch.bucket.is_none() {
                ch.inv43 = over_contract;
            }
            ch.confirmed = true;
            confirmed_now = ch.state == ChangeEmergencyOrdered;
        }
        // Confirmed from the order; a filed change stays filed.
        Ok(if confirmed_now { Next::to(verdict, ChangeConfirmed) } else { Next::stay(verdict) })
    }

    fn file_post_hoc_change(&mut self, p: &FilePostHocChange, c: &Call<'_>) -> Result<Next<ChangeState>, Error> {
        let cmd = c.cmd;
        let ch = self.change(cmd, c.from)?;
        let on_time = ch.filing_due.is_none_or(|due| cmd.date <= due);
        let materials = p.materials.iter().any(DocRef::is_valid);
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_44_2, cmd);
            // INV-44.2: 按程序补办变更审批手续，并提供相关佐证资料.
            j.require(INV_44_2, p.evidence.iter().any(DocRef::is_valid), "no_evidence");
            // INV-42: the change file.
            j.require(INV_42, materials, "missing_materials");
            // INV-44.2 (deadline act, AMB-20, AMB-46): a late filing is accepted with a finding.
            j.finding(INV_44_2, on_time, "late");
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        if let Some(ch) = self.ledger.changes.get_mut(&id) {
            ch.filed_on = Some(cmd.date);
            ch.materials_filed = materials;
        }
        self.obligations.close(POST_HOC_FILING, &id, c.seq, cmd.date);
        Ok(Next::to(verdict, ChangePostHocFiled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Source: INV-23.4 — a material change waits for drc's decision on the report: change_procedure
    /// lets the approval go on, redo_fsr or no decision does not; a report must cover every material kind (INV-23.3).
    #[test]
    fn excess_report_and_decision() {
        let loc = [MaterialChange::Location];
        let both = [MaterialChange::Location, MaterialChange::Scale];
        let reports = vec![(4, json!({"changes": ["location"], "ref": {"kind": "opinion", "ref": "x"}}))];
        assert_eq!(excess_status_of(&[], &[], &loc), ExcessStatus::NotReported);
        assert_eq!(excess_status_of(&reports, &[], &both), ExcessStatus::NotReported);
        assert_eq!(excess_status_of(&reports, &[], &loc), ExcessStatus::Reported(None));
        let before = vec![(3, json!({"decision": "change_procedure"}))];
        assert_eq!(excess_status_of(&reports, &before, &loc), ExcessStatus::Reported(None));
        let after = vec![(5, json!({"decision": "redo_fsr"})), (7, json!({"decision": "change_procedure"}))];
        assert_eq!(excess_status_of(&reports, &after, &loc), ExcessStatus::Reported(Some("change_procedure".into())));
        assert_eq!(excess_status_of(&reports, &after[..1], &loc), ExcessStatus::Reported(Some("redo_fsr".into())));
    }
}
