"""The entry point: the numeric claims of one article's doc, in text order."""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import Annotations
from transforms.nlp.claims.build import build_claim
from transforms.nlp.claims.changes import inherit_of_what, link_changes
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.direction import set_directions
from transforms.nlp.claims.quantities import read_quantities
from transforms.nlp.claims.ranges import join_ranges_and_lists
from transforms.nlp.doc_cache import doc_text


def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of one article, in text order."""
    text = doc_text(doc)
    annotations = Annotations.of(doc)
    claims = []
    for quantity in join_ranges_and_lists(text, read_quantities(text)):
        claim = build_claim(doc, quantity, annotations)
        if claim is not None:
            claims.append(claim)
    inherit_of_what(doc, claims, annotations)
    link_changes(doc, claims, annotations)
    set_directions(text, claims)
    return claims
