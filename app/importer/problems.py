"""What the import could not do, or found wrong in the published report."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserError

UNPLACED = "unplaced"  # a number read but not put in the draft
SLIP = "slip"  # the published report departs from the official format (label, numbering…)
TOTAL = "total"  # a published total disagrees with the sum of its parts
MISSING = "missing"  # something the format asks for was not found
BY_POSITION = "by position"  # a row without a (whole) label, placed by where it stands in the table
BLANK = "blank"  # cells the published table left blank or filled with "/": read as 0


class NotAReport(UserError, ValueError):
    """The input is not a readable annual report; str() is a one-line Chinese message."""


@dataclass(frozen=True)
class ImportProblem:
    where: str  # where it stood in the original: 第12行, 第2个表格第5行, 第三部分…
    read: str  # what was read there ("" when something is missing)
    message: str  # what is wrong and what the import did about it, in Chinese
    kind: str = SLIP

    def line(self) -> str:
        read = f"读到“{self.read}”：" if self.read else ""
        return f"［{self.where}］{read}{self.message}"
