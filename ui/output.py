"""Export (DOCX, PDF), in-program preview and printing. Loaded on first use: the exporters,
reportlab and QtPdf stay out of start-up."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from app.atomic import ReadOnlyTarget, SaveError
from app.errors import os_reason
from ui import dialogs
from ui.busy import busy
from ui.qt import QDialog, QHBoxLayout, QLabel, QPainter, QPushButton, QSize, Qt, QTimer, QVBoxLayout, pdf_modules

PRINT_DPI = 300  # ample for text; 600 dpi would take 139 MB per A4 page (notes §2g)
MAX_LISTED_GLYPHS = 12
# The exporters are readied this long after start-up or the clerk's last edit, so the
# first 导出/打印预览 does not wait for reportlab and the fonts (~1 s).
WARM_UP_IDLE_MS = 1500

_warm_up: threading.Thread | None = None


def _exporter():
    """app.export, loaded on first use: reportlab stays out of the start-up."""
    import app.export

    return app.export


def warm_up_in_background() -> threading.Thread | None:
    """Ready the exporters (app.export.prepare) in a background thread, once per process.
    It does no Qt work; an export started meanwhile simply waits for what it needs."""
    global _warm_up
    export = _exporter()
    if _warm_up is None and export is not None:
        _warm_up = threading.Thread(target=_prepare, args=(export,), name="nianbao-export-warm-up", daemon=True)
        _warm_up.start()
    return _warm_up


def warm_up_now() -> None:
    if _warm_up is None:
        pdf_modules()  # QtPdf for 打印预览: a few ms, here in the main thread (it is Qt)
    warm_up_in_background()


def _prepare(export) -> None:
    try:
        export.prepare()
    except Exception:  # e.g. FontError: the export itself reports it to the clerk
        pass


def warm_up_when_idle(window, idle_ms: int = WARM_UP_IDLE_MS) -> QTimer:
    """Start the warm-up once the clerk has not edited anything for idle_ms (not during
    start-up, not between keystrokes)."""
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.setInterval(idle_ms)
    timer.timeout.connect(warm_up_now)

    def edited(*_args) -> None:
        if _warm_up is None:
            timer.start()

    window.document.cells_changed.connect(edited)
    window.document.text_changed.connect(edited)
    timer.start()
    return timer


def _glyph_text(missing) -> str:
    lines = [g.label for g in missing[:MAX_LISTED_GLYPHS]]
    if len(missing) > MAX_LISTED_GLYPHS:
        lines.append(f"……共{len(missing)}处")
    return "\n".join(lines)


def confirm_output(window, what: str) -> bool:
    """Before exporting or printing: errors still in the report, characters no font can draw."""
    errors = window.error_count()
    with busy():  # loads the exporters and fonts if the idle warm-up has not yet done so
        missing = _exporter().missing_glyphs(window.document.report)
    if errors:
        answer = dialogs.choose(
            window,
            f"仍要{what}吗？",
            f"报告中还有{errors}个错误（见下方检查结果）。仍要{what}吗？",
            [f"仍要{what}", "取消"],
            default=1,
            icon=dialogs.QMessageBox.Icon.Warning,
        )
        if answer != 0:
            return False
    if missing:
        answer = dialogs.choose(
            window,
            "有无法显示的字",
            f"以下{len(missing)}个字在本机的字体中都没有，{what}后会显示为空白或方框。请改用常用字，或继续{what}：\n\n{_glyph_text(missing)}",
            [f"继续{what}", "取消"],
            default=1,
            icon=dialogs.QMessageBox.Icon.Warning,
        )
        if answer != 0:
            return False
    return True


def export_report(window, kind: str) -> Path | None:
    """导出DOCX / 导出PDF with a file dialog; a locked target lets the clerk choose another name."""
    export = _exporter()
    label = "DOCX" if kind == "docx" else "PDF"
    if not confirm_output(window, "导出"):
        return None
    render = export.render_docx if kind == "docx" else export.render_pdf
    suffix = f".{kind}"
    suggested = window.files.suggested_path(suffix, "exports")
    while True:
        path = dialogs.save_path(
            window, f"导出{label}", suggested, dialogs.DOCX_FILTER if kind == "docx" else dialogs.PDF_FILTER
        )
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            export.check_export_targets([path], draft=window.document.path)
            with busy():
                render(window.document.report, path)
        except ReadOnlyTarget as exc:
            if not dialogs.ask_replace_read_only(window, exc):
                suggested = str(path)
                continue
            try:
                with busy():
                    render(window.document.report, path, replace_read_only=True)
            except SaveError as again:
                dialogs.warn(window, f"导出{label}失败", f"{again}\n\n报告内容没有丢失。")
                suggested = str(path)
                continue
        except SaveError as exc:
            dialogs.warn(
                window,
                f"导出{label}失败",
                f"{exc}\n\n如果这个文件正在Word、WPS或PDF阅读器中打开，请先关闭它，或另选文件名。报告内容没有丢失。",
            )
            suggested = str(path)
            continue
        window.settings.set_folder("exports", path.parent)
        window.statusBar().showMessage(f"已导出{label}：{path}", 8000)
        return path


def render_temp_pdf(window) -> Path | None:
    export = _exporter()
    folder = Path(tempfile.mkdtemp(prefix="nianbao-"))
    path = folder / "预览.pdf"
    try:
        with busy():
            export.render_pdf(window.document.report, path)
    except SaveError as exc:
        dialogs.warn(window, "打印预览", str(exc))
        return None
    return path


class PreviewDialog(QDialog):
    """The PDF pages as they will print: QPdfView, all pages, fit to width."""

    def __init__(self, window, pdf_path: Path):
        super().__init__(window)
        QtPdf, QtPdfWidgets, _ = pdf_modules()
        self.window_ = window
        self.pdf_path = pdf_path
        self.setWindowTitle("打印预览 — " + window.document.report.title)
        self.pdf = QtPdf.QPdfDocument(self)
        self.pdf.load(str(pdf_path))
        self.view = QtPdfWidgets.QPdfView(self)
        self.view.setPageMode(QtPdfWidgets.QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"共{self.pdf.pageCount()}页，A4"))
        row.addStretch(1)
        self.zoom_button = QPushButton("整页显示")
        self.zoom_button.setCheckable(True)
        self.zoom_button.toggled.connect(self._zoom)
        row.addWidget(self.zoom_button)
        self.print_button = QPushButton("打印…")
        self.close_button = QPushButton("关闭")
        row.addWidget(self.print_button)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.print_button.clicked.connect(self._print)
        self.close_button.clicked.connect(self.accept)
        self.finished.connect(self._clean_up)
        self.resize(QSize(min(900, window.width() - 40), max(400, window.height() - 40)))

    def _zoom(self, whole_page: bool):
        _, QtPdfWidgets, _ = pdf_modules()
        mode = QtPdfWidgets.QPdfView.ZoomMode
        self.view.setZoomMode(mode.FitInView if whole_page else mode.FitToWidth)

    def _clean_up(self, *_):
        self.view.setDocument(None)
        self.pdf.close()  # Windows keeps a loaded file locked
        _remove_temp(self.pdf_path)

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def _print(self):
        printer = dialogs.printer(self)
        if printer is not None:
            with busy():
                print_pdf(self.pdf_path, printer)
            self.window_.statusBar().showMessage("已发送到打印机", 5000)


def _remove_temp(pdf_path: Path) -> None:
    shutil.rmtree(pdf_path.parent, ignore_errors=True)


def open_preview(window) -> PreviewDialog | None:
    if not confirm_output(window, "预览"):
        return None
    path = render_temp_pdf(window)
    if path is None:
        return None
    with busy():  # QtPdf is loaded on first use
        dialog = PreviewDialog(window, path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def print_pdf(pdf_path: Path, printer) -> int:
    """Raster printing (QtPdf cannot print vectors): each page at ≤300 dpi onto the printer; returns pages."""
    QtPdf, _, QtPrintSupport = pdf_modules()
    from ui.qt import QtCore, QtGui

    document = QtPdf.QPdfDocument()
    document.load(str(pdf_path))
    count = document.pageCount()
    printer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    printer.setFullPage(True)  # the PDF carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印（打印机不可用）")
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for page in range(count):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            target = printer.pageRect(QtPrintSupport.QPrinter.Unit.DevicePixel)
            painter.drawImage(QtCore.QRectF(0, 0, target.width(), target.height()), image)
            del image
    finally:
        painter.end()
        document.close()
    return count


def print_report(window) -> bool:
    if not confirm_output(window, "打印"):
        return False
    printer = dialogs.printer(window)
    if printer is None:
        return False
    path = render_temp_pdf(window)
    if path is None:
        return False
    try:
        with busy():
            pages = print_pdf(path, printer)
    except OSError as exc:
        dialogs.warn(window, "打印失败", str(exc) if exc.errno is None else os_reason(exc))
        return False
    finally:
        _remove_temp(path)
    window.statusBar().showMessage(f"已打印{pages}页", 5000)
    return True
