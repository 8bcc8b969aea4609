"""Loading brief's spaCy pipeline: the statistical model's NER plus brief's rule layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import load_config
from .model import ModelError, load_statistical_model, model_info, resolve_model_name

__all__ = [
    "ModelError",
    "RawMention",
    "build_pipeline",
    "label_map",
    "model_info",
    "raw_mentions",
    "resolve_model_name",
]


@dataclass(frozen=True)
class RawMention:
    """An entity span as the pipeline found it, before canonicalisation."""

    type: str
    start: int
    end: int
    text: str
    acronym_of: str | None = None


def label_map() -> dict[str, str]:
    return dict(load_config()["labels"])


def build_pipeline(model_name: str, rules: bool = True, full: bool = False) -> Any:
    """The model's NER components (or the `full` pipeline) with brief's rule layer after them."""
    nlp = load_statistical_model(model_name, full=full)
    if rules:
        from .components import add_brief_components

        add_brief_components(nlp)
    return nlp


def raw_mentions(
    doc: Any, offset: int = 0, labels: dict[str, str] | None = None
) -> list[RawMention]:
    """brief-typed mentions of a spaCy Doc; `offset` shifts them into the whole document."""
    mapping = labels if labels is not None else label_map()
    found = []
    for ent in doc.ents:
        kind = mapping.get(ent.label_)
        if kind is None:
            continue
        acronym_of = ent._.acronym_of if ent.has_extension("acronym_of") else None
        found.append(
            RawMention(kind, ent.start_char + offset, ent.end_char + offset, ent.text, acronym_of)
        )
    return found
