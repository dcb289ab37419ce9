"""The entry point: the numeric claims of one article's doc, in text order."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import Annotations, sentence_at
from transforms.nlp.claims.build import build_claim
from transforms.nlp.claims.changes import inherit_of_what, link_changes
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.direction import set_directions
from transforms.nlp.claims.multiples import read_multiples
from transforms.nlp.claims.quantities import Quantity, read_quantities
from transforms.nlp.claims.ranges import join_ranges_and_lists
from transforms.nlp.doc_cache import doc_text

# The word after an amount, and the words after which it can still be an unrepeated unit's amount
# ("110.3 mln against", "6.50 billion from"), not a count of a noun of its own ("3 mln shareholders").
NEXT_WORD = re.compile(r"[ \t]{1,8}([A-Za-z]+)")  # on the same line: a table's next row is no noun
UNIT_CARRY_FOLLOWERS = frozenset(
    "vs versus against from to in on at for by and or but while with as so up down over under above below a an "
    "the last this that compared year month week previously earlier before after".split()
)


def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of one article, in text order."""
    text = doc_text(doc)
    annotations = Annotations.of(doc)
    claims: list[Claim] = []
    for quantity in _with_multiples(join_ranges_and_lists(text, read_quantities(text)), read_multiples(text)):
        if quantity.kind is None and quantity.scale is not None and not quantity.fraction:
            _take_unit_before(doc, quantity, claims, annotations)
        claim = build_claim(doc, quantity, annotations)
        if claim is not None:
            claims.append(claim)
    inherit_of_what(doc, claims, annotations)
    link_changes(doc, claims, annotations)
    set_directions(text, claims)
    _share_what_changed(doc, claims, annotations)
    return claims


def _take_unit_before(doc: Doc, quantity: Quantity, claims: list[Claim], annotations: Annotations) -> None:
    """'Net profit 146.4 mln dlrs vs 110.3 mln', 'usage rose to 19 mln tonnes … Soviet imports of 3.7 mln':
    an amount with a magnitude and no unit is in the unit of the amount before it in its sentence, else in
    the sentence before (the writer does not repeat the currency or unit)."""
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
        if (c.quantity_kind == "money" or (c.quantity_kind == "measure" and c.scale is not None))
        and window_start <= c.start < quantity.start
    ]
    if before:
        last = before[-1]
        unit = last.currency or last.unit
        quantity.kind, quantity.unit, quantity.currency = last.quantity_kind, unit, last.currency


def _share_what_changed(doc: Doc, claims: list[Claim], annotations: Annotations) -> None:
    """'Exports fell 3% to $3bn': the level a change went to or from measures what the change does."""
    for index, claim in enumerate(claims):
        if claim.of_what is not None or claim.change_kind not in ("change_to", "change_from"):
            continue
        sentence = sentence_at(doc, claim.start, annotations)
        measured = [
            other
            for other in claims[:index]
            if other.of_what and sentence is not None and sentence.start_char <= other.start
        ]
        if measured:
            claim.of_what = measured[-1].of_what


def _with_multiples(quantities: list[Quantity], multiples: list[Quantity]) -> list[Quantity]:
    """The quantities, with each multiple ("twice", "threefold", "three times as") in place of the bare
    number it was read as, in text order."""
    kept = [q for q in quantities if not any(q.start < m.end and m.start < q.end for m in multiples)]
    return sorted([*kept, *multiples], key=lambda q: q.start)
