"""The main window: start page, the sidebar stepper, the findings panel, menus and status.

The window is built from explicit parts, each given the document (the editing session,
ui.document) and the dialogs it may ask: `files` (ui.files: new, open, save, the format),
`autosaver` (ui.autosave: the copy of unsaved work, crash recovery), `last_year`
(ui.last_year: last year's draft) and `text_marker` (ui.text_marks). The window itself
only lays out the pages and mirrors what the document reports: a replaced report
rebuilds the steps, findings recolour the sidebar, an undo on another step shows it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app import recovery
from app.checks import ERROR, Finding
from app.report import new_report
from ui import dialogs
from ui.autosave import Autosave, orphan_label, orphan_times
from ui.document import ReportDocument
from ui.files import DraftFiles
from ui.findings import META_STEP, FindingsPanel, status_icon, status_text, step_of
from ui.last_year import LastYearDraft
from ui.pages import (
    META_STEP_TITLE,
    MetaPage,
    Page,
    SubsectionsPage,
    TablesPage,
    make_page,
)
from ui.qt import (
    QAction,
    QHBoxLayout,
    QKeySequence,
    QLabel,
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
from ui.start import StartPage
from ui.text_marks import TextMarker
from ui.widgets import RowUpdatingList, quiet_slot

AUTOSAVE_ENV = "NIANBAO_AUTOSAVE_MS"
DEFAULT_AUTOSAVE_MS = 2500


def history_action(parent, text: str, slot, enabled_signal, name_signal) -> QAction:
    """撤销 or 重做 with a text that never changes; the step's name goes to the tooltip."""
    action = QAction(text, parent)
    action.setEnabled(False)
    action.setToolTip(text)
    action.triggered.connect(quiet_slot(slot))
    enabled_signal.connect(action.setEnabled)
    name_signal.connect(lambda name: action.setToolTip(f"{text}：{name}" if name else text))
    return action


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, session: recovery.Session | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.session = session or recovery.Session()  # the autosave files of this process
        self.document = ReportDocument(new_report("", dt.date.today().year - 1))
        self.has_report = False  # False until a report is created or opened
        self._pages: list[Page | None] = []
        self.sections: list = []
        self.steps: list[str] = []
        self.step_titles: list[str] = []

        interval = int(os.environ.get(AUTOSAVE_ENV, DEFAULT_AUTOSAVE_MS))
        self.autosaver = Autosave(self, self.document, self.session, self._open_in_memory, dialogs, interval)
        self.files = DraftFiles(self, self.document, self.settings, self.autosaver, dialogs)
        self.last_year = LastYearDraft(self, self.document, self.settings, self.files, dialogs)

        self.screens = QStackedWidget()
        self.setCentralWidget(self.screens)
        self._start_page: StartPage | None = None  # built when first shown (start())
        self.editor = self._build_editor()
        self.screens.addWidget(self.editor)

        self._build_actions()
        self._enable_report_actions(False)
        self._build_status_bar()
        self._connect_document()
        # a click on a text finding colours its sentences
        self.text_marker = TextMarker(self.document, self.findings_panel, self.text_editor, self.reveal_editor)

        self.setAcceptDrops(True)  # a draft dragged from Explorer opens
        self.resize(1280, 720)
        geometry = self.settings.geometry()
        self.first_run = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.update_title()

    @property
    def start_page(self) -> StartPage:
        """新建 / 打开 / 最近打开: built on first use, so that a draft given at launch opens
        without it (~10–30 ms of start-up)."""
        if self._start_page is None:
            sp = self._start_page = StartPage()
            self.screens.insertWidget(0, sp)
            sp.create_requested.connect(lambda request: quiet_slot(lambda: self.files.create_report(request))())
            sp.create_from_previous_requested.connect(
                lambda request: quiet_slot(lambda: self.last_year.new_report(request))()
            )
            sp.open_requested.connect(quiet_slot(self.files.open_dialog))
            sp.open_path_requested.connect(lambda path: quiet_slot(lambda: self.files.open_draft(path))())
            sp.back_requested.connect(quiet_slot(self.show_editor))
            sp.recover_requested.connect(lambda orphan: quiet_slot(lambda: self.autosaver.restore_orphan(orphan))())
            sp.discard_requested.connect(self.autosaver.discard_orphan)
            sp.import_button.clicked.connect(quiet_slot(self.import_report))
            sp.review_button.clicked.connect(quiet_slot(self.show_review))
            organ, contact = self.settings.organ_defaults()
            sp.set_defaults(organ, contact)
        return self._start_page

    # ---- layout ------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 6)
        self.step_list = RowUpdatingList()  # a status change repaints its own row only
        self.step_list.setWordWrap(True)
        self.step_list.setIconSize(QSize(18, 18))
        self.step_list.setSpacing(2)
        self.step_list.setMinimumWidth(170)
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
        right.setChildrenCollapsible(False)
        right.setSizes(self.settings.sizes("findings-split") or [560, 130])
        right.splitterMoved.connect(lambda *_: self.settings.set_sizes("findings-split", right.sizes()))
        self.page_split = right
        splitter.addWidget(right)
        # the steps give up a fifth of any lost width: at 150 % scaling on 1366×768 (911
        # logical pixels) the page keeps room for section 三's numbers
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
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
        action.triggered.connect(quiet_slot(slot))
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建…", self.show_start, QKeySequence.StandardKey.New, file_menu)
        self.new_from_previous_action = self._action(
            "新建（以上年草稿为基础）…", self.last_year.new_report, None, file_menu
        )
        self.import_action = self._action("导入往年报告…", self.import_report, None, file_menu)
        self.review_action = self._action("审阅多份报告…", self.show_review, None, file_menu)
        self.open_action = self._action("打开…", self.files.open_dialog, QKeySequence.StandardKey.Open, file_menu)
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.save_action = self._action("保存", self.files.save, QKeySequence.StandardKey.Save, file_menu)
        self.save_as_action = self._action("另存为…", self.files.save_as, QKeySequence("Ctrl+Shift+S"), file_menu)
        file_menu.addSeparator()
        self.attach_previous_action = self._action("设置上年草稿（用于核对）…", self.last_year.choose, None, file_menu)
        file_menu.addSeparator()
        self.export_docx_action = self._action("导出DOCX…", lambda: self.export("docx"), None, file_menu)
        self.export_pdf_action = self._action("导出PDF…", lambda: self.export("pdf"), None, file_menu)
        self.copy_html_action = self._action("复制为网页", self.copy_as_html, "Ctrl+Shift+C", file_menu)
        self.copy_html_action.setToolTip("把报告（含表格）复制为网页格式，可直接粘贴到政府网站的编辑器中")
        self.preview_action = self._action("打印预览", self.preview, None, file_menu)
        self.print_action = self._action("打印…", self.print_report, QKeySequence.StandardKey.Print, file_menu)
        file_menu.addSeparator()
        self._action("退出", self.close, QKeySequence("Ctrl+Q"), file_menu)

        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.setToolTipsVisible(True)
        stack = self.document.undo_stack  # mirrors the session's one history (ui.document)
        # Fixed short texts keep the toolbar steady; the step's full name is in the tooltip
        # (and the 编辑 menu shows tooltips).
        self.undo_action = history_action(self, "撤销", stack.undo, stack.canUndoChanged, stack.undoTextChanged)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = history_action(self, "重做", stack.redo, stack.canRedoChanged, stack.redoTextChanged)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):  # the same keys with the focus anywhere
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.fill_zeros_action = self._action("本部分全部填0…", self._fill_zeros, None, edit_menu)

        help_menu = bar.addMenu("帮助(&H)")
        self.help_action = self._action("使用说明", self.show_help, QKeySequence.StandardKey.HelpContents, help_menu)
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        help_menu.addSeparator()
        self.about_action = self._action("关于年报助手", self.show_about, None, help_menu)

        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.save_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.preview_action,
            self.print_action,
            self.export_docx_action,
            self.export_pdf_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.toolbar = toolbar
        self.report_actions = [
            self.save_action,
            self.save_as_action,
            self.export_docx_action,
            self.export_pdf_action,
            self.preview_action,
            self.print_action,
            self.attach_previous_action,
            self.copy_html_action,
        ]

    def _build_status_bar(self) -> None:
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.last_year.status_label)
        self.statusBar().addPermanentWidget(self.saved_label)

    def _connect_document(self) -> None:
        doc = self.document
        doc.report_replaced.connect(self._report_replaced)
        doc.modified_changed.connect(self._changed)
        doc.path_changed.connect(self.update_title)
        doc.findings_changed.connect(self._update_steps)
        doc.cells_changed.connect(self._changed)
        doc.text_changed.connect(self._changed)
        doc.history_moved.connect(self._show_change)

    def _report_replaced(self) -> None:
        """Another report, or the same in another format (also after its undo): new steps."""
        current = self.steps[self.step_list.currentRow()] if self.has_report and self.steps else None
        self.has_report = True
        self._rebuild_pages()
        if current in self.steps:
            self.go_to_step(self.steps.index(current))
        self.show_editor()  # also when it is already current (the draft given at launch): the report's actions
        self.findings_panel.refresh()
        self._changed()  # title, and the autosave copy of a report that exists only in memory

    def _show_change(self, changes) -> None:
        """An undo or redo changed another step: go there and to the cell or box it changed,
        so the clerk sees what changed (on the current step the focus stays where it is)."""
        step = changes.step
        if step not in self.steps or self.steps[self.step_list.currentRow()] == step:
            return
        self.go_to_step(self.steps.index(step))
        page = self.current_page()
        if not (changes.cells and page.focus_cell(changes.cells[0])):
            page.focus_field(next((t for t in changes.texts if t != "meta"), step))

    def _open_in_memory(self, report, path, message: str) -> bool:
        """A recovered report: its original file known, but unsaved until saved."""
        if not self.files.replace(lambda: self.document.replace_report(report, path, saved=False), path):
            return False
        self.statusBar().showMessage(message, 10000)
        return True

    # ---- screens and steps -------------------------------------------------------
    def show_start(self) -> None:
        self.start_page.set_recent(self.settings.existing_recent_files())
        self.start_page.set_recoveries(
            [(orphan_label(o), orphan_times(o), o) for o in recovery.find_orphans(self.session.folder)]
        )
        self.start_page.back_button.setVisible(self.has_report)
        self.screens.setCurrentWidget(self.start_page)
        self._enable_report_actions(False)
        self.update_title()
        self.start_page.organ.setFocus()

    def _enable_report_actions(self, enabled: bool) -> None:
        for action in self.report_actions:
            action.setEnabled(enabled)
        if not enabled:
            self.fill_zeros_action.setEnabled(False)

    def show_editor(self) -> None:
        if not self.has_report:
            return
        focus = self.focusWidget()
        leaving_start = self._start_page is not None and focus is not None and self._start_page.isAncestorOf(focus)
        self.screens.setCurrentWidget(self.editor)
        if leaving_start:
            # the steps take the focus, whatever order the start page was built in (it used to be
            # built first, so the focus moved on to the step list by itself)
            self.step_list.setFocus()
        self._enable_report_actions(True)
        self.fill_zeros_action.setEnabled(isinstance(self.current_page(), TablesPage) if self.steps else False)
        self.update_title()

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
                page.format_requested.connect(lambda template: quiet_slot(lambda: self.files.change_format(template))())
                page.previous_requested.connect(quiet_slot(self.last_year.choose))
                page.previous_cleared.connect(self.last_year.clear)
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
            page = self.page(index)
            self.page_stack.setCurrentIndex(index)
            self.fill_zeros_action.setEnabled(isinstance(page, TablesPage))
            self.prev_button.setEnabled(index > 0)
            self.next_button.setEnabled(index < len(self.steps) - 1)

    def text_editor(self, field: str):
        """The text widget of "intro", "s1.<i>", "s5" or "s6" (building its page if needed)."""
        section = "meta" if field == "intro" else field.split(".")[0]
        if section not in self.steps:
            return None
        page = self.page(self.steps.index(section))
        if field == "intro":
            return getattr(page, "intro", None)
        if section == "s1":
            index = int(field.split(".")[1])
            editors = getattr(page, "editors", [])
            return editors[index].body if index < len(editors) else None
        return getattr(page, "edit", None)

    def reveal_editor(self, editor) -> None:
        self.current_page().scroll.ensureWidgetVisible(editor)
        editor.setFocus()

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
            icon = status_icon(self, found)
            if item.icon().cacheKey() != icon.cacheKey():  # each change costs the row a new layout
                item.setIcon(icon)
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
        if isinstance(page, TablesPage):
            page.confirm_fill_zeros()

    def _confirm_remove_subsection(self, title: str) -> bool:
        return (
            dialogs.choose(self, "删除小节", f"小节“{title}”已有内容，确定删除吗？", ["删除", "取消"], default=1) == 0
        )

    # ---- title and status --------------------------------------------------------
    def update_title(self, *_args) -> None:
        doc = self.document
        if not self.has_report:  # the start page (or, before start(), nothing yet)
            self.setWindowTitle("开始")
            self.setWindowModified(False)
        else:
            name = doc.path.name if doc.path else "未保存的新报告"
            self.setWindowTitle(f"{name}[*] — {doc.report.title}")
            self.setWindowModified(doc.modified)
        if doc.modified:
            bits = []
            if self.files.last_saved:
                bits.append(f"上次保存 {self.files.last_saved:%H:%M:%S}")
            if self.autosaver.last_autosave:
                bits.append(f"已自动备份 {self.autosaver.last_autosave:%H:%M:%S}")
            self.saved_label.setText("未保存" + (f"（{'，'.join(bits)}）" if bits else ""))
        elif self.files.last_saved:
            self.saved_label.setText(f"已保存 {self.files.last_saved:%H:%M:%S}")
        else:
            self.saved_label.setText("已保存" if doc.path else "")

    def _changed(self, *_args) -> None:
        if self.has_report:
            self.update_title()
            self.autosaver.start()

    # ---- the parts' operations, as the menus, the start page and tests call them ----------
    def open_draft(self, path: Path) -> bool:
        return self.files.open_draft(path)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def autosave(self) -> bool:
        return self.autosaver.write()

    def import_report(self) -> bool:
        from ui.importing import import_report

        return import_report(self)

    def show_review(self):
        """审阅多份报告: the county office's window (ui.review), loaded on first use."""
        from ui.review import show_review

        return show_review(self)

    def copy_as_html(self) -> bool:
        from ui.webcopy import copy_as_html

        return copy_as_html(self)

    def _fill_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

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

    def show_help(self):
        from ui.help_window import HelpWindow

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        return self.help_window

    def show_about(self) -> None:
        dialogs.inform(self, "关于年报助手", self.about_text())

    # ---- closing -----------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.autosaver.stop()
        self.settings.set_geometry(self.saveGeometry())
        self.session.discard()
        self.document.undo_stack.clear()  # while the window still exists (notes §2d)
        event.accept()

    @staticmethod
    def _dropped_draft(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return paths[0] if len(paths) == 1 and paths[0].suffix.lower() == ".nianbao" else None

    def dragEnterEvent(self, event) -> None:
        from ui import importing  # the whole importer: loaded on first use, not at start-up

        if self._dropped_draft(event) is not None or importing.dropped_report(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self._dropped_draft(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, quiet_slot(lambda: self.files.open_draft(path)))  # not inside the drop handler
            return
        from ui import importing

        report = importing.dropped_report(event)  # a published report (PDF, Word…): 导入往年报告
        if report is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, quiet_slot(lambda: importing.import_report_file(self, report)))

    def start(self, path: Path | None = None) -> None:
        """What happens at launch: offer crash recovery, then open the given draft or show the start page.

        The start page is built only if it shows: with no draft, behind the recovery question,
        or when the draft cannot be opened (behind that message; DraftFiles.open_draft)."""
        recovery.remove_stale_temp_files(self.session.folder)
        orphans = recovery.find_orphans(self.session.folder)
        if path is None or orphans:
            self.show_start()
        if self.autosaver.offer_recovery(orphans):
            return
        if path is not None:
            self.files.open_draft(Path(path), at_launch=True)
        if not self.has_report:
            self.show_start()
