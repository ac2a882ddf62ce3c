"""portal-flat records: flattened channel tables, small fields, raw_text sections, the reader, the real corpus.

The glued dossier table is cut by ``analyzer.ingest._flat_dossier`` (tests/ingest/test_flat_dossier.py).

Every string below is synthetic, written to reproduce one shape of the scrape (cells joined with
no separator); none is copied from the corpus.
"""

from __future__ import annotations

import gzip
import json
import time
from typing import Any

import pytest

from analyzer.ingest import _common, portal_flat
from analyzer.ingest._flat_channels import HEADER as CHANNEL_HEADER
from analyzer.ingest._flat_channels import split_channel_table, split_glued_time_fee
from analyzer.ingest._flat_dossier import FLAT_HEADER as DOSSIER_HEADER
from analyzer.ingest._common import AGENCY_ROLES
from analyzer.ingest._flat_text import clean_results, present, raw_sections
from analyzer.model import SourceRef
from ingest.acceptance import Coverage
from support import shared_path

SOURCE = SourceRef(format="portal_flat", path="test.jsonl", record="line 1")


def channels(body: str) -> list[tuple[str, str | None, str | None, str | None]]:
    table = split_channel_table(CHANNEL_HEADER + body)
    assert table.leftover is None
    return [(row.mode, row.time, row.fee, row.description) for row in table.rows]


# --- channel table ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Trực tuyến5 Ngày làm việc10 USD(/lần)Dịch vụ bưu chính7 NgàyMiễn phí",
            [("truc_tuyen", "5 Ngày làm việc", "10 USD(/lần)", None), ("buu_chinh", "7 Ngày", "Miễn phí", None)],
        ),
        (  # description after the fee; the fee note is part of the fee cell
            "Trực tiếp3 GiờMiễn phí(Không thu)Nộp tại Bộ phận Một cửa.",
            [("truc_tiep", "3 Giờ", "Miễn phí(Không thu)", "Nộp tại Bộ phận Một cửa.")],
        ),
        (  # mode words and digits inside a description do not start a row
            "Trực tuyến2 Tháng1,500,000 Việt Nam ĐồngTrực tiếp: nộp tại trụ sở trong 02 ngày; Trực tuyến qua Cổng"
            "Trực tiếp2 ThángKhông có thông tin",
            [
                ("truc_tuyen", "2 Tháng", "1,500,000 Việt Nam Đồng", "Trực tiếp: nộp tại trụ sở trong 02 ngày; Trực tuyến qua Cổng"),
                ("truc_tiep", "2 Tháng", None, None),
            ],
        ),
        (  # a nested note is kept whole, the description starts after the closing bracket
            "Dịch vụ bưu chính10 Ngày200 VNĐ(Lệ phí : 200.000 Đồng (mỗi lần))(1) Gửi hồ sơ qua bưu điện",
            [("buu_chinh", "10 Ngày", "200 VNĐ(Lệ phí : 200.000 Đồng (mỗi lần))", "(1) Gửi hồ sơ qua bưu điện")],
        ),
        (  # a note that never closes runs to the end of the row
            "Trực tiếp1 NgàyMiễn phí(Phí theo biểu (mục 2Trực tuyến1 NgàyMiễn phí",
            [("truc_tiep", "1 Ngày", "Miễn phí(Phí theo biểu (mục 2", None), ("truc_tuyen", "1 Ngày", "Miễn phí", None)],
        ),
        (  # no time, no fee
            "Trực tiếpKhông có thông tinKhông có thông tinGửi hồ sơ đến Sở",
            [("truc_tiep", None, None, "Gửi hồ sơ đến Sở")],
        ),
        (  # a time in words
            "Trực tuyếnKhông quy địnhMiễn phíDịch vụ bưu chínhKhông Không có thông tin",
            [("truc_tuyen", "Không quy định", "Miễn phí", None), ("buu_chinh", "Không", None, None)],
        ),
        (  # a unit-less time before "Miễn phí"
            "Trực tuyến5Miễn phíTrực tiếp0Miễn phí",
            [("truc_tuyen", "5", "Miễn phí", None), ("truc_tiep", "0", "Miễn phí", None)],
        ),
        (  # a unit-less time glued to a fee amount, cut where only one cut is well formed
            "Trực tuyến1100 VNĐ(Phí công bố: 100.000 đồng)Trực tiếp140,000 Việt Nam Đồng",
            [
                ("truc_tuyen", "1", "100 VNĐ(Phí công bố: 100.000 đồng)", None),
                ("truc_tiep", "1", "40,000 Việt Nam Đồng", None),
            ],
        ),
    ],
)
def test_channel_rows(body: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    assert channels(body) == expected


def test_channel_units_are_recorded_per_row() -> None:
    rows = split_channel_table(CHANNEL_HEADER + "Trực tuyến5Miễn phíTrực tiếp5 Ngày làm việcMiễn phí").rows
    assert [row.time_has_unit for row in rows] == [False, True]


def test_text_before_the_first_row_is_left_over() -> None:
    table = split_channel_table(CHANNEL_HEADER + "Xem hướng dẫnTrực tiếp2 NgàyMiễn phí")
    assert table.leftover == "Xem hướng dẫn"
    assert [row.mode for row in table.rows] == ["truc_tiep"]


@pytest.mark.parametrize(
    ("digits", "note", "expected"),
    [
        ("120", "", ("1", "20")),  # "12|0" would leave a bare 0
        ("1100", "", ("1", "100")),
        ("140,000", "", ("1", "40,000")),
        ("125", "(Lệ phí 25.000 đồng/lần)", ("1", "25")),  # the note repeats one candidate
        ("125", "(Bằng 50% mức thu)", None),  # 1|25 or 12|5: not guessed
        ("1250", "", None),
        ("9", "", None),
    ],
)
def test_glued_time_and_fee(digits: str, note: str, expected: tuple[str, str] | None) -> None:
    assert split_glued_time_fee(digits, note) == expected


def test_unsplittable_glued_cell_is_reported() -> None:
    row = split_channel_table(CHANNEL_HEADER + "Trực tiếp125 VNĐ").rows[0]
    assert (row.time, row.glued) == (None, "125 VNĐ")


# --- small fields -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giấy phépMã: KQ.G01.000001Từ khóaKhông có thông tinMô tảKhông có thông tin", "Giấy phép"),
        ("Quyết định (Mẫu 01)Mã: KQ.G02.12Văn bản từ chốiMã: KQ.G02.13Từ khóaXMô tảY", "Quyết định (Mẫu 01)\nVăn bản từ chối"),
        ("Thông báo kết quảMã: VB.1Chọn cơ quan thực hiệnTỉnh/ Thành phố", "Thông báo kết quả"),
        ("...Mã: KQ.G01.1Từ khóa", None),
        ("Không có thông tin", None),
    ],
)
def test_results_lose_portal_widgets(text: str, expected: str | None) -> None:
    assert clean_results(text) == expected


@pytest.mark.parametrize(("text", "expected"), [(" x ", "x"), ("Không có thông tin", None), ("--", None), ("", None), (None, None)])
def test_absent_values(text: str | None, expected: str | None) -> None:
    assert present(text) == expected


def test_raw_sections_follow_page_order() -> None:
    raw = "Tên thủ tụcAMã thủ tục1.1Trình Tự Thực HiệnBước 1: nộp Thành phần hồ sơ đầy đủ.Cách Thức Thực HiệnXThành phần hồ sơY"
    sections = raw_sections(raw)
    assert sections["Trình Tự Thực Hiện"] == "Bước 1: nộp Thành phần hồ sơ đầy đủ."
    assert sections["Thành phần hồ sơ"] == "Y"


# --- the reader -------------------------------------------------------------------------------------


def record(**overrides: Any) -> dict[str, Any]:
    base = {
        "ma_thu_tuc": "9.000001",
        "ten_thu_tuc": "Cấp giấy phép thử nghiệm",
        "so_quyet_dinh": "12/QĐ-BXX",
        "cap_thuc_hien": "Cấp bộ, Cấp tỉnh",
        "linh_vuc": "Thử nghiệm",
        "doi_tuong_thuc_hien": "Doanh nghiệp, Công dân Việt Nam",
        "co_quan_co_tham_quyen": "Bộ X",
        "co_quan_duoc_uy_quyen": "",
        "co_quan_phoi_hop": "Sở Y",
        "co_quan_thuc_hien": "Cục Z",
        "dia_chi_tiep_nhan": "Bộ phận Một cửa",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "cach_thuc_thuc_hien": CHANNEL_HEADER + "Trực tuyến5Miễn phíTrực tiếp5 Ngày làm việc50,000 Việt Nam Đồng(50.000 đồng/lần)",
        "thanh_phan_ho_so": "--" + DOSSIER_HEADER + "Bản sao có chứng thực giấy phép0 bản chính,1 bản sao* Giấy tờ phải xuất trình:"
        + DOSSIER_HEADER + "- Thẻ căn cước;1 bản chính",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Thử nghiệm 202424/2024/QH15",
        "yeu_cau_dieu_kien": "Không có thông tin",
        "ket_qua_xu_ly": "Giấy phépMã: KQ.G01.1Từ khóaKhông có thông tinMô tảKhông có thông tin",
        "raw_text": "",
    }
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (record(), True),
        ({"ma_thu_tuc": "1", "ten_thu_tuc": "x", "raw_text": ""}, True),
        ({"ma_thu_tuc": "1", "ten_thu_tuc": "x"}, False),
        ({"code": "1", "name": "x", "steps": []}, False),
        ({"fields": {}, "cach_thuc_thuc_hien": []}, False),
    ],
)
def test_matches_by_content(data: dict[str, Any], expected: bool) -> None:
    assert portal_flat.matches(data) is expected


def test_scalar_fields_and_agencies() -> None:
    procedure = portal_flat.to_procedure(record(), SOURCE)
    assert (procedure.code, procedure.name, procedure.decision) == ("9.000001", "Cấp giấy phép thử nghiệm", "12/QĐ-BXX")
    assert (procedure.level, procedure.field, procedure.agency) == ("Cấp bộ, Cấp tỉnh", "Thử nghiệm", "Cục Z")
    assert procedure.agencies == {"thuc_hien": "Cục Z", "co_tham_quyen": "Bộ X", "phoi_hop": "Sở Y", "tiep_nhan": "Bộ phận Một cửa"}
    assert set(procedure.agencies) <= set(AGENCY_ROLES)
    assert procedure.subjects == ["Doanh nghiệp", "Công dân Việt Nam"]
    assert procedure.conditions is None
    assert procedure.results == "Giấy phép"
    assert procedure.source == SOURCE


def test_channels_warn_on_a_missing_unit() -> None:
    procedure = portal_flat.to_procedure(record(), SOURCE)
    online, in_person = procedure.channels
    assert online.mode == "truc_tuyen" and online.duration is not None
    assert (online.duration.value, online.duration.unit, online.duration.ambiguous) == (5, None, True)
    assert (in_person.duration.unit, in_person.duration.ambiguous) == ("working_day", False)
    assert [fee.amount for fee in in_person.fees] == [50000]
    assert [(w.code, w.text) for w in procedure.warnings] == [("duration_ambiguous", "5")]


def test_documents_and_copy_kinds() -> None:
    procedure = portal_flat.to_procedure(record(), SOURCE)
    [case] = procedure.cases
    assert case.name is None
    assert [(d.name, d.originals, d.copies, d.copy_kind) for d in case.documents] == [
        ("Bản sao có chứng thực giấy phép", 0, 1, "ban_sao_chung_thuc"),
        ("Thẻ căn cước", 1, 0, "xuat_trinh"),
    ]


def test_steps_and_legal_basis_use_the_shared_parsers() -> None:
    procedure = portal_flat.to_procedure(record(), SOURCE)
    assert [step.index for step in procedure.steps] == [1, 2]
    assert [ref.number for ref in procedure.legal_basis] == ["24/2024/QH15"]


def test_glued_cell_is_warned_not_guessed() -> None:
    procedure = portal_flat.to_procedure(record(cach_thuc_thuc_hien=CHANNEL_HEADER + "Trực tiếp125 VNĐ"), SOURCE)
    [channel] = procedure.channels
    assert channel.duration is not None and channel.duration.value is None and channel.duration.ambiguous
    assert channel.fees == []
    assert [w.code for w in procedure.warnings] == ["channel_cell_glued"]


def test_empty_time_cell_reads_the_description() -> None:
    body = CHANNEL_HEADER + "Trực tiếpKhông có thông tinMiễn phí07 ngày làm việc kể từ ngày nhận đủ hồ sơ"
    procedure = portal_flat.to_procedure(record(cach_thuc_thuc_hien=body), SOURCE)
    duration = procedure.channels[0].duration
    assert duration is not None and (duration.value, duration.unit) == (7, "working_day")
    assert [w.code for w in procedure.warnings] == ["duration_from_description"]


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("cach_thuc_thuc_hien", CHANNEL_HEADER + "Nộp tại trụ sở", "channels_unparsed"),
        ("thanh_phan_ho_so", "--" + DOSSIER_HEADER + "* Số lượng hồ sơ: 01 bộ.0 bản chính", "documents_unparsed"),
        ("can_cu_phap_ly", "Tên văn bản pháp lýMã văn bảnVăn bản hướng dẫn", "legal_basis_unparsed"),
        ("ket_qua_xu_ly", "...Mã: KQ.G01.1Từ khóa", "results_unparsed"),
    ],
)
def test_fields_that_yield_nothing_are_warned(field: str, text: str, code: str) -> None:
    procedure = portal_flat.to_procedure(record(**{field: text}), SOURCE)
    assert [w.code for w in procedure.warnings if w.code != "duration_ambiguous"] == [code]


def test_steps_that_yield_nothing_are_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "split_steps", lambda text: [])
    procedure = portal_flat.to_procedure(record(), SOURCE)
    assert [(w.code, w.field) for w in procedure.warnings if w.code != "duration_ambiguous"] == [("steps_unparsed", "steps")]


@pytest.mark.parametrize("field", ["thanh_phan_ho_so", "can_cu_phap_ly", "ket_qua_xu_ly", "yeu_cau_dieu_kien"])
def test_absent_fields_are_not_failures(field: str) -> None:
    text = "--" if field == "thanh_phan_ho_so" else "Không có thông tin"
    procedure = portal_flat.to_procedure(record(**{field: text}), SOURCE)
    assert [w.code for w in procedure.warnings] == ["duration_ambiguous"]


def test_empty_field_falls_back_to_raw_text_with_a_warning() -> None:
    raw = "Kết quả xử lýGiấy chứng nhậnMã: KQ.G01.9Từ khóaKhông có thông tin"
    procedure = portal_flat.to_procedure(record(ket_qua_xu_ly="", raw_text=raw), SOURCE)
    assert procedure.results == "Giấy chứng nhận"
    assert [w.code for w in procedure.warnings if w.field == "results"] == ["raw_text_fallback"]


STEPS = "Bước 1. Lập hồ sơ theo mục 3 (Thành phần hồ sơ); nộp cho cơ quan.\nBước 2. Nhận kết quả."
# The page as raw_text holds it: each label once, in page order, the steps quoting a label inside them.
RAW_PAGE = (
    "Trình Tự Thực Hiện" + STEPS + "Cách Thức Thực Hiện" + CHANNEL_HEADER + "Trực tiếp5 Ngày làm việcMiễn phí"
    + "Thành phần hồ sơ--" + DOSSIER_HEADER + "Tờ khai1 bản chính" + "Căn cứ pháp lýKhông có thông tin"
    + "Yêu cầu, điều kiện thực hiệnKhông có thông tin" + "Kết quả xử lýGiấy phép"
)


def test_fields_cut_at_a_quoted_label_are_read_from_raw_text() -> None:
    cut = record(
        trinh_tu_thuc_hien="Bước 1. Lập hồ sơ theo mục 3 (",
        cach_thuc_thuc_hien=CHANNEL_HEADER + "Trực tiếp5 Ngày làm việcMiễn phí",
        thanh_phan_ho_so="); nộp cho cơ quan.\nBước 2. Nhận kết quả.",
        can_cu_phap_ly="Không có thông tin",
        yeu_cau_dieu_kien="Không có thông tinTừ khóaKhông có thông tinMô tảKhông có thông tin",
        raw_text=RAW_PAGE,
    )
    procedure = portal_flat.to_procedure(cut, SOURCE)
    assert [step.title for step in procedure.steps] == ["Lập hồ sơ theo mục 3 (Thành phần hồ sơ)", "Nhận kết quả"]
    assert [d.name for _, _, d in procedure.documents] == ["Tờ khai"]
    assert procedure.conditions is None
    assert sorted(w.field for w in procedure.warnings if w.code == "raw_text_preferred") == ["cases", "conditions", "steps"]


def test_steps_text_in_the_dossier_field_gives_a_warning_not_a_document() -> None:
    procedure = portal_flat.to_procedure(record(thanh_phan_ho_so="); nộp cho cơ quan.\nBước 2. Nhận kết quả."), SOURCE)
    assert procedure.cases == []
    assert [w.code for w in procedure.warnings if w.field == "cases"] == ["documents_suspect"]


@pytest.mark.parametrize(
    ("time", "code"),
    [
        ("Trước ngày 30 tháng 9 của năm xét chọn", "duration_is_deadline"),
        ("Phản hồi tự động", "duration_unparsed"),
    ],
)
def test_time_cells_that_are_not_durations_are_warned(time: str, code: str) -> None:
    body = CHANNEL_HEADER + f"Trực tiếp{time}Miễn phí"
    procedure = portal_flat.to_procedure(record(cach_thuc_thuc_hien=body), SOURCE)
    assert [w.code for w in procedure.warnings] == [code]


def test_text_fields_are_normalised() -> None:
    procedure = portal_flat.to_procedure(record(ten_thu_tuc="Ca\u0302\u0301p gia\u0302\u0301y  phe\u0301p\u200b"), SOURCE)
    assert procedure.name == "Cấp giấy phép"


def test_record_without_code_and_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="ma_thu_tuc"):
        portal_flat.to_procedure(record(ma_thu_tuc="", ten_thu_tuc=""), SOURCE)


def test_non_text_field_is_an_error() -> None:
    with pytest.raises(TypeError, match="linh_vuc"):
        portal_flat.to_procedure(record(linh_vuc=["x"]), SOURCE)


# --- the real corpus --------------------------------------------------------------------------------


def presence(data: dict[str, Any]) -> dict[str, bool]:
    """Which parts the source states, from the texts the reader reads (a field cut by the scrape is read
    from raw_text; a legal-basis table saying "Không có thông tin" states none)."""
    texts = portal_flat.sections(data)
    channels = texts["channels"].text
    legal = (texts["legal_basis"].text or "").removeprefix(portal_flat.LEGAL_HEADER)
    return {
        "steps": texts["steps"].text is not None,
        "documents": texts["cases"].text is not None,
        "duration": any(row.time for row in split_channel_table(channels).rows) if channels else False,
        "legal_basis": present(legal) is not None and not legal.startswith("Không có thông tin"),
    }


@pytest.mark.slow
def test_real_portal_flat_coverage() -> None:
    path = shared_path("corpus-real", "portal-flat", "records.jsonl.gz")
    coverage, count, started = Coverage(), 0, time.perf_counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            data = json.loads(line)
            assert portal_flat.matches(data)
            procedure = portal_flat.to_procedure(data, SourceRef(format="portal_flat", path=str(path), record=f"line {line_no}"))
            coverage.add(procedure, presence(data))
            count += 1
    elapsed = time.perf_counter() - started
    print(f"portal-flat: {count} records in {elapsed:.1f} s; {coverage.summary()}")
    assert count == 2642
    assert coverage.below_threshold() == {}
    assert elapsed < 60
