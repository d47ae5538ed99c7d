//! The investment project's ledger: `Facts` derived from its log (RULES.md §1.7).
//!
//! Guards read nothing else: the ledger (figures F, E, A, A0, B, W, contracts,
//! paid totals, flags, route), the calendar and the configuration. Every field
//! is written only by the commit half of an accepted event.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::investment::accountability::CaseRecord;
use crate::investment::change::ChangeRecord;
use crate::investment::estimate::AdjustmentRecord;
use crate::investment::events::{
    BudgetKind, ConstructionMode, DelayKind, EstimateItem, ExcessDecision, FsrContent, FundingMode, FundingSource,
    IncidentKind, Nature, UnitKind, WaivedDocument,
};
use crate::investment::lifecycle::InvState;
use crate::investment::route::{Level, Route, RouteFlags};
use crate::investment::submachine::PartsHost;
use crate::log::Id;
use crate::money::{Yuan, YuanDelta};
use crate::rule::RuleId;

/// A procurement lot (`issue_tender.lot`, INV-33).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lot {
    /// 勘察.
    Survey,
    /// 设计.
    Design,
    /// 施工.
    Construction,
    /// 工程总承包.
    Epc,
    /// 监理.
    Supervision,
    /// 设备.
    Equipment,
    /// 材料.
    Materials,
    /// 代建.
    AgentConstruction,
    /// 全过程工程咨询.
    FullProcessConsulting,
    /// 造价咨询.
    CostConsulting,
    /// Other services.
    OtherService,
}

/// A contract in the ledger (`award_contract`), with what changes and payments did to it.
///
/// Shared between the lifecycle (award, payments: INV-35.3 caps) and the change sub-machine
/// (INV-41 to 43, 48.1: approved change deltas raise the ceiling once finance-reviewed and,
/// in an INV-43 case, consented).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// Contract id.
    pub contract_id: Id,
    /// The tender it came from.
    pub tender_id: Option<Id>,
    /// The lot.
    pub lot: Lot,
    /// The contractor.
    pub contractor: Id,
    /// The contract price.
    pub price: Yuan,
    /// Inside the finance-reviewed budget's scope (INV-35.3 over_budget).
    pub in_budget_scope: bool,
    /// Items of the contract (INV-35.3 over_scope).
    pub items: Vec<Id>,
    /// Σ disbursed on this contract.
    pub paid: Yuan,
    /// Σ change deltas approved, finance-reviewed (48.1) and, for INV-43 cases, consented: raise the ceiling.
    pub change_extra: Yuan,
    /// Σ approved change deltas still awaiting the finance review (48.1 `no_finance_review`).
    pub unreviewed: Yuan,
    /// Σ INV-43 deltas still awaiting municipal consent (43 `no_gov_consent`).
    pub unconsented_43: Yuan,
}

impl Contract {
    /// The contract ceiling: price plus authorised change amounts (RULES.md §4.5).
    pub fn ceiling(&self) -> Yuan {
        self.price.saturating_add(self.change_extra)
    }

    /// Whether a payment on `item` is tied to this contract: an item of the contract, or any item
    /// when the contract lists none (a design or consulting contract awarded before the estimate
    /// had items). One reading for the 35.3 scope check and the F-INV-54.3 detection.
    pub fn covers_item(&self, item: &str) -> bool {
        self.items.is_empty() || self.items.iter().any(|i| i == item)
    }
}

/// What `register_project` fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Project name.
    pub name: Id,
    /// Sector (design approver key).
    pub sector: Id,
    /// Nature (INV-3).
    pub nature: Nature,
    /// Funding mode (INV-5).
    pub mode: FundingMode,
    /// Uses loans.
    pub uses_loan: bool,
    /// Declared total at registration.
    pub total: Yuan,
    /// municipal or county.
    pub level: Level,
    /// Unit kind (INV-50.2).
    pub unit_kind: UnitKind,
    /// Construction mode (INV-32.1).
    pub construction_mode: ConstructionMode,
    /// Lacks capacity (INV-32.1).
    pub lacks_capacity: bool,
    /// The concrete industry authority.
    pub industry_authority_org: Id,
    /// Route flags (§4.1).
    pub route_flags: RouteFlags,
    /// Classified (INV-9, AMB-40).
    pub classified: bool,
    /// 项目统一代码, once known.
    pub project_code: Option<Id>,
}

/// The ledger of an investment project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// Registration facts (None before `register_project`).
    pub registration: Option<Registration>,
    /// Route computed by §4.1 (AMB-6).
    pub computed_route: Option<Route>,
    /// Route chosen by `select_route`.
    pub chosen_route: Option<Route>,
    /// Municipal recognition as an emergency project (INV-16.1).
    pub emergency_recognized: bool,
    /// F: FSR estimate.
    pub fsr_estimate: Option<Yuan>,
    /// E: compiled design estimate.
    pub compiled_estimate: Option<Yuan>,
    /// A: current approved estimate.
    pub estimate: Option<Yuan>,
    /// A0: first approved estimate.
    pub original_estimate: Option<Yuan>,
    /// B: finance-reviewed budget.
    pub budget: Option<Yuan>,
    /// W: certified completed investment.
    pub certified_completed: Option<Yuan>,
    /// Σ payments disbursed.
    pub paid_total: Yuan,
    /// Number of approved estimate adjustments (INV-49.2).
    pub adjustments_approved: u32,
    /// Funding suspended by finance (INV-55), with the state of the suspension.
    pub funding_suspended: bool,
    /// Imported through `import_legacy` (INV-60).
    pub imported: bool,
    /// The state a pending review's submission left (refusal returns there, INV-21.5).
    pub review_source: Option<InvState>,
    /// The state before `suspend`, and who suspended.
    pub suspended_from: Option<(InvState, Actor)>,
    /// Planned end of construction (INV-7.1).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub planned_end: Option<NaiveDate>,
    /// Contracts awarded.
    pub contracts: Vec<Contract>,
    /// Σ disbursed inside the budget's scope.
    pub paid_budget_scope: Yuan,
    /// The estimate's contingency (基本预备费).
    pub contingency: Yuan,
    /// Σ contingency drawn (`draw_contingency`; never above `contingency`).
    pub contingency_drawn: Yuan,
    /// Σ δ of approved or implemented changes not yet absorbed by an approved adjustment (§3.1.4).
    pub pending_delta: YuanDelta,
    /// Σ approved change amounts (settlement and final-accounts caps, INV-37.2, INV-6).
    pub approved_change_amount: Yuan,
    /// Engineering changes by id (INV-40 to 44; RULES.md §3.1.4).
    #[serde(default)]
    pub changes: BTreeMap<String, ChangeRecord>,
    /// Estimate adjustments by id (INV-45 to 49; RULES.md §3.1.5).
    #[serde(default)]
    pub adjustments: BTreeMap<String, AdjustmentRecord>,
    /// Accountability cases by id (INV-50; RULES.md §3.1.5).
    #[serde(default)]
    pub cases: BTreeMap<String, CaseRecord>,
    /// The host when the sub-machines run without an `inv` lifecycle (parts mode, AMB-25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<PartsHost>,

    // ---- lifecycle facts (RULES.md §3.1.2; written by the `inv` handlers) ----
    /// Merged-approval batch (INV-15.2), from `select_route` or `submit_fsr`.
    pub batch_id: Option<String>,
    /// Documents waived by `grant_simplification` (AMB-4).
    pub waived: Vec<WaivedDocument>,
    /// The proposal is approved (INV-13.2).
    pub proposal_approved: bool,
    /// The FSR as last submitted (for INV-21.2 at approval and F-INV-53.2).
    pub fsr_submission: Option<FsrSubmission>,
    /// The FSR is approved.
    pub fsr_approved: bool,
    /// When the route's last approval before construction was given (INV-55.6 start deadline).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub approved_on: Option<NaiveDate>,
    /// INV-22 flags set by the approver (or by `large_investment_threshold`).
    pub major_impact: bool,
    /// INV-22 flags set by the approver (or by `large_investment_threshold`).
    pub large_investment: bool,
    /// The four INV-22 records were given at an approval.
    pub assessments_done: bool,
    /// Lots to be tendered by law (INV-33, AMB-47).
    pub tender_required: Vec<Lot>,
    /// Whether CD design is needed (`None` = not yet said, read as true; the last set wins).
    pub needs_cd_design: Option<bool>,
    /// The design as last submitted.
    pub design: Option<DesignSubmission>,
    /// The preliminary design is approved.
    pub design_approved: bool,
    /// The estimate is verified (A set).
    pub estimate_verified: bool,
    /// The verified estimate's items.
    pub estimate_items: Vec<EstimateItem>,
    /// A and A0 before the current design review (restored when it is refused).
    pub estimate_before_review: Option<(Option<Yuan>, Option<Yuan>)>,
    /// Seq of the INV-23.3 report awaiting or having received a decision.
    pub excess_report: Option<u32>,
    /// The INV-23.4 decision on it.
    pub excess_decision: Option<ExcessDecision>,
    /// CD review done (INV-25.1).
    pub cd_review_done: bool,
    /// The reviewed CD budget.
    pub cd_budget: Option<Yuan>,
    /// Budget submissions so far (INV-25.2).
    pub budget_submissions: u32,
    /// The budget under review.
    pub pending_budget: Option<PendingBudget>,
    /// Budget approved (B set).
    pub budget_done: bool,
    /// The approved budget's items.
    pub budget_items: Vec<Id>,
    /// The project is built by EPC (the first EPC tender, AMB-24).
    pub epc: bool,
    /// Tenders issued.
    pub tenders: Vec<Tender>,
    /// Contracts awarded with an advance-funding (垫资) clause (INV-4.3, F-INV-55.5).
    pub advance_funding_contracts: Vec<Id>,
    /// Contracts awarded directly, without competition (INV-20.2, 20.6).
    pub direct_contracts: Vec<Id>,
    /// Funding sources recorded (INV-34, AMB-22).
    pub funding: Vec<FundingSource>,
    /// Survey done (INV-7.3).
    pub survey_done: bool,
    /// Construction started (the first start).
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub started_on: Option<NaiveDate>,
    /// Payment requests.
    pub payments: Vec<PaymentRecord>,
    /// Σ recovered (`recover_funds`).
    pub recovered: Yuan,
    /// The 55.x rule funding is suspended under.
    pub funding_suspended_rule: Option<RuleId>,
    /// The 55.x rule the project is suspended under.
    pub suspension_rule: Option<RuleId>,
    /// Delays with a recorded reason (INV-55.6).
    pub delay_reasons: Vec<DelayKind>,
    /// Works completed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub completed_on: Option<NaiveDate>,
    /// Acceptance passed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub accepted_on: Option<NaiveDate>,
    /// The approved settlement.
    pub settlement: Option<Yuan>,
    /// The final accounts.
    pub final_accounts: Option<FinalAccounts>,
    /// The surplus was returned.
    pub surplus_returned: bool,
    /// Asset title registered (INV-37.4).
    pub assets_registered: bool,
    /// INV-58 incidents.
    pub incidents: Vec<Incident>,
    /// AMB-25 parts mode: tasked in an approved DIG cycle (or `emergency_add`), "in plan".
    pub dig_tasked: bool,
}

/// The FSR as submitted (`submit_fsr`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FsrSubmission {
    /// F as submitted.
    pub fsr_estimate: Yuan,
    /// INV-19.2 contents.
    pub contents: Vec<FsrContent>,
    /// The submission's guards that failed (record mode): INV-19.x rules.
    pub defects: Vec<RuleId>,
    /// The date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// The design as submitted (`submit_design`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignSubmission {
    /// E.
    pub compiled_estimate: Yuan,
    /// Contingency.
    pub contingency: Yuan,
    /// The designer's contract.
    pub design_contract_id: Id,
    /// The items.
    pub items: Vec<EstimateItem>,
    /// The date.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// A budget under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingBudget {
    /// The amount.
    pub amount: Yuan,
    /// CD or works budget.
    pub kind: BudgetKind,
    /// Its items.
    pub items: Vec<Id>,
}

/// A tender (`issue_tender`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    /// Tender id.
    pub tender_id: Id,
    /// The lot.
    pub lot: Lot,
    /// Its items.
    pub items: Vec<Id>,
    /// On the public resource platform (INV-33).
    pub on_platform: bool,
}

/// Where a payment request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Requested by the project unit.
    Requested,
    /// Approved by finance.
    Approved,
    /// Disbursed.
    Disbursed,
}

/// A payment request and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    /// Request id.
    pub request_id: Id,
    /// The contract.
    pub contract_id: Option<Id>,
    /// The item.
    pub item_id: Id,
    /// The amount requested.
    pub amount: Yuan,
    /// Inside the budget's scope.
    pub in_budget_scope: bool,
    /// Progress cap.
    pub progress_cap: Yuan,
    /// Wages due.
    pub wages_due: Yuan,
    /// Wage share.
    pub wage_share: Yuan,
    /// Status.
    pub status: PaymentStatus,
    /// When approved.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub approved_on: Option<NaiveDate>,
    /// The amount disbursed.
    pub disbursed: Option<Yuan>,
    /// When disbursed.
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub disbursed_on: Option<NaiveDate>,
    /// The seq of the disbursement.
    pub disbursed_seq: Option<u32>,
}

/// The final accounts (`complete_final_accounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalAccounts {
    /// Total.
    pub total: Yuan,
    /// Surplus to return.
    pub surplus: Yuan,
    /// The seq of the entry.
    pub seq: u32,
}

/// An INV-58 incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Incident id.
    pub incident_id: Id,
    /// Its kind.
    pub kind: IncidentKind,
    /// Reported at this seq.
    pub seq: u32,
    /// Reported on.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// A liability case was opened.
    pub liability_case: bool,
}

impl Ledger {
    /// The route in force: the chosen one, else the computed one.
    pub fn route(&self) -> Option<Route> {
        self.chosen_route.or(self.computed_route)
    }

    /// The contract with this id.
    pub fn contract(&self, id: &str) -> Option<&Contract> {
        self.contracts.iter().find(|c| c.contract_id == id)
    }

    /// The contract with this id, mutably.
    pub fn contract_mut(&mut self, id: &str) -> Option<&mut Contract> {
        self.contracts.iter_mut().find(|c| c.contract_id == id)
    }

    /// The estimate that caps payments: A, or F before A exists (RULES.md §4.5).
    pub fn payment_estimate(&self) -> Option<Yuan> {
        self.estimate.or(self.fsr_estimate)
    }

    /// Whether CD design is needed (not yet said → needed).
    pub fn needs_cd(&self) -> bool {
        self.needs_cd_design.unwrap_or(true)
    }

    /// B plus the approved change amounts: the settlement and final-accounts cap (INV-37.2, 6).
    pub fn budget_cap(&self) -> Option<Yuan> {
        self.budget.map(|b| b.saturating_add(self.approved_change_amount))
    }

    /// Σ contract prices (INV-23.2, AMB-49).
    pub fn contract_total(&self) -> Yuan {
        self.contracts.iter().fold(Yuan::ZERO, |a, c| a.saturating_add(c.price))
    }

    /// Σ funding recorded, and Σ of one year (INV-34, AMB-22).
    pub fn funding_total(&self, year: Option<i32>) -> Yuan {
        self.funding
            .iter()
            .filter(|f| year.is_none_or(|y| f.year == y))
            .fold(Yuan::ZERO, |a, f| a.saturating_add(f.amount))
    }

    /// The payment request with this id.
    pub fn payment(&self, id: &str) -> Option<&PaymentRecord> {
        self.payments.iter().find(|p| p.request_id == id)
    }

    /// Whether `item` is in the approved item list (true when there is none); as
    /// [`Ledger::approved_items`] without building the list.
    pub fn item_approved(&self, item: &str) -> bool {
        if self.budget_done && !self.budget_items.is_empty() {
            self.budget_items.iter().any(|i| i == item)
        } else if !self.estimate_items.is_empty() {
            self.estimate_items.iter().any(|i| i.item_id == item)
        } else {
            true
        }
    }

    /// The items a tender, contract or payment may draw on: the approved budget's, else the
    /// verified estimate's (`None` when neither exists: nothing to compare with).
    pub fn approved_items(&self) -> Option<Vec<&str>> {
        if self.budget_done && !self.budget_items.is_empty() {
            Some(self.budget_items.iter().map(|s| s.as_str()).collect())
        } else if !self.estimate_items.is_empty() {
            Some(self.estimate_items.iter().map(|i| i.item_id.as_str()).collect())
        } else {
            None
        }
    }
}
