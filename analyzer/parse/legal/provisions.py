"""Procedure provisions of a legal text, as canonical procedures, and the text rules.

Procedures come from two places:
- articles that prescribe a dossier ("Hồ sơ … gồm:" followed by its items), a processing time
  ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ …") or a sequence of steps ("Trình tự …",
  "Bước 1 …"). A time limit, a list of steps or a list of submission channels that names the articles
  it applies to ("quy định tại các Điều 19, 20 và Điều 22") is attached to the procedures of those
  articles, as Nghị định 96/2016/NĐ-CP does in its Điều 23;
- annex tables that announce procedures (code, name, time, channels, fees, legal basis), as decisions
  announcing TTHC do (Quyết định 1766/QĐ-UBND of Bình Thuận). Tables under "bãi bỏ" are skipped.
Each procedure's ``source.format`` is "legal_text"; its detectors' findings are left to the caller.
The text rules (supplement cap, papers the State holds) live in ``text_rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analyzer.model import Case, Channel, DocumentRequirement, Duration, LegalRef, Procedure, SourceRef, Step
from analyzer.parse.dossier import clean_document_name, detect_copy_kind
from analyzer.parse.duration import find_durations, parse_duration
from analyzer.parse.fees import parse_fees
from analyzer.parse.legal.citations import find_citations
from analyzer.parse.legal.model import LegalDocument, StructureNode
from analyzer.parse.legal.patterns import collapse
from analyzer.parse.steps import split_steps

DOSSIER_CUE = re.compile(
    r"(?:(?:hồ\s+sơ|Hồ\s+sơ|HỒ\s+SƠ)[^.;:\n]{0,200}?(?:gồm|bao\s+gồm)"
    r"|(?:tài\s+liệu|giấy\s+tờ|thành\s+phần\s+hồ\s+sơ)\s+(?:sau\s+đây|như\s+sau))[^.;\n]{0,80}:\s*$",
)
DOSSIER_HEADING = re.compile(r"^(?:Hồ\s+sơ|Thành\s+phần\s+hồ\s+sơ)\b")
# A time limit that opens a procedure on its own must run from the receipt of a dossier.
_RECEIPT = re.compile(r"kể\s+từ\s+(?:ngày|khi)\s+(?:nhận|tiếp\s+nhận)|nhận\s+(?:được\s+)?(?:đủ\s+)?hồ\s+sơ|hồ\s+sơ\s+hợp\s+lệ", re.IGNORECASE)
_STEP_CUE = re.compile(r"(?:Trình\s+tự|trình\s+tự|Bước\s+1|Các\s+bước)")
# A duration is a processing time when its sentence (or the clause introducing it) speaks of handling a dossier.
_TIME_CONTEXT = re.compile(
    r"kể\s+từ\s+(?:ngày|khi)\s+(?:nhận|tiếp\s+nhận)|nhận\s+(?:được\s+)?(?:đủ\s+)?hồ\s+sơ|hồ\s+sơ\s+hợp\s+lệ"
    r"|thời\s+hạn\s+(?:hoàn\s+thành\s+việc\s+)?(?:cấp|giải\s+quyết|trả\s+kết\s+quả|thẩm\s+định|xem\s+xét)",
    re.IGNORECASE,
)
_ARTICLE_LIST = re.compile(
    r"(?:các\s+)?Điều\s+(\d+)((?:\s*,\s*(?:Điều\s+)?\d+)*)(?:\s+(?:và|hoặc)\s+(?:Điều\s+)?(\d+))?"
    r"(?!\d|\s+(?:của\s+)?(?:Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Pháp\s+lệnh|Nghị\s+quyết)\s+(?!này))"
)
_MODES = (
    ("truc_tiep", re.compile(r"(?:nộp|gửi)(?:\s+hồ\s+sơ)?\s+trực\s+tiếp", re.IGNORECASE)),
    ("buu_chinh", re.compile(r"(?:nộp|gửi)(?:\s+hồ\s+sơ)?\s+qua\s+(?:[^;.]{0,30}?)(?:bưu\s+chính|bưu\s+điện)", re.IGNORECASE)),
    ("truc_tuyen", re.compile(
        r"(?:nộp|gửi)(?:\s+hồ\s+sơ)?\s+(?:trực\s+tuyến|qua\s+mạng|(?:qua|trên)\s+(?:[^;.]{0,30}?)(?:Cổng\s+(?:thông\s+tin\s+điện\s+tử"
        r"|dịch\s+vụ\s+công)|môi\s+trường\s+điện\s+tử|hệ\s+thống\s+thông\s+tin))", re.IGNORECASE)),
)
_REFUSAL = re.compile(r"không\s+cấp|từ\s+chối|không\s+giải\s+quyết|không\s+chấp\s+thuận|không\s+đủ\s+điều\s+kiện", re.IGNORECASE)
_REPEALED_TABLE = re.compile(r"bãi\s+bỏ", re.IGNORECASE)
_CODE_CELL = re.compile(r"^\d\.\d{6}$|^[A-Z]{3}-\d{6}$|^\d{1,2}\.\d{3,}(?:\.\d+)*$")


@dataclass
class _Draft:
    article: StructureNode
    cases: list[Case] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    joined: list[StructureNode] = field(default_factory=list)  # articles merged into this one (see _join_split)


# ----------------------------------------------------------------------------- procedures from articles


def extract_procedures(document: LegalDocument) -> list[Procedure]:
    """Procedures prescribed by the text's articles and announced in its annex tables."""
    return _from_articles(document) + _from_tables(document)


def _from_articles(document: LegalDocument) -> list[Procedure]:
    text = document.text
    articles = document.articles()
    drafts: dict[str, _Draft] = {}
    for article in articles:
        cases = _dossier_cases(text, article)
        if cases:
            drafts[article.label] = _Draft(article, cases=cases)
    dossier_labels = set(drafts)
    for article in articles:
        own = drafts.get(article.label)
        article_refs = [] if own else _dossier_refs(text[article.start:article.end], dossier_labels, article.label)
        for unit, ancestors in _units_with_ancestors(article):
            body = _own_text(text, unit)
            # The article heading is too broad a context ("Hồ sơ và thời hạn cấp lại …" holds waiting periods).
            context = " ".join(collapse(intro(text, a)) for a in ancestors if a is not article)
            durations = _processing_times(body, context)
            steps = _steps(text, unit) if _STEP_CUE.search(intro(text, unit)) and not _deeper_steps(text, unit) else []
            modes = [mode for mode, pattern in _MODES if pattern.search(body)]
            if not (durations or steps or modes):
                continue
            unit_refs = _dossier_refs(body, dossier_labels, article.label)
            targets = [drafts[label] for label in unit_refs or article_refs] or ([own] if own else [])
            if not targets:
                if not (steps or any(_RECEIPT.search(context + " " + body) for _ in durations)):
                    continue
                own = drafts[article.label] = _Draft(article)
                targets = [own]
            for draft in targets:
                draft.durations.extend(d for d in durations if d not in draft.durations)
                draft.steps.extend(steps)
                draft.modes.extend(m for m in modes if m not in draft.modes)
    return [_procedure(document, draft) for draft in _join_split(document, drafts).values()]


def _join_split(document: LegalDocument, drafts: dict[str, _Draft]) -> dict[str, _Draft]:
    """One procedure whose dossier and steps sit in different articles ("Điều 4. Hồ sơ …", "Điều 5. Trình tự và
    thời hạn giải quyết") that do not name each other: a draft with steps and no dossier joins the draft with a
    dossier and no steps under the same chapter, when that chapter has exactly one of each (otherwise which
    dossier the steps serve is a guess, and each stays its own procedure)."""
    parent = {id(node): ancestors[-1] if ancestors else None for ancestors, node in document.iter_nodes()}
    groups: dict[int, list[_Draft]] = {}
    for draft in drafts.values():
        groups.setdefault(id(parent.get(id(draft.article))), []).append(draft)
    for group in groups.values():
        dossiers = [d for d in group if d.cases and not d.steps]
        procedures = [d for d in group if d.steps and not d.cases]
        if len(dossiers) != 1 or len(procedures) != 1:
            continue
        dossier, steps = dossiers[0], procedures[0]
        dossier.steps, dossier.joined = steps.steps, [steps.article]
        durations = dossier.durations + [d for d in steps.durations if d not in dossier.durations]
        dossier.durations = _declared_first(document.text, steps.article, durations)
        dossier.modes.extend(m for m in steps.modes if m not in dossier.modes)
        dossier.notes.extend(steps.notes)
        drafts = {label: d for label, d in drafts.items() if d is not steps}
    return drafts


def _declared_first(text: str, article: StructureNode, durations: list[Duration]) -> list[Duration]:
    """The duration of a unit headed "Thời hạn giải quyết" first: the others are deadlines of single steps."""
    declared = [unit for unit in _units(article) if re.match(r"\s*\d+\.\s*Thời\s+hạn\s+giải\s+quyết", intro(text, unit))]
    stated = [d for unit in declared for span in find_durations(_own_text(text, unit)) for d in durations
              if d.text == span.duration.text]
    return stated[:1] + [d for d in durations if d not in stated[:1]]


def _deeper_steps(text: str, unit: StructureNode) -> bool:
    """Steps are read from the innermost unit that announces them, not again from its parent."""
    return any(_STEP_CUE.search(intro(text, child)) for child in unit.children)


def _dossier_refs(body: str, dossier_labels: set[str], own_label: str) -> list[str]:
    return [label for label in _referenced_articles(body) if label in dossier_labels and label != own_label]


def _units_with_ancestors(node: StructureNode, ancestors: tuple[StructureNode, ...] = ()) -> list[tuple[StructureNode, tuple[StructureNode, ...]]]:
    result = [(node, ancestors)]
    for child in node.children:
        result.extend(_units_with_ancestors(child, ancestors + (node,)))
    return result


def _units(node: StructureNode) -> list[StructureNode]:
    return [node] + [unit for child in node.children for unit in _units(child)]


def intro(text: str, node: StructureNode) -> str:
    """A unit's own text before its first child (its heading and lead-in)."""
    end = node.children[0].start if node.children else node.end
    return text[node.start:end]


def _own_text(text: str, node: StructureNode) -> str:
    """The unit's text without its children when it has any (they are visited on their own)."""
    return intro(text, node) if node.children else text[node.start:node.end]


def _dossier_cases(text: str, article: StructureNode) -> list[Case]:
    """One case per unit that introduces a dossier list ("Hồ sơ đề nghị … gồm:")."""
    cases = []
    for unit in _units(article):
        lead_in = collapse(intro(text, unit))
        if not unit.children or not DOSSIER_CUE.search(lead_in):
            continue
        documents = [_document(collapse(text[child.start:child.end])) for child in unit.children]
        unit_name = "Khoản" if unit.kind == "khoan" else "Điểm"
        name = None if unit is article else f"{unit_name} {unit.label}: {_first_sentence(lead_in)}"
        cases.append(Case(name=name, documents=[d for d in documents if d.name]))
    if not cases and article.children and article.heading and DOSSIER_HEADING.match(article.heading):
        documents = [_document(collapse(text[child.start:child.end])) for child in article.children]
        cases.append(Case(name=None, documents=[d for d in documents if d.name]))
    return cases


def _document(item: str) -> DocumentRequirement:
    body = re.sub(r"^(?:[a-zđ]\)|\d+\.)\s*", "", item)
    name = clean_document_name(re.split(r";\s|\.\s|:\s*$", body, maxsplit=1)[0].strip(" ;."))
    form = re.search(r"\((Mẫu\s+số\s+[\w./-]+)[^)]*\)", body)
    return DocumentRequirement(name=name, copy_kind=detect_copy_kind(name), form=form.group(1) if form else None)


def _first_sentence(text: str, limit: int = 160) -> str:
    body = re.sub(r"^(?:\d+\.|[a-zđ]\))\s*", "", text).strip()
    sentence = re.split(r"(?<=[.:;])\s", body, maxsplit=1)[0].rstrip(":;. ")
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def _referenced_articles(body: str) -> list[str]:
    labels: list[str] = []
    for match in _ARTICLE_LIST.finditer(body):
        labels.append(match.group(1))
        labels.extend(re.findall(r"\d+", match.group(2) or ""))
        if match.group(3):
            labels.append(match.group(3))
    return list(dict.fromkeys(labels))


def _processing_times(body: str, context: str) -> list[Duration]:
    """Durations said of handling a dossier ("kể từ ngày nhận đủ hồ sơ", "thời hạn cấp …")."""
    times = []
    for span in find_durations(body):
        sentence = _sentence_around(body, span.start, span.end)
        waiting = re.search(r"\bsau\s*$", body[:span.start])  # "sau 12 tháng …": a waiting period
        if span.duration.ambiguous or waiting or _REFUSAL.search(sentence):
            continue
        if _TIME_CONTEXT.search(context + " " + sentence):
            times.append(span.duration)
    return times


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end), text.find("\n", end)) if i >= 0]
    return text[left + 1: min(right_candidates) if right_candidates else len(text)]


def _steps(text: str, unit: StructureNode) -> list[Step]:
    if unit.children:
        return [Step(index=i + 1, text=collapse(text[c.start:c.end])) for i, c in enumerate(unit.children)]
    return split_steps(collapse(text[unit.start:unit.end]))


def _procedure(document: LegalDocument, draft: _Draft) -> Procedure:
    article = draft.article
    label = f"Điều {article.label}"
    procedure = Procedure(
        code=f"{document.number or 'van-ban'}#{label}",
        name=article.heading or label,
        decision=document.number,
        cases=draft.cases,
        steps=[step.model_copy(update={"index": i + 1}) for i, step in enumerate(draft.steps)],
        legal_basis=[_own_reference(document, label)],
        source=SourceRef(format="legal_text", path=document.source or "<text>",
                         record=", ".join([label] + [f"Điều {a.label}" for a in draft.joined])),
    )
    duration = draft.durations[0] if draft.durations else None
    if draft.modes:
        procedure.channels = [Channel(mode=mode, duration=duration) for mode in draft.modes]  # type: ignore[arg-type]
    elif duration is not None:
        procedure.steps.append(Step(index=len(procedure.steps) + 1, text=duration.text, title="Thời hạn giải quyết",
                                    duration=duration))
        procedure.warn("channels_not_stated", "channels",
                       "the text gives a processing time but no submission channel; the time is kept on a step",
                       duration.text)
    if len(draft.durations) > 1:
        procedure.warn("several_times", "channels", "the provisions give several processing times; the first is used",
                       "; ".join(d.text for d in draft.durations))
    if not draft.cases:
        procedure.warn("no_dossier", "cases", "no dossier list found in the provision")
    return procedure


def _own_reference(document: LegalDocument, article: str | None) -> LegalRef:
    return LegalRef(number=document.number, kind=document.type, issuer=document.issuer, date=document.date,
                    title=article or document.title)


# ----------------------------------------------------------------------------- procedures from annex tables


def _from_tables(document: LegalDocument) -> list[Procedure]:
    text = document.text
    procedures: list[Procedure] = []
    for table, heading in _tables(document):
        columns = _columns(text, table)
        if columns is None:
            continue
        if heading and _REPEALED_TABLE.search(heading):
            continue
        field_name = level = None
        for row_index, row in enumerate(table):
            cells = _cells(text[row[0]:row[1]])
            code = _cell(cells, columns, "code")
            name = _cell(cells, columns, "name")
            if code and _CODE_CELL.match(code) and name:
                procedure = _row_procedure(document, cells, columns, field_name, row_index)
                procedure.level = level
                procedures.append(procedure)
            elif len([c for c in cells if c]) <= 2 and cells and re.match(r"^[IVXLC]+$", cells[0]):
                field_name, level = _field_name(cells[1] if len(cells) > 1 else ""), None
            elif len([c for c in cells if c]) <= 2 and cells and re.match(r"^[IVXLC]+\.\d+$", cells[0]):
                level = _level_name(cells[1] if len(cells) > 1 else "")
    return procedures


def _tables(document: LegalDocument) -> list[tuple[list[tuple[int, int]], str | None]]:
    """Blocks of consecutive table rows after the signature (annexes) or in the body, with the heading
    paragraph just before each."""
    text = document.text
    tables: list[tuple[list[tuple[int, int]], str | None]] = []
    current: list[tuple[int, int]] = []
    previous_line: str | None = None
    heading: str | None = None
    position = 0
    for line in text.split("\n"):
        span = (position, position + len(line))
        position += len(line) + 1
        if line.startswith("|"):
            if not current:
                heading = previous_line
            current.append(span)
            continue
        if current:
            tables.append((current, heading))
            current = []
        if line.strip():
            previous_line = line
    if current:
        tables.append((current, heading))
    return tables


def _cells(line: str) -> list[str]:
    return [collapse(c) for c in line.strip().strip("|").split("|")]


_COLUMN_NAMES = {
    "code": re.compile(r"^Mã(?:\s+số)?(?:\s+TTHC)?", re.IGNORECASE),
    "name": re.compile(r"^Tên\s+(?:TTHC|thủ\s+tục)", re.IGNORECASE),
    "time": re.compile(r"^Thời\s+(?:hạn|gian)", re.IGNORECASE),
    "level": re.compile(r"Mức\s+độ", re.IGNORECASE),
    "post": re.compile(r"BCCI|bưu\s+chính", re.IGNORECASE),
    "place": re.compile(r"^Địa\s+điểm|^Cơ\s+quan", re.IGNORECASE),
    "fee": re.compile(r"^Phí", re.IGNORECASE),
    "basis": re.compile(r"^Căn\s+cứ|^Tên\s+VBQPPL", re.IGNORECASE),
}


def _columns(text: str, table: list[tuple[int, int]]) -> dict[str, Any] | None:
    """Column index per field, from the header row (and a sub-header that splits "Cách thức thực hiện")."""
    rows = [_cells(text[s:e]) for s, e in table[:4]]
    for index, header in enumerate(rows):
        if not (any(_COLUMN_NAMES["code"].match(c) for c in header) and any(_COLUMN_NAMES["name"].match(c) for c in header)):
            continue
        names = list(header)
        below = rows[index + 1] if index + 1 < len(rows) else []
        split_at = next((i for i, c in enumerate(names) if re.match(r"Cách\s+thức", c, re.IGNORECASE)), None)
        if split_at is not None and any(_COLUMN_NAMES["level"].search(c) or _COLUMN_NAMES["post"].search(c) for c in below):
            names = names[:split_at] + [c for c in below if c] + names[split_at + 1:]
        columns: dict[str, Any] = {}
        for key, pattern in _COLUMN_NAMES.items():
            found = next((i for i, c in enumerate(names) if pattern.search(c)), None)
            if found is not None:
                columns[key] = found
        time_header = names[columns["time"]] if "time" in columns else ""
        unit = re.search(r"\((ngày\s+làm\s+việc|ngày)\)", time_header, re.IGNORECASE)
        columns["time_unit"] = unit.group(1).lower() if unit else None
        return columns
    return None


def _cell(cells: list[str], columns: dict[str, Any], key: str) -> str | None:
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) and cells[index] else None


def _field_name(cell: str) -> str | None:
    match = re.match(r"(?:LĨNH\s+VỰC|Lĩnh\s+vực)\s*:?\s*(.+?)(?:\s*\(\d+\s*TTHC\))?$", cell)
    return match.group(1).strip().capitalize() if match else None


def _level_name(cell: str) -> str | None:
    levels = re.findall(r"cấp\s+(tỉnh|huyện|xã|trung\s+ương)", cell, re.IGNORECASE)
    return ", ".join(f"Cấp {level.lower()}" for level in dict.fromkeys(levels)) or None


def _row_procedure(document: LegalDocument, cells: list[str], columns: dict[str, Any], field_name: str | None,
                   row_index: int) -> Procedure:
    code = _cell(cells, columns, "code") or ""
    name = _cell(cells, columns, "name") or code
    time_text = _cell(cells, columns, "time")
    procedure = Procedure(
        code=code, name=name, decision=document.number, field=field_name,
        source=SourceRef(format="legal_text", path=document.source or "<text>", record=f"bảng, dòng {row_index + 1}"),
    )
    duration = _table_duration(time_text, columns.get("time_unit"))
    fees = parse_fees(_cell(cells, columns, "fee")) if _cell(cells, columns, "fee") else []
    modes = ["truc_tiep"]
    level = _cell(cells, columns, "level")
    if level and level.isdigit() and int(level) >= 3:
        modes.append("truc_tuyen")
    post = _cell(cells, columns, "post")
    if post and re.match(r"^(?:Có|x)\b", post, re.IGNORECASE):
        modes.append("buu_chinh")
    if time_text or fees:
        procedure.channels = [Channel(mode=mode, duration=duration, fees=fees) for mode in modes]  # type: ignore[arg-type]
    place = _cell(cells, columns, "place")
    if place:
        procedure.agencies["dia_diem_thuc_hien"] = place
    basis = _cell(cells, columns, "basis")
    if basis:
        procedure.legal_basis = [
            LegalRef(number=c.number, kind=c.type, issuer=c.issuer, date=c.date, title=c.name)
            for c in find_citations(basis) if c.number
        ]
    procedure.legal_basis.append(_own_reference(document, None))
    if time_text and duration is None:
        procedure.warn("duration_unparsed", "channels", "the processing-time cell could not be read", time_text)
    return procedure


def _table_duration(cell: str | None, unit: str | None) -> Duration | None:
    if not cell:
        return None
    if unit and re.fullmatch(r"\d+(?:[.,]\d+)?", cell.strip()):
        return parse_duration(f"{cell.strip()} {unit}")
    duration = parse_duration(cell)
    return duration if duration and (duration.value is not None or duration.unspecified) else None
