"""Arrow batches against the list batches and plain Python, in one run (issue 14).

* route (RULES.md §4.1) over 100,000 seeded inputs (the inputs of bench.py): a plain-Python
  loop over ``decimal.Decimal`` totals implementing the route table (the reference, checked
  against ours first), the list batch from ``Decimal`` and ``str`` columns, and the Arrow batch
  from a pyarrow table (``decimal128(20, 2)`` totals, bool flag columns, a dictionary ``level``);
* ``payment_check`` (RULES.md §4.5) over a 100,000-row table: a per-row ``wz.decide`` loop, the
  list ``decide_batch`` over dicts, and ``decide_batch`` over the pyarrow table (decimal128
  amounts); every row's outcomes agree first.

    python benches/python/bench_arrow.py [--quick] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

import wanzheng as wz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import FLAGS, once_ns, route_inputs  # noqa: E402

TEN_M = Decimal("10000000.00")
FIFTY_M = Decimal("50000000.00")


def py_route(it: dict[str, Any]) -> str:
    """The §4.1 route table in plain Python over Decimal (first hit wins, as bench.py's ZEN table)."""
    if it["level"] == "county":
        return "county_rules"
    if it["special_authority"] or it["seeks_central_provincial_funds"]:
        return "external"
    if it["emergency_recognized"]:
        return "emergency_merged"
    total = it["total"]
    if total <= TEN_M:
        return "simplified_fsr_only"
    if total <= FIFTY_M and (
        it["in_plan"] or it["agreed"] or it["partial_rebuild_or_expansion"] or it["single_content_simple_tech"]
    ):
        return "direct_fsr"
    return "standard"


def payment_rows(n: int, seed: int = 20231101) -> list[dict[str, Any]]:
    """Payments near the estimate, budget and contract ceilings, with wages (the §4.5 checks)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        est = rng.randrange(1_000_000_00, 90_000_000_00)
        paid = rng.randrange(0, est)
        ceiling = rng.randrange(est // 2, est)
        paid_c = rng.randrange(0, ceiling)
        room = min(est - paid, ceiling - paid_c)
        amount = max(1, room + rng.choice([-100, -1, 0, 1, 100]))
        due = rng.randrange(0, amount)
        share = due + rng.choice([-1, 0, 1, 0, 0]) if due else 0
        rows.append(
            {
                "ledger": {
                    "estimate": Decimal(est).scaleb(-2),
                    "paid_total": Decimal(paid).scaleb(-2),
                    "contract_ceiling": Decimal(ceiling).scaleb(-2),
                    "paid_contract": Decimal(paid_c).scaleb(-2),
                },
                "request": {
                    "amount": Decimal(amount).scaleb(-2),
                    "wages_due": Decimal(due).scaleb(-2),
                    "wage_share": Decimal(max(share, 0)).scaleb(-2),
                },
            }
        )
    return rows


def payment_table(rows: list[dict[str, Any]]) -> Any:
    dec = pa.decimal128(20, 2)
    cols = {}
    for part in ("ledger", "request"):
        for key in rows[0][part]:
            cols[f"{part}.{key}"] = pa.array([r[part][key] for r in rows], dec)
    return pa.table(cols)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    n = 10_000 if args.quick else 100_000
    fig: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count(), "n": n}

    # ---- route: agreement first
    items = route_inputs(n)
    reference = [py_route(it) for it in items]
    totals = [it["total"] for it in items]
    texts = [str(t) for t in totals]
    columns = {"level": [it["level"] for it in items], **{f: [it[f] for it in items] for f in FLAGS}}
    table = pa.table(
        {
            "total": pa.array(totals, pa.decimal128(20, 2)),
            "level": pa.array(columns["level"]).dictionary_encode(),
            **{f: pa.array(columns[f], pa.bool_()) for f in FLAGS},
        }
    )
    listed = wz.approval_route_batch(totals, **columns)
    arrowed = wz.approval_route_batch(table).column("route").to_pylist()
    assert listed == reference, "list batch and the plain-Python reference disagree"
    assert arrowed == reference, "Arrow batch and the plain-Python reference disagree"
    fig["route_inputs_agree"] = n

    fig["route_python_decimal_loop_ns"] = once_ns(lambda: [py_route(it) for it in items]) / n
    fig["route_batch_list_decimal_ns"] = once_ns(lambda: wz.approval_route_batch(totals, **columns)) / n
    fig["route_batch_list_str_ns"] = once_ns(lambda: wz.approval_route_batch(texts, **columns)) / n
    fig["route_batch_arrow_decimal128_ns"] = once_ns(lambda: wz.approval_route_batch(table)) / n
    fig["route_arrow_speedup_over_python_loop"] = (
        fig["route_python_decimal_loop_ns"] / fig["route_batch_arrow_decimal128_ns"]
    )

    # ---- payment_check: agreement first
    rows = payment_rows(n)
    ptable = payment_table(rows)
    per_row = [wz.decide("payment_check", r) for r in rows]
    arrow_res = wz.decide_batch("payment_check", ptable).to_pylist()
    listed_res = wz.decide_batch("payment_check", rows)
    for i, (a, b, c) in enumerate(zip(per_row, arrow_res, listed_res)):
        oa = [dict(o) for o in a["outcomes"]]
        ob = [{k: v for k, v in o.items() if v is not None} for o in b["outcomes"]]
        assert oa == ob == c["outcomes"] and a["rules"] == b["rules"], f"row {i}: {a} vs {b}"
    fig["payment_rows_agree"] = n
    fig["payment_rows_with_outcomes"] = sum(1 for a in per_row if a["outcomes"])

    sub = rows[: max(1, n // 10)]
    fig["payment_decide_loop_ns"] = once_ns(lambda: [wz.decide("payment_check", r) for r in sub], repeat=3) / len(sub)
    fig["payment_decide_batch_list_ns"] = once_ns(lambda: wz.decide_batch("payment_check", rows), repeat=3) / n
    fig["payment_decide_batch_arrow_ns"] = once_ns(lambda: wz.decide_batch("payment_check", ptable)) / n
    fig["payment_arrow_speedup_over_decide_loop"] = fig["payment_decide_loop_ns"] / fig["payment_decide_batch_arrow_ns"]

    for k, v in fig.items():
        print(f"{k:44} {v:,.1f}" if isinstance(v, float) else f"{k:44} {v}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n")


if __name__ == "__main__":
    main()
