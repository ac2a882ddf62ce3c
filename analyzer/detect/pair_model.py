"""Are two papers (or two steps) of one procedure the same? A small pairwise model that survives paraphrase.

A published dossier repeats a paper in many disguises: "Chứng từ chuyển tiền - Bản gốc" and "01 bản chứng từ
chuyển tiền - Bản gốc", a name and its head, an abbreviation and its full form. Look-alikes are not repeats:
instalments ("lần 1" / "lần 2"), each party's copy, two forms of one kind ("Mẫu số 01" / "Mẫu số 02").

``PairFeatures`` (a scikit-learn transformer: ``fit`` learns the character n-gram TF-IDF of the names it is
given) turns a pair of texts into a few interpretable features; a logistic regression weighs them. The fitted
model is a reviewable JSON artefact (``analyzer/data/pair_model_<kind>.json``: features, coefficients, the
n-gram vocabulary with its IDF, the threshold chosen on a held-out split and its precision and recall), never a
pickle. ``python -m analyzer.batch.pair_model_build`` rebuilds it from the real corpus.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from analyzer.text.keys import fold, match_key

PairKind = Literal["papers", "steps"]
ARTEFACT = "pair_model_{kind}.json"
FEATURES = (
    "char_cosine", "token_jaccard", "containment", "head_match", "same_core", "length_ratio",
    "numbers_differ", "forms_differ", "party_differs", "copy_kind_differs",
)

# Wording that changes nothing about which paper it is: counts, copy kind, form references, list markers.
# Every pattern is written for folded text (no diacritics, lower case): a name typed without marks ("01 bo don de
# nghi", "GIAY DE NGHI ... THEO MAU SO 12") is read the same way as one with them.
_LIST_MARKER = re.compile(r"^\s*(?:[-+•*–]+\s*)*(?:\(?(?:[ivxlcdm]{1,5}|[a-zđ]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+)?", re.I)
_STEP_HEAD = re.compile(r"^\s*(?:buoc\s*\d+\s*[:.\-–]?\s*)")
_COUNT = re.compile(r"(?<!\w)(?:\d{1,2}|mot|hai|ba|bon|nam)\s+(?:ban|bo)(?!\w)(?:\s+(?:chinh|sao|goc|photo|chup))?")
_COPY_KIND = re.compile(
    r"(?<!\w)(?:ban\s+sao\s+(?:co\s+)?(?:chung\s+thuc|cong\s+chung|hop\s+le|y\s+ban\s+chinh|y)|ban\s+sao|ban\s+chinh"
    r"|ban\s+goc|ban\s+chup|ban\s+photo(?:copy)?|ban\s+dien\s+tu|co\s+chung\s+thuc|co\s+cong\s+chung"
    r"|sao\s+y(?:\s+ban\s+chinh)?)(?!\w)")
# "theo Mẫu số 02 ...", ", lập theo Mẫu số 3": a numbered form and what qualifies it, up to the next break
# (neither runs over an instalment or a round: "... theo Mẫu số 01 Phụ lục I lần 2" is the second instalment)
_UNTIL_ROUND = r"(?:(?!(?<!\w)(?:lan|dot)\s+(?:thu\s+)?\w+(?!\w))"
_FORM = re.compile(r"(?<!\w)(?:(?:lap|ban\s+hanh)\s+)?(?:theo\s+)?(?:mau|bieu\s+mau)(?:\s+so)?\s*[\w./\-]*\d[\w./\-]*"
                   + _UNTIL_ROUND + r"[^,;()])*")
# "theo mẫu", "theo mẫu đính kèm", "theo mẫu quy định": a form without its number
_PLAIN_FORM = re.compile(r"(?<!\w)(?:lap\s+)?theo\s+(?:mau|bieu\s+mau)(?:\s+(?:dinh\s+kem|kem\s+theo|quy\s+dinh|thong\s+nhat"
                         r"|ban\s+hanh))?(?!\w)")
# Where the form or the rule is laid down ("ban hành kèm (theo) Thông tư số ...", "quy định tại khoản 3 Điều 15 ...",
# "theo quy định của pháp luật"): the text that sets the paper, not the paper; it runs to the end of the clause.
_LEGAL_REFERENCE = re.compile(
    r"(?<!\w)(?:(?:duoc\s+)?ban\s+hanh\s+kem(?:\s+theo)?|kem\s+theo(?=\s+(?:thong\s+tu|nghi\s+dinh|quyet\s+dinh|luat)(?!\w))"
    r"|(?:theo\s+)?quy\s+dinh\s+tai|tai(?=\s+(?:phu\s+luc|dieu|khoan|diem)(?!\w)))(?!\w)" + _UNTIL_ROUND + r"[^;])*"
    r"|(?<!\w)theo\s+quy\s+dinh(?:\s+cua\s+phap\s+luat)?(?!\w)")
_PARENS = re.compile(r"\([^()]*\)")
_NUMBER = re.compile(r"(?<!\w)(?:\d+|lan\s+\w+|dot\s+\w+|thu\s+\w+)(?!\w)")
_FORM_ID = re.compile(r"(?:mau|bieu\s+mau)(?:\s+so)?\s*([\w./\-]*\d[\w./\-]*)")
# Connectives a repeated step may open with ("Sau đó,", "Tiếp theo,", "Kế đến,", "Sau bước trên,").
OPENERS = ("sau đó", "tiếp theo", "tiếp đó", "tiếp đến", "kế tiếp", "kế đến", "kế đó", "sau bước trên", "sau bước này",
           "sau bước đó", "bước tiếp theo", "cuối cùng", "sau cùng", "trước hết", "đầu tiên")


def _alternation(phrases: Sequence[str]) -> str:
    """A regex alternation of phrases, longest first, each space matching any run of spaces."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


_OPENERS = re.compile(rf"^(?:{_alternation([fold(o) for o in OPENERS])})(?!\w)\s*,?\s*")
_RAW_OPENER = re.compile(rf"^\s*(?:{_alternation(OPENERS)})(?!\w)\s*,?\s*", re.IGNORECASE)


def without_opener(text: str) -> str:
    """A step's text without the connective it opens with ("Sau đó, - Cá nhân nộp ..." -> "- Cá nhân nộp ...")."""
    return _RAW_OPENER.sub("", text, count=1)


# Near-synonym verbs of steps, folded form -> the form they are read as.
_STEP_SYNONYMS = (
    (re.compile(r"(?<!\w)(?:xem xet,? )+tham dinh(?!\w)"), "tham dinh"),
    (re.compile(r"(?<!\w)kiem tra lai(?!\w)"), "kiem tra"),
    (re.compile(r"(?<!\w)tiep nhan(?!\w)"), "nhan"),
)
PARTIES = (
    "bên bán", "bên mua", "bên cho thuê", "bên thuê", "bên tặng cho", "bên nhận", "bên chuyển nhượng",
    "bên nhận chuyển nhượng", "bên a", "bên b", "cha", "mẹ", "vợ", "chồng", "con", "người giám hộ",
    "người được giám hộ", "người ủy quyền", "người được ủy quyền", "chủ hộ", "người chết", "người lao động",
    "tiền mặt", "chuyển khoản", "tiếng việt", "tiếng anh", "nước ngoài", "trong nước",
)
_PARTY = re.compile("|".join(rf"(?<!\w){re.escape(fold(p))}(?!\w)" for p in sorted(PARTIES, key=len, reverse=True)))


@lru_cache(maxsize=8)
def _abbreviation_pattern(items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    if not items:
        return None
    # each short form also as typed without marks ("QSDD" for "QSDĐ")
    full_of = {variant: full for short, full in items for variant in (short.lower(), fold(short))}
    body = "|".join(re.escape(v) for v in sorted(full_of, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), full_of


def _expand(text: str, abbreviations: Mapping[str, str]) -> str:
    """Abbreviations (GCN, QSDĐ, UBND …) written out, whatever their case, so both forms compare alike."""
    compiled = _abbreviation_pattern(tuple(sorted(abbreviations.items())))
    if compiled is None:
        return text
    pattern, full_of = compiled
    return pattern.sub(lambda m: full_of[m.group(0).lower()], text)


def folded(text: str) -> str:
    """The text as the patterns of this module read it: normalised, lower case, without diacritics."""
    return fold(text or "")


def canonical(text: str, kind: PairKind = "papers", abbreviations: Mapping[str, str] | None = None) -> str:
    """The folded words that name the paper or the step, without counts, copy kind, forms, legal references and
    remarks (papers), or connective openers (steps)."""
    text = folded(_expand(text or "", abbreviations or {}))
    text = _STEP_HEAD.sub("", text) if kind == "steps" else _LIST_MARKER.sub("", text, count=1)
    text = _PARENS.sub(" ", text)
    if kind == "papers":
        text = _LEGAL_REFERENCE.sub(" ", text)
        text = _PLAIN_FORM.sub(" ", _FORM.sub(" ", _COPY_KIND.sub(" ", _COUNT.sub(" ", text))))
    else:
        text = _OPENERS.sub("", text.strip())
    words = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    if kind == "steps":
        for pattern, replacement in _STEP_SYNONYMS:
            words = pattern.sub(replacement, words)
    return words


def aligned(a: str, b: str) -> tuple[str, str]:
    """Two canonical paper names with a leading "ban" (one copy of, a count without its number: "Bản sơ yếu lý
    lịch ...", "Bản các tài liệu ...") dropped where the other name goes on with the words that follow it."""
    for x, y in ((a, b), (b, a)):
        rest = x[4:] if x.startswith("ban ") and not y.startswith("ban ") else None
        if rest and rest.split()[:2] == y.split()[:2]:
            return (rest, y) if x is a else (y, rest)
    return a, b


def _copy_kind(text: str) -> str:
    found = _COPY_KIND.search(folded(text))
    return " ".join(found.group(0).split()) if found else ""


def _forms(text: str) -> set[str]:
    return {m.group(1).strip(".-/") for m in _FORM_ID.finditer(folded(text))}


def _numbers(text: str) -> set[str]:
    without_forms = _FORM_ID.sub(" ", _COUNT.sub(" ", folded(text)))
    return {" ".join(m.group(0).split()) for m in _NUMBER.finditer(without_forms)}


def _parties(text: str) -> set[str]:
    return set(_PARTY.findall(folded(text)))


class PairFeatures(BaseEstimator, TransformerMixin):
    """Pairs of raw texts -> the FEATURES matrix. ``fit`` learns the character n-grams' IDF from the texts."""

    def __init__(self, kind: PairKind = "papers", abbreviations: Mapping[str, str] | None = None,
                 max_features: int = 6000) -> None:
        self.kind = kind
        self.abbreviations = abbreviations
        self.max_features = max_features

    def _vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=2, max_features=self.max_features,
                               sublinear_tf=True, dtype=np.float32)

    def fit(self, pairs: Sequence[tuple[str, str]], y: Any = None) -> "PairFeatures":
        texts = sorted({canonical(t, self.kind, self.abbreviations) for pair in pairs for t in pair})
        self.vectorizer_ = self._vectorizer().fit(texts)
        return self

    def cosine(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Character n-gram TF-IDF cosine of already canonical texts, pair by pair."""
        a_vectors, b_vectors = self.vectorizer_.transform(left), self.vectorizer_.transform(right)
        return np.asarray(a_vectors.multiply(b_vectors).sum(axis=1)).ravel()

    def transform(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        left = [canonical(a, self.kind, self.abbreviations) for a, _ in pairs]
        right = [canonical(b, self.kind, self.abbreviations) for _, b in pairs]
        if self.kind == "papers":
            left, right = (list(side) for side in zip(*map(aligned, left, right))) if pairs else (left, right)
        cosine = self.cosine(left, right)
        rows = []
        for (raw_a, raw_b), a, b, cos in zip(pairs, left, right, cosine):
            wa, wb = a.split(), b.split()
            sa, sb = set(wa), set(wb)
            common = len(sa & sb)
            shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            na, nb = _numbers(a), _numbers(b)  # what the references set aside leave: "lần 2", "khóa 3"
            fa, fb = _forms(raw_a), _forms(raw_b)
            pa, pb = _parties(raw_a), _parties(raw_b)
            rows.append((
                float(cos),
                common / len(sa | sb) if sa | sb else 0.0,
                common / min(len(sa), len(sb)) if sa and sb else 0.0,
                float(bool(shorter) and len(shorter) >= 2 and longer[:len(shorter)] == shorter),
                float(bool(wa) and sorted(wa) == sorted(wb)),  # the same words, in any order
                min(len(wa), len(wb)) / max(len(wa), len(wb), 1),
                float(na != nb),
                float(bool(fa) and bool(fb) and not fa & fb),  # "Mẫu 01" / "Mẫu 02"; "Mẫu 01" / "Mẫu 01, Mẫu 02" agree
                float(pa != pb),
                float(_copy_kind(raw_a) != _copy_kind(raw_b)),
            ))
        return np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))


@dataclass(frozen=True)
class PairModel:
    """The fitted model as reviewable data, with what it was measured at on its held-out split."""

    kind: PairKind
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float
    vocabulary: Mapping[str, int]
    idf: tuple[float, ...]
    metrics: Mapping[str, Any] = field(default_factory=dict)
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    _features: PairFeatures = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Rebuilt once per loaded model: rebuilding the vectoriser per call would dominate the cost.
        object.__setattr__(self, "_features", self.transformer())

    def transformer(self) -> PairFeatures:
        features = PairFeatures(kind=self.kind, abbreviations=self.abbreviations)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True,
                                     vocabulary=dict(self.vocabulary), dtype=np.float32)
        vectorizer.idf_ = np.asarray(self.idf, dtype=np.float64)
        features.vectorizer_ = vectorizer
        return features

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros(0)
        x = self._features.transform(pairs)
        z = x @ np.asarray(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def probability(self, a: str, b: str) -> float:
        return float(self.probabilities([(a, b)])[0])

    def same(self, a: str, b: str) -> bool:
        return self.probability(a, b) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "features": list(self.features), "coefficients": list(self.coefficients),
            "intercept": self.intercept, "threshold": self.threshold, "metrics": dict(self.metrics),
            "abbreviations": dict(self.abbreviations), "idf": list(self.idf),
            "vocabulary": dict(sorted(self.vocabulary.items(), key=lambda kv: kv[1])),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "pair model") -> "PairModel":
        if tuple(data.get("features") or ()) != FEATURES:
            raise ValueError(f"{origin}: features {data.get('features')} differ from the code's {list(FEATURES)}: rebuild it")
        if len(data["idf"]) != len(data["vocabulary"]):
            raise ValueError(f"{origin}: idf and vocabulary differ in length")
        return cls(kind=data["kind"], features=FEATURES, coefficients=tuple(float(c) for c in data["coefficients"]),
                   intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                   vocabulary={str(k): int(v) for k, v in data["vocabulary"].items()},
                   idf=tuple(float(v) for v in data["idf"]), metrics=dict(data.get("metrics") or {}),
                   abbreviations=dict(data.get("abbreviations") or {}))


def read_model(path: str | Path) -> PairModel:
    path = Path(path)
    return PairModel.from_dict(json.loads(path.read_text(encoding="utf-8")), origin=str(path))


@lru_cache(maxsize=2)
def packaged_model(kind: PairKind) -> PairModel:
    name = ARTEFACT.format(kind=kind)
    data = json.loads(resources.files("analyzer.data").joinpath(name).read_text(encoding="utf-8"))
    return PairModel.from_dict(data, origin=name)


_MODEL_CACHE = "detect.pair_model.{kind}"


def model_for(resources: Any, kind: PairKind) -> PairModel:
    """The pair model of ``kind`` that ``resources`` carries (its data folder's artefact or the packaged one),
    built once per Resources instance and kept in its cache."""
    cache_key = _MODEL_CACHE.format(kind=kind)
    model = resources.cache.get(cache_key)
    if model is None:
        model = PairModel.from_dict(resources.pair_model_data(kind), origin=ARTEFACT.format(kind=kind))
        resources.cache[cache_key] = model
    return model
