"""New, open and save for the main window: drafts are never lost or overwritten by mistake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.atomic import ReadOnlyTarget, SaveError, backup_path, remove_stale_temp_files
from app.carry import report_from_previous
from app.draft import EXTENSION, DraftError, load_draft, save_draft
from app.formats import get_format
from app.report import Report, default_intro, new_report
from ui import dialogs
from ui.dialogs import ask_replace_read_only
from ui.start import NewReportRequest
from ui.widgets import quiet_slot


class DraftFilesMixin:
    """Part of MainWindow: replacing the open report, opening and saving drafts."""

    # ---- new, open, save -----------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or changes dropped)."""
        if not self.has_report or not self.document.modified:
            return True
        name = self.document.path.name if self.document.path else "新报告"
        answer = dialogs.choose(self, "保存修改？", f"“{name}”有未保存的修改。是否保存？", ["保存", "不保存", "取消"])
        if answer == 0:
            return self.save()
        if answer == 1:
            self.session.discard()
            return True
        return False

    def _replace_report(self, report: Report, path: Path | None, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        self.autosave_timer.stop()
        self.session.discard()
        self.document.replace_report(report, path)
        self.document.previous = None
        self.previous_path = None
        self.session.set_original(path)
        self.last_saved = self.last_autosave = None
        self.has_report = True
        self._rebuild_pages()
        self.show_editor()
        self.findings_panel.refresh()
        return True

    def create_report(self, request: NewReportRequest) -> bool:
        report = new_report(request.organ, request.year, request.template, request.contact, request.report_date)
        if not self._replace_report(report, None):
            return False
        self.settings.set_organ_defaults(request.organ, request.contact)
        self.document.mark_modified()
        return True

    def create_from_previous(self, request: NewReportRequest) -> bool:
        chosen = self._ask_previous_draft("选择上一年度的草稿")
        if chosen is None:
            return False
        previous, path = chosen
        report = report_from_previous(previous, year=request.year, template=request.template)
        if request.report_date:
            report.meta.report_date = request.report_date
        if not self._replace_report(report, None):
            return False
        self._use_previous(previous, path)
        self.document.mark_modified()
        return True

    # ---- last year's draft, for the carry-over checks --------------------------------
    def _use_previous(self, previous: Report | None, path: Path | None) -> None:
        self.document.previous = previous
        self.previous_path = path if previous is not None else None
        self.document.recheck()
        if self.document.path is not None:
            self.settings.set_previous_for(self.document.path, self.previous_path)
        if self._pages and self._pages[0] is not None:
            self._pages[0].show_previous(self.previous_path)

    def choose_previous(self) -> bool:
        chosen = self._ask_previous_draft("选择上一年度的草稿（用于核对结转数）")
        if chosen is None:
            return False
        self._use_previous(*chosen)
        return True

    def _ask_previous_draft(self, title: str) -> tuple[Report, Path] | None:
        path = dialogs.open_path(self, title, self.settings.folder("drafts"))
        if path is None:
            return None
        try:
            return load_draft(path), path
        except DraftError as exc:
            dialogs.warn(self, "无法打开上年草稿", str(exc))
            return None

    def clear_previous(self) -> None:
        self._use_previous(None, None)

    def open_dialog(self) -> bool:
        path = dialogs.open_path(self, "打开草稿", self.settings.folder("drafts"))
        return self.open_draft(path) if path else False

    def open_draft(self, path: Path) -> bool:
        path = Path(path)
        try:
            report = load_draft(path)
        except DraftError as exc:
            return self._open_failed(path, exc)
        if not self._replace_report(report, path):  # asks about unsaved changes only now
            return False
        previous_path = self.settings.previous_for(path)
        if previous_path is not None:
            try:
                self._use_previous(load_draft(previous_path), previous_path)
            except DraftError:
                self.statusBar().showMessage(f"上年草稿“{previous_path.name}”无法读取，未核对结转数。", 8000)
        self.last_saved = None
        remove_stale_temp_files(path.parent, path.name)  # left there by a save that was killed
        self.settings.add_recent(path)
        self.settings.set_folder("drafts", path.parent)
        self._update_title()
        self.statusBar().showMessage(f"已打开：{path}", 5000)
        return True

    def _open_failed(self, path: Path, exc: DraftError) -> bool:
        backup = backup_path(path)
        try:
            previous = load_draft(backup) if backup.is_file() else None
        except DraftError:
            previous = None
        if previous is None:
            dialogs.warn(self, "无法打开草稿", f"{exc}\n\n文件没有被改动。")
            return False
        answer = dialogs.choose(
            self, "无法打开草稿",
            f"{exc}\n\n同一文件夹里有上一次保存的备份“{backup.name}”。要打开备份吗？（原文件不会被改动；保存时请另选文件名。）",
            ["打开备份", "取消"], icon=dialogs.QMessageBox.Icon.Warning,
        )
        if answer != 0:
            return False
        if not self._replace_report(previous, None):
            return False
        self.document.mark_modified()
        self.statusBar().showMessage(f"已打开备份：{backup}", 8000)
        return True

    def _suggested(self, suffix: str, kind: str = "drafts") -> str:
        folder = self.settings.folder(kind) or (str(self.document.path.parent) if self.document.path else "")
        if not folder:
            import platformdirs

            folder = platformdirs.user_documents_dir()
        stem = self.document.path.stem if self.document.path else self.document.report.title
        return str(Path(folder) / f"{stem}{suffix}")

    def save(self) -> bool:
        if not self.has_report:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if not self.has_report:
            return False
        while True:
            path = dialogs.save_path(self, "保存草稿", self._suggested(EXTENSION), dialogs.DRAFT_FILTER)
            if path is None:
                return False
            if path.suffix.lower() != EXTENSION:
                path = path.with_name(path.name + EXTENSION)
            if self._save_to(path, retry_elsewhere=False):
                return True

    def _save_to(self, path: Path, retry_elsewhere: bool = True) -> bool:
        try:
            save_draft(self.document.report, path, replace_read_only=False)
        except ReadOnlyTarget as exc:
            if not ask_replace_read_only(self, exc):
                return False
            return self._save_read_only(path, retry_elsewhere)
        except SaveError as exc:
            if retry_elsewhere:
                answer = dialogs.choose(self, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。", ["另存为…", "取消"],
                                        icon=dialogs.QMessageBox.Icon.Warning)
                return answer == 0 and self.save_as()
            dialogs.warn(self, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。请另选文件名。")
            return False
        return self._saved(path)

    def _save_read_only(self, path: Path, retry_elsewhere: bool) -> bool:
        try:
            save_draft(self.document.report, path, replace_read_only=True)
        except SaveError as exc:
            dialogs.warn(self, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。请另选文件名。")
            return self.save_as() if retry_elsewhere else False
        return self._saved(path)

    def _saved(self, path: Path) -> bool:
        self.document.mark_saved(path)
        self.session.set_original(path)
        if self.previous_path is not None:
            self.settings.set_previous_for(path, self.previous_path)
        self.autosave_timer.stop()
        self.session.discard()
        self.last_saved = dt.datetime.now()
        self.last_autosave = None
        self.settings.add_recent(path)
        self.settings.set_folder("drafts", path.parent)
        self.settings.set_organ_defaults(self.document.report.meta.organ, self.document.report.meta.contact)
        self._update_title()
        self.statusBar().showMessage(f"已保存：{path}", 5000)
        return True

    def change_format(self, template: str) -> None:
        report = self.document.report
        new = get_format(template)
        lost = [k for k, v in report.cells.items() if v and k not in new.input_keys]
        text = f"改用{new.name}？"
        if lost:
            text += f"\n\n有{len(lost)}个已填的数字在新格式中没有对应的单元格，改用后将不再保留。"
        if dialogs.choose(self, "更改报告格式", text, ["更改", "取消"], default=1) != 0:
            self.page(0).refresh()
            return
        # a preamble still as generated cites the old format's notice: generate it for the new one
        intro = default_intro(new, report.meta) if report.intro == default_intro(report.format, report.meta) else report.intro
        converted = Report(template=template, meta=report.meta, intro=intro, s1=report.s1, s5=report.s5, s6=report.s6,
                           cells={k: v for k, v in report.cells.items() if k in new.input_keys})
        path, previous, previous_path = self.document.path, self.document.previous, self.previous_path
        self._replace_report(converted, path, ask=False)
        self._use_previous(previous, previous_path)
        self.document.mark_modified()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.existing_recent_files()
        for path in paths:
            self.recent_menu.addAction(str(path), quiet_slot(lambda p=path: self.open_draft(p)))
        if not paths:
            self.recent_menu.addAction("（还没有）").setEnabled(False)
