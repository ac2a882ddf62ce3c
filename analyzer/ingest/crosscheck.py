"""Cross-check of two independent crawls: portal-flat and portal-docx records of the same procedure code.

The two crawls are not always of the same version, so agreement is given at three scopes:

(a) ``all``: every code present in both;
(b) ``same_decision``: codes whose decision numbers (Số quyết định) are equal;
(c) ``comparable``: same decision and the same source text, judged from the raw sources without the
    readers (a channel: the DOCX time cell occurs as that mode's cell in the flat glued table; the
    dossier: every DOCX row name occurs in the flat dossier text and the flat text holds no paper the
    DOCX lacks).

What is compared: the working days of each channel pair (channels of one mode paired, equal values
first, as the two crawls order rows differently; a channel with no twin disagrees), the number of
documents per procedure, and (``document_rows``) how many DOCX documents the flat reading has with the
same name, originals and copies. Every channel or document-count disagreement is classified by cause: ``version`` (decisions differ),
``source`` (same decision, different source text) or ``reader`` (same decision and text: a reader error).

    python -m analyzer.ingest.crosscheck FLAT.jsonl.gz DOCX.jsonl.gz -o disagreements.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.atomic import atomic_write_text
from analyzer.ingest import portal_docx, portal_flat
from analyzer.ingest._flat_dossier import FLAT_HEADER
from analyzer.ingest._flat_text import raw_sections
from analyzer.model import Channel, Procedure, SourceRef
from analyzer.resources.vocabulary import default_vocabulary

SCOPES = ("all", "same_decision", "comparable")
PARTS = ("channels", "documents", "document_rows")
CAUSES = ("version", "source", "reader")
_TAKEN = "\x00"
_COUNT_CELL = re.compile(r"\d+ bản chính(?:,\d+ bản sao)?")
# form file names run from the end of a name to the count cell ("…tờ khaimẫu dc2 (1).docx1 bản chính")
_FORMS_AFTER_NAME = re.compile(r"\x00[^\x00]*?\.(?:docx?|pdf|xlsx?|rar|zip)(?=\d+ bản chính)", re.IGNORECASE)
# letters the flat dossier may keep once the DOCX rows are taken out (a stray "(" or "-" is no paper)
_LEFTOVER_LETTERS = 2


def squash(text: str | None) -> str:
    """Whitespace collapsed and leading zeros dropped ("07 Ngày" == "7 Ngày"), case kept."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", " ".join((text or "").split()))


def occurs_as_cell(haystack: str, needle: str) -> bool:
    """``needle`` occurs in the glued ``haystack`` and is not cut from a longer cell ("2 Ngày" | " làm việc")."""
    for match in re.finditer(re.escape(needle), haystack):
        rest = haystack[match.end() : match.end() + 2]
        if rest[:1].islower() or (rest[:1].isdigit() and needle[-1:].isdigit()) or (rest[:1] == " " and rest[1:2].islower()):
            continue
        return True
    return False


def same_decision(flat: Procedure, docx: Procedure) -> bool:
    return (flat.decision or "").replace(" ", "") == (docx.decision or "").replace(" ", "")


def working_days(channel: Channel | None) -> float | None:
    if channel is None or channel.duration is None or channel.duration.working_days is None:
        return None
    return round(channel.duration.working_days, 3)


def pair_channels(docx: list[Channel], flat: list[Channel]) -> list[tuple[Channel | None, Channel | None]]:
    """Channels of one mode paired: equal values first (row order differs between crawls), then in order."""
    remaining = list(flat)
    pairs: list[tuple[Channel | None, Channel | None]] = []
    unmatched = []
    for channel in docx:
        twin = next((c for c in remaining if working_days(c) is not None and working_days(c) == working_days(channel)), None)
        if twin is None:
            unmatched.append(channel)
        else:
            remaining.remove(twin)
            pairs.append((channel, twin))
    pairs.extend(zip(unmatched, remaining))
    pairs.extend((c, None) for c in unmatched[len(remaining) :])
    pairs.extend((None, c) for c in remaining[len(unmatched) :])
    return pairs


def dossier_source_matches(docx_raw: dict[str, Any], flat_text: str) -> bool:
    """The DOCX dossier rows and the flat dossier text say the same, judged from the raw texts: every DOCX
    row name occurs in the flat text, and once each is taken out (with the form files glued after it, which
    the two crawls name differently), the table headers and count cells, no words are left."""
    haystack = squash(flat_text).casefold()
    blocks = docx_raw.get("thanh_phan_ho_so") or []
    names = [squash(row.get("Tên giấy tờ")).casefold() for block in blocks for row in block.get("giay_to") or []]
    if not all(name in haystack for name in names):
        return False
    headings = [squash(block.get("truong_hop")).casefold() for block in blocks]
    haystack = haystack.replace(FLAT_HEADER.casefold(), _TAKEN)
    for piece in sorted([*names, *headings], key=len, reverse=True):
        if piece:
            haystack = haystack.replace(piece, _TAKEN, 1)  # once per DOCX row: a paper listed twice in the flat text is extra
    haystack = _FORMS_AFTER_NAME.sub(_TAKEN, haystack)
    haystack = _COUNT_CELL.sub(_TAKEN, haystack)
    return sum(char.isalpha() for char in haystack) <= _LEFTOVER_LETTERS


@dataclass
class CrossCheck:
    """Counts per (part, scope) of compared items and agreeing items, and every disagreement."""

    codes: Counter[str] = field(default_factory=Counter)
    compared: Counter[tuple[str, str]] = field(default_factory=Counter)
    agreed: Counter[tuple[str, str]] = field(default_factory=Counter)
    causes: Counter[tuple[str, str]] = field(default_factory=Counter)
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def compare(self, code: str, flat: Procedure, docx: Procedure, flat_raw: dict[str, Any], docx_raw: dict[str, Any]) -> None:
        decision = same_decision(flat, docx)
        self.codes["all"] += 1
        self.codes["same_decision"] += decision
        sections = raw_sections(flat_raw.get("raw_text") or "")
        glued_channels = squash(sections.get("Cách Thức Thực Hiện") or flat_raw.get("cach_thuc_thuc_hien"))
        for mode, label in default_vocabulary().mode_labels.items():
            ours = [c for c in docx.channels if c.mode == mode]
            theirs = [c for c in flat.channels if c.mode == mode]
            for docx_channel, flat_channel in pair_channels(ours, theirs):
                docx_text = _duration_text(docx_channel) or ""
                paired = docx_channel is not None and flat_channel is not None
                source = paired and bool(docx_text) and occurs_as_cell(glued_channels, squash(label + docx_text))
                agree = paired and working_days(docx_channel) == working_days(flat_channel)
                self._count("channels", code, decision, source, agree, mode=mode, docx=docx_text or None,
                            flat=_duration_text(flat_channel), docx_days=working_days(docx_channel),
                            flat_days=working_days(flat_channel), paired=paired)
        dossier_text = sections.get("Thành phần hồ sơ") or flat_raw.get("thanh_phan_ho_so") or ""
        source = dossier_source_matches(docx_raw, dossier_text)
        self._count("documents", code, decision, source,
                    len(docx.documents) == len(flat.documents), docx=len(docx.documents), flat=len(flat.documents),
                    docx_names=[d.name[:80] for _, _, d in docx.documents], flat_names=[d.name[:80] for _, _, d in flat.documents])
        self._document_rows(docx, flat, decision, source)

    def _document_rows(self, docx: Procedure, flat: Procedure, decision: bool, source: bool) -> None:
        ours, theirs = _document_keys(docx), _document_keys(flat)
        matched = sum((ours & theirs).values())
        for scope in ["all"] + (["same_decision"] if decision else []) + (["comparable"] if decision and source else []):
            self.compared["document_rows", scope] += sum(ours.values())
            self.agreed["document_rows", scope] += matched

    def _count(self, part: str, code: str, decision: bool, source: bool, agree: bool, **details: Any) -> None:
        scopes = ["all"] + (["same_decision"] if decision else []) + (["comparable"] if decision and source else [])
        for scope in scopes:
            self.compared[part, scope] += 1
            self.agreed[part, scope] += agree
        if not agree:
            cause = "version" if not decision else "source" if not source else "reader"
            self.causes[part, cause] += 1
            self.disagreements.append({"part": part, "cause": cause, "code": code, **details})

    def rate(self, part: str, scope: str) -> float | None:
        total = self.compared[part, scope]
        return self.agreed[part, scope] / total if total else None

    def report(self) -> str:
        lines = [f"cross-check: {self.codes['all']} codes in both crawls, {self.codes['same_decision']} with the same decision"]
        what = {"channels": "channel pairs, working days", "documents": "procedures, document count",
                "document_rows": "DOCX documents found with the same name and counts"}
        for part in PARTS:
            cells = []
            for label, scope in zip("abc", SCOPES):
                rate = self.rate(part, scope)
                shown = f"{rate:.1%}" if rate is not None else "n/a"
                cells.append(f"({label}) {scope} {self.agreed[part, scope]}/{self.compared[part, scope]} = {shown}")
            causes = ", ".join(f"{cause} {self.causes[part, cause]}" for cause in CAUSES)
            by_cause = f"; disagreements by cause: {causes}" if part != "document_rows" else ""
            lines.append(f"{part} ({what[part]}): " + "; ".join(cells) + by_cause)
        return "\n".join(lines)


def _duration_text(channel: Channel | None) -> str | None:
    return channel.duration.text if channel is not None and channel.duration is not None else None


def _document_keys(procedure: Procedure) -> Counter[tuple[str, int | None, int | None]]:
    return Counter((" ".join(d.name.split()).casefold(), d.originals, d.copies) for _, _, d in procedure.documents)


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if line.strip():
                yield line_no, json.loads(line)


def _read(path: Path, reader: Any) -> dict[str, tuple[Procedure, dict[str, Any]]]:
    """code -> (procedure, raw record); the first record of a code wins, as in the corpus README."""
    out: dict[str, tuple[Procedure, dict[str, Any]]] = {}
    for line_no, record in _records(path):
        procedure = reader.to_procedure(record, SourceRef(format=reader.name, path=str(path), record=f"line {line_no}"))
        out.setdefault(procedure.code, (procedure, record))
    return out


def crosscheck(flat_path: Path, docx_path: Path) -> CrossCheck:
    """Read both crawls and compare every code present in both."""
    flat, docx = _read(flat_path, portal_flat), _read(docx_path, portal_docx)
    check = CrossCheck()
    for code in sorted(flat.keys() & docx.keys()):
        check.compare(code, flat[code][0], docx[code][0], flat[code][1], docx[code][1])
    return check


def write_disagreements(check: CrossCheck, path: Path) -> None:
    atomic_write_text(path, "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in check.disagreements))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the portal-flat and portal-docx readings of the same procedures.")
    parser.add_argument("flat", type=Path, help="portal-flat records.jsonl.gz")
    parser.add_argument("docx", type=Path, help="portal-docx records.jsonl.gz")
    parser.add_argument("-o", "--output", type=Path, default=Path("crosscheck-disagreements.jsonl"),
                        help="where to write the disagreements, one JSON object a line")
    args = parser.parse_args(argv)
    check = crosscheck(args.flat, args.docx)
    write_disagreements(check, args.output)
    print(check.report())
    print(f"{len(check.disagreements)} disagreements written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
