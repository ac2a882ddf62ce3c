"""Scoring findings against gold labels: the matching rule and its edge cases."""

from __future__ import annotations

import pytest

from analyzer.report.evaluate import evaluate, parse_gold
from analyzer.detect.finding import Evidence, Finding, Suggestion


def finding(code: str, rule: str, *places: tuple[str, int | None, int], kind: str = "repeated_paperwork") -> Finding:
    return Finding(procedure=code, kind=kind, rule=rule, severity="low", message="m", confidence=0.5,
                   suggestion=Suggestion(action="x"),
                   evidence=[Evidence(field=f, case=c, index=i) for f, c, i in places])  # type: ignore[arg-type]


GOLD = parse_gold({
    "corpus": "corpus/procedures.jsonl",
    "procedures": [
        {"code": "A", "findings": [
            {"kind": "repeated_paperwork", "rule": "duplicate_document",
             "evidence": [{"field": "documents", "case": 0, "index": 1}, {"field": "documents", "case": 0, "index": 3}]},
            {"kind": "repeated_paperwork", "rule": "certified_copy", "evidence": [{"field": "documents", "case": 1, "index": 0}]},
        ]},
        {"code": "B", "findings": []},
    ],
})


def test_a_finding_matches_when_rule_and_one_evidence_place_agree() -> None:
    scores = evaluate([finding("A", "duplicate_document", ("documents", 0, 3), ("documents", 0, 9))], GOLD, "rule")
    assert (scores["duplicate_document"].tp, scores["certified_copy"].fn) == (1, 1)


@pytest.mark.parametrize(
    "wrong",
    [
        finding("A", "duplicate_document", ("documents", 1, 1)),  # same index, other case
        finding("A", "state_held_document", ("documents", 0, 1)),  # other rule
        finding("B", "duplicate_document", ("documents", 0, 1)),  # a reviewed clean procedure
    ],
)
def test_non_matching_findings_are_false_positives(wrong: Finding) -> None:
    assert evaluate([wrong], GOLD, "rule")["all"].fp == 1


def test_findings_on_unreviewed_procedures_are_ignored() -> None:
    assert evaluate([finding("Z", "duplicate_document", ("documents", 0, 1))], GOLD)["all"].fp == 0


def test_matching_is_one_to_one() -> None:
    twice = [finding("A", "duplicate_document", ("documents", 0, 1)), finding("A", "duplicate_document", ("documents", 0, 3))]
    score = evaluate(twice, GOLD, "rule")["duplicate_document"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_kind_level_ignores_the_rule() -> None:
    other_rule = finding("A", "state_held_document", ("documents", 1, 0))
    score = evaluate([other_rule], GOLD, "kind")["repeated_paperwork"]
    assert (score.tp, score.fp, score.fn, round(score.precision, 2), round(score.recall, 2)) == (1, 0, 1, 1.0, 0.5)


def test_a_reviewed_procedure_needs_an_explicit_findings_list() -> None:
    with pytest.raises(ValueError, match="C"):
        parse_gold({"procedures": [{"code": "C"}]})
