"""Claims of one sentence read together: a percent without ``of_what`` takes the one of another percent, and a
value introduced as the old one ("from about 1.8%", "up from $3bn") becomes the ``previous`` of the new one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.nlp.claims.annotations import Annotations, sentence_at
from transforms.nlp.claims.claim import Claim
from transforms.nlp.claims.quantities import text_before
from transforms.nlp.doc_cache import doc_text

# What introduces a value as the old one of a change ("from about 1.8%", "compared with $3bn") or the new one
# ("to 2%"); a comparator may sit between the word and the number.
CHANGE_ROLE_BEFORE = re.compile(
    r"(?:^|\W)(?P<word>(?i:from|compared\s+(?:with|to)|against|versus|vs\.?|to))\s+"
    r"(?:(?i:about|around|nearly|almost|roughly|some|just|an\s+estimated)\s+)?$"
)


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
        partners = [
            index
            for index, claim in enumerate(claims)
            if index != old_index
            and roles[index] != "old"
            and claim.previous is None
            and (claim.quantity_kind, claim.unit, claim.currency) == (old.quantity_kind, old.unit, old.currency)
            and sentence.start_char <= claim.start < sentence.end_char
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
            # One thing changed: a subject found for either value is the other's too.
            new.subject = new.subject or old.subject
            old.subject = old.subject or new.subject


def _change_role(text: str, claim: Claim) -> str | None:
    """'new' for a value marked "to", 'old' for one marked "from", "compared with" and the like, else None."""
    match = CHANGE_ROLE_BEFORE.search(text_before(text, claim.start))
    if match is None:
        return None
    return "new" if match.group("word").lower() == "to" else "old"
