"""The run's first steps: discover, parse and normalise — raw files → the run's articles.

They run in a child process of the flow (``flows/child_process.py``): reading a large corpus
leaves a heap high-water mark and fragmentation behind that the flow process would otherwise
carry through the whole analysis.  So this module imports only what these steps need, and they
hand each other files in the run's scratch folder, never lists of files or articles.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from transforms.ids import stable_id
from transforms.normalise import duplicates_of, normalise_record
from transforms.parse import parse_file
from transforms.records import Discard, RawRecord, Rejection
from transforms.schemas import ARTICLES, FILES, QUARANTINE
from warehouse.lake import (TMP_INFIX, Lake, committed_parts, conform, read_batches, read_manifest, work_dir,
                            write_part, write_part_stream)

# Rows parse and normalise hold at a time before writing them out.
STREAM_BATCH_ROWS = 1000
HASH_CHUNK_BYTES = 1 << 20
SCRATCH_SUFFIX = ".raw"
RAW_RECORDS = pa.schema([
    ("source_uri", pa.string()), ("record_key", pa.string()), ("source_format", pa.string()), ("text", pa.string()),
    ("title", pa.string()), ("url", pa.string()), ("authors", pa.list_(pa.string())), ("published", pa.string()),
    ("language", pa.string()), ("dateline", pa.string()), ("topics", pa.list_(pa.string())),
    ("places", pa.list_(pa.string())),
])
QUARANTINE_DIR = "quarantine"
NEW_FILES = "new_files.json"


@dataclass(frozen=True)
class SourceFile:
    path: str
    source_uri: str
    sha256: str
    size_bytes: int


def discover(sources: list[str], warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str, *,
             full_refresh: bool) -> dict:
    """Files under the sources that the warehouse does not already hold at this pipeline version,
    listed in the run's scratch folder for ``parse``."""
    known = set()
    if not full_refresh:
        manifest = read_manifest(lake)
        known = set(zip(manifest["source_uri"].to_pylist(), manifest["sha256"].to_pylist(),
                        manifest["pipeline_version"].to_pylist()))
    found = [file for source in sources for file in _source_files(source)]
    new = [f for f in found if (f.source_uri, f.sha256, pipeline_version) not in known]
    (scratch_dir(warehouse_dir, run_id) / NEW_FILES).write_text(json.dumps([asdict(f) for f in new]))
    return {"files_seen": len(found), "files_new": len(new)}


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
            data = Path(file["path"]).read_bytes()
            produced = rejected = 0
            for item in parse_file(file["source_uri"], data):
                if isinstance(item, Rejection):
                    rejected += 1
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
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
    write_part(work_dir(warehouse_dir, run_id), "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), 0)
    return {"records": record_count, "quarantined": len(rejections), "discarded": discarded}


def normalise(warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str) -> dict:
    """Raw records → the run's articles (duplicates marked), files manifest and more quarantine rows.

    Streams in batches: articles go to a scratch file as they are normalised, and only their ids and
    body hashes stay in memory until the duplicates are known and marked in a second pass.
    """
    now = datetime.now(timezone.utc)
    scratch = scratch_dir(warehouse_dir, run_id)
    file_stats = json.loads((scratch / "files.json").read_text())
    lineage = {"run_id": run_id, "pipeline_version": pipeline_version}
    rejections: list[dict] = []
    articles_per_file: dict[str, int] = {}
    body_hashes: list[tuple[str, str]] = []
    unmarked = scratch / "articles.parquet"
    with pq.ParquetWriter(unmarked, ARTICLES) as writer:
        for batch in read_batches(scratch / "records.parquet", STREAM_BATCH_ROWS):
            articles = []
            for row in batch.to_pylist():
                for sequence in ("authors", "topics", "places"):
                    row[sequence] = tuple(row[sequence] or ())
                item = normalise_record(RawRecord(**row))
                if isinstance(item, Rejection):
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
                else:
                    articles.append({**item, **lineage})
                    body_hashes.append((item["article_id"], item["content_sha256"]))
                    articles_per_file[item["source_uri"]] = articles_per_file.get(item["source_uri"], 0) + 1
            writer.write_table(conform("articles", pa.Table.from_pylist(articles, schema=ARTICLES)))
    duplicate_of = duplicates_of(body_hashes, _committed_body_hashes(lake))

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
    work = work_dir(warehouse_dir, run_id)
    write_part_stream(work, "articles", _with_duplicates_marked(unmarked, duplicate_of), 0)
    write_part(work, "files", pa.Table.from_pylist(files_rows, schema=FILES), 0)
    write_part(work, "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), 1)
    shutil.rmtree(scratch)
    return {"articles": len(body_hashes), "quarantined": len(rejections), "duplicates": len(duplicate_of)}


def _with_duplicates_marked(articles_file: Path, duplicate_of: dict[str, str]) -> Iterator[pa.Table]:
    for batch in read_batches(articles_file, STREAM_BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        marked = pa.array([duplicate_of.get(article_id) for article_id in table["article_id"].to_pylist()],
                          type=pa.string())
        yield table.set_column(table.schema.get_field_index("duplicate_of"), "duplicate_of", marked)


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


def _keep_quarantined_copy(warehouse_dir: Path, file: dict, data: bytes) -> None:
    """A copy of the raw bytes, named by content, so the bad input can be inspected and replayed."""
    target = Path(warehouse_dir) / QUARANTINE_DIR / f"{file['sha256']}{Path(file['source_uri']).suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}{TMP_INFIX}{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def _committed_body_hashes(lake: Lake) -> dict[str, str]:
    """content_sha256 → the article_id that first had that body, over committed runs."""
    first: dict[str, str] = {}
    for part in committed_parts(lake, "articles"):
        table = pq.read_table(part, filesystem=lake.fs, columns=["article_id", "content_sha256", "duplicate_of"])
        for article_id, body_hash, duplicate_of in zip(*(table[c].to_pylist() for c in table.column_names)):
            if duplicate_of is None:
                first.setdefault(body_hash, article_id)
    return first


