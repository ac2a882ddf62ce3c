"""Gold labels for real procedures (corpus/gold/real.yaml and the held-out corpus/gold/real_heldout.yaml): well
formed, disjoint, and every evidence still points at the parsed item it quotes, so a reader change that shifts
positions is caught."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from analyzer.ingest import read_all
from analyzer.model import Procedure
from support import ROOT, shared_path

GOLD_DIR = ROOT / "corpus" / "gold"
RULES: dict[str, Any] = yaml.safe_load((files("analyzer.data") / "rules.yaml").read_text(encoding="utf-8"))["rules"]
MAX_QUOTE = 80  # the record text stays in ../shared: only short quotes may pin a position
ALL_SELECTIONS = frozenset({"random", "targeted", "rare_rule"})


@dataclass(frozen=True)
class GoldSpec:
    """What each gold file must hold (real_notes.md: selection of real.yaml and of the held-out set)."""

    file: str
    min_procedures: int
    min_per_source: dict[str, int]
    min_flawed: int
    min_clean: int
    selections: frozenset[str]


SPECS: tuple[GoldSpec, ...] = (
    GoldSpec("real.yaml", 80, {"portal_flat": 40, "portal_docx": 20, "bqp": 8, "csdl_2021": 8}, 40, 10, ALL_SELECTIONS),
    # the held-out set is random only, so that its figures estimate precision/recall on unseen data
    GoldSpec(
        "real_heldout.yaml",
        40,
        {"portal_flat": 16, "portal_docx": 12, "bqp": 6, "csdl_2021": 6},
        20,
        5,
        frozenset({"random"}),
    ),
)
GOLDS: dict[str, dict[str, Any]] = {
    spec.file: yaml.safe_load((GOLD_DIR / spec.file).read_text(encoding="utf-8")) for spec in SPECS
}

# What each rule may cite (README "Labelling conventions"): fields allowed, and the minimum count per field.
EVIDENCE_SHAPE: dict[str, dict[str, int]] = {
    "duplicate_step": {"steps": 2},
    "recheck_step": {"steps": 1},
    "handover_chain": {"steps": 2},
    "local_certification": {"steps": 1},
    "duplicate_document": {"documents": 2},
    "document_in_step_and_dossier": {"steps": 1, "documents": 1},
    "state_held_document": {"documents": 1},
    "self_issued_document": {"documents": 1},
    "certified_copy": {"documents": 1},
    "supplement_cap": {"steps": 1},
    "peer_outlier": {"channels": 1},
    "online_not_faster": {"channels": 2},
    "step_sum_mismatch": {"steps": 2, "channels": 1},
    "vague_time": {"channels": 1},
}

Labelled = tuple[str, dict[str, Any], dict[str, Any]]  # (gold file, procedure entry, finding)


def _entries(file: str) -> list[dict[str, Any]]:
    return GOLDS[file]["procedures"]


def _findings(file: str | None = None) -> list[Labelled]:
    chosen = [file] if file else list(GOLDS)
    return [(name, entry, finding) for name in chosen for entry in _entries(name) for finding in entry["findings"]]


def _finding_id(item: Labelled) -> str:
    file, entry, finding = item
    return f"{Path(file).stem}:{entry['source']}:{entry['code']}:{finding['rule']}"


def _squash(text: str) -> str:
    """NFC with runs of whitespace collapsed: a reader that reflows lines must not break a quote."""
    return " ".join(unicodedata.normalize("NFC", text).split())


by_file = pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.file)


# ---------------------------------------------------------------- the files themselves


@by_file
def test_gold_file_names_its_sources_under_shared(spec: GoldSpec) -> None:
    gold = GOLDS[spec.file]
    assert gold["version"] == 1
    assert set(gold["sources"]) == {entry["source"] for entry in _entries(spec.file)}
    assert all(path.startswith("shared/corpus-real/") for path in gold["sources"].values())


@by_file
def test_enough_procedures_from_every_source(spec: GoldSpec) -> None:
    entries = _entries(spec.file)
    per_source = Counter(entry["source"] for entry in entries)
    assert len(entries) >= spec.min_procedures
    for source, minimum in spec.min_per_source.items():
        assert per_source[source] >= minimum, source


@by_file
def test_selection_is_one_of_the_documented_ones(spec: GoldSpec) -> None:
    assert {entry["selected"] for entry in _entries(spec.file)} <= spec.selections


@by_file
def test_codes_are_unique_and_findings_explicit(spec: GoldSpec) -> None:
    entries = _entries(spec.file)
    codes = [entry["code"] for entry in entries]
    assert len(codes) == len(set(codes))  # one procedure per code, whatever the source (README: code unique)
    assert all(isinstance(entry["findings"], list) for entry in entries)  # clean = explicit []
    flawed = [entry for entry in entries if entry["findings"]]
    assert len(flawed) >= spec.min_flawed and len(entries) - len(flawed) >= spec.min_clean


def test_no_code_is_in_both_files() -> None:
    """The held-out set measures the detectors on procedures they were not tuned on."""
    tuned, held_out = ({entry["code"] for entry in _entries(spec.file)} for spec in SPECS)
    assert tuned & held_out == set()


@by_file
def test_every_kind_is_labelled(spec: GoldSpec) -> None:
    kinds = Counter(finding["kind"] for _, _, finding in _findings(spec.file))
    assert set(kinds) == {"redundant_step", "repeated_paperwork", "long_processing_time"}


@pytest.mark.parametrize("item", _findings(), ids=_finding_id)
def test_finding_is_well_formed(item: Labelled) -> None:
    _, _, finding = item
    assert finding["kind"] == RULES[finding["rule"]]["kind"]
    assert finding.get("note", "").strip(), "every gold finding explains its judgement"
    shape = EVIDENCE_SHAPE[finding["rule"]]
    cited = Counter(evidence["field"] for evidence in finding["evidence"])
    assert set(cited) <= set(shape)
    for field, minimum in shape.items():
        assert cited[field] >= minimum, field
    for evidence in finding["evidence"]:
        assert ("case" in evidence) == (evidence["field"] == "documents")
        # channels often share one time text, so channel evidence also names its mode (real_notes.md)
        assert ("mode" in evidence) == (evidence["field"] == "channels")
        assert isinstance(evidence["index"], int) and evidence["index"] >= 0
        quote = evidence["text"]
        assert 0 < len(quote) <= MAX_QUOTE
        assert unicodedata.is_normalized("NFC", quote)


def test_duplicate_documents_stay_within_one_case() -> None:
    for file, entry, finding in _findings():
        if finding["rule"] == "duplicate_document":
            assert len({evidence["case"] for evidence in finding["evidence"]}) == 1, (file, entry["code"])


def test_peer_outlier_notes_give_the_peer_median() -> None:
    for file, entry, finding in _findings():
        if finding["rule"] == "peer_outlier":
            assert "median" in finding["note"], (file, entry["code"])


def test_online_not_faster_cites_online_then_in_person() -> None:
    for file, entry, finding in _findings():
        if finding["rule"] == "online_not_faster":
            modes = [evidence["mode"] for evidence in finding["evidence"]]
            assert modes == ["truc_tuyen", "truc_tiep"], (file, entry["code"])


# ---------------------------------------------------------------- against the parsed real corpus


@pytest.fixture(scope="module")
def parsed_all() -> dict[tuple[str, str], list[Procedure]]:
    """Every real record of the gold files' sources, read once with the project's readers, by (format, code)."""
    relatives = sorted({relative for gold in GOLDS.values() for relative in gold["sources"].values()})
    records: dict[tuple[str, str], list[Procedure]] = {}
    for relative in relatives:
        path = shared_path(*Path(relative).parts[1:])  # "shared/..." is ../shared/...
        procedures, _ = read_all(path)
        for procedure in procedures:
            assert procedure.source is not None
            records.setdefault((procedure.source.format, procedure.code), []).append(procedure)
    return records


@pytest.fixture(scope="module")
def parsed(parsed_all: dict[tuple[str, str], list[Procedure]]) -> dict[tuple[str, str], Procedure]:
    return {key: found[0] for key, found in parsed_all.items()}


def _referenced_text(procedure: Procedure, evidence: dict[str, Any]) -> str:
    """The text an evidence points at; IndexError when the position is not in the record."""
    index = evidence["index"]
    if evidence["field"] == "steps":
        return procedure.steps[index].text
    if evidence["field"] == "channels":
        # a channel is quoted by its time, or by its description when the time column is empty
        channel = procedure.channels[index]
        return " ".join(filter(None, [channel.duration.text if channel.duration else None, channel.description]))
    return procedure.cases[evidence["case"]].documents[index].name


@pytest.mark.slow
@by_file
def test_every_gold_procedure_resolves_to_one_record(
    parsed_all: dict[tuple[str, str], list[Procedure]], spec: GoldSpec
) -> None:
    keys = [(entry["source"], entry["code"]) for entry in _entries(spec.file)]
    assert [key for key in keys if key not in parsed_all] == []
    # csdl-2021 codes are derived from title and agency: a code shared by two records would be ambiguous
    assert [key for key in keys if len(parsed_all[key]) > 1] == []


@pytest.mark.slow
@pytest.mark.parametrize("item", _findings(), ids=_finding_id)
def test_evidence_points_at_the_quoted_item(parsed: dict[tuple[str, str], Procedure], item: Labelled) -> None:
    _, entry, finding = item
    procedure = parsed[(entry["source"], entry["code"])]
    for evidence in finding["evidence"]:
        quoted = _referenced_text(procedure, evidence)
        assert _squash(evidence["text"]) in _squash(quoted), evidence
        if evidence["field"] == "channels":
            assert procedure.channels[evidence["index"]].mode == evidence["mode"], evidence
