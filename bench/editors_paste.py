"""复制为网页 pasted into the rich-text editors of government websites: what survives.

    npm ci --prefix bench/editors          # once: KindEditor, wangEditor 4 and 5, TinyMCE, CKEditor 5
    apt-get install chromium               # Debian's build; nothing is downloaded at run time
    python bench/editors_paste.py [--rev COMMIT] [--keep DIR]

For each editor a page under bench/editors/pages/ is served from 127.0.0.1 (nothing else
is reached) to a headless Chromium driven over the DevTools protocol (a pipe, no
websocket library needed). The clipboard is filled as the program fills it (text/html:
report_html_fragment, text/plain: report_text, of the report built from sample 001), the
editor is focused and a real Ctrl+V is pressed; then the editor's own output (getHtml,
getContent, html()…) is read and compared with the print layout:

  tables   tables whose every cell, rowspan, colspan and text came through exactly
  numbers  number cells found, in order, with their value
  th       header cells still <th>
  indent   paragraphs and headings starting with two ideographic spaces or keeping text-indent
  centre   title centred; number cells centred (align or text-align, on the cell or its <p>)
  right    signature and date right-aligned
  widths   tables with column widths kept (on <col> or on cells)
  border   tables with a border kept in the markup (the site's style may still draw none)
  levels   the tags of the title, a section heading and a sub-section heading (three levels)
  run      table rows whose numbers ran together in the text (0 is right)

`--rev COMMIT` pastes the HTML that app/export/html.py of that commit wrote, for a
before/after comparison (its plain text is then Qt's, as the program made it then).
Prints one table; the README keeps the last results.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import types
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EDITORS_DIR = REPO / "bench" / "editors"
# (name shown, page, query): the page's window.nb gives html() and focus()
EDITORS = (
    ("KindEditor 4.1.10", "kindeditor.html", ""),
    ("KindEditor 4.1.10 纯文本粘贴", "kindeditor.html", "?paste=1"),
    ("wangEditor 4.7.15", "wangeditor4.html", ""),
    ("wangEditor 5.1.23", "wangeditor5.html", ""),
    ("TinyMCE 8.9.2", "tinymce.html", ""),
    ("CKEditor 5 classic 44.3.0", "ckeditor5-classic.html", ""),
    ("CKEditor 5 48.5.2 + Alignment", "ckeditor5-alignment.html", ""),
    (
        "CKEditor 5 48.5.2 + Alignment + table/cell properties",
        "ckeditor5-alignment.html",
        "?properties=1",
    ),
    ("text-only box (textarea)", "textarea.html", ""),
)
PAGE_TIMEOUT = 30.0  # seconds for an editor to load
PASTE_SETTLE = 1.5  # seconds for an editor's deferred paste handling (KindEditor uses a timer)


# ---------------------------------------------------------------------------
# A minimal DevTools-protocol client over --remote-debugging-pipe


class Browser:
    def __init__(self, profile: str):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds():  # Chromium reads commands on fd 3 and writes answers on fd 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--window-size=1366,900",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._id = 0

    def call(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 30.0,
    ):
        self._id += 1
        message: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buffer:
                if time.monotonic() > deadline:
                    raise TimeoutError(method)
                chunk = os.read(self._from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Page:
    def __init__(self, browser: Browser):
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Emulation.setFocusEmulationEnabled", {"enabled": True})

    def call(self, method, params=None, timeout=30.0):
        return self.browser.call(method, params, self.session, timeout)

    def eval(self, expression: str, gesture: bool = False):
        result = self.call(
            "Runtime.evaluate",
            {
                "expression": expression,
                "returnByValue": True,
                "awaitPromise": True,
                "userGesture": gesture,
            },
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", str(result)))
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + PAGE_TIMEOUT
        while not self.eval("!!(window.nb && window.nb.ready)"):
            error = self.eval("window.nbError || ''")
            if error or time.monotonic() > deadline:
                raise RuntimeError(error or f"editor not ready after {PAGE_TIMEOUT:.0f} s")
            time.sleep(0.2)

    def set_clipboard(self, html: str, text: str) -> None:
        """Put both flavours on the clipboard through a copy event, unsanitised, the way a
        desktop program's clipboard offers them to the browser."""
        script = (
            """(function (h, t) {
            function put(e) { e.clipboardData.setData("text/html", h); e.clipboardData.setData("text/plain", t);
                              e.preventDefault(); e.stopImmediatePropagation(); }
            document.addEventListener("copy", put, true);
            var ok = document.execCommand("copy");
            document.removeEventListener("copy", put, true);
            return ok; })"""
            + f"({json.dumps(html)}, {json.dumps(text)})"
        )
        if not self.eval(script, gesture=True):
            raise RuntimeError("the clipboard could not be filled")

    def paste(self) -> None:
        """A real Ctrl+V: the key events, with the browser's paste command they trigger."""
        key = {"key": "v", "code": "KeyV", "windowsVirtualKeyCode": 86, "modifiers": 2}
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", **key, "commands": ["paste"]})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **key})


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # "format": the base class's name
        pass


# ---------------------------------------------------------------------------
# What came out of the editor, against the print layout


class Output(HTMLParser):
    """Tables as rows of cells; every other element with its text; cells' inner <p> attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.blocks: list[tuple[str, dict, str]] = []  # (tag, attrs, text) outside tables
        self._stack: list[tuple[str, dict, list[str]]] = []
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "table":
            self.tables.append({"attrs": a, "cells": [], "cols": [], "rows": 0})
        elif tag == "col" and self.tables:
            self.tables[-1]["cols"].append(a)
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"] += 1
        elif tag in ("td", "th") and self.tables:
            self._cell = {
                "tag": tag,
                "attrs": a,
                "inner": [],
                "text": [],
                "row": self.tables[-1]["rows"],
            }
            self.tables[-1]["cells"].append(self._cell)
        elif self._cell is not None:
            self._cell["inner"].append(a)
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div"):
            self._stack.append((tag, a, []))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        elif self._stack and tag == self._stack[-1][0] and self._cell is None:
            t, a, text = self._stack.pop()
            self.blocks.append((t, a, "".join(text)))

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"].append(data)
        elif self._stack:
            self._stack[-1][2].append(data)


def _style(attrs: dict) -> str:
    return attrs.get("style", "").replace(" ", "").lower()


def _aligned(attrs_list: list[dict], side: str) -> bool:
    return any(
        a.get("align", "").lower() == side or f"text-align:{side}" in _style(a) or f"align-{side}" in a.get("class", "")
        for a in attrs_list
    )


def _width(attrs: dict) -> bool:
    """A width kept as a number (wangEditor 5 writes width="auto" where it kept none)."""
    return bool(re.match(r"[\d.]+(%|px)?$", attrs.get("width", ""))) or bool(
        re.search(r"(^|;)width:[\d.]", _style(attrs))
    )


def _clean(text: str) -> str:
    return text.replace("\xa0", " ").strip(" \n\t")


def analyse(output: str, layout, plain: bool) -> dict[str, str]:
    from app.layout import DATE, HEADING1, HEADING2, NUMBER, PARAGRAPH, SIGNATURE, TITLE

    grids = [b.table for b in layout.blocks if b.table is not None]
    numbers_expected = [c.text for g in grids for c in g.cells if c.role == NUMBER]
    rows_with_numbers = _number_rows(grids)
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", output.replace("&nbsp;", " ")))
    run = sum(1 for row in rows_with_numbers if "".join(row) in re.sub(r"<[^>]+>", "", output).replace("\n", "|"))
    if plain:  # text only: the numbers of each row, in order, as separate words
        apart = sum(1 for row in rows_with_numbers if " ".join(row) in flat)
        return {"numbers": f"{apart}/{len(rows_with_numbers)} rows", "run": str(run)}

    parsed = Output()
    parsed.feed(output)
    parsed.close()
    result: dict[str, str] = {}
    exact = 0
    found_numbers = []
    for table, grid in zip(parsed.tables, grids):
        got = [
            (
                _clean("".join(c["text"])),
                int(c["attrs"].get("rowspan") or 1),
                int(c["attrs"].get("colspan") or 1),
            )
            for c in table["cells"]
        ]
        want = [(c.text, c.rowspan, c.colspan) for c in grid.cells]
        exact += got == want
        if len(got) == len(want):
            found_numbers += [g[0] for g, c in zip(got, grid.cells) if c.role == NUMBER]
    result["tables"] = f"{exact}/{len(grids)}" + (
        "" if len(parsed.tables) == len(grids) else f" ({len(parsed.tables)} found)"
    )
    result["numbers"] = f"{sum(a == b for a, b in zip(found_numbers, numbers_expected))}/{len(numbers_expected)}"
    th_expected = sum(1 for g in grids for c in g.cells if c.role != NUMBER and c.role != "label")
    th_found = sum(1 for t in parsed.tables for c in t["cells"] if c["tag"] == "th")
    result["th"] = f"{th_found}/{th_expected}"

    indented = [b.text for b in layout.blocks if b.kind in (PARAGRAPH, HEADING1, HEADING2)]
    texts = {_clean(t).lstrip("\u3000\u2003"): (t, a) for _, a, t in parsed.blocks}
    kept = 0
    for text in indented:
        raw, attrs = texts.get(text, ("", {}))
        # KindEditor writes U+3000 as &emsp; (U+2003), a space as wide as a Chinese character
        lead = raw.replace("\xa0", " ").lstrip(" \n\t").replace("\u2003", "\u3000")
        kept += lead.startswith("\u3000\u3000") or "text-indent:2em" in _style(attrs)
    result["indent"] = f"{kept}/{len(indented)}"

    def block_aligned(kind: str, side: str) -> bool:
        text = next(b.text for b in layout.blocks if b.kind == kind)
        return any(_aligned([a], side) for _, a, t in parsed.blocks if _clean(t) == text)

    number_cells = [
        [c["attrs"], *c["inner"]]
        for t, g in zip(parsed.tables, grids)
        if len(t["cells"]) == len(g.cells)
        for c, gc in zip(t["cells"], g.cells)
        if gc.role == NUMBER
    ]
    centred = sum(_aligned(a, "center") for a in number_cells)
    result["centre"] = (
        f"title {'yes' if block_aligned(TITLE, 'center') else 'no'}, numbers {centred}/{len(numbers_expected)}"
    )
    right = block_aligned(SIGNATURE, "right") + block_aligned(DATE, "right")
    result["right"] = f"{right}/2"

    def tag_of(kind: str) -> str:
        text = next(b.text for b in layout.blocks if b.kind == kind)
        return next((t for t, _, raw in parsed.blocks if _clean(raw).lstrip("\u3000\u2003") == text), "?")

    result["levels"] = "/".join(tag_of(kind) for kind in (TITLE, HEADING1, HEADING2))
    widths = sum(
        1
        for t in parsed.tables
        if any(_width(c) for c in t["cols"]) or sum(1 for c in t["cells"] if _width(c["attrs"])) > len(t["cells"]) // 3
    )
    result["widths"] = f"{widths}/{len(grids)}"
    bordered = sum(
        1
        for t in parsed.tables
        if (t["attrs"].get("border") not in ("", "0", None))
        or "border" in _style(t["attrs"])
        or any("border" in _style(c["attrs"]) for c in t["cells"])
    )
    result["border"] = f"{bordered}/{len(grids)}"
    return result


def _number_rows(grids) -> list[list[str]]:
    """Each table row's number texts, for rows holding at least two numbers."""
    from app.layout import NUMBER

    rows = []
    for grid in grids:
        for cells in grid.rows():
            numbers = [c.text for c in sorted(cells, key=lambda c: c.col) if c.role == NUMBER]
            if len(numbers) > 1 and len(set(numbers)) > 0:
                rows.append(numbers)
    return rows


# ---------------------------------------------------------------------------


def clipboard_of(report, rev: str | None) -> tuple[str, str]:
    """What 复制为网页 puts on the clipboard: the HTML fragment and the plain text."""
    if rev is None:
        from app.export.html import report_html_fragment
        from app.export.plaintext import report_text

        return report_html_fragment(report), report_text(report)
    source = subprocess.run(
        ["git", "show", f"{rev}:app/export/html.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("html_at_rev")
    exec(compile(source, f"{rev}:app/export/html.py", "exec"), module.__dict__)  # our own file, at that revision
    html = module.report_html_fragment(report)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.qt import QApplication, QtGui

    _app = QApplication.instance() or QApplication([])
    document = QtGui.QTextDocument()
    document.setHtml(html)
    return html, document.toPlainText()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", help="paste the HTML of app/export/html.py at this commit instead")
    parser.add_argument(
        "--html",
        help="paste this HTML file instead (a variant of the markup to compare)",
    )
    parser.add_argument("--keep", help="write each editor's output into this folder")
    parser.add_argument("--only", help="only the editors whose name contains this")
    args = parser.parse_args()
    if not shutil.which("chromium"):
        print("需要 Chromium：apt-get install chromium", file=sys.stderr)
        return 2
    if not (EDITORS_DIR / "node_modules" / "kindeditor").is_dir():
        print("需要编辑器：npm ci --prefix bench/editors", file=sys.stderr)
        return 2

    from app.layout import build_layout
    from tests.export_reports import report_2021

    report = report_2021()
    layout = build_layout(report)
    html, text = clipboard_of(report, args.rev)
    if args.html:
        html = Path(args.html).read_text(encoding="utf-8")
    server, base = serve(EDITORS_DIR)
    columns = ("tables", "numbers", "th", "indent", "centre", "right", "widths", "border", "levels", "run")
    rows = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            for name, page_file, query in EDITORS:
                if args.only and args.only.lower() not in name.lower():
                    continue
                started = time.perf_counter()
                page = Page(browser)
                try:
                    page.open(f"{base}/pages/{page_file}{query}")
                    page.set_clipboard(html, text)  # before the editor has focus: its own copy handler stays out
                    page.eval("window.nb.focus()", gesture=True)
                    page.paste()
                    time.sleep(PASTE_SETTLE)
                    output = page.eval("window.nb.html()") or ""
                except (RuntimeError, TimeoutError) as exc:
                    rows.append((name, {"tables": f"failed: {exc}"}, 0.0))
                    continue
                if args.keep:  # the editor's output and a screenshot of the editor, to look at
                    import base64

                    stem = page_file.replace(".html", query.replace("?", "-").replace("=", ""))
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    Path(args.keep, stem + ".out.html").write_text(output, encoding="utf-8")
                    shot = page.call("Page.captureScreenshot", {"format": "png"})["data"]
                    Path(args.keep, stem + ".png").write_bytes(base64.b64decode(shot))
                plain = page_file == "textarea.html" or "paste=1" in query
                rows.append(
                    (
                        name,
                        analyse(output, layout, plain),
                        time.perf_counter() - started,
                    )
                )
        finally:
            browser.close()
            server.shutdown()
    label = args.html or (f"the HTML of {args.rev}" if args.rev else "this checkout's HTML")
    print(f"复制为网页 of sample 001 ({len(html)} characters of HTML), {label}, pasted with Ctrl+V:")
    print("| editor | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, result, _ in rows:
        print(f"| {name} | " + " | ".join(result.get(c, "–") for c in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
