"""A signal that stops a run (Ctrl-C, SIGTERM, SIGHUP) waits for the output line being
written: stopped half-way through a line, a run would leave a truncated record that no
`jq` or CSV reader can take. A second signal while the first waits is handled at once, so a
reader that never reads cannot hold brief up."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

Handler = Callable[[int, Any], Any]

_writing = False
_waiting: tuple[Handler, int, Any] | None = None


def after_the_line(handler: Handler) -> Handler:
    """`handler` (which raises to stop the run), put off while a line is being written."""

    def handle(signum: int, frame: Any) -> None:
        global _waiting
        if _writing and _waiting is None:
            _waiting = (handler, signum, frame)
            return  # the interrupted write is retried (PEP 475) and the line completed
        handler(signum, frame)

    return handle


@contextmanager
def whole_line() -> Iterator[None]:
    """Around the writing (and flushing) of one output line."""
    global _writing, _waiting
    _writing = True
    try:
        yield
    finally:
        _writing = False
        waiting, _waiting = _waiting, None
        if waiting is not None:
            handler, signum, frame = waiting
            handler(signum, frame)


def write_whole(stream: IO[str], text: str) -> None:
    """Write `text` (whole lines) and flush it, all of it, before a stopping signal acts.
    Under `python -u` or PYTHONUNBUFFERED the text stream writes straight to the file, and a
    write to a full pipe that a signal interrupts comes back part-done; the text layer does
    not go on with the rest, so it is written here until none is left."""
    with whole_line():
        buffer = getattr(stream, "buffer", None)
        if buffer is None or isinstance(buffer, io.BufferedIOBase):
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        data = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
        while data:
            data = data[buffer.write(data) or 0 :]
