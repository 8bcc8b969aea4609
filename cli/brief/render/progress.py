"""A progress bar on stderr: only on a terminal, only for more than a few documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
PROGRESS_MIN_DOCUMENTS = 20


def with_progress(stream: Iterator[T], total: int, quiet: bool) -> Iterator[T]:
    if quiet or total < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty():
        yield from stream
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("extracting", total=total)
        for item in stream:
            progress.advance(task)
            yield item
