"""Corpus-wide analyses that need every record: near-duplicate procedures and common documents.

Near-duplicates use MinHash LSH (datasketch): each procedure is shingled once and queried against
the index, so cost grows near-linearly with the corpus — there is no all-pairs loop.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from datasketch import MinHash, MinHashLSH

from analyzer.model import Procedure
from analyzer.text import match_key

NUM_PERM = 64
_WORD = re.compile(r"\w+", re.UNICODE)
# copy-kind and count words that make two names of one document look different
_DOC_NOISE = re.compile(
    r"\b(bản sao|bản chính|có chứng thực|chứng thực|công chứng|hợp lệ|bản|\d+)\b|[()\[\];:.,\-+*]", re.UNICODE
)


def procedure_text(procedure: Procedure) -> str:
    parts = [procedure.name] + [s.text for s in procedure.steps]
    parts += [d.name for case in procedure.cases for d in case.documents]
    return " ".join(parts)


def shingles(text: str, size: int = 3) -> set[bytes]:
    words = _WORD.findall(match_key(text))
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def document_key(name: str) -> str:
    """Key under which differently worded requests for one document are counted together."""
    return " ".join(_DOC_NOISE.sub(" ", match_key(name)).split())


@dataclass
class NearDuplicateIndex:
    threshold: float = 0.8
    lsh: MinHashLSH = field(init=False)
    names: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    pairs: list[tuple[str, str, float]] = field(default_factory=list)
    _hashes: dict[str, MinHash] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def add(self, key: str, procedure: Procedure) -> None:
        grams = shingles(procedure_text(procedure))
        if not grams or key in self.names:
            return
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch(grams)
        for other in self.lsh.query(minhash):
            similarity = minhash.jaccard(self._hashes[other])
            if similarity >= self.threshold:
                self.pairs.append((other, key, round(similarity, 3)))
        self.lsh.insert(key, minhash)
        self._hashes[key] = minhash
        self.names[key] = (procedure.name, procedure.agency, procedure.level)


@dataclass
class CorpusAnalysis:
    """Accumulates corpus-wide figures one procedure at a time."""

    near_duplicates: NearDuplicateIndex = field(default_factory=NearDuplicateIndex)
    documents: Counter = field(default_factory=Counter)
    document_names: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, procedure: Procedure) -> None:
        self.near_duplicates.add(key, procedure)
        seen: set[str] = set()
        for case in procedure.cases:
            for document in case.documents:
                doc_key = document_key(document.name)
                if doc_key and doc_key not in seen:
                    seen.add(doc_key)
                    self.documents[doc_key] += 1
                    self.document_names.setdefault(doc_key, document.name)

    def top_documents(self, n: int = 30) -> list[dict[str, object]]:
        return [
            {"document": self.document_names[k], "key": k, "procedures": c} for k, c in self.documents.most_common(n)
        ]

    def duplicate_pairs(self) -> list[dict[str, object]]:
        names = self.near_duplicates.names
        return [
            {
                "procedure_a": a, "name_a": names[a][0], "agency_a": names[a][1], "level_a": names[a][2],
                "procedure_b": b, "name_b": names[b][0], "agency_b": names[b][1], "level_b": names[b][2],
                "similarity": s,
            }
            for a, b, s in sorted(self.near_duplicates.pairs)
        ]


def analyse_corpus(items: Iterable[tuple[str, Procedure]]) -> CorpusAnalysis:
    analysis = CorpusAnalysis()
    for key, procedure in items:
        analysis.add(key, procedure)
    return analysis
