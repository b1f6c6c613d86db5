"""Last year's draft: start this year's report from it, or attach it to the open report for the checks.

The draft itself lives in one place, the editing session (`document.previous`,
`document.previous_path`); with it set, the core checks compare the two years live
(carried-in against last year's carried-out, 现行有效件数, text copied from last year).
This part of the window is every route to it — 文件 › 设置上年草稿, the 选择…/不核对
buttons on 基本信息, 新建（以上年草稿为基础）— and the one place that remembers the
choice for a draft file in the settings, so it is attached again when the draft reopens.
"""

from __future__ import annotations

from pathlib import Path

from app.draft import DraftError, load_draft
from app.report import Report
from ui.qt import QLabel
from ui.start import NewReportRequest


class LastYearDraft:
    def __init__(self, window, document, settings, files, dialogs):
        self.window = window
        self.document = document
        self.settings = settings
        self.files = files  # ui.files.DraftFiles: a new report replaces the open one through it
        self.dialogs = dialogs
        self.status_label = QLabel()  # 核对用上年草稿：2022年度, in the status bar
        self.status_label.setVisible(False)
        document.previous_changed.connect(self._show)
        document.changed.connect(self._follow)

    def _show(self) -> None:
        previous = self.document.previous
        self.status_label.setVisible(previous is not None)
        if previous is not None:
            self.status_label.setText(f"核对用上年草稿：{previous.meta.year}年度")

    def _ask(self, title: str) -> tuple[Report, Path] | None:
        path = self.dialogs.open_path(self.window, title, self.settings.start_folder("drafts"))
        if path is None:
            return None
        try:
            return load_draft(path), Path(path)
        except DraftError as exc:
            current = "当前报告没有改动。" if self.window.has_report else ""
            self.dialogs.warn(self.window, "无法打开上年草稿", f"{exc}\n\n{current}".rstrip())
            return None

    # ---- attached to the open report ---------------------------------------------------
    def choose(self) -> bool:
        """文件 › 设置上年草稿（用于核对）… and the 选择… button on 基本信息."""
        if not self.window.has_report:
            return False
        chosen = self._ask("选择上一年度的草稿（用于核对）")
        if chosen is None:
            return False
        previous, path = chosen
        year = self.document.report.meta.year
        if previous.meta.year != year - 1:
            answer = self.dialogs.choose(
                self.window,
                "设置上年草稿",
                f"所选草稿是{previous.meta.year}年度的报告，当前报告是{year}年度。仍要用它核对吗？",
                ["仍然使用", "取消"],
                default=1,
            )
            if answer != 0:
                return False
        self.document.attach_previous(previous, path)
        self.remember()
        self.window.statusBar().showMessage(f"已设置上年草稿：{path.name}（核对结转数字和与上年重复的内容）", 8000)
        return True

    def clear(self) -> None:
        """不核对."""
        self.document.attach_previous(None)
        self.remember()

    def _follow(self, changes) -> None:
        """A draft opened from its file gets back the choice made for it; a report saved under
        a new name keeps its choice for that name."""
        if changes.new_history:
            if self.document.path is not None and not changes.dirty:
                self.restore_for(self.document.path)
        elif changes.path:
            self.remember()

    def remember(self) -> None:
        """The choice, for the draft's file (the one place it is written to the settings)."""
        if self.document.path is not None:
            self.settings.set_previous_for(self.document.path, self.document.previous_path)

    def restore_for(self, path: Path) -> None:
        """A draft just opened: attach the last-year draft chosen for it before, if still readable."""
        previous_path = self.settings.previous_for(path)
        if previous_path is None:
            return
        try:
            self.document.load_previous(previous_path)
        except DraftError:
            self.window.statusBar().showMessage(f"上年草稿“{previous_path.name}”无法读取，未核对结转数。", 8000)

    # ---- a new report from it ------------------------------------------------------------
    def new_report(self, request: NewReportRequest | None = None) -> bool:
        """新建（以上年草稿为基础）…, from the menu (the year after the draft's) or the start page
        (the year and format asked there): organ, contact, titles and 结转 carried over."""
        chosen = self._ask("选择上一年度的草稿")
        if chosen is None:
            return False
        previous, path = chosen
        options = {}
        if request is not None:
            options = {"year": request.year, "template": request.template, "report_date": request.report_date}
        if not self.files.replace(lambda: self.document.new_from_previous(previous, path, **options)):
            return False
        report = self.document.report
        self.window.statusBar().showMessage(f"已以“{path.name}”为基础新建{report.meta.year}年度报告（未保存）", 8000)
        return True
