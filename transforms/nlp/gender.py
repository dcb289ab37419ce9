"""What states a person's gender in a text: the pronouns it uses for them and the gendered honorifics, titles
and nouns in the roles it gives them.  Never a first name.  Used to resolve pronouns at quotes and, through
the same words, by the warehouse to give person entities a gender (warehouse.publish.entity_gender_sql)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Where a role's words break: spaces and hyphens ('ex-boyfriend', 'brother-in-law'); ASCII spaces only, as
# the warehouse's SQL splits them (warehouse.publish.entity_gender_sql).
ROLE_WORD_BREAK = re.compile(r"[\s-]+", re.ASCII)
MALE_PRONOUNS = frozenset(("he", "him", "his", "himself"))
FEMALE_PRONOUNS = frozenset(("she", "her", "hers", "herself"))
# Honorifics and gendered role nouns (a spokesman is a man where the same paper writes spokeswoman for a woman).
MALE_WORDS = frozenset(
    "mr sir lord king prince emperor spokesman chairman businessman congressman councilman "
    "policeman sportsman headmaster father son brother husband uncle nephew grandfather grandson stepfather "
    "stepson boyfriend widower dad".split()
)
FEMALE_WORDS = frozenset(
    "mrs ms miss lady dame queen princess duchess baroness empress countess spokeswoman chairwoman "
    "businesswoman congresswoman councilwoman policewoman sportswoman headmistress mother daughter sister wife "
    "aunt niece grandmother granddaughter stepmother stepdaughter girlfriend widow actress mum mom".split()
)


def gender_of_words(words: Iterable[str]) -> str | None:
    """'male' or 'female' when the lower-case words state one gender only, else None."""
    found = set(words)
    male, female = bool(found & MALE_WORDS), bool(found & FEMALE_WORDS)
    return "male" if male and not female else "female" if female and not male else None


def role_words(role: str | None) -> list[str]:
    """A mention's role as the lower-case words gender is read from ('Mr.' → 'mr', 'ex-boyfriend' → 'ex',
    'boyfriend')."""
    return [word.rstrip(".") for word in ROLE_WORD_BREAK.split((role or "").lower()) if word]
