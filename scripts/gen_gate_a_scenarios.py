#!/usr/bin/env python3
"""Writes the shared scenarios of RULES.md §3.5 A5, A6 and A7 (issue 9, stage gates):
tests/fixtures/scenarios/gate_a5_emergency_payment.json, gate_a6_budget_after_works.json,
gate_a7_county_route.json and gate_a7_external_approval.json.

Run from the repository root: python3 scripts/gen_gate_a_scenarios.py. The files are committed;
the Rust conformance, C, Python and Java suites replay them through a Workspace.
"""
import json
import os

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "tests", "fixtures", "scenarios")
SCHEMA = "tests/fixtures/README.md scenario: "


def command(machine, pid, instance, code, event, actor, date, facts, org=None, mode=None):
    c = {"stream": {"machine": machine, "project_id": pid, "instance": instance}, "project_code": code,
         "event": event, "actor": actor}
    if org:
        c["actor_org"] = org
    c["date"] = date
    c["facts"] = facts
    if mode:
        c["mode"] = mode
    return c


def ok(to, outcomes=()):
    return {"ok": True, "to": to, "outcomes": [{"kind": k, "rule": r, "detail": d} for k, r, d in outcomes]}


def rejected(rule):
    return {"ok": False, "error": "rule_violation", "rule_id": rule}


def refused():
    return {"ok": False, "error": "transition_error"}


def ref(kind, r):
    return {"kind": kind, "ref": r}


def write(name, doc):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# A5: the payment gate of an emergency change
# ---------------------------------------------------------------------------------------------

def a5():
    pid, code, ia = "GA5", "2403-411300-04-01-000105", "南阳市水利局"
    steps = []

    def inv(event, actor, date, facts, expect, org=None):
        steps.append({"command": command("inv", pid, pid, code, event, actor, date, facts, org), "expect": expect})

    def chg(cid, event, actor, date, facts, expect):
        org = ia if actor == "industry_authority" else None
        steps.append({"command": command("change", pid, cid, code, event, actor, date, facts, org), "expect": expect})

    steps.append({"command": command("inv", pid, pid, code, "import_legacy", "project_unit", "2024-03-01", {
        "project_id": pid, "project_code": code, "name": "白河右岸堤防加固工程", "sector": "water",
        "nature": "non_operating", "mode": "direct_investment", "total": "100000000.00",
        "unit_kind": "admin_or_public_unit", "industry_authority_org": ia, "state": "under_construction",
        "fsr_estimate": "100000000.00", "estimate": "100000000.00", "original_estimate": "100000000.00",
        "certified_completed": "75000000.00", "budget": "95000000.00", "paid_total": "49000000.00",
        "contracts": [{"contract_id": "K-C", "lot": "construction", "paid": "49000000.00", "price": "50000000.00"}],
    }, mode="record"), "expect": ok("under_construction")})
    order = {
        "change_id": "E-1",
        "contracts": [{"contract_id": "K-C", "price_after": "51000000.00"}],
        "description": "K4+100段管涌险情，增设高压旋喷防渗墙",
        "estimate_delta": {"after": "100000000.00", "before": "100000000.00"},
        "order_date": "2024-03-04",
        "report_ref": ref("opinion", "白河管理处险情专报〔2024〕3号"),
        "situation": "41.2",
    }
    chg("E-1", "emergency_change_order", "project_unit", "2024-03-04", order, ok("change_emergency_ordered"))
    inv("request_payment", "project_unit", "2024-03-04", {
        "amount": "1500000.00", "contract_id": "K-C", "in_budget_scope": True, "item_id": "works",
        "progress_cap": "51000000.00", "request_id": "R1"}, ok("under_construction"))
    approve_r1 = {"ref": ref("approval", "宛财建拨〔2024〕R1号"), "request_id": "R1"}
    # Before the confirmation the emergency money is not in play: over the contract price.
    inv("approve_payment", "finance", "2024-03-04", approve_r1, rejected("INV-35.3"))
    chg("E-1", "confirm_emergency_change", "industry_authority", "2024-03-05",
        {"ref": ref("approval", "宛水建管〔2024〕11号")}, ok("change_confirmed"))
    # Confirmed: the 1,000,000.00 above the price awaits the 48.1 finance review.
    inv("approve_payment", "finance", "2024-03-05", approve_r1, rejected("INV-48.1"))
    chg("E-1", "finance_review_change", "finance", "2024-03-06",
        {"ref": ref("opinion", "宛财评审〔2024〕21号")}, ok("change_confirmed"))
    # Reviewed: above the contract price it is an INV-43 case (超合同总价).
    inv("approve_payment", "finance", "2024-03-06", approve_r1, rejected("INV-43"))
    chg("E-1", "consent_extra_funds", "municipal_government", "2024-03-07", {
        "cause_analysis": ref("opinion", "E-1 超合同原因分析"), "ref": ref("consent", "宛政办函〔2024〕9号"),
        "responsibility": ref("opinion", "E-1 责任界定")}, refused())
    chg("E-1", "file_post_hoc_change", "project_unit", "2024-03-08", {
        "evidence": [ref("evidence", "险情影像及监理旁站记录 E-1")],
        "materials": [ref("change", "工程变更预算书 E-1")]}, ok("change_post_hoc_filed"))
    chg("E-1", "approve_change", "industry_authority", "2024-03-11",
        {"ref": ref("approval", "宛水建管〔2024〕13号"), "situation": "41.2"}, ok("change_implemented"))
    inv("approve_payment", "finance", "2024-03-11", approve_r1, rejected("INV-43"))
    chg("E-1", "consent_extra_funds", "municipal_government", "2024-03-12", {
        "cause_analysis": ref("opinion", "E-1 超合同原因分析"), "ref": ref("consent", "宛政办函〔2024〕9号"),
        "responsibility": ref("opinion", "E-1 责任界定")}, ok("change_implemented"))
    inv("approve_payment", "finance", "2024-03-12", approve_r1, ok("under_construction"))
    # A second emergency change, rejected post hoc: nothing becomes payable beyond what was.
    order2 = dict(order, change_id="E-2", contracts=[{"contract_id": "K-C", "price_after": "52000000.00"}],
                  description="下游护坡抢险", order_date="2024-03-18", report_ref=ref("opinion", "险情专报〔2024〕5号"))
    chg("E-2", "emergency_change_order", "project_unit", "2024-03-18", order2, ok("change_emergency_ordered"))
    chg("E-2", "confirm_emergency_change", "industry_authority", "2024-03-19",
        {"ref": ref("approval", "宛水建管〔2024〕15号")}, ok("change_confirmed"))
    chg("E-2", "finance_review_change", "finance", "2024-03-19",
        {"ref": ref("opinion", "宛财评审〔2024〕25号")}, ok("change_confirmed"))
    chg("E-2", "file_post_hoc_change", "project_unit", "2024-03-20", {
        "evidence": [ref("evidence", "险情影像 E-2")], "materials": [ref("change", "工程变更预算书 E-2")]},
        ok("change_post_hoc_filed"))
    chg("E-2", "reject_change", "industry_authority", "2024-03-22",
        {"reasons": "不属于突发事件、紧急情况", "ref": ref("opinion", "宛水建管〔2024〕17号")},
        ok("change_rejected", [("finding", "INV-40.2", "implemented_before_approval"),
                               ("warning", "INV-50", "review_required")]))
    inv("request_payment", "project_unit", "2024-03-25", {
        "amount": "2000000.01", "contract_id": "K-C", "in_budget_scope": True, "item_id": "works",
        "progress_cap": "52000000.00", "request_id": "R2"}, ok("under_construction"))
    inv("approve_payment", "finance", "2024-03-25",
        {"ref": ref("approval", "宛财建拨〔2024〕R2号"), "request_id": "R2"}, rejected("INV-35.3"))
    write("gate_a5_emergency_payment.json", {
        "_schema": SCHEMA + "RULES.md §3.5 A5 (§3.3.7 payable column): the payment gate of a reported emergency "
        "change. Contract K-C 50,000,000.00, paid 49,000,000.00; emergency order E-1 (δ 0.00 on the estimate, "
        "drawn from contingency) raises K-C to 51,000,000.00. A payment of 1,500,000.00 (0.5M above the price) is "
        "over_contract (V INV-35.3) until confirm_emergency_change brings the money into play; then it waits for "
        "the 48.1 finance review (V INV-48.1 no_finance_review); reviewed, it is above the contract price, an "
        "INV-43 case (V INV-43 no_gov_consent) whose consent needs the post-hoc approve_change first "
        "(TransitionError); after the approval and the consent it is paid. E-2 (K-C to 52,000,000.00), confirmed "
        "and reviewed, is rejected post hoc: finding INV-40.2, warning INV-50 review_required (no automatic case), "
        "and a payment taking K-C's payments to 51,000,000.01 (paid 49,000,000.00 + 2,000,000.01; R1 is approved, not "
        "disbursed) stays over_contract — nothing became payable beyond the ceiling E-1 set.",
        "name": "emergency change: payable after confirmation and review, 43 above the price, nothing after a rejection",
        "steps": steps,
        "final": {"as_of": "2024-12-31", "stream": "inv/" + pid, "state": "under_construction",
                  "findings": ["F-INV-40.2"]},
    })


# ---------------------------------------------------------------------------------------------
# A6: the budget review after the works on emergency_merged
# ---------------------------------------------------------------------------------------------

def a6():
    pid, code = "GA6", "2407-411300-04-01-000106"
    steps = []

    def inv(event, actor, date, facts, expect, org=None):
        steps.append({"command": command("inv", pid, pid, code, event, actor, date, facts, org), "expect": expect})

    pending = [("warning", "INV-25.1", "budget_review_pending")]
    inv("register_project", "project_unit", "2024-07-22", {
        "project_id": pid, "project_code": code, "name": "白河城区段堤防水毁应急修复", "sector": "water",
        "nature": "non_operating", "mode": "direct_investment", "total": "30000000.00",
        "unit_kind": "admin_or_public_unit", "industry_authority_org": "南阳市水利局"}, ok("reserve"))
    inv("recognize_emergency", "municipal_government", "2024-07-23", {
        "builder": "南阳市白河水利工程管理处", "content": "堤身塌陷段拆除重建", "funding_sources": ["市级财政预算资金"],
        "ref": ref("minutes", "南阳市人民政府防汛专题会议纪要〔2024〕7号"), "scope": "K3+200至K5+650"}, ok("reserve"))
    inv("submit_fsr", "project_unit", "2024-07-26", {
        "compiled_by": "self",
        "contents": ["feasibility", "social_benefit", "resources", "environment", "stability_risk", "funding"],
        "energy_review_opinion": {"na_reason": "水毁修复不新增用能"}, "fsr_estimate": "30000000.00",
        "land_site_opinion": {"na_reason": "原址修复，不新增用地"}}, ok("fsr_review"))
    inv("approve_fsr", "drc", "2024-07-31", {
        "fsr_estimate": "30000000.00", "needs_cd_design": False,
        "platform_ref": ref("approval", "豫投资平台 2024-07-31 A6"), "ref": ref("approval", "宛发改审批〔2024〕106号"),
        "tender_required": []}, ok("fsr_approved"))
    inv("award_contract", "project_unit", "2024-08-01", {
        "contract_id": "K-QX", "contractor": "河南省水利第一工程局", "in_budget_scope": True, "lot": "construction",
        "price": "29000000.00", "price_adjustment_clause": True, "procured_by": "direct"}, ok("fsr_approved", pending))
    inv("record_funding", "project_unit", "2024-08-01", {
        "sources": [{"amount": "30000000.00", "source": "municipal_budget", "year": 2024}]}, ok("fsr_approved"))
    inv("complete_survey", "project_unit", "2024-08-01",
        {"ref": ref("approval", "宛水勘〔2024〕21号")}, ok("fsr_approved"))
    inv("start_construction", "project_unit", "2024-08-02", {
        "permit_ref": ref("approval", "宛水建管〔2024〕33号"), "planned_end": "2024-12-31"},
        {"ok": True, "to": "under_construction"})
    inv("submit_budget", "project_unit", "2024-08-20", {"amount": "29500000.00", "kind": "works_budget"},
        ok("under_construction"))
    inv("refuse_approval", "finance", "2024-08-30", {
        "reasons": ["工程量清单不全"], "ref": ref("opinion", "宛财评审退〔2024〕6号"), "review": "budget"},
        ok("under_construction"))
    inv("complete_works", "project_unit", "2024-12-20", {}, ok("works_completed"))
    inv("pass_acceptance", "project_unit", "2025-01-10",
        {"ref": ref("completion_acceptance", "宛水验〔2025〕2号")}, ok("accepted"))
    settle = {"amount": "29000000.00", "ref": ref("settlement", "宛财结〔2025〕3号")}
    inv("approve_settlement", "finance", "2025-01-20", settle, rejected("INV-25.1"))
    inv("submit_budget", "project_unit", "2025-01-21", {"amount": "29500000.00", "kind": "works_budget"},
        ok("accepted", [("default_breach", "INV-25.2", "resubmission")]))
    inv("approve_budget", "finance", "2025-01-24", {
        "budget": "29500000.00", "ref": ref("budget_review_report", "宛财评审〔2025〕4号")}, ok("accepted"))
    inv("approve_settlement", "finance", "2025-01-27", settle, ok("settled"))
    write("gate_a6_budget_after_works.json", {
        "_schema": SCHEMA + "RULES.md §3.5 A6 (AMB-58): on emergency_merged the works start before the budget "
        "review (GB := GA; W INV-25.1 budget_review_pending at the award and the start; the untendered emergency "
        "works contract, 招标投标法 第六十六条, lets the start follow from fsr_approved), and the budget review "
        "follows the works: submit_budget and a budget refuse_approval under construction, submit_budget and "
        "approve_budget after the acceptance, the state kept each time. The settlement before B is V INV-25.1 "
        "no_budget_review; after B it is accepted.",
        "name": "emergency project: the budget review follows the works",
        "steps": steps,
        "final": {"as_of": "2025-01-31", "stream": "inv/" + pid, "state": "settled", "findings": []},
    })


# ---------------------------------------------------------------------------------------------
# A7: county and external routes
# ---------------------------------------------------------------------------------------------

FULL = ["feasibility", "social_benefit", "resources", "environment", "stability_risk", "funding"]


def fsr(amount):
    return {"compiled_by": "self", "contents": FULL, "energy_review_opinion": {"na_reason": "不新增用能"},
            "fsr_estimate": amount, "land_site_opinion": {"na_reason": "原址改建，不新增用地"}}


def supervision(cid):
    return {"contract_id": cid, "contractor": "河南省建设监理有限公司", "lot": "supervision", "price": "150000.00",
            "procured_by": "other_competitive"}


def a7_county():
    steps = []

    def inv(pid, code, event, actor, date, facts, expect):
        steps.append({"command": command("inv", pid, pid, code, event, actor, date, facts), "expect": expect})

    def register(pid, code, total, flags=None):
        f = {"project_id": pid, "project_code": code, "name": "县城道路改造", "sector": "transport",
             "nature": "non_operating", "mode": "direct_investment", "total": total, "level": "county",
             "unit_kind": "admin_or_public_unit", "industry_authority_org": "方城县交通运输局"}
        if flags:
            f["route_flags"] = flags
        inv(pid, code, "register_project", "project_unit", "2024-04-01", f, ok("reserve"))

    def approve(pid, code, amount, n):
        inv(pid, code, "approve_fsr", "drc", "2024-04-15", {
            "fsr_estimate": amount, "platform_ref": ref("approval", "豫投资平台 2024-04-15 " + n),
            "ref": ref("approval", "方发改审批〔2024〕" + n + "号"), "tender_required": []}, ok("fsr_approved"))

    # 10,000,000.00: §4.1 without the county step is FSR-only; A := F at the FSR approval.
    p, c = "GA7C1", "2404-411322-04-01-000701"
    register(p, c, "10000000.00")
    inv(p, c, "submit_fsr", "project_unit", "2024-04-02", fsr("10000000.00"), ok("fsr_review"))
    approve(p, c, "10000000.00", "7")
    inv(p, c, "award_contract", "project_unit", "2024-04-16", supervision("K-JL"), ok("fsr_approved"))
    # 10,000,000.01 with in_plan: direct_fsr; A waits for the design and the verified estimate.
    p, c = "GA7C2", "2404-411322-04-01-000702"
    register(p, c, "10000000.01", {"in_plan": True})
    inv(p, c, "submit_fsr", "project_unit", "2024-04-02", fsr("10000000.01"), ok("fsr_review"))
    approve(p, c, "10000000.01", "8")
    inv(p, c, "award_contract", "project_unit", "2024-04-16", supervision("K-JL"), rejected("INV-6"))
    # 30,000,000.00 without a 15.3 condition: standard; the FSR needs the proposal first.
    p, c = "GA7C3", "2404-411322-04-01-000703"
    register(p, c, "30000000.00")
    inv(p, c, "submit_fsr", "project_unit", "2024-04-02", fsr("30000000.00"), rejected("INV-13.1"))
    write("gate_a7_county_route.json", {
        "_schema": SCHEMA + "RULES.md §3.5 A7 (AMB-59), county_rules with county_adopts_inv: GA and A follow §4.1 "
        "computed with the county step skipped on the county total, the county bodies in the municipal roles. "
        "A county FSR of 10,000,000.00 is FSR-only (15.1 以下 IN): its approval fixes A and a supervision "
        "contract is awarded at once. 10,000,000.01 with in_plan is direct_fsr: the supervision award before the "
        "design and estimate is V INV-6 before_project_approval (+ INV-23.1 no_approved_estimate). 30,000,000.00 "
        "without a 15.3 condition is standard: the FSR without the proposal is V INV-13.1 proposal_required.",
        "name": "county route: GA and A by §4.1 without the county step",
        "config": {"county_adopts_inv": True},
        "steps": steps,
        "final": {"as_of": "2024-12-31", "stream": "inv/GA7C1", "state": "fsr_approved", "findings": []},
    })


def a7_external():
    steps = []
    body = "河南省发展和改革委员会"

    def inv(pid, code, event, actor, date, facts, expect, org=None):
        steps.append({"command": command("inv", pid, pid, code, event, actor, date, facts, org), "expect": expect})

    def project(pid, code, n, approval, org, award_expect):
        inv(pid, code, "register_project", "project_unit", "2024-05-06", {
            "project_id": pid, "project_code": code, "name": "中央预算内投资水库除险加固", "sector": "water",
            "nature": "non_operating", "mode": "direct_investment", "total": "8000000.00",
            "unit_kind": "admin_or_public_unit", "industry_authority_org": "南阳市水利局",
            "route_flags": {"seeks_central_provincial_funds": True}}, ok("reserve"))
        inv(pid, code, "submit_fsr", "project_unit", "2024-05-07", fsr("8000000.00"), ok("fsr_review"))
        facts = {"fsr_estimate": "8000000.00", "platform_ref": ref("approval", "豫投资平台 2024-05-20 " + n),
                 "ref": ref("approval", "豫发改农经〔2024〕" + n + "号"), "tender_required": []}
        facts.update(approval)
        inv(pid, code, "approve_fsr", "drc", "2024-05-20", facts, ok("fsr_approved"), org)
        inv(pid, code, "award_contract", "project_unit", "2024-05-21", supervision("K-JL"), award_expect)

    project("GA7E1", "2405-411300-04-01-000711", "71", {"estimate": "8200000.00"}, body, ok("fsr_approved"))
    project("GA7E2", "2405-411300-04-01-000712", "72", {"no_estimate": True}, body, ok("fsr_approved"))
    project("GA7E3", "2405-411300-04-01-000713", "73", {"estimate": "8200000.00"}, None, rejected("INV-6"))
    project("GA7E4", "2405-411300-04-01-000714", "74", {}, body, rejected("INV-6"))
    write("gate_a7_external_approval.json", {
        "_schema": SCHEMA + "RULES.md §3.5 A7 (AMB-59), external route (central/provincial policy funds, 15.5): GA "
        "needs the external approval recorded — approve_fsr by drc with actor_org naming the external body — and "
        "A is the estimate it approves (approve_fsr.estimate 8,200,000.00: supervision award Ok); the approved F "
        "is A only where it states no_estimate: true (Ok). The same approval without the body named, or naming "
        "the body with neither fact, leaves GA unmet: the supervision award is V INV-6 before_project_approval.",
        "name": "external route: the external approval and its estimate",
        "steps": steps,
        "final": {"as_of": "2024-12-31", "stream": "inv/GA7E1", "state": "fsr_approved", "findings": []},
    })


if __name__ == "__main__":
    a5()
    a6()
    a7_county()
    a7_external()
