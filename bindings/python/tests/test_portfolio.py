"""Portfolio frames (issue 14): ``read_logs`` rebuilds a workspace from many logs in parallel,
and its frames agree with the projects' own findings, obligations, logs and payments."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from decimal import Decimal

import wanzheng


@pytest.fixture(scope="module")
def examples() -> dict[str, Any]:
    return wanzheng.load_examples()


@pytest.fixture(scope="module")
def logs(examples: dict[str, Any]) -> dict[str, str]:
    """Each example's project log (its document, with the plan inputs it was judged with)."""
    return {ex.project.project_id: ex.project.to_json() for ex in examples.values()}


def own(p: Any) -> datetime.date:
    day: datetime.date = p.history[-1]["date"]
    return day


def read(texts: list[Any]) -> Any:
    """Every document replays with differences refused: an investment project's carries its plan
    entries, a DIG project's the cycle views each entry was judged with (DIG-13.3, issue 14)."""
    return wanzheng.read_logs(texts, differences="raise")


def test_dig_documents_read_with_differences_raised(examples: dict[str, Any]) -> None:
    """Source: DIG-13.3, INV-57 — each bundled DIG example's project document reads with
    ``differences="raise"``: the same state, findings and obligations as the project itself; its
    bare log (no cycle views) re-judges the cycle-dependent entries differently and is refused."""
    digs = [ex for ex in examples.values() if ex.machine == "dig"]
    assert len(digs) >= 4
    refused = 0
    for ex in digs:
        p = ex.project
        ws = wanzheng.read_logs([p.to_json()], differences="raise")
        day = own(p)
        got = [(r["code"], r["detail"], r["seqs"]) for r in ws.findings_frame().to_pylist()]
        assert got == [(f.code, f.detail, f.seqs) for f in p.audit(as_of=day)], ex.name
        got_o = [(r["rule_id"], r["due"]) for r in ws.obligations_frame().to_pylist()]
        assert got_o == [(o.rule_id, o.due) for o in p.obligations(as_of=day)], ex.name
        assert ws.states_frame().to_pylist()[0]["state"] == p.state
        bare = p.export_log()
        try:
            wanzheng.read_logs([bare], differences="raise")
        except wanzheng.InputError as e:
            assert "replay_difference" in str(e) or "DIG-" in str(e), str(e)
            refused += 1
    assert refused >= 1


def test_frames_columns_are_stable(logs: dict[str, str]) -> None:
    ws = read(list(logs.values()))
    f = ws.findings_frame()
    assert f.column_names == [
        "project_id", "regulation", "stream", "state", "authority", "as_of", "code", "rule_id", "article",
        "article_zh", "kind", "detail", "date", "seqs", "source", "message_zh", "message_en",
    ]
    assert f.schema.field("article").type == pa.uint8() and f.schema.field("as_of").type == pa.date32()
    o = ws.obligations_frame()
    assert o.column_names[:9] == [
        "project_id", "regulation", "stream", "state", "authority", "as_of", "rule_id", "article", "article_zh"
    ]
    assert {"duty", "due", "status", "overdue", "days_overdue"} <= set(o.column_names)
    s = ws.states_frame()
    assert s.schema.field("total").type == pa.decimal128(20, 2)
    p = ws.payments_frame()
    assert p.schema.field("amount").type == pa.decimal128(20, 2)
    e = ws.events_frame()
    assert e.column_names[:6] == ["project_id", "regulation", "stream", "machine", "seq", "date"]
    assert isinstance(f.to_pandas(), __import__("pandas").DataFrame)


def test_read_logs_agrees_with_each_project(examples: dict[str, Any], logs: dict[str, str]) -> None:
    """Every bundled example: findings and obligations of the frames, each project as of its own
    last event, equal the project's own ``audit``/``obligations`` on that date; states and
    event counts equal."""
    ws = read(list(logs.values()))
    findings = ws.findings_frame().to_pylist()
    obligations = ws.obligations_frame().to_pylist()
    states = {r["project_id"]: r for r in ws.states_frame().to_pylist()}
    events = ws.events_frame().to_pylist()
    for ex in examples.values():
        p = ex.project
        pid = p.project_id
        day = own(p)
        want = [(f.code, f.rule_id, f.detail, f.date, f.seqs) for f in p.audit(as_of=day)]
        got = [(r["code"], r["rule_id"], r["detail"], r["date"], r["seqs"]) for r in findings if r["project_id"] == pid]
        assert got == want, pid
        assert all(r["as_of"] == day for r in findings if r["project_id"] == pid)
        want_o = [(o.rule_id, o.due) for o in p.obligations(as_of=day)]
        got_o = [(r["rule_id"], r["due"]) for r in obligations if r["project_id"] == pid]
        assert got_o == want_o, pid
        assert states[pid]["state"] == p.state and states[pid]["events"] == len(p)
        assert [r["seq"] for r in events if r["project_id"] == pid and r["machine"] == ex.machine] == [
            h["seq"] for h in p.history if h["stream"]["machine"] == ex.machine
        ]
    for r in findings:
        assert r["regulation"] == r["rule_id"].split("-")[0]
        assert r["article"] == wanzheng.explain(r["rule_id"]).article_number


def test_as_of_one_date_or_per_project(examples: dict[str, Any], logs: dict[str, str]) -> None:
    ws = read(list(logs.values()))
    day = datetime.date(2030, 1, 1)
    p = next(ex.project for ex in examples.values() if ex.machine == "inv")
    late = ws.findings_frame(as_of=day).to_pylist()
    assert [r["code"] for r in late if r["project_id"] == p.project_id] == [f.code for f in p.audit(as_of=day)]
    mixed = ws.findings_frame(as_of={p.project_id: day}).to_pylist()
    assert [r["code"] for r in mixed if r["project_id"] == p.project_id] == [f.code for f in p.audit(as_of=day)]
    others = {r["project_id"] for r in mixed} - {p.project_id}
    assert all(r["as_of"] != day for r in mixed if r["project_id"] in others)


def test_paths_bytes_and_bare_logs(tmp_path: Path, examples: dict[str, Any]) -> None:
    paths = []
    for i, ex in enumerate(examples.values()):
        path = tmp_path / f"{i}.json"
        path.write_text(ex.project.to_json(), encoding="utf-8")
        paths.append(path)
    ws = read(paths)
    assert sorted(ws.projects) == sorted(ex.project.project_id for ex in examples.values())
    ws2 = read([p.read_bytes() for p in paths])
    assert ws2.states_frame().equals(ws.states_frame())


def test_payments_frame_matches_the_ledger(examples: dict[str, Any], logs: dict[str, str]) -> None:
    ws = read(list(logs.values()))
    pays = ws.payments_frame().to_pylist()
    for ex in examples.values():
        if ex.machine != "inv":
            continue
        ledger = ex.project.state_json()["ledger"]
        rows = [r for r in pays if r["project_id"] == ex.project.project_id]
        want = [(p["request_id"], Decimal(str(p["amount"])), p["status"]) for p in ledger["payments"]]
        assert [(r["request_id"], r["amount"], r["status"]) for r in rows] == want, ex.name
        assert all(r["regulation"] == "INV" for r in rows)


def test_bad_logs_are_named(examples: dict[str, Any], logs: dict[str, str]) -> None:
    """A tampered log (an amount edited, hash left) and a second log of one project are refused
    with the log's position; nothing is half-built."""
    texts = list(logs.values())
    doc = json.loads(texts[0])
    entries = doc["log"] if isinstance(doc, dict) else doc
    for e in entries:
        if "total" in e.get("facts", {}):
            e["facts"]["total"] = "1.00"
            break
    with pytest.raises(wanzheng.InputError) as err:
        read([texts[1], json.dumps(doc)])
    assert "logs[1]" in str(err.value)
    with pytest.raises(wanzheng.InputError, match="two logs"):
        read([texts[0], texts[0]])
    dig = next(ex.project for ex in examples.values() if ex.machine == "dig" and ex.name.endswith("violations"))
    bare = dig.export_log()  # the log without its cycle views
    with pytest.raises(wanzheng.InputError, match="DIG-13.3"):
        wanzheng.read_logs([bare])
    wanzheng.read_logs([dig.to_json()])
    with pytest.raises(TypeError):
        wanzheng.read_logs("not a list")
