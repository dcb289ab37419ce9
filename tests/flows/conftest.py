"""Fixtures the flow tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import SEEDS


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the seed articles in a folder named ``articles``, free to change."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder
