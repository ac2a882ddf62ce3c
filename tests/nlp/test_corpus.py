"""The NLP layer on the real corpus in ../shared (skipped when absent)."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from itertools import islice

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def _jsonl(path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def test_real_step_texts_keep_every_character(nlp, corpus_real):
    texts = [r["trinh_tu_thuc_hien"] for r in islice(_jsonl(corpus_real / "portal-flat/records.jsonl.gz"), 250)]
    texts = [t for t in texts if t]
    assert len(texts) > 200
    for doc, text in zip(nlp.pipe(texts), texts):
        assert doc.text_with_ws == text
    labels = Counter(ent.label_ for doc in nlp.pipe(texts[:50]) for ent in doc.ents)
    assert {"DURATION", "AGENCY", "LEGAL_REF", "DOCUMENT"} <= set(labels)


def test_curated_ids_cover_real_document_names(canonicalizer, corpus_real):
    names = [
        row.get("Tên giấy tờ") or ""
        for record in _jsonl(corpus_real / "portal-docx/records.jsonl.gz")
        for case in record.get("thanh_phan_ho_so") or []
        for row in case.get("giay_to") or []
    ]
    matches = canonicalizer.transform([n for n in names if n.strip()])
    ids = Counter(m.id for m in matches if m.id)
    share = sum(ids.values()) / len(matches)
    # measured 15.4% (most portal "names" are paragraphs or procedure-specific papers)
    assert share > 0.12
    for common in ("don_de_nghi", "giay_chung_nhan_dang_ky_doanh_nghiep", "can_cuoc", "anh_the", "giay_uy_quyen"):
        assert ids[common] >= 20, common
