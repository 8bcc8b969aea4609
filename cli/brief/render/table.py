"""`--format table`: rich tables for people at a terminal. Colour only on a terminal, never
with NO_COLOR or --no-color."""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table

from ..results import ENTITY_TYPES, DocumentError, Outcome
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


class TableRenderer:
    def __init__(self, stream: IO[str], color: bool = True) -> None:
        self.console = _Console(
            file=stream, no_color=not color, highlight=False, soft_wrap=False,
            force_terminal=None if color else False, emoji=False,
        )  # fmt: skip

    def begin(self) -> None:
        pass

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentError):
            self.console.print(f"[bold red]{escape(outcome.path)}[/]: {escape(outcome.error)}")
            return
        title = escape(outcome.path)
        if outcome.published:
            title += f"  [dim](published {outcome.published})[/]"
        table = Table(title=title, title_justify="left", expand=False)
        table.add_column("type")
        table.add_column("entity", overflow="fold")
        table.add_column("value", overflow="fold")
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

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        if not summary:
            return
        table = Table(title="All documents", title_justify="left")
        for column, justify in (("type", "left"), ("entity", "left"), ("value", "left"),
                                ("mentions", "right"), ("documents", "right")):  # fmt: skip
            table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for row in summary:
            style = TYPE_STYLES.get(row["type"], "")
            table.add_row(
                f"[{style}]{row['type']}[/]", escape(row["text"]),
                escape(describe_value(row["type"], row["value"])),
                str(row["mentions"]), str(row["documents"]),
            )  # fmt: skip
        self.console.print(table)
