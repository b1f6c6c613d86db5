"""What may go into the frozen bundle, shared by nianbao.spec, build.py and the tests.

Plain Python without PyInstaller or Qt, so the rules can be tested in milliseconds.
The program uses only QtCore, QtGui, QtWidgets, QtPdf, QtPdfWidgets and QtPrintSupport;
PySide6-Essentials also ships QML/Quick and friends, which PyInstaller's hooks would
otherwise drag in through plugins and translations (tens of MB, and more for antivirus
scanners to look at).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parent.parent

# The Qt modules the program imports (ui/qt.py and its pdf_modules()).
QT_MODULES = ["QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport"]

# Libraries imported only inside functions (on first use), named here so the spec lists
# them as hidden imports: openpyxl writes the county review's workbook (app.review_xlsx).
LAZY_LIBRARIES = ["openpyxl", "et_xmlfile"]

# Python modules PyInstaller must not follow. Excluding a PySide6 module also keeps its
# hook from collecting the module's plugins and translations.
EXCLUDED_MODULES = [
    *(
        f"PySide6.{name}"
        for name in (
            "QtQml",
            "QtQmlFeatures",
            "QtQuick",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebEngineQuick",
            "QtWebChannel",
            "QtWebSockets",
            "Qt3DCore",
            "Qt3DRender",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DAnimation",
            "Qt3DExtras",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtSpatialAudio",
            "QtTextToSpeech",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtTest",
            "QtSql",
            "QtLabsStyleKit",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtSvgWidgets",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtBluetooth",
            "QtSerialPort",
            "QtPositioning",
            "QtLocation",
        )
    ),
    "tkinter",
    "unittest",
    "pydoc",
    # Pillow's AVIF codec (8 MB on Windows) and the lxml parts python-docx never imports.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    # pdfplumber draws pages with pdfium (page.to_image) only; the import reads characters
    # and ruled lines with pdfminer, so pdfium's 8 MB library stays out.
    "pdfplumber.display",
    "pypdfium2",
    "pypdfium2_raw",
]

# Qt translations that are kept: the program is Chinese only, and qt_zh_CN.qm is a meta
# catalogue that fails to load without the catalogues of modules we do not ship.
KEPT_TRANSLATIONS = {"qtbase_zh_CN.qm"}

# (reason, pattern) — searched in the lower-cased path of a Qt file inside the bundle.
# The first group is FORBIDDEN: build.py fails when any of them is found in the bundle.
FORBIDDEN = [
    ("Qt WebEngine", re.compile(r"webengine")),
    ("QML", re.compile(r"qml")),
    ("Qt Quick", re.compile(r"quick")),
]
UNWANTED = [
    *FORBIDDEN,
    ("Qt 3D", re.compile(r"qt6?3d")),
    ("Qt Multimedia", re.compile(r"multimedia")),
    ("software OpenGL (opengl32sw.dll)", re.compile(r"opengl32sw")),
    ("Qt Lottie / vector images (QML based)", re.compile(r"lottie|vectorimage")),
    ("Qt Designer / Help / Labs", re.compile(r"designer|qt6?help|qt6?labs")),
]


# (reason, pattern) — other data files the program never reads, searched in the lower-cased
# path: python-docx's blank document (default.docx and the same unpacked, ~1 MB), read only
# by docx.Document() without a file. The DOCX export writes its own package from
# resources/docx; the importer only opens Word files (and may need the part templates
# beside it, default-styles.xml etc., for a file that lacks such a part: those stay).
UNUSED_DATA = [
    ("python-docx's blank document", re.compile(r"^docx/templates/default(\.docx$|-docx-template/)")),
]


def _is_qt_path(parts: tuple[str, ...]) -> bool:
    """True for files that belong to Qt/PySide6, so our own resources/ are never judged."""
    if parts and parts[0] == "resources":
        return False
    if any(p.startswith(("pyside6", "shiboken6")) for p in parts):
        return True
    name = parts[-1] if parts else ""
    return name.startswith(("qt", "libqt", "opengl32sw", "libpyside6qml"))


def unwanted_reason(path: str) -> str | None:
    """Why the bundle file at `path` (relative, / or \\ separated) must not ship, or None."""
    lowered = path.replace("\\", "/").lower().lstrip("/")
    if lowered.startswith("_internal/"):
        lowered = lowered[len("_internal/") :]
    parts = PurePosixPath(lowered).parts
    for reason, pattern in UNUSED_DATA:
        if pattern.search(lowered):
            return reason
    if not _is_qt_path(parts):
        return None
    name = parts[-1]
    if name.endswith(".qm"):
        kept = {n.lower() for n in KEPT_TRANSLATIONS}
        return None if name in kept else "Qt translation other than qtbase_zh_CN"
    for reason, pattern in UNWANTED:
        if pattern.search(lowered):
            return reason
    return None


def forbidden_reason(path: str) -> str | None:
    """The reason if `path` is WebEngine/QML/Quick (a hard build failure), else None."""
    reason = unwanted_reason(path)
    return reason if reason in {r for r, _ in FORBIDDEN} else None


def prune_toc(toc):
    """Drop unwanted entries from a PyInstaller TOC (list of (dest_name, src, typecode))."""
    kept, dropped = [], []
    for entry in toc:
        (dropped if unwanted_reason(entry[0]) else kept).append(entry)
    return kept, dropped


def bundle_files(dist_dir: Path) -> list[str]:
    """Every file in the bundle, as sorted posix paths relative to dist_dir."""
    return sorted(p.relative_to(dist_dir).as_posix() for p in dist_dir.rglob("*") if p.is_file())


def find_unwanted(dist_dir: Path) -> dict[str, str]:
    """Unwanted files found in a built bundle: relative path → reason."""
    found = {}
    for rel in bundle_files(dist_dir):
        reason = unwanted_reason(rel)
        if reason:
            found[rel] = reason
    return found


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def project_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0) for the Windows VERSIONINFO (four 16-bit numbers)."""
    numbers = [int(m) for m in re.findall(r"\d+", version.split("+")[0])[:4]]
    numbers += [0] * (4 - len(numbers))
    if any(n > 65535 for n in numbers):
        raise ValueError(f"version {version!r} does not fit VERSIONINFO")
    return tuple(numbers)  # type: ignore[return-value]


def version_info_text(version: str) -> str:
    """PyInstaller's VERSIONINFO file (a VSVersionInfo expression) for nianbao.exe.

    A version resource and an icon make the unsigned exe look less like the throw-away
    droppers that antivirus heuristics flag (engineering notes §6a).
    """
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "年报助手",
        "FileDescription": "年报助手：政府信息公开工作年度报告",
        "FileVersion": version,
        "InternalName": "nianbao",
        "LegalCopyright": "年报助手",
        "OriginalFilename": "nianbao.exe",
        "ProductName": "年报助手",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers!r}, prodvers={numbers!r}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404B0', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
