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


_ROUTE_COLUMNS = (
    "level",
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


def approval_route_batch(total: Any, **kwargs: Any) -> Any:
    """RULES.md §4.1 ``approval_route`` over many projects, the core work without the GIL.

    ``total`` is a sequence of amounts (``Decimal`` or exact ``str``) or a pandas Series; each
    of ``level`` and the flags (``in_plan``, ``agreed``, …) is one value for all or a sequence
    (or Series) of the same length; ``sector`` and ``config`` as for ``approval_route``.
    Returns the routes: a list, or a Series (named ``route``, same index) for a Series.

    ``total`` may also be a DataFrame with a ``total`` column and any of the flag columns; the
    result is then a copy of the frame with a ``route`` column added.
    """
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
    """
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


def audit_frame(
    projects: Union[Mapping[str, Any], Sequence[Any]], /, *, as_of: Any = None
) -> pd.DataFrame:
    """Findings of many projects as one DataFrame: one row per finding, with ``project_id`` and
    ``state`` first. ``projects`` is a sequence of projects or a mapping name → project."""
    items = projects.values() if isinstance(projects, Mapping) else projects
    rows = []
    for p in items:
        for f in p.audit(as_of=as_of):
            row = {"project_id": p.project_id, "state": p.state}
            row.update(f.to_dict())
            rows.append(row)
    columns = [
        "project_id", "state", "code", "rule_id", "kind", "detail", "seqs", "date", "source",
        "article", "message_zh", "message_en",
    ]
    frame: pd.DataFrame = _pandas().DataFrame(rows, columns=columns)
    return frame
