//! Actors and documents (RULES.md §2).
//!
//! Actor ids, document kinds and enum values are the snake_case identifiers
//! of RULES.md §2; they never double as state or event names (§8).

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

wire_enum! {
    /// Who acts (RULES.md §2 "Actors"). `system` (the library) never acts.
    pub enum Actor {
        /// 市发展改革部门: Municipal Development and Reform Commission.
        Drc = "drc",
        /// 市财政部门: Municipal Finance Bureau.
        Finance = "finance",
        /// 行业主管部门: competent industry department (also the change approver, INV-44).
        IndustryAuthority = "industry_authority",
        /// 项目单位 (项目法人): project unit.
        ProjectUnit = "project_unit",
        /// 市人民政府: municipal government.
        MunicipalGovernment = "municipal_government",
        /// 市政府常务会议: executive meeting of the municipal government.
        ExecutiveMeeting = "executive_meeting",
        /// 市审计部门: audit bureau.
        Audit = "audit",
        /// 审计委员会: audit committee.
        AuditCommittee = "audit_committee",
        /// 纪检监察机关: discipline inspection.
        DisciplineInspection = "discipline_inspection",
        /// 自然资源和规划部门.
        NaturalResourcesPlanning = "natural_resources_planning",
        /// 生态环境部门.
        EcologyEnvironment = "ecology_environment",
        /// 人防部门.
        CivilAirDefence = "civil_air_defence",
        /// 县级人民政府 (管委会).
        CountyGovernment = "county_government",
        /// 代建单位: agent-construction manager.
        AgentBuilder = "agent_builder",
        /// 中介服务机构.
        Intermediary = "intermediary",
        /// 工程咨询机构.
        Consultancy = "consultancy",
        /// 第三方评估机构.
        ThirdPartyEvaluator = "third_party_evaluator",
        /// 勘察单位.
        SurveyUnit = "survey_unit",
        /// 设计单位.
        DesignUnit = "design_unit",
        /// 监理单位.
        SupervisionUnit = "supervision_unit",
        /// 施工单位.
        Contractor = "contractor",
        /// 造价咨询单位.
        CostConsultant = "cost_consultant",
        /// 招标代理机构.
        TenderAgent = "tender_agent",
        /// 设备材料供应商.
        Supplier = "supplier",
        /// 市政务服务和大数据管理部门: government services and big data administration.
        BigdataBureau = "bigdata_bureau",
        /// 市政务大数据中心: government big data center.
        BigdataCenter = "bigdata_center",
        /// 市属国有专业公司: municipal state-owned specialist company.
        Soe = "soe",
        /// 需求单位 (使用单位): demand (user) unit.
        DemandUnit = "demand_unit",
        /// 市委网信部门: cyberspace affairs office.
        Cac = "cac",
        /// 市金融工作主管部门: financial affairs department.
        FinancialAffairs = "financial_affairs",
        /// 分管政务服务和大数据管理工作的市领导.
        LeaderBigdata = "leader_bigdata",
        /// 分管常务工作的副市长: executive vice-mayor.
        ExecutiveViceMayor = "executive_vice_mayor",
    }
}

wire_enum! {
    /// Document kinds of `DocRef.kind` (RULES.md §2 "Documents, figures, terms").
    pub enum DocKind {
        /// 项目建议书.
        Proposal = "proposal",
        /// 投资匡算.
        RoughEstimate = "rough_estimate",
        /// 可行性研究报告.
        Fsr = "fsr",
        /// 投资估算.
        FsrEstimate = "fsr_estimate",
        /// 初步设计.
        PreliminaryDesign = "preliminary_design",
        /// 投资概算.
        Estimate = "estimate",
        /// 基本预备费.
        Contingency = "contingency",
        /// 施工图设计.
        CdDesign = "cd_design",
        /// 施工图审查.
        CdReview = "cd_review",
        /// 施工图预算.
        CdBudget = "cd_budget",
        /// 工程预算.
        WorksBudget = "works_budget",
        /// 预算评审报告.
        BudgetReviewReport = "budget_review_report",
        /// 招标文件.
        TenderDocs = "tender_docs",
        /// 结算.
        Settlement = "settlement",
        /// 竣工财务决算.
        FinalAccounts = "final_accounts",
        /// 调整概算书.
        AdjustedEstimateReport = "adjusted_estimate_report",
        /// 工程变更.
        Change = "change",
        /// 变更指令.
        ChangeOrder = "change_order",
        /// 暂列金额.
        ProvisionalSum = "provisional_sum",
        /// 暂估价.
        ProvisionalPrice = "provisional_price",
        /// 用地预审与选址意见书.
        LandSiteOpinion = "land_site_opinion",
        /// 节能审查意见.
        EnergyReviewOpinion = "energy_review_opinion",
        /// 项目申请报告.
        PlanApplicationReport = "plan_application_report",
        /// 项目统一代码.
        ProjectCode = "project_code",
        /// 政府投资年度计划.
        AnnualPlan = "annual_plan",
        /// 需求方案.
        DemandPlan = "demand_plan",
        /// 年度建设计划编制意见.
        PlanOpinion = "plan_opinion",
        /// 年度建设任务书.
        TaskBook = "task_book",
        /// 拟建清单.
        ProposedList = "proposed_list",
        /// 年度投资计划方案.
        SoeInvestmentPlan = "soe_investment_plan",
        /// 专户.
        DedicatedAccount = "dedicated_account",
        /// 农民工工资专用账户.
        WageAccount = "wage_account",
        /// 等保测评.
        MlpsAssessment = "mlps_assessment",
        /// 密评.
        CryptoAssessment = "crypto_assessment",
        /// 网络安全审查.
        SecurityReview = "security_review",
        /// 备案.
        Filing = "filing",
        /// 初验.
        InitialAcceptance = "initial_acceptance",
        /// 试运行.
        TrialRun = "trial_run",
        /// 竣工验收.
        CompletionAcceptance = "completion_acceptance",
        /// 批复.
        Approval = "approval",
        /// 书面意见.
        Opinion = "opinion",
        /// 会议纪要.
        Minutes = "minutes",
        /// 同意.
        Consent = "consent",
        /// 佐证资料.
        Evidence = "evidence",
        /// 合同.
        Contract = "contract",
        /// 实际完成投资 (certification).
        CertifiedCompleted = "certified_completed",
    }
}

/// An archived document (RULES.md §1.7, INV-57): kind, 文号 or archive id, date, issuer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    /// The kind of document.
    pub kind: DocKind,
    /// The document number (文号) or archive id; never empty.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The document's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::date::strict_opt")]
    pub date: Option<chrono::NaiveDate>,
    /// Who issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<Actor>,
}

impl DocRef {
    /// A reference of the given kind and number.
    pub fn new(kind: DocKind, reference: impl Into<String>) -> DocRef {
        DocRef { kind, reference: reference.into(), date: None, issuer: None }
    }

    /// Whether the reference is present (a non-blank 文号).
    pub fn is_valid(&self) -> bool {
        // As `!trim().is_empty()`, stopping at the first character that is not white space.
        !self.reference.chars().all(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for a in Actor::ALL {
            assert_eq!(Actor::parse(a.as_str()), Some(*a));
            let j = serde_json::to_string(a).unwrap();
            assert_eq!(j, format!("\"{}\"", a.as_str()));
        }
        for k in DocKind::ALL {
            assert_eq!(DocKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(Actor::parse("system"), None);
    }

    #[test]
    fn docref_field_order_is_documented_order() {
        let d = DocRef {
            kind: DocKind::Approval,
            reference: "宛发改审批〔2023〕1号".into(),
            date: chrono::NaiveDate::from_ymd_opt(2023, 7, 1),
            issuer: Some(Actor::Drc),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"kind":"approval","ref":"宛发改审批〔2023〕1号","date":"2023-07-01","issuer":"drc"}"#
        );
        assert!(serde_json::from_str::<DocRef>(r#"{"kind":"approval","ref":"x","extra":1}"#).is_err());
    }
}
