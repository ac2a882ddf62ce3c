"""Re-join hard-wrapped lines (web pages, PDF conversions) into paragraphs.

A line is joined to the previous one unless
- the previous one ends a sentence or a heading (". ! ? : …", an all-caps heading, a table pipe),
- the line starts a structural item (Điều/Chương/Mục/Phần/Bước n, "1.", "1.2.", "a)", "đ)", "I.",
  bullets "- + * •", an all-caps heading line, a table pipe),
- or the line starts with a capital letter right after a line much shorter than the text's wrap
  width: a heading without final punctuation ("4. Giám đốc Sở Tư pháp" / "Chủ trì, phối hợp ...").
Blank lines (paragraph breaks) are kept. The one-pass rule is applied until nothing changes, which
makes ``reflow`` idempotent by construction (joining only ever removes line breaks, so it stops).
"""

from __future__ import annotations

import re

_SENTENCE_END_RE = re.compile(r"[.!?:…][\"'”’»)\]]*$")  # also "./." that closes Vietnamese documents
_STRUCTURAL_START_RE = re.compile(
    r"""^(?:
        (?:Điều|Chương|Mục|Phần|Bước|Khoản|Điểm|Phụ\ lục|PHẦN|CHƯƠNG|MỤC|ĐIỀU)\s+[0-9IVXLCDM]+\b
      | [0-9]+(?:\.[0-9]+)*[.)](?:\s|$)          # 1.  1.2.  3)
      | [a-zđ][.)](?:\s|$)                       # a)  đ)  b.
      | [IVXLCDM]+[.)](?:\s|$)                   # I.  II)  IV.
      | [-+*•–—·○●▪■□◦](?:\s|$)                  # bullets
      | \|                                       # table pipe
    )""",
    re.VERBOSE,
)
_SEPARATOR_RE = re.compile(r"^[\W_]+$")  # "-------", "***", "|": decorations, never joined
_SHORT_LINE = 0.6  # a line shorter than this share of the wrap width ends a heading


def _is_all_caps_heading(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 2 and line.upper() == line and any(char.isupper() for char in letters)


def _wrap_width(lines: list[str]) -> int:
    """The width text was wrapped at: a high percentile of non-blank line lengths."""
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, (len(lengths) * 9) // 10)]


def _ends_block(line: str, width: int, next_line: str) -> bool:
    """True when ``line`` must not be continued by ``next_line``."""
    if not line or not next_line:
        return True
    if _SENTENCE_END_RE.search(line) or line.endswith("|") or _SEPARATOR_RE.match(line):
        return True
    if _is_all_caps_heading(line) or _STRUCTURAL_START_RE.match(next_line):
        return True
    if _SEPARATOR_RE.match(next_line) or _is_all_caps_heading(next_line):
        return True
    return next_line[0].isupper() and len(line) < _SHORT_LINE * width


def _reflow_once(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    width = _wrap_width(lines)
    out: list[str] = []
    last_physical = ""  # the previous physical line: decisions look at where the wrap happened
    for line in lines:
        if out and not _ends_block(last_physical, width, line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last_physical = line
    return "\n".join(out)


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; keep paragraph breaks and structural line starts."""
    while True:
        joined = _reflow_once(text)
        if joined == text:
            return text
        text = joined
