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
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from .extract import ExtractOptions, get_extractor
from .results import DocumentError, Outcome
from .sources import Item, item_path, read_item

PARTITION_FILES = 16


def _start_worker(options: ExtractOptions, cache_root: str | None) -> None:
    import signal

    from .cache import ResultCache
    from .collector import use_for_batch_run

    # The parent handles Ctrl-C, SIGTERM and SIGHUP and stops the workers itself: a worker
    # ignores Ctrl-C (no tracebacks) and dies quietly when the parent terminates it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    use_for_batch_run()  # a spawned worker starts afresh; a forked one has it already
    extractor = get_extractor(options)
    extractor.cache = ResultCache.open(cache_root) if cache_root else None
    extractor.nlp  # noqa: B018 - load now (a no-op after fork: the parent's copy is shared)


def extract_items(
    options: ExtractOptions, items: Iterable[Any], read: Callable[[Any], Any] = read_item
) -> list[Outcome]:
    """One partition, in a worker: the pipeline is loaded once per process and reused."""
    extractor = get_extractor(options)
    return list(extractor.extract(read(item) for item in items))


def _new_pool(options: ExtractOptions, jobs: int, cache_root: str | None) -> ProcessPoolExecutor:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(options, cache_root),
    )


def _one_by_one(pool: ProcessPoolExecutor, options: ExtractOptions, item: Item) -> Outcome:
    try:
        return pool.submit(extract_items, options, [item]).result()[0]
    except BrokenProcessPool:
        raise
    except Exception as exc:
        return DocumentError(item_path(item), f"internal error: {type(exc).__name__}: {exc}"[:300])


def extract_in_processes(
    options: ExtractOptions, items: Iterable[Item], jobs: int, cache_root: str | None
) -> Iterator[Outcome]:
    """Outcomes in the order of `items`, computed by `jobs` worker processes. A worker that
    dies (killed, out of memory) costs its partition's files, as error records, not the run."""
    # Load the pipeline before the workers fork, so they share it instead of each loading it.
    get_extractor(options).nlp  # noqa: B018
    pool = _new_pool(options, jobs, cache_root)
    pending: deque[tuple[list[Item], Future[list[Outcome]]]] = deque()
    iterator = iter(items)
    try:
        while True:
            # A bounded window of partitions in flight: memory stays flat on any corpus.
            while len(pending) < jobs * 3:
                batch = list(islice(iterator, PARTITION_FILES))
                if not batch:
                    break
                pending.append((batch, pool.submit(extract_items, options, batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                outcomes = None
            except Exception:
                # Something escaped the worker's own per-document guard (a MemoryError while
                # sending the partition, say): its documents go again, one by one.
                try:
                    outcomes = [_one_by_one(pool, options, item) for item in batch]
                except BrokenProcessPool:
                    outcomes = None
            if outcomes is None:
                # Some worker died, perhaps on another partition: retry this one alone in a
                # fresh pool, so only the partition that kills its worker loses its files.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(options, jobs, cache_root)
                try:
                    outcomes = pool.submit(extract_items, options, batch).result()
                except BrokenProcessPool as exc:
                    reason = f"worker process died ({exc})".splitlines()[0]
                    outcomes = [DocumentError(item_path(item), reason) for item in batch]
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _new_pool(options, jobs, cache_root)
                pending = deque(
                    (waiting, pool.submit(extract_items, options, waiting))
                    for waiting, _ in pending
                )
            yield from outcomes
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, SIGHUP) or failed: stop the workers now, not after
        # their current partition.
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to reach them
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)


__all__ = ["extract_in_processes", "extract_items"]
