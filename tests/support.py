"""Paths and helpers the tests share (a plain module: every test folder's conftest is named conftest)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds" / "articles"
SEED_FILE = SEEDS / "000_ff8a8828b930ef3e.txt"
SHARED = PROJECT_ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def query_published(warehouse: Path, sql: str) -> list[tuple]:
    """Rows of ``sql`` on the warehouse's published DuckDB file, opened read-only like a BI tool would."""
    import duckdb

    with duckdb.connect(str(warehouse / "broadsheet.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def published_content(warehouse: Path) -> dict[str, list[tuple]]:
    """Every content table's rows, without the lineage that differs between runs and warehouses (and when the
    warehouse first saw each article)."""
    from transforms.schemas import CONTENT_TABLES, key_column

    def excluded(table: str) -> str:
        return "run_id, pipeline_version" + (", first_seen_at" if table == "articles" else "")

    return {
        table: query_published(
            warehouse, f"SELECT * EXCLUDE ({excluded(table)}) FROM {table} ORDER BY {key_column(schema)}"
        )
        for table, schema in CONTENT_TABLES.items()
    }


def quotes_with_speakers(nlp, reference, text: str) -> list[dict]:
    """The quote rows extracted from ``text`` (an invented article), each with its speaker entity's name
    as ``speaker_name`` (None when it has none)."""
    from transforms.nlp.analyse import extract_article

    result = extract_article(nlp(text), "art_test", [], reference)
    names = {row["entity_id"]: row["name"] for row in result.entities}
    return [{**quote, "speaker_name": names.get(quote["speaker_entity_id"])} for quote in result.quotes]
