"""Loading what the analysis needs from disk: the spaCy model and the reference tables."""

from __future__ import annotations

import csv
from functools import lru_cache

import spacy
from spacy.language import Language

from flows.settings import REFERENCE_DIR, SPACY_MODEL
from transforms.entities import Reference


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pinned model from its PyPI package, once per process; nothing is downloaded."""
    return spacy.load(SPACY_MODEL)


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    return Reference.from_rows(_rows("country_aliases.csv"), _rows("demonyms.csv"))


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
