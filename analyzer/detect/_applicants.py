"""Who applies: a procedure whose applicant is itself a public body (round-6 blind audit `public_body_applicant`)."""

from __future__ import annotations

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses
from analyzer.model import Procedure
from analyzer.resources.cues import Cues
from analyzer.resources.patterns import phrase_key

OPENING_CHARS = 200  # a leading condition ("Đối với dự án thuộc thẩm quyền của ... thì") before the subject
SUBJECT_TO_VERB_CHARS = 260  # a subject qualified at length ("Ủy ban nhân dân cấp xã thuộc trường hợp …", 6.006574)


def public_body_applicant(procedure: Procedure, cues: Cues) -> bool:
    """The first clause of the first step (a parenthetical note skipped) has a public body file the dossier
    ("Ủy ban nhân dân cấp xã lập hồ sơ đề nghị công nhận làng nghề", "Sở Xây dựng lập tờ trình", "Trường trung học
    gửi hồ sơ"), and names no private applicant."""
    steps = [s for s in procedure.steps if not _steps.body(s).startswith("(")]
    if not steps:
        return False
    text = _steps.body(steps[0])
    spans = list(clauses(text))
    clause = phrase_key(text[spans[0][0]:spans[0][1]] if spans else text)
    if cues.pattern("public_applicant", "private").search(clause):
        return False
    if _project_owner_files(procedure, phrase_key(text), cues):
        return True
    body = cues.pattern("public_applicant", "bodies").search(clause[: OPENING_CHARS + 40])
    if body is None or not _opens_with(clause, body.start()):
        return False
    return cues.pattern("public_applicant", "filing").search(clause, body.end(), body.end() + SUBJECT_TO_VERB_CHARS) is not None


def _opens_with(clause: str, start: int) -> bool:
    """The body is the clause's subject: at its start, or right after a leading condition ending in "thì"/",",
    and not inside a parenthesis (a list of the receiving bodies, "(Khu Quản lý đường bộ, Sở Xây dựng, …)")."""
    before = clause[:start].rstrip()
    if before.count("(") > before.count(")"):
        return False
    return not before or before.endswith((" thì", ",")) and start <= OPENING_CHARS


def _project_owner_files(procedure: Procedure, step: str, cues: Cues) -> bool:
    """The procedure concerns a project or asset the State invests in (its name), and the first step has the project's
    owner or the unit managing the asset open the filing ("Chủ đầu tư nộp 01 bộ hồ sơ …")."""
    if not cues.pattern("public_applicant", "public_projects").search(phrase_key(procedure.name)):
        return False
    owner = cues.pattern("public_applicant", "project_owners").search(step[:OPENING_CHARS])
    return owner is not None and cues.pattern("public_applicant", "filing").search(
        step, owner.end(), owner.end() + SUBJECT_TO_VERB_CHARS * 2) is not None
