"""Scale-out: a batch spread over worker processes gives the single-process results."""

from __future__ import annotations

import pickle
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, Union

import wanzheng


Project = Union[wanzheng.InvestmentProject, wanzheng.DigitalProject]
Result = tuple[dict[str, Project], list[wanzheng.Transition], list[wanzheng.Finding]]


def run_example(commands: list[dict[str, Any]]) -> Result:
    """One example project file's commands through a fresh workspace: its projects (pickled back
    from a worker), the transitions and the projects' findings."""
    ws = wanzheng.Workspace()
    ts = ws.apply_all(commands)
    projects = ws.projects
    return projects, ts, [f for p in projects.values() for f in p.audit(as_of="2025-12-31")]


def batch() -> list[list[dict[str, Any]]]:
    """Every bundled example's commands, several times over."""
    examples = wanzheng.load_examples().values()
    return [ex.commands for _ in range(4) for ex in examples]


def test_process_pool_matches_single_process() -> None:
    work = batch()
    single = [run_example(cmds) for cmds in work]
    with ProcessPoolExecutor(max_workers=2) as pool:
        spread = list(pool.map(run_example, work))
    assert spread == single
    assert any(not t.accepted for _, ts, _ in single for t in ts)
    assert any(f for _, _, f in single)


def test_process_pool_carries_exceptions() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        got = pool.submit(wanzheng.decide_batch, "no_such_function", [{}], errors="return").result()
    assert isinstance(got[0], wanzheng.InputError) and got[0].reason == "unknown_value"


def test_threads_share_nothing_and_agree() -> None:
    """apply_all and decide_batch release the GIL; concurrent threads get the same answers."""
    work = batch()
    single = [run_example(cmds) for cmds in work]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(run_example, work))
    assert threaded == single


def test_gil_is_released_during_apply_all() -> None:
    """Another Python thread keeps running while a long apply_all runs in the core."""
    cmds = [{"event": "select_route", "actor": "project_unit", "date": "2023-07-04", "facts": {"chosen_route": "standard"}}] * 20000
    p = wanzheng.InvestmentProject(
        date="2023-07-03", project_id="P1", project_code="C1", name="n", sector="health",
        nature="non_operating", mode="direct_investment", total="1.00", unit_kind="other",
        industry_authority_org="o",
    )
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=tick)
    t.start()
    try:
        before = ticks
        p.apply_all(cmds)
        during = ticks - before
    finally:
        done.set()
        t.join()
    assert len(p) == 20001
    assert during > 0
    assert pickle.loads(pickle.dumps(p)) == p
