"""Assignments: lead, partners, action and deadline."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text


def assignments(text: str) -> list[tuple]:
    document = parse_legal_text(text)
    return [(a.lead, a.partners, a.action, a.deadline.text if a.deadline else None, a.node) for a in document.assignments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và Văn phòng Ủy ban nhân dân tỉnh rà soát các quy định "
         "trước ngày 30/9/2025.",
         [("Sở Tư pháp", ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"], "rà soát các quy định trước ngày 30/9/2025.",
           "trước ngày 30/9/2025", None)]),
        ("Ủy ban nhân dân tỉnh giao Sở Tài chính hướng dẫn các đơn vị lập dự toán.",
         [("Sở Tài chính", [], "hướng dẫn các đơn vị lập dự toán.", None, None)]),
        ("Bộ Nội vụ, Bộ Tư pháp và các cơ quan có liên quan phối hợp với Văn phòng Chính phủ trong việc xây dựng Đề án.",
         [("Văn phòng Chính phủ", ["Bộ Nội vụ", "Bộ Tư pháp", "các cơ quan có liên quan"], "xây dựng Đề án.", None, None)]),
        ("Định kỳ hàng quý, các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh về kết quả thực hiện.",
         [("các cơ quan, đơn vị", [], "báo cáo Ủy ban nhân dân tỉnh về kết quả thực hiện.", "Định kỳ hàng quý", None)]),
        # a report of what was done is not a task
        ("Ủy ban nhân dân tỉnh vừa ban hành kế hoạch triển khai các giải pháp.", []),
        # being answerable is not a task either
        ("Các cơ quan chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả.", []),
    ],
)
def test_assignments_in_sentences(text: str, expected: list[tuple]) -> None:
    assert assignments(text) == expected


PLAN = """\
III. TỔ CHỨC THỰC HIỆN
1. Giám đốc Sở Nội vụ
a) Đôn đốc các cơ quan thực hiện Kế hoạch này; báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hàng năm.
b) Chủ trì, phối hợp với Thủ trưởng các sở, ngành triển khai kiểm tra công vụ.
2. Giám đốc Sở Tư pháp
Chủ trì, phối hợp với các cơ quan có liên quan rà soát văn bản quy phạm pháp luật.
"""


def test_addressed_points_are_tasks_of_the_addressee() -> None:
    assert assignments(PLAN) == [
        ("Giám đốc Sở Nội vụ", [], "Đôn đốc các cơ quan thực hiện Kế hoạch này; báo cáo Ủy ban nhân dân tỉnh trước "
         "ngày 15 tháng 12 hàng năm.", "trước ngày 15 tháng 12 hàng năm", "III.1.a"),
        ("Giám đốc Sở Nội vụ", ["Thủ trưởng các sở, ngành"], "triển khai kiểm tra công vụ.", None, "III.1.b"),
        ("Giám đốc Sở Tư pháp", ["các cơ quan có liên quan"], "rà soát văn bản quy phạm pháp luật.", None, "III.2"),
    ]


def test_article_addressed_to_an_agency() -> None:
    text = "Điều 12. Trách nhiệm của Bộ Công an\n1. Hướng dẫn thực hiện Nghị định này.\n2. Kiểm tra, thanh tra định kỳ."
    found = assignments(text)
    assert [(lead, node) for lead, _, _, _, node in found] == [
        ("Bộ Công an", "Điều 12 khoản 1"), ("Bộ Công an", "Điều 12 khoản 2")]
