"""Claims read together.  In the article: a sub-unit of money in its currency ("15 cents" after "$" amounts);
an amount whose unit is not repeated takes the one before it ("146.4 mln dlrs vs 110.3 mln").  In one
sentence: a value introduced as the old one ("from about 1.8%", "up from $3bn") becomes the ``previous`` of
the new one; the ends of a change, a change stated after a level and a restated amount measure the same
thing; a percent without ``of_what`` takes the one of another percent.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import Annotations, sentence_at
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.elided import SAME_ORDER
from transforms.nlp.claims.lexicon import SUBUNIT_SHARES, VALUE_HEDGE
from transforms.nlp.claims.quantities import Quantity, text_before
from transforms.nlp.doc_cache import doc_text

# What introduces a value as the old one of a change ("from about 1.8%", "compared with $3bn") or the new one
# ("to 2%"); a comparator may sit between the word and the number.
CHANGE_ROLE_BEFORE = re.compile(
    r"(?:^|\W)(?P<word>(?i:from|compared\s+(?:with|to)|against|versus|vs\.?|to))\s+"
    rf"(?:{VALUE_HEDGE}\s+)?$"
)

# The word after an amount, and the words after which it can still be an unrepeated unit's amount
# ("110.3 mln against", "6.50 billion from"), not a count of a noun of its own ("3 mln shareholders").
NEXT_WORD = re.compile(r"[ \t]{1,8}([A-Za-z]+)")  # on the same line: a table's next row is no noun
UNIT_CARRY_FOLLOWERS = frozenset(
    "vs versus against from to in on at for by and or but while with as so up down over under above below a an "
    "the last this that compared year month week previously earlier before after".split()
)


# What lies between an amount and its restatement: "or", a bracket or semicolon of a conversion, "vs", a dash
# with spaces round it ("rose 15 cents - 1.1% -").
RESTATED = re.compile(
    r"[ \t]{0,8}(?:[(;]|(?:,[ \t]{0,8})?(?:or|vs\.?|versus)(?=[ \t])|(?<=[ \t])[-–—](?=[ \t]))[ \t]{0,8}"
)


# Currencies whose minor unit is the cent: "15 cents" is in the one the article last named among them.
CENT_CURRENCIES = frozenset("USD EUR CAD AUD NZD HKD SGD ZAR TWD".split())


def in_main_currency_unit(claims: list[Claim]) -> None:
    """'18p' is 0.18 GBP, '18 sen' 0.18 MYR, '15 cents' 0.15 of the cent currency named last before it (USD
    when none is): a claim states money in its currency, so that amounts add up."""
    for index, claim in enumerate(claims):
        subunit, per, rate = (claim.unit or "").partition("/")  # "cent/unit": 15 cents a unit
        share = SUBUNIT_SHARES.get(subunit)
        if share is None:
            continue
        named = (c.currency for c in reversed(claims[:index]) if c.currency in CENT_CURRENCIES and c.currency == c.unit)
        currency = claim.currency or next(named, "USD")
        claim.value = claim.value * share if claim.value is not None else None
        claim.value_low = claim.value_low * share if claim.value_low is not None else None
        claim.value_high = claim.value_high * share if claim.value_high is not None else None
        claim.currency, claim.unit = currency, currency + per + rate


def inherit_of_what(doc: Doc, claims: list[Claim], annotations: Annotations) -> None:
    """'to 2% of GDP … from about 1.8%': the second percent in a sentence is of the same thing."""
    for claim in claims:
        if claim.of_what is not None or claim.quantity_kind not in ("percent", "percentage_points"):
            continue
        sentence = sentence_at(doc, claim.start, annotations)
        for other in claims:
            if (
                other is not claim
                and other.of_what
                and other.quantity_kind == claim.quantity_kind
                and sentence is not None
                and sentence.start_char <= other.start < sentence.end_char
            ):
                claim.of_what = other.of_what
                break


def link_changes(doc: Doc, claims: list[Claim], annotations: Annotations) -> None:
    """'raise spending to 2% … from about 1.8%', 'rose from $3bn to $5bn', 'was $5bn, up from $3bn': in one
    sentence, a value introduced as the old one points the new one of the same unit at itself."""
    text = doc_text(doc)
    roles = [_change_role(text, claim) for claim in claims]
    for old_index, old in enumerate(claims):
        if roles[old_index] != "old":
            continue
        sentence = sentence_at(doc, old.start, annotations)
        if sentence is None:
            continue
        candidates = [
            index
            for index, claim in enumerate(claims)
            if index != old_index
            and roles[index] != "old"
            and claim.previous is None
            and sentence.start_char <= claim.start < sentence.end_char
        ]
        partners = [index for index in candidates if _same_unit(claims[index], old)]
        if not partners:
            # 'fell to 4.3 pct from 10.2', 'rose from 4.5 to 5.2 pct': a bare figure at one end of a change is
            # in the unit of the other end.
            partners = [
                index
                for index in candidates
                if _is_bare(claims[index]) != _is_bare(old) and _of_one_order(claims[index].value, old.value)
            ]
        # A value marked "to" is the new one wherever it sits; else the nearest before ("$5bn, up from $3bn").
        marked = [index for index in partners if roles[index] == "new"]
        before = [index for index in partners if index < old_index]
        new_index = (
            min(marked, key=lambda index: abs(index - old_index)) if marked else (before[-1] if before else None)
        )
        if new_index is not None:
            new = claims[new_index]
            new.previous = old_index
            bare, stated = (new, old) if _is_bare(new) else (old, new)
            if _is_bare(bare) and not _is_bare(stated):
                bare.quantity_kind, bare.unit, bare.currency = stated.quantity_kind, stated.unit, stated.currency
            # One thing changed: a subject or measured thing found for either value is the other's too.
            new.subject = new.subject or old.subject
            old.subject = old.subject or new.subject
            new.of_what = new.of_what or old.of_what
            old.of_what = old.of_what or new.of_what


def _same_unit(one: Claim, other: Claim) -> bool:
    return (one.quantity_kind, one.unit, one.currency) == (other.quantity_kind, other.unit, other.currency)


def _of_one_order(one: float | None, other: float | None) -> bool:
    """Two ends of one change whose unit the writer left out once are of one size ('to 4.3 pct from 10.2';
    not 'to 800 tonnes from 130,000')."""
    if not one or not other:
        return False
    one, other = abs(one), abs(other)
    return max(one, other) / min(one, other) <= SAME_ORDER


def _is_bare(claim: Claim) -> bool:
    """A figure the text gives no unit ('from 10.2')."""
    return claim.quantity_kind == "number" and claim.unit is None


def _change_role(text: str, claim: Claim) -> str | None:
    """'new' for a value marked "to", 'old' for one marked "from", "compared with" and the like, else None."""
    match = CHANGE_ROLE_BEFORE.search(text_before(text, claim.start))
    if match is None:
        return None
    return "new" if match.group("word").lower() == "to" else "old"


def carry_unit_before(doc: Doc, quantity: Quantity, claims: list[Claim], annotations: Annotations) -> None:
    """'Net profit 146.4 mln dlrs vs 110.3 mln', 'usage rose to 19 mln tonnes … Soviet imports of 3.7 mln',
    '157,000 new jobs … 2.2 million': an amount with a magnitude and no unit is in the unit (or counts the
    noun) of the amount before it in its sentence, else in the sentence before (the writer does not repeat
    the currency, unit or noun)."""
    sentence = sentence_at(doc, quantity.number_start, annotations)
    following = NEXT_WORD.match(doc_text(doc), quantity.end)
    if sentence is None or (following is not None and following.group(1).lower() not in UNIT_CARRY_FOLLOWERS):
        return  # "3 mln shareholders": a count of its own noun
    window_start = sentence.start_char
    if sentence.start > 0:
        window_start = doc[sentence.start - 1].sent.start_char if annotations.sentences else window_start
    before = [
        c
        for c in claims
        if (
            c.quantity_kind == "money"
            or (c.quantity_kind == "measure" and c.scale is not None)
            or (c.quantity_kind == "count" and c.unit is not None)
        )
        and window_start <= c.start < quantity.start
    ]
    if before:
        last = before[-1]
        unit = last.currency or last.unit
        quantity.kind, quantity.unit, quantity.currency = last.quantity_kind, unit, last.currency


def share_what_changed(doc: Doc, claims: list[Claim], annotations: Annotations) -> None:
    """'Exports fell 3% to $3bn': the level a change went to or from measures what the change does; so does a
    change stated after a level ('orders totaled 103.8 mln dlrs, up 4.9 pct'); an amount restated ('214 mln
    dlrs or 3.25 dlrs per share', '$5bn (£2.6bn)', '146.4 mln vs 110.3 mln') measures what the first does, and
    is the same change if the first is one."""
    text = doc_text(doc)
    for index in range(1, len(claims)):
        before, claim = claims[index - 1], claims[index]
        if not RESTATED.fullmatch(text, before.end, claim.start):
            continue
        if (before.of_what is None) != (claim.of_what is None):
            before.of_what = claim.of_what = before.of_what or claim.of_what
        if claim.change_kind == "level" and before.change_kind != "level":
            # 'rose 15 cents - 1.1% -', 'fell $2m (£1.1m)': the same change, stated again.
            claim.change_kind, claim.direction = before.change_kind, before.direction
    for index, claim in enumerate(claims):
        if claim.of_what is not None or claim.change_kind == "level":
            continue
        sentence = sentence_at(doc, claim.start, annotations)
        measured = [
            other
            for other in claims[:index]
            if other.of_what and sentence is not None and sentence.start_char <= other.start
        ]
        if measured:
            claim.of_what = measured[-1].of_what
