"""Where documents are extracted: in this process, in worker processes (`--jobs N`), or on a
Dask cluster (`--engine dask`), behind one interface.

`engine.run(items, options)` takes inputs in order (files to read, texts already read, input
errors) and yields one outcome per input, in the same order, so every engine's output is
byte-identical. `run.py` chooses the engine; `extract.py` is the per-document core and knows
none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, Protocol

from .extract import ExtractOptions, Extractor, get_extractor
from .results import ModelInfo, Outcome
from .sources import DEFAULT_MAX_BYTES, Item, read_all


class Engine(Protocol):
    def model(self, options: ExtractOptions) -> ModelInfo: ...
    def run(self, items: Iterable[Item], options: ExtractOptions) -> Iterator[Outcome]: ...


@dataclass
class InProcess:
    """The pipeline in this process. Files are read here, one at a time."""

    cache: Any = None  # a ResultCache, or None
    max_bytes: int = DEFAULT_MAX_BYTES
    warn: Callable[[str], None] | None = None  # hears of `date` headers naming no real day

    def extractor(self, options: ExtractOptions) -> Extractor:
        extractor = get_extractor(options)
        extractor.cache = self.cache
        return extractor

    def model(self, options: ExtractOptions) -> ModelInfo:
        return self.extractor(options).model

    def run(self, items: Iterable[Item], options: ExtractOptions) -> Iterator[Outcome]:
        return self.extractor(options).extract(read_all(items, self.warn, self.max_bytes))


@dataclass
class WorkerProcesses(InProcess):
    """`jobs` worker processes forked from this one. They start at the first document that is
    not in the cache, so a re-run over an unchanged corpus starts none."""

    jobs: int = 2

    def run(self, items: Iterable[Item], options: ExtractOptions) -> Iterator[Outcome]:
        from .parallel import extract_in_processes

        extractor = self.extractor(options)
        sources = read_all(items, self.warn, self.max_bytes)
        for source in sources:
            known = extractor.cached(source)
            if known is None:
                root = str(self.cache.root) if self.cache is not None else None
                yield from extract_in_processes(options, chain([source], sources), self.jobs, root)
                return
            yield known


@dataclass
class DaskCluster:
    """Partitions of files extracted by the workers of a Dask cluster: the user's (at
    `scheduler`) or a LocalCluster of `workers` processes. Files are read on the workers."""

    scheduler: str | None = None
    workers: int = 2
    partition_size: int = 64
    max_bytes: int = DEFAULT_MAX_BYTES

    def model(self, options: ExtractOptions) -> ModelInfo:
        """The model the workers load, described without loading it here."""
        from .pipeline import model_info

        return model_info(options.model)

    def run(self, items: Iterable[Item], options: ExtractOptions) -> Iterator[Outcome]:
        from .dask_engine import DaskRun, partitions

        parts = partitions(list(items), self.partition_size)
        # Started now, not at the first outcome: a missing Dask is a usage error before any
        # output is written.
        cluster = DaskRun(self.scheduler, self.workers)

        def stream() -> Iterator[Outcome]:
            try:
                yield from cluster.outcomes(parts, options, self.max_bytes)
            finally:
                cluster.close()

        return stream()


def local_engine(
    jobs: int, cache: Any = None, max_bytes: int = DEFAULT_MAX_BYTES, warn: Any = None
) -> InProcess:
    """This process for one job, worker processes for more."""
    if jobs > 1:
        return WorkerProcesses(cache, max_bytes, warn, jobs)
    return InProcess(cache, max_bytes, warn)


__all__ = ["DaskCluster", "Engine", "InProcess", "WorkerProcesses", "local_engine"]
