"""How a long batch shares the interpreter: the GIL wait of a second thread, and Ctrl-C latency.

For each batch entry point (``decide_batch('approval_route', …)`` over dict requests and
``approval_route_batch`` over columns) with N requests:

* **GIL wait of a second thread.** While the batch runs in the main thread, a second thread
  sleeps 1 ms at a time (``time.sleep`` releases the GIL) and measures how much longer than
  1 ms each sleep took; the excess, less the excess of the same loop with no batch running,
  is the time it waited for the GIL. Reported: batch wall time, total wait, longest wait, and
  how often the second thread got to run (ticks per second; ~900 with nothing else running).
  The thread asks for the GIL a thousand times a second, so it waits most of the time whenever
  the batch holds the GIL at all; the longest wait and the ticks per second tell whether it is
  shut out (before: for the whole conversion of the batch) or served every round.
* **Ctrl-C latency.** A timer thread sends SIGINT to the process a quarter into a batch of the
  same size; the script records how long after the signal ``KeyboardInterrupt`` reached the
  caller (before: only when the batch ended).

    python benches/python/gil_batch.py             # N = 600,000 (the issue's size)
    python benches/python/gil_batch.py --n 50000   # quicker
    python benches/python/gil_batch.py --n 3000000 --only approval_route_batch

Figures: benches/README.md, "Batches and the GIL (issue 12)".
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import threading
import time
from decimal import Decimal
from typing import Any, Callable

import wanzheng as wz

TICK = 0.001


def requests(n: int, seed: int = 20230601) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        fen = rng.choice([10_000_000_00, 50_000_000_00]) + rng.choice([-1, 0, 1])
        if rng.random() < 0.7:
            fen = rng.randrange(0, 300_000_000_00)
        flags = {"in_plan": rng.random() < 0.2, "level": "municipal"}
        out.append({"total": str(Decimal(fen).scaleb(-2)), "flags": flags})
    return out


def ticker(stop: threading.Event, excess: list[float]) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        time.sleep(TICK)
        excess.append(time.perf_counter() - t0 - TICK)


def baseline_excess(seconds: float = 1.0) -> float:
    """Median oversleep of the tick with nothing else running."""
    stop = threading.Event()
    excess: list[float] = []
    t = threading.Thread(target=ticker, args=(stop, excess))
    t.start()
    time.sleep(seconds)
    stop.set()
    t.join()
    return statistics.median(excess)


def gil_wait(run: Callable[[], Any], base: float) -> tuple[float, float, float, int]:
    """(batch seconds, total wait of the second thread, longest single wait, its ticks)."""
    stop = threading.Event()
    excess: list[float] = []
    t = threading.Thread(target=ticker, args=(stop, excess))
    t.start()
    time.sleep(0.05)
    excess.clear()
    t0 = time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    stop.set()
    t.join()
    waits = [max(0.0, e - base) for e in excess]
    return wall, sum(waits), max(waits, default=0.0), len(waits)


def ctrl_c_latency(run: Callable[[], Any], after: float) -> float:
    """Seconds from SIGINT (sent `after` seconds into the batch) to its Python handler running
    in the main thread (which raises KeyboardInterrupt into the batch)."""
    sent: list[float] = []
    handled: list[float] = []

    def on_sigint(signum: int, frame: Any) -> None:
        handled.append(time.perf_counter())
        raise KeyboardInterrupt

    def fire() -> None:
        sent.append(time.perf_counter())
        signal.raise_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGINT, on_sigint)
    timer = threading.Timer(after, fire)
    try:
        try:
            timer.start()
            run()
            # The batch may end between the signal and its handler: give the handler its turn.
            while not handled:
                time.sleep(0.001)
        finally:
            timer.join()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, previous)
    return handled[0] - sent[0] if sent and handled else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600_000)
    ap.add_argument("--only", choices=["decide_batch", "approval_route_batch"], help="run one of the two")
    args = ap.parse_args()
    reqs = requests(args.n)
    totals = [r["total"] for r in reqs]
    in_plan = [r["flags"]["in_plan"] for r in reqs]
    runs: dict[str, Callable[[], Any]] = {
        "decide_batch": lambda: wz.decide_batch("approval_route", reqs),
        "approval_route_batch": lambda: wz.approval_route_batch(totals, in_plan=in_plan),
    }
    base = baseline_excess()
    print(f"wanzheng {wz.__version__}, N = {args.n:,}, tick oversleep alone {base * 1e3:.3f} ms")
    for name, run in runs.items():
        if args.only and name != args.only:
            continue
        wall, waited, longest, ticks = gil_wait(run, base)
        print(
            f"{name:22} batch {wall:7.3f} s; second thread waited {waited:7.3f} s "
            f"({waited / wall:5.1%}), longest wait {longest * 1e3:8.1f} ms, {ticks / wall:6.0f} ticks/s"
        )
        latency = ctrl_c_latency(run, wall / 4)
        print(f"{name:22} Ctrl-C {wall / 4:6.3f} s into the batch: KeyboardInterrupt {latency * 1e3:8.1f} ms later")


if __name__ == "__main__":
    main()
