"""decide, decide_batch, functions, explain, catalogue and the enums."""

from __future__ import annotations

import pickle
from typing import Any

import pandas as pd
import pytest

import wanzheng


def test_unknown_function_is_an_input_error() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.decide("no_such_function", total="1.00")
    assert e.value.reason == "unknown_value" and e.value.path == "function"


def test_functions_are_named_as_in_rules_md() -> None:
    for name, section in wanzheng.functions():
        assert name.islower() and section.startswith("§4")


def test_request_must_be_a_mapping() -> None:
    with pytest.raises(TypeError):
        wanzheng.decide("approval_route", [1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float is refused"):
        wanzheng.decide("approval_route", total=1.5)


def test_batch_errors() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.decide_batch("no_such_function", [{}, {}])
    assert e.value.index == 0  # type: ignore[attr-defined]
    assert str(e.value).startswith("request 0: ")
    out = wanzheng.decide_batch("no_such_function", [{}, {}], errors="return")
    assert all(isinstance(x, wanzheng.InputError) for x in out)
    with pytest.raises(ValueError, match="errors must be"):
        wanzheng.decide_batch("no_such_function", [], errors="ignore")  # type: ignore[arg-type]
    assert wanzheng.decide_batch("no_such_function", []) == []


def test_batch_over_a_frame_keeps_the_index() -> None:
    frame = pd.DataFrame({"total": ["1.00", "2.00"]}, index=["a", "b"])
    out = wanzheng.decide_batch("no_such_function", frame, errors="return")
    assert isinstance(out, pd.DataFrame)
    assert list(out.index) == ["a", "b"]
    assert all(isinstance(x, wanzheng.InputError) for x in out["error"])


def test_explain() -> None:
    e = wanzheng.explain("INV-48.3")
    assert (e.rule_id, e.article, e.article_number, e.kind) == ("INV-48.3", "第四十八条", 48, "R")
    assert e.regulation == "宛政〔2023〕7号" and e.title == "南阳市政府投资项目管理实施办法"
    assert e.phrase and e.summary
    assert e.citation_zh == "宛政〔2023〕7号 第四十八条"
    assert e.citation_en == "Wanzheng [2023] No. 7, Art. 48"
    assert repr(e) == "Explanation('INV-48.3')" and eval(repr(e), {"Explanation": wanzheng.Explanation}) == e
    assert pickle.loads(pickle.dumps(e)) == e
    assert "INV-48.3" in e._repr_markdown_() and "第四十八条" in str(e)
    assert e.to_dict()["summary"] == e.summary
    # Source: INV-48.3 — the article's own words beside the rule.
    assert e.article_text.startswith("第四十八条") and "超投资概算幅度未超 10% 以上项目" in e.article_text
    assert e.to_dict()["article_text"] == e.article_text and "> （三）超投资概算幅度未超" in e._repr_markdown_()
    assert wanzheng.explain("DIG-14.4").regulation == "宛政办〔2023〕12号"
    with pytest.raises(wanzheng.InputError):
        wanzheng.explain("INV-48.9")


def test_catalogue_as_a_frame() -> None:
    rules = wanzheng.catalogue()
    assert len(rules) > 100 and len({r.rule_id for r in rules}) == len(rules)
    frame = wanzheng.to_frame(rules)
    assert {"rule_id", "article", "kind", "phrase", "summary"} <= set(frame.columns)
    assert set(frame["kind"]) <= {"R", "D", "D/R", "I/S", "M", "S", "C", "I"}


def test_enum_members_are_their_strings() -> None:
    assert "standard" == wanzheng.Route.STANDARD.value and isinstance(wanzheng.Route.STANDARD, str)
    assert str(wanzheng.Route.DIRECT_FSR) == "direct_fsr" and wanzheng.Route("standard") is wanzheng.Route.STANDARD
    assert wanzheng.OutcomeKind("default_breach") is wanzheng.OutcomeKind.DEFAULT_BREACH


def test_outcome_kinds_are_the_cores() -> None:
    for kind in wanzheng.OutcomeKind:
        assert wanzheng.Outcome(kind, "INV-8").kind == kind.value


def test_routes_are_the_cores() -> None:
    """Every Route member parses as a core route, and the core's routes are all members."""
    d = wanzheng.approval_route("1.00")
    for route in wanzheng.Route:
        d.permits(route)
    small: list[dict[str, Any]] = [{}, {"level": "county"}, {"special_authority": True}, {"emergency_recognized": True}]
    large: list[dict[str, Any]] = [{}, {"in_plan": True}]
    seen = {wanzheng.approval_route("1.00", **kw).route for kw in small}
    seen |= {wanzheng.approval_route("20000000.00", **kw).route for kw in large}
    assert seen == {r.value for r in wanzheng.Route}
    with pytest.raises(wanzheng.InputError):
        d.permits("scenic")


def test_overrun_routes_are_the_cores() -> None:
    """Every OverrunRoute value is one the core produces on the shared fixture rows."""
    from conftest import fixture_files, load

    produced = set()
    for path in fixture_files("investment"):
        doc = load(path)
        if doc["function"] == "estimate_overrun_route":
            for row in doc["rows"]:
                if "expect" in row:
                    produced.add(wanzheng.decide("estimate_overrun_route", row["request"], config=row.get("config"))["route"])
    assert produced <= {r.value for r in wanzheng.OverrunRoute}
    assert len(produced) >= 5
