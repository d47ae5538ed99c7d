"""Batches and the interpreter: a str is not a column, Ctrl-C stops a long batch, KeyboardInterrupt
is nobody's request error (issue 12)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any

import pytest

import wanzheng as wz
from wanzheng import _wanzheng


def test_a_str_is_not_a_batch_column() -> None:
    """A str was iterated character by character: '1000.00' gave seven routes."""
    with pytest.raises(TypeError, match="total must be a sequence.*not a str"):
        wz.approval_route_batch("1000.00")
    with pytest.raises(TypeError, match="in_plan must be a sequence.*not a str"):
        wz.approval_route_batch(["1.00", "2.00"], in_plan="ab")
    with pytest.raises(TypeError, match="not a bytes"):
        wz.approval_route_batch(b"1.00")
    with pytest.raises(TypeError, match="requests must be a sequence.*not a str"):
        wz.decide_batch("approval_route", '{"total": "1.00"}')
    with pytest.raises(TypeError, match="not a mapping"):
        wz.decide_batch("approval_route", {"total": "1.00"})
    # A one-value level and a tuple column still work; JSON text items are requests.
    assert wz.approval_route_batch(("1.00",), level="county") == ["county_rules"]
    assert wz.decide_batch("approval_route", ['{"total": "1.00"}'])[0]["route"] == "simplified_fsr_only"


class Exploding(Mapping[str, Any]):
    """A request whose conversion raises `exc`."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        raise self.exc

    def __len__(self) -> int:
        return 1

    def items(self) -> Any:
        raise self.exc


def test_keyboard_interrupt_in_a_request_stops_the_batch() -> None:
    """KeyboardInterrupt while converting request 1 is not request 1's error: it propagates, also
    with errors="return" (it was returned in the list, or re-labelled 'request 1: …')."""
    requests: list[Any] = [{"total": "1.00"}, Exploding(KeyboardInterrupt()), {"total": "2.00"}]
    with pytest.raises(KeyboardInterrupt) as e:
        wz.decide_batch("approval_route", requests, errors="return")
    assert not hasattr(e.value, "index")
    # An ordinary exception stays the request's own.
    requests[1] = Exploding(ValueError("bad mapping"))
    out = wz.decide_batch("approval_route", requests, errors="return")
    assert isinstance(out[1], ValueError) and out[2]["route"] == "simplified_fsr_only"


def interrupted_inside(call: Callable[[], Any], name: str) -> bool:
    """Sends SIGINT from another thread once `_wanzheng.<name>` has started; returns whether the
    KeyboardInterrupt came out of that call (the profiler sees it end in 'c_exception') rather
    than after it returned ('c_return')."""
    started = threading.Event()
    ended: list[str] = []

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if getattr(arg, "__name__", None) != name or getattr(arg, "__module__", "") != _wanzheng.__name__:
            return
        if event == "c_call":
            started.set()
        elif event in ("c_return", "c_exception"):
            ended.append(event)

    def interrupt() -> None:
        started.wait()
        signal.raise_signal(signal.SIGINT)

    # Python's own SIGINT handler, also when the test run was started with SIGINT ignored (a
    # background job of a non-interactive shell inherits SIG_IGN, and Python then installs none).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    sender = threading.Thread(target=interrupt)
    sender.start()
    sys.setprofile(profile)
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
            # Without a signal check in the batch, the interrupt arrives only once it returned.
            while True:
                pass
    finally:
        sys.setprofile(None)
        sender.join()
        signal.signal(signal.SIGINT, previous)
    assert len(ended) == 1
    return ended[0] == "c_exception"


BIG = 200_000


def test_ctrl_c_interrupts_decide_batch() -> None:
    """Ctrl-C was honoured only when the batch ended (13 s late on 600,000 requests)."""
    requests = [{"total": "1.00"}] * BIG
    assert interrupted_inside(lambda: _wanzheng.decide_batch("approval_route", requests), "decide_batch")


def test_ctrl_c_interrupts_approval_route_batch() -> None:
    totals = ["1.00"] * (10 * BIG)
    assert interrupted_inside(lambda: _wanzheng.approval_route_batch(totals), "approval_route_batch")


def test_a_batch_error_names_the_request_in_its_path() -> None:
    """The error of request 1 is at `requests[1].total` (was `total`, the request unnamed)."""
    from decimal import Decimal

    requests: list[Any] = [{"total": "1.00"}, {"total": Decimal("1E+7")}]
    with pytest.raises(wz.InputError) as e:
        wz.decide_batch("approval_route", requests)
    assert (e.value.path, e.value.reason) == ("requests[1].total", "amount")
    assert e.value.details["path"] == "requests[1].total" and e.value.index == 1  # type: ignore[attr-defined]
    out = wz.decide_batch("approval_route", requests, errors="return")
    assert isinstance(out[1], wz.InputError) and out[1].path == "requests[1].total"
    # An error of the core names the request too (the core gives the path within it).
    out = wz.decide_batch("approval_route", [{"total": "1.00"}, {"total": "1.005"}], errors="return")
    assert isinstance(out[1], wz.InputError) and out[1].path.startswith("requests[1]")
