//! Investment decision (宛政〔2023〕7号 第二章, INV-13 to INV-26): routes, the approval chain
//! with its review/refusal loop, the INV-23 estimate-excess loop, CD review and budget.
//!
//! Every handler judges read-only into a [`crate::outcome::Judge`], calls `verdict()?`, then
//! commits infallibly (DEVELOPING.md).

use chrono::NaiveDate;

use crate::actor::DocRef;
use crate::calendar::Due;
use crate::config::ReviewKind;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::investment::InvestmentProject;
use crate::investment::events::{
    ApproveBudget, ApproveDesign, ApproveFsr, ApproveProposal, Assessments, BudgetKind, CompiledBy, CompleteCdReview,
    DecideEstimateExcess, EstimateItem, ExcessDecision, FsrContent, GrantSimplification, ItemCategory, PassFail,
    ProposalContent, RecognizeEmergency, RefuseApproval, ReportEstimateExcess, SelectRoute, SimplificationCategory,
    SubmitBudget, SubmitDesign, SubmitFsr, SubmitProposal, VerifyEstimate, WaivedDocument,
};
use crate::investment::ledger::{DesignSubmission, FsrSubmission, Lot, PendingBudget};
use crate::investment::lifecycle::InvState;
use crate::investment::project::non_empty;
use crate::investment::route::{Route, RouteDecision, approval_route_in};
use crate::machine::kernel::{Call, Next};
use crate::money::Yuan;
use crate::obligation::judge_provisional;
use crate::outcome::Judge;
use crate::rule::RuleId;
use crate::rules::*;
use crate::ruleset::RuleSet;

/// The FSR contents the approver reviews under INV-21.2 (技术经济可行性、社会效益以及项目资金):
/// the INV-19.2 core on the FSR-only route (RULES.md §3.3.8).
const FSR_CORE: [FsrContent; 3] = [FsrContent::Feasibility, FsrContent::SocialBenefit, FsrContent::Funding];

/// The wire name of a review kind (`refuse_approval.review`, `approval_time_limits` keys).
pub(crate) const fn review_str(k: ReviewKind) -> &'static str {
    match k {
        ReviewKind::Proposal => "proposal",
        ReviewKind::Fsr => "fsr",
        ReviewKind::Design => "design",
        ReviewKind::Estimate => "estimate",
        ReviewKind::Budget => "budget",
    }
}

/// The rule a route choice outside the permitted alternatives violates.
fn route_rule(r: Route) -> RuleId {
    match r {
        Route::Standard => INV_13_1,
        Route::DirectFsr => INV_15_3,
        Route::SimplifiedFsrOnly => INV_15_1,
        Route::EmergencyMerged => INV_15_4,
        Route::External => INV_13_4,
        Route::CountyRules => INV_13_3,
    }
}

impl InvestmentProject {
    /// The route in force: chosen, else computed (standard before registration).
    pub(crate) fn route_in_force(&self) -> Route {
        self.ledger.route().unwrap_or(Route::Standard)
    }

    /// The project runs the emergency route (15.4): GB := GA until B exists, B may follow the
    /// works (RULES.md §3.5 A6).
    pub(crate) fn on_emergency_merged(&self) -> bool {
        self.gate_route() == Route::EmergencyMerged
    }

    /// The route whose approvals make GA and fix A (RULES.md §3.3.1 as amended by §3.5 A7
    /// \[interp, AMB-59\]): the route in force, except on `county_rules`, where it is §4.1
    /// computed with the county step skipped on the county total, the county bodies acting in the
    /// municipal roles (§7 `county_adopts_inv`).
    pub(crate) fn gate_route(&self) -> Route {
        self.gate_route_on(self.route_in_force(), None, None)
    }

    /// [`InvestmentProject::gate_route`] for `route`: on `county_rules` the route fixed at the
    /// FSR approval, else §4.1 without the county step on `amount` (else the approved F, the
    /// submitted F, the declared total), with the bands in force on `date` (else at the FSR
    /// approval, else on the regulation's effective date).
    fn gate_route_on(&self, route: Route, amount: Option<Yuan>, date: Option<NaiveDate>) -> Route {
        if route != Route::CountyRules {
            return route;
        }
        let l = &self.ledger;
        if amount.is_none()
            && let Some(r) = l.county_gate_route
        {
            return r;
        }
        let Some(r) = l.registration.as_ref() else { return route };
        let total = amount.or(l.approved_fsr_estimate).or(l.fsr_estimate).unwrap_or(r.total);
        let approver = self.ctx.config().design_approver_for(&r.sector);
        let flags = r.route_flags.with(crate::investment::route::Level::Municipal, l.emergency_recognized);
        let on = date.or(l.approved_on).unwrap_or(crate::investment::EFFECTIVE);
        approval_route_in(total, &flags, approver, self.ctx.ruleset_at(on)).route
    }

    /// The route requires an approved proposal (standard, unless waived, AMB-4; on
    /// `county_rules` as its gate route, RULES.md §3.5 A7).
    pub(crate) fn requires_proposal(&self) -> bool {
        self.requires_proposal_on(self.route_in_force())
    }

    fn requires_proposal_on(&self, route: Route) -> bool {
        self.gate_route_on(route, None, None) == Route::Standard
            && !self.ledger.waived.contains(&WaivedDocument::Proposal)
    }

    /// The proposal the route requires is approved, waived, or its absence was recorded at an
    /// out-of-band FSR approval (`proposal_missing_recorded`, RULES.md §3.3.6: it counts as the
    /// proposal for GA).
    pub(crate) fn proposal_settled(&self) -> bool {
        !self.requires_proposal() || self.ledger.proposal_approved || self.ledger.proposal_missing_recorded
    }

    /// The route requires an approved design and a verified estimate (standard, direct_fsr,
    /// unless waived; on `county_rules` as its gate route). INTERPRETATION: `external` runs with
    /// its recorded approval (RULES.md §3.1.2, §3.5 A7): the FSR approval by the external body
    /// fixes A (`approve_fsr.estimate`, or F with `no_estimate`).
    pub(crate) fn requires_design(&self) -> bool {
        self.requires_design_on(self.route_in_force())
    }

    fn requires_design_on(&self, route: Route) -> bool {
        matches!(self.gate_route_on(route, None, None), Route::Standard | Route::DirectFsr)
            && !self.ledger.waived.contains(&WaivedDocument::DesignAndEstimate)
    }

    /// Every approval the route requires before construction (INV-34 "审批手续"; GA of RULES.md
    /// §3.3.1, `proposal_missing_recorded` counting as the proposal).
    /// RULES.md §3.5 B17: `route_approvals_done` = GA, one derivation (`gate_a`, which also
    /// reads the external approval and the county gate route of §3.5 A7).
    pub(crate) fn route_approvals_done(&self) -> bool {
        self.gate_a()
    }

    /// RULES.md §3.3.6: the band a waiver of the route in force depends on — INV-15.1 (FSR only,
    /// 以下: ≤ 10,000,000.00 IN) on `simplified_fsr_only`, INV-15.3 (至: ≤ 50,000,000.00 IN) on
    /// `direct_fsr`; other routes have none (15.4 any amount; external and county by their rules).
    /// The bands are those of the rule version in force on the approval's date (issue 10).
    pub(crate) fn route_band(route: Route, rules: &RuleSet) -> Option<(RuleId, Yuan)> {
        match route {
            Route::SimplifiedFsrOnly => Some((INV_15_1, rules.values.simplified_fsr_max)),
            Route::DirectFsr => Some((INV_15_3, rules.values.direct_fsr_max)),
            Route::Standard | Route::EmergencyMerged | Route::External | Route::CountyRules => None,
        }
    }

    /// RULES.md §3.3.6: the route an approval of `amount` outside the band of `from` leads to —
    /// R′ = §4.1 on the approved amount with the registered flags, never down (fuller routes stay
    /// permitted): `direct_fsr` when §4.1 gives it from the simplified route, else `standard`.
    fn reroute_target(&self, from: Route, amount: Yuan, date: NaiveDate) -> Route {
        let computed = self.ledger.registration.as_ref().map(|r| {
            let approver = self.ctx.config().design_approver_for(&r.sector);
            let flags = r.route_flags.with(r.level, self.ledger.emergency_recognized);
            approval_route_in(amount, &flags, approver, self.ctx.ruleset_at(date)).route
        });
        match (from, computed) {
            (Route::SimplifiedFsrOnly, Some(Route::DirectFsr)) => Route::DirectFsr,
            _ => Route::Standard,
        }
    }

    /// INV-19.2 as the route reads it (RULES.md §3.3.8): on `simplified_fsr_only` (15.1 「可视情况适当
    /// 简化」) the core the approver reviews under 21.2 — feasibility, social benefit, funding;
    /// every other route the full list.
    fn fsr_contents_complete(route: Route, contents: &[FsrContent]) -> bool {
        let needed: &[FsrContent] = if route == Route::SimplifiedFsrOnly { &FSR_CORE } else { FsrContent::ALL };
        needed.iter().all(|x| contents.contains(x))
    }

    /// §4.1 on the current figures: F once submitted, else the declared total (AMB-6), with the
    /// bands of the rule version in force on `date` (issue 10).
    pub(crate) fn current_route_decision(&self, date: NaiveDate) -> Option<RouteDecision> {
        let r = self.ledger.registration.as_ref()?;
        let total = self.ledger.fsr_estimate.unwrap_or(r.total);
        let approver = self.ctx.config().design_approver_for(&r.sector);
        let flags = r.route_flags.with(r.level, self.ledger.emergency_recognized);
        Some(approval_route_in(total, &flags, approver, self.ctx.ruleset_at(date)))
    }

    fn classified(&self) -> bool {
        self.ledger.registration.as_ref().is_some_and(|r| r.classified)
    }

    /// INV-9.1: approvals of a non-classified project go through the online platform.
    fn judge_platform(&self, j: &mut Judge<'_>, platform_ref: &DocRef) {
        j.require(INV_9_1, self.classified() || platform_ref.is_valid(), "not_on_platform");
    }

    /// INV-22: `major_impact` ∨ `large_investment` (or the figure ≥ `large_investment_threshold`)
    /// needs the four records before the approval. RULES.md §3.4: the approval is made 「在中介服务
    /// 机构评估、公众参与、专家评议、风险评估的基础上」, so each required record given with the
    /// approval is dated on or before the approval's date (same day IN, the day after → V
    /// `assessment_after_approval`); a record without a date → W `assessment_undated`.
    ///
    /// INTERPRETATION: the approval's date is its document's `date` where given (the decision
    /// itself), else the act's date (`approved_on`); records carried over from an earlier
    /// approval (`assessments_done`) were judged there.
    fn judge_assessments(
        &self,
        j: &mut Judge<'_>,
        flagged: bool,
        figure: Yuan,
        given: Option<&Assessments>,
        approved_on: NaiveDate,
    ) {
        let threshold = self.ctx.config().large_investment_threshold.is_some_and(|t| figure >= t);
        let needed = flagged || threshold || self.ledger.major_impact || self.ledger.large_investment;
        let have = self.ledger.assessments_done || given.is_some_and(Assessments::complete);
        j.require(INV_22, !needed || have, "missing_assessment");
        if let Some(a) = given.filter(|_| needed) {
            let dates = a.records().map(|r| r.date);
            j.require(INV_22, dates.clone().flatten().all(|d| d <= approved_on), "assessment_after_approval");
            j.warn(INV_22, dates.clone().all(|d| d.is_some()), "assessment_undated");
        }
    }

    /// The due date of an approval opened on `date` (INV-7.4, `approval_time_limits`).
    fn approval_due(&self, kind: ReviewKind, date: NaiveDate) -> Result<Option<Due>, InputError> {
        match self.ctx.config().approval_time_limits.get(&kind) {
            Some(&n) => Ok(Some(self.ctx.calendar().due(date, n)?)),
            None => Ok(None),
        }
    }

    /// INV-7.4: a late approval (or refusal) is accepted with a finding `late`.
    fn judge_time_limit(&self, j: &mut Judge<'_>, kind: ReviewKind, date: NaiveDate) {
        let on_time = self.obligations.find_open("approval", review_str(kind)).is_none_or(|o| date <= o.due);
        j.finding(INV_7_4, on_time, "late");
    }

    fn open_approval(&mut self, kind: ReviewKind, seq: u32, date: NaiveDate, due: Option<Due>) {
        self.obligations.cancel("approval", review_str(kind));
        if let Some(due) = due {
            self.obligations.open(seq, INV_7_4, "approval", review_str(kind), date, due);
        }
    }

    fn close_approval(&mut self, kind: ReviewKind, seq: u32, date: NaiveDate) {
        self.obligations.close("approval", review_str(kind), seq, date);
    }

    /// INV-23.3 (RULES.md §4.2 on the ledger): the report to the original approver is due — the
    /// compiled estimate E, or the estimate `a` being verified, exceeds F by more than 10 %
    /// (10·X > 11·F), or on `direct_fsr` X leaves the band (X = `a` when given, else E:
    /// `band_exceeded`, §3.3.6).
    pub(crate) fn excess_report_due(&self, a: Option<Yuan>, date: NaiveDate) -> bool {
        match (self.ledger.compiled_estimate, self.ledger.fsr_estimate) {
            (Some(e), Some(f)) => {
                let (route, rules) = (Some(self.route_in_force()), self.ctx.ruleset_at(date));
                crate::investment::estimate::excess_check_on(f, e, a, route, rules, &[]).report_required
            }
            _ => false,
        }
    }

    /// INV-23.3 / 23.4 at `approve_design` (`a` = None: X = E) and `verify_estimate` (`a` = the
    /// estimate being verified): a due report is filed, and a filed report has the approver's
    /// `change_procedure` decision.
    fn judge_excess(&self, j: &mut Judge<'_>, a: Option<Yuan>, date: NaiveDate) {
        let due = self.excess_report_due(a, date);
        j.require(INV_23_3, !due || self.ledger.excess_report.is_some(), "report_due");
        j.require(
            INV_23_4,
            self.ledger.excess_report.is_none() || self.ledger.excess_decision == Some(ExcessDecision::ChangeProcedure),
            "no_decision",
        );
    }

    /// `recognize_emergency` (INV-16.1, 15.4): the route becomes `emergency_merged`.
    pub(crate) fn recognize_emergency(
        &mut self,
        p: &RecognizeEmergency,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(
                INV_16_1,
                p.reference.is_valid()
                    && !p.builder.trim().is_empty()
                    && !p.scope.trim().is_empty()
                    && !p.content.trim().is_empty()
                    && !p.funding_sources.is_empty(),
                "incomplete_decision",
            );
            j.trace(INV_15_4);
            j.verdict()?
        };
        self.ledger.emergency_recognized = true;
        // INTERPRETATION: AMB-6 — recognition re-routes until fsr_approved; the merged route replaces a choice.
        self.ledger.chosen_route = None;
        self.ledger.computed_route = self.current_route_decision(c.cmd.date).map(|d| d.route);
        Ok(Next::stay(verdict))
    }

    /// `select_route` (INV-13.1–13.4, 15.1–15.5): the chosen route is one of the permitted alternatives.
    pub(crate) fn select_route(&mut self, p: &SelectRoute, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let decision = self.current_route_decision(c.cmd.date);
        let verdict = {
            let mut j = self.open(c);
            for r in [INV_13_1, INV_13_2, INV_13_3, INV_13_4, INV_15_1, INV_15_2, INV_15_3, INV_15_4, INV_15_5] {
                j.trace(r);
            }
            let permitted = decision.as_ref().is_some_and(|d| d.permits(p.chosen_route));
            j.require(route_rule(p.chosen_route), permitted, "route_not_permitted");
            if p.batch_id.is_some() {
                let merged = decision.as_ref().is_some_and(|d| d.merged_batch);
                j.require(INV_15_2, merged && p.chosen_route == Route::SimplifiedFsrOnly, "not_mergeable");
            }
            j.verdict()?
        };
        self.ledger.chosen_route = Some(p.chosen_route);
        if p.batch_id.is_some() {
            self.ledger.batch_id = p.batch_id.clone();
        }
        Ok(Next::stay(verdict))
    }

    /// `grant_simplification` (INV-14.1–14.4, AMB-4): drc waives documents for a category that holds.
    pub(crate) fn grant_simplification(
        &mut self,
        p: &GrantSimplification,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        non_empty(&p.reason, "facts.reason")?;
        InputError::when(p.waived.is_empty(), "facts.waived", InputReason::Empty, "waived must name a document")?;
        let f = self.ledger.registration.as_ref().map(|r| r.route_flags).unwrap_or_default();
        let (rule, holds) = match p.category {
            SimplificationCategory::Plan => (INV_14_1, f.in_plan),
            SimplificationCategory::PartialRebuild => (INV_14_2, f.partial_rebuild_or_expansion),
            SimplificationCategory::SingleSmallSimple => (INV_14_3, f.single_content_simple_tech && f.small_scale),
            SimplificationCategory::UrgentSuddenEvent => {
                (INV_14_4, f.urgent_sudden_event || self.ledger.emergency_recognized)
            }
        };
        let verdict = {
            let mut j = self.open(c);
            j.require(rule, holds, "category_not_met");
            j.require(rule, p.reference.is_valid(), "no_decision");
            j.verdict()?
        };
        for w in &p.waived {
            if !self.ledger.waived.contains(w) {
                self.ledger.waived.push(*w);
            }
        }
        Ok(Next::stay(verdict))
    }

    /// `submit_proposal` (INV-13.1, 18, 9.1).
    pub(crate) fn submit_proposal(&mut self, p: &SubmitProposal, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let due = self.approval_due(ReviewKind::Proposal, c.cmd.date)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_13_1);
            let complete = ProposalContent::ALL.iter().all(|x| p.contents.contains(x));
            j.require(INV_18, complete, "incomplete");
            self.judge_platform(&mut j, &p.platform_ref);
            judge_provisional(&mut j, INV_7_4, due);
            j.verdict()?
        };
        self.open_approval(ReviewKind::Proposal, c.seq, c.cmd.date, due);
        Ok(Next::to(verdict, InvState::ProposalReview))
    }

    /// `approve_proposal` (INV-13.2, 21.1, 22, 9.1, 7.4).
    pub(crate) fn approve_proposal(&mut self, p: &ApproveProposal, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let total = self.ledger.registration.as_ref().map(|r| r.total).unwrap_or_default();
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_13_2, p.reference.is_valid(), "no_approval_document");
            j.require(INV_21_1, p.necessity == PassFail::Pass, "necessity_not_established");
            let on = p.reference.date.unwrap_or(c.cmd.date);
            self.judge_assessments(&mut j, false, total, p.assessments.as_deref(), on);
            self.judge_time_limit(&mut j, ReviewKind::Proposal, c.cmd.date);
            j.verdict()?
        };
        if p.assessments.as_deref().is_some_and(Assessments::complete) {
            self.ledger.assessments_done = true;
        }
        self.ledger.proposal_approved = true;
        if let Some(scheme) = &p.tender_scheme {
            // RULES.md §3.5 A4: the proposal approval fixes the tender scheme (招标投标法实施条例 第七条).
            self.ledger.tender_required = scheme.clone();
            self.ledger.tender_scheme_approved = true;
        }
        self.close_approval(ReviewKind::Proposal, c.seq, c.cmd.date);
        Ok(Next::to(verdict, InvState::ProposalApproved))
    }

    /// `submit_fsr` (INV-13.1, 19.1–19.3, 9.1, 15.1/15.3 band; the route is recomputed on F).
    pub(crate) fn submit_fsr(&mut self, p: &SubmitFsr, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let due = self.approval_due(ReviewKind::Fsr, c.cmd.date)?;
        let from_reserve = self.state == Some(InvState::Reserve);
        let route = self.route_in_force();
        let rules = self.ctx.ruleset_at(c.cmd.date);
        let mut defects = Vec::new();
        let verdict = {
            let mut j = self.open(c);
            // INV-13.1: the standard route approves the proposal first.
            j.require(INV_13_1, !(from_reserve && self.requires_proposal()), "proposal_required");
            let procured = p.compiled_by == CompiledBy::SelfCompiled
                || p.consultancy_contract.as_deref().is_some_and(|s| !s.trim().is_empty());
            if !j.require(INV_19_1, procured, "no_consultancy_contract") {
                defects.push(INV_19_1);
            } else if p.compiled_by == CompiledBy::Consultancy {
                // RULES.md §3.4 INV-19.1 (「依法采购工程咨询机构」): the consultancy named is a
                // preparatory (class P) contract of the ledger, whose procurement INV-20.6 judged.
                // INTERPRETATION: an id the ledger lacks is a warning — the contract may predate the log.
                let id = p.consultancy_contract.as_deref().unwrap_or_default();
                let recorded = self.ledger.contract(id).is_some_and(|k| match k.lot {
                    Lot::OtherService => k.preliminary,
                    Lot::CostConsulting | Lot::FullProcessConsulting | Lot::Survey | Lot::Design => true,
                    Lot::AgentConstruction
                    | Lot::Supervision
                    | Lot::Equipment
                    | Lot::Materials
                    | Lot::Epc
                    | Lot::Construction => false,
                });
                j.warn(INV_19_1, recorded, "consultancy_contract_unrecorded");
            }
            // INV-19.2 per RULES.md §3.3.8: the core on the FSR-only route, the full list elsewhere.
            if !j.require(INV_19_2, Self::fsr_contents_complete(route, &p.contents), "incomplete") {
                defects.push(INV_19_2);
            }
            // INTERPRETATION: AMB-35 — "not applicable" only with a stated legal ground.
            let land = p.land_site_opinion.as_ref().is_some_and(|a| a.is_valid());
            let energy = p.energy_review_opinion.as_ref().is_some_and(|a| a.is_valid());
            j.require(INV_19_3, land, "missing_land_site_opinion");
            j.require(INV_19_3, energy, "missing_energy_review_opinion");
            if !(land && energy) {
                defects.push(INV_19_3);
            }
            j.trace(INV_9_1);
            // INTERPRETATION: AMB-6 — F must stay in the band of the simplified route in force.
            match Self::route_band(route, rules) {
                Some((rule, band)) => {
                    j.require(rule, p.fsr_estimate <= band, "outside_band");
                }
                None => {
                    j.trace(INV_15_1);
                    j.trace(INV_15_3);
                }
            }
            judge_provisional(&mut j, INV_7_4, due);
            j.verdict()?
        };
        let l = &mut self.ledger;
        l.fsr_submission = Some(FsrSubmission {
            fsr_estimate: p.fsr_estimate,
            contents: p.contents.clone(),
            defects,
            date: c.cmd.date,
        });
        l.fsr_estimate = Some(p.fsr_estimate);
        if p.batch_id.is_some() {
            l.batch_id = p.batch_id.clone();
        }
        l.review_source = self.state;
        self.ledger.computed_route = self.current_route_decision(c.cmd.date).map(|d| d.route);
        self.open_approval(ReviewKind::Fsr, c.seq, c.cmd.date, due);
        Ok(Next::to(verdict, InvState::FsrReview))
    }

    /// `approve_fsr` (INV-13.2, 21.2, 21.4, 15.1/15.3 band re-check, 22, 15.2, 9.1, 7.4): FSR-only
    /// routes and a waived design/estimate set A := A0 := F (AMB-5).
    ///
    /// RULES.md §3.3.6: a waiver that depends on a band is judged when it is used. An approved F
    /// outside the band of the route in force re-routes the project to R′ (§4.1 on F, never down):
    /// R′ = `direct_fsr` is accepted with W INV-15.1 `rerouted_direct_fsr` (A is not set, design
    /// and estimate become required, the batch clears, INV-19.2 is re-judged in full on the stored
    /// submission); R′ = `standard` without an approved or waived proposal is V 15.1/15.3
    /// `outside_band` + V INV-13.1 `proposal_required` (record mode: the route becomes `standard`
    /// and `proposal_missing_recorded` is set), with one W `rerouted_standard`.
    pub(crate) fn approve_fsr(&mut self, p: &ApproveFsr, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let merged = self.current_route_decision(c.cmd.date).is_some_and(|d| d.merged_batch);
        let route = self.route_in_force();
        let band = Self::route_band(route, self.ctx.ruleset_at(c.cmd.date));
        let reroute =
            band.filter(|&(_, b)| p.fsr_estimate > b).map(|_| self.reroute_target(route, p.fsr_estimate, c.cmd.date));
        let route_after = reroute.unwrap_or(route);
        // RULES.md §3.5 A7: on county_rules the approvals follow §4.1 without the county step on
        // the approved county F (fixed here); the external route's A is the external estimate.
        let gate_after = self.gate_route_on(route_after, Some(p.fsr_estimate), Some(c.cmd.date));
        let proposal_ok = self.ledger.proposal_approved
            || self.ledger.proposal_missing_recorded
            || !self.requires_proposal_on(gate_after);
        let external = gate_after == Route::External;
        self.check_external_estimate(p, external)?;
        let new_estimate = match (external, p.estimate, p.no_estimate) {
            (true, Some(a), _) => Some(a),
            (true, None, Some(true)) => Some(p.fsr_estimate),
            (true, None, _) => None,
            (false, ..) => (!self.requires_design_on(gate_after)).then_some(p.fsr_estimate),
        };
        let committed = self.ledger.contracts.iter().fold(Yuan::ZERO, |a, k| a.saturating_add(k.price));
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_13_2, p.reference.is_valid(), "no_approval_document");
            let sub = self.ledger.fsr_submission.as_ref();
            let analysed = sub.is_some_and(|s| FSR_CORE.iter().all(|x| s.contents.contains(x)));
            j.require(INV_21_2, analysed, "incomplete_fsr");
            // INV-21.4: the matters law requires reviewed — here the INV-19.3 attachments (用地预审, 节能审查).
            let attachments = sub.is_some_and(|s| !s.defects.contains(&INV_19_3));
            j.require(INV_21_4, attachments, "legal_attachments_missing");
            // RULES.md §3.3.6: the band of the route in force, judged on the approved F.
            match (band, reroute) {
                (Some((rule, _)), None) => j.trace(rule),
                (None, _) => {
                    j.trace(INV_15_1);
                    j.trace(INV_15_3);
                }
                (Some((rule, _)), Some(Route::DirectFsr)) => {
                    j.warn(rule, false, "rerouted_direct_fsr");
                }
                (Some((rule, _)), Some(_)) => {
                    if proposal_ok {
                        j.warn(rule, false, "rerouted_standard");
                    } else {
                        j.require(rule, false, "outside_band");
                        j.require(INV_13_1, false, "proposal_required");
                    }
                }
            }
            // RULES.md §3.3.8: the FSR-only simplification of 19.2 lapses on re-route.
            if reroute.is_some() && route == Route::SimplifiedFsrOnly {
                let full = sub.is_some_and(|s| Self::fsr_contents_complete(route_after, &s.contents));
                j.require(INV_19_2, full, "incomplete");
            }
            self.judge_assessments(
                &mut j,
                p.major_impact || p.large_investment,
                p.fsr_estimate,
                p.assessments.as_deref(),
                p.reference.date.unwrap_or(c.cmd.date),
            );
            if self.ledger.batch_id.is_some() && reroute.is_none() {
                j.require(INV_15_2, merged, "not_mergeable");
            } else {
                j.trace(INV_15_2);
            }
            j.trace(INV_9_1);
            // RULES.md §3.3.6 chain: A := F on an FSR-only route — what is already committed or paid
            // (P lots before approval, §3.3.5) now counts against it (23.2; warning).
            if let Some(a) = new_estimate {
                let within = committed <= a && self.ledger.paid_total <= a;
                j.warn(INV_23_2, within, "commitments_above_estimate");
            }
            self.judge_time_limit(&mut j, ReviewKind::Fsr, c.cmd.date);
            j.verdict()?
        };
        let threshold = self.ctx.config().large_investment_threshold.is_some_and(|t| p.fsr_estimate >= t);
        let l = &mut self.ledger;
        l.fsr_estimate = Some(p.fsr_estimate);
        l.approved_fsr_estimate = Some(p.fsr_estimate);
        l.fsr_approved = true;
        l.tender_scheme_approved = true;
        l.major_impact |= p.major_impact;
        l.large_investment |= p.large_investment || threshold;
        if p.assessments.as_deref().is_some_and(Assessments::complete) {
            l.assessments_done = true;
        }
        l.tender_required = p.tender_required.clone();
        if p.needs_cd_design.is_some() {
            l.needs_cd_design = p.needs_cd_design;
        }
        l.review_source = None;
        if let Some(r) = reroute {
            // RULES.md §3.3.6 (AMB-6 revised): the route becomes R′, the batch clears (AMB-7), and a
            // missing proposal is found once and not re-demanded.
            l.chosen_route = Some(r);
            l.batch_id = None;
            if !proposal_ok {
                l.proposal_missing_recorded = true;
            }
            self.ledger.computed_route = self.current_route_decision(c.cmd.date).map(|d| d.route);
        }
        let l = &mut self.ledger;
        if let Some(a) = new_estimate {
            // INTERPRETATION: AMB-5 — the approved FSR total is the approved estimate; on the
            // external route the estimate the external body approved (RULES.md §3.5 A7, AMB-59).
            l.estimate = Some(a);
            l.original_estimate.get_or_insert(a);
            l.approved_on = Some(c.cmd.date);
        }
        if route_after == Route::CountyRules {
            l.county_gate_route = Some(gate_after);
        }
        // RULES.md §3.5 A7: the external approval is recorded when the approval names its body.
        l.external_approval = external && !c.cmd.actor_org.trim().is_empty();
        self.close_approval(ReviewKind::Fsr, c.seq, c.cmd.date);
        Ok(Next::to(verdict, InvState::FsrApproved))
    }

    /// RULES.md §3.5 A7: `estimate` and `no_estimate` are facts of an external approval only, and
    /// an approval that fixes an estimate does not also state that it approves none (InputError).
    fn check_external_estimate(&self, p: &ApproveFsr, external: bool) -> Result<(), InputError> {
        let only = "carried only by an external approval (route external, RULES.md §3.5 A7)";
        if !external && p.estimate.is_some() {
            return Err(InputError::new("facts.estimate", InputReason::InvalidValue, only));
        }
        if !external && p.no_estimate.is_some() {
            return Err(InputError::new("facts.no_estimate", InputReason::InvalidValue, only));
        }
        if p.estimate.is_some() && p.no_estimate == Some(true) {
            return Err(InputError::new(
                "facts.no_estimate",
                InputReason::InvalidValue,
                "an approval that fixes an estimate does not approve no estimate",
            ));
        }
        Ok(())
    }

    /// `refuse_approval` (INV-21.5): in writing, with reasons; back to the review's source.
    pub(crate) fn refuse_approval(&mut self, p: &RefuseApproval, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let state = self.state.unwrap_or(InvState::Reserve);
        let pending_epc_budget = self.budget_beside_works() && self.ledger.pending_budget.is_some();
        use InvState as S;
        let review = p.review;
        let to = match state {
            S::ProposalReview => (review == ReviewKind::Proposal).then_some(S::Reserve),
            S::FsrReview => (review == ReviewKind::Fsr).then(|| self.ledger.review_source.unwrap_or(S::Reserve)),
            S::DesignReview => matches!(review, ReviewKind::Design | ReviewKind::Estimate).then_some(S::FsrApproved),
            S::BudgetReview => {
                (review == ReviewKind::Budget).then(|| self.ledger.review_source.unwrap_or(S::CdReviewed))
            }
            // AMB-24 (EPC in procurement) and RULES.md §3.5 A6 (emergency_merged, B after the
            // works): the budget review ran beside the works; its refusal keeps the state.
            S::Procurement | S::UnderConstruction | S::WorksCompleted | S::Accepted => {
                (review == ReviewKind::Budget && pending_epc_budget).then_some(state)
            }
            S::Reserve
            | S::ProposalApproved
            | S::FsrApproved
            | S::FsrRework
            | S::DesignApproved
            | S::CdReviewed
            | S::BudgetApproved
            | S::Settled
            | S::FinalAccountsDone
            | S::Suspended
            | S::Closed
            | S::Stopped
            | S::Withdrawn => None,
        };
        let Some(to) = to else {
            return Err(TransitionError::new("inv", c.from, "refuse_approval", "no_pending_review").into());
        };
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_21_5, p.reasons.iter().any(|r| !r.trim().is_empty()), "no_reasons");
            j.require(INV_21_5, p.reference.is_valid(), "no_written_notice");
            self.judge_time_limit(&mut j, p.review, c.cmd.date);
            j.verdict()?
        };
        let (seq, date) = (c.seq, c.cmd.date);
        match p.review {
            ReviewKind::Design | ReviewKind::Estimate => {
                // The design and the estimate are decided again (RULES.md §3.1.2).
                self.close_approval(ReviewKind::Design, seq, date);
                self.close_approval(ReviewKind::Estimate, seq, date);
                if let Some((a, a0)) = self.ledger.estimate_before_review.take() {
                    self.ledger.estimate = a;
                    self.ledger.original_estimate = a0;
                }
                self.ledger.design_approved = false;
                self.ledger.estimate_verified = false;
            }
            ReviewKind::Budget => {
                self.close_approval(p.review, seq, date);
                self.ledger.pending_budget = None;
            }
            ReviewKind::Proposal | ReviewKind::Fsr => self.close_approval(p.review, seq, date),
        }
        self.ledger.review_source = None;
        Ok(Next::to(verdict, to))
    }

    /// `report_estimate_excess` (INV-23.3): the project unit reports to the original approver.
    pub(crate) fn report_estimate_excess(
        &mut self,
        p: &ReportEstimateExcess,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_23_3, p.reference.is_valid(), "no_report_document");
            j.verdict()?
        };
        self.ledger.excess_report = Some(c.seq);
        self.ledger.excess_decision = None;
        if let Some(e) = p.compiled_estimate {
            self.ledger.compiled_estimate = Some(e);
        }
        Ok(Next::stay(verdict))
    }

    /// `decide_estimate_excess` (INV-23.4): `redo_fsr` sends the project to fsr_rework, clearing
    /// the design, estimate, CD and budget approval flags (the figures A, A0, the approved F and B,
    /// and the contracts are kept; AMB-42, RULES.md §3.3.1).
    pub(crate) fn decide_estimate_excess(
        &mut self,
        p: &DecideEstimateExcess,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_23_4, self.ledger.excess_report.is_some(), "no_report");
            j.require(INV_23_4, p.reference.is_valid(), "no_decision_document");
            j.verdict()?
        };
        match p.decision {
            ExcessDecision::ChangeProcedure => {
                self.ledger.excess_decision = Some(p.decision);
                Ok(Next::stay(verdict))
            }
            ExcessDecision::RedoFsr => {
                let l = &mut self.ledger;
                l.excess_report = None;
                l.excess_decision = None;
                l.fsr_approved = false;
                l.design = None;
                l.design_approved = false;
                l.estimate_verified = false;
                l.estimate_items.clear();
                l.estimate_before_review = None;
                l.cd_review_done = false;
                l.cd_budget = None;
                // RULES.md §3.3.1: 「the flags clear but the figures A and B are kept」 — payments on
                // contracts that already exist are judged against the kept A and B (§3.3.3); new
                // awards are re-gated by the cleared flags. `approve_budget` sets B anew.
                l.budget_done = false;
                l.budget_items.clear();
                l.pending_budget = None;
                // INTERPRETATION: AMB-42 — the redone FSR starts a new budget round (INV-25.2 counts anew).
                l.budget_submissions = 0;
                l.approved_on = None;
                l.review_source = None;
                for k in [ReviewKind::Fsr, ReviewKind::Design, ReviewKind::Estimate, ReviewKind::Budget] {
                    self.obligations.cancel("approval", review_str(k));
                }
                Ok(Next::to(verdict, InvState::FsrRework))
            }
        }
    }

    /// INV-20.4: the estimate has every cost category and its items add up to its total.
    fn judge_items(j: &mut Judge<'_>, items: &[EstimateItem], total: Yuan) {
        let all = ItemCategory::ALL.iter().all(|cat| items.iter().any(|i| i.category == *cat));
        j.require(INV_20_4, all, "missing_category");
        let sum = Yuan::sum(items.iter().map(|i| i.amount));
        j.require(INV_20_4, sum == Some(total), "items_do_not_sum");
    }

    fn check_items(items: &[EstimateItem]) -> Result<(), InputError> {
        let ids = || items.iter().map(|i| i.item_id.as_str());
        if ids().any(|i| i.trim().is_empty()) || crate::mem::has_duplicates(ids()) {
            return Err(InputError::new(
                "facts.items",
                InputReason::UnknownId,
                "item ids must be non-empty and unique",
            ));
        }
        Ok(())
    }

    /// `submit_design` (INV-20.1, 20.2, 20.4, 20.5 D, 23.3 report due → warning).
    pub(crate) fn submit_design(&mut self, p: &SubmitDesign, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        Self::check_items(&p.items)?;
        let due_design = self.approval_due(ReviewKind::Design, c.cmd.date)?;
        let due_estimate = self.approval_due(ReviewKind::Estimate, c.cmd.date)?;
        let (route, rules) = (Some(self.route_in_force()), self.ctx.ruleset_at(c.cmd.date));
        let excess = self.ledger.fsr_estimate.is_some_and(|f| {
            crate::investment::estimate::excess_check_on(f, p.compiled_estimate, None, route, rules, &[])
                .report_required
        });
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_20_1, self.ledger.fsr_approved, "fsr_not_approved");
            let designer = self.ledger.contract(&p.design_contract_id).is_some_and(|k| k.lot == Lot::Design)
                && !self.ledger.direct_contracts.contains(&p.design_contract_id);
            j.require(INV_20_2, designer, "no_qualified_designer");
            Self::judge_items(&mut j, &p.items, p.compiled_estimate);
            let contingency =
                Yuan::sum(p.items.iter().filter(|i| i.category == ItemCategory::Contingency).map(|i| i.amount));
            j.require(INV_20_4, contingency == Some(p.contingency), "contingency_mismatch");
            j.default_rule(INV_20_5, p.greening_native, "non_native_greening");
            j.warn(INV_23_3, !excess || self.ledger.excess_report.is_some(), "report_due");
            judge_provisional(&mut j, INV_7_4, due_design.filter(|d| d.provisional).or(due_estimate));
            j.verdict()?
        };
        let l = &mut self.ledger;
        l.estimate_before_review = Some((l.estimate, l.original_estimate));
        l.design = Some(DesignSubmission {
            compiled_estimate: p.compiled_estimate,
            contingency: p.contingency,
            design_contract_id: p.design_contract_id.clone(),
            items: p.items.clone(),
            date: c.cmd.date,
        });
        l.compiled_estimate = Some(p.compiled_estimate);
        l.needs_cd_design = Some(p.needs_cd_design);
        l.design_approved = false;
        l.estimate_verified = false;
        self.open_approval(ReviewKind::Design, c.seq, c.cmd.date, due_design);
        self.open_approval(ReviewKind::Estimate, c.seq, c.cmd.date, due_estimate);
        Ok(Next::to(verdict, InvState::DesignReview))
    }

    fn finish_design_review(&mut self, date: NaiveDate) -> InvState {
        if self.ledger.design_approved && self.ledger.estimate_verified {
            self.ledger.estimate_before_review = None;
            self.ledger.approved_on = Some(date);
            InvState::DesignApproved
        } else {
            InvState::DesignReview
        }
    }

    /// `approve_design` (INV-13.2, 20.3, 21.3, 22, 23.3, 23.4, 7.4).
    pub(crate) fn approve_design(&mut self, p: &ApproveDesign, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let figure = self.ledger.compiled_estimate.unwrap_or_default();
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_13_2, p.reference.is_valid(), "no_approval_document");
            j.trace(INV_20_3);
            j.require(INV_21_3, self.ledger.fsr_approved, "fsr_not_approved");
            self.judge_assessments(&mut j, false, figure, None, c.cmd.date);
            self.judge_excess(&mut j, None, c.cmd.date);
            self.judge_time_limit(&mut j, ReviewKind::Design, c.cmd.date);
            j.verdict()?
        };
        self.ledger.design_approved = true;
        self.ledger.needs_cd_design = Some(p.needs_cd_design);
        self.close_approval(ReviewKind::Design, c.seq, c.cmd.date);
        let to = self.finish_design_review(c.cmd.date);
        Ok(Next::to(verdict, to))
    }

    /// `verify_estimate` (INV-13.2, 20.4, 21.3, 23.3, 23.4, 7.4): sets A (A0 the first time).
    pub(crate) fn verify_estimate(&mut self, p: &VerifyEstimate, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        Self::check_items(&p.items)?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_13_2, p.reference.is_valid(), "no_approval_document");
            Self::judge_items(&mut j, &p.items, p.estimate);
            j.require(INV_21_3, self.ledger.fsr_approved, "fsr_not_approved");
            self.judge_assessments(&mut j, false, p.estimate, None, c.cmd.date);
            self.judge_excess(&mut j, Some(p.estimate), c.cmd.date);
            // RULES.md §3.3.6 chain: from the approval that fixes A, what was committed or paid
            // earlier (P lots, §3.3.5) counts against it (23.2; warning).
            let committed = self.ledger.contracts.iter().fold(Yuan::ZERO, |a, k| a.saturating_add(k.price));
            let within = committed <= p.estimate && self.ledger.paid_total <= p.estimate;
            j.warn(INV_23_2, within, "commitments_above_estimate");
            self.judge_time_limit(&mut j, ReviewKind::Estimate, c.cmd.date);
            j.verdict()?
        };
        let l = &mut self.ledger;
        l.estimate = Some(p.estimate);
        l.original_estimate.get_or_insert(p.estimate);
        l.estimate_items = p.items.clone();
        l.contingency = p
            .items
            .iter()
            .filter(|i| i.category == ItemCategory::Contingency)
            .fold(Yuan::ZERO, |a, i| a.saturating_add(i.amount));
        l.estimate_verified = true;
        self.close_approval(ReviewKind::Estimate, c.seq, c.cmd.date);
        let to = self.finish_design_review(c.cmd.date);
        Ok(Next::to(verdict, to))
    }

    /// Whether the CD review and the budget review run beside the works, the state kept: in
    /// `procurement` (the EPC path, AMB-24; or `emergency_merged`), and on `emergency_merged` in
    /// `under_construction`, `works_completed` and `accepted` (RULES.md §3.5 A6, AMB-58).
    fn budget_beside_works(&self) -> bool {
        matches!(
            self.state,
            Some(InvState::Procurement | InvState::UnderConstruction | InvState::WorksCompleted | InvState::Accepted)
        )
    }

    /// CD review, budget submission and approval inside procurement need the EPC path (AMB-24) or
    /// the emergency route; after the start (`under_construction`, `works_completed`, `accepted`)
    /// only the emergency route, where B may follow the works (RULES.md §3.5 A6 \[interp,
    /// AMB-58\]: 15.4 and 16.2 simplify and speed up the approvals; the finance review is not
    /// waived, it follows). Elsewhere a TransitionError: `not_epc`, `not_emergency_merged`.
    fn check_epc_procurement(&self, c: &Call<'_>) -> Result<(), TransitionError> {
        let emergency = self.on_emergency_merged();
        let refused = match self.state {
            Some(InvState::Procurement) if !self.ledger.epc && !emergency => Some("not_epc"),
            Some(InvState::UnderConstruction | InvState::WorksCompleted | InvState::Accepted) if !emergency => {
                Some("not_emergency_merged")
            }
            _ => None,
        };
        match refused {
            Some(detail) => Err(TransitionError::new("inv", c.from, c.cmd.event.name(), detail)),
            None => Ok(()),
        }
    }

    /// `complete_cd_review` (INV-24.1, 24.2, 7.3).
    pub(crate) fn complete_cd_review(&mut self, p: &CompleteCdReview, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        self.check_epc_procurement(c)?;
        let verdict = {
            let mut j = self.open(c);
            let design_ok = self.ledger.design_approved || !self.requires_design();
            j.require(INV_24_1, design_ok, "design_not_approved");
            let within = self.ledger.payment_estimate().is_some_and(|a| p.cd_budget <= a);
            j.require(INV_24_2, within, "over_estimate");
            j.trace(INV_7_3);
            j.verdict()?
        };
        self.ledger.cd_review_done = true;
        self.ledger.cd_budget = Some(p.cd_budget);
        let to = match self.state {
            Some(s) if self.budget_beside_works() => s,
            _ => InvState::CdReviewed,
        };
        Ok(Next::to(verdict, to))
    }

    /// `submit_budget` (INV-25.1, 25.4, 24.2, 25.2 D).
    pub(crate) fn submit_budget(&mut self, p: &SubmitBudget, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        self.check_epc_procurement(c)?;
        if self.budget_beside_works() && self.ledger.pending_budget.is_some() {
            return Err(TransitionError::new("inv", c.from, "submit_budget", "budget_under_review").into());
        }
        let due = self.approval_due(ReviewKind::Budget, c.cmd.date)?;
        let verdict = {
            let mut j = self.open(c);
            let design_ok = self.ledger.design_approved || !self.requires_design();
            match p.kind {
                BudgetKind::CdBudget => {
                    j.require(INV_25_1, self.ledger.cd_review_done, "no_cd_review");
                    j.trace(INV_25_4);
                }
                BudgetKind::WorksBudget => {
                    j.trace(INV_25_1);
                    j.require(INV_25_4, !self.ledger.needs_cd(), "cd_design_required");
                    j.require(INV_25_4, design_ok, "design_not_approved");
                }
            }
            let within = self.ledger.payment_estimate().is_some_and(|a| p.amount <= a);
            j.require(INV_24_2, within, "over_estimate");
            j.default_rule(INV_25_2, self.ledger.budget_submissions == 0, "resubmission");
            judge_provisional(&mut j, INV_7_4, due);
            j.verdict()?
        };
        self.ledger.budget_submissions += 1;
        self.ledger.pending_budget = Some(PendingBudget { amount: p.amount, kind: p.kind, items: p.items.clone() });
        self.open_approval(ReviewKind::Budget, c.seq, c.cmd.date, due);
        let to = match self.state {
            Some(s) if self.budget_beside_works() => s,
            _ => {
                self.ledger.review_source = self.state;
                InvState::BudgetReview
            }
        };
        Ok(Next::to(verdict, to))
    }

    /// `approve_budget` (INV-25.3, 24.2, 6, 7.4): B.
    pub(crate) fn approve_budget(&mut self, p: &ApproveBudget, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        self.check_epc_procurement(c)?;
        if self.ledger.pending_budget.is_none() {
            return Err(TransitionError::new("inv", c.from, "approve_budget", "no_pending_budget").into());
        }
        let verdict = {
            let mut j = self.open(c);
            let estimate_items: Vec<&str> = self.ledger.estimate_items.iter().map(|i| i.item_id.as_str()).collect();
            let consistent = estimate_items.is_empty() || p.items.iter().all(|i| estimate_items.contains(&i.as_str()));
            j.require(INV_25_3, consistent && p.reference.is_valid(), "inconsistent_with_estimate");
            let within = self.ledger.payment_estimate().is_some_and(|a| p.budget <= a);
            j.require(INV_24_2, within, "over_estimate");
            j.trace(INV_6);
            self.judge_time_limit(&mut j, ReviewKind::Budget, c.cmd.date);
            j.verdict()?
        };
        let l = &mut self.ledger;
        l.budget = Some(p.budget);
        l.budget_done = true;
        l.budget_items = p.items.clone();
        l.pending_budget = None;
        l.review_source = None;
        self.close_approval(ReviewKind::Budget, c.seq, c.cmd.date);
        let to = match self.state {
            Some(s) if self.budget_beside_works() => s,
            _ => InvState::BudgetApproved,
        };
        Ok(Next::to(verdict, to))
    }
}

#[cfg(test)]
mod tests {
    use crate::investment::testkit::*;

    /// Source: INV-9.1 — a non-classified proposal goes through the online platform.
    #[test]
    fn platform_9_1() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let mut p = proposal();
        p.platform_ref = doc(DocKind::Approval, " ");
        assert!(has(&k.err(p, ProjectUnit), INV_9_1, "not_on_platform"));
    }

    /// Source: INV-9.1 — the five platform approvals take an optional `platform_ref` (RULES.md §3.4):
    /// missing or blank on a non-classified project → finding `off_platform`, never a rejection;
    /// present → INV-9.1 traced, no outcome; a classified project is exempt.
    #[test]
    fn platform_ref_on_approvals_9_1() {
        let off = |t: &Transition| outcome(t, OutcomeKind::Finding, INV_9_1, "off_platform");
        let mut k = Kit::new();
        k.drive(InvState::ProposalReview);
        let mut a = approve_proposal();
        a.platform_ref = None;
        let t = k.ok(a, Drc);
        assert!(off(&t) && t.outcomes.len() == 1, "{:?}", t.outcomes);
        k.at("2023-08-01");
        k.ok(fsr("100000000.00"), ProjectUnit);
        let mut a = approve_fsr("100000000.00");
        a.platform_ref = Some(doc(DocKind::Approval, " "));
        assert!(off(&k.ok(a, Drc)));
        let mut k = Kit::new();
        k.drive(InvState::DesignReview);
        let mut a = approve_design();
        a.platform_ref = None;
        assert!(off(&k.ok(a, Drc)));
        let t = k.ok(verify("105000000.00"), Drc);
        assert!(t.outcomes.is_empty() && t.rules.contains(&INV_9_1), "{:?}", t.outcomes);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-9.1:off_platform".to_string()));
        // Classified: exempt (凡不涉及国家秘密), no disclosure duty either.
        let mut k = Kit::new();
        let mut r = register("120000000.00");
        r.classified = true;
        r.project_code = None;
        k.ok(r, ProjectUnit);
        let c = Command::new(Stream::project(MachineId::Inv, "P1"), InvEvent::from(proposal()), ProjectUnit, k.date);
        k.p.apply(c).unwrap();
        let mut a = approve_proposal();
        a.platform_ref = None;
        let c = Command::new(Stream::project(MachineId::Inv, "P1"), InvEvent::from(a), Drc, k.date);
        let t = k.p.apply(c).unwrap();
        assert!(t.outcomes.is_empty() && !t.rules.contains(&INV_9_1), "{:?}", t.outcomes);
        assert!(k.p.obligations(d("2030-01-01")).iter().all(|o| o.obligation.duty != "disclosure"));
    }

    /// Source: INV-52.2 — each platform approval of a non-classified project is to be disclosed within
    /// `disclosure_due_days` (20) working days (RULES.md §3.4): approved 2023-07-20, the 20th
    /// working day is 2023-08-17; `record_disclosure {approval}` on it → nothing, on the 21st
    /// (2023-08-18) → finding `late`; never → F-INV-52.2 `not_disclosed` from the 21st.
    #[test]
    fn approval_disclosure_52_2() {
        let approved = || {
            let mut k = Kit::new();
            k.drive(InvState::ProposalApproved);
            k
        };
        let k = approved();
        let open = k.p.obligations(d("2023-07-20"));
        let o = open.iter().find(|o| o.obligation.duty == "disclosure").unwrap();
        assert_eq!((o.obligation.subject.as_str(), o.obligation.due), ("approval", d("2023-08-17")));
        assert!(!finding_codes(&k, "2023-08-17").iter().any(|f| f.starts_with("F-INV-52.2")));
        assert!(finding_codes(&k, "2023-08-18").contains(&"F-INV-52.2:not_disclosed".to_string()));
        let dsc =
            RecordDisclosure { reference: doc(DocKind::Approval, "公开-1"), subject: DisclosureSubject::Approval };
        let mut k = approved();
        k.at("2023-08-17");
        assert!(k.ok(dsc.clone(), Drc).outcomes.is_empty());
        assert!(!finding_codes(&k, "2024-12-31").iter().any(|f| f.starts_with("F-INV-52.2")));
        let mut k = approved();
        k.at("2023-08-18");
        let t = k.ok(dsc.clone(), Drc);
        assert!(outcome(&t, OutcomeKind::Finding, INV_52_2, "late") && t.outcomes.len() == 1);
        assert!(!finding_codes(&k, "2024-12-31").contains(&"F-INV-52.2:not_disclosed".to_string()));
        // Another subject does not discharge the approval's duty.
        let mut k = approved();
        k.at("2023-08-01");
        k.ok(RecordDisclosure { subject: DisclosureSubject::Implementation, ..dsc }, Drc);
        assert!(finding_codes(&k, "2023-08-18").contains(&"F-INV-52.2:not_disclosed".to_string()));
    }

    /// Source: INV-18 — the proposal covers all seven items.
    #[test]
    fn proposal_contents_18() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let mut p = proposal();
        p.contents.retain(|c| *c != ProposalContent::Financing);
        assert!(has(&k.err(p, ProjectUnit), INV_18, "incomplete"));
    }

    /// Source: INV-21.1 — approving a proposal whose necessity failed is a violation.
    /// Source: INV-13.2 — drc approves the proposal; another actor is a violation of 13.2.
    #[test]
    fn proposal_approval_21_1() {
        let mut k = Kit::new();
        k.drive(InvState::ProposalReview);
        let mut a = approve_proposal();
        a.necessity = PassFail::Fail;
        assert!(has(&k.err(a, Drc), INV_21_1, "necessity_not_established"));
        let e = k.err(approve_proposal(), Finance);
        assert_eq!(rule_of(&e), Some(INV_13_2));
    }

    /// Source: INV-13.1 — on the standard route an FSR from the reserve skips the proposal: violation.
    #[test]
    fn proposal_required_13_1() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        assert!(has(&k.err(fsr("100000000.00"), ProjectUnit), INV_13_1, "proposal_required"));
        // direct_fsr needs no proposal.
        let mut k = Kit::new();
        let mut r = register("30000000.00");
        r.route_flags.in_plan = true;
        k.ok(r, ProjectUnit);
        assert_eq!(k.p.ledger().computed_route, Some(Route::DirectFsr));
        k.ok(fsr("30000000.00"), ProjectUnit);
    }

    /// Source: INV-19.1 — an FSR by a consultancy needs its (procurement) contract.
    /// Source: INV-19.2 — the FSR analyses all six subjects.
    /// Source: INV-19.3 — land/site and energy opinions, or a stated legal ground (AMB-35).
    #[test]
    fn fsr_contents_19() {
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        let mut f = fsr("100000000.00");
        f.compiled_by = CompiledBy::Consultancy;
        f.consultancy_contract = None;
        assert!(has(&k.err(f, ProjectUnit), INV_19_1, "no_consultancy_contract"));
        let mut f = fsr("100000000.00");
        f.contents.pop();
        assert!(has(&k.err(f, ProjectUnit), INV_19_2, "incomplete"));
        let mut f = fsr("100000000.00");
        f.land_site_opinion = Some(Attachment::NotApplicable { na_reason: "  ".into() });
        assert!(has(&k.err(f, ProjectUnit), INV_19_3, "missing_land_site_opinion"));
        let mut f = fsr("100000000.00");
        f.energy_review_opinion = None;
        assert!(has(&k.err(f, ProjectUnit), INV_19_3, "missing_energy_review_opinion"));
    }

    /// Source: INV-19.1 — RULES.md §3.4 (「自行或依法采购工程咨询机构编制可行性研究报告」): the
    /// consultancy named is a preparatory (class P) contract of the ledger; an id the ledger lacks,
    /// or a contract of another lot, → W INV-19.1 `consultancy_contract_unrecorded` (accepted: the
    /// contract may predate the log); a self-compiled FSR names none.
    #[test]
    fn consultancy_contract_in_ledger_19_1() {
        let consult = |id: &str| SubmitFsr {
            compiled_by: CompiledBy::Consultancy,
            consultancy_contract: Some(id.into()),
            ..fsr("100000000.00")
        };
        let w = vec![(OutcomeKind::Warning, INV_19_1, "consultancy_contract_unrecorded".to_string())];
        // Not in the ledger: warning.
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        assert_eq!(outcomes(&k.ok(consult("K-ZX"), ProjectUnit)), w);
        // A preparatory consulting contract of the ledger: clean (each P lot).
        for (lot, preliminary) in [
            (Lot::OtherService, None),
            (Lot::FullProcessConsulting, None),
            (Lot::CostConsulting, None),
            (Lot::Survey, None),
        ] {
            let mut k = Kit::new();
            k.drive(InvState::ProposalApproved);
            let mut a = contract("K-ZX", None, lot, "380000.00", &[]);
            a.preliminary = preliminary;
            k.ok(a, ProjectUnit);
            assert!(outcomes(&k.ok(consult("K-ZX"), ProjectUnit)).is_empty(), "{lot:?}");
        }
        // A contract of another kind (other_service not of the preparatory work, M): warning.
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        let mut a = contract("K-ZX", None, Lot::OtherService, "380000.00", &[]);
        a.preliminary = Some(false);
        k.mode = Mode::Record;
        k.ok(a, ProjectUnit);
        k.mode = Mode::Enforce;
        assert_eq!(outcomes(&k.ok(consult("K-ZX"), ProjectUnit)), w);
        // Self-compiled: nothing to check.
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        assert!(outcomes(&k.ok(fsr("100000000.00"), ProjectUnit)).is_empty());
    }

    /// Source: INV-15.1 — on the simplified route F must stay ≤ 10,000,000.00 (10M IN, +0.01 OUT).
    #[test]
    fn simplified_band_15_1() {
        for (f, ok) in [("10000000.00", true), ("10000000.01", false)] {
            let mut k = Kit::new();
            k.ok(register("8500000.00"), ProjectUnit);
            assert_eq!(k.p.ledger().computed_route, Some(Route::SimplifiedFsrOnly));
            let r = k.apply(fsr(f), ProjectUnit);
            assert_eq!(r.is_ok(), ok, "{f}");
            if let Err(e) = r {
                assert!(has(&e, INV_15_1, "outside_band"));
            }
        }
    }

    /// Source: INV-15.3 — on the direct route F must stay ≤ 50,000,000.00 (50M IN, +0.01 OUT).
    #[test]
    fn direct_band_15_3() {
        for (f, ok) in [("50000000.00", true), ("50000000.01", false)] {
            let mut k = Kit::new();
            let mut r = register("40000000.00");
            r.route_flags.agreed = true;
            k.ok(r, ProjectUnit);
            let res = k.apply(fsr(f), ProjectUnit);
            assert_eq!(res.is_ok(), ok, "{f}");
            if let Err(e) = res {
                assert!(has(&e, INV_15_3, "outside_band"));
            }
        }
    }

    /// Source: INV-15.1 — an FSR-only route sets A := A0 := F at approve_fsr (AMB-5) and skips design.
    #[test]
    fn fsr_only_sets_estimate() {
        let mut k = Kit::new();
        k.ok(register("8500000.00"), ProjectUnit);
        k.ok(fsr("8500000.00"), ProjectUnit);
        k.ok(approve_fsr("8400000.00"), Drc);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("8400000.00")));
        assert_eq!(k.p.ledger().original_estimate, Some(yuan!("8400000.00")));
        k.ok(cd_review("8000000.00"), ProjectUnit);
        assert_eq!(k.state(), InvState::CdReviewed);
    }

    /// Source: INV-13.4 — a route choice outside the permitted alternatives is a violation of that route's rule.
    /// Source: INV-15.5 — central/provincial funds: only the external route is permitted.
    #[test]
    fn select_route_13_15() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::DirectFsr }, ProjectUnit);
        assert!(has(&e, INV_15_3, "route_not_permitted"));
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::External }, ProjectUnit);
        assert!(has(&e, INV_13_4, "route_not_permitted"));
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::EmergencyMerged }, ProjectUnit);
        assert!(has(&e, INV_15_4, "route_not_permitted"));
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::CountyRules }, ProjectUnit);
        assert!(has(&e, INV_13_3, "route_not_permitted"));
        // A fuller route is always permitted.
        let mut k = Kit::new();
        k.ok(register("8500000.00"), ProjectUnit);
        k.ok(SelectRoute { batch_id: None, chosen_route: Route::Standard }, ProjectUnit);
        assert_eq!(k.p.ledger().route(), Some(Route::Standard));
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::DirectFsr }, ProjectUnit);
        assert!(has(&e, INV_15_3, "route_not_permitted"));
        let mut k = Kit::new();
        let mut r = register("8500000.00");
        r.route_flags.seeks_central_provincial_funds = true;
        k.ok(r, ProjectUnit);
        assert_eq!(k.p.ledger().computed_route, Some(Route::External));
        let e = k.err(SelectRoute { batch_id: None, chosen_route: Route::Standard }, ProjectUnit);
        assert!(has(&e, INV_13_1, "route_not_permitted"));
    }

    /// Source: INV-15.2 — a batch only for single-content, simple, many-site projects ≤ 10M.
    #[test]
    fn merged_batch_15_2() {
        let mut k = Kit::new();
        k.ok(register("8500000.00"), ProjectUnit);
        let e = k.err(SelectRoute { batch_id: Some("B1".into()), chosen_route: Route::SimplifiedFsrOnly }, ProjectUnit);
        assert!(has(&e, INV_15_2, "not_mergeable"));
        let mut k = Kit::new();
        let mut r = register("8500000.00");
        r.route_flags.dispersed_similar = true;
        r.route_flags.single_content_simple_tech = true;
        k.ok(r, ProjectUnit);
        k.ok(SelectRoute { batch_id: Some("B1".into()), chosen_route: Route::SimplifiedFsrOnly }, ProjectUnit);
        k.ok(fsr("8500000.00"), ProjectUnit);
        let t = k.ok(approve_fsr("8500000.00"), Drc);
        assert!(t.rules.contains(&INV_15_2));
    }

    /// Source: INV-16.1 — the municipal government recognises an emergency; the route becomes emergency_merged.
    /// Source: INV-15.4 — the merged FSR (estimate depth) is the only approval, any amount: A := A0 := F.
    #[test]
    fn emergency_16_1() {
        let mut k = Kit::new();
        k.ok(register("300000000.00"), ProjectUnit);
        let rec = RecognizeEmergency {
            builder: "市城投".into(),
            content: "堤防抢修".into(),
            funding_sources: vec!["municipal_budget".into()],
            reference: doc(DocKind::Minutes, "市政府纪要〔2023〕9号"),
            scope: "白河段".into(),
        };
        assert_eq!(rule_of(&k.err(rec.clone(), Drc)), Some(INV_16_1));
        let mut bad = rec.clone();
        bad.builder = String::new();
        assert!(has(&k.err(bad, MunicipalGovernment), INV_16_1, "incomplete_decision"));
        let t = k.ok(rec, MunicipalGovernment);
        assert!(t.rules.contains(&INV_15_4));
        assert_eq!(k.p.ledger().route(), Some(Route::EmergencyMerged));
        k.ok(fsr("300000000.00"), ProjectUnit);
        k.ok(approve_fsr("300000000.00"), Drc);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("300000000.00")));
        assert!(!k.p.requires_design());
    }

    /// Source: INV-14.1 — grant_simplification needs its category's flag (in_plan).
    /// Source: INV-14.2 — partial rebuild.
    /// Source: INV-14.3 — single content, simple technology AND small scale.
    /// Source: INV-14.4 — urgent construction for a sudden event.
    #[test]
    fn grant_simplification_14() {
        let grant = |cat| GrantSimplification {
            category: cat,
            reason: "规划已明确".into(),
            reference: approval("宛发改简化〔2023〕1号"),
            waived: vec![WaivedDocument::Proposal, WaivedDocument::DesignAndEstimate],
        };
        for (cat, rule) in [
            (SimplificationCategory::Plan, INV_14_1),
            (SimplificationCategory::PartialRebuild, INV_14_2),
            (SimplificationCategory::SingleSmallSimple, INV_14_3),
            (SimplificationCategory::UrgentSuddenEvent, INV_14_4),
        ] {
            let mut k = Kit::new();
            k.ok(register("120000000.00"), ProjectUnit);
            assert!(has(&k.err(grant(cat), Drc), rule, "category_not_met"), "{rule}");
        }
        let mut k = Kit::new();
        let mut r = register("120000000.00");
        r.route_flags.single_content_simple_tech = true;
        k.ok(r, ProjectUnit);
        assert!(has(&k.err(grant(SimplificationCategory::SingleSmallSimple), Drc), INV_14_3, "category_not_met"));
        let mut k = Kit::new();
        let mut r = register("120000000.00");
        r.route_flags.in_plan = true;
        k.ok(r, ProjectUnit);
        k.ok(grant(SimplificationCategory::Plan), Drc);
        // Waived: FSR from the reserve, A := F, straight to CD review.
        k.ok(fsr("100000000.00"), ProjectUnit);
        k.ok(approve_fsr("100000000.00"), Drc);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("100000000.00")));
        k.ok(cd_review("90000000.00"), ProjectUnit);
    }

    /// Source: INV-22 — major impact or large investment needs all four records before approval.
    #[test]
    fn assessments_22() {
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        let mut a = approve_fsr("100000000.00");
        a.major_impact = true;
        assert!(has(&k.err(a.clone(), Drc), INV_22, "missing_assessment"));
        a.assessments = Some(Box::new(Assessments {
            expert: Some(doc(DocKind::Opinion, "专家-1")),
            intermediary: Some(doc(DocKind::Opinion, "评估-1")),
            public: Some(doc(DocKind::Opinion, "公众-1")),
            risk: None,
        }));
        assert!(has(&k.err(a.clone(), Drc), INV_22, "missing_assessment"));
        a.assessments.as_mut().unwrap().risk = Some(doc(DocKind::Opinion, "风险-1"));
        k.ok(a, Drc);
        // The threshold sets large_investment: total ≥ threshold (IN), one fen above the total OUT.
        for (thr, needed) in [("120000000.00", true), ("120000000.01", false)] {
            let cfg = Config { large_investment_threshold: Some(yuan!(thr)), ..Config::default() };
            let mut k = Kit::with(cfg);
            k.drive(InvState::ProposalReview);
            let r = k.apply(approve_proposal(), Drc);
            assert_eq!(r.is_err(), needed, "{thr}");
        }
    }

    /// Source: INV-22 — the approval is made 「在…评估、公众参与、专家评议、风险评估的基础上」 (RULES.md
    /// §3.4): each required record dated on or before the approval (same day IN), the day after →
    /// V `assessment_after_approval`; an undated record → W `assessment_undated`; the approval's
    /// date is its document's date where given.
    #[test]
    fn assessments_dated_22() {
        let dated = |s: &str| DocRef { date: Some(d(s)), ..doc(DocKind::Opinion, "评估") };
        let four = |last: &str| Assessments {
            expert: Some(dated("2023-08-01")),
            intermediary: Some(dated("2023-08-02")),
            public: Some(dated("2023-08-03")),
            risk: Some(dated(last)),
        };
        let major = |a: Assessments| ApproveFsr {
            major_impact: true,
            assessments: Some(Box::new(a)),
            ..approve_fsr("100000000.00")
        };
        // Approval on 2023-08-15: the risk assessment of the same day is IN.
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        k.at("2023-08-15");
        let t = k.ok(major(four("2023-08-15")), Drc);
        assert!(outcomes(&t).is_empty(), "{:?}", outcomes(&t));
        // The day after is OUT: V INV-22 assessment_after_approval (enforce rejects).
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        k.at("2023-08-15");
        assert_eq!(
            violations(&k.err(major(four("2023-08-16")), Drc)),
            vec![(INV_22, "assessment_after_approval".to_string())]
        );
        // The approval document's own date rules when given (entered in the log a day later).
        k.at("2023-08-16");
        let mut a = major(four("2023-08-16"));
        a.reference.date = Some(d("2023-08-15"));
        assert!(has(&k.err(a.clone(), Drc), INV_22, "assessment_after_approval"));
        a.reference.date = Some(d("2023-08-16"));
        k.ok(a, Drc);
        // Record mode: a finding of the same rule.
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        k.at("2023-08-15");
        k.mode = Mode::Record;
        let t = k.ok(major(four("2023-08-16")), Drc);
        assert!(outcome(&t, OutcomeKind::Finding, INV_22, "assessment_after_approval"));
        // An undated record: accepted with W assessment_undated.
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        k.at("2023-08-15");
        let mut a = four("2023-08-15");
        a.public = Some(doc(DocKind::Opinion, "公众-1"));
        let t = k.ok(major(a), Drc);
        assert_eq!(outcomes(&t), vec![(OutcomeKind::Warning, INV_22, "assessment_undated".to_string())]);
        // Not required (no major impact, no large investment): the dates are not judged.
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        k.at("2023-08-15");
        let a = ApproveFsr { assessments: Some(Box::new(four("2023-09-01"))), ..approve_fsr("100000000.00") };
        k.ok(a, Drc);
        // The proposal approval is judged the same way.
        let mut k2 = Kit::with(Config { large_investment_threshold: Some(yuan!("100000000.00")), ..Config::default() });
        k2.drive(InvState::ProposalReview);
        k2.at("2023-08-03");
        let ap = |a: Assessments| ApproveProposal { assessments: Some(Box::new(a)), ..approve_proposal() };
        assert!(has(&k2.err(ap(four("2023-08-04")), Drc), INV_22, "assessment_after_approval"));
        k2.ok(ap(four("2023-08-03")), Drc);
    }

    /// Source: INV-21.4 — approving an FSR whose legally required attachments (19.3) are missing.
    #[test]
    fn fsr_legal_matters_21_4() {
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        k.mode = Mode::Record;
        let mut f = fsr("100000000.00");
        f.land_site_opinion = None;
        k.ok(f, ProjectUnit);
        k.mode = Mode::Enforce;
        let e = k.err(approve_fsr("100000000.00"), Drc);
        assert!(has(&e, INV_21_4, "legal_attachments_missing"));
        assert!(!has(&e, INV_21_2, "incomplete_fsr"));
    }

    /// Source: INV-21.2 — approving an FSR that lacks feasibility, social benefit or funding analysis.
    #[test]
    fn fsr_checklist_21_2() {
        let mut k = Kit::new();
        k.drive(InvState::ProposalApproved);
        k.mode = Mode::Record;
        let mut f = fsr("100000000.00");
        f.contents.retain(|c| *c != FsrContent::Funding);
        let t = k.ok(f, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_19_2, "incomplete"));
        k.mode = Mode::Enforce;
        assert!(has(&k.err(approve_fsr("100000000.00"), Drc), INV_21_2, "incomplete_fsr"));
        k.mode = Mode::Record;
        let t = k.ok(approve_fsr("100000000.00"), Drc);
        assert!(outcome(&t, OutcomeKind::Finding, INV_21_2, "incomplete_fsr"));
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.2:non_compliant_approval".to_string()));
    }

    /// Source: INV-21.5 — a refusal is written, with reasons, and returns to the review's source.
    #[test]
    fn refusal_21_5() {
        let refuse = |review| RefuseApproval {
            reasons: vec!["可研深度不足".into()],
            reference: doc(DocKind::Opinion, "不予批准-1"),
            review,
        };
        let mut k = Kit::new();
        k.drive(InvState::FsrReview);
        let mut r = refuse(ReviewKind::Fsr);
        r.reasons = vec![" ".into()];
        assert!(has(&k.err(r, Drc), INV_21_5, "no_reasons"));
        let mut r = refuse(ReviewKind::Fsr);
        r.reference = doc(DocKind::Opinion, "");
        assert!(has(&k.err(r, Drc), INV_21_5, "no_written_notice"));
        assert_eq!(rule_of(&k.err(refuse(ReviewKind::Fsr), Finance)), Some(INV_21_5));
        assert!(matches!(k.err(refuse(ReviewKind::Budget), Finance), Error::Transition(_)));
        k.ok(refuse(ReviewKind::Fsr), Drc);
        assert_eq!(k.state(), InvState::ProposalApproved);
        // Proposal refusal → reserve.
        let mut k = Kit::new();
        k.drive(InvState::ProposalReview);
        k.ok(refuse(ReviewKind::Proposal), Drc);
        assert_eq!(k.state(), InvState::Reserve);
        // Design refusal → fsr_approved, the verified estimate undone.
        let mut k = Kit::new();
        k.drive(InvState::DesignReview);
        k.ok(verify("105000000.00"), Drc);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("105000000.00")));
        k.ok(refuse(ReviewKind::Design), Drc);
        assert_eq!(k.state(), InvState::FsrApproved);
        assert_eq!(k.p.ledger().estimate, None);
        assert!(!k.p.ledger().estimate_verified);
        // Budget refusal → the submission's source.
        let mut k = Kit::new();
        k.drive(InvState::BudgetReview);
        k.ok(refuse(ReviewKind::Budget), Finance);
        assert_eq!(k.state(), InvState::CdReviewed);
    }

    /// Source: INV-7.4 — an approval after the configured limit (working days after submission) is
    /// accepted with a finding `late`; on the last day it is on time; an approval never given is overdue.
    #[test]
    fn approval_time_limit_7_4() {
        let mut cfg = Config::default();
        cfg.approval_time_limits.insert(ReviewKind::Fsr, 5);
        let mut k = Kit::with(cfg.clone());
        k.drive(InvState::ProposalApproved);
        k.at("2023-06-05");
        // (dates must not go back: use a fresh project with early dates)
        let mut k = Kit::with(cfg.clone());
        k.at("2023-06-01");
        k.ok(register("120000000.00"), ProjectUnit);
        k.ok(proposal(), ProjectUnit);
        k.ok(approve_proposal(), Drc);
        k.at("2023-06-05");
        k.ok(fsr("100000000.00"), ProjectUnit);
        let approval = |as_of: &str| k.p.obligations(d(as_of)).into_iter().find(|o| o.obligation.duty == "approval");
        assert_eq!(approval("2023-06-05").unwrap().obligation.due, d("2023-06-12"));
        assert!(approval("2023-06-13").unwrap().overdue);
        assert!(finding_codes(&k, "2023-06-13").contains(&"F-INV-7.4:overdue".to_string()));
        assert!(!finding_codes(&k, "2023-06-12").iter().any(|f| f.starts_with("F-INV-7.4")));
        k.at("2023-06-12");
        let t = k.ok(approve_fsr("100000000.00"), Drc);
        assert!(!t.outcomes.iter().any(|o| o.rule == INV_7_4));
        let mut k = Kit::with(cfg);
        k.at("2023-06-01");
        k.ok(register("120000000.00"), ProjectUnit);
        k.ok(proposal(), ProjectUnit);
        k.ok(approve_proposal(), Drc);
        k.at("2023-06-05");
        k.ok(fsr("100000000.00"), ProjectUnit);
        k.at("2023-06-13");
        let t = k.ok(approve_fsr("100000000.00"), Drc);
        assert!(outcome(&t, OutcomeKind::Finding, INV_7_4, "late"));
    }

    /// Source: INV-20.1 — design after the approved FSR (state) and INV-20.2 by a competitively procured designer.
    /// Source: INV-20.2 — no design contract, or a direct award, is a violation.
    #[test]
    fn design_20_1_20_2() {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        let mut dsg = design("105000000.00");
        dsg.design_contract_id = "K-NONE".into();
        assert!(has(&k.err(dsg, ProjectUnit), INV_20_2, "no_qualified_designer"));
        let mut c = contract("K-DIRECT", None, Lot::Design, "1000000.00", &[]);
        c.procured_by = ProcuredBy::Direct;
        let e = k.err(c.clone(), ProjectUnit);
        assert!(has(&e, INV_20_6, "not_competitive"));
        k.mode = Mode::Record;
        k.ok(c, ProjectUnit);
        k.mode = Mode::Enforce;
        let mut dsg = design("105000000.00");
        dsg.design_contract_id = "K-DIRECT".into();
        assert!(has(&k.err(dsg, ProjectUnit), INV_20_2, "no_qualified_designer"));
        let t = k.ok(design("105000000.00"), ProjectUnit);
        assert!(t.rules.contains(&INV_20_1));
    }

    /// Source: INV-20.4 — the estimate has all four categories and its items add up.
    /// Source: INV-20.5 — non-native greening: default breach (design approver may except).
    #[test]
    fn estimate_items_20_4_20_5() {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        let mut dsg = design("105000000.00");
        dsg.items.retain(|i| i.category != ItemCategory::Equipment);
        assert!(has(&k.err(dsg, ProjectUnit), INV_20_4, "missing_category"));
        let mut dsg = design("105000000.00");
        dsg.compiled_estimate = yuan!("105000000.01");
        assert!(has(&k.err(dsg, ProjectUnit), INV_20_4, "items_do_not_sum"));
        let mut dsg = design("105000000.00");
        dsg.greening_native = false;
        let t = k.ok(dsg, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_20_5, "non_native_greening"));
    }

    /// Source: INV-20.5 — an exception by the design approver covers the non-native greening.
    #[test]
    fn greening_exception_20_5() {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        let exc = crate::RuleException {
            decision_ref: approval("宛发改设计例外-1"),
            event: None,
            reason: "特殊景观需要".into(),
            rule_id: INV_20_5,
            scope: crate::exception::ExceptionScope::One,
        };
        k.ok(exc, Drc);
        let mut dsg = design("105000000.00");
        dsg.greening_native = false;
        let t = k.ok(dsg, ProjectUnit);
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used.len(), 1);
    }

    /// Source: INV-20.3 — the design approval traces the no-over-design review.
    /// Source: INV-21.3 — estimate and design conform to the FSR approval (traced, FSR approved).
    #[test]
    fn design_approval_traces() {
        let mut k = Kit::new();
        k.drive(InvState::DesignReview);
        let t = k.ok(approve_design(), Drc);
        assert!(t.rules.contains(&INV_20_3) && t.rules.contains(&INV_21_3));
        assert_eq!(k.state(), InvState::DesignReview);
        let t = k.ok(verify("105000000.00"), Drc);
        assert!(t.rules.contains(&INV_21_3));
        assert_eq!(k.state(), InvState::DesignApproved);
    }

    /// Source: INV-13.2 — the design approver comes from the configuration (industry authority for transport).
    #[test]
    fn design_approver_from_config() {
        let mut cfg = Config::default();
        cfg.design_approver.insert("health".into(), DesignApprover::IndustryAuthority);
        let mut k = Kit::with(cfg);
        k.drive(InvState::DesignReview);
        assert_eq!(rule_of(&k.err(approve_design(), Drc)), Some(INV_13_2));
        let mut c = k.cmd(approve_design(), IndustryAuthority);
        c.actor_org = "另一个局".into();
        assert_eq!(rule_of(&k.p.apply(c).unwrap_err()), Some(INV_13_2));
        k.ok(approve_design(), IndustryAuthority);
        assert_eq!(rule_of(&k.err(verify("105000000.00"), IndustryAuthority)), Some(INV_13_2));
    }

    /// Source: INV-23.3 — 10·E > 11·F: exactly +10 % needs no report; +0.01 does (warning at
    /// submission, violation at approval without the report).
    /// Source: INV-23.4 — a filed report waits for drc's decision; change_procedure lets the approval go on.
    #[test]
    fn estimate_excess_23_3_23_4() {
        for (e, due) in [("110000000.00", false), ("110000000.01", true)] {
            let mut k = Kit::new();
            k.drive(InvState::FsrApproved);
            let mut dsg = design(e);
            dsg.items = items(e);
            dsg.contingency = dsg.items[3].amount;
            let t = k.ok(dsg, ProjectUnit);
            assert_eq!(outcome(&t, OutcomeKind::Warning, INV_23_3, "report_due"), due, "{e}");
            let r = k.apply(approve_design(), Drc);
            assert_eq!(r.is_err(), due, "{e}");
            if due {
                assert!(has(&r.unwrap_err(), INV_23_3, "report_due"));
                let rep = ReportEstimateExcess {
                    changes: vec![],
                    compiled_estimate: Some(yuan!(e)),
                    reference: doc(DocKind::Opinion, "超估算报告-1"),
                };
                k.ok(rep, ProjectUnit);
                assert!(has(&k.err(approve_design(), Drc), INV_23_4, "no_decision"));
                k.ok(
                    DecideEstimateExcess {
                        decision: ExcessDecision::ChangeProcedure,
                        reference: approval("变更手续-1"),
                    },
                    Drc,
                );
                k.ok(approve_design(), Drc);
            }
        }
    }

    /// Source: INV-23.4 — redo_fsr sends the project to fsr_rework, clearing the approval flags (A, A0, F, B and contracts kept; AMB-42, §3.3.1);
    /// a decision without a report is a violation.
    #[test]
    fn redo_fsr_23_4() {
        let mut k = Kit::new();
        k.drive(InvState::Procurement);
        let decide = DecideEstimateExcess { decision: ExcessDecision::RedoFsr, reference: approval("重编可研-1") };
        assert!(has(&k.err(decide.clone(), Drc), INV_23_4, "no_report"));
        let rep = ReportEstimateExcess {
            changes: vec![MaterialChange::Scale],
            compiled_estimate: None,
            reference: doc(DocKind::Opinion, "重大变更报告-1"),
        };
        let t = k.ok(rep, ProjectUnit);
        assert!(t.rules.contains(&INV_23_3));
        k.ok(decide, Drc);
        assert_eq!(k.state(), InvState::FsrRework);
        let l = k.p.ledger();
        assert!(!l.fsr_approved && !l.design_approved && !l.budget_done && !l.cd_review_done);
        // RULES.md §3.3.1: the flags clear, the figures A and B are kept.
        assert_eq!(l.estimate, Some(yuan!("105000000.00")));
        assert_eq!(l.original_estimate, Some(yuan!("105000000.00")));
        assert_eq!(l.approved_fsr_estimate, Some(yuan!("100000000.00")));
        assert_eq!(l.budget, Some(yuan!("98000000.00")));
        assert_eq!(l.contracts.len(), 1);
        k.ok(fsr("100000000.00"), ProjectUnit);
        assert_eq!(k.state(), InvState::FsrReview);
    }

    /// Source: INV-24.1 — CD design after the design approval (from fsr_approved only on FSR-only routes).
    /// Source: INV-24.2 — the CD budget and the budget stay ≤ A (A IN, +0.01 OUT).
    #[test]
    fn cd_review_24() {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        assert!(has(&k.err(cd_review("1.00"), ProjectUnit), INV_24_1, "design_not_approved"));
        let mut k = Kit::new();
        k.drive(InvState::DesignApproved);
        assert!(has(&k.err(cd_review("105000000.01"), ProjectUnit), INV_24_2, "over_estimate"));
        k.ok(cd_review("105000000.00"), ProjectUnit);
        assert!(has(&k.err(budget("105000000.01"), ProjectUnit), INV_24_2, "over_estimate"));
        k.ok(budget("105000000.00"), ProjectUnit);
        assert!(has(&k.err(approve_budget("105000000.01"), Finance), INV_24_2, "over_estimate"));
        k.ok(approve_budget("105000000.00"), Finance);
    }

    /// Source: INV-25.1 — a CD budget only after the CD review.
    /// Source: INV-25.4 — a works budget only when no CD design is needed.
    #[test]
    fn budget_25_1_25_4() {
        let mut k = Kit::new();
        k.drive(InvState::DesignApproved);
        assert!(has(&k.err(budget("1.00"), ProjectUnit), INV_25_1, "no_cd_review"));
        let mut b = budget("1.00");
        b.kind = BudgetKind::WorksBudget;
        assert!(has(&k.err(b.clone(), ProjectUnit), INV_25_4, "cd_design_required"));
        // Without CD design: design_approved → budget_review with a works budget.
        let mut k = Kit::new();
        k.drive(InvState::DesignReview);
        k.ok(
            ApproveDesign {
                needs_cd_design: false,
                platform_ref: Some(approval("豫投资平台-设计-1")),
                reference: approval("设计-1"),
            },
            Drc,
        );
        k.ok(verify("105000000.00"), Drc);
        k.ok(b, ProjectUnit);
        assert_eq!(k.state(), InvState::BudgetReview);
        k.ok(approve_budget("90000000.00"), Finance);
        assert_eq!(k.state(), InvState::BudgetApproved);
    }

    /// Source: INV-25.2 — a budget submitted again (after a refusal) is a default breach; a
    /// project-scope exception by finance covers every later one.
    #[test]
    fn budget_once_25_2() {
        let mut k = Kit::new();
        k.drive(InvState::BudgetReview);
        k.ok(
            RefuseApproval {
                reasons: vec!["漏项".into()],
                reference: doc(DocKind::Opinion, "退回-1"),
                review: ReviewKind::Budget,
            },
            Finance,
        );
        let t = k.ok(budget("98000000.00"), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_25_2, "resubmission"));
        k.ok(
            RefuseApproval {
                reasons: vec!["漏项".into()],
                reference: doc(DocKind::Opinion, "退回-2"),
                review: ReviewKind::Budget,
            },
            Finance,
        );
        let exc = crate::RuleException {
            decision_ref: approval("宛财例外-1"),
            event: None,
            reason: "设计变更后重报".into(),
            rule_id: INV_25_2,
            scope: crate::exception::ExceptionScope::Project,
        };
        k.ok(exc, Finance);
        let t = k.ok(budget("98000000.00"), ProjectUnit);
        assert!(t.outcomes.is_empty() && t.exceptions_used.len() == 1);
    }

    /// Source: INV-25.3 — finance checks the budget's items against the verified estimate.
    #[test]
    fn budget_consistency_25_3() {
        let mut k = Kit::new();
        k.drive(InvState::BudgetReview);
        let mut a = approve_budget("98000000.00");
        a.items.push("I-NEW".into());
        assert!(has(&k.err(a, Finance), INV_25_3, "inconsistent_with_estimate"));
        assert_eq!(rule_of(&k.err(approve_budget("98000000.00"), Drc)), Some(INV_25_3));
    }

    // ---- RULES.md §3.3.6: the band re-check at every approval that fixes an amount ----

    use crate::outcome::Outcome;

    fn outcomes_of(e: &Error) -> Vec<(OutcomeKind, RuleId, String)> {
        match e {
            Error::Rule(v) => v.outcomes.iter().map(|o| (o.kind, o.rule, o.detail.to_string())).collect(),
            other => panic!("not a rule violation: {other:?}"),
        }
    }

    fn listed(os: &[Outcome]) -> Vec<(OutcomeKind, RuleId, String)> {
        os.iter().map(|o| (o.kind, o.rule, o.detail.to_string())).collect()
    }

    fn v(rule: RuleId, detail: &str) -> (OutcomeKind, RuleId, String) {
        (OutcomeKind::Violation, rule, detail.to_string())
    }

    fn w(rule: RuleId, detail: &str) -> (OutcomeKind, RuleId, String) {
        (OutcomeKind::Warning, rule, detail.to_string())
    }

    fn f(rule: RuleId, detail: &str) -> (OutcomeKind, RuleId, String) {
        (OutcomeKind::Finding, rule, detail.to_string())
    }

    /// A project registered at `total` with `flags`, its FSR (F = `submitted`) under review.
    fn at_fsr_review(total: &str, flags: RouteFlags, submitted: &str) -> Kit {
        let mut k = Kit::new();
        let mut r = register(total);
        r.route_flags = flags;
        k.ok(r, ProjectUnit);
        k.ok(fsr(submitted), ProjectUnit);
        k
    }

    fn in_plan() -> RouteFlags {
        RouteFlags { in_plan: true, ..RouteFlags::default() }
    }

    /// Source: INV-15.1 — RULES.md §3.3.9 example 5 and the §3.3.6 boundary rows: on the simplified
    /// route the approved F ≤ 10,000,000.00 (以下 IN) sets A = A0 = F; 10,000,000.01 with no 14/15
    /// flags re-routes to `standard` without a proposal → V INV-15.1 `outside_band` + V INV-13.1
    /// `proposal_required`, nothing else.
    /// Source: INV-13.1 — the proposal the re-route to `standard` requires.
    #[test]
    fn simplified_band_at_approve_fsr_example_5() {
        let mut k = at_fsr_review("9000000.00", RouteFlags::default(), "9000000.00");
        assert_eq!(k.p.ledger().route(), Some(Route::SimplifiedFsrOnly));
        let e = k.err(approve_fsr("10000000.01"), Drc);
        assert_eq!(outcomes_of(&e), vec![v(INV_15_1, "outside_band"), v(INV_13_1, "proposal_required")]);
        let t = k.ok(approve_fsr("10000000.00"), Drc);
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        assert!(t.rules.contains(&INV_15_1));
        let l = k.p.ledger();
        assert_eq!((l.estimate, l.original_estimate), (Some(yuan!("10000000.00")), Some(yuan!("10000000.00"))));
        assert_eq!(l.route(), Some(Route::SimplifiedFsrOnly));
    }

    /// Source: INV-15.1 — RULES.md §3.3.9 example 6 and the boundary row "simplified +
    /// single_content_simple_tech, full contents, 10,000,000.01": accepted with W INV-15.1
    /// `rerouted_direct_fsr`, A unset, the route `direct_fsr` (chosen and computed on F), the batch
    /// cleared, design and estimate required (GA not met until `verify_estimate`): a construction
    /// award → V INV-6 `before_project_approval` + V INV-23.1 `no_approved_estimate`.
    /// Source: INV-23.1 — no approved estimate after the re-route.
    /// Source: INV-19.2 — the FSR-only simplification lapses on re-route: the stored core-only
    /// submission is re-judged in full → V INV-19.2 `incomplete`.
    #[test]
    fn forced_reroute_to_direct_fsr_example_6() {
        for (flags, amount) in [
            (in_plan(), "30000000.00"),
            (RouteFlags { single_content_simple_tech: true, ..RouteFlags::default() }, "10000000.01"),
        ] {
            let mut k = at_fsr_review("9000000.00", flags, "9000000.00");
            let t = k.ok(approve_fsr(amount), Drc);
            assert_eq!(listed(&t.outcomes), vec![w(INV_15_1, "rerouted_direct_fsr")], "{amount}");
            let l = k.p.ledger();
            assert_eq!(l.estimate, None);
            assert_eq!(l.original_estimate, None);
            assert_eq!(l.fsr_estimate, Some(yuan!(amount)));
            assert_eq!((l.chosen_route, l.computed_route), (Some(Route::DirectFsr), Some(Route::DirectFsr)));
            assert!(l.batch_id.is_none() && !l.proposal_missing_recorded);
            assert!(k.p.requires_design() && !k.p.route_approvals_done());
            // Source: INV-6 — the construction award now waits for GA (gates.rs, §3.3.3 M/W row).
            let e = k.err(contract("K-C", None, Lot::Construction, "8000000.00", &[]), ProjectUnit);
            assert!(has(&e, INV_6, "before_project_approval") && has(&e, INV_23_1, "no_approved_estimate"));
            // The design and the estimate follow (direct_fsr): 10·E ≤ 11·F.
            k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
            k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "300000.00", &[]), ProjectUnit);
            k.ok(design(amount), ProjectUnit);
            k.ok(approve_design(), Drc);
            k.ok(verify(amount), Drc);
            assert!(k.p.route_approvals_done());
        }
        // Same with core-only contents (lawful on the simplified route, §3.3.8) → V INV-19.2.
        let mut k = Kit::new();
        let mut r = register("9000000.00");
        r.route_flags = in_plan();
        k.ok(r, ProjectUnit);
        let mut sub = fsr("9000000.00");
        sub.contents = vec![FsrContent::Feasibility, FsrContent::SocialBenefit, FsrContent::Funding];
        k.ok(sub, ProjectUnit);
        let e = k.err(approve_fsr("30000000.00"), Drc);
        assert_eq!(outcomes_of(&e), vec![w(INV_15_1, "rerouted_direct_fsr"), v(INV_19_2, "incomplete")]);
        k.ok(approve_fsr("10000000.00"), Drc);
    }

    /// Source: INV-15.2 — a merged batch clears on re-route (AMB-7): the project leaves the FSR-only band.
    #[test]
    fn reroute_clears_batch() {
        let flags = RouteFlags { dispersed_similar: true, single_content_simple_tech: true, ..RouteFlags::default() };
        let mut k = Kit::new();
        let mut r = register("9000000.00");
        r.route_flags = flags;
        k.ok(r, ProjectUnit);
        k.ok(SelectRoute { batch_id: Some("B1".into()), chosen_route: Route::SimplifiedFsrOnly }, ProjectUnit);
        k.ok(fsr("9000000.00"), ProjectUnit);
        let t = k.ok(approve_fsr("12000000.00"), Drc);
        assert_eq!(listed(&t.outcomes), vec![w(INV_15_1, "rerouted_direct_fsr")]);
        assert_eq!(k.p.ledger().batch_id, None);
        assert_eq!(k.p.ledger().route(), Some(Route::DirectFsr));
    }

    /// Source: INV-15.3 — RULES.md §3.3.9 example 7: `direct_fsr` (`in_plan`) F 50,000,000.00 → Ok
    /// (至 IN); 50,000,000.01 → V INV-15.3 `outside_band` + V INV-13.1 `proposal_required`. In
    /// record mode: the findings, route `standard`, `proposal_missing_recorded`, F-INV-53.2, and
    /// the design is still required before construction money (GA).
    /// Source: INV-53.2 — an approval with a band finding is a non-compliant approval.
    #[test]
    fn direct_band_at_approve_fsr_example_7() {
        let mut k = at_fsr_review("40000000.00", in_plan(), "48000000.00");
        assert_eq!(k.p.ledger().route(), Some(Route::DirectFsr));
        let t = k.ok(approve_fsr("50000000.00"), Drc);
        assert!(t.outcomes.is_empty() && t.rules.contains(&INV_15_3));
        assert_eq!(k.p.ledger().estimate, None);

        let mut k = at_fsr_review("40000000.00", in_plan(), "48000000.00");
        let e = k.err(approve_fsr("50000000.01"), Drc);
        assert_eq!(outcomes_of(&e), vec![v(INV_15_3, "outside_band"), v(INV_13_1, "proposal_required")]);
        k.mode = Mode::Record;
        let t = k.ok(approve_fsr("50000000.01"), Drc);
        assert_eq!(listed(&t.outcomes), vec![f(INV_15_3, "outside_band"), f(INV_13_1, "proposal_required")]);
        let l = k.p.ledger();
        assert_eq!((l.chosen_route, l.computed_route), (Some(Route::Standard), Some(Route::Standard)));
        assert!(l.proposal_missing_recorded && !l.proposal_approved);
        assert_eq!(l.estimate, None);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.2:non_compliant_approval".to_string()));
        // The proposal is not re-demanded; the design and estimate are.
        k.mode = Mode::Enforce;
        assert!(k.p.proposal_settled() && k.p.requires_design() && !k.p.route_approvals_done());
        assert!(has(&k.err(cd_review("40000000.00"), ProjectUnit), INV_24_1, "design_not_approved"));
        k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
        k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "500000.00", &[]), ProjectUnit);
        k.ok(design("50000000.00"), ProjectUnit);
        k.ok(approve_design(), Drc);
        k.ok(verify("50000000.00"), Drc);
        assert!(k.p.route_approvals_done());
    }

    /// Source: INV-15.3 — a waived proposal (INV-14.1 grant) turns the re-route to `standard` into W
    /// INV-15.3 `rerouted_standard`, no violation; on the simplified route the same W INV-15.1.
    /// Source: INV-14.1 — the waiver does not depend on the band and survives the re-route.
    #[test]
    fn reroute_standard_with_waived_proposal() {
        let grant = GrantSimplification {
            category: SimplificationCategory::Plan,
            reason: "规划已明确".into(),
            reference: approval("宛发改简化〔2023〕2号"),
            waived: vec![WaivedDocument::Proposal],
        };
        let mut k = Kit::new();
        let mut r = register("40000000.00");
        r.route_flags = in_plan();
        k.ok(r, ProjectUnit);
        k.ok(grant.clone(), Drc);
        k.ok(fsr("48000000.00"), ProjectUnit);
        let t = k.ok(approve_fsr("60000000.00"), Drc);
        assert_eq!(listed(&t.outcomes), vec![w(INV_15_3, "rerouted_standard")]);
        assert_eq!(k.p.ledger().route(), Some(Route::Standard));
        assert!(!k.p.ledger().proposal_missing_recorded && k.p.proposal_settled());
        // Simplified (in_plan at 9,000,000.00), approved 60,000,000.00 → §4.1 gives standard.
        let mut k = Kit::new();
        let mut r = register("9000000.00");
        r.route_flags = in_plan();
        k.ok(r, ProjectUnit);
        k.ok(grant, Drc);
        k.ok(fsr("9000000.00"), ProjectUnit);
        let t = k.ok(approve_fsr("60000000.00"), Drc);
        assert_eq!(listed(&t.outcomes), vec![w(INV_15_1, "rerouted_standard")]);
        assert_eq!(k.p.ledger().route(), Some(Route::Standard));
    }

    /// Source: INV-23.2 — RULES.md §3.3.6 chain: when A := F on an FSR-only route, P-lot contracts
    /// already above F are a warning `commitments_above_estimate` (equality IN).
    #[test]
    fn commitments_above_fsr_estimate_23_2() {
        for (price, warned) in [("8000000.00", false), ("8000000.01", true)] {
            let mut k = at_fsr_review("9000000.00", RouteFlags::default(), "9000000.00");
            k.ok(contract("K-CONSULT", None, Lot::CostConsulting, price, &[]), ProjectUnit);
            let t = k.ok(approve_fsr("8000000.00"), Drc);
            assert_eq!(outcome(&t, OutcomeKind::Warning, INV_23_2, "commitments_above_estimate"), warned, "{price}");
        }
    }

    /// A `direct_fsr` project (`in_plan`) with F approved at `f`, its design (E = `e`) submitted.
    fn direct_at_design_review(f: &str, e: &str) -> Kit {
        let mut k = at_fsr_review("40000000.00", in_plan(), f);
        k.ok(approve_fsr(f), Drc);
        k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
        k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "500000.00", &[]), ProjectUnit);
        k.ok(design(e), ProjectUnit);
        k
    }

    /// Source: INV-23.3 — RULES.md §3.3.9 example 8 and the boundary row: `direct_fsr`, F
    /// 48,000,000.00; `verify_estimate` 50,000,000.00 → Ok (10·A ≤ 11·F); 50,000,000.01 → V INV-23.3
    /// `report_due` (reason `band_exceeded`). After `report_estimate_excess` and `decide_estimate_excess
    /// {change_procedure}` → Ok.
    /// Source: INV-23.4 — a filed report without the decision → V INV-23.4 `no_decision`.
    #[test]
    fn direct_band_at_verify_estimate_example_8() {
        let mut k = direct_at_design_review("48000000.00", "50000000.00");
        k.ok(approve_design(), Drc);
        let e = k.err(verify("50000000.01"), Drc);
        assert_eq!(outcomes_of(&e), vec![v(INV_23_3, "report_due")]);
        let rep = ReportEstimateExcess {
            changes: vec![],
            compiled_estimate: None,
            reference: doc(DocKind::Opinion, "超出直接审批范围报告-1"),
        };
        k.ok(rep, ProjectUnit);
        assert_eq!(outcomes_of(&k.err(verify("50000000.01"), Drc)), vec![v(INV_23_4, "no_decision")]);
        k.ok(
            DecideEstimateExcess { decision: ExcessDecision::ChangeProcedure, reference: approval("变更手续-8") },
            Drc,
        );
        let t = k.ok(verify("50000000.01"), Drc);
        assert!(t.outcomes.is_empty());
        assert_eq!(k.p.ledger().estimate, Some(yuan!("50000000.01")));
        // 50,000,000.00 is in the band.
        let mut k = direct_at_design_review("48000000.00", "50000000.00");
        k.ok(approve_design(), Drc);
        assert!(k.ok(verify("50000000.00"), Drc).outcomes.is_empty());
    }

    /// Source: INV-23.3 — at `approve_design` on `direct_fsr` the band is judged on E: E
    /// 50,000,000.01 (10·E ≤ 11·F) → V `report_due`; the submission warned of it already.
    #[test]
    fn direct_band_at_approve_design() {
        let mut k = at_fsr_review("40000000.00", in_plan(), "48000000.00");
        k.ok(approve_fsr("48000000.00"), Drc);
        k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
        k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "500000.00", &[]), ProjectUnit);
        let t = k.ok(design("50000000.01"), ProjectUnit);
        assert_eq!(listed(&t.outcomes), vec![w(INV_23_3, "report_due")]);
        assert_eq!(outcomes_of(&k.err(approve_design(), Drc)), vec![v(INV_23_3, "report_due")]);
        let k2 = direct_at_design_review("48000000.00", "50000000.00");
        let mut k2 = k2;
        assert!(k2.ok(approve_design(), Drc).outcomes.is_empty());
    }

    /// Source: INV-23.3 — the §3.3.6 boundary row on `standard`: F 40,000,000.00, E 44,000,000.00
    /// (exactly +10 %, OUT); `verify_estimate` 44,000,000.00 → Ok; 44,000,000.01 → V INV-23.3
    /// `report_due` (over_10_percent judged on A as on E: 估算控制概算).
    #[test]
    fn over_10_percent_on_verified_estimate() {
        for (a, ok) in [("44000000.00", true), ("44000000.01", false)] {
            let mut k = Kit::new();
            k.ok(register("40000000.00"), ProjectUnit);
            assert_eq!(k.p.ledger().route(), Some(Route::Standard));
            k.ok(proposal(), ProjectUnit);
            k.ok(approve_proposal(), Drc);
            k.ok(fsr("40000000.00"), ProjectUnit);
            k.ok(approve_fsr("40000000.00"), Drc);
            k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
            k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "500000.00", &[]), ProjectUnit);
            assert!(k.ok(design("44000000.00"), ProjectUnit).outcomes.is_empty());
            k.ok(approve_design(), Drc);
            let r = k.apply(verify(a), Drc);
            assert_eq!(r.is_ok(), ok, "{a}");
            if let Err(e) = r {
                assert_eq!(outcomes_of(&e), vec![v(INV_23_3, "report_due")]);
            }
        }
    }

    /// Source: INV-23.2 — RULES.md §3.3.6 chain at `verify_estimate`: commitments made before A
    /// (P lots, the design contract) above the verified A → warning (equality IN).
    #[test]
    fn commitments_above_verified_estimate_23_2() {
        for (a, warned) in [("44000000.00", false), ("43999999.99", true)] {
            let mut k = direct_at_design_review("48000000.00", "44000000.00");
            k.ok(contract("K-C", None, Lot::CostConsulting, "43500000.00", &[]), ProjectUnit);
            k.ok(approve_design(), Drc);
            let t = k.ok(verify(a), Drc);
            assert_eq!(outcome(&t, OutcomeKind::Warning, INV_23_2, "commitments_above_estimate"), warned, "{a}");
        }
    }

    /// Source: INV-19.2 — RULES.md §3.3.9 example 17 (§3.3.8, AMB-54; changes the old reading of
    /// `fsr_contents_19` on the simplified route): simplified, F 8,000,000.00, contents {feasibility,
    /// social_benefit, funding} with the 19.3 attachments → Ok; {feasibility, funding} → V INV-19.2
    /// `incomplete`; `direct_fsr` with the core only → V INV-19.2 `incomplete` (the full list), and
    /// likewise `emergency_merged` (estimate depth).
    #[test]
    fn fsr_only_core_contents_example_17() {
        let core = vec![FsrContent::Feasibility, FsrContent::SocialBenefit, FsrContent::Funding];
        let mut k = Kit::new();
        k.ok(register("8000000.00"), ProjectUnit);
        assert_eq!(k.p.ledger().route(), Some(Route::SimplifiedFsrOnly));
        let mut f = fsr("8000000.00");
        f.contents = vec![FsrContent::Feasibility, FsrContent::Funding];
        assert_eq!(outcomes_of(&k.err(f, ProjectUnit)), vec![v(INV_19_2, "incomplete")]);
        let mut f = fsr("8000000.00");
        f.contents = core.clone();
        assert!(k.ok(f, ProjectUnit).outcomes.is_empty());
        assert!(k.ok(approve_fsr("8000000.00"), Drc).outcomes.is_empty());
        // direct_fsr keeps the full list.
        let mut k = Kit::new();
        let mut r = register("30000000.00");
        r.route_flags = in_plan();
        k.ok(r, ProjectUnit);
        let mut f = fsr("30000000.00");
        f.contents = core.clone();
        assert_eq!(outcomes_of(&k.err(f, ProjectUnit)), vec![v(INV_19_2, "incomplete")]);
        // emergency_merged too.
        let mut k = Kit::new();
        k.ok(register("8000000.00"), ProjectUnit);
        let rec = RecognizeEmergency {
            builder: "市城投".into(),
            content: "堤防抢修".into(),
            funding_sources: vec!["municipal_budget".into()],
            reference: doc(DocKind::Minutes, "市政府纪要〔2023〕9号"),
            scope: "白河段".into(),
        };
        k.ok(rec, MunicipalGovernment);
        let mut f = fsr("8000000.00");
        f.contents = core;
        assert_eq!(outcomes_of(&k.err(f, ProjectUnit)), vec![v(INV_19_2, "incomplete")]);
    }
}
