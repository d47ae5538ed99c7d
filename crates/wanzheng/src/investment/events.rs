//! The investment event vocabulary (RULES.md §3.1.6 (a)): one payload struct per event.
//!
//! Field names are RULES.md's; figures use the §1.2 names (`fsr_estimate` F,
//! `compiled_estimate` E, `estimate` A, `budget` B, `certified_completed` W).
//! Fields are declared in code-point order (canonical JSON, §1.7). Unknown
//! fields are refused. Booleans default to `false`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::config::ReviewKind;
use crate::event::{NoFacts, event_enum};
use crate::exception::RuleException;
use crate::investment::ledger::Lot;
use crate::investment::route::{Level, Route, RouteFlags};
use crate::log::Id;
use crate::log::MachineId;
use crate::money::Yuan;
use crate::rule::RuleId;
use crate::wire::wire_enum;

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
    /// The unit's own funds, no government investment (INV-5.4, RULES.md §3.4, §3.5 B17).
    OwnFunds,
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
    /// 有审批制要求的项目 (INV-5.4's own exception, RULES.md §3.4): an own-funds project under the
    /// approval system, which therefore runs this machine (default false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approval_required: bool,
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
    pub industry_authority_org: Id,
    /// 缺乏专业技术人员和建设管理经验 (INV-32.1).
    #[serde(default)]
    pub lacks_capacity: bool,
    /// municipal or county.
    #[serde(default)]
    pub level: Level,
    /// Funding mode (INV-5).
    pub mode: FundingMode,
    /// Project name.
    pub name: Id,
    /// Nature (INV-3).
    pub nature: Nature,
    /// Non-enterprise body using own funds only (INV-5.4).
    #[serde(default)]
    pub own_funds_only: bool,
    /// 项目统一代码 (INV-9.2); absent when classified or not yet issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<Id>,
    /// Project id (the stream instance).
    pub project_id: Id,
    /// Route flags (RULES.md §4.1).
    #[serde(default)]
    pub route_flags: RouteFlags,
    /// Sector (key of the `design_approver` configuration).
    pub sector: Id,
    /// Declared total investment.
    pub total: Yuan,
    /// Unit kind (INV-50.2).
    pub unit_kind: UnitKind,
    /// The project uses loans (INV-5.2 loan interest subsidy).
    #[serde(default)]
    pub uses_loan: bool,
}

/// The state an `import_legacy` puts the project in (any non-terminal state).
pub type LegacyState = crate::investment::lifecycle::InvState;

/// One contract of a legacy project (`import_legacy.contracts`). Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegacyContract {
    /// Contract id.
    pub contract_id: Id,
    /// The lot.
    pub lot: Lot,
    /// Σ already paid on it.
    pub paid: Yuan,
    /// The price.
    pub price: Yuan,
}

/// `import_legacy` (project_unit, record mode; ∅ → the named non-terminal state): a project whose
/// earlier facts predate 2023-06-01 (INV-60, AMB-23); earlier facts are not judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportLegacy {
    /// As `register_project`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_3_2: Option<DocRef>,
    /// B.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Yuan>,
    /// W.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_completed: Option<Yuan>,
    /// As `register_project`.
    #[serde(default)]
    pub classified: bool,
    /// As `register_project`.
    #[serde(default)]
    pub construction_mode: ConstructionMode,
    /// Contracts with what was paid on them.
    #[serde(default)]
    pub contracts: Vec<LegacyContract>,
    /// As `register_project`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dig_project_id: Option<String>,
    /// A.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Yuan>,
    /// F.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsr_estimate: Option<Yuan>,
    /// As `register_project`.
    pub industry_authority_org: Id,
    /// As `register_project`.
    #[serde(default)]
    pub lacks_capacity: bool,
    /// As `register_project`.
    #[serde(default)]
    pub level: Level,
    /// As `register_project`.
    pub mode: FundingMode,
    /// As `register_project`.
    pub name: Id,
    /// As `register_project`.
    pub nature: Nature,
    /// A0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_estimate: Option<Yuan>,
    /// As `register_project`.
    #[serde(default)]
    pub own_funds_only: bool,
    /// Σ paid so far.
    #[serde(default)]
    pub paid_total: Yuan,
    /// As `register_project`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<Id>,
    /// As `register_project`.
    pub project_id: Id,
    /// As `register_project`.
    #[serde(default)]
    pub route_flags: RouteFlags,
    /// As `register_project`.
    pub sector: Id,
    /// The state the project is in (non-terminal, not `suspended`).
    pub state: LegacyState,
    /// As `register_project`.
    pub total: Yuan,
    /// As `register_project`.
    pub unit_kind: UnitKind,
    /// As `register_project`.
    #[serde(default)]
    pub uses_loan: bool,
}

/// `recognize_emergency` (municipal_government; reserve … fsr_review, state kept): the
/// municipal government decides emergency status, builder, scope, content and funding (INV-16.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecognizeEmergency {
    /// 建设主体.
    pub builder: String,
    /// 建设内容.
    pub content: String,
    /// 资金来源.
    pub funding_sources: Vec<String>,
    /// The decision.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// 建设范围.
    pub scope: String,
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

wire_enum! {
    /// An INV-14 category (`grant_simplification.category`).
    pub enum SimplificationCategory {
        /// (一) 相关规划中已经明确.
        Plan = "14.1",
        /// (二) 部分扩建、改建.
        PartialRebuild = "14.2",
        /// (三) 建设内容单一、投资规模较小、技术方案简单.
        SingleSmallSimple = "14.3",
        /// (四) 突发事件需要紧急建设.
        UrgentSuddenEvent = "14.4",
    }
}

wire_enum! {
    /// A document `grant_simplification` may waive (AMB-4).
    pub enum WaivedDocument {
        /// 项目建议书.
        Proposal = "proposal",
        /// 初步设计及投资概算.
        DesignAndEstimate = "design_and_estimate",
    }
}

/// `grant_simplification` (drc, reserve → reserve): INV-14 simplification beyond INV-15 (AMB-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantSimplification {
    /// The INV-14 item whose flag must hold.
    pub category: SimplificationCategory,
    /// Why.
    pub reason: String,
    /// The decision.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The waived documents.
    pub waived: Vec<WaivedDocument>,
}

wire_enum! {
    /// What a project proposal covers (INV-18).
    pub enum ProposalContent {
        /// 建设的必要性和依据.
        Necessity = "necessity",
        /// 主要建设内容.
        Content = "content",
        /// 拟建地点.
        Location = "location",
        /// 拟建规模.
        Scale = "scale",
        /// 投资匡算.
        RoughEstimate = "rough_estimate",
        /// 资金筹措.
        Financing = "financing",
        /// 经济和社会效益.
        Benefits = "benefits",
    }
}

/// `submit_proposal` (project_unit, reserve → proposal_review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitProposal {
    /// What the proposal covers (INV-18: all seven).
    pub contents: Vec<ProposalContent>,
    /// The online platform's record (INV-9.1).
    pub platform_ref: DocRef,
    /// 投资匡算.
    pub rough_estimate: Yuan,
}

/// The four INV-22 records (中介服务机构评估、公众参与、专家评议、风险评估). Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessments {
    /// 专家评议.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert: Option<DocRef>,
    /// 中介服务机构评估.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediary: Option<DocRef>,
    /// 公众参与.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<DocRef>,
    /// 风险评估.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<DocRef>,
}

impl Assessments {
    /// All four records present.
    pub fn complete(&self) -> bool {
        [&self.expert, &self.intermediary, &self.public, &self.risk]
            .iter()
            .all(|r| r.as_ref().is_some_and(DocRef::is_valid))
    }

    /// The records given (the four of 第二十二条, in field order).
    pub fn records(&self) -> impl Iterator<Item = &DocRef> + Clone {
        [&self.expert, &self.intermediary, &self.public, &self.risk].into_iter().flatten()
    }
}

wire_enum! {
    /// A pass/fail judgment.
    pub enum PassFail {
        /// Passed.
        Pass = "pass",
        /// Failed.
        Fail = "fail",
    }
}

/// `approve_proposal` (drc, proposal_review → proposal_approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveProposal {
    /// INV-22 records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessments: Option<Box<Assessments>>,
    /// INV-21.1: the project's necessity.
    pub necessity: PassFail,
    /// The online platform's record (INV-9.1); missing on a non-classified project → finding
    /// `off_platform` (RULES.md §3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_ref: Option<DocRef>,
    /// The approval.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The lots to be tendered by law when the proposal approval fixes the tender scheme
    /// (招标投标法实施条例 第七条; RULES.md §3.5 A4): tendered survey and design may be awarded from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_scheme: Option<Vec<Lot>>,
}

wire_enum! {
    /// Who compiled the FSR (INV-19.1).
    pub enum CompiledBy {
        /// The project unit itself.
        SelfCompiled = "self",
        /// A lawfully procured consultancy.
        Consultancy = "consultancy",
    }
}

wire_enum! {
    /// What an FSR analyses (INV-19.2).
    pub enum FsrContent {
        /// 技术和经济可行性.
        Feasibility = "feasibility",
        /// 社会效益.
        SocialBenefit = "social_benefit",
        /// 资源综合利用.
        Resources = "resources",
        /// 生态环境影响.
        Environment = "environment",
        /// 社会稳定风险.
        StabilityRisk = "stability_risk",
        /// 资金来源以及资金筹措方案.
        Funding = "funding",
    }
}

/// An FSR attachment (INV-19.3): the document, or the legal reason it is not needed (AMB-35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Attachment {
    /// The opinion.
    Doc(DocRef),
    /// Not applicable, with the legal ground.
    NotApplicable {
        /// The legal ground (no new land; below the energy-review threshold, …).
        na_reason: String,
    },
}

impl Attachment {
    /// A valid document, or a non-empty reason.
    pub fn is_valid(&self) -> bool {
        match self {
            Attachment::Doc(d) => d.is_valid(),
            Attachment::NotApplicable { na_reason } => !na_reason.trim().is_empty(),
        }
    }
}

/// `submit_fsr` (project_unit; reserve, proposal_approved, fsr_rework → fsr_review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitFsr {
    /// Merged-approval batch (INV-15.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// Who compiled it (INV-19.1).
    pub compiled_by: CompiledBy,
    /// The consultancy's contract (INV-19.1 依法采购).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultancy_contract: Option<String>,
    /// What it analyses (INV-19.2).
    pub contents: Vec<FsrContent>,
    /// 节能审查意见, or why not needed (INV-19.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_review_opinion: Option<Attachment>,
    /// F.
    pub fsr_estimate: Yuan,
    /// 用地预审与选址意见书, or why not needed (INV-19.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_site_opinion: Option<Attachment>,
}

/// `approve_fsr` (drc, fsr_review → fsr_approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveFsr {
    /// INV-22 records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessments: Option<Box<Assessments>>,
    /// The estimate an external approval fixes (RULES.md §3.5 A7 \[interp, AMB-59\]): A := A0 :=
    /// this figure on the `external` route; carried only there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Yuan>,
    /// F as approved.
    pub fsr_estimate: Yuan,
    /// 投资规模较大 (INV-22).
    #[serde(default)]
    pub large_investment: bool,
    /// 对经济社会发展、社会公众利益有重大影响 (INV-22).
    #[serde(default)]
    pub major_impact: bool,
    /// Whether CD design is needed (last set wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_cd_design: Option<bool>,
    /// The external approval states that it approves no estimate (RULES.md §3.5 A7 \[interp,
    /// AMB-59\]): on the `external` route A := the approved F only then; carried only there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_estimate: Option<bool>,
    /// The online platform's record (INV-9.1); missing on a non-classified project → finding
    /// `off_platform` (RULES.md §3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_ref: Option<DocRef>,
    /// The approval.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// Lots to be tendered by law (INV-33, AMB-47).
    #[serde(default)]
    pub tender_required: Vec<Lot>,
}

/// `refuse_approval` (the pending review's approver): proposal_review → reserve; fsr_review,
/// budget_review → the stored source; design_review → fsr_approved; a budget pending in
/// procurement (EPC), or on `emergency_merged` in under_construction, works_completed or accepted →
/// the same state (RULES.md §3.5 A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefuseApproval {
    /// Why (INV-21.5 说明理由; non-empty).
    pub reasons: Vec<String>,
    /// The written notice (INV-21.5 书面通知).
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// Which review.
    pub review: ReviewKind,
}

/// `withdraw_project` (project_unit, every non-terminal → withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawProject {
    /// Why.
    pub reason: String,
}

wire_enum! {
    /// A material change (INV-23.3 重大变更: 项目单位、建设性质、建设地点、建设规模、技术方案), in the
    /// article's order; `report_estimate_excess.changes`, `propose_change.material` and
    /// `estimate_excess_check` share it.
    pub enum MaterialChange {
        /// 项目单位.
        Unit = "unit",
        /// 建设性质.
        Nature = "nature",
        /// 建设地点.
        Location = "location",
        /// 建设规模.
        Scale = "scale",
        /// 技术方案.
        TechnicalScheme = "technical_scheme",
    }
}

/// `report_estimate_excess` (project_unit; fact, fsr_approved … under_construction): the
/// INV-23.3 report to the original approver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportEstimateExcess {
    /// Material changes reported.
    #[serde(default)]
    pub changes: Vec<MaterialChange>,
    /// E, when the excess is the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compiled_estimate: Option<Yuan>,
    /// The report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

wire_enum! {
    /// The original approver's INV-23.4 decision.
    pub enum ExcessDecision {
        /// 重新组织编制和报批可行性研究报告.
        RedoFsr = "redo_fsr",
        /// 办理相应变更手续.
        ChangeProcedure = "change_procedure",
    }
}

/// `decide_estimate_excess` (drc; fact, or redo_fsr: fsr_approved … under_construction → fsr_rework).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideEstimateExcess {
    /// The decision.
    pub decision: ExcessDecision,
    /// The decision document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

wire_enum! {
    /// The INV-20.4 cost categories of an estimate.
    pub enum ItemCategory {
        /// 建安工程费用 (含装修).
        ConstructionInstallation = "construction_installation",
        /// 设备费.
        Equipment = "equipment",
        /// 工程建设其他费用.
        Other = "other",
        /// 基本预备费.
        Contingency = "contingency",
    }
}

/// One estimate item. Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateItem {
    /// The amount.
    pub amount: Yuan,
    /// The INV-20.4 category.
    pub category: ItemCategory,
    /// Item id (tender, contract and payment items refer to it).
    pub item_id: Id,
}

/// `submit_design` (project_unit, fsr_approved → design_review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitDesign {
    /// E.
    pub compiled_estimate: Yuan,
    /// 基本预备费.
    pub contingency: Yuan,
    /// The designer's contract (INV-20.2).
    pub design_contract_id: Id,
    /// 乡土树种草种 (INV-20.5).
    pub greening_native: bool,
    /// The estimate's items (INV-20.4).
    pub items: Vec<EstimateItem>,
    /// Whether CD design is needed (last set wins).
    pub needs_cd_design: bool,
}

/// `approve_design` (design approver; design_review → same, or design_approved with `verify_estimate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveDesign {
    /// Whether CD design is needed (last set wins).
    pub needs_cd_design: bool,
    /// The online platform's record (INV-9.1); missing on a non-classified project → finding
    /// `off_platform` (RULES.md §3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_ref: Option<DocRef>,
    /// The approval.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `verify_estimate` (drc; design_review → same, or design_approved with `approve_design`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEstimate {
    /// A as verified.
    pub estimate: Yuan,
    /// The verified items.
    pub items: Vec<EstimateItem>,
    /// The online platform's record (INV-9.1); missing on a non-classified project → finding
    /// `off_platform` (RULES.md §3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_ref: Option<DocRef>,
    /// The verification.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `complete_cd_review` (project_unit; design_approved, fsr_approved¹ → cd_reviewed; procurement (EPC),
/// and on `emergency_merged` procurement, under_construction, works_completed, accepted → the same
/// state, RULES.md §3.5 A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteCdReview {
    /// 施工图预算 (INV-24.2: ≤ A).
    pub cd_budget: Yuan,
    /// The CD review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

wire_enum! {
    /// What kind of budget is submitted (INV-25.1, 25.4).
    pub enum BudgetKind {
        /// 施工图预算.
        CdBudget = "cd_budget",
        /// 工程预算 (no CD design).
        WorksBudget = "works_budget",
    }
}

/// `submit_budget` (project_unit; cd_reviewed, or design_approved / fsr_approved¹ without CD design →
/// budget_review; procurement (EPC), and on `emergency_merged` procurement, under_construction,
/// works_completed, accepted → the same state, RULES.md §3.5 A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitBudget {
    /// The budget.
    pub amount: Yuan,
    /// Its items (ids of the estimate's items).
    #[serde(default)]
    pub items: Vec<Id>,
    /// CD budget or works budget.
    pub kind: BudgetKind,
}

/// `approve_budget` (finance; budget_review → budget_approved; procurement (EPC), and on
/// `emergency_merged` procurement, under_construction, works_completed, accepted → the same state,
/// RULES.md §3.5 A6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveBudget {
    /// B.
    pub budget: Yuan,
    /// The reviewed items.
    #[serde(default)]
    pub items: Vec<Id>,
    /// The review report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `issue_tender` (project_unit or tender_agent; fact; the first construction/EPC lot moves to procurement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueTender {
    /// 单项合同估算价 (RULES.md §3.5 A4): required for survey and design lots, compared with
    /// `services_tender_threshold` (§7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_price: Option<Yuan>,
    /// Items of the tender documents.
    pub items: Vec<Id>,
    /// The lot.
    pub lot: Lot,
    /// The public resource trading platform's record (INV-33).
    pub platform_ref: DocRef,
    /// The approved scope the tender covers (INV-26: equal to `items`).
    pub scope_items: Vec<Id>,
    /// Tender id.
    pub tender_id: Id,
}

wire_enum! {
    /// How a contract was procured (INV-20.6, 33).
    pub enum ProcuredBy {
        /// 招标.
        Tender = "tender",
        /// Another competitive method.
        OtherCompetitive = "other_competitive",
        /// Direct award.
        Direct = "direct",
    }
}

/// `award_contract` (project_unit, fact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardContract {
    /// The contract makes the contractor advance funds (垫资, INV-4.3).
    #[serde(default)]
    pub advance_funding_clause: bool,
    /// The contract's agreed advance share, in percent of the price (RULES.md §3.5 D1); absent →
    /// `advance_max_percent` caps the advances; above it → W INV-35.3 `advance_above_30_percent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_percent: Option<u32>,
    /// Contract id.
    pub contract_id: Id,
    /// The contractor.
    pub contractor: Id,
    /// 单项合同估算价 of a survey or design contract (RULES.md §3.5 A4); absent → the price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_price: Option<Yuan>,
    /// Inside the budget's scope.
    #[serde(default)]
    pub in_budget_scope: bool,
    /// Items of the contract.
    #[serde(default)]
    pub items: Vec<Id>,
    /// The lot.
    pub lot: Lot,
    /// An `other_service` contract of the preparatory work (前期咨询、评估咨询; default true);
    /// `false` makes it class M (W inside the budget's scope), RULES.md §3.5 A4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preliminary: Option<bool>,
    /// The price.
    pub price: Yuan,
    /// The price-adjustment clause (INV-36).
    #[serde(default)]
    pub price_adjustment_clause: bool,
    /// How it was procured.
    pub procured_by: ProcuredBy,
    /// The tender it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_id: Option<Id>,
}

wire_enum! {
    /// A funding source (`record_funding`).
    pub enum SourceKind {
        /// 市级预算.
        MunicipalBudget = "municipal_budget",
        /// 上级资金.
        HigherLevel = "higher_level",
        /// 债券.
        Bond = "bond",
        /// 自筹.
        SelfFunded = "self",
        /// 贷款.
        Loan = "loan",
        /// Other.
        Other = "other",
    }
}

/// One funding source. Fields in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// The amount.
    pub amount: Yuan,
    /// The source.
    pub source: SourceKind,
    /// The year it is available.
    pub year: i32,
}

/// `record_funding` (project_unit, fact): the sources secured (INV-34, AMB-22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordFunding {
    /// The sources.
    pub sources: Vec<FundingSource>,
}

/// `complete_survey` (project_unit, fact; INV-7.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteSurvey {
    /// The survey report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `start_construction` (project_unit; procurement → under_construction, also from
/// fsr_approved … budget_approved, judged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StartConstruction {
    /// The construction permit.
    pub permit_ref: DocRef,
    /// The planned end of construction (INV-7.1).
    #[serde(deserialize_with = "crate::date::strict")]
    pub planned_end: NaiveDate,
}

wire_enum! {
    /// An INV-45.4 milestone.
    pub enum MilestoneNode {
        /// 施工图设计 (含装修设计).
        CdDesign = "cd_design",
        /// 招标.
        Tendering = "tendering",
        /// 主体结构封顶.
        ToppingOut = "topping_out",
        /// 装修.
        Decoration = "decoration",
        /// 设备安装.
        EquipmentInstallation = "equipment_installation",
    }
}

/// `reach_milestone` (project_unit, fact from design_approved; opens the INV-45.4 check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReachMilestone {
    /// The milestone.
    pub node: MilestoneNode,
}

/// `estimate_control_check` (industry_authority, fact from design_approved; INV-45.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateControlCheck {
    /// The milestone checked.
    pub node: MilestoneNode,
    /// The check.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// Its result.
    pub result: PassFail,
}

/// `certify_completed_investment` (industry_authority, fact): W (AMB-15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertifyCompletedInvestment {
    /// The date the value is certified for (not after the event's date).
    #[serde(deserialize_with = "crate::date::strict")]
    pub as_of: NaiveDate,
    /// W.
    pub certified_completed: Yuan,
    /// The certification.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `draw_contingency` (project_unit, fact): Σ draws ≤ contingency (else InputError
/// `contingency_overdrawn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawContingency {
    /// The amount drawn.
    pub amount: Yuan,
    /// The change it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_id: Option<String>,
}

/// `adjust_contract_price` (project_unit, fact; RULES.md §3.5 D3): the contract price adjusted
/// under its price-adjustment clause (INV-36), δ = `price_after` − the price. It waits for
/// finance's `review_price_adjustment`; one that would lift N above A must run as a 41.5 change
/// (V INV-41.5 `through_change_procedure`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustContractPrice {
    /// The basis of the adjustment (调价依据: the clause's index, the cost information of the period).
    pub basis: DocRef,
    /// The contract.
    pub contract_id: Id,
    /// The adjusted contract price.
    pub price_after: Yuan,
}

/// `review_price_adjustment` (finance, fact; RULES.md §3.5 D3): finance reviews a pending price
/// adjustment; the contract's price (and ceiling) becomes `price_after` and δ counts in N until an
/// approved estimate adjustment absorbs it (§3.5 B16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewPriceAdjustment {
    /// The contract whose adjustment is reviewed; required only when several await review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<Id>,
    /// Finance's review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

wire_enum! {
    /// What a payment request pays for, where the stage gate depends on it (RULES.md §3.5 A3).
    pub enum PaymentPurpose {
        /// 土地征收 (土地管理法 第四十七条).
        LandAcquisition = "land_acquisition",
        /// 房屋征收与补偿 (国有土地上房屋征收与补偿条例 第十二条).
        DemolitionResettlement = "demolition_resettlement",
    }
}

/// `request_payment` (project_unit, fact): the unit's fund-use plan for one payment (INV-35.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestPayment {
    /// The advance a progress payment recovers (RULES.md §3.5 D1; default 0.00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_deducted: Option<Yuan>,
    /// The amount.
    pub amount: Yuan,
    /// The contract paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<Id>,
    /// Inside the budget's scope.
    #[serde(default)]
    pub in_budget_scope: bool,
    /// The item paid.
    pub item_id: Id,
    /// `progress` (default), `advance` or `retention` (RULES.md §3.5 D1, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PaymentKind>,
    /// The certified progress value the contract's payments may reach.
    pub progress_cap: Yuan,
    /// Land money (RULES.md §3.5 A3, class L): carried to approval and disbursement by
    /// `request_id`; overrides `in_budget_scope` for the stage gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PaymentPurpose>,
    /// Request id.
    pub request_id: Id,
    /// Share into the wage account (INV-35.4).
    #[serde(default)]
    pub wage_share: Yuan,
    /// Wages due.
    #[serde(default)]
    pub wages_due: Yuan,
}

wire_enum! {
    /// What a payment request pays (RULES.md §3.5 D1, D4).
    pub enum PaymentKind {
        /// Against the certified progress (the default).
        Progress = "progress",
        /// An advance (预付款) against the contract's agreed advance share instead of progress
        /// (财建〔2004〕369号 第十二条).
        Advance = "advance",
        /// Retention money (质量保证金) released after the defect liability period, also after
        /// closing, capped by the settlement (建质〔2017〕138号).
        Retention = "retention",
    }
}

/// One contract's amount in a settlement (RULES.md §3.5 D4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SettledContract {
    /// The settled amount of the contract: its payments, retention included, stay within it.
    pub amount: Yuan,
    /// The contract.
    pub contract_id: Id,
}

/// `approve_payment` (finance, fact): §4.5 without its in_plan row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovePayment {
    /// The approval.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The request.
    pub request_id: Id,
}

/// `disburse_payment` (finance, fact): §4.5 on that date, 12.2 D, 31.1/54.2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisbursePayment {
    /// The amount disbursed (≤ the request; less is short, 54.2).
    pub amount: Yuan,
    /// The request.
    pub request_id: Id,
    /// Into the wage account (INV-35.4).
    #[serde(default)]
    pub wage_account_amount: Yuan,
}

/// A citation of the finding an INV-55 act rests on: `F-INV-55.x#seq`, or a document (AMB-37).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum FindingRef {
    /// `F-INV-55.x#seq`.
    Code(String),
    /// A document.
    Doc(DocRef),
}

/// `suspend` (drc or industry_authority; proposal_review … under_construction → suspended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suspend {
    /// The 55.x finding.
    pub finding_ref: FindingRef,
}

/// `resume` (the suspending actor; suspended → stored state).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    /// The rectification.
    pub rectify_ref: DocRef,
}

/// `stop` (drc or industry_authority; every state before works_completed, suspended → stopped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// The 55.x finding.
    pub finding_ref: FindingRef,
}

/// `suspend_funding` (finance, fact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendFunding {
    /// The 55.x finding.
    pub finding_ref: FindingRef,
}

/// `resume_funding` (finance, fact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeFunding {
    /// The rectification.
    pub rectify_ref: DocRef,
}

/// `recover_funds` (finance; fact, also in stopped, withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecoverFunds {
    /// The amount recovered (≤ what was disbursed and not yet recovered).
    pub amount: Yuan,
}

wire_enum! {
    /// Which delay a reason explains (INV-55.6).
    pub enum DelayKind {
        /// Start of construction.
        Start = "start",
        /// Completion.
        Completion = "completion",
    }
}

/// `record_delay_reason` (project_unit, fact): 正当理由 for a delay (INV-55.6, AMB-21).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDelayReason {
    /// Which delay.
    pub delay: DelayKind,
    /// The reason (non-empty).
    pub reason: String,
    /// The supporting document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `pass_acceptance` (project_unit, works_completed → accepted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassAcceptance {
    /// The acceptance report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `fail_acceptance` (project_unit, works_completed → same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FailAcceptance {
    /// The issues found (non-empty).
    pub issues: Vec<String>,
}

/// `approve_settlement` (finance; accepted → settled, also in stopped, withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveSettlement {
    /// The audited settlement amount.
    pub amount: Yuan,
    /// The settled amount per contract (RULES.md §3.5 D4): retention money paid after closing
    /// stays within it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<SettledContract>,
    /// The settlement audit.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `complete_final_accounts` (project_unit; settled → final_accounts_done or closed; also in
/// stopped, withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteFinalAccounts {
    /// The fiscal share of the surplus, to be returned to the treasury (INV-37.3: 结余财政资金,
    /// after project loans are repaid); ≤ `surplus`. Default: `surplus` for non-operating and
    /// quasi-operating projects, 0.00 for operating ones (their surplus stays with the legal person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_surplus: Option<Yuan>,
    /// The final accounts.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// Surplus fiscal funds to return (0 when none).
    pub surplus: Yuan,
    /// Total of the final accounts.
    pub total: Yuan,
}

/// `return_surplus` (project_unit; final_accounts_done → same or closed; also in stopped, withdrawn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnSurplus {
    /// The amount returned (= the fiscal surplus of the final accounts, INV-37.3).
    pub amount: Yuan,
    /// The treasury receipt.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `register_assets` (project_unit; accepted, settled → same; final_accounts_done → same or closed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterAssets {
    /// The title registration (INV-37.4).
    pub title_ref: DocRef,
}

/// `post_evaluate` (drc; fact from accepted, also terminal): INV-38, 39.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostEvaluate {
    /// The intermediary.
    pub evaluator: String,
    /// Who pays the fee (INV-39: the commissioning unit).
    pub payer: Actor,
    /// The evaluation report.
    pub report_ref: DocRef,
}

wire_enum! {
    /// What a disclosure covers (INV-52.2).
    pub enum DisclosureSubject {
        /// 政府投资年度计划.
        Plan = "plan",
        /// 项目审批.
        Approval = "approval",
        /// 实施.
        Implementation = "implementation",
        /// 监督检查.
        Supervision = "supervision",
    }
}

/// `record_disclosure` (drc or another supervising body, fact; INV-52.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDisclosure {
    /// The publication.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// What was disclosed.
    pub subject: DisclosureSubject,
}

/// `record_manual_finding` (audit, drc, finance, industry_authority, discipline_inspection; fact,
/// also terminal): a finding only a person can make (RULES.md §5 manual rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordManualFinding {
    /// snake_case sub-reason, or empty.
    #[serde(default)]
    pub detail: String,
    /// The inspection record.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The rule (an INV rule).
    pub rule_id: RuleId,
}

wire_enum! {
    /// An INV-58 incident.
    pub enum IncidentKind {
        /// 工程质量.
        Quality = "quality",
        /// 安全生产.
        Safety = "safety",
        /// 社会稳定风险.
        Stability = "stability",
    }
}

/// `report_incident` (industry_authority; fact, also terminal; INV-58).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIncident {
    /// Incident id.
    pub incident_id: Id,
    /// Its kind.
    pub kind: IncidentKind,
    /// The report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `open_liability_case` (the competent authority; fact, also terminal; INV-58).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenLiabilityCase {
    /// The incident.
    pub incident_id: String,
    /// The case file.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

wire_enum! {
    /// The project unit's recourse decision (INV-56).
    pub enum RecourseDecision {
        /// Claim against the participant.
        Claim = "claim",
        /// No claim.
        NoClaim = "no_claim",
    }
}

/// `decide_recourse` (project_unit; fact, also terminal; INV-56, M).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideRecourse {
    /// The amount claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Yuan>,
    /// The decision.
    pub decision: RecourseDecision,
    /// The participating unit (代建, 咨询, 勘察, 设计, 评估, 招标代理, 造价咨询, 施工, 监理, 供应商).
    pub participant: Actor,
    /// The decision document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

event_enum! {
    /// Events of the `inv` lifecycle (RULES.md §3.1.6 (a)), in table order.
    pub enum InvEvent, kind InvEventKind, machine MachineId::Inv {
        /// ∅ → reserve.
        RegisterProject(RegisterProject) = "register_project",
        /// ∅ → the named non-terminal state (record mode).
        ImportLegacy(ImportLegacy) = "import_legacy",
        /// reserve … fsr_review, state kept.
        RecognizeEmergency(RecognizeEmergency) = "recognize_emergency",
        /// reserve → reserve.
        SelectRoute(SelectRoute) = "select_route",
        /// reserve → reserve.
        GrantSimplification(GrantSimplification) = "grant_simplification",
        /// reserve → proposal_review.
        SubmitProposal(SubmitProposal) = "submit_proposal",
        /// proposal_review → proposal_approved.
        ApproveProposal(ApproveProposal) = "approve_proposal",
        /// reserve, proposal_approved, fsr_rework → fsr_review.
        SubmitFsr(SubmitFsr) = "submit_fsr",
        /// fsr_review → fsr_approved.
        ApproveFsr(ApproveFsr) = "approve_fsr",
        /// A review → its source.
        RefuseApproval(RefuseApproval) = "refuse_approval",
        /// Every non-terminal → withdrawn.
        WithdrawProject(WithdrawProject) = "withdraw_project",
        /// Fact, fsr_approved … under_construction.
        ReportEstimateExcess(ReportEstimateExcess) = "report_estimate_excess",
        /// Fact; redo_fsr → fsr_rework.
        DecideEstimateExcess(DecideEstimateExcess) = "decide_estimate_excess",
        /// fsr_approved → design_review.
        SubmitDesign(SubmitDesign) = "submit_design",
        /// design_review → same or design_approved.
        ApproveDesign(ApproveDesign) = "approve_design",
        /// design_review → same or design_approved.
        VerifyEstimate(VerifyEstimate) = "verify_estimate",
        /// → cd_reviewed (or procurement, EPC).
        CompleteCdReview(CompleteCdReview) = "complete_cd_review",
        /// → budget_review (or procurement, EPC).
        SubmitBudget(SubmitBudget) = "submit_budget",
        /// budget_review → budget_approved (or procurement, EPC).
        ApproveBudget(ApproveBudget) = "approve_budget",
        /// Fact; the first construction/EPC lot → procurement.
        IssueTender(IssueTender) = "issue_tender",
        /// Fact.
        AwardContract(AwardContract) = "award_contract",
        /// Fact.
        RecordFunding(RecordFunding) = "record_funding",
        /// Fact.
        CompleteSurvey(CompleteSurvey) = "complete_survey",
        /// procurement (or earlier, judged) → under_construction.
        StartConstruction(StartConstruction) = "start_construction",
        /// Fact from design_approved.
        ReachMilestone(ReachMilestone) = "reach_milestone",
        /// Fact from design_approved.
        EstimateControlCheck(EstimateControlCheck) = "estimate_control_check",
        /// Fact.
        CertifyCompletedInvestment(CertifyCompletedInvestment) = "certify_completed_investment",
        /// Fact.
        DrawContingency(DrawContingency) = "draw_contingency",
        /// Fact (RULES.md §3.5 D3).
        AdjustContractPrice(AdjustContractPrice) = "adjust_contract_price",
        /// Fact (RULES.md §3.5 D3).
        ReviewPriceAdjustment(ReviewPriceAdjustment) = "review_price_adjustment",
        /// Fact.
        RequestPayment(RequestPayment) = "request_payment",
        /// Fact.
        ApprovePayment(ApprovePayment) = "approve_payment",
        /// Fact.
        DisbursePayment(DisbursePayment) = "disburse_payment",
        /// proposal_review … under_construction → suspended.
        Suspend(Suspend) = "suspend",
        /// suspended → stored state.
        Resume(Resume) = "resume",
        /// Before works_completed → stopped.
        Stop(Stop) = "stop",
        /// Fact.
        SuspendFunding(SuspendFunding) = "suspend_funding",
        /// Fact.
        ResumeFunding(ResumeFunding) = "resume_funding",
        /// Fact, also stopped, withdrawn.
        RecoverFunds(RecoverFunds) = "recover_funds",
        /// under_construction → works_completed.
        CompleteWorks(NoFacts) = "complete_works",
        /// Fact.
        RecordDelayReason(RecordDelayReason) = "record_delay_reason",
        /// works_completed → accepted.
        PassAcceptance(PassAcceptance) = "pass_acceptance",
        /// works_completed → same.
        FailAcceptance(FailAcceptance) = "fail_acceptance",
        /// accepted → settled.
        ApproveSettlement(ApproveSettlement) = "approve_settlement",
        /// settled → final_accounts_done or closed.
        CompleteFinalAccounts(CompleteFinalAccounts) = "complete_final_accounts",
        /// final_accounts_done → same or closed.
        ReturnSurplus(ReturnSurplus) = "return_surplus",
        /// accepted … final_accounts_done → same or closed.
        RegisterAssets(RegisterAssets) = "register_assets",
        /// Fact from accepted, also terminal.
        PostEvaluate(PostEvaluate) = "post_evaluate",
        /// Fact.
        RecordDisclosure(RecordDisclosure) = "record_disclosure",
        /// A 原则上 exception (RULES.md §1.8).
        RecordException(RuleException) = "record_exception",
        /// Fact, also terminal.
        RecordManualFinding(RecordManualFinding) = "record_manual_finding",
        /// Fact, also terminal.
        ReportIncident(ReportIncident) = "report_incident",
        /// Fact, also terminal.
        OpenLiabilityCase(OpenLiabilityCase) = "open_liability_case",
        /// Fact, also terminal.
        DecideRecourse(DecideRecourse) = "decide_recourse",
    }
}
