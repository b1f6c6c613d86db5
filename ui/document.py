"""The Qt side of the editing session (app.session): change records become signals and undo commands.

Widgets never hold the truth and never change the report: they read `document.report`
and send every edit through the document, which hands it to the session. The session
answers with a Changes record; `_publish` turns it into the signals below, and each new
undo step of the session into one QUndoCommand, so that the 编辑 menu, the toolbar and
Ctrl+Z/Ctrl+Y anywhere — inside a text box too — walk the one history of the report.
"""

from __future__ import annotations

from pathlib import Path

from app.checks import CheckSettings, Finding
from app.report import Meta, Report, Subsection
from app.session import EditingSession
from app.values import Value
from ui.qt import QObject, QUndoCommand, QUndoStack, Signal

MERGE_ID = 1  # every step shares one id: the session decides what merges (text typed in one go)


class HistoryStep(QUndoCommand):
    """Mirrors one undo step of the session (no state of its own, no widgets)."""

    def __init__(self, document: ReportDocument, label: str, merged: bool = False):
        super().__init__(label)
        self._document = document
        self._first = True  # the session has already done it when the step is pushed
        self.merged = merged

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        return bool(getattr(other, "merged", False))  # the session folded it into this step

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._document._history_moved(self._document.session.redo())

    def undo(self) -> None:
        self._document._history_moved(self._document.session.undo())


class ReportDocument(QObject):
    changed = Signal(object)  # the Changes record of every operation
    cells_changed = Signal(list)  # keys whose shown value may have changed
    text_changed = Signal(str)  # field name: "intro", "s1", "s5", "s6", "meta"
    findings_changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal()
    report_replaced = Signal()  # a different report or format: views rebuild
    previous_changed = Signal()  # last year's draft attached, replaced or removed
    history_moved = Signal(object)  # the Changes of an undo or redo: the window shows where

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None, saved: bool = True):
        super().__init__(parent)
        self.session = EditingSession(report, path, saved=saved)
        self.undo_stack = QUndoStack(self)
        self._modified = self.session.dirty

    # ---- what the views read ------------------------------------------------------
    @property
    def report(self) -> Report:
        return self.session.report

    @property
    def path(self) -> Path | None:
        return self.session.path

    @property
    def previous(self) -> Report | None:
        return self.session.previous

    @property
    def previous_path(self) -> Path | None:
        return self.session.previous_path

    @property
    def findings(self) -> list[Finding]:
        return list(self.session.findings)

    @property
    def cell_findings(self) -> dict[str, list[Finding]]:
        return self.session.cell_findings

    @property
    def settings(self) -> CheckSettings:
        return self.session.settings

    @property
    def modified(self) -> bool:
        return self.session.dirty

    def findings_if(self, key: str, value: Value) -> dict[str, list[Finding]]:
        return self.session.findings_if(key, value)

    # ---- operations (each hands the session's record to _publish) -------------------
    def set_cell(self, key: str, value: Value) -> None:
        self._publish(self.session.set_cell(key, value))

    def set_cells(self, values: dict[str, Value], text: str = "") -> None:
        self._publish(self.session.set_cells(values, text))

    def set_text(self, field: str, value: str | list[Subsection], typing: str | bool = False) -> None:
        self._publish(self.session.set_text(field, value, typing=typing))

    def update_meta(self, meta: Meta, typing: str | bool = False) -> None:
        self._publish(self.session.update_meta(meta, typing=typing))

    def regenerate_intro(self) -> None:
        self._publish(self.session.regenerate_intro())

    def change_format(self, template: str) -> None:
        self._publish(self.session.change_format(template))

    def end_typing(self) -> None:
        self.session.end_typing()

    def attach_previous(self, previous: Report | None, path: Path | None = None) -> None:
        self._publish(self.session.attach_previous(previous, path))

    def load_previous(self, path: Path) -> None:
        self._publish(self.session.load_previous(path))

    def replace_report(
        self,
        report: Report,
        path: Path | None,
        saved: bool = True,
        previous: Report | None = None,
        previous_path: Path | None = None,
    ) -> None:
        self._publish(self.session.replace(report, path, saved=saved, previous=previous, previous_path=previous_path))

    def new_from_previous(self, previous: Report, previous_path: Path | None, **kwargs) -> None:
        self._publish(self.session.new_from_previous(previous, previous_path, **kwargs))

    def import_report(self, imported: Report, as_previous: bool = False) -> None:
        self._publish(self.session.import_report(imported, as_previous))

    def save(self, path: Path, replace_read_only: bool = False) -> None:
        """SaveError (ReadOnlyTarget for a read-only file): nothing changes."""
        self._publish(self.session.save(path, replace_read_only=replace_read_only))

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # ---- records to signals ---------------------------------------------------------
    def _publish(self, changes) -> None:
        if changes.new_history:
            self.undo_stack.clear()
        if changes.undoable or changes.merged:
            self.undo_stack.push(HistoryStep(self, changes.label, merged=changes.merged))
        self._emit(changes)

    def _history_moved(self, changes) -> None:
        self._emit(changes)
        if changes.step:
            self.history_moved.emit(changes)

    def _emit(self, changes) -> None:
        # Views of the old report (a table of the old format) follow cells_changed first;
        # report_replaced comes last, when every view reads the new report.
        self.changed.emit(changes)
        if changes.path:
            self.path_changed.emit()
        if changes.previous:
            self.previous_changed.emit()
        self.findings_changed.emit()
        if changes.cells:
            self.cells_changed.emit(list(changes.cells))
        for name in changes.texts:
            self.text_changed.emit(name)
        if changes.dirty != self._modified or changes.path:
            self._modified = changes.dirty
            self.modified_changed.emit(changes.dirty)
        if changes.report:
            self.report_replaced.emit()
