"""PySide6 6.12 on CPython 3.11 leaks references to True (Signal.emit) and None (invalid
QVariant from C++); ui.qt works around it. Without the workaround this script aborts
with "bool_dealloc"/"none_dealloc"."""

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import ui.qt as qt
app = qt.QCoreApplication([]) if hasattr(qt, "QCoreApplication") else qt.QtCore.QCoreApplication([])
class Source(qt.QObject):
    changed = qt.Signal(int)
source = Source()
source.changed.connect(lambda value: None)
for i in range(50_000):
    source.changed.emit(i)
model = qt.QtGui.QStandardItemModel(2, 2)
for i in range(50_000):
    model.index(1, 1).data(qt.Qt.ItemDataRole.ToolTipRole)
print("ok")
"""


def test_many_signal_emits_and_empty_variants_do_not_crash():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
