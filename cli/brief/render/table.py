"""`--format table`: rich tables for people at a terminal. Colour only on a terminal, never
with NO_COLOR or --no-color."""

from __future__ import annotations

import re
from typing import IO, Any

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table

from ..results import ENTITY_TYPES, DocumentError, Outcome, top_rows
from .text import describe_value, printable

TYPE_STYLES = {
    "date": "cyan",
    "money": "green",
    "person": "magenta",
    "place": "yellow",
    "organization": "blue",
}


def escape(text: str) -> str:
    """Text for a table cell: rich markup and terminal control characters made inert."""
    return _markup_escape(printable(text))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1; the reader going away (`| head`) is brief's exit 141.
        self.quiet = True
        raise BrokenPipeError


# Long words are cut with an ellipsis, never split across lines ("multibillion-dolla" / "r");
# text wraps at spaces.
_OVERFLOW = "ellipsis"
_SPACES = re.compile(r"\s+")


class TableRenderer:
    """Per-document tables (`per_document`), then the summary across documents if asked.
    With `context`, a per-document table has a row per mention, shown in its text."""

    def __init__(
        self, stream: IO[str], color: bool = True, per_document: bool = True, context: int = 0,
        top: int | None = None,
    ) -> None:  # fmt: skip
        self.console = _Console(
            file=stream, no_color=not color, highlight=False, soft_wrap=False,
            force_terminal=None if color else False, emoji=False,
        )  # fmt: skip
        self.per_document = per_document
        self.context = context
        self.top = top

    def begin(self) -> None:
        pass

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentError):
            self.console.print(f"[bold red]{escape(outcome.path)}[/]: {escape(outcome.error)}")
            return
        if not self.per_document:
            return
        if self.context:
            self._mentions_in_context(outcome)
            return
        title = escape(outcome.path)
        if outcome.published:
            title += f"  [dim](published {outcome.published})[/]"
        table = Table(title=title, title_justify="left", expand=False)
        table.add_column("type")
        table.add_column("entity", overflow=_OVERFLOW)
        table.add_column("value", overflow=_OVERFLOW)
        table.add_column("count", justify="right")
        ordered = sorted(
            outcome.entities, key=lambda e: (ENTITY_TYPES.index(e.type), e.first_start)
        )
        for entity in ordered:
            name = escape(entity.text)
            if entity.aliases:
                name += f" [dim]({escape(', '.join(entity.aliases))})[/]"
            style = TYPE_STYLES.get(entity.type, "")
            table.add_row(
                f"[{style}]{entity.type}[/]", name, escape(describe_value(entity.type, entity.value)),
                str(entity.count),
            )  # fmt: skip
        if not outcome.entities:
            table.add_row("", "[dim](no entities)[/]", "", "")
        self.console.print(table)

    def _mentions_in_context(self, outcome: Any) -> None:
        title = escape(outcome.path)
        table = Table(title=title, title_justify="left", expand=False)
        table.add_column("type")
        table.add_column("in context", overflow=_OVERFLOW)
        table.add_column("value", overflow=_OVERFLOW)
        rows = sorted(
            ((m, e) for e in outcome.entities for m in e.mentions),
            key=lambda pair: (pair[0].start, pair[0].end),
        )
        for mention, entity in rows:
            around = mention.context or mention.text
            at = mention.start - max(0, mention.start - self.context) if mention.context else 0
            before, after = around[:at], around[at + len(mention.text) :]
            # Cut context is marked with an ellipsis; line breaks become spaces.
            before = ("…" if len(before) == self.context else "") + _SPACES.sub(" ", before)
            after = _SPACES.sub(" ", after) + ("…" if len(after) == self.context else "")
            shown = f"{escape(before)}[bold]{escape(mention.text)}[/]{escape(after)}"
            style = TYPE_STYLES.get(entity.type, "")
            table.add_row(
                f"[{style}]{entity.type}[/]", shown,
                escape(describe_value(entity.type, entity.value)),
            )  # fmt: skip
        if not rows:
            table.add_row("", "[dim](no entities)[/]", "")
        self.console.print(table)

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        if not summary:
            return
        title = "All documents"
        if self.top is not None:
            kept = top_rows(summary, self.top)
            if len(kept) < len(summary):
                title += (
                    f" (the {self.top} most frequent of each type: {len(kept)} of {len(summary)})"
                )
            summary = kept
        table = Table(title=title, title_justify="left")
        for column, justify in (("type", "left"), ("entity", "left"), ("value", "left"),
                                ("mentions", "right"), ("documents", "right")):  # fmt: skip
            table.add_column(column, justify=justify, overflow=_OVERFLOW)  # type: ignore[arg-type]
        for row in summary:
            style = TYPE_STYLES.get(row["type"], "")
            table.add_row(
                f"[{style}]{row['type']}[/]", escape(row["text"]),
                escape(describe_value(row["type"], row["value"])),
                str(row["mentions"]), str(row["documents"]),
            )  # fmt: skip
        self.console.print(table)
