"""One record per procedure version: the version key, and merging the records of a corpus read in memory."""

from __future__ import annotations

import pytest

from analyzer.model import Procedure, SourceRef, version_key
from analyzer.versions import DIFFERS, IDENTICAL, VERSION, VersionPlan, merge_versions


def record(code: str, decision: str | None, name: str = "Cấp phép", path: str = "a.jsonl", line: int = 1) -> Procedure:
    return Procedure(code=code, name=name, decision=decision,
                     source=SourceRef(format="canonical", path=path, record=f"line {line}"))


@pytest.mark.parametrize(("code", "decision", "key"), [
    ("1.001234", "123/QĐ-BCA", "1.001234@123/QĐ-BCA"),
    ("1.001234", None, "1.001234"),
    ("1.001234", "  ", "1.001234"),
    ("1.001234", "123/QĐ-BCA\n ngày 1/2/2024", "1.001234@123/QĐ-BCA ngày 1/2/2024"),
])
def test_version_key(code: str, decision: str | None, key: str) -> None:
    assert version_key(code, decision) == key == record(code, decision).version_key


def test_a_record_read_once_keeps_its_canonical_form() -> None:
    assert "sources" not in record("P.1", "QĐ 1").to_dict()
    merged = record("P.1", "QĐ 1").model_copy(update={"sources": [SourceRef(format="canonical", path="a")]})
    assert Procedure.from_dict(merged.to_dict()).sources == merged.sources


@pytest.mark.parametrize(("second", "outcome", "kept"), [
    (record("P.1", "QĐ 1", path="b.jsonl"), IDENTICAL, 1),
    (record("P.1", "QĐ 1", name="Cấp phép (bản khác)", path="b.jsonl"), DIFFERS, 1),
    (record("P.1", "QĐ 2", path="b.jsonl"), VERSION, 2),
])
def test_merge_versions(second: Procedure, outcome: str, kept: int) -> None:
    first = record("P.1", "QĐ 1")
    merged = merge_versions([first, second, record("P.2", None)])
    assert [p.version_key for p in merged.procedures][:kept] == ["P.1@QĐ 1", "P.1@QĐ 2"][:kept]
    assert len(merged.procedures) == kept + 1
    [duplicate] = merged.plan.duplicates
    assert duplicate.outcome == outcome and duplicate.to_dict()["source"] == "b.jsonl#line 1"
    head = merged.procedures[0]
    assert head.name == "Cấp phép"  # the first record read wins
    assert [s.path for s in head.sources] == (["a.jsonl", "b.jsonl"] if outcome != VERSION else [])
    assert merged.plan.counts()["codes_repeated"] == 1


def test_the_plan_keeps_no_record() -> None:
    plan = VersionPlan()
    assert plan.add("P.1", "QĐ 1", "d1", None) and not plan.add("P.1", "QĐ 1", "d1", None)
    assert plan.add("P.1", "QĐ 2", "d2", None)
    assert plan.dropped == {1} and plan.kept(0) and not plan.kept(1) and plan.kept(2)
    assert plan.counts() == {"codes_repeated": 1, "records": 3, "versions": 2, IDENTICAL: 1, DIFFERS: 0, VERSION: 1}
