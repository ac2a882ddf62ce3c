"""The reviewer's corpus read from a store (``analyzer.store.CorpusStore``) instead of analysed at start.

``corpus_rows`` turns an analysed ``ReviewCorpus`` into the rows a store keeps: each procedure, finding and
record defect in its canonical JSON, with its list row and folded search words made here (the store never folds
or analyses). ``StoredCorpus`` is a ``ReviewCorpus`` over such a store: the list and the findings table come from
the stored rows in two queries, a procedure and its findings are read (and validated) only when a page asks for
them, and a search asks the store for its candidates before ``analyzer.report.search.rank`` orders them, so its
results are those of the in-memory search. The report layer does not import the store: any object with the
methods of ``CorpusSource`` will do.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Generic, Protocol, TypeVar

import pandas as pd

from analyzer.detect import Finding
from analyzer.detect.legal_basis import cited_keys
from analyzer.detect.record_defects import RecordDefect
from analyzer.model import Procedure
from analyzer.report.labels import day, labels, number, procedure_title
from analyzer.report.legal_review import LegalReview
from analyzer.report.review import (FACT_COLUMNS, FINDING_OWN_COLUMNS, ReviewCorpus, finding_columns, findings_frame,
                                    table_frame)
from analyzer.report.search import Entry, key_words
from analyzer.text import fold

V = TypeVar("V")


class CorpusSource(Protocol):
    """What ``StoredCorpus`` reads (``analyzer.store.corpus.CorpusStore`` has these methods)."""

    def snapshot(self, name: str) -> pd.DataFrame: ...
    def procedures(self, versions: Collection[str] | None = None) -> dict[str, dict[str, Any]]: ...
    def findings(self, versions: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]: ...
    def defects(self) -> list[dict[str, Any]]: ...
    def blob(self, name: str) -> bytes | None: ...
    def candidates(self, words: Sequence[str], code_key: str) -> set[str]: ...
    def latest_run(self) -> dict[str, Any] | None: ...
    def changes(self, run_id: int | None = None, versions: Collection[str] | None = None) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class CorpusRows:
    procedures: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    defects: list[dict[str, Any]]


def _plain(value: Any) -> Any:
    """JSON has no NaN (PostgreSQL refuses it): a missing number is null."""
    return None if isinstance(value, float) and math.isnan(value) else value


# an Entry packed into plain strings for the snapshot: words joined by spaces, groups by tabs, agencies by "|"
# (folded words are \w runs: none holds a space, a tab or a "|")
PACKED = ("search_code", "search_name", "search_others", "search_agencies")
LEGAL_BLOB = "legal_review"  # the LegalReview made at import, with the fingerprint of its texts (``legal_blob``)
# one row per (version, cited text key; see ``analyzer.detect.legal_basis.cited_keys``): the snapshot the store
# writes from the rows' "basis_keys" (``analyzer.store.corpus.BASIS``; the report layer does not import the store)
BASIS_SNAPSHOT = "basis"


def packed(entry: Entry) -> dict[str, str]:
    return {"search_code": entry.code, "search_name": " ".join(entry.name),
            "search_others": "\t".join(" ".join(words) for words in entry.others),
            "search_agencies": "|".join(sorted(entry.agencies))}


class PackedEntry:
    """An ``analyzer.report.search.Entry`` read from a snapshot: its words are unpacked when the ranker first
    needs them, so a list of 80,000 procedures opens without building 80,000 entries, and a code match (decided
    on the code alone) never unpacks any."""

    __slots__ = ("code", "_name", "_others", "_agencies", "_agency_set", "_entry")

    def __init__(self, code: str, name: str, others: str, agencies: str) -> None:
        self.code, self._name, self._others, self._agencies = code, name, others, agencies
        self._agency_set: frozenset[str] | None = None
        self._entry: Entry | None = None

    def unpacked(self) -> Entry:
        if self._entry is None:
            others = tuple(tuple(group.split()) for group in self._others.split("\t")) if self._others else ()
            self._entry = Entry(self.code, tuple(self._name.split()), others, self.agencies)
        return self._entry

    @property
    def name(self) -> tuple[str, ...]:
        return self.unpacked().name

    @property
    def others(self) -> tuple[tuple[str, ...], ...]:
        return self.unpacked().others

    @property
    def agencies(self) -> frozenset[str]:
        """What the agency filter reads: unpacked alone, without the words."""
        if self._agency_set is None:
            self._agency_set = frozenset(self._agencies.split("|")) if self._agencies else frozenset()
        return self._agency_set

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.unpacked().vocabulary


def corpus_rows(corpus: ReviewCorpus, defects: Sequence[RecordDefect] | None = None) -> CorpusRows:
    """The rows ``CorpusStore.import_run`` keeps for ``corpus`` (its defects computed unless given)."""
    procedures, findings = [], []
    for version, procedure in corpus.procedures.items():
        entry = corpus.search_entry(version)
        procedures.append({
            "version_key": version, "code": procedure.code, "name": procedure.name, "field": procedure.field,
            "level": procedure.level, "agency": procedure.agency, "decision": procedure.decision,
            "code_key": entry.code, "search_text": " ".join([*entry.name, *(w for o in entry.others for w in o)]),
            "listing": {**{k: _plain(v) for k, v in corpus.list_row(version).items()}, **packed(entry)},
            "basis_keys": sorted(cited_keys(procedure)),
            "data": procedure.to_dict(),
        })
        for finding in corpus.findings.get(version, []):
            findings.append({"version_key": version, "finding_key": finding.key, **finding_columns(finding),
                             "data": finding.to_dict()})
    found = corpus.defects() if defects is None else defects
    return CorpusRows(procedures, findings, [{"version_key": d.version, "data": d.to_dict()} for d in found])


def legal_blob(review: LegalReview, fingerprint: str) -> dict[str, bytes]:
    """What an import keeps of a legal review (``CorpusStore.import_run``'s blobs)."""
    data = {"fingerprint": fingerprint, "review": review.to_dict()}
    return {LEGAL_BLOB: json.dumps(data, ensure_ascii=False).encode("utf-8")}


def changes_text(counts: Mapping[str, int]) -> str:
    """"12 phát hiện mới, 3 phát hiện không còn, 5 phát hiện thay đổi": what an import changed (its counts)."""
    names = labels("finding_changes")
    return ", ".join(f"{number(counts.get(change, 0))} {name}" for change, name in names.items())


def run_summary(run: Mapping[str, Any]) -> str:
    """The corpus run the app serves, for the overview (Vietnamese): when it was imported, and what it changed."""
    counts = run.get("counts") or {}
    text = (f"Dữ liệu: lần nhập {run['id']} lúc {day(run.get('at'))}, {number(counts.get('procedures', 0))} thủ tục, "
            f"{number(counts.get('findings', 0))} phát hiện.")
    if counts.get("previous_run") is not None:
        text += f" So với lần nhập trước: {changes_text(counts)}."
    return text


class LazyMapping(Mapping[str, V], Generic[V]):
    """A mapping whose keys are known and whose values are read when first asked for (all at once for
    ``values`` and ``items``)."""

    def __init__(self, keys: Sequence[str], fetch: Callable[[Collection[str] | None], dict[str, V]]) -> None:
        self._keys, self._known = list(keys), set(keys)
        self._fetch, self._cache, self._complete = fetch, {}, False

    def __getitem__(self, key: str) -> V:
        if key not in self._cache:
            if key not in self._known:
                raise KeyError(key)
            self._cache.update(self._fetch([key]))
        return self._cache[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def many(self, keys: Collection[str]) -> None:
        """Read the values of ``keys`` not read yet, at once (the mapping's own keys among them)."""
        missing = [key for key in keys if key in self._known and key not in self._cache]
        if missing and not self._complete:
            self._cache.update(self._fetch(missing))

    def _all(self) -> None:
        if not self._complete:
            self._cache.update(self._fetch(None))
            self._complete = True

    def values(self):  # noqa: ANN201 - a values view
        self._all()
        return {key: self._cache[key] for key in self._keys}.values()

    def items(self):  # noqa: ANN201 - an items view
        self._all()
        return {key: self._cache[key] for key in self._keys}.items()


class StoredCorpus(ReviewCorpus):
    """A ``ReviewCorpus`` read from a store; nothing is analysed. The list opens from the "procedures" snapshot,
    the findings table from the "findings" one; a procedure and its findings are read when first asked for."""

    def __init__(self, source: CorpusSource) -> None:
        self.source = source
        listing = source.snapshot("procedures")
        versions = [str(v) for v in listing["version"]] if len(listing) else []

        def procedures(wanted: Collection[str] | None) -> dict[str, Procedure]:
            return {v: Procedure.from_dict(d) for v, d in source.procedures(wanted).items()}

        def findings(wanted: Collection[str] | None) -> dict[str, list[Finding]]:
            found = source.findings(wanted)
            return {v: [Finding.from_dict(d) for d in found.get(v, [])] for v in (versions if wanted is None else wanted)}

        run = source.latest_run()
        super().__init__(LazyMapping(versions, procedures), LazyMapping(versions, findings),  # type: ignore[arg-type]
                         list(run["notes"]) if run else [])
        self.run = run
        self._listing = listing
        self._position = {v: i for i, v in enumerate(versions)}
        self._packed: list[PackedEntry] = [PackedEntry(*values) for values in zip(
            *(listing[c].tolist() for c in PACKED))] if versions else []
        self._rows: dict[str, dict[str, Any]] | None = None
        self._titles: dict[str, str] | None = None
        self._table: pd.DataFrame | None = None
        self._findings_table: pd.DataFrame | None = None
        self._changes: dict[str, dict[str, str]] = {}
        self._defects: list[RecordDefect] | None = None

    def search_entry(self, version: str) -> Entry:
        return self._packed[self._position[version]].unpacked()

    def list_row(self, version: str) -> dict[str, Any]:
        if self._rows is None:
            columns = [c for c in self._listing.columns if c not in PACKED]
            self._rows = dict(zip(self._position, self._listing[columns].to_dict("records")))
        return dict(self._rows[version])

    def title(self, version: str) -> str:
        """Made for every version at once: a choice of 80,000 procedures names each of them."""
        if self._titles is None:
            columns = (self._listing[c].tolist() for c in ("version", "code", "name", "decision"))
            self._titles = {v: procedure_title(SimpleNamespace(code=code, name=name, decision=_none(decision)))
                            for v, code, name, decision in zip(*columns)}
        return self._titles[version]

    def table(self) -> pd.DataFrame:
        """Made once from the snapshot (a corpus run does not change while it is served)."""
        if self._table is None:
            frame = self._listing.drop(columns=list(PACKED), errors="ignore")
            if len(frame):
                frame = frame.assign(search_key=self._packed)
            self._table = table_frame(frame)
        return self._table

    def findings_table(self) -> pd.DataFrame:
        if self._findings_table is None:
            found = self.source.snapshot("findings")
            if not len(found):
                found = pd.DataFrame(columns=["version_key", *FINDING_OWN_COLUMNS])
            facts = self._listing[["version", *FACT_COLUMNS]] if len(self._listing) else pd.DataFrame(
                columns=["version", *FACT_COLUMNS])
            self._findings_table = findings_frame(found.rename(columns={"version_key": "version"}), facts)
        return self._findings_table

    def candidates(self, query: str) -> set[str] | None:
        return self.source.candidates(key_words(query), fold(query))

    def peer_rows(self) -> pd.DataFrame:
        """From the snapshot: the folded name is the packed search name (``search.name_key`` of the name)."""
        if not len(self._listing):
            return pd.DataFrame(columns=["version", "name_key"])
        return self._listing.drop(columns=list(PACKED)).assign(name_key=self._listing["search_name"])

    def changes(self, version: str) -> dict[str, str]:
        """What the served run recorded against the run before it (none for a first import), read per version."""
        if self.run is None or (self.run.get("counts") or {}).get("previous_run") is None:
            return {}
        if version not in self._changes:
            self._changes[version] = {c["finding_key"]: c["change"] for c in self.source.changes(self.run["id"], [version])
                                      if c["change"] != "removed"}
        return self._changes[version]
    def some(self, versions: Collection[str]) -> tuple[list[Procedure], list[Finding]]:
        """Two queries, for the versions asked only."""
        for mapping in (self.procedures, self.findings):
            mapping.many(versions)  # type: ignore[attr-defined]
        return super().some(versions)

    def with_findings(self) -> int:
        """Counted on the list (its findings column), without reading a finding."""
        return int((self._listing["n_findings"] > 0).sum()) if len(self._listing) else 0

    def kept_legal_review(self, fingerprint: str) -> LegalReview | None:
        data = self.source.blob(LEGAL_BLOB)
        if data is None:
            return None
        kept = json.loads(data.decode("utf-8"))
        return LegalReview.from_dict(kept["review"]) if kept.get("fingerprint") == fingerprint else None

    def citing(self, keys: Collection[str]) -> list[Procedure]:
        """From the "basis" snapshot (each version's cited text keys, kept at import): only the procedures citing
        one of ``keys`` are read. A run imported before the snapshot existed has none: every procedure is read."""
        basis = self.source.snapshot(BASIS_SNAPSHOT)
        if "version" not in basis.columns:
            return super().citing(keys)
        wanted = set(keys)
        versions = set(basis.loc[[key in wanted for key in basis["key"].tolist()], "version"].tolist())
        self.procedures.many(versions)  # type: ignore[attr-defined] - one query; their findings are not read
        return [self.procedures[v] for v in self.procedures if v in versions]

    def defects(self) -> list[RecordDefect]:
        """Read once (the export's report lists them on every run; 25,000 at 16x)."""
        if self._defects is None:
            self._defects = [RecordDefect.from_dict(d) for d in self.source.defects()]
        return list(self._defects)


def _none(value: Any) -> Any:
    """A missing text read back from a snapshot (NaN) is None again."""
    return None if isinstance(value, float) and math.isnan(value) else value
