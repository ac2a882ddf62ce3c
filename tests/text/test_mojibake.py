"""repair_field: legacy text inside Unicode fields is repaired, real text is left alone, doubt is flagged."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analyzer.text.legacy import encode_tcvn3, encode_vni
from analyzer.text.mojibake import FieldRepair, is_plausible, repair_field

TONES = "\u0301\u0300\u0309\u0303\u0323"


def as_cp1252_text(data: bytes) -> str:
    """Bytes shown as Windows-1252 does (its five undefined bytes kept as the Latin-1 controls)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data)


def cp1258_as_cp1252(text: str) -> str:
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in decomposed if mark in TONES)
        letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
        out += (letter + tone).encode("cp1258")
    return as_cp1252_text(bytes(out))


MANGLERS = {
    "vni": encode_vni,
    "tcvn3": lambda text: encode_tcvn3(text, controls=True),
    "cp1258": cp1258_as_cp1252,
    "utf-8": lambda text: as_cp1252_text(text.encode("utf-8")),
}

FIELDS = [
    "QĐ/0001-BCA",  # the decision number: one "word", an abbreviation
    "Cấp bộ",
    "Bộ Công an",
    "Thủ tục hành chính",
    "Ủy ban nhân dân ỦY BAN NHÂN DÂN",  # capitals TCVN3 writes as control codes
    "Đăng ký khai sinh",
    "05 ngày làm việc",
    "Bộ Quốc phòng",
    "Trực tuyến",
    "Mẫu biểu số 04QL- TĐSL.doc",
    "Công dân nộp hồ sơ tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã.",
]


@pytest.mark.parametrize("encoding", sorted(MANGLERS))
@pytest.mark.parametrize("original", FIELDS)
def test_mangled_field_is_repaired_to_the_original(original: str, encoding: str) -> None:
    mangled = MANGLERS[encoding](original)
    assert mangled != original
    result = repair_field(mangled)
    assert result == FieldRepair(original, result.encoding)
    assert result.encoding is not None


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tục đăng ký thường trú",
        "Cà Mau",  # real Vietnamese made of Latin-1 letters only
        "Tòa án nhân dân_old",  # real: cp1258 would put a tone mark on "T"
        "Bà",
        "25°C",
        "café crème à la française",
        "Müller GmbH",
        "5 € / lần",
        "“Trích yếu”",
        "",
        "ASCII only",
        "Kinh doanh khí",  # TCVN3 would read "khớ": no more words, and far rarer
        "UBND xã",
        "có",
        "Señor naïve Müller",  # foreign letters no decoding makes Vietnamese
    ],
)
def test_real_text_is_left_alone(text: str) -> None:
    assert repair_field(text) == FieldRepair(text)


def test_control_characters_without_a_decoding_are_suspect() -> None:
    result = repair_field("\x02\x02 \x16\x16 zz\x13")
    assert result.suspect and result.reason


def test_partly_repairable_field_is_suspect_not_clean() -> None:
    # VNI text with a stray symbol no decoding explains: decoded, but flagged
    result = repair_field(encode_vni("Thủ tục hành chính") + " ¤¤x")
    assert result.suspect and result.reason


@pytest.mark.parametrize(("word", "plausible"), [("QĐ", True), ("Ṭa", False), ("CÊp", False), ("bộ", True), ("µm", False)])
def test_plausible_words(word: str, plausible: bool) -> None:
    assert is_plausible(word) is plausible


VIETNAMESE_WORDS = st.sampled_from(
    "thủ tục hành chính công dân nộp hồ sơ tại bộ phận một cửa ủy ban nhân dân cấp xã huyện tỉnh "
    "đăng ký khai sinh kết hôn thường trú tạm giấy chứng nhận quyền sử dụng đất ngày làm việc".split()
)


@settings(max_examples=150, deadline=None)
@given(words=st.lists(VIETNAMESE_WORDS, min_size=2, max_size=12), encoding=st.sampled_from(sorted(MANGLERS)),
       upper=st.booleans())
def test_a_mangled_sentence_is_repaired_or_flagged_never_passed_wrong(words: list[str], encoding: str, upper: bool) -> None:
    original = " ".join(words).upper() if upper else " ".join(words)
    mangled = MANGLERS[encoding](original)
    # TCVN3 "tró" (= "trú") is itself good Vietnamese: with no odd word there is nothing to detect
    assume(not all(is_plausible(word) for word in mangled.split()))
    result = repair_field(mangled)
    assert result.text == original or result.suspect, result
    # knowing the record's encoding (its other fields) settles the ties
    assert repair_field(mangled, prefer=encoding).text == original or repair_field(mangled, prefer=encoding).suspect


def test_a_tie_between_encodings_is_suspect_unless_the_record_settles_it() -> None:
    mangled = encode_tcvn3("sử sử")  # "sö sö": TCVN3 "sử sử" and VNI "sư sư"
    assert repair_field(mangled).suspect
    assert repair_field(mangled, prefer="tcvn3") == FieldRepair("sử sử", "tcvn3")
    assert repair_field(mangled, prefer="vni") == FieldRepair("sư sư", "vni")


@pytest.mark.parametrize(
    ("mangled", "original"),
    [
        ("Phí : 0 Ñoàng", "Phí : 0 Đồng"),  # TCVN3 reads "ẹoỔng": a capital glued inside a word is no syllable pair
        ("Leä phí : 300.000 Ñoàng", "Lệ phí : 300.000 Đồng"),
        ("0 Giê", "0 Giờ"),  # every word well formed: "giê" is in no word of the word list, "giờ" is
        ("Thi, tuyÓn sinh", "Thi, tuyển sinh"),
        ("21/2019/tt-bgdñt", "21/2019/tt-bgdđt"),  # a lower-case abbreviation with đ
        ("41/201§-CP", "41/201Đ-CP"),
        ("PH\x02 L\x02C.docx", "PHỤ LỤC.docx"),
        (encode_vni("đăng k") + "\u200e" + encode_vni("ý hộ tịch"), "đăng k\u200eý hộ tịch"),  # a crawl's U+200E kept
        (encode_vni("Báo cáo tại khoản") + "\u202f9", "Báo cáo tại khoản\u202f9"),
    ],
)
def test_fields_that_look_right_or_keep_neutral_characters_are_repaired(mangled: str, original: str) -> None:
    assert repair_field(mangled).text == original


@pytest.mark.parametrize(("mangled", "decoded"), [("Thó y", "Thú y"), ("sè 25/2018/QH14", "số 25/2018/QH14")])
def test_well_formed_words_a_decoding_makes_more_vietnamese_are_suspect(mangled: str, decoded: str) -> None:
    result = repair_field(mangled)
    assert result.text == mangled and result.suspect and decoded in result.reason
