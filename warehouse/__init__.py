"""The IO edge: the Parquet lake, the DuckDB DDL and views, publishing and read-only access.

- ``warehouse.lake``: write parts, stage, commit or reject a run, the manifest, cleanup.
- ``warehouse.ddl``: DuckDB DDL and column comments derived from ``transforms.schemas``.
- ``warehouse.publish``: build a new DuckDB file from the committed lake and swap it in.
- ``warehouse.query``: run read-only SQL against the published file.
"""
