"""Overlapping provisions across legal texts: near-duplicate clauses, reported as pairs with both locations.

This serves the Sở Tư pháp's review for provisions that repeat or overlap each other across texts
(item III.4 of the Cần Thơ plan 17/KH-UBND). Each text is cut into its smallest units (points, clauses
without points, articles without clauses; paragraphs for unstructured texts); units are embedded as
TF-IDF vectors of word 1-2-grams over the matching key (case, tone placement and spacing ignored), and
each unit's nearest neighbours by cosine are found with scikit-learn's brute-force sparse search, which
works chunk by chunk and keeps only the top k per unit: no dense all-pairs matrix is ever built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from analyzer.parse.legal.model import LegalDocument, StructureNode
from analyzer.text import match_key

DEFAULT_THRESHOLD = 0.8
DEFAULT_TOP_K = 5
DEFAULT_MIN_CHARS = 80  # shorter units are boilerplate ("Nghị định này có hiệu lực …") more often than rules


@dataclass(frozen=True)
class ClauseLocation:
    """Where a unit is: the text it belongs to, its label ("Điều 5 khoản 2 điểm a") and its offsets."""

    document: int  # index of the text in the input sequence
    source: str | None
    number: str | None
    unit: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document, "source": self.source, "number": self.number, "unit": self.unit,
            "start": self.start, "end": self.end, "text": self.text,
        }


@dataclass(frozen=True)
class OverlapPair:
    first: ClauseLocation
    second: ClauseLocation
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {"first": self.first.to_dict(), "second": self.second.to_dict(), "similarity": self.similarity}


def find_overlaps(
    documents: Sequence[LegalDocument],
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    min_chars: int = DEFAULT_MIN_CHARS,
    within_documents: bool = False,
) -> list[OverlapPair]:
    """Pairs of units whose cosine similarity is at least ``threshold``, most similar first.

    Only pairs from two different texts are reported unless ``within_documents`` is true.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    clauses = [c for index, document in enumerate(documents) for c in iter_clauses(document, index, min_chars)]
    if len(clauses) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    vectorizer = TfidfVectorizer(preprocessor=match_key, ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                 token_pattern=r"(?u)\b\w+\b")
    matrix = vectorizer.fit_transform(c.text for c in clauses)
    neighbours = NearestNeighbors(n_neighbors=min(top_k + 1, len(clauses)), metric="cosine", algorithm="brute")
    neighbours.fit(matrix)
    distances, indices = neighbours.kneighbors(matrix)
    pairs: dict[tuple[int, int], float] = {}
    for row, (row_distances, row_indices) in enumerate(zip(distances, indices)):
        for distance, column in zip(row_distances, row_indices):
            similarity = 1.0 - float(distance)
            if column == row or similarity < threshold:
                continue
            if not within_documents and clauses[row].document == clauses[column].document:
                continue
            key = (min(row, column), max(row, column))
            pairs[key] = max(pairs.get(key, 0.0), similarity)
    result = [OverlapPair(clauses[a], clauses[b], round(similarity, 4)) for (a, b), similarity in pairs.items()]
    return sorted(result, key=lambda p: (-p.similarity, p.first.document, p.first.start, p.second.start))


def iter_clauses(document: LegalDocument, index: int, min_chars: int = DEFAULT_MIN_CHARS) -> Iterable[ClauseLocation]:
    """The smallest units of a text with enough words to compare."""
    text = document.text
    leaves = [(path, node) for path, node in document.iter_nodes() if not node.children]
    if leaves:
        for path, node in leaves:
            body = " ".join(text[node.start:node.end].split())
            if len(body) >= min_chars:
                yield ClauseLocation(index, document.source, document.number, _unit_label(path + (node,)),
                                     node.start, node.end, body)
        return
    for match in re.finditer(r"[^\n]+", text[document.body_start:document.body_end or len(text)]):
        body = " ".join(match.group(0).split())
        if len(body) >= min_chars and not body.startswith("|"):
            start = document.body_start + match.start()
            yield ClauseLocation(index, document.source, document.number, f"đoạn {start}", start,
                                 document.body_start + match.end(), body)


_NAMES = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm",
          "section": "mục", "item": "", "phu_luc": "Phụ lục"}


def _unit_label(path: tuple[StructureNode, ...]) -> str:
    """"Điều 5 khoản 2 điểm a" for articles; "III.2.a" for plans."""
    if any(node.kind == "dieu" for node in path):
        return " ".join(f"{_NAMES[n.kind]} {n.label}" for n in path if n.kind in ("dieu", "khoan", "diem"))
    return ".".join(n.label for n in path if n.label)
