"""Overlapping provisions across legal texts: near-duplicate clauses, reported as pairs with both locations.

This serves the Sở Tư pháp's review for provisions that repeat or overlap each other across texts
(item III.4 of the Cần Thơ plan 17/KH-UBND). Each text is cut into its smallest units (points, clauses
without points, articles without clauses; paragraphs for unstructured texts); units are embedded as
TF-IDF vectors of word 1-2-grams over the matching key (case, tone placement and spacing ignored), and
each unit's nearest neighbours by cosine are found with scikit-learn's brute-force sparse search, which
works chunk by chunk and keeps only the top k per unit: no dense all-pairs matrix is ever built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from analyzer.parse.legal.model import LegalDocument, StructureNode
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text import match_key

if TYPE_CHECKING:
    from analyzer.detect.legal_text import TextRule
    from analyzer.parse.legal.frames import ProvisionFrame
    from analyzer.parse.legal.model import TextFinding
    from analyzer.resources import Resources

DEFAULT_THRESHOLD = 0.8
DEFAULT_TOP_K = 5
DEFAULT_MIN_CHARS = 80  # shorter units are boilerplate ("Nghị định này có hiệu lực …") more often than rules


@dataclass(frozen=True)
class ClauseLocation:
    """Where a unit is: the text it belongs to, its label ("Điều 5 khoản 2 điểm a") and its offsets."""

    document: int  # index of the text in the input sequence
    source: str | None
    number: str | None
    unit: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document, "source": self.source, "number": self.number, "unit": self.unit,
            "start": self.start, "end": self.end, "text": self.text,
        }


@dataclass(frozen=True)
class OverlapPair:
    first: ClauseLocation
    second: ClauseLocation
    similarity: float

    def to_dict(self) -> dict[str, object]:
        return {"first": self.first.to_dict(), "second": self.second.to_dict(), "similarity": self.similarity}


def find_overlaps(
    documents: Sequence[LegalDocument],
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    min_chars: int = DEFAULT_MIN_CHARS,
    within_documents: bool = False,
) -> list[OverlapPair]:
    """Pairs of units whose cosine similarity is at least ``threshold``, most similar first.

    Only pairs from two different texts are reported unless ``within_documents`` is true.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    clauses = [c for index, document in enumerate(documents) for c in iter_clauses(document, index, min_chars)]
    if len(clauses) < 2:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    vectorizer = TfidfVectorizer(preprocessor=match_key, ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                 token_pattern=r"(?u)\b\w+\b")
    matrix = vectorizer.fit_transform(c.text for c in clauses)
    neighbours = NearestNeighbors(n_neighbors=min(top_k + 1, len(clauses)), metric="cosine", algorithm="brute")
    neighbours.fit(matrix)
    distances, indices = neighbours.kneighbors(matrix)
    pairs: dict[tuple[int, int], float] = {}
    for row, (row_distances, row_indices) in enumerate(zip(distances, indices)):
        for distance, column in zip(row_distances, row_indices):
            similarity = 1.0 - float(distance)
            if column == row or similarity < threshold:
                continue
            if not within_documents and clauses[row].document == clauses[column].document:
                continue
            key = (min(row, column), max(row, column))
            pairs[key] = max(pairs.get(key, 0.0), similarity)
    result = [OverlapPair(clauses[a], clauses[b], round(similarity, 4)) for (a, b), similarity in pairs.items()]
    return sorted(result, key=lambda p: (-p.similarity, p.first.document, p.first.start, p.second.start))


def iter_clauses(document: LegalDocument, index: int, min_chars: int = DEFAULT_MIN_CHARS) -> Iterable[ClauseLocation]:
    """The smallest units of a text with enough words to compare."""
    text = document.text
    leaves = [(path, node) for path, node in document.iter_nodes() if not node.children]
    if leaves:
        for path, node in leaves:
            body = " ".join(text[node.start:node.end].split())
            if len(body) >= min_chars:
                yield ClauseLocation(index, document.source, document.number, _unit_label(path + (node,)),
                                     node.start, node.end, body)
        return
    for match in re.finditer(r"[^\n]+", text[document.body_start:document.body_end or len(text)]):
        body = " ".join(match.group(0).split())
        if len(body) >= min_chars and not body.startswith("|"):
            start = document.body_start + match.start()
            yield ClauseLocation(index, document.source, document.number, f"đoạn {start}", start,
                                 document.body_start + match.end(), body)


_NAMES = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm",
          "section": "mục", "item": "", "phu_luc": "Phụ lục"}


def _unit_label(path: tuple[StructureNode, ...]) -> str:
    """"Điều 5 khoản 2 điểm a" for articles; "III.2.a" for plans."""
    if any(node.kind == "dieu" for node in path):
        return " ".join(f"{_NAMES[n.kind]} {n.label}" for n in path if n.kind in ("dieu", "khoan", "diem"))
    return ".".join(n.label for n in path if n.label)


# --- Overlap and conflict between provisions (issue 15) ---------------------------------------------------
#
# Textual similarity is not overlap: two clauses overlap when they set, for the same object, the same kind
# of value for the same act from the same trigger. Each clause is read into a ProvisionFrame
# (analyzer.parse.legal.frames); boilerplate, definitions and scope clauses are never compared (their
# function is read by the clause-function model). Two time limits are compared when
#   - the clauses belong to different enacting texts (a Pháp điển article counts as its source text),
#   - their objects (article headings without "Thời hạn", "Thủ tục" …) share OBJECT_SIMILARITY of their
#     content words,
#   - the acts they govern ("cấp giấy chuyển hộ khẩu cho công dân") share GOVERNS_SIMILARITY,
#   - and their triggers agree (both run from receipt of the dossier, or share half their words).
# Equal limits are a duplication; different ones a conflict, where the higher-ranked text prevails
# (Luật Ban hành văn bản quy phạm pháp luật 2015 Điều 156 khoản 2).

OBJECT_SIMILARITY = 0.7
GOVERNS_SIMILARITY = 0.6
_COMPARED_FUNCTIONS = frozenset({"obligation", "procedure_step", "condition", "transitional"})
_STOP_WORDS = frozenset(
    "của và các việc đối với trong theo quy định được cho tại về thực hiện thủ tục trường hợp khi là có người "
    "này đó phải trách nhiệm công dân cơ quan".split()
)
_RECEIPT = re.compile(r"\b(?:tiếp\s+)?nhận\b.*\b(?:hồ\s+sơ|giấy\s+tờ|yêu\s+cầu|đề\s+nghị)", re.IGNORECASE)
# Luật Ban hành văn bản quy phạm pháp luật 2015 Điều 4: the kinds whose rank the vocabulary leaves to the
# issuer. A decision of a provincial People's Committee (khoản 13) ranks below every central text.
_ISSUER_RANKS = ((re.compile(r"Ủy\s+ban\s+nhân\s+dân\s+(?:tỉnh|thành\s+phố)", re.IGNORECASE), 13),
                 (re.compile(r"Thủ\s+tướng", re.IGNORECASE), 6))
_UNRANKED = 99


@dataclass(frozen=True)
class ProvisionPair:
    """Two clauses of different texts that set a value for the same act: duplication or conflict."""

    kind: str  # "duplication" | "conflict"
    first: "ProvisionFrame"
    second: "ProvisionFrame"
    first_value: str
    second_value: str
    first_rank: int
    second_rank: int

    @property
    def prevails(self) -> str | None:
        """"first" / "second": the higher-ranked text; None when both rank alike (the later text prevails
        then, Điều 156 khoản 3, and the parser does not date Pháp điển articles)."""
        if self.first_rank == self.second_rank:
            return None
        return "first" if self.first_rank < self.second_rank else "second"

    def row(self) -> dict[str, object]:
        """What a reviewer sees side by side: both texts, their units, offsets, values and rank."""
        def side(frame: "ProvisionFrame", value: str, rank: int) -> dict[str, object]:
            return {"document": frame.document, "source": frame.source, "text_kind": frame.source_kind,
                    "text_number": frame.source_number, "unit": frame.unit, "start": frame.start, "end": frame.end,
                    "clause": frame.text, "object": frame.object, "value": value,
                    "rank": rank if rank != _UNRANKED else None}
        return {"kind": self.kind, "first": side(self.first, self.first_value, self.first_rank),
                "second": side(self.second, self.second_value, self.second_rank), "prevails": self.prevails}


def text_rank(kind: str | None, issuer: str | None = None, resources: "Resources | None" = None) -> int:
    """The place of a text kind in the hierarchy (1 = Hiến pháp); UBND decisions by their issuer."""
    vocabulary = (resources.vocabulary if resources is not None else None) or default_vocabulary()
    if kind in vocabulary.kind_ranks:
        return vocabulary.kind_ranks[kind]
    for pattern, rank in _ISSUER_RANKS:
        if issuer and pattern.search(issuer):
            return rank
    return _UNRANKED


def comparable_frames(documents: Sequence[LegalDocument]) -> list["ProvisionFrame"]:
    """The frames that set a time limit and whose function is compared (never boilerplate)."""
    from analyzer.parse.legal.clause_function import clause_function
    from analyzer.parse.legal.frames import read_frames

    frames = []
    for index, document in enumerate(documents):
        for frame in read_frames(document, index):
            if frame.time_limits and frame.object_key and clause_function(frame.heading, frame.text) in _COMPARED_FUNCTIONS:
                frames.append(frame)
    return frames


def find_provision_pairs(documents: Sequence[LegalDocument], resources: "Resources | None" = None,
                         object_similarity: float = OBJECT_SIMILARITY,
                         governs_similarity: float = GOVERNS_SIMILARITY) -> list[ProvisionPair]:
    """Duplications and conflicts between clauses of different texts, conflicts first."""
    frames = comparable_frames(documents)
    issuers = [document.issuer for document in documents]
    by_object: dict[str, list["ProvisionFrame"]] = {}
    for frame in frames:
        for word in _content_words(frame.object_key):
            by_object.setdefault(word, []).append(frame)
    seen: set[tuple[object, ...]] = set()
    pairs: list[ProvisionPair] = []
    for a_index, first in enumerate(frames):
        candidates = {id(f): f for word in _content_words(first.object_key) for f in by_object.get(word, ())}
        for second in candidates.values():
            if second is first or first.text_id == second.text_id or first.text == second.text:
                continue
            key = tuple(sorted([(first.text_id, first.unit, first.text), (second.text_id, second.unit, second.text)]))
            if key in seen or _similarity(first.object_key, second.object_key) < object_similarity:
                continue
            seen.add(key)
            match = _matching_limits(first, second, governs_similarity)
            if match is None:
                continue
            limit_a, limit_b = match
            a, b = (first, second) if (first.text_id, first.start) <= (second.text_id, second.start) else (second, first)
            if a is not first:
                limit_a, limit_b = limit_b, limit_a
            pairs.append(ProvisionPair(
                kind="duplication" if limit_a.key == limit_b.key else "conflict", first=a, second=b,
                first_value=str(limit_a), second_value=str(limit_b),
                first_rank=text_rank(a.source_kind, issuers[a.document], resources),
                second_rank=text_rank(b.source_kind, issuers[b.document], resources),
            ))
    return sorted(pairs, key=lambda p: (p.kind != "conflict", p.first.document, p.first.start, p.second.start))


def _matching_limits(first: "ProvisionFrame", second: "ProvisionFrame", governs_similarity: float):
    """The first pair of time limits of the two clauses that govern the same act from the same trigger."""
    for x in first.time_limits:
        for y in second.time_limits:
            if len(_content_words(x.governs)) < 2 or len(_content_words(y.governs)) < 2:
                continue
            if _similarity(x.governs, y.governs) < governs_similarity:
                continue
            both_receipt = bool(_RECEIPT.search(x.trigger) and _RECEIPT.search(y.trigger))
            if both_receipt or _similarity(x.trigger, y.trigger) >= 0.5:
                return x, y
    return None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", match_key(text)) if len(w) > 1 and w not in _STOP_KEYS}


_STOP_KEYS = frozenset(match_key(w) for w in _STOP_WORDS)


def _similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words."""
    wa, wb = _content_words(a), _content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def overlap_findings(documents: Sequence[LegalDocument], overrides: "Mapping[str, Any] | None" = None,
                     resources: "Resources | None" = None) -> list[tuple[int, "TextFinding"]]:
    """(document index, finding) of the enabled pair rules (rules.yaml ``provision_conflict``,
    ``provision_duplication``) across all the texts given together; the finding sits on the clause to
    revise (the lower-ranked one) and names the other in its params."""
    from analyzer.detect.legal_text import load_text_rules

    rules = load_text_rules(overrides)
    results = []
    for rule_id, kind in (("provision_conflict", "conflict"), ("provision_duplication", "duplication")):
        if rules[rule_id].enabled:
            pairs = find_provision_pairs(documents, resources, **_pair_params(rules[rule_id]))
            results.extend((_anchor(p)[0].document, _pair_finding(p, rules[rule_id], documents))
                           for p in pairs if p.kind == kind)
    return results


def pair_findings(documents: Sequence[LegalDocument], rule: "TextRule", kind: str,
                  resources: "Resources | None" = None) -> list["TextFinding"]:
    """The findings of one pair rule on these documents (one document: its Pháp điển source texts)."""
    pairs = find_provision_pairs(documents, resources, **_pair_params(rule))
    return [_pair_finding(p, rule, documents) for p in pairs if p.kind == kind]


def _pair_params(rule: "TextRule") -> dict[str, float]:
    return {"object_similarity": float(rule.params["object_similarity"]),
            "governs_similarity": float(rule.params["governs_similarity"])}


def _anchor(pair: ProvisionPair) -> tuple["ProvisionFrame", str, "ProvisionFrame", str]:
    """(clause to revise, its value, the other clause, its value): the lower-ranked text is revised."""
    if pair.prevails == "second" or pair.prevails is None:
        return pair.first, pair.first_value, pair.second, pair.second_value
    return pair.second, pair.second_value, pair.first, pair.first_value


def _text_name(frame: "ProvisionFrame") -> str:
    """"Luật 81/2006/QH11"; a text without a number by its kind and file ("Luật (luat.txt)")."""
    if frame.source_number:
        return " ".join(part for part in (frame.source_kind, frame.source_number) if part)
    file = (frame.source or "").rsplit("/", 1)[-1]
    return f"{frame.source_kind or 'Văn bản'} ({file})" if file else (frame.source_kind or "văn bản")


def _pair_finding(pair: ProvisionPair, rule: "TextRule", documents: Sequence[LegalDocument]) -> "TextFinding":
    from analyzer.parse.legal.model import LegalGroundRef, TextFinding
    from analyzer.parse.legal.patterns import collapse

    frame, value, other, other_value = _anchor(pair)
    if pair.prevails is None:
        prevails = "Hai văn bản cùng cấp: áp dụng văn bản ban hành sau."
    else:
        prevails = f"Áp dụng quy định của {_text_name(other)} (văn bản có hiệu lực pháp lý cao hơn)."
    act = next((t.governs for t in frame.time_limits if str(t) == value), "") or (frame.object or "")
    message = rule.message.format(unit=frame.unit, text=_text_name(frame), value=value, other_unit=other.unit,
                                  other_text=_text_name(other), other_value=other_value, act=act, prevails=prevails)
    return TextFinding(
        rule=rule.id, severity=rule.severity, message=collapse(message), text=frame.text, start=frame.start,
        end=frame.end, node=frame.unit,
        legal_ground=[LegalGroundRef(document=g.document, article=g.article) for g in rule.legal_ground],
        params={"kind": pair.kind, "value": value, "other_value": other_value, "prevails": pair.prevails,
                "pair": pair.row()},
    )


def provision_rows(documents: Sequence[LegalDocument], resources: "Resources | None" = None) -> list[dict[str, object]]:
    """Rows for a side-by-side view (the app's legal page): per pair, both texts with their units, offsets,
    clause text, object, value and rank, the kind (conflict / duplication) and which text prevails."""
    return [pair.row() for pair in find_provision_pairs(documents, resources)]
