"""A defect of a published record (issue 13 item 3): the model every check returns, and each code's label,
message and legal ground (analyzer/data/record_defects.yaml)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
import re
from typing import Any, Iterator

import yaml
from pydantic import Field

from analyzer.detect.finding import Evidence, EvidenceField
from analyzer.model import Procedure, _Model


@lru_cache(maxsize=1)
def defect_specs() -> dict[str, dict[str, Any]]:
    """Each defect code's label, message template and legal ground (analyzer/data/record_defects.yaml)."""
    data = yaml.safe_load(files("analyzer.data").joinpath("record_defects.yaml").read_text(encoding="utf-8"))
    return data["defects"]


def ground_text(ground: dict[str, Any]) -> str:
    return ", ".join(filter(None, [ground["document"], ground.get("article")]))


def label(code: str) -> str:
    """What a defect is called in lists (the app's page, exports)."""
    return defect_specs()[code]["label"]


CODES = tuple(defect_specs())
DEFECT_COLUMNS = ["procedure", "version", "code", "field", "message", "send_to", "decision", "evidence_index",
                  "evidence_text"]

class RecordDefect(_Model):
    procedure: str
    version: str
    code: str  # one of CODES
    field: EvidenceField
    evidence: list[Evidence]
    params: dict[str, Any] = Field(default_factory=dict)
    send_to: str | None = None  # the agency that published the record (the competent body, else the executing one)
    decision: str | None = None  # the decision that published it

    @property
    def message(self) -> str:
        spec = defect_specs()[self.code]
        return spec["message"].format(ground=ground_text(spec["legal_ground"][0]), **self.params)

    @property
    def legal_ground(self) -> list[dict[str, Any]]:
        return defect_specs()[self.code]["legal_ground"]

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["message"] = self.message
        data["legal_ground"] = self.legal_ground
        return data

    def row(self) -> dict[str, Any]:
        """The flat row of record_defects.csv."""
        first = self.evidence[0] if self.evidence else None
        return {"procedure": self.procedure, "version": self.version, "code": self.code, "field": self.field,
                "message": self.message, "send_to": self.send_to, "decision": self.decision,
                "evidence_index": first.index if first else None,
                "evidence_text": " | ".join(e.text for e in self.evidence)}


def make_defect(procedure: Procedure, code: str, field: EvidenceField, evidence: list[Evidence], **params: Any) -> RecordDefect:
    return RecordDefect(procedure=procedure.code, version=procedure.version_key, code=code, field=field,
                        evidence=evidence, params=params,
                        send_to=procedure.agencies.get("co_tham_quyen") or procedure.agency, decision=procedure.decision)


def body_texts(procedure: Procedure) -> Iterator[tuple[EvidenceField, int | None, int | None, str]]:
    """(field, case, index, text) of a record's body: steps, papers, conditions and results, in that order."""
    for position, step in enumerate(procedure.steps):
        yield "steps", None, position, step.text
    for case_index, doc_index, document in procedure.documents:
        yield "documents", case_index, doc_index, document.name
    if procedure.conditions:
        yield "conditions", None, None, procedure.conditions
    if procedure.results:
        yield "results", None, None, procedure.results


# "theo quy định tại khoản 1, Điều 3 …", "quy định tại điểm b khoản 4 Điều 19 …": a text that only points to a provision
PROVISION_REFERENCE = r"(?:quy định|qui định)\s+tại\s+(?:điều|khoản|điểm|phụ lục|mục|chương)\s+[\w.]+"
MAX_REFERENCE_CHARS = 300  # a longer text goes on to state something of its own
