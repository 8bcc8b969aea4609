"""What every format converter returns, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Converted:
    """A document's text and what its format says about it."""

    text: str
    encoding: str
    published: str | None = None
    title: str | None = None
    # Where extraction starts: a plain-text `date` header is not extracted, but offsets index
    # `text`.
    body_start: int = 0
    # PDF: the offset in `text` where each page starts (page 1 at 0).
    page_starts: tuple[int, ...] = ()


class FormatError(ValueError):
    """The file cannot be converted; the message is the one-line reason."""
