"""The typed result of reading a legal text: header, structure tree, citations, tasks, signature.

Every offset (``start``/``end``) indexes ``LegalDocument.text``, the cleaned text the parser worked
on (page headers, site chrome and footnote markers removed, hard-wrapped lines re-flowed);
``LegalDocument.source_offset`` maps an offset back into the (normalised) input.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterator, Literal

from pydantic import Field, PrivateAttr

from analyzer.errors import warnings as warning_codes
from analyzer.model import ParseWarning, Procedure, _Model
from analyzer.text.alignment import Alignment, compose_to_source

NodeKind = Literal["phan", "chuong", "muc", "dieu", "khoan", "diem", "section", "item", "phu_luc"]
Recurrence = Literal["daily", "weekly", "monthly", "quarterly", "semiannual", "yearly", "periodic"]


class StructureNode(_Model):
    """One unit of the text: Phần, Chương, Mục, Điều, Khoản, Điểm, or a plan's I. / 1. numbering."""

    kind: NodeKind
    label: str  # "II", "3", "a", "44.5.NĐ.1" (pháp điển), "1.2"
    heading: str | None = None  # re-flowed heading ("Phạm vi điều chỉnh"); None when the unit has none
    start: int  # offset of the marker ("Điều 3.", "a)")
    end: int  # exclusive; the next sibling or the end of the parent
    children: list[StructureNode] = Field(default_factory=list)

    def walk(self, path: tuple[StructureNode, ...] = ()) -> Iterator[tuple[tuple[StructureNode, ...], StructureNode]]:
        """(ancestors, node) for this node and every descendant, in document order."""
        yield path, self
        for child in self.children:
            yield from child.walk(path + (self,))


_UNIT_NAMES = {"dieu": "Điều", "khoan": "khoản", "diem": "điểm"}


def unit_label(path: tuple[StructureNode, ...]) -> str:
    """"Điều 5 khoản 2 điểm a" for a unit inside an article; "III.2.a" for a plan's numbering."""
    if any(node.kind == "dieu" for node in path):
        return " ".join(f"{_UNIT_NAMES[node.kind]} {node.label}" for node in path if node.kind in _UNIT_NAMES)
    return ".".join(node.label for node in path if node.kind in ("section", "item", "diem", "phu_luc") and node.label)


class CitationTarget(_Model):
    """The unit a citation points into: "khoản 2 Điều 14", "tiết v điểm 3 mục II"."""

    article: str | None = None
    clause: str | None = None
    point: str | None = None
    path: list[tuple[str, str]] = Field(default_factory=list)  # [("mục", "II"), ("điểm", "3"), ("tiết", "v")]


class Citation(_Model):
    """A reference to another text, normalised to (type, number, year, issuer code) plus its date."""

    type: str | None = None  # "Chỉ thị", "Nghị định", "Luật" ...
    number: str | None = None  # "157/2007/NĐ-CP", "26-NQ/TW"; None for "Luật ... năm 2018"
    year: int | None = None
    issuer: str | None = None  # as written after "của": "Thủ tướng Chính phủ"
    issuer_code: str | None = None  # from the number: "TTg", "CP", "TW", "QH15"
    date: str | None = None  # ISO date when the text gives it
    name: str | None = None  # named laws: "Phòng, chống tham nhũng"
    text: str  # the surface text, re-flowed
    start: int
    end: int
    target: CitationTarget | None = None
    year_source: Literal["number", "date", "name", "context"] | None = None

    @property
    def key(self) -> tuple[str | None, str | None, int | None, str | None]:
        """What identifies the cited text: never the number alone (numbers repeat across years/issuers)."""
        return (self.type, _number_key(self.number) if self.number else self.name, self.year, self.issuer_code)


def _number_key(number: str) -> str:
    """"09/2019/NĐ-CP" and "9/2019/NĐ-CP" name the same text."""
    head, sep, rest = number.partition("/")
    digits = head.lstrip("0") or "0"
    return f"{digits}{sep}{rest}".upper()


class CrossReference(_Model):
    """A pointer into the text itself ("điểm b khoản 1 Điều 32 của Luật này")."""

    text: str
    start: int
    end: int
    target: CitationTarget
    node_start: int | None = None  # the unit it resolves to, when found
    node_end: int | None = None


class Deadline(_Model):
    text: str
    date: str | None = None  # ISO, for absolute deadlines
    recurrence: Recurrence | None = None
    day: int | None = None  # for recurring deadlines: "ngày 10 tháng 11 hàng năm" -> day 10, month 11
    month: int | None = None
    start: int
    end: int


class Assignment(_Model):
    lead: str | None = None  # who leads (chủ trì)
    partners: list[str] = Field(default_factory=list)  # who co-operates (phối hợp)
    action: str
    deadline: Deadline | None = None
    text: str  # the sentence or point the assignment was read from
    start: int
    end: int
    node: str | None = None  # "III.2.a", "Điều 5 khoản 2"


class Signature(_Model):
    authority: str | None = None  # "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG"
    position: str | None = None  # "CHỦ TỊCH"
    signer: str | None = None  # "Trần Việt Trường"
    start: int
    end: int


class Footnote(_Model):
    label: str
    text: str


class LegalGroundRef(_Model):
    document: str
    article: str | None = None


class TextFinding(_Model):
    """A rule hit on the text itself (not on an extracted procedure); message in Vietnamese."""

    rule: str
    severity: Literal["high", "medium", "low"]
    message: str
    text: str
    start: int
    end: int
    node: str | None = None
    legal_ground: list[LegalGroundRef] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)


class LegalDocument(_Model):
    source: str | None = None
    type: str | None = None  # Luật, Nghị định, Thông tư, Quyết định, Kế hoạch, Văn bản hợp nhất ...
    consolidates: str | None = None  # for a VBHN: the type of the consolidated text ("Thông tư")
    number: str | None = None  # "17/KH-UBND"
    issuer: str | None = None  # "Ủy ban nhân dân thành phố Cần Thơ"
    place: str | None = None
    date: str | None = None  # ISO
    title: str | None = None
    text: str = ""
    body_start: int = 0
    body_end: int = 0
    structure: list[StructureNode] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    cross_references: list[CrossReference] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    signature: Signature | None = None
    recipients: list[str] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    procedures: list[Procedure] = Field(default_factory=list)
    findings: list[TextFinding] = Field(default_factory=list)
    cleanup: dict[str, int] = Field(default_factory=dict)  # noise kind -> lines or marks removed
    warnings: list[ParseWarning] = Field(default_factory=list)
    # How ``text`` maps back to the input: clean-up segments, then normalisation alignments.
    _segments: list[tuple[int, int, bool]] = PrivateAttr(default_factory=list)
    _segment_starts: list[int] = PrivateAttr(default_factory=list)
    _alignments: tuple[Alignment, ...] = PrivateAttr(default=())
    _node_index: dict[tuple[str, str], StructureNode] = PrivateAttr(default_factory=dict)
    _node_index_size: int = PrivateAttr(default=-1)

    def set_offset_map(self, segments: list[tuple[int, int, bool]], alignments: tuple[Alignment, ...] = ()) -> None:
        self._segments = segments
        self._segment_starts = [segment[0] for segment in segments]
        self._alignments = alignments

    def warn(self, code: str, field: str, message: str, text: str | None = None) -> None:
        self.warnings.append(ParseWarning(code=warning_codes().check(code), field=field, message=message, text=text))

    def source_offset(self, offset: int) -> int:
        """Where a character of ``text`` came from in the input as given (before normalisation)."""
        normalised = offset
        if self._segments:
            index = max(bisect_right(self._segment_starts, offset) - 1, 0)
            clean_start, source_start, copied = self._segments[index]
            normalised = source_start + (offset - clean_start) if copied else source_start
        return compose_to_source(self._alignments, normalised)

    def iter_nodes(self) -> Iterator[tuple[tuple[StructureNode, ...], StructureNode]]:
        for node in self.structure:
            yield from node.walk()

    def articles(self) -> list[StructureNode]:
        return [node for _, node in self.iter_nodes() if node.kind == "dieu"]

    def locate(self, offset: int) -> str | None:
        """The smallest unit holding ``offset`` as "Điều 3 khoản 2 điểm a" (None outside every article)."""
        inside = [path + (node,) for path, node in self.iter_nodes() if node.start <= offset < node.end]
        deepest = max(inside, key=len, default=())
        return unit_label(deepest) if any(node.kind == "dieu" for node in deepest) else None

    def find(self, article: str | None = None, clause: str | None = None, point: str | None = None) -> StructureNode | None:
        """The unit "điểm {point} khoản {clause} Điều {article}" of this text, if it exists."""
        wanted = [(kind, label) for kind, label in (("dieu", article), ("khoan", clause), ("diem", point)) if label]
        if not wanted:
            return None
        node = self._first_nodes().get(wanted[0])
        for kind, label in wanted[1:]:
            if node is None:
                return None
            node = next((c for c in node.children if (c.kind, c.label) == (kind, label)), None)
        return node

    def _first_nodes(self) -> dict[tuple[str, str], StructureNode]:
        """The first unit of each (kind, label); rebuilt when ``structure`` is replaced or resized."""
        count = hash((id(self.structure), len(self.structure)))
        if self._node_index_size != count:
            index: dict[tuple[str, str], StructureNode] = {}
            for _, node in self.iter_nodes():
                index.setdefault((node.kind, node.label), node)
            self._node_index, self._node_index_size = index, count
        return self._node_index

    def path_at(self, offset: int) -> list[StructureNode]:
        """The chain of units (outermost first) that contains an offset."""
        chain: list[StructureNode] = []
        level = self.structure
        while True:
            node = next((n for n in level if n.start <= offset < n.end), None)
            if node is None:
                return chain
            chain.append(node)
            level = node.children
