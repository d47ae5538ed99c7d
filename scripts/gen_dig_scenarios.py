#!/usr/bin/env python3
"""Writes the DIG scenario fixtures tests/fixtures/scenarios/dig_*.json (RULES.md §3.2) and the DIG gate
scenarios gate_*.json of RULES.md §3.3.9 and §3.4.

Run from the repository root: python3 scripts/gen_dig_scenarios.py. The files are committed; the
Rust, C and Python suites replay them through a Workspace.
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "scenarios")
CENTER = "南阳市政务大数据中心"
BUREAU = "南阳市政务服务和大数据管理局"
SOE = "南阳数字城市发展有限公司"


def ref(kind, r, **kw):
    d = {"kind": kind, "ref": r}
    d.update(kw)
    return d


class Scenario:
    def __init__(self, name, schema, pid, org):
        self.name, self.schema, self.pid, self.org = name, schema, pid, org
        self.steps = []

    def dig(self, event, actor, date, facts=None, expect=None, mode=None, co=None, org=None):
        c = {"stream": {"machine": "dig", "project_id": self.pid, "instance": self.pid},
             "event": event, "actor": actor, "date": date, "facts": facts or {}}
        if actor == "demand_unit":
            c["actor_org"] = self.org
        elif org:
            c["actor_org"] = org
        if co:
            c["co_actors"] = [{"actor": a, "actor_org": self.org if a == "demand_unit" else o} for a, o in co]
        if mode:
            c["mode"] = mode
        self.steps.append({"command": c, "expect": expect or {"ok": True}})

    def cycle(self, year, event, actor, date, facts, expect=None, co=None):
        c = {"stream": {"machine": "dig_cycle", "instance": str(year)}, "event": event, "actor": actor,
             "date": date, "facts": facts}
        if co:
            c["co_actors"] = [{"actor": a, "actor_org": o} for a, o in co]
        self.steps.append({"command": c, "expect": expect or {"ok": True}})

    def write(self, fname, final, config=None):
        doc = {"_schema": self.schema, "name": self.name}
        if config:
            doc["config"] = config
        doc["steps"] = self.steps
        doc["final"] = final
        with open(os.path.join(OUT, fname), "w") as f:
            f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def ok(to, outcomes=None):
    e = {"ok": True, "to": to}
    if outcomes is not None:
        e["outcomes"] = outcomes
    return e


def no(rule, error="rule_violation"):
    return {"ok": False, "error": error, "rule_id": rule}


def w(rule, detail):
    return {"kind": "warning", "rule": rule, "detail": detail}


def fnd(rule, detail):
    return {"kind": "finding", "rule": rule, "detail": detail}


AMB25 = [w("DIG-32", "amb25_pending_ruling")]
PASS = {"content_consistency": "pass", "data_resource_conformity": "pass",
        "intensive_construction": "pass", "security_compliance": "pass"}


def content(problem, scope, perf, logic):
    return {"problem": problem, "scope_of_use": scope, "function_performance": perf, "functional_logic": logic}


def annual_cycle(s, year, pid, funding, soe_plan=False):
    p = year - 1
    s.cycle(year, "collect_demands", "bigdata_bureau", f"{p}-10-16",
            {"year": year, "demand_ids": [pid], "ref": ref("demand_plan", f"宛数据〔{p}〕41号")},
            ok("demands_collected", []))
    s.cycle(year, "issue_plan_opinion", "bigdata_center", f"{p}-11-10",
            {"ref": ref("plan_opinion", f"宛数据中心〔{p}〕12号")}, ok("opinion_issued", []))
    s.cycle(year, "draft_tasks", "bigdata_bureau", f"{p}-11-30",
            {"ref": ref("task_book", f"宛数据〔{p}〕50号"),
             "tasks": [{"project_id": pid, "construction_mode": "soe", "funding": funding}]},
            ok("tasks_drafted", []))
    s.cycle(year, "approve_tasks", "executive_meeting", f"{p}-12-20",
            {"outcome": "approved", "approved_ids": [pid], "minutes_ref": ref("minutes", f"市政府常务会议纪要〔{p}〕28号")},
            ok("tasks_approved", []))
    if soe_plan:
        s.cycle(year, "approve_soe_investment_plan", "municipal_government", f"{year}-01-05",
                {"year": year, "plan_ref": ref("soe_investment_plan", f"宛政文〔{year}〕3号"),
                 "means": ["capital_injection", "securitisation"]},
                ok("tasks_approved", []))


# 1. City data-sharing platform: special fund, fails initial acceptance once, two trial-run issues.
s = Scenario("city data-sharing platform: special fund, initial acceptance failed once, two trial-run issues, delivered",
             "RULES.md §3.2: the full DIG path of a budget-funded project (DIG-13 to DIG-16, 19, 21, 27.1) with the AMB-25 warning; "
             "a failed initial acceptance sends it back to construction (AMB-32); completion acceptance waits for every trial-run issue (DIG-16.3).",
             "DSP-2024", "南阳市政务服务和大数据管理局数据资源科")
s.dig("register_dig_project", "demand_unit", "2023-09-20",
      {"project_id": "DSP-2024", "name": "南阳市城市数据共享交换平台", "demand_unit_org": s.org, "funding": "special_fund"},
      ok("registered", AMB25))
s.dig("submit_demand_plan", "demand_unit", "2023-10-12",
      {"cycle": 2024, "ref": ref("demand_plan", "数据共享需求方案〔2023〕1号"),
       "contents": [content("departments re-collect the same base data", "all municipal departments",
                            "5,000 exchanges per second, 99.9% availability", "catalogue → request → approval → exchange → audit")],
       "technical_route": "cloud-native on the municipal government cloud"},
      ok("demand_submitted", []))
annual_cycle(s, 2024, "DSP-2024", "special_fund")
s.dig("issue_task_book", "bigdata_bureau", "2024-01-08",
      {"task_book_ref": ref("task_book", "宛数据〔2024〕2号"), "construction_mode": "soe"}, ok("tasked", []))
s.dig("form_proposed_list", "soe", "2024-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2024〕1号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2024-01-22", {"written_ref": ref("opinion", "需求确认函〔2024〕3号")},
      ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2024-02-20",
      {"fsr_ref": ref("fsr", "可研〔2024〕7号"), "total": "18600000.00", "funding": "special_fund"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2024-03-05", {"decision": "consent", "ref": ref("opinion", "审核意见〔2024〕9号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "bigdata_bureau", "2024-03-15", {"total": "18200000.00", "ref": ref("approval", "宛数据〔2024〕15号")},
      ok("fsr_approved", []))
s.dig("entrust_center_supervision", "soe", "2024-03-20", {"ref": ref("contract", "委托监督协议〔2024〕2号")},
      ok("fsr_approved", []), org=SOE)
s.dig("record_security_review", "cac", "2024-03-25", {"result": "pass", "ref": ref("security_review", "网安审〔2024〕4号")},
      ok("fsr_approved", []))
s.dig("start_construction", "soe", "2024-04-01", {"builder": "soe", "date": "2024-04-01"},
      ok("under_construction", []), org=SOE)
s.dig("complete_construction", "soe", "2024-10-15", {"ref": ref("evidence", "完工报告〔2024〕1号")},
      ok("construction_completed", []), org=SOE)
failing = dict(PASS, data_resource_conformity="fail")
s.dig("fail_initial_acceptance", "bigdata_center", "2024-10-25", {"checks": failing}, ok("under_construction", []))
s.dig("start_trial_run", "demand_unit", "2024-10-26", {}, {"ok": False, "error": "transition_error", "state": "under_construction"})
s.dig("complete_construction", "soe", "2024-11-20", {"ref": ref("evidence", "整改完工报告〔2024〕2号")},
      ok("construction_completed", []), org=SOE)
s.dig("pass_initial_acceptance", "bigdata_center", "2024-11-28", {"checks": PASS}, ok("initially_accepted", []))
s.dig("start_trial_run", "demand_unit", "2024-12-02", {}, ok("in_trial_run", []))
s.dig("report_issue", "demand_unit", "2024-12-10", {"issue_id": "I-1", "description": "exchange log misses the requesting user"},
      ok("rectification", []))
s.dig("report_issue", "demand_unit", "2024-12-12", {"issue_id": "I-2", "description": "catalogue search times out above 2,000 items"},
      ok("rectification", []))
s.dig("pass_final_acceptance", "soe", "2024-12-15", {"ref": ref("completion_acceptance", "竣工验收〔2024〕草")},
      no("DIG-16.3"), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
s.dig("rectify_issue", "soe", "2024-12-18", {"issue_id": "I-1", "ref": ref("evidence", "整改报告I-1")}, ok("rectification", []), org=SOE)
s.dig("rectify_issue", "soe", "2024-12-20", {"issue_id": "I-2", "ref": ref("evidence", "整改报告I-2")}, ok("in_trial_run", []), org=SOE)
s.dig("pass_final_acceptance", "soe", "2025-01-15", {"ref": ref("completion_acceptance", "竣工验收〔2025〕1号")},
      ok("final_accepted", []), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
s.dig("deliver", "soe", "2025-01-16",
      {"asset_owner": "soe", "om_owner": "bigdata_center", "operating_nature": False,
       "hardware": [{"item": "exchange cluster", "on_transfer_list": True}]},
      no("DIG-16.5"), org=SOE)
s.dig("sign_off", "demand_unit", "2025-01-18", {"signature_ref": ref("completion_acceptance", "需求部门确认〔2025〕1号")},
      ok("signed_off", []))
s.dig("deliver", "soe", "2025-01-20",
      {"asset_owner": "soe", "om_owner": "bigdata_center", "operating_nature": False,
       "hardware": [{"item": "exchange cluster", "on_transfer_list": True}]},
      ok("in_operation", []), org=SOE)
s.dig("record_security_assessment", "soe", "2025-03-01", {"type": "mlps", "result": "pass", "ref": ref("mlps_assessment", "等保测评〔2025〕8号")},
      ok("in_operation", []), org=SOE)
s.dig("file_final_accounts", "soe", "2025-03-10",
      {"filed_with": {"bigdata_bureau": ref("final_accounts", "决算报备-局"), "finance": ref("final_accounts", "决算报备-财政"),
                      "drc": ref("final_accounts", "决算报备-发改")}},
      ok("in_operation", []), org=SOE)
s.write("dig_data_sharing_platform.json", {"as_of": "2025-03-31", "stream": "dig/DSP-2024", "state": "in_operation", "findings": []})

# 2. Emergency epidemic-reporting system, added with both leaders' consent, built case by case.
s = Scenario("emergency epidemic-reporting system added with both leaders' consent and built case by case",
             "RULES.md §3.2.3, §4.10: an emergency addition needs a category and BOTH consents (DIG-13.7); a sudden-event project "
             "is built case by case (一事一议, DIG-18) after the bureau's decision with both consents; the decision fixes the mode and "
             "the timing, not the approval: the start still needs the approved FSR (DIG-15.1, 25; AMB-26 revised), done the same day.",
             "EPI-2024", "南阳市卫生健康委员会")
s.dig("register_dig_project", "demand_unit", "2024-02-01",
      {"project_id": "EPI-2024", "name": "南阳市传染病疫情直报系统", "demand_unit_org": s.org, "funding": "special_fund"},
      ok("registered", AMB25))
leader = ref("consent", "市领导批示〔2024〕6号", issuer="leader_bigdata")
vice = ref("consent", "常务副市长批示〔2024〕6号", issuer="executive_vice_mayor")
s.dig("emergency_add", "bigdata_bureau", "2024-02-02", {"sudden_event": True, "consent_leader_bigdata": leader}, no("DIG-13.7"))
s.dig("emergency_add", "bigdata_bureau", "2024-02-02",
      {"sudden_event": True, "consent_leader_bigdata": leader, "consent_vice_mayor": vice}, ok("tasked", []))
s.dig("decide_emergency_mode", "bigdata_bureau", "2024-02-03",
      {"construction_mode": "soe", "consent_vice_mayor": vice}, no("DIG-18"))
s.dig("decide_emergency_mode", "bigdata_bureau", "2024-02-03",
      {"construction_mode": "soe", "consent_leader_bigdata": leader, "consent_vice_mayor": vice}, ok("tasked", []))
# DIG-18 decides the mode and the timing, not the approval (AMB-26 revised, RULES.md §3.3.4): without the
# approved FSR the start is refused (DIG-15.1, 25 `no_approved_fsr`); the DIG-14 chain done the same day.
s.dig("start_construction", "soe", "2024-02-04", {"builder": "soe", "date": "2024-02-04"}, no("DIG-15.1"), org=SOE)
s.dig("form_proposed_list", "soe", "2024-02-04", {"list_ref": ref("proposed_list", "拟建清单〔2024〕4号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2024-02-04", {"written_ref": ref("opinion", "需求确认函〔2024〕6号")},
      ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2024-02-04",
      {"fsr_ref": ref("fsr", "可研〔2024〕12号"), "total": "6000000.00", "funding": "special_fund"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2024-02-04", {"decision": "consent", "ref": ref("opinion", "审核意见〔2024〕5号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "bigdata_bureau", "2024-02-04", {"total": "6000000.00", "ref": ref("approval", "宛数据〔2024〕6号")},
      ok("fsr_approved", []))
s.dig("entrust_center_supervision", "soe", "2024-02-04", {"ref": ref("contract", "委托监督协议〔2024〕5号")},
      ok("fsr_approved", []), org=SOE)
s.dig("start_construction", "soe", "2024-02-04", {"builder": "soe", "date": "2024-02-04"},
      ok("under_construction", []), org=SOE)
s.dig("record_security_review", "cac", "2024-02-20", {"result": "pass", "ref": ref("security_review", "网安审〔2024〕9号")},
      ok("under_construction", []))
s.dig("complete_construction", "soe", "2024-03-01", {"ref": ref("evidence", "完工报告〔2024〕3号")},
      ok("construction_completed", []), org=SOE)
s.dig("pass_initial_acceptance", "bigdata_center", "2024-03-05", {"checks": PASS}, ok("initially_accepted", []))
s.dig("start_trial_run", "demand_unit", "2024-03-06", {}, ok("in_trial_run", []))
s.dig("pass_final_acceptance", "soe", "2024-03-20", {"ref": ref("completion_acceptance", "竣工验收〔2024〕5号")},
      ok("final_accepted", []), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
s.dig("sign_off", "demand_unit", "2024-03-21", {"signature_ref": ref("completion_acceptance", "需求部门确认〔2024〕5号")},
      ok("signed_off", []))
s.dig("deliver", "soe", "2024-03-22",
      {"asset_owner": "soe", "om_owner": "bigdata_center", "operating_nature": False}, ok("in_operation", []), org=SOE)
s.write("dig_emergency_epidemic_reporting.json",
        {"as_of": "2024-06-30", "stream": "dig/EPI-2024", "state": "in_operation", "findings": []})

# 3. Self-funded soe project: filed with the drc, never approved by it; no INV parts.
s = Scenario("self-funded smart-parking project of the soe, filed with the drc",
             "RULES.md §4.10 dig_approval_path: a self-funded soe project is approved by the bureau after the center's consent "
             "(DIG-14.4), filed with the drc and never sent for approval (DIG-14.5, AMB-31), executed within the approved soe plan "
             "(DIG-24.2); INV-55 acts are refused (AMB-25); an operating-nature system is run by the soe (DIG-19.3).",
             "PARK-2024", "南阳市城市管理局")
s.dig("register_dig_project", "demand_unit", "2023-09-05",
      {"project_id": "PARK-2024", "name": "南阳市智慧停车平台", "demand_unit_org": s.org, "funding": "soe_self",
       "project_code": "2309-411300-04-01-000318"},
      ok("registered", []))
s.dig("submit_demand_plan", "demand_unit", "2023-10-11",
      {"cycle": 2024, "ref": ref("demand_plan", "停车需求方案〔2023〕2号"),
       "contents": [content("parking spaces cannot be found or paid in one place", "citizens and the city administration",
                            "real-time occupancy of 40,000 spaces", "sensor → occupancy → navigation → payment")]},
      ok("demand_submitted", []))
annual_cycle(s, 2024, "PARK-2024", "soe_self", soe_plan=True)
s.dig("issue_task_book", "bigdata_bureau", "2024-01-08",
      {"task_book_ref": ref("task_book", "宛数据〔2024〕2号"), "construction_mode": "soe"}, ok("tasked", []))
s.dig("form_proposed_list", "soe", "2024-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2024〕1号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2024-01-22", {"written_ref": ref("opinion", "需求确认函〔2024〕5号")}, ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2024-02-20", {"fsr_ref": ref("fsr", "可研〔2024〕11号"), "total": "46000000.00", "funding": "soe_self"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2024-03-05", {"decision": "consent", "ref": ref("opinion", "审核意见〔2024〕13号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "drc", "2024-03-10", {"total": "46000000.00", "ref": ref("approval", "宛发改〔2024〕20号")}, no("DIG-14.4"))
s.dig("approve_fsr", "bigdata_bureau", "2024-03-15", {"total": "45000000.00", "ref": ref("approval", "宛数据〔2024〕21号")},
      ok("fsr_approved", []))
s.dig("file_with_drc", "soe", "2024-03-16", {"kind": "approval_request", "ref": ref("approval", "立项申请〔2024〕1号")},
      no("DIG-14.5"), org=SOE)
s.dig("entrust_center_supervision", "soe", "2024-03-17", {"ref": ref("contract", "委托监督协议〔2024〕3号")}, ok("fsr_approved", []), org=SOE)
s.dig("record_security_review", "cac", "2024-03-18", {"result": "pass", "ref": ref("security_review", "网安审〔2024〕6号")},
      ok("fsr_approved", []))
s.dig("start_construction", "soe", "2024-03-20", {"builder": "soe", "date": "2024-03-20"}, no("DIG-14.5"), org=SOE)
s.dig("file_with_drc", "soe", "2024-03-21", {"kind": "filing", "ref": ref("filing", "企业投资项目备案〔2024〕77号")},
      ok("fsr_approved", []), org=SOE)
s.dig("record_dig_funding", "soe", "2024-03-22", {"source": "soe_self", "amount": "30000000.00"}, ok("fsr_approved", []), org=SOE)
s.dig("start_construction", "soe", "2024-04-01", {"builder": "soe", "date": "2024-04-01"}, ok("under_construction", []), org=SOE)
s.dig("suspend", "bigdata_bureau", "2024-05-01", {"finding_ref": "F-INV-55.1#12"}, no("DIG-14.5"))
s.dig("suspend", "bigdata_bureau", "2024-05-01", {"finding_ref": "F-INV-55.1#12"}, no("DIG-14.5"), mode="record")
s.dig("complete_construction", "soe", "2024-11-01", {"ref": ref("evidence", "完工报告〔2024〕6号")}, ok("construction_completed", []), org=SOE)
s.dig("pass_initial_acceptance", "bigdata_center", "2024-11-10", {"checks": PASS}, ok("initially_accepted", []))
s.dig("start_trial_run", "demand_unit", "2024-11-12", {}, ok("in_trial_run", []))
s.dig("pass_final_acceptance", "soe", "2025-02-12", {"ref": ref("completion_acceptance", "竣工验收〔2025〕3号")},
      ok("final_accepted", []), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
s.dig("sign_off", "demand_unit", "2025-02-14", {"signature_ref": ref("completion_acceptance", "需求部门确认〔2025〕3号")}, ok("signed_off", []))
s.dig("deliver", "soe", "2025-02-20",
      {"asset_owner": "soe", "om_owner": "bigdata_center", "operating_nature": True}, no("DIG-19.3"), org=SOE)
s.dig("deliver", "soe", "2025-02-20",
      {"asset_owner": "soe", "om_owner": "soe", "operating_nature": True,
       "hardware": [{"item": "geomagnetic sensors", "on_transfer_list": False}]},
      ok("in_operation", []), org=SOE)
s.write("dig_soe_self_funded_drc_filing.json",
        {"as_of": "2025-03-31", "stream": "dig/PARK-2024", "state": "in_operation", "findings": []})

# 4. Record mode: facts already on the ground that broke the rules.
s = Scenario("record mode: a plan modified with one approval, a trial run before initial acceptance, delivery without sign-off",
             "RULES.md §1.6 record mode: violations of DIG-13.5, 16.2 and 16.5 are appended as findings (F-DIG-13.5, F-DIG-16.2, "
             "F-DIG-16.5); input, transition and scope failures still reject.",
             "GRID-2025", "南阳市委政法委员会")
s.dig("register_dig_project", "demand_unit", "2024-09-02",
      {"project_id": "GRID-2025", "name": "南阳市网格化社会治理平台", "demand_unit_org": s.org, "funding": "soe_self"},
      ok("registered", []))
s.dig("submit_demand_plan", "demand_unit", "2024-10-14",
      {"cycle": 2025, "ref": ref("demand_plan", "网格需求方案〔2024〕1号"),
       "contents": [content("grid events are reported on paper", "1,200 grid workers",
                            "event closed within 48 hours", "report → dispatch → handle → review")]},
      ok("demand_submitted", []))
s.dig("modify_demand_plan", "demand_unit", "2024-10-28",
      {"consent_ref": ref("consent", "同意修改〔2024〕2号", issuer="bigdata_bureau"), "ref": ref("demand_plan", "网格需求方案〔2024〕1号-修")},
      no("DIG-13.5"))
s.dig("modify_demand_plan", "demand_unit", "2024-10-28",
      {"consent_ref": ref("consent", "同意修改〔2024〕2号", issuer="bigdata_bureau"), "ref": ref("demand_plan", "网格需求方案〔2024〕1号-修")},
      ok("demand_submitted", [fnd("DIG-13.5", "no_demonstration")]), mode="record")
annual_cycle(s, 2025, "GRID-2025", "soe_self", soe_plan=True)
s.dig("issue_task_book", "bigdata_bureau", "2025-01-08",
      {"task_book_ref": ref("task_book", "宛数据〔2025〕2号"), "construction_mode": "soe"}, ok("tasked", []))
s.dig("form_proposed_list", "soe", "2025-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2025〕1号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2025-01-22", {"written_ref": ref("opinion", "需求确认函〔2025〕1号")}, ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2025-02-20", {"fsr_ref": ref("fsr", "可研〔2025〕3号"), "total": "9800000.00", "funding": "soe_self"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2025-03-01", {"decision": "consent", "ref": ref("opinion", "审核意见〔2025〕2号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "bigdata_bureau", "2025-03-10", {"total": "9800000.00", "ref": ref("approval", "宛数据〔2025〕9号")}, ok("fsr_approved", []))
s.dig("file_with_drc", "soe", "2025-03-11", {"kind": "filing", "ref": ref("filing", "企业投资项目备案〔2025〕12号")}, ok("fsr_approved", []), org=SOE)
s.dig("entrust_center_supervision", "soe", "2025-03-12", {"ref": ref("contract", "委托监督协议〔2025〕1号")}, ok("fsr_approved", []), org=SOE)
s.dig("record_security_review", "cac", "2025-03-13", {"result": "pass", "ref": ref("security_review", "网安审〔2025〕2号")}, ok("fsr_approved", []))
s.dig("start_construction", "soe", "2025-03-20", {"builder": "soe", "date": "2025-03-20"}, ok("under_construction", []), org=SOE)
s.dig("complete_construction", "soe", "2025-08-01", {"ref": ref("evidence", "完工报告〔2025〕1号")}, ok("construction_completed", []), org=SOE)
s.dig("start_trial_run", "demand_unit", "2025-08-02", {}, no("DIG-16.2"))
s.dig("start_trial_run", "demand_unit", "2025-08-02", {}, ok("in_trial_run", [fnd("DIG-16.2", "no_initial_acceptance")]), mode="record")
s.dig("pass_final_acceptance", "soe", "2025-10-10", {"ref": ref("completion_acceptance", "竣工验收〔2025〕7号")},
      ok("final_accepted", []), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
s.dig("deliver", "soe", "2025-10-12", {"asset_owner": "soe", "om_owner": "bigdata_center"}, no("DIG-16.5"), org=SOE)
s.dig("deliver", "soe", "2025-10-12", {"asset_owner": "soe", "om_owner": "bigdata_center"},
      ok("in_operation", [fnd("DIG-16.5", "no_sign_off")]), mode="record", org=SOE)
s.dig("sign_off", "demand_unit", "2025-10-20", {"signature_ref": ref("completion_acceptance", "补签")},
      {"ok": False, "error": "transition_error", "state": "in_operation"})
s.write("dig_record_mode_breaches.json",
        {"as_of": "2025-12-31", "stream": "dig/GRID-2025", "state": "in_operation",
         "findings": ["F-DIG-13.5", "F-DIG-16.2", "F-DIG-16.5"]})


# 5. AMB-25: a special-fund project runs the INV payment and change parts on its own chain.
s = Scenario("special-fund smart-education platform: INV payment and change parts on the DIG chain (AMB-25)",
             "RULES.md §3.2.3, AMB-25: a budget-funded DIG project carries the INV payment (35.3), change (41) and INV-55 parts "
             "with project_unit := soe, industry_authority := bigdata_bureau, A = A0 = the approved FSR total, in plan = tasked; "
             "each such entry carries warning DIG-32 amb25_pending_ruling; a DIG suspension blocks the implementation of a change.",
             "EDU-2024", "南阳市教育局")
s.dig("register_dig_project", "demand_unit", "2023-09-10",
      {"project_id": "EDU-2024", "name": "南阳市智慧教育公共服务平台", "demand_unit_org": s.org, "funding": "special_fund"},
      ok("registered", AMB25))
s.dig("submit_demand_plan", "demand_unit", "2023-10-13",
      {"cycle": 2024, "ref": ref("demand_plan", "教育需求方案〔2023〕4号"),
       "contents": [content("schools run separate, incompatible systems", "primary and secondary schools of the city",
                            "200,000 concurrent users", "identity → course → homework → evaluation")]},
      ok("demand_submitted", []))
annual_cycle(s, 2024, "EDU-2024", "special_fund")
s.dig("issue_task_book", "bigdata_bureau", "2024-01-08",
      {"task_book_ref": ref("task_book", "宛数据〔2024〕2号"), "construction_mode": "soe"}, ok("tasked", []))
s.dig("form_proposed_list", "soe", "2024-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2024〕1号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2024-01-22", {"written_ref": ref("opinion", "需求确认函〔2024〕8号")}, ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2024-02-20", {"fsr_ref": ref("fsr", "可研〔2024〕9号"), "total": "30000000.00", "funding": "special_fund"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2024-03-05", {"decision": "consent", "ref": ref("opinion", "审核意见〔2024〕11号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "bigdata_bureau", "2024-03-15", {"total": "28000000.00", "ref": ref("approval", "宛数据〔2024〕18号")},
      ok("fsr_approved", []))
s.dig("entrust_center_supervision", "soe", "2024-03-16", {"ref": ref("contract", "委托监督协议〔2024〕4号")}, ok("fsr_approved", []), org=SOE)
s.dig("record_security_review", "cac", "2024-03-17", {"result": "pass", "ref": ref("security_review", "网安审〔2024〕7号")},
      ok("fsr_approved", []))
s.dig("start_construction", "soe", "2024-04-01", {"builder": "soe", "date": "2024-04-01"}, ok("under_construction", []), org=SOE)


def inv(event, actor, date, facts, expect, stream="inv", instance="EDU-2024", co=None, org=None):
    c = {"stream": {"machine": stream, "project_id": "EDU-2024", "instance": instance},
         "event": event, "actor": actor, "date": date, "facts": facts}
    if org:
        c["actor_org"] = org
    if co:
        c["co_actors"] = [{"actor": a, "actor_org": ""} for a in co]
    s.steps.append({"command": c, "expect": expect})


inv("award_contract", "soe", "2024-04-10",
    {"contract_id": "K-1", "contractor": "南阳教育科技有限公司", "in_budget_scope": True, "items": ["platform"],
     "lot": "construction", "price": "20000000.00", "price_adjustment_clause": True, "procured_by": "tender"},
    {"ok": True, "outcomes": AMB25}, org=SOE)
inv("request_payment", "soe", "2024-05-10",
    {"amount": "6000000.00", "contract_id": "K-1", "in_budget_scope": True, "item_id": "platform",
     "progress_cap": "6000000.00", "request_id": "R-1"}, {"ok": True, "outcomes": AMB25}, org=SOE)
inv("approve_payment", "finance", "2024-05-12", {"ref": ref("approval", "宛财支付〔2024〕1号"), "request_id": "R-1"},
    {"ok": True, "outcomes": AMB25})
inv("disburse_payment", "finance", "2024-05-15", {"amount": "6000000.00", "request_id": "R-1", "wage_account_amount": "0.00"},
    {"ok": True, "outcomes": AMB25})
inv("request_payment", "soe", "2024-06-10",
    {"amount": "6000000.01", "contract_id": "K-1", "in_budget_scope": True, "item_id": "platform",
     "progress_cap": "12000000.00", "request_id": "R-2"}, {"ok": True, "outcomes": AMB25}, org=SOE)
inv("approve_payment", "finance", "2024-06-12", {"ref": ref("approval", "宛财支付〔2024〕2号"), "request_id": "R-2"},
    no("INV-35.3"))
inv("propose_change", "soe", "2024-07-01",
    {"change_id": "C-1", "contracts": [], "description": "merge the two parent portals",
     "estimate_delta": {"after": "800000.00", "before": "1000000.00"}, "situation": "41.1"},
    {"ok": True, "to": "change_proposed", "outcomes": AMB25}, stream="change", instance="C-1", org=SOE)
inv("internal_review", "soe", "2024-07-03",
    {"opinions": [{"agree": True, "ref": ref("opinion", f"意见-{u}"), "unit": u}
                  for u in ["survey_unit", "design_unit", "supervision_unit", "contractor"]]},
    {"ok": True, "to": "change_reviewed", "outcomes": AMB25}, stream="change", instance="C-1", org=SOE,
    co=["survey_unit", "design_unit", "supervision_unit", "contractor"])
inv("approve_change", "drc", "2024-07-05", {"ref": ref("approval", "变更批复〔2024〕1号"), "situation": "41.1"},
    no("INV-41"), stream="change", instance="C-1")
inv("approve_change", "bigdata_bureau", "2024-07-05", {"ref": ref("approval", "变更批复〔2024〕1号"), "situation": "41.1"},
    {"ok": True, "to": "change_approved", "outcomes": AMB25}, stream="change", instance="C-1", org=BUREAU)
s.dig("suspend", "bigdata_bureau", "2024-07-08", {"finding_ref": "F-INV-55.3#12"}, ok("suspended", AMB25))
inv("implement_change", "soe", "2024-07-09", {}, no("INV-55.3"), stream="change", instance="C-1", org=SOE)
s.dig("resume", "bigdata_bureau", "2024-07-20", {"rectify_ref": ref("evidence", "整改报告〔2024〕3号")}, ok("under_construction", AMB25))
inv("implement_change", "soe", "2024-07-21", {}, {"ok": True, "to": "change_implemented", "outcomes": AMB25},
    stream="change", instance="C-1", org=SOE)
s.write("dig_special_fund_inv_parts.json",
        {"as_of": "2024-08-31", "stream": "dig/EDU-2024", "state": "under_construction", "findings": []})


# 6. RULES.md §3.3.9 example 15: the DIG start date handed to the INV parts (§3.3.7).
s = Scenario("DIG start date: the start's facts.date is the INV parts' start (INV-55.1)",
             "RULES.md §3.3.7, §3.3.9 example 15: the source of the INV parts' start date is facts.date of the first accepted "
             "DIG start_construction (entry 2024-03-12, facts.date 2024-03-10); a works disbursement dated 2024-03-09 is "
             "F-INV-55.1 site_activity_before_start, one dated 2024-04-10 is not; the DIG approve_fsr date starts the "
             "INV-55.6 clock.",
             "GIS-2024", "南阳市自然资源和规划局")
s.dig("register_dig_project", "demand_unit", "2023-09-12",
      {"project_id": "GIS-2024", "name": "南阳市时空信息云平台", "demand_unit_org": s.org, "funding": "special_fund"},
      ok("registered", AMB25))
s.dig("submit_demand_plan", "demand_unit", "2023-10-12",
      {"cycle": 2024, "ref": ref("demand_plan", "时空需求方案〔2023〕3号"),
       "contents": [content("each department keeps its own base map", "municipal departments",
                            "map tiles within 200 ms", "collect → fuse → publish → share")]},
      ok("demand_submitted", []))
annual_cycle(s, 2024, "GIS-2024", "special_fund")
s.dig("issue_task_book", "bigdata_bureau", "2024-01-08",
      {"task_book_ref": ref("task_book", "宛数据〔2024〕2号"), "construction_mode": "soe"}, ok("tasked", []))
s.dig("form_proposed_list", "soe", "2024-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2024〕1号")},
      ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
s.dig("confirm_demand", "demand_unit", "2024-01-22", {"written_ref": ref("opinion", "需求确认函〔2024〕9号")}, ok("demand_confirmed", []))
s.dig("compile_fsr", "soe", "2024-02-10", {"fsr_ref": ref("fsr", "可研〔2024〕15号"), "total": "12000000.00", "funding": "special_fund"},
      ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
s.dig("center_review_fsr", "bigdata_center", "2024-02-20", {"decision": "consent", "ref": ref("opinion", "审核意见〔2024〕15号")},
      ok("fsr_center_cleared", []))
s.dig("approve_fsr", "bigdata_bureau", "2024-03-01", {"total": "11800000.00", "ref": ref("approval", "宛数据〔2024〕25号")},
      ok("fsr_approved", []))
s.dig("entrust_center_supervision", "soe", "2024-03-05", {"ref": ref("contract", "委托监督协议〔2024〕8号")}, ok("fsr_approved", []), org=SOE)


def part(event, actor, date, facts, org=None):
    c = {"stream": {"machine": "inv", "project_id": "GIS-2024", "instance": "GIS-2024"},
         "event": event, "actor": actor, "date": date, "facts": facts}
    if org:
        c["actor_org"] = org
    s.steps.append({"command": c, "expect": {"ok": True, "outcomes": AMB25}})


def works_payment(rid, date):
    part("request_payment", "soe", date,
         {"amount": "100000.00", "contract_id": "K-1", "in_budget_scope": True, "item_id": "platform",
          "progress_cap": "10000000.00", "request_id": rid}, org=SOE)
    part("approve_payment", "finance", date, {"ref": ref("approval", f"宛财支付〔2024〕{rid}"), "request_id": rid})
    part("disburse_payment", "finance", date, {"amount": "100000.00", "request_id": rid, "wage_account_amount": "0.00"})


part("award_contract", "soe", "2024-03-07",
     {"contract_id": "K-1", "contractor": "南阳测绘信息有限公司", "in_budget_scope": True, "items": ["platform"],
      "lot": "construction", "price": "10000000.00", "price_adjustment_clause": True, "procured_by": "tender"}, org=SOE)
works_payment("R-1", "2024-03-09")
s.dig("start_construction", "soe", "2024-03-12", {"builder": "soe", "date": "2024-03-10"}, ok("under_construction", []), org=SOE)
works_payment("R-2", "2024-04-10")
s.write("gate_15_dig_start_date.json",
        {"as_of": "2024-06-30", "stream": "dig/GIS-2024", "state": "under_construction", "findings": ["F-INV-55.1"]})


# 7–10. RULES.md §3.4, the DIG rows: one scenario per row class.
def built(s, pid, funding, county=None):
    """Registration (warning AMB-25 for budget-funded projects), the 2024 cycle and the DIG-14 chain to signed_off."""
    facts = {"project_id": pid, "name": s.name[:40], "demand_unit_org": s.org, "funding": funding}
    if county:
        facts.update({"level": "county", "county": county})
    s.dig("register_dig_project", "demand_unit", "2023-09-15", facts,
          ok("registered", AMB25 if funding in ("special_fund", "higher_level") else []))
    s.dig("submit_demand_plan", "demand_unit", "2023-10-13",
          {"cycle": 2024, "ref": ref("demand_plan", f"需求方案〔2023〕{pid}"),
           "contents": [content("paper forms", "the demand unit", "1,000 users", "apply → review → archive")]},
          ok("demand_submitted", []))
    annual_cycle(s, 2024, pid, funding, soe_plan=funding in ("soe_self", "market"))
    if county:
        s.cycle(2024, "review_county_plan", "bigdata_bureau", "2024-01-05",
                {"county": county, "year": 2024, "ref": ref("opinion", f"县级计划审核〔2024〕{pid}")}, ok("tasks_approved", []))
    s.dig("issue_task_book", "bigdata_bureau", "2024-01-08",
          {"task_book_ref": ref("task_book", "宛数据〔2024〕2号"), "construction_mode": "soe"}, ok("tasked", []))
    s.dig("form_proposed_list", "soe", "2024-01-15", {"list_ref": ref("proposed_list", "拟建清单〔2024〕1号")},
          ok("listed", []), co=[("bigdata_center", CENTER)], org=SOE)
    s.dig("confirm_demand", "demand_unit", "2024-01-22", {"written_ref": ref("opinion", f"需求确认函〔2024〕{pid}")},
          ok("demand_confirmed", []))
    s.dig("compile_fsr", "soe", "2024-02-10", {"fsr_ref": ref("fsr", f"可研〔2024〕{pid}"), "total": "5000000.00", "funding": funding},
          ok("fsr_drafted", []), co=[("demand_unit", None)], org=SOE)
    s.dig("center_review_fsr", "bigdata_center", "2024-02-20", {"decision": "consent", "ref": ref("opinion", f"审核意见〔2024〕{pid}")},
          ok("fsr_center_cleared", []))
    s.dig("approve_fsr", "bigdata_bureau", "2024-03-01", {"total": "5000000.00", "ref": ref("approval", f"宛数据〔2024〕{pid}")},
          ok("fsr_approved", []))
    if funding in ("soe_self", "market"):
        s.dig("file_with_drc", "soe", "2024-03-02", {"kind": "filing", "ref": ref("filing", f"企业投资项目备案〔2024〕{pid}")},
              ok("fsr_approved", []), org=SOE)
    s.dig("entrust_center_supervision", "soe", "2024-03-05", {"ref": ref("contract", f"委托监督协议〔2024〕{pid}")},
          ok("fsr_approved", []), org=SOE)
    s.dig("record_security_review", "cac", "2024-03-06", {"result": "pass", "ref": ref("security_review", f"网安审〔2024〕{pid}")},
          ok("fsr_approved", []))
    s.dig("start_construction", "soe", "2024-03-10", {"builder": "soe", "date": "2024-03-10"}, ok("under_construction", []), org=SOE)


def accepted(s):
    s.dig("complete_construction", "soe", "2024-09-01", {"ref": ref("evidence", "完工报告")}, ok("construction_completed", []), org=SOE)
    s.dig("pass_initial_acceptance", "bigdata_center", "2024-09-10", {"checks": PASS}, ok("initially_accepted", []))
    s.dig("start_trial_run", "demand_unit", "2024-09-15", {}, ok("in_trial_run", []))
    s.dig("pass_final_acceptance", "soe", "2024-12-01", {"ref": ref("completion_acceptance", "竣工验收")},
          ok("final_accepted", []), co=[("bigdata_bureau", BUREAU), ("demand_unit", None)], org=SOE)
    s.dig("sign_off", "demand_unit", "2024-12-05", {"signature_ref": ref("completion_acceptance", "需求部门确认")}, ok("signed_off", []))


def filed(bureau=False, finance=False, drc=False):
    f = {}
    if bureau:
        f["bigdata_bureau"] = ref("final_accounts", "决算报备-局")
    if finance:
        f["finance"] = ref("final_accounts", "决算报备-财政")
    if drc:
        f["drc"] = ref("final_accounts", "决算报备-发改")
    return {"filed_with": f}


s = Scenario("DIG-26.2 cumulative fiscal money: two records under the threshold, a third reaching it",
             "RULES.md §3.4 DIG-26.2: 大额 is judged on the project's cumulative fiscal money (this record included) against "
             "large_fund_threshold (30,000,000.00, inclusive): 20,000,000.00 + 9,999,999.99 pass without an account, 0.01 more "
             "is a violation (record mode: finding F-DIG-26.2); the soe's own money never counts; after the account, accepted.",
             "FUND-2024", "南阳市财政局")
s.dig("register_dig_project", "demand_unit", "2023-09-15",
      {"project_id": "FUND-2024", "name": "南阳市预算一体化平台", "demand_unit_org": s.org, "funding": "special_fund"},
      ok("registered", AMB25))
annual_cycle(s, 2024, "FUND-2024", "special_fund", soe_plan=True)
s.dig("record_dig_funding", "finance", "2024-03-01", {"source": "special_fund", "amount": "20000000.00"}, ok("registered", []))
s.dig("record_dig_funding", "soe", "2024-03-02", {"source": "soe_self", "amount": "50000000.00"}, ok("registered", []), org=SOE)
s.dig("record_dig_funding", "finance", "2024-03-03", {"source": "higher_level", "amount": "9999999.99"}, ok("registered", []))
s.dig("record_dig_funding", "finance", "2024-03-04", {"source": "other_fiscal", "amount": "0.01"}, no("DIG-26.2"))
s.dig("record_dig_funding", "finance", "2024-03-04", {"source": "other_fiscal", "amount": "0.01"},
      ok("registered", [fnd("DIG-26.2", "no_dedicated_account")]), mode="record")
s.dig("open_dedicated_account", "soe", "2024-03-05",
      {"account_ref": ref("dedicated_account", "专户〔2024〕1号"), "rules_ref": ref("evidence", "专户监管办法〔2024〕1号"),
       "sources": ["special_fund", "higher_level", "other_fiscal"]}, ok("registered", []), org=SOE)
s.dig("record_dig_funding", "finance", "2024-03-06", {"source": "special_fund", "amount": "1000000.00"}, ok("registered", []))
s.write("later_dig_26_2_cumulative_fiscal.json",
        {"as_of": "2024-12-31", "stream": "dig/FUND-2024", "state": "registered", "findings": ["F-DIG-26.2"]},
        config={"large_fund_threshold": "30000000.00"})

s = Scenario("DIG-27.1 accumulating filings: the final accounts filed with the three bodies on different days",
             "RULES.md §3.4 DIG-27.1: each file_final_accounts with any subset of the bureau, finance and the drc is accepted; "
             "the duty opened at deliver (2024-12-10) is due dig_filing_days (180) later, 2025-06-08; the drc filing still "
             "missing on 2025-06-30 is F-DIG-27.1 filing_incomplete.",
             "ACC-2024", "南阳市市场监督管理局")
built(s, "ACC-2024", "soe_self")
accepted(s)
s.dig("deliver", "soe", "2024-12-10", {"asset_owner": "soe", "om_owner": "bigdata_center", "operating_nature": False},
      ok("in_operation", []), org=SOE)
s.dig("file_final_accounts", "soe", "2025-01-10", filed(bureau=True), ok("in_operation", []), org=SOE)
s.dig("file_final_accounts", "soe", "2025-03-10", filed(finance=True), ok("in_operation", []), org=SOE)
s.write("later_dig_27_1_filings.json",
        {"as_of": "2025-06-30", "stream": "dig/ACC-2024", "state": "in_operation", "findings": ["F-DIG-27.1"]})

s = Scenario("DIG-21 failed assessment: the periodic duty met, a rectification due within 90 days",
             "RULES.md §3.4 DIG-21: a failed MLPS assessment discharges the periodic duty (「定期开展」) with warning "
             "assessment_failed and opens a rectification duty due rectification_days (90) later; a passing cryptography "
             "assessment does not rectify it; overdue → F-DIG-21 not_rectified.",
             "SEC-2024", "南阳市公安局")
built(s, "SEC-2024", "soe_self")
s.dig("record_security_assessment", "soe", "2024-06-01",
      {"type": "mlps", "result": "fail", "ref": ref("mlps_assessment", "等保测评〔2024〕3号")},
      ok("under_construction", [w("DIG-21", "assessment_failed")]), org=SOE)
s.dig("record_security_assessment", "soe", "2024-07-01",
      {"type": "crypto", "result": "pass", "ref": ref("crypto_assessment", "密评〔2024〕2号")},
      ok("under_construction", []), org=SOE)
s.write("later_dig_21_failed_assessment.json",
        {"as_of": "2024-08-31", "stream": "dig/SEC-2024", "state": "under_construction", "findings": ["F-DIG-21"]})

s = Scenario("DIG-19.1 municipal only: a county system run by the soe",
             "RULES.md §3.4 DIG-19.1: the center's O&M duty covers 「市级政务信息化系统」 only; a county project (reviewed by the "
             "bureau, DIG-3.3) is delivered with the soe as O&M owner without an outcome.",
             "WL-2024", "卧龙区行政审批和政务信息管理局")
built(s, "WL-2024", "soe_self", county="卧龙区")
accepted(s)
s.dig("deliver", "soe", "2024-12-10", {"asset_owner": "soe", "om_owner": "soe", "operating_nature": False},
      ok("in_operation", []), org=SOE)
s.write("later_dig_19_1_county_om.json",
        {"as_of": "2024-12-31", "stream": "dig/WL-2024", "state": "in_operation", "findings": []})


# Example project files for `wanzheng check` (examples/digital): the accepted commands of two scenarios.
def example(scenario_file, out_name, name, description, as_of):
    with open(os.path.join(OUT, scenario_file)) as f:
        doc = json.load(f)
    commands = [s["command"] for s in doc["steps"] if s["expect"].get("ok", True)]
    ex = {"schema_version": 1, "name": name, "description": description, "as_of": as_of, "commands": commands}
    d = os.path.join(os.path.dirname(__file__), "..", "examples", "digital")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, out_name), "w") as f:
        f.write(json.dumps(ex, ensure_ascii=False, indent=2) + "\n")


example("dig_data_sharing_platform.json", "city_data_sharing_platform.json",
        "南阳市城市数据共享交换平台 (city data-sharing platform)",
        "A special-fund digital project from the 2024 demand collection to delivery: initial acceptance failed once, "
        "two trial-run issues rectified, delivered, assessed and its final accounts filed (宛政办〔2023〕12号).",
        "2025-03-31")
example("dig_record_mode_breaches.json", "violations.json",
        "南阳市网格化社会治理平台 (grid governance platform), recorded after the fact",
        "Record mode: the demand plan modified with the bureau's consent only (DIG-13.5), the trial run started before "
        "initial acceptance (DIG-16.2), delivery without the demand department's sign-off (DIG-16.5).",
        "2025-12-31")
example("dig_emergency_epidemic_reporting.json", "emergency_epidemic_reporting.json",
        "南阳市传染病疫情应急报告系统 (emergency epidemic-reporting system)",
        "A sudden-event project added to the year's plan with the consent of both the city leader in charge of big "
        "data and the executive vice-mayor (DIG-13.7), built case by case (DIG-18) after its FSR was approved the same "
        "day (DIG-25), and delivered.",
        "2024-06-30")
example("dig_soe_self_funded_drc_filing.json", "soe_self_funded_filing.json",
        "南阳智慧停车运营平台 (self-funded SOE smart-parking platform)",
        "The state-owned specialist company builds with its own money: the bureau approves the FSR and the project "
        "is filed with the DRC as an enterprise investment, never sent for DRC approval (DIG-14.5).",
        "2025-03-31")
