"""`broadsheet run` against bare spaCy, each in its own fresh process, rounds alternated.

    .venv/bin/python bench/pipeline_bench.py [--corpus bbc] [--rounds 3] [--limit N]

Before the rounds every file of the corpus is read once and both sides' imports are made once, so both run
from a warm disk cache.  Each round runs ``broadsheet run`` over the corpus into a fresh warehouse, as a user
runs it, and ``bench/bare_spacy.py`` (nothing imported but spaCy and the model: ``nlp.pipe``, every
component, n_process=2, batch 64) over the article bodies that run stored; the two swap order every round,
so the machine's drift falls on both.  Prints every round, the medians and two ratios:

- ``broadsheet run``: its wall time (interpreter, imports, Prefect's temporary server, the steps, the report)
  over the reference process's wall time (interpreter, spaCy's import, the model's load, ``nlp.pipe``);
- the steps alone: the run's step times summed over the reference's ``nlp.pipe`` alone.

Then where the start-up goes: the flow's imports and Prefect's temporary API server, each timed in a fresh
process.  Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from broadsheet_run import PROJECT, TimedRun, timed_broadsheet_run
from process_memory import MIB, ProcessTreeSampler

sys.path.insert(0, str(PROJECT))

from flows.settings import SPACY_MODEL, configure_environment  # noqa: E402

# Prefect's settings as `broadsheet run` has them, for the start-up parts timed here.
configure_environment()

CORPORA = PROJECT.parent / "shared" / "corpora"
NAMED_CORPORA = {"bbc": CORPORA / "bbc" / "bbc", "reuters": CORPORA / "reuters21578"}
PYTHON = PROJECT / ".venv" / "bin" / "python"
BARE_SPACY = PROJECT / "bench" / "bare_spacy.py"
# Imports of the flow's process and of Prefect's temporary server, made once before the rounds.
WARM_UP = "import flows.nightly, prefect.server.api.server, spacy; spacy.load({model!r})"
STARTUP_REPEATS = 3
# What `broadsheet run` imports before its flow starts, timed in a fresh process.
FLOW_IMPORTS = "import flows.cli, flows.nightly"
# Prefect's temporary API server, started and checked the way Prefect's own client starts it.
PREFECT_SERVER = (
    "import time\nfrom prefect import get_client\nstarted = time.perf_counter()\n"
    "with get_client(sync_client=True) as client:\n    client.api_healthcheck()\n"
    "print(time.perf_counter() - started)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="bbc", help="bbc, reuters, or a folder")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of pipeline and reference (default 3)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    try:
        source = _source(NAMED_CORPORA.get(args.corpus, Path(args.corpus)), args.limit, workdir)
        texts = workdir / "texts.jsonl"
        _warm(source)
        runs: list[TimedRun] = []
        references: list[dict] = []
        for round_number in range(1, args.rounds + 1):
            # The first round runs the pipeline first: the reference reads the bodies that run stored.
            order = ("pipeline", "reference") if round_number % 2 else ("reference", "pipeline")
            for side in order:
                if side == "pipeline":
                    runs.append(_pipeline_round(source, workdir / f"warehouse-{round_number}", texts))
                    _print_run(round_number, runs[-1])
                else:
                    references.append(_reference_round(texts))
                    _print_reference(round_number, references[-1])
        _print_medians(runs, references)
        _print_startup()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _source(corpus: Path, limit: int, workdir: Path) -> Path:
    if not limit:
        return corpus
    limited = workdir / "source"
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[:limit]:
        target = limited / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return limited


def _warm(source: Path) -> None:
    """Both sides from a warm disk cache: the corpus read once, both sides' modules and the model loaded once."""
    size = sum(len(p.read_bytes()) for p in source.rglob("*") if p.is_file())
    started = time.perf_counter()
    subprocess.run([str(PYTHON), "-c", WARM_UP.format(model=SPACY_MODEL)], check=True, cwd=PROJECT)
    seconds = time.perf_counter() - started
    print(f"warm-up: corpus {size / MIB:.1f} MiB read; imports made and the model loaded once ({seconds:.1f} s)")


def _pipeline_round(source: Path, warehouse: Path, texts: Path) -> TimedRun:
    run = timed_broadsheet_run(source, warehouse, source_name="bench")
    if run.returncode:
        raise SystemExit(f"broadsheet run failed (exit {run.returncode}):\n{run.output[-3000:]}")
    if not texts.exists():
        import duckdb

        with duckdb.connect(str(warehouse / "broadsheet.duckdb"), read_only=True) as con:
            bodies = [body for (body,) in con.sql("SELECT body_text FROM articles ORDER BY article_id").fetchall()]
        texts.write_text("".join(json.dumps(body) + "\n" for body in bodies), encoding="utf-8")
    shutil.rmtree(warehouse)
    return run


def _reference_round(texts: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(PYTHON), str(BARE_SPACY), SPACY_MODEL, str(texts)], stdout=subprocess.PIPE, text=True, cwd=PROJECT
    )
    with ProcessTreeSampler(process.pid) as memory:
        output, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"bare spaCy failed (exit {process.returncode})")
    return {
        **json.loads(output.strip().splitlines()[-1]),
        "wall_seconds": time.perf_counter() - started,
        "peak_tree_bytes": memory.peak_tree_bytes,
    }


def _print_run(round_number: int, run: TimedRun) -> None:
    steps = "  ".join(f"{name} {seconds:.1f}" for name, seconds in run.step_seconds.items())
    print(
        f"round {round_number} broadsheet run: {run.wall_seconds:7.1f} s wall, steps {run.steps_total:6.1f} s "
        f"({steps}), outside the steps {run.wall_seconds - run.steps_total:5.1f} s "
        f"(before and after the CLI's own clock: {run.wall_seconds - (run.inside_seconds or 0.0):.1f} s); "
        f"peak tree {run.memory.peak_tree_bytes / MIB:,.0f} MiB, largest process "
        f"{run.memory.largest_process_bytes() / MIB:,.0f} MiB"
    )


def _print_reference(round_number: int, reference: dict) -> None:
    print(
        f"round {round_number} bare spaCy:     {reference['wall_seconds']:7.1f} s wall, nlp.pipe "
        f"{reference['pipe_seconds']:6.1f} s ({reference['texts']} texts), import + model load "
        f"{reference['load_seconds']:.1f} s; peak tree {reference['peak_tree_bytes'] / MIB:,.0f} MiB"
    )


def _print_medians(runs: list[TimedRun], references: list[dict]) -> None:
    run_wall = statistics.median(r.wall_seconds for r in runs)
    steps = statistics.median(r.steps_total for r in runs)
    reference_wall = statistics.median(r["wall_seconds"] for r in references)
    reference_pipe = statistics.median(r["pipe_seconds"] for r in references)
    print(f"medians of {len(runs)} rounds:")
    print(
        f"  broadsheet run {run_wall:7.1f} s wall vs bare spaCy's process {reference_wall:7.1f} s: "
        f"ratio {run_wall / reference_wall:.2f} (Prefect's start-up included)"
    )
    print(
        f"  the steps alone {steps:6.1f} s vs bare spaCy's nlp.pipe {reference_pipe:7.1f} s: "
        f"ratio {steps / reference_pipe:.2f}"
    )
    per_round = [
        f"{run.wall_seconds / ref['wall_seconds']:.2f} / {run.steps_total / ref['pipe_seconds']:.2f}"
        for run, ref in zip(runs, references, strict=False)
    ]
    print(f"  per round (run / steps): {', '.join(per_round)}")


def _print_startup() -> None:
    """Where the start-up outside the steps goes, each part in its own fresh process (median of a few)."""
    imports, server = [], []
    for _ in range(STARTUP_REPEATS):
        started = time.perf_counter()
        subprocess.run([str(PYTHON), "-c", FLOW_IMPORTS], check=True, cwd=PROJECT)
        imports.append(time.perf_counter() - started)
        result = subprocess.run(
            [str(PYTHON), "-c", PREFECT_SERVER], check=True, cwd=PROJECT, capture_output=True, text=True
        )
        server.append(float(result.stdout.strip().splitlines()[-1]))
    print(
        f"start-up parts (median of {STARTUP_REPEATS}, each in a fresh process): interpreter + the flow's imports "
        f"{statistics.median(imports):.1f} s; Prefect's temporary API server up and healthy "
        f"{statistics.median(server):.1f} s"
    )


if __name__ == "__main__":
    main()
