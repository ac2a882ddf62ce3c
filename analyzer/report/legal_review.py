"""What the app's "Chồng chéo, mâu thuẫn" page shows (issue 15 §4): overlapping and conflicting provisions
between legal texts, and records that differ from their own legal basis, as rows with both sides; and what the
province's report counts of them (``legal_summary``).

Pure functions over parsed texts and procedures; the page only lays the rows out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analyzer.model import Procedure
from analyzer.parse.legal import LegalDocument
from analyzer.report.labels import label

PROJECT = Path(__file__).resolve().parents[2]
# the order the province's report counts the types in: between texts first, then records against their basis
LEGAL_FINDING_TYPES = ("conflict", "duplication", "time_limit", "papers")
TOP_LEGAL_FINDINGS = 5


def default_legal_paths() -> list[Path]:
    """The legal texts compared when none are named, those that exist: the folder TTHC_LEGAL_TEXTS (default
    ../shared/corpus-real/legal-texts beside the project) and the project's own corpus/legal."""
    shared = Path(os.environ.get("TTHC_LEGAL_TEXTS", PROJECT.parent / "shared" / "corpus-real" / "legal-texts"))
    return [path for path in (shared, PROJECT / "corpus" / "legal") if path.exists()]


@dataclass(frozen=True)
class LoadedTexts:
    documents: tuple[LegalDocument, ...]
    skipped: tuple[tuple[str, str], ...]  # (file, Vietnamese reason)


def load_legal_texts(paths: Iterable[str | Path]) -> LoadedTexts:
    """Every readable legal text under the paths; each file that cannot be read is listed with its reason."""
    from analyzer.ingest.legal_files import legal_files, read_legal_text

    documents, skipped = [], []
    for path, problem in legal_files(list(paths)):
        if problem is not None:
            skipped.append((str(path), str(problem)))
            continue
        try:
            documents.append(read_legal_text(path))
        except (OSError, ValueError) as exc:
            skipped.append((str(path), f"không đọc được: {exc}"))
    return LoadedTexts(tuple(documents), tuple(skipped))


def _text_name(side: dict) -> str:
    return " ".join(str(x) for x in (side.get("text_kind"), side.get("text_number")) if x) or str(side.get("document"))


def overlap_rows(documents: Sequence[LegalDocument]) -> list[dict[str, object]]:
    """One row per overlapping or conflicting pair: both clauses, their values and which text prevails."""
    return [row for _, row in _typed_overlap_rows(documents)]


def _typed_overlap_rows(documents: Sequence[LegalDocument]) -> list[tuple[str, dict[str, object]]]:
    """(pair kind, row) per pair."""
    from analyzer.detect.legal_overlap import find_provision_pairs

    rows = []
    for pair in find_provision_pairs(documents):
        data = pair.row()
        first, second = data["first"], data["second"]  # type: ignore[index]
        prevails = {"first": _text_name(first), "second": _text_name(second)}.get(data["prevails"])  # type: ignore[arg-type]
        rows.append((pair.kind, {
            "Loại": label("provision_pairs", pair.kind),
            "Văn bản 1": f"{_text_name(first)}, {first['unit']}", "Quy định 1": first["clause"], "Giá trị 1": first["value"],
            "Văn bản 2": f"{_text_name(second)}, {second['unit']}", "Quy định 2": second["clause"], "Giá trị 2": second["value"],
            "Văn bản được áp dụng": prevails or "Hai văn bản cùng cấp: áp dụng văn bản ban hành sau",
        }))
    return rows


# the records to compare with the legal texts: all of them, or a function of the texts' number keys giving the
# records that cite any of them (``ReviewCorpus.citing``: a store finds them without reading every record)
Records = Iterable[Procedure] | Callable[[Collection[str]], Iterable[Procedure]]


def basis_rows(procedures: Records, documents: Sequence[LegalDocument]) -> tuple[int, list[dict[str, object]]]:
    """(records compared, one row per difference between a record and the provision of its own legal basis)."""
    compared, rows = _typed_basis_rows(procedures, documents)
    return compared, [row for _, row in rows]


def _typed_basis_rows(procedures: Records,
                      documents: Sequence[LegalDocument]) -> tuple[int, list[tuple[str, dict[str, object]]]]:
    """(records compared, (field differing, row) per difference)."""
    from analyzer.detect.legal_basis import basis_frames, compare_with_basis

    frames = basis_frames(documents)
    chosen = procedures(frames.keys()) if callable(procedures) else procedures
    comparisons = compare_with_basis(chosen, documents, frames)
    rows = [(d.field, {
        "Mã thủ tục": d.procedure, "Tên thủ tục": d.name, "Nội dung": label("basis_fields", d.field),
        "Thủ tục công bố": d.record_value, "Căn cứ pháp lý quy định": d.basis_value,
        "Văn bản, điều khoản": f"{d.basis_text}, {d.basis_unit}", "Quy định": d.clause,
    }) for c in comparisons for d in c.differences]
    return len(comparisons), rows


@dataclass(frozen=True)
class LegalSummary:
    """What the province's report says of the legal texts: how many were read and compared, the findings by type
    (LEGAL_FINDING_TYPES, every type counted, zero included) and the first of them in words."""

    texts: int
    skipped: int
    compared: int  # records whose cited legal basis is among the texts
    counts: dict[str, int] = field(default_factory=dict)  # type code -> findings
    top: tuple[str, ...] = ()


def legal_summary(procedures: Records, texts: LoadedTexts, top: int = TOP_LEGAL_FINDINGS) -> LegalSummary:
    """Overlaps and conflicts between the texts (conflicts first), then records that differ from their basis."""
    return legal_review(procedures, texts).summary(top)


Typed = tuple[tuple[str, dict[str, object]], ...]  # (kind, row) per finding


@dataclass(frozen=True)
class LegalReview:
    """Everything the overlaps page and the province's report show of legal texts against a corpus: how many
    texts were read, the files skipped, the pairs of provisions (``overlap_rows``) and the records' differences
    from their basis (``basis_rows``), each with its kind. Plain values: an import keeps it (``to_dict``) so the
    pages need not read and compare the texts again."""

    texts: int
    skipped: tuple[tuple[str, str], ...]
    pairs: Typed
    compared: int
    differences: Typed

    def overlap_rows(self) -> list[dict[str, object]]:
        return [row for _, row in self.pairs]

    def basis_rows(self) -> tuple[int, list[dict[str, object]]]:
        return self.compared, [row for _, row in self.differences]

    def summary(self, top: int = TOP_LEGAL_FINDINGS) -> LegalSummary:
        counts = {kind: 0 for kind in LEGAL_FINDING_TYPES}
        for kind, _ in (*self.pairs, *self.differences):
            counts[kind] += 1
        lines = [_pair_line(k, row) for k, row in self.pairs]
        lines += [_difference_line(k, row) for k, row in self.differences]
        return LegalSummary(self.texts, len(self.skipped), self.compared, counts, tuple(lines[:top]))

    def to_dict(self) -> dict[str, Any]:
        return {"texts": self.texts, "skipped": [list(s) for s in self.skipped], "compared": self.compared,
                "pairs": [[k, row] for k, row in self.pairs], "differences": [[k, row] for k, row in self.differences]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "LegalReview":
        return cls(int(data["texts"]), tuple((str(a), str(b)) for a, b in data["skipped"]),
                   tuple((str(k), dict(row)) for k, row in data["pairs"]), int(data["compared"]),
                   tuple((str(k), dict(row)) for k, row in data["differences"]))


def legal_review(procedures: Records, texts: LoadedTexts) -> LegalReview:
    """Read and compare: the texts with each other, and the records citing them with their provisions."""
    compared, differences = _typed_basis_rows(procedures, texts.documents)
    return LegalReview(len(texts.documents), tuple(texts.skipped), tuple(_typed_overlap_rows(texts.documents)),
                       compared, tuple(differences))


def _pair_line(kind: str, row: dict[str, object]) -> str:
    return (f"{label('legal_findings', kind)}: {row['Văn bản 1']} quy định «{row['Giá trị 1']}»; "
            f"{row['Văn bản 2']} quy định «{row['Giá trị 2']}»; văn bản được áp dụng: {row['Văn bản được áp dụng']}.")


def _difference_line(kind: str, row: dict[str, object]) -> str:
    return (f"{label('legal_findings', kind)}: thủ tục {row['Mã thủ tục']} «{row['Tên thủ tục']}» ghi "
            f"«{row['Thủ tục công bố']}»; {row['Văn bản, điều khoản']} quy định «{row['Căn cứ pháp lý quy định']}».")
