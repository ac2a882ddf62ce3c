"""Step actions (verb class + object) from the project's NLP pipeline, batched and cached.

The pipeline is slow next to the detectors' regexes, so detectors ask for actions only for the few
texts that need them: ``verb_classes`` is a cheap lexical pre-filter over the same verb lexicon, and
identical texts are parsed once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from analyzer.resources import phrase_pattern
from analyzer.detect._similarity import key

Action = tuple[str, str, int]  # (verb class key, object key or "", start of the verb in the text)


@lru_cache(maxsize=1)
def _pipeline():  # the spaCy Language, built once per process
    from analyzer.nlp.pipeline import get_pipeline

    return get_pipeline()


@lru_cache(maxsize=1)
def _verb_forms():
    from analyzer.nlp.resources import lexicon

    classes = lexicon().verb_classes
    return phrase_pattern(classes), classes


def verb_classes(text: str) -> frozenset[str]:
    """Verb classes whose forms occur in ``text`` (no parsing: a pre-filter for ``actions``)."""
    pattern, classes = _verb_forms()
    return frozenset(classes[m.group(0)] for m in pattern.finditer(key(text)) if m.group(0) in classes)


_cache: dict[str, tuple[Action, ...]] = {}
_CACHE_LIMIT = 50_000


def actions(texts: Sequence[str]) -> list[tuple[Action, ...]]:
    """The (verb, object) pairs of each text in order of appearance; one batched ``nlp.pipe`` call."""
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        if len(_cache) + len(missing) > _CACHE_LIMIT:
            _cache.clear()
        for text, doc in zip(missing, _pipeline().pipe(missing, batch_size=64)):
            _cache[text] = tuple((a.verb_key, a.object_key or "", a.start_char) for a in doc._.actions)
    return [_cache[t] for t in texts]


def lead_action(found: tuple[Action, ...]) -> Action | None:
    """The first action with a real object (a word, not an abbreviation such as "C/O"): what the step
    does to what."""
    return next((a for a in found if len(a[1].replace(" ", "")) >= 4), None)


_plain_cache: dict[str, str] = {}
_NAMED = {"AGENCY", "DOCUMENT"}


def without_names(texts: Sequence[str]) -> list[str]:
    """Each text with the agency and document names the pipeline recognises blanked out, so that the
    words inside names ("Bộ phận tiếp nhận và trả kết quả", "Giấy chứng nhận") are not read as acts."""
    missing = list(dict.fromkeys(t for t in texts if t not in _plain_cache))
    if missing:
        if len(_plain_cache) + len(missing) > _CACHE_LIMIT:
            _plain_cache.clear()
        for text, doc in zip(missing, _pipeline().pipe(missing, batch_size=64)):
            chars = list(text)
            for ent in doc.ents:
                if ent.label_ in _NAMED:
                    chars[ent.start_char:ent.end_char] = " " * (ent.end_char - ent.start_char)
            _plain_cache[text] = "".join(chars)
    return [_plain_cache[t] for t in texts]
