"""`--format json`: one object, streamed document by document.

The bytes written equal `dumps(result.to_dict(), indent=2)` for the whole run, so the streamed
form and the plain serialisation of `Result` never drift apart (a test holds them together).
"""

from __future__ import annotations

import textwrap
from typing import IO, Any

from ..results import SCHEMA_VERSION, DocumentError, ModelInfo, Outcome, top_rows
from .serialise import dumps


class JsonRenderer:
    def __init__(
        self, stream: IO[str], brief_version: str, model: ModelInfo, date_scheme: str | None,
        top: int | None = None,
    ) -> None:  # fmt: skip
        self.top = top
        self.stream = stream
        self.brief_version = brief_version
        self.date_scheme = date_scheme
        self.model = model
        self.errors: list[DocumentError] = []
        self.count = 0

    def begin(self) -> None:
        self.stream.write("{\n")
        self.stream.write(f'  "brief_version": {dumps(self.brief_version)},\n')
        self.stream.write(f'  "date_scheme": {dumps(self.date_scheme)},\n')
        self.stream.write('  "documents": [')

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentError):
            self.errors.append(outcome)
            return
        self.stream.write(",\n" if self.count else "\n")
        self.stream.write(textwrap.indent(dumps(outcome.to_dict(), indent=2), "    "))
        self.count += 1
        self.stream.flush()

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        self.stream.write("\n  ],\n" if self.count else "],\n")
        tail: dict[str, Any] = {
            "errors": [e.to_dict() for e in self.errors],
            "model": self.model.to_dict(),
            "schema_version": SCHEMA_VERSION,
        }
        if summary is not None:
            tail["summary"] = summary if self.top is None else top_rows(summary, self.top)
        body = dumps(tail, indent=2)
        # Re-use the plain serialisation for the rest: drop its opening brace.
        self.stream.write(body[2:] + "\n")
        self.stream.flush()
