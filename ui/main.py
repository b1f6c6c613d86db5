"""`nianbao` / `nianbao gui [FILE]`: the desktop program."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# The Qt-free modules the window needs are imported before PySide6 (ui.qt): once PySide6 is
# loaded, its import hook (shibokensupport.feature) reads the source of every module imported
# after it, looking for "PySide6" — ~15 ms of every start for these. The test of start-up
# (tests/test_ui_startup.py) fails if the window imports a Qt-free module after PySide6.
from app import checks, generated, layout, recovery, session, textchecks  # noqa: F401
from ui.qt import QApplication, QColor, QGuiApplication, QLocale, QPalette, Qt, QTimer, QTranslator, translation_folders

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
        if any(translator.load("qtbase_zh_CN", folder) for folder in translation_folders()):
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
    window.autosaver.start()


def install_error_handler(window) -> None:
    """An unexpected error in a slot becomes a Chinese message and a line in error.log, not a silent failure."""
    import datetime as dt
    import traceback

    from app.errors import shorten
    from app.recovery import data_dir
    from ui import dialogs

    def handle(kind, value, tb):
        from app.errors import UserError

        if isinstance(value, UserError):  # a problem the clerk can act on, not a bug: say it as it is
            dialogs.warn(window, "无法完成", f"{value}\n\n报告内容仍在程序中，没有丢失。")
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        try:
            folder = data_dir()
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "error.log", "a", encoding="utf-8") as log:
                log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{text}")
        except OSError:
            pass
        if sys.stderr:
            sys.stderr.write(text)
        try:
            saved = window.autosave()  # so that the message below can say the content is safe
        except Exception:
            saved = False
        if shown["busy"] or shown["count"] >= 3:  # an error in a paint handler must not flood the clerk
            return
        shown["busy"] = True
        shown["count"] += 1
        kept = "并已自动保存" if saved else "但自动保存没有成功"
        try:
            dialogs.warn(
                window,
                "内部错误",
                f"程序遇到了一个意外问题（{kind.__name__}: {shorten(value, 200)}）。\n\n"
                f"报告内容仍在程序中，{kept}；请先保存草稿。问题记录在 error.log 中。",
            )
        finally:
            shown["busy"] = False

    shown = {"busy": False, "count": 0}
    sys.excepthook = handle


def _warm_up(window) -> None:
    """What the first clicks need, readied once the clerk is idle: the exporters, reportlab and
    the PDF fonts in the background (ui.output), and here the number grid's modules, which
    start-up leaves out (ui.pages.TablesPage)."""
    from ui.output import warm_up_when_idle

    warm_up_when_idle(window).timeout.connect(_import_number_grid)


def _import_number_grid() -> None:
    import ui.tables  # noqa: F401


def run(args) -> int:
    from ui.window import MainWindow

    app = make_app()
    window = MainWindow()
    install_error_handler(window)
    screen = app.primaryScreen()
    if window.first_run and screen is not None and screen.availableGeometry().width() < 1500:
        window.showMaximized()  # 1366×768: every pixel counts
    else:
        window.show()
    file = getattr(args, "file", None)
    window.start(Path(file) if file else None)
    QTimer.singleShot(0, lambda: _warm_up(window))
    if os.environ.get(TEST_EDIT_ENV):
        QTimer.singleShot(0, lambda: _apply_test_edit(window, os.environ[TEST_EDIT_ENV]))
    if os.environ.get(BENCH_ENV):

        def ready():
            print("ready", flush=True)
            app.quit()

        QTimer.singleShot(0, ready)
    return app.exec()
