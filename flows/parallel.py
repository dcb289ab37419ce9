"""Article analysis on every core: a process pool whose workers each load the model once.

spaCy's own ``nlp.pipe(n_process=…)`` only parallelises the model and ships every Doc back to
the parent, which then runs the extraction alone; here each worker runs the model *and* the
extraction and returns only the small row dicts.  Chunks are submitted through a bounded
window, so memory stays flat however many articles a run has.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from flows.nlp import load_pipeline, load_reference
from transforms.analyse import ArticleExtraction, analyse_articles

# Articles a worker takes at a time: enough to amortise the hand-off, small enough to keep both cores fed.
CHUNK_ARTICLES = 64
# Chunks in flight per worker: one being worked on, one waiting, so no worker ever idles.
CHUNKS_IN_FLIGHT_PER_WORKER = 2
# Below this many articles a pool costs more (each worker loads the model, ~3 s) than it saves.
MIN_ARTICLES_FOR_POOL = 200


def worker_count(articles: int) -> int:
    """Processes worth starting for this many articles (1 = analyse in this process)."""
    if articles < MIN_ARTICLES_FOR_POOL:
        return 1
    return max(1, min(os.cpu_count() or 1, articles // (MIN_ARTICLES_FOR_POOL // 2)))


def analyse_in_parallel(articles: Iterable[dict], workers: int) -> Iterator[ArticleExtraction]:
    """Extractions for the articles, in input order, computed by ``workers`` processes (or inline for 1)."""
    if workers <= 1:
        yield from analyse_articles(articles, load_pipeline(), load_reference())
        return
    # spawn, not fork: the parent holds Prefect's threads and an event loop, which must not be forked.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_load_worker) as pool:
        pending: deque[Future] = deque()
        for chunk in _chunks(articles, CHUNK_ARTICLES):
            pending.append(pool.submit(_analyse_chunk, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _load_worker() -> None:
    load_pipeline()
    load_reference()


def _analyse_chunk(chunk: list[dict]) -> list[ArticleExtraction]:
    return list(analyse_articles(chunk, load_pipeline(), load_reference()))


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
