#!/usr/bin/env python3
"""Cross-check wanzheng's working-day calendar against PyPI ``chinese-calendar`` (official
years), ``holidays`` (China) and ``lunardate`` (provisional years and the festival table).

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
once; its ``kind`` must agree with ``working`` and the weekday. A day of an official year
(a loaded State Council notice) must have ``working == chinese_calendar.is_workday(date)``.
A day marked ``provisional`` (a year without a notice: statutory holidays, weekends and the
Article 6 补假 of 《全国年节及纪念日放假办法》, no 调休) must be a working day exactly when it is
a Monday-Friday that ``holidays.China`` does not list (its holidays and "observed" days).

A document may carry ``statutory`` (``wanzheng calendar --json``): the statutory holidays of
the year. Their lunar and solar-term dates (除夕, 春节, 清明, 端午, 中秋: the table of
crates/wanzheng/src/calendar/festivals.rs, generated from ``lunar-python``) are compared with
``lunardate`` (除夕 = the day before 正月初一; 端午 五月初五; 中秋 八月十五) and with
``holidays.China``; ``--table FILE`` also checks that FILE is what scripts/gen_festivals.py
generates. Mismatches are printed one per line; the exit status is 0 only when there are none
(1 on mismatches, 2 on unusable input). The packages are pinned in
scripts/requirements-test.txt.
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
    import holidays
    import lunardate
except ImportError:  # pragma: no cover - environment problem
    print("check_calendar.py: pip install -r scripts/requirements-test.txt", file=sys.stderr)
    sys.exit(2)

# holidays.China's names of the statutory days whose dates move with the lunar calendar or the
# solar terms, by wanzheng's festival code.
HOLIDAYS_NAMES = {
    "qingming": "Tomb-Sweeping Day",
    "dragon_boat": "Dragon Boat Festival",
    "mid_autumn": "Mid-Autumn Festival",
}


class Tally:
    """Agreement counts per (what, source)."""

    def __init__(self) -> None:
        self.agree: dict[tuple[str, str], int] = {}
        self.total: dict[tuple[str, str], int] = {}

    def add(self, what: str, source: str, ok: bool) -> None:
        key = (what, source)
        self.total[key] = self.total.get(key, 0) + 1
        self.agree[key] = self.agree.get(key, 0) + int(ok)

    def lines(self) -> list[str]:
        return [f"  {what:<26} {source:<16} {self.agree[k]}/{self.total[k]}" for k in sorted(self.total) for what, source in [k]]


TALLY = Tally()
_CHINA: dict[int, Any] = {}


def china(year: int) -> Any:
    if year not in _CHINA:
        _CHINA[year] = holidays.China(years=year)
    return _CHINA[year]


def holidays_dates(year: int, name: str) -> list[dt.date]:
    """Dates holidays.China names exactly ``name`` (or ``name`` among ``;``-joined names)."""
    return sorted(d for d, n in china(year).items() if name in [x.strip() for x in n.split(";")])


def check_statutory(year: int, statutory: Any, problems: list[str]) -> None:
    """The festival dates of the year against lunardate and holidays.China."""
    if not isinstance(statutory, list):
        problems.append(f"year {year}: 'statutory' must be a list")
        return
    by: dict[str, list[dt.date]] = {}
    for item in statutory:
        try:
            by.setdefault(item["festival"], []).append(dt.date.fromisoformat(item["date"]))
        except (TypeError, KeyError, ValueError):
            problems.append(f"year {year}: bad statutory item {item!r}")
            return
    spring = sorted(by.get("spring_festival", []))
    new_year = lunardate.LunarDate(year, 1, 1).to_solar_date()
    eve = new_year - dt.timedelta(days=1)
    amended = year >= 2025
    expect_spring = ([eve] if amended else []) + [new_year + dt.timedelta(days=i) for i in range(3)]
    ok = spring == expect_spring
    TALLY.add("spring_festival (除夕+)", "lunardate", ok)
    if not ok:
        problems.append(f"year {year}: 春节 {spring} but lunardate gives {expect_spring}")
    h_spring = holidays_dates(year, "Chinese New Year (Spring Festival)")
    h_eve = holidays_dates(year, "Chinese New Year's Eve")
    ok = spring == sorted(h_eve + h_spring)
    TALLY.add("spring_festival (除夕+)", "holidays", ok)
    if not ok:
        problems.append(f"year {year}: 春节 {spring} but holidays.China gives {sorted(h_eve + h_spring)}")
    for code, (month, day) in (("dragon_boat", (5, 5)), ("mid_autumn", (8, 15))):
        got = by.get(code, [])
        expect = [lunardate.LunarDate(year, month, day).to_solar_date()]
        ok = got == expect
        TALLY.add(f"{code}", "lunardate", ok)
        if not ok:
            problems.append(f"year {year}: {code} {got} but lunardate gives {expect}")
    for code, name in HOLIDAYS_NAMES.items():
        got, expect = by.get(code, []), holidays_dates(year, name)
        ok = got == expect
        TALLY.add(f"{code}", "holidays", ok)
        if not ok:
            problems.append(f"year {year}: {code} {got} but holidays.China gives {expect}")


def check_table(path: str, problems: list[str]) -> None:
    """``path`` is exactly what scripts/gen_festivals.py writes (lunar-python)."""
    import contextlib
    import io
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import gen_festivals

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        gen_festivals.main()
    ok = pathlib.Path(path).read_text(encoding="utf-8") == out.getvalue()
    TALLY.add("festival table file", "lunar-python", ok)
    if not ok:
        problems.append(f"{path}: differs from what scripts/gen_festivals.py generates")

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
    if not isinstance(doc, dict) or not {"year", "days"} <= set(doc) <= {"year", "days", "statutory"}:
        problems.append(f"{name}: expected an object with 'year', 'days' and optionally 'statutory'")
        return
    year, days = doc["year"], doc["days"]
    if not isinstance(year, int) or not isinstance(days, list):
        problems.append(f"{name}: 'year' must be an integer and 'days' a list")
        return
    for i, day in enumerate(days):
        where = f"{name}: year {year} day #{i}"
        if not isinstance(day, dict) or not {"date", "working", "kind"} <= set(day) <= {
            "date",
            "working",
            "kind",
            "provisional",
        }:
            problems.append(f"{where}: expected an object with date, working, kind (and provisional)")
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
        if day.get("provisional") is True:
            expected = not weekend and date not in china(date.year)
            TALLY.add("provisional days", "holidays", working == expected)
            if working != expected:
                problems.append(
                    f"{date} ({date:%a}): wanzheng provisional working={working} kind={kind}, "
                    f"holidays.China lists it: {china(date.year).get(date)!r}"
                )
            continue
        try:
            expected = chinese_calendar.is_workday(date)
        except NotImplementedError as e:
            problems.append(f"{date}: chinese-calendar does not know this date: {e}")
            continue
        TALLY.add("official days", "chinese-calendar", working == expected)
        if working != expected:
            problems.append(
                f"{date} ({date:%a}): wanzheng working={working} kind={kind}, "
                f"chinese_calendar.is_workday={expected}"
            )
    if "statutory" in doc:
        check_statutory(year, doc["statutory"], problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", default=["-"], help="JSON files ('-' = stdin, the default)")
    parser.add_argument(
        "--years",
        default="2023-2026",
        help="inclusive year range that must be covered completely (default: 2023-2026)",
    )
    parser.add_argument("--table", help="festival table file to compare with scripts/gen_festivals.py output")
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
        if args.table:
            check_table(args.table, problems)
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
    sources = f"chinese-calendar {version}, holidays {holidays.__version__}, lunardate {lunardate.__version__}"
    print("agreement (checked: agreeing/total):")
    for line in TALLY.lines():
        print(line)
    if problems:
        print(f"FAILED: {len(problems)} problem(s); {checked} days of {args.years} read; {sources}")
        return 1
    print(f"OK: all {checked} days of {args.years} match ({sources})")
    return 0

if __name__ == "__main__":
    sys.exit(main())
