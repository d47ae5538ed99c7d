//! Bilingual messages for outcomes.
//!
//! A message names what went wrong and cites the rule: the English one ends
//! with `(INV-35.3: over_contract)`, the Chinese one with
//! `（宛政〔2023〕7号 第三十五条，INV-35.3）`. Every detail the library emits has an
//! entry in [`DETAILS`] (a test scans the sources for them); a detail without one
//! (a free `record_manual_finding` detail) falls back to the rule's catalogue
//! phrase and summary.

use crate::outcome::{Outcome, OutcomeKind};

/// `(detail, Chinese, English)` for the known sub-reasons. Keep sorted by detail.
pub static DETAILS: &[(&str, &str, &str)] = &[
    (
        "above_band_after_adjustment",
        "调整后的核定概算超出原简化审批程序的投资额适用范围",
        "the adjusted estimate is above the band of the simplified route it was approved on",
    ),
    ("above_requested", "批复概算超出申报调整金额", "the approved estimate exceeds the adjustment applied for"),
    (
        "accountability_pending",
        "主观原因超概算，问责未经市政府同意前不得调整概算",
        "subjective overrun: no adjustment before the accountability case has the municipal government's consent",
    ),
    (
        "accounts_above_budget",
        "竣工财务决算超出预算评审金额及批准的变更金额",
        "final accounts exceed the reviewed budget plus approved change amounts",
    ),
    ("accounts_above_estimate", "竣工财务决算超出核定概算", "final accounts exceed the approved estimate"),
    ("adjusted_contrary_to_rules", "未按照规定调整投资概算", "estimate adjusted contrary to the rules"),
    (
        "adjustment_wrong_authority",
        "概算调整由无审批权限的部门批复",
        "adjustment approved by a body without the authority",
    ),
    (
        "advance_above_30_percent",
        "合同约定的预付款比例超过合同金额的30%（原则上不高于30%）",
        "the contract's agreed advance share is above 30 % of the price (in principle at most 30 %)",
    ),
    ("advance_funding", "要求施工单位垫资建设", "the contractor is made to advance funds (垫资)"),
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
    ("approvals_missing", "审批程序未完成，不具备开工条件", "the route's approvals are not complete: no start"),
    (
        "assessment_after_approval",
        "评估、公众参与、专家评议或风险评估晚于批准决定作出",
        "an assessment, public participation, expert review or risk assessment is dated after the approval it should underpin",
    ),
    (
        "assessment_failed",
        "网络安全等级保护测评或密码应用安全性评估未通过，须限期整改",
        "the MLPS or cryptography assessment failed: a passing one is due within rectification_days",
    ),
    (
        "assessment_undated",
        "评估、公众参与、专家评议或风险评估记录未注明日期，无法核对是否在批准前作出",
        "an assessment record carries no date: whether it preceded the approval cannot be checked",
    ),
    (
        "asset_owner",
        "相关资产应归市属国有专业公司所有",
        "the assets must belong to the municipal state-owned specialist company",
    ),
    (
        "band_exceeded",
        "直接审批可研的项目概算超出5000万元",
        "the estimate of a directly approved FSR leaves the 50,000,000.00 band",
    ),
    ("before_approval", "完成审批程序前即采用工程总承包方式", "EPC before the approval procedure is complete"),
    (
        "before_budget_approval",
        "预算评审前即开展施工招标、签订施工合同或支付预算范围内资金",
        "works tendered, contracted or paid before the budget review",
    ),
    ("before_design_approval", "初步设计批复前即开展工程总承包招标", "EPC tendered before the design approval"),
    ("before_effective_date", "事件早于办法施行日期", "event predates the regulation's effective date"),
    ("before_fsr_approval", "可行性研究报告批复前即签订合同或支付资金", "contracted or paid before the FSR approval"),
    (
        "before_project_approval",
        "项目审批程序（核定概算）完成前即签订合同、招标或支付资金",
        "contracted, tendered or paid before the route's approvals fix the estimate",
    ),
    (
        "before_tender_scheme_approval",
        "招标方案核准前即签订依法必须招标的勘察、设计合同",
        "survey or design that must be tendered, contracted before the tender scheme is approved",
    ),
    ("beyond_authority", "超越审批权限审批", "approval beyond the approver's authority"),
    (
        "blocked_below_70",
        "实际完成投资未达原核定概算70%，不得实施超概算部分",
        "certified completed investment below 70% of the original estimate: nothing above the estimate may be implemented",
    ),
    (
        "budget_review_pending",
        "应急项目尚未完成预算评审，须补办",
        "emergency project: the budget review is still to follow",
    ),
    (
        "builder_not_soe",
        "未由市属国有专业公司组织实施",
        "not implemented by the municipal state-owned specialist company",
    ),
    (
        "calendar_provisional",
        "期限含尚无国务院放假通知年份的工作日，按法定节假日推算，为临时期限",
        "the deadline counts working days of a year without a State Council holiday notice: provisional, from the statutory holidays",
    ),
    ("category_not_met", "不符合可以简化审批的情形", "the simplification category's condition does not hold"),
    (
        "cd_design_required",
        "需施工图设计的项目不得直接编制工程预算",
        "a works budget without CD design where CD design is required",
    ),
    ("change_wrong_authority", "工程变更由无审批权限的部门批复", "change approved by a body without the authority"),
    ("classified", "涉密项目不适用本办法", "classified projects are outside the regulation"),
    ("commitments_above_estimate", "合同总价超出核定概算", "contract commitments exceed the approved estimate"),
    (
        "construction_mode",
        "建设方式与项目性质或资金来源不符",
        "the construction mode does not suit the project's nature or funding",
    ),
    (
        "consultancy_contract_unrecorded",
        "可行性研究报告编制所依据的工程咨询合同未在台账中登记（可能早于本记录）",
        "the consultancy contract named for the FSR is not a preparatory contract of the ledger (it may predate the log)",
    ),
    ("content_consistency", "建设内容一致性初验不合格", "initial acceptance: building content inconsistent"),
    (
        "contingency_covers",
        "基本预备费足以解决，原则上不再调整概算",
        "the contingency covers the increase: no adjustment in principle",
    ),
    (
        "contingency_mismatch",
        "基本预备费与概算明细不一致",
        "the contingency differs from the estimate's contingency item",
    ),
    ("contracts_above_estimate", "合同总价超出核定概算", "contract prices exceed the approved estimate"),
    (
        "county_plan_not_reviewed",
        "县级年度建设计划未经市政务服务和大数据管理部门审核",
        "the county's annual plan was not reviewed by the big data bureau",
    ),
    ("county_rules", "县级项目按照本级政府规定执行", "county project: the county's own rules apply"),
    (
        "cycle_not_approved",
        "年度建设任务未经市政府常务会议研究通过",
        "the annual tasks were not approved by the executive meeting",
    ),
    ("data_resource_conformity", "数据资源规范性初验不合格", "initial acceptance: data resources non-conforming"),
    ("declare_small_build_big", "报小建大", "declared small, built big"),
    ("deliberate_omission", "故意漏项", "items deliberately omitted"),
    ("department_builds", "市级部门单独组织项目建设", "a municipal department built the project itself"),
    ("design_not_approved", "初步设计未批复", "the preliminary design is not approved"),
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
    (
        "enterprise_regime",
        "利用自有资金的非企业组织项目原则上按企业投资项目管理",
        "own-funds project of a non-enterprise body: enterprise-project regime in principle",
    ),
    ("epc_not_permitted", "不符合采用工程总承包方式的条件", "EPC not permitted for this project"),
    (
        "filing_incomplete",
        "财务决算未按程序向大数据、财政、发改三部门报备齐全",
        "final accounts not on file with all three of the bureau, finance and the drc by the due day",
    ),
    ("fsr_not_approved", "可行性研究报告未批复", "the feasibility study report is not approved"),
    ("funding_suspended", "资金拨付已暂停", "funding is suspended"),
    (
        "funds_below_annual_plan",
        "当年落实资金不足年度计划安排额度",
        "this year's funds fall short of the annual plan amount",
    ),
    ("funds_below_estimate", "建设资金未落实到位", "funds secured fall short of the approved estimate"),
    ("further_round", "需求方案原则上每年征集一次", "demand plans are in principle collected once a year"),
    ("hash_mismatch", "档案记录被篡改或缺失", "the archived record was altered or is missing (hash chain broken)"),
    (
        "implementation_above_estimate",
        "擅自增加投资概算",
        "estimate raised without authority: implemented above the approved estimate",
    ),
    ("implemented_before_approval", "未经批准先行实施变更", "change implemented before approval"),
    ("incomplete", "申报材料内容不全", "the submission lacks required contents"),
    (
        "incomplete_decision",
        "市政府认定未明确建设主体、范围、内容或资金来源",
        "the emergency decision lacks builder, scope, content or funding",
    ),
    ("incomplete_fsr", "可行性研究报告论证内容不全", "the feasibility study lacks required analyses"),
    (
        "inconsistent_with_estimate",
        "预算与初步设计和概算不一致",
        "the budget is inconsistent with the design and estimate",
    ),
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
    (
        "inv_parts_on_dig_log",
        "预算资金数字项目的政府投资管理事项应在数字项目记录中办理",
        "a budget-funded digital project runs its investment parts on the digital log",
    ),
    ("items_differ", "招标内容与批复范围不一致", "tender items differ from the approved scope"),
    ("items_do_not_sum", "概算明细合计与概算总额不符", "estimate items do not sum to the total"),
    ("late", "逾期办理", "act after its due date"),
    ("late_start", "未按期开工", "construction started late"),
    ("legal_attachments_missing", "缺少法定附件", "legally required attachments are missing"),
    ("lot_not_tendered", "依法必须招标的标段未招标", "a lot that must be tendered was not"),
    ("missing_adjusted_estimate_report", "缺少调整概算书", "the adjusted-estimate report is missing"),
    ("missing_application_report", "缺少项目申请报告", "the plan application report is missing"),
    (
        "missing_assessment",
        "缺少中介评估、公众参与、专家评议或风险评估",
        "an intermediary, public, expert or risk assessment is missing",
    ),
    (
        "missing_bigdata_bureau",
        "财务决算未向市政务服务和大数据管理部门报备",
        "final accounts not filed with the big data bureau",
    ),
    ("missing_category", "概算缺少规定的费用构成", "the estimate lacks a required cost category"),
    ("missing_change_documents", "缺少相关变更、招标或合同文件", "change, tender or contract documents are missing"),
    ("missing_co_actor", "未会同规定单位共同办理", "the act lacks the joint body the rule names"),
    ("missing_contents", "需求方案内容缺失", "the demand plan states nothing"),
    (
        "missing_copies",
        "年度计划未抄送行业主管部门、财政和审计部门",
        "the plan was not copied to the industry authorities, finance and audit",
    ),
    ("missing_directions", "年度计划缺少资金安排方向", "the plan lacks its funding directions"),
    ("missing_doc_ref", "文件缺少文号", "a document reference has no number"),
    ("missing_document", "缺少规定的文件或批复", "a required document or approval is missing"),
    ("missing_drc", "财务决算未向市发改部门报备", "final accounts not filed with the drc"),
    ("missing_energy_review_opinion", "缺少节能审查意见", "the energy review opinion is missing"),
    ("missing_finance", "财务决算未向市财政部门报备", "final accounts not filed with finance"),
    (
        "missing_function_performance",
        "需求方案未明确功（性）能要求",
        "the demand plan lacks function and performance requirements",
    ),
    ("missing_functional_logic", "需求方案未明确功能逻辑", "the demand plan lacks the functional logic"),
    (
        "missing_industry_opinion",
        "缺少行业主管部门书面审查意见",
        "the industry authority's written review opinion is missing",
    ),
    (
        "missing_land_site_opinion",
        "缺少用地预审与选址意见书",
        "the land pre-examination and site-selection opinion is missing",
    ),
    ("missing_materials", "缺少工程变更审批材料", "the change file is incomplete"),
    ("missing_opinion", "缺少有关单位书面意见", "a required written opinion is missing"),
    ("missing_original_approval", "缺少原批复文件", "the original approvals are missing"),
    (
        "missing_participant",
        "勘察、设计、监理、施工单位未全部参加内部审核",
        "not every participating unit joined the internal review",
    ),
    ("missing_problem", "需求方案未明确解决的问题", "the demand plan lacks the problem to solve"),
    ("missing_project_code", "缺少项目统一代码", "the unified project code is missing"),
    ("missing_scope_of_use", "需求方案未明确使用范围", "the demand plan lacks the scope of use"),
    ("missing_source", "年度计划项目缺少资金来源", "a plan entry lacks its funding source"),
    ("mode_nature_mismatch", "投资方式与项目性质不符", "funding mode does not fit the project's nature"),
    ("necessity_not_established", "项目建设必要性不成立", "the project's necessity is not established"),
    ("new_items", "存在新增项", "items outside the approved scope"),
    ("no_acceptance_report", "缺少竣工验收报告", "the completion acceptance report is missing"),
    ("no_approval_document", "缺少批复文件", "the approval document is missing"),
    ("no_approved_adjustment", "概算调整未批复", "no approved estimate adjustment"),
    ("no_approved_budget", "预算未经财政评审", "no finance-reviewed budget"),
    (
        "no_approved_estimate",
        "无核定概算（或批复的投资估算）即签订合同、招标或支付资金",
        "no approved estimate controls this contract, tender or payment",
    ),
    ("no_approved_fsr", "可研报告未经批复即实施建设", "construction without an approved FSR"),
    ("no_basis", "经营性项目缺少政府投资支持依据", "operating project without a recorded basis for government support"),
    (
        "no_budget_review",
        "应急项目未经财政预算评审即办理结算",
        "settlement of an emergency project without the budget review",
    ),
    (
        "no_case_by_case_category",
        "不属于紧急部署且有明确时间节点和考核要求或突发事件项目",
        "not an urgent deployment with deadlines and assessment, nor a sudden event",
    ),
    ("no_case_file", "缺少责任追究案卷", "the liability case file is missing"),
    ("no_cd_review", "施工图审查未完成", "the construction-drawing review is not complete"),
    ("no_center_consent", "未经市政务大数据中心审核同意", "without the big data center's consent"),
    ("no_certificate", "缺少实际完成投资核定文件", "the certificate of completed investment is missing"),
    ("no_consent", "未经市政务服务和大数据管理部门同意", "without the big data bureau's consent"),
    (
        "no_consent_leader_bigdata",
        "未经分管政务服务和大数据管理工作的市领导同意",
        "without the consent of the city leader in charge of big data",
    ),
    ("no_consent_vice_mayor", "未经分管常务工作的副市长同意", "without the consent of the executive vice-mayor"),
    ("no_construction_contract", "未签订施工合同", "no construction contract"),
    ("no_construction_period", "未明确建设工期", "no construction period fixed"),
    ("no_consultancy_contract", "未依法采购工程咨询机构", "no lawfully procured consultancy"),
    ("no_decision", "缺少决定文件", "the decision is missing"),
    ("no_decision_document", "缺少原审批部门决定文件", "the original approver's decision document is missing"),
    (
        "no_dedicated_account",
        "专项债或大额财政资金未设立专户",
        "special-bond or large fiscal money without a dedicated account",
    ),
    ("no_deduction", "未按超概算比例扣减预算资金", "no budget deduction at the overrun ratio"),
    ("no_demonstration", "未经市政务大数据中心论证通过", "without the big data center's demonstration"),
    ("no_emergency_category", "不属于紧急部署或突发事件项目", "neither an urgent deployment nor a sudden event"),
    ("no_evidence", "未提供相关佐证资料", "no supporting evidence filed"),
    ("no_finance_review", "变更金额未经财政评审即支付", "change amount paid before the finance review"),
    ("no_gov_consent", "未经市政府同意", "without the municipal government's consent"),
    ("no_handling_evidence", "缺少处理意见落实材料", "no evidence that the handling was implemented"),
    ("no_handling_opinion", "缺少责任认定和处理意见", "no responsibility and handling opinion"),
    ("no_immediate_report", "未立即报工程变更审批部门确认", "not reported at once to the change approver"),
    ("no_initial_acceptance", "未经初验即开展试运行", "trial run before the initial acceptance"),
    ("no_inv_parts", "该项目不适用政府投资管理规定", "the investment rules' parts do not apply to this project"),
    ("no_liability_case", "事故或风险事件未追究责任", "incident without a liability case"),
    ("no_loan", "贷款贴息项目未使用贷款", "loan interest subsidy without a loan"),
    (
        "no_meeting_approval",
        "补充纳入计划未经市政府常务会议审议",
        "supplement without the executive meeting's approval",
    ),
    ("no_overrun", "未超概算，不属于问责情形", "no overrun: not an accountability case"),
    ("no_plan_entry", "未列入当年政府投资年度计划", "no entry in the year's issued annual plan"),
    ("no_price_adjustment_clause", "合同未约定价格调整条款", "the contract has no price-adjustment clause"),
    ("no_project_code", "未取得项目统一代码", "no unified project code"),
    ("no_publication", "未依法公开", "not published"),
    (
        "no_qualified_designer",
        "设计单位不具备资质或未依法采购",
        "the designer is not qualified or not lawfully procured",
    ),
    ("no_reasons", "未说明理由", "no reasons given"),
    ("no_rectification", "缺少整改材料", "no rectification document"),
    ("no_report", "缺少报告", "the report is missing"),
    ("no_report_document", "缺少报告文件", "the report document is missing"),
    ("no_security_review", "未开展网络安全审查", "no network security review on record"),
    ("no_self_funding", "超概算部分未由平台公司自筹解决", "the overrun was not self-funded"),
    ("no_sign_off", "未经需求部门签字确认即交付使用", "delivered without the demand department's signature"),
    ("no_situation", "不符合可以变更的情形", "no INV-41 situation holds"),
    ("no_survey", "勘察未完成即开工", "construction started before the survey was complete"),
    ("no_survey_report", "缺少勘察报告", "the survey report is missing"),
    ("no_title_document", "缺少产权登记文件", "the title registration document is missing"),
    ("no_treasury_receipt", "缺少结余资金缴回国库凭证", "no treasury receipt for the returned surplus"),
    ("no_written_confirmation", "未获得需求单位书面确认", "without the demand unit's written confirmation"),
    ("no_written_notice", "未书面通知项目单位", "no written notice to the project unit"),
    ("non_compliant_approval", "对不符合规定的政府投资项目予以批准", "approval of a non-compliant submission"),
    ("non_native_greening", "未采用乡土树种草种", "greening without native species"),
    ("not_a_participant", "追偿对象不是参建单位", "recourse against a body that is not a participating unit"),
    ("not_above_original", "未超出原核定投资概算", "not above the original approved estimate"),
    ("not_added", "未补列入年度建设计划", "not added to the annual plan"),
    (
        "not_approval_system",
        "不属于审批制政府投资项目",
        "not a government investment project under the approval system",
    ),
    ("not_approved", "未经财政部门审核即拨付", "disbursed without the finance review"),
    (
        "not_collective",
        "以传阅、会签或个别征求意见代替集体决策",
        "decided by circulation, countersignature or individual consultation instead of a meeting",
    ),
    ("not_competitive", "服务未通过竞争方式选定", "service not procured competitively"),
    ("not_disclosed", "未依法公开审批、计划等信息", "not disclosed by its due date"),
    ("not_emergency", "非应急项目年中临时追加", "a non-emergency project added mid-year"),
    (
        "not_entrusted",
        "未委托市政务大数据中心实施指导监督",
        "the big data center was not entrusted with guidance and supervision",
    ),
    ("not_evaluated", "未经第三方评估即批复概算调整", "adjustment approved before the third-party evaluation"),
    ("not_filed", "未向市发改部门进行项目备案", "not filed with the drc"),
    (
        "not_higher_level_special",
        "不属于使用上级资金且上级有特殊要求的项目",
        "not a higher-level-funded project with special requirements",
    ),
    ("not_in_draft", "不在拟定的年度建设任务中", "not among the drafted tasks"),
    ("not_in_plan", "未纳入年度计划安排资金", "funds for a project outside the issued annual plan"),
    ("not_mergeable", "不符合合并审批条件", "not eligible for merged approval"),
    (
        "not_on_platform",
        "未通过在线平台或公共资源交易平台办理",
        "not handled on the online or public resource trading platform",
    ),
    ("not_per_formula", "扣减金额不符合超概算比例", "deduction not at the overrun ratio"),
    ("not_permitted", "不符合采用工程总承包或代建制的条件", "EPC or agent construction not permitted"),
    ("not_plan_year", "不在计划年度内追加", "addition outside the plan year"),
    (
        "not_rectified",
        "测评未通过后逾期未整改通过",
        "no passing assessment within rectification_days of the failed one",
    ),
    ("not_started", "逾期未开工", "construction not started by its deadline"),
    ("not_submitted", "项目未经行业主管部门报送", "the project was not submitted by its industry authority"),
    (
        "not_tasked",
        "项目未以年度建设任务书形式交办（未下达建设任务）即签订合同或支付资金",
        "contract or payment before the project is tasked (no annual task book or emergency addition)",
    ),
    ("not_tendered", "依法必须招标的项目未招标", "not tendered where the law requires it"),
    ("not_tied_to_contract_item", "拨付资金与合同约定事项不符", "disbursement not tied to a contract item"),
    (
        "not_verified_by_drc",
        "投资概算未经市发展改革部门核定",
        "estimate not verified by the development and reform commission",
    ),
    ("off_list_hardware", "未纳入清单的硬件设备实施统一运维", "hardware off the transfer list under unified O&M"),
    (
        "off_platform",
        "审批事项未通过投资项目在线审批监管平台办理",
        "approval not handled through the online approval platform",
    ),
    ("om_owner", "运维主体不符合规定", "the O&M owner is not the one the rules name"),
    ("open_issues", "试运行问题未整改完成即竣工验收", "completion acceptance with trial-run issues still open"),
    ("other_check", "初验其他事项不合格", "initial acceptance: a further check failed"),
    ("out_of_order", "顺序不符合规定", "steps taken out of the prescribed order"),
    ("out_of_scope", "不属于本办法适用范围", "outside the regulation's scope"),
    (
        "outside_art32_case",
        "不属于第三十二条所列情形采用工程总承包方式（允许，提示关注）",
        "EPC outside the case Article 32 names (permitted; for attention)",
    ),
    ("outside_band", "投资额不在所选审批程序的适用范围内", "the amount falls outside the chosen route's band"),
    ("outside_issue_month", "年度计划未于次年1月下达", "the annual plan was not issued in January"),
    ("over_10_percent", "超概算幅度达到10%以上", "overrun of 10% or more"),
    ("over_annual_plan", "超出年度计划安排额度", "exceeds the amount left in the annual plan"),
    ("over_annual_total", "超出年度政府投资总额", "exceeds the annual government investment total"),
    ("over_budget", "超预算支付", "payment exceeds the reviewed budget"),
    ("over_contract", "超合同支付", "payment exceeds the contract ceiling"),
    ("over_estimate", "超出核定概算", "exceeds the approved estimate"),
    ("over_progress", "超进度支付", "payment exceeds the certified progress"),
    ("over_scope", "超范围支付", "payment for an item outside the contract and approved scope"),
    (
        "over_settlement",
        "支付（含质量保证金）超出结算审定金额",
        "payments (retention money included) exceed the settled amount",
    ),
    ("overdue", "逾期未办理", "not done by its due date"),
    ("payer_not_commissioner", "评估费用未由委托单位支付", "the fee was not paid by the commissioning body"),
    ("payments_above_estimate", "拨付资金超出核定概算", "disbursements exceed the approved estimate"),
    ("pending_change", "工程变更尚未办结", "a change is still pending"),
    (
        "plan_entry_incomplete",
        "年度计划中列入的项目未载明项目名称、建设内容和规模、建设工期或项目总投资",
        "an included plan entry lacks the project's name, content and scale, period or total",
    ),
    (
        "plan_not_approved",
        "年度投资计划方案未经市政府批准即执行",
        "executed before the municipal government approved the soe investment plan",
    ),
    ("poor_management", "管理不善", "poor management"),
    ("price_rise_in_fee_base", "价格上涨增加的投资计入其他费用取费基数", "price-rise increment used as a fee base"),
    ("project_suspended", "项目已暂停建设", "the project is suspended"),
    ("proposal_required", "未审批项目建议书", "the project proposal is required first"),
    ("quasi_operating", "准经营性项目投资方式待明确", "quasi-operating project: funding mode to be settled"),
    ("redo_fsr", "原审批部门要求重新报批可行性研究报告", "the original approver requires a new feasibility study"),
    ("report_due", "应向原审批部门报告", "a report to the original approver is due"),
    (
        "rerouted_direct_fsr",
        "批复估算超出1000万元，改按直接审批可研报告程序办理（仍需初步设计和概算）",
        "approved FSR above 10,000,000.00: re-routed to direct FSR approval (design and estimate still required)",
    ),
    (
        "rerouted_standard",
        "批复估算超出简化程序适用范围，改按一般审批程序办理",
        "approved FSR outside the simplified route's band: re-routed to the standard route",
    ),
    ("resubmission", "预算未一次性完成报审", "the budget was submitted more than once"),
    (
        "review_required",
        "应急变更事后未获批准，由主管部门审查是否属于擅自变更并启动问责",
        "emergency change refused post hoc: the authority reviews whether it was unauthorised and opens accountability if so",
    ),
    ("route_not_permitted", "所选审批程序不适用", "the chosen route is not permitted"),
    ("second_adjustment", "概算第二次调整", "a second estimate adjustment"),
    ("security_compliance", "安全措施合规性初验不合格", "initial acceptance: security measures non-compliant"),
    ("security_review_failed", "网络安全审查未通过", "the network security review failed"),
    (
        "self_funded",
        "市属国有专业公司自筹资金项目不适用政府投资管理规定",
        "self-funded soe projects do not run the investment rules",
    ),
    ("self_funded_dig_project", "企业自筹数字项目实行备案管理", "a self-funded digital project is filed, not approved"),
    ("settlement_above_budget", "结算超出预算评审金额", "settlement exceeds the reviewed budget plus approved changes"),
    ("settlement_above_estimate", "结算超出核定概算", "settlement exceeds the approved estimate"),
    ("short", "未足额办理资金拨付", "disbursed short of the approved amount"),
    ("site_activity_before_start", "未开工即开展现场施工", "site activity before the start of construction"),
    (
        "solicited_out_of_order",
        "未依次征求自然资源和规划、生态环境、人防等部门意见",
        "opinions not solicited in order (natural resources, ecology, civil air defence)",
    ),
    ("start_conditions_not_met", "不符合规定的建设条件开工建设", "construction started without the conditions"),
    ("subsidy_not_permitted", "对不符合规定的项目安排投资补助或贴息", "subsidy to a project that does not qualify"),
    (
        "surplus_not_returned",
        "结余财政资金逾期未缴回国库",
        "the fiscal surplus was not returned to the treasury by its due date",
    ),
    (
        "through_change_procedure",
        "调价将使投资超过批准概算，须按工程变更程序办理",
        "the price adjustment would lift the investment above the approved estimate: it must run as a change",
    ),
    ("trial_run_too_short", "试运行时间不足", "trial run shorter than configured"),
    (
        "unauthorised_change",
        "未经批准擅自变更建设内容、规模、标准或设计方案",
        "content, scale, standard or design changed without approval",
    ),
    ("unauthorised_content", "擅自增加建设内容", "construction content added without authority"),
    ("unauthorised_design_change", "擅自改变设计方案", "design changed without authority"),
    (
        "unauthorised_overrun",
        "擅自变更造成超投资概算，视为重大问题，启动问责",
        "unauthorised change took the total above the approved estimate: accountability opened",
    ),
    ("unauthorised_scale", "擅自扩大建设规模", "scale enlarged without authority"),
    ("unauthorised_standard", "擅自提高建设标准", "standard raised without authority"),
    ("unfiled_emergency_change", "应急变更未补办审批手续", "an emergency change without its post-hoc filing"),
    ("wages_not_prioritised", "未优先保障农民工工资", "migrant workers' wages not paid first"),
    (
        "within_estimate",
        "未超出核定概算，原则上不再调整概算",
        "within the approved estimate: no adjustment in principle",
    ),
    ("wrong_actor", "办理主体不符合规定", "the act was performed by the wrong body"),
    ("wrong_authority", "例外决定主体不符合规定", "the exception was granted by the wrong authority"),
    ("wrong_issuer", "项目申请报告出具单位不符合规定", "the plan application report was issued by the wrong body"),
    ("wrong_payer", "评估费用未由委托单位支付", "the evaluation fee was not paid by the commissioning body"),
    ("wrong_project_code", "项目统一代码不一致", "the project code differs from the registered one"),
];

/// `(rule, detail, Chinese, English)`: phrases of a detail for one rule, preferred over the
/// rule-independent [`DETAILS`] entry (a late act says what was late). Keep sorted by (rule, detail).
pub static RULE_DETAILS: &[(&str, &str, &str, &str)] = &[
    ("INV-29.1", "late", "未在10月底前报送年度计划申报项目", "plan submission after 31 October"),
    (
        "INV-29.3",
        "late",
        "未在12月底前将年度计划草案提请市政府常务会议审议",
        "draft plan put to the executive meeting after 31 December",
    ),
    (
        "INV-29.3",
        "overdue",
        "年度计划草案逾期未提请市政府常务会议审议",
        "draft plan not put to the executive meeting by 31 December",
    ),
    ("INV-29.4", "overdue", "年度计划逾期未下达", "annual plan not issued by the end of January"),
    (
        "INV-37.3",
        "late",
        "未及时办理竣工财务决算或缴回结余财政资金",
        "final accounts completed, or fiscal surplus returned, after the due date",
    ),
    ("INV-37.3", "overdue", "竣工财务决算逾期未办理", "final accounts not completed by their due date"),
    ("INV-37.4", "late", "未及时办理产权登记", "asset title registered after its due date"),
    ("INV-37.4", "overdue", "逾期未办理产权登记", "asset title not registered by its due date"),
    ("INV-44.2", "late", "未按规定时限补办变更审批手续", "post-hoc change approval filed after the 5 working days"),
    ("INV-44.2", "overdue", "逾期未补办变更审批手续", "post-hoc change approval not filed within the 5 working days"),
    ("INV-45.4", "late", "未按时开展投资概算控制检查", "estimate control check after its due date"),
    ("INV-45.4", "overdue", "投资概算控制检查逾期未开展", "estimate control check not made by its due date"),
    ("INV-52.2", "late", "未在规定时限内公开信息", "disclosed after its due date"),
    ("INV-52.2", "not_disclosed", "应公开的信息逾期未公开", "not disclosed within the due working days"),
    ("INV-54.2", "late", "未及时办理资金拨付", "disbursement after the service time limit"),
    ("INV-54.2", "overdue", "资金逾期未拨付", "not disbursed within the service time limit"),
    ("INV-55.6", "late", "未按照建设工期完工", "works completed after the planned end without a recorded reason"),
    ("INV-55.6", "overdue", "逾期未完工", "works not completed by the planned end"),
    ("INV-7.4", "late", "未在承诺时限内办结审批", "approval given after the promised time limit"),
    ("INV-7.4", "overdue", "审批逾期未办结", "approval not given within the promised time limit"),
];

fn lookup(detail: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    DETAILS.binary_search_by(|(d, _, _)| (*d).cmp(detail)).ok().map(|i| &DETAILS[i])
}

/// `(Chinese, English)` of `detail` for `rule`: the rule's own phrase, else the detail's
/// (`wanzheng explain RULE_ID DETAIL`); `None` for a detail no outcome uses.
///
/// # Example
/// ```
/// let (zh, en) = wanzheng::message::phrases("INV-22", "assessment_after_approval").unwrap();
/// assert!(!zh.is_empty() && !en.is_empty());
/// assert_eq!(wanzheng::message::phrases("INV-22", "no_such_detail"), None);
/// ```
pub fn phrases(rule: &str, detail: &str) -> Option<(&'static str, &'static str)> {
    RULE_DETAILS
        .binary_search_by(|(r, d, _, _)| (*r, *d).cmp(&(rule, detail)))
        .ok()
        .map(|i| (RULE_DETAILS[i].2, RULE_DETAILS[i].3))
        .or_else(|| lookup(detail).map(|(_, zh, en)| (*zh, *en)))
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
    match phrases(o.rule.as_str(), &o.detail) {
        Some((_, en)) => format!("{}: {en} ({cite})", kind_en(o.kind)),
        None => {
            let first = info.summary.split(". ").next().unwrap_or(info.summary).trim_end_matches('.');
            format!("{}: {} ({cite})", kind_en(o.kind), lowercase_first(first))
        }
    }
}

/// The Chinese message of an outcome.
pub fn outcome_zh(o: &Outcome) -> String {
    let info = o.rule.info();
    let what = match phrases(o.rule.as_str(), &o.detail) {
        Some((zh, _)) => zh.to_string(),
        None => format!("「{}」", info.phrase),
    };
    format!("{}：{}（{}，{}）", kind_zh(o.kind), what, o.rule.citation(), o.rule)
}

/// The Chinese message of a transition refusal (`permitted_events` blockers; the English one is
/// the error's text): `当前状态「reserve」下不能办理「approve_fsr」（inv 状态机）`, with the detail.
pub fn transition_zh(e: &crate::error::TransitionError) -> String {
    let why = match e.detail.as_ref() {
        "" => String::new(),
        "terminal" => "：已处于终止状态".into(),
        "unknown_instance" => "：该流程尚未开始".into(),
        "unknown_project" => "：项目尚未登记".into(),
        "reused_instance" => "：该编号已被使用".into(),
        "project_terminal" => "：项目已关闭、终止或撤销".into(),
        "not_an_inv_part" => "：不属于数字化项目适用的投资管理环节".into(),
        "funding_not_suspended" => "：资金拨付未暂停".into(),
        "not_emergency_merged" => "：开工后补办施工图审查、预算评审仅适用于应急项目（RULES.md §3.5 A6）".into(),
        "no_pending_review" => "：没有待审批的事项".into(),
        "not_unauthorised" => "：仅未经批准实施的变更可补办审核、批准（RULES.md §3.5 D6）".into(),
        "no_pending_budget" => "：没有待评审的预算".into(),
        other => format!("（{other}）"),
    };
    format!("当前状态「{}」下不能办理「{}」（{} 状态机）{why}", e.state, e.event, e.machine)
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
        for w in RULE_DETAILS.windows(2) {
            assert!((w[0].0, w[0].1) < (w[1].0, w[1].1), "{} {} before {} {}", w[0].0, w[0].1, w[1].0, w[1].1);
        }
        for (rule, detail, zh, en) in RULE_DETAILS {
            assert!(crate::RuleId::lookup(rule).is_some(), "{rule}");
            assert!(lookup(detail).is_some(), "{rule} {detail}: the rule-independent phrase exists too");
            assert!(!zh.is_empty() && !en.is_empty());
        }
    }

    /// Source: INV-44.2 — a late post-hoc filing says what was late, in both languages; the same
    /// detail of another rule without its own phrase falls back to the generic one.
    #[test]
    fn rule_specific_phrases() {
        let o = Outcome::new(OutcomeKind::Finding, INV_44_2, "late");
        assert_eq!(o.message_zh(), "发现问题：未按规定时限补办变更审批手续（宛政〔2023〕7号 第四十四条，INV-44.2）");
        assert_eq!(o.message_en(), "finding: post-hoc change approval filed after the 5 working days (INV-44.2: late)");
        let o = Outcome::new(OutcomeKind::Finding, INV_29_1, "missing_opinion");
        assert!(o.message_zh().starts_with("发现问题：缺少有关单位书面意见"));
    }

    /// (where, what): a call site and its detail.
    type Site = (String, String);

    /// Details that are not a literal at their call: `(file under src/, argument, window)`.
    /// A window of 0 is a true pass-through (a generic constructor, an outcome re-raised from a
    /// §4.3 route, a manual finding's own detail, the accountability cause checked below); a
    /// window of n lines means the detail is bound from literals in the n lines before the call,
    /// and those literals are checked as details.
    const PASS_THROUGH: &[(&str, &str, usize)] = &[
        ("outcome.rs", "detail", 0),
        ("finding.rs", "o.detail.clone()", 0),
        ("investment/submachine.rs", "detail", 0),
        ("investment/detect.rs", "detail", 0),
        ("investment/adjustment_handlers.rs", "o.detail", 0),
        ("investment/change_handlers.rs", "o.detail", 0),
        ("investment/implementation.rs", "p.detail.clone()", 0),
        ("investment/submachine.rs", "c.cause.as_str()", 0),
        ("digital/findings.rs", "m.detail.clone()", 0),
        ("digital/acceptance.rs", "detail", 8),
        ("digital/demand.rs", "*detail", 21),
        ("investment/project.rs", "detail", 2),
        ("investment/annual_plan.rs", "detail", 1),
    ];

    /// The detail literals at the detail position of every judge call (`require`, `scope`,
    /// `default_rule`, `default_rule_where`, `warn`, `finding`), `Outcome::new`, `Finding::new`
    /// and the `detected` helpers of the crate's non-test sources (with the literals of the
    /// windows of [`PASS_THROUGH`]), and the dynamic arguments not listed there.
    fn emitted_details() -> (Vec<Site>, Vec<Site>) {
        const CALLS: [(&str, usize); 9] = [
            (".require(", 2),
            (".scope(", 2),
            (".default_rule(", 2),
            (".default_rule_where(", 2),
            (".warn(", 2),
            (".finding(", 2),
            ("Outcome::new(", 2),
            ("Finding::new(", 2),
            ("detected(", 1),
        ];
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        /// The top-level arguments of the call whose `(` ends at byte `i`, skipping strings,
        /// char literals and line comments.
        fn args(s: &[u8], mut i: usize) -> Vec<(usize, usize)> {
            let (mut depth, mut start, mut out) = (0usize, i, Vec::new());
            while i < s.len() {
                match s[i] {
                    b'"' => {
                        i += 1;
                        while i < s.len() && s[i] != b'"' {
                            i += if s[i] == b'\\' { 2 } else { 1 };
                        }
                    }
                    b'\'' if s.get(i + 2) == Some(&b'\'') => i += 2,
                    b'/' if s.get(i + 1) == Some(&b'/') => {
                        while i < s.len() && s[i] != b'\n' {
                            i += 1;
                        }
                    }
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' if depth == 0 => {
                        out.push((start, i));
                        return out;
                    }
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => {
                        out.push((start, i));
                        start = i + 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            out
        }
        fn literals(arg: &str) -> Vec<String> {
            arg.split('"').skip(1).step_by(2).filter(|l| !l.is_empty()).map(str::to_string).collect()
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let (mut found, mut unknown) = (Vec::new(), Vec::new());
        for f in files {
            let name = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            if name.ends_with("tests.rs") || name.ends_with("testkit.rs") || name.ends_with("props.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            let bytes = code.as_bytes();
            for (call, pos) in CALLS {
                for (at, _) in code.match_indices(call) {
                    if call == "detected(" && code[..at].ends_with("fn ") {
                        continue;
                    }
                    let a = args(bytes, at + call.len());
                    let Some((from, to)) = a.get(pos) else { continue };
                    let arg = code[*from..*to].trim();
                    let lits = literals(arg);
                    if arg == "\"\"" {
                        continue; // no detail
                    }
                    if !lits.is_empty() {
                        let at = format!("{name}: {}", arg.lines().next().unwrap_or(""));
                        found.extend(lits.into_iter().map(|l| (at.clone(), l)));
                        continue;
                    }
                    match PASS_THROUGH.iter().find(|(file, expr, _)| *file == name && *expr == arg) {
                        Some((_, _, 0)) => {}
                        Some((_, _, window)) => {
                            let before: Vec<&str> = code[..at].lines().collect();
                            let lines = &before[before.len().saturating_sub(*window)..];
                            let at = format!("{name}: bound before `{arg}`");
                            found.extend(lines.iter().flat_map(|l| literals(l)).map(|l| (at.clone(), l)));
                        }
                        None => unknown.push((name.clone(), arg.to_string())),
                    }
                }
            }
        }
        (found, unknown)
    }

    /// Every detail the library emits has a Chinese and an English phrase (RULES.md §1.6: outcomes
    /// are reported in both languages), and is snake_case; a detail that is not a literal at its
    /// call is a known pass-through ([`PASS_THROUGH`]).
    #[test]
    fn every_emitted_detail_has_a_message() {
        let (found, unknown) = emitted_details();
        assert!(found.len() > 200, "the scan found only {} detail literals", found.len());
        let missing: Vec<&Site> = found.iter().filter(|(_, d)| lookup(d).is_none()).collect();
        assert!(missing.is_empty(), "details without a message in DETAILS: {missing:?}");
        for (at, d) in &found {
            assert!(d.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), "{at}: {d:?}");
        }
        assert!(
            unknown.is_empty(),
            "details that are not a literal at their call (put the literal there or list it in PASS_THROUGH): {unknown:?}"
        );
        for c in crate::investment::accountability::AccCause::ALL {
            assert!(lookup(c.as_str()).is_some(), "accountability cause {} has no message", c.as_str());
        }
        // Every entry is complete.
        for (d, zh, en) in DETAILS {
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{d}");
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
