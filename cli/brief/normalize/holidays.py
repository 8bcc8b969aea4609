"""Named days ("Easter", "Diwali", "Thanksgiving") and their dates in any year.

`models/holidays.json` says where each name's date comes from: for most, a calendar of the
maintained `holidays` package (which computes moveable and lunar days); for a few the package
does not list, a fixed month-day, or a count of days from another named day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    from ..pipeline.config import read_json

    return read_json("holidays.json")


def holiday_names() -> list[str]:
    table = _table()
    return sorted({*table["names"], *table["fixed"], *table["after"]})


@lru_cache(maxsize=256)
def _calendar_days(
    calendar: str, year: int, options: tuple[tuple[str, Any], ...]
) -> dict[str, dt.date]:
    """The first day of each holiday in one calendar and year, by name ("(estimated)" dropped,
    days "observed" in lieu left out). A holiday of several days starts where its run of days
    starts, so Hanukkah of 2025 is the one beginning in December, not the tail of 2024's."""
    import holidays

    settings = dict(options)
    if "categories" in settings:
        settings["categories"] = tuple(settings["categories"])
    days: dict[str, set[dt.date]] = {}
    listed = holidays.country_holidays(calendar, years=[year - 1, year], **settings)
    for date, names in listed.items():
        for name in names.split("; "):
            if "observed" not in name:
                days.setdefault(name.replace(" (estimated)", ""), set()).add(date)
    first: dict[str, dt.date] = {}
    for name, dates in days.items():
        starts = sorted(
            d for d in dates if d.year == year and d - dt.timedelta(days=1) not in dates
        )
        if starts:
            first[name] = starts[0]
    return first


@lru_cache(maxsize=4096)
def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named day in `year`, or None when the name is not a known day."""
    table = _table()
    if not 1 <= year <= 9999:
        return None
    if name in table["fixed"]:
        month, day = map(int, table["fixed"][name].split("-"))
        return dt.date(year, month, day)
    if name in table["after"]:
        base, days = table["after"][name]
        start = holiday_date(base, year)
        return start + dt.timedelta(days=days) if start else None
    spec = table["names"].get(name)
    if spec is None:
        return None
    options = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                           for k, v in spec.items() if k in ("categories", "language", "subdiv")))  # fmt: skip
    try:
        return _calendar_days(spec["calendar"], year, options).get(spec["holiday"])
    except (NotImplementedError, KeyError, ValueError):
        return None
