"""document_key: copy kind, counts, numbering and form references never make two names differ."""

from __future__ import annotations

import pytest

from analyzer.nlp.document_keys import document_key, head_key, is_application

SAME_DOCUMENT = [
    # order and position of the copy kind
    ("Bản sao Giấy khai sinh", "Giấy khai sinh (bản sao)"),
    ("Giấy khai sinh - bản sao", "giấy khai sinh bản sao"),
    ("Bản chính hoặc bản sao có chứng thực Giấy khai sinh", "Giấy khai sinh"),
    ("Bản sao Giấy khai sinh có chứng thực", "Giấy khai sinh (bản sao có chứng thực)"),
    ("Bản sao có chứng thực hoặc bản sao kèm theo bản gốc để đối chiếu giấy khai sinh", "Giấy khai sinh"),
    ("Bản sao được cấp từ sổ gốc giấy khai sinh", "Giấy khai sinh"),
    # case, punctuation, spacing
    ("GIẤY KHAI SINH;", "giấy  khai sinh."),
    ("Giấy\u00a0khai\u00a0sinh", "Giấy khai sinh"),
    # numbering and counts
    ("a) Giấy khai sinh", "1. Giấy khai sinh"),
    ("- Giấy khai sinh", "+ Giấy khai sinh"),
    ("(2) Giấy khai sinh", "1.2. Giấy khai sinh"),
    ("c) 01 bản chính giấy khai sinh;", "Giấy khai sinh"),
    ("01 (một) bản sao Giấy khai sinh", "Giấy khai sinh"),
    ("02 ảnh 4x6", "ảnh 4 x 6 cm"),
    # form references and notes
    ("Tờ khai (Mẫu số 01/TK)", "Tờ khai theo mẫu số 01/TK ban hành kèm theo Thông tư 01/2020/TT-BTP"),
    ("Sơ yếu lý lịch (nếu có)", "Sơ yếu lý lịch"),
    # tone placement
    ("Giấy chứng nhận đăng ký hộ kinh doanh (hoà hợp)", "Giấy chứng nhận đăng ký hộ kinh doanh (hòa hợp)"),
]


@pytest.mark.parametrize(("a", "b"), SAME_DOCUMENT)
def test_same_key(a, b):
    assert document_key(a) == document_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Giấy khai sinh", "Giấy chứng tử"),
        ("Vận tải đơn hoặc bản sao chứng từ vận tải", "Vận tải đơn"),  # "hoặc" before a copy word stays
        ("Ảnh 3x4", "Ảnh 4x6"),
    ],
)
def test_different_key(a, b):
    assert document_key(a) != document_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bản sao Giấy khai sinh", "giấy khai sinh"),
        ("Bản sao", ""),
        ("", ""),
        ("Giấy phép số 12.5 ha", "giấy phép số 12.5 ha"),
    ],
)
def test_key(name, key):
    assert document_key(name) == key


@pytest.mark.parametrize(
    ("key", "head"),
    [
        ("giấy khai sinh của con", "giấy khai sinh"),
        ("hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu", "hộ chiếu"),
        ("ảnh chân dung cỡ 4x6, chụp trên nền trắng", "ảnh chân dung cỡ 4x6"),
        ("giấy chứng nhận đăng ký doanh nghiệp/hợp tác xã", "giấy chứng nhận đăng ký doanh nghiệp"),
        ("giấy phép", "giấy phép"),
    ],
)
def test_head_key(key, head):
    assert head_key(key) == head


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("đơn đề nghị cấp giấy phép", True),
        ("tờ khai hải quan", True),
        ("văn bản đề nghị", True),
        ("đơn vị chủ quản", False),
        ("giấy phép kinh doanh", False),
        ("phiếu lý lịch tư pháp", False),
    ],
)
def test_is_application(key, expected):
    assert is_application(key) is expected
