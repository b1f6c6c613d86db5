"""New, open and save: drafts are never lost or overwritten by mistake.

`DraftFiles` is one part of the main window. It is given what it works with — the
window (as the parent of its questions and for the status bar), the document (the
editing session), the settings, the autosave session and the dialogs — and replaces the
report only through the document; the window rebuilds its pages when the document says
the report was replaced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.atomic import ReadOnlyTarget, SaveError, backup_path, remove_stale_temp_files
from app.draft import EXTENSION, DraftError, load_draft
from app.report import new_report
from ui.busy import busy
from ui.start import NewReportRequest
from ui.widgets import quiet_slot


class DraftFiles:
    def __init__(self, window, document, settings, autosave, dialogs):
        self.window = window
        self.document = document
        self.settings = settings
        self.autosave = autosave  # ui.autosave.Autosave: the copy of unsaved work
        self.dialogs = dialogs
        self.last_saved: dt.datetime | None = None

    def _status(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    # ---- replacing the open report ----------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or changes dropped)."""
        if not self.window.has_report or not self.document.modified:
            return True
        name = self.document.path.name if self.document.path else "新报告"
        answer = self.dialogs.choose(
            self.window, "保存修改？", f"“{name}”有未保存的修改。是否保存？", ["保存", "不保存", "取消"]
        )
        if answer == 0:
            return self.save()
        if answer == 1:
            self.autosave.discard()
            return True
        return False

    def replace(self, replace_in_document, path: Path | None = None, ask: bool = True) -> bool:
        """Run a document operation that puts another report in the session, after asking
        about unsaved changes; the autosave copy starts anew for it."""
        if ask and not self.maybe_save():
            return False
        self.autosave.stop()
        self.autosave.discard()
        replace_in_document()
        self.autosave.set_original(path)
        self.last_saved = None
        return True

    def create_report(self, request: NewReportRequest) -> bool:
        report = new_report(request.organ, request.year, request.template, request.contact, request.report_date)
        if not self.replace(lambda: self.document.replace_report(report, None, saved=False)):
            return False
        self.settings.set_organ_defaults(request.organ, request.contact)
        return True

    def open_dialog(self) -> bool:
        path = self.dialogs.open_path(self.window, "打开草稿", self.settings.start_folder("drafts"))
        return self.open_draft(path) if path else False

    def open_draft(self, path: Path, at_launch: bool = False) -> bool:
        """at_launch: the draft the program was started with, opened before the window was
        ever drawn — not drawn first (the start page would only flash), and the start page
        shown behind the message if the draft cannot be opened."""
        path = Path(path)
        try:
            with busy(paint_first=not at_launch):
                report = load_draft(path)
        except DraftError as exc:
            if at_launch:
                self.window.show_start()
            return self._open_failed(path, exc)
        if not self.replace(lambda: self.document.replace_report(report, path, saved=True), path):
            return False  # asked about unsaved changes only now
        remove_stale_temp_files(path.parent, path.name)  # left there by a save that was killed
        self.settings.add_recent(path)
        self.settings.set_folder("drafts", path.parent)
        self._status(f"已打开：{path}", 5000)
        return True

    def _open_failed(self, path: Path, exc: DraftError) -> bool:
        backup = backup_path(path)
        try:
            previous = load_draft(backup) if backup.is_file() else None
        except DraftError:
            previous = None
        if previous is None:
            self.dialogs.warn(self.window, "无法打开草稿", f"{exc}\n\n文件没有被改动。")
            return False
        answer = self.dialogs.choose(
            self.window,
            "无法打开草稿",
            f"{exc}\n\n同一文件夹里有上一次保存的备份“{backup.name}”。要打开备份吗？（原文件不会被改动；保存时请另选文件名。）",
            ["打开备份", "取消"],
            icon=self.dialogs.QMessageBox.Icon.Warning,
        )
        if answer != 0:
            return False
        if not self.replace(lambda: self.document.replace_report(previous, None, saved=False)):
            return False
        self._status(f"已打开备份：{backup}", 8000)
        return True

    # ---- saving ----------------------------------------------------------------------
    def suggested_path(self, suffix: str, kind: str = "drafts") -> str:
        """Where a save or export dialog starts: the last folder, and the draft's name."""
        doc = self.document
        folder = self.settings.start_folder(kind, doc.path.parent if doc.path else None)
        stem = doc.path.stem if doc.path else doc.report.title
        return str(Path(folder) / f"{stem}{suffix}")

    def save(self) -> bool:
        if not self.window.has_report:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if not self.window.has_report:
            return False
        while True:
            path = self.dialogs.save_path(
                self.window, "保存草稿", self.suggested_path(EXTENSION), self.dialogs.DRAFT_FILTER
            )
            if path is None:
                return False
            if path.suffix.lower() != EXTENSION:
                path = path.with_name(path.name + EXTENSION)
            if self._save_to(path, retry_elsewhere=False):
                return True

    def _save_to(self, path: Path, retry_elsewhere: bool = True) -> bool:
        try:
            with busy():
                self.document.save(path)
        except ReadOnlyTarget as exc:
            if not self.dialogs.ask_replace_read_only(self.window, exc):
                return False
            return self._save_read_only(path, retry_elsewhere)
        except SaveError as exc:
            text = f"{exc}\n\n所有内容仍在程序中，没有丢失。"
            if retry_elsewhere:
                answer = self.dialogs.choose(
                    self.window, "保存失败", text, ["另存为…", "取消"], icon=self.dialogs.QMessageBox.Icon.Warning
                )
                return answer == 0 and self.save_as()
            self.dialogs.warn(self.window, "保存失败", text + "请另选文件名。")
            return False
        return self._saved(path)

    def _save_read_only(self, path: Path, retry_elsewhere: bool) -> bool:
        try:
            with busy():
                self.document.save(path, replace_read_only=True)
        except SaveError as exc:
            self.dialogs.warn(self.window, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。请另选文件名。")
            return self.save_as() if retry_elsewhere else False
        return self._saved(path)

    def _saved(self, path: Path) -> bool:
        self.autosave.set_original(path)
        self.autosave.stop()
        self.autosave.discard()
        self.last_saved = dt.datetime.now()
        self.settings.add_recent(path)
        self.settings.set_folder("drafts", path.parent)
        meta = self.document.report.meta
        self.settings.set_organ_defaults(meta.organ, meta.contact)
        self.window.update_title()
        self._status(f"已保存：{path}", 5000)
        return True

    # ---- the format ------------------------------------------------------------------
    def change_format(self, template: str) -> bool:
        """改用另一种格式 from 基本信息, after saying what would be lost; one undo step."""
        from app.formats import get_format

        lost = self.document.session.format_change_loses(template)
        text = f"改用{get_format(template).name}？"
        if lost:
            text += f"\n\n有{len(lost)}个已填的数字在新格式中没有对应的单元格，改用后将不再保留（可以撤销）。"
        if self.dialogs.choose(self.window, "更改报告格式", text, ["更改", "取消"], default=1) != 0:
            return False
        self.document.change_format(template)
        return True

    def fill_recent_menu(self, menu) -> None:
        menu.clear()
        paths = self.settings.existing_recent_files()
        for path in paths:
            menu.addAction(str(path), quiet_slot(lambda p=path: self.open_draft(p)))
        if not paths:
            menu.addAction("（还没有）").setEnabled(False)
