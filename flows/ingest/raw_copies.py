"""Copies of quarantined files' raw bytes in ``<warehouse>/quarantine/``, named by content, so bad input can
be inspected and replayed after its source has changed."""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.lake import TMP_INFIX

QUARANTINE_DIR = "quarantine"


def keep_quarantined_copy_of(warehouse_dir: Path, file: dict) -> None:
    try:
        data = Path(file["path"]).read_bytes()
    except OSError:
        return  # gone since parse: its quarantine rows still name it
    keep_quarantined_copy(warehouse_dir, file, data)


def keep_quarantined_copy(warehouse_dir: Path, file: dict, data: bytes) -> None:
    """A copy of the raw bytes, named by content, so the bad input can be inspected and replayed."""
    target = Path(warehouse_dir) / QUARANTINE_DIR / f"{file['sha256']}{Path(file['source_uri']).suffix}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}{TMP_INFIX}{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
