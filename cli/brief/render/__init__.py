"""Output formats. Each renderer takes brief's records and owns its stream; only the table
renderer imports rich. Machine formats never pass through rich (it wraps lines)."""

from __future__ import annotations

from typing import IO, Any, Protocol

from ..results import ModelInfo, Outcome
from .serialise import dumps

__all__ = ["FORMATS", "Renderer", "dumps", "make_renderer"]

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "html")


class Renderer(Protocol):
    def begin(self) -> None: ...
    def write(self, outcome: Outcome) -> None: ...
    def end(self, summary: list[dict[str, Any]] | None) -> None: ...


def make_renderer(
    fmt: str,
    stream: IO[str],
    brief_version: str,
    model: ModelInfo,
    color: bool = False,
    date_scheme: str | None = None,
    per_document: bool = True,
    context: int = 0,
    top: int | None = None,
) -> Renderer:
    """The renderer of `fmt`; `top` limits the summary (table and json) to its first rows."""
    if fmt == "json":
        from .json_ import JsonRenderer

        return JsonRenderer(stream, brief_version, model, date_scheme, top)
    if fmt == "jsonl":
        from .jsonl import JsonLinesRenderer

        return JsonLinesRenderer(stream)
    if fmt == "html":
        from .html import HtmlRenderer

        return HtmlRenderer(stream, brief_version, model, date_scheme)
    if fmt == "csv":
        from .csv_ import CsvRenderer

        return CsvRenderer(stream)
    from .table import TableRenderer

    return TableRenderer(stream, color=color, per_document=per_document, context=context, top=top)
