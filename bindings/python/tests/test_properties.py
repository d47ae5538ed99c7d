"""Property tests (hypothesis): invariants, not examples."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import wanzheng
from conftest import register

MAX_FEN = 10**15  # 10^13 yuan

amounts = st.integers(min_value=0, max_value=MAX_FEN).map(lambda fen: Decimal(fen).scaleb(-2))
over_precise = st.integers(min_value=1, max_value=10**9).filter(lambda n: n % 10 != 0).map(
    lambda n: Decimal(n).scaleb(-3)
)


@given(amounts)
def test_decimal_round_trip(total: Decimal) -> None:
    """An exact amount comes back equal, as a Decimal with two decimals, through the project,
    its history, JSON and pickling."""
    p = register(total=total)
    assert p.total == total and p.total.as_tuple().exponent == -2
    assert p.history[0]["facts"]["total"] == total
    assert wanzheng.InvestmentProject.from_json(p.to_json()).total == total
    assert pickle.loads(pickle.dumps(p)).total == total
    assert register(total=f"{total:.2f}") == p


@given(over_precise)
def test_over_precise_amounts_are_never_rounded(total: Decimal) -> None:
    try:
        register(total=total)
    except wanzheng.InputError as e:
        assert e.reason == "amount"
    else:
        raise AssertionError(f"{total} was accepted")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_every_float_is_refused(total: float) -> None:
    try:
        register(total=total)
    except TypeError as e:
        assert "float" in str(e)
    else:
        raise AssertionError("a float was accepted")


ACTORS = ["project_unit", "drc", "finance", "industry_authority", "executive_meeting", "contractor"]
EVENTS = ["withdraw_project", "select_route", "register_project"]


@st.composite
def commands(draw: Any) -> dict[str, Any]:
    event = draw(st.sampled_from(EVENTS))
    facts: dict[str, Any]
    if event == "withdraw_project":
        facts = {"reason": draw(st.sampled_from(["no funds", "merged"]))}
    elif event == "select_route":
        facts = {"chosen_route": draw(st.sampled_from(list(wanzheng.Route)))}
    else:
        facts = dict(register().history[0]["facts"])
    return {
        "event": event,
        "actor": draw(st.sampled_from(ACTORS)),
        "date": "2023-07-10",
        "mode": draw(st.sampled_from(["enforce", "enforce", "record"])),
        "facts": facts,
    }


@given(st.lists(commands(), max_size=6))
def test_rejected_events_change_nothing(cmds: list[dict[str, Any]]) -> None:
    """Whatever is applied, a rejected command leaves the project byte-identical, and an
    accepted one appends exactly one log entry."""
    p = register()
    for cmd in cmds:
        before, n = p.to_json(), len(p)
        t = p.apply(cmd)
        if t.accepted:
            assert len(p) == n + 1 and t.seq == n + 1
        else:
            assert p.to_json() == before and len(p) == n
            assert t.error is not None


@given(st.lists(commands(), max_size=6))
def test_pickle_round_trip(cmds: list[dict[str, Any]]) -> None:
    """Projects and every transition survive pickling; the copy carries on identically."""
    p = register()
    ts = [p.apply(c) for c in cmds]
    q = pickle.loads(pickle.dumps(p))
    assert q == p and q.history == p.history and q.audit("2024-01-01") == p.audit("2024-01-01")
    assert pickle.loads(pickle.dumps(ts)) == ts
    for t in ts:
        if t.error is not None:
            e = pickle.loads(pickle.dumps(t.error))
            assert type(e) is type(t.error) and e.details == t.error.details
    extra = {"event": "withdraw_project", "actor": "project_unit", "date": "2023-07-11", "facts": {"reason": "x"}}
    assert p.apply(extra) == q.apply(extra)
    assert p == q


@given(st.lists(commands(), max_size=6))
def test_replay_rebuilds_the_same_project(cmds: list[dict[str, Any]]) -> None:
    p = register()
    p.apply_all(cmds)
    assert wanzheng.InvestmentProject.replay(p.export_log()) == p
