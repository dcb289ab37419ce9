"""What a person watching ``broadsheet run`` sees: a spinner while each step runs, then the step's time.

The analysis has its own bar (articles done of all); a served, unattended run shows nothing (its record is
the Prefect log and the runs table).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console


class StepProgress:
    def __init__(self, show: bool) -> None:
        # stderr, as the run's one-line failure reason: stdout keeps the summary a script may read.
        self.console = Console(stderr=True) if show else None

    @contextmanager
    def step(self, name: str, step_seconds: dict[str, float], *, spinner: bool = True) -> Iterator[None]:
        if self.console is None:
            yield
            return
        if spinner:
            with self.console.status(f"{name}…"):
                yield
        else:
            yield
        self.console.print(f"  {name:<10} {step_seconds.get(name, 0.0):7.1f} s", highlight=False)
