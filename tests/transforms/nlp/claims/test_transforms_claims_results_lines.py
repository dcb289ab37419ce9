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


def test_a_short_paragraph_opening_with_a_results_word_is_prose(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        migration = extract_claims(pipeline("The firm paid $5 million for the site.\nNet migration fell by 49,000."))
        assert [(c.surface, c.unit) for c in migration] == [("$5 million", "USD"), ("49,000", None)]
        novel = extract_claims(pipeline("The firm paid 5 mln dlrs.\nSales of the novel reached 20,000 in May."))
        assert [c.surface for c in novel] == ["5 mln dlrs"]
