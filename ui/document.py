"""The open report as the UI sees it: the core Report plus undo, modified state and findings.

Widgets never hold the truth: they read from `document.report` and send edits through
set_cell / set_cells / set_text, which update the core and emit what changed.
"""

from __future__ import annotations

import copy
from pathlib import Path

from app.checks import CheckSettings, Finding, check_report, findings_by_cell
from app.report import Report
from app.sanitize import clean_strings, clean_text
from app.values import Value
from ui.qt import QObject, QUndoCommand, QUndoStack, Signal


class SetCellsCommand(QUndoCommand):
    """Holds cell keys and values only (no widgets), so the stack can outlive any view."""

    def __init__(self, document: "ReportDocument", changes: dict[str, tuple[Value, Value]], text: str):
        super().__init__(text)
        self._document = document
        self._changes = changes  # key -> (old, new)

    def redo(self):
        self._document._apply({k: new for k, (_, new) in self._changes.items()})

    def undo(self):
        self._document._apply({k: old for k, (old, _) in self._changes.items()})


class ReportDocument(QObject):
    cells_changed = Signal(list)  # keys whose shown value may have changed
    text_changed = Signal(str)  # field name: "intro", "s1", "s5", "s6", "meta"
    findings_changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal()

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report
        self.path = Path(path) if path else None
        self.previous: Report | None = None
        self.settings = CheckSettings()
        self.undo_stack = QUndoStack(self)
        self._revision = 0
        self._saved_revision = 0
        self.findings: list[Finding] = []
        self.cell_findings: dict[str, list[Finding]] = {}
        self.recheck()

    # ---- state -------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._revision != self._saved_revision

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None and path != self.path:
            self.path = Path(path)
            self.path_changed.emit()
        self._saved_revision = self._revision
        self.modified_changed.emit(False)

    def mark_modified(self) -> None:
        """A report that exists only in memory (new, recovered, converted) counts as unsaved."""
        self._touch()

    def _touch(self) -> None:
        was = self.modified
        self._revision += 1
        if not was:
            self.modified_changed.emit(True)

    def recheck(self) -> None:
        self.findings = check_report(self.report, previous=self.previous, settings=self.settings)
        self.cell_findings = findings_by_cell(self.findings)
        self.findings_changed.emit()

    def findings_if(self, key: str, value: Value) -> dict[str, list[Finding]]:
        """Cell findings as they would be with one cell changed: what a half-typed
        value would flag, shown before it is committed (nothing is stored)."""
        trial = copy.copy(self.report)
        trial.cells = dict(self.report.cells)
        trial.set_value(key, value)
        return findings_by_cell(check_report(trial, previous=self.previous, settings=self.settings))

    # ---- edits -------------------------------------------------------------------
    def set_cell(self, key: str, value: Value) -> None:
        self.set_cells({key: value})

    def set_cells(self, values: dict[str, Value], text: str = "") -> None:
        changes = {k: (self.report.value(k), v) for k, v in values.items() if self.report.value(k) != v}
        if not changes:
            return
        label = text or ("修改 " + self.report.format.cells[next(iter(changes))].where if len(changes) == 1 else f"修改{len(changes)}个单元格")
        self.undo_stack.push(SetCellsCommand(self, changes, label))

    def _apply(self, values: dict[str, Value]) -> None:
        touched: list[str] = []
        for key, value in values.items():
            touched.extend(self.report.set_value(key, value))
        self._touch()
        self.recheck()
        self.cells_changed.emit(list(dict.fromkeys(touched)))

    def set_text(self, field: str, value) -> None:
        """Narrative and meta edits; the text widgets keep their own undo history."""
        value = clean_text(value) if isinstance(value, str) else value
        if field in ("intro", "s5", "s6"):
            if getattr(self.report, field) == value:
                return
            setattr(self.report, field, value)
        elif field == "s1":
            clean_strings(value)
            self.report.s1 = value
        else:
            raise KeyError(field)
        self._touch()
        self.recheck()
        self.text_changed.emit(field)

    def meta_edited(self) -> None:
        """Call after changing report.meta in place (organ, year, dates, contact)."""
        clean_strings(self.report.meta)
        self._touch()
        self.recheck()
        self.text_changed.emit("meta")

    def replace_report(self, report: Report, path: Path | None) -> None:
        self.undo_stack.clear()
        self.report = report
        self.path = Path(path) if path else None
        self.previous = None  # last year's draft belongs to the report it was chosen for
        self._revision = self._saved_revision = 0
        self.recheck()
        self.path_changed.emit()
        self.cells_changed.emit(list(report.format.cells))
        self.text_changed.emit("meta")
