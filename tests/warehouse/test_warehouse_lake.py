from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warehouse_builders import RUN_1, RUN_2, RUN_3, make_table, run_1_tables, write_run

from transforms.schemas import ARTICLES, FILES
from warehouse import lake
from warehouse.manifest import read_manifest


def test_write_part_conforms_to_the_contract(tmp_path: Path) -> None:
    table = make_table("articles", RUN_1, [{"article_id": "A1", "title": "T", "word_count": 7}])
    # Shuffled columns and a wider int type, as a careless producer might hand over.
    shuffled = pa.table({name: table.column(name) for name in reversed(table.column_names)})
    shuffled = shuffled.set_column(
        shuffled.schema.get_field_index("word_count"), "word_count", pa.array([7], pa.int64())
    )

    path = lake.write_part(tmp_path, "articles", shuffled, part=3)

    assert path == tmp_path / "articles" / "part-00003.parquet"
    assert sorted(p.name for p in path.parent.iterdir()) == ["part-00003.parquet"]  # no temp file left
    written = pq.read_table(path)
    assert written.schema.equals(ARTICLES, check_metadata=False)
    assert written.column_names == ARTICLES.names
    title_metadata = written.schema.field("title").metadata
    assert title_metadata is not None
    assert title_metadata[b"doc"] == b"Headline."
    assert written.to_pylist()[0]["word_count"] == 7
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pa.table({"article_id": ["A1"]}), "missing columns"),
        (
            make_table("articles", RUN_1, [{"article_id": "A1"}]).append_column("extra", pa.array([1])),
            "unexpected columns ['extra']",
        ),
        (
            make_table("articles", RUN_1, [{"article_id": "A1"}])
            .drop_columns(["word_count"])
            .append_column("word_count", pa.array(["many"])),
            "cannot cast",
        ),
        (
            make_table("articles", RUN_1, [{"article_id": "A1"}]).set_column(
                ARTICLES.get_field_index("source_uri"), "source_uri", pa.array([None], pa.string())
            ),
            "nulls in non-nullable columns ['source_uri']",
        ),
    ],
)
def test_write_part_rejects_tables_off_contract(tmp_path: Path, table: pa.Table, message: str) -> None:
    with pytest.raises(lake.SchemaMismatch, match=message.replace("[", r"\[").replace("]", r"\]")):
        lake.write_part(tmp_path, "articles", table, part=0)
    assert not list(tmp_path.rglob("*.parquet*"))


def test_write_part_rejects_unknown_table(tmp_path: Path) -> None:
    with pytest.raises(lake.SchemaMismatch, match="unknown table 'article'"):
        lake.write_part(tmp_path, "article", pa.table({"x": [1]}), part=0)


def test_read_batches_streams_every_row_in_order_within_the_batch_size(tmp_path: Path) -> None:
    groups = [
        make_table("articles", RUN_1, [{"article_id": f"A{g}-{i}"} for i in range(size)])
        for g, size in enumerate([5, 0, 3, 7])
    ]
    path = lake.write_part_stream(tmp_path, "articles", groups, part=0)
    assert pq.ParquetFile(path).metadata.num_row_groups == 4

    batches = list(lake.read_batches(path, 4, ["article_id", "title"]))

    assert [b.num_rows for b in batches] == [4, 1, 3, 4, 3]
    assert all(b.schema.names == ["article_id", "title"] for b in batches)
    expected = [f"A{g}-{i}" for g, size in enumerate([5, 0, 3, 7]) for i in range(size)]
    assert [row["article_id"] for b in batches for row in b.to_pylist()] == expected


def test_staged_parts_are_invisible_until_committed(warehouse: Path, parquet_lake: lake.Lake) -> None:
    staged = write_run(warehouse, parquet_lake, RUN_1, run_1_tables())

    partition = parquet_lake.path("articles", f"run_id={RUN_1}")
    assert staged["articles"] == [f"{partition}/part-00000.parquet"]
    assert set(staged) == set(run_1_tables())
    assert not lake.work_dir(warehouse, RUN_1).exists()
    assert lake.committed_runs(parquet_lake) == []
    assert lake.committed_parts(parquet_lake, "articles") == []

    marker = lake.commit_run(parquet_lake, RUN_1)

    assert marker == parquet_lake.path("_committed", RUN_1)
    assert json.loads(parquet_lake.fs.cat_file(marker))["parts"]["articles"] == [
        f"articles/run_id={RUN_1}/part-00000.parquet"
    ]
    assert lake.committed_runs(parquet_lake) == [RUN_1]
    assert lake.committed_parts(parquet_lake, "articles") == [f"{partition}/part-00000.parquet"]
    written = pq.read_table(f"{partition}/part-00000.parquet", filesystem=parquet_lake.fs)
    assert written["article_id"].to_pylist() == ["A1", "A2", "A2dup"]
    assert lake.commit_run(parquet_lake, RUN_1) == marker  # committing twice is a no-op
    # The temp marker was renamed away.
    assert [e["name"] for e in parquet_lake.listing(parquet_lake.path("_committed"))] == [marker]
    with pytest.raises(lake.LakeError, match="already committed"):
        lake.stage_run(warehouse, parquet_lake, RUN_1)


def test_the_lake_defaults_to_the_warehouse_folder_and_crosses_processes_as_its_url(warehouse: Path) -> None:
    default = lake.Lake.in_warehouse(warehouse)
    remote = lake.Lake("memory://bucket/prefix/lake/")

    assert default.is_local and default.root == str(warehouse.resolve() / "lake")
    assert default.uri(default.path("articles")) == str(warehouse.resolve() / "lake" / "articles")
    assert not remote.is_local and remote.root == "/bucket/prefix/lake"
    assert remote.uri(remote.path("articles", "part-00000.parquet")) == (
        "memory:///bucket/prefix/lake/articles/part-00000.parquet"
    )
    assert pickle.loads(pickle.dumps(remote)) == remote


def test_committed_parts_are_in_run_order(two_runs: Path, parquet_lake: lake.Lake) -> None:
    write_run(two_runs, parquet_lake, RUN_3, {"articles": [{"article_id": "A3"}]})  # staged only

    assert lake.committed_runs(parquet_lake) == [RUN_1, RUN_2]
    assert [_partition(p) for p in lake.committed_parts(parquet_lake, "articles")] == [
        f"run_id={RUN_1}",
        f"run_id={RUN_2}",
    ]
    assert [_partition(p) for p in lake.committed_parts(parquet_lake, "numeric_claims")] == [f"run_id={RUN_1}"]


def test_reject_run_moves_data_and_keeps_a_reason(two_runs: Path, parquet_lake: lake.Lake) -> None:
    write_run(
        two_runs,
        parquet_lake,
        RUN_3,
        {"articles": [{"article_id": "A3"}], "files": [{"file_id": "f-z", "source_uri": "z.txt"}]},
    )
    # A part written after staging, never staged: evidence too.
    lake.write_part(
        lake.work_dir(two_runs, RUN_3),
        "quotes",
        make_table("quotes", RUN_3, [{"quote_id": "q9", "article_id": "A3", "quote_text": "x"}]),
        part=0,
    )

    dest = lake.reject_run(two_runs, parquet_lake, RUN_3, "blocking: articles.article_id not unique")

    assert dest == two_runs / "rejected" / RUN_3
    assert pq.read_table(dest / "articles" / "part-00000.parquet").column("article_id").to_pylist() == ["A3"]
    assert pq.read_table(dest / "files" / "part-00000.parquet").column("file_id").to_pylist() == ["f-z"]
    assert pq.read_table(dest / "_work" / "quotes" / "part-00000.parquet").column("quote_id").to_pylist() == ["q9"]
    reason = (dest / "reason.txt").read_text()
    assert f"run_id: {RUN_3}" in reason and "reason: blocking: articles.article_id not unique" in reason
    assert not parquet_lake.fs.exists(parquet_lake.path("articles", f"run_id={RUN_3}"))
    assert lake.staged_parts(parquet_lake, "files", RUN_3) == []
    assert not lake.work_dir(two_runs, RUN_3).exists()
    assert lake.committed_runs(parquet_lake) == [RUN_1, RUN_2]


def test_reject_refuses_committed_runs(two_runs: Path, parquet_lake: lake.Lake) -> None:
    with pytest.raises(lake.LakeError, match="committed"):
        lake.reject_run(two_runs, parquet_lake, RUN_1, "oops")
    assert lake.staged_parts(parquet_lake, "articles", RUN_1) == [
        parquet_lake.path("articles", f"run_id={RUN_1}", "part-00000.parquet")
    ]


def test_clean_stale_removes_crash_leftovers_but_never_committed_data(two_runs: Path, parquet_lake: lake.Lake) -> None:
    before = _digests(parquet_lake)
    crashed = "20250103T020000Z-dead"
    write_run(two_runs, parquet_lake, crashed, {"articles": [{"article_id": "A9"}]})  # staged, never committed
    lake.write_part(
        lake.work_dir(two_runs, "20250103T030000Z-dead2"),
        "articles",  # never staged
        make_table("articles", "x", [{"article_id": "A8"}]),
        part=0,
    )
    stale_marker_tmp = parquet_lake.path("_committed", f".{crashed}.tmp-99999")
    parquet_lake.fs.pipe_file(stale_marker_tmp, b"{")
    current = lake.work_dir(two_runs, RUN_3)
    lake.write_part(current, "articles", make_table("articles", RUN_3, [{"article_id": "A3"}]), part=0)

    removed = lake.clean_stale(two_runs, parquet_lake, current_run_id=RUN_3)

    crashed_partition = parquet_lake.path("articles", f"run_id={crashed}")
    assert crashed_partition in removed
    assert stale_marker_tmp in removed
    assert not parquet_lake.fs.exists(crashed_partition)
    assert not (two_runs / "_work" / "20250103T030000Z-dead2").exists()
    assert not parquet_lake.fs.exists(stale_marker_tmp)
    assert (current / "articles" / "part-00000.parquet").is_file()  # the running run is left alone
    assert _digests(parquet_lake) == before  # committed bytes untouched
    assert lake.committed_runs(parquet_lake) == [RUN_1, RUN_2]


def test_read_manifest_is_latest_row_per_file(warehouse: Path, parquet_lake: lake.Lake) -> None:
    empty = read_manifest(parquet_lake)
    assert empty.num_rows == 0 and empty.schema.equals(FILES)

    write_run(
        warehouse,
        parquet_lake,
        RUN_1,
        {"files": [{"file_id": "f-x", "source_uri": "x.txt"}, {"file_id": "f-y", "source_uri": "y.txt"}]},
    )
    lake.commit_run(parquet_lake, RUN_1)
    write_run(warehouse, parquet_lake, RUN_2, {"files": [{"file_id": "f-y", "source_uri": "y.txt", "status": "empty"}]})
    lake.commit_run(parquet_lake, RUN_2)
    write_run(warehouse, parquet_lake, RUN_3, {"files": [{"file_id": "f-z", "source_uri": "z.txt"}]})  # not committed

    manifest = read_manifest(parquet_lake)

    assert manifest.schema.equals(FILES, check_metadata=False)
    assert [(r["file_id"], r["status"], r["run_id"]) for r in manifest.to_pylist()] == [
        ("f-x", "parsed", RUN_1),
        ("f-y", "empty", RUN_2),
    ]


def test_run_ids_must_be_safe_directory_names(warehouse: Path) -> None:
    for bad in ["../escape", "a/b", "", "2025-01-01T02:00:00"]:
        with pytest.raises(ValueError, match="run id"):
            lake.work_dir(warehouse, bad)


def _partition(path: str) -> str:
    return path.rsplit("/", 2)[1]


def _digests(parquet_lake: lake.Lake) -> dict[str, str]:
    return {
        path: hashlib.sha256(parquet_lake.fs.cat_file(path)).hexdigest()
        for path in sorted(parquet_lake.fs.find(parquet_lake.root))
        if f"run_id={RUN_3}" not in path and "dead" not in path
    }


def test_staging_into_a_bucket_that_does_not_exist_fails_and_creates_none(warehouse: Path, s3_endpoint) -> None:
    missing = lake.Lake("s3://no-such-bucket-for-broadsheet/lake")
    lake.write_part(
        lake.work_dir(warehouse, RUN_1), "articles", make_table("articles", RUN_1, [{"article_id": "A1"}]), part=0
    )

    with pytest.raises(FileNotFoundError, match="bucket does not exist"):
        lake.stage_run(warehouse, missing, RUN_1)
    missing.fs.invalidate_cache()
    assert not missing.fs.exists("no-such-bucket-for-broadsheet")
    assert (lake.work_dir(warehouse, RUN_1) / "articles" / "part-00000.parquet").is_file()  # kept for the reject


def test_a_lake_that_cannot_be_written_is_refused_before_any_work(parquet_lake: lake.Lake, s3_endpoint) -> None:
    lake.check_writable(parquet_lake)  # a usable lake passes and keeps no trace of the check
    assert lake.committed_runs(parquet_lake) == [] and parquet_lake.listing(parquet_lake.path("_committed")) == []

    missing = lake.Lake("s3://no-such-bucket-for-broadsheet/lake")
    with pytest.raises(lake.LakeError, match="cannot be written: .*bucket does not exist"):
        lake.check_writable(missing)
    missing.fs.invalidate_cache()
    assert not missing.fs.exists("no-such-bucket-for-broadsheet")
