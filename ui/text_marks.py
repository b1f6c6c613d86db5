"""Clicking a finding about the text highlights the sentences behind it (app.textchecks.text_marks).

For the copied-text warning that is every sentence repeated from last year's draft; for a
sum or a count that disagrees with the tables it is the sentence concerned. The marks are
Qt extra selections: they colour the text without changing it and follow later edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.checks import Finding
from app.textchecks import text_marks
from ui.qt import QColor, QTextEdit, QtGui

MARK_COLOUR = "#ffe08a"


def _qt_position(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class TextMarker:
    """Colours the marked spans of the text findings. It is given the parts it needs: the
    document (report, last year's draft, findings), the findings panel whose clicks it follows,
    and the window's lookups of the text widget of a field ("intro", "s1.<i>", "s5", "s6";
    None when that step has none) and of bringing a widget into view."""

    def __init__(self, document, findings_panel, editor_for: Callable[[str], Any], reveal: Callable[[Any], None]):
        self.document = document
        self.editor_for = editor_for
        self.reveal = reveal
        self.marked: list = []  # editors currently coloured
        self.rule = ""
        findings_panel.finding_activated.connect(self.show)
        document.findings_changed.connect(self._findings_changed)

    def clear(self) -> None:
        for editor in self.marked:
            try:
                editor.setExtraSelections([])
            except RuntimeError:  # the page was rebuilt and the editor deleted
                pass
        self.marked = []
        self.rule = ""

    def show(self, finding: Finding) -> int:
        """Colour the spans behind a text finding; returns how many were marked."""
        self.clear()
        if not finding.rule.startswith("text."):
            return 0
        doc = self.document
        marks = [m for m in text_marks(doc.report, doc.previous) if m.rule == finding.rule]
        if finding.rule != "text.repeated":  # one statement: only the field the finding names
            marks = [m for m in marks if m.field == finding.field]
        by_editor: dict = {}
        for mark in marks:
            editor = self.editor_for(mark.field)
            if editor is not None:
                by_editor.setdefault(editor, []).append(mark)
        fmt = QtGui.QTextCharFormat()
        fmt.setBackground(QColor(MARK_COLOUR))
        for editor, editor_marks in by_editor.items():
            text = editor.toPlainText()
            selections = []
            for mark in editor_marks:
                selection = QTextEdit.ExtraSelection()
                cursor = QtGui.QTextCursor(editor.document())
                cursor.setPosition(_qt_position(text, mark.start))
                cursor.setPosition(_qt_position(text, mark.end), QtGui.QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
            editor.setExtraSelections(selections)
            self.marked.append(editor)
        self.rule = finding.rule if by_editor else ""
        first = self.editor_for(finding.field) if finding.field else None
        if first in by_editor:
            cursor = first.textCursor()
            cursor.setPosition(_qt_position(first.toPlainText(), by_editor[first][0].start))
            first.setTextCursor(cursor)
            self.reveal(first)
        return sum(len(m) for m in by_editor.values())

    def _findings_changed(self) -> None:
        if self.rule and not any(f.rule == self.rule for f in self.document.findings):
            self.clear()  # the clerk has fixed it: no stale colouring
