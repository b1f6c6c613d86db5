"""Autosave and crash recovery for the main window (the files and markers: app.recovery)."""

from __future__ import annotations

import datetime as dt

from app import recovery
from app.draft import DraftError, dumps, load_draft
from app.errors import os_reason
from app.report import Report
from ui.qt import QTimer


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y年%m月%d日 %H:%M:%S") if moment else "未知"


def orphan_label(orphan: recovery.Orphan, report: Report | None = None) -> str:
    name = orphan.original.name if orphan.original else "未保存的新报告"
    return f"{orphan.title or (report.title if report else '年度报告')}（{name}）"


def orphan_times(orphan: recovery.Orphan) -> str:
    draft = _when(orphan.original_saved) if orphan.original else "从未保存"
    return f"自动保存时间：{_when(orphan.saved)}\n草稿文件保存时间：{draft}"


class Autosave:
    """Part of the main window: the debounced autosave copy of unsaved work (app.recovery's
    session), and offering the copies that crashed sessions left behind."""

    def __init__(self, window, document, session: recovery.Session, files_opener, dialogs, interval_ms: int):
        self.window = window
        self.document = document
        self.session = session
        self.open_report = files_opener  # (report, original path, message) -> bool
        self.dialogs = dialogs
        self.last_autosave: dt.datetime | None = None
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def discard(self) -> None:
        self.session.discard()
        self.last_autosave = None

    def set_original(self, path) -> None:
        self.session.set_original(path)

    def write(self) -> bool:
        """Write the autosave copy; True when the report's current content is safe on disk
        (autosaved now, or nothing unsaved), False when the copy could not be written."""
        if not self.window.has_report:
            return True
        if not self.document.modified:
            self.session.discard()
            return True
        try:
            self.session.write(dumps(self.document.report), title=self.document.report.title)
        except (OSError, ValueError) as exc:  # a full or locked disk; text that cannot be encoded
            reason = os_reason(exc) if isinstance(exc, OSError) else "内容中有无法保存的字符"
            self.window.statusBar().showMessage(f"自动备份失败：{reason}。请尽快保存草稿。", 8000)
            return False
        self.last_autosave = dt.datetime.now()
        self.window.update_title()
        return True

    def offer_recovery(self, orphans: list[recovery.Orphan]) -> bool:
        """Ask about these autosaves left by a crash (recovery.find_orphans); returns True if
        one was restored."""
        restored = False
        for orphan in orphans:
            report = self._orphan_report(orphan)
            if report is None:
                continue
            text = f"上次没有正常退出，有一份未保存的内容：\n\n{orphan_label(orphan, report)}"
            details = orphan_times(orphan)
            if restored:
                answer = self.dialogs.choose(
                    self.window,
                    "恢复上次未保存的内容",
                    text + "\n\n当前已恢复另一份内容；这一份可以稍后在开始页恢复。",
                    ["稍后再说", "丢弃"],
                    details=details,
                )
                if answer == 1:
                    orphan.remove()
                continue
            answer = self.dialogs.choose(
                self.window, "恢复上次未保存的内容？", text, ["恢复", "丢弃", "稍后再说"], details=details
            )
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
        if not self.open_report(report, original, "已恢复上次未保存的内容，请检查后保存。"):
            return False
        self.write()  # our own copy first, then the orphan can go
        orphan.remove()
        return True

    def discard_orphan(self, orphan: recovery.Orphan) -> None:
        if (
            self.dialogs.choose(
                self.window,
                "丢弃未保存的内容",
                "确定丢弃这份未保存的内容吗？丢弃后无法找回。",
                ["丢弃", "取消"],
                default=1,
            )
            == 0
        ):
            orphan.remove()
        self.window.show_start()
