//! The stage gates of the basic construction procedure (基本建设程序; RULES.md §3.3 as amended by
//! §3.5): the one place where `award_contract`, `issue_tender` and the three payment events are
//! judged against the approvals the route requires, before the event's own guards.
//!
//! Legal basis: INV-6 「必须严格执行国家基本建设程序，按照"估算控制概算、概算控制预算、预算控制决算"
//! 的原则」; INV-23.1 (the approved estimate is the basis of tendering); INV-26 (tender documents
//! follow the approved design, estimate and budget); INV-32.1 (EPC 「在完成审批程序后」); INV-33
//! (tendering as the law requires); INV-35.3 「严禁超概算、超预算…支付」.
//!
//! * Gate facts (§3.3.1) are derived from the ledger: [`GateFacts`].
//! * Lot classes (§3.3.2, §3.5 A3/A4) come from one function, [`lot_class`].
//! * The INV matrix (§3.3.3) is `InvestmentProject::judge_gates`, called by
//!   `InvestmentProject::open` for every command, so gate outcomes come first in the trace.
//!   The gates are R: `enforce` rejects, `record` appends each violation as a finding.
//!   `import_legacy` is not judged (it does not pass through `open`).
//! * The INV parts of a budget-funded DIG project (AMB-25) are gated by the DIG matrix
//!   (§3.3.4) on the facts the DIG machine hands over ([`PartsGate`]: DT, DF, DE); that matrix
//!   plugs into `InvestmentProject::judge_gates` where it tests `is_dig_parts()`.

use serde::{Deserialize, Serialize};

use crate::investment::InvestmentProject;
use crate::investment::events::{InvEvent, PaymentPurpose};
use crate::investment::ledger::{Lot, PaymentRecord};
use crate::investment::route::Route;
use crate::joint::{EmergencyModeFacts, judge_emergency_mode};
use crate::log::Command;
use crate::money::Yuan;
use crate::outcome::Judge;
use crate::rules::*;

/// The lot class of a contract, tender or payment (RULES.md §3.3.2, §3.5 A3/A4), which names
/// the gate it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LotClass {
    /// Preparatory (前期工作: consulting, cost consulting, survey and design below the services
    /// tender threshold): from registration (G0).
    P,
    /// Survey or design that must be tendered (estimated price ≥ `services_tender_threshold`):
    /// from the approval that fixes the tender scheme (§3.5 A4).
    PTendered,
    /// Agent construction (代建): from the approved FSR (GF).
    Ag,
    /// Land acquisition and resettlement money (§3.5 A3): from the approved FSR.
    L,
    /// Supervision, equipment, materials, EPC, non-preliminary services: from the approvals
    /// that fix A on the route (GA).
    M,
    /// Works (construction, and anything inside the budget's scope): from the approved budget (GB).
    W,
}

/// Which act is gated: the matrix rows differ for contracts and tenders and for payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateAct {
    /// `award_contract`.
    Award,
    /// `issue_tender`.
    Tender,
    /// `request_payment`, `approve_payment`, `disburse_payment`.
    Payment,
}

/// What the lot class is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LotFacts {
    /// The act.
    pub act: GateAct,
    /// The lot (of the tender, the contract, or the contract a payment draws on; `None` for a
    /// payment without a contract).
    pub lot: Option<Lot>,
    /// Inside the finance-reviewed budget's scope (of the contract at an award, of the request at
    /// a payment; tenders carry none).
    pub in_budget_scope: bool,
    /// `other_service` of the preparatory work (default true).
    pub preliminary: bool,
    /// The payment's purpose (land money, §3.5 A3).
    pub purpose: Option<PaymentPurpose>,
    /// 单项合同估算价 of a survey or design tender or contract (the award price as fallback).
    pub estimated_price: Option<Yuan>,
    /// `services_tender_threshold` (§7, default 1,000,000.00; inclusive: 「达到」).
    pub services_tender_threshold: Yuan,
}

/// RULES.md §3.3.2 with §3.5 A3/A4: the one classification of lots for the stage gates.
///
/// * A payment with a land `purpose` is class L whatever else it says (A3).
/// * A payment inside the budget's scope is W (EPC included); one without a contract is M
///   otherwise \[interp\].
/// * A contract inside the budget's scope is W unless it is EPC.
/// * Survey and design are P, or P-tendered when their estimated price reaches the services
///   threshold (A4); their payments are P.
///
/// # Example
/// ```
/// use wanzheng::investment::gates::{lot_class, GateAct, LotClass, LotFacts};
/// use wanzheng::investment::ledger::Lot;
/// use wanzheng::yuan;
/// let f = |lot, price: &str| LotFacts {
///     act: GateAct::Award, lot: Some(lot), in_budget_scope: false, preliminary: true, purpose: None,
///     estimated_price: Some(yuan!(price)), services_tender_threshold: yuan!("1000000.00"),
/// };
/// assert_eq!(lot_class(&f(Lot::Design, "999999.99")), LotClass::P);
/// assert_eq!(lot_class(&f(Lot::Design, "1000000.00")), LotClass::PTendered);
/// assert_eq!(lot_class(&f(Lot::Supervision, "1.00")), LotClass::M);
/// ```
pub fn lot_class(f: &LotFacts) -> LotClass {
    if f.act == GateAct::Payment {
        if f.purpose.is_some() {
            return LotClass::L;
        }
        if f.in_budget_scope {
            return LotClass::W;
        }
    }
    let Some(lot) = f.lot else {
        // INTERPRETATION: §3.3.2 — a payment without a contract is W inside the budget's scope
        // (above), else M.
        return LotClass::M;
    };
    let by_lot = match lot {
        Lot::CostConsulting | Lot::FullProcessConsulting => LotClass::P,
        Lot::OtherService if f.preliminary => LotClass::P,
        Lot::OtherService => LotClass::M,
        Lot::Survey | Lot::Design => {
            let tendered =
                f.act != GateAct::Payment && f.estimated_price.is_some_and(|p| p >= f.services_tender_threshold);
            if tendered { LotClass::PTendered } else { LotClass::P }
        }
        Lot::AgentConstruction => LotClass::Ag,
        Lot::Supervision | Lot::Equipment | Lot::Materials | Lot::Epc => LotClass::M,
        Lot::Construction => LotClass::W,
    };
    if f.act == GateAct::Award && f.in_budget_scope && lot != Lot::Epc { LotClass::W } else { by_lot }
}

/// The gate facts of RULES.md §3.3.1, derived from the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateFacts {
    /// G0: registered.
    pub registered: bool,
    /// GF: the FSR is approved (flag; cleared by an INV-23.4 redo).
    pub fsr_approved: bool,
    /// GA: the route's approvals are done (`route_approvals_done`; `proposal_missing_recorded`
    /// counts as the proposal).
    pub route_approvals_done: bool,
    /// GB: GA ∧ (CD review done ∨ not needed) ∧ budget approved.
    pub budget_approved: bool,
    /// The tender scheme is fixed (§3.5 A4: `approve_fsr`, `approve_proposal` with
    /// `tender_scheme`; on `emergency_merged`: `recognize_emergency`).
    pub tender_scheme: bool,
    /// A: the current approved estimate (figure; kept through a redo).
    pub estimate: Option<Yuan>,
    /// The approved F (figure; kept through a redo).
    pub approved_fsr: Option<Yuan>,
    /// B: the finance-reviewed budget (figure).
    pub budget: Option<Yuan>,
    /// `emergency_merged`: until B exists GB := GA, with W INV-25.1 (§3.5 A6).
    pub emergency: bool,
}

/// The facts a DIG project hands its INV parts for the DIG matrix (RULES.md §3.3.4; AMB-25).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartsGate {
    /// DT: tasked (`issue_task_book` → tasked, or `emergency_add`).
    pub tasked: bool,
    /// DF: the DIG `approve_fsr` is accepted (A = A0 = the approved total).
    pub fsr_approved: bool,
    /// DE: the recorded DIG-18 decision (`None`: none recorded, DE holds).
    pub emergency_mode: Option<EmergencyModeFacts>,
}

impl InvestmentProject {
    /// GA of RULES.md §3.3.1 by the route in force (on `county_rules`: its gate route, §3.5 A7).
    pub(crate) fn gate_a(&self) -> bool {
        let l = &self.ledger;
        match self.gate_route() {
            // The merged FSR at estimate depth after the municipal recognition (15.4, 16.1).
            Route::EmergencyMerged => l.emergency_recognized && l.fsr_approved,
            // 15.1 「以下」: the approved F within the band in force at the approval (§3.3.6).
            Route::SimplifiedFsrOnly => {
                let on = l.approved_on.unwrap_or(crate::investment::EFFECTIVE);
                let max = self.ctx.ruleset_at(on).values.simplified_fsr_max;
                l.fsr_approved && l.approved_fsr_estimate.is_none_or(|f| f <= max)
            }
            // RULES.md §3.5 A7 [interp, AMB-59]: the external approval recorded (`approve_fsr` by
            // drc naming the external body in `actor_org`) and the A it fixes (`estimate`, or F
            // where it states `no_estimate`).
            Route::External => l.fsr_approved && l.external_approval && l.estimate.is_some(),
            Route::Standard | Route::DirectFsr | Route::CountyRules => {
                let proposal = self.proposal_settled();
                let design = !self.requires_design() || (l.design_approved && l.estimate_verified);
                proposal && l.fsr_approved && design
            }
        }
    }

    /// The gate facts of RULES.md §3.3.1.
    pub fn gate_facts(&self) -> GateFacts {
        let l = &self.ledger;
        let ga = self.gate_a();
        let emergency = self.on_emergency_merged();
        GateFacts {
            registered: l.registration.is_some(),
            fsr_approved: l.fsr_approved,
            route_approvals_done: ga,
            budget_approved: ga && (l.cd_review_done || !l.needs_cd()) && l.budget_done,
            tender_scheme: l.tender_scheme_approved || (emergency && l.emergency_recognized),
            estimate: l.estimate,
            approved_fsr: l.approved_fsr_estimate,
            budget: l.budget,
            emergency,
        }
    }

    /// The DIG facts of the INV parts (`None` outside AMB-25 parts mode).
    pub fn parts_gate(&self) -> Option<PartsGate> {
        self.is_dig_parts().then(|| PartsGate {
            tasked: self.ledger.dig_tasked,
            fsr_approved: self.ledger.approved_fsr_estimate.is_some(),
            emergency_mode: self.ledger.dig_emergency,
        })
    }

    /// The lot facts of a payment request (its contract's lot, its scope and purpose).
    fn payment_lot_facts(&self, rec: &PaymentRecord) -> LotFacts {
        let contract = rec.contract_id.as_deref().and_then(|id| self.ledger.contract(id));
        LotFacts {
            act: GateAct::Payment,
            lot: contract.map(|k| k.lot),
            in_budget_scope: rec.in_budget_scope,
            preliminary: contract.is_none_or(|k| k.preliminary),
            purpose: rec.purpose,
            estimated_price: None,
            services_tender_threshold: self.ctx.config().services_tender_threshold,
        }
    }

    /// The lot class of a payment request (RULES.md §3.3.2), as the gates judge it: INV-12.2's
    /// preparatory line reads it too (§3.5 D2).
    pub(crate) fn payment_class(&self, rec: &PaymentRecord) -> LotClass {
        lot_class(&self.payment_lot_facts(rec))
    }

    /// The lot facts of a gated command (`None` for every other event, and for a payment
    /// event whose request is unknown: the handler refuses it as input).
    fn lot_facts(&self, cmd: &Command) -> Option<LotFacts> {
        let crate::event::Event::Inv(e) = &cmd.event else { return None };
        let threshold = self.ctx.config().services_tender_threshold;
        let facts = |act, lot, in_budget_scope, preliminary, purpose, estimated_price| LotFacts {
            act,
            lot,
            in_budget_scope,
            preliminary,
            purpose,
            estimated_price,
            services_tender_threshold: threshold,
        };
        let payment = |rec: &PaymentRecord| self.payment_lot_facts(rec);
        match e {
            InvEvent::AwardContract(p) => Some(facts(
                GateAct::Award,
                Some(p.lot),
                p.in_budget_scope,
                p.preliminary.unwrap_or(true),
                None,
                Some(p.estimated_price.unwrap_or(p.price)),
            )),
            InvEvent::IssueTender(p) => Some(facts(GateAct::Tender, Some(p.lot), false, true, None, p.estimated_price)),
            InvEvent::RequestPayment(p) => {
                let contract = p.contract_id.as_deref().and_then(|id| self.ledger.contract(id));
                Some(facts(
                    GateAct::Payment,
                    contract.map(|k| k.lot),
                    p.in_budget_scope,
                    contract.is_none_or(|k| k.preliminary),
                    p.purpose,
                    None,
                ))
            }
            InvEvent::ApprovePayment(p) => self.ledger.payment(&p.request_id).map(payment),
            InvEvent::DisbursePayment(p) => self.ledger.payment(&p.request_id).map(payment),
            _ => None,
        }
    }

    /// The §3.3.3 matrix for one command: the gate outcomes, first in the trace (called by
    /// `open` before the actor and the event's own guards). Every other event passes untouched.
    pub(crate) fn judge_gates(&self, j: &mut Judge<'_>, cmd: &Command) {
        let Some(f) = self.lot_facts(cmd) else { return };
        let class = lot_class(&f);
        if let Some(pg) = self.parts_gate() {
            // AMB-25 parts: the DIG matrix (§3.3.4) replaces this table's gate outcomes (GA is
            // undefined there; GB := DF, §3.5 B14), on the facts the DIG machine handed over (DT,
            // DF, DE); the parts keep their own guards and the §4.5 caps.
            match f.act {
                GateAct::Award | GateAct::Tender => judge_dig_contract_gate(j, class, &pg),
                GateAct::Payment => judge_dig_payment_gate(j, class, &pg, self.ledger.payment_estimate().is_some()),
            }
            return;
        }
        let g = self.gate_facts();
        match f.act {
            GateAct::Award | GateAct::Tender => judge_contract_gate(j, class, f, &g),
            GateAct::Payment => judge_payment_gate(j, class, &g),
        }
    }
}

impl InvestmentProject {
    /// The §3.3.3 matrix for `act` on a lot of class `class` (not EPC), without a command:
    /// which gates hold now per lot class (`permitted_events`, issue 13). Nothing in AMB-25
    /// parts mode (the DIG matrix is judged on the command).
    pub(crate) fn judge_gates_for(&self, j: &mut Judge<'_>, act: GateAct, class: LotClass) {
        if self.is_dig_parts() {
            return;
        }
        let f = LotFacts {
            act,
            lot: None,
            in_budget_scope: false,
            preliminary: true,
            purpose: None,
            estimated_price: None,
            services_tender_threshold: self.ctx.config().services_tender_threshold,
        };
        let g = self.gate_facts();
        match act {
            GateAct::Award | GateAct::Tender => judge_contract_gate(j, class, f, &g),
            GateAct::Payment => judge_payment_gate(j, class, &g),
        }
    }
}

/// §3.3.3 rows of `award_contract` and `issue_tender` (`issue_tender`: INV-26 in place of INV-23.1).
fn judge_contract_gate(j: &mut Judge<'_>, class: LotClass, f: LotFacts, g: &GateFacts) {
    let basis = if f.act == GateAct::Tender { INV_26 } else { INV_23_1 };
    match class {
        LotClass::P | LotClass::L => {}
        LotClass::PTendered => {
            // §3.5 A4: survey and design that must be tendered wait for the tender scheme.
            j.require(INV_33, g.tender_scheme, "before_tender_scheme_approval");
        }
        LotClass::Ag => {
            j.require(INV_6, g.fsr_approved, "before_fsr_approval");
        }
        LotClass::M | LotClass::W => {
            if !g.route_approvals_done {
                j.require(INV_6, false, "before_project_approval");
                if g.estimate.is_none() {
                    j.require(basis, false, "no_approved_estimate");
                }
                if f.lot == Some(Lot::Epc) {
                    // 32.1 「在完成审批程序后采用工程总承包方式实施」.
                    j.require(INV_32_1, false, "before_approval");
                }
            } else if class == LotClass::W && !g.budget_approved {
                if g.emergency && g.budget.is_none() {
                    // §3.5 A6 [interp, AMB-58]: on emergency_merged GB := GA until B exists.
                    j.warn(INV_25_1, false, "budget_review_pending");
                } else {
                    j.require(INV_6, false, "before_budget_approval");
                }
            } else {
                j.trace(INV_6);
            }
        }
    }
}

/// §3.3.4 rows of the INV-part `award_contract` of a budget-funded DIG project (AMB-25; tenders
/// stay on the DIG side, so `issue_tender` never reaches the parts).
///
/// * P (survey and design included, whatever their price: DIG-6's FSR is at 初设 depth, so they
///   keep DT; §3.5 A4 \[interp, AMB-57\]): DT, else V DIG-13.3 `not_tasked`.
/// * Ag, M, W: DT ∧ DF ∧ DE — V DIG-13.3 `not_tasked`; V DIG-25 and V DIG-15.1
///   `no_approved_fsr`; a recorded DIG-18 decision that does not hold → V DIG-18 with its defect
///   details (the one judgement of DE, [`judge_emergency_mode`]).
fn judge_dig_contract_gate(j: &mut Judge<'_>, class: LotClass, pg: &PartsGate) {
    // DIG-13.3 「以年度建设任务书形式交市属国有专业公司实施」.
    j.require(DIG_13_3, pg.tasked, "not_tasked");
    match class {
        LotClass::P | LotClass::PTendered => {}
        LotClass::Ag | LotClass::L | LotClass::M | LotClass::W => {
            // DIG-25 「项目建设必须按照…批复的可研报告实施」; DIG-15.1 「按照…批复的可研报告实施建设」.
            j.require(DIG_25, pg.fsr_approved, "no_approved_fsr");
            j.require(DIG_15_1, pg.fsr_approved, "no_approved_fsr");
            if let Some(de) = &pg.emergency_mode {
                judge_emergency_mode(j, de);
            }
        }
    }
}

/// §3.3.4 rows of the INV-part payment events: P needs DT (V DIG-13.3 `not_tasked`; INV-12.2 at
/// disbursement as the payment check says); Ag, L, M and W need DT ∧ A (A := A0 := the approved
/// FSR total): A missing → V DIG-25 `no_approved_fsr` + V INV-35.3 `no_approved_estimate`. No B
/// (§3.5 B14: GB := DF, and the W row's budget cap does not apply).
///
/// INTERPRETATION: §3.3.4 lists P and Ag/M/W; land money (class L, §3.5 A3, gate GF on INV
/// projects) is judged as Ag, its GF being DF here.
fn judge_dig_payment_gate(j: &mut Judge<'_>, class: LotClass, pg: &PartsGate, has_estimate: bool) {
    j.require(DIG_13_3, pg.tasked, "not_tasked");
    match class {
        LotClass::P | LotClass::PTendered => {}
        LotClass::Ag | LotClass::L | LotClass::M | LotClass::W => {
            if !has_estimate {
                j.require(DIG_25, false, "no_approved_fsr");
                crate::investment::payment::judge_missing_caps(j, true, false);
            }
        }
    }
}

/// §3.3.3 payment rows (and §3.5 A3 for class L): the figures A, the approved F and B, kept
/// through an INV-23.4 redo, decide (payments on existing contracts are judged on them).
fn judge_payment_gate(j: &mut Judge<'_>, class: LotClass, g: &GateFacts) {
    match class {
        // §4.5 only (the estimate cap: A, else the approved F, else none).
        LotClass::P | LotClass::PTendered => {}
        LotClass::Ag | LotClass::L => {
            if g.estimate.is_none() && g.approved_fsr.is_none() {
                j.require(INV_6, false, "before_fsr_approval");
                crate::investment::payment::judge_missing_caps(j, true, false);
            }
        }
        LotClass::M => {
            if g.estimate.is_none() {
                j.require(INV_6, false, "before_project_approval");
                crate::investment::payment::judge_missing_caps(j, true, false);
            }
        }
        LotClass::W => {
            let no_a = g.estimate.is_none();
            let no_b = g.budget.is_none();
            let emergency_pending = g.emergency && no_b && !no_a;
            if emergency_pending {
                // §3.5 A6: payments capped at A until the budget review follows the works.
                j.warn(INV_25_1, false, "budget_review_pending");
            } else if no_a || no_b {
                j.require(INV_6, false, if no_a { "before_project_approval" } else { "before_budget_approval" });
                crate::investment::payment::judge_missing_caps(j, no_a, no_b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yuan;

    fn facts(act: GateAct, lot: Option<Lot>) -> LotFacts {
        LotFacts {
            act,
            lot,
            in_budget_scope: false,
            preliminary: true,
            purpose: None,
            estimated_price: None,
            services_tender_threshold: yuan!("1000000.00"),
        }
    }

    /// Source: INV-33 — §3.3.2 with §3.5 A4: survey and design reaching the services tender
    /// threshold (1,000,000.00 IN, 999,999.99 OUT) are P-tendered; their payments are P.
    /// Source: INV-6 — the lot classes of §3.3.2: consulting P, agent construction Ag,
    /// supervision/equipment/materials/EPC M, construction W, non-EPC in budget scope W.
    #[test]
    fn lot_classes() {
        use GateAct::*;
        let c = |act, lot| lot_class(&facts(act, lot));
        assert_eq!(c(Award, Some(Lot::CostConsulting)), LotClass::P);
        assert_eq!(c(Award, Some(Lot::FullProcessConsulting)), LotClass::P);
        assert_eq!(c(Award, Some(Lot::OtherService)), LotClass::P);
        assert_eq!(c(Award, Some(Lot::AgentConstruction)), LotClass::Ag);
        for lot in [Lot::Supervision, Lot::Equipment, Lot::Materials, Lot::Epc] {
            assert_eq!(c(Award, Some(lot)), LotClass::M, "{lot:?}");
        }
        assert_eq!(c(Award, Some(Lot::Construction)), LotClass::W);
        assert_eq!(c(Tender, Some(Lot::Construction)), LotClass::W);
        // A4: other_service with preliminary false is M, W inside the budget's scope.
        let mut f = facts(Award, Some(Lot::OtherService));
        f.preliminary = false;
        assert_eq!(lot_class(&f), LotClass::M);
        f.in_budget_scope = true;
        assert_eq!(lot_class(&f), LotClass::W);
        // A non-EPC contract inside the budget's scope is W; EPC stays M.
        let mut f = facts(Award, Some(Lot::Equipment));
        f.in_budget_scope = true;
        assert_eq!(lot_class(&f), LotClass::W);
        f.lot = Some(Lot::Epc);
        assert_eq!(lot_class(&f), LotClass::M);
        // A4 boundary.
        for (act, lot) in [(Award, Lot::Design), (Tender, Lot::Survey)] {
            let mut f = facts(act, Some(lot));
            f.estimated_price = Some(yuan!("999999.99"));
            assert_eq!(lot_class(&f), LotClass::P);
            f.estimated_price = Some(yuan!("1000000.00"));
            assert_eq!(lot_class(&f), LotClass::PTendered);
            f.act = Payment;
            assert_eq!(lot_class(&f), LotClass::P);
        }
    }

    /// Source: INV-35.3 — payments: a land purpose is L whatever the scope (§3.5 A3); inside the
    /// budget's scope W (EPC included); without a contract M; otherwise by the contract's lot.
    #[test]
    fn payment_classes() {
        use GateAct::Payment;
        let mut f = facts(Payment, None);
        assert_eq!(lot_class(&f), LotClass::M);
        f.in_budget_scope = true;
        assert_eq!(lot_class(&f), LotClass::W);
        f.purpose = Some(PaymentPurpose::LandAcquisition);
        assert_eq!(lot_class(&f), LotClass::L);
        f.purpose = Some(PaymentPurpose::DemolitionResettlement);
        f.lot = Some(Lot::Construction);
        assert_eq!(lot_class(&f), LotClass::L);
        let mut f = facts(Payment, Some(Lot::Epc));
        assert_eq!(lot_class(&f), LotClass::M);
        f.in_budget_scope = true;
        assert_eq!(lot_class(&f), LotClass::W);
        let f = facts(Payment, Some(Lot::AgentConstruction));
        assert_eq!(lot_class(&f), LotClass::Ag);
        let f = facts(Payment, Some(Lot::CostConsulting));
        assert_eq!(lot_class(&f), LotClass::P);
    }
}

/// The §3.3.9 worked examples 1–4 and the boundaries of each gate row, on the lifecycle.
#[cfg(test)]
mod matrix_tests {
    use crate::investment::events::PaymentPurpose;
    use crate::investment::testkit::*;
    use crate::outcome::Outcome;

    fn v(rule: RuleId, detail: &str) -> (RuleId, String) {
        (rule, detail.to_string())
    }

    fn clean(t: &Transition) {
        assert!(t.outcomes.is_empty(), "{:?}", t.outcomes);
    }

    /// A standard-route project (120,000,000.00) registered, in `reserve`.
    fn reserve() -> Kit {
        let mut k = Kit::new();
        k.ok(register("120000000.00"), ProjectUnit);
        k
    }

    /// Proposal and FSR (F 100,000,000.00) approved on the standard route: `fsr_approved`.
    fn fsr_approved(k: &mut Kit, tender_required: Vec<Lot>) {
        k.ok(proposal(), ProjectUnit);
        k.ok(approve_proposal(), Drc);
        k.ok(fsr("100000000.00"), ProjectUnit);
        let mut a = approve_fsr("100000000.00");
        a.tender_required = tender_required;
        k.ok(a, Drc);
    }

    /// Design approved and estimate verified at A = 105,000,000.00: `design_approved`.
    fn design_approved(k: &mut Kit) {
        if k.p.ledger().contract("K-DESIGN").is_none() {
            k.ok(contract("K-DESIGN", None, Lot::Design, "900000.00", &[]), ProjectUnit);
        }
        k.ok(design("105000000.00"), ProjectUnit);
        k.ok(approve_design(), Drc);
        k.ok(verify("105000000.00"), Drc);
    }

    fn budget_approved(k: &mut Kit) {
        k.ok(cd_review("100000000.00"), ProjectUnit);
        k.ok(budget("98000000.00"), ProjectUnit);
        k.ok(approve_budget("98000000.00"), Finance);
    }

    fn service(id: &str, lot: Lot, price: &str) -> AwardContract {
        let mut c = contract(id, None, lot, price, &[]);
        c.in_budget_scope = false;
        c.price_adjustment_clause = false;
        c
    }

    fn pay_outside_budget(id: &str, k: Option<&str>, amount: &str) -> RequestPayment {
        let mut r = request(id, k, amount, amount);
        r.in_budget_scope = false;
        r
    }

    /// Source: INV-33 — §3.3.9 example 1 (P before approval): in `reserve` a `cost_consulting`
    /// contract is awarded, requested, approved and disbursed (G0); a `design` contract of
    /// 2,000,000.00 (≥ `services_tender_threshold`) waits for the approval that fixes the tender
    /// scheme (V INV-33 `before_tender_scheme_approval`, §3.5 A4) and is Ok after `approve_fsr`.
    /// Source: INV-12.2 — the disbursement with no plan entry of 2023 is D `not_in_plan` only.
    #[test]
    fn example_1_preparatory_before_approval() {
        let mut k = reserve();
        clean(&k.ok(service("K-CC", Lot::CostConsulting, "300000.00"), ProjectUnit));
        let e = k.err(service("K-D", Lot::Design, "2000000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_33, "before_tender_scheme_approval")]);
        clean(&k.ok(pay_outside_budget("R1", Some("K-CC"), "150000.00"), ProjectUnit));
        clean(&k.ok(approve_pay("R1"), Finance));
        let t = k.ok(disburse("R1", "150000.00"), Finance);
        assert_eq!(outcomes(&t), [(OutcomeKind::DefaultBreach, INV_12_2, "not_in_plan".to_string())]);
        fsr_approved(&mut k, vec![Lot::Construction, Lot::Epc]);
        clean(&k.ok(service("K-D", Lot::Design, "2000000.00"), ProjectUnit));
    }

    /// A plan entry of `year` (RULES.md §3.1.3) handed to the project as the workspace would.
    fn entry(status: ProjectPlanStatus, amount: &str, preparatory: bool) -> PlanEntry {
        PlanEntry {
            status,
            annual_amount: Some(yuan!(amount)),
            issued_on: (status == ProjectPlanStatus::PlanIssued).then(|| d("2023-01-20")),
            preparatory,
            plan_issued_on: None,
        }
    }

    fn not_in_plan(t: &Transition) -> bool {
        t.outcomes
            .iter()
            .any(|o| o.kind == OutcomeKind::DefaultBreach && o.rule == INV_12_2 && o.detail == "not_in_plan")
    }

    fn pay(k: &mut Kit, id: &str, contract: &str, amount: &str) -> Transition {
        let mut r = request(id, Some(contract), amount, "300000.00");
        r.in_budget_scope = false;
        k.ok(r, ProjectUnit);
        k.ok(approve_pay(id), Finance);
        k.ok(disburse(id, amount), Finance)
    }

    /// Source: INV-12.2 — RULES.md §3.5 D2 (preparatory line, 28(四)): with the 2023 plan issued
    /// and the project on its preparatory line at 200,000.00, class-P disbursements are in plan up
    /// to that amount (150,000.00 + 50,000.00 = 200,000.00 IN, a further 0.01 OUT → D INV-12.2
    /// `not_in_plan`); a class-L payment in between is not on the line (D `not_in_plan`) and does
    /// not draw on it; the line is no plan entry for the works (INV-34 `no_plan_entry`).
    #[test]
    fn preparatory_line_d2() {
        use ProjectPlanStatus::PlanIssued;
        let mut k = reserve();
        let mut inputs = PlanInputs::default();
        inputs.insert(2023, entry(PlanIssued, "200000.00", true));
        k.p.set_plan_inputs(inputs);
        assert!(!k.p.plan_inputs().issued_in(2023));
        k.ok(service("K-CC", Lot::CostConsulting, "300000.00"), ProjectUnit);
        clean(&pay(&mut k, "R1", "K-CC", "150000.00"));
        fsr_approved(&mut k, vec![]);
        let mut land = request("R-L", None, "10.00", "150010.00");
        land.purpose = Some(PaymentPurpose::LandAcquisition);
        k.ok(land, ProjectUnit);
        k.ok(approve_pay("R-L"), Finance);
        assert!(not_in_plan(&k.ok(disburse("R-L", "10.00"), Finance)));
        clean(&pay(&mut k, "R2", "K-CC", "50000.00"));
        let t = pay(&mut k, "R3", "K-CC", "0.01");
        assert_eq!(outcomes(&t), [(OutcomeKind::DefaultBreach, INV_12_2, "not_in_plan".to_string())]);
        // In the plan proper every class is in plan.
        let mut full = PlanInputs::default();
        full.insert(2023, entry(PlanIssued, "1000000.00", false));
        k.p.set_plan_inputs(full);
        clean(&pay(&mut k, "R4", "K-CC", "0.01"));
    }

    /// Source: INV-12.2 — RULES.md §3.5 D2 (续建, 预算法 第五十四条(一)) \[interp, AMB-60\]: a
    /// project in the issued 2023 plan, no 2024 plan known: a disbursement dated 2024-01-31 is in
    /// plan, one dated 2024-02-01 is D `not_in_plan`. Once the 2024 plan is issued on 2024-01-20
    /// without it, 2024-01-19 is in plan and 2024-01-20 is not. A project on the 2023 preparatory
    /// line only is not continuing.
    #[test]
    fn january_continuing_d2() {
        let base = paying_project();
        let with = |entries: &[(i32, PlanEntry)]| {
            let mut k = base.clone_kit();
            let mut inputs = PlanInputs::default();
            for (y, e) in entries {
                inputs.insert(*y, e.clone());
            }
            k.p.set_plan_inputs(inputs);
            k
        };
        let pay = |k: &mut Kit, id: &str, on: &str| {
            k.at(on);
            k.ok(request(id, Some("K-C"), "1.00", "9000000.00"), ProjectUnit);
            k.ok(approve_pay(id), Finance);
            k.ok(disburse(id, "1.00"), Finance)
        };
        let issued_2023 = (2023, entry(ProjectPlanStatus::PlanIssued, "200000000.00", false));
        let mut k = with(std::slice::from_ref(&issued_2023));
        clean(&pay(&mut k, "R1", "2024-01-31"));
        assert!(not_in_plan(&pay(&mut k, "R2", "2024-02-01")));
        let unlisted = PlanEntry {
            status: ProjectPlanStatus::PlanNone,
            annual_amount: None,
            issued_on: None,
            preparatory: false,
            plan_issued_on: Some(d("2024-01-20")),
        };
        let mut k = with(&[issued_2023.clone(), (2024, unlisted)]);
        clean(&pay(&mut k, "R1", "2024-01-19"));
        assert!(not_in_plan(&pay(&mut k, "R2", "2024-01-20")));
        // In the 2024 draft, the plan not yet issued: in plan in January.
        let mut k = with(&[issued_2023, (2024, entry(ProjectPlanStatus::PlanDrafted, "1.00", false))]);
        clean(&pay(&mut k, "R1", "2024-01-25"));
        // On the 2023 preparatory line only: not continuing.
        let mut k = with(&[(2023, entry(ProjectPlanStatus::PlanIssued, "200000000.00", true))]);
        assert!(not_in_plan(&pay(&mut k, "R1", "2024-01-02")));
    }

    /// Source: INV-6 — §3.3.9 example 2 (defect 1): a construction award in `reserve` is V INV-6
    /// `before_project_approval` + V INV-23.1 `no_approved_estimate`; recorded, a works payment
    /// request is V INV-6 (once) + V INV-35.3 `no_approved_estimate` + `no_approved_budget`.
    /// Source: INV-23.1 — the approved estimate is the basis of contracting.
    #[test]
    fn example_2_works_before_approval() {
        let mut k = reserve();
        let award = contract("K-C", None, Lot::Construction, "80000000.00", &["I-CI"]);
        let e = k.err(award.clone(), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_23_1, "no_approved_estimate")]);
        k.mode = Mode::Record;
        let t = k.ok(award, ProjectUnit);
        assert_eq!(t.rules[0], INV_6, "the gate comes first in the trace");
        assert_eq!(
            outcomes(&t),
            [
                (OutcomeKind::Finding, INV_6, "before_project_approval".to_string()),
                (OutcomeKind::Finding, INV_23_1, "no_approved_estimate".to_string())
            ]
        );
        k.mode = Mode::Enforce;
        let e = k.err(request("R1", Some("K-C"), "60000000.00", "60000000.00"), ProjectUnit);
        assert_eq!(
            violations(&e),
            [
                v(INV_6, "before_project_approval"),
                v(INV_35_3, "no_approved_estimate"),
                v(INV_35_3, "no_approved_budget")
            ]
        );
    }

    /// Source: INV-6 — §3.3.9 example 3 (the Ag/M/W ladder): at `fsr_approved` agent construction
    /// is Ok (GF) and supervision is V INV-6 `before_project_approval` + V INV-23.1; at
    /// `design_approved` supervision is Ok (GA) and construction V INV-6 `before_budget_approval`;
    /// after `approve_budget` construction is Ok (GB).
    #[test]
    fn example_3_ladder() {
        let mut k = reserve();
        fsr_approved(&mut k, vec![]);
        clean(&k.ok(service("K-AG", Lot::AgentConstruction, "1000000.00"), ProjectUnit));
        let e = k.err(service("K-JL", Lot::Supervision, "1500000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_23_1, "no_approved_estimate")]);
        design_approved(&mut k);
        clean(&k.ok(service("K-JL", Lot::Supervision, "1500000.00"), ProjectUnit));
        let works = contract("K-C", None, Lot::Construction, "90000000.00", &["I-CI"]);
        let e = k.err(works.clone(), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_budget_approval")]);
        budget_approved(&mut k);
        clean(&k.ok(works, ProjectUnit));
    }

    /// Source: INV-32.1 — §3.3.9 example 4 (EPC on the FSR-only route, F = A = 9,000,000.00): at
    /// `fsr_approved` the EPC tender and award are Ok (GA); a payment outside the budget's scope is
    /// Ok (M: A exists); one inside it before B is V INV-6 `before_budget_approval` + V INV-35.3
    /// `no_approved_budget`.
    /// Source: INV-35.3 — `no_approved_budget`: no reviewed budget caps a works payment.
    #[test]
    fn example_4_epc() {
        let mut r = register("9000000.00");
        r.construction_mode = ConstructionMode::Epc;
        r.lacks_capacity = true;
        let mut k = Kit::new();
        k.ok(r, ProjectUnit);
        k.ok(fsr("9000000.00"), ProjectUnit);
        k.ok(approve_fsr("9000000.00"), Drc);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("9000000.00")));
        clean(&k.ok(tender("T-E", Lot::Epc, &[]), ProjectUnit));
        clean(&k.ok(contract("K-E", Some("T-E"), Lot::Epc, "8500000.00", &[]), ProjectUnit));
        clean(&k.ok(pay_outside_budget("R1", Some("K-E"), "1000000.00"), ProjectUnit));
        let e = k.err(request("R2", Some("K-E"), "2000000.00", "3000000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_budget_approval"), v(INV_35_3, "no_approved_budget")]);
    }

    /// Source: INV-33 — §3.5 A4 boundary: a design contract at 999,999.99 is P (G0), at
    /// 1,000,000.00 it must be tendered and waits for the tender scheme; `estimated_price`
    /// prevails over the price; the threshold is the configured `services_tender_threshold`;
    /// `approve_proposal` with `tender_scheme` fixes the scheme; a survey or design tender
    /// without `estimated_price` is an InputError.
    #[test]
    fn tender_scheme_boundary() {
        let mut k = reserve();
        clean(&k.ok(service("K-1", Lot::Design, "999999.99"), ProjectUnit));
        let e = k.err(service("K-2", Lot::Survey, "1000000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_33, "before_tender_scheme_approval")]);
        let mut c = service("K-2", Lot::Survey, "900000.00");
        c.estimated_price = Some(yuan!("1000000.00"));
        assert_eq!(violations(&k.err(c, ProjectUnit)), [v(INV_33, "before_tender_scheme_approval")]);
        let mut t = tender("T-S", Lot::Survey, &[]);
        t.estimated_price = None;
        assert!(matches!(k.err(t, ProjectUnit), Error::Input(ref e) if e.path == "facts.estimated_price"));
        let t = tender("T-S", Lot::Survey, &[]);
        assert_eq!(violations(&k.err(t, ProjectUnit)), [v(INV_33, "before_tender_scheme_approval")]);
        // A higher configured threshold.
        let cfg = Config { services_tender_threshold: yuan!("3000000.00"), ..Config::default() };
        let mut k = Kit::with(cfg);
        k.ok(register("120000000.00"), ProjectUnit);
        clean(&k.ok(service("K-2", Lot::Survey, "2999999.99"), ProjectUnit));
        // The proposal approval with a tender scheme.
        let mut k = reserve();
        k.ok(proposal(), ProjectUnit);
        let mut a = approve_proposal();
        a.tender_scheme = Some(vec![Lot::Design]);
        k.ok(a, Drc);
        assert_eq!(k.p.ledger().tender_required, [Lot::Design]);
        clean(&k.ok(tender("T-D", Lot::Design, &[]), ProjectUnit));
        let mut c = contract("K-D", Some("T-D"), Lot::Design, "2000000.00", &[]);
        c.in_budget_scope = false;
        clean(&k.ok(c, ProjectUnit));
    }

    /// Source: INV-6 — the Ag row: agent construction before the FSR approval is V INV-6
    /// `before_fsr_approval` (award and payment; the payment also V INV-35.3 `no_approved_estimate`);
    /// the M row at `issue_tender` names INV-26 in place of INV-23.1; `other_service` with
    /// `preliminary: false` is class M.
    /// Source: INV-26 — a tender before the approved estimate: `no_approved_estimate`.
    #[test]
    fn agent_and_tender_rows() {
        let mut k = reserve();
        let e = k.err(service("K-AG", Lot::AgentConstruction, "1000000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_fsr_approval")]);
        k.mode = Mode::Record;
        k.ok(service("K-AG", Lot::AgentConstruction, "1000000.00"), ProjectUnit);
        k.mode = Mode::Enforce;
        let e = k.err(pay_outside_budget("R1", Some("K-AG"), "100000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_fsr_approval"), v(INV_35_3, "no_approved_estimate")]);
        let mut os = service("K-OS", Lot::OtherService, "100000.00");
        clean(&k.ok(os.clone(), ProjectUnit));
        os.contract_id = "K-OS2".into();
        os.preliminary = Some(false);
        let e = k.err(os, ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_23_1, "no_approved_estimate")]);
        fsr_approved(&mut k, vec![]);
        clean(&k.ok(pay_outside_budget("R1", Some("K-AG"), "100000.00"), ProjectUnit));
        let e = k.err(tender("T-JL", Lot::Supervision, &[]), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_26, "no_approved_estimate")]);
    }

    /// Source: INV-35.3 — §3.5 A3 land money (class L): a `land_acquisition` request before the
    /// approved FSR is V INV-6 `before_fsr_approval` + V INV-35.3 `no_approved_estimate`, whatever
    /// `in_budget_scope` says; after `approve_fsr` it is Ok without a budget, approved and
    /// disbursed under the cap of the approved F (carried by `request_id`).
    #[test]
    fn land_money_class_l() {
        let mut k = reserve();
        let mut r = request("R-L", None, "5000000.00", "5000000.00");
        r.purpose = Some(PaymentPurpose::LandAcquisition);
        let e = k.err(r.clone(), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_fsr_approval"), v(INV_35_3, "no_approved_estimate")]);
        fsr_approved(&mut k, vec![]);
        clean(&k.ok(r, ProjectUnit));
        clean(&k.ok(approve_pay("R-L"), Finance));
        k.p.set_plan_inputs(plan_issued(2023, "10000000.00"));
        clean(&k.ok(disburse("R-L", "5000000.00"), Finance));
        // The same request without the purpose is a works payment: no A, no B.
        let e = k.err(request("R-W", None, "1.00", "1.00"), ProjectUnit);
        assert_eq!(
            violations(&e),
            [
                v(INV_6, "before_project_approval"),
                v(INV_35_3, "no_approved_estimate"),
                v(INV_35_3, "no_approved_budget")
            ]
        );
    }

    /// Source: INV-35.3 — the M and W payment rows on the figures: at `fsr_approved` (standard)
    /// a payment without a contract outside the budget's scope is V INV-6
    /// `before_project_approval` + `no_approved_estimate`; at `design_approved` it is Ok and a
    /// works payment is V INV-6 `before_budget_approval` + `no_approved_budget`; the approval
    /// and disbursement of a request are gated again (the ledger may have changed).
    #[test]
    fn m_and_w_payment_rows() {
        let mut k = reserve();
        fsr_approved(&mut k, vec![]);
        let e = k.err(pay_outside_budget("R1", None, "100.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_35_3, "no_approved_estimate")]);
        // Recorded, then approved in enforce: the gate is judged again at approval.
        k.mode = Mode::Record;
        k.ok(pay_outside_budget("R1", None, "100.00"), ProjectUnit);
        k.mode = Mode::Enforce;
        let e = k.err(approve_pay("R1"), Finance);
        assert_eq!(violations(&e)[..2], [v(INV_6, "before_project_approval"), v(INV_35_3, "no_approved_estimate")]);
        design_approved(&mut k);
        clean(&k.ok(approve_pay("R1"), Finance));
        let e = k.err(request("R2", None, "100.00", "100.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_budget_approval"), v(INV_35_3, "no_approved_budget")]);
        budget_approved(&mut k);
        clean(&k.ok(request("R2", None, "100.00", "100.00"), ProjectUnit));
    }

    /// Source: INV-35.3 — a submitted F is never a cap (§4.5 as amended): while the FSR is under
    /// review a P payment has no estimate cap; from `approve_fsr` the approved F caps it
    /// (100,000,000.00 IN, 100,000,000.01 OUT → over_estimate).
    /// Source: INV-45.2 — no funds above the approved estimate.
    #[test]
    fn submitted_f_is_never_a_cap() {
        let mut k = reserve();
        k.ok(proposal(), ProjectUnit);
        k.ok(approve_proposal(), Drc);
        k.ok(service("K-CC", Lot::CostConsulting, "300000.00"), ProjectUnit);
        k.ok(fsr("100000000.00"), ProjectUnit);
        assert_eq!(k.p.ledger().payment_estimate(), None);
        let mut a = approve_fsr("100000000.00");
        a.tender_required = vec![];
        k.ok(a, Drc);
        assert_eq!(k.p.ledger().payment_estimate(), Some(yuan!("100000000.00")));
        k.ok(pay_outside_budget("R1", Some("K-CC"), "100000000.01"), ProjectUnit);
        let e = k.err(approve_pay("R1"), Finance);
        assert!(has(&e, INV_35_3, "over_estimate") && has(&e, INV_45_2, "over_estimate"));
        k.ok(pay_outside_budget("R2", Some("K-CC"), "100000000.00"), ProjectUnit);
        let e = k.err(approve_pay("R2"), Finance);
        assert!(!has(&e, INV_35_3, "over_estimate"), "{e:?}");
    }

    /// Source: INV-23.4 — after a `redo_fsr` decision (RULES.md §3.3.1) the approval flags clear
    /// but the figures A and B are kept: a works payment on the existing construction contract is
    /// judged against the kept A and B (accepted, approved and disbursed), a new works award is
    /// re-gated (V INV-6 `before_project_approval`; A exists, so no INV-23.1).
    /// Source: INV-35.3 — the kept B caps payments inside the budget's scope.
    #[test]
    fn redo_keeps_the_figures() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        k.ok(
            ReportEstimateExcess {
                changes: vec![MaterialChange::Scale],
                compiled_estimate: None,
                reference: doc(DocKind::Opinion, "重大变更报告-1"),
            },
            ProjectUnit,
        );
        k.ok(DecideEstimateExcess { decision: ExcessDecision::RedoFsr, reference: approval("重编可研-1") }, Drc);
        assert_eq!(k.state(), InvState::FsrRework);
        let g = k.p.gate_facts();
        assert!(!g.fsr_approved && !g.route_approvals_done && !g.budget_approved);
        assert_eq!((g.estimate, g.budget), (Some(yuan!("105000000.00")), Some(yuan!("98000000.00"))));
        k.p.set_plan_inputs(plan_issued(2023, "105000000.00"));
        clean(&k.ok(request("R1", Some("K-C"), "1000000.00", "1000000.00"), ProjectUnit));
        clean(&k.ok(approve_pay("R1"), Finance));
        clean(&k.ok(disburse("R1", "1000000.00"), Finance));
        let works = contract("K-C2", Some("T-C"), Lot::Construction, "1000000.00", &["I-CI"]);
        assert_eq!(violations(&k.err(works, ProjectUnit)), [v(INV_6, "before_project_approval")]);
    }

    /// A project registered at 30,000,000.00, recognised as an emergency and its FSR approved
    /// (`emergency_merged`, no CD design) with `tender_required` the lots to be tendered.
    fn emergency_project(tender_required: &[Lot]) -> Kit {
        let mut k = Kit::new();
        k.ok(register("30000000.00"), ProjectUnit);
        k.ok(
            RecognizeEmergency {
                builder: "市城投".into(),
                content: "堤防抢修".into(),
                funding_sources: vec!["municipal_budget".into()],
                reference: doc(DocKind::Minutes, "市政府纪要〔2023〕9号"),
                scope: "白河段".into(),
            },
            MunicipalGovernment,
        );
        k.ok(fsr("30000000.00"), ProjectUnit);
        let mut a = approve_fsr("30000000.00");
        a.needs_cd_design = Some(false);
        a.tender_required = tender_required.to_vec();
        k.ok(a, Drc);
        assert_eq!(k.p.ledger().route(), Some(Route::EmergencyMerged));
        k
    }

    /// Source: INV-25.1 — §3.5 A6 on `emergency_merged`: until B exists GB := GA for the works
    /// tender, award, payment and the INV-34 budget condition of the start, each with W INV-25.1
    /// `budget_review_pending` (no violation, so no F-INV-55.1); payments stay capped at A; a
    /// settlement without B is V INV-25.1 `no_budget_review`.
    #[test]
    fn emergency_budget_follows_the_works() {
        let mut k = emergency_project(&[Lot::Construction, Lot::Epc]);
        let pending = (OutcomeKind::Warning, INV_25_1, "budget_review_pending".to_string());
        let t = k.ok(tender("T-C", Lot::Construction, &[]), ProjectUnit);
        assert_eq!(outcomes(&t), std::slice::from_ref(&pending));
        assert_eq!(k.state(), InvState::Procurement);
        let t = k.ok(contract("K-C", Some("T-C"), Lot::Construction, "29000000.00", &[]), ProjectUnit);
        assert_eq!(outcomes(&t), std::slice::from_ref(&pending));
        let t = k.ok(request("R1", Some("K-C"), "1000000.00", "1000000.00"), ProjectUnit);
        assert_eq!(outcomes(&t), std::slice::from_ref(&pending));
        k.ok(funding("30000000.00", 2023), ProjectUnit);
        k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
        let t = k.ok(start("2024-06-30"), ProjectUnit);
        assert!(t.outcomes.contains(&Outcome::new(OutcomeKind::Warning, INV_25_1, "budget_review_pending")));
        assert!(!t.outcomes.iter().any(|o| o.kind != OutcomeKind::Warning), "{:?}", t.outcomes);
        // Capped at A: 30,000,000.00 IN, .01 OUT.
        k.ok(request("R2", None, "30000000.01", "30000000.01"), ProjectUnit);
        assert!(has(&k.err(approve_pay("R2"), Finance), INV_35_3, "over_estimate"));
        k.ok(WithdrawProject { reason: "merged into another project".into() }, ProjectUnit);
        let settle = ApproveSettlement {
            amount: yuan!("1000000.00"),
            contracts: vec![],
            reference: doc(DocKind::Settlement, "结算-1"),
        };
        assert_eq!(violations(&k.err(settle, Finance)), [v(INV_25_1, "no_budget_review")]);
    }

    /// Source: INV-25.1 — §3.5 A6 [interp, AMB-58]: on `emergency_merged` the budget review
    /// follows the works. `complete_cd_review`, `submit_budget`, `approve_budget` and
    /// `refuse_approval {budget}` are valid in `under_construction`, `works_completed` and
    /// `accepted` (and `procurement`), the state kept; once B exists the works acts carry no
    /// `budget_review_pending`. A settlement in `accepted` without B is V INV-25.1
    /// `no_budget_review` and changes nothing; after the review that follows the acceptance it is
    /// accepted. No F-INV-55.1 is raised along the way.
    /// Source: INV-34 — the start on `emergency_merged` still needs the survey (7.3) and the funds:
    /// without funds V INV-34 `funds_below_estimate`, the budget condition read as GA (a warning).
    #[test]
    fn emergency_budget_review_after_the_works() {
        let budget = |b: &str| SubmitBudget { kind: BudgetKind::WorksBudget, ..budget(b) };
        let mut k = emergency_project(&[Lot::Construction, Lot::Epc]);
        let pending = Outcome::new(OutcomeKind::Warning, INV_25_1, "budget_review_pending");
        k.ok(tender("T-C", Lot::Construction, &[]), ProjectUnit);
        k.ok(contract("K-C", Some("T-C"), Lot::Construction, "29000000.00", &[]), ProjectUnit);
        k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
        let e = k.err(start("2024-06-30"), ProjectUnit);
        let Error::Rule(r) = &e else { panic!("{e:?}") };
        let vs: Vec<_> = r
            .outcomes
            .iter()
            .filter(|o| o.kind == OutcomeKind::Violation)
            .map(|o| (o.rule, o.detail.to_string()))
            .collect();
        assert_eq!(vs, [v(INV_34, "funds_below_estimate")]);
        assert!(has(&e, INV_25_1, "budget_review_pending"));
        k.ok(funding("30000000.00", 2023), ProjectUnit);
        k.ok(start("2024-06-30"), ProjectUnit);
        assert_eq!(k.state(), InvState::UnderConstruction);
        // The budget submitted and refused under construction: the state is kept.
        let t = k.ok(budget("29500000.00"), ProjectUnit);
        assert_eq!((&*t.from, &*t.to), ("under_construction", "under_construction"));
        assert!(
            matches!(k.apply(budget("29500000.00"), ProjectUnit), Err(Error::Transition(ref t)) if t.detail == "budget_under_review")
        );
        let refuse = RefuseApproval {
            reasons: vec!["工程量清单不全".into()],
            reference: doc(DocKind::Opinion, "宛财评审退-1"),
            review: ReviewKind::Budget,
        };
        let t = k.ok(refuse, Finance);
        assert_eq!((&*t.from, &*t.to), ("under_construction", "under_construction"));
        assert!(k.p.ledger().pending_budget.is_none());
        k.ok(CompleteWorksEv::ev(), ProjectUnit);
        k.ok(PassAcceptance { reference: doc(DocKind::CompletionAcceptance, "验收-1") }, ProjectUnit);
        assert_eq!(k.state(), InvState::Accepted);
        let settle = ApproveSettlement {
            amount: yuan!("29000000.00"),
            contracts: vec![],
            reference: doc(DocKind::Settlement, "结算-1"),
        };
        let before = k.p.clone();
        assert_eq!(violations(&k.err(settle.clone(), Finance)), [v(INV_25_1, "no_budget_review")]);
        assert_eq!(k.p, before, "a rejected settlement changes nothing");
        // The review follows the acceptance, the state kept.
        let t = k.ok(budget("29500000.00"), ProjectUnit);
        assert_eq!((&*t.from, &*t.to), ("accepted", "accepted"));
        let t = k.ok(approve_budget("29500000.00"), Finance);
        assert_eq!((&*t.from, &*t.to), ("accepted", "accepted"));
        assert_eq!(k.p.ledger().budget, Some(yuan!("29500000.00")));
        assert!(k.p.gate_facts().budget_approved);
        // With B the works payments are judged against it, without the warning.
        let t = k.ok(request("R1", Some("K-C"), "1000000.00", "1000000.00"), ProjectUnit);
        assert!(!t.outcomes.contains(&pending), "{:?}", t.outcomes);
        let t = k.ok(settle, Finance);
        assert_eq!(t.to, "settled");
        assert!(!finding_codes(&k, "2025-12-31").iter().any(|c| c.starts_with("F-INV-55.1")));
    }

    /// Source: INV-6 — §3.5 A6 [interp, AMB-58]: on `emergency_merged` before B, an untendered
    /// emergency works contract (`tender_required` without construction: 招标投标法 第六十六条)
    /// lets the start follow from `fsr_approved` (GB := GA), as it does from `budget_approved`;
    /// with the construction lot to be tendered the same start is V INV-6 `out_of_order` (+ INV-33).
    #[test]
    fn emergency_untendered_start_before_b() {
        for tendered in [false, true] {
            let mut k = emergency_project(if tendered { &[Lot::Construction] } else { &[] });
            let mut c = contract("K-C", None, Lot::Construction, "29000000.00", &[]);
            c.procured_by = ProcuredBy::Direct;
            k.mode = Mode::Record;
            k.ok(c, ProjectUnit);
            k.mode = Mode::Enforce;
            k.ok(funding("30000000.00", 2023), ProjectUnit);
            k.ok(CompleteSurvey { reference: doc(DocKind::Approval, "勘察-1") }, ProjectUnit);
            assert_eq!(k.state(), InvState::FsrApproved);
            if tendered {
                let e = k.err(start("2024-06-30"), ProjectUnit);
                assert!(has(&e, INV_6, "out_of_order") && has(&e, INV_33, "lot_not_tendered"), "{e:?}");
            } else {
                let t = k.ok(start("2024-06-30"), ProjectUnit);
                assert!(!t.outcomes.iter().any(|o| o.kind == OutcomeKind::Violation), "{:?}", t.outcomes);
                assert!(outcome(&t, OutcomeKind::Warning, INV_25_1, "budget_review_pending"));
                assert_eq!(k.state(), InvState::UnderConstruction);
            }
        }
    }

    /// Source: INV-25.1 — §3.5 A6 is the emergency route's: on the standard route the budget
    /// review after the start is a TransitionError `not_emergency_merged` (in procurement
    /// `not_epc`, AMB-24), and `complete_cd_review` likewise; nothing changes.
    #[test]
    fn budget_after_the_start_only_on_emergency() {
        let mut k = Kit::new();
        k.drive(InvState::UnderConstruction);
        let before = k.p.clone();
        for e in [k.apply(budget("98000000.00"), ProjectUnit), k.apply(cd_review("98000000.00"), ProjectUnit)] {
            assert!(matches!(e, Err(Error::Transition(ref t)) if t.detail == "not_emergency_merged"), "{e:?}");
        }
        assert_eq!(k.p, before);
    }

    /// A county project (`county_adopts_inv`) registered at `total` with `in_plan` as given.
    fn county(total: &str, in_plan: bool) -> Kit {
        let mut k = Kit::with(Config { county_adopts_inv: true, ..Config::default() });
        let mut r = register(total);
        r.level = crate::investment::route::Level::County;
        r.route_flags.in_plan = in_plan;
        k.ok(r, ProjectUnit);
        assert_eq!(k.p.ledger().route(), Some(Route::CountyRules));
        k
    }

    /// Source: INV-13.3 — §3.5 A7 [interp, AMB-59]: on `county_rules` GA and A follow §4.1 computed
    /// with the county step skipped on the county total, the county bodies in the municipal roles.
    /// County F 10,000,000.00 (15.1 「以下」 IN): the FSR-only gate route, `approve_fsr` fixes A = F
    /// and a supervision award is Ok at once. County F 10,000,000.01 with `in_plan`: `direct_fsr`,
    /// so A waits for the design and the verified estimate (V INV-6 `before_project_approval` + V
    /// INV-23.1 `no_approved_estimate`, then Ok). County 30,000,000.00 without a 15.3 condition:
    /// `standard`, so the FSR needs the proposal first (V INV-13.1 `proposal_required`).
    #[test]
    fn county_gate_route_without_the_county_step() {
        let mut k = county("10000000.00", false);
        k.ok(fsr("10000000.00"), ProjectUnit);
        let mut a = approve_fsr("10000000.00");
        a.tender_required = vec![];
        k.ok(a, Drc);
        assert_eq!(k.p.gate_route(), Route::SimplifiedFsrOnly);
        assert_eq!(k.p.ledger().estimate, Some(yuan!("10000000.00")));
        assert!(k.p.gate_facts().route_approvals_done);
        clean(&k.ok(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit));

        let mut k = county("10000000.01", true);
        k.ok(fsr("10000000.01"), ProjectUnit);
        let mut a = approve_fsr("10000000.01");
        a.tender_required = vec![];
        k.ok(a, Drc);
        assert_eq!(k.p.gate_route(), Route::DirectFsr);
        assert_eq!(k.p.ledger().estimate, None);
        let e = k.err(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_23_1, "no_approved_estimate")]);
        k.ok(contract("K-DESIGN", None, Lot::Design, "300000.00", &[]), ProjectUnit);
        k.ok(design("10500000.00"), ProjectUnit);
        k.ok(approve_design(), Drc);
        k.ok(verify("10500000.00"), Drc);
        assert!(k.p.gate_facts().route_approvals_done);
        clean(&k.ok(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit));

        let mut k = county("30000000.00", false);
        assert_eq!(k.p.gate_route(), Route::Standard);
        assert!(has(&k.err(fsr("30000000.00"), ProjectUnit), INV_13_1, "proposal_required"));
    }

    /// An `external` project (central/provincial policy funds, 15.5) with its FSR submitted.
    fn external() -> Kit {
        let mut k = Kit::new();
        let mut r = register("8000000.00");
        r.route_flags.seeks_central_provincial_funds = true;
        k.ok(r, ProjectUnit);
        assert_eq!(k.p.ledger().route(), Some(Route::External));
        k.ok(fsr("8000000.00"), ProjectUnit);
        k
    }

    fn external_approval(estimate: Option<&str>, no_estimate: Option<bool>) -> ApproveFsr {
        let mut a = approve_fsr("8000000.00");
        a.tender_required = vec![];
        a.estimate = estimate.map(|x| yuan!(x));
        a.no_estimate = no_estimate;
        a
    }

    const EXTERNAL_BODY: &str = "河南省发展和改革委员会";

    /// Source: INV-15.5 — §3.5 A7 [interp, AMB-59]: on `external` GA needs the external approval
    /// recorded (`approve_fsr` by drc with `actor_org` naming the external body) and A is the
    /// estimate it approves (`approve_fsr.estimate`: 8,200,000.00, supervision Ok); F is A only where
    /// it states `no_estimate: true`. Without the body named, or with neither fact, GA fails: V
    /// INV-6 `before_project_approval` (+ V INV-23.1 `no_approved_estimate` while A is absent).
    /// Either fact elsewhere, or both together, is an InputError naming the fact.
    #[test]
    fn external_approval_fixes_a() {
        let by_body = |k: &mut Kit, a: ApproveFsr| {
            let c = k.cmd(a, Drc).org(EXTERNAL_BODY);
            k.p.apply(c).unwrap()
        };
        let mut k = external();
        by_body(&mut k, external_approval(Some("8200000.00"), None));
        assert_eq!(k.p.ledger().estimate, Some(yuan!("8200000.00")));
        assert_eq!(k.p.ledger().approved_fsr_estimate, Some(yuan!("8000000.00")));
        assert!(k.p.gate_facts().route_approvals_done);
        clean(&k.ok(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit));

        let mut k = external();
        by_body(&mut k, external_approval(None, Some(true)));
        assert_eq!(k.p.ledger().estimate, Some(yuan!("8000000.00")));
        clean(&k.ok(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit));

        // The approval does not name the external body: recorded, but not the external approval.
        let mut k = external();
        k.ok(external_approval(Some("8200000.00"), None), Drc);
        assert!(!k.p.gate_facts().route_approvals_done);
        let e = k.err(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval")]);

        // Neither an estimate nor no_estimate: A is not fixed; the approved F still caps P payments.
        let mut k = external();
        by_body(&mut k, external_approval(None, None));
        assert_eq!(k.p.ledger().estimate, None);
        assert_eq!(k.p.ledger().payment_estimate(), Some(yuan!("8000000.00")));
        let e = k.err(service("K-JL", Lot::Supervision, "150000.00"), ProjectUnit);
        assert_eq!(violations(&e), [v(INV_6, "before_project_approval"), v(INV_23_1, "no_approved_estimate")]);

        // Input: both facts together, or either fact off the external route.
        let mut k = external();
        let e = k.err(external_approval(Some("8200000.00"), Some(true)), Drc);
        assert!(matches!(e, Error::Input(ref i) if i.path == "facts.no_estimate"), "{e:?}");
        let mut k = Kit::new();
        k.ok(register("8000000.00"), ProjectUnit);
        k.ok(fsr("8000000.00"), ProjectUnit);
        let e = k.err(external_approval(Some("8000000.00"), None), Drc);
        assert!(matches!(e, Error::Input(ref i) if i.path == "facts.estimate"), "{e:?}");
        let e = k.err(external_approval(None, Some(true)), Drc);
        assert!(matches!(e, Error::Input(ref i) if i.path == "facts.no_estimate"), "{e:?}");
    }

    /// Source: INV-32.1 — §3.5 D5: where an agent-construction contract exists, the agent builder
    /// awards contracts and requests payments in the project unit's place; without one it is a
    /// wrong actor (INV-8).
    #[test]
    fn agent_builder_acts_for_the_unit() {
        let mut k = reserve();
        fsr_approved(&mut k, vec![]);
        let e = k.err(service("K-CC", Lot::CostConsulting, "100000.00"), AgentBuilder);
        assert_eq!(violations(&e), [v(INV_8, "wrong_actor")]);
        k.ok(service("K-AG", Lot::AgentConstruction, "1000000.00"), ProjectUnit);
        clean(&k.ok(service("K-CC", Lot::CostConsulting, "100000.00"), AgentBuilder));
        clean(&k.ok(pay_outside_budget("R1", Some("K-CC"), "100000.00"), AgentBuilder));
        assert_eq!(rule_of(&k.err(approve_pay("R1"), AgentBuilder)), Some(INV_35_2));
    }
}
