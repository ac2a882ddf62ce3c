"""Time targets of steps the other time rules do not see: reissuing a paper the agency issued and holds
(``reissue_time``), a completeness check or acknowledgement that takes days before the decision clock
starts (``completeness_check_time``), a stage the published time leaves out with no limit of its own
(``open_ended_stage``), a wait of weeks when the paper to reissue or surrender is lost (``lost_paper_wait``), and
agency steps that only "giải quyết theo quy định" under a timed channel (``vague_step_time``).

Times are compared in working days (``Duration.working_days``); evidence indices are positions in
``procedure.channels`` and ``procedure.steps`` (0-based).
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding
from analyzer.detect.long_processing_time import (_shortest_rows, channel_evidence, fmt_days, known_days,
                                                   modes_label, stated, steps_stating, time_cut_proposed)
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence, Days
from analyzer.model import Procedure
from analyzer.resources.patterns import phrase_key
from analyzer.resources import Cues

SECTION = "time_targets"  # detect_cues.yaml section of both rules


# ---------------------------------------------------------------- reissue_time


class ReissueTimeParams(RuleParams):
    min_working_days: Days  # the fastest channel's time from which a reissue is too slow
    target_working_days: Days  # the time proposed (the experts: 1-2 working days, the file is at hand)
    confidence: Confidence


def is_reissue(procedure: Procedure, cues: Cues) -> bool:
    """A reissue or exchange of a paper already issued ("Cấp lại … bị mất, hư hỏng", "Cấp đổi …") that does
    not examine again (a revoked licence, an exam, an expiry, a change of content or holder): the name, the
    conditions, the steps and the papers asked say nothing of it."""
    name = phrase_key(procedure.name)
    if not cues.pattern(SECTION, "reissue_names").match(name):
        return False
    papers = [d.name for case in procedure.cases for d in case.documents]
    text = phrase_key(" ".join([procedure.name, procedure.conditions or "", *(_steps.text(s) for s in procedure.steps), *papers]))
    return not cues.pattern(SECTION, "reissue_reexamines").search(text)


@register("reissue_time", params=ReissueTimeParams)
def reissue_time(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per reissue of a paper the agency issued and holds whose fastest channel takes
    ``min_working_days`` or more; not where peer_outlier or long_time_target already cut the same time."""
    rows = _shortest_rows(procedure, step_units=True)
    if not rows or not is_reissue(procedure, context.resources.cues):
        return
    days = min(d for _, _, d in rows)
    target = float(rule.params["target_working_days"])
    if days < float(rule.params["min_working_days"]) or days <= target or time_cut_proposed(procedure, context):
        return
    channels = [row for row in rows if row[2] == days]
    cut = [row for row in rows if row[2] > target]  # every channel is cut to the target, the slower ones too
    yield rule.finding(
        procedure.code,
        evidence=[channel_evidence(position, channel) for position, channel, _ in cut] + steps_stating(procedure, days),
        confidence=float(rule.params["confidence"]),
        suggestion_params={"target_working_days": target, "current_working_days": round(days, 2),
                           "basis": "reissue", "channels": [channel.mode for _, channel, _ in cut]},
        mode=modes_label([channel for _, channel, _ in channels]),
        days=stated(channels[0][1].duration, days),  # type: ignore[arg-type]
        target=fmt_days(target),
    )


# ---------------------------------------------------------------- completeness_check_time


class CompletenessCheckParams(RuleParams):
    max_working_days: Days  # a check on receipt of this many working days or fewer is left alone
    target_working_days: Days
    confidence: Confidence


# the limit is counted from receipt of the dossier as filed, not of a complete one
# ("kể từ ngày Cơ quan tiếp nhận hồ sơ có văn bản yêu cầu khắc phục" counts from the agency's letter: not receipt)
_FROM_RECEIPT = re.compile(r"^\W*(?:kể|tính) từ (?:ngày|khi|thời điểm) (?:tiếp )?nhận(?: được)? hồ sơ(?! (?:đầy đủ|hợp lệ|đủ))")
# a limit counted from some event ("kể từ", "tính từ", "sau khi"): without one, a check on receipt runs from receipt
_ANY_ANCHOR = re.compile(r"(?<!\w)(?:kể từ|tính từ|sau khi|sau ngày)(?!\w)")


def _first_agency_step(procedure: Procedure, position: int, cues: Cues) -> bool:
    """``position`` is the first step after the applicant's own ones: the desk's, which receives the dossier."""
    first = next((p for p, step in enumerate(procedure.steps) if not _steps.is_submission(step, cues)), None)
    return first == position


def _from_receipt(procedure: Procedure, position: int, rest: str, cues: Cues) -> bool:
    """The limit whose clause continues with ``rest`` (keyed) runs from receipt of the dossier as filed: it says so,
    or it names no event at all in the first agency step and leads the check ("Tiếp nhận và kiểm tra hồ sơ: Trong
    thời hạn 03 ngày làm việc, cơ quan tiếp nhận hồ sơ có trách nhiệm xem xét, kiểm tra tính đầy đủ của hồ sơ",
    1.014282); a limit after the check is the applicant's time to supply ("thông báo cho doanh nghiệp sửa đổi, bổ
    sung hồ sơ trong vòng 30 ngày", 1.000887)."""
    if _FROM_RECEIPT.match(rest):
        return True
    leads = bool(cues.pattern(SECTION, "completeness_acts").search(rest))
    return leads and not _ANY_ANCHOR.search(rest) and _first_agency_step(procedure, position, cues)


def _checks(procedure: Procedure, context: DetectionContext, longest: float) -> Iterator[tuple[int, tuple[int, int], float, str]]:
    """(step position, clause span, working days, quoted limit) of each clause that only checks or acknowledges
    the dossier, with a limit above ``longest`` working days counted from receipt."""
    from analyzer.parse.duration import find_durations

    cues = context.resources.cues
    acts, decides = cues.pattern(SECTION, "completeness_acts"), cues.pattern(SECTION, "completeness_also_decides")
    for position, step in enumerate(procedure.steps):
        text = _steps.text(step)
        for start, end in clauses(text):
            clause = text[start:end]
            if not acts.search(phrase_key(clause)) or decides.search(phrase_key(clause)):
                continue
            for span in find_durations(clause):
                days = known_days(span.duration)
                if days is not None and days > longest and _from_receipt(procedure, position, phrase_key(clause[span.end:]), cues):
                    yield position, (start, end), days, clause[span.start:span.end]
                    break


def _clock_after_check(procedure: Procedure, context: DetectionContext, position: int) -> bool:
    """The decision's limit is counted from a complete dossier (in another step, or in a channel's time)."""
    complete = context.resources.cues.pattern(SECTION, "complete_dossier")
    texts = [_steps.text(s) for p, s in enumerate(procedure.steps) if p != position]
    texts += [f"{c.duration.text if c.duration else ''} {c.description or ''}" for c in procedure.channels]
    return any(complete.search(phrase_key(t)) for t in texts)


@register("completeness_check_time", params=CompletenessCheckParams)
def completeness_check_time(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose steps give the agency more than ``max_working_days`` only to check a
    dossier on receipt (or acknowledge it) while the decision's limit runs from a complete dossier. A cut of
    that step, not of the channel time: it stands beside the other time findings."""
    found = list(_checks(procedure, context, float(rule.params["max_working_days"])))
    found = [f for f in found if _clock_after_check(procedure, context, f[0])]
    if not found:
        return
    position, span, days, quoted = max(found, key=lambda f: f[2])
    step = procedure.steps[position]
    target = float(rule.params["target_working_days"])
    yield rule.finding(
        procedure.code,
        evidence=[_steps.evidence(step, position, span)],
        confidence=float(rule.params["confidence"]),
        suggestion_params={"target_working_days": target, "current_working_days": round(days, 2),
                           "current_text": quoted.strip(), "basis": "completeness_check"},
        days=quoted.strip(),
        target=fmt_days(target),
    )


# ---------------------------------------------------------------- lost_paper_wait


class LostPaperWaitParams(RuleParams):
    min_working_days: Days  # a wait of fewer working days is left alone
    target_working_days: Days  # the time proposed once the register is looked up instead
    confidence: Confidence


_A_CASE = re.compile(r"(?<!\w)(?:trường hợp|nếu)(?!\w)")


def _lost_waits(procedure: Procedure, cues: Cues, least: float) -> Iterator[tuple[Evidence, str, float, str]]:
    """(evidence, quoted wait, working days, stage named) of each clause of a channel's description or a step
    that names a lost paper ("Trường hợp mất chứng nhận đăng ký xe …: Phải tiến hành xác minh trong thời hạn
    30 ngày", "Sau 15 ngày kể từ ngày đăng cảnh báo, … thông tin báo mất tem") and makes the case wait ``least``
    working days or more for a verification, a warning or a posting. The lost paper must be named in the clause
    itself: a verification elsewhere in a text that mentions a loss is another stage (1.000808, an adoption)."""
    from analyzer.parse.duration import find_durations

    lost, waits = cues.pattern(SECTION, "lost_paper"), cues.pattern(SECTION, "lost_paper_waits")
    # a reissue ("Cấp lại chứng nhận đăng ký xe: Phải tiến hành xác minh trong thời hạn 30 ngày", 1.013080) is of a
    # lost or spoilt paper by its name, so there a clause that applies to every case need not name the loss; a case
    # ("Trường hợp cần xác minh tài liệu có yếu tố nước ngoài", 1.012272) verifies something else
    reissue = bool(cues.pattern(SECTION, "reissue_names").match(phrase_key(procedure.name)))
    texts = [(channel_evidence(p, c), c.description or "") for p, c in enumerate(procedure.channels)]
    texts += [(_steps.evidence(s, p), _steps.text(s)) for p, s in enumerate(procedure.steps)]
    for evidence, text in texts:
        for start, end in clauses(text):
            clause = text[start:end]
            keyed = phrase_key(clause)
            stage = waits.search(keyed)
            every_case = reissue and not _A_CASE.search(keyed)
            if stage is None or not (every_case or lost.search(keyed)):
                continue
            spans = [(known_days(span.duration), span) for span in find_durations(clause)]
            days, span = max(((d, s) for d, s in spans if d is not None), key=lambda t: t[0], default=(None, None))
            if days is not None and span is not None and days >= least:
                if evidence.field == "steps":
                    evidence = _steps.evidence(procedure.steps[evidence.index], evidence.index, (start, end))  # type: ignore[index]
                yield evidence, clause[span.start:span.end].strip(), days, stage.group(0)
                break


@register("lost_paper_wait", params=LostPaperWaitParams)
def lost_paper_wait(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose lost-paper case waits ``min_working_days`` or more for a verification, a
    warning or a posting before the agency acts, though the agency that issued the paper holds its data (blind
    tuning gold: 1.013080, 1.013065, 1.013123, 1.013092); every place that states the wait is evidence."""
    found = list(_lost_waits(procedure, context.resources.cues, float(rule.params["min_working_days"])))
    if not found:
        return
    _, quoted, days, stage = max(found, key=lambda f: f[2])
    target = float(rule.params["target_working_days"])
    yield rule.finding(
        procedure.code,
        evidence=[evidence for evidence, *_ in found],
        confidence=float(rule.params["confidence"]),
        suggestion_params={"target_working_days": target, "current_working_days": round(days, 2),
                           "current_text": quoted, "basis": "lost_paper"},
        days=quoted,
        stage=stage,
        target=fmt_days(target),
    )


# ---------------------------------------------------------------- open_ended_stage


class OpenEndedStageParams(RuleParams):
    confidence: Confidence


# the excluded phrase runs to the end of its clause (or a closing bracket)
_EXCLUDED_END = re.compile(r"[;.)\n]|, (?:kể từ|tính từ)")
STAGE_WORDS = 16  # words of the excluded phrase quoted in the message


def as_written(words: list[str], original: str) -> str:
    """The record's own wording (its capitals) of keyed ``words``, when it can be found; else the keyed words."""
    found = re.search(r"\s+".join(map(re.escape, words)), original, re.IGNORECASE)
    return found.group(0) if found else " ".join(words)


def _excluded_stage(original: str, cues: Cues) -> tuple[str, str] | None:
    """(the excluded phrase, the agency stage it names) when ``original`` leaves an agency's stage out of the
    time without a limit of its own: "không bao gồm thời gian đánh giá tại cơ sở kiểm nghiệm"; None when what is
    left out is the applicant's own time (a supplement, a remedy), named first."""
    from analyzer.parse.duration import find_durations

    text = phrase_key(original)
    agency, applicant = cues.pattern(SECTION, "excluded_agency_stages"), cues.pattern(SECTION, "excluded_applicant_stages")
    for lead in cues.pattern(SECTION, "excluded_time").finditer(text):
        rest = text[lead.end():]
        end = _EXCLUDED_END.search(rest)
        phrase = rest[:end.start() if end else len(rest)]
        stage, own = agency.search(phrase), applicant.search(phrase)
        if stage is None or (own is not None and own.start() < stage.start()):
            continue
        if any(known_days(span.duration) is not None for span in find_durations(phrase)):
            continue  # "không tính thời gian lấy ý kiến (10 ngày làm việc)": the stage has its limit
        words = (lead.group(0) + phrase).split()
        quoted = as_written(words[:STAGE_WORDS], original) + (" …" if len(words) > STAGE_WORDS else "")
        return quoted, stage.group(0)
    return None


def _stage_timed(procedure: Procedure, stage: str, cues: Cues) -> bool:
    """A step clause names the stage and gives it a definite limit ("Trong thời hạn 10 ngày, … đánh giá tại cơ sở"),
    not a clause that leaves the stage out of a time (the ``excluded_time`` cues)."""
    from analyzer.parse.duration import find_durations

    excluded = cues.pattern(SECTION, "excluded_time")
    for step in procedure.steps:
        text = _steps.text(step)
        for start, end in clauses(text):
            clause = phrase_key(text[start:end])
            if stage in clause and not excluded.search(clause) \
                    and any(known_days(span.duration) is not None for span in find_durations(text[start:end])):
                return True
    return False


@register("open_ended_stage", params=OpenEndedStageParams)
def open_ended_stage(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose published time leaves out a stage of the agency or another body ("không bao
    gồm thời gian đánh giá tại cơ sở", "không tính thời gian lấy ý kiến Thủ tướng Chính phủ") that no step gives a
    limit: the time the applicant waits is then open-ended. The applicant's own time left out (a supplement, a
    remedy) is lawful and stays clean."""
    cues = context.resources.cues
    sites: list[tuple[Evidence, str, str]] = []
    for position, channel in enumerate(procedure.channels):
        text = f"{channel.duration.text if channel.duration else ''} | {channel.description or ''}"
        if (found := _excluded_stage(text, cues)) is not None:
            sites.append((channel_evidence(position, channel), *found))
    for position, step in enumerate(procedure.steps):
        if (found := _excluded_stage(_steps.text(step), cues)) is not None:
            sites.append((_steps.evidence(step, position), *found))
    sites = [site for site in sites if not _stage_timed(procedure, site[2], cues)]
    if not sites:
        return
    _, phrase, stage = sites[0]
    yield rule.finding(
        procedure.code,
        evidence=[evidence for evidence, _, _ in sites],
        confidence=float(rule.params["confidence"]),
        suggestion_params={"stage": stage, "reason": "open_ended_stage"},
        text=phrase,
        stage=stage,
    )


# ---------------------------------------------------------------- vague_step_time


class VagueStepTimeParams(RuleParams):
    min_working_days: Days  # the longest channel's time from which untimed handling leaves the applicant guessing
    confidence: Confidence


def _vague_steps(procedure: Procedure, cues: Cues) -> list[tuple[int, tuple[int, int], str]]:
    """(position, span, quoted phrase) of each agency step whose handling is only "giải quyết theo quy định" (detect_cues
    time_targets.vague_handling) with no limit in it: not the submission nor a branch (a step that "tiếp nhận hồ sơ,
    giải quyết và trả kết quả theo quy định" is handling, though it also hands the result over: 1.010237)."""
    from analyzer.parse.duration import find_durations

    vague = cues.pattern(SECTION, "vague_handling")
    found = []
    for position, step in enumerate(procedure.steps):
        if _steps.is_submission(step, cues) or _steps.is_branch(step):
            continue
        text = _steps.text(step)
        if any(known_days(span.duration) is not None for span in find_durations(text)):
            continue
        for start, end in clauses(text):
            match = vague.search(phrase_key(text[start:end]))
            if match is not None:
                found.append((position, (start, end), as_written(match.group(0).split(), text[start:end])))
                break
    return found


@register("vague_step_time", params=VagueStepTimeParams)
def vague_step_time(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose agency steps say only that the agency "tiếp nhận hồ sơ và giải quyết theo quy
    định" while no step states any limit of the agency: the channel's time is then the only one, and the record does
    not say what is done in it nor by when (blind tuning gold: 1.001909, 1.013659, 1.008585, 1.010237). Where no
    channel gives a time either, ``vague_time`` reports the procedure (and points at these steps)."""
    from analyzer.detect.long_processing_time import agency_limits, decides_nothing, time_given

    cues = context.resources.cues
    if not time_given(procedure, cues) or agency_limits(procedure, cues) or decides_nothing(procedure, cues):
        return
    timed = [(p, c) for p, c in enumerate(procedure.channels) if known_days(c.duration) is not None]
    if max((known_days(c.duration) or 0.0 for _, c in timed), default=0.0) < float(rule.params["min_working_days"]):
        return  # a short time (one to a few working days) needs no stages of its own
    found = _vague_steps(procedure, cues)
    if not found:
        return
    yield rule.finding(
        procedure.code,
        evidence=[_steps.evidence(procedure.steps[p], p, span) for p, span, _ in found]
                 + [channel_evidence(p, c) for p, c in timed],
        confidence=float(rule.params["confidence"]),
        suggestion_params={"reason": "vague_step", "channels": [c.mode for _, c in timed]},
        text=found[0][2],
    )
