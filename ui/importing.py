"""导入往年报告: a published report (Word, PDF, text, saved web page, or pasted text) becomes a new draft.

The reading is done by app.importer; this module only asks where the report comes from,
shows the import report (what was recognised, what was left out, the original's slips)
and opens the result as a new unsaved draft. Nothing changes unless the clerk confirms.

The reading runs on a worker thread while the window shows a progress dialog with 取消: a
large file never freezes the window, and 取消 leaves everything as it was (the worker's
result, when it comes, is dropped; the file limits in app.limits bound how long that takes).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path

from app.errors import UserError
from app.importer import (
    BY_POSITION,
    MISSING,
    SLIP,
    TOTAL,
    UNPLACED,
    ImportResult,
    NotAReport,
    import_file,
    import_text,
    render_import_report,
)
from app.importer.core import MAX_YEAR, MIN_YEAR
from ui import dialogs
from ui.busy import busy
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEventLoop,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    Qt,
    QTextEdit,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import heading_label, hint_label

IMPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".html", ".htm")
IMPORT_FILTER = f"往年报告 ({' '.join('*' + s for s in IMPORT_SUFFIXES)});;所有文件 (*)"
FOLDER_KIND = "imports"
QUICK_IMPORT_S = 0.15  # an import this quick shows no progress dialog at all
POLL_MS = 25


class Cancelled(Exception):
    """The clerk pressed 取消 while the import was running."""


def in_background(window, label: str, work: Callable[[], ImportResult]) -> ImportResult:
    """Run `work` on a worker thread; the window stays responsive and shows a progress dialog
    (busy indicator, `label`, 取消). Returns its result or raises its error; raises Cancelled
    when the clerk cancels (the worker finishes unseen and its result is dropped)."""
    outcome: dict[str, object] = {}

    def target():
        try:
            outcome["result"] = work()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="nianbao-import", daemon=True)
    # A quick import (most are) finishes while the window waits without handling events: no
    # dialog flashes, and no click can reach the window while the import is half done.
    with busy():
        worker.start()
        worker.join(QUICK_IMPORT_S)
    if worker.is_alive() and _wait_with_progress(window, label, worker):
        raise Cancelled  # the worker finishes unseen; its result is dropped
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def _wait_with_progress(window, label: str, worker: threading.Thread) -> bool:
    """Until the worker ends or the clerk cancels: a modal progress dialog (the window is
    blocked, its painting and the dialog keep running). Returns whether the clerk cancelled."""
    progress = QProgressDialog(label, "取消", 0, 0, window)
    progress.setWindowTitle("导入往年报告")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if progress.wasCanceled() or not worker.is_alive() else None)
    progress.canceled.connect(loop.quit)
    progress.show()
    poll.start()
    loop.exec()
    poll.stop()
    cancelled = progress.wasCanceled()
    progress.close()
    progress.deleteLater()
    return cancelled


class PasteEdit(QPlainTextEdit):
    """Shows pasted text as plain text but keeps the web page's HTML that came with it: the
    HTML keeps the tables' merged cells, which the plain text of a table loses."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pasted_html = ""
        self._pasted_text = ""

    def insertFromMimeData(self, source):
        super().insertFromMimeData(source)
        self.pasted_html = source.html() if source.hasHtml() else ""
        self._pasted_text = self.toPlainText()

    def sources(self) -> list[str]:
        """What to import, best first: the pasted HTML unless the clerk edited the text since."""
        text = self.toPlainText()
        if self.pasted_html and text == self._pasted_text:
            return [self.pasted_html, text]
        return [text]


class ImportSourceDialog(QDialog):
    """Where the published report comes from: a file, or text pasted from the government website."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入往年报告")
        self.chosen_file = False
        lay = QVBoxLayout(self)
        lay.addWidget(heading_label("导入往年报告"))
        lay.addWidget(
            hint_label(
                "可以导入已发布的年度报告：选择Word文件（.docx）、PDF文件（.pdf，扫描件除外）、文本文件（.txt）或保存的网页（.html）；"
                "也可以在政府网站上打开报告，全选复制后粘贴在下面。导入的内容成为一份新的草稿，原文件不会被改动。"
            )
        )
        self.edit = PasteEdit()
        self.edit.setPlaceholderText("在此粘贴网页上的报告全文（Ctrl+V）")
        lay.addWidget(self.edit, 1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.file_button = QPushButton("选择文件…")
        self.paste_button = QPushButton("导入粘贴的文字")
        self.cancel_button = QPushButton("取消")
        self.paste_button.setDefault(True)
        for b in (self.file_button, self.paste_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        lay.addLayout(row)
        self.file_button.clicked.connect(self._choose_file)
        self.paste_button.clicked.connect(self._import_pasted)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(640, 440)

    def _choose_file(self):
        self.chosen_file = True
        self.accept()

    def _import_pasted(self):
        if not self.edit.toPlainText().strip():
            self.message.setText("请先粘贴报告全文，或点击“选择文件…”。")
            self.edit.setFocus()
            return
        self.chosen_file = False
        self.accept()

    def sources(self) -> list[str]:
        return self.edit.sources()


def _counts(result: ImportResult) -> str:
    names = (
        (UNPLACED, "处未能导入"),
        (BY_POSITION, "行按位置识别"),
        (TOTAL, "处合计不一致"),
        (SLIP, "处与格式不一致"),
        (MISSING, "处没有找到"),
    )
    bits = [f"{n}{label}" for kind, label in names if (n := sum(p.kind == kind for p in result.problems))]
    return "，".join(bits) if bits else "全部内容已识别"


def report_html(lines: list[str]) -> str:
    """The import report's lines: group headings bold, their items indented (all text escaped)."""
    out = []
    for line in lines:
        if line.startswith("  "):
            out.append(f'<p style="margin:0 0 0 2em;">{escape(line.strip())}</p>')
        else:
            out.append(f'<p style="margin:8px 0 2px 0;"><b>{escape(line)}</b></p>')
    return "".join(out)


class ImportReportDialog(QDialog):
    """The import report; 以此新建草稿 opens the imported report, 取消 leaves everything as it was."""

    def __init__(self, result: ImportResult, source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入结果")
        lay = QVBoxLayout(self)
        lay.addWidget(heading_label(result.report.title))
        self.summary = hint_label(
            f"来源：{source}。{_counts(result)}。未能导入的数字在草稿中按0计，请对照原文填写；"
            "导入后是一份未保存的新草稿，请检查后另存。"
        )
        lay.addWidget(self.summary)
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setHtml(report_html(render_import_report(result)))
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("以此新建草稿", QDialogButtonBox.ButtonRole.AcceptRole)
        # The first year with the program: last year's published report is the base for this year's.
        self.as_previous = False
        self.next_year_button = buttons.addButton(
            f"作为上年报告，新建{result.report.meta.year + 1}年度报告", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.next_year_button.setToolTip(
            "结转数字、机关名称、联系方式和小节标题从导入的报告带入，并用它核对结转和重复内容"
        )
        self.next_year_button.clicked.connect(self._next_year)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(760, 560)

    def _next_year(self):
        self.as_previous = True
        self.accept()


class YearDialog(QDialog):
    """The published report says nowhere which year it covers: the clerk gives it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("报告年度")
        lay = QVBoxLayout(self)
        lay.addWidget(hint_label("原报告的标题、统计期限和落款中都没有写明报告年度。请选择这份报告是哪一年度的："))
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSuffix(" 年度")
        self.year.setValue(dt.date.today().year - 1)
        lay.addWidget(self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def ask_year(window) -> int | None:
    dialog = YearDialog(window)
    return dialog.year.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _with_year(window, label: str, result: ImportResult, again: Callable[[int], ImportResult]) -> ImportResult | None:
    """The import again with the year the clerk gives, when the report does not say it (None: not given)."""
    if not result.year_unknown:
        return result
    year = ask_year(window)
    return in_background(window, label, lambda: again(year)) if year is not None else None


def import_report(window) -> bool:
    """文件 > 导入往年报告…: ask for a file or pasted text, show the import report, open the draft."""
    source = ImportSourceDialog(window)
    if source.exec() != QDialog.DialogCode.Accepted:
        return False
    if source.chosen_file:
        return import_report_file(window)
    return import_report_text(window, *source.sources())


def dropped_report(event) -> Path | None:
    """The one report file (Word, PDF, text, web page) dropped on the window, if that is what it is."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return paths[0] if len(paths) == 1 and paths[0].suffix.lower() in IMPORT_SUFFIXES else None


def import_report_file(window, path: Path | None = None) -> bool:
    if path is None:
        path = dialogs.open_path(window, "选择往年报告", window.settings.start_folder(FOLDER_KIND), IMPORT_FILTER)
        if path is None:
            return False
    path = Path(path)
    try:
        label = f"正在读取“{path.name}”……"
        result = _with_year(
            window, label, in_background(window, label, lambda: import_file(path)), lambda year: import_file(path, year)
        )
    except Cancelled:
        return _cancelled(window)
    except UserError as exc:  # not a report, too large, unreadable
        return _refused(window, str(exc))
    if result is None:
        return False
    window.settings.set_folder(FOLDER_KIND, path.parent)
    return _open_imported(window, result, f"文件“{path.name}”")


def import_report_text(window, text: str, *fallbacks: str) -> bool:
    """Pasted text; when the page's HTML is not readable as a report, its plain text is tried."""
    refusal = ""
    for candidate in (text, *fallbacks):
        try:
            result = in_background(window, "正在读取粘贴的文字……", lambda c=candidate: import_text(c))
            chosen = _with_year(window, "正在读取粘贴的文字……", result, lambda year, c=candidate: import_text(c, year))
        except Cancelled:
            return _cancelled(window)
        except NotAReport as exc:
            refusal = str(exc)
            continue
        return _open_imported(window, chosen, "粘贴的文字") if chosen else False
    return _refused(window, refusal)


def _cancelled(window) -> bool:
    window.statusBar().showMessage("已取消导入，没有任何改动。", 8000)
    return False


def _refused(window, message: str) -> bool:
    current = "当前报告没有任何改动。" if window.has_report else "没有新建草稿。"
    dialogs.warn(window, "无法导入", f"{message}\n\n{current}")
    return False


def _open_imported(window, result: ImportResult, source: str) -> bool:
    dialog = ImportReportDialog(result, source, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    # asks about unsaved changes first; as last year's, the imported report stays attached for the checks
    if not window.files.replace(lambda: window.document.import_report(result.report, as_previous=dialog.as_previous)):
        return False
    year = window.document.report.meta.year
    window.statusBar().showMessage(
        f"已导入：{result.report.title}；{year}年度报告是未保存的新草稿，请检查后保存", 10000
    )
    return True
