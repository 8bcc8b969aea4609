"""Values the shell completes for brief's options (`brief --install-completion`): the installed
spaCy pipelines, the date schemes, the entity types. Each is cheap: no model is loaded."""

from __future__ import annotations


def installed_models(incomplete: str) -> list[str]:
    """spaCy pipeline packages announce themselves as `spacy_models` entry points."""
    from importlib.metadata import entry_points

    names = sorted({entry.name for entry in entry_points(group="spacy_models")})
    return [name for name in names if name.startswith(incomplete)]


def date_schemes(incomplete: str) -> list[str]:
    from .pipeline import date_schemes as schemes

    return [name for name in schemes() if name.startswith(incomplete)]


def input_formats(incomplete: str) -> list[str]:
    from .formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


def entity_types(incomplete: str) -> list[str]:
    """Types, also after a comma: `person,pl` completes to `person,place`."""
    from .results import ENTITY_TYPES

    done, comma, last = incomplete.rpartition(",")
    chosen = set(done.split(",")) if comma else set()
    return [
        f"{done}{comma}{name}"
        for name in ENTITY_TYPES
        if name.startswith(last) and name not in chosen
    ]
