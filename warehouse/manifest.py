"""What the warehouse has read, from the committed lake: the files manifest, which file versions are
published, and which folder each source name stood for.

Runs decide from these what is new (discover), which articles count (publish, duplicates) and
whether a source name is used consistently (the flow, before any work).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.schemas import FILES, key_column
from warehouse.lake import Lake, committed_parts, conform_committed

# File statuses that are a read of the file's content: the latest one decides what is published.
READ_STATUSES = ("parsed", "superseded")
# "20261206T010930" of a run id "20261206T010930123456Z".
RUN_ID_SECONDS_CHARS = 15


def read_manifest(lake: Lake) -> pa.Table:
    """The ``files`` rows of committed runs, latest row per file_id, sorted by file_id."""
    return latest_per_file(committed_file_rows(lake))


def committed_file_rows(lake: Lake) -> pa.Table:
    """Every ``files`` row of committed runs, in commit order."""
    parts = committed_parts(lake, "files")
    if not parts:
        return FILES.empty_table()
    return pa.concat_tables([conform_committed("files", pq.read_table(p, filesystem=lake.fs)) for p in parts])


def latest_per_file(rows: pa.Table) -> pa.Table:
    """The last of ``rows`` (in commit order) for each file_id, sorted by file_id."""
    key = key_column(FILES)
    rows = rows.append_column("_pos", pa.array(range(rows.num_rows), pa.int64()))
    latest = rows.group_by(key).aggregate([("_pos", "max")])
    rows = rows.take(latest["_pos_max"]).drop_columns(["_pos"])
    return rows.take(pc.sort_indices(rows, [(key, "ascending")]))


def published_reads(file_rows: pa.Table) -> pa.Table:
    """(source_uri, run_id, modified_at) of the file version whose articles are published, per file, from
    every committed ``files`` row.

    That is the file's latest read, if it parsed: a changed file replaces its articles, a version that
    could not be read (quarantined, empty) keeps the last good one, and a superseded one has none.
    """
    reads = file_rows.filter(pc.is_in(file_rows["status"], pa.array(READ_STATUSES)))
    latest = reads.group_by("source_uri").aggregate([("run_id", "max")]).rename_columns(["source_uri", "run_id"])
    latest_reads = reads.join(latest, ["source_uri", "run_id"], join_type="inner")
    parsed = latest_reads.filter(pc.equal(latest_reads["status"], pa.scalar("parsed")))
    return parsed.select(["source_uri", "run_id", "modified_at"]).sort_by([("source_uri", "ascending")])


def superseded_files(manifest: pa.Table, reread_paths: set[str], run_id: str, pipeline_version: str) -> list[dict]:
    """Manifest rows that mark files read before sources had names as superseded, once this run reads the
    same file (same absolute path) under its source's name: their articles give way to the new ids."""
    rows = []
    for row in manifest.to_pylist():
        if row["source_name"] is None and row["status"] != "superseded" and row["source_path"] in reread_paths:
            rows.append(
                {
                    **row,
                    "status": "superseded",
                    "article_count": 0,
                    "run_id": run_id,
                    "pipeline_version": pipeline_version,
                }
            )
    return rows


def source_roots_history(lake: Lake) -> dict[str, str]:
    """Each source name's folder as of the latest succeeded run that read it."""
    roots: dict[str, str] = {}
    runs = [conform_committed("runs", pq.read_table(p, filesystem=lake.fs)) for p in committed_parts(lake, "runs")]
    rows = [row for table in runs for row in table.select(["run_id", "status", "source_roots"]).to_pylist()]
    for row in sorted(rows, key=lambda r: r["run_id"]):
        if row["status"] == "succeeded" and row["source_roots"]:
            roots.update(dict(row["source_roots"]))
    return roots


def run_started_at(run_id: str) -> datetime:
    """A run id starts with its start time to the second (``steps.new_run_id``): first_seen_at is taken from
    it, so parts written before first_seen_at existed say the same of their articles."""
    return datetime.strptime(run_id[:RUN_ID_SECONDS_CHARS], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
