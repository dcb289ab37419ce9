"""DuckDB DDL derived from the table contract in ``transforms.schemas``.

Nothing here declares a column: types, nullability, the primary key and the column
comments (the data dictionary BI tools show) all come from the pyarrow schemas.
"""

from __future__ import annotations

import pyarrow as pa

from transforms.schemas import ALL_TABLES, TABLE_DOCS, column_comment, key_column

_SCALAR_TYPES: dict[pa.DataType, str] = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
}


def all_table_ddl() -> list[str]:
    """CREATE TABLE and COMMENT statements for every contract table, in contract order."""
    return [stmt for name, schema in ALL_TABLES.items() for stmt in table_ddl(name, schema)]


def table_ddl(table_name: str, schema: pa.Schema) -> list[str]:
    return [create_table_sql(table_name, schema), *comment_sql(table_name, schema)]


def create_table_sql(table_name: str, schema: pa.Schema) -> str:
    columns = [f"    {quote_ident(f.name)} {duckdb_type(f.type)}{'' if f.nullable else ' NOT NULL'}" for f in schema]
    columns.append(f"    PRIMARY KEY ({quote_ident(key_column(schema))})")
    return f"CREATE TABLE {quote_ident(table_name)} (\n" + ",\n".join(columns) + "\n)"


def comment_sql(table_name: str, schema: pa.Schema) -> list[str]:
    return [
        f"COMMENT ON TABLE {quote_ident(table_name)} IS {quote_literal(TABLE_DOCS[table_name])}",
        *(
            f"COMMENT ON COLUMN {quote_ident(table_name)}.{quote_ident(f.name)} IS {quote_literal(column_comment(f))}"
            for f in schema
        ),
    ]


def duckdb_type(type_: pa.DataType) -> str:
    """The DuckDB type a contract column is stored as; unknown types fail loudly, never guess."""
    if type_ in _SCALAR_TYPES:
        return _SCALAR_TYPES[type_]
    if pa.types.is_timestamp(type_) and type_.unit == "us" and type_.tz in ("UTC", "+00:00", "Etc/UTC"):
        return "TIMESTAMPTZ"
    if pa.types.is_map(type_):
        return f"MAP({duckdb_type(type_.key_type)}, {duckdb_type(type_.item_type)})"
    if pa.types.is_list(type_):
        return f"{duckdb_type(type_.value_type)}[]"
    if pa.types.is_struct(type_):
        fields = ", ".join(f"{quote_ident(f.name)} {duckdb_type(f.type)}" for f in type_)
        return f"STRUCT({fields})"
    raise TypeError(f"no DuckDB mapping for arrow type {type_}; add one to warehouse/ddl.py")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
