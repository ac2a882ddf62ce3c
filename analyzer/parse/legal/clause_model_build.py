"""Train the clause-function model on corpus/gold/legal/clauses.yaml and write analyzer/data/clause_model.json.

``python -m analyzer.parse.legal.clause_model_build [GOLD] [OUT]``: fits on the "train" rows, measures on
the fixed "test" rows (never trained on), and stores the held-out accuracy in the artefact.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from analyzer.parse.legal.clause_function import ClauseModel, accuracy, features

DEFAULT_GOLD = Path("corpus/gold/legal/clauses.yaml")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "clause_model.json"


def build(gold: Path = DEFAULT_GOLD) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = yaml.safe_load(gold.read_text(encoding="utf-8"))["clauses"]
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    vectorizer = TfidfVectorizer(analyzer=lambda row: features(row["heading"], row["text"]), sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(train)
    classifier = LogisticRegression(C=10.0, max_iter=2000)
    classifier.fit(matrix, [r["label"] for r in train])
    data = {
        "labels": list(classifier.classes_),
        "vocabulary": {gram: int(column) for gram, column in sorted(vectorizer.vocabulary_.items())},
        "idf": [round(float(v), 6) for v in vectorizer.idf_],
        "coefficients": [[round(float(v), 6) for v in row] for row in classifier.coef_],
        "intercepts": [round(float(v), 6) for v in classifier.intercept_],
    }
    model = ClauseModel.from_dict(data)
    held_out = [(r["heading"], r["text"], r["label"]) for r in test]
    model_only = sum(model.predict(h, t) == label for h, t, label in held_out) / len(held_out)
    majority = max(set(r["label"] for r in train), key=[r["label"] for r in train].count)
    data["held_out"] = {
        "rows": len(test), "train_rows": len(train), "accuracy": round(accuracy(model, held_out), 4),
        "model_only_accuracy": round(model_only, 4),
        "majority_baseline": round(sum(label == majority for _, _, label in held_out) / len(held_out), 4),
        "gold": str(gold),
    }
    return data


def main(argv: list[str]) -> None:
    gold = Path(argv[0]) if argv else DEFAULT_GOLD
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    data = build(gold)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(json.dumps(data["held_out"], ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
