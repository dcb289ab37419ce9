"""Paths and helpers the tests share (a plain module: every test folder's conftest is named conftest)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds" / "articles"
SEED_FILE = SEEDS / "000_ff8a8828b930ef3e.txt"
SHARED = PROJECT_ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def query_published(warehouse: Path, sql: str) -> list[tuple]:
    """Rows of ``sql`` on the warehouse's published DuckDB file, opened read-only like a BI tool would."""
    import duckdb

    with duckdb.connect(str(warehouse / "broadsheet.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def published_content(warehouse: Path) -> dict[str, list[tuple]]:
    """Every content table's rows, without the lineage that differs between runs and warehouses (and when the
    warehouse first saw each article)."""
    from transforms.schemas import CONTENT_TABLES, key_column

    def excluded(table: str) -> str:
        return "run_id, pipeline_version" + (", first_seen_at" if table == "articles" else "")

    return {
        table: query_published(
            warehouse, f"SELECT * EXCLUDE ({excluded(table)}) FROM {table} ORDER BY {key_column(schema)}"
        )
        for table, schema in CONTENT_TABLES.items()
    }


def quotes_with_speakers(nlp, reference, text: str) -> list[dict]:
    """The quote rows extracted from ``text`` (an invented article), each with its speaker entity's name
    as ``speaker_name`` (None when it has none)."""
    from transforms.nlp.analyse import extract_article

    result = extract_article(nlp(text), "art_test", [], reference)
    names = {row["entity_id"]: row["name"] for row in result.entities}
    return [{**quote, "speaker_name": names.get(quote["speaker_entity_id"])} for quote in result.quotes]


def with_names(nlp, names: tuple[tuple[str, str], ...]):
    """``nlp`` with the model's entities replaced by ``names`` ((text, label), each at its first occurrence), so a
    test of what follows from a tag does not depend on what the model tags."""

    def tagged(text: str):
        doc = nlp(text)
        doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label=label) for name, label in names]
        return doc

    return tagged


# Flags as this machine's network needs them: without the background-networking ones Chromium tries Google's
# hosts at every start, and the closed network refuses them.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=15000",  # the page's scripts run to completion in virtual time
)


def browser_dom(page: Path, tmp_path: Path) -> str:
    """The DOM of a local page after its scripts ran in headless Chromium (Debian's package).  Skips where
    Chromium is missing, except in CI (CI=true), whose .ci/run installs it: there a missing browser fails."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium")
    if chromium is None:
        skip_unless_ci("Chromium is not installed (apt-get install chromium; .ci/run does it)")
    profile = tmp_path / "chromium-profile"
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def vendored_assets_or_skip() -> None:
    """Skip (fail in CI) when the pages' browser scripts were not fetched: `make setup` fetches them."""
    from warehouse import vendor

    missing = [
        str(vendor.vendor_dir() / package.folder / file)
        for package in vendor.PACKAGES
        for file in package.files
        if not (vendor.vendor_dir() / package.folder / file).is_file()
    ]
    if missing:
        skip_unless_ci(f"{len(missing)} vendored browser files missing (make setup fetches them), e.g. {missing[0]}")


def skip_unless_ci(message: str) -> NoReturn:
    """Skip the test for a missing tool, except in CI (CI=true), whose .ci/run installs it: there it fails."""
    import os

    import pytest

    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
