"""What starting the program with a draft loads and builds — counted, not timed (bench/gui_startup.py times it)."""

import json
import os
import subprocess
import sys

from app.draft import save_draft
from app.report import new_report
from tests.conftest import REPO
from tests.ui_support import create

# `python -m app gui DRAFT` as the clerk starts it; at exit (NIANBAO_BENCH_READY quits at the first
# event-loop turn after the window is shown with the draft) the modules, in the order they were
# imported, and which of the Qt classes ui.qt makes on first use were asked for.
LAUNCH = (
    "import atexit, runpy, sys\n"
    "def dump():\n"
    "    qt = vars(sys.modules['ui.qt'])\n"
    "    print('MODULES ' + __import__('json').dumps(list(sys.modules)))\n"
    "    print('QT_ASKED ' + __import__('json').dumps([n for n in qt['_LATER'] if n in qt]))\n"
    "atexit.register(dump)\n"
    "sys.argv = ['nianbao', 'gui', sys.argv[1]]\n"
    "runpy.run_module('app', run_name='__main__', alter_sys=True)\n"
)

# Loaded on first use only: the review's worker processes, exporters, the importer, previews.
NOT_AT_START = (
    "multiprocessing",
    "concurrent.futures",
    "secrets",
    "docx",
    "reportlab",
    "pdfplumber",
    "pypdf",
    "openpyxl",
    "lxml",
    "app.export",
    "app.importer",
    "app.review",
    "app.summary",
    "ui.importing",
    "ui.review",
    "ui.help_window",
    "ui.webcopy",
    # the number grid: the draft opens on 基本信息 (ui.main imports these once the clerk is idle)
    "ui.tables",
    "ui.table_view",
    "ui.table_model",
    "ui.cell_editor",
    "app.paste",
)


def _start(tmp_path) -> tuple[list[str], list[str]]:
    draft = tmp_path / "甘坊镇2023.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), draft)
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(tmp_path / "data"), NIANBAO_BENCH_READY="1"
    )
    env.pop("NIANBAO_TEST_EDIT", None)
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(draft)], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "ready" in lines, out.stdout + out.stderr

    def printed(tag: str) -> list[str]:
        return json.loads(next(line for line in lines if line.startswith(tag))[len(tag) :])

    return printed("MODULES "), printed("QT_ASKED ")


def test_start_up_with_a_draft_loads_only_what_the_window_needs(tmp_path):
    modules, qt_classes_asked = _start(tmp_path)

    loaded = [m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_AT_START)]
    assert loaded == []
    assert sorted(m for m in modules if m.startswith("PySide6.Qt")) == [
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
    ]

    # PySide6's import hook reads the source of every module imported after PySide6 (ui.main):
    # the Qt-free modules come first, only ui's own and the codecs Python looks up at run time after.
    after = modules[modules.index("PySide6") :]
    late = [
        m
        for m in after
        if m.split(".")[0] not in ("PySide6", "shiboken6", "shibokensupport", "ui", "encodings")
        and not m.startswith(("_", "signature"))
    ]
    assert late == []
    assert "app.checks" in modules and "ui.window" in modules  # what the window needs did load
    # and the Qt classes ui.qt makes on first use (ui.qt._ON_FIRST_USE) were not asked for
    assert qt_classes_asked == []


def test_a_draft_opened_at_start_builds_only_the_step_it_shows(make_window, tmp_path):
    from ui.qt import QApplication, QEvent, QObject

    class Paints(QObject):
        def __init__(self):
            super().__init__()
            self.with_report: list[bool] = []

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                self.with_report.append(window.has_report)
            return False

    draft = tmp_path / "a.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), draft)
    window = make_window(start=False)  # shown, as ui.main.run shows it before start()
    paints = Paints()
    window.step_list.viewport().installEventFilter(paints)
    window.start(draft)
    QApplication.processEvents()
    assert window.screens.currentWidget() is window.editor
    assert window.windowTitle().startswith("a.nianbao")
    assert window.save_action.isEnabled() and window.export_pdf_action.isEnabled()
    assert paints.with_report and all(paints.with_report)  # not drawn empty first, only with the draft
    assert window._start_page is None  # never shown, so never built
    built = [i for i, page in enumerate(window._pages) if page is not None]
    assert built == [window.step_list.currentRow()] == [0]


def test_a_draft_that_cannot_be_opened_at_start_is_reported_over_the_start_page(make_window, tmp_path, monkeypatch):
    from ui import dialogs

    draft = tmp_path / "坏.nianbao"
    draft.write_text("{不是草稿", encoding="utf-8")
    behind = []
    monkeypatch.setattr(
        dialogs, "warn", lambda parent, title, text: behind.append((title, window.screens.currentWidget()))
    )
    window = make_window(start=False)
    window.start(draft)
    assert [title for title, _ in behind] == ["无法打开草稿"]
    assert behind[0][1] is window.start_page
    assert window.screens.currentWidget() is window.start_page
    assert window.windowTitle() == "开始"


def test_without_a_draft_the_start_page_shows(make_window):
    window = make_window()
    assert window.screens.currentWidget() is window.start_page
    assert window.windowTitle() == "开始"
    assert not window.save_action.isEnabled() and not window.export_pdf_action.isEnabled()
    create(window)  # the start page is built after the editor now: the focus still goes to the steps
    assert window.focusWidget() is window.step_list


def test_the_recovery_question_at_start_is_asked_over_the_start_page(make_window, answers, tmp_path, monkeypatch):
    from app import recovery
    from app.draft import dumps
    from ui import dialogs

    dead = recovery.Session(pid=_dead_pid())
    dead.write(dumps(new_report("某镇人民政府", 2023)))
    draft = tmp_path / "a.nianbao"
    save_draft(new_report("甘坊镇人民政府", 2023), draft)
    behind = []

    def choose(parent, title, text, buttons, **kwargs):
        behind.append(window.screens.currentWidget())
        return 2  # 稍后再说

    monkeypatch.setattr(dialogs, "choose", choose)
    window = make_window(start=False)
    window.start(draft)  # a draft given at launch, and an autosave left by a crash
    assert behind == [window.start_page]
    assert window.screens.currentWidget() is window.editor  # then the draft opens


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
