"""The calendar arithmetic and words behind brief's date values: value shapes, units, counts,
ordinals, years written in full or short, and the window in which a date written without a
year falls. Pure functions; the words come from `models/grammar/dates.json`."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

Value = dict[str, Any] | None
INVALID: Any = object()  # a reading that cannot be a date: the finder tries a shorter one

GRAIN_ORDER = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day"]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    from ..pipeline.config import read_json

    return read_json("grammar/dates.json")


def months() -> dict[str, int]:
    return lexicon()["months"]


def weekdays() -> dict[str, int]:
    return lexicon()["weekdays"]


class LazyWords(dict):
    def __init__(self, key: str) -> None:
        super().__init__()
        self._key = key

    def _load(self) -> None:
        if not super().__len__():
            self.update(lexicon()[self._key])

    def __contains__(self, word: object) -> bool:
        self._load()
        return super().__contains__(word)

    def __getitem__(self, word: str) -> int:
        self._load()
        return super().__getitem__(word)


# TimeML's values for the present, past and future as such: "now" is not a calendar date.
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "today": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF", "past": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "in the past": "PAST_REF",
    "future": "FUTURE_REF", "the future": "FUTURE_REF", "near future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "foreseeable future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "distant future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "soon": "FUTURE_REF",
}  # fmt: skip

UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEEN_WORDS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen"]  # fmt: skip
TEN_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
BELOW_HUNDRED = (
    rf"(?:(?:{'|'.join(TEN_WORDS)})(?:[ \t-]+(?:{'|'.join(UNIT_WORDS)}))?"
    rf"|{'|'.join(TEEN_WORDS)}|oh[ \t-]+(?:{'|'.join(UNIT_WORDS)}))"
)
# Years as transcripts spell them: "nineteen ninety-six", "two thousand and one".
SPOKEN_YEAR = (
    rf"(?:(?:sixteen|seventeen|eighteen|nineteen|twenty)[ \t-]+(?:hundred|{BELOW_HUNDRED})"
    rf"|two thousand(?:[ \t-]+(?:and[ \t-]+)?(?:{BELOW_HUNDRED}|{'|'.join(UNIT_WORDS)}))?)"
)


@dataclass(frozen=True)
class Context:
    """What a value depends on besides the expression: the reference date, how to read
    4/7/2021, and whether the sentence speaks of the future ("will meet on Friday") or, by a
    verb in the past, of the past ("resigned in March")."""

    ref: dt.date | None = None
    day_first: bool = False
    future: bool = False
    past: bool = False


# ---- small calendar helpers -------------------------------------------------------------------


def day_value(date: dt.date) -> dict[str, Any]:
    return {"grain": "day", "iso": date.isoformat()}


def _calendar_year(year: int) -> int:
    """A year the calendar has (1 to 9999): "next year" in 9999 has no value."""
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of range")
    return year


def month_value(year: int, month: int) -> dict[str, Any]:
    return {"grain": "month", "iso": f"{_calendar_year(year):04d}-{month:02d}"}


def year_value(year: int) -> dict[str, Any]:
    return {"grain": "year", "iso": f"{_calendar_year(year):04d}"}


def week_value(date: dt.date) -> dict[str, Any]:
    year, week, _ = date.isocalendar()
    return {"grain": "week", "iso": f"{year:04d}-W{week:02d}"}


def quarter_value(year: int, quarter: int) -> dict[str, Any]:
    return {"grain": "quarter", "iso": f"{_calendar_year(year):04d}-Q{quarter}"}


def range_value(start: dt.date, end: dt.date, grain: str = "day") -> dict[str, Any]:
    return {"end": end.isoformat(), "grain": grain, "start": start.isoformat()}


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def add(date: dt.date, unit: str, n: int) -> dt.date:
    """`date` moved by `n` units, clamping the day to the month's length."""
    if unit == "day":
        return date + dt.timedelta(days=n)
    if unit == "week":
        return date + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return date + dt.timedelta(weeks=2 * n)
    months_per = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    year, month = add_months(date.year, date.month, n * months_per)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def shift(ref: dt.date, unit: str, n: int) -> dict[str, Any]:
    """The calendar unit `n` units from the reference's: last week, next month, in 3 days."""
    if unit == "day":
        return day_value(ref + dt.timedelta(days=n))
    if unit == "week":
        return week_value(ref + dt.timedelta(weeks=n))
    if unit == "fortnight":
        return week_value(ref + dt.timedelta(weeks=2 * n))
    if unit == "month":
        return month_value(*add_months(ref.year, ref.month, n))
    if unit == "quarter":
        year, month = add_months(ref.year, ref.month, 3 * n)
        return quarter_value(year, (month - 1) // 3 + 1)
    if unit == "decade":
        return {"grain": "decade", "iso": f"{(ref.year + 10 * n) // 10:03d}X"}
    if unit == "century":
        return {"grain": "century", "iso": f"{(ref.year + 100 * n) // 100:02d}XX"}
    return year_value(ref.year + n)


def unit_of(word: str) -> str:
    return lexicon()["units"].get(word, word.rstrip("s"))


def count_of(word: str | None) -> int | None:
    """A count: "3", "three", "twenty-one", "a"; None for "a few", "several" and the like."""
    if word is None:
        return None
    word = " ".join(word.replace(",", "").split())
    if word.isdigit():
        return int(word)
    if re.fullmatch(r"[0-9]+\.[0-9]+", word):
        return None
    cardinals = lexicon()["cardinals"]
    if word in cardinals:
        return cardinals[word]
    total = 0
    for piece in re.split(r"[ \t-]+", word):
        if piece in UNIT_WORDS:
            total += UNIT_WORDS.index(piece) + 1
        elif piece in TEEN_WORDS:
            total += TEEN_WORDS.index(piece) + 10
        elif piece in TEN_WORDS:
            total += 10 * (TEN_WORDS.index(piece) + 2)
        elif piece == "hundred":
            total = max(total, 1) * 100
        elif piece not in ("a", "and"):
            return None
    return total or None


_SMALLER_UNIT = {"year": ("month", 12), "decade": ("year", 10), "century": ("year", 100),
                 "quarter": ("month", 3), "fortnight": ("day", 14), "week": ("day", 7)}  # fmt: skip


def amount_of(word: str | None, and_a_half: bool = False) -> Fraction | None:
    """A count that may hold a half: "2.5", "two and a half", "half a", or a count before
    "... and a half" (`a year and a half`)."""
    if word is None:
        return None
    word = " ".join(word.lower().split())
    if re.fullmatch(r"half an?", word):
        amount = Fraction(1, 2)
    elif re.fullmatch(r"[0-9]+\.[0-9]+", word):
        amount = Fraction(word)
    else:
        whole, half = (
            (word[: -len(" and a half")], True) if word.endswith(" and a half") else (word, False)
        )
        count = count_of(whole)
        if count is None:
            return None
        amount = count + Fraction(half, 2)
    return amount + Fraction(and_a_half, 2)


def whole_units(unit: str, amount: Fraction) -> tuple[str, int] | None:
    """An amount of a unit as a whole number of it, or of the next smaller calendar unit
    (two and a half years: 30 months); None when neither is whole (a month and a half)."""
    if amount.denominator == 1:
        return unit, int(amount)
    smaller = _SMALLER_UNIT.get(unit)
    if smaller is not None and (amount * smaller[1]).denominator == 1:
        return smaller[0], int(amount * smaller[1])
    return None


def ordinal_of(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.rstrip(".")
    if word in ("last", "final"):
        return -1
    digits = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th)?", word)
    if digits:
        return int(digits.group(1))
    return lexicon()["ordinals"].get(re.sub(r"[ \t]*-[ \t]*|[ \t]+", "-", word))


def month_of(word: str | None) -> int | None:
    return months().get(word.rstrip(".")) if word else None


def weekday_of(word: str | None) -> int | None:
    return weekdays().get(word.rstrip(".")) if word else None


def year_of(text: str | None, ctx: Context) -> int | None:
    """A year as written: 2024, '24, 24 (after Q4 or FY), or relative: next year, the year."""
    if text is None:
        return None
    text = text.replace("’", "'")
    if re.fullmatch(r"[0-9]{4}", text):
        return int(text)
    short = re.fullmatch(r"'?([0-9]{2})", text)
    if short:
        value = int(short.group(1))
        return 2000 + value if value < 50 else 1900 + value
    if ctx.ref is None:
        return None
    step = re.match(
        r"(last|this|next|the (?:current|coming|following|previous|past|same|prior)) year", text
    )
    if step:
        word = step.group(1).replace("the ", "")
        offset = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1,
                  "following": 1}.get(word, 0)  # fmt: skip
        return ctx.ref.year + offset
    if text == "the year":
        return ctx.ref.year
    return None


# A month or day written without a year lies within about seven months before the reference
# and four after (measured on TimeBank's news: "December" in an October article is the coming
# one, "Nov. 25" in a January article the last one, "Jan. 2" in a November article the next).
MONTHS_BACK, MONTHS_AHEAD = 7, 4


def year_for(ref: dt.date, month: int) -> int:
    """The year of a month or day written without one: the one that puts it nearest the
    reference, allowing for news looking back further than ahead."""
    ahead = month - ref.month
    if ahead > MONTHS_AHEAD:
        return ref.year - 1
    if ahead < -MONTHS_BACK:
        return ref.year + 1
    return ref.year


def relative_step(word: str | None) -> int:
    return lexicon()["relative"].get(word or "", 0)


def point_day(value: Value) -> dt.date | None:
    """The day a value names, when it names one day."""
    if (
        isinstance(value, dict)
        and value.get("grain") == "day"
        and "iso" in value
        and "mod" not in value
    ):
        return dt.date.fromisoformat(value["iso"])
    return None


def period_bounds(value: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a year, half, quarter or month value."""
    iso, grain = value["iso"], value["grain"]
    year = int(iso[:4]) if iso[:4].isdigit() else None
    if year is None:
        return None
    if grain == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if grain in ("quarter", "half", "month"):
        if grain == "month":
            first_month, months_long = int(iso[5:7]), 1
        elif grain == "quarter":
            first_month, months_long = 3 * int(iso[-1]) - 2, 3
        else:
            first_month, months_long = 6 * int(iso[-1]) - 5, 6
        last_month = first_month + months_long - 1
        return dt.date(year, first_month, 1), dt.date(
            year, last_month, calendar.monthrange(year, last_month)[1]
        )
    return None


def calendar_point(value: Any) -> bool:
    """A month or day value (which a range end written without a year may be moved in)."""
    return (
        isinstance(value, dict)
        and value.get("grain") in ("month", "day")
        and "iso" in value
        and "mod" not in value
    )


def on_calendar(point: dict[str, Any], ref: dt.date | None) -> dict[str, Any] | None:
    """A range's end as a calendar date: "now" ("between now and 2007") is the reference day;
    the past or future as such cannot bound a range."""
    if point.get("grain") != "reference":
        return point
    return day_value(ref) if point["iso"] == "PRESENT_REF" and ref is not None else None
