"""A procedure record against its own legal basis: the record allows more time than the provision."""

from __future__ import annotations

import pytest

from analyzer.detect.legal_basis import compare_with_basis
from analyzer.model import Channel, Duration, LegalRef, Procedure
from analyzer.parse.legal import parse_legal_text

DECREE = """\
NGHỊ ĐỊNH
Điều 7. Thời hạn cấp giấy phép kinh doanh dịch vụ bảo vệ
1. Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan Công an cấp giấy phép kinh doanh dịch vụ bảo vệ.
2. Trường hợp không cấp giấy phép thì trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ, cơ quan Công an trả lời bằng văn bản.
"""


def record(days: float, number: str = "99/2020/NĐ-CP") -> Procedure:
    duration = Duration(text=f"{days:g} ngày làm việc", value=days, unit="working_day", working_days=days)
    return Procedure(code="1.000001", name="Cấp giấy phép kinh doanh dịch vụ bảo vệ", decision="10/QĐ-BCA",
                     channels=[Channel(mode="truc_tiep", duration=duration)],
                     legal_basis=[LegalRef(number=number, kind="Nghị định")])


@pytest.fixture(scope="module")
def decree():
    document = parse_legal_text(DECREE, source="nd.txt")
    document.number = "99/2020/NĐ-CP"
    return document


def test_a_record_allowing_more_time_than_its_basis_is_a_difference(decree) -> None:
    (comparison,) = compare_with_basis([record(7)], [decree])
    assert comparison.cited_in_corpus == ("99/2020/NĐ-CP",)
    assert comparison.provisions == ("Nghị định 99/2020/NĐ-CP Điều 7 khoản 1",)  # not the refusal clause
    (difference,) = comparison.differences
    row = difference.row()
    assert (row["field"], row["record_value"], row["basis_value"]) == ("time_limit", "7 ngày làm việc",
                                                                        "Trong thời hạn 05 ngày làm việc")
    assert decree.text[row["start"]:row["end"]].startswith("1. Trong thời hạn 05")


@pytest.mark.parametrize("days", [5, 3])
def test_a_record_within_its_basis_has_no_difference(decree, days: float) -> None:
    (comparison,) = compare_with_basis([record(days)], [decree])
    assert comparison.provisions and comparison.differences == ()


def test_a_record_citing_no_text_read_is_not_compared(decree) -> None:
    assert compare_with_basis([record(7, number="1/2021/NĐ-CP")], [decree]) == []
