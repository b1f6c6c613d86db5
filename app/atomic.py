"""Saving a file so that a crash or power cut never leaves it broken or empty.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, and only then replaces the target; the previous version is kept as
``<name>.bak``. On Windows a scanner or indexer holding the file open makes the
replace fail for a moment (WinError 5, 32, 33), so those errors are retried.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_TRANSIENT_WINERRORS = {5, 32, 33}


class SaveError(OSError):
    """The file could not be saved; str() is a message for the clerk. The old file is intact."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: Path, dst: Path, attempts: int = 7) -> None:
    delay = 0.05
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except OSError as exc:
            transient = getattr(exc, "winerror", None) in _TRANSIENT_WINERRORS
            if not transient or attempt == attempts - 1:
                raise
            time.sleep(delay)
            delay *= 2


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: bytes, keep_backup: bool = True) -> None:
    path = Path(path)
    folder = path.parent
    try:
        tmp = _write_temp(folder, path.name, data)
    except OSError as exc:
        raise SaveError(f"无法在“{folder}”写入文件（{_reason(exc)}），原文件未改动。") from exc
    backup = None
    try:
        if keep_backup and path.exists():
            backup = _write_temp(folder, path.name + ".bak", path.read_bytes())
            _replace(backup, backup_path(path))
        _replace(tmp, path)
    except OSError as exc:
        for leftover in (tmp, backup):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        raise SaveError(f"无法保存“{path.name}”（{_reason(exc)}），原文件未改动。") from exc
    try:
        _fsync_dir(folder)
    except OSError:
        pass  # the rename is done; syncing the folder entry is best effort


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _TRANSIENT_WINERRORS:
        return "文件被其他程序占用或没有写入权限"
    if exc.errno == 28:
        return "磁盘空间不足"
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在"
    return exc.strerror or str(exc)


def read_user_file(path: Path, error: type[Exception], kind: str) -> bytes:
    """The bytes of a file the clerk chose; a missing file, a folder or an unreadable file
    raise `error` with a Chinese message (kind: what the file should have been, e.g. 草稿文件)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是{kind}。") from None
    except OSError as exc:
        raise error(f"无法读取“{path.name}”：{exc.strerror or exc}。") from None
