"""Duplicate procedure codes: one record per procedure version, every source noted.

A version is identified by ``Procedure.version_key`` (code and decision). Reading a corpus in input
order, the first record of a version is kept; a later record of the same version is not read again:
its source is added to the kept record's ``sources``. When the later record's content differs (two
crawls read by two readers rarely agree to the letter), the first still wins — the decision number
says it is the same published version — and the duplicate is listed as ``differs`` so a reviewer can
look at it. The same code under another decision is a separate version and is kept.

``VersionPlan`` needs only (version key, content digest, source) per record, so the batch driver can
plan from its parsed files' metas without holding records; ``merge_versions`` applies it to records
in memory (the reviewer app, notebooks).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from analyzer.model import Procedure, SourceRef, version_key

IDENTICAL = "identical"  # same version, same content: read once
DIFFERS = "differs"  # same version, other content: the first record kept
VERSION = "version"  # same code, another decision: a separate version
OUTCOME_LABELS = {
    IDENTICAL: "trùng hoàn toàn, đọc một lần",
    DIFFERS: "cùng phiên bản nhưng nội dung khác, giữ bản đọc trước",
    VERSION: "phiên bản khác (quyết định công bố khác), giữ riêng",
}


@dataclass(frozen=True)
class Duplicate:
    """One record whose code was seen before, and what became of it."""

    code: str
    version: str
    outcome: str  # IDENTICAL, DIFFERS or VERSION
    position: int  # its position in the input order
    kept: int  # position of the record it was merged into (itself for a separate version)
    source: dict[str, Any] | None
    kept_source: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        def where(source: dict[str, Any] | None) -> str | None:
            if not source:
                return None
            return f"{source.get('path')}#{source['record']}" if source.get("record") else source.get("path")

        return {"code": self.code, "version": self.version, "outcome": self.outcome,
                "source": where(self.source), "kept_source": where(self.kept_source)}


@dataclass
class VersionPlan:
    """Which records are read and which merge into an earlier one. Keeps per version its first
    position, digest and source, and per code its first version: memory grows with the distinct
    versions, never with the records' content."""

    first: dict[str, tuple[int, str, dict[str, Any] | None]] = field(default_factory=dict)
    code_first: dict[str, str] = field(default_factory=dict)  # code -> its first version key
    extra_sources: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # kept position -> more sources
    dropped: set[int] = field(default_factory=set)
    duplicates: list[Duplicate] = field(default_factory=list)
    records: int = 0

    def add(self, code: str, decision: str | None, digest: str, source: dict[str, Any] | None) -> bool:
        """Plan the next record; True when it is read (a new version)."""
        position, self.records = self.records, self.records + 1
        key = version_key(code, decision)
        seen = self.first.get(key)
        if seen is None:
            self.first[key] = (position, digest, source)
            if code in self.code_first:
                self.duplicates.append(Duplicate(code, key, VERSION, position, position, source,
                                                 self.first[self.code_first[code]][2]))
            else:
                self.code_first[code] = key
            return True
        kept, kept_digest, kept_source = seen
        self.dropped.add(position)
        if source is not None:
            self.extra_sources.setdefault(kept, [dict(kept_source)] if kept_source else []).append(source)
        outcome = IDENTICAL if digest == kept_digest else DIFFERS
        self.duplicates.append(Duplicate(code, key, outcome, position, kept, source, kept_source))
        return False

    def kept(self, position: int) -> bool:
        return position not in self.dropped

    def counts(self) -> dict[str, int]:
        """Codes seen more than once, and records per outcome."""
        outcomes = Counter(d.outcome for d in self.duplicates)
        return {"codes_repeated": len({d.code for d in self.duplicates}), "records": self.records,
                "versions": len(self.first), **{o: outcomes.get(o, 0) for o in (IDENTICAL, DIFFERS, VERSION)}}


def with_sources(record: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The canonical record noting every source it was read from."""
    return {**record, "sources": sources}


def planned(items: Iterable[Any], plan: VersionPlan) -> Iterator[Any]:
    """The items unchanged (records and reading errors, as ``iter_records`` yields them), each
    procedure planned on the way: for reports that see every record and list the duplicates."""
    for item in items:
        if isinstance(item, Procedure):
            plan.add(item.code, item.decision, content_digest(item), item.source.to_dict() if item.source else None)
        yield item


@dataclass
class MergedCorpus:
    procedures: list[Procedure]
    plan: VersionPlan


def content_digest(procedure: Procedure) -> str:
    """Content identity for comparing two records of one version (their locations excluded)."""
    content = {k: v for k, v in procedure.to_dict().items() if k not in ("source", "sources")}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def merge_versions(procedures: Iterable[Procedure]) -> MergedCorpus:
    """One procedure per version, in input order, each noting all its sources (see module docstring)."""
    plan = VersionPlan()
    kept: dict[int, Procedure] = {}
    for position, procedure in enumerate(procedures):
        source = procedure.source.to_dict() if procedure.source else None
        if plan.add(procedure.code, procedure.decision, content_digest(procedure), source):
            kept[position] = procedure
    for position, sources in plan.extra_sources.items():
        procedure = kept[position]
        kept[position] = procedure.model_copy(update={"sources": [SourceRef.from_dict(s) for s in sources]})
    return MergedCorpus([kept[p] for p in sorted(kept)], plan)
