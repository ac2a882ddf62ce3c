"""Processing times ("Thời hạn giải quyết"): "05 ngày làm việc", "từ 5 đến 7 ngày", "ba mươi ngày".

Choices (documented in the README section "Durations"):

* "ngay trong ngày", "trong ngày (làm việc)", "ngay sau khi ..." — same-day service — is 0.5 working
  day: faster than "01 ngày làm việc" (which allows the result the next day) yet not instantaneous.
  "trong ngày làm việc tiếp theo" is 1 working day.
* a week ("tuần") is 7 calendar days (unit ``day``, so 5 working days); a quarter ("quý") is 3
  months; minutes are fractions of an hour.
* a compound "02 tháng và 15 ngày làm việc" is summed in the smaller unit (59 working days).
* when a cell gives several times ("05 ngày làm việc; trường hợp phải xác minh thì không quá 10
  ngày làm việc"), ``value`` is the first one and ``value_max`` the largest, expressed in the unit
  of the first; ``working_days`` always converts ``value``.
* a number with no unit ("5") has ``ambiguous=True`` and no ``working_days``.
* "Không quy định", "theo quy định", "Không có thông tin", "Do Sở … quy định" ... have ``unspecified=True``.
* deadlines and schedules are not durations: "Trước ngày 30 tháng 9 của năm xét chọn", "Chậm nhất vào ngày
  15/4 hàng năm", "ngay trước khi tàu rời cảng", "03 năm một lần vào dịp …" give value None,
  ``unspecified=False`` and ``qualifier="deadline"`` (``is_deadline``), so readers can say so
  (``duration_is_deadline``) rather than report a time they could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.model import WORKING_DAYS_PER_UNIT, Duration, DurationUnit
from analyzer.parse._nfc import nfc, nfc_with_offsets
from analyzer.parse.numbers import NUMBER_WORDS_PATTERN, parse_decimal, parse_number_words

SAME_DAY_WORKING_DAYS = 0.5
DEADLINE = "deadline"  # Duration.qualifier of a date or schedule given where a duration was expected


@dataclass(frozen=True, slots=True)
class DurationSpan:
    """A duration found inside a longer text: character offsets into that text and its value."""

    start: int
    end: int
    duration: Duration


# unit word → (model unit, multiplier into that unit). Order matters: longest alternatives first.
_UNITS: dict[str, tuple[DurationUnit, float]] = {
    "working_day": ("working_day", 1.0),
    "day": ("day", 1.0),
    "week": ("day", 7.0),
    "hour": ("hour", 1.0),
    "minute": ("hour", 1.0 / 60.0),
    "month": ("month", 1.0),
    "quarter": ("month", 3.0),
    "year": ("year", 1.0),
}
_UNIT = (
    r"(?:(?P<working_day>ngày\s+làm\s+việc)"
    r"|(?P<day>ngày)"
    r"|(?P<week>tuần(?:\s+làm\s+việc)?)"
    r"|(?P<hour>(?:giờ|tiếng)(?:\s+làm\s+việc)?)"
    r"|(?P<minute>phút)"
    r"|(?P<month>tháng)"
    r"|(?P<quarter>quý)"
    r"|(?P<year>năm))(?!\w)"
)


def _quantity(name: str) -> str:
    # "05", "2.5", "03 (ba)", "ba mươi", "Ba mươi (30)"
    return (
        rf"(?:(?P<{name}_d>\d+(?:[.,]\d+)?)(?:\s*\([^()\d]{{1,25}}\))?"
        rf"|(?P<{name}_w>{NUMBER_WORDS_PATTERN})(?:\s*\(\s*(?P<{name}_p>\d+)\s*\))?)"
    )


_DURATION = re.compile(
    r"(?<![\w/.,-])"
    r"(?:(?P<from>từ)\s+)?"
    + _quantity("a")
    + r"(?:\s*(?:-|–|đến|tới)\s*"
    + _quantity("b")
    + r")?\s*"
    + _UNIT,
    re.IGNORECASE,
)
_SAME_DAY = re.compile(
    r"(?<!\w)(?:ngay\s+)?trong\s+(?:cùng\s+|một\s+)?ngày(?P<next>\s+làm\s+việc\s+(?:tiếp\s+theo|kế\s+tiếp))?"
    r"(?:\s+làm\s+việc)?(?!\w)(?!\s*(?:\d|nghỉ|lễ|tết))",
    re.IGNORECASE,
)
_IMMEDIATELY = re.compile(r"ngay\s+(?:sau\s+khi|khi|lập\s+tức)(?!\w)", re.IGNORECASE)

# context guards, tested on the text around a numeric match
_DATE_BEFORE = re.compile(r"(?:ngày|tháng|/)\s*$", re.IGNORECASE)  # "ngày 30 tháng 9", "tháng 10 năm"
# "2 tháng 9 (năm 2024)" but not "1 tháng 15 ngày"; "10 năm 2020" but not "1 năm 6 tháng"
_MONTH_DATE_AFTER = re.compile(r"^\s*(?:/|\d{1,2}(?!\d)(?!\s*(?:ngày|giờ|tiếng|tuần|phút)))", re.IGNORECASE)
_YEAR_DATE_AFTER = re.compile(r"^\s*(?:/|\d{4})")
_FREQUENCY_AFTER = re.compile(r"^\s*(?:một|1|01)\s+lần", re.IGNORECASE)  # "03 năm một lần"
_FREQUENCY_BEFORE = re.compile(r"(?:mỗi|hằng|hàng)\s*$", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"(?:sau|trước|lúc|vào|từ|đến|tới)\s*$", re.IGNORECASE)  # "sau 15 giờ"
_CLOCK_AFTER = re.compile(r"^\s*(?:\d|sáng|trưa|chiều|tối)", re.IGNORECASE)
_DURATION_CUE_AFTER = re.compile(r"^\s*(?:làm\s+việc|,?\s*(?:kể|tính)\s+từ)", re.IGNORECASE)

_EXACT_RATIO: dict[tuple[str, str], float] = {("year", "month"): 12.0, ("working_day", "hour"): 8.0}
_JOIN_AND = re.compile(r"^\s*(?:và|,)?\s*$", re.IGNORECASE)
_JOIN_RANGE = re.compile(r"^\s*(?:-|–|đến|tới)\s*$", re.IGNORECASE)
_QUALIFIER = re.compile(r"[^.;\n]{0,45}?((?:kể|tính)\s+từ(?!\w)[^,.;\n()]*)", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:[-–]\s*(\d+(?:[.,]\d+)?))?\s*[.;]?\s*$")
_UNSPECIFIED = re.compile(
    r"^\W*(?:0\s+)?(?:không|chưa|khác|tùy|tuỳ)"
    r"|(?:không|chưa)\s+(?:có\s+)?(?:quy\s+định|xác\s+định|thông\s+tin)"
    r"|theo\s+(?:quy\s+định|kế\s+hoạch|hướng\s+dẫn|thông\s+báo|mô\s+tả|thời\s+hạn|quyết\s+định)"
    r"|phần\s+mô\s+tả|tùy\s+thuộc|tuỳ\s+thuộc|tùy\s+theo|tuỳ\s+theo"
    r"|^\W*do\s+[^.;\d]{1,80}?\s+(?:quy\s+định|quyết\s+định)\W*$",  # "Do sở giáo dục và đào tạo quy định"
    re.IGNORECASE,
)
# A date, an event or a recurring schedule instead of a duration (tested only when no duration was found).
_DEADLINE = re.compile(
    r"(?<!\w)(?:trước|chậm\s+nhất(?:\s+(?:là|vào))*|không\s+muộn\s+hơn)\s+(?:ngày\s+\d|ngay\s+trước|khi|thời\s+điểm)"
    r"|(?<!\w)(?:hằng|hàng)\s+(?:năm|quý|tháng)(?!\w)"
    r"|(?<!\w)\d{1,2}\s+năm\s+(?:một|1|01)\s+lần"
    r"|(?<!\w)đến\s+ngày\s+hết\s+hạn",
    re.IGNORECASE,
)


def parse_duration(text: str | None) -> Duration | None:
    """Parse a channel processing-time cell; None for empty input. Never raises."""
    if text is None:
        return None
    raw = text.strip()
    if not raw:
        return None
    composed = nfc(raw)
    spans = _scan(composed)
    if spans:
        return _from_spans(raw, composed, spans)
    bare = _BARE_NUMBER.match(composed)
    if bare:
        low, high = parse_decimal(bare.group(1)), parse_decimal(bare.group(2) or "")
        return Duration(text=raw, value=low, value_max=high, ambiguous=True)
    if _UNSPECIFIED.search(composed):
        return Duration(text=raw, unspecified=True)
    if _DEADLINE.search(composed):
        return Duration(text=raw, qualifier=DEADLINE)
    return Duration(text=raw)


def is_deadline(duration: Duration | None) -> bool:
    """True for a date or schedule read where a duration was expected (no value, not unspecified)."""
    return duration is not None and duration.value is None and duration.qualifier == DEADLINE


def find_durations(text: str | None) -> list[DurationSpan]:
    """Every duration mentioned in a free text, in order, with offsets into `text`.

    "Trong thời hạn 10 ngày làm việc, kể từ ngày ..." yields one span covering "10 ngày làm việc".
    """
    if not text:
        return []
    composed, starts = nfc_with_offsets(text)
    return [
        DurationSpan(start=starts[span.start], end=starts[span.end], duration=span.duration)
        for span in _scan(composed)
    ]


def _scan(text: str) -> list[DurationSpan]:
    """Durations in composed text, offsets into it."""
    spans = [span for match in _DURATION.finditer(text) if (span := _numeric_span(text, match))]
    spans += [_same_day_span(match) for match in _SAME_DAY.finditer(text)]
    leading = _IMMEDIATELY.match(text)
    if leading:
        spans.append(_span(leading.start(), leading.end(), leading.group(0), SAME_DAY_WORKING_DAYS, None, "working_day"))
    spans.sort(key=lambda span: span.start)
    return _merge_adjacent(text, _drop_overlaps(spans))


def _numeric_span(text: str, match: re.Match[str]) -> DurationSpan | None:
    unit_key = next(key for key in _UNITS if match.group(key))
    unit, factor = _UNITS[unit_key]
    low = _quantity_value(match, "a")
    if low is None:
        return None
    high = _quantity_value(match, "b")
    quantity_start = match.start("a_d") if match.group("a_d") else match.start("a_w")
    before, after = text[:quantity_start], text[match.end() :]  # "từ" belongs to the context
    if _is_not_a_duration(unit_key, low, before, after, ranged=high is not None):
        return None
    return _span(match.start(), match.end(), match.group(0), low * factor, high * factor if high is not None else None, unit)


def _is_not_a_duration(unit_key: str, value: float, before: str, after: str, *, ranged: bool) -> bool:
    """Dates ("ngày 30 tháng 9"), frequencies ("03 năm một lần") and clock times ("sau 15 giờ")."""
    if _DATE_BEFORE.search(before[-8:]):
        return True
    if unit_key == "month" and _MONTH_DATE_AFTER.match(after):
        return True
    if unit_key == "year" and _YEAR_DATE_AFTER.match(after):
        return True
    if _FREQUENCY_AFTER.match(after) or _FREQUENCY_BEFORE.search(before[-8:]):
        return True
    if unit_key == "hour" and not ranged:
        if _CLOCK_AFTER.match(after):
            return True
        if _CLOCK_BEFORE.search(before[-8:]) and value <= 24 and not _DURATION_CUE_AFTER.match(after):
            return True
    return False


def _quantity_value(match: re.Match[str], name: str) -> float | None:
    digits = match.group(f"{name}_d") or match.group(f"{name}_p")
    if digits:
        return parse_decimal(digits)
    words = match.group(f"{name}_w")
    if words:
        value = parse_number_words(words)
        return float(value) if value is not None else None
    return None


def _same_day_span(match: re.Match[str]) -> DurationSpan:
    value = 1.0 if match.group("next") else SAME_DAY_WORKING_DAYS
    return _span(match.start(), match.end(), match.group(0), value, None, "working_day")


def _span(start: int, end: int, text: str, value: float, value_max: float | None, unit: DurationUnit) -> DurationSpan:
    return DurationSpan(start=start, end=end, duration=_duration(text, value, value_max, unit))


def _duration(text: str, value: float, value_max: float | None, unit: DurationUnit) -> Duration:
    if value_max is not None and value_max <= value:
        value_max = None
    return Duration(
        text=text,
        value=_tidy(value),
        value_max=_tidy(value_max) if value_max is not None else None,
        unit=unit,
        working_days=_tidy(value * WORKING_DAYS_PER_UNIT[unit]),
    )


def _tidy(number: float) -> float:
    return round(number, 3)


def _drop_overlaps(spans: list[DurationSpan]) -> list[DurationSpan]:
    kept: list[DurationSpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            if span.end - span.start > kept[-1].end - kept[-1].start:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def _merge_adjacent(text: str, spans: list[DurationSpan]) -> list[DurationSpan]:
    """Join "02 tháng và 15 ngày" (sum) and "từ 5 ngày đến 7 ngày" (range) into one span."""
    merged: list[DurationSpan] = []
    for span in spans:
        if merged:
            previous = merged[-1]
            gap = text[previous.end : span.start]
            joined = _join(previous, span, gap, text)
            if joined:
                merged[-1] = joined
                continue
        merged.append(span)
    return merged


def _join(first: DurationSpan, second: DurationSpan, gap: str, text: str) -> DurationSpan | None:
    a, b = first.duration, second.duration
    if a.value is None or b.value is None or a.unit is None or b.unit is None or a.value_max or b.value_max:
        return None
    whole = text[first.start : second.end]
    if _JOIN_RANGE.match(gap) and a.unit == b.unit:
        return _span(first.start, second.end, whole, a.value, b.value, a.unit)
    if _JOIN_AND.match(gap) and a.unit != b.unit and a.working_days and b.working_days:
        smaller = min((a.unit, b.unit), key=lambda unit: WORKING_DAYS_PER_UNIT[unit])
        larger = b.unit if smaller == a.unit else a.unit
        exact = _EXACT_RATIO.get((larger, smaller))
        if exact:  # "1 năm 6 tháng" is 18 months, not 392 working days / 22
            larger_value = a.value if larger == a.unit else b.value
            smaller_value = b.value if larger == a.unit else a.value
            total = larger_value * exact + smaller_value
        else:
            total = (a.working_days + b.working_days) / WORKING_DAYS_PER_UNIT[smaller]
        return _span(first.start, second.end, whole, total, None, smaller)
    return None


def _from_spans(raw: str, composed: str, spans: list[DurationSpan]) -> Duration:
    first = spans[0].duration
    unit, value = first.unit or "working_day", first.value or 0.0  # every scanned span has both
    largest = max(_upper_working_days(span.duration) for span in spans) / WORKING_DAYS_PER_UNIT[unit]
    value_max = first.value_max
    if largest > (value_max or value) + 1e-6:  # tolerance: unit conversions are inexact floats
        value_max = largest
    qualifier = _QUALIFIER.match(composed, spans[0].end)
    return Duration(
        text=raw,
        value=first.value,
        value_max=_tidy(value_max) if value_max is not None else None,
        unit=first.unit,
        working_days=first.working_days,
        qualifier=qualifier.group(1).strip() if qualifier else None,
    )


def _upper_working_days(duration: Duration) -> float:
    upper = duration.value_max or duration.value or 0.0
    return upper * WORKING_DAYS_PER_UNIT[duration.unit] if duration.unit else 0.0
