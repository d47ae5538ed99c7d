"""The shared fixture rows (tests/fixtures, schema in its README.md), read by the Rust and C
suites too: every row must give the same answer through the Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import wanzheng
from conftest import fixture_files, load, subset, wire

ERRORS = {
    "input_error": wanzheng.InputError,
    "transition_error": wanzheng.TransitionError,
    "rule_violation": wanzheng.RuleViolation,
}


def decision_rows() -> list[Any]:
    rows = []
    for kind in ("investment", "digital"):
        for path in fixture_files(kind):
            doc = load(path)
            for row in doc["rows"]:
                rows.append(
                    pytest.param(doc["function"], row, id=f"{path.parent.name}/{path.stem}/{row['id']}")
                )
    return rows


DECISION_ROWS = decision_rows()


def has_float(v: Any) -> bool:
    if isinstance(v, float):
        return True
    if isinstance(v, dict):
        return any(has_float(x) for x in v.values())
    if isinstance(v, list):
        return any(has_float(x) for x in v)
    return False


def expected_error(row: dict[str, Any]) -> type[BaseException]:
    """The row's error, as the Python API raises it: a request holding a Python ``float``
    (a JSON number with a fraction) is refused before the core with ``TypeError``, as
    documented; the same request as JSON text gets the core's error."""
    if row["error"] == "input_error" and has_float(row["request"]):
        return TypeError
    return ERRORS[row["error"]]


@pytest.mark.parametrize(("function", "row"), DECISION_ROWS)
def test_decision_row(function: str, row: dict[str, Any]) -> None:
    """Each row through ``decide`` with the request as keyword arguments, and as JSON text."""
    config = row.get("config")
    if "error" in row:
        with pytest.raises(expected_error(row)):
            wanzheng.decide(function, config=config, **row["request"])
        with pytest.raises(ERRORS[row["error"]]):
            wanzheng.decide(function, json.dumps(row["request"]), config=config)
        return
    got = wanzheng.decide(function, config=config, **row["request"])
    assert subset(row["expect"], wire(got)), f"expected {row['expect']} within {wire(got)}"
    raw = wanzheng.decide(function, row["request"], config=config, raw=True)
    assert subset(row["expect"], raw)


@pytest.mark.parametrize(("function", "row"), DECISION_ROWS)
def test_decision_row_in_batch(function: str, row: dict[str, Any]) -> None:
    """The same row through ``decide_batch`` (without the GIL), errors returned in place."""
    [got] = wanzheng.decide_batch(function, [row["request"]], config=row.get("config"), errors="return")
    if "error" in row:
        assert isinstance(got, expected_error(row))
    else:
        assert subset(row["expect"], wire(got))


def typed_call(function: str, request: dict[str, Any], config: Any) -> dict[str, Any]:
    """The row through the function's typed keyword-argument wrapper."""
    if function == "approval_route":
        flags = request.get("flags", {})
        fn: Any = getattr(wanzheng, "approval_route")
        decision = fn(request["total"], **flags, sector=request.get("sector"), config=config)
        result: dict[str, Any] = decision.to_dict()
        return result
    typed = getattr(wanzheng, function)
    out: dict[str, Any] = typed(**request, config=config)
    return out


@pytest.mark.parametrize(("function", "row"), DECISION_ROWS)
def test_decision_row_typed(function: str, row: dict[str, Any]) -> None:
    """The same row through the typed wrapper of its function (every §4 function has one)."""
    config = row.get("config")
    assert hasattr(wanzheng, function), f"no typed wrapper for {function}"
    if "error" in row:
        # A typed signature also refuses an unknown or missing argument itself (TypeError).
        with pytest.raises((expected_error(row), TypeError)):
            typed_call(function, row["request"], config)
        return
    got = typed_call(function, row["request"], config)
    assert subset(row["expect"], wire(got)), f"expected {row['expect']} within {wire(got)}"


def scenario_files() -> list[Any]:
    return [pytest.param(p, id=p.stem) for p in fixture_files("scenarios")]


@pytest.mark.parametrize("path", scenario_files())
def test_scenario(path: Path) -> None:
    """Scenario steps through a ``Workspace`` (commands routed by stream), as the Rust runner."""
    doc = load(path)
    ws = wanzheng.Workspace(config=doc.get("config"))
    for i, step in enumerate(doc["steps"]):
        cmd, exp = step["command"], step["expect"]
        want_ok = exp.get("ok", True)
        if not want_ok and exp.get("error") == "input_error":
            with pytest.raises(wanzheng.InputError) as e:
                ws.apply(cmd)
            if "reason" in exp:
                assert e.value.reason == exp["reason"], f"step {i}"
            continue
        t = ws.apply(cmd)
        assert t.accepted == want_ok, f"step {i}: {t!r}"
        if want_ok:
            d = wire(t.to_dict())
            for key, attr in (("to", "to_state"), ("from", "from_state"), ("rules", "rules")):
                if key in exp:
                    assert subset(exp[key], d[attr]), f"step {i}: {key}"
            if "exceptions_used" in exp:
                assert t.exceptions_used == exp["exceptions_used"], f"step {i}"
            if "outcomes" in exp:
                got = [
                    {"kind": o.kind, "rule": o.rule_id, **({"detail": o.detail} if o.detail else {})}
                    for o in t.outcomes
                ]
                assert got == exp["outcomes"], f"step {i}"
        else:
            err = t.error
            assert err is not None
            kind = {wanzheng.RuleViolation: "rule_violation", wanzheng.TransitionError: "transition_error"}[type(err)]
            if "error" in exp:
                assert kind == exp["error"], f"step {i}"
            for key in ("rule_id", "state", "machine"):
                if key in exp:
                    assert getattr(err, key, None) == exp[key], f"step {i}: {key}"
    final = doc.get("final")
    if final:
        [report] = [r for r in ws.report(as_of=final["as_of"]) if r["stream"] == final["stream"]]
        if "state" in final:
            assert report["state"] == final["state"]
        codes = {f.code for f in report["findings"]}
        for code in final.get("findings", []):
            assert code in codes, f"{code} not in {sorted(codes)}"
