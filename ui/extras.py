"""Menu actions and start-page buttons for import, last year's draft and 复制为网页; text marks.

Kept apart from ui.window so the main window stays small: `install_extras(window)` adds
the actions to the 文件 menu next to their relatives and wires the start page's buttons.
"""

from __future__ import annotations

from ui.qt import QAction, QKeySequence, QLabel
from ui.widgets import quiet_slot


def _action(window, text: str, slot, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(quiet_slot(slot))
    return action


def install_extras(window) -> None:
    from ui.importing import import_report
    from ui.previous import attach_previous, new_from_previous
    from ui.text_marks import TextMarker
    from ui.webcopy import copy_as_html

    file_menu = _menu_of(window, window.open_action)
    window.new_from_previous_action = _action(window, "新建（以上年草稿为基础）…", lambda: new_from_previous(window))
    window.import_action = _action(window, "导入往年报告…", lambda: import_report(window))
    file_menu.insertActions(window.open_action, [window.new_from_previous_action, window.import_action])

    window.attach_previous_action = _action(window, "设置上年草稿（用于核对）…", lambda: attach_previous(window))
    window.copy_html_action = _action(window, "复制为网页", lambda: copy_as_html(window), "Ctrl+Shift+C")
    window.copy_html_action.setToolTip("把报告（含表格）复制为网页格式，可直接粘贴到政府网站的编辑器中")
    file_menu.insertAction(window.export_docx_action, window.attach_previous_action)
    file_menu.insertSeparator(window.export_docx_action)
    file_menu.insertAction(window.preview_action, window.copy_html_action)
    window.report_actions += [window.attach_previous_action, window.copy_html_action]
    for action in (window.attach_previous_action, window.copy_html_action):
        action.setEnabled(window.has_report and window.screens.currentWidget() is window.editor)

    window.start_page.import_button.clicked.connect(quiet_slot(lambda: import_report(window)))
    window.text_marker = TextMarker(window)  # a click on a text finding colours its sentences

    window.previous_label = QLabel()
    window.previous_label.setVisible(False)
    window.statusBar().addPermanentWidget(window.previous_label)
    window.document.findings_changed.connect(lambda: _show_previous(window))


def _show_previous(window) -> None:
    previous = window.document.previous
    window.previous_label.setVisible(previous is not None)
    if previous is not None:
        window.previous_label.setText(f"核对用上年草稿：{previous.meta.year}年度")


def _menu_of(window, action: QAction):
    """The menu bar's menu that holds this action."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None and action in menu.actions():
            return menu
    raise LookupError(action.text())
