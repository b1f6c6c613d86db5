"""Pasting a block copied from Excel or WPS into a section's grid: which cell gets which value.

Qt-free: the grid is given as its size and a function naming the cell key at a position
(None for labels, headers and positions covered by a merged cell). Totals are skipped
(they are computed), values beyond the grid are ignored, and a value a cell cannot hold
is refused with the reason; what remains is set as one undo step by the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.formats import Format
from app.values import Value, ValueProblem, parse_value


def block_rows(text: str) -> list[list[str]]:
    """Tab/newline text as rows of cells; the newline Excel ends a copied block with is dropped."""
    rows = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while rows and rows[-1] == [""]:
        rows.pop()
    return rows


@dataclass
class PastePlan:
    values: dict[str, Value] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # "where：why" for each value not pasted
    skipped_totals: int = 0
    outside: int = 0

    @property
    def message(self) -> str:
        parts = [f"已粘贴{len(self.values)}个数字"]
        if self.skipped_totals:
            parts.append(f"{self.skipped_totals}个合计单元格自动计算，已跳过")
        if self.outside:
            parts.append(f"{self.outside}个值超出表格，已忽略")
        if self.refused:
            parts.append(f"以下{len(self.refused)}个值不是有效数字，未粘贴（原值不变）：\n" + "\n".join(self.refused))
        return "；".join(parts)

    @property
    def problem(self) -> bool:
        return bool(self.refused or not self.values)


def plan_paste(
    fmt: Format,
    rows: list[list[str]],
    start: tuple[int, int],
    size: tuple[int, int],
    key_at: Callable[[int, int], str | None],
) -> PastePlan:
    """The block's top-left value goes to `start`; the grid has `size` (rows, columns)."""
    plan = PastePlan()
    for i, row in enumerate(rows):
        for j, raw in enumerate(row):
            r, c = start[0] + i, start[1] + j
            if r >= size[0] or c >= size[1]:
                plan.outside += bool(raw.strip())
                continue
            key = key_at(r, c)
            if key is None:
                continue
            cell = fmt.cells[key]
            if cell.computed:
                plan.skipped_totals += bool(raw.strip())
                continue
            try:
                plan.values[key] = parse_value(raw, cell.kind)
            except ValueProblem as problem:
                plan.refused.append(f"{cell.where}：{problem}")
    return plan


def fill_selection(fmt: Format, raw: str, keys: list[str]) -> dict[str, Value]:
    """One copied value over a selection fills every input cell of it, as Excel does (ValueProblem)."""
    return {k: parse_value(raw, fmt.cells[k].kind) for k in keys}
