"""Paths the tests share (a plain module: every test folder's conftest is named conftest)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds" / "articles"
SEED_FILE = SEEDS / "000_ff8a8828b930ef3e.txt"
SHARED = PROJECT_ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
