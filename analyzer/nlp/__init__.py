"""NLP layer: the spaCy pipeline (underthesea tokens, entities, step actions) and document names.

Importing this package is cheap; spaCy, underthesea and scikit-learn load on first use.

- ``build_pipeline(config) -> spacy.Language``, ``get_pipeline(pos_tags=False)`` (cached per process)
- ``Action`` (``doc._.actions``), ``extract_actions(doc, mode)``
- ``DocumentCanonicalizer``, ``CanonicalMatch``, ``document_key``, ``is_application``, ``similar``, ``canonical_id``,
  ``load_documents``, ``documents_by_id``, ``default_canonicalizer``
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "build_pipeline": "analyzer.nlp.pipeline",
    "get_pipeline": "analyzer.nlp.pipeline",
    "DEFAULT_CONFIG": "analyzer.nlp.pipeline",
    "Action": "analyzer.nlp.actions",
    "extract_actions": "analyzer.nlp.actions",
    "DocumentCanonicalizer": "analyzer.nlp.documents",
    "CanonicalMatch": "analyzer.nlp.documents",
    "CuratedDocument": "analyzer.nlp.documents",
    "document_key": "analyzer.nlp.document_keys",
    "is_application": "analyzer.nlp.document_keys",
    "similar": "analyzer.nlp.documents",
    "canonical_id": "analyzer.nlp.documents",
    "load_documents": "analyzer.nlp.documents",
    "documents_by_id": "analyzer.nlp.documents",
    "default_canonicalizer": "analyzer.nlp.documents",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analyzer.nlp' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
