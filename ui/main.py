"""`nianbao` / `nianbao gui [FILE]`: the desktop program."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ui.qt import QApplication, QColor, QGuiApplication, QLibraryInfo, QLocale, QPalette, Qt, QTimer, QTranslator

TEST_EDIT_ENV = "NIANBAO_TEST_EDIT"  # JSON {"cells": {key: value}, "s5": text}: an edit made after start (crash test)
BENCH_ENV = "NIANBAO_BENCH_READY"  # print "ready" once the window is up with the draft loaded


def light_palette() -> QPalette:
    """Fusion's own light palette, fixed: the grid colours look the same on every Windows."""
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffdc"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#000000"))
    return palette


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName("年报助手")
    app.setStyle("Fusion")
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(light_palette())
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not getattr(app, "_nianbao_translator", None):
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
        app._nianbao_translator = translator  # keep it alive
    return app


def _apply_test_edit(window, spec: str) -> None:
    data = json.loads(spec)
    if data.get("cells"):
        window.document.set_cells(data["cells"])
    for field in ("intro", "s5", "s6"):
        if field in data:
            window.document.set_text(field, data[field])
    window.autosave_timer.start()


def run(args) -> int:
    from ui.window import MainWindow

    app = make_app()
    window = MainWindow()
    window.show()
    file = getattr(args, "file", None)
    window.start(Path(file) if file else None)
    if os.environ.get(TEST_EDIT_ENV):
        QTimer.singleShot(0, lambda: _apply_test_edit(window, os.environ[TEST_EDIT_ENV]))
    if os.environ.get(BENCH_ENV):
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
    return app.exec()
