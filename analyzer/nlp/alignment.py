"""Finding underthesea's words again in the text they came from, as character spans.

- ``segmentation_source``: the string to segment (NFC, đ for ð, canonical tones) and how its offsets
  map back to the original text;
- ``align_words``: spans of the words; a word whose syllables are separated by anything but one
  space is split there (words never contain tabs, newlines or double spaces);
- ``cut_at_boundaries``: a word may not cross the edge of a fixed word;
- ``merge_protected``: contiguous pieces of one legal number ("05/2012", "/", "NĐ-CP") become one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

Span = tuple[int, int]  # character offsets [start, end)


def align_words(words: Iterable[str], text: str) -> list[Span] | None:
    """Character spans of underthesea's words in ``text``, or None when a syllable is not found."""
    spans: list[Span] = []
    pos = 0
    for word in words:
        start = end = None
        for syllable in word.split(" "):
            if not syllable:
                continue
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if not text.startswith(syllable, pos):
                return None
            if start is None:
                start = pos
            elif text[end:pos] != " ":  # keep a word whole only across exactly one space
                spans.append((start, end))
                start = pos
            pos = end = pos + len(syllable)
        if start is not None:
            spans.append((start, end))
    if text[pos:].strip():
        return None
    return spans


def cut_at_boundaries(spans: Iterable[Span], text: str, pattern: re.Pattern[str] | None) -> list[Span]:
    """Cut spans that run across the start or end of a match of ``pattern`` (the fixed words).

    underthesea keeps a fixed word in one piece but its CRF may still glue it to a neighbour
    ("Bản sao Giấy khai sinh", "thẻ Căn cước công dân"); a word may not cross a fixed word's edge.
    """
    if pattern is None:
        return list(spans)
    edges = sorted({edge for m in pattern.finditer(text) for edge in m.span()})
    if not edges:
        return list(spans)
    result: list[Span] = []
    for start, end in spans:
        inner = edges[bisect_right(edges, start) : bisect_left(edges, end)]
        if not inner:
            result.append((start, end))
            continue
        for piece_start, piece_end in zip([start, *inner], [*inner, end]):
            piece = text[piece_start:piece_end]
            stripped = piece.strip()
            if stripped:
                offset = piece_start + len(piece) - len(piece.lstrip())
                result.append((offset, offset + len(stripped)))
    return result


def fixed_words_pattern(fixed_words: Sequence[str]) -> re.Pattern[str] | None:
    """The fixed words as one regex, longest first, bounded like underthesea's (\\b...\\b)."""
    if not fixed_words:
        return None
    ordered = sorted(fixed_words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in ordered) + r")\b")


def merge_protected(spans: Sequence[Span], text: str, patterns: Iterable[re.Pattern[str]]) -> list[Span]:
    """Merge contiguous spans that lie inside one match of a protected pattern ("05/2012/NĐ-CP")."""
    protected = sorted(m.span() for p in patterns for m in p.finditer(text))
    if not protected:
        return list(spans)
    merged: list[Span] = []
    for start, end in spans:
        if merged and _same_protected(merged[-1], (start, end), protected):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _same_protected(previous: Span, current: Span, protected: list[Span]) -> bool:
    if previous[1] != current[0]:  # separated by whitespace
        return False
    return any(p_start <= previous[0] and current[1] <= p_end for p_start, p_end in protected)


_ETH = str.maketrans({"ð": "đ", "Ð": "Đ"})  # underthesea maps these itself; same length


def segmentation_source(text: str) -> tuple[str, list[int] | None]:
    """The string underthesea should see, and how to map its offsets back to ``text``.

    underthesea NFC-normalises and maps ð to đ internally, and segments better with canonical tone
    placement ("hóa đơn" vs "hoá đơn"). We do the same first, so its words are substrings of the
    source. The offsets list is None when the source has the same offsets as ``text``; otherwise
    offsets[i] is the position in ``text`` of source character i (plus a final len(text)).
    """
    from analyzer.text import canonical_tones

    source, offsets = text, None
    if not unicodedata.is_normalized("NFC", text):
        source, offsets = _nfc_with_offsets(text)
    source = source.translate(_ETH)
    canonical = canonical_tones(source)
    return (canonical if len(canonical) == len(source) else source), offsets


def _nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC per cluster (a base character and its combining marks), keeping each cluster's offset."""
    pieces: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[cluster_start:i])
            pieces.append(piece)
            offsets.extend([cluster_start] * len(piece))
            cluster_start = i
    source = "".join(pieces)
    if source != unicodedata.normalize("NFC", text):  # composition across clusters: cannot map
        return text, None
    return source, [*offsets, len(text)]


def map_back(spans: Sequence[Span], offsets: list[int] | None) -> list[Span] | None:
    """Source spans as spans of the original text; None if two spans would share a cluster."""
    if offsets is None:
        return list(spans)
    mapped = [(offsets[start], offsets[end]) for start, end in spans]
    ordered = all(s < e for s, e in mapped) and all(a[1] <= b[0] for a, b in zip(mapped, mapped[1:]))
    return mapped if ordered else None
