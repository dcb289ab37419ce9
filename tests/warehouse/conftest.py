"""Fixtures: an empty warehouse dir and one with two committed runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse import lake
from warehouse_builders import RUN_1, RUN_2, run_1_tables, run_2_tables, write_run


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def two_runs(warehouse: Path) -> Path:
    """Run 1 and run 2 committed."""
    write_run(warehouse, RUN_1, run_1_tables())
    lake.commit_run(warehouse, RUN_1)
    write_run(warehouse, RUN_2, run_2_tables())
    lake.commit_run(warehouse, RUN_2)
    return warehouse
