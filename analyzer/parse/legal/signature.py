"""The signature block (TM./KT./Q., position, signer) and the "Nơi nhận" list at the end of the body.

The block starts at "Nơi nhận:" or at an upper-case authority/position line that a person's name
follows within a few paragraphs, whichever comes first after the body has started; it may be a web
table (one row, both columns flattened), a DOCX grid table (columns spread over many lines) or plain
lines. Everything after it (annexes, forms) is parsed separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzer.parse.legal.model import Signature
from analyzer.parse.legal.patterns import collapse

Span = tuple[int, int]

_RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?\s*", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q|Q\.)\s*\.\s*")
_POSITIONS = (
    "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ THỦ TƯỚNG", "THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG", "VỤ TRƯỞNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ", "TỔNG BÍ THƯ", "CHÁNH ÁN",
    "VIỆN TRƯỞNG", "TỔNG KIỂM TOÁN", "THỐNG ĐỐC", "TỔNG THANH TRA", "CHÁNH THANH TRA", "CHỦ NHIỆM",
    "TRƯỞNG PHÒNG", "CHỦ TỊCH NƯỚC",
)
_POSITION_RE = re.compile("(?:" + "|".join(sorted(_POSITIONS, key=len, reverse=True)) + r")(?![A-ZĐÀ-Ỹ])")
_SIGNED = re.compile(r"^\(?\s*(?:Đã ký|đã ký|Ký|ký)[^)]*\)?\.?$")
_ADOPTION = re.compile(r"^(?:Bộ luật|Luật|Nghị quyết|Pháp lệnh|Hiến pháp)\s+này\s+(?:đã\s+)?được\s.{0,200}thông\s+qua", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$|^[a-zà-ỹđ]{1,3}$")


@dataclass
class SignatureBlock:
    signature: Signature | None
    recipients: list[str] = field(default_factory=list)
    start: int = 0  # where the body ends
    end: int = 0  # where annexes begin
    body_end: int = 0  # before a law's adoption sentence, when present


def find_signature(text: str, paragraphs: list[Span], body_start: int) -> SignatureBlock | None:
    """The signature block after ``body_start``, or None when the text has none (news, excerpts)."""
    lines = [(s, e) for s, e in paragraphs if s >= body_start]
    first = _first_candidate(text, lines)
    if first is None:
        return None
    last = _block_end(text, lines, first)
    start, end = lines[first][0], lines[last - 1][1]
    flat = [part for s, e in lines[first:last] for part in _flatten(text, s, e, lines, first, last)]
    recipients, signature_lines, signer = _read_lines(flat)
    authority, position = _split_authority(" ".join(signature_lines)) if signature_lines else (None, None)
    signature = None
    if authority or position or signer:
        signature = Signature(authority=authority, position=position, signer=signer, start=start, end=end)
    body_end = start
    if first > 0 and _ADOPTION.match(text[lines[first - 1][0]:lines[first - 1][1]]):
        body_end = lines[first - 1][0]
    return SignatureBlock(signature, recipients, start, end, body_end)


def _first_candidate(text: str, lines: list[Span]) -> int | None:
    for index, (s, e) in enumerate(lines):
        line = text[s:e]
        if _RECIPIENTS.match(line) or (line.startswith("|") and ("Nơi nhận" in line or _table_signs(text, lines, index))):
            return index
        if _is_signature_heading(line):
            following = [piece for a, b in lines[index + 1:index + 5] for piece in _pieces(text[a:b])]
            if any(_is_name(p) or _RECIPIENTS.match(p) for p in following):
                return index
    return None


def _table_signs(text: str, lines: list[Span], index: int) -> bool:
    """A table row block holding a signature: an authority or position cell and a name cell."""
    block = []
    for s, e in lines[index:index + 40]:
        if not text[s:e].startswith("|"):
            break
        block.extend(c.strip() for c in text[s:e].strip("|").split("|"))
    return any(_AUTHORITY.match(c) for c in block) and any(_is_name(c) for c in block)


def _pieces(line: str) -> list[str]:
    """A PDF layout line holds both columns ("Nơi nhận:      THỨ TRƯỞNG"): split it at the wide gap."""
    return [collapse(piece) for piece in re.split(r"\s{4,}", line.strip()) if piece.strip()]


def _is_signature_heading(line: str) -> bool:
    line = collapse(line)
    if not line or len(line) > 80 or line != line.upper():
        return False
    return bool(_AUTHORITY.match(line) or _POSITION_RE.match(line))


def _is_name(line: str) -> bool:
    tokens = collapse(line).split()
    if not 2 <= len(tokens) <= 7 or len(line) > 45:
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens) or not tokens[0][:1].isupper():
        return False
    return sum(t[:1].isupper() for t in tokens) >= 2 and collapse(line) != collapse(line).upper()


def _block_end(text: str, lines: list[Span], first: int) -> int:
    seen_name = False
    index = first
    in_recipients = False
    while index < len(lines):
        raw = text[lines[index][0]:lines[index][1]]
        line = _pieces(raw)[0] if raw.strip() else ""
        if any(_is_name(piece) for piece in _pieces(raw)[1:]):
            seen_name = True
        if line.startswith("|"):
            while index < len(lines) and text[lines[index][0]:lines[index][1]].startswith("|"):
                index += 1
            seen_name = True
            continue
        if _RECIPIENTS.match(line):
            in_recipients = True
        elif line.startswith(("-", "+", "•")) and in_recipients:
            pass
        elif _SIGNED.match(line):
            pass
        elif not seen_name and _is_signature_heading(line) or (not seen_name and line.isupper() and len(line) < 60):
            in_recipients = False
        elif _is_name(line) and not seen_name:
            seen_name = True
            in_recipients = False
        elif in_recipients and not line[:1].isupper():
            pass  # a wrapped recipient
        else:
            break
        index += 1
    return max(index, first + 1)


def _flatten(text: str, start: int, end: int, lines: list[Span], first: int, last: int) -> list[str]:
    """The block's lines; table rows are read column by column, flattened web cells are split."""
    line = text[start:end]
    if not line.startswith("|"):
        return _pieces(line)
    table = [(s, e) for s, e in lines[first:last] if text[s:e].startswith("|")]
    if (start, end) != table[0]:
        return []  # the whole table is read once, from its first row
    rows = [[c.strip() for c in text[s:e].strip().strip("|").split("|")] for s, e in table]
    width = max(len(r) for r in rows)
    result: list[str] = []
    for column in range(width):
        for row in rows:
            if column < len(row) and row[column]:
                result.extend(_split_cell(collapse(row[column])))
    return result


def _split_cell(cell: str) -> list[str]:
    """"Nơi nhận: - A; - B;" -> ["Nơi nhận:", "- A;", "- B;"]; "CHỦ TỊCH Nguyễn Văn Sơn" -> two lines."""
    match = _RECIPIENTS.match(cell)
    if match:
        items = re.split(r"(?:^|;)\s*-\s+", cell[match.end():])
        return ["Nơi nhận:"] + [f"- {item.strip()}" for item in items if item.strip()]
    tokens = cell.split()
    cut = 0
    while cut < len(tokens) and (tokens[cut].isupper() or not any(ch.isalpha() for ch in tokens[cut])):
        cut += 1
    if 0 < cut < len(tokens) and _is_name(" ".join(tokens[cut:])):
        return [" ".join(tokens[:cut]), " ".join(tokens[cut:])]
    return [cell]


def _read_lines(lines: list[str]) -> tuple[list[str], list[str], str | None]:
    recipients: list[str] = []
    signature_lines: list[str] = []
    signer = None
    in_recipients = False
    for line in lines:
        match = _RECIPIENTS.match(line)
        if match:
            in_recipients = True
            rest = line[match.end():].strip()
            if rest:
                recipients.append(_clean_item(rest))
        elif in_recipients and line.startswith(("-", "+", "•")):
            recipients.append(_clean_item(line[1:]))
        elif signer is None and _is_name(line) and signature_lines:
            signer = line
        elif line.isupper() and not _SIGNED.match(line) and signer is None:
            signature_lines.append(line)
        elif in_recipients and recipients and not _SIGNED.match(line):
            recipients[-1] = _clean_item(recipients[-1] + " " + line)
    return recipients, signature_lines, signer


def _clean_item(item: str) -> str:
    return collapse(item).strip().rstrip(";").strip()


def _split_authority(lines: str) -> tuple[str | None, str | None]:
    """"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" -> ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH");
    "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" -> ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"); "CHỦ TỊCH QUỐC HỘI" -> (None, it)."""
    text = collapse(lines)
    prefix = _AUTHORITY.match(text)
    if not prefix:
        return None, text
    matches = list(_POSITION_RE.finditer(text, prefix.end()))
    if not matches:
        return text, None
    last = matches[-1]
    if last.start() == prefix.end():
        return text[: prefix.end()].strip(), text[last.start():].strip()
    return text[: last.start()].strip(), text[last.start():].strip()
