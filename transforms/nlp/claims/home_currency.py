"""Whose dollars: a currency name several countries use, written alone ("dollars", "dlrs", "cents",
"pounds", "crowns", "francs", "pesos", "rupees"), is the currency of the country the article is about
(``lexicon`` gives each name its usual one first), as a reader of a Wellington, Khartoum or Copenhagen
story takes it ("Chase shares closed at 4.41 dlrs" is
New Zealand dollars; "revenue would total 3.9 billion pounds" in a Sudan story is Sudanese pounds).

- The country the article is about, for a currency name, is the one of the countries using that name that
  the article names most (by its name, its people's or its capital), at least ``MIN_MENTIONS`` times and
  more often than any other such country; with none, the name keeps its usual currency (US dollars,
  British pounds, Swiss francs).
- An article that writes US dollars anywhere ("U.S. dlrs", "(U.S.) dlrs", "US dollars") or amounts with a
  bare "$" means US dollars by "dollars" and "cents" alone too.
- Only the name written alone changes: a "$" sign, a stated country ("Australian dollars", "U.S. dlrs",
  "pounds sterling") or a code keeps its currency.  An amount whose currency is carried from the one before it in its
  sentence ("2.88 billion pounds, against 2.85 billion") follows that one.
"""

from __future__ import annotations

import re

from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.lexicon import MONEY_SUBUNITS, MONEY_WORDS

MIN_MENTIONS = 2
# The currency names several countries share, with the written forms of each (a sub-unit's too).
SHARED_NAMES = {
    "dollar": frozenset("dollars dollar dlrs dlr cents cent cts".split()),
    "pound": frozenset(("pounds", "pound")),
    "crown": frozenset("crowns crown kroner krone kronor krona".split()),
    "franc": frozenset(("francs", "franc")),
    "peso": frozenset(("pesos", "peso")),
    "rupee": frozenset(("rupees", "rupee")),
}
# Countries by the words that name them (the country, its people, its capital or main city) and the
# currency each shared name means there.
COUNTRIES: tuple[tuple[str, dict[str, str]], ...] = (
    (r"U\.S\.|United States|Americans?|Washington|Wall Street", {"dollar": "USD"}),
    (r"Canada|Canadians?|Ottawa|Toronto", {"dollar": "CAD"}),
    (r"Australia|Australians?|Sydney|Canberra|Melbourne", {"dollar": "AUD"}),
    (r"New Zealand(?:ers?)?|Wellington|Auckland", {"dollar": "NZD"}),
    (r"Hong Kong", {"dollar": "HKD"}),
    (r"Singapore(?:ans?)?", {"dollar": "SGD"}),
    (r"Taiwan(?:ese)?|Taipei", {"dollar": "TWD"}),
    (r"Britain|British|U\.K\.|UK|England|London", {"pound": "GBP"}),
    (r"Egypt(?:ians?)?|Cairo", {"pound": "EGP"}),
    (r"Sudan(?:ese)?|Khartoum", {"pound": "SDG"}),
    (r"Lebanon|Lebanese|Beirut", {"pound": "LBP"}),
    (r"Syria(?:ns?)?|Damascus", {"pound": "SYP"}),
    (r"Denmark|Danish|Danes|Copenhagen", {"crown": "DKK"}),
    (r"Sweden|Swedish|Swedes|Stockholm", {"crown": "SEK"}),
    (r"Norway|Norwegians?|Oslo", {"crown": "NOK"}),
    (r"Czech|Prague", {"crown": "CZK"}),
    (r"Iceland(?:ic)?|Reykjavik", {"crown": "ISK"}),
    (r"France|French|Paris", {"franc": "FRF"}),
    (r"Switzerland|Swiss|Zurich|Geneva", {"franc": "CHF"}),
    (r"Belgium|Belgians?|Brussels", {"franc": "BEF"}),
    (r"Mexico|Mexicans?", {"peso": "MXN"}),
    (r"Philippines|Philippine|Filipinos?|Manila", {"peso": "PHP"}),
    (r"Argentina|Argentines?|Argentinians?|Buenos Aires", {"peso": "ARS"}),
    (r"Chile(?:ans?)?|Santiago", {"peso": "CLP"}),
    (r"Colombia(?:ns?)?|Bogota", {"peso": "COP"}),
    (r"India|Indians?|New Delhi|Mumbai|Bombay", {"rupee": "INR"}),
    (r"Pakistan(?:is?)?|Karachi|Islamabad", {"rupee": "PKR"}),
    (r"Sri Lanka(?:ns?)?|Colombo", {"rupee": "LKR"}),
)
# All the countries' words in one pattern, a group per country: one pass over the text counts them all.
# (Not \b: "U.S." ends in a dot.)
_COUNTRY_WORDS = re.compile("|".join(rf"(?P<c{i}>(?<!\w)(?:{words})(?!\w))" for i, (words, _) in enumerate(COUNTRIES)))
_WORD = re.compile(r"[A-Za-z]+")
# Words after a shared name that say whose it is ("pounds sterling").
STATED_AFTER = frozenset(("sterling", "stg"))
US_DOLLARS_WRITTEN = re.compile(r"\(?\bU\.?S\.?\)?\s+(?:dlrs?|dollars?)\b|(?<![A-Za-z])\$\s?\d", re.IGNORECASE)
# Words that state whose currency it is, written before its name ("U.S. dlrs", "Australian dollars").
_STATED_BEFORE = re.compile(r"(?:[A-Z][\w.]*\)?\s+)$")


def in_home_currency(text: str, claims: list[Claim]) -> None:
    """Give, in place, each money claim named by a shared currency name alone the currency of the country
    the article is about (see the module doc)."""
    homes: dict[str, str | None] | None = None  # read from the text at the first shared name met
    last_in_sentence: tuple[int, str | None] | None = None  # (sentence start, currency given) of the last one
    for claim in claims:
        if claim.quantity_kind != "money":
            continue
        sentence_start = max(text.rfind(". ", 0, claim.start), text.rfind("\n", 0, claim.start))
        name = _shared_name(claim)
        if name is None:
            carried = last_in_sentence is not None and last_in_sentence[0] == sentence_start
            if carried and _names_no_currency(claim) and last_in_sentence is not None and last_in_sentence[1]:
                _give(claim, last_in_sentence[1])  # '… 2.88 billion pounds, against 2.85 billion'
            else:
                last_in_sentence = (sentence_start, None)
            continue
        if homes is None:
            homes = _homes(text)
        home = homes[name]
        given = home if home is not None and home != claim.currency else None
        if given is not None:
            _give(claim, given)
        last_in_sentence = (sentence_start, given)


def _homes(text: str) -> dict[str, str | None]:
    """Per shared name, the currency of the country the article is about, if one is (see the module doc)."""
    mentions = [0] * len(COUNTRIES)
    for match in _COUNTRY_WORDS.finditer(text):
        mentions[int(match.lastgroup[1:])] += 1  # type: ignore[index]
    homes: dict[str, str | None] = {}
    for name in SHARED_NAMES:
        counts = sorted(
            ((mentions[i], currencies[name]) for i, (_, currencies) in enumerate(COUNTRIES) if name in currencies),
            reverse=True,
        )
        tied = len(counts) > 1 and counts[1][0] == counts[0][0]
        homes[name] = counts[0][1] if counts and counts[0][0] >= MIN_MENTIONS and not tied else None
    if US_DOLLARS_WRITTEN.search(text):
        homes["dollar"] = None
    return homes


def _shared_name(claim: Claim) -> str | None:
    """The shared name the claim's currency is written with, alone (no "$", no country before it)."""
    words = [w.lower() for w in _WORD.findall(claim.surface)]
    for name, forms in SHARED_NAMES.items():
        word = next((w for w in words if w in forms), None)
        if word is None:
            continue
        at = claim.surface.lower().rfind(word)
        stated_after = any(w in STATED_AFTER for w in words)  # '5 pounds sterling'
        if "$" in claim.surface or stated_after or _STATED_BEFORE.search(claim.surface[:at]):
            return None
        if name == "dollar" and claim.currency != "USD":
            return None
        return name
    return None


def _names_no_currency(claim: Claim) -> bool:
    """'2.85 billion' names none; '29.1 billion marks', '$5m' or '18p' do."""
    words = [w.lower() for w in _WORD.findall(claim.surface)]
    return not any(ch in claim.surface for ch in "$£€¥") and not any(
        w in MONEY_WORDS or w in MONEY_SUBUNITS for w in words
    )


def _give(claim: Claim, currency: str) -> None:
    claim.quantity_kind, claim.unit, claim.currency = "money", currency, currency
