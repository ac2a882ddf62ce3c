"""Draw the blind gold set's procedures: random with a fixed seed, stratified by source and level.

Run from the repository root: ``python corpus/gold/blind/select.py`` (needs ../shared). Prints one line per
procedure: half, source, line number in the source file, code, level. Codes already in another gold set are
never drawn. The half (dev / test) is assigned by the same seeded generator, alternating inside each stratum.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

SEED = 2027
PER_STRATUM = 8
SOURCES = {"portal_flat": "portal-flat/records.jsonl.gz", "portal_docx": "portal-docx/records.jsonl.gz"}
STRATA = ("bo", "tinh", "xa", "mixed")
ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "corpus-real"


def level_stratum(level: str) -> str:
    levels = {m.lower() for m in re.findall(r"Cấp (Bộ|Tỉnh|Xã|Huyện)", level, flags=re.IGNORECASE)}
    if levels == {"bộ"}:
        return "bo"
    if levels == {"tỉnh"}:
        return "tinh"
    if levels == {"xã"}:
        return "xa"
    return "mixed"


def used_codes() -> set[str]:
    codes: set[str] = set()
    for name in ("real.yaml", "real_heldout.yaml"):
        text = (ROOT / "corpus" / "gold" / name).read_text(encoding="utf-8")
        codes.update(re.findall(r"^- code: '?([^'\n]+)'?", text, flags=re.MULTILINE))
    return codes


def candidates(source: str) -> dict[str, list[tuple[int, str, str]]]:
    by_stratum: dict[str, list[tuple[int, str, str]]] = {s: [] for s in STRATA}
    seen: set[str] = set()
    with gzip.open(SHARED / SOURCES[source], "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            record = json.loads(line)
            fields = record.get("fields") or {}
            code = record.get("ma_thu_tuc") or fields.get("Mã thủ tục") or ""
            level = record.get("cap_thuc_hien") or fields.get("Cấp thực hiện") or ""
            if code and code not in seen:
                seen.add(code)
                by_stratum[level_stratum(level)].append((number, code, level))
    return by_stratum


def main() -> None:
    rng = random.Random(SEED)
    excluded = used_codes()
    drawn: set[str] = set()
    for source in SOURCES:
        for stratum, items in candidates(source).items():
            pool = [item for item in items if item[1] not in excluded and item[1] not in drawn]
            picked = rng.sample(pool, PER_STRATUM)
            halves = ["dev", "test"] * (PER_STRATUM // 2)
            rng.shuffle(halves)
            for half, (number, code, level) in zip(halves, picked):
                drawn.add(code)
                print(f"{half}\t{source}\t{number}\t{code}\t{stratum}\t{level}")


if __name__ == "__main__":
    main()
