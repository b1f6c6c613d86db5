"""Every modal question the program asks, in one place.

Tests replace these functions with monkeypatch instead of clicking real dialogs.
"""

from __future__ import annotations

from pathlib import Path

from app.draft import EXTENSION
from ui.qt import QFileDialog, QMessageBox, QWidget

DRAFT_FILTER = f"年报草稿 (*{EXTENSION});;所有文件 (*)"
DOCX_FILTER = "Word文档 (*.docx)"
PDF_FILTER = "PDF文档 (*.pdf)"


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: list[str],
    default: int = 0,
    icon=QMessageBox.Icon.Question,
    details: str = "",
) -> int:
    """Ask with the given button labels; returns the index of the button pressed (-1: closed)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setInformativeText(details)
    made = [
        box.addButton(
            label,
            QMessageBox.ButtonRole.AcceptRole
            if i == 0
            else QMessageBox.ButtonRole.RejectRole
            if label == "取消"
            else QMessageBox.ButtonRole.ActionRole,
        )
        for i, label in enumerate(buttons)
    ]
    box.setDefaultButton(made[default])
    if "取消" in buttons:
        box.setEscapeButton(made[buttons.index("取消")])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else -1


def ask_replace_read_only(parent: QWidget | None, exc) -> bool:
    """A save or export would replace a read-only file: only if the clerk says so."""
    name = exc.path.name
    return (
        choose(
            parent,
            "只读文件",
            f"“{name}”是只读文件（可能是有意防止改动的）。仍要替换它吗？",
            ["替换", "取消"],
            default=1,
            icon=QMessageBox.Icon.Warning,
        )
        == 0
    )


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def open_path(parent: QWidget | None, title: str, folder: str, filter: str = DRAFT_FILTER) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filter)
    return Path(path) if path else None


def save_path(parent: QWidget | None, title: str, suggested: str, filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter)
    return Path(path) if path else None


def printer(parent: QWidget | None):
    """A QPrinter set up by the system print dialog on A4, or None if cancelled."""
    from ui.qt import pdf_modules

    _, _, QtPrintSupport = pdf_modules()
    from ui.qt import QtGui

    printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    dialog = QtPrintSupport.QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印年度报告")
    if dialog.exec() != QtPrintSupport.QPrintDialog.DialogCode.Accepted:
        return None
    return printer
