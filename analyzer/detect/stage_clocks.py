"""A stage the record leaves without a limit while a later limit, or a later step, runs from its outcome
(``untimed_stage``): "trong thời hạn 05 ngày làm việc kể từ ngày nhận được ý kiến của Thủ tướng Chính phủ" where no
sentence gives the Prime Minister's opinion a limit, "15 ngày kể từ ngày có kết quả xác minh" where the verification
has none. The published total then leaves out a wait nobody bounds, and the reviewer asks a limit for that stage.

Sentences, not clauses, decide whether a stage is timed: a hard-wrapped line ("Trong thời hạn 04 ngày làm việc,
kể từ ngày nhận được hồ sơ đầy đủ, hợp\\nlệ, cơ quan … thực hiện kiểm tra") is one sentence. Evidence indices are
positions in ``procedure.steps`` and ``procedure.channels`` (0-based).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from analyzer.detect import _steps
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding
from analyzer.detect.long_processing_time import step_actor, channel_evidence, decides_nothing, known_days
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence
from analyzer.detect.time_targets import as_written
from analyzer.model import Procedure
from analyzer.resources import Cues
from analyzer.resources.patterns import phrase_key

SECTION = "stage_clocks"
# where a body's name ends: a punctuation mark or a word that starts what follows it
_NAME_END = r"(?=[,;:.)]| về(?!\w)| đối với(?!\w)| và(?!\w)| thì(?!\w)| trong(?!\w)| để(?!\w)|$)"


@dataclass(frozen=True)
class Clock:
    field: str  # "steps" or "channels"
    index: int
    quote: str  # the event as the record writes it
    stage: str  # keyed: the activity ("xác minh") or the body ("thủ tướng chính phủ")
    kind: str  # "activity" or "body"


@dataclass(frozen=True)
class _Patterns:
    activity: re.Pattern[str]
    opinion: re.Pattern[str]
    approval: re.Pattern[str]
    condition: re.Pattern[str]
    desk: re.Pattern[str]
    own_desk: re.Pattern[str]
    recipient: re.Pattern[str]
    consulted: re.Pattern[str]
    immediate: re.Pattern[str]
    within_total: re.Pattern[str]
    requests: re.Pattern[str]
    validity: re.Pattern[str]
    approvals: re.Pattern[str]
    filing: re.Pattern[str]


_COMPILED: dict[int, _Patterns] = {}


def _patterns(cues: Cues) -> _Patterns:
    found = _COMPILED.get(id(cues))
    if found is None:
        p = {name: cues.pattern(SECTION, name).pattern for name in
             ("clock_leads", "wait_leads", "result_openers", "result_papers", "activities", "opinions", "approvals", "bodies")}
        body = rf"(?P<body>{p['bodies']}(?: [\w/]+){{0,6}}?){_NAME_END}"
        found = _COMPILED[id(cues)] = _Patterns(
            activity=re.compile(rf"{p['clock_leads']} (?:{p['result_openers']} )?(?:{p['result_papers']} )?(?:kết quả )?"
                                rf"(?:việc )?(?:kỳ )?(?P<stage>{p['activities']})(?! công(?!\w))"),  # not "thi công" (6.003502)
            opinion=re.compile(rf"(?:{p['clock_leads']}|{p['wait_leads']}) (?:nhận được |có |nhận |được )?(?:\w+ ){{0,4}}?"
                               rf"(?:{p['opinions']})(?: \w+){{0,8}}? của {body}"),
            approval=re.compile(rf"(?:{p['clock_leads']}|{p['wait_leads']}) (?:được )?{body[:-len(_NAME_END)]} (?:{p['approvals']})"),
            condition=re.compile(rf"{cues.pattern(SECTION, 'conditions').pattern} {p['activities']}"),
            desk=re.compile(rf"^ ?{cues.pattern(SECTION, 'desk_checks').pattern}"),
            own_desk=re.compile(rf"^{cues.pattern(SECTION, 'own_desk').pattern}"),
            recipient=re.compile(rf"{cues.pattern(SECTION, 'recipient_before').pattern}\s*$"),
            consulted=cues.pattern("time", "consulted"),
            immediate=cues.pattern("time", "immediate"),
            within_total=cues.pattern(SECTION, "within_total"),
            requests=cues.pattern(SECTION, "requests"),
            validity=cues.pattern(SECTION, "validity"),
            approvals=re.compile(rf"{p['approvals']}|{p['opinions']}"),
            filing=re.compile(rf"{cues.pattern(SECTION, 'filing_verbs').pattern}(?: \w+){{0,6}} hồ sơ đề nghị"),
        )
    return found


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: a line that starts in lower case continues the one before (a hard wrap)."""
    lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if lines and stripped[0].islower() and not lines[-1].rstrip().endswith((".", ";", ":")):
            lines[-1] = f"{lines[-1].rstrip()} {stripped}"
        else:
            lines.append(stripped)
    return [part for line in lines for part in re.split(r"(?<=[.;])\s+", line) if part.strip()]


def _events(keyed: str, patterns: _Patterns) -> Iterator[tuple[str, str, int, int]]:
    """(kind, stage, start, end) of each event a clock runs from, in a keyed text."""
    for match in patterns.activity.finditer(keyed):
        if not patterns.desk.match(keyed[match.end():]):
            yield "activity", match.group("stage"), match.start(), match.end()
    for pattern in (patterns.opinion, patterns.approval):
        for match in pattern.finditer(keyed):
            body = match.group("body").strip()
            if not patterns.own_desk.match(body) and not patterns.requests.search(match.group(0)):
                yield "body", body, match.start(), match.end()


def _masked(keyed: str, patterns: _Patterns) -> str:
    """``keyed`` with its events and conditions ("trường hợp cần xác minh") blanked out."""
    spans = [(s, e) for _, _, s, e in _events(keyed, patterns)]
    spans += [m.span() for m in patterns.condition.finditer(keyed)]
    for start, end in sorted(spans, reverse=True):
        keyed = keyed[:start] + " " * (end - start) + keyed[end:]
    return keyed


def _names(masked: str, kind: str, stage: str, patterns: _Patterns, acting: bool = True) -> bool:
    """The (masked) sentence names the stage as something done: the activity, the body as the one acting, not as the recipient of a report or a request (any mention when not ``acting``)."""
    for match in re.finditer(rf"(?<!\w){re.escape(stage)}(?!\w)", masked):
        before = masked[max(0, match.start() - 24):match.start()]
        if not acting:
            return True
        if kind == "activity":  # "báo cáo Bộ Xây dựng kết quả thẩm định" within a limit: the appraisal is timed
            return True
        if kind == "body" and not patterns.recipient.search(before):
            return True
    return False


def _texts(procedure: Procedure) -> Iterator[tuple[str, int, str]]:
    for position, step in enumerate(procedure.steps):
        yield "steps", position, _steps.text(step)
    for position, channel in enumerate(procedure.channels):
        yield "channels", position, f"{channel.duration.text if channel.duration else ''}\n{channel.description or ''}"


def _has_limit(sentence: str) -> bool:
    from analyzer.parse.duration import find_durations

    return any(known_days(span.duration) is not None for span in find_durations(sentence))


def _timed(procedure: Procedure, clock: Clock, patterns: _Patterns) -> bool:
    """Some sentence with a definite limit, or an immediate one ("phê duyệt … ngay sau khi doanh nghiệp gửi đến"),
    names the stage (or, for a body's opinion, a consulted body's limit)."""
    for _, _, text in _texts(procedure):
        for sentence in sentences(text):
            keyed = phrase_key(sentence)
            immediate = bool(patterns.immediate.search(keyed)) or " ngay " in f" {keyed} "
            if not (_has_limit(sentence) or immediate):
                continue
            masked = _masked(keyed, patterns)
            if _names(masked, clock.kind, clock.stage, patterns):
                return True
            if clock.kind == "body" and immediate and patterns.approvals.search(masked):
                return True  # "Chi cục Hải quan … thực hiện phê duyệt … ngay sau khi doanh nghiệp gửi đến" (1.009055)
            if clock.kind == "body" and patterns.consulted.search(masked):
                return True
    return False


def clocks(procedure: Procedure, cues: Cues) -> list[Clock]:
    """The events a limit or a step runs from whose stage no sentence times (not in the applicant's submission or
    sentence, nor in a sentence whose limit runs from the complete dossier)."""
    patterns = _patterns(cues)
    found: list[Clock] = []
    for field, position, text in _texts(procedure):
        if field == "steps" and _steps.is_submission(procedure.steps[position], cues):
            continue
        for sentence in sentences(text):
            keyed = phrase_key(sentence)
            if patterns.within_total.search(keyed) or patterns.validity.search(keyed) or patterns.filing.search(keyed):
                continue
            for kind, stage, start, end in _events(keyed, patterns):
                if step_actor(keyed, start, end, cues) == "applicant":  # "Doanh nghiệp vận chuyển … sau khi được … phê duyệt"
                    continue
                clock = Clock(field, position, as_written(keyed[start:end].split(), sentence), stage, kind)
                if not any(c.stage == stage for c in found) and not _timed(procedure, clock, patterns):
                    found.append(clock)
    return found


def _untimed_steps_naming(procedure: Procedure, clock: Clock, cues: Cues) -> list[int]:
    """Positions of the agency's steps with no limit at all that name the stage outside its events ("Bộ Tài chính
    báo cáo Thủ tướng Chính phủ." is the wait for the Prime Minister)."""
    patterns = _patterns(cues)
    return [position for position, step in enumerate(procedure.steps)
            if not _steps.is_submission(step, cues) and not _has_limit(_steps.text(step))
            and _names(_masked(phrase_key(_steps.text(step)), patterns), clock.kind, clock.stage, patterns, acting=False)]


def _stage_label(procedure: Procedure, clock: Clock) -> str:
    if clock.kind == "activity":
        return clock.stage
    texts = " ".join(text for _, _, text in _texts(procedure))
    return f"chờ ý kiến, chấp thuận của {as_written(clock.stage.split(), texts)}"


class UntimedStageParams(RuleParams):
    confidence: Confidence


@register("untimed_stage", params=UntimedStageParams)
def untimed_stage(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure where a limit or a step runs from the outcome of a stage (another body's opinion,
    a verification, an appraisal, an exam) that no sentence of the record gives a limit: the steps without a limit
    that name the stage, and each place a clock runs from it."""
    cues = context.resources.cues
    if decides_nothing(procedure, cues):  # "Khai, nộp …": the clocks are the filer's own deadlines
        return
    found = clocks(procedure, cues)
    if not found:
        return
    evidence: list[Evidence] = []
    places: set[tuple[str, int]] = set()
    for clock in found:
        for field, position in [(clock.field, clock.index)] + [("steps", p) for p in _untimed_steps_naming(procedure, clock, cues)]:
            if (field, position) in places:
                continue
            places.add((field, position))
            evidence.append(_steps.evidence(procedure.steps[position], position) if field == "steps"
                            else channel_evidence(position, procedure.channels[position]))
    first = found[0]
    stage = _stage_label(procedure, first)
    yield rule.finding(
        procedure.code,
        evidence=evidence,
        confidence=float(rule.params["confidence"]),
        suggestion_params={"stage": stage, "reason": "untimed_stage"},
        text=first.quote,
        stage=stage,
    )
