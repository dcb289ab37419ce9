"""Time and memory of a run over the hostile corpus: per-file limits watched like throughput.

Run: ``.venv/bin/python bench/hostile_bench.py [--small] [--keep]``

Writes ``tests/hostile_corpus.py``'s full-size corpus (a 70 MB text, a gzip bomb, a 1,000,007-character
article, a 3M-character body, a 1.5M-character JSON line, JSON nested 100k deep, 80k unclosed <ref> tags, a
16-segment credit line, …) beside the seed articles, runs ``broadsheet run`` on it as a user would, and
samples the resident memory of every process of the run (the flow, the ingest child, analysis workers)
from /proc.  Prints the wall time, the peak of the whole tree and of the largest single process, and what
was quarantined.  Nothing here asserts: this prints numbers (the issue's bound is 2 GiB per process).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

from hostile_corpus import write_hostile_corpus  # noqa: E402
from process_memory import tree_rss  # noqa: E402  (bench/, this script's folder)

from support import SEEDS, query_published  # noqa: E402

SAMPLE_SECONDS = 0.1
MIB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="the make-test corpus instead of the full-size one")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (its path is printed)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="broadsheet-hostile-"))
    source, warehouse = workdir / "news", workdir / "warehouse"
    source.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, source / seed.name)
    expected = write_hostile_corpus(source, full_size=not args.small)
    print(f"corpus: {len(expected)} hostile files beside {len(list(SEEDS.iterdir()))} seed articles in {source}")

    peak_tree = peak_process = 0
    stop = threading.Event()
    started = time.perf_counter()
    run = subprocess.Popen(
        [
            str(PROJECT / ".venv" / "bin" / "broadsheet"),
            "run",
            "--source",
            f"news={source}",
            "--warehouse",
            str(warehouse),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def sample() -> None:
        nonlocal peak_tree, peak_process
        while not stop.is_set():
            tree, flow, largest_child = tree_rss(run.pid)
            peak_tree = max(peak_tree, tree)
            peak_process = max(peak_process, flow, largest_child)
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = run.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    print(f"broadsheet run: exit {run.returncode}, {wall:.1f} s wall (Prefect start-up included)")
    print(f"peak RSS: process tree {peak_tree / MIB:,.0f} MiB, largest single process {peak_process / MIB:,.0f} MiB")
    if run.returncode:
        print(output[-2000:])
    else:
        reasons = Counter(code for (code,) in query_published(warehouse, "SELECT reason_code FROM quarantine"))
        articles = query_published(warehouse, "SELECT count(*) FROM articles")[0][0]
        print(f"articles {articles}; quarantined by reason: {dict(sorted(reasons.items()))}")
        cells = (line.split("│") for line in output.splitlines() if line.startswith("│ "))
        print(
            "  ".join(
                f"{cell[1].strip()} {cell[2].strip()} s"
                for cell in cells
                if len(cell) > 2
                and cell[1].strip() in ("discover", "parse", "normalise", "analyse", "validate", "publish")
            )
        )
    if args.keep:
        print(f"kept: {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
