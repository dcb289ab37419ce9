"""Names the model took for a person that the text treats as an organisation."""

from __future__ import annotations

import pytest

from transforms.nlp.analyse import extract_article


def _labels(nlp, reference, text: str) -> dict[str, str]:
    extraction = extract_article(nlp(text), "art_test", [], reference)
    return {row["name"]: row["label"] for row in extraction.entities}


@pytest.mark.parametrize(
    "text, name, label",
    [
        # what only a body has
        ("Mossack Fonseca's board met on Monday. Mossack Fonseca denied wrongdoing.", "Mossack Fonseca", "ORG"),
        # a kind of body right before the name
        (
            "Documents are connected to Panama law firm Mossack Fonseca. Mossack Fonseca denied wrongdoing.",
            "Mossack Fonseca",
            "ORG",
        ),
        # said to be a kind of body
        (
            "Christian Aid is a charity based in London. Christian Aid condemned the move.",
            "Christian Aid",
            "ORG",
        ),
        # a company's executives; the kind of body right after the name
        ("Silver Harrow executives said the offer was too low.", "Silver Harrow", "ORG"),
        ("Der Weltblick magazine said the money was lost. Der Weltblick named no source.", "Der Weltblick", "ORG"),
        # a company's legal form ends the name; a legal form that is a surname too needs more words
        ("Henry Marlowe Ltd said sales rose. Henry Marlowe Ltd expects more.", "Henry Marlowe Ltd", "ORG"),
        ("Philippine congressman Zaldy Co said the bill would pass.", "Zaldy Co", "PERSON"),
        # what a person has too leaves a person a person
        ("Wayne Rooney's earnings rose last year. Rooney said he was pleased.", "Wayne Rooney", "PERSON"),
        ("Richard Branson's shares rose. Branson said he was pleased.", "Richard Branson", "PERSON"),
        # a kind a person can be too leaves a person a person
        ("Screenwriter and producer Debra Hill has died. Hill began her career early.", "Debra Hill", "PERSON"),
        # an honorific outweighs what the name has
        ("Mr Malcolm Glazer's board backed the bid. Mr Glazer was pleased.", "Malcolm Glazer", "PERSON"),
    ],
)
def test_person_tagged_name_treated_as_organisation(nlp, reference, text, name, label):
    labels = _labels(nlp, reference, text)
    assert labels.get(name) == label, labels
