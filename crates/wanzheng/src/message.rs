//! Bilingual messages for outcomes.
//!
//! A message names what went wrong and cites the rule: the English one ends
//! with `(INV-35.3: over_contract)`, the Chinese one with
//! `（宛政〔2023〕7号 第三十五条，INV-35.3）`. Details without an entry in
//! [`DETAILS`] fall back to the rule's catalogue phrase and summary.

use crate::outcome::{Outcome, OutcomeKind};

/// `(detail, Chinese, English)` for the known sub-reasons. Keep sorted by detail.
pub static DETAILS: &[(&str, &str, &str)] = &[
    ("after_approval_only", "须先批准后实施", "may be implemented only after approval"),
    (
        "amb25_pending_ruling",
        "预算资金数字项目适用政府投资管理规定，待发改与大数据部门书面裁定",
        "budget-funded digital project runs the investment rules pending a written drc/bigdata_bureau ruling",
    ),
    (
        "approval_request",
        "自筹资金项目不再向发改部门立项审批",
        "an approval request sent to the drc: DIG projects are approved by the bureau (self-funded ones only filed)",
    ),
    (
        "asset_owner",
        "相关资产应归市属国有专业公司所有",
        "the assets must belong to the municipal state-owned specialist company",
    ),
    ("before_effective_date", "事件早于办法施行日期", "event predates the regulation's effective date"),
    (
        "blocked_below_70",
        "实际完成投资未达原核定概算70%，不得实施超概算部分",
        "certified completed investment below 70% of the original estimate: nothing above the estimate may be implemented",
    ),
    (
        "builder_not_soe",
        "未由市属国有专业公司组织实施",
        "not implemented by the municipal state-owned specialist company",
    ),
    ("classified", "涉密项目不适用本办法", "classified projects are outside the regulation"),
    (
        "construction_mode",
        "建设方式与项目性质或资金来源不符",
        "the construction mode does not suit the project's nature or funding",
    ),
    ("content_consistency", "建设内容一致性初验不合格", "initial acceptance: building content inconsistent"),
    (
        "county_plan_not_reviewed",
        "县级年度建设计划未经市政务服务和大数据管理部门审核",
        "the county's annual plan was not reviewed by the big data bureau",
    ),
    (
        "cycle_not_approved",
        "年度建设任务未经市政府常务会议研究通过",
        "the annual tasks were not approved by the executive meeting",
    ),
    ("data_resource_conformity", "数据资源规范性初验不合格", "initial acceptance: data resources non-conforming"),
    ("department_builds", "市级部门单独组织项目建设", "a municipal department built the project itself"),
    (
        "deviates_from_fsr",
        "未按照批复的可研报告实施建设",
        "construction deviates from the task book or the approved FSR",
    ),
    (
        "differs_from_tasks",
        "与市政府常务会议通过的年度建设任务不一致",
        "differs from the tasks approved by the executive meeting",
    ),
    ("early", "早于规定时间窗口", "act before its window"),
    ("funding_suspended", "资金拨付已暂停", "funding is suspended"),
    ("further_round", "需求方案原则上每年征集一次", "demand plans are in principle collected once a year"),
    ("implemented_before_approval", "未经批准先行实施变更", "change implemented before approval"),
    (
        "initial_acceptance_not_passed",
        "初验未全部合格即开展试运行",
        "trial run although the initial acceptance did not pass every check",
    ),
    (
        "intensive_construction",
        "集约建设符合度初验不合格",
        "initial acceptance: not in line with intensive construction",
    ),
    ("late", "逾期办理", "act after its due date"),
    (
        "missing_bigdata_bureau",
        "财务决算未向市政务服务和大数据管理部门报备",
        "final accounts not filed with the big data bureau",
    ),
    ("missing_co_actor", "未会同规定单位共同办理", "the act lacks the joint body the rule names"),
    ("missing_contents", "需求方案内容缺失", "the demand plan states nothing"),
    ("missing_document", "缺少规定的文件或批复", "a required document or approval is missing"),
    ("missing_drc", "财务决算未向市发改部门报备", "final accounts not filed with the drc"),
    ("missing_finance", "财务决算未向市财政部门报备", "final accounts not filed with finance"),
    (
        "missing_function_performance",
        "需求方案未明确功（性）能要求",
        "the demand plan lacks function and performance requirements",
    ),
    ("missing_functional_logic", "需求方案未明确功能逻辑", "the demand plan lacks the functional logic"),
    ("missing_problem", "需求方案未明确解决的问题", "the demand plan lacks the problem to solve"),
    ("missing_scope_of_use", "需求方案未明确使用范围", "the demand plan lacks the scope of use"),
    ("no_approved_fsr", "可研报告未经批复即实施建设", "construction without an approved FSR"),
    (
        "no_case_by_case_category",
        "不属于紧急部署且有明确时间节点和考核要求或突发事件项目",
        "not an urgent deployment with deadlines and assessment, nor a sudden event",
    ),
    ("no_center_consent", "未经市政务大数据中心审核同意", "without the big data center's consent"),
    ("no_consent", "未经市政务服务和大数据管理部门同意", "without the big data bureau's consent"),
    (
        "no_consent_leader_bigdata",
        "未经分管政务服务和大数据管理工作的市领导同意",
        "without the consent of the city leader in charge of big data",
    ),
    ("no_consent_vice_mayor", "未经分管常务工作的副市长同意", "without the consent of the executive vice-mayor"),
    (
        "no_dedicated_account",
        "专项债或大额财政资金未设立专户",
        "special-bond or large fiscal money without a dedicated account",
    ),
    ("no_demonstration", "未经市政务大数据中心论证通过", "without the big data center's demonstration"),
    ("no_emergency_category", "不属于紧急部署或突发事件项目", "neither an urgent deployment nor a sudden event"),
    ("no_finance_review", "变更金额未经财政评审即支付", "change amount paid before the finance review"),
    (
        "no_gov_consent",
        "超合同、超预算追加资金未经市政府同意",
        "extra funds over the contract or budget paid without municipal consent",
    ),
    ("no_initial_acceptance", "未经初验即开展试运行", "trial run before the initial acceptance"),
    ("no_inv_parts", "该项目不适用政府投资管理规定", "the investment rules' parts do not apply to this project"),
    ("no_plan_entry", "未列入当年政府投资年度计划", "no entry in the year's issued annual plan"),
    ("no_security_review", "未开展网络安全审查", "no network security review on record"),
    ("no_sign_off", "未经需求部门签字确认即交付使用", "delivered without the demand department's signature"),
    ("no_written_confirmation", "未获得需求单位书面确认", "without the demand unit's written confirmation"),
    ("not_added", "未补列入年度建设计划", "not added to the annual plan"),
    (
        "not_entrusted",
        "未委托市政务大数据中心实施指导监督",
        "the big data center was not entrusted with guidance and supervision",
    ),
    ("not_filed", "未向市发改部门进行项目备案", "not filed with the drc"),
    (
        "not_higher_level_special",
        "不属于使用上级资金且上级有特殊要求的项目",
        "not a higher-level-funded project with special requirements",
    ),
    ("not_in_draft", "不在拟定的年度建设任务中", "not among the drafted tasks"),
    ("not_in_plan", "未纳入年度计划安排资金", "funds for a project outside the issued annual plan"),
    ("off_list_hardware", "未纳入清单的硬件设备实施统一运维", "hardware off the transfer list under unified O&M"),
    ("om_owner", "运维主体不符合规定", "the O&M owner is not the one the rules name"),
    ("open_issues", "试运行问题未整改完成即竣工验收", "completion acceptance with trial-run issues still open"),
    ("other_check", "初验其他事项不合格", "initial acceptance: a further check failed"),
    ("out_of_order", "顺序不符合规定", "steps taken out of the prescribed order"),
    ("out_of_scope", "不属于本办法适用范围", "outside the regulation's scope"),
    ("over_annual_plan", "超出年度计划安排额度", "exceeds the amount left in the annual plan"),
    ("over_budget", "超预算支付", "payment exceeds the reviewed budget"),
    ("over_contract", "超合同支付", "payment exceeds the contract ceiling"),
    ("over_estimate", "超概算支付", "payment exceeds the approved estimate"),
    ("over_progress", "超进度支付", "payment exceeds the certified progress"),
    ("over_scope", "超范围支付", "payment for an item outside the contract and approved scope"),
    (
        "plan_not_approved",
        "年度投资计划方案未经市政府批准即执行",
        "executed before the municipal government approved the soe investment plan",
    ),
    ("security_compliance", "安全措施合规性初验不合格", "initial acceptance: security measures non-compliant"),
    ("security_review_failed", "网络安全审查未通过", "the network security review failed"),
    (
        "self_funded",
        "市属国有专业公司自筹资金项目不适用政府投资管理规定",
        "self-funded soe projects do not run the investment rules",
    ),
    ("trial_run_too_short", "试运行时间不足", "trial run shorter than configured"),
    ("wrong_actor", "办理主体不符合规定", "the act was performed by the wrong body"),
    ("wrong_authority", "例外决定主体不符合规定", "the exception was granted by the wrong authority"),
];

fn lookup(detail: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    DETAILS.binary_search_by(|(d, _, _)| (*d).cmp(detail)).ok().map(|i| &DETAILS[i])
}

fn kind_en(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Violation => "violation",
        OutcomeKind::DefaultBreach => "default breach",
        OutcomeKind::Warning => "warning",
        OutcomeKind::Finding => "finding",
    }
}

fn kind_zh(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Violation => "违反规定",
        OutcomeKind::DefaultBreach => "不符合原则性规定",
        OutcomeKind::Warning => "提示",
        OutcomeKind::Finding => "发现问题",
    }
}

/// The English message of an outcome.
pub fn outcome_en(o: &Outcome) -> String {
    let info = o.rule.info();
    let cite = if o.detail.is_empty() { o.rule.to_string() } else { format!("{}: {}", o.rule, o.detail) };
    match lookup(&o.detail) {
        Some((_, _, en)) => format!("{}: {en} ({cite})", kind_en(o.kind)),
        None => {
            let first = info.summary.split(". ").next().unwrap_or(info.summary).trim_end_matches('.');
            format!("{}: {} ({cite})", kind_en(o.kind), lowercase_first(first))
        }
    }
}

/// The Chinese message of an outcome.
pub fn outcome_zh(o: &Outcome) -> String {
    let info = o.rule.info();
    let what = match lookup(&o.detail) {
        Some((_, zh, _)) => (*zh).to_string(),
        None => format!("「{}」", info.phrase),
    };
    format!("{}：{}（{}，{}）", kind_zh(o.kind), what, o.rule.citation(), o.rule)
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_ascii_uppercase() && !c.clone().next().is_some_and(|n| n.is_ascii_uppercase()) => {
            f.to_ascii_lowercase().to_string() + c.as_str()
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::*;

    #[test]
    fn details_sorted_and_unique() {
        for w in DETAILS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn messages_cite_the_rule() {
        let o = Outcome::new(OutcomeKind::Violation, INV_35_3, "over_contract");
        assert_eq!(o.message_en(), "violation: payment exceeds the contract ceiling (INV-35.3: over_contract)");
        assert_eq!(o.message_zh(), "违反规定：超合同支付（宛政〔2023〕7号 第三十五条，INV-35.3）");
        let o = Outcome::new(OutcomeKind::DefaultBreach, INV_49_2, "");
        assert!(o.message_en().ends_with("(INV-49.2)"));
        assert!(o.message_zh().contains("第四十九条"));
    }
}
