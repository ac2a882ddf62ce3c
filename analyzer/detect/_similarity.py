"""Text helpers shared by the detectors: matching keys, clause spans for quoting, pairwise similarity."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from analyzer.text import match_key

# A clause ends at a line break, a semicolon, or a full stop followed by space or the end ("5.1" stays).
_CLAUSE_END = re.compile(r"\n+|;\s*|\.(?:\s+|$)")


@lru_cache(maxsize=65536)
def key(text: str | None) -> str:
    """The matching key of a text: canonical form, lower case, single spaces."""
    return " ".join(match_key(text or "").lower().split())


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the clauses of ``text``, trimmed, empty ones dropped; quoting works on these."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((start, match.start() + (1 if text[match.start()] == "." else 0)))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            trimmed.append((begin, end))
    return trimmed


def common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    """How many leading words two word lists share."""
    return len(os.path.commonprefix([list(a), list(b)]))


def word_count(text: str) -> int:
    return len(text.split())


def shorten(text: str, limit: int = 90) -> str:
    """A quote for a message: the text itself, cut at a word boundary with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def candidate_pairs(texts: Sequence[str], min_overlap: float = 0.3) -> list[tuple[int, int]]:
    """Pairs (i < j) whose word sets overlap enough to be worth a TF-IDF comparison.

    A cheap filter: most procedures have no near-duplicates, and fitting a vectoriser costs milliseconds.
    The overlap is |A ∩ B| / min(|A|, |B|), so a short text inside a longer one still qualifies.
    """
    words = [frozenset(re.findall(r"\w+", key(t))) for t in texts]
    pairs = []
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            smaller = min(len(words[i]), len(words[j]))
            if smaller and len(words[i] & words[j]) / smaller >= min_overlap:
                pairs.append((i, j))
    return pairs


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of the texts' TF-IDF vectors (word 1–2-grams and character 2–4-grams, averaged).

    Fitted on the texts themselves: words shared by every text of a procedure ("hồ sơ") weigh less, so
    what makes two steps or two documents the same is their specific vocabulary.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = [key(t) for t in texts]
    size = len(keys)
    if size < 2 or not any(keys):
        return np.eye(size)
    matrices = []
    for vectorizer in (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b", sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
    ):
        try:
            vectors = vectorizer.fit_transform(keys)
        except ValueError:  # every text empty for this analyzer (e.g. only punctuation)
            matrices.append(np.zeros((size, size)))
            continue
        matrices.append((vectors @ vectors.T).toarray())
    return np.clip(sum(matrices) / len(matrices), 0.0, 1.0)
