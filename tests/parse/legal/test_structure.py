"""Structure tree: units, Vietnamese point letters, numbering validation and offsets."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import StructureNode, parse_legal_text
from analyzer.parse.legal.markers import VI_LETTERS, letter_index


def shape(nodes: list[StructureNode]) -> list:
    return [(n.kind, n.label, shape(n.children)) if n.children else (n.kind, n.label) for n in nodes]


LAW = """\
Chương I
QUY ĐỊNH CHUNG
Mục 1. PHẠM VI
Điều 1. Phạm vi điều chỉnh
Văn bản này quy định thủ tục mẫu.
Điều 2. Hồ sơ
1. Hồ sơ gồm:
a) Tờ khai;
b) Bản sao giấy tờ;
2. Số lượng hồ sơ: 01 bộ.
Chương II
THỰC HIỆN
Điều 3. Hiệu lực
Văn bản này có hiệu lực từ ngày ký.
"""


def test_law_tree_and_headings() -> None:
    document = parse_legal_text(LAW)
    assert shape(document.structure) == [
        ("chuong", "I", [("muc", "1", [("dieu", "1"), ("dieu", "2", [("khoan", "1", [("diem", "a"), ("diem", "b")]),
                                                                     ("khoan", "2")])])]),
        ("chuong", "II", [("dieu", "3")]),
    ]
    chapter, second = document.structure
    assert chapter.heading == "QUY ĐỊNH CHUNG"  # the title on the next line belongs to the chapter
    assert document.find("2").heading == "Hồ sơ"
    assert document.text[document.find("2", "1", "b").start:].startswith("b) Bản sao")


def test_offsets_nest_and_cover_the_text_of_each_unit() -> None:
    document = parse_legal_text(LAW)
    for ancestors, node in document.iter_nodes():
        assert node.start < node.end
        for parent in ancestors[-1:]:
            assert parent.start <= node.start and node.end <= parent.end
    article = document.find("2")
    assert document.text[article.start:article.end].rstrip().endswith("01 bộ.")


def test_vietnamese_point_letters_follow_the_alphabet_without_f_j_w_z() -> None:
    assert VI_LETTERS == "abcdđeghiklmnopqrstuvxy"
    lines = "\n".join(f"{letter}) Nội dung điểm {letter};" for letter in VI_LETTERS)
    document = parse_legal_text(f"Điều 1. Các trường hợp\n1. Gồm:\n{lines}")
    labels = [n.label for n in document.find("1", "1").children]
    assert labels == list(VI_LETTERS)
    assert letter_index("đ") == letter_index("d") + 1 and letter_index("g") == letter_index("e") + 1


@pytest.mark.parametrize(
    ("body", "expected_clauses"),
    [
        # a wrapped year at the start of a line is not clause 2024
        ("1. Văn bản có hiệu lực từ năm\n2024. Các quy định trước đây hết hiệu lực.\n2. Nội dung khác.", ["1", "2"]),
        # a numbered list inside a clause does not restart the clauses
        ("1. Hồ sơ gồm các giấy tờ:\n2. Đơn đề nghị.\n3. Bản sao giấy phép.\n1. Giấy tờ khác.", ["1", "2", "3"]),
        # an inserted clause of a consolidated text
        ("1. Nội dung.\n2. Nội dung.\n2a. Nội dung bổ sung.\n3. Nội dung.", ["1", "2", "2a", "3"]),
    ],
)
def test_clause_numbering_is_validated(body: str, expected_clauses: list[str]) -> None:
    document = parse_legal_text(f"Điều 7. Quy định\n{body}")
    assert [n.label for n in document.find("7").children if n.kind == "khoan"] == expected_clauses


def test_repealed_points_leave_gaps_in_consolidated_texts() -> None:
    document = parse_legal_text("Điều 9. Mức phạt\n1. Phạt tiền trong các trường hợp sau đây:\na) Trường hợp một;\n"
                                "b) Trường hợp hai;\nđ) Trường hợp năm;\ne) Trường hợp sáu.")
    assert [n.label for n in document.find("9", "1").children] == ["a", "b", "đ", "e"]


def test_quoted_articles_of_an_amending_text_stay_inside_their_clause() -> None:
    text = ("Điều 1. Sửa đổi, bổ sung một số điều\n1. Sửa đổi Điều 5 như sau:\n“Điều 5. Thời hạn\n"
            "1. Thời hạn giải quyết là 05 ngày làm việc.\n2. Trường hợp phức tạp là 10 ngày.”\n"
            "2. Bãi bỏ Điều 6.\nĐiều 2. Hiệu lực thi hành\nVăn bản này có hiệu lực từ ngày ký.")
    document = parse_legal_text(text)
    assert [n.label for n in document.articles()] == ["1", "2"]
    assert [n.label for n in document.find("1").children] == ["1", "2"]


def test_articles_after_an_unclosed_quotation_are_still_found() -> None:
    text = ("Điều 1. Sửa đổi\n1. Sửa đổi khoản 3 như sau:\n“Nội dung mới bị cắt mất dấu đóng ngoặc.\n"
            "Điều 2. Hiệu lực\nVăn bản này có hiệu lực từ ngày ký.")
    assert [n.label for n in parse_legal_text(text).articles()] == ["1", "2"]


PLAN = """\
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng giải quyết thủ tục hành chính.
II. NHIỆM VỤ
1. Rà soát thủ tục
a) Rà soát quy trình nội bộ;
b) Công khai kết quả;
2. Kiểm tra
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
Chủ trì theo dõi, đôn đốc thực hiện.
"""


def test_plan_numbering_is_section_item_point() -> None:
    document = parse_legal_text(PLAN)
    assert shape(document.structure) == [
        ("section", "I", [("item", "1")]),
        ("section", "II", [("item", "1", [("diem", "a"), ("diem", "b")]), ("item", "2")]),
        ("section", "III", [("item", "1")]),
    ]
    assert [n.heading for n in document.structure] == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"]
    assert document.structure[2].children[0].heading == "Sở Nội vụ"


def test_phap_dien_article_labels_and_parts() -> None:
    text = ("Phần thứ nhất\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 12.3.LQ.1. Phạm vi\nNội dung.\n"
            "Điều 12.3.NĐ.2.1. Đối tượng\n1. Cơ quan nhà nước.\n2. Cá nhân.")
    document = parse_legal_text(text)
    assert document.structure[0].kind == "phan" and document.structure[0].label == "1"
    assert [n.label for n in document.articles()] == ["12.3.LQ.1", "12.3.NĐ.2.1"]
    assert document.find("12.3.NĐ.2.1", "2") is not None


def test_path_at_gives_the_enclosing_units() -> None:
    document = parse_legal_text(LAW)
    offset = document.text.index("Tờ khai")
    assert [(n.kind, n.label) for n in document.path_at(offset)] == [
        ("chuong", "I"), ("muc", "1"), ("dieu", "2"), ("khoan", "1"), ("diem", "a")]
