"""The findings list's filters: rule, kind, severity, levels, who can act and agency (spellings merged)."""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.report.review import agency_names, filter_findings

ROWS = [
    # rule, kind, severity, levels, actionable_by, agency
    ("vague_time", "time", "high", "tinh", "province", "Sở Tư pháp"),
    ("vague_time", "time", "low", "tinh, xa", "central", "SỞ TƯ PHÁP"),
    ("no_online", "channel", "medium", "xa", "province", "Ủy ban nhân dân cấp xã, Bộ Tư pháp"),
    ("original_plus_copy", "documents", "high", "bo", None, "Bộ Tư pháp"),
    ("no_online", "channel", "high", "bo, tinh", "central", "Sở  Tư pháp."),
]


def table() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["rule", "kind", "severity", "levels", "actionable_by", "agency"])
    return frame.assign(code=[f"1.00{i}" for i in range(len(ROWS))], field=["Hộ tịch", "Hộ tịch", "Đất đai", "Hộ tịch", None],
                        decision=["1/QĐ", "2/QĐ", "1/QĐ", None, "1/QĐ"])


@pytest.mark.parametrize(("choices", "codes"), [
    ({}, ["1.000", "1.001", "1.002", "1.003", "1.004"]),
    ({"rule": ["no_online"]}, ["1.002", "1.004"]),
    ({"kind": ["time", "documents"]}, ["1.000", "1.001", "1.003"]),
    ({"severity": ["high"], "kind": ["channel"]}, ["1.004"]),
    ({"levels": ["xa"]}, ["1.001", "1.002"]),
    ({"levels": ["bo", "xa"]}, ["1.001", "1.002", "1.003", "1.004"]),
    ({"actionable_by": ["central"]}, ["1.001", "1.004"]),
    ({"agency": ["so tu phap"]}, ["1.000", "1.001", "1.004"]),  # three spellings of one agency
    ({"agency": ["bo tu phap"]}, ["1.002", "1.003"]),  # one of the two agencies a row names
    ({"agency": ["so tu phap"], "rule": ["vague_time"], "severity": ["low"]}, ["1.001"]),
    ({"field": ["Hộ tịch"], "decision": ["1/QĐ", "2/QĐ"]}, ["1.000", "1.001"]),
    ({"rule": []}, ["1.000", "1.001", "1.002", "1.003", "1.004"]),  # nothing chosen: everything
])
def test_each_filter_keeps_the_rows_chosen(choices: dict, codes: list[str]) -> None:
    assert list(filter_findings(table(), choices=choices)["code"]) == codes


def test_the_level_and_actor_arguments_still_filter_and_are_checked() -> None:
    assert list(filter_findings(table(), level="tinh", actionable_by="central")["code"]) == ["1.001", "1.004"]
    with pytest.raises(ValueError):
        filter_findings(table(), level="huyen")


def test_agencies_are_listed_once_under_their_most_frequent_spelling() -> None:
    names = agency_names(list(table()["agency"]) + ["Sở Tư pháp"])
    assert names == {"bo tu phap": "Bộ Tư pháp", "so tu phap": "Sở Tư pháp", "uy ban nhan dan cap xa": "Ủy ban nhân dân cấp xã"}
