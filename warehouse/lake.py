"""The Parquet lake: a run's parts go work dir -> staged partition -> committed (or rejected).

Layout under the warehouse directory::

    _work/<run_id>/<table>/part-00000.parquet      scratch while the run writes
    lake/<table>/run_id=<run_id>/part-00000.parquet staged; invisible until committed
    lake/_committed/<run_id>                        commit marker (JSON listing the run's parts)
    rejected/<run_id>/<table>/...  + reason.txt     runs that failed validation, kept for inspection

Readers (publish, the manifest) only ever see parts listed in a commit marker, so a run
that crashes anywhere before ``commit_run`` leaves nothing visible.  Every move is an
``os.replace`` inside the warehouse directory, so it is atomic on one filesystem.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.schemas import ALL_TABLES, FILES, key_column

LAKE_DIR = "lake"
WORK_DIR = "_work"
COMMITTED_DIR = "_committed"
REJECTED_DIR = "rejected"
PART_GLOB = "part-*.parquet"
# Temp files carry this infix plus the writer's pid, so cleanup can tell them from data.
TMP_INFIX = ".tmp-"
# zstd: article bodies are long text, which zstd packs much tighter than the snappy default; DuckDB reads it natively.
PARQUET_COMPRESSION = "zstd"
# Run ids become directory names: keep them to characters that are safe in a path and in SQL literals.
RUN_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class SchemaMismatch(ValueError):
    """A table handed to the lake does not fit its contract schema."""


class LakeError(RuntimeError):
    """An operation would break the lake's invariants (e.g. touch a committed run)."""


def lake_dir(warehouse_dir: Path) -> Path:
    return Path(warehouse_dir) / LAKE_DIR


def work_dir(warehouse_dir: Path, run_id: str) -> Path:
    """Scratch directory for a run's parts before they are staged."""
    return Path(warehouse_dir) / WORK_DIR / _checked_run_id(run_id)


def partition_dir(warehouse_dir: Path, table_name: str, run_id: str) -> Path:
    return lake_dir(warehouse_dir) / table_name / f"run_id={_checked_run_id(run_id)}"


def write_part(directory: Path, table_name: str, table: pa.Table, part: int) -> Path:
    """Write ``table`` as ``<directory>/<table_name>/part-NNNNN.parquet``, conformed to the contract.

    Written under a temp name and renamed, so a reader never sees half a file.
    """
    return write_part_stream(directory, table_name, [table], part)


def write_part_stream(directory: Path, table_name: str, tables: Iterable[pa.Table], part: int) -> Path:
    """Like ``write_part``, from a stream of tables written as they come: memory holds one at a time."""
    if table_name not in ALL_TABLES:
        raise SchemaMismatch(f"unknown table {table_name!r}; the contract has {sorted(ALL_TABLES)}")
    target_dir = Path(directory) / table_name
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"part-{part:05d}.parquet"
    tmp = target_dir / f".{path.name}{TMP_INFIX}{os.getpid()}"
    try:
        with pq.ParquetWriter(tmp, ALL_TABLES[table_name], compression=PARQUET_COMPRESSION) as writer:
            for table in tables:
                writer.write_table(conform(table_name, table))
        fsync_path(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(target_dir)
    return path


def read_batches(path: Path, batch_rows: int, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """A Parquet file's rows in batches, one row group in memory at a time (``write_part_stream`` writes
    a group per table it is given).  Not ``ParquetFile.iter_batches``: in pyarrow 26 its allocations
    grow with the rows read (6 → 36 MB over 90k articles), whereas a row group at a time stays flat."""
    parquet = pq.ParquetFile(path)
    for group in range(parquet.metadata.num_row_groups):
        yield from parquet.read_row_group(group, columns=columns).to_batches(max_chunksize=batch_rows)


def conform(table_name: str, table: pa.Table) -> pa.Table:
    """``table`` with the contract's columns, order, types and field docs, or SchemaMismatch."""
    schema = ALL_TABLES.get(table_name)
    if schema is None:
        raise SchemaMismatch(f"unknown table {table_name!r}; the contract has {sorted(ALL_TABLES)}")
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


def stage_run(warehouse_dir: Path, run_id: str) -> dict[str, list[Path]]:
    """Move every part of the run's work dir into its lake partitions; returns staged paths per table."""
    if is_committed(warehouse_dir, run_id):
        raise LakeError(f"run {run_id} is already committed; its partitions are immutable")
    source = work_dir(warehouse_dir, run_id)
    staged: dict[str, list[Path]] = {}
    if not source.is_dir():
        return staged
    for table_dir in sorted(p for p in source.iterdir() if p.is_dir()):
        if table_dir.name not in ALL_TABLES:
            raise LakeError(f"unknown table folder {table_dir} in the work dir of run {run_id}")
        parts = sorted(table_dir.glob(PART_GLOB))
        if not parts:
            continue
        dest = partition_dir(warehouse_dir, table_dir.name, run_id)
        dest.mkdir(parents=True, exist_ok=True)
        for part in parts:
            target = dest / part.name
            if target.exists():
                raise LakeError(f"{target} is already staged; part numbers must be unique within a run")
            os.replace(part, target)
            staged.setdefault(table_dir.name, []).append(target)
        fsync_path(dest)
    _remove_empty_dirs(source)
    return staged


def commit_run(warehouse_dir: Path, run_id: str) -> Path:
    """Make the run's staged parts visible to readers by writing its commit marker atomically.

    The marker lists the parts, so readers see exactly what was committed even if
    something is later written next to them.  Committing twice is a no-op.
    """
    marker = lake_dir(warehouse_dir) / COMMITTED_DIR / _checked_run_id(run_id)
    if marker.exists():
        return marker
    lake = lake_dir(warehouse_dir)
    parts = {
        table: [str(p.relative_to(lake)) for p in sorted(partition_dir(warehouse_dir, table, run_id).glob(PART_GLOB))]
        for table in ALL_TABLES
    }
    payload = {
        "run_id": run_id,
        "committed_at": datetime.now(UTC).isoformat(),
        "parts": {table: paths for table, paths in parts.items() if paths},
    }
    marker.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write_text(marker, json.dumps(payload, indent=2, sort_keys=True) + "\n")
    return marker


def reject_run(warehouse_dir: Path, run_id: str, reason: str) -> Path:
    """Move an uncommitted run's data to ``rejected/<run_id>/`` with a reason.txt; nothing is deleted."""
    if is_committed(warehouse_dir, run_id):
        raise LakeError(f"run {run_id} is committed; committed data is never rejected or moved")
    dest = Path(warehouse_dir) / REJECTED_DIR / _checked_run_id(run_id)
    dest.mkdir(parents=True, exist_ok=True)
    for table in ALL_TABLES:
        source = partition_dir(warehouse_dir, table, run_id)
        if source.is_dir():
            _move_files(source, dest / table)
    # Parts the run wrote but never staged are evidence too.
    unstaged = work_dir(warehouse_dir, run_id)
    if unstaged.is_dir():
        _move_files(unstaged, dest / WORK_DIR)
    stamp = datetime.now(UTC).isoformat()
    _atomic_write_text(dest / "reason.txt", f"run_id: {run_id}\nrejected_at: {stamp}\nreason: {reason}\n")
    return dest


def is_committed(warehouse_dir: Path, run_id: str) -> bool:
    return (lake_dir(warehouse_dir) / COMMITTED_DIR / _checked_run_id(run_id)).is_file()


def committed_runs(warehouse_dir: Path) -> list[str]:
    """Committed run ids, oldest first (run ids sort by start time)."""
    markers = lake_dir(warehouse_dir) / COMMITTED_DIR
    if not markers.is_dir():
        return []
    return sorted(p.name for p in markers.iterdir() if p.is_file() and not p.name.startswith("."))


def committed_parts(warehouse_dir: Path, table_name: str) -> list[Path]:
    """Parquet parts of ``table_name`` from committed runs, in commit order (run, then part).

    Later entries are newer: "latest row per key" means the one from the last part here.
    """
    if table_name not in ALL_TABLES:
        raise SchemaMismatch(f"unknown table {table_name!r}; the contract has {sorted(ALL_TABLES)}")
    lake = lake_dir(warehouse_dir)
    parts: list[Path] = []
    for run_id in committed_runs(warehouse_dir):
        marker = json.loads((lake / COMMITTED_DIR / run_id).read_text())
        parts.extend(lake / rel for rel in sorted(marker["parts"].get(table_name, [])))
    return parts


def read_manifest(warehouse_dir: Path) -> pa.Table:
    """The ``files`` rows of committed runs, latest row per file_id, sorted by file_id."""
    parts = committed_parts(warehouse_dir, "files")
    if not parts:
        return FILES.empty_table()
    rows = pa.concat_tables([conform("files", pq.read_table(p)) for p in parts])
    # Parts are in commit order, so the highest position per key is its latest row.
    key = key_column(FILES)
    rows = rows.append_column("_pos", pa.array(range(rows.num_rows), pa.int64()))
    latest = rows.group_by(key).aggregate([("_pos", "max")])
    rows = rows.take(latest["_pos_max"]).drop_columns(["_pos"])
    return rows.take(pc.sort_indices(rows, [(key, "ascending")]))


def clean_stale(warehouse_dir: Path, current_run_id: str | None = None) -> list[Path]:
    """Remove leftovers of crashed runs: work dirs, uncommitted partitions, temp files.

    Call it at the start of a run, before anything of that run is written, and with
    only one run at a time (the flow's job): a concurrent run's staged parts look stale.
    Committed partitions and markers are never touched.  Returns what was removed.
    """
    warehouse_dir = Path(warehouse_dir)
    keep = {current_run_id} if current_run_id else set()
    committed = set(committed_runs(warehouse_dir))
    removed: list[Path] = []

    work_root = warehouse_dir / WORK_DIR
    if work_root.is_dir():
        for run_dir in sorted(work_root.iterdir()):
            if run_dir.name not in keep:
                _remove(run_dir)
                removed.append(run_dir)

    lake = lake_dir(warehouse_dir)
    for table in ALL_TABLES:
        table_dir = lake / table
        if not table_dir.is_dir():
            continue
        for partition in sorted(table_dir.iterdir()):
            run_id = partition.name.removeprefix("run_id=")
            if partition.is_dir() and run_id not in committed and run_id not in keep:
                shutil.rmtree(partition)
                removed.append(partition)

    for root in (lake, warehouse_dir / REJECTED_DIR):
        if root.is_dir():
            for tmp in sorted(root.rglob(f".*{TMP_INFIX}*")):
                if tmp.is_file():
                    tmp.unlink()
                    removed.append(tmp)
    return removed


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


def _atomic_write_text(path: Path, text: str) -> None:
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
