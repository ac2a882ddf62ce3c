"""Larger corpora for scaling runs: the real records replicated with perturbed codes and wording.

Copy 0 is the corpus itself; copy k gets codes suffixed "-Rk" and, in the name, the steps, the dossier
and the conditions, common words swapped for synonyms at random (seeded by code and copy), so texts
differ as republished procedures do and caches of identical texts do not make the copies free (short
texts without any of the words stay the same, as they do between real republished procedures).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path
from typing import Any, Iterator

# lower-case phrases only: headings ("Bước 1", "Trường hợp"), the page's labels and counts ("1 bản chính")
# stay intact
SYNONYMS = {
    "tiếp nhận": "nhận",
    "kiểm tra": "xem xét",
    "thực hiện": "tiến hành",
    "giải quyết": "xử lý",
    "hướng dẫn": "chỉ dẫn",
    "đầy đủ": "đủ",
    "văn bản": "công văn",
    "thông báo": "báo tin",
    "gửi": "chuyển",
    "quy định": "qui định",
    "cá nhân": "người dân",
    "cơ quan": "cơ quan nhà nước",
    "đề nghị": "yêu cầu",
    "trường hợp": "khi",
    "theo mẫu": "theo biểu mẫu",
    "của": "thuộc",
    "và": "cùng",
}
PERTURBED_FIELDS = ("ten_thu_tuc", "trinh_tu_thuc_hien", "thanh_phan_ho_so", "yeu_cau_dieu_kien")
_PATTERN = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")(?!\w)")


def perturb_text(text: str, rng: random.Random, rate: float = 0.5) -> str:
    return _PATTERN.sub(lambda m: SYNONYMS[m.group(0)] if rng.random() < rate else m.group(0), text)


def perturb(record: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy ``copy`` of a portal-flat record. The reader prefers the page text (raw_text) where a field
    differs from it, so each field's new wording replaces the old one inside raw_text too."""
    if copy == 0:
        return record
    code = str(record.get("ma_thu_tuc", ""))
    rng = random.Random(f"{code}/{copy}")
    out = dict(record)
    out["ma_thu_tuc"] = f"{code}-R{copy}"
    raw = out.get("raw_text") if isinstance(out.get("raw_text"), str) else None
    for name in PERTURBED_FIELDS:
        old = out.get(name)
        if isinstance(old, str) and old.strip():
            out[name] = perturb_text(old, rng)
            if raw is not None:
                raw = raw.replace(old, out[name])
    if raw is not None:
        out["raw_text"] = raw
    return out


def _lines(source: Path) -> Iterator[str]:
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as handle:
        yield from (line for line in handle if line.strip())


def replicate(source: Path, dest: Path, factor: int, compress: bool = True) -> Path:
    """Write ``factor`` copies of ``source`` (JSONL, gzip or not) to ``dest``, streaming."""
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    opener = (lambda p: gzip.open(p, "wt", encoding="utf-8", compresslevel=1)) if compress else \
        (lambda p: open(p, "w", encoding="utf-8"))
    with opener(tmp) as out:
        for copy in range(factor):
            for line in _lines(source):
                out.write(json.dumps(perturb(json.loads(line), copy), ensure_ascii=False) + "\n")
    tmp.replace(dest)
    return dest
