"""The steps of the wizard: 基本信息, the six sections of the official format.

Every page reads from `document.report` and sends edits through the document (the
editing session). Text edits are forwarded on textChanged without touching the widget's
text, so an input method's composition is never disturbed; what comes back from the
session (an undo, a regenerated preamble) is shown quietly, where it differs.
"""

from __future__ import annotations

import copy

from app.formats import Section
from app.layout import has_lead_paragraph
from app.report import Subsection, default_report_date, default_title
from ui.document import ReportDocument
from ui.generated_tool import attach_generated_tool
from ui.qt import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import (
    ReportFields,
    TextEdit,
    heading_label,
    hint_label,
    use_report_history,
)

META_STEP_TITLE = "基本信息"


class Page(QWidget):
    """A step: a heading, then its content in a scroll area."""

    key = ""
    title = ""

    def __init__(self, document: ReportDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.scroll.setWidget(self.body)

    def _show_section(self, section: Section) -> None:
        """Heading and the format's hint at the top of a section's page."""
        self.section = section
        self.key = section.key
        self.title = section.heading
        self.layout_.addWidget(heading_label(section.heading))
        if section.hint:
            self.layout_.addWidget(hint_label(section.hint))

    def focus_field(self, field: str) -> bool:
        return False

    def focus_cell(self, key: str) -> bool:
        return False

    def refresh(self) -> None:
        """Show the document's current content (after open, recovery or a change elsewhere)."""


class MetaPage(Page):
    """Organ, year, format, date, title, contact details and the preamble."""

    key = "meta"
    title = META_STEP_TITLE
    format_requested = Signal(str)
    previous_requested = Signal()
    previous_cleared = Signal()

    def __init__(self, document: ReportDocument, parent: QWidget | None = None):
        super().__init__(document, parent)
        self._loading = False
        lay = self.layout_
        lay.addWidget(heading_label(META_STEP_TITLE))
        lay.addWidget(
            hint_label(
                "机关名称、年度和联系方式用于标题、开头说明和落款。开头说明可按这些信息自动生成，也可以自己修改。"
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        fields = ReportFields("填写成文日期", "受理政府信息公开申请的部门，如：甘坊镇党政办公室", with_title=True)
        fields.expose_on(self)
        fields.add_rows(form)
        previous_row = QHBoxLayout()
        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        self.previous_button = QPushButton("选择…")
        self.previous_clear = QPushButton("不核对")
        previous_row.addWidget(self.previous_label, 1)
        previous_row.addWidget(self.previous_button)
        previous_row.addWidget(self.previous_clear)
        form.addRow("上年草稿", previous_row)
        lay.addLayout(form)
        intro_head = QHBoxLayout()
        intro_head.addWidget(QLabel("开头说明"))
        intro_head.addStretch(1)
        self.regenerate = QPushButton("按基本信息重新生成")
        intro_head.addWidget(self.regenerate)
        lay.addLayout(intro_head)
        self.intro = TextEdit(min_lines=7)
        self.intro.history = document.undo_stack
        lay.addWidget(self.intro)
        lay.addStretch(1)

        self._line_edits = {
            "organ": self.organ,
            "title": self.title_edit,
            "department": self.department,
            "address": self.address,
            "phone": self.phone,
            "person": self.person,
        }
        for name, edit in self._line_edits.items():
            edit.textChanged.connect(lambda _text, name=name: self._meta_changed(f"meta.{name}"))
        use_report_history(*self._line_edits.values(), self.year, self.date)
        self.year.valueChanged.connect(lambda _value: self._meta_changed("meta.year"))
        self.has_date.toggled.connect(lambda _on: self._meta_changed(""))
        self.date.dateChanged.connect(lambda _date: self._meta_changed("meta.date"))
        self.format.activated.connect(self._format_chosen)
        self.intro.textChanged.connect(self._intro_changed)
        self.intro.focus_left.connect(document.end_typing)
        self.regenerate.clicked.connect(self._regenerate_intro)
        self.previous_button.clicked.connect(self.previous_requested)
        self.previous_clear.clicked.connect(self.previous_cleared)
        document.text_changed.connect(self._document_text_changed)
        document.previous_changed.connect(self.show_previous)
        self.refresh()
        self.show_previous()

    def refresh(self) -> None:
        report = self.document.report
        meta = report.meta
        self._loading = True
        try:
            for edit, value in (
                (self.organ, meta.organ),
                (self.title_edit, meta.title or ""),
                (self.department, meta.contact.department),
                (self.address, meta.contact.address),
                (self.phone, meta.contact.phone),
                (self.person, meta.contact.person),
            ):
                if edit.text().strip() != value:  # a space being typed is not undone
                    edit.setText(value)
            self.year.setValue(meta.year)
            self.format.setCurrentIndex(self.format.findData(report.template))
            self.has_date.setChecked(meta.report_date is not None)
            self.date.set_date(meta.report_date or default_report_date(meta.year))
            self.date.setEnabled(meta.report_date is not None)
            self.title_edit.setPlaceholderText(
                default_title(meta.organ or "（机关名称）", meta.year) + "（留空即用此标题）"
            )
            self.intro.set_text_quietly(report.intro)
        finally:
            self._loading = False

    def _meta_changed(self, typing: str) -> None:
        """The fields as a new Meta for the session (which lets the untouched preamble follow)."""
        if self._loading:
            return
        meta = copy.deepcopy(self.document.report.meta)
        meta.organ = self.organ.text().strip()
        meta.year = self.year.value()
        meta.title = self.title_edit.text().strip() or None
        meta.contact.department = self.department.text().strip()
        meta.contact.address = self.address.text().strip()
        meta.contact.phone = self.phone.text().strip()
        meta.contact.person = self.person.text().strip()
        self.date.setEnabled(self.has_date.isChecked())
        if self.has_date.isChecked():
            meta.report_date = self.date.value()
        else:
            meta.report_date = None
        self.title_edit.setPlaceholderText(
            default_title(meta.organ or "（机关名称）", meta.year) + "（留空即用此标题）"
        )
        self.document.update_meta(meta, typing=typing)

    def show_previous(self) -> None:
        """Last year's draft as the session has it (whichever way it was chosen)."""
        path = self.document.previous_path
        if self.document.previous is not None and path is None:
            self.previous_label.setText(f"导入的{self.document.previous.meta.year}年度报告（用于核对结转数）")
            self.previous_label.setToolTip("")
        elif path is None:
            self.previous_label.setText("未选择（选择上一年度的草稿后，可核对“上年结转”等数字）")
        else:
            self.previous_label.setText(f"{path.name}（用于核对结转数）")
            self.previous_label.setToolTip(str(path))
        self.previous_clear.setEnabled(self.document.previous is not None)

    def _format_chosen(self, index: int):
        template = self.format.itemData(index)
        if template != self.document.report.template:
            self.format_requested.emit(template)
            if self.document.report.template != template:  # the clerk said no: show the format kept
                self.refresh()

    def _intro_changed(self):
        if not self._loading:
            self.document.set_text("intro", self.intro.toPlainText(), typing=True)

    def _regenerate_intro(self):
        self.document.regenerate_intro()  # one step of the report's history

    def _document_text_changed(self, field: str):
        if field in ("meta", "intro") and not self._loading:
            self.refresh()

    def focus_field(self, field: str) -> bool:
        widget = {
            "meta.organ": self.organ,
            "meta.report_date": self.has_date if not self.has_date.isChecked() else self.date,
            "meta.title": self.title_edit,
            "template": self.format,
            "intro": self.intro,
        }.get(field)
        if widget is None:
            return False
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class SubsectionEditor(QFrame):
    """One 总体情况 sub-section: title, the format's hint, body, move/remove buttons."""

    changed = Signal()
    move_requested = Signal(object, int)
    remove_requested = Signal(object)

    def __init__(self, sub: Subsection, hint: str, parent: QWidget | None = None, lead: bool = False):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lead = lead
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLineEdit(sub.title)
        self.title.setPlaceholderText("小节标题")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        top.addWidget(self.title, 1)
        # the paragraph before the sub-sections: no title field, its own name instead
        self.lead_label = QLabel("开头段落（不编号）")
        self.lead_label.setFont(f)
        self.add_title = QPushButton("加标题")
        self.add_title.setToolTip("给这段文字加上标题，作为第一个小节")
        self.add_title.setAutoDefault(False)
        self.add_title.clicked.connect(self._show_title)
        top.insertWidget(0, self.lead_label, 1)
        top.addWidget(self.add_title)
        self.title.setVisible(not lead)
        self.lead_label.setVisible(lead)
        self.add_title.setVisible(lead)
        if lead:
            hint = "各小节之前的一段文字：打印在“一、总体情况”之下、第一个小节之前，不加标题和编号。"
        self.up = QPushButton("上移")
        self.down = QPushButton("下移")
        self.remove = QPushButton("删除")
        for b in (self.up, self.down, self.remove):
            b.setAutoDefault(False)
            top.addWidget(b)
        lay.addLayout(top)
        self.hint = hint_label(hint)
        self.hint.setVisible(bool(hint))
        lay.addWidget(self.hint)
        self.body = TextEdit(min_lines=5)
        self.body.setPlainText(sub.body)
        self.body.setPlaceholderText("在此填写本小节内容")
        lay.addWidget(self.body)
        use_report_history(self.title)
        self.title.textChanged.connect(self.changed)
        self.body.textChanged.connect(self.changed)
        self.up.clicked.connect(self._up)
        self.down.clicked.connect(self._down)
        self.remove.clicked.connect(self._remove)

    def _show_title(self):
        self.lead_label.hide()
        self.add_title.hide()
        self.title.show()
        self.title.setFocus()

    # slots are methods returning None (a lambda would hand emit()'s result back to Qt)
    def _up(self):
        self.move_requested.emit(self, -1)

    def _down(self):
        self.move_requested.emit(self, 1)

    def _remove(self):
        self.remove_requested.emit(self)

    def value(self) -> Subsection:
        return Subsection(self.title.text().strip(), self.body.toPlainText())


class SubsectionsPage(Page):
    """Section 一: the 总体情况 sub-sections (add, remove, rename, reorder)."""

    remove_confirm = None  # set by the window: callable(title) -> bool

    def __init__(self, document: ReportDocument, section: Section, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.section = section
        self.key = section.key
        self.title = section.heading
        self._hints = {d.title: d.hint for d in section.default_subsections}
        self.layout_.addWidget(heading_label(section.heading))
        if section.hint:
            self.layout_.addWidget(hint_label(section.hint))
        self.list_box = QVBoxLayout()
        self.layout_.addLayout(self.list_box)
        add_row = QHBoxLayout()
        self.add_button = QPushButton("添加小节")
        self.add_button.clicked.connect(self.add_subsection)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self.layout_.addLayout(add_row)
        self.layout_.addStretch(1)
        self.editors: list[SubsectionEditor] = []
        document.text_changed.connect(self._document_text_changed)
        self.refresh()

    def hint_for(self, title: str) -> str:
        return self._hints.get(title.strip(), "")

    def refresh(self) -> None:
        for editor in self.editors:
            self.list_box.removeWidget(editor)
            editor.hide()  # deleteLater runs only after this event, so hide it now
            editor.deleteLater()
        self.editors = []
        subsections = self.document.report.s1
        lead = has_lead_paragraph(subsections)
        for i, sub in enumerate(subsections):
            editor = SubsectionEditor(sub, self.hint_for(sub.title), lead=lead and i == 0)
            editor.body.history = self.document.undo_stack
            attach_generated_tool(editor, self.document)
            editor.changed.connect(lambda editor=editor: self._edited(editor))
            editor.body.focus_left.connect(self.document.end_typing)
            editor.move_requested.connect(self._move)
            editor.remove_requested.connect(self._remove)
            self.list_box.addWidget(editor)
            self.editors.append(editor)
        self._update_buttons()

    def _update_buttons(self):
        first = 1 if self.editors and self.editors[0].lead else 0  # the lead paragraph stays first
        for i, editor in enumerate(self.editors):
            editor.up.setEnabled(i > first)
            editor.down.setEnabled(first <= i < len(self.editors) - 1)
            editor.up.setVisible(not editor.lead)
            editor.down.setVisible(not editor.lead)

    def _values(self) -> list[Subsection]:
        return [e.value() for e in self.editors]

    def _edited(self, edited: SubsectionEditor | None = None):
        for editor in self.editors:  # a renamed section shows the hint of the format's area it now names
            hint = self.hint_for(editor.title.text())
            if hint and editor.hint.text() != hint:
                editor.hint.setText(hint)
            if hint:
                editor.hint.setVisible(True)
        typing = f"s1.{self.editors.index(edited)}" if edited in self.editors else False
        self.document.set_text("s1", self._values(), typing=typing)

    def _move(self, editor: SubsectionEditor, delta: int):
        values = self._values()
        i = self.editors.index(editor)
        j = i + delta
        if not 0 <= j < len(values):
            return
        values[i], values[j] = values[j], values[i]
        self.document.set_text("s1", values)
        self.refresh()
        self.editors[j].title.setFocus()

    def _remove(self, editor: SubsectionEditor):
        i = self.editors.index(editor)
        value = editor.value()
        if value.body.strip() and self.remove_confirm is not None and not self.remove_confirm(value.title):
            return
        values = self._values()
        del values[i]
        self.document.set_text("s1", values)
        self.refresh()

    def add_subsection(self):
        values = self._values()
        values.append(Subsection("新的小节"))
        self.document.set_text("s1", values)
        self.refresh()
        title = self.editors[-1].title
        title.setFocus()
        title.selectAll()
        self.scroll.ensureWidgetVisible(self.editors[-1])

    def _document_text_changed(self, field: str):
        subs = self.document.report.s1
        if field != "s1" or self._values() == subs:
            return
        if [e.title.text().strip() for e in self.editors] != [s.title for s in subs]:
            self.refresh()  # added, removed, moved or renamed: the editors follow the list
            return
        for editor, sub in zip(self.editors, subs):  # a body undone or redone: shown in place
            blocked = editor.blockSignals(True)
            editor.body.set_text_quietly(sub.body)
            editor.blockSignals(blocked)

    def focus_field(self, field: str) -> bool:
        if not self.editors:
            self.add_button.setFocus()
            return True
        index = field.partition(".")[2]
        if index.isdigit() and int(index) < len(self.editors):  # "s1.2": the third sub-section
            target = self.editors[int(index)]
        else:
            target = next((e for e in self.editors if not e.body.toPlainText().strip()), self.editors[0])
        self.scroll.ensureWidgetVisible(target)
        target.body.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class TextPage(Page):
    """Sections 五 and 六: one text with the format's hint."""

    def __init__(self, document: ReportDocument, section: Section, parent: QWidget | None = None):
        super().__init__(document, parent)
        self._show_section(section)
        self.edit = TextEdit(min_lines=14)
        self.edit.history = document.undo_stack
        self.edit.setPlaceholderText("在此填写本部分内容（可从Word或WPS复制粘贴）")
        self.layout_.addWidget(self.edit, 1)
        self._loading = False
        self.edit.textChanged.connect(self._edited)
        self.edit.focus_left.connect(document.end_typing)
        document.text_changed.connect(self._document_text_changed)
        self.refresh()

    def refresh(self) -> None:
        self._loading = True
        self.edit.set_text_quietly(getattr(self.document.report, self.key))
        self._loading = False

    def _edited(self):
        if not self._loading:
            self.document.set_text(self.key, self.edit.toPlainText(), typing=True)

    def _document_text_changed(self, field: str):
        if field == self.key:
            self.refresh()

    def focus_field(self, field: str) -> bool:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class TablesPage(Page):
    """Sections 二三四: the official number tables (ui.tables.SectionTables)."""

    def __init__(self, document: ReportDocument, section: Section, parent: QWidget | None = None):
        # The grid's modules load with the first number page, not at start-up (the draft opens
        # on 基本信息); ui.main imports them once the clerk is idle, so that first click does not wait.
        from ui.tables import SectionTables

        super().__init__(document, parent)
        self._show_section(section)
        self.tables = SectionTables(document, section)
        self.layout_.addWidget(self.tables, 1)

    def focus_cell(self, key: str) -> bool:
        return self.tables.focus_cell(key)

    def focus_field(self, field: str) -> bool:
        return False

    def confirm_fill_zeros(self) -> bool:
        return self.tables.confirm_fill_zeros()


def make_page(document: ReportDocument, section: Section) -> Page:
    if section.kind == "subsections":
        return SubsectionsPage(document, section)
    if section.kind == "tables":
        return TablesPage(document, section)
    return TextPage(document, section)
