"""redundant_step: duplicated, re-checking, hand-over-only and local-certification steps."""

from __future__ import annotations

import pytest

from real_records import real_procedure

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.detect.pair_model import packaged_model
from analyzer.detect.redundant_steps import brought_for_certification, certified_facts, is_handover
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


@pytest.mark.shared
def test_each_case_of_a_reissue_opening_with_its_own_filing_is_not_a_duplicate() -> None:
    # 1.001853 (round-11 blind audit, wrong): "gửi 01 (một) bộ hồ sơ" opens each case's flow (change or loss; a move)
    procedure = real_procedure("portal_docx", 1724)
    assert procedure.code == "1.001853"
    assert not [r for r, _ in rules_of(procedure) if r == "duplicate_step"]


def test_a_step_written_again_inside_the_next_one_is_a_duplicate() -> None:
    procedure = make(
        "Thụ lý khiếu nại. Thủ trưởng thụ lý.",
        "Kiểm tra lại quyết định hành chính, hành vi hành chính bị khiếu nại",
        "Xác minh nội dung khiếu nại.\n+ Kiểm tra lại quyết định hành chính, hành vi hành chính của mình.",
        titles=False,
    )
    assert ("duplicate_step", [1, 2]) in rules_of(procedure)


def plain(*texts: str, name: str = "Thủ tục thử") -> Procedure:
    """A procedure whose steps are "Bước n: text", without titles (as most portal records give them)."""
    return Procedure(code="T.1", name=name, steps=[Step(index=n, text=f"Bước {n}: {t}") for n, t in enumerate(texts, 1)])


ADMISSION = (
    "Học sinh nộp hồ sơ đăng ký dự tuyển tại trường.",
    "Hội đồng tuyển sinh tổ chức xét tuyển theo chỉ tiêu được giao.",
    "Quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường.",
    "Trả kết quả cho học sinh.",
)


@pytest.mark.parametrize(
    "repeat",
    [
        "Sau đó, quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường.",
        "Quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường.",
        "Tiếp theo, QUYET DINH danh sach hoc sinh trung tuyen; cong khai va cong bo tren website cua truong",
    ],
    ids=["connective opener (issue 12)", "verbatim", "case, punctuation, no diacritics"],
)
def test_a_step_written_again_at_the_end_is_a_duplicate_with_the_model_probability(repeat: str) -> None:
    procedure = plain(*ADMISSION, repeat)
    findings = [f for f in detect_kind(procedure, "redundant_step", DetectionContext()) if f.rule == "duplicate_step"]
    assert [[e.index for e in f.evidence] for f in findings] == [[2, 4]]
    expected = packaged_model("steps").probability(procedure.steps[2].text.split(": ", 1)[1], repeat)
    assert findings[0].confidence == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Công chức tiếp nhận hồ sơ và kiểm tra tính hợp lệ của hồ sơ đề nghị.",
         "Tiếp theo, công chức nhận hồ sơ và kiểm tra tính hợp lệ của hồ sơ đề nghị."),
        ("Phòng chuyên môn thẩm định hồ sơ đề nghị cấp giấy phép xây dựng.",
         "Phòng chuyên môn xem xét, thẩm định hồ sơ đề nghị cấp giấy phép xây dựng."),
    ],
    ids=["tiếp nhận / nhận", "thẩm định / xem xét, thẩm định"],
)
def test_near_synonym_verbs_do_not_hide_a_duplicate(first: str, second: str) -> None:
    procedure = plain("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.", first, "Lãnh đạo ký quyết định cấp phép.", second)
    assert ("duplicate_step", [1, 3]) in rules_of(procedure)


LONG_STEP = ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương xem xét hồ sơ và cấp "
             "giấy phép cho thương nhân.")


@pytest.mark.parametrize(
    "repeat",
    [
        "Kế đến, trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương xem xét hồ sơ và cấp "
        "giấy phép cho thương nhân.",
        "Sau bước này, trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương xem xét hồ sơ "
        "và cấp giấy phép cho thương nhân.",
        "Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương thẩm tra hồ sơ và cấp giấy "
        "phép cho thương nhân.",  # one check named by another checking verb
    ],
    ids=["Kế đến", "Sau bước này", "xem xét / thẩm tra"],
)
def test_connectives_and_checking_verbs_do_not_hide_a_long_repeated_step(repeat: str) -> None:
    procedure = plain("Thương nhân nộp hồ sơ tại Bộ phận Một cửa.", LONG_STEP, "Lãnh đạo Sở ký giấy phép.", repeat)
    assert ("duplicate_step", [1, 3]) in rules_of(procedure)


def test_a_branch_written_again_word_for_word_is_a_duplicate_but_its_opposite_is_not() -> None:
    branch = ("Trường hợp hồ sơ chưa đầy đủ, hợp lệ, trong thời hạn 03 ngày làm việc Sở Tư pháp thông báo bằng văn bản "
              "để tổ chức bổ sung hồ sơ.")
    opposite = branch.replace("chưa đầy đủ", "đầy đủ").replace("thông báo bằng văn bản để tổ chức bổ sung hồ sơ",
                                                               "thông báo bằng văn bản cho tổ chức")
    steps = ("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.", branch, "Giám đốc Sở ký quyết định.")
    assert ("duplicate_step", [1, 3]) in rules_of(plain(*steps, branch))
    assert not [r for r, _ in rules_of(plain(*steps, opposite)) if r == "duplicate_step"]


def test_a_sub_bullet_under_its_steps_number_is_not_a_duplicate_of_that_step() -> None:
    procedure = plain("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.",
                      "Thẩm định hồ sơ và quyết định cấp giấy phép: Sở Tư pháp thẩm định hồ sơ trong 05 ngày.")
    procedure.steps.append(Step(index=procedure.steps[-1].index, text="+ Thẩm định hồ sơ và quyết định cấp giấy phép."))
    assert not [r for r, _ in rules_of(procedure) if r == "duplicate_step"]


@pytest.mark.parametrize(
    "steps",
    [
        ("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.", "Phòng chuyên môn thẩm định hồ sơ đề nghị cấp giấy phép.",
         "Phòng chuyên môn thẩm định hồ sơ đề nghị gia hạn giấy phép.", "Trả kết quả."),
        ("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.", "Công chức kiểm tra hồ sơ đề nghị như sau:",
         "- Công chức kiểm tra hồ sơ đề nghị về thành phần.", "Trả kết quả."),
        ("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.",
         "Trường hợp hồ sơ hợp lệ, Bộ Tư pháp kiểm tra hồ sơ và trình Chủ tịch nước quyết định.",
         "Trường hợp người xin giữ quốc tịch nước ngoài, Bộ Tư pháp kiểm tra hồ sơ và trình Chủ tịch nước quyết định.",
         "Trả kết quả."),
    ],
    ids=["another object", "a sub-bullet of its step", "decision stages of two cases"],
)
def test_look_alike_steps_are_not_duplicates(steps: tuple[str, ...]) -> None:
    assert not [r for r, _ in rules_of(plain(*steps)) if r == "duplicate_step"]


def test_a_paraphrased_copy_appended_to_a_real_record_is_found() -> None:
    procedure = real_procedure("portal_docx", 497)  # 1.002960, C/O mẫu Venezuela: six steps
    assert procedure.code == "1.002960"
    stamp = procedure.steps[4]
    procedure.steps.append(Step(index=7, text="Tiếp theo, c" + stamp.text[1:], title=None))
    found = [ev for rule, ev in rules_of(procedure) if rule == "duplicate_step"]
    assert found == [[4, 6]]


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


@pytest.mark.parametrize(
    "step",
    [
        "Trong thời hạn 20 ngày, kể từ ngày nhận được kết quả xác minh từ Bộ Công an, Bộ Tư pháp có trách nhiệm kiểm tra "
        "lại hồ sơ, nếu đủ điều kiện thì trình Chủ tịch nước.",
        "Trường hợp người xin giữ quốc tịch nước ngoài thì Bộ Tư pháp kiểm tra lại hồ sơ.",
    ],
    ids=["after new information", "a branch"],
)
def test_a_review_of_new_information_or_a_branch_is_not_a_recheck(step: str) -> None:
    procedure = plain("Người xin nộp hồ sơ tại cơ quan đại diện.", "Người thụ lý kiểm tra tính hợp lệ của hồ sơ.", step)
    assert not [r for r, _ in rules_of(procedure) if r == "recheck_step"]


def test_a_sub_bullet_detailing_its_parent_check_is_not_a_recheck() -> None:
    procedure = plain("Tổ chức nộp hồ sơ.", "Công chức kiểm tra hồ sơ:", "- Kiểm tra lại hồ sơ về thành phần, số lượng.")
    assert not [r for r, _ in rules_of(procedure) if r == "recheck_step"]


def test_the_ministry_review_after_police_verification_is_not_a_recheck() -> None:
    procedure = real_procedure("portal_flat", 1659)  # 1.004757, the audit's wrong finding (audit_baseline.md §9)
    assert procedure.code == "1.004757"
    assert not [r for r, _ in rules_of(procedure) if r == "recheck_step"]


def test_a_real_second_full_check_is_still_a_recheck() -> None:
    procedure = real_procedure("portal_docx", 1484)  # 1.001020: the processing officer checks the whole file again
    assert procedure.code == "1.001020"
    assert ("recheck_step", [2, 1]) in rules_of(procedure)


DESK_CHECK = "Bộ phận một cửa tiếp nhận và kiểm tra danh mục hồ sơ."


@pytest.mark.parametrize(
    ("steps", "evidence"),
    [
        (("Tổ chức nộp hồ sơ.", DESK_CHECK, "Trong thời hạn 07 ngày làm việc, Sở xem xét tính đầy đủ, hợp lệ của hồ sơ.",
          "Sở cấp giấy phép."), [2, 1]),
        (("Tổ chức nộp hồ sơ.", DESK_CHECK, "Sở thẩm định hồ sơ sau khi nhận hồ sơ đầy đủ, hợp lệ.", "Sở cấp giấy phép."), None),
        (("Tổ chức nộp hồ sơ.", "Sở kiểm tra tính hợp lệ của hồ sơ.", "Sở kiểm tra tính hợp lệ của hồ sơ sau hoàn thiện.",
          "Sở cấp giấy phép."), None),
        (("Tổ chức nộp hồ sơ.", "Sở tiếp nhận, xem xét tính hợp lệ của hồ sơ.", "Phòng chuyên môn kiểm tra tính đầy đủ của hồ sơ."),
         None),
        (("Nộp hồ sơ.", "Cán bộ tiếp nhận hồ sơ kiểm tra tính chính xác, đầy đủ, thống nhất, hợp lệ của hồ sơ.",
          "Công chức hộ tịch thẩm tra hồ sơ (thẩm tra tính thống nhất, hợp lệ của các thông tin trong hồ sơ)."), [2, 1]),
        (("Nộp hồ sơ.", "Cán bộ tiếp nhận hồ sơ kiểm tra tính đầy đủ của hồ sơ.",
          "Công chức hộ tịch thẩm tra hồ sơ (thẩm tra tính thống nhất, hợp lệ của các thông tin trong hồ sơ)."), None),
    ],
    ids=["the desk, then the agency checks completeness again", "look-alike: an appraisal after completeness",
         "look-alike: the check of the completed file", "look-alike: no one-stop desk",
         "the desk names consistency, the hộ tịch officer checks it again",
         "look-alike: the desk checks completeness only, the officer the information's consistency"],
)
def test_a_completeness_check_the_desk_already_made_is_a_recheck(steps: tuple[str, ...], evidence: list[int] | None) -> None:
    found = [places for rule, places in rules_of(plain(*steps)) if rule == "recheck_step"]
    assert found == ([evidence] if evidence else [])


@pytest.mark.parametrize(
    ("source", "line", "evidence"),
    [
        ("portal_flat", 1162, [2, 1]),  # 1.009523: UBCKNN (Bộ phận một cửa) checks the list, then UBCKNN checks it again
        ("portal_flat", 1229, [2, 1]),  # 1.009801: the desk's list, then "UBCKNN xem xét tính đầy đủ, hợp lệ" in 7 days
        ("portal_flat", 2444, [1, 0]),  # 1.001174: the NHNN's Bộ phận Một cửa (3 days), then the NHNN again (9 days)
        ("portal_flat", 838, None),  # 2.002469: "Thẩm định hồ sơ sau khi nhận hồ sơ đầy đủ, hợp lệ"
        ("portal_flat", 915, None),  # 1.004901: the same check in two alternative cases, no desk
        ("portal_flat", 1789, [3, 2]),  # 2.000806: the desk checks "chính xác, đầy đủ, thống nhất, hợp lệ", the hộ tịch officer "tính thống nhất, hợp lệ" again
    ],
    ids=["1.009523", "1.009801", "1.001174", "2.002469 appraisal", "1.004901 alternatives", "2.000806 hộ tịch"],
)
def test_real_double_completeness_checks(source: str, line: int, evidence: list[int] | None) -> None:
    found = [places for rule, places in rules_of(real_procedure(source, line)) if rule == "recheck_step"]
    assert found == ([evidence] if evidence else [])


@pytest.mark.parametrize(
    ("steps", "evidence"),
    [
        (("Trường gửi hồ sơ.", "Tiếp nhận, kiểm tra hồ sơ đăng ký của trường trên địa bàn.",
          "Gửi hồ sơ đã được chấp nhận về sở giáo dục và đào tạo.",
          "Tiếp nhận, kiểm tra hồ sơ đăng ký từ các Ủy ban nhân dân cấp xã, thông tin cho Ủy ban nhân dân cấp xã biết."),
         [3, 1]),
        (("Trường gửi hồ sơ.", "Gửi hồ sơ về sở giáo dục và đào tạo.",
          "Tiếp nhận, kiểm tra hồ sơ đăng ký từ các Ủy ban nhân dân cấp xã."), None),
        (("Tổ chức gửi hồ sơ.", "Tiếp nhận, kiểm tra hồ sơ của tổ chức.",
          "Tiếp nhận, kiểm tra hồ sơ do tổ chức, cá nhân gửi đến qua bưu chính."), None),
    ],
    ids=["the commune checked and forwarded, the Sở checks again", "look-alike: the commune only forwards",
         "look-alike: received from the applicant"],
)
def test_a_file_checked_below_and_checked_again_above_is_a_recheck(steps: tuple[str, ...], evidence: list[int] | None) -> None:
    found = [places for rule, places in rules_of(plain(*steps)) if rule == "recheck_step"]
    assert found == ([evidence] if evidence else [])


@pytest.mark.parametrize(
    ("source", "line", "code"),
    [("portal_docx", 970, "1.000691"), ("portal_docx", 953, "1.000280"), ("portal_docx", 973, "1.000715")],
)
def test_real_school_accreditation_files_checked_by_the_commune_then_the_so(source: str, line: int, code: str) -> None:
    procedure = real_procedure(source, line)
    assert procedure.code == code
    assert [places for rule, places in rules_of(procedure) if rule == "recheck_step"] == [[3, 1]]


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


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("người đề nghị mang tờ khai đến ubnd cấp xã để xác nhận về hoàn cảnh gia đình", "ubnd cấp xã"),
        ("người vay viết giấy đề nghị vay vốn, xin xác nhận của ubnd cấp xã về địa điểm sản xuất kinh doanh", "ubnd cấp xã"),
        ("gửi trực tiếp tới ủy ban nhân dân cấp xã xác nhận", "ủy ban nhân dân cấp xã"),
        ("người lao động lập bản khai, không phải xin xác nhận của ủy ban nhân dân cấp xã", None),
        ("ủy ban nhân dân cấp xã xác nhận vào tờ khai và chuyển phòng lao động", None),
        ("lập danh sách tổ viên đề nghị vay vốn nhcsxh kèm giấy đề nghị vay vốn của các tổ viên trình ubnd cấp xã xác nhận",
         "ubnd cấp xã"),
        ("sau khi có xác nhận của ubnd cấp xã là hộ nghèo trên danh sách tổ viên đề nghị vay vốn", "ubnd cấp xã"),
        ("văn bản đề nghị gia hạn, trong đó nêu rõ lý do có xác nhận của ủy ban nhân dân cấp xã", "ủy ban nhân dân cấp xã"),
        ("công chức địa chính kiểm tra thông tin trình chủ tịch ủy ban nhân dân xã xác nhận", None),
        ("người khai báo nhận lại phiếu khai báo tạm trú đã có xác nhận của công an cấp xã", None),
        ("cơ sở trợ giúp xã hội lập biên bản bàn giao đối tượng có xác nhận của ủy ban nhân dân cấp xã", None),
    ],
    ids=["brought to the commune", "asked of the commune", "sent to the commune", "waived", "the commune acts itself",
         "presented to the commune (NHCSXH list)", "awaited after the commune's confirmation",
         "on the applicant's request letter", "look-alike: the commune's officer to its chairman",
         "look-alike: the stamped slip handed back", "look-alike: a body's own record"],
)
def test_a_certification_the_applicant_fetches_from_the_commune(clause: str, expected: str | None) -> None:
    match = brought_for_certification(clause, Resources.default().cues)
    assert (match and (match.group("authority") or match.group("asked") or match.group("awaited"))) == expected


@pytest.mark.parametrize(
    ("source", "line", "code"),
    [("portal_docx", 1882, "2.000242"), ("portal_docx", 1888, "2.000306"), ("portal_docx", 1963, "2.000667")],
)
def test_real_commune_confirmations_of_social_policy_loan_lists(source: str, line: int, code: str) -> None:
    procedure = real_procedure(source, line)
    assert procedure.code == code
    assert [r for r, _ in rules_of(procedure) if r == "local_certification"] == ["local_certification"]


def test_certification_by_the_commune_that_then_decides_is_found_with_higher_confidence() -> None:
    steps = ("Người đề nghị mang tờ khai đến UBND cấp xã để xác nhận về hoàn cảnh gia đình.",
             "Nộp hồ sơ tại Ủy ban nhân dân cấp xã.")
    same = Procedure(code="T.1", name="Trợ cấp", agency="Ủy ban nhân dân cấp xã",
                     steps=[Step(index=n, text=t) for n, t in enumerate(steps, 1)])
    other = same.model_copy(update={"agency": "Ngân hàng Chính sách xã hội"})
    confidence = {p.agency: [f.confidence for f in detect_kind(p, "redundant_step", DetectionContext())
                             if f.rule == "local_certification"] for p in (same, other)}
    assert confidence == {"Ủy ban nhân dân cấp xã": [0.8], "Ngân hàng Chính sách xã hội": [0.7]}


def test_a_real_commune_certification_inside_a_step_is_found() -> None:
    procedure = real_procedure("portal_docx", 1819)  # 1.002280: "xin xác nhận của UBND cấp xã về địa điểm ..."
    assert procedure.code == "1.002280"
    assert [r for r, _ in rules_of(procedure) if r == "local_certification"] == ["local_certification"]


# ---------------------------------------------------------------- rules as configuration


def test_disabled_rules_do_not_run() -> None:
    procedure = make(SUBMIT, "Kiểm tra hồ sơ. Công chức kiểm tra.", "Rà soát hồ sơ. Công chức rà soát.")
    assert rules_of(procedure, {"rules": {"duplicate_step": {"enabled": False}}}) == []


def test_a_procedure_without_steps_has_no_step_findings() -> None:
    assert rules_of(Procedure(code="T.0", name="Trống")) == []
