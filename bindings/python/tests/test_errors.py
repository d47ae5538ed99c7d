"""The exception tree under WanzhengError, its attributes and pickling."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

import wanzheng
from conftest import register


def test_tree() -> None:
    for cls in (wanzheng.InputError, wanzheng.TransitionError, wanzheng.RuleViolation, wanzheng.InternalError):
        assert issubclass(cls, wanzheng.WanzhengError)
        assert cls.__module__ == "wanzheng._wanzheng"
        assert cls.__doc__
    assert issubclass(wanzheng.WanzhengError, Exception)
    assert issubclass(wanzheng.InputError, ValueError)
    assert not issubclass(wanzheng.RuleViolation, ValueError)


def rule_violation() -> wanzheng.RuleViolation:
    p = register()
    with pytest.raises(wanzheng.RuleViolation) as e:
        p.apply({"event": "withdraw_project", "actor": "drc", "date": "2023-07-04", "facts": {"reason": "x"}}, strict=True)
    return e.value


def transition_error() -> wanzheng.TransitionError:
    p = register()
    with pytest.raises(wanzheng.TransitionError) as e:
        p.apply(
            {"event": "register_project", "actor": "project_unit", "date": "2023-07-04", "facts": p.history[0]["facts"]},
            strict=True,
        )
    return e.value


def input_error() -> wanzheng.InputError:
    with pytest.raises(wanzheng.InputError) as e:
        register(total=Decimal("-1"))
    return e.value


def test_rule_violation_attributes() -> None:
    e = rule_violation()
    assert e.rule_id == "INV-8"
    assert e.article == "第八条"
    assert e.citation == "宛政〔2023〕7号 第八条"
    assert "INV-8" in e.message_en and "第八条" in e.message_zh
    assert e.event == "withdraw_project"
    assert e.rules[0] == "INV-8"
    assert e.outcomes[0]["detail"] == "wrong_actor"
    assert e.details["kind"] == "rule_violation"
    assert str(e) == e.details["message"]


def test_transition_error_attributes() -> None:
    e = transition_error()
    assert (e.machine, e.state, e.event) == ("inv", "reserve", "register_project")
    assert e.details["kind"] == "transition_error"


def test_input_error_attributes() -> None:
    e = input_error()
    assert e.path == "facts.total"
    assert e.reason == "amount"
    assert "signed" in str(e)


@pytest.mark.parametrize("make", [rule_violation, transition_error, input_error])
def test_exceptions_pickle(make: object) -> None:
    e = make()  # type: ignore[operator]
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e)
    assert back.args == e.args
    assert back.details == e.details
    for attr in ("rule_id", "article", "message_zh", "message_en", "path", "reason", "machine", "state"):
        assert getattr(back, attr, None) == getattr(e, attr, None)


def test_internal_error_is_constructible_and_pickles() -> None:
    e = wanzheng.InternalError("boom")
    assert pickle.loads(pickle.dumps(e)).args == ("boom",)


def test_catch_all_with_the_base() -> None:
    for make in (rule_violation, transition_error, input_error):
        try:
            raise make()
        except wanzheng.WanzhengError as e:
            assert e.details["kind"] in {"rule_violation", "transition_error", "input_error"}
