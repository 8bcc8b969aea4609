"""Where output goes: stdout, or a file written atomically (temporary file, then rename), so an
interrupted or failed run never leaves a truncated file in place of a good one.

A destination that is not a regular file (a device such as /dev/null, a FIFO, a socket) is
written in place, never replaced; a symbolic link is written through, so the link stays a
link. A new file gets the mode the umask gives; an existing one keeps its mode.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """The destination cannot be written: a usage error, found before any work starts."""


class OutputWriteError(Exception):
    """Writing the output failed part way (a full disk, /dev/full, an I/O error)."""


_WRITE_FAILURES = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EROFS, getattr(errno, "EDQUOT", -1)}


def write_failure(exc: OSError, where: str | None) -> OutputWriteError | None:
    """The one-line error for an output that could not be written, or None for other errors."""
    if exc.errno not in _WRITE_FAILURES:
        return None
    reason = (exc.strerror or str(exc)).lower()
    return OutputWriteError(f"cannot write {where or 'standard output'}: {reason}")


def check_destination(path: str) -> None:
    if not path:
        raise OutputError("the output file name is empty")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    if target.exists() and not target.is_file():
        if not os.access(target, os.W_OK):
            raise OutputError(f"{path}: permission denied")
        return  # a device or FIFO: written in place
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise OutputError(f"{path}: permission denied")


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """Yield a text stream; for a regular file, it replaces `path` only if the block succeeds."""
    try:
        with _opened(path) as stream:
            yield stream
    except OSError as exc:
        failure = write_failure(exc, path if path not in (None, "-") else None)
        if failure is None:
            raise
        raise failure from exc


@contextmanager
def _opened(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(os.path.realpath(path))  # through a symbolic link, to what it names
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode()
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.fchmod(fd, mode)
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
