"""The one module that imports PySide6; the rest of ui/ imports Qt names from here.

QtPdf and QtPrintSupport are loaded on first use (pdf_modules()) to keep start-up fast.
"""

import ctypes  # before PySide6, which reads the source of every module imported after it (ui.main)
import sys
from pathlib import Path

import PySide6
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import (
    QByteArray,
    QDate,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


def pdf_modules():
    """(QtPdf, QtPdfWidgets, QtPrintSupport), imported only when preview or print is used."""
    from PySide6 import QtPdf, QtPdfWidgets, QtPrintSupport

    return QtPdf, QtPdfWidgets, QtPrintSupport


# Classes start-up does not use: PySide6 makes a class when it is first asked for, building its
# enums as Python enums (0.5–3 ms a class, ~14 ms for these), so these are looked up on first use
# (module __getattr__). tests/test_ui_startup.py fails if start-up asks for one of them.
_ON_FIRST_USE = {
    QtCore: (
        "QAbstractTableModel",
        "QCoreApplication",
        "QItemSelectionModel",
        "QModelIndex",
        "QPoint",
        "QRect",
        "QStandardPaths",
        "QUrl",
    ),
    QtGui: ("QBrush", "QFont", "QInputMethodEvent", "QKeyEvent", "QValidator"),
    QtWidgets: (
        "QAbstractItemView",
        "QDialogButtonBox",
        "QProgressDialog",
        "QStyledItemDelegate",
        "QTableView",
        "QTextBrowser",
    ),
}
_LATER = {name: module for module, names in _ON_FIRST_USE.items() for name in names}


def __getattr__(name: str):
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value


__all__ = [name for name in dir() if not name.startswith("_")] + list(_LATER)


def _make_singletons_immortal() -> None:
    """Work around reference leaks of PySide6 6.12 on CPython 3.11.

    Signal.emit() called from Python returns True without taking a reference, and an
    invalid QVariant coming back from C++ (QModelIndex.data() of an unset role,
    QStandardItemModel.data()) returns None the same way. Each call drops one
    reference; after a few thousand (a clerk's session, or a test run) the interpreter
    aborts with "bool_dealloc"/"none_dealloc", usually at exit. CPython 3.12+ makes
    True/False/None immortal, which hides the bug; on 3.11 we do the same by giving them
    a reference count no session can use up. (tests/test_qt_refcount.py)
    """
    if sys.version_info >= (3, 12):
        return
    for singleton in (True, False, None):
        # ob_refcnt is the first field of every PyObject in CPython 3.11
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_make_singletons_immortal()


def documents_folder() -> str:
    """文档 (Documents): where a first file dialog starts, never the program's own folder."""
    return QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.DocumentsLocation)


def translation_folders() -> list[str]:
    """Where Qt's own translations (qtbase_zh_CN.qm) are: Qt's configured folder, then the
    PySide6 package's (pip wheels and frozen builds keep them beside the modules)."""
    package = Path(PySide6.__file__).parent
    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(package / "translations"),
        str(package / "Qt" / "translations"),
    ]
