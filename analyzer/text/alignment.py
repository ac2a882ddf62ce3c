"""Offset alignment between a text and its rewritten form, composable across pipeline steps.

An :class:`Alignment` lists the edits (source span -> target span) of one rewrite; everything between
edits is copied unchanged. Rewrites made with :class:`Rule` (a compiled regex and a replacement) record
their edits exactly from match spans; any other rewrite can fall back to :func:`diff_alignment`.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


class Edit(NamedTuple):
    """Source ``[src_start, src_end)`` became target ``[dst_start, dst_end)``."""

    src_start: int
    src_end: int
    dst_start: int
    dst_end: int


@dataclass(frozen=True)
class Alignment:
    """Edits sorted by position; positions outside edits map one to one."""

    edits: tuple[Edit, ...] = ()
    _dst_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_dst_starts", [edit.dst_start for edit in self.edits])

    def _last_edit_at(self, i: int) -> Edit | None:
        """The last edit whose target starts at or before ``i``."""
        index = bisect_right(self._dst_starts, i) - 1
        return self.edits[index] if index >= 0 else None

    def to_source(self, i: int) -> int:
        """Source offset of target character ``i`` (a character made by an edit maps to the edit's start)."""
        edit = self._last_edit_at(i)
        if edit is None:
            return i
        if i < edit.dst_end:
            return edit.src_start
        return edit.src_end + (i - edit.dst_end)

    def end_to_source(self, end: int) -> int:
        """Source offset for an exclusive end ``end`` (> 0): the end of the edit that made ``end - 1``."""
        edit = self._last_edit_at(end - 1)
        if edit is None:
            return end
        if end - 1 < edit.dst_end:
            return edit.src_end
        return edit.src_end + (end - edit.dst_end)


Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Rule:
    """One regex rewrite. ``repeat`` re-applies it until the text stops changing (double escapes)."""

    pattern: re.Pattern[str]
    replacement: Replacement
    repeat: bool = False
    guard: Callable[[str], bool] | None = None  # cheap test that the rule may apply; skips the scan

    def _skips(self, text: str) -> bool:
        return self.guard is not None and not self.guard(text)

    def _replace(self, match: re.Match[str]) -> str:
        if isinstance(self.replacement, str):
            return match.expand(self.replacement)
        return self.replacement(match)

    def _apply_once(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)

    def apply(self, text: str) -> str:
        if self._skips(text):
            return text
        result = self._apply_once(text)
        while self.repeat and result != text:
            text, result = result, self._apply_once(result)
        return result

    def _apply_once_aligned(self, text: str) -> tuple[str, Alignment]:
        if self._skips(text):
            return text, Alignment()
        pieces: list[str] = []
        edits: list[Edit] = []
        copied_to = 0  # source offset up to which text is already in pieces
        length = 0  # target length so far
        for match in self.pattern.finditer(text):
            start, end = match.span()
            replacement = self._replace(match)
            if replacement == match.group():
                continue
            pieces.append(text[copied_to:start])
            length += start - copied_to
            edits.append(Edit(start, end, length, length + len(replacement)))
            pieces.append(replacement)
            length += len(replacement)
            copied_to = end
        if not edits:
            return text, Alignment()
        pieces.append(text[copied_to:])
        return "".join(pieces), Alignment(tuple(edits))

    def apply_aligned(self, text: str) -> tuple[str, list[Alignment]]:
        """The rewritten text and the alignments of each pass (outermost last)."""
        result, alignment = self._apply_once_aligned(text)
        passes = [alignment] if alignment.edits else []
        while self.repeat and alignment.edits:
            result, alignment = self._apply_once_aligned(result)
            if alignment.edits:
                passes.append(alignment)
        return result, passes


def diff_alignment(source: str, target: str) -> Alignment:
    """Alignment found by difflib, for rewrites that are not regex rules (e.g. a library call)."""
    prefix = _common_prefix_length(source, target)
    suffix = _common_prefix_length(source[prefix:][::-1], target[prefix:][::-1])
    source_mid = source[prefix : len(source) - suffix]
    target_mid = target[prefix : len(target) - suffix]
    matcher = difflib.SequenceMatcher(None, source_mid, target_mid, autojunk=False)
    edits = tuple(
        Edit(prefix + a0, prefix + a1, prefix + b0, prefix + b1)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes()
        if tag != "equal"
    )
    return Alignment(edits)


def _common_prefix_length(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    low, high = 0, limit
    while low < high:  # binary search on slices: C-speed comparisons instead of a per-char loop
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def compose_to_source(alignments: Sequence[Alignment], i: int) -> int:
    """Map target offset ``i`` of the last alignment back through all of them (last applied first)."""
    for alignment in reversed(alignments):
        i = alignment.to_source(i)
    return i


def compose_end_to_source(alignments: Sequence[Alignment], end: int) -> int:
    for alignment in reversed(alignments):
        if end == 0:
            return 0
        end = alignment.end_to_source(end)
    return end
