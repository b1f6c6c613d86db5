"""Run by the Windows Python inside the Wine prefix (not by the Linux one): print, as JSON, the
title of every visible top-level window whose title contains ARGV[1], with the class and text
of each of its visible child controls — the words a clerk reads on that page.

    wine python.exe window_texts.py 选择安装方式

Windows' own API (user32 through ctypes), so no extra package is needed on the Windows side.
ASCII-escaped JSON: Wine's Python writes to a pipe in the console code page.
"""

import ctypes
import json
import sys
from ctypes import wintypes

user32 = ctypes.windll.user32
EnumProc = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)


WM_GETTEXT, WM_GETTEXTLENGTH, SMTO_ABORTIFHUNG = 0x000D, 0x000E, 0x0002
user32.SendMessageW.argtypes = [
    wintypes.HWND,
    wintypes.UINT,
    wintypes.WPARAM,
    wintypes.LPARAM,
]
user32.SendMessageW.restype = ctypes.c_ssize_t
user32.SendMessageTimeoutW.argtypes = [
    wintypes.HWND,
    wintypes.UINT,
    wintypes.WPARAM,
    wintypes.LPARAM,
    wintypes.UINT,
    wintypes.UINT,
    ctypes.POINTER(ctypes.c_size_t),
]


def window_text(handle: int) -> str:
    """WM_GETTEXT, not GetWindowText: for a window of another process GetWindowText returns
    only a caption, never the contents of an edit box (the 安装位置 folder, the 准备安装 memo)."""
    length = ctypes.c_size_t()
    user32.SendMessageTimeoutW(handle, WM_GETTEXTLENGTH, 0, 0, SMTO_ABORTIFHUNG, 5000, ctypes.byref(length))
    buffer = ctypes.create_unicode_buffer(length.value + 1)
    copied = ctypes.c_size_t()
    user32.SendMessageTimeoutW(
        handle,
        WM_GETTEXT,
        length.value + 1,
        ctypes.addressof(buffer),
        SMTO_ABORTIFHUNG,
        5000,
        ctypes.byref(copied),
    )
    return buffer.value


LB_GETTEXT, LB_GETTEXTLEN, LB_GETCOUNT = 0x0189, 0x018A, 0x018B


def list_items(handle: int) -> list[str]:
    """The items of a list box (Inno Setup's check lists: 附加任务's tasks, 完成's 运行年报助手),
    which keep their texts as items, not as the window's text."""
    count = user32.SendMessageW(handle, LB_GETCOUNT, 0, 0)
    items = []
    for index in range(max(count, 0)):
        length = user32.SendMessageW(handle, LB_GETTEXTLEN, index, 0)
        buffer = ctypes.create_unicode_buffer(max(length, 0) + 1)
        user32.SendMessageW(handle, LB_GETTEXT, index, ctypes.addressof(buffer))
        items.append(buffer.value)
    return items


def class_name(handle: int) -> str:
    buffer = ctypes.create_unicode_buffer(256)
    user32.GetClassNameW(handle, buffer, 256)
    return buffer.value


def windows_titled(part: str) -> list[dict]:
    found: list[dict] = []

    def top_level(handle: int, _: int) -> bool:
        if user32.IsWindowVisible(handle) and part in window_text(handle):
            controls: list[dict] = []

            def child(control: int, _: int) -> bool:
                if user32.IsWindowVisible(control):
                    kind = class_name(control)
                    text = "\n".join(list_items(control)) if "listbox" in kind.lower() else window_text(control)
                    controls.append({"class": kind, "text": text})
                return True

            user32.EnumChildWindows(handle, EnumProc(child), 0)
            found.append(
                {
                    "title": window_text(handle),
                    "class": class_name(handle),
                    "controls": controls,
                }
            )
        return True

    user32.EnumWindows(EnumProc(top_level), 0)
    return found


if __name__ == "__main__":
    sys.stdout.write(json.dumps(windows_titled(sys.argv[1]), ensure_ascii=True))
