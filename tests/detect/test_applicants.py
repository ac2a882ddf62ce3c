"""A procedure whose applicant is itself a public body: time and channel rules leave it alone (round-6 audit)."""

from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, analyze_one
from analyzer.detect._applicants import public_body_applicant
from analyzer.model import Channel, Duration, Procedure, Step
from analyzer.resources import Resources

CUES = Resources.default().cues


def _procedure(first_step: str) -> Procedure:
    return Procedure(code="T.1", name="Thủ tục thử", level="Cấp Tỉnh", steps=[Step(index=1, text=first_step)],
                     channels=[Channel(mode="truc_tiep", duration=Duration(text="30 ngày làm việc", value=30.0,
                                                                           unit="working_day", working_days=30.0))])


@pytest.mark.parametrize(
    ("first_step", "public"),
    [
        ("Uỷ ban nhân dân cấp xã lập hồ sơ đề nghị công nhận làng nghề, trình UBND cấp tỉnh.", True),  # 1.003695
        ("Đối với dự án thuộc thẩm quyền của Hội đồng nhân dân cấp tỉnh thì cơ quan quản lý nhà ở cấp tỉnh chuẩn bị "
         "tờ trình, hồ sơ theo quy định.", True),  # 6.003625
        ("Sở Xây dựng lập tờ trình đề xuất điều chỉnh chương trình phát triển nhà ở cấp tỉnh.", True),  # 6.001434
        ("Cơ quan, đơn vị chuẩn bị hồ sơ theo quy định của pháp luật.", True),  # 3.000395
        ("Tổ chức, cá nhân nộp hồ sơ tại Bộ phận một cửa.", False),
        ("Hằng năm, ủy ban nhân dân cấp xã thông báo cho cá nhân khác có nhu cầu sử dụng đất nộp hồ sơ.", False),  # 1.013962
        ("Sở Giao dịch hàng hóa nộp hồ sơ đề nghị cấp sửa đổi giấy phép.", False),  # 1.003129: a company
        ("Trường trung cấp có vốn đầu tư nước ngoài gửi hồ sơ đề nghị cho phép thành lập phân hiệu.", False),  # 1.000154
        ("Trường tiểu học gửi hồ sơ đến ủy ban nhân dân cấp xã.", False),  # 1.000280: the experts raise cuts for schools
        ("Tiếp nhận hồ sơ; Ủy ban nhân dân cấp xã lập hồ sơ gửi Sở.", False),  # the commune forwards a citizen's file
        # 6.006574 (round-7 audit): the commune's own urban development plan, its subject qualified at length
        ("Ủy ban nhân dân cấp xã thuộc trường hợp phường, đặc khu được xác định là đô thị hoặc xã, đặc khu dự kiến "
         "thành đô thị theo chương trình phát triển đô thị đã được phê duyệt (bao gồm các địa phương thuộc Thủ đô Hà Nội "
         "và Thành phố Hồ Chí Minh) lập báo cáo đề xuất xây dựng kế hoạch phát triển đô thị đề nghị Ủy ban nhân dân "
         "cấp tỉnh phê duyệt.", True),
        ("Sở Xây dựng lập báo cáo đề xuất xây dựng chương trình phát triển đô thị, đề nghị Ủy ban nhân dân cấp tỉnh "
         "phê duyệt.", True),  # 6.006576
        # 1.013061: the bodies in parentheses receive the investor's file; none of them files
        ("Nộp hồ sơ Chủ đầu tư dự án xây dựng công trình trên đường bộ đang khai thác gửi hồ sơ đề nghị đến cơ quan có "
         "thẩm quyền (Khu Quản lý đường bộ, Sở Xây dựng, Ủy ban nhân dân cấp xã).Giải quyết TTHC - Đối với hồ sơ nộp "
         "trực tiếp, cơ quan có thẩm quyền thực hiện kiểm tra thành phần hồ sơ, nếu đủ thì tiếp nhận hồ sơ và lập "
         "báo cáo gửi cấp trên.", False),
    ],
)
def test_a_public_body_filing_its_own_dossier_is_recognised(first_step: str, public: bool) -> None:
    assert public_body_applicant(_procedure(first_step), CUES) is public


def test_time_and_channel_rules_leave_a_public_bodys_own_filing_alone() -> None:
    rules = lambda p: {f.rule for f in analyze_one(p, DetectionContext())}  # noqa: E731
    citizens = rules(_procedure("Tổ chức, cá nhân nộp hồ sơ tại Sở Xây dựng."))
    public = rules(_procedure("Sở Xây dựng lập tờ trình gửi Ủy ban nhân dân cấp tỉnh."))
    assert "no_online" in citizens and "no_online" not in public


@pytest.mark.parametrize(
    ("source", "code", "public"),
    [
        # round-8 audit, public_body_applicant: the owner of a State-funded park project or the unit managing the
        # asset files for its handover (6.006594); a public-investment forestry project's owner (1.007918)
        ("portal_flat", "6.006594", True),
        ("portal_flat", "1.007918", True),
        # look-alike: a civil servant buying State housing files as a citizen (name "thuộc tài sản công")
        ("portal_flat", "1.012893", False),
    ],
)
def test_public_project_owner_on_real_records(source: str, code: str, public: bool, tmp_path) -> None:
    from support import real_procedure

    assert public_body_applicant(real_procedure(source, code, tmp_path), CUES) is public
