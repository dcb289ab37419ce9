"""The table contract between stages: one pyarrow schema per table.

The Parquet writer, the Great Expectations suites (``expectations/``) and the
DuckDB DDL (``warehouse/``) are all derived from these definitions; nothing
else declares a column.  Field metadata carries what the derived artefacts
need: ``key`` (unique, not null), ``allowed`` (the closed set of values a
label/kind column may take) and ``doc`` (the data dictionary entry).
"""

from __future__ import annotations

import json

import pyarrow as pa

# Closed vocabularies, each value with what it means (the data dictionary and the column comments list them).
# Anything outside these sets is a blocking validation failure.
_MEANINGS: dict[tuple[str, ...], dict[str, str]] = {}


def _vocabulary(meanings: dict[str, str]) -> tuple[str, ...]:
    """The vocabulary's values in order; their meanings are kept for the fields that allow them."""
    values = tuple(meanings)
    _MEANINGS[values] = meanings
    return values


SOURCE_FORMATS = _vocabulary(
    {
        "txt": "a plain-text file (a wire story, the BBC's files)",
        "json": "a JSON document (a news-please dump)",
        "jsonl": "JSON Lines: one article per line",
        "html": "a web page",
        "sgml": "an SGML archive of stories (Reuters-21578)",
    }
)
ENTITY_SCOPES = _vocabulary(
    {
        "global": "one entity across the warehouse",
        "article": "a person named by one name only, or a body named by description, in one article; never "
        "merged with other articles' namesakes",
    }
)
ENTITY_LABELS = _vocabulary(
    {
        "PERSON": "people, fictional ones included",
        "ORG": "organisations: companies, agencies, institutions, parties, governments and their bodies",
        "GPE": "geo-political entities: countries, cities, states",
        "LOC": "other places: regions, mountain ranges, bodies of water",
        "NORP": "nationalities, religious and political groups ('British', 'Muslims')",
        "FAC": "facilities: buildings, airports, roads, bridges",
        "EVENT": "named events: storms, wars, battles, sports events",
        "PRODUCT": "products: objects, vehicles, foods (not services)",
        "LAW": "named laws and legal documents",
        "WORK_OF_ART": "titles of books, songs, films, programmes",
    }
)
MENTION_TYPES = _vocabulary(
    {
        "full_name": "the entity's name in full",
        "partial_name": "part of the name: a surname, a first name, an acronym, a short form",
        "pronoun": "a pronoun resolved to the entity ('he', 'she', 'it')",
        "nominal": "a description of the entity ('the finance ministry')",
        "credit": "a credit line naming a reporter or editor (no span: credit lines are not in the body)",
    }
)
QUOTE_KINDS = _vocabulary(
    {
        "direct": "a whole quotation in quote marks",
        "partial": "a quoted fragment inside the writer's own sentence",
        "indirect": "reported speech ('X said the plan would fail'); the span is the reported clause",
        "mixed": "reported speech with a quoted stretch inside",
    }
)
ATTRIBUTIONS = _vocabulary(
    {
        "explicit": "the speaker is named at the quote (the cue's subject, or the name after the cue)",
        "pronoun": "a pronoun at the quote, resolved to the person or organisation it stands for",
        "nominal": "a description at the quote ('the company', 'a spokeswoman for X'), resolved",
        "carried_over": "a paragraph that is only a quote continues the previous speaker",
        "introduced": "a quote with no cue right after a sentence about the speaker, in its paragraph",
        "according_to": "'according to X'",
        "unresolved": "no speaker found, or the evidence was too weak to name one",
    }
)
GENDERS = _vocabulary({"female": "stated female by the articles", "male": "stated male by the articles"})
GENDER_EVIDENCE = _vocabulary(
    {
        "title": "an honorific or gendered title or noun at a mention ('Ms', 'spokeswoman')",
        "pronoun": "the pronouns the articles resolve to the person",
    }
)
QUANTITY_KINDS = _vocabulary(
    {
        "percent": "a percentage ('7%', '7 per cent', '7pc')",
        "percentage_points": "a difference of percentages, in percentage points or basis points (unit says "
        "which; 100 basis points make 1 point)",
        "money": "an amount of money; currency holds its ISO 4217 code",
        "count": "a number of things; unit is the counted noun ('jobs')",
        "duration": "a span of time or an age",
        "measure": "a physical quantity (km, tonnes, barrels, mph)",
        "points": "index points gained or lost, or an index level",
        "number": "a number with no stated unit",
    }
)
COMPARATORS = _vocabulary(
    {
        "about": "about, around, roughly, nearly",
        "more_than": "more than, over, above",
        "less_than": "less than, under, below",
        "at_least": "at least",
        "at_most": "at most, no more than",
        "up_to": "up to",
        "exactly": "exactly",
    }
)
DIRECTIONS = _vocabulary({"up": "the stated change was a rise", "down": "the stated change was a fall"})
CHANGE_KINDS = _vocabulary(
    {
        "level": "a state ('unemployment is 5%')",
        "change": "the amount of a change ('fell 7%')",
        "change_to": "the level a change went to ('to $2.3bn')",
        "change_from": "the level a change went from ('from $10.9bn')",
    }
)
FILE_STATUSES = _vocabulary(
    {
        "parsed": "read; its articles are published",
        "quarantined": "nothing in it could be read (see the quarantine table)",
        "empty": "read, but it held no article (only briefs or empty stories)",
        # A file version read before sources had names, whose file has since been read under its source's name;
        # its articles are not published (they are the same file's, under the new ids).
        "superseded": "read before sources had names, and read again since under its source's name",
        "unreadable": "could not be opened or read (permissions, gone since it was listed); tried again every run",
    }
)
PUBLISHED_AT_SOURCES = _vocabulary(
    {
        "metadata": "the source's own metadata (news-please date_publish, the Reuters <DATE>)",
        "html_meta": "the page's meta tags or JSON-LD",
        "dateline": "the dateline ('TOKYO, Oct 29 (Reuters)')",
        "url": "a date in the URL's path",
    }
)
RUN_STATUSES = _vocabulary(
    {
        "running": "started and not finished (or stopped without recording an end)",
        "succeeded": "finished and published",
        "failed": "stopped by an error (see error)",
    }
)
SEVERITIES = _vocabulary(
    {
        "blocking": "a failure stops the publish; the last good warehouse stays",
        "warning": "a failure is recorded and the publish goes on",
    }
)
QUARANTINE_STAGES = _vocabulary(
    {
        "parse": "reading the file into records",
        "normalise": "cleaning a record into an article",
        "analyse": "the language model and the extraction",
    }
)
# Why an input was quarantined; the README's quarantine table says more about each.
QUARANTINE_REASONS = _vocabulary(
    {
        "unreadable": "the file could not be opened or read",
        "too_large": "over 64 MiB as stored or once decompressed",
        "parse_failed": "the parser raised on the file (the detail has the error)",
        "parse_timeout": "parsing ran over its 60 s budget",
        "empty_file": "zero bytes or only whitespace",
        "binary_file": "a binary format (PDF, image, archive)",
        "undecodable": "bytes no text encoding reads",
        "corrupt_gzip": "a .gz that does not decompress",
        "unsupported_format": "an extension and content no parser reads",
        "invalid_json": "a JSON file that does not parse",
        "invalid_json_line": "one JSON Lines line that does not parse",
        "unsupported_structure": "JSON that is not an article object, or a body that is not text",
        "invalid_html": "markup that cannot be read at all",
        "no_article_text": "an HTML page with no main text",
        "invalid_sgml": "an SGML file with no story",
        "invalid_sgml_record": "one SGML story that cannot be read",
        "duplicate_record_key": "a record key seen twice in one file",
        "empty_body": "too few words once headline, dateline and credits are removed",
        "too_long": "a body over 2,000,000 characters",
        "normalise_failed": "normalising raised on the record (the detail has the error)",
        "normalise_timeout": "normalising ran over its 30 s budget",
        "analysis_failed": "the model or the extraction raised (the article is kept without entities, quotes "
        "and claims)",
    }
)


def _field(
    name: str,
    type_: pa.DataType,
    doc: str,
    *,
    nullable: bool = True,
    key: bool = False,
    allowed: tuple[str, ...] | None = None,
    references: str | None = None,
) -> pa.Field:
    metadata = {"doc": doc}
    if key:
        metadata["key"] = "true"
    if allowed is not None:
        metadata["allowed"] = "|".join(allowed)
        metadata["meanings"] = json.dumps([_MEANINGS[allowed][value] for value in allowed])
    if references is not None:
        metadata["references"] = references
    return pa.field(name, type_, nullable=nullable and not key, metadata=metadata)


def _lineage() -> list[pa.Field]:
    return [
        _field("run_id", pa.string(), "Run that produced this row.", nullable=False, references="runs.run_id"),
        _field("pipeline_version", pa.string(), "Code + model version that produced this row.", nullable=False),
    ]


def _span(prefix: str = "", what: str = "the text") -> list[pa.Field]:
    return [
        _field(f"{prefix}start_char", pa.int32(), f"Start offset of {what} in articles.body_text."),
        _field(f"{prefix}end_char", pa.int32(), f"End offset (exclusive) of {what} in articles.body_text."),
    ]


CREDIT_TYPE = pa.struct([("name", pa.string()), ("role", pa.string())])
TIMESTAMP = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        _field(
            "article_id",
            pa.string(),
            "Stable id: hash of the canonical URL if known, else of source_uri + record key.",
            key=True,
        ),
        _field(
            "source_name",
            pa.string(),
            "Name of the source the file was read from ('bbc' for --source bbc=/data/bbc); "
            "NULL only for articles read before sources had names and not read since.",
        ),
        _field(
            "source_uri",
            pa.string(),
            "The file's identity: source name + '/' + path inside the source ('bbc/politics/001.txt').",
            nullable=False,
        ),
        _field("record_key", pa.string(), "Which record inside the file ('' for one-article files).", nullable=False),
        _field("source_format", pa.string(), "Parser that read the file.", nullable=False, allowed=SOURCE_FORMATS),
        _field("content_sha256", pa.string(), "sha256 of the normalised body text.", nullable=False),
        _field(
            "duplicate_of",
            pa.string(),
            "article_id of an earlier article with the same body, else null.",
            references="articles.article_id",
        ),
        _field("url", pa.string(), "Canonical URL when the source gives one."),
        _field(
            "publisher",
            pa.string(),
            "The outlet ('Reuters', 'BBC News'): page metadata (og:site_name, JSON-LD), "
            "the dump's source domain, the dateline's agency, else the URL's registered domain.",
        ),
        _field("title", pa.string(), "Headline."),
        _field("dateline", pa.string(), "Dateline prefix such as 'TOKYO, Oct 29 (Reuters)', removed from the body."),
        _field(
            "published_at",
            TIMESTAMP,
            "Publication time in UTC as the source states it; NULL when it states none. "
            "A date without a time (dateline, URL) is 00:00 UTC.",
        ),
        _field("published_at_source", pa.string(), "Which evidence gave published_at.", allowed=PUBLISHED_AT_SOURCES),
        _field(
            "first_seen_at",
            TIMESTAMP,
            "When this warehouse first loaded the article (start of that run); never changes on later runs.",
            nullable=False,
        ),
        _field("language", pa.string(), "ISO 639-1 language code when known."),
        _field("authors", pa.list_(pa.string()), "Bylines from the source metadata."),
        _field("credits", pa.list_(CREDIT_TYPE), "People named in trailing credit lines, with their role."),
        _field("topics", pa.list_(pa.string()), "Subject codes the source assigns (Reuters TOPICS)."),
        _field("places", pa.list_(pa.string()), "Place codes the source assigns (Reuters PLACES)."),
        _field(
            "body_text",
            pa.string(),
            "Clean article text; paragraphs separated by a newline. All spans index into it.",
            nullable=False,
        ),
        _field("word_count", pa.int32(), "Whitespace-separated words in body_text.", nullable=False),
        _field("paragraph_count", pa.int32(), "Paragraphs in body_text.", nullable=False),
        *_lineage(),
    ]
)

ENTITIES = pa.schema(
    [
        _field(
            "entity_id",
            pa.string(),
            "Stable id derived from canonical name and label (and the article, for article-scoped entities).",
            key=True,
        ),
        _field("name", pa.string(), "Canonical name.", nullable=False),
        _field("label", pa.string(), "Entity type.", nullable=False, allowed=ENTITY_LABELS),
        _field(
            "scope",
            pa.string(),
            "Whether the entity spans the warehouse or one article ('Mrs Howard' named only so, 'the finance "
            "ministry').",
            nullable=False,
            allowed=ENTITY_SCOPES,
        ),
        _field(
            "country_code", pa.string(), "ISO 3166-1 alpha-2 code of a country (GPE) or of a demonym's country (NORP)."
        ),
        _field("aliases", pa.list_(pa.string()), "Every surface form seen for the entity (pronouns excluded)."),
        _field(
            "article_count",
            pa.int64(),
            "Articles mentioning or crediting the entity (duplicate articles excluded).",
            nullable=False,
        ),
        _field("mention_count", pa.int64(), "Mentions of the entity (duplicate articles excluded).", nullable=False),
        _field("first_seen", TIMESTAMP, "Earliest publication time of an article mentioning the entity."),
        _field("last_seen", TIMESTAMP, "Latest publication time of an article mentioning the entity."),
        _field(
            "gender",
            pa.string(),
            "A person's gender as the published articles state it (honorifics, gendered titles, the pronouns "
            "resolved to them), never from a first name; NULL when they state none or both. Set at publish.",
            allowed=GENDERS,
        ),
        _field("gender_evidence", pa.string(), "What stated the gender.", allowed=GENDER_EVIDENCE),
        *_lineage(),
    ]
)

ENTITY_MENTIONS = pa.schema(
    [
        _field("mention_id", pa.string(), "Stable id of the mention (article, span).", key=True),
        _field(
            "article_id", pa.string(), "Article the mention is in.", nullable=False, references="articles.article_id"
        ),
        _field(
            "entity_id",
            pa.string(),
            "Canonical entity the mention refers to.",
            nullable=False,
            references="entities.entity_id",
        ),
        _field("text", pa.string(), "Surface text: body_text[start_char:end_char].", nullable=False),
        _field(
            "label",
            pa.string(),
            "Entity type (decided by the entity's cluster).",
            nullable=False,
            allowed=ENTITY_LABELS,
        ),
        *_span(what="the mention"),
        _field("sentence_index", pa.int32(), "Index of the sentence in the article (-1 for credit lines)."),
        _field("mention_type", pa.string(), "How the entity is named here.", nullable=False, allowed=MENTION_TYPES),
        _field("role", pa.string(), "Title or role stripped from the name ('Prime Minister', 'reporter')."),
        *_lineage(),
    ]
)

QUOTES = pa.schema(
    [
        _field("quote_id", pa.string(), "Stable id of the quote (article, span).", key=True),
        _field("article_id", pa.string(), "Article the quote is in.", nullable=False, references="articles.article_id"),
        _field(
            "quote_text",
            pa.string(),
            "Quoted content without the quote marks: body_text[start_char:end_char].",
            nullable=False,
        ),
        *_span(what="the quote content"),
        _field("kind", pa.string(), "What sort of quote.", nullable=False, allowed=QUOTE_KINDS),
        _field("cue", pa.string(), "Speech cue ('said', 'told', 'according to').", nullable=True),
        *_span("cue_", "the cue"),
        _field("speaker_text", pa.string(), "How the speaker is named at the quote ('he', 'Hegseth')."),
        *_span("speaker_", "the speaker mention"),
        _field(
            "speaker_entity_id",
            pa.string(),
            "Canonical entity of the speaker, when resolved.",
            references="entities.entity_id",
        ),
        _field(
            "speaker_role",
            pa.string(),
            "The speaker's role as the article gives it at the quote ('Tory leader', 'foreign secretary'), "
            "honorifics left out.",
        ),
        _field("attribution", pa.string(), "How the speaker was found.", nullable=False, allowed=ATTRIBUTIONS),
        _field("paragraph_index", pa.int32(), "Paragraph of the quote's start.", nullable=False),
        *_lineage(),
    ]
)

NUMERIC_CLAIMS = pa.schema(
    [
        _field("claim_id", pa.string(), "Stable id of the claim (article, span).", key=True),
        _field("article_id", pa.string(), "Article the claim is in.", nullable=False, references="articles.article_id"),
        _field("surface", pa.string(), "Claim text: body_text[start_char:end_char].", nullable=False),
        *_span(what="the claim"),
        _field("value", pa.float64(), "The value as stated, in units (3e9 for '$3bn'); never negated for a fall."),
        _field("value_low", pa.float64(), "Lower bound for ranges and vague amounts."),
        _field("value_high", pa.float64(), "Upper bound for ranges and vague amounts."),
        _field("unit", pa.string(), "Normalised unit ('percent', 'USD', 'year', 'fighter jets')."),
        _field("quantity_kind", pa.string(), "What sort of quantity.", nullable=False, allowed=QUANTITY_KINDS),
        _field("currency", pa.string(), "ISO 4217 code for money."),
        _field("scale", pa.float64(), "Multiplier applied from a scale word (1e9 for 'billion')."),
        _field("approximate", pa.bool_(), "Hedged ('about', 'dozens').", nullable=False),
        _field("comparator", pa.string(), "Comparison word normalised.", allowed=COMPARATORS),
        _field(
            "direction",
            pa.string(),
            "Which way the stated change went ('fell 7%' is down); NULL for a level or a change of no stated way.",
            allowed=DIRECTIONS,
        ),
        _field(
            "change_kind",
            pa.string(),
            "What the quantity is to a change ('Exports fell 7% to $2.3bn': 7% the change, $2.3bn the change_to).",
            nullable=False,
            allowed=CHANGE_KINDS,
        ),
        _field(
            "of_what",
            pa.string(),
            "What the quantity measures: the whole it is a share of ('GDP'), else what the sentence says changed or "
            "stands at that level ('Exports' in 'Exports fell 7% to $2.3bn').",
        ),
        _field("subject", pa.string(), "Noun phrase the quantity describes."),
        _field("time_text", pa.string(), "Time expression attached to the claim ('by 2035')."),
        _field("quote_id", pa.string(), "Quote the number was said in.", references="quotes.quote_id"),
        _field("speaker_entity_id", pa.string(), "Entity who said or reported it.", references="entities.entity_id"),
        _field(
            "previous_claim_id",
            pa.string(),
            "The claim this value changed from, in the same sentence ('to 2% … from about 1.8%').",
            references="numeric_claims.claim_id",
        ),
        *_lineage(),
    ]
)

RUNS = pa.schema(
    [
        _field("run_id", pa.string(), "Run id (sortable by start time).", key=True),
        _field("started_at", TIMESTAMP, "Run start.", nullable=False),
        _field("finished_at", TIMESTAMP, "Run end."),
        _field("status", pa.string(), "Outcome.", nullable=False, allowed=RUN_STATUSES),
        _field("sources", pa.list_(pa.string()), "Sources the run read, as NAME=PATH (file, folder or glob)."),
        _field(
            "source_roots",
            pa.map_(pa.string(), pa.string()),
            "Source name -> the folder its paths are relative to, for this run: a name read from another folder "
            "later must be given explicitly.",
        ),
        _field("pipeline_version", pa.string(), "Code + model version.", nullable=False),
        _field("files_seen", pa.int64(), "Files discovered.", nullable=False),
        _field("files_new", pa.int64(), "Files new or changed since the last run.", nullable=False),
        _field("articles", pa.int64(), "Articles produced by this run.", nullable=False),
        _field("quarantined", pa.int64(), "Files or records quarantined by this run.", nullable=False),
        _field(
            "discarded",
            pa.map_(pa.string(), pa.int64()),
            "Records that are not articles by design, by reason (wire briefs).",
        ),
        _field(
            "skipped_language", pa.int64(), "Articles stored but not analysed: not in a language the NLP model reads."
        ),
        _field("step_seconds", pa.map_(pa.string(), pa.float64()), "Wall time per step."),
        _field("error", pa.string(), "One-line reason when the run failed."),
    ]
)

FILES = pa.schema(
    [
        _field("file_id", pa.string(), "sha256 of (source_uri, content sha256, pipeline_version).", key=True),
        _field(
            "source_name", pa.string(), "Source the file was read from; NULL for files read before sources had names."
        ),
        _field(
            "source_uri",
            pa.string(),
            "The file's identity: source name + '/' + path inside the source.",
            nullable=False,
        ),
        _field("source_path", pa.string(), "Absolute path when the file was read.", nullable=False),
        _field(
            "modified_at",
            TIMESTAMP,
            "The file's modification time when it was read (decides which of two files with "
            "one URL is newer, and the year of a dateline without one).",
        ),
        _field("sha256", pa.string(), "sha256 of the raw bytes.", nullable=False),
        _field("size_bytes", pa.int64(), "Raw size.", nullable=False),
        _field("status", pa.string(), "What became of the file.", nullable=False, allowed=FILE_STATUSES),
        _field("article_count", pa.int64(), "Articles the file yielded.", nullable=False),
        *_lineage(),
    ]
)

QUARANTINE = pa.schema(
    [
        _field(
            "quarantine_id", pa.string(), "sha256 of (source_uri, record_key, reason_code, pipeline_version).", key=True
        ),
        _field("source_uri", pa.string(), "File the bad input came from.", nullable=False),
        _field("record_key", pa.string(), "Record inside the file ('' for the whole file).", nullable=False),
        _field("stage", pa.string(), "Step that rejected it.", nullable=False, allowed=QUARANTINE_STAGES),
        _field(
            "reason_code",
            pa.string(),
            "Machine-readable reason ('invalid_json', 'empty_body'; README, Quarantine).",
            nullable=False,
            allowed=QUARANTINE_REASONS,
        ),
        _field("detail", pa.string(), "Human-readable detail."),
        _field("quarantined_at", TIMESTAMP, "When it was quarantined.", nullable=False),
        *_lineage(),
    ]
)

VALIDATION_RESULTS = pa.schema(
    [
        _field("result_id", pa.string(), "sha256 of (run_id, table, expectation, column).", key=True),
        _field("table_name", pa.string(), "Validated table.", nullable=False),
        _field("expectation", pa.string(), "Great Expectations expectation type.", nullable=False),
        _field("column_name", pa.string(), "Column the expectation checks, if any."),
        _field("severity", pa.string(), "Blocking failures stop the publish.", nullable=False, allowed=SEVERITIES),
        _field("success", pa.bool_(), "Whether the expectation held.", nullable=False),
        _field("unexpected_count", pa.int64(), "Rows that broke it."),
        _field("row_count", pa.int64(), "Rows validated.", nullable=False),
        _field("detail", pa.string(), "Sample of unexpected values."),
        _field("validated_at", TIMESTAMP, "When.", nullable=False),
        *_lineage(),
    ]
)

# The hand-off from parse to normalise (a run's scratch file, never published): one row per
# ``transforms.records.RawRecord``, field for field (tested).
RAW_RECORDS = pa.schema(
    [
        _field(
            "source_uri",
            pa.string(),
            "The file the record came from: SOURCE_NAME/path inside the source.",
            nullable=False,
        ),
        _field("record_key", pa.string(), "Which record of the file ('' for a one-article file).", nullable=False),
        _field("source_format", pa.string(), "Input format.", nullable=False, allowed=SOURCE_FORMATS),
        _field("text", pa.string(), "The article text as the source gave it.", nullable=False),
        _field("title", pa.string(), "Title as the source gave it."),
        _field("url", pa.string(), "URL as the source gave it."),
        _field("authors", pa.list_(pa.string()), "Authors as the source's metadata names them."),
        _field("published", pa.string(), "Publication time as the source states it, unparsed."),
        _field("published_source", pa.string(), "Which metadata gave 'published'.", allowed=PUBLISHED_AT_SOURCES),
        _field("publisher", pa.string(), "The outlet as the source's metadata names it."),
        _field("language", pa.string(), "Language as the source's metadata states it."),
        _field("dateline", pa.string(), "Dateline, when the format marks it (SGML <DATELINE>)."),
        _field("topics", pa.list_(pa.string()), "Topic codes the source gives (Reuters <TOPICS>)."),
        _field("places", pa.list_(pa.string()), "Place codes the source gives (Reuters <PLACES>)."),
    ]
)

# What one row of each published table is (the table comments and the data dictionary).
TABLE_DOCS: dict[str, str] = {
    "articles": "One row per article: where it came from, its publisher and dates, and its clean body text (every "
    "span in the warehouse indexes into body_text).",
    "entities": "One row per canonical entity (person, organisation, place, ...) across the warehouse, with its "
    "aliases, counts and, for people, the gender the articles state.",
    "entity_mentions": "One row per mention of an entity in an article, with its span, how it is named and the "
    "role stripped from it.",
    "quotes": "One row per quote: its span and kind, the cue, the speaker as named at the quote and resolved to "
    "an entity, and which rule decided.",
    "numeric_claims": "One row per quantity stated in an article: value as stated, unit and kind, direction and "
    "kind of change, what it measures, and who said it.",
    "runs": "One row per pipeline run: when, what it read, what it produced, time per step, and its outcome.",
    "files": "One row per version of an input file read (the manifest): its identity, hash, size and what "
    "became of it.",
    "quarantine": "One row per input that could not be processed, with the stage and reason.",
    "validation_results": "One row per Great Expectations expectation checked on a run's tables.",
}

# Content tables hold one version of each article's rows; ops tables are logs.
CONTENT_TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "entities": ENTITIES,
    "entity_mentions": ENTITY_MENTIONS,
    "quotes": QUOTES,
    "numeric_claims": NUMERIC_CLAIMS,
}
OPS_TABLES: dict[str, pa.Schema] = {
    "runs": RUNS,
    "files": FILES,
    "quarantine": QUARANTINE,
    "validation_results": VALIDATION_RESULTS,
}
ALL_TABLES: dict[str, pa.Schema] = {**CONTENT_TABLES, **OPS_TABLES}

# Child tables whose rows carry spans into articles.body_text: (text column, start, end).
SPAN_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "entity_mentions": [("text", "start_char", "end_char")],
    "quotes": [
        ("quote_text", "start_char", "end_char"),
        ("cue", "cue_start_char", "cue_end_char"),
        ("speaker_text", "speaker_start_char", "speaker_end_char"),
    ],
    "numeric_claims": [("surface", "start_char", "end_char")],
}


def key_column(schema: pa.Schema) -> str:
    """The table's primary key column (the one field marked ``key``)."""
    keys = [f.name for f in schema if (f.metadata or {}).get(b"key") == b"true"]
    if len(keys) != 1:
        raise ValueError(f"schema must have exactly one key column, has {keys}")
    return keys[0]


def allowed_values(field: pa.Field) -> tuple[str, ...] | None:
    """The closed set of values a column may hold, or None when it is open."""
    raw = (field.metadata or {}).get(b"allowed")
    return tuple(raw.decode().split("|")) if raw else None


def doc(field: pa.Field) -> str:
    return (field.metadata or {}).get(b"doc", b"").decode()


def value_meanings(field: pa.Field) -> dict[str, str]:
    """What each allowed value of a closed-vocabulary column means ({} for an open column)."""
    values = allowed_values(field)
    if values is None:
        return {}
    return dict(zip(values, json.loads((field.metadata or {})[b"meanings"]), strict=True))


def references(field: pa.Field) -> str | None:
    """The ``table.column`` this column joins to, or None."""
    raw = (field.metadata or {}).get(b"references")
    return raw.decode() if raw else None


def column_comment(field: pa.Field) -> str:
    """The field's data-dictionary entry as one line: its doc, what it joins to, and its allowed values."""
    parts = [doc(field)]
    if target := references(field):
        parts.append(f"Joins to {target}.")
    if meanings := value_meanings(field):
        parts.append("Values: " + "; ".join(f"{value} = {meaning}" for value, meaning in meanings.items()) + ".")
    return " ".join(part for part in parts if part)
