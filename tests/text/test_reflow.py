"""reflow(): hard wraps are joined, structure and paragraph breaks are kept."""

from __future__ import annotations

import re

import pytest

from analyzer.text import normalize, reflow
from support import shared_path


@pytest.mark.parametrize(
    ("wrapped", "expected"),
    [
        # a wrapped sentence, including a wrap before a number and before a proper noun
        ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm\n2010 của Chính phủ về kiểm soát thủ tục",
         "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục"),
        ("nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của\nỦy ban nhân dân cấp xã trong giờ hành chính",
         "nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân cấp xã trong giờ hành chính"),
        ("các cơ quan, đơn vị;\nbảo đảm công khai", "các cơ quan, đơn vị; bảo đảm công khai"),
        # sentence and heading ends keep the break
        ("Hồ sơ gồm một bộ.\nThời hạn giải quyết là 5 ngày.", "Hồ sơ gồm một bộ.\nThời hạn giải quyết là 5 ngày."),
        ("Thành phần hồ sơ:\ntờ khai theo mẫu", "Thành phần hồ sơ:\ntờ khai theo mẫu"),
        ("giải quyết./.\nNơi nhận", "giải quyết./.\nNơi nhận"),
        # structural items start their own line
        ("Điều 1. Phạm vi\nĐiều 2. Đối tượng", "Điều 1. Phạm vi\nĐiều 2. Đối tượng"),
        ("quy định chung\nChương II\nQUY ĐỊNH CỤ THỂ", "quy định chung\nChương II\nQUY ĐỊNH CỤ THỂ"),
        ("như sau\nMục 1 thủ tục", "như sau\nMục 1 thủ tục"),
        ("như sau\nPhần I tổng quan", "như sau\nPhần I tổng quan"),
        ("các bước\nBước 1: nộp hồ sơ\nBước 2: nhận kết quả",
         "các bước\nBước 1: nộp hồ sơ\nBước 2: nhận kết quả"),
        ("gồm\n1. Tờ khai\n2. Bản sao", "gồm\n1. Tờ khai\n2. Bản sao"),
        ("gồm\n1.2. Tờ khai", "gồm\n1.2. Tờ khai"),
        ("gồm\na) tờ khai\nb) bản sao\nđ) ảnh màu", "gồm\na) tờ khai\nb) bản sao\nđ) ảnh màu"),
        ("mục tiêu\nI. MỤC ĐÍCH\nII. NHIỆM VỤ", "mục tiêu\nI. MỤC ĐÍCH\nII. NHIỆM VỤ"),
        ("gồm\n- tờ khai\n+ bản sao\n* ảnh\n• giấy tờ khác", "gồm\n- tờ khai\n+ bản sao\n* ảnh\n• giấy tờ khác"),
        ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN", "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN"),
        # a structural line that wraps is still continued
        ("a) Người nộp hồ sơ chuẩn bị đủ giấy tờ theo quy định,\nsau đó nộp tại Bộ phận Một cửa",
         "a) Người nộp hồ sơ chuẩn bị đủ giấy tờ theo quy định, sau đó nộp tại Bộ phận Một cửa"),
        # a short heading line without punctuation, then a capitalised paragraph
        ("3. Trách nhiệm của Sở Nội vụ\nHướng dẫn các cơ quan, đơn vị thực hiện việc tiếp nhận hồ sơ trực tuyến "
         "và trả kết quả\nqua dịch vụ bưu chính công ích",
         "3. Trách nhiệm của Sở Nội vụ\nHướng dẫn các cơ quan, đơn vị thực hiện việc tiếp nhận hồ sơ trực tuyến "
         "và trả kết quả qua dịch vụ bưu chính công ích"),
        # paragraph breaks, separators and table pipes
        ("đoạn một\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
        ("Số: 25/QĐ-UBND\n|\nHà Nội, ngày 03\ntháng 5 năm 2021\n|",
         "Số: 25/QĐ-UBND\n|\nHà Nội, ngày 03 tháng 5 năm 2021\n|"),
        ("ỦY BAN\n-------\nSố", "ỦY BAN\n-------\nSố"),
        ("", ""),
    ],
)
def test_reflow(wrapped: str, expected: str) -> None:
    assert reflow(wrapped) == expected
    assert reflow(expected) == expected


_STRUCTURAL = re.compile(r"^(?:\d+\.\s|[a-zđ]\)\s|[IVX]+\.\s|[-+]\s|Điều \d|Chương [IVX\d])")


@pytest.mark.shared
def test_reflow_on_seed_texts() -> None:
    paths = sorted(shared_path("seeds").glob("*.txt"))
    if not paths:
        pytest.skip("no seed texts")
    for path in paths:
        text = normalize(path.read_text(encoding="utf-8"))
        joined = reflow(text)
        assert reflow(joined) == joined, path.name
        # Nothing is lost but line breaks.
        assert joined.split() == text.split(), path.name
        # Every structural line of the source still starts a line.
        source_items = [line for line in text.split("\n") if _STRUCTURAL.match(line)]
        joined_lines = set(joined.split("\n"))
        for item in source_items:
            assert any(line.startswith(item) for line in joined_lines), (path.name, item)
        # A line that starts lower case continues a wrap, so none should be left (items like "a)" aside).
        left = [line for line in joined.split("\n") if line[:1].islower() and not _STRUCTURAL.match(line)]
        assert not left, (path.name, left[:3])
