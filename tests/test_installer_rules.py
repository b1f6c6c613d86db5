"""The bundle's exclusion rules and checks, without running PyInstaller (milliseconds)."""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from installer import build, bundle_rules
from tests.conftest import REPO

FORBIDDEN_FILES = [
    # Windows wheel layout
    "_internal/PySide6/Qt6Quick.dll",
    "_internal/PySide6/Qt6Qml.dll",
    "_internal/PySide6/Qt6QmlModels.dll",
    "_internal/PySide6/QtQml.pyd",
    "_internal/PySide6/Qt6WebEngineCore.dll",
    "_internal/PySide6/QtWebEngineProcess.exe",
    "_internal/PySide6/plugins/qmltooling/qmldbg_debugger.dll",
    "_internal/PySide6/qml/QtQuick/Controls/qmldir",
    "_internal\\PySide6\\Qt6QuickControls2.dll",
    # Linux wheel layout
    "_internal/PySide6/Qt/lib/libQt6Quick.so.6",
    "_internal/libQt6Qml.so.6",
    "_internal/PySide6/QtQuickWidgets.abi3.so",
    "_internal/libpyside6qml.abi3.so.6.12",
    "_internal/PySide6/Qt/lib/libQt6PdfQuick.so.6",
]
UNWANTED_FILES = [
    "_internal/PySide6/opengl32sw.dll",
    "_internal/PySide6/Qt63DCore.dll",
    "_internal/PySide6/Qt6Multimedia.dll",
    "_internal/PySide6/plugins/multimedia/ffmpegmediaplugin.dll",
    "_internal/PySide6/translations/qtbase_de.qm",
    "_internal/PySide6/translations/qt_zh_CN.qm",  # meta catalogue: needs the others
    "_internal/PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
    "_internal/PySide6/Qt/translations/qtwebengine_zh_CN.qm",
    "_internal/PySide6/Qt/lib/libQt6Lottie.so.6",
    # python-docx's blank document: the export writes its own package (resources/docx)
    "_internal/docx/templates/default.docx",
    "_internal\\docx\\templates\\default-docx-template\\word\\styles.xml",
]
KEPT_FILES = [
    "nianbao.exe",
    "nianbao-cli.exe",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/Qt6Pdf.dll",
    "_internal/PySide6/Qt6PdfWidgets.dll",
    "_internal/PySide6/QtPdfWidgets.pyd",
    "_internal/PySide6/Qt6PrintSupport.dll",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/plugins/imageformats/qjpeg.dll",
    "_internal/PySide6/translations/qtbase_zh_CN.qm",
    "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm",
    "_internal/PySide6/Qt/lib/libicudata.so.73",
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "_internal/libQt6Widgets.so.6",
    # python-docx's part templates, for an imported Word file lacking such a part
    "_internal/docx/templates/default-styles.xml",
    "_internal/docx/templates/default-footer.xml",
    "_internal/resources/docx/word/styles.xml",
    # our own resources are never judged by Qt's rules, whatever their names
    "_internal/resources/hints/quickstart.json",
    "_internal/resources/fonts/OFL-multimedia.txt",
    "_internal/resources/formats/2021.json",
]


@pytest.mark.parametrize("path", FORBIDDEN_FILES)
def test_webengine_qml_quick_are_forbidden(path):
    assert bundle_rules.forbidden_reason(path) is not None
    assert bundle_rules.unwanted_reason(path) is not None


@pytest.mark.parametrize("path", UNWANTED_FILES)
def test_other_unused_qt_parts_are_left_out(path):
    assert bundle_rules.unwanted_reason(path) is not None
    assert bundle_rules.forbidden_reason(path) is None


@pytest.mark.parametrize("path", KEPT_FILES)
def test_what_the_program_needs_is_kept(path):
    assert bundle_rules.unwanted_reason(path) is None


def test_prune_toc_keeps_order_and_reports_dropped():
    toc = [
        ("PySide6/Qt6Core.dll", "/src/Qt6Core.dll", "BINARY"),
        ("PySide6/Qt6Quick.dll", "/src/Qt6Quick.dll", "BINARY"),
        ("PySide6/translations/qtbase_fr.qm", "/src/qtbase_fr.qm", "DATA"),
        ("PySide6/translations/qtbase_zh_CN.qm", "/src/qtbase_zh_CN.qm", "DATA"),
    ]
    kept, dropped = bundle_rules.prune_toc(toc)
    assert [e[0] for e in kept] == ["PySide6/Qt6Core.dll", "PySide6/translations/qtbase_zh_CN.qm"]
    assert [e[0] for e in dropped] == ["PySide6/Qt6Quick.dll", "PySide6/translations/qtbase_fr.qm"]


def test_every_installed_pyside6_module_we_do_not_use_is_excluded():
    """A PySide6 upgrade that adds a QML/Quick/WebEngine module must not slip into the bundle."""
    location = Path(importlib.util.find_spec("PySide6").submodule_search_locations[0])
    names = {
        p.name.split(".")[0] for p in location.iterdir() if p.name.startswith("Qt") and p.suffix in {".so", ".pyd"}
    }
    assert set(bundle_rules.QT_MODULES) <= names
    leaking = sorted(
        n
        for n in names
        if bundle_rules.unwanted_reason(f"PySide6/{n}.pyd") and f"PySide6.{n}" not in bundle_rules.EXCLUDED_MODULES
    )
    assert leaking == []
    assert not any(f"PySide6.{n}" in bundle_rules.EXCLUDED_MODULES for n in bundle_rules.QT_MODULES)


def _fake_bundle(root: Path, extra: list[str]) -> Path:
    bundle = root / "nianbao"
    files = list(build.REQUIRED) + [f"_internal/PySide6/{m}.pyd" for m in bundle_rules.QT_MODULES]
    files += ["_internal/PySide6/translations/qtbase_zh_CN.qm", *extra]
    for rel in files:
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_bytes(b"x")
    return bundle


def test_verify_passes_a_clean_bundle(tmp_path):
    assert build.verify(_fake_bundle(tmp_path, [])) == []


def test_verify_fails_on_quick_and_names_it(tmp_path):
    bundle = _fake_bundle(tmp_path, ["_internal/PySide6/Qt6Quick.dll", "_internal/PySide6/opengl32sw.dll"])
    problems = build.verify(bundle)
    assert any(p.startswith("FORBIDDEN") and "Qt6Quick.dll" in p for p in problems)
    assert any(p.startswith("unwanted") and "opengl32sw.dll" in p for p in problems)


def test_verify_fails_when_formats_or_translation_are_missing(tmp_path):
    bundle = _fake_bundle(tmp_path, [])
    (bundle / "_internal/resources/formats/2019.json").unlink()
    (bundle / "_internal/PySide6/translations/qtbase_zh_CN.qm").unlink()
    problems = build.verify(bundle)
    assert "missing: _internal/resources/formats/2019.json" in problems
    assert "missing: Qt translation qtbase_zh_CN.qm" in problems


def test_version_info_is_a_valid_expression_with_the_project_version():
    version = bundle_rules.project_version()
    text = bundle_rules.version_info_text(version)
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    assert repr(bundle_rules.version_tuple(version)) in text
    assert bundle_rules.version_tuple("1.2") == (1, 2, 0, 0)
    with pytest.raises(ValueError):
        bundle_rules.version_tuple("70000.0.0")


def test_spec_builds_one_folder_gui_and_cli_without_upx():
    tree = ast.parse((REPO / "installer" / "nianbao.spec").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    exes = {}
    for call in calls:
        if call.func.id == "EXE":
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            exes[kw["name"].value] = kw["console"].value
    assert exes == {"nianbao": False, "nianbao-cli": True}
    assert any(c.func.id == "COLLECT" for c in calls)  # onedir; onefile would have no COLLECT
    for call in calls:
        for k in call.keywords:
            if k.arg == "upx":
                assert k.value.value is False
    assert '("X utf8", None, "OPTION")' in ast.unparse(tree).replace("'", '"')
    common = next(c for c in calls if c.func.id == "dict")
    assert {k.arg: getattr(k.value, "value", None) for k in common.keywords}["exclude_binaries"] is True


def _ini_sections(path: Path) -> dict[str, list[str]]:
    sections, current = {}, None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith("[") and line.rstrip().endswith("]"):
            current = sections.setdefault(line.strip()[1:-1], [])
        elif current is not None and line.strip() and not line.startswith(";"):
            current.append(line)
    return sections


def test_installer_script_uses_only_messages_our_chinese_file_defines():
    """Every {cm:Name} in nianbao.iss must exist in ChineseSimplified.isl, or Setup shows
    English or ISCC refuses the script."""
    import re

    iss = (REPO / "installer" / "nianbao.iss").read_text(encoding="utf-8-sig")
    isl = _ini_sections(REPO / "installer" / "ChineseSimplified.isl")
    custom = {line.split("=", 1)[0] for line in isl["CustomMessages"]}
    used = set(re.findall(r"\{cm:(\w+)", iss))
    assert used and used <= custom
    messages = dict(line.split("=", 1) for line in isl["Messages"])
    assert messages["ButtonNext"] == "下一步(&N) >"
    assert "草稿" in messages["ConfirmUninstall"]  # tells the clerk the drafts stay
    # The refusal names what MinVersion=10.0.17763 demands: Windows 10 1809.
    assert "1809" in messages["WindowsVersionNotSupported"] and "Windows 11" in messages["WindowsVersionNotSupported"]
    # Chinese text runs straight into the app name ([name], or %1 in these messages), without
    # the spaces of the English original.
    app_name_keys = {"PrivilegesRequiredOverrideText1", "ConfirmUninstall", "UninstalledAll", "UninstallProgram"}
    spaced = [
        key
        for key, text in messages.items()
        if re.search(r"[\u4e00-\u9fff] \[name\]|\[name\] [\u4e00-\u9fff]", text)
        or (key in app_name_keys and re.search(r"[\u4e00-\u9fff] %1|%1 [\u4e00-\u9fff]", text))
    ]
    assert not spaced


def test_installer_is_per_user_offline_and_leaves_drafts_alone():
    iss = _ini_sections(REPO / "installer" / "nianbao.iss")
    setup = dict(line.split("=", 1) for line in iss["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["Compression"] == "lzma2/max" and setup["SolidCompression"] == "yes"
    assert setup["WizardStyle"] == "modern"
    # Qt 6 supports Windows 10 1809+ (and Qt6Core.dll imports the system icuuc.dll).
    assert setup["MinVersion"] == "10.0.17763"
    assert setup["DefaultDirName"] == "{#InstallDir}" and '#define InstallDir "{autopf}\\nianbao"' in (
        REPO / "installer" / "nianbao.iss"
    ).read_text(encoding="utf-8-sig")
    assert "UninstallDelete" not in iss  # nothing beyond what was installed is removed
    assert all("{app}" in line for line in iss["InstallDelete"])
    registry = "\n".join(iss["Registry"])
    assert '"""{app}\\{#AppExe}"" gui ""%1"""' in registry
    assert "HKLM" not in registry and "HKCU" not in registry  # HKA follows the install mode
    # The text files must carry a BOM, or Inno Setup reads the Chinese as ANSI.
    for name in ("nianbao.iss", "ChineseSimplified.isl"):
        assert (REPO / "installer" / name).read_bytes()[:3] == b"\xef\xbb\xbf"


def test_version_info_loads_and_serialises_with_pyinstaller(tmp_path, monkeypatch):
    """The Windows build reads this file with PyInstaller's own loader; run that loader here.
    Its module imports two Windows-only names at import time that the loader never uses."""
    import sys
    import types

    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", sys.modules.get("pefile") or types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", getattr(PyInstaller.compat, "win32api", None), raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    path = tmp_path / "version_info.txt"
    path.write_text(bundle_rules.version_info_text("1.2.3"), encoding="utf-8")
    info = versioninfo.load_version_info_from_text_file(str(path))
    raw = info.toRaw().decode("utf-16le", errors="replace")
    assert "年报助手" in raw and "nianbao.exe" in raw and "1.2.3" in raw
    assert info.ffi.fileVersionMS == (1 << 16) | 2 and info.ffi.fileVersionLS == 3 << 16


def test_smoke_font_check_tells_embedded_from_standard_fonts(tmp_path):
    """The CI smoke test's PDF check must catch a font that is only named, not embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from installer import smoke

    font_file = next((REPO / "resources" / "fonts").glob("*.ttf"))
    pdfmetrics.registerFont(TTFont("SmokeTestFont", str(font_file)))
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("SmokeTestFont", 12)
    c.drawString(72, 720, "甘坊镇人民政府")
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "page 1")
    c.save()
    fonts = smoke.pdf_fonts(path)
    assert fonts["/Helvetica"] is False
    assert [ok for name, ok in fonts.items() if name != "/Helvetica"] == [True]
    with pytest.raises(smoke.SmokeFailure, match="not embedded: /Helvetica"):
        smoke.check_pdf(path)


def _wine_check_module():
    spec = importlib.util.spec_from_file_location("windows_check", REPO / "installer" / "wine" / "windows_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_wine_check_looks_for_the_apps_entry_of_our_app_id():
    """The Wine check finds the uninstaller where Settings → Apps does: under the AppId."""
    iss = _ini_sections(REPO / "installer" / "nianbao.iss")
    app_id = dict(line.split("=", 1) for line in iss["Setup"])["AppId"]
    assert app_id.startswith("{{")  # Inno's escape for a literal brace
    assert _wine_check_module().APPS_ENTRY.endswith("\\" + app_id[1:] + "_is1")


def test_wine_icu_stand_in_exports_what_qt6core_imports():
    """Qt6Core.dll imports only these ICU converter functions from the system's icuuc.dll;
    the stand-in used under Wine must define each of them."""
    stub = (REPO / "installer" / "wine" / "icuuc_stub.c").read_text(encoding="utf-8")
    for name in (
        "ucnv_open",
        "ucnv_close",
        "ucnv_toUnicode",
        "ucnv_fromUnicode",
        "ucnv_countAvailable",
        "ucnv_getAvailableName",
        "ucnv_getStandardName",
        "UCNV_FROM_U_CALLBACK_SUBSTITUTE",
        "UCNV_TO_U_CALLBACK_SUBSTITUTE",
    ):
        assert re.search(rf"^API [^(]*\b{name}\(", stub, re.M), name


def test_lazily_imported_libraries_are_dependencies_and_hidden_imports():
    """openpyxl is imported only when the review workbook is written; the spec must still bundle it."""
    import tomllib

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ]", d, maxsplit=1)[0].lower() for d in declared}
    assert "openpyxl" in bundle_rules.LAZY_LIBRARIES and "openpyxl" in names
    for library in bundle_rules.LAZY_LIBRARIES:
        assert importlib.util.find_spec(library) is not None, library
    spec = (REPO / "installer" / "nianbao.spec").read_text(encoding="utf-8")
    assert "bundle_rules.LAZY_LIBRARIES" in spec and "collect_submodules(library)" in spec


def test_no_resource_file_is_a_dot_file():
    """Wine marks files whose names start with a dot as hidden, and Inno Setup leaves hidden
    files out of the installer: the Windows check found `resources/docx/_rels/.rels` missing
    from the installed program, so every DOCX export failed there. Resources go under plain
    names; where a package needs a dotted name, the code maps it."""
    dotted = [p.relative_to(REPO).as_posix() for p in (REPO / "resources").rglob(".*")]
    assert dotted == []
