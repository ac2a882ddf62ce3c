"""Round 6 of the blind gold set (seed 2033), under its historical name: the same draw as
``python corpus/gold/blind/select_round.py 6`` (see that file), which writes ``selection_round6.tsv``."""

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).resolve().parent / "select_round.py"))["main"](6)
