"""The analysis pipeline assembled from the loaded model: which components run, and which of ours replace the
model's.  Part of the pipeline version, since a change here changes what the extraction reads.

Loading the model is IO and stays at the edge (``flows/analyse/model.py``); this module is handed the
loaded pipeline and changes it in place.
"""

from __future__ import annotations

from typing import TypeVar

from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from transforms.nlp.attribute_rules import ArrayAttributeRuler
from transforms.nlp.quotes import LEMMAS_ASKED_ABOUT
from transforms.nlp.selective_lemmas import SelectiveLemmatizer

PipeT = TypeVar("PipeT")


@Language.factory("array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str, rules: list[dict]) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, rules)


@Language.factory("selective_lemmatizer")
def make_selective_lemmatizer(nlp: Language, name: str, lemmas: list[str]) -> SelectiveLemmatizer:
    return SelectiveLemmatizer(_pipe(nlp, "lemmatizer", Lemmatizer), lemmas)


def with_faster_components(nlp: Language) -> Language:
    """The model with its attribute rules run as array operations instead of through the Matcher (the same
    rules and output, about a ninth of the model's time saved) and its lemmatizer run only on the words whose
    lemma the quote extraction asks about (bench/README.md)."""
    rules = _pipe(nlp, "attribute_ruler", AttributeRuler).patterns
    nlp.replace_pipe("attribute_ruler", "array_attribute_ruler", config={"rules": rules})
    nlp.add_pipe("selective_lemmatizer", after="lemmatizer", config={"lemmas": sorted(LEMMAS_ASKED_ABOUT)})
    nlp.remove_pipe("lemmatizer")  # the selective one holds it and calls it for those words
    nlp.rename_pipe("selective_lemmatizer", "lemmatizer")
    return nlp


@Language.component("paragraph_sentence_starts")
def paragraph_sentence_starts(doc: Doc) -> Doc:
    """A paragraph break ends a sentence: the first word after a line break starts one, which the parser
    keeps (left to itself it runs a sentence on across a heading or a caption into the next paragraph)."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc


def for_analysis(nlp: Language) -> Language:
    """The loaded model as the analysis runs it: our faster components, and sentences ending at paragraph
    breaks, set before its parser runs.  Assembled here, not at the edge, so the pipeline version (which
    hashes ``transforms``) changes with it."""
    nlp = with_faster_components(nlp)
    nlp.add_pipe("paragraph_sentence_starts", before="parser")
    return nlp


def with_rule_sentences(nlp: Language) -> Language:
    """A model loaded without its components, given a rule sentencizer that also ends sentences at paragraph
    breaks, as the analysis pipeline does: the claims pipeline, nothing neural."""
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_sentence_starts", after="sentencizer")
    return nlp


def _pipe(nlp: Language, name: str, kind: type[PipeT]) -> PipeT:
    """The pipeline's component ``name``, checked to be spaCy's ``kind``, whose API ours replaces or wraps."""
    pipe = nlp.get_pipe(name)
    if not isinstance(pipe, kind):
        raise TypeError(f"the pipeline's {name!r} component is a {type(pipe).__name__}, not a {kind.__name__}")
    return pipe
