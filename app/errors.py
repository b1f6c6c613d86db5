"""What the clerk may be told when something goes wrong, in one place.

Every error meant for the clerk derives from UserError: its str() is a complete Chinese
message, so the command line and the GUI show it as it is (never as 内部错误). The OS's own
reasons (errno) are said in Chinese by os_reason, and values quoted in a message are
shortened by shorten, so that a 4,000-digit number does not make an 8 KB line.
"""

from __future__ import annotations

import errno

QUOTE_LIMIT = 20  # characters of a quoted value shown before "…"


class UserError(Exception):
    """A problem the clerk can act on; str() is a Chinese message naming what and where."""


def shorten(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as quoted in a message: its first `limit` characters, then "…（共N个字符）"."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共{len(text)}个字符）"


# errno → what the clerk reads; Windows error numbers that mean the same are listed after.
_REASONS = {
    getattr(errno, name, None): reason
    for name, reason in (
        ("EACCES", "没有权限"),
        ("EPERM", "没有权限"),
        ("ENOENT", "文件或文件夹不存在"),
        ("ENOTDIR", "路径中有一部分不是文件夹"),
        ("EISDIR", "这是一个文件夹"),
        ("EEXIST", "文件已存在"),
        ("ENAMETOOLONG", "文件名太长"),
        ("ENOSPC", "磁盘空间不足"),
        ("EROFS", "磁盘或文件夹是只读的"),
        ("EIO", "读写磁盘时出错"),
        ("EBUSY", "文件正被其他程序使用"),
        ("ETXTBSY", "文件正被其他程序使用"),
        ("EMFILE", "打开的文件太多"),
        ("ENFILE", "打开的文件太多"),
        ("EXDEV", "不能跨磁盘移动文件"),
        ("ELOOP", "快捷方式（符号链接）循环指向自身"),
        ("EINVAL", "文件名或参数无效"),
        ("EFBIG", "文件太大"),
        ("EDQUOT", "磁盘配额已用完"),
        ("ENXIO", "设备不存在或没有就绪"),
        ("ENODEV", "设备不存在"),
        ("ETIMEDOUT", "网络或磁盘响应超时"),
        ("EAGAIN", "文件暂时无法使用，请稍后再试"),
        ("EPIPE", "输出已被关闭"),
    )
}  # names missing on this system (None) are never looked up with None
_WINERRORS = {
    5: "文件被其他程序占用或没有写入权限",
    32: "文件正被其他程序使用（例如在Word、WPS或PDF阅读器中打开）",
    33: "文件的一部分被其他程序锁定",
    112: "磁盘空间不足",
    206: "文件名太长",
    1224: "文件正被其他程序使用",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Chinese (the OS's English text never reaches the clerk)."""
    if isinstance(exc, UserError):
        return str(exc)
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERRORS:
        return _WINERRORS[winerror]
    if exc.errno is not None and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return f"系统错误{exc.errno}" if exc.errno else "系统错误"
