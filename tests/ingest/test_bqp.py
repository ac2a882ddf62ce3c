"""BQP (Ministry of Defence) scrape: snake_case labels and the shifted dossier columns."""

from __future__ import annotations

import json
from typing import Any

import pytest

from analyzer.ingest import bqp
from analyzer.ingest._common import clean, rows_text
from analyzer.model import SourceRef
from ingest.acceptance import Coverage
from support import shared_path

SOURCE = SourceRef(format="bqp", path="1.013124.json")


def record(documents: list[dict[str, str]] | None = None, **tables: Any) -> dict[str, Any]:
    return {
        "thu_tuc_id": "1.013124",
        "source_file": "ChiTietTTHC_1.013124.doc",
        "metadata": {
            "mã_thủ_tục": "1.013124",
            "tên_thủ_tục": "Thủ tục thẩm định kế hoạch ứng phó sự cố tràn dầu",
            "số_quyết_định": "Quyết định số 6225/QĐ-BQP",
            "cấp_thực_hiện": "Cấp Bộ",
            "lĩnh_vực": "Ứng phó sự cố tràn dầu",
        },
        "content": {
            "trình_tự_thực_hiện": "Bước 1: Cơ sở gửi hồ sơ. Bước 2: Ủy ban phê duyệt.",
            "cách_thức_thực_hiện": "",
            "cơ_quan_thực_hiện": "Văn phòng Ủy ban Quốc gia",
            "cơ_quan_được_ủy_quyền": "Không có thông tin",
            "yêu_cầu_điều_kiện_thực_hiện": "Không",
        },
        "tables": {
            "hinh_thuc_nop": tables.get("hinh_thuc_nop", [
                {"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "30 Ngày làm việc", "phi_le_phi": "Phí : 0 Đồng", "mo_ta": ""},
            ]),
            "thanh_phan_ho_so": documents if documents is not None else [
                {"ten_giay_to": "Văn bản đề nghị", "so_luong": "", "ghi_chu": "Bản chính: 1\nBản sao: 0"},
            ],
            "can_cu_phap_ly": tables.get("can_cu_phap_ly", [
                {"so_ky_hieu": "12", "trich_yeu": "Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ",
                 "ngay_ban_hanh": "24-03-2021"},
            ]),
        },
    }


def test_matches_by_content() -> None:
    assert bqp.matches(record())
    assert not bqp.matches({"fields": {}, "thanh_phan_ho_so": []})


def test_snake_case_labels_map_like_the_portal_labels() -> None:
    procedure = bqp.to_procedure(record(), SOURCE)
    assert (procedure.code, procedure.decision, procedure.level) == ("1.013124", "6225/QĐ-BQP", "Cấp bộ")
    assert procedure.agency == "Văn phòng Ủy ban Quốc gia" and "duoc_uy_quyen" not in procedure.agencies
    assert [s.index for s in procedure.steps] == [1, 2]
    [channel] = procedure.channels
    assert channel.mode == "truc_tiep" and channel.duration is not None and channel.duration.working_days == 30


def test_truncated_legal_number_is_taken_from_the_title() -> None:
    [ref] = bqp.to_procedure(record(), SOURCE).legal_basis
    assert (ref.number, ref.kind, ref.date) == ("12/2021/QĐ-TTg", "Quyết định", "2021-03-24")


@pytest.mark.parametrize(
    ("so_luong", "ghi_chu", "form", "counts", "ambiguous"),
    [
        ("5-PHLCII.doc", "Bản chính: 1\nBản sao: 0", "5-PHLCII.doc", (1, 0), False),  # the usual shift
        ("", "Bản chính: 0\nBản sao: 1", None, (0, 1), False),  # shifted, no form
        ("Bản khai vũ khí VLN.pdf", "Bản chính: 3\nBản sao: 0", "Bản khai vũ khí VLN.pdf", (3, 0), False),  # "Bản …" file
        ("Bản chính: 2\nBản sao: 0", "", None, (2, 0), False),  # the documented layout
        ("Bản chính: 2\nBản sao: 0", "nộp kèm bản dịch", None, (2, 0), True),  # note cannot be placed
        ("Bản chính: 1\nBản sao: 0", "Bản chính: 2\nBản sao: 0", None, (2, 0), True),  # both look like counts
        ("Mẫu 01", "", "Mẫu 01", (None, None), False),
    ],
)
def test_shift_is_decided_per_row(so_luong: str, ghi_chu: str, form: str | None, counts: tuple, ambiguous: bool) -> None:
    rows = [{"ten_giay_to": "Bản khai chung", "so_luong": so_luong, "ghi_chu": ghi_chu}]
    procedure = bqp.to_procedure(record(documents=rows), SOURCE)
    [(_, _, document)] = procedure.documents
    assert document.form == form and (document.originals, document.copies) == counts
    assert ("documents_columns_ambiguous" in [w.code for w in procedure.warnings]) is ambiguous


def test_empty_tables_fall_back_to_text_or_warn() -> None:
    data = record(documents=[], hinh_thuc_nop=[], can_cu_phap_ly=[])
    data["content"]["cách_thức_thực_hiện"] = "Nộp trực tuyến"
    procedure = bqp.to_procedure(data, SOURCE)
    assert [c.mode for c in procedure.channels] == ["truc_tuyen"]
    assert procedure.cases == [] and procedure.legal_basis == []
    assert "channels_from_text" in [w.code for w in procedure.warnings]


# --- the real corpus ------------------------------------------------------------------------------


def presence(data: dict[str, Any]) -> dict[str, bool]:
    tables = data["tables"]
    return {
        "steps": bool(clean(data["content"].get("trình_tự_thực_hiện"))),
        "documents": bool(clean(rows_text(tables.get("thanh_phan_ho_so")))),
        "duration": any(clean(row.get("thoi_han_giai_quyet")) for row in tables.get("hinh_thuc_nop") or []),
        "legal_basis": bool(clean(rows_text(tables.get("can_cu_phap_ly")))),
    }


@pytest.mark.slow
def test_real_bqp_coverage() -> None:
    folder = shared_path("corpus-real", "bqp-structured")
    coverage, shifted, ambiguous = Coverage(), 0, 0
    files = sorted(folder.glob("*.json"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert bqp.matches(data)
        procedure = bqp.to_procedure(data, SourceRef(format="bqp", path=str(path)))
        assert procedure.code == data["thu_tuc_id"]
        coverage.add(procedure, presence(data))
        shifted += sum(1 for _, _, d in procedure.documents if d.form and d.originals is not None)
        ambiguous += sum(w.code == "documents_columns_ambiguous" for w in procedure.warnings)
    print(f"bqp: {len(files)} files, {shifted} shifted rows with a form, {ambiguous} ambiguous rows; {coverage.summary()}")
    assert len(files) == 207
    assert coverage.below_threshold() == {}
