"""A spawned process that runs some of the flow's steps, so their memory leaves with it.

Python and glibc keep a process's heap at its high-water mark, fragmented: after reading a
100k-article corpus the flow process stayed ~100 MiB larger than after 2k articles, although
the objects were gone (tracemalloc saw 39 MB live).  Steps run here instead, and the process
exits before the analysis starts, so the flow process enters it the same size whatever the
corpus.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Result = TypeVar("Result")


class ChildProcess:
    """One process, started at once (its imports overlap whatever the flow does meanwhile), that runs
    calls one at a time and returns their results; an exception in a call is raised in the caller."""

    def __init__(self, *modules: str) -> None:
        """``modules``: imported as the process starts, while the caller goes on."""
        # spawn, not fork: the flow process holds Prefect's threads and an event loop.
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_import_all, initargs=modules
        )
        self._pool.submit(int)  # starts the process now rather than at the first call

    def call(self, function: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
        return self._pool.submit(function, *args, **kwargs).result()

    def close(self) -> None:
        self._pool.shutdown()

    def __enter__(self) -> ChildProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _import_all(*modules: str) -> None:
    for module in modules:
        importlib.import_module(module)
