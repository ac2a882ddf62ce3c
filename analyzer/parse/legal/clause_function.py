"""What a clause of a legal text does: obligation, procedure step, condition, definition, scope,
boilerplate (enactment, entry into force, implementation, delegation), transitional, or other.

A small multinomial logistic regression over word 1-2-grams of the article heading and the clause,
trained on the hand-labelled clauses of ``corpus/gold/legal/clauses.yaml`` by
``analyzer.parse.legal.clause_model_build``. The model is stored as reviewable JSON (vocabulary, idf,
coefficients, intercepts, held-out accuracy) in ``analyzer/data/clause_model.json``: prediction is a dot
product here, without scikit-learn or a pickle.

Boilerplate is never compared by the overlap detector, so it is also recognised by its headings
(``BOILERPLATE_HEADING``): a heading says "Hiệu lực thi hành" more reliably than any model can.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_resources
from typing import Sequence

from analyzer.text import match_key

FUNCTIONS = ("obligation", "procedure_step", "condition", "definition", "scope", "boilerplate", "transitional",
             "other")
BOILERPLATE_HEADING = re.compile(
    r"hiệu\s+lực(?:\s+thi\s+hành)?|trách\s+nhiệm\s+thi\s+hành|tổ\s+chức\s+thực\s+hiện|điều\s+khoản\s+thi\s+hành|"
    r"quy\s+định\s+chi\s+tiết(?:\s+và\s+hướng\s+dẫn\s+thi\s+hành)?|hướng\s+dẫn\s+thi\s+hành|thi\s+hành\s+(?:luật|nghị\s+định)",
    re.IGNORECASE,
)
BOILERPLATE_TEXT = re.compile(
    r"chịu\s+trách\s+nhiệm\s+thi\s+hành|có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?(?:kể\s+)?từ\s+ngày|"
    r"(?:Chính\s+phủ|Bộ\s+trưởng[^.;]{0,60}?)\s+quy\s+định\s+chi\s+tiết|hết\s+hiệu\s+lực",
    re.IGNORECASE,
)
TRANSITIONAL_HEADING = re.compile(r"chuyển\s+tiếp", re.IGNORECASE)


def features(heading: str | None, text: str) -> list[str]:
    """Word 1-2-grams of the clause, and of the heading prefixed "h:" (the heading says what the article
    governs; the clause says how)."""
    grams: list[str] = []
    for prefix, part in (("h:", heading or ""), ("", text[:400])):
        words = re.findall(r"\w+", match_key(part))
        grams += [prefix + w for w in words] + [f"{prefix}{a}_{b}" for a, b in zip(words, words[1:])]
    return grams


@dataclass(frozen=True)
class ClauseModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coefficients: tuple[tuple[float, ...], ...]  # one row per label, one column per vocabulary entry
    intercepts: tuple[float, ...]
    accuracy: float | None = None  # held-out accuracy recorded by the builder

    @classmethod
    def from_dict(cls, data: dict) -> ClauseModel:
        return cls(labels=tuple(data["labels"]), vocabulary=dict(data["vocabulary"]), idf=tuple(data["idf"]),
                   coefficients=tuple(tuple(row) for row in data["coefficients"]),
                   intercepts=tuple(data["intercepts"]), accuracy=data.get("held_out", {}).get("accuracy"))

    def scores(self, heading: str | None, text: str) -> dict[str, float]:
        """Probabilities per label (softmax of the linear scores over the l2-normalised tf-idf vector)."""
        counts: dict[int, float] = {}
        for gram in features(heading, text):
            column = self.vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0.0) + 1.0
        vector = {c: (1.0 + math.log(n)) * self.idf[c] for c, n in counts.items()}  # sublinear tf
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        raw = [b + sum(row[c] * v / norm for c, v in vector.items()) for row, b in zip(self.coefficients, self.intercepts)]
        top = max(raw)
        exps = [math.exp(r - top) for r in raw]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps)}

    def predict(self, heading: str | None, text: str) -> str:
        scores = self.scores(heading, text)
        return max(scores, key=scores.__getitem__)


@lru_cache(maxsize=1)
def packaged_model() -> ClauseModel:
    """The model shipped in analyzer/data/clause_model.json (immutable, so caching it is safe)."""
    text = package_resources.files("analyzer").joinpath("data/clause_model.json").read_text(encoding="utf-8")
    return ClauseModel.from_dict(json.loads(text))


def clause_function(heading: str | None, text: str, model: ClauseModel | None = None) -> str:
    """The function of a clause: boilerplate and transitional by their cues first, then the model."""
    if (heading and BOILERPLATE_HEADING.search(heading)) or BOILERPLATE_TEXT.search(text[:300]):
        return "boilerplate"
    if heading and TRANSITIONAL_HEADING.search(heading):
        return "transitional"
    return (model or packaged_model()).predict(heading, text)


def accuracy(model: ClauseModel, rows: Sequence[tuple[str | None, str, str]]) -> float:
    """Share of (heading, text, label) rows whose predicted function is the label."""
    return sum(clause_function(h, t, model) == label for h, t, label in rows) / len(rows) if rows else 0.0
