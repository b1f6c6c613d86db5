"""Last year's draft: start this year's report from it, or attach it to the open report for the checks.

With `document.previous` set, the core checks compare the two years live (carried-in
against last year's carried-out, 现行有效件数, text copied from last year).
"""

from __future__ import annotations

from pathlib import Path

from app.carry import report_from_previous
from app.draft import DraftError, load_draft
from app.report import Report
from ui import dialogs


def _choose_previous(window, title: str) -> tuple[Report, Path] | None:
    path = dialogs.open_path(window, title, window.settings.folder("drafts"))
    if path is None:
        return None
    try:
        return load_draft(path), Path(path)
    except DraftError as exc:
        dialogs.warn(window, "无法打开上年草稿", f"{exc}\n\n当前报告没有改动。")
        return None


def new_from_previous(window) -> bool:
    """文件 > 新建（以上年草稿为基础）…: the year after the chosen draft's, 结转 carried over."""
    chosen = _choose_previous(window, "选择上一年度的草稿")
    if chosen is None:
        return False
    previous, path = chosen
    report = report_from_previous(previous)
    if not window._replace_report(report, None):
        return False
    window.document.previous = previous
    window.document.recheck()
    window.document.mark_modified()
    window.statusBar().showMessage(f"已以“{path.name}”为基础新建{report.meta.year}年度报告（未保存）", 8000)
    return True


def attach_previous(window) -> bool:
    """文件 > 设置上年草稿（用于核对）…: compare the open report with last year's draft."""
    if not window.has_report:
        return False
    chosen = _choose_previous(window, "选择上一年度的草稿（用于核对）")
    if chosen is None:
        return False
    previous, path = chosen
    year = window.document.report.meta.year
    if previous.meta.year != year - 1:
        answer = dialogs.choose(
            window, "设置上年草稿",
            f"所选草稿是{previous.meta.year}年度的报告，当前报告是{year}年度。仍要用它核对吗？",
            ["仍然使用", "取消"], default=1,
        )
        if answer != 0:
            return False
    window.document.previous = previous
    window.document.recheck()
    window.statusBar().showMessage(f"已设置上年草稿：{path.name}（核对结转数字和与上年重复的内容）", 8000)
    return True
