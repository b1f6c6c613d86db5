"""What a run of Setup wrote into a Wine prefix: files under drive_c and registry keys and
values, from a snapshot before and one after, and which of them lie outside the current
user's profile folder and HKEY_CURRENT_USER — what a per-user install without administrator
rights may not write.

No Wine needed: the snapshots read the prefix's files and its registry files (system.reg is
HKEY_LOCAL_MACHINE, user.reg HKEY_CURRENT_USER, userdef.reg HKEY_USERS\\.Default), which
wineserver writes out when it exits; imported by windows_check.py and by the unit tests.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REGISTRY_FILES = {
    "system.reg": "HKEY_LOCAL_MACHINE",
    "user.reg": "HKEY_CURRENT_USER",
    "userdef.reg": r"HKEY_USERS\.Default",
}

# Written by Wine itself whenever a Windows program starts, whatever the program does: not
# Setup's writes. Each entry is (a key, or with "\\*" the key and everything under it; the
# reason). Each was seen in the per-user install's snapshots, and all but the display's also
# around a plain `wine cmd /c echo`; each is printed when left out.
_PNP = (
    "Wine's Plug and Play service registers its stand-in devices (the virtual screen and "
    "monitor, two input devices) afresh at every start of the prefix"
)
WINE_NOISE: tuple[tuple[str, str], ...] = (
    (
        r"HKEY_CURRENT_USER\Software\Wine\*",
        "Wine's own settings (its font list), rewritten at every start",
    ),
    (
        r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion",
        "Wine opens the Windows version key for writing at every start; its values stay the same",
    ),
    (r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\DeviceClasses\*", _PNP),
    (r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Enum\*", _PNP),
    (
        r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\Class\{4D36E968-E325-11CE-BFC1-08002BE10318}\*",
        (
            "display adapters: Wine's display driver records the virtual screen's adapter, with today's "
            "date (DriverDateData), whenever a program opens the display"
        ),
    ),
    (
        r"HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\Class\{4D36E96E-E325-11CE-BFC1-08002BE10318}\*",
        ("monitors: Wine's display driver records the virtual screen's monitor whenever a program opens the display"),
    ),
)


@dataclass(frozen=True)
class Snapshot:
    # Windows path → (size, -1 for a folder; change time in ns)
    files: dict[str, tuple[int, int]]
    # full key → {value name ("@" the default): data}
    registry: dict[str, dict[str, str]]


def take_snapshot(prefix: Path) -> Snapshot:
    files: dict[str, tuple[int, int]] = {}
    drive = prefix / "drive_c"
    for folder, subfolders, names in os.walk(drive):  # symbolic links are not followed
        relative = Path(folder).relative_to(drive)
        for names_here, folders in ((subfolders, True), (names, False)):
            for name in names_here:
                stamp = _stamp(Path(folder) / name, folders)
                if stamp:
                    files[_windows(relative / name)] = stamp
    registry: dict[str, dict[str, str]] = {}
    for file_name, root in REGISTRY_FILES.items():
        path = prefix / file_name
        if path.is_file():
            registry.update(read_wine_registry(path.read_text(encoding="utf-8", errors="replace"), root))
    return Snapshot(files, registry)


def _stamp(path: Path, folder: bool) -> tuple[int, int] | None:
    """Size (-1 for a folder) and the inode's change time: Setup gives each installed file the
    build's modification time, so rewriting a file with the same bytes keeps its mtime, but
    any write, and any entry added to or removed from a folder, moves the change time."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    return (-1 if folder else stat.st_size, stat.st_ctime_ns)


def _windows(relative: Path) -> str:
    return "C:\\" + "\\".join(relative.parts)


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,4}|.)")


def _unescape(text: str) -> str:
    """Wine's escaping in .reg files: \\\\, \\" and \\xHHHH (UTF-16 code units)."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if code[0] == "x" and len(code) > 1 else code

    decoded = _ESCAPE.sub(one, text)
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# A key's modification time, kept among its values: no value name starts with #.
KEY_TIME = "#time"
_KEY = re.compile(r"^\[(.*)\](?:\s+\d+)?\s*$")
_VALUE = re.compile(r'^(@|"((?:[^"\\]|\\.)*)")=(.*)$')


def read_wine_registry(text: str, root: str) -> dict[str, dict[str, str]]:
    """The keys and values of one of Wine's registry files, keys named from root
    (e.g. HKEY_CURRENT_USER\\Software\\Classes\\.nianbao). A key's modification time (its
    #time line) is kept under the name KEY_TIME; the other metadata (#class, #link) is not."""
    keys: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    logical = ""
    for raw in text.splitlines():
        line = logical + raw.strip() if logical else raw.rstrip()
        if line.endswith("\\") and not _KEY.match(line):
            logical = line[:-1]
            continue
        logical = ""
        key = _KEY.match(line)
        if key:
            current = keys.setdefault(f"{root}\\{_unescape(key.group(1))}", {})
            continue
        if line.startswith("#time=") and current is not None:
            current[KEY_TIME] = line[len("#time=") :]
            continue
        value = _VALUE.match(line)
        if value and current is not None:
            name = "@" if value.group(1) == "@" else _unescape(value.group(2))
            current[name] = value.group(3)
    return keys


@dataclass(frozen=True)
class Writes:
    # created, changed or deleted files; created, deleted or changed folders
    files: list[str]
    # keys created, deleted or rewritten, and "KEY → value name" for values set or removed
    registry: list[str]


def writes_between(before: Snapshot, after: Snapshot) -> Writes:
    files = sorted(
        path for path in before.files.keys() | after.files.keys() if before.files.get(path) != after.files.get(path)
    )
    registry: list[str] = []
    for key in sorted(before.registry.keys() | after.registry.keys()):
        old, new = before.registry.get(key), after.registry.get(key)
        if old is None or new is None:
            registry.append(key)
            continue
        values = [
            f"{key} → {name}"
            for name in sorted((old.keys() | new.keys()) - {KEY_TIME})
            if old.get(name) != new.get(name)
        ]
        # A key written with the values it had: only its modification time moved.
        registry += values or ([key] if old.get(KEY_TIME) != new.get(KEY_TIME) else [])
    return Writes(files, registry)


def outside_profile(writes: Writes, user: str, noise: tuple[tuple[str, str], ...] = WINE_NOISE) -> list[str]:
    """The writes a standard user could not make: files outside C:\\users\\<user>\\ and keys
    outside HKEY_CURRENT_USER, less Wine's own noise."""
    bad = [path for path in writes.files if not _under(path, f"C:\\users\\{user}")]
    bad += [key for key in writes.registry if not _under(key, "HKEY_CURRENT_USER")]
    return [item for item in bad if not any(_is_noise(item, entry) for entry, _ in noise)]


def noise_seen(writes: Writes, noise: tuple[tuple[str, str], ...] = WINE_NOISE) -> list[tuple[str, str]]:
    """(write, reason) for each write left out as Wine's own noise, to print them."""
    return [
        (item, reason)
        for item in [*writes.files, *writes.registry]
        for entry, reason in noise
        if _is_noise(item, entry)
    ]


def _is_noise(item: str, entry: str) -> bool:
    if entry.endswith("\\*"):
        return _under(item, entry[:-2])
    return item.lower() == entry.lower()


def _under(item: str, prefix: str) -> bool:
    """item is prefix itself, or lies inside it (a path, a subkey or one of its values)."""
    item, prefix = item.lower(), prefix.lower()
    return item == prefix or item.startswith((prefix + "\\", prefix + " →"))
