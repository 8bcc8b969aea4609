"""Pure normalisation functions: text in, JSON-ready value out. No spaCy, no I/O beyond the
read-only data files in `models/`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .dates import parse_date
from .money import parse_money
from .places import parse_place

__all__ = ["normalise_value", "parse_date", "parse_money", "parse_place"]


def normalise_value(
    kind: str,
    text: str,
    reference: str | None = None,
    *,
    day_first: bool = False,
    future: bool = False,
    past: bool = False,
) -> Any:
    """The normalised value of one mention of type `kind`; None when it has none."""
    if kind == "date":
        return parse_date(text, reference, day_first=day_first, future=future, past=past)
    return _cached(kind, text)


@lru_cache(maxsize=65536)
def _cached(kind: str, text: str) -> Any:
    if kind == "money":
        return parse_money(text)
    if kind == "place":
        return parse_place(text)
    return None
