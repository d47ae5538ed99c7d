//! The investment event vocabulary (RULES.md §3.1.6 (a)): one payload struct per event.
//!
//! Field names are RULES.md's; figures use the §1.2 names (`fsr_estimate` F,
//! `compiled_estimate` E, `estimate` A, `budget` B, `certified_completed` W).
//! Fields are declared in code-point order (canonical JSON, §1.7). Unknown
//! fields are refused. Booleans default to `false`.

use serde::{Deserialize, Serialize};

use crate::actor::DocRef;
use crate::event::event_enum;
use crate::exception::RuleException;
use crate::investment::route::{Level, Route, RouteFlags};
use crate::log::MachineId;
use crate::money::Yuan;

/// Project nature (INV-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// 非经营性.
    NonOperating,
    /// 准经营性.
    QuasiOperating,
    /// 经营性.
    Operating,
}

/// Funding mode (INV-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingMode {
    /// 直接投资.
    DirectInvestment,
    /// 资本金注入.
    CapitalInjection,
    /// 投资补助.
    InvestmentSubsidy,
    /// 贷款贴息.
    LoanInterestSubsidy,
}

/// Unit kind (INV-50.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 行政事业单位.
    AdminOrPublicUnit,
    /// 市属平台公司及其下属公司.
    PlatformCompany,
    /// Anything else.
    Other,
}

/// How the project is built (INV-32.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConstructionMode {
    /// The project unit organises construction itself.
    #[default]
    #[serde(rename = "self")]
    SelfBuilt,
    /// 工程总承包 (with full-process consulting).
    Epc,
    /// 代建制.
    AgentConstruction,
}

/// `register_project` (project_unit, ∅ → reserve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterProject {
    /// Evidence for an operating project (INV-3.2, AMB-34).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_3_2: Option<DocRef>,
    /// 涉及国家秘密 (INV-9, AMB-40).
    #[serde(default)]
    pub classified: bool,
    /// self, epc or agent_construction (INV-32.1).
    #[serde(default)]
    pub construction_mode: ConstructionMode,
    /// Set when the project is a DIG project (RULES.md §3.1.6 (a): refused, AMB-25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dig_project_id: Option<String>,
    /// The concrete industry authority (行业主管部门); `actor_org` of its acts must equal it.
    pub industry_authority_org: String,
    /// 缺乏专业技术人员和建设管理经验 (INV-32.1).
    #[serde(default)]
    pub lacks_capacity: bool,
    /// municipal or county.
    #[serde(default)]
    pub level: Level,
    /// Funding mode (INV-5).
    pub mode: FundingMode,
    /// Project name.
    pub name: String,
    /// Nature (INV-3).
    pub nature: Nature,
    /// Non-enterprise body using own funds only (INV-5.4).
    #[serde(default)]
    pub own_funds_only: bool,
    /// 项目统一代码 (INV-9.2); absent when classified or not yet issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// Project id (the stream instance).
    pub project_id: String,
    /// Route flags (RULES.md §4.1).
    #[serde(default)]
    pub route_flags: RouteFlags,
    /// Sector (key of the `design_approver` configuration).
    pub sector: String,
    /// Declared total investment.
    pub total: Yuan,
    /// Unit kind (INV-50.2).
    pub unit_kind: UnitKind,
    /// The project uses loans (INV-5.2 loan interest subsidy).
    #[serde(default)]
    pub uses_loan: bool,
}

/// `select_route` (project_unit, reserve → reserve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelectRoute {
    /// Merged-approval batch (INV-15.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// One of the permitted alternatives (RULES.md §4.1).
    pub chosen_route: Route,
}

/// `withdraw_project` (project_unit, every non-terminal → withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawProject {
    /// Why.
    pub reason: String,
}

event_enum! {
    /// Events of the `inv` lifecycle (RULES.md §3.1.6 (a)).
    pub enum InvEvent, kind InvEventKind, machine MachineId::Inv {
        /// ∅ → reserve.
        RegisterProject(RegisterProject) = "register_project",
        /// reserve → reserve.
        SelectRoute(SelectRoute) = "select_route",
        /// Every non-terminal → withdrawn.
        WithdrawProject(WithdrawProject) = "withdraw_project",
        /// A 原则上 exception (RULES.md §1.8).
        RecordException(RuleException) = "record_exception",
    }
}
