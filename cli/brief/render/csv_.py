"""`--format csv`: one row per mention, for spreadsheets.

`value` holds the normalised value as compact JSON (kept for compatibility); the typed columns
after it spell the value out so a spreadsheet can sort and filter by it: `iso`, `date_start`,
`date_end` and `grain` for dates (`date_` because `start` and `end` are the mention's
offsets), `amount`, `min`, `max` and `currency` for money, `country` for places. Each is empty
where it does not apply. `page` is a PDF mention's page. Failed inputs are reported on stderr
(and in JSON/JSONL), not as rows."""

from __future__ import annotations

import csv
import io
from typing import IO, Any

from ..interrupts import write_whole
from ..results import DocumentError, Outcome
from .serialise import dumps

COLUMNS = ("path", "type", "text", "entity", "value", "start", "end", "page",
           "iso", "date_start", "date_end", "grain", "amount", "min", "max", "currency",
           "country")  # fmt: skip
# Typed columns and the value's key each one holds.
_TYPED = (("iso", "iso"), ("date_start", "start"), ("date_end", "end"), ("grain", "grain"),
          ("amount", "amount"), ("min", "min"), ("max", "max"), ("currency", "currency"),
          ("country", "country"))  # fmt: skip


def typed_cells(value: Any) -> list[Any]:
    if not isinstance(value, dict):
        return [""] * len(_TYPED)
    return ["" if value.get(key) is None else value[key] for _, key in _TYPED]


class CsvRenderer:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def begin(self) -> None:
        write_whole(self.stream, _csv_text([COLUMNS]))

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
                *typed_cells(entity.value),
            )
            for entity in outcome.entities
            for mention in entity.mentions
        ]
        rows.sort(key=lambda row: (row[5], row[6], row[1]))
        write_whole(self.stream, _csv_text(rows))  # a document's rows, whole

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        pass


def _csv_text(rows: Any) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()
