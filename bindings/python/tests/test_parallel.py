"""Scale-out: a batch spread over worker processes gives the single-process results."""

from __future__ import annotations

import pickle
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, Union

import wanzheng


Project = Union[wanzheng.InvestmentProject, wanzheng.DigitalProject]


def run_example(work: tuple[str, list[dict[str, Any]]]) -> tuple[Project, list[wanzheng.Transition], list[wanzheng.Finding]]:
    machine, commands = work
    p: Project = wanzheng.DigitalProject.empty() if machine == "dig" else wanzheng.InvestmentProject.empty()
    ts = p.apply_all(commands)
    return p, ts, p.audit(as_of="2025-12-31")


def batch() -> list[tuple[str, list[dict[str, Any]]]]:
    """Every bundled example's commands, several times over, with distinct project ids."""
    out = []
    for i in range(8):
        for ex in wanzheng.load_examples().values():
            cmds = []
            for c in ex.commands:
                c = {**c, "facts": dict(c["facts"])}
                if "project_id" in c["facts"]:
                    c["facts"]["project_id"] = f"{c['facts']['project_id']}-{i}"
                cmds.append(c)
            out.append((ex.machine, cmds))
    return out


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
