"""Papers named inside another dossier entry: "Đơn đề nghị … và bản gốc hoặc bản sao giấy phép đã cấp (nếu có)" then
"Bản gốc hoặc bản sao giấy phép đã cấp" (1.001279), "Giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt, phiếu chi tiền" then
"Séc lĩnh tiền mặt (Mẫu số 04/KT)" (2.000901): the second entry asks again for a paper the first already names, as a
part it attaches or as one of its alternatives.

Only a whole entry equal to a whole part of the other counts (the part cut at "và", "hoặc", "kèm theo", a comma or a
semicolon), so two papers that merely share words ("giấy đề nghị thanh toán đợt 1" / "… đợt 2") never pair.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Sequence

from analyzer.detect._documents import FILLERS, core, generic, request_subject, shown_to_compare
from analyzer.detect._similarity import key, shorten
from analyzer.model import DocumentRequirement
from analyzer.resources import Cues
from analyzer.resources.patterns import phrase_pattern

SECTION = "paper_mentions"  # the cue lists of detect_cues.yaml, with why each is there
_PARENTHESES = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class _Patterns:
    part_break: re.Pattern[str]  # where a part ends, the separator kept to tell how the next one is asked
    attaching: re.Pattern[str]
    own_copy: re.Pattern[str]
    qualifier: re.Pattern[str]
    about: re.Pattern[str]
    condition_start: re.Pattern[str]
    declaration: re.Pattern[str]
    notice: re.Pattern[str]
    decision: re.Pattern[str]
    subject_end: re.Pattern[str]


_COMPILED: "weakref.WeakKeyDictionary[Cues, _Patterns]" = weakref.WeakKeyDictionary()


def _patterns(cues: Cues) -> _Patterns:
    """The patterns built from the section's phrase lists, once per Cues."""
    found = _COMPILED.get(cues)
    if found is None:
        found = _COMPILED[cues] = _compile(cues)
    return found


def _compile(cues: Cues) -> _Patterns:
    p = {name: cues.pattern(SECTION, name).pattern for name in
         ("own_copy_counts", "own_copy", "qualifiers", "declaration_heads", "notice_heads", "decision_heads",
          "subject_openers", "subject_ends")}
    breaks = phrase_pattern([*cues.value(SECTION, "joiners"), *cues.value(SECTION, "attaching")]).pattern
    declared = "".join(rf"(?: {re.escape(word)})?" for word in cues.value(SECTION, "declaration_words"))
    return _Patterns(
        part_break=re.compile(rf"\s*([,;]|{breaks})\s*"),
        attaching=re.compile(rf"^{cues.pattern(SECTION, 'attaching').pattern}$"),
        own_copy=re.compile(rf"^(?:{p['own_copy_counts']}\s+)?{p['own_copy']}"),
        qualifier=re.compile(rf"\s+{p['qualifiers']}.*$"),
        about=cues.pattern(SECTION, "about"),
        condition_start=re.compile(rf"^\W*{cues.pattern(SECTION, 'condition_openers').pattern}"),
        declaration=re.compile(rf"^{p['declaration_heads']}{declared}\s+(?P<subject>.+)$"),
        notice=re.compile(rf"^{p['notice_heads']}(?: {p['subject_openers']})?\s+(?P<subject>.+)$"),
        decision=re.compile(rf"^{p['decision_heads']}(?: {p['subject_openers']})?\s+(?P<subject>.+)$"),
        subject_end=re.compile(rf"{p['subject_ends']}|[;:(]"),
    )


MIN_MENTION_WORDS = 3  # "giấy phép đã cấp", "séc lĩnh tiền mặt": a paper named; "giấy phép" alone is too vague


def _base(text: str, cues: Cues) -> str:
    """The paper a text names, without notes in brackets, copy wording, its form, its legal ground or "nếu có"."""
    return _patterns(cues).qualifier.sub("", core(_PARENTHESES.sub(" ", text), cues)).strip()


def _alternative_kinds(first: str, other: str) -> bool:
    """Two papers of one purpose offered as alternatives ("giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt"): the second
    differs only in its first word."""
    a, b = first.split(), other.split()
    return len(a) == len(b) >= MIN_MENTION_WORDS and a[1:] == b[1:] and a[0] != b[0]


def _parts(name: str, cues: Cues) -> list[str]:
    """The papers an entry names after its first one, each asked as a paper of its own: attached ("kèm theo …"), with
    its own copy wording ("…, bản sao Thẻ luật sư") or as an alternative of the first ("… hoặc séc lĩnh tiền mặt");
    none after the words that say what the entry's paper is about."""
    patterns, text = _patterns(cues), key(name)
    about = patterns.about.search(text)
    pieces = patterns.part_break.split(text[:about.start()] if about else text)
    first = _base(pieces[0], cues)
    found, attached = [], False
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        attached = attached or bool(patterns.attaching.match(separator))
        base = _base(piece, cues)
        if base and (attached or patterns.own_copy.match(piece) or (separator == "hoặc" and _alternative_kinds(first, base))):
            found.append(base)
    return found


def mention_pairs(documents: Sequence[DocumentRequirement], cues: Cues) -> set[tuple[int, int]]:
    """Pairs (positions) of an entry naming several papers and another entry that is one of them, the first first."""
    names = [d.name for d in documents]
    bases = [_base(n, cues) for n in names]
    parts = [_parts(n, cues) for n in names]
    patterns = _patterns(cues)
    pairs = set()
    for i, several in enumerate(parts):
        if not several or patterns.condition_start.match(key(names[i])) or shown_to_compare(documents[i]):
            continue
        for j, base in enumerate(bases):
            if i == j or len(base.split()) < MIN_MENTION_WORDS or generic(base) or base == bases[i] \
                    or shown_to_compare(documents[j]) or len(patterns.part_break.split(base)) > 1:
                continue
            if base in several:
                pairs.add((i, j))
    return pairs


def mention_note(group: Sequence[int], pairs: set[tuple[int, int]], documents: Sequence[DocumentRequirement]) -> str:
    """For the message, which names the group's first entry: where the paper is asked the second time (an entry of
    its own, or inside another entry), or "" when the group holds no such pair."""
    for container, alone in sorted(pairs):
        if container in group and alone in group:
            if container == group[0]:
                return f" (lần thứ hai là mục riêng «{shorten(documents[alone].name, 80)}»)"
            return f" (lần thứ hai trong mục «{shorten(documents[container].name, 80)}»)"
    return ""


# ---------------------------------------------------------------- two papers carrying one request's data

# A declaration of the data of a request beside the request letter itself: "Văn bản đề nghị quyết toán tiền cấp quyền
# khai thác khoáng sản" and "Bản kê khai thông tin quyết toán tiền cấp quyền khai thác khoáng sản" (1.014259: Mẫu 06
# and Mẫu 07 for one settlement) are one request on two forms. The subjects must be equal: a sponsor's "Văn bản đề nghị
# cấp thẻ tạm trú" and the foreigner's "Tờ khai đề nghị cấp thẻ tạm trú cho người nước ngoài" carry different data.
# The applicant's notification of its own decision beside the decision: "Văn bản thông báo về việc chấm dứt hoạt động
# dự án đầu tư" and "Quyết định chấm dứt hoạt động của dự án đầu tư" (1.009662); the decision may name its author
# after the subject ("quyết định về việc chấm dứt hoạt động bán hàng đa cấp của chủ doanh nghiệp …", 2.001573).
MIN_SUBJECT_WORDS = 3  # "quyết toán tiền cấp quyền …": a request named; "cấp phép" alone is too vague


def _content(text: str, patterns: _Patterns) -> list[str]:
    """The words of a subject up to its form, ground or condition, without filler words ("của", "về", "việc")."""
    text = patterns.subject_end.split(text, maxsplit=1)[0]
    return [w for w in re.sub(r"[^\w\s/]", " ", text).split() if w not in FILLERS]


def _subject(pattern: re.Pattern[str], core_name: str, patterns: _Patterns) -> list[str] | None:
    match = pattern.match(core_name)
    return _content(match.group("subject"), patterns) if match else None


def same_data_pairs(cores: Sequence[str], cues: Cues) -> set[tuple[int, int]]:
    """Pairs (positions) of a request letter and a declaration of the same request, or a notification and the
    decision it notifies."""
    patterns, pairs = _patterns(cues), set()
    for i, a in enumerate(cores):
        request, notice = request_subject(a), _subject(patterns.notice, a, patterns)
        request = _content(request, patterns) if request else None
        for j, b in enumerate(cores):
            if i == j:
                continue
            declared, decided = _subject(patterns.declaration, b, patterns), _subject(patterns.decision, b, patterns)
            if request and declared and request == declared and len(request) >= MIN_SUBJECT_WORDS \
                    or notice and decided and _narrows(notice, decided):
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _narrows(a: list[str], b: list[str]) -> bool:
    """One subject is the other, or the other followed by more words (its author, its scope)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_SUBJECT_WORDS and long[:len(short)] == short


# ---------------------------------------------------------------- alternatives listed again as entries of their own

# "Một trong những giấy tờ hợp pháp về đất đai … bao gồm: + Giấy chứng nhận quyền sử dụng đất được cấp theo quy định
# của Luật Đất đai qua các thời kỳ. + Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản … + …", and the same
# certificates again as rows of their own in the same case (1.013238, 1.013225: the construction-permit template): the
# rows turn a choice into papers that all look required. The choice is kept, the rows are the paper asked again.
LISTING_OPENER = 20  # characters before "một trong các giấy tờ" at the start of the entry (list marks, "Bản sao")
LISTING_HEAD = 250  # characters from it to the colon before the alternatives ("… theo quy định tại Điều 53 … bao gồm:")
_ITEM_BREAK = re.compile(r"(?:^|\s)[+•–-]\s+|;\s*")


def _lead_base(text: str, cues: Cues) -> str:
    """The paper of an entry's or an item's first sentence ("Giấy chứng nhận … qua các thời kỳ. Trường hợp …")."""
    return _base(re.split(r"\.\s|;", text, maxsplit=1)[0], cues)


def listed_again_pairs(documents: Sequence[DocumentRequirement], cues: Cues) -> set[tuple[int, int]]:
    """Pairs (listing entry, entry) of an entry offering "một trong các giấy tờ …: + A + B" and another entry that is
    one of the alternatives A, B it lists."""
    alternatives = cues.pattern("duplicate", "alternatives")
    names = [key(d.name) for d in documents]
    leads = [_lead_base(n, cues) for n in names]
    pairs = set()
    for i, name in enumerate(names):
        # the entry is the choice: it opens with it and lists the alternatives after the colon of that sentence, not a
        # long entry that pastes a later list of papers ("… nộp các tài liệu sau: …", 1.007956, 1.000701)
        opener = alternatives.search(name)
        if opener is None or opener.start() > LISTING_OPENER:
            continue
        colon = name.find(":", opener.end(), opener.end() + LISTING_HEAD)
        if colon < 0 or re.search(r";|\.\s", name[opener.end():colon]):
            continue
        items = {_lead_base(item, cues) for item in _ITEM_BREAK.split(name[colon + 1:])}
        items = {item for item in items if len(item.split()) >= MIN_MENTION_WORDS and not generic(item)}
        pairs |= {(i, j) for j, lead in enumerate(leads) if j != i and lead in items and not alternatives.search(names[j])}
    return pairs
