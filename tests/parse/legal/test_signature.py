"""Signature block and "Nơi nhận" list, kept apart from the body."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text

BODY = "Điều 1. Hiệu lực\nQuyết định này có hiệu lực kể từ ngày ký.\nĐiều 2. Thi hành\nCác sở chịu trách nhiệm thi hành./.\n"

PLAIN = BODY + """\
Nơi nhận:
- Như Điều 2;
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;
- Lưu: VT.
|
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Bình
"""

WEB_TABLE = BODY + """\
| Nơi nhận: - Như Điều 2; - Bộ Lao động - Thương binh và Xã hội; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Phạm Thị Hoa |
|---|---|

PHỤ LỤC
DANH MỤC THỦ TỤC
"""

GRID = BODY + """\
|                                  |TM. CHÍNH PHỦ                     |
|Nơi nhận:                         |THỦ TƯỚNG                         |
|- Ban Bí thư Trung ương Đảng;     |                                  |
|- Các bộ, cơ quan ngang bộ, cơ    |                                  |
|quan thuộc Chính phủ;             |Trần Văn An                       |
|- Lưu: VT, KGVX (2).              |                                  |
"""

PDF_COLUMNS = BODY + """\
                                                                KT. BỘ TRƯỞNG
Nơi nhận:                                                        THỨ TRƯỞNG
- Văn phòng Chính phủ;
- Công báo;                                                      Ngô Thị Lan
- Lưu: VT.
"""

LAW = """\
Điều 1. Phạm vi
Luật này quy định thủ tục mẫu.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XX, kỳ họp thứ 2 thông qua ngày 10 tháng 6 năm 2031.

                                                CHỦ TỊCH QUỐC HỘI

                                                    Hoàng Văn Minh
"""


@pytest.mark.parametrize(
    ("text", "signature", "recipients"),
    [
        (PLAIN, ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"),
         ["Như Điều 2", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Lưu: VT."]),
        (WEB_TABLE, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Thị Hoa"),
         ["Như Điều 2", "Bộ Lao động - Thương binh và Xã hội", "Lưu: VT."]),
        (GRID, ("TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Trần Văn An"),
         ["Ban Bí thư Trung ương Đảng", "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Lưu: VT, KGVX (2)."]),
        (PDF_COLUMNS, ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Ngô Thị Lan"), ["Văn phòng Chính phủ", "Công báo", "Lưu: VT."]),
        (LAW, (None, "CHỦ TỊCH QUỐC HỘI", "Hoàng Văn Minh"), []),
    ],
    ids=["plain", "web-table", "docx-grid", "pdf-columns", "law"],
)
def test_signature_and_recipients(text: str, signature: tuple, recipients: list[str]) -> None:
    document = parse_legal_text(text)
    assert document.signature is not None
    assert (document.signature.authority, document.signature.position, document.signature.signer) == signature
    assert document.recipients == recipients


@pytest.mark.parametrize("text", [PLAIN, WEB_TABLE, GRID, PDF_COLUMNS])
def test_signature_is_outside_the_body(text: str) -> None:
    document = parse_legal_text(text)
    last_article = document.articles()[-1]
    assert last_article.end <= document.signature.start
    assert "Nơi nhận" not in document.text[last_article.start:last_article.end]


def test_law_adoption_sentence_closes_the_last_article() -> None:
    document = parse_legal_text(LAW)
    article = document.articles()[-1]
    assert "thông qua" not in document.text[article.start:article.end]


def test_annex_after_the_signature_is_parsed_apart() -> None:
    document = parse_legal_text(WEB_TABLE)
    assert document.structure[-1].kind == "phu_luc"
    assert document.structure[-1].start >= document.signature.end


def test_authority_line_before_the_preamble_is_not_a_signature() -> None:
    text = "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ THỦ TỤC\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n" \
           "QUYẾT ĐỊNH:\nĐiều 1. Công bố thủ tục.\nĐiều 2. Hiệu lực từ ngày ký./."
    assert parse_legal_text(text).signature is None
