"""A finding stores its template id and parameters; its message is rendered when shown."""

from __future__ import annotations

import pytest

from analyzer.detect import Finding, analyze, findings_frame, finding_row
from analyzer.detect.rules import load_rules
from analyzer.model import Case, DocumentRequirement, Procedure


def _finding() -> Finding:
    names = ["Giấy khai sinh", "Bản sao giấy khai sinh", "Tờ khai"]
    procedure = Procedure(code="T.1", name="Thủ tục thử", cases=[Case(documents=[DocumentRequirement(name=n) for n in names])])
    return next(f for f in analyze([procedure], config={"rules": {"state_held_document": {"enabled": False}}})
                if f.rule == "duplicate_document")


def test_a_finding_carries_its_template_and_params() -> None:
    finding = _finding()
    assert finding.template == "duplicate_document"
    assert finding.message_params == {"document": "Giấy khai sinh", "count": 2, "case_label": ""}
    assert finding.message == load_rules()["duplicate_document"].message.format(**finding.message_params)


def test_the_plain_form_has_the_rendered_message_and_reads_back() -> None:
    finding = _finding()
    data = finding.to_dict()
    assert list(data)[:6] == ["procedure", "version", "kind", "rule", "severity", "message"]
    assert data["message"] == finding.message
    assert Finding.from_dict(data) == finding


def test_a_finding_written_with_its_text_only_keeps_the_text() -> None:
    data = _finding().to_dict()
    for key in ("template", "message_params"):
        del data[key]
    data["message"] = "Văn bản cũ."
    assert Finding.from_dict(data).message == "Văn bản cũ."


def test_one_flattening_for_frame_and_rows() -> None:
    finding = _finding()
    row = finding_row(finding)
    assert row == finding_row(finding.to_dict())
    assert findings_frame([finding]).iloc[0].to_dict() == row


@pytest.mark.parametrize(
    ("evidence", "key"),
    [
        ([("channels", None, 0)], "peer_outlier|channels::"),
        ([("channels", None, 0), ("channels", None, 2)], "peer_outlier|channels::"),
        # the step stating the time a rule cuts is support, not identity: a decision survives citing it
        ([("channels", None, 0), ("steps", None, 3)], "peer_outlier|channels::"),
        ([("steps", None, 1), ("steps", None, 2)], "peer_outlier|steps::1,steps::2"),
        ([("documents", 0, 4)], "peer_outlier|documents:0:4"),
    ],
)
def test_the_key_names_a_channel_finding_by_its_rule_alone(evidence, key) -> None:
    from analyzer.detect.finding import Evidence

    finding = _finding().model_copy(update={
        "rule": "peer_outlier",
        "evidence": [Evidence(field=field, case=case, index=index, text="x") for field, case, index in evidence],
    })
    assert finding.key == key
