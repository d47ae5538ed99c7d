"""InvestmentProject: create, apply, state, history, obligations, audit, replay, JSON, pickling,
equality, reprs."""

from __future__ import annotations

import copy
import datetime
import pickle
from decimal import Decimal

import pytest

import wanzheng
from conftest import HOSPITAL, register

WITHDRAW = {"event": "withdraw_project", "actor": "project_unit", "date": "2023-07-04", "facts": {"reason": "no funds"}}
WRONG_ACTOR = {**WITHDRAW, "actor": "drc"}


def test_create_from_facts(project: wanzheng.InvestmentProject) -> None:
    assert project.project_id == "P1"
    assert project.state == "reserve"
    assert project.total == Decimal("120000000.00")
    assert len(project) == 1
    h = project.history[0]
    assert h["event"] == "register_project" and h["seq"] == 1 and h["to"] == "reserve"
    assert h["date"] == datetime.date(2023, 7, 3)
    assert h["project_code"] == "2307-411300-04-01-000001"


def test_registration_refused_raises() -> None:
    """Source: INV-60 — before 2023-06-01 the registration is out of scope."""
    with pytest.raises(wanzheng.RuleViolation) as e:
        register(date="2023-05-31")
    assert e.value.rule_id == "INV-60" and e.value.article == "第六十条"


def test_apply_accepted(project: wanzheng.InvestmentProject) -> None:
    t = project.apply(WITHDRAW)
    assert t.accepted and t.seq == 2
    assert (t.machine, t.event, t.from_state, t.to_state) == ("inv", "withdraw_project", "reserve", "withdrawn")
    assert "INV-8" in t.rules
    assert t.outcomes == [] and t.rule_id is None and t.error is None
    assert t.raise_for_rejection() is t
    assert project.state == "withdrawn"


def test_apply_rejected_changes_nothing(project: wanzheng.InvestmentProject) -> None:
    before = project.to_json()
    t = project.apply(WRONG_ACTOR)
    assert not t.accepted and t.seq is None
    assert t.rule_id == "INV-8" and t.article == "第八条"
    assert t.message_zh and t.message_en and "INV-8" in t.message_en
    assert t.outcomes == [wanzheng.Outcome("violation", "INV-8", "wrong_actor")]
    assert isinstance(t.error, wanzheng.RuleViolation)
    with pytest.raises(wanzheng.RuleViolation):
        t.raise_for_rejection()
    assert project.to_json() == before


def test_strict_raises(project: wanzheng.InvestmentProject) -> None:
    with pytest.raises(wanzheng.RuleViolation):
        project.apply(WRONG_ACTOR, strict=True)
    with pytest.raises(wanzheng.TransitionError):
        project.apply(
            {"event": "register_project", "actor": "project_unit", "date": "2023-07-04",
             "facts": project.history[0]["facts"]},
            strict=True,
        )


def test_transition_rejection_is_an_outcome(project: wanzheng.InvestmentProject) -> None:
    project.apply(WITHDRAW)
    t = project.apply({**WITHDRAW, "date": "2023-07-05"})
    assert not t.accepted
    assert isinstance(t.error, wanzheng.TransitionError)
    assert t.from_state == t.to_state == "withdrawn"
    assert t.message_en is not None and "terminal" in t.message_en


def test_record_mode_keeps_the_violation_as_finding(project: wanzheng.InvestmentProject) -> None:
    t = project.apply({**WRONG_ACTOR, "mode": wanzheng.Mode.RECORD})
    assert t.accepted
    assert t.outcomes == [wanzheng.Outcome(wanzheng.OutcomeKind.FINDING, "INV-8", "wrong_actor")]
    [f] = project.audit(as_of="2023-12-31")
    assert f.code == "F-INV-8" and f.seqs == [2] and f.date == datetime.date(2023, 7, 4)
    assert f.reference == "F-INV-8#2" and f.source == "stored" and f.article == "第八条"
    assert project.findings(as_of=datetime.date(2023, 12, 31)) == [f]
    assert project.audit(as_of="2023-07-03") == []


def test_obligations_and_audit_default_to_today(project: wanzheng.InvestmentProject) -> None:
    assert project.obligations() == []
    assert project.audit() == []


def test_date_before_the_log_is_an_input_error(project: wanzheng.InvestmentProject) -> None:
    with pytest.raises(wanzheng.InputError) as e:
        project.apply({**WITHDRAW, "date": "2023-07-01"})
    assert e.value.reason == "date_before_log"


def test_replay_from_log_and_history(project: wanzheng.InvestmentProject) -> None:
    project.apply({**WRONG_ACTOR, "mode": "record"})
    assert wanzheng.InvestmentProject.replay(project.export_log()) == project
    assert wanzheng.InvestmentProject.replay(project.history) == project


def test_replay_detects_tampering(project: wanzheng.InvestmentProject) -> None:
    log = project.export_log().replace("120000000.00", "130000000.00")
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.InvestmentProject.replay(log)
    assert e.value.reason == "broken_chain"


def test_json_round_trip(project: wanzheng.InvestmentProject) -> None:
    project.apply(WITHDRAW)
    back = wanzheng.InvestmentProject.from_json(project.to_json())
    assert back == project and back is not project
    assert back.history == project.history


def test_pickle_copy_and_equality(project: wanzheng.InvestmentProject) -> None:
    project.apply(WITHDRAW)
    for other in (pickle.loads(pickle.dumps(project)), copy.copy(project), copy.deepcopy(project)):
        assert other == project
    assert project != register()
    assert project != "P1"
    with pytest.raises(TypeError):
        hash(project)


def test_config_travels_with_the_project() -> None:
    p = wanzheng.InvestmentProject.empty(config={"inv48_3_inclusive": True})
    assert pickle.loads(pickle.dumps(p)).config["inv48_3_inclusive"] is True


def test_repr_is_constructor_like(project: wanzheng.InvestmentProject) -> None:
    assert repr(project) == (
        "InvestmentProject(project_id='P1', state='reserve', total=Decimal('120000000.00'), events=1)"
    )
    assert repr(wanzheng.InvestmentProject.empty()) == "InvestmentProject(project_id='', state=None, events=0)"
    assert str(project) == "P1 Hospital expansion [reserve], 1 events"


def test_notebook_reprs(project: wanzheng.InvestmentProject) -> None:
    html = project._repr_html_()
    assert "<table" in html and "register_project" in html and "P1" in html
    md = project._repr_markdown_()
    assert "```mermaid\nstateDiagram-v2" in md
    assert "class reserve current" in md
    assert project.mermaid() in md
    t = project.apply(WRONG_ACTOR)
    assert "rejected" in t._repr_html_() and "INV-8" in t._repr_html_()
    assert "accepted" in project.apply(WITHDRAW)._repr_html_()
    assert "class withdrawn current" in project.mermaid()


def test_transition_values(project: wanzheng.InvestmentProject) -> None:
    rejected = project.apply(WRONG_ACTOR)
    accepted = project.apply(WITHDRAW)
    for t in (rejected, accepted):
        assert pickle.loads(pickle.dumps(t)) == t
        assert wanzheng.Transition.from_json(t.to_json()) == t
        d = t.to_dict()
        assert d["event"] == "withdraw_project" and d["accepted"] == t.accepted
    assert rejected != accepted
    assert repr(accepted) == (
        "Transition(accepted=True, seq=2, event='withdraw_project', from_state='reserve', to_state='withdrawn')"
    )
    assert repr(rejected) == (
        "Transition(accepted=False, event='withdraw_project', state='reserve', error='rule_violation', rule_id='INV-8')"
    )
    assert str(accepted) == "#2 withdraw_project: reserve → withdrawn"


def test_outcome_values() -> None:
    o = wanzheng.Outcome("violation", "INV-35.3", "over_contract")
    assert (o.kind, o.rule_id, o.detail, o.article) == ("violation", "INV-35.3", "over_contract", "第三十五条")
    assert o.citation == "宛政〔2023〕7号 第三十五条"
    assert repr(o) == "Outcome(kind='violation', rule_id='INV-35.3', detail='over_contract')"
    assert eval(repr(o), {"Outcome": wanzheng.Outcome}) == o
    assert pickle.loads(pickle.dumps(o)) == o and hash(o) == hash(pickle.loads(pickle.dumps(o)))
    assert {o, wanzheng.Outcome("violation", "INV-35.3", "over_contract")} == {o}
    assert str(o) == o.message_en
    with pytest.raises(wanzheng.InputError):
        wanzheng.Outcome("violation", "INV-99.9")
    with pytest.raises(wanzheng.InputError):
        wanzheng.Outcome("catastrophe", "INV-8")


def test_apply_all_runs_in_order() -> None:
    p = wanzheng.InvestmentProject.empty()
    reg = {"event": "register_project", "actor": "project_unit", "date": "2023-07-03", "facts": dict(HOSPITAL)}
    ts = p.apply_all([reg, WRONG_ACTOR, WITHDRAW])
    assert [t.accepted for t in ts] == [True, False, True]
    assert p.state == "withdrawn" and len(p) == 2


def test_apply_all_strict_stops_at_the_first_refusal(project: wanzheng.InvestmentProject) -> None:
    with pytest.raises(wanzheng.RuleViolation):
        project.apply_all([WRONG_ACTOR, WITHDRAW], strict=True)
    assert project.state == "reserve"


def test_diagram(project: wanzheng.InvestmentProject) -> None:
    d = project.diagram()
    assert d.mermaid == project.mermaid() == str(d)
    assert d._repr_markdown_() == f"```mermaid\n{d.mermaid}```\n"
    assert pickle.loads(pickle.dumps(d)) == d and hash(d) == hash(wanzheng.Diagram(d.mermaid))
    assert repr(d).startswith("Diagram('stateDiagram-v2")


def test_commands_are_parsed_once_and_reusable(project: wanzheng.InvestmentProject) -> None:
    c = project.command(WITHDRAW)
    assert (c.event, c.machine, c.actor, c.mode) == ("withdraw_project", "inv", "project_unit", "enforce")
    assert c.date == datetime.date(2023, 7, 4)
    assert repr(c) == "Command(event='withdraw_project', actor='project_unit', date='2023-07-04', stream='inv/P1')"
    assert wanzheng.Command(c.to_dict()) == c == wanzheng.Command(c.to_json()) == pickle.loads(pickle.dumps(c))
    twin = copy.deepcopy(project)
    assert project.apply(c) == twin.apply(c) and project == twin
    assert project.apply_all([c]) == [twin.apply(WITHDRAW)]
    with pytest.raises(wanzheng.InputError):
        wanzheng.Command(WITHDRAW)  # no stream: only a project can fill it
    with pytest.raises(wanzheng.InputError):
        project.command({**WITHDRAW, "facts": {"reason": "x", "colour": "red"}})


def test_workspace_routes_commands_by_stream() -> None:
    ws = wanzheng.Workspace()
    reg = {
        "stream": {"machine": "inv", "project_id": "P1", "instance": "P1"},
        "project_code": HOSPITAL["project_code"],
        "event": "register_project", "actor": "project_unit", "date": "2023-07-03", "facts": dict(HOSPITAL),
    }
    assert ws.apply(reg).accepted
    t = ws.apply({**reg, "event": "withdraw_project", "actor": "drc", "date": "2023-07-04", "facts": {"reason": "x"}})
    assert not t.accepted and t.rule_id == "INV-8" and t.from_state == "reserve"
    assert ws.states() == {"inv/P1": "reserve"}
    assert ws.projects["P1"] == register()
    [row] = ws.report(as_of="2023-12-31")
    assert row["stream"] == "inv/P1" and row["findings"] == [] and row["obligations"] == []
    assert repr(ws) == "Workspace(projects=1, plans=0)"
    with pytest.raises(wanzheng.InputError):
        ws.apply({k: v for k, v in reg.items() if k != "stream"})
