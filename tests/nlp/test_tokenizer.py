"""The tokenizer keeps every character: doc.text_with_ws == text, whatever the input."""

from __future__ import annotations

import logging
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ODD_TEXTS = [
    "",
    " ",
    "   ",
    "\t",
    "\n\n",
    "  Nộp hồ sơ  ",
    "Nộp   hồ    sơ",
    "hồ\tsơ\nhợp lệ",
    "hồ \n sơ",
    "Bước 1:\r\nNộp hồ sơ.\r\n",
    "…hợp lệ.Bước 2: Nộp hồ sơ",
    "Theo Nghị định 05/2012/NĐ-CP và Thông tư số 68/2013/TT-BCA",
    "Lệ phí 100.000đ/hồ sơ; 10 USD(/lần)",
    "Xong 😀 rồi 👍🏽 nhé 👨‍👩‍👧",
    unicodedata.normalize("NFD", "Ủy ban nhân dân cấp xã kiểm tra hồ sơ"),
    "a\u0301\u0301 x\u0300",
    "\u0300 dấu đứng đầu",
    "Ðăng ký hộ tịch tại UBND xã ð",
    "thuỷ lợi, hoà giải, khoẻ mạnh",
    "Bộ\u00a0phận\u00a0Một\u00a0cửa",
    "zero\u200bwidth và soft\u00adhyphen",
    "<p>Nộp hồ sơ</p>&nbsp;",
    "Bản sao Giấy khai sinh và thẻ Căn cước công dân",
    "ABC" * 5 + " " + "x" * 300,
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_text_with_ws_is_the_input(nlp, text):
    assert nlp(text).text_with_ws == text


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
CHARACTERS = (
    VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789" + " \t\n\r\u00a0.,;:()/-–…\"'“”%"
    + "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b" + "ðÐ😀👍"
)
SYLLABLES = ["hồ", "sơ", "thủ", "tục", "hành", "chính", "Ủy", "ban", "nhân", "dân", "cấp", "xã", "hoà", "thuỷ",
             "giấy", "khai", "sinh", "ngày", "làm", "việc", "05/2012/NĐ-CP", "Bộ", "phận", "Một", "cửa", "kiểm", "tra"]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", ", ", ". ", "", " \n "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=CHARACTERS, max_size=80))
def test_text_with_ws_holds_for_any_vietnamese_characters(nlp, text):
    assert nlp(text).text_with_ws == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.tuples(st.sampled_from(SYLLABLES), st.sampled_from(SEPARATORS)), max_size=25),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_text_with_ws_holds_for_syllable_soup(nlp, parts, form):
    text = unicodedata.normalize(form, "".join(syllable + separator for syllable, separator in parts))
    assert nlp(text).text_with_ws == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công chức kiểm tra hồ sơ", ["Công chức", "kiểm tra", "hồ sơ"]),
        ("tại Bộ phận Một cửa", ["tại", "Bộ phận Một cửa"]),
        ("trong 05 ngày làm việc", ["trong", "05", "ngày làm việc"]),
        ("theo Nghị định 05/2012/NĐ-CP", ["theo", "Nghị định", "05/2012/NĐ-CP"]),
        # the CRF glues "Bản sao" to "Giấy khai sinh"; fixed words may not be crossed
        ("Nộp Bản sao Giấy khai sinh", ["Nộp", "Bản sao", "Giấy khai sinh"]),
        ("thẻ Căn cước công dân", ["thẻ", "Căn cước công dân"]),
        # two spaces or a line break inside a word: split there, keep the whitespace as its own token
        ("hồ  sơ", ["hồ", " ", "sơ"]),
        ("hồ\nsơ", ["hồ", "\n", "sơ"]),
    ],
)
def test_words(nlp, text, expected):
    assert [token.text for token in nlp(text)] == expected


def test_segments_canonical_tones_but_keeps_the_original_text(nlp):
    doc = nlp("Uỷ ban nhân dân và Ủy ban nhân dân")
    assert [t.text for t in doc] == ["Uỷ ban nhân dân", "và", "Ủy ban nhân dân"]


def test_decomposed_text_is_segmented_like_composed_text(nlp):
    composed = "Ủy ban nhân dân cấp xã tiếp nhận hồ sơ"
    decomposed = unicodedata.normalize("NFD", composed)
    doc = nlp(decomposed)
    assert [unicodedata.normalize("NFC", t.text) for t in doc] == [t.text for t in nlp(composed)]


def test_unalignable_output_falls_back_to_whitespace_words(nlp, monkeypatch, caplog):
    import underthesea

    monkeypatch.setattr(underthesea, "word_tokenize", lambda text, **kwargs: ["not", "in", "the", "text"])
    with caplog.at_level(logging.DEBUG, logger="analyzer.nlp.tokenizer"):
        doc = nlp("Nộp  hồ sơ\n")
    assert [t.text for t in doc] == ["Nộp", " ", "hồ", "sơ", "\n"]
    assert doc.text_with_ws == "Nộp  hồ sơ\n"
    assert "not alignable" in caplog.text


@pytest.mark.parametrize("term", ["Bộ phận (Một cửa)", "a  b", "#comment", " hồ sơ"])
def test_unsafe_fixed_words_are_refused(term):
    from analyzer.nlp.resources import check_fixed_word

    with pytest.raises(ValueError):
        check_fixed_word(term)


def test_extra_fixed_words_from_config():
    from analyzer.nlp import build_pipeline

    nlp = build_pipeline({"entities": False, "actions": False, "extra_fixed_words": ["khu kinh tế cửa khẩu"]})
    assert "khu kinh tế cửa khẩu" in [t.text for t in nlp("thành lập khu kinh tế cửa khẩu mới")]
