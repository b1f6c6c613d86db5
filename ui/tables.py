"""The number tables of one section (二, 三, 四) as the wizard page embeds them.

SectionTables = a row of actions (全部填0), the grid (ui.table_view) and a message line
that shows why a value was refused or what a paste did. Everything it shows is read
from the ReportDocument; every edit goes through the document's undo stack.
"""

from __future__ import annotations

from app.formats import Section
from ui.document import ReportDocument
from ui.qt import QColor, QHBoxLayout, QLabel, QMessageBox, QPalette, QPushButton, QVBoxLayout, QWidget, Signal
from ui.table_model import SectionTableModel
from ui.table_view import SectionTableView

HINT = "直接输入数字，Enter确认并下移，Tab右移；Delete清零；可从Excel/WPS复制后Ctrl+V粘贴；灰色斜体为自动计算的合计。"


class SectionTables(QWidget):
    """All number tables of one section (二: its sub-tables, 三, 四), for a ReportDocument."""

    message = Signal(str)  # the same text as the message line, for a status bar

    def __init__(self, document: ReportDocument, section: Section, parent=None):
        super().__init__(parent)
        self.document = document
        self.section = section
        self.model = SectionTableModel(document, section, self)
        self.view = SectionTableView(self.model, self)

        self.fill_zeros_button = QPushButton("全部填0")
        self.fill_zeros_button.setToolTip("把本部分所有需要填写的单元格都设为0（可撤销）")
        self.fill_zeros_button.clicked.connect(self._fill_zeros_clicked)
        self.message_label = QLabel(HINT)
        self.message_label.setWordWrap(True)
        self._hint_palette = self.message_label.palette()

        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.message_label, 1)
        actions.addWidget(self.fill_zeros_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addStretch(0)

        self.view.message.connect(self.show_message)
        self.view.findings_shown.connect(self.show_findings)
        self._findings_key: str | None = None  # the line shows this cell's findings, kept current
        document.findings_changed.connect(self._findings_changed)
        self.setFocusProxy(self.view)  # a page that focuses this widget lands in the grid

    # ---- public interface ------------------------------------------------------------
    def focus_cell(self, key: str) -> bool:
        """Select and scroll to the cell, give it focus; False if it is not in this section."""
        index = self.model.index_for_key(key)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    def fill_zeros(self) -> None:
        """全部填0: every input cell of this section becomes 0, as one undo step."""
        keys = self.model.input_keys()
        self.model.set_zero(keys, f"{self.section.heading}全部填0")
        self.show_message(f"已将本部分{len(keys)}个单元格全部填为0（可撤销）")

    # ---- messages --------------------------------------------------------------------
    def show_findings(self, key: str) -> None:
        """What a cell's value upsets, as the findings have it now (nothing left: the hint)."""
        findings = self.document.cell_findings.get(key, ())
        self.show_message("\n".join(f.message for f in findings), bool(findings))
        self._findings_key = key

    def _findings_changed(self) -> None:
        if self._findings_key is not None:
            self.show_findings(self._findings_key)

    def show_message(self, text: str, problem: bool = False) -> None:
        self._findings_key = None
        palette = QPalette(self._hint_palette)
        if problem:
            palette.setColor(QPalette.ColorRole.WindowText, QColor("#b00000"))
        self.message_label.setPalette(palette)
        self.message_label.setText(text or HINT)
        self.message_label.setToolTip(text if problem else "")
        self.message.emit(text)

    def _fill_zeros_clicked(self, _checked: bool = False) -> None:
        self.confirm_fill_zeros()

    def confirm_fill_zeros(self) -> bool:
        """全部填0 from a button or menu: asks first when non-zero numbers would be lost."""
        report = self.document.report
        filled = [k for k in self.model.input_keys() if report.value(k) != 0]
        if filled:
            answer = QMessageBox.question(
                self,
                "全部填0",
                f"本部分已有{len(filled)}个单元格填了非0的数字，全部填0会把它们改为0。\n"
                "（之后可以用“撤销”恢复。）确定要全部填0吗？",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.fill_zeros()
        self.view.setFocus()
        return True
