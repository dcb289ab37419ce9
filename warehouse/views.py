"""The analyst views (``views.sql``) and their column comments.

A view column that passes a table column through under its own name takes that column's comment (its doc,
join key and allowed values, from ``transforms.schemas``), so the views and the tables never describe one
column two ways; the date columns several views derive alike take ``DERIVED_COLUMN_DOCS``; ``views.sql``
comments every other column itself.  ``VIEW_SOURCES`` says, per view, which
tables its columns come from, first match wins.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.schemas import ALL_TABLES, column_comment
from warehouse.ddl import quote_ident, quote_literal

VIEWS_SQL_PATH = Path(__file__).with_name("views.sql")

VIEW_SOURCES: dict[str, tuple[str, ...]] = {
    "v_quotes": ("quotes", "articles", "entities"),
    "v_entity_mentions_per_article": ("entity_mentions", "articles"),
    "v_claims": ("numeric_claims", "articles"),
    "v_speakers": ("entities",),
    "v_top_entities": ("entities",),
    "v_quarantine": ("quarantine",),
    "v_quote_entities": ("quotes", "articles"),
    "v_cooccurrence": (),
    "v_claims_by_of_what": ("numeric_claims",),
    "v_articles_per_day": ("articles",),
    "v_article_authors": ("articles",),
    "v_article_credits": ("articles",),
    "v_entity_aliases": ("entities",),
}


# Columns several views derive the same way, described once.
DERIVED_COLUMN_DOCS: dict[str, str] = {
    "article_date": "coalesce(published_at, first_seen_at) of the article: its publication time, else when the "
    "warehouse first loaded it.",
    "article_day": "The day of article_date (publication time, else when the warehouse first loaded the article), "
    "in UTC.",
}


class UndocumentedViewColumn(ValueError):
    """A view column that neither views.sql nor a source table describes."""


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create every view with its comment and a comment on each of its columns, in the current catalog."""
    con.execute(VIEWS_SQL_PATH.read_text(encoding="utf-8"))
    comment_view_columns(con)


def comment_view_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Give every view column views.sql left uncommented the comment of the table column it passes through."""
    for view in view_names(con):
        sources = VIEW_SOURCES.get(view)
        if sources is None:
            raise UndocumentedViewColumn(f"{view} is not in warehouse.views.VIEW_SOURCES")
        for column in _uncommented_columns(con, view):
            inherited = _source_comment(column, sources)
            if inherited is None:
                raise UndocumentedViewColumn(
                    f"{view}.{column} has no comment in views.sql and no column of that name in {', '.join(sources)}"
                )
            con.execute(f"COMMENT ON COLUMN {quote_ident(view)}.{quote_ident(column)} IS {quote_literal(inherited)}")


def view_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
        "ORDER BY view_name"
    ).fetchall()
    return [name for (name,) in rows]


def _uncommented_columns(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() "
        "WHERE table_name = ? AND database_name = current_database() AND comment IS NULL ORDER BY column_index",
        [view],
    ).fetchall()
    return [name for (name,) in rows]


def _source_comment(column: str, sources: tuple[str, ...]) -> str | None:
    if column in DERIVED_COLUMN_DOCS:
        return DERIVED_COLUMN_DOCS[column]
    for table in sources:
        schema = ALL_TABLES[table]
        if column in schema.names:
            return column_comment(schema.field(column))
    return None
