"""Which amounts are claims, read the same by both pipelines."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        # a period framed by an ordinal is a duration ("the first ten months"), not a code after a number
        ("Over the first ten months of the year, sales rose 3.9 per cent.", ["ten months", "3.9 per cent"]),
        # a double hyphen between two amounts is a dash between clauses, not a range
        ("Sales totaled 8,182,500 tonnes -- 4,080,500 tonnes of wheat.", ["8,182,500 tonnes", "4,080,500 tonnes"]),
    ],
)
def test_amounts_read_on_both_pipelines(nlp, claims_nlp, sentence, surfaces):
    for pipeline in (nlp, claims_nlp):
        assert [claim.surface for claim in extract_claims(pipeline(sentence))] == surfaces
