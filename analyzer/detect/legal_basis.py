"""A procedure record against its own legal basis: where a text the record cites is among the legal texts
read, compare the record's time limit and papers with the provision that governs the procedure.

The governing provision is found among the frames of the cited text (``analyzer.parse.legal.frames``; a
Pháp điển topic contributes the frames of every text its notes name): the clause whose object, or article
heading, shares the most content words with the record's name (at least ``MIN_NAME_SIMILARITY``), among
clauses that set a time limit running from receipt of the dossier (the time the agency has to decide), or
that list the dossier's papers. A record asks for more than its basis when:
- its time limit, in working days, is longer than the provision's ("ngày" counted as 5/7 working days);
- it lists a paper no paper of the provision names (content words shared below ``PAPER_SIMILARITY``).
The basis itself may be out of date; each row gives the provision's location so a reviewer can check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from analyzer.model import Procedure
from analyzer.parse.legal.model import LegalDocument, _number_key
from analyzer.text import match_key

MIN_NAME_SIMILARITY = 0.6
PAPER_SIMILARITY = 0.4
_WORKING_DAYS = {"working_day": 1.0, "day": 5 / 7, "week": 5.0, "month": 22.0, "hour": 1 / 8}
# The clock of the agency's decision starts at receipt of the dossier ("chứng nhận" is not a receipt).
_RECEIPT = re.compile(r"(?<![\w])(?:tiếp\s+)?nhận\s+(?:được\s+)?(?:đủ\s+)?(?:các\s+)?(?:hồ\s+sơ|giấy\s+tờ|yêu\s+cầu|đề\s+nghị)",
                      re.IGNORECASE)
_NAME_NOISE = re.compile(r"^(?:thủ\s+tục\s+)", re.IGNORECASE)
_STOP = frozenset(match_key(w) for w in (
    "của và các việc đối với trong theo quy định được cho tại về thực hiện thủ tục trường hợp khi là có người "
    "này đó từ bản một hoặc").split())


@dataclass(frozen=True)
class BasisDifference:
    """One way a record differs from its legal basis, with both values and the provision's location."""

    procedure: str  # code
    name: str
    version: str | None
    field: str  # "time_limit" | "papers"
    record_value: str
    basis_value: str
    basis_text: str  # "Nghị định 23/2015/NĐ-CP"
    basis_unit: str  # "Điều 15.1.NĐ.7"
    basis_source: str | None
    start: int
    end: int
    clause: str

    def row(self) -> dict[str, object]:
        return {"procedure": self.procedure, "name": self.name, "version": self.version, "field": self.field,
                "record_value": self.record_value, "basis_value": self.basis_value, "basis_text": self.basis_text,
                "basis_unit": self.basis_unit, "basis_source": self.basis_source, "start": self.start,
                "end": self.end, "clause": self.clause}


@dataclass(frozen=True)
class BasisComparison:
    """What was compared for one record: the cited texts found, the provisions matched, the differences."""

    procedure: str
    name: str
    cited_in_corpus: tuple[str, ...]
    provisions: tuple[str, ...]  # "Nghị định 23/2015/NĐ-CP Điều 15.1.NĐ.7"
    differences: tuple[BasisDifference, ...]


TextFrames = dict  # text number key (``_number_key``) -> the frames of that text a record is compared with


def basis_frames(documents: Sequence[LegalDocument]) -> TextFrames:
    """The frames of ``documents`` a record can be compared with, by the number key of their text: a record
    whose ``cited_keys`` share none of these keys is not compared."""
    from analyzer.parse.legal.frames import read_frames

    by_text: dict[str, list] = {}
    for index, document in enumerate(documents):
        for frame in read_frames(document, index):
            if frame.source_number and (frame.time_limits or frame.papers):
                by_text.setdefault(_number_key(frame.source_number), []).append(frame)
    return by_text


def cited_keys(procedure: Procedure) -> frozenset[str]:
    """The number keys of the texts a record cites as its legal basis, but the text it was read from (its own
    decision): comparing a record with itself says nothing. What a store keeps per record to find, without
    reading the records, those a set of legal texts is compared with."""
    own = _number_key(procedure.decision) if procedure.decision else None
    return frozenset(key for key in (_number_key(ref.number) for ref in procedure.legal_basis if ref.number)
                     if key != own)


def compare_with_basis(procedures: Iterable[Procedure], documents: Sequence[LegalDocument],
                       frames: TextFrames | None = None) -> list[BasisComparison]:
    """One comparison per procedure that cites a text among ``documents`` (``frames``: their ``basis_frames``,
    when the caller has them already)."""
    by_text = basis_frames(documents) if frames is None else frames
    results = []
    for procedure in procedures:
        keys = cited_keys(procedure)
        cited = [ref.number for ref in procedure.legal_basis
                 if ref.number and _number_key(ref.number) in by_text and _number_key(ref.number) in keys]
        if not cited:
            continue
        found = [f for number in cited for f in by_text[_number_key(number)]]
        differences: list[BasisDifference] = []
        provisions: list[str] = []
        timed = _best(procedure.name, [f for f in found if any(_RECEIPT.search(t.trigger) for t in f.time_limits)])
        if timed is not None:
            provisions.append(f"{_name(timed)} {timed.unit}")
            differences += _time_differences(procedure, timed)
        listed = _best(procedure.name, [f for f in found if len(f.papers) >= 2])
        if listed is not None:
            provisions.append(f"{_name(listed)} {listed.unit}")
            differences += _paper_differences(procedure, listed)
        results.append(BasisComparison(procedure.code, procedure.name, tuple(dict.fromkeys(cited)),
                                       tuple(provisions), tuple(differences)))
    return results


_REFUSAL = re.compile(r"^\W*(?:\d+\.|[a-zđ]\))?\s*trường\s+hợp\s+không\s+(?:cấp|giải\s+quyết|đồng\s+ý)", re.IGNORECASE)


def _best(name: str, frames: list):
    """The frame whose object matches the name best; none when the best match is shared by two articles
    (Luật Hộ tịch has "Thủ tục đăng ký nhận cha, mẹ, con" at the commune level and again, with another
    limit, for foreign elements at the district level: the name alone cannot say which governs)."""
    scored = [(_similarity(name, f.object or f.heading or ""), f) for f in frames if not _REFUSAL.match(f.text)]
    scored = [(score, f) for score, f in scored if score >= MIN_NAME_SIMILARITY]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    articles = {(f.text_id, f.heading, f.unit.split(" khoản")[0]) for score, f in scored if score == top}
    if len({heading for _, heading, _ in articles}) == 1 and len(articles) > 1:
        return None
    return next(f for score, f in scored if score == top)


def _time_differences(procedure: Procedure, frame) -> list[BasisDifference]:
    limit = next(t for t in frame.time_limits if _RECEIPT.search(t.trigger))
    allowed = limit.value * _WORKING_DAYS[limit.unit]
    durations = [c.duration for c in procedure.channels if c.duration and c.duration.working_days is not None]
    longest = max(durations, key=lambda d: d.working_days or 0.0, default=None)
    if longest is None or (longest.working_days or 0.0) <= allowed + 1e-6:
        return []
    return [_difference(procedure, frame, "time_limit", longest.text, str(limit))]


def _paper_differences(procedure: Procedure, frame) -> list[BasisDifference]:
    papers = {d.name for case in procedure.cases for d in case.documents}
    extra = [p for p in sorted(papers) if max((_similarity(p, q) for q in frame.papers), default=0.0) < PAPER_SIMILARITY]
    return [_difference(procedure, frame, "papers", paper, "; ".join(frame.papers)) for paper in extra]


def _difference(procedure: Procedure, frame, field: str, record_value: str, basis_value: str) -> BasisDifference:
    return BasisDifference(procedure=procedure.code, name=procedure.name, version=procedure.version_key,
                           field=field, record_value=" ".join(record_value.split()), basis_value=basis_value,
                           basis_text=_name(frame), basis_unit=frame.unit, basis_source=frame.source,
                           start=frame.start, end=frame.end, clause=frame.text)


def _name(frame) -> str:
    return " ".join(part for part in (frame.source_kind, frame.source_number) if part)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", match_key(_NAME_NOISE.sub("", text))) if len(w) > 1 and w not in _STOP}


def _similarity(a: str, b: str) -> float:
    """Containment either way (not Jaccard): a record's name is often longer than the heading of the article
    that governs it ("Thủ tục chứng thực hợp đồng giao dịch liên quan đến tài sản" / "Thời hạn chứng thực
    hợp đồng, giao dịch"), and sometimes shorter. A side of fewer than three words never contains the other."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    return max(shared / len(wa) if len(wa) >= 3 else 0.0, shared / len(wb) if len(wb) >= 3 else 0.0)
