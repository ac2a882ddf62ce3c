"""Round 5 of the blind gold set (seed 2031), under its historical name: the same draw as
``python corpus/gold/blind/select_round.py 5`` (see that file), which writes ``selection_round5.tsv``."""

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).resolve().parent / "select_round.py"))["main"](5)
