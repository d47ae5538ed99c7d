"""Portfolio frames (issue 14): a workspace from many logs, and its tables.

``read_logs`` rebuilds many projects from their logs in parallel on every core without the GIL
(each log parsed, its hash chain verified, every entry replayed and re-judged). A
:class:`Workspace` then gives its states, events, findings, obligations and payments as
``pyarrow.Table`` objects with stable columns (``.to_pandas()`` for a DataFrame); the columns
are listed in the package README ("Portfolio frames"). ``as_of`` of the findings and
obligations is per stream: by default each stream's own last event date (as the CLI's ``check``
and ``report`` do); a date for all; or a dict project id (or stream) → date.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Union

from wanzheng import _wanzheng
from wanzheng._frame import _pyarrow

__all__ = ["read_logs"]

LogSource = Union[str, bytes, "os.PathLike[str]"]


def read_logs(
    logs: Iterable[LogSource],
    /,
    *,
    config: Union[Mapping[str, Any], str, None] = None,
    differences: Literal["raise", "report"] = "raise",
) -> Any:
    """A :class:`Workspace` of the projects whose logs are given: JSON text (a project document
    of ``to_json``, or a bare log of ``export_log``), bytes, or paths of such files. Logs are
    read, their hash chains verified and every entry replayed and re-judged on every core
    without the GIL. A broken chain raises ``InputError`` (the log's position in the message
    and in ``.index``), as does a second log of the same project id.

    ``differences="raise"`` (default) also raises when an entry re-judges differently (INV-57).
    A project document carries the inputs its judgments read (an INV project's plan entries, a
    DIG project's cycle views, DIG-13.3); a bare log of a project that read them re-judges
    differently alone; with ``"report"`` the stored judgments stand (the chain is still
    verified)."""
    if isinstance(logs, (str, bytes)):
        raise TypeError("logs must be a sequence of logs (texts, bytes or paths), not one str/bytes")
    items = logs if isinstance(logs, (list, tuple)) else list(logs)
    return _wanzheng.read_logs(items, config=config, differences=differences)


def _table(result: Any) -> Any:
    return _pyarrow().table(result)


def _states_frame(self: Any) -> Any:
    """One row per stream: ``project_id``, ``regulation``, ``stream``, ``machine``, ``state``,
    ``name``, ``project_code``, ``authority``, ``total`` (decimal128(20, 2)), ``events``,
    ``first_date``, ``last_date``, ``head`` (the hash-chain head)."""
    return _table(self._states_frame())


def _events_frame(self: Any) -> Any:
    """One row per log entry: ``project_id``, ``regulation``, ``stream``, ``machine``, ``seq``,
    ``date``, ``event``, ``actor``, ``actor_org``, ``mode``, ``from_state``, ``to_state``,
    ``outcome_rules``, ``outcome_kinds`` (lists), ``hash``."""
    return _table(self._events_frame())


def _findings_frame(self: Any, as_of: Any = None) -> Any:
    """One row per finding: ``project_id``, ``regulation``, ``stream``, ``state``,
    ``authority``, ``as_of``, ``code``, ``rule_id``, ``article`` (number), ``article_zh``,
    ``kind``, ``detail``, ``date``, ``seqs``, ``source``, ``message_zh``, ``message_en``."""
    return _table(self._findings_frame(as_of))


def _obligations_frame(self: Any, as_of: Any = None) -> Any:
    """One row per obligation: ``project_id``, ``regulation``, ``stream``, ``state``,
    ``authority``, ``as_of``, ``rule_id``, ``article``, ``article_zh``, ``duty``, ``subject``,
    ``opened_seq``, ``opened``, ``due``, ``closed_seq``, ``closed``, ``provisional``,
    ``overdue``, ``status`` (open / overdue / met / late), ``days_overdue``."""
    return _table(self._obligations_frame(as_of))


def _payments_frame(self: Any) -> Any:
    """One row per payment request: ``project_id``, ``regulation``, ``stream``, ``authority``,
    ``request_id``, ``contract_id``, ``item_id``, ``amount``, ``in_budget_scope``,
    ``progress_cap``, ``wages_due``, ``wage_share``, ``status``, ``approved_on``,
    ``disbursed``, ``disbursed_on``, ``disbursed_seq`` (amounts decimal128(20, 2))."""
    return _table(self._payments_frame())


for _name, _fn in (
    ("states_frame", _states_frame),
    ("events_frame", _events_frame),
    ("findings_frame", _findings_frame),
    ("obligations_frame", _obligations_frame),
    ("payments_frame", _payments_frame),
):
    _fn.__name__ = _name
    _fn.__qualname__ = f"Workspace.{_name}"
    setattr(_wanzheng.Workspace, _name, _fn)
