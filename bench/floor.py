"""The floor: word-segmenting the analysed text of a corpus with underthesea alone, on one core.

The analysed text of a record is what the detectors read: its name, its steps and the names of the
documents of its dossier. Records are parsed first (not timed); only `word_tokenize` is timed.
Prints one JSON line: seconds, texts, syllables.
"""

from __future__ import annotations

import json
import sys
import time


def analysed_texts(inputs: list[str]) -> list[str]:
    from analyzer.ingest import load_procedures

    texts: list[str] = []
    for procedure in load_procedures(inputs):
        texts.append(procedure.name)
        texts.extend(step.text for step in procedure.steps)
        texts.extend(document.name for case in procedure.cases for document in case.documents)
    return [t for t in texts if t.strip()]


def main(argv: list[str]) -> None:
    from underthesea import word_tokenize

    texts = analysed_texts(argv)
    word_tokenize("khởi động mô hình")  # load the model outside the timed part
    start = time.perf_counter()
    for text in texts:
        word_tokenize(text, use_token_normalize=False)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "texts": len(texts), "syllables": sum(len(t.split()) for t in texts)}))


if __name__ == "__main__":
    main(sys.argv[1:])
