"""Issue 13's screen points, driven like a clerk: the date, the frozen grid, the findings
panel, the toolbar, busy feedback, file dialogs, help, the lead paragraph."""

import dataclasses
import datetime as dt

from app.report import default_report_date
from tests.ui_support import create
from ui.qt import QPoint, Qt
from PySide6.QtTest import QTest


def _click_year_and_type(qtbot, date_edit, digits: str) -> None:
    """Click into the year part of the shown date (its first characters) and type."""
    line = date_edit.lineEdit()
    x = line.cursorRect().width() + line.fontMetrics().horizontalAdvance("20")  # inside "2026"
    QTest.mouseClick(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, line.height() // 2))
    qtbot.wait(1)
    QTest.keyClicks(date_edit, digits)


def test_typing_the_year_over_the_clicked_year_part(make_window, qtbot):
    window = make_window()
    doc = create(window, year=2023)
    page = window.pages[0]
    page.has_date.setChecked(True)
    page.date.set_date(dt.date(2026, 3, 5))
    page.date.dateChanged.emit(page.date.date())
    _click_year_and_type(qtbot, page.date, "2024")
    assert page.date.value() == dt.date(2024, 3, 5)
    assert doc.report.meta.report_date == dt.date(2024, 3, 5)


def test_the_date_follows_the_report_year_while_untouched(make_window):
    window = make_window()
    sp = window.start_page
    sp.year.setValue(2023)
    assert sp.date.value() == default_report_date(2023)
    sp.has_date.setChecked(True)
    doc = create(window, year=2023)
    assert doc.report.meta.report_date == default_report_date(2023)
    page = window.pages[0]
    page.year.setValue(2022)
    assert doc.report.meta.report_date == default_report_date(2022)
    assert page.date.value() == default_report_date(2022)
    # a date the clerk chose stays
    doc.update_meta(dataclasses.replace(doc.report.meta, report_date=dt.date(2023, 2, 1)))
    page.year.setValue(2021)
    assert doc.report.meta.report_date == dt.date(2023, 2, 1)
