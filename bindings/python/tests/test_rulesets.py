"""Issue 10 part 4: dated rule parameters. An amendment is loaded as data with
``load_ruleset``; acts are judged by the version in force on their date, and every transition
and decision names it."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from decimal import Decimal

import pytest

import wanzheng
from conftest import FIXTURES, register

AMENDMENT = FIXTURES / "rulesets" / "band_20m_2027.json"


@pytest.fixture(autouse=True)
def builtin_rules() -> Iterator[None]:
    """Every test starts and ends with the built-in version only."""
    wanzheng.reset_rulesets()
    yield
    wanzheng.reset_rulesets()


def test_builtin_version_is_the_law_as_issued() -> None:
    """Source: INV-15.1, INV-15.3, INV-44.2 — one version, 2023, with the texts' figures."""
    (only,) = wanzheng.rulesets()
    assert only["version"] == "2023"
    assert only["values"]["simplified_fsr_max"] == Decimal("10000000.00")
    assert only["values"]["direct_fsr_max"] == Decimal("50000000.00")
    assert only["values"]["emergency_filing_working_days"] == 5
    d = wanzheng.approval_route(Decimal("10000000.00"))
    assert (d.route, d.ruleset) == ("simplified_fsr_only", "2023")


def test_inv_15_1_band_on_both_sides_of_the_amendment() -> None:
    """Source: INV-15.1 — a hypothetical 20,000,000.00 band from 2027-07-01: 15,000,000.00 is
    standard the day before and FSR-only on the day; 20,000,000.00 in, 20,000,000.01 out."""
    assert wanzheng.load_ruleset(AMENDMENT) == ["2023", "2027-amendment"]
    before = wanzheng.approval_route(Decimal("15000000.00"), as_of=datetime.date(2027, 6, 30))
    assert (before.route, before.ruleset) == ("standard", "2023")
    on = wanzheng.approval_route(Decimal("20000000.00"), as_of="2027-07-01")
    assert (on.route, on.ruleset) == ("simplified_fsr_only", "2027-amendment")
    assert wanzheng.approval_route(Decimal("20000000.01"), as_of="2027-07-01").route == "standard"
    routes = wanzheng.approval_route_batch(["15000000.00", "20000000.01"], as_of="2027-07-01")
    assert routes == ["simplified_fsr_only", "standard"]
    # decide: as_of pins the version; the result names it.
    r = wanzheng.decide("approval_route", {"total": "15000000.00", "as_of": "2027-06-30"})
    assert (r["route"], r["ruleset"]) == ("standard", "2023")


def test_projects_are_judged_by_the_version_of_each_act() -> None:
    """Source: INV-15.1 — projects registered on 2027-06-30 and 2027-07-01 at 15,000,000.00
    take the route of their own version; the transition names it; replay and pickling keep it."""
    wanzheng.load_ruleset(json.loads(AMENDMENT.read_text(encoding="utf-8")))
    before = register(total=Decimal("15000000.00"), date=datetime.date(2027, 6, 30))
    after = register(total=Decimal("15000000.00"), date=datetime.date(2027, 7, 1))

    def route(p: wanzheng.InvestmentProject) -> str:
        return str(p.state_json()["ledger"]["computed_route"])

    assert route(before) == "standard"
    assert route(after) == "simplified_fsr_only"
    assert route(wanzheng.InvestmentProject.replay(after.export_log())) == "simplified_fsr_only"
    t = after.apply(
        {
            "stream": {"machine": "inv", "project_id": "P1", "instance": "P1"},
            "event": "record_funding",
            "actor": "project_unit",
            "date": "2027-07-02",
            "facts": {"sources": [{"source": "municipal_budget", "amount": "15000000.00", "year": 2027}]},
        }
    )
    assert t.accepted and t.ruleset == "2027-amendment"


def test_inv_44_2_days_by_version() -> None:
    """Source: INV-44.2 — 5 working days for an order of 2027-06-30, 10 from 2027-07-01."""
    wanzheng.load_ruleset(AMENDMENT.read_text(encoding="utf-8"))
    d = wanzheng.emergency_change_deadline(order_date="2027-06-30")
    assert (d["date"], d["ruleset"]) == (datetime.date(2027, 7, 7), "2023")
    d = wanzheng.emergency_change_deadline(order_date="2027-07-01")
    assert (d["date"], d["ruleset"]) == (datetime.date(2027, 7, 15), "2027-amendment")


def test_a_bad_amendment_changes_nothing() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.load_ruleset('{"version":"x","effective_from":"2027-7-1"}')
    assert e.value.path == "ruleset.effective_from"
    with pytest.raises(wanzheng.InputError):
        wanzheng.load_ruleset({"version": "2023", "effective_from": "2027-07-01"})
    assert [s["version"] for s in wanzheng.rulesets()] == ["2023"]
