"""`nianbao import FILE -o DRAFT [--force]`: a draft from last year's published report."""

from __future__ import annotations

from pathlib import Path

from app.draft import save_draft
from app.importer.core import import_file, render_import_report
from app.importer.problems import NotAReport


def run(args) -> int:
    from app.cli import CommandError  # app.cli imports this module lazily; avoid a cycle at import time

    out = Path(args.output)
    if out.exists() and not args.force:
        raise CommandError(f"“{out}”已存在，未覆盖。要覆盖请加 --force。")
    try:
        result = import_file(args.file)
    except NotAReport as exc:
        raise CommandError(str(exc)) from None
    save_draft(result.report, out, overwrite_foreign=args.force)
    for line in render_import_report(result):
        print(line)
    print(f"已生成草稿：{out}")
    return 0
