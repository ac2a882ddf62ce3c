"""approval_chain and applicant_collects: decisions through several levels, opinions the applicant must fetch."""

from __future__ import annotations

import pytest
from real_records import real_procedure

from analyzer.detect import DetectionContext, analyze_one, detect_kind
from analyzer.model import Case, DocumentRequirement, Procedure, Step

CONTEXT = DetectionContext()


def make(*steps: str, documents: tuple[str, ...] = (), agency: str | None = None) -> Procedure:
    return Procedure(code="T.1", name="Thủ tục thử", agency=agency,
                     steps=[Step(index=n, text=f"Bước {n}: {t}") for n, t in enumerate(steps, 1)],
                     cases=[Case(documents=[DocumentRequirement(name=d) for d in documents])] if documents else [])


def found(procedure: Procedure, rule: str) -> list[list[tuple[str, int | None]]]:
    return [[(e.field, e.index) for e in f.evidence]
            for f in detect_kind(procedure, "redundant_step", CONTEXT) if f.rule == rule]


# ---------------------------------------------------------------- approval_chain


@pytest.mark.parametrize(
    ("steps", "evidence"),
    [
        (("Tổ chức nộp hồ sơ tại Bộ phận Một cửa.", "Phòng chuyên môn thẩm định, trình Giám đốc Sở xem xét.",
          "Sở trình Ủy ban nhân dân tỉnh quyết định cấp giấy phép.", "Trả kết quả."), [1, 2]),
        (("Tổ chức nộp hồ sơ.", "Trong thời hạn 07 ngày làm việc, Sở Xây dựng lấy ý kiến Ủy ban nhân dân tỉnh.",
          "Sở cấp giấy phép."), [1]),
        (("Tổ chức nộp hồ sơ.", "Công chức kiểm tra, trình Lãnh đạo Chi nhánh phê duyệt.", "Kế toán lập chứng từ.",
          "Kế toán trình Lãnh đạo Chi nhánh duyệt chứng từ.", "Trả kết quả."), [1, 3]),
        (("Tổ chức nộp hồ sơ.", "Cán bộ thẩm định, ký phê duyệt và trình người có thẩm quyền ký cấp giấy chứng nhận.",
          "Trả kết quả."), [1]),
    ],
    ids=["Sở then UBND tỉnh", "consultation with its own days", "the same approver twice", "two signatures"],
)
def test_a_decision_that_climbs_or_waits_on_a_consultation_is_an_approval_chain(steps: tuple[str, ...], evidence: list[int]) -> None:
    assert found(make(*steps), "approval_chain") == [[("steps", i) for i in evidence]]


@pytest.mark.parametrize(
    "steps",
    [
        ("Tổ chức nộp hồ sơ.", "Chuyên viên thẩm định, trình lãnh đạo phòng.", "Lãnh đạo phòng trình lãnh đạo Sở ký.", "Trả kết quả."),
        ("Tổ chức nộp hồ sơ.", "Ủy ban nhân dân xã lấy ý kiến khu dân cư trong 5 ngày.", "Cấp giấy."),
        ("Tổ chức, cá nhân lấy ý kiến của Sở Xây dựng về vị trí.", "Nộp hồ sơ.", "Sở cấp giấy phép."),
    ],
    ids=["one agency's own hierarchy", "public consultation", "the applicant consults (applicant_collects)"],
)
def test_an_internal_hierarchy_or_a_public_consultation_is_not_an_approval_chain(steps: tuple[str, ...]) -> None:
    assert found(make(*steps), "approval_chain") == []


@pytest.mark.parametrize(
    ("source", "line", "code", "step"),
    [
        ("portal_flat", 758, "1.014836", 1),  # the Sở asks the Chủ tịch UBND tỉnh to consult the Bộ, 5 days a round
        ("portal_docx", 1419, "1.000800", 3),  # the branch leadership approves the file, then the vouchers
    ],
)
def test_real_approval_chains_are_found(source: str, line: int, code: str, step: int) -> None:
    procedure = real_procedure(source, line)
    assert procedure.code == code
    assert [("steps", step) in evidence for evidence in found(procedure, "approval_chain")] == [True]


def test_the_wider_readings_stay_off_founding_procedures() -> None:
    # 1.010927 "Thành lập phân hiệu của trường trung cấp ...": the Sở, named after the time limit, submits the founding
    # to the Chủ tịch UBND cấp tỉnh, the level the law sets; the same step of another procedure is a chain
    step = ("Trong thời hạn 07 ngày làm việc kể từ ngày tiếp nhận hồ sơ, Sở Giáo dục và Đào tạo thẩm định hồ sơ thành "
            "lập phân hiệu của trường trung cấp và trình Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định.")
    founding = make("Nộp hồ sơ.", step, "Trả kết quả.")
    founding.name = "Thành lập phân hiệu của trường trung cấp công lập"
    assert found(founding, "approval_chain") == []
    assert found(make("Nộp hồ sơ.", step, "Trả kết quả."), "approval_chain") == [[("steps", 1)]]


def test_an_officer_and_a_signer_within_hours_is_ordinary_control() -> None:
    # C/O form A (1.002960): "ký phê duyệt và trình người có thẩm quyền ... ký cấp phép C/O" within 8 working hours
    # (blind audits 3 and 4: internal_signoff_not_chain); the same two signatures over days are a chain
    procedure = real_procedure("portal_docx", 497)
    assert procedure.code == "1.002960" and found(procedure, "approval_chain") == []
    slow = make("Nộp hồ sơ.", "Chuyên viên ký phê duyệt và trình Giám đốc Sở ký giấy phép.", "Trả kết quả.")
    assert found(slow, "approval_chain") == [[("steps", 1)]]


# ---------------------------------------------------------------- applicant_collects


@pytest.mark.parametrize(
    ("procedure", "evidence"),
    [
        (make("Nộp hồ sơ.", documents=("Đơn đề nghị", "Văn bản chấp thuận của Sở Giao thông vận tải")), [("documents", 1)]),
        (make("Tổ chức, cá nhân lấy ý kiến của Ủy ban nhân dân tỉnh về vị trí xây dựng.", "Nộp hồ sơ."), [("steps", 0)]),
    ],
    ids=["a paper of the dossier", "a step of the applicant"],
)
def test_an_opinion_the_applicant_must_fetch_is_found(procedure: Procedure, evidence: list[tuple[str, int]]) -> None:
    assert found(procedure, "applicant_collects") == [evidence]


@pytest.mark.parametrize(
    "procedure",
    [
        make("Nộp hồ sơ.", documents=("Văn bản đồng ý của chủ sở hữu nhà", "Văn bản thỏa thuận của cha, mẹ")),
        make("Nộp hồ sơ.", documents=("Đơn có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú",)),
        make("Nộp hồ sơ.", "Sở Xây dựng lấy ý kiến của Sở Tài nguyên và Môi trường."),
        make("Nộp hồ sơ.", documents=("Văn bản chấp thuận của Sở Công Thương",), agency="Sở Công Thương"),
    ],
    ids=["a private party's consent", "a commune's certification", "the agency consults", "the agency's own approval"],
)
def test_private_consent_local_certification_and_agency_consultation_are_not_applicant_collects(procedure: Procedure) -> None:
    assert found(procedure, "applicant_collects") == []


def test_real_confirmation_the_project_owner_must_gather_is_found() -> None:
    procedure = real_procedure("portal_docx", 1419)  # 1.000800: "phải có xác nhận của Hội đồng bồi thường"
    assert found(procedure, "applicant_collects") == [[("documents", 9)]]


@pytest.mark.parametrize(
    ("steps", "clean"),
    [
        (("Nộp hồ sơ.", "Trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ hợp lệ, Sở Tư pháp thẩm định, trình Chủ tịch "
          "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương xem xét, cấp Giấy phép.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 03 ngày làm việc, Cục Giáo dục nghề nghiệp trình Bộ trưởng Bộ Giáo dục và Đào tạo "
          "quyết định.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Sở Tư pháp thẩm định, trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, cấp Giấy phép.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Cục Giáo dục nghề nghiệp trình Bộ trưởng Bộ Giáo dục và Đào tạo quyết định.", "Trả kết quả."), True),
        (("Nộp hồ sơ.", "Trong thời hạn 05 ngày làm việc, Sở Tư pháp trình Chủ tịch Ủy ban nhân dân cấp tỉnh.",
          "Chủ tịch Ủy ban nhân dân cấp tỉnh đề xuất, Chủ tịch nước quyết định."), True),
        (("Nộp hồ sơ.", "Trong thời hạn 05 ngày làm việc, cơ sở giáo dục trình Bộ trưởng Bộ Giáo dục và Đào tạo quyết định."), True),
        (("Nộp hồ sơ.", "+ Sở Dân tộc và Tôn giáo hoặc Sở Nội vụ phối hợp với các cơ quan liên quan thẩm định hồ sơ "
          "(nếu cần thiết) trình Ủy ban nhân dân cấp tỉnh.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Sở Nội vụ phối hợp với các cơ quan liên quan thẩm định hồ sơ trình Ủy ban nhân dân cấp tỉnh.",
          "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Sở Nội vụ thẩm định hồ sơ, trường hợp cần thiết trình Ủy ban nhân dân cấp tỉnh.", "Trả kết quả."), True),
        (("Nộp hồ sơ.", "Sở Nội vụ thẩm định hồ sơ, lấy ý kiến các cơ quan liên quan (nếu cần thiết).", "Trả kết quả."), True),
        # 3.000504: "cơ quan chuyên môn về nhà ở trực thuộc Bộ Quốc phòng ... tổ chức thẩm định và trình Bộ trưởng"
        (("Nộp hồ sơ.", "Trong thời gian 15 ngày, cơ quan chuyên môn về nhà ở trực thuộc Bộ Quốc phòng có trách nhiệm "
          "tổ chức thẩm định và trình Bộ trưởng Bộ Quốc phòng quyết định.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Cơ quan chuyên môn về nông nghiệp thuộc Ủy ban nhân dân cấp tỉnh thẩm định, trình Ủy ban nhân "
          "dân cấp tỉnh phê duyệt.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Cơ quan chuyên môn về nhà ở trực thuộc Bộ Quốc phòng thẩm định và trình Bộ trưởng Bộ Quốc "
          "phòng quyết định.", "Trả kết quả."), True),
        (("Nộp hồ sơ.", "Trong thời gian 15 ngày, cơ quan chuyên môn thẩm định hồ sơ của tổ chức thuộc Bộ Quốc phòng "
          "và trình Bộ trưởng Bộ Quốc phòng.", "Trả kết quả."), True),
        # 1.003434: the appraising commune office is named after the time limit, 22 words before "trình"
        (("Nộp hồ sơ.", "Trong thời hạn 15 ngày làm việc sau khi nhận đủ hồ sơ hợp lệ, cơ quan chuyên môn về nông nghiệp và "
          "môi trường cấp xã tổ chức thẩm định (thành lập Hội đồng thẩm định) và trình Chủ tịch Ủy ban nhân dân cấp xã "
          "xem xét, phê duyệt.", "Trả kết quả."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 15 ngày làm việc sau khi nhận đủ hồ sơ hợp lệ, tổ chức, cá nhân được Ủy ban nhân "
          "dân cấp xã giao nhiệm vụ lập báo cáo và trình Chủ tịch Ủy ban nhân dân cấp tỉnh.", "Trả kết quả."), True),
        # 1.001822: the Sở decides and informs the Bộ trưởng at the same time
        (("Nộp hồ sơ.", "Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ, Giám đốc Sở Văn hóa, Thể thao "
          "và Du lịch có trách nhiệm xem xét, quyết định cấp Chứng chỉ hành nghề, đồng thời báo cáo Bộ trưởng Bộ Văn "
          "hóa, Thể thao và Du lịch.", "Trả kết quả."), True),
    ],
    ids=["Sở appraises, Chủ tịch UBND tỉnh signs", "Cục then Bộ trưởng", "a Sở and the Chủ tịch UBND tỉnh: two bodies, days or not",
         "look-alike: a Cục without days of its own",
         "look-alike: nationality (Chủ tịch nước)", "look-alike: cơ sở is no Sở",
         "a bracketed hedge qualifies the appraisal, not the submission", "the submitting Sở is the clause's subject",
         "look-alike: the submission itself only when needed", "look-alike: a consultation only when needed",
         "a ministry's own unit appraises in its days and submits to the Bộ trưởng",
         "a province's specialised body submits to the UBND tỉnh",
         "look-alike: a ministry's unit without days of its own", "look-alike: thuộc qualifies the applicant, not the unit",
         "the subject after the time limit", "look-alike: a level named later than the subject",
         "look-alike: a report alongside the decision"],
)
def test_a_lower_level_that_appraises_and_submits_to_the_signer_is_a_two_level_chain(steps: tuple[str, ...], clean: bool) -> None:
    assert (found(make(*steps), "approval_chain") == []) is clean


def _chain(source: str, line: int) -> list:
    procedure = real_procedure(source, line)
    findings = [f for f in analyze_one(procedure, CONTEXT) if f.rule == "approval_chain"]
    return findings


@pytest.mark.parametrize(
    ("source", "line", "actor"),
    [
        ("portal_flat", 1615, "province"),  # 1.001928: Sở Tư pháp kiểm tra (7 ngày), trình Chủ tịch UBND tỉnh
        ("portal_docx", 1332, "province"),  # 1.000479: Sở Nội vụ thẩm tra (20 ngày), trình Chủ tịch UBND tỉnh
        ("portal_docx", 960, "central"),  # 1.000367: Cục GDNN&GDTX (3 ngày) trình Bộ trưởng, renaming a college
        ("portal_flat", 1744, "province"),  # 1.013806: Sở Tư pháp kiểm tra và trình Chủ tịch UBND tỉnh (no days: two bodies)
        ("portal_flat", 534, "province"),  # 1.010092: UBND cấp xã (5 ngày) trình Chủ tịch UBND tỉnh
        ("portal_docx", 919, "province"),  # 1.012653: Sở DT&TG thẩm định (nếu cần thiết) trình UBND cấp tỉnh
    ],
    ids=["1.001928 Sở Tư pháp", "1.000479 Sở Nội vụ", "1.000367 Cục then Bộ trưởng", "1.013806 Sở without days",
         "1.010092 xã then tỉnh", "1.012653 hedged appraisal, then UBND tỉnh"],
)
def test_real_two_level_chains_are_found_and_the_signer_decides_who_acts(source: str, line: int, actor: str) -> None:
    findings = _chain(source, line)
    assert len(findings) == 1
    assert findings[0].actionable_by == actor


@pytest.mark.parametrize(
    ("steps", "clean"),
    [
        (("Nộp hồ sơ.", "Trong thời hạn 15 ngày, Sở Tư pháp thẩm định hồ sơ.", "Trong thời hạn 05 ngày làm việc kể từ ngày "
          "Sở Tư pháp trình hồ sơ đề nghị, Chủ tịch Ủy ban nhân dân tỉnh xem xét, cấp Giấy phép."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 20 ngày, kể từ ngày nhận được hồ sơ đề nghị của Sở Xây dựng, Ủy ban nhân dân cấp "
          "tỉnh xem xét, chấp thuận."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 10 ngày, Cục Lâm nghiệp và Kiểm lâm thẩm định, trình Bộ Nông nghiệp và Môi trường "
          "quyết định."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 30 ngày làm việc, Bộ Giáo dục và Đào tạo tổ chức thẩm định hồ sơ, trình Thủ tướng "
          "Chính phủ quyết định."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 30 ngày kể từ ngày nhận được hồ sơ hợp lệ của Sở Giao dịch hàng hóa, Bộ Công "
          "Thương quyết định phê chuẩn."), True),
        (("Nộp hồ sơ.", "Trong thời hạn 05 ngày làm việc, kể từ khi nhận được văn bản đề nghị của Chủ tịch Ủy ban nhân dân "
          "cấp xã, người đứng đầu cơ sở trợ giúp xã hội xem xét, quyết định."), True),
        (("Nộp hồ sơ.", "Trong thời hạn 10 ngày, Bộ Tài chính báo cáo Thủ tướng Chính phủ."), True),
        (("Nộp 01 bộ hồ sơ đến Sở Y tế.", "Trong thời hạn 05 ngày, Sở Y tế cấp giấy phép."), True),
        (("Nộp hồ sơ.", "Trong thời hạn 02 ngày làm việc kể từ ngày nhận được hồ sơ trình của cơ quan chuyên môn về nông "
          "nghiệp và môi trường cấp xã, Chủ tịch Ủy ban nhân dân cấp xã xác nhận tờ khai."), False),
        (("Nộp hồ sơ.", "Trong thời hạn 05 ngày, công chức văn phòng thẩm định, trình Chủ tịch Ủy ban nhân dân cấp xã ký."),
         True),
    ],
    ids=["the Chủ tịch's days from the Sở's submission", "the UBND tỉnh's days from the Sở's request",
         "a Cục submits to a Bộ named in full", "a Bộ submits to the Thủ tướng who decides",
         "look-alike: the Sở Giao dịch hàng hóa is the applicant", "look-alike: cơ sở trợ giúp xã hội is no Sở",
         "look-alike: a report to the Thủ tướng, no decision named", "look-alike: bộ hồ sơ is no Bộ",
         "the commune's specialised office, then the Chủ tịch UBND cấp xã", "look-alike: an officer, then the Chủ tịch"],
)
def test_the_upper_levels_days_after_the_lower_levels_submission_are_a_chain(steps: tuple[str, ...], clean: bool) -> None:
    assert (found(make(*steps), "approval_chain") == []) is clean


@pytest.mark.parametrize(
    ("source", "line", "code", "step", "actor"),
    [
        ("portal_flat", 2135, "1.012883", 2, "province"),  # UBND tỉnh 20 days after the Sở Xây dựng's request
        ("portal_flat", 1687, "1.008907", 2, "province"),  # Chủ tịch UBND tỉnh 5 days after the Sở Tư pháp submits
        ("portal_flat", 353, "1.000095", 3, "central"),  # Cục Lâm nghiệp và Kiểm lâm trình Bộ NN&MT quyết định
        ("portal_docx", 1001, "1.001982", 1, "central"),  # Bộ GD&ĐT thẩm định, trình Thủ tướng quyết định
        ("portal_docx", 1669, "1.001662", 1, "province"),  # the commune's office appraises, the Chủ tịch UBND xã confirms
    ],
)
def test_real_chains_named_by_the_upper_levels_step_or_a_full_ministry_name(source: str, line: int, code: str,
                                                                           step: int, actor: str) -> None:
    procedure = real_procedure(source, line)
    assert procedure.code == code
    findings = _chain(source, line)
    assert [("steps", step) in [(e.field, e.index) for e in f.evidence] for f in findings] == [True]
    assert findings[0].actionable_by == actor


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("portal_docx", 1009),  # 1.004474: Cục trình Bộ trưởng thành lập trường cao đẳng (the law's level)
        ("portal_docx", 1032),  # 1.005293: cho phép thành lập trường cao đẳng có vốn đầu tư nước ngoài, same
        ("portal_flat", 1834),  # 2.002036: thôi quốc tịch, Sở Tư pháp trình Chủ tịch UBND tỉnh, Chủ tịch nước decides
        ("portal_flat", 2118),  # 1.009465: "Sở Xây dựng trình UBND cấp tỉnh ủy quyền, phân cấp cho UBND cấp xã"
    ],
    ids=["1.004474 founding a college", "1.005293 founding a college", "2.002036 nationality", "1.009465 delegation asked"],
)
def test_real_look_alikes_of_a_two_level_chain_stay_clean(source: str, line: int) -> None:
    assert _chain(source, line) == []


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("portal_flat", 770),  # 1.014859: "Văn bản ý kiến của tổ chức, cá nhân khai thác công trình thủy lợi về ảnh hưởng ..."
        ("portal_flat", 772),  # 1.014862: same, aquaculture inside the protection zone
        ("portal_flat", 448),  # 1.003870: "... về tình hình thực hiện giấy phép" for a renewal
    ],
    ids=["1.014859", "1.014862", "1.003870 renewal"],
)
def test_the_irrigation_operators_opinion_the_applicant_must_fetch_is_found(source: str, line: int) -> None:
    assert found(real_procedure(source, line), "applicant_collects") == [[("documents", 3)]]


def test_a_private_owners_consent_is_still_not_another_bodys_opinion() -> None:
    procedure = make("Nộp hồ sơ.", "Cấp giấy phép.", documents=("Văn bản đồng ý của chủ sở hữu công trình",
                                                                 "Văn bản ý kiến của tổ chức, cá nhân thuê đất"))
    assert found(procedure, "applicant_collects") == []


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # round-6 audit `event_record_held`: papers the applicant already holds
        ("Văn bản hoặc biên bản xác nhận tai nạn có xác nhận của cơ quan công an hoặc xác nhận mức độ thương tật của cơ "
         "quan y tế", []),  # 1.008584: the accident record, made when it happened
        ("Bản sao Giấy xác nhận của cơ quan có thẩm quyền về việc thôi quốc tịch Việt Nam", []),  # 2.000755: a copy
        ("Bản sao văn bản đồng ý của cấp có thẩm quyền phê duyệt phương án phát hành trái phiếu quốc tế", []),  # 1.001207
        # a confirmation still to be asked for, after a copy of another paper in the same row (1.000789)
        ("Bản sao văn bản quyết toán thuế hoặc văn bản xác nhận của cơ quan thuế chứng minh việc thực hiện đầy đủ nghĩa "
         "vụ tài chính", [[("documents", 0)]]),
        ("Giấy xác nhận của cơ quan thuế về việc không còn nợ thuế", [[("documents", 0)]]),
        # round-7 audit, 1.000416: a copy confirmed by the issuing body is a form of copy, not an opinion to fetch
        ("Ngoài các giấy tờ chính quy định trên đây, khách hàng cung cấp thêm các giấy tờ cần thiết khác khi NHPT yêu "
         "cầu. Các giấy tờ bổ sung có thể là bản gốc, bản sao có xác nhận của cơ quan cấp bản chính hoặc có công chứng, "
         "chứng thực của cơ quan có thẩm quyền", []),
        ("Quyết định (bản chính hoặc bản sao chứng thực hoặc bản sao có xác nhận của cơ quan tổ chức cán bộ thuộc công "
         "an đơn vị)", []),  # 1.003777
        # ... but a copy of a paper that bears another body's confirmation is still to be asked for (1.001274)
        ("Bản sao tờ khai hàng hóa nhập, xuất kho ngoại quan có xác nhận của cơ quan hải quan", [[("documents", 0)]]),
    ],
    ids=["accident record", "copy of a confirmation", "copy of an approval", "confirmation after a copy", "confirmation",
         "copy confirmed by its issuer", "copy confirmed by the personnel office", "copy of a confirmed declaration"],
)
def test_a_paper_the_applicant_already_holds_is_not_collected(document: str, expected: list) -> None:
    assert found(make("Nộp hồ sơ.", documents=(document,)), "applicant_collects") == expected


@pytest.mark.parametrize(
    ("documents", "found_it"),
    [
        (("Đơn đề nghị", "Văn bản góp ý kiến của các cơ quan, đơn vị liên quan"), True),
        (("Ý kiến của các cơ quan, đơn vị liên quan (nếu có)",), True),
        (("Báo cáo giải trình, tiếp thu ý kiến của các cơ quan, tổ chức liên quan",), False),
        (("Tờ trình của Sở Xây dựng kèm ý kiến của các cơ quan liên quan",), False),
        (("Văn bản thỏa thuận của các hộ liền kề",), False),
    ],
    ids=["the opinions of the bodies concerned", "the same, if any", "look-alike: the answer to opinions",
         "look-alike: a body's own submission file", "look-alike: private neighbours' consent"],
)
def test_the_opinions_of_the_bodies_concerned_the_applicant_must_gather(documents: tuple[str, ...], found_it: bool) -> None:
    assert bool(found(make("Nộp hồ sơ.", documents=documents), "applicant_collects")) is found_it


@pytest.mark.parametrize(
    ("source", "line", "code"),
    [
        ("portal_flat", 408, "1.003440"),  # emergency response plan: "Văn bản góp ý kiến của các cơ quan, đơn vị liên quan"
        ("portal_flat", 763, "1.014847"),  # irrigation protection plan: "Ý kiến của các cơ quan, đơn vị liên quan (nếu có)"
    ],
)
def test_real_opinions_of_the_bodies_concerned_are_found(source: str, line: int, code: str) -> None:
    procedure = real_procedure(source, line)
    assert procedure.code == code
    assert [("documents", 3) in e or ("documents", 0) in e for e in found(procedure, "applicant_collects")] == [True]
