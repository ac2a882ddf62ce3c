"""Ranked, whole-word, diacritic-insensitive search over procedures (the reviewer app's list).

Vietnamese words are often two or more syllables ("khai sinh", "kết hôn"), so a query matches a text only when
its syllables appear there as whole words, close together, and in runs as the query writes them: "khai sinh"
finds "đăng ký lại khai sinh" but not "khai thác tài nguyên nước … cấp cho sinh hoạt" (its two syllables apart),
and "đăng ký kết hôn" finds "đăng ký lại kết hôn" (runs "đăng ký" and "kết hôn") but not "kết hợp đăng ký hôn
nhân" ("kết" and "hôn" each alone). A long query may leave one syllable in three alone ("đăng ký khai sinh lại"). Everything is compared on
``analyzer.text.fold`` keys (no diacritics, case-folded, tone placement unified).

Ranking, best first: the code typed exactly (then a code prefix), then a match in the name (the query as one
phrase, then in order with a gap, then in any order; among equals the name the query covers most), then a match
in the field, agency or decision. Equal scores keep the table's order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text import fold

# Extra syllables allowed inside the span of a match: "đăng ký [lại] kết hôn" is one gap, "giấy phép xây dựng
# [mới đối với] nhà ở" three; "khai thác … sinh hoạt" (a dozen syllables apart) is not a match.
MAX_GAP = 4
_WORD_RE = re.compile(r"\w+")

# score tiers
CODE_EXACT, CODE_PREFIX, NAME, OTHER = 4, 3, 2, 1
PHRASE, IN_ORDER, ANY_ORDER = 2, 1, 0


def words(key: str) -> list[str]:
    """The whole words of a folded key ("1.001234.000" keeps its digits as words)."""
    return _WORD_RE.findall(key)


def _window(tokens: Sequence[str], query: Sequence[str]) -> int | None:
    """Length of the shortest run of ``tokens`` that holds every word of ``query`` (with its count), or None."""
    need = Counter(query)
    if any(tokens.count(word) < n for word, n in need.items()):
        return None
    best: int | None = None
    have: Counter[str] = Counter()
    missing = sum(need.values())
    start = 0
    for end, token in enumerate(tokens):
        if token in need:
            have[token] += 1
            if have[token] <= need[token]:
                missing -= 1
        while missing == 0:
            if best is None or end - start + 1 < best:
                best = end - start + 1
            first = tokens[start]
            if first in need:
                have[first] -= 1
                if have[first] < need[first]:
                    missing += 1
            start += 1
    return best


def _phrase(tokens: Sequence[str], query: Sequence[str]) -> bool:
    """``query`` appears in ``tokens`` as it is, word after word."""
    n, first, wanted = len(query), query[0], list(query)
    return any(token == first and list(tokens[i:i + n]) == wanted for i, token in enumerate(tokens))


def _in_order(tokens: Sequence[str], query: Sequence[str], span: int) -> tuple[bool, bool]:
    """(contiguous phrase, in order within ``span`` tokens) for ``query`` in ``tokens``."""
    n = len(query)
    phrase = any(list(tokens[i:i + n]) == list(query) for i in range(len(tokens) - n + 1))
    if phrase:
        return True, True
    for i, token in enumerate(tokens):
        if token != query[0]:
            continue
        at, j = 1, i + 1
        while at < n and j < len(tokens) and j - i < span:
            if tokens[j] == query[at]:
                at += 1
            j += 1
        if at == n:
            return False, True
    return False, False


def _alone(tokens: Sequence[str], query: Sequence[str]) -> int:
    """How many query syllables are not next to a query neighbour in ``tokens``: the query is cut, left to right,
    into the longest runs that ``tokens`` hold as they are; a run of one syllable is one alone."""
    tokens, query = list(tokens), list(query)
    starts = {word: [k for k, token in enumerate(tokens) if token == word] for word in set(query)}

    def held(run: list[str]) -> bool:
        return any(tokens[k:k + len(run)] == run for k in starts[run[0]])

    alone, i = 0, 0
    while i < len(query):
        j = i + 1
        while j < len(query) and held(query[i:j + 1]):
            j += 1
        alone += j - i == 1
        i = j
    return alone


def text_match(tokens: Sequence[str], query: Sequence[str]) -> int | None:
    """PHRASE, IN_ORDER or ANY_ORDER when ``query`` matches ``tokens`` as close whole words, else None."""
    if not query:
        return None
    if _phrase(tokens, query):  # what the checks below would conclude (window = len(query), nothing alone)
        return PHRASE
    span = len(query) + MAX_GAP
    window = _window(tokens, query)
    if window is None or window > span:
        return None
    if len(query) > 1 and _alone(tokens, query) > (len(query) - 1) // 3:
        return None
    phrase, ordered = _in_order(tokens, query, span)
    return PHRASE if phrase else IN_ORDER if ordered else ANY_ORDER


@dataclass(frozen=True)
class Entry:
    """One searchable procedure version: folded code, name words and the words of each other text."""

    code: str
    name: tuple[str, ...]
    others: tuple[tuple[str, ...], ...]
    agencies: frozenset[str] = frozenset()  # the name_key of each agency named, what the agency filter matches
    vocabulary: frozenset[str] = frozenset()  # every word of name and others: rules most entries out at once

    def __post_init__(self) -> None:
        if not self.vocabulary:
            object.__setattr__(self, "vocabulary", frozenset(self.name).union(*self.others))

    @classmethod
    def of(cls, code: str | None, name: str | None, field: str | None = None, agency: str | None = None,
           decision: str | None = None) -> "Entry":
        others = tuple(tuple(key_words(text)) for text in (field, agency, decision) if text)
        return cls(fold(code or ""), tuple(key_words(name)), others, frozenset(map(name_key, agency_parts(agency))))


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """Folded short form -> folded words of its full form (analyzer/data/vocabulary.yaml: UBND, HĐND, CCCD …)."""
    return {fold(short): tuple(words(fold(full))) for short, full in default_vocabulary().abbreviations.items()}


def key_words(text: str | None) -> list[str]:
    """The folded words of a text with abbreviations written out, so "UBND" and "Ủy ban nhân dân" are alike."""
    expand = _abbreviations()
    out: list[str] = []
    for word in words(fold(text or "")):
        out.extend(expand.get(word, (word,)))
    return out


@lru_cache(maxsize=8192)  # a corpus names a few hundred agencies thousands of times
def name_key(text: str | None) -> str:
    """An agency's (or field's) name as the filters group it: spacing, case, diacritics, punctuation and
    abbreviations folded, so "Sở Tư pháp", "SỞ TƯ PHÁP" and "Sở  Tư pháp." are one agency, and "UBND cấp xã" is
    "Ủy ban nhân dân cấp xã"."""
    return " ".join(key_words(text))


_PARTS_RE = re.compile(r"\s*[,;]\s*")
_NO_INFORMATION = fold("Không có thông tin")  # the portal's word for an empty field


@lru_cache(maxsize=8192)
def agency_parts(text: str | None) -> tuple[str, ...]:
    """The agencies a record's "Cơ quan thực hiện" names ("Công an tỉnh, Công an cấp Xã" is two). A part that
    starts in lower case continues the name before it ("… về trật tự, xã hội" is one agency)."""
    parts: list[str] = []
    for part in _PARTS_RE.split(" ".join((text or "").split())):
        part = part.strip(" .")
        if not part or fold(part) == _NO_INFORMATION:
            continue
        if parts and not part[0].isupper() and not part[0].isdigit():
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return tuple(parts)


def score(entry: Entry, query: str) -> tuple[int, int, float] | None:
    """How well ``entry`` answers ``query`` (larger is better), or None when it does not match."""
    return _score(entry, fold(query), key_words(query))


def _score(entry: Entry, key: str, wanted: list[str]) -> tuple[int, int, float] | None:
    if not key:
        return None
    if key == entry.code:
        return (CODE_EXACT, 0, 0.0)
    if len(key) >= 3 and entry.code.startswith(key):
        return (CODE_PREFIX, 0, len(key) / len(entry.code))
    if not wanted or not entry.vocabulary.issuperset(wanted):
        return None
    found = text_match(entry.name, wanted)
    if found is not None:
        return (NAME, found, len(wanted) / len(entry.name))  # "Đăng ký kết hôn" before "… kết hôn lưu động"
    best = max((m for m in (text_match(tokens, wanted) for tokens in entry.others) if m is not None), default=None)
    return None if best is None else (OTHER, best, 0.0)


def rank(entries: Sequence[Entry], query: str) -> list[int]:
    """Positions of the entries that match ``query``, best first (stable among equal scores)."""
    key, wanted = fold(query), key_words(query)  # once: folding is what costs, not the comparisons
    scored = [(s, i) for i, s in enumerate(_score(entry, key, wanted) for entry in entries) if s is not None]
    scored.sort(key=lambda item: (tuple(-part for part in item[0]), item[1]))
    return [i for _, i in scored]
