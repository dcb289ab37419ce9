"""Article analysis on every core, or on a Dask cluster: workers each load the model once.

spaCy's own ``nlp.pipe(n_process=…)`` only parallelises the model and ships every Doc back to
the parent, which then runs the extraction alone; here each worker runs the model *and* the
extraction and returns only the small row dicts.  Chunks are submitted through a bounded
window, so memory stays flat however many articles a run has.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

import pyarrow as pa
from spacy.language import Language

from flows.analyse.model import load_pipeline, load_reference
from flows.settings import pipeline_version
from transforms.nlp.analyse import ArticleExtraction, analyse_articles, failed_extraction

if TYPE_CHECKING:  # importing distributed costs ~0.8 s, which runs without a cluster should not pay
    import distributed

# Articles a worker takes at a time: enough to amortise the hand-off, small enough that at the end of a run
# one worker is not left alone with a long chunk (64 gave a 1.56x speed-up on 600 BBC articles).
CHUNK_ARTICLES = 16
# Chunks in flight per worker: one being worked on, one waiting, so no worker ever idles.
CHUNKS_IN_FLIGHT_PER_WORKER = 2
# glibc's malloc_trim: a worker hands the pages it freed after a chunk back to the system.  Without it a
# worker keeps the high-water mark of the longest chunk it ever met, which creeps up with the corpus.
_LIBC = ctypes.CDLL(ctypes.util.find_library("c")) if sys.platform.startswith("linux") else None
_MALLOC_TRIM = getattr(_LIBC, "malloc_trim", None)  # absent on musl
# Below this many articles a pool costs more (each worker loads the model, ~3 s) than it saves.
MIN_ARTICLES_FOR_POOL = 200


def worker_count(articles: int) -> int:
    """Processes worth starting for this many articles (1 = analyse in this process)."""
    if articles < MIN_ARTICLES_FOR_POOL:
        return 1
    return max(1, min(os.cpu_count() or 1, articles // (MIN_ARTICLES_FOR_POOL // 2)))


def analyse_in_parallel(articles: Iterable[dict], workers: int) -> Iterator[ArticleExtraction]:
    """Extractions for the articles, in input order, computed by ``workers`` processes (or inline for 1)."""
    with AnalysisWorkers(workers) as pool:
        yield from pool.analyse(articles)


class AnalysisWorkers:
    """Processes that analyse articles, each loading the model once as it starts (one worker: this process).

    The processes start when this is made, not when the articles come: made before the analysis (the flow
    makes it while the articles are still being normalised), their spawn, imports and model load (≈ 3.5 s)
    overlap that step instead of following it.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            # spawn, not fork: the parent holds Prefect's threads and an event loop, which must not be forked.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_load_worker)
            # The pool starts a process for each submission that finds none idle: one no-op each starts them all.
            for _ in range(workers):
                self._pool.submit(int)

    def __enter__(self) -> AnalysisWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ends the processes (their memory goes with them: the steps after the analysis need it)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def analyse(self, articles: Iterable[dict]) -> Iterator[ArticleExtraction]:
        """Extractions for the articles, in input order."""
        if self._pool is None:
            # In chunks here too, so one text the model fails on costs its chunk a second pass, not the run;
            # a run with nothing new never loads the model.
            for chunk in _chunks(articles, CHUNK_ARTICLES):
                yield from _analyse_chunk(chunk)
            return
        pending: deque[Future] = deque()
        for chunk in _chunks(articles, CHUNK_ARTICLES):
            pending.append(self._pool.submit(_analyse_chunk, chunk))
            if len(pending) >= self.workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def analyse_on_cluster(
    articles: Iterable[dict], client: distributed.Client, expected_pipeline_version: str
) -> Iterator[ArticleExtraction]:
    """Extractions for the articles, in input order, computed on the Dask cluster behind ``client``.

    Each chunk travels to a worker with its articles and comes back as rows, so workers need no
    access to the sources or the warehouse.  A chunk that fails on a worker raises here.
    """
    threads = sum(client.nthreads().values())
    in_flight = max(1, threads) * CHUNKS_IN_FLIGHT_PER_WORKER
    pending: deque[distributed.Future] = deque()
    for chunk in _chunks(articles, CHUNK_ARTICLES):
        # pure=False: the task key is a fresh id, not a hash of every article's text in this process.
        pending.append(client.submit(_analyse_chunk_on_worker, chunk, expected_pipeline_version, pure=False))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class WorkerVersionMismatch(RuntimeError):
    """A Dask worker runs other transforms, reference tables or model than the run: its rows would lie."""


# A Dask worker may run several threads in one process; they share its one model, and spaCy's
# vocabulary is not safe to grow from two threads at once.
_MODEL_LOCK = threading.Lock()


def _analyse_chunk_on_worker(chunk: list[dict], expected_pipeline_version: str) -> list[ArticleExtraction]:
    worker_version = _worker_pipeline_version()
    if worker_version != expected_pipeline_version:
        from distributed import get_worker

        raise WorkerVersionMismatch(
            f"worker {get_worker().address} has pipeline version {worker_version}, the run {expected_pipeline_version}"
        )
    with _MODEL_LOCK:
        return _analyse_chunk(chunk)


@lru_cache(maxsize=1)
def _worker_pipeline_version() -> str:
    return pipeline_version()


def _load_worker() -> None:
    load_pipeline()
    load_reference()


def _analyse_chunk(chunk: list[dict]) -> list[ArticleExtraction]:
    """One chunk in a worker.  spaCy's memory zone drops the strings and lexemes the chunk's texts added to
    the vocabulary (the rows returned are plain Python values), so a worker's memory does not grow with
    every new name and number of the corpus."""
    nlp = load_pipeline()
    try:
        with nlp.memory_zone():
            extractions = list(analyse_articles(chunk, nlp, load_reference()))
    except Exception:  # noqa: BLE001 - the model failed on one of the texts: each alone, to quarantine only it
        extractions = [_analysed_alone(article, nlp) for article in chunk]
    release_freed_memory()
    return extractions


def _analysed_alone(article: dict, nlp: Language) -> ArticleExtraction:
    try:
        with nlp.memory_zone():
            [extraction] = analyse_articles([article], nlp, load_reference())
    except Exception as error:  # noqa: BLE001 - this is the text the model fails on
        return failed_extraction(article, error)
    return extraction


def release_freed_memory() -> None:
    """Hand the heap pages freed so far back to the system (glibc and pyarrow keep them for reuse), so a
    long-lived process's resident size is what it holds now, not the high-water mark of what it held."""
    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
