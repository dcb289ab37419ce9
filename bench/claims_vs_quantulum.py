"""Our numeric claims against quantulum3, on quantulum3's own English test sentences: speed and F1.

Run: ``.venv/bin/python bench/claims_vs_quantulum.py [--repeats 5]``

Both extractors read the same sentences (``quantulum3/_lang/en_US/tests/quantities.json``, 101 of
them).  Each configuration is timed over the whole suite ``--repeats`` times after one warm-up pass
(model and unit tables loaded, caches filled); the median pass is reported as sentences per second:

* quantulum3: ``quantulum3.parser.parse(sentence)`` (as installed: without its optional classifier).
* ours, tokenizer pipeline per sentence: ``extract_claims(claims_nlp(sentence))`` with
  ``flows.analyse.model.load_claims_pipeline`` (the model's tokenizer and a rule sentencizer, nothing neural) --
  the issue's target: at least 5× quantulum3 with value F1 ≥ 0.92 and value+unit F1 ≥ 0.85.
* ours, spaCy per sentence: ``extract_claims(nlp(sentence))`` with the analysis' pipeline
  (``flows.analyse.model.load_pipeline``: tok2vec, tagger, parser, lemmatizer, NER) -- the whole cost of a
  sentence if claims were the only thing we wanted from it.
* ours, spaCy batched: ``nlp.pipe`` over the suite (the way ``transforms.nlp.analyse`` calls it) plus
  ``extract_claims`` on each doc.
* ours, claims only: ``extract_claims`` on docs parsed beforehand -- what claims add to an analysis
  that parses every article anyway for entities and quotes.

F1 is scored by ``evaluation.claims`` for ours (both pipelines) and for quantulum3's own output (its unit
names taken as they are), in both readings: quantities with units (bare numbers out of scope) and all
quantities.  Timings move by ±30% between runs on a shared machine.  Nothing here asserts: this
prints numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from flows.settings import configure_environment  # noqa: E402

configure_environment()

from evaluation.claims import QuantityScores, SuiteScores, score_quantulum_suite  # noqa: E402
from flows.analyse.model import load_claims_pipeline, load_pipeline  # noqa: E402
from flows.evaluate.claims import claim_rows, load_quantulum_suite  # noqa: E402
from transforms.nlp.claims import extract_claims  # noqa: E402

DEFAULT_REPEATS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="timed passes over the suite")
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is not installed
        from quantulum3 import parser as quantulum

    cases = load_quantulum_suite()
    sentences = [case["req"] for case in cases]
    nlp = load_pipeline()
    claims_nlp = load_claims_pipeline()
    docs = list(nlp.pipe(sentences))

    timings = {
        "quantulum3.parser.parse": _time(lambda: [quantulum.parse(s) for s in sentences], args.repeats),
        "ours: claims_nlp(sentence) + extract_claims": _time(
            lambda: [extract_claims(claims_nlp(s)) for s in sentences], args.repeats
        ),
        "ours: nlp(sentence) + extract_claims": _time(
            lambda: [extract_claims(nlp(s)) for s in sentences], args.repeats
        ),
        "ours: nlp.pipe(suite) + extract_claims": _time(
            lambda: [extract_claims(d) for d in nlp.pipe(sentences)], args.repeats
        ),
        "ours: extract_claims only (docs parsed)": _time(lambda: [extract_claims(d) for d in docs], args.repeats),
    }

    ours = score_quantulum_suite((case, claim_rows(doc)) for case, doc in zip(cases, docs, strict=True))
    ours_tokenizer = score_quantulum_suite((case, claim_rows(claims_nlp(case["req"]))) for case in cases)
    theirs = score_quantulum_suite(
        ((case, _quantulum_rows(quantulum.parse(case["req"]))) for case in cases),
        unit_names=lambda row: frozenset((row["unit"],)),
    )

    print(
        f"{len(sentences)} sentences, {args.repeats} timed passes (median), Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"spaCy pipeline {nlp.meta['name']} {nlp.meta['version']}: {', '.join(nlp.pipe_names)}; "
        f"claims pipeline: tokenizer, {', '.join(claims_nlp.pipe_names)}"
    )
    print()
    quantulum_rate = len(sentences) / timings["quantulum3.parser.parse"]
    print(f"{'configuration':44s} {'sentences/s':>12s} {'× quantulum3':>13s}")
    for name, seconds in timings.items():
        rate = len(sentences) / seconds
        print(f"{name:44s} {rate:12.0f} {rate / quantulum_rate:13.2f}")
    print()
    print(f"{'F1 (P / R)':44s} {'value':>22s} {'value+unit':>22s}")
    for name, scores in (("ours, analysis", ours), ("ours, tokenizer", ours_tokenizer), ("quantulum3", theirs)):
        for reading, label in (("with_units", "quantities with units"), ("all", "all quantities")):
            print(
                f"{name + ', ' + label:44s} {_prf(getattr(scores, reading), 'value'):>22s} "
                f"{_prf(getattr(scores, reading), 'value_unit'):>22s}"
            )
    _print_misses(ours)


def _time(run: Callable[[], object], repeats: int) -> float:
    run()  # warm-up: models, unit tables and regex caches loaded
    passes = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        passes.append(time.perf_counter() - started)
    return statistics.median(passes)


def _quantulum_rows(quantities) -> list[dict]:
    return [
        {
            "value": q.value,
            "unit": q.unit.name.lower(),
            "surface": q.surface,
            "value_low": None,
            "value_high": None,
            "quantity_kind": None,
        }
        for q in quantities
    ]


def _prf(scores: QuantityScores, kind: str) -> str:
    score = getattr(scores, kind)
    return f"{score.f1:.3f} ({score.precision:.3f} / {score.recall:.3f})"


def _print_misses(scores: SuiteScores) -> None:
    print()
    print("ours, what went wrong (quantities with units; bare numbers are listed under 'all' only):")
    for case in scores.cases:
        in_scope_missed = [m for m in case.missed if not m.endswith("(dimensionless)")]
        if in_scope_missed or case.spurious or case.wrong_unit:
            print(f"  {case.sentence[:90]!r}")
            for surface in in_scope_missed:
                print(f"      missed   {surface}")
            for surface in case.spurious:
                print(f"      spurious {surface}")
            for surface, expected, got in case.wrong_unit:
                print(f"      unit     {surface}: expected {expected}, ours {got}")


if __name__ == "__main__":
    main()
