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
    ConstructionMode, DecideRecourse, DelayKind, DrawContingency, EstimateControlCheck, FailAcceptance, FindingRef,
    IssueTender, Nature, OpenLiabilityCase, PassAcceptance, PostEvaluate, ProcuredBy, ReachMilestone,
    RecordDelayReason, RecordDisclosure, RecordFunding, RecordManualFinding, RecoverFunds, RegisterAssets,
    ReportIncident, Resume, ResumeFunding, ReturnSurplus, StartConstruction, Stop, Suspend, SuspendFunding,
};
use crate::investment::ledger::{Contract, FinalAccounts, Incident, Lot, Tender};
use crate::investment::lifecycle::InvState;
use crate::investment::plan::ProjectPlanStatus;
use crate::investment::project::{Call, Step, non_empty};
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

    /// closed ⇔ final accounts done ∧ (surplus 0 ∨ returned) ∧ assets registered (37.3, 37.4).
    fn closing(&self, s: InvState) -> InvState {
        let l = &self.ledger;
        let done = l.final_accounts.as_ref().is_some_and(|a| a.surplus.is_zero() || l.surplus_returned);
        if s == InvState::FinalAccountsDone && done && l.assets_registered { InvState::Closed } else { s }
    }

    /// `issue_tender` (INV-26, 33, 6, 32.1, 20.6): the first construction/EPC lot moves
    /// fsr_approved, design_approved, cd_reviewed or budget_approved to procurement (AMB-24).
    pub(crate) fn issue_tender(&mut self, p: &IssueTender, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.tender_id, "facts.tender_id")?;
        if self.ledger.tenders.iter().any(|t| t.tender_id == p.tender_id) {
            return Err(InputError::new("facts.tender_id", InputReason::UnknownId, "tender id already used").into());
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
            let mut a: Vec<&str> = p.items.iter().map(String::as_str).collect();
            let mut b: Vec<&str> = p.scope_items.iter().map(String::as_str).collect();
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            // INV-26: no missing and no new items against the approved scope.
            j.require(INV_26, a == b, "items_differ");
            // INV-23.1: the verified estimate (and the budget under it) is the basis of tendering.
            j.trace(INV_23_1);
            let approved = self.ledger.approved_items();
            let within = approved.as_ref().is_none_or(|ap| a.iter().all(|i| ap.contains(i)));
            j.require(INV_26, within, "new_items");
            j.require(INV_33, p.platform_ref.is_valid(), "not_on_platform");
            if moves && p.lot == Lot::Construction && state != InvState::BudgetApproved {
                j.require(INV_26, false, "before_budget_approval");
                j.require(INV_6, false, "before_budget_approval");
            } else {
                j.trace(INV_6);
            }
            if p.lot == Lot::Epc {
                let r = self.ledger.registration.as_ref();
                let permitted = r.is_some_and(|r| {
                    r.construction_mode == ConstructionMode::Epc && r.nature == Nature::NonOperating && r.lacks_capacity
                });
                j.require(INV_32_1, permitted, "epc_not_permitted");
                // AMB-24: EPC from fsr_approved only when the route approves no design (完成审批程序后).
                j.require(
                    INV_32_1,
                    !(state == InvState::FsrApproved && self.requires_design()),
                    "before_design_approval",
                );
            } else {
                j.trace(INV_32_1);
            }
            j.trace(INV_20_6);
            j.verdict()?
        };
        self.ledger.tenders.push(Tender {
            tender_id: p.tender_id.clone(),
            lot: p.lot,
            items: p.items.clone(),
            on_platform: p.platform_ref.is_valid(),
        });
        if p.lot == Lot::Epc {
            self.ledger.epc = true;
        }
        let to = if moves { InvState::Procurement } else { state };
        if self.state.is_some() {
            self.state = Some(to);
        }
        Ok(Step { verdict, from: c.from, to: if self.state.is_some() { to.as_str() } else { c.from } })
    }

    /// `award_contract` (INV-33, 36, 4.3, 20.6, 26, 23.2 D).
    pub(crate) fn award_contract(&mut self, p: &AwardContract, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.contract_id, "facts.contract_id")?;
        if self.ledger.contract(&p.contract_id).is_some() {
            return Err(InputError::new("facts.contract_id", InputReason::UnknownId, "contract id already used").into());
        }
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
                None if self.parts => None,
                None => return Err(InputError::new("facts.tender_id", InputReason::UnknownId, "no such tender").into()),
            },
            None => None,
        };
        let verdict = {
            let mut j = self.open(c);
            if self.ledger.tender_required.contains(&p.lot) {
                let tendered = p.procured_by == ProcuredBy::Tender && tender.is_none_or(|t| t.on_platform);
                j.require(INV_33, tendered && (tender.is_some() || self.parts), "not_tendered");
            } else {
                j.trace(INV_33);
            }
            if priced_lot(p.lot) {
                j.require(INV_36, p.price_adjustment_clause, "no_price_adjustment_clause");
            } else {
                j.trace(INV_36);
            }
            j.require(INV_4_3, !p.advance_funding_clause, "advance_funding");
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
        self.ledger.contracts.push(Contract {
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
        });
        if p.advance_funding_clause {
            self.ledger.advance_funding_contracts.push(p.contract_id.clone());
        }
        if p.procured_by == ProcuredBy::Direct {
            self.ledger.direct_contracts.push(p.contract_id.clone());
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `record_funding` (INV-34, 4.3; AMB-22).
    pub(crate) fn record_funding(&mut self, p: &RecordFunding, c: &Call<'_>) -> Result<Step, Error> {
        if p.sources.is_empty() {
            return Err(InputError::new("facts.sources", InputReason::Empty, "sources must not be empty").into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_34);
            j.trace(INV_4_3);
            j.verdict()?
        };
        self.ledger.funding.extend(p.sources.iter().cloned());
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `complete_survey` (INV-7.3).
    pub(crate) fn complete_survey(&mut self, p: &CompleteSurvey, c: &Call<'_>) -> Result<Step, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_7_3, p.reference.is_valid(), "no_survey_report");
            j.verdict()?
        };
        self.ledger.survey_done = true;
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `start_construction` (INV-7.3, 34 + 6, 33, 7.1, 4.3). Valid from fsr_approved on, so a
    /// premature start is judged, not refused (RULES.md §3.1.2); record mode moves on with findings.
    pub(crate) fn start_construction(&mut self, p: &StartConstruction, c: &Call<'_>) -> Result<Step, Error> {
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
            j.require(INV_34, l.budget_done, "no_approved_budget");
            let works: Vec<&Contract> =
                l.contracts.iter().filter(|k| matches!(k.lot, Lot::Construction | Lot::Epc)).collect();
            j.require(INV_34, !works.is_empty(), "no_construction_contract");
            let funds_ok = l.payment_estimate().is_some_and(|a| l.funding_total(None) >= a);
            j.require(INV_34, funds_ok, "funds_below_estimate");
            // INTERPRETATION: AMB-22 — this year's funds against this year's issued plan amount.
            let year = chrono::Datelike::year(&date);
            match self.plans.entry(year) {
                Some(e) if e.status == ProjectPlanStatus::PlanIssued && e.annual_amount.is_some() => {
                    let need = e.annual_amount.unwrap_or_default();
                    j.require(INV_34, l.funding_total(Some(year)) >= need, "funds_below_annual_plan");
                }
                _ => {
                    j.warn(INV_34, false, "no_plan_entry");
                }
            }
            j.require(INV_6, self.state == Some(InvState::Procurement), "out_of_order");
            // INV-33: the works lot tendered where the law requires it (AMB-47).
            let tendered = works.iter().all(|k| {
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
        self.state = Some(InvState::UnderConstruction);
        Ok(Step { verdict, from: c.from, to: InvState::UnderConstruction.as_str() })
    }

    /// `reach_milestone` (INV-45.4): opens the industry authority's check, due per `estimate_check_due`.
    pub(crate) fn reach_milestone(&mut self, p: &ReachMilestone, c: &Call<'_>) -> Result<Step, Error> {
        let due = match self.ctx.config().estimate_check_due {
            Some(n) => Some(self.ctx.calendar().add_working_days(c.cmd.date, n).map_err(InputError::from)?),
            None => None,
        };
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_45_4);
            j.verdict()?
        };
        if let Some(due) = due {
            self.obligations.cancel("estimate_control_check", p.node.as_str());
            self.obligations.open(c.seq, INV_45_4, "estimate_control_check", p.node.as_str(), c.cmd.date, due);
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `estimate_control_check` (INV-45.4): a late check is accepted with a finding.
    pub(crate) fn estimate_control_check(&mut self, p: &EstimateControlCheck, c: &Call<'_>) -> Result<Step, Error> {
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
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `certify_completed_investment` (INV-48, AMB-15): W.
    pub(crate) fn certify_completed_investment(
        &mut self,
        p: &CertifyCompletedInvestment,
        c: &Call<'_>,
    ) -> Result<Step, Error> {
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
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `draw_contingency` (INV-46.1): Σ draws ≤ contingency, else `contingency_overdrawn`.
    pub(crate) fn draw_contingency(&mut self, p: &DrawContingency, c: &Call<'_>) -> Result<Step, Error> {
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
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `suspend` (INV-55.1–55.6, AMB-37): the state is stored for `resume`.
    pub(crate) fn suspend(&mut self, p: &Suspend, c: &Call<'_>) -> Result<Step, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        let from = self.state.unwrap_or(InvState::Reserve);
        self.ledger.suspended_from = Some((from, self.effective_actor(c.cmd.actor)));
        self.ledger.suspension_rule = Some(rule);
        self.state = Some(InvState::Suspended);
        Ok(Step { verdict, from: c.from, to: InvState::Suspended.as_str() })
    }

    /// `resume` (the suspending actor): back to the stored state.
    pub(crate) fn resume(&mut self, p: &Resume, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    /// `stop` (INV-55.1–55.6): open changes and adjustments are cancelled (RULES.md §3.1.2).
    pub(crate) fn stop(&mut self, p: &Stop, c: &Call<'_>) -> Result<Step, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        self.ledger.suspended_from = None;
        self.ledger.suspension_rule = None;
        self.state = Some(InvState::Stopped);
        self.cancel_sub_machines();
        self.cancel_lifecycle_obligations();
        Ok(Step { verdict, from: c.from, to: InvState::Stopped.as_str() })
    }

    /// `suspend_funding` (finance; INV-55.x): payments then violate the cited rule.
    pub(crate) fn suspend_funding(&mut self, p: &SuspendFunding, c: &Call<'_>) -> Result<Step, Error> {
        let rule = self.finding_rule(&p.finding_ref)?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(rule);
            j.verdict()?
        };
        self.ledger.funding_suspended = true;
        self.ledger.funding_suspended_rule = Some(rule);
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `resume_funding` (finance).
    pub(crate) fn resume_funding(&mut self, p: &ResumeFunding, c: &Call<'_>) -> Result<Step, Error> {
        if !self.ledger.funding_suspended {
            return Err(InputError::new("event", InputReason::InvalidValue, "funding is not suspended").into());
        }
        let rule = self.ledger.funding_suspended_rule.unwrap_or(INV_55_1);
        let verdict = {
            let mut j = self.open(c);
            j.require(rule, p.rectify_ref.is_valid(), "no_rectification");
            j.verdict()?
        };
        self.ledger.funding_suspended = false;
        self.ledger.funding_suspended_rule = None;
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `recover_funds` (finance; INV-55 收回已拨付的资金): at most what was disbursed and not yet recovered.
    pub(crate) fn recover_funds(&mut self, p: &RecoverFunds, c: &Call<'_>) -> Result<Step, Error> {
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
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `complete_works` (INV-44.2, 40.2 per AMB-43; 55.6 late without a recorded reason).
    pub(crate) fn complete_works(&mut self, c: &Call<'_>) -> Result<Step, Error> {
        let blockers = self.changes_blocking_completion();
        let date = c.cmd.date;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_44_2);
            j.trace(INV_40_2);
            // One violation per blocking change (the ids are in the hook's list, not in the detail).
            for (_, rule) in &blockers {
                let detail = if *rule == INV_44_2 { "unfiled_emergency_change" } else { "pending_change" };
                j.require(*rule, false, detail);
            }
            let on_time = self.ledger.planned_end.is_none_or(|e| date <= e)
                || self.ledger.delay_reasons.contains(&DelayKind::Completion);
            j.finding(INV_55_6, on_time, "late");
            j.verdict()?
        };
        self.ledger.completed_on = Some(date);
        self.obligations.close("completion", "", c.seq, date);
        self.state = Some(InvState::WorksCompleted);
        Ok(Step { verdict, from: c.from, to: InvState::WorksCompleted.as_str() })
    }

    /// `record_delay_reason` (INV-55.6, AMB-21): no F-INV-55.6 for that delay.
    pub(crate) fn record_delay_reason(&mut self, p: &RecordDelayReason, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.reason, "facts.reason")?;
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_55_6);
            j.verdict()?
        };
        if !self.ledger.delay_reasons.contains(&p.delay) {
            self.ledger.delay_reasons.push(p.delay);
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `pass_acceptance` (INV-37.1): opens the final-accounts (37.3) and asset (37.4) duties.
    pub(crate) fn pass_acceptance(&mut self, p: &PassAcceptance, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(InvState::Accepted);
        Ok(Step { verdict, from: c.from, to: InvState::Accepted.as_str() })
    }

    /// `fail_acceptance` (INV-37.1).
    pub(crate) fn fail_acceptance(&mut self, p: &FailAcceptance, c: &Call<'_>) -> Result<Step, Error> {
        if p.issues.iter().all(|i| i.trim().is_empty()) {
            return Err(InputError::new("facts.issues", InputReason::Empty, "issues must not be empty").into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_37_1);
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `approve_settlement` (finance, AMB-38; INV-37.2 D, 23.2 D, 48.1–48.3).
    pub(crate) fn approve_settlement(&mut self, p: &ApproveSettlement, c: &Call<'_>) -> Result<Step, Error> {
        if self.ledger.settlement.is_some() {
            return Err(TransitionError::new("inv", c.from, "approve_settlement", "already_settled").into());
        }
        let verdict = {
            let mut j = self.open(c);
            let l = &self.ledger;
            // INV-37.2: settlement ≤ B + approved change amounts (no B, e.g. AMB-25 parts: no cap).
            j.default_rule(INV_37_2, l.budget_cap().is_none_or(|cap| p.amount <= cap), "settlement_above_budget");
            // INV-23.2 (AMB-49): settlement above A without an approved adjustment.
            j.default_rule(INV_23_2, l.payment_estimate().is_none_or(|a| p.amount <= a), "settlement_above_estimate");
            j.trace(INV_48_1);
            j.trace(INV_48_2);
            j.trace(INV_48_3);
            j.verdict()?
        };
        self.ledger.settlement = Some(p.amount);
        let to = if self.state == Some(InvState::Accepted) { InvState::Settled } else { self.state_or_reserve() };
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    fn state_or_reserve(&self) -> InvState {
        self.state.unwrap_or(InvState::Reserve)
    }

    /// `complete_final_accounts` (INV-37.3 late → finding; 6: total ≤ B + approved changes).
    pub(crate) fn complete_final_accounts(&mut self, p: &CompleteFinalAccounts, c: &Call<'_>) -> Result<Step, Error> {
        if self.ledger.final_accounts.is_some() {
            return Err(TransitionError::new("inv", c.from, "complete_final_accounts", "already_done").into());
        }
        let verdict = {
            let mut j = self.open(c);
            let on_time = self.obligations.find_open("final_accounts", "").is_none_or(|o| c.cmd.date <= o.due);
            j.finding(INV_37_3, on_time, "late");
            let within = self.ledger.budget_cap().is_none_or(|cap| p.total <= cap);
            j.require(INV_6, within, "accounts_above_budget");
            j.verdict()?
        };
        self.ledger.final_accounts = Some(FinalAccounts { total: p.total, surplus: p.surplus, seq: c.seq });
        self.obligations.close("final_accounts", "", c.seq, c.cmd.date);
        let s =
            if self.state == Some(InvState::Settled) { InvState::FinalAccountsDone } else { self.state_or_reserve() };
        let to = self.closing(s);
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    /// `return_surplus` (INV-37.3 缴回国库).
    pub(crate) fn return_surplus(&mut self, p: &ReturnSurplus, c: &Call<'_>) -> Result<Step, Error> {
        let Some(acc) = &self.ledger.final_accounts else {
            return Err(TransitionError::new("inv", c.from, "return_surplus", "no_final_accounts").into());
        };
        if self.ledger.surplus_returned {
            return Err(TransitionError::new("inv", c.from, "return_surplus", "already_returned").into());
        }
        if p.amount != acc.surplus {
            return Err(InputError::new(
                "facts.amount",
                InputReason::InvalidValue,
                format!("the amount returned must equal the surplus {}", acc.surplus),
            )
            .into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_37_3, p.reference.is_valid(), "no_treasury_receipt");
            j.verdict()?
        };
        self.ledger.surplus_returned = true;
        let to = self.closing(self.state_or_reserve());
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    /// `register_assets` (INV-37.4 late → finding).
    pub(crate) fn register_assets(&mut self, p: &RegisterAssets, c: &Call<'_>) -> Result<Step, Error> {
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
        self.state = Some(to);
        Ok(Step { verdict, from: c.from, to: to.as_str() })
    }

    /// `post_evaluate` (INV-38, 39: the commissioning drc pays).
    pub(crate) fn post_evaluate(&mut self, p: &PostEvaluate, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.evaluator, "facts.evaluator")?;
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_38, p.report_ref.is_valid(), "no_report");
            j.require(INV_39, p.payer == Actor::Drc, "payer_not_commissioner");
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `record_disclosure` (INV-52.2).
    pub(crate) fn record_disclosure(&mut self, p: &RecordDisclosure, c: &Call<'_>) -> Result<Step, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_52_2, p.reference.is_valid(), "no_publication");
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `record_manual_finding` (RULES.md §5 manual rules: INV-4.2, 45.3, 53.5, 54.1, 55.2, …).
    pub(crate) fn record_manual_finding(&mut self, p: &RecordManualFinding, c: &Call<'_>) -> Result<Step, Error> {
        if !p.detail.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(InputError::new("facts.detail", InputReason::InvalidValue, "detail is snake_case").into());
        }
        if p.rule_id.regulation() != crate::rule::Regulation::Investment {
            return Err(InputError::new(
                "facts.rule_id",
                InputReason::InvalidValue,
                "an investment project records INV findings (DIG findings go on the DIG log)",
            )
            .into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.finding(p.rule_id, false, p.detail.clone());
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `report_incident` (INV-58).
    pub(crate) fn report_incident(&mut self, p: &ReportIncident, c: &Call<'_>) -> Result<Step, Error> {
        non_empty(&p.incident_id, "facts.incident_id")?;
        if self.ledger.incidents.iter().any(|i| i.incident_id == p.incident_id) {
            return Err(InputError::new("facts.incident_id", InputReason::UnknownId, "incident id already used").into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.trace(INV_58);
            j.verdict()?
        };
        self.ledger.incidents.push(Incident {
            incident_id: p.incident_id.clone(),
            kind: p.kind,
            seq: c.seq,
            date: c.cmd.date,
            liability_case: false,
        });
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `open_liability_case` (INV-58).
    pub(crate) fn open_liability_case(&mut self, p: &OpenLiabilityCase, c: &Call<'_>) -> Result<Step, Error> {
        if !self.ledger.incidents.iter().any(|i| i.incident_id == p.incident_id) {
            return Err(InputError::new("facts.incident_id", InputReason::UnknownId, "no such incident").into());
        }
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_58, p.reference.is_valid(), "no_case_file");
            j.verdict()?
        };
        if let Some(i) = self.ledger.incidents.iter_mut().find(|i| i.incident_id == p.incident_id) {
            i.liability_case = true;
        }
        Ok(Step { verdict, from: c.from, to: c.from })
    }

    /// `decide_recourse` (INV-56, M): only against a participating unit.
    pub(crate) fn decide_recourse(&mut self, p: &DecideRecourse, c: &Call<'_>) -> Result<Step, Error> {
        let verdict = {
            let mut j = self.open(c);
            j.require(INV_56, PARTICIPANTS.contains(&p.participant), "not_a_participant");
            j.verdict()?
        };
        Ok(Step { verdict, from: c.from, to: c.from })
    }
}
