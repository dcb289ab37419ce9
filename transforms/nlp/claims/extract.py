"""The entry point: the numeric claims of one article's doc, in text order."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import Annotations
from transforms.nlp.claims.build import build_claim
from transforms.nlp.claims.changes import (
    carry_unit_before,
    in_main_currency_unit,
    inherit_of_what,
    link_changes,
    share_what_changed,
)
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.direction import directions_from_ends, set_directions
from transforms.nlp.claims.elided import mark_price_in_eighths, supply_elided_unit
from transforms.nlp.claims.home_currency import in_home_currency
from transforms.nlp.claims.multiples import read_multiples, with_multiples
from transforms.nlp.claims.quantities import read_quantities
from transforms.nlp.claims.ranges import join_ranges_and_lists
from transforms.nlp.claims.results_lines import read_results_lines
from transforms.nlp.claims.tables import table_claims
from transforms.nlp.doc_cache import doc_text


def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of one article, in text order."""
    text = doc_text(doc)
    annotations = Annotations.of(doc)
    in_tables = table_claims(text)
    cell_starts = [cell.start for cell in in_tables]  # in text order: looked up by bisection
    claims: list[Claim] = []
    for quantity in with_multiples(join_ranges_and_lists(text, read_quantities(text)), read_multiples(text)):
        if _in_a_cell(in_tables, cell_starts, quantity.start, quantity.end):
            continue  # a table's figures are read as a table (tables.py), not as words of a sentence
        if quantity.kind is None and quantity.scale is not None and not quantity.fraction:
            carry_unit_before(doc, quantity, claims, annotations)
        mark_price_in_eighths(doc, quantity, annotations)
        claim = build_claim(doc, quantity, annotations)
        # A number with no unit may have one its sentence leaves out ('fell 162.31 points to 7,425.81').
        bare = claim is None or (claim.quantity_kind == "number" and claim.unit is None)
        if bare and (measured := supply_elided_unit(doc, quantity, claims, annotations)) is not None:
            claim = build_claim(doc, quantity, annotations)
            if claim is not None:
                claim.of_what = measured or None
        if claim is not None:
            claims.append(claim)
    in_main_currency_unit(claims)
    link_changes(doc, claims, annotations)
    set_directions(text, claims)
    directions_from_ends(text, claims)
    share_what_changed(doc, claims, annotations)
    inherit_of_what(doc, claims, annotations)
    claims = _in_text_order(claims, in_tables)
    in_home_currency(text, claims)  # a table's "mln dlrs" in a Canadian story too
    read_results_lines(text, claims)  # after: the results' "cts" may be a Canadian story's
    return claims


def _in_a_cell(cells: list[Claim], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a table cell; cells are in text order and do not overlap."""
    index = bisect_left(starts, end) - 1  # the last cell starting before the end
    return index >= 0 and start < cells[index].end


def _in_text_order(claims: list[Claim], more: list[Claim]) -> list[Claim]:
    """``claims`` and ``more`` merged by start, each claim's ``previous`` index moved with the claim it names."""
    if not more:
        return claims
    merged = sorted([*claims, *more], key=lambda claim: claim.start)
    position = {id(claim): index for index, claim in enumerate(merged)}
    for claim in claims:
        if claim.previous is not None:
            claim.previous = position[id(claims[claim.previous])]
    return merged
