//! Handlers of the adjustment sub-machine (RULES.md §3.1.5, §3.1.6 (d); INV-45 to INV-50).
//!
//! The route of §4.3 is stored at `apply_adjustment` (its 49.2 outcome dropped) and re-judged
//! at `approve_adjustment` with the figures of that day (A, A0, W from the ledger).

use crate::actor::{Actor, DocKind};
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::investment::InvestmentProject;
use crate::investment::accountability::AccState;
use crate::investment::estimate::{
    AdjState, AdjustmentEvent, AdjustmentMachine, AdjustmentRecord, ApplyAdjustment, ApproveAdjustment,
    FinanceReviewAdjustment, GovConsentAdjustment, OverrunCause, OverrunFacts, OverrunRoute, OverrunRouteKind,
    RejectAdjustment, ThirdPartyEvaluate, overrun_route,
};
use crate::log::Command;
use crate::machine::kernel::{Call, Next, Step};
use crate::money::{Yuan, YuanDelta};
use crate::rules::*;

use AdjState::*;

/// The inputs of an adjustment's route, as the ledger holds them.
struct AdjRouteInput<'a> {
    cause: OverrunCause,
    change_ids: &'a [String],
    new_total: Yuan,
    self_funding: bool,
    adjustment_id: &'a str,
    /// The act's date: the rule version in force on it gives the percentages.
    on: chrono::NaiveDate,
}

impl InvestmentProject {
    /// Dispatches an adjustment event (RULES.md §3.1.6 (d)).
    // Kept out of `step_event` (rare events): inlined, its size kept the judged route's
    // `step_event` from being inlined into `step` (+0.36 % instructions, callgrind).
    #[inline(never)]
    pub(crate) fn on_adjustment(
        &mut self,
        e: &AdjustmentEvent,
        cmd: &Command,
        seq: u32,
        force: bool,
    ) -> Result<Step, Error> {
        // A new adjustment on a terminal project is refused in `sub_row` (project_terminal).
        self.sub_step::<AdjustmentMachine>(cmd, seq, force, |this, c| match e {
            AdjustmentEvent::ApplyAdjustment(p) => this.apply_adjustment(p, c),
            AdjustmentEvent::ThirdPartyEvaluate(p) => this.third_party_evaluate(p, c),
            AdjustmentEvent::GovConsentAdjustment(p) => this.gov_consent_adjustment(p, c),
            AdjustmentEvent::ApproveAdjustment(p) => this.approve_adjustment(p, c),
            AdjustmentEvent::RejectAdjustment(p) => this.reject_adjustment(p, c),
            AdjustmentEvent::FinanceReviewAdjustment(p) => this.finance_review_adjustment(p, c),
        })
    }

    fn adjustment(&self, cmd: &Command, from: &'static str) -> Result<&AdjustmentRecord, Error> {
        self.ledger
            .adjustments
            .get(cmd.stream.instance.as_str())
            .ok_or_else(|| TransitionError::new("adjustment", from, cmd.event.name(), "unknown_instance").into())
    }

    /// INTERPRETATION: AMB-19 — the case is linked by its `adjustment_id` (a case naming none counts).
    ///
    /// Whether the accountability case of this adjustment's overrun is consented (50.1, AMB-19):
    /// a case naming this adjustment, or naming none, in acc_gov_consented or acc_funded.
    fn acc_consented_for(&self, adjustment_id: &str) -> bool {
        self.ledger.cases.values().any(|c| {
            c.adjustment_id.as_deref().is_none_or(|id| id == adjustment_id)
                && matches!(c.state, AccState::AccGovConsented | AccState::AccFunded)
        })
    }

    /// The §4.3 route of an adjustment. With several linked changes, each confirmed situation is
    /// tested; the first that fails decides (not_permitted), otherwise they agree.
    fn adjustment_route(&self, i: &AdjRouteInput<'_>, a: Yuan) -> OverrunRoute {
        let facts = |s| OverrunFacts {
            estimate: a,
            original_estimate: self.original_estimate_or(a),
            new_total: i.new_total,
            certified_completed: self.certified(),
            cause: i.cause,
            situation: s,
            self_funding: i.self_funding,
            adjustments_so_far: self.ledger.adjustments_approved,
            acc_consented: self.acc_consented_for(i.adjustment_id),
            // RULES.md §3.5 A11: no single δ at an adjustment (41.1 fails iff N > A); 41.5 on N − U.
            delta: None,
            unauthorised: self.ledger.unauthorised_delta,
        };
        let (cfg, rules) = (self.ctx.config(), self.ctx.ruleset_at(i.on));
        if i.cause != OverrunCause::Change || i.change_ids.is_empty() {
            return overrun_route(&facts(None), cfg, rules);
        }
        let mut first = None;
        for id in i.change_ids {
            let s = self.ledger.changes.get(id).and_then(|c| c.confirmed_situation);
            let r = overrun_route(&facts(s), cfg, rules);
            if r.route == OverrunRouteKind::NotPermitted {
                return r;
            }
            first.get_or_insert(r);
        }
        first.unwrap_or_else(|| overrun_route(&facts(None), cfg, rules))
    }

    fn apply_adjustment(&mut self, p: &ApplyAdjustment, c: &Call<'_>) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        if p.adjustment_id != cmd.stream.instance || p.adjustment_id.trim().is_empty() {
            return Err(InputError::new(
                "facts.adjustment_id",
                InputReason::WrongStream,
                "adjustment_id must equal stream.instance",
            )
            .into());
        }
        let a = self
            .current_estimate()
            .ok_or_else(|| TransitionError::new("adjustment", c.from, "apply_adjustment", "no_estimate"))?;
        for (i, cid) in p.change_ids.iter().enumerate() {
            let path = format!("facts.change_ids[{i}]");
            if p.change_ids[..i].contains(cid) {
                return Err(InputError::new(path, InputReason::InvalidValue, "a change is listed twice").into());
            }
            let Some(ch) = self.ledger.changes.get(cid) else {
                return Err(InputError::new(path, InputReason::UnknownId, format!("no change {cid:?}")).into());
            };
            if !ch.counted || ch.absorbed_by.is_some() {
                return Err(InputError::new(
                    path,
                    InputReason::InvalidValue,
                    format!("change {cid:?} is not approved, or already absorbed by an approved adjustment"),
                )
                .into());
            }
            let taken = ch.adjustment_id.as_ref().filter(|other| **other != p.adjustment_id).is_some_and(|other| {
                self.ledger
                    .adjustments
                    .get(other)
                    .is_some_and(|o| matches!(o.state, AdjApplied | AdjDeferred | AdjApproved))
            });
            if taken {
                return Err(InputError::new(
                    path,
                    InputReason::InvalidValue,
                    format!("change {cid:?} is linked to another adjustment"),
                )
                .into());
            }
        }
        // AMB-41: with change_ids, N is derived (A + pending δ, the linked changes included) and prevails.
        if !p.change_ids.is_empty() {
            let derived = self.derive_new_total(YuanDelta::ZERO).unwrap_or(a);
            if derived != p.new_total {
                return Err(InputError::new(
                    "facts.new_total",
                    InputReason::NMismatch,
                    format!("reported N {} differs from the derived N {derived}", p.new_total),
                )
                .into());
            }
        }
        let route = self.adjustment_route(
            &AdjRouteInput {
                cause: p.cause,
                change_ids: &p.change_ids,
                new_total: p.new_total,
                self_funding: p.self_funding.is_some(),
                adjustment_id: &p.adjustment_id,
                on: cmd.date,
            },
            a,
        );
        let has = |kinds: &[DocKind]| p.materials.iter().any(|d| d.is_valid() && kinds.contains(&d.kind));
        let contingency_left = self.ledger.contingency.saturating_sub(self.ledger.contingency_drawn);
        let within = p.new_total <= a;
        let covered = !within && p.new_total.saturating_sub(a) <= contingency_left;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[Actor::ProjectUnit], INV_8, cmd);
            j.require(INV_8, self.has_co_actor(cmd, Actor::IndustryAuthority), "missing_co_actor");
            // INV-47: the adjustment file.
            // INTERPRETATION: checked by document kind: 47(1) approval or estimate, 47(2) the adjusted-estimate
            // report, 47(3) change or contract documents when the cause is a change; (4), (5) have no kind.
            j.require(INV_47, has(&[DocKind::Approval, DocKind::Estimate]), "missing_original_approval");
            j.require(INV_47, has(&[DocKind::AdjustedEstimateReport]), "missing_adjusted_estimate_report");
            if p.cause == OverrunCause::Change {
                j.require(
                    INV_47,
                    has(&[DocKind::Change, DocKind::ChangeOrder, DocKind::Contract, DocKind::TenderDocs]),
                    "missing_change_documents",
                );
            }
            // INV-46.1 (D): no adjustment when the contingency covers it or N ≤ A.
            // INTERPRETATION: "covers" = the undrawn contingency is at least N − A.
            j.default_rule(
                INV_46_1,
                !within && !covered,
                if within { "within_estimate" } else { "contingency_covers" },
            );
            // INV-46.2: the price-rise increment is no fee base.
            j.require(INV_46_2, !p.price_rise_in_fee_base, "price_rise_in_fee_base");
            // INV-48 (gate), INV-41 (situation), INV-50 (subjective, AMB-19): the §4.3 route, its 49.2 dropped.
            for r in route.rules.iter().filter(|r| **r != INV_49_2) {
                j.trace(*r);
            }
            for o in route.outcomes_without_49_2() {
                j.require(o.rule, false, o.detail);
            }
            j.verdict()?
        };
        let to = if route.route == OverrunRouteKind::DeferredBelow70 { AdjDeferred } else { AdjApplied };
        let id = p.adjustment_id.clone();
        // INTERPRETATION: AMB-41 — the derived N counts every approved, unabsorbed δ (route-1 changes
        // included); the approval absorbs all of them, not only the linked ones, or a later N would
        // count them twice. A reported N (no change_ids) absorbs nothing.
        let covers: Vec<String> = if p.change_ids.is_empty() {
            Vec::new()
        } else {
            self.ledger
                .changes
                .values()
                .filter(|c| c.counted && c.absorbed_by.is_none())
                .map(|c| c.change_id.clone())
                .collect()
        };
        // RULES.md §3.5 B16: the derived N counts the reviewed price adjustments too; the approval
        // absorbs them with the changes.
        let price_covers: Vec<u32> = if p.change_ids.is_empty() {
            Vec::new()
        } else {
            self.ledger.price_adjustments.iter().filter(|a| a.counted).map(|a| a.seq).collect()
        };
        let (evaluated, gov_consented, opened_seq) = match self.ledger.adjustments.get(&id) {
            Some(old) => (old.evaluated, old.gov_consented, old.opened_seq),
            None => (false, false, c.seq),
        };
        for ch in self.ledger.changes.values_mut() {
            if ch.adjustment_id.as_deref() == Some(id.as_str()) {
                ch.adjustment_id = None;
            }
            if p.change_ids.contains(&ch.change_id) {
                ch.adjustment_id = Some(id.clone());
            }
        }
        self.ledger.adjustments.insert(
            id.clone(),
            AdjustmentRecord {
                adjustment_id: id,
                state: to,
                cause: p.cause,
                change_ids: p.change_ids.clone(),
                covers,
                price_covers,
                new_total: p.new_total,
                self_funding: p.self_funding.clone(),
                route: route.route,
                evaluated,
                gov_consented,
                approved_estimate: None,
                approved_by: None,
                opened_seq,
            },
        );
        Ok(Next::to(verdict, to))
    }

    fn third_party_evaluate(&mut self, p: &ThirdPartyEvaluate, c: &Call<'_>) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        if p.evaluator.trim().is_empty() {
            return Err(InputError::new("facts.evaluator", InputReason::Empty, "name the evaluator").into());
        }
        if !p.report_ref.is_valid() {
            return Err(InputError::new("facts.report_ref.ref", InputReason::Empty, "the evaluation report").into());
        }
        let approver = self.adjustment(cmd, c.from)?.route.approver();
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-49.1: 市发展改革部门或行业主管部门应委托第三方评估机构 — the route's approver commissions.
            self.judge_roles(&mut j, &[approver], INV_49_1, cmd);
            // INV-39: the fee is paid by the commissioning body.
            j.require(INV_39, p.payer == cmd.actor, "wrong_payer");
            j.verdict()?
        };
        if let Some(a) = self.ledger.adjustments.get_mut(cmd.stream.instance.as_str()) {
            a.evaluated = true;
        }
        Ok(Next::stay(verdict))
    }

    fn gov_consent_adjustment(&mut self, _p: &GovConsentAdjustment, c: &Call<'_>) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        let deferred = self.adjustment(cmd, c.from)?.state == AdjDeferred;
        let allow = self.ctx.config().allow_below_70_with_municipal_consent;
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-48.2: 报请市政府同意变更及概算调整事项.
            self.judge_roles(&mut j, &[Actor::MunicipalGovernment], INV_48_2, cmd);
            if deferred {
                // INTERPRETATION: AMB-13 — on a deferred adjustment the consent counts only with the switch.
                j.require(INV_48, allow, "blocked_below_70");
            }
            j.verdict()?
        };
        if let Some(a) = self.ledger.adjustments.get_mut(cmd.stream.instance.as_str()) {
            a.gov_consented = true;
        }
        Ok(Next::stay(verdict))
    }

    fn approve_adjustment(&mut self, p: &ApproveAdjustment, c: &Call<'_>) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        let a = self
            .current_estimate()
            .ok_or_else(|| TransitionError::new("adjustment", c.from, "approve_adjustment", "no_estimate"))?;
        let adj = self.adjustment(cmd, c.from)?;
        let route = self.adjustment_route(
            &AdjRouteInput {
                cause: adj.cause,
                change_ids: &adj.change_ids,
                new_total: adj.new_total,
                self_funding: adj.self_funding.is_some(),
                adjustment_id: &adj.adjustment_id,
                on: cmd.date,
            },
            a,
        );
        let ia = self.role_actor(Actor::IndustryAuthority);
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // The route's approver: drc (45.1, 48.2, general), the industry authority on route 3 (48.3).
            self.judge_roles(&mut j, &[route.route.approver()], route.route.approver_rule(), cmd);
            // INV-45.1: drc receives adjustments; the approved figure does not exceed the request.
            // INTERPRETATION: approving more than the applied N is not an adjustment of the file (49.1: 根据评估意见批复).
            j.require(INV_45_1, p.approved_estimate <= adj.new_total, "above_requested");
            // RULES.md §3.3.6: an adjusted A above the band of the FSR-only (15.1) or direct (15.3)
            // route is a warning, never a re-route — 47(2) already requires 「由具备设计资质单位编制
            // 的调整概算书」.
            let rules = self.ctx.ruleset_at(cmd.date);
            if let Some((rule, band)) = self.ledger.route().and_then(|r| InvestmentProject::route_band(r, rules)) {
                j.warn(rule, p.approved_estimate <= band, "above_band_after_adjustment");
            }
            match route.route {
                OverrunRouteKind::Route2GovThenDrc => {
                    j.require(INV_48_2, adj.gov_consented, "no_gov_consent");
                    // INV-48.3 (AMB-12): the industry authority may approve a self-funded overrun only below +10 %.
                    if cmd.actor == ia && adj.self_funding.is_some() {
                        j.require(INV_48_3, false, "over_10_percent");
                    }
                }
                OverrunRouteKind::Route3SelfFunded => j.trace(INV_48_3),
                OverrunRouteKind::DeferredBelow70 => {
                    j.require(INV_48, false, "blocked_below_70");
                }
                OverrunRouteKind::NotPermitted | OverrunRouteKind::Accountability => {
                    for o in route.outcomes_without_49_2() {
                        j.require(o.rule, false, o.detail);
                    }
                }
                OverrunRouteKind::Route1Industry
                | OverrunRouteKind::NoAdjustment
                | OverrunRouteKind::GeneralDrcAdjustment => {}
            }
            // INV-49.1: 根据评估意见批复 — the third-party evaluation first (AMB-14: every adjustment route).
            // INTERPRETATION: also an adjustment approved under a 46.1 exception (no_adjustment route).
            j.require(INV_49_1, adj.evaluated, "not_evaluated");
            // INV-49.2 (D): 一个项目原则上只允许调整一次概算. The exception's authority follows the
            // route (RULES.md §1.8): drc, or the industry authority on route 3.
            let approver = self.role_actor(route.route.approver());
            let granted_by_approver = |seq: u32| {
                (seq as usize)
                    .checked_sub(1)
                    .and_then(|i| self.log.entries().get(i))
                    .is_some_and(|e| e.actor() == approver)
            };
            j.default_rule_where(
                INV_49_2,
                self.ledger.adjustments_approved == 0,
                "second_adjustment",
                granted_by_approver,
            );
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        let covers = adj.covers.clone();
        let price_covers = adj.price_covers.clone();
        self.ledger.estimate = Some(p.approved_estimate);
        if self.ledger.original_estimate.is_none() {
            self.ledger.original_estimate = Some(a);
        }
        self.ledger.adjustments_approved = self.ledger.adjustments_approved.saturating_add(1);
        for cid in &covers {
            let absorb = self.ledger.changes.get(cid).is_some_and(|c| c.counted && c.absorbed_by.is_none());
            if absorb {
                self.uncount_delta(cid);
                if let Some(c) = self.ledger.changes.get_mut(cid) {
                    c.absorbed_by = Some(id.clone());
                }
                self.rebucket(cid);
            }
        }
        self.absorb_price_adjustments(&price_covers, &id);
        if let Some(adj) = self.ledger.adjustments.get_mut(&id) {
            adj.route = route.route;
            adj.approved_estimate = Some(p.approved_estimate);
            adj.approved_by = Some(cmd.actor);
        }
        Ok(Next::to(verdict, AdjApproved))
    }

    fn reject_adjustment(&mut self, p: &RejectAdjustment, c: &Call<'_>) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        if p.reasons.trim().is_empty() {
            return Err(InputError::new("facts.reasons", InputReason::Empty, "give the reasons").into());
        }
        let approver = self.adjustment(cmd, c.from)?.route.approver();
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            self.judge_roles(&mut j, &[approver], INV_45_1, cmd);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        self.unlink_adjustment(&id);
        Ok(Next::to(verdict, AdjRejected))
    }

    fn finance_review_adjustment(
        &mut self,
        _p: &FinanceReviewAdjustment,
        c: &Call<'_>,
    ) -> Result<Next<AdjState>, Error> {
        let cmd = c.cmd;
        let route = self.adjustment(cmd, c.from)?.route;
        let rule = match route {
            OverrunRouteKind::Route3SelfFunded => INV_48_3,
            OverrunRouteKind::Route2GovThenDrc => INV_48_2,
            OverrunRouteKind::NotPermitted
            | OverrunRouteKind::Route1Industry
            | OverrunRouteKind::DeferredBelow70
            | OverrunRouteKind::NoAdjustment
            | OverrunRouteKind::GeneralDrcAdjustment
            | OverrunRouteKind::Accountability => INV_45_2,
        };
        let verdict = {
            let mut j = self.judge(cmd, c.force);
            // INV-48.2, 48.3: 然后报市财政部门进行评审.
            self.judge_roles(&mut j, &[Actor::Finance], rule, cmd);
            j.trace(INV_48_2);
            j.trace(INV_48_3);
            j.verdict()?
        };
        let id = cmd.stream.instance.to_string();
        // The finance review of the adjustment reviews the changes it absorbed (48.2: 然后报市财政部门进行评审).
        let absorbed: Vec<String> = self
            .ledger
            .changes
            .values()
            .filter(|c| c.absorbed_by.as_deref() == Some(id.as_str()))
            .map(|c| c.change_id.clone())
            .collect();
        // INTERPRETATION: the finance review of the adjustment is the 48.2/48.3 finance review of the
        // changes it absorbed: their contract increases may then be paid (INV-43 consent still applies).
        for cid in absorbed {
            if let Some(c) = self.ledger.changes.get_mut(&cid) {
                c.finance_reviewed = true;
            }
            self.rebucket(&cid);
        }
        Ok(Next::to(verdict, AdjFinanceReviewed))
    }
}
