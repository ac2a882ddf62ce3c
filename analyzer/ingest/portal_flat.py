"""Reader for records scraped from dichvucong.gov.vn with every table flattened ("portal-flat").

Keys: ma_thu_tuc, ten_thu_tuc, so_quyet_dinh, cap_thuc_hien, linh_vuc, doi_tuong_thuc_hien,
co_quan_*, trinh_tu_thuc_hien, cach_thuc_thuc_hien, thanh_phan_ho_so, can_cu_phap_ly,
yeu_cau_dieu_kien, ket_qua_xu_ly, raw_text. The table cells were joined without separators; the
private modules ``_flat_channels``, ``_flat_dossier`` and ``_flat_forms`` cut them apart, and the
shared parsers in ``analyzer.parse`` read the cells. "Không có thông tin" and empty mean absent.
A field that has content but yields nothing gets a warning (``steps_unparsed``, ...).
"""

from __future__ import annotations

import re
from typing import Any

from analyzer.ingest._flat_channels import ChannelRow, split_channel_table
from analyzer.ingest._flat_dossier import CaseRows, read_dossier
from analyzer.ingest._flat_text import NO_INFO, clean_results, present, raw_sections, split_subjects
from analyzer.model import Case, Channel, DocumentRequirement, Duration, Fee, Procedure, SourceRef
from analyzer.parse.dossier import clean_document_name, detect_copy_kind
from analyzer.parse.duration import parse_duration
from analyzer.parse.fees import parse_fees
from analyzer.parse.legal_ref import split_glued_legal_basis
from analyzer.parse.steps import split_steps

name = "portal_flat"

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_SIGNATURE_KEYS = ("cach_thuc_thuc_hien", "thanh_phan_ho_so", "trinh_tu_thuc_hien", "raw_text")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# canonical field → (record key, raw_text section used when the key is empty)
_SECTIONS = {
    "steps": ("trinh_tu_thuc_hien", "Trình Tự Thực Hiện"),
    "channels": ("cach_thuc_thuc_hien", "Cách Thức Thực Hiện"),
    "cases": ("thanh_phan_ho_so", "Thành phần hồ sơ"),
    "legal_basis": ("can_cu_phap_ly", "Căn cứ pháp lý"),
    "conditions": ("yeu_cau_dieu_kien", "Yêu cầu, điều kiện thực hiện"),
    "results": ("ket_qua_xu_ly", "Kết quả xử lý"),
}
_AGENCY_KEYS = {
    "thuc_hien": "co_quan_thuc_hien",
    "co_tham_quyen": "co_quan_co_tham_quyen",
    "duoc_uy_quyen": "co_quan_duoc_uy_quyen",
    "phoi_hop": "co_quan_phoi_hop",
}


def matches(record: dict[str, Any]) -> bool:
    return "ma_thu_tuc" in record and "ten_thu_tuc" in record and any(key in record for key in _SIGNATURE_KEYS)


def _text(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key} must be text, not {type(value).__name__}")
    return present(value)


def _section(record: dict[str, Any], field: str, raw: dict[str, str], procedure: Procedure) -> str | None:
    """A field's text; when empty, the same section of raw_text (with a warning saying so)."""
    key, label = _SECTIONS[field]
    value = _text(record, key)
    if value is None and (fallback := present(raw.get(label))) is not None:
        procedure.warn("raw_text_fallback", field, f"{key} is empty; read the '{label}' section of raw_text", fallback[:200])
        return fallback
    return value


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    code, title = _text(record, "ma_thu_tuc"), _text(record, "ten_thu_tuc")
    if code is None and title is None:
        raise ValueError("record has neither a procedure code (ma_thu_tuc) nor a name (ten_thu_tuc)")
    agencies = {role: value for role, key in _AGENCY_KEYS.items() if (value := _text(record, key))}
    procedure = Procedure(
        code=code or "",
        name=title or "",
        decision=_text(record, "so_quyet_dinh"),
        level=_text(record, "cap_thuc_hien"),
        field=_text(record, "linh_vuc"),
        agency=agencies.get("thuc_hien"),
        agencies=agencies,
        subjects=split_subjects(_text(record, "doi_tuong_thuc_hien")),
        source=source,
    )
    for value, key, field in ((code, "ma_thu_tuc", "code"), (title, "ten_thu_tuc", "name")):
        if value is None:
            procedure.warn(f"{field}_missing", field, f"{key} is empty")
    raw = raw_sections(_text(record, "raw_text") or "")
    _read_steps(procedure, _section(record, "steps", raw, procedure))
    _read_channels(procedure, _section(record, "channels", raw, procedure))
    _read_cases(procedure, _section(record, "cases", raw, procedure))
    _read_legal_basis(procedure, _section(record, "legal_basis", raw, procedure))
    procedure.conditions = _section(record, "conditions", raw, procedure)
    results_text = _section(record, "results", raw, procedure)
    procedure.results = clean_results(results_text)
    if results_text and procedure.results is None:
        procedure.warn("results_unparsed", "results", "result text held only portal codes or widgets", results_text[:200])
    return procedure


def _read_steps(procedure: Procedure, text: str | None) -> None:
    if text is None:
        return
    procedure.steps = split_steps(text)
    if not procedure.steps:
        procedure.warn("steps_unparsed", "steps", "no step could be read", text[:200])


def _read_channels(procedure: Procedure, text: str | None) -> None:
    if text is None:
        return
    table = split_channel_table(text)
    procedure.channels = [_channel(procedure, row) for row in table.rows]
    if table.leftover is not None:
        what = "no channel row could be read" if not table.rows else "text before the first channel row was not read"
        procedure.warn("channels_unparsed", "channels", what, table.leftover[:200])


def _channel(procedure: Procedure, row: ChannelRow) -> Channel:
    if row.glued is not None:
        procedure.warn(
            "channel_cell_glued",
            "channels",
            "a unitless time runs into the fee amount and cannot be cut unambiguously",
            row.glued,
        )
        duration = Duration(text=row.glued, ambiguous=True)
        return Channel(mode=row.mode, duration=duration, fees=[], description=row.description)
    return Channel(
        mode=row.mode,
        duration=_duration(procedure, row),
        fees=_fees(procedure, row.fee),
        description=row.description,
    )


def _duration(procedure: Procedure, row: ChannelRow) -> Duration | None:
    if row.time is None:
        return _duration_from_description(procedure, row.description)
    duration = parse_duration(row.time)
    if duration is None or (duration.value is None and not duration.unspecified):
        procedure.warn("duration_unparsed", "channels", "the processing time could not be read", row.time)
        return duration
    if not row.time_has_unit and _BARE_NUMBER.fullmatch(row.time):
        # the portal dropped the unit: keep the number, claim no unit
        if not duration.ambiguous or duration.unit is not None:
            duration = duration.model_copy(update={"ambiguous": True, "unit": None, "working_days": None})
        procedure.warn("duration_ambiguous", "channels", f"time '{row.time}' has no unit", row.time)
    return duration


def _duration_from_description(procedure: Procedure, description: str | None) -> Duration | None:
    """The time cell is empty but the description often states it ("05 ngày làm việc kể từ …")."""
    duration = parse_duration(description) if description else None
    if duration is None or duration.value is None:
        return None
    procedure.warn("duration_from_description", "channels", "time cell empty; read the time from the description", description[:200])
    return duration


def _fees(procedure: Procedure, text: str | None) -> list[Fee]:
    if text is None:
        return []
    fees = parse_fees(text)
    if not fees:
        procedure.warn("fee_unparsed", "channels", "the fee cell could not be read", text[:200])
    return fees


def _read_cases(procedure: Procedure, text: str | None) -> None:
    if text is None:
        return
    table = read_dossier(text)
    procedure.cases = [case for case in (_case(case_rows) for case_rows in table.cases) if case.documents]
    for name_text in table.unsplit_forms:
        procedure.warn("document_form_unsplit", "cases", "a form file name is glued to the document name", name_text[-200:])
    if not procedure.cases:
        procedure.warn("documents_unparsed", "cases", "no document could be read", text[:200])


def _case(rows: CaseRows) -> Case:
    documents = []
    for row in rows.documents:
        document_name = clean_document_name(row.name)
        if not document_name:
            continue
        copy_kind = "xuat_trinh" if row.shown else detect_copy_kind(document_name, row.originals, row.copies)
        documents.append(
            DocumentRequirement(
                name=document_name, originals=row.originals, copies=row.copies, copy_kind=copy_kind, form=row.form
            )
        )
    return Case(name=rows.name, documents=documents)


def _read_legal_basis(procedure: Procedure, text: str | None) -> None:
    if text is None:
        return
    body = present(text.removeprefix(LEGAL_HEADER))
    if body is None or body.startswith(NO_INFO):
        return  # an empty table ("Không có thông tin", sometimes followed by the next section's label)
    procedure.legal_basis = split_glued_legal_basis(body)
    if not procedure.legal_basis:
        procedure.warn("legal_basis_unparsed", "legal_basis", "no legal reference could be read", body[:200])
