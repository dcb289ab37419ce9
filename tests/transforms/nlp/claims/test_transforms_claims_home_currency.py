"""A currency name several countries share, written alone, is the currency of the country the article is about."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims

DANISH = (
    "Denmark's current account deficit rose to 34.5 billion crowns in 1986 from 29.1 billion in 1985. "
    "Danish officials expect it to fall. The Copenhagen government said debt reached 265 billion crowns."
)
MANILA = "Philippine officials said the group had handed 70 mln pesos in cash. Manila welcomed the move."
CANBERRA = "Australia's treasurer said the deficit would be nine billion dlrs. Australian bonds fell."
BOTH = "Australia's board will be paid 132 mln (U.S.) dlrs. Australian farmers want 98 dlrs."
ONCE = "Shares of the New Zealand firm closed at 4.41 dlrs."
# "U.S." counts as the United States though it ends in a dot
US_AHEAD = "The U.S. firm sold it. The U.S. buyer met Canada's and Canada's regulators. It paid 5 dlrs a share."
STERLING = "Egypt's exports rose. Egypt's bank paid 5 pounds sterling and Cairo paid 7 pounds."
OTHER_CURRENCY = "Denmark's deficit rose to 34.5 billion crowns, against 29.1 billion marks in Danish terms."
DOLLAR_SIGN = "Australia's News Corp moved to the US. Australian shares fell 25 cents to $12."
# a currency's name in the singular before a noun it describes
FRENCH_FACTORY = "France's minister opened a 100 million franc factory. French officials praised the plant."


@pytest.mark.parametrize(
    "text, expected",
    [
        (DANISH, [("34.5 billion crowns", "DKK"), ("29.1 billion", "DKK"), ("265 billion crowns", "DKK")]),
        (MANILA, [("70 mln pesos", "PHP")]),
        (CANBERRA, [("nine billion dlrs", "AUD")]),
        # a stated US dollar, or a bare "$", keeps bare dollars American
        (BOTH, [("132 mln (U.S.) dlrs", "USD"), ("98 dlrs", "USD")]),
        (DOLLAR_SIGN, [("25 cents", "USD"), ("$12", "USD")]),
        # a country named once is not what the article is about
        (ONCE, [("4.41 dlrs", "USD")]),
        (US_AHEAD, [("5 dlrs a share", "USD/share")]),
        # a name whose country is stated after it, and an amount in another currency, keep theirs
        (STERLING, [("5 pounds sterling", "GBP"), ("7 pounds", "EGP")]),
        (OTHER_CURRENCY, [("34.5 billion crowns", "DKK"), ("29.1 billion marks", "DEM")]),
        (FRENCH_FACTORY, [("100 million franc", "FRF")]),
    ],
)
def test_shared_currency_names_take_the_articles_country(nlp, claims_nlp, text, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(text))
        assert [(c.surface, c.unit) for c in claims if c.quantity_kind == "money"] == expected
