from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from transforms.schemas import ALL_TABLES, TABLE_DOCS, key_column
from warehouse.ddl import create_table_sql, duckdb_type, table_ddl

# What DESCRIBE prints for each arrow type in the contract, written out by hand.
EXPECTED_DESCRIBE = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.timestamp("us", tz="UTC"): "TIMESTAMP WITH TIME ZONE",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.list_(pa.struct([("name", pa.string()), ("role", pa.string())])): 'STRUCT("name" VARCHAR, "role" VARCHAR)[]',
    pa.map_(pa.string(), pa.float64()): "MAP(VARCHAR, DOUBLE)",
    pa.map_(pa.string(), pa.int64()): "MAP(VARCHAR, BIGINT)",
    pa.map_(pa.string(), pa.string()): "MAP(VARCHAR, VARCHAR)",
}


@pytest.mark.parametrize("table", list(ALL_TABLES))
def test_ddl_round_trips_through_duckdb(table: str) -> None:
    schema = ALL_TABLES[table]
    con = duckdb.connect()
    for stmt in table_ddl(table, schema):
        con.execute(stmt)

    described = con.execute(f"DESCRIBE {table}").fetchall()
    assert [(name, type_, null, key) for name, type_, null, key, *_ in described] == [
        (
            f.name,
            EXPECTED_DESCRIBE[f.type],
            "YES" if f.nullable else "NO",
            "PRI" if f.name == key_column(schema) else None,
        )
        for f in schema
    ]
    # And back to arrow: the same types (DuckDB names the UTC zone and list items its own way).
    arrow = con.sql(f"SELECT * FROM {table}").to_arrow_table().schema
    assert [_normalised(t) for t in arrow.types] == [_normalised(t) for t in schema.types]
    comments = dict(
        con.execute(f"SELECT column_name, comment FROM duckdb_columns() WHERE table_name = '{table}'").fetchall()
    )
    assert set(comments) == set(schema.names)
    assert all(comments.values()), [name for name, comment in comments.items() if not comment]
    [(table_comment,)] = con.execute(f"SELECT comment FROM duckdb_tables() WHERE table_name = '{table}'").fetchall()
    assert table_comment == TABLE_DOCS[table]


def test_a_column_comment_says_the_doc_the_join_key_and_every_allowed_value_with_its_meaning() -> None:
    con = duckdb.connect()
    for table in ("articles", "entities", "quotes"):
        for stmt in table_ddl(table, ALL_TABLES[table]):
            con.execute(stmt)

    def comment(table: str, column: str) -> str:
        [(text,)] = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
        ).fetchall()
        return str(text)

    assert comment("quotes", "speaker_entity_id") == (
        "Canonical entity of the speaker, when resolved. Joins to entities.entity_id."
    )
    label = comment("entities", "label")
    assert label.startswith("Entity type. Values: PERSON = people, fictional ones included; ORG = organisations")
    assert "NORP = nationalities, religious and political groups" in label
    assert label.count(" = ") == 10
    assert comment("articles", "title") == "Headline."


def test_create_table_sql_reads_like_hand_written_ddl() -> None:
    sql = create_table_sql("runs", ALL_TABLES["runs"])

    assert sql.startswith(
        'CREATE TABLE "runs" (\n    "run_id" VARCHAR NOT NULL,\n    "started_at" TIMESTAMPTZ NOT NULL,'
    )
    assert '"step_seconds" MAP(VARCHAR, DOUBLE),' in sql
    assert sql.endswith('    PRIMARY KEY ("run_id")\n)')


def test_unknown_arrow_type_fails_loudly() -> None:
    with pytest.raises(TypeError, match="no DuckDB mapping"):
        duckdb_type(pa.float16())


def _normalised(type_: pa.DataType) -> str:
    return str(type_).replace("Etc/UTC", "UTC").replace("<l:", "<item:").replace("<element:", "<item:")
