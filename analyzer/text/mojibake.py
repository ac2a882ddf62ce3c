"""Repair one field of legacy-encoded or mojibake text found inside an otherwise Unicode record.

A record read as UTF-8 can still carry text typed in VNI ("QÑ/0001-BCA" = "QĐ/0001-BCA"), in TCVN3
("CÊp bé" = "Cấp bộ", its missing capitals as control codes 0x01-0x17), Windows-1258 bytes read as
Windows-1252 ("Viêòt" = "Việt") or UTF-8 bytes read as Windows-1252 ("Viá»‡t"). Such text is made only
of ASCII and the characters Windows-1252/Latin-1 can show; real Vietnamese almost always holds a letter
beyond them (ư ơ đ ạ ...), which is the cheap first test.

A field is judged by its words: a word is *plausible* when it is shaped like a Vietnamese syllable
(:func:`analyzer.text.syllables.is_vietnamese_syllable`) or is a capitalised abbreviation of Vietnamese
letters ("QĐ", "UBND"). Each candidate decoding is tried; one that leaves every word plausible where
the field had implausible ones is the repair. When one only makes it better, or two disagree, the
field is *suspect*: the caller must warn, never pass it as clean. Fields already plausible (real
Vietnamese, "Cà Mau") and fields no decoding improves ("25°C", "café") are left alone, unless a
decoding merges characters into letters (then the field was never really plausible: "Bôò" = "Bộ").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from analyzer.text.legacy import decode_tcvn3, decode_vni, tcvn3_control_capitals
from analyzer.text.lexicon import commonness, lexical_fit
from analyzer.text.syllables import is_vietnamese_syllable

# The characters Windows-1252 shows for bytes 0x80-0x9F (where Latin-1 has C1 controls).
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
# Punctuation around words that is punctuation in every encoding considered (never a TCVN3/VNI letter).
_EDGE_PUNCTUATION = "“”‘’–—…•„‚"
# Split on ASCII whitespace and punctuation only: U+00A0 is half of the UTF-8 mojibake of "à" ("Ã\xa0").
_WORD_RE = re.compile(r"[^ \t\n\r\f\v!-/:-@\[-`{-~]+")


@cache
def _lookalike_re() -> re.Pattern[str]:
    """A field made only of these can be legacy text: ASCII, Latin-1, cp1252's extras, TCVN3 capitals."""
    controls = "".join(chr(code) for code in tcvn3_control_capitals())
    return re.compile("[\\x00-\\xff" + re.escape(_CP1252_HIGH + controls) + "]*")


@cache
def _control_capitals_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(code) for code in tcvn3_control_capitals()) + "]")


def _beyond_ascii(text: str) -> bool:
    """Non-ASCII, or holding a control code TCVN3 (as iconv writes it) uses for a capital letter."""
    return not text.isascii() or _control_capitals_re().search(text) is not None


@dataclass(frozen=True)
class FieldRepair:
    """What became of a field: its text, the decoding applied (None: unchanged), and whether doubt remains."""

    text: str
    encoding: str | None = None
    suspect: bool = False
    reason: str = ""


def _to_bytes(text: str) -> bytes | None:
    """The bytes a cp1252/Latin-1 look-alike text stands for (None when a character has no byte)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))  # a C1 control: Latin-1 kept the byte as it was
    return bytes(out)


def _from_cp1258(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def _from_utf8(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


# Order only breaks exact ties: a strict UTF-8 decoding that succeeds is the strongest evidence.
CANDIDATES: dict[str, Callable[[str], str | None]] = {
    "utf-8": _from_utf8,
    "vni": decode_vni,
    "tcvn3": decode_tcvn3,
    "cp1258": _from_cp1258,
}


def _split_glued(word: str) -> list[str]:
    """"nộpThời" -> "nộp", "Thời"; "tuyến107" -> "tuyến", "107": the portal's flattened tables glue
    words, and a glued pair is no syllable even when its text is perfectly right."""
    return [part for part, _ in _glued_parts(word)]


def _glued_parts(word: str) -> list[tuple[str, bool]]:
    """Each part of a glued word, and whether it starts at a capital glued to a lower-case letter."""
    parts, start, camel_start = [], 0, False
    for i in range(1, len(word)):
        before, after = word[i - 1], word[i]
        camel = before.islower() and after.isupper() and i - start >= 2 and len(word) - i >= 2  # not "thuỊ"
        if camel or (before.isdigit() != after.isdigit() and (before.isalpha() or after.isalpha())):
            parts.append((word[start:i], camel_start))
            start, camel_start = i, camel
    parts.append((word[start:], camel_start))
    return parts


def _glued_capitals(text: str) -> int:
    return sum(camel for word in _WORD_RE.findall(text) for _, camel in _glued_parts(word.strip(_EDGE_PUNCTUATION)))


def _parts(text: str) -> list[str]:
    """Words, edge punctuation stripped, glued words split."""
    return [part for word in _WORD_RE.findall(text) for part in _split_glued(word.strip(_EDGE_PUNCTUATION)) if part]


def _words(text: str) -> list[str]:
    """Non-ASCII words: the evidence a decoding changes."""
    return [word for word in _parts(text) if _beyond_ascii(word)]


@cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter Vietnamese writes beyond ASCII, both cases (a tone mark on a consonant is none)."""
    lower = {
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưy"
        for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    } | {"đ"}
    return frozenset(lower | {letter.upper() for letter in lower})


def _is_abbreviation(word: str) -> bool:
    """"QĐ", "UBND", or in lower case consonants with "đ" ("bgdđt" in "21/2019/tt-bgdđt")."""
    if word.isupper():
        return all(char in "ĐÂĂÊÔƠƯ" for char in word if not (char.isascii() and char.isalnum()))
    return len(word) >= 2 and "đ" in word and all(char == "đ" or char in "bcdfghjklmnpqrstvxz" for char in word)


_STOP_FINAL_RE = re.compile(r"(?:c|ch|p|t)$")
_ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split() + [""]
)
# Every rhyme (medial + nucleus + coda, tone left out) of standard Vietnamese. Stricter than the
# structural check of analyzer.text.syllables, which a wrong decoding can pass ("quỷn" for "quyền").
_RHYMES = frozenset(
    """a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu yêm yên yêng yêt yêu
    o oc oi om on ong op ot oong ooc ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu y
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
    uâ uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uyn uynh uyp uyt uyu""".split()
)


def _has_rhyme(word: str) -> bool:
    toneless = unicodedata.normalize("NFC", re.sub("[\u0300\u0301\u0303\u0309\u0323]", "",
                                                   unicodedata.normalize("NFD", word.lower())))
    for cut in range(min(3, len(toneless)) + 1):
        onset, rhyme = toneless[:cut], toneless[cut:]
        if onset in _ONSETS and (rhyme in _RHYMES or (onset in ("gi", "qu") and rhyme in ("", *_RHYMES))):
            if rhyme or onset == "gi":
                return True
    return False


def _stop_final_tone_ok(word: str) -> bool:
    """A syllable closed by c, ch, p or t takes the sắc or nặng tone: "tục", never "tôc" (TCVN3 "tôc" = "tục")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return not _STOP_FINAL_RE.search(decomposed) or "\u0301" in decomposed or "\u0323" in decomposed


def is_plausible(word: str) -> bool:
    """A Vietnamese syllable or capitalised abbreviation, written with Vietnamese letters only."""
    word = unicodedata.normalize("NFC", word)
    letters = _vietnamese_letters()
    if not all(char in letters or (char.isascii() and char.isalnum()) for char in word):
        return False
    return (is_vietnamese_syllable(word) and _has_rhyme(word) and _stop_final_tone_ok(word)) or _is_abbreviation(word)


def _implausible(text: str) -> int:
    return sum(not is_plausible(word) for word in _words(text))


def _syllables(text: str) -> int:
    return sum(is_vietnamese_syllable(word) for word in _words(text))


# Symbols that real text holds and no decoding here explains away; any other Latin-1 / cp1252 character
# left in a decoded word is residue of a wrong or partial decoding.
_LEGIT_SYMBOLS = frozenset("\u00a0°±×÷²³½¼¾«»·§©®¬¦€“”‘’–—…•„‚‰‹›™")


def _residue(word: str) -> bool:
    """A look-alike character left over: neutral characters (see could_be_legacy) are no decoding's doing."""
    letters = _vietnamese_letters()
    return any(not char.isascii() and _lookalike(char) and char not in letters and char not in _LEGIT_SYMBOLS
               for char in word)


@dataclass(frozen=True)
class Score:
    """How Vietnamese a decoded text looks: its non-ASCII words, the implausible ones, the ones with
    characters no Vietnamese word has, and the valid syllables."""

    words: int
    bad: int
    residue: int
    syllables: int
    length: int
    lost_capitals: int = 0  # words in capitals in the source that the decoding turned to lower case

    def convincing(self, bad_before: int) -> bool:
        """Nothing but Vietnamese letters left, and at most one word in ten still odd, or at least two
        words repaired with at most half left odd: long fields keep the odd words of their source
        (glued "nộpThời", codes), which no decoding is to blame for."""
        gained = bad_before - self.bad
        return self.residue == 0 and gained > 0 and (self.bad <= self.words // 10 or (gained >= 2 and 2 * self.bad <= self.words))

    @property
    def rank(self) -> tuple[int, int, int, int]:
        # fewer wrong words; then the decoding that keeps capitals capital (VNI "NÑ-CP" is "NĐ-CP", not
        # TCVN3 "Nẹ-CP"); then more good words; then the one that merged more characters (VNI "Boä"
        # read as TCVN3 is two vowels that happen to look like a syllable)
        return (self.bad, self.lost_capitals, -self.syllables, self.length)


def _capital_words(words: list[str]) -> int:
    return sum(word.isupper() for word in words)


def _score(text: str, source: str) -> Score:
    words = _words(text)
    lost = max(0, _capital_words(_words(source)) - _capital_words(words))
    # A capital the decoding made inside a word glues two "words" the source never split: TCVN3 reads VNI
    # "Ñoàng" (= "Đồng") as "ẹoỔng", two plausible halves; each such split counts as a wrong word.
    glued = max(0, _glued_capitals(text) - _glued_capitals(source))
    return Score(len(words), glued + sum(not is_plausible(w) for w in words), sum(_residue(w) for w in words),
                 sum(is_plausible(w) for w in words), len(text), lost)


def _lookalike(char: str) -> bool:
    return _lookalike_re().fullmatch(char) is not None


def could_be_legacy(text: str) -> bool:
    """Cheap test: non-ASCII look-alike characters and no Vietnamese letter beyond them (real Vietnamese
    has ư, ạ, đ ...). Other characters (U+200E, U+202F, a private-use bullet, Cyrillic) are neutral: a
    crawl keeps them in legacy text as well."""
    letters = _vietnamese_letters()
    return (any(_beyond_ascii(char) and _lookalike(char) for char in text)
            and not any(char in letters and not _lookalike(char) for char in text))


def _fit(text: str) -> tuple[int, int]:
    """Lower is more Vietnamese: (syllables in no word, minus syllables joined into words)."""
    unknown, joined = lexical_fit([part for part in _parts(text) if not part.isdigit()])
    return unknown, -joined


_COMMONER = 10  # times as many word-list entries as the syllable it replaces


def _far_more_common(text: str, decoded: str) -> bool:
    """Every syllable the decoding changes becomes one the word list holds ten times as often: TCVN3 "sè"
    (4 entries) for "số" (208); real "Cà Mau" read as TCVN3 gives "Cổ" (269 against 132), no such gain."""
    pairs = [(a, b) for a, b in zip(_parts(text), _parts(decoded)) if a != b]
    return (len(_parts(text)) == len(_parts(decoded)) and bool(pairs)
            and all(commonness(b) >= _COMMONER * max(1, commonness(a)) for a, b in pairs))


def _by_word_list(text: str, prefer: str | None) -> FieldRepair:
    """A field whose every word is plausible, judged by the word list (analyzer.text.lexicon): TCVN3 "0 Giê"
    is "0 Giờ" (no word "giê"), "Thó y" may be "Thú y". A decoding that leaves no syllable outside a word
    where the field had some, and joins no fewer, is the repair; one that only joins more makes the field
    suspect. Real Vietnamese ("Cà Mau", "Có") fits the list at least as well as any decoding of it."""
    fit = _fit(text)
    better: dict[str, tuple[str, tuple[int, int]]] = {}
    common: dict[str, str] = {}
    for name, decode in CANDIDATES.items():
        decoded = decode(text)
        if decoded is None or decoded == text:
            continue
        score = _score(decoded, text)
        if score.bad == 0 and score.residue == 0 and _fit(decoded) < fit:
            better[name] = (decoded, _fit(decoded))
        elif score.bad == 0 and score.residue == 0 and _far_more_common(text, decoded):
            common.setdefault(name, decoded)
    if not better and common:
        name, decoded = next(iter(common.items()))
        return FieldRepair(text, None, True, f"its words are Vietnamese, but read as {name} they are far more common: {decoded!r}")
    if not better:
        return FieldRepair(text)
    ranked = sorted(better, key=lambda name: (name != prefer, better[name][1]))
    best = ranked[0]
    decoded, (unknown, minus_joined) = better[best]
    sure = fit[0] > 0 and unknown == 0 and minus_joined <= fit[1]
    ambiguous = len(ranked) > 1 and better[ranked[1]][1] == better[best][1] and better[ranked[1]][0] != decoded
    if sure and (not ambiguous or best == prefer):
        return FieldRepair(decoded, best)
    return FieldRepair(text, None, True, f"its words are Vietnamese, but read as {best} they form more words: {decoded!r}")


def repair_field(text: str, prefer: str | None = None) -> FieldRepair:
    """Repair ``text`` when it is legacy-encoded or mojibake Vietnamese (see the module docstring).

    ``prefer``: the encoding the other fields of the same record were in; it settles a tie ("sö" is
    TCVN3 "sử" and VNI "sư") that would otherwise leave the field suspect.
    """
    if not could_be_legacy(text):
        return FieldRepair(text)
    bad_before = _implausible(text)
    scores: dict[str, tuple[str, Score]] = {}
    for name, decode in CANDIDATES.items():
        decoded = decode(text)
        # A text whose words all look right is changed only by a decoding that merges characters
        # (VNI mark + letter, cp1258 combining tone, UTF-8 byte pairs): "Bôò" is cp1258 for "Bộ", but
        # real Vietnamese never shrinks under these decodings ("Cà Mau" stays as it is).
        if decoded is not None and decoded != text and (bad_before or len(decoded) < len(text)):
            scores[name] = (decoded, _score(decoded, text))
    if not scores:
        return FieldRepair(text) if bad_before else _by_word_list(text, prefer)
    convincing = {name: item for name, item in scores.items() if item[1].convincing(max(bad_before, item[1].bad + 1))}
    if convincing:
        ranked = sorted(convincing, key=lambda name: convincing[name][1].rank)
        best = prefer if prefer in convincing and convincing[prefer][1].rank == convincing[ranked[0]][1].rank else ranked[0]
        runner_up = next((name for name in ranked if name != best), None)
        if runner_up is None or convincing[runner_up][0] == convincing[best][0] or best == prefer or (
            convincing[best][1].rank < convincing[runner_up][1].rank
        ):
            return FieldRepair(convincing[best][0], best)
        return FieldRepair(text, None, True, f"both {best} and {runner_up} decodings read as Vietnamese")
    if not bad_before:
        return _by_word_list(text, prefer)
    best = min(scores, key=lambda name: scores[name][1].rank)
    decoded, score = scores[best]
    if score.bad < bad_before:
        # better, not clean: keep the decoding (closer to the source) and say so
        return FieldRepair(decoded, best, True, f"decoded as {best}, {score.bad} of {score.words} words still not "
                                                f"Vietnamese, {score.residue} with other characters")
    if _control_capitals_re().search(text):
        return FieldRepair(text, None, True, "control characters in the text")
    return FieldRepair(text)
