"""Steps as the detectors see them: text, main action, quoting spans and the flows a list hides.

A published "Trình tự thực hiện" often strings several flows together (one per case, or a flow that
starts again for a second round), and branches ("Trường hợp hồ sơ chưa hợp lệ ...") are alternatives
rather than successive steps. Steps of different flows are never duplicates of each other and their
time limits are never added up.
"""

from __future__ import annotations

import re

from analyzer.detect._similarity import clauses, key
from analyzer.detect.finding import Evidence
from analyzer.model import Step
from analyzer.resources import Cues

_STEP_PREFIX = re.compile(r"^\s*(?:bước|b)\s*\d+\s*[:.)\-–]?\s*", re.IGNORECASE)
# "Trường hợp hồ sơ không hợp lệ, ..." opens a branch; "Trường hợp hồ sơ hợp lệ, ..." is the main path
CONDITION = r"(?:trường hợp|trong trường hợp|nếu|đối với)(?!\w)(?! hồ sơ (?:đã )?(?:đầy đủ|đủ|hợp lệ)(?!\w))"
_BRANCH = re.compile(r"^(?:[-+•*]\s*)?(?:\(?[a-zđ0-9ivx]{1,4}[.)]\s*)?" + CONDITION)


def number(step: Step, position: int) -> int:
    """The step's own number ("Bước n"), or its position counted from 1 when it has none."""
    return step.index if step.index else position + 1


def text(step: Step) -> str:
    return step.text or step.title or ""


def body(step: Step) -> str:
    """The step's whole text without its "Bước n:" prefix."""
    return unnumbered(text(step))


def unnumbered(quote: str) -> str:
    """A quote from a step without the "Bước n:" it may start with."""
    return _STEP_PREFIX.sub("", quote).strip()


def head_span(step: Step) -> tuple[int, int]:
    """(start, end) in ``text(step)`` of the step's main action: its title, else its first clause."""
    body = text(step)
    if step.title and step.title in body:
        start = body.index(step.title)
        return start, start + len(step.title)
    spans = clauses(body)
    return spans[0] if spans else (0, len(body))


def head(step: Step) -> str:
    start, end = head_span(step)
    return _STEP_PREFIX.sub("", text(step)[start:end])


def evidence(step: Step, position: int, span: tuple[int, int] | None = None) -> Evidence:
    """Evidence for a step; with ``span`` it quotes that exact part of the step's text."""
    body = text(step)
    if span is None:
        return Evidence(field="steps", index=position, text=body)
    start, end = span
    return Evidence(field="steps", index=position, text=body[start:end], start=start, end=end)


def is_branch(step: Step) -> bool:
    """A conditional alternative ("Trường hợp ...", "Nếu ..."), not a step every applicant goes through."""
    return bool(_BRANCH.match(key(head(step))))


def is_submission(step: Step, cues: Cues) -> bool:
    """The applicant prepares or submits the dossier: the start of a flow."""
    return bool(cues.pattern("flow", "submission").search(key(head(step))))


_APPOINTMENT = re.compile(r"(?:phiếu|giấy) hẹn(?: trả kết quả)?|hẹn trả kết quả|bộ phận tiếp nhận và trả kết quả")


def is_terminal(step: Step, cues: Cues) -> bool:
    """The result is handed over: the end of a flow ("phiếu hẹn trả kết quả" is an appointment slip, and
    "Bộ phận tiếp nhận và trả kết quả" a desk, not the hand-over)."""
    return bool(cues.pattern("flow", "terminal").search(_APPOINTMENT.sub(" ", key(head(step)))))


def flows(steps: list[Step], cues: Cues) -> list[list[int]]:
    """Positions of the steps grouped into flows: a new flow starts at a submission step that is not the
    first of its flow, at a step that repeats one of its flow word for word, or after a step that hands
    the result over."""
    result: list[list[int]] = []
    submitting: list[bool] = []  # per position: is it a submission step
    heads = [" ".join(re.findall(r"\w+", key(head(s)))) for s in steps]
    for position, step in enumerate(steps):
        submitting.append(is_submission(step, cues))
        current = result[-1] if result else []
        restarts = submitting[-1] and any(not submitting[q] for q in current)
        # the same step word for word again, after other steps: the list starts over for another case (right
        # after itself it is a plain duplicate)
        repeated = bool(heads[position]) and any(heads[q] == heads[position] for q in current[:-1])
        if not current or restarts or repeated or is_terminal(steps[current[-1]], cues):
            result.append([])
        result[-1].append(position)
    return result
