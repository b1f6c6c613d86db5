"""Autosave and crash recovery for the main window (the files and markers: app.recovery)."""

from __future__ import annotations

import datetime as dt

from app import recovery
from app.draft import DraftError, dumps, load_draft
from app.errors import os_reason
from app.report import Report
from ui import dialogs


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y年%m月%d日 %H:%M:%S") if moment else "未知"


def orphan_label(orphan: recovery.Orphan, report: Report | None = None) -> str:
    name = orphan.original.name if orphan.original else "未保存的新报告"
    return f"{orphan.title or (report.title if report else '年度报告')}（{name}）"


def orphan_times(orphan: recovery.Orphan) -> str:
    draft = _when(orphan.original_saved) if orphan.original else "从未保存"
    return f"自动保存时间：{_when(orphan.saved)}\n草稿文件保存时间：{draft}"


class RecoveryMixin:
    """Part of MainWindow: the debounced autosave copy, and offering copies of crashed sessions."""

    # ---- autosave ----------------------------------------------------------------
    def autosave(self) -> bool:
        """Write the autosave copy; True when the report's current content is safe on disk
        (autosaved now, or nothing unsaved), False when the copy could not be written."""
        if not self.has_report:
            return True
        if not self.document.modified:
            self.session.discard()
            return True
        try:
            self.session.write(dumps(self.document.report), title=self.document.report.title)
        except (OSError, ValueError) as exc:  # a full or locked disk; text that cannot be encoded
            reason = os_reason(exc) if isinstance(exc, OSError) else "内容中有无法保存的字符"
            self.statusBar().showMessage(f"自动备份失败：{reason}。请尽快保存草稿。", 8000)
            return False
        self.last_autosave = dt.datetime.now()
        self._update_title()
        return True

    def offer_recovery(self) -> bool:
        """Ask about autosaves left by a crash; returns True if one was restored."""
        restored = False
        for orphan in recovery.find_orphans(self.session.folder):
            report = self._orphan_report(orphan)
            if report is None:
                continue
            text = f"上次没有正常退出，有一份未保存的内容：\n\n{orphan_label(orphan, report)}"
            details = orphan_times(orphan)
            if restored:
                answer = dialogs.choose(self, "恢复上次未保存的内容", text + "\n\n当前已恢复另一份内容；这一份可以稍后在开始页恢复。",
                                        ["稍后再说", "丢弃"], details=details)
                if answer == 1:
                    orphan.remove()
                continue
            answer = dialogs.choose(self, "恢复上次未保存的内容？", text, ["恢复", "丢弃", "稍后再说"], details=details)
            if answer == 0:
                if not self.restore_orphan(orphan, report):
                    return restored
                restored = True
            elif answer == 1:
                orphan.remove()
        return restored

    def _orphan_report(self, orphan: recovery.Orphan) -> Report | None:
        try:
            return load_draft(orphan.autosave)
        except DraftError:
            orphan.remove()  # an unreadable copy helps nobody
            return None

    def restore_orphan(self, orphan: recovery.Orphan, report: Report | None = None) -> bool:
        report = report or self._orphan_report(orphan)
        if report is None:
            return False
        original = orphan.original if orphan.original and orphan.original.exists() else None
        if not self._replace_report(report, original):
            return False
        self.document.mark_modified()
        self.autosave()  # our own copy first, then the orphan can go
        orphan.remove()
        self.statusBar().showMessage("已恢复上次未保存的内容，请检查后保存。", 10000)
        return True

    def discard_orphan(self, orphan: recovery.Orphan) -> None:
        if dialogs.choose(self, "丢弃未保存的内容", "确定丢弃这份未保存的内容吗？丢弃后无法找回。", ["丢弃", "取消"], default=1) == 0:
            orphan.remove()
        self.show_start()
