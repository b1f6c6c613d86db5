"""复制为网页: the report as HTML on the clipboard, to paste into a government website's editor.

The HTML comes from app.export.html (the print layout: merged table cells as rowspan/colspan,
inline styles only). A plain-text version goes along for editors that refuse HTML.
"""

from __future__ import annotations

from ui.qt import QApplication, QtCore, QtGui


def report_mime_data(report) -> QtCore.QMimeData:
    from app.export.html import report_html_fragment  # loaded on first use, like the other exports

    fragment = report_html_fragment(report)
    mime = QtCore.QMimeData()
    mime.setHtml(fragment)
    plain = QtGui.QTextDocument()
    plain.setHtml(fragment)
    mime.setText(plain.toPlainText())
    return mime


def copy_as_html(window) -> bool:
    if not window.has_report:
        return False
    QApplication.clipboard().setMimeData(report_mime_data(window.document.report))
    errors = window.error_count()
    note = f"；报告中还有{errors}个错误，发布前请先改正" if errors else ""
    window.statusBar().showMessage(f"已复制为网页格式，可粘贴到网站的编辑器中{note}", 8000)
    return True
