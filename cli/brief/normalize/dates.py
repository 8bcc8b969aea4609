"""Dates: `parse_date("27 March 2024")` -> {"iso": "2024-03-27", "grain": "day"}.

The value of a date phrase is composed by brief's date grammar (`models/grammar/dates.rules`,
its meanings in `date_meanings.py`). `iso` is ISO 8601 where it has a form (2024-03-27,
2024-03, 2024, 2024-W13) and the TIMEX3 form where it has none (2024-Q3, 2024-H1, 2024-SU,
199X, 19XX, PRESENT_REF). Ranges are {"start", "end", "grain"}. Relative expressions need a
reference date (the document's published date); without one they are None, never resolved
against today. dateparser reads what no rule does (the model's spans in forms the grammar
lacks), and only text that names a month or a four-digit year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..grammar import Reading
from .calendar import (
    INVALID,
    Context,
    LazyWords,
    Value,
    day_value,
    lexicon,
    month_value,
    week_value,
    year_for,
    year_value,
)
from .date_meanings import (
    NO_READING,
    clean,
    context,
    date_anchors,
    date_grammar,
    date_macros,
    meaning_of,
    read_cached,
)

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "date_anchors",
    "date_grammar",
    "date_macros",
    "parse_date",
    "valid_reading",
]

# What components outside the grammar need: month and weekday words.
MONTHS = LazyWords("months")
WEEKDAYS = LazyWords("weekdays")
_VALIDATION_REFERENCE = Context(ref=dt.date(2000, 6, 15))
_FILLER_END = re.compile(r"(?:\s*['’]s|\s*['’]|[\s,.;:]+)$")


def parse_date(
    text: str,
    reference: dt.date | str | None = None,
    *,
    day_first: bool = False,
    future: bool = False,
    past: bool = False,
) -> Value:
    """The calendar value of a date phrase, or None when it has no definite one."""
    cleaned = clean(text)
    ctx = context(reference, day_first, future, past)
    value = read_cached(cleaned, ctx)
    if value is NO_READING:
        return _dateparser_fallback(_FILLER_END.sub("", cleaned), ctx.ref) if cleaned else None
    return None if value is INVALID else value


def valid_reading(parsed: Reading) -> bool:
    """Can this reading be a date at all (checked against a fixed reference)?"""
    return _valid(parsed.meaning, parsed.text, tuple(parsed.parts.items()))


@lru_cache(maxsize=65536)
def _valid(meaning: str, text: str, parts: tuple[tuple[str, str | None], ...]) -> bool:
    # Remembered: the finder asks this of every candidate, and texts repeat their dates.
    if not _cased_as_date(text):
        return False
    reading = Reading("", meaning, dict(parts), text)
    return meaning_of(reading, _VALIDATION_REFERENCE) is not INVALID


@lru_cache(maxsize=1)
def _needing_capital() -> re.Pattern[str]:
    words = lexicon()
    needing = [*words["months_needing_capital"], *words["seasons_needing_capital"]]
    needing += [w for w in words["weekdays"] if len(w) <= 4]  # "sun", "sat", "wed"
    return re.compile(
        r"\b(?:" + "|".join(sorted(needing, key=len, reverse=True)) + r")\b", re.IGNORECASE
    )


_SEASON_MARKERS = {"the", "this", "last", "next", "past", "coming", "of", "early", "late", "mid"}


def _cased_as_date(text: str) -> bool:
    """A month, weekday or season that is also a common word ("may", "march", "sun", "fall")
    is a date only written with a capital, or after a word that makes it one ("the fall",
    "last spring")."""
    for match in _needing_capital().finditer(text):
        word = match.group()
        if word[:1].isupper():
            continue
        before = text[: match.start()].split()
        season = word.lower() in lexicon()["seasons_needing_capital"]
        if season and before and before[-1].lower() in _SEASON_MARKERS:
            continue
        return False
    return True


_MONTH_WORD = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": True,
            "STRICT_PARSING": False,
            "PARSERS": ["absolute-time"],
        },
    )


def _dateparser_fallback(text: str, ref: dt.date | None) -> Value:
    """dateparser for absolute dates the rules do not cover; only text naming a month or with a
    4-digit year is given to it, so it cannot turn bare numbers into dates."""
    has_month = _MONTH_WORD.search(text) is not None
    if not has_month and not re.search(r"\b[0-9]{4}\b", text):
        return None
    if not has_month and re.fullmatch(r"[\d\s,./-]+", text):
        return None
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    date, period = data.date_obj.date(), data.period
    year_given = re.search(r"\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b|'[0-9]{2}\b", text) is not None
    if not year_given:
        if ref is None:
            return None
        try:
            date = date.replace(year=year_for(ref, date.month))
        except ValueError:  # 29 February in a year without one
            return None
    if period == "year":
        return year_value(date.year)
    if period == "month":
        return month_value(date.year, date.month)
    if period == "week":
        return week_value(date)
    return day_value(date)
