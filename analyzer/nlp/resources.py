"""Loading the NLP layer's reviewable data files (analyzer/data/nlp_*.yaml|json, documents.yaml).

Each loader is cached: the files are read once per process and the results are immutable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import yaml

from analyzer.text import match_key

if TYPE_CHECKING:
    from analyzer.resources import Resources

DATA_PACKAGE = "analyzer.data"
LEXICON_FILE = "nlp_lexicon.yaml"
PATTERNS_FILE = "nlp_patterns.json"
DOCUMENTS_FILE = "documents.yaml"

# underthesea inserts fixed words into a verbose regex without escaping anything but spaces,
# so only word characters separated by single spaces are safe.
_SAFE_FIXED_WORD = re.compile(r"\w+(?: \w+)*")


def read_data_text(name: str) -> str:
    return files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def read_yaml(name: str) -> Any:
    return yaml.safe_load(read_data_text(name))


def read_json(name: str) -> Any:
    return json.loads(read_data_text(name))


def case_variants(term: str) -> list[str]:
    """The term as written, in lower case, Capitalised and UPPER CASE (fixed words are case-sensitive)."""
    lower = term.lower()
    return list(dict.fromkeys([term, lower, lower[:1].upper() + lower[1:], term.upper()]))


def check_fixed_word(term: str) -> str:
    if not _SAFE_FIXED_WORD.fullmatch(term):
        raise ValueError(f"fixed word {term!r} must be word characters separated by single spaces")
    return term


@dataclass(frozen=True)
class Lexicon:
    """Keys are match_key forms, so lookups go through match_key(token.text)."""

    fixed_words: tuple[str, ...]
    merge_patterns: tuple[re.Pattern[str], ...]
    verb_classes: dict[str, str]  # form key -> class key
    light_verbs: frozenset[str]
    lead_verbs: frozenset[str]
    verbal_nouns: frozenset[str]
    noun_reading_next: dict[str, frozenset[str]]
    noun_reading_previous: frozenset[str]
    noun_reading_previous_by_verb: dict[str, frozenset[str]]
    noun_reading_previous_2: frozenset[str]
    condition_openers: frozenset[str]
    condition_closers: frozenset[str]
    object_skip: frozenset[str]
    object_counters: frozenset[str]
    object_stop: frozenset[str]
    object_compound_verbs: frozenset[str]
    relational_nouns: frozenset[str]
    max_object_tokens: int


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(match_key(word) for word in words)


def _verb_classes(classes: list[dict[str, Any]]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for verb_class in classes:
        key = match_key(verb_class["key"])
        for form in verb_class["forms"]:
            form_key = match_key(form)
            if mapping.get(form_key, key) != key:
                raise ValueError(f"verb form {form!r} is listed in two classes")
            mapping[form_key] = key
    return mapping


def _fixed_words(terms: list[str]) -> tuple[str, ...]:
    variants = [variant for term in terms for variant in case_variants(check_fixed_word(term))]
    # longest first: the regex alternation takes the first alternative that matches
    return tuple(sorted(dict.fromkeys(variants), key=len, reverse=True))


# Lexicon fields that are sets of words, and maps from a word to a set of words (keys: match_key).
_WORD_SETS = (
    "light_verbs", "lead_verbs", "verbal_nouns", "noun_reading_previous", "noun_reading_previous_2",
    "condition_openers", "condition_closers", "object_skip", "object_counters", "object_stop",
    "object_compound_verbs", "relational_nouns",
)
_WORD_MAPS = ("noun_reading_next", "noun_reading_previous_by_verb")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = read_yaml(LEXICON_FILE)
    return Lexicon(
        fixed_words=_fixed_words(data["fixed_words"]),
        merge_patterns=tuple(re.compile(p) for p in data["merge_patterns"]),
        verb_classes=_verb_classes(data["verb_classes"]),
        max_object_tokens=int(data["max_object_tokens"]),
        **{name: _keys(data[name]) for name in _WORD_SETS},
        **{name: {match_key(k): _keys(v) for k, v in data[name].items()} for name in _WORD_MAPS},
    )


_PIPELINE = "nlp.pipeline"  # the slot in Resources.cache


def pipeline_for(resources: "Resources") -> Any:
    """The NLP pipeline whose DOCUMENT entities are ``resources.documents``, built on first use and kept
    in the resources' cache: the shared default pipeline for the packaged list."""
    found = resources.cache.get(_PIPELINE)
    if found is None:
        from analyzer.nlp.entities import ENTITY_COMPONENT
        from analyzer.nlp.pipeline import build_pipeline, get_pipeline
        from analyzer.resources import Resources

        if resources.documents == Resources.default().documents:
            found = get_pipeline()
        else:
            found = build_pipeline({"curated_documents": False})
            found.get_pipe(ENTITY_COMPONENT).add_patterns([
                {"label": "DOCUMENT", "pattern": name, "id": document.id}
                for document in resources.documents for name in document.names
            ])
        resources.cache[_PIPELINE] = found
    return found
