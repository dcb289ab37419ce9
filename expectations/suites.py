"""One Great Expectations suite per table, derived from ``transforms.schemas``.

Blocking expectations come from the schema alone (keys, nullability, closed
vocabularies, counts, spans), so a column added to the contract is checked
without touching this file.  Warning expectations are data-quality hunches
listed by hand; they are recorded and never stop a run.

Every expectation carries ``meta={"severity": "blocking" | "warning"}``.
Span tables are validated with derived boolean columns added by
``expectations.validate`` (GX cannot look up another table's body text).
"""

from __future__ import annotations

import great_expectations as gx  # expectations/__init__.py has set GX's env vars by now
import great_expectations.expectations as gxe
import pyarrow as pa

from transforms.schemas import ALL_TABLES, SPAN_COLUMNS, allowed_values, key_column

BLOCKING = "blocking"
WARNING = "warning"
ARTICLE_EXISTS_COLUMN = "_article_exists"

# Warning thresholds: loose on purpose, they flag a parser or model regression, not one odd article.
TITLE_PRESENT_MOSTLY = 0.9  # some wire copy and plain-text files carry no headline
WORD_COUNT_MIN, WORD_COUNT_MAX = 20, 20_000  # shorter is a brief or a broken parse; longer is a concatenation
WORD_COUNT_MOSTLY = 0.95
SPEAKER_RESOLVED_MOSTLY = 0.7  # pronoun/carried-over speakers often stay unresolved
CLAIM_UNIT_MOSTLY = 0.8  # bare numbers ("three of them") legitimately have no unit


def build_suites() -> dict[str, gx.ExpectationSuite]:
    """A fresh suite for every table in the contract, keyed by table name."""
    return {table: build_suite(table, schema) for table, schema in ALL_TABLES.items()}


def build_suite(table: str, schema: pa.Schema) -> gx.ExpectationSuite:
    # Expectations go in through the constructor: suite.add_expectation() looks for a current
    # Data Context (to save the suite) and raises DataContextRequiredError when there is none.
    expectations = [*_blocking_expectations(table, schema), *_warning_expectations(table, schema)]
    return gx.ExpectationSuite(name=table, expectations=expectations)


def severity(meta: dict | None) -> str:
    """Severity recorded on an expectation; anything untagged blocks, to fail safe."""
    return (meta or {}).get("severity", BLOCKING)


def span_ok_column(text_column: str) -> str:
    return f"_span_ok__{text_column}"


def derived_columns(table: str) -> list[str]:
    """Boolean columns validate adds to a frame before GX sees it (all must be True)."""
    if table not in SPAN_COLUMNS:
        return []
    return [ARTICLE_EXISTS_COLUMN, *(span_ok_column(text) for text, _, _ in SPAN_COLUMNS[table])]


def is_count_column(field: pa.Field) -> bool:
    # Integers are counts unless they are offsets (*_char) or positions (*_index, where -1 means
    # "credit line"); offsets get their own span checks.
    return pa.types.is_integer(field.type) and not field.name.endswith(("_char", "_index"))


def _blocking_expectations(table: str, schema: pa.Schema) -> list[gxe.Expectation]:
    meta = {"severity": BLOCKING}
    key = key_column(schema)
    derived = derived_columns(table)
    out: list[gxe.Expectation] = [
        # Catches a stage that dropped, renamed or invented a column.
        gxe.ExpectTableColumnsToMatchSet(column_set=[*schema.names, *derived], exact_match=True, meta=meta),
        gxe.ExpectColumnValuesToBeUnique(column=key, meta=meta),
    ]
    for field in schema:
        if not field.nullable:  # the key is never nullable, so it gets its not-null check here
            out.append(gxe.ExpectColumnValuesToNotBeNull(column=field.name, meta=meta))
        allowed = allowed_values(field)
        if allowed is not None:  # GX skips nulls in map expectations: nullable stays nullable
            out.append(gxe.ExpectColumnValuesToBeInSet(column=field.name, value_set=list(allowed), meta=meta))
        if is_count_column(field):
            out.append(gxe.ExpectColumnValuesToBeBetween(column=field.name, min_value=0, meta=meta))
    for _text, start, end in SPAN_COLUMNS.get(table, []):
        out.append(gxe.ExpectColumnValuesToBeBetween(column=start, min_value=0, meta=meta))
        out.append(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=end, column_B=start, or_equal=True, ignore_row_if="either_value_is_missing", meta=meta
            )
        )
    for column in derived:
        out.append(gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True], meta=meta))
    return out


def _warning_expectations(table: str, schema: pa.Schema) -> list[gxe.Expectation]:
    meta = {"severity": WARNING}
    by_table: dict[str, list[gxe.Expectation]] = {
        "articles": [
            gxe.ExpectColumnValuesToNotBeNull(column="title", mostly=TITLE_PRESENT_MOSTLY, meta=meta),
            gxe.ExpectColumnValuesToBeBetween(
                column="word_count",
                min_value=WORD_COUNT_MIN,
                max_value=WORD_COUNT_MAX,
                mostly=WORD_COUNT_MOSTLY,
                meta=meta,
            ),
        ],
        "quotes": [
            gxe.ExpectColumnValuesToNotBeNull(column="speaker_entity_id", mostly=SPEAKER_RESOLVED_MOSTLY, meta=meta),
        ],
        "numeric_claims": [
            gxe.ExpectColumnValuesToNotBeNull(column="unit", mostly=CLAIM_UNIT_MOSTLY, meta=meta),
        ],
    }
    out = by_table.get(table, [])
    for expectation in out:  # hand-listed columns must still exist in the contract
        column = expectation.configuration.kwargs["column"]
        if column not in schema.names:
            raise ValueError(f"warning expectation on {table}.{column}, which the schema does not have")
    return out
