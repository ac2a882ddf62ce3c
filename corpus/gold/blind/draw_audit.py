"""Draw the findings of the blind precision audit (issue 12) and locate each one's source record.

Run from the repository root: ``python corpus/gold/blind/draw_audit.py [--dump DIR]`` (needs ../shared and the
baseline run in /work/baseline/all, or ``--baseline DIR``). The draw is uniform over the lines of
``findings.jsonl``: ``random.Random(SEED).sample(range(1, n + 1), SIZE)``, listed in file order.

For each drawn line it prints: line, procedure code, rule, source file and the 1-based record number in that file
(the line of a .jsonl.gz, the index of a csdl-2021 list entry, or the bqp file itself). A code can be in two
crawls (portal-flat and portal-docx), so the record is the one whose parsed steps, channels and dossier contain
every evidence text of the finding; ``findings.jsonl`` follows the row order of ``procedures.parquet``, which
breaks the remaining ties. ``--dump DIR`` writes one text file per finding: the finding and the raw source
record, for reading by hand.

Runs after the procedure-version fix (issue 11: findings carry ``version``, and a row of ``procedures.parquet`` is
one version whose ``source_path`` may name both crawls, "A | B") are located by version key instead, and
``--dump`` then writes every raw record of the code in the files the row names (round 3: ``--seed 2028 --baseline
/work/runs/r3``).
"""

from __future__ import annotations

import sys
from pathlib import Path

# select.py (the gold set's procedure draw) sits next to this script and would shadow the standard library's
# `select`, which pandas needs: drop the script's folder from the import path before importing anything else
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import gzip
import json
import random
from typing import Any

import pandas as pd

SEED = 2028
SIZE = 60
ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "corpus-real"
BASELINE = Path("/work/baseline/all")
PARSED_COLUMNS = ("steps", "channels", "cases", "legal_basis")


def draw_lines(n_lines: int, seed: int = SEED, size: int = SIZE) -> list[int]:
    """1-based line numbers, uniform without replacement, in file order."""
    return sorted(random.Random(seed).sample(range(1, n_lines + 1), size))


def read_findings(baseline: Path) -> list[dict[str, Any]]:
    with (baseline / "findings.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def evidence_matches(finding: dict[str, Any], row: pd.Series) -> bool:
    parsed = "".join(str(row[column]) for column in PARSED_COLUMNS)
    # parquet stores the parsed fields as JSON text: compare with the same escaping
    return all(json.dumps(e["text"], ensure_ascii=False)[1:-1] in parsed for e in finding["evidence"] if e.get("text"))


def record_numbers(procedures: pd.DataFrame) -> list[int]:
    """1-based position of each row's record inside its source file (rows keep the file's order)."""
    seen: dict[str, int] = {}
    numbers = []
    for path in procedures["source_path"]:
        seen[path] = seen.get(path, 0) + 1
        numbers.append(seen[path])
    return numbers


def locate(findings: list[dict[str, Any]], procedures: pd.DataFrame) -> list[int]:
    """Row of procedures.parquet for every finding: same code, evidence inside, never before the previous one."""
    rows_by_code: dict[str, list[int]] = {}
    for row_index, code in enumerate(procedures["code"]):
        rows_by_code.setdefault(code, []).append(row_index)
    located, floor = [], 0
    for finding in findings:
        candidates = [r for r in rows_by_code[finding["procedure"]] if r >= floor]
        matching = [r for r in candidates if evidence_matches(finding, procedures.iloc[r])] or candidates
        floor = matching[0]
        located.append(floor)
    return located


def version_rows(findings: list[dict[str, Any]], procedures: pd.DataFrame) -> list[int]:
    """Row of procedures.parquet for every finding of a versioned run: the row of its version key."""
    keys = [
        f"{code}@{' '.join(str(decision).split())}" if decision else code
        for code, decision in zip(procedures["code"], procedures["decision"].fillna(""))
    ]
    row_of = {key: index for index, key in enumerate(keys)}
    return [row_of[finding["version"]] for finding in findings]


def raw_code(record: dict[str, Any]) -> str | None:
    """The procedure code a raw record names, in any of the four sources (csdl-2021 names none)."""
    if "ma_thu_tuc" in record:
        return record["ma_thu_tuc"]
    if "fields" in record:
        return record["fields"].get("Mã thủ tục")
    return record.get("thu_tuc_id")


def raw_records_of(source_paths: str, code: str, name: str) -> list[Any]:
    """Every raw record of ``code`` in the files a versioned row names (csdl-2021 records by their title)."""
    found = []
    for source_path in source_paths.split(" | "):
        given = Path(source_path.strip())  # runs given absolute input paths record them as given (round 6)
        path = given if given.is_absolute() else SHARED / given.relative_to("../shared/corpus-real")
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                records = [json.loads(line) for line in handle]
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = data if isinstance(data, list) else [data]
        for record in records:
            if raw_code(record) == code or (code.startswith("csdl-") and record.get("title") == name):
                found.append(record)
    return found


def raw_record(source_path: str, number: int) -> Any:
    path = SHARED / Path(source_path).relative_to("../shared/corpus-real")
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for position, line in enumerate(handle, start=1):
                if position == number:
                    return json.loads(line)
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[number - 1] if isinstance(data, list) else data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--dump", type=Path, help="write one file per drawn finding with its raw record")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--rule", help="draw only among the findings of this rule (issue 13's per-rule reading)")
    args = parser.parse_args()
    findings = read_findings(args.baseline)
    procedures = pd.read_parquet(args.baseline / "procedures.parquet")
    versioned = "version" in findings[0]
    rows = version_rows(findings, procedures) if versioned else locate(findings, procedures)
    numbers = record_numbers(procedures)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    # with --rule, the draw is over that rule's findings in file order; the printed line is still the file's line
    lines = [i for i, f in enumerate(findings, start=1) if not args.rule or f["rule"] == args.rule]
    drawn = [lines[i - 1] for i in draw_lines(len(lines), args.seed, min(args.size, len(lines)))]
    for line in drawn:
        finding, row = findings[line - 1], rows[line - 1]
        record = procedures.iloc[row]
        source = record["source_path"]
        print(f"{line}\t{finding['procedure']}\t{finding['rule']}\t{source}\t{'' if versioned else numbers[row]}")
        if args.dump:
            raw = (
                raw_records_of(source, record["code"], record["name"])
                if versioned
                else raw_record(source, numbers[row])
            )
            parsed = {column: json.loads(record[column]) for column in PARSED_COLUMNS}
            parsed.update(level=record["level"], field=record["field"], agency=record["agency"], name=record["name"])
            text = "\n\n".join(
                json.dumps(part, ensure_ascii=False, indent=1) for part in (finding, parsed, raw)
            )
            (args.dump / f"{line:05d}_{finding['rule']}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
