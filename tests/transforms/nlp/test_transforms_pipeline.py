"""The pipelines' own components: sentences end at paragraph breaks, set before the parser runs and after the
claims pipeline's rule sentencizer (pipeline.paragraph_sentence_starts)."""

from __future__ import annotations


def test_a_paragraph_break_ends_a_sentence_the_parser_would_run_on(nlp, claims_nlp):
    text = "- Second thoughts -\nThe planned swap was a relief, said analyst Ryan Cole.\n\nIt was signed on Monday."
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == [
        "- Second thoughts -",
        "The planned swap was a relief, said analyst Ryan Cole.",
        "It was signed on Monday.",
    ]
    # the rule sentencizer alone runs a heading with no full stop into the next line
    assert [s.text.strip() for s in claims_nlp(text).sents if s.text.strip()] == [s.text.strip() for s in doc.sents]
