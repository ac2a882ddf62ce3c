"""Provision frames: each smallest unit of a legal text (point, clause without points, article without
clauses) read into who must act, what, on which object, and the values it sets.

Pure text level: reads a parsed ``LegalDocument`` and returns frozen dataclasses; nothing here needs the
NLP pipeline. Frames are what the overlap/conflict detector (``analyzer.detect.legal_overlap``) compares:
two texts that set, for the same object, the same time limit (duplication) or different ones (conflict).

The *object* of a clause is what its values are about. Legal texts name it in the article heading
("Thời hạn chứng thực bản sao từ bản chính", "Thủ tục đăng ký khai sinh") far more reliably than in the
clause, so the heading is read first and the clause's own "thời hạn <object>" phrase is the fallback.

A Pháp điển topic (Bộ pháp điển) gathers articles of many texts; each article carries a note naming its
source ("(Điều 21 Nghị định số 23/2015/NĐ-CP, có hiệu lực …)"), read into ``ProvisionFrame.source_*`` so
that a frame is attributed to the text that enacted it, with that text's kind (and so its rank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from analyzer.parse.legal.model import LegalDocument, StructureNode
from analyzer.parse.legal.patterns import collapse
from analyzer.text import match_key

_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10, "mười lăm": 15, "hai mươi": 20, "ba mươi": 30}
_NUMBER = r"(?P<n>\d{1,3}(?:[.,]\d)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
# "trong thời hạn 05 ngày làm việc", "không quá 02 ngày", "chậm nhất là 03 ngày", "trong 01 ngày làm việc"
TIME_LIMIT = re.compile(
    r"(?P<cue>trong\s+thời\s+hạn|trong\s+vòng|trong|không\s+quá|chậm\s+nhất\s+(?:là\s+)?|tối\s+đa|sau)\s+"
    + _NUMBER + r"\s*(?:\([^)]{1,12}\)\s*)?(?P<unit>ngày\s+làm\s+việc|ngày|giờ\s+làm\s+việc|giờ|tháng|tuần)"
    r"(?!\s+(?:kể\s+từ\s+ngày\s+ký|trước\s+ngày))",
    re.IGNORECASE,
)
SAME_DAY = re.compile(r"(?:ngay\s+)?trong\s+ngày(?:\s+(?:tiếp\s+nhận|nhận|làm\s+việc))?(?!\s+làm\s+việc\s+tiếp)",
                      re.IGNORECASE)
FEE = re.compile(r"(?P<amount>\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|VNĐ|vnđ)", re.IGNORECASE)
BODY = re.compile(
    r"(?:Ủy\s+ban\s+nhân\s+dân|UBND|Chủ\s+tịch\s+Ủy\s+ban\s+nhân\s+dân)\s+(?:cấp\s+(?:xã|huyện|tỉnh)|tỉnh|huyện|xã)"
    r"|Phòng\s+Tư\s+pháp|Sở\s+[A-ZĐ][\wÀ-ỹ]+(?:\s+[A-ZĐa-zà-ỹ][\wÀ-ỹ]+){0,4}|Bộ\s+trưởng\s+Bộ\s+[A-ZĐ][\wÀ-ỹ ,]{2,40}?(?=[,.;]|\s+có|\s+quy)"
    r"|Bộ\s+Công\s+an|Công\s+an\s+cấp\s+(?:xã|huyện|tỉnh)|Cơ\s+quan\s+đại\s+diện|tổ\s+chức\s+hành\s+nghề\s+công\s+chứng"
    r"|cơ\s+quan\s+đăng\s+ký\s+cư\s+trú|cơ\s+quan\s+(?:có\s+thẩm\s+quyền|tiếp\s+nhận|giải\s+quyết)"
    r"|người\s+yêu\s+cầu(?:\s+[\wÀ-ỹ]+){0,3}?|người\s+đi\s+đăng\s+ký|tổ\s+chức,\s+cá\s+nhân|cá\s+nhân,\s+tổ\s+chức",
    re.IGNORECASE,
)
ACTION = re.compile(
    r"(?:có\s+trách\s+nhiệm|phải|được|chịu\s+trách\s+nhiệm)\s+(?P<verb>[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+)?)"
    r"|(?P<plain>cấp|giải\s+quyết|chứng\s+thực|đăng\s+ký|nộp|xuất\s+trình|trả\s+lời|thông\s+báo|báo\s+cáo|"
    r"kiểm\s+tra|xác\s+minh|ban\s+hành|hướng\s+dẫn|thu\s+hồi)\b",
    re.IGNORECASE,
)
PAPERS_CUE = re.compile(r"(?:hồ\s+sơ|giấy\s+tờ)[^:;.]{0,80}?(?:gồm|bao\s+gồm|kèm\s+theo)[^:]{0,40}:", re.IGNORECASE)
# Heading words that say which value an article sets, not what it is about.
_HEADING_NOISE = re.compile(
    r"^(?:quy\s+định\s+về\s+|về\s+)?(?:thủ\s+tục|trình\s+tự(?:,\s*thủ\s+tục)?|thời\s+hạn(?:\s+giải\s+quyết)?|"
    r"hồ\s+sơ(?:\s+đề\s+nghị)?|thẩm\s+quyền(?:\s+và\s+trách\s+nhiệm)?|trách\s+nhiệm|lệ\s+phí|phí)"
    r"(?:\s+(?:và|,)\s+(?:thủ\s+tục|thời\s+hạn|trình\s+tự|hồ\s+sơ|thẩm\s+quyền))*\s*(?:của\s+|về\s+|thực\s+hiện\s+)?",
    re.IGNORECASE,
)
# "thời hạn chứng thực bản sao từ bản chính", "thời hạn giải quyết việc đăng ký thường trú"
CLAUSE_OBJECT = re.compile(r"thời\s+hạn\s+(?:giải\s+quyết\s+)?(?:việc\s+|yêu\s+cầu\s+|thủ\s+tục\s+)?"
                           r"(?P<object>[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+){1,8}?)(?=\s+(?:là|được|không|trong|tối|chậm|kể|theo|tại)\b|[,.;:(]|$)",
                           re.IGNORECASE)
# Pháp điển article note: "(Điều 21 Nghị định số 23/2015/NĐ-CP, có hiệu lực …)"
PHAP_DIEN_SOURCE = re.compile(
    r"\s*\((?:Điều|Khoản\s+\S+\s+Điều)\s+(?P<article>\d+[a-z]?)\s+(?:của\s+)?(?P<kind>Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|"
    r"Thông\s+tư\s+liên\s+tịch|Thông\s+tư|Quyết\s+định|Nghị\s+quyết)(?:\s+số)?\s+(?P<number>\d+[\w/.-]*|[^,()\d][^,()]{2,80}?)[^,()]{0,160}?(?=,|\s+có|\))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeLimit:
    """A time limit a clause sets: ``value`` in ``unit`` ("working_day", "day", "hour", "month", "week")."""

    value: float
    unit: str
    text: str
    start: int
    end: int
    trigger: str = ""  # what starts the clock: "nhận đủ hồ sơ hợp lệ" ("kể từ ngày …")
    governs: str = ""  # the act the limit is for: "cấp sổ hộ khẩu", "trả lời bằng văn bản"

    @property
    def key(self) -> tuple[float, str]:
        # "ngày" and "ngày làm việc" are different limits; "trong ngày" is 0 working days.
        return (self.value, self.unit)

    def __str__(self) -> str:
        return collapse(self.text)


@dataclass(frozen=True)
class ProvisionFrame:
    """One unit of a legal text, read: subject, action, object and the values it sets, with offsets."""

    document: int  # index of the text in the input sequence
    source: str | None
    unit: str  # "Điều 21 khoản 2 điểm a"; pháp điển labels kept ("Điều 15.1.NĐ.21 khoản 2")
    start: int
    end: int
    text: str
    heading: str | None  # the article's heading
    subject: str | None
    action: str | None
    object: str | None
    object_key: str  # match key of ``object``: what two frames must share to be compared
    time_limits: tuple[TimeLimit, ...] = ()
    papers: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    fees: tuple[int, ...] = ()
    # The text that enacted the clause: the document itself, or the source a Pháp điển note names.
    source_kind: str | None = None
    source_number: str | None = None
    source_article: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def text_id(self) -> str:
        """Identifies the enacting text: two frames of one text are never an overlap between texts."""
        return f"{self.source_kind or ''}:{self.source_number or ''}" if self.source_number else f"doc:{self.document}"

    @property
    def sets_values(self) -> bool:
        return bool(self.time_limits or self.papers or self.fees)


def read_frames(document: LegalDocument, index: int = 0) -> list[ProvisionFrame]:
    """The frames of every smallest unit of the text, in document order."""
    doc_kind, doc_number = document.consolidates or document.type, document.number
    frames = []
    notes = _phap_dien_sources(document)
    for article, path, node in _units(document):
        start, end = node.start, node.end
        text = document.text[start:end]
        source_kind, source_number, source_article = doc_kind, doc_number, article.label
        prefix = _label_prefix(article.label)
        if article.start in notes:
            source_kind, source_number, source_article = notes[article.start]
        elif prefix in notes:  # an article the topic gives without its note: the source of its siblings
            source_kind, source_number = notes[prefix][:2]
        frames.append(read_frame(text, start, index=index, source=document.source,
                                 unit=" ".join(f"{_NAMES[n.kind]} {n.label}" for n in path),
                                 heading=article.heading, source_kind=source_kind, source_number=source_number,
                                 source_article=source_article))
    return frames


def read_frame(text: str, start: int = 0, *, index: int = 0, source: str | None = None, unit: str = "",
               heading: str | None = None, source_kind: str | None = None, source_number: str | None = None,
               source_article: str | None = None) -> ProvisionFrame:
    """The frame of one clause's text (offsets shifted by ``start``)."""
    flat = collapse(text)
    subject_match = BODY.search(text)
    action_match = ACTION.search(text, subject_match.end() if subject_match else 0)
    object_text = _object(text, heading)
    return ProvisionFrame(
        document=index, source=source, unit=unit, start=start, end=start + len(text), text=flat,
        heading=heading, subject=collapse(subject_match.group(0)) if subject_match else None,
        action=collapse(action_match.group("verb") or action_match.group("plain")) if action_match else None,
        object=object_text, object_key=match_key(object_text) if object_text else "",
        time_limits=tuple(time_limits(text, start)), papers=tuple(papers(text)),
        bodies=tuple(dict.fromkeys(collapse(m.group(0)) for m in BODY.finditer(text))),
        fees=tuple(int(m.group("amount").replace(".", "")) for m in FEE.finditer(text)),
        source_kind=source_kind, source_number=source_number, source_article=source_article,
    )


def time_limits(text: str, start: int = 0) -> Iterator[TimeLimit]:
    """The time limits a text sets, in order; "trong ngày" is a limit of 0 working days."""
    units = {"ngày làm việc": "working_day", "ngày": "day", "giờ": "hour", "giờ làm việc": "hour",
             "tháng": "month", "tuần": "week"}
    for match in TIME_LIMIT.finditer(text):
        raw = match.group("n").lower()
        value = float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw.replace(",", "."))
        if match.group("cue").lower().startswith("sau") and "kể từ" not in text[match.end():match.end() + 20]:
            continue  # "sau 15 giờ" is a time of day, not a limit
        unit = units[re.sub(r"\s+", " ", match.group("unit").lower())]
        trigger, governs = _limit_context(text, match.end())
        yield TimeLimit(value, unit, match.group(0), start + match.start(), start + match.end(), trigger, governs)
    for match in SAME_DAY.finditer(text):
        if re.match(r"\s*(?:tiếp\s+theo|đó|ký|làm\s+việc\s+tiếp)", text[match.end():]):
            continue
        if re.search(r"(?:kể\s+từ|từ|vào)\s*$", text[max(0, match.start() - 8):match.start()]):
            continue
        trigger, governs = _limit_context(text, match.end())
        yield TimeLimit(0.0, "working_day", match.group(0), start + match.start(), start + match.end(), trigger, governs)


_TRIGGER = re.compile(r"\s*,?\s*(?:kể\s+từ|tính\s+từ|từ)\s+(?:ngày|khi|thời\s+điểm)\s+(?P<trigger>[^,.;]{3,120})", re.IGNORECASE)
_MODAL = re.compile(r"^(?:.*?\b(?:phải|có\s+trách\s+nhiệm|sẽ|được|thì|tiến\s+hành))\s+", re.IGNORECASE)


def _limit_context(text: str, end: int) -> tuple[str, str]:
    """(trigger, governed act) of the limit ending at ``end``: "…, kể từ ngày nhận đủ hồ sơ, Công an xã
    phải cấp sổ hộ khẩu" -> ("nhận đủ hồ sơ", "cấp sổ hộ khẩu")."""
    trigger = ""
    match = _TRIGGER.match(text, end)
    if match:
        trigger, end = collapse(match.group("trigger")), match.end()
    rest = re.split(r"[.;:]|,\s+(?:nếu|trường\s+hợp|trừ)", text[end:end + 240], maxsplit=1)[0].strip(" ,")
    rest = _MODAL.sub("", rest, count=1) if _MODAL.match(rest) else BODY.sub("", rest, count=1).strip(" ,")
    words = rest.split()[:6]
    while words and words[-1].lower() in ("cho", "của", "và", "các", "tại", "trong"):
        words.pop()  # a cut phrase ends on a content word
    return trigger, " ".join(words)


def papers(text: str) -> list[str]:
    """The papers a clause lists after a dossier cue ("Hồ sơ gồm: a) …; b) …")."""
    cue = PAPERS_CUE.search(text)
    if not cue:
        return []
    items = re.split(r";|\n|(?<=\.)\s+(?=[a-zđ]\)|\d+\.)", text[cue.end():])
    cleaned = [collapse(re.sub(r"^\s*(?:[a-zđ]\)|\d+[.)]|-|\+)\s*", "", item)).rstrip(".") for item in items]
    return [item for item in cleaned if 6 <= len(item) <= 300]


def _object(text: str, heading: str | None) -> str | None:
    if heading:
        stripped = _HEADING_NOISE.sub("", collapse(heading)).strip(" ,.")
        if stripped:
            return stripped
    match = CLAUSE_OBJECT.search(text)
    return collapse(match.group("object")) if match else None


_NAMES = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm",
          "section": "mục", "item": "mục", "phu_luc": "Phụ lục"}


def _units(document: LegalDocument) -> Iterator[tuple[StructureNode, list[StructureNode], StructureNode]]:
    """(article, path inside the article, smallest unit) for every article's leaves."""
    for article in document.articles():
        for path, node in article.walk():
            if node.children and node.kind in ("dieu", "khoan"):
                continue
            if node.kind not in ("dieu", "khoan", "diem"):
                continue
            yield article, [*path, node], node


def _label_prefix(label: str) -> str:
    """"39.3.NĐ.1.7" -> "39.3.NĐ.1": a Pháp điển label without the article number (plain labels: "")."""
    return label.rsplit(".", 1)[0] if label.count(".") >= 2 else ""


def _phap_dien_sources(document: LegalDocument) -> dict:
    """Source (kind, number, article) of each Pháp điển article with a note, by article start, and the
    first source seen for each label prefix."""
    sources: dict = {}
    for article in document.articles():
        note = PHAP_DIEN_SOURCE.match(document.text, article.start + len(_marker_line(document, article)))
        if note:
            value = (collapse(note.group("kind")).capitalize(), collapse(note.group("number")), note.group("article"))
            sources[article.start] = value
            prefix = _label_prefix(article.label)
            if prefix:
                sources.setdefault(prefix, value)
    return sources


def _marker_line(document: LegalDocument, article: StructureNode) -> str:
    """The article's first line ("Điều 15.1.NĐ.21. Thời hạn …"): the Pháp điển note follows it."""
    text = document.text[article.start:article.end]
    return text.split("\n", 1)[0]
