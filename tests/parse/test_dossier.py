"""Dossier helpers: copy counts, copy kinds, portal-flat glued rows, template files, clean names."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.parse.dossier import (
    clean_document_name,
    detect_copy_kind,
    parse_copy_counts,
    split_form_files,
    split_glued_count,
)
from support import shared_path


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Bản chính: 1\nBản sao: 0", (1, 0)),
        ("Bản chính: 1 - Bản sao: 0", (1, 0)),
        ("Bản chính : 2\nBản sao : 1", (2, 1)),
        ("1 bản chính", (1, None)),
        ("02 bản sao", (None, 2)),
        ("0 bản chính", (0, None)),
        ("1 bản chính,1 bản sao", (1, 1)),
        ("01 (một) bản chính", (1, None)),
        ("01 bản chụp", (None, 1)),
        ("", (None, None)),
        (None, (None, None)),
        ("Mau NA20-BCA.docx", (None, None)),
    ],
)
def test_parse_copy_counts(text: str | None, counts: tuple[int | None, int | None]) -> None:
    assert parse_copy_counts(text) == counts


@pytest.mark.parametrize(
    ("name", "originals", "copies", "kind"),
    [
        ("Bản sao có chứng thực Giấy khai sinh", 0, 1, "ban_sao_chung_thuc"),
        ("Bản sao chứng thực Căn cước công dân", None, None, "ban_sao_chung_thuc"),
        ("Bản sao công chứng hợp đồng thuê nhà", 1, 0, "ban_sao_chung_thuc"),
        ("Bản sao được chứng thực từ bản chính giấy phép", 0, 1, "ban_sao_chung_thuc"),
        ("Bản sao giấy phép kinh doanh", 0, 1, "ban_sao"),
        ("Bản chụp hộ chiếu", 1, 0, "ban_sao"),
        ("Bản sao giấy tờ tùy thân kèm bản chính để đối chiếu", 0, 1, "ban_sao"),
        ("Xuất trình Căn cước công dân", 1, 0, "xuat_trinh"),
        ("Giấy tờ tùy thân (bản chính để đối chiếu)", 1, 0, "xuat_trinh"),
        ("Giấy tờ chứng minh nơi cư trú (xuất trình)", None, None, "xuat_trinh"),
        ("Bản điện tử hoặc bản scan văn bản đề nghị", 0, 0, "dien_tu"),
        ("Dữ liệu điện tử về hồ sơ thiết kế", 1, 0, "dien_tu"),
        ("Tờ khai đăng ký", 1, 0, "ban_chinh"),
        ("Tờ khai đăng ký", 0, 2, "ban_sao"),
        ("Tờ khai đăng ký", 0, 0, None),
        ("Tờ khai đăng ký", None, None, None),
    ],
)
def test_detect_copy_kind(name: str, originals: int | None, copies: int | None, kind: str | None) -> None:
    assert detect_copy_kind(name, originals, copies) == kind


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "Đơn khiếu nại1 bản chínhQuyết định giải quyết1 bản chính",
            [("Đơn khiếu nại", 1, None), ("Quyết định giải quyết", 1, None)],
        ),
        (  # header skipped; names ending in digits keep them
            "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo mẫu TK061 bản chính"
            "Quyết định số 09/2023/QĐ-TTg1 bản chính,1 bản sao",
            [("Tờ khai theo mẫu TK06", 1, None), ("Quyết định số 09/2023/QĐ-TTg", 1, 1)],
        ),
        ("Bản kê ngày 16/11/20181 bản chínhBiên bản0 bản chính,1 bản sao",
         [("Bản kê ngày 16/11/2018", 1, None), ("Biên bản", 0, 1)]),
        ("Theo mẫu BM.NCC.20.031 bản chính", [("Theo mẫu BM.NCC.20.03", 1, None)]),
        ("Văn bản đề nghị số lượng01 bản chính", [("Văn bản đề nghị số lượng", 1, None)]),
        ("Ảnh màu 4x6 cm2 bản chính", [("Ảnh màu 4x6 cm", 2, None)]),
        (  # counts quoted inside a name are not the count column
            "Chứng từ xuất xứ: 01 bản chính hoặc 01 bản sao.1 bản chínhBản kê (01 bản chính)0 bản chính,1 bản sao",
            [("Chứng từ xuất xứ: 01 bản chính hoặc 01 bản sao.", 1, None), ("Bản kê (01 bản chính)", 0, 1)],
        ),
        ("Giấy chứng nhận: 01 bản chính.1 bản chínhBản kê1 bản chính",
         [("Giấy chứng nhận: 01 bản chính.", 1, None), ("Bản kê", 1, None)]),
        ("Đơn đề nghị1 bản chínhCác tài liệu khác có liên qu", [("Đơn đề nghị", 1, None), ("Các tài liệu khác có liên qu", None, None)]),
        ("", []),
        (None, []),
    ],
)
def test_split_glued_count(text: str | None, rows: list[tuple[str, int | None, int | None]]) -> None:
    assert split_glued_count(text) == rows


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Văn bản đề nghị hủy tài khoản điện tử (NA20).Mau NA20-BCA.docx",
         ("Văn bản đề nghị hủy tài khoản điện tử (NA20).", ["Mau NA20-BCA.docx"])),
        ("Báo cáo theo Mẫu 40 Nghị định số 23/2026/NĐ-CPMau38.docxMau40.docx",
         ("Báo cáo theo Mẫu 40 Nghị định số 23/2026/NĐ-CP", ["Mau38.docx", "Mau40.docx"])),
        ("Văn bản đề nghị sử dụng khoáng sảnMau 03a - Phu luc III_36.2025.TT-BNNMT_02.7.2025.doc",
         ("Văn bản đề nghị sử dụng khoáng sản", ["Mau 03a - Phu luc III_36.2025.TT-BNNMT_02.7.2025.doc"])),
        ("Giấy phép theo mẫuTK 1.001023 (xe phi TM).docx", ("Giấy phép theo mẫu", ["TK 1.001023 (xe phi TM).docx"])),
        ("Tờ khai (Mẫu NA9).10-Mẫu NA9.doc", ("Tờ khai (Mẫu NA9).", ["10-Mẫu NA9.doc"])),
        ("Văn bản của Bộ Công an.NC14 (1).doc", ("Văn bản của Bộ Công an.", ["NC14 (1).doc"])),
        ("Tờ khai", ("Tờ khai", [])),
        ("Mẫu số 01.docx", ("Mẫu số 01.docx", [])),
    ],
)
def test_split_form_files(name: str, expected: tuple[str, list[str]]) -> None:
    assert split_form_files(name) == expected


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("- Đơn đề nghị;", "Đơn đề nghị"),
        ("+ Giấy phép.", "Giấy phép"),
        ("a) Bản sao giấy tờ (nếu có);", "Bản sao giấy tờ (nếu có)"),
        ("1. Tờ khai theo Mẫu TK06", "Tờ khai theo Mẫu TK06"),
        ("2.1. Biên bản", "Biên bản"),
        ("(i) Văn bản", "Văn bản"),
        ("II. Báo cáo", "Báo cáo"),
        ("- a) Hợp đồng,", "Hợp đồng"),
        ("  Giấy   tờ\n chứng minh  </p>", "Giấy tờ chứng minh"),
        ("01 bộ hồ sơ", "01 bộ hồ sơ"),
        ("Ảnh 4x6 cm.", "Ảnh 4x6 cm"),
    ],
)
def test_clean_document_name(name: str, clean: str) -> None:
    assert clean_document_name(name) == clean


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Đơn1 0bản chínhsao,.-()TK06/Mau.docx")), max_size=100))
def test_split_glued_count_never_raises_and_keeps_counts_small(text: str) -> None:
    for name, originals, copies in split_glued_count(text):
        assert name
        assert originals is None or originals >= 0
        assert copies is None or copies >= 0


@pytest.mark.slow
@pytest.mark.shared
def test_real_glued_dossier_rows() -> None:
    path = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    header = re.compile(r"Tên giấy tờMẫu đơn, tờ khaiSố lượng")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            for part in header.split(json.loads(line).get("thanh_phan_ho_so") or "")[1:]:
                rows += split_glued_count(part)
    counted = [row for row in rows if row[1] is not None]
    assert len(counted) > 10_000
    assert all(originals <= 20 for _, originals, _ in counted)
    assert sum(1 for name, _, _ in counted if len(name.strip(" .;,-+")) < 3) == 0
