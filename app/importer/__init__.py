"""Import last year's published report (DOCX or pasted text) into a draft.

API (Qt-free; the GUI's 导入往年报告 calls it):

    from app.importer import import_file, import_text, import_docx, render_import_report, NotAReport

    result = import_file(path)      # .docx, .pdf (not a scan), text in UTF-8 / GB18030 (BOM tolerated), or a saved web page;
                                    #   import_file(path, year=2023): the year the clerk gives wins
    result = import_text(text)      # text pasted from a web page or Word (or a page's HTML source)
    result = import_docx(path)
    result = import_pdf(path)
    result.report                   # app.report.Report: format, organ, year, date, contact,
                                    #   preamble, 总体情况 sub-sections, sections 五 and 六, input cells
    result.recognised               # list[str]: what was recognised, in Chinese
    result.problems                 # list[ImportProblem(where, read, message, kind)]:
                                    #   numbers left out (UNPLACED), published totals that disagree with
                                    #   their parts (TOTAL), departures from the format (SLIP), things
                                    #   not found (MISSING), rows placed by their position in
                                    #   the table because their label was lost or cut (BY_POSITION),
                                    #   cells printed blank or as "/" and read as 0 (BLANK)
    result.year_unknown             # the report says nowhere which year it covers: ask, or pass year=
    render_import_report(result)    # list[str]: the import report as Chinese lines

Text that is not an annual report, an empty or binary file raises NotAReport (a ValueError
whose str() is a one-line Chinese message). Nothing is ever guessed: a number that cannot be
placed with confidence is left out of the draft (so it counts as 0) and listed in problems.
The draft keeps only input cells; its totals are always the sums of the parts.
"""

from app.importer.core import (
    ImportResult,
    decode_text,
    import_blocks,
    import_docx,
    import_file,
    import_pdf,
    import_text,
    render_import_report,
)
from app.importer.problems import BLANK, BY_POSITION, MISSING, SLIP, TOTAL, UNPLACED, ImportProblem, NotAReport

__all__ = [
    "BLANK",
    "BY_POSITION",
    "ImportProblem",
    "ImportResult",
    "NotAReport",
    "MISSING",
    "SLIP",
    "TOTAL",
    "UNPLACED",
    "decode_text",
    "import_blocks",
    "import_docx",
    "import_file",
    "import_pdf",
    "import_text",
    "render_import_report",
]
