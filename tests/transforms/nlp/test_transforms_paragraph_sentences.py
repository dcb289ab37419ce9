"""Sentences end at paragraph breaks, set before the parser runs (pipeline.paragraph_sentence_starts)."""

from __future__ import annotations


def test_a_paragraph_break_ends_a_sentence_the_parser_would_run_on(nlp):
    text = "- Second thoughts -\nThe planned swap was a relief, said analyst Ryan Cole.\n\nIt was signed on Monday."
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        "- Second thoughts -",
        "The planned swap was a relief, said analyst Ryan Cole.",
        "It was signed on Monday.",
    ]
