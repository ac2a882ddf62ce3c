"""TCVN3 (ABC) and VNI: tables, decoding, round trips and conservative detection."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from analyzer.text import decode_tcvn3, decode_vni, detect_legacy, fix_legacy
from analyzer.text.legacy import encode_tcvn3, encode_vni, tcvn3_table, vni_table

SENTENCES = [
    "Xin chào tất cả mọi người",
    "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc",
    "Thủ tục hành chính phải được rà soát, loại bỏ các thủ tục không cần thiết, rườm rà.",
    "Công dân nộp hồ sơ tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã trong giờ hành chính.",
    "Không được yêu cầu người dân bổ sung hồ sơ, tài liệu quá một lần; thời hạn giải quyết là năm ngày.",
    "Ngày 22 tháng 4 năm 2019, Thủ tướng Chính phủ ban hành chỉ thị về tăng cường xử lý nhũng nhiễu.",
]

# Every letter of Vietnamese, both cases: the tables must cover them all.
VIETNAMESE_LETTERS = sorted(
    {
        unicodedata.normalize("NFC", base + mark)
        for base in "aăâeêioôơuưy"
        for mark in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    }
    | {"đ"}
)


@pytest.mark.parametrize(
    ("byte", "letter"),
    [
        (0xB5, "à"),
        (0xB8, "á"),
        (0xB6, "ả"),
        (0xCA, "ấ"),
        (0xAD, "ư"),  # the soft hyphen position: why legacy repair runs before invisible-char removal
        (0xAE, "đ"),
        (0xA7, "Đ"),
        (0xA8, "ă"),
        (0xA9, "â"),
        (0xAC, "ơ"),
        (0xF5, "ừ"),
        (0xFE, "ỵ"),
        (0xB3, "\u0301"),  # combining acute
    ],
)
def test_tcvn3_table_has_known_letters(byte: int, letter: str) -> None:
    assert tcvn3_table()[byte] == letter


def test_tcvn3_table_covers_the_high_half_only() -> None:
    assert sorted(tcvn3_table()) == list(range(0x80, 0x100))


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_agrees_with_glibc_iconv() -> None:
    # One byte a line; the combining marks (0xB0-0xB4) are left out because iconv composes them.
    letters = {byte: char for byte, char in tcvn3_table().items() if not unicodedata.combining(char)}
    payload = b"\n".join(bytes([byte]) for byte in letters)
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=payload, capture_output=True, check=True
    )
    assert result.stdout.decode("utf-8").split("\n") == list(letters.values())


def test_vni_table_covers_every_letter_once() -> None:
    table = vni_table()
    letters = set(VIETNAMESE_LETTERS) | {letter.upper() for letter in VIETNAMESE_LETTERS}
    assert set(table) == {letter for letter in letters if not letter.isascii()}
    assert len(set(table.values())) == len(table)  # decodable: no two letters share a sequence


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Xin chµo tÊt c¶", "Xin chào tất cả"),
        ("ng\u00adêi d©n", "người dân"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Thñ tôc hµnh chÝnh", "Thủ tục hành chính"),
    ],
)
def test_decode_tcvn3(legacy: str, unicode: str) -> None:
    assert decode_tcvn3(legacy) == unicode


def test_decode_tcvn3_upper_case_font() -> None:
    # .VnTimeH fonts draw the lowercase codes as capitals.
    assert decode_tcvn3("céng hßa x· héi", upper=True) == "CỘNG HÒA XÃ HỘI"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Xin chaøo", "Xin chào"),
        ("Vieät Nam", "Việt Nam"),
        ("Haø Noäi", "Hà Nội"),
        ("Ñaø Naüng", "Đà Nẵng"),
        ("nghóa vuï", "nghĩa vụ"),
        ("ngöôøi daân", "người dân"),
        ("thôøi haïn", "thời hạn"),
        ("COÄNG HOØA", "CỘNG HÒA"),
    ],
)
def test_decode_vni(legacy: str, unicode: str) -> None:
    assert decode_vni(legacy) == unicode


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_round_trip(sentence: str) -> None:
    encoded = encode_tcvn3(sentence)
    assert encoded != sentence
    assert decode_tcvn3(encoded) == sentence
    assert detect_legacy(encoded) == "tcvn3"
    assert fix_legacy(encoded) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_round_trip(sentence: str) -> None:
    encoded = encode_vni(sentence)
    assert decode_vni(encoded) == sentence
    assert detect_legacy(encoded) == "vni"
    assert fix_legacy(encoded) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_round_trip_upper_case(sentence: str) -> None:
    assert decode_vni(encode_vni(sentence.upper())) == sentence.upper()


def test_every_letter_round_trips_through_vni() -> None:
    text = " ".join(VIETNAMESE_LETTERS + [letter.upper() for letter in VIETNAMESE_LETTERS])
    assert decode_vni(encode_vni(text)) == text


def test_tcvn3_cannot_encode_capitals_outside_the_high_half() -> None:
    with pytest.raises(ValueError, match="Ú"):
        encode_tcvn3("Úc")


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES,
        "HÒA BÌNH, ĐỘC LẬP; Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        "Café crème à la française: déjà vu, naïve façade, Noël à Besançon, où est l'hôtel ?",
        "Straße, Größe, Ångström — œuvre, Ærø; the 5 µm filter costs £5 (© 2020, ± 0.5 °C).",
        "The quick brown fox jumps over the lazy dog.",
        "Hµ",  # one word is not enough evidence
        "",
    ],
)
def test_detect_legacy_leaves_other_text_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert fix_legacy(text) == text
