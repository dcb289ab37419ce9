"""Ingest over the shared real-world corpora: every file and record loads or is accounted for.

These run discover → parse → normalise (no NLP) into a temp warehouse, through the same
step functions the flow uses.  Marked slow; CI runs them.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.ingest import discover, normalise, parse
from support import SHARED
from warehouse import lake

CORPORA = SHARED / "corpora"
pytestmark = pytest.mark.slow


def _ingest(source: Path, warehouse: Path) -> tuple[dict, dict, list[dict], list[dict], list[dict]]:
    if not source.exists():
        pytest.skip(f"../shared is absent ({source} not found): the corpora live there")
    parquet_lake = lake.Lake.in_warehouse(warehouse)
    discovered = discover.discover([str(source)], warehouse, parquet_lake, "run1", "test-version", full_refresh=False)
    parsed = parse.parse(warehouse, "run1", "test-version")
    normalised = normalise.normalise(warehouse, parquet_lake, "run1", "test-version", datetime.now(UTC))
    work = lake.work_dir(warehouse, "run1")

    def read(table: str) -> list[dict]:
        return [row for p in sorted((work / table).glob("*.parquet")) for row in pq.read_table(p).to_pylist()]

    return (
        discovered,
        {**parsed, **normalised, "parse_quarantined": parsed["quarantined"]},
        read("articles"),
        read("quarantine"),
        read("files"),
    )


def test_bbc_every_file_accounted_for_titles_and_duplicates(tmp_path):
    discovered, counts, articles, quarantine, files = _ingest(CORPORA / "bbc", tmp_path)
    assert len(files) == discovered["files_seen"]
    loaded = {a["source_uri"] for a in articles}
    quarantined = {q["source_uri"] for q in quarantine}
    assert loaded | quarantined == {f["source_uri"] for f in files}, "a file vanished"
    stories = [a for a in articles if a["source_uri"].startswith("bbc/bbc/") and a["source_uri"].endswith(".txt")]
    assert len(stories) >= 2225
    assert sum(1 for a in stories if a["title"]) / len(stories) >= 0.99
    duplicates = [a for a in stories if a["duplicate_of"]]
    assert 90 <= len(duplicates) <= 200
    originals = {a["article_id"]: a for a in stories}
    assert all(originals[a["duplicate_of"]]["content_sha256"] == a["content_sha256"] for a in duplicates)
    pound = next(a for a in stories if a["source_uri"] == "bbc/bbc/sport/199.txt")
    assert "£15.8m" in pound["body_text"]
    assert all(a["language"] for a in articles)
    print(
        f"\nBBC: {len(stories)} stories, {len(duplicates)} duplicates, "
        f"{sum(1 for a in stories if a['title'])} with title, "
        f"quarantined {Counter(q['reason_code'] for q in quarantine)}"
    )


def test_reuters_every_story_accounted_for(tmp_path):
    source = tmp_path / "reuters"
    if not (CORPORA / "reuters21578").exists():
        pytest.skip("../shared is absent: the Reuters corpus lives there")
    source.mkdir()
    for path in sorted((CORPORA / "reuters21578").glob("*.sgm")):
        shutil.copy(path, source / path.name)
    _, counts, articles, quarantine, _ = _ingest(source, tmp_path / "warehouse")
    discarded = sum(counts["discarded"].values())
    assert len(articles) + discarded + len(quarantine) == 21578
    assert len({a["record_key"] for a in articles} | {q["record_key"] for q in quarantine}) == len(articles) + len(
        quarantine
    )
    assert all("&#" not in a["body_text"] and "&lt;" not in a["body_text"] for a in articles)
    print(
        f"\nReuters: {len(articles)} loaded, discarded {counts['discarded']}, "
        f"quarantined {Counter(q['reason_code'] for q in quarantine)}"
    )


def test_giveme5w1h_zero_byte_files_quarantined_rest_loaded(tmp_path):
    discovered, counts, articles, quarantine, files = _ingest(CORPORA / "giveme5w1h_json", tmp_path)
    reasons = Counter(q["reason_code"] for q in quarantine if q["source_uri"].endswith(".json"))
    assert reasons["empty_file"] == 2
    json_files = [f for f in files if f["source_uri"].endswith(".json")]
    loaded = {a["source_uri"] for a in articles}
    quarantined = {q["source_uri"] for q in quarantine}
    # The corpus holds some stories twice (gold_standard and data_raw): one URL, one article, the newer file's.
    same_url = [f for f in json_files if f["source_uri"] not in loaded | quarantined]
    assert all(f["status"] == "parsed" and f["article_count"] == 1 for f in same_url)
    assert len(same_url) == counts["discarded_versions"].get("older_version_of_url", 0)
    assert len(loaded) + len(same_url) >= 0.9 * len(json_files)
    print(
        f"\ngiveme5w1h: {len(loaded)} of {len(json_files)} JSON files loaded, {len(same_url)} older versions of a URL "
        f"another file holds, quarantined {reasons}"
    )


def test_wikinewssum_lines_load_as_clean_text(tmp_path):
    _, _, articles, quarantine, _ = _ingest(CORPORA / "wikinewssum_jsonl_sample", tmp_path)
    lines = sum(
        1
        for path in (CORPORA / "wikinewssum_jsonl_sample").glob("*.jsonl")
        for line in path.read_text().splitlines()
        if line.strip()
    )
    from_lines = [a for a in articles if a["record_key"].startswith("line=")]
    quarantined_lines = [q for q in quarantine if q["record_key"].startswith("line=")]
    assert len(from_lines) + len(quarantined_lines) == lines
    assert not any("{{" in a["body_text"] or "[[" in a["body_text"] for a in from_lines)
    print(
        f"\nwikinewssum: {len(from_lines)} of {lines} lines loaded, quarantined "
        f"{Counter(q['reason_code'] for q in quarantined_lines)}; "
        f"first body: {json.dumps(from_lines[0]['body_text'][:80])}"
    )
