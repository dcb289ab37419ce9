"""A wall-clock budget for one piece of work in this process's main thread, so one input cannot hold a run.

Parsing is linear by design; the budget is the safety net for the case nobody foresaw.  It rides on
SIGALRM, which interrupts Python code and the ``re`` engine alike, so it works only in a process's main
thread: the ingest child runs its steps there.  Elsewhere (a test calling a step from a worker thread)
the work simply runs without a budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(TimeoutError):
    """The work ran past its budget and was interrupted."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block once it has run ``seconds``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise BudgetExceeded(f"over its {seconds:g} s budget")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
