"""Precision, recall and F1 of detector findings against gold labels (format: corpus/gold/README.md).

Matching rule (the same for every rule and kind):

* only procedures listed in the gold file count; findings on other procedures are ignored;
* a finding matches a gold finding when the procedure code is equal, the rule is equal (or, for the
  kind-level score, the kind), and they share at least one evidence place ``(field, case, index)``
  (``case`` only for documents);
* a gold finding is found when some finding shares a place with it (one finding per procedure and rule
  lists every channel concerned, where older gold files hold one finding per channel); a finding that
  shares a place with no gold finding is a false positive, a gold finding found by none a false negative;
* a gold file that names the rules it was written for (``rules:``) judges only their findings, and one that names
  the State databases it was written for (``databases:``) judges only State-held findings on those databases
  (issue 13 added databases beyond population and civil status, whose papers older files did not label);
* a gold finding marked ``superseded: <reason>`` was labelled under an earlier policy that a later, written one
  withdrew (the reason names it, e.g. "issue 12 §3: never for times of one working day or less"): it is neither
  found nor missed, and a finding on its places is not a false positive. ``superseded_report`` checks each one
  still meets its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

import yaml

from analyzer.detect.finding import Evidence, Finding
from analyzer.model import Procedure

Level = Literal["rule", "kind"]
Place = tuple[str, int | None, int | None]  # (field, case, index)


@dataclass(frozen=True)
class GoldFinding:
    procedure: str
    kind: str
    rule: str
    places: frozenset[Place]
    note: str | None = None
    superseded: str | None = None  # why a later policy no longer reports it (not scored)


@dataclass(frozen=True)
class Gold:
    corpus: str | None
    procedures: frozenset[str]  # every reviewed code, with or without findings
    findings: tuple[GoldFinding, ...]
    sources: Mapping[str, str] = field(default_factory=dict)  # source format -> records path (real gold files)
    source_of: Mapping[str, str] = field(default_factory=dict)  # code -> source format of the labelled record
    # The rules the labels were written for: a gold set says nothing of a rule added after it (None: every rule).
    rules: frozenset[str] | None = None
    databases: frozenset[str] | None = None  # state_data.yaml database ids the labels considered (None: all)


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


def place(evidence: Evidence | Mapping[str, Any]) -> Place:
    get = evidence.get if isinstance(evidence, Mapping) else lambda k: getattr(evidence, k)
    field = get("field")
    return (field, get("case") if field == "documents" else None, get("index"))


def parse_gold(data: Mapping[str, Any]) -> Gold:
    codes, findings, source_of = [], [], {}
    for entry in data.get("procedures") or []:
        code = str(entry["code"])
        codes.append(code)
        if entry.get("source"):
            source_of[code] = str(entry["source"])
        if entry.get("findings") is None:
            raise ValueError(f"gold: procedure {code} has no 'findings' list (write [] for a clean procedure)")
        for item in entry["findings"]:
            findings.append(GoldFinding(
                procedure=code, kind=item["kind"], rule=item["rule"],
                places=frozenset(place(e) for e in item.get("evidence") or []), note=item.get("note"),
                superseded=item.get("superseded"),
            ))
    rules, databases = data.get("rules"), data.get("databases")
    return Gold(corpus=data.get("corpus"), procedures=frozenset(codes), findings=tuple(findings),
                sources=dict(data.get("sources") or {}), source_of=source_of,
                rules=frozenset(rules) if rules is not None else None,
                databases=frozenset(databases) if databases is not None else None)


def load_gold(path: str | Path) -> Gold:
    return parse_gold(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def _label(item: Finding | GoldFinding, level: Level) -> str:
    return item.rule if level == "rule" else item.kind


def _places(finding: Finding) -> frozenset[Place]:
    return frozenset(place(e) for e in finding.evidence)


def _match(found: list[Finding], expected: list[GoldFinding]) -> tuple[int, int]:
    """(gold findings matched, findings that match none). A finding that covers several places matches every
    gold finding it shares a place with: one finding per procedure and rule lists every channel concerned,
    where older gold files hold one finding per channel. A finding of a rule that adds no gold finding the same
    rule's earlier findings did not already match is a repeat report and counts as a false positive."""
    matched: set[int] = set()
    by_rule: dict[str, set[int]] = {}
    unmatched = 0
    for f in found:
        places = _places(f)
        hits = {i for i, g in enumerate(expected) if places & g.places}
        seen = by_rule.setdefault(f.rule, set())
        if hits - seen:
            seen |= hits
            matched |= hits
        else:
            unmatched += 1
    return len(matched), unmatched


def _databases_of_entries() -> dict[str, str]:
    """State-held entry id -> its database id (state_data.yaml)."""
    from analyzer.resources import Resources

    return {e.id: e.database_id for e in Resources.default().state_data.documents}


def _judged(finding: Finding, gold: Gold, databases: Mapping[str, str]) -> bool:
    if finding.procedure not in gold.procedures or (gold.rules is not None and finding.rule not in gold.rules):
        return False
    if gold.databases is None or finding.rule != "state_held_document":
        return True
    entry = (finding.suggestion.params if finding.suggestion else {}).get("document")
    return databases.get(entry) in gold.databases


def evaluate(findings: Iterable[Finding], gold: Gold, level: Level = "kind") -> dict[str, Score]:
    """Per-kind (or per-rule) scores, plus "all"; labels with neither findings nor gold are omitted."""
    groups: dict[tuple[str, str], tuple[list[Finding], list[GoldFinding]]] = {}
    databases = _databases_of_entries() if gold.databases is not None else {}
    for finding in findings:
        if _judged(finding, gold, databases):
            groups.setdefault((finding.procedure, _label(finding, level)), ([], []))[0].append(finding)
    withdrawn: dict[tuple[str, str], set[Place]] = {}
    for item in gold.findings:
        if item.superseded:
            withdrawn.setdefault((item.procedure, _label(item, level)), set()).update(item.places)
        else:
            groups.setdefault((item.procedure, _label(item, level)), ([], []))[1].append(item)
    counts: dict[str, list[int]] = {}
    for key, (found, expected) in groups.items():
        label = key[1]
        if key in withdrawn:  # a finding on a withdrawn label's places is neither right nor wrong
            found = [f for f in found if not (_places(f) & withdrawn[key]) or any(_places(f) & g.places for g in expected)]
        matched, unmatched = _match(found, expected)
        for name in (label, "all"):
            tp, fp, fn = counts.setdefault(name, [0, 0, 0])
            counts[name] = [tp + matched, fp + unmatched, fn + len(expected) - matched]
    return {name: Score(*values) for name, values in sorted(counts.items(), key=lambda kv: (kv[0] == "all", kv[0]))}


def scores_table(scores: Mapping[str, Score]) -> str:
    """A plain-text table: label, TP, FP, FN, precision, recall, F1."""
    lines = [f"{'':28} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6} {'F1':>6}"]
    for name, s in scores.items():
        lines.append(f"{name:28} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}")
    return "\n".join(lines)


def resolve_corpus(reference: str, root: str | Path) -> Path:
    """The records file a gold file names: a path from the project root, or "shared/<path>" under ../shared."""
    root = Path(root)
    if reference.startswith("shared/"):
        return root.parent / "shared" / reference.removeprefix("shared/")
    return root / reference


def gold_procedures(gold: Gold, root: str | Path = ".") -> tuple[list[Procedure], list[Procedure]]:
    """(every procedure of the gold's corpus, the labelled ones). With ``sources`` (real gold files) each
    labelled code is taken from its own source; peers come from all sources together."""
    from analyzer.ingest import load_procedures

    if gold.sources:
        paths = [resolve_corpus(path, root) for path in gold.sources.values()]
    elif gold.corpus:
        paths = [resolve_corpus(gold.corpus, root)]
    else:
        raise ValueError("the gold file names no corpus")
    everything = [p for path in paths for p in load_procedures([str(path)])]
    labelled = [p for p in everything if p.code in gold.procedures
                and (p.code not in gold.source_of or (p.source and p.source.format == gold.source_of[p.code]))]
    return everything, labelled


def evaluate_file(
    gold_path: str | Path,
    root: str | Path = ".",
    config: str | Path | Mapping[str, Any] | None = None,
    level: Level = "kind",
) -> dict[str, Score]:
    """Load a gold file's corpus, analyse the labelled procedures (peers from the whole corpus) and score them."""
    from analyzer.detect import DetectionContext, PeerStats, analyze_one, load_rules

    gold = load_gold(gold_path)
    everything, labelled = gold_procedures(gold, root)
    context = DetectionContext(rules=load_rules(config), peers=PeerStats.from_procedures(everything))
    return evaluate([f for p in labelled for f in analyze_one(p, context)], gold, level)
