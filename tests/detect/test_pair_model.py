"""The pairwise same-paper / same-step model: paraphrases are the same, real look-alikes are not."""

from __future__ import annotations

import json

import pytest

from analyzer.detect.pair_model import FEATURES, PairModel, aligned, canonical, packaged_model, without_opener


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chứng từ chuyển tiền - Bản gốc", "01 bản chứng từ chuyển tiền - Bản gốc"),
        ("Điều lệ giải thể thao", "01 bản điều lệ giải thể thao."),
        ("Đề án giải thể cơ sở giáo dục nghề nghiệp theo Mẫu số 02 tại Phụ lục", "Đề án giải thể cơ sở giáo dục nghề nghiệp."),
        ("Bản sao Giấy chứng nhận quyền sử dụng đất", "GCN QSDĐ (bản sao)"),
        ("Giấy khai sinh của trẻ", "GIAY KHAI SINH CUA TRE"),
        ("Biên bản họp và nghị quyết của hội đồng", "Nghị quyết của hội đồng và biên bản họp"),
        # typed without diacritics: counts, forms and legal references are still set aside
        ("Giấy đề nghị cấp lại giấy phép theo Mẫu số 04 ban hành kèm theo Thông tư số 12/2020/TT-BCT",
         "02 bo giay de nghi cap lai giay phep theo mau so 04 ban hanh kem theo Thong tu so 12/2020/TT-BCT"),
        ("Bản kê khai tài sản của doanh nghiệp", "BAN KE KHAI TAI SAN CUA DOANH NGHIEP (ban chinh)"),
        ("Sơ yếu lý lịch của người được đề nghị bổ nhiệm", "Bản sơ yếu lý lịch của người được đề nghị bổ nhiệm"),
        ("Đơn đề nghị cấp giấy phép theo Mẫu số 06 tại Phụ lục ban hành kèm theo Nghị định số 15/2018/NĐ-CP",
         "Đơn đề nghị cấp giấy phép theo mẫu đính kèm"),  # a form without its number; the head of the name
        # 2.000460 (mutation harness): "ban hành kèm" without "theo" is a legal reference too
        ("Tờ khai đề nghị cấp đổi, cấp lại thẻ thường trú (mẫu NA13) ban hành kèm Thông tư số 22/2023/TT-BCA ngày "
         "30/6/2023 của Bộ Công an", "Tờ khai đề nghị cấp đổi, cấp lại thẻ thường trú"),
    ],
)
def test_paraphrased_papers_are_the_same(a: str, b: str) -> None:
    assert packaged_model("papers").same(a, b), packaged_model("papers").probability(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chứng từ thanh toán lần 1", "Chứng từ thanh toán lần 2"),
        ("Hợp đồng mua bán của bên bán", "Hợp đồng mua bán của bên mua"),
        ("Tờ khai (Mẫu số 01)", "Tờ khai (Mẫu số 02)"),
        ("Giấy chứng nhận đăng ký doanh nghiệp", "Giấy chứng nhận đăng ký đầu tư"),
        ("Bản sao giấy khai sinh", "Bản sao giấy chứng tử"),
        ("Phiếu thu tiền mặt", "Phiếu thu chuyển khoản"),
        ("Tờ khai lệ phí theo Mẫu số 01/LP lần 1", "Tờ khai lệ phí theo Mẫu số 01/LP lần 2"),  # a form, then the round
    ],
)
def test_lookalike_papers_are_not(a: str, b: str) -> None:
    assert not packaged_model("papers").same(a, b), packaged_model("papers").probability(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường.",
         "Sau đó, quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường."),
        ("Bộ phận một cửa tiếp nhận hồ sơ và kiểm tra tính đầy đủ", "Tiếp theo, bộ phận một cửa nhận hồ sơ và kiểm tra lại tính đầy đủ"),
        ("Sở Xây dựng thẩm định hồ sơ", "Sở Xây dựng xem xét, thẩm định hồ sơ"),
    ],
)
def test_paraphrased_steps_are_the_same(a: str, b: str) -> None:
    assert packaged_model("steps").same(a, b), packaged_model("steps").probability(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tổ chức, cá nhân nộp hồ sơ tại Bộ phận một cửa", "Bộ phận một cửa trả kết quả cho tổ chức, cá nhân"),
        ("Sở Tài chính thẩm định hồ sơ", "UBND tỉnh phê duyệt kết quả thẩm định"),
    ],
)
def test_different_steps_are_not(a: str, b: str) -> None:
    assert not packaged_model("steps").same(a, b), packaged_model("steps").probability(a, b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 bản chứng từ chuyển tiền - Bản gốc", "chung tu chuyen tien"),
        ("a) Tờ khai theo Mẫu số 02/TK;", "to khai"),
        ("Sau đó, tiếp nhận hồ sơ", "nhan ho so"),
        ("Kế đến, xem xét, thẩm định hồ sơ", "tham dinh ho so"),
        ("Sau bước trên, Sở Y tế cấp giấy phép", "so y te cap giay phep"),
        ("Hai (02) ban giay de nghi theo mau so 12 tai Phu luc", "giay de nghi"),
        ("Văn bản báo cáo theo quy định tại khoản 3 Điều 15 Thông tư số 53/2025/TT-NHNN", "van ban bao cao"),
        ("Chứng từ nộp lệ phí theo Mẫu số 01 Phụ lục I lần 2", "chung tu nop le phi lan 2"),
    ],
)
def test_canonical(text: str, expected: str) -> None:
    kind = "steps" if text.startswith(("Sau", "Kế")) else "papers"
    assert canonical(text, kind) == expected


def test_a_leading_bare_ban_is_set_aside_only_where_the_other_name_goes_on_without_it() -> None:
    assert aligned("ban so yeu ly lich", "so yeu ly lich") == ("so yeu ly lich", "so yeu ly lich")
    assert aligned("ban do dia chinh", "ban do dia chinh") == ("ban do dia chinh", "ban do dia chinh")
    assert aligned("ban khai", "khai sinh") == ("ban khai", "khai sinh")


@pytest.mark.parametrize(("text", "expected"), [("Sau đó, - Cá nhân nộp hồ sơ", "- Cá nhân nộp hồ sơ"),
                                                ("SAU BƯỚC TRÊN,  nộp hồ sơ", "nộp hồ sơ"),
                                                ("Sau khi nhận hồ sơ", "Sau khi nhận hồ sơ")])
def test_without_opener(text: str, expected: str) -> None:
    assert without_opener(text) == expected


@pytest.mark.parametrize("kind", ["papers", "steps"])
def test_the_artefact_is_reviewable_json_with_its_measured_threshold(kind: str) -> None:
    model = packaged_model(kind)
    data = model.to_dict()
    assert data["features"] == list(FEATURES)
    assert 0.0 < data["threshold"] < 1.0
    assert data["metrics"]["held_out_precision"] >= data["metrics"]["min_precision"]
    assert PairModel.from_dict(json.loads(json.dumps(data))).probability("Tờ khai", "01 bản tờ khai") == pytest.approx(
        model.probability("Tờ khai", "01 bản tờ khai"))


def test_an_artefact_from_other_features_is_refused() -> None:
    data = packaged_model("papers").to_dict() | {"features": ["char_cosine"]}
    with pytest.raises(ValueError, match="rebuild"):
        PairModel.from_dict(data, origin="x.json")
