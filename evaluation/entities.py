"""Scoring extractions against hand-made gold (the format of ../shared/gold/seed-000.json).

Entities are scored as (canonical entity, surface form) pairs: a predicted mention is right
when the entity it was assigned to has the gold canonical name (and, strictly, label) for that
surface.  Only the labels a gold file annotates are scored, so a file that lists only people,
places and organisations does not count a correctly found nationality against us.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.scores import Score
from transforms.nlp.entities import name_of

# Mention types that name the entity; pronouns and descriptions ("the finance ministry") are no names: the
# quotes' speakers score them, not the named-entity gold.
NAMING_MENTION_TYPES = frozenset(("full_name", "partial_name", "credit"))


@dataclass(frozen=True)
class EntityScores:
    strict: Score  # canonical name and label right
    by_name: Score  # canonical name right, label not checked
    missing: tuple[tuple[str, str], ...]  # gold (canonical, surface) pairs not found
    spurious: tuple[tuple[str, str], ...]  # predicted pairs the gold does not have


def score_entities(
    mentions: list[dict], entities: list[dict], gold_entities: list[dict], labels: set[str] | None = None
) -> EntityScores:
    """``mentions`` and ``entities`` are extraction rows; ``gold_entities`` the gold file's ``entities``."""
    scope = labels or {g["label"] for g in gold_entities}
    by_id = {e["entity_id"]: e for e in entities}
    predicted = set()
    for mention in mentions:
        entity = by_id.get(mention["entity_id"])
        if entity is None or entity["label"] not in scope or mention["mention_type"] not in NAMING_MENTION_TYPES:
            continue
        predicted.add((_key(entity["name"]), entity["label"], _key(mention["text"])))
    gold = {(_key(g["canonical"]), g["label"], _key(surface)) for g in gold_entities for surface in g["surfaces"]}
    strict = Score(len(predicted & gold), len(predicted), len(gold))
    predicted_names, gold_names = _unlabelled(predicted), _unlabelled(gold)
    by_name = Score(len(predicted_names & gold_names), len(predicted_names), len(gold_names))
    return EntityScores(
        strict,
        by_name,
        tuple(sorted(gold_names - predicted_names)),
        tuple(sorted(predicted_names - gold_names)),
    )


def _key(text: str) -> str:
    """Surface forms compare without a leading 'the', a possessive, or case."""
    return name_of(text).casefold()


def _unlabelled(pairs: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """(name, surface) pairs, the label left out."""
    return {(name, surface) for name, _, surface in pairs}
