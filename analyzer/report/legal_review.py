"""What the app's "Chồng chéo, mâu thuẫn" page shows (issue 15 §4): overlapping and conflicting provisions
between legal texts, and records that differ from their own legal basis, as rows with both sides.

Pure functions over parsed texts and procedures; the page only lays the rows out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from analyzer.model import Procedure
from analyzer.parse.legal import LegalDocument

PAIR_KIND_LABELS = {"conflict": "Mâu thuẫn", "duplication": "Trùng lặp"}
BASIS_FIELD_LABELS = {"time_limit": "Thời hạn giải quyết", "papers": "Thành phần hồ sơ"}


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
    from analyzer.detect.legal_overlap import find_provision_pairs

    rows = []
    for pair in find_provision_pairs(documents):
        data = pair.row()
        first, second = data["first"], data["second"]  # type: ignore[index]
        prevails = {"first": _text_name(first), "second": _text_name(second)}.get(data["prevails"])  # type: ignore[arg-type]
        rows.append({
            "Loại": PAIR_KIND_LABELS[pair.kind],
            "Văn bản 1": f"{_text_name(first)}, {first['unit']}", "Quy định 1": first["clause"], "Giá trị 1": first["value"],
            "Văn bản 2": f"{_text_name(second)}, {second['unit']}", "Quy định 2": second["clause"], "Giá trị 2": second["value"],
            "Văn bản được áp dụng": prevails or "Hai văn bản cùng cấp: áp dụng văn bản ban hành sau",
        })
    return rows


def basis_rows(procedures: Iterable[Procedure], documents: Sequence[LegalDocument]) -> tuple[int, list[dict[str, object]]]:
    """(records compared, one row per difference between a record and the provision of its own legal basis)."""
    from analyzer.detect.legal_basis import compare_with_basis

    comparisons = compare_with_basis(procedures, documents)
    rows = [{
        "Mã thủ tục": d.procedure, "Tên thủ tục": d.name, "Nội dung": BASIS_FIELD_LABELS.get(d.field, d.field),
        "Thủ tục công bố": d.record_value, "Căn cứ pháp lý quy định": d.basis_value,
        "Văn bản, điều khoản": f"{d.basis_text}, {d.basis_unit}", "Quy định": d.clause,
    } for c in comparisons for d in c.differences]
    return len(comparisons), rows
