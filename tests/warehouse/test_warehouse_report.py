"""The HTML run report: what it states about the run and the warehouse, and that its charts draw in a browser
with no network."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from warehouse_builders import RUN_1, publish_runs, run_1_tables

from support import browser_dom, vendored_assets_or_skip
from warehouse import vendor
from warehouse.query import attached_read_only
from warehouse.report.facts import read_facts
from warehouse.report.page import render_page
from warehouse.status import DriftFlag

STARTED = datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
WRITTEN = datetime(2025, 1, 1, 2, 5, tzinfo=UTC)
RUN_ROW: dict[str, Any] = {
    "run_id": RUN_1,
    "started_at": STARTED,
    "finished_at": STARTED + timedelta(seconds=75),
    "status": "succeeded",
    "sources": ["articles=/data/articles"],
    "source_roots": [("articles", "/data/articles")],
    "pipeline_version": "test-0.1",
    "files_seen": 4,
    "files_new": 3,
    "articles": 3,
    "quarantined": 1,
    "discarded": [("empty_file", 1)],
    "skipped_language": 0,
    "step_seconds": [("discover", 1.5), ("analyse", 60.0), ("validate", 3.0), ("publish", 2.5)],
    "error": None,
}
QUARANTINED = [
    {"source_uri": "articles/bad.json", "record_key": "", "reason_code": "invalid_json", "detail": "line 1 col 5"}
]
CHARTS_WITH_ROWS = [
    "step-seconds",
    "articles-per-day",
    "articles-per-publisher",
    "top-entities",
    "top-speakers",
    "quotes-per-kind",
    "claims-per-kind",
    "speaker-resolution",
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = run_1_tables()
    tables["validation_results"] = [
        {"result_id": "vr-ok", "expectation": "expect_column_values_to_be_unique", "column_name": "article_id"},
        {
            "result_id": "vr-warn",
            "table_name": "quotes",
            "expectation": "expect_column_values_to_not_be_null",
            "column_name": "speaker_entity_id",
            "severity": "warning",
            "success": False,
            "unexpected_count": 4,
            "row_count": 9,
            "detail": "quote_id: 'q7', 'q8'",
        },
    ]
    return publish_runs(tmp_path_factory.mktemp("warehouse"), {RUN_1: tables})


def _page(published: Path, scripts: list[str]) -> str:
    with attached_read_only(published, lock_down=True) as con:
        facts = read_facts(con, RUN_1)
    return render_page(
        RUN_ROW,
        facts,
        QUARANTINED,
        scripts=scripts,
        written_at=WRITTEN,
        data_docs_href="../docs/index.html",
    )


def _chart_specs(page: str) -> dict[str, dict]:
    [specs] = re.findall(r"const charts = (.*);\n", page)
    return {chart["id"]: chart["spec"] for chart in json.loads(specs)}


def test_the_page_states_the_run_its_quarantine_and_its_failed_expectations(published: Path) -> None:
    page = _page(published, scripts=["/* chart scripts */"])

    assert "Broadsheet run 20250101T020000Z-aaaa" in page
    assert '<span class="status status-succeeded">succeeded</span>' in page
    assert "finished 2025-01-01 02:01:15+00:00 · 75.0 s" in page
    assert '<tr><th>discarded: empty_file</th><td class="number">1</td></tr>' in page
    assert "<td>articles/bad.json</td><td></td><td>invalid_json</td>" in page
    # The failed warning, with the sample of keys the run kept; the passing expectation is only counted.
    assert "1 of 2 expectations failed this run." in page
    assert (
        "<td>warning</td><td>quotes</td><td>expect_column_values_to_not_be_null</td><td>speaker_entity_id</td>"
        '<td class="number">4</td><td class="number">9</td><td class="detail">quote_id: &#39;q7&#39;, &#39;q8&#39;</td>'
    ) in page
    assert '<a href="../docs/index.html">Great Expectations Data Docs</a>' in page
    assert not re.search(r'(src|href)="https?://', page)  # nothing is loaded from a network


def test_every_chart_draws_the_warehouse_rows(published: Path) -> None:
    specs = _chart_specs(_page(published, scripts=["/* chart scripts */"]))

    assert list(specs) == CHARTS_WITH_ROWS
    assert specs["step-seconds"]["data"]["values"] == [
        {"step": "discover", "seconds": 1.5},
        {"step": "analyse", "seconds": 60.0},
        {"step": "validate", "seconds": 3.0},
        {"step": "publish", "seconds": 2.5},
    ]
    # A2dup repeats A2: it counts for no entity.
    assert specs["top-entities"]["data"]["values"] == [
        {"name": "Joe Biden", "label": "PERSON", "articles": 2},
        {"name": "Tokyo", "label": "GPE", "articles": 2},
    ]
    assert specs["top-speakers"]["data"]["values"] == [{"name": "Joe Biden", "label": "PERSON", "quotes": 1}]
    assert specs["quotes-per-kind"]["data"]["values"] == [{"kind": "indirect", "quotes": 1}]
    assert specs["claims-per-kind"]["data"]["values"] == [{"quantity_kind": "percent", "claims": 2}]
    assert specs["speaker-resolution"]["data"]["values"] == [{"run_id": RUN_1, "quotes": 1, "resolved_share": 1.0}]
    # A2 was published that day; A1, undated, counts on the day the warehouse first saw it.
    assert specs["articles-per-day"]["data"]["values"] == [
        {"article_day": "2025-01-01", "publisher": "(unknown)", "articles": 2}
    ]


def test_a_chart_with_nothing_to_draw_says_so_instead(published: Path) -> None:
    page = _page(published, scripts=["/* chart scripts */"])

    assert "claims-per-currency" not in _chart_specs(page)
    assert '<h3>Money claims per currency</h3><p class="empty">no claims yet</p>' in page


def test_drift_flags_are_shown_with_the_rule_that_raised_them(published: Path) -> None:
    with attached_read_only(published, lock_down=True) as con:
        facts = read_facts(con, RUN_1)
    assert facts.drift == []  # one run: nothing to compare with
    flag = DriftFlag(run_id=RUN_1, measure="claims per article", value=0.4, baseline=2.5)
    page = render_page(RUN_ROW, replace(facts, drift=[flag]), [], scripts=[], written_at=WRITTEN, data_docs_href=None)

    assert (
        '<div class="flag">run 20250101T020000Z-aaaa: <b>claims per article</b> is 0.4, the median of the runs '
        "before it 2.5</div>"
    ) in page
    assert "No measure moved beyond its threshold." not in page
    assert "flagged beyond ±50% of that baseline (or of 1)" in page


def test_without_the_chart_scripts_the_page_keeps_its_tables_and_says_why(published: Path) -> None:
    page = _page(published, scripts=[])

    assert _chart_specs(page) == {}
    assert "The chart scripts are not installed (make setup fetches them)" in page
    assert "1 of 2 expectations failed this run." in page


def test_the_charts_draw_in_headless_chromium_with_no_network(published: Path, tmp_path: Path) -> None:
    vendored_assets_or_skip()
    scripts = [
        vendor.read_asset(vendor.VEGA, "build/vega.min.js"),
        vendor.read_asset(vendor.VEGA_LITE, "build/vega-lite.min.js"),
        vendor.read_asset(vendor.VEGA_EMBED, "build/vega-embed.min.js"),
    ]
    path = tmp_path / "report.html"
    path.write_text(_page(published, scripts), encoding="utf-8")

    dom = browser_dom(path, tmp_path)

    assert f'data-charts-drawn="{len(CHARTS_WITH_ROWS)}"' in dom
    assert 'data-chart-errors=""' in dom
    for chart_id in CHARTS_WITH_ROWS:
        # vega-embed drew an SVG into the chart's element, with marks in it (bars, a line's points).
        drawn = dom.split(f'id="{chart_id}"', 1)[1].split('<div class="chart">', 1)[0]
        assert "<svg" in drawn and re.search(r'class="mark-(rect|line|symbol)[^"]*"[^>]*>\s*<path', drawn), chart_id
