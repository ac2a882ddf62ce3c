"""Two supplement rounds in the steps: the desk asks to supplement an incomplete file, and a later step may ask again.

Chỉ thị 10/CT-TTg allows one request to supplement after receipt. A record whose steps provide a desk request
("Trường hợp hồ sơ chưa đầy đủ, hợp lệ thì ... thông báo cho người yêu cầu bổ sung") and, in a later step, another
request in a case of its own ("Trường hợp hồ sơ cần sửa đổi, bổ sung, UBCKNN có văn bản ...", "... thực hiện lại
bước (ii)") lets the applicant be sent back twice. A step that sends a supplemented file that still falls short back
again ("đã bổ sung, sửa đổi hồ sơ nhưng không đúng với yêu cầu thì ... thông báo cho cơ sở để tiếp tục hoàn chỉnh hồ
sơ") sets no limit at all. The cue phrases are detect_cues.yaml ``supplement_rounds``.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses, key
from analyzer.model import Procedure
from analyzer.resources import Cues

REQUEST_WINDOW = 100  # characters between the request verb and what is asked ("thông báo cho người yêu cầu bổ sung")
SHORT_WINDOW = 80  # characters between the supplemented file and what it lacks ("đã bổ sung ... nhưng không đúng")


class Request(NamedTuple):
    position: int  # the step's index
    span: tuple[int, int]  # the clause in the step's text
    clause: str  # keyed


def _pattern(cues: Cues, name: str):  # type: ignore[no-untyped-def]
    return cues.pattern("supplement_rounds", name)


def _asks(clause: str, cues: Cues) -> bool:
    """The clause asks the applicant to supplement (a request verb, then what is asked), or names the case."""
    if _pattern(cues, "negated").search(clause):
        return False
    if _pattern(cues, "needs").search(clause):
        return True
    supplement = _pattern(cues, "supplement")
    return any(supplement.search(clause[m.end():m.end() + REQUEST_WINDOW])
               for m in _pattern(cues, "request").finditer(clause))


def _step_clauses(procedure: Procedure) -> Iterator[Request]:
    """Every clause of every step, keyed, with its step position and span (a candidate request)."""
    for position, step in enumerate(procedure.steps):
        text = _steps.text(step)
        for start, end in clauses(text):
            yield Request(position, (start, end), key(text[start:end]))


def requests(procedure: Procedure, cues: Cues) -> Iterator[Request]:
    return (r for r in _step_clauses(procedure) if _asks(r.clause, cues))


def _limited_once(procedure: Procedure, cues: Cues) -> bool:
    """The steps limit the requests to one ("chỉ thực hiện một lần"), with no exception after the limit that lets
    the agency ask again ("..., trừ trường hợp đã hướng dẫn nhưng ... bổ sung ... không đúng theo yêu cầu")."""
    once, exception = _pattern(cues, "once"), _pattern(cues, "exception")
    for step in procedure.steps:
        text = key(_steps.text(step))
        for start, end in clauses(text):
            clause = text[start:end]
            found = once.search(clause)
            if found and not exception.search(clause, found.end()):
                return True
    return False


def _falls_short_again(clause: str, cues: Cues) -> bool:
    """A keyed clause where the supplemented file still falls short and the agency does not refuse or close it:
    the applicant is sent back again ("đã bổ sung, sửa đổi hồ sơ nhưng không đúng với yêu cầu thì Bộ Y tế sẽ thông
    báo cho cơ sở để tiếp tục hoàn chỉnh hồ sơ")."""
    if _pattern(cues, "refusal").search(clause) or _pattern(cues, "negated").search(clause):
        return False
    supplemented = _pattern(cues, "supplemented")
    return any(supplemented.search(clause[max(0, m.start() - SHORT_WINDOW):m.start()])
               for m in _pattern(cues, "short").finditer(clause))


def repeat_round(procedure: Procedure, cues: Cues) -> Request | None:
    """The first clause of a step that sends a supplemented file that still falls short back again (no limit on the
    rounds). Not a clause about the first filing: what is short must follow a supplemented-file phrase."""
    return next((r for r in _step_clauses(procedure) if _falls_short_again(r.clause, cues)), None)


def two_rounds(procedure: Procedure, cues: Cues) -> tuple[Request, Request] | None:
    """The desk's request and the first later request in a step after it in the same flow (not the same sentence
    again for another case), unless the record limits the requests to one."""
    if _limited_once(procedure, cues):
        return None
    asked = list(requests(procedure, cues))
    for flow in _steps.flows(procedure.steps, cues):
        mine = [r for r in asked if r.position in flow]
        desk = next((r for r in mine if _pattern(cues, "desk").search(r.clause)), None)
        later = desk and next((r for r in mine if r.position > desk.position and r.clause != desk.clause
                               and _later(r.clause, cues)), None)
        if desk and later:
            return desk, later
    return None


def _later(clause: str, cues: Cues) -> bool:
    """A request on the content, in a case of its own ("Trường hợp hồ sơ cần sửa đổi, bổ sung, ...")."""
    return bool(_pattern(cues, "later").search(clause) and _pattern(cues, "condition").search(clause)
                and not _pattern(cues, "not_later").search(clause))
