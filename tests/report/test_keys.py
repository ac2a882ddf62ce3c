"""Proposal keys: one typed key for findings, free edits and cost parameters, stored as the text earlier databases hold."""

from __future__ import annotations

import pytest

from analyzer.report.keys import ProposalKey, Target


@pytest.mark.parametrize(("text", "key"), [
    ("recheck_step|steps::2", ProposalKey(Target.FINDING, finding="recheck_step|steps::2")),
    ("duplicate_document|documents:0:1,documents:0:3", ProposalKey.for_finding("duplicate_document|documents:0:1,documents:0:3")),
    ("edit:0", ProposalKey(Target.EDIT, row=0)),
    ("edit:12", ProposalKey.edit(12)),
    ("cost_params", ProposalKey(Target.COST_PARAMS)),
])
def test_parse_and_format_round_trip(text: str, key: ProposalKey) -> None:
    assert ProposalKey.parse(text) == key
    assert key.format() == text == str(key)


def test_edit_rows_sort_by_number_not_by_text() -> None:
    keys = sorted(ProposalKey.parse(t) for t in ("edit:10", "edit:2", "edit:1"))
    assert [k.row for k in keys] == [1, 2, 10]  # as text, "edit:10" sorted before "edit:2"


def test_kinds_are_told_apart() -> None:
    assert ProposalKey.parse("edit:3").is_edit and not ProposalKey.parse("edit:3").is_cost_params
    assert ProposalKey.parse("cost_params").is_cost_params
    assert not ProposalKey.parse("peer_outlier|channels::0").is_edit
