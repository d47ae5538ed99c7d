"""Spark (issue 14): a PySpark ``local[2]`` session evaluates a DataFrame of (key, log) with
``mapInPandas`` through the module in its executors (``wanzheng.spark``), and the findings and
obligations equal, row for row, those of the single-process workspace on the same logs — the
shared fixture scenarios and the bundled examples."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import wanzheng
from conftest import fixture_files, load

pyspark = pytest.importorskip("pyspark")
# pyspark 4.3 warns that pandas 3 is not fully supported; the paths used here (createDataFrame
# from pandas, mapInPandas) are exercised by this test.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):  # pragma: no cover
    pytest.skip("Spark needs Java (17); none on this machine", allow_module_level=True)

from wanzheng.spark import FINDINGS_SCHEMA, OBLIGATIONS_SCHEMA, findings_of, obligations_of  # noqa: E402


def logs() -> list[tuple[str, Any]]:
    """(key, project) of every project of every scenario fixture and bundled example."""
    out = []
    for path in fixture_files("scenarios"):
        doc = load(path)
        ws = wanzheng.Workspace(config=doc.get("config"))
        for step in doc["steps"]:
            try:
                ws.apply(step["command"])
            except wanzheng.InputError:
                pass
        for pid, p in sorted(ws.projects.items()):
            if len(p):
                out.append((f"scenario/{path.stem}/{pid}", p))
    for name, ex in wanzheng.load_examples().items():
        out.append((f"example/{name}", ex.project))
    return out


@pytest.fixture(scope="module")
def spark() -> Any:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the executors run this venv, wheel installed
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wanzheng-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


def single_process(projects: list[tuple[str, Any]], frame: str, columns: list[str]) -> list[tuple[Any, ...]]:
    """The same logs read one by one in this process (the reference rows)."""
    rows = []
    for key, p in projects:
        ws = wanzheng.read_logs([p.to_json()], differences="report")
        for r in getattr(ws, frame)().select(columns).to_pylist():
            rows.append((key, *[r[c] for c in columns]))
    return sorted(rows, key=repr)


def test_spark_matches_the_single_process_workspace(spark: Any) -> None:
    import pandas as pd

    projects = logs()
    assert len(projects) > 30
    pdf = pd.DataFrame({"key": [k for k, _ in projects], "log": [p.to_json() for _, p in projects]})
    df = spark.createDataFrame(pdf).repartition(2)

    f_cols = ["project_id", "regulation", "stream", "code", "rule_id", "article", "kind", "detail", "date", "as_of"]
    got_f = sorted((tuple(r) for r in df.mapInPandas(findings_of, FINDINGS_SCHEMA).collect()), key=repr)
    want_f = single_process(projects, "findings_frame", f_cols)
    assert got_f == want_f
    assert len(want_f) > 20

    o_cols = ["project_id", "regulation", "stream", "rule_id", "article", "duty", "subject", "due", "status", "authority", "as_of"]
    got_o = sorted((tuple(r) for r in df.mapInPandas(obligations_of, OBLIGATIONS_SCHEMA).collect()), key=repr)
    assert got_o == single_process(projects, "obligations_frame", o_cols)

    # …and the projects' own findings, each as of its last event (the workspace they were judged in).
    by_key = {k: p for k, p in projects}
    for key, p in projects:
        day = p.history[-1]["date"]
        want = sorted((f.code, f.detail, f.date) for f in p.audit(as_of=day))
        assert sorted((r[4], r[8], r[9]) for r in got_f if r[0] == key) == want, key
    assert set(by_key) >= {r[0] for r in got_f}


def test_the_wheel_is_what_executors_import(spark: Any) -> None:
    """The executors import the installed wheel (site-packages), not a source tree."""
    where = spark.sparkContext.parallelize([0], 1).map(lambda _: __import__("wanzheng").__file__).collect()[0]
    assert "site-packages" in Path(where).parts
