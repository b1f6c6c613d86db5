"""Clicking a finding about the text highlights the sentences behind it (app.textchecks.text_marks).

For the copied-text warning that is every sentence repeated from last year's draft; for a
sum or a count that disagrees with the tables it is the sentence concerned. The marks are
Qt extra selections: they colour the text without changing it and follow later edits.
"""

from __future__ import annotations

from app.checks import Finding
from app.textchecks import text_marks
from ui.qt import QColor, QTextEdit, QtGui

MARK_COLOUR = "#ffe08a"


def _qt_position(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class TextMarker:
    """Owned by the window: finds the editor of a text field and colours the marked spans."""

    def __init__(self, window):
        self.window = window
        self.marked: list = []  # editors currently coloured
        self.rule = ""
        window.findings_panel.finding_activated.connect(self.show)
        window.document.findings_changed.connect(self._findings_changed)

    def editor_for(self, field: str):
        """The text widget of "intro", "s1.<i>", "s5" or "s6" (building its page if needed)."""
        w = self.window
        section = "meta" if field == "intro" else field.split(".")[0]
        if section not in w.steps:
            return None
        page = w.page(w.steps.index(section))
        if field == "intro":
            return getattr(page, "intro", None)
        if section == "s1":
            index = int(field.split(".")[1])
            editors = getattr(page, "editors", [])
            return editors[index].body if index < len(editors) else None
        return getattr(page, "edit", None)

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
        doc = self.window.document
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
            page = self.window.current_page()
            page.scroll.ensureWidgetVisible(first)
            first.setFocus()
        return sum(len(m) for m in by_editor.values())

    def _findings_changed(self) -> None:
        if self.rule and not any(f.rule == self.rule for f in self.window.document.findings):
            self.clear()  # the clerk has fixed it: no stale colouring
