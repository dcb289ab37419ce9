"""Resident memory of a process tree, sampled from /proc: what the benchmarks report as peak memory."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

MIB = 1024 * 1024


def _processes() -> tuple[dict[int, list[int]], dict[int, int]]:
    """Every process's children and resident bytes, as /proc shows them now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    return children, rss


def _descendants(root: int, children: dict[int, list[int]]) -> list[int]:
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _role(pid: int, root: int) -> str:
    """What a process of a run is, from its command line: Prefect's temporary API server, a child the
    flow spawned (the ingest child, then the analysis workers), or the run itself."""
    if pid == root:
        return "the run's own process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "uvicorn" in command:
        return "Prefect's temporary API server"
    if "resource_tracker" in command:
        return "multiprocessing's resource tracker"
    if "multiprocessing" in command:
        return "spawned child (ingest child first, then analysis workers)"
    return command.split(" ", 1)[0].rsplit("/", 1)[-1]


@dataclass
class ProcessPeak:
    pid: int
    role: str
    first_seen: float  # seconds after sampling began
    last_seen: float
    peak_bytes: int


class ProcessTreeSampler:
    """Samples a running process tree every ``interval`` seconds on a thread: the peak of the whole tree and
    of every process in it, with its role and when it lived; and, while the caller names the ``step`` it is
    in, each step's peaks (tree, the root process alone, its largest descendant)."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval = root, interval
        self.peak_tree_bytes = 0
        self.processes: dict[int, ProcessPeak] = {}
        self.step = "start"
        self.step_peaks: dict[str, tuple[int, int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = time.perf_counter()

    def __enter__(self) -> ProcessTreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            children, rss = _processes()
            now = time.perf_counter() - self._started
            pids = [self.root, *_descendants(self.root, children)]
            tree = sum(rss.get(pid, 0) for pid in pids)
            self.peak_tree_bytes = max(self.peak_tree_bytes, tree)
            own, other = rss.get(self.root, 0), max((rss.get(pid, 0) for pid in pids[1:]), default=0)
            peak_tree, peak_own, peak_other = self.step_peaks.get(self.step, (0, 0, 0))
            self.step_peaks[self.step] = (max(peak_tree, tree), max(peak_own, own), max(peak_other, other))
            for pid in pids:
                if pid not in rss:
                    continue
                seen = self.processes.get(pid)
                if seen is None:
                    seen = self.processes[pid] = ProcessPeak(pid, _role(pid, self.root), now, now, 0)
                seen.last_seen, seen.peak_bytes = now, max(seen.peak_bytes, rss[pid])
            self._stop.wait(self.interval)

    def largest_process_bytes(self) -> int:
        return max((p.peak_bytes for p in self.processes.values()), default=0)

    def report_lines(self) -> list[str]:
        """One line per process that lived at least one sample, in the order they appeared."""
        return [
            f"  pid {p.pid:>7d}  {p.peak_bytes / MIB:7,.0f} MiB peak  alive {p.first_seen:6.1f}–{p.last_seen:6.1f} s"
            f"  {p.role}"
            for p in sorted(self.processes.values(), key=lambda p: p.first_seen)
        ]
