"""`--format jsonl`: one JSON object a line, written as each input finishes. A failed input is
a line too (`{"path", "error"}`), so every input file appears in the stream."""

from __future__ import annotations

from typing import IO, Any

from ..interrupts import write_whole
from ..results import Outcome
from .serialise import dumps


class JsonLinesRenderer:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def begin(self) -> None:
        pass

    def write(self, outcome: Outcome) -> None:
        write_whole(self.stream, dumps(outcome.to_dict()) + "\n")

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        pass
