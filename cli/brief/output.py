"""Where output goes: stdout, or a file written atomically (temporary file, then rename), so an
interrupted or failed run never leaves a truncated file in place of a good one."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """The destination cannot be written: a usage error, found before any work starts."""


def check_destination(path: str) -> None:
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise OutputError(f"{path}: permission denied")


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """Yield a text stream; for a file, it replaces `path` only if the block succeeds."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temp, target)
    except BaseException:
        with _ignored():
            os.unlink(temp)
        raise


@contextmanager
def _ignored() -> Iterator[None]:
    with suppress(OSError):
        yield
