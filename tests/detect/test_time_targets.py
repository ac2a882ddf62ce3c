"""time_targets: reissues that take as long as a first issuance, completeness checks that take days."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, PeerStats, detect_kind, load_rules
from analyzer.model import Channel, Procedure, Step
from analyzer.parse.duration import parse_duration


def run(procedure: Procedure) -> list:
    return list(detect_kind(procedure, "long_processing_time", DetectionContext(rules=load_rules(None), peers=PeerStats())))


def places(procedure: Procedure, rule: str) -> list[list[tuple[str, int | None]]]:
    return [[(e.field, e.index) for e in f.evidence] for f in run(procedure) if f.rule == rule]


def make(name: str, time: str, *steps: str) -> Procedure:
    return Procedure(code="T.1", name=name, channels=[Channel(mode="truc_tiep", duration=parse_duration(time))],
                     steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)])


# ---------------------------------------------------------------- reissue_time


@pytest.mark.parametrize(
    ("source", "code", "place"),
    [
        ("portal_docx", "2.000665", ("steps", 0)),  # a lost retail licence: 5 working days (blind gold)
        ("portal_flat", "1.001117", ("steps", 0)),  # a lost registration of a forensic office: 3 working days
        ("portal_flat", "1.001294", ("channels", 0)),  # a health-insurance card: 7 working days
    ],
)
def test_a_reissue_that_takes_days_is_found_on_real_records(source: str, code: str, place: tuple, tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "reissue_time"]
    assert place in [(e.field, e.index) for e in finding.evidence]
    assert finding.suggestion.params["target_working_days"] == 2.0
    assert "cấp lại giấy tờ đã cấp" in finding.message and "không quá 2 ngày làm việc" in finding.message


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("portal_flat", "1.008624"),  # a lawyer's certificate reissued after revocation: examined again
        ("portal_docx", "1.000180"),  # an inspector's certificate reissued after revocation
        ("portal_flat", "2.002286"),  # a transport licence reissued because its content changed
        ("portal_flat", "3.000401"),  # 2 working days already
        ("portal_flat", "3.000356"),  # a test centre's licence (sát hạch)
    ],
)
def test_reissues_that_examine_again_or_are_fast_stay_clean(source: str, code: str, tmp_path) -> None:
    from support import real_procedure

    assert [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "reissue_time"] == []


@pytest.mark.parametrize(
    ("name", "time", "expected"),
    [
        ("Cấp lại giấy phép do bị mất, hư hỏng", "5 ngày làm việc", True),
        ("Cấp đổi giấy chứng nhận", "7 ngày làm việc", True),
        ("Cấp lại giấy phép do bị mất, hư hỏng", "2 ngày làm việc", False),  # at the target already
        ("Cấp giấy phép", "5 ngày làm việc", False),  # a first issuance
        ("Cấp, cấp lại thẻ", "7 ngày làm việc", False),  # the time is also the first issuance's
        ("Cấp lại giấy phép khi hết hạn", "5 ngày làm việc", False),  # a renewal re-checks conditions
        ("Cấp lại chứng chỉ sau khi thi lại", "5 ngày làm việc", False),
        ("Cấp lại giấy phép", "Theo quy định", False),  # no definite time
    ],
)
def test_reissue_time_table(name: str, time: str, expected: bool) -> None:
    assert bool(places(make(name, time), "reissue_time")) is expected


def test_a_reissue_yields_to_the_cut_long_time_target_proposes() -> None:
    procedure = make("Cấp lại giấy phép do bị mất", "30 ngày làm việc")
    rules = [f.rule for f in run(procedure)]
    assert "long_time_target" in rules and "reissue_time" not in rules


# ---------------------------------------------------------------- completeness_check_time


@pytest.mark.parametrize(
    ("source", "code", "step", "days"),
    [
        ("portal_flat", "1.014154", 1, "60 ngày"),  # 60 days only to confirm the dossier is complete (blind gold)
        ("portal_flat", "1.013336", 1, "20 ngày"),  # 20 days only to ask for more papers
        ("portal_docx", "1.001207", 1, "10 ngày làm việc"),  # 10 working days just to ask for more information
        ("portal_docx", "1.001704", 1, "03 ngày làm việc"),  # 3 working days just to acknowledge receipt
    ],
)
def test_a_completeness_check_that_takes_days_is_found_on_real_records(source: str, code: str, step: int, days: str,
                                                                      tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "completeness_check_time"]
    assert [(e.field, e.index) for e in finding.evidence] == [("steps", step)]
    assert f"đã mất {days} kể từ khi nhận hồ sơ" in finding.message
    # its own proposal: check on receipt (not align_time_limits, which is about step limits above the total)
    assert finding.suggestion.action == "check_on_receipt"
    assert finding.suggestion.params["target_working_days"] == 1.0
    assert finding.suggestion.params["current_working_days"] > finding.suggestion.params["target_working_days"]
    assert finding.suggestion.params["current_text"] == days  # quoted for the plan as the record words it


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("portal_flat", "1.003755"),  # "trả lời tính đầy đủ của hồ sơ trong 01 ngày làm việc", then 7 to decide
        ("portal_flat", "1.013225"),  # 7 working days to appraise and inspect the site, then ask for papers once
    ],
)
def test_a_short_check_or_an_appraisal_stays_clean_on_real_records(source: str, code: str, tmp_path) -> None:
    from support import real_procedure

    assert [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "completeness_check_time"] == []


DECIDE = "Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở cấp giấy phép."


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, Sở có văn bản yêu cầu bổ sung hồ sơ.", DECIDE), True),
        (("Trong thời hạn 01 ngày làm việc kể từ ngày nhận hồ sơ, Sở có văn bản yêu cầu bổ sung hồ sơ.", DECIDE), False),
        (("Trong thời hạn 02 ngày làm việc kể từ ngày nhận hồ sơ, Sở có văn bản yêu cầu bổ sung hồ sơ.", DECIDE), False),
        # counted from a complete dossier: the decision's own limit, not a check on receipt
        (("Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở có văn bản yêu cầu bổ sung.", DECIDE), False),
        # no decision clock that starts from a complete dossier: the check runs inside the declared time
        (("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, Sở có văn bản yêu cầu bổ sung hồ sơ.",), False),
        # the applicant's deadline counted from the agency's letter (1.002342)
        (("Trong thời hạn 06 tháng, kể từ ngày Cơ quan tiếp nhận hồ sơ có văn bản yêu cầu khắc phục, cơ sở phải nộp báo cáo.",
          DECIDE), False),
        # a limit to decide that mentions a supplement only in passing stays clean
        (("Trong thời hạn 10 ngày làm việc kể từ ngày nhận hồ sơ, Sở thẩm định và cấp giấy phép.", DECIDE), False),
        # the desk's notice that the dossier as filed falls short (1.000716: "nếu hồ sơ không đáp ứng yêu cầu quy định
        # thì cơ quan tiếp nhận hồ sơ thông báo bằng văn bản")
        (("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, nếu hồ sơ không đáp ứng yêu cầu quy định thì cơ quan "
          "tiếp nhận hồ sơ thông báo bằng văn bản cho nhà đầu tư.", DECIDE), True),
        (("Trường hợp hồ sơ chưa đầy đủ, hợp lệ, trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ, Bộ có "
          "trách nhiệm thông báo bằng văn bản cho doanh nghiệp.", DECIDE), True),
        # ... but not where the same clause appraises: the decision's stage
        (("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, Sở thẩm định hồ sơ, nếu hồ sơ không hợp lệ thì "
          "thông báo bằng văn bản.", DECIDE), False),
        # the desk's check with no event named runs from receipt (1.014282, the mining decree's "Tiếp nhận và kiểm
        # tra hồ sơ")
        (("Trong thời hạn 03 ngày làm việc, cơ quan tiếp nhận hồ sơ có trách nhiệm xem xét, kiểm tra tính đầy đủ của "
          "hồ sơ.", DECIDE), True),
        # ... only in the first agency step: a later one may run from the end of the one before
        (("Bộ phận một cửa tiếp nhận hồ sơ và chuyển Phòng chuyên môn.", "Trong thời hạn 03 ngày làm việc, Phòng chuyên "
          "môn kiểm tra tính đầy đủ của hồ sơ.", DECIDE), False),
        # ... nor the applicant's time to supply, after the notice (1.000887)
        (("Trường hợp hồ sơ không đầy đủ, hợp lệ, Ủy ban thông báo cho doanh nghiệp sửa đổi, bổ sung hồ sơ trong vòng "
          "30 ngày.", DECIDE), False),
        # ... and not a limit counted from another event
        (("Trong thời hạn 05 ngày làm việc sau khi hết thời hạn niêm yết, Sở có văn bản yêu cầu bổ sung hồ sơ.", DECIDE),
         False),
    ],
)
def test_completeness_check_table(steps: tuple[str, ...], expected: bool) -> None:
    procedure = make("Cấp giấy phép", "10 ngày làm việc", *steps)
    assert bool(places(procedure, "completeness_check_time")) is expected


# ---------------------------------------------------------------- open_ended_stage


@pytest.mark.parametrize(
    ("source", "code", "stage"),
    [
        ("portal_docx", "1.013850", "đánh giá"),  # "(không bao gồm thời gian đánh giá tại cơ sở kiểm nghiệm)" (blind gold)
        ("portal_docx", "1.013844", "đánh giá"),  # "(chưa bao gồm thời gian đánh giá cơ sở kiểm nghiệm trong trường hợp cần thiết)"
        ("portal_flat", "1.014065", "kiểm tra"),  # "không tính thời gian kiểm tra, xác minh thông tin …" (blind gold)
    ],
)
def test_a_stage_the_time_leaves_out_without_a_limit_is_found_on_real_records(source: str, code: str, stage: str,
                                                                              tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "open_ended_stage"]
    assert ("channels", 0) in [(e.field, e.index) for e in finding.evidence]
    assert f"không quy định thời hạn cho việc {stage} này" in finding.message
    assert finding.suggestion.action == "specify_time"
    assert "người gốc Việt Nam" in finding.message or code != "1.014065"  # quoted as written, capitals kept


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("portal_flat", "2.001328"),  # "không kể thời gian bổ sung, hoàn thiện hồ sơ": the applicant's own time
        ("portal_flat", "1.007923"),  # "không tính thời gian khắc phục nếu có của tổ chức, cá nhân"
        ("portal_flat", "1.014246"),  # "không tính thời gian tổ chức, cá nhân chỉnh sửa, bổ sung, hoàn thiện hồ sơ"
        ("portal_docx", "1.012977"),  # "Không bao gồm thời gian cơ sở giáo dục đại học … sửa đổi, bổ sung Hồ sơ"
        ("portal_flat", "1.012564"),  # the transfer between police offices left out, which the steps ask "ngay"
    ],
)
def test_the_applicants_own_time_left_out_stays_clean_on_real_records(source: str, code: str, tmp_path) -> None:
    from support import real_procedure

    assert [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "open_ended_stage"] == []


@pytest.mark.parametrize(
    ("time", "steps", "expected"),
    [
        ("20 ngày làm việc (không tính thời gian lấy ý kiến các bộ, ngành)", (DECIDE,), True),
        ("20 ngày làm việc (không bao gồm thời gian thẩm định thực tế tại cơ sở)", (DECIDE,), True),
        # the stage has its own limit in the excluded phrase, or in a step
        ("20 ngày làm việc (không tính thời gian lấy ý kiến các bộ, tối đa 10 ngày làm việc)", (DECIDE,), False),
        ("20 ngày làm việc (không tính thời gian lấy ý kiến các bộ)",
         ("Trong thời hạn 10 ngày làm việc, Sở lấy ý kiến các bộ, ngành.", DECIDE), False),
        # the applicant's own time, named first
        ("20 ngày làm việc (không tính thời gian tổ chức bổ sung hồ sơ và thời gian thẩm định lại)", (DECIDE,), False),
        ("20 ngày làm việc (không kể thời gian nghỉ lễ)", (DECIDE,), False),
        ("20 ngày làm việc kể từ ngày nhận đủ hồ sơ", (DECIDE,), False),
    ],
)
def test_open_ended_stage_table(time: str, steps: tuple[str, ...], expected: bool) -> None:
    procedure = make("Cấp giấy phép", "20 ngày làm việc", *steps)
    procedure.channels[0].description = time
    assert bool(places(procedure, "open_ended_stage")) is expected


# ---------------------------------------------------------------- lost_paper_wait


@pytest.mark.parametrize(
    ("source", "code", "place"),
    [
        # reissuing a vehicle registration: a 30-day verification before the 2-day reissue (blind gold)
        ("portal_docx", "1.013080", ("channels", 0)),
        # deregistering a vehicle whose registration or plate is lost: the same 30 days (blind gold)
        ("portal_flat", "1.013065", ("channels", 0)),
        # a lost inspection stamp: 15 days after the warning is posted before a new one is issued (blind gold)
        ("portal_flat", "1.013092", ("steps", 1)),
    ],
)
def test_a_lost_paper_that_waits_weeks_is_found_on_real_records(source: str, code: str, place: tuple, tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "lost_paper_wait"]
    assert place in [(e.field, e.index) for e in finding.evidence]
    assert "không quá 2 ngày làm việc" in finding.message


@pytest.mark.parametrize(
    ("source", "code"),
    [
        # look-alikes: a reissue whose case verifies foreign documents, not a loss (1.012272, 1.012290)
        ("portal_docx", "1.012272"),
        # a reissue of a social-insurance book that may verify contributions in another province (45 days)
        ("portal_flat", "1.002759"),
        # an adoption registered again: a verification of 60 days, in a record that mentions a loss elsewhere
        ("portal_docx", "1.000808"),
    ],
)
def test_a_verification_of_something_else_is_no_lost_paper_wait(source: str, code: str, tmp_path) -> None:
    from support import real_procedure

    assert not [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "lost_paper_wait"]


@pytest.mark.parametrize(
    ("name", "step", "expected"),
    [
        ("Thu hồi giấy phép", "Trường hợp bị mất giấy phép, phải tiến hành xác minh trong thời hạn 30 ngày.", True),
        ("Cấp lại thẻ", "Cấp lại thẻ: phải xác minh trong thời hạn 20 ngày kể từ ngày nhận đủ hồ sơ.", True),
        # look-alikes: a short wait; a loss with no wait; a reissue whose verification is one case only
        ("Thu hồi giấy phép", "Trường hợp bị mất giấy phép, phải tiến hành xác minh trong thời hạn 05 ngày.", False),
        ("Thu hồi giấy phép", "Trường hợp bị mất giấy phép, cơ quan cấp thu hồi trong thời hạn 30 ngày.", False),
        ("Cấp lại thẻ", "Trường hợp cần xác minh, thời hạn là 30 ngày.", False),
    ],
)
def test_lost_paper_wait_reads_the_clause(name: str, step: str, expected: bool) -> None:
    assert bool(places(make(name, "2 ngày làm việc", "Cá nhân nộp hồ sơ.", step), "lost_paper_wait")) is expected


# ---------------------------------------------------------------- vague_step_time


@pytest.mark.parametrize(
    ("time", "steps", "expected"),
    [
        # 1.001909: "Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định." under "40 Ngày"
        ("40 Ngày", ("Cơ sở KCB nộp hồ sơ cho cơ quan BHXH.", "Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định."),
         True),
        # 1.010237: the step also hands the result over ("trả kết quả")
        ("10 Ngày làm việc", ("Người đăng ký gửi hồ sơ đến Cục Thuế.",
                              "Cục Thuế thực hiện tiếp nhận hồ sơ, giải quyết và trả kết quả theo quy định."), True),
        # a short time needs no stages of its own (2.000740: "1 Ngày làm việc")
        ("5 Ngày làm việc", ("Người lao động nộp hồ sơ.", "Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định."),
         False),
        # another step gives the agency's limit
        ("40 Ngày", ("Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định.",
                     "Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ, cơ quan BHXH thanh toán."), False),
        # no channel time: vague_time reports the procedure instead
        ("Theo quy định", ("Người lao động nộp hồ sơ.", "Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định."),
         False),
        # a definite step stays clean
        ("40 Ngày", ("Người lao động nộp hồ sơ.", "Cơ quan BHXH tiếp nhận hồ sơ, thẩm định và chi trả."), False),
    ],
)
def test_vague_step_time_table(time: str, steps: tuple[str, ...], expected: bool) -> None:
    procedure = make("Thanh toán chi phí", time, *steps)
    assert bool(places(procedure, "vague_step_time")) is expected
