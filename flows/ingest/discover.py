"""The discover step: the files under the run's sources that this warehouse does not hold at this pipeline
version, with their hashes, listed in the run's scratch folder for ``parse``."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from flows.ingest.sources import resolve_sources, source_files
from flows.run.scratch import RunScratch
from transforms.ids import source_uri_for
from transforms.records import error_line
from warehouse.lake import Lake
from warehouse.manifest import read_manifest

HASH_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    path: str
    source_name: str
    source_uri: str
    sha256: str  # "" when the file could not be read
    size_bytes: int
    modified_at: str  # ISO 8601, UTC: it crosses to parse and normalise as JSON
    unreadable: str | None = None  # why discover could not read it


def discover(
    sources: list[str],
    warehouse_dir: Path,
    lake: Lake,
    run_id: str,
    pipeline_version: str,
    *,
    full_refresh: bool,
    follow_symlinks: bool = False,
    retry: frozenset[str] = frozenset(),
) -> dict:
    """Files under the sources (``NAME=PATH`` specs) that the warehouse does not already hold at this
    pipeline version, and the files named in ``retry`` (source URIs of quarantined inputs, read again now
    whatever the manifest says), listed in the run's scratch folder for ``parse``.  Symbolic links that lead
    out of their source are counted, not read, unless ``follow_symlinks``."""
    known = set()
    if not full_refresh:
        manifest = read_manifest(lake)
        # A file that could not be read is never known: every run tries it again.
        readable = manifest.filter(pc.not_equal(manifest["status"], pa.scalar("unreadable")))
        known = set(
            zip(
                readable["source_uri"].to_pylist(),
                readable["sha256"].to_pylist(),
                readable["pipeline_version"].to_pylist(),
                strict=True,
            )
        )
    files: dict[str, tuple[Path, str]] = {}
    links_outside = 0
    for source in resolve_sources(sources):
        listing = source_files(source, follow_symlinks=follow_symlinks)
        links_outside += len(listing.links_outside)
        # Two globs of one source may match one file: it is one file.
        files.update((source_uri_for(source.name, inside), (path, source.name)) for path, inside in listing.files)
    found = [_source_file(path, name, source_uri) for source_uri, (path, name) in files.items()]
    new = [f for f in found if (f.source_uri, f.sha256, pipeline_version) not in known or f.source_uri in retry]
    RunScratch.of(warehouse_dir, run_id).new_files.write_text(json.dumps([asdict(f) for f in new]))
    return {
        "files_seen": len(found),
        "files_new": len(new),
        "skipped": {"symlink_outside_source": links_outside} if links_outside else {},
    }


def _source_file(path: Path, source_name: str, source_uri: str) -> SourceFile:
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            modified_at = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, UTC)
            while chunk := handle.read(HASH_CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
    except OSError as error:  # unreadable (permissions, gone, a FIFO's error): parse quarantines it
        return SourceFile(
            str(path.absolute()),
            source_name,
            source_uri,
            "",
            0,
            datetime.now(UTC).isoformat(),
            unreadable=error_line(error),
        )
    return SourceFile(str(path.resolve()), source_name, source_uri, digest.hexdigest(), size, modified_at.isoformat())
