//! Lifecycle findings detected over the log and the ledger (RULES.md §5): F-INV-6, 53.1, 53.2,
//! 53.3 (estimate verified by another body; the adjustment parts are the sub-machines'), 53.4, 54.3, 55.1, 55.4, 55.5, 55.6 (start deadline), 57 (blank document references), 58.
//! Stored outcomes (record-mode violations, default breaches, late acts) and overdue
//! obligations (54.2, 37.3, 37.4, 45.4, 7.4, 55.6 completion) are collected by `findings`.

use chrono::NaiveDate;

use crate::actor::Actor;
use crate::event::Event;
use crate::finding::{Finding, FindingSource};
use crate::investment::InvestmentProject;
use crate::investment::events::{DelayKind, FundingMode, InvEvent, MilestoneNode};
use crate::investment::funding::funding_mode_check;
use crate::investment::implementation::add_months;
use crate::investment::ledger::Lot;
use crate::investment::lifecycle::InvState;
use crate::log::LogEntry;
use crate::outcome::OutcomeKind;
use crate::rule::RuleId;
use crate::rules::*;

fn detected(rule: RuleId, detail: &'static str, seq: u32, date: NaiveDate) -> Finding {
    Finding::new(rule, OutcomeKind::Finding, detail, vec![seq], date, FindingSource::Detected)
}

/// Whether the entry stored a finding (a record-mode violation) of one of `rules`.
fn stored_finding_of(e: &LogEntry, rules: &[RuleId]) -> bool {
    e.outcomes().iter().any(|o| o.kind == OutcomeKind::Finding && rules.contains(&o.rule) && o.detail != "late")
}

/// Whether a JSON value holds a document reference (`{kind, ref}`) with a blank `ref`.
fn blank_doc_ref(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(m) => {
            let blank =
                m.contains_key("kind") && m.get("ref").and_then(|r| r.as_str()).is_some_and(|r| r.trim().is_empty());
            blank || m.values().any(blank_doc_ref)
        }
        serde_json::Value::Array(a) => a.iter().any(blank_doc_ref),
        _ => false,
    }
}

impl InvestmentProject {
    /// The lifecycle detections of RULES.md §5 as of `as_of`.
    pub(crate) fn lifecycle_findings(&self, as_of: NaiveDate, out: &mut Vec<Finding>) {
        let l = &self.ledger;
        let entries: Vec<&LogEntry> = self.log.entries().iter().filter(|e| e.date() <= as_of).collect();
        let a = l.payment_estimate();
        let mut contracts = crate::money::Yuan::ZERO;
        let mut paid = crate::money::Yuan::ZERO;
        let (mut over_commit, mut over_paid) = (false, false);
        let mut last_submission_defect = false;
        for e in &entries {
            let Event::Inv(ev) = &e.event() else { continue };
            let actor = self.effective_actor(e.actor());
            // F-INV-57: a document reference without its 文号.
            if serde_json::to_value(e.event().facts()).is_ok_and(|v| blank_doc_ref(&v))
                || e.doc_refs().iter().any(|d| !d.is_valid())
            {
                out.push(detected(INV_57, "missing_doc_ref", e.seq(), e.date()));
            }
            match ev {
                InvEvent::SubmitProposal(_) => {
                    last_submission_defect = stored_finding_of(e, &[INV_18]);
                }
                InvEvent::SubmitFsr(_) => {
                    last_submission_defect =
                        stored_finding_of(e, &[INV_13_1, INV_19_1, INV_19_2, INV_19_3, INV_15_1, INV_15_3]);
                }
                InvEvent::SubmitDesign(_) => {
                    last_submission_defect = stored_finding_of(e, &[INV_20_1, INV_20_2, INV_20_4]);
                }
                InvEvent::SubmitBudget(_) => {
                    last_submission_defect = stored_finding_of(e, &[INV_25_1, INV_25_4, INV_24_2]);
                }
                InvEvent::ApproveProposal(_)
                | InvEvent::ApproveFsr(_)
                | InvEvent::ApproveDesign(_)
                | InvEvent::VerifyEstimate(_)
                | InvEvent::ApproveBudget(_) => {
                    // F-INV-53.1: proposal, FSR and estimate by drc; the design by its approver (13.2).
                    let authorised = if matches!(ev, InvEvent::ApproveDesign(_)) {
                        l.registration
                            .as_ref()
                            .is_some_and(|r| self.ctx.config().design_approver_for(&r.sector).actor() == actor)
                    } else if matches!(ev, InvEvent::ApproveBudget(_)) {
                        actor == Actor::Finance
                    } else {
                        actor == Actor::Drc
                    };
                    if !authorised {
                        out.push(detected(INV_53_1, "beyond_authority", e.seq(), e.date()));
                        // F-INV-53.3: an estimate 核定 by another body than drc.
                        if matches!(ev, InvEvent::VerifyEstimate(_)) {
                            out.push(detected(INV_53_3, "not_verified_by_drc", e.seq(), e.date()));
                        }
                    }
                    // F-INV-53.2: approval while one of its guards failed, or of a defective submission.
                    // RULES.md §3.3.6: an out-of-band approval (15.1, 15.3, 13.1; 19.2 re-judged on re-route).
                    let guards = [
                        INV_18, INV_19_3, INV_21_1, INV_21_2, INV_21_3, INV_22, INV_23_3, INV_23_4, INV_24_2, INV_25_3,
                        INV_20_4, INV_15_2, INV_9_1, INV_13_1, INV_15_1, INV_15_3, INV_19_2,
                    ];
                    if stored_finding_of(e, &guards) || last_submission_defect {
                        out.push(detected(INV_53_2, "non_compliant_approval", e.seq(), e.date()));
                    }
                }
                InvEvent::AwardContract(p) => {
                    contracts = contracts.saturating_add(p.price);
                    if !over_commit && a.is_some_and(|a| contracts > a) {
                        over_commit = true;
                        out.push(detected(INV_55_4, "commitments_above_estimate", e.seq(), e.date()));
                    }
                    // F-INV-55.5: 要求施工单位垫资 (4.3).
                    if p.advance_funding_clause {
                        out.push(detected(INV_55_5, "advance_funding", e.seq(), e.date()));
                    }
                }
                InvEvent::DisbursePayment(p) => {
                    paid = paid.saturating_add(p.amount);
                    if !over_paid && a.is_some_and(|a| paid > a) {
                        over_paid = true;
                        out.push(detected(INV_55_4, "payments_above_estimate", e.seq(), e.date()));
                    }
                    if let Some(rec) = l.payment(&p.request_id) {
                        let contract = rec.contract_id.as_deref().and_then(|id| l.contract(id));
                        // F-INV-54.3: a disbursement not tied to an in-scope contract item (35.1). A
                        // contract without an item list (a design or consulting contract awarded before
                        // the estimate had items) covers any item, as in the payment check (35.3 over_scope).
                        if contract.is_none_or(|k| !k.covers_item(&rec.item_id)) {
                            out.push(detected(INV_54_3, "not_tied_to_contract_item", e.seq(), e.date()));
                        }
                        // F-INV-55.1: site activity (works payments) before the start.
                        let works = contract.is_some_and(|k| matches!(k.lot, Lot::Construction | Lot::Epc));
                        if works && l.started_on.is_none_or(|s| e.date() < s) {
                            out.push(detected(INV_55_1, "site_activity_before_start", e.seq(), e.date()));
                        }
                    }
                }
                InvEvent::ReachMilestone(p) => {
                    let site = matches!(
                        p.node,
                        MilestoneNode::ToppingOut | MilestoneNode::Decoration | MilestoneNode::EquipmentInstallation
                    );
                    if site && l.started_on.is_none_or(|s| e.date() < s) {
                        out.push(detected(INV_55_1, "site_activity_before_start", e.seq(), e.date()));
                    }
                }
                InvEvent::StartConstruction(_) => {
                    // F-INV-55.1: a start with failed 34/7.3 guards (record mode).
                    if stored_finding_of(e, &[INV_7_3, INV_34, INV_6, INV_33, INV_7_1, INV_4_3]) {
                        out.push(detected(INV_55_1, "start_conditions_not_met", e.seq(), e.date()));
                    }
                }
                InvEvent::ApproveSettlement(p) => {
                    if a.is_some_and(|a| p.amount > a) {
                        out.push(detected(INV_55_4, "settlement_above_estimate", e.seq(), e.date()));
                    }
                }
                InvEvent::CompleteFinalAccounts(p) => {
                    // No F-INV-6 here: the accounts are judged against A (INV-23.2 D, RULES.md §3.4).
                    if a.is_some_and(|a| p.total > a) {
                        out.push(detected(INV_55_4, "accounts_above_estimate", e.seq(), e.date()));
                    }
                }
                InvEvent::RecordManualFinding(p) => {
                    // A recorded 垫资 is F-INV-55.5 as well (RULES.md §5).
                    if p.rule_id == INV_4_3 {
                        out.push(detected(INV_55_5, "advance_funding", e.seq(), e.date()));
                    }
                }
                InvEvent::RegisterProject(_)
                | InvEvent::ImportLegacy(_)
                | InvEvent::RecognizeEmergency(_)
                | InvEvent::SelectRoute(_)
                | InvEvent::GrantSimplification(_)
                | InvEvent::RefuseApproval(_)
                | InvEvent::WithdrawProject(_)
                | InvEvent::ReportEstimateExcess(_)
                | InvEvent::DecideEstimateExcess(_)
                | InvEvent::CompleteCdReview(_)
                | InvEvent::IssueTender(_)
                | InvEvent::RecordFunding(_)
                | InvEvent::CompleteSurvey(_)
                | InvEvent::EstimateControlCheck(_)
                | InvEvent::CertifyCompletedInvestment(_)
                | InvEvent::DrawContingency(_)
                | InvEvent::AdjustContractPrice(_)
                | InvEvent::ReviewPriceAdjustment(_)
                | InvEvent::RequestPayment(_)
                | InvEvent::ApprovePayment(_)
                | InvEvent::Suspend(_)
                | InvEvent::Resume(_)
                | InvEvent::Stop(_)
                | InvEvent::SuspendFunding(_)
                | InvEvent::ResumeFunding(_)
                | InvEvent::RecoverFunds(_)
                | InvEvent::CompleteWorks(_)
                | InvEvent::RecordDelayReason(_)
                | InvEvent::PassAcceptance(_)
                | InvEvent::FailAcceptance(_)
                | InvEvent::ReturnSurplus(_)
                | InvEvent::RegisterAssets(_)
                | InvEvent::PostEvaluate(_)
                | InvEvent::RecordDisclosure(_)
                | InvEvent::RecordException(_)
                | InvEvent::ReportIncident(_)
                | InvEvent::OpenLiabilityCase(_)
                | InvEvent::DecideRecourse(_) => {}
            }
        }
        // F-INV-53.4: subsidy or interest subsidy where funding_mode_check fails.
        if let (Some(r), Some(first)) = (&l.registration, entries.first())
            && matches!(r.mode, FundingMode::InvestmentSubsidy | FundingMode::LoanInterestSubsidy)
            && !funding_mode_check(r.nature, r.mode, r.uses_loan, true).is_permitted()
        {
            out.push(detected(INV_53_4, "subsidy_not_permitted", first.seq(), first.date()));
        }
        // F-INV-58: an incident without a liability case.
        for i in l.incidents.iter().filter(|i| i.date <= as_of && !i.liability_case) {
            out.push(detected(INV_58, "no_liability_case", i.seq, i.date));
        }
        self.start_deadline_finding(as_of, out);
    }

    /// F-INV-55.6: no start within `start_deadline` months after the route's approval and the
    /// plan issue, with no `record_delay_reason {start}`; none after a stop or withdrawal.
    fn start_deadline_finding(&self, as_of: NaiveDate, out: &mut Vec<Finding>) {
        let l = &self.ledger;
        let Some(months) = self.ctx.config().start_deadline else { return };
        if matches!(self.state, Some(InvState::Stopped | InvState::Withdrawn))
            || l.delay_reasons.contains(&DelayKind::Start)
        {
            return;
        }
        let Some(approved) = l.approved_on else { return };
        // RULES.md §3.5 D2: the preparatory line is not the plan the works start under.
        let issued = self.plans.years().filter(|(_, e)| !e.preparatory).filter_map(|(_, e)| e.issued_on).min();
        let Some(issued) = issued.or(if self.is_dig_parts() && l.dig_tasked { Some(approved) } else { None }) else {
            return;
        };
        let Ok(due) = add_months(approved.max(issued), months) else { return };
        let late = match l.started_on {
            Some(s) => s > due && s <= as_of,
            None => as_of > due,
        };
        if late {
            let seq = self.log.entries().iter().find(|e| e.date() >= approved).map(|e| e.seq()).unwrap_or(1);
            out.push(detected(INV_55_6, if l.started_on.is_some() { "late_start" } else { "not_started" }, seq, due));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::investment::testkit::*;

    /// Source: INV-54.3 — a disbursement not tied to a contract item is flagged for review.
    #[test]
    fn untied_disbursement_54_3() {
        let mut k = paying_project();
        k.ok(request("R1", None, "1000.00", "9000000.00"), ProjectUnit);
        k.ok(approve_pay("R1"), Finance);
        k.ok(disburse("R1", "1000.00"), Finance);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-54.3:not_tied_to_contract_item".to_string()));
    }

    /// Source: INV-54.3 — a design contract awarded before the estimate had items (no item list)
    /// is paid on an approved item: tied to its contract, not flagged (as the 35.3 scope check reads it);
    /// a contract with items paid on another item is flagged.
    #[test]
    fn itemless_contract_is_tied_54_3() {
        let mut k = paying_project();
        let mut r = request("R1", Some("K-DESIGN"), "1000.00", "2000000.00");
        r.in_budget_scope = false;
        k.ok(r, ProjectUnit);
        k.ok(approve_pay("R1"), Finance);
        k.ok(disburse("R1", "1000.00"), Finance);
        assert!(!finding_codes(&k, "2023-12-31").iter().any(|f| f.starts_with("F-INV-54.3")));
        k.mode = Mode::Record;
        let mut r = request("R2", Some("K-C"), "1000.00", "9000000.00");
        r.item_id = "I-EQ".into();
        k.ok(r, ProjectUnit);
        k.ok(approve_pay("R2"), Finance);
        k.ok(disburse("R2", "1000.00"), Finance);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-54.3:not_tied_to_contract_item".to_string()));
    }

    /// Source: INV-55.6 — no start within `start_deadline` months after approval and plan issue.
    #[test]
    fn start_deadline_55_6() {
        let cfg = Config { start_deadline: Some(6), ..Config::default() };
        let mut k = Kit::with(cfg);
        k.drive(InvState::DesignApproved);
        k.p.set_plan_inputs(plan_issued(2024, "1.00"));
        // approved 2023-09-15, issued 2024-01-20 → due 2024-07-20.
        assert!(!finding_codes(&k, "2024-07-20").iter().any(|f| f.starts_with("F-INV-55.6")));
        assert!(finding_codes(&k, "2024-07-21").contains(&"F-INV-55.6:not_started".to_string()));
        k.ok(
            RecordDelayReason {
                delay: DelayKind::Start,
                reason: "征地未完成".into(),
                reference: doc(DocKind::Evidence, "征地-1"),
            },
            ProjectUnit,
        );
        assert!(!finding_codes(&k, "2024-07-21").iter().any(|f| f.starts_with("F-INV-55.6")));
    }

    /// Source: INV-57 — a blank document reference is found (F-INV-57 missing_doc_ref).
    /// Source: INV-4.2 — illegal borrowing is a manual finding.
    /// Source: INV-45.3 — audit findings are manual.
    /// Source: INV-53.5 — dereliction is a manual finding.
    /// Source: INV-54.1 — illegal debt raising is a manual finding.
    #[test]
    fn manual_and_doc_findings() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        k.mode = Mode::Record;
        let mut p = proposal();
        p.platform_ref = doc(DocKind::Approval, "");
        k.ok(p, ProjectUnit);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-57:missing_doc_ref".to_string()));
        k.mode = Mode::Enforce;
        for (rule, det) in
            [(INV_4_2, "illegal_borrowing"), (INV_45_3, "audit"), (INV_53_5, "dereliction"), (INV_54_1, "illegal_debt")]
        {
            k.ok(
                RecordManualFinding { detail: det.into(), reference: doc(DocKind::Opinion, "审计-1"), rule_id: rule },
                Audit,
            );
            assert!(finding_codes(&k, "2023-12-31").contains(&format!("F-{rule}:{det}")));
        }
        assert!(matches!(
            k.err(
                RecordManualFinding {
                    detail: "Bad Detail".into(),
                    reference: doc(DocKind::Opinion, "x"),
                    rule_id: INV_4_2
                },
                Audit
            ),
            Error::Input(_)
        ));
        assert_eq!(
            rule_of(&k.err(
                RecordManualFinding { detail: "x".into(), reference: doc(DocKind::Opinion, "x"), rule_id: INV_4_2 },
                ProjectUnit
            )),
            Some(INV_8)
        );
    }

    /// Source: INV-57 — an investment project records only INV findings; DIG rules go on the DIG log.
    #[test]
    fn manual_finding_is_inv() {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        let f = RecordManualFinding { detail: "x".into(), reference: doc(DocKind::Opinion, "x"), rule_id: DIG_15_1 };
        assert!(matches!(k.err(f, Audit), Error::Input(_)));
    }

    /// Source: INV-53.1 — an approval by an actor without authority (record mode) is found.
    /// Source: INV-53.3 — an estimate verified by another body than drc is found.
    #[test]
    fn beyond_authority_53_1() {
        let mut k = Kit::new();
        k.drive(InvState::ProposalReview);
        k.mode = Mode::Record;
        let t = k.ok(approve_proposal(), IndustryAuthority);
        assert!(outcome(&t, OutcomeKind::Finding, INV_13_2, "wrong_actor"));
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.1:beyond_authority".to_string()));
        k.mode = Mode::Enforce;
        k.drive(InvState::DesignReview);
        k.mode = Mode::Record;
        k.ok(verify("105000000.00"), IndustryAuthority);
        assert!(finding_codes(&k, "2023-12-31").contains(&"F-INV-53.3:not_verified_by_drc".to_string()));
    }
}
