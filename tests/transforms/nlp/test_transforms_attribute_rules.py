"""The array attribute ruler sets exactly what spaCy's own attribute_ruler sets."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from transforms.nlp.attribute_rules import ArrayAttributeRuler, UnsupportedRule

# Each line exercises a kind of rule: tag map, lemma exceptions over one and two tokens (with a
# regex), auxiliaries and pronoun determiners found by dependency label, and whitespace tokens.
TEXTS = [
    "The minister said that the plan ain't gonna work, and y'all know it.",
    "There's nothin' they can do.  That was what she had been told by those who were there.",
    "\n\nShares fell 3% on Monday;   \t they'd risen 2.5 percentage points in 2025.",
    "",
    "Ok",
]
ANNOTATIONS = [POS, TAG, LEMMA, MORPH, DEP]


def test_the_analysis_pipeline_uses_the_array_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_same_annotations_as_spacys_attribute_ruler(nlp, stock_nlp):
    # Without the lemmatizers: ours lemmatizes only some words (test_transforms_selective_lemmas.py), and
    # the lemmas compared here are the ones the attribute rules set.
    with nlp.select_pipes(disable=["lemmatizer"]), stock_nlp.select_pipes(disable=["lemmatizer"]):
        ours = list(nlp.pipe(TEXTS, batch_size=2))  # batches split the texts: matches must not cross documents
        theirs = list(stock_nlp.pipe(TEXTS))
    for mine, stock in zip(ours, theirs, strict=True):
        assert np.array_equal(mine.to_array(ANNOTATIONS), stock.to_array(ANNOTATIONS)), mine.text
    gonna = ours[0]
    assert [t.lemma_ for t in gonna if t.lower_ in ("ai", "gon", "na")] == ["be", "go", "to"]
    assert next(t.pos_ for t in ours[1] if t.lower_ == "had") == "AUX"


def test_the_same_doc_through_call_and_pipe(nlp, stock_nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    with stock_nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = stock_nlp(TEXTS[0])
    ruler(doc)
    assert np.array_equal(doc.to_array([POS, MORPH]), stock_nlp(TEXTS[0]).to_array([POS, MORPH]))


def test_a_rule_it_cannot_apply_is_refused_not_ignored(nlp):
    with pytest.raises(UnsupportedRule):
        ArrayAttributeRuler(nlp.vocab, [{"patterns": [[{"LENGTH": {">": 3}}]], "attrs": {"POS": "X"}}])
