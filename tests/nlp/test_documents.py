"""DocumentCanonicalizer: curated ids for paraphrased names, None for the rest; curated data is sound."""

from __future__ import annotations

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analyzer.nlp import DocumentCanonicalizer, documents_by_id, load_documents


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bản sao Giấy khai sinh", "giay_khai_sinh"),
        ("Giấy khai sinh (bản sao)", "giay_khai_sinh"),
        ("c) 01 bản chính Giấy khai sinh;", "giay_khai_sinh"),
        ("Trích lục khai sinh", "giay_khai_sinh"),
        ("Giấy khai sinh của con", "giay_khai_sinh"),
        ("- Thẻ Căn cước công dân", "can_cuoc"),
        ("CMND", "can_cuoc"),
        ("Chứng minh nhân dân hoặc thẻ căn cước công dân", "can_cuoc"),
        ("Hộ chiếu còn giá trị sử dụng", "ho_chieu"),
        ("Sổ hộ khẩu", "so_ho_khau"),
        ("Giấy xác nhận thông tin về cư trú", "xac_nhan_cu_tru"),
        ("02 ảnh màu cỡ 4 x 6 cm, chụp trên nền trắng", "anh_the"),
        ("Bản sao Giấy chứng nhận đăng ký doanh nghiệp (có đóng dấu của doanh nghiệp)",
         "giay_chung_nhan_dang_ky_doanh_nghiep"),
        ("Giấy chứng nhận quyền sử dụng đất", "giay_chung_nhan_quyen_su_dung_dat"),
        ("Văn bản ủy quyền (có chứng thực)", "giay_uy_quyen"),
        ("Đơn đề nghị (Mẫu số 02)", "don_de_nghi"),
        ("Tờ khai theo mẫu", "to_khai"),
        ("Giấy chứng nhận đủ sức khỏe", "giay_kham_suc_khoe"),
        ("Phiếu lý lịch tư pháp số 1", "phieu_ly_lich_tu_phap"),
    ],
)
def test_curated_ids(canonicalizer, name, expected):
    match = canonicalizer.transform([name])[0]
    assert match.id == expected
    assert match.score >= canonicalizer.threshold


@pytest.mark.parametrize(
    "name",
    [
        "Danh mục các cơ sở sản xuất của thương nhân",
        "Giấy khai đăng ký xe ô tô tải",
        "Văn bản đề nghị thẩm định thiết kế về phòng cháy và chữa cháy",  # a request for X is not X
        "Đơn đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        "Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm",
        "Bản sao",
        "",
    ],
)
def test_unknown_names_get_no_id(canonicalizer, name):
    assert canonicalizer.transform([name])[0].id is None


def test_match_carries_the_key(canonicalizer):
    match = canonicalizer.transform(["Giấy khai sinh (bản sao)"])[0]
    assert match.name_key == "giấy khai sinh"


def test_threshold_is_configurable():
    name = "Giấy chứng nhận kiểm định chất lượng chương trình đào tạo"
    loose = DocumentCanonicalizer(threshold=0.3).fit().transform([name])[0]
    strict = DocumentCanonicalizer(threshold=0.99).fit().transform([name])[0]
    assert loose.id is not None and strict.id is None
    assert loose.score == strict.score


def test_fit_on_given_names():
    model = DocumentCanonicalizer().fit(["Giấy phép xả thải", "Giấy phép môi trường"], ["gp_moi_truong"] * 2)
    assert [m.id for m in model.transform(["Bản sao giấy phép môi trường", "Giấy khai sinh"])] == ["gp_moi_truong", None]
    with pytest.raises(ValueError):
        DocumentCanonicalizer().fit(["Giấy phép"])


def test_is_a_scikit_learn_estimator():
    model = DocumentCanonicalizer(threshold=0.7)
    assert clone(model).get_params() == {"threshold": 0.7, "ngram_range": (2, 4)}
    with pytest.raises(NotFittedError):
        model.transform(["Giấy khai sinh"])
    assert not hasattr(model, "alias_matrix_")  # __init__ only stores parameters


def test_similar(canonicalizer):
    assert canonicalizer.similar("Bản sao Giấy khai sinh", "Giấy khai sinh (bản chính)") == 1.0
    close = canonicalizer.similar("Giấy phép lái tàu bay", "Giấy phép lái tàu biển")
    far = canonicalizer.similar("Giấy phép lái tàu bay", "Báo cáo tài chính")
    assert 0.0 <= far < close < 1.0


def test_unknown_ngrams_count_against_similarity(canonicalizer):
    # n-grams never seen in the curated aliases must lower the score, not be ignored
    assert canonicalizer.similar("zzqx wvvk", "zzqx ttrp") < 0.8


def test_module_level_helpers():
    from analyzer.nlp import canonical_id, similar

    assert canonical_id("Bản sao giấy khai sinh") == "giay_khai_sinh"
    assert similar("Sổ hộ khẩu", "sổ hộ khẩu (bản sao)") == 1.0


def test_curated_list_is_sound():
    documents = load_documents()
    assert len(documents) >= 60
    by_id = documents_by_id()
    assert len(by_id) == len(documents)
    assert by_id["so_ho_khau"].legal_ground.document == "Nghị định 104/2022/NĐ-CP"
    assert "26/2023/QH15" in by_id["can_cuoc"].legal_ground.document
    assert by_id["ho_chieu"].id != by_id["can_cuoc"].id
    for document in documents:
        assert document.id.isascii() and document.id == document.id.lower()
        assert document.issued_by
        if document.legal_ground:
            assert document.state_held, f"{document.id}: a legal ground supports state_held"
        if document.state_held:
            assert document.legal_ground or document.note, f"{document.id}: state_held needs a ground or a note"
