"""`broadsheet run` as a user runs it, timed from outside: wall time, the steps it reports, every process's
peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from process_memory import ProcessTreeSampler

PROJECT = Path(__file__).resolve().parents[1]
BROADSHEET = PROJECT / ".venv" / "bin" / "broadsheet"
# The rows of the run summary's "time per step" table, in the order the flow runs them.
STEPS = ("discover", "parse", "normalise", "analyse", "stage", "validate", "publish", "report")
TOTAL_ROW = "total (incl. Prefect start-up)"


@dataclass
class TimedRun:
    returncode: int
    wall_seconds: float
    output: str
    step_seconds: dict[str, float]  # as the run's summary prints them
    inside_seconds: float | None  # the summary's total: from the CLI's start of the run to its end
    memory: ProcessTreeSampler

    @property
    def steps_total(self) -> float:
        return sum(self.step_seconds.values())


def timed_broadsheet_run(source: Path, warehouse: Path, source_name: str = "news") -> TimedRun:
    """Runs ``broadsheet run --source NAME=SOURCE --warehouse WAREHOUSE`` in a fresh process."""
    started = time.perf_counter()
    run = subprocess.Popen(
        [str(BROADSHEET), "run", "--source", f"{source_name}={source}", "--warehouse", str(warehouse)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Wide enough that the summary's tables are not wrapped (they are read back below).
        env={**os.environ, "COLUMNS": "200"},
    )
    with ProcessTreeSampler(run.pid) as memory:
        output, _ = run.communicate()
    wall = time.perf_counter() - started
    cells = {
        row[1].strip(): row[2].strip()
        for row in (line.split("│") for line in output.splitlines() if line.startswith("│ "))
        if len(row) > 2
    }
    steps = {name: float(cells[name]) for name in STEPS if name in cells}
    inside = float(cells[TOTAL_ROW]) if TOTAL_ROW in cells else None
    return TimedRun(run.returncode, wall, output, steps, inside, memory)
