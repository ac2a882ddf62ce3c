"""local_certification_paper: dossier papers that must carry a commune/ward confirmation."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind
from analyzer.detect._similarity import key
from analyzer.detect.messages import render
from analyzer.detect.redundant_steps import local_confirmation
from analyzer.model import Case, DocumentRequirement, Procedure
from analyzer.resources import Resources


@pytest.mark.parametrize(
    ("paper", "found"),
    [
        # 2.000717
        ("Giấy đề nghị nhận chế độ BHXH khi người hưởng từ trần (mẫu số 3-CBH) có xác nhận của chính quyền địa phương "
         "nơi người hưởng cư trú", True),
        # 2.000998
        ("Giấy xác nhận của Chủ tịch UBND cấp xã về việc người khuyết tật là thành viên của hộ gia đình vay vốn", True),
        # 1.003091
        ("Đối với trường hợp xảy ra sự kiện bất khả kháng thì phải có xác nhận của Ủy ban nhân dân cấp xã nơi người đó "
         "cư trú cuối cùng", True),
        # 1.002548
        ("Đơn đề nghị được Ủy ban nhân dân cấp xã nơi người đó cư trú xác nhận thuộc diện neo đơn", True),
        # 1.005086: one confirmation or another, both asked of the applicant
        ("Sơ yếu lý lịch có xác nhận của cơ quan quản lý trực tiếp hoặc xác nhận của chính quyền địa phương nơi cư trú", True),
        # look-alikes
        ("Giấy khai sinh có chứng nhận của UBND cấp xã", False),  # a certified copy (1.004055)
        ("Bản sao có xác nhận của Ủy ban nhân dân cấp xã", False),  # a form of copy
        ("Văn bản xác nhận của Ủy ban nhân dân cấp xã (nếu có)", False),  # optional
        ("Biên bản xác nhận tai nạn có xác nhận của Ủy ban nhân dân cấp xã nơi xảy ra tai nạn", False),  # event record
        # a named certificate the commune grants (2.000998)
        ("Giấy xác nhận khuyết tật của người khuyết tật do Chủ tịch Uỷ ban nhân dân cấp xã xác nhận", False),
        ("Giấy xác nhận của bệnh viện về tình trạng sức khỏe", False),  # a non-local body
        ("Giấy xác nhận của người sử dụng lao động", False),
        ("Sơ yếu lý lịch có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú (không yêu cầu nộp trong trường hợp đã có cơ "
         "sở dữ liệu về cư trú)", False),  # 1.001432: the database first
        ("Giấy tờ chứng minh gồm một trong các giấy tờ sau: giấy tờ bảo lãnh; giấy xác nhận của Ủy ban nhân dân cấp xã "
         "nơi thường trú về tình trạng nhà ở", False),  # 2.002039: one proof among several
        ("Các loại giấy tờ quy định tại Điều 137 của Luật đất đai; hoặc giấy xác nhận của Ủy ban nhân dân cấp xã", False),
        ("Bản xác nhận của Ủy ban nhân dân cấp xã hoặc người mang thai hộ tự mình chứng minh về mối quan hệ thân thích",
         False),  # 1.008685: the applicant may prove it itself
        ("Đơn đề nghị, không cần xác nhận của Ủy ban nhân dân cấp xã", False),
    ],
)
def test_local_confirmation(paper: str, found: bool) -> None:
    resources = Resources.default()
    assert (local_confirmation(key(paper), resources.cues, resources.state_data) is not None) == found


def make(*papers: str, agency: str = "Bảo hiểm xã hội tỉnh") -> Procedure:
    return Procedure(code="T.1", name="Thủ tục thử", agency=agency,
                     cases=[Case(documents=[DocumentRequirement(name=p) for p in papers])])


def findings_of(procedure: Procedure) -> list:
    return [f for f in detect_kind(procedure, "redundant_step", DetectionContext()) if f.rule == "local_certification_paper"]


CONFIRMED = "Đơn đề nghị có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú"
CV = "Sơ yếu lý lịch có xác nhận của chính quyền địa phương nơi cư trú"


def test_one_finding_with_every_paper() -> None:
    findings = findings_of(make(CONFIRMED, "Bản sao Giấy khai sinh", CV))
    assert len(findings) == 1
    assert [e.index for e in findings[0].evidence] == [0, 2]
    assert findings[0].suggestion.params["items"] == 2
    text = render(findings[0].template, findings[0].message_params)
    assert "2 giấy tờ phải có xác nhận của chính quyền cấp xã" in text and "Cơ sở dữ liệu quốc gia về dân cư" in text


@pytest.mark.parametrize("agency", ["Ủy ban Nhân dân xã, phường, thị trấn.", "UBND cấp xã"])
def test_the_commune_itself_deciding_is_clean(agency: str) -> None:
    assert findings_of(make(CONFIRMED, agency=agency)) == []


def test_the_same_paper_in_two_cases_is_quoted_once() -> None:
    procedure = Procedure(code="T.1", name="Thủ tục thử", agency="Sở Tư pháp",
                          cases=[Case(documents=[DocumentRequirement(name=CV)]), Case(documents=[DocumentRequirement(name=CV)])])
    assert [len(f.evidence) for f in findings_of(procedure)] == [1]


def test_a_procedure_without_such_papers_is_clean() -> None:
    assert findings_of(make("Đơn đề nghị", "Giấy xác nhận của bệnh viện")) == []
