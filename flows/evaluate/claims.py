"""`broadsheet eval claims`: score numeric claims on the seed gold and on quantulum3's English suite, or on our
sentence gold (``--gold tests/gold/claims/dev``).

``claims_report()`` does the IO (gold, seed article, model, the suite inside the installed quantulum3)
and returns numbers plus print-ready ``rows``; the scoring itself is ``evaluation.claims``.
quantulum3 is a dev dependency: only its test data is read here, and only when the report is asked for.

Two pipelines can be scored: ``analysis`` (the model's full pipeline, what the nightly job runs) and
``tokenizer`` (``load_claims_pipeline``: the tokenizer and a rule sentencizer, claims from text alone).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import asdict
from pathlib import Path

from evaluation.claim_sentences import READINGS, SentenceClaimScores, score_sentence_claims
from evaluation.claims import QuantityScores, SeedClaimScores, SuiteScores, score_quantulum_suite, score_seed_claims
from evaluation.scores import Score
from flows.analyse.model import load_claims_pipeline, load_pipeline, load_reference
from flows.evaluate.gold import load_gold
from flows.settings import DEFAULT_SOURCE, PROJECT_ROOT
from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import parse_file
from transforms.nlp.analyse import extract_article
from transforms.nlp.claims import extract_claims
from transforms.records import RawRecord, Rejection

DEFAULT_SEED_GOLD = PROJECT_ROOT.parent / "shared" / "gold" / "seed-000.json"
# Where the English test cases sit inside the quantulum3 package.
QUANTULUM_SUITE = ("_lang", "en_US", "tests", "quantities.json")
PIPELINES = {"analysis": load_pipeline, "tokenizer": load_claims_pipeline}


class SuiteUnavailable(RuntimeError):
    """quantulum3 (a dev dependency) is not installed, so its test suite cannot be read."""


def claims_report(seed_gold: Path = DEFAULT_SEED_GOLD, suite: Path | None = None, pipeline: str = "analysis") -> dict:
    """Scores of the claim extraction: ``{"seed": …, "quantulum": …, "rows": [(metric, value), …]}``.

    A part whose input is missing holds ``{"error": reason}`` and shows as one row saying so.
    """
    report: dict = {}
    try:
        seed = evaluate_seed(seed_gold, pipeline)
        report["seed"] = {
            "perfect": seed.perfect,
            "right": seed.score.true_positives,
            "gold": seed.score.gold,
            "predicted": seed.score.predicted,
            "missing": list(seed.missing),
            "false_claims": list(seed.false_claims),
            "wrong": [f"{surface}: {name} {want!r} ≠ {got!r}" for surface, name, want, got in seed.wrong],
            "attributes": seed.attributes,
        }
    except FileNotFoundError as error:
        report["seed"] = {"error": str(error)}
    try:
        scores = evaluate_quantulum_suite(suite, pipeline)
        report["quantulum"] = {
            "cases": len(scores.cases),
            "with_units": _numbers(scores.with_units),
            "all": _numbers(scores.all),
        }
    except SuiteUnavailable as error:
        report["quantulum"] = {"error": str(error)}
    report["rows"] = report_rows(report)
    return report


def report_rows(report: dict) -> list[tuple[str, str]]:
    """(metric, value) rows for a table: the seed first, then the suite's two readings."""
    rows: list[tuple[str, str]] = []
    seed = report["seed"]
    if "error" in seed:
        rows.append(("seed: not scored", seed["error"]))
    else:
        rows.append(("seed: claims right / gold", f"{seed['right']} / {seed['gold']}"))
        rows.append(
            (
                "seed: false claims",
                str(len(seed["false_claims"]))
                + (f" ({'; '.join(seed['false_claims'])})" if seed["false_claims"] else ""),
            )
        )
        for surface in seed["missing"]:
            rows.append(("seed: missing", surface))
        for line in seed["wrong"]:
            rows.append(("seed: wrong", line))
        for name, (agree, total) in seed["attributes"].items():
            rows.append((f"seed: {name} agrees", f"{agree} / {total}"))
    suite = report["quantulum"]
    if "error" in suite:
        rows.append(("quantulum3 suite: not scored", suite["error"]))
        return rows
    rows.append(("quantulum3 suite: sentences", str(suite["cases"])))
    for reading, label in (
        ("with_units", "quantities with units (bare numbers out of scope)"),
        ("all", "all quantities (bare numbers count as misses)"),
    ):
        numbers = suite[reading]
        rows.append((f"{label}: expected / ours", f"{numbers['gold']} / {numbers['predicted']}"))
        for kind in ("value", "value_unit"):
            name = "value" if kind == "value" else "value+unit"
            score = numbers[kind]
            rows.append(
                (f"{label}: {name} P / R / F1", f"{score['precision']:.3f} / {score['recall']:.3f} / {score['f1']:.3f}")
            )
    return rows


def evaluate_seed(gold_path: Path = DEFAULT_SEED_GOLD, pipeline: str = "analysis") -> SeedClaimScores:
    """The seed article scored against its gold claims: through the whole analysis (quotes give the
    speakers), or with the tokenizer pipeline's claims alone (no speakers to check)."""
    if not gold_path.exists():
        raise FileNotFoundError(f"no seed gold at {gold_path} (../shared is absent)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw_path = DEFAULT_SOURCE / gold["file"]
    if not raw_path.exists():
        raise FileNotFoundError(f"the seed article {raw_path} is not there")
    record = next(iter(parse_file(raw_path.name, raw_path.read_bytes())))
    if not isinstance(record, RawRecord):
        raise ValueError(f"the seed article {raw_path} does not parse to an article: {record}")
    article = normalise_record(record)
    if isinstance(article, Rejection):
        raise ValueError(f"the seed article {raw_path} is rejected by normalise: {article}")
    if pipeline != "analysis":
        return score_seed_claims(claim_rows(PIPELINES[pipeline]()(article["body_text"])), gold["claims"])
    extraction = extract_article(
        load_pipeline()(article["body_text"]), article["article_id"], article["credits"], load_reference()
    )
    names = {row["entity_id"]: row["name"] for row in extraction.entities}
    return score_seed_claims(extraction.numeric_claims, gold["claims"], names)


def evaluate_quantulum_suite(suite: Path | None = None, pipeline: str = "analysis") -> SuiteScores:
    """Our claims for every sentence of the quantulum3 English suite, scored."""
    cases = load_quantulum_suite(suite)
    nlp = PIPELINES[pipeline]()
    docs = nlp.pipe(case["req"] for case in cases)
    return score_quantulum_suite((case, claim_rows(doc)) for case, doc in zip(cases, docs, strict=True))


def load_quantulum_suite(path: Path | None = None) -> list[dict]:
    path = path or quantulum_suite_path()
    return json.loads(path.read_text(encoding="utf-8"))


def quantulum_suite_path() -> Path:
    """quantities.json inside the installed quantulum3, found without importing the package."""
    spec = importlib.util.find_spec("quantulum3")
    if spec is None or not spec.submodule_search_locations:
        raise SuiteUnavailable(
            "quantulum3 is not installed (a dev dependency: `uv sync` installs it); "
            "its English test suite is the claims benchmark"
        )
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*QUANTULUM_SUITE)
    if not path.exists():
        raise SuiteUnavailable(f"quantulum3 is installed but has no {'/'.join(QUANTULUM_SUITE)}")
    return path


def claim_rows(doc) -> list[dict]:
    """extract_claims as rows with the columns the scorers read."""
    return [_row(claim) for claim in extract_claims(doc)]


def _row(claim) -> dict:
    row = asdict(claim)
    row["start_char"], row["end_char"] = row.pop("start"), row.pop("end")
    return row


def _numbers(scores: QuantityScores) -> dict:
    return {
        "gold": scores.value.gold,
        "predicted": scores.value.predicted,
        **{
            kind: {"true_positives": s.true_positives, "precision": s.precision, "recall": s.recall, "f1": s.f1}
            for kind, s in (("value", scores.value), ("value_unit", scores.value_unit))
        },
    }


def sentence_gold_report(gold: Path, pipeline: str = "analysis") -> dict:
    """Our claims scored against the sentence gold (``tests/gold/claims/dev`` or ``…/test``): the four
    readings and recall by kind, plus the misses and false claims for error analysis on dev."""
    total = SentenceClaimScores()
    nlp = PIPELINES[pipeline]()
    for item in load_gold(gold):
        doc = nlp(item.article["body_text"])
        if pipeline == "analysis":
            extraction = extract_article(doc, item.article["article_id"], item.article["credits"], load_reference())
            claims = extraction.numeric_claims
        else:
            claims = claim_rows(doc)
        total.add(score_sentence_claims(item.gold_path.name, item.gold, claims))
    rows: list[tuple[str, str]] = []
    for reading in READINGS:
        score = total.readings.get(reading, Score(0, 0, 0))
        rows.append(
            (
                f"{reading} P / R / F1",
                f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}  ({score.true_positives} right, "
                f"{score.predicted} ours, {score.gold} gold)",
            )
        )
    for kind, (found, count) in sorted(total.recall_by_kind.items(), key=lambda item: -item[1][1]):
        rows.append((f"value recall: {kind}", f"{found / count:.3f}  ({found} / {count})"))
    return {"scores": total, "rows": rows}
