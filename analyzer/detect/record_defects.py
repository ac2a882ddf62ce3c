"""Defects of the published record (issue 13 item 3): what the publishing agency should correct in the
record itself. They are not simplification cuts, so they are not findings: they go to their own output
(``record_defects.{jsonl,csv}`` next to ``findings.*``) and are sent back to the agency that published the
record.

Each defect names the procedure and its version, a stable ``code``, the field, the evidence, a Vietnamese
message and the agency to send it back to. The checks read one record at a time (no corpus statistics),
so a record's defects are a pure function of its content.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence, EvidenceField
from analyzer.detect import record_basis_defects as basis
from analyzer.detect import record_channel_defects as channel_rows
from analyzer.detect import record_dossier_defects as dossier
from analyzer.detect import record_header_defects as header
from analyzer.detect import record_text_defects as written
from analyzer.detect.record_defect import (CODES, DEFECT_COLUMNS, MAX_REFERENCE_CHARS, PROVISION_REFERENCE, RecordDefect,
                                           body_texts, defect_specs, ground_text, label, make_defect)
from analyzer.detect.long_processing_time import (calendar_day_count, channel_evidence, fmt_days, known_days, modes_label,
                                                   unit_typo, working_day_values)
from analyzer.model import Channel, Procedure
from analyzer.resources import Resources
from analyzer.resources.patterns import phrase_key, phrase_pattern
from analyzer.resources.vocabulary import default_vocabulary

__all__ = ["CODES", "DEFECT_COLUMNS", "RecordDefect", "defect_specs", "label", "record_defects"]

# two channels disagree when one is at least this many times the other and this many working days longer:
# a deliberate cut for online filing is smaller than that (NQ 66/NQ-CP asks 30 to 50 %)
DISAGREE_RATIO = 2.0
DISAGREE_DAYS = 5.0


def _mode(channel: Channel) -> str:
    return modes_label([channel])


def _several_rows_of_a_mode(procedure: Procedure) -> bool:
    """Rows of one mode with different times are cases or stages, not channels that disagree."""
    seen: dict[str, set[float]] = {}
    for channel in procedure.channels:
        days = known_days(channel.duration)
        if days is not None:
            seen.setdefault(channel.mode, set()).add(round(days, 2))
    return any(len(values) > 1 for values in seen.values())


def channels_disagree(procedure: Procedure) -> Iterator[RecordDefect]:
    rows = [(p, c, d) for p, c in enumerate(procedure.channels)
            if (d := known_days(c.duration)) is not None and not unit_typo(procedure, p)]
    if len({c.mode for _, c, _ in rows}) < 2 or _several_rows_of_a_mode(procedure):
        return
    shortest, longest = min(d for *_, d in rows), max(d for *_, d in rows)
    if longest >= DISAGREE_RATIO * shortest and longest - shortest >= DISAGREE_DAYS:
        phrases = default_vocabulary().mode_phrases
        times = "; ".join(f"{phrases.get(c.mode, c.mode)}: {c.duration.text}" for _, c, _ in rows)  # type: ignore[union-attr]
        yield make_defect(procedure, "channels_disagree", "channels", [channel_evidence(p, c) for p, c, _ in rows],
                      times=times, shortest_working_days=round(shortest, 2), longest_working_days=round(longest, 2))


def unit_typos(procedure: Procedure) -> Iterator[RecordDefect]:
    for position, channel in enumerate(procedure.channels):
        if unit_typo(procedure, position):
            duration = channel.duration
            yield make_defect(procedure, "unit_typo", "channels", [channel_evidence(position, channel)],
                          mode=_mode(channel), text=duration.text, value=fmt_days(duration.value))  # type: ignore[union-attr, arg-type]


def unit_mismatches(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel says "15 Ngày" (calendar days) where another channel, its description or a step says
    15 ngày làm việc: the same number with another unit, one of them is wrong."""
    other_channels = {c.duration.value for c in procedure.channels
                      if c.duration is not None and c.duration.unit == "working_day"}
    steps = set().union(*(working_day_values(s.text) for s in procedure.steps)) if procedure.steps else set()
    found: list[tuple[int, Channel, str]] = []  # one defect for every channel concerned
    for position, channel in enumerate(procedure.channels):
        days = calendar_day_count(channel)
        if days is None:
            continue
        places = [("các hình thức nộp khác", other_channels), ("phần mô tả", working_day_values(channel.description or "")),
                  ("các bước thực hiện", steps)]
        where = next((name for name, values in places if days in values), None)
        if where is not None:
            found.append((position, channel, where))
    if found:
        _, first, where = found[0]
        yield make_defect(procedure, "unit_mismatch", "channels", [channel_evidence(p, c) for p, c, _ in found],
                      mode=modes_label([c for _, c, _ in found]), text=first.duration.text,  # type: ignore[union-attr]
                      where=where, value=fmt_days(first.duration.value))  # type: ignore[union-attr, arg-type]


def times_without_unit(procedure: Procedure) -> Iterator[RecordDefect]:
    """One defect for the channels whose time is a bare number ("1", "105"), saying whether the steps give
    the time."""
    from analyzer.parse.duration import find_durations

    bare = [(p, c) for p, c in enumerate(procedure.channels)
            if c.duration is not None and c.duration.ambiguous and c.duration.unit is None and c.duration.value is not None]
    if not bare:
        return
    in_steps = any(known_days(span.duration) is not None for s in procedure.steps for span in find_durations(s.text))
    first = bare[0][1]
    yield make_defect(procedure, "time_without_unit", "channels", [channel_evidence(p, c) for p, c in bare],
                  mode=modes_label([c for _, c in bare]), text=first.duration.text,  # type: ignore[union-attr]
                  steps=" (các bước thực hiện có nêu thời hạn)" if in_steps else "")


NO_INFORMATION = ("không có thông tin", "không quy định", "đang cập nhật")
# source formats that carry no legal basis at all (the 2021 CSDL export has no such field): an empty legal basis
# there is the export's, not the published record's
WITHOUT_LEGAL_BASIS = {"csdl_2021"}


def no_legal_basis(procedure: Procedure) -> Iterator[RecordDefect]:
    if procedure.source is not None and procedure.source.format in WITHOUT_LEGAL_BASIS:
        return
    refs = procedure.legal_basis
    empty = all(not ref.number and (not ref.title or ref.title.strip().lower().rstrip(".") in NO_INFORMATION) for ref in refs)
    if empty:
        text = next((ref.title for ref in refs if ref.title), "") or "không có căn cứ pháp lý"
        yield make_defect(procedure, "no_legal_basis", "legal_basis", [Evidence(field="legal_basis", text=text)])


def repealed_basis(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """A legal-basis row citing a text that is no longer in force (legal_status.yaml ``repealed``)."""
    repealed = resources.legal_status().get("repealed") or {}
    for position, ref in enumerate(procedure.legal_basis):
        entry = repealed.get((ref.number or "").strip())
        if entry:
            text = " ".join(filter(None, [ref.kind, ref.number])) or ref.title or ""
            yield make_defect(procedure, "repealed_basis", "legal_basis", [Evidence(field="legal_basis", index=position, text=text)],
                          text=text, name=entry["name"], replaced_by=entry["replaced_by"], since=entry["since"])


_NUMBER = re.compile(r"(?<![\w/])\d{1,4}/\d{4}/[A-ZĐa-zđ0-9]+(?:-[A-ZĐa-zđ0-9]+)*")
# "Thông tư 86/2024/TT-BTC thay thế Thông tư 105/2020/TT-BTC": a text that names the repealed one as such
# and a paper issued under it before it lapsed ("cấp trước ngày có hiệu lực của Luật Đầu tư số 67/2014/QH13")
_NAMED_AS_REPEALED = re.compile(r"(?:thay thế|bãi bỏ|hết hiệu lực|có hiệu lực|cấp theo|được cấp)[^.;]{0,40}$", re.IGNORECASE)


def repealed_cited(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """A form, fee, result or step still citing a text no longer in force ("Mẫu số PC12 ban hành kèm theo Nghị định số
    50/2024/NĐ-CP"): one defect per repealed text, its first places quoted."""
    repealed = {number.upper(): entry for number, entry in (resources.legal_status().get("repealed") or {}).items()}
    places: dict[str, list[tuple[EvidenceField, int | None, int | None, str]]] = {}
    texts = [*body_texts(procedure), *(("channels", None, p, " ".join(f.text for f in c.fees)) for p, c in enumerate(procedure.channels))]
    for field, case, index, text in texts:
        for match in _NUMBER.finditer(text):
            number = match.group(0).upper().replace("ND-CP", "NĐ-CP")
            if number in repealed and not _NAMED_AS_REPEALED.search(text[:match.start()]):
                found = places.setdefault(number, [])
                if not found or found[-1][:3] != (field, case, index):
                    found.append((field, case, index, written.quote(text, match)))
    for number, found in places.items():
        entry = repealed[number]
        yield make_defect(procedure, "repealed_cited", found[0][0],
                          [Evidence(field=f, case=c, index=i, text=t) for f, c, i, t in found[:MENTIONS_QUOTED]],
                          text=found[0][3], number=number, name=entry["name"], replaced_by=entry["replaced_by"], since=entry["since"])


def _abolished_patterns(resources: Resources, section: str = "abolished_papers") -> list[tuple[dict[str, Any], re.Pattern[str]]]:
    cache_key = f"record_defects.{section}"
    if cache_key not in resources.cache:
        entries = (resources.legal_status().get(section) or {}).values()
        resources.cache[cache_key] = [(entry, phrase_pattern(entry["phrases"])) for entry in entries]
    return resources.cache[cache_key]




def _mentions(procedure: Procedure) -> Iterator[tuple[EvidenceField, int | None, int | None, str]]:
    """(field, case, index, text) of the record's texts that name bodies: the header (name, executing agency,
    level) under "name", then its body (steps, papers, conditions and results), then each channel's description
    and fees."""
    for text in (procedure.name, procedure.agency, procedure.level):
        if text:
            yield "name", None, None, text
    yield from body_texts(procedure)
    for position, channel in enumerate(procedure.channels):
        text = " ".join(filter(None, [channel.description, *(fee.text for fee in channel.fees)]))
        if text:
            yield "channels", None, position, text


MENTIONS_QUOTED = 3  # places quoted for one abolished body


QUOTE_AROUND = 40  # characters quoted on each side of a mention inside a long text
# a body named as the issuer of a text ("Thông tư 05/2019/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội")
# is history, rightly cited: only a mention outside such a citation is a defect. The body must follow the text as its
# issuer ("… của Bộ trưởng Bộ …", "cùa Bộ …", "do Ủy ban nhân dân …", "của Bộ Tài chính - Bộ …"): a body a step sends
# the papers to after citing a text ("… tại Nghị định số 116/2021/NĐ-CP đến Ủy ban nhân dân cấp huyện") is a mention.
# A notion named after a citation is the text's subject ("Nghị định 104/2022/NĐ-CP … sửa đổi các quy định liên quan
# đến việc nộp, xuất trình sổ hộ khẩu"): any mention in the sentence of a citation is left out.
CITATION_WINDOW = 100
_CITED_TEXT = r"(?:\d+/\d{4}/[a-zđ-]+|thông tư|nghị định|quyết định|nghị quyết)[^.;]*"
_CITATION_BEFORE = {"abolished_bodies": re.compile(_CITED_TEXT + r"(?:của|cùa|do|giữa|và|ban hành|-)\s+(?:\S+\s+){0,5}$"),
                    "abolished_terms": re.compile(_CITED_TEXT + "$")}


def _around(text: str, pattern: re.Pattern[str]) -> str:
    """The words around the first mention: a step of 500 characters is quoted where it names the body."""
    flat = " ".join(text.split())
    found = pattern.search(flat.lower())  # the text's own key, where matching keys it no further (most texts)
    if found is None or len(flat) <= 2 * QUOTE_AROUND + len(found.group(0)):
        return shorten(flat)
    start, end = max(0, found.start() - QUOTE_AROUND), min(len(flat), found.end() + QUOTE_AROUND)
    start = flat.rfind(" ", 0, start) + 1 if start else 0  # whole words only
    end = flat.find(" ", end) if flat.find(" ", end) >= 0 else len(flat)
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def _named_places(procedure: Procedure, resources: Resources, section: str, fields: set[str] | None = None,
                  ) -> Iterator[tuple[dict[str, Any], re.Pattern[str], list[tuple[EvidenceField, int | None, int | None, str]]]]:
    """Per entry of a legal_status.yaml section, the record's places naming it outside a citation of a text."""
    mentions = [(field, case, index, text, phrase_key(text)) for field, case, index, text in _mentions(procedure)
                if fields is None or field in fields]
    for entry, pattern in _abolished_patterns(resources, section):
        # an entry's `not_after`: words before a mention that make it no use of the notion ("số chứng minh nhân dân")
        skip = [_CITATION_BEFORE[section], *(re.compile(rf"\b{w}\s*$") for w in entry.get("not_after") or ())]
        places = [(field, case, index, text) for field, case, index, text, key in mentions
                  if any(not any(s.search(key[max(0, m.start() - CITATION_WINDOW):m.start()]) for s in skip)
                         for m in pattern.finditer(key))]
        if places:
            yield entry, pattern, places


def abolished_bodies(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """One defect per abolished body or level (legal_status.yaml ``abolished_bodies``) the record still names,
    quoted at its first mention, with its first few places as evidence."""
    for entry, pattern, places in _named_places(procedure, resources, "abolished_bodies"):
        field, _, _, text = places[0]
        yield make_defect(procedure, "abolished_body", field,
                          [Evidence(field=f, case=c, index=i, text=t) for f, c, i, t in places[:MENTIONS_QUOTED]],
                          text=_around(text, pattern), label=entry["label"], since=entry["since"],
                          body_ground=ground_text(entry["legal_ground"]), replaced_by=entry["replaced_by"])


def abolished_terms(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """One defect per abolished notion (legal_status.yaml ``abolished_terms``: "hộ khẩu") the name, steps,
    conditions, results or channels still use; a dossier item asking for the paper is abolished_paper's."""
    for entry, pattern, places in _named_places(procedure, resources, "abolished_terms", TERM_FIELDS):
        field, _, _, text = places[0]
        yield make_defect(procedure, "abolished_term", field,
                          [Evidence(field=f, case=c, index=i, text=t) for f, c, i, t in places[:MENTIONS_QUOTED]],
                          text=_around(text, pattern), label=entry["label"], since=entry["since"],
                          term_ground=ground_text(entry["legal_ground"]), replaced_by=entry["replaced_by"])


TERM_FIELDS = {"name", "steps", "conditions", "results", "channels"}


def abolished_papers(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """One defect per abolished paper a procedure still asks for (its first dossier item naming it)."""
    head = int(resources.legal_status().get("head_chars") or 60)
    for entry, pattern in _abolished_patterns(resources):
        for case_index, doc_index, document in procedure.documents:
            name = phrase_key(document.name)
            if pattern.search(name[:head]) and not any(phrase_key(u) in name for u in entry.get("unless") or ()):
                yield make_defect(procedure, "abolished_paper", "documents",
                              [Evidence(field="documents", case=case_index, index=doc_index, text=document.name)],
                              text=shorten(document.name), label=entry["label"], since=entry["since"],
                              paper_ground=ground_text(entry["legal_ground"]))
                break


# The amount is left to another text: "Phí : Đồng (Theo quy định của Bộ Tài chính)", "Miễn phí(do Ủy ban nhân dân
# cấp tỉnh quy định.)", "Lệ phí : Đồng (Chưa quy định.)". "Miễn phí", "Không", "Không quy định" state that nothing
# is charged.
_FEE_ELSEWHERE = re.compile(r"(?<!không )(?:theo|do)\b[^.;]{0,80}?(?:quy định|quyết định)|chưa quy định|đang cập nhật",
                            re.IGNORECASE)


# "Lệ phí :  Đồng", "Phí :  Đồng (Thực hiện theo Thông tư số 244/2016/TT-BTC)": the amount cell is empty
_BLANK_AMOUNT = re.compile(r"^\W*(?:phí|lệ phí|mức giá|giá|mức thu)\s*:\s*(?:đồng|vnđ|việt nam đồng)(?!\w)", re.IGNORECASE)


def fees_unstated(procedure: Procedure) -> Iterator[RecordDefect]:
    """One defect for the channels whose every fee leaves its amount to another text."""
    vague = [(p, c, f.text) for p, c in enumerate(procedure.channels) for f in c.fees
             if (not re.search(r"\d", f.text) and _FEE_ELSEWHERE.search(f.text)) or _BLANK_AMOUNT.match(f.text)]
    if not vague:
        return
    channels = list(dict.fromkeys(p for p, _, _ in vague))
    yield make_defect(procedure, "fee_unstated", "channels",
                  [Evidence(field="channels", index=p, text=text) for p, _, text in vague[:1]] +
                  [Evidence(field="channels", index=p) for p in channels[1:]],
                  mode=modes_label([procedure.channels[p] for p in channels]), text=vague[0][2])


# "Các giấy tờ khác theo quy định", "Tài liệu khác có liên quan (nếu có)": a dossier item that names no paper
# (after a list mark: "2.", "đ)", "+", "-"; several kinds in one: "Các văn bản, tài liệu khác có liên quan")
_OPEN_COMPONENT = re.compile(r"^\W*(?:[a-zđ]\)\s*|\d+(?:\.\d+)*\W*)?(?:các |những |và )?(?:giấy tờ|tài liệu|hồ sơ|văn bản)"
                             r"(?:,\s*(?:giấy tờ|tài liệu|hồ sơ|văn bản))*(?: liên quan| có liên quan)? khác(?!\w)", re.IGNORECASE)
OPEN_ROWS_QUOTED = 10  # every open row is evidence (the agency names the papers of each); the message quotes the first


# "Tài liệu quy định tại điểm b khoản 4 Điều 19 Nghị định số 96/2016/NĐ-CP", "Thực hiện theo quy định của Ngân hàng Nhà
# nước": a dossier item that only points to a provision, naming no paper
_COMPONENT_BY_REFERENCE = re.compile(
    rf"^\W*(?:\d+\W+)?(?:các\s+)?(?:giấy tờ|tài liệu|hồ sơ|văn bản|thành phần hồ sơ)(?:,\s*tài liệu)?\s+(?:theo\s+)?"
    rf"{PROVISION_REFERENCE}|^\W*thực hiện theo quy định", re.IGNORECASE)


def open_components(procedure: Procedure) -> Iterator[RecordDefect]:
    """One defect for the dossier rows that name no paper, every one of them as evidence."""
    rows = [(case_index, doc_index, document.name) for case_index, doc_index, document in procedure.documents
            if _OPEN_COMPONENT.match(name := document.name.strip())
            or (len(name) < MAX_REFERENCE_CHARS and _COMPONENT_BY_REFERENCE.match(name))]
    if rows:
        yield make_defect(procedure, "open_component", "documents",
                          [Evidence(field="documents", case=c, index=i, text=n) for c, i, n in rows[:OPEN_ROWS_QUOTED]],
                          text=shorten(rows[0][2]))


CHECKS = (channels_disagree, unit_typos, unit_mismatches, times_without_unit, no_legal_basis, fees_unstated, open_components,
          *written.CHECKS, *basis.CHECKS, *channel_rows.CHECKS, *dossier.CHECKS)
DATA_CHECKS = (repealed_basis, repealed_cited, abolished_papers, abolished_bodies, abolished_terms, *written.DATA_CHECKS, *basis.DATA_CHECKS, *dossier.DATA_CHECKS, *header.DATA_CHECKS)  # read the data files


def record_defects(procedures: Iterable[Procedure] | Procedure, resources: Resources | None = None) -> list[RecordDefect]:
    """Every defect of the published records, in record order then check order."""
    items = [procedures] if isinstance(procedures, Procedure) else procedures
    data = resources or Resources.default()
    return [defect for procedure in items
            for defect in [*(d for check in CHECKS for d in check(procedure)),
                           *(d for check in DATA_CHECKS for d in check(procedure, data))]]
