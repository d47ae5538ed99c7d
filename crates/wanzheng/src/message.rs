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
    ("before_effective_date", "事件早于办法施行日期", "event predates the regulation's effective date"),
    (
        "blocked_below_70",
        "实际完成投资未达原核定概算70%，不得实施超概算部分",
        "certified completed investment below 70% of the original estimate: nothing above the estimate may be implemented",
    ),
    ("early", "早于规定时间窗口", "act before its window"),
    ("funding_suspended", "资金拨付已暂停", "funding is suspended"),
    ("implemented_before_approval", "未经批准先行实施变更", "change implemented before approval"),
    ("late", "逾期办理", "act after its due date"),
    ("missing_document", "缺少规定的文件或批复", "a required document or approval is missing"),
    ("no_finance_review", "变更金额未经财政评审即支付", "change amount paid before the finance review"),
    (
        "no_gov_consent",
        "超合同、超预算追加资金未经市政府同意",
        "extra funds over the contract or budget paid without municipal consent",
    ),
    ("no_plan_entry", "未列入当年政府投资年度计划", "no entry in the year's issued annual plan"),
    (
        "not_entrusted",
        "未委托市政务大数据中心实施指导监督",
        "the big data center was not entrusted with guidance and supervision",
    ),
    ("not_in_plan", "未纳入年度计划安排资金", "funds for a project outside the issued annual plan"),
    ("out_of_order", "顺序不符合规定", "steps taken out of the prescribed order"),
    ("out_of_scope", "不属于本办法适用范围", "outside the regulation's scope"),
    ("over_annual_plan", "超出年度计划安排额度", "exceeds the amount left in the annual plan"),
    ("over_budget", "超预算支付", "payment exceeds the reviewed budget"),
    ("over_contract", "超合同支付", "payment exceeds the contract ceiling"),
    ("over_estimate", "超概算支付", "payment exceeds the approved estimate"),
    ("over_progress", "超进度支付", "payment exceeds the certified progress"),
    ("over_scope", "超范围支付", "payment for an item outside the contract and approved scope"),
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
