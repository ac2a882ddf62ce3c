"""papers_again_at_collection: the dossier's papers handed in once more when the result is collected.

Civil-status records filed online say "Khi đến cơ quan đăng ký hộ tịch nhận kết quả …, người yêu cầu … xuất trình giấy
tờ tuỳ thân, nộp các giấy tờ là thành phần hồ sơ …": the papers were uploaded and checked before the decision, so
filing them again at the counter is a step that adds nothing but a trip (round-4 blind gold, 2.000513).
"""

from __future__ import annotations

from typing import Iterator

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses, key
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Finding
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence
from analyzer.model import Procedure

COLLECTION_WINDOW = 200  # characters between collecting the result and the papers handed in again, in one clause


class PapersAgainParams(RuleParams):
    confidence: Confidence


@register("papers_again_at_collection", params=PapersAgainParams)
def papers_again_at_collection(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure, citing the first clause that makes the applicant hand in the dossier's papers when
    collecting the result."""
    cues = context.resources.cues
    collection, again = cues.pattern("in_step", "collection"), cues.pattern("in_step", "papers_again")
    for position, step in enumerate(procedure.steps):
        text = _steps.text(step)
        for start, end in clauses(text):
            clause = key(text[start:end])
            papers = again.search(clause)
            if papers is None or not any(0 <= papers.start() - m.end() <= COLLECTION_WINDOW
                                         for m in collection.finditer(clause)):
                continue
            yield rule.finding(
                procedure.code,
                evidence=[_steps.evidence(step, position, (start, end))],
                confidence=rule.params["confidence"],
                suggestion_params={"remove_from_step": _steps.number(step, position)},
                where=f"Bước {_steps.number(step, position)}",
            )
            return
