"""DigitalProject (宛政办〔2023〕12号): the same surface as InvestmentProject."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

import wanzheng as wz

FACTS: dict[str, Any] = {
    "project_id": "D1",
    "name": "城市数据共享平台",
    "demand_unit_org": "南阳市卫生健康委员会",
    "funding": "special_fund",
}


def make() -> wz.DigitalProject:
    return wz.DigitalProject(date="2024-01-10", actor_org="南阳市卫生健康委员会", **FACTS)


def test_create_apply_and_values() -> None:
    p = make()
    assert p.project_id == "D1" and p.state == "registered" and p.total is None and len(p) == 1
    assert repr(p) == "DigitalProject(project_id='D1', state='registered', events=1)"
    assert p.history[0]["event"] == "register_dig_project"
    before = p.to_json()
    t = p.apply({"event": "withdraw_project", "actor": "drc", "date": "2024-01-11", "facts": {"reason": "x"}})
    assert not t.accepted and t.rule_id is not None and t.rule_id.startswith("DIG-")
    assert p.to_json() == before
    assert pickle.loads(pickle.dumps(p)) == p == copy.deepcopy(p)
    assert wz.DigitalProject.replay(p.export_log()) == p == wz.DigitalProject.from_json(p.to_json())
    assert "class registered current" in p.diagram().mermaid
    assert "DigitalProject" in p._repr_html_()
    assert p != wz.DigitalProject.empty()


def test_bad_facts() -> None:
    with pytest.raises(wz.InputError) as e:
        wz.DigitalProject(date="2024-01-10", actor_org="南阳市卫生健康委员会", **{**FACTS, "funding": "lottery"})
    assert e.value.reason == "unknown_value"
    with pytest.raises(wz.InputError):
        wz.DigitalProject(date="2024-01-10", actor_org="南阳市卫生健康委员会", colour="red", **FACTS)


def test_reference_ships_in_the_package() -> None:
    """The input reference (docs/reference.md: every event, its facts, actors and rules) is
    installed with the package, beside the modules."""
    import importlib.resources

    text = importlib.resources.files("wanzheng").joinpath("reference.md").read_text(encoding="utf-8")
    assert text.startswith("# wanzheng input reference")
    assert "### `inv.register_project`" in text and "### `dig_cycle.collect_demands`" in text


def test_bundled_examples() -> None:
    """The package bundles the repository's example project files and runs them as ``wanzheng
    check`` does. Source: DIG-13.5, DIG-16.2, DIG-16.5 (digital/violations), INV-35.3
    (investment/violations: the over-contract payment is refused, nothing changes)."""
    examples = wz.load_examples()
    assert set(examples) >= {"digital/emergency_epidemic_reporting", "investment/village_road"}
    dig = examples["digital/violations"]
    assert isinstance(dig.project, wz.DigitalProject) and dig.machine == "dig"
    assert dig.project.state == "in_operation"
    assert {f.code for f in dig.project.audit(as_of=dig.as_of)} == {"F-DIG-13.5", "F-DIG-16.2", "F-DIG-16.5"}
    inv = examples["investment/violations"]
    rejected = [t for t in inv.transitions if not t.accepted]
    assert len(rejected) == 1 and rejected[0].rule_id == "INV-35.3"
    assert examples["digital/emergency_epidemic_reporting"].project.state == "in_operation"
