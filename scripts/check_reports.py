#!/usr/bin/env python3
"""The inspection reports in a real browser (scripts/test-report.sh runs this).

One headless Chromium, driven over its DevTools pipe (``--remote-debugging-pipe``: one browser
for every page instead of a launch per page and per check), loads each ``NAME.html`` of the
output folder in an A4-wide window (794 px = 210 mm) and

1. saves a whole-page screenshot ``NAME.png``;
2. runs the measuring probe (``scripts/report_probe.js``; the report itself has no script) and
   saves the DOM as Chromium serialises it (what ``--dump-dom`` prints) to ``NAME.dom.html``;
3. checks that DOM against ``NAME.check.json`` (``wanzheng check --json`` of the same file):
   every finding of every stream is a row ``tr#finding-N[data-code=CODE]`` holding its reference
   (F-…#seq) and its Chinese and English messages (which cite the article); every refused command
   is a row ``tr#rejection-INDEX`` holding the event and, for a rule violation, each outcome's
   article (第X条) and messages, else the error message; the page is no wider than the window,
   and the probe found no element wider than the page, no SVG label cut off, no two overlapping.

Standard library only. Usage: check_reports.py OUT_DIR PROBE_JS CHROMIUM_FLAG…"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 794, 1123  # A4 at 96 dpi
TIMEOUT = 120.0


class Browser:
    """A headless Chromium over the DevTools pipe (fd 3 commands in, fd 4 replies out)."""

    def __init__(self, flags: list[str]) -> None:
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def fds() -> None:
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            ["chromium", *flags, "--remote-debugging-pipe", f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            preexec_fn=fds,
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.n = 0
        self.deadline = time.monotonic() + TIMEOUT
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def send(self, method: str, params: dict[str, Any] | None = None, page: bool = False) -> Any:
        self.n += 1
        msg: dict[str, Any] = {"id": self.n, "method": method, "params": params or {}}
        if page:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                left = self.deadline - time.monotonic()
                if left <= 0 or not select.select([self.res_r], [], [], left)[0]:
                    raise RuntimeError(f"chromium did not answer {method} in time")
                chunk = os.read(self.res_r, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"chromium exited (status {self.proc.poll()}) during {method}")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(line)
            if reply.get("id") == self.n:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def eval(self, expression: str) -> Any:
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, page=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"script error: {r['exceptionDetails']}")
        return r["result"].get("value")

    def load(self, url: str) -> None:
        self.send("Page.navigate", {"url": url}, page=True)
        while self.eval("location.href + ' ' + document.readyState") != f"{url} complete":
            time.sleep(0.02)

    def screenshot(self, path: Path) -> None:
        h = int(self.eval("document.documentElement.scrollHeight"))
        clip = {"x": 0, "y": 0, "width": WIDTH, "height": h, "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}, page=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.cmd_w)
        os.close(self.res_r)


class Rows(HTMLParser):
    """The text of every element with an id, their attributes, and the attributes of <html>."""

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

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self.stack:
            if ident:
                self.text[ident].append(data)


def squash(s: str) -> str:
    return " ".join(s.split())


def check(dom: str, report: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    p = Rows()
    p.feed(dom)
    text = {k: squash("".join(v)) for k, v in p.text.items()}
    rows: dict[str | None, list[str]] = {}
    for k, a in p.attrs.items():
        if k.startswith("finding-"):
            rows.setdefault(a.get("data-code"), []).append(text[k])
    n_findings = 0
    for stream in report["streams"]:
        for f in stream["findings"]:
            n_findings += 1
            ref = f["code"] + (f"#{f['seqs'][0]}" if f["seqs"] else "")
            if not any(ref in t and squash(f["message_zh"]) in t and squash(f["message_en"]) in t for t in rows.get(f["code"], [])):
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
        err = step["error"]
        needles = [step["event"]]
        if err.get("outcomes"):
            for o in err["outcomes"]:
                needles += [o["article"], o["message_zh"], o["message_en"]]
        else:
            needles.append(err["message"])
        errors += [f"rejection #{step['index']}: {n!r} not in its row" for n in needles if squash(n) not in row]
    shown = sum(1 for k in p.attrs if k.startswith("rejection-"))
    if shown != n_rejected:
        errors.append(f"{shown} rejection rows for {n_rejected} rejections")
    if "data-wz-width" not in p.root:
        errors.append("the measuring probe did not run")
    else:
        if int(p.root["data-wz-width"] or 0) > WIDTH:
            errors.append(f"page {p.root['data-wz-width']} px wide, more than {WIDTH} px (A4)")
        errors += [b for b in (p.root.get("data-wz-bad") or "").split("\n") if b]
    return errors


def main() -> int:
    out, probe, flags = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8"), sys.argv[3:]
    pages = sorted(p for p in out.glob("*.html") if not p.name.endswith(".dom.html"))
    if not pages:
        print(f"no report pages in {out}", file=sys.stderr)
        return 1
    failed = False
    browser = Browser(flags)
    try:
        for page in pages:
            name = page.stem
            browser.load(page.resolve().as_uri())
            browser.screenshot(out / f"{name}.png")
            browser.eval(probe)
            dom = "<!DOCTYPE html>\n" + browser.eval("document.documentElement.outerHTML")
            (out / f"{name}.dom.html").write_text(dom, encoding="utf-8")
            report = json.loads((out / f"{name}.check.json").read_text(encoding="utf-8"))
            errors = check(dom, report)
            if errors:
                failed = True
                print(f"FAIL {name}:", file=sys.stderr)
                for e in errors:
                    print(f"  {e}", file=sys.stderr)
            else:
                print(f"ok   {name}: every finding and rejection shown, fits A4, no label cut off or overlapping")
    finally:
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
