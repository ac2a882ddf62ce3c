"""The one spaCy pipeline of the project: underthesea tokens, optional POS, entities, actions.

``build_pipeline`` is the only place that assembles it; ``get_pipeline`` caches the default one per
process (Dask workers and Streamlit's cache_resource call it). Importing this module loads spaCy but
not underthesea's models, which load on the first text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

# imported for their registrations (tokenizer and component factories)
from analyzer.nlp import actions, entities, pos, tokenizer
from analyzer.nlp.extensions import register_extensions

DEFAULT_CONFIG: dict[str, Any] = {
    "pos": False,  # underthesea POS tags; the whole pipeline gets ~7x slower
    "entities": True,
    "curated_documents": True,  # DOCUMENT phrase patterns from documents.yaml
    "actions": True,
    "actions_mode": "lexicon",  # or "pos" (needs "pos": True), or "auto"; lexicon scored best on real steps
    "extra_fixed_words": [],
}


def _settings(config: dict[str, Any] | None) -> dict[str, Any]:
    unknown = set(config or {}) - set(DEFAULT_CONFIG)
    if unknown:
        raise ValueError(f"unknown pipeline settings: {sorted(unknown)}; known: {sorted(DEFAULT_CONFIG)}")
    return {**DEFAULT_CONFIG, **(config or {})}


def build_pipeline(config: dict[str, Any] | None = None) -> Language:
    settings = _settings(config)
    register_extensions()
    tokenizer_config = {
        "@tokenizers": tokenizer.TOKENIZER_NAME,
        "extra_fixed_words": list(settings["extra_fixed_words"]),
    }
    # Giving the tokenizer here keeps spaCy's default Vietnamese tokenizer (which needs pyvi) out.
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": tokenizer_config}})
    if settings["pos"]:
        nlp.add_pipe(pos.POS_COMPONENT)
    if settings["entities"]:
        nlp.add_pipe(entities.ENTITY_COMPONENT, config={"curated_documents": settings["curated_documents"]})
    if settings["actions"]:
        nlp.add_pipe(actions.ACTIONS_COMPONENT, config={"mode": settings["actions_mode"]})
    return nlp


@lru_cache(maxsize=4)
def _cached_pipeline(pos_tags: bool) -> Language:
    return build_pipeline({"pos": pos_tags})


def get_pipeline(pos_tags: bool = False) -> Language:
    """The default pipeline, built once per process and shared (spaCy pipelines are reusable)."""
    return _cached_pipeline(pos_tags)
