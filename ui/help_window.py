"""帮助 › 使用说明 (F1): the offline help (app.help) in a window beside the report."""

from __future__ import annotations

from app.help import help_html
from ui.qt import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class HelpWindow(QDialog):
    """Not modal: the clerk reads it while writing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("年报助手 使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        if parent is not None:
            self.resize(min(900, parent.width() - 60), max(400, parent.height() - 80))
