"""复制为网页: the report as HTML on the clipboard, to paste into a government website's editor.

The HTML comes from app.export.html (the print layout: merged table cells as rowspan/colspan,
inline styles, indents and alignment in the forms the sites' editors keep); the plain text
beside it from app.export.plaintext (tab-separated rows), for editors that take text only.
"""

from __future__ import annotations

from ui.busy import busy
from ui.qt import QApplication, QtCore

ADVICE_SECONDS = 30  # long enough to read the advice after switching to the browser and back


def report_mime_data(report) -> QtCore.QMimeData:
    # loaded on first use, like the other exports
    from app.export.html import report_html_fragment
    from app.export.plaintext import report_text

    mime = QtCore.QMimeData()
    mime.setHtml(report_html_fragment(report))
    mime.setText(report_text(report))
    return mime


def copy_as_html(window) -> bool:
    if not window.has_report:
        return False
    from app.export.html import PASTE_ADVICE

    with busy():  # the first copy loads the layout and the fonts' metrics
        QApplication.clipboard().setMimeData(report_mime_data(window.document.report))
    errors = window.error_count()
    note = f"报告中还有{errors}个错误，发布前请先改正。" if errors else ""
    window.statusBar().showMessage(f"已复制为网页格式。{note}{PASTE_ADVICE}", ADVICE_SECONDS * 1000)
    return True
