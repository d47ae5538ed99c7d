"""Spark throughput (issue 14): ≥ 100,000 synthetic projects through ``mapInPandas`` in a
PySpark ``local[2]`` session.

The logs are the standard-route scenario (tests/fixtures/scenarios/inv_standard_route.json,
26 ``inv`` events) run for N distinct project ids (bench_portfolio.make_logs), written once to
a Parquet file of (key, log). Spark reads it, evaluates each partition's logs with
``wanzheng.spark.findings_of`` (``read_logs`` in the executors) and counts the findings; the
count must equal the single-process ``read_logs`` count. The time is the Spark job alone (the
session started and the file written before).

    python benches/python/bench_spark.py [--n 100000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import wanzheng as wz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_portfolio import make_logs  # noqa: E402


def make_logs_from(args: tuple[int, int]) -> list[str]:
    """Logs `start .. start+count` (distinct project ids across workers)."""
    start, count = args
    return make_logs(count, first=start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    fig: dict[str, object] = {"projects": args.n, "cpus": os.cpu_count()}

    t0 = time.perf_counter()
    workers = os.cpu_count() or 2
    step = max(1, args.n // (4 * workers))
    with ProcessPoolExecutor(workers) as ex:
        parts = ex.map(make_logs_from, [(i, min(step, args.n - i)) for i in range(0, args.n, step)])
        logs = [t for part in parts for t in part]
    fig["making_logs_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    want = wz.read_logs(logs).findings_frame().num_rows
    fig["single_process_read_logs_s"] = time.perf_counter() - t0

    from pyspark.sql import SparkSession

    from wanzheng.spark import FINDINGS_SCHEMA, findings_of

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "logs.parquet"
        pq.write_table(pa.table({"key": [f"k{i}" for i in range(args.n)], "log": logs}), path, row_group_size=2_000)
        del logs
        df = spark.read.parquet(str(path)).repartition(args.partitions)
        df.cache().count()
        t0 = time.perf_counter()
        got = df.mapInPandas(findings_of, FINDINGS_SCHEMA).count()
        fig["spark_s"] = time.perf_counter() - t0
    spark.stop()
    assert got == want, f"Spark {got} findings, single process {want}"
    fig["findings"] = got
    fig["spark_projects_per_s"] = args.n / fig["spark_s"]  # type: ignore[operator]
    fig["single_process_projects_per_s"] = args.n / fig["single_process_read_logs_s"]  # type: ignore[operator]
    for k, v in fig.items():
        print(f"{k:40} {v:,.2f}" if isinstance(v, float) else f"{k:40} {v}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n")


if __name__ == "__main__":
    main()
