"""GUI speed figures (goals: start-up ≤ 0.5 s, keystroke to flag within 16 ms).

    QT_QPA_PLATFORM=offscreen python bench/gui_startup.py

1. Start-up: wall time from launching `python -m app gui DRAFT` to the first event-loop turn
   after the window is shown with the draft loaded (the child prints "ready" then quits).
2. Keystroke to flag: with the draft open on section 三, a digit typed into a number cell
   of the real table (key press, editor, Enter) until the imbalance flag is in the findings
   panel and the step list, repainted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NIANBAO_DATA_DIR", tempfile.mkdtemp(prefix="nianbao-bench-"))

from app.draft import save_draft  # noqa: E402
from app.report import new_report  # noqa: E402

RUNS = 7
KEY = "s3.new.natural"


def startup(draft: Path) -> list[float]:
    env = dict(os.environ, NIANBAO_BENCH_READY="1")
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "app", "gui", str(draft)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
        elapsed = time.perf_counter() - t0
        if "ready" not in out.stdout:
            raise SystemExit(f"the program did not start: {out.stderr}")
        times.append(elapsed)
    return times


def keystroke(draft: Path) -> list[float]:
    from ui.main import make_app
    from ui.qt import QApplication, QtCore, QtGui
    from ui.window import MainWindow

    app = make_app()
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.open_draft(draft)
    window.go_to_step(window.steps.index("s3"))
    page = window.current_page()
    app.processEvents()
    times = []
    target = page.tables.view
    for i in range(RUNS * 3):
        digit = str(1 + i % 9)
        t0 = time.perf_counter()
        if not page.focus_cell(KEY):
            raise SystemExit(f"{KEY} is not in the table of section 三")
        for key_text in (digit, "\r"):
            key = QtCore.Qt.Key.Key_Return if key_text == "\r" else QtCore.Qt.Key(ord(key_text))
            for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):
                focused = QApplication.focusWidget()
                QApplication.sendEvent(focused if focused is not None and (focused is target or target.isAncestorOf(focused)) else target,
                                       QtGui.QKeyEvent(kind, key, QtCore.Qt.KeyboardModifier.NoModifier, key_text))
        app.processEvents()
        window.findings_panel.list.viewport().repaint()
        window.step_list.viewport().repaint()
        elapsed = time.perf_counter() - t0
        if KEY not in window.document.cell_findings or window.document.report.value(KEY) != int(digit):
            raise SystemExit(f"no flag after typing {digit} (value {window.document.report.value(KEY)})")
        times.append(elapsed)
        window.document.undo()  # back to the saved revision: closing asks nothing
        app.processEvents()
    window.close()
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nianbao-bench-draft-"))
    draft = folder / "bench.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), draft)
    s = startup(draft)
    print(f"start-up to window with draft: median {statistics.median(s) * 1000:.0f} ms, best {min(s) * 1000:.0f} ms (goal ≤ 500 ms, {RUNS} runs)")
    k = keystroke(draft)
    print(f"keystroke to flag shown: median {statistics.median(k) * 1000:.1f} ms, worst {max(k) * 1000:.1f} ms (goal ≤ 16 ms, {len(k)} keys)")


if __name__ == "__main__":
    main()
