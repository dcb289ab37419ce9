"""The bare-spaCy reference, run as its own fresh process: nothing imported but spaCy and the model.

    python bench/bare_spacy.py MODEL TEXTS.jsonl

Runs ``nlp.pipe(texts, n_process=2, batch_size=64)`` with every component of MODEL over the texts (one JSON
string per line) and prints one JSON line: the seconds to import spaCy and load the model, and the seconds
of the ``nlp.pipe`` itself.  ``bench/pipeline_bench.py`` times the whole process from outside as well.
"""

import json
import sys
import time

PROCESSES = 2
BATCH_SIZE = 64


def main() -> None:
    model, texts_path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(model)
    loaded = time.perf_counter()
    with open(texts_path, encoding="utf-8") as lines:
        texts = [json.loads(line) for line in lines]
    piping = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=PROCESSES, batch_size=BATCH_SIZE):
        pass
    done = time.perf_counter()
    print(json.dumps({"load_seconds": loaded - started, "pipe_seconds": done - piping, "texts": len(texts)}))


if __name__ == "__main__":
    main()
