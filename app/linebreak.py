"""Where a line of Chinese text may break: the rules of GB/T 15834-2011 (punctuation) as
W3C's "Requirements for Chinese Text Layout" (clreq) states them for line breaking.

- No line starts with a closing mark: ，。、；：？！ closing brackets, quotes and title marks
  (and their half-width relatives , . ; : ? ! ) ] } %).
- No line ends with an opening mark: （《「『“‘〔【〈［｛ (and ( [ {).
- The two-character marks —— (破折号) and …… (省略号) are never cut in two.
- A number or a Latin word is cut only when no other break is left on the line.

`break_lines` is the one line breaker of the PDF: reportlab's own CJK wrapping only knows
a short list of marks that may not start a line and none that may not end one (engineering
notes §4.3), so its paragraphs and the table labels are broken here.
"""

from __future__ import annotations

from collections.abc import Sequence

NO_LINE_START = "，。、；：？！）》」』”’〕】〉］｝〗〙・·％‰℃,.;:?!)]}%"
NO_LINE_END = "（《「『“‘〔【〈［｛〖〘([{"
INSEPARABLE = "—…"  # —— and …… are one mark of two characters
FORCED = "\n"  # a line break written in the text (reportlab's <br/>)


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/@")


def may_break(before: str, after: str) -> bool:
    """Whether a line may end with `before` and the next start with `after`."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before == after and before in INSEPARABLE)


def _good_break(chars: Sequence[str], at: int) -> bool:
    """A break before chars[at] that keeps the punctuation rules and Latin words whole."""
    return may_break(chars[at - 1], chars[at]) and not (_word_char(chars[at - 1]) and _word_char(chars[at]))


def break_lines(
    chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float], hang: bool = True
) -> list[tuple[int, int]]:
    """Lines as (start, end) index ranges of `chars`, filled greedily to `max_widths`
    (the width of line n is max_widths[n], the last repeating).

    Where a line is full, it breaks at the nearest place the rules allow. With `hang`,
    one closing mark that does not fit may stay at the end of its line (squeezed in by
    the justification, as Word and WPS do); without it (table cells, whose rule it would
    cross) the character before the mark goes down with it instead. A character "\\n"
    ends its line.
    """
    lines: list[tuple[int, int]] = []
    start, used, i, n = 0, 0.0, 0, len(chars)
    while i < n:
        if chars[i] == FORCED:
            lines.append((start, i + 1))
            start, used, i = i + 1, 0.0, i + 1
            continue
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if used + widths[i] <= limit + 1e-6 or i == start:
            used += widths[i]
            i += 1
            continue
        end = _break_before(chars, start, i, hang)
        if end < n and chars[end] == FORCED:
            end += 1  # the line ends here anyway: no empty line after it
        lines.append((start, end))
        start, used, i = end, 0.0, end
    if start < n:
        lines.append((start, n))
    return lines


def _break_before(chars: Sequence[str], start: int, overflow: int, hang: bool) -> int:
    """Where the line [start, overflow) ends, chars[overflow] being the first that did not fit."""
    nxt = overflow + 1
    if hang and chars[overflow] in NO_LINE_START and (nxt >= len(chars) or _good_break(chars, nxt)):
        return nxt
    for at in range(overflow, start, -1):  # the nearest good place, keeping Latin words whole
        if _good_break(chars, at):
            return at
    for at in range(overflow, start, -1):  # a very long Latin word: the punctuation rules still hold
        if may_break(chars[at - 1], chars[at]):
            return at
    for at in range(overflow + 1, len(chars)):  # no place on the line at all: the line runs long
        if may_break(chars[at - 1], chars[at]):
            return at
    return len(chars)
