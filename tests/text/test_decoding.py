"""decode_bytes / read_text_file: every supported encoding, and clear errors for the rest."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import pytest

from analyzer.text import TextDecodeError, decode_bytes, read_text_file
from analyzer.text.legacy import encode_tcvn3, encode_vni

TONES = "\u0301\u0300\u0309\u0303\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: letter (â, ơ, ư ...) + separate tone mark."""
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in decomposed if mark in TONES)
        letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
        out += (letter + tone).encode("cp1258")
    return bytes(out)


TEXT = "Cộng hòa xã hội chủ nghĩa Việt Nam\nThủ tục đăng ký thường trú: nộp hồ sơ tại Công an cấp xã."


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf-16 with BOM", TEXT.encode("utf-16")),
        ("utf-16-le with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf-16-le without BOM", TEXT.encode("utf-16-le")),
        ("utf-16-be without BOM", TEXT.encode("utf-16-be")),
        ("cp1258", encode_cp1258(TEXT)),
        ("tcvn3", encode_tcvn3(TEXT).encode("latin-1")),
        ("vni", encode_vni(TEXT).encode("cp1252")),
    ],
)
def test_decode_bytes(label: str, data: bytes) -> None:
    assert decode_bytes(data, label) == TEXT


def test_cp1258_bytes_really_are_decomposed() -> None:
    # The reason for the NFC step: Python's cp1258 codec yields base letter + combining mark.
    assert "ệ" not in encode_cp1258("Việt").decode("cp1258")
    assert decode_bytes(encode_cp1258("Việt Nam hòa bình")) == "Việt Nam hòa bình"


def test_decode_bytes_of_plain_ascii_and_empty() -> None:
    assert decode_bytes(b"Plain ASCII 123") == "Plain ASCII 123"
    assert decode_bytes(b"") == ""


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe\x00\xd8", "UTF-16"),  # BOM, then a lone surrogate
        (codecs.BOM_UTF8 + b"ok \xc3", "UTF-8"),  # BOM, then a truncated sequence
        (b"\x00\x01\x02\x03abc\xff", "NUL"),
        (bytes(range(0x80, 0x100)) * 4, "0x80"),  # not text in any encoding: names the first bad byte
    ],
)
def test_undecodable_bytes_raise_with_source_and_reason(data: bytes, fragment: str) -> None:
    with pytest.raises(TextDecodeError) as caught:
        decode_bytes(data, "hoso/thu-tuc.txt")
    message = str(caught.value)
    assert "hoso/thu-tuc.txt" in message
    assert fragment in message
    assert isinstance(caught.value, ValueError)
    assert caught.value.offset is not None


def test_error_names_the_offset_of_the_first_bad_byte() -> None:
    data = "Xin chào ".encode("utf-8") + bytes(range(0x80, 0xA0)) * 3
    with pytest.raises(TextDecodeError) as caught:
        decode_bytes(data, "x.txt")
    assert caught.value.offset == len("Xin chào ".encode("utf-8"))
    assert f"vị trí {caught.value.offset}" in str(caught.value)


def test_read_text_file(tmp_path: Path) -> None:
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(encode_tcvn3(TEXT).encode("latin-1"))
    assert read_text_file(path) == TEXT


def test_read_text_file_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "rac.bin"
    path.write_bytes(bytes(range(0x80, 0x100)) * 2)
    with pytest.raises(TextDecodeError, match=re.escape("rac.bin")):
        read_text_file(path)
