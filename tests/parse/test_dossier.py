"""Dossier parsing: counts, copy kinds, names, row roles, tables to cases (portal-flat glued tables:
tests/ingest/test_flat_dossier.py).

Every string is synthetic, written to reproduce one shape of a source; none is copied from the corpus.
"""

from __future__ import annotations

import pytest

from analyzer.parse.dossier import (
    DossierRow,
    DossierTable,
    HeadingKind,
    RowRole,
    build_cases,
    clean_document_name,
    detect_copy_kind,
    heading_kind,
    parse_copy_counts,
    row_role,
    suspect_dossier_text,
)


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
        ("BẢN CHÍNH: 3", (3, None)),
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
        ("BẢN SAO CÓ CHỨNG THỰC giấy phép", 0, 1, "ban_sao_chung_thuc"),
        ("Bản sao giấy phép kinh doanh", 0, 1, "ban_sao"),
        ("Bản sao hoá đơn thương mại (có đóng dấu sao y bản chính của thương nhân)", 0, 1, "ban_sao"),
        ("Bản sao sao y bản chính giấy phép", 0, 1, "ban_sao_chung_thuc"),
        ("Bản chụp hộ chiếu", 1, 0, "ban_sao"),
        ("Bản sao giấy tờ tùy thân kèm bản chính để đối chiếu", 0, 1, "ban_sao"),
        ("Xuất trình Căn cước công dân", 1, 0, "xuat_trinh"),
        ("Giấy tờ phải xuất trình: - Hộ chiếu; trường hợp gửi qua bưu chính thì gửi bản sao", 0, 1, "xuat_trinh"),
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


# --- rows and headings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        (None, HeadingKind.DEFAULT),
        ("--", HeadingKind.DEFAULT),
        ("Bao gồm", HeadingKind.DEFAULT),
        ("a) Thành phần hồ sơ:", HeadingKind.DEFAULT),
        ("Hồ sơ gồm:", HeadingKind.DEFAULT),
        ("* Giấy tờ phải nộp:", HeadingKind.SUBMIT),
        ("* Giấy tờ phải xuất trình:", HeadingKind.SHOW),
        ("- Chủ xe xuất trình một trong các giấy tờ sau:", HeadingKind.SHOW),
        ("* Lưu ý :", HeadingKind.NOTE),
        ("Ghi chú:", HeadingKind.NOTE),
        ("Trường hợp ủy quyền thực hiện thủ tục:", HeadingKind.CASE),
        ("Các giấy tờ phải nộp đối với tàu biển", HeadingKind.CASE),
        ("Hồ sơ gồm bản sao và xuất trình bản chính để đối chiếu", HeadingKind.CASE),
    ],
)
def test_heading_kind(heading: str | None, kind: HeadingKind) -> None:
    assert heading_kind(heading) is kind


@pytest.mark.parametrize(
    ("name", "originals", "role"),
    [
        ("Tờ khai đăng ký", 1, RowRole.DOCUMENT),
        ("* Số lượng hồ sơ: 01 (một) bộ.", 1, RowRole.NOTE),
        ("Lưu ý: nộp bản sao kèm bản chính", 0, RowRole.NOTE),
        ("- Trường hợp ủy quyền:", 0, RowRole.SUB_CASE),
        ("Đối với phương tiện thương mại:", 0, RowRole.SUB_CASE),
        ("Thành phần hồ sơ đối với phương tiện phi thương mại:", 0, RowRole.SUB_CASE),
        ("* Hồ sơ do cơ sở đào tạo nộp:", 0, RowRole.SUB_CASE),
        ("Giấy tờ phải xuất trình:", 0, RowRole.SHOW_SECTION),
        ("Giấy tờ phải nộp:", 0, RowRole.SUBMIT_SECTION),
        ("Người có yêu cầu nộp các giấy tờ sau:", 0, RowRole.INTRO),
        ("Hồ sơ gồm các tài liệu sau:", 0, RowRole.INTRO),
        # a paper whose details follow is still a paper; a counted row never merely introduces others
        ("- Văn bản, giấy tờ chứng minh người đó thuộc một trong các trường hợp quy định tại khoản 1:", 0, RowRole.DOCUMENT),
        ("Phương án kinh doanh:", 0, RowRole.DOCUMENT),
        ("Đề án bao gồm các nội dung sau:", 1, RowRole.DOCUMENT),
    ],
)
def test_row_role(name: str, originals: int, role: RowRole) -> None:
    assert row_role(name, originals, 0) is role


# --- tables to cases --------------------------------------------------------------------------------


def table(heading: str | None, *rows: tuple[str, int | None, int | None]) -> DossierTable:
    return DossierTable(heading, tuple(DossierRow(name, None, originals, copies) for name, originals, copies in rows))


def summary(tables: list[DossierTable], ordered: bool) -> list[tuple[str | None, list[tuple[str, str | None]]]]:
    return [(case.name, [(d.name, d.copy_kind) for d in case.documents]) for case in build_cases(tables, ordered=ordered).cases]


SUB_CASES = table(
    "* Trường hợp cấp lại:",
    ("Giấy đề nghị", 1, 0),
    ("- Đối với xe thương mại:", 0, 0),
    ("Giấy đăng ký xe", 0, 1),
    ("Hồ sơ gồm các tài liệu sau:", 0, 0),
    ("Lưu ý: nộp bản sao", 0, 0),
)


def test_ordered_rows_open_sub_cases_and_skip_notes() -> None:
    assert summary([SUB_CASES], ordered=True) == [
        ("Trường hợp cấp lại", [("Giấy đề nghị", "ban_chinh")]),
        ("Trường hợp cấp lại — Đối với xe thương mại", [("Giấy đăng ký xe", "ban_sao")]),
    ]


def test_unordered_rows_keep_papers_in_their_table_and_say_why() -> None:
    dossier = build_cases([SUB_CASES], ordered=False)
    assert [(c.name, [d.name for d in c.documents]) for c in dossier.cases] == [
        ("Trường hợp cấp lại", ["Giấy đề nghị", "Giấy đăng ký xe"]),
    ]
    assert [(issue.code, issue.text) for issue in dossier.issues] == [
        ("dossier_note_row", "Lưu ý: nộp bản sao"),  # a note published as a row: left out, and reported
        ("dossier_rows_unordered", "Đối với xe thương mại:"),
    ]


def test_sections_share_the_current_case_and_default_tables_one_case() -> None:
    tables = [
        table("--", ("Tờ khai", 1, 0)),
        table("Trường hợp A:", ("Đơn", 1, 0)),
        table("* Giấy tờ phải xuất trình:", ("Hộ chiếu", 1, 0)),
        table("* Lưu ý:", ("Bản sao phải có chứng thực", 0, 0)),
        table("Bao gồm", ("Ảnh 4x6", 0, 2)),
    ]
    assert summary(tables, ordered=True) == [
        (None, [("Tờ khai", "ban_chinh"), ("Ảnh 4x6", "ban_sao")]),
        ("Trường hợp A", [("Đơn", "ban_chinh"), ("Hộ chiếu", "xuat_trinh")]),
    ]
    assert [(i.code, i.text) for i in build_cases(tables).issues] == [("dossier_note_row", "* Lưu ý: Bản sao phải có chứng thực")]


def test_show_section_row_applies_to_the_rows_after_it_when_ordered() -> None:
    rows = table(None, ("Tờ khai", 1, 0), ("Giấy tờ phải xuất trình:", 0, 0), ("Căn cước", 1, 0))
    assert summary([rows], ordered=True) == [(None, [("Tờ khai", "ban_chinh"), ("Căn cước", "xuat_trinh")])]
    assert summary([rows], ordered=False) == [(None, [("Tờ khai", "ban_chinh"), ("Căn cước", "ban_chinh")])]


def test_papers_are_not_copied_between_cases_and_empty_cases_are_dropped() -> None:
    tables = [table("Trường hợp A:", ("Đơn", 1, 0)), table("Trường hợp B:", ("Lưu ý: không cần", 0, 0))]
    assert summary(tables, ordered=True) == [("Trường hợp A", [("Đơn", "ban_chinh")])]


@pytest.mark.parametrize(
    ("text", "suspect"),
    [
        ("Bước 1. Nộp hồ sơ.\nBước 2. Nhận kết quả.", True),
        ("); nộp hồ sơ.\nBước 2. Cơ quan tiếp nhận", True),
        ("Tờ khai; Bản sao giấy khai sinh", False),
    ],
)
def test_suspect_dossier_text(text: str, suspect: bool) -> None:
    assert (suspect_dossier_text(text) is not None) is suspect
