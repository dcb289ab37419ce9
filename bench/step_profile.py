"""Time and peak memory of every step, run in this one process: where a run's time and memory go.

    .venv/bin/python bench/step_profile.py --corpus bbc [--limit N] [--speedup-articles N] [--keep]

Runs discover → parse → normalise → analyse → stage → validate → publish on the corpus folder itself
(copy-free) into a temp warehouse, calling the steps as the flow does but without Prefect, and samples the
resident memory of this process and its children per step.  The ratio to bare spaCy is
``bench/pipeline_bench.py``'s: a reference run inside this large process after the pipeline runs slow
(issue 24).  Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from process_memory import ProcessTreeSampler  # noqa: E402  (bench/, this script's folder)

from flows.settings import configure_environment  # noqa: E402

configure_environment()

CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"
NAMED_CORPORA = {"bbc": CORPORA / "bbc" / "bbc", "reuters": CORPORA / "reuters21578"}
RSS_SAMPLE_SECONDS = 0.2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="bbc", help="bbc, reuters, or a folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    parser.add_argument("--keep", action="store_true", help="keep the temp warehouse (its path is printed)")
    parser.add_argument(
        "--speedup-articles",
        type=int,
        default=0,
        help="also time the analysis of the first N articles in 1 process and on every core",
    )
    args = parser.parse_args()

    import pyarrow.parquet as pq

    from flows.analyse.step import analyse
    from flows.ingest import discover, normalise, parse
    from flows.publish.step import commit_and_publish
    from flows.run.child_process import ChildProcess
    from flows.run.record import RunRecord, new_run_id, timed
    from flows.settings import pipeline_version
    from flows.validate.step import stage, validate
    from warehouse import lake

    source = NAMED_CORPORA.get(args.corpus, Path(args.corpus))
    workdir = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    if args.limit:
        files = sorted(p for p in source.rglob("*") if p.is_file())[: args.limit]
        limited = workdir / "source"
        for path in files:
            target = limited / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        source = limited
    warehouse = workdir / "warehouse"
    warehouse_lake = lake.Lake.in_warehouse(warehouse)
    started_at = datetime.now(UTC)
    version, run_id = pipeline_version(), new_run_id(started_at)
    seconds: dict[str, float] = {}
    try:
        with ProcessTreeSampler(os.getpid(), RSS_SAMPLE_SECONDS) as sampler:

            def step(name: str, function, *args, **kwargs):
                sampler.step = name
                return timed(seconds, name, function, *args, **kwargs)

            started = time.perf_counter()
            # As in the flow: the steps before the analysis run in a child process that is gone before it.
            with ChildProcess(discover.__name__, parse.__name__, normalise.__name__) as child:
                found = step(
                    "discover",
                    child.call,
                    discover.discover,
                    [str(source)],
                    warehouse,
                    warehouse_lake,
                    run_id,
                    version,
                    full_refresh=False,
                )
                step("parse", child.call, parse.parse, warehouse, run_id, version)
                normalised = step(
                    "normalise", child.call, normalise.normalise, warehouse, warehouse_lake, run_id, version, started_at
                )
            analysed = step("analyse", analyse, warehouse, run_id, version)
            step("stage", stage, warehouse, warehouse_lake, run_id)
            step("validate", validate, warehouse, warehouse_lake, run_id, version)
            run = RunRecord(
                run_id=run_id,
                started_at=started_at,
                pipeline_version=version,
                sources=[str(source)],
                source_roots={},
                files_seen=found["files_seen"],
                files_new=found["files_new"],
                articles=normalised["articles"],
            )
            run.finish("succeeded")
            step("publish", commit_and_publish, warehouse, warehouse_lake, run)
            end_to_end = time.perf_counter() - started
        # body_text is never null: its values are all str.
        texts = [
            t
            for p in lake.committed_parts(warehouse_lake, "articles")
            for t in cast(list[str], pq.read_table(p, columns=["body_text"])["body_text"].to_pylist())
        ]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus {args.corpus}: {found['files_new']} files, {len(texts)} articles, {words} words")
        print(
            f"  analysed by the model: {len(texts) - analysed['skipped_duplicate'] - analysed['skipped_language']}"
            f" (skipped: {analysed['skipped_duplicate']} duplicates, {analysed['skipped_language']} not English)"
        )
        print(f"  {'step':10s} {'time':>10s} {'peak RSS tree':>14s} {'this process':>13s} {'largest child':>14s}")
        for name, value in seconds.items():
            tree, own, other = sampler.step_peaks.get(name, (0, 0, 0))
            memory = (
                f"{tree / 2**20:10.0f} MiB {own / 2**20:9.0f} MiB {other / 2**20:10.0f} MiB"
                if tree
                else f"{'(too short to sample)':>28s}"
            )
            print(f"  {name:10s} {value:8.2f} s {memory}")
        print(
            f"end-to-end  {end_to_end:8.2f} s  {len(texts) / end_to_end:8.1f} articles/s  "
            f"{words / end_to_end:8.0f} words/s"
        )
        print(f"peak RSS of the process tree: {sampler.peak_tree_bytes / 2**20:.0f} MiB")
        if args.speedup_articles:
            _print_speedup(warehouse, args.speedup_articles)
    finally:
        if args.keep:
            print(f"warehouse kept at {warehouse}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _print_speedup(warehouse: Path, limit: int) -> None:
    """Analysis (model + extraction) of the same articles in one process and in a pool of every core."""
    import pyarrow.parquet as pq

    from flows.analyse.parallel import MIN_ARTICLES_FOR_POOL, analyse_in_parallel
    from warehouse import lake

    articles = [
        row
        for p in lake.committed_parts(lake.Lake.in_warehouse(warehouse), "articles")
        for row in pq.read_table(p, columns=["article_id", "body_text", "credits"]).to_pylist()
    ][:limit]
    workers = os.cpu_count() or 1
    if len(articles) < MIN_ARTICLES_FOR_POOL:
        print(f"speed-up: needs at least {MIN_ARTICLES_FOR_POOL} articles")
        return
    timings = {}
    for count in (1, workers):
        started = time.perf_counter()
        for _ in analyse_in_parallel(iter(articles), count):
            pass
        timings[count] = time.perf_counter() - started
    print(
        f"analysis of {len(articles)} articles: 1 process {timings[1]:.2f} s, {workers} processes "
        f"{timings[workers]:.2f} s (incl. model loads), speed-up {timings[1] / timings[workers]:.2f}x"
    )


if __name__ == "__main__":
    main()
