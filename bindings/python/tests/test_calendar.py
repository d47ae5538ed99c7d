"""Issue 10: working days past the embedded notices are provisional, never refused, and a
State Council notice is loaded as data with ``load_calendar``."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest

import wanzheng
from conftest import FIXTURES

NOTICE_2027 = FIXTURES / "calendar" / "notice_2027_illustrative.json"


@pytest.fixture(autouse=True)
def embedded_calendar() -> Iterator[None]:
    """Every test starts and ends with the embedded calendar."""
    wanzheng.reset_calendar()
    yield
    wanzheng.reset_calendar()


def test_inv_44_2_deadline_past_the_notices_is_provisional() -> None:
    """Source: INV-44.2 — 2026-12-28 (Mon) → 2027-01-05, provisional; 2024-09-27 → 2024-10-10
    as before, without the key."""
    d = wanzheng.emergency_change_deadline(order_date="2026-12-28")
    assert d["date"] == datetime.date(2027, 1, 5) and d["provisional"] is True
    official = wanzheng.emergency_change_deadline(order_date=datetime.date(2024, 9, 27))
    assert official["date"] == datetime.date(2024, 10, 10) and "provisional" not in official
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.emergency_change_deadline(order_date="2100-01-04")
    assert e.value.reason == "calendar_out_of_range"


def test_load_calendar_makes_a_year_official() -> None:
    """Source: INV-44.2 — the 2027 notice loaded from a path, a string or a mapping."""
    assert wanzheng.calendar_years() == [2023, 2024, 2025, 2026]
    assert not wanzheng.is_official("2027-02-20")
    assert not wanzheng.is_working_day("2027-02-20")  # Saturday, provisional
    assert wanzheng.load_calendar(NOTICE_2027) == [2023, 2024, 2025, 2026, 2027]
    assert wanzheng.is_official("2027-02-20") and wanzheng.is_working_day("2027-02-20")  # 调休上班
    d = wanzheng.emergency_change_deadline(order_date="2026-12-28")
    assert d["date"] == datetime.date(2027, 1, 5) and "provisional" not in d
    wanzheng.reset_calendar()
    text = NOTICE_2027.read_text(encoding="utf-8")
    assert wanzheng.load_calendar(text)[-1] == 2027
    wanzheng.reset_calendar()
    assert wanzheng.load_calendar(json.loads(text))[-1] == 2027
    with pytest.raises(wanzheng.InputError):
        wanzheng.is_official("2100-01-01")


def test_a_contradicting_notice_is_refused() -> None:
    """A notice that leaves National Day a working day names the day; nothing is loaded."""
    bad = NOTICE_2027.read_text(encoding="utf-8").replace('"2027-10-01", ', "")
    with pytest.raises(wanzheng.InputError, match="2027-10-01, 国庆节") as e:
        wanzheng.load_calendar(bad)
    assert "calendar_contradicts_statute" in str(e.value)
    assert wanzheng.calendar_years() == [2023, 2024, 2025, 2026]


def _commands() -> list[dict[str, Any]]:
    doc = json.loads((FIXTURES / "scenarios" / "inv_emergency_change_2027_provisional.json").read_text("utf-8"))
    out = []
    for step in doc["steps"]:
        c = step["command"]
        if c["event"] in ("award_contract", "record_funding", "complete_survey"):
            c["date"] = "2027-01-27"
        if c["event"] == "start_construction":
            c["date"] = "2027-01-28"
        if c["event"] == "emergency_change_order":
            c["date"] = c["facts"]["order_date"] = "2027-02-03"
            out.append(c)
            break
        out.append(c)
    return out


def test_inv_44_2_replay_under_the_notice_gives_the_official_date() -> None:
    """Source: INV-44.2 — an emergency change ordered 2027-02-03 is recorded with warning
    ``calendar_provisional`` and a provisional filing duty due 2027-02-16 (statutory rule);
    replayed after ``load_calendar`` the duty is due 2027-02-17, official; the log is the same."""
    p = wanzheng.InvestmentProject.empty()
    transitions = p.apply_all(_commands())
    order = transitions[-1]
    assert [(o.kind, o.rule_id, o.detail) for o in order.outcomes] == [
        ("warning", "INV-44.2", "calendar_provisional")
    ]
    (filing,) = [o for o in p.obligations("2027-02-04") if o.duty == "post_hoc_change_filing"]
    assert filing.due == datetime.date(2027, 2, 16) and filing.provisional
    log = p.export_log()
    wanzheng.load_calendar(NOTICE_2027)
    # The stored warning is no longer what the rules give: refused by default (INV-57), listed
    # in report mode — the log is kept as stored.
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.InvestmentProject.replay(log)
    assert e.value.reason == "replay_difference"
    again, differences = wanzheng.InvestmentProject.replay(log, report=True)
    (changed,) = [d for d in differences if d["seq"] == order.seq]
    assert changed["rejudged"] == [] and changed["stored"][0]["detail"] == "calendar_provisional"
    (filing,) = [o for o in again.obligations("2027-02-04") if o.duty == "post_hoc_change_filing"]
    assert filing.due == datetime.date(2027, 2, 17) and not filing.provisional
    assert again.export_log() == log
