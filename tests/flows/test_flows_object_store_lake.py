"""The lake on an object store (S3 on loopback): a run publishes what a run with a local lake publishes."""

from __future__ import annotations

import shutil

import fsspec
from typer.testing import CliRunner

from support import SEEDS, published_content, query_published
from flows.cli import app
from flows.nightly import nightly

SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])


def test_runs_with_the_lake_on_s3_publish_what_a_local_lake_publishes(prefect_harness, s3_bucket, tmp_path):
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    (source / "broken.json").write_text('{"title": "cut off', encoding="utf-8")  # quarantined: not JSON
    lake_url = f"s3://{s3_bucket}/news/lake"
    on_s3, local = tmp_path / "on_s3", tmp_path / "local"

    result = CliRunner().invoke(app, ["run", "--source", str(source), "--warehouse", str(on_s3), "--lake", lake_url])

    assert result.exit_code == 0, result.output
    local_report = nightly(sources=[str(source)], warehouse=str(local))
    content = published_content(on_s3)
    assert len(content["articles"]) == SEED_COUNT and content["quotes"] and content["numeric_claims"]
    assert content == published_content(local)
    s3 = fsspec.filesystem("s3")
    s3.invalidate_cache()
    assert len(s3.ls(f"{s3_bucket}/news/lake/_committed")) == 1
    assert s3.ls(f"{s3_bucket}/news/lake/articles") and not (on_s3 / "lake").exists()
    assert "broken.json" in result.output  # the quarantine summary, read back from the bucket

    # The manifest in the bucket says nothing is new; the quarantined file is a known failure, not retried.
    again = nightly(sources=[str(source)], warehouse=str(on_s3), lake=lake_url)

    assert (again["files_new"], again["articles_new"]) == (0, 0)
    assert again["row_counts"] == {**local_report["row_counts"], "runs": 2, "validation_results": 2 * local_report["row_counts"]["validation_results"]}
    assert published_content(on_s3) == content
    assert query_published(on_s3, "SELECT count(*), count(DISTINCT status) FROM runs") == [(2, 1)]
    assert len(s3.ls(f"{s3_bucket}/news/lake/_committed")) == 2
