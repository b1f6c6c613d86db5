"""审阅多份报告: the county office's desk — every report of a folder in one table.

A worker thread runs app.review.review_folder (the window stays responsive and shows each
report as it is read, with a progress bar and 取消); the table sorts and filters by any column
(QSortFilterProxyModel); the selected report's findings stand beside it; a double-click opens
the report in the wizard (a draft as itself, a published file through the import → new
unsaved draft path of 导入往年报告); the workbook and the printable 审核意见 are exported from here.
"""

from __future__ import annotations

import gc
import sys
import threading
from decimal import Decimal
from html import escape
from pathlib import Path

from app import review_pool  # noqa: F401 — imported with the window, not while it reads
from app.atomic import SaveError
from app.review import (
    DRAFT,
    FIGURE_NAMES,
    ReviewError,
    ReviewResult,
    ReviewRow,
    finding_lines,
    review_folder,
    shown_figure,
    summary_lines,
)
from ui import dialogs
from ui.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QtCore,
    QtGui,
    QtWidgets,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import heading_label, hint_label, quiet_slot

FOLDER_KIND = "review"
PREVIOUS_KIND = "review-previous"
XLSX_FILTER = "Excel工作簿 (*.xlsx)"

COLUMNS = (
    "文件",
    "机关",
    "年度",
    "类型",
    "状态",
    "错误",
    "提醒",
    *FIGURE_NAMES,
    "上年报告",
    "与上年重复",
)
# Plain ints, converted once: turning a Qt enum into its value costs a Python call, and a model
# of 60 reports sets a thousand items (measured: 0.2 s of the window's time under load).
SORT_ROLE = Qt.ItemDataRole.UserRole.value
ROW_ROLE = SORT_ROLE + 1
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
ALIGN_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


def choose_folder(parent: QWidget | None, title: str, start: str) -> Path | None:
    """A folder picker (tests replace it, as they do ui.dialogs)."""
    folder = QtWidgets.QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None


def _cells(row: ReviewRow) -> list[tuple[str, object]]:
    """(shown text, sort key) for each column of a row."""
    if not row.readable:
        blank = [("", -1)] * (len(COLUMNS) - 5)
        return [
            (row.path.name, row.path.name),
            ("（无法读取）", ""),
            ("", 0),
            (row.kind_label, row.kind_label),
            ("无法读取", 3),
            *blank,
        ]
    status_rank = 2 if row.errors else 1 if row.warnings else 0
    share = row.repeated_share
    prev = f"{row.previous.year}年度" if row.previous is not None else ("未找到" if row.match_note else "")
    out = [
        (row.path.name, row.path.name),
        (row.organ, row.organ),
        (str(row.year), row.year),
        (row.kind_label, row.kind_label),
        (row.status, status_rank),
        (str(row.errors), row.errors),
        (str(row.warnings), row.warnings),
    ]
    for name in FIGURE_NAMES:
        value = row.figures.get(name)
        out.append(
            (
                shown_figure(value),
                -1 if value is None else float(value) if isinstance(value, Decimal) else value,
            )
        )
    out.append((prev, prev))
    out.append(("" if share is None else f"{share:.0%}", -1 if share is None else share))
    return out


STATUS_COLOUR = {"error": "#b00020", "warning": "#8a5a00", "fine": "#2e7d32"}


class ReviewModel(QtGui.QStandardItemModel):
    """One row per report; rows arrive one by one while reading, then the checked result replaces them.

    The items hold their text and sort key in C++ (QStandardItem), so painting, sorting and
    filtering never call into Python: while the worker thread holds the interpreter, every
    call from the GUI thread into Python would wait for it, and a repaint of the table would
    stall the window (measured: 200–500 ms with a Python data(); bench/review.py).
    """

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.rows: list[ReviewRow] = []

    def _items(self, row: ReviewRow) -> list:
        status = "error" if not row.readable or row.errors else "warning" if row.warnings else "fine"
        items = []
        for column, (text, key) in enumerate(_cells(row)):
            item = QtGui.QStandardItem(text)
            item.setData(key, SORT_ROLE)
            if column >= COLUMNS.index("错误"):
                item.setData(ALIGN_RIGHT, ALIGNMENT_ROLE)
            if COLUMNS[column] == "状态":
                item.setForeground(QColor(STATUS_COLOUR[status]))
            if not row.readable:
                item.setToolTip(row.problem)
            items.append(item)
        return items

    def clear_rows(self) -> None:
        self.removeRows(0, self.rowCount())
        self.rows = []

    def add_row(self, row: ReviewRow) -> None:
        self.rows.append(row)
        items = self._items(row)
        items[0].setData(len(self.rows) - 1, ROW_ROLE)
        self.appendRow(items)

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.clear_rows()
        for row in rows:
            self.add_row(row)

    def row_of(self, source_row: int) -> ReviewRow:
        return self.rows[self.index(source_row, 0).data(ROW_ROLE)]


class ReviewProxy(QtCore.QSortFilterProxyModel):
    """Sorts by the sort key (numbers as numbers, in C++); filters on any column or one chosen column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class ReviewWorker(QtCore.QThread):
    """Reads and checks the folder off the GUI thread; rows and progress come back as signals.

    The outcome (`result`, or `error`) is taken up on `finished`, once this thread has ended:
    while it lives it competes for Python's interpreter lock with every Qt call of the GUI
    thread, and building the table's final rows during that contest stalled the window
    (measured: 0.5–1 s under load; bench/review.py).
    """

    row_read = Signal(object)  # ReviewRow, as soon as it is read
    progressed = Signal(int, int, str)

    def __init__(self, folder: Path, previous: Path | None, parent=None):
        super().__init__(parent)
        self.folder, self.previous = folder, previous
        self.stop = threading.Event()
        self.result: ReviewResult | None = None
        self.error = ""

    # While the worker runs, the interpreter is handed over every millisecond instead of every
    # 5 ms: each call of the GUI thread into Python (a timer, a signal, a row added) waits for
    # the worker to hand it over, and several such waits in one event made the window stall.
    SWITCH_INTERVAL = 0.001

    def run(self) -> None:
        previous = sys.getswitchinterval()
        sys.setswitchinterval(min(previous, self.SWITCH_INTERVAL))
        try:
            self._review()
        finally:
            sys.setswitchinterval(previous)

    def _review(self) -> None:
        try:
            result = review_folder(
                self.folder,
                self.previous,
                progress=self.progressed.emit,
                cancel=self.stop,
                on_row=self.row_read.emit,
                # Every published file in worker processes, even a few: read in this thread, a
                # PDF holds the interpreter for 0.1–1 s and leaves some 8000 objects in cycles,
                # whose collection then stops the GUI thread as well (measured: 90–190 ms each).
                pool=True,
            )
        except ReviewError as exc:
            self.error = str(exc)
            return
        except Exception as exc:  # the thread must always report back to the window
            self.error = f"审阅中断：{type(exc).__name__}: {exc}"
            return
        self.result = result


class ReviewWindow(QWidget):
    """审阅多份报告 (a top-level window; the main window keeps it)."""

    open_requested = Signal(object)  # ReviewRow double-clicked
    review_done = Signal()  # the reading ended and its rows are all shown (or it failed)
    FLUSH_MS = 100
    # The checked rows are set into the new model this many per turn of the event loop: 60
    # reports at once took 20–50 ms of the GUI thread (1000 items), under load up to 100 ms.
    FILL_ROWS = 8

    def __init__(self, settings=None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.settings = settings
        self.setWindowTitle("审阅多份报告 - 年报助手")
        self.result: ReviewResult | None = None
        self.worker: ReviewWorker | None = None
        self.folder: Path | None = None
        self.previous: Path | None = None

        outer = QVBoxLayout(self)
        outer.addWidget(heading_label("审阅多份报告"))
        outer.addWidget(
            hint_label(
                "选择放有各乡镇、各部门报告的文件夹（草稿.nianbao，或已发布的PDF、Word、网页、文本），"
                "可再选上一年度报告的文件夹用于核对结转数和照搬上年的文字。只读取，不会改动其中任何文件。"
            )
        )
        bar = QHBoxLayout()
        self.folder_button = QPushButton("选择文件夹…")
        self.previous_button = QPushButton("上年文件夹…")
        self.folder_label = QLabel("（未选择）")
        self.previous_label = QLabel("")
        for label in (
            self.folder_label,
            self.previous_label,
        ):  # long paths never widen the window
            label.setSizePolicy(
                QtWidgets.QSizePolicy.Policy.Ignored,
                QtWidgets.QSizePolicy.Policy.Preferred,
            )
            label.setMinimumWidth(120)
        self.start_button = QPushButton("重新审阅")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v / %m")
        self.progress.setMaximumWidth(220)
        # the file being read, or what was just done: one line of a fixed width, elided
        self.reading_label = QLabel("")
        self.reading_label.setFixedWidth(300)
        self.flush_timer = QtCore.QTimer(self)
        self.flush_timer.setInterval(self.FLUSH_MS)
        self.flush_timer.timeout.connect(self._flush)
        self._pending_rows: list[ReviewRow] = []
        # the checked result being set into a new model, a few rows per turn (FILL_ROWS)
        self._filling: tuple[ReviewResult, ReviewModel, int] | None = None
        self.fill_timer = QtCore.QTimer(self)
        self.fill_timer.setInterval(0)
        self.fill_timer.timeout.connect(self._fill_some)
        self._pending_progress: tuple[int, int, str] | None = None
        bar.addWidget(self.folder_button)
        bar.addWidget(self.folder_label, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.previous_label, 1)
        for w in (
            self.reading_label,
            self.progress,
            self.cancel_button,
            self.start_button,
        ):
            bar.addWidget(w)
        outer.addLayout(bar)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("筛选："))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("输入机关、文件名、状态或数字")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_column = QComboBox()
        self.filter_column.addItem("所有列", -1)
        for i, name in enumerate(COLUMNS):
            self.filter_column.addItem(name, i)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.filter_column)
        self.xlsx_button = QPushButton("导出审阅表（Excel）…")
        self.pdf_button = QPushButton("导出审核意见（PDF）…")
        filters.addWidget(self.xlsx_button)
        filters.addWidget(self.pdf_button)
        outer.addLayout(filters)

        self.model = ReviewModel(self)
        self.proxy = ReviewProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # reading order until a heading is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
        )  # items stay read-only (no setEditable: 0.3 ms per item)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for i, width in enumerate(
            (
                120,
                112,
                44,
                48,
                70,
                36,
                36,
                *(52 if len(n) < 5 else 124 for n in FIGURE_NAMES),
                70,
                70,
            )
        ):
            self.table.setColumnWidth(i, width)
        self.details = QtWidgets.QTextBrowser()
        self.details.setOpenLinks(False)
        # also lays out Chinese text once now, not in the middle of reading
        self.details.setHtml("<p style='color:#555555'>选择表格中的一行，在这里查看这份报告的问题。</p>")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 420])
        outer.addWidget(split, 1)
        # the counts, the county total and what holds across reports; a fixed height, so that
        # new text never lays the whole window out again
        self.summary = QtWidgets.QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setFixedHeight(8 * self.fontMetrics().lineSpacing() + 12)
        outer.addWidget(self.summary)

        self.folder_button.clicked.connect(quiet_slot(self.choose_folder))
        self.previous_button.clicked.connect(quiet_slot(self.choose_previous))
        self.start_button.clicked.connect(quiet_slot(self.start))
        self.cancel_button.clicked.connect(self.cancel)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_column.currentIndexChanged.connect(lambda _i: self._filter(self.filter_edit.text()))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_details(current))
        self.table.doubleClicked.connect(self._double_clicked)
        self.xlsx_button.clicked.connect(quiet_slot(self.export_xlsx))
        self.pdf_button.clicked.connect(quiet_slot(self.export_pdf))
        self._update_buttons()
        self.resize(1280, 720)
        app = QtWidgets.QApplication.instance()
        if app is not None:  # the main window closed while reading: the program quits cleanly
            app.aboutToQuit.connect(self.stop_reading)

    # ---- reading -----------------------------------------------------------------------
    def choose_folder(self) -> bool:
        start = self.settings.folder(FOLDER_KIND) if self.settings else ""
        folder = choose_folder(self, "选择放有各报告的文件夹", start)
        if folder is None:
            return False
        if self.settings:
            self.settings.set_folder(FOLDER_KIND, folder)
        self.start(folder, self.previous)
        return True

    def choose_previous(self) -> bool:
        start = self.settings.folder(PREVIOUS_KIND) if self.settings else ""
        folder = choose_folder(self, "选择上一年度报告的文件夹", start)
        if folder is None:
            return False
        if self.settings:
            self.settings.set_folder(PREVIOUS_KIND, folder)
        self.previous = folder
        if self.folder is not None:
            self.start(self.folder, folder)
        else:
            self._show_folders()
        return True

    def _show_folders(self) -> None:
        for label, text in (
            (self.folder_label, str(self.folder) if self.folder else "（未选择）"),
            (self.previous_label, f"上年：{self.previous}" if self.previous else ""),
        ):
            label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, max(label.width(), 160)))
            label.setToolTip(text)

    def start(self, folder: Path | None = None, previous: Path | None = None) -> None:
        """Read `folder` (default: the one shown) in the worker thread."""
        if self.busy:
            return
        self.folder = Path(folder) if folder is not None else self.folder
        self.previous = Path(previous) if previous is not None else self.previous
        if self.folder is None:
            self.choose_folder()
            return
        self._show_folders()
        self.result = None
        self.model.clear_rows()
        self.details.clear()
        self.summary.setPlainText("正在读取…")
        self.progress.setRange(0, 0)
        worker = ReviewWorker(self.folder, self.previous, self)
        # Rows and progress are gathered and shown every FLUSH_MS: drafts are read in a millisecond
        # each, and a table insertion and a relaid label for each would flood the event loop.
        self._pending_rows, self._pending_progress = [], None
        worker.row_read.connect(self._row_read)  # a method: queued to this (the GUI) thread
        worker.progressed.connect(self._progressed)
        self.flush_timer.start()
        worker.finished.connect(self._worker_done)
        self.worker = worker
        self._update_buttons()
        # The program's long-lived objects (modules, Qt's wrappers, fonts) leave the collector's
        # generations, once: a full collection during the review then scans only the review's
        # own objects (one took 0.37 s of the window's time while the last rows were shown).
        if not gc.get_freeze_count():
            gc.freeze()
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop.set()
            self.cancel_button.setEnabled(False)
            self._say("正在取消…")

    @property
    def busy(self) -> bool:
        """Reading, or still showing what was read."""
        return self.worker is not None or self._filling is not None

    def _say(self, text: str) -> None:
        metrics = self.reading_label.fontMetrics()
        self.reading_label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, self.reading_label.width()))

    def _row_read(self, row: ReviewRow) -> None:
        self._pending_rows.append(row)

    def _progressed(self, done: int, total: int, name: str) -> None:
        self._pending_progress = (done, total, name)

    def _flush(self) -> None:
        rows, self._pending_rows = self._pending_rows, []
        for row in rows:
            self.model.add_row(row)
        if self._pending_progress is not None:
            done, total, name = self._pending_progress
            self._pending_progress = None
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            if name:
                self._say(f"{done}/{total}  {name}")

    def _reviewed(self, result: ReviewResult) -> None:
        """Fill a new model with the checked rows, FILL_ROWS per turn of the event loop; the
        table shows the rows as read meanwhile."""
        self.flush_timer.stop()
        self._pending_rows, self._pending_progress = [], None
        self._filling = (result, ReviewModel(self), 0)
        self.fill_timer.start()

    def _fill_some(self) -> None:
        if self._filling is None:
            self.fill_timer.stop()
            return
        result, model, done = self._filling
        for row in result.rows[done : done + self.FILL_ROWS]:
            model.add_row(row)
        done += self.FILL_ROWS
        if done < len(result.rows):
            self._filling = (result, model, done)
            return
        self.fill_timer.stop()
        self._filling = None
        self._show_result(result, model)
        self._finish_progress()
        self._update_buttons()
        self.review_done.emit()

    def _show_result(self, result: ReviewResult, model: ReviewModel) -> None:
        """Swap the filled model in at once: one reset instead of a reset and an insertion (with
        its re-sorting) per row."""
        self.result = result
        old, self.model = self.model, model
        self.proxy.setSourceModel(model)
        old.deleteLater()
        self._say("")
        lines = summary_lines(result)
        figures = "，".join(f"{n}{shown_figure(result.totals.get(n))}" for n in FIGURE_NAMES)
        total = f"全县合计（{len(result.counted)}份{f'，{result.year}年度' if result.year else ''}）：{figures}"
        self.summary.setPlainText("\n".join([lines[0], total, *lines[1:]]))
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _failed(self, message: str) -> None:
        self.summary.setPlainText(message)
        dialogs.warn(self, "无法审阅", message)

    def _worker_done(self) -> None:
        self.flush_timer.stop()
        worker, self.worker = self.worker, None
        if worker is not None:
            if worker.result is not None:
                self._reviewed(worker.result)
            elif worker.error:
                self._failed(worker.error)
            worker.deleteLater()
        self._update_buttons()
        if self._filling is None:
            self._finish_progress()
            self.review_done.emit()

    def _finish_progress(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if self.result is not None and not self.result.cancelled else 0)

    def _update_buttons(self) -> None:
        busy = self.busy
        self.cancel_button.setEnabled(self.worker is not None)
        self.start_button.setEnabled(not busy and self.folder is not None)
        self.folder_button.setEnabled(not busy)
        self.previous_button.setEnabled(not busy)
        done = self.result is not None and bool(self.result.rows)
        self.xlsx_button.setEnabled(done and not busy)
        self.pdf_button.setEnabled(done and not busy)

    def wait(self, ms: int = 30000) -> None:
        """For tests and closing: let the worker finish."""
        if self.worker is not None:
            self.worker.wait(ms)

    def stop_reading(self) -> None:
        """Cancel and let the worker thread end (a QThread destroyed while running aborts the program)."""
        if self.worker is not None:
            self.worker.stop.set()
            self.worker.wait(10000)

    def closeEvent(self, event) -> None:
        self.stop_reading()
        super().closeEvent(event)

    # ---- the table ----------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.setFilterKeyColumn(self.filter_column.currentData())
        self.proxy.setFilterFixedString(text.strip())

    def row_at(self, proxy_index) -> ReviewRow | None:
        if not proxy_index.isValid():
            return None
        return self.model.row_of(self.proxy.mapToSource(proxy_index).row())

    def _show_details(self, proxy_index) -> None:
        row = self.row_at(proxy_index)
        self.details.setHtml(details_html(row) if row is not None else "")

    def _double_clicked(self, proxy_index) -> None:
        row = self.row_at(proxy_index)
        if row is not None and row.readable:
            self.open_requested.emit(row)

    # ---- exports ------------------------------------------------------------------------
    def _target(self, title: str, suffix: str, filter: str) -> Path | None:
        assert self.folder is not None
        # beside the folder, never in it: the next review would read the 审核意见 as a report
        suggested = self.folder.parent / f"{self.folder.name}-审阅{suffix}"
        path = dialogs.save_path(self, title, str(suggested), filter)
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if path.parent.resolve() == self.folder.resolve() and suffix == ".pdf":
            dialogs.warn(
                self,
                "请另选位置",
                "审核意见不能保存在被审阅的文件夹中，否则下次审阅会把它当作报告读取。",
            )
            return None
        return path

    def export_xlsx(self) -> Path | None:
        from app.review_xlsx import write_workbook

        return self._export(
            "导出审阅表",
            ".xlsx",
            XLSX_FILTER,
            lambda result, path: write_workbook(result, path),
        )

    def export_pdf(self) -> Path | None:
        from app.review_pdf import write_review_pdf

        return self._export("导出审核意见", ".pdf", dialogs.PDF_FILTER, write_review_pdf)

    def _export(self, title: str, suffix: str, filter: str, write) -> Path | None:
        if self.result is None:
            return None
        path = self._target(title, suffix, filter)
        if path is None:
            return None
        try:
            write(self.result, path)
        except SaveError as exc:
            dialogs.warn(self, "无法保存", str(exc))
            return None
        self._say(f"已保存：{path}")
        self.reading_label.setToolTip(str(path))
        return path


def details_html(row: ReviewRow) -> str:
    """The findings of one report, beside the table."""
    colours = {
        "错误": "#b00020",
        "提醒": "#8a5a00",
        "无法读取": "#b00020",
        "跨报告": "#1a5fb4",
        "导入说明": "#555555",
    }
    if row.readable:
        head = f"<h3>{escape(row.organ)}</h3><p>{escape(row.path.name)} · {row.year}年度 · {escape(row.kind_label)}<br>"
        head += f"{escape(row.format_name)}</p>"
        if row.match_note:
            share = "" if row.repeated_share is None else f"；正文与上年相同约{row.repeated_share:.0%}"
            head += f"<p>上年报告：{escape(row.match_note)}{share}</p>"
    else:
        head = f"<h3>{escape(row.path.name)}</h3>"
    items = []
    for line in finding_lines(row):
        where = "：".join(escape(x) for x in (line.section, line.cells) if x)
        where = f"<br><span style='color:#555555'>{where}</span>" if where else ""
        colour = colours.get(line.kind, "#000000")
        items.append(f"<li><b style='color:{colour}'>{line.kind}</b> {escape(line.message)}{where}</li>")
    body = "<ol>" + "".join(items) + "</ol>" if items else "<p>未发现问题。</p>"
    hint = "<p style='color:#555555'>双击表格中的这一行，可在向导中打开这份报告。</p>" if row.readable else ""
    return head + body + hint


# ---- the hook in the main window -----------------------------------------------------------


def show_review(window) -> ReviewWindow:
    """文件 > 审阅多份报告… and the start page's button: one review window per main window."""
    review = getattr(window, "review_window", None)
    if review is None:
        review = ReviewWindow(window.settings, window)
        review.open_requested.connect(lambda row: quiet_slot(lambda: open_in_wizard(window, row))())
        window.review_window = review
    review.show()
    review.raise_()
    review.activateWindow()
    if review.folder is None and review.worker is None:
        review.choose_folder()
    return review


def open_in_wizard(window, row: ReviewRow) -> bool:
    """A draft opens as itself; a published file goes through 导入往年报告 (its import report, then
    a new unsaved draft), so nothing is ever written next to the original."""
    from ui.importing import import_report_file

    window.raise_()
    window.activateWindow()
    if row.kind == DRAFT:
        return window.open_draft(row.path)
    return import_report_file(window, row.path)
