"""Raw portal DOCX exports read from word/document.xml, including legacy TCVN3/VNI fonts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import docx
import pytest

from analyzer.ingest import docx_export, iter_records, portal_docx
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure, SourceRef
from analyzer.text.legacy import encode_tcvn3, encode_vni
from support import shared_path

FIELDS = [
    ("Mã thủ tục", "1.004222"),
    ("Số quyết định", "370/QĐ-BCA-C06"),
    ("Tên thủ tục", "Đăng ký thường trú"),
    ("Cấp thực hiện", "Cấp Xã"),
    ("Lĩnh vực", "Đăng ký, quản lý cư trú"),
]


def add_field(document: docx.document.Document, label: str, value: str, font: str | None = None,
              encode=lambda text: text) -> None:
    paragraph = document.add_paragraph()
    for text, bold in ((f"{label}: ", True), (value, False)):
        run = paragraph.add_run(encode(text))
        run.bold = bold
        if font:
            run.font.name = font


def add_table(document: docx.document.Document, rows: list[list[str]], font: str | None = None,
              encode=lambda text: text) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = ""
            run = cell.paragraphs[0].add_run(encode(value))
            if font:
                run.font.name = font


def build_export(path: Path, font: str | None = None, encode=lambda text: text, title: bool = True) -> Path:
    document = docx.Document()
    if title:
        document.add_paragraph().add_run(encode("Chi tiết thủ tục hành chính")).font.name = font
    for label, value in FIELDS:
        add_field(document, label, value, font, encode)
    add_field(document, "Trình tự thực hiện", "", font, encode)
    document.add_paragraph().add_run(encode("Bước 1: Cá nhân chuẩn bị hồ sơ.")).font.name = font
    document.add_paragraph().add_run(encode("Bước 2: Cá nhân nộp hồ sơ đến Công an cấp xã.")).font.name = font
    add_field(document, "Cách thức thực hiện", "", font, encode)
    add_table(document, [["Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả"],
                         ["Trực tiếp", "07 Ngày làm việc", "", "Nộp tại trụ sở"],
                         ["Trực tuyến", "05 Ngày làm việc", "", ""]], font, encode)
    add_field(document, "Thành phần hồ sơ", "", font, encode)
    document.add_paragraph().add_run(encode("* Trường hợp đăng ký lần đầu:")).font.name = font
    add_table(document, [["Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"],
                         ["Tờ khai thay đổi thông tin cư trú", "Mẫu CT01.doc", "Bản chính: 1\nBản sao: 0"]], font, encode)
    document.add_paragraph().add_run(encode("* Trường hợp đăng ký lại:")).font.name = font
    add_table(document, [["Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"],
                         ["Giấy tờ chứng minh chỗ ở hợp pháp", "", "Bản chính: 0\nBản sao: 1"]], font, encode)
    add_field(document, "Cơ quan thực hiện", "Công an Xã", font, encode)
    add_field(document, "Căn cứ pháp lý", "", font, encode)
    add_table(document, [["Số ký hiệu", "Trích yếu", "Ngày ban hành", "Cơ quan ban hành"],
                         ["68/2020/QH14", "Luật Cư trú", "13-11-2020", "Quốc hội"]], font, encode)
    add_field(document, "Mô tả", "Không có thông tin", font, encode)
    document.add_paragraph().add_run(encode("Để xem chi tiết thủ tục hành chính, vui lòng truy cập link sau: https://example.invalid"))
    document.save(str(path))
    return path


def read_one(path: Path) -> Procedure:
    assert docx_export.sniff(path, path.read_bytes()[:4096])
    [procedure] = list(docx_export.read(path))
    assert isinstance(procedure, Procedure)
    return procedure


def check_content(procedure: Procedure) -> None:
    assert (procedure.code, procedure.name, procedure.decision) == ("1.004222", "Đăng ký thường trú", "370/QĐ-BCA-C06")
    assert [s.index for s in procedure.steps] == [1, 2] and "Công an cấp xã" in procedure.steps[1].text
    assert [(c.mode, c.duration.value if c.duration else None) for c in procedure.channels] == [("truc_tiep", 7), ("truc_tuyen", 5)]
    assert [c.name for c in procedure.cases] == ["Trường hợp đăng ký lần đầu", "Trường hợp đăng ký lại"]
    assert [(d.name, d.originals, d.copies) for _, _, d in procedure.documents] == [
        ("Tờ khai thay đổi thông tin cư trú", 1, 0), ("Giấy tờ chứng minh chỗ ở hợp pháp", 0, 1)]
    assert procedure.agency == "Công an Xã"
    assert [(r.number, r.date) for r in procedure.legal_basis] == [("68/2020/QH14", "2020-11-13")]


def test_reads_synthetic_export(tmp_path: Path) -> None:
    procedure = read_one(build_export(tmp_path / "export.docx"))
    check_content(procedure)
    assert procedure.source is not None and procedure.source.format == "portal_docx_raw"
    assert procedure.warnings == []


@pytest.mark.parametrize(
    ("font", "encode"),
    [(".VnTime", encode_tcvn3), ("VNI-Times", encode_vni)],
    ids=["tcvn3", "vni"],
)
def test_legacy_fonts_are_decoded_by_run_font(tmp_path: Path, font: str, encode) -> None:
    path = build_export(tmp_path / "legacy.docx", font=font, encode=encode)
    assert "Mã thủ tục" not in docx.Document(str(path)).paragraphs[1].text  # really encoded
    check_content(read_one(path))


def test_tcvn3_upper_case_font(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run(encode_tcvn3("chi tiết thủ tục hành chính"))
    run.font.name = ".VnTimeH"  # the H fonts show lower-case codes as capitals
    path = tmp_path / "upper.docx"
    document.save(str(path))
    [(kind, text)] = docx_export.read_blocks(path)
    assert (kind, text) == ("p", "CHI TIẾT THỦ TỤC HÀNH CHÍNH")


def test_labels_without_title_are_enough(tmp_path: Path) -> None:
    check_content(read_one(build_export(tmp_path / "untitled.docx", title=False)))


def test_other_documents_are_not_claimed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Báo cáo tổng kết năm: nội dung khác")
    path = tmp_path / "other.docx"
    document.save(str(path))
    assert not docx_export.sniff(path, path.read_bytes()[:4096])


def test_corrupt_zip_is_an_error_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert not docx_export.sniff(path, path.read_bytes())
    [error] = list(docx_export.read(path))
    assert isinstance(error, RecordError) and "broken.docx" in error.path


def test_export_without_name_is_an_error(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Chi tiết thủ tục hành chính")
    document.add_paragraph("Mã thủ tục: 1.1")
    path = tmp_path / "noname.docx"
    document.save(str(path))
    [error] = list(docx_export.read(path))
    assert isinstance(error, RecordError) and "Tên thủ tục" in error.reason


# --- the real samples -----------------------------------------------------------------------------


@pytest.mark.slow
def test_real_samples_match_the_converted_jsonl() -> None:
    """Cross-check: each raw export parses to the same procedure as its converted JSONL record."""
    folder = shared_path("corpus-real", "portal-docx", "sample_docx")
    with gzip.open(shared_path("corpus-real", "portal-docx", "records.jsonl.gz"), "rt", encoding="utf-8") as handle:
        converted = {record["fields"]["Mã thủ tục"]: record for record in map(json.loads, handle)}
    items = list(iter_records([folder]))
    errors = [item for item in items if isinstance(item, RecordError)]
    assert errors == [] and len(items) == 33
    for procedure in items:
        assert procedure.source.format == "portal_docx_raw"
        expected = portal_docx.to_procedure(converted[procedure.code], SourceRef(format="portal_docx", path="-"))
        assert procedure.channels == expected.channels, procedure.source.path
        assert procedure.cases == expected.cases, procedure.source.path
        assert procedure.model_dump(exclude={"source"}) == expected.model_dump(exclude={"source"}), procedure.source.path
