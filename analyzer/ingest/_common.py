"""Building blocks shared by the readers of the portal's detail exports and of spreadsheets.

The portal's "Chi tiết thủ tục hành chính" page reaches us in several shapes (converted JSONL, raw
DOCX, the BQP and CSDL scrapes, flat tables) but always with the same vocabulary: Vietnamese field
labels, the three submission modes, "Bản chính: 1 / Bản sao: 0" counts, "Không có thông tin" for
absent values. Each reader turns its shape into plain label → text pairs and rows; everything from
there to the typed model lives here, so the formats cannot drift apart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from analyzer.model import CHANNEL_MODES, Channel, ChannelMode, Duration, LegalRef, Procedure
from analyzer.parse.dossier import (
    Dossier,
    DossierRow,
    DossierTable,
    build_cases,
    parse_copy_counts,
    suspect_dossier_text,
)
from analyzer.parse.duration import find_durations, is_deadline, parse_duration
from analyzer.parse.fees import parse_fees
from analyzer.parse.legal_ref import find_legal_numbers
from analyzer.parse.steps import numbered_out_of_order, split_steps
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text.keys import fold, match_key
from analyzer.text.normalize import normalize

# --- labels ---------------------------------------------------------------------------------------

# Folded field label -> canonical key. "agencies.<role>" keys fill Procedure.agencies.
# Keys that the model has no place for (kind, keywords, description) are read and dropped on purpose.
FIELD_LABELS: dict[str, str] = {
    "ma thu tuc": "code",
    "so quyet dinh": "decision",
    "ten thu tuc": "name",
    "cap thuc hien": "level",
    "loai thu tuc": "kind",
    "linh vuc": "field",
    "trinh tu thuc hien": "steps",
    "cach thuc thuc hien": "channels",
    "thanh phan ho so": "documents",
    "doi tuong thuc hien": "subjects",
    "co quan thuc hien": "agency",
    "co quan co tham quyen": "agencies.co_tham_quyen",
    "dia chi tiep nhan hs": "agencies.tiep_nhan",
    "co quan duoc uy quyen": "agencies.duoc_uy_quyen",
    "co quan phoi hop": "agencies.phoi_hop",
    "ket qua thuc hien": "results",
    "can cu phap ly": "legal_basis",
    "yeu cau dieu kien thuc hien": "conditions",
    "tu khoa": "keywords",
    "mo ta": "description",
}

# Procedure.agencies keys, the same in every reader: role -> the portal's label for it. "thuc_hien" is
# also Procedure.agency; "ban_hanh" (the issuing agency) comes only from the official list exports.
AGENCY_ROLES: dict[str, str] = {
    "thuc_hien": "Cơ quan thực hiện",
    "co_tham_quyen": "Cơ quan có thẩm quyền",
    "duoc_uy_quyen": "Cơ quan được ủy quyền",
    "phoi_hop": "Cơ quan phối hợp",
    "tiep_nhan": "Địa chỉ tiếp nhận HS",
    "ban_hanh": "Cơ quan ban hành",
}

# Table columns, by folded header: the portal's own headers and the BQP scrape's snake_case keys.
CHANNEL_COLUMNS: dict[str, str] = {
    "hinh thuc nop": "mode",
    "hinh thuc": "mode",
    "thoi han giai quyet": "duration",
    "thoi gian giai quyet": "duration",
    "phi le phi": "fees",
    "mo ta": "description",
}
DOCUMENT_COLUMNS: dict[str, str] = {
    "ten giay to": "name",
    "mau don to khai": "form",
    "so luong": "count",
    "so luong ban chinh": "count",
    "ghi chu": "note",
}
LEGAL_COLUMNS: dict[str, str] = {
    "so ky hieu": "number",
    "trich yeu": "title",
    "ngay ban hanh": "date",
    "co quan ban hanh": "issuer",
}

# Values that mean "nothing here" in the portal's exports (compared folded, without a final dot).
ABSENT_VALUES = {"", "khong co thong tin", "chua co thong tin"}
# For optional descriptive fields, the portal also writes "no" for "there is none".
NONE_VALUES = ABSENT_VALUES | {"khong", "khong co", "khong quy dinh"}
_LONGEST_MARKER = 40  # longer texts are never a marker: skip the folding cost


def label_key(label: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "Yêu cầu, điều kiện" == "yêu_cầu_điều_kiện"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(label).lower()).split())


def clean(text: Any) -> str | None:
    """Normalised text, or None when the source says there is no value."""
    if text is None:
        return None
    value = normalize(str(text)).strip()
    if not value or (len(value) <= _LONGEST_MARKER and label_key(value) in ABSENT_VALUES):
        return None
    return value


def level_text(text: str | None) -> str | None:
    """"Cấp Bộ, Cấp Tỉnh" -> "Cấp bộ, Cấp tỉnh": the portal's crawls spell the same levels in two casings, and a
    reviewer filtering by level must see each once."""
    if text is None:
        return None
    return ", ".join(part[:1].upper() + part[1:].lower() for part in (p.strip() for p in text.split(",")) if part)


def clean_optional(text: Any) -> str | None:
    """Like clean(), but "Không" / "Không có" also mean there is none (conditions, agencies)."""
    value = clean(text)
    if value is None or (len(value) <= _LONGEST_MARKER and label_key(value) in NONE_VALUES):
        return None
    return value


def map_columns(row: Mapping[str, Any], columns: Mapping[str, str]) -> dict[str, str]:
    """A table row keyed by canonical column names; unknown columns are kept under "extra:<header>"."""
    out: dict[str, str] = {}
    for header, value in row.items():
        key = columns.get(label_key(str(header)), f"extra:{header}")
        text = "" if value is None else str(value)
        if out.get(key) and text:  # two headers mapping to one column: keep both texts
            out[key] = f"{out[key]}\n{text}"
        elif text or key not in out:
            out[key] = text
    return out


def map_fields(pairs: Iterable[tuple[str, Any]]) -> tuple[dict[str, str], list[str]]:
    """(canonical key -> text, labels not recognised that carry a value) from label/value pairs."""
    fields: dict[str, str] = {}
    unknown: list[str] = []
    for label, value in pairs:
        key = FIELD_LABELS.get(label_key(label))
        if key is None:
            if clean(value) if isinstance(value, str) else value:
                unknown.append(label)
        elif value is not None:
            fields[key] = str(value)
    return fields, unknown


def warn_unknown_labels(procedure: Procedure, labels: list[str]) -> None:
    """A label the mapping does not know is reported, so a changed export does not lose data unseen."""
    for label in labels:
        procedure.warn("field_unrecognised", "source", "a field label that no reader maps was skipped", label)


# --- scalar fields --------------------------------------------------------------------------------


def split_subjects(text: str | None) -> list[str]:
    """"Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam" → two subjects.

    ";" and line breaks always separate; a comma only outside brackets and before a capital:
    "Cán bộ, công chức, viên chức" is one of the portal's subject categories.
    """
    if not text:
        return []
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 0 or char not in ",;\n":
            continue
        following = text[index + 1 :].lstrip()
        if char != "," or following[:1].isupper():
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip(" .-") for part in parts if part.strip(" .-")]


def new_procedure(fields: Mapping[str, str], source: Any, fallback_code: str | None = None) -> Procedure:
    """A procedure with the scalar fields filled; steps, channels, cases, legal basis are left empty.

    Raises ValueError when there is no name (or no code and no fallback): the record is unusable.
    """
    name = clean(fields.get("name"))
    code = clean(fields.get("code")) or fallback_code
    if not name:
        raise ValueError("the record has no procedure name (Tên thủ tục)")
    if not code:
        raise ValueError(f"the record has no procedure code (Mã thủ tục): {name[:80]}")
    agencies = {
        key.split(".", 1)[1]: value
        for key, text in fields.items()
        if key.startswith("agencies.") and (value := clean_optional(text))
    }
    agency = clean_optional(fields.get("agency"))
    if agency:
        agencies = {"thuc_hien": agency, **agencies}
    return Procedure(
        code=code,
        name=name,
        decision=decision_number(clean(fields.get("decision"))),
        level=level_text(clean(fields.get("level"))),
        field=clean(fields.get("field")),
        agency=agency,
        agencies=agencies,
        subjects=split_subjects(clean(fields.get("subjects"))),
        conditions=clean_optional(fields.get("conditions")),
        results=clean_optional(fields.get("results")),
        source=source,
    )


_DECISION_PREFIX_RE = re.compile(r"^\s*(?:quyết\s+định\s*)?(?:số\s*)?(?=\d)", re.IGNORECASE)


def decision_number(text: str | None) -> str | None:
    """"Quyết định số 6225/QĐ-BQP" -> "6225/QĐ-BQP", as the portal's other exports write it."""
    return _DECISION_PREFIX_RE.sub("", text) if text else None


def derived_code(prefix: str, title: str, agency: str | None) -> str:
    """A stable id for a record without a code: "<prefix>-" + the first 10 hex of
    sha1(match_key(title) + "|" + match_key(agency)). Same name and agency, same id, on every run."""
    key = f"{match_key(title)}|{match_key(agency or '')}"
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


# --- steps ----------------------------------------------------------------------------------------


def add_steps(procedure: Procedure, text: str | None) -> None:
    value = clean(text)
    if not value:
        return
    procedure.steps = split_steps(value)
    if not procedure.steps:
        procedure.warn("steps_unparsed", "steps", "no step could be read from the procedure text", value)
    elif (back := numbered_out_of_order(value)) is not None:
        procedure.warn("steps_out_of_order", "steps", "the steps are published out of their own numbering", back)


# --- channels -------------------------------------------------------------------------------------

_MODE_WORDS: tuple[tuple[str, ChannelMode], ...] = default_vocabulary().mode_keys  # type: ignore[assignment]


def channel_mode(text: str | None) -> ChannelMode | None:
    """The submission mode named by a "Hình thức nộp" cell ("Dịch vụ bưu chính" -> buu_chinh)."""
    key = label_key(text or "")
    found = [(key.find(word), mode) for word, mode in _MODE_WORDS if word in key]
    return min(found)[1] if found else None  # the first mode named: "Trực tuyến (qua bưu chính...)"


def modes_mentioned(text: str | None) -> list[ChannelMode]:
    """Every mode a free text mentions, in a fixed order (for the text fallback)."""
    key = label_key(text or "")
    found = [mode for word, mode in _MODE_WORDS if word in key]
    return [mode for mode in CHANNEL_MODES if mode in found]


def make_channel(procedure: Procedure, mode: ChannelMode, duration_text: str | None, fees_text: str | None,
                 description: str | None) -> Channel:
    """One channel, with a warning for each non-empty cell that yields nothing usable."""
    channel = Channel(mode=mode, description=clean(description))
    duration_value = clean(duration_text)
    if duration_value:
        channel.duration = parse_duration(duration_value)
        warn_duration(procedure, mode, channel.duration, duration_value)
    fees_value = clean(fees_text)
    if fees_value:
        channel.fees = parse_fees(fees_value)
        if not channel.fees:
            procedure.warn("fees_unparsed", "channels", f"no fee read for {mode}", fees_value)
    return channel


def warn_duration(procedure: Procedure, mode: str, duration: Duration | None, text: str) -> None:
    """The warning a processing-time cell deserves, if any: a deadline, an ambiguous or an unread time."""
    if is_deadline(duration):
        procedure.warn("duration_is_deadline", "channels", f"the time for {mode} is a date or schedule, not a duration", text)
    elif duration is None or (duration.value is None and not duration.unspecified and not duration.ambiguous):
        procedure.warn("duration_unparsed", "channels", f"no processing time read for {mode}", text)
    elif duration.ambiguous:
        procedure.warn("duration_ambiguous", "channels", f"processing time for {mode} is ambiguous", text)


def add_channel_rows(procedure: Procedure, rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str] = CHANNEL_COLUMNS) -> None:
    for raw in rows:
        row = map_columns(raw, columns)
        mode_text = clean(row.get("mode"))
        mode = channel_mode(mode_text)
        if mode is None:
            if mode_text or any(clean(v) for v in row.values()):
                procedure.warn("channel_mode_unknown", "channels", "submission mode not recognised", mode_text or str(dict(raw)))
            continue
        procedure.channels.append(make_channel(procedure, mode, row.get("duration"), row.get("fees"), row.get("description")))


def add_channels(procedure: Procedure, rows: list[Mapping[str, Any]], text: str | None,
                 columns: Mapping[str, str] = CHANNEL_COLUMNS) -> None:
    """The channel table when the source has one, else the channel field's text (with a warning)."""
    if rows:
        add_channel_rows(procedure, rows, columns)
    else:
        channels_from_text(procedure, text)


def channels_from_text(procedure: Procedure, text: str | None) -> None:
    """Fallback when the channel table is missing: modes named in the text, the first duration found."""
    value = clean(text)
    if not value:
        return
    modes = modes_mentioned(value)
    spans = find_durations(value)
    if not modes:
        procedure.warn("channels_unparsed", "channels", "no submission mode found in the channel text", value)
        return
    for mode in modes:
        channel = Channel(mode=mode, description=value)
        if spans:
            channel.duration = spans[0].duration
        procedure.channels.append(channel)
    procedure.warn("channels_from_text", "channels", "channel table missing: channels read from the text", value)


# --- documents ------------------------------------------------------------------------------------


def dossier_row(procedure: Procedure, row: Mapping[str, Any]) -> DossierRow:
    """A mapped table row (name, form, count) as a dossier row; an unreadable count cell is warned."""
    count = clean(row.get("count"))
    originals, copies = parse_copy_counts(count) if count else (None, None)
    if count and originals is None and copies is None:
        procedure.warn("copy_count_unparsed", "cases", "document count not read", count)
    return DossierRow(name=clean(row.get("name")) or "", form=clean(row.get("form")), originals=originals, copies=copies)


def dossier_table(procedure: Procedure, heading: str | None, rows: Iterable[Mapping[str, Any]]) -> DossierTable:
    """One dossier table from mapped rows; rows with cells but no name are warned and skipped."""
    kept = []
    for row in rows:
        if clean(row.get("name")):
            kept.append(dossier_row(procedure, row))
        elif any(clean(v) for v in row.values()):
            procedure.warn("document_unnamed", "cases", "a dossier row has no document name", str(dict(row)))
    return DossierTable(heading=clean(heading), rows=tuple(kept))


def add_dossier(procedure: Procedure, dossier: Dossier) -> None:
    """The cases of a dossier, and its issues as warnings."""
    procedure.cases.extend(dossier.cases)
    for issue in dossier.issues:
        procedure.warn(issue.code, "cases", issue.message, issue.text)


_LIST_ITEM_RE = re.compile(r"\n+|(?:^|\s)[-–+•]\s+|;\s*")


def documents_from_text(procedure: Procedure, text: str | None, fallback: bool = True) -> None:
    """One document per line or list item: the fallback when the dossier table is missing
    (``fallback=True`` warns that the text was used), or the normal path for flat tables."""
    value = clean(text)
    if not value:
        return
    if reason := suspect_dossier_text(value):
        procedure.warn("documents_suspect", "cases", f"{reason}: no document read", value[:200])
        return
    items = [item.strip(" .:") for item in _LIST_ITEM_RE.split(value) if item and item.strip(" .:")]
    rows = [DossierRow(item, None, *parse_copy_counts(item)) for item in items]
    dossier = build_cases([DossierTable(heading=None, rows=tuple(rows))])
    if dossier.cases:
        add_dossier(procedure, dossier)
        if fallback:
            procedure.warn("documents_from_text", "cases", "dossier table missing: documents read from the text", value)
    else:
        procedure.warn("documents_unparsed", "cases", "no document could be read from the dossier text", value)


# --- legal basis ----------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(text: str | None) -> str | None:
    """"12-09-2017" / "12/9/2017" / "2017-09-12..." -> "2017-09-12"; None when not a valid date."""
    if not text:
        return None
    if match := _DATE_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _looks_like_number(text: str) -> bool:
    return "/" in text and any(ch.isdigit() for ch in text)


def make_legal_ref(procedure: Procedure, number: str | None, title: str | None, date_text: str | None,
                   issuer: str | None) -> LegalRef | None:
    """A legal reference from a table row, repairing the export's known slips.

    The number cell sometimes holds "Nghị định số 80/2023/NĐ-CP", only "80", or a law's name with the
    number in the title cell instead ("Luật Hóa chất" / "06/2007/QH12"); the number is taken from the
    first reference found in the number cell, else from the title cell when it agrees.
    """
    number, title, issuer = clean(number), clean(title), clean(issuer)
    if not (number or title):
        return None
    ref = LegalRef(title=title, issuer=issuer)
    in_number = find_legal_numbers(number) if number else []
    in_title = find_legal_numbers(title) if title else []
    found = in_number[0].ref if in_number else _number_from_title(number, in_title)
    if found is not None:
        ref.number, ref.kind, ref.date = found.number, found.kind, found.date
        ref.issuer = ref.issuer or found.issuer
    else:
        ref.number = number if number and _looks_like_number(number) else None
        if number and ref.number is None:
            procedure.warn("legal_number_incomplete", "legal_basis", "legal reference without a usable number", number)
    if ref.kind is None and title:
        ref.kind = _kind_from_title(title)
    if date_text and clean(date_text):
        parsed = iso_date(clean(date_text))
        if parsed:
            ref.date = parsed
        else:
            procedure.warn("date_unparsed", "legal_basis", "issue date not read", date_text)
    return ref


def _number_from_title(number: str | None, in_title: list[Any]) -> LegalRef | None:
    """The title's first reference when the number cell is empty, truncated ("12") or a name."""
    if not in_title:
        return None
    first: LegalRef = in_title[0].ref
    if not number:
        return first
    leading = number.split("/")[0].strip()
    if leading.isdigit():  # "12" cut from "12/2021/QĐ-TTg": only accept the same number
        return first if (first.number or "").startswith(leading + "/") else None
    return None if _looks_like_number(number) else first


_KINDS = default_vocabulary().kind_names("record_titles")


def _kind_from_title(title: str) -> str | None:
    key = label_key(title)
    for kind in _KINDS:
        if key.startswith(label_key(kind)):
            return kind
    return None


def add_legal_rows(procedure: Procedure, rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str] = LEGAL_COLUMNS) -> None:
    for raw in rows:
        row = map_columns(raw, columns)
        ref = make_legal_ref(procedure, row.get("number"), row.get("title"), row.get("date"), row.get("issuer"))
        if ref is not None:
            procedure.legal_basis.append(ref)


def add_legal_basis(procedure: Procedure, rows: list[Mapping[str, Any]], text: str | None) -> None:
    """The legal-basis table when the source has one, else every reference in the field's text."""
    if rows:
        add_legal_rows(procedure, rows)
    else:
        legal_basis_from_text(procedure, text)


def legal_basis_from_text(procedure: Procedure, text: str | None, fallback: bool = True) -> None:
    """Every document number in a text: the fallback when the legal-basis table is missing
    (``fallback=True`` warns that the text was used), or the normal path for flat tables."""
    value = clean(text)
    if not value:
        return
    seen: set[str] = set()
    for span in find_legal_numbers(value):
        if span.ref.number and span.ref.number not in seen:
            seen.add(span.ref.number)
            procedure.legal_basis.append(span.ref)
    if procedure.legal_basis:
        if fallback:
            procedure.warn("legal_basis_from_text", "legal_basis", "legal-basis table missing: references read from the text", value)
    else:
        procedure.warn("legal_basis_unparsed", "legal_basis", "no legal reference could be read", value)


# --- completeness ---------------------------------------------------------------------------------


def warn_if_empty(procedure: Procedure, sources: Mapping[str, str | None]) -> None:
    """Warn for every part non-empty in the source that yielded nothing.

    ``sources`` maps "channels" / "documents" / "legal_basis" to the source's text for that part (the
    field text, or the table rows rendered as text), so tables and free text are judged alike.
    """
    checks = (
        ("channels", "channels_unparsed", procedure.channels),
        ("documents", "documents_unparsed", procedure.documents),
        ("legal_basis", "legal_basis_unparsed", procedure.legal_basis),
    )
    already = {w.code for w in procedure.warnings}
    if "documents_suspect" in already:  # the reason is given already: the text was not a dossier
        already.add("documents_unparsed")
    for key, code, parsed in checks:
        text = clean(sources.get(key))
        if text and not parsed and code not in already:
            procedure.warn(code, key, f"the source has {key} but none could be read", text)


def rows_text(rows: Iterable[Mapping[str, Any]] | None) -> str:
    """A table's cell texts joined, to judge whether it held anything."""
    return "\n".join(str(v) for row in rows or [] for v in row.values() if v and str(v).strip())
