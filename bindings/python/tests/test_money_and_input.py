"""Amounts, dates and bad input: each raises the documented exception."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

import wanzheng
from conftest import HOSPITAL, register


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (Decimal("10000000.00"), Decimal("10000000.00")),
        (Decimal("10000000"), Decimal("10000000.00")),
        (Decimal("0.01"), Decimal("0.01")),
        (Decimal("12.3"), Decimal("12.30")),
        ("10000000.01", Decimal("10000000.01")),
        ("10000000000000.00", Decimal("10000000000000.00")),
    ],
)
def test_exact_amounts_in_and_decimal_out(total: Any, expected: Decimal) -> None:
    p = register(total=total)
    assert isinstance(p.total, Decimal)
    assert p.total == expected
    assert str(p.total) == f"{expected:.2f}"
    assert p.history[0]["facts"]["total"] == expected


@pytest.mark.parametrize("total", [0.1, 10000000.0, float("nan")])
def test_float_is_refused_with_a_type_error_that_says_why(total: float) -> None:
    with pytest.raises(TypeError, match=r"float is refused.*fen exactly"):
        register(total=total)


@pytest.mark.parametrize(
    ("total", "reason"),
    [
        (Decimal("-1.00"), "amount"),
        ("-1.00", "amount"),
        (Decimal("1.005"), "amount"),
        ("1.005", "amount"),
        ("1e3", "amount"),
        ("", "amount"),
        (Decimal("NaN"), "amount"),
        (Decimal("Infinity"), "amount"),
        ("10000000000000.01", "amount"),
        (Decimal("10000000000000.01"), "amount"),
        # One grammar (RULES.md §1.3): a Decimal is read by its text, as C and the CLI read it.
        (Decimal("1E+7"), "amount"),
        (Decimal("12.300"), "amount"),
        (Decimal("1.0000"), "amount"),
        (Decimal("-0.00"), "amount"),
        (Decimal("0E+2"), "amount"),
    ],
)
def test_negative_over_precise_or_malformed_amounts_are_input_errors(total: Any, reason: str) -> None:
    with pytest.raises(wanzheng.InputError) as e:
        register(total=total)
    assert e.value.reason == reason
    assert e.value.path.endswith("total") or e.value.path == "facts"
    assert isinstance(e.value, ValueError)


def test_int_amount_is_refused_as_a_json_number() -> None:
    with pytest.raises(wanzheng.InputError, match="not a number"):
        register(total=120000000)
    with pytest.raises(wanzheng.InputError, match="not a number"):
        wanzheng.estimate_excess_check(fsr_estimate=20000000, compiled_estimate="1.00")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, [1], {"a": 1}])
def test_wrong_types_for_an_amount_are_input_errors_from_the_core(value: Any) -> None:
    with pytest.raises(wanzheng.InputError):
        register(total=value)


def test_unsupported_python_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="cannot pass a object"):
        register(total=object())
    with pytest.raises(TypeError, match="complex"):
        register(total=1j)


def test_dates() -> None:
    assert register(date="2023-07-03") == register(date=datetime.date(2023, 7, 3))
    with pytest.raises(TypeError, match="datetime is refused"):
        register(date=datetime.datetime(2023, 7, 3, 9, 0))
    with pytest.raises(wanzheng.InputError):
        register(date="03/07/2023")
    with pytest.raises(wanzheng.InputError):
        register(date="2023-02-30")
    with pytest.raises(wanzheng.InputError):
        register(date=None)


@pytest.mark.parametrize(
    "bad", ["2023-7-3", "2023-07-3", "2023-07-3 ", " 2023-07-03", "+2023-07-03", "2023-07-03 ", "02023-07-03", "２０２３-07-03"]
)
def test_lenient_dates_are_refused_on_every_date_entry(bad: str) -> None:
    """Issue 12 (4): one strict ISO parser (the core's date::parse) behind every date argument."""
    with pytest.raises(wanzheng.InputError) as e:
        register(date=bad)
    assert e.value.reason == "date"
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.is_working_day(bad)
    assert e.value.reason == "date"
    project = register()
    with pytest.raises(wanzheng.InputError) as e:
        project.obligations(as_of=bad)
    assert e.value.reason == "date"
    assert wanzheng.is_working_day("2023-07-03")


def test_unknown_fields_are_input_errors() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        register(colour="red")
    assert e.value.reason == "unknown_field"


def test_missing_facts_are_input_errors() -> None:
    facts = dict(HOSPITAL)
    del facts["name"]
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.InvestmentProject(date="2023-07-03", **facts)
    assert e.value.reason == "schema"


def test_unknown_enumeration_values_are_input_errors() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        register(nature="very_operating")
    assert e.value.reason == "unknown_value"


def test_malformed_json_commands(project: wanzheng.InvestmentProject) -> None:
    with pytest.raises(wanzheng.InputError) as e:
        project.apply('{"event": "withdraw_project",')
    assert e.value.reason == "malformed_json"
    with pytest.raises(TypeError):
        project.apply("[1, 2]")
    with pytest.raises(TypeError):
        project.apply(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        project.apply(None)  # type: ignore[arg-type]


def test_malformed_json_everywhere() -> None:
    for call in (
        lambda: wanzheng.InvestmentProject.from_json("{"),
        lambda: wanzheng.InvestmentProject.replay("[{"),
        lambda: wanzheng.Transition.from_json("nope"),
        lambda: wanzheng.Finding.from_json(""),
        lambda: wanzheng.decide("approval_route", "{"),
    ):
        with pytest.raises(wanzheng.InputError):
            call()


def test_config_is_checked() -> None:
    with pytest.raises(wanzheng.InputError) as e:
        wanzheng.InvestmentProject.empty(config={"no_such_key": 1})
    assert e.value.reason == "unknown_field"
    p = wanzheng.InvestmentProject.empty(config='{"inv48_3_inclusive": true}')
    assert p.config["inv48_3_inclusive"] is True


def test_config_float_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="float is refused"):
        wanzheng.InvestmentProject.empty(config={"large_fund_threshold": 0.5})
