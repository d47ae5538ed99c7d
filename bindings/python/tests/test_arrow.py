"""Arrow batches (issue 14): tables and columns of pyarrow, polars and Arrow-backed pandas read
in place through the Arrow C data interface, routed and decided by the core, results as Arrow
tables — the same answers as the list batches and single calls."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pytest

import wanzheng
from conftest import fixture_files, load, subset, wire

FLAGS = (
    "special_authority",
    "seeks_central_provincial_funds",
    "emergency_recognized",
    "urgent_sudden_event",
    "in_plan",
    "agreed",
    "partial_rebuild_or_expansion",
    "single_content_simple_tech",
    "small_scale",
    "dispersed_similar",
)


def route_rows(n: int, seed: int = 14) -> list[dict[str, Any]]:
    """Totals at the 10,000,000.00 and 50,000,000.00 bands (INV-15.1, 15.3) and between, flags
    and levels drawn."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        fen = rng.choice([10_000_000_00, 50_000_000_00]) + rng.choice([-1, 0, 1]) if rng.random() < 0.4 else rng.randrange(0, 90_000_000_00)
        row: dict[str, Any] = {"total": Decimal(fen).scaleb(-2), "level": "county" if rng.random() < 0.1 else "municipal"}
        for f in FLAGS:
            row[f] = rng.random() < 0.2
        rows.append(row)
    return rows


def as_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.table(
        {
            "total": pa.array([r["total"] for r in rows], pa.decimal128(20, 2)),
            "level": pa.array([r["level"] for r in rows]).dictionary_encode(),
            **{f: pa.array([r[f] for r in rows], pa.bool_()) for f in FLAGS},
        }
    )


def listed(rows: list[dict[str, Any]]) -> list[str]:
    cols = {k: [r[k] for r in rows] for k in ("level", *FLAGS)}
    out: list[str] = wanzheng.approval_route_batch([r["total"] for r in rows], **cols)
    return out


def routes(table: Any) -> list[str]:
    out: list[str] = table.column("route").to_pylist()
    return out


def test_route_table_matches_the_list_batch_and_single_calls() -> None:
    """Source: INV-15.1 — 10,000,000.00 is simplified, 10,000,000.01 not; the Arrow batch over
    decimal128 mantissas gives what the list batch and single calls give, row for row."""
    rows = route_rows(5_000)
    rows[0] = {**rows[0], "total": Decimal("10000000.00"), "level": "municipal", **{f: False for f in FLAGS}}
    rows[1] = {**rows[0], "total": Decimal("10000000.01")}
    got = wanzheng.approval_route_batch(as_table(rows))
    assert isinstance(got, pa.Table)
    assert got.schema.field("route").type == pa.dictionary(pa.int8(), pa.string())
    assert routes(got) == listed(rows)
    assert routes(got)[:2] == ["simplified_fsr_only", "standard"]
    single = [
        wanzheng.approval_route(r["total"], **{k: r[k] for k in ("level", *FLAGS)}).route for r in rows[:200]
    ]
    assert routes(got)[:200] == single


def test_route_over_many_batches_and_threads() -> None:
    """A table of several record batches (more rows than one unit of work) keeps row order."""
    rows = route_rows(40_000, seed=3)
    table = as_table(rows)
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=7_001))
    assert routes(wanzheng.approval_route_batch(chunked)) == listed(rows)


def test_route_column_forms() -> None:
    """A decimal128 column with flags as columns or single values; pyarrow, polars and
    Arrow-backed pandas."""
    rows = route_rows(300, seed=5)
    totals = pa.array([r["total"] for r in rows], pa.decimal128(20, 2))
    in_plan = pa.array([r["in_plan"] for r in rows])
    want = wanzheng.approval_route_batch([r["total"] for r in rows], in_plan=[r["in_plan"] for r in rows], agreed=True)
    assert routes(wanzheng.approval_route_batch(totals, in_plan=in_plan, agreed=True)) == want
    assert routes(wanzheng.approval_route_batch(pa.chunked_array([totals]), in_plan=in_plan, agreed=True)) == want
    frame = pl.DataFrame({"total": pl.from_arrow(totals), "in_plan": pl.from_arrow(in_plan)})
    assert routes(wanzheng.approval_route_batch(frame, agreed=True)) == want
    assert routes(wanzheng.approval_route_batch(frame["total"], in_plan=frame["in_plan"], agreed=True)) == want
    series = pd.Series(totals.to_pylist(), dtype=pd.ArrowDtype(pa.decimal128(20, 2)), index=range(10, 310))
    flags = pd.Series([r["in_plan"] for r in rows], dtype=pd.ArrowDtype(pa.bool_()), index=series.index)
    got = wanzheng.approval_route_batch(series, in_plan=flags, agreed=True)
    assert list(got.index) == list(series.index) and got.name == "route"
    assert [str(x) for x in got] == want
    pdf = pd.DataFrame({"total": series, "in_plan": flags})
    assert [str(x) for x in wanzheng.approval_route_batch(pdf, agreed=True)["route"]] == want


def test_route_scales_and_text() -> None:
    """decimal128 of scale 0 and 4 read exactly (scale 4 only with zero extra digits); text
    columns in the amount grammar."""
    vals = [Decimal("10000000"), Decimal("10000001")]
    assert routes(wanzheng.approval_route_batch(pa.table({"total": pa.array(vals, pa.decimal128(12, 0))}))) == [
        "simplified_fsr_only",
        "standard",
    ]
    four = pa.array([Decimal("10000000.0000"), Decimal("10000000.0100")], pa.decimal128(20, 4))
    assert routes(wanzheng.approval_route_batch(pa.table({"total": four}))) == ["simplified_fsr_only", "standard"]
    text = pa.array(["10000000.00", "10000000.01"])
    assert routes(wanzheng.approval_route_batch(pa.table({"total": text}))) == ["simplified_fsr_only", "standard"]


def test_route_bad_cells_name_their_row() -> None:
    """A fraction of a fen, a null, a negative amount or a float column is refused with the
    row's path, counted across record batches."""
    good = [Decimal("1.0000")] * 5
    bad = pa.array([*good, Decimal("1.0001")], pa.decimal128(20, 4))
    t = pa.Table.from_batches(pa.table({"total": bad}).to_batches(max_chunksize=4))
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.approval_route_batch(t)
    assert e.value.path == "total[5]"
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.approval_route_batch(pa.table({"total": pa.array([Decimal("1.00"), None], pa.decimal128(20, 2))}))
    assert e.value.path == "total[1]"
    with pytest.raises(wanzheng.InputError):
        wanzheng.approval_route_batch(pa.table({"total": pa.array([Decimal("-1.00")], pa.decimal128(20, 2))}))
    with pytest.raises(wanzheng.InputError):
        wanzheng.approval_route_batch(pa.table({"total": pa.array([1.5])}))
    with pytest.raises(ValueError, match="both"):
        wanzheng.approval_route_batch(pa.table({"total": pa.array(["1.00"]), "agreed": [True]}), agreed=True)
    with pytest.raises(ValueError, match="no column 'total'"):
        wanzheng.approval_route_batch(pa.table({"amount": pa.array(["1.00"])}))


# ---- decide over tables: every §4 function -----------------------------------------------------

MONEY = r"^-?[0-9]+\.[0-9]{2}$"


def arrow_request(request: dict[str, Any]) -> pa.Table:
    """One request as a one-row table: nested objects flattened to ``a.b`` columns, and every
    text column that holds amounts cast to decimal128(20, 2) (read as mantissas)."""
    table = pa.Table.from_pylist([request])
    while any(pa.types.is_struct(f.type) and f.type.num_fields for f in table.schema):
        names, columns = [], []
        for field, col in zip(table.schema, table.columns):
            if pa.types.is_struct(field.type) and field.type.num_fields:
                for k in range(field.type.num_fields):
                    names.append(f"{field.name}.{field.type.field(k).name}")
                    columns.append(pc.struct_field(col, [k]))
            else:
                names.append(field.name)
                columns.append(col)
        table = pa.table(columns, names=names)
    for i, field in enumerate(table.schema):
        col = table.column(i)
        if pa.types.is_string(field.type) and col.null_count == 0 and pc.all(pc.match_substring_regex(col, MONEY)).as_py():
            table = table.set_column(i, field.name, pc.cast(col, pa.decimal128(20, 2)))
    return table


def plain(v: Any) -> Any:
    """An Arrow row as the core's JSON: absent struct fields (None) dropped, amounts as text."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return wire(v)


def decision_rows() -> list[Any]:
    rows = []
    for kind in ("investment", "digital"):
        for path in fixture_files(kind):
            doc = load(path)
            for row in doc["rows"]:
                rows.append(pytest.param(doc["function"], row, id=f"{path.stem}/{row['id']}"))
    return rows


@pytest.mark.parametrize(("function", "row"), decision_rows())
def test_decide_table_row(function: str, row: dict[str, Any]) -> None:
    """Each shared fixture row of every RULES.md §4 function through ``decide_batch`` over an
    Arrow table (amounts as decimal128): the row's expectation holds, and the result equals
    ``decide``'s; an error row comes back in the ``error`` column."""
    config = row.get("config")
    if not row["request"]:
        pytest.skip("a request without arguments is a table without columns (and so without rows)")
    try:
        table = arrow_request(row["request"])
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pytest.skip("request not representable as one Arrow row")
    got = wanzheng.decide_batch(function, table, config=config, errors="return")
    assert isinstance(got, pa.Table) and got.num_rows == 1
    [out] = got.to_pylist()
    if "error" in row:
        assert out.get("error"), f"expected an error, got {out}"
        return
    assert out.get("error") is None, out
    result = plain({k: v for k, v in out.items() if k != "error"})
    assert subset(row["expect"], result), f"expected {row['expect']} within {result}"
    want = wanzheng.decide(function, json.dumps(row["request"]), config=config, raw=True)
    assert result == plain(want)


def test_payment_check_table_many_rows() -> None:
    """Source: INV-35.3 — 100.00 paid against an estimate of 100.00 passes, 100.01 is
    over_estimate; thousands of rows over threads, equal to per-row ``decide``."""
    rng = random.Random(9)
    reqs = []
    for _ in range(3_000):
        est = rng.randrange(100_00, 1_000_000_00)
        amount = est + rng.choice([-1, 0, 1])
        reqs.append({"ledger": {"estimate": Decimal(est).scaleb(-2)}, "request": {"amount": Decimal(amount).scaleb(-2)}})
    dec = pa.decimal128(20, 2)
    table = pa.table(
        {
            "ledger.estimate": pa.array([r["ledger"]["estimate"] for r in reqs], dec),
            "request.amount": pa.array([r["request"]["amount"] for r in reqs], dec),
        }
    )
    got = wanzheng.decide_batch("payment_check", table)
    assert got.schema.field("outcomes").type.value_type.num_fields >= 3
    for r, out in zip(reqs, got.to_pylist()):
        want = wanzheng.decide("payment_check", r)
        assert plain(out["outcomes"]) == want["outcomes"] and out["rules"] == want["rules"]
    over = [r["request"]["amount"] > r["ledger"]["estimate"] for r in reqs]
    flagged = ["over_estimate" in {o["detail"] for o in out["outcomes"]} for out in got.to_pylist()]
    assert flagged == over
    polars_got = wanzheng.decide_batch("payment_check", pl.from_arrow(table))
    assert polars_got.equals(got)


def test_decide_table_raises_with_the_row() -> None:
    t = pa.table({"ledger.estimate": pa.array(["1.00", "1.00"]), "request.amount": pa.array(["1.00", "1.001"])})
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.decide_batch("payment_check", t)
    assert e.value.path == "requests[1].request.amount"
    assert "request 1" in str(e.value)
    with pytest.raises(wanzheng.InputError):
        wanzheng.decide_batch("no_such_function", t)


def test_arrow_pandas_frame_keeps_its_index() -> None:
    idx = ["a", "b"]
    t = pd.DataFrame(
        {
            "ledger.estimate": pd.Series(["100.00", "100.00"], dtype=pd.ArrowDtype(pa.string()), index=idx),
            "request.amount": pd.Series(["100.00", "100.01"], dtype=pd.ArrowDtype(pa.string()), index=idx),
        },
    )
    got = wanzheng.decide_batch("payment_check", t)
    assert isinstance(got, pd.DataFrame) and list(got.index) == ["a", "b"]
    assert [len(o) for o in got["outcomes"]] == [0, 2]


@pytest.mark.parametrize("bad", ["2023-7-3", "2023-07-3", "2023-07-3 ", " 2023-07-03"])
def test_decide_table_refuses_lenient_date_text(bad: str) -> None:
    """A date column given as text is read by the core's one strict parser (date::parse), as
    every other date entry: ``2023-7-3`` is refused, ``2023-07-03`` decided."""
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.decide_batch("inv_applies", pa.table({"date": pa.array([bad])}))
    assert "ISO date" in str(e.value)
    got = wanzheng.decide_batch("inv_applies", pa.table({"date": pa.array(["2023-07-03"])}))
    assert got.to_pylist()[0]["applies"] is True
