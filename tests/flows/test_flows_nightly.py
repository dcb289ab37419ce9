"""The nightly flow end to end on the seeds, into a temp warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.analyse import step as analyse_step
from flows.cli import app
from flows.nightly import nightly
from support import SEEDS, query_published
from transforms.schemas import ALL_TABLES, key_column
from warehouse import lake
from warehouse.status import recent_runs

# Logs that gain a row per run; every other table must be identical after a no-change run.
PER_RUN_LOGS = ("runs", "validation_results")
SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])


def _content_hashes(warehouse: Path) -> dict[str, str]:
    hashes = {}
    for table, schema in ALL_TABLES.items():
        if table in PER_RUN_LOGS:
            continue
        key = key_column(schema)
        hashes[table] = query_published(
            warehouse,
            f"SELECT md5(coalesce(string_agg(CAST(t AS VARCHAR), '\n' ORDER BY {key}), '')) FROM {table} AS t",
        )[0][0]
    return hashes


@pytest.fixture(scope="module")
def seeded(prefect_harness, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("warehouse")
    report = nightly(sources=[str(SEEDS)], warehouse=str(warehouse))
    return warehouse, report


def test_run_publishes_every_table(seeded):
    warehouse, report = seeded
    assert report["files_seen"] == report["files_new"] == SEED_COUNT
    assert report["articles_new"] == SEED_COUNT
    assert report["quarantined"] == []
    assert set(report["row_counts"]) == set(ALL_TABLES)
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT,)]
    assert query_published(warehouse, "SELECT status, files_new FROM runs") == [("succeeded", SEED_COUNT)]
    assert query_published(
        warehouse, "SELECT count(*) FROM validation_results WHERE severity = 'blocking' AND NOT success"
    ) == [(0,)]
    assert report["example_rows"][0] == ["Pete Hegseth", 5]


def test_the_runs_row_finishes_after_publish_and_times_it(seeded):
    warehouse, report = seeded
    [(steps, publish_seconds, finished_at, started_at)] = query_published(
        warehouse, "SELECT map_keys(step_seconds), step_seconds['publish'], finished_at, started_at FROM runs"
    )
    assert steps[-2:] == ["validate", "publish"]
    assert publish_seconds == report["step_seconds"]["publish"] > 0
    # Finished once every step, publish included, was done.
    assert (finished_at - started_at).total_seconds() >= sum(report["step_seconds"][s] for s in steps)
    # The lake holds the same finished row (an amendment committed after the swap), so the next publish keeps it.
    [latest] = recent_runs(lake.Lake.in_warehouse(warehouse), 1)
    assert latest["finished_at"] == finished_at


def test_the_run_writes_its_html_report_data_docs_and_an_artifact_linking_both(seeded):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    warehouse, report = seeded
    run_id = report["run_id"]
    page = warehouse / "reports" / f"{run_id}.html"
    assert report["report_page"] == str(page)
    assert report["data_docs"] == str((warehouse / "docs" / "index.html").resolve())
    assert report["report_problems"] == [] and report["drift"] == []  # a first run has nothing to drift from
    text = page.read_text(encoding="utf-8")
    assert (warehouse / "reports" / "latest.html").read_text(encoding="utf-8") == text
    assert f"Broadsheet run {run_id}" in text and "status-succeeded" in text
    assert '<a href="../docs/index.html">Great Expectations Data Docs</a>' in text
    [(failed, total)] = query_published(
        warehouse, f"SELECT count(*) FILTER (NOT success), count(*) FROM validation_results WHERE run_id = '{run_id}'"
    )
    assert failed > 0  # some seed files carry no headline: the title warning fails
    assert f"{failed} of {total} expectations failed this run." in text
    assert list((warehouse / "docs" / "validations" / "articles" / run_id).glob("*/articles.html"))
    with get_client(sync_client=True) as client:
        [artifact] = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["broadsheet-run-report"])),
            limit=1,
            sort=ArtifactSort.CREATED_DESC,
        )
    assert isinstance(artifact.data, str)
    assert f"[Run report with charts]({page.as_uri()})" in artifact.data
    assert f"[Great Expectations Data Docs]({(warehouse / 'docs' / 'index.html').resolve().as_uri()})" in artifact.data


def test_every_seed_article_is_dated_sourced_and_first_seen_at_the_runs_start(seeded):
    warehouse, report = seeded
    rows = query_published(
        warehouse,
        """
        SELECT source_name, source_uri, publisher, month(published_at), day(published_at), published_at_source,
               -- the run's start: its id's time, to the second
               first_seen_at BETWEEN (SELECT started_at - INTERVAL 1 SECOND FROM runs) AND (SELECT started_at FROM runs)
        FROM articles ORDER BY source_uri""",
    )
    seed = next(r for r in rows if r[1] == "articles/000_ff8a8828b930ef3e.txt")
    # The year is the one that puts "Oct 29" on or before the file's modification time.
    assert seed == ("articles", "articles/000_ff8a8828b930ef3e.txt", "Reuters", 10, 29, "dateline", True)
    assert all(r[0] == "articles" and r[6] for r in rows)
    undated = query_published(
        warehouse, "SELECT count(*) FROM v_quotes WHERE article_date IS NULL OR source_name IS NULL"
    )
    assert undated == [(0,)]


def test_published_seed_quotes_and_claims(seeded):
    warehouse, _ = seeded
    quotes = query_published(
        warehouse,
        """
        SELECT q.start_char, q.kind, q.speaker_name FROM v_quotes q JOIN articles a USING (article_id)
        WHERE a.source_uri = 'articles/000_ff8a8828b930ef3e.txt' ORDER BY q.start_char""",
    )
    assert quotes == [
        (110, "partial", "Pete Hegseth"),
        (144, "indirect", "Pete Hegseth"),
        (438, "indirect", "Sanae Takaichi"),
        (536, "partial", "Sanae Takaichi"),
        (570, "direct", "Pete Hegseth"),
        (845, "indirect", "Sanae Takaichi"),
        (1285, "direct", "Pete Hegseth"),
        (1400, "indirect", "Financial Times"),
        (1775, "direct", "Pete Hegseth"),
    ]
    claims = query_published(
        warehouse,
        """
        SELECT surface, value, unit, of_what, approximate FROM v_claims c JOIN articles a USING (article_id)
        WHERE a.source_uri = 'articles/000_ff8a8828b930ef3e.txt' AND quantity_kind = 'percent' ORDER BY c.start_char""",
    )
    assert claims == [
        ("two per cent of gross domestic product", 2.0, "percent", "GDP", False),
        ("about 1.8 per cent", 1.8, "percent", "GDP", True),
        ("five per cent of GDP", 5.0, "percent", "GDP", False),
    ]
    changes = query_published(
        warehouse,
        """
        SELECT surface, previous_surface, previous_value FROM v_claims c JOIN articles a USING (article_id)
        WHERE a.source_uri = 'articles/000_ff8a8828b930ef3e.txt' AND previous_claim_id IS NOT NULL""",
    )
    assert changes == [("two per cent of gross domestic product", "about 1.8 per cent", 1.8)]
    spans_off = query_published(
        warehouse,
        """
        SELECT count(*) FROM entity_mentions m JOIN articles a USING (article_id)
        WHERE m.start_char IS NOT NULL
          AND substr(a.body_text, m.start_char + 1, m.end_char - m.start_char) <> m.text""",
    )
    assert spans_off == [(0,)]
    top = query_published(warehouse, "SELECT name, article_count FROM v_top_entities WHERE name = 'United States'")
    assert top and top[0][1] >= 2


def test_second_run_changes_nothing(seeded):
    warehouse, _ = seeded
    before = _content_hashes(warehouse)
    report = nightly(sources=[str(SEEDS)], warehouse=str(warehouse))
    assert (report["files_new"], report["articles_new"]) == (0, 0)
    assert _content_hashes(warehouse) == before
    assert query_published(warehouse, "SELECT count(*), count(DISTINCT status) FROM runs") == [(2, 1)]


def _staged_entities(warehouse: Path) -> list[dict]:
    rows = [
        row
        for part in lake.committed_parts(lake.Lake.in_warehouse(warehouse), "entities")
        for row in pq.read_table(part).to_pylist()
    ]
    return sorted(
        ({k: v for k, v in row.items() if k not in ("run_id", "pipeline_version")} for row in rows),
        key=lambda row: row["entity_id"],
    )


def test_entities_written_in_many_parts_fold_to_the_same_rows(seeded, prefect_harness, tmp_path, monkeypatch):
    """Each analysis part's entities are folded at the end of the run: parts of two articles give what one part
    gives."""
    warehouse, _ = seeded
    monkeypatch.setattr(analyse_step, "ANALYSE_BATCH_ARTICLES", 2)
    small_parts = tmp_path / "warehouse"
    nightly(sources=[str(SEEDS)], warehouse=str(small_parts))
    assert len(lake.committed_parts(lake.Lake.in_warehouse(small_parts), "entity_mentions")) == -(-SEED_COUNT // 2)
    staged = _staged_entities(small_parts)
    assert staged == _staged_entities(warehouse)
    assert len({row["entity_id"] for row in staged}) == len(staged)
    published = (
        "SELECT entity_id, name, label, scope, country_code, aliases, article_count, mention_count "
        "FROM entities ORDER BY entity_id"
    )
    assert query_published(small_parts, published) == query_published(warehouse, published)


def test_bad_files_are_quarantined_and_the_rest_publishes(prefect_harness, tmp_path):
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    (source / "broken.json").write_text('{"title": "Cut off", "maintext": "The file ends mid')
    (source / "zero.json").write_bytes(b"")
    warehouse = tmp_path / "warehouse"
    report = nightly(sources=[str(source)], warehouse=str(warehouse))
    reasons = {(q["source_uri"], q["reason_code"]) for q in report["quarantined"]}
    assert reasons == {("articles/broken.json", "invalid_json"), ("articles/zero.json", "empty_file")}
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT,)]
    assert query_published(warehouse, "SELECT source_uri, status FROM files WHERE status <> 'parsed' ORDER BY 1") == [
        ("articles/broken.json", "quarantined"),
        ("articles/zero.json", "empty"),
    ]
    assert len(list((warehouse / "quarantine").iterdir())) == 2

    # Nothing changed: the quarantined files are not retried, and they stay listed.
    again = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert (again["files_new"], again["quarantined"]) == (0, [])
    listing = CliRunner().invoke(app, ["quarantine", "--warehouse", str(warehouse), "--format", "csv"])
    assert listing.exit_code == 0, listing.output
    assert listing.output.splitlines()[1:] == [
        'empty_file,articles/zero.json,,"0 bytes, no content"',
        "invalid_json,articles/broken.json,,line 1 col 34: Unterminated string starting at",
    ]

    # A fixed file is retried, loads, and leaves quarantine.
    (source / "broken.json").write_text(
        '{"title": "Cut off", "maintext": "The file ends mid sentence no longer, it was fixed."}'
    )
    fixed = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert fixed["files_new"] == 1 and fixed["articles_new"] == 1
    assert query_published(warehouse, "SELECT source_uri FROM v_quarantine") == [("articles/zero.json",)]
