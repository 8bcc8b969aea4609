"""brief's data model: every output format renders from these dataclasses.

JSON is their plain serialisation (`to_dict`), with sorted keys, so the same input and model
always give byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 3
# Versions whose results this brief still reads as baselines (v2 added the date grain
# "reference"; v3 the document's format and title, a mention's PDF page and the optional
# text: an older result is a valid newer one).
READABLE_SCHEMA_VERSIONS = (1, 2, 3)

ENTITY_TYPES: tuple[str, ...] = ("date", "money", "person", "place", "organization")


@dataclass(frozen=True, order=True)
class Mention:
    """One occurrence in the text: `document_text[start:end] == text`."""

    start: int
    end: int
    text: str
    page: int | None = None  # PDF: the page the mention is on, from 1
    # `--context N`: the mention with N characters of text either side.
    context: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.page is not None:
            data["page"] = self.page
        if self.context is not None:
            data["context"] = self.context
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(data["start"], data["end"], data["text"], data.get("page"), data.get("context"))


@dataclass
class Entity:
    """One real-world thing in one document, with every mention of it."""

    type: str
    text: str
    value: Any = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first_start(self) -> int:
        return self.mentions[0].start if self.mentions else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "text": self.text,
            "value": self.value,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            type=data["type"],
            text=data["text"],
            value=data.get("value"),
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
            aliases=list(data.get("aliases", [])),
        )


@dataclass
class Document:
    """An extracted input file (or stdin)."""

    path: str
    published: str | None = None
    reference_date: str | None = None
    encoding: str = "utf-8"
    entities: list[Entity] = field(default_factory=list)
    format: str = "text"
    title: str | None = None
    # The text extracted from (`--include-text`): every offset indexes it.
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "published": self.published,
            "reference_date": self.reference_date,
            "encoding": self.encoding,
            "entities": [e.to_dict() for e in self.entities],
        }
        if self.title is not None:
            data["title"] = self.title
        if self.text is not None:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            path=data["path"],
            published=data.get("published"),
            reference_date=data.get("reference_date"),
            encoding=data.get("encoding", "utf-8"),
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            format=data.get("format", "text"),
            title=data.get("title"),
            text=data.get("text"),
        )


@dataclass(frozen=True)
class DocumentError:
    """An input that could not be extracted, and why (one line)."""

    path: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "error": self.error}


Outcome = Document | DocumentError


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version}


@dataclass
class Result:
    """A whole run: what `--format json` prints and what `brief check` compares."""

    brief_version: str
    model: ModelInfo
    documents: list[Document] = field(default_factory=list)
    # What counted as a date (`--date-scheme`); None without the rule layer or in a v1 result.
    date_scheme: str | None = None
    errors: list[DocumentError] = field(default_factory=list)
    summary: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "brief_version": self.brief_version,
            "date_scheme": self.date_scheme,
            "model": self.model.to_dict(),
            "documents": [d.to_dict() for d in self.documents],
            "errors": [e.to_dict() for e in self.errors],
        }
        if self.summary is not None:
            data["summary"] = self.summary
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        model = data.get("model") or {}
        return cls(
            brief_version=data.get("brief_version", ""),
            model=ModelInfo(model.get("name", ""), model.get("version", "")),
            documents=[Document.from_dict(d) for d in data.get("documents", [])],
            errors=[DocumentError(e["path"], e["error"]) for e in data.get("errors", [])],
            summary=data.get("summary"),
            date_scheme=data.get("date_scheme"),
        )


def summary_key(entity: Entity) -> tuple[str, str]:
    """What makes entities of several documents one row across them: a date or an amount by
    its value (`"=" + JSON`), anything else by its text, case and spacing aside."""
    import json

    if entity.type in ("date", "money") and entity.value is not None:
        return entity.type, "=" + json.dumps(entity.value, sort_keys=True)
    return entity.type, " ".join(entity.text.split()).casefold()


class SummaryBuilder:
    """Entities across documents, grouped by type and canonical value (or text), with their
    mention counts and the number of documents they appear in. Built incrementally, so a
    streamed run never holds its documents to summarise them."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, document: Document) -> None:
        for entity in document.entities:
            key = summary_key(entity)
            row = self._rows.setdefault(
                key,
                {
                    "type": entity.type,
                    "text": entity.text,
                    "value": entity.value,
                    "mentions": 0,
                    "documents": 0,
                },
            )
            row["mentions"] += entity.count
            row["documents"] += 1

    def rows(self) -> list[dict[str, Any]]:
        return sorted(
            self._rows.values(),
            key=lambda r: (
                ENTITY_TYPES.index(r["type"]),
                -r["documents"],
                -r["mentions"],
                r["text"],
            ),
        )


def top_rows(rows: list[dict[str, Any]], per_type: int) -> list[dict[str, Any]]:
    """The first `per_type` summary rows of each type (rows come most frequent first)."""
    taken: dict[str, int] = {}
    kept = []
    for row in rows:
        if taken.get(row["type"], 0) < per_type:
            taken[row["type"]] = taken.get(row["type"], 0) + 1
            kept.append(row)
    return kept
