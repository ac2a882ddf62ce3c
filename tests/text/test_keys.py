"""canonical_tones, match_key and fold on tables of real spellings."""

from __future__ import annotations

import pytest

from analyzer.text import canonical_tones, fold, match_key


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        # open oa/oe/uy syllables: the mark moves to the first vowel (old style)
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("hoá", "hóa"),
        ("toà án", "tòa án"),
        ("thuỷ", "thủy"),
        ("thủy", "thủy"),
        ("tuỳ", "tùy"),
        ("Thuỵ Điển", "Thụy Điển"),
        ("khoẻ", "khỏe"),
        ("xoè", "xòe"),
        ("oà khóc", "òa khóc"),
        ("uỷ quyền", "ủy quyền"),
        # case is preserved
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("HOÀ", "HÒA"),
        ("KhoẺ", "KhỏE"),  # each letter keeps its own case
        # "qu" is a consonant: the mark is already on the vowel
        ("quý", "quý"),
        ("quỹ", "quỹ"),
        ("quả", "quả"),
        ("quỳ", "quỳ"),
        # closed syllables and longer vowel groups never change
        ("hoàn", "hoàn"),
        ("thuyền", "thuyền"),
        ("khuyến", "khuyến"),
        ("hoạch", "hoạch"),
        ("ngoài", "ngoài"),
        ("khuỷu", "khuỷu"),
        ("thuở", "thuở"),
        # inside punctuation and compounds
        ("(hoà giải)", "(hòa giải)"),
        ("hoà-bình", "hòa-bình"),
        ("Cộng hoà xã hội", "Cộng hòa xã hội"),
    ],
)
def test_canonical_tones(word: str, canonical: str) -> None:
    assert canonical_tones(word) == canonical


def test_canonical_tones_accepts_decomposed_input() -> None:
    assert canonical_tones("hoa\u0300") == "hòa"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Uỷ ban nhân dân", "ủy  ban\u00a0nhân dân"),
        ("HOÀ GIẢI", "hòa giải"),
        ("Sở Tư pháp\n", " sở tư  pháp"),
        ("Ðăng ký khai sinh", "Đăng ký khai sinh"),
        ("Chứng thực bản sao&nbsp;từ bản chính", "chứng thực bản sao từ bản chính"),
    ],
)
def test_match_key_equates_spellings(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hòa", "hoa"),  # different words
        ("quý", "quỹ"),
        ("Sở Tư pháp", "Sở Tư pháp tỉnh"),
    ],
)
def test_match_key_keeps_different_words_apart(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


@pytest.mark.parametrize(
    ("text", "key", "folded"),
    [
        ("  Đăng ký   thường trú ", "đăng ký thường trú", "dang ky thuong tru"),
        ("Cấp lại Giấy phép LÁI XE", "cấp lại giấy phép lái xe", "cap lai giay phep lai xe"),
        ("Uỷ ban\nnhân dân", "ủy ban nhân dân", "uy ban nhan dan"),
        ("Thủ tục hành chính", "thủ tục hành chính", "thu tuc hanh chinh"),
    ],
)
def test_match_key_and_fold(text: str, key: str, folded: str) -> None:
    assert match_key(text) == key
    assert fold(text) == folded
