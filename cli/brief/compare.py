"""Comparing two extraction results (a baseline and a new run, or two saved outputs).

Compared is what users care about: per document, entities by type and canonical text, their
values and mention counts (offsets only when asked). brief's own version is ignored; a different
model is reported as a warning. Documents are matched by their path relative to the folder all
of a result's documents share, so a corpus copied elsewhere compares cleanly with its baseline.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from .results import SCHEMA_VERSION, Document, Entity, Result


class BaselineError(Exception):
    """A baseline that is missing or not a brief JSON result: a usage error (exit 2)."""


@dataclass
class EntityChange:
    type: str
    text: str
    old: Any = None
    new: Any = None
    new_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"type": self.type, "text": self.text, "old": self.old, "new": self.new}
        if self.new_text is not None:
            data["new_text"] = self.new_text
        return data


@dataclass
class DocumentChanges:
    path: str
    added: list[EntityChange] = field(default_factory=list)
    removed: list[EntityChange] = field(default_factory=list)
    values: list[EntityChange] = field(default_factory=list)
    counts: list[EntityChange] = field(default_factory=list)
    offsets: list[EntityChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.values, self.counts, self.offsets))

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "entities_added": [c.to_dict() for c in self.added],
            "entities_removed": [c.to_dict() for c in self.removed],
            "values_changed": [c.to_dict() for c in self.values],
            "counts_changed": [c.to_dict() for c in self.counts],
            "offsets_changed": [c.to_dict() for c in self.offsets],
        }


@dataclass
class Report:
    documents: list[DocumentChanges] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    documents_missing: list[str] = field(default_factory=list)
    errors_added: list[str] = field(default_factory=list)
    errors_resolved: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.documents or self.documents_added or self.documents_missing or self.errors_added
            or self.errors_resolved
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "documents": [d.to_dict() for d in self.documents],
            "documents_added": self.documents_added,
            "documents_missing": self.documents_missing,
            "errors_added": self.errors_added,
            "errors_resolved": self.errors_resolved,
            "warnings": self.warnings,
        }


def load_result(path: str) -> Result:
    """Read a saved `--format json` or `--format jsonl` result, or raise BaselineError with a
    one-line reason."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise BaselineError(f"{path}: not a regular file")  # a FIFO would hang the read
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":
                raise
            data = _from_json_lines(text)
        if isinstance(data, dict) and "schema_version" not in data and "path" in data:
            data = _from_json_lines(text)  # JSON Lines of one document
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a brief result (nested too deeply)") from None
    import jsonschema

    from .results import READABLE_SCHEMA_VERSIONS
    from .schema import extract_schema

    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise BaselineError(
            f"{path}: written by a newer brief (schema_version {version}); upgrade brief to read it"
        )
    if version in READABLE_SCHEMA_VERSIONS:
        # Earlier contracts are subsets of this one: an old baseline still compares.
        data = {**data, "schema_version": SCHEMA_VERSION}
    try:
        jsonschema.validate(data, extract_schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise BaselineError(f"{path}: not a brief result ({where}: {exc.message})") from None
    try:
        result = Result.from_dict(data)
    except (KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a brief result ({exc})") from None
    seen: set[str] = set()
    for document in [*result.documents, *result.errors]:
        if document.path in seen:
            raise BaselineError(f"{path}: lists {document.path} twice")
        seen.add(document.path)
    return result


def _from_json_lines(text: str) -> dict[str, Any]:
    """A `--format jsonl` stream as the `--format json` result it stands for: its lines are the
    documents and the errors; the model and brief version are not in it."""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    if not all(isinstance(r, dict) for r in records):
        raise json.JSONDecodeError("Extra data", text, 0)
    return {
        "schema_version": SCHEMA_VERSION,
        "brief_version": "",
        "date_scheme": None,
        "model": {"name": "", "version": ""},
        "documents": [r for r in records if "error" not in r],
        "errors": [r for r in records if "error" in r],
    }


def _relative_paths(paths: list[str]) -> dict[str, str]:
    """Each path relative to the folder that all of them share."""
    if not paths:
        return {}
    parents = [os.path.dirname(p) for p in paths]
    try:
        common = os.path.commonpath(parents) if all(parents) else ""
    except ValueError:
        common = ""
    return {p: os.path.relpath(p, common) if common else p for p in paths}


def _entity_key(entity: Entity) -> tuple[str, str]:
    return entity.type, " ".join(entity.text.split()).casefold()


def compare_results(old: Result, new: Result, offsets: bool = False) -> Report:
    report = Report()
    known = old.model.name and new.model.name  # JSON Lines name neither model nor scheme
    if known and (old.model.name, old.model.version) != (new.model.name, new.model.version):
        report.warnings.append(
            f"model differs from the baseline's: {old.model.name} {old.model.version} "
            f"-> {new.model.name} {new.model.version}"
        )
    if known and old.date_scheme is not None and old.date_scheme != new.date_scheme:
        report.warnings.append(
            f"date scheme differs from the baseline's: {old.date_scheme} -> "
            f"{new.date_scheme or 'none (--no-rules)'} "
            "(pass --date-scheme to match it)"
        )
    old_names = _relative_paths([d.path for d in old.documents] + [e.path for e in old.errors])
    new_names = _relative_paths([d.path for d in new.documents] + [e.path for e in new.errors])
    old_docs = {old_names[d.path]: d for d in old.documents}
    new_docs = {new_names[d.path]: d for d in new.documents}
    old_errors = {old_names[e.path] for e in old.errors}
    new_errors = {new_names[e.path] for e in new.errors}
    report.documents_added = sorted(set(new_docs) - set(old_docs) - old_errors)
    report.documents_missing = sorted(set(old_docs) - set(new_docs) - new_errors)
    report.errors_added = sorted(new_errors - old_errors)
    report.errors_resolved = sorted(old_errors - new_errors)
    for name in sorted(set(old_docs) & set(new_docs)):
        changes = compare_documents(name, old_docs[name], new_docs[name], offsets)
        if changes:
            report.documents.append(changes)
    return report


def compare_documents(name: str, old: Document, new: Document, offsets: bool) -> DocumentChanges:
    changes = DocumentChanges(name)
    before = {_entity_key(e): e for e in old.entities}
    after = {_entity_key(e): e for e in new.entities}
    removed = [before[k] for k in before if k not in after]
    added = [after[k] for k in after if k not in before]
    # A date or amount whose wording changed ("$18 billion" -> "$20 billion") is one entity
    # with a new value, not a removal and an addition: pair them by where they start.
    for gone in list(removed):
        if gone.type not in ("date", "money"):
            continue
        same_type = [e for e in added if e.type == gone.type]
        partner = next((e for e in same_type if e.first_start == gone.first_start), None)
        if (
            partner is None
            and len(same_type) == 1
            and sum(e.type == gone.type for e in removed) == 1
        ):
            partner = same_type[0]
        if partner is not None:
            removed.remove(gone)
            added.remove(partner)
            changes.values.append(
                EntityChange(gone.type, gone.text, gone.value, partner.value, partner.text)
            )
    changes.removed = [EntityChange(e.type, e.text, old=e.count) for e in removed]
    changes.added = [EntityChange(e.type, e.text, new=e.count) for e in added]
    for key in before.keys() & after.keys():
        was, now = before[key], after[key]
        if was.value != now.value:
            changes.values.append(EntityChange(was.type, was.text, was.value, now.value))
        if was.count != now.count:
            changes.counts.append(EntityChange(was.type, was.text, was.count, now.count))
        elif offsets and [m.to_dict() for m in was.mentions] != [m.to_dict() for m in now.mentions]:
            changes.offsets.append(
                EntityChange(
                    was.type, was.text,
                    [[m.start, m.end] for m in was.mentions],
                    [[m.start, m.end] for m in now.mentions],
                )
            )  # fmt: skip
    for bucket in (changes.added, changes.removed, changes.values, changes.counts, changes.offsets):
        bucket.sort(key=lambda c: (c.type, c.text))
    return changes


def format_report(report: Report) -> str:
    """The readable form of a report: one line per change, grouped by document."""
    from .render.text import describe_value

    lines: list[str] = []
    for path in report.documents_added:
        lines.append(f"+ {path}: document added")
    for path in report.documents_missing:
        lines.append(f"- {path}: document missing")
    for path in report.errors_added:
        lines.append(f"! {path}: now fails to extract")
    for path in report.errors_resolved:
        lines.append(f"+ {path}: extracts again")
    for doc in report.documents:
        lines.append(f"{doc.path}:")
        for c in doc.removed:
            lines.append(f"  - {c.type} {c.text!r} removed ({c.old} mention{'s' * (c.old != 1)})")
        for c in doc.added:
            lines.append(f"  + {c.type} {c.text!r} added ({c.new} mention{'s' * (c.new != 1)})")
        for c in doc.values:
            renamed = f" -> {c.new_text!r}" if c.new_text and c.new_text != c.text else ""
            old_value = describe_value(c.type, c.old) or "null"
            new_value = describe_value(c.type, c.new) or "null"
            lines.append(f"  ~ {c.type} {c.text!r}{renamed} value {old_value} -> {new_value}")
        for c in doc.counts:
            lines.append(f"  # {c.type} {c.text!r} mentions {c.old} -> {c.new}")
        for c in doc.offsets:
            lines.append(f"  @ {c.type} {c.text!r} offsets {c.old} -> {c.new}")
    return "\n".join(lines)
