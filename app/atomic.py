"""Reading the clerk's files and saving files so that nothing is lost, hung on or broken.

Reading (read_user_file): only a regular file is read, never a pipe or a device (which
could block forever or never end), and never more than a stated limit.

Saving (atomic_write): the new content goes to a temporary file in the same folder, is
flushed and fsynced, and only then replaces the target; the previous version is kept as
``<name>.bak``. A target reached through a symbolic link is updated where it really is (the
link stays). A target that is not a regular file (a pipe, a device) is never replaced, nor
a read-only file unless the caller says the clerk agreed. The temporary name is short
(``.nianbao-<pid>-<random>.tmp``) so that a file name of 255 bytes can still be saved, and
temporary files left by a program that was killed are removed on the next save in that
folder. On Windows a scanner or indexer holding the file open makes the replace fail for a
moment (WinError 5, 32, 33), so those errors are retried.
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

from app.errors import UserError, os_reason
from app.limits import size_text

_TRANSIENT_WINERRORS = {5, 32, 33}
TEMP_PREFIX = ".nianbao-"
_TEMP_RE = re.compile(r"\.nianbao-(\d+)-[0-9a-f]{8}\.tmp")
_OLD_TEMP_RE = re.compile(r"\.(.+)\.(\d+)\.tmp")  # versions before 2026-12 named them .<name>.<pid>.tmp
STALE_AFTER = 60.0  # seconds: a temporary file of a dead process this old is left over, not being written
ABANDONED_AFTER = 24 * 3600.0  # seconds: older than this it is left over whoever wrote it (pid reused)


class SaveError(UserError, OSError):
    """The file could not be saved; str() is a message for the clerk. The old file is intact."""


class ReadOnlyTarget(SaveError):
    """The target is read-only; the GUI may ask the clerk and save again with replace_read_only."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


MAX_NAME_BYTES = 255  # the longest file name most file systems take (UTF-8 bytes on Linux)


def backup_path(path: Path) -> Path:
    """<name>.bak; for a name so long that ".bak" would pass the limit, the name is cut first."""
    name = path.name
    while len((name + ".bak").encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    return path.with_name(name + ".bak")


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


def _write_temp(folder: Path, data: bytes, mode: int | None = None) -> Path:
    """A new temporary file holding `data`; `mode`: the permissions of the file it will replace."""
    # os.urandom as secrets.token_hex does it, without importing secrets (hmac, hashlib, random:
    # ~9 ms of every start-up)
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None and os.name != "nt":
            os.chmod(tmp, mode)  # a replaced file keeps its permissions
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def real_target(path: str | os.PathLike) -> Path:
    """Where a save really goes: a symbolic link is followed, so the file it points to is updated."""
    path = Path(path)
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:  # a name too long, a folder that cannot be read: the save will say why
        return path


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file (through links, case on Windows), existing or not."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def check_target(path: Path, replace_read_only: bool = False) -> os.stat_result | None:
    """Refuse a target that may not be replaced: a folder, a pipe or device, or (unless the
    clerk agreed) a read-only file. Returns the target's status, or None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SaveError(f"无法保存“{path.name}”（{os_reason(exc)}），没有写入。") from exc
    if stat.S_ISDIR(st.st_mode):
        raise SaveError(f"“{path}”是一个文件夹，不能写成文件。请另选文件名。")
    if not stat.S_ISREG(st.st_mode):
        raise SaveError(f"“{path}”不是普通文件（可能是设备或管道），不能写入。请另选文件名。")
    if not replace_read_only and is_read_only(path, st):
        raise ReadOnlyTarget(f"“{path.name}”是只读文件，没有覆盖。要保存请另选文件名，或先取消它的只读属性。", path)
    return st


def is_read_only(path: Path, st: os.stat_result) -> bool:
    # The owner's write bit (Windows: the read-only attribute) even for an administrator, who
    # may write anything: a file marked read-only is one the clerk meant to keep as it is.
    return not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def atomic_write(
    path: str | os.PathLike, data: bytes, keep_backup: bool = True, replace_read_only: bool = False
) -> None:
    path = real_target(path)
    folder = path.parent
    st = check_target(path, replace_read_only)
    remove_stale_temp_files(folder, path.name)
    mode = stat.S_IMODE(st.st_mode) if st is not None else None
    if st is not None and os.name == "nt" and replace_read_only and is_read_only(path, st):
        try:  # the clerk agreed; Windows will not rename onto a file marked read-only
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
        except OSError as exc:
            raise SaveError(f"无法保存“{path.name}”（{_reason(exc)}），原文件未改动。") from exc
    try:
        tmp = _write_temp(folder, data, mode)
    except OSError as exc:
        raise SaveError(f"无法在“{folder}”写入文件（{_reason(exc)}），原文件未改动。") from exc
    backup = None
    try:
        if keep_backup and st is not None:
            backup = _write_temp(folder, path.read_bytes(), mode)
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
    return os_reason(exc)


def remove_stale_temp_files(folder: Path, name: str | None = None) -> None:
    """Remove this program's temporary files left in a folder by a save that was killed.

    Only files named as this program names them (.nianbao-<pid>-<8 hex>.tmp; with `name`, also
    the older .<name>.<pid>.tmp and .<name>.bak.<pid>.tmp of that one file) whose process is no
    longer running and which have not changed for a minute, or which are a day old."""
    from app.recovery import pid_alive  # recovery saves through this module

    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP_RE.fullmatch(entry.name)
        if match is None and name is not None:
            old = _OLD_TEMP_RE.fullmatch(entry.name)
            if old is not None and old.group(1) in (name, name + ".bak"):
                match = old
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            pid = int(match.group(match.lastindex or 1))
            age = now - info.st_mtime
            ours_alive = pid == os.getpid() or pid_alive(pid)
            if age > ABANDONED_AFTER or (not ours_alive and age > STALE_AFTER):
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def read_user_file(path: Path, error: type[Exception], kind: str, limit: int) -> bytes:
    """The bytes of a file the clerk chose. A missing file, a folder, a pipe or device (which
    could block or never end), a file over `limit` bytes or an unreadable file raise `error`
    with a Chinese message (kind: what the file should have been, e.g. 草稿文件)."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a pipe with no writer would otherwise wait for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise error(f"“{path}”是文件夹，不是{kind}。") from None
    except OSError as exc:
        raise error(f"无法读取“{path.name}”：{os_reason(exc)}。") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"“{path}”是文件夹，不是{kind}。")
        raise error(f"“{path}”不是普通文件（可能是设备或管道），不能作为{kind}读取。")
    with open(fd, "rb") as fh:
        too_big = f"“{path.name}”太大（{{size}}），不像{kind}：本程序只读取{size_text(limit)}以内的{kind}。"
        if st.st_size > limit:
            raise error(too_big.format(size=size_text(st.st_size)))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise error(f"无法读取“{path.name}”：{os_reason(exc)}。") from None
        if len(data) > limit:  # it grew while being read
            raise error(too_big.format(size=f"超过{size_text(limit)}"))
        return data
