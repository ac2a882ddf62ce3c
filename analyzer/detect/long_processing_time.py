"""long_processing_time: channel times far above their peers, online no faster than in person, step
time limits that do not add up to the declared total, and vague times.

Evidence indices are positions in ``procedure.channels`` and ``procedure.steps`` (0-based). Times are
compared in working days (``Duration.working_days``); ambiguous or unspecified times are never compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Mapping

from pydantic import Field, StrictBool

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses, key
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding
from analyzer.detect.peers import ANY, FIRST, LIGHTER, peer_key
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence, Days, Fraction, Ratio
from analyzer.model import Channel, Duration, Procedure, Step
from analyzer.resources import Cues
from analyzer.resources.vocabulary import default_vocabulary

MODE_LABELS = default_vocabulary().mode_phrases
UNIT_LABELS = {"day": "ngày", "hour": "giờ", "month": "tháng", "year": "năm"}


# ---------------------------------------------------------------- helpers


def fmt_days(value: float) -> str:
    """Vietnamese number format: 10, 7,5."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")


def stated(duration: Duration, days: float) -> str:
    """A time as the source states it, with its working days when the unit is another one:
    "10 ngày làm việc", "30 ngày, tức khoảng 21,4 ngày làm việc"."""
    if duration.unit in (None, "working_day") or duration.value is None:
        return f"{fmt_days(days)} ngày làm việc"
    return f"{fmt_days(duration.value)} {UNIT_LABELS[duration.unit]}, tức khoảng {fmt_days(days)} ngày làm việc"


def cut_target(days: float, cut: float) -> float:
    """The time after a cut of at least ``cut``, rounded down to half days (never below half a day)."""
    return max(0.5, math.floor(days * (1.0 - cut) * 2) / 2)


# a time cell that starts with a case ("Trường hợp ...", "(1) ...", "- ...") holds several times: its first
# number is not the procedure's time
_SEVERAL_CASES = re.compile(r"^\s*(?:\(?\d{1,2}[).]|[a-zđ]\)|[-+*•]|trường hợp|đối với)", re.IGNORECASE)


def known_days(duration: Duration | None) -> float | None:
    """Working days of a duration that states one definite time; None for ambiguous, vague, absent ones
    and for cells that describe several cases."""
    if duration is None or duration.ambiguous or duration.unspecified or _SEVERAL_CASES.match(duration.text):
        return None
    days = duration.working_days
    return days if days is not None and days > 0 else None


def channel_evidence(position: int, channel: Channel) -> Evidence:
    return Evidence(field="channels", index=position, text=channel.duration.text if channel.duration else "")


def modes_label(channels: list[Channel]) -> str:
    modes = list(dict.fromkeys(MODE_LABELS.get(c.mode, c.mode) for c in channels))
    return "khi " + ", ".join([modes[0]] + [m.removeprefix("nộp ") for m in modes[1:]])


# ---------------------------------------------------------------- shared by the channel rules


def unit_typo(procedure: Procedure, position: int) -> bool:
    """The channel's time is "33 Tháng" (or years) where another channel of the record says 33 days: a typo
    of the published record (record_defects), not a time to compare with peers."""
    duration = procedure.channels[position].duration
    if duration is None or duration.unit not in ("month", "year") or duration.value is None:
        return False
    return any(other.duration is not None and other.duration.value == duration.value
               and other.duration.unit in ("day", "working_day")
               for p, other in enumerate(procedure.channels) if p != position)


def record_text(procedure: Procedure) -> str:
    """The steps, channel descriptions and conditions as one text (where a record says how it is done)."""
    parts = [_steps.text(step) for step in procedure.steps]
    parts += [c.description or "" for c in procedure.channels]
    return "\n".join([*parts, procedure.conditions or ""])


PRESENCE_SPAN = 80  # characters of one clause between "phải nộp" and "trực tiếp tại" (the paper named between them)


def presence_required(procedure: Procedure, cues: Cues) -> bool:
    """The record says the applicant must come in person whatever the channel (biometrics, identification), or that
    the paper must be filed in person at a place ("phải nộp đơn … trực tiếp tại trung tâm dịch vụ việc làm")."""
    from analyzer.resources.patterns import phrase_key

    text = phrase_key(record_text(procedure))
    if cues.pattern("time", "presence_required").search(text):
        return True
    return any(_in_person_in_clause(text, demand.end(), cues)
               for demand in cues.pattern("time", "presence_demand").finditer(text))


def _in_person_in_clause(text: str, start: int, cues: Cues) -> bool:
    """"trực tiếp tại" within PRESENCE_SPAN characters after ``start``, before the clause ends, and not the office
    that manages directly ("cơ quan thuế quản lý trực tiếp tại địa phương")."""
    window = re.split(r"[.;:]", text[start:start + PRESENCE_SPAN], maxsplit=1)[0]
    managing = [m.span() for m in cues.pattern("time", "presence_not_in_person").finditer(window)]
    return any(not any(a <= m.start() < b for a, b in managing)
               for m in cues.pattern("time", "presence_in_person").finditer(window))


def no_filing(procedure: Procedure, cues: Cues) -> bool:
    """The record describes no application to file: the State acts on its own initiative, or the service is given on
    the spot once the papers are shown (round-8 blind audit: state_initiated, not_a_filing)."""
    from analyzer.resources.patterns import phrase_key

    return bool(cues.pattern("time", "no_filing").search(phrase_key(record_text(procedure))))


def agency_limits(procedure: Procedure, cues: Cues) -> list["StepTime"]:
    """The agency's time limits the record's own steps prescribe (consultations, inspections), in step order."""
    return [time for position, step in enumerate(procedure.steps) if not _steps.is_submission(step, cues)
            for time in step_times(step, position, cues)]


def prescribed_limits(procedure: Procedure, cues: Cues) -> list[float]:
    """The same limits in working days."""
    return [time.days for time in agency_limits(procedure, cues)]


def steps_stating(procedure: Procedure, days: float) -> list[Evidence]:
    """The steps that state a time of ``days`` working days (the channel's time a cut proposes to shorten): where
    the record sets it, so where the reviewer changes it."""
    from analyzer.parse.duration import find_durations

    found = []
    for position, step in enumerate(procedure.steps):
        text = _steps.text(step)
        spans = [(s.start, s.end) for s in find_durations(text) if known_days(s.duration) == days]
        if spans:
            found.append(_steps.evidence(step, position, spans[0]))
    return found


SAME_DAYS = 0.01  # working days converted from calendar days are equal within this
# a limit of one case only ("Đối với giấy phép cấp lại do bị mất: trong thời hạn 03 ngày", 1.000239)
_ONE_CASE = re.compile(r"(?<!\w)(?:đối với|trường hợp|nếu)(?!\w)")


_BEFORE_EVENT = re.compile(r"^[\s)]*(?:\([^)]{0,20}\)\s*)?(?:làm việc\s*)?,?\s*trước (?:ngày|khi|thời điểm)")


def _stage_limit(text: str, span: tuple[int, int], cues: Cues) -> bool:
    """The limit at ``span`` is a stage every dossier goes through: not a deadline before an event ("chậm nhất
    10 (mười) ngày làm việc trước ngày dự kiến tổ chức phát hành", 3.000057), not a filing deadline ("Sở Giao dịch
    hàng hóa nộp hồ sơ thông báo … chậm nhất 30 ngày", 1.000446), not one case's ("Đối với giấy phép cấp lại do bị
    mất: trong thời hạn 03 ngày", 1.000239), not the applicant's ("Trong thời hạn 60 ngày kể từ ngày nhận được văn
    bản chấp thuận nguyên tắc …, Ban trù bị lập hồ sơ", 1.001815; the reading also drops "kể từ ngày nhận được văn
    bản của cơ quan, tổ chức nơi đang công tác, cơ quan đại diện chủ sở hữu …", whose sender it takes for the actor,
    1.012889: a missed place rather than a wrong one)."""
    start, end = span
    if step_actor(text, start, end, cues) == "applicant" or _BEFORE_EVENT.match(key(text[end:])):
        return False
    clause = next((text[a:b] for a, b in clauses(text) if a <= start < b), text)
    if "chậm nhất" in key(text[max(0, start - 20):start]) and cues.pattern("flow", "submission").search(key(clause)):
        return False
    sentence_start = _sentence_start(text, start)
    return not _ONE_CASE.search(key(text[sentence_start:start]))


def longest_step_limit(procedure: Procedure, cues: Cues, days: float, share: float) -> list[Evidence]:
    """The agency's step with the longest time for its result, when the channel's ``days`` are not in any step
    (the channel adds the stages up, or counts in other units): the stage a reviewer shortens first (blind tuning
    gold: 2.000111 step 1 of a 20-day total, 1.012889 step 2, 1.001660 step 2). Only a stage of at least ``share``
    of the time (the cut asked), whose cut alone can give it: a 3-day check under a 23-day total is not where the
    time goes. Not a branch, the handing over, a supplement notice or an applicant's own deadline (``_result_time``;
    "chậm nhất 10 ngày làm việc trước ngày dự kiến tổ chức phát hành, Đối tượng được bảo lãnh gửi …", 3.000057)."""
    from analyzer.parse.duration import find_durations

    if steps_stating(procedure, days):
        return []
    timed: list[tuple[float, int, Evidence]] = []
    for position, step in enumerate(procedure.steps):
        most = known_days(step.duration)
        if most is None or _steps.is_terminal(step, cues) or _steps.is_branch(step) or not _result_time(step, cues):
            continue
        text = _steps.text(step)
        span = next(((s.start, s.end) for s in find_durations(text) if known_days(s.duration) == most), None)
        if span is not None and not _stage_limit(text, span, cues):
            continue
        timed.append((most, -position, _steps.evidence(step, position, span)))
    if not timed:
        return []
    most, _, evidence = max(timed, key=lambda t: (t[0], t[1]))
    if most > days or most < share * days - SAME_DAYS:
        return []
    return [evidence]


# ---------------------------------------------------------------- peer_outlier


class PeerOutlierParams(RuleParams):
    min_ratio: Ratio
    min_peers: Annotated[int, Field(ge=1)]
    min_excess_days: Days
    target_cut: Fraction  # the cut asked of the plan's year: 0.30 in 2025, 0.50 in 2026 against 2024 (NQ 66/NQ-CP)
    confidence_base: Confidence
    confidence_per_ratio: Confidence  # per unit of ratio above min_ratio
    confidence_per_peer: Confidence  # per peer, up to PEERS_FOR_CONFIDENCE
    confidence_max: Confidence


PEERS_FOR_CONFIDENCE = 20


@dataclass(frozen=True)
class Outlier:
    position: int
    channel: Channel
    days: float
    median: float
    count: int

    @property
    def ratio(self) -> float:
        return self.days / self.median


def working_day_values(text: str) -> set[float]:
    """The numbers of working days a text states ("Trong thời hạn 40 ngày làm việc …")."""
    from analyzer.parse.duration import find_durations

    return {span.duration.value for span in find_durations(text)
            if span.duration is not None and span.duration.unit == "working_day" and span.duration.value is not None}


def stated_working_days(procedure: Procedure) -> set[float]:
    """The numbers of working days the record states for its steps or its channels (times and descriptions)."""
    values = set().union(*(working_day_values(_steps.text(step)) for step in procedure.steps)) if procedure.steps else set()
    for channel in procedure.channels:
        values |= working_day_values(channel.description or "")
        if channel.duration is not None and channel.duration.unit == "working_day" and channel.duration.value is not None:
            values.add(channel.duration.value)
    return values


def calendar_day_count(channel: Channel) -> float | None:
    """The number of a channel's definite time in plain days ("15 Ngày"; not a range), else None."""
    duration = channel.duration
    if duration is None or duration.unit != "day" or duration.value_max is not None:
        return None
    return duration.value


def in_stated_unit(channel: Channel, stated: set[float]) -> Channel:
    """The channel with its time in working days when the portal's "40 Ngày" is the "40 ngày làm việc" the record
    states elsewhere (``stated_working_days``: the steps, the descriptions, another channel; the mismatch itself is
    the record defect unit_mismatch), else the channel unchanged."""
    duration = channel.duration
    if duration is None or calendar_day_count(channel) not in stated:
        return channel
    return channel.model_copy(update={"duration": duration.model_copy(
        update={"unit": "working_day", "working_days": duration.value})})


def days_as_stated(procedure: Procedure, channel: Channel) -> float:
    """A channel's time in working days, reading the portal's "5 Ngày" as the "05 ngày làm việc" the record states
    elsewhere (``in_stated_unit``); the floor of online_not_faster compares this (csdl-5d3519eb5c)."""
    return known_days(in_stated_unit(channel, stated_working_days(procedure)).duration) or 0.0


def _shortest_rows(procedure: Procedure, step_units: bool = False) -> list[tuple[int, Channel, float]]:
    """Per mode, the row with the shortest definite time: several rows of one mode are cases (a 40-day case
    with an on-site check among 2-day rows), and the general case is the one to compare. With ``step_units``, a
    channel's "40 Ngày" that the record states elsewhere as 40 working days is read in working days
    (``in_stated_unit``): for the cut-target rules, not the peer comparison (peers are read as published)."""
    best: dict[str, tuple[int, Channel, float]] = {}
    stated = stated_working_days(procedure) if step_units else set()
    for position, channel in enumerate(procedure.channels):
        channel = in_stated_unit(channel, stated) if step_units else channel
        days = known_days(channel.duration)
        if days is None or unit_typo(procedure, position):
            continue
        if channel.mode not in best or days < best[channel.mode][2]:
            best[channel.mode] = (position, channel, days)
    return sorted(best.values(), key=lambda row: row[0])


def prescribed_elapsed(procedure: Procedure, days: float, cues: Cues) -> float:
    """Working days the steps' own limits take one after the other (a 10-day appraisal, then a 7-day
    consultation, then a 10-day decision), in the longest flow; a limit that restates the total is left out."""
    longest = 0.0
    for flow in _steps.flows(procedure.steps, cues):
        times, _ = _timed_steps(procedure, flow, cues)
        inner = [t for t in times if t.days < RESTATES_TOTAL * days]
        if inner:
            longest = max(longest, elapsed(inner, days))
    return longest


def _peer_target(outlier: Outlier, cut: float, floor: float) -> tuple[float, str]:
    """The target and its basis: the configured cut, or the peer median when that cuts less, and never
    shorter than the limits the record's own steps prescribe (``floor``)."""
    by_cut, by_median = cut_target(outlier.days, cut), math.ceil(outlier.median * 2) / 2
    target, basis = (by_median, "peer_median") if by_median > by_cut else (by_cut, "nq66_cut")
    if floor > target:
        target, basis = math.ceil(floor * 2) / 2, "step_limit"
    return target, basis


def _outliers(procedure: Procedure, params: Mapping[str, Any], context: DetectionContext) -> list[Outlier]:
    """The channels whose time is at least ``min_ratio`` times the median of their peers (same field, level,
    mode and kind of decision)."""
    if not (procedure.field and procedure.level):
        return []  # without field and level there are no peers to compare with
    peers = context.peers
    min_ratio, min_peers, min_excess = float(params["min_ratio"]), int(params["min_peers"]), float(params["min_excess_days"])
    outliers = []
    for position, channel, days in _shortest_rows(procedure):
        own = peer_key(procedure, channel.mode)
        # a re-issue or change is compared with its own kind, else with the first licences of its field, else
        # with both pooled (a lighter decision should never take longer); a first licence is never compared
        # with the re-issues' shorter times
        groups = [own] + ([own[:3] + (FIRST,), own[:3] + (ANY,)] if own[3] == LIGHTER else [])
        for group in groups:
            median, count = peers.median(group), peers.count(group)
            if median and count >= min_peers and days / median >= min_ratio and days - median >= min_excess:
                outliers.append(Outlier(position, channel, days, median, count))
                break
    return outliers


@register("peer_outlier", params=PeerOutlierParams)
def peer_outliers(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure: the channels whose time is at least ``min_ratio`` times the median of
    their peers (same field, level, mode and kind of decision), all in its evidence."""
    params = rule.params
    min_ratio, cut = float(params["min_ratio"]), float(params["target_cut"])
    outliers = _outliers(procedure, params, context)
    if not outliers:
        return
    main = max(outliers, key=lambda o: o.ratio)
    target, basis = _peer_target(main, cut, prescribed_elapsed(procedure, main.days, context.resources.cues))
    if target >= main.days:
        return  # the steps' own limits leave nothing to cut: the legal text that sets them is what to change
    labels = {"peer_median": "bằng trung vị của nhóm",
              "nq66_cut": f"cắt giảm {round(cut * 100)}% theo Nghị quyết 66/NQ-CP",
              "step_limit": "không ngắn hơn thời hạn các bước của thủ tục đã quy định"}
    same_time = [o for o in outliers if round(o.days, 2) == round(main.days, 2)]
    yield rule.finding(
        procedure.code,
        evidence=[channel_evidence(o.position, o.channel) for o in outliers] + steps_stating(procedure, main.days)
                 + longest_step_limit(procedure, context.resources.cues, main.days, cut),
        confidence=min(params["confidence_max"], params["confidence_base"] + params["confidence_per_ratio"] * (main.ratio - min_ratio)
                       + params["confidence_per_peer"] * min(main.count, PEERS_FOR_CONFIDENCE)),
        suggestion_params={"target_working_days": target, "peer_median": round(main.median, 2), "peer_count": main.count,
                           "current_working_days": round(main.days, 2), "basis": basis,
                           "channels": [o.channel.mode for o in outliers]},
        mode=modes_label([o.channel for o in same_time]),
        days=stated(main.channel.duration, main.days),  # type: ignore[arg-type]
        ratio=fmt_days(main.ratio),
        median=fmt_days(main.median),
        peers=main.count,
        target=fmt_days(target),
        basis=labels[basis],
    )


# ---------------------------------------------------------------- long_time_target


class LongTimeTargetParams(RuleParams):
    min_working_days: Days  # the shortest channel's time from which a cut is proposed
    target_cut: Fraction  # the cut asked of the plan's year (NQ 66/NQ-CP: 0.30 in 2025, 0.50 in 2026)
    confidence: Confidence


@register("long_time_target", params=LongTimeTargetParams)
def long_time_target(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose fastest channel still takes ``min_working_days`` or more: the yearly cut
    of Nghị quyết 66/NQ-CP, never below the limits its own steps prescribe. Not where ``peer_outlier`` reports
    the procedure (the comparison with its peers says more); the step that sets the longest limit is evidence."""
    rows = _shortest_rows(procedure, step_units=True)
    if not rows:
        return
    days = min(d for _, _, d in rows)
    if days < float(rule.params["min_working_days"]):
        return
    # through the rule set's own reads, so that the batch cache records only peer_outlier's parameters
    if context.rules.enabled("peer_outlier") and _outliers(procedure, context.rules["peer_outlier"].params, context):
        return
    cues, cut = context.resources.cues, float(rule.params["target_cut"])
    target, basis = cut_target(days, cut), "nq66_cut"
    floor = prescribed_elapsed(procedure, days, cues)
    if floor > target:
        target, basis = math.ceil(floor * 2) / 2, "step_limit"
    if target >= days:
        return  # the steps' own limits leave nothing to cut: the legal text that sets them is what to change
    limits = agency_limits(procedure, cues)
    longest = _step_evidence(procedure, [max(limits, key=lambda t: t.days)] if limits else [])
    setting = [e for e in steps_stating(procedure, days) + longest_step_limit(procedure, cues, days, cut)
               if e.index not in {s.index for s in longest}]
    channels = [row for row in rows if row[2] == days]
    yield rule.finding(
        procedure.code,
        evidence=[channel_evidence(position, channel) for position, channel, _ in channels] + longest + setting,
        confidence=float(rule.params["confidence"]),
        suggestion_params={"target_working_days": target, "current_working_days": round(days, 2),
                           "basis": basis,
                           "channels": [channel.mode for _, channel, _ in channels]},
        mode=modes_label([channel for _, channel, _ in channels]),
        days=stated(channels[0][1].duration, days),  # type: ignore[arg-type]
        cut=round(cut * 100),
        target=fmt_days(target),
    )


# ---------------------------------------------------------------- online_not_faster


def _fastest(procedure: Procedure, mode: str) -> tuple[int, Channel, float] | None:
    rows = [(p, c, d) for p, c in enumerate(procedure.channels) if c.mode == mode
            and (d := known_days(c.duration)) is not None and not unit_typo(procedure, p)]
    return min(rows, key=lambda r: r[2]) if rows else None


class OnlineNotFasterParams(RuleParams):
    target_cut: Fraction
    min_working_days: Days  # never for times of this many working days or fewer (same-day, one day)
    confidence_slower: Confidence  # online slower than in person
    confidence_equal: Confidence  # as slow


@register("online_not_faster", params=OnlineNotFasterParams)
def online_not_faster(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure: online is slower than in person, or as slow and longer than
    ``min_working_days``; not where the applicant must come in person anyway."""
    online, direct = _fastest(procedure, "truc_tuyen"), _fastest(procedure, "truc_tiep")
    if not online or not direct or online[2] < direct[2]:
        return
    shortest = float(rule.params["min_working_days"])
    if days_as_stated(procedure, online[1]) <= shortest:
        return  # short handling: nothing worth a plan ("5 Ngày" that the steps state as 5 working days is 5)
    target = cut_target(direct[2], float(rule.params["target_cut"]))
    if target >= online[2] or presence_required(procedure, context.resources.cues) or _cut_proposed(procedure, context):
        return
    yield rule.finding(
        procedure.code,
        evidence=[channel_evidence(online[0], online[1]), channel_evidence(direct[0], direct[1])],
        confidence=rule.params["confidence_slower"] if online[2] > direct[2] else rule.params["confidence_equal"],
        suggestion_params={"target_working_days": target, "channel": "truc_tuyen",
                           "current_working_days": round(online[2], 2), "direct_working_days": round(direct[2], 2)},
        online=stated(online[1].duration, online[2]),  # type: ignore[arg-type]
        direct=stated(direct[1].duration, direct[2]),  # type: ignore[arg-type]
        target=fmt_days(target),
    )


def time_cut_proposed(procedure: Procedure, context: DetectionContext) -> bool:
    """``peer_outlier`` or ``long_time_target`` already proposes cutting every channel's time."""
    if context.rules.enabled("peer_outlier") and _outliers(procedure, context.rules["peer_outlier"].params, context):
        return True
    return context.rules.enabled("long_time_target") and \
        next(long_time_target(procedure, context.rules["long_time_target"], context), None) is not None


def _cut_proposed(procedure: Procedure, context: DetectionContext) -> bool:
    """``time_cut_proposed``, or ``reissue_time`` cuts every channel: one time finding per procedure, not a second
    one about the online channel."""
    from analyzer.detect.time_targets import reissue_time  # it builds on this module

    return time_cut_proposed(procedure, context) or (context.rules.enabled("reissue_time") and next(
        reissue_time(procedure, context.rules["reissue_time"], context), None) is not None)


# ---------------------------------------------------------------- no_online


class NoOnlineParams(RuleParams):
    confidence_business: Confidence  # business-related: Nghị quyết 66/NQ-CP asks them all online
    confidence_other: Confidence


def business_related(procedure: Procedure, cues: Cues) -> bool:
    """Subjects include enterprises, organisations or household businesses (from the subjects, else the name)."""
    from analyzer.resources.patterns import phrase_key

    text = " | ".join(procedure.subjects) if procedure.subjects else procedure.name
    return bool(cues.pattern("time", "business_subjects").search(phrase_key(text)))


@register("no_online", params=NoOnlineParams)
def no_online(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """A procedure whose channels include no online one, unless the record says the applicant must come in
    person by the procedure's nature, or offers online filing anyway (in a description or the steps)."""
    from analyzer.resources.patterns import phrase_key

    cues = context.resources.cues
    channels = procedure.channels
    if not channels or any(c.mode == "truc_tuyen" for c in channels):
        return
    if cues.pattern("time", "online_mentioned").search(phrase_key(procedure.name + "\n" + record_text(procedure))):
        return  # online filing is offered after all: the channel list is what is wrong (a record defect)
    if presence_required(procedure, cues) or no_filing(procedure, cues):
        return
    business = business_related(procedure, cues)
    finding = rule.finding(
        procedure.code,
        evidence=[channel_evidence(p, c) for p, c in enumerate(channels)],
        confidence=rule.params["confidence_business" if business else "confidence_other"],
        action="add_online",
        suggestion_params={"channels": [c.mode for c in channels], "business_related": business},
        modes=", ".join(dict.fromkeys(MODE_LABELS.get(c.mode, c.mode).removeprefix("nộp ") for c in channels)),
        who=" (thủ tục liên quan đến doanh nghiệp, tổ chức phải được thực hiện trực tuyến theo Nghị quyết 66/NQ-CP)"
            if business else "",
    )
    finding.severity = "medium" if business else "low"
    yield finding


# ---------------------------------------------------------------- step_sum_mismatch


@dataclass(frozen=True)
class StepTime:
    position: int
    days: float  # working days
    from_receipt: bool  # counted from the receipt of the dossier, like the declared total
    span: tuple[int, int]  # the clause that states it
    anchor: str = ""  # what it is counted from ("kể từ ngày công bố kết quả thi"), keyed


# "kể từ ngày nhận đủ hồ sơ hợp lệ", "kể từ ngày tiếp nhận hồ sơ", "kể từ ngày thụ lý": the clock of the whole
# procedure, as opposed to "kể từ ngày nhận được tờ trình của Sở" (the end of the previous step)
_FROM_RECEIPT = re.compile(
    r"^[^.;]{0,40}?(?:kể |tính )?từ (?:ngày|khi|thời điểm)(?: [^,;.]{0,40}?)? "
    r"(?:(?:nhận|tiếp nhận)(?: được)?(?: đầy đủ| đủ)?(?: các)?(?: thành phần)? (?:hồ sơ|đơn)"
    r"(?![^,;.]{0,25}? (?:do [^,;.]{0,60}? trình|của (?:sở|bộ|cơ quan|ủy ban|ubnd|phòng|cục|chi cục)|và báo cáo))"
    r"|thụ lý|ghi trên phiếu tiếp nhận)"
)
# a clause that states a time for one branch only ("Trường hợp hồ sơ không bảo đảm yêu cầu, trong thời hạn 05 ngày")
_CONDITIONAL = re.compile(r"^\W*(?:[a-zđ0-9]{1,3}[).]\s*)?" + _steps.CONDITION)


ACTOR_WORDS = 10  # words after a time limit's "kể từ ...," anchor where the actor is named
SUBJECT_WORDS = 25  # words from the start of the sentence up to the limit, where its subject usually is


def _agency_acts(text: str, start: int, end: int, cues: Cues) -> bool:
    """The agency, not the applicant, acts within the time limit at ``text[start:end]``: the first actor
    named in the sentence before the limit (its subject) or else right after its anchor ("kể từ ...,")
    decides. ``text`` is the whole step, since hard-wrapped lines split a sentence into clauses."""
    # the actor must be named: a limit of unknown actor is as often the applicant's as the agency's
    return step_actor(text, start, end, cues) == "agency"


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding ``text[start]`` begins (after ". " or a line break)."""
    return max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1


def step_actor(text: str, start: int, end: int, cues: Cues) -> str | None:
    """Who acts within the time limit at ``text[start:end]`` ("agency", "applicant"), or None when unnamed."""
    sentence_start = _sentence_start(text, start)
    before = " ".join(key(text[sentence_start:start]).split()[-SUBJECT_WORDS:])
    after = key(text[end:]).lstrip(" ,")
    if re.match(r"(?:kể|tính) từ", after):  # "kể từ ngày nhận đủ hồ sơ của tổ chức, cá nhân," is the anchor
        comma = after.find(",")
        after = after[comma + 1:] if 0 <= comma < 160 else ""
    after = " ".join(after.split()[:ACTOR_WORDS])
    found = []
    for zone_index, zone in enumerate((before, after)):
        for kind in ("agency", "applicant"):
            # at one place the longer name wins: "chi nhánh ngân hàng nước ngoài" is not "chi nhánh"
            found += [(zone_index, m.start(), -len(m.group(0)), kind) for m in cues.pattern("actors", kind).finditer(zone)]
    return min(found)[3] if found else None


_WITHIN_PREVIOUS = re.compile(r"^\W*(?:bước \d+\W*)?trong (?:quá trình|thời gian) (?:thẩm định|xem xét|giải quyết|xử lý)")
# a numbered or lettered case inside a step ("1. Đối với hồ sơ …", "b) Trường hợp …")
_SEVERAL_CASES_IN_STEP = re.compile(r"(?:^|[\n|:;.]\s*)[-+*•]?\s*\(?(?:\d{1,2}|[a-zđ])[.)]\s*(?:đối với|trường hợp)(?!\w)")


def step_times(step: Step, position: int, cues: Cues) -> list[StepTime]:
    """The agency's time limits in a step, in order ("Trong thời hạn 05 ngày …, Sở lấy ý kiến …; trong thời
    hạn 10 ngày các đơn vị có ý kiến …": two limits that follow each other).

    Clauses about the applicant's own deadlines, validity periods, the completeness check before the clock
    starts (a request to supplement), a branch, or what follows the result are skipped; each remaining
    clause gives its first agency duration.
    """
    from analyzer.parse.duration import find_durations

    text = _steps.text(step)
    if _WITHIN_PREVIOUS.match(key(text)):
        return []  # "Trong quá trình thẩm định, … lấy ý kiến … trong 05 ngày": runs inside the previous step's limit
    skip, after_result = cues.pattern("time", "not_processing"), cues.pattern("time", "post_result")
    found: list[StepTime] = []
    for start, end in clauses(text):
        clause = text[start:end]
        if skip.search(key(clause)) or after_result.search(key(clause)) or _CONDITIONAL.match(key(clause)):
            continue
        for span in find_durations(clause):
            days = known_days(span.duration)
            if days is None:
                continue
            if found and days < found[0].days:
                break  # shorter than the step's first limit: a sub-task inside it ("16 ngày … lấy ý kiến … 08 ngày")
            if _agency_acts(text, start + span.start, start + span.end, cues):
                rest = key(clause[span.end:])
                anchor = re.search(r"(?:kể|tính) từ [^,;.]{3,80}", rest)
                found.append(StepTime(position, days, bool(_FROM_RECEIPT.search(rest)), (start, end),
                                      _anchor_key(anchor.group(0)) if anchor else ""))
            break  # one limit a clause; an applicant's deadline ends the clause too
    if len(found) > 1 and _SEVERAL_CASES_IN_STEP.search(key(text)):
        found = found[:1]  # "1. Đối với hồ sơ …: 01 tháng …; 2. Đối với …": the limits of different cases
    days = known_days(step.duration)
    if not found and days is not None and not find_durations(text):
        found.append(StepTime(position, days, False, (0, len(text))))
    return found


_RECEIPT_ANCHOR = re.compile(r"(?:kể|tính) từ (?:ngày|khi|thời điểm)[^,;.]*?(?<!\w)(?:tiếp )?nhận(?!\w)")


def _anchor_key(anchor: str) -> str:
    """The event a limit is counted from, worded the same however it is phrased ("nhận được đầy đủ các hồ
    sơ" and "nhận đủ hồ sơ" are one event, so limits counted from them run side by side)."""
    words = [w for w in anchor.replace("đầy đủ", "đủ").split() if w not in ("được", "các")]
    return " ".join(words)


RESTATES_TOTAL = 0.9  # a step limit this close to the declared total restates it rather than adding to it


def elapsed(times: list[StepTime], declared: float) -> float:
    """Working days from receipt to the end of the last timed step, at the least.

    Limits add up, except a limit counted from receipt that reaches past the time already elapsed (or
    restates the declared total): it is a deadline from the start and covers the steps before it."""
    total = 0.0
    ends: dict[str, float] = {}  # anchor -> elapsed time when the first limit counted from it started
    for time in times:
        if time.anchor and time.anchor in ends:
            # two limits counted from the same event run side by side ("kể từ ngày công bố kết quả thi")
            total = max(total, ends[time.anchor] + time.days)
            continue
        covers = time.from_receipt and (time.days > total or time.days >= RESTATES_TOTAL * declared)
        if time.anchor:
            ends[time.anchor] = 0.0 if covers else total
        total = max(total, time.days) if covers else total + time.days
    return total


def _timed_steps(procedure: Procedure, flow: list[int], cues: Cues) -> tuple[list[StepTime], bool]:
    """The agency steps of a flow that state a time, and whether every agency step does.

    A limit counted from another event than a receipt ("kể từ ngày hoàn thành thi công") that comes
    before the first limit counted from a receipt (of the dossier, a report, a request: "kể từ ngày nhận
    báo cáo của ...") is the applicant's, before the clock starts."""
    times, complete, seen = [], True, set()
    for position in flow:
        step = procedure.steps[position]
        if _steps.is_submission(step, cues):
            continue  # the applicant's part
        if _steps.is_branch(step):
            complete = False  # an alternative path: neither added up nor left out with confidence
            continue
        found = step_times(step, position, cues)
        for time in found:
            quoted = key(_steps.text(step)[time.span[0]:time.span[1]])
            if quoted not in seen:  # a limit copied into two steps counts once
                seen.add(quoted)
                times.append(time)
        if not found and not _steps.is_terminal(step, cues):  # handing the result over needs no time of its own
            complete = False
    first_receipt = next((i for i, t in enumerate(times) if _RECEIPT_ANCHOR.search(t.anchor)), len(times))
    return [t for i, t in enumerate(times) if i >= first_receipt or not t.anchor], complete


def _step_evidence(procedure: Procedure, times: list[StepTime]) -> list[Evidence]:
    """One evidence a step, spanning its limits."""
    spans: dict[int, tuple[int, int]] = {}
    for t in times:
        start, end = spans.get(t.position, t.span)
        spans[t.position] = (min(start, t.span[0]), max(end, t.span[1]))
    return [_steps.evidence(procedure.steps[position], position, span) for position, span in spans.items()]


def _stages_or_cases(declared: list[tuple[int, Channel, float]]) -> bool:
    """Several rows of one mode with different times: stages (7 days to inspect, 5 to approve) or cases,
    which the records do not tell apart, so no row is the total of the steps."""
    times: dict[str, set[float]] = {}
    for _, channel, days in declared:
        times.setdefault(channel.mode, set()).add(round(days, 2))
    return any(len(values) > 1 for values in times.values())


def _several_totals(channel: Channel) -> bool:
    """The channel's description gives different totals (per case or stage: "- Đối với trường hợp đặc cách:
    05 ngày …; - … 45 ngày"): its time cell is one of them, not the total of every step."""
    from analyzer.parse.duration import find_durations

    values = {known_days(span.duration) for span in find_durations(channel.description or "")}
    return len(values - {None}) >= 2


def _without_consultations(procedure: Procedure, times: list[StepTime], cues: Cues) -> list[StepTime]:
    """Leave out another body's limit to give its opinion when an earlier limit counted from receipt runs
    at least as long: the host's limit includes the consultation it asks for."""
    from analyzer.resources.patterns import phrase_key

    consulted = cues.pattern("time", "consulted")
    kept: list[StepTime] = []
    for time in times:
        clause = _steps.text(procedure.steps[time.position])[time.span[0]:time.span[1]]
        inside = any(t.from_receipt and t.days >= time.days for t in kept)
        if not (inside and consulted.search(phrase_key(clause))):
            kept.append(time)
    return kept


class StepSumMismatchParams(RuleParams):
    max_total_over_sum: Annotated[float, Field(ge=1.0)]
    min_steps_with_time: Annotated[int, Field(ge=1)]
    check_padded: StrictBool
    confidence_exceeds: Confidence  # three hand audits of real findings (2026-11-23): about half right
    confidence_padded: Confidence


@register("step_sum_mismatch", params=StepSumMismatchParams)
def step_sum_mismatch(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """Step limits that cannot fit in the declared total, or a total far above all the steps together.

    "Exceeds" leaves out a step that restates the total; "padded" adds every limit and needs every agency
    step of the flow to state one. Times are compared in working days, so a
    declared "60 ngày" against steps of 20 + 20 + 20 "ngày làm việc" is a mismatch."""
    rows = [(p, c, d) for p, c in enumerate(procedure.channels) if (d := known_days(c.duration)) is not None]
    declared = [(p, c, d) for p, c, d in rows if not _several_totals(c)]
    if not declared or _stages_or_cases(rows):
        return
    cues = context.resources.cues
    min_steps = int(rule.params["min_steps_with_time"])
    max_ratio = float(rule.params["max_total_over_sum"])
    check_padded = rule.params["check_padded"]
    for flow in _steps.flows(procedure.steps, cues):
        times, complete = _timed_steps(procedure, flow, cues)
        times = _without_consultations(procedure, times, cues)
        if len(times) < min_steps:
            continue
        most = sum(t.days for t in times)
        # several rows of one mode often belong to different cases: the steps must exceed every row
        exceeded = declared if all(elapsed(times, d) - d >= 1 for _, _, d in declared) else []
        # like "exceeds", "padded" must hold against every row: rows of one mode are often different cases
        padded = declared if check_padded and complete and all(d > max_ratio * most and d - most >= 2 for _, _, d in declared) else []
        if exceeded:
            shortest = min(d for _, _, d in exceeded)
            least = elapsed(times, shortest)
            yield rule.finding(
                procedure.code,
                evidence=[*_step_evidence(procedure, times), *[channel_evidence(p, c) for p, c, _ in exceeded]],
                confidence=rule.params["confidence_exceeds"],
                action="align_time_limits",
                suggestion_params={"steps_working_days": round(least, 2), "declared_working_days": round(shortest, 2)},
                steps_sum=fmt_days(least),
                declared=fmt_days(shortest),
                detail=f"các bước vượt thời hạn công bố {fmt_days(least - shortest)} ngày làm việc; đề nghị rà soát, "
                       "thống nhất thời hạn của từng bước với thời hạn công bố.",
            )
        elif padded:
            longest = max(d for _, _, d in padded)
            target = math.ceil(most * 2) / 2
            yield rule.finding(
                procedure.code,
                evidence=[*_step_evidence(procedure, times), *[channel_evidence(p, c) for p, c, _ in padded]],
                confidence=rule.params["confidence_padded"],
                suggestion_params={"target_working_days": target, "declared_working_days": round(longest, 2),
                                   "steps_working_days": round(most, 2)},
                steps_sum=fmt_days(most),
                declared=fmt_days(longest),
                detail=f"thời hạn công bố dài gấp {fmt_days(longest / most)} lần tổng thời hạn các bước; đề nghị rút "
                       f"xuống {fmt_days(target)} ngày làm việc.",
            )


# ---------------------------------------------------------------- vague_time


def _described_days(channel: Channel) -> bool:
    """The channel's description states a definite time (the portal sometimes leaves the time column
    empty, or writes "khác", and gives "30 ngày làm việc" in the description)."""
    from analyzer.parse.duration import find_durations

    return any(known_days(span.duration) is not None for span in find_durations(channel.description or ""))


def _vague(channel: Channel, rule: Rule) -> str | None:
    """The quoted text of a vague time, or None when the time is definite (or not a duration at all)."""
    duration = channel.duration
    if duration is None:
        vague = "không ghi thời hạn" if rule.params["include_missing"] else None
    elif duration.unspecified or (duration.ambiguous and rule.params["include_ambiguous"]):
        vague = duration.text
    else:
        vague = None
    return None if vague is None or _described_days(channel) else vague


def time_given(procedure: Procedure, cues: Cues) -> bool:
    """The record gives a time for the result somewhere: a channel with a definite time (in its cell or its
    description), or an agency time limit in the steps. A step's parsed duration counts only as ``step_times``
    reads it (``_result_time``; round-8 tuning: 1.011669, 2.002165)."""
    if any(known_days(c.duration) is not None or _described_days(c) for c in procedure.channels):
        return True
    if any(_result_time(step, cues) for step in procedure.steps) or prescribed_limits(procedure, cues):
        return True
    from analyzer.resources.patterns import phrase_key

    texts = phrase_key(" | ".join([c.description or "" for c in procedure.channels]
                                  + [_steps.text(s) for s in procedure.steps if not _steps.is_submission(s, cues)]))
    return bool(cues.pattern("time", "immediate").search(texts))


def _result_time(step: Step, cues: Cues) -> bool:
    """The step states a time for the result: a duration in a clause that is not the applicant's own deadline in
    a submission step ("Chậm nhất 60 ngày ..., doanh nghiệp gửi hồ sơ") nor a notice asking for a supplement ("cơ quan phải có thông
    báo yêu cầu bổ sung, hoàn thiện hồ sơ ... trong thời hạn 05 ngày làm việc"); a duration the parser gives the step
    without it being in the text counts as the record states it."""
    from analyzer.parse.duration import find_durations

    if known_days(step.duration) is None:
        return False
    text = _steps.text(step)
    supplement = cues.pattern("supplement_rounds", "supplement")
    submission = _steps.is_submission(step, cues)  # there, only a limit the agency is named to act within counts
    seen = False
    for start, end in clauses(text):
        clause = text[start:end]
        for span in find_durations(clause):
            if known_days(span.duration) is None:
                continue
            seen = True
            if supplement.search(key(clause)):
                continue
            if not submission or _agency_acts(text, start + span.start, start + span.end, cues):
                return True
    return not seen


def decides_nothing(procedure: Procedure, cues: Cues) -> bool:
    """A declaration, a report or a notice ("Khai ...", "Báo cáo ...", "Thông báo ...") with no result to issue."""
    from analyzer.resources.patterns import phrase_key

    name = re.sub(r"^thủ tục\s+", "", phrase_key(procedure.name))  # "Thủ tục báo cáo biểu phí ..." (1.002096)
    opening = cues.pattern("time", "nothing_decided").match(name)
    return bool(opening) and not cues.pattern("time", "decision_results").search(phrase_key(procedure.results or ""))


def scheduled(procedure: Procedure, cues: Cues) -> bool:
    """A time set by a plan or a notice ("Theo Kế hoạch tuyển sinh hàng năm", "Theo thông báo của trung tâm sát
    hạch"): a periodic contest that follows its own plan, not a missing limit."""
    from analyzer.resources.patterns import phrase_key

    texts = [c.duration.text if c.duration else "" for c in procedure.channels] + [c.description or "" for c in procedure.channels]
    if cues.pattern("time", "scheduled").search(phrase_key(" | ".join(texts))):
        return True
    agency = [_steps.text(s) for s in procedure.steps if not _steps.is_submission(s, cues)]
    return bool(cues.pattern("time", "calendar_deadline").search(phrase_key(" | ".join(agency))))


class VagueTimeParams(RuleParams):
    include_ambiguous: StrictBool
    include_missing: StrictBool
    confidence_unspecified: Confidence
    confidence_ambiguous: Confidence
    confidence_missing: Confidence


def untimed_agency_steps(procedure: Procedure, cues: Cues) -> list[Evidence]:
    """The agency's own steps (not the submission, not the handing over, not a branch), none of which states a
    time once ``time_given`` is false: the places a reviewer asks a deadline for."""
    return [_steps.evidence(step, position) for position, step in enumerate(procedure.steps)
            if not (_steps.is_submission(step, cues) or _steps.is_terminal(step, cues) or _steps.is_branch(step))]


REASON_ORDER = ("unspecified", "missing", "ambiguous")  # the strongest reason of a procedure's channels names it


@register("vague_time", params=VagueTimeParams)
def vague_times(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure whose time is vague on every channel and given nowhere else in the record
    (neither in a channel's description nor in the steps), unless the procedure decides nothing."""
    vague = [(p, c, text) for p, c in enumerate(procedure.channels) if (text := _vague(c, rule)) is not None]
    cues = context.resources.cues
    if not vague or time_given(procedure, cues) or decides_nothing(procedure, cues) or scheduled(procedure, cues):
        return
    reasons = ["missing" if c.duration is None else "unspecified" if c.duration.unspecified else "ambiguous"
               for _, c, _ in vague]
    reason = min(reasons, key=REASON_ORDER.index)
    first = next(item for item, r in zip(vague, reasons) if r == reason)
    yield rule.finding(
        procedure.code,
        evidence=[*(channel_evidence(p, c) for p, c, _ in vague), *untimed_agency_steps(procedure, cues)],
        confidence=rule.params[f"confidence_{reason}"],
        suggestion_params={"channels": [c.mode for _, c, _ in vague], "reason": reason},
        mode=modes_label([c for _, c, _ in vague]),
        text=first[2],
    )
