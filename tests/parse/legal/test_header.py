"""Header of a legal text: issuer, type, number, place, date and title in every layout seen."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text
from analyzer.parse.legal.header import agency_display

PLAIN = """\
ỦY BAN NHÂN DÂN
TỈNH AN GIANG
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 25/KH-UBND
|
An Giang, ngày 05
tháng 3 năm 2023
|
KẾ HOẠCH
THỰC HIỆN CẢI CÁCH THỦ TỤC HÀNH CHÍNH
NĂM 2023
I. MỤC ĐÍCH
1. Rút ngắn thời gian giải quyết hồ sơ.
"""

MARKDOWN = """\
*Source: https://example.org/van-ban/abc*

# Tiêu đề do trang web đặt

| BỘ TÀI CHÍNH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
|---|---|
| Số: 12/2022/TT-BTC | Hà Nội, ngày 9 tháng 2 năm 2022 |

THÔNG TƯ

HƯỚNG DẪN MỨC THU PHÍ THẨM ĐỊNH HỒ SƠ

Căn cứ Luật Phí và lệ phí ngày 25 tháng 11 năm 2015;

Điều 1. Phạm vi điều chỉnh
"""

GRID = """\
|CHÍNH PHỦ             |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM          |
|-------               |Độc lập - Tự do - Hạnh phúc                 |
|Số: 30/2021/NĐ-CP     |Hà Nội, ngày 26 tháng 3 năm 2021            |

                                  NGHỊ ĐỊNH

              SỬA ĐỔI MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH VỀ ĐĂNG KÝ

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

Điều 1. Sửa đổi
"""

PDF_LAYOUT = """\
        QUỐC HỘI                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                             Độc lập - Tự do - Hạnh phúc
   Luật số: 99/2030/QH99
                                            LUẬT
                                    THỦ TỤC MẪU

    Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
                                  Chương I
    Điều 1. Phạm vi điều chỉnh
    Luật này quy định thủ tục mẫu.

    Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XX,
kỳ họp thứ 1 thông qua ngày 12 tháng 11 năm 2030.
"""

CONSOLIDATED = """\
| BỘ Y TẾ -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 07 /VBHN-BYT | Hà Nội, ngày 1 tháng 6 năm 2020 |

THÔNG TƯ

QUY ĐỊNH VỀ HỒ SƠ KHÁM SỨC KHỎE

Thông tư số 14/2013/TT-BYT ngày 06 tháng 5 năm 2013 của Bộ Y tế, được sửa đổi, bổ sung bởi:
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLAIN, dict(type="Kế hoạch", number="25/KH-UBND", issuer="Ủy ban nhân dân tỉnh An Giang", place="An Giang",
                     date="2023-03-05", title="THỰC HIỆN CẢI CÁCH THỦ TỤC HÀNH CHÍNH NĂM 2023")),
        (MARKDOWN, dict(type="Thông tư", number="12/2022/TT-BTC", issuer="Bộ Tài chính", place="Hà Nội",
                        date="2022-02-09", title="HƯỚNG DẪN MỨC THU PHÍ THẨM ĐỊNH HỒ SƠ")),
        (GRID, dict(type="Nghị định", number="30/2021/NĐ-CP", issuer="Chính phủ", place="Hà Nội", date="2021-03-26",
                    title="SỬA ĐỔI MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH VỀ ĐĂNG KÝ")),
        # a law's header has no date: the adoption sentence at the end gives it
        (PDF_LAYOUT, dict(type="Luật", number="99/2030/QH99", issuer="Quốc hội", place=None, date="2030-11-12",
                          title="THỦ TỤC MẪU")),
        (CONSOLIDATED, dict(type="Văn bản hợp nhất", consolidates="Thông tư", number="07/VBHN-BYT", issuer="Bộ Y tế",
                            date="2020-06-01", title="QUY ĐỊNH VỀ HỒ SƠ KHÁM SỨC KHỎE")),
    ],
    ids=["plain-wrapped", "markdown-table", "docx-grid", "pdf-layout", "consolidated"],
)
def test_header_fields(text: str, expected: dict[str, str | None]) -> None:
    document = parse_legal_text(text)
    for field, value in expected.items():
        assert getattr(document, field) == value, field


def test_site_title_is_not_the_document_title() -> None:
    assert parse_legal_text(MARKDOWN).title != "Tiêu đề do trang web đặt"


def test_text_without_header_has_empty_fields() -> None:
    document = parse_legal_text("Sở Nội vụ vừa tổ chức hội nghị tập huấn.\nNội dung hội nghị gồm ba phần.")
    assert (document.type, document.number, document.issuer, document.date, document.title) == (None,) * 5
    assert document.body_start == 0


@pytest.mark.parametrize(
    ("upper", "display"),
    [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", "Ủy ban nhân dân xã Tân Phú"),
        ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("Ủy ban nhân dân tỉnh Đồng Nai", "Ủy ban nhân dân tỉnh Đồng Nai"),  # mixed case is kept
    ],
)
def test_agency_display(upper: str, display: str) -> None:
    assert agency_display(upper) == display
