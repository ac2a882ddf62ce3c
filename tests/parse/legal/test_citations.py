"""Citations: normalised (type, number, year, issuer code), dates, pointers, resolution keys."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text
from analyzer.parse.legal.citations import find_citations


def one(text: str):
    citations = find_citations(text)
    assert len(citations) == 1, [c.text for c in citations]
    return citations[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thực hiện Chỉ thị số 10/CT-TTg ngày 22/4/2019 của Thủ tướng Chính phủ về việc tăng cường",
         dict(type="Chỉ thị", number="10/CT-TTg", year=2019, issuer_code="TTg", date="2019-04-22",
              issuer="Thủ tướng Chính phủ", year_source="date")),
        ("theo Nghị định số 157/2007/NĐ-CP ngày 27 tháng 10 năm 2007 của Chính phủ quy định chế độ",
         dict(type="Nghị định", number="157/2007/NĐ-CP", year=2007, issuer_code="CP", date="2007-10-27",
              issuer="Chính phủ", year_source="number")),
        ("quán triệt Nghị quyết số 26-NQ/TW ngày 19 tháng 5 năm 2018 của Ban Chấp hành Trung ương về cán bộ",
         dict(type="Nghị quyết", number="26-NQ/TW", year=2018, issuer_code="TW", date="2018-05-19")),
        ("các quy định của Luật Phòng, chống tham nhũng năm 2018, các chỉ đạo của Chính phủ",
         dict(type="Luật", number=None, name="Phòng, chống tham nhũng", year=2018, year_source="name")),
        ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
         dict(type="Luật", name="Tổ chức Chính phủ", year=2015, date="2015-06-19")),
        ("sửa đổi Luật Đầu tư số 61/2020/QH14 đã được sửa đổi",
         dict(type="Luật", name="Đầu tư", number="61/2020/QH14", year=2020, issuer_code="QH14")),
        # upper-case titles: "TTG" is put back to "TTg"
        ("THỰC HIỆN CHỈ THỊ SỐ 10/CT-TTG NGÀY 22 THÁNG 4 NĂM 2019 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC",
         dict(type="Chỉ thị", number="10/CT-TTg", year=2019, date="2019-04-22", issuer="Thủ tướng Chính phủ")),
        # a bare number carries its type in its code
        ("được hướng dẫn tại 57/2022/NĐ-CP và các văn bản khác", dict(type="Nghị định", number="57/2022/NĐ-CP", year=2022)),
        # spaces inside a number, and a date written with slashes
        ("Văn bản hợp nhất số 5162 /VBHN-BLĐTBXH ngày 23/10/2024", dict(number="5162/VBHN-BLĐTBXH", date="2024-10-23")),
    ],
)
def test_citation_fields(text: str, expected: dict) -> None:
    citation = one(text)
    for field, value in expected.items():
        assert getattr(citation, field) == value, field


@pytest.mark.parametrize(
    ("text", "article", "clause", "point", "path"),
    [
        ("theo khoản 2 Điều 14 Nghị định số 104/2022/NĐ-CP", "14", "2", None, [("khoản", "2"), ("điều", "14")]),
        ("quy định tại điểm a khoản 1 Điều 3 của Thông tư số 01/2020/TT-BTP", "3", "1", "a",
         [("điểm", "a"), ("khoản", "1"), ("điều", "3")]),
        ("tại điểm 7 mục III Nghị quyết số 84/NQ-CP ngày 29/5/2020", None, None, "7", [("điểm", "7"), ("mục", "III")]),
        ("tại Phụ lục II ban hành kèm theo Nghị định số 79/2014/NĐ-CP", None, None, None, [("phụ lục", "II")]),
    ],
)
def test_pointer_before_a_citation_is_its_target(text, article, clause, point, path) -> None:
    target = one(text).target
    assert target is not None
    assert (target.article, target.clause, target.point) == (article, clause, point)
    assert target.path == path


def test_words_ending_in_diem_are_not_pointers() -> None:
    assert one("xác định trọng điểm trong Chỉ thị số 10/CT-TTg ngày 22/4/2019").target is None


def test_repeated_mention_takes_year_and_date_from_the_dated_one() -> None:
    citations = find_citations("Thực hiện Chỉ thị số 10/CT-TTg ngày 22/4/2019 (sau đây gọi là Chỉ thị số 10/CT-TTg), "
                               "các sở triển khai Chỉ thị số 10/CT-TTg.")
    assert [c.year_source for c in citations] == ["date", "context", "context"]
    assert {c.key for c in citations} == {("Chỉ thị", "10/CT-TTG", 2019, "TTg")}


def test_same_number_different_years_are_different_texts() -> None:
    citations = find_citations("Chỉ thị số 10/CT-TTg ngày 22/4/2019 và Chỉ thị số 10/CT-TTg ngày 10/3/2010 khác nhau.")
    assert len({c.key for c in citations}) == 2
    assert citations[0].number == citations[1].number  # never resolve on the number alone


def test_leading_zeros_do_not_change_the_key() -> None:
    first, second = find_citations("Nghị định số 09/2019/NĐ-CP và Nghị định số 9/2019/NĐ-CP.")
    assert first.key == second.key


def test_anaphor_repeats_the_latest_citation_of_its_type() -> None:
    citations = find_citations("Nghị quyết số 84/NQ-CP ngày 29/5/2020 giao nhiệm vụ; tại tiết v điểm 3 mục II "
                               "Nghị quyết trên, các bộ phải báo cáo.")
    assert citations[1].text == "Nghị quyết trên"
    assert citations[1].number == "84/NQ-CP" and citations[1].target.path[0] == ("tiết", "v")


@pytest.mark.parametrize(
    "text",
    [
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024.",  # the text itself
        "theo quy định của pháp luật về xử lý vi phạm hành chính năm 2012",  # "pháp luật", not a named law
        "Nghị định số..../2016/NĐ-CP",  # a blank in a form
        "ngày 22/4/2019 và ngày 30/6/2020",  # dates are not numbers
    ],
)
def test_non_citations(text: str) -> None:
    assert find_citations(text) == []


def test_own_number_is_not_a_citation() -> None:
    text = "QUYẾT ĐỊNH\nĐiều 1. Công bố\nBan hành kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2021.\n"
    assert find_citations(text, own_number="12/QĐ-UBND") == []


def test_cross_references_resolve_to_units_of_the_text() -> None:
    document = parse_legal_text(
        "Điều 1. Hồ sơ\n1. Hồ sơ gồm tờ khai.\n2. Hồ sơ nộp theo quy định tại khoản 1 Điều này.\n"
        "Điều 2. Thời hạn\nThời hạn giải quyết hồ sơ quy định tại khoản 2 Điều 1 là 05 ngày làm việc.\n"
        "Điều 3. Áp dụng\nTrường hợp khác theo quy định tại Điều 2 của Nghị định này."
    )
    found = {(r.target.article, r.target.clause): (r.node_start, r.node_end) for r in document.cross_references}
    assert found[("1", "1")] == (document.find("1", "1").start, document.find("1", "1").end)
    assert found[("1", "2")] == (document.find("1", "2").start, document.find("1", "2").end)
    assert ("2", None) in found


DIRECTIVE_2019 = "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 10/CT-TTg\nHà Nội, ngày 22 tháng 4 năm 2019\n" \
                 "CHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG XỬ LÝ\n1. Các bộ, ngành tiếp nhận hồ sơ.\n2. Không yêu cầu bổ sung quá 01 lần.\n"
DIRECTIVE_2010 = DIRECTIVE_2019.replace("22 tháng 4 năm 2019", "10 tháng 3 năm 2010")


def test_resolution_uses_number_year_and_issuer() -> None:
    from analyzer.parse.legal import resolve_citation

    texts = [parse_legal_text(DIRECTIVE_2010), parse_legal_text(DIRECTIVE_2019)]
    dated, undated = find_citations("theo Chỉ thị số 10/CT-TTg ngày 22/4/2019; xem thêm Chỉ thị số 10/CT-TTg")
    resolved, _ = resolve_citation(dated, texts)
    assert resolved is texts[1]
    assert resolve_citation(undated.model_copy(update={"year": None}), texts) is None  # never on the number alone
    (other,) = find_citations("Chỉ thị số 10/CT-TTg ngày 01/01/2015")
    assert resolve_citation(other, texts) is None


def test_resolution_finds_the_unit_a_pointer_names() -> None:
    from analyzer.parse.legal import resolve_citation

    law = parse_legal_text("LUẬT\nMẪU\nĐiều 1. Phạm vi\nNội dung.\nĐiều 2. Hồ sơ\n1. Tờ khai.\n2. Bản sao.\n"
                           "Luật này được Quốc hội thông qua ngày 20 tháng 6 năm 2030.")
    (citation,) = find_citations("theo khoản 2 Điều 2 Luật Mẫu năm 2030")
    document, node = resolve_citation(citation, [law])
    assert document is law and node is law.find("2", "2")
