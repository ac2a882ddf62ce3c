"""Deadlines: absolute dates and recurring periods."""

from __future__ import annotations

import pytest

from analyzer.parse.legal.deadlines import find_deadlines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gửi kế hoạch về Sở Nội vụ (trước ngày 30 tháng 3 năm 2024) để tổng hợp",
         [("trước ngày 30 tháng 3 năm 2024", "2024-03-30", None, None, None)]),
        ("hoàn thành kết nối trước ngày 30/6/2020.", [("trước ngày 30/6/2020", "2020-06-30", None, None, None)]),
        ("báo cáo chậm nhất ngày 15/12/2025", [("chậm nhất ngày 15/12/2025", "2025-12-15", None, None, None)]),
        ("gửi báo cáo về Sở Nội vụ (trước ngày 10 tháng 11 hàng năm)",
         [("trước ngày 10 tháng 11 hàng năm", None, "yearly", 10, 11)]),
        ("báo cáo trước ngày 20 hằng tháng", [("trước ngày 20 hằng tháng", None, "monthly", 20, None)]),
        ("Định kỳ hàng quý, các cơ quan báo cáo", [("Định kỳ hàng quý", None, "quarterly", None, None)]),
        ("định kỳ 6 tháng và hằng năm, tổng hợp tình hình", [("định kỳ 6 tháng và hằng năm", None, "semiannual", None, None)]),
        ("định kỳ báo cáo theo quy định", [("định kỳ", None, "periodic", None, None)]),
        # a periodic duty whose clause gives the date is one deadline, the dated one
        ("định kỳ gửi báo cáo kết quả về Sở (trước ngày 10 tháng 11 hàng năm)",
         [("trước ngày 10 tháng 11 hàng năm", None, "yearly", 10, 11)]),
        # "hàng năm" describing a task is not a deadline
        ("đánh giá mức độ hoàn thành nhiệm vụ hàng năm của người đứng đầu", []),
        ("trước ngày 31 tháng 2 năm 2024", []),  # no such date
    ],
)
def test_deadlines(text: str, expected: list[tuple]) -> None:
    found = [(d.text, d.date, d.recurrence, d.day, d.month) for d in find_deadlines(text)]
    assert found == expected


def test_offsets_point_into_the_text() -> None:
    text = "Các sở báo cáo trước ngày 15/01/2025."
    (deadline,) = find_deadlines(text)
    assert text[deadline.start:deadline.end] == "trước ngày 15/01/2025"
