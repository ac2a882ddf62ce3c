"""Doc, Span and Token extensions of the pipeline, registered once (guarded by has_extension).

Getters compute from the Doc itself (entities, text), so they cost nothing until read and stay
consistent after edits; only ``doc._.actions`` is a stored value, filled by ``tthc_actions``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from analyzer.text import match_key

# extension name -> entity label read by its getter
ENTITY_EXTENSIONS = {
    "durations": "DURATION",
    "money": "MONEY",
    "legal_refs": "LEGAL_REF",
    "documents": "DOCUMENT",
    "agencies": "AGENCY",
}


def _ents_with(label: str) -> Callable[[Doc | Span], list[Span]]:
    def getter(doc_or_span: Doc | Span) -> list[Span]:
        return [ent for ent in doc_or_span.ents if ent.label_ == label]

    return getter


def _span_actions(span: Span) -> list:
    actions = span.doc._.actions or []
    return [a for a in actions if span.start_char <= a.start_char and a.end_char <= span.end_char]


def _document_id(span: Span) -> str | None:
    """Curated id of a DOCUMENT span: the phrase pattern's id, else the canonicaliser's."""
    if span.label_ != "DOCUMENT":
        return None
    if span.ent_id_:
        return span.ent_id_
    from analyzer.nlp.documents import canonical_id

    return canonical_id(span.text)


def _key(obj: Doc | Span | Token) -> str:
    return match_key(obj.text)


def register_extensions() -> None:
    for name, label in ENTITY_EXTENSIONS.items():
        for cls in (Doc, Span):
            if not cls.has_extension(name):
                cls.set_extension(name, getter=_ents_with(label))
    for cls in (Doc, Span, Token):
        if not cls.has_extension("key"):
            cls.set_extension("key", getter=_key)
    if not Doc.has_extension("actions"):
        Doc.set_extension("actions", default=None)  # list[Action], set by tthc_actions
    if not Span.has_extension("actions"):
        Span.set_extension("actions", getter=_span_actions)
    if not Span.has_extension("document_id"):
        Span.set_extension("document_id", getter=_document_id)
