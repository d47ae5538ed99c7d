"""The inspection report from Python: ``report_html`` on projects and workspaces, the module's
``report_html(file)`` for project files (what ``wanzheng report`` writes), the compact
``path_mermaid``, and the notebook view. The core renders; these tests check the binding hands
it the right input and that what comes back is complete and escaped."""

from __future__ import annotations

import datetime
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import wanzheng as wz
from conftest import REPO, register

EXAMPLES = sorted((REPO / "examples").glob("*/*.json"))
VIOLATIONS = REPO / "examples" / "investment" / "violations.json"


def esc(s: str) -> str:
    """Text as the report escapes it."""
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        s = s.replace(a, b)
    return s


def findings_and_rejections(doc: dict[str, Any]) -> tuple[list[wz.Finding], list[wz.Transition]]:
    """What the file's report must show, computed through the ordinary API."""
    ws = wz.Workspace(config=doc.get("config"))
    transitions = ws.apply_all(doc["commands"])
    as_of = doc.get("as_of") or max(c["date"] for c in doc["commands"])
    findings = [f for row in ws.report(as_of) for f in row["findings"]]
    return findings, [t for t in transitions if not t.accepted]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_finding_and_rejection_is_in_the_page(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    page = wz.report_html(path)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
    assert f'<span class="mono">{path.name}</span>' in page  # read from a path: the source is named
    findings, rejected = findings_and_rejections(doc)
    for f in findings:
        assert f'data-code="{f.code}"' in page and esc(f.message_zh) in page and esc(f.message_en) in page
    assert page.count('<tr id="finding-') == len(findings)
    assert page.count('<tr id="rejection-') == len(rejected)
    for t in rejected:
        rule, article, message = t.rule_id, t.article, t.message_zh
        assert rule is not None and article is not None and message is not None
        assert rule in page and article in page and esc(message) in page


def test_file_forms_agree() -> None:
    text = VIOLATIONS.read_text(encoding="utf-8")
    doc = json.loads(text)
    by_path = wz.report_html(VIOLATIONS)
    # A path as str, a mapping, JSON text: the same page (a mapping or text names no source).
    assert wz.report_html(str(VIOLATIONS)) == by_path
    assert wz.report_html(doc) == wz.report_html(text) != by_path  # no source line
    # The bundled example resources read the same way.
    bundled = resources.files("wanzheng").joinpath("examples", "investment", "violations.json")
    assert "INV-35.3" in wz.report_html(bundled)
    # as_of moves the report date.
    assert "2025-12-31" in wz.report_html(doc, as_of=datetime.date(2025, 12, 31))


def test_bad_files() -> None:
    with pytest.raises(wz.InputError) as e:
        wz.report_html({"name": "no commands"})
    assert e.value.path == "commands"
    with pytest.raises(wz.InputError):
        wz.report_html("{not json")
    with pytest.raises(FileNotFoundError):
        wz.report_html(REPO / "no" / "such.json")
    with pytest.raises(wz.InputError) as e:
        wz.report_html({"commands": [], "as_of": "2024-13-01"})
    assert e.value.path == "as_of"


def test_user_strings_are_escaped() -> None:
    hostile = '<script>alert("x")</script>'
    p = register(name=hostile, industry_authority_org="<b>局</b>")
    for html in (p.report_html(), p._repr_html_()):
        assert "<script" not in html.lower() and "<b>局" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    page = wz.report_html({"name": hostile, "commands": []})
    assert "<script" not in page.lower() and "&lt;script&gt;" in page


def test_project_report_and_path(project: wz.InvestmentProject) -> None:
    page = project.report_html()
    assert page.startswith("<!DOCTYPE html>") and "inv/P1" in page and "Hospital expansion" in page
    # Default report date: the last event's, as the CLI reads a file; an explicit one is used.
    assert "2023-07-03" in page
    assert "as of <b class=\"mono\">2030-01-01</b>" in project.report_html(as_of="2030-01-01")
    m = project.path_mermaid()
    assert m.startswith("stateDiagram-v2\n")
    assert "[*] --> reserve: 1 register_project" in m and "class reserve current" in m
    assert "reserve --> proposal_review: next submit_proposal" in m
    assert project.path_diagram().mermaid == m
    assert project.path_diagram()._repr_markdown_().startswith("```mermaid\n")


def test_digital_and_workspace_reports() -> None:
    ex = wz.load_examples()["digital/violations"]
    d = ex.project
    assert isinstance(d, wz.DigitalProject)
    assert "dig/GRID-2025" in d.report_html() and "class in_operation current" in d.path_mermaid()
    page = ex.workspace.report_html()
    assert "dig_cycle/2025" in page and "F-DIG-16.5" in page
    # A workspace keeps no refused command: its page says so instead of listing none.
    assert "is not in any log" in page


def test_notebook_view_is_compact() -> None:
    examples = wz.load_examples()
    for name, ex in examples.items():
        html = ex.project._repr_html_()
        assert html.startswith('<div class="wzr">') and html.endswith("</div>"), name
        assert "<!DOCTYPE" not in html and "@page" not in html, name
        assert len(html) < 40_000, f"{name}: {len(html)} bytes"
        ws = ex.workspace._repr_html_()
        assert ws.startswith('<div class="wzr">') and len(ws) < 60_000, name
