"""_paper_mentions: a paper named inside another entry and asked again alone; two papers carrying one request's data."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Case, DocumentRequirement, Procedure


def duplicates(*cases: list[str]) -> list[list[tuple[int, int]]]:
    """(case, index) places of the duplicate_document findings of a procedure with these dossier lists."""
    procedure = Procedure(code="T.1", name="Thủ tục thử", steps=[],
                          cases=[Case(name=f"Trường hợp {n}", documents=[DocumentRequirement(name=d) for d in docs])
                                 for n, docs in enumerate(cases, start=1)])
    return [[(e.case, e.index) for e in f.evidence]
            for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
            if f.rule == "duplicate_document"]


@pytest.mark.parametrize(
    "documents",
    [
        # 1.001279: the licence attached to the request and asked again as its own entry
        ["Đơn đề nghị cấp lại theo Mẫu số 03 ban hành tại Nghị định 17/2020/NĐ-CP và bản gốc hoặc bản sao giấy phép "
         "đã cấp (nếu có)", "Bản gốc hoặc bản sao giấy phép đã cấp"],
        # 2.000901: the cheque offered as an alternative of the slip and listed again alone
        ["Giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt, phiếu chi tiền (02 liên)",
         "Giấy uỷ quyền (nếu người lĩnh tiền là người được ủy quyền)", "Séc lĩnh tiền mặt (Mẫu số 04/KT)"],
        # the same shape with "kèm theo"
        ["Tờ khai đăng ký hoạt động kèm theo bản sao giấy chứng nhận đăng ký doanh nghiệp",
         "Bản sao giấy chứng nhận đăng ký doanh nghiệp"],
        # 1.014259: a request letter and a declaration of the same settlement (Mẫu 06, Mẫu 07)
        ["Bản kê khai thông tin quyết toán tiền cấp quyền khai thác khoáng sản", "Báo cáo thống kê trữ lượng",
         "Văn bản đề nghị quyết toán tiền cấp quyền khai thác khoáng sản"],
        # 1.009662: the investor's notification and its own decision on the same termination
        ["Văn bản thông báo về việc chấm dứt hoạt động dự án đầu tư", "Quyết định chấm dứt hoạt động của dự án đầu tư"],
        # 2.001573: the decision names its author after the subject
        ["Thông báo chấm dứt hoạt động bán hàng đa cấp theo Mẫu số 06",
         "01 bản sao quyết định về việc chấm dứt hoạt động bán hàng đa cấp của chủ doanh nghiệp tư nhân"],
    ],
)
def test_paper_asked_again(documents: list[str]) -> None:
    assert len(duplicates(documents)) == 1


def test_message_names_the_entry_asked_alone() -> None:
    procedure = Procedure(code="T.1", name="Thủ tục thử", steps=[], cases=[Case(name=None, documents=[
        DocumentRequirement(name="Giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt"),
        DocumentRequirement(name="Séc lĩnh tiền mặt (Mẫu số 04/KT)")])])
    [finding] = [f for f in detect_kind(procedure, "repeated_paperwork", DetectionContext(rules=load_rules(None)))
                 if f.rule == "duplicate_document"]
    assert "lần thứ hai là mục riêng «Séc lĩnh tiền mặt (Mẫu số 04/KT)»" in finding.message


@pytest.mark.parametrize(
    "cases",
    [
        # the same paper in two cases ("Trường hợp …") is two ways to do the procedure
        [["Đơn đề nghị và bản sao giấy phép đã cấp"], ["Bản sao giấy phép đã cấp"]],
        # payment instalments: alike, not equal
        [["Giấy đề nghị thanh toán đợt 1 và bản sao hợp đồng", "Giấy đề nghị thanh toán đợt 2"]],
        # each party's copy of a resolution
        [["Nghị quyết của bên bán và bản sao nghị quyết của bên mua", "Nghị quyết của bên mua về việc chuyển nhượng"]],
        # cash and non-cash branches: different papers
        [["Giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt", "Ủy nhiệm chi chuyển khoản"]],
        # one paper in two forms: a copy or the original to compare, then nothing else
        [["Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc bản chính để đối chiếu", "Đơn đề nghị cấp phép"]],
        # a plain copy beside the original shown to compare it
        [["Đơn đề nghị kèm theo bản sao giấy phép lái xe", "Bản chính giấy phép lái xe để đối chiếu"]],
        # 1.013123: the plate is what the declaration revokes, and is surrendered as a thing, not a paper asked twice
        [["Giấy khai thu hồi chứng nhận đăng ký xe, biển số xe (Mẫu ĐKX11)", "Biển số xe"]],
        # 1.000756: the resolution approves the technical statement, it does not attach it
        [["Nghị quyết của Hội đồng quản trị về việc thông qua Đề án cung ứng dịch vụ và Bản thuyết minh giải pháp kỹ "
          "thuật", "Bản thuyết minh giải pháp kỹ thuật"]],
        # 1.013443: a conditional row describing another filer's dossier
        [["Trường hợp Cục Trang bị tổ chức đào tạo thì phải có văn bản đề nghị; kèm theo 03 ảnh màu chụp kiểu chân dung",
          "Kèm theo 03 ảnh màu chụp kiểu chân dung"]],
        # 1.003358: the sponsor's letter and the foreigner's own declaration carry different data
        [["Văn bản đề nghị cấp thẻ tạm trú (mẫu NA6)", "Tờ khai đề nghị cấp thẻ tạm trú cho người nước ngoài (NA8)"]],
        # a decision and a notice on different subjects
        [["Thông báo thay đổi địa chỉ trụ sở chính", "Quyết định thành lập doanh nghiệp"]],
    ],
)
def test_look_alikes_stay_clean(cases: list[list[str]]) -> None:
    assert duplicates(*cases) == []
