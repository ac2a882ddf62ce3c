"""Draw round 5 of the blind gold set: 64 fresh procedures for the test half (seed 2031).

Run from the repository root: ``python corpus/gold/blind/select_round5.py > corpus/gold/blind/selection_round5.tsv``
(needs ../shared). Same strata as ``select.py`` (source portal_flat / portal_docx × level bo / tinh / xa / mixed,
8 per stratum), every procedure in half "test". Codes already in real.yaml, real_heldout.yaml, sample.yaml, the
first blind draw (selection.tsv) or round 4 (selection_round4.tsv) are never drawn. Prints the same columns as
select.py: half, source, line number in the source file, code, stratum, level.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SEED = 2031
HALF = "test"
HERE = Path(__file__).resolve().parent


def _load(name: str) -> ModuleType:  # select.py shares its name with the stdlib module `select`: load by path
    spec = importlib.util.spec_from_file_location(f"blind_{name}", HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {HERE / f'{name}.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


round4 = _load("select_round4")
base = round4.base


def excluded_codes() -> set[str]:
    codes = round4.excluded_codes()  # real.yaml, real_heldout.yaml, sample.yaml, selection.tsv
    for row in (HERE / "selection_round4.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip():
            codes.add(row.split("\t")[3])
    return codes


def main() -> None:
    print("\n".join(round4.draw(SEED, HALF, excluded_codes())))


if __name__ == "__main__":
    main()
