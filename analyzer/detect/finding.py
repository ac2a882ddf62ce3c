"""What a detector reports: a finding with its evidence, legal ground and suggested cut."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from analyzer.model import _Model

FindingKind = Literal["redundant_step", "repeated_paperwork", "long_processing_time"]
Severity = Literal["high", "medium", "low"]
KIND_LABELS: dict[str, str] = {
    "redundant_step": "Bước thừa",
    "repeated_paperwork": "Giấy tờ yêu cầu lặp lại",
    "long_processing_time": "Thời hạn giải quyết dài",
}
SEVERITY_LABELS: dict[str, str] = {"high": "Cao", "medium": "Trung bình", "low": "Thấp"}
EvidenceField = Literal["steps", "documents", "channels", "conditions", "legal_basis", "results", "name"]


class Evidence(_Model):
    """Where in the canonical record the finding is: field, position and the quoted source text."""

    field: EvidenceField
    index: int | None = None
    case: int | None = None  # for documents: the case index inside Procedure.cases
    text: str = ""
    start: int | None = None  # character span inside `text`'s source field, when narrower than the item
    end: int | None = None


class LegalGround(_Model):
    document: str  # "Nghị định 63/2010/NĐ-CP"
    article: str | None = None  # "Điều 18 khoản 6"
    summary: str | None = None


class Suggestion(_Model):
    action: str  # remove_step, merge_steps, remove_document, accept_plain_copy, reuse_state_data, shorten_time, ...
    params: dict[str, Any] = Field(default_factory=dict)


class Finding(_Model):
    procedure: str
    version: str | None = None  # the procedure version (Procedure.version_key) it was found in
    kind: FindingKind
    rule: str
    severity: Severity
    message: str  # Vietnamese, one or two sentences a reviewer can paste into a report
    evidence: list[Evidence]
    legal_ground: list[LegalGround] = Field(default_factory=list)
    suggestion: Suggestion
    confidence: float = Field(ge=0.0, le=1.0)

    @property
    def key(self) -> str:
        """Stable identity inside one procedure (rule + evidence positions): what reviewers' decisions attach to."""
        places = ",".join(
            f"{e.field}:{'' if e.case is None else e.case}:{'' if e.index is None else e.index}" for e in self.evidence
        )
        return f"{self.rule}|{places}"

    def sort_key(self) -> tuple:
        first = self.evidence[0] if self.evidence else None
        return (
            self.procedure,
            self.kind,
            self.rule,
            first.field if first else "",
            first.case if first and first.case is not None else -1,
            first.index if first and first.index is not None else -1,
            self.message,
        )
