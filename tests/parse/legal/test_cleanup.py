"""Clean-up of legal texts: noise removal, un-gluing, re-flow, and the map back to the input."""

from __future__ import annotations

import pytest

from analyzer.parse.legal import parse_legal_text
from analyzer.parse.legal.cleanup import clean_legal_text, normalize_input


def paragraphs(raw: str) -> list[str]:
    clean = clean_legal_text(normalize_input(raw)[0])
    return [clean.text[s:e] for s, e in clean.paragraphs]


@pytest.mark.parametrize(
    ("raw", "kind", "noise"),
    [
        ("Điều 1. Phạm vi\n            CÔNG BÁO/Số 12 + 13/Ngày 05-01-2024         7\nNội dung.", "page_header", "CÔNG BÁO"),
        ("Người ký: CỔNG THÔNG TIN\nEmail: a@b.vn\nCơ quan: VĂN PHÒNG\nThời gian ký: 01.01.2024\nLUẬT", "signature_stamp", "Email"),
        ("Tin tức\nẢnh minh họa\nNội dung bài viết.", "web_noise", "Ảnh minh"),
        ("Nội dung bài viết.\nBạn còn 500/500 ký tự\nBạn vui lòng nhập từ 5 ký tự trở lên !!!", "web_noise", "Bạn"),
        ("07:15, 01/02/2020\nNội dung bài viết.", "web_noise", "07:15"),
        ("ỦY BAN NHÂN DÂN\n|\nCỘNG HÒA", "table_pipe", "|"),
        ("---\nlayout: page\ntitle: Chủ đề\n---\nChương I", "front_matter", "layout"),
        ("*Source: https://example.org/van-ban*\n\n# Tiêu đề trang web\n\nNội dung.", "site_chrome", "Tiêu đề"),
        ("Điều 2.[3] (được bãi bỏ)\n[3] Điều này được bãi bỏ theo văn bản khác.", "footnote_mark", "[3]"),
    ],
)
def test_noise_is_removed_and_counted(raw: str, kind: str, noise: str) -> None:
    clean = clean_legal_text(normalize_input(raw)[0])
    assert clean.removed[kind] >= 1
    assert noise not in clean.text


def test_footnote_bodies_are_kept_apart() -> None:
    clean = clean_legal_text(normalize_input("Điều 2.[3] Hiệu lực\nNội dung.\n[3] Ghi chú của người hợp nhất.")[0])
    assert clean.footnotes == [("3", "Ghi chú của người hợp nhất.")]
    assert "Ghi chú" not in clean.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # an article glued to the last sentence of the previous one (pháp điển exports)
        ("Điều 1.1.LQ.1. Phạm vi\nNội dung thứ nhất.Điều 1.1.LQ.2. Đối tượng",
         ["Điều 1.1.LQ.1. Phạm vi", "Nội dung thứ nhất.", "Điều 1.1.LQ.2. Đối tượng"]),
        # a heading glued to its first clause
        ("Điều 1.1.NĐ.9. Hiệu lực thi hành 1. Văn bản này có hiệu lực từ ngày ký.",
         ["Điều 1.1.NĐ.9. Hiệu lực thi hành", "1. Văn bản này có hiệu lực từ ngày ký."]),
    ],
)
def test_glued_units_are_split(raw: str, expected: list[str]) -> None:
    assert paragraphs(raw) == expected


WRAPPED = """\
1. Tổ chức thực hiện công tác tuyên truyền, phổ biến chính sách tới người dân
và doanh nghiệp trên địa bàn thành phố nhằm nâng cao nhận thức của cán bộ
công chức trong việc giải quyết thủ tục hành chính.
2. Giám đốc Sở Tư pháp
Chủ trì, phối hợp với các cơ quan có liên quan rà soát các văn bản quy phạm
pháp luật do địa phương ban hành theo quy định tại khoản
3 Điều 5 của Nghị định này và báo cáo kết quả cho Ủy ban nhân dân thành phố.
a) Lập danh mục văn bản cần sửa đổi, bổ sung, thay thế hoặc bãi bỏ trong năm
2024. Danh mục gửi về Sở Tư pháp để tổng hợp chung và trình cấp có thẩm quyền.
"""


def test_hard_wrapped_lines_are_reflowed_into_paragraphs() -> None:
    result = paragraphs(WRAPPED * 3)[:5]
    assert result[0].startswith("1. Tổ chức") and result[0].endswith("giải quyết thủ tục hành chính.")
    assert result[1] == "2. Giám đốc Sở Tư pháp"  # a short heading line ends its paragraph
    assert "quy định tại khoản 3 Điều 5" in result[2]  # "3 Điều 5" after "khoản" is a wrap, not a clause
    assert result[3].startswith("a) Lập danh mục") and "trong năm 2024. Danh mục" in result[3]


def test_indented_pdf_layout_marks_paragraphs() -> None:
    lines = []
    for number in range(1, 13):
        lines.append(f"    {number}. Cơ quan có thẩm quyền tiếp nhận hồ sơ, kiểm tra tính đầy đủ của giấy")
        lines.append("tờ và trả lời bằng văn bản trong thời hạn quy định tại khoản này cho người nộp.")
    clean = clean_legal_text(normalize_input("\n".join(lines))[0])
    assert len(clean.paragraphs) == 12


def test_every_kept_character_maps_back_to_the_input() -> None:
    raw = "Người ký: X\n\n   CÔNG BÁO/Số 1/Ngày 1-1-2024   3\n   Điều 1.[1] Phạm vi\nNội dung hồ sơ.\n[1] chú thích"
    document = parse_legal_text(raw)
    for index, char in enumerate(document.text):
        if char not in " \n":
            assert raw[document.source_offset(index)] == char


def test_offsets_map_through_unicode_normalisation() -> None:
    decomposed = "Điều 1. Pha\u0323m vi\nNô\u0323i dung."  # combining dot below, as some exports have
    document = parse_legal_text(decomposed)
    start = document.text.index("Nội")
    assert decomposed[document.source_offset(start)] == "N"
    assert decomposed[document.source_offset(start + 4):].startswith("dung")
