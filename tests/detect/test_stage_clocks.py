"""stage_clocks: a limit or a step that runs from the outcome of a stage no sentence of the record times."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, PeerStats, detect_kind, load_rules
from analyzer.detect.stage_clocks import sentences
from analyzer.model import Channel, Procedure, Step
from analyzer.parse.duration import parse_duration


def run(procedure: Procedure) -> list:
    return [f for f in detect_kind(procedure, "long_processing_time", DetectionContext(rules=load_rules(None), peers=PeerStats()))
            if f.rule == "untimed_stage"]


def make(*steps: str, time: str = "20 ngày làm việc") -> Procedure:
    return Procedure(code="T.1", name="Cấp giấy phép", channels=[Channel(mode="truc_tiep", duration=parse_duration(time))],
                     steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)])


FILE = "Tổ chức nộp hồ sơ đề nghị cấp giấy phép đến Bộ."


@pytest.mark.parametrize(
    ("source", "code", "place", "stage"),
    [
        ("portal_flat", "2.002251", ("steps", 1), "Thủ tướng Chính phủ"),  # the report to the Prime Minister (blind gold)
        ("portal_flat", "3.000053", ("steps", 2), "Thủ tướng Chính phủ"),  # "sau khi nhận được ý kiến của Thủ tướng" (gold)
        ("portal_flat", "3.000215", ("steps", 4), "Hội đồng nhân dân cấp tỉnh"),  # the HĐND's decision (blind gold)
        ("portal_docx", "1.012272", ("steps", 1), "xác minh"),  # "15 ngày kể từ ngày có kết quả xác minh" (blind gold)
        ("portal_docx", "1.012288", ("steps", 2), "Hội đồng đạo đức quốc gia"),  # the ethics council (blind gold)
    ],
)
def test_a_stage_a_later_limit_runs_from_is_found_on_real_records(source: str, code: str, place: tuple, stage: str,
                                                                 tmp_path) -> None:
    from support import real_procedure

    [finding] = run(real_procedure(source, code, tmp_path))
    assert place in [(e.field, e.index) for e in finding.evidence]
    assert f"không quy định thời hạn cho việc" in finding.message and stage in finding.message
    assert finding.suggestion.action == "specify_time"


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("portal_flat", "1.008922"),  # "Thời gian xác minh không quá 45 ngày kể từ ngày Chủ tịch … có văn bản xác minh"
        ("portal_flat", "1.013809"),  # "Trong thời hạn 04 ngày …, hợp\nlệ, … thực hiện kiểm tra": a hard-wrapped limit
        ("portal_docx", "1.000423"),  # "báo cáo Bộ Xây dựng kết quả thẩm định" within 15 days: the appraisal is timed
        ("portal_docx", "1.012166"),  # "hiệu lực tối đa là 5 năm kể từ ngày Bộ Công Thương chấp thuận": a validity
        ("portal_docx", "1.013399"),  # "hồ sơ trình phê duyệt của cơ quan thẩm định": a submission, not an approval
        ("portal_flat", "6.003502"),  # "kể từ ngày hoàn thành thi công": building works, not an exam
        ("portal_flat", "1.011520"),  # "Khai, nộp …": the filer's own deadlines
    ],
)
def test_timed_stages_and_look_alikes_stay_clean_on_real_records(source: str, code: str, tmp_path) -> None:
    from support import real_procedure

    assert run(real_procedure(source, code, tmp_path)) == []


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ((FILE, "Bộ báo cáo Thủ tướng Chính phủ.",
          "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được ý kiến của Thủ tướng Chính phủ, Bộ cấp giấy phép."), True),
        ((FILE, "Trường hợp cần xác minh, thời hạn cấp là 15 ngày kể từ ngày có kết quả xác minh."), True),
        # the stage has its own limit
        ((FILE, "Trong thời hạn 10 ngày làm việc, Thủ tướng Chính phủ cho ý kiến.",
          "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được ý kiến của Thủ tướng Chính phủ, Bộ cấp giấy phép."), False),
        ((FILE, "Thời gian xác minh không quá 30 ngày.",
          "Thời hạn cấp là 15 ngày kể từ ngày có kết quả xác minh."), False),
        # the desk's check on receipt, a request for opinions, the applicant's own deadline
        ((FILE, "Trong thời hạn 02 giờ kể từ thời điểm kiểm tra hồ sơ, cơ quan từ chối."), False),
        ((FILE, "Trong thời hạn 10 ngày kể từ ngày nhận được văn bản lấy ý kiến của Bộ, các cơ quan trả lời."), False),
        ((FILE, "Trong thời hạn 45 ngày kể từ ngày nhận đủ hồ sơ, Bộ cấp giấy phép sau khi có ý kiến của các bộ."), False),
    ],
)
def test_untimed_stage_table(steps: tuple[str, ...], expected: bool) -> None:
    assert bool(run(make(*steps))) is expected


def test_a_hard_wrapped_line_continues_its_sentence() -> None:
    assert sentences("Trong thời hạn 04 ngày, kể từ ngày nhận hồ sơ hợp\nlệ, Sở kiểm tra.\n- Trường hợp khác: không.") == [
        "Trong thời hạn 04 ngày, kể từ ngày nhận hồ sơ hợp lệ, Sở kiểm tra.", "- Trường hợp khác: không."]
