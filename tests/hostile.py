"""Hostile files the tests and benches build: a Word file that unpacks to far more than it weighs."""

from __future__ import annotations

import io
import zipfile


def docx_with_padding(padding: int, compresslevel: int = 1) -> bytes:
    """A real Word file whose document.xml is padded with `padding` bytes of white space:
    a small file that unpacks to a large one."""
    import docx

    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as bomb,
    ):
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename != "word/document.xml":
                bomb.writestr(part.filename, data)
                continue
            head, rest = data.split(b"?>", 1)
            with bomb.open(part.filename, "w") as fh:
                fh.write(head + b"?>")
                chunk = b" " * (1 << 20)
                for _ in range(padding >> 20):
                    fh.write(chunk)
                fh.write(rest)
    return out.getvalue()
