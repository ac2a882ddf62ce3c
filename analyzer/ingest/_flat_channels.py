"""Split portal-flat's flattened "Cách thức thực hiện" table into rows.

The scrape joined the table cells with no separator:
``Hình thức nộpThời gianPhí, lệ phíMô tả`` + rows of ``<mode><time><fee>[(fee note)]<description>``,
e.g. ``Trực tuyến5 Ngày làm việc10 USD(/lần)Dịch vụ bưu chính…``. A mode name starts a row only
when a time cell follows it directly; a mode word inside a description ("- Trực tiếp: tại …",
"Trực tuyến qua Cổng …") is followed by a space or punctuation and stays in the description.

This module only cuts cells; reading a time or a fee is left to ``analyzer.parse``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.model import ChannelMode
from analyzer.resources.vocabulary import default_vocabulary

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
MODES: dict[str, ChannelMode] = {label: mode for mode, label in default_vocabulary().mode_labels.items()}  # type: ignore[misc]
NO_INFO = "Không có thông tin"

_UNIT = r"(?:Ngày làm việc|Ngày|Giờ|Tháng|Năm|năm|Tuần|Phút)"
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|EUR|Đồng|đồng)"
_AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FEE_HEAD = rf"(?:Miễn phí|{NO_INFO}|{_AMOUNT} ?{_CURRENCY})"
_MODE = re.compile("|".join(re.escape(mode) for mode in MODES))

# The cell right after a mode name, most specific first. Each alternative proves a row start.
_TIME_WITH_UNIT = re.compile(rf"\d+(?:[.,]\d+)? ?{_UNIT}")  # cells are glued: no word boundary
_BARE_NUMBER = re.compile(rf"\d+(?:[.,]\d+)?(?=Miễn phí|{NO_INFO})")
_GLUED_AMOUNT = re.compile(rf"(?P<digits>\d[\d,]*) ?(?P<currency>{_CURRENCY})")
_TIME_WORDS = re.compile(rf"[^\W\d_][^\n]{{0,200}}?(?={_FEE_HEAD})")
_FEE_AT = re.compile(_FEE_HEAD)

_VALID_TIME = re.compile(r"0|[1-9]\d*")
_VALID_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*")


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """The cells of one row, as text. ``time`` is None when the cell is empty or "Không có thông tin"."""

    mode: ChannelMode
    time: str | None
    time_has_unit: bool
    fee: str | None
    description: str | None
    glued: str | None = None  # "1100 VNĐ": time and fee amount run together and could not be told apart


@dataclass(frozen=True, slots=True)
class ChannelTable:
    rows: list[ChannelRow]
    leftover: str | None  # text before the first row that no row could take


def _time_cell(text: str, at: int) -> tuple[int, bool] | None:
    """End of the time cell starting at ``at`` and whether it has a unit; None when no time cell starts there."""
    if match := _TIME_WITH_UNIT.match(text, at):
        return match.end(), True
    if match := _BARE_NUMBER.match(text, at):
        return match.end(), False
    if _GLUED_AMOUNT.match(text, at):
        return at, False  # decided later by split_glued_time_fee
    if (match := _TIME_WORDS.match(text, at)) and text[at].isupper():
        return match.end(), False
    return None


def row_starts(text: str) -> list[tuple[int, int, ChannelMode]]:
    """(start, end, mode) of the mode names that really start a row (a time cell follows directly)."""
    return [
        (match.start(), match.end(), MODES[match.group()])
        for match in _MODE.finditer(text)
        if _time_cell(text, match.end()) is not None
    ]


def split_glued_time_fee(digits: str, note: str) -> tuple[str, str] | None:
    """Cut "1100" (a unitless time run into a fee amount) into ("1", "100") when only one cut fits.

    A cut fits when both halves are well-formed numbers (no leading zero, proper thousands groups).
    Several fitting cuts are settled by the fee note when it repeats exactly one candidate amount
    ("125 VNĐ(… 25.000 đồng …)"); otherwise the cell is left unsplit (None) rather than guessed.
    """
    cuts = [
        (digits[:k], digits[k:])
        for k in range(1, len(digits))
        if _VALID_TIME.fullmatch(digits[:k]) and _VALID_AMOUNT.fullmatch(digits[k:])
    ]
    if len(cuts) == 1:
        return cuts[0]
    confirmed = [cut for cut in cuts if re.search(rf"(?<![\d.,]){re.escape(cut[1])}(?:[.,]000)*(?![\d])", note)]
    return confirmed[0] if len(confirmed) == 1 else None


def _balanced_end(text: str, at: int) -> int:
    """End of the parenthesised note opening at ``at``; the whole text when it never closes."""
    depth = 0
    for index in range(at, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _fee_cell(cell: str) -> tuple[str | None, str]:
    """(fee text, rest) for a row remainder that starts with the fee cell."""
    match = _FEE_AT.match(cell)
    if match is None:
        return None, cell
    end = match.end()
    if cell.startswith("(", end):
        end = _balanced_end(cell, end)
    return cell[:end], cell[end:]


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text if text and text != NO_INFO else None


def _parse_row(mode: ChannelMode, cell: str) -> ChannelRow:
    """Cut one row's text (after its mode name) into time, fee and description."""
    glued = None
    time_end, has_unit = _time_cell(cell, 0) or (0, False)
    time_text = cell[:time_end]
    rest = cell[time_end:]
    if time_end == 0 and (match := _GLUED_AMOUNT.match(cell)):
        digits = match.group("digits")
        cut = split_glued_time_fee(digits, cell[match.end():])
        if cut is None:
            glued = match.group()
            time_text, rest = "", cell
        else:
            time_text, rest = cut[0], cut[1] + cell[len(digits):]
    fee, description = _fee_cell(rest)
    return ChannelRow(
        mode=mode,
        time=_clean(time_text),
        time_has_unit=has_unit,
        fee=_clean(fee),
        description=_clean(description),
        glued=glued,
    )


def split_channel_table(text: str) -> ChannelTable:
    """All rows of a flattened channel table, in source order."""
    body = text[len(HEADER):] if text.startswith(HEADER) else text
    starts = row_starts(body)
    ends = [start for start, _, _ in starts[1:]] + [len(body)]
    rows = [_parse_row(mode, body[cell_start:row_end]) for (_, cell_start, mode), row_end in zip(starts, ends)]
    leftover = body[: starts[0][0]] if starts else body
    return ChannelTable(rows=rows, leftover=leftover.strip() or None)
