"""The core stays Qt-free: importing every app module must not load PySide6."""

import pkgutil
import re
import subprocess
import sys

import app
from tests.conftest import REPO


def test_no_app_module_loads_qt():
    names = [m.name for m in pkgutil.walk_packages(app.__path__, "app.") if not m.name.endswith("__main__")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert len(names) >= 8
    assert out.stdout.strip() == ""


def test_import_linter_contract():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(REPO / "pyproject.toml")) == 0


def test_only_ui_qt_imports_pyside6():
    offenders = []
    for path in (REPO / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name != "qt.py" and re.search(r"^\s*(from|import)\s+(PySide6|shiboken6)", source, re.M):
            offenders.append(path.name)
    assert offenders == []
