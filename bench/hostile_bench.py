"""Time and memory of a run over the hostile corpus: per-file limits watched like throughput.

Run: ``.venv/bin/python bench/hostile_bench.py [--small] [--keep]``

Writes ``tests/hostile_corpus.py``'s full-size corpus (a 70 MB text, a gzip bomb, a 1,000,007-character
article, a 3M-character body, a 1.5M-character JSON line, JSON nested 100k deep, 80k unclosed <ref> tags, a
16-segment credit line, …) beside the seed articles, runs ``broadsheet run`` on it as a user would, and
samples the resident memory of every process of the run (the flow, the ingest child, analysis workers)
from /proc.  Prints the wall time, the peak of the whole tree and of every process in it, and what
was quarantined.  Nothing here asserts: this prints numbers (the issue's bound is 2 GiB per process).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

from broadsheet_run import timed_broadsheet_run  # noqa: E402  (bench/, this script's folder)
from hostile_corpus import write_hostile_corpus  # noqa: E402
from process_memory import MIB  # noqa: E402

from support import SEEDS, query_published  # noqa: E402


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

    run = timed_broadsheet_run(source, warehouse)
    print(f"broadsheet run: exit {run.returncode}, {run.wall_seconds:.1f} s wall (Prefect start-up included)")
    print(
        f"peak RSS: process tree {run.memory.peak_tree_bytes / MIB:,.0f} MiB, largest single process "
        f"{run.memory.largest_process_bytes() / MIB:,.0f} MiB; per process:"
    )
    print("\n".join(run.memory.report_lines()))
    if run.returncode:
        print(run.output[-2000:])
    else:
        reasons = Counter(code for (code,) in query_published(warehouse, "SELECT reason_code FROM quarantine"))
        articles = query_published(warehouse, "SELECT count(*) FROM articles")[0][0]
        print(f"articles {articles}; quarantined by reason: {dict(sorted(reasons.items()))}")
        print("  ".join(f"{name} {seconds:.2f} s" for name, seconds in run.step_seconds.items()))
    if args.keep:
        print(f"kept: {workdir}")
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
