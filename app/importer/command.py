"""`nianbao import FILE -o DRAFT [--force]`: a draft from last year's published report.

Prints the import report (what was recognised, what was not, the published report's slips),
then what the checks find in the imported draft, so the clerk sees at once what was wrong.
"""

from __future__ import annotations

from pathlib import Path

from app.atomic import same_file
from app.checks import check_report, format_finding
from app.draft import save_draft
from app.importer.core import MAX_YEAR, MIN_YEAR, import_file, render_import_report
from app.importer.problems import NotAReport


def run(args) -> int:
    from app.cli import (
        CommandError,  # app.cli loads this module on demand; importing it here avoids a cycle
    )

    out = Path(args.output)
    if same_file(out, args.file):
        raise CommandError(f"草稿“{out}”与要导入的报告是同一个文件，导入会覆盖原报告。没有导入；请另选文件名。")
    if out.exists() and not args.force:
        raise CommandError(f"“{out}”已存在，未覆盖。要覆盖请加 --force。")
    year = getattr(args, "year", None)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise CommandError(f"--year {year} 无效：年度应在{MIN_YEAR}至{MAX_YEAR}之间。")
    try:
        result = import_file(args.file, year=year)
    except NotAReport as exc:
        raise CommandError(str(exc)) from None
    if result.year_unknown:
        raise CommandError(
            "原报告中没有找到报告年度（标题、统计期限和落款中都没有），未生成草稿。"
            "请用 --year 指定，例如：nianbao import 报告.txt -o 草稿.json --year 2023"
        )
    save_draft(result.report, out, overwrite_foreign=args.force)
    for line in render_import_report(result):
        print(line)
    findings = check_report(result.report)
    if findings:
        print(f"检查导入的草稿（{len(findings)}处）：")
        for finding in findings:
            print(f"  {format_finding(finding)}")
    print(f"已生成草稿：{out}")
    return 0
