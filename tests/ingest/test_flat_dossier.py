"""The portal-flat scrape's glued dossier tables: count cells, form file names, whole dossiers.

Every string is synthetic, written to reproduce one shape of the scrape; none is copied from the corpus.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.ingest._flat_dossier import (
    FLAT_HEADER,
    read_flat_dossier,
    split_count_cells,
    split_flat_tables,
    split_form_files,
)
from support import shared_path


# --- portal-flat: count cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "rows", "tail"),
    [
        ("Đơn đề nghị1 bản chínhBản sao giấy phép0 bản chính,1 bản sao", [("Đơn đề nghị", 1, 0), ("Bản sao giấy phép", 0, 1)], ""),
        ("Đơn theo Mẫu số 181 bản chính", [("Đơn theo Mẫu số 18", 1, 0)], ""),  # only the last digit is the count
        ("Đơn theo Mẫu số 011 bản chính,2 bản sao", [("Đơn theo Mẫu số 01", 1, 2)], ""),
        ("Bản kê ngày 16/11/20181 bản chínhBiên bản0 bản chính,1 bản sao", [("Bản kê ngày 16/11/2018", 1, 0), ("Biên bản", 0, 1)], ""),
        ("Theo mẫu BM.NCC.20.031 bản chính", [("Theo mẫu BM.NCC.20.03", 1, 0)], ""),
        ("Ảnh màu 4x6 cm2 bản chính", [("Ảnh màu 4x6 cm", 2, 0)], ""),
        # counts written inside a name go on as prose; a zero-padded count glued to a word is prose too
        ("- Tờ khai: 01 bản chính;1 bản chínhẢnh 4x61 bản chính", [("- Tờ khai: 01 bản chính;", 1, 0), ("Ảnh 4x6", 1, 0)], ""),
        ("Hóa đơn (01 bản chính hoặc 01 bản sao)2 bản chính", [("Hóa đơn (01 bản chính hoặc 01 bản sao)", 2, 0)], ""),
        ("Giấy phép 1 bản chính và 1 bản sao1 bản chính", [("Giấy phép 1 bản chính và 1 bản sao", 1, 0)], ""),
        ("Giấy chứng nhận: 01 bản chính.1 bản chínhBản kê1 bản chính", [("Giấy chứng nhận: 01 bản chính.", 1, 0), ("Bản kê", 1, 0)], ""),
        ("Đơn xin việc1 bản chính01 bản chính biên bản bàn giao1 bản chính",
         [("Đơn xin việc", 1, 0), ("01 bản chính biên bản bàn giao", 1, 0)], ""),
        # a real count followed by a row starting with a capital ("Kèm", "Nếu", "Đối") is a count
        ("Đơn theo mẫu 2015.doc1 bản chínhKèm theo hộ chiếu1 bản chínhNếu có: giấy tờ0 bản chính,1 bản saoĐối với trẻ em: giấy khai sinh1 bản chính",
         [("Đơn theo mẫu 2015.doc", 1, 0), ("Kèm theo hộ chiếu", 1, 0), ("Nếu có: giấy tờ", 0, 1), ("Đối với trẻ em: giấy khai sinh", 1, 0)], ""),
        ("Đơn đề nghị1 bản chínhCác tài liệu khác có liên qu", [("Đơn đề nghị", 1, 0)], "Các tài liệu khác có liên qu"),
        ("", [], ""),
    ],
)
def test_split_count_cells(block: str, rows: list[tuple[str, int, int]], tail: str) -> None:
    assert split_count_cells(block) == (rows, tail)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Đơn1 0bản chínhsao,.-()TK06/Mau.docxKèm")), max_size=100))
def test_split_count_cells_never_raises_and_loses_no_text(text: str) -> None:
    rows, tail = split_count_cells(text)
    assert all(0 <= originals <= 9 and copies >= 0 for _, originals, copies in rows)
    assert sum(len(name) for name, _, _ in rows) + len(tail) <= len(text)


# --- portal-flat: form files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "forms"),
    [
        ("Tờ khai đề nghị (mẫu TK06).Tờ khai (mẫu TK06) (1).pdf", "Tờ khai đề nghị (mẫu TK06).", ["Tờ khai (mẫu TK06) (1).pdf"]),
        ("Đơn đề nghị cấp đổi thẻMau01-ĐN(BHYT) (1).doc", "Đơn đề nghị cấp đổi thẻ", ["Mau01-ĐN(BHYT) (1).doc"]),
        ("Văn bản theo Mẫu số 01 Phụ lục I Nghị định số 9/2025/NĐ-CPMẫu số 01.docx", "Văn bản theo Mẫu số 01 Phụ lục I Nghị định số 9/2025/NĐ-CP", ["Mẫu số 01.docx"]),
        ("Đơn theo Quyết định số 3/2024/QĐ-TTgMẫu 2-DN.docx", "Đơn theo Quyết định số 3/2024/QĐ-TTg", ["Mẫu 2-DN.docx"]),
        ("Đơn theo Nghị định số 7/2026/NĐ-CPmau so 12.doc", "Đơn theo Nghị định số 7/2026/NĐ-CP", ["mau so 12.doc"]),
        ("Đơn theo Thông tư 5/2017/TT-BGTVTMẫu số 3.docx", "Đơn theo Thông tư 5/2017/TT-BGTVT", ["Mẫu số 3.docx"]),
        ("Phụ lục kèm theo Nghị định 8/2019/NĐ-CP11.1.PLcap.docx", "Phụ lục kèm theo Nghị định 8/2019/NĐ-CP", ["11.1.PLcap.docx"]),
        ("Báo cáo năm (Mẫu số 02);Mẫu 02.TT41.doc", "Báo cáo năm (Mẫu số 02);", ["Mẫu 02.TT41.doc"]),
        ("Tờ khai ngày 30/6/2023.NA5.doc", "Tờ khai ngày 30/6/2023.", ["NA5.doc"]),
        ("Đơn theo Mẫu số 29.NT Phụ lục I Nghị định 4/2026/NĐ-CPMẫu số 29.docx", "Đơn theo Mẫu số 29.NT Phụ lục I Nghị định 4/2026/NĐ-CP", ["Mẫu số 29.docx"]),
        ("Phụ lục số 05Phụ lục số 05_TT24 (1).docx", "Phụ lục số 05", ["Phụ lục số 05_TT24 (1).docx"]),
        ("Giấy đề nghị theo mẫuvăn bản đề nghị.docx", "Giấy đề nghị theo mẫu", ["văn bản đề nghị.docx"]),
        ("Phương án theo Mẫu số 01;Mus01.docxPhlcIV.docx", "Phương án theo Mẫu số 01;", ["Mus01.docx", "PhlcIV.docx"]),
        ("Bảng kê (nếu có).PL 01 Bao cao (1).docx.docx", "Bảng kê (nếu có).", ["PL 01 Bao cao (1).docx.docx"]),
        (".Đơn theo Nghị định số 7/2026/NĐ-CPMẫu số 25.docx", ".Đơn theo Nghị định số 7/2026/NĐ-CP", ["Mẫu số 25.docx"]),
        ("Báo cáo theo Mẫu 40 Nghị định số 23/2026/NĐ-CPMau38.docxMau40.docx", "Báo cáo theo Mẫu 40 Nghị định số 23/2026/NĐ-CP", ["Mau38.docx", "Mau40.docx"]),
        ("Văn bản đề nghị sử dụng đấtMau 03a - Phu luc III_36.2025.TT-BNN_02.7.2025.doc", "Văn bản đề nghị sử dụng đất", ["Mau 03a - Phu luc III_36.2025.TT-BNN_02.7.2025.doc"]),
        ("Giấy phép theo mẫuTK 1.000001 (xe phi TM).docx", "Giấy phép theo mẫu", ["TK 1.000001 (xe phi TM).docx"]),
        ("Tờ khai (Mẫu NA9).10-Mẫu NA9.doc", "Tờ khai (Mẫu NA9).", ["10-Mẫu NA9.doc"]),
        ("Văn bản của Bộ Công an.NC14 (1).doc", "Văn bản của Bộ Công an.", ["NC14 (1).doc"]),
        ("Ảnh màu cỡ 4x6 cm nền trắng", "Ảnh màu cỡ 4x6 cm nền trắng", []),
    ],
)
def test_form_files_are_cut_off(text: str, name: str, forms: list[str]) -> None:
    assert split_form_files(text) == (name, forms, False)


@pytest.mark.parametrize("text", ["Báo cáo kết quả khảo nghiệmbáo cáo.pdf", "Mẫu số 01.docx"])
def test_form_without_a_visible_start_is_not_guessed(text: str) -> None:
    assert split_form_files(text) == (text, [], True)


# --- portal-flat: whole dossier -----------------------------------------------------------------------


def flat(text: str) -> list[tuple[str | None, list[tuple[str, int | None, int | None, str | None, str | None]]]]:
    return [
        (case.name, [(d.name, d.originals, d.copies, d.form, d.copy_kind) for d in case.documents])
        for case in read_flat_dossier(text).cases
    ]


def test_flat_cases_sections_and_pseudo_rows() -> None:
    text = (
        "Trường hợp cấp mới:" + FLAT_HEADER + "Đơn đề nghị;Mau01.docx1 bản chính* Số lượng hồ sơ: 01 (một) bộ.0 bản chính"
        "Trường hợp cấp lại:" + FLAT_HEADER + "Đơn đề nghị1 bản chính"
        "* Giấy tờ phải xuất trình:" + FLAT_HEADER + "Hộ chiếu1 bản chính"
        "* Lưu ý:" + FLAT_HEADER + "Bản sao phải có chứng thực.0 bản chính"
        "--" + FLAT_HEADER + "Ảnh 4x60 bản chính,2 bản saoGiấy tờ khác"
    )
    assert flat(text) == [
        ("Trường hợp cấp mới", [("Đơn đề nghị", 1, 0, "Mau01.docx", "ban_chinh")]),
        ("Trường hợp cấp lại", [("Đơn đề nghị", 1, 0, None, "ban_chinh"), ("Hộ chiếu", 1, 0, None, "xuat_trinh")]),
        (None, [("Ảnh 4x6", 0, 2, None, "ban_sao"), ("Giấy tờ khác", None, None, None, None)]),
    ]


def test_flat_heading_rows_are_reported_not_applied() -> None:
    text = (
        "--" + FLAT_HEADER + "Tờ khai1 bản chính- Người yêu cầu nộp các giấy tờ sau:0 bản chính"
        "Giấy khai sinh0 bản chính,1 bản sao- Trường hợp ủy quyền:0 bản chínhVăn bản ủy quyền1 bản chính"
    )
    dossier = read_flat_dossier(text)
    assert [(c.name, [d.name for d in c.documents]) for c in dossier.cases] == [
        (None, ["Tờ khai", "Giấy khai sinh", "Văn bản ủy quyền"]),
    ]
    assert [(i.code, i.text) for i in dossier.issues] == [("dossier_rows_unordered", "Trường hợp ủy quyền:")]


@pytest.mark.parametrize(
    "text",
    [
        "); nộp hồ sơ cho cơ quan.\nBước 2. Cơ quan tiếp nhận hồ sơ.\nBước 3. Nhận kết quả.",
        "KQ.G01.000001",
    ],
)
def test_flat_text_without_a_table_gives_no_document_but_an_issue(text: str) -> None:
    dossier = read_flat_dossier(text)
    assert dossier.cases == []
    assert [issue.code for issue in dossier.issues] == ["documents_suspect"]


def test_unsplit_form_file_is_an_issue() -> None:
    dossier = read_flat_dossier("--" + FLAT_HEADER + "Báo cáo kết quả khảo nghiệmbáo cáo.pdf1 bản chính")
    assert [d.name for case in dossier.cases for d in case.documents] == ["Báo cáo kết quả khảo nghiệmbáo cáo.pdf"]
    assert [issue.code for issue in dossier.issues] == ["document_form_unsplit"]


def test_flat_tables_keep_headings_and_compose_marks() -> None:
    text = "Trường hợp A" + FLAT_HEADER + "Đơn1 bản chính" + "--" + FLAT_HEADER + "T\u01a1\u0300 khai1 bản chính"
    tables = split_flat_tables(text).tables
    assert [(t.heading, [r.name for r in t.rows]) for t in tables] == [("Trường hợp A", ["Đơn"]), ("--", ["Tờ khai"])]


@pytest.mark.slow
@pytest.mark.shared
def test_real_flat_count_cells() -> None:
    path = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            for part in (json.loads(line).get("thanh_phan_ho_so") or "").split(FLAT_HEADER)[1:]:
                rows += split_count_cells(part)[0]
    assert len(rows) > 10_000
    assert sum(1 for name, _, _ in rows if len(name.strip(" .;,-+")) < 3) < 0.002 * len(rows)
