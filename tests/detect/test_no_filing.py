"""no_online on what is no filing or must be filed in person (round-8 blind audit, causes 6 and 7): the State acts on
its own initiative, care is given on the spot, the filing already goes through the National Single Window, or the
legal text makes the applicant file in person at a named place. Look-alikes the audit or the blind experts judged
correct stay reported."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.detect.long_processing_time import no_filing, presence_required
from analyzer.model import Channel, Procedure, Step
from analyzer.resources import Resources

CUES = Resources.default().cues


def _no_online(procedure: Procedure) -> list:
    found = detect_kind(procedure, "long_processing_time", DetectionContext(rules=load_rules(None)))
    return [f for f in found if f.rule == "no_online"]


@pytest.mark.parametrize(
    ("source", "code", "reported"),
    [
        ("portal_flat", "2.002191", False),  # the liable body organises the apology: "Nhà nước chủ động"
        ("portal_docx", "1.014193", False),  # treatment under health insurance, "Giải quyết ngay sau khi xuất trình"
        ("portal_docx", "2.000993", False),  # border quarantine: declared "qua Cổng thông tin một cửa quốc gia"
        ("portal_docx", "2.000839", False),  # "phải nộp đơn đề nghị hỗ trợ học nghề trực tiếp tại trung tâm …"
        # look-alikes: unemployment benefit ("phải trực tiếp nộp", the blind experts want it online), a waiver of
        # enforcement costs filed in 3 days and a dam-safety plan appraisal (both judged correct in round 8)
        ("portal_docx", "1.001978", True),
        ("portal_flat", "1.002520", True),
        ("portal_docx", "2.001313", True),
    ],
)
def test_no_online_on_real_records(source: str, code: str, reported: bool, tmp_path) -> None:
    from support import real_procedure

    assert bool(_no_online(real_procedure(source, code, tmp_path))) is reported


def _with_step(text: str) -> Procedure:
    return Procedure(code="T.1", name="Thủ tục thử", steps=[Step(index=1, text=text)],
                     channels=[Channel(mode="truc_tiep")])


@pytest.mark.parametrize(
    ("step", "in_person"),
    [
        ("Người lao động phải nộp đơn đề nghị hỗ trợ học nghề trực tiếp tại trung tâm dịch vụ việc làm.", True),
        ("Thương nhân phải nộp 01 bộ hồ sơ trực tiếp hoặc qua đường bưu điện đến Sở Công Thương.", False),
        ("Người nộp thuế phải nộp hồ sơ đến cơ quan thuế quản lý trực tiếp tại địa phương.", False),
        ("Doanh nghiệp phải nộp hồ sơ đúng hạn. Hồ sơ được tiếp nhận trực tiếp tại Bộ phận một cửa.", False),
    ],
)
def test_in_person_by_law_is_read_in_one_clause(step: str, in_person: bool) -> None:
    assert presence_required(_with_step(step), CUES) is in_person


@pytest.mark.parametrize(
    ("step", "none_filed"),
    [
        ("Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại thông báo cho người bị thiệt hại về việc Nhà "
         "nước chủ động tổ chức thực hiện phục hồi danh dự.", True),
        ("Người bị thiệt hại nộp văn bản yêu cầu bồi thường tại cơ quan giải quyết bồi thường.", False),
        ("Cơ sở giải quyết ngay sau khi xuất trình hồ sơ.", True),
        ("Cơ quan giải quyết ngay sau khi nhận đủ hồ sơ hợp lệ.", False),  # a filing, decided at once
    ],
)
def test_no_filing_cues(step: str, none_filed: bool) -> None:
    assert no_filing(_with_step(step), CUES) is none_filed
