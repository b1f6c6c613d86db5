"""The start page: a new report, open a draft, recent drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.formats import format_for_year
from app.report import Contact, date_after_year_change, default_report_date
from ui.qt import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import ReportFields, heading_label, hint_label


class StartPage(QWidget):
    create_requested = Signal(object)  # NewReportRequest
    create_from_previous_requested = Signal(object)  # NewReportRequest (organ/contact come from the draft)
    open_requested = Signal()
    open_path_requested = Signal(object)  # Path
    back_requested = Signal()
    recover_requested = Signal(object)  # app.recovery.Orphan
    discard_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.addWidget(heading_label("年报助手 · 政府信息公开工作年度报告"))
        outer.addWidget(hint_label("新建本年度的报告，或打开以前保存的草稿。所有内容只保存在本机，不联网。"))
        columns = QHBoxLayout()
        columns.setSpacing(24)
        outer.addLayout(columns, 1)

        new_box = QGroupBox("新建年度报告")
        form = QFormLayout(new_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        fields = ReportFields("已确定", "如：甘坊镇党政办公室", with_title=False)
        fields.expose_on(self)
        self.year.setValue(dt.date.today().year - 1)
        self._format_touched = False
        self._date_year = self.year.value()
        self.date.set_date(default_report_date(self._date_year))
        self.date.setEnabled(False)
        fields.add_rows(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        buttons = QHBoxLayout()
        self.create_button = QPushButton("新建报告")
        self.create_button.setDefault(True)
        self.from_previous_button = QPushButton("新建（以上年草稿为基础）…")
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.from_previous_button)
        self.import_button = QPushButton("导入往年报告…")  # wired by the window
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        columns.addWidget(new_box, 3)

        side = QVBoxLayout()
        self.recovery_box = QGroupBox("上次意外退出时未保存的内容")
        self.recovery_box.setStyleSheet("QGroupBox { color: #b00020; }")
        rec = QVBoxLayout(self.recovery_box)
        self.recoveries = QListWidget()
        self.recoveries.setMaximumHeight(90)
        rec.addWidget(self.recoveries)
        rec_buttons = QHBoxLayout()
        self.recover_button = QPushButton("恢复")
        self.discard_button = QPushButton("丢弃…")
        rec_buttons.addWidget(self.recover_button)
        rec_buttons.addWidget(self.discard_button)
        rec_buttons.addStretch(1)
        rec.addLayout(rec_buttons)
        self.recovery_box.setVisible(False)
        side.addWidget(self.recovery_box)
        self.recover_button.clicked.connect(self._recover)
        self.discard_button.clicked.connect(self._discard)
        self.recoveries.itemActivated.connect(self._recover)

        open_box = QGroupBox("打开草稿")
        side.addWidget(open_box, 1)
        right = QVBoxLayout(open_box)
        self.open_button = QPushButton("打开草稿…")
        right.addWidget(self.open_button)
        right.addWidget(QLabel("最近打开的草稿（双击打开）："))
        self.recent = QListWidget()
        right.addWidget(self.recent, 1)
        self.review_button = QPushButton("审阅多份报告…")  # the county office's desk; wired by the window
        right.addWidget(self.review_button)
        self.back_button = QPushButton("返回当前报告")
        self.back_button.setVisible(False)
        right.addWidget(self.back_button)
        columns.addLayout(side, 2)

        self.year.valueChanged.connect(self._year_changed)
        self.format.activated.connect(self._format_picked)
        self.has_date.toggled.connect(self.date.setEnabled)
        self.create_button.clicked.connect(self._create)
        self.from_previous_button.clicked.connect(self._create_from_previous)
        self.open_button.clicked.connect(self.open_requested)
        self.recent.itemActivated.connect(self._recent_activated)
        self.back_button.clicked.connect(self.back_requested)
        self.organ.returnPressed.connect(self._create)
        self._year_changed(self.year.value())

    def _create_from_previous(self):
        self.create_from_previous_requested.emit(self.request())

    def _recent_activated(self, item: QListWidgetItem):
        self.open_path_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _year_changed(self, year: int):
        date = date_after_year_change(self.date.value(), self._date_year, year)
        if date is not None:
            self.date.set_date(date)
        self._date_year = year
        if not self._format_touched:
            self.format.setCurrentIndex(self.format.findData(format_for_year(year).id))

    def _format_picked(self, _index: int):
        self._format_touched = True

    def set_defaults(self, organ: str, contact: Contact) -> None:
        """Pre-fill the organ's details remembered from the last report."""
        self.organ.setText(organ)
        self.department.setText(contact.department)
        self.address.setText(contact.address)
        self.phone.setText(contact.phone)
        self.person.setText(contact.person)

    def set_recoveries(self, entries: list) -> None:
        """(label, times, orphan) for each autosave a crashed session left behind."""
        self.recoveries.clear()
        for label, times, orphan in entries:
            item = QListWidgetItem(f"{label}\n{times.splitlines()[0]}")
            item.setToolTip(times)
            item.setData(Qt.ItemDataRole.UserRole, orphan)
            self.recoveries.addItem(item)
        if entries:
            self.recoveries.setCurrentRow(0)
        self.recovery_box.setVisible(bool(entries))

    def _selected_orphan(self):
        item = self.recoveries.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _recover(self, *_):
        orphan = self._selected_orphan()
        if orphan is not None:
            self.recover_requested.emit(orphan)

    def _discard(self):
        orphan = self._selected_orphan()
        if orphan is not None:
            self.discard_requested.emit(orphan)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    （{path.parent}）")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem("（还没有）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def request(self) -> NewReportRequest:
        return NewReportRequest(
            organ=self.organ.text().strip(),
            year=self.year.value(),
            template=self.format.currentData(),
            report_date=self.date.value() if self.has_date.isChecked() else None,
            contact=Contact(
                department=self.department.text().strip(),
                address=self.address.text().strip(),
                phone=self.phone.text().strip(),
                person=self.person.text().strip(),
            ),
        )

    def _create(self):
        request = self.request()
        if not request.organ:
            self.message.setText("请先填写机关名称。")
            self.organ.setFocus()
            return
        self.message.setText("")
        self.create_requested.emit(request)


@dataclass
class NewReportRequest:
    organ: str
    year: int
    template: str
    report_date: dt.date | None
    contact: Contact
