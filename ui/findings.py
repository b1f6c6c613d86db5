"""The findings panel and the status of each step, both computed from the core's findings."""

from __future__ import annotations

from app.checks import ERROR, Finding
from app.formats import Format
from ui.document import ReportDocument
from ui.qt import (
    QEvent,
    QHBoxLayout,
    QIcon,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionViewItem,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

META_STEP = "meta"


def step_of(finding: Finding) -> str:
    """The step a finding is fixed in: intro and meta are on 基本信息."""
    return META_STEP if finding.section in ("", "meta", "intro") else finding.section


def section_label(fmt: Format, section: str) -> str:
    if section in ("", "meta", "intro"):
        return "基本信息"
    try:
        return f"第{fmt.section(section).number}部分"
    except StopIteration:
        return section


def counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(f.severity == ERROR for f in findings)
    return errors, len(findings) - errors


def status_text(findings: list[Finding]) -> str:
    errors, warnings = counts(findings)
    if not findings:
        return "无问题"
    bits = []
    if errors:
        bits.append(f"{errors}个错误")
    if warnings:
        bits.append(f"{warnings}个提醒")
    return "，".join(bits)


_ICONS: dict = {}


def _icon(widget: QWidget, pixmap: QStyle.StandardPixmap) -> QIcon:
    """Standard icons made once per style (the panel refreshes on every edit that changes a finding)."""
    key = (id(widget.style()), pixmap)
    if key not in _ICONS:
        _ICONS[key] = widget.style().standardIcon(pixmap)
    return _ICONS[key]


def status_icon(widget: QWidget, findings: list[Finding]) -> QIcon:
    errors, warnings = counts(findings)
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if errors
        else QStyle.StandardPixmap.SP_MessageBoxWarning
        if warnings
        else QStyle.StandardPixmap.SP_DialogApplyButton
    )
    return _icon(widget, pixmap)


class FindingsPanel(QWidget):
    """Every error and warning with its section; activating one asks to go there."""

    finding_activated = Signal(object)

    def __init__(self, document: ReportDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        head = QHBoxLayout()
        self.summary = QLabel()
        self.more = QLabel()  # how many findings lie below what the list shows
        self.more.setStyleSheet("color: #8a5a00;")
        head.addWidget(self.summary, 1)
        head.addWidget(self.more)
        lay.addLayout(head)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 2 + 8)
        self.list.verticalScrollBar().valueChanged.connect(self.count_hidden)
        self.list.verticalScrollBar().rangeChanged.connect(self.count_hidden)
        self.list.viewport().installEventFilter(self)  # its resizes: the splitter was dragged
        lay.addWidget(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        document.findings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = self.document.findings
        fmt = self.document.report.format
        shown = (fmt.id, list(findings))
        if shown == getattr(self, "_shown", None):
            return  # most keystrokes change no finding: keep the list (and its scroll position)
        previous: tuple[str, list[Finding]] | None = getattr(self, "_shown", None)
        self._shown = shown
        errors, warnings = counts(findings)
        if findings:
            self.summary.setText(f"检查结果：{errors}个错误，{warnings}个提醒（点击一条可转到相应位置）")
        else:
            self.summary.setText("检查结果：没有发现问题")
        # Only the rows that differ are replaced (a keystroke adds or removes one or two
        # findings): clearing and refilling the list made Qt lay out and paint every row.
        before: list[Finding] = [] if previous is None or previous[0] != fmt.id else previous[1]
        start = 0
        while start < min(len(before), len(findings)) and before[start] == findings[start]:
            start += 1
        end_old, end_new = len(before), len(findings)
        while end_old > start and end_new > start and before[end_old - 1] == findings[end_new - 1]:
            end_old -= 1
            end_new -= 1
        if previous is None or previous[0] != fmt.id:
            self.list.clear()
        else:
            for _ in range(end_old - start):
                self.list.takeItem(start)
        for row in range(start, end_new):
            self.list.insertItem(row, self._item(fmt, findings[row]))
        self._fit_rows(range(start, end_new))
        self.count_hidden()

    def _fit_rows(self, rows) -> None:
        """Store each row's wrapped size in the item: QListView lays out every row again after
        an insertion, and wrapping every message anew took most of a keystroke's commit."""
        option = QStyleOptionViewItem()
        self.list.initViewItemOption(option)
        option.rect = self.list.viewport().rect()  # as QListView wraps: to the viewport's width
        delegate = self.list.itemDelegate()
        for row in rows:
            item = self.list.item(row)
            item.setData(Qt.ItemDataRole.SizeHintRole, None)  # the delegate's own size, not the stored one
            item.setSizeHint(delegate.sizeHint(option, self.list.indexFromItem(item)))

    def _item(self, fmt: Format, f: Finding) -> QListWidgetItem:
        kind = "错误" if f.severity == ERROR else "提醒"
        item = QListWidgetItem(f"［{section_label(fmt, f.section)}］{kind}：{f.message}")
        item.setIcon(
            _icon(
                self,
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if f.severity == ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning,
            )
        )
        item.setData(Qt.ItemDataRole.UserRole, f)
        item.setToolTip(f.message)
        return item

    def eventFilter(self, watched, event) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            if event.size().width() != event.oldSize().width():
                self._fit_rows(range(self.list.count()))  # wrapped anew to the new width
            QTimer.singleShot(0, self.count_hidden)
        return super().eventFilter(watched, event)

    def hidden_below(self) -> int:
        """Findings below the visible part of the list, a half-shown last one included."""
        height = self.list.viewport().height()
        # rows lie top to bottom: the first one reaching the bottom edge, found by bisection
        # (asking every row's rectangle on each keystroke cost a few milliseconds)
        low, high = 0, self.list.count()
        while low < high:
            mid = (low + high) // 2
            if self.list.visualItemRect(self.list.item(mid)).bottom() >= height:
                high = mid
            else:
                low = mid + 1
        return self.list.count() - low

    def count_hidden(self, *_args) -> None:
        hidden = self.hidden_below()
        self.more.setText(f"下面还有{hidden}条，请向下滚动或拖大本区域" if hidden else "")
        self.more.setVisible(bool(hidden))

    def _activated(self, item: QListWidgetItem):
        finding = item.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.finding_activated.emit(finding)
