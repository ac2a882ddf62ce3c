"""The actions of a step: main verb(s) and their object ("kiểm tra" + "hồ sơ").

Two ways to find verbs, chosen by the component's ``mode``:
- "lexicon" (default): a token is a verb when its key is a form of a verb class
  (analyzer/data/nlp_lexicon.yaml);
- "pos": a token is a verb when underthesea tags it V (needs the ``tthc_pos`` component).
Measured on 150 hand-annotated step sentences of portal-flat (100 + 50 held out), lexicon mode scores
F1 0.79-0.80 for the set of action verbs per sentence, POS mode 0.50-0.56 (it also takes nominal and
modifier verbs) at a seventh of the speed; so POS stays optional.

Then, in both modes: verbs read as nouns ("Ủy ban nhân dân cấp xã", "người nộp hồ sơ", "cấp Phiếu"),
verbs inside condition clauses ("Trường hợp nộp trực tuyến, ...") and light or lead verbs before
another verb ("tiến hành kiểm tra", "đề nghị cấp") are not actions. The object is the noun phrase
after the verb, cut at prepositions, conjunctions, punctuation and the next verb; "tính hợp lệ của
hồ sơ" gives "hồ sơ". Verb keys are class keys, so synonyms compare equal (rà soát = kiểm tra).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token

from analyzer.nlp.resources import Lexicon, lexicon
from analyzer.text import match_key

ACTIONS_COMPONENT = "tthc_actions"
Mode = Literal["lexicon", "pos", "auto"]
_COORDINATORS = frozenset({",", "và", "hoặc", "/"})
_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "Y"})
_VERB_TAGS = frozenset({"V", "Vb", "Vy"})


class Action(NamedTuple):
    """One action; a tuple so that DocBin (msgpack) can store ``doc._.actions``."""

    verb: str
    object: str | None
    start_char: int
    end_char: int
    verb_key: str
    object_key: str | None


@lru_cache(maxsize=100_000)
def _text_key(text: str) -> str:
    return match_key(text)


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A Doc's tokens with their keys, computed once per Doc."""

    tokens: list[Token]
    keys: list[str]
    lex: Lexicon
    use_pos: bool

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon, use_pos: bool) -> _Tokens:
        tokens = list(doc)
        return cls(tokens, [_text_key(t.text) for t in tokens], lex, use_pos)

    def key(self, i: int) -> str | None:
        return self.keys[i] if 0 <= i < len(self.keys) else None

    def __len__(self) -> int:
        return len(self.tokens)


def _is_noun_reading(t: _Tokens, i: int) -> bool:
    """A lexicon verb used as a noun or inside a noun phrase ("cấp xã", "người nộp hồ sơ", "ra Thông báo")."""
    lex, key, previous = t.lex, t.keys[i], t.key(i - 1)
    if t.key(i + 1) in lex.noun_reading_next.get(key, ()):
        return True
    if previous in lex.noun_reading_previous and not _after_light_viec(t, i):
        return True
    if previous in lex.noun_reading_previous_by_verb.get(key, ()) or t.key(i - 2) in lex.noun_reading_previous_2:
        return True
    # capitalised inside a sentence: the title of a paper ("cấp Phiếu", "Dự thảo Báo cáo")
    return t.tokens[i].text[:1].isupper() and i > 0 and not _is_boundary(t.tokens[i - 1])


def _after_light_viec(t: _Tokens, i: int) -> bool:
    """"thực hiện việc kiểm tra": the verb after "việc" is the action of the light verb."""
    return t.key(i - 1) == "việc" and t.key(i - 2) in t.lex.light_verbs


def _condition_tokens(t: _Tokens) -> set[int]:
    """Tokens of condition clauses ("Trường hợp nộp trực tuyến, ...", "Nếu ... thì"): not actions."""
    inside: set[int] = set()
    in_condition = False
    for i, (token, key) in enumerate(zip(t.tokens, t.keys)):
        if key in t.lex.condition_openers:
            in_condition = True
        elif in_condition and (key in t.lex.condition_closers or token.is_punct):
            in_condition = False
        elif in_condition:
            inside.add(i)
    return inside


def _is_boundary(token: Token) -> bool:
    return token.is_punct or token.is_space or token.like_num or token.is_bracket


def _is_verb(t: _Tokens, i: int) -> bool:
    if t.use_pos:
        return t.tokens[i].tag_ in _VERB_TAGS and not _is_noun_reading(t, i)
    return t.keys[i] in t.lex.verb_classes and not _is_noun_reading(t, i)


def _continues_object(t: _Tokens, i: int, is_verb: bool) -> bool:
    token, key = t.tokens[i], t.keys[i]
    if token.is_punct or token.is_space or token.like_num or key in t.lex.object_stop:
        return False
    if key in t.lex.object_compound_verbs:
        return True
    if t.use_pos:
        return token.tag_ in _NOUN_TAGS or token.tag_ == "A"
    return not is_verb


def _object_span(t: _Tokens, start: int, verbs: set[int]) -> tuple[int, int]:
    """Noun phrase [i, j) from ``start`` on: skip determiners, stop at stop words, punctuation or a verb."""
    lex, i = t.lex, start
    while i < len(t) and (t.keys[i] in lex.object_skip or _is_count(t, i)):
        i += 1 if t.keys[i] in lex.object_skip else 2
    j = i
    if j < len(t) and t.keys[j] in lex.verbal_nouns:  # "gửi thông báo": a noun here
        j += 1
    while j < len(t) and j - i < lex.max_object_tokens and _continues_object(t, j, j in verbs):
        j += 1
    if j > i and t.keys[i] in lex.relational_nouns:
        return _after_genitive(t, j, verbs) or (i, j)
    return i, j


def _is_count(t: _Tokens, i: int) -> bool:
    """"01 bộ", "02 bản" before the object ("nộp 01 bộ hồ sơ")."""
    return t.tokens[i].like_num and t.key(i + 1) in t.lex.object_counters


def _after_genitive(t: _Tokens, i: int, verbs: set[int]) -> tuple[int, int] | None:
    """"tính hợp lệ của hồ sơ" -> the phrase after "của" (within a few tokens, commas allowed)."""
    for j in range(i, min(i + 6, len(t))):
        if t.keys[j] == "của":
            start, end = _object_span(t, j + 1, verbs)
            return (start, end) if end > start else None
        if t.tokens[j].text in {".", ";", ":"}:
            break
    return None


def _main_verbs(t: _Tokens) -> list[int]:
    conditions = _condition_tokens(t)
    verbs: list[int] = []
    for i in range(len(t)):
        if i in conditions or not _is_verb(t, i):
            continue
        # the verb a lead verb of a noun phrase introduces belongs to it ("người đề nghị cấp giấy phép")
        after_nominal_lead = t.key(i - 1) in t.lex.lead_verbs and _is_noun_reading(t, i - 1)
        if not after_nominal_lead:
            verbs.append(i)
    verb_set = set(verbs)
    return [i for i in verbs if not _is_auxiliary(t, i, verb_set)]


def _is_auxiliary(t: _Tokens, i: int, verbs: set[int]) -> bool:
    """Light verbs ("tiến hành") and lead verbs ("đề nghị") before another verb carry no action."""
    key = t.keys[i]
    followed_by_verb = i + 1 in verbs or (i + 2 in verbs and t.key(i + 1) == "việc")
    if key in t.lex.light_verbs:
        return t.use_pos or followed_by_verb
    return key in t.lex.lead_verbs and followed_by_verb


def extract_actions(doc: Doc, mode: Mode = "lexicon", lex: Lexicon | None = None) -> list[Action]:
    lex = lex or lexicon()
    use_pos = mode == "pos" or (mode == "auto" and doc.has_annotation("TAG"))
    t = _Tokens.of(doc, lex, use_pos)
    verbs = _main_verbs(t)
    verb_set = set(verbs)
    found: list[tuple[int, tuple[int, int]]] = []  # verb index, object span
    taken: set[int] = set()  # tokens already read as an object ("gửi thông báo")
    for i in verbs:
        if i in taken:
            continue
        obj = _object_span(t, i + 1, verb_set)
        taken.update(range(*obj))
        found.append((i, obj))
    return [_action(doc, t, i, obj) for i, obj in _share_objects(t, found)]


def _share_objects(t: _Tokens, found: list[tuple[int, tuple[int, int]]]) -> list[tuple[int, tuple[int, int]]]:
    """"kiểm tra, xác minh nội dung": a verb without object takes the object of the verb it is coordinated with."""
    result = list(found)
    for n in range(len(result) - 2, -1, -1):
        (verb, obj), (next_verb, next_obj) = result[n], result[n + 1]
        between = t.tokens[verb + 1 : next_verb]
        has_object, next_has_object = obj[1] > obj[0], next_obj[1] > next_obj[0]
        if not has_object and next_has_object and between and all(x.lower_ in _COORDINATORS for x in between):
            result[n] = (verb, next_obj)
    return result


def _action(doc: Doc, t: _Tokens, i: int, obj: tuple[int, int]) -> Action:
    verb = t.tokens[i]
    object_span = doc[obj[0] : obj[1]] if obj[1] > obj[0] else None
    end = max(verb.idx + len(verb.text), object_span.end_char if object_span is not None else 0)
    return Action(
        verb=verb.text,
        object=object_span.text if object_span is not None else None,
        start_char=verb.idx,
        end_char=end,
        verb_key=t.lex.verb_classes.get(t.keys[i], t.keys[i]),
        object_key=match_key(object_span.text) if object_span is not None else None,
    )


class ActionExtractor:
    def __init__(self, mode: Mode):
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        doc._.actions = extract_actions(doc, self.mode)
        return doc


@Language.factory(ACTIONS_COMPONENT, default_config={"mode": "lexicon"})
def make_action_extractor(nlp: Language, name: str, mode: Mode) -> ActionExtractor:
    from analyzer.nlp.extensions import register_extensions

    register_extensions()
    return ActionExtractor(mode)
