"""Autosave and crash recovery, without Qt (Spyder's design, engineering notes §7.5).

Each running program has a *session*: a marker file ``session-<pid>-<token>.json`` and
an autosave copy ``<token>.nianbao`` in ``<data dir>/autosave/``. The autosave never
touches the clerk's own draft. A clean exit, a save or a discard removes both files.
On start, markers whose process is no longer running are *orphans*: the program
crashed or was killed, and its autosave is offered for recovery. A marker also records
when its process started, so that a process id reused after a crash or a power cut
(Windows hands out low ids again soon after a reboot) does not hide the orphan.

The data folder is ``platformdirs.user_data_dir("nianbao", appauthor=False)``, or
the folder named by the NIANBAO_DATA_DIR environment variable (tests, portable use).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app import atomic
from app.atomic import atomic_write
from app.sanitize import clean_text

DATA_DIR_ENV = "NIANBAO_DATA_DIR"
_MARKER_PREFIX = "session-"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("nianbao", appauthor=False))


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def settings_path() -> Path:
    return data_dir() / "settings.ini"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running (a zombie counts as running on POSIX)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:
    if sys.platform != "win32":  # called when os.name == "nt"; the test tells mypy to check ctypes as there
        return False
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def process_stamp(pid: int) -> str | None:
    """When the process started, as the system tells it (None where it cannot be read).

    The same pid with another stamp is another process."""
    try:
        if os.name == "nt":
            return _process_stamp_windows(pid)
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # Field 22, clock ticks after boot; the command name (field 2) may hold spaces.
            start_ticks = stat.read().rsplit(b")", 1)[1].split()[19].decode()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as boot:
            return f"{boot.read().strip()}:{start_ticks}"
    except (OSError, IndexError, ValueError):
        return None


def _process_stamp_windows(pid: int) -> str | None:
    if sys.platform != "win32":  # called when os.name == "nt"; the test tells mypy to check ctypes as there
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(
            handle, ctypes.byref(created), ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)
        ):
            return None
        return str((created.dwHighDateTime << 32) | created.dwLowDateTime)
    finally:
        kernel32.CloseHandle(handle)


def session_alive(pid: int, stamp: str | None) -> bool:
    """Whether the process that wrote a marker is still running (this one included)."""
    if pid != os.getpid() and not pid_alive(pid):
        return False
    now = process_stamp(pid)
    return stamp is None or now is None or now == stamp


_MARKER_LIMIT = 64 * 1024  # a marker is a few hundred bytes


def _read_marker_file(path: Path) -> str:
    """A marker's text; like every file read, only a regular file and only so much (ValueError otherwise)."""
    return atomic.read_user_file(path, ValueError, "标记文件", _MARKER_LIMIT).decode("utf-8")


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class Session:
    """The recovery files of this running program. Files are created on the first autosave."""

    def __init__(self, folder: Path | None = None, pid: int | None = None):
        self.folder = Path(folder) if folder else autosave_dir()
        self.pid = os.getpid() if pid is None else pid
        self.token = os.urandom(6).hex()
        self.started = _now()
        self.process = process_stamp(self.pid)
        self.original: Path | None = None  # the clerk's draft this session is editing, if saved anywhere

    @property
    def marker_path(self) -> Path:
        return self.folder / f"{_MARKER_PREFIX}{self.pid}-{self.token}.json"

    @property
    def autosave_path(self) -> Path:
        return self.folder / f"{self.token}.nianbao"

    def set_original(self, path: Path | None) -> None:
        self.original = Path(path) if path else None
        if self.marker_path.exists():
            self._write_marker(self._read_marker().get("saved"))

    def write(self, draft_text: str, title: str = "") -> None:
        """Store an autosave copy (atomically), then the marker that points to it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        # Text is cleaned where it comes in; cleaning again costs one scan and keeps a stray
        # lone surrogate from failing every autosave (UnicodeEncodeError).
        atomic_write(self.autosave_path, clean_text(draft_text).encode("utf-8"), keep_backup=False)
        self._write_marker(_now(), clean_text(title))

    def _read_marker(self) -> dict:
        try:
            return json.loads(_read_marker_file(self.marker_path))
        except (OSError, ValueError):
            return {}

    def _write_marker(self, saved: str | None, title: str | None = None) -> None:
        old = self._read_marker()
        data = {
            "pid": self.pid,
            "process": self.process,
            "started": self.started,
            "saved": saved,
            "original": str(self.original) if self.original else None,
            "autosave": self.autosave_path.name,
            "title": title if title is not None else old.get("title", ""),
        }
        atomic_write(
            self.marker_path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), keep_backup=False
        )

    def discard(self) -> None:
        """Remove this session's files: after a save, a discard or a clean exit."""
        for path in (self.autosave_path, self.marker_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


@dataclass
class Orphan:
    """An autosave left behind by a program that is no longer running."""

    marker: Path
    autosave: Path
    pid: int
    saved: dt.datetime | None  # when the autosave was written
    original: Path | None
    title: str

    @property
    def original_saved(self) -> dt.datetime | None:
        """When the clerk's own draft was last saved, if it exists."""
        if self.original is None:
            return None
        try:
            return dt.datetime.fromtimestamp(self.original.stat().st_mtime)
        except OSError:
            return None

    def remove(self) -> None:
        for path in (self.autosave, self.marker):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    """Autosaves of dead processes, newest first. Broken markers without a copy are cleaned up."""
    folder = Path(folder) if folder else autosave_dir()
    if not folder.is_dir():
        return []
    orphans = []
    for marker in folder.glob(f"{_MARKER_PREFIX}*.json"):
        try:
            data = json.loads(_read_marker_file(marker))
            pid = int(data["pid"])
            autosave = folder / Path(str(data["autosave"])).name
        except (OSError, ValueError, KeyError, TypeError):
            _cleanup_broken(marker)
            continue
        if session_alive(pid, data.get("process")):
            continue
        if not autosave.exists():
            _cleanup_broken(marker)
            continue
        saved = _parse_time(data.get("saved"))
        original = Path(data["original"]) if data.get("original") else None
        orphans.append(Orphan(marker, autosave, pid, saved, original, str(data.get("title") or "")))
    orphans.sort(key=lambda o: o.saved or dt.datetime.min, reverse=True)
    return orphans


def _parse_time(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _cleanup_broken(marker: Path) -> None:
    try:
        marker.unlink(missing_ok=True)
    except OSError:
        pass


def remove_stale_temp_files(folder: Path | None = None) -> None:
    """Temporary files of interrupted atomic writes in the autosave folder."""
    atomic.remove_stale_temp_files(Path(folder) if folder else autosave_dir())
