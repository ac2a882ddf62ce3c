"""Reading legal texts from txt, md, html, docx, pdf and legacy .doc files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from analyzer.ingest.base import InputError
from analyzer.ingest.legal_files import html_to_text, read_legal_file, read_legal_text
from support import shared_path

BODY = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định hồ sơ mẫu."


@pytest.mark.parametrize(("suffix", "encoding"), [(".txt", "utf-8"), (".md", "utf-8-sig"), (".txt", "utf-16")])
def test_text_files_in_any_supported_encoding(tmp_path: Path, suffix: str, encoding: str) -> None:
    path = tmp_path / f"van_ban{suffix}"
    path.write_bytes(BODY.encode(encoding))
    assert read_legal_text(path).articles()[0].heading == "Phạm vi điều chỉnh"


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
    document = read_legal_text(path)
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
    document = read_legal_text(path)
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


# --- legacy fonts and encodings ---------------------------------------------------------------------

HEADING = "THỦ TỤC CẤP GIẤY PHÉP CỦA CỤC ỨNG DỤNG"  # Ụ, Ủ, Ứ: capitals TCVN3 can only show in .VnTimeH fonts


def legacy_docx(path: Path, runs: list[list[tuple[str, str]]]) -> None:
    """A DOCX of paragraphs of (text, font) runs, each run typed as TCVN3 would store it."""
    import docx

    from analyzer.text.legacy import encode_tcvn3

    document = docx.Document()
    for paragraph in runs:
        p = document.add_paragraph()
        for text, font in paragraph:
            run = p.add_run(encode_tcvn3(text.lower() if font.endswith("H") else text))  # H fonts: lower codes
            run.font.name = font
    document.save(str(path))


def test_tcvn3_upper_case_fonts_give_capitals(tmp_path: Path) -> None:
    path = tmp_path / "cu.docx"
    legacy_docx(path, [
        [("Cộng hòa xã hội chủ nghĩa Việt Nam", ".VnTimeH")],
        [("Điều 1. Công bố thủ tục của Cục ", ".VnTime"), ("Ứ", ".VnTimeH"), ("ng dụng.", ".VnTime")],
        [(HEADING, ".VnTimeH")],
    ])
    text = read_legal_file(path)
    assert text.splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Điều 1. Công bố thủ tục của Cục Ứng dụng.",
                                 HEADING]


# glibc's TCVN5712-1 (what `iconv -t TCVN5712-1` writes): the capitals without a code in 0x80-0xFF at 0x01-0x17
LOW_CAPITALS = {"Ú": 0x01, "Ụ": 0x02, "Ừ": 0x04, "Ử": 0x05, "Ữ": 0x06, "Ứ": 0x11, "Ự": 0x12, "Ỳ": 0x13, "Ỷ": 0x14,
                "Ỹ": 0x15, "Ý": 0x16, "Ỵ": 0x17}


def tcvn3_bytes(text: str) -> bytes:
    from analyzer.text.legacy import encode_tcvn3

    return b"".join(bytes([LOW_CAPITALS[c]]) if c in LOW_CAPITALS else encode_tcvn3(c).encode("latin-1")
                    for c in text)


def test_tcvn3_text_file_capitals_are_letters_not_control_characters(tmp_path: Path) -> None:
    text = f"QUYẾT ĐỊNH\n{HEADING}\nĐiều 1. Ý KIẾN CỦA CỤC TRƯỞNG VỀ ỨNG DỤNG, ỦY BAN, SỰ VIỆC.\n"
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(tcvn3_bytes(text))
    decoded = read_legal_file(path)
    assert decoded == text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", read_legal_text(path).text)


def test_low_capitals_match_iconv() -> None:
    import shutil
    import subprocess

    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    for char, byte in LOW_CAPITALS.items():
        encoded = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=char.encode(),
                                 capture_output=True, check=True).stdout
        assert encoded == bytes([byte]), char


# --- files that cannot be read: each named as what it is -----------------------------------------------


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.txt", b"", "tệp rỗng"),
        ("rong.docx", b"", "tệp rỗng"),
        ("hong.docx", b"this is not a zip file", r"tệp DOCX hỏng \(không phải tệp zip"),
        ("cut.docx", b"PK\x03\x04\x14\x00\x00\x00", r"tệp DOCX hỏng \(không phải tệp zip"),
        ("hong.zip", b"PK\x03\x04 truncated", "tệp zip hỏng"),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Cat", "tệp PDF hỏng"),
    ],
)
def test_broken_files_are_named_as_such(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as error:
        read_legal_file(path)
    assert str(error.value).startswith(str(path))


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "van_ban.zip"
    write_zip(path, {"a.txt": "Điều 1.".encode()})
    with pytest.raises(InputError, match="không phải văn bản DOCX"):
        read_legal_file(path)


def test_docx_with_broken_xml_is_a_broken_docx(tmp_path: Path) -> None:
    path = tmp_path / "xml_hong.docx"
    write_zip(path, {"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})
    with pytest.raises(InputError, match="tệp DOCX hỏng"):
        read_legal_file(path)


def test_folder_lists_every_file_and_names_the_skipped_ones(tmp_path: Path) -> None:
    from analyzer.ingest.legal_files import legal_files

    for name in ("b.txt", "a.md", "sub/c.html", "anh.png", ".an.txt", "~$khoa.docx"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    listed = [(path.relative_to(tmp_path).as_posix(), error) for path, error in legal_files([tmp_path])]
    assert [name for name, _ in listed] == ["a.md", "anh.png", "b.txt", "sub/c.html"]
    skipped = {name: str(error) for name, error in listed if error is not None}
    assert list(skipped) == ["anh.png"] and "loại tệp không hỗ trợ (.png)" in skipped["anh.png"]
