"""The JSON Schema (draft 2020-12) of `brief extract --format json`, versioned with
`schema_version`. A JSON Lines line is one `document` (or one `error`)."""

from __future__ import annotations

from typing import Any

from .formats import FORMATS
from .results import ENTITY_TYPES, SCHEMA_VERSION

_NULLABLE_STRING = {"type": ["string", "null"]}
_ISO_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NUMBER = {"type": "number"}


def extract_schema() -> dict[str, Any]:
    date_value = {
        "oneOf": [
            {
                "type": "object",
                "required": ["iso", "grain"],
                "properties": {
                    "iso": {"type": "string"},
                    "grain": {"$ref": "#/$defs/grain"},
                    "mod": {"enum": ["early", "mid", "late"]},
                },
                "additionalProperties": False,
            },
            {
                "type": "object",
                "required": ["start", "end", "grain"],
                "properties": {
                    "start": {"type": "string"},
                    "end": {"type": "string"},
                    "grain": {"$ref": "#/$defs/grain"},
                },
                "additionalProperties": False,
            },
        ]
    }
    money_value = {
        "type": "object",
        "required": ["currency"],
        "properties": {
            "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
            "amount": {"type": ["number", "null"]},
            "min": _NUMBER,
            "max": _NUMBER,
            "approximate": {"type": "boolean"},
        },
        "additionalProperties": False,
        "anyOf": [{"required": ["amount"]}, {"required": ["min"]}, {"required": ["max"]}],
    }
    place_value = {
        "type": "object",
        "required": ["country"],
        "properties": {"country": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        "additionalProperties": False,
    }
    entity = {
        "type": "object",
        "required": ["type", "text", "value", "count", "aliases", "mentions"],
        "properties": {
            "type": {"enum": list(ENTITY_TYPES)},
            "text": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "mentions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/mention"}},
            "value": {},
        },
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"type": {"const": "date"}}},
                "then": {"properties": {"value": {"anyOf": [{"type": "null"}, date_value]}}},
            },
            {
                "if": {"properties": {"type": {"const": "money"}}},
                "then": {"properties": {"value": {"anyOf": [{"type": "null"}, money_value]}}},
            },
            {
                "if": {"properties": {"type": {"const": "place"}}},
                "then": {"properties": {"value": {"anyOf": [{"type": "null"}, place_value]}}},
            },
            {
                "if": {"properties": {"type": {"enum": ["person", "organization"]}}},
                "then": {"properties": {"value": {"type": "null"}}},
            },
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://brief.dev/schema/extract-v{SCHEMA_VERSION}.json",
        "title": "brief extract output",
        "type": "object",
        "required": ["schema_version", "brief_version", "model", "documents", "errors"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "brief_version": {"type": "string"},
            "date_scheme": {
                "type": ["string", "null"],
                "description": "What counted as a date (--date-scheme); null without the rule layer.",
            },
            "model": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": {"type": "string"}, "version": {"type": "string"}},
                "additionalProperties": False,
            },
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
            "errors": {"type": "array", "items": {"$ref": "#/$defs/error"}},
            "summary": {"type": "array", "items": {"$ref": "#/$defs/summary_row"}},
        },
        "additionalProperties": False,
        "$defs": {
            "grain": {
                "enum": [
                    "day",
                    "week",
                    "month",
                    "season",
                    "quarter",
                    "half",
                    "year",
                    "decade",
                    "century",
                    "reference",
                ]
            },
            "mention": {
                "type": "object",
                "required": ["start", "end", "text"],
                "properties": {
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "text": {"type": "string", "minLength": 1},
                    "page": {"type": "integer", "minimum": 1, "description": "PDF only"},
                    "context": {
                        "type": "string",
                        "description": "The mention with --context N characters either side.",
                    },
                },
                "additionalProperties": False,
            },
            "entity": entity,
            "document": {
                "type": "object",
                "required": ["path", "published", "reference_date", "encoding", "entities"],
                "properties": {
                    "path": {"type": "string"},
                    "published": {"anyOf": [{"type": "null"}, _ISO_DAY]},
                    "reference_date": {"anyOf": [{"type": "null"}, _ISO_DAY]},
                    "encoding": {"type": "string"},
                    "format": {"enum": list(FORMATS)},
                    "title": {"type": "string"},
                    "text": {
                        "type": "string",
                        "description": "The text extracted from (--include-text).",
                    },
                    "entities": {"type": "array", "items": {"$ref": "#/$defs/entity"}},
                },
                "additionalProperties": False,
            },
            "error": {
                "type": "object",
                "required": ["path", "error"],
                "properties": {"path": {"type": "string"}, "error": {"type": "string"}},
                "additionalProperties": False,
            },
            "summary_row": {
                "type": "object",
                "required": ["type", "text", "value", "mentions", "documents"],
                "properties": {
                    "type": {"enum": list(ENTITY_TYPES)},
                    "text": {"type": "string"},
                    "value": {},
                    "mentions": {"type": "integer", "minimum": 1},
                    "documents": {"type": "integer", "minimum": 1},
                },
                "additionalProperties": False,
            },
        },
    }


def jsonl_line_schema() -> dict[str, Any]:
    """One line of `--format jsonl`: a document, or an error record."""
    full = extract_schema()
    return {
        "$schema": full["$schema"],
        "$defs": full["$defs"],
        "oneOf": [{"$ref": "#/$defs/document"}, {"$ref": "#/$defs/error"}],
    }
