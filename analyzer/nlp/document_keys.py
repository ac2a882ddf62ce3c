"""Keys of document names: what is left of a name once copy kind, counts, numbering and form
references are removed, so that "Bản sao Giấy khai sinh", "Giấy khai sinh (bản sao)" and
"c) 01 bản chính giấy khai sinh;" all become "giấy khai sinh".

Keys are match_key forms (NFC, old-style tones, case-folded, single spaces).

Two other keys of a name exist on purpose: ``parse.dossier.clean_document_name`` only strips list markers
(the displayed name), and ``detect._documents.core`` keeps form numbers ("Tờ khai (Mẫu số 01)" and "(Mẫu số
02)" are two papers inside one case), where this key drops them to match one paper across procedures. All
three take their list markers from vocabulary.yaml (list_markers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analyzer.nlp.resources import DOCUMENTS_FILE, read_yaml
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text import match_key

# copy wording (vocabulary.yaml copy_phrasings.key_words), as a fragment for the larger patterns below
_COPY_WORDS = default_vocabulary().copy_phrasings["key_words"]
# "01 bản", "02 (hai) bản chính", "01 bộ"
_COUNT = r"\d+\s*(?:\(\s*[^\W\d_]+(?:\s+[^\W\d_]+)*\s*\)\s*)?(?:bản|bộ)\b"
# parenthesised notes that say how to copy or which form to use, or "(nếu có)"
_NOTE_PAREN = re.compile(
    rf"\((?=[^()]*(?:{_COPY_WORDS}|\bmẫu\b|ban\s+hành|nếu\s+có|kèm\s+theo|theo\s+quy\s+định|\d+\s*bản))[^()]*\)"
)
_FORM_TAIL = re.compile(r"[\s,;:-]*\b(?:theo\s+)?(?:mẫu|biểu\s+mẫu)\b(?:\s+(?:số|tờ\s+khai))?\s+[\w./-]*\d[\w./-]*.*$")
_ISSUED_WITH_TAIL = re.compile(r"[\s,;:-]*\b(?:ban\s+hành\s+)?kèm\s+theo\s+(?:nghị\s+định|thông\s+tư|quyết\s+định)\b.*$")
# "-", "+", "a)", "(1)", "1.", "1.2.", "1.2", "a.", "iv)" at the start of a name
_NUMBERING = default_vocabulary().list_marker("key_numbering")
# a copy phrase and the copy phrases chained to it ("bản chính hoặc bản sao có chứng thực"); a connector
# before the first one stays ("A hoặc bản sao B" -> "A hoặc B")
_COPY = re.compile(
    rf"(?:{_COUNT}\s*)?{_COPY_WORDS}\b(?:\s*(?:[,;:/-]|\b(?:hoặc|và|hay|kèm)\b)?\s*(?:{_COUNT}\s*)?{_COPY_WORDS}\b)*"
)
# "02 ảnh", "01 (một) bộ hồ sơ": a count before the name (after copy phrases are gone)
_LEADING_COUNT = re.compile(rf"^\s*(?:\d+|{default_vocabulary().count_words_pattern(3)})\s*(?:\([^()]*\)\s*)?(?:bộ\b\s*)?(?=[^\W\d_])")
_CONNECTOR_EDGES = re.compile(r"^(?:\s|[,;:.\-–]|\b(?:hoặc|và|của|có|được|theo)\b)+|(?:\s|[,;:.\-–(]|\b(?:hoặc|và|của|có|được|theo)\b)+$")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
# sizes and numbers written differently: "04 cm x 06 cm" = "4cm x 6cm" = "4x6cm"
_SIZE_PARTS = ((re.compile(r"\b0+(\d)"), r"\1"), (re.compile(r"(\d)\s*cm\b"), r"\1"), (re.compile(r"(\d)\s*x\s*(\d)"), r"\1x\2"))


def _strip_numbering(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _NUMBERING.sub("", text, count=1)
    return text


def document_key(name: str) -> str:
    """Key of a document name with copy kind, counts, form references and numbering removed."""
    text = match_key(name)
    text = _NOTE_PAREN.sub(" ", text)
    text = _FORM_TAIL.sub("", text)
    text = _ISSUED_WITH_TAIL.sub("", text)
    text = _strip_numbering(text)
    text = _COPY.sub(" ", text)
    text = _LEADING_COUNT.sub("", text)
    text = _EMPTY_PARENS.sub(" ", text)
    for pattern, replacement in _SIZE_PARTS:
        text = pattern.sub(replacement, text)
    return _CONNECTOR_EDGES.sub("", " ".join(text.split()))


_HEAD_CUT = re.compile(
    r"\s(?:của|do|theo|hoặc|đối với|trong đó|trong trường hợp|trường hợp|kèm theo|đã được|được|để|có giá trị|còn"
    r"|cấp cho)\s|[,;(:/.]"
)


def head_key(key: str) -> str:
    """The key up to its first qualifier: "giấy khai sinh của con" -> "giấy khai sinh"."""
    return _HEAD_CUT.split(key, maxsplit=1)[0].strip(" ,.-")


@lru_cache(maxsize=1)
def _application_heads() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = read_yaml(DOCUMENTS_FILE)
    heads = "|".join(re.escape(match_key(h)) for h in sorted(data["application_heads"], key=len, reverse=True))
    exceptions = "|".join(re.escape(match_key(h)) for h in data["application_head_exceptions"])
    return re.compile(rf"(?:{heads})(?!\w)"), re.compile(rf"(?:{exceptions})(?!\w)")


def is_application(key: str) -> bool:
    """Whether a document key names an application or declaration ("đơn đề nghị ...", "tờ khai ...")."""
    heads, exceptions = _application_heads()
    return bool(heads.match(key)) and not exceptions.match(key)
