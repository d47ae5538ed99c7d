"""Evaluating project logs on Spark executors (issue 14): functions for ``mapInPandas``.

A Spark DataFrame with a column of project logs (JSON text: ``p.to_json()`` documents or bare
``export_log()`` logs) and a key column is evaluated in the executors by this module::

    from wanzheng.spark import FINDINGS_SCHEMA, findings_of
    findings = logs_df.mapInPandas(findings_of, FINDINGS_SCHEMA)

Each pandas batch the executor hands over is read with :func:`wanzheng.read_logs` (parsed,
chain verified, replayed in parallel without the GIL) and its findings (or obligations) come
back as rows, each project as of its own last event, as the CLI and the single-process
:class:`Workspace` frames do. The input columns are ``key`` (any string identifying the log;
kept on every output row) and ``log``. Logs of one project id in one batch are read in separate
workspaces, so the same project may appear under several keys.

Only pandas and pyarrow are needed in the executors besides the wheel (see the README,
"Spark").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import wanzheng

__all__ = ["FINDINGS_SCHEMA", "OBLIGATIONS_SCHEMA", "findings_of", "obligations_of"]

FINDINGS_SCHEMA = (
    "key string, project_id string, regulation string, stream string, code string, rule_id string, "
    "article int, kind string, detail string, date date, as_of date"
)
OBLIGATIONS_SCHEMA = (
    "key string, project_id string, regulation string, stream string, rule_id string, article int, "
    "duty string, subject string, due date, status string, authority string, as_of date"
)

_FINDING_COLUMNS = ["project_id", "regulation", "stream", "code", "rule_id", "article", "kind", "detail", "date", "as_of"]
_OBLIGATION_COLUMNS = [
    "project_id", "regulation", "stream", "rule_id", "article", "duty", "subject", "due", "status", "authority", "as_of",
]


def _groups(keys: list[str], logs: list[str]) -> Iterator[list[tuple[str, str]]]:
    """Consecutive groups of (key, log) whose project ids are distinct within a group."""
    group: list[tuple[str, str]] = []
    ids: set[str] = set()
    for key, log in zip(keys, logs):
        pid = _project_id(log)
        if pid in ids:
            yield group
            group, ids = [], set()
        group.append((key, log))
        ids.add(pid)
    if group:
        yield group


def _project_id(log: str) -> str:
    """The project id of a log's first entry, read from its text (no full parse)."""
    at = log.find('"project_id"')
    if at < 0:
        return ""
    rest = log[at + len('"project_id"') :].lstrip().lstrip(":").lstrip()
    return rest[1:].split('"', 1)[0] if rest.startswith('"') else ""


def _evaluate(batches: Iterator[Any], frame: str, columns: list[str], differences: str) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        out = []
        for group in _groups(batch["key"].tolist(), batch["log"].tolist()):
            ws = wanzheng.read_logs([log for _, log in group], differences=differences)  # type: ignore[arg-type]
            table = getattr(ws, frame)().select(columns)
            keys = {_project_id(log): key for key, log in group}
            # Plain object columns: Spark's pandas → Arrow path takes neither pandas 3's
            # Arrow-backed strings (chunked) nor an ArrowDtype.
            cols = {"key": [keys.get(p, "") for p in table.column("project_id").to_pylist()]}
            cols.update({c: table.column(c).to_pylist() for c in columns})
            out.append(pd.DataFrame(cols, dtype=object))
        if out:
            result = pd.concat(out, ignore_index=True)
            result["article"] = result["article"].astype("int32")
            yield result


def findings_of(batches: Iterator[Any], differences: str = "report") -> Iterator[Any]:
    """``mapInPandas`` function: (key, log) batches → findings rows (:data:`FINDINGS_SCHEMA`).

    ``differences`` as for :func:`wanzheng.read_logs`; the default ``"report"`` keeps the
    stored judgments of projects judged with inputs their logs do not carry (a bare log of a
    project that read plan entries or DIG cycle views; project documents carry them)."""
    return _evaluate(batches, "findings_frame", _FINDING_COLUMNS, differences)


def obligations_of(batches: Iterator[Any], differences: str = "report") -> Iterator[Any]:
    """``mapInPandas`` function: (key, log) batches → obligation rows (:data:`OBLIGATIONS_SCHEMA`)."""
    return _evaluate(batches, "obligations_frame", _OBLIGATION_COLUMNS, differences)
