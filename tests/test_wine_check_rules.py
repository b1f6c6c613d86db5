"""The judgements of the Windows check under Wine (installer/wine/windows_check.py), on outputs
captured from real runs under Wine 8 (tests/data/wine/): no Wine is needed here.

- ISCC 6.4.1's output with and without /Q, for nianbao.iss and for scripts with a deprecated
  directive (installer/wine/warns.iss, and nianbao.iss with ArchitecturesInstallIn64BitMode=x64);
- the preprocessor's output of nianbao.iss (/DPreprocessedFile=…);
- the texts of each wizard page read by installer/wine/window_texts.py under a Chinese UI
  language (pages/*.json) and of the install-mode dialog under an English one.
"""

import json
import os

import pytest

from installer.wine.iscc_output import iscc_succeeded, iscc_warnings, setup_directives
from installer.wine.page_language import english_words
from installer.wine.prefix_changes import (
    Snapshot,
    Writes,
    noise_seen,
    outside_profile,
    read_wine_registry,
    take_snapshot,
    writes_between,
)
from tests.conftest import REPO

DATA = REPO / "tests" / "data" / "wine"
DISPLAY_ADAPTER = (
    r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\Class"
    r"\{4D36E968-E325-11CE-BFC1-08002BE10318}\0000"
)
DEPRECATED = 'Warning: Architecture identifier "x64" is deprecated.'


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# ISCC's output


def test_deprecated_directive_warning_is_found_in_full_output():
    for name in ("iscc-deprecated-x64.txt", "iscc-warns-iss.txt"):
        output = _read(name)
        warnings = iscc_warnings(output)
        assert len(warnings) == 1, name
        assert warnings[0].startswith(DEPRECATED)
        assert iscc_succeeded(output)  # a warning, not an error: Setup was still built


def test_our_script_compiles_without_a_warning():
    output = _read("iscc-nianbao.txt")
    assert iscc_succeeded(output)
    assert iscc_warnings(output) == []


def test_quiet_iscc_prints_nothing_so_the_check_runs_it_without_q():
    # The same deprecated script under /Q: not even "Successful compile" is printed, which is
    # why a "no warning" verdict on /Q output proved nothing.
    output = _read("iscc-deprecated-x64-quiet.txt")
    assert iscc_warnings(output) == []
    assert not iscc_succeeded(output)


def test_warning_means_a_warning_line_not_the_word_in_a_path():
    output = "Reading file: Z:\\tmp\\warnings\\x.iss\nCompressing: Z:\\warning.txt\nSuccessful compile (1 sec).\n"
    assert iscc_warnings(output) == []
    assert iscc_warnings("  warning: something odd\n") == ["warning: something odd"]


def test_privileges_read_from_the_script_as_compiled():
    directives = setup_directives(_read("nianbao-preprocessed.iss"))
    assert directives["privilegesrequired"] == "lowest"
    assert directives["privilegesrequiredoverridesallowed"] == "dialog"
    assert directives["architecturesinstallin64bitmode"] == "x64compatible"


def test_setup_directives_only_in_setup_and_last_wins():
    script = (
        "\ufeff; c\n[Setup]\nPrivilegesRequired=lowest\nprivilegesrequired = admin\n[Files]\nPrivilegesRequired=x\n"
    )
    assert setup_directives(script) == {"privilegesrequired": "admin"}


# English words on the wizard's pages


def _controls(name: str) -> list[dict]:
    windows = json.loads((DATA / name).read_text(encoding="utf-8"))
    return [c for w in windows for c in [{"class": w["class"], "text": w["title"]}, *w["controls"]]]


PAGES = ["安装方式", "安装位置", "附加任务", "准备安装", "完成"]


@pytest.mark.parametrize("page", PAGES)
def test_captured_chinese_pages_have_no_english_word(page):
    assert english_words(_controls(f"pages/{page}.json")) == []


def test_english_cancel_of_the_install_mode_dialog_is_caught():
    # Captured under LANG=C.UTF-8: the TaskDialog's Cancel is labelled by Wine's comctl32.
    assert english_words(_controls("page-install-mode-english-cancel.json")) == ["Cancel"]


def test_captured_pages_hold_what_the_allowances_are_for():
    # The captures are not empty shells: the folder box, the memo and the check lists were read.
    texts = {page: "\n".join(c["text"] for c in _controls(f"pages/{page}.json")) for page in PAGES}
    assert "C:\\users\\" in texts["安装位置"] and "MB" in texts["安装位置"]
    assert "AppData\\Local\\Programs\\nianbao" in texts["准备安装"]
    assert "创建桌面快捷方式" in texts["附加任务"] and "运行年报助手" in texts["完成"]
    # Without the allowed names, the unit and the paths' words would count.
    assert english_words(_controls("pages/安装位置.json"), allowed=()) == ["MB"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("下一步(&N)", []),
        ("Next >", ["Next"]),
        ("单击 Next 继续", ["Next"]),
        ("需要 64 位的 Windows 10", []),
        ("运行 nianbao.exe 和 nianbao-cli.exe", []),
        ("nianbao-setup.exe", ["setup", "exe"]),
        ("Browse... Browse", ["Browse"]),
        # a path on its own line
        ("安装位置：\r\n      C:\\Program Files\\nianbao\r\n", []),
        ("将安装到 C:\\users\\root\\AppData。", []),  # a path inside a sentence
        ("将安装到 C:\\Program Files。", ["Files"]),  # up to a space only
        ("至少需要 3.4 MB 的可用磁盘空间", []),
        ("Windowsx", ["Windowsx"]),  # allowed names are whole words
    ],
)
def test_english_words(text, words):
    assert english_words([{"class": "Static", "text": text}]) == words


# Writes of the per-user install


REG = r"""WINE REGISTRY Version 2
;; All keys relative to \\User\\S-1-5-21-0-0-0-1000

#arch=win64

[Software\\Classes\\.nianbao] 1796173474
#time=1dd81fb1075f3ca
@="nianbao.draft"

[Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6F1B7C2E}_is1] 1796173474
#time=1dd81fb1075f3cb
"DisplayName"="\x5e74\x62a5\x52a9\x624b"
"Quoted \"name\""=dword:00000001
"FilterData"=hex:02,00,00,00,\
  00,00,01
"""


def test_wine_registry_file_is_read_with_escapes_and_continued_lines():
    keys = read_wine_registry(REG, "HKEY_CURRENT_USER")
    assert keys[r"HKEY_CURRENT_USER\Software\Classes\.nianbao"]["@"] == '"nianbao.draft"'
    entry = keys[r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F1B7C2E}_is1"]
    # Data is kept raw, compared as is.
    assert entry["DisplayName"] == r'"\x5e74\x62a5\x52a9\x624b"'
    assert entry['Quoted "name"'] == "dword:00000001"
    assert entry["FilterData"] == "hex:02,00,00,00,00,00,01"
    assert entry["#time"] == "1dd81fb1075f3cb"
    # Non-ASCII as UTF-16 code units, as in a real user.reg (an emoji key name: a surrogate pair).
    assert read_wine_registry("[Control Panel\\\\\\x4e2d\\x6587\\\\\\xd83c\\xdf0e] 1\n", "R") == {
        "R\\Control Panel\\中文\\\U0001f30e": {}
    }


def _snapshot(files: dict[str, tuple[int, int]], registry: dict[str, dict[str, str]]) -> Snapshot:
    return Snapshot(files, registry)


BEFORE = _snapshot(
    {r"C:\users\root\Desktop": (-1, 1), r"C:\windows\win.ini": (10, 1)},
    {
        r"HKEY_CURRENT_USER\Software\Classes": {"#time": "1"},
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion": {
            "#time": "1",
            "ProductName": '"W"',
        },
        r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\Class\{4D36E968-E325-11CE-BFC1-08002BE10318}\0000": {
            "#time": "1",
            "DriverDateData": "hex:01",
        },
    },
)


def test_writes_between_snapshots_and_what_lies_outside_the_profile():
    after = _snapshot(
        {
            r"C:\users\root\Desktop": (-1, 2),
            r"C:\users\root\Desktop\年报助手.lnk": (900, 2),
            r"C:\windows\win.ini": (10, 1),
            r"C:\Program Files\nianbao\nianbao.exe": (5, 2),
            r"C:\users\rootkit\x.txt": (1, 2),
        },
        {
            r"HKEY_CURRENT_USER\Software\Classes": {"#time": "2"},
            r"HKEY_CURRENT_USER\Software\Classes\.nianbao": {"@": '"nianbao.draft"'},
            r"HKEY_LOCAL_MACHINE\Software\Classes\.nianbao": {"@": '"nianbao.draft"'},
            r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion": {
                "#time": "2",
                "ProductName": '"W"',
            },
            r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\Fonts": {"x": '"y"'},
            r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\Class\{4D36E968-E325-11CE-BFC1-08002BE10318}\0000": {
                "#time": "2",
                "DriverDateData": "hex:02",
            },
        },
    )
    writes = writes_between(BEFORE, after)
    assert writes.files == [
        r"C:\Program Files\nianbao\nianbao.exe",
        r"C:\users\root\Desktop",
        r"C:\users\root\Desktop\年报助手.lnk",
        r"C:\users\rootkit\x.txt",
    ]
    assert writes.registry == [
        # Written with the same values: its time moved.
        r"HKEY_CURRENT_USER\Software\Classes",
        r"HKEY_CURRENT_USER\Software\Classes\.nianbao",
        r"HKEY_LOCAL_MACHINE\Software\Classes\.nianbao",
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion",
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\Fonts",
        DISPLAY_ADAPTER + " → DriverDateData",
    ]
    assert outside_profile(writes, "root") == [
        r"C:\Program Files\nianbao\nianbao.exe",
        # Another user's folder: not a prefix match.
        r"C:\users\rootkit\x.txt",
        r"HKEY_LOCAL_MACHINE\Software\Classes\.nianbao",
        # The noise entry is the key alone, not its subkeys.
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion\Fonts",
    ]
    assert {item.split("\\")[-1] for item, _ in noise_seen(writes)} == {
        "CurrentVersion",
        "0000 → DriverDateData",
    }


def test_a_changed_value_of_a_noise_key_is_not_noise():
    after = _snapshot(
        {},
        {
            **BEFORE.registry,
            r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion": {
                "#time": "1",
                "ProductName": '"X"',
            },
        },
    )
    writes = writes_between(_snapshot({}, BEFORE.registry), after)
    assert outside_profile(writes, "root") == [
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion → ProductName"
    ]


def test_snapshot_of_a_prefix_sees_a_rewrite_with_the_same_bytes_and_time(tmp_path):
    # Inno Setup gives installed files the build's modification time: a reinstall writes the
    # same bytes with the same mtime, which only the inode's change time shows.
    prefix = tmp_path / "prefix"
    program = prefix / "drive_c" / "users" / "clerk" / "AppData" / "Local" / "Programs" / "nianbao"
    program.mkdir(parents=True)
    exe = program / "nianbao.exe"
    exe.write_bytes(b"MZ")
    os.utime(exe, ns=(1_000_000_000, 1_000_000_000))
    (prefix / "user.reg").write_text(REG, encoding="utf-8")
    (prefix / "system.reg").write_text("WINE REGISTRY Version 2\n\n[Software\\\\Wine] 1\n", encoding="utf-8")
    before = take_snapshot(prefix)
    assert before.registry[r"HKEY_LOCAL_MACHINE\Software\Wine"] == {}
    assert r"HKEY_CURRENT_USER\Software\Classes\.nianbao" in before.registry
    stamp = before.files[r"C:\users\clerk\AppData\Local\Programs\nianbao\nianbao.exe"]
    while os.stat(exe).st_ctime_ns == stamp[1]:  # coarse clocks: wait for the next tick
        exe.touch()
    exe.write_bytes(b"MZ")
    os.utime(exe, ns=(1_000_000_000, 1_000_000_000))
    (prefix / "drive_c" / "windows").mkdir()
    writes = writes_between(before, take_snapshot(prefix))
    assert writes == Writes(
        [r"C:\users\clerk\AppData\Local\Programs\nianbao\nianbao.exe", r"C:\windows"],
        [],
    )
    assert outside_profile(writes, "clerk") == [r"C:\windows"]
