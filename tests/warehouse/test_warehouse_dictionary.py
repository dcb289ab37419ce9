"""The data dictionary: every table, view and column of the published file is described, and the checked-in
docs/data-dictionary.md is exactly what the schemas render."""

from __future__ import annotations

import duckdb
import pytest

from transforms.schemas import ALL_TABLES, column_comment
from warehouse.ddl import all_table_ddl
from warehouse.dictionary import DICTIONARY_PATH, EXAMPLE_QUERIES, render_data_dictionary
from warehouse.views import VIEW_SOURCES, UndocumentedViewColumn, comment_view_columns, create_views


@pytest.fixture
def empty_warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for stmt in all_table_ddl():
        con.execute(stmt)
    create_views(con)
    return con


def test_the_checked_in_dictionary_matches_the_schemas() -> None:
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_data_dictionary(), (
        "docs/data-dictionary.md is stale: run `python -m warehouse.dictionary docs/data-dictionary.md`"
    )


def test_every_table_view_and_column_has_a_comment(empty_warehouse: duckdb.DuckDBPyConnection) -> None:
    relations = empty_warehouse.execute(
        "SELECT table_name, comment FROM duckdb_tables() UNION ALL SELECT view_name, comment FROM duckdb_views() "
        "WHERE NOT internal"
    ).fetchall()
    assert {name for name, _ in relations} == set(ALL_TABLES) | set(VIEW_SOURCES)
    assert [name for name, comment in relations if not comment] == []
    uncommented = empty_warehouse.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND coalesce(comment, '') = ''"
    ).fetchall()
    assert uncommented == []


def test_a_view_column_passed_through_says_what_its_table_column_says(
    empty_warehouse: duckdb.DuckDBPyConnection,
) -> None:
    def comment(view: str, column: str) -> str:
        [(text,)] = empty_warehouse.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [view, column]
        ).fetchall()
        return str(text)

    assert comment("v_quotes", "attribution") == column_comment(ALL_TABLES["quotes"].field("attribution"))
    assert "carried_over = a paragraph that is only a quote continues the previous speaker" in comment(
        "v_quotes", "attribution"
    )
    assert comment("v_claims", "publisher") == column_comment(ALL_TABLES["articles"].field("publisher"))
    # Counted in the view, so described there, not inherited from entities.article_count.
    assert comment("v_speakers", "article_count") == "Articles in which the speaker is quoted."


def test_a_view_not_described_in_view_sources_is_refused(empty_warehouse: duckdb.DuckDBPyConnection) -> None:
    empty_warehouse.execute("CREATE VIEW v_extra AS SELECT 1 AS one")
    with pytest.raises(UndocumentedViewColumn, match="v_extra is not in warehouse.views.VIEW_SOURCES"):
        comment_view_columns(empty_warehouse)


def test_a_view_column_with_no_comment_and_no_source_column_is_refused(
    empty_warehouse: duckdb.DuckDBPyConnection,
) -> None:
    empty_warehouse.execute("CREATE OR REPLACE VIEW v_top_entities AS SELECT 1 AS entity_id, 2 AS popularity")
    with pytest.raises(UndocumentedViewColumn, match="v_top_entities.popularity has no comment"):
        comment_view_columns(empty_warehouse)


@pytest.mark.parametrize(("question", "query"), EXAMPLE_QUERIES)
def test_every_example_query_runs_on_the_published_schema(
    empty_warehouse: duckdb.DuckDBPyConnection, question: str, query: str
) -> None:
    assert empty_warehouse.execute(query).fetchall() == [], question
