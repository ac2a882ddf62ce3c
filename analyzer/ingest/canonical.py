"""The project's own canonical JSON (what `tthc parse` writes), also when an analyst writes it by hand.

A hand-written record often gives a duration only as text ("05 ngày làm việc", "Theo quy định của pháp
luật") and steps without an ``index``. It is read like any other format: the duration's value, unit,
working days and flags are derived by ``parse_duration`` (so ``vague_time`` sees a vague one), and a step
without an index takes its position (counted from 1).
"""

from __future__ import annotations

from typing import Any

from analyzer.model import Procedure, SourceRef
from analyzer.parse.duration import parse_duration

name = "canonical"

# fields a parser derives from a duration's text; a duration that has none of them is text only
DERIVED = ("value", "value_max", "unit", "working_days", "qualifier", "ambiguous", "unspecified")


def matches(record: dict[str, Any]) -> bool:
    return "code" in record and "name" in record and ("steps" in record or "cases" in record or "channels" in record)


def completed_duration(duration: Any) -> Any:
    """A duration given as text only (a string, or ``{"text": ...}`` alone) with its derived fields filled;
    any other value is returned as it is (validation reports what is wrong with it)."""
    if isinstance(duration, str):
        text = duration
    elif isinstance(duration, dict) and isinstance(duration.get("text"), str) and not any(duration.get(k) for k in DERIVED):
        text = duration["text"]
    else:
        return duration
    parsed = parse_duration(text)
    return parsed.to_dict() if parsed is not None else None


def _completed_steps(steps: Any) -> Any:
    if not isinstance(steps, list):
        return steps
    completed = []
    for position, step in enumerate(steps, start=1):
        if isinstance(step, str):
            step = {"text": step}
        if isinstance(step, dict):
            step = {**step, "index": step.get("index") or position}
            if "duration" in step:
                step["duration"] = completed_duration(step["duration"])
        completed.append(step)
    return completed


def completed(record: dict[str, Any]) -> dict[str, Any]:
    """The record with text-only durations derived and step indices filled (a new dict; the input is kept)."""
    result = dict(record)
    if "steps" in result:
        result["steps"] = _completed_steps(result["steps"])
    if isinstance(result.get("channels"), list):
        result["channels"] = [{**c, "duration": completed_duration(c.get("duration"))} if isinstance(c, dict) else c
                              for c in result["channels"]]
    return result


def to_procedure(record: dict[str, Any], source: SourceRef) -> Procedure:
    procedure = Procedure.from_dict(completed(record))
    if procedure.source is None:
        procedure.source = source
    return procedure
