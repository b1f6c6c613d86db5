"""The editing session: the one owner of the open report, and of every change made to it.

A window (or a test, or a script) never changes a Report itself. It asks the session —
`set_cells`, `set_text`, `update_meta`, `change_format`, `attach_previous`, `replace`,
`save`, `undo`, `redo` — and gets back a `Changes` record saying what changed: which
cells, which text fields, whether the whole report, the path or last year's draft changed,
the findings as they now are, and whether the report now differs from its file. The
pattern is Anki's OpChanges/CollectionOp: the core does the work and reports what it
touched; the UI only redraws what the record names.

Every edit of the report's content is an `Edit` holding both states of what it touched,
so it can be undone and redone here without Qt; the UI's undo stack only mirrors this
history. Text typed in one go into one field is one step (consecutive typing merges).
The session also knows the revision that was last saved: undoing back to it makes the
report clean again.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.carry import report_from_previous
from app.checks import CheckSettings, Finding, check_report, findings_by_cell
from app.draft import load_draft, save_draft
from app.formats import get_format
from app.report import Meta, Report, Subsection, date_after_year_change, default_intro
from app.sanitize import clean_strings, clean_text
from app.values import Value

META = "meta"
INTRO = "intro"
SUBSECTIONS = "s1"
TEXT_FIELDS = (INTRO, SUBSECTIONS, "s5", "s6")  # the narrative fields of a Report


@dataclass(frozen=True)
class Changes:
    """What one operation changed; the UI refreshes exactly this."""

    cells: tuple[str, ...] = ()  # cell keys whose shown value may have changed (totals included)
    texts: tuple[str, ...] = ()  # "meta", "intro", "s1", "s5", "s6"
    report: bool = False  # a different report (new, open, import, another format): rebuild every view
    path: bool = False
    previous: bool = False  # last year's draft attached, replaced or removed
    findings: tuple[Finding, ...] = ()  # the findings now (every flag on screen derives from these)
    dirty: bool = False  # the report now differs from its file (or has none)
    step: str = ""  # where the change is: "meta" or a section key; undo and redo go there
    label: str = ""  # the undo step's name, e.g. 修改 第三部分 …
    merged: bool = False  # folded into the previous undo step (text typed in one go)
    undoable: bool = False  # a new step was added to the undo history
    new_history: bool = False  # another report: the undo history starts anew

    @property
    def nothing(self) -> bool:
        return not (self.cells or self.texts or self.report or self.path or self.previous)


@dataclass
class Edit:
    """One undo step: both states of every part it touched."""

    label: str
    step: str
    cells: dict[str, tuple[Value, Value]] = field(default_factory=dict)  # key -> (before, after)
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # "meta"/"intro"/"s1"/"s5"/"s6"
    reports: tuple[Report, Report] | None = None  # a change of format swaps the whole report
    typing: str = ""  # the field typed into; the next keystroke in it merges into this step


def _typing_key(name: str, typing: str | bool) -> str:
    return name if typing is True else typing or ""


def converted(report: Report, template: str) -> tuple[Report, list[str]]:
    """The report in another format, and the filled cells the new format has no place for.

    The narrative and basic info carry over; cells with the same key keep their values.
    A preamble still as generated cites the old format's notice, so it is generated anew.
    """
    new = get_format(template)
    lost = [k for k, v in report.cells.items() if v and k not in new.input_keys]
    intro = report.intro
    if intro == default_intro(report.format, report.meta):
        intro = default_intro(new, report.meta)
    result = Report(
        template=template,
        meta=copy.deepcopy(report.meta),
        intro=intro,
        s1=copy.deepcopy(report.s1),
        s5=report.s5,
        s6=report.s6,
        cells={k: v for k, v in report.cells.items() if k in new.input_keys},
    )
    return result, lost


def intro_after_meta(report: Report, meta: Meta) -> str:
    """The preamble follows the basic info while the clerk has not changed it."""
    if report.intro == default_intro(report.format, report.meta):
        return default_intro(report.format, meta)
    return report.intro


@dataclass(frozen=True)
class _Tried:
    """A report checked by findings_if, with what it was checked against. Each edit replaces
    the objects it changes (never changes them in place), so equal means checked as is."""

    report: Report
    previous: Report | None
    settings: CheckSettings
    findings: tuple[Finding, ...]

    def matches(self, session: EditingSession) -> bool:
        return self.previous is session.previous and self.settings is session.settings and self.report == session.report


class EditingSession:
    """The open report, its file, last year's draft, the findings and the undo history."""

    def __init__(
        self, report: Report, path: Path | None = None, *, saved: bool = True, settings: CheckSettings | None = None
    ):
        self.settings = settings or CheckSettings()
        self.previous: Report | None = None
        self.previous_path: Path | None = None
        self._tried: _Tried | None = None  # the last findings_if, for the re-check after it
        self._reset(report, path, saved)

    # ---- state ---------------------------------------------------------------------
    def _reset(self, report: Report, path: Path | None, saved: bool) -> None:
        self.report = report
        self.path = Path(path) if path else None
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        # the history position whose content is the file's; None when no position is
        self._saved_at: int | None = 0 if saved and path else None
        self._recheck()

    @property
    def dirty(self) -> bool:
        return self._saved_at != len(self._undo)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def history(self) -> tuple[str, ...]:
        """The undo steps' labels, oldest first (for tests and a history view)."""
        return tuple(e.label for e in self._undo)

    def _recheck(self) -> None:
        tried, self._tried = self._tried, None
        if tried is not None and tried.matches(self):
            findings = tried.findings  # the value typed is the one committed: checked already
        else:
            findings = tuple(check_report(self.report, self.previous, self.settings))
        self.findings: tuple[Finding, ...] = findings
        self.cell_findings = findings_by_cell(list(self.findings))

    def findings_if(self, key: str, value: Value) -> dict[str, list[Finding]]:
        """Cell findings as they would be with one cell changed: what a half-typed value
        would flag, shown before it is committed. Nothing in the report changes; the
        findings are kept for the next re-check, which uses them if the edit it follows
        made the report exactly this one (the typed value committed with Enter)."""
        trial = copy.copy(self.report)
        trial.cells = dict(self.report.cells)
        trial.set_value(key, value)
        self._tried = _Tried(
            trial, self.previous, self.settings, tuple(check_report(trial, self.previous, self.settings))
        )
        return findings_by_cell(list(self._tried.findings))

    def _record(self, **kwargs) -> Changes:
        self._recheck()
        return Changes(findings=self.findings, dirty=self.dirty, **kwargs)

    # ---- edits (undoable) ----------------------------------------------------------
    def set_cells(self, values: dict[str, Value], label: str = "") -> Changes:
        """Input cells set at once, as one undo step (a paste, 全部填0, one typed value)."""
        changes = {k: (self.report.value(k), v) for k, v in values.items() if self.report.value(k) != v}
        if not changes:
            return self._record()
        cells = self.report.format.cells
        if not label:
            label = "修改 " + cells[next(iter(changes))].where if len(changes) == 1 else f"修改{len(changes)}个单元格"
        step = cells[next(iter(changes))].table.section
        return self._push(Edit(label, step, cells=changes))

    def set_cell(self, key: str, value: Value) -> Changes:
        return self.set_cells({key: value})

    def set_text(
        self, name: str, value: str | list[Subsection], typing: str | bool = False, label: str = ""
    ) -> Changes:
        """A narrative field: "intro", "s5", "s6" (text) or "s1" (the 总体情况 sub-sections).

        typing=True (or the name of the box typed in, e.g. "s1.2") for keystrokes: consecutive
        typing into the same box is one undo step."""
        if name not in TEXT_FIELDS:
            raise KeyError(name)
        if isinstance(value, str):
            value = clean_text(value)  # typed or pasted text without lone surrogates, so it can be saved
        else:
            value = copy.deepcopy(value)
            clean_strings(value)
        before = getattr(self.report, name)
        if value == before:
            return self._record()
        after = value
        step = META if name == INTRO else name
        edit = Edit(
            label or f"修改{self._field_name(name)}",
            step,
            fields={name: (copy.deepcopy(before), after)},
            typing=_typing_key(name, typing),
        )
        return self._push(edit)

    def update_meta(self, meta: Meta, typing: str | bool = False) -> Changes:
        """New basic info (organ, year, date, title, contact); the preamble follows it while untouched."""
        meta = copy.deepcopy(meta)
        clean_strings(meta)
        old = self.report.meta
        if meta.report_date == old.report_date:  # the date was not changed with the year
            meta.report_date = date_after_year_change(old.report_date, old.year, meta.year)
        if meta == self.report.meta:
            return self._record()
        fields: dict[str, tuple[Any, Any]] = {META: (copy.deepcopy(self.report.meta), copy.deepcopy(meta))}
        intro = intro_after_meta(self.report, meta)
        if intro != self.report.intro:
            fields[INTRO] = (self.report.intro, intro)
        return self._push(Edit("修改基本信息", META, fields=fields, typing=_typing_key(META, typing)))

    def regenerate_intro(self) -> Changes:
        """按基本信息重新生成: the preamble generated from the basic info, as one step."""
        return self.set_text(INTRO, default_intro(self.report.format, self.report.meta), label="重新生成开头说明")

    def format_change_loses(self, template: str) -> list[str]:
        """The filled cells a change to this format would drop (to warn before)."""
        return converted(self.report, template)[1]

    def change_format(self, template: str) -> Changes:
        if template == self.report.template:
            return self._record()
        new, _ = converted(self.report, template)
        label = f"改用{get_format(template).name}"
        return self._push(Edit(label, META, reports=(self.report, new)))

    def end_typing(self) -> None:
        """The next keystroke starts a new undo step (focus left the field, or a pause)."""
        if self._undo:
            self._undo[-1].typing = ""

    def _push(self, edit: Edit) -> Changes:
        top = self._undo[-1] if self._undo else None
        merge = (
            top is not None
            and edit.typing
            and top.typing == edit.typing
            and self._saved_at != len(self._undo)  # never fold a keystroke into the saved state
        )
        if self._saved_at is not None and self._saved_at > len(self._undo):
            self._saved_at = None  # the saved revision was undone and is now replaced for good
        self._redo.clear()
        self._apply(edit, forward=True)
        if merge:
            assert top is not None
            for name, (_, after) in edit.fields.items():
                before = top.fields[name][0] if name in top.fields else edit.fields[name][0]
                top.fields[name] = (before, after)
        else:
            self._undo.append(edit)
        return self._changes_of(
            edit, label=(top.label if merge and top else edit.label), merged=bool(merge), undoable=not merge
        )

    def undo(self) -> Changes:
        if not self._undo:
            return self._record()
        edit = self._undo.pop()
        self._apply(edit, forward=False)
        self._redo.append(edit)
        self.end_typing()
        edit.typing = ""
        return self._changes_of(edit, label=edit.label)

    def redo(self) -> Changes:
        if not self._redo:
            return self._record()
        edit = self._redo.pop()
        self._apply(edit, forward=True)
        self._undo.append(edit)
        self.end_typing()
        return self._changes_of(edit, label=edit.label)

    def _apply(self, edit: Edit, forward: bool) -> None:
        pick = 1 if forward else 0
        if edit.reports is not None:
            self.report = edit.reports[pick]
        for key, values in edit.cells.items():
            self.report.set_value(key, values[pick])
        for name, states in edit.fields.items():
            value = copy.deepcopy(states[pick])
            if name == META:
                self.report.meta = value
            else:
                setattr(self.report, name, value)

    def _changes_of(self, edit: Edit, **kwargs) -> Changes:
        fmt = self.report.format
        cells: list[str] = []
        for key in edit.cells:
            cells.extend((key, *fmt.dependents[key]))
        texts = tuple(edit.fields)
        if edit.reports is not None:
            cells, texts = list(fmt.cells), (META, *TEXT_FIELDS)
        return self._record(
            cells=tuple(dict.fromkeys(cells)), texts=texts, report=edit.reports is not None, step=edit.step, **kwargs
        )

    def _field_name(self, name: str) -> str:
        if name == INTRO:
            return "开头说明"
        return self.report.format.section(name).heading.split("、", 1)[-1]

    # ---- the report as a whole (not undoable: the history starts anew) --------------
    def replace(
        self,
        report: Report,
        path: Path | None = None,
        *,
        saved: bool = False,
        previous: Report | None = None,
        previous_path: Path | None = None,
    ) -> Changes:
        """Another report in the session: new, opened, imported, recovered. Last year's
        draft belongs to the report it was chosen for, so it is replaced too."""
        self.previous, self.previous_path = previous, previous_path if previous is not None else None
        self._reset(report, path, saved)
        fmt = report.format
        return self._record(
            cells=tuple(fmt.cells),
            texts=(META, *TEXT_FIELDS),
            report=True,
            path=True,
            previous=True,
            step=META,
            new_history=True,
        )

    def open(self, path: Path) -> Changes:
        """A draft from its file (DraftError names what is wrong; nothing changes then)."""
        report = load_draft(Path(path))
        return self.replace(report, Path(path), saved=True)

    def new_from_previous(
        self,
        previous: Report,
        previous_path: Path | None = None,
        year: int | None = None,
        template: str | None = None,
        report_date: dt.date | None = None,
    ) -> Changes:
        """This year's report started from last year's, which stays attached for the checks."""
        report = report_from_previous(previous, year=year, template=template)
        if report_date is not None:
            report.meta = replace(report.meta, report_date=report_date)
        return self.replace(report, None, previous=previous, previous_path=previous_path)

    def import_report(self, imported: Report, as_previous: bool = False) -> Changes:
        """An imported published report: as a new draft, or as last year's to start next year's from."""
        if as_previous:
            return self.new_from_previous(imported)
        return self.replace(imported, None)

    # ---- last year's draft (for the checks; kept beside the report, not in it) -------
    def attach_previous(self, previous: Report | None, path: Path | None = None) -> Changes:
        self.previous = previous
        self.previous_path = Path(path) if previous is not None and path else None
        return self._record(previous=True)

    def load_previous(self, path: Path) -> Changes:
        """Last year's draft from its file (DraftError: nothing changes)."""
        return self.attach_previous(load_draft(Path(path)), Path(path))

    # ---- files -----------------------------------------------------------------------
    def save(self, path: Path | None = None, replace_read_only: bool = False) -> Changes:
        """Write the draft (SaveError, ReadOnlyTarget unless replace_read_only: nothing changes);
        this revision is now the saved one."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("save() needs a path for a report never saved")
        save_draft(self.report, target, replace_read_only=replace_read_only)
        moved = target != self.path
        self.path = target
        self._saved_at = len(self._undo)
        self.end_typing()
        return self._record(path=moved)
