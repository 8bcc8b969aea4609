"""`--jobs N` on one machine: worker processes that each run the whole extraction (model,
values, entities) on small partitions of documents and send back only the records.

spaCy's own `n_process` sends every parsed Doc back to the parent, which then has to rebuild
it and do the rest of the work alone; here the parent only reads results in order and writes
output, so two workers keep two cores busy. Output order, and so the output bytes, are the same
as with one process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from .extract import ExtractOptions, get_extractor
from .results import DocumentError, Outcome
from .sources import InputFile, Source, read_input

PARTITION_FILES = 16
Item = InputFile | Source | DocumentError


def _read(item: Item) -> Source | DocumentError:
    return read_input(item) if isinstance(item, InputFile) else item


def _start_worker(options: ExtractOptions, cache_root: str | None) -> None:
    from .cache import ResultCache

    extractor = get_extractor(options)
    extractor.cache = ResultCache.open(cache_root) if cache_root else None
    extractor.nlp  # noqa: B018 - load now (a no-op after fork: the parent's copy is shared)


def extract_items(
    options: ExtractOptions, items: Iterable[Any], read: Callable[[Any], Any] = _read
) -> list[Outcome]:
    """One partition, in a worker: the pipeline is loaded once per process and reused."""
    extractor = get_extractor(options)
    return list(extractor.extract(read(item) for item in items))


def extract_in_processes(
    options: ExtractOptions, items: Iterable[Item], jobs: int, cache_root: str | None
) -> Iterator[Outcome]:
    """Outcomes in the order of `items`, computed by `jobs` worker processes."""
    # Load the pipeline before the workers fork, so they share it instead of each loading it.
    get_extractor(options).nlp  # noqa: B018
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(options, cache_root),
    )
    pending: deque[Future[list[Outcome]]] = deque()
    iterator = iter(items)
    try:
        while True:
            # A bounded window of partitions in flight: memory stays flat on any corpus.
            while len(pending) < jobs * 3:
                batch = list(islice(iterator, PARTITION_FILES))
                if not batch:
                    break
                pending.append(pool.submit(extract_items, options, batch))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["extract_in_processes", "extract_items"]
