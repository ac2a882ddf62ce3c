"""Display-safe clean-up of Vietnamese text as a pipeline of small steps, with offsets back to the source.

Order (each step is a pure ``str -> str``; ``normalize_with_map`` also records offsets):

1. ``fix_legacy``: TCVN3/VNI look-alikes -> Unicode. First, because TCVN3 byte 0xAD ("ư") is the soft
   hyphen that step 3 would delete.
2. ``strip_html``: entities (``&nbsp;``, ``&amp;``, double-escaped ``&amp;nbsp;``) and tags; block tags
   (``</p>``, ``<br>``, ``<li>``...) become line breaks so paragraphs do not glue together.
3. ``remove_invisible``: zero-width characters, BOM, soft hyphen, bidi and control codes are deleted;
   no-break and other exotic spaces become plain spaces.
4. ``nfc``: Unicode NFC. After steps 2-3 on purpose: deleting a tag or a zero-width character can bring
   a letter next to a combining mark, and the output must be NFC.
5. ``fix_eth``: Ð/ð (Icelandic eth, U+00D0/U+00F0) typed for Đ/đ.
6. ``collapse_whitespace``: line breaks unified to ``\\n``; spaces and tabs collapsed; spaces around line
   breaks dropped; at most one blank line in a row; no leading or trailing blank space.

Tone marks are not moved here (see ``canonical_tones``): the displayed text keeps the author's spelling.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from analyzer.text.alignment import (
    Alignment,
    Rule,
    compose_end_to_source,
    compose_to_source,
    diff_alignment,
)
from analyzer.text.legacy import legacy_rule


class Step(Protocol):
    @property
    def name(self) -> str: ...

    def apply(self, text: str) -> str: ...

    def apply_aligned(self, text: str) -> tuple[str, list[Alignment]]: ...


@dataclass(frozen=True)
class RuleStep:
    """A step made of regex rules applied in order."""

    name: str
    rules: tuple[Rule, ...]

    def apply(self, text: str) -> str:
        for rule in self.rules:
            text = rule.apply(text)
        return text

    def apply_aligned(self, text: str) -> tuple[str, list[Alignment]]:
        alignments: list[Alignment] = []
        for rule in self.rules:
            text, passes = rule.apply_aligned(text)
            alignments.extend(passes)
        return text, alignments


@dataclass(frozen=True)
class LegacyStep:
    """Decode TCVN3/VNI when detected; the rule is chosen per text."""

    name: str = "fix_legacy"

    def apply(self, text: str) -> str:
        rule = legacy_rule(text)
        return text if rule is None else rule.apply(text)

    def apply_aligned(self, text: str) -> tuple[str, list[Alignment]]:
        rule = legacy_rule(text)
        return (text, []) if rule is None else rule.apply_aligned(text)


@dataclass(frozen=True)
class NfcStep:
    name: str = "nfc"

    def apply(self, text: str) -> str:
        return unicodedata.normalize("NFC", text)

    def apply_aligned(self, text: str) -> tuple[str, list[Alignment]]:
        if unicodedata.is_normalized("NFC", text):
            return text, []
        expected = unicodedata.normalize("NFC", text)
        # NFC works per "starter + combining marks" cluster, so a regex over clusters gives exact
        # offsets. Scripts that compose across starters (Hangul jamo) fall back to a diff.
        result, passes = _nfc_cluster_rule().apply_aligned(text)
        if result == expected:
            return result, passes
        return expected, [diff_alignment(text, expected)]


@cache
def _nfc_cluster_rule() -> Rule:
    """Regex for the BMP characters that NFC may change: combining sequences and singletons."""
    marks, singletons = [], []
    for code in range(0x80, 0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if unicodedata.combining(char):
            marks.append(char)
        elif unicodedata.normalize("NFC", char) != char:
            singletons.append(char)
    mark_class = "[" + re.escape("".join(marks)) + "]"
    pattern = re.compile(f"(?s).{mark_class}+|[{re.escape(''.join(singletons))}]")
    return Rule(pattern, lambda match: unicodedata.normalize("NFC", match.group()))


# --- strip_html -------------------------------------------------------------------------------------
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK_TAGS = (
    "address article aside blockquote br dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li main nav ol "
    "p pre section table tbody tfoot thead tr ul"
).split()
_INLINE_TAGS = (
    "a abbr b big caption center code col colgroup del em font i img input ins kbd label mark o:p s "
    "small span strike strong sub sup td th u"
).split()
_TAG_RE = re.compile(
    r"<!--.*?-->|</?("
    + "|".join(re.escape(tag) for tag in sorted(_BLOCK_TAGS + _INLINE_TAGS, key=len, reverse=True))
    + r")(?:\s[^<>]*)?/?>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG_SET = frozenset(_BLOCK_TAGS)


def _replace_tag(match: re.Match[str]) -> str:
    name = match.group(1)
    if name is None:  # a comment
        return ""
    name = name.lower()
    if name in _BLOCK_TAG_SET:
        return "\n"
    return " " if name in ("td", "th") else ""  # keep table cells apart, like a browser would


# --- remove_invisible ---------------------------------------------------------------------------------
_DELETED = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
    + "".join(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n\v\f\r\x1c\x1d\x1e")
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85)
)
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE_MAP = {char: "" for char in _DELETED} | {char: " " for char in _SPACES}
_INVISIBLE_RE = re.compile("[" + re.escape("".join(_INVISIBLE_MAP)) + "]")

# --- fix_eth --------------------------------------------------------------------------------------------
_ETH_MAP = {"\u00d0": "\u0110", "\u00f0": "\u0111"}



def _has_outer_space(text: str) -> bool:
    return text.startswith((" ", "\n")) or text.endswith((" ", "\n"))


PIPELINE: tuple[Step, ...] = (
    LegacyStep(),
    RuleStep(
        "strip_html",
        (
            Rule(_ENTITY_RE, lambda match: html.unescape(match.group()), repeat=True),
            Rule(_TAG_RE, _replace_tag),
        ),
    ),
    RuleStep("remove_invisible", (Rule(_INVISIBLE_RE, lambda match: _INVISIBLE_MAP[match.group()]),)),
    NfcStep(),
    RuleStep("fix_eth", (Rule(re.compile("[\u00d0\u00f0]"), lambda match: _ETH_MAP[match.group()]),)),
    RuleStep(
        "collapse_whitespace",
        (
            Rule(re.compile(r"\r\n"), "\n"),
            Rule(re.compile(r"[\r\v\f\x1c-\x1e\x85\u2028\u2029]"), "\n"),
            Rule(re.compile(r" [ \t]+|\t[ \t]*"), " "),
            Rule(re.compile(r" \n ?|\n "), "\n"),  # runs are single spaces by now
            Rule(re.compile(r"\n\n\n+"), "\n\n"),
            Rule(re.compile(r"\A[ \n]+|[ \n]+\Z"), "", guard=_has_outer_space),
        ),
    ),
)


_MAX_PASSES = 4
# Characters any step rewrites, and the space sequences collapse_whitespace rewrites: one scan and a few
# substring tests tell that a text is already clean, which most records are.
_DIRTY_CHAR_RE = re.compile(
    "[&<\u00d0\u00f0\t\r\v\f\x1c-\x1e\x85\u2028\u2029" + re.escape("".join(_INVISIBLE_MAP)) + "]"
)
_DIRTY_SEQUENCES = ("  ", " \n", "\n ", "\n\n\n")


def is_clean(text: str) -> bool:
    """True when :func:`normalize` would return ``text`` unchanged (checked cheaply, without rewriting)."""
    return (
        _DIRTY_CHAR_RE.search(text) is None
        and not any(sequence in text for sequence in _DIRTY_SEQUENCES)
        and text[:1] not in (" ", "\n")
        and text[-1:] not in (" ", "\n")
        and unicodedata.is_normalized("NFC", text)
        and legacy_rule(text) is None
    )


def needs_another_pass(text: str) -> bool:
    """True when a pass exposed something a pass removes: "&am\u200bp;" becomes an entity once the
    zero-width space is gone, and tags or zero-width characters can hide mojibake from detection."""
    return (
        _ENTITY_RE.search(text) is not None
        or _TAG_RE.search(text) is not None
        or legacy_rule(text) is not None
    )


def _one_pass(text: str) -> str:
    for step in PIPELINE:
        text = step.apply(text)
    return text


def normalize(text: str) -> str:
    """Display-safe clean-up: legacy encodings, HTML leftovers, invisible characters, NFC, whitespace.

    Idempotent: the pipeline is re-run (rarely) until the result has nothing left for it to do.
    """
    if is_clean(text):
        return text
    text = _one_pass(text)
    for _ in range(_MAX_PASSES - 1):
        if not needs_another_pass(text):
            break
        text = _one_pass(text)
    return text


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text that remembers its original and maps offsets back to it."""

    text: str
    original: str
    changed_by: list[str]
    _alignments: tuple[Alignment, ...] = field(default=(), repr=False)

    def to_original(self, i: int) -> int:
        """Offset in ``original`` of character ``i`` of ``text`` (``i == len(text)`` maps to the end).

        A character produced by a replacement maps to the start of what it replaced.
        """
        self._check(i)
        return compose_to_source(self._alignments, i)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from (whole replaced pieces included)."""
        self._check(start)
        self._check(end)
        if end < start:
            raise ValueError(f"span end {end} is before its start {start}")
        begin = compose_to_source(self._alignments, start)
        if end == start:
            return begin, begin
        return begin, compose_end_to_source(self._alignments, end)

    def _check(self, i: int) -> None:
        if not 0 <= i <= len(self.text):
            raise IndexError(f"offset {i} outside the normalised text (length {len(self.text)})")


def normalize_with_map(text: str) -> NormalizedText:
    """:func:`normalize` that also records which steps changed the text and how offsets moved."""
    original = text
    changed_by: list[str] = []
    alignments: list[Alignment] = []
    for pass_number in range(_MAX_PASSES):
        if pass_number and not needs_another_pass(text):
            break
        for step in PIPELINE:
            text, step_alignments = step.apply_aligned(text)
            if step_alignments:
                alignments.extend(step_alignments)
                if step.name not in changed_by:
                    changed_by.append(step.name)
    return NormalizedText(text, original, changed_by, tuple(alignments))
