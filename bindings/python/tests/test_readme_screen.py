"""README "Approval screens" (issue 13): the Python block runs as written, from the repository root."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import wanzheng
from conftest import REPO


def readme_block(lang: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- approval-screen:{lang} -->\n```{lang}\n(.*?)```\n", text, re.S)
    assert m is not None, f"README has no {lang} approval-screen block"
    return m.group(1)


def test_readme_python_approval_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Source: issue 13 — the README's Python approval screen runs and shows finance's screen
    before the last act of the violations example, then the act's dry run."""
    monkeypatch.chdir(REPO)
    scope: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_block("python"), "README.md", "exec"), scope)
    printed = out.getvalue()
    assert "✓ inv disburse_payment" in printed
    assert re.search(r"^disburse_payment under_construction → under_construction True \d+$", printed, re.M)
    screen = scope["screen"]
    assert isinstance(screen, wanzheng.Permitted) and "<table>" in screen._repr_html_()
