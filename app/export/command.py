"""`nianbao export FILE --docx OUT.docx --pdf OUT.pdf [--html OUT.html]`."""

from __future__ import annotations

from collections.abc import Callable

from app.cli import CommandError
from app.draft import load_draft
from app.export import ExportResult, MissingGlyph, check_export_targets, render_docx, render_pdf
from app.report import Report


def _render_html(report: Report, path: str) -> str:
    from app.export.html import render_html  # only when asked for: a DOCX export does not load it

    return render_html(report, path)


def run(args) -> int:
    targets = [(kind, path) for kind, path in (("docx", args.docx), ("pdf", args.pdf), ("html", args.html)) if path]
    if not targets:
        raise CommandError("请指定导出格式：--docx 文件名.docx 和/或 --pdf 文件名.pdf。")
    renderers: dict[str, Callable[[Report, str], ExportResult | str]] = {
        "docx": render_docx,
        "pdf": render_pdf,
        "html": _render_html,
    }
    report = load_draft(args.file)
    check_export_targets([path for _, path in targets], draft=args.file)  # nothing is written if one is refused
    missing: dict[tuple[str, str], MissingGlyph] = {}
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
        print(f"注意：以下字符没有可用的字体，PDF中以“〓”代替，请改用常用字或打印后手写补上：{shown}")
    return 0
