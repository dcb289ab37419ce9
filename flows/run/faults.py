"""Named points where a run can be made to stop, so tests can kill it there and prove crash safety.

Inert unless BROADSHEET_PAUSE_AT names the point: then the run writes its pid to
BROADSHEET_PAUSE_FILE and sleeps, waiting to be killed by the test.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_AT_ENV = "BROADSHEET_PAUSE_AT"
PAUSE_FILE_ENV = "BROADSHEET_PAUSE_FILE"
# Long enough for any test to notice and kill; short enough that a forgotten setting cannot hang a night.
PAUSE_SECONDS = 120
POINTS = ("analyse", "staged", "validate", "publish")


def pause_point(name: str) -> None:
    if os.environ.get(PAUSE_AT_ENV) != name:
        return
    Path(os.environ[PAUSE_FILE_ENV]).write_text(str(os.getpid()))
    time.sleep(PAUSE_SECONDS)
