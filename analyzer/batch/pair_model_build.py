"""Rebuild the pair models from the real corpus: ``python -m analyzer.batch.pair_model_build [--shared DIR]``.

Training pairs, all from real records (read in place from ../shared):
* positives: a real paper name (or step) and a paraphrase of it made by this module's operators (copy count,
  copy-kind note, form reference, a remark in parentheses, abbreviation, truncation to its head, word order,
  case, missing diacritics; for steps connective openers and near-synonym verbs);
* negatives: other papers of the same case that look alike (mined: the most similar distinct pairs of each real
  case, which real records almost never repeat), look-alikes made on purpose (instalments "lần 1" / "lần 2", two
  parties, two form numbers), and random papers of other procedures.
Records are split by a stable hash of their code: 70% train, 30% held out. The threshold is the one with the
best F1 on the held-out split among those whose precision is at least ``MIN_PRECISION``; the artefact records
it with the held-out precision, recall and the size of each split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_curve

from analyzer.detect.pair_model import ARTEFACT, FEATURES, PairFeatures, PairKind, PairModel, canonical
from analyzer.text.keys import fold

SEED = 2026
MIN_PRECISION = 0.97
SOURCES = ("portal-flat/records.jsonl.gz", "portal-docx/records.jsonl.gz", "bqp-structured")
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def _held_out(code: str) -> bool:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) % 10 >= 7


# ------------------------------------------------------------------ paraphrase operators (training only)

def _words(text: str) -> list[str]:
    return text.split()


def add_count(text: str, rng: random.Random) -> str:
    return f"{rng.choice(['01 bản', '02 bản', '01 bản chính', 'Một bản', '03 bộ'])} {text[:1].lower()}{text[1:]}"


def add_copy_note(text: str, rng: random.Random) -> str:
    return text.rstrip(" .;") + rng.choice([" - Bản gốc", " (bản sao)", " bản sao có chứng thực", " (bản chính)",
                                             " - bản sao y bản chính", ", bản chụp"])


def add_form(text: str, rng: random.Random) -> str:
    return text.rstrip(" .;") + rng.choice([" theo Mẫu số 02", " (Mẫu số 01/TT)", " theo mẫu quy định tại Phụ lục I",
                                             " theo Mẫu số 03 ban hành kèm theo Thông tư này"])


def add_remark(text: str, rng: random.Random) -> str:
    return text.rstrip(" .;") + rng.choice([" (nếu có)", " (đối với tổ chức)", " (kèm bản dịch)", " (đã ký)"])


def truncate(text: str, rng: random.Random) -> str:
    words = _words(text)
    if len(words) < 5:
        return text
    return " ".join(words[: rng.randint(max(3, len(words) // 2), len(words) - 1)])


def swap_coordination(text: str, rng: random.Random) -> str:
    parts = re.split(r"\s+và\s+", text, maxsplit=1)
    return f"{parts[1]} và {parts[0]}" if len(parts) == 2 else text


def recase(text: str, rng: random.Random) -> str:
    return rng.choice([text.upper(), text.lower(), text[:1].upper() + text[1:].lower()])


def strip_marks(text: str, rng: random.Random) -> str:
    return fold(text) if rng.random() < 0.5 else text


def punctuate(text: str, rng: random.Random) -> str:
    return rng.choice(["- ", "+ ", "a) ", "2. ", ""]) + text.rstrip(" .;") + rng.choice([".", ";", ""])


def abbreviate(abbreviations: Mapping[str, str]):
    def operator(text: str, rng: random.Random) -> str:
        found = [(short, full) for short, full in abbreviations.items() if re.search(re.escape(full), text, re.I)]
        if found:
            short, full = rng.choice(found)
            return re.sub(re.escape(full), short, text, count=1, flags=re.I)
        return text
    return operator


def opener(text: str, rng: random.Random) -> str:
    return rng.choice(["Sau đó, ", "Tiếp theo, ", "Tiếp đó, "]) + text[:1].lower() + text[1:]


def synonym_verbs(text: str, rng: random.Random) -> str:
    swaps = [("tiếp nhận", "nhận"), ("nhận", "tiếp nhận"), ("kiểm tra", "kiểm tra lại"),
             ("thẩm định", "xem xét, thẩm định")]
    rng.shuffle(swaps)
    for old, new in swaps:
        if re.search(rf"(?<!\w){old}(?!\w)", text, re.I):
            return re.sub(rf"(?<!\w){old}(?!\w)", new, text, count=1, flags=re.I)
    return text


def paper_operators(abbreviations: Mapping[str, str]) -> list:
    return [add_count, add_copy_note, add_form, add_remark, truncate, swap_coordination, recase, strip_marks,
            punctuate, abbreviate(abbreviations)]


STEP_OPERATORS = [opener, synonym_verbs, recase, strip_marks, punctuate, add_remark]


def paraphrase(text: str, operators: Sequence, rng: random.Random) -> str:
    out = text
    for operator in rng.sample(list(operators), rng.randint(1, 3)):
        out = operator(out, rng)
    return out


# ------------------------------------------------------------------ look-alikes made on purpose (negatives)

def lookalike(text: str, rng: random.Random) -> str | None:
    base = text.rstrip(" .;")
    choice = rng.randrange(3)
    if choice == 0:
        return None if re.search(r"lần|đợt", base) else (f"{base} lần 1", f"{base} lần 2")[rng.randrange(2)]
    if choice == 1:
        a, b = rng.sample(["của bên bán", "của bên mua", "của vợ", "của chồng", "của cha", "của mẹ"], 2)
        return f"{base} {a}|{base} {b}"
    a, b = rng.sample(["Mẫu số 01", "Mẫu số 02", "Mẫu số 03", "Mẫu số 04"], 2)
    return f"{base} ({a})|{base} ({b})"


# ------------------------------------------------------------------ corpus

def groups_from_corpus(shared: Path, kind: PairKind) -> list[tuple[str, list[str]]]:
    """(procedure code, texts of one case / the steps of one procedure), for every real record."""
    from analyzer.ingest import load_procedures

    paths = [str(shared / "corpus-real" / s) for s in SOURCES]
    groups = []
    for procedure in load_procedures(paths):
        if kind == "papers":
            groups += [(procedure.code, [d.name for d in case.documents if d.name.strip()]) for case in procedure.cases]
        else:
            groups.append((procedure.code, [s.text for s in procedure.steps if 3 <= len(s.text.split()) <= 60]))
    return [(code, texts) for code, texts in groups if texts]


def training_pairs(groups: list[tuple[str, list[str]]], kind: PairKind, abbreviations: Mapping[str, str],
                   rng: random.Random, mined: PairFeatures) -> tuple[list[tuple[str, str]], list[int], list[bool]]:
    operators = paper_operators(abbreviations) if kind == "papers" else STEP_OPERATORS
    pairs, labels, held = [], [], []

    def add(a: str, b: str, label: int, code: str) -> None:
        if canonical(a, kind, abbreviations) and canonical(b, kind, abbreviations):
            pairs.append((a, b))
            labels.append(label)
            held.append(_held_out(code))

    everything = [(code, t) for code, texts in groups for t in texts]
    mining: list[tuple[str, list[tuple[str, str, str, str]]]] = []
    for code, texts in groups:
        for text in texts:
            if rng.random() < 0.35:
                add(text, paraphrase(text, operators, rng), 1, code)
            if kind == "papers" and rng.random() < 0.08:
                made = lookalike(text, rng)
                if made and "|" in made:
                    left, right = made.split("|")
                    add(left, right, 0, code)
                elif made:
                    add(text, made, 0, code)
            if rng.random() < 0.1:
                other_code, other = everything[rng.randrange(len(everything))]
                if other_code != code and canonical(other, kind, abbreviations) != canonical(text, kind, abbreviations):
                    add(text, other, 0, code)
        distinct = list(dict.fromkeys(t for t in texts))
        if 2 <= len(distinct) <= 40:
            keyed = [canonical(t, kind, abbreviations) for t in distinct]
            candidates = [(i, j) for i in range(len(distinct)) for j in range(i + 1, len(distinct))
                          if keyed[i] and keyed[j] and keyed[i] != keyed[j]]
            mining.append((code, [(distinct[i], distinct[j], keyed[i], keyed[j]) for i, j in candidates]))
    # Hard negatives: the two most alike distinct pairs of each real group (one vectorised pass over all).
    flat = [pair for _, candidates in mining for pair in candidates]
    cosine = mined.cosine([p[2] for p in flat], [p[3] for p in flat]) if flat else np.zeros(0)
    at = 0
    for code, candidates in mining:
        scores = cosine[at:at + len(candidates)]
        at += len(candidates)
        for index in np.argsort(-scores)[:2]:
            if scores[index] >= 0.35:
                add(candidates[index][0], candidates[index][1], 0, code)
    return pairs, labels, held


def choose_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float, float]:
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    best = (0.5, 0.0, 0.0, -1.0)
    for p, r, t in zip(precision[:-1], recall[:-1], thresholds):
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if p >= MIN_PRECISION and f1 > best[3]:
            best = (float(t), float(p), float(r), f1)
    return best[0], best[1], best[2]


def build(shared: Path, kind: PairKind, abbreviations: Mapping[str, str]) -> PairModel:
    rng = random.Random(SEED)
    groups = groups_from_corpus(shared, kind)
    features = PairFeatures(kind=kind, abbreviations=abbreviations)
    features.fit([(t, t) for _, texts in groups for t in texts])
    pairs, labels, held = training_pairs(groups, kind, abbreviations, rng, features)
    x, y, held_out = features.transform(pairs), np.asarray(labels), np.asarray(held)
    classifier = LogisticRegression(C=1.0, max_iter=1000).fit(x[~held_out], y[~held_out])
    scores = classifier.predict_proba(x[held_out])[:, 1]
    threshold, precision, recall = choose_threshold(y[held_out], scores)
    vectorizer = features.vectorizer_
    return PairModel(
        kind=kind, features=FEATURES, coefficients=tuple(round(float(c), 6) for c in classifier.coef_[0]),
        intercept=round(float(classifier.intercept_[0]), 6), threshold=round(threshold, 4),
        vocabulary={k: int(v) for k, v in vectorizer.vocabulary_.items()},
        idf=tuple(round(float(v), 5) for v in vectorizer.idf_), abbreviations=dict(abbreviations),
        metrics={"held_out_precision": round(precision, 4), "held_out_recall": round(recall, 4),
                 "train_pairs": int((~held_out).sum()), "held_out_pairs": int(held_out.sum()),
                 "held_out_positives": int(y[held_out].sum()), "seed": SEED, "min_precision": MIN_PRECISION},
    )


def main(argv: Iterable[str] | None = None) -> int:
    from analyzer.resources.vocabulary import default_vocabulary

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--kind", choices=["papers", "steps"], action="append")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.shared / "corpus-real").is_dir():
        print(f"error: {args.shared}/corpus-real not found (the real corpus is needed to build the models)", file=sys.stderr)
        return 1
    abbreviations = dict(default_vocabulary().abbreviations)
    for kind in args.kind or ["papers", "steps"]:
        model = build(args.shared, kind, abbreviations)
        path = args.out / ARTEFACT.format(kind=kind)
        path.write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{path}: threshold {model.threshold}, held-out {model.metrics}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
