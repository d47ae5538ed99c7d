"""Issue 12 item 2 — a chain that proves something (INV-57): the shared tamper fixture
(tests/fixtures/tamper/inv_violations.json) through ``InvestmentProject.replay`` and
``checkpoint``; the same cases run in Rust and C."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import wanzheng

FIXTURE = pathlib.Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "tamper" / "inv_violations.json"
FX: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def kwargs(options: dict[str, Any]) -> dict[str, Any]:
    """The fixture's options as replay's keyword arguments (keys as bytes)."""
    out: dict[str, Any] = {}
    for key, value in options.items():
        if key == "differences":
            out["report"] = value == "report"
        elif key in ("hmac_key", "public_key"):
            out[key] = bytes.fromhex(value)
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("case", FX["cases"], ids=[c["id"] for c in FX["cases"]])
def test_tamper_case(case: dict[str, Any]) -> None:
    log = FX["logs"][case["log"]]
    options = kwargs(case["options"])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(wanzheng.InputError) as e:
            wanzheng.InvestmentProject.replay(log, **options)
        assert e.value.reason == expect["error"]
        if "path" in expect:
            assert e.value.path == expect["path"]
    else:
        options["report"] = True
        _, differences = wanzheng.InvestmentProject.replay(log, **options)
        assert len(differences) == expect["differences"]


def test_stripped_outcomes_are_refused_without_report_and_listed_with_it() -> None:
    log = FX["logs"]["stripped_outcomes"]
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.InvestmentProject.replay(log)
    assert e.value.reason == "replay_difference"
    _, differences = wanzheng.InvestmentProject.replay(log, report=True)
    assert len(differences) == FX["edits"]["stripped_entries"]
    assert all(d["stored"] == [] and d["rejudged"] for d in differences)


def test_checkpoint_is_made_with_the_keys_and_verifies() -> None:
    keys = FX["keys"]
    p, differences = wanzheng.InvestmentProject.replay(FX["logs"]["original"], report=True)
    assert differences == []
    cp = p.checkpoint(hmac_key=bytes.fromhex(keys["hmac_key"]), signing_key=bytes.fromhex(keys["signing_key"]))
    assert cp == FX["checkpoint"]
    assert p.checkpoint() == {"len": cp["len"], "head": cp["head"]}
    q = wanzheng.InvestmentProject.replay(
        p.to_json(), checkpoints=[cp], hmac_key=bytes.fromhex(keys["hmac_key"]), public_key=bytes.fromhex(keys["public_key"])
    )
    assert q.to_json() == p.to_json()
    q = wanzheng.InvestmentProject.replay(p.to_json(), expected_len=len(p), expected_head=cp["head"])
    assert len(q) == len(p)
    with pytest.raises(wanzheng.InputError) as e:
        p.checkpoint(signing_key=b"short")
    assert e.value.path == "signing_key"
