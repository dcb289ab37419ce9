"""What a run's steps hand each other on disk: the scratch files and the quarantine part each step writes.

Steps pass paths, ids and counts, never article data; every name below is one hand-off, and this module
is the only place that spells it.  Scratch lives beside the run's work folder and is removed by the step
that reads it last (a crashed run's is removed by ``warehouse.lake.clean_stale``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from warehouse.lake import work_dir

# A scratch folder is a work folder with this suffix: outside the tables that staging moves into the lake.
SCRATCH_SUFFIX = ".raw"
# Rows a step holds at a time while it streams a scratch file in or out.
STREAM_BATCH_ROWS = 1000


class QuarantinePart(IntEnum):
    """The part number of the run's quarantine table each step writes, so no step overwrites another's rows."""

    PARSE = 0
    NORMALISE = 1
    ANALYSE = 2


@dataclass(frozen=True)
class RunScratch:
    """A run's scratch folder and the files in it, named by the hand-off they carry."""

    folder: Path

    @classmethod
    def of(cls, warehouse_dir: Path, run_id: str) -> RunScratch:
        """The run's scratch folder, created if needed."""
        folder = work_dir(warehouse_dir, run_id + SCRATCH_SUFFIX)
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder)

    @property
    def new_files(self) -> Path:
        """discover → parse: the files to read (JSON list of ``SourceFile``)."""
        return self.folder / "new_files.json"

    @property
    def raw_records(self) -> Path:
        """parse → normalise: every record read (Parquet, ``RAW_RECORDS``)."""
        return self.folder / "records.parquet"

    @property
    def file_stats(self) -> Path:
        """parse → normalise: what each file gave (JSON list: the ``SourceFile`` plus records and readable)."""
        return self.folder / "files.json"

    @property
    def unmarked_articles(self) -> Path:
        """normalise's first pass → its second: every article version, before one per id is kept."""
        return self.folder / "articles.parquet"

    @property
    def entity_parts(self) -> Path:
        """analyse: each part's entities, folded into one row per entity at the end of the step."""
        return self.folder / "analysis"

    @property
    def staged_copies(self) -> Path:
        """validate: local copies of the staged parts of a remote lake."""
        return self.folder / "staged"
