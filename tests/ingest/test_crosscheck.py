"""Cross-check: the ~708 procedures crawled both as portal-flat and as portal-docx must read alike.

The two crawls are independent and not always of the same version (other decision numbers, other
times), so every disagreement is classified from the raw sources, without the readers' help:

- ``version_differs``: the decision numbers (Số quyết định) differ;
- ``source_differs``: the DOCX cell's text does not occur after the mode's name in the flat record's
  glued channel table (for documents: a DOCX document name does not occur in the flat dossier text);
- ``reader_disagrees``: same version, same source text, different parse — the readers' fault.

Thresholds apply to the comparable pairs (same version, same source text); the overall figures are
printed and every disagreement is written, one JSON object a line, to $TTHC_CROSSCHECK_OUT (default:
pytest's tmp_path) for review.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from analyzer.ingest import portal_docx
from analyzer.model import Channel, Procedure, SourceRef
from analyzer.parse.duration import parse_duration
from support import shared_path

MODE_LABELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}


def squash(text: str | None) -> str:
    """Whitespace collapsed and leading zeros dropped ("07 Ngày" == "7 Ngày"), case kept."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", " ".join((text or "").split()))


def occurs_as_cell(haystack: str, needle: str) -> bool:
    """``needle`` occurs in the glued ``haystack`` and is not cut from a longer cell ("2 Ngày" | " làm việc")."""
    for match in re.finditer(re.escape(needle), haystack):
        rest = haystack[match.end():match.end() + 2]
        if rest[:1].islower() or (rest[:1].isdigit() and needle[-1:].isdigit()) or (rest[:1] == " " and rest[1:2].islower()):
            continue
        return True
    return False


def same_version(flat: Procedure, docx: Procedure) -> bool:
    return (flat.decision or "").replace(" ", "") == (docx.decision or "").replace(" ", "")


def disagreement_kind(versions_match: bool, sources_match: bool) -> str:
    """What a disagreement would be blamed on; "reader_disagrees" marks the comparable cases."""
    return "version_differs" if not versions_match else "source_differs" if not sources_match else "reader_disagrees"


def working_days(channel: Channel) -> float | None:
    return round(channel.duration.working_days, 3) if channel.duration and channel.duration.working_days is not None else None


def pair_channels(docx: list[Channel], flat: list[Channel]) -> list[tuple[Channel | None, Channel | None]]:
    """Channels of one mode paired: equal values first (row order differs between crawls), then in order."""
    remaining = list(flat)
    pairs: list[tuple[Channel | None, Channel | None]] = []
    unmatched = []
    for channel in docx:
        twin = next((c for c in remaining if working_days(c) == working_days(channel) and working_days(c) is not None), None)
        if twin is None:
            unmatched.append(channel)
        else:
            remaining.remove(twin)
            pairs.append((channel, twin))
    pairs.extend(zip(unmatched, remaining))
    pairs.extend((c, None) for c in unmatched[len(remaining):])
    pairs.extend((None, c) for c in remaining[len(unmatched):])
    return pairs


@dataclass
class CrossCheck:
    counts: Counter[str] = field(default_factory=Counter)
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def compare(self, code: str, docx: Procedure, flat: Procedure, flat_raw: dict[str, Any]) -> None:
        version = same_version(flat, docx)
        self.counts["procedures"] += 1
        self.counts["same_version"] += version
        glued_channels = squash(flat_raw.get("cach_thuc_thuc_hien"))
        for mode, label in MODE_LABELS.items():
            mine = [c for c in docx.channels if c.mode == mode]
            theirs = [c for c in flat.channels if c.mode == mode]
            for ours, other in pair_channels(mine, theirs):
                self._channel_pair(code, mode, label, ours, other, version, glued_channels)
        self._documents(code, docx, flat, flat_raw, version)

    def _channel_pair(self, code: str, mode: str, label: str, ours: Channel | None, other: Channel | None,
                      version: bool, glued: str) -> None:
        if ours is None or other is None:
            self.counts["channel_unpaired"] += 1
            self._record("channel_unpaired", code, mode=mode, docx=_text(ours), flat=_text(other))
            return
        ours_days, other_days = working_days(ours), working_days(other)
        if ours_days is None and other_days is None:
            self.counts["channel_both_empty"] += 1
            return
        agree = ours_days == other_days
        docx_text = ours.duration.text if ours.duration else ""
        source = bool(docx_text) and occurs_as_cell(glued, squash(label + docx_text))
        kind = disagreement_kind(version, source)
        self.counts["channel_pairs"] += 1
        self.counts["channel_agree"] += agree
        if kind == "reader_disagrees":  # comparable: only the readers can make these differ
            self.counts["channel_comparable"] += 1
            self.counts["channel_comparable_agree"] += agree
        if not agree:
            self.counts[f"channel_{kind}"] += 1
            self._record(kind, code, part="channel", mode=mode, docx=docx_text, flat=_text(other),
                         docx_days=ours_days, flat_days=other_days)

    def _documents(self, code: str, docx: Procedure, flat: Procedure, flat_raw: dict[str, Any], version: bool) -> None:
        glued = squash(flat_raw.get("thanh_phan_ho_so")).casefold()
        names = [squash(d.name).casefold() for _, _, d in docx.documents]
        source = all(name in glued for name in names)
        agree = len(docx.documents) == len(flat.documents)
        kind = disagreement_kind(version, source)
        self.counts["documents_agree"] += agree
        if kind == "reader_disagrees":  # comparable
            self.counts["documents_comparable"] += 1
            self.counts["documents_comparable_agree"] += agree
        if not agree:
            self.counts[f"documents_{kind}"] += 1
            self._record(kind, code, part="documents", docx=len(docx.documents), flat=len(flat.documents),
                         docx_names=[d.name[:80] for _, _, d in docx.documents],
                         flat_names=[d.name[:80] for _, _, d in flat.documents])

    def _record(self, kind: str, code: str, **details: Any) -> None:
        self.disagreements.append({"kind": kind, "code": code, **details})

    def rate(self, agree: str, total: str) -> float:
        return self.counts[agree] / self.counts[total] if self.counts[total] else 0.0

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c['procedures']} codes in both ({c['same_version']} same decision). "
            f"Channels: {c['channel_agree']}/{c['channel_pairs']} pairs agree overall "
            f"({self.rate('channel_agree', 'channel_pairs'):.1%}), comparable {c['channel_comparable_agree']}/"
            f"{c['channel_comparable']} ({self.rate('channel_comparable_agree', 'channel_comparable'):.1%}); "
            f"disagreements: version {c['channel_version_differs']}, source {c['channel_source_differs']}, "
            f"reader {c['channel_reader_disagrees']}; unpaired {c['channel_unpaired']}, both empty {c['channel_both_empty']}. "
            f"Documents: count agrees {c['documents_agree']}/{c['procedures']} overall "
            f"({self.rate('documents_agree', 'procedures'):.1%}), comparable {c['documents_comparable_agree']}/"
            f"{c['documents_comparable']} ({self.rate('documents_comparable_agree', 'documents_comparable'):.1%}); "
            f"disagreements: version {c['documents_version_differs']}, source {c['documents_source_differs']}, "
            f"reader {c['documents_reader_disagrees']}."
        )


def _text(channel: Channel | None) -> str | None:
    return channel.duration.text if channel and channel.duration else None


def load(path: Path, reader: Any) -> tuple[dict[str, Procedure], dict[str, dict[str, Any]]]:
    procedures: dict[str, Procedure] = {}
    raw: dict[str, dict[str, Any]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            record = json.loads(line)
            procedure = reader.to_procedure(record, SourceRef(format=reader.name, path=str(path), record=f"line {line_no}"))
            procedures.setdefault(procedure.code, procedure)
            raw.setdefault(procedure.code, record)
    return procedures, raw


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [
        ("Trực tiếp7 Ngày làm việcMiễn phí", "Trực tiếp7 Ngày làm việc", True),
        ("Trực tiếp2 Ngày làm việcMiễn phí", "Trực tiếp2 Ngày", False),  # cut from a longer cell
        ("Trực tiếp15 NgàyPhí", "Trực tiếp1", False),
        ("Trực tiếp1 Ngày150,000 Đồng", "Trực tiếp1 Ngày", True),
        ("Trực tuyến1Miễn phí", "Trực tuyến1", True),
    ],
)
def test_occurs_as_cell(haystack: str, needle: str, expected: bool) -> None:
    assert occurs_as_cell(squash(haystack), squash(needle)) is expected


def test_channels_of_one_mode_pair_equal_values_first() -> None:
    def channel(text: str) -> Channel:
        return Channel(mode="truc_tiep", duration=parse_duration(text))

    docx = [channel("1 Ngày làm việc"), channel("2 Ngày làm việc"), channel("3 Ngày làm việc")]
    flat = [channel("2 Ngày làm việc"), channel("1 Ngày làm việc")]
    pairs = [(working_days(a) if a else None, working_days(b) if b else None) for a, b in pair_channels(docx, flat)]
    assert pairs == [(1.0, 1.0), (2.0, 2.0), (3.0, None)]


@pytest.mark.slow
def test_portal_flat_and_portal_docx_agree(tmp_path: Path) -> None:
    portal_flat = pytest.importorskip("analyzer.ingest.portal_flat", reason="the portal-flat reader is not there yet")
    flat, flat_raw = load(shared_path("corpus-real", "portal-flat", "records.jsonl.gz"), portal_flat)
    docx, _ = load(shared_path("corpus-real", "portal-docx", "records.jsonl.gz"), portal_docx)
    check = CrossCheck()
    for code in sorted(set(flat) & set(docx)):
        check.compare(code, docx[code], flat[code], flat_raw[code])
    out = Path(os.environ.get("TTHC_CROSSCHECK_OUT") or tmp_path / "crosscheck.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in check.disagreements), encoding="utf-8")
    print(f"cross-check: {check.summary()} Disagreements written to {out}")
    assert check.counts["procedures"] >= 700
    # the comparable subsets must stay a substantial share, or the thresholds below would say little
    assert check.counts["channel_comparable"] >= 0.4 * check.counts["channel_pairs"], check.summary()
    assert check.counts["documents_comparable"] >= 0.4 * check.counts["procedures"], check.summary()
    assert check.rate("channel_comparable_agree", "channel_comparable") >= 0.95, check.summary()
    assert check.rate("documents_comparable_agree", "documents_comparable") >= 0.90, check.summary()
