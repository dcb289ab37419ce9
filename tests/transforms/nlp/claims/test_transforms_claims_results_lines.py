"""A company's results in short under a wire story: money lines in the results' currency, share counts."""

from __future__ import annotations

from transforms.nlp.claims import extract_claims

RESULTS = (
    "Acme Corp said its loss narrowed.\n"
    "Shr loss 12 cts vs loss 40 cts\n"
    "Oper net loss 1,250,000 vs loss 4,100,000\n"
    "Revs 20.5 mln\n"
    "Avg shrs 9,215,000\n"
)


def test_results_lines_are_money_in_the_results_currency_and_share_counts(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(RESULTS))
        assert [(c.surface, c.quantity_kind, c.unit) for c in claims] == [
            ("12 cts", "money", "USD"),
            ("40 cts", "money", "USD"),
            ("1,250,000", "money", "USD"),
            ("4,100,000", "money", "USD"),
            ("20.5 mln", "money", "USD"),
            ("9,215,000", "count", "shares"),
        ]


def test_a_results_label_inside_a_long_line_is_a_sentences_word(nlp):
    text = (
        "Acme Corp said it earned 5 mln dlrs.\nNet sales of its new line reached 5,000 units across the region in May."
    )
    assert [(c.surface, c.unit) for c in extract_claims(nlp(text))] == [("5 mln dlrs", "USD"), ("5,000 units", "units")]
