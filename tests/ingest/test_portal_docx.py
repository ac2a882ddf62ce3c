"""The converted DOCX-export JSONL (portal-docx): fields, channel/dossier/legal tables, text fallbacks."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from typing import Any

import pytest

from analyzer.ingest import portal_docx
from analyzer.ingest._common import clean, rows_text
from analyzer.model import SourceRef
from ingest.acceptance import Coverage
from support import shared_path

SOURCE = SourceRef(format="portal_docx", path="test.jsonl", record="line 1")


def record(**overrides: Any) -> dict[str, Any]:
    fields = {
        "Mã thủ tục": "1.000001",
        "Số quyết định": "1361/QĐ-BTTTT",
        "Tên thủ tục": "Đăng ký thường trú",
        "Cấp thực hiện": "Cấp Xã",
        "Lĩnh vực": "Đăng ký, quản lý cư trú",
        "Trình tự thực hiện": "Bước 1: Cá nhân chuẩn bị hồ sơ. Bước 2: Cá nhân nộp hồ sơ đến Công an cấp xã.",
        "Cách thức thực hiện": "",
        "Thành phần hồ sơ": "",
        "Đối tượng thực hiện": "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Cơ quan thực hiện": "Công an Xã",
        "Cơ quan phối hợp": "Không có thông tin",
        "Kết quả thực hiện": "Thông báo kết quả",
        "Căn cứ pháp lý": "",
        "Yêu cầu, điều kiện thực hiện": "Không",
    }
    base: dict[str, Any] = {
        "fields": fields,
        "cach_thuc_thuc_hien": [
            {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": "07 Ngày làm việc", "Phí, lệ phí": "Phí : 20.000 Đồng", "Mô tả": "Nộp tại Công an xã"},
            {"Hình thức nộp": "Dịch vụ bưu chính", "Thời hạn giải quyết": "", "Phí, lệ phí": "", "Mô tả": ""},
        ],
        "thanh_phan_ho_so": [
            {"truong_hop": "Bao gồm", "giay_to": [
                {"Tên giấy tờ": "Tờ khai thay đổi thông tin cư trú", "Mẫu đơn, tờ khai": "Mẫu CT01.doc", "Số lượng": "Bản chính: 1\nBản sao: 0"},
            ]},
            {"truong_hop": "* Giấy tờ phải xuất trình:", "giay_to": [
                {"Tên giấy tờ": "Thẻ căn cước", "Mẫu đơn, tờ khai": "", "Số lượng": "Bản chính: 1\nBản sao: 0"},
            ]},
        ],
        "can_cu_phap_ly": [
            {"Số ký hiệu": "68/2020/QH14", "Trích yếu": "Luật Cư trú", "Ngày ban hành": "13-11-2020", "Cơ quan ban hành": "Quốc hội"},
        ],
    }
    for key, value in overrides.items():
        if key in fields:
            fields[key] = value
        else:
            base[key] = value
    return base


def warning_codes(procedure: Any) -> list[str]:
    return [w.code for w in procedure.warnings]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (record(), True),
        ({"fields": {}, "thanh_phan_ho_so": []}, True),
        ({"fields": {"Tên thủ tục": "x"}}, False),  # no table key: another shape
        ({"ma_thu_tuc": "1.1", "cach_thuc_thuc_hien": "Trực tiếp"}, False),  # portal-flat
        ({"thu_tuc_id": "1.1", "metadata": {}, "tables": {}}, False),  # BQP
    ],
)
def test_matches_by_content(data: dict[str, Any], expected: bool) -> None:
    assert portal_docx.matches(data) is expected


def test_scalar_fields() -> None:
    procedure = portal_docx.to_procedure(record(), SOURCE)
    assert (procedure.code, procedure.name, procedure.decision) == ("1.000001", "Đăng ký thường trú", "1361/QĐ-BTTTT")
    assert procedure.level == "Cấp xã" and procedure.field == "Đăng ký, quản lý cư trú"
    assert procedure.agency == "Công an Xã" and procedure.agencies == {"thuc_hien": "Công an Xã"}
    assert procedure.subjects == ["Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"]
    assert procedure.conditions is None  # "Không": there are none
    assert procedure.results == "Thông báo kết quả"
    assert procedure.source == SOURCE


def test_steps_run_together_are_split() -> None:
    procedure = portal_docx.to_procedure(record(), SOURCE)
    assert [s.index for s in procedure.steps] == [1, 2]
    assert "nộp hồ sơ" in procedure.steps[1].text


@pytest.mark.parametrize(
    ("mode_text", "mode"),
    [("Trực tiếp", "truc_tiep"), ("Trực tuyến", "truc_tuyen"), ("Dịch vụ bưu chính", "buu_chinh"), ("TRỰC TUYẾN", "truc_tuyen")],
)
def test_channel_modes(mode_text: str, mode: str) -> None:
    row = {"Hình thức nộp": mode_text, "Thời hạn giải quyết": "5 Ngày làm việc", "Phí, lệ phí": "", "Mô tả": ""}
    procedure = portal_docx.to_procedure(record(cach_thuc_thuc_hien=[row]), SOURCE)
    assert [c.mode for c in procedure.channels] == [mode]
    assert procedure.channels[0].duration is not None and procedure.channels[0].duration.working_days == 5


def test_channel_rows_keep_duration_fees_and_description() -> None:
    procedure = portal_docx.to_procedure(record(), SOURCE)
    direct, post = procedure.channels
    assert direct.duration is not None and direct.duration.unit == "working_day" and direct.duration.value == 7
    assert [f.amount for f in direct.fees] == [20000] and direct.description == "Nộp tại Công an xã"
    assert post.mode == "buu_chinh" and post.duration is None and post.fees == []
    assert "duration_unparsed" not in warning_codes(procedure)  # an empty cell is not a failure


def test_unknown_mode_is_warned_not_guessed() -> None:
    row = {"Hình thức nộp": "Fax", "Thời hạn giải quyết": "5 Ngày", "Phí, lệ phí": "", "Mô tả": ""}
    procedure = portal_docx.to_procedure(record(cach_thuc_thuc_hien=[row]), SOURCE)
    assert procedure.channels == []
    assert {"channel_mode_unknown", "channels_unparsed"} <= set(warning_codes(procedure))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("10", "duration_ambiguous"),
        ("Trước ngày 15 tháng 02 hằng năm", "duration_is_deadline"),
        ("Phản hồi tự động qua hệ thống", "duration_unparsed"),
    ],
)
def test_doubtful_durations_are_warned(text: str, code: str) -> None:
    row = {"Hình thức nộp": "Trực tiếp", "Thời hạn giải quyết": text, "Phí, lệ phí": "", "Mô tả": ""}
    procedure = portal_docx.to_procedure(record(cach_thuc_thuc_hien=[row]), SOURCE)
    assert code in warning_codes(procedure)


def test_cases_and_documents() -> None:
    procedure = portal_docx.to_procedure(record(), SOURCE)
    [default] = procedure.cases
    assert default.name is None  # "Bao gồm" only introduces the list
    form, shown = default.documents  # papers to show belong to the case before them
    assert (form.name, form.form, form.originals, form.copies) == ("Tờ khai thay đổi thông tin cư trú", "Mẫu CT01.doc", 1, 0)
    assert (shown.name, shown.copy_kind) == ("Thẻ căn cước", "xuat_trinh")


def test_note_rows_and_sub_case_headings_in_a_dossier_table() -> None:
    def row(name: str, counts: str = "Bản chính: 1\nBản sao: 0") -> dict[str, str]:
        return {"Tên giấy tờ": name, "Mẫu đơn, tờ khai": "", "Số lượng": counts}

    rows = [
        row("Giấy đề nghị cấp lại giấy phép"),
        row("- Đối với phương tiện thương mại:", "Bản chính: 0\nBản sao: 0"),
        row("Giấy chứng nhận đăng ký xe", "Bản chính: 0\nBản sao: 1"),
        row("* Số lượng hồ sơ: 01 (một) bộ.", "Bản chính: 1\nBản sao: 0"),
        row("Lưu ý: nộp bản sao kèm bản chính để đối chiếu", "Bản chính: 0\nBản sao: 0"),
        row("Hồ sơ gồm các tài liệu sau:", "Bản chính: 0\nBản sao: 0"),  # only introduces the rows after it
        row("Bản sao hộ chiếu", "Bản chính: 0\nBản sao: 1"),
    ]
    data = record(thanh_phan_ho_so=[{"truong_hop": "* Trường hợp cấp lại:", "giay_to": rows}])
    procedure = portal_docx.to_procedure(data, SOURCE)
    assert [(c.name, [d.name for d in c.documents]) for c in procedure.cases] == [
        ("Trường hợp cấp lại", ["Giấy đề nghị cấp lại giấy phép"]),
        ("Trường hợp cấp lại — Đối với phương tiện thương mại", ["Giấy chứng nhận đăng ký xe", "Bản sao hộ chiếu"]),
    ]


def test_note_tables_are_not_papers() -> None:
    blocks = [
        {"truong_hop": "Bao gồm", "giay_to": [{"Tên giấy tờ": "Tờ khai", "Mẫu đơn, tờ khai": "", "Số lượng": "Bản chính: 1\nBản sao: 0"}]},
        {"truong_hop": "* Lưu ý:", "giay_to": [{"Tên giấy tờ": "- Cá nhân có quyền lựa chọn nơi nộp", "Mẫu đơn, tờ khai": "", "Số lượng": "Bản chính: 0\nBản sao: 0"}]},
    ]
    procedure = portal_docx.to_procedure(record(thanh_phan_ho_so=blocks), SOURCE)
    assert [d.name for _, _, d in procedure.documents] == ["Tờ khai"]


def test_steps_text_where_the_dossier_should_be_is_warned() -> None:
    data = record(thanh_phan_ho_so=[], **{"Thành phần hồ sơ": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả."})
    procedure = portal_docx.to_procedure(data, SOURCE)
    assert procedure.cases == []
    assert "documents_suspect" in warning_codes(procedure) and "documents_from_text" not in warning_codes(procedure)


def test_legal_basis_row() -> None:
    [ref] = portal_docx.to_procedure(record(), SOURCE).legal_basis
    assert (ref.number, ref.date, ref.issuer, ref.title) == ("68/2020/QH14", "2020-11-13", "Quốc hội", "Luật Cư trú")
    assert ref.kind == "Luật"


@pytest.mark.parametrize(
    ("number", "title", "expected"),
    [
        ("Nghị định số 80/2023/NĐ-CP", "Nghị định sửa đổi", "80/2023/NĐ-CP"),
        ("80", "Nghị định số 80/2023/NĐ-CP ngày 17 tháng 11 năm 2023 của Chính phủ", "80/2023/NĐ-CP"),
        ("Luật Hóa chất", "06/2007/QH12", "06/2007/QH12"),
        ("12", "Quyết định số 13/2021/QĐ-TTg", None),  # a different number: not repaired
    ],
)
def test_legal_number_slips_are_repaired(number: str, title: str, expected: str | None) -> None:
    row = {"Số ký hiệu": number, "Trích yếu": title, "Ngày ban hành": "17-11-2023", "Cơ quan ban hành": ""}
    procedure = portal_docx.to_procedure(record(can_cu_phap_ly=[row]), SOURCE)
    [ref] = procedure.legal_basis
    assert ref.number == expected
    assert ("legal_number_incomplete" in warning_codes(procedure)) is (expected is None)


@pytest.mark.parametrize(("text", "expected"), [("31-02-2020", None), ("2020", None), ("01/7/2016", "2016-07-01")])
def test_legal_dates(text: str, expected: str | None) -> None:
    row = {"Số ký hiệu": "68/2020/QH14", "Trích yếu": "Luật", "Ngày ban hành": text, "Cơ quan ban hành": ""}
    procedure = portal_docx.to_procedure(record(can_cu_phap_ly=[row]), SOURCE)
    assert procedure.legal_basis[0].date == expected
    assert ("date_unparsed" in warning_codes(procedure)) is (expected is None)


def test_empty_tables_fall_back_to_field_text_with_warnings() -> None:
    data = record(
        cach_thuc_thuc_hien=[], thanh_phan_ho_so=[], can_cu_phap_ly=[],
        **{
            "Cách thức thực hiện": "Nộp trực tiếp hoặc qua dịch vụ bưu chính trong thời hạn 10 ngày làm việc",
            "Thành phần hồ sơ": "- Đơn đề nghị (bản chính)\n- Bản sao giấy chứng nhận",
            "Căn cứ pháp lý": "Luật Cư trú số 68/2020/QH14; Nghị định 154/2024/NĐ-CP",
        },
    )
    procedure = portal_docx.to_procedure(data, SOURCE)
    assert [c.mode for c in procedure.channels] == ["truc_tiep", "buu_chinh"]
    assert [d.name for _, _, d in procedure.documents] == ["Đơn đề nghị (bản chính)", "Bản sao giấy chứng nhận"]
    assert [r.number for r in procedure.legal_basis] == ["68/2020/QH14", "154/2024/NĐ-CP"]
    assert {"channels_from_text", "documents_from_text", "legal_basis_from_text"} <= set(warning_codes(procedure))


def test_absent_field_text_is_not_a_failure() -> None:
    procedure = portal_docx.to_procedure(record(can_cu_phap_ly=[], **{"Căn cứ pháp lý": "Không có thông tin"}), SOURCE)
    assert procedure.legal_basis == [] and warning_codes(procedure) == []


def test_legal_text_without_reference_is_warned() -> None:
    procedure = portal_docx.to_procedure(record(can_cu_phap_ly=[], **{"Căn cứ pháp lý": "Theo quy định hiện hành"}), SOURCE)
    assert "legal_basis_unparsed" in warning_codes(procedure)


def test_unknown_label_with_a_value_is_reported() -> None:
    data = record()
    data["fields"].update({"Thời gian tiếp nhận": "Giờ hành chính", "Nhãn trống": "Không có thông tin"})
    procedure = portal_docx.to_procedure(data, SOURCE)
    assert [(w.code, w.text) for w in procedure.warnings] == [("field_unrecognised", "Thời gian tiếp nhận")]


def test_missing_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="Tên thủ tục"):
        portal_docx.to_procedure(record(**{"Tên thủ tục": ""}), SOURCE)


# --- the real corpus ------------------------------------------------------------------------------


def presence(data: dict[str, Any]) -> dict[str, bool]:
    fields = data["fields"]
    documents = "\n".join(rows_text(case.get("giay_to")) for case in data["thanh_phan_ho_so"] or [])
    return {
        "steps": bool(clean(fields.get("Trình tự thực hiện"))),
        "documents": bool(clean(documents or fields.get("Thành phần hồ sơ"))),
        "duration": any(clean(row.get("Thời hạn giải quyết")) for row in data["cach_thuc_thuc_hien"] or []),
        "legal_basis": bool(clean(rows_text(data["can_cu_phap_ly"]) or fields.get("Căn cứ pháp lý"))),
    }


@pytest.mark.slow
def test_real_portal_docx_coverage() -> None:
    path = shared_path("corpus-real", "portal-docx", "records.jsonl.gz")
    coverage, codes = Coverage(), Counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            data = json.loads(line)
            assert portal_docx.matches(data)
            procedure = portal_docx.to_procedure(data, SourceRef(format="portal_docx", path=str(path), record=f"line {line_no}"))
            codes[procedure.code] += 1
            coverage.add(procedure, presence(data))
    print(f"portal-docx: {sum(codes.values())} records, {len(codes)} codes; {coverage.summary()}")
    assert sum(codes.values()) >= 2290 and len(codes) >= 2290
    assert coverage.below_threshold() == {}
