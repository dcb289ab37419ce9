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


def test_a_banks_results_lines_and_its_share_count_after_stated_dollars(nlp, claims_nlp):
    # Dollars stated on the first line carry onto the unlabelled figures below; the average shares are still
    # shares, and "Rev", a bank's assets, deposits and loans are money.
    text = (
        "Shr 2.03 dlrs vs 1.53 dlrs\n"
        "Net 146.4 mln vs 110.3 mln\n"
        "Rev 6.9 mln vs 7.3 mln\n"
        "Avg shrs 71.08 mln vs 69.26 mln\n"
        "Assets 56.9 billion vs 50.7 billion\n"
        "Loans 26.3 billion vs 25.7 billion\n"
    )
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(text))
        assert [(c.surface, c.quantity_kind, c.unit) for c in claims] == [
            ("2.03 dlrs", "money", "USD"),
            ("1.53 dlrs", "money", "USD"),
            ("146.4 mln", "money", "USD"),
            ("110.3 mln", "money", "USD"),
            ("6.9 mln", "money", "USD"),
            ("7.3 mln", "money", "USD"),
            ("71.08 mln", "count", "shares"),
            ("69.26 mln", "count", "shares"),
            ("56.9 billion", "money", "USD"),
            ("50.7 billion", "money", "USD"),
            ("26.3 billion", "money", "USD"),
            ("25.7 billion", "money", "USD"),
        ]
