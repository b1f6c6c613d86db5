"""插入由表格生成的句子, and the offer to update such a sentence once the tables change.

The sentences are written and recognised by app.generated (by their wording; the text
carries no marker), so a sentence inserted last week is still found after reopening the
draft. Which sentences fit a 总体情况 sub-section follows the format's own areas:
主动公开 → section 二's table, 依申请公开 → sections 三 and 四.
"""

from __future__ import annotations

from app.formats import Format
from app.generated import (
    generated_sentence,
    kinds_for_subsection,
    source_section,
    stale_generated,
)
from ui.document import ReportDocument
from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QtGui,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import hint_label

OFFER_STYLE = "QFrame#generated-offer { background: #fff4ce; border: 1px solid #e0b000; border-radius: 3px; }"


def kind_name(fmt: Format, kind: str) -> str:
    section = fmt.section(source_section(fmt, kind))
    return f"依据第{section.number}部分表格：{section.heading.split('、', 1)[-1]}"


def _qt_position(text: str, index: int) -> int:
    """QTextDocument counts UTF-16 code units; Python counts code points (they differ for rare characters)."""
    return len(text[:index].encode("utf-16-le")) // 2


class GeneratedSentenceTool(QWidget):
    """Above a text editor: the insert button, and a bar offering to update stale sentences."""

    def __init__(self, document: ReportDocument, edit, kinds: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.edit = edit
        self.kinds = kinds
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)

        row = QHBoxLayout()
        row.addWidget(hint_label("可按表格中的数字生成一句概述，数字改动后可一键更新。"), 1)
        self.insert_button = QPushButton("插入由表格生成的句子")
        self.insert_button.setAutoDefault(False)
        self.insert_actions = {}
        fmt = document.report.format
        if len(kinds) == 1:
            self.insert_button.setToolTip(kind_name(fmt, kinds[0]))
            self.insert_button.clicked.connect(self._insert_first)
        else:
            menu = QMenu(self.insert_button)
            for kind in kinds:
                action = menu.addAction(kind_name(fmt, kind))
                action.triggered.connect(lambda _checked=False, k=kind: self.insert(k))
                self.insert_actions[kind] = action
            self.insert_button.setMenu(menu)
        row.addWidget(self.insert_button)
        lay.addLayout(row)

        self.offer = QFrame()
        self.offer.setObjectName("generated-offer")
        self.offer.setStyleSheet(OFFER_STYLE)
        bar = QHBoxLayout(self.offer)
        bar.setContentsMargins(8, 2, 4, 2)
        self.offer_label = QLabel("表格数字已变化，生成的句子需要更新")
        bar.addWidget(self.offer_label, 1)
        self.update_button = QPushButton("更新")
        self.update_button.setAutoDefault(False)
        self.update_button.clicked.connect(self.update_sentences)
        bar.addWidget(self.update_button)
        self.offer.setVisible(False)
        lay.addWidget(self.offer)

        document.cells_changed.connect(self._document_changed)
        document.text_changed.connect(self._document_changed)
        edit.textChanged.connect(self.check_stale)
        self.check_stale()

    def _insert_first(self):
        self.insert(self.kinds[0])

    def insert(self, kind: str) -> None:
        """The sentence at the cursor, as one step of the report's history."""
        self.document.end_typing()
        self.edit.textCursor().insertText(generated_sentence(self.document.report, kind))
        self.document.end_typing()
        self.edit.setFocus()

    def _document_changed(self, *_):
        self.check_stale()

    def stale(self) -> list[tuple[str, int, int, str]]:
        return stale_generated(self.edit.toPlainText(), self.document.report)

    def check_stale(self) -> None:
        stale = self.stale()
        if stale:
            n = len(stale)
            self.offer_label.setText("表格数字已变化，生成的句子需要更新" + (f"（{n}句）" if n > 1 else ""))
            self.offer.setToolTip("更新后：\n" + "\n".join(fresh for *_, fresh in stale))
        self.offer.setVisible(bool(stale))

    def update_sentences(self) -> None:
        """Rewrite every stale generated sentence in place (one step of the report's history)."""
        text = self.edit.toPlainText()
        stale = self.stale()
        if not stale:
            return
        self.document.end_typing()
        cursor = QtGui.QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        for _, start, end, fresh in reversed(stale):
            cursor.setPosition(_qt_position(text, start))
            cursor.setPosition(_qt_position(text, end), QtGui.QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(fresh)
        cursor.endEditBlock()
        self.document.end_typing()
        self.check_stale()


def attach_generated_tool(editor, document: ReportDocument) -> GeneratedSentenceTool | None:
    """Put the tool above a 总体情况 sub-section's text when the sub-section is one the tables describe."""
    kinds = kinds_for_subsection(document.report.format, editor.title.text())
    if not kinds:
        return None
    tool = GeneratedSentenceTool(document, editor.body, kinds, editor)
    lay = editor.layout()
    lay.insertWidget(lay.indexOf(editor.body), tool)
    editor.generated_tool = tool
    return tool
