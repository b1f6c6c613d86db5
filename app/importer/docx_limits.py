"""A Word file is a zip archive: its parts are checked against the limits before python-docx
unpacks them, so that a "zip bomb" (a small file that unpacks to gigabytes) is refused at once.

The sizes checked are the ones the archive declares; Python's zipfile never unpacks more than
a part declares (and a part that holds more fails its checksum), so they bound the memory.
"""

from __future__ import annotations

import io
import zipfile

from app.importer.problems import NotAReport
from app.limits import MAX_DOCX_PARTS, MAX_DOCX_UNPACKED, MAX_DOCX_XML_PART, size_text


def check_docx_package(data: bytes, name: str) -> None:
    """Raise NotAReport when the archive is damaged or would unpack to more than the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise NotAReport(f"无法读取Word文件“{name}”：文件已损坏或不是.docx格式。") from None
    too_big = (
        f"Word文件“{name}”解压后过大（{{what}}），不像年度报告，未导入。本程序只导入解压后{{limit}}以内的Word文件。"
    )
    if len(parts) > MAX_DOCX_PARTS:
        raise NotAReport(
            too_big.format(
                what=f"含{len(parts)}个部件", limit=f"{MAX_DOCX_PARTS}个部件、{size_text(MAX_DOCX_UNPACKED)}"
            )
        )
    total = sum(part.file_size for part in parts)
    if total > MAX_DOCX_UNPACKED:
        raise NotAReport(too_big.format(what=size_text(total), limit=size_text(MAX_DOCX_UNPACKED)))
    for part in parts:
        if part.filename.lower().endswith((".xml", ".rels")) and part.file_size > MAX_DOCX_XML_PART:
            raise NotAReport(
                too_big.format(
                    what=f"其中“{part.filename}”有{size_text(part.file_size)}",
                    limit=f"每个文字部件{size_text(MAX_DOCX_XML_PART)}",
                )
            )
