"""Read-only SQL against the published warehouse (the ``sql`` command, notebooks, tests).

Statements are classified from DuckDB's own parser before anything runs, so a write
hidden in a multi-statement string is refused without the reads before it running.
The file is then attached READ_ONLY and file-system access switched off and locked,
so a statement the check missed still cannot write the file, other files or extensions.

Why ATTACH into an in-memory connection rather than ``duckdb.connect(path, read_only=True)``:
DuckDB caches one database instance per path per process, so while any connection to
the old file is open in this process, ``connect`` hands back that instance (the old,
replaced file) and refuses a different config.  ATTACH opens the file as it is now.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.ddl import quote_ident, quote_literal

# Only SELECT-shaped statements run; DESCRIBE, SHOW, SUMMARIZE, FROM-first and VALUES parse as SELECT.
_READ_TYPES = {duckdb.StatementType.SELECT}
# PIVOT without an IN list parses as MULTI (a values lookup plus the pivot); it only reads.
_PIVOT_KEYWORDS = {"PIVOT", "UNPIVOT", "PIVOT_WIDER", "PIVOT_LONGER"}
# Applied after the ATTACH (which needs file access), then locked so SQL cannot undo them.
_LOCKDOWN = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)
_RESERVED_CATALOGS = {"memory", "system", "temp", "main"}
ALLOWED_HINT = "only SELECT / WITH / FROM / DESCRIBE / SHOW / SUMMARIZE / EXPLAIN / PIVOT queries run here"


class WarehouseMissing(FileNotFoundError):
    """There is no published warehouse file to query."""


class WarehouseUnreadable(OSError):
    """The warehouse file exists but is no DuckDB database DuckDB can open (truncated, another format)."""


class WriteRefused(PermissionError):
    """The SQL contains a statement that would write; nothing was run."""


def run_readonly_sql(db_path: Path, sql: str, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Run ``sql`` read-only; returns the column names and rows (at most ``limit``) of the last statement."""
    statements = read_statements(sql)
    with attached_read_only(db_path, lock_down=True) as con:
        columns: list[str] = []
        rows: list[tuple] = []
        for statement in statements:
            cursor = con.execute(statement.query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            if not cursor.description:
                rows = []
            else:
                rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        return columns, rows


def show_readonly_sql(db_path: Path, sql: str, *, max_rows: int, max_width: int) -> None:
    """Run ``sql`` read-only and print the last statement's result as DuckDB's own box table: as wide as
    ``max_width`` (columns cut with an ellipsis), the first and last rows when there are more than ``max_rows``,
    and the row count."""
    statements = read_statements(sql)
    with attached_read_only(db_path, lock_down=True) as con:
        for statement in statements[:-1]:
            con.execute(statement.query)
        relation = con.sql(statements[-1].query)
        if relation is not None:
            relation.show(max_rows=max_rows, max_width=max_width)


@contextmanager
def attached_read_only(db_path: Path, *, lock_down: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory connection with the published file attached READ_ONLY as its default catalog; with
    ``lock_down``, file access and extension loading off and the configuration locked (for user SQL)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise WarehouseMissing(f"no published warehouse at {db_path}: run the pipeline (or publish) first")
    con = duckdb.connect()
    try:
        catalog = quote_ident(_catalog_name(db_path))
        try:
            con.execute(f"ATTACH {quote_literal(str(db_path))} AS {catalog} (READ_ONLY)")
        except duckdb.Error as error:
            raise WarehouseUnreadable(f"cannot open the warehouse at {db_path}: {str(error).splitlines()[0]}") from None
        con.execute(f"USE {catalog}")
        if lock_down:
            for setting in _LOCKDOWN:
                con.execute(setting)
        yield con
    finally:
        con.close()


def _catalog_name(db_path: Path) -> str:
    # Named after the file, as if it had been opened directly, unless that name is DuckDB's own.
    return "broadsheet" if db_path.stem.lower() in _RESERVED_CATALOGS else db_path.stem


def read_statements(sql: str) -> list[duckdb.Statement]:
    """Parse ``sql``; return its statements if every one only reads, else raise WriteRefused."""
    statements = duckdb.extract_statements(sql)
    if not statements:
        raise ValueError("no SQL statement given")
    for number, statement in enumerate(statements, start=1):
        if not _is_read(statement):
            where = f"statement {number} of {len(statements)}" if len(statements) > 1 else "the statement"
            raise WriteRefused(
                f"refused: {where} is {_kind(statement)} ({_snippet(statement.query)}); "
                f"the warehouse is read-only and {ALLOWED_HINT}. Nothing was run."
            )
    return statements


def _is_read(statement: duckdb.Statement) -> bool:
    if statement.type in _READ_TYPES:
        return True
    if statement.type == duckdb.StatementType.MULTI:
        return _first_keyword(statement.query) in _PIVOT_KEYWORDS
    if statement.type == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE executes its statement, so the explained statement must be a read too.
        inner = duckdb.extract_statements(_explained_sql(statement.query))
        return len(inner) == 1 and _is_read(inner[0])
    return False


def _kind(statement: duckdb.Statement) -> str:
    if statement.type == duckdb.StatementType.EXPLAIN:
        inner = duckdb.extract_statements(_explained_sql(statement.query))
        return "EXPLAIN of " + (" + ".join(_kind(s) for s in inner) or "nothing")
    return statement.type.name


def _tokens(sql: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-comment token, from DuckDB's tokenizer."""
    raw = [(pos, kind) for pos, kind in duckdb.tokenize(sql)]
    ends = [pos for pos, _ in raw[1:]] + [len(sql)]
    return [
        (pos, sql[pos:end].strip())
        for (pos, kind), end in zip(raw, ends, strict=True)
        if kind != duckdb.token_type.comment
    ]


def _first_keyword(sql: str) -> str:
    tokens = _tokens(sql)
    return tokens[0][1].upper() if tokens else ""


def _explained_sql(sql: str) -> str:
    """The statement after ``EXPLAIN [ANALYZE] [(options)]``."""
    tokens = _tokens(sql)
    i = 1  # tokens[0] is EXPLAIN
    if i < len(tokens) and tokens[i][1].upper() == "ANALYZE":
        i += 1
    if i < len(tokens) and tokens[i][1] == "(":
        depth = 0
        while i < len(tokens):
            depth += tokens[i][1].count("(") - tokens[i][1].count(")")
            i += 1
            if depth <= 0:
                break
    return sql[tokens[i][0] :] if i < len(tokens) else ""


def _snippet(sql: str, limit: int = 60) -> str:
    text = " ".join(sql.split()).rstrip(";")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rows_as_dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    """The rows of ``sql`` on an open connection, each a dict by column name."""
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
