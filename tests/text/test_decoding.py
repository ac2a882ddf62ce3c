"""decode_bytes / read_text_file: every supported encoding, and clear errors for the rest."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import pytest

from analyzer.text import TextDecodeError, decode_bytes, read_text_file
from analyzer.text.decoding import LineDecodeError, decode_line, detect_line_encoding
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


# --- line by line ---------------------------------------------------------------------------------


LINES = [f'{{"name": "{sentence}"}}' for sentence in TEXT.splitlines()] * 20


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", "\n".join(LINES).encode("utf-8")),
        ("utf-16-le", "\n".join(LINES).encode("utf-16")),  # BOM
        ("utf-16-be", "\n".join(LINES).encode("utf-16-be")),  # no BOM: NUL pattern
        ("cp1258", b"\n".join(encode_cp1258(line) for line in LINES)),
        ("tcvn3", b"\n".join(encode_tcvn3(line).encode("latin-1") for line in LINES)),
        ("vni", b"\n".join(encode_vni(line).encode("cp1252") for line in LINES)),
    ],
)
def test_detect_line_encoding(encoding: str, data: bytes) -> None:
    assert detect_line_encoding(data) == encoding


def test_a_few_bad_lines_do_not_make_a_utf8_file_legacy() -> None:
    lines = [line.encode("utf-8") for line in LINES]
    lines[5] = bytes(range(0x80, 0xC0))
    assert detect_line_encoding(b"\n".join(lines)) == "utf-8"


def test_a_file_in_no_encoding_is_refused_with_the_reason() -> None:
    with pytest.raises(TextDecodeError, match="TCVN3"):
        detect_line_encoding(bytes(range(0x80, 0x100)) * 8, "rac.jsonl")


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("Nộp hồ sơ".encode() + b"\xff" + " tại xã".encode(), 10, "byte 0xFF"),
        (b"ab\xc3", 3, "ends inside a multi-byte character"),  # a last line cut inside "à"
        ("Thủ".encode() + b"\xe1\xbb", 4, "ends inside a multi-byte character"),
    ],
)
def test_decode_line_names_the_column(line: bytes, column: int, fragment: str) -> None:
    with pytest.raises(LineDecodeError) as caught:
        decode_line(line, "utf-8")
    assert caught.value.column == column
    assert f"invalid UTF-8 at column {column}" in str(caught.value) and fragment in str(caught.value)


def test_a_sample_cut_inside_a_character_of_one_long_line_is_still_utf8() -> None:
    # portal-flat line 2193 (1.013238) is one 133 KB record: the 64 KiB sample ends inside "ế" (3 bytes)
    line = ("x" * 65533 + "ế").encode("utf-8")
    sample = line[:65535]
    assert detect_line_encoding(sample, "one_record.jsonl", complete=False) == "utf-8"
    with pytest.raises(TextDecodeError):  # cut short or not, bytes in no encoding are still refused
        detect_line_encoding(bytes(range(0x80, 0x100)) * 400, "rac.jsonl", complete=False)
