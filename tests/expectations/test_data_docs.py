"""Data Docs: GX's site builder renders the runs' validation results, and every page opens with no network."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from contract_rows import VERSION, clean_rows, frames_from

from expectations.data_docs import build_data_docs
from expectations.validate import validate_tables
from support import browser_dom, vendored_assets_or_skip

RUN_GOOD = "20250101T020000000000Z"
RUN_BAD = "20250102T020000000000Z"
# Links a reader may follow to GX's own site; everything a page loads must be local.
GX_SITE_LINK = re.compile(r'href="https://(docs\.)?greatexpectations\.io')


def _results(run_id: str, day: int, *, word_count: int) -> pa.Table:
    rows = clean_rows()
    for article in rows["articles"]:
        article["word_count"] = word_count
    frames = frames_from({"articles": rows["articles"]})
    outcome = validate_tables(
        frames, run_id=run_id, pipeline_version=VERSION, validated_at=datetime(2025, 1, day, 2, 5, tzinfo=UTC)
    )
    return outcome.results


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vendored_assets_or_skip()
    folder = tmp_path_factory.mktemp("docs")
    # Run 2's article has a word count below zero: a blocking failure, and a warning (too short).
    results = pa.concat_tables([_results(RUN_GOOD, 1, word_count=250), _results(RUN_BAD, 2, word_count=-3)])
    build_data_docs(results, folder)
    return folder


def _page(site: Path, run_id: str, table: str) -> Path:
    [page] = (site / "validations" / table / run_id).glob(f"*/{table}.html")
    return page


def test_each_run_gets_a_validation_page_the_index_links(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")

    for run_id in (RUN_GOOD, RUN_BAD):
        page = _page(site, run_id, "articles")
        assert page.relative_to(site).as_posix() in index
    assert (site / "expectations" / "articles.html").is_file()  # the suite itself


def test_a_failed_expectation_shows_with_the_sample_the_run_kept(site: Path) -> None:
    bad = _page(site, RUN_BAD, "articles").read_text(encoding="utf-8")
    good = _page(site, RUN_GOOD, "articles").read_text(encoding="utf-8")

    assert "Failed" in bad and "Succeeded" in good
    # The sample validate kept ("values: -3; article_id: …") is shown as the unexpected value.
    assert "values: -3; article_id: 'a-1'" in bad
    assert "values: -3" not in good


def test_no_page_loads_anything_from_a_network(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        text = GX_SITE_LINK.sub("", page.read_text(encoding="utf-8"))
        assert not re.search(r"""(src|href)=["']https?://|url\(['"]?https?://""", text), page
    for local in re.findall(r'src="(static/vendor/[^"]+)"', (site / "index.html").read_text(encoding="utf-8")):
        assert (site / local).is_file(), local


def test_a_run_left_out_of_the_results_loses_its_pages(tmp_path: Path) -> None:
    vendored_assets_or_skip()
    build_data_docs(_results(RUN_GOOD, 1, word_count=250), tmp_path)
    build_data_docs(_results(RUN_BAD, 2, word_count=250), tmp_path)

    assert not list((tmp_path / "validations" / "articles").glob(f"{RUN_GOOD}/*/articles.html"))
    assert _page(tmp_path, RUN_BAD, "articles").is_file()


def test_the_vendored_scripts_run_in_headless_chromium(site: Path, tmp_path: Path) -> None:
    dom = browser_dom(_page(site, RUN_BAD, "articles"), tmp_path)

    # bootstrap-table (which needs jQuery and Bootstrap) wrapped the result tables: the local copies loaded.
    assert 'class="bootstrap-table bootstrap4"' in dom
