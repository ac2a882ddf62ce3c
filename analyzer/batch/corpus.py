"""Corpus-wide analyses that need every record: near-duplicate procedures and common documents.

Each record's MinHash signature and document keys are computed once, by the worker that analyses it,
and cached with its findings, so a warm re-run reuses them. Near-duplicates use MinHash LSH
(datasketch): each signature is queried against the index before it is inserted, so cost grows
near-linearly with the corpus — there is no all-pairs loop. Matches are joined into groups
(union-find), so the same procedure published by twenty agencies is one group of twenty, not 190
pairs. The final figures are a function of the records alone and are kept (``CorpusFigures``) for a
re-run over the same records, which then needs neither the index nor datasketch (nor its scipy).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import numpy as np

from analyzer.model import Procedure
from analyzer.nlp.document_keys import document_key
from analyzer.text import match_key

NUM_PERM = 64
SEED = 1
SCHEME = "affine32"
THRESHOLD = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)
_CASE_HEADING = re.compile(r"trường hợp\b")  # "Trường hợp không khai thác được thông tin ...: ..."


def procedure_text(procedure: Procedure) -> str:
    parts = [procedure.name] + [s.text for s in procedure.steps]
    parts += [d.name for case in procedure.cases for d in case.documents]
    return " ".join(parts)


def shingles(text: str, size: int = 3) -> set[bytes]:
    words = _WORD.findall(match_key(text))
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    # generating the permutation parameters costs more than hashing a record: do it once
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(procedure: Procedure) -> str | None:
    """The record's MinHash signature (base64 of 64 uint32 values); None for a record without text."""
    from datasketch import MinHash

    grams = shingles(procedure_text(procedure))
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(grams)
    return base64.b64encode(minhash.hashvalues.astype("<u4").tobytes()).decode("ascii")


def document_keys(procedure: Procedure) -> list[list[str]]:
    """[key, first name] of each distinct document the procedure asks for (any case); notes to the
    official and case headings that readers left among the documents are not documents."""
    from analyzer.detect._documents import is_note
    from analyzer.resources import Resources

    cues = Resources.default().cues

    found: dict[str, str] = {}
    for case in procedure.cases:
        for document in case.documents:
            key = document_key(document.name)
            if key and key not in found and not _CASE_HEADING.match(key) and not is_note(document.name, cues):
                found[key] = document.name
    return [[k, v] for k, v in found.items()]


def _decode(sig: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(sig), dtype="<u4")


class _Signatures:
    """Signatures in blocks of a 2-D uint32 array: 256 bytes a record instead of ~500 as separate arrays."""

    BLOCK = 4096

    def __init__(self) -> None:
        self.blocks: list[np.ndarray] = []
        self.rows: dict[int, int] = {}  # record index -> row

    def __contains__(self, index: int) -> bool:
        return index in self.rows

    def put(self, index: int, values: np.ndarray) -> None:
        row = len(self.rows)
        if row % self.BLOCK == 0:
            self.blocks.append(np.zeros((self.BLOCK, NUM_PERM), dtype=np.uint32))
        self.blocks[-1][row % self.BLOCK] = values
        self.rows[index] = row

    def __getitem__(self, index: int) -> np.ndarray:
        row = self.rows[index]
        return self.blocks[row // self.BLOCK][row % self.BLOCK]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:  # path compression keeps later finds short
            self.parent[item], item = root, self.parent.get(item, item)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earliest record is the group's representative


@dataclass
class NearDuplicateIndex:
    """MinHash LSH over record signatures; records whose estimated Jaccard ≥ threshold are grouped."""

    threshold: float = THRESHOLD
    lsh: Any = field(init=False)  # datasketch.MinHashLSH
    signatures: "_Signatures" = field(default_factory=lambda: _Signatures())
    groups: _UnionFind = field(default_factory=_UnionFind)

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def add(self, index: int, sig: str | None) -> None:
        if sig is None or index in self.signatures:
            return
        from datasketch import LeanMinHash

        values = _decode(sig)
        minhash = LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
        for other in self.lsh.query(minhash):
            if self.similarity(index, other, values) >= self.threshold:
                self.groups.union(index, other)
        self.lsh.insert(index, minhash)
        self.signatures.put(index, values)

    def similarity(self, index: int, other: int, values: np.ndarray | None = None) -> float:
        mine = self.signatures[index] if values is None else values
        return float(np.count_nonzero(mine == self.signatures[other])) / NUM_PERM

    def members(self) -> dict[int, list[int]]:
        """Groups of two or more records: representative -> members in input order."""
        found: dict[int, list[int]] = {}
        for item in sorted(self.groups.parent):
            found.setdefault(self.groups.find(item), []).append(item)
        return {root: sorted({root, *items}) for root, items in found.items()}


RecordInfo = tuple[str, str, "str | None", "str | None"]  # code, name, agency, level
InfoLookup = Callable[[set[int]], dict[int, RecordInfo]]


def _key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class CorpusAnalysis:
    """Accumulates corpus-wide figures one record at a time, keeping little per record: its signature
    (and LSH entries) and, per distinct document, an 8-byte key hash and a count. Names are kept only
    for documents asked by two procedures or more, and the names of grouped records are read back at
    the end through ``lookup`` (kept in memory when there is none)."""

    lookup: InfoLookup | None = None
    near_duplicates: NearDuplicateIndex = field(default_factory=NearDuplicateIndex)
    documents: dict[int, int] = field(default_factory=dict)
    document_names: dict[int, tuple[str, str]] = field(default_factory=dict)  # hash -> (key, name)
    info: dict[int, RecordInfo] = field(default_factory=dict)

    def add(self, index: int, summary: dict[str, Any]) -> None:
        if self.lookup is None:
            row = summary["row"]
            self.info[index] = (row["code"], row["name"], row["agency"], row["level"])
        self.near_duplicates.add(index, summary["minhash"])
        for key, name in summary["docs"]:
            hashed = _key_hash(key)
            count = self.documents[hashed] = self.documents.get(hashed, 0) + 1
            if count == 2:
                self.document_names[hashed] = (key, name)

    def figures(self) -> "CorpusFigures":
        return CorpusFigures(self.top_documents(TOP_DOCUMENTS), self.duplicate_groups())

    def top_documents(self, n: int = 30) -> list[dict[str, object]]:
        """Documents asked by the most procedures (two at least), most asked first, ties by key."""
        named = ((count, self.document_names[h]) for h, count in self.documents.items() if count >= 2)
        top = heapq.nsmallest(n, named, key=lambda item: (-item[0], item[1][0]))
        return [{"document": name, "key": key, "procedures": count} for count, (key, name) in top]

    def duplicate_groups(self) -> list[dict[str, object]]:
        """One row per member of each near-duplicate group, with its similarity to the representative."""
        rows = []
        # largest groups first: a procedure republished by twenty agencies matters more than a pair
        groups = sorted(self.near_duplicates.members().items(), key=lambda item: (-len(item[1]), item[0]))
        wanted = {member for _, members in groups for member in members}
        info = self.info if self.lookup is None else self.lookup(wanted)
        for number, (root, members) in enumerate(groups, start=1):
            for member in members:
                code, name, agency, level = info[member]
                rows.append({
                    "group": number, "size": len(members), "code": code, "name": name, "agency": agency,
                    "level": level,
                    "similarity": round(self.near_duplicates.similarity(member, root), 3),
                })
        return rows


@dataclass
class CorpusFigures:
    """What the outputs show of the corpus-wide analyses: top documents and near-duplicate groups."""

    top: list[dict[str, Any]]
    groups: list[dict[str, Any]]

    def top_documents(self, n: int = 30) -> list[dict[str, Any]]:
        return self.top[:n]

    def duplicate_groups(self) -> list[dict[str, Any]]:
        return self.groups

    def to_dict(self) -> dict[str, Any]:
        return {"top": self.top, "groups": self.groups}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CorpusFigures":
        return cls(data["top"], data["groups"])


TOP_DOCUMENTS = 50
