#!/usr/bin/env python3
"""Writes the INV scenario fixtures of RULES.md §3.4 and §3.5 D1–D4 built on the standard route:
tests/fixtures/scenarios/later_inv_*.json.

Each starts from a prefix of tests/fixtures/scenarios/inv_standard_route.json (the standard route,
every step clean) and adds the acts of its row at the boundary. Run from the repository root:
python3 scripts/gen_later_scenarios.py. The files are committed; the Rust conformance, C and Python
suites replay them through a Workspace.
"""
import copy
import json
import os

HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "tests", "fixtures", "scenarios")
SCHEMA = "tests/fixtures/README.md scenario: "


def standard_route():
    with open(os.path.join(OUT, "inv_standard_route.json")) as f:
        return json.load(f)["steps"]


def prefix(until_event, nth=1):
    """The standard route's steps up to and including the nth `until_event`."""
    out, seen = [], 0
    for s in standard_route():
        out.append(copy.deepcopy(s))
        if s["command"]["event"] == until_event:
            seen += 1
            if seen == nth:
                return out
    raise KeyError(until_event)


def step_of(event, nth=1):
    seen = 0
    for s in standard_route():
        if s["command"]["event"] == event:
            seen += 1
            if seen == nth:
                return copy.deepcopy(s)
    raise KeyError(event)


def inv(event, actor, date, facts, expect, mode=None):
    c = {"stream": {"machine": "inv", "project_id": "P1", "instance": "P1"},
         "project_code": "2307-411300-04-01-000001", "event": event, "actor": actor, "date": date, "facts": facts}
    if mode:
        c["mode"] = mode
    return {"command": c, "expect": expect}


def ok(to=None, outcomes=None):
    e = {"ok": True}
    if to:
        e["to"] = to
    if outcomes is not None:
        e["outcomes"] = [{"kind": k, "rule": r, "detail": d} for k, r, d in outcomes]
    return e


def rejected(rule):
    return {"ok": False, "error": "rule_violation", "rule_id": rule}


def write(fname, name, schema, steps, final=None, config=None):
    doc = {"_schema": SCHEMA + schema, "name": name}
    if config:
        doc["config"] = config
    doc["steps"] = steps
    if final:
        doc["final"] = final
    with open(os.path.join(OUT, fname), "w") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def opinion(r, date=None):
    d = {"kind": "opinion", "ref": r}
    if date:
        d["date"] = date
    return d


def inv_22():
    """INV-22: the four assessments on or before the approval (same day IN, the day after OUT)."""
    steps = prefix("submit_fsr")
    approve = step_of("approve_fsr")
    facts = approve["command"]["facts"]
    date = approve["command"]["date"]  # 2023-08-15

    def with_risk(risk_date):
        f = copy.deepcopy(facts)
        f["major_impact"] = True
        f["assessments"] = {
            "expert": opinion("宛发改评审〔2023〕33号", "2023-08-08"),
            "intermediary": opinion("豫咨评〔2023〕118号", "2023-08-01"),
            "public": opinion("公众参与调查报告", "2023-07-28"),
            "risk": opinion("宛卫稳评〔2023〕7号", risk_date),
        }
        return f

    steps.append(inv("approve_fsr", "drc", date, with_risk("2023-08-16"), rejected("INV-22")))
    steps.append(inv("approve_fsr", "drc", date, with_risk("2023-08-15"), ok("fsr_approved", [])))
    write("later_inv_22_assessment_dates.json",
          "INV-22 assessments dated after the approval they underpin: the day after vs the same day",
          "RULES.md §3.4 INV-22 (「在中介服务机构评估、公众参与、专家评议、风险评估的基础上作出是否批准的决定」). "
          "A major-impact FSR approved on 2023-08-15: a risk assessment dated 2023-08-16 (the day after) is "
          "V INV-22 assessment_after_approval (rejected, nothing changed); dated 2023-08-15 (the same day) the "
          "approval is accepted without outcome.",
          steps)
    steps = prefix("submit_fsr")
    steps.append(inv("approve_fsr", "drc", date, with_risk("2023-08-16"),
                     ok("fsr_approved", [("finding", "INV-22", "assessment_after_approval")]), mode="record"))
    write("later_inv_22_assessment_recorded.json",
          "INV-22 assessment dated after the approval, entered in record mode",
          "RULES.md §3.4 INV-22 in record mode (RULES.md §1.6): the approval already made on 2023-08-15 on a "
          "risk assessment dated 2023-08-16 is appended with the finding INV-22 assessment_after_approval.",
          steps, final={"as_of": "2023-12-31", "stream": "inv/P1", "state": "fsr_approved",
                        "findings": ["F-INV-22"]})
    steps = prefix("submit_fsr")
    steps.append(inv("approve_fsr", "drc", date, with_risk(None),
                     ok("fsr_approved", [("warning", "INV-22", "assessment_undated")])))
    write("later_inv_22_assessment_undated.json",
          "INV-22 assessment without a date",
          "RULES.md §3.4 INV-22: an assessment record without a date cannot be checked against the approval: "
          "accepted with W INV-22 assessment_undated.",
          steps)


def inv_19_1():
    """INV-19.1: the consultancy contract named by the FSR against the ledger (warning)."""
    steps = prefix("approve_proposal")
    sub = step_of("submit_fsr")
    facts = copy.deepcopy(sub["command"]["facts"])
    facts["compiled_by"] = "consultancy"
    facts["consultancy_contract"] = "K-ZX"
    facts = dict(sorted(facts.items()))
    steps.append(inv("submit_fsr", "project_unit", "2023-08-01", facts,
                     ok("fsr_review", [("warning", "INV-19.1", "consultancy_contract_unrecorded")])))
    steps.append(inv("refuse_approval", "drc", "2023-08-08",
                     {"reasons": ["咨询合同未登记，请补充采购记录后重新报批"],
                      "ref": {"kind": "approval", "ref": "宛发改退〔2023〕3号"}, "review": "fsr"},
                     ok("proposal_approved", [])))
    steps.append(inv("award_contract", "project_unit", "2023-08-09",
                     {"contract_id": "K-ZX", "contractor": "河南省工程咨询有限公司", "lot": "other_service",
                      "price": "680000.00", "procured_by": "other_competitive"}, ok("proposal_approved", [])))
    steps.append(inv("submit_fsr", "project_unit", "2023-08-10", facts, ok("fsr_review", [])))
    write("later_inv_19_1_consultancy_contract.json",
          "INV-19.1 consultancy contract against the ledger",
          "RULES.md §3.4 INV-19.1 (「项目单位应当自行或依法采购工程咨询机构编制可行性研究报告」). An FSR compiled by "
          "a consultancy whose contract K-ZX the ledger lacks is accepted with W INV-19.1 "
          "consultancy_contract_unrecorded (the contract may predate the log); after the refusal the unit records "
          "the preparatory (class P, other_service) contract and the resubmitted FSR is clean.",
          steps)


def inv_28():
    """INV-28: an included plan entry without its contents (warning), then complete."""
    route = standard_route()
    submit = copy.deepcopy(next(s for s in route if s["command"]["event"] == "submit_for_plan"))
    draft = copy.deepcopy(next(s for s in route if s["command"]["event"] == "compile_draft"))
    steps = [submit]
    bare = copy.deepcopy(draft)
    for d in bare["command"]["facts"]["decisions"]:
        for k in ("name", "content", "scale", "period", "total"):
            d.pop(k, None)
    bare["expect"] = ok("plan_drafted", [("warning", "INV-28", "plan_entry_incomplete")])
    steps.append(bare)
    no_period = copy.deepcopy(draft)
    no_period["command"]["facts"]["decisions"][0].pop("period")
    no_period["expect"] = ok("plan_drafted", [("warning", "INV-28", "plan_entry_incomplete")])
    steps.append(no_period)
    draft["expect"] = ok("plan_drafted", [])
    steps.append(draft)
    write("later_inv_28_plan_entry.json",
          "INV-28 plan entry contents",
          "RULES.md §3.4 INV-28 (「市级政府投资年度计划应当包括…（三）具体项目名称、建设内容和规模、建设工期、项目总投资、"
          "年度投资额以及资金来源」). A draft whose included entry has only the annual amount and source, then one "
          "without the period, is accepted with W INV-28 plan_entry_incomplete (the plan is the meeting's document: "
          "flagged, not blocked); the recompiled draft with every content is clean.",
          steps, final={"as_of": "2023-11-30", "stream": "plan/2024", "state": "plan_drafted", "findings": []})


def inv_9_1_52_2():
    """INV-9.1 off_platform (finding at the approval) and INV-52.2 disclosure (20th vs 21st working day)."""
    steps = prefix("submit_proposal")
    ap = step_of("approve_proposal")  # 2023-07-20
    del ap["command"]["facts"]["platform_ref"]
    ap["expect"] = ok("proposal_approved", [("finding", "INV-9.1", "off_platform")])
    steps.append(ap)
    disclose = lambda date, r: inv("record_disclosure", "drc", date,  # noqa: E731
                                   {"ref": {"kind": "approval", "ref": r, "date": date}, "subject": "approval"},
                                   ok(None, []) if date == "2023-08-17" else
                                   ok(None, [("finding", "INV-52.2", "late")]))
    # 2023-07-20 + 20 working days = 2023-08-17 (IN).
    steps.append(disclose("2023-08-17", "南阳市发改委网站 2023-08-17 公开"))
    sub = step_of("submit_fsr")
    sub["command"]["date"] = "2023-08-18"
    steps.append(sub)
    fsr = step_of("approve_fsr")
    fsr["command"]["date"] = "2023-08-21"
    steps.append(fsr)
    # 2023-08-21 + 20 working days = 2023-09-18; the 21st (2023-09-19) is late.
    steps.append(disclose("2023-09-19", "南阳市发改委网站 2023-09-19 公开"))
    write("later_inv_9_1_52_2_platform_disclosure.json",
          "INV-9.1 approval off the platform; INV-52.2 disclosure on the 20th and the 21st working day",
          "RULES.md §3.4 INV-9.1 (「各类审批事项都应通过河南省投资项目在线审批监管平台…办理」): the proposal approved "
          "on 2023-07-20 without platform_ref is accepted with the finding INV-9.1 off_platform. INV-52.2 "
          "(「政府投资项目审批和实施…的信息应依法公开」; disclosure_due_days 20 working days, 《政府信息公开条例》第二十六条): "
          "that approval disclosed on 2023-08-17, its 20th working day, is on time; the FSR approval of "
          "2023-08-21 disclosed on 2023-09-19, the 21st working day, is accepted with the finding late.",
          steps, final={"as_of": "2023-12-31", "stream": "inv/P1", "state": "fsr_approved",
                        "findings": ["F-INV-9.1", "F-INV-52.2"]})


def inv_32_1():
    """INV-32.1: EPC outside the named case is a warning (after GA), never a refusal."""
    with open(os.path.join(OUT, "gate_04_epc.json")) as f:
        base = json.load(f)["steps"][:5]
    reg, sub, fsr, tender, award = base
    reg["command"]["facts"]["lacks_capacity"] = False
    w = [("warning", "INV-32.1", "outside_art32_case")]
    reg["expect"] = ok("reserve", w)
    sub["expect"] = ok("fsr_review", [])
    fsr["expect"] = ok("fsr_approved", [])
    tender["expect"] = ok("procurement", w)
    award["expect"] = ok("procurement", [])
    write("later_inv_32_1_epc_outside_case.json",
          "INV-32.1 EPC outside the named case: warnings, not refusals",
          "RULES.md §3.4 INV-32.1 (「对因项目单位缺乏…不具备自行组织建设能力的非经营性政府投资项目，可以…在完成审批程序后"
          "采用工程总承包方式实施」): 「可以」 permits in the named case and prohibits nothing else. The FSR-only project of "
          "§3.3.9 example 4 registered for EPC by a unit that does not lack capacity: W INV-32.1 outside_art32_case "
          "at the registration and at the EPC tender (the award that follows it is clean), each accepted after GA.",
          [reg, sub, fsr, tender, award])


def inv_5():
    """INV-5 scope: own funds (5.4 S), contradictory modes (input error), approval_required."""
    reg = step_of("register_project")
    facts = reg["command"]["facts"]
    steps = []
    own = dict(facts, mode="own_funds")
    steps.append(inv("register_project", "project_unit", "2023-07-03", own,
                     {"ok": False, "error": "rule_violation", "rule_id": "INV-5.4"}))
    steps.append(inv("register_project", "project_unit", "2023-07-03", dict(facts, own_funds_only=True),
                     {"ok": False, "error": "input_error", "reason": "mode_contradicts_funds"}))
    steps.append(inv("register_project", "project_unit", "2023-07-03", dict(own, approval_required=True),
                     ok("reserve", [])))
    write("later_inv_5_scope.json",
          "INV-5 scope: own funds outside the machine unless approval is required",
          "RULES.md §3.4 INV-5 (5 「直接投资，是指政府安排政府投资资金投入非经营性项目…」; 5.4 「利用自有资金…原则上按照"
          "企业投资项目进行管理，有审批制要求的项目除外」). Mode own_funds without approval_required is outside the INV "
          "machine (S INV-5.4 enterprise_regime, rejected in both modes); own_funds_only with direct_investment "
          "is contradictory input (InputError mode_contradicts_funds); own_funds with approval_required runs "
          "the machine.",
          steps)


def pay(rid, kind, amount, cap, deducted=None, date="2024-06-03"):
    f = {"amount": amount, "contract_id": "K-C", "in_budget_scope": True, "item_id": "I-CI", "kind": kind,
         "progress_cap": cap, "request_id": rid}
    if deducted:
        f["advance_deducted"] = deducted
    return dict(sorted(f.items())), date


def d1_advance():
    """§3.5 D1: advances against the contract's advance share; progress net of the advance outstanding."""
    steps = prefix("start_construction")
    steps.append(inv("award_contract", "project_unit", "2024-02-05",
                     {"advance_percent": 35, "contract_id": "K-SV", "contractor": "南阳市建设监理有限公司",
                      "lot": "supervision", "price": "1000000.00", "procured_by": "other_competitive"},
                     ok("under_construction", [("warning", "INV-35.3", "advance_above_30_percent")])))
    approve = lambda rid, date, exp: inv("approve_payment", "finance", date,  # noqa: E731
                                         {"ref": {"kind": "approval", "ref": "宛财支付-" + rid}, "request_id": rid}, exp)
    disb = lambda rid, amount, date: inv("disburse_payment", "finance", date,  # noqa: E731
                                         {"amount": amount, "request_id": rid}, ok("under_construction", []))
    f, _ = pay("ADV-1", "advance", "27000000.01", "0.01")
    steps.append(inv("request_payment", "project_unit", "2024-03-01", f, ok("under_construction", [])))
    steps.append(approve("ADV-1", "2024-03-04", rejected("INV-35.3")))
    f, _ = pay("ADV-2", "advance", "27000000.00", "0.01")
    steps.append(inv("request_payment", "project_unit", "2024-03-05", f, ok("under_construction", [])))
    steps.append(approve("ADV-2", "2024-03-06", ok("under_construction", [])))
    steps.append(disb("ADV-2", "27000000.00", "2024-03-08"))
    f, _ = pay("R1", "progress", "7300000.01", "10000000.00", "2700000.00")
    steps.append(inv("request_payment", "project_unit", "2024-06-03", f, ok("under_construction", [])))
    steps.append(approve("R1", "2024-06-05", rejected("INV-35.3")))
    f, _ = pay("R2", "progress", "7300000.00", "10000000.00", "2700000.00")
    steps.append(inv("request_payment", "project_unit", "2024-06-06", f, ok("under_construction", [])))
    steps.append(approve("R2", "2024-06-07", ok("under_construction", [])))
    steps.append(disb("R2", "7300000.00", "2024-06-12"))
    write("later_inv_d1_advance.json",
          "§3.5 D1 advance payments against the contract's advance share",
          "RULES.md §3.5 D1 (财建〔2004〕369号 第十二条 「包工包料工程的预付款原则上不低于合同金额的10%，不高于30%」). "
          "A supervision contract agreeing 35 % is W INV-35.3 advance_above_30_percent at the award. On K-C "
          "(90,000,000.00, no agreed share: advance_max_percent 30) an advance of 27,000,000.01 is V INV-35.3 "
          "over_contract, 27,000,000.00 is paid (its progress cap is not read). A progress certificate of "
          "10,000,000.00 recovering 2,700,000.00: 27,000,000.00 − (27,000,000.00 − 2,700,000.00) + 7,300,000.01 "
          "exceeds it (V over_progress), 7,300,000.00 is paid.",
          steps)


def d4_retention():
    """§3.5 D4: retention money after closing, capped by the contract's settled amount."""
    steps = prefix("complete_final_accounts")
    for s in steps:
        if s["command"]["event"] == "approve_settlement":
            s["command"]["facts"]["contracts"] = [{"amount": "34500000.00", "contract_id": "K-C"}]
    approve = lambda rid, date, exp: inv("approve_payment", "finance", date,  # noqa: E731
                                         {"ref": {"kind": "approval", "ref": "宛财支付-" + rid}, "request_id": rid}, exp)
    f, _ = pay("RET-1", "retention", "4500000.01", "34500000.00")
    steps.append(inv("request_payment", "project_unit", "2027-10-15", f, ok("closed", [])))
    steps.append(approve("RET-1", "2027-10-18", rejected("INV-35.3")))
    f, _ = pay("RET-2", "retention", "4500000.00", "34500000.00")
    steps.append(inv("request_payment", "project_unit", "2027-10-19", f, ok("closed", [])))
    steps.append(approve("RET-2", "2027-10-20", ok("closed", [])))
    steps.append(inv("disburse_payment", "finance", "2027-10-22", {"amount": "4500000.00", "request_id": "RET-2"},
                     ok("closed", [])))
    write("later_inv_d4_retention.json",
          "§3.5 D4 retention money after closing, capped by the settlement",
          "RULES.md §3.5 D4 (建质〔2017〕138号 第二、八、十、十一条: 缺陷责任期满后返还质量保证金). The standard route closed on "
          "2025-10-14 with K-C settled at 34,500,000.00 (30,000,000.00 paid). Two years later retention money of "
          "4,500,000.01 is V INV-35.3 over_settlement, 4,500,000.00 is approved and disbursed with no INV-12.2 "
          "judgment (no 2027 plan entry); the project stays closed.",
          steps, final={"as_of": "2027-12-31", "stream": "inv/P1", "state": "closed", "findings": []})


def plan_step(year, event, actor, date, facts, expect, co_actors=None):
    c = {"stream": {"machine": "plan", "instance": str(year)}, "event": event, "actor": actor, "date": date,
         "facts": facts}
    if co_actors:
        c["co_actors"] = co_actors
    return {"command": c, "expect": expect}


def pay_cycle(rid, contract, amount, cap, dates, disb_expect, scope=False, item="I-CI"):
    """request, approve and disburse one payment; the disbursement expects `disb_expect`."""
    req, appr, disb = dates
    f = {"amount": amount, "in_budget_scope": scope, "item_id": item, "progress_cap": cap, "request_id": rid}
    if contract:
        f["contract_id"] = contract
    return [inv("request_payment", "project_unit", req, dict(sorted(f.items())), ok(None, [])),
            inv("approve_payment", "finance", appr,
                {"ref": {"kind": "approval", "ref": "宛财支付-" + rid}, "request_id": rid}, ok(None, [])),
            inv("disburse_payment", "finance", disb, {"amount": amount, "request_id": rid}, disb_expect)]


def d2_preparatory():
    """§3.5 D2: class-P payments on the plan's preparatory-fee line, up to the decision's amount."""
    steps = prefix("register_project")
    steps.append(inv("award_contract", "project_unit", "2023-07-05",
                     {"contract_id": "K-CC", "contractor": "南阳市工程造价咨询有限公司", "lot": "cost_consulting",
                      "price": "300000.00", "procured_by": "other_competitive"}, ok("reserve", [])))
    for s in standard_route():
        if s["command"]["stream"]["machine"] == "plan":
            s = copy.deepcopy(s)
            if s["command"]["event"] == "compile_draft":
                d = s["command"]["facts"]["decisions"][0]
                d["decision"] = "preparatory"
                d["annual_amount"] = "200000.00"
            steps.append(s)
    not_in_plan = ok("reserve", [("default_breach", "INV-12.2", "not_in_plan")])
    steps += pay_cycle("R1", "K-CC", "150000.00", "150000.00", ("2024-02-01", "2024-02-02", "2024-02-05"),
                       ok("reserve", []), item="I-CC")
    steps += pay_cycle("R2", "K-CC", "50000.00", "200000.00", ("2024-03-01", "2024-03-04", "2024-03-05"),
                       ok("reserve", []), item="I-CC")
    steps += pay_cycle("R3", "K-CC", "0.01", "200000.01", ("2024-04-01", "2024-04-02", "2024-04-03"),
                       not_in_plan, item="I-CC")
    write("later_inv_d2_preparatory_line.json",
          "§3.5 D2 class-P payments on the plan's preparatory-fee line",
          "RULES.md §3.5 D2 (宛政〔2023〕7号 第二十八条(四) 「拟安排的项目前期工作费用」; 第十二条第二款; AMB-60). A project "
          "in reserve with a cost-consulting contract (class P) is on the 2024 plan's preparatory-fee line "
          "(compile_draft decision preparatory, annual_amount 200,000.00), issued 2024-01-15. Disbursements of "
          "150,000.00 and 50,000.00 (Σ 200,000.00, equality IN) are in plan; a further 0.01 is D INV-12.2 "
          "not_in_plan.",
          steps)


def d2_january():
    """§3.5 D2: a January payment of a continuing project is in plan until the year's plan is issued."""
    steps = prefix("disburse_payment")
    steps += pay_cycle("R2", "K-C", "1000000.00", "31000000.00", ("2025-01-06", "2025-01-08", "2025-01-21"),
                       ok("under_construction", []), scope=True)
    p2 = {"exempt_special": True, "project_id": "P2"}
    steps.append(plan_step(2025, "submit_for_plan", "industry_authority", "2024-10-30", p2,
                           ok("plan_collecting", [])))
    decision = {"annual_amount": "20000000.00", "content": "白河防洪堤加固", "decision": "included",
                "name": "白河防洪堤加固工程", "period": "2025-03 — 2025-12", "project_id": "P2",
                "scale": "堤防 12 公里", "source": "municipal_budget", "total": "40000000.00"}
    steps.append(plan_step(2025, "compile_draft", "drc", "2024-11-20",
                           {"annual_total": "30000000.00", "decisions": [decision], "directions": ["flood control"],
                            "preparatory_fees": "1000000.00", "reserve": "2000000.00"},
                           ok("plan_drafted", []), co_actors=[{"actor": "finance"}]))
    steps.append(plan_step(2025, "submit_draft_to_meeting", "drc", "2024-12-20",
                           {"ref": {"kind": "annual_plan", "ref": "宛发改投资〔2024〕210号"}}, ok("plan_at_meeting", [])))
    steps.append(plan_step(2025, "meeting_decide", "executive_meeting", "2024-12-27",
                           {"minutes_ref": {"kind": "minutes", "ref": "纪要〔2024〕33号"}, "mode": "meeting",
                            "outcome": "decided"}, ok("plan_decided", [])))
    steps.append(plan_step(2025, "issue_plan", "drc", "2025-01-22",
                           {"copies_to": ["industry_authority", "finance", "audit"],
                            "ref": {"kind": "annual_plan", "ref": "宛发改投资〔2025〕2号"}}, ok("plan_issued", [])))
    steps += pay_cycle("R3", "K-C", "0.01", "31000000.01", ("2025-01-22", "2025-01-22", "2025-01-22"),
                       ok("under_construction", [("default_breach", "INV-12.2", "not_in_plan")]), scope=True)
    write("later_inv_d2_january_continuing.json",
          "§3.5 D2 January payments of a continuing project until the year's plan is issued",
          "RULES.md §3.5 D2 (预算法 第五十四条(一): 上一年度结转的支出 before the budget is approved; 宛政〔2023〕7号 "
          "第十二条第二款; AMB-60). P1 is in the issued 2024 plan. A disbursement of 1,000,000.00 on 2025-01-21, "
          "before the 2025 plan is issued, is in plan (续建). The 2025 plan issued on 2025-01-22 lists only P2: "
          "a disbursement that day is D INV-12.2 not_in_plan (until issue_plan: the issue day OUT).",
          steps)


def d3_price_adjustment():
    """§3.5 D3: contract price adjustments under the clause; a rise lifting N above A is a change."""
    steps = prefix("disburse_payment")
    adjust = lambda k, after, date, exp: inv("adjust_contract_price", "project_unit", date,  # noqa: E731
                                             {"basis": {"kind": "evidence", "ref": "南阳市建设工程造价信息 " + date},
                                              "contract_id": k, "price_after": after}, exp)
    review = lambda date, exp: inv("review_price_adjustment", "finance", date,  # noqa: E731
                                   {"ref": {"kind": "approval", "ref": "宛财评调价-" + date}}, exp)
    uc = lambda: ok("under_construction", [])  # noqa: E731
    steps.append(adjust("K-C", "90000000.01", "2024-07-01", rejected("INV-41.5")))
    steps.append(adjust("K-DESIGN", "1900000.00", "2024-07-01", rejected("INV-36")))
    steps.append(adjust("K-C", "89000000.00", "2024-07-01", uc()))
    steps.append(review("2024-07-05", uc()))
    steps.append(adjust("K-C", "90000000.01", "2024-08-01", rejected("INV-41.5")))
    steps.append(adjust("K-C", "90000000.00", "2024-08-01", uc()))
    steps.append(review("2024-08-05", uc()))
    write("later_inv_d3_price_adjustment.json",
          "§3.5 D3 contract price adjustments under the price-adjustment clause",
          "RULES.md §3.5 D3 (宛政〔2023〕7号 第三十六条: the contract's price-adjustment clause; 第四十一条(五)), B16. "
          "On the standard route under construction A = N = 105,000,000.00 and K-C is 90,000,000.00 with the clause. "
          "Raising K-C to 90,000,000.01 would lift N above A: V INV-41.5 through_change_procedure (it must run as a "
          "change). K-DESIGN has no clause: V INV-36 no_price_adjustment_clause. K-C lowered to 89,000,000.00 and "
          "reviewed by finance: the price is 89,000,000.00 and N 104,000,000.00. Then 90,000,000.01 (N "
          "105,000,000.01) is rejected and 90,000,000.00 (N = A, equality IN) is accepted and reviewed.",
          steps)


def a8_county_tasking():
    """§3.5 A8: a county DIG project tasked on the bureau's review of its county's plan."""
    with open(os.path.join(OUT, "later_dig_19_1_county_om.json")) as f:
        base = json.load(f)["steps"]
    by = {s["command"]["event"]: s for s in base}
    reg, demand, collect, task = (copy.deepcopy(by[e]) for e in
                                  ("register_dig_project", "submit_demand_plan", "collect_demands", "issue_task_book"))
    early = copy.deepcopy(task)
    early["command"]["date"] = "2023-12-01"
    early["expect"] = {"ok": False, "error": "rule_violation", "rule_id": "DIG-13.3"}
    review = copy.deepcopy(by["review_county_plan"])
    review["command"]["date"] = "2023-12-05"
    review["command"]["facts"] = {"county": "卧龙区", "project_ids": ["WL-2024"], "year": 2024,
                                  "ref": {"kind": "opinion", "ref": "县级计划审核〔2023〕WL-2024"}}
    review["expect"] = {"ok": True, "to": "demands_collected", "outcomes": []}
    task["command"]["date"] = "2023-12-06"
    task["expect"] = {"ok": True, "to": "tasked", "outcomes": []}
    doc = {"_schema": "tests/fixtures/README.md scenario: RULES.md §3.5 A8 (宛政办〔2023〕12号 第三条第三款 "
                      "「…报市大数据局审核后方可组织实施」): DT for a county DIG project is the bureau's review_county_plan "
                      "for its county and year naming it (project_ids). With the municipal 2024 cycle only at "
                      "demands_collected, the task book for the 卧龙区 project WL-2024 is V DIG-13.3 cycle_not_approved; "
                      "after the bureau's review of the 卧龙区 plan naming WL-2024 the same task book moves "
                      "demand_submitted → tasked.",
           "name": "§3.5 A8 county DIG tasking on the county plan review",
           "steps": [reg, demand, collect, early, review, task]}
    with open(os.path.join(OUT, "later_dig_a8_county_tasking.json"), "w") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    a8_county_tasking()
    d2_preparatory()
    d2_january()
    d3_price_adjustment()
    d1_advance()
    d4_retention()
    inv_9_1_52_2()
    inv_32_1()
    inv_5()
    inv_22()
    inv_19_1()
    inv_28()
