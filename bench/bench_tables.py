"""How fast the section-three grid reacts: build time and per-keystroke commit time.

    QT_QPA_PLATFORM=offscreen python bench/bench_tables.py

A commit runs the core's checks and repaints the edited cell, its totals and the
flagged cells; the clerk types ~200 numbers, so this must stay well under 50 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # bench only; the app imports Qt via ui.qt

from app.report import new_report
from ui.document import ReportDocument
from ui.qt import QApplication, Qt
from ui.tables import SectionTables


def main() -> None:
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    document = ReportDocument(new_report("甘坊镇人民政府", 2024))
    section = document.report.format.section("s3")
    start = time.perf_counter()
    widget = SectionTables(document, section)
    widget.resize(1100, 650)
    widget.show()
    app.processEvents()
    print(f"build and show section 三: {(time.perf_counter() - start) * 1000:.1f} ms")
    view = widget.view
    keys = widget.model.input_keys()
    times = []
    for i, key in enumerate(keys):
        view.setCurrentIndex(widget.model.index_for_key(key))
        QTest.keyClick(view, str(i % 9 + 1))
        editor = view.delegate.editor
        t = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_Return)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"commit + move + repaint, {len(times)} cells: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
