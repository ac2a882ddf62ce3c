"""Draw round 6 of the blind gold set: 64 fresh procedures for the test half (seed 2033).

Run from the repository root: ``python corpus/gold/blind/select_round6.py > corpus/gold/blind/selection_round6.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes excluded by round 5 (real.yaml, real_heldout.yaml,
sample.yaml, selection.tsv, selection_round4.tsv) and those of round 5 (selection_round5.tsv) are never drawn.
Prints the same columns as select.py: half, source, line number in the source file, code, stratum, level.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SEED = 2033
HALF = "test"
HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:  # the earlier draws are scripts, not a package: load them by path
    spec = importlib.util.spec_from_file_location(f"blind_{name}", HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {HERE / f'{name}.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


round5 = _load("select_round5")
round4 = round5.round4


def excluded_codes() -> set[str]:
    codes = round5.excluded_codes()  # real.yaml, real_heldout.yaml, sample.yaml, selection.tsv, selection_round4.tsv
    for row in (HERE / "selection_round5.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip():
            codes.add(row.split("\t")[3])
    return codes


def main() -> None:
    print("\n".join(round4.draw(SEED, HALF, excluded_codes())))


if __name__ == "__main__":
    main()
