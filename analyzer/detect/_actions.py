"""Step actions (verb class + object) from the project's NLP pipeline, batched and cached.

The pipeline is slow next to the detectors' regexes, so detectors ask for actions only for the few
texts that need them: ``verb_classes`` is a cheap lexical pre-filter over the same verb lexicon, and
identical texts are parsed once per Resources (the pipeline and its memo live in ``resources.cache``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from analyzer.resources import Resources, phrase_pattern
from analyzer.detect._similarity import key

Action = tuple[str, str, int]  # (verb class key, object key or "", start of the verb in the text)


def _pipeline(resources: Resources):  # the spaCy Language of these resources, built once
    from analyzer.nlp.resources import pipeline_for

    return pipeline_for(resources)


def _memo(resources: Resources, name: str) -> dict:
    """A bounded memo of one pipeline product, kept with the resources whose pipeline made it."""
    memo = resources.cache.setdefault(f"detect.{name}", {})
    return memo


@lru_cache(maxsize=1)
def _verb_forms():
    from analyzer.nlp.resources import lexicon

    classes = lexicon().verb_classes
    return phrase_pattern(classes), classes


def verb_classes(text: str) -> frozenset[str]:
    """Verb classes whose forms occur in ``text`` (no parsing: a pre-filter for ``actions``)."""
    pattern, classes = _verb_forms()
    return frozenset(classes[m.group(0)] for m in pattern.finditer(key(text)) if m.group(0) in classes)


_CACHE_LIMIT = 50_000  # texts per memo: past it the memo starts again (bounded memory in long batches)


def actions(texts: Sequence[str], resources: Resources) -> list[tuple[Action, ...]]:
    """The (verb, object) pairs of each text in order of appearance; one batched ``nlp.pipe`` call."""
    cache = _memo(resources, "actions")
    missing = list(dict.fromkeys(t for t in texts if t not in cache))
    if missing:
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
        for text, doc in zip(missing, _pipeline(resources).pipe(missing, batch_size=64)):
            cache[text] = tuple((a.verb_key, a.object_key or "", a.start_char) for a in doc._.actions)
    return [cache[t] for t in texts]


def lead_action(found: tuple[Action, ...]) -> Action | None:
    """The first action with a real object (a word, not an abbreviation such as "C/O"): what the step
    does to what."""
    return next((a for a in found if len(a[1].replace(" ", "")) >= 4), None)


_NAMED = {"AGENCY", "DOCUMENT"}


def without_names(texts: Sequence[str], resources: Resources) -> list[str]:
    """Each text with the agency and document names the pipeline recognises blanked out, so that the
    words inside names ("Bộ phận tiếp nhận và trả kết quả", "Giấy chứng nhận") are not read as acts."""
    plain = _memo(resources, "without_names")
    missing = list(dict.fromkeys(t for t in texts if t not in plain))
    if missing:
        if len(plain) + len(missing) > _CACHE_LIMIT:
            plain.clear()
        for text, doc in zip(missing, _pipeline(resources).pipe(missing, batch_size=64)):
            chars = list(text)
            for ent in doc.ents:
                if ent.label_ in _NAMED:
                    chars[ent.start_char:ent.end_char] = " " * (ent.end_char - ent.start_char)
            plain[text] = "".join(chars)
    return [plain[t] for t in texts]
