"""Hostile input never crashes the interpreter (issue 12): self-containing and deeply nested
values, repeated keys, amounts outside the one grammar, unbounded text in messages."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import pytest

import wanzheng as wz
from conftest import register

# The core's JSON limit (wanzheng::json::MAX_DEPTH): what serde_json lets through.
MAX_DEPTH = 127


def nested_list(depth: int) -> Any:
    """`depth` lists, one inside the other (built without recursion)."""
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


def nested_dict(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def cyclic_list() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


def cyclic_dict() -> dict[str, Any]:
    loop: dict[str, Any] = {}
    loop["self"] = loop
    return loop


def assert_nesting(call: Callable[[], Any], path_start: str = "") -> wz.InputError:
    with pytest.raises(wz.InputError) as e:
        call()
    assert e.value.reason == "nesting", e.value
    assert e.value.path.startswith(path_start)
    assert len(str(e.value)) < 600
    return e.value


def test_a_list_that_contains_itself_is_an_input_error() -> None:
    """It killed the interpreter (SIGSEGV) in the recursive conversion."""
    e = assert_nesting(lambda: wz.decide("approval_route", {"total": "1.00", "sector": cyclic_list()}), "sector[0][0]")
    assert "contains itself" in str(e)
    assert_nesting(lambda: wz.decide("approval_route", {"total": "1.00", "sector": cyclic_dict()}), "sector.self.self")
    assert_nesting(lambda: wz.decide("approval_route", total="1.00", sector=cyclic_list()), "sector")


DEEP = 10_000


@pytest.mark.parametrize("deep", [nested_list(DEEP), nested_dict(DEEP), cyclic_list()], ids=["list", "dict", "cycle"])
def test_deep_input_on_every_entry_point(deep: Any) -> None:
    """apply, Command, config=, decide_batch, replay, the constructor and Workspace each crashed
    on a 10,000-deep list."""
    p = register()
    cmd = {"event": "file_design_contract", "actor": "project_unit", "date": "2023-07-04", "facts": deep}
    assert_nesting(lambda: p.apply(cmd), "facts")
    assert_nesting(lambda: p.apply_all([cmd]), "facts")
    assert_nesting(lambda: p.command(cmd), "facts")
    assert_nesting(lambda: wz.Command({**cmd, "stream": {"machine": "inv", "project_id": "P1"}}), "facts")
    assert_nesting(lambda: wz.Workspace().apply(cmd), "facts")
    assert_nesting(lambda: wz.decide("approval_route", total="1.00", config={"x": deep}), "config.x")
    assert_nesting(lambda: wz.approval_route("1.00", config={"x": deep}), "config.x")
    assert_nesting(lambda: wz.InvestmentProject.empty(config=deep), "config")
    assert_nesting(lambda: wz.decide_batch("approval_route", [{"total": "1.00"}, {"total": deep}]), "requests[1].total")
    out = wz.decide_batch("approval_route", [{"total": "1.00"}, {"total": deep}], errors="return")
    assert isinstance(out[1], wz.InputError) and out[1].reason == "nesting"
    assert_nesting(lambda: wz.InvestmentProject.replay([p.history[0], deep]), "log[1]")
    assert_nesting(lambda: register(sector=deep), "facts.sector")
    assert_nesting(lambda: register(doc_refs=deep), "doc_refs")


@pytest.mark.parametrize("make", [nested_list, nested_dict], ids=["list", "dict"])
def test_the_limit_is_the_json_readers(make: Callable[[int], Any]) -> None:
    """Python values and JSON text are refused at the same depth: the request mapping is level 1,
    so `sector` may hold MAX_DEPTH - 1 levels."""
    for levels, refused in ((MAX_DEPTH - 1, False), (MAX_DEPTH, True)):
        request = {"total": "1.00", "sector": make(levels)}
        with pytest.raises(wz.InputError) as from_python:
            wz.decide("approval_route", request)
        assert (from_python.value.reason == "nesting") is refused
        with pytest.raises(wz.InputError) as from_text:
            wz.decide("approval_route", json.dumps(request))
        # The core's reader says malformed_json until it names nesting itself.
        assert (from_text.value.reason in ("nesting", "malformed_json")) is refused


class Loop(enum.Enum):
    A = "a"


def test_an_enum_member_that_is_its_own_value() -> None:
    Loop.A._value_ = Loop.A  # type: ignore[assignment]
    try:
        assert_nesting(lambda: wz.decide("approval_route", total="1.00", sector=Loop.A), "sector")
        level: Any = Loop.A
        assert_nesting(lambda: wz.approval_route("1.00", level=level), "level")
    finally:
        Loop.A._value_ = "a"


class Key(str):
    """A str whose instances never equal a plain str: a dict holds both."""

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


class Sector(enum.Enum):
    HEALTH = "sector"


class Pairs(Mapping[str, Any]):
    """A mapping whose items() repeats a key."""

    def __init__(self, *pairs: tuple[str, Any]) -> None:
        self.pairs = pairs

    def __getitem__(self, key: str) -> Any:
        return dict(self.pairs)[key]

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def items(self) -> Any:
        return list(self.pairs)


def assert_duplicate(call: Callable[[], Any], path: str) -> None:
    with pytest.raises(wz.InputError) as e:
        call()
    assert (e.value.reason, e.value.path) == ("duplicate_key", path), e.value


def test_keys_that_read_alike_are_duplicate_keys() -> None:
    """Two keys of one mapping that become the same JSON key: the later one silently won."""
    assert_duplicate(lambda: wz.decide("approval_route", {"total": "1.00", Key("total"): "99999999.00"}), "total")
    by_enum: dict[Any, Any] = {"total": "1.00", "sector": "a", Sector.HEALTH: "b"}
    assert_duplicate(lambda: wz.decide("approval_route", by_enum), "sector")
    assert_duplicate(lambda: wz.decide("approval_route", Pairs(("total", "1.00"), ("total", "2.00"))), "total")
    assert_duplicate(lambda: register(sector={"a": 1, Key("a"): 2}), "facts.sector.a")
    # The request mapping and a keyword argument naming the same argument.
    assert_duplicate(lambda: wz.decide("approval_route", {"total": "1.00"}, total="2.00"), "total")
    # Keys other than str (or str-valued enum members) are not JSON keys.
    for key in (1, ("a",), None):
        odd: dict[Any, Any] = {"total": "1.00", key: "x"}
        with pytest.raises(TypeError, match="expected a str"):
            wz.decide("approval_route", odd)
    # A str-valued enum member as the only such key is its value.
    by_member: dict[Any, Any] = {Sector.HEALTH: "water", "total": "1.00"}
    assert wz.decide("approval_route", by_member)["route"] == "simplified_fsr_only"


class Sneaky(Decimal):
    """A Decimal whose str() empties the request being converted."""

    victim: dict[str, Any] = {}

    def __str__(self) -> str:
        Sneaky.victim.clear()
        return "1.00"


def test_a_dict_changed_while_it_is_read_does_not_panic() -> None:
    """Converting a value may run Python code; a dict it changes is read from a copy (the
    iterator panicked: 'dictionary changed size during iteration')."""
    request: dict[str, Any] = {"sector": "water", "total": Sneaky("1.00"), "flags": {}}
    Sneaky.victim = request
    assert wz.decide("approval_route", request)["route"] == "simplified_fsr_only"


@pytest.mark.parametrize("total", [Decimal("1E+7"), Decimal("1.0000"), Decimal("-0.00"), Decimal("12.300")])
def test_decimal_amounts_follow_the_one_grammar(total: Decimal) -> None:
    """Python read these although the same text is refused by C, the CLI and a Python str."""
    for given in (total, str(total)):
        with pytest.raises(wz.InputError) as e:
            wz.approval_route(given)
        assert (e.value.reason, e.value.path) == ("amount", "total")
        with pytest.raises(wz.InputError) as e:
            wz.decide("approval_route", total=given)
        assert e.value.reason == "amount"
        with pytest.raises(wz.InputError) as e:
            wz.approval_route_batch(["1.00", given])
        assert (e.value.reason, e.value.path) == ("amount", "total[1]")
    assert wz.approval_route(Decimal("10000000")).route == wz.approval_route("10000000.00").route


def test_messages_do_not_copy_unbounded_input() -> None:
    """A path built from a huge key is shortened in the message."""
    huge = "k" * 1_000_000
    with pytest.raises(TypeError) as e:
        wz.decide("approval_route", {"total": "1.00", huge: [1.5]})
    assert len(str(e.value)) < 1_000
    with pytest.raises(wz.InputError) as d:
        wz.decide("approval_route", {"total": "1.00", huge: 1, Key(huge): 2})
    assert d.value.reason == "duplicate_key" and len(d.value.path) <= 201 and len(str(d.value)) < 1_000
