"""Deadlines: absolute ("trước ngày 30 tháng 3 năm 2024") and recurring ("trước ngày 10 tháng 11 hàng
năm", "định kỳ hàng quý", "định kỳ 6 tháng"). A bare "hàng năm" is an adjective ("nhiệm vụ hàng năm"),
not a deadline; a bare "định kỳ" is kept as a periodic duty unless the same clause gives the period.
"""

from __future__ import annotations

import re

from analyzer.parse.legal.model import Deadline
from analyzer.parse.legal.patterns import DATE, collapse, date_from_match

_EACH = r"(?:hàng|hằng|mỗi)"
_PERIODS = {"ngày": "daily", "tuần": "weekly", "tháng": "monthly", "quý": "quarterly", "năm": "yearly"}
_BEFORE = r"(?:trước|chậm nhất(?:\s+là)?|không muộn hơn|hạn chót(?:\s+là)?|muộn nhất(?:\s+là)?)"

_RECURRING_DAY = re.compile(
    rf"{_BEFORE}\s+(?:ngày\s+)?(?P<day>\d{{1,2}})(?:\s*(?:tháng\s+|/)(?P<month>\d{{1,2}}))?\s+(?:của\s+)?{_EACH}\s+"
    r"(?P<period>năm|quý|tháng|tuần)",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(rf"{_BEFORE}\s+(?:ngày\s*)?{DATE}", re.IGNORECASE)
_PERIODIC = re.compile(
    rf"định\s+kỳ(?:\s+(?:{_EACH}\s+(?P<period>ngày|tuần|tháng|quý|năm)"
    rf"|(?P<months>\d{{1,2}}|sáu|ba)\s+tháng(?:\s+(?:một\s+lần|/\s*lần))?))?"
    rf"(?:\s*(?:,|và)\s*{_EACH}\s+(?P<also>năm))?",
    re.IGNORECASE,
)
_REPORTING = re.compile(rf"(?:báo cáo|tổng hợp)(?:\s+kết quả)?\s+{_EACH}\s+(?P<period>tháng|quý|năm)(?![\wÀ-ỹ])", re.IGNORECASE)
_MONTH_WORDS = {"sáu": 6, "ba": 3}


def find_deadlines(text: str, start: int = 0, end: int | None = None) -> list[Deadline]:
    """Deadlines in ``text[start:end]``, in order, with offsets into ``text``."""
    end = len(text) if end is None else end
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], **fields: object) -> None:
        if any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(Deadline(text=collapse(match.group(0)), start=match.start(), end=match.end(), **fields))

    for match in _RECURRING_DAY.finditer(text, start, end):
        month = int(match.group("month")) if match.group("month") else None
        add(match, recurrence=_PERIODS[match.group("period").lower()], day=int(match.group("day")), month=month)
    for match in _ABSOLUTE.finditer(text, start, end):
        iso = date_from_match(match)
        if iso:
            add(match, date=iso)
    for match in _PERIODIC.finditer(text, start, end):
        add(match, recurrence=_periodic_kind(match))
    for match in _REPORTING.finditer(text, start, end):
        add(match, recurrence=_PERIODS[match.group("period").lower()])
    found.sort(key=lambda d: d.start)
    return _drop_covered_periodic(text, found)


def _periodic_kind(match: re.Match[str]) -> str:
    if match.group("period"):
        return _PERIODS[match.group("period").lower()]
    months = match.group("months")
    if months:
        count = _MONTH_WORDS.get(months.lower()) or int(months)
        return {1: "monthly", 3: "quarterly", 6: "semiannual", 12: "yearly"}.get(count, "periodic")
    return "periodic"


def _drop_covered_periodic(text: str, deadlines: list[Deadline]) -> list[Deadline]:
    """"định kỳ gửi báo cáo … (trước ngày 10 tháng 11 hàng năm)": the dated deadline says it all."""
    kept = []
    for index, deadline in enumerate(deadlines):
        if deadline.recurrence == "periodic" and deadline.date is None:
            clause_end = _clause_end(text, deadline.end)
            if any(other.start < clause_end for other in deadlines[index + 1:]):
                continue
        kept.append(deadline)
    return kept


def _clause_end(text: str, at: int) -> int:
    match = re.compile(r"[;\n]|\.(?:\s|$)").search(text, at)
    return match.start() if match else len(text)
