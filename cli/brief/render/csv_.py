"""`--format csv`: one row per mention, for spreadsheets. `value` holds the normalised value as
compact JSON; `page` is a PDF mention's page (empty otherwise); failed inputs are reported on stderr (and in JSON/JSONL), not as rows."""

from __future__ import annotations

import csv
from typing import IO, Any

from ..results import DocumentError, Outcome
from .serialise import dumps

COLUMNS = ("path", "type", "text", "entity", "value", "start", "end", "page")


class CsvRenderer:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")

    def begin(self) -> None:
        self.writer.writerow(COLUMNS)

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentError):
            return
        rows = [
            (
                outcome.path,
                entity.type,
                mention.text,
                entity.text,
                "" if entity.value is None else dumps(entity.value),
                mention.start,
                mention.end,
                "" if mention.page is None else mention.page,  # PDF only
            )
            for entity in outcome.entities
            for mention in entity.mentions
        ]
        rows.sort(key=lambda row: (row[5], row[6], row[1]))
        self.writer.writerows(rows)
        self.stream.flush()

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        pass
