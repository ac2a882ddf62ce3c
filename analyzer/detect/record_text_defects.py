"""Defects in how a record is written (record_defects.*, issue 13 item 3): text pasted from a legal text, notes
published as dossier rows, conditions a step applies but the record does not publish, channels whose fee or time
disagree, legal-basis rows that are wrong in themselves, a name that is not a name, steps out of order. Each check
reads one record and yields at most one defect per field, with every place concerned in its evidence; the wording of
each defect is in record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect._applicants import public_body_applicant
from analyzer.detect._documents import is_note, is_rule_row
from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence, EvidenceField
from analyzer.detect.long_processing_time import channel_evidence, known_days, modes_label, working_day_values
from analyzer.detect.record_defect import MAX_REFERENCE_CHARS, PROVISION_REFERENCE, RecordDefect, body_texts, make_defect
from analyzer.model import Procedure
from analyzer.resources import Resources
from analyzer.resources.patterns import phrase_key
from analyzer.resources.vocabulary import default_vocabulary

QUOTED = 3  # places quoted in one defect's evidence

# A legal text speaks of itself ("khoản 1 Điều này", "Thông tư này", "Phần này"): a record that says so was
# pasted from the text and refers to provisions the reader of the record does not have.
_SELF_REFERENCE = re.compile(
    r"(?<!\w)(?:(?:khoản|điểm|điều|mục|chương|phần|phụ lục)(?:\s+[0-9a-zđ]{1,4}(?:\.\d+)?)?"
    r"|luật|bộ luật|nghị định|thông tư|thông tư liên tịch|quyết định|nghị quyết|pháp lệnh|quy chế|bộ quy chế)"
    r"\s+này(?!\w)",
    re.IGNORECASE,
)


def quote(text: str, match: re.Match[str], around: int = 60) -> str:
    start, end = max(0, match.start() - around), min(len(text), match.end() + around // 3)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


_CONDITIONS_BY_REFERENCE = re.compile(
    r"^\W*(?:thực hiện\s+|đáp ứng\s+|đảm bảo\s+|bảo đảm\s+)?(?:các\s+)?(?:điều kiện\s+)?(?:theo|như|được)?\s*"
    + PROVISION_REFERENCE, re.IGNORECASE)


def conditions_by_reference(procedure: Procedure) -> Iterator[RecordDefect]:
    """The conditions field only points to a provision ("Thực hiện theo quy định tại Khoản 1, Điều 3, Nghị định số
    10/2015/NĐ-CP"): the conditions themselves are not published."""
    text = " ".join((procedure.conditions or "").split())
    if text and len(text) < MAX_REFERENCE_CHARS and _CONDITIONS_BY_REFERENCE.match(text):
        yield make_defect(procedure, "conditions_by_reference", "conditions", [Evidence(field="conditions", text=text)],
                          text=shorten(text, 100))


# the conditions field publishes none ("Không có thông tin" is read as empty; "Không", "Không quy định")
_NO_CONDITIONS = re.compile(r"^\W*(?:không(?: có)?(?: thông tin)?|không quy định|không yêu cầu|chưa có thông tin)?\W*$", re.IGNORECASE)
# a step that decides on conditions set by a provision ("nếu chủ rừng đáp ứng được điều kiện cấp … theo quy định tại
# khoản 2 Điều 13 Thông tư số 84/2025/TT-BNNMT", "hồ sơ đáp ứng đủ các điều kiện theo quy định tại Điều 15 Nghị định
# 91/2018/NĐ-CP"); not a certificate named after them ("Giấy chứng nhận cơ sở đủ điều kiện: …") nor the next clause's
# reference ("Trường hợp hồ sơ đáp ứng điều kiện, thực hiện theo quy định tại khoản 5 Điều 18 …"): no colon or comma between,
# but the comma of a list of acts ("điều kiện cấp, cấp lại mã số")
_STEP_CONDITIONS = re.compile(
    r"(?<!chứng nhận )(?<!xác nhận )(?<!cơ sở )(?:đáp ứng|đủ|đạt)\s+(?:được\s+|đầy đủ\s+|đủ\s+)?(?:các\s+)?(?:yêu cầu,\s*)?"
    r"điều kiện(?:[^.;:,]|,(?=\s*(?:cấp|gia hạn|điều chỉnh|sửa đổi|bổ sung)(?!\w))){0,80}?"
    r"(?:quy định|qui định)\s+tại\s+(?:điểm|khoản|điều)(?!\w)", re.IGNORECASE)


def conditions_unpublished(procedure: Procedure) -> Iterator[RecordDefect]:
    """The conditions field publishes none while a step decides on conditions set by a provision: the applicant is
    judged against conditions the record does not state. Evidence: the conditions field and the first such step."""
    if not _NO_CONDITIONS.match(procedure.conditions or ""):
        return
    for position, step in enumerate(procedure.steps):
        if (match := _STEP_CONDITIONS.search(step.text)) is not None:
            shown = " ".join((procedure.conditions or "").split()) or "Không có thông tin"
            said = quote(step.text, match)
            yield make_defect(procedure, "conditions_unpublished", "conditions",
                              [Evidence(field="conditions", text=shown), Evidence(field="steps", index=position, text=said)],
                              text=shown, step=position + 1, step_text=said)
            return


def pasted_provisions(procedure: Procedure) -> Iterator[RecordDefect]:
    """Per field, the items that refer to "this" article, clause or text: copied from the legal text as it is."""
    places: dict[EvidenceField, list[tuple[int | None, int | None, str]]] = {}
    for field, case, index, text in body_texts(procedure):
        match = _SELF_REFERENCE.search(text)
        if match:
            places.setdefault(field, []).append((case, index, quote(text, match)))
    for field, found in places.items():
        yield make_defect(procedure, "pasted_provision", field,
                          [Evidence(field=field, case=c, index=i, text=t) for c, i, t in found[:QUOTED]],
                          text=found[0][2], count=len(found))


NOTE_ROWS_QUOTED = 10  # note rows given as evidence: the agency moves each one (the message quotes the first)
DROPPED_ROW_CHARS = 300  # a row the reader left out has no index: its text, quoted whole up to this, is its only pointer


def notes_as_papers(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """Notes published as rows of the dossier list: the ones the reader left out (its warnings), the ones kept as
    papers that only tell the official what to do, and rules on the papers (their language, the kind of copy). Every row concerned is evidence (up to NOTE_ROWS_QUOTED)."""
    dropped = [w.text or "" for w in procedure.warnings if w.code == "dossier_note_row"]
    kept = [(c, i, d.name) for c, i, d in procedure.documents if is_note(d.name, resources.cues) or is_rule_row(d.name)]
    evidence = [Evidence(field="documents", case=c, index=i, text=shorten(n)) for c, i, n in kept]
    evidence += [Evidence(field="documents", text=shorten(t, DROPPED_ROW_CHARS)) for t in dropped]
    if evidence:
        yield make_defect(procedure, "note_as_paper", "documents", evidence[:NOTE_ROWS_QUOTED],
                          text=shorten(evidence[0].text), count=len(evidence))


# "Bản sao …", "01 Bản sao chứng thực …": a row whose name says the paper asked is a copy (and offers no original)
_COPY_ROW = re.compile(r"^\W*(?:\d+\s*(?:\(\w+\)\s*)?)?bản sao(?!\w)", re.IGNORECASE)
_NAMES_ORIGINAL = re.compile(r"bản chính|bản gốc", re.IGNORECASE)
PASTED_QUANTITY_ROWS = 3  # rows of one case that all carry one quantity before it reads as pasted


def quantities_pasted(procedure: Procedure) -> Iterator[RecordDefect]:
    """One quantity pasted on every row of a case ("1 bản chính, 1 bản sao" on each of 7 rows, "Bản chính: 1,
    Bản sao: 0" on each of 4), rows named "Bản sao …" included: the quantity asks an original of a copy."""
    cases: dict[int | None, list[tuple[int, int | None, int | None, str]]] = {}
    for case, index, document in procedure.documents:
        cases.setdefault(case, []).append((index, document.originals, document.copies, document.name))
    for case, rows in cases.items():
        quantities = {(originals, copies) for _, originals, copies, _ in rows}
        if len(rows) < PASTED_QUANTITY_ROWS or len(quantities) != 1:
            continue
        originals, copies = quantities.pop()
        if not originals:
            continue
        copy_rows = [(i, n) for i, _, _, n in rows if _COPY_ROW.match(n) and not _NAMES_ORIGINAL.search(n)]
        if copy_rows:
            index, name = copy_rows[0]
            yield make_defect(procedure, "quantity_pasted", "documents",
                              [Evidence(field="documents", case=case, index=index, text=shorten(name))],
                              text=shorten(name), originals=originals, copies=copies or 0, count=len(rows))
            return


_NO_INFORMATION = re.compile(r"^\W*(?:không có thông tin|đang cập nhật|chưa có thông tin)\W*$", re.IGNORECASE)
_FREE = re.compile(r"(?<!\w)(?:miễn phí|không thu|miễn lệ phí|không (?:mất|phải nộp) (?:phí|lệ phí))(?!\w)", re.IGNORECASE)
# a time cell that holds an amount: the time and the fee ran together in the source, the fee is not "missing"
_MISREAD_TIME = re.compile(r"(?:vnđ|vnd|đồng)(?!\w)", re.IGNORECASE)
MIN_PLAUSIBLE_FEE = 1000  # VND: no fee or charge is set below one thousand đồng


def _fee_state(texts: list[str]) -> str | None:
    """"none" (no information), "free", "amount" or None (something else)."""
    joined = " ".join(t for t in texts if t.strip())
    if not joined or _NO_INFORMATION.match(joined):
        return "none"
    if _FREE.search(joined):
        return "free"
    if re.search(r"\d", joined):
        return "amount"
    return None


def fees_disagree(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel publishes no fee information where another channel states one (free or an amount), or a fee
    below any real amount ("1 Việt Nam Đồng", "100 VNĐ")."""
    states = [None if _MISREAD_TIME.search(c.duration.text if c.duration else "") else _fee_state([f.text for f in c.fees])
              for c in procedure.channels]
    stated = {s for s in states if s in ("free", "amount")}
    missing = [p for p, s in enumerate(states) if s == "none"]
    tiny = [(p, f.text) for p, c in enumerate(procedure.channels) for f in c.fees
            if f.amount is not None and 0 < f.amount < MIN_PLAUSIBLE_FEE and (f.currency or "VND") == "VND"]
    if stated and missing:
        yield make_defect(procedure, "fee_missing_on_channel", "channels",
                          [Evidence(field="channels", index=p, text="Không có thông tin") for p in missing],
                          mode=modes_label([procedure.channels[p] for p in missing]))
    elif tiny:
        position, text = tiny[0]
        tiny_amount = next(f.amount for f in procedure.channels[position].fees if f.text == text)
        yield make_defect(procedure, "fee_implausible", "channels", [Evidence(field="channels", index=position, text=text)],
                          mode=modes_label([procedure.channels[position]]), text=shorten(text, 80),
                          amount=f"{tiny_amount:g}")


# a fee cell that opens by saying nothing is charged ("Miễn phí(- Công nhận vườn giống: 2.400.000 đồng/vườn giống …)")
_SAYS_FREE = re.compile(r"^\W*(?:miễn phí|không thu)(?!\w)", re.IGNORECASE)


def fees_free_but_priced(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel's fee opens with "Miễn phí" and then states an amount: the cell says both that nothing and that
    something is charged. One defect, every channel concerned as evidence."""
    priced = [(p, f) for p, c in enumerate(procedure.channels) for f in c.fees
              if _SAYS_FREE.match(f.text) and f.amount is not None and f.amount >= MIN_PLAUSIBLE_FEE]
    if priced:
        channels = list(dict.fromkeys(p for p, _ in priced))
        first = priced[0][1]
        yield make_defect(procedure, "fee_free_but_priced", "channels",
                          [Evidence(field="channels", index=p, text=shorten(next(f.text for q, f in priced if q == p), 160))
                           for p in channels],
                          mode=modes_label([procedure.channels[p] for p in channels]), text=shorten(first.text, 100))


# a fee or charge the applicant pays in a step ("nộp phí, lệ phí", "nộp thuế, phí, lệ phí"); taxes alone ("người nộp
# thuế", "nộp thuế") are not the procedure's fee
_CHARGED = re.compile(r"(?<!\w)(?:nộp|đóng|thu)\s+(?:các khoản\s+)?(?:thuế,\s*)?(?:phí|lệ phí)(?!\w)", re.IGNORECASE)


def fees_unstated_but_charged(procedure: Procedure) -> Iterator[RecordDefect]:
    """No channel publishes fee information, while a step has the applicant pay a fee or charge."""
    if not procedure.channels or any(_fee_state([f.text for f in c.fees]) != "none" for c in procedure.channels):
        return
    step = next(((p, s) for p, s in enumerate(procedure.steps) if _CHARGED.search(s.text)), None)
    if step is not None:
        position, found = step
        match = _CHARGED.search(found.text)
        yield make_defect(procedure, "fee_unstated_charged", "channels",
                          [Evidence(field="channels", index=p, text="Không có thông tin") for p in range(len(procedure.channels))]
                          + [Evidence(field="steps", index=position, text=quote(found.text, match))],  # type: ignore[arg-type]
                          step=position + 1)


# source formats whose fee cell says "Không có thông tin" when the record publishes none: the DOCX export leaves the
# cell empty also where the portal publishes a fee (273 of the 411 DOCX versions with empty fee cells have a fee on
# the portal), so an empty cell there says nothing of the record
FEE_CELL_PUBLISHED = {"portal_flat"}
_THE_PROCEDURE = re.compile(r"^\W*thủ tục\s+")
_OFFICIALS = re.compile(r"^\W*cán bộ, công chức, viên chức\W*$", re.IGNORECASE)


def fees_not_published(procedure: Procedure, resources: Resources) -> Iterator[RecordDefect]:
    """Every channel's fee reads "Không có thông tin" and no step charges one (that is fee_unstated_charged's) in a
    procedure that issues, renews, registers, approves or appraises (detect_cues.yaml ``fee_bearing``): the record
    says neither what is charged nor that nothing is. An internal procedure (filed by officials or by a public body)
    charges no fee, so it is left out; a claim, a report or a selection is left out too (the hand reading of round 8:
    4 of 10 such were not actionable)."""
    if procedure.source is None or procedure.source.format not in FEE_CELL_PUBLISHED or not procedure.channels:
        return
    if any(_fee_state([f.text for f in c.fees]) != "none" for c in procedure.channels) \
            or any(_CHARGED.search(s.text) for s in procedure.steps):
        return
    if (procedure.subjects and all(_OFFICIALS.match(s) for s in procedure.subjects)) or public_body_applicant(procedure, resources.cues):
        return
    if not resources.cues.pattern("fee_bearing", "names").match(_THE_PROCEDURE.sub("", phrase_key(procedure.name))):
        return
    yield make_defect(procedure, "fee_no_information", "channels",
                      [Evidence(field="channels", index=p, text="Không có thông tin") for p in range(len(procedure.channels))])


def times_missing_on_channel(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel mode publishes no time where another mode of the record publishes one (rows of one mode with and
    without a time are its cases, not a gap)."""
    timed = [p for p, c in enumerate(procedure.channels) if known_days(c.duration) is not None]
    timed_modes = {procedure.channels[p].mode for p in timed}
    untimed = [p for p, c in enumerate(procedure.channels) if c.mode not in timed_modes
               and (c.duration is None or (c.duration.unspecified and _NO_INFORMATION.match(c.duration.text)))]
    if timed and untimed:
        phrases = default_vocabulary().mode_phrases
        yield make_defect(procedure, "time_missing_on_channel", "channels",
                          [channel_evidence(p, procedure.channels[p]) for p in untimed],
                          mode=modes_label([procedure.channels[p] for p in untimed]),
                          other=", ".join(dict.fromkeys(phrases.get(procedure.channels[p].mode, procedure.channels[p].mode)
                                                        for p in timed)))


def times_only_in_descriptions(procedure: Procedure) -> Iterator[RecordDefect]:
    """No channel publishes a time in its time cell, while a channel's description states one ("Trường hợp hồ sơ hợp
    lệ: 30 ngày làm việc"): the time is not published where the reader looks for it."""
    from analyzer.parse.duration import find_durations

    channels = procedure.channels
    if not channels or any(c.duration is not None and not (c.duration.unspecified and _NO_INFORMATION.match(c.duration.text))
                           for c in channels):
        return
    described = [(known_days(span.duration), span.duration.text) for c in channels for span in find_durations(c.description or "")
                 if known_days(span.duration) is not None]
    if described:
        longest = max(described, key=lambda found: found[0])[1]  # type: ignore[arg-type, return-value]
        yield make_defect(procedure, "time_only_in_description", "channels",
                          [Evidence(field="channels", index=p, text=shorten(c.description or "")) for p, c in enumerate(channels)],
                          mode=modes_label(channels), text=shorten(longest, 60))


# "Trong thời hạn bảy làm việc", "không quá 05 (năm) làm việc": a time in the text that dropped its unit (ngày)
_NUMBER_WORDS = r"(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười(?: (?!ngày)\w+)?|hai mươi(?: (?!ngày)\w+)?|ba mươi)"
_DAYS_WITHOUT_UNIT = re.compile(rf"(?<!\w)(?:trong thời hạn|trong vòng|trong|sau|không quá|tối đa)\s+(?:\d+|{_NUMBER_WORDS})"
                                r"(?:\s*\([^()]{1,15}\))?\s+làm việc(?!\w)", re.IGNORECASE)


def step_times_without_unit(procedure: Procedure) -> Iterator[RecordDefect]:
    """Steps whose time lost its unit ("trong thời hạn bảy làm việc"): one defect, the steps concerned quoted."""
    found = [(p, match) for p, step in enumerate(procedure.steps) if (match := _DAYS_WITHOUT_UNIT.search(step.text))]
    if found:
        yield make_defect(procedure, "step_time_without_unit", "steps",
                          [Evidence(field="steps", index=p, text=quote(procedure.steps[p].text, m)) for p, m in found[:QUOTED]],
                          text=" ".join(found[0][1].group(0).split()), step=found[0][0] + 1)


# a step time that is the decision's ("trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ"), not a request to complete
_FROM_RECEIPT = re.compile(r"^[^.;]{0,30}kể từ\s+(?:ngày|khi)\s+(?:nhận|tiếp nhận|ghi trên phiếu tiếp nhận)[^.;]{0,30}hồ sơ", re.IGNORECASE)
_COMPLETING = re.compile(r"bổ sung|chưa đầy đủ|không hợp lệ|chưa hợp lệ|không đầy đủ", re.IGNORECASE)


def working_days_against_steps(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel publishes N ngày làm việc while no step gives N working days and a step gives the decision N (calendar)
    ngày from receipt ("Trong thời hạn 15 (mười lăm) ngày kể từ khi nhận được hồ sơ đầy đủ"): one unit is wrong."""
    from analyzer.parse.duration import find_durations

    spans = [(p, step.text, span) for p, step in enumerate(procedure.steps) for span in find_durations(step.text)]
    working = set().union(*(working_day_values(step.text) for step in procedure.steps)) if procedure.steps else set()
    for position, channel in enumerate(procedure.channels):
        duration = channel.duration
        if duration is None or duration.unit != "working_day" or duration.value is None or duration.value_max is not None \
                or duration.value in working:
            continue
        step = next(((p, text, span) for p, text, span in spans if span.duration.unit == "day" and span.duration.value == duration.value
                     and span.duration.value_max is None and _FROM_RECEIPT.match(text[span.end:])
                     and not _COMPLETING.search(text[max(0, span.start - 80):span.end + 100])), None)
        if step is not None:
            index, text, span = step
            same = [(p, c) for p, c in enumerate(procedure.channels) if c.duration is not None and c.duration.unit == "working_day"
                    and c.duration.value == duration.value]
            yield make_defect(procedure, "unit_mismatch_steps", "channels",
                              [channel_evidence(p, c) for p, c in same]
                              + [Evidence(field="steps", index=index, text=shorten(text[max(0, span.start - 60):span.end + 60]))],
                              mode=modes_label([c for _, c in same]), text=duration.text, step=index + 1,
                              step_text=" ".join(text[span.start:span.end].split()))
            return


# a row that names its case ("Trường hợp xử lý ưu tiên", "Đối với phương tiện thương mại") is published as it should be
_CASE_LABEL = re.compile(r"(?<!\w)(?:trường hợp|đối với|nếu)(?!\w)", re.IGNORECASE)


def channel_rows_split(procedure: Procedure) -> Iterator[RecordDefect]:
    """A channel mode published in several rows, a stage per row ("7 Ngày làm việc" for the inspection, again for the
    decision) or cases the rows do not name: the record publishes no one time and fee per way of filing. Rows that
    each name their case are correct as published (hand reading of round 5: 109 of 193 did)."""
    rows: dict[str, list[int]] = {}
    for position, channel in enumerate(procedure.channels):
        rows.setdefault(channel.mode, []).append(position)
    split = {mode: positions for mode, positions in rows.items() if len(positions) >= 2
             and not all(_CASE_LABEL.search(procedure.channels[p].description or "") for p in positions)}
    if split:
        positions = sorted(p for ps in split.values() for p in ps)
        times = "; ".join(procedure.channels[p].duration.text for p in positions if procedure.channels[p].duration)  # type: ignore[union-attr]
        yield make_defect(procedure, "channel_rows_split", "channels",
                          [channel_evidence(p, procedure.channels[p]) for p in positions],
                          mode=modes_label([procedure.channels[ps[0]] for ps in split.values()]),
                          rows=max(len(ps) for ps in split.values()), times=times or "không ghi thời hạn")


_NOT_A_NAME = re.compile(r"\\|^\W|(?<!\w)(\w+(?:\s+\w+){1,3})\s+\1(?!\w)", re.IGNORECASE)


def malformed_names(procedure: Procedure) -> Iterator[RecordDefect]:
    """A name with a folder path ("…\\cấp vốn\\…"), a leading stray mark (". Đăng ký thuế …") or a doubled phrase."""
    name = procedure.name or ""
    match = _NOT_A_NAME.search(name)
    if match and not re.match(r"^[\"“(]", name):
        yield make_defect(procedure, "malformed_name", "name", [Evidence(field="name", text=shorten(name))], text=shorten(name, 80))


_STEP_NUMBER = re.compile(r"^\W*bước\s*\d+\s*[:.)-]?\s*", re.IGNORECASE)


def steps_out_of_order(procedure: Procedure) -> Iterator[RecordDefect]:
    """Steps numbered in the source ("Bước 3: …") published out of that order (the reader's warning: it numbers the
    steps in the order they are published). The evidence is the first step published and the step that comes back."""
    back = next((w.text for w in procedure.warnings if w.code == "steps_out_of_order"), None)
    if back is None:
        return
    start = " ".join(_STEP_NUMBER.sub("", back).split())[:30].lower()
    texts = [" ".join(s.text.split()).lower() for s in procedure.steps]
    returning = next((p for p, text in enumerate(texts) if p and start and text and (text.startswith(start) or start.startswith(text))), None)
    evidence = [Evidence(field="steps", index=0, text=shorten(procedure.steps[0].text))] if procedure.steps else []
    evidence.append(Evidence(field="steps", index=returning, text=shorten(back)))
    yield make_defect(procedure, "steps_out_of_order", "steps", evidence, text=shorten(back, 80))


# the sentences of a text: after a full stop or semicolon, a line break, or before a list mark ("- ", "+ ", "a) ")
_SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+|\n+|\s+(?=[-+•]\s)|\s+(?=[a-zđ]\)\s)")
MIN_PASTED_CHARS = 100  # a run of sentences this long, published twice in a row, was pasted twice


def _sentences(texts: list[tuple[int | None, str]]) -> list[tuple[int | None, str, str]]:
    """(place, sentence as written, its key) of the texts in order. Short pieces are kept: a heading between two lists
    ("+ Từ bậc 1 đến bậc 2:") makes them two lists, not one pasted twice."""
    return [(place, flat, key) for place, text in texts for piece in _SENTENCE_BREAK.split(text)
            if (key := (flat := " ".join(piece.split())).strip(" -+•.;,").lower())]


def _pasted_twice(sentences: list[tuple[int | None, str, str]]) -> tuple[int | None, str] | None:
    """The place and longest sentence (as written) of a run of sentences followed at once by the same run (a block pasted
    twice in a row); a repetition with other text between (each case's own steps) is not read."""
    keys = [key for *_, key in sentences]
    for size in range(1, len(keys) // 2 + 1):
        for start in range(len(keys) - 2 * size + 1):
            run = keys[start:start + size]
            if run == keys[start + size:start + 2 * size] and sum(map(len, run)) >= MIN_PASTED_CHARS:
                second = sentences[start + size:start + 2 * size]
                return second[0][0], max((written for _, written, _ in second), key=len)  # quoted by its longest sentence
    return None


_PASTED_WHERE = {"steps": "Trình tự thực hiện", "conditions": "Yêu cầu, điều kiện thực hiện", "results": "Kết quả thực hiện",
                 "documents": "Thành phần hồ sơ", "channels": "Phí, lệ phí"}


def texts_pasted_twice(procedure: Procedure) -> Iterator[RecordDefect]:
    """A sentence or block published twice in a row in the steps (across steps too), the conditions, the results, one
    dossier row or one channel's fee: pasted twice when the record was written. One defect per field, the place of the
    second copy as evidence."""
    fields: list[tuple[EvidenceField, list[list[tuple[int | None, str]]]]] = [
        ("steps", [[(p, s.text) for p, s in enumerate(procedure.steps)]]),
        ("conditions", [[(None, procedure.conditions or "")]]),
        ("results", [[(None, procedure.results or "")]]),
        ("documents", [[(i, d.name)] for _, i, d in procedure.documents]),
        ("channels", [[(p, " ".join(f.text for f in c.fees))] for p, c in enumerate(procedure.channels)]),
    ]
    cases = [c for c, _, _ in procedure.documents]
    for field, groups in fields:
        for number, group in enumerate(groups):
            found = _pasted_twice(_sentences(group))
            if found is not None:
                place, sentence = found
                case = cases[number] if field == "documents" else None
                yield make_defect(procedure, "text_pasted_twice", field,
                                  [Evidence(field=field, case=case, index=place, text=shorten(sentence, 160))],
                                  where=_PASTED_WHERE[field], text=shorten(sentence, 100))
                break


CHECKS = (pasted_provisions, quantities_pasted, conditions_by_reference, conditions_unpublished, fees_disagree, fees_free_but_priced, fees_unstated_but_charged, times_missing_on_channel, times_only_in_descriptions, step_times_without_unit, working_days_against_steps, channel_rows_split, malformed_names,
          steps_out_of_order, texts_pasted_twice)
DATA_CHECKS = (notes_as_papers, fees_not_published)
