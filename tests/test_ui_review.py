"""The 审阅 window driven like the county office would: open it from the start page, read a folder
(worker thread), sort and filter, read a row's findings, double-click to open a report in the
wizard, cancel a long read, export the workbook and the PDF."""

import shutil
import time

import openpyxl
import pytest

from app import review as core
from app.draft import load_draft
from tests.ui_support import type_chinese
from ui import review as ui_review
from ui.importing import ImportReportDialog
from ui.qt import QDialog, Qt
from ui.review import COLUMNS


@pytest.fixture
def reviewing(make_window, county_folders, monkeypatch, qtbot):
    this, last = county_folders
    window = make_window()
    monkeypatch.setattr(ui_review, "choose_folder", lambda *a: this)
    window.start_page.review_button.click()
    rw = window.review_window
    qtbot.waitUntil(lambda: not rw.busy and rw.result is not None, timeout=30000)
    rw.start(this, last)  # again, with last year's folder
    qtbot.waitUntil(lambda: not rw.busy and rw.result is not None, timeout=30000)
    yield window, rw
    rw.close()


def shown(rw, column):
    c = COLUMNS.index(column)
    return [rw.proxy.index(r, c).data() for r in range(rw.proxy.rowCount())]


def test_rows_sort_filter_and_findings(reviewing, qtbot):
    _, rw = reviewing
    assert rw.isVisible() and rw.windowTitle().startswith("审阅多份报告")
    assert sorted(shown(rw, "文件")) == sorted(p.name for p in rw.folder.iterdir() if p.suffix != ".xlsx")
    assert "全县合计" in rw.summary.toPlainText() and "新收" in rw.summary.toPlainText()
    assert rw.progress.value() == rw.progress.maximum()

    rw.table.sortByColumn(COLUMNS.index("新收"), Qt.SortOrder.DescendingOrder)
    figures = [int(x) for x in shown(rw, "新收") if x]
    assert figures == sorted(figures, reverse=True)
    rw.table.sortByColumn(COLUMNS.index("机关"), Qt.SortOrder.AscendingOrder)

    type_chinese(rw.filter_edit, "甘坊镇")
    assert sorted(shown(rw, "文件")) == ["甘坊镇.nianbao", "甘坊镇政府.html"]
    rw.filter_edit.clear()
    rw.filter_column.setCurrentIndex(rw.filter_column.findData(COLUMNS.index("状态")))
    type_chinese(rw.filter_edit, "无法读取")
    assert set(shown(rw, "文件")) == {"坏.nianbao", "坏.docx"}
    rw.filter_edit.clear()
    rw.filter_column.setCurrentIndex(0)

    row = shown(rw, "文件").index("轵城镇.nianbao")
    rw.table.selectRow(row)
    html = rw.details.toPlainText()
    assert "轵城镇人民政府" in html and "上年结转" in html and "轵城镇2022.nianbao" in html


def double_click(rw, qtbot, name):
    row = shown(rw, "文件").index(name)
    index = rw.proxy.index(row, COLUMNS.index("机关"))
    rw.table.scrollTo(index)
    rect = rw.table.visualRect(index)
    # a double-click is a click followed by a second press, as the item view expects it
    qtbot.mouseClick(rw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(rw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_click_opens_a_draft_and_a_published_file_as_a_new_draft(reviewing, qtbot, monkeypatch):
    window, rw = reviewing
    double_click(rw, qtbot, "轵城镇.nianbao")
    assert window.has_report and window.document.path == rw.folder / "轵城镇.nianbao"
    assert window.document.report.meta.organ == "轵城镇人民政府" and not window.document.modified

    monkeypatch.setattr(ImportReportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    before = sorted(p.name for p in rw.folder.iterdir())
    double_click(rw, qtbot, "赤岸镇.docx")
    assert window.document.report.meta.organ == "赤岸镇人民政府"
    assert window.document.path is None and window.document.modified  # a new unsaved draft
    assert sorted(p.name for p in rw.folder.iterdir()) == before  # nothing written beside it

    opened = window.document.report
    double_click(rw, qtbot, "坏.nianbao")  # unreadable: nothing happens
    assert window.document.report is opened


def test_exports_from_the_window(reviewing, answers, tmp_path):
    _, rw = reviewing
    answers.paths = [tmp_path / "审阅", tmp_path / "意见.pdf"]
    rw.xlsx_button.click()
    wb = openpyxl.load_workbook(tmp_path / "审阅.xlsx")
    assert wb.sheetnames == ["汇总", "问题清单", "上年对照"]
    rw.pdf_button.click()
    assert (tmp_path / "意见.pdf").read_bytes().startswith(b"%PDF")
    answers.paths = [rw.folder / "意见.pdf"]  # inside the reviewed folder: refused
    rw.pdf_button.click()
    assert not (rw.folder / "意见.pdf").exists() and "不能保存在被审阅的文件夹" in answers.warnings[-1]


def test_cancel_while_reading(make_window, county_folders, tmp_path, monkeypatch, qtbot):
    this, _ = county_folders
    folder = tmp_path / "很多"
    folder.mkdir()
    for i in range(30):
        shutil.copy(this / "轵城镇.nianbao", folder / f"{i:02d}.nianbao")
    read = core.read_report_file

    def slow(path):  # so that 取消 surely comes before the end
        time.sleep(0.05)
        return read(path)

    monkeypatch.setattr(core, "read_report_file", slow)
    window = make_window()
    rw = ui_review.ReviewWindow(window.settings, window)
    rw.show()
    rw.start(folder)
    qtbot.waitUntil(lambda: rw.model.rowCount() >= 2, timeout=10000)
    assert rw.busy and rw.cancel_button.isEnabled() and not rw.xlsx_button.isEnabled()
    rw.cancel_button.click()
    qtbot.waitUntil(lambda: not rw.busy, timeout=10000)
    assert rw.result.cancelled and 2 <= len(rw.result.rows) < 30
    assert "审阅已取消" in rw.summary.toPlainText()
    assert rw.model.rowCount() == len(rw.result.rows)
    assert load_draft(folder / "00.nianbao").meta.organ == "轵城镇人民政府"  # untouched
    rw.close()


def test_file_menu_has_the_review_entry(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(ui_review, "choose_folder", lambda *a: None)  # the clerk closes the folder dialog
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "审阅多份报告…")
    action.trigger()
    assert window.review_window.isVisible() and window.review_window.folder is None
    window.review_window.close()


def test_published_files_are_read_in_workers_and_checked_rows_shown_in_batches(
    make_window, county_folders, monkeypatch, qtbot
):
    """However few the published files, the window has them read in worker processes (read in
    its own process they stall it), and it sets the checked rows a few per turn of the event loop."""
    from app import review_pool

    this, last = county_folders
    pooled: list[list[str]] = []
    read_in_pool = review_pool.read_in_pool

    def spy(paths, *args):
        pooled.append([p.name for p in paths])
        return read_in_pool(paths, *args)

    monkeypatch.setattr(review_pool, "read_in_pool", spy)
    turns: list[int] = []
    fill_some = ui_review.ReviewWindow._fill_some

    def counted(self):
        turns.append(self._filling[2] if self._filling else -1)
        fill_some(self)

    monkeypatch.setattr(ui_review.ReviewWindow, "_fill_some", counted)
    monkeypatch.setattr(ui_review.ReviewWindow, "FILL_ROWS", 2)
    after_reading: list[tuple] = []  # right after the worker thread ended: still showing the rows
    worker_done = ui_review.ReviewWindow._worker_done

    def finished(self):
        worker_done(self)
        after_reading.append((self.busy, self.result, self.start_button.isEnabled(), len(turns)))

    monkeypatch.setattr(ui_review.ReviewWindow, "_worker_done", finished)
    window = make_window()
    rw = ui_review.ReviewWindow(window.settings, window)
    rw.show()
    done: list[bool] = []
    rw.review_done.connect(lambda: done.append(rw.result is not None))
    rw.start(this, last)
    qtbot.waitUntil(lambda: not rw.busy, timeout=30000)
    assert after_reading == [(True, None, False, 0)] and done == [True]
    count = len(rw.result.rows)
    assert turns == list(range(0, count, 2)) and count > 4
    assert rw.model.rowCount() == count and rw.proxy.rowCount() == count
    published = [p.name for p in core.report_paths(this)[0] if p.suffix != ".nianbao"]
    assert len(published) < core.POOL_FROM and pooled and set(published) <= set(pooled[0])
    rw.close()
