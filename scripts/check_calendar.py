#!/usr/bin/env python3
"""Cross-check wanzheng's working-day calendar against the ``chinese-calendar`` package.

Reads the per-year JSON that ``wanzheng calendar --year Y --json`` prints (for now
``cargo run -p wanzheng --example calendar_year -- Y``)::

    {"year": 2024, "days": [{"date": "2024-01-01", "working": false, "kind": "holiday"}, ...]}

from the files named on the command line (``-`` or no argument: standard input).
A file or stream may hold several such documents one after another, so both of
these work::

    for y in 2023 2024 2025 2026; do
        cargo run -q -p wanzheng --example calendar_year -- $y > /tmp/cal-$y.json
    done
    python3 scripts/check_calendar.py /tmp/cal-202[3-6].json

    for y in 2023 2024 2025 2026; do
        cargo run -q -p wanzheng --example calendar_year -- $y
    done | python3 scripts/check_calendar.py

Every day of every year in ``--years`` (default 2023-2026) must be present exactly
once; its ``working`` flag must equal ``chinese_calendar.is_workday(date)`` and its
``kind`` must agree with ``working`` and the weekday. Mismatches are printed one per
line; the exit status is 0 only when there are none (1 on mismatches, 2 on unusable
input). The ``chinese-calendar`` version is pinned in scripts/requirements-test.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

try:
    import chinese_calendar
except ImportError:  # pragma: no cover - environment problem
    print("check_calendar.py: pip install -r scripts/requirements-test.txt", file=sys.stderr)
    sys.exit(2)

KINDS = {"workday", "weekend", "holiday", "makeup_workday"}
WORKING_KINDS = {"workday", "makeup_workday"}


class UnusableInput(Exception):
    """An input that cannot be read as JSON documents."""


def documents(text: str, name: str) -> Iterator[Any]:
    """Yields the JSON documents of ``text``, one after another."""
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            return
        try:
            doc, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            raise UnusableInput(f"{name}: not JSON: {e}") from None
        yield doc


def read_inputs(paths: Iterable[str]) -> Iterator[tuple[str, Any]]:
    for path in paths:
        if path == "-":
            yield from (("<stdin>", d) for d in documents(sys.stdin.read(), "<stdin>"))
        else:
            with open(path, encoding="utf-8") as f:
                yield from ((path, d) for d in documents(f.read(), path))


def check_document(name: str, doc: Any, seen: dict[dt.date, str], problems: list[str]) -> None:
    if not isinstance(doc, dict) or set(doc) != {"year", "days"}:
        problems.append(f"{name}: expected an object with exactly 'year' and 'days'")
        return
    year, days = doc["year"], doc["days"]
    if not isinstance(year, int) or not isinstance(days, list):
        problems.append(f"{name}: 'year' must be an integer and 'days' a list")
        return
    for i, day in enumerate(days):
        where = f"{name}: year {year} day #{i}"
        if not isinstance(day, dict) or set(day) != {"date", "working", "kind"}:
            problems.append(f"{where}: expected an object with exactly date, working, kind")
            continue
        try:
            date = dt.date.fromisoformat(day["date"])
        except (TypeError, ValueError):
            problems.append(f"{where}: bad date {day['date']!r}")
            continue
        working, kind = day["working"], day["kind"]
        if date.year != year:
            problems.append(f"{date}: listed under year {year}")
        if date in seen:
            problems.append(f"{date}: listed twice ({seen[date]}, {name})")
            continue
        seen[date] = name
        if not isinstance(working, bool) or kind not in KINDS:
            problems.append(f"{date}: bad working {working!r} or kind {kind!r}")
            continue
        if working != (kind in WORKING_KINDS):
            problems.append(f"{date}: working={working} contradicts kind={kind}")
        weekend = date.weekday() >= 5
        if (kind == "workday" and weekend) or (kind in ("weekend", "makeup_workday") and not weekend):
            problems.append(f"{date}: kind={kind} on a {date:%A}")
        try:
            expected = chinese_calendar.is_workday(date)
        except NotImplementedError as e:
            problems.append(f"{date}: chinese-calendar does not know this date: {e}")
            continue
        if working != expected:
            problems.append(
                f"{date} ({date:%a}): wanzheng working={working} kind={kind}, "
                f"chinese_calendar.is_workday={expected}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", default=["-"], help="JSON files ('-' = stdin, the default)")
    parser.add_argument(
        "--years",
        default="2023-2026",
        help="inclusive year range that must be covered completely (default: 2023-2026)",
    )
    args = parser.parse_args(argv)
    try:
        first, _, last = args.years.partition("-")
        years = range(int(first), int(last or first) + 1)
    except ValueError:
        parser.error(f"--years: {args.years!r} is not YEAR or YEAR-YEAR")

    seen: dict[dt.date, str] = {}
    problems: list[str] = []
    try:
        for name, doc in read_inputs(args.files):
            check_document(name, doc, seen, problems)
    except (OSError, UnicodeDecodeError, UnusableInput) as e:
        print(f"check_calendar.py: {e}", file=sys.stderr)
        return 2

    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            if day not in seen:
                problems.append(f"{day}: missing from the input")
            day += dt.timedelta(days=1)
    extra = sorted(d for d in seen if d.year not in years)
    if extra:
        print(f"note: {len(extra)} days outside {args.years} were checked too", file=sys.stderr)

    for p in problems:
        print(p)
    version = getattr(chinese_calendar, "__version__", "?")
    checked = sum(1 for d in seen if d.year in years)
    if problems:
        print(f"FAILED: {len(problems)} problem(s); {checked} days of {args.years} read; chinese-calendar {version}")
        return 1
    print(f"OK: all {checked} days of {args.years} match chinese-calendar {version}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
