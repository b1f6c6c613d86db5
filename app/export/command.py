"""`nianbao export FILE --docx OUT.docx --pdf OUT.pdf [--html OUT.html]`."""

from __future__ import annotations

import importlib.util

from app.cli import CommandError
from app.draft import load_draft
from app.export import ExportResult, render_docx, render_pdf


def _render_html(report, path):
    if importlib.util.find_spec("app.export.html") is None:
        raise CommandError("此版本尚不能导出网页（HTML），请改用 --docx 或 --pdf。")
    from app.export.html import render_html

    return render_html(report, path)


def run(args) -> int:
    targets = [(opt, path) for opt, path in (("docx", args.docx), ("pdf", args.pdf), ("html", getattr(args, "html", None))) if path]
    if not targets:
        raise CommandError("请至少指定一种导出格式：--docx 文件名.docx 或 --pdf 文件名.pdf。")
    report = load_draft(args.file)
    renderers = {"docx": render_docx, "pdf": render_pdf, "html": _render_html}
    missing = {}
    for kind, path in targets:
        result = renderers[kind](report, path)
        print(f"已导出：{path}")
        if isinstance(result, ExportResult):
            for glyph in result.missing:
                missing.setdefault((glyph.char, glyph.where), glyph)
            if kind == "pdf" and result.substitutions:
                print("字体替代：" + "；".join(result.substitutions))
    if missing:
        shown = "、".join(g.label for g in missing.values())
        print(f"注意：以下字符没有可用的字体，打印时会显示为空框，请改用常用字或手写补上：{shown}")
    return 0
