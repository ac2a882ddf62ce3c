"""Withdrawn gold labels: each mark is derived from its policy's predicate on the record, never by hand."""

from __future__ import annotations

import importlib.util

import pytest

from analyzer.report.evaluate import parse_gold, evaluate
from analyzer.report.superseded import POLICIES
from analyzer.detect.finding import Evidence, Finding, Suggestion
from support import ROOT, shared_path


def _supersede_module():
    spec = importlib.util.spec_from_file_location("supersede", ROOT / "corpus" / "gold" / "supersede.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("name", ["sample.yaml", "real.yaml"])
def test_the_marks_in_each_gold_file_are_exactly_what_the_policies_derive(name: str) -> None:
    if name == "real.yaml":
        shared_path("corpus-real")
    path = ROOT / "corpus" / "gold" / name
    text, counts = _supersede_module().marked(path)
    assert text == path.read_text(encoding="utf-8"), f"run: python corpus/gold/supersede.py corpus/gold/{name}"
    assert set(counts) <= set(POLICIES)


def test_a_withdrawn_label_is_neither_found_nor_missed_and_its_finding_is_no_false_positive() -> None:
    gold = parse_gold({"procedures": [{"code": "A", "findings": [
        {"kind": "long_processing_time", "rule": "vague_time", "superseded": "time_stated_elsewhere",
         "evidence": [{"field": "channels", "index": 0}]},
        {"kind": "long_processing_time", "rule": "peer_outlier", "evidence": [{"field": "channels", "index": 1}]},
    ]}]})
    finding = Finding(procedure="A", kind="long_processing_time", rule="vague_time", severity="low", message="m",
                      confidence=0.5, suggestion=Suggestion(action="x"), evidence=[Evidence(field="channels", index=0)])
    score = evaluate([finding], gold, "kind")["long_processing_time"]
    assert (score.tp, score.fp, score.fn) == (0, 0, 1)
