"""The clause-function classifier: a reviewable JSON model trained on hand-labelled clauses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from analyzer.parse.legal.clause_function import FUNCTIONS, accuracy, clause_function, packaged_model

GOLD = Path(__file__).resolve().parents[3] / "corpus" / "gold" / "legal" / "clauses.yaml"
ARTEFACT = Path(__file__).resolve().parents[3] / "analyzer" / "data" / "clause_model.json"


def test_gold_has_200_labelled_clauses_with_a_fixed_held_out_split() -> None:
    rows = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["clauses"]
    assert len(rows) >= 200
    assert {row["label"] for row in rows} <= set(FUNCTIONS)
    assert {row["split"] for row in rows} == {"train", "test"}
    assert sum(row["split"] == "test" for row in rows) >= 50


def test_artefact_is_json_with_its_held_out_accuracy() -> None:
    data = json.loads(ARTEFACT.read_text(encoding="utf-8"))
    assert set(data) >= {"labels", "vocabulary", "idf", "coefficients", "intercepts", "held_out"}
    assert data["held_out"]["accuracy"] > data["held_out"]["majority_baseline"]


def test_held_out_accuracy_matches_the_artefact() -> None:
    rows = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["clauses"]
    held_out = [(r["heading"], r["text"], r["label"]) for r in rows if r["split"] == "test"]
    model = packaged_model()
    assert accuracy(model, held_out) == pytest.approx(model.accuracy, abs=1e-3)


@pytest.mark.parametrize("heading, text", [
    ("Hiệu lực thi hành", "1. Nghị định này có hiệu lực thi hành từ ngày 15 tháng 4 năm 2018."),
    ("Trách nhiệm thi hành", "Các Bộ trưởng, Chủ tịch Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Nghị định này."),
    ("Dịch vụ tin cậy", "4. Chính phủ quy định chi tiết hoạt động của tổ chức cung cấp dịch vụ tin cậy."),
])
def test_enactment_and_implementation_boilerplate(heading: str, text: str) -> None:
    assert clause_function(heading, text) == "boilerplate"


def test_a_procedure_time_limit_is_not_boilerplate() -> None:
    text = "2. Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ, Ban quản lý cấp giấy chứng nhận."
    assert clause_function("Trình tự, thủ tục đăng ký chứng nhận khu công nghiệp sinh thái", text) != "boilerplate"
