"""Loading what the analysis needs from disk: the spaCy model and the reference tables."""

from __future__ import annotations

import csv
import importlib
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer

from flows.settings import REFERENCE_DIR, SPACY_MODEL
from transforms.nlp.attribute_rules import ArrayAttributeRuler
from transforms.nlp.entities import Reference
from transforms.nlp.quotes import LEMMAS_ASKED_ABOUT
from transforms.nlp.selective_lemmas import SelectiveLemmatizer

PipeT = TypeVar("PipeT")


@Language.factory("array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str, rules: list[dict]) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, rules)


@Language.factory("selective_lemmatizer")
def make_selective_lemmatizer(nlp: Language, name: str, lemmas: list[str]) -> SelectiveLemmatizer:
    return SelectiveLemmatizer(_pipe(nlp, "lemmatizer", Lemmatizer), lemmas)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pinned model from its PyPI package, once per process; nothing is downloaded.

    The model's attribute rules run as array operations instead of through the Matcher: the same
    rules and the same output, about a ninth of the model's time saved.  Its lemmatizer runs only on
    the words whose lemma the quote extraction asks about (bench/README.md).
    """
    nlp = spacy.load(SPACY_MODEL)
    rules = _pipe(nlp, "attribute_ruler", AttributeRuler).patterns
    nlp.replace_pipe("attribute_ruler", "array_attribute_ruler", config={"rules": rules})
    nlp.add_pipe("selective_lemmatizer", after="lemmatizer", config={"lemmas": sorted(LEMMAS_ASKED_ABOUT)})
    nlp.remove_pipe("lemmatizer")  # the selective one holds it and calls it for those words
    nlp.rename_pipe("selective_lemmatizer", "lemmatizer")
    return nlp


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
    nlp = spacy.load(SPACY_MODEL, exclude=components)
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    return Reference.from_rows(_rows("country_aliases.csv"), _rows("demonyms.csv"))


def _pipe(nlp: Language, name: str, kind: type[PipeT]) -> PipeT:
    """The pipeline's component ``name``, checked to be spaCy's ``kind``, whose API ours replaces or wraps."""
    pipe = nlp.get_pipe(name)
    if not isinstance(pipe, kind):
        raise TypeError(f"the pipeline's {name!r} component is a {type(pipe).__name__}, not a {kind.__name__}")
    return pipe


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
