"""Recall against the blind gold set: which findings cover which expert-raised opportunities."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.finding import Evidence, Finding, Suggestion
from analyzer.report.opportunities import covers, parse_blind_gold, recall_by_type, taxonomy

RECORD = ("1.000001", "portal_flat", 7)


def _finding(rule: str, field: str, index: int | None = None, case: int | None = None, text: str = "") -> Finding:
    return Finding(procedure=RECORD[0], kind="repeated_paperwork", rule=rule, severity="medium", message="m",
                   evidence=[Evidence(field=field, index=index, case=case, text=text)],
                   suggestion=Suggestion(action="remove_document"), confidence=0.9)


def _gold(*opportunities: dict) -> object:
    return parse_blind_gold({"half": "dev", "procedures": [
        {"code": RECORD[0], "source": RECORD[1], "line": RECORD[2], "opportunities": list(opportunities)}]})


@pytest.mark.parametrize(
    ("finding", "opportunity", "expected"),
    [
        # same item, type claimed by the rule
        (_finding("duplicate_document", "documents", 2, 0), {"type": "duplicate_paper", "field": "documents", "case": 0, "index": 2}, True),
        # same index but another case
        (_finding("duplicate_document", "documents", 2, 1), {"type": "duplicate_paper", "field": "documents", "case": 0, "index": 2}, False),
        # the rule does not claim the type
        (_finding("certified_copy", "documents", 2, 0), {"type": "duplicate_paper", "field": "documents", "case": 0, "index": 2}, False),
        # no item given: the field is enough
        (_finding("vague_time", "channels", 1), {"type": "vague_time", "field": "channels"}, True),
        # another item, but the quoted text is in the evidence (accents and case ignored)
        (_finding("state_held_document", "documents", 4, 0, "Bản sao Giấy khai sinh của trẻ"),
         {"type": "state_held", "field": "documents", "case": 0, "index": 3, "text": "giay khai sinh"}, True),
        (_finding("state_held_document", "documents", 4, 0, "Sổ hộ khẩu"),
         {"type": "state_held", "field": "documents", "case": 0, "index": 3, "text": "giấy khai sinh"}, False),
    ],
)
def test_covers(finding: Finding, opportunity: dict, expected: bool) -> None:
    gold = _gold(opportunity)
    assert covers(finding, gold.opportunities[0]) is expected


def test_each_evidence_item_covers_one_opportunity() -> None:
    """A finding listing two channels covers the two channel opportunities; one item never covers two."""
    two = _finding("vague_time", "channels", 0)
    two = two.model_copy(update={"evidence": [*two.evidence, *_finding("vague_time", "channels", 1).evidence]})
    by_item = _gold({"type": "vague_time", "field": "channels", "index": 0},
                    {"type": "vague_time", "field": "channels", "index": 1})
    by_field = _gold({"type": "vague_time", "field": "channels"}, {"type": "vague_time", "field": "channels"},
                     {"type": "vague_time", "field": "channels"})
    assert recall_by_type({RECORD: [two]}, by_item)["vague_time"].found == 2
    assert recall_by_type({RECORD: [two]}, by_field)["vague_time"].found == 2
    assert recall_by_type({RECORD: [_finding("vague_time", "channels", 0)]}, by_field)["vague_time"].found == 1


def test_recall_is_one_to_one_per_record_and_type() -> None:
    gold = _gold(
        {"type": "vague_time", "field": "channels", "index": 0},
        {"type": "vague_time", "field": "channels", "index": 1},
        {"type": "record_defect", "field": "channels"},  # claimed by the record defects list, not found here
    )
    findings = {RECORD: [_finding("vague_time", "channels", 0)]}
    recall = recall_by_type(findings, gold)
    assert (recall["vague_time"].found, recall["vague_time"].total) == (1, 2)
    assert (recall["record_defect"].found, recall["record_defect"].total) == (0, 1)
    assert (recall["claimed"].found, recall["claimed"].total) == (1, 3)
    assert (recall["all"].found, recall["all"].total) == (1, 3)


def test_an_unknown_type_is_an_error_naming_the_procedure() -> None:
    with pytest.raises(ValueError, match="1.000001.*'duplicate'"):
        _gold({"type": "duplicate", "field": "documents"})


def test_every_procedure_rule_names_a_type_of_the_taxonomy() -> None:
    from analyzer.detect import load_rules

    assert {rid: r.opportunity for rid, r in load_rules().rules.items() if r.opportunity not in taxonomy()} == {}


def test_an_unknown_opportunity_type_in_a_rule_is_an_error_naming_it() -> None:
    from analyzer.detect import RuleConfigError
    from analyzer.detect.rules import _build_rule, _packaged_rules

    entry = dict(_packaged_rules()["rules"]["vague_time"], opportunity="vague")
    with pytest.raises(RuleConfigError, match="rules.vague_time.opportunity.*'vague'"):
        _build_rule("vague_time", entry, lambda key: "rules.yaml")


@pytest.mark.parametrize(("index", "expected"), [(1, True), (0, False)])
def test_a_record_defect_covers_a_record_defect_opportunity_at_its_place(index: int, expected: bool) -> None:
    from analyzer.detect.record_defects import RecordDefect

    defect = RecordDefect(procedure=RECORD[0], version=RECORD[0], code="time_without_unit", field="channels",
                          evidence=[Evidence(field="channels", index=1, text="1")])
    gold = _gold({"type": "record_defect", "field": "channels", "index": index})
    assert covers(defect, gold.opportunities[0]) is expected
    assert not covers(defect, _gold({"type": "vague_time", "field": "channels", "index": 1}).opportunities[0])


BLIND = Path(__file__).resolve().parents[2] / "corpus" / "gold" / "blind"


@pytest.mark.parametrize("name", ["dev.yaml", "test.yaml", "test_round4.yaml", "test_round5.yaml", "test_round6.yaml",
                                  "test_round7.yaml", "test_round8.yaml", "test_round9.yaml", "test_round10.yaml", "test_round11.yaml"])
def test_the_blind_gold_files_parse_with_the_taxonomy_and_name_distinct_records(name: str) -> None:
    from analyzer.report.opportunities import load_blind_gold

    gold = load_blind_gold(BLIND / name)
    assert gold.half in ("dev", "test") and gold.opportunities
    assert len(set(gold.records)) == len(gold.records)
    assert all(o.text or o.field for o in gold.opportunities)
