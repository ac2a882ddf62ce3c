"""Cross-check of the ~708 procedures crawled both as portal-flat and as portal-docx (analyzer.ingest.crosscheck).

The slow test prints the agreement (a) over all shared codes, (b) over codes with the same decision, (c) over
comparable pairs, with every disagreement classified by cause, and writes the disagreements, one JSON object
a line, to $TTHC_CROSSCHECK_OUT (default: pytest's tmp_path). The issue's thresholds apply to (c).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analyzer.ingest.crosscheck import (
    CrossCheck,
    crosscheck,
    dossier_source_matches,
    occurs_as_cell,
    pair_channels,
    squash,
    working_days,
    write_disagreements,
)
from analyzer.ingest._flat_dossier import FLAT_HEADER
from analyzer.model import Case, Channel, DocumentRequirement, Procedure
from analyzer.parse.duration import parse_duration
from support import shared_path


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [
        ("Trực tiếp7 Ngày làm việcMiễn phí", "Trực tiếp7 Ngày làm việc", True),
        ("Trực tiếp2 Ngày làm việcMiễn phí", "Trực tiếp2 Ngày", False),  # cut from a longer cell
        ("Trực tiếp15 NgàyPhí", "Trực tiếp1", False),
        ("Trực tiếp1 Ngày150,000 Đồng", "Trực tiếp1 Ngày", True),
        ("Trực tuyến1Miễn phí", "Trực tuyến1", True),
    ],
)
def test_occurs_as_cell(haystack: str, needle: str, expected: bool) -> None:
    assert occurs_as_cell(squash(haystack), squash(needle)) is expected


def channel(text: str) -> Channel:
    return Channel(mode="truc_tiep", duration=parse_duration(text))


def test_channels_of_one_mode_pair_equal_values_first() -> None:
    docx = [channel("1 Ngày làm việc"), channel("2 Ngày làm việc"), channel("3 Ngày làm việc")]
    flat = [channel("2 Ngày làm việc"), channel("1 Ngày làm việc")]
    pairs = [(working_days(a), working_days(b)) for a, b in pair_channels(docx, flat)]
    assert pairs == [(1.0, 1.0), (2.0, 2.0), (3.0, None)]


def docx_dossier(*names: str, heading: str = "Bao gồm") -> dict[str, object]:
    return {"thanh_phan_ho_so": [{"truong_hop": heading, "giay_to": [{"Tên giấy tờ": name} for name in names]}]}


@pytest.mark.parametrize(
    ("flat_text", "matches"),
    [
        ("--" + FLAT_HEADER + "Tờ khai1 bản chínhBản sao hộ chiếu0 bản chính,1 bản sao", True),
        ("--" + FLAT_HEADER + "Tờ khaiMau01 (1).docx1 bản chínhBản sao hộ chiếu0 bản chính,1 bản sao", True),  # forms differ
        ("--" + FLAT_HEADER + "Tờ khai1 bản chính", False),  # a DOCX row is missing
        ("--" + FLAT_HEADER + "Tờ khai1 bản chínhBản sao hộ chiếu1 bản chínhGiấy khám sức khỏe1 bản chính", False),  # extra paper
        ("--" + FLAT_HEADER + "Tờ khai1 bản chínhBản sao hộ chiếu1 bản chínhTờ khai1 bản chính", False),  # listed twice
    ],
)
def test_dossier_source_comparison(flat_text: str, matches: bool) -> None:
    assert dossier_source_matches(docx_dossier("Tờ khai", "Bản sao hộ chiếu"), flat_text) is matches


def procedure(decision: str, days: str, documents: int) -> Procedure:
    papers = [DocumentRequirement(name=f"Giấy {i}") for i in range(documents)]
    return Procedure(code="1", name="x", decision=decision, channels=[channel(days)], cases=[Case(documents=papers)])


FLAT_RAW = {"cach_thuc_thuc_hien": "Trực tiếp5 Ngày làm việcMiễn phí", "thanh_phan_ho_so": "--" + FLAT_HEADER + "Giấy 01 bản chính"}


@pytest.mark.parametrize(
    ("flat_decision", "flat_days", "docx_days", "cause"),
    [
        ("1/QĐ-B", "5 Ngày làm việc", "5 Ngày làm việc", None),  # agree
        ("2/QĐ-B", "5 Ngày làm việc", "7 Ngày làm việc", "version"),
        ("1/QĐ-B", "5 Ngày làm việc", "7 Ngày làm việc", "source"),  # "7 Ngày làm việc" is not in the flat text
        ("1/QĐ-B", "7 Ngày làm việc", "5 Ngày làm việc", "reader"),  # same text, different reading
    ],
)
def test_disagreements_are_classified_by_cause(flat_decision: str, flat_days: str, docx_days: str, cause: str | None) -> None:
    check = CrossCheck()
    check.compare("1", procedure(flat_decision, flat_days, 1), procedure("1/QĐ-B", docx_days, 1), FLAT_RAW, docx_dossier("Giấy 0"))
    assert [d["cause"] for d in check.disagreements if d["part"] == "channels"] == ([cause] if cause else [])
    assert check.compared["channels", "all"] == 1
    assert check.compared["channels", "comparable"] == (1 if cause in (None, "reader") else 0)


@pytest.mark.slow
def test_portal_flat_and_portal_docx_agree(tmp_path: Path) -> None:
    check = crosscheck(shared_path("corpus-real", "portal-flat", "records.jsonl.gz"),
                       shared_path("corpus-real", "portal-docx", "records.jsonl.gz"))
    out = Path(os.environ.get("TTHC_CROSSCHECK_OUT") or tmp_path / "crosscheck.jsonl")
    write_disagreements(check, out)
    print(f"{check.report()}\nDisagreements written to {out}")
    assert check.codes["all"] >= 700
    # the comparable subsets must stay a substantial share, or the thresholds below would say little
    assert check.compared["channels", "comparable"] >= 0.4 * check.compared["channels", "all"], check.report()
    assert check.compared["documents", "comparable"] >= 0.4 * check.codes["all"], check.report()
    assert (check.rate("channels", "comparable") or 0) >= 0.95, check.report()
    assert (check.rate("documents", "comparable") or 0) >= 0.90, check.report()
