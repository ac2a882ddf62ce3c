"""redundant_step: duplicated, re-checking, hand-over-only and local-certification steps."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.detect.redundant_steps import certified_facts, is_handover
from analyzer.detect._similarity import key
from analyzer.model import Procedure, Step
from analyzer.resources import Resources


def make(*steps: str, name: str = "Thủ tục thử", titles: bool = True) -> Procedure:
    """A procedure whose steps are "Bước n: Title. Body" texts; the title is what precedes the first full stop."""
    built = []
    for n, text in enumerate(steps, start=1):
        title = text.split(".", 1)[0] if titles and "." in text else None
        built.append(Step(index=n, text=f"Bước {n}: {text}", title=title))
    return Procedure(code="T.1", name=name, steps=built)


def rules_of(procedure: Procedure, config: dict | None = None) -> list[tuple[str, list[int | None]]]:
    findings = detect_kind(procedure, "redundant_step", DetectionContext(rules=load_rules(config)))
    return [(f.rule, [e.index for e in f.evidence]) for f in findings]


# ---------------------------------------------------------------- duplicate_step

SUBMIT = "Nộp hồ sơ. Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa."
DECIDE = "Cấp giấy phép. Chủ tịch Ủy ban nhân dân cấp xã ký cấp giấy phép."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kiểm tra tính hợp lệ của hồ sơ. Công chức kiểm tra hồ sơ.", "Rà soát hồ sơ. Công chức rà soát hồ sơ đã nhận."),
        ("Kiểm tra hồ sơ. Công chức kiểm tra.", "KIỂM TRA HỒ SƠ. Công chức kiểm tra lần nữa."),  # case
        ("Kiểm tra hồ sơ. Công chức kiểm tra.", "- «Kiểm tra hồ sơ»;. Công chức kiểm tra lần nữa."),  # punctuation
        ("Thẩm định hồ sơ đề nghị. Phòng chuyên môn thẩm định.", "Thẩm định hồ sơ đề nghị. Phòng chuyên môn thẩm định."),
    ],
    ids=["synonym verb", "case", "punctuation", "verbatim"],
)
def test_the_same_action_twice_in_other_words_is_a_duplicate(first: str, second: str) -> None:
    found = rules_of(make(SUBMIT, first, second, DECIDE))
    assert ("duplicate_step", [1, 2]) in found


def test_duplicate_survives_renumbering_and_reordering_of_other_steps() -> None:
    procedure = make(SUBMIT, "Kiểm tra hồ sơ. Công chức kiểm tra.", DECIDE, "Rà soát hồ sơ. Công chức rà soát.")
    procedure.steps[3].index = 7  # the source numbers it "Bước 7"
    findings = list(detect_kind(procedure, "redundant_step", DetectionContext()))
    duplicate = next(f for f in findings if f.rule == "duplicate_step")
    assert [e.index for e in duplicate.evidence] == [1, 3]  # positions, not "Bước n"
    assert "Bước 7" in duplicate.message and duplicate.suggestion.params["merge"] == [2, 7]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kiểm tra hồ sơ. Công chức kiểm tra.", "Thẩm định hồ sơ. Phòng chuyên môn thẩm định."),  # another act
        ("Nộp hồ sơ trực tiếp. Tại Bộ phận Một cửa.", "Nộp hồ sơ trực tuyến. Trên Cổng Dịch vụ công."),  # channels
        ("Trường hợp hồ sơ hợp lệ. Cấp phiếu hẹn.", "Trường hợp hồ sơ không hợp lệ. Trả lại hồ sơ."),  # branches
    ],
    ids=["different action", "parallel channels", "alternative branches"],
)
def test_different_or_alternative_steps_are_not_duplicates(first: str, second: str) -> None:
    assert not [r for r, _ in rules_of(make(first, second)) if r == "duplicate_step"]


def test_a_flow_listed_again_for_another_case_is_not_a_duplicate() -> None:
    flow = ["Nộp hồ sơ. Tổ chức nộp hồ sơ.", "Kiểm tra hồ sơ. Cơ quan kiểm tra.", "Trả kết quả. Cơ quan trả kết quả."]
    assert not [r for r, _ in rules_of(make(*flow, *flow)) if r == "duplicate_step"]


def test_a_step_written_again_inside_the_next_one_is_a_duplicate() -> None:
    procedure = make(
        "Thụ lý khiếu nại. Thủ trưởng thụ lý.",
        "Kiểm tra lại quyết định hành chính, hành vi hành chính bị khiếu nại",
        "Xác minh nội dung khiếu nại.\n+ Kiểm tra lại quyết định hành chính, hành vi hành chính của mình.",
        titles=False,
    )
    assert ("duplicate_step", [1, 2]) in rules_of(procedure)


# ---------------------------------------------------------------- recheck_step


def test_a_step_that_checks_again_what_an_earlier_step_checked_is_a_recheck() -> None:
    procedure = make(SUBMIT, "Tiếp nhận hồ sơ. Công chức kiểm tra tính hợp lệ của hồ sơ.",
                     "Thẩm định lại hồ sơ. Phòng chuyên môn thẩm định lại toàn bộ hồ sơ.", DECIDE)
    found = rules_of(procedure)
    assert ("recheck_step", [2, 1]) in found
    assert not [r for r, _ in found if r == "duplicate_step"]  # one problem, one rule


@pytest.mark.parametrize(
    "step",
    [
        "Kiểm tra lại quyết định hành chính bị khiếu nại. Thủ trưởng kiểm tra lại.",  # nothing checked it before
        "Đăng ký kiểm tra lại hồ sơ. Người không đạt có thể đề nghị kiểm tra lại.",  # on request
    ],
    ids=["nothing checked before", "on request"],
)
def test_a_first_or_requested_recheck_is_not_a_finding(step: str) -> None:
    procedure = make(SUBMIT, "Tiếp nhận hồ sơ. Công chức ghi sổ.", step)
    assert not [r for r, _ in rules_of(procedure) if r == "recheck_step"]


# ---------------------------------------------------------------- handover_chain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chuyển hồ sơ. Chi nhánh chuyển hồ sơ lên Văn phòng đăng ký đất đai.", True),
        ("Trình ký. Phòng Kinh tế và Hạ tầng trình Lãnh đạo Ủy ban nhân dân cấp huyện ký giấy phép.", True),
        ("Chuyển kết quả. Phòng chuyển kết quả về Bộ phận tiếp nhận và trả kết quả.", True),
        ("Thẩm định hồ sơ. Phòng chuyên môn thẩm định và chuyển hồ sơ cho lãnh đạo.", False),
        ("Tàu thuyền chuyển cảng. Người làm thủ tục nộp giấy tờ.", False),
    ],
)
def test_pure_hand_over_steps(text: str, expected: bool) -> None:
    assert is_handover(make(text).steps[0], Resources.default()) is expected


def test_two_consecutive_hand_overs_make_a_chain_citing_each_step() -> None:
    procedure = make(SUBMIT, "Kiểm tra hồ sơ. Công chức kiểm tra.", "Chuyển hồ sơ. Bộ phận Một cửa chuyển hồ sơ lên Phòng.",
                     "Trình ký. Phòng trình Lãnh đạo ký.", DECIDE)
    assert ("handover_chain", [2, 3]) in rules_of(procedure)
    assert not [r for r, _ in rules_of(procedure, {"rules": {"handover_chain": {"params": {"min_chain": 3}}}})
                if r == "handover_chain"]


# ---------------------------------------------------------------- local_certification


@pytest.mark.parametrize(
    ("clause", "facts"),
    [
        ("Ủy ban nhân dân cấp xã xác nhận vào đơn việc người đề nghị đang thường trú tại địa phương", {"cu_tru"}),
        ("lấy xác nhận của UBND cấp xã nơi hộ vay đang sinh sống, cư trú hợp pháp", {"cu_tru"}),
        ("xuất trình CMND hoặc xác nhận của UBND cấp xã nơi người vay cư trú (đối với người vay không có CMND)",
         {"nhan_than"}),
        ("xin xác nhận của UBND cấp xã nơi cư trú về hoàn cảnh khó khăn", set()),  # the place, not the fact
        ("gửi hồ sơ sau khi có xác nhận của UBND cấp xã là hộ nghèo", set()),  # not held by a database
        ("không cần xác nhận của Công an xã về nơi tạm trú", set()),  # waived
        ("trường hợp không tra cứu được cơ sở dữ liệu thì đề nghị UBND cấp xã xác nhận tình trạng hôn nhân", set()),
    ],
)
def test_certified_facts(clause: str, facts: set[str]) -> None:
    assert {f.id for f in certified_facts(key(clause), Resources.default().cues, Resources.default().state_data)} == facts


def test_local_certification_cites_the_clause_of_the_step() -> None:
    procedure = make(SUBMIT, "Xác nhận nơi thường trú. Ủy ban nhân dân cấp xã xác nhận vào Đơn việc người đề nghị "
                             "đang thường trú tại địa phương.")
    findings = [f for f in detect_kind(procedure, "redundant_step", DetectionContext()) if f.rule == "local_certification"]
    assert [e.index for f in findings for e in f.evidence] == [1]
    evidence = findings[0].evidence[0]
    assert procedure.steps[1].text[evidence.start:evidence.end] == evidence.text
    assert "Cơ sở dữ liệu quốc gia về dân cư" in findings[0].message


# ---------------------------------------------------------------- rules as configuration


def test_disabled_rules_do_not_run() -> None:
    procedure = make(SUBMIT, "Kiểm tra hồ sơ. Công chức kiểm tra.", "Rà soát hồ sơ. Công chức rà soát.")
    assert rules_of(procedure, {"rules": {"duplicate_step": {"enabled": False}}}) == []


def test_a_procedure_without_steps_has_no_step_findings() -> None:
    assert rules_of(Procedure(code="T.0", name="Trống")) == []
