"""papers_again_at_collection: the dossier's papers handed in once more when the result is collected."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Procedure, Step


def findings(*steps: str) -> list:
    procedure = Procedure(code="T.1", name="Thủ tục đăng ký lại kết hôn",
                          steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)])
    return [f for f in detect_kind(procedure, "redundant_step", DetectionContext(rules=load_rules(None)))
            if f.rule == "papers_again_at_collection"]


@pytest.mark.parametrize(
    "step",
    [
        # 2.000513 (round-4 blind gold), 1.004746
        "Khi đến cơ quan đăng ký hộ tịch nhận kết quả (Giấy chứng nhận kết hôn), người yêu cầu đăng ký lại kết hôn xuất "
        "trình giấy tờ tuỳ thân, nộp các giấy tờ là thành phần hồ sơ đăng ký lại kết hôn theo quy định pháp luật hộ tịch.",
        # 1.004884, 1.005461, 2.000497, 2.000522
        "Trường hợp người yêu cầu đăng ký hộ tịch lựa chọn nhận kết quả tại Trung tâm Phục vụ hành chính công thì người "
        "yêu cầu đăng ký hộ tịch phải xuất trình/nộp các giấy tờ là thành phần hồ sơ theo quy định",
    ],
)
def test_papers_handed_in_again_at_collection_are_found(step: str) -> None:
    found = findings("Người yêu cầu nộp hồ sơ trực tuyến.", "Công chức tư pháp - hộ tịch thẩm tra hồ sơ.", step)
    assert [(f.evidence[0].index, f.message_params["where"]) for f in found] == [(2, "Bước 3")]


@pytest.mark.parametrize(
    "step",
    [
        # the papers filed at the start, not at collection
        "Người yêu cầu nộp các giấy tờ là thành phần hồ sơ tại Trung tâm Phục vụ hành chính công.",
        # collecting the result against a fee or an old paper handed back
        "Khi nhận kết quả, người yêu cầu nộp lệ phí và ký nhận vào sổ.",
        "Khi nhận Giấy chứng nhận mới, người đề nghị nộp lại Giấy chứng nhận cũ.",
        # showing the identity card at collection
        "Khi nhận kết quả, người yêu cầu xuất trình giấy tờ tùy thân để đối chiếu.",
    ],
)
def test_other_acts_at_collection_stay_clean(step: str) -> None:
    assert findings("Người yêu cầu nộp hồ sơ trực tuyến.", step) == []
