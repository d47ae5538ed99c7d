//! Project implementation (宛政〔2023〕7号 第四章 and 第七章, INV-32 to INV-39, 55–58):
//! tendering and contracts, funding, the start of construction, milestones, suspension and
//! stop, completion, acceptance, settlement, final accounts, surplus, assets, evaluation,
//! disclosure, incidents and recourse.

use chrono::{Months, NaiveDate};

use crate::actor::Actor;
use crate::error::{Error, InputError, InputReason, TransitionError};
use crate::investment::InvestmentProject;
use crate::investment::events::{
    ApproveSettlement, AwardContract, CertifyCompletedInvestment, CompleteFinalAccounts, CompleteSurvey,
    DecideRecourse, DelayKind, DrawContingency, EstimateControlCheck, FailAcceptance, FindingRef, IssueTender, Nature,
    OpenLiabilityCase, PassAcceptance, PostEvaluate, ProcuredBy, ReachMilestone, RecordDelayReason, RecordDisclosure,
    RecordFunding, RecordManualFinding, RecoverFunds, RegisterAssets, ReportIncident, Resume, ResumeFunding,
    ReturnSurplus, StartConstruction, Stop, Suspend, SuspendFunding,
};
use crate::investment::ledger::{Contract, FinalAccounts, Incident, Lot, Tender};
use crate::investment::lifecycle::InvState;
use crate::investment::project::non_empty;
use crate::machine::kernel::{Call, Next};
use crate::money::Yuan;
use crate::rule::RuleId;
use crate::rules::*;

/// The lots INV-20.6 requires to be procured competitively (前期咨询、评估咨询、勘察设计、代建管理、监理、造价咨询).
fn service_lot(l: Lot) -> bool {
    matches!(
        l,
        Lot::Survey
            | Lot::Design
            | Lot::Supervision
            | Lot::AgentConstruction
            | Lot::FullProcessConsulting
            | Lot::CostConsulting
            | Lot::OtherService
    )
}

/// Lots whose contracts carry the INV-36 price-adjustment clause (建设期价格大幅波动).
fn priced_lot(l: Lot) -> bool {
    matches!(l, Lot::Construction | Lot::Epc | Lot::Equipment | Lot::Materials)
}

/// The participating units INV-56 names (代建、咨询、勘察、设计、评估、招标代理、造价咨询、施工、监理、供应商).
const PARTICIPANTS: &[Actor] = &[
    Actor::AgentBuilder,
    Actor::Consultancy,
    Actor::Intermediary,
    Actor::ThirdPartyEvaluator,
    Actor::SurveyUnit,
    Actor::DesignUnit,
    Actor::TenderAgent,
    Actor::CostConsultant,
    Actor::Contractor,
    Actor::SupervisionUnit,
    Actor::Supplier,
];

/// Adds `n` months to `date` (month-end clamped), or an input error past chrono's range.
pub(crate) fn add_months(date: NaiveDate, n: u32) -> Result<NaiveDate, InputError> {
    date.checked_add_months(Months::new(n))
        .ok_or_else(|| InputError::new("date", InputReason::InvalidValue, "deadline out of range"))
}

impl InvestmentProject {
    /// The INV-55.x rule an act cites (`F-INV-55.x#seq`, or a document).
    ///
    /// INTERPRETATION: AMB-37 — a citation by document names no item; it is read as INV-55.1
    /// (the first ground) for the `funding_suspended` outcome.
    pub(crate) fn finding_rule(&self, r: &FindingRef) -> Result<RuleId, InputError> {
        let bad = |m: &str| InputError::new("facts.finding_ref", InputReason::InvalidValue, m.to_string());
        match r {
            FindingRef::Doc(d) => {
                if d.is_valid() {
                    Ok(INV_55_1)
                } else {
                    Err(InputError::new(
                        "facts.finding_ref.ref",
                        InputReason::Empty,
                        "finding_ref must name a document",
                    ))
                }
            }
            FindingRef::Code(s) => {
                let rest = s.strip_prefix("F-").ok_or_else(|| bad("expected F-INV-55.x#seq"))?;
                let (id, seq) = rest.split_once('#').ok_or_else(|| bad("expected F-INV-55.x#seq"))?;
                let rule = crate::RuleId::lookup(id).ok_or_else(|| bad("unknown rule id"))?;
                if ![INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6].contains(&rule) {
                    return Err(bad("an INV-55 act cites an INV-55.1–55.6 finding"));
                }
                let seq: u32 = seq.parse().map_err(|_| bad("the seq after # must be a number"))?;
                if seq == 0 || seq >= self.log.next_seq() {
                    return Err(InputError::new("facts.finding_ref", InputReason::UnknownId, "no such log entry"));
                }
                Ok(rule)
            }
        }
    }

    /// closed ⇔ final accounts done ∧ no fiscal surplus left to return (`surplus_return`) ∧ assets
    /// registered (37.3, 37.4; RULES.md §3.4).
    fn closing(&self, s: InvState) -> InvState {
        let l = &self.ledger;
        let done = l.final_accounts.as_ref().is_some_and(|a| a.fiscal_surplus.is_zero() || l.surplus_returned);
        if s == InvState::FinalAccountsDone && done && l.assets_registered { InvState::Closed } else { s }
    }

    /// `issue_tender` (INV-26, 33, 6, 32.1, 20.6): the first construction/EPC lot moves
    /// fsr_approved, design_approved, cd_reviewed or budget_approved to procurement (AMB-24).
    pub(crate) fn issue_tender(&mut self, p: &IssueTender, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.tender_id, "facts.tender_id")?;
        InputError::when(
            self.ledger.tenders.iter().any(|t| t.tender_id == p.tender_id),
            "facts.tender_id",
            InputReason::UnknownId,
            "tender id already used",
        )?;
        if matches!(p.lot, Lot::Survey | Lot::Design) && p.estimated_price.is_none() {
            // RULES.md §3.5 A4: the estimated price decides whether the law requires the tender.
            return Err(InputError::new(
                "facts.estimated_price",
                InputReason::Schema,
                "a survey or design tender states its estimated price (单项合同估算价)",
            )
            .into());
        }
        let state = self.state.unwrap_or(InvState::Reserve);
        let works = matches!(p.lot, Lot::Construction | Lot::Epc);
        let first = works && !self.ledger.tenders.iter().any(|t| matches!(t.lot, Lot::Construction | Lot::Epc));
        let moves = first
            && matches!(
                state,
                InvState::FsrApproved | InvState::DesignApproved | InvState::CdReviewed | InvState::BudgetApproved
            );
        if first
            && !moves
            && matches!(
                state,
                InvState::Reserve
                    | InvState::ProposalReview
                    | InvState::ProposalApproved
                    | InvState::FsrReview
                    | InvState::FsrRework
                    | InvState::DesignReview
                    | InvState::BudgetReview
            )
        {
            return Err(TransitionError::new("inv", c.from, "issue_tender", "approvals_pending").into());
        }
        let verdict = {
            let mut j = self.open(c);
            // INV-26: no missing and no new items against the approved scope.
            j.require(INV_26, crate::mem::same_set(&p.items, &p.scope_items), "items_differ");
            // INV-23.1: the verified estimate (and the budget under it) is the basis of tendering.
            j.trace(INV_23_1);
            let within = p.items.iter().all(|i| self.ledger.item_approved(i));
            j.require(INV_26, within, "new_items");
            j.require(INV_33, p.platform_ref.is_valid(), "not_on_platform");
            // The first works tender before the budget review (26); its INV-6 outcome is the stage
            // gate's (gates.rs, first in the trace). On emergency_merged the rule reads
            // budget_approved as GA until B exists (RULES.md §3.5 A6).
            let g = self.gate_facts();
            let emergency_pending = g.emergency && g.route_approvals_done && g.budget.is_none();
            if moves && p.lot == Lot::Construction && state != InvState::BudgetApproved && !emergency_pending {
                j.require(INV_26, false, "before_budget_approval");
            }
            j.trace(INV_6);
            if p.lot == Lot::Epc {
                // RULES.md §3.4 INV-32.1, §3.5 B23: 「可以」 permits EPC in the named case (a
                // non-operating project whose unit lacks capacity) and prohibits nothing else;
                // EPC is allowed on every route after GA (the stage gate judges "before GA").
                let r = self.ledger.registration.as_ref();
                let named_case = r.is_some_and(|r| r.nature == Nature::NonOperating && r.lacks_capacity);
                j.warn(INV_32_1, named_case, "outside_art32_case");
            } else {
                j.trace(INV_32_1);
            }
            j.trace(INV_20_6);
            j.verdict()?
        };
        crate::mem::push_small(
            &mut self.ledger.tenders,
            Tender {
                tender_id: p.tender_id.clone(),
                lot: p.lot,
                items: p.items.clone(),
                on_platform: p.platform_ref.is_valid(),
            },
        );
        if p.lot == Lot::Epc {
            self.ledger.epc = true;
        }
        // AMB-25 parts mode has no lifecycle state: the tender keeps it.
        let to = if moves { InvState::Procurement } else { state };
        Ok(if self.state.is_some() { Next::to(verdict, to) } else { Next::stay(verdict) })
    }

    /// `award_contract` (INV-33, 36, 4.3, 20.6, 26, 23.2 D).
    pub(crate) fn award_contract(&mut self, p: &AwardContract, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.contract_id, "facts.contract_id")?;
        InputError::when(
            self.ledger.contract(&p.contract_id).is_some(),
            "facts.contract_id",
            InputReason::UnknownId,
            "contract id already used",
        )?;
        InputError::when(
            p.advance_percent.is_some_and(|x| x > 100),
            "facts.advance_percent",
            InputReason::InvalidValue,
            "a percentage of the price",
        )?;
        let tender = match &p.tender_id {
            Some(t) => match self.ledger.tenders.iter().find(|x| &x.tender_id == t) {
                Some(x) if x.lot != p.lot => {
                    return Err(InputError::new(
                        "facts.lot",
                        InputReason::InvalidValue,
                        "lot differs from the tender's",
                    )
                    .into());
                }
                Some(x) => Some(x),
                // AMB-25 parts: the tender is on the DIG side.
                None if self.is_dig_parts() => None,
                None => return Err(InputError::new("facts.tender_id", InputReason::UnknownId, "no such tender").into()),
            },
            None => None,
        };
        let verdict = {
            let mut j = self.open(c);
            if self.ledger.tender_required.contains(&p.lot) {
                let tendered = p.procured_by == ProcuredBy::Tender && tender.is_none_or(|t| t.on_platform);
                j.require(INV_33, tendered && (tender.is_some() || self.is_dig_parts()), "not_tendered");
            } else {
                j.trace(INV_33);
            }
            if priced_lot(p.lot) {
                j.require(INV_36, p.price_adjustment_clause, "no_price_adjustment_clause");
            } else {
                j.trace(INV_36);
            }
            j.require(INV_4_3, !p.advance_funding_clause, "advance_funding");
            // RULES.md §3.5 D1 (财建〔2004〕369号 第十二条 「原则上…不高于30%」): an agreed advance share
            // above `advance_max_percent` is a warning (原则上), the contract stands.
            if let Some(pct) = p.advance_percent {
                j.warn(INV_35_3, pct <= self.ctx.config().advance_max_percent, "advance_above_30_percent");
            }
            if service_lot(p.lot) {
                j.require(INV_20_6, p.procured_by != ProcuredBy::Direct, "not_competitive");
            } else {
                j.trace(INV_20_6);
            }
            match tender {
                Some(t) => {
                    j.require(INV_26, p.items.iter().all(|i| t.items.contains(i)), "new_items");
                }
                None => j.trace(INV_26),
            }
            // INV-23.2 (D, AMB-49): Σ contract prices above A without an approved adjustment.
            let total = self.ledger.contract_total().saturating_add(p.price);
            let within = self.ledger.payment_estimate().is_none_or(|a| total <= a);
            j.default_rule(INV_23_2, within, "contracts_above_estimate");
            j.verdict()?
        };
        crate::mem::push_small(
            &mut self.ledger.contracts,
            Contract {
                contract_id: p.contract_id.clone(),
                tender_id: p.tender_id.clone(),
                lot: p.lot,
                contractor: p.contractor.clone(),
                price: p.price,
                in_budget_scope: p.in_budget_scope,
                items: p.items.clone(),
                paid: Yuan::ZERO,
                change_extra: Yuan::ZERO,
                unreviewed: Yuan::ZERO,
                unconsented_43: Yuan::ZERO,
                preliminary: p.preliminary.unwrap_or(true),
                advance_percent: p.advance_percent,
                advance_paid: Yuan::ZERO,
                advance_recovered: Yuan::ZERO,
                settled: None,
                price_adjustment_clause: p.price_adjustment_clause,
            },
        );
        if p.advance_funding_clause {
            crate::mem::push_small(&mut self.ledger.advance_funding_contracts, p.contract_id.clone());
        }
        if p.procured_by == ProcuredBy::Direct {
            crate::mem::push_small(&mut self.ledger.direct_contracts, p.contract_id.clone());
        }
        Ok(Next::stay(verdict))
    }

    /// `record_funding` (INV-34, 4.3; AMB-22).
    pub(crate) fn record_funding(&mut self, p: &RecordFunding, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        InputError::when(p.sources.is_empty(), "facts.sources", InputReason::Empty, "sources must not be empty")?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_34);
            j.trace(INV_4_3);
            j.verdict()?
        };
        for s in &p.sources {
            crate::mem::push_small(&mut self.ledger.funding, s.clone());
        }
        Ok(Next::stay(verdict))
    }

    /// `complete_survey` (INV-7.3).
    pub(crate) fn complete_survey(&mut self, p: &CompleteSurvey, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_7_3, p.reference.is_valid(), "no_survey_report");
            j.verdict()?
        };
        self.ledger.survey_done = true;
        Ok(Next::stay(verdict))
    }

    /// `start_construction` (INV-7.3, 34 + 6, 33, 7.1, 4.3). Valid from fsr_approved on, so a
    /// premature start is judged, not refused (RULES.md §3.1.2); record mode moves on with findings.
    pub(crate) fn start_construction(&mut self, p: &StartConstruction, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let date = c.cmd.date;
        let verdict = {
            let mut j = self.open(c);
            let l = &self.ledger;
            // INV-7.3: no 边勘察、边设计、边施工.
            j.require(INV_7_3, l.survey_done, "no_survey");
            j.require(INV_7_3, !self.requires_design() || l.design_approved, "design_not_approved");
            j.require(INV_7_3, !l.needs_cd() || l.cd_review_done, "no_cd_review");
            // INV-34 (+ 6 for the sequence).
            let classified = l.registration.as_ref().is_some_and(|r| r.classified);
            let coded = classified || l.registration.as_ref().is_some_and(|r| r.project_code.is_some());
            j.require(INV_34, coded, "no_project_code");
            j.require(INV_34, self.route_approvals_done(), "approvals_missing");
            // RULES.md §3.5 A6 [interp, AMB-58]: on emergency_merged the budget condition reads
            // GA until B exists; the start carries W INV-25.1 (the review follows the works).
            let g = self.gate_facts();
            if g.emergency && g.route_approvals_done && g.budget.is_none() {
                j.warn(INV_25_1, false, "budget_review_pending");
            } else {
                j.require(INV_34, l.budget_done, "no_approved_budget");
            }
            let works = || l.contracts.iter().filter(|k| matches!(k.lot, Lot::Construction | Lot::Epc));
            j.require(INV_34, works().next().is_some(), "no_construction_contract");
            let funds_ok = l.payment_estimate().is_some_and(|a| l.funding_total(None) >= a);
            j.require(INV_34, funds_ok, "funds_below_estimate");
            // INTERPRETATION: AMB-22 — this year's funds against this year's issued plan amount.
            let year = chrono::Datelike::year(&date);
            match self.plans.entry(year) {
                // RULES.md §3.5 D2: the preparatory line is no plan entry for the works.
                Some(e) if e.in_plan() && e.annual_amount.is_some() => {
                    let need = e.annual_amount.unwrap_or_default();
                    j.require(INV_34, l.funding_total(Some(year)) >= need, "funds_below_annual_plan");
                }
                _ => {
                    j.warn(INV_34, false, "no_plan_entry");
                }
            }
            // INTERPRETATION: INV-6's tender step exists where the law requires a tender (INV-33,
            // AMB-47). A works contract the approval exempted from tendering (`tender_required`
            // without its lot, e.g. 抢险救灾 under 招标投标法第六十六条) ends procurement as a
            // tendered one does: the start may follow it from budget_approved.
            // RULES.md §3.5 A6 [interp, AMB-58]: on emergency_merged GB := GA until B exists, so an
            // untendered emergency works contract (招标投标法 第六十六条 抢险救灾) ends procurement
            // from the state GA leaves the project in, as it does from budget_approved.
            let gb_state = self.state == Some(InvState::BudgetApproved)
                || (g.emergency
                    && g.route_approvals_done
                    && g.budget.is_none()
                    && matches!(
                        self.state,
                        Some(InvState::FsrApproved | InvState::CdReviewed | InvState::BudgetReview)
                    ));
            let untendered_award =
                gb_state && works().next().is_some() && works().all(|k| !l.tender_required.contains(&k.lot));
            j.require(INV_6, self.state == Some(InvState::Procurement) || untendered_award, "out_of_order");
            // INV-33: the works lot tendered where the law requires it (AMB-47).
            let tendered = works().all(|k| {
                !l.tender_required.contains(&k.lot)
                    || (k.tender_id.is_some() && l.tenders.iter().any(|t| Some(&t.tender_id) == k.tender_id.as_ref()))
            });
            j.require(INV_33, tendered, "lot_not_tendered");
            j.require(INV_7_1, p.planned_end > date, "no_construction_period");
            j.require(INV_4_3, l.advance_funding_contracts.is_empty(), "advance_funding");
            j.verdict()?
        };
        if self.ledger.started_on.is_none() {
            self.ledger.started_on = Some(date);
        }
        self.ledger.planned_end = Some(p.planned_end);
        self.obligations.cancel("completion", "");
        if p.planned_end > date {
            self.obligations.open(c.seq, INV_55_6, "completion", "", date, p.planned_end);
        }
        Ok(Next::to(verdict, InvState::UnderConstruction))
    }

    /// `reach_milestone` (INV-45.4): opens the industry authority's check, due per `estimate_check_due`.
    pub(crate) fn reach_milestone(&mut self, p: &ReachMilestone, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let due = match self.ctx.config().estimate_check_due {
            Some(n) => Some(self.ctx.calendar().due(c.cmd.date, n).map_err(InputError::from)?),
            None => None,
        };
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_45_4);
            crate::obligation::judge_provisional(&mut j, INV_45_4, due);
            j.verdict()?
        };
        if let Some(due) = due {
            self.obligations.cancel("estimate_control_check", p.node.as_str());
            self.obligations.open(c.seq, INV_45_4, "estimate_control_check", p.node.as_str(), c.cmd.date, due);
        }
        Ok(Next::stay(verdict))
    }

    /// `estimate_control_check` (INV-45.4): a late check is accepted with a finding.
    pub(crate) fn estimate_control_check(
        &mut self,
        p: &EstimateControlCheck,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            let on_time = self
                .obligations
                .find_open("estimate_control_check", p.node.as_str())
                .is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_45_4, on_time, "late");
            j.verdict()?
        };
        self.obligations.close("estimate_control_check", p.node.as_str(), c.seq, c.cmd.date);
        Ok(Next::stay(verdict))
    }

    /// `certify_completed_investment` (INV-48, AMB-15): W.
    pub(crate) fn certify_completed_investment(
        &mut self,
        p: &CertifyCompletedInvestment,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        if p.as_of > c.cmd.date {
            return Err(
                InputError::new("facts.as_of", InputReason::InvalidValue, "as_of is after the event's date").into()
            );
        }
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_48, p.reference.is_valid(), "no_certificate");
            j.verdict()?
        };
        self.ledger.certified_completed = Some(p.certified_completed);
        Ok(Next::stay(verdict))
    }

    /// `draw_contingency` (INV-46.1): Σ draws ≤ contingency, else `contingency_overdrawn`.
    pub(crate) fn draw_contingency(&mut self, p: &DrawContingency, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let drawn = self.ledger.contingency_drawn.checked_add(p.amount);
        if drawn.is_none_or(|d| d > self.ledger.contingency) {
            return Err(InputError::new(
                "facts.amount",
                InputReason::ContingencyOverdrawn,
                format!(
                    "draws of {} exceed the contingency {} (Σ drawn {})",
                    p.amount, self.ledger.contingency, self.ledger.contingency_drawn
                ),
            )
            .into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_46_1);
            j.verdict()?
        };
        self.ledger.contingency_drawn = drawn.unwrap_or(self.ledger.contingency);
        Ok(Next::stay(verdict))
    }

    /// `suspend` (INV-55.1–55.6, AMB-37): the state is stored for `resume`.
    pub(crate) fn suspend(&mut self, p: &Suspend, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        let from = self.state.unwrap_or(InvState::Reserve);
        self.ledger.suspended_from = Some((from, self.effective_actor(c.cmd.actor)));
        self.ledger.suspension_rule = Some(rule);
        Ok(Next::to(verdict, InvState::Suspended))
    }

    /// `resume` (the suspending actor): back to the stored state.
    pub(crate) fn resume(&mut self, p: &Resume, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let Some((to, _)) = self.ledger.suspended_from else {
            return Err(TransitionError::new("inv", c.from, "resume", "no_stored_state").into());
        };
        let rule = self.ledger.suspension_rule.unwrap_or(INV_55_1);
        let verdict = {
            let mut j = self.open(c);
            j.require(rule, p.rectify_ref.is_valid(), "no_rectification");
            j.verdict()?
        };
        self.ledger.suspended_from = None;
        self.ledger.suspension_rule = None;
        Ok(Next::to(verdict, to))
    }

    /// `stop` (INV-55.1–55.6): open changes and adjustments are cancelled (RULES.md §3.1.2).
    pub(crate) fn stop(&mut self, p: &Stop, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        self.ledger.suspended_from = None;
        self.ledger.suspension_rule = None;
        self.cancel_sub_machines();
        self.cancel_lifecycle_obligations();
        Ok(Next::to(verdict, InvState::Stopped))
    }

    /// `suspend_funding` (finance; INV-55.x): payments then violate the cited rule.
    pub(crate) fn suspend_funding(&mut self, p: &SuspendFunding, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        self.ledger.funding_suspended = true;
        self.ledger.funding_suspended_rule = Some(rule);
        Ok(Next::stay(verdict))
    }

    /// `resume_funding` (finance).
    pub(crate) fn resume_funding(&mut self, p: &ResumeFunding, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        InputError::when(
            !self.ledger.funding_suspended,
            "event",
            InputReason::InvalidValue,
            "funding is not suspended",
        )?;
        let rule = self.ledger.funding_suspended_rule.unwrap_or(INV_55_1);
        let verdict = {
            let mut j = self.open(c);
            j.require(rule, p.rectify_ref.is_valid(), "no_rectification");
            j.verdict()?
        };
        self.ledger.funding_suspended = false;
        self.ledger.funding_suspended_rule = None;
        Ok(Next::stay(verdict))
    }

    /// `recover_funds` (finance; INV-55 收回已拨付的资金): at most what was disbursed and not yet recovered.
    pub(crate) fn recover_funds(&mut self, p: &RecoverFunds, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let left = self.ledger.paid_total.saturating_sub(self.ledger.recovered);
        if p.amount.is_zero() || p.amount > left {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                format!("recovery {} must be positive and at most the unrecovered disbursements {left}", p.amount),
            )
            .into());
        }
        let verdict = {
            let mut j = self.open(c);
            for r in [INV_55_1, INV_55_2, INV_55_3, INV_55_4, INV_55_5, INV_55_6] {
                j.trace(r);
            }
            j.verdict()?
        };
        self.ledger.recovered = self.ledger.recovered.saturating_add(p.amount);
        Ok(Next::stay(verdict))
    }

    /// AMB-43 at `complete_works`: one violation per change that blocks completion (an unfiled
    /// emergency change, INV-44.2; a pending change, INV-40.2). Also asked by `permitted_events`.
    pub(crate) fn judge_completion_blockers(&self, j: &mut crate::outcome::Judge<'_>) {
        j.trace(INV_44_2);
        j.trace(INV_40_2);
        // One violation per blocking change (the ids are in the hook's list, not in the detail).
        for (_, rule) in &self.changes_blocking_completion() {
            j.require(*rule, false, if *rule == INV_44_2 { "unfiled_emergency_change" } else { "pending_change" });
        }
    }

    /// `complete_works` (INV-44.2, 40.2 per AMB-43; 55.6 late without a recorded reason).
    pub(crate) fn complete_works(&mut self, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let date = c.cmd.date;
        let verdict = {
            let mut j = self.open(c);
            self.judge_completion_blockers(&mut j);
            let on_time = self.ledger.planned_end.is_none_or(|e| date <= e)
                || self.ledger.delay_reasons.contains(&DelayKind::Completion);
            j.finding(INV_55_6, on_time, "late");
            j.verdict()?
        };
        self.ledger.completed_on = Some(date);
        self.obligations.close("completion", "", c.seq, date);
        Ok(Next::to(verdict, InvState::WorksCompleted))
    }

    /// `record_delay_reason` (INV-55.6, AMB-21): no F-INV-55.6 for that delay.
    pub(crate) fn record_delay_reason(&mut self, p: &RecordDelayReason, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.reason, "facts.reason")?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_55_6);
            j.verdict()?
        };
        if !self.ledger.delay_reasons.contains(&p.delay) {
            self.ledger.delay_reasons.push(p.delay);
        }
        Ok(Next::stay(verdict))
    }

    /// `pass_acceptance` (INV-37.1): opens the final-accounts (37.3) and asset (37.4) duties.
    pub(crate) fn pass_acceptance(&mut self, p: &PassAcceptance, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let date = c.cmd.date;
        let cfg = self.ctx.config();
        let accounts_due = cfg.final_accounts_due.map(|m| add_months(date, m)).transpose()?;
        let assets_due = cfg.asset_registration_due.map(|m| add_months(date, m)).transpose()?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_37_1, p.reference.is_valid(), "no_acceptance_report");
            j.verdict()?
        };
        self.ledger.accepted_on = Some(date);
        if let Some(due) = accounts_due {
            // INTERPRETATION: AMB-44 — 及时 = `final_accounts_due` months (default 3, 财建〔2016〕503号).
            self.obligations.open(c.seq, INV_37_3, "final_accounts", "", date, due);
        }
        if let Some(due) = assets_due
            && !self.ledger.assets_registered
        {
            self.obligations.open(c.seq, INV_37_4, "asset_registration", "", date, due);
        }
        Ok(Next::to(verdict, InvState::Accepted))
    }

    /// `fail_acceptance` (INV-37.1).
    pub(crate) fn fail_acceptance(&mut self, p: &FailAcceptance, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        InputError::when(
            p.issues.iter().all(|i| i.trim().is_empty()),
            "facts.issues",
            InputReason::Empty,
            "issues must not be empty",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_37_1);
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }

    /// `approve_settlement` (finance, AMB-38; INV-37.2 D, 48.1–48.3; RULES.md §3.4).
    ///
    /// 37.2 「项目结算审核金额原则应按照预算评审金额进行控制」 controls the settlement (结算) by the
    /// reviewed budget B plus the approved change amounts; a default rule, exceptions consulted.
    /// INV-6 (预算控制决算) is a principle here, never a rejection; INV-23.2 judges the final
    /// accounts, not the settlement (§3.4 replaces AMB-49's settlement reading).
    pub(crate) fn approve_settlement(&mut self, p: &ApproveSettlement, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        if self.ledger.settlement.is_some() {
            return Err(TransitionError::new("inv", c.from, "approve_settlement", "already_settled").into());
        }
        // RULES.md §3.5 D4: the settled amount per contract (each listed once, each a contract).
        let ids = || p.contracts.iter().map(|k| k.contract_id.as_str());
        InputError::when(
            ids().any(|id| self.ledger.contract(id).is_none()) || crate::mem::has_duplicates(ids()),
            "facts.contracts",
            InputReason::UnknownId,
            "each a contract of the project, once",
        )?;
        let verdict = {
            let mut j = self.open(c);
            let l = &self.ledger;
            // RULES.md §3.5 A6: an emergency project's works ran before B; the settlement waits
            // for the budget review (预算控制决算, INV-25.1).
            if self.gate_facts().emergency {
                j.require(INV_25_1, l.budget.is_some(), "no_budget_review");
            }
            // INV-37.2: settlement ≤ B + approved change amounts (no B, e.g. AMB-25 parts: no cap).
            j.default_rule(INV_37_2, l.budget_cap().is_none_or(|cap| p.amount <= cap), "settlement_above_budget");
            j.trace(INV_48_1);
            j.trace(INV_48_2);
            j.trace(INV_48_3);
            j.verdict()?
        };
        self.ledger.settlement = Some(p.amount);
        for s in &p.contracts {
            if let Some(k) = self.ledger.contract_mut(&s.contract_id) {
                k.settled = Some(s.amount);
            }
        }
        let to = if self.state == Some(InvState::Accepted) { InvState::Settled } else { self.state_or_reserve() };
        Ok(Next::to(verdict, to))
    }

    fn state_or_reserve(&self) -> InvState {
        self.state.unwrap_or(InvState::Reserve)
    }

    /// The fiscal share of a declared surplus (INV-37.3, RULES.md §3.4): as declared, else the whole
    /// surplus of a non-operating or quasi-operating project and none of an operating one's.
    fn fiscal_surplus(&self, p: &CompleteFinalAccounts) -> Result<Yuan, InputError> {
        let operating = self.ledger.registration.as_ref().is_some_and(|r| r.nature == Nature::Operating);
        let fiscal = p.fiscal_surplus.unwrap_or(if operating { Yuan::ZERO } else { p.surplus });
        if fiscal > p.surplus {
            return Err(InputError::new(
                "facts.fiscal_surplus",
                InputReason::InvalidValue,
                format!("the fiscal surplus is part of the surplus {}", p.surplus),
            ));
        }
        if operating && !fiscal.is_zero() {
            // Operating projects keep their surplus with the legal person (INV-32.2, 5: capital
            // injection makes the money the company's): there is no fiscal surplus to return.
            return Err(InputError::new(
                "facts.fiscal_surplus",
                InputReason::InvalidValue,
                "an operating project keeps its surplus with the legal person: fiscal_surplus must be 0.00",
            ));
        }
        Ok(fiscal)
    }

    /// `complete_final_accounts` (INV-37.3 late → finding; INV-23.2 D: total ≤ A; RULES.md §3.4).
    ///
    /// The final accounts (决算) cover land and other costs outside the works budget, so they are
    /// judged against the approved estimate A (23.2 「原则上不得突破」), exceptions consulted.
    /// INTERPRETATION: INV-6's 「预算控制决算」 literally names the budget; RULES.md §3.4 reads it as a
    /// principle and judges the accounts against A (INV-23.2), never with an INV-6 rejection, so a
    /// settlement accepted under an INV-37.2 exception never blocks the accounts.
    ///
    /// A fiscal surplus opens `surplus_return` (37.3 「缴回国库」), due `surplus_return_months`
    /// after acceptance (a stopped or withdrawn project without acceptance: after the accounts).
    pub(crate) fn complete_final_accounts(
        &mut self,
        p: &CompleteFinalAccounts,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        if self.ledger.final_accounts.is_some() {
            return Err(TransitionError::new("inv", c.from, "complete_final_accounts", "already_done").into());
        }
        let fiscal = self.fiscal_surplus(p)?;
        let date = c.cmd.date;
        let return_due = match self.ctx.config().surplus_return_months {
            Some(m) if !fiscal.is_zero() => Some(add_months(self.ledger.accepted_on.unwrap_or(date), m)?),
            _ => None,
        };
        let verdict = {
            let mut j = self.open(c);
            let on_time = self.obligations.find_open("final_accounts", "").is_none_or(|o| date <= o.due);
            j.finding(INV_37_3, on_time, "late");
            let within = self.ledger.payment_estimate().is_none_or(|a| p.total <= a);
            j.default_rule(INV_23_2, within, "accounts_above_estimate");
            j.verdict()?
        };
        self.ledger.final_accounts =
            Some(FinalAccounts { total: p.total, surplus: p.surplus, fiscal_surplus: fiscal, seq: c.seq });
        self.obligations.close("final_accounts", "", c.seq, date);
        if let Some(due) = return_due {
            self.obligations.open(c.seq, INV_37_3, "surplus_return", "", date, due);
        }
        let s =
            if self.state == Some(InvState::Settled) { InvState::FinalAccountsDone } else { self.state_or_reserve() };
        let to = self.closing(s);
        Ok(Next::to(verdict, to))
    }

    /// `return_surplus` (INV-37.3 缴回国库): the fiscal surplus, late → finding.
    pub(crate) fn return_surplus(&mut self, p: &ReturnSurplus, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let Some(acc) = &self.ledger.final_accounts else {
            return Err(TransitionError::new("inv", c.from, "return_surplus", "no_final_accounts").into());
        };
        if self.ledger.surplus_returned {
            return Err(TransitionError::new("inv", c.from, "return_surplus", "already_returned").into());
        }
        if acc.fiscal_surplus.is_zero() {
            return Err(TransitionError::new("inv", c.from, "return_surplus", "no_fiscal_surplus").into());
        }
        if p.amount != acc.fiscal_surplus {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                format!("the amount returned must equal the fiscal surplus {}", acc.fiscal_surplus),
            )
            .into());
        }
        let date = c.cmd.date;
        let verdict = {
            let mut j = self.open(c);
            let on_time = self.obligations.find_open("surplus_return", "").is_none_or(|o| date <= o.due);
            j.finding(INV_37_3, on_time, "late");
            j.require(INV_37_3, p.reference.is_valid(), "no_treasury_receipt");
            j.verdict()?
        };
        self.ledger.surplus_returned = true;
        self.obligations.close("surplus_return", "", c.seq, date);
        let to = self.closing(self.state_or_reserve());
        Ok(Next::to(verdict, to))
    }

    /// `register_assets` (INV-37.4 late → finding).
    pub(crate) fn register_assets(&mut self, p: &RegisterAssets, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        if self.ledger.assets_registered {
            return Err(TransitionError::new("inv", c.from, "register_assets", "already_registered").into());
        }
        let verdict = {
            let mut j = self.open(c);
            let on_time = self.obligations.find_open("asset_registration", "").is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_37_4, on_time, "late");
            j.require(INV_37_4, p.title_ref.is_valid(), "no_title_document");
            j.verdict()?
        };
        self.ledger.assets_registered = true;
        self.obligations.close("asset_registration", "", c.seq, c.cmd.date);
        let to = self.closing(self.state_or_reserve());
        Ok(Next::to(verdict, to))
    }

    /// `post_evaluate` (INV-38, 39: the commissioning drc pays).
    pub(crate) fn post_evaluate(&mut self, p: &PostEvaluate, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.evaluator, "facts.evaluator")?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_38, p.report_ref.is_valid(), "no_report");
            j.require(INV_39, p.payer == Actor::Drc, "payer_not_commissioner");
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }

    /// `record_disclosure` (INV-52.2).
    ///
    /// It discharges every open `disclosure` duty of its subject (the platform approvals open them
    /// under `approval`, RULES.md §3.4); one of them past its due date → finding `late`.
    pub(crate) fn record_disclosure(&mut self, p: &RecordDisclosure, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let date = c.cmd.date;
        let subject = p.subject.as_str();
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_52_2, p.reference.is_valid(), "no_publication");
            let on_time = self.obligations.find_open("disclosure", subject).is_none_or(|o| date <= o.due);
            j.finding(INV_52_2, on_time, "late");
            j.verdict()?
        };
        while self.obligations.close("disclosure", subject, c.seq, date).is_some() {}
        Ok(Next::stay(verdict))
    }

    /// `record_manual_finding` (RULES.md §5 manual rules: INV-4.2, 45.3, 53.5, 54.1, 55.2, …).
    pub(crate) fn record_manual_finding(
        &mut self,
        p: &RecordManualFinding,
        c: &Call<'_>,
    ) -> Result<Next<InvState>, Error> {
        InputError::when(
            !p.detail.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "facts.detail",
            InputReason::InvalidValue,
            "detail is snake_case",
        )?;
        InputError::when(
            p.rule_id.regulation() != crate::rule::Regulation::Investment,
            "facts.rule_id",
            InputReason::InvalidValue,
            "an investment project records INV findings (DIG findings go on the DIG log)",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.finding(p.rule_id, false, p.detail.clone());
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }

    /// `report_incident` (INV-58).
    pub(crate) fn report_incident(&mut self, p: &ReportIncident, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        non_empty(&p.incident_id, "facts.incident_id")?;
        InputError::when(
            self.ledger.incidents.iter().any(|i| i.incident_id == p.incident_id),
            "facts.incident_id",
            InputReason::UnknownId,
            "incident id already used",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_58);
            j.verdict()?
        };
        crate::mem::push_small(
            &mut self.ledger.incidents,
            Incident {
                incident_id: p.incident_id.clone(),
                kind: p.kind,
                seq: c.seq,
                date: c.cmd.date,
                liability_case: false,
            },
        );
        Ok(Next::stay(verdict))
    }

    /// `open_liability_case` (INV-58).
    pub(crate) fn open_liability_case(&mut self, p: &OpenLiabilityCase, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        InputError::when(
            !self.ledger.incidents.iter().any(|i| i.incident_id == p.incident_id),
            "facts.incident_id",
            InputReason::UnknownId,
            "no such incident",
        )?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_58, p.reference.is_valid(), "no_case_file");
            j.verdict()?
        };
        if let Some(i) = self.ledger.incidents.iter_mut().find(|i| i.incident_id == p.incident_id) {
            i.liability_case = true;
        }
        Ok(Next::stay(verdict))
    }

    /// `decide_recourse` (INV-56, M): only against a participating unit.
    pub(crate) fn decide_recourse(&mut self, p: &DecideRecourse, c: &Call<'_>) -> Result<Next<InvState>, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_56, PARTICIPANTS.contains(&p.participant), "not_a_participant");
            j.verdict()?
        };
        Ok(Next::stay(verdict))
    }
}

#[cfg(test)]
mod tests {
    use crate::investment::testkit::*;

    fn change_cmd(k: &Kit, id: &str, ev: impl Into<crate::investment::ChangeEvent>) -> Command {
        Command::new(Stream::sub(MachineId::Change, "P1", id), ev.into(), ProjectUnit, k.date).code(CODE)
    }

    fn delta() -> crate::investment::change::EstimateDelta {
        crate::investment::change::EstimateDelta { after: yuan!("1000.00"), before: yuan!("0.00") }
    }

    /// Source: INV-40.2 — a non-emergency change still pending blocks complete_works (AMB-43).
    /// Source: INV-44.2 — so does an emergency change never filed.
    #[test]
    fn pending_changes_block_completion() {
        use crate::investment::change::{EmergencyChangeOrder, ProposeChange, Situation};
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        k.at("2024-03-04");
        let c = change_cmd(
            &k,
            "C1",
            ProposeChange {
                budget_after: None,
                change_id: "C1".into(),
                contracts: vec![],
                description: "优化排水".into(),
                estimate_delta: delta(),
                major: false,
                material: vec![],
                situation: Situation::S41_1,
            },
        );
        k.p.apply(c).unwrap();
        let c = change_cmd(
            &k,
            "C2",
            EmergencyChangeOrder {
                change_id: "C2".into(),
                contracts: vec![],
                description: "边坡抢险".into(),
                estimate_delta: delta(),
                order_date: k.date,
                report_ref: doc(DocKind::Opinion, "立即报告-1"),
                situation: None,
            },
        );
        k.p.apply(c).unwrap();
        let e = k.err(InvEvent::CompleteWorks(Box::default()), ProjectUnit);
        assert!(has(&e, INV_40_2, "pending_change"));
        assert!(has(&e, INV_44_2, "unfiled_emergency_change"));
    }

    /// Source: INV-26 — tender items equal the approved scope: no missing, no new items.
    /// Source: INV-33 — tenders on the public resource platform.
    /// Source: INV-23.1 — the approved estimate (and budget) is the basis of tendering.
    #[test]
    fn tender_26_33() {
        let mut k = Kit::new();
        k.drive(InvState::BudgetApproved);
        let t = tender("T-X", Lot::Supervision, &["I-CI"]);
        assert!(k.ok(t, ProjectUnit).rules.contains(&INV_23_1));
        let mut t = tender("T-C", Lot::Construction, &["I-CI"]);
        t.scope_items = vec!["I-CI".into(), "I-EQ".into()];
        assert!(has(&k.err(t, ProjectUnit), INV_26, "items_differ"));
        assert!(has(&k.err(tender("T-C", Lot::Construction, &["I-XX"]), ProjectUnit), INV_26, "new_items"));
        let mut t = tender("T-C", Lot::Construction, &["I-CI"]);
        t.platform_ref = doc(DocKind::TenderDocs, "");
        assert!(has(&k.err(t, ProjectUnit), INV_33, "not_on_platform"));
        k.ok(tender("T-C", Lot::Construction, &["I-CI"]), TenderAgent);
        assert_eq!(k.state(), InvState::Procurement);
        // Contract items within the tender's.
        let c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI", "I-EQ"]);
        assert!(has(&k.err(c, ProjectUnit), INV_26, "new_items"));
    }

    /// Source: INV-6 — a non-EPC construction tender before the budget approval violates 26 and 6
    /// (record mode moves on with findings); review states refuse it as a transition error.
    #[test]
    fn premature_tender_6() {
        let mut k = Kit::new();
        k.drive(InvState::CdReviewed);
        let e = k.err(tender("T-C", Lot::Construction, &["I-CI"]), ProjectUnit);
        assert!(has(&e, INV_6, "before_budget_approval") && has(&e, INV_26, "before_budget_approval"));
        k.mode = Mode::Record;
        let t = k.ok(tender("T-C", Lot::Construction, &["I-CI"]), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_6, "before_budget_approval"));
        assert_eq!(k.state(), InvState::Procurement);
        let mut k = Kit::new();
        k.drive(InvState::DesignReview);
        assert!(matches!(k.err(tender("T-C", Lot::Construction, &[]), ProjectUnit), Error::Transition(_)));
    }

    /// Source: INV-32.1 — EPC tenders from GA on every route (RULES.md §3.5 B23): before GA the
    /// stage gate's violation `before_approval` (with INV-6 `before_project_approval`); outside
    /// the named case (non-operating, lacks capacity) only a warning `outside_art32_case` (§3.4);
    /// CD review and budget then run inside procurement.
    #[test]
    fn epc_path_32_1() {
        let mut r = register("120000000.00");
        r.construction_mode = ConstructionMode::Epc;
        r.lacks_capacity = true;
        let mut k = Kit::new();
        k.ok(r.clone(), ProjectUnit);
        k.ok(proposal(), ProjectUnit);
        k.ok(approve_proposal(), Drc);
        k.ok(fsr("100000000.00"), ProjectUnit);
        k.ok(approve_fsr("100000000.00"), Drc);
        let e = k.err(tender("T-E", Lot::Epc, &[]), ProjectUnit);
        assert_eq!(
            violations(&e),
            [
                (INV_6, "before_project_approval".to_string()),
                (INV_26, "no_approved_estimate".into()),
                (INV_32_1, "before_approval".into())
            ]
        );
        k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit);
        k.ok(contract("K-DESIGN", Some("T-D"), Lot::Design, "1000000.00", &[]), ProjectUnit);
        k.ok(design("105000000.00"), ProjectUnit);
        k.ok(approve_design(), Drc);
        k.ok(verify("105000000.00"), Drc);
        k.ok(tender("T-E", Lot::Epc, &["I-CI"]), ProjectUnit);
        assert_eq!(k.state(), InvState::Procurement);
        k.ok(cd_review("100000000.00"), ProjectUnit);
        k.ok(budget("98000000.00"), ProjectUnit);
        assert!(matches!(k.err(budget("98000000.00"), ProjectUnit), Error::Transition(_)));
        k.ok(approve_budget("98000000.00"), Finance);
        assert_eq!(k.state(), InvState::Procurement);
        k.ok(contract("K-E", Some("T-E"), Lot::Epc, "95000000.00", &["I-CI"]), ProjectUnit);
        k.ok(funding("105000000.00", 2023), ProjectUnit);
        k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
        k.ok(start("2025-06-30"), ProjectUnit);
        // EPC outside the named case (no capacity flag): permitted after GA, with a warning.
        let mut k = Kit::new();
        k.ok(register("8500000.00"), ProjectUnit);
        k.ok(fsr("8500000.00"), ProjectUnit);
        k.ok(approve_fsr("8500000.00"), Drc);
        let t = k.ok(tender("T-E", Lot::Epc, &[]), ProjectUnit);
        assert_eq!(outcomes(&t), [(OutcomeKind::Warning, INV_32_1, "outside_art32_case".to_string())]);
        // FSR-only route with EPC permitted: from fsr_approved.
        let mut r = register("8500000.00");
        r.construction_mode = ConstructionMode::Epc;
        r.lacks_capacity = true;
        let mut k = Kit::new();
        k.ok(r, ProjectUnit);
        k.ok(fsr("8500000.00"), ProjectUnit);
        k.ok(approve_fsr("8500000.00"), Drc);
        k.ok(tender("T-E", Lot::Epc, &[]), ProjectUnit);
        assert_eq!(k.state(), InvState::Procurement);
    }

    /// Source: INV-33 — a lot the law requires tendered (set at FSR approval) cannot be awarded otherwise.
    /// Source: INV-36 — construction contracts carry a price-adjustment clause.
    /// Source: INV-4.3 — no contractor advance funding (垫资).
    /// Source: INV-20.6 — services procured competitively.
    #[test]
    fn award_contract_rules() {
        let mut k = Kit::new();
        k.drive(InvState::Procurement);
        let mut c = contract("K-C", None, Lot::Construction, "90000000.00", &["I-CI"]);
        c.procured_by = ProcuredBy::OtherCompetitive;
        assert!(has(&k.err(c, ProjectUnit), INV_33, "not_tendered"));
        let mut c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]);
        c.price_adjustment_clause = false;
        assert!(has(&k.err(c, ProjectUnit), INV_36, "no_price_adjustment_clause"));
        let mut c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]);
        c.advance_funding_clause = true;
        assert!(has(&k.err(c.clone(), ProjectUnit), INV_4_3, "advance_funding"));
        k.mode = Mode::Record;
        k.ok(c, ProjectUnit);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.5:advance_funding".to_string()));
        let mut s = contract("K-S", None, Lot::Supervision, "1000000.00", &[]);
        s.procured_by = ProcuredBy::Direct;
        let t = k.ok(s, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_20_6, "not_competitive"));
        k.mode = Mode::Enforce;
        assert!(matches!(
            k.err(contract("K-C", Some("T-C"), Lot::Construction, "1.00", &[]), ProjectUnit),
            Error::Input(ref e) if e.reason == InputReason::UnknownId
        ));
    }

    /// Source: INV-23.2 — Σ contract prices above A: default breach (exactly A is IN), drc may except.
    #[test]
    fn contracts_above_estimate_23_2() {
        let mut k = Kit::new();
        k.drive(InvState::Procurement);
        // A = 105,000,000.00; design contract 2,000,000.00 already.
        let t = k.ok(contract("K-C", Some("T-C"), Lot::Construction, "103000000.00", &["I-CI"]), ProjectUnit);
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        let t = k.ok(contract("K-X", None, Lot::Equipment, "0.01", &[]), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_23_2, "contracts_above_estimate"));
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.4:commitments_above_estimate".to_string()));
    }

    /// Source: INV-34 — the start needs code, approvals, budget, a works contract and funds
    /// (Σ ≥ A; this year's ≥ the plan's annual amount; no plan entry → warning).
    /// Source: INV-7.3 — survey, design approval and CD review before the start.
    /// Source: INV-7.1 — a construction period (planned end after the start).
    #[test]
    fn start_conditions() {
        let mut k = Kit::new();
        k.drive(InvState::Procurement);
        k.ok(contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]), ProjectUnit);
        let e = k.err(start("2025-06-30"), ProjectUnit);
        assert!(has(&e, INV_7_3, "no_survey"));
        assert!(has(&e, INV_34, "funds_below_estimate"));
        k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
        k.ok(funding("104999999.99", 2023), ProjectUnit);
        assert!(has(&k.err(start("2025-06-30"), ProjectUnit), INV_34, "funds_below_estimate"));
        k.ok(funding("0.01", 2024), ProjectUnit);
        assert!(has(&k.err(start(&k.date.to_string()), ProjectUnit), INV_7_1, "no_construction_period"));
        // Issued plan of 2023: 2023 funds must reach the annual amount (IN at equality).
        k.p.set_plan_inputs(plan_issued(2023, "105000000.00"));
        assert!(has(&k.err(start("2025-06-30"), ProjectUnit), INV_34, "funds_below_annual_plan"));
        k.p.set_plan_inputs(plan_issued(2023, "104999999.99"));
        let t = k.ok(start("2025-06-30"), ProjectUnit);
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        let o = k.p.log().entries().last().unwrap();
        assert!(
            o.outcomes()
                .iter()
                .any(|o| o.kind == OutcomeKind::Warning && o.rule == INV_34 && o.detail == "no_plan_entry")
        );
    }

    /// Source: INV-6 — the tender step of the sequence exists where the approval requires a tender:
    /// a works contract exempted from tendering (emergency repair, `tender_required` without
    /// construction) may start from budget_approved; where construction must be tendered, a direct
    /// award does not end procurement (6 out_of_order, 33 lot_not_tendered).
    #[test]
    fn untendered_works_start_6() {
        for (required, ok) in [(vec![], true), (vec![Lot::Construction], false)] {
            let mut k = Kit::new();
            k.drive(InvState::BudgetReview);
            k.ok(approve_budget("98000000.00"), Finance);
            k.p.ledger.tender_required = required;
            // A direct award where a tender is required is a fact on the ground (record mode).
            k.mode = if ok { Mode::Enforce } else { Mode::Record };
            k.ok(contract("K-C", None, Lot::Construction, "90000000.00", &["I-CI"]), ProjectUnit);
            k.mode = Mode::Enforce;
            k.ok(funding("105000000.00", 2023), ProjectUnit);
            k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
            if ok {
                let t = k.ok(start("2025-06-30"), ProjectUnit);
                assert_eq!(t.from, "budget_approved");
                assert!(!t.outcomes.iter().any(|o| o.rule == INV_6), "{:?}", t.outcomes);
            } else {
                let e = k.err(start("2025-06-30"), ProjectUnit);
                assert!(has(&e, INV_6, "out_of_order") && has(&e, INV_33, "lot_not_tendered"));
            }
        }
        // Without any works contract the start stays out of order.
        let mut k = Kit::new();
        k.drive(InvState::BudgetApproved);
        k.p.ledger.tender_required.clear();
        assert!(has(&k.err(start("2025-06-30"), ProjectUnit), INV_6, "out_of_order"));
    }

    /// Source: INV-7.3 — a premature start from fsr_approved is judged (not a transition error);
    /// record mode moves on with findings, and F-INV-55.1 follows.
    /// Source: INV-55.1 — start without approval or conditions is found.
    #[test]
    fn premature_start_recorded() {
        let mut k = Kit::new();
        k.drive(InvState::FsrApproved);
        let e = k.err(start("2025-06-30"), ProjectUnit);
        assert!(has(&e, INV_7_3, "design_not_approved") && has(&e, INV_34, "approvals_missing"));
        assert!(has(&e, INV_6, "out_of_order") && has(&e, INV_34, "no_approved_budget"));
        k.mode = Mode::Record;
        let t = k.ok(start("2025-06-30"), ProjectUnit);
        assert_eq!(t.to, "under_construction");
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-55.1:start_conditions_not_met".to_string()));
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-7.3:design_not_approved".to_string()));
    }

    /// Source: INV-45.4 — a milestone opens the industry authority's check (estimate_check_due
    /// working days); a late check is a finding, a missing one overdue.
    #[test]
    fn milestone_checks_45_4() {
        let cfg = Config { estimate_check_due: Some(5), ..Config::default() };
        let mut k = Kit::with(cfg);
        k.drive(InvState::UnderConstruction);
        k.at("2023-12-04");
        k.ok(ReachMilestone { node: MilestoneNode::ToppingOut }, ProjectUnit);
        let open = k.p.obligations(d("2023-12-04"));
        let due = open.iter().find(|o| o.obligation.duty == "estimate_control_check").unwrap().obligation.due;
        assert_eq!(due, d("2023-12-11"));
        assert!(finding_codes(&k, "2023-12-12").contains(&"F-INV-45.4:overdue".to_string()));
        k.at("2023-12-12");
        let check = EstimateControlCheck {
            node: MilestoneNode::ToppingOut,
            reference: doc(DocKind::Opinion, "概算控制检查-1"),
            result: PassFail::Pass,
        };
        assert_eq!(rule_of(&k.err(check.clone(), ProjectUnit)), Some(INV_8));
        let t = k.ok(check, IndustryAuthority);
        assert!(outcome(&t, OutcomeKind::Finding, INV_45_4, "late"));
    }

    /// Source: INV-46.1 — contingency draws never exceed the contingency (InputError contingency_overdrawn).
    #[test]
    fn contingency_46_1() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        let c = k.p.ledger().contingency;
        assert_eq!(c, yuan!("5250000.00"));
        k.ok(DrawContingency { amount: yuan!("5250000.00"), change_id: None }, ProjectUnit);
        let e = k.err(DrawContingency { amount: yuan!("0.01"), change_id: None }, ProjectUnit);
        assert!(matches!(e, Error::Input(ref i) if i.reason == InputReason::ContingencyOverdrawn));
    }

    /// Source: INV-48 — W is certified by the industry authority (as_of not after the event).
    #[test]
    fn certify_w() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        let cert = |as_of: &str| CertifyCompletedInvestment {
            as_of: d(as_of),
            certified_completed: yuan!("73500000.00"),
            reference: doc(DocKind::CertifiedCompleted, "完成投资确认-1"),
        };
        assert!(matches!(k.err(cert("2023-11-21"), IndustryAuthority), Error::Input(_)));
        k.ok(cert("2023-11-20"), IndustryAuthority);
        assert_eq!(k.p.ledger().certified_completed, Some(yuan!("73500000.00")));
    }

    /// Source: INV-55.3 — suspension by drc or the industry authority, resumed only by the suspender
    /// to the stored state; stop from any state before works_completed.
    #[test]
    fn suspend_resume_stop() {
        let mut k = paying_project();
        let s = Suspend { finding_ref: FindingRef::Doc(doc(DocKind::Opinion, "责令暂停-1")) };
        assert_eq!(rule_of(&k.err(s.clone(), Finance)), Some(INV_8));
        k.ok(s, Drc);
        assert_eq!(k.state(), InvState::Suspended);
        let r = Resume { rectify_ref: doc(DocKind::Evidence, "整改-1") };
        assert_eq!(rule_of(&k.err(r.clone(), IndustryAuthority)), Some(INV_8));
        k.ok(r, Drc);
        assert_eq!(k.state(), InvState::UnderConstruction);
        k.ok(Stop { finding_ref: FindingRef::Code("F-INV-55.3#1".into()) }, IndustryAuthority);
        assert_eq!(k.state(), InvState::Stopped);
        // Only the approvals' disclosures (INV-52.2) outlive the stop.
        assert!(k.p.obligations(d("2026-12-31")).iter().all(|o| o.obligation.duty == "disclosure"));
        // Close-out continues after a stop (state kept).
        k.ok(
            ApproveSettlement {
                amount: yuan!("1000.00"),
                contracts: vec![],
                reference: doc(DocKind::Settlement, "结算-1"),
            },
            Finance,
        );
        assert_eq!(k.state(), InvState::Stopped);
        assert!(matches!(k.err(CompleteWorksEv::ev(), ProjectUnit), Error::Transition(_)));
    }

    /// Source: INV-55.1 — resume judges the rectification under the suspension's own 55.x rule.
    #[test]
    fn resume_under_suspension_rule() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        k.ok(
            RecordManualFinding { detail: "".into(), reference: doc(DocKind::Opinion, "核查-1"), rule_id: INV_55_3 },
            Drc,
        );
        let seq = k.p.log().len();
        k.ok(Suspend { finding_ref: FindingRef::Code(format!("F-INV-55.3#{seq}")) }, IndustryAuthority);
        let e = k.err(Resume { rectify_ref: doc(DocKind::Evidence, "") }, IndustryAuthority);
        assert!(has(&e, INV_55_3, "no_rectification"));
        k.ok(Resume { rectify_ref: doc(DocKind::Evidence, "整改-1") }, IndustryAuthority);
        assert_eq!(k.state(), InvState::UnderConstruction);
    }

    /// Source: INV-55.6 — completion after planned_end without a recorded reason is a finding;
    /// a recorded reason excuses it; an overdue completion shows as of a date.
    #[test]
    fn completion_55_6() {
        let mut k = paying_project();
        assert!(finding_codes(&k, "2025-07-01").contains(&"F-INV-55.6:overdue".to_string()));
        assert!(!finding_codes(&k, "2025-06-30").iter().any(|f| f.starts_with("F-INV-55.6")));
        k.at("2025-07-01");
        let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_55_6, "late"));
        let mut k = paying_project();
        k.at("2025-06-30");
        let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
        assert!(t.outcomes.is_empty());
        let mut k = paying_project();
        k.ok(
            RecordDelayReason {
                delay: DelayKind::Completion,
                reason: "汛期停工".into(),
                reference: doc(DocKind::Evidence, "停工-1"),
            },
            ProjectUnit,
        );
        assert!(!finding_codes(&k, "2025-07-01").iter().any(|f| f.starts_with("F-INV-55.6")));
        k.at("2025-07-01");
        assert!(k.ok(CompleteWorksEv::ev(), ProjectUnit).outcomes.is_empty());
    }

    /// Source: INV-37.1 — acceptance, then settlement, final accounts, surplus and assets close the project.
    /// Source: INV-37.2 — settlement above B + approved changes: default breach (B IN).
    /// Source: INV-37.3 — final accounts due 3 months after acceptance; late → finding; surplus returned.
    /// Source: INV-37.4 — assets registered within `asset_registration_due`; late → finding.
    /// Source: INV-38 — drc commissions the post-evaluation, also of a closed project.
    /// Source: INV-39 — its fee is paid by the commissioning drc, never the evaluated unit.
    #[test]
    fn close_out_37() {
        let cfg = Config { asset_registration_due: Some(6), ..Config::default() };
        let mut k = Kit::with(cfg);
        k.drive(InvState::UnderConstruction);
        k.at("2025-05-30");
        k.ok(CompleteWorksEv::ev(), ProjectUnit);
        assert!(matches!(k.err(FailAcceptance { issues: vec![] }, ProjectUnit), Error::Input(_)));
        k.ok(FailAcceptance { issues: vec!["渗漏".into()] }, ProjectUnit);
        let pass = PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") };
        k.at("2025-06-16");
        k.ok(pass, ProjectUnit);
        assert_eq!(k.state(), InvState::Accepted);
        let codes = finding_codes(&k, "2025-09-17");
        assert!(codes.contains(&"F-INV-37.3:overdue".to_string()));
        assert!(!finding_codes(&k, "2025-09-16").iter().any(|f| f.starts_with("F-INV-37.3")));
        k.at("2025-06-20");
        let settle = |a: &str| ApproveSettlement {
            amount: yuan!(a),
            contracts: vec![],
            reference: doc(DocKind::Settlement, "结算-1"),
        };
        assert_eq!(rule_of(&k.err(settle("98000000.00"), ProjectUnit)), Some(INV_8));
        let mut k2 = Kit::new();
        k2.drive(InvState::UnderConstruction);
        k2.at("2025-05-30");
        k2.ok(CompleteWorksEv::ev(), ProjectUnit);
        k2.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
        let t = k2.ok(settle("98000000.01"), Finance);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_37_2, "settlement_above_budget"));
        let t = k.ok(settle("98000000.00"), Finance);
        assert!(t.outcomes.is_empty());
        assert_eq!(k.state(), InvState::Settled);
        k.at("2025-09-17");
        let acc = CompleteFinalAccounts {
            fiscal_surplus: None,
            reference: doc(DocKind::FinalAccounts, "决算-1"),
            surplus: yuan!("100.00"),
            total: yuan!("97999900.00"),
        };
        let t = k.ok(acc, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_37_3, "late"));
        assert_eq!(k.state(), InvState::FinalAccountsDone);
        let ret = |a: &str| ReturnSurplus { amount: yuan!(a), reference: doc(DocKind::Evidence, "缴库-1") };
        assert!(matches!(k.err(ret("99.99"), ProjectUnit), Error::Input(_)));
        // The fiscal surplus was due 2025-09-16 (3 months after acceptance): returned late.
        let t = k.ok(ret("100.00"), ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_37_3, "late"));
        assert_eq!(k.state(), InvState::FinalAccountsDone);
        k.at("2025-12-17");
        let t = k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_37_4, "late"));
        assert_eq!(k.state(), InvState::Closed);
        // Terminal: post-evaluation still taken.
        let pe = PostEvaluate {
            evaluator: "某咨询公司".into(),
            payer: ProjectUnit,
            report_ref: doc(DocKind::Opinion, "后评价-1"),
        };
        assert!(has(&k.err(pe.clone(), Drc), INV_39, "payer_not_commissioner"));
        let mut pe = pe;
        pe.payer = Drc;
        assert!(k.ok(pe, Drc).rules.contains(&INV_38));
        assert!(matches!(k.err(RecoverFunds { amount: yuan!("1.00") }, Finance), Error::Transition(_)));
    }

    fn final_accounts(total: &str, surplus: &str, fiscal: Option<&str>) -> CompleteFinalAccounts {
        CompleteFinalAccounts {
            fiscal_surplus: fiscal.map(|f| yuan!(f)),
            reference: doc(DocKind::FinalAccounts, "决算-1"),
            surplus: yuan!(surplus),
            total: yuan!(total),
        }
    }

    /// A payment request of `kind` on the construction contract K-C.
    fn pay(id: &str, kind: PaymentKind, amount: &str, cap: &str, deducted: Option<&str>) -> RequestPayment {
        let mut r = request(id, Some("K-C"), amount, cap);
        r.kind = Some(kind);
        r.advance_deducted = deducted.map(|d| yuan!(d));
        r
    }

    /// Requests, approves and disburses; the approval's and disbursement's transitions.
    fn pay_through(k: &mut Kit, r: RequestPayment) -> Result<(Transition, Transition), Error> {
        let (id, amount) = (r.request_id.clone(), r.amount.to_string());
        k.ok(r, ProjectUnit);
        let a = k.apply(approve_pay(&id), Finance)?;
        let d = k.apply(disburse(&id, &amount), Finance)?;
        Ok((a, d))
    }

    /// Source: INV-35.3 — RULES.md §3.5 D1 (财建〔2004〕369号 第十二条 「预付款原则上不低于合同金额的10%，不高于
    /// 30%」): an advance is judged against the contract's advance share instead of progress —
    /// K-C (90,000,000.00, no agreed share → `advance_max_percent` 30) takes 27,000,000.00 (IN) but
    /// not one fen more (V `over_contract`); a progress payment then satisfies paid_contract −
    /// (Σ advance − Σ advance_deducted) + amount ≤ progress_cap at the exact boundary.
    #[test]
    fn advance_payments_d1() {
        let mut k = paying_project();
        k.at("2023-12-01");
        // The advance's own progress cap is not read (0.01 here).
        let (a, d) = pay_through(&mut k, pay("ADV-1", PaymentKind::Advance, "27000000.00", "0.01", None)).unwrap();
        assert!(a.outcomes.is_empty() && d.outcomes.is_empty(), "{:?} {:?}", a.outcomes, d.outcomes);
        k.ok(pay("ADV-2", PaymentKind::Advance, "0.01", "0.01", None), ProjectUnit);
        assert_eq!(violations(&k.err(approve_pay("ADV-2"), Finance)), vec![(INV_35_3, "over_contract".to_string())]);
        // Progress 10,000,000.00 certified, 2,700,000.00 of the advance recovered: 27,000,000.00 −
        // (27,000,000.00 − 2,700,000.00) + 7,300,000.00 = 10,000,000.00 ≤ the cap (IN) …
        let mut over = k.clone_kit();
        over.ok(pay("P-1", PaymentKind::Progress, "7300000.01", "10000000.00", Some("2700000.00")), ProjectUnit);
        assert_eq!(violations(&over.err(approve_pay("P-1"), Finance)), vec![(INV_35_3, "over_progress".to_string())]);
        let (a, d) =
            pay_through(&mut k, pay("P-1", PaymentKind::Progress, "7300000.00", "10000000.00", Some("2700000.00")))
                .unwrap();
        assert!(a.outcomes.is_empty() && d.outcomes.is_empty());
        // … and the next certificate (15,000,000.00, 1,500,000.00 recovered) counts the recovered
        // advance: 34,300,000.00 − (27,000,000.00 − 4,200,000.00) + 3,500,000.00 = 15,000,000.00.
        let (a, _) =
            pay_through(&mut k, pay("P-2", PaymentKind::Progress, "3500000.00", "15000000.00", Some("1500000.00")))
                .unwrap();
        assert!(a.outcomes.is_empty());
        let ledger = k.p.ledger();
        let kc = ledger.contract("K-C").unwrap();
        assert_eq!((kc.advance_paid, kc.advance_recovered), (yuan!("27000000.00"), yuan!("4200000.00")));
        // Only a progress payment recovers advances; an advance needs a contract.
        let mut r = pay("ADV-3", PaymentKind::Advance, "1.00", "1.00", Some("1.00"));
        assert!(matches!(k.err(r.clone(), ProjectUnit), Error::Input(_)));
        r.advance_deducted = None;
        r.contract_id = None;
        assert!(matches!(k.err(r, ProjectUnit), Error::Input(_)));
    }

    /// Source: INV-35.3 — RULES.md §3.5 D1: the agreed `advance_percent` caps the advances (10 % of
    /// 90,000,000.00: 9,000,000.00 IN, 9,000,000.01 OUT); a share above `advance_max_percent` (30)
    /// is W `advance_above_30_percent` at the award (原则上), 30 is not.
    #[test]
    fn advance_share_d1() {
        let mut k = Kit::new();
        k.drive(InvState::Procurement);
        let mut c = contract("K-C", Some("T-C"), Lot::Construction, "90000000.00", &["I-CI"]);
        c.advance_percent = Some(31);
        let t = k.clone_kit().ok(c.clone(), ProjectUnit);
        assert_eq!(outcomes(&t), vec![(OutcomeKind::Warning, INV_35_3, "advance_above_30_percent".to_string())]);
        c.advance_percent = Some(30);
        assert!(k.clone_kit().ok(c.clone(), ProjectUnit).outcomes.is_empty());
        c.advance_percent = Some(101);
        assert!(matches!(k.clone_kit().err(c.clone(), ProjectUnit), Error::Input(_)));
        c.advance_percent = Some(10);
        k.ok(c, ProjectUnit);
        k.ok(funding("105000000.00", 2023), ProjectUnit);
        k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
        k.ok(start("2025-06-30"), ProjectUnit);
        k.p.set_plan_inputs(plan_issued(2023, "200000000.00"));
        k.at("2023-12-01");
        k.ok(pay("ADV-1", PaymentKind::Advance, "9000000.01", "0.01", None), ProjectUnit);
        assert!(has(&k.clone_kit().err(approve_pay("ADV-1"), Finance), INV_35_3, "over_contract"));
        k.ok(pay("ADV-2", PaymentKind::Advance, "9000000.00", "0.01", None), ProjectUnit);
        k.ok(approve_pay("ADV-2"), Finance);
    }

    /// A project closed on 2025-09-10 after 80,000,000.00 paid on K-C: settled at 91,000,000.00
    /// listing K-C at 89,000,000.00 (`listed`), else at 89,000,000.00 without a per-contract list.
    fn closed_with_retention(listed: bool) -> Kit {
        let mut k = paying_project();
        k.at("2024-06-03");
        k.p.set_plan_inputs(plan_issued(2024, "200000000.00"));
        pay_through(&mut k, pay("P-1", PaymentKind::Progress, "80000000.00", "80000000.00", None)).unwrap();
        k.at("2025-05-30");
        k.ok(CompleteWorksEv::ev(), ProjectUnit);
        k.at("2025-06-16");
        k.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
        k.at("2025-08-20");
        let total = if listed { "91000000.00" } else { "89000000.00" };
        let mut s = settle(total);
        if listed {
            s.contracts = vec![SettledContract { amount: yuan!("89000000.00"), contract_id: "K-C".into() }];
        }
        k.ok(s, Finance);
        k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
        k.at("2025-09-10");
        k.ok(final_accounts(total, "0.00", None), ProjectUnit);
        assert_eq!(k.state(), InvState::Closed);
        k
    }

    /// Source: INV-35.3 — RULES.md §3.5 D4 (建质〔2017〕138号 第二、八、十、十一条: the retention money is
    /// returned after the defect liability period): after `closed`, with no end date, only
    /// `retention` payments are valid; per contract Σ paid ≤ the settled amount (9,000,000.00 IN on
    /// 80,000,000.00 paid of 89,000,000.00; 9,000,000.01 V `over_settlement`); INV-12.2 is not
    /// judged on them (no plan of 2027), nothing else reopens the project.
    #[test]
    fn retention_after_closing_d4() {
        let mut k = closed_with_retention(true);
        k.at("2027-09-10");
        let mut over = k.clone_kit();
        over.ok(pay("RET-1", PaymentKind::Retention, "9000000.01", "91000000.00", None), ProjectUnit);
        assert_eq!(
            violations(&over.err(approve_pay("RET-1"), Finance)),
            vec![(INV_35_3, "over_settlement".to_string())]
        );
        let (a, d) =
            pay_through(&mut k, pay("RET-1", PaymentKind::Retention, "9000000.00", "91000000.00", None)).unwrap();
        assert!(a.outcomes.is_empty() && d.outcomes.is_empty(), "{:?} {:?}", a.outcomes, d.outcomes);
        assert!(!d.rules.contains(&INV_12_2));
        assert_eq!(k.state(), InvState::Closed);
        // Any other kind after closing is refused as in a terminal state.
        let e = k.err(pay("P-9", PaymentKind::Progress, "1.00", "91000000.00", None), ProjectUnit);
        assert!(matches!(e, Error::Transition(ref t) if t.detail == "terminal"), "{e:?}");
        let mut r = request("P-9", Some("K-C"), "1.00", "91000000.00");
        r.kind = None;
        assert!(matches!(k.err(r, ProjectUnit), Error::Transition(_)));
        // A contract the settlement does not list: the project's payments within the settlement
        // amount (89,000,000.00 − 80,000,000.00 paid = 9,000,000.00 IN, one fen more OUT).
        let mut k = closed_with_retention(false);
        k.at("2027-09-10");
        let mut over = k.clone_kit();
        over.ok(pay("RET-1", PaymentKind::Retention, "9000000.01", "91000000.00", None), ProjectUnit);
        assert!(has(&over.err(approve_pay("RET-1"), Finance), INV_35_3, "over_settlement"));
        k.ok(pay("RET-1", PaymentKind::Retention, "9000000.00", "91000000.00", None), ProjectUnit);
        k.ok(approve_pay("RET-1"), Finance);
    }

    fn settle(amount: &str) -> ApproveSettlement {
        ApproveSettlement { amount: yuan!(amount), contracts: vec![], reference: doc(DocKind::Settlement, "结算-1") }
    }

    /// A paying project (A 105,000,000.00, B 98,000,000.00) accepted on 2025-06-16.
    fn accepted_project() -> Kit {
        let mut k = paying_project();
        k.at("2025-05-30");
        k.ok(CompleteWorksEv::ev(), ProjectUnit);
        k.at("2025-06-16");
        k.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
        k
    }

    /// Source: INV-37.2 — the settlement is controlled by B + approved changes (RULES.md §3.4):
    /// 98,000,000.00 Ok, 98,000,000.01 D `settlement_above_budget`; no INV-23.2 at the settlement.
    /// Source: INV-6 — never a rejection at the settlement or the final accounts.
    /// Source: INV-48.2 — approved changes are part of the settlement (48.1–48.3 traced).
    #[test]
    fn settlement_37_2_budget_boundary() {
        let mut k = accepted_project();
        k.at("2025-08-20");
        let t = k.ok(settle("98000000.00"), Finance);
        assert!(t.outcomes.is_empty());
        assert!(t.rules.contains(&INV_48_2) && !t.rules.contains(&INV_6) && !t.rules.contains(&INV_23_2));
        let mut k = accepted_project();
        k.at("2025-08-20");
        // Above A too: still only 37.2 at the settlement (the accounts answer to A).
        let t = k.ok(settle("105000000.01"), Finance);
        assert_eq!(t.outcomes.len(), 1);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_37_2, "settlement_above_budget"));
        let mut k = accepted_project();
        k.at("2025-08-20");
        let t = k.ok(settle("98000000.01"), Finance);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_37_2, "settlement_above_budget"));
    }

    /// Source: INV-37.2 — a settlement above B under finance's recorded exception yields nothing, and
    /// the final accounts above B (within A) follow without any INV-6 outcome (RULES.md §3.4); the
    /// project closes.
    /// Source: INV-6 — 预算控制决算 is a principle: the accounts above B are not rejected.
    #[test]
    fn settlement_exception_never_blocks_accounts() {
        use crate::exception::{ExceptionScope, RuleException};
        let mut k = accepted_project();
        k.at("2025-08-19");
        let exc = RuleException {
            decision_ref: doc(DocKind::Approval, "宛财〔2025〕12号"),
            event: Some("approve_settlement".into()),
            reason: "地质条件变化增加的工程量经财政评审确认".into(),
            rule_id: INV_37_2,
            scope: ExceptionScope::One,
        };
        let seq = k.ok(InvEvent::RecordException(Box::new(exc)), Finance).seq;
        k.at("2025-08-20");
        let t = k.ok(settle("100000000.00"), Finance);
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used, vec![seq]);
        k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
        k.at("2025-09-10");
        let t = k.ok(final_accounts("100000000.00", "0.00", None), ProjectUnit);
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
        assert_eq!(k.state(), InvState::Closed);
        assert!(!finding_codes(&k, "2026-12-31").iter().any(|f| f.starts_with("F-INV-6") || f.starts_with("F-INV-37")));
    }

    /// Source: INV-23.2 — the final accounts are judged against A (RULES.md §3.4): 105,000,000.00 Ok,
    /// 105,000,000.01 D `accounts_above_estimate`, covered by drc's exception.
    #[test]
    fn accounts_23_2_estimate_boundary() {
        use crate::exception::{ExceptionScope, RuleException};
        let accounts_at = |total: &str, exception: bool| {
            let mut k = accepted_project();
            k.at("2025-08-20");
            k.ok(settle("98000000.00"), Finance);
            if exception {
                let exc = RuleException {
                    decision_ref: doc(DocKind::Approval, "宛发改〔2025〕30号"),
                    event: None,
                    reason: "征地拆迁费用超出概算，经市发改委同意".into(),
                    rule_id: INV_23_2,
                    scope: ExceptionScope::One,
                };
                k.ok(InvEvent::RecordException(Box::new(exc)), Drc);
            }
            k.at("2025-09-10");
            k.ok(final_accounts(total, "0.00", None), ProjectUnit)
        };
        let t = accounts_at("105000000.00", false);
        assert!(t.outcomes.is_empty());
        assert_eq!(t.rules, vec![INV_8, INV_9_2, INV_37_3, INV_23_2]);
        let t = accounts_at("105000000.01", false);
        assert_eq!(t.outcomes.len(), 1);
        assert!(outcome(&t, OutcomeKind::DefaultBreach, INV_23_2, "accounts_above_estimate"));
        let t = accounts_at("105000000.01", true);
        assert!(t.outcomes.is_empty());
        assert_eq!(t.exceptions_used.len(), 1);
    }

    /// Source: INV-37.3 — a fiscal surplus is due `surplus_return_months` (3) after acceptance
    /// (2025-06-16 → 2025-09-16): returned on the due day on time, the day after late; not returned,
    /// F-INV-37.3 `surplus_not_returned` from the day after the due day; the project closes only when
    /// it is returned (RULES.md §3.4).
    #[test]
    fn surplus_37_3_due_day() {
        let ready = || {
            let mut k = accepted_project();
            k.at("2025-08-20");
            k.ok(settle("98000000.00"), Finance);
            k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
            k.at("2025-09-10");
            let t = k.ok(final_accounts("97696000.00", "304000.00", None), ProjectUnit);
            assert!(t.outcomes.is_empty());
            assert_eq!(k.state(), InvState::FinalAccountsDone);
            k
        };
        let k = ready();
        let due = k.p.obligations(d("2025-09-16"));
        assert!(due.iter().any(|o| o.obligation.duty == "surplus_return" && o.obligation.due == d("2025-09-16")));
        assert!(!finding_codes(&k, "2025-09-16").iter().any(|f| f.starts_with("F-INV-37.3")));
        assert!(finding_codes(&k, "2025-09-17").contains(&"F-INV-37.3:surplus_not_returned".to_string()));
        let ret = ReturnSurplus { amount: yuan!("304000.00"), reference: doc(DocKind::Evidence, "缴库-1") };
        let mut k = ready();
        k.at("2025-09-16");
        let t = k.ok(ret.clone(), ProjectUnit);
        assert!(t.outcomes.is_empty());
        assert_eq!(k.state(), InvState::Closed);
        assert!(!finding_codes(&k, "2026-12-31").iter().any(|f| f.starts_with("F-INV-37.3")));
        let mut k = ready();
        k.at("2025-09-17");
        let t = k.ok(ret, ProjectUnit);
        assert!(outcome(&t, OutcomeKind::Finding, INV_37_3, "late"));
        assert_eq!(k.state(), InvState::Closed);
        assert!(!finding_codes(&k, "2026-12-31").contains(&"F-INV-37.3:surplus_not_returned".to_string()));
    }

    /// Source: INV-37.3 — only the fiscal share is returned: `fiscal_surplus` (≤ surplus) is the
    /// amount due; an operating project's surplus stays with the legal person (no duty, it closes);
    /// a stopped project's duty runs from the accounts date; arranged funding above the accounts is
    /// no mismatch (no warning).
    #[test]
    fn fiscal_surplus_37_3() {
        // Loans repaid first: 100,000.00 of a 304,000.00 surplus is fiscal.
        let mut k = accepted_project();
        k.at("2025-08-20");
        k.ok(settle("98000000.00"), Finance);
        k.ok(RegisterAssets { title_ref: doc(DocKind::Approval, "不动产权-1") }, ProjectUnit);
        k.at("2025-09-10");
        let e = k.err(final_accounts("97696000.00", "304000.00", Some("304000.01")), ProjectUnit);
        assert!(matches!(e, Error::Input(ref i) if i.path == "facts.fiscal_surplus"));
        let t = k.ok(final_accounts("97696000.00", "304000.00", Some("100000.00")), ProjectUnit);
        assert!(t.outcomes.iter().all(|o| o.kind != OutcomeKind::Warning));
        let ret = |a: &str| ReturnSurplus { amount: yuan!(a), reference: doc(DocKind::Evidence, "缴库-1") };
        assert!(matches!(k.err(ret("304000.00"), ProjectUnit), Error::Input(_)));
        k.ok(ret("100000.00"), ProjectUnit);
        assert_eq!(k.state(), InvState::Closed);

        // Operating: no fiscal surplus, no duty; it closes at the accounts.
        let mut k = Kit::new();
        let mut r = register("120000000.00");
        r.nature = Nature::Operating;
        r.mode = FundingMode::CapitalInjection;
        r.basis_3_2 = Some(doc(DocKind::Approval, "高新技术产业化依据"));
        k.ok(r, ProjectUnit);
        k.p.state = Some(InvState::Settled);
        k.p.ledger.assets_registered = true;
        k.at("2025-09-10");
        let e = k.err(final_accounts("97696000.00", "304000.00", Some("1.00")), ProjectUnit);
        assert!(matches!(e, Error::Input(_)));
        k.ok(final_accounts("97696000.00", "304000.00", None), ProjectUnit);
        assert_eq!(k.state(), InvState::Closed);
        assert!(k.p.obligations(d("2030-01-01")).is_empty());

        // Stopped before acceptance: due 3 months after the accounts date (2025-03-10 → 2025-06-10).
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        k.at("2024-12-02");
        k.ok(Stop { finding_ref: FindingRef::Doc(doc(DocKind::Approval, "停建-1")) }, Drc);
        k.at("2025-03-10");
        k.ok(final_accounts("20000000.00", "5000.00", None), ProjectUnit);
        assert!(!finding_codes(&k, "2025-06-10").iter().any(|f| f.starts_with("F-INV-37.3")));
        assert!(finding_codes(&k, "2025-06-11").contains(&"F-INV-37.3:surplus_not_returned".to_string()));
        assert_eq!(k.state(), InvState::Stopped);
    }

    /// Source: INV-52.2 — disclosures are recorded with their publication.
    #[test]
    fn disclosure_52_2() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let dsc = RecordDisclosure { reference: doc(DocKind::Approval, ""), subject: DisclosureSubject::Approval };
        assert!(has(&k.err(dsc, Drc), INV_52_2, "no_publication"));
        let dsc =
            RecordDisclosure { reference: doc(DocKind::Approval, "公开-1"), subject: DisclosureSubject::Approval };
        assert_eq!(rule_of(&k.err(dsc.clone(), ProjectUnit)), Some(INV_8));
        k.ok(dsc, DisciplineInspection);
    }

    /// Source: INV-58 — an incident without a liability case is a finding until one is opened.
    /// Source: INV-56 — recourse only against a participating unit (M).
    #[test]
    fn incidents_58_recourse_56() {
        let mut k = paying_project();
        k.ok(
            ReportIncident {
                incident_id: "A1".into(),
                kind: IncidentKind::Safety,
                reference: doc(DocKind::Opinion, "事故-1"),
            },
            IndustryAuthority,
        );
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-58:no_liability_case".to_string()));
        assert!(matches!(
            k.err(OpenLiabilityCase { incident_id: "A9".into(), reference: doc(DocKind::Opinion, "立案-1") }, Audit),
            Error::Input(_)
        ));
        assert_eq!(
            rule_of(&k.err(
                OpenLiabilityCase { incident_id: "A1".into(), reference: doc(DocKind::Opinion, "立案-1") },
                ProjectUnit
            )),
            Some(INV_8)
        );
        k.ok(
            OpenLiabilityCase { incident_id: "A1".into(), reference: doc(DocKind::Opinion, "立案-1") },
            DisciplineInspection,
        );
        assert!(!finding_codes(&k, "2023-12-31").iter().any(|f| f.starts_with("F-INV-58")));
        let rec = |who| DecideRecourse {
            amount: Some(yuan!("1000.00")),
            decision: RecourseDecision::Claim,
            participant: who,
            reference: doc(DocKind::Opinion, "追偿-1"),
        };
        assert!(has(&k.err(rec(Finance), ProjectUnit), INV_56, "not_a_participant"));
        k.ok(rec(DesignUnit), ProjectUnit);
    }

    /// Source: INV-44.2 — complete_works is blocked by what the change hook reports (AMB-43); no
    /// change kept yet → not blocked.
    /// Source: INV-40.2 — a pending non-emergency change blocks completion (traced; the hook reports it).
    #[test]
    fn complete_works_hook() {
        let mut k = paying_project();
        k.at("2024-06-03");
        let t = k.ok(CompleteWorksEv::ev(), ProjectUnit);
        assert!(t.rules.contains(&INV_44_2) && t.rules.contains(&INV_40_2));
    }
}
