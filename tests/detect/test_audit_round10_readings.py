"""The round-10 blind audit's wrong and not-actionable causes read generally (precision_round11.md): a dossier row that
refers to another case's dossier, a compilation of opinions, and the customs system that only a central link reaches. Real records by code; synthetic look-alikes that must stay found."""
from __future__ import annotations

import pytest
from real_records import real_procedure

from analyzer.detect import DetectionContext, analyze_one, detect_kind
from analyzer.model import Case, DocumentRequirement, Procedure

CONTEXT = DetectionContext()
Doc = DocumentRequirement


def _rule(procedure: Procedure, rule: str) -> list:
    return [f for f in detect_kind(procedure, "repeated_paperwork", CONTEXT) if f.rule == rule]


def _counted(name: str) -> list:
    procedure = Procedure(code="T.1", name="Cấp lại giấy phép", cases=[Case(name="Trường hợp hết hạn", documents=[
        Doc(name="Đơn đề nghị cấp lại"), Doc(name=name, originals=1, copies=1)])])
    return _rule(procedure, "original_plus_copy")


@pytest.mark.parametrize(
    ("name", "fires"),
    [
        # 2.000622 (round-10 blind audit, row_not_a_paper), 2.001240, 2.001630
        ("hồ sơ, thẩm quyền, trình tự, thủ tục cấp lại áp dụng như quy định với trường hợp cấp mới", False),
        ("Hồ sơ cấp lại đối với trường hợp này được thực hiện như quy định đối với trường hợp cấp mới", False),
        # look-alikes: papers whose name cites a rule are still papers
        ("Báo cáo đánh giá hợp quy, thực hiện theo quy định tại Mẫu số 04", True),
        ("Bản sao giấy phép kinh doanh", True),
    ],
    ids=["reissue refers to the first issue", "the same, 'được thực hiện như'", "look-alike: a form cited",
         "look-alike: a paper"],
)
def test_a_row_referring_to_another_dossier_is_not_a_paper(name: str, fires: bool) -> None:
    assert bool(_counted(name)) is fires


def test_real_reissue_row_referring_to_the_first_issue() -> None:
    assert _rule(real_procedure("portal_docx", 795), "original_plus_copy") == []  # 2.000622


def _collects(paper: str) -> list:
    procedure = Procedure(code="T.1", name="Thủ tục thử", agency="Sở Nông nghiệp và Môi trường",
                          cases=[Case(name="Hồ sơ", documents=[Doc(name="Tờ trình"), Doc(name=paper)])])
    return [f for f in detect_kind(procedure, "redundant_step", CONTEXT) if f.rule == "applicant_collects"]


@pytest.mark.parametrize(
    ("paper", "fires"),
    [
        # 3.000501: in the file the Sở submits for approval (round-10 blind audit, internal_dossier_row)
        ("Tổng hợp ý kiến của cơ quan, tổ chức, cá nhân liên quan", False),
        # look-alike: an opinion the applicant must bring
        ("Văn bản ý kiến của Ủy ban nhân dân cấp tỉnh nơi có dự án", True),
    ],
    ids=["a compilation of opinions", "look-alike: an opinion to bring"],
)
def test_a_compilation_of_opinions_is_not_collected_by_the_applicant(paper: str, fires: bool) -> None:
    assert bool(_collects(paper)) is fires


def test_real_approval_file_compilation() -> None:
    findings = [f for f in analyze_one(real_procedure("portal_flat", 868), CONTEXT) if f.rule == "applicant_collects"]
    assert findings == []  # 3.000501


@pytest.mark.parametrize(("source", "line"), [("portal_docx", 476), ("portal_docx", 643)], ids=["1.001298", "1.013642"])
def test_a_customs_declaration_on_a_certificate_of_origin_is_a_central_matter(source: str, line: int) -> None:
    """The C/O office on eCoSys reaches the customs declaration only through a link the Ministries build (round-10
    blind audit, central_system); the business registration asked beside it stays the province's lookup."""
    findings = [f for f in analyze_one(real_procedure(source, line), CONTEXT) if f.rule == "state_held_document"]
    customs = [f for f in findings if "hải quan" in f.message]
    assert customs and all(f.actionable_by == "central" for f in customs)
    assert all(f.actionable_by == "province" for f in findings if f not in customs)
