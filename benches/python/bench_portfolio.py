"""Portfolio reading (issue 14): many project logs into findings, four ways, one run.

The logs: the shared scenario ``tests/fixtures/scenarios/inv_standard_route.json`` (the
standard route, 26 ``inv`` events, with its plan year) run for N distinct projects, each
project's document (``to_json``: log + the plan entries it was judged with) kept as text.

* one process: ``InvestmentProject.replay(text)`` and ``audit`` per log, in a loop;
* ``ProcessPoolExecutor.map`` with the default ``chunksize=1`` (one task per log: the pickling
  and the round trip per task cost more than the work);
* ``ProcessPoolExecutor`` with chunks (one task per 1/(4·workers) of the logs, each task
  returning its findings as plain tuples);
* ``wz.read_logs`` (parse, verify the chain, replay, in parallel without the GIL) and
  ``findings_frame()``.

Every way must give the same findings first. ``--n`` sets the number of projects.

    python benches/python/bench_portfolio.py [--n 20000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import wanzheng as wz

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "tests" / "fixtures" / "scenarios" / "inv_standard_route.json"


def make_logs(n: int, first: int = 0) -> list[str]:
    """N project documents: the scenario's commands with the project id made distinct."""
    doc = json.loads(SCENARIO.read_text(encoding="utf-8"))
    steps = [s["command"] for s in doc["steps"] if s["expect"].get("ok", True)]
    text = json.dumps(steps)
    out = []
    for i in range(first, first + n):
        pid = f"P{i:06d}"
        cmds = json.loads(text.replace('"P1"', f'"{pid}"'))
        ws = wz.Workspace(config=doc.get("config"))
        ws.apply_all(cmds, strict=True)
        out.append(ws.projects[pid].to_json())
    return out


def findings_of(texts: list[str]) -> list[tuple[str, str, str]]:
    """One worker's task: replay each log, its findings as of its own last event."""
    rows = []
    for t in texts:
        p = wz.InvestmentProject.replay(t)
        day = p.history[-1]["date"]
        rows.extend((p.project_id, f.code, f.detail) for f in p.audit(as_of=day))
    return rows


def one(text: str) -> list[tuple[str, str, str]]:
    return findings_of([text])


def timed(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    n = args.n
    workers = os.cpu_count() or 2
    fig: dict[str, Any] = {"python": platform.python_version(), "cpus": workers, "projects": n}

    t, logs = timed(lambda: make_logs(n))
    fig["making_logs_s"] = t
    fig["events_per_project"] = json.loads(logs[0])["log"].__len__()

    t, loop = timed(lambda: findings_of(logs))
    fig["one_process_s"] = t
    with ProcessPoolExecutor(workers) as ex:
        list(ex.map(one, logs[:workers]))  # start the workers
        t, naive = timed(lambda: [r for rows in ex.map(one, logs) for r in rows])
        fig["pool_chunksize_1_s"] = t
        size = max(1, n // (4 * workers))
        chunks = [logs[i : i + size] for i in range(0, n, size)]
        t, chunked = timed(lambda: [r for rows in ex.map(findings_of, chunks) for r in rows])
        fig["pool_chunked_s"] = t
        fig["pool_chunk_size"] = size

    def frames() -> list[tuple[str, str, str]]:
        ws = wz.read_logs(logs)
        f = ws.findings_frame()
        return list(zip(f.column("project_id").to_pylist(), f.column("code").to_pylist(), f.column("detail").to_pylist()))

    t_read, ws = timed(lambda: wz.read_logs(logs))
    fig["read_logs_s"] = t_read
    t, framed = timed(frames)
    fig["read_logs_and_findings_frame_s"] = t
    assert sorted(loop) == sorted(naive) == sorted(chunked) == sorted(framed), "the four ways disagree"
    fig["findings"] = len(loop)
    fig["read_logs_projects_per_s"] = n / t_read
    for k in ("one_process_s", "pool_chunksize_1_s", "pool_chunked_s", "read_logs_and_findings_frame_s"):
        fig[k.replace("_s", "") + "_projects_per_s"] = n / fig[k]

    for k, v in fig.items():
        print(f"{k:44} {v:,.2f}" if isinstance(v, float) else f"{k:44} {v}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n")


if __name__ == "__main__":
    main()
