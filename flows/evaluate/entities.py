"""`broadsheet eval entities`: the entity extraction over gold-annotated articles, scored."""

from __future__ import annotations

from evaluation.entities import EntityScores, score_entities
from flows.evaluate.gold import GoldArticle, extract


def evaluate_entities(gold_articles: list[GoldArticle]) -> list[tuple[GoldArticle, EntityScores]]:
    results = []
    for item in gold_articles:
        extraction = extract(item.article)
        labels = set(item.gold["labels"]) if "labels" in item.gold else None
        results.append(
            (item, score_entities(extraction.entity_mentions, extraction.entities, item.gold["entities"], labels))
        )
    return results
