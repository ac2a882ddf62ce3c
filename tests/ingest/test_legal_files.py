"""Reading legal texts from txt, md, html, docx, pdf and legacy .doc files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from analyzer.ingest.base import InputError
from analyzer.ingest.legal_files import html_to_text, read_legal_file
from analyzer.parse.legal import parse_legal_text
from support import shared_path

BODY = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định hồ sơ mẫu."


@pytest.mark.parametrize(("suffix", "encoding"), [(".txt", "utf-8"), (".md", "utf-8-sig"), (".txt", "utf-16")])
def test_text_files_in_any_supported_encoding(tmp_path: Path, suffix: str, encoding: str) -> None:
    path = tmp_path / f"van_ban{suffix}"
    path.write_bytes(BODY.encode(encoding))
    assert parse_legal_text(path).articles()[0].heading == "Phạm vi điều chỉnh"


def test_html_blocks_and_tables(tmp_path: Path) -> None:
    page = """<html><head><title>x</title><script>var a = 1;</script></head><body>
    <table><tr><td>BỘ Y TẾ</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
    <tr><td>Số: 3/2024/TT-BYT</td><td>Hà Nội, ngày 4 tháng 5 năm 2024</td></tr></table>
    <p>THÔNG TƯ</p><p>QUY ĐỊNH   VỀ HỒ SƠ</p><p>Điều 1. Phạm vi<br>Thông tư này quy định hồ sơ.</p></body></html>"""
    text = html_to_text(page)
    assert "| BỘ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |" in text
    assert "var a" not in text and "QUY ĐỊNH VỀ HỒ SƠ" in text
    path = tmp_path / "thong_tu.html"
    path.write_text(page, encoding="utf-8")
    document = parse_legal_text(path)
    assert (document.type, document.number, document.issuer, document.date) == ("Thông tư", "3/2024/TT-BYT", "Bộ Y tế", "2024-05-04")


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "BỘ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text, table.cell(1, 1).text = "Số: 8/2023/TT-BTP", "Hà Nội, ngày 1 tháng 9 năm 2023"
    document.add_paragraph("THÔNG TƯ")
    document.add_paragraph("HƯỚNG DẪN HỒ SƠ MẪU")
    for line in BODY.split("\n"):
        document.add_paragraph(line)
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    signature.cell(0, 1).text = "BỘ TRƯỞNG\nNguyễn Văn Hải"
    document.save(str(path))


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "thong_tu.docx"
    make_docx(path)
    text = read_legal_file(path)
    assert text.index("BỘ TƯ PHÁP") < text.index("THÔNG TƯ") < text.index("Điều 1.") < text.index("Nơi nhận")
    document = parse_legal_text(path)
    assert (document.type, document.number, document.issuer) == ("Thông tư", "8/2023/TT-BTP", "Bộ Tư pháp")
    assert (document.signature.position, document.signature.signer) == ("BỘ TRƯỞNG", "Nguyễn Văn Hải")
    assert document.recipients == ["Như trên", "Lưu: VT."]


def test_docx_without_table_grid_is_read_from_its_xml(tmp_path: Path) -> None:
    source, broken = tmp_path / "a.docx", tmp_path / "b.docx"
    make_docx(source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:tblGrid>.*?</w:tblGrid>", b"", data, flags=re.DOTALL)
            zout.writestr(item, data)
    text = read_legal_file(broken)
    assert "| Số: 8/2023/TT-BTP | Hà Nội, ngày 1 tháng 9 năm 2023 |" in text
    assert "Điều 1. Phạm vi điều chỉnh" in text


def test_portal_docx_export(tmp_path: Path) -> None:
    folder = shared_path("corpus-real", "portal-docx", "sample_docx")
    path = sorted(folder.rglob("*.docx"))[0]
    text = read_legal_file(path)
    assert len(text) > 200 and "|" in text


def pdf_bytes(page_stream: bytes | None) -> bytes:
    """A minimal one-page PDF; with a content stream that draws text in Helvetica, or an empty page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    if page_stream is None:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    else:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 5 0 R >> >> >>")
        objects.append(b"<< /Length %d >>\nstream\n" % len(page_stream) + page_stream + b"\nendstream")
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "van_ban.pdf"
    path.write_bytes(pdf_bytes(b"BT /F1 12 Tf 72 760 Td (Dieu 1. Pham vi dieu chinh) Tj 0 -20 Td (Noi dung.) Tj ET"))
    text = read_legal_file(path)
    assert "Dieu 1. Pham vi dieu chinh" in text and "Noi dung." in text


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "ban_quet.pdf"
    path.write_bytes(pdf_bytes(None))
    with pytest.raises(InputError, match="needs OCR") as error:
        read_legal_file(path)
    assert str(path) in str(error.value) and "OCR" in str(error.value)


def test_legacy_doc_needs_conversion_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    monkeypatch.setattr("analyzer.ingest.legal_files.shutil.which", lambda name: None)
    with pytest.raises(InputError, match=r"\.doc needs conversion"):
        read_legal_file(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open"):
        read_legal_file(tmp_path / "khong_co.txt")
