"""Splitting "Trình tự thực hiện" into steps.

Markers are tried from the most to the least explicit, and the first kind found is used:

1. "Bước 1:", "- Bước 1.", "BƯỚC 1", "B1:" — also run together in one paragraph ("…hợp lệ.Bước 2:").
   A lowercase "bước" counts only at the start of a line, so "từng bước", "các bước", "bước tiếp
   theo" never split; a capitalised "Bước n" after "tại", "theo", "quay lại" ... is a reference.
2. "1." / "1)" / "I." at the start of a line (sub-numbers "1.1." stay inside their step).
3. "a)" / "b)" at the start of a line.
4. "- " / "+ " / "* " / "•" bullets at the start of a line (the first bullet character seen is the
   top level; the others stay inside their step).

Numbered markers must run in sequence (n == previous + 1, or a restart at 1 for a new case), which
rejects cross-references such as "quay lại Bước 2". Levels 2–4 need at least two markers.
A short heading before the first marker ("Trình tự thực hiện:") is dropped; a longer preamble
becomes a step of its own, so no source text is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.model import Step
from analyzer.parse._nfc import LOWER_LETTERS, nfc
from analyzer.parse.duration import find_durations
from analyzer.parse.numbers import parse_number_words
from analyzer.resources.vocabulary import default_vocabulary

_NO_INFORMATION = re.compile(r"^\W*(?:không\s+có\s+thông\s+tin|không\s+có|không)\W*$", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/li|/div)\s*/?\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,200}>")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}
_LETTERS = default_vocabulary().point_letters  # Vietnamese list order: d, đ, e; no f, j, w, z
_NUMBER_WORD = default_vocabulary().count_words_pattern()

_STEP_WORD = re.compile(
    r"(?:(?<![^\W\d_])|(?<=[" + LOWER_LETTERS + r"]))"  # a word start, or glued after a lowercase word ("lệBước")
    r"(?:Bước|BƯỚC|B(?=\s?\d))\s*(?P<n>\d{1,2}|[IVX]{1,5}|" + _NUMBER_WORD + r")(?![\w.]\d|\w)"
    r"[ \t]*(?:[:.)–-](?!\d)[ \t]*)?"
)
_STEP_WORD_LINE_START = re.compile(
    r"(?m)^[ \t]*[-+*•–]?[ \t]*bước\s*(?P<n>\d{1,2}|[IVX]{1,5}|" + _NUMBER_WORD + r")(?!\w)[ \t]*(?:[:.)–-][ \t]*)?"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:tại|theo|ở|như|của|từ|đến|tới|lại|sang|và|hoặc|với|trong|thuộc|sau|trước)\s*$", re.IGNORECASE
)
_NUMBERED = re.compile(r"(?m)^[ \t]*[-+*•–]?[ \t]*(?P<n>\d{1,2}|[IVX]{1,5})(?:[.)](?!\d)|[ \t]*[-–:])[ \t]*(?=\S)")
_LETTERED = re.compile(r"(?m)^[ \t]*(?P<n>[a-zđ])\)[ \t]*(?=\S)")
_BULLET = re.compile(r"(?m)^[ \t]*(?P<b>[-+*•–])[ \t]*(?=\S)")

_TITLE_END = re.compile(r"\n|(?<=[^\d\s])[.;](?:\s|$)|:\s*\n")
_MAX_TITLE = 150
_MAX_HEADING_PREAMBLE = 120


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int  # where the marker begins
    end: int  # where the step text begins
    number: int | None


def split_steps(text: str | None) -> list[Step]:
    """Split "Trình tự thực hiện" into numbered steps; [] for empty or "Không có thông tin"."""
    if not text:
        return []
    cleaned = _clean(text)
    if not cleaned or _NO_INFORMATION.match(cleaned):
        return []
    markers, titled = _find_markers(cleaned)
    if not markers:
        return _numbered([(cleaned, False)])
    pieces: list[tuple[str, bool]] = []
    # the bullet of the first step's line ("Trình tự thực hiện:\n- Bước 1: …") is not part of the heading
    preamble = cleaned[: markers[0].start].strip(" \t\n-+*•–")
    if preamble and not _is_heading(preamble):
        pieces.append((preamble, False))
    for marker, following in zip(markers, [*markers[1:], None]):
        body = cleaned[marker.end : following.start if following else len(cleaned)]
        if body.strip(" \t\n-+*•–:;."):
            pieces.append((body, titled))
    return _numbered(pieces)


def numbered_out_of_order(text: str | None) -> str | None:
    """The marker where "Bước n" markers go back to an earlier number after a first step numbered above 1 ("Bước 3 …
    Bước 4 … Bước 1 …"): the source publishes its steps out of order (several cases restart at 1 from 1). None when
    in order."""
    cleaned = _clean(text or "")
    markers, titled = _find_markers(cleaned)
    if not titled or not markers or (markers[0].number or 1) <= 1:
        return None
    back = next((m for previous, m in zip(markers, markers[1:]) if (m.number or 0) < (previous.number or 0)), None)
    return " ".join(cleaned[back.start: back.end + 80].split()) if back else None


def _numbered(pieces: list[tuple[str, bool]]) -> list[Step]:
    steps = [_step(0, body, titled=has_title) for body, has_title in pieces]
    return [step.model_copy(update={"index": index}) for index, step in enumerate((s for s in steps if s.text), start=1)]


def _clean(text: str) -> str:
    text = _HTML_BREAK.sub("\n", nfc(text))
    text = _HTML_TAG.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _find_markers(text: str) -> tuple[list[_Marker], bool]:
    """Markers of the most explicit kind present, and whether that kind carries titles."""
    step_words = _in_sequence(
        [m for m in _STEP_WORD.finditer(text) if not _REFERENCE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])]
        + list(_STEP_WORD_LINE_START.finditer(text))
    )
    if step_words:
        return step_words, True
    for pattern in (_NUMBERED, _LETTERED):
        markers = _in_sequence(list(pattern.finditer(text)))
        if len(markers) >= 2:
            return markers, False
    bullets = list(_BULLET.finditer(text))
    if bullets:
        top = bullets[0].group("b")
        markers = [_Marker(m.start(), m.end(), None) for m in bullets if m.group("b") == top]
        if len(markers) >= 2:
            return markers, False
    return [], False


def _in_sequence(matches: list[re.Match[str]]) -> list[_Marker]:
    """Keep markers numbered 1, 2, 3 … (a restart at 1 is allowed: several cases in one text)."""
    markers: list[_Marker] = []
    previous: int | None = None
    for match in sorted(matches, key=lambda m: m.start()):
        if markers and match.start() < markers[-1].end:
            continue  # the same marker matched by two patterns
        number = _marker_number(match.group("n"))
        if number is None:
            continue
        if previous is None or number == previous + 1 or number == 1:
            markers.append(_Marker(match.start(), match.end(), number))
            previous = number
    return markers


def _marker_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    if len(token) == 1 and token in _LETTERS:
        return _LETTERS.index(token) + 1
    return parse_number_words(token)


def _is_heading(preamble: str) -> bool:
    return len(preamble) <= _MAX_HEADING_PREAMBLE and "\n" not in preamble.strip() and not find_durations(preamble)


def _step(index: int, body: str, *, titled: bool) -> Step:
    # the bullet before the next "- Bước n" marker belongs to that marker, not to this step
    text = body.strip().rstrip(" \t\n-+*•–;").strip()
    durations = find_durations(text)
    return Step(
        index=index,
        text=text,
        title=_title(text) if titled else None,
        duration=durations[0].duration if durations else None,
    )


def _title(text: str) -> str | None:
    end = _TITLE_END.search(text)
    head = (text[: end.start()] if end else text).strip(" :;.-–")
    if not head or len(head) > _MAX_TITLE:
        return None
    return head
