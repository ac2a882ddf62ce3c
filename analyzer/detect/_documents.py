"""Document names: their core (without list markers and copy wording), sub-case blocks, and identity.

A dossier list as published often hides sub-cases inside one case ("a) Trường hợp ...:" headings,
"II. Khi tạm ứng vốn: ...", a numbering that starts again). The same paper under two sub-cases is
legitimate, so duplicates are only looked for inside one block.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from analyzer.detect._similarity import candidate_pairs, key, similarity_matrix
from analyzer.model import DocumentRequirement
from analyzer.resources import Cues, phrase_pattern
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text.keys import fold

if TYPE_CHECKING:
    from analyzer.detect.pair_model import PairModel

_ENUMERATOR = default_vocabulary().list_marker("enumerator")
_ROMAN_SECTION = re.compile(r"^\s*[IVX]{1,5}\.\s")  # "II. Khi tạm ứng vốn: ..."
_HEADING_START = re.compile(r"^(?:trường hợp|đối với|nếu|khi|ngoài ra|hồ sơ gồm|thành phần hồ sơ)(?!\w)")
_PARENTHESES = re.compile(r"\([^()]*\)")
_NUMBERS = re.compile(r"\d+[a-zđ]?")
# "01 bản chính" (the number), "02 bản;" (number and word), "bản chính: 1", "số lượng: 01"
_FEW = default_vocabulary().count_words_pattern(3)  # một|hai|ba
_COUNT = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}|{_FEW})\s+(?=bản\s+(?:sao|chính|gốc|photo|chụp))"
    rf"|(?<!\w)(?:\d{{1,2}}|{_FEW})\s+bản(?=\s*(?:$|[,;.)]))"
    r"|(?<!\w)(?:số lượng|bản chính|bản sao)\s*:\s*\d+"
)
# People or parties a paper belongs to: "giấy khai sinh của con" and "... của mẹ" are two papers.
PARTY_WORDS = (
    "cha", "mẹ", "vợ", "chồng", "con", "người giám hộ", "người được giám hộ", "người ủy quyền", "người được ủy quyền",
    "bên bán", "bên mua", "bên cho thuê", "bên thuê", "bên tặng cho", "bên nhận", "bên chuyển nhượng",
    "bên nhận chuyển nhượng", "người chết", "người nước ngoài", "người lao động", "người sử dụng lao động",
    "chủ hộ", "thành viên", "cổ đông", "người đại diện", "chi nhánh", "văn phòng đại diện", "lần đầu", "cấp lại",
    "cấp đổi", "gia hạn", "điều chỉnh", "tiếng việt", "tiếng anh", "nước ngoài", "trong nước", "cũ", "mới",
)
_PARTIES = phrase_pattern(PARTY_WORDS)
_FOLDED_PARTIES = phrase_pattern(sorted({fold(w) for w in PARTY_WORDS}))  # for a name typed without diacritics
# Words whose presence in one name only does not make it another paper ("giấy xác nhận (về) tình trạng hôn nhân").
FILLERS = frozenset("của các những về việc theo quy định có đã được và đối với người bản cho là".split())
# "Giấy tờ, tài liệu là cơ sở cho ...", "Các giấy tờ làm căn cứ chứng minh cho ...", "Giấy tờ liên quan đến ...":
# descriptions of supporting papers, the same paper when what they support is the same.
_SUPPORT_HEAD = re.compile(
    r"^(?:các |những )?(?:giấy tờ|tài liệu|văn bản|hồ sơ|chứng từ)(?: (?:giấy tờ|tài liệu|văn bản|hồ sơ|chứng từ))*"
    r" (?:có )?(?:liên quan(?: đến| tới)?|làm căn cứ(?: chứng minh)?|là căn cứ(?: chứng minh)?|là cơ sở"
    r"|làm cơ sở|căn cứ chứng minh|chứng minh|xác nhận|về)(?: cho| về| đến)? "
)
_SUPPORT_STOP = FILLERS | {"giấy", "tờ", "tài", "liệu", "đến", "tới"}
MIN_SUPPORT_DICE = 0.7


def enumerator(name: str) -> str | None:
    """The list label a name starts with ("a)", "1.", "(ii)"), lower-cased; None for bullets or nothing."""
    match = _ENUMERATOR.match(name)
    label = match.group("label") if match else None
    return label.strip("().").lower() if label else None


def _is_copy_note(parenthesised: str, copy_words: re.Pattern[str]) -> bool:
    inner = _COUNT.sub(" ", parenthesised.strip("()"))
    words = copy_words.sub(" ", re.sub(r"[^\w\s]", " ", inner)).split()
    return not [w for w in words if w not in {"hoặc", "và"}]


def core(name: str, cues: Cues) -> str:
    """The keyed name without list markers, copy wording, counts and punctuation; form numbers stay.

    "- Bản sao Giấy khai sinh;", "Giấy khai sinh (bản sao)" and "c) 01 bản chính giấy khai sinh" share
    the core "giấy khai sinh"; "Tờ khai (Mẫu số 01)" and "Tờ khai (Mẫu số 02)" do not.
    """
    copy_words = cues.pattern("copy_words")  # copy wording ("bản sao", "có chứng thực") from detect_cues.yaml
    text = key(_ENUMERATOR.sub("", name, count=1))
    text = _COUNT.sub(" ", text)
    text = _PARENTHESES.sub(lambda m: " " if _is_copy_note(m.group(0), copy_words) else m.group(0), text)
    text = copy_words.sub(" ", text)
    text = " ".join(re.sub(r"[^\w\s/]", " ", text).split())
    # "Bản sao có chứng thực hoặc bản sao kèm xuất trình bản chính để đối chiếu Giấy phép ..." leaves "hoặc kèm"
    return re.sub(r"^(?:(?:hoặc|và|kèm theo|kèm)\s+)+|\s+(?:hoặc|và|kèm theo|kèm)$", "", text)


# "...: 01 bản chụp" — the colon introduces the count of the paper the entry asks for, not a sub-case's list
_COLON_COUNT = re.compile(r":\s*(?:\d{1,2}|một|hai|ba)\s*(?:\([^)]*\)\s*)?bản(?!\w)")


def is_heading(document: DocumentRequirement) -> bool:
    """A list entry that opens a sub-case rather than naming a paper: "a) Trường hợp ...:", or "Đối với
    phương tiện thương mại" with no number of copies. "Đối với trường hợp … thì phải nộp Thông báo …: 01 bản chụp"
    is a paper asked on a condition."""
    body = key(_ENUMERATOR.sub("", document.name, count=1)).rstrip()
    if body.endswith(":"):
        return True
    uncounted = not document.originals and not document.copies
    colon = ":" in _COLON_COUNT.sub(" ", body) if not uncounted else ":" in body
    return bool(_HEADING_START.match(body)) and (colon or uncounted)


def blocks(documents: Sequence[DocumentRequirement], cues: Cues) -> list[list[int]]:
    """Indices of the documents grouped into the sub-case blocks hidden inside one case's list: a block
    ends at a heading, a section number ("II."), a numbering that starts again, a "Hồ sơ ..." entry that
    names a whole dossier, or the application form listed again."""
    result: list[list[int]] = [[]]
    soft: list[bool] = [False]  # per block: opened by a numbering restart, a dossier entry or the form again
    labels: set[str] = set()
    forms: set[str] = set()
    for index, document in enumerate(documents):
        label = enumerator(document.name)
        heading = is_heading(document)
        name_core = core(document.name, cues)
        # "Hồ sơ xét hưởng chế độ …" heads another list; "Hồ sơ thiết kế xây dựng công trình …" is one paper
        dossier = name_core.startswith("hồ sơ ") and not cues.pattern("duplicate", "paper_files").match(name_core)
        # the application form listed again after other papers starts the list of another sub-case ("Giấy đề
        # nghị ..." heads each); listed twice in a row it is a plain duplicate
        form_again = bool(_APPLICATION.match(name_core)) and lead(document.name, cues) in forms \
            and lead(documents[index - 1].name, cues) != lead(document.name, cues)
        if heading or dossier or form_again or _ROMAN_SECTION.match(document.name) or (label is not None and label in labels):
            result.append([])
            soft.append(not heading and not _ROMAN_SECTION.match(document.name))
            labels, forms = set(), set()
        if label:
            labels.add(label)
        if _APPLICATION.match(name_core):
            forms.add(lead(document.name, cues))
        if not heading:
            result[-1].append(index)
    # A lone entry at the very end opens no sub-case: no paper follows it. Such a boundary (the form again, a
    # "Hồ sơ ..." entry, a number used again) is a paper listed once more in the block before it.
    if len(result) >= 2 and soft[-1] and len(result[-1]) == 1 and result[-2]:
        result[-2].extend(result.pop())
    return [block for block in result if block]


_APPLICATION = re.compile(r"^(?:giấy đề nghị|đơn đề nghị|đơn|tờ khai|văn bản đề nghị|phiếu đề nghị|bản đề nghị)(?!\w)")


def distinguishers(core_name: str) -> frozenset[str]:
    """Numbers, form codes and parties in a core name: two names that differ in them are two papers."""
    return frozenset(_NUMBERS.findall(core_name)) | frozenset(m.group(0) for m in _PARTIES.finditer(core_name))


_GENERIC = {
    "giấy tờ khác", "tài liệu khác", "giấy tờ liên quan", "tài liệu liên quan", "hồ sơ khác", "giấy tờ có liên quan",
    "tài liệu có liên quan", "các tài liệu khác có liên quan", "các giấy tờ khác", "văn bản khác", "hồ sơ",
    "đơn đề nghị", "tờ khai", "giấy đề nghị", "văn bản đề nghị", "tờ trình", "bản khai", "các giấy tờ khác có liên quan",
}


# "Hồ sơ của NLĐ": a short heading that points at a person's files listed elsewhere, not one paper (round-6 audit,
# 1.002051); a long row naming the papers themselves ("hồ sơ của cổ đông ... thẻ căn cước ...") stays a paper
_FILES_OF = re.compile(r"hồ sơ (?:của|đối với) \S+(?: \S+){0,2}")


def generic(core_name: str) -> bool:
    """Too vague to identify a paper ("giấy tờ khác", "tài liệu liên quan", one word, "hồ sơ của NLĐ")."""
    return len(core_name.split()) < 2 or core_name in _GENERIC or _FILES_OF.fullmatch(core_name) is not None


# what a supporting paper is about ends where its validity, form or issuer is stated
_SUPPORT_QUALIFIER = re.compile(r"(?<!\w)(?:có giá trị|theo mẫu|theo quy định|ban hành kèm|kèm theo|tính đến|do|"
                                r"được cấp|được lập|trong thời hạn)(?!\w)")
SUPPORT_WORDS = 12


def _support_subject(core_name: str) -> frozenset[str] | None:
    match = _SUPPORT_HEAD.match(core_name)
    if not match:
        return None
    subject = _SUPPORT_QUALIFIER.split(core_name[match.end():], maxsplit=1)[0]
    words = frozenset([w for w in subject.split() if w not in _SUPPORT_STOP][:SUPPORT_WORDS])
    return words if len(words) >= 2 else None


_FIRST_SENTENCE = re.compile(r";|\.\s")
MIN_LEAD_WORDS = 4


def lead(name: str, cues: Cues) -> str:
    """The core of a name's first sentence."""
    return core(_FIRST_SENTENCE.split(name, maxsplit=1)[0], cues)


_NOTE_AFTER = re.compile(r"^\W*(?:trường hợp|lưu ý|đối với|nếu|ghi chú)(?!\w)")


def noted_lead(name: str, cues: Cues) -> str | None:
    """The first sentence of a name followed only by a note: "Giấy phép xuất khẩu ...: 01 bản chính;
    Trường hợp áp dụng cơ chế một cửa ..." names the paper "Giấy phép xuất khẩu ...". None when the name
    goes on to other papers ("Bản sao thiết kế ...; thiết kế khai thác mỏ ...")."""
    parts = _FIRST_SENTENCE.split(name, maxsplit=1)
    if len(parts) == 1 or _NOTE_AFTER.match(key(parts[1])):
        return core(parts[0], cues)
    return None


# "Thành phần hồ sơ bao gồm: + Văn bản đề nghị …; + Chương trình …", "Mục I. Thành phần hồ sơ bao gồm", "Số lượng hồ sơ:
# 01 bộ", "Hồ sơ đề nghị cấp Mã số tân trang bao gồm": a heading, the count of sets or a whole list in one row
_NUMBERING = r"^\W*(?:(?:mục|phần)\s+[ivx\d]+\W+|[ivx]+\W+|\d+(?:\.\d+)*\W+|[a-zđ]\W+)?"
_COUNT_OF_SETS = re.compile(_NUMBERING + r"số lượng hồ sơ(?!\w)", re.IGNORECASE)
_DOSSIER_HEADING = re.compile(_NUMBERING + r"(?:thành phần hồ sơ(?:\s*\d+)?|hồ sơ (?:[\w ,]{0,60} )?(?:bao gồm|gồm(?: có)?))"
                              r"(?:,?\s*(?:bao gồm|gồm(?: có)?))?(?: các| những)?(?: giấy tờ| tài liệu)?(?: sau)?(?!\w)", re.IGNORECASE)
# a sentence that ends by announcing the list: "Người tham gia lực lượng xung kích … gửi hồ sơ về Ủy ban nhân dân cấp xã,
# thành phần hồ sơ bao gồm" (1.010091), "… thương nhân phải lập hồ sơ gửi về cơ quan có thẩm quyền …, hồ sơ gồm:"
_HEADING_AT_END = re.compile(r"(?:thành phần hồ sơ|hồ sơ)\s+(?:bao gồm|gồm)(?: có)?(?: các| những)?(?: giấy tờ| tài liệu)?"
                             r"(?: sau(?: đây)?)?\s*:?\s*$", re.IGNORECASE)
# the items of a list run into one row: "+ …", "- …", "a) …", "(1) …", "1. …", or parts between semicolons
_LIST_ITEM = re.compile(r"(?:^|[\s:])(?:[+\-–•]|[a-zđ]\)|\(\d+\)|\d+\.)\s|;(?=\s*\S)", re.IGNORECASE)
# a row that points to a provision or another procedure's list is open_component's ("Thành phần hồ sơ quy định tại …")
_POINTS_ELSEWHERE = re.compile(r"quy định tại|theo quy định|tương ứng (?:tại|với)", re.IGNORECASE)
def is_dossier_heading(name: str) -> bool:
    """The row is a heading with nothing after it, the count of sets, or a heading followed by several papers (a heading
    followed by one paper names that paper: "Thành phần hồ sơ gồm: Tờ khai đề nghị hỗ trợ chi phí mai táng")."""
    flat = " ".join(name.split())
    if _COUNT_OF_SETS.match(flat) or _HEADING_AT_END.search(flat):
        return True
    heading = _DOSSIER_HEADING.match(flat)
    if heading is None or _POINTS_ELSEWHERE.search(flat):
        return False
    rest = flat[heading.end():]
    return not rest.strip(" :.,-") or len(_LIST_ITEM.findall(rest)) >= 2


# the record's "Tên mẫu đơn, mẫu tờ khai: …" field pasted as a dossier row: it names the form, the paper is listed apart
_FORM_NAME_ROW = re.compile(r"^\W*tên mẫu đơn(?:,\s*mẫu tờ khai)?\s*:", re.IGNORECASE)


def is_form_name_row(name: str) -> bool:
    return _FORM_NAME_ROW.match(name) is not None


def is_note(name: str, cues: Cues) -> bool:
    """An entry that tells the official what to do rather than naming a paper ("Người tiếp nhận hồ sơ
    thực hiện khai thác thông tin ...", "Lưu ý: ...")."""
    return bool(_NOTE_START.match(core(name, cues)))


# A row that states a rule on the dossier's papers rather than naming one: "Các văn bản trong hồ sơ nếu bằng tiếng nước
# ngoài phải kèm theo bản dịch tiếng Việt", "Tài liệu được lập bằng tiếng nước ngoài phải được gửi kèm bản dịch …",
# "Trường hợp không quy định rõ bản chính thì có thể nộp bản sao hợp lệ" (record defects only: a paper finding still
# reads the translation the row asks for)
_ROW_MARK = r"^\W*(?:[a-zđ\d]{1,2}[.)]\s*|\([ivx\d]{1,4}\)\s*)?"  # "a) ", "2. ", "(v) "
_RULE_ROW = re.compile(
    r"^\W*(?:[a-zđ\d]{1,2}[.)]\s*)?(?:các|mọi|toàn bộ|những)?\s*(?:văn bản|giấy tờ|tài liệu|hồ sơ)(?:,\s*(?:tài liệu|giấy tờ))?\s+"
    r"(?:trong hồ sơ\s+|nêu trên\s+|do cơ quan[^,;]{0,40}cấp\s+)?(?:(?:nếu|được lập|lập|viết)\s+)?bằng (?:tiếng nước ngoài|tiếng anh)"
    r"[^;]{0,40}?\s+(?:thì\s+)?phải(?!\w)|^\W*trường hợp không quy định rõ bản chính(?!\w)"
    # who answers for the papers, not a paper: "Người ủy quyền và người được ủy quyền … chịu trách nhiệm trước pháp luật
    # về tính hợp pháp …" (2.000720), "Tổ hợp tác, hợp tác xã … tự chịu trách nhiệm trước pháp luật về tính chính xác …"
    # (2.002668); a commitment paper opens with the paper ("Văn bản cam kết chịu trách nhiệm …")
    rf"|{_ROW_MARK}(?:người|tổ chức|cá nhân|tổ hợp tác|hợp tác xã|liên hiệp|doanh nghiệp|chủ|nhà đầu tư|công ty|các bên|bên|"
    r"thương nhân|đơn vị)[\s,][^;:]{0,150}?\s(?:tự\s+)?chịu trách nhiệm(?:\s+trước pháp luật)?\s+về"
    # a case that is spared a paper: "Trường hợp … đã khai thác được dữ liệu điện tử … thì không phải nộp bản giấy"
    # (1.000110), "(Trường hợp khai thác được thông tin trong Cơ sở dữ liệu quốc gia …: … không phải nộp Bản sao …"
    rf"|{_ROW_MARK}(?:trường hợp|nếu|đối với trường hợp)\s[^;]{{0,250}}?\s(?:thì\s+)?(?:không (?:phải|cần)(?: phải)? "
    r"(?:nộp|xuất trình|có)|miễn nộp)(?!\w)", re.IGNORECASE)


def is_rule_row(name: str) -> bool:
    """A dossier row that states a rule on the papers (their language, the kind of copy, who answers for them, a case spared
    one) instead of naming a paper."""
    return bool(_RULE_ROW.search(" ".join(name.split())))


_NOTE_START = re.compile(r"^(?:người tiếp nhận|cơ quan tiếp nhận|cán bộ tiếp nhận|công chức tiếp nhận|lưu ý|ghi chú|chú ý)(?!\w)")


def same_paper(a: str, b: str, similarity: float, min_similarity: float) -> bool:
    """Two cores name one paper: equal; the same words in another order; or worded alike (TF-IDF
    similarity) differing only in filler words; or two descriptions of the papers supporting the same
    thing. Numbers, form codes and parties must agree."""
    if a == b:
        return True
    if distinguishers(a) != distinguishers(b) or generic(a) or generic(b):
        return False
    words_a, words_b = Counter(a.split()), Counter(b.split())
    if words_a == words_b:
        return True  # the same words in another order
    # counted, so that "... phó giáo sư ... phó giáo sư" and "... phó giáo sư ... giáo sư" differ
    if similarity >= min_similarity and set((words_a - words_b) + (words_b - words_a)) <= FILLERS:
        return True
    return _same_support(_support_subject(a), _support_subject(b))


def _same_support(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """Two supporting-paper descriptions support the same thing: their subjects' words mostly agree
    (Dice coefficient), and neither is the other narrowed down ("chỗ ở hợp pháp" vs "việc cho thuê chỗ ở
    hợp pháp" name two papers)."""
    if not a or not b:
        return False
    if (a < b and len(b - a) >= 2) or (b < a and len(a - b) >= 2):
        return False
    return 2 * len(a & b) / (len(a) + len(b)) >= MIN_SUPPORT_DICE


def duplicate_groups(cores: list[str], min_similarity: float, leads: list[str | None] | None = None,
                     also: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Groups (positions in ``cores``) of names of one paper, each group in list order, singletons dropped.

    ``leads`` (the cores of the names' first sentences) make two names with the same specific first
    sentence one paper whatever notes follow; ``also`` are pairs already known to be one paper (the
    pairwise model's, ``model_pairs``)."""
    also = set(also)
    size = len(cores)
    if leads is not None:
        cores = [leads[i] if leads[i] and len(leads[i].split()) >= MIN_LEAD_WORDS and leads.count(leads[i]) > 1
                 else cores[i] for i in range(size)]
    pairs = set(candidate_pairs(cores, 0.5)) | {(i, j) for i in range(size) for j in range(i + 1, size)
                                                if cores[i] == cores[j]}
    pairs = {(i, j) for i, j in pairs if cores[i] and cores[j]}
    if not pairs and not also:
        return []
    # TF-IDF is only needed where the wording differs in filler words alone; fitting it costs milliseconds
    words = [Counter(c.split()) for c in cores]
    needs_vectors = sorted({p for i, j in pairs if cores[i] != cores[j]
                            and set((words[i] - words[j]) + (words[j] - words[i])) <= FILLERS for p in (i, j)})
    sims = similarity_matrix([cores[p] for p in needs_vectors])
    row = {p: n for n, p in enumerate(needs_vectors)}
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in sorted(pairs):
        similarity = 1.0 if cores[i] == cores[j] else float(sims[row[i], row[j]]) if i in row and j in row else 0.0
        if same_paper(cores[i], cores[j], similarity, min_similarity):
            parent[root(j)] = root(i)
    for i, j in sorted(also):
        parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(size):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


# The original shown to check a copy ("bản chính để đối chiếu") goes with the copy: NĐ 23/2015/NĐ-CP Điều 6.
_SHOWN_TO_COMPARE = re.compile(r"(?<!\w)(?:đối chiếu|xuất trình)(?!\w)")


def shown_to_compare(document: DocumentRequirement) -> bool:
    """The item is an original shown so the official can check a copy, not a paper handed in."""
    return document.copy_kind == "xuat_trinh" or bool(_SHOWN_TO_COMPARE.search(key(document.name)))


_MODEL_STOP = frozenset("cua cac nhung ve viec theo quy dinh co da duoc va doi voi nguoi ban cho la hoac kem".split())


def _words_of(canonical_name: str) -> frozenset[str]:
    return frozenset(w for w in canonical_name.split() if w not in _MODEL_STOP)


def model_pairs(documents: Sequence[DocumentRequirement], cores: Sequence[str], model: "PairModel") -> dict[tuple[int, int], float]:
    """Pairs (positions in ``documents``) the pairwise model takes for one paper, with its probability.

    The model reads paraphrase (counts, copy kind, forms, remarks, abbreviations, truncation, word order);
    what it cannot see is vetoed here: a vague name, another party's paper, different numbers or
    instalments, and an original shown only to check the other item's copy."""
    from analyzer.detect.pair_model import aligned, canonical  # the model's own reading of a name

    names = [d.name for d in documents]
    canon = [canonical(n, "papers", model.abbreviations) for n in names]
    words = [_words_of(c) for c in canon]
    shown = [shown_to_compare(d) or bool(_FOLDED_SHOWN.search(fold(d.name))) for d in documents]
    references = [_references(n) for n in names]
    candidates = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if not (words[i] & words[j]) or generic(cores[i]) or generic(cores[j]) or shown[i] != shown[j]:
                continue
            if _parties_named(names[i], True) != _parties_named(names[j], True) and \
                    _parties_named(names[i], False) != _parties_named(names[j], False):
                continue  # another party's paper, with diacritics and without (one name may be typed without them)
            if _narrowed(*aligned(canon[i], canon[j])):
                continue
            numbers_i, numbers_j = set(_NUMBERS.findall(canon[i])), set(_NUMBERS.findall(canon[j]))
            if numbers_i and numbers_j and numbers_i != numbers_j:
                continue
            if references[i] and references[j] and not (references[i] <= references[j] or references[j] <= references[i]):
                continue  # "Tài liệu quy định tại điểm e ..." / "... tại điểm i ...": the reference names the paper (a
                # name cut short cites fewer of them, not others)
            candidates.append((i, j))
    if not candidates:
        return {}
    probabilities = model.probabilities([(names[i], names[j]) for i, j in candidates])
    return {pair: float(p) for pair, p in zip(candidates, probabilities) if p >= model.threshold}


NARROWING_WORDS = 2  # a name extended by at most this many words names a narrower paper ("động cơ" / "động cơ phụ")
_QUALIFIER_START = frozenset("da duoc theo do cua kem co tai trong nay lap".split())


def _narrowed(a: str, b: str) -> bool:
    """One canonical name is the other plus one or two words that are not a qualifier: another paper."""
    short, long = (a.split(), b.split()) if len(a.split()) <= len(b.split()) else (b.split(), a.split())
    tail = long[len(short):]
    return long[:len(short)] == short and 0 < len(tail) <= NARROWING_WORDS and tail[0] not in _QUALIFIER_START


def _party_words(core_name: str) -> frozenset[str]:
    return frozenset(m.group(0) for m in _PARTIES.finditer(core_name))


_REFERENCE = re.compile(r"(?<!\w)(?:diem|khoan|dieu|muc|phu luc|chuong)\s+[\w.]+|\d+")
_FOLDED_FORM = re.compile(r"(?<!\w)(?:mau|bieu mau)(?:\s+so)?\s*[\w./\-]*\d[\w./\-]*")  # forms: the model's own feature
_FOLDED_PARENTHESES = re.compile(r"\([^()]*\)")


def _references(name: str) -> frozenset[str]:
    """The points, clauses, articles, annexes and numbers a name cites (its remarks in parentheses and its count set
    aside): the model's canonical form drops them, yet two papers may differ only there."""
    text = fold(key(name))
    text = _FOLDED_PARENTHESES.sub(" ", re.sub(r"^(?:\d{1,2}|mot|hai|ba)\s+(?:ban|bo)(?!\w)", " ", text.strip()))
    text = _FOLDED_FORM.sub(" ", text)
    return frozenset(" ".join(m.group(0).split()) for m in _REFERENCE.finditer(text))


_FOLDED_FORM_ID = re.compile(r"(?<!\w)(?:mau|bieu mau)(?:\s+so)?\s*([\w./\-]*\d[\w./\-]*)")
_FOLDED_ANNEX_ID = re.compile(r"(?<!\w)phu luc(?:\s+so)?\s+([ivxlcdm]+|\d+[a-z]?)(?!\w)")


def _form_ids(pattern: re.Pattern[str], folded_name: str) -> set[str]:
    """The form (annex) numbers a name cites, as the number alone: "Mẫu số 01/TT-BXD", "mẫu 1" and "Mẫu số 01" agree."""
    return {m.strip(".-/").split("/")[0].lstrip("0") or "0" for m in pattern.findall(folded_name)}


def distinct_forms(a: str, b: str) -> bool:
    """Two names cite forms (or annexes) and none in common: two forms of the law, so two papers ("đơn đề nghị ... theo
    mẫu quy định tại Phụ lục XVI" of the driver, "văn bản đề nghị ... theo mẫu quy định tại Phụ lục XIV" of the
    enterprise; round-9 blind audit, 1.009479). A name citing none (cut short) or one more form is not another paper."""
    if bool(EFORM.search(key(a))) != bool(EFORM.search(key(b))):
        return False  # the interactive e-form of a paper form has a number of its own (``eform_pairs``)
    folded_a, folded_b = fold(key(a)), fold(key(b))
    for pattern in (_FOLDED_FORM_ID, _FOLDED_ANNEX_ID):
        ids_a, ids_b = _form_ids(pattern, folded_a), _form_ids(pattern, folded_b)
        if ids_a and ids_b and not ids_a & ids_b:
            return True
    return False


_FOLDED_SHOWN = re.compile(r"(?<!\w)(?:doi chieu|xuat trinh)(?!\w)")


def _parties_named(name: str, with_marks: bool) -> frozenset[str]:
    """The parties a name's paper belongs to, outside its remarks in parentheses ("(tên, số Thẻ thành viên)" lists
    what a list holds, it names no owner); ``with_marks`` False reads both the name and the parties folded."""
    text = _PARENTHESES.sub(" ", key(name))
    if with_marks:
        return _party_words(text)
    return frozenset(m.group(0) for m in _FOLDED_PARTIES.finditer(fold(text)))


# ---------------------------------------------------------------- a paper asked again in another entry's note

MIN_NOTED_WORDS = 5  # "phiếu thu thập thông tin dân cư": a specific paper, not "giấy tờ khác"
_CONDITION = re.compile(r"(?<!\w)(?:trường hợp|đối với|nếu)(?!\w)")
# where the paper a note asks for ends: its own qualifiers, the next paper, the end of the clause
# (not at "của": "tài liệu về tư cách pháp lý của đối tác nước ngoài" is not the investor's own)
_NOTED_END = re.compile(r"(?<!\w)(?:khi|hoặc|và|theo|đối với|trong trường hợp|tại|do|mẫu|thì)(?!\w)|[.,:;(]")
# "không phải nộp …" waives the paper; "ban hành kèm theo Thông tư …" names a text
_NOT_ASKED = re.compile(r"(?<!\w)(?:không|không cần|chưa|ban hành)\s*$")


def noted_requests(name: str, cues: Cues) -> list[str]:
    """The papers an entry's note asks for on a condition, as cores: "Phiếu CC01 …. Trường hợp công dân chưa có
    thông tin trong cơ sở dữ liệu … thì hồ sơ còn có Phiếu thu thập thông tin dân cư (Mẫu DC01 …)" ->
    ["phiếu thu thập thông tin dân cư"]."""
    text = key(name)
    verbs = cues.pattern("duplicate", "noted_requests")
    found = []
    for match in verbs.finditer(text):
        if not _CONDITION.search(text[: match.start()]) or _NOT_ASKED.search(text[max(0, match.start() - 12): match.start()]):
            continue  # a note states its condition first; a plain "phải nộp" is the entry's own demand
        paper = core(_NOTED_END.split(text[match.end():], maxsplit=1)[0], cues)
        paper = re.sub(r"^(?:\d{1,2}|một|hai|ba)\s+", "", paper)
        if len(paper.split()) >= MIN_NOTED_WORDS:
            found.append(paper)
    return found


def noted_again_pairs(names: Sequence[str], cores: Sequence[str], cues: Cues) -> set[tuple[int, int]]:
    """Pairs (positions) of an entry whose note asks again for the paper another entry asks for: the other entry's
    core, or one of its alternatives ("… hoặc Thông báo kết quả kiểm tra …"), opens with the noted paper and
    names the same parties and numbers."""
    pairs = set()
    for i, name in enumerate(names):
        for paper in noted_requests(name, cues):
            if cores[i].startswith(paper):
                continue  # the entry's own paper, restated in its note
            for j, other in enumerate(cores):
                if j == i or not any(alt.startswith(paper) and distinguishers(paper) <= distinguishers(alt)
                                     for alt in re.split(r"(?<!\w)hoặc\s+", other)):
                    continue
                pairs.add((min(i, j), max(i, j)))
    return pairs


# ---------------------------------------------------------------- one paper listed again under another condition

MIN_RESTATED_WORDS = 8  # a paper named at length ("giấy tờ về việc nhận thừa kế quyền sử dụng đất theo quy định ...")
MIN_SUBJECT_WORDS = 7  # what a supporting-paper description is about ("xử phạt vi phạm hành chính trong lĩnh vực đất đai")
_CONDITION_START = re.compile(r"(?<!\w)(?:đối với trường hợp|trong trường hợp|trường hợp|đối với|nếu có)(?!\w)")


def _before_condition(core_name: str) -> str:
    return _CONDITION_START.split(core_name, maxsplit=1)[0].strip()


def _support_text(core_name: str) -> str | None:
    """What a supporting-paper description is about, before its condition: "giấy tờ liên quan đến xử phạt vi phạm
    hành chính trong lĩnh vực đất đai đối với trường hợp …" -> "xử phạt vi phạm hành chính trong lĩnh vực đất đai"."""
    match = _SUPPORT_HEAD.match(core_name)
    return _before_condition(core_name[match.end():]) if match else None


# where a paper's own name ends and the text that sets it begins ("… theo quy định tại điểm b khoản 1 Điều 30 …")
_LEGAL_TAIL = re.compile(r"\s+(?:theo quy định tại|quy định tại|theo quy định|theo mẫu|ban hành kèm)(?!\w).*$")
MIN_ALWAYS_WORDS = 5  # "giấy chứng nhận đăng ký đầu tư": a paper named, not "giấy tờ khác"


def _asked_always_and_on_condition(always: str, conditional: str) -> bool:
    """``always`` asks for a paper with no condition and ``conditional`` asks for it again on a condition ("Bản sao giấy
    chứng nhận đăng ký đầu tư theo quy định tại điểm b …" / "Bản sao giấy chứng nhận đăng ký đầu tư đối với dự án …
    trong trường hợp …", 1.005280): the paper asked always covers the case."""
    if _CONDITION_START.search(always) or not _CONDITION_START.search(conditional):
        return False
    name = _LEGAL_TAIL.sub("", always).strip()
    return len(name.split()) >= MIN_ALWAYS_WORDS and name == _before_condition(conditional)


def restated_pairs(cores: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs (positions) of entries that ask for one paper under two conditions: a long name before the condition,
    listed again with another paper after it ("… theo quy định của pháp luật về dân sự và giấy tờ về việc chuyển
    quyền …"); or a description of the papers about something ("Giấy tờ liên quan đến xử phạt vi phạm hành
    chính trong lĩnh vực đất đai …") and the paper itself ("Quyết định xử phạt vi phạm hành chính trong lĩnh vực
    đất đai; chứng từ nộp phạt …"). Parties must agree."""
    heads = [_before_condition(c) for c in cores]
    subjects = [_support_text(c) for c in cores]
    pairs = set()
    for i in range(len(cores)):
        for j in range(i + 1, len(cores)):
            a, b = heads[i], heads[j]
            short = min(a, b, key=len)
            if not short or _party_words(a) != _party_words(b) or generic(short):
                continue
            if _asked_always_and_on_condition(cores[i], cores[j]) or _asked_always_and_on_condition(cores[j], cores[i]):
                pairs.add((i, j))
                continue
            # (the same name under two conditions is most often one form per party or per scope: "… đối với tổ chức" /
            # "… đối với cá nhân"; only a name listed again inside a longer list of papers is the paper asked twice)
            if len(short.split()) >= MIN_RESTATED_WORDS and (a.startswith(f"{b} và ") or b.startswith(f"{a} và ")):
                pairs.add((i, j))
                continue
            for x, y in ((i, j), (j, i)):
                subject = subjects[x]
                # (an application is not the papers supporting it: "Tài liệu chứng minh đề nghị cấp lại giấy phép" /
                # "Đơn đề nghị cấp lại giấy phép")
                if subject and subjects[y] is None and len(subject.split()) >= MIN_SUBJECT_WORDS and \
                        not _APPLICATION.match(cores[y]) and \
                        re.match(rf"^(?:\w+\s+){{1,3}}{re.escape(subject)}(?!\w)", cores[y]):
                    pairs.add((i, j))
    return pairs



# ---------------------------------------------------------------- two letters asking for one thing

# A request letter: its head, who writes it ("của chủ đầu tư …"), the request words, and what it asks for.
# "Tờ trình đề nghị điều chỉnh ranh giới, diện tích khu rừng" and "Văn bản đề nghị điều chỉnh ranh giới, diện tích khu
# rừng" (1.014836), "Đơn đề nghị xét cấp giấy phép lái tàu" and "Văn bản đề nghị xét cấp giấy phép lái tàu của doanh
# nghiệp" (1.009479) are two letters for one request: one of them (carrying what the other says) is enough.
# (the author is a short name: "văn bản của cơ quan … thể hiện … trừ trường hợp đề nghị …" names no author, 2.001745)
_AUTHOR_WORD = r"(?!(?:trừ|trường|theo|quy|thể|tại|đối|nếu|khi)(?!\w))\S+"
_REQUEST_LETTER = re.compile(
    r"^(?P<head>tờ trình|văn bản đề nghị|đơn đề nghị|giấy đề nghị|công văn đề nghị|phiếu đề nghị|bản đề nghị|văn bản|công văn|đơn)"
    rf"(?:\s+(?:của|do)\s+(?P<author>{_AUTHOR_WORD}(?:\s+{_AUTHOR_WORD}){{0,14}}?)(?=\s+(?:đề nghị|xin|về việc|v/v)(?!\w)))?"
    r"(?P<verbs>(?:\s+(?:đề nghị|xin|về việc|v/v|được)(?!\w))*)\s+(?P<subject>.+)$")
_REQUEST_HEADS = ("tờ trình", "đề nghị")  # heads that are requests by themselves; "văn bản", "đơn" need a request word
# what the request is about ends at its form, its legal reference, its author or its condition
_SUBJECT_END = re.compile(r"(?<!\w)(?:theo|mẫu|ban hành|trong đó|kèm theo|đối với|trường hợp|của|do|tại|gửi)(?!\w)|[;:(]")
# a letter of a foreign State is what a treaty asks for ("Văn bản của Bộ Thương mại Vương quốc Campuchia đề nghị cho
# phép quá cảnh hàng hóa"), not the applicant's second letter
_FOREIGN_AUTHOR = re.compile(r"(?<!\w)(?:vương quốc|cộng hòa|nước ngoài|đại sứ quán|chính phủ nước|bộ trưởng bộ)(?!\w)")
MIN_REQUEST_WORDS = 3  # "cấp lại thẻ bảo hiểm y tế": a request named; "cấp phép" alone is too vague


def request_subject(core_name: str) -> str | None:
    """What a request letter asks for ("tờ trình của chủ đầu tư về việc giao tài sản cho …" -> "giao tài sản"), or
    None when the name is no request letter (or one of a foreign State)."""
    match = _REQUEST_LETTER.match(core_name)
    if not match or _FOREIGN_AUTHOR.search(core_name):
        return None
    head, verbs = match.group("head"), match.group("verbs") or ""
    if not any(h in head for h in _REQUEST_HEADS) and not re.search(r"(?<!\w)(?:đề nghị|xin)(?!\w)", verbs):
        return None  # "Văn bản chấp thuận …", "Đơn vị …": not a request
    subject = _SUBJECT_END.split(match.group("subject"), maxsplit=1)[0].strip()
    return subject if len(subject.split()) >= MIN_REQUEST_WORDS else None


def _head_word(core_name: str) -> str:
    match = _REQUEST_LETTER.match(core_name)
    return match.group("head") if match else ""


def request_pairs(cores: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs (positions) of two request letters of different kinds (a "Tờ trình" and a "Văn bản đề nghị", an "Đơn đề
    nghị" and a "Văn bản đề nghị") asking for the same thing: the same request, or one the other's request narrowed
    ("giao tài sản" / "giao tài sản cho đối tượng quản lý"). Two letters of one kind are the rules of ``same_paper``."""
    subjects = [request_subject(c) for c in cores]
    pairs = set()
    for i in range(len(cores)):
        for j in range(i + 1, len(cores)):
            a, b = subjects[i], subjects[j]
            if not a or not b or _head_word(cores[i]) == _head_word(cores[j]) or _party_words(a) != _party_words(b):
                continue
            short, long = sorted((a.split(), b.split()), key=len)
            if long[:len(short)] == short:
                pairs.add((i, j))
    return pairs


# ---------------------------------------------------------------- a conditional row listed twice

MIN_ROW_PAPER_WORDS = 3  # the papers a conditional row names after its colon ("Hóa đơn, chứng từ mua …")


def repeated_condition_rows(documents: Sequence[DocumentRequirement], cues: Cues,
                            abbreviations: Mapping[str, str] | None = None) -> list[list[int]]:
    """Groups (indices) of a row that states a condition and the papers it asks ("Trường hợp đang hưởng trợ cấp … nay đề
    nghị trang cấp tiếp: Hóa đơn, chứng từ mua các phương tiện …", 1.001521), or names a dossier and its papers ("Hồ sơ
    hỗ trợ kinh phí đào tạo: Hợp đồng đào tạo, …", 1.007623), listed again further down the same case. Such a row reads
    as a sub-case heading, so ``blocks`` never compares it with its copy. The rows are compared as the pair model reads
    a name (``canonical``: counts, copy kind, remarks in parentheses, case, marks and abbreviations set aside), with
    the same numbers and references, so "Một (01) bản đối với …: …" or the row in capitals is the row again. A row
    repeated right below itself is a pasted row, a defect of the record rather than a paper asked twice."""
    from analyzer.detect.pair_model import canonical  # the model's own reading of a name

    rows: dict[tuple[str, frozenset[str]], list[int]] = {}
    heads: set[int] = set()
    for index, document in enumerate(documents):
        body = key(_ENUMERATOR.sub("", document.name, count=1)).rstrip()
        after = body.rsplit(":", 1)[1] if ":" in body else ""
        if len(after.split()) < MIN_ROW_PAPER_WORDS:
            continue
        name_core = core(document.name, cues)
        if is_heading(document) or (name_core.startswith("hồ sơ ")
                                    and not cues.pattern("duplicate", "paper_files").match(name_core)):
            heads.add(index)
        reading = canonical(document.name, "papers", abbreviations)
        if len(reading.split()) >= MIN_RESTATED_WORDS:
            rows.setdefault((reading, _references(document.name)), []).append(index)
    # (one of the rows heads a sub-case: two plain rows are compared inside their block already)
    return [group for group in rows.values() if len(group) > 1 and heads & set(group)
            and all(b - a > 1 for a, b in zip(group, group[1:]))]


# ---------------------------------------------------------------- a paper form and its interactive e-form

# "Văn bản yêu cầu cấp Phiếu Lý lịch tư pháp … (Mẫu số 03/2025/LLTP)" and "Văn bản yêu cầu cấp Phiếu Lý lịch tư pháp …
# điện tử tương tác (Mẫu số 06/2025/LLTP)" (3.000331): the same form on paper and online, alternatives by channel, both
# listed as papers to file
# (the one reading of the portal's interactive e-form: original_plus_copy reads it too, as no paper to count)
EFORM = re.compile(r"(?<!\w)(?:điện tử tương tác|tương tác điện tử)(?!\w)")
_FORM_NUMBER = re.compile(r"(?<!\w)(?:mẫu|biểu mẫu)(?: số)?\s*[\w./\-]*\d[\w./\-]*")


def _without_form(core_name: str) -> str:
    return " ".join(_FORM_NUMBER.sub(" ", EFORM.sub(" ", core_name)).split())


def eform_pairs(cores: Sequence[str]) -> set[tuple[int, int]]:
    """Pairs (positions) of a form and the same form "điện tử tương tác": the names agree once that phrase and the form
    numbers are set aside (so the scopes agree: "… dùng cho cá nhân trong trường hợp ủy quyền …" pairs only with
    itself)."""
    plain = [_without_form(c) for c in cores]
    pairs = set()
    for i in range(len(cores)):
        for j in range(i + 1, len(cores)):
            if bool(EFORM.search(cores[i])) != bool(EFORM.search(cores[j])) and plain[i] == plain[j] \
                    and len(plain[i].split()) >= MIN_LEAD_WORDS and not generic(plain[i]):
                pairs.add((i, j))
    return pairs
