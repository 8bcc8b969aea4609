"""Places: a country or known city carries its ISO 3166 alpha-2 country code."""

from __future__ import annotations

from typing import Any

from ..gazetteer import lookup_place


def parse_place(text: str) -> dict[str, Any] | None:
    place = lookup_place(text)
    if place is None or not place.country:  # unknown, or a continent
        return None
    return {"country": place.country}
