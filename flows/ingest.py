"""The run's first steps: discover, parse and normalise — raw files → the run's articles.

They run in a child process of the flow (``flows/child_process.py``): reading a large corpus
leaves a heap high-water mark and fragmentation behind that the flow process would otherwise
carry through the whole analysis.  So this module imports only what these steps need, and they
hand each other files in the run's scratch folder, never lists of files or articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.sources import resolve_sources, source_files
from transforms.ids import printable_path, source_uri_for, stable_id
from transforms.ingest.normalise import duplicates_of, normalise_record
from flows.time_budget import BudgetExceeded, time_budget
from transforms.ingest.parse import MAX_INPUT_BYTES, ParseResult, parse_file
from transforms.records import Discard, RawRecord, Rejection, error_line
from transforms.schemas import ARTICLES, FILES, QUARANTINE
from warehouse.lake import (TMP_INFIX, Lake, committed_parts, conform, read_batches, work_dir, write_part,
                            write_part_stream)
from warehouse.manifest import (committed_file_rows, latest_per_file, published_reads, read_manifest, run_started_at,
                                superseded_files)

# Rows parse and normalise hold at a time before writing them out.
STREAM_BATCH_ROWS = 1000
HASH_CHUNK_BYTES = 1 << 20
SCRATCH_SUFFIX = ".raw"
RAW_RECORDS = pa.schema([
    ("source_uri", pa.string()), ("record_key", pa.string()), ("source_format", pa.string()), ("text", pa.string()),
    ("title", pa.string()), ("url", pa.string()), ("authors", pa.list_(pa.string())), ("published", pa.string()),
    ("published_source", pa.string()), ("publisher", pa.string()), ("language", pa.string()), ("dateline", pa.string()), ("topics", pa.list_(pa.string())),
    ("places", pa.list_(pa.string())),
])
QUARANTINE_DIR = "quarantine"
NEW_FILES = "new_files.json"
# Safety nets, not expected costs: parsing is linear and a 1.3 MB Reuters archive takes about a second.
PARSE_SECONDS_PER_FILE = 60.0
NORMALISE_SECONDS_PER_RECORD = 30.0


@dataclass(frozen=True)
class SourceFile:
    path: str
    source_name: str
    source_uri: str
    sha256: str  # "" when the file could not be read
    size_bytes: int
    modified_at: str  # ISO 8601, UTC: it crosses to parse and normalise as JSON
    unreadable: str | None = None  # why discover could not read it


def discover(sources: list[str], warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str, *,
             full_refresh: bool, follow_symlinks: bool = False) -> dict:
    """Files under the sources (``NAME=PATH`` specs) that the warehouse does not already hold at this
    pipeline version, listed in the run's scratch folder for ``parse``.  Symbolic links that lead out of
    their source are counted, not read, unless ``follow_symlinks``."""
    known = set()
    if not full_refresh:
        manifest = read_manifest(lake)
        # A file that could not be read is never known: every run tries it again.
        readable = manifest.filter(pc.not_equal(manifest["status"], "unreadable"))
        known = set(zip(readable["source_uri"].to_pylist(), readable["sha256"].to_pylist(),
                        readable["pipeline_version"].to_pylist()))
    files: dict[str, tuple[Path, str]] = {}
    links_outside = 0
    for source in resolve_sources(sources):
        listing = source_files(source, follow_symlinks=follow_symlinks)
        links_outside += len(listing.links_outside)
        # Two globs of one source may match one file: it is one file.
        files.update((source_uri_for(source.name, inside), (path, source.name)) for path, inside in listing.files)
    found = [_source_file(path, name, source_uri) for source_uri, (path, name) in files.items()]
    new = [f for f in found if (f.source_uri, f.sha256, pipeline_version) not in known]
    (scratch_dir(warehouse_dir, run_id) / NEW_FILES).write_text(json.dumps([asdict(f) for f in new]))
    return {"files_seen": len(found), "files_new": len(new),
            "skipped": {"symlink_outside_source": links_outside} if links_outside else {}}


def _source_file(path: Path, source_name: str, source_uri: str) -> SourceFile:
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            modified_at = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, timezone.utc)
            while chunk := handle.read(HASH_CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
    except OSError as error:  # unreadable (permissions, gone, a FIFO's error): parse quarantines it
        return SourceFile(str(path.absolute()), source_name, source_uri, "", 0,
                          datetime.now(timezone.utc).isoformat(), unreadable=error_line(error))
    return SourceFile(str(path.resolve()), source_name, source_uri, digest.hexdigest(), size, modified_at.isoformat())


def parse(warehouse_dir: Path, run_id: str, pipeline_version: str) -> dict:
    """The new files ``discover`` listed → raw records (a scratch file for normalise) and the quarantine
    rows of unreadable input."""
    now = datetime.now(timezone.utc)
    rejections: list[dict] = []
    discarded: dict[str, int] = {}
    file_stats: list[dict] = []
    record_count = 0
    scratch = scratch_dir(warehouse_dir, run_id)
    new_files = json.loads((scratch / NEW_FILES).read_text())
    # Records go to disk in batches as files are read: memory holds one batch, not the corpus.
    with pq.ParquetWriter(scratch / "records.parquet", RAW_RECORDS) as writer:
        batch: list[dict] = []
        for file in new_files:
            items, data = _parsed_file(file)
            produced = rejected = 0
            for item in items:
                if isinstance(item, Rejection):
                    rejected += 1
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
                elif isinstance(item, Discard):
                    discarded[item.reason_code] = discarded.get(item.reason_code, 0) + 1
                else:
                    produced += 1
                    batch.append(asdict(item))
            if rejected and not produced and data is not None:
                _keep_quarantined_copy(warehouse_dir, file, data)
            file_stats.append({**file, "records": produced, "readable": data is not None})
            record_count += produced
            if len(batch) >= STREAM_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
    (scratch / "files.json").write_text(json.dumps(file_stats))
    write_part(work_dir(warehouse_dir, run_id), "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), 0)
    return {"records": record_count, "quarantined": len(rejections), "discarded": discarded}


def _parsed_file(file: dict) -> tuple[list[ParseResult], bytes | None]:
    """Every record of one file with its bytes, or the one reason it yields none (bytes None when it could not
    be read).  Never raises: whatever a file holds, the worst it does is be quarantined."""
    uri = file["source_uri"]
    if file["unreadable"] is not None:  # discover could not read it
        return [Rejection(uri, "", "parse", "unreadable", file["unreadable"])], None
    if file["size_bytes"] > MAX_INPUT_BYTES:  # refused before its bytes are in memory
        return [Rejection(uri, "", "parse", "too_large",
                          f"{file['size_bytes']:,} bytes; at most {MAX_INPUT_BYTES:,} are read")], None
    try:
        data = Path(file["path"]).read_bytes()
    except OSError as error:  # gone or locked since discover: quarantined now, retried next run
        return [Rejection(uri, "", "parse", "unreadable", error_line(error))], None
    try:
        with time_budget(PARSE_SECONDS_PER_FILE):
            return list(parse_file(uri, data)), data
    except BudgetExceeded as error:
        return [Rejection(uri, "", "parse", "parse_timeout", f"parsing ran {error}")], data
    except Exception as error:  # noqa: BLE001 - a parser bug met on one file must not stop the night's run
        return [Rejection(uri, "", "parse", "parse_failed", error_line(error))], data


def _normalised_record(record: RawRecord, source_name: str, modified_at: datetime) -> dict | Rejection:
    """``normalise_record``, or the reason it could not be made: never raises."""
    try:
        with time_budget(NORMALISE_SECONDS_PER_RECORD):
            return normalise_record(record, source_name=source_name, file_modified_at=modified_at)
    except BudgetExceeded as error:
        return Rejection(record.source_uri, record.record_key, "normalise", "normalise_timeout",
                         f"normalising ran {error}")
    except Exception as error:  # noqa: BLE001 - a bug met on one record must not stop the night's run
        return Rejection(record.source_uri, record.record_key, "normalise", "normalise_failed", error_line(error))


def normalise(warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str, started_at: datetime) -> dict:
    """Raw records → the run's articles (duplicates marked), files manifest and more quarantine rows.

    An article this warehouse has never had is first seen at ``started_at``, the run's start.

    Streams in batches: articles go to a scratch file as they are normalised, and only their ids, body
    hashes and ranks stay in memory until a second pass keeps one version per id and marks duplicates.
    Two records with one id carry the same canonical URL: they are one article, and the newer wins
    (the later-modified file, then the later source_uri, then the later record in the file).
    """
    now = datetime.now(timezone.utc)
    scratch = scratch_dir(warehouse_dir, run_id)
    file_stats = json.loads((scratch / "files.json").read_text())
    files_by_uri = {file["source_uri"]: file for file in file_stats}
    lineage = {"run_id": run_id, "pipeline_version": pipeline_version}
    rejections: list[dict] = []
    articles_per_file: dict[str, int] = {}
    newest: dict[str, tuple[str, str, int]] = {}  # article_id → rank of the version kept
    body_hash_of: dict[str, str] = {}
    row_number = 0  # of the article rows written, in record order: a version's place for the second pass
    unmarked = scratch / "articles.parquet"
    with pq.ParquetWriter(unmarked, ARTICLES) as writer:
        for batch in read_batches(scratch / "records.parquet", STREAM_BATCH_ROWS):
            articles = []
            for row in batch.to_pylist():
                for sequence in ("authors", "topics", "places"):
                    row[sequence] = tuple(row[sequence] or ())
                file = files_by_uri[row["source_uri"]]
                modified_at = datetime.fromisoformat(file["modified_at"])
                item = _normalised_record(RawRecord(**row), file["source_name"], modified_at)
                if isinstance(item, Rejection):
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
                    continue
                # first_seen_at is known once the committed articles are read, in the second pass.
                articles.append({**item, "first_seen_at": started_at, **lineage})
                articles_per_file[item["source_uri"]] = articles_per_file.get(item["source_uri"], 0) + 1
                rank = (file["modified_at"], item["source_uri"], row_number)
                row_number += 1
                if rank > newest.get(item["article_id"], ("", "", -1)):
                    newest[item["article_id"]] = rank
                    body_hash_of[item["article_id"]] = item["content_sha256"]
            writer.write_table(conform("articles", pa.Table.from_pylist(articles, schema=ARTICLES)))
    file_rows = committed_file_rows(lake)
    superseded = superseded_files(latest_per_file(file_rows), {file["path"] for file in file_stats}, run_id,
                                  pipeline_version)
    committed = _committed_articles(lake, pa.concat_tables([file_rows, pa.Table.from_pylist(superseded, schema=FILES)]))
    duplicate_of = duplicates_of(sorted(body_hash_of.items()), committed.original_by_body)
    first_seen = {article_id: committed.first_seen.get(article_id, started_at) for article_id in newest}

    files_rows = list(superseded)
    for file in file_stats:
        produced = articles_per_file.get(file["source_uri"], 0)
        if not file["readable"]:
            status = "unreadable"  # discover does not count it as known: the next run tries again
        else:
            status = "parsed" if produced else ("empty" if file["size_bytes"] == 0 else "quarantined")
        if file["records"] and not produced:
            # Every record was rejected here, not at parse: the file joins quarantine/ all the same.
            _keep_quarantined_copy_of(warehouse_dir, file)
        files_rows.append({
            "file_id": stable_id("fil", file["source_uri"], file["sha256"], pipeline_version),
            "source_name": file["source_name"], "source_uri": file["source_uri"],
            "source_path": printable_path(file["path"]),
            "modified_at": datetime.fromisoformat(file["modified_at"]), "sha256": file["sha256"],
            "size_bytes": file["size_bytes"], "status": status, "article_count": produced,
            "run_id": run_id, "pipeline_version": pipeline_version,
        })
    work = work_dir(warehouse_dir, run_id)
    kept = {article_id: rank[2] for article_id, rank in newest.items()}
    write_part_stream(work, "articles", _newest_versions_marked(unmarked, kept, duplicate_of, first_seen), 0)
    write_part(work, "files", pa.Table.from_pylist(files_rows, schema=FILES), 0)
    write_part(work, "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), 1)
    shutil.rmtree(scratch)
    older_versions = sum(articles_per_file.values()) - len(newest)
    return {"articles": len(newest), "quarantined": len(rejections), "duplicates": len(duplicate_of),
            "discarded_versions": {"older_version_of_url": older_versions} if older_versions else {}}


def _newest_versions_marked(articles_file: Path, kept: dict[str, int], duplicate_of: dict[str, str],
                            first_seen: dict[str, datetime]) -> Iterator[pa.Table]:
    """The articles of the first pass, one version per id (the row ``kept`` names), with ``duplicate_of``
    and ``first_seen_at`` filled in."""
    row_number = 0
    for batch in read_batches(articles_file, STREAM_BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        ids = table["article_id"].to_pylist()
        mask = [kept[article_id] == row_number + offset for offset, article_id in enumerate(ids)]
        row_number += len(ids)
        table = table.filter(pa.array(mask, pa.bool_()))
        ids = table["article_id"].to_pylist()
        for column, values in (("duplicate_of", pa.array([duplicate_of.get(i) for i in ids], pa.string())),
                               ("first_seen_at", pa.array([first_seen[i] for i in ids], ARTICLES.field("first_seen_at").type))):
            table = table.set_column(table.schema.get_field_index(column), column, values)
        yield table


def scratch_dir(warehouse_dir: Path, run_id: str) -> Path:
    """A run's scratch space (new files, raw records, entity parts, validation spill), outside the lake's tables."""
    scratch = work_dir(warehouse_dir, run_id + SCRATCH_SUFFIX)
    scratch.mkdir(parents=True, exist_ok=True)
    return scratch


def quarantine_row(rejection: Rejection, now: datetime, run_id: str, pipeline_version: str) -> dict:
    return {
        "quarantine_id": stable_id("qua", rejection.source_uri, rejection.record_key, rejection.reason_code, pipeline_version),
        "source_uri": rejection.source_uri, "record_key": rejection.record_key, "stage": rejection.stage,
        "reason_code": rejection.reason_code, "detail": rejection.detail, "quarantined_at": now,
        "run_id": run_id, "pipeline_version": pipeline_version,
    }


def _keep_quarantined_copy_of(warehouse_dir: Path, file: dict) -> None:
    try:
        data = Path(file["path"]).read_bytes()
    except OSError:
        return  # gone since parse: its quarantine rows still name it
    _keep_quarantined_copy(warehouse_dir, file, data)


def _keep_quarantined_copy(warehouse_dir: Path, file: dict, data: bytes) -> None:
    """A copy of the raw bytes, named by content, so the bad input can be inspected and replayed."""
    target = Path(warehouse_dir) / QUARANTINE_DIR / f"{file['sha256']}{Path(file['source_uri']).suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}{TMP_INFIX}{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)


@dataclass(frozen=True)
class CommittedArticles:
    original_by_body: dict[str, str]  # content_sha256 → the published article that first had that body
    first_seen: dict[str, datetime]  # article_id → when the warehouse first loaded it, over every version


def _committed_articles(lake: Lake, file_rows: pa.Table) -> CommittedArticles:
    """What committed runs say about articles: the published originals' bodies, and when each id was first seen."""
    published = set(zip(*(published_reads(file_rows)[c].to_pylist() for c in ("source_uri", "run_id"))))
    original_by_body: dict[str, str] = {}
    first_seen: dict[str, datetime] = {}
    for part in committed_parts(lake, "articles"):
        parquet = pq.ParquetFile(part, filesystem=lake.fs)
        # Parts written before first_seen_at existed know it only through their run id.
        columns = [c for c in ("article_id", "content_sha256", "duplicate_of", "source_uri", "run_id", "first_seen_at")
                   if c in parquet.schema_arrow.names]
        table = parquet.read(columns=columns)
        seen = (table["first_seen_at"].to_pylist() if "first_seen_at" in columns else [None] * table.num_rows)
        rows = zip(*(table[c].to_pylist() for c in columns[:5]), seen)
        for article_id, body_hash, duplicate_of, source_uri, run_id, seen_at in rows:
            if duplicate_of is None and (source_uri, run_id) in published:
                original_by_body.setdefault(body_hash, article_id)
            seen_at = seen_at or run_started_at(run_id)
            if article_id not in first_seen or seen_at < first_seen[article_id]:
                first_seen[article_id] = seen_at
    return CommittedArticles(original_by_body, first_seen)
