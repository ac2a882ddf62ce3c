"""Search: whole words close together, with or without diacritics, ranked code > name > the rest."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

import pandas as pd
import pytest

from analyzer.report.review import agency_names, search
from analyzer.report.search import (
    ANY_ORDER, IN_ORDER, PHRASE, Entry, agency_parts, name_key, rank, text_match, words,
)
from analyzer.text import fold
from support import shared_path

NAMES = [
    ("1.000001", "Tính tiền cấp quyền khai thác tài nguyên nước đối với công trình cấp cho sinh hoạt", "Tài nguyên nước"),
    ("1.000002", "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, kết hợp đăng ký hôn nhân", "Đất đai"),
    ("1.000003", "Thủ tục đăng ký lại kết hôn", "Hộ tịch"),
    ("1.000004", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch"),
    ("1.000005", "Thủ tục đăng ký kết hôn", "Hộ tịch"),
    ("1.000006", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
    ("1.000007", "Cấp bản sao Giấy khai sinh", "Hộ tịch"),
    ("1.000008", "Khai sinh, kết hôn: ghi vào sổ", "Hộ tịch"),
    ("2.000005", "Xác nhận tình trạng hôn nhân", "Hộ tịch"),
]


def entries() -> list[Entry]:
    return [Entry.of(code, name, field) for code, name, field in NAMES]


def found(query: str) -> list[str]:
    return [NAMES[i][1] for i in rank(entries(), query)]


@pytest.mark.parametrize(("tokens", "query", "expected"), [
    ("dang ky khai sinh", "khai sinh", PHRASE),
    ("dang ky lai khai sinh", "dang ky khai sinh", IN_ORDER),
    ("khai sinh dang ky", "dang ky khai sinh", ANY_ORDER),
    ("khai thac tai nguyen nuoc doi voi cong trinh cap cho sinh hoat", "khai sinh", None),  # too far apart
    ("khai sinhh", "khai sinh", None),  # whole words only
    ("ket hop dang ky hon nhan", "dang ky ket hon", None),  # "kết" and "hôn" each alone
    ("cap giay phep xay dung moi doi voi nha o", "giay phep xay dung nha o", IN_ORDER),
    ("dang ky lai khai sinh", "dang ky khai sinh lai", ANY_ORDER),  # one syllable in three may stand alone
    ("sinh khai", "khai sinh", None),
    ("dang ky ket hon", "dang ky ket hon ket", None),  # a repeated word needs its repeat
])
def test_a_match_is_whole_words_close_together(tokens: str, query: str, expected: int | None) -> None:
    assert text_match(tokens.split(), query.split()) == expected


@pytest.mark.parametrize(("query", "first", "absent"), [
    ("khai sinh", "Thủ tục đăng ký khai sinh", "Tính tiền cấp quyền khai thác"),
    ("KHAI SINH", "Thủ tục đăng ký khai sinh", "Tính tiền cấp quyền khai thác"),
    ("DANG KY KET HON", "Thủ tục đăng ký kết hôn", "Đăng ký biến động quyền sử dụng đất"),
    ("đăng ký kết hôn", "Thủ tục đăng ký kết hôn", "Xác nhận tình trạng hôn nhân"),
    ("1.000007", "Cấp bản sao Giấy khai sinh", "Thủ tục đăng ký khai sinh"),  # the code typed exactly
])
def test_ranking_puts_the_best_match_first(query: str, first: str, absent: str) -> None:
    results = found(query)
    assert results[0] == first
    assert not [name for name in results if name.startswith(absent)]


def test_a_phrase_in_the_name_beats_the_same_words_in_order_and_a_shorter_name_wins() -> None:
    assert found("dang ky ket hon") == [
        "Thủ tục đăng ký kết hôn", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "Thủ tục đăng ký lại kết hôn",
    ]


def test_the_exact_code_comes_before_names_and_a_code_prefix_lists_its_codes() -> None:
    assert found("2.000005") == ["Xác nhận tình trạng hôn nhân"]
    assert set(found("1.00000")) == {name for code, name, _ in NAMES if code.startswith("1.")}


def test_the_field_matches_after_every_name() -> None:
    results = found("ho tich")
    assert len(results) == 7 and set(results) == {name for _, name, field in NAMES if field == "Hộ tịch"}


def table() -> pd.DataFrame:
    rows = [{"version": code, "code": code, "name": name, "field": field, "agency": agency,
             "search_key": Entry.of(code, name, field, agency)}
            for (code, name, field), agency in zip(NAMES, ["Sở Tài nguyên và Môi trường", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                                                         "UBND cấp xã, Sở Tư pháp", "Ủy ban nhân dân cấp xã", "Sở  Tư pháp.", "Sở Tư pháp",
                                                         "Sở Tư pháp", "Sở Tư pháp", "sở tư pháp"])]
    return pd.DataFrame(rows)


def test_the_agency_filter_merges_spellings_of_one_agency() -> None:
    names = agency_names(table()["agency"])
    assert names == {"so tai nguyen va moi truong": "Sở Tài nguyên và Môi trường", "so tu phap": "Sở Tư pháp",
                     "uy ban nhan dan cap xa": "UBND cấp xã"}  # an abbreviation is its full form
    chosen = search(table(), "", {"agency": ["so tu phap"]})
    assert list(chosen["code"]) == ["1.000003", "1.000005", "1.000006", "1.000007", "1.000008", "2.000005"]
    assert list(search(table(), "", {"agency": ["uy ban nhan dan cap xa"]})["code"]) == ["1.000003", "1.000004"]


@pytest.mark.parametrize(("text", "parts"), [
    ("Công an tỉnh, Công an cấp Xã", ("Công an tỉnh", "Công an cấp Xã")),
    ("Cục Cảnh sát quản lý hành chính về trật tự, xã hội", ("Cục Cảnh sát quản lý hành chính về trật tự, xã hội",)),
    ("Bộ Công an; Bảo hiểm xã hội tỉnh.", ("Bộ Công an", "Bảo hiểm xã hội tỉnh")),
    ("Không có thông tin", ()),
    (None, ()),
])
def test_a_record_may_name_several_agencies(text: str | None, parts: tuple[str, ...]) -> None:
    assert agency_parts(text) == parts


def test_an_abbreviation_finds_its_full_form_and_back() -> None:
    index = [Entry.of("1", "Chứng thực chữ ký tại UBND cấp xã"), Entry.of("2", "Cấp thẻ Căn cước công dân"),
             Entry.of("3", "Đăng ký tại Ủy ban nhân dân cấp xã")]
    assert rank(index, "uy ban nhan dan cap xa") == [2, 0]  # the shorter name first
    assert rank(index, "UBND") == [2, 0]  # the short form finds both spellings
    assert rank(index, "cccd") == [1]


def test_search_ranks_within_the_filters_and_keeps_order_without_a_query() -> None:
    assert list(search(table(), "", {})["code"]) == [code for code, _, _ in NAMES]
    assert list(search(table(), "ket hon", {"agency": ["so tu phap"]})["code"]) == ["1.000005", "1.000003", "1.000008"]  # shorter name first
    assert search(table(), "   ", {}).shape[0] == len(NAMES)


def test_name_key_folds_spacing_case_diacritics_and_punctuation() -> None:
    assert name_key("  Sở  TƯ pháp. ") == name_key("so tu phap") == "so tu phap"
    assert words(fold("Mã 1.001234.000.00.00.H12")) == ["ma", "1", "001234", "000", "00", "00", "h12"]


@lru_cache(maxsize=1)
def real_names() -> list[tuple[str, str]]:
    path = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [(r["ma_thu_tuc"], r["ten_thu_tuc"]) for r in map(json.loads, lines)]


def test_on_the_real_portal_birth_and_marriage_registration_come_first() -> None:
    names = real_names()
    index = [Entry.of(code, name) for code, name in names]
    births = [names[i][1] for i in rank(index, "khai sinh")]
    assert births[0] == "Thủ tục đăng ký khai sinh"
    assert all("khai sinh" in fold(name) for name in births)  # never "khai thác … sinh hoạt"
    assert any("khai thac" in fold(n) and "sinh hoat" in fold(n) for _, n in names)  # which the portal holds
    marriages = [names[i][1] for i in rank(index, "DANG KY KET HON")]
    assert marriages[0] == "Thủ tục đăng ký kết hôn"
    assert all("ket hon" in fold(name) for name in marriages)
    assert not [name for name in marriages if "dat" in words(fold(name))]  # no land procedure
