"""Resident memory of a process tree, sampled from /proc: what the benchmarks report as peak memory."""

from __future__ import annotations

import os


def tree_rss(root: int) -> tuple[int, int, int]:
    """(RSS of ``root`` and all its descendants, of ``root`` alone, of its largest descendant) in bytes."""
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
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        if pid != root:
            largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return total, rss.get(root, 0), largest
