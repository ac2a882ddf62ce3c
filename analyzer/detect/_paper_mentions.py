"""Papers named inside another dossier entry: "Đơn đề nghị … và bản gốc hoặc bản sao giấy phép đã cấp (nếu có)" then
"Bản gốc hoặc bản sao giấy phép đã cấp" (1.001279), "Giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt, phiếu chi tiền" then
"Séc lĩnh tiền mặt (Mẫu số 04/KT)" (2.000901): the second entry asks again for a paper the first already names, as a
part it attaches or as one of its alternatives.

Only a whole entry equal to a whole part of the other counts (the part cut at "và", "hoặc", "kèm theo", a comma or a
semicolon), so two papers that merely share words ("giấy đề nghị thanh toán đợt 1" / "… đợt 2") never pair.
"""

from __future__ import annotations

import re
from typing import Sequence

from analyzer.detect._documents import _FILLERS as FILLERS, _request_subject as request_subject, core, generic, shown_to_compare
from analyzer.detect._similarity import key, shorten
from analyzer.model import DocumentRequirement
from analyzer.resources import Cues

# where one paper of an entry ends and the next begins; the separator is kept to tell how the next one is asked
_PART_BREAK = re.compile(r"\s*([,;]|(?<!\w)(?:và|hoặc|kèm theo|gửi kèm|nộp kèm|kèm|cùng với)(?!\w))\s*")
_ATTACHING = re.compile(r"^(?:kèm theo|gửi kèm|nộp kèm|kèm|cùng với)$")
# a paper named after a separator with its own copy wording is asked as a paper of its own ("…, bản sao Thẻ luật sư",
# "… và bản gốc hoặc bản sao giấy phép đã cấp"); without it the words may be what the first paper is about ("Giấy khai
# thu hồi chứng nhận đăng ký xe, biển số xe": the plate is what is revoked, 1.013123)
_OWN_COPY = re.compile(r"^(?:(?:01|02|một|hai)\s+)?(?:bản sao|bản chính|bản gốc|bản chụp|bản photo)(?!\w)")
_PARENTHESES = re.compile(r"\([^()]*\)")
# what qualifies a paper without naming another one: its form, its legal ground, "nếu có"
_QUALIFIER = re.compile(r"\s+(?:theo mẫu|mẫu số|mẫu|theo quy định|quy định tại|ban hành|nếu có)(?!\w).*$")
# words after which an entry names what its paper is about, not a paper it attaches: "Nghị quyết … về việc thông qua
# Đề án … và Bản thuyết minh giải pháp kỹ thuật" (1.000756) approves the statement, it does not attach it
_ABOUT = re.compile(r"(?<!\w)(?:về việc|thông qua|phê duyệt|chấp thuận|trong đó|ghi rõ|nêu rõ|xác nhận|đối với|trường hợp)(?!\w)")
# an entry that opens with a condition describes another case's filing ("Trường hợp Cục … thì … kèm theo 03 ảnh …")
_CONDITION_START = re.compile(r"^\W*(?:trường hợp|đối với|nếu|khi|ngoài ra)(?!\w)")
MIN_MENTION_WORDS = 3  # "giấy phép đã cấp", "séc lĩnh tiền mặt": a paper named; "giấy phép" alone is too vague


def _base(text: str, cues: Cues) -> str:
    """The paper a text names, without notes in brackets, copy wording, its form, its legal ground or "nếu có"."""
    return _QUALIFIER.sub("", core(_PARENTHESES.sub(" ", text), cues)).strip()


def _alternative_kinds(first: str, other: str) -> bool:
    """Two papers of one purpose offered as alternatives ("giấy lĩnh tiền mặt hoặc séc lĩnh tiền mặt"): the second
    differs only in its first word."""
    a, b = first.split(), other.split()
    return len(a) == len(b) >= MIN_MENTION_WORDS and a[1:] == b[1:] and a[0] != b[0]


def _parts(name: str, cues: Cues) -> list[str]:
    """The papers an entry names after its first one, each asked as a paper of its own: attached ("kèm theo …"), with
    its own copy wording ("…, bản sao Thẻ luật sư") or as an alternative of the first ("… hoặc séc lĩnh tiền mặt");
    none after the words that say what the entry's paper is about."""
    text = key(name)
    about = _ABOUT.search(text)
    pieces = _PART_BREAK.split(text[:about.start()] if about else text)
    first = _base(pieces[0], cues)
    found, attached = [], False
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        attached = attached or bool(_ATTACHING.match(separator))
        base = _base(piece, cues)
        if base and (attached or _OWN_COPY.match(piece) or (separator == "hoặc" and _alternative_kinds(first, base))):
            found.append(base)
    return found


def mention_pairs(documents: Sequence[DocumentRequirement], cues: Cues) -> set[tuple[int, int]]:
    """Pairs (positions) of an entry naming several papers and another entry that is one of them, the first first."""
    names = [d.name for d in documents]
    bases = [_base(n, cues) for n in names]
    parts = [_parts(n, cues) for n in names]
    pairs = set()
    for i, several in enumerate(parts):
        if not several or _CONDITION_START.match(key(names[i])) or shown_to_compare(documents[i]):
            continue
        for j, base in enumerate(bases):
            if i == j or len(base.split()) < MIN_MENTION_WORDS or generic(base) or base == bases[i] \
                    or shown_to_compare(documents[j]) or len(_PART_BREAK.split(base)) > 1:
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
_DECLARATION = re.compile(r"^(?:bản kê khai|tờ khai|bản khai|phiếu kê khai)(?: thông tin)?(?: đề nghị)?\s+(?P<subject>.+)$")
# The applicant's notification of its own decision beside the decision: "Văn bản thông báo về việc chấm dứt hoạt động
# dự án đầu tư" and "Quyết định chấm dứt hoạt động của dự án đầu tư" (1.009662); the decision may name its author
# after the subject ("quyết định về việc chấm dứt hoạt động bán hàng đa cấp của chủ doanh nghiệp …", 2.001573).
_NOTICE = re.compile(r"^(?:văn bản |công văn )?thông báo(?: về việc| về| v/v)?\s+(?P<subject>.+)$")
_DECISION = re.compile(r"^quyết định(?: về việc| về| v/v)?\s+(?P<subject>.+)$")
_SUBJECT_END = re.compile(r"(?<!\w)(?:theo|mẫu|ban hành|trong đó|kèm theo|đối với|trường hợp|do|tại|gửi|nếu có)(?!\w)|[;:(]")
MIN_SUBJECT_WORDS = 3  # "quyết toán tiền cấp quyền …": a request named; "cấp phép" alone is too vague


def _content(text: str) -> list[str]:
    """The words of a subject up to its form, ground or condition, without filler words ("của", "về", "việc")."""
    text = _SUBJECT_END.split(text, maxsplit=1)[0]
    return [w for w in re.sub(r"[^\w\s/]", " ", text).split() if w not in FILLERS]


def _subject(pattern: re.Pattern[str], core_name: str) -> list[str] | None:
    match = pattern.match(core_name)
    return _content(match.group("subject")) if match else None


def same_data_pairs(cores: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs (positions) of a request letter and a declaration of the same request, or a notification and the
    decision it notifies."""
    pairs = set()
    for i, a in enumerate(cores):
        request, notice = request_subject(a), _subject(_NOTICE, a)
        request = _content(request) if request else None
        for j, b in enumerate(cores):
            if i == j:
                continue
            declared, decided = _subject(_DECLARATION, b), _subject(_DECISION, b)
            if request and declared and request == declared and len(request) >= MIN_SUBJECT_WORDS \
                    or notice and decided and _narrows(notice, decided):
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _narrows(a: list[str], b: list[str]) -> bool:
    """One subject is the other, or the other followed by more words (its author, its scope)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_SUBJECT_WORDS and long[:len(short)] == short
