"""What the run report shows about the warehouse, read from the published file: small tables of counts (what
the charts draw), this run's validation results, and the drift flags ``status`` shows too."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from warehouse.ddl import quote_literal
from warehouse.query import rows_as_dicts
from warehouse.status import DriftFlag, read_drift_flags, table_row_counts

TOP_N = 15  # bars in a "top" chart: enough to see the head, few enough to read the names
RUNS_SHOWN = 30  # runs in the speaker-resolution trend: a month of nights
DAYS_SHOWN = 90  # days in the articles-per-day chart, ending at the newest article's day


@dataclass(frozen=True)
class WarehouseFacts:
    table_rows: dict[str, int]
    articles_per_day: list[dict]  # article_day, publisher, articles
    articles_per_publisher: list[dict]  # publisher, articles
    top_entities: list[dict]  # name, label, articles
    top_speakers: list[dict]  # name, label, quotes
    quotes_per_kind: list[dict]  # kind, quotes
    claims_per_kind: list[dict]  # quantity_kind, claims
    claims_per_currency: list[dict]  # currency, claims
    speaker_resolution: list[dict]  # run_id, quotes, resolved_share
    run_validation: list[dict]  # this run's failed expectations, blocking first
    run_expectations: int  # how many expectation results this run recorded
    drift: list[DriftFlag]


def read_facts(con: duckdb.DuckDBPyConnection, run_id: str) -> WarehouseFacts:
    """Everything the report needs, from a connection on the published file."""
    return WarehouseFacts(
        table_rows=table_row_counts(con),
        articles_per_day=rows_as_dicts(
            con,
            f"""
            SELECT article_day, coalesce(publisher, '(unknown)') AS publisher, sum(article_count) AS articles
            FROM v_articles_per_day
            WHERE article_day IS NOT NULL
              AND article_day > (SELECT max(article_day) FROM v_articles_per_day) - INTERVAL {DAYS_SHOWN} DAY
            GROUP BY ALL ORDER BY article_day, publisher
            """,
        ),
        articles_per_publisher=rows_as_dicts(
            con,
            f"""
            SELECT coalesce(publisher, '(unknown)') AS publisher, count(*) AS articles
            FROM articles WHERE duplicate_of IS NULL
            GROUP BY ALL ORDER BY articles DESC, publisher LIMIT {TOP_N}
            """,
        ),
        top_entities=rows_as_dicts(
            con,
            f"""
            SELECT name, label, article_count AS articles FROM entities
            ORDER BY article_count DESC, mention_count DESC, name LIMIT {TOP_N}
            """,
        ),
        top_speakers=rows_as_dicts(
            con,
            f"SELECT name, label, quote_count AS quotes FROM v_speakers ORDER BY quote_count DESC, name LIMIT {TOP_N}",
        ),
        quotes_per_kind=rows_as_dicts(
            con, "SELECT kind, count(*) AS quotes FROM quotes GROUP BY ALL ORDER BY quotes DESC"
        ),
        claims_per_kind=rows_as_dicts(
            con,
            "SELECT coalesce(quantity_kind, '(none)') AS quantity_kind, count(*) AS claims FROM numeric_claims "
            "GROUP BY ALL ORDER BY claims DESC",
        ),
        claims_per_currency=rows_as_dicts(
            con,
            f"SELECT currency, count(*) AS claims FROM numeric_claims WHERE currency IS NOT NULL "
            f"GROUP BY ALL ORDER BY claims DESC, currency LIMIT {TOP_N}",
        ),
        speaker_resolution=rows_as_dicts(
            con,
            f"""
            SELECT run_id, count(*) AS quotes, avg(CASE WHEN speaker_entity_id IS NULL THEN 0 ELSE 1 END)
                AS resolved_share
            FROM quotes GROUP BY run_id ORDER BY run_id DESC LIMIT {RUNS_SHOWN}
            """,
        )[::-1],
        run_validation=rows_as_dicts(
            con,
            f"""
            SELECT table_name, expectation, column_name, severity, unexpected_count, row_count, detail
            FROM validation_results WHERE run_id = {quote_literal(run_id)} AND NOT success
            ORDER BY severity <> 'blocking', table_name, expectation, column_name
            """,
        ),
        run_expectations=_scalar(
            con, f"SELECT count(*) FROM validation_results WHERE run_id = {quote_literal(run_id)}"
        ),
        drift=read_drift_flags(con),
    )


def recent_validation_results(con: duckdb.DuckDBPyConnection, runs: int) -> pa.Table:
    """The validation results of the last ``runs`` runs that recorded any (what the Data Docs show)."""
    return con.sql(
        "SELECT * FROM validation_results WHERE run_id IN "
        f"(SELECT DISTINCT run_id FROM validation_results ORDER BY run_id DESC LIMIT {int(runs)})"
    ).to_arrow_table()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
