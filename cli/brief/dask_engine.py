"""Running extraction on a Dask cluster (`brief extract --engine dask`).

The input list is made on the client and cut into partitions of files; each worker process
loads the pipeline once (`get_extractor`) and extracts its partitions; results come back in
partition order, so the output is byte-identical to the local engine's. With an output
directory, each worker writes its partition as a JSON Lines part file instead of sending the
documents back. Paths may be fsspec URLs (`s3://bucket/docs`) where the backend is installed.
Needs the `brief-extract[dask]` extra.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .extract import ExtractOptions
from .results import Document, DocumentError, Outcome
from .sources import DEFAULT_MAX_BYTES, Item, item_path, read_item

DEFAULT_PARTITION = 64


class EngineError(Exception):
    """The Dask engine cannot run (missing package, unknown protocol): a usage error."""


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "--engine dask needs Dask: pip install 'brief-extract[dask]' (dask[distributed], fsspec)"
        ) from None
    return distributed


@dataclass(frozen=True)
class Partition:
    number: int
    items: tuple[Item, ...]


def extract_partition(
    partition: Partition, options: ExtractOptions, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Outcome]:
    """Runs on a worker: the pipeline is loaded once per worker process and reused."""
    from .parallel import extract_items

    return extract_items(options, partition.items, read=lambda item: read_item(item, max_bytes))


def write_partition(
    partition: Partition, options: ExtractOptions, directory: str, max_bytes: int
) -> list[DocumentError]:
    """Runs on a worker: writes `part-NNNNN.jsonl` and returns the partition's errors."""
    from .render import dumps

    outcomes = extract_partition(partition, options, max_bytes)
    target = os.path.join(directory, f"part-{partition.number:05d}.jsonl")
    temporary = target + ".part"
    with open(temporary, "w", encoding="utf-8") as handle:
        for outcome in outcomes:
            handle.write(dumps(outcome.to_dict()) + "\n")
    os.replace(temporary, target)
    return [o for o in outcomes if isinstance(o, DocumentError)]


PART_FILE = re.compile(r"part-\d{5,}\.jsonl(\.part)?")


def prepare_part_directory(directory: str, overwrite: bool) -> None:
    """An output directory for part files must hold nothing else: `cat DIR/*.jsonl` must be
    this run's records only. With `overwrite`, an earlier run's part files are removed; any
    other file is refused either way."""
    from .output import OutputError

    try:
        os.makedirs(directory, exist_ok=True)
        present = sorted(os.listdir(directory))
    except OSError as exc:
        raise OutputError(f"-o {directory}: {exc.strerror or exc}") from None
    ours = [name for name in present if PART_FILE.fullmatch(name)]
    others = [name for name in present if not PART_FILE.fullmatch(name)]
    if others:
        raise OutputError(
            f"-o {directory}: the directory holds other files ({others[0]}"
            f"{', ...' if len(others) > 1 else ''}); give an empty or new directory"
        )
    if ours and not overwrite:
        raise OutputError(
            f"-o {directory}: the directory holds part files of an earlier run; "
            "add --overwrite to replace them"
        )
    for name in ours:
        try:
            os.unlink(os.path.join(directory, name))
        except OSError as exc:
            raise OutputError(f"-o {directory}/{name}: {exc.strerror or exc}") from None


def partitions(items: Sequence[Item], size: int) -> list[Partition]:
    return [
        Partition(number, tuple(items[start : start + size]))
        for number, start in enumerate(range(0, len(items), size))
    ]


@contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """Ctrl-C reaches every process in the terminal's group. Worker processes started while
    SIGINT is ignored keep ignoring it, so only the client stops (and closes the cluster):
    one line on stderr, not a traceback per worker."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskRun:
    """A client on the user's scheduler, or on a LocalCluster of `workers` processes."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        distributed = _require_dask()
        self.cluster = None
        if scheduler:
            self.client = distributed.Client(scheduler)
        else:
            # Workers log only what is critical: brief reports a failed partition itself, file
            # by file, and a heartbeat that fails as Ctrl-C stops the client is no error.
            with _workers_ignore_interrupts():
                self.cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL,
                )  # fmt: skip
            self.client = distributed.Client(self.cluster)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def outcomes(
        self, parts: list[Partition], options: ExtractOptions, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> Iterator[Outcome]:
        """Every file's outcome, in input order; a partition whose worker died is retried by
        Dask, and if it still fails each of its files becomes an error record."""
        futures = self.client.map(
            extract_partition, parts, options=options, max_bytes=max_bytes, retries=2, pure=False,
        )  # fmt: skip
        for part, future in zip(parts, futures, strict=True):
            try:
                yield from future.result()
            except Exception as exc:  # the worker is gone: its files are errors, not lost
                reason = f"worker failed: {type(exc).__name__}: {exc}".splitlines()[0]
                yield from (DocumentError(item_path(item), reason) for item in part.items)

    def write_parts(
        self, parts: list[Partition], options: ExtractOptions, directory: str, max_bytes: int
    ) -> Iterator[tuple[Partition, list[DocumentError]]]:
        futures = self.client.map(
            write_partition, parts, options=options, directory=directory, max_bytes=max_bytes,
            retries=2, pure=False,
        )  # fmt: skip
        for part, future in zip(parts, futures, strict=True):
            try:
                yield part, future.result()
            except Exception as exc:
                reason = f"worker failed: {type(exc).__name__}: {exc}".splitlines()[0]
                yield part, [DocumentError(item_path(item), reason) for item in part.items]


__all__ = ["DaskRun", "Document", "EngineError", "partitions"]
