"""Document-name canonicalisation: map the many spellings of one paper to a curated id.

"Bản sao Giấy khai sinh", "Giấy khai sinh (bản sao)" and "c) 01 bản chính giấy khai sinh;" all
become the key "giấy khai sinh" (``document_key``) and the id ``giay_khai_sinh``
(``DocumentCanonicalizer``). Names outside the curated list (analyzer/data/documents.yaml) keep
their key, which detectors compare directly or with ``similar``.

Vectors are character n-grams (2-4, inside word boundaries) of the keys, hashed so that n-grams
never seen in the curated aliases still count in a name's norm: an unknown name cannot look like a
curated one just because its unknown n-grams were dropped. IDF weights come from the aliases.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.utils.validation import check_is_fitted

from analyzer.nlp.document_keys import document_key, head_key, is_application
from analyzer.nlp.resources import DOCUMENTS_FILE
from analyzer.resources import CuratedDocument, ResourceError, Resources

# On 100 hand-labelled portal-docx names: precision 1.00 / recall 0.90 at 0.85; 0.89 / 0.90 at 0.80.
DEFAULT_THRESHOLD = 0.85


class CanonicalMatch(NamedTuple):
    id: str | None
    score: float
    name_key: str


def _check_keys(documents: Sequence[CuratedDocument]) -> None:
    """Two curated documents must not share a name's key (the canonicaliser could not tell them apart)."""
    owners: dict[str, str] = {}
    for document in documents:
        for name in document.names:
            owner = owners.setdefault(document_key(name), document.id)
            if owner != document.id:
                raise ResourceError(f"{DOCUMENTS_FILE}: {name!r} of {document.id} has the key of a name of {owner}")


@lru_cache(maxsize=1)
def load_documents() -> tuple[CuratedDocument, ...]:
    """The packaged curated list (Resources.default().documents), its name keys checked."""
    documents = Resources.default().documents
    _check_keys(documents)
    return documents


def documents_by_id() -> dict[str, CuratedDocument]:
    return {document.id: document for document in load_documents()}


def _hashing(ngram_range: tuple[int, int]) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char_wb", ngram_range=ngram_range, n_features=2**20, alternate_sign=False, norm=None
    )


class DocumentCanonicalizer(TransformerMixin, BaseEstimator):
    """Maps document names to curated ids by cosine similarity of character n-gram vectors.

    ``fit(X=None, y=None)`` learns from the curated list (``X`` = names and aliases, ``y`` = ids when
    given); ``transform(names)`` returns one :class:`CanonicalMatch` per name: the best id when its
    score reaches ``threshold``, else ``id=None`` with the best score seen.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, ngram_range: tuple[int, int] = (2, 4)):
        self.threshold = threshold
        self.ngram_range = ngram_range

    def fit(self, X: Iterable[str] | None = None, y: Sequence[str] | None = None) -> DocumentCanonicalizer:
        if X is None:
            pairs = [(name, d.id) for d in load_documents() for name in d.names]
        else:
            names = list(X)
            if y is None or len(y) != len(names):
                raise ValueError("fit(X, y) needs one id in y for each name in X")
            pairs = list(zip(names, y))
        keys = [document_key(name) for name, _ in pairs]
        self.vectorizer_ = _hashing(self.ngram_range)
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(self.vectorizer_.transform(keys))
        self.alias_keys_ = keys
        self.alias_applications_ = np.array([is_application(key) for key in keys])
        self.alias_ids_ = np.array([doc_id for _, doc_id in pairs], dtype=object)
        self.alias_matrix_ = self._vectors(keys)
        self.exact_ = {key: doc_id for key, (_, doc_id) in zip(keys, pairs)}
        return self

    def _vectors(self, keys: Sequence[str]):
        return self.tfidf_.transform(self.vectorizer_.transform(keys))

    def _best(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        scores = (self._vectors(keys) @ self.alias_matrix_.T).toarray()
        # an application only matches an application and a document only a document
        applications = np.array([is_application(key) for key in keys])
        scores[applications[:, None] != self.alias_applications_[None, :]] = 0.0
        best = scores.argmax(axis=1)
        return best, scores[np.arange(len(keys)), best]

    def transform(self, names: Iterable[str]) -> list[CanonicalMatch]:
        check_is_fitted(self, "alias_matrix_")
        keys = [document_key(name) for name in names]
        if not keys:
            return []
        heads = [head_key(key) for key in keys]
        full_best, full_score = self._best(keys)
        head_best, head_score = self._best(heads)
        return [
            self._match(key, head, (full_best[i], full_score[i]), (head_best[i], head_score[i]))
            for i, (key, head) in enumerate(zip(keys, heads))
        ]

    def _match(self, key: str, head: str, full: tuple[int, float], head_hit: tuple[int, float]) -> CanonicalMatch:
        for candidate in (key, head):
            if candidate in self.exact_:
                return CanonicalMatch(self.exact_[candidate], 1.0, key)
        index, score = max(full, head_hit, key=lambda pair: pair[1])
        score = float(round(score, 4))
        doc_id = self.alias_ids_[index] if score >= self.threshold else None
        return CanonicalMatch(doc_id, score, key)

    def similar(self, a: str, b: str) -> float:
        """Cosine similarity of the two names' keys (1.0 for equal keys)."""
        check_is_fitted(self, "alias_matrix_")
        key_a, key_b = document_key(a), document_key(b)
        if key_a == key_b:
            return 1.0
        vectors = self._vectors([key_a, key_b])
        return float(round((vectors[0] @ vectors[1].T).toarray()[0, 0], 4))


_CANONICALIZER = "nlp.canonicalizer"  # the slot in Resources.cache


def canonicalizer_for(resources: Resources) -> DocumentCanonicalizer:
    """The canonicaliser fitted on ``resources.documents``, built on first use and kept in the
    resources' cache (one per Resources instance)."""
    found = resources.cache.get(_CANONICALIZER)
    if found is None:
        _check_keys(resources.documents)
        pairs = [(name, d.id) for d in resources.documents for name in d.names]
        found = resources.cache[_CANONICALIZER] = DocumentCanonicalizer().fit([n for n, _ in pairs], [i for _, i in pairs])
    return found


def default_canonicalizer() -> DocumentCanonicalizer:
    return canonicalizer_for(Resources.default())


def canonical_id(name: str) -> str | None:
    return default_canonicalizer().transform([name])[0].id


def similar(a: str, b: str) -> float:
    return default_canonicalizer().similar(a, b)
