"""Draw record defects to read by hand (issue 13, round 5) and locate each one's raw source record.

Run from the repository root: ``python corpus/gold/rules/draw_defects.py --run /work/runs/r7 --code CODE [--seed
2031] [--size 10] [--dump DIR]``. The draw is ``random.Random(SEED).sample`` over the 1-based line numbers of
``record_defects.jsonl`` that carry the code, listed in file order. A defect's ``version`` (code@decision) names its
row of ``procedures.parquet``; the row's ``source_path`` names the raw files. ``--dump DIR`` writes one text file per
defect: the defect, the parsed record and every raw record of the procedure code in those files.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

SEED = 2031
SIZE = 10
DRAW_AUDIT = Path(__file__).resolve().parents[1] / "blind" / "draw_audit.py"


def load_draw_audit() -> ModuleType:
    """corpus/gold/blind/draw_audit.py, imported by path (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("draw_audit", DRAW_AUDIT)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {DRAW_AUDIT}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_defects(run: Path) -> list[dict[str, Any]]:
    with (run / "record_defects.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def draw(defects: list[dict[str, Any]], code: str, seed: int = SEED, size: int = SIZE) -> list[int]:
    """1-based lines of ``code``'s defects: random.Random(seed).sample over them, in file order."""
    lines = [number for number, defect in enumerate(defects, start=1) if defect["code"] == code]
    return sorted(random.Random(seed).sample(lines, min(size, len(lines))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    audit = load_draw_audit()
    import pandas as pd  # after draw_audit, which keeps the script folders off the import path

    defects = read_defects(args.run)
    procedures = pd.read_parquet(args.run / "procedures.parquet")
    drawn = draw(defects, args.code, args.seed, args.size)
    rows = audit.version_rows([defects[line - 1] for line in drawn], procedures)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    for line, row in zip(drawn, rows):
        defect, record = defects[line - 1], procedures.iloc[row]
        print(f"{line}\t{defect['version']}\t{defect['code']}\t{record['source_path']}")
        if args.dump:
            raw = audit.raw_records_of(record["source_path"], record["code"], record["name"])
            parsed = {column: json.loads(record[column]) for column in audit.PARSED_COLUMNS}
            parsed.update(level=record["level"], field=record["field"], agency=record["agency"], name=record["name"])
            text = "\n\n".join(json.dumps(part, ensure_ascii=False, indent=1) for part in (defect, parsed, raw))
            (args.dump / f"{line:05d}_{defect['code']}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
