"""Names the model took for a person that the text treats as an organisation.

The small model tags many two-word company and club names as people ("Manchester United", "Mossack
Fonseca", "Christian Aid"), and a cluster with a full PERSON name is a person (``entities``).  A reader
knows better from what the text says the name has or is:

- it has what only a body has: a board, shareholders, a subsidiary, a chairman, executives, branches
  ("Manchester United's board", "Yukos's subsidiary", "Diamond Shamrock executives"; not shares, earnings or
  flights, which people have too);
- it is introduced by a kind of body ("the South Korean newspaper Chosun Ilbo", "oil giant Yukos", "Panama
  law firm Mossack Fonseca"), names one ("Der Spiegel magazine") or is said to be one ("Nature Air is an
  airline").

A name the text gives an honorific ("Mr Fonseca") stays a person whatever else it says.
"""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.nlp.entities import Entity
from transforms.nlp.gender import role_words
from transforms.nlp.name_spans import BUSINESS_NOUNS, HONORIFICS

# What a body has and a person does not (a person has earnings, shares, a stake, flights and staff too).
ORGANISATION_HOLDINGS = frozenset(
    """
board boards shareholders shareholder subsidiary subsidiaries division divisions headquarters chairman chairwoman
ceo executives branch branches factory factories
""".split()
)
# Kinds of body a name is introduced by ("law firm Mossack Fonseca") or said to be ("X is an airline"); not
# the ones a person can be too ("producer Debra Hill", "publisher", "operator").
ORGANISATION_KIND_NOUNS = BUSINESS_NOUNS | frozenset(
    """
company firm group giant airline carrier bank lender carmaker automaker supermarket broadcaster newspaper
magazine network agency charity club union association federation institute university foundation regulator
studio website band think-tank
""".split()
)

# (Lemmas are not computed: see selective_lemmas.)
FORMS_OF_BE = frozenset(("is", "was", "are", "were"))


def relabel_organisations(doc: Doc, entities: list[Entity]) -> None:
    """Relabel, in place, the PERSON entities the text treats as organisations (see the module doc)."""
    for entity in entities:
        if entity.label != "PERSON" or any(set(role_words(m.role)) & HONORIFICS for m in entity.mentions):
            continue
        if any(_treated_as_organisation(doc, mention.start, mention.end) for mention in entity.mentions):
            entity.label = "ORG"
            for mention in entity.mentions:
                mention.label = "ORG"


def _treated_as_organisation(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    head = root.head
    # "Manchester United's board", "Yukos's subsidiary"
    if root.dep_ in ("poss", "compound") and head.i >= span.end and head.lower_ in ORGANISATION_HOLDINGS:
        return True
    # "oil giant Yukos", "the newspaper Chosun Ilbo", "law firm Mossack Fonseca": the kind right before the name
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.lower_ in ORGANISATION_KIND_NOUNS:
        return True
    # "Der Spiegel magazine", "the Diamond Shamrock company": the kind right after the name, which it names
    if (
        root.dep_ == "compound"
        and head.i == span.end
        and head.pos_ == "NOUN"
        and head.lower_ in ORGANISATION_KIND_NOUNS
    ):
        return True
    # "Nature Air is an airline"
    return (
        root.dep_ == "nsubj"
        and head.lower_ in FORMS_OF_BE
        and any(c.lower_ in ORGANISATION_KIND_NOUNS for c in head.children if c.dep_ == "attr")
    )
