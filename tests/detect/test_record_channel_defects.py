"""A record's channels: an online or postal row that describes filing in person; an online row that the steps, which
name filing in person or by post only, contradict; a way of filing the steps offer that no channel publishes
(analyzer.detect.record_channel_defects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.detect.record_defects import record_defects
from analyzer.model import Channel, Procedure, Step
from support import real_procedure


def described(*rows: tuple[str, str]) -> list:
    procedure = Procedure(code="T.2", name="Cấp giấy phép thử", channels=[Channel(mode=m, description=d) for m, d in rows])  # type: ignore[arg-type]
    return [d for d in record_defects(procedure) if d.code == "channel_described_in_person"]


@pytest.mark.parametrize(("rows", "indices"), [
    ((("truc_tiep", "Nộp trực tiếp tại Sở Công Thương."), ("truc_tuyen", "Nộp trực tiếp tại Sở Công Thương.")), [1]),  # 2.000210
    ((("buu_chinh", "Trực tiếp tại Bộ phận Một cửa"),), [0]),  # 1.009809
    ((("truc_tuyen", "- Nộp hồ sơ trực tiếp tại Công an cấp xã hoặc Bộ phận một cửa cấp xã (nếu đã triển khai)."),
      ("buu_chinh", "Nộp hồ sơ trực tiếp tại địa điểm tiếp nhận của Ủy ban nhân dân cấp xã.")), [0, 1]),  # 1.014056, 3.000527
    # look-alikes: the in-person row itself, an online row that names the portal, a postal row that names the post,
    # a description that speaks of in-person filing further on
    ((("truc_tiep", "Nộp trực tiếp tại Sở Công Thương."),), []),
    ((("truc_tuyen", "Trực tiếp tại Cổng dịch vụ công quốc gia"),), []),
    ((("buu_chinh", "Nộp trực tiếp tại bưu điện hoặc gửi qua dịch vụ bưu chính công ích"),), []),
    ((("truc_tuyen", "07 ngày làm việc. Trường hợp hồ sơ cần bổ sung, nộp trực tiếp tại Sở"),), []),
])
def test_online_or_postal_rows_described_as_in_person(rows: tuple, indices: list[int]) -> None:
    found = described(*rows)
    assert [[e.index for e in d.evidence] for d in found] == ([indices] if indices else [])
    assert all("{" not in d.message and "trực tiếp" in d.message for d in found)


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "2.001680", 1),  # trợ giúp pháp lý: the online row reads "Nộp hồ sơ trực tiếp tại trụ sở …"
    ("portal_flat", "1.000110", 0),
])
def test_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    found = [d for d in record_defects(real_procedure(source, code, tmp_path)) if d.code == "channel_described_in_person"]
    assert len(found) == expected


def not_in_steps(step: str, modes: tuple[str, ...] = ("truc_tiep", "truc_tuyen", "buu_chinh"), description: str = "") -> list:
    procedure = Procedure(code="T.3", name="Cấp thẻ thử", steps=[Step(index=1, text=step), Step(index=2, text="Sở Tư pháp cấp thẻ.")],
                          channels=[Channel(mode=m, description=description or None) for m in modes])  # type: ignore[arg-type]
    return [d for d in record_defects(procedure) if d.code == "online_channel_not_in_steps"]


@pytest.mark.parametrize(("step", "modes", "description", "expected"), [
    ("Người đề nghị cấp Thẻ tư vấn viên pháp luật gửi 01 bộ hồ sơ trực tiếp hoặc qua hệ thống bưu chính đến Sở Tư pháp.",
     ("truc_tiep", "truc_tuyen", "buu_chinh"), "", True),  # 1.000426
    ("Doanh nghiệp nộp hồ sơ tới Ủy ban nhân dân cấp tỉnh (gửi trực tiếp hoặc qua dịch vụ bưu chính).",
     ("truc_tuyen",), "", True),  # 2.000324
    ("Cá nhân nộp trực tiếp hoặc gửi qua bưu chính 01 bộ hồ sơ đến Giám đốc Sở Văn hóa, Thể thao và Du lịch.",
     ("truc_tiep", "truc_tuyen"), "Kể từ ngày nhận đủ hồ sơ hợp lệ", True),  # 1.002003
    # look-alikes: no online row; the list left open ("các hình thức phù hợp khác", 1.000239); the record says how
    # to file online; the steps name online filing too
    ("Người đề nghị gửi 01 bộ hồ sơ trực tiếp hoặc qua hệ thống bưu chính đến Sở Tư pháp.", ("truc_tiep", "buu_chinh"), "", False),
    ("Người đề nghị gửi 01 bộ hồ sơ trực tiếp hoặc qua hệ thống bưu chính hoặc bằng các hình thức phù hợp khác đến Cục Hàng không Việt Nam.",
     ("truc_tuyen",), "", False),
    ("Người đề nghị gửi 01 bộ hồ sơ trực tiếp hoặc qua hệ thống bưu chính đến Sở Tư pháp.", ("truc_tuyen",),
     "Nộp hồ sơ qua Cổng dịch vụ công quốc gia", False),
    ("Người đề nghị nộp hồ sơ trực tiếp hoặc qua bưu chính hoặc trực tuyến đến Sở Tư pháp.", ("truc_tuyen",), "", False),
])
def test_online_row_contradicted_by_the_steps(step: str, modes: tuple[str, ...], description: str, expected: bool) -> None:
    found = not_in_steps(step, modes, description)
    assert bool(found) is expected
    for defect in found:
        assert [e.field for e in defect.evidence] == ["channels"] * modes.count("truc_tuyen") + ["steps"]
        assert "{" not in defect.message and "bước 1" in defect.message and "trực tuyến" in defect.message


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "1.000426", 1),  # Cấp thẻ tư vấn viên pháp luật: "gửi 01 bộ hồ sơ trực tiếp hoặc qua hệ thống bưu chính"
    ("portal_flat", "1.002697", 1),  # Gia hạn Giấy phép hành nghề luật sư … cho luật sư nước ngoài
    ("portal_flat", "1.000239", 0),  # "… hoặc bằng các hình thức phù hợp khác"
])
def test_online_row_against_the_steps_on_real_records(source: str, code: str, expected: int, tmp_path: Path) -> None:
    found = [d for d in record_defects(real_procedure(source, code, tmp_path)) if d.code == "online_channel_not_in_steps"]
    assert len(found) == expected


def unpublished(step: str, modes: tuple[str, ...] = ("truc_tiep",), description: str = "") -> list:
    procedure = Procedure(code="T.4", name="Cấp giấy phép thử", steps=[Step(index=1, text=step), Step(index=2, text="Sở cấp giấy phép.")],
                          channels=[Channel(mode=m, description=description or None) for m in modes])  # type: ignore[arg-type]
    return [d for d in record_defects(procedure) if d.code == "channel_not_published"]


@pytest.mark.parametrize(("step", "modes", "description", "missing"), [
    # 3.000399: "nộp hồ sơ trên Cổng dịch vụ công hoặc nộp hồ sơ trực tiếp hoặc gửi qua đường bưu chính", only "Trực tiếp"
    ("Cơ quan, tổ chức, doanh nghiệp nộp hồ sơ trên Cổng dịch vụ công hoặc nộp hồ sơ trực tiếp hoặc gửi qua đường bưu chính "
     "đến Cục Cảnh sát quản lý hành chính về trật tự xã hội.", ("truc_tiep",), "", "nộp qua dịch vụ bưu chính và nộp trực tuyến"),
    # 1.001020: the channel's description offers post
    ("Người có yêu cầu nộp hồ sơ tại Cơ quan đại diện.", ("truc_tiep",),
     "Người có yêu cầu nộp hồ sơ trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính tới Cơ quan đại diện.", "nộp qua dịch vụ bưu chính"),
    # 1.008118: online filing named in a case of the steps
    ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ đối với trường hợp tổ chức, cá nhân nộp hồ sơ qua môi "
     "trường mạng hoặc qua dịch vụ bưu chính.", ("truc_tiep", "buu_chinh"), "", "nộp trực tuyến"),
    # look-alikes: the mode is published; a paper returned by post (1.013065); a result sent by post; a way offered only
    # where it is set up (2.001178, 2.000458); the postmark that dates a dossier (1.001978)
    ("Nộp hồ sơ trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính.", ("truc_tiep", "buu_chinh"), "", None),
    ("Chủ xe nộp chứng nhận đăng ký xe, biển số xe cho cơ quan đăng ký xe thông qua dịch vụ bưu chính.", ("truc_tuyen",), "", None),
    ("Nộp hồ sơ trực tiếp; nhận kết quả trực tiếp hoặc qua dịch vụ bưu chính.", ("truc_tiep",), "", None),
    ("Nộp hồ sơ trực tiếp tại Công an cấp tỉnh. Nộp hồ sơ qua dịch vụ bưu chính (nếu có).", ("truc_tiep",), "", None),
    ("Nộp hồ sơ trực tiếp. Hồ sơ có thể được nộp qua môi trường điện tử trong trường hợp cơ sở hạ tầng cho phép.", ("truc_tiep",), "", None),
    ("Thời hạn tính từ ngày nộp hồ sơ hoặc ngày ghi trên dấu bưu điện đối với trường hợp gửi theo đường bưu điện.", ("truc_tiep",), "", None),
])
def test_a_way_of_filing_the_channels_do_not_publish(step: str, modes: tuple[str, ...], description: str, missing: str | None) -> None:
    found = unpublished(step, modes, description)
    assert [d.params["mode"] for d in found] == ([missing] if missing else [])
    for defect in found:
        assert [e.field for e in defect.evidence][:len(modes)] == ["channels"] * len(modes)
        assert "{" not in defect.message and "không công bố hình thức nộp đó" in defect.message


@pytest.mark.parametrize(("source", "code", "expected"), [
    ("portal_flat", "3.000399", 1),  # Cấp lại Giấy phép sử dụng vũ khí thể thao: portal, in person or post; only "Trực tiếp"
    ("portal_docx", "1.001020", 1),  # đăng ký khai sinh ở nước ngoài: "… hoặc gửi hồ sơ qua hệ thống bưu chính"
    ("portal_flat", "1.000426", 0),  # the steps name in person or post, and both are published
])
def test_real_records_with_unpublished_ways(source: str, code: str, expected: int, tmp_path: Path) -> None:
    found = [d for d in record_defects(real_procedure(source, code, tmp_path)) if d.code == "channel_not_published"]
    assert len(found) == expected
