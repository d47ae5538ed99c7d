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
use crate::investment::events::{ConstructionMode, FundingMode, Nature, UnitKind};
use crate::investment::lifecycle::InvState;
use crate::investment::route::{Level, Route, RouteFlags};
use crate::investment::submachine::PartsHost;
use crate::money::{Yuan, YuanDelta};

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
    pub contract_id: String,
    /// The tender it came from.
    pub tender_id: Option<String>,
    /// The lot.
    pub lot: Lot,
    /// The contractor.
    pub contractor: String,
    /// The contract price.
    pub price: Yuan,
    /// Inside the finance-reviewed budget's scope (INV-35.3 over_budget).
    pub in_budget_scope: bool,
    /// Items of the contract (INV-35.3 over_scope).
    pub items: Vec<String>,
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
}

/// What `register_project` fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Project name.
    pub name: String,
    /// Sector (design approver key).
    pub sector: String,
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
    pub industry_authority_org: String,
    /// Route flags (§4.1).
    pub route_flags: RouteFlags,
    /// Classified (INV-9, AMB-40).
    pub classified: bool,
    /// 项目统一代码, once known.
    pub project_code: Option<String>,
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
}
