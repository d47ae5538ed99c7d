//! The DIG event vocabulary (RULES.md §3.2.4): one payload struct per event of the
//! `dig_cycle/<P>` stream (a) and the `dig/<project_id>` machine (b).
//!
//! Field names are RULES.md's; fields are declared in code-point order of their
//! wire names (canonical JSON, RULES.md §1.7); unknown fields are refused;
//! booleans default to `false`; every `ref` / `*_ref` is a [`DocRef`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Actor, DocRef};
use crate::event::{NoFacts, event_enum};
use crate::exception::RuleException;
use crate::investment::route::Level;
use crate::log::MachineId;
use crate::money::Yuan;
use crate::rule::RuleId;
use crate::wire::wire_enum;

wire_enum! {
    /// How a digital project is funded (`register_dig_project.funding`, RULES.md §3.2.4 (b), §4.10).
    pub enum Funding {
        /// 数字政府和新型智慧城市专项资金 (DIG-17.1, DIG-24.1).
        SpecialFund = "special_fund",
        /// 使用或部分使用上级财政资金 (DIG-17.1).
        HigherLevel = "higher_level",
        /// Higher-level funds with special requirements on implementation (DIG-17.2).
        HigherLevelSpecial = "higher_level_special",
        /// 市属国有专业公司自筹资金 (DIG-14.5).
        SoeSelf = "soe_self",
        /// 专项债 (DIG-24, 26.2; fiscal money, AMB-51).
        SpecialBond = "special_bond",
        /// Market money raised by the soe (loans, securitisation): 自筹 (AMB-51).
        Market = "market",
    }
}

impl Funding {
    /// Self-funded by the soe (DIG-14.5): `soe_self`, and `market` money [interp, AMB-51].
    pub const fn is_self_funded(self) -> bool {
        matches!(self, Funding::SoeSelf | Funding::Market)
    }

    /// Money the soe raises and executes through its annual investment plan (DIG-24.2):
    /// its own money, market money and special bonds (AMB-51).
    pub const fn is_soe_raised(self) -> bool {
        matches!(self, Funding::SoeSelf | Funding::Market | Funding::SpecialBond)
    }
}

wire_enum! {
    /// A source of money recorded by `record_dig_funding` (DIG-26.2, AMB-28).
    pub enum FundSource {
        /// 专项资金.
        SpecialFund = "special_fund",
        /// 上级财政资金.
        HigherLevel = "higher_level",
        /// 专项债.
        SpecialBond = "special_bond",
        /// Other fiscal money (财政资金).
        OtherFiscal = "other_fiscal",
        /// The soe's own money.
        SoeSelf = "soe_self",
        /// Market money (loans, securitisation).
        Market = "market",
    }
}

impl FundSource {
    /// Fiscal money (财政资金): counts toward DIG-26.2 (AMB-28); the soe's own and market money never do.
    pub const fn is_fiscal(self) -> bool {
        matches!(
            self,
            FundSource::SpecialFund | FundSource::HigherLevel | FundSource::SpecialBond | FundSource::OtherFiscal
        )
    }

    /// Money the soe raises (DIG-24.2): its own, market money and special bonds.
    pub const fn is_soe_raised(self) -> bool {
        matches!(self, FundSource::SoeSelf | FundSource::Market | FundSource::SpecialBond)
    }
}

wire_enum! {
    /// The construction mode the bureau decides per the project's nature (DIG-5, 17.2, 18).
    pub enum ConstructionMode {
        /// 市属国有专业公司 builds (DIG-2.2).
        Soe = "soe",
        /// The user of higher-level funds builds (DIG-17.2).
        FundUser = "fund_user",
        /// Decided case by case (一事一议, DIG-18).
        CaseByCase = "case_by_case",
    }
}

/// Who actually builds (`start_construction.builder`, DIG-2.2, 3.2, 17.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Builder {
    /// 市属国有专业公司.
    Soe,
    /// The user of higher-level funds (DIG-17.2).
    FundUser,
    /// A municipal department building itself (DIG-3.2).
    Department,
    /// Anybody else.
    Other,
}

// ---------------------------------------------------------------------------------------------
// (a) Cycle `dig_cycle/<P>`
// ---------------------------------------------------------------------------------------------

/// `collect_demands` (bigdata_bureau): ∅ → demands_collected; a further round keeps the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectDemands {
    /// The demand plans (project ids) collected in this round.
    #[serde(default)]
    pub demand_ids: Vec<String>,
    /// The collection notice.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The plan year P (the stream's instance).
    pub year: i32,
}

/// `issue_plan_opinion` (bigdata_center): demands_collected → opinion_issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuePlanOpinion {
    /// 年度建设计划编制意见.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// One drafted task of `draft_tasks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The construction mode decided per the project's nature (DIG-5).
    pub construction_mode: ConstructionMode,
    /// How the task is funded.
    pub funding: Funding,
    /// The project.
    pub project_id: String,
}

/// `draft_tasks` (bigdata_bureau): opinion_issued → tasks_drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftTasks {
    /// The draft.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The next year's tasks.
    pub tasks: Vec<Task>,
}

/// The executive meeting's decision on the drafted tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TasksOutcome {
    /// 研究通过.
    Approved,
    /// Returned to the bureau.
    Returned,
}

/// `approve_tasks` (executive_meeting): tasks_drafted → tasks_approved, or opinion_issued when returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveTasks {
    /// The approved project ids (empty when returned).
    #[serde(default)]
    pub approved_ids: Vec<String>,
    /// The meeting minutes.
    pub minutes_ref: DocRef,
    /// approved or returned.
    pub outcome: TasksOutcome,
}

/// How the soe raises construction money (DIG-24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SoePlanMeans {
    /// 财政注入企业资本金.
    CapitalInjection,
    /// 申请专项债.
    SpecialBond,
    /// 资产证券化.
    Securitisation,
    /// Other means.
    Other,
}

/// `approve_soe_investment_plan` (municipal_government): fact (DIG-24.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveSoeInvestmentPlan {
    /// How the money is raised.
    #[serde(default)]
    pub means: Vec<SoePlanMeans>,
    /// The approved 年度投资计划方案.
    pub plan_ref: DocRef,
    /// The plan year (the stream's P).
    pub year: i32,
}

/// `review_county_plan` (bigdata_bureau): fact (DIG-3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewCountyPlan {
    /// The county (市、区).
    pub county: String,
    /// The county DIG projects the reviewed plan carries (RULES.md §3.5 A8): each is tasked on
    /// this review (`issue_task_book` needs no municipal `tasks_approved` for it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub project_ids: Vec<String>,
    /// The review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The plan year (the stream's P).
    pub year: i32,
}

/// `review_annual_accounts` (bigdata_bureau + finance + audit, or third_party_evaluator): fact (DIG-27.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewAnnualAccounts {
    /// The review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The accounting year reviewed.
    pub year: i32,
}

/// The three results of the annual soe assessment (DIG-30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentResults {
    /// 运维保障.
    pub om: String,
    /// 项目建设质量.
    pub quality: String,
    /// 年度任务完成度.
    pub task_completion: String,
}

/// `annual_assessment` (bigdata_bureau): fact (DIG-30).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualAssessment {
    /// The assessment report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The results.
    pub results: AssessmentResults,
    /// The year assessed.
    pub year: i32,
}

event_enum! {
    /// Events of the `dig_cycle` machine (RULES.md §3.2.4 (a)).
    pub enum DigCycleEvent, kind DigCycleEventKind, machine MachineId::DigCycle {
        /// ∅ → demands_collected; a further round keeps the state (DIG-13.1, 13.7 D).
        CollectDemands(CollectDemands) = "collect_demands",
        /// demands_collected → opinion_issued (DIG-13.2).
        IssuePlanOpinion(IssuePlanOpinion) = "issue_plan_opinion",
        /// opinion_issued → tasks_drafted (DIG-13.3, 5).
        DraftTasks(DraftTasks) = "draft_tasks",
        /// tasks_drafted → tasks_approved or opinion_issued (DIG-13.3).
        ApproveTasks(ApproveTasks) = "approve_tasks",
        /// Fact (DIG-24.2).
        ApproveSoeInvestmentPlan(ApproveSoeInvestmentPlan) = "approve_soe_investment_plan",
        /// Fact (DIG-3.3).
        ReviewCountyPlan(ReviewCountyPlan) = "review_county_plan",
        /// Fact (DIG-27.2).
        ReviewAnnualAccounts(ReviewAnnualAccounts) = "review_annual_accounts",
        /// Fact (DIG-30).
        AnnualAssessment(AnnualAssessment) = "annual_assessment",
        /// A 原则上 exception (RULES.md §1.8): DIG-13.7.
        RecordException(RuleException) = "record_exception",
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Project `dig/<project_id>`
// ---------------------------------------------------------------------------------------------

/// `register_dig_project` (demand_unit; bigdata_center for basic supporting projects): ∅ → registered or dig_legacy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterDigProject {
    /// 基础支撑性信息化项目: the big data center writes the demand plan (DIG-13.6).
    #[serde(default)]
    pub basic_supporting: bool,
    /// 涉密: out of scope (DIG-3.1).
    #[serde(default)]
    pub classified: bool,
    /// When construction started, for projects already under way (DIG-31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub construction_start: Option<NaiveDate>,
    /// The county (市、区) of a county project (DIG-3.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// The demand unit (需求单位); `actor_org` of its acts must equal it.
    pub demand_unit_org: String,
    /// How the project is funded.
    pub funding: Funding,
    /// When construction money was in place, for projects already under way (DIG-31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub funds_in_place: Option<NaiveDate>,
    /// municipal or county.
    #[serde(default)]
    pub level: Level,
    /// Project name.
    pub name: String,
    /// 项目统一代码, when the project has one (AMB-40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// Project id (the stream instance).
    pub project_id: String,
}

/// One element of a demand plan (DIG-13.4); a blank element is a violation, not an input error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemandContent {
    /// 功（性）能要求.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub function_performance: String,
    /// 功能逻辑.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub functional_logic: String,
    /// 解决的问题.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problem: String,
    /// 使用范围.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope_of_use: String,
}

/// `submit_demand_plan` (demand_unit; bigdata_center if basic_supporting): registered, not_tasked → demand_submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitDemandPlan {
    /// The plan's contents (DIG-13.4).
    #[serde(default)]
    pub contents: Vec<DemandContent>,
    /// The cycle year P the plan is submitted to.
    pub cycle: i32,
    /// The demand plan.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// 技术路线要求, when needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technical_route: Option<String>,
}

/// `modify_demand_plan` (demand_unit): fact in demand_submitted … fsr_drafted (DIG-13.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModifyDemandPlan {
    /// The bureau's consent (同意).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_ref: Option<DocRef>,
    /// The big data center's demonstration (论证通过).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demonstration_ref: Option<DocRef>,
    /// The modified plan.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `issue_task_book` (bigdata_bureau): demand_submitted → tasked, or not_tasked (DIG-13.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueTaskBook {
    /// The construction mode (DIG-5).
    pub construction_mode: ConstructionMode,
    /// 年度建设任务书.
    pub task_book_ref: DocRef,
}

/// `emergency_add` (bigdata_bureau): registered, demand_submitted, not_tasked → tasked (DIG-13.7 R part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyAdd {
    /// Consent of the city leader in charge of big data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_leader_bigdata: Option<DocRef>,
    /// Consent of the executive vice-mayor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_vice_mayor: Option<DocRef>,
    /// 涉及突发事件需要紧急建设.
    #[serde(default)]
    pub sudden_event: bool,
    /// 国家、省、市紧急部署.
    #[serde(default)]
    pub urgent_deployment: bool,
}

/// `decide_emergency_mode` (bigdata_bureau): fact, tasked … fsr_approved (DIG-18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideEmergencyMode {
    /// Consent of the city leader in charge of big data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_leader_bigdata: Option<DocRef>,
    /// Consent of the executive vice-mayor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_vice_mayor: Option<DocRef>,
    /// The construction mode decided case by case.
    pub construction_mode: ConstructionMode,
    /// 有明确的时间节点和考核要求.
    #[serde(default)]
    pub deadline_and_assessment: bool,
}

/// `form_proposed_list` (soe + bigdata_center): tasked → listed (DIG-14.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormProposedList {
    /// 拟建清单.
    pub list_ref: DocRef,
}

/// `confirm_demand` (demand_unit): listed → demand_confirmed (DIG-14.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmDemand {
    /// 书面确认.
    pub written_ref: DocRef,
}

/// `compile_fsr` (soe + demand_unit): demand_confirmed → fsr_drafted (DIG-14.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompileFsr {
    /// The FSR (at preliminary-design depth, DIG-6).
    pub fsr_ref: DocRef,
    /// Its funding (must be the registered funding).
    pub funding: Funding,
    /// Its total investment.
    pub total: Yuan,
}

/// The big data center's decision on an FSR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CenterDecision {
    /// 审核同意.
    Consent,
    /// Refused: back to demand_confirmed.
    Refuse,
}

/// `center_review_fsr` (bigdata_center): fsr_drafted → fsr_center_cleared, or demand_confirmed (DIG-14.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CenterReviewFsr {
    /// consent or refuse.
    pub decision: CenterDecision,
    /// Why (required when refusing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// The review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `approve_fsr` (bigdata_bureau): fsr_center_cleared → fsr_approved (DIG-14.4; AMB-25: A := A0 := total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveDigFsr {
    /// 评审批复.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The approved total.
    pub total: Yuan,
}

/// `refuse_fsr` (bigdata_bureau): fsr_center_cleared → demand_confirmed (DIG-14.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefuseFsr {
    /// Why; non-empty.
    pub reasons: String,
    /// The refusal.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// What the soe sends to the drc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DrcFilingKind {
    /// 项目备案 as an enterprise investment (DIG-14.5).
    Filing,
    /// 立项审批 request: not for DIG projects (violation).
    ApprovalRequest,
}

/// `file_with_drc` (soe): fact from fsr_approved (DIG-14.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileWithDrc {
    /// filing or approval_request.
    pub kind: DrcFilingKind,
    /// The filing.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `record_dig_funding` (soe or finance): fact (DIG-26.1, 26.2, 24.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDigFunding {
    /// The dedicated account the money went into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_ref: Option<DocRef>,
    /// The amount.
    pub amount: Yuan,
    /// Where the money comes from.
    pub source: FundSource,
}

/// `open_dedicated_account` (soe): fact (DIG-26.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenDedicatedAccount {
    /// 专户.
    pub account_ref: DocRef,
    /// 配套监管办法.
    pub rules_ref: DocRef,
    /// The sources the account receives.
    pub sources: Vec<FundSource>,
}

/// `entrust_center_supervision` (soe): fact, fsr_approved … construction_completed (DIG-15.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntrustCenterSupervision {
    /// The entrustment (委托).
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `start_construction` (soe; the fund user under DIG-17.2): fsr_approved → under_construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StartDigConstruction {
    /// The higher-level requirement letting the fund user build (DIG-17.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_17_2: Option<DocRef>,
    /// Who builds.
    pub builder: Builder,
    /// The day construction started (not after the command's date).
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
}

/// The cyberspace office's review result (DIG-11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecurityReviewResult {
    /// Passed.
    Pass,
    /// Failed.
    Fail,
    /// No review needed for this project (AMB-29).
    NotApplicable,
}

/// `record_security_review` (cac): fact from fsr_approved (DIG-11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSecurityReview {
    /// The review.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// pass, fail or not_applicable.
    pub result: SecurityReviewResult,
}

/// `complete_construction` (soe): under_construction → construction_completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteConstruction {
    /// The completion report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// A check's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// 合格.
    Pass,
    /// 不合格.
    Fail,
}

/// The initial-acceptance checks of DIG-16.1 (at least these four; 等 → `other`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitialChecks {
    /// 建设内容一致性.
    pub content_consistency: CheckResult,
    /// 数据资源规范性.
    pub data_resource_conformity: CheckResult,
    /// 集约建设符合度.
    pub intensive_construction: CheckResult,
    /// Further checks (等), by name.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub other: std::collections::BTreeMap<String, CheckResult>,
    /// 安全措施合规性.
    pub security_compliance: CheckResult,
}

/// `pass_initial_acceptance` (bigdata_center): construction_completed → initially_accepted (DIG-16.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassInitialAcceptance {
    /// The checks.
    pub checks: InitialChecks,
}

/// `fail_initial_acceptance` (bigdata_center): construction_completed → under_construction (DIG-16.1, AMB-32).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FailInitialAcceptance {
    /// The checks (at least one failed).
    pub checks: InitialChecks,
}

/// `report_issue` (demand_unit): in_trial_run, rectification → rectification (DIG-16.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIssue {
    /// What is wrong.
    pub description: String,
    /// A new issue id.
    pub issue_id: String,
}

/// `rectify_issue` (soe): rectification → rectification, or in_trial_run when none is open (DIG-16.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RectifyIssue {
    /// An open issue.
    pub issue_id: String,
    /// The rectification.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `pass_final_acceptance` (soe + bigdata_bureau + demand_unit): in_trial_run → final_accepted (DIG-16.3, 16.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassFinalAcceptance {
    /// 竣工验收.
    #[serde(rename = "ref")]
    pub reference: DocRef,
}

/// `fail_final_acceptance` (soe + bigdata_bureau + demand_unit): in_trial_run → rectification (DIG-16.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FailFinalAcceptance {
    /// New issue ids to rectify (non-empty).
    pub issues: Vec<String>,
}

/// `sign_off` (demand_unit): final_accepted → signed_off (DIG-16.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// 需求部门签字确认.
    pub signature_ref: DocRef,
}

/// Who runs O&M after delivery (DIG-19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OmOwner {
    /// 市政务大数据中心: unified O&M (DIG-19.1).
    BigdataCenter,
    /// The soe, for operating-nature projects (DIG-19.3).
    Soe,
}

/// A hardware item handed over with the system (DIG-20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HardwareItem {
    /// The item.
    pub item: String,
    /// On the equipment list transferred when the center was formed.
    #[serde(default)]
    pub on_transfer_list: bool,
}

/// `deliver` (soe): signed_off → in_operation (DIG-16.5, 16.6, 19, 20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deliver {
    /// The asset owner (must be the soe, DIG-16.6).
    pub asset_owner: Actor,
    /// Hardware under O&M.
    #[serde(default)]
    pub hardware: Vec<HardwareItem>,
    /// Who runs O&M.
    pub om_owner: OmOwner,
    /// 具有运营性质 (DIG-19.3).
    #[serde(default)]
    pub operating_nature: bool,
}

wire_enum! {
    /// The two periodic security assessments (DIG-21).
    pub enum AssessmentType {
        /// 网络安全等级保护测评.
        Mlps = "mlps",
        /// 密码应用安全性评估.
        Crypto = "crypto",
    }
}

/// `record_security_assessment` (soe): fact from under_construction, also in_operation (DIG-21).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSecurityAssessment {
    /// The assessment report.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// Its result.
    pub result: CheckResult,
    /// mlps or crypto.
    #[serde(rename = "type")]
    pub kind: AssessmentType,
}

/// Where the final accounts were filed (DIG-27.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiledWith {
    /// 市政务服务和大数据管理部门.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bigdata_bureau: Option<DocRef>,
    /// 市发改部门.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drc: Option<DocRef>,
    /// 市财政部门.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finance: Option<DocRef>,
}

/// `file_final_accounts` (soe): fact from final_accepted, also in_operation (DIG-27.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileFinalAccounts {
    /// The three filings.
    pub filed_with: FiledWith,
}

/// What an evaluation looks at (DIG-29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationSubject {
    /// The soe's construction.
    SoeConstruction,
    /// The center's O&M.
    CenterOm,
    /// The user's use.
    UserEffect,
}

/// An evaluation's result (DIG-29; `deviates_from_fsr` is the §5 source of F-DIG-15.1 and F-DIG-25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationResult {
    /// No problem found.
    Satisfactory,
    /// Problems found; rectification ordered (DIG-29).
    RectificationRequired,
    /// Construction deviates from the task book or the approved FSR (DIG-15.1, 25).
    DeviatesFromFsr,
}

/// `evaluate` (bigdata_bureau): fact from under_construction, also in_operation (DIG-29).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluate {
    /// Rectification documents.
    #[serde(default)]
    pub rectification_refs: Vec<DocRef>,
    /// The result.
    pub result: EvaluationResult,
    /// What was evaluated.
    pub subject: EvaluationSubject,
}

/// `record_manual_finding` (audit, bigdata_bureau, finance, drc, discipline_inspection): fact, also terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordManualFinding {
    /// snake_case sub-reason.
    #[serde(default)]
    pub detail: String,
    /// The inspection document.
    #[serde(rename = "ref")]
    pub reference: DocRef,
    /// The rule found breached.
    pub rule_id: RuleId,
}

/// `withdraw_project` (demand_unit or soe): every non-terminal state before in_operation → withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawDigProject {
    /// Why; non-empty.
    pub reason: String,
}

/// A reference to the finding an INV-55 act rests on: `F-INV-55.x#seq`, or a document (AMB-37).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum FindingRef {
    /// A finding citation `F-INV-55.<n>#<seq>`.
    Code(String),
    /// An inspection document.
    Doc(DocRef),
}

/// `suspend` (bigdata_bureau or drc): under_construction → suspended (INV-55, budget-funded only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendDig {
    /// The 55.x finding.
    pub finding_ref: FindingRef,
}

/// `resume` (the suspending actor): suspended → under_construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeDig {
    /// The rectification.
    pub rectify_ref: DocRef,
}

/// `stop` (bigdata_bureau or drc): registered … construction_completed, suspended → stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StopDig {
    /// The 55.x finding.
    pub finding_ref: FindingRef,
}

event_enum! {
    /// Events of the `dig` project machine (RULES.md §3.2.4 (b)).
    pub enum DigEvent, kind DigEventKind, machine MachineId::Dig {
        /// ∅ → registered, or dig_legacy (DIG-3.1, 31, 32).
        RegisterDigProject(RegisterDigProject) = "register_dig_project",
        /// registered, not_tasked → demand_submitted (DIG-13.4, 13.6, 6).
        SubmitDemandPlan(SubmitDemandPlan) = "submit_demand_plan",
        /// Fact, demand_submitted … fsr_drafted (DIG-13.5).
        ModifyDemandPlan(ModifyDemandPlan) = "modify_demand_plan",
        /// demand_submitted → tasked or not_tasked (DIG-13.3, 5).
        IssueTaskBook(IssueTaskBook) = "issue_task_book",
        /// registered, demand_submitted, not_tasked → tasked (DIG-13.7).
        EmergencyAdd(EmergencyAdd) = "emergency_add",
        /// Fact, tasked … fsr_approved (DIG-18, 5).
        DecideEmergencyMode(DecideEmergencyMode) = "decide_emergency_mode",
        /// tasked → listed (DIG-14.1).
        FormProposedList(FormProposedList) = "form_proposed_list",
        /// listed → demand_confirmed (DIG-14.2).
        ConfirmDemand(ConfirmDemand) = "confirm_demand",
        /// demand_confirmed → fsr_drafted (DIG-14.3, 6, 25).
        CompileFsr(CompileFsr) = "compile_fsr",
        /// fsr_drafted → fsr_center_cleared, or demand_confirmed (DIG-14.4).
        CenterReviewFsr(CenterReviewFsr) = "center_review_fsr",
        /// fsr_center_cleared → fsr_approved (DIG-14.4, 5).
        ApproveFsr(ApproveDigFsr) = "approve_fsr",
        /// fsr_center_cleared → demand_confirmed (DIG-14.4).
        RefuseFsr(RefuseFsr) = "refuse_fsr",
        /// Fact from fsr_approved (DIG-14.5).
        FileWithDrc(FileWithDrc) = "file_with_drc",
        /// Fact (DIG-26.2, 24.2, 26.1).
        RecordDigFunding(RecordDigFunding) = "record_dig_funding",
        /// Fact (DIG-26.2).
        OpenDedicatedAccount(OpenDedicatedAccount) = "open_dedicated_account",
        /// Fact, fsr_approved … construction_completed (DIG-15.2).
        EntrustCenterSupervision(EntrustCenterSupervision) = "entrust_center_supervision",
        /// fsr_approved → under_construction (DIG-15.1, 25, 18, 14.5, 24.2, 2.2 D, 3.2 D).
        StartConstruction(StartDigConstruction) = "start_construction",
        /// Fact from fsr_approved (DIG-11).
        RecordSecurityReview(RecordSecurityReview) = "record_security_review",
        /// under_construction → construction_completed (DIG-15.2, 11).
        CompleteConstruction(CompleteConstruction) = "complete_construction",
        /// construction_completed → initially_accepted (DIG-16.1).
        PassInitialAcceptance(PassInitialAcceptance) = "pass_initial_acceptance",
        /// construction_completed → under_construction (DIG-16.1, AMB-32).
        FailInitialAcceptance(FailInitialAcceptance) = "fail_initial_acceptance",
        /// initially_accepted → in_trial_run (DIG-16.2).
        StartTrialRun(NoFacts) = "start_trial_run",
        /// in_trial_run, rectification → rectification (DIG-16.3).
        ReportIssue(ReportIssue) = "report_issue",
        /// rectification → rectification or in_trial_run (DIG-16.3).
        RectifyIssue(RectifyIssue) = "rectify_issue",
        /// in_trial_run → final_accepted (DIG-16.3, 16.4, 6).
        PassFinalAcceptance(PassFinalAcceptance) = "pass_final_acceptance",
        /// in_trial_run → rectification (DIG-16.3, 16.4).
        FailFinalAcceptance(FailFinalAcceptance) = "fail_final_acceptance",
        /// final_accepted → signed_off (DIG-16.5).
        SignOff(SignOff) = "sign_off",
        /// signed_off → in_operation (DIG-16.5, 16.6, 19.1, 19.3, 20 D).
        Deliver(Deliver) = "deliver",
        /// Fact from under_construction, also in_operation (DIG-21).
        RecordSecurityAssessment(RecordSecurityAssessment) = "record_security_assessment",
        /// Fact from final_accepted, also in_operation (DIG-27.1).
        FileFinalAccounts(FileFinalAccounts) = "file_final_accounts",
        /// Fact from under_construction, also in_operation (DIG-29).
        Evaluate(Evaluate) = "evaluate",
        /// A 原则上 exception (RULES.md §1.8): DIG-2.2, 3.2, 20.
        RecordException(RuleException) = "record_exception",
        /// A manual finding (RULES.md §5).
        RecordManualFinding(RecordManualFinding) = "record_manual_finding",
        /// Every non-terminal state before in_operation → withdrawn.
        WithdrawProject(WithdrawDigProject) = "withdraw_project",
        /// under_construction → suspended (INV-55, budget-funded only).
        Suspend(SuspendDig) = "suspend",
        /// suspended → under_construction (INV-55, budget-funded only).
        Resume(ResumeDig) = "resume",
        /// registered … construction_completed, suspended → stopped (INV-55, budget-funded only).
        Stop(StopDig) = "stop",
    }
}

#[cfg(test)]
mod tests {
    use crate::event::Event;
    use crate::log::Command;

    fn canonical(e: &Event) {
        let name = e.qualified_name();
        let text = serde_json::to_string(&e.facts()).unwrap();
        // serde_json's Value map sorts keys; the streamed text keeps the declared order. Compare
        // the order of keys as they appear in the text, object by object.
        let mut de = serde_json::Deserializer::from_str(&text);
        let ordered: OrderCheck = serde::Deserialize::deserialize(&mut de).unwrap();
        assert!(ordered.0, "{name}: fields not in code-point order: {text}");
    }

    /// Deserialises any JSON and records whether every object's keys come in code-point order,
    /// DocRef objects (those with `kind` and `ref`) excepted.
    struct OrderCheck(bool);

    impl<'de> serde::Deserialize<'de> for OrderCheck {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = OrderCheck;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("json")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<OrderCheck, A::Error> {
                    let mut keys: Vec<String> = Vec::new();
                    let mut ok = true;
                    while let Some(k) = m.next_key::<String>()? {
                        ok &= m.next_value::<OrderCheck>()?.0;
                        keys.push(k);
                    }
                    let docref = keys.iter().any(|k| k == "kind") && keys.iter().any(|k| k == "ref");
                    ok &= docref || keys.windows(2).all(|w| w[0] < w[1]);
                    Ok(OrderCheck(ok))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<OrderCheck, A::Error> {
                    let mut ok = true;
                    while let Some(x) = s.next_element::<OrderCheck>()? {
                        ok &= x.0;
                    }
                    Ok(OrderCheck(ok))
                }
                fn visit_str<E>(self, _: &str) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
                fn visit_bool<E>(self, _: bool) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
                fn visit_i64<E>(self, _: i64) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
                fn visit_u64<E>(self, _: u64) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
                fn visit_f64<E>(self, _: f64) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
                fn visit_unit<E>(self) -> Result<OrderCheck, E> {
                    Ok(OrderCheck(true))
                }
            }
            d.deserialize_any(V)
        }
    }

    /// Event payloads serialise their fields in code-point order (canonical JSON, RULES.md §1.7): every DIG command
    /// of the shared scenarios and of the test happy path.
    #[test]
    fn payload_fields_are_canonical() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scenarios");
        let mut seen = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.starts_with("dig_") {
                continue;
            }
            let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
            for step in doc["steps"].as_array().unwrap() {
                let cmd = Command::from_value(step["command"].clone()).unwrap();
                canonical(&cmd.event);
                seen.insert(cmd.event.qualified_name());
                // The command round-trips through its JSON.
                assert_eq!(Command::from_json(&cmd.to_json()).unwrap(), cmd);
            }
        }
        for f in [crate::digital::events::Funding::SoeSelf, crate::digital::events::Funding::SpecialFund] {
            for c in crate::digital::testkit::happy_steps(f) {
                canonical(&c.event);
                seen.insert(c.event.qualified_name());
            }
        }
        assert!(seen.len() >= 30, "{seen:?}");
        // The checker itself refuses unsorted keys (DocRefs keep their documented order).
        let check = |t: &str| serde_json::from_str::<OrderCheck>(t).unwrap().0;
        assert!(!check(r#"{"b":1,"a":{"c":[{"z":1,"y":2}]}}"#));
        assert!(!check(r#"{"a":{"c":[{"z":1,"y":2}]}}"#));
        assert!(check(r#"{"a":{"kind":"x","ref":"y","issuer":"soe"},"b":[1,2]}"#));
    }
}
