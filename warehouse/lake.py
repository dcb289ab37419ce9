"""The Parquet lake: a run's parts go work dir -> staged partition -> committed (or rejected).

Layout (the lake defaults to ``<warehouse>/lake`` and may be any fsspec URL instead, e.g. ``s3://bucket/lake``)::

    <warehouse>/_work/<run_id>/<table>/part-00000.parquet  scratch while the run writes (always local)
    <lake>/<table>/run_id=<run_id>/part-00000.parquet       staged; invisible until committed
    <lake>/_committed/<run_id>                              commit marker (JSON listing the run's parts)
    <warehouse>/rejected/<run_id>/<table>/... + reason.txt  runs that failed validation, kept for inspection

Readers (publish, the manifest) only ever see parts listed in a commit marker, so a run
that crashes anywhere before ``commit_run`` leaves nothing visible — also a part half uploaded
to an object store.  In a local lake every move is an ``os.replace`` inside one filesystem; in a
remote one a part is uploaded whole, and the marker is one small object written once.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from fnmatch import fnmatch
from pathlib import Path
from typing import Final

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from transforms.schemas import ALL_TABLES

LAKE_DIR = "lake"
WORK_DIR = "_work"
COMMITTED_DIR = "_committed"
REJECTED_DIR = "rejected"
PART_GLOB = "part-*.parquet"
# What a run with a missing part still contributes: its log, not its data (see committed_parts_by_table).
KEPT_FROM_BROKEN_RUNS = ("runs", "quarantine", "validation_results")
# Temp files carry this infix plus the writer's pid, so cleanup can tell them from data.
TMP_INFIX = ".tmp-"
# zstd: article bodies are long text, which zstd packs much tighter than the snappy default; DuckDB reads it natively.
PARQUET_COMPRESSION: Final = "zstd"
# Run ids become directory names: keep them to characters that are safe in a path and in SQL literals.
RUN_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class SchemaMismatch(ValueError):
    """A table handed to the lake does not fit its contract schema."""


class LakeError(RuntimeError):
    """An operation would break the lake's invariants (e.g. touch a committed run)."""


class Lake:
    """Where a warehouse's committed Parquet lives: a local folder or an fsspec URL (``s3://bucket/lake``).

    Only the lake can be elsewhere: the run's scratch, the published DuckDB file, locks, rejected runs and
    quarantined inputs stay in the local warehouse folder, where ``os.replace`` and BI tools need them.
    Paths handed out are the filesystem's own (no protocol); ``uri`` qualifies one for DuckDB.
    """

    def __init__(self, location: str | Path) -> None:
        self.url = str(location)
        self.fs, root = fsspec.core.url_to_fs(self.url)
        self.root = root.rstrip("/")

    @classmethod
    def in_warehouse(cls, warehouse_dir: Path) -> Lake:
        """The default: ``<warehouse>/lake``."""
        return cls(Path(warehouse_dir).resolve() / LAKE_DIR)

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def uri(self, path: str) -> str:
        """``path`` as DuckDB opens it: plain when local, with the protocol otherwise."""
        return path if self.is_local else self.fs.unstrip_protocol(path)

    def listing(self, path: str) -> list[dict]:
        """Entries directly under ``path``, fresh (object-store listings are cached); none if it is absent."""
        self.fs.invalidate_cache(path)
        try:
            return self.fs.ls(path, detail=True)
        except FileNotFoundError:
            return []

    def __reduce__(self):
        # Crosses process boundaries (the ingest child) as its URL; the filesystem is rebuilt there.
        return (Lake, (self.url,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lake) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)

    def __repr__(self) -> str:
        return f"Lake({self.url!r})"


def work_dir(warehouse_dir: Path, run_id: str) -> Path:
    """Scratch directory for a run's parts before they are staged."""
    return Path(warehouse_dir) / WORK_DIR / _checked_run_id(run_id)


def local_copies(lake: Lake, parts: dict[str, list[str]], directory: Path) -> dict[str, list[str]]:
    """Local files to read each table's ``parts`` from: the parts themselves in a local lake; otherwise
    copies downloaded into ``directory`` in one concurrent fetch, which the caller removes.

    DuckDB reading a remote lake through a registered fsspec filesystem makes a Python call per read:
    publishing 20k articles from S3 took 10.6 s that way, against 0.7 s to download + 2.8 s to read
    locally.  (DuckDB's own httpfs extension is not an option: it would be downloaded at run time.)
    """
    if lake.is_local:
        return {table: list(paths) for table, paths in parts.items()}
    copies = {
        table: [str(Path(directory) / path.removeprefix(lake.root + "/")) for path in paths]
        for table, paths in parts.items()
    }
    sources = [path for paths in parts.values() for path in paths]
    if sources:
        lake.fs.get(sources, [copy for paths in copies.values() for copy in paths])
    return copies


def partition_dir(lake: Lake, table_name: str, run_id: str) -> str:
    return lake.path(table_name, f"run_id={_checked_run_id(run_id)}")


def staged_parts(lake: Lake, table_name: str, run_id: str) -> list[str]:
    """The run's parts of ``table_name`` in the lake, committed or not, in part order."""
    entries = lake.listing(partition_dir(lake, table_name, run_id))
    names = (e["name"] for e in entries if e["type"] == "file")
    return sorted(name for name in names if fnmatch(posixpath.basename(name), PART_GLOB))


def write_part(directory: Path, table_name: str, table: pa.Table, part: int) -> Path:
    """Write ``table`` as ``<directory>/<table_name>/part-NNNNN.parquet``, conformed to the contract.

    Written under a temp name and renamed, so a reader never sees half a file.
    """
    return write_part_stream(directory, table_name, [table], part)


def write_part_stream(directory: Path, table_name: str, tables: Iterable[pa.Table], part: int) -> Path:
    """Like ``write_part``, from a stream of tables written as they come: memory holds one at a time."""
    schema = contract_schema(table_name)
    target_dir = Path(directory) / table_name
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"part-{part:05d}.parquet"
    tmp = target_dir / f".{path.name}{TMP_INFIX}{os.getpid()}"
    try:
        with pq.ParquetWriter(tmp, schema, compression=PARQUET_COMPRESSION) as writer:
            for table in tables:
                writer.write_table(conform(table_name, table))
        fsync_path(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(target_dir)
    return path


def read_batches(
    path: Path | str,
    batch_rows: int,
    columns: list[str] | None = None,
    filesystem: fsspec.AbstractFileSystem | None = None,
) -> Iterator[pa.RecordBatch]:
    """A Parquet file's rows in batches, one row group in memory at a time (``write_part_stream`` writes
    a group per table it is given).  Not ``ParquetFile.iter_batches``: in pyarrow 26 its allocations
    grow with the rows read (6 → 36 MB over 90k articles), whereas a row group at a time stays flat."""
    parquet = pq.ParquetFile(path, filesystem=filesystem)
    for group in range(parquet.metadata.num_row_groups):
        yield from parquet.read_row_group(group, columns=columns).to_batches(max_chunksize=batch_rows)


def contract_schema(table_name: str) -> pa.Schema:
    """The contract's schema of ``table_name``, or SchemaMismatch for a table the contract does not have."""
    schema = ALL_TABLES.get(table_name)
    if schema is None:
        raise SchemaMismatch(f"unknown table {table_name!r}; the contract has {sorted(ALL_TABLES)}")
    return schema


def conform_committed(table_name: str, table: pa.Table) -> pa.Table:
    """A committed part conformed to today's contract: a nullable column added since it was written is
    read as nulls (the lake is append-only, so parts of every earlier schema stay in it)."""
    schema = ALL_TABLES[table_name]
    for field in schema:
        if field.name not in table.column_names and field.nullable:
            table = table.append_column(field.name, pa.nulls(table.num_rows, field.type))
    return conform(table_name, table)


def conform(table_name: str, table: pa.Table) -> pa.Table:
    """``table`` with the contract's columns, order, types and field docs, or SchemaMismatch."""
    schema = contract_schema(table_name)
    missing = [name for name in schema.names if name not in table.column_names]
    extra = [name for name in table.column_names if name not in schema.names]
    if missing or extra:
        raise SchemaMismatch(f"{table_name}: missing columns {missing}, unexpected columns {extra}")
    # Checked before the cast so the message names every offending column; a null key would poison joins.
    null_in_required = [f.name for f in schema if not f.nullable and table.column(f.name).null_count]
    if null_in_required:
        raise SchemaMismatch(f"{table_name}: nulls in non-nullable columns {null_in_required}")
    try:
        conformed = table.select(schema.names).cast(schema)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise SchemaMismatch(f"{table_name}: cannot cast to the contract schema: {exc}") from exc
    return conformed


def stage_run(warehouse_dir: Path, lake: Lake, run_id: str) -> dict[str, list[str]]:
    """Move every part of the run's work dir into its lake partitions; returns staged paths per table."""
    if is_committed(lake, run_id):
        raise LakeError(f"run {run_id} is already committed; its partitions are immutable")
    source = work_dir(warehouse_dir, run_id)
    staged: dict[str, list[str]] = {}
    if not source.is_dir():
        return staged
    for table_dir in sorted(p for p in source.iterdir() if p.is_dir()):
        if table_dir.name not in ALL_TABLES:
            raise LakeError(f"unknown table folder {table_dir} in the work dir of run {run_id}")
        parts = sorted(table_dir.glob(PART_GLOB))
        if not parts:
            continue
        dest = partition_dir(lake, table_dir.name, run_id)
        if lake.is_local:
            Path(dest).mkdir(parents=True, exist_ok=True)
        # An object store needs no folders, and s3fs's makedirs would create a missing bucket: a typo in
        # the URL must fail the run, not start a new lake somewhere nobody looks.
        for part in parts:
            target = f"{dest}/{part.name}"
            if lake.fs.exists(target):
                raise LakeError(f"{lake.uri(target)} is already staged; part numbers must be unique within a run")
            if lake.is_local:
                os.replace(part, target)
            else:
                # Uploaded whole, then dropped here: a crash in between leaves an uncommitted copy, never a gap.
                lake.fs.put_file(str(part), target)
                part.unlink()
            staged.setdefault(table_dir.name, []).append(target)
        if lake.is_local:
            fsync_path(Path(dest))
    _remove_empty_dirs(source)
    return staged


def commit_run(lake: Lake, run_id: str, *, repaired_runs: Iterable[str] = ()) -> str:
    """Make the run's staged parts visible to readers by writing its commit marker atomically.

    The marker lists the parts, so readers see exactly what was committed even if
    something is later written next to them.  Committing twice is a no-op.  ``repaired_runs``: committed runs
    with lost parts whose files this run read again (``missing_parts`` stops naming them).
    """
    marker = _marker(lake, run_id)
    if is_committed(lake, run_id):
        return marker
    parts = {
        table: [p.removeprefix(lake.root + "/") for p in staged_parts(lake, table, run_id)] for table in ALL_TABLES
    }
    payload = {
        "run_id": run_id,
        "committed_at": datetime.now(UTC).isoformat(),
        "parts": {table: paths for table, paths in parts.items() if paths},
        **({"repaired_runs": sorted(repaired_runs)} if repaired_runs else {}),
    }
    text = json.dumps(payload, indent=2, sort_keys=True) + "\n"
    if lake.is_local:
        Path(marker).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(Path(marker), text)
    else:
        # Written under a temp name and moved into place: on an object store the move is a server-side
        # copy, so the marker appears whole or not at all; elsewhere it is a rename.
        tmp = f"{lake.path(COMMITTED_DIR)}/.{run_id}{TMP_INFIX}{os.getpid()}"
        lake.fs.pipe_file(tmp, text.encode("utf-8"))
        lake.fs.mv(tmp, marker)
    return marker


def reject_run(warehouse_dir: Path, lake: Lake, run_id: str, reason: str) -> Path:
    """Move an uncommitted run's data to ``<warehouse>/rejected/<run_id>/`` with a reason.txt; nothing is deleted."""
    if is_committed(lake, run_id):
        raise LakeError(f"run {run_id} is committed; committed data is never rejected or moved")
    dest = Path(warehouse_dir) / REJECTED_DIR / _checked_run_id(run_id)
    dest.mkdir(parents=True, exist_ok=True)
    for table in ALL_TABLES:
        partition = partition_dir(lake, table, run_id)
        if lake.is_local:
            if Path(partition).is_dir():
                _move_files(Path(partition), dest / table)
            continue
        # File by file, like _move_files, so a reject interrupted half-way can simply be run again.
        for path in sorted(lake.fs.find(partition)):
            target = dest / table / path.removeprefix(partition + "/")
            target.parent.mkdir(parents=True, exist_ok=True)
            lake.fs.get_file(path, str(target))
            lake.fs.rm_file(path)
        _remove_partition(lake, partition)
    # Parts the run wrote but never staged are evidence too.
    unstaged = work_dir(warehouse_dir, run_id)
    if unstaged.is_dir():
        _move_files(unstaged, dest / WORK_DIR)
    stamp = datetime.now(UTC).isoformat()
    atomic_write_text(dest / "reason.txt", f"run_id: {run_id}\nrejected_at: {stamp}\nreason: {reason}\n")
    return dest


def rejected_parts(warehouse_dir: Path, run_id: str, table_name: str) -> list[Path]:
    """The parts of one table a rejected run left in ``<warehouse>/rejected/<run_id>/`` (see ``reject_run``)."""
    folder = Path(warehouse_dir) / REJECTED_DIR / _checked_run_id(run_id) / table_name
    return sorted(folder.rglob("*.parquet"))


def check_writable(lake: Lake) -> None:
    """Fail now, not after the analysis, when the lake cannot be written (a missing bucket, no permission):
    writes and removes a small temp object where commit markers go."""
    probe = lake.path(COMMITTED_DIR, f".write-check{TMP_INFIX}{os.getpid()}")
    try:
        if lake.is_local:
            Path(probe).parent.mkdir(parents=True, exist_ok=True)
        lake.fs.pipe_file(probe, b"")
        lake.fs.rm_file(probe)
    except OSError as exc:  # fsspec backends raise OSError subclasses (FileNotFoundError, PermissionError)
        raise LakeError(f"the lake at {lake.url} cannot be written: {exc}") from exc


def is_committed(lake: Lake, run_id: str) -> bool:
    marker = _marker(lake, run_id)
    lake.fs.invalidate_cache(marker)
    return lake.fs.isfile(marker)


def committed_runs(lake: Lake) -> list[str]:
    """Committed run ids, oldest first (run ids sort by start time)."""
    names = (posixpath.basename(e["name"]) for e in lake.listing(lake.path(COMMITTED_DIR)) if e["type"] == "file")
    return sorted(name for name in names if not name.startswith("."))


def committed_parts(lake: Lake, table_name: str) -> list[str]:
    """Parquet parts of ``table_name`` from committed runs, in commit order (run, then part).

    Later entries are newer: "latest row per key" means the one from the last part here.
    """
    contract_schema(table_name)
    return committed_parts_by_table(lake)[table_name]


def committed_parts_by_table(lake: Lake) -> dict[str, list[str]]:
    """``committed_parts`` of every table, from one read of the commit markers (on an object store,
    one concurrent fetch of them all, not a request per marker and table).

    A run one of whose parts is missing (deleted by hand, a lost disk block) is left out but for the log
    tables it still has: its articles and their rows, and its ``files`` rows, so that the files it read
    are new again and the run that finds the gap reads them again (``missing_parts`` names it).
    """
    parts: dict[str, list[str]] = {table: [] for table in ALL_TABLES}
    for listed in _committed_listing(lake).parts.values():
        broken = any(not exists for paths in listed.values() for _, exists in paths)
        for table, paths in listed.items():
            if broken and table not in KEPT_FROM_BROKEN_RUNS:
                continue
            parts[table].extend(path for path, exists in paths if exists)
    return parts


def missing_parts(lake: Lake) -> dict[str, list[str]]:
    """Run id → the parts its commit marker lists that are not in the lake, for runs with such gaps that no
    committed run has repaired yet."""
    listing = _committed_listing(lake)
    missing = {
        run_id: [lake.uri(path) for paths in listed.values() for path, exists in paths if not exists]
        for run_id, listed in listing.parts.items()
        if run_id not in listing.repaired
    }
    return {run_id: paths for run_id, paths in missing.items() if paths}


@dataclass(frozen=True)
class _CommittedListing:
    parts: dict[str, dict[str, list[tuple[str, bool]]]]  # run id → table → (part path, whether it exists)
    repaired: set[str]  # runs with lost parts whose files a later committed run read again


def _committed_listing(lake: Lake) -> _CommittedListing:
    """What the commit markers list, checked against one listing of the lake."""
    markers = {run_id: _marker(lake, run_id) for run_id in committed_runs(lake)}
    contents = lake.fs.cat(list(markers.values())) if markers else {}
    lake.fs.invalidate_cache(lake.root)
    present = set(lake.fs.find(lake.root)) if markers else set()
    parts, repaired = {}, set()
    for run_id, marker in markers.items():
        payload = json.loads(contents[marker])
        repaired.update(payload.get("repaired_runs", []))
        parts[run_id] = {
            table: [
                (path, path in present) for path in (lake.path(rel) for rel in sorted(payload["parts"].get(table, [])))
            ]
            for table in ALL_TABLES
        }
    return _CommittedListing(parts, repaired)


def clean_stale(warehouse_dir: Path, lake: Lake, current_run_id: str | None = None) -> list[str]:
    """Remove leftovers of crashed runs: work dirs, uncommitted partitions, temp files.

    Call it at the start of a run, before anything of that run is written, and with
    only one run at a time (the flow's job): a concurrent run's staged parts look stale.
    Committed partitions and markers are never touched.  Returns what was removed.
    """
    warehouse_dir = Path(warehouse_dir)
    keep = {current_run_id} if current_run_id else set()
    committed = set(committed_runs(lake))
    removed: list[str] = []

    work_root = warehouse_dir / WORK_DIR
    if work_root.is_dir():
        for run_dir in sorted(work_root.iterdir()):
            if run_dir.name not in keep:
                _remove(run_dir)
                removed.append(str(run_dir))

    for table in ALL_TABLES:
        for entry in sorted(lake.listing(lake.path(table)), key=lambda e: e["name"]):
            run_id = posixpath.basename(entry["name"]).removeprefix("run_id=")
            if entry["type"] == "directory" and run_id not in committed and run_id not in keep:
                _remove_partition(lake, entry["name"])
                removed.append(entry["name"])

    # The lake's only temp files are commit markers being written (parts are staged whole).
    for entry in lake.listing(lake.path(COMMITTED_DIR)):
        if TMP_INFIX in posixpath.basename(entry["name"]):
            lake.fs.rm_file(entry["name"])
            removed.append(entry["name"])
    rejected = warehouse_dir / REJECTED_DIR
    if rejected.is_dir():
        for tmp in sorted(rejected.rglob(f".*{TMP_INFIX}*")):
            if tmp.is_file():
                tmp.unlink()
                removed.append(str(tmp))
    return removed


def _marker(lake: Lake, run_id: str) -> str:
    return lake.path(COMMITTED_DIR, _checked_run_id(run_id))


def _remove_partition(lake: Lake, partition: str) -> None:
    if lake.is_local:
        if Path(partition).is_dir():
            shutil.rmtree(partition)
    else:
        lake.fs.invalidate_cache(partition)
        if lake.fs.exists(partition):  # an object store has no empty folders; other filesystems may
            lake.fs.rm(partition, recursive=True)


def _checked_run_id(run_id: str) -> str:
    if not RUN_ID_PATTERN.fullmatch(run_id):
        raise ValueError(f"run id {run_id!r} must match {RUN_ID_PATTERN.pattern} (it becomes a directory name)")
    return run_id


def _move_files(source: Path, dest: Path) -> None:
    # File by file, so a reject interrupted half-way can simply be run again.
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    _remove_empty_dirs(source)


def _remove_empty_dirs(root: Path) -> None:
    for path in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        _rmdir_if_empty(path)
    _rmdir_if_empty(root)


def _rmdir_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass  # not empty (or already gone): leave it


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    """Write a text file under a temp name, then rename it into place: a reader never sees half of it."""
    tmp = path.parent / f".{path.name}{TMP_INFIX}{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)


def fsync_path(path: Path) -> None:
    """fsync a file, or a directory: the latter makes a rename inside it survive a power loss."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
