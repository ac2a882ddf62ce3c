"""The project's own mutation harness (issue 12, section 2): ``python -m bench mutation``.

Real records (portal-flat and portal-docx, drawn with a fixed seed) are mutated one item at a time and analysed
before and after, with peers from the whole of both corpora (as ``analyzer.report.evaluate`` builds them):

* positives, each expected to raise a *new* finding of one rule that points at the mutated item:
  - ``duplicate_document``: a paraphrased copy of one of the record's papers appended to the same case;
  - ``duplicate_step``: a paraphrased copy of one of its steps appended to the steps;
  - ``long_time`` (rule ``peer_outlier``, or ``long_time_target`` where there are too few peers to compare): the
    procedure's time set far too long on every channel (5 × the in-person channel's peer median, or 200 working
    days when it has no peer group). Every channel, because one channel far off its siblings (200 days by post,
    5 in person) is a publication slip, and because several rows of one mode are cases whose shortest is the
    general one;
* negatives, real look-alikes that must raise no new finding at all: the same paper in a new case
  ("Trường hợp …"), a second payment instalment ("… lần 2" beside "… lần 1"), the other party's copy
  ("… của bên mua" beside "… của bên bán"), a sub-bullet of the last step listed as a step of its own.

The paraphrase operators are this module's own, written apart from those that train the pair model
(``analyzer.batch.pair_model_build``), so the harness does not measure the model on its training distribution.
The papers and steps chosen are ones no finding of the original points at, so a new finding is due to the
mutation alone. Findings are compared by (rule, evidence places); the mutations only append items or change the
channels' times, so the places of the original's items do not move.
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from analyzer.model import Case, DocumentRequirement, Duration, Procedure, Step

SEED = 1212
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = ("corpus-real/portal-flat/records.jsonl.gz", "corpus-real/portal-docx/records.jsonl.gz")
POSITIVE_KINDS = ("duplicate_document", "duplicate_step", "long_time")
NEGATIVE_KINDS = ("new_case", "instalment", "party_copy", "sub_bullet")
EXPECTED_RULES = {"duplicate_document": ("duplicate_document",), "duplicate_step": ("duplicate_step",),
                  "long_time": ("peer_outlier", "long_time_target")}
RECALL_TARGET = 0.90  # issue 12, acceptance
CLEAN_TARGET = 0.95

Place = tuple[str, int | None, int | None]  # (field, case, index), as analyzer.report.evaluate.place
TextOperator = Callable[[str, random.Random], str]


# ------------------------------------------------------------------ paraphrase operators: papers

COUNT_PREFIXES = ("01 bản", "Một (01) bản", "Hai (02) bản", "01 bộ", "Bản")
COPY_NOTES = (" (bản gốc)", " – bản sao", " (bản chụp)", ": bản chính", " – bản sao y")
FORM_REFERENCES = (" theo mẫu số 05", " (mẫu số 01a)", " theo mẫu đính kèm", ", lập theo Mẫu số 3")
OPTIONAL_REMARKS = (" (nếu có)", " (trường hợp có)", " (nếu thuộc đối tượng)")
# short form -> the full form as records write it; matched without regard to case
ABBREVIATIONS = {
    "GCN": "giấy chứng nhận", "CCCD": "căn cước công dân", "CMND": "chứng minh nhân dân",
    "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân", "QSDĐ": "quyền sử dụng đất",
    "ĐKKD": "đăng ký kinh doanh", "ĐKDN": "đăng ký doanh nghiệp", "GPXD": "giấy phép xây dựng",
}
# where a paper's name ends its head and starts a qualifier ("Đề án giải thể … | theo Mẫu số 02")
# ("của …" and "kèm theo …" often carry the paper's identity: "Đơn đăng ký hoạt động | của sàn giao dịch …")
HEAD_BOUNDARIES = re.compile(r"\s*(?:\(|:| – | - | do | theo | đối với | trong trường hợp )")
HEAD_MIN_WORDS = 4  # a shorter head ("Văn bản", "Đơn đề nghị") no longer names one paper


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _trimmed(text: str) -> str:
    return text.strip().rstrip(".;,: ")


def with_count(text: str, rng: random.Random) -> str:
    """'Đơn đề nghị' -> '01 bản đơn đề nghị'."""
    return f"{rng.choice(COUNT_PREFIXES)} {_lower_first(text.strip())}"


def with_copy_note(text: str, rng: random.Random) -> str:
    return _trimmed(text) + rng.choice(COPY_NOTES)


def with_form_reference(text: str, rng: random.Random) -> str:
    return _trimmed(text) + rng.choice(FORM_REFERENCES)


def with_optional_remark(text: str, rng: random.Random) -> str:
    return _trimmed(text) + rng.choice(OPTIONAL_REMARKS)


def _tone_free(word: str) -> str:
    """A pattern for a full form that also matches the other tone placement ('ủy'/'uỷ')."""
    return re.escape(word).replace("ủy", "(?:ủy|uỷ)")


def swap_abbreviation(text: str, rng: random.Random) -> str:
    """Contract one full form into its abbreviation, or expand an abbreviation the text already uses."""
    choices: list[tuple[str, str]] = []
    for short, full in ABBREVIATIONS.items():
        if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text):
            choices.append((rf"(?<!\w){re.escape(short)}(?!\w)", full))
        if re.search(_tone_free(full), text, re.IGNORECASE):
            choices.append((_tone_free(full), short))
    if not choices:
        return text
    pattern, replacement = rng.choice(choices)
    return re.sub(pattern, replacement, text, count=1, flags=re.IGNORECASE)


def cut_to_head(text: str, rng: random.Random) -> str:
    """Keep the name up to its first qualifier, if that leaves a head of ``HEAD_MIN_WORDS`` words or more."""
    match = HEAD_BOUNDARIES.search(text, 1)
    head = text[: match.start()] if match else text
    return head if len(head.split()) >= HEAD_MIN_WORDS else text


def reorder_coordination(text: str, rng: random.Random) -> str:
    """'bản vẽ và thuyết minh' -> 'thuyết minh và bản vẽ': swap up to two words on each side of 'và'/'hoặc'."""
    words = text.split()
    joints = [i for i, word in enumerate(words) if word in ("và", "hoặc") and 0 < i < len(words) - 1]
    if not joints:
        return text
    at = rng.choice(joints)
    left = max(at - 2, 0)
    right = min(at + 3, len(words))
    before, after = words[left:at], words[at + 1:right]
    return " ".join(words[:left] + after + [words[at]] + before + words[right:])


def upper_case(text: str, rng: random.Random) -> str:
    return text.upper()


def without_diacritics(text: str, rng: random.Random) -> str:
    """Vietnamese typed without marks: 'Giấy đề nghị' -> 'Giay de nghi'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


PAPER_OPERATORS: tuple[TextOperator, ...] = (
    with_count, with_copy_note, with_form_reference, with_optional_remark, swap_abbreviation, cut_to_head,
    reorder_coordination, upper_case, without_diacritics,
)


# ------------------------------------------------------------------ paraphrase operators: steps

OPENERS = ("Sau đó, ", "Tiếp theo, ", "Kế đến, ", "Sau bước trên, ")
# (word, near-synonym): the pairs the issue names, and a few more of the same sort
NEAR_SYNONYMS = (
    ("tiếp nhận", "nhận"), ("kiểm tra", "kiểm tra lại"), ("thẩm định", "xem xét, thẩm định"),
    ("giải quyết", "xử lý"), ("trả kết quả", "trả lại kết quả"), ("xem xét", "rà soát"), ("ký", "ký duyệt"),
)


def with_opener(text: str, rng: random.Random) -> str:
    """'Quyết định …' -> 'Sau đó, quyết định …'."""
    return rng.choice(OPENERS) + _lower_first(text.strip())


def near_synonym(text: str, rng: random.Random) -> str:
    present = [(word, other) for word, other in NEAR_SYNONYMS
               if re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE)]
    if not present:
        return text
    word, other = rng.choice(present)

    def keep_case(match: re.Match[str]) -> str:
        return other[:1].upper() + other[1:] if match.group(0)[:1].isupper() else other
    return re.sub(rf"(?<!\w){word}(?!\w)", keep_case, text, count=1, flags=re.IGNORECASE)


def repunctuate(text: str, rng: random.Random) -> str:
    """Change the punctuation only: the final stop, the last comma to a semicolon, line breaks to spaces."""
    head, comma, tail = text.rpartition(", ")
    variants = [
        _trimmed(text),
        _trimmed(text) + ";",
        f"{head}; {tail}" if comma else text,
        " ".join(text.split()),
    ]
    changed = [v for v in variants if v != text]
    return rng.choice(changed) if changed else text


STEP_OPERATORS: tuple[TextOperator, ...] = (with_opener, near_synonym, repunctuate)


def paraphrase(text: str, operators: Sequence[TextOperator], rng: random.Random, most: int = 2) -> str:
    """One or ``most`` operators, in random order, chosen among those that change the text."""
    out = text
    order = list(operators)
    rng.shuffle(order)
    applied = 0
    for operator in order:
        changed = operator(out, rng)
        if changed != out:
            out, applied = changed, applied + 1
            if applied >= rng.randint(1, most):
                break
    return out


# ------------------------------------------------------------------ mutants

@dataclass
class Mutant:
    kind: str  # one of POSITIVE_KINDS or NEGATIVE_KINDS
    base: Procedure  # what the mutant is compared with: the original record, or it with a look-alike's first half
    procedure: Procedure  # the mutated record
    target: Place  # the mutated item
    original: str  # the text copied or changed
    mutated: str  # the text appended or set
    fixed: bool = False  # one of the literal examples (FIXED_CASES), not a drawn mutant

    @property
    def positive(self) -> bool:
        return self.kind in POSITIVE_KINDS


def _clone(procedure: Procedure) -> Procedure:
    return procedure.model_copy(deep=True)


def _flagged(places: set[Place], place: Place) -> bool:
    return place in places


def _papers(procedure: Procedure, flagged: set[Place]) -> list[tuple[int, int, DocumentRequirement]]:
    return [(ci, di, d) for ci, di, d in procedure.documents
            if len(d.name.split()) >= 2 and not _flagged(flagged, ("documents", ci, di))]


def _append_paper(procedure: Procedure, case: int, name: str, like: DocumentRequirement) -> Place:
    documents = procedure.cases[case].documents
    documents.append(DocumentRequirement(name=name, originals=like.originals, copies=like.copies,
                                         copy_kind=like.copy_kind, form=like.form))
    return ("documents", case, len(documents) - 1)


def _append_step(procedure: Procedure, text: str, title: str | None) -> Place:
    index = max((s.index for s in procedure.steps), default=0) + 1
    procedure.steps.append(Step(index=index, text=text, title=title))
    return ("steps", None, len(procedure.steps) - 1)


def duplicate_document(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    papers = _papers(procedure, flagged)
    if not papers:
        return None
    case, _, paper = rng.choice(papers)
    name = paraphrase(paper.name, PAPER_OPERATORS, rng)
    mutant = _clone(procedure)
    target = _append_paper(mutant, case, name, paper)
    return Mutant("duplicate_document", procedure, mutant, target, paper.name, name)


def duplicate_step(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    steps = [(i, s) for i, s in enumerate(procedure.steps)
             if len(s.text.split()) >= 3 and not _flagged(flagged, ("steps", None, i))]
    if not steps:
        return None
    _, step = rng.choice(steps)
    seed = rng.random()
    text = paraphrase(step.text, STEP_OPERATORS, random.Random(seed))
    title = paraphrase(step.title, STEP_OPERATORS, random.Random(seed)) if step.title else None
    mutant = _clone(procedure)
    target = _append_step(mutant, text, title)
    return Mutant("duplicate_step", procedure, mutant, target, step.text, text)


def long_time(procedure: Procedure, flagged: set[Place], rng: random.Random, peers: object,
              min_peers: int = 5) -> Mutant | None:
    """Every channel takes 5 × the peers' median of a channel no finding points at (the in-person one first,
    the target); with fewer than ``min_peers`` peers, 200 working days (far above any routine time) or 5 × its
    own time if that is larger."""
    from analyzer.detect.peers import peer_key

    free = [i for i in range(len(procedure.channels)) if not _flagged(flagged, ("channels", None, i))]
    if not free:
        return None
    in_person = [i for i in free if procedure.channels[i].mode == "truc_tiep"]
    position = (in_person or free)[0]
    channel = procedure.channels[position]
    median, count = None, 0
    if procedure.field and procedure.level:
        group = peer_key(procedure, channel.mode)
        median, count = peers.median(group), peers.count(group)  # type: ignore[attr-defined]
    if median and count >= min_peers:
        days = float(max(round(5 * median), round(median) + 10))
    else:  # 200 working days, or 5 × the channel's own time when that is already long
        own = channel.duration.working_days if channel.duration and channel.duration.working_days else 0.0
        days = float(max(200, round(5 * own)))
    text = f"{days:g} ngày làm việc"
    mutant = _clone(procedure)
    for row in mutant.channels:
        row.duration = Duration(text=text, value=days, unit="working_day", working_days=days)
    before = channel.duration.text if channel.duration else ""
    return Mutant("long_time", procedure, mutant, ("channels", None, position), before, text)


NEW_CASE_NAMES = ("Trường hợp nộp hồ sơ qua dịch vụ bưu chính", "Trường hợp người nộp là tổ chức",
                  "Trường hợp ủy quyền cho người khác thực hiện", "Trường hợp cấp lại do bị mất, hư hỏng")


def new_case(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    """The same paper, word for word, required in a new case of its own."""
    papers = _papers(procedure, flagged)
    if not papers:
        return None
    _, _, paper = rng.choice(papers)
    mutant = _clone(procedure)
    mutant.cases.append(Case(name=rng.choice(NEW_CASE_NAMES), documents=[paper.model_copy()]))
    return Mutant("new_case", procedure, mutant, ("documents", len(mutant.cases) - 1, 0), paper.name, paper.name)


PAYMENT_WORDS = re.compile(r"chứng từ|biên lai|nộp tiền|thanh toán|phí|nghĩa vụ tài chính", re.IGNORECASE)
PARTIES = (("bên bán", "bên mua"), ("bên chuyển nhượng", "bên nhận chuyển nhượng"), ("bên cho thuê", "bên thuê"),
           ("bên tặng cho", "bên được tặng cho"), ("vợ", "chồng"))


LOOKALIKE_MAX_WORDS = 15  # look-alike pairs are short names ("Biên lai nộp tiền lần 1"), not whole paragraphs


def _paired(procedure: Procedure, flagged: set[Place], rng: random.Random, kind: str,
            first: Callable[[str], str], second: Callable[[str], str], only: re.Pattern[str] | None = None,
            ) -> Mutant | None:
    """A look-alike pair: the base names the paper as ``first``, the mutant adds ``second`` beside it."""
    papers = [p for p in _papers(procedure, flagged)
              if len(p[2].name.split()) <= LOOKALIKE_MAX_WORDS and (only is None or only.search(p[2].name))]
    if not papers:
        return None
    case, index, paper = rng.choice(papers)
    name = _trimmed(paper.name)
    base = _clone(procedure)
    base.cases[case].documents[index].name = first(name)
    mutant = _clone(base)
    target = _append_paper(mutant, case, second(name), paper)
    return Mutant(kind, base, mutant, target, first(name), second(name))


def instalment(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    """A payment paper in two instalments: '… lần 1' in the base, '… lần 2' added beside it."""
    return _paired(procedure, flagged, rng, "instalment", lambda n: f"{n} lần 1", lambda n: f"{n} lần 2",
                   only=PAYMENT_WORDS)


def party_copy(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    """Each party's copy: '… của bên bán' in the base, '… của bên mua' added beside it."""
    one, other = rng.choice(PARTIES)
    return _paired(procedure, flagged, rng, "party_copy", lambda n: f"{n} của {one}", lambda n: f"{n} của {other}")


CLAUSE_BREAKS = re.compile(r"[;:\n]|\.\s")


def sub_bullet(procedure: Procedure, flagged: set[Place], rng: random.Random) -> Mutant | None:
    """One clause of the last step listed after it as a step of its own ('- …'), as some records do."""
    if not procedure.steps or _flagged(flagged, ("steps", None, len(procedure.steps) - 1)):
        return None
    last = procedure.steps[-1]
    clauses = [c.strip(" -+*.") for c in CLAUSE_BREAKS.split(last.text)]
    clauses = [c for c in clauses if len(c.split()) >= 4]
    if len(clauses) < 2:
        return None
    clause = rng.choice(clauses)
    text = f"{rng.choice(('- ', '+ ', 'a) '))}{clause}."
    mutant = _clone(procedure)
    mutant.steps.append(Step(index=last.index, text=text))  # a sub-bullet keeps its step's number
    return Mutant("sub_bullet", procedure, mutant, ("steps", None, len(mutant.steps) - 1), last.text, text)


# ------------------------------------------------------------------ fixed cases: the literal examples

@dataclass(frozen=True)
class FixedCase:
    kind: str  # duplicate_document | duplicate_step
    existing: tuple[str, ...]  # every fragment the record's item contains
    appended: str  # the paraphrase the issue quotes


FIXED_CASES = (
    FixedCase("duplicate_document", ("Chứng từ chuyển tiền", "Bản gốc"), "01 bản chứng từ chuyển tiền - Bản gốc"),
    FixedCase("duplicate_document", ("Điều lệ giải thể thao",), "01 bản điều lệ giải thể thao."),
    FixedCase("duplicate_document", ("Đề án giải thể", "Mẫu số 02"), "Đề án giải thể cơ sở giáo dục nghề nghiệp."),
    FixedCase("duplicate_step", ("Quyết định danh sách học sinh trúng tuyển, công khai",),
              "Sau đó, quyết định danh sách học sinh trúng tuyển, công khai và công bố trên website của trường."),
)


def _contains(text: str, fragments: Iterable[str]) -> bool:
    return all(f.lower() in text.lower() for f in fragments)


def fixed_mutants(procedures: Iterable[Procedure]) -> list[Mutant]:
    """The issue's examples appended to the first real record (by code) holding the original item."""
    found: dict[FixedCase, Mutant] = {}
    for procedure in sorted(procedures, key=lambda p: (p.code, p.source.format if p.source else "")):
        for case in FIXED_CASES:
            if case in found:
                continue
            if case.kind == "duplicate_document":
                hits = [(ci, d) for ci, _, d in procedure.documents if _contains(d.name, case.existing)]
                if hits:
                    ci, paper = hits[0]
                    mutant = _clone(procedure)
                    target = _append_paper(mutant, ci, case.appended, paper)
                    found[case] = Mutant(case.kind, procedure, mutant, target, paper.name, case.appended, fixed=True)
            else:
                steps = [s for s in procedure.steps if _contains(s.text, case.existing)]
                if steps:
                    mutant = _clone(procedure)
                    target = _append_step(mutant, case.appended, None)
                    found[case] = Mutant(case.kind, procedure, mutant, target, steps[0].text, case.appended, fixed=True)
    return [found[c] for c in FIXED_CASES if c in found]


# ------------------------------------------------------------------ drawing and scoring

Generator = Callable[[Procedure, set[Place], random.Random], Mutant | None]


def _places(finding: object) -> frozenset[Place]:
    from analyzer.report.evaluate import place

    return frozenset(place(e) for e in finding.evidence)  # type: ignore[attr-defined]


def _key(finding: object) -> tuple[str, frozenset[Place]]:
    return (finding.rule, _places(finding))  # type: ignore[attr-defined]


@dataclass
class Outcome:
    mutant: Mutant
    caught: bool  # positives: a new finding of the expected rule points at the target; negatives: no new finding
    new_rules: list[str] = field(default_factory=list)  # rules of the new findings
    other_rules: list[str] = field(default_factory=list)  # new findings that are not the expected catch

    @property
    def code(self) -> str:
        return self.mutant.procedure.code


class Harness:
    """Loads the corpus once; draws mutants with a fixed seed; analyses originals once each."""

    def __init__(self, shared: Path = SHARED, sources: Sequence[str] = SOURCES) -> None:
        from analyzer.detect import DetectionContext, PeerStats, load_rules
        from analyzer.ingest import load_procedures

        self.procedures = [p for source in sources for p in load_procedures([str(shared / source)])]
        self.peers = PeerStats.from_procedures(self.procedures)
        self.context = DetectionContext(rules=load_rules(None), peers=self.peers)
        self.min_peers = int(self.context.rules["peer_outlier"].params["min_peers"])
        self._findings: dict[int, list] = {}

    def findings(self, procedure: Procedure) -> list:
        from analyzer.detect import analyze_one

        if id(procedure) not in self._findings:
            self._findings[id(procedure)] = analyze_one(procedure, self.context)
        return self._findings[id(procedure)]

    def flagged(self, procedure: Procedure) -> set[Place]:
        return {p for f in self.findings(procedure) for p in _places(f)}

    def generators(self) -> dict[str, Generator]:
        return {
            "duplicate_document": duplicate_document, "duplicate_step": duplicate_step,
            "long_time": lambda p, flagged, rng: long_time(p, flagged, rng, self.peers, self.min_peers),
            "new_case": new_case, "instalment": instalment, "party_copy": party_copy, "sub_bullet": sub_bullet,
        }

    def draw(self, kind: str, count: int, seed: int = SEED) -> list[Mutant]:
        """``count`` mutants of ``kind``, from records drawn alternately from each source, in a seeded order."""
        rng = random.Random(f"{seed}:{kind}")
        by_source: dict[str, list[Procedure]] = {}
        for procedure in self.procedures:
            by_source.setdefault(procedure.source.format if procedure.source else "", []).append(procedure)
        queues = [rng.sample(group, len(group)) for _, group in sorted(by_source.items())]
        generate = self.generators()[kind]
        mutants: list[Mutant] = []
        turn = 0
        while len(mutants) < count and any(queues):
            queue = queues[turn % len(queues)]
            turn += 1
            if not queue:
                continue
            procedure = queue.pop()
            mutant = generate(procedure, self.flagged(procedure), rng)
            if mutant is not None:
                mutants.append(mutant)
        return mutants

    def score(self, mutant: Mutant) -> Outcome:
        from analyzer.detect import analyze_one

        before = {_key(f) for f in self.findings(mutant.base)}
        new = [f for f in analyze_one(mutant.procedure, self.context) if _key(f) not in before]
        if not mutant.positive:
            return Outcome(mutant, caught=not new, new_rules=[f.rule for f in new],
                           other_rules=[f.rule for f in new])
        expected = EXPECTED_RULES[mutant.kind]
        hits = [f for f in new if f.rule in expected and mutant.target in _places(f)]
        return Outcome(mutant, caught=bool(hits), new_rules=[f.rule for f in new],
                       other_rules=[f.rule for f in new if f not in hits])

    def run(self, per_kind: int, seed: int = SEED, kinds: Sequence[str] = POSITIVE_KINDS + NEGATIVE_KINDS,
            fixed: bool = True) -> list[Outcome]:
        mutants = fixed_mutants(self.procedures) if fixed else []
        for kind in kinds:
            mutants.extend(self.draw(kind, per_kind, seed))
        return [self.score(m) for m in mutants]


@dataclass(frozen=True)
class KindFigures:
    kind: str
    mutants: int
    caught: int  # positives caught / negatives clean
    with_other: int  # mutants with some other new finding

    @property
    def rate(self) -> float:
        return self.caught / self.mutants if self.mutants else 0.0


def figures(outcomes: Iterable[Outcome]) -> dict[str, KindFigures]:
    grouped: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(outcome.mutant.kind, []).append(outcome)
    return {kind: KindFigures(kind, len(items), sum(o.caught for o in items), sum(bool(o.other_rules) for o in items))
            for kind, items in grouped.items()}


def negatives_clean(outcomes: Iterable[Outcome]) -> KindFigures:
    items = [o for o in outcomes if not o.mutant.positive]
    return KindFigures("negatives", len(items), sum(o.caught for o in items), sum(bool(o.other_rules) for o in items))


def table(outcomes: Sequence[Outcome]) -> str:
    stats = figures(outcomes)
    lines = ["| kind | mutants | caught / clean | rate | target | with other new findings |", "|---|---|---|---|---|---|"]
    for kind in POSITIVE_KINDS:
        if kind in stats:
            s = stats[kind]
            lines.append(f"| {kind} (recall) | {s.mutants} | {s.caught} | {s.rate:.2f} | ≥ {RECALL_TARGET:.2f} | {s.with_other} |")
    for kind in NEGATIVE_KINDS:
        if kind in stats:
            s = stats[kind]
            lines.append(f"| negative: {kind} (clean) | {s.mutants} | {s.caught} | {s.rate:.2f} | | {s.with_other} |")
    fixed = [o for o in outcomes if o.mutant.fixed]
    if fixed:
        lines.append(f"| of which the issue's examples | {len(fixed)} | {sum(o.caught for o in fixed)} | | | |")
    total = negatives_clean(outcomes)
    if total.mutants:
        lines.append(f"| all negatives (clean) | {total.mutants} | {total.caught} | {total.rate:.2f} | ≥ {CLEAN_TARGET:.2f} | |")
    others = Counter(rule for o in outcomes for rule in o.other_rules)
    if others:
        lines.append("")
        lines.append("Other new findings, by rule: " + ", ".join(f"{rule} {n}" for rule, n in others.most_common()))
    return "\n".join(lines)


def misses(outcomes: Sequence[Outcome], limit: int) -> str:
    wrong = [o for o in outcomes if not o.caught]
    lines = []
    for o in wrong[:limit]:
        m = o.mutant
        lines.append(f"- {m.kind} {m.procedure.code} ({m.procedure.source.format if m.procedure.source else '?'})"
                     f" new={o.new_rules or '-'}\n    original: {m.original[:160]!r}\n    mutated:  {m.mutated[:160]!r}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared reference data (default ../shared)")
    parser.add_argument("--per-kind", type=int, default=100, help="mutants drawn per kind (default 100)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--kinds", nargs="+", choices=POSITIVE_KINDS + NEGATIVE_KINDS,
                        default=list(POSITIVE_KINDS + NEGATIVE_KINDS))
    parser.add_argument("--misses", type=int, default=0, help="list up to N missed positives / unclean negatives")
    args = parser.parse_args(argv)
    if not all((args.shared / s).exists() for s in SOURCES):
        print(f"needs the real corpus under {args.shared} ({', '.join(SOURCES)}): skipped")
        return 0
    harness = Harness(args.shared)
    outcomes = harness.run(args.per_kind, args.seed, args.kinds)
    print(f"Mutation harness: seed {args.seed}, {args.per_kind} mutants per kind + {len(FIXED_CASES)} fixed cases,"
          f" {len(harness.procedures)} records (peers from all of them)\n")
    print(table(outcomes))
    if args.misses:
        print("\n" + misses(outcomes, args.misses))
    return 0
