"""Actions of step texts: verb class + object, on paraphrases of the same step."""

from __future__ import annotations

import pytest


def _pairs(doc):
    return [(a.verb_key, a.object_key) for a in doc._.actions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công chức kiểm tra hồ sơ.", [("kiểm tra", "hồ sơ")]),
        ("Công chức rà soát hồ sơ.", [("kiểm tra", "hồ sơ")]),
        ("Cán bộ thẩm tra lại các hồ sơ", [("kiểm tra", "hồ sơ")]),
        ("Bộ phận Một cửa kiểm tra tính hợp lệ của hồ sơ", [("kiểm tra", "hồ sơ")]),
        ("Tiến hành kiểm tra hồ sơ", [("kiểm tra", "hồ sơ")]),
        ("Sở Tư pháp chuyển hồ sơ đến Phòng Tư pháp", [("chuyển", "hồ sơ")]),
        ("Sở Tư pháp gửi hồ sơ cho Phòng Tư pháp", [("chuyển", "hồ sơ")]),
        ("Chuyển giao hồ sơ cho cơ quan thuế", [("chuyển", "hồ sơ")]),
        ("Phòng chuyên môn trình lãnh đạo Sở ký", [("trình", "lãnh đạo sở"), ("phê duyệt", None)]),
        ("Phòng chuyên môn đề xuất lãnh đạo Sở", [("trình", "lãnh đạo sở")]),
        ("Ủy ban nhân dân cấp tỉnh cấp giấy chứng nhận", [("cấp", "giấy chứng nhận")]),
        ("kiểm tra, xác minh nội dung khiếu nại", [("kiểm tra", "nội dung khiếu nại"), ("xác minh", "nội dung khiếu nại")]),
        ("Bước 2: Tiếp nhận và kiểm tra hồ sơ", [("tiếp nhận", "hồ sơ"), ("kiểm tra", "hồ sơ")]),
        ("Công chức nhận được thông báo", [("nhận", "thông báo")]),
        ("Tổ chức, cá nhân nộp 01 bộ hồ sơ trực tiếp", [("nộp", "hồ sơ")]),
    ],
)
def test_actions(nlp, text, expected):
    assert _pairs(nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "nộp tại Ủy ban nhân dân cấp xã",  # cấp = level
        "Người nộp hồ sơ",  # a role, not an action
        "cán bộ tiếp nhận hồ sơ",
        "Giấy hẹn trả kết quả",
        "Phiếu đề nghị cấp Giấy phép",  # the title of a paper
        "Mẫu ban hành kèm theo Nghị định 05/2012/NĐ-CP",
        "kể từ ngày nhận được hồ sơ",
    ],
)
def test_nominal_uses_are_not_actions_of_the_step(nlp, text):
    assert [a.verb_key for a in nlp(text)._.actions if a.verb_key != "nộp"] == []


def test_condition_clauses_hold_no_action(nlp):
    doc = nlp("Trường hợp nộp hồ sơ trực tuyến, cơ quan tiếp nhận kiểm tra hồ sơ")
    assert [a.verb_key for a in doc._.actions] == ["kiểm tra"]


def test_lead_verb_gives_way_to_the_next_verb(nlp):
    assert _pairs(nlp("Doanh nghiệp đề nghị cấp giấy phép")) == [("cấp", "giấy phép")]
    assert _pairs(nlp("Cơ quan có văn bản đề nghị doanh nghiệp")) == [("đề nghị", "doanh nghiệp")]


def test_offsets_cover_verb_and_object(nlp):
    text = "Sau đó, Sở Tư pháp chuyển hồ sơ đến Phòng Tư pháp."
    action = nlp(text)._.actions[0]
    assert text[action.start_char : action.end_char] == "chuyển hồ sơ"
    assert (action.verb, action.object) == ("chuyển", "hồ sơ")


def test_paraphrases_share_keys(nlp):
    a = nlp("Bộ phận Một cửa rà soát hồ sơ và gửi Phòng Tư pháp")._.actions
    b = nlp("Bộ phận một cửa kiểm tra hồ sơ, chuyển đến Phòng Tư pháp")._.actions
    assert [x.verb_key for x in a] == [x.verb_key for x in b] == ["kiểm tra", "chuyển"]


def test_pos_mode_uses_tags(nlp_pos):
    doc = nlp_pos("Công chức kiểm tra hồ sơ và chuyển hồ sơ.")
    assert doc.has_annotation("TAG")
    assert _pairs(doc) == [("kiểm tra", "hồ sơ"), ("chuyển", "hồ sơ")]


def test_synonym_classes_are_disjoint():
    from analyzer.nlp.resources import lexicon

    classes = lexicon().verb_classes
    assert classes["rà soát"] == classes["thẩm tra"] == "kiểm tra"
    assert classes["xác minh"] == "xác minh"  # a second check, on purpose not merged with kiểm tra
    assert classes["gửi"] == classes["chuyển giao"] == "chuyển"
    assert classes["đề xuất"] == "trình"


def test_a_verb_form_in_two_classes_is_refused():
    from analyzer.nlp.resources import _verb_classes

    with pytest.raises(ValueError, match="two classes"):
        _verb_classes([{"key": "kiểm tra", "forms": ["rà soát"]}, {"key": "xem xét", "forms": ["rà soát"]}])
