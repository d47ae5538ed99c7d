"""Approval screens (issue 13): ``permitted_events`` and ``what_if`` on every stream class.

The shared rows of tests/fixtures/permitted give the JSON Rust and C give, byte for byte
after parsing; ``what_if`` answers what ``apply`` answers on a copy and changes nothing."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wanzheng
from conftest import FIXTURES, register


def load(path: Any) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


ROWS = load(FIXTURES / "permitted" / "rows.json")["rows"]
SCREENS = load(FIXTURES / "permitted" / "screens.json")
STANDARD = load(FIXTURES / "scenarios" / "inv_standard_route.json")


def workspace_after(scenario: dict[str, Any], steps: int) -> wanzheng.Workspace:
    """A workspace with the first ``steps`` commands of a scenario applied (rejections kept out)."""
    ws = wanzheng.Workspace(config=scenario.get("config"))
    for step in scenario["steps"][:steps]:
        try:
            ws.apply(step["command"])
        except wanzheng.InputError:
            pass
    return ws


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_shared_screen(row: dict[str, Any]) -> None:
    """Source: issue 13 — the shared screens: the same JSON as Rust (and C, Java, the CLI)."""
    ws = workspace_after(load(FIXTURES / "scenarios" / row["scenario"]), row["steps"])
    p = ws.permitted_events(row["as_of"], actor=row["actor"])
    assert json.loads(p.to_json()) == SCREENS[row["id"]]
    assert p.to_dict() == SCREENS[row["id"]]
    # The typed objects give back the same JSON, level by level.
    assert [json.loads(s.to_json()) for s in p.streams] == SCREENS[row["id"]]["streams"]
    for s, want in zip(p.streams, SCREENS[row["id"]]["streams"], strict=True):
        assert [e.to_dict() for e in s.events] == want["events"]
        for e, we in zip(s.events, want["events"], strict=True):
            assert [b.to_dict() for b in e.blockers] == we["blockers"]
            assert [c.to_dict() for c in e.cautions] == we["cautions"]
            assert [(o.rule_id, o.duty, o.due.isoformat()) for o in e.discharges] == [
                (d["rule"], d["duty"], d["due"]) for d in we["discharges"]
            ]


def test_typed_screen_at_budget_review() -> None:
    """Source: issue 13 — the typed objects: events, actors, reasons with rule, article and
    both messages; an allowed act with the obligation it discharges; the notebook table."""
    ws = workspace_after(STANDARD, 13)
    p = ws.permitted_events(datetime.date(2023, 10, 20))
    assert p.as_of == datetime.date(2023, 10, 20) and p.actor is None
    inv = p.stream("inv", "P1")
    assert inv is not None and inv.state == "budget_review" and inv.project_id == "P1"
    assert p.stream("change") is not None and p.stream("change", project_id="P9") is None
    budget = inv.event("approve_budget")
    assert budget is not None and budget.allowed and budget.actors == ["finance"]
    assert p.is_allowed("inv", "approve_budget", "P1")
    # record_disclosure discharges the open INV-52.2 disclosures, overdue as of the screen's date.
    disclose = inv.event("record_disclosure")
    assert disclose is not None and disclose.allowed
    assert [(o.rule_id, o.duty, o.subject) for o in disclose.discharges] == [("INV-52.2", "disclosure", "approval")] * 4
    assert all(isinstance(o, wanzheng.Obligation) and o.overdue == (o.due < p.as_of) for o in disclose.discharges)
    assert disclose.discharges[0].due == datetime.date(2023, 8, 17) and disclose.discharges[0].overdue
    assert [e.event for e in inv.allowed()] == [e.event for e in inv.events if e.allowed]
    assert (inv, budget) in p.allowed()
    # An event the state does not take: a transition reason, no rule.
    reg = inv.event("register_project")
    assert reg is not None and not reg.allowed
    [t] = reg.blockers
    assert t.kind == "transition" and t.rule_id is None and t.article is None
    assert "register_project" in t.message_en and t.message_zh
    # For drc, finance's act is blocked by the rule naming the actor, with its article.
    q = ws.permitted_events("2023-10-20", actor="drc")
    assert q.actor == "drc"
    qb = q.stream("inv", "P1")
    assert qb is not None
    row = qb.event("approve_budget")
    assert row is not None and not row.allowed and row.discharges == []
    [b] = row.blockers
    assert b.kind == "violation" and b.detail == "wrong_actor"
    assert b.rule_id is not None and b.article is not None and "第" in b.article
    assert b.message_zh and b.message_en and b.rule_id in str(b)
    assert isinstance(b, wanzheng.Reason) and isinstance(row, wanzheng.PermittedEvent)
    assert isinstance(qb, wanzheng.StreamPermits) and isinstance(q, wanzheng.Permitted)
    assert qb.parts_of is None
    html = q._repr_html_()
    assert html.count("<table>") == len(q) and "approve_budget" in html and b.rule_id in html
    assert repr(q).startswith("Permitted(as_of='2023-10-20', actor='drc'")
    assert "approve_budget" in repr(row) and len(qb) == len(qb.events)
    assert ws.permitted_events("2023-10-20", actor=None) == p


def test_arguments() -> None:
    """Source: issue 13 — actors by id (a str enum member too), dates as ``date`` or ISO text,
    today by default; an unknown actor or a bad date raises ``InputError``."""
    p = register()
    assert p.permitted_events() == p.permitted_events(datetime.date.today())
    assert p.permitted_events("2023-07-04", "project_unit") == p.permitted_events(
        datetime.date(2023, 7, 4), actor="project_unit"
    )
    with pytest.raises(wanzheng.InputError):
        p.permitted_events("2023-07-04", actor="mayor")
    with pytest.raises(wanzheng.InputError):
        p.permitted_events("2023-02-30")
    with pytest.raises(wanzheng.InputError):
        wanzheng.Workspace().permitted_events("2023-07-04", actor="")
    assert wanzheng.Workspace().permitted_events("2023-07-04").streams == []


def test_empty_projects_show_their_creating_event() -> None:
    """Source: issue 13 — a project with no stream yet: its first event is allowed."""
    inv = wanzheng.InvestmentProject.empty().permitted_events("2023-07-03", "project_unit")
    assert inv.streams[0].state == "none" and inv.is_allowed("inv", "register_project")
    dig = wanzheng.DigitalProject.empty().permitted_events("2023-07-03", "demand_unit")
    assert dig.streams[0].machine == "dig" and dig.is_allowed("dig", "register_dig_project")


def test_what_if_on_projects() -> None:
    """Source: issue 13 — ``what_if`` on a project: the transition ``apply`` gives on a copy,
    the project unchanged; a refusal comes back rejected (raised with ``strict``)."""
    p = register()
    log = p.export_log()
    cmd = {"event": "select_route", "actor": "project_unit", "date": "2023-07-04", "facts": {"chosen_route": "standard"}}
    dry = p.what_if(cmd)
    assert dry.accepted and p.export_log() == log and p.state == "reserve"
    twin = copy.copy(p)
    assert twin.apply(cmd) == dry and p.export_log() == log
    wrong = dict(cmd, actor="drc")
    r = p.what_if(wrong)
    assert not r.accepted and isinstance(r.error, wanzheng.RuleViolation)
    assert r == copy.copy(p).apply(wrong)
    with pytest.raises(wanzheng.RuleViolation):
        p.what_if(wrong, strict=True)
    with pytest.raises(wanzheng.InputError):
        p.what_if(dict(cmd, date="2023-07-01"))
    assert p.export_log() == log


def test_what_if_on_a_digital_project() -> None:
    """Source: issue 13 — the digital project class has both calls too."""
    doc = load(FIXTURES / "scenarios" / "dig_special_fund_inv_parts.json")
    steps = [s["command"] for s in doc["steps"] if s["command"]["stream"]["machine"] == "dig"]
    d = wanzheng.DigitalProject.empty(config=doc.get("config"))
    first = d.what_if(steps[0])
    assert first.accepted and len(d) == 0
    assert d.apply(steps[0]) == first and len(d) == 1
    screen = d.permitted_events(steps[1]["date"], steps[1]["actor"])
    assert screen.is_allowed("dig", steps[1]["event"], d.project_id)
    assert d.what_if(steps[1]) == copy.copy(d).apply(steps[1]) and len(d) == 1


def _snapshot(ws: wanzheng.Workspace) -> Any:
    return (ws.states(), json.dumps(ws.report("2026-12-31"), default=str), ws.permitted_events("2026-12-31").to_json())


@given(st.integers(0, len(STANDARD["steps"])), st.integers(0, len(STANDARD["steps"]) - 1))
def test_what_if_equals_apply_on_a_copy(prefix: int, pick: int) -> None:
    """Source: issue 13 — property: after any prefix of the standard route, ``what_if`` of any
    of its commands (in order or not) equals ``apply`` on a copy (same transition, same JSON;
    the same input error when apply raises one), and the workspace is unchanged."""
    ws = workspace_after(STANDARD, prefix)
    twin = workspace_after(STANDARD, prefix)
    cmd = STANDARD["steps"][pick]["command"]
    before = _snapshot(ws)
    try:
        dry = ws.what_if(cmd)
    except wanzheng.InputError as e:
        with pytest.raises(wanzheng.InputError) as applied:
            twin.apply(cmd)
        assert (e.reason, str(e)) == (applied.value.reason, str(applied.value))
    else:
        t = twin.apply(cmd)
        assert dry == t and dry.to_json() == t.to_json()
    assert _snapshot(ws) == before


def test_standard_route_each_step_listed_then_dry_run_then_applied() -> None:
    """Source: issue 13 — walking the standard route: every step whose stream exists is listed
    as allowed for its actor on its date, and its dry run is its transition."""
    ws = wanzheng.Workspace(config=STANDARD.get("config"))
    listed = 0
    for step in STANDARD["steps"]:
        cmd = step["command"]
        s = cmd["stream"]
        screen = ws.permitted_events(cmd["date"], cmd["actor"])
        if any(x.machine == s["machine"] for x in screen.streams):
            assert screen.is_allowed(s["machine"], cmd["event"], s["instance"], s.get("project_id")), cmd["event"]
            listed += 1
        dry = ws.what_if(cmd)
        assert ws.apply(cmd) == dry
    assert listed == len(STANDARD["steps"]) - 2
