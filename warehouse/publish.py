"""Publish: build a new DuckDB file from the committed lake and swap it in atomically.

One writer at a time (a file lock).  The file is built under a temp name in the
warehouse directory and ``os.replace``d onto ``broadsheet.duckdb``: a reader that has
the old file open keeps reading it, a new connection sees the new one, and a crash
before the rename leaves the last good file untouched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import filelock
import pyarrow as pa

from transforms.nlp.gender import FEMALE_PRONOUNS, FEMALE_WORDS, MALE_PRONOUNS, MALE_WORDS
from transforms.schemas import ALL_TABLES, OPS_TABLES, key_column
from warehouse.ddl import all_table_ddl, quote_ident, quote_literal
from warehouse.engine import PUBLISH_MEMORY_LIMIT, spilling_connection, sql_file_list
from warehouse.lake import Lake, committed_parts_by_table, fsync_path, local_copies
from warehouse.manifest import committed_file_rows, published_reads
from warehouse.views import create_views

PUBLISHED_DB_NAME = "broadsheet.duckdb"
PUBLISH_LOCK_NAME = ".publish.lock"
TMP_DB_PREFIX = f".{PUBLISHED_DB_NAME}.tmp-"
# DuckDB 2.0 writes its own v2 format by default, which the 1.4/1.5 readers in BI drivers and the PyPI duckdb-cli
# refuse.
PUBLISH_STORAGE_VERSION = "v1.4.0"
# A second run should fail fast with a clear message rather than queue behind a build.
PUBLISH_LOCK_TIMEOUT_S = 2.0
PUBLISHED_FILE_MODE = 0o444
# Catalog name while building; the same as the published file's stem, so nothing differs after the rename.
BUILD_CATALOG = "broadsheet"

CHILD_TABLES = ("entity_mentions", "quotes", "numeric_claims")
# The mentions in published, non-duplicate articles: what an entity's gender is read from.
PUBLISHED_MENTIONS = """(
    SELECT m.* FROM entity_mentions AS m
    JOIN articles AS a ON a.article_id = m.article_id AND a.duplicate_of IS NULL
)"""
# The file versions whose articles are published (warehouse.manifest.published_reads), as a relation.
PUBLISHED_READS_RELATION = "published_reads"


class PublishLocked(RuntimeError):
    """Another process is publishing this warehouse."""


@dataclass(frozen=True)
class PublishResult:
    row_counts: dict[str, int]
    path: Path


def publish(
    warehouse_dir: Path,
    lake: Lake | None = None,
    *,
    lock_timeout: float = PUBLISH_LOCK_TIMEOUT_S,
    before_swap: Callable[[], None] | None = None,
    final_runs: Callable[[], pa.Table] | None = None,
) -> PublishResult:
    """Rebuild ``<warehouse_dir>/broadsheet.duckdb`` from the committed lake (by default ``<warehouse_dir>/lake``).

    ``before_swap`` runs when the new file is complete but not yet in place (the crash tests stop there).
    ``final_runs`` is asked, once the tables are built, for ``runs`` rows that replace the lake's rows of their
    runs in the new file: the publishing run's own row, finished with the time its publish took.
    """
    warehouse_dir = Path(warehouse_dir)
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse_dir / PUBLISH_LOCK_NAME
    lock = filelock.FileLock(lock_path, timeout=lock_timeout)
    try:
        lock.acquire()
    except filelock.Timeout as exc:
        raise PublishLocked(
            f"another process is publishing {warehouse_dir} (lock {lock_path} held for over {lock_timeout}s); "
            "let it finish, then run again"
        ) from exc
    try:
        _remove_stale_builds(warehouse_dir)
        target = warehouse_dir / PUBLISHED_DB_NAME
        tmp = warehouse_dir / f"{TMP_DB_PREFIX}{os.getpid()}"
        try:
            row_counts = _build(tmp, lake or Lake.in_warehouse(warehouse_dir), final_runs)
            # Readers open it read-only; a read-write open (DuckDB's default) would lock them all out until the
            # next publish, so the file's mode refuses writing (the next publish replaces it, never writes it).
            os.chmod(tmp, PUBLISHED_FILE_MODE)
            fsync_path(tmp)
            if before_swap is not None:
                before_swap()
            os.replace(tmp, target)
        except BaseException:
            _remove_db_files(tmp)
            raise
        fsync_path(warehouse_dir)
        return PublishResult(row_counts=row_counts, path=target)
    finally:
        lock.release()


def _build(db_path: Path, lake: Lake, final_runs: Callable[[], pa.Table] | None = None) -> dict[str, int]:
    try:
        # A remote lake's parts are read from local copies (see local_copies).
        parts = local_copies(lake, committed_parts_by_table(lake), _lake_copy_dir(db_path))
        # An in-memory host lets us ATTACH the new file with its storage version pinned.
        con = spilling_connection(PUBLISH_MEMORY_LIMIT, _spill_dir(db_path))
        try:
            con.execute(
                f"ATTACH {quote_literal(str(db_path))} AS {BUILD_CATALOG} "
                f"(STORAGE_VERSION {quote_literal(PUBLISH_STORAGE_VERSION)})"
            )
            con.register(PUBLISHED_READS_RELATION, published_reads(committed_file_rows(lake)))
            con.execute(f"USE {BUILD_CATALOG}")
            for stmt in all_table_ddl():
                con.execute(stmt)
            # Parents before children: children and entities are chosen by the published articles.
            for sql in _insert_statements(parts):
                con.execute(sql)
            if final_runs is not None:
                _replace_runs(con, final_runs())
            create_views(con)
            row_counts = {table: _count(con, table) for table in ALL_TABLES}
            # Checkpoint + detach so the file is complete on its own (no WAL) before it is renamed.
            con.execute(f"CHECKPOINT {BUILD_CATALOG}")
            con.execute("USE memory")
            con.execute(f"DETACH {BUILD_CATALOG}")
        finally:
            con.close()
    finally:
        # DuckDB makes the spill folder only when it spills, and a local lake needs no copies.
        for scratch in (_spill_dir(db_path), _lake_copy_dir(db_path)):
            if scratch.exists():
                shutil.rmtree(scratch)
    return row_counts


def _replace_runs(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> None:
    con.register("final_runs", rows)
    try:
        con.execute("DELETE FROM runs WHERE run_id IN (SELECT run_id FROM final_runs)")
        con.execute(f"INSERT INTO runs ({_column_list('runs')}) SELECT {_column_list('runs')} FROM final_runs")
    finally:
        con.unregister("final_runs")


def _lake_copy_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lake")


def _spill_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".spill")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchone()
    return int(row[0]) if row else 0


def _insert_statements(parts: dict[str, list[str]]) -> list[str]:
    statements = [_articles_sql(parts["articles"])]
    statements += [_children_sql(table, parts[table]) for table in CHILD_TABLES]
    statements.append(_entities_sql(parts["entities"]))
    statements += [_latest_per_key_sql(table, parts[table]) for table in OPS_TABLES]
    # No parts means no insert: read_parquet([]) is an error, and the empty table already exists.
    return [sql for sql in statements if sql]


def _latest_per_key_sql(table: str, files: list[str]) -> str:
    """Keep the row from the newest committed part for each key (later run, then later part, then later row)."""
    if not files:
        return ""
    columns = _column_list(table)
    key = quote_ident(key_column(ALL_TABLES[table]))
    return f"""
        INSERT INTO {quote_ident(table)} ({columns})
        SELECT {columns} FROM {_ordered_source(files)}
        QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY _part_order DESC, file_row_number DESC) = 1
        ORDER BY {key}
    """


def _articles_sql(files: list[str]) -> str:
    """Each article once: from the published read of its file, and the newest of several files with its URL.

    A changed file replaces its articles: one it no longer yields disappears.  A source file whose
    new version could not be read (quarantined) keeps its last good articles, and a deleted source
    file keeps its articles too: raw files come and go, the warehouse keeps what it learned.  Two
    files with one canonical URL give one article id: the later-modified file's version wins, then
    the later run's, then the later source_uri's (normalise applies the same order within a run).
    """
    if not files:
        return ""
    columns = _column_list("articles")
    # Parts written before first_seen_at existed: the start of the run that wrote them (a run id starts with it).
    article_columns = _column_list("articles", prefix="a.").replace(
        'a."first_seen_at"',
        """coalesce(a."first_seen_at", to_timestamp(epoch(strptime(left(a.run_id, 15), '%Y%m%dT%H%M%S'))))""",
    )
    return f"""
        INSERT INTO articles ({columns})
        SELECT {article_columns} FROM {_ordered_source(files)} AS a
        JOIN {PUBLISHED_READS_RELATION} AS r ON r.source_uri = a.source_uri AND r.run_id = a.run_id
        QUALIFY row_number() OVER (PARTITION BY a.article_id ORDER BY r.modified_at DESC NULLS LAST,
                                   a._part_order DESC, a.source_uri DESC, a.file_row_number DESC) = 1
        ORDER BY a.article_id
    """


def _children_sql(table: str, files: list[str]) -> str:
    """Rows of the exact article version that was published (same article_id and run_id)."""
    if not files:
        return ""
    columns = _column_list(table)
    child_columns = _column_list(table, prefix="c.")
    return f"""
        INSERT INTO {quote_ident(table)} ({columns})
        SELECT {child_columns} FROM {_source(files)} AS c
        JOIN articles AS a ON a.article_id = c.article_id AND a.run_id = c.run_id
        ORDER BY c.{quote_ident(key_column(ALL_TABLES[table]))}
    """


def _entities_sql(files: list[str]) -> str:
    """One row per mentioned entity: counts and a person's gender from published mentions, name/label from its
    latest staged row."""
    if not files:
        return ""
    gendered = entity_gender_sql(PUBLISHED_MENTIONS)
    return f"""
        INSERT INTO entities (entity_id, name, label, scope, country_code, aliases, article_count, mention_count,
                              first_seen, last_seen, gender, gender_evidence, run_id, pipeline_version)
        WITH latest AS (
            SELECT entity_id, name, label, scope, country_code, run_id, pipeline_version FROM {_ordered_source(files)}
            QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY _part_order DESC, file_row_number DESC) = 1
        ), counts AS (
            -- A duplicate article (same body under another id) would count one story twice;
            -- a pronoun is not a name the entity goes by.
            SELECT m.entity_id,
                   coalesce(list(DISTINCT m.text ORDER BY m.text) FILTER (WHERE m.mention_type <> 'pronoun'), [])
                       AS aliases,
                   count(DISTINCT m.article_id) FILTER (WHERE a.duplicate_of IS NULL) AS article_count,
                   count(*) FILTER (WHERE a.duplicate_of IS NULL) AS mention_count,
                   min(a.published_at) AS first_seen,
                   max(a.published_at) AS last_seen
            FROM entity_mentions AS m
            JOIN articles AS a ON a.article_id = m.article_id
            GROUP BY m.entity_id
        ), gendered AS ({gendered}
        )
        SELECT l.entity_id, l.name, l.label, l.scope, l.country_code, c.aliases, c.article_count, c.mention_count,
               c.first_seen, c.last_seen,
               CASE WHEN l.label = 'PERSON' THEN g.gender END, CASE WHEN l.label = 'PERSON' THEN g.gender_evidence END,
               l.run_id, l.pipeline_version
        FROM counts AS c JOIN latest AS l ON l.entity_id = c.entity_id
        LEFT JOIN gendered AS g ON g.entity_id = c.entity_id
        ORDER BY l.entity_id
    """


def _source(files: list[str], *extra_options: str) -> str:
    # Explicit file list: only committed parts.  hive_partitioning off, or the run_id=… folder
    # would compete with the run_id column the rows carry.
    file_list = sql_file_list(files)
    options = ", ".join(["union_by_name = true", "hive_partitioning = false", *extra_options])
    return f"read_parquet({file_list}, {options})"


def _ordered_source(files: list[str]) -> str:
    # committed_parts lists files oldest first; the position in that list is a part's age.
    file_list = sql_file_list(files)
    return (
        f"(SELECT *, list_position({file_list}, filename) AS _part_order "
        f"FROM {_source(files, 'filename = true', 'file_row_number = true')})"
    )


def _column_list(table: str, prefix: str = "") -> str:
    return ", ".join(prefix + quote_ident(name) for name in ALL_TABLES[table].names)


def _remove_stale_builds(warehouse_dir: Path) -> None:
    # Only called under the lock, so every temp build here belongs to a publish that died.
    for path in warehouse_dir.glob(f"{TMP_DB_PREFIX}*"):
        if path.is_dir():
            shutil.rmtree(path)  # a dead build's spill folder
        else:
            path.unlink(missing_ok=True)


def _remove_db_files(db_path: Path) -> None:
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        path.unlink(missing_ok=True)


def entity_gender_sql(mentions: str) -> str:
    """SELECT entity_id, gender, gender_evidence over the mention rows of ``mentions`` (a relation with
    entity_id, role, mention_type, text): what the text states of each entity's gender.  A gendered honorific
    or title at a mention decides ('Ms', 'spokeswoman'); else the pronouns resolved to the entity; evidence
    for both genders leaves it NULL.  Never a first name."""
    male_words, female_words = _sql_list(MALE_WORDS), _sql_list(FEMALE_WORDS)
    male_pronouns, female_pronouns = _sql_tuple(MALE_PRONOUNS), _sql_tuple(FEMALE_PRONOUNS)
    return f"""
        WITH words AS (
            -- A role's words as transforms.nlp.gender.role_words reads them ('Mr.' is 'mr').
            SELECT *, regexp_split_to_array(lower(replace(coalesce(role, ''), '.', '')), '[[:space:]-]+') AS role_words
            FROM {mentions}
        ), evidence AS (
            SELECT entity_id,
                   bool_or(list_has_any(role_words, {male_words})) AS male_title,
                   bool_or(list_has_any(role_words, {female_words})) AS female_title,
                   bool_or(mention_type = 'pronoun' AND lower(text) IN {male_pronouns}) AS male_pronoun,
                   bool_or(mention_type = 'pronoun' AND lower(text) IN {female_pronouns}) AS female_pronoun
            FROM words
            GROUP BY entity_id
        )
        SELECT entity_id,
               CASE WHEN male_title <> female_title THEN (CASE WHEN male_title THEN 'male' ELSE 'female' END)
                    WHEN NOT male_title AND male_pronoun <> female_pronoun
                        THEN (CASE WHEN male_pronoun THEN 'male' ELSE 'female' END) END AS gender,
               CASE WHEN male_title <> female_title THEN 'title'
                    WHEN NOT male_title AND male_pronoun <> female_pronoun THEN 'pronoun' END AS gender_evidence
        FROM evidence
    """


def _sql_list(words: frozenset[str]) -> str:
    return "[" + ", ".join(quote_literal(w) for w in sorted(words)) + "]"


def _sql_tuple(words: frozenset[str]) -> str:
    return "(" + ", ".join(quote_literal(w) for w in sorted(words)) + ")"
