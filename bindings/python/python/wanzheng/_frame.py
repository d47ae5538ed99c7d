"""Notebook helpers: batches over sequences or pandas columns, and tables of results.

pandas is optional: it is imported only when a DataFrame is asked for or given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Union

from wanzheng import _wanzheng

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["approval_route_batch", "audit_frame", "decide_batch", "to_frame"]

ConfigArg = Union[Mapping[str, Any], str, None]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "this helper returns a pandas.DataFrame; install pandas (pip install 'wanzheng[pandas]')"
        ) from e
    return pandas


def _is_frame(obj: object) -> bool:
    mod = type(obj).__module__
    return mod.startswith("pandas") and type(obj).__name__ == "DataFrame"


def _is_series(obj: object) -> bool:
    return type(obj).__module__.startswith("pandas") and type(obj).__name__ == "Series"


# The flag names of RULES.md §4.1 are the core's one list (ROUTE_FLAGS), read from the extension.
_ROUTE_COLUMNS = ("level", *_wanzheng.ROUTE_FLAGS)


# --------------------------------------------------------------------------------------------
# Arrow (issue 14): tables and columns of pyarrow, polars and Arrow-backed pandas are read in
# place through the Arrow C data interface; results come back as Arrow tables.


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("Arrow results are pyarrow tables; install pyarrow (pip install 'wanzheng[arrow]')") from e
    return pyarrow


def _arrow_backed_pandas(obj: object) -> bool:
    """A pandas Series, or a DataFrame all of whose columns are, backed by Arrow (``ArrowDtype``)."""
    if _is_series(obj):
        return type(getattr(obj, "dtype", None)).__name__ == "ArrowDtype"
    if _is_frame(obj):
        dtypes = getattr(obj, "dtypes", ())
        return len(dtypes) > 0 and all(type(t).__name__ == "ArrowDtype" for t in dtypes)
    return False


def _arrow_kind(obj: object) -> str | None:
    """``"table"``, ``"column"`` or ``None`` (not Arrow data: the list/pandas paths apply)."""
    mod = type(obj).__module__.split(".")[0]
    name = type(obj).__name__
    if mod == "pandas":
        if not _arrow_backed_pandas(obj):
            return None
        return "table" if _is_frame(obj) else "column"
    if mod == "pyarrow":
        if name in ("Table", "RecordBatch", "RecordBatchReader"):
            return "table"
        if name == "ChunkedArray" or name.endswith("Array"):
            return "column"
        return None
    if mod == "polars":
        return {"DataFrame": "table", "Series": "column"}.get(name)
    if hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__"):
        return "table"
    return None


def _column(obj: Any) -> Any:
    """An Arrow column object as a pyarrow (chunked) array, without copying its buffers."""
    pa = _pyarrow()
    if _is_series(obj):
        return pa.array(obj.array)
    if type(obj).__module__.startswith("pyarrow"):
        return obj
    return pa.chunked_array(obj)


def _table(obj: Any) -> Any:
    """A table object as something with ``__arrow_c_stream__`` (pandas via pyarrow)."""
    if _is_frame(obj):
        return _pyarrow().Table.from_pandas(obj, preserve_index=False)
    return obj


def _route_arrow(total: Any, kind: str, kwargs: dict[str, Any]) -> Any:
    pa = _pyarrow()
    scalars = {k: v for k, v in kwargs.items() if k not in _ROUTE_COLUMNS or isinstance(v, (bool, str)) or v is None}
    columns = {k: v for k, v in kwargs.items() if k not in scalars}
    if kind == "table":
        if columns:
            raise TypeError(f"with a table, give {sorted(columns)} as columns of the table or as one value")
        table = _table(total)
    else:
        table = pa.table({"total": _column(total), **{k: _column(v) for k, v in columns.items()}})
    result = pa.table(_wanzheng.approval_route_arrow(table, **scalars))
    if _is_frame(total) or _is_series(total):
        routes = result.column("route").to_pandas()
        routes.index = total.index
        routes.name = "route"
        if _is_frame(total):
            return total.assign(route=routes)
        return routes
    return result


def approval_route_batch(total: Any, **kwargs: Any) -> Any:
    """RULES.md §4.1 ``approval_route`` over many projects, the core work without the GIL.

    ``total`` is a sequence of amounts (``Decimal`` or exact ``str``) or a pandas Series; each
    of ``level`` and the flags (``in_plan``, ``agreed``, …) is one value for all or a sequence
    (or Series) of the same length; ``sector`` and ``config`` as for ``approval_route``.
    Returns the routes: a list, or a Series (named ``route``, same index) for a Series.

    ``total`` may also be a DataFrame with a ``total`` column and any of the flag columns; the
    result is then a copy of the frame with a ``route`` column added.

    Arrow data (issue 14): ``total`` may be a pyarrow ``Table``/``RecordBatch`` or polars
    ``DataFrame`` with a ``total`` column (``decimal128`` with scale ≤ 2, read as mantissas, or
    text) and any flag (bool) and ``level`` columns, or a column (pyarrow ``Array`` /
    ``ChunkedArray``, polars ``Series``) with the flags as columns or single values. It is read
    in place, routed on every core without the GIL, and the result is a ``pyarrow.Table`` with
    one column ``route`` (``dictionary<int8, string>``). Arrow-backed pandas objects
    (``ArrowDtype`` columns) give a categorical ``route`` Series / a frame with it, as above.
    """
    kind = _arrow_kind(total)
    if kind is not None:
        return _route_arrow(total, kind, kwargs)
    if _is_frame(total):
        frame: pd.DataFrame = total
        columns: dict[str, Any] = {c: frame[c].tolist() for c in _ROUTE_COLUMNS if c in frame.columns}
        routes = _wanzheng.approval_route_batch(frame["total"].tolist(), **columns, **kwargs)
        out: pd.DataFrame = frame.assign(route=routes)
        return out
    index = total.index if _is_series(total) else None
    values = total.tolist() if index is not None else total
    args = {k: (v.tolist() if _is_series(v) else v) for k, v in kwargs.items()}
    routes = _wanzheng.approval_route_batch(values, **args)
    if index is not None:
        return _pandas().Series(routes, index=index, name="route")
    return routes


def decide_batch(
    function: str,
    requests: Any,
    /,
    *,
    config: ConfigArg = None,
    raw: bool = False,
    errors: Literal["raise", "return"] = "raise",
) -> Any:
    """Evaluates the RULES.md §4 function ``function`` on many requests.

    ``requests`` is a sequence of mappings (each the keyword arguments of one call), or a
    ``pandas.DataFrame`` whose columns are the arguments (one row per call). The core work runs
    without the GIL, in rounds after each of which signals are checked (Ctrl-C interrupts a
    long batch). Returns a list of result dicts, or, for a DataFrame, a DataFrame of results
    with the same index.

    With ``errors="raise"`` the first failing request raises (its position is in the message and
    in the exception's ``index``); with ``errors="return"`` its exception object takes its place.

    Arrow data (issue 14): ``requests`` may be a pyarrow ``Table``/``RecordBatch``, a polars
    ``DataFrame`` or an Arrow-backed pandas frame, one request per row; a column ``a.b`` (or a
    struct column ``a``) gives field ``b`` of argument ``a``; a null cell leaves the argument
    out. It is decided on every core without the GIL; the result is a ``pyarrow.Table`` of the
    results' fields (amounts ``decimal128(20, 2)``, dates ``date32``, ``rules`` a list of
    strings, ``outcomes`` a list of structs) — for pandas a DataFrame of them, same index. With
    ``errors="return"`` an ``error`` column holds each failing row's message.
    """
    if _arrow_kind(requests) == "table":
        pa = _pyarrow()
        result = pa.table(_wanzheng.decide_arrow(function, _table(requests), config=config, errors=errors))
        if _is_frame(requests):
            out: pd.DataFrame = result.to_pandas()
            out.index = requests.index
            return out
        return result
    if _is_frame(requests):
        frame: pd.DataFrame = requests
        rows: list[Any] = frame.to_dict(orient="records")
        results = _wanzheng.decide_batch(function, rows, config=config, raw=raw, errors=errors)
        return _pandas().DataFrame(
            [r if isinstance(r, dict) else {"error": r} for r in results], index=frame.index
        )
    return _wanzheng.decide_batch(function, requests, config=config, raw=raw, errors=errors)


def to_frame(items: Iterable[Any], /) -> pd.DataFrame:
    """A DataFrame with one row per item: transitions, outcomes, findings, obligations,
    explanations (anything with ``to_dict()``) or plain dicts."""
    rows = [x.to_dict() if hasattr(x, "to_dict") else dict(x) for x in items]
    frame: pd.DataFrame = _pandas().DataFrame(rows)
    return frame


def _own_date(p: Any) -> Any:
    """A project's own report date: the date of its last event (``None`` for an empty one)."""
    history = p.history
    return history[-1]["date"] if history else None


def audit_frame(
    projects: Union[Mapping[str, Any], Sequence[Any]], /, *, as_of: Any = None
) -> pd.DataFrame:
    """Findings of many projects as one DataFrame: one row per finding, with ``project_id``,
    ``regulation`` (``INV``/``DIG``), ``state`` and ``as_of`` first, then the finding (the
    numeric ``article`` beside ``article_zh``, e.g. 16 and 第十六条: both regulations have one).
    ``projects`` is a sequence of projects or a mapping name → project.

    ``as_of`` is per project, as the CLI's ``check`` and ``report`` do: by default each
    project's own last event date (one date for all would make a project that simply ended
    earlier look overdue); a date (or ISO text) for all; or a mapping project id → date, the
    others their own."""
    items = projects.values() if isinstance(projects, Mapping) else projects
    rows = []
    for p in items:
        if isinstance(as_of, Mapping):
            day = as_of.get(p.project_id) or _own_date(p)
        else:
            day = as_of if as_of is not None else _own_date(p)
        for f in p.audit(as_of=day):
            row = {"project_id": p.project_id, "regulation": f.rule_id.split("-", 1)[0], "state": p.state, "as_of": day}
            row.update(f.to_dict())
            row["article_zh"] = row.pop("article")
            row["article"] = _wanzheng.explain(f.rule_id).article_number
            rows.append(row)
    columns = [
        "project_id", "regulation", "state", "as_of", "code", "rule_id", "article", "article_zh", "kind", "detail",
        "seqs", "date", "source", "message_zh", "message_en",
    ]
    frame: pd.DataFrame = _pandas().DataFrame(rows, columns=columns)
    return frame
