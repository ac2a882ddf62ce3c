"""Gold labels that a later, written policy withdrew, and the test each one must still pass.

The in-sample gold files (``corpus/gold/sample.yaml``, ``real.yaml``) were labelled under the first round's
rules. Some of their labels are findings that a later issue decided are not cuts: a gold item marked
``superseded: <id>`` is then not scored (``analyzer.report.evaluate``). Each id names the policy and a predicate
on the record, so a label is withdrawn only while its record meets the policy, never because a detector missed
it. ``corpus/gold/supersede.py`` marks the labels; ``tests/report/test_superseded.py`` checks every mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from analyzer.model import Procedure
from analyzer.report.evaluate import GoldFinding
from analyzer.resources import Resources


@dataclass(frozen=True)
class Policy:
    id: str
    text: str  # the policy, with its source
    applies: Callable[[Procedure, GoldFinding, Resources], bool]


def _channels(procedure: Procedure, item: GoldFinding) -> list:
    return [procedure.channels[i] for f, _, i in item.places if f == "channels" and i is not None and i < len(procedure.channels)]


def _online_within(procedure: Procedure, item: GoldFinding, limit: float) -> bool:
    """An online_not_faster label whose every channel takes ``limit`` working days or fewer (a "5 Ngày" the record
    states elsewhere as 5 working days is 5: ``days_as_stated``)."""
    from analyzer.detect.long_processing_time import days_as_stated, known_days

    channels = _channels(procedure, item)
    return item.rule == "online_not_faster" and bool(channels) and all(
        known_days(c.duration) is not None and days_as_stated(procedure, c) <= limit for c in channels)


def _online_one_day(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    return _online_within(procedure, item, 1.0)


def _online_short(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    from analyzer.detect import load_rules

    return _online_within(procedure, item, float(load_rules().rules["online_not_faster"].params["min_working_days"]))


def _fastest_days(procedure: Procedure) -> float | None:
    """The fastest channel's time in working days, if any channel states one."""
    from analyzer.detect.long_processing_time import known_days

    return min((d for c in procedure.channels if (d := known_days(c.duration)) is not None), default=None)


def _cut_every_channel(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    """An online_not_faster label on a record whose fastest channel takes long_time_target's min_working_days or more:
    the NQ 66 cut of every channel is the procedure's one time finding."""
    from analyzer.detect import load_rules

    fastest = _fastest_days(procedure)
    floor = float(load_rules().rules["long_time_target"].params["min_working_days"])
    return item.rule == "online_not_faster" and fastest is not None and fastest >= floor


def _reissue_cut(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    """An online_not_faster label on a reissue whose fastest channel takes reissue_time's min_working_days or more:
    the reissue cut of every channel is the procedure's one time finding."""
    from analyzer.detect import load_rules
    from analyzer.detect.time_targets import is_reissue

    params = load_rules().rules["reissue_time"].params
    fastest = _fastest_days(procedure)
    return item.rule == "online_not_faster" and fastest is not None and fastest >= float(params["min_working_days"]) \
        and fastest > float(params["target_working_days"]) and is_reissue(procedure, resources.cues)


def _time_elsewhere(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    from analyzer.detect.long_processing_time import time_given

    return item.rule == "vague_time" and time_given(procedure, resources.cues)


def _number_without_unit(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    channels = _channels(procedure, item)
    return item.rule == "vague_time" and bool(channels) and all(
        c.duration is not None and c.duration.ambiguous and not c.duration.unspecified for c in channels)


def _nationality_stage(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    from analyzer.text.keys import fold

    return item.rule in ("recheck_step", "duplicate_step") and "quoc tich" in fold(procedure.name)


def _public_body(procedure: Procedure, item: GoldFinding, resources: Resources) -> bool:
    from analyzer.detect import load_rules
    from analyzer.detect._applicants import public_body_applicant

    rule = load_rules().rules.get(item.rule)
    return rule is not None and not rule.public_applicants and public_body_applicant(procedure, resources.cues)


POLICIES: dict[str, Policy] = {p.id: p for p in (
    Policy("online_one_day", "Issue 12 §3: online_not_faster never for same-day or ≤ 1-working-day times.", _online_one_day),
    Policy("online_short_time", "Blind audits, rounds 4 and 6 (corpus/gold/blind/audit_round4.md, audit_round6.md): "
           "online_not_faster never for times of min_working_days (rules.yaml, 4.5) or fewer, which are not worth a "
           "plan (3 and 4 working days not actionable, every time from 5 working days correct).", _online_short),
    Policy("time_cut_every_channel", "Issue 12 §4, one time finding per procedure: where even the fastest channel takes "
           "long_time_target's min_working_days (rules.yaml, 20) or more, the finding is the Nghị quyết 66/NQ-CP cut of "
           "every channel (long_time_target), not a second one on the online channel.", _cut_every_channel),
    Policy("reissue_cut_every_channel", "Issue 12 §4, one time finding per procedure (round 6): a reissue of a paper "
           "the agency holds whose fastest channel takes reissue_time's min_working_days (rules.yaml, 3) or more gets the "
           "reissue cut of every channel (reissue_time), not a second finding on the online channel.", _reissue_cut),
    Policy("time_stated_elsewhere", "Issue 12 §4 and issue 13 §3: a channel's time is vague only when the record gives "
           "no time anywhere (another channel, a description, the steps); otherwise the published record is "
           "inconsistent, a record defect for the publishing agency, not a cut.", _time_elsewhere),
    Policy("number_without_unit", "Issue 13 §3: a time with a number and no unit ('1', '105') is a defect of the "
           "published record (record_defects: time_without_unit), not a vague limit.", _number_without_unit),
    Policy("public_body_applicant", "Round-6 blind audit (corpus/gold/blind/audit_round6.md, cause 3; rounds 4 and 5: "
           "1.003712, 1.115143): where the applicant is itself a public body filing its own dossier, time, channel and "
           "chain rules (rules.yaml public_applicants: false) are internal administration, not a cut for people or "
           "businesses.", _public_body),
    Policy("nationality_stage", "Issue 12 §3: the decision stages of a nationality case (the province proposes, the "
           "Ministry of Justice checks, the President decides) are not repeated steps.", _nationality_stage),
)}


def policy_for(procedure: Procedure, item: GoldFinding, resources: Resources) -> str | None:
    """The first policy that withdraws this label from the findings, or None."""
    return next((p.id for p in POLICIES.values() if p.applies(procedure, item, resources)), None)
