"""Truncated articles (a crawl cut mid-sentence) end inside a quote; extraction must still finish."""

from __future__ import annotations

from transforms.nlp.analyse import extract_article


def test_a_mixed_quote_cut_off_at_the_articles_end(nlp, reference):
    text = 'The channel said it had been surprised because the reaction was "obvious t'
    quotes = extract_article(nlp(text), "art_test", [], reference).quotes
    assert [(q["kind"], q["quote_text"], q["end_char"]) for q in quotes] == [
        ("mixed", 'it had been surprised because the reaction was "obvious t', len(text))
    ]
