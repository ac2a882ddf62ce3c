"""long_processing_time: peer outliers, online no faster, step limits against the total, vague times."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, PeerStats, load_rules
from analyzer.detect.long_processing_time import fmt_days
from analyzer.model import Channel, Procedure, Step
from analyzer.parse.duration import parse_duration


def channel(mode: str, text: str | None, description: str | None = None) -> Channel:
    return Channel(mode=mode, duration=parse_duration(text), description=description)  # type: ignore[arg-type]


def make(*channels: Channel, steps: tuple[str, ...] = (), code: str = "T.1", field: str = "Hộ tịch",
         level: str = "Cấp xã") -> Procedure:
    return Procedure(code=code, name="Thủ tục thử", field=field, level=level, channels=list(channels),
                     steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)])


def run(procedure: Procedure, peers: PeerStats | None = None, config: dict | None = None):
    return list(detect_kind(procedure, "long_processing_time", DetectionContext(rules=load_rules(config), peers=peers or PeerStats())))


def places(findings, rule: str) -> list[list[tuple[str, int | None]]]:
    return [[(e.field, e.index) for e in f.evidence] for f in findings if f.rule == rule]


# ---------------------------------------------------------------- peer_outlier


def peers_with(days: list[str], mode: str = "truc_tiep") -> PeerStats:
    return PeerStats.from_procedures(make(channel(mode, d), code=f"P.{n}") for n, d in enumerate(days))


def test_a_channel_far_above_its_peers_is_an_outlier_with_median_count_and_target() -> None:
    peers = peers_with(["3 ngày làm việc"] * 6)
    procedure = make(channel("truc_tiep", "9 ngày làm việc"), channel("truc_tuyen", "9 ngày làm việc"))
    peers.observe(procedure)
    findings = [f for f in run(procedure, peers) if f.rule == "peer_outlier"]
    assert [[e.index for e in f.evidence] for f in findings] == [[0]]  # online has no peers
    params = findings[0].suggestion.params
    # the NQ 66 cut (9 minus 30 %), not the median: the median would cut two thirds
    assert (params["peer_median"], params["peer_count"], params["target_working_days"]) == (3.0, 7, 6.0)
    assert "9 ngày làm việc" in findings[0].message and "trung vị 3 ngày làm việc của 7 thủ tục" in findings[0].message


@pytest.mark.parametrize(
    ("days", "peers", "expected"),
    [
        ("6 ngày làm việc", ["3 ngày làm việc"] * 6, True),  # ratio 2, excess 3
        ("5 ngày làm việc", ["3 ngày làm việc"] * 6, False),  # ratio below 2
        ("15 ngày làm việc", ["3 ngày làm việc"] * 3, False),  # too few peers
        ("Theo quy định", ["3 ngày làm việc"] * 6, False),  # no definite time to compare
    ],
)
def test_peer_outlier_thresholds(days: str, peers: list[str], expected: bool) -> None:
    stats = peers_with(peers)
    procedure = make(channel("truc_tiep", days))
    stats.observe(procedure)
    assert bool(places(run(procedure, stats), "peer_outlier")) is expected


def test_a_time_many_times_the_median_gets_the_nq66_cut_as_target() -> None:
    stats = peers_with(["1 ngày làm việc"] * 6)
    procedure = make(channel("truc_tiep", "60 ngày làm việc"))
    finding = next(f for f in run(procedure, stats) if f.rule == "peer_outlier")
    assert finding.suggestion.params["target_working_days"] == 42.0  # 60 minus 30 %
    assert "Nghị quyết 66/NQ-CP" in finding.message


# ---------------------------------------------------------------- online_not_faster


@pytest.mark.parametrize(
    ("online", "direct", "expected"),
    [("5 ngày làm việc", "5 ngày làm việc", True), ("7 ngày làm việc", "5 ngày làm việc", True),
     ("3 ngày làm việc", "5 ngày làm việc", False), ("Không quy định", "5 ngày làm việc", False)],
)
def test_online_not_faster_cites_online_then_in_person(online: str, direct: str, expected: bool) -> None:
    procedure = make(channel("truc_tiep", direct), channel("truc_tuyen", online))
    assert places(run(procedure), "online_not_faster") == ([[("channels", 1), ("channels", 0)]] if expected else [])


# ---------------------------------------------------------------- step_sum_mismatch

STEPS_13 = (
    "Bước 1: Nộp hồ sơ. Người sử dụng đất nộp hồ sơ tại Bộ phận Một cửa.",
    "Bước 2: Kiểm tra hồ sơ. Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Chi nhánh kiểm tra hồ sơ.",
    "Bước 3: Chuyển hồ sơ. Trong thời hạn 02 ngày làm việc, Chi nhánh chuyển hồ sơ lên Văn phòng.",
    "Bước 4: Trình ký. Trong thời hạn 02 ngày làm việc, Văn phòng trình Lãnh đạo Sở ký.",
    "Bước 5: Chuyển kết quả. Trong thời hạn 02 ngày làm việc, Văn phòng chuyển kết quả về Bộ phận Một cửa.",
    "Bước 6: Trả kết quả. Bộ phận Một cửa trao Giấy chứng nhận.",
)


def test_step_limits_above_the_declared_total() -> None:
    procedure = make(channel("truc_tiep", "10 ngày làm việc"), steps=STEPS_13)
    finding = next(f for f in run(procedure) if f.rule == "step_sum_mismatch")
    assert [(e.field, e.index) for e in finding.evidence] == [("steps", 1), ("steps", 2), ("steps", 3), ("steps", 4),
                                                              ("channels", 0)]
    assert finding.suggestion.params == {"steps_working_days": 13.0, "declared_working_days": 10.0}


def test_step_limits_that_fit_the_total_are_not_a_finding() -> None:
    assert places(run(make(channel("truc_tiep", "13 ngày làm việc"), steps=STEPS_13)), "step_sum_mismatch") == []


def test_a_step_restating_the_total_and_branch_or_applicant_deadlines_do_not_add_up() -> None:
    steps = (
        "Bước 1: Nộp hồ sơ. Tổ chức nộp hồ sơ.",
        "Bước 2: Trong thời hạn 03 ngày làm việc, cơ quan kiểm tra, nếu hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.",
        "Bước 3: Trong thời hạn 05 ngày làm việc, Phòng chuyên môn thẩm định hồ sơ.",
        "Bước 4: Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở cấp giấy phép.",
        "Bước 5: Trường hợp phải xác minh, trong thời hạn 10 ngày làm việc Sở xác minh.",
        "Bước 6: Trong 03 ngày làm việc người đề nghị phải đến nhận giấy phép.",
    )
    assert places(run(make(channel("truc_tiep", "10 ngày làm việc"), steps=steps)), "step_sum_mismatch") == []


def test_a_declared_total_far_above_all_the_step_limits() -> None:
    steps = ("Bước 1: Nộp hồ sơ. Tổ chức nộp hồ sơ.",
             "Bước 2: Trong thời hạn 03 ngày làm việc, Phòng thẩm định hồ sơ.",
             "Bước 3: Trong thời hạn 02 ngày làm việc, Giám đốc Sở ký quyết định.")
    procedure = make(channel("truc_tiep", "20 ngày làm việc"), steps=steps)
    assert places(run(procedure), "step_sum_mismatch") == []  # off by default (see rules.yaml)
    config = {"rules": {"step_sum_mismatch": {"params": {"check_padded": True}}}}
    finding = next(f for f in run(procedure, config=config) if f.rule == "step_sum_mismatch")
    assert finding.suggestion.action == "shorten_time" and finding.suggestion.params["target_working_days"] == 5.0


@pytest.mark.parametrize(
    ("second_step", "exceeds"),
    [
        # the valid-dossier path is the main path, not a branch: its limit adds up
        ("Bước 2: Trường hợp hồ sơ hợp lệ, trong thời hạn 05 ngày làm việc, kể từ ngày nhận được hồ sơ, đơn vị đầu mối "
         "tổng hợp, gửi Sở.", True),
        ("Bước 2: Trường hợp hồ sơ không hợp lệ, trong thời hạn 05 ngày làm việc, Sở hướng dẫn bổ sung.", False),
        # a completeness confirmation runs before the clock of the declared total starts
        ("Bước 2: Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ, Sở có văn bản xác nhận đủ hồ sơ hợp lệ.",
         False),
    ],
)
def test_which_step_limits_count_towards_the_total(second_step: str, exceeds: bool) -> None:
    steps = ("Bước 1: Nộp hồ sơ. Tổ chức nộp hồ sơ.", second_step,
             "Bước 3: Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được tờ trình, Sở thẩm định hồ sơ.",
             "Bước 4: Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được tờ trình của Sở, cấp có thẩm quyền ban hành "
             "quyết định.")
    found = places(run(make(channel("truc_tiep", "10 ngày làm việc"), steps=steps)), "step_sum_mismatch")
    assert bool(found) is exceeds


SUBMIT = "Bước 1: Nộp hồ sơ. Tổ chức nộp hồ sơ."


@pytest.mark.parametrize(
    ("steps", "declared", "exceeds"),
    [
        # two limits that follow each other inside one step add up (5 + 10 + 5 > 15)
        ((SUBMIT, "Bước 2: Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở lấy ý kiến các cơ quan; "
                  "trong thời hạn 10 ngày làm việc kể từ ngày nhận được văn bản lấy ý kiến, cơ quan được lấy ý kiến "
                  "trả lời.",
          "Bước 3: Trong thời hạn 05 ngày làm việc kể từ ngày nhận được ý kiến, Giám đốc Sở quyết định."),
         "15 ngày làm việc", True),
        # ... but not the limits of two cases written inside one step
        ((SUBMIT, "Bước 2: 1. Đối với hồ sơ thay đổi nhỏ. Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ, "
                  "Cục thông báo. 2. Đối với hồ sơ thay đổi lớn. Trong thời hạn 10 ngày làm việc, Cục thẩm định.",
          "Bước 3: Trong thời hạn 05 ngày làm việc kể từ ngày có kết quả thẩm định, Cục trưởng cấp giấy."),
         "15 ngày làm việc", False),
        # publishing the result is not processing time
        ((SUBMIT, "Bước 2: Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở cấp giấy phép.",
          "Bước 3: Trong thời hạn 05 ngày làm việc kể từ ngày cấp giấy phép, Sở đăng tải trên trang thông tin "
          "điện tử."),
         "10 ngày làm việc", False),
        # an applicant's deadline counted from another event, before the first receipt, is before the clock
        (("Bước 1: Trong thời hạn 30 ngày kể từ ngày hoàn thành thi công, Ban quản lý dự án trình Sở báo cáo kết "
          "quả.",
          "Bước 2: Trong thời hạn 10 ngày làm việc kể từ ngày nhận báo cáo, Sở kiểm tra.",
          "Bước 3: Trong thời hạn 05 ngày làm việc, Giám đốc Sở quyết định."),
         "15 ngày làm việc", False),
    ],
)
def test_limits_inside_steps_cases_and_result_duties(steps: tuple[str, ...], declared: str, exceeds: bool) -> None:
    found = places(run(make(channel("truc_tiep", declared), steps=steps)), "step_sum_mismatch")
    assert bool(found) is exceeds


def test_rows_that_are_stages_or_describe_several_totals_are_not_a_total() -> None:
    steps = (SUBMIT, "Bước 2: Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ, Cục kiểm tra.",
             "Bước 3: Trong thời hạn 05 ngày làm việc kể từ ngày có kết quả kiểm tra, Cục chấp thuận.")
    assert places(run(make(channel("truc_tiep", "12 ngày làm việc"), steps=steps)), "step_sum_mismatch") == []
    stages = make(channel("truc_tiep", "7 ngày làm việc"), channel("truc_tiep", "5 ngày làm việc"), steps=steps)
    assert places(run(stages), "step_sum_mismatch") == []
    several = make(channel("truc_tiep", "5 ngày làm việc",
                           "- Đối với trường hợp đặc cách: 05 ngày làm việc; - trường hợp khác: 45 ngày làm việc"),
                   steps=steps)
    assert places(run(several), "step_sum_mismatch") == []
    assert places(run(make(channel("truc_tiep", "5 ngày làm việc"), steps=steps)), "step_sum_mismatch") != []


# ---------------------------------------------------------------- vague_time


@pytest.mark.parametrize(
    ("text", "description", "expected"),
    [
        ("Theo quy định", None, True),
        ("Không quy định", None, True),
        # a number without a unit, and no step states a time: vague too (the record defect is reported apart)
        ("1", None, True),
        (None, "Nộp trực tiếp tại Bộ phận Một cửa", True),  # no time at all
        (None, "Thời hạn giải quyết: 30 ngày làm việc", False),  # given in the description
        ("05 ngày làm việc", None, False),
    ],
)
def test_vague_time(text: str | None, description: str | None, expected: bool) -> None:
    procedure = make(channel("truc_tiep", text, description))
    assert bool(places(run(procedure), "vague_time")) is expected


def test_vague_time_options() -> None:
    procedure = make(channel("truc_tiep", "1"), channel("truc_tuyen", None))
    definite = {"rules": {"vague_time": {"params": {"include_ambiguous": False}}}}
    neither = {"rules": {"vague_time": {"params": {"include_ambiguous": False, "include_missing": False}}}}
    assert places(run(procedure), "vague_time") == [[("channels", 0), ("channels", 1)]]  # one finding
    assert places(run(procedure, config=definite), "vague_time") == [[("channels", 1)]]
    assert places(run(procedure, config=neither), "vague_time") == []


@pytest.mark.parametrize(("value", "text"), [(10.0, "10"), (7.5, "7,5"), (21.4286, "21,4")])
def test_days_are_written_the_vietnamese_way(value: float, text: str) -> None:
    assert fmt_days(value) == text


# ---------------------------------------------------------------- one finding per procedure (issue 12 §4)


def named(name: str, *channels: Channel, code: str = "T.1", steps: tuple[str, ...] = ()) -> Procedure:
    procedure = make(*channels, code=code, steps=steps)
    procedure.name = name
    return procedure


def test_peer_outlier_reports_every_channel_concerned_in_one_finding() -> None:
    stats = PeerStats.from_procedures(
        make(channel("truc_tiep", "3 ngày làm việc"), channel("truc_tuyen", "3 ngày làm việc"), code=f"P.{n}") for n in range(6))
    procedure = make(channel("truc_tiep", "20 ngày làm việc"), channel("truc_tuyen", "20 ngày làm việc"))
    findings = [f for f in run(procedure, stats) if f.rule == "peer_outlier"]
    assert places(findings, "peer_outlier") == [[("channels", 0), ("channels", 1)]]
    assert "khi nộp trực tiếp, trực tuyến" in findings[0].message
    assert findings[0].suggestion.params["target_working_days"] == 14.0  # 30 % less, not the median's 85 %


def test_peers_are_compared_within_their_kind_of_decision() -> None:
    reissues = [named("Cấp lại giấy phép", channel("truc_tiep", "2 ngày làm việc"), code=f"R.{n}") for n in range(6)]
    firsts = [named("Cấp giấy phép", channel("truc_tiep", "15 ngày làm việc"), code=f"F.{n}") for n in range(6)]
    stats = PeerStats.from_procedures(reissues + firsts)
    first_licence = named("Cấp giấy phép kinh doanh", channel("truc_tiep", "15 ngày làm việc"))
    assert places(run(first_licence, stats), "peer_outlier") == []  # not against the re-issues' 2 days
    slow_reissue = named("Cấp đổi giấy phép", channel("truc_tiep", "15 ngày làm việc"))
    assert places(run(slow_reissue, stats), "peer_outlier") == [[("channels", 0)]]


def test_peer_target_is_never_shorter_than_a_limit_the_steps_prescribe() -> None:
    stats = peers_with(["2 ngày làm việc"] * 6)
    steps = ("Bước 1: Nộp hồ sơ. Tổ chức nộp hồ sơ tại Bộ phận Một cửa.",
             "Bước 2: Trong thời hạn 10 ngày làm việc, Sở lấy ý kiến các cơ quan liên quan.",
             "Bước 3: Trong thời hạn 02 ngày làm việc, Giám đốc Sở cấp giấy phép.")
    finding = next(f for f in run(make(channel("truc_tiep", "14 ngày làm việc"), steps=steps), stats)
                   if f.rule == "peer_outlier")
    # not 9.5 (30 % less): the consultation and the decision take 12
    assert finding.suggestion.params["target_working_days"] == 12.0
    assert finding.suggestion.params["basis"] == "step_limit"


def test_a_unit_typo_is_not_a_peer_outlier() -> None:
    stats = peers_with(["30 ngày"] * 6)
    procedure = make(channel("truc_tiep", "33 Tháng"), channel("truc_tuyen", "33 ngày"))
    assert places(run(procedure, stats), "peer_outlier") == []


@pytest.mark.parametrize(
    ("online", "direct", "shortest", "expected"),
    [
        # the default: never for three working days or fewer (round-4 audit), equal and longer, or slower
        ("Ngay trong ngày", "Ngay trong ngày", None, False),  # same day
        ("1 ngày làm việc", "1 ngày làm việc", None, False),  # one day
        ("1 ngày làm việc", "4 giờ", None, False),  # slower, but one day at most
        ("2 ngày làm việc", "2 ngày làm việc", None, False),
        ("3 ngày làm việc", "2 ngày làm việc", None, False),
        # 4 working days: below the blind audits' floor of 5 (round 6, 1.014853: short_time)
        ("4 ngày làm việc", "4 ngày làm việc", None, False),
        ("6 ngày", "6 ngày", None, False),  # 6 calendar days, about 4.3 working days
        ("5 ngày làm việc", "5 ngày làm việc", None, True),  # equal, at the floor (round 6: 2.002338, correct)
        ("5 ngày làm việc", "3 ngày làm việc", None, True),  # slower
        # a province that wants issue 12's minimum: anything longer than one working day
        ("2 ngày làm việc", "2 ngày làm việc", 1.0, True),
        ("3 ngày làm việc", "2 ngày làm việc", 1.0, True),
        ("1 ngày làm việc", "1 ngày làm việc", 1.0, False),
    ],
)
def test_online_not_faster_leaves_short_times_alone(online: str, direct: str, shortest: float | None,
                                                    expected: bool) -> None:
    procedure = make(channel("truc_tiep", direct), channel("truc_tuyen", online))
    config = {"rules": {"online_not_faster": {"params": {"min_working_days": shortest}}}} if shortest else None
    findings = [f for f in run(procedure, config=config) if f.rule == "online_not_faster"]
    assert bool(findings) is expected
    assert all(f.severity == "low" for f in findings)


@pytest.mark.parametrize(
    ("source", "code", "expected"),
    [
        # 4 working days on every channel to extend a commune permit in an irrigation zone (round-6 audit: short_time)
        ("portal_flat", "1.014853", False),
        # look-alike at the floor: 5 working days on every channel for a rice-variety certificate (round 6: correct)
        ("portal_flat", "2.002338", True),
    ],
)
def test_online_not_faster_on_real_records_below_and_at_five_working_days(source: str, code: str, expected: bool,
                                                                          tmp_path) -> None:
    from support import real_procedure

    findings = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "online_not_faster"]
    assert bool(findings) is expected


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # csdl-5d3519eb5c (in-sample gold): "5 Ngày" on the channels, "Không quá 05 ngày làm việc" in the steps
        (("Không quá 05 ngày làm việc từ khi nhận được hồ sơ đầy đủ, hợp lệ, Cục cấp chứng chỉ.",), True),
        ((), False),  # plain "5 Ngày": about 3.6 working days, below the floor
    ],
)
def test_online_not_faster_reads_the_floor_in_the_unit_the_record_states(steps: tuple[str, ...], expected: bool) -> None:
    procedure = make(channel("truc_tiep", "5 Ngày"), channel("truc_tuyen", "5 Ngày"), steps=steps)
    assert bool([f for f in run(procedure) if f.rule == "online_not_faster"]) is expected


def test_online_not_faster_skips_an_online_channel_that_still_needs_the_applicant_in_person() -> None:
    steps = ("Bước 1: Công dân nộp hồ sơ trực tuyến.",
             "Bước 2: Công dân đến cơ quan Công an để thu nhận vân tay, chụp ảnh chân dung.")
    procedure = make(channel("truc_tiep", "7 ngày làm việc"), channel("truc_tuyen", "7 ngày làm việc"), steps=steps)
    assert places(run(procedure), "online_not_faster") == []


def test_vague_time_is_one_finding_with_every_vague_channel() -> None:
    procedure = make(channel("truc_tiep", "Theo quy định"), channel("truc_tuyen", "Theo quy định"),
                     channel("buu_chinh", None))
    assert places(run(procedure), "vague_time") == [[("channels", 0), ("channels", 1), ("channels", 2)]]


@pytest.mark.parametrize(
    ("name", "steps", "other", "expected"),
    [
        ("Cấp giấy phép", (), None, True),
        # the steps give the time
        ("Cấp giấy phép", ("Bước 2: Trong thời hạn 05 ngày làm việc, Sở cấp giấy phép.",), None, False),
        # another channel gives it
        ("Cấp giấy phép", (), "05 ngày làm việc", False),
        # nothing is decided: a declaration, a report, a notice
        ("Khai thuế giá trị gia tăng", (), None, False),
        ("Báo cáo tình hình sử dụng hóa đơn", (), None, False),
        ("Thông báo thay đổi thông tin", (), None, False),
        # a look-alike that decides: "Cấp" in the name, "báo cáo" later
        ("Cấp giấy phép sau báo cáo", (), None, True),
    ],
)
def test_vague_time_only_where_no_time_is_given_and_something_is_decided(name: str, steps: tuple[str, ...],
                                                                        other: str | None, expected: bool) -> None:
    channels = [channel("truc_tiep", "Theo quy định")] + ([channel("truc_tuyen", other)] if other else [])
    procedure = named(name, *channels, steps=steps)
    assert bool(places(run(procedure), "vague_time")) is expected


@pytest.mark.parametrize(
    ("code", "steps", "expected"),
    [
        # 1.000014 (customs, channels "1"): the customs check and the adjustment have no deadline
        ("1.000014", ("Người nộp thuế nộp hồ sơ đề nghị điều chỉnh số thuế cho cơ quan hải quan.",
                      "Kiểm tra hồ sơ (trường hợp có nghi vấn với chứng từ bản chụp), điều chỉnh số thuế.",
                      "Trả kết quả cho người nộp thuế."), [("channels", 0), ("steps", 1)]),
        # 1.013806 (channels "1"): neither the Sở's check nor the Chủ tịch's decision is timed
        ("1.013806", ("Tổ chức, cá nhân nộp hồ sơ tại Sở Tư pháp.",
                      "Sở Tư pháp kiểm tra và trình Chủ tịch Ủy ban nhân dân cấp tỉnh xem xét, quyết định."),
         [("channels", 0), ("steps", 1)]),
        # look-alike: a step states the agency's limit, so the bare "1" stays a record defect only
        ("1.011669", ("Người nộp thuế nộp hồ sơ cho cơ quan hải quan.",
                      "Trong thời hạn 30 ngày kể từ ngày nhận đủ hồ sơ, cơ quan hải quan kiểm tra và hoàn thuế."), []),
    ],
)
def test_vague_time_points_at_the_agency_steps_without_a_deadline(code: str, steps: tuple[str, ...],
                                                                  expected: list[tuple[str, int]]) -> None:
    procedure = make(channel("truc_tiep", "1"), steps=steps, code=code)
    assert places(run(procedure), "vague_time") == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("source", "code", "step"),
    [
        # 20 working days published = 15 (Sở Nội vụ decides) + 5 (BHXH pays): the reviewer cuts the Sở's 15
        ("portal_docx", "2.000111", 1),
        # 59 working days published for a kindergarten's accreditation: the two months of external evaluation
        ("portal_docx", "1.000715", 5),
    ],
)
def test_long_time_target_points_at_the_longest_agency_stage_when_no_step_states_the_total(
        source: str, code: str, step: int, tmp_path) -> None:
    from support import real_procedure

    procedure = real_procedure(source, code, tmp_path)
    assert ("steps", step) in places(run(procedure), "long_time_target")[0]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # the agency's 15-day review under a 25-day total: pointed at
        (("Tổ chức nộp hồ sơ cho Sở.", "Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở thẩm định và "
          "cấp giấy phép."), [("channels", 0), ("steps", 1)]),
        # look-alike: a step restating the 25 days is the place already; no second step is added
        (("Tổ chức nộp hồ sơ cho Sở.", "Trong thời hạn 25 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở thẩm định và "
          "cấp giấy phép.", "Trong thời hạn 15 ngày làm việc, Sở lấy ý kiến các cơ quan."),
         [("channels", 0), ("steps", 1)]),
        # look-alike: only a supplement notice is timed, which is no stage to cut
        (("Tổ chức nộp hồ sơ cho Sở.", "Trường hợp hồ sơ chưa đầy đủ, trong thời hạn 03 ngày làm việc Sở thông báo "
          "yêu cầu bổ sung hồ sơ."), [("channels", 0)]),
        # look-alikes: a deadline before an event, one case's limit
        (("Tổ chức nộp hồ sơ cho Sở.", "Chậm nhất 15 ngày làm việc trước ngày dự kiến tổ chức, Sở thông báo kế "
          "hoạch cho các đơn vị."), [("channels", 0)]),
        (("Tổ chức nộp hồ sơ cho Sở.", "Đối với giấy phép cấp lại do bị mất: trong thời hạn 15 ngày làm việc, Sở "
          "cấp lại giấy phép."), [("channels", 0)]),
    ],
)
def test_the_longest_agency_stage_is_evidence_only_where_no_step_states_the_channel_time(
        steps: tuple[str, ...], expected: list[tuple[str, int]]) -> None:
    procedure = make(channel("truc_tiep", "25 ngày làm việc"), steps=steps)
    assert places(run(procedure), "long_time_target") == [expected]


# ---------------------------------------------------------------- no_online (issue 13)


def with_subjects(procedure: Procedure, subjects: list[str]) -> Procedure:
    procedure.subjects = subjects
    return procedure


@pytest.mark.parametrize(
    ("subjects", "severity"),
    [(["Doanh nghiệp", "Tổ chức"], "medium"), (["Hộ kinh doanh"], "medium"), (["Công dân Việt Nam"], "low")],
)
def test_no_online_severity_by_who_it_concerns(subjects: list[str], severity: str) -> None:
    procedure = with_subjects(make(channel("truc_tiep", "5 ngày làm việc"), channel("buu_chinh", "5 ngày làm việc")), subjects)
    [finding] = [f for f in run(procedure) if f.rule == "no_online"]
    assert finding.severity == severity and [(e.field, e.index) for e in finding.evidence] == [("channels", 0), ("channels", 1)]
    assert finding.suggestion.action == "add_online" and "chưa có hình thức nộp trực tuyến" in finding.message


@pytest.mark.parametrize(
    ("channels", "steps"),
    [
        ([channel("truc_tiep", "5 ngày làm việc"), channel("truc_tuyen", "5 ngày làm việc")], ()),  # has online
        ([channel("truc_tiep", "5 ngày làm việc")], ("Bước 2: Cơ quan Công an thu nhận vân tay, chụp ảnh chân dung.",)),
        ([channel("truc_tiep", "5 ngày làm việc", "Nộp trực tuyến qua Cổng dịch vụ công quốc gia")], ()),
        ([], ()),  # no channel published at all: a record defect, not a missing online channel
        # the round-3 audit's misses (corpus/gold/rules/no_online.md): 3.000351, 5.002587
        ([channel("truc_tiep", "5 ngày làm việc")], ("Bước 1: Cá nhân chụp ảnh trực tiếp tại cơ quan tiếp nhận.",)),
        ([channel("truc_tiep", "5 ngày làm việc", "Trực tiếp hoặc qua dịch vụ bưu chính hoặc hệ thống văn bản điện tử")], ()),
        # the round-11 audit's wrong finding: the steps file online (2.002418)
        ([channel("truc_tiep", "5 ngày làm việc")],
         ("Doanh nghiệp nhỏ và vừa lập hồ sơ đề xuất nhu cầu hỗ trợ và gửi (trực tiếp hoặc trực tuyến) tới cơ quan, tổ chức hỗ trợ.",)),
    ],
)
def test_no_online_stays_clean(channels: list[Channel], steps: tuple[str, ...]) -> None:
    assert places(run(make(*channels, steps=steps)), "no_online") == []


@pytest.mark.parametrize(
    ("source", "code", "severity"),
    [
        ("portal_flat", "1.013336", "medium"),  # a credit institution's conversion: post and in person only
        ("portal_flat", "3.000409", "medium"),  # weapon repair licence for enterprises: in person only
        ("portal_docx", "2.000797", "medium"),  # representative office of a credit institution: in person and post
        # look-alike of 2.000473 below: "phải trực tiếp nộp 01 bộ hồ sơ" for an unemployment benefit, which the blind
        # experts want online (test half)
        ("portal_docx", "1.001978", "low"),
    ],
)
def test_no_online_on_real_records(source: str, code: str, severity: str, tmp_path) -> None:
    from support import real_procedure

    procedure = real_procedure(source, code, tmp_path)
    [finding] = [f for f in run(procedure) if f.rule == "no_online"]
    assert finding.severity == severity


@pytest.mark.parametrize(("source", "code"), [("portal_flat", "2.000473"), ("portal_docx", "2.000473"),
                                             ("portal_flat", "2.000460")])
def test_no_online_leaves_a_filing_the_law_makes_in_person(source: str, code: str, tmp_path) -> None:
    """A foreigner's permanent residence card is exchanged or reissued where "người nước ngoài thường trú phải đến
    nộp hồ sơ" (round-7 audit, 2.000473: in_person_by_law)."""
    from support import real_procedure

    assert [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "no_online"] == []


def test_a_channel_finding_keeps_its_identity_when_the_channels_concerned_change() -> None:
    """The store attaches reviewers' decisions to Finding.key: one finding per (procedure, rule)."""
    two = make(channel("truc_tiep", "Theo quy định"), channel("truc_tuyen", "Theo quy định"))
    one = make(channel("truc_tiep", "Theo quy định"))
    [first] = [f for f in run(two) if f.rule == "vague_time"]
    [second] = [f for f in run(one) if f.rule == "vague_time"]
    assert first.key == second.key == "vague_time|channels::"


def test_no_peer_outlier_where_the_steps_limits_take_the_whole_time() -> None:
    stats = peers_with(["5 ngày làm việc"] * 6)
    steps = ("Bước 1: Tổ chức nộp hồ sơ.",
             "Bước 2: Trong thời hạn 10 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ, Cục thẩm định, báo cáo Bộ.",
             "Bước 3: Trong thời hạn 07 ngày làm việc, kể từ ngày nhận được văn bản đề nghị, Bộ Xây dựng có văn bản trả lời.",
             "Bước 4: Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được văn bản thống nhất, Bộ ra quyết định.")
    assert places(run(make(channel("truc_tiep", "27 ngày làm việc"), steps=steps), stats), "peer_outlier") == []


@pytest.mark.parametrize(
    ("text", "description"),
    [("Theo Kế hoạch tuyển sinh hàng năm", None), ("Không quy định", "Theo thông báo của trung tâm sát hạch")],
)
def test_vague_time_leaves_a_time_set_by_a_plan_or_a_notice(text: str, description: str | None) -> None:
    assert places(run(make(channel("truc_tuyen", text, description))), "vague_time") == []


@pytest.mark.parametrize(
    ("steps", "declared"),
    [
        # a consulted body's 07 days run inside the host's 20 days from receipt
        ((SUBMIT, "Bước 2: Trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Ủy ban nhân dân cấp tỉnh lấy ý kiến "
                  "các cơ quan liên quan và ban hành quyết định.",
          "Bước 3: Trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản, hồ sơ lấy ý kiến, cơ quan được lấy ý kiến có ý kiến."),
         "20 ngày làm việc"),
        # a duty after the decision: notifying and recording it
        ((SUBMIT, "Bước 2: Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Tư pháp trình Chủ tịch quyết định.",
          "Bước 3: Trong thời hạn 07 ngày làm việc, kể từ ngày nhận được Quyết định, Bộ Tư pháp thông báo cho Sở Tư pháp để ghi chú."),
         "10 ngày làm việc"),
    ],
)
def test_step_sum_leaves_out_consultations_inside_the_host_limit_and_post_result_duties(steps: tuple[str, ...],
                                                                                      declared: str) -> None:
    assert places(run(make(channel("truc_tiep", declared), steps=steps)), "step_sum_mismatch") == []


@pytest.mark.parametrize(
    ("later", "exceeds"),
    [
        # 1.002944 (round-7 audit): updating the website after a later notice of a change is no stage of the announcement
        ("Trường hợp có thay đổi về tên, địa chỉ của cơ sở sản xuất: trong thời hạn 15 ngày, cơ sở sản xuất có trách "
         "nhiệm gửi thông báo việc thay đổi này đến Sở Y tế. Trong thời hạn 03 ngày làm việc, Sở Y tế có trách nhiệm cập "
         "nhật trên trang thông tin điện tử của Sở Y tế các thông tin nêu trên. Trong thời hạn 03 ngày làm việc, kể từ "
         "ngày nhận được thông báo của cơ sở sản xuất, Sở Y tế có trách nhiệm cập nhật thông tin trên trang thông tin "
         "điện tử của Sở Y tế.", False),
        # look-alike: a stage of the procedure that also records its result still counts
        ("Trong thời hạn 03 ngày làm việc, Sở Y tế thẩm định hồ sơ, cấp giấy chứng nhận và cập nhật vào cơ sở dữ liệu.",
         True),
    ],
)
def test_a_later_website_update_is_not_a_stage_of_the_procedure(later: str, exceeds: bool) -> None:
    steps = (SUBMIT, "Bước 2: Trong thời hạn 03 ngày làm việc, kể từ ngày tiếp nhận hồ sơ công bố, Sở Y tế kiểm tra hồ sơ. " + later)
    found = places(run(make(channel("truc_tiep", "3 ngày làm việc"), steps=steps)), "step_sum_mismatch")
    assert bool(found) is exceeds


# ---------------------------------------------------------------- long_time_target


@pytest.mark.parametrize(
    ("channels", "steps", "peers", "expected"),
    [
        # 30 working days on both channels, the decision step states them: one finding, target 21 (30% cut)
        (("30 ngày làm việc", "30 ngày làm việc"),
         ("Nộp hồ sơ tại Sở.", "Trong thời hạn 30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở cấp giấy phép."),
         [], [21.0]),
        # the fastest channel is under the threshold: nothing
        (("30 ngày làm việc", "15 ngày làm việc"), (), [], []),
        # a peer outlier is reported by peer_outlier instead
        (("30 ngày làm việc",), (), ["5 ngày làm việc"] * 6, []),
        # the steps' own limits (20 + 10 working days one after the other) leave nothing to cut
        (("30 ngày làm việc",),
         ("Trong thời hạn 20 ngày làm việc, Sở thẩm định hồ sơ.", "Trong thời hạn 10 ngày làm việc kể từ ngày nhận được tờ trình của Sở, Ủy ban nhân dân tỉnh quyết định."),
         [], []),
    ],
)
def test_long_time_target(channels: tuple[str, ...], steps: tuple[str, ...], peers: list[str], expected: list[float]) -> None:
    modes = ("truc_tiep", "truc_tuyen", "buu_chinh")
    procedure = make(*(channel(modes[n], text) for n, text in enumerate(channels)), steps=steps)
    found = [f for f in run(procedure, peers_with(peers) if peers else None) if f.rule == "long_time_target"]
    assert [f.suggestion.params["target_working_days"] for f in found] == expected
    for finding in found:
        assert {e.field for e in finding.evidence} == ({"channels", "steps"} if steps else {"channels"})
        assert "30%" in finding.message and "None" not in finding.message


@pytest.mark.parametrize(("days", "rules"), [("30 ngày làm việc", ["long_time_target"]), ("10 ngày làm việc", ["online_not_faster"])])
def test_one_time_finding_per_procedure_when_a_cut_of_every_channel_is_proposed(days: str, rules: list[str]) -> None:
    # 30 working days on both channels: long_time_target proposes the cut for every channel, online included
    procedure = make(channel("truc_tiep", days), channel("truc_tuyen", days))
    assert sorted(f.rule for f in run(procedure) if f.kind == "long_processing_time") == rules


# ---------------------------------------------------------------- the step that sets the time cut


def test_peer_outlier_points_at_the_step_that_states_the_time_it_cuts() -> None:
    stats = peers_with(["3 ngày làm việc"] * 6)
    procedure = make(channel("truc_tiep", "20 ngày làm việc"),
                     steps=("Nộp hồ sơ tại Sở.", "Trong thời hạn 05 ngày làm việc, Sở lấy ý kiến các sở.",
                            "Trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở cấp giấy phép."))
    assert places(run(procedure, stats), "peer_outlier") == [[("channels", 0), ("steps", 2)]]
    # a step whose time is another one (the 5-day consultation) is no evidence of the cut
    procedure.steps.pop()
    assert places(run(procedure, stats), "peer_outlier") == [[("channels", 0)]]


@pytest.mark.parametrize(
    ("source", "code", "step"),
    [
        ("portal_docx", "1.000487", 3),  # 25 working days to approve a transaction office (blind gold: step 4)
        ("portal_docx", "1.001978", 2),  # 20 working days to decide unemployment benefit (blind gold: step 3)
        ("portal_docx", "2.000797", 3),  # "45 Ngày" channel, "Trong thời hạn 45 ngày kể từ ngày nhận đủ hồ sơ …"
        ("portal_docx", "2.000672", 2),  # 30 working days to reissue a retail agent certificate
    ],
)
def test_the_cut_of_every_channel_points_at_the_step_that_sets_the_time(source: str, code: str, step: int, tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "long_time_target"]
    # only that step: not the completeness check's 7 days before the clock (step 1 of 2.000672, 2.000797), nor the
    # 5-day consultation (step 1 of 1.000487)
    assert [e.index for e in finding.evidence if e.field == "steps"] == [step]


# ---------------------------------------------------------------- "40 Ngày" that the record states in working days


@pytest.mark.parametrize(
    ("source", "code", "target", "stated"),
    [
        # "25 Ngày" on the channels, "25 ngày làm việc" in their descriptions and step 3: a finding it lacked
        ("portal_docx", "2.000738", 17.5, "là 25 ngày làm việc;"),
        # "40 Ngày", step "Trong thời hạn 40 ngày làm việc": the cut of 40 working days, not of 28,6
        ("portal_docx", "1.001150", 28.0, "là 40 ngày làm việc;"),
        # look-alikes: "30 Ngày", "60 Ngày" that the record never states in working days stay calendar days
        ("portal_docx", "1.012289", 15.0, "là 30 ngày, tức khoảng 21,4 ngày làm việc;"),
        ("portal_docx", "1.012568", 29.5, "là 60 ngày, tức khoảng 42,9 ngày làm việc;"),
    ],
)
def test_the_cut_reads_a_channels_days_in_the_unit_the_record_states(source: str, code: str, target: float, stated: str,
                                                                     tmp_path) -> None:
    from support import real_procedure

    [finding] = [f for f in run(real_procedure(source, code, tmp_path)) if f.rule == "long_time_target"]
    assert finding.suggestion.params["target_working_days"] == target
    assert stated in finding.message


@pytest.mark.parametrize(
    ("description", "steps", "days"),
    [
        (None, ("Trong thời hạn 30 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở cấp giấy phép.",), 30.0),
        ("30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", (), 30.0),
        # another number of working days, or none: the portal's "Ngày" stays calendar days
        (None, ("Trong thời hạn 10 ngày làm việc, Sở thẩm định hồ sơ.",), 21.43),
        (None, (), 21.43),
    ],
)
def test_a_channels_days_in_the_records_own_unit(description: str | None, steps: tuple[str, ...], days: float) -> None:
    procedure = make(channel("truc_tiep", "30 Ngày", description), steps=steps)
    found = [f for f in run(procedure) if f.rule == "long_time_target"]
    assert [round(f.suggestion.params["current_working_days"], 2) for f in found] == [days]


def timed(*steps: tuple[str, str]) -> tuple[Step, ...]:
    """Steps with the duration the reader gives them (the first duration of the text)."""
    return tuple(Step(index=n, text=t, duration=parse_duration(d)) for n, (t, d) in enumerate(steps, start=1))


@pytest.mark.parametrize(
    ("steps", "found"),
    [
        # round-8 tuning 2.002165: only the notice asking for a supplement is timed, the decision is not
        ((("Tiếp nhận hồ sơ; cơ quan giải quyết bồi thường phải có thông báo yêu cầu bổ sung, hoàn thiện hồ sơ cho "
           "người yêu cầu bồi thường trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ.", "05 ngày làm việc"),
          ("Ra quyết định giải quyết bồi thường.", "")), True),
        # the only duration is the applicant's filing deadline in the submission step (as 1.013475)
        ((("Tổ chức, cá nhân nộp hồ sơ đề nghị đến Tổng cục Hải quan trong thời hạn ít nhất 60 ngày trước khi nhập "
           "khẩu lô hàng.", "60 ngày"),
          ("Cơ quan hải quan kiểm tra và ra quyết định hoàn trả.", "")), True),
        # look-alike: the agency's own limit stated in the step
        ((("Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ, cơ quan đăng ký kinh doanh cấp giấy chứng nhận.",
           "03 ngày làm việc"),), False),
        # look-alike: a result given at once has no number of days but is a time
        ((("Khi nhận được đơn, tổ chức thực hiện trợ giúp pháp lý trả lời ngay bằng văn bản.", ""),), False),
        # look-alike: a result due by a day of the year
        ((("Ngân hàng Nhà nước có văn bản xác nhận chậm nhất vào ngày 15 tháng 5 hàng năm.", ""),), False),
    ],
    ids=["only the supplement notice is timed", "only the applicant's filing deadline",
         "look-alike: the agency's limit", "look-alike: an immediate answer", "look-alike: a calendar deadline"],
)
def test_a_supplement_notice_or_the_applicants_deadline_is_no_time_for_the_result(steps: tuple[tuple[str, str], ...],
                                                                                found: bool) -> None:
    procedure = make(channel("truc_tiep", "1"))
    procedure.steps = list(timed(*steps))
    assert bool(places(run(procedure), "vague_time")) is found


@pytest.mark.parametrize(
    ("source", "line", "code", "found"),
    [
        ("portal_flat", 1839, "2.002165", True),  # State compensation: only the 5-day supplement notice is timed
        ("portal_flat", 1444, "2.002045", False),  # branch change: the registration office's 03 working days
        ("portal_docx", 1788, "1.002096", False),  # "Thủ tục báo cáo biểu phí ...": a report, nothing decided
        ("portal_flat", 1830, "2.001680", False),  # legal aid withdrawal: "Ngay sau khi nhận đủ hồ sơ"
    ],
)
def test_vague_time_on_real_records_of_round_8(source: str, line: int, code: str, found: bool) -> None:
    from real_records import real_procedure

    procedure = real_procedure(source, line)
    assert procedure.code == code
    assert bool(places(run(procedure), "vague_time")) is found
