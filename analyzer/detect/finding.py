"""What a detector reports: a finding with its evidence, legal ground and suggested cut.

A finding carries data, not prose: its message template id and parameters; ``message`` renders them
(analyzer.detect.messages) when the finding is shown or written.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping

from pydantic import Field, computed_field, model_validator

from analyzer.detect.messages import VERBATIM, render
from analyzer.model import _Model
from analyzer.resources import LegalGround

FindingKind = Literal["redundant_step", "repeated_paperwork", "long_processing_time"]
Severity = Literal["high", "medium", "low"]
KIND_LABELS: dict[str, str] = {
    "redundant_step": "Bước thừa",
    "repeated_paperwork": "Giấy tờ yêu cầu lặp lại",
    # not "dài": most of these findings are about equal online and in-person times or times not stated
    "long_processing_time": "Thời hạn, hình thức giải quyết",
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


class Suggestion(_Model):
    action: str  # remove_step, merge_steps, remove_document, accept_plain_copy, reuse_state_data, shorten_time, ...
    params: dict[str, Any] = Field(default_factory=dict)


class Finding(_Model):
    procedure: str
    version: str | None = None  # the procedure version (Procedure.version_key) it was found in
    kind: FindingKind
    rule: str
    severity: Severity
    template: str  # message template id (a rule id of rules.yaml)
    message_params: dict[str, Any] = Field(default_factory=dict)  # the template's fields
    evidence: list[Evidence]
    legal_ground: list[LegalGround] = Field(default_factory=list)
    suggestion: Suggestion
    confidence: float = Field(ge=0.0, le=1.0)
    # impact (analyzer.detect.impact), set after detection: working days saved per case, VND saved per year,
    # who can act (province | central) and, in Vietnamese, who does what to which legal text
    days_saved: float | None = None
    vnd_saved: float | None = None
    actionable_by: Literal["province", "central"] | None = None
    actionable_text: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _text_only(cls, data: Any) -> Any:
        """A finding written before templates were stored keeps its text as it was."""
        if isinstance(data, Mapping) and "template" not in data and "message" in data:
            return {**data, "template": VERBATIM, "message_params": {"text": data["message"]}}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message(self) -> str:
        """Vietnamese, one or two sentences a reviewer can paste into a report."""
        return render(self.template, self.message_params)

    def to_dict(self) -> dict[str, Any]:
        """The plain form, the rendered message in its place after ``severity``."""
        data = super().to_dict()
        message = data.pop("message")
        ordered: dict[str, Any] = {}
        for name, value in data.items():
            ordered[name] = value
            if name == "severity":
                ordered["message"] = message
        return ordered

    @property
    def key(self) -> str:
        """Stable identity inside one procedure (rule + evidence positions): what reviewers' decisions attach to.

        Channels are named by field alone: a rule reports one finding per procedure with every channel
        concerned (issue 12 §4), so which rows it lists is no part of its identity, and a decision survives a
        republished record whose channel rows moved or changed. A finding on channels is that one finding: the
        steps it cites as support (the step stating the time it cuts, untimed stages) are no part of its identity
        either, so citing one more step never detaches a reviewer's decision."""
        if any(e.field == "channels" for e in self.evidence):
            return f"{self.rule}|channels::"
        places = ",".join(dict.fromkeys(
            "channels::" if e.field == "channels" else
            f"{e.field}:{'' if e.case is None else e.case}:{'' if e.index is None else e.index}" for e in self.evidence
        ))
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


FINDING_COLUMNS = ["procedure", "kind", "rule", "severity", "confidence", "message", "suggestion", "evidence_field",
                   "evidence_case", "evidence_index", "evidence_text", "legal_ground", "days_saved", "vnd_saved",
                   "actionable_by", "actionable_text"]


def finding_row(finding: Finding | Mapping[str, Any]) -> dict[str, Any]:
    """The one flat row of a finding (a Finding or its plain dict): evidence and legal ground as readable
    text. It serves the DataFrame, CSV, parquet and the app."""
    data = finding.to_dict() if isinstance(finding, Finding) else finding
    evidence = data.get("evidence") or []
    first = evidence[0] if evidence else {}
    return {
        "procedure": data["procedure"],
        "kind": data["kind"],
        "rule": data["rule"],
        "severity": data["severity"],
        "confidence": data["confidence"],
        "message": data["message"],
        "suggestion": data["suggestion"]["action"],
        "evidence_field": first.get("field"),
        "evidence_case": first.get("case"),
        "evidence_index": first.get("index"),
        "evidence_text": " | ".join(e["text"] for e in evidence),
        "legal_ground": "; ".join(" ".join(filter(None, [g.get("article"), g.get("document")]))
                                  for g in data.get("legal_ground") or []),
        "days_saved": data.get("days_saved"),
        "vnd_saved": data.get("vnd_saved"),
        "actionable_by": data.get("actionable_by"),
        "actionable_text": data.get("actionable_text"),
    }
