"""Body texts → rows of entity_mentions, entities, quotes and numeric_claims.

The spaCy pipeline is handed in (loading a model is IO, done at the edge);
everything here is a function of the texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyarrow as pa
from spacy.language import Language
from spacy.tokens import Doc

from transforms.ids import entity_id_for, span_id
from transforms.nlp.claims import extract_claims
from transforms.nlp.doc_cache import forget_views, remember_text
from transforms.nlp.entities import Reference, extract_entities
from transforms.nlp.institutions import add_public_bodies
from transforms.nlp.organisation_labels import relabel_organisations
from transforms.nlp.quotes import extract_quotes
from transforms.nlp.quotes.missed_speakers import missed_speakers
from transforms.records import Rejection, error_line
from transforms.schemas import ENTITIES, ENTITY_MENTIONS, NUMERIC_CLAIMS, QUOTES

# nlp.pipe batch size: large enough to amortise the model's per-batch cost, small enough to keep memory flat.
NLP_BATCH_SIZE = 64
# A body longer than this goes through the model in windows of whole paragraphs: the model's memory grows with
# the length of one Doc (2.2-2.5 GB for a body near spaCy's 1,000,000-character limit), and spaCy refuses longer.
WINDOW_CHARS = 100_000
SCHEMAS = {"entity_mentions": ENTITY_MENTIONS, "entities": ENTITIES, "quotes": QUOTES, "numeric_claims": NUMERIC_CLAIMS}


@dataclass
class ArticleExtraction:
    """Rows extracted from one article (lineage columns are added by ``to_tables``)."""

    article_id: str
    entity_mentions: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    numeric_claims: list[dict] = field(default_factory=list)
    # Set (and every row list empty) when the extraction failed on this article: it is quarantined.
    failure: Rejection | None = None


def analyse_articles(articles: Iterable[dict], nlp: Language, reference: Reference) -> Iterator[ArticleExtraction]:
    """Extractions for article rows (each needs ``article_id``, ``body_text``, ``credits``, ``source_uri``
    and ``record_key``), in order."""
    for doc, article in _parsed(articles, nlp):
        remember_text(doc, article["body_text"])
        try:
            extraction = extract_article(doc, article["article_id"], article.get("credits") or [], reference)
        except Exception as error:  # noqa: BLE001 - one article's text must not stop the night's run
            # An extraction bug met on one text: that article is quarantined with the error, the run goes on,
            # and a new pipeline version (the fix) re-reads it.
            extraction = failed_extraction(article, error)
        forget_views(doc)
        yield extraction


def failed_extraction(article: dict, error: BaseException) -> ArticleExtraction:
    """No rows for the article, and its quarantine row with the error."""
    return ArticleExtraction(
        article["article_id"],
        failure=Rejection(
            article["source_uri"], article["record_key"], "analyse", "analysis_failed", error_line(error)
        ),
    )


def _parsed(articles: Iterable[dict], nlp: Language) -> Iterator[tuple[Doc, dict]]:
    """Each article's Doc, in order.  A long body goes through the model one window at a time (a batch of
    windows would cost what the whole body costs) and the windows' Docs are joined into one, whose text is the
    body again, so every offset stays true to ``body_text``."""
    batch: list[dict] = []
    for article in articles:
        windows = body_windows(article["body_text"])
        if len(windows) == 1:
            batch.append(article)
            if len(batch) == NLP_BATCH_SIZE:
                yield from _piped(batch, nlp)
                batch = []
            continue
        yield from _piped(batch, nlp)
        batch = []
        yield Doc.from_docs(list(nlp.pipe(windows, batch_size=1)), ensure_whitespace=False), article
    yield from _piped(batch, nlp)


def _piped(articles: list[dict], nlp: Language) -> Iterator[tuple[Doc, dict]]:
    pairs = ((article["body_text"], article) for article in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=NLP_BATCH_SIZE)


def body_windows(body: str) -> list[str]:
    """``body`` cut into pieces of at most WINDOW_CHARS characters that join back to it: at paragraph ends
    (each piece keeps its newline), a paragraph longer than that at its last space before the limit."""
    limit = WINDOW_CHARS
    if len(body) <= limit:
        return [body]
    windows: list[str] = []
    start = 0
    while start < len(body):
        end = min(start + limit, len(body))
        if end < len(body):
            cut = body.rfind("\n", start, end) + 1 or body.rfind(" ", start, end) + 1
            end = cut if cut > start else end
        windows.append(body[start:end])
        start = end
    return windows


def extract_article(doc: Doc, article_id: str, credits: list[dict], reference: Reference) -> ArticleExtraction:
    """Entities, quotes and claims of one parsed article, as table rows."""
    entities = extract_entities(doc, reference, missed_speakers(doc))
    relabel_organisations(doc, entities)
    entities = add_public_bodies(doc, entities)
    quotes, pronoun_mentions = extract_quotes(doc, entities, reference.capitals)
    for mention in pronoun_mentions:
        entities[mention.entity_index].mentions.append(mention)
    result = ArticleExtraction(article_id)

    entity_ids = [entity.entity_id(article_id) for entity in entities]
    for entity, entity_id in zip(entities, entity_ids, strict=True):
        result.entities.append(
            {
                "entity_id": entity_id,
                "name": entity.name,
                "label": entity.label,
                "scope": entity.scope,
                "country_code": reference.country_code(entity.name, entity.label),
                "aliases": sorted({m.text for m in entity.mentions if m.mention_type != "pronoun"}),
                "article_count": 1,
                "mention_count": len(entity.mentions),
            }
        )
        for mention in entity.mentions:
            result.entity_mentions.append(
                {
                    "mention_id": span_id("men", article_id, mention.start, mention.end),
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "text": mention.text,
                    "label": entity.label,
                    "start_char": mention.start,
                    "end_char": mention.end,
                    "sentence_index": mention.sentence_index,
                    "mention_type": mention.mention_type,
                    "role": mention.role,
                }
            )
    result.entity_mentions.extend(_credit_mentions(article_id, credits, result))

    quote_rows = []
    for quote in quotes:
        # entity_ids runs parallel to entities.
        speaker_id = entity_ids[quote.speaker_entity_index] if quote.speaker_entity_index is not None else None
        quote_rows.append(
            {
                "quote_id": span_id("quo", article_id, quote.start, quote.end, quote.kind),
                "article_id": article_id,
                "quote_text": quote.text,
                "start_char": quote.start,
                "end_char": quote.end,
                "kind": quote.kind,
                "cue": quote.cue,
                "cue_start_char": quote.cue_start,
                "cue_end_char": quote.cue_end,
                "speaker_text": quote.speaker_text,
                "speaker_start_char": quote.speaker_start,
                "speaker_end_char": quote.speaker_end,
                "speaker_entity_id": speaker_id,
                "speaker_role": quote.speaker_role,
                "attribution": quote.attribution,
                "paragraph_index": quote.paragraph_index,
            }
        )
    result.quotes = quote_rows

    claims = extract_claims(doc)
    claim_ids = [span_id("clm", article_id, claim.start, claim.end) for claim in claims]
    for claim, claim_id in zip(claims, claim_ids, strict=True):
        said_in = _innermost_quote(quote_rows, claim.start, claim.end)
        result.numeric_claims.append(
            {
                "claim_id": claim_id,
                "article_id": article_id,
                "surface": claim.surface,
                "start_char": claim.start,
                "end_char": claim.end,
                "value": claim.value,
                "value_low": claim.value_low,
                "value_high": claim.value_high,
                "unit": claim.unit,
                "quantity_kind": claim.quantity_kind,
                "currency": claim.currency,
                "scale": claim.scale,
                "approximate": claim.approximate,
                "comparator": claim.comparator,
                "direction": claim.direction,
                "change_kind": claim.change_kind,
                "of_what": claim.of_what,
                "subject": claim.subject,
                "time_text": claim.time_text,
                "quote_id": said_in["quote_id"] if said_in else None,
                "speaker_entity_id": said_in["speaker_entity_id"] if said_in else None,
                "previous_claim_id": claim_ids[claim.previous] if claim.previous is not None else None,
            }
        )
    # Two cues can report the same clause and a credit line can name someone twice: one row per id.
    result.entity_mentions = _first_per_key(result.entity_mentions, "mention_id")
    result.quotes = _first_per_key(result.quotes, "quote_id")
    result.numeric_claims = _first_per_key(result.numeric_claims, "claim_id")
    return result


def _first_per_key(rows: list[dict], key: str) -> list[dict]:
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row[key] not in seen:
            seen.add(row[key])
            unique.append(row)
    return unique


def _credit_mentions(article_id: str, credits: list[dict], result: ArticleExtraction) -> list[dict]:
    """Credited reporters and editors are people in the warehouse too; their line is not in the body, so no span."""
    rows = []
    known = {row["entity_id"]: row for row in result.entities}
    for credit in credits:
        entity_id = entity_id_for(credit["name"], "PERSON")
        if entity_id in known:
            known[entity_id]["mention_count"] += 1
            if credit["name"] not in known[entity_id]["aliases"]:
                known[entity_id]["aliases"] = sorted({*known[entity_id]["aliases"], credit["name"]})
        else:
            known[entity_id] = {
                "entity_id": entity_id,
                "name": credit["name"],
                "label": "PERSON",
                "scope": "global",
                "country_code": None,
                "aliases": [credit["name"]],
                "article_count": 1,
                "mention_count": 1,
            }
            result.entities.append(known[entity_id])
        rows.append(
            {
                "mention_id": span_id("men", article_id, None, None, "credit", credit["name"], credit["role"]),
                "article_id": article_id,
                "entity_id": entity_id,
                "text": credit["name"],
                "label": "PERSON",
                "start_char": None,
                "end_char": None,
                "sentence_index": None,
                "mention_type": "credit",
                "role": credit["role"],
            }
        )
    return rows


def _innermost_quote(quotes: list[dict], start: int, end: int) -> dict | None:
    containing = [q for q in quotes if q["start_char"] <= start and end <= q["end_char"]]
    return min(containing, key=lambda q: q["end_char"] - q["start_char"]) if containing else None


ARTICLE_CHILD_TABLES = ("entity_mentions", "quotes", "numeric_claims")


def to_tables(extractions: Iterable[ArticleExtraction], *, run_id: str, pipeline_version: str) -> dict[str, pa.Table]:
    """The per-article tables with lineage columns, and ``entities`` with one row per entity of these articles."""
    rows: dict[str, list[dict]] = {name: [] for name in ARTICLE_CHILD_TABLES}
    entities: dict[str, dict] = {}
    for extraction in extractions:
        for name in ARTICLE_CHILD_TABLES:
            rows[name].extend(getattr(extraction, name))
        merge_entities(entities, extraction.entities)
    rows["entities"] = [entities[key] for key in sorted(entities)]
    lineage = {"run_id": run_id, "pipeline_version": pipeline_version}
    return {
        name: pa.Table.from_pylist([{**row, **lineage} for row in table_rows], schema=SCHEMAS[name])
        for name, table_rows in rows.items()
    }


def merge_entities(entities: dict[str, dict], rows: list[dict]) -> None:
    """Fold one article's entity rows into ``entities``: one row per entity_id, counts summed, aliases united."""
    for row in rows:
        known = entities.get(row["entity_id"])
        if known is None:
            entities[row["entity_id"]] = {**row, "aliases": list(row["aliases"])}
            continue
        known["article_count"] += row["article_count"]
        known["mention_count"] += row["mention_count"]
        known["aliases"] = sorted({*known["aliases"], *row["aliases"]})
