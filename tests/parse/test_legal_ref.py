"""Legal-document numbers in free text and portal-flat's flattened legal-basis table."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.parse.legal_ref import find_legal_numbers, split_glued_legal_basis
from support import shared_path


@pytest.mark.parametrize(
    ("text", "surface", "number", "kind", "issuer", "date"),
    [
        ("theo Thông tư số 68/2013/TT-BCA ngày 26/12/2013 của Bộ Công an", "68/2013/TT-BCA", "68/2013/TT-BCA",
         "Thông tư", "Bộ Công an", "2013-12-26"),
        ("Nghị định 05/2012/NĐ - CP", "05/2012/NĐ - CP", "05/2012/NĐ-CP", "Nghị định", "Chính phủ", None),
        ("Nghị định 05/2012/NÐ-CP", "05/2012/NÐ-CP", "05/2012/NĐ-CP", "Nghị định", "Chính phủ", None),  # Ð look-alike
        ("Luật Khiếu nại số 02/2011/QH13", "02/2011/QH13", "02/2011/QH13", "Luật", "Quốc hội", None),
        ("Bộ luật Dân sự số 91/2015/QH13", "91/2015/QH13", "91/2015/QH13", "Bộ luật", "Quốc hội", None),
        ("Nghị quyết số 100/2015/QH13 của Quốc hội", "100/2015/QH13", "100/2015/QH13", "Nghị quyết", "Quốc hội", None),
        ("Nghị quyết 26-NQ/TW ngày 27 tháng 10 năm 2007", "26-NQ/TW", "26-NQ/TW", "Nghị quyết",
         "Ban Chấp hành Trung ương", "2007-10-27"),
        ("Kế hoạch 17/KH-UBND ngày 15/01/2024", "17/KH-UBND", "17/KH-UBND", "Kế hoạch", "Ủy ban nhân dân", "2024-01-15"),
        ("Chỉ thị số 10/CT-TTg ngày 22/4/2019", "10/CT-TTg", "10/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "2019-04-22"),
        ("Quyết định số 104/1999/QĐ-TTG", "104/1999/QĐ-TTG", "104/1999/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", None),
        ("Quyết định 1361/QĐ-BTTTT", "1361/QĐ-BTTTT", "1361/QĐ-BTTTT", "Quyết định", "Bộ Thông tin và Truyền thông", None),
        ("Văn bản hợp nhất 01/VBHN-BCA", "01/VBHN-BCA", "01/VBHN-BCA", "Văn bản hợp nhất", "Bộ Công an", None),
        ("Thông tư liên tịch 01/2014/TTLT-BTC-BTP", "01/2014/TTLT-BTC-BTP", "01/2014/TTLT-BTC-BTP",
         "Thông tư liên tịch", "Bộ Tài chính, Bộ Tư pháp", None),
        ("Nghị quyết 66.7/2025/NQ-CP", "66.7/2025/NQ-CP", "66.7/2025/NQ-CP", "Nghị quyết", "Chính phủ", None),
        ("Nghị quyết 66/NQ-CP ngày 26/3/2025", "66/NQ-CP", "66/NQ-CP", "Nghị quyết", "Chính phủ", "2025-03-26"),
        ("Pháp lệnh 02/2011/UBTVQH12", "02/2011/UBTVQH12", "02/2011/UBTVQH12", "Pháp lệnh",
         "Ủy ban Thường vụ Quốc hội", None),
        ("Công văn 5326/BTC-TCT", "5326/BTC-TCT", "5326/BTC-TCT", "Công văn", "Bộ Tài chính, Tổng cục Thuế", None),
        ("theo Thông tư 80/2021", "80/2021", "80/2021", "Thông tư", None, None),  # cut-off number after a kind word
        ("Quyết định 12/2021/QĐ-TTg ngày 31/02/2021", "12/2021/QĐ-TTg", "12/2021/QĐ-TTg", "Quyết định",
         "Thủ tướng Chính phủ", None),  # impossible date left out
    ],
)
def test_find_one_number(text: str, surface: str, number: str, kind: str, issuer: str | None, date: str | None) -> None:
    (span,) = find_legal_numbers(text)
    assert text[span.start : span.end] == surface
    assert (span.ref.number, span.ref.kind, span.ref.issuer, span.ref.date) == (number, kind, issuer, date)


@pytest.mark.parametrize(
    "text",
    [
        "nộp trước 12/2023 theo hướng dẫn",  # month/year
        "ngày 15/4 hàng năm, 24 giờ/07 ngày",
        "mẫu TK06/ABC và 1.500/lần",
        "số 15/UBND",  # too weak: neither a year nor a type code
        "10 USD/lần",
    ],
)
def test_no_number_in_ordinary_text(text: str) -> None:
    assert find_legal_numbers(text) == []


def test_several_numbers_in_order_with_offsets_into_decomposed_text() -> None:
    text = unicodedata.normalize(
        "NFD", "Căn cứ Luật Cư trú 68/2020/QH14; Nghị định 62/2021/NĐ-CP và Thông tư 55/2021/TT-BCA ngày 15/5/2021."
    )
    spans = find_legal_numbers(text)
    assert [span.ref.number for span in spans] == ["68/2020/QH14", "62/2021/NĐ-CP", "55/2021/TT-BCA"]
    assert [unicodedata.normalize("NFC", text[s.start : s.end]) for s in spans] == [s.ref.number for s in spans]
    assert spans[2].ref.date == "2021-05-15"


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "Tên văn bản pháp lýMã văn bảnHướng dẫn xử lý khiếu nại trong công an nhân dân68/2013/TT-BCA"
            "Luật Khiếu nại  năm 201102/2011/QH13Quy định quy trình giải quyết khiếu nại11/2015/TT-BCA"
            "Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP",
            [
                ("68/2013/TT-BCA", "Thông tư", "Hướng dẫn xử lý khiếu nại trong công an nhân dân"),
                ("02/2011/QH13", "Luật", "Luật Khiếu nại năm 2011"),
                ("11/2015/TT-BCA", "Thông tư", "Quy định quy trình giải quyết khiếu nại"),
                ("05/2012/NĐ-CP", "Nghị định", "Nghị định 05/2012/NĐ-CP"),
            ],
        ),
        (
            "Tên văn bản pháp lýMã văn bảnLuật 51/2019/QH1451/2019/QH14Quy định mẫu giấy tờ04/2015/TT-BCA"
            "Luật Nhập cảnh, xuất cảnh của người nước ngoàiLuật 47/2014/QH13",
            [
                ("51/2019/QH14", "Luật", "Luật 51/2019/QH14"),
                ("04/2015/TT-BCA", "Thông tư", "Quy định mẫu giấy tờ"),
                ("47/2014/QH13", "Luật", "Luật Nhập cảnh, xuất cảnh của người nước ngoài"),
            ],
        ),
        (  # glued lower-case title, a title quoting other numbers, a cut-off code cell
            "Tên văn bản pháp lýMã văn bảnNghị định số 91/2022/NĐ-CP sửa đổi Nghị định số 126/2020/NĐ-CP91/2022/NĐ-CP"
            "sửa đổi Thông tư 19/2021/TT-BTC ngày 18/3/2021 về thuế46/2024/TT-BTCThông tư 80/2021/TT-BTC80/2021",
            [
                ("91/2022/NĐ-CP", "Nghị định", "Nghị định số 91/2022/NĐ-CP sửa đổi Nghị định số 126/2020/NĐ-CP"),
                ("46/2024/TT-BTC", "Thông tư", "sửa đổi Thông tư 19/2021/TT-BTC ngày 18/3/2021 về thuế"),
                ("80/2021/TT-BTC", "Thông tư", "Thông tư 80/2021/TT-BTC"),
            ],
        ),
        (  # upper-case title glued to a code, a date glued to a number, a full stop before a number
            "Tên văn bản pháp lýMã văn bảnNghị định 64/2022/NĐ-CP64/2022/NĐ-CPLUẬT HÀNG KHÔNG DÂN DỤNG"
            "66/2006/QH11Bản kê ngày 16/11/201827/2018/TT-BNNPTNTQuy định về sát hạch lái xe.160/2024/NĐ-CP",
            [
                ("64/2022/NĐ-CP", "Nghị định", "Nghị định 64/2022/NĐ-CP"),
                ("66/2006/QH11", "Luật", "LUẬT HÀNG KHÔNG DÂN DỤNG"),
                ("27/2018/TT-BNNPTNT", "Thông tư", "Bản kê ngày 16/11/2018"),
                ("160/2024/NĐ-CP", "Nghị định", "Quy định về sát hạch lái xe."),
            ],
        ),
        (  # a code cell followed by a space, the same number quoted in its title
            "Tên văn bản pháp lýMã văn bảnNghị quyết số 66.18/2026/NQ-CP về cắt giảm thủ tục66.18/2026/NQ-CP "
            "Nghị định số 17/2012/NĐ-CP17/2012/NĐ-CPBộ luật Dân sự91/2015/QH13",
            [
                ("66.18/2026/NQ-CP", "Nghị quyết", "Nghị quyết số 66.18/2026/NQ-CP về cắt giảm thủ tục"),
                ("17/2012/NĐ-CP", "Nghị định", "Nghị định số 17/2012/NĐ-CP"),
                ("91/2015/QH13", "Bộ luật", "Bộ luật Dân sự"),
            ],
        ),
        (  # a cut-off last row is kept, with the number its title opens with
            "Tên văn bản pháp lýMã văn bảnLuật Thú y79/2015/QH13Nghị định số 174/2016/NĐ-CP ngày 30/12/2016 của Chính phủ quy",
            [
                ("79/2015/QH13", "Luật", "Luật Thú y"),
                ("174/2016/NĐ-CP", "Nghị định", "Nghị định số 174/2016/NĐ-CP ngày 30/12/2016 của Chính phủ quy"),
            ],
        ),
    ],
)
def test_split_glued_legal_basis(text: str, rows: list[tuple[str, str, str]]) -> None:
    assert [(ref.number, ref.kind, ref.title) for ref in split_glued_legal_basis(text)] == rows


def test_glued_table_without_row_structure_returns_each_quoted_number() -> None:
    text = ": Thông tư 269/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu. (Căn cứ: Thông tư 269/2016/TT-BTC ngày 14/11/2016)"
    (ref,) = split_glued_legal_basis(text)
    assert (ref.number, ref.date, ref.title) == ("269/2016/TT-BTC", "2016-11-14", None)


@pytest.mark.parametrize("text", [None, "", "Không có thông tin", "Không có thông tinCơ quan thực hiện"])
def test_empty_legal_basis(text: str | None) -> None:
    assert split_glued_legal_basis(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/-. NĐTCPQHBAgLuậtngàyháms")), max_size=100))
def test_legal_parsers_never_raise(text: str) -> None:
    for span in find_legal_numbers(text):
        assert 0 <= span.start < span.end <= len(text) and span.ref.number
    split_glued_legal_basis(text)


@pytest.mark.slow
@pytest.mark.shared
def test_real_portal_flat_legal_basis() -> None:
    """≥ 97 % of non-empty cells give at least one numbered reference (placeholders included)."""
    path = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        cells = [json.loads(line).get("can_cu_phap_ly") or "" for line in lines]
    cells = [cell for cell in cells if cell.strip()]
    results = [split_glued_legal_basis(cell) for cell in cells]
    with_ref = sum(1 for refs in results if any(ref.number for ref in refs))
    stated = [refs for cell, refs in zip(cells, results) if not re.match(r"\W*Không có thông tin", cell)]
    assert len(cells) > 2500
    assert with_ref / len(cells) >= 0.97
    assert sum(1 for refs in stated if any(ref.number for ref in refs)) / len(stated) >= 0.99
    rows = [ref for refs in results for ref in refs]
    assert sum(1 for ref in rows if ref.kind) / len(rows) >= 0.98
