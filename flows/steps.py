"""The run's steps as plain functions: the file and lake IO around the pure transforms.

Prefect wraps each of these in a thin task (``flows/nightly.py``); tests call
them directly.  Steps hand each other paths and counts, never article data.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
from rich.progress import MofNCompleteColumn, Progress

from expectations.validate import validate_slices
from flows.faults import pause_point
from flows.staged_slices import repeated_keys, table_slices
from flows.parallel import analyse_in_parallel, analyse_on_cluster, release_freed_memory, worker_count
from transforms.analyse import to_tables
from transforms.ids import stable_id
from transforms.normalise import duplicates_of, normalise_record
from transforms.parse import parse_file
from transforms.records import Discard, RawRecord, Rejection
from transforms.schemas import ALL_TABLES, ARTICLES, FILES, QUARANTINE, RUNS
from warehouse import lake
from warehouse.publish import publish as publish_warehouse
from warehouse.run_entities import merged_entities

if TYPE_CHECKING:
    import distributed

# Articles analysed per written part: bounds memory however large the corpus is.
ANALYSE_BATCH_ARTICLES = 500
# Rows parse and normalise hold at a time before writing them out.
STREAM_BATCH_ROWS = 1000
HASH_CHUNK_BYTES = 1 << 20
NLP_LANGUAGES = frozenset({"en"})
SCRATCH_SUFFIX = ".raw"
RAW_RECORDS = pa.schema([
    ("source_uri", pa.string()), ("record_key", pa.string()), ("source_format", pa.string()), ("text", pa.string()),
    ("title", pa.string()), ("url", pa.string()), ("authors", pa.list_(pa.string())), ("published", pa.string()),
    ("language", pa.string()), ("dateline", pa.string()), ("topics", pa.list_(pa.string())),
    ("places", pa.list_(pa.string())),
])
QUARANTINE_DIR = "quarantine"


class ValidationFailed(RuntimeError):
    """Blocking expectations failed: the run's data is rejected and nothing is published."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    source_uri: str
    sha256: str
    size_bytes: int


def new_run_id() -> str:
    """Sortable by start time, unique per run, safe as a directory name."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def discover(sources: list[str], warehouse_dir: Path, pipeline_version: str, *, full_refresh: bool) -> dict:
    """Files under the sources that the warehouse does not already hold at this pipeline version."""
    known = set()
    if not full_refresh:
        manifest = lake.read_manifest(warehouse_dir)
        known = set(zip(manifest["source_uri"].to_pylist(), manifest["sha256"].to_pylist(),
                        manifest["pipeline_version"].to_pylist()))
    found = [file for source in sources for file in _source_files(source)]
    new = [f for f in found if (f.source_uri, f.sha256, pipeline_version) not in known]
    return {"files_seen": len(found), "new_files": [f.__dict__ for f in new]}


def _source_files(source: str) -> list[SourceFile]:
    root = Path(source)
    if root.is_dir():
        paths = sorted(p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))
        return [_source_file(p, p.relative_to(root).as_posix()) for p in paths]
    if root.is_file():
        return [_source_file(root, root.name)]
    matches = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
    if not matches:
        raise FileNotFoundError(f"source {source!r} is not a file, a folder or a glob that matches anything")
    base = Path(os.path.commonpath([str(m.parent) for m in matches]))
    return [_source_file(p, p.relative_to(base).as_posix()) for p in matches]


def _source_file(path: Path, source_uri: str) -> SourceFile:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
    return SourceFile(str(path.resolve()), source_uri, digest.hexdigest(), size)


def parse(new_files: list[dict], warehouse_dir: Path, run_id: str, pipeline_version: str) -> dict:
    """Raw files → raw records (a scratch file for normalise) and the quarantine rows of unreadable input."""
    now = datetime.now(timezone.utc)
    rejections: list[dict] = []
    discarded: dict[str, int] = {}
    file_stats: list[dict] = []
    record_count = 0
    scratch = _scratch_dir(warehouse_dir, run_id)
    # Records go to disk in batches as files are read: memory holds one batch, not the corpus.
    with pq.ParquetWriter(scratch / "records.parquet", RAW_RECORDS) as writer:
        batch: list[dict] = []
        for file in new_files:
            data = Path(file["path"]).read_bytes()
            produced = rejected = 0
            for item in parse_file(file["source_uri"], data):
                if isinstance(item, Rejection):
                    rejected += 1
                    rejections.append(_quarantine_row(item, now, run_id, pipeline_version))
                elif isinstance(item, Discard):
                    discarded[item.reason_code] = discarded.get(item.reason_code, 0) + 1
                else:
                    produced += 1
                    batch.append(asdict(item))
            if rejected and not produced:
                _keep_quarantined_copy(warehouse_dir, file, data)
            file_stats.append({**file, "records": produced})
            record_count += produced
            if len(batch) >= STREAM_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
    (scratch / "files.json").write_text(json.dumps(file_stats))
    lake.write_part(lake.work_dir(warehouse_dir, run_id), "quarantine",
                    pa.Table.from_pylist(rejections, schema=QUARANTINE), 0)
    return {"records": record_count, "quarantined": len(rejections), "discarded": discarded}


def normalise(warehouse_dir: Path, run_id: str, pipeline_version: str) -> dict:
    """Raw records → the run's articles (duplicates marked), files manifest and more quarantine rows.

    Streams in batches: articles go to a scratch file as they are normalised, and only their ids and
    body hashes stay in memory until the duplicates are known and marked in a second pass.
    """
    now = datetime.now(timezone.utc)
    scratch = _scratch_dir(warehouse_dir, run_id)
    file_stats = json.loads((scratch / "files.json").read_text())
    lineage = {"run_id": run_id, "pipeline_version": pipeline_version}
    rejections: list[dict] = []
    articles_per_file: dict[str, int] = {}
    body_hashes: list[tuple[str, str]] = []
    unmarked = scratch / "articles.parquet"
    with pq.ParquetWriter(unmarked, ARTICLES) as writer:
        for batch in pq.ParquetFile(scratch / "records.parquet").iter_batches(batch_size=STREAM_BATCH_ROWS):
            articles = []
            for row in batch.to_pylist():
                for sequence in ("authors", "topics", "places"):
                    row[sequence] = tuple(row[sequence] or ())
                item = normalise_record(RawRecord(**row))
                if isinstance(item, Rejection):
                    rejections.append(_quarantine_row(item, now, run_id, pipeline_version))
                else:
                    articles.append({**item, **lineage})
                    body_hashes.append((item["article_id"], item["content_sha256"]))
                    articles_per_file[item["source_uri"]] = articles_per_file.get(item["source_uri"], 0) + 1
            writer.write_table(lake.conform("articles", pa.Table.from_pylist(articles, schema=ARTICLES)))
    duplicate_of = duplicates_of(body_hashes, _committed_body_hashes(warehouse_dir))

    files_rows = []
    for file in file_stats:
        produced = articles_per_file.get(file["source_uri"], 0)
        status = "parsed" if produced else ("empty" if file["size_bytes"] == 0 else "quarantined")
        files_rows.append({
            "file_id": stable_id("fil", file["source_uri"], file["sha256"], pipeline_version),
            "source_uri": file["source_uri"], "source_path": file["path"], "sha256": file["sha256"],
            "size_bytes": file["size_bytes"], "status": status, "article_count": produced,
            "run_id": run_id, "pipeline_version": pipeline_version,
        })
    work = lake.work_dir(warehouse_dir, run_id)
    lake.write_part_stream(work, "articles", _with_duplicates_marked(unmarked, duplicate_of), 0)
    lake.write_part(work, "files", pa.Table.from_pylist(files_rows, schema=FILES), 0)
    lake.write_part(work, "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), 1)
    shutil.rmtree(scratch)
    return {"articles": len(body_hashes), "quarantined": len(rejections), "duplicates": len(duplicate_of)}


def _with_duplicates_marked(articles_file: Path, duplicate_of: dict[str, str]) -> Iterator[pa.Table]:
    for batch in pq.ParquetFile(articles_file).iter_batches(batch_size=STREAM_BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        marked = pa.array([duplicate_of.get(article_id) for article_id in table["article_id"].to_pylist()],
                          type=pa.string())
        yield table.set_column(table.schema.get_field_index("duplicate_of"), "duplicate_of", marked)


def _scratch_dir(warehouse_dir: Path, run_id: str) -> Path:
    """A run's scratch space (parse → normalise records, validation spill), outside the lake's table folders."""
    scratch = lake.work_dir(warehouse_dir, run_id + SCRATCH_SUFFIX)
    scratch.mkdir(parents=True, exist_ok=True)
    return scratch


def _quarantine_row(rejection: Rejection, now: datetime, run_id: str, pipeline_version: str) -> dict:
    return {
        "quarantine_id": stable_id("qua", rejection.source_uri, rejection.record_key, rejection.reason_code, pipeline_version),
        "source_uri": rejection.source_uri, "record_key": rejection.record_key, "stage": rejection.stage,
        "reason_code": rejection.reason_code, "detail": rejection.detail, "quarantined_at": now,
        "run_id": run_id, "pipeline_version": pipeline_version,
    }


def _keep_quarantined_copy(warehouse_dir: Path, file: dict, data: bytes) -> None:
    """A copy of the raw bytes, named by content, so the bad input can be inspected and replayed."""
    target = Path(warehouse_dir) / QUARANTINE_DIR / f"{file['sha256']}{Path(file['source_uri']).suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}{lake.TMP_INFIX}{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def _committed_body_hashes(warehouse_dir: Path) -> dict[str, str]:
    """content_sha256 → the article_id that first had that body, over committed runs."""
    first: dict[str, str] = {}
    for part in lake.committed_parts(warehouse_dir, "articles"):
        table = pq.read_table(part, columns=["article_id", "content_sha256", "duplicate_of"])
        for article_id, body_hash, duplicate_of in zip(*(table[c].to_pylist() for c in table.column_names)):
            if duplicate_of is None:
                first.setdefault(body_hash, article_id)
    return first


def analyse(warehouse_dir: Path, run_id: str, pipeline_version: str, *, show_progress: bool = False,
            cluster: distributed.Client | None = None) -> dict:
    """The model and the extraction over the run's articles, written in parts as they come.

    The model runs on every core of this machine, or on the Dask cluster behind ``cluster``;
    either way the rows come back here.  Each part's entities go to scratch and are folded into the
    run's one row per entity at the end, on disk: the process does not grow with the run's entities.
    """
    release_freed_memory()  # what parse and normalise freed: this process stays resident beside the workers
    work = lake.work_dir(warehouse_dir, run_id)
    parquet = pq.ParquetFile(work / "articles" / "part-00000.parquet")
    total = parquet.metadata.num_rows
    counts = {"entity_mentions": 0, "quotes": 0, "numeric_claims": 0, "skipped_language": 0, "skipped_duplicate": 0}
    entity_parts = _scratch_dir(warehouse_dir, run_id) / "analysis"
    failures: list[dict] = []
    now = datetime.now(timezone.utc)

    def readable_articles():
        for batch in parquet.iter_batches(batch_size=ANALYSE_BATCH_ARTICLES,
                                          columns=["article_id", "body_text", "credits", "language", "duplicate_of",
                                                   "source_uri", "record_key"]):
            for row in batch.to_pylist():
                # The model reads English; other articles are stored as they are, not mangled by it.
                if row["language"] not in NLP_LANGUAGES:
                    counts["skipped_language"] += 1
                    progress.advance(bar)
                # A duplicate's body is its original's: the original's rows already say everything, and
                # every view and entity count leaves duplicates out, so the model would work for nothing.
                elif row["duplicate_of"] is not None:
                    counts["skipped_duplicate"] += 1
                    progress.advance(bar)
                else:
                    yield row

    def flush(extractions: list, part: int) -> None:
        tables = to_tables(extractions, run_id=run_id, pipeline_version=pipeline_version)
        lake.write_part(entity_parts, "entities", tables.pop("entities"), part)
        for name, table in tables.items():
            lake.write_part(work, name, table, part)
            counts[name] += table.num_rows
        pause_point("analyse")

    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), disable=not show_progress) as progress:
        bar = progress.add_task("analysing articles", total=total)
        buffer: list = []
        part = 0
        if cluster is None:
            extractions = analyse_in_parallel(readable_articles(), worker_count(total))
        else:
            extractions = analyse_on_cluster(readable_articles(), cluster, pipeline_version)
        for extraction in extractions:
            progress.advance(bar)
            if extraction.failure is not None:
                failures.append(_quarantine_row(extraction.failure, now, run_id, pipeline_version))
                continue
            buffer.append(extraction)
            if len(buffer) == ANALYSE_BATCH_ARTICLES:
                flush(buffer, part)
                buffer, part = [], part + 1
        if buffer or part == 0:
            flush(buffer, part)
    merged = merged_entities(sorted((entity_parts / "entities").glob(lake.PART_GLOB)), entity_parts / "spill")
    written = lake.write_part_stream(work, "entities", merged, 0)
    counts["entities"] = pq.ParquetFile(written).metadata.num_rows
    shutil.rmtree(entity_parts)
    # Parse and normalise wrote quarantine parts 0 and 1.
    lake.write_part(work, "quarantine", pa.Table.from_pylist(failures, schema=QUARANTINE), 2)
    counts["quarantined"] = len(failures)
    return counts


def stage(warehouse_dir: Path, run_id: str) -> dict:
    staged = lake.stage_run(warehouse_dir, run_id)
    pause_point("staged")
    return {table: len(paths) for table, paths in staged.items()}


def validate(warehouse_dir: Path, run_id: str, pipeline_version: str) -> dict:
    """Great Expectations over the run's staged tables, a slice at a time; blocking failures reject the run."""
    staged = {table: sorted(lake.partition_dir(warehouse_dir, table, run_id).glob(lake.PART_GLOB))
              for table in ALL_TABLES}
    scratch = _scratch_dir(warehouse_dir, run_id)
    repeated = repeated_keys(staged, scratch)
    outcome = validate_slices(table_slices(staged), run_id=run_id, pipeline_version=pipeline_version,
                              validated_at=datetime.now(timezone.utc), repeated_keys=repeated)
    shutil.rmtree(scratch)
    pause_point("validate")
    lake.write_part(lake.work_dir(warehouse_dir, run_id), "validation_results", outcome.results, 0)
    lake.stage_run(warehouse_dir, run_id)
    if not outcome.passed:
        raise ValidationFailed("; ".join(outcome.blocking_failures))
    results = outcome.results.to_pylist()
    return {"expectations": len(results), "warnings_failed": sum(1 for r in results if not r["success"])}


def commit_and_publish(warehouse_dir: Path, run_row: dict) -> dict:
    """Record the run, make its data visible in the lake, then rebuild and swap the published file."""
    run_id = run_row["run_id"]
    lake.write_part(lake.work_dir(warehouse_dir, run_id), "runs", pa.Table.from_pylist([run_row], schema=RUNS), 0)
    lake.stage_run(warehouse_dir, run_id)
    lake.commit_run(warehouse_dir, run_id)
    result = publish_warehouse(warehouse_dir, before_swap=lambda: pause_point("publish"))
    return dict(result.row_counts)


def record_failed_run(warehouse_dir: Path, run_row: dict) -> None:
    """A failed run's data goes to rejected/; its runs row is still committed so the failure is on record."""
    run_id = run_row["run_id"]
    if lake.is_committed(warehouse_dir, run_id):
        return
    lake.reject_run(warehouse_dir, run_id, run_row["error"] or "failed")
    lake.write_part(lake.work_dir(warehouse_dir, run_id), "runs", pa.Table.from_pylist([run_row], schema=RUNS), 0)
    lake.stage_run(warehouse_dir, run_id)
    lake.commit_run(warehouse_dir, run_id)


def quarantine_summary(warehouse_dir: Path, run_id: str) -> list[dict]:
    """This run's quarantined inputs with their reasons, for the report."""
    parts = sorted(lake.partition_dir(warehouse_dir, "quarantine", run_id).glob(lake.PART_GLOB))
    rows = [row for p in parts for row in pq.read_table(p, columns=["source_uri", "record_key", "reason_code", "detail"]).to_pylist()]
    return sorted(rows, key=lambda r: (r["source_uri"], r["record_key"]))


def timed(step_seconds: dict[str, float], name: str, function: Callable, *args, **kwargs):
    """Run one step and record its wall time."""
    started = time.perf_counter()
    try:
        return function(*args, **kwargs)
    finally:
        step_seconds[name] = round(time.perf_counter() - started, 3)

