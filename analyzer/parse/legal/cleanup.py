"""Turn a pasted or converted legal text into clean paragraphs, keeping a map back to the input.

What is removed (and counted in ``CleanText.removed``): gazette page headers ("CÔNG BÁO/Số …"),
the digital-signature stamp of Công báo PDFs, site front matter (YAML, "*Source: …*", markdown
headings, pháp điển metadata tables), web-page noise ("Ảnh minh họa", "Bạn còn 500/500 ký tự",
news timestamps), lone table pipes, decoration rules ("-------"), footnote markers ("[12]", their
bodies go to ``footnotes``) and repeated news leads. What is repaired: articles glued to the previous
sentence ("…tạm trú.Điều 39.3.LQ.2."), pháp điển headings glued to their first clause, and
hard-wrapped lines, which are re-flowed into one paragraph per line of output.

Re-flow decides per line whether it continues the previous one. Hard wrapping is detected from the
line-length profile; when paragraphs are marked by indentation (Công báo PDFs) indentation decides,
otherwise unit markers, punctuation, capitals and the length of the previous line do. A wrong call
only joins or splits display paragraphs: the structure parser validates numbering on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from analyzer.parse.legal.markers import ARTICLE, strong_marker, weak_marker
from analyzer.text.alignment import Alignment, Rule
from analyzer.text.normalize import PIPELINE

Span = tuple[int, int]

_LINE_ENDINGS = Rule(re.compile(r"\r\n?"), "\n")
_PAGE_HEADER = re.compile(r"^\s*(?:\d+\s+)?CÔNG\s*BÁO\s*/\s*Số\b.*$")
_STAMP = re.compile(r"^\s*(?:Người ký|Email|Cơ quan|Thời gian ký)\s*:")
_WEB_NOISE = re.compile(
    r"^\s*(?:Ảnh(?:\s+minh\s+h(?:ọa|oạ))?\s*\.?|Ảnh\s*:.*|Bạn còn \d+/\d+ ký tự.*|Bạn vui lòng nhập.*"
    r"|\d{1,2}:\d{2},?\s+\d{1,2}/\d{1,2}/\d{4}|\[pic\])\s*$",
    re.IGNORECASE,
)
_ATTACHMENTS = re.compile(r"^\|\s*FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN\s*\|\s*$")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?)?\s*$")
_DECORATION = re.compile(r"^[\s\-_=*~.·•…]{3,}$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_SOURCE_LINE = re.compile(r"^\s*\*?Source:\s*\S+\*?\s*$")
_FOOTNOTE_BODY = re.compile(r"^\[(\d{1,3})\]\s*(.*)$")
_FOOTNOTE_MARK = re.compile(r"\[(\d{1,3})\]")
_GLUED_ARTICLE = re.compile(r"(?<=[.;:!?”\")])(?=(?:Điều|ĐIỀU)\s+\d+[a-z]?(?:\.(?:\d+|[A-ZĐ]{1,3}))*\.\s)")
_GLUED_FIRST_CLAUSE = re.compile(r"\s(?=1\.\s+[A-ZĐÀ-Ỹ])")
_LAYOUT_GAP = re.compile(r"\S\s{4,}\S")
_TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"', "…")
# A line ending in one of these words cannot end a paragraph ("quy định tại khoản" + "2. ..." is a wrap).
_BINDING_WORDS = {
    "khoản", "điểm", "tại", "theo", "của", "và", "hoặc", "số", "ngày", "tháng", "năm", "với",
    "về", "các", "những", "cho", "được", "là", "trong", "từ", "đến",
}
_MIN_WRAPPED_LINES = 20  # fewer lines say too little about a wrap width


@dataclass
class CleanText:
    """The cleaned text (one paragraph per line) with a map back to the normalised input."""

    text: str
    source: str
    segments: list[tuple[int, int, bool]]  # (offset in text, offset in source, copied?)
    paragraphs: list[Span]
    removed: Counter[str] = field(default_factory=Counter)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    site_title: str | None = None


@dataclass
class _Line:
    spans: list[Span]
    text: str
    indent: int
    break_before: bool = False
    kind: str = "text"  # text | table | layout


class _Builder:
    """Accumulates output text while recording where each piece came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, bool]] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self.segments.append((self.length, start, True))
            self.parts.append(self.source[start:end])
            self.length += end - start

    def insert(self, text: str, at: int) -> None:
        self.segments.append((self.length, at, False))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def normalize_input(text: str) -> tuple[str, tuple[Alignment, ...]]:
    """The project's normalisation (legacy encodings, HTML leftovers, invisible characters, NFC, Ð),
    without its whitespace collapse: indentation and column gaps are what re-flow and the header
    reader use to tell paragraphs and columns apart. Returns the text and the offset alignments
    back to the input."""
    alignments: list[Alignment] = []
    text, passes = _LINE_ENDINGS.apply_aligned(text)
    alignments.extend(passes)
    for step in PIPELINE:
        if step.name != "collapse_whitespace":
            text, passes = step.apply_aligned(text)
            alignments.extend(passes)
    return text, tuple(alignments)


def clean_legal_text(source: str) -> CleanText:
    """Clean and re-flow a normalised legal text (see the module docstring)."""
    removed: Counter[str] = Counter()
    raw_lines = _physical_lines(source)
    dropped, site_title = _front_matter(source, raw_lines, removed)
    footnotes: list[tuple[str, str]] = []
    has_marks = bool(_FOOTNOTE_MARK.search(source))
    lines = _classify(source, raw_lines, dropped, has_marks, removed, footnotes)
    lines = [piece for line in lines for piece in _unglue(source, line, removed)]
    paragraphs = _reflow(lines)
    builder = _Builder(source)
    spans: list[Span] = []
    previous_text = None
    for paragraph in paragraphs:
        text = " ".join(line.text for line in paragraph)
        if text == previous_text and len(text) >= 60 and paragraph[0].kind == "text":  # news sites repeat the lead
            removed["duplicate_paragraph"] += 1
            continue
        previous_text = text
        if builder.length:
            builder.insert("\n", paragraph[0].spans[0][0])
        start = builder.length
        for index, line in enumerate(paragraph):
            if index:
                glue = "" if _joins_without_space(paragraph[index - 1].text, line.text) else " "
                if glue:
                    builder.insert(glue, line.spans[0][0])
            for span in line.spans:
                builder.copy(*span)
        spans.append((start, builder.length))
    return CleanText(builder.text(), source, builder.segments, spans, removed, footnotes, site_title)


def _physical_lines(source: str) -> list[Span]:
    spans = []
    start = 0
    for line in source.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _front_matter(source: str, lines: list[Span], removed: Counter[str]) -> tuple[set[int], str | None]:
    """Indices of site chrome at the top of markdown exports, and the site's own title."""
    site_title = None
    drop: set[int] = set()
    texts = [source[s:e] for s, e in lines]
    first = next((i for i, t in enumerate(texts) if t.strip()), None)
    if first is not None and texts[first].strip() == "---":
        close = next((i for i in range(first + 1, min(len(texts), first + 40)) if texts[i].strip() == "---"), None)
        if close is not None:
            for i in range(first, close + 1):
                match = re.match(r"\s*title:\s*(.+)$", texts[i])
                if match:
                    site_title = match.group(1).strip().strip("\"'")
                drop.add(i)
            removed["front_matter"] += close + 1 - first
    for i, text in enumerate(texts):
        if text.strip().startswith("## THÔNG TIN VĂN BẢN"):
            end = next((j for j in range(i + 1, min(len(texts), i + 40)) if texts[j].strip().startswith("## VĂN BẢN")), i)
            drop.update(range(i, end + 1))
            removed["front_matter"] += end + 1 - i
    return drop, site_title


def _classify(
    source: str,
    raw_lines: list[Span],
    drop: set[int],
    has_marks: bool,
    removed: Counter[str],
    footnotes: list[tuple[str, str]],
) -> list[_Line]:
    lines: list[_Line] = []
    pending_break = False
    transparent_blank = False  # blank lines around a page header do not end a paragraph
    seen_content = False
    for index, (start, end) in enumerate(raw_lines):
        raw = source[start:end]
        stripped = raw.strip()
        if index in drop:
            continue
        if not stripped:
            if not transparent_blank:
                pending_break = True
            continue
        kind = _noise_kind(stripped, seen_content, index)
        footnote = _FOOTNOTE_BODY.match(stripped) if kind is None and has_marks else None
        if footnote:
            footnotes.append((footnote.group(1), footnote.group(2).strip()))
            kind = "footnote_body"
        if kind is not None:
            removed[kind] += 1
            if kind == "page_header":
                # Blank lines on either side of a page header are layout: the paragraph may go on.
                transparent_blank = True
                pending_break = False
            else:
                pending_break = True
                transparent_blank = False
            continue
        transparent_blank = False
        seen_content = True
        line = _make_line(source, start, end, has_marks, removed)
        line.break_before = pending_break or not lines
        pending_break = False
        lines.append(line)
    return lines


def _noise_kind(stripped: str, seen_content: bool, index: int) -> str | None:
    if _PAGE_HEADER.match(stripped):
        return "page_header"
    if not seen_content and index < 15 and _STAMP.match(stripped):
        return "signature_stamp"
    if stripped == "|":
        return "table_pipe"
    if _ATTACHMENTS.match(stripped):
        return "attachments"
    if _TABLE_RULE.match(stripped) or _DECORATION.match(stripped):
        return "decoration"
    if _MD_HEADING.match(stripped) or _SOURCE_LINE.match(stripped):
        return "site_chrome"
    if _WEB_NOISE.match(stripped):
        return "web_noise"
    return None


def _make_line(source: str, start: int, end: int, has_marks: bool, removed: Counter[str]) -> _Line:
    raw = source[start:end]
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    spans: list[Span] = []
    cursor = start + left
    stop = start + right
    if has_marks:
        for mark in _FOOTNOTE_MARK.finditer(source, cursor, stop):
            if mark.start() == cursor:
                continue  # "[1]" opening a line is a footnote body, handled by the caller
            spans.append((cursor, mark.start()))
            cursor = mark.end()
            removed["footnote_mark"] += 1
    spans.append((cursor, stop))
    spans = [s for s in spans if s[1] > s[0]] or [(start + left, start + left)]
    text = "".join(source[s:e] for s, e in spans)
    kind = "table" if text.startswith("|") else "layout" if _LAYOUT_GAP.search(text) else "text"
    indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
    return _Line(spans, text, indent, kind=kind)


def _unglue(source: str, line: _Line, removed: Counter[str]) -> list[_Line]:
    """Split "…tạm trú.Điều 39.3.LQ.2. …" and "Điều 15.1.NĐ.48. Hiệu lực thi hành 1. Nghị định …"."""
    if line.kind == "table":
        return [line]
    cuts = [m.start() for m in _GLUED_ARTICLE.finditer(line.text)]
    pieces = _split_line(line, cuts)
    result: list[_Line] = []
    for piece in pieces:
        marker = ARTICLE.match(piece.text)
        if marker:
            clause = _GLUED_FIRST_CLAUSE.search(piece.text, marker.end())
            if clause and clause.start() - marker.end() < 200 and not re.search(r"[.;:]\s*$", piece.text[: clause.start()]):
                result.extend(_split_line(piece, [clause.start() + 1]))
                removed["glued_clause"] += 1
                continue
        result.append(piece)
    removed["glued_article"] += len(cuts)
    return result


def _split_line(line: _Line, cuts: list[int]) -> list[_Line]:
    if not cuts:
        return [line]
    pieces: list[_Line] = []
    bounds = [0, *cuts, len(line.text)]
    for index in range(len(bounds) - 1):
        lo, hi = bounds[index], bounds[index + 1]
        text = line.text[lo:hi]
        if not text.strip():
            continue
        lo += len(text) - len(text.lstrip())
        hi -= len(text) - len(text.rstrip())
        spans = _slice_spans(line.spans, lo, hi)
        first = index == 0
        pieces.append(_Line(spans, line.text[lo:hi], line.indent if first else 0, line.break_before or not first, line.kind))
    return pieces


def _slice_spans(spans: list[Span], start: int, end: int) -> list[Span]:
    """The source spans covering characters [start, end) of the concatenated spans."""
    result: list[Span] = []
    offset = 0
    for s, e in spans:
        length = e - s
        lo = max(start - offset, 0)
        hi = min(end - offset, length)
        if lo < hi:
            result.append((s + lo, s + hi))
        offset += length
    return result


def _reflow(lines: list[_Line]) -> list[list[_Line]]:
    wrap_width = _wrap_width(lines)
    indent_mode = wrap_width is not None and _indent_marks_paragraphs(lines, wrap_width)
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs and wrap_width and not _starts_paragraph(paragraphs[-1], line, wrap_width, indent_mode):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _wrap_width(lines: list[_Line]) -> int | None:
    """The column hard-wrapped text was wrapped at, or None when lines are paragraphs already."""
    lengths = sorted(len(line.text) for line in lines if line.kind == "text")
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    full = sum(1 for n in lengths if n >= 0.7 * width)
    if width <= 140 and full >= 0.4 * len(lengths):
        return width
    return None


def _indent_marks_paragraphs(lines: list[_Line], width: int) -> bool:
    """True when paragraphs start indented and wrapped continuations start at column 0 (Công báo PDFs)."""
    markers = [line for line in lines if line.kind == "text" and (weak_marker(line.text) or ARTICLE.match(line.text))]
    continuations = [
        line for prev, line in zip(lines, lines[1:])
        if not line.break_before and prev.kind == line.kind == "text" and len(prev.text) >= 0.85 * width
        and not prev.text.endswith(_TERMINAL) and line.text[:1].islower()
    ]
    if len(markers) < 5 or len(continuations) < 5:
        return False
    indented = sum(1 for line in markers if line.indent >= 2) / len(markers)
    flush = sum(1 for line in continuations if line.indent == 0) / len(continuations)
    return indented >= 0.6 and flush >= 0.6


def _starts_paragraph(paragraph: list[_Line], line: _Line, width: int, indent_mode: bool) -> bool:
    prev = paragraph[-1]
    if line.break_before or line.kind != "text" or prev.kind != "text":
        return True
    if strong_marker(line.text) and not _ends_with_binding_word(prev.text):
        return True
    if line.indent >= 20 or prev.indent >= 20 and len(prev.text) < 0.6 * width:
        return True  # centred lines: titles and headings
    if indent_mode:
        return line.indent >= 2
    prev_full = len(prev.text) >= 0.8 * width
    if weak_marker(line.text):
        return not (prev_full and (_ends_with_binding_word(prev.text) or prev.text.endswith(",")))
    first_letter = next((c for c in line.text[:4] if c.isalpha()), "")
    starts_upper = first_letter.isupper()  # after an opening quote or bracket too
    if prev.text.endswith(_TERMINAL) and starts_upper:
        return True
    return starts_upper and len(prev.text) < 0.7 * width


def _ends_with_binding_word(text: str) -> bool:
    words = text.rsplit(None, 1)
    return bool(words) and words[-1].lower() in _BINDING_WORDS


def _joins_without_space(previous: str, current: str) -> bool:
    """A document number broken after its hyphen or slash: "31/2007/PL-" + "UBTVQH11"."""
    return len(previous) > 1 and previous[-1] in "-/" and previous[-2].isalnum() and current[:1].isalnum()
