"""The main window: start page, the sidebar stepper, the findings panel, files and autosave."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app import recovery
from app.atomic import SaveError
from app.carry import report_from_previous
from app.checks import ERROR, Finding
from app.draft import EXTENSION, DraftError, dumps, load_draft, save_draft
from app.formats import get_format
from app.report import Report, new_report
from ui import dialogs
from ui.document import ReportDocument
from ui.findings import META_STEP, FindingsPanel, status_icon, status_text, step_of
from ui.pages import META_STEP_TITLE, MetaPage, Page, SubsectionsPage, make_page
from ui.qt import (
    QAction,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSize,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.settings import Settings
from ui.start import NewReportRequest, StartPage

AUTOSAVE_ENV = "NIANBAO_AUTOSAVE_MS"
DEFAULT_AUTOSAVE_MS = 2500
APP_NAME = "年报助手"


def _slot(function):
    """A slot that returns None: the window's methods return bools for tests and callers, and
    handing a Python return value back to a Qt signal is needless (and a suspect in a PySide
    refcount crash at exit)."""

    def call(*_args):
        function()

    return call


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y年%m月%d日 %H:%M:%S") if moment else "未知"


def orphan_label(orphan: recovery.Orphan, report: Report | None = None) -> str:
    name = orphan.original.name if orphan.original else "未保存的新报告"
    return f"{orphan.title or (report.title if report else '年度报告')}（{name}）"


def orphan_times(orphan: recovery.Orphan) -> str:
    draft = _when(orphan.original_saved) if orphan.original else "从未保存"
    return f"自动保存时间：{_when(orphan.saved)}\n草稿文件保存时间：{draft}"


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, session: recovery.Session | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.session = session or recovery.Session()
        self.document = ReportDocument(new_report("", dt.date.today().year - 1))
        self.has_report = False  # False until a report is created or opened
        self.last_saved: dt.datetime | None = None
        self.last_autosave: dt.datetime | None = None
        self._pages: list[Page | None] = []
        self.sections: list = []
        self.steps: list[str] = []
        self.step_titles: list[str] = []

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(int(os.environ.get(AUTOSAVE_ENV, DEFAULT_AUTOSAVE_MS)))
        self.autosave_timer.timeout.connect(self.autosave)

        self.screens = QStackedWidget()
        self.setCentralWidget(self.screens)
        self.start_page = StartPage()
        self.screens.addWidget(self.start_page)
        self.editor = self._build_editor()
        self.screens.addWidget(self.editor)

        self._build_actions()
        self._build_status_bar()
        self._connect_document()

        sp = self.start_page
        sp.create_requested.connect(lambda request: _slot(lambda: self.create_report(request))())
        sp.create_from_previous_requested.connect(lambda request: _slot(lambda: self.create_from_previous(request))())
        sp.open_requested.connect(_slot(self.open_dialog))
        sp.open_path_requested.connect(lambda path: _slot(lambda: self.open_draft(path))())
        sp.back_requested.connect(_slot(self.show_editor))
        sp.recover_requested.connect(lambda orphan: _slot(lambda: self.restore_orphan(orphan))())
        sp.discard_requested.connect(self.discard_orphan)
        organ, contact = self.settings.organ_defaults()
        sp.set_defaults(organ, contact)

        self.resize(1280, 720)
        geometry = self.settings.geometry()
        self.first_run = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_start()

    # ---- layout ------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 6)
        self.step_list = QListWidget()
        self.step_list.setWordWrap(True)
        self.step_list.setIconSize(QSize(18, 18))
        self.step_list.setSpacing(2)
        self.step_list.setMinimumWidth(200)
        self.step_list.currentRowChanged.connect(self._step_selected)
        side.addWidget(self.step_list, 1)
        # Previous/next live under the steps, so the page keeps every pixel of a 768-high screen.
        nav = QHBoxLayout()
        nav.setContentsMargins(6, 0, 6, 0)
        self.prev_button = QPushButton("上一步")
        self.next_button = QPushButton("下一步")
        self.prev_button.clicked.connect(self._previous_step)
        self.next_button.clicked.connect(self._next_step)
        self.prev_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.prev_button.setToolTip("上一步（Ctrl+PgUp）")
        self.next_button.setToolTip("下一步（Ctrl+PgDown）")
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        side.addLayout(nav)
        splitter.addWidget(sidebar)

        right = QSplitter(Qt.Orientation.Vertical)
        self.page_stack = QStackedWidget()
        right.addWidget(self.page_stack)
        self.findings_panel = FindingsPanel(self.document)
        self.findings_panel.finding_activated.connect(self.go_to_finding)
        right.addWidget(self.findings_panel)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([560, 130])
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 1100])
        return splitter

    def _previous_step(self) -> None:
        self.go_to_step(max(0, self.step_list.currentRow() - 1))

    def _next_step(self) -> None:
        self.go_to_step(min(len(self.steps) - 1, self.step_list.currentRow() + 1))

    def _action(self, text: str, slot, shortcut=None, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(_slot(slot))
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建…", self.show_start, QKeySequence.StandardKey.New, file_menu)
        self.open_action = self._action("打开…", self.open_dialog, QKeySequence.StandardKey.Open, file_menu)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action("保存", self.save, QKeySequence.StandardKey.Save, file_menu)
        self.save_as_action = self._action("另存为…", self.save_as, QKeySequence("Ctrl+Shift+S"), file_menu)
        file_menu.addSeparator()
        self.export_docx_action = self._action("导出DOCX…", lambda: self.export("docx"), None, file_menu)
        self.export_pdf_action = self._action("导出PDF…", lambda: self.export("pdf"), None, file_menu)
        self.preview_action = self._action("打印预览", self.preview, None, file_menu)
        self.print_action = self._action("打印…", self.print_report, QKeySequence.StandardKey.Print, file_menu)
        file_menu.addSeparator()
        self._action("退出", self.close, QKeySequence("Ctrl+Q"), file_menu)

        edit_menu = bar.addMenu("编辑(&E)")
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.fill_zeros_action = self._action("本页空格填0", self._fill_zeros, None, edit_menu)

        help_menu = bar.addMenu("帮助(&H)")
        self.about_action = self._action("关于年报助手", self.show_about, None, help_menu)

        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.save_action, None, self.undo_action, self.redo_action, None,
                       self.preview_action, self.print_action, self.export_docx_action, self.export_pdf_action):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.toolbar = toolbar
        self.report_actions = [self.save_action, self.save_as_action, self.export_docx_action, self.export_pdf_action,
                               self.preview_action, self.print_action, self.fill_zeros_action]

    def _build_status_bar(self) -> None:
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)

    def _connect_document(self) -> None:
        doc = self.document
        doc.modified_changed.connect(self._changed)
        doc.path_changed.connect(self._update_title)
        doc.findings_changed.connect(self._update_steps)
        doc.cells_changed.connect(self._changed)
        doc.text_changed.connect(self._changed)

    # ---- screens and steps -------------------------------------------------------
    def show_start(self) -> None:
        self.start_page.set_recent(self.settings.existing_recent_files())
        self.start_page.set_recoveries(
            [(orphan_label(o), orphan_times(o), o) for o in recovery.find_orphans(self.session.folder)]
        )
        self.start_page.back_button.setVisible(self.has_report)
        self.screens.setCurrentWidget(self.start_page)
        for action in self.report_actions:
            action.setEnabled(False)
        self._update_title()
        self.start_page.organ.setFocus()

    def show_editor(self) -> None:
        if not self.has_report:
            return
        self.screens.setCurrentWidget(self.editor)
        for action in self.report_actions:
            action.setEnabled(True)
        self._update_title()

    def _rebuild_pages(self) -> None:
        """Steps for the current report (the format decides the sections); pages are built when first shown."""
        while self.page_stack.count():
            old = self.page_stack.widget(0)
            self.page_stack.removeWidget(old)
            old.hide()  # deleteLater runs only after this event
            old.deleteLater()
        fmt = self.document.report.format
        self.sections = [None] + list(fmt.sections)
        self.steps = [META_STEP] + [s.key for s in fmt.sections]
        self.step_titles = [META_STEP_TITLE] + [s.heading for s in fmt.sections]
        self._pages: list[Page | None] = [None] * len(self.steps)
        for _ in self.steps:
            self.page_stack.addWidget(QWidget())  # placeholder until the step is first shown
        blocked = self.step_list.blockSignals(True)
        self.step_list.clear()
        for title in self.step_titles:
            self.step_list.addItem(QListWidgetItem(title))
        self.step_list.blockSignals(blocked)
        self._update_steps()
        self.go_to_step(0)

    def page(self, index: int) -> Page:
        """The page of a step, built on first use (keeps opening a draft fast)."""
        page = self._pages[index]
        if page is None:
            section = self.sections[index]
            if section is None:
                page = MetaPage(self.document)
                page.format_requested.connect(self.change_format)
            else:
                page = make_page(self.document, section)
            if isinstance(page, SubsectionsPage):
                page.remove_confirm = self._confirm_remove_subsection
            placeholder = self.page_stack.widget(index)
            current = self.page_stack.currentIndex()
            self.page_stack.insertWidget(index, page)
            self.page_stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.page_stack.setCurrentIndex(current)
            self._pages[index] = page
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page (built now if not yet shown)."""
        return [self.page(i) for i in range(len(self.steps))]

    def go_to_step(self, index: int) -> None:
        self.step_list.setCurrentRow(index)
        self._step_selected(index)

    def _step_selected(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            self.page(index)
            self.page_stack.setCurrentIndex(index)
            self.prev_button.setEnabled(index > 0)
            self.next_button.setEnabled(index < len(self.steps) - 1)

    def current_page(self) -> Page:
        return self.page(self.page_stack.currentIndex())

    def _update_steps(self) -> None:
        by_step: dict[str, list[Finding]] = {}
        for f in self.document.findings:
            by_step.setdefault(step_of(f), []).append(f)
        for row, key in enumerate(self.steps):
            item = self.step_list.item(row)
            if item is None:
                continue
            found = by_step.get(key, [])
            text = f"{self.step_titles[row]}\n{status_text(found)}"
            if item.text() == text:
                continue
            item.setText(text)
            item.setIcon(status_icon(self, found))
            item.setToolTip(status_text(found))

    def go_to_finding(self, finding: Finding) -> None:
        key = step_of(finding)
        if key not in self.steps:
            return
        index = self.steps.index(key)
        self.go_to_step(index)
        page = self.page(index)
        if finding.cells and page.focus_cell(finding.cells[0]):
            return
        page.focus_field(finding.field or finding.section)

    def _fill_zeros(self) -> None:
        page = self.current_page() if self.steps else None
        if page is not None and hasattr(page, "fill_zeros"):
            page.fill_zeros()

    def _confirm_remove_subsection(self, title: str) -> bool:
        return dialogs.choose(self, "删除小节", f"小节“{title}”已有内容，确定删除吗？", ["删除", "取消"], default=1) == 0

    # ---- title and status --------------------------------------------------------
    def _update_title(self, *_args) -> None:
        doc = self.document
        if self.screens.currentWidget() is self.start_page and not self.has_report:
            self.setWindowTitle("开始")
            self.setWindowModified(False)
        else:
            name = doc.path.name if doc.path else "未保存的新报告"
            self.setWindowTitle(f"{name}[*] — {doc.report.title}")
            self.setWindowModified(doc.modified)
        if doc.modified:
            bits = []
            if self.last_saved:
                bits.append(f"上次保存 {self.last_saved:%H:%M:%S}")
            if self.last_autosave:
                bits.append(f"已自动备份 {self.last_autosave:%H:%M:%S}")
            self.saved_label.setText("未保存" + (f"（{'，'.join(bits)}）" if bits else ""))
        elif self.last_saved:
            self.saved_label.setText(f"已保存 {self.last_saved:%H:%M:%S}")
        else:
            self.saved_label.setText("已保存" if doc.path else "")

    def _changed(self, *_args) -> None:
        if self.has_report:
            self._update_title()
            self.autosave_timer.start()

    # ---- autosave ----------------------------------------------------------------
    def autosave(self) -> None:
        if not self.has_report:
            return
        if not self.document.modified:
            self.session.discard()
            return
        try:
            self.session.write(dumps(self.document.report), title=self.document.report.title)
        except OSError as exc:
            self.statusBar().showMessage(f"自动备份失败：{exc}", 8000)
            return
        self.last_autosave = dt.datetime.now()
        self._update_title()

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
        path = dialogs.open_path(self, "选择上一年度的草稿", self.settings.folder("drafts"))
        if path is None:
            return False
        try:
            previous = load_draft(path)
        except DraftError as exc:
            dialogs.warn(self, "无法打开上年草稿", str(exc))
            return False
        report = report_from_previous(previous, year=request.year, template=request.template)
        if request.report_date:
            report.meta.report_date = request.report_date
        if not self._replace_report(report, None):
            return False
        self.document.previous = previous
        self.document.recheck()
        self.document.mark_modified()
        return True

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
        self.last_saved = None
        self.settings.add_recent(path)
        self.settings.set_folder("drafts", path.parent)
        self._update_title()
        self.statusBar().showMessage(f"已打开：{path}", 5000)
        return True

    def _open_failed(self, path: Path, exc: DraftError) -> bool:
        backup = path.with_name(path.name + ".bak")
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
            save_draft(self.document.report, path)
        except SaveError as exc:
            if retry_elsewhere:
                answer = dialogs.choose(self, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。", ["另存为…", "取消"],
                                        icon=dialogs.QMessageBox.Icon.Warning)
                return answer == 0 and self.save_as()
            dialogs.warn(self, "保存失败", f"{exc}\n\n所有内容仍在程序中，没有丢失。请另选文件名。")
            return False
        self.document.mark_saved(path)
        self.session.set_original(path)
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
            text += f"\n\n有{len(lost)}个已填的数字在新格式中没有对应的格式，改用后将不再保留。"
        if dialogs.choose(self, "更改报告格式", text, ["更改", "取消"], default=1) != 0:
            self.page(0).refresh()
            return
        converted = Report(template=template, meta=report.meta, intro=report.intro, s1=report.s1, s5=report.s5, s6=report.s6,
                           cells={k: v for k, v in report.cells.items() if k in new.input_keys})
        path, previous = self.document.path, self.document.previous
        self._replace_report(converted, path, ask=False)
        self.document.previous = previous
        self.document.recheck()
        self.document.mark_modified()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.existing_recent_files()
        for path in paths:
            self.recent_menu.addAction(str(path), _slot(lambda p=path: self.open_draft(p)))
        if not paths:
            self.recent_menu.addAction("（还没有）").setEnabled(False)

    # ---- export, preview, print (ui.output) ------------------------------------------
    def export(self, kind: str) -> Path | None:
        from ui.output import export_report

        return export_report(self, kind)

    def preview(self):
        from ui.output import open_preview

        return open_preview(self)

    def print_report(self) -> bool:
        from ui.output import print_report

        return print_report(self)

    def error_count(self) -> int:
        return sum(f.severity == ERROR for f in self.document.findings)

    def about_text(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("nianbao")
        except PackageNotFoundError:
            number = "开发版"
        folder = recovery.data_dir()
        return (
            f"年报助手 {number}\n政府信息公开工作年度报告的编写、检查与排版。本程序不联网，所有内容只保存在本机。\n\n"
            f"草稿：保存在您选择的位置（上一版本自动保留为 .bak 文件）。\n"
            f"自动备份：{folder / 'autosave'}\n"
            f"设置（最近打开的草稿、窗口大小）：{self.settings.path}"
        )

    def show_about(self) -> None:
        dialogs.inform(self, "关于年报助手", self.about_text())

    # ---- closing -----------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.settings.set_geometry(self.saveGeometry())
        self.session.discard()
        self.document.undo_stack.clear()  # while the window still exists (notes §2d)
        event.accept()

    def start(self, path: Path | None = None) -> None:
        """What happens at launch: offer crash recovery, then open the given draft or show the start page."""
        recovery.remove_stale_temp_files(self.session.folder)
        if self.offer_recovery():
            return
        if path is not None:
            self.open_draft(Path(path))
