"""What a BI tool or notebook sees when it opens the published ``broadsheet.duckdb`` read-only: the tables and
views, every column's type (lists, records and maps included), the primary keys, the comments, pandas and
polars recipes, and that a reader never takes the write lock nor keeps reading a file a later publish
replaced.

Runs in a BI client's own environment, against the file named by ``BROADSHEET_BI_WAREHOUSE``
(``tests/warehouse/test_warehouse_bi_clients.py`` publishes one and runs these checks in each):

* ``requirements.txt``: DuckDB 1.5 with the duckdb-sqlalchemy dialect (SQLAlchemy 2): everything reflects.
* ``requirements-duckdb-engine.txt``: what Superset 6.1's ``[duckdb]`` extra installs (duckdb-engine 0.17,
  SQLAlchemy 1.4): the list, record and map columns reflect untyped and the primary keys without columns;
  those checks assert exactly that and are strict expected failures, so the day a release fixes them the
  run says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
import sqlalchemy as sa

TABLES = {
    "articles",
    "entities",
    "entity_mentions",
    "files",
    "numeric_claims",
    "quarantine",
    "quotes",
    "runs",
    "validation_results",
}
VIEWS = {
    "v_article_authors",
    "v_article_credits",
    "v_articles_per_day",
    "v_claims",
    "v_claims_by_of_what",
    "v_cooccurrence",
    "v_entity_aliases",
    "v_entity_mentions_per_article",
    "v_quarantine",
    "v_quote_entities",
    "v_quotes",
    "v_speakers",
    "v_top_entities",
}
# Nested columns: (table, column) -> DuckDB type.
NESTED = {
    ("articles", "authors"): "VARCHAR[]",
    ("articles", "credits"): "STRUCT(name VARCHAR, role VARCHAR)[]",
    ("articles", "topics"): "VARCHAR[]",
    ("articles", "places"): "VARCHAR[]",
    ("entities", "aliases"): "VARCHAR[]",
    ("runs", "sources"): "VARCHAR[]",
    ("runs", "source_roots"): "MAP(VARCHAR, VARCHAR)",
    ("runs", "discarded"): "MAP(VARCHAR, BIGINT)",
    ("runs", "step_seconds"): "MAP(VARCHAR, DOUBLE)",
}
PRIMARY_KEYS = {"articles": "article_id", "entities": "entity_id", "quotes": "quote_id"}
V_QUOTES_COLUMNS = [
    "quote_id", "article_id", "article_title", "published_at", "article_date", "publisher", "source_name",
    "quote_text", "kind", "cue", "speaker_text", "speaker_entity_id", "speaker_name", "speaker_label",
    "speaker_gender", "speaker_role", "attribution", "paragraph_index", "start_char", "end_char",
]  # fmt: skip
V_ARTICLE_AUTHORS_COLUMNS = ["article_id", "position", "author"]
ARTICLES_QUERY = "SELECT article_id, authors, credits, published_at FROM articles ORDER BY article_id"


# --------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def published_warehouse() -> Path:
    path = os.environ.get("BROADSHEET_BI_WAREHOUSE", "")
    assert Path(path).is_file(), "BROADSHEET_BI_WAREHOUSE must name a published broadsheet.duckdb"
    return Path(path)


def read_only_engine(path: Path) -> sa.Engine:
    """The recipe: read-only, and NullPool so no connection outlives its `with` block (no stale file, no
    in-process handle that blocks a differently-configured duckdb.connect of the same path)."""
    return sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": True}, poolclass=sa.pool.NullPool)


@pytest.fixture
def engine(published_warehouse: Path) -> Iterator[sa.Engine]:
    eng = read_only_engine(published_warehouse)
    yield eng
    eng.dispose()


@pytest.fixture
def inspector(engine: sa.Engine) -> sa.Inspector:
    return sa.inspect(engine)


@pytest.fixture(scope="session")
def dialect_module() -> str:
    """Which package serves duckdb:// here: 'duckdb_sqlalchemy' or 'duckdb_engine'."""
    return type(sa.create_engine("duckdb:///:memory:").dialect).__module__.split(".")[0]


def known_gap(dialect_module: str, what: str) -> None:
    """duckdb-engine 0.17.0's documented gaps: fail loudly (strict xfail) the day they are fixed."""
    if dialect_module == "duckdb_engine":
        pytest.xfail(f"duckdb-engine gap: {what} (README, Connect your tool)")


def columns(inspector: sa.Inspector, table: str) -> dict[str, dict]:
    with warnings.catch_warnings():
        # duckdb-engine: "SAWarning: Did not recognize type 'list' of column ..." for every nested column.
        warnings.simplefilter("ignore", sa.exc.SAWarning)
        return {c["name"]: c for c in inspector.get_columns(table)}


# --------------------------------------------------------------------------------- SQLAlchemy reflection


def test_engine_is_read_only(engine: sa.Engine, published_warehouse: Path) -> None:
    for eng in (engine, sa.create_engine(f"duckdb:///{published_warehouse}?access_mode=read_only",
                                         poolclass=sa.pool.NullPool)):  # fmt: skip
        with eng.connect() as conn:
            flag = conn.exec_driver_sql(
                "SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
            ).scalar()
            assert flag is True
            with pytest.raises(sa.exc.DBAPIError, match="read-only|Cannot execute statement"):
                conn.exec_driver_sql("CREATE TABLE must_not_exist (i INTEGER)")
        eng.dispose()


def test_tables_and_views_reflect(inspector: sa.Inspector) -> None:
    assert set(inspector.get_table_names()) == TABLES
    assert set(inspector.get_view_names()) == VIEWS


@pytest.mark.parametrize("name", ["articles", "entities", "quotes", "v_quotes", "v_article_authors"])
def test_every_column_reflects_with_its_comment(inspector: sa.Inspector, name: str) -> None:
    cols = columns(inspector, name)
    assert cols, name
    missing = [c for c, info in cols.items() if not info.get("comment")]
    assert missing == [], f"{name}: columns without a comment: {missing}"


def test_views_have_no_untyped_columns(inspector: sa.Inspector) -> None:
    """Every view is flat: what a BI tool should chart from, whatever the dialect."""
    for view in VIEWS:
        untyped = [c for c, info in columns(inspector, view).items() if isinstance(info["type"], sa.types.NullType)]
        assert untyped == [], f"{view}: {untyped}"


def test_scalar_column_types(inspector: sa.Inspector) -> None:
    art = columns(inspector, "articles")
    assert isinstance(art["article_id"]["type"], sa.String)
    assert isinstance(art["word_count"]["type"], sa.Integer)
    assert isinstance(art["published_at"]["type"], sa.DateTime)
    assert art["article_id"]["nullable"] is False
    quotes = columns(inspector, "v_quotes")
    assert list(quotes) == V_QUOTES_COLUMNS
    assert isinstance(quotes["article_date"]["type"], sa.DateTime)
    authors = columns(inspector, "v_article_authors")
    assert list(authors) == V_ARTICLE_AUTHORS_COLUMNS
    assert isinstance(authors["position"]["type"], sa.BigInteger)


def test_timestamptz_reflects_with_its_time_zone(inspector: sa.Inspector, dialect_module: str) -> None:
    published_at = columns(inspector, "articles")["published_at"]["type"]
    if dialect_module == "duckdb_engine":
        # duckdb-engine maps timestamptz to a plain TIMESTAMP(): values still come back tz-aware (UTC).
        assert published_at.timezone is False
        return
    assert published_at.timezone is True


@pytest.mark.parametrize(("table", "column"), sorted(NESTED))
def test_nested_columns_reflect_as_typed(inspector: sa.Inspector, dialect_module: str, table: str,
                                         column: str) -> None:  # fmt: skip
    reflected = columns(inspector, table)[column]["type"]
    if dialect_module == "duckdb_engine":
        # The documented gap (issue: "LIST/STRUCT reflect as NullType"): assert exactly that, then xfail.
        assert isinstance(reflected, sa.types.NullType)
        known_gap(dialect_module, f"{table}.{column} ({NESTED[table, column]}) reflects as NullType")
    assert not isinstance(reflected, sa.types.NullType)
    duck_type = NESTED[table, column]
    if duck_type.endswith("[]"):
        assert isinstance(reflected, sa.ARRAY)
        if duck_type == "VARCHAR[]":
            assert isinstance(reflected.item_type, sa.String)
        else:
            assert set(reflected.item_type.fields) == {"name", "role"}  # duckdb_sqlalchemy Struct
    else:
        assert type(reflected).__name__ == "Map"


@pytest.mark.parametrize(("table", "key"), sorted(PRIMARY_KEYS.items()))
def test_primary_key_reflects(inspector: sa.Inspector, dialect_module: str, table: str, key: str) -> None:
    # duckdb-engine: never raises with SQLAlchemy <= 2.0.54 or 1.4.x, but the key has no columns
    # (pg_index is empty; pg_constraint.conkey is 0-based).  SQLAlchemy >= 2.0.55 raises REGCLASS errors.
    pk = inspector.get_pk_constraint(table)
    if dialect_module == "duckdb_engine":
        assert pk["constrained_columns"] == []
        known_gap(dialect_module, f"{table} primary key reflects with no columns")
    assert pk["constrained_columns"] == [key]


def test_table_and_view_comments_reflect(inspector: sa.Inspector) -> None:
    assert inspector.get_table_comment("articles")["text"].startswith("One row per article")
    assert inspector.get_table_comment("v_quotes")["text"].startswith("Quotes with")


def test_autoloaded_table_selects_nested_values(engine: sa.Engine) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duckdb-engine: index / unrecognised-type warnings
        articles = sa.Table("articles", sa.MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(articles.c.authors, articles.c.credits).limit(1)).one()
    assert row.authors is None or isinstance(row.authors, list)
    assert row.credits is None or all(set(c) == {"name", "role"} for c in row.credits)


# ------------------------------------------------------------------------------------- pandas / polars


def test_pandas_read_sql_through_the_engine(engine: sa.Engine) -> None:
    if int(sa.__version__.split(".")[0]) < 2 and tuple(int(p) for p in pd.__version__.split(".")[:2]) >= (2, 2):
        pytest.skip("pandas >= 2.2 needs SQLAlchemy 2 (Superset 6.1 pairs SQLAlchemy 1.4 with pandas < 2.2)")
    with engine.connect() as conn:
        quotes = pd.read_sql(sa.text("SELECT * FROM v_quotes"), conn)
        articles = pd.read_sql(sa.text(ARTICLES_QUERY), conn)
    assert list(quotes.columns) == V_QUOTES_COLUMNS
    assert str(quotes["article_date"].dtype).startswith("datetime64[") and "UTC" in str(quotes["article_date"].dtype)
    assert list(articles.columns) == ["article_id", "authors", "credits", "published_at"]


def test_pandas_native_duckdb(published_warehouse: Path) -> None:
    with duckdb.connect(str(published_warehouse), read_only=True) as con:
        quotes = con.sql("SELECT * FROM v_quotes").df()
        authors = con.sql("SELECT * FROM v_article_authors").df()
    assert list(quotes.columns) == V_QUOTES_COLUMNS
    assert list(authors.columns) == V_ARTICLE_AUTHORS_COLUMNS


def test_polars_read_database_through_a_connection(engine: sa.Engine) -> None:
    # Pass a Connection, not the Engine: polars 2.1.0 takes a duckdb_engine Engine for a DB-API cursor
    # and fails with "'Engine' object has no attribute 'execute'".
    with engine.connect() as conn:
        df = pl.read_database(ARTICLES_QUERY, connection=conn)
    assert df.columns == ["article_id", "authors", "credits", "published_at"]
    assert df.schema["authors"] == pl.List(pl.String)
    assert df.schema["credits"] == pl.List(pl.Struct({"name": pl.String, "role": pl.String}))
    assert df.schema["published_at"] == pl.Datetime("us", "Etc/UTC") or df.schema["published_at"] == pl.Datetime(
        "us", "UTC"
    )


def test_polars_native_duckdb(published_warehouse: Path) -> None:
    with duckdb.connect(str(published_warehouse), read_only=True) as con:
        df = con.sql(ARTICLES_QUERY).pl()
        quotes = con.sql("SELECT * FROM v_quotes").pl()
    assert df.schema["credits"] == pl.List(pl.Struct({"name": pl.String, "role": pl.String}))
    assert quotes.columns == V_QUOTES_COLUMNS


# ----------------------------------------------------------------------------- locking and stale files

_HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
print("held", flush=True)
time.sleep(30)
"""
_OPEN = """
import duckdb, sys
try:
    con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
    print("OPEN", con.sql("SELECT count(*) FROM articles").fetchall()[0][0])
except Exception as e:
    print("FAIL", str(e).splitlines()[0])
"""


def _open_in_subprocess(path: Path, mode: str) -> str:
    out = subprocess.run([sys.executable, "-c", _OPEN, str(path), mode], capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


def test_readers_share_and_writers_are_refused(published_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "broadsheet.duckdb"
    shutil.copy(published_warehouse, db)
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert _open_in_subprocess(db, "ro").startswith("OPEN")
        refused = _open_in_subprocess(db, "rw")
        assert refused.startswith("FAIL") and "Could not set lock" in refused
    finally:
        holder.kill()
        holder.wait()


def test_a_new_connection_sees_a_republished_file(published_warehouse: Path, tmp_path: Path) -> None:
    """NullPool engine: each `with engine.connect()` opens the file anew, so it follows os.replace publishes.
    (A QueuePool engine, or any other open handle on the path in this process, keeps the old file.)"""
    db = tmp_path / "broadsheet.duckdb"
    shutil.copy(published_warehouse, db)
    eng = read_only_engine(db)
    with eng.connect() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
    staged = tmp_path / ".broadsheet.duckdb.tmp"
    shutil.copy(published_warehouse, staged)
    with duckdb.connect(str(staged)) as w:
        w.execute("DELETE FROM articles WHERE article_id = (SELECT min(article_id) FROM articles)")
        w.execute("CHECKPOINT")
    os.replace(staged, db)
    with eng.connect() as conn:
        after = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
    eng.dispose()
    assert before >= 1 and after == before - 1
