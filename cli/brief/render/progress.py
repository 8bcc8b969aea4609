"""A progress bar on stderr: only on a terminal, only for more than a few documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
PROGRESS_MIN_DOCUMENTS = 20


def progress_text(done: int, total: int, elapsed: float | None) -> str:
    """Documents done of total, the rate and the time left, from the whole run so far:
    documents arrive in batches, and a rate over the last few would swing with them."""
    rate = done / elapsed if elapsed and elapsed > 0 else 0.0
    if rate > 0 and total:
        left = round((total - done) / rate)
        eta = f"ETA {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"
    else:
        eta = "ETA -:--:--"
    return f"{done:,}/{total:,} documents · {rate:,.1f} docs/s · {eta}"


def with_progress(stream: Iterator[T], total: int, quiet: bool) -> Iterator[T]:
    if quiet or total < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty():
        yield from stream
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, Task
    from rich.text import Text

    class Rate(ProgressColumn):
        """Documents done of total, the rate and the time left, from the whole run so far:
        documents arrive in batches, and a rate over the last few would swing with them."""

        def render(self, task: Task) -> Text:
            done, elapsed = task.completed, task.elapsed or 0.0
            rate = done / elapsed if elapsed > 0 else 0.0
            if rate > 0 and task.total:
                left = int((task.total - done) / rate)
                eta = f"ETA {left // 60}:{left % 60:02d}"
            else:
                eta = "ETA -:--"
            return Text(
                f"{int(done):,}/{int(task.total or 0):,} documents · {rate:,.1f} docs/s · {eta}"
            )

    with Progress(
        "[progress.description]{task.description}", BarColumn(), Rate(),
        console=Console(stderr=True), transient=True, refresh_per_second=2,
    ) as progress:  # fmt: skip
        task = progress.add_task("extracting", total=total)
        for item in stream:
            progress.advance(task)
            yield item
