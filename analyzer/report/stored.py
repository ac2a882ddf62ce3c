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

import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Generic, Protocol, TypeVar

import pandas as pd

from analyzer.detect import Finding
from analyzer.detect.record_defects import RecordDefect
from analyzer.model import Procedure
from analyzer.report.labels import day, labels, number, procedure_title
from analyzer.report.review import ReviewCorpus, finding_columns, findings_frame, procedure_facts, table_frame
from analyzer.report.search import Entry, key_words
from analyzer.text import fold

V = TypeVar("V")


class CorpusSource(Protocol):
    """What ``StoredCorpus`` reads (``analyzer.store.corpus.CorpusStore`` has these methods)."""

    def procedure_rows(self) -> list[dict[str, Any]]: ...
    def procedures(self, versions: Collection[str] | None = None) -> dict[str, dict[str, Any]]: ...
    def findings(self, versions: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]: ...
    def finding_rows(self) -> list[dict[str, Any]]: ...
    def defects(self) -> list[dict[str, Any]]: ...
    def candidates(self, words: Sequence[str], code_key: str) -> set[str]: ...
    def latest_run(self) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class CorpusRows:
    procedures: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    defects: list[dict[str, Any]]


def _plain(value: Any) -> Any:
    """JSON has no NaN (PostgreSQL refuses it): a missing number is null."""
    return None if isinstance(value, float) and math.isnan(value) else value


def entry_parts(entry: Entry) -> dict[str, Any]:
    return {"code": entry.code, "name": list(entry.name), "others": [list(o) for o in entry.others],
            "agencies": sorted(entry.agencies)}


def entry_of(parts: Mapping[str, Any]) -> Entry:
    return Entry(parts["code"], tuple(parts["name"]), tuple(tuple(o) for o in parts["others"]),
                 frozenset(parts["agencies"]))


def corpus_rows(corpus: ReviewCorpus, defects: Sequence[RecordDefect] | None = None) -> CorpusRows:
    """The rows ``CorpusStore.import_run`` keeps for ``corpus`` (its defects computed unless given)."""
    procedures, findings = [], []
    for version, procedure in corpus.procedures.items():
        entry = corpus.search_entry(version)
        procedures.append({
            "version_key": version, "code": procedure.code, "name": procedure.name, "field": procedure.field,
            "level": procedure.level, "agency": procedure.agency, "decision": procedure.decision,
            "code_key": entry.code, "search_text": " ".join([*entry.name, *(w for o in entry.others for w in o)]),
            "entry": entry_parts(entry), "row": {k: _plain(v) for k, v in corpus.list_row(version).items()},
            "data": procedure.to_dict(),
        })
        for finding in corpus.findings.get(version, []):
            findings.append({"version_key": version, "finding_key": finding.key, **finding_columns(finding),
                             "data": finding.to_dict()})
    found = corpus.defects() if defects is None else defects
    return CorpusRows(procedures, findings, [{"version_key": d.version, "data": d.to_dict()} for d in found])


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
    """A ``ReviewCorpus`` read from a store; nothing is analysed."""

    def __init__(self, source: CorpusSource) -> None:
        self.source = source
        rows = source.procedure_rows()
        self._rows = {r["version_key"]: r["row"] for r in rows}
        self._entry_parts = {r["version_key"]: r["entry"] for r in rows}
        versions = list(self._rows)

        def procedures(wanted: Collection[str] | None) -> dict[str, Procedure]:
            return {v: Procedure.from_dict(d) for v, d in source.procedures(wanted).items()}

        def findings(wanted: Collection[str] | None) -> dict[str, list[Finding]]:
            found = source.findings(wanted)
            return {v: [Finding.from_dict(d) for d in found.get(v, [])] for v in (versions if wanted is None else wanted)}

        run = source.latest_run()
        super().__init__(LazyMapping(versions, procedures), LazyMapping(versions, findings),  # type: ignore[arg-type]
                         list(run["notes"]) if run else [])
        self.run = run
        self._table: pd.DataFrame | None = None
        self._findings_table: pd.DataFrame | None = None

    def search_entry(self, version: str) -> Entry:
        if version not in self._entries:
            self._entries[version] = entry_of(self._entry_parts[version])
        return self._entries[version]

    def list_row(self, version: str) -> dict[str, Any]:
        return dict(self._rows[version])

    def title(self, version: str) -> str:
        row = self._rows[version]
        return procedure_title(SimpleNamespace(code=row["code"], name=row["name"], decision=row["decision"]))

    def table(self) -> pd.DataFrame:
        """Made once from the stored rows (a corpus run does not change while it is served)."""
        if self._table is None:
            self._table = table_frame([{**row, "search_key": self.search_entry(v)} for v, row in self._rows.items()])
        return self._table

    def findings_table(self) -> pd.DataFrame:
        if self._findings_table is None:
            rows = ({**row, "version": row["version_key"]} for row in self.source.finding_rows())
            self._findings_table = findings_frame(rows, {v: procedure_facts(row) for v, row in self._rows.items()})
        return self._findings_table

    def candidates(self, query: str) -> set[str] | None:
        return self.source.candidates(key_words(query), fold(query))

    def defects(self) -> list[RecordDefect]:
        return [RecordDefect.from_dict(d) for d in self.source.defects()]
