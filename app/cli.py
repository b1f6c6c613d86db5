"""The `nianbao` command line.

Exit status: 0 success (check: no errors), 1 check found errors, 2 bad arguments or
a file that cannot be read or written — always with a one-line message, never a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import same_file
from app.draft import load_draft, save_draft
from app.errors import UserError, os_reason
from app.formats import all_formats
from app.report import Report, new_report

if TYPE_CHECKING:
    from app.checks import CheckSettings

# app.checks (and its text checks) is imported by the commands that check: an export
# or an import process does not pay for it.

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class CommandError(UserError):
    """A problem to report in one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one Chinese line instead of argparse's usage dump
        raise CommandError(f"参数有误：{message}（用 nianbao -h 查看用法）")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写成2024-01-10的形式") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="年报助手：政府信息公开工作年度报告")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("new", help="新建草稿（所有数字为0）")
    p.add_argument("--template", choices=sorted(all_formats()), help="报告格式，默认按年度选择")
    p.add_argument("--year", type=int, help="报告年度，如2023")
    p.add_argument("--organ", help="机关名称，如甘坊镇人民政府")
    p.add_argument("--date", type=_date, help="成文日期，如2024-01-10")
    p.add_argument("--from", dest="previous", metavar="LAST", help="以上一年度的草稿为基础")
    p.add_argument("-o", "--output", required=True, help="新草稿的文件名")
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖")

    p = sub.add_parser("check", help="检查草稿")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="以JSON输出")
    p.add_argument("--previous", metavar="LAST", help="上一年度的草稿，用于核对结转数和照搬上年的文字")
    p.add_argument("--deadline", default="01-31", help="公布期限（月-日），默认01-31")
    p.add_argument("--township", choices=["yes", "no"], help="是否乡镇（街道）；默认按机关名称判断")

    p = sub.add_parser("export", help="导出DOCX、PDF或网页")
    p.add_argument("file")
    p.add_argument("--docx", metavar="OUT.docx")
    p.add_argument("--pdf", metavar="OUT.pdf")
    p.add_argument("--html", metavar="OUT.html")

    p = sub.add_parser("import", help="从往年报告（DOCX、PDF、文本或网页）生成草稿")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖")
    p.add_argument("--year", type=int, help="报告年度，如2023（原报告中找不到年度时必须指定）")

    p = sub.add_parser("summary", help="汇总多个草稿")
    p.add_argument("drafts", nargs="+")
    p.add_argument("--csv", metavar="OUT.csv")

    p = sub.add_parser("review", help="审阅一个文件夹中的多份报告（县级审核）")
    p.add_argument("folder", help="各乡镇报告所在的文件夹（草稿和已发布的PDF、Word、网页、文本）")
    p.add_argument("--previous", metavar="LASTDIR", help="上一年度报告所在的文件夹，用于核对结转数和照搬上年的文字")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="写出审阅表（Excel）")
    p.add_argument("--pdf", metavar="OUT.pdf", help="写出可打印的审核意见（PDF）")

    p = sub.add_parser("gui", help="打开图形界面")
    p.add_argument("file", nargs="?")
    return parser


def _load(path: str) -> Report:
    return load_draft(path)


def cmd_new(args) -> int:
    out = Path(args.output)
    if out.exists() and not args.force:
        raise CommandError(f"“{out}”已存在，未覆盖。要覆盖请加 --force。")
    if args.previous:
        from app.carry import report_from_previous

        if same_file(out, args.previous):
            raise CommandError(
                f"新草稿“{out}”与上一年度的草稿是同一个文件，新建会覆盖上年草稿。没有新建；请另选文件名。"
            )
        previous = _load(args.previous)
        year = args.year if args.year is not None else previous.meta.year + 1
        if not 2000 <= year <= 2100:  # a draft outside this range could not be opened again
            raise CommandError(f"年度“{year}”无效。")
        report = report_from_previous(previous, year=year, template=args.template)
        if args.organ:
            report.meta.organ = args.organ
    else:
        if args.year is None or not args.organ:
            raise CommandError("新建草稿需要 --year 和 --organ（或用 --from 指定上一年度的草稿）。")
        if not 2000 <= args.year <= 2100:
            raise CommandError(f"年度“{args.year}”无效。")
        report = new_report(args.organ, args.year, args.template)
    if args.date:
        report.meta.report_date = args.date
    save_draft(report, out, overwrite_foreign=args.force)
    print(f"已新建草稿：{out}（{report.title}，{report.format.name}）")
    return EXIT_OK


def _settings(args) -> CheckSettings:
    from app.checks import CheckSettings

    try:
        month, day = (int(x) for x in args.deadline.split("-"))
        dt.date(2001, month, day)
    except ValueError:
        raise CommandError(f"公布期限“{args.deadline}”应写成01-31的形式。") from None
    township = None if args.township is None else args.township == "yes"
    return CheckSettings(deadline=(month, day), township=township)


def cmd_check(args) -> int:
    from app.checks import ERROR, check_report, format_finding

    settings = _settings(args)
    report = _load(args.file)
    previous = _load(args.previous) if args.previous else None
    findings = check_report(report, previous=previous, settings=settings)
    if args.json:
        print(json.dumps({"findings": [f.as_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        errors = sum(f.severity == ERROR for f in findings)
        print(f"{report.title}（{report.format.name}）：{errors}个错误，{len(findings) - errors}个提醒")
        for f in findings:
            print(format_finding(f))
    return EXIT_FINDINGS if any(f.severity == ERROR for f in findings) else EXIT_OK


def _delegate(module: str, function: str):
    def run(args) -> int:
        return getattr(importlib.import_module(module), function)(args)

    return run


COMMANDS = {
    "new": cmd_new,
    "check": cmd_check,
    "export": _delegate("app.export.command", "run"),
    "import": _delegate("app.importer.command", "run"),
    "summary": _delegate("app.summary", "run"),
    "review": _delegate("app.review_command", "run"),
    # The GUI is loaded by name so that the Qt-free core never imports it.
    "gui": _delegate("ui.main", "run"),
}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv or ["gui"])
        return COMMANDS[args.command or "gui"](args)
    except UserError as exc:  # drafts, saving, import, fonts, values, arguments: a message for the clerk
        print(f"nianbao: {exc}", file=sys.stderr)
    except OSError as exc:
        where = f"（{exc.filename}）" if exc.filename else ""
        print(f"nianbao: 文件操作失败：{os_reason(exc)}{where}", file=sys.stderr)
    except KeyboardInterrupt:
        print("nianbao: 已中断", file=sys.stderr)
    except SystemExit as exc:  # argparse's -h
        return int(exc.code or 0)
    except Exception as exc:  # never a traceback for the clerk
        print(f"nianbao: 内部错误（{type(exc).__name__}: {exc}）", file=sys.stderr)
    return EXIT_USAGE
