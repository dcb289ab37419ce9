"""One file, one identity: files with the same name under two sources, files with one URL, JSON arrays
with the same record keys, and a warehouse built before sources had names."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.ingest.sources import SourceError
from flows.nightly import nightly
from flows.run.record import new_run_id
from flows.validate.step import ValidationFailed, validate
from support import query_published
from transforms.ids import stable_id
from transforms.ingest.normalise import normalise_record
from transforms.records import RawRecord
from transforms.schemas import ALL_TABLES
from warehouse import lake
from warehouse.status import recent_runs

POLITICS_001 = (
    "Labour plans pay rise for parents\n"
    "Ministers will raise maternity pay by 12% next year, the minister said on Monday.\n"
    '"This is the fairest way to help families," said Anna Clarke, the work secretary.'
)
BUSINESS_001 = (
    "Ad sales lift media profits\n"
    "Quarterly profits rose 76% to $1.13bn as advertising sales grew, the company said.\n"
    '"Our online business had a strong year," said Tom Baker, the finance chief.'
)
STORY_V1 = "Council approves new bridge for the river crossing after a long debate on Tuesday evening."
STORY_V2 = "Council approves new bridge and a cycle lane for the river crossing after a debate on Tuesday."
OLDER, NEWER = datetime(2026, 1, 5, 8, 0, tzinfo=UTC), datetime(2026, 1, 6, 8, 0, tzinfo=UTC)


def _write(path: Path, text: str, modified: datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if modified is not None:
        os.utime(path, (modified.timestamp(), modified.timestamp()))
    return path


@pytest.fixture
def bbc_like(tmp_path: Path) -> Path:
    """Two section folders that both hold a 001.txt, as the BBC corpus does."""
    _write(tmp_path / "bbc" / "politics" / "001.txt", POLITICS_001)
    _write(tmp_path / "bbc" / "business" / "001.txt", BUSINESS_001)
    return tmp_path / "bbc"


def _articles_with_children(warehouse: Path) -> list[tuple]:
    return query_published(
        warehouse,
        """
        SELECT a.source_name, a.source_uri, a.title, a.article_id,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id),
               (SELECT count(*) FROM numeric_claims c WHERE c.article_id = a.article_id),
               (SELECT count(*) FROM entity_mentions m WHERE m.article_id = a.article_id
                  AND m.start_char IS NOT NULL
                  AND substr(a.body_text, m.start_char + 1, m.end_char - m.start_char) = m.text)
        FROM articles a ORDER BY a.source_uri""",
    )


def _assert_both_sections(warehouse: Path) -> None:
    rows = _articles_with_children(warehouse)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("business", "business/001.txt", "Ad sales lift media profits"),
        ("politics", "politics/001.txt", "Labour plans pay rise for parents"),
    ]
    assert rows[0][3] != rows[1][3]
    assert rows[0][3] == stable_id("art", "path", "business/001.txt", "")
    # Each article keeps its own quotes, claims and mentions, whose spans index into its own body.
    for row in rows:
        assert row[4] >= 1 and row[5] >= 1 and row[6] >= 1
    quotes = query_published(
        warehouse,
        "SELECT a.source_uri, q.quote_text FROM quotes q JOIN articles a "
        "USING (article_id) WHERE q.kind = 'direct' ORDER BY 1",
    )
    assert quotes == [
        ("business/001.txt", "Our online business had a strong year,"),
        ("politics/001.txt", "This is the fairest way to help families,"),
    ]
    files = query_published(warehouse, "SELECT source_name, source_uri, status FROM files ORDER BY source_uri")
    assert files == [("business", "business/001.txt", "parsed"), ("politics", "politics/001.txt", "parsed")]


def test_same_name_under_two_sources_in_one_run(prefect_harness, bbc_like, tmp_path):
    warehouse = tmp_path / "warehouse"
    report = nightly(sources=[str(bbc_like / "politics"), str(bbc_like / "business")], warehouse=str(warehouse))
    assert report["articles_new"] == 2
    _assert_both_sections(warehouse)
    roots = query_published(warehouse, "SELECT sources, map_keys(source_roots) FROM runs")
    assert roots == [
        ([f"politics={bbc_like / 'politics'}", f"business={bbc_like / 'business'}"], ["politics", "business"])
    ]


def test_same_name_under_two_sources_on_two_nights(prefect_harness, bbc_like, tmp_path):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(bbc_like / "politics")], warehouse=str(warehouse))
    nightly(sources=[str(bbc_like / "business")], warehouse=str(warehouse))
    _assert_both_sections(warehouse)


def test_a_default_name_used_before_for_another_folder_is_refused_and_changes_nothing(prefect_harness, tmp_path):
    warehouse = tmp_path / "warehouse"
    _write(tmp_path / "2025" / "news" / "a.txt", STORY_V1)
    _write(tmp_path / "2026" / "news" / "a.txt", STORY_V2)
    nightly(sources=[str(tmp_path / "2025" / "news")], warehouse=str(warehouse))
    published = (warehouse / "broadsheet.duckdb").read_bytes()
    with pytest.raises(SourceError, match=r"source name 'news' \(from .*2026/news\) already names .*2025/news"):
        nightly(sources=[str(tmp_path / "2026" / "news")], warehouse=str(warehouse))
    assert (warehouse / "broadsheet.duckdb").read_bytes() == published
    assert len(recent_runs(lake.Lake.in_warehouse(warehouse))) == 1  # runs, each with its amendment
    # Named explicitly, it is the user's word: a new source beside the old one.
    nightly(sources=[f"news2026={tmp_path / '2026' / 'news'}"], warehouse=str(warehouse))
    assert query_published(warehouse, "SELECT source_uri FROM articles ORDER BY 1") == [
        ("news/a.txt",),
        ("news2026/a.txt",),
    ]


def _news_please(url: str | None, text: str, title: str) -> dict:
    return {
        "url": url,
        "title": title,
        "maintext": text,
        "date_publish": "2026-01-05 07:00:00",
        "source_domain": "www.example-news.co.uk",
    }


def test_two_files_with_one_url_are_one_article_the_newer_wins(prefect_harness, tmp_path):
    url = "https://www.example-news.co.uk/local/bridge"
    source = tmp_path / "crawl"
    _write(source / "monday.json", json.dumps(_news_please(url, STORY_V1, "Bridge approved")), NEWER)
    _write(source / "tuesday.json", json.dumps(_news_please(url + "/", STORY_V2, "Bridge and lane approved")), OLDER)
    warehouse = tmp_path / "warehouse"
    report = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert report["discarded"] == {"older_version_of_url": 1}
    # monday.json was modified later: its version is the newer one, whatever its name.
    assert query_published(warehouse, "SELECT article_id, source_uri, body_text, publisher FROM articles") == [
        (stable_id("art", "url", url), "crawl/monday.json", STORY_V1, "example-news.co.uk")
    ]
    assert query_published(warehouse, "SELECT source_uri, status, article_count FROM files ORDER BY 1") == [
        ("crawl/monday.json", "parsed", 1),
        ("crawl/tuesday.json", "parsed", 1),
    ]


def test_a_newer_file_with_a_known_url_replaces_the_article_on_a_later_night(prefect_harness, tmp_path):
    url = "https://www.example-news.co.uk/local/bridge"
    warehouse = tmp_path / "warehouse"
    _write(tmp_path / "crawl" / "monday.json", json.dumps(_news_please(url, STORY_V1, "Bridge approved")), OLDER)
    nightly(sources=[f"crawl={tmp_path / 'crawl'}"], warehouse=str(warehouse))
    first_seen = query_published(warehouse, "SELECT first_seen_at FROM articles")
    _write(tmp_path / "crawl" / "tuesday.json", json.dumps(_news_please(url, STORY_V2, "Bridge and lane")), NEWER)
    nightly(sources=[f"crawl={tmp_path / 'crawl'}"], warehouse=str(warehouse))
    assert query_published(warehouse, "SELECT source_uri, body_text FROM articles") == [
        ("crawl/tuesday.json", STORY_V2)
    ]
    assert query_published(warehouse, "SELECT first_seen_at FROM articles") == first_seen
    assert query_published(warehouse, "SELECT count(*) FROM files WHERE status = 'parsed'") == [(2,)]


def test_json_arrays_with_the_same_record_keys_in_two_files(prefect_harness, tmp_path):
    source = tmp_path / "dumps"
    stories = {"a.json": [STORY_V1, BUSINESS_001], "b.json": [STORY_V2, POLITICS_001]}
    for name, texts in stories.items():
        _write(source / name, json.dumps([_news_please(None, text, f"{name} {i}") for i, text in enumerate(texts)]))
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    rows = query_published(warehouse, "SELECT source_uri, record_key, title, article_id FROM articles ORDER BY 1, 2")
    assert [r[:3] for r in rows] == [
        ("dumps/a.json", "index=0", "a.json 0"),
        ("dumps/a.json", "index=1", "a.json 1"),
        ("dumps/b.json", "index=0", "b.json 0"),
        ("dumps/b.json", "index=1", "b.json 1"),
    ]
    assert len({r[3] for r in rows}) == 4
    assert query_published(warehouse, "SELECT count(DISTINCT article_id) FROM quotes") == [(2,)]


# --- a warehouse built before sources had names -------------------------------------------------------------

LEGACY_RUN_1, LEGACY_RUN_2 = "20251101T020000000000Z", "20251102T020000000000Z"
LEGACY_VERSION = "0.1.0+legacy"
# Columns this change added: a part written before it has none of them.
NEW_COLUMNS = {
    "articles": {"source_name", "publisher", "published_at_source", "first_seen_at"},
    "files": {"source_name", "modified_at"},
    "runs": {"source_roots"},
}


def _legacy_part(table: str, rows: list[dict]) -> pa.Table:
    schema = ALL_TABLES[table]
    legacy = pa.schema([f for f in schema if f.name not in NEW_COLUMNS.get(table, set())])
    return pa.Table.from_pylist([{name: row.get(name) for name in legacy.names} for row in rows], schema=legacy)


def _commit_legacy_run(warehouse: Path, run_id: str, tables: dict[str, list[dict]]) -> None:
    """A run as the code before source names wrote it: parts without the new columns, committed."""
    work = lake.work_dir(warehouse, run_id)
    for table, rows in tables.items():
        (work / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(_legacy_part(table, rows), work / table / "part-00000.parquet")
    the_lake = lake.Lake.in_warehouse(warehouse)
    lake.stage_run(warehouse, the_lake, run_id)
    lake.commit_run(the_lake, run_id)


def _legacy_article(source_uri: str, text: str, run_id: str) -> dict:
    title, body = text.split("\n", 1)
    article_id = stable_id("art", "path", source_uri, "")  # the old id: no source name in it
    return {
        "article_id": article_id,
        "source_uri": source_uri,
        "record_key": "",
        "source_format": "txt",
        "content_sha256": stable_id("x", body),
        "title": title,
        "body_text": body,
        "word_count": len(body.split()),
        "paragraph_count": 2,
        "run_id": run_id,
        "pipeline_version": LEGACY_VERSION,
    }


def _legacy_file(source_uri: str, path: Path, run_id: str) -> dict:
    return {
        "file_id": stable_id("fil", source_uri, str(path), LEGACY_VERSION),
        "source_uri": source_uri,
        "source_path": str(path),
        "sha256": "0" * 64,
        "size_bytes": 100,
        "status": "parsed",
        "article_count": 1,
        "run_id": run_id,
        "pipeline_version": LEGACY_VERSION,
    }


def _legacy_quote(article: dict) -> dict:
    return {
        "quote_id": stable_id("quo", article["article_id"]),
        "article_id": article["article_id"],
        "quote_text": article["body_text"][:10],
        "start_char": 0,
        "end_char": 10,
        "kind": "direct",
        "attribution": "unresolved",
        "paragraph_index": 0,
        "run_id": article["run_id"],
        "pipeline_version": LEGACY_VERSION,
    }


def _legacy_run(run_id: str, source: Path) -> dict:
    return {
        "run_id": run_id,
        "started_at": datetime(2025, 11, 1, tzinfo=UTC),
        "status": "succeeded",
        "sources": [str(source)],
        "pipeline_version": LEGACY_VERSION,
        "files_seen": 1,
        "files_new": 1,
        "articles": 1,
        "quarantined": 0,
    }


def test_a_warehouse_from_before_source_names_migrates_without_losing_rows(prefect_harness, bbc_like, tmp_path):
    """Night 1 read politics/, night 2 business/, both as '001.txt' (the second replaced the first); night 1 also
    read gone.txt, since deleted.  The next run re-reads both 001.txt under their names: every article once."""
    warehouse = tmp_path / "warehouse"
    gone = bbc_like / "politics" / "gone.txt"
    politics = _legacy_article("001.txt", POLITICS_001, LEGACY_RUN_1)
    kept = _legacy_article("gone.txt", STORY_V1 and f"Bridge story\n{STORY_V1}", LEGACY_RUN_1)
    _commit_legacy_run(
        warehouse,
        LEGACY_RUN_1,
        {
            "articles": [politics, kept],
            "quotes": [_legacy_quote(politics), _legacy_quote(kept)],
            "files": [
                _legacy_file("001.txt", bbc_like / "politics" / "001.txt", LEGACY_RUN_1),
                _legacy_file("gone.txt", gone, LEGACY_RUN_1),
            ],
            "runs": [_legacy_run(LEGACY_RUN_1, bbc_like / "politics")],
        },
    )
    business = _legacy_article("001.txt", BUSINESS_001, LEGACY_RUN_2)
    _commit_legacy_run(
        warehouse,
        LEGACY_RUN_2,
        {
            "articles": [business],
            "quotes": [_legacy_quote(business)],
            "files": [_legacy_file("001.txt", bbc_like / "business" / "001.txt", LEGACY_RUN_2)],
            "runs": [_legacy_run(LEGACY_RUN_2, bbc_like / "business")],
        },
    )

    nightly(sources=[str(bbc_like / "politics"), str(bbc_like / "business")], warehouse=str(warehouse))

    articles = query_published(
        warehouse, "SELECT source_name, source_uri, duplicate_of, first_seen_at FROM articles ORDER BY source_uri"
    )
    assert [a[:3] for a in articles] == [
        ("business", "business/001.txt", None),
        (None, "gone.txt", None),
        ("politics", "politics/001.txt", None),
    ]
    # The article whose file is gone keeps its rows, and when it was first seen (its run's start).
    assert articles[1][3] == datetime(2025, 11, 1, 2, 0, tzinfo=UTC)
    assert query_published(
        warehouse, "SELECT count(*) FROM quotes WHERE article_id = ?".replace("?", f"'{kept['article_id']}'")
    ) == [(1,)]
    assert query_published(warehouse, f"SELECT count(*) FROM quotes WHERE article_id = '{business['article_id']}'") == [
        (0,)
    ]
    assert query_published(warehouse, "SELECT source_uri, status FROM files ORDER BY source_uri, run_id") == [
        ("001.txt", "superseded"),
        ("001.txt", "superseded"),
        ("business/001.txt", "parsed"),
        ("gone.txt", "parsed"),
        ("politics/001.txt", "parsed"),
    ]
    _assert_both_sections_are_among(warehouse)

    report = nightly(sources=[str(bbc_like / "politics"), str(bbc_like / "business")], warehouse=str(warehouse))
    assert report["files_new"] == 0 and report["row_counts"]["articles"] == 3


def _assert_both_sections_are_among(warehouse: Path) -> None:
    titles = query_published(warehouse, "SELECT title FROM v_quotes ORDER BY 1".replace("title", "article_title"))
    assert ("Ad sales lift media profits",) in titles and ("Labour plans pay rise for parents",) in titles


def test_a_run_blocked_by_a_repeated_key_names_the_key_and_both_files(tmp_path):
    """Were two records of a run ever to get one id, the run's one-line reason is that, not the span
    failures of the children checked against the other record's body."""
    warehouse, run_id = tmp_path / "warehouse", new_run_id()
    the_lake = lake.Lake.in_warehouse(warehouse)
    work = lake.work_dir(warehouse, run_id)
    articles, mentions = [], []
    for source_uri, text in (("politics/001.txt", POLITICS_001), ("business/001.txt", BUSINESS_001)):
        article = normalise_record(RawRecord(source_uri, "", "txt", text), source_name=source_uri.split("/")[0])
        assert isinstance(article, dict), article
        articles.append(
            {**article, "article_id": "art_same", "first_seen_at": OLDER, "run_id": run_id, "pipeline_version": "v"}
        )
        word = article["body_text"].split()[0]
        mentions.append(
            {
                "mention_id": stable_id("men", source_uri),
                "article_id": "art_same",
                "entity_id": "ent_x",
                "text": word,
                "label": "PERSON",
                "start_char": 0,
                "end_char": len(word),
                "sentence_index": 0,
                "mention_type": "full_name",
                "run_id": run_id,
                "pipeline_version": "v",
            }
        )
    lake.write_part(work, "articles", pa.Table.from_pylist(articles, schema=ALL_TABLES["articles"]), 0)
    lake.write_part(work, "entity_mentions", pa.Table.from_pylist(mentions, schema=ALL_TABLES["entity_mentions"]), 0)
    lake.stage_run(warehouse, the_lake, run_id)

    with pytest.raises(ValidationFailed) as failure:
        validate(warehouse, the_lake, run_id, "v")

    reason = str(failure.value)
    assert reason.startswith(
        "articles.article_id 'art_same' is produced more than once, from business/001.txt and politics/001.txt; "
    )
    assert reason.endswith(f"blocking expectations failed (validation_results of run {run_id})")
    assert "_span_ok" not in reason
