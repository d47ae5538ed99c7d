"""Objects shared between threads, and the replay report (issue 12).

A project or workspace shared by threads raised a bare ``RuntimeError: Already borrowed``;
each now holds a lock that serialises the calls on it (a second thread's call waits)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

import wanzheng as wz
from conftest import register

THREADS = 4
ROUNDS = 40


def run_together(work: Callable[[int], None]) -> None:
    """Runs `work(i)` in THREADS threads started together; re-raises the first failure."""
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def body(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def withdraw(actor: str) -> dict[str, Any]:
    return {"event": "withdraw_project", "actor": actor, "date": "2023-07-05", "facts": {"reason": "no funds"}}


def test_a_project_shared_by_threads() -> None:
    """apply_all runs without the GIL while it holds the project: another thread's call on the
    same project waits for it instead of raising RuntimeError('Already borrowed')."""
    p = register()
    refused = withdraw("drc")
    before = p.state_json()

    def work(i: int) -> None:
        for _ in range(ROUNDS):
            ts = p.apply_all([refused] * 20)
            assert all(not t.accepted for t in ts)
            assert not p.apply(refused).accepted
            assert p.state == "reserve" and len(p) == 1 and p.history[0]["seq"] == 1
            assert p.audit(as_of="2023-07-06") == p.findings(as_of="2023-07-06")
            assert p.to_json() and repr(p) and p == p.__copy__()

    run_together(work)
    assert p.state_json() == before
    assert p.apply(withdraw("project_unit")).accepted and p.state == "withdrawn"


def test_a_workspace_shared_by_threads() -> None:
    """Each thread registers its own projects in one workspace: every registration lands."""
    ws = wz.Workspace()
    facts = register().history[0]["facts"]

    def work(i: int) -> None:
        for r in range(ROUNDS):
            pid = f"T{i}-{r}"
            stream = {"machine": "inv", "project_id": pid, "instance": pid}
            cmd = {
                "stream": stream,
                "event": "register_project",
                "actor": "project_unit",
                "date": "2023-07-03",
                "project_code": facts["project_code"],
                "facts": {**facts, "project_id": pid, "total": str(facts["total"])},
            }
            assert ws.apply_all([cmd])[0].accepted
            assert ws.states()[f"inv/{pid}"] == "reserve"
            assert len(ws.report(as_of="2023-07-04")) >= 1

    run_together(work)
    assert len(ws.projects) == THREADS * ROUNDS


def test_two_threads_comparing_two_projects() -> None:
    """a == b and b == a at once: each side is copied under its own lock (no lock order)."""
    a, b = register(), register()

    def work(i: int) -> None:
        for _ in range(ROUNDS):
            assert (a == b) if i % 2 else (b == a)

    run_together(work)


def test_an_untouched_log_replays_with_an_empty_report() -> None:
    p = register()
    p.apply(withdraw("drc"), strict=False)
    p.apply(withdraw("project_unit"))
    for source in (p.export_log(), p.history, p.to_json()):
        q, differences = wz.InvestmentProject.replay(source, report=True)
        assert differences == [] and q == p
    assert wz.InvestmentProject.replay(p.export_log()) == p


def test_a_workspace_project_replays_from_its_document() -> None:
    """The example's project read plan entries (INV-12.2, 34) when it was judged: its document
    (to_json) carries them, so its replay reports nothing; its bare log has none, so re-judging
    differs where the plan checks do — the 2 differences the C replay reported (issue 12)."""
    p = wz.load_examples()["investment/violations"].project
    assert isinstance(p, wz.InvestmentProject)
    q, differences = wz.InvestmentProject.replay(p.to_json(), report=True)
    assert differences == [] and q == p
    _, bare = wz.InvestmentProject.replay(p.export_log(), report=True)
    assert [d["rejudged"][0]["rule"] for d in bare] == ["INV-12.2", "INV-12.2"]
    assert all(d["stored"] == [] and isinstance(d["seq"], int) for d in bare)
    with pytest.raises(wz.InputError) as e:
        wz.DigitalProject.replay(p.to_json())
    assert e.value.reason == "wrong_stream"
