"""An uploaded legal text that cannot be read gets a Vietnamese message naming the file and the reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from analyzer.ingest.base import InputError
from analyzer.ingest.legal_files import read_legal_upload


def broken_docx() -> bytes:
    """A zip with a DOCX's name and part list whose document part is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>không đóng thẻ")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("bao-cao.exe", b"MZ\x90\x00", "loại tệp «.exe» không được hỗ trợ"),
    ("khong-duoi", b"abc", "không có phần mở rộng"),
    ("du-thao.pdf", b"%PDF-1.4\n%%EOF garbage", "PDF"),
    ("du-thao.pdf", b"day khong phai PDF", "PDF"),
    ("quyet-dinh.docx", b"day khong phai zip", "DOCX"),
    ("quyet-dinh.docx", broken_docx(), "DOCX"),
    ("trong.txt", b"", "tệp rỗng"),
])
def test_unreadable_uploads_are_named_with_the_reason(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_legal_upload(name, data)
    message = str(caught.value)
    assert f"«{name}»" in message and reason in message
    assert "/tmp" not in message and "Error" not in message and "Traceback" not in message  # no path, no library detail


def test_a_readable_upload_is_parsed() -> None:
    text = "QUYẾT ĐỊNH\nVề việc ban hành quy chế\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc tiếp nhận hồ sơ.\n"
    document = read_legal_upload("quyet-dinh.txt", text.encode("utf-8"))
    assert document.source == "quyet-dinh.txt" and document.structure
