"""Recall of the analyzer against the blind gold set: every opportunity an expert raised, by type.

The blind gold set (``corpus/gold/blind/{dev,test}.yaml``, format in ``corpus/gold/blind/FORMAT.md``) lists what a
Sở Tư pháp reviewer would raise on random real records, whether or not a rule exists for it. A finding *covers* an
opportunity when it is on the same procedure record, its rule claims the opportunity's type
(``opportunity`` in ``analyzer/data/rules.yaml``), and it points at the same place: the same item (field, case, index), or,
where the expert gave no item, the same field, or evidence text that contains the quoted text (or is contained in
it). Each evidence item of a finding covers at most one opportunity: a finding that lists every paper or channel
concerned (one finding per procedure and rule) covers one opportunity per item it lists, and one item never covers
two (until round 6 a whole finding covered one opportunity). Only recall is measured here: the precision of what is reported
is measured by the blind audit of random findings (``corpus/gold/blind/audit_*.md``).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from analyzer.detect.finding import Evidence, Finding
from analyzer.detect.record_defects import RecordDefect, record_defects
from analyzer.text.keys import fold

SOURCE_FILES = {"portal_flat": "portal-flat/records.jsonl.gz", "portal_docx": "portal-docx/records.jsonl.gz"}


@dataclass(frozen=True)
class OpportunityType:
    id: str
    group: str
    label: str  # Vietnamese


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, OpportunityType]:
    data = yaml.safe_load(resources.files("analyzer.data").joinpath("opportunities.yaml").read_text(encoding="utf-8"))
    return {tid: OpportunityType(tid, t["group"], t["label"]) for tid, t in data["types"].items()}


@lru_cache(maxsize=1)
def _rule_types() -> dict[str, str]:
    from analyzer.detect import load_rules

    return {rid: r.opportunity for rid, r in load_rules().rules.items() if r.opportunity}


def types_of_rule(rule: str) -> set[str]:
    """The opportunity type a rule claims to find (rules.yaml ``opportunity``), as a set (empty: none)."""
    found = _rule_types().get(rule)
    return {found} if found else set()


RECORD_DEFECT = "record_defect"  # found by analyzer.detect.record_defects, a list apart from the findings


def claimed_types() -> set[str]:
    """The types the analyzer claims to find: each rule's, and record defects (their own output)."""
    return set(_rule_types().values()) | {RECORD_DEFECT}


@dataclass(frozen=True)
class Opportunity:
    code: str
    source: str  # portal_flat | portal_docx
    line: int  # 1-based line of the record in its source file
    type: str
    field: str | None
    case: int | None
    index: int | None
    text: str
    note: str = ""


@dataclass(frozen=True)
class BlindGold:
    half: str
    records: tuple[tuple[str, str, int], ...]  # (code, source, line) of every labelled record
    opportunities: tuple[Opportunity, ...]


def parse_blind_gold(data: Mapping[str, Any], origin: str = "gold") -> BlindGold:
    records, items = [], []
    known = taxonomy()
    for entry in data.get("procedures") or []:
        code, source, line = str(entry["code"]), str(entry["source"]), int(entry["line"])
        records.append((code, source, line))
        if entry.get("opportunities") is None:
            raise ValueError(f"{origin}: procedure {code}: no 'opportunities' list (write [] when there is none)")
        for item in entry["opportunities"]:
            if item.get("type") not in known:
                raise ValueError(f"{origin}: procedure {code}: unknown opportunity type {item.get('type')!r}")
            items.append(Opportunity(
                code=code, source=source, line=line, type=item["type"], field=item.get("field"),
                case=item.get("case"), index=item.get("index"), text=str(item.get("text") or ""),
                note=str(item.get("note") or ""),
            ))
    return BlindGold(half=str(data.get("half") or origin), records=tuple(records), opportunities=tuple(items))


def load_blind_gold(path: str | Path) -> BlindGold:
    path = Path(path)
    return parse_blind_gold(yaml.safe_load(path.read_text(encoding="utf-8")), origin=str(path))


def _same_text(a: str, b: str) -> bool:
    a, b = fold(a).strip(" .;:,"), fold(b).strip(" .;:,")
    return bool(a and b) and (a in b or b in a)


def _types(finding: Finding | RecordDefect) -> set[str]:
    return {RECORD_DEFECT} if isinstance(finding, RecordDefect) else types_of_rule(finding.rule)


def _evidence_covers(evidence: Evidence, opportunity: Opportunity) -> bool:
    """Whether one evidence item points at the opportunity's place (its item, its field, or its quoted text)."""
    if opportunity.field is not None and evidence.field != opportunity.field:
        return False
    if opportunity.index is not None:
        same_case = opportunity.field != "documents" or evidence.case == opportunity.case
        if evidence.index == opportunity.index and same_case:
            return True
    elif opportunity.field is not None:
        return True
    return bool(opportunity.text) and _same_text(evidence.text, opportunity.text)


def covers(finding: Finding | RecordDefect, opportunity: Opportunity) -> bool:
    """Whether one finding or record defect (already on the opportunity's record) points at the opportunity."""
    return opportunity.type in _types(finding) and any(_evidence_covers(e, opportunity) for e in finding.evidence)


def match_opportunities(findings: list[Finding | RecordDefect], opportunities: Iterable[Opportunity]) -> list[int | None]:
    """For each opportunity of one record, in order, the index of the finding that covers it (or None). Each
    (finding, evidence item) pair is used once."""
    used: set[tuple[int, int]] = set()
    hits: list[int | None] = []
    for opportunity in opportunities:
        pair = next(((i, j) for i, f in enumerate(findings) if opportunity.type in _types(f)
                     for j, e in enumerate(f.evidence) if (i, j) not in used and _evidence_covers(e, opportunity)), None)
        if pair is not None:
            used.add(pair)
        hits.append(None if pair is None else pair[0])
    return hits


@dataclass(frozen=True)
class Recall:
    found: int
    total: int

    @property
    def value(self) -> float | None:
        return self.found / self.total if self.total else None


def recall_by_type(findings_by_record: Mapping[tuple[str, str, int], Iterable[Finding | RecordDefect]], gold: BlindGold) -> dict[str, Recall]:
    """Recall per opportunity type, plus "claimed" (types some rule claims) and "all"."""
    counts: dict[str, list[int]] = {}
    claimed = claimed_types()
    for record in gold.records:
        findings = list(findings_by_record.get(record, ()))
        opportunities = [o for o in gold.opportunities if (o.code, o.source, o.line) == record]
        for opportunity, hit in zip(opportunities, match_opportunities(findings, opportunities)):
            groups = [opportunity.type, "all"] + (["claimed"] if opportunity.type in claimed else [])
            for name in groups:
                found, total = counts.setdefault(name, [0, 0])
                counts[name] = [found + (hit is not None), total + 1]
    order = list(taxonomy()) + ["claimed", "all"]
    return {name: Recall(*counts[name]) for name in order if name in counts}


def read_record(shared: Path, source: str, line: int) -> dict[str, Any]:
    """The raw record at a 1-based line of a real source file (for reading the gold set's records)."""
    with gzip.open(shared / "corpus-real" / SOURCE_FILES[source], "rt", encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if number == line:
                return json.loads(text)
    raise ValueError(f"{source}: no line {line}")


def recall_table(results: Mapping[str, Mapping[str, Recall]]) -> str:
    """Plain text: one row per type, one column per half (found/total and recall)."""
    halves = list(results)
    order = [*taxonomy(), "claimed", "all"]
    names = sorted({name for half in halves for name in results[half]}, key=lambda n: order.index(n) if n in order else len(order))
    lines = [f"{'':22}" + "".join(f"{half:>18}" for half in halves)]
    for name in names:
        cells = []
        for half in halves:
            r = results[half].get(name)
            cells.append(f"{r.found:>4}/{r.total:<4} {r.value:5.2f}  " if r and r.total else f"{'—':>18}")
        lines.append(f"{name:22}" + "".join(f"{c:>18}" for c in cells))
    return "\n".join(lines)


def evaluate_blind(
    gold_paths: list[str | Path],
    shared: str | Path,
    config: str | Path | Mapping[str, Any] | None = None,
) -> dict[str, dict[str, Recall]]:
    """Recall per type for each gold half. Every record of both sources is read, for peer statistics."""
    from analyzer.detect import DetectionContext, PeerStats, analyze_one, load_rules
    from analyzer.ingest import load_procedures

    shared = Path(shared)
    golds = [load_blind_gold(path) for path in gold_paths]
    everything = list(load_procedures([str(shared / "corpus-real" / f) for f in SOURCE_FILES.values()]))
    context = DetectionContext(rules=load_rules(config), peers=PeerStats.from_procedures(everything))
    wanted = {(source, line) for gold in golds for _, source, line in gold.records}
    findings: dict[tuple[str, str, int], list[Finding | RecordDefect]] = {}
    for procedure in everything:
        source = procedure.source
        line = int(source.record.removeprefix("line ")) if source and source.record else -1
        if source and (source.format, line) in wanted:
            findings[(procedure.code, source.format, line)] = [*analyze_one(procedure, context), *record_defects(procedure, context.resources)]
    missing = [r for gold in golds for r in gold.records if r not in findings]
    if missing:
        raise ValueError(f"gold records not found in the sources (code, source, line): {missing[:5]}")
    halves = [gold.half for gold in golds]
    # two files may hold halves of the same name (the test halves of two rounds): the file tells them apart
    names = [half if halves.count(half) == 1 else f"{half} ({Path(path).stem})" for half, path in zip(halves, gold_paths)]
    return {name: recall_by_type(findings, gold) for name, gold in zip(names, golds)}
