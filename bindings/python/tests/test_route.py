"""RULES.md §4.1 approval_route: the typed call, its batch, and properties."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wanzheng as wz

FLAGS = list(wz.ROUTE_FLAGS)


def test_route_flags_are_the_keyword_arguments() -> None:
    """The core's one flag list (wz.ROUTE_FLAGS) names the keyword arguments of approval_route,
    each a flag of the decision's request (RULES.md §4.1)."""
    assert len(FLAGS) == 10 and len(set(FLAGS)) == 10
    for name in FLAGS:
        on: dict[str, Any] = {name: True}
        assert wz.approval_route("1", **on).route in {r.value for r in wz.Route}
        off: dict[str, Any] = {name + "_x": True}
        with pytest.raises(TypeError):
            wz.approval_route("1", **off)


def test_boundary_at_ten_million() -> None:
    """Source: INV-15.1 — 10,000,000.00 is in (以下), 10,000,000.01 is not."""
    at = wz.approval_route(Decimal("10000000.00"))
    assert at.route == wz.Route.SIMPLIFIED_FSR_ONLY
    assert at.documents == [("fsr", "drc")]
    assert at.permitted_alternatives == ["simplified_fsr_only", "standard"]
    assert at.permits("standard") and not at.permits(wz.Route.DIRECT_FSR)
    assert wz.approval_route("10000000.01").route == "standard"
    with pytest.raises(wz.InputError, match="not a number"):
        wz.approval_route(10_000_000)  # type: ignore[arg-type]


def test_every_argument_is_a_keyword() -> None:
    """Source: INV-15.1 — ``total`` by keyword, as in the README, gives the same decision."""
    by_keyword = wz.approval_route(total=Decimal("10000000.00"), level="municipal")
    assert by_keyword == wz.approval_route(Decimal("10000000.00"))
    assert by_keyword.route == "simplified_fsr_only"
    assert wz.approval_route_batch(total=["10000000.00", "10000000.01"]) == ["simplified_fsr_only", "standard"]


def test_the_decision_is_a_value() -> None:
    d = wz.approval_route("50000000.00", agreed=True)
    assert d.route == "direct_fsr" and not d.art14_eligible and d.outcomes == []
    assert d.rules[0].startswith("INV-")
    assert pickle.loads(pickle.dumps(d)) == d == wz.RouteDecision.from_json(d.to_json())
    assert repr(d) == (
        "RouteDecision(route='direct_fsr', art14_eligible=False, merged_batch=False, "
        "permitted_alternatives=['direct_fsr', 'standard'])"
    )
    assert "direct_fsr" in d._repr_html_()
    assert d.to_dict()["route"] == "direct_fsr"
    generic = wz.decide("approval_route", total="50000000.00", flags={"agreed": True})
    assert generic == d.to_dict()


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="float is refused"):
        wz.approval_route(10_000_000.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wz.approval_route(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wz.approval_route("1.00", in_plan="yes")  # type: ignore[arg-type]
    for bad in ("-1.00", Decimal("-1"), "1.005", Decimal("1.005"), "1e7", "", Decimal("NaN"), "10000000000000.01"):
        with pytest.raises(wz.InputError) as e:
            wz.approval_route(bad)
        assert e.value.reason == "amount" and e.value.path == "total"
    with pytest.raises(wz.InputError) as e:
        wz.approval_route("1.00", level="provincial")
    assert e.value.reason == "unknown_value"
    with pytest.raises(TypeError):
        wz.approval_route("1.00", colour="red")  # type: ignore[call-arg]


def test_enum_members_in() -> None:
    assert wz.approval_route("1.00", level="county").route == wz.Route.COUNTY_RULES


def test_batch_agrees_with_single_calls() -> None:
    totals: list[Decimal | str] = [Decimal("10000000.00"), "10000000.01", Decimal("49999999.99"), "300000000.00", Decimal("8000000")]
    in_plan = [False, True, True, False, False]
    routes = wz.approval_route_batch(totals, in_plan=in_plan, level="municipal")
    assert routes == [wz.approval_route(t, in_plan=p).route for t, p in zip(totals, in_plan)]
    assert routes[0] is wz.approval_route_batch(["1.00"])[0]  # shared strings


def test_batch_bad_input_names_the_item() -> None:
    with pytest.raises(TypeError, match=r"total\[1\].*float"):
        wz.approval_route_batch(["1.00", 2.5])
    with pytest.raises(wz.InputError) as e:
        wz.approval_route_batch(["1.00", "-2.00"])
    assert e.value.path == "total[1]"
    with pytest.raises(ValueError, match="in_plan has 1 items, total has 2"):
        wz.approval_route_batch(["1.00", "2.00"], in_plan=[True])
    with pytest.raises(TypeError, match="expected a bool"):
        wz.approval_route_batch(["1.00"], in_plan=[1])


def test_batch_over_pandas() -> None:
    frame = pd.DataFrame(
        {"total": [Decimal("9000000.00"), Decimal("60000000.00")], "in_plan": [False, True], "level": ["municipal", "county"]},
        index=["a", "b"],
    )
    out = wz.approval_route_batch(frame)
    assert list(out["route"]) == ["simplified_fsr_only", "county_rules"] and list(out.index) == ["a", "b"]
    series = wz.approval_route_batch(frame["total"], in_plan=frame["in_plan"])
    assert isinstance(series, pd.Series) and list(series) == ["simplified_fsr_only", "standard"]
    with pytest.raises(TypeError, match="float"):
        wz.approval_route_batch(pd.Series([9e6]))


fen = st.integers(min_value=0, max_value=10**15)
flag_sets = st.fixed_dictionaries({f: st.booleans() for f in FLAGS} | {"level": st.sampled_from(["municipal", "county"])})
BAND = {"simplified_fsr_only": 0, "direct_fsr": 1, "standard": 2}


@given(st.lists(fen, min_size=2, max_size=6), flag_sets)
def test_route_is_monotonic_in_the_amount(amounts: list[int], flags: dict[str, Any]) -> None:
    """With the flags fixed, a larger total never takes a simpler route: the band only moves
    from simplified_fsr_only to direct_fsr to standard; the other routes do not depend on it."""
    totals = [Decimal(a).scaleb(-2) for a in sorted(amounts)]
    routes = [wz.approval_route(t, **flags).route for t in totals]
    if routes[0] in BAND:
        ranks = [BAND[r] for r in routes]
        assert ranks == sorted(ranks)
    else:
        assert len(set(routes)) == 1


@given(st.lists(st.tuples(fen, flag_sets), max_size=40))
def test_batch_equals_single(rows: list[tuple[int, dict[str, Any]]]) -> None:
    totals = [Decimal(a).scaleb(-2) for a, _ in rows]
    columns = {k: [f[k] for _, f in rows] for k in FLAGS + ["level"]}
    assert wz.approval_route_batch(totals, **columns) == [
        wz.approval_route(t, **f).route for t, (_, f) in zip(totals, rows)
    ]
