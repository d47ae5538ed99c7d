"""Benchmarks of the wanzheng Python module against what a Python user would otherwise use.

* route decision (RULES.md §4.1 ``approval_route``): our single call, our batch over 100,000
  inputs, and the GoRules ZEN engine (``zen-engine``) running the same decision as a decision
  table (JDM, hit policy "first");
* one whole project lifecycle: our ``InvestmentProject`` through the shared scenario
  ``tests/fixtures/scenarios/inv_standard_lifecycle.json`` (register → … → closed, every guard,
  the hash-chained log), against pytransitions and python-statemachine running the same state
  path with guarded transitions;
* memory: a batch of 1,000,000 route decisions against the size of its input and output lists.

Before anything is timed, the implementations are checked to agree on every input.

    python benches/python/bench.py            # full run (scripts/bench-python.sh)
    python benches/python/bench.py --quick    # smoke run with small sizes
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import wanzheng as wz

ROOT = Path(__file__).resolve().parents[2]
LIFECYCLES = {
    # ~12 guarded transitions, as the issue asks: the simplified FSR-only route to closing.
    "simplified": Path(__file__).resolve().parent / "village_road_lifecycle.json",
    # The standard route to closing, with payments: 31 commands, 16 state changes.
    "standard": ROOT / "tests" / "fixtures" / "scenarios" / "inv_standard_lifecycle.json",
}

# The flag names of RULES.md §4.1: the core's one list, as the extension exposes it.
FLAGS = wz.ROUTE_FLAGS


# --------------------------------------------------------------------------------------------
# timing


def per_call_ns(fn: Callable[[], Any], number: int, repeat: int = 5) -> float:
    """Best of `repeat` runs of `number` calls, in ns per call."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        t0 = time.perf_counter_ns()
        for _ in range(number):
            fn()
        t1 = time.perf_counter_ns()
        gc.enable()
        best = min(best, (t1 - t0) / number)
    return best


def once_ns(fn: Callable[[], Any], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter_ns()
        fn()
        best = min(best, time.perf_counter_ns() - t0)
    return best


# --------------------------------------------------------------------------------------------
# route inputs


def route_inputs(n: int, seed: int = 20230601) -> list[dict[str, Any]]:
    """Totals around the 10M and 50M boundaries and beyond, with sparse flags."""
    rng = random.Random(seed)
    edges = [10_000_000_00, 50_000_000_00]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            fen = rng.choice(edges) + rng.choice([-1, 0, 1])
        else:
            fen = rng.randrange(0, 300_000_000_00)
        item: dict[str, Any] = {"total": Decimal(fen).scaleb(-2)}
        item["level"] = "county" if rng.random() < 0.05 else "municipal"
        for f in FLAGS:
            item[f] = rng.random() < 0.12
        out.append(item)
    return out


class ZenRoute:
    """The §4.1 route order as a ZEN decision table (first hit wins), evaluated through a
    ``ZenEngine`` with a static loader (the engine caches the compiled table; a bare
    ``create_decision(...).evaluate`` recompiles on every call and is ~50× slower)."""

    def __init__(self) -> None:
        import zen

        self.engine = zen.ZenEngine({"loader": {"type": "static", "content": {"route": zen_table()}}})

    def evaluate(self, context: Any) -> Any:
        return self.engine.evaluate("route", context)


def zen_table() -> dict[str, Any]:
    """The JDM document of the route table."""
    inputs = [
        ("level", "level"),
        ("special", "special_authority"),
        ("funds", "seeks_central_provincial_funds"),
        ("emergency", "emergency_recognized"),
        ("total", "total"),
        ("in_plan", "in_plan"),
        ("agreed", "agreed"),
        ("rebuild", "partial_rebuild_or_expansion"),
        ("simple", "single_content_simple_tech"),
    ]
    rows: list[tuple[dict[str, str], str]] = [
        ({"level": '"county"'}, "county_rules"),
        ({"special": "true"}, "external"),
        ({"funds": "true"}, "external"),
        ({"emergency": "true"}, "emergency_merged"),
        ({"total": "<= 10000000"}, "simplified_fsr_only"),
        ({"total": "<= 50000000", "in_plan": "true"}, "direct_fsr"),
        ({"total": "<= 50000000", "agreed": "true"}, "direct_fsr"),
        ({"total": "<= 50000000", "rebuild": "true"}, "direct_fsr"),
        ({"total": "<= 50000000", "simple": "true"}, "direct_fsr"),
        ({}, "standard"),
    ]
    rules = []
    for i, (cond, route) in enumerate(rows):
        rule = {"_id": f"r{i}", "out_route": json.dumps(route)}
        for col, _ in inputs:
            rule[col] = cond.get(col, "")
        rules.append(rule)
    content = {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {
                "id": "table",
                "type": "decisionTableNode",
                "name": "approval_route",
                "position": {"x": 200, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [{"id": c, "name": c, "type": "expression", "field": f} for c, f in inputs],
                    "outputs": [{"id": "out_route", "name": "route", "type": "expression", "field": "route"}],
                    "rules": rules,
                },
            },
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }
    return content


def zen_context(item: dict[str, Any]) -> str:
    """The request as JSON text: ZEN parses numbers exactly (no float on the way)."""
    return json.dumps({**item, "total": "TOTAL"}).replace('"TOTAL"', str(item["total"]))


# --------------------------------------------------------------------------------------------
# lifecycle


def lifecycle_commands(path: Path) -> list[dict[str, Any]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "commands" in doc:
        return list(doc["commands"])
    return [s["command"] for s in doc["steps"] if s["expect"].get("ok", True)]


def event_path(cmds: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(trigger, from, to) of every command, from a run of ours: the peers replay the same
    events — the state-changing ones as transitions, the fact events (state kept) as internal
    transitions — each behind a guard."""
    p = wz.InvestmentProject.empty()
    path = []
    seen: dict[tuple[str, str, str], int] = {}
    for t in p.apply_all(cmds, strict=True):
        key = (t.event, t.from_state, t.to_state)
        seen[key] = seen.get(key, 0) + 1
        # A peer's trigger is one name per (event, from): make repeated facts distinct.
        trigger = t.event if seen[key] == 1 else f"{t.event}_{seen[key]}"
        path.append((trigger, t.from_state, t.to_state))
    return path


def guard_args() -> dict[str, Any]:
    """What each peer guard checks: the actor, an amount within its cap, a document present."""
    return {"actor": "project_unit", "amount": Decimal("8400000.00"), "cap": Decimal("10000000.00"), "ref": "ref"}


def make_transitions_model(path: list[tuple[str, str, str]]) -> Callable[[], str]:
    from transitions import Machine

    states = ["none"] + sorted({s for _, a, b in path for s in (a, b)} - {"none"})
    kwargs = guard_args()

    def guard(event_data: Any) -> bool:
        k = event_data.kwargs
        return bool(k["actor"] and k["amount"] <= k["cap"] and k["ref"])

    transitions = [
        {"trigger": e, "source": a, "dest": (b if a != b else None), "conditions": [guard]} for e, a, b in path
    ]

    def run() -> str:
        class Project:
            pass

        model = Project()
        Machine(
            model=model,
            states=states,
            initial="none",
            transitions=transitions,
            send_event=True,
            auto_transitions=False,
        )
        for e, _, _ in path:
            assert getattr(model, e)(**kwargs)
        return str(model.state)

    return run


def make_statemachine_model(path: list[tuple[str, str, str]]) -> Callable[[], str]:
    from statemachine import State, StateMachine

    names = ["none"] + sorted({s for _, a, b in path for s in (a, b)} - {"none"})
    attrs: dict[str, Any] = {}
    sources = {a for _, a, _ in path}
    for n in names:
        attrs[n] = State(n, value=n, initial=(n == "none"), final=(n not in sources))
    for e, a, b in path:
        t = attrs[a].to.itself(internal=True, cond="guard") if a == b else attrs[a].to(attrs[b], cond="guard")
        attrs[e] = attrs[e] | t if e in attrs else t

    def guard(self: Any, actor: str, amount: Decimal, cap: Decimal, ref: str) -> bool:
        return bool(actor and amount <= cap and ref)

    attrs["guard"] = guard
    Lifecycle = type("Lifecycle", (StateMachine,), attrs)
    kwargs = guard_args()

    def run() -> str:
        m = Lifecycle()
        for e, _, _ in path:
            m.send(e, **kwargs)
        return str(next(iter(m.configuration)).id)

    return run


# --------------------------------------------------------------------------------------------
# memory (in a child process, so the figures are this batch's alone)


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_child(n: int) -> None:
    """Peak memory of one batch of `n` decisions over distinct Decimal totals and two flag
    columns, against the size of those input lists and of the output list."""
    rng = random.Random(7)
    gc.collect()
    base = rss_bytes()
    totals = [Decimal(rng.randrange(0, 300_000_000_00)).scaleb(-2) for _ in range(n)]
    in_plan = [rng.random() < 0.1 for _ in range(n)]
    agreed = [rng.random() < 0.1 for _ in range(n)]
    gc.collect()
    with_inputs = rss_bytes()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out = wz.approval_route_batch(totals, in_plan=in_plan, agreed=agreed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with_output = rss_bytes()
    inputs = with_inputs - base
    output = with_output - with_inputs
    used = max(peak, with_output) - base
    print(
        json.dumps(
            {
                "n": len(out),
                "inputs": inputs,
                "output": output,
                "peak_over_base": used,
                "peak_before_batch_over_base": peak_before - base,
            }
        )
    )


# --------------------------------------------------------------------------------------------


def measure_lifecycle(name: str, cmds: list[dict[str, Any]], n_life: int) -> dict[str, Any]:
    """One project per iteration through `cmds`: ours (prepared Commands, one apply each; one
    apply_all; dict commands) and the two peers on the same events. All must end in the same
    final state first."""
    path = event_path(cmds)
    run_transitions = make_transitions_model(path)
    run_statemachine = make_statemachine_model(path)
    prepared = [wz.Command(c) if "stream" in c else wz.InvestmentProject.empty().command(c) for c in cmds]

    def ours() -> str:
        p = wz.InvestmentProject.empty()
        for c in prepared:
            p.apply(c)
        return p.state or "none"

    def ours_batch() -> str:
        p = wz.InvestmentProject.empty()
        p.apply_all(prepared)
        return p.state or "none"

    def ours_dicts() -> str:
        p = wz.InvestmentProject.empty()
        for c in cmds:
            p.apply(c)
        return p.state or "none"

    final = path[-1][2]
    assert run_transitions() == run_statemachine() == ours() == ours_batch() == ours_dicts() == final, name
    return {
        f"{name}_commands": len(cmds),
        f"{name}_state_changes": sum(1 for _, a, b in path if a != b),
        f"{name}_lifecycle_ns": per_call_ns(ours, n_life),
        f"{name}_lifecycle_apply_all_ns": per_call_ns(ours_batch, n_life),
        f"{name}_lifecycle_dicts_ns": per_call_ns(ours_dicts, n_life),
        f"{name}_pytransitions_ns": per_call_ns(run_transitions, n_life),
        f"{name}_python_statemachine_ns": per_call_ns(run_statemachine, n_life),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return

    n_batch = 10_000 if args.quick else 100_000
    n_memory = 200_000 if args.quick else 1_000_000
    n_calls = 2_000 if args.quick else 50_000
    n_life = 20 if args.quick else 300
    fig: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "wanzheng": wz.__version__,
    }

    # ---- route: agreement first
    items = route_inputs(n_batch)
    decision = ZenRoute()
    ours = [wz.approval_route(it["total"], **{k: v for k, v in it.items() if k != "total"}).route for it in items]
    zen_routes = [decision.evaluate(zen_context(it))["result"]["route"] for it in items]
    mismatch = [i for i, (a, b) in enumerate(zip(ours, zen_routes)) if a != b]
    assert not mismatch, f"ZEN and wanzheng disagree on {len(mismatch)} inputs, e.g. {items[mismatch[0]]}"
    columns = {"level": [it["level"] for it in items], **{f: [it[f] for it in items] for f in FLAGS}}
    totals = [it["total"] for it in items]
    batch = wz.approval_route_batch(totals, **columns)
    assert batch == ours, "batch and single calls disagree"
    fig["route_inputs_agree"] = len(items)

    # ---- route: timing
    it = items[0]
    kw = {k: v for k, v in it.items() if k != "total"}
    total = it["total"]
    fig["route_single_ns"] = per_call_ns(lambda: wz.approval_route(total, in_plan=True, level="municipal"), n_calls)
    fig["route_single_all_kwargs_ns"] = per_call_ns(lambda: wz.approval_route(total, **kw), n_calls)
    ctx = zen_context(it)
    fig["zen_single_ns"] = per_call_ns(lambda: decision.evaluate(ctx), max(200, n_calls // 20))
    fig["route_batch_ns_per_item"] = once_ns(lambda: wz.approval_route_batch(totals, **columns)) / n_batch
    texts = [str(t) for t in totals]
    fig["route_batch_str_ns_per_item"] = once_ns(lambda: wz.approval_route_batch(texts, **columns)) / n_batch
    fig["route_generic_decide_ns"] = per_call_ns(
        lambda: wz.decide("approval_route", total=total, flags=kw), max(200, n_calls // 10)
    )

    # ---- lifecycles: agreement first, then timing
    for name, path in LIFECYCLES.items():
        fig.update(measure_lifecycle(name, lifecycle_commands(path), n_life))

    # ---- memory
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(n_memory)], check=True, capture_output=True, text=True
    )
    fig["memory"] = json.loads(out.stdout.strip().splitlines()[-1])

    # ---- ratios
    fig["ratio_zen_over_route"] = fig["zen_single_ns"] / fig["route_single_ns"]
    for name in LIFECYCLES:
        fig[f"{name}_ratio_pytransitions"] = fig[f"{name}_pytransitions_ns"] / fig[f"{name}_lifecycle_ns"]
        fig[f"{name}_ratio_statemachine"] = fig[f"{name}_python_statemachine_ns"] / fig[f"{name}_lifecycle_ns"]
    m = fig["memory"]
    fig["memory_ratio"] = m["peak_over_base"] / (m["inputs"] + m["output"])

    for k, v in fig.items():
        print(f"{k:40} {v:,.1f}" if isinstance(v, float) else f"{k:40} {v}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n")


if __name__ == "__main__":
    main()
