"""Fixtures: an empty warehouse dir, its lake (local, and an fsspec in-memory one standing in for an
object store), and a warehouse with two committed runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest
from warehouse_builders import RUN_1, RUN_2, run_1_tables, run_2_tables, write_run

from warehouse import lake


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture(params=["local", "memory"])
def parquet_lake(request: pytest.FixtureRequest, warehouse: Path, tmp_path: Path) -> Iterator[lake.Lake]:
    """The warehouse's own ``lake/`` folder, or a lake at a ``memory://`` URL: the code path of a remote
    lake (no os.replace, fsspec listings, DuckDB reading through fsspec) without a server."""
    if request.param == "local":
        yield lake.Lake.in_warehouse(warehouse)
        return
    root = f"memory://{tmp_path.name}/lake"
    yield lake.Lake(root)
    memory = fsspec.filesystem("memory")
    if memory.exists(root):
        memory.rm(root, recursive=True)


@pytest.fixture
def two_runs(warehouse: Path, parquet_lake: lake.Lake) -> Path:
    """Run 1 and run 2 committed."""
    write_run(warehouse, parquet_lake, RUN_1, run_1_tables())
    lake.commit_run(parquet_lake, RUN_1)
    write_run(warehouse, parquet_lake, RUN_2, run_2_tables())
    lake.commit_run(parquet_lake, RUN_2)
    return warehouse
