#!/usr/bin/env python3
"""Checks the DOM Chromium dumped for each report page (scripts/test-report.sh).

For every NAME.dom.html in the output folder, with NAME.check.json (`wanzheng check --json` of
the same file):
* every finding of every stream is a row `tr#finding-N[data-code=CODE]` whose text holds its
  reference (F-…#seq), its Chinese and English messages (which cite the article);
* every refused command is a row `tr#rejection-INDEX` whose text holds the event and, for a rule
  violation, every outcome's article (第X条) and messages; otherwise the error message;
* the page is no wider than the window (A4), and the measuring probe found nothing cut off,
  overlapping or wider than the page.
Standard library only."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path


class Rows(HTMLParser):
    """Collects the text of every element with an id, and the attributes of <html>."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.root = a
        if tag in self.VOID:
            return
        ident = a.get("id")
        if ident:
            self.text[ident] = []
            self.attrs[ident] = a
        self.stack.append((tag, ident))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.root = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self.stack:
            if ident:
                self.text[ident].append(data)


def check(dom_path: Path, check_path: Path, width: int) -> list[str]:
    errors: list[str] = []
    p = Rows()
    p.feed(dom_path.read_text(encoding="utf-8"))
    text = {k: " ".join("".join(v).split()) for k, v in p.text.items()}
    squash = lambda s: " ".join(s.split())  # noqa: E731
    report = json.loads(check_path.read_text(encoding="utf-8"))
    rows = {p.attrs[k].get("data-code"): [] for k in p.attrs if k.startswith("finding-")}
    for k in p.attrs:
        if k.startswith("finding-"):
            rows[p.attrs[k].get("data-code")].append(text[k])
    n_findings = 0
    for stream in report["streams"]:
        for f in stream["findings"]:
            n_findings += 1
            ref = f["code"] + (f"#{f['seqs'][0]}" if f["seqs"] else "")
            hits = [t for t in rows.get(f["code"], []) if ref in t and squash(f["message_zh"]) in t and squash(f["message_en"]) in t]
            if not hits:
                errors.append(f"finding {ref} ({f['message_en']}) not shown")
    shown = sum(len(v) for v in rows.values())
    if shown != n_findings:
        errors.append(f"{shown} finding rows for {n_findings} findings")
    n_rejected = 0
    for step in report["steps"]:
        if step["accepted"]:
            continue
        n_rejected += 1
        row = text.get(f"rejection-{step['index']}")
        if row is None:
            errors.append(f"rejection #{step['index']} {step['event']} not shown")
            continue
        needles = [step["event"]]
        err = step["error"]
        if err.get("outcomes"):
            for o in err["outcomes"]:
                needles += [o["article"], o["message_zh"], o["message_en"]]
        else:
            needles.append(err["message"])
        for n in needles:
            if squash(n) not in row:
                errors.append(f"rejection #{step['index']}: {n!r} not in its row")
    shown = sum(1 for k in p.attrs if k.startswith("rejection-"))
    if shown != n_rejected:
        errors.append(f"{shown} rejection rows for {n_rejected} rejections")
    root = p.root
    if "data-wz-width" not in root:
        errors.append("the measuring probe did not run")
    else:
        if int(root["data-wz-width"] or 0) > width:
            errors.append(f"page {root['data-wz-width']} px wide, more than {width} px (A4)")
        for bad in (root.get("data-wz-bad") or "").split("\n"):
            if bad:
                errors.append(bad)
    return errors


def main() -> int:
    out, width = Path(sys.argv[1]), int(sys.argv[2])
    failed = False
    doms = sorted(out.glob("*.dom.html"))
    if not doms:
        print("no DOM dumps found", file=sys.stderr)
        return 1
    for dom in doms:
        name = dom.name[: -len(".dom.html")]
        errors = check(dom, out / f"{name}.check.json", width)
        if errors:
            failed = True
            print(f"FAIL {name}:", file=sys.stderr)
            for e in errors:
                print(f"  {e}", file=sys.stderr)
        else:
            print(f"ok   {name}: every finding and rejection shown, fits A4")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
