"""Rule-based entities (DURATION, MONEY, LEGAL_REF, DOCUMENT, AGENCY) with spaCy's EntityRuler.

Patterns live in analyzer/data/nlp_patterns.json; the names of the curated documents
(analyzer/data/documents.yaml) are added as phrase patterns whose id is the document id, so a
DOCUMENT span from the curated list carries ``span.ent_id_``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler

from analyzer.nlp.resources import PATTERNS_FILE, read_json

ENTITY_COMPONENT = "tthc_entity_ruler"
LABELS = ("DURATION", "MONEY", "LEGAL_REF", "DOCUMENT", "AGENCY")


def _expand(value: Any, sets: dict[str, list[str]]) -> Any:
    """Replace "$NAME" strings by sets[NAME] (a list or a string), recursively."""
    if isinstance(value, str) and value.startswith("$"):
        return sets[value[1:]]
    if isinstance(value, dict):
        return {key: _expand(item, sets) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item, sets) for item in value]
    return value


@lru_cache(maxsize=1)
def token_patterns() -> tuple[dict[str, Any], ...]:
    data = read_json(PATTERNS_FILE)
    patterns = tuple(_expand(entry, data["sets"]) for entry in data["patterns"])
    unknown = {p["label"] for p in patterns} - set(LABELS)
    if unknown:
        raise ValueError(f"{PATTERNS_FILE}: unknown labels {sorted(unknown)}")
    return patterns


def document_phrase_patterns() -> list[dict[str, str]]:
    from analyzer.nlp.documents import load_documents

    return [
        {"label": "DOCUMENT", "pattern": name, "id": document.id}
        for document in load_documents()
        for name in dict.fromkeys([document.name, *document.aliases])
    ]


@Language.factory(
    ENTITY_COMPONENT,
    default_config={"curated_documents": True, "overwrite_ents": True},
)
def make_entity_ruler(nlp: Language, name: str, curated_documents: bool, overwrite_ents: bool) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="LOWER", overwrite_ents=overwrite_ents)
    patterns = list(token_patterns())
    if curated_documents:
        patterns += document_phrase_patterns()
    ruler.add_patterns(patterns)
    return ruler
