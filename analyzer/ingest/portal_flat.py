"""Reader for records scraped from dichvucong.gov.vn with every table flattened ("portal-flat").

Keys: ma_thu_tuc, ten_thu_tuc, so_quyet_dinh, cap_thuc_hien, linh_vuc, doi_tuong_thuc_hien,
co_quan_*, dia_chi_tiep_nhan, trinh_tu_thuc_hien, cach_thuc_thuc_hien, thanh_phan_ho_so,
can_cu_phap_ly, yeu_cau_dieu_kien, ket_qua_xu_ly, raw_text. The table cells were joined without
separators: ``_flat_channels`` cuts the channel table, ``_flat_dossier`` the dossier table (built into
cases by ``analyzer.parse.dossier``, as for every other format), and the shared parsers read the cells.
"Không có thông tin" and empty mean absent. A field that has content but yields nothing gets a warning (``steps_unparsed``, ...).

The scrape cut some fields at a label quoted inside the text ("…theo quy định tại mục 5.3 (Thành phần hồ
sơ)…" ends the steps there and puts the rest of the steps into the dossier field). ``raw_text`` holds the
whole page with each label once, in page order, so when a field differs from its raw_text section the
section is read instead, with a ``raw_text_preferred`` warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analyzer.ingest._common import add_dossier, add_steps, split_subjects, warn_duration
from analyzer.ingest._flat_channels import ChannelRow, split_channel_table
from analyzer.ingest._flat_dossier import read_flat_dossier
from analyzer.ingest._flat_text import NO_INFO, clean_results, present, raw_sections
from analyzer.model import Channel, Duration, Fee, ParseWarning, Procedure, SourceRef
from analyzer.parse.duration import parse_duration
from analyzer.parse.fees import parse_fees
from analyzer.parse.legal_ref import split_glued_legal_basis
from analyzer.text.normalize import normalize

name = "portal_flat"

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_SIGNATURE_KEYS = ("cach_thuc_thuc_hien", "thanh_phan_ho_so", "trinh_tu_thuc_hien", "raw_text")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# canonical field → (record key, raw_text section)
_SECTIONS = {
    "steps": ("trinh_tu_thuc_hien", "Trình Tự Thực Hiện"),
    "channels": ("cach_thuc_thuc_hien", "Cách Thức Thực Hiện"),
    "cases": ("thanh_phan_ho_so", "Thành phần hồ sơ"),
    "legal_basis": ("can_cu_phap_ly", "Căn cứ pháp lý"),
    "conditions": ("yeu_cau_dieu_kien", "Yêu cầu, điều kiện thực hiện"),
    "results": ("ket_qua_xu_ly", "Kết quả xử lý"),
}
# The result section of raw_text stops at the portal's widgets, the field runs on into them: both are
# cleaned by clean_results, so raw_text is read only when the field is empty.
_RAW_ONLY_WHEN_EMPTY = {"results"}
# Procedure.agencies role (the shared set, see _common.AGENCY_ROLES) → record key
_AGENCY_KEYS = {
    "thuc_hien": "co_quan_thuc_hien",
    "co_tham_quyen": "co_quan_co_tham_quyen",
    "duoc_uy_quyen": "co_quan_duoc_uy_quyen",
    "phoi_hop": "co_quan_phoi_hop",
    "tiep_nhan": "dia_chi_tiep_nhan",
}


def matches(record: dict[str, Any]) -> bool:
    return "ma_thu_tuc" in record and "ten_thu_tuc" in record and any(key in record for key in _SIGNATURE_KEYS)


def _text(record: dict[str, Any], key: str) -> str | None:
    """The field's display text (NFC, invisible characters and HTML leftovers removed), or None."""
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key} must be text, not {type(value).__name__}")
    return present(normalize(value)) if value else None


@dataclass(frozen=True, slots=True)
class Section:
    """The text read for one canonical field, and why it came from raw_text when it did."""

    text: str | None
    warning: ParseWarning | None = None


def section(record: dict[str, Any], field: str, raw: dict[str, str]) -> Section:
    """A field's text, or its raw_text section when the field is empty or was cut at a quoted label."""
    key, label = _SECTIONS[field]
    value = _text(record, key)
    raw_section = raw.get(label)
    unchanged = raw_section is None or raw_section == (record.get(key) or "").strip()
    if unchanged or (value is not None and field in _RAW_ONLY_WHEN_EMPTY):
        return Section(value)
    fallback = present(normalize(raw_section))
    if fallback == value:
        return Section(value)
    if value is None:
        if fallback is None:
            return Section(None)
        message = f"{key} is empty; read the '{label}' section of raw_text"
        return Section(fallback, ParseWarning(code="raw_text_fallback", field=field, message=message, text=fallback[:200]))
    message = f"{key} differs from the '{label}' section of raw_text (the scrape cut it at a label); read raw_text"
    return Section(fallback, ParseWarning(code="raw_text_preferred", field=field, message=message, text=value[:200]))


def sections(record: dict[str, Any]) -> dict[str, Section]:
    """Every canonical field's text as the reader reads it (used by the coverage figures too)."""
    raw = raw_sections(record.get("raw_text") or "")
    return {field: section(record, field, raw) for field in _SECTIONS}


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
    texts = sections(record)
    procedure.warnings += [read.warning for read in texts.values() if read.warning is not None]
    add_steps(procedure, texts["steps"].text)
    _read_channels(procedure, texts["channels"].text)
    _read_cases(procedure, texts["cases"].text)
    _read_legal_basis(procedure, texts["legal_basis"].text)
    procedure.conditions = texts["conditions"].text
    results_text = texts["results"].text
    procedure.results = clean_results(results_text)
    if results_text and procedure.results is None:
        procedure.warn("results_unparsed", "results", "result text held only portal codes or widgets", results_text[:200])
    return procedure


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
    if duration is not None and duration.value is not None and not row.time_has_unit and _BARE_NUMBER.fullmatch(row.time):
        # the portal dropped the unit: keep the number, claim no unit
        duration = duration.model_copy(update={"ambiguous": True, "unit": None, "working_days": None})
        procedure.warn("duration_ambiguous", "channels", f"time '{row.time}' has no unit", row.time)
        return duration
    warn_duration(procedure, row.mode, duration, row.time)
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
    add_dossier(procedure, read_flat_dossier(text))
    if not procedure.cases and not any(w.code == "documents_suspect" for w in procedure.warnings):
        procedure.warn("documents_unparsed", "cases", "no document could be read", text[:200])


def _read_legal_basis(procedure: Procedure, text: str | None) -> None:
    if text is None:
        return
    body = present(text.removeprefix(LEGAL_HEADER))
    if body is None or body.startswith(NO_INFO):
        return  # an empty table ("Không có thông tin", sometimes followed by the next section's label)
    procedure.legal_basis = split_glued_legal_basis(body)
    if not procedure.legal_basis:
        procedure.warn("legal_basis_unparsed", "legal_basis", "no legal reference could be read", body[:200])
