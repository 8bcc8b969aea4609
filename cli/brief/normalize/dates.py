"""Dates: the meanings of brief's date grammar (`models/grammar/dates.rules`).

`parse_date("27 March 2024")` -> {"iso": "2024-03-27", "grain": "day"}. Each rule of the grammar
names a meaning here, a function that composes the value from the rule's parts; a range or an
offset composes the values of the dates inside it. `iso` is ISO 8601 where it has a form
(2024-03-27, 2024-03, 2024, 2024-W13) and the TIMEX3 form where it has none (2024-Q3, 2024-H1,
2024-SU, 199X, 19XX, PRESENT_REF). Ranges are {"start", "end", "grain"}. Relative expressions
need a reference date (the document's published date); without one they are None, never
resolved against today. dateparser reads what no rule does (the model's spans in forms the
grammar lacks), and only text that names a month or a four-digit year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..grammar import Reading, grammar, words_pattern

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


# What components outside the grammar need: month and weekday words.
class _LazyWords(dict):
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


MONTHS = _LazyWords("months")
WEEKDAYS = _LazyWords("weekdays")

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

_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEEN_WORDS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TEN_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_BELOW_HUNDRED = (
    rf"(?:(?:{'|'.join(_TEN_WORDS)})(?:[ \t-]+(?:{'|'.join(_UNIT_WORDS)}))?"
    rf"|{'|'.join(_TEEN_WORDS)}|oh[ \t-]+(?:{'|'.join(_UNIT_WORDS)}))"
)
# Years as transcripts spell them: "nineteen ninety-six", "two thousand and one".
_SPOKEN_YEAR = (
    rf"(?:(?:sixteen|seventeen|eighteen|nineteen|twenty)[ \t-]+(?:hundred|{_BELOW_HUNDRED})"
    rf"|two thousand(?:[ \t-]+(?:and[ \t-]+)?(?:{_BELOW_HUNDRED}|{'|'.join(_UNIT_WORDS)}))?)"
)


def date_macros() -> dict[str, str]:
    """The word lists the date rules name as {MACROS}, from `models/grammar/dates.json`."""
    words = lexicon()
    from .holidays import holiday_names

    def with_periods(names: list[str], full: set[str]) -> str:
        # An abbreviation may end with a full stop ("Jan.", "Tues."); a full name may not.
        forms = [
            re.escape(n) + ("" if n in full else r"\.?")
            for n in sorted(names, key=len, reverse=True)
        ]
        return "(?:" + "|".join(forms) + ")"

    full_months = {calendar.month_name[i].lower() for i in range(1, 13)}
    full_days = {calendar.day_name[i].lower() for i in range(7)}
    tens, units, teens = "|".join(_TEN_WORDS), "|".join(_UNIT_WORDS), "|".join(_TEEN_WORDS)
    number_words = rf"(?:(?:a|one) hundred|(?:{tens})(?:[ \t-]+(?:{units}))?|{teens}|{units})"
    return {
        "MONTH": with_periods(list(words["months"]), full_months),
        "WEEKDAY": with_periods(list(words["weekdays"]), full_days),
        "WEEKDAYNAME": words_pattern(full_days),
        "ORDINAL": "(?:"
        + words_pattern(words["ordinals"])
        + r"|(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th))",
        "NUMBERWORD": number_words,
        "CARDINAL": words_pattern(words["cardinals"]),
        "RELATIVE": words_pattern(words["relative"]),
        "SEASON": words_pattern(words["seasons"]),
        "APPROX": words_pattern(words["approximators"]),
        "HOLIDAY": words_pattern(holiday_names()),
        "SPOKENYEAR": _SPOKEN_YEAR,
        "REFERENCE": words_pattern(REFERENCES),
    }


def date_anchors() -> set[str]:
    """Words one of which every date expression holds (besides a digit): the finder searches
    only near them."""
    from .holidays import holiday_names

    words = lexicon()
    anchors = {*words["months"], *words["weekdays"], *words["seasons"], *words["units"]}
    anchors |= {"today", "tonight", "tomorrow", "yesterday", "weekend", "weekends", "qtr", "fy",
                "half", "h1", "h2", "q1", "q2", "q3", "q4",
                "now", "currently", "recently", "lately", "nowadays", "presently", "future",
                "eoy", "eoq", "eom", "eow", "eod", "ytd", "twenties", "thirties", "forties",
                "fifties", "sixties", "seventies", "eighties", "nineties", "nineteen"}  # fmt: skip
    for name in holiday_names():
        # A named day without a month, weekday or unit in its name ("Easter", "Diwali")
        # anchors by its longest word.
        name_words = re.findall(r"[a-z]+", name)
        if not anchors.intersection(name_words):
            anchors.add(max(name_words, key=len))
    return anchors


@dataclass(frozen=True)
class Context:
    """What a value depends on besides the expression: the reference date, how to read
    4/7/2021, and whether the sentence speaks of the future ("will meet on Friday")."""

    ref: dt.date | None = None
    day_first: bool = False
    future: bool = False


# ---- small calendar helpers -------------------------------------------------------------------


def _day(date: dt.date) -> dict[str, Any]:
    return {"grain": "day", "iso": date.isoformat()}


def _month(year: int, month: int) -> dict[str, Any]:
    return {"grain": "month", "iso": f"{year:04d}-{month:02d}"}


def _year(year: int) -> dict[str, Any]:
    return {"grain": "year", "iso": f"{year:04d}"}


def _week(date: dt.date) -> dict[str, Any]:
    year, week, _ = date.isocalendar()
    return {"grain": "week", "iso": f"{year:04d}-W{week:02d}"}


def _quarter(year: int, quarter: int) -> dict[str, Any]:
    return {"grain": "quarter", "iso": f"{year:04d}-Q{quarter}"}


def _range(start: dt.date, end: dt.date, grain: str = "day") -> dict[str, Any]:
    return {"end": end.isoformat(), "grain": grain, "start": start.isoformat()}


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _add(date: dt.date, unit: str, n: int) -> dt.date:
    """`date` moved by `n` units, clamping the day to the month's length."""
    if unit == "day":
        return date + dt.timedelta(days=n)
    if unit == "week":
        return date + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return date + dt.timedelta(weeks=2 * n)
    months_per = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    year, month = _add_months(date.year, date.month, n * months_per)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def _shift(ref: dt.date, unit: str, n: int) -> dict[str, Any]:
    """The calendar unit `n` units from the reference's: last week, next month, in 3 days."""
    if unit == "day":
        return _day(ref + dt.timedelta(days=n))
    if unit == "week":
        return _week(ref + dt.timedelta(weeks=n))
    if unit == "fortnight":
        return _week(ref + dt.timedelta(weeks=2 * n))
    if unit == "month":
        return _month(*_add_months(ref.year, ref.month, n))
    if unit == "quarter":
        year, month = _add_months(ref.year, ref.month, 3 * n)
        return _quarter(year, (month - 1) // 3 + 1)
    if unit == "decade":
        return {"grain": "decade", "iso": f"{(ref.year + 10 * n) // 10:03d}X"}
    if unit == "century":
        return {"grain": "century", "iso": f"{(ref.year + 100 * n) // 100:02d}XX"}
    return _year(ref.year + n)


def _unit(word: str) -> str:
    return lexicon()["units"].get(word, word.rstrip("s"))


def _number(word: str | None) -> int | None:
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
        if piece in _UNIT_WORDS:
            total += _UNIT_WORDS.index(piece) + 1
        elif piece in _TEEN_WORDS:
            total += _TEEN_WORDS.index(piece) + 10
        elif piece in _TEN_WORDS:
            total += 10 * (_TEN_WORDS.index(piece) + 2)
        elif piece == "hundred":
            total = max(total, 1) * 100
        elif piece not in ("a", "and"):
            return None
    return total or None


def _ordinal(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.rstrip(".")
    if word in ("last", "final"):
        return -1
    digits = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th)?", word)
    if digits:
        return int(digits.group(1))
    return lexicon()["ordinals"].get(re.sub(r"[ \t]*-[ \t]*|[ \t]+", "-", word))


def _month_number(word: str | None) -> int | None:
    return months().get(word.rstrip(".")) if word else None


def _weekday_number(word: str | None) -> int | None:
    return weekdays().get(word.rstrip(".")) if word else None


def _year_number(text: str | None, ctx: Context) -> int | None:
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
_MONTHS_BACK, _MONTHS_AHEAD = 7, 4


def _year_for(ref: dt.date, month: int) -> int:
    """The year of a month or day written without one: the one that puts it nearest the
    reference, allowing for news looking back further than ahead."""
    ahead = month - ref.month
    if ahead > _MONTHS_AHEAD:
        return ref.year - 1
    if ahead < -_MONTHS_BACK:
        return ref.year + 1
    return ref.year


def _relative_step(word: str | None) -> int:
    return lexicon()["relative"].get(word or "", 0)


def _point_day(value: Value) -> dt.date | None:
    """The day a value names, when it names one day."""
    if (
        isinstance(value, dict)
        and value.get("grain") == "day"
        and "iso" in value
        and "mod" not in value
    ):
        return dt.date.fromisoformat(value["iso"])
    return None


# ---- meanings ---------------------------------------------------------------------------------


def _calendar(p: dict[str, Any], ctx: Context) -> Any:
    month = _month_number(p.get("month"))
    day = _ordinal(p.get("day"))
    if month is None or day is None or not 1 <= day <= 31:
        return INVALID
    if p.get("year"):
        year = _year_number(p["year"], ctx)
        try:
            return _day(dt.date(year, month, day))  # type: ignore[arg-type]
        except (ValueError, TypeError):
            return INVALID
    if day > calendar.monthrange(2000, month)[1]:
        return INVALID
    if ctx.ref is None:
        return None
    if p.get("dir"):
        year = _relative_month(p, ctx)
        return _day(dt.date(int(year["iso"][:4]), month, day)) if year else None
    weekday = _weekday_number(p.get("weekday"))
    candidates = [_year_for(ctx.ref, month), ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1]
    for year in dict.fromkeys(candidates):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or date.weekday() == weekday:
            return _day(date)
    return None


def _numeric_date(p: dict[str, Any], ctx: Context) -> Any:
    a, b = int(p["a"]), int(p["b"])
    if a > 12 and b > 12:
        return INVALID
    # Day first when the text says so (a first number over 12) or the user does (--day-first).
    if a > 12 or (ctx.day_first and b <= 12):
        day, month = a, b
    else:
        month, day = a, b
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return INVALID
    if p.get("year"):
        year = _year_number(p["year"], ctx)
    elif ctx.ref is not None:
        year = _year_for(ctx.ref, month)
    else:
        return None if day <= calendar.monthrange(2000, month)[1] else INVALID
    try:
        return _day(dt.date(year, month, day))  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return INVALID


def _numeric_ymd(p: dict[str, Any], ctx: Context) -> Any:
    try:
        return _day(dt.date(int(p["year"]), int(p["month"]), int(p["day"])))
    except ValueError:
        return INVALID


def _numeric_month(p: dict[str, Any], ctx: Context) -> Any:
    month = int(p["month"])
    return _month(int(p["year"]), month) if 1 <= month <= 12 else INVALID


def _month_year(p: dict[str, Any], ctx: Context) -> Any:
    month = _month_number(p["month"])
    if p.get("dir"):
        if ctx.ref is None:
            return None
        return _month(ctx.ref.year + _relative_step(p["dir"]), month)  # type: ignore[arg-type]
    year = _year_number(p["year"], ctx)
    return _month(year, month) if year else None  # type: ignore[arg-type]


def _relative_month(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    month = _month_number(p["month"])
    step = _relative_step(p.get("dir"))
    ref = ctx.ref
    if step < 0:
        year = ref.year if month < ref.month else ref.year - 1  # type: ignore[operator]
    elif step > 0:
        year = ref.year if month > ref.month else ref.year + 1  # type: ignore[operator]
    else:
        year = ref.year
    return _month(year, month)  # type: ignore[arg-type]


def _month_meaning(p: dict[str, Any], ctx: Context) -> Any:
    month = _month_number(p["month"])
    if ctx.ref is None:
        return None
    if ctx.future:
        # "Figures are due in October": the next October.
        return _month(ctx.ref.year + (month < ctx.ref.month), month)  # type: ignore[operator]
    return _month(_year_for(ctx.ref, month), month)  # type: ignore[arg-type]


def _day_of_month(p: dict[str, Any], ctx: Context) -> Any:
    """ "on the 23rd": the nearest 23rd, this month's, last month's or next month's."""
    day = _ordinal(p["day"])
    if day is None or not 1 <= day <= 31:
        return INVALID
    if ctx.ref is None:
        return None
    candidates = []
    for delta in (0, -1, 1):
        year, month = _add_months(ctx.ref.year, ctx.ref.month, delta)
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(dt.date(year, month, day))
    if ctx.future:
        ahead = [c for c in candidates if c >= ctx.ref]
        return _day(min(ahead)) if ahead else None
    return _day(min(candidates, key=lambda c: (abs((c - ctx.ref).days), c > ctx.ref)))  # type: ignore[operator]


def _weekday_meaning(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    target = _weekday_number(p["weekday"])
    if ctx.future:
        # "The monarch will meet Bush on Thursday": the next such day after the reference.
        delta = (target - ctx.ref.weekday()) % 7 or 7  # type: ignore[operator]
        return _day(ctx.ref + dt.timedelta(days=delta))
    # News reports mostly look back: a bare weekday is the latest such day up to the reference.
    delta = (ctx.ref.weekday() - target) % 7  # type: ignore[operator]
    return _day(ctx.ref - dt.timedelta(days=delta))


def _relative_weekday(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    target = _weekday_number(p["weekday"])
    ref = ctx.ref
    step = _relative_step(p.get("dir"))
    if p.get("dir") in ("next", "last", "this") and "week" in p.get("_text", ""):
        # "Monday next week": that week's Monday.
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        return _day(monday + dt.timedelta(days=target))  # type: ignore[operator]
    if step < 0:
        delta = (ref.weekday() - target) % 7 or 7  # type: ignore[operator]
        return _day(ref - dt.timedelta(days=delta))
    if step > 0:
        delta = (target - ref.weekday()) % 7 or 7  # type: ignore[operator]
        return _day(ref + dt.timedelta(days=delta))
    return _day(ref + dt.timedelta(days=target - ref.weekday()))  # type: ignore[operator]


def _weekday_date(p: dict[str, Any], ctx: Context) -> Any:
    """ "Friday the 9th": the nearest month whose 9th is a Friday."""
    day, target = _ordinal(p["day"]), _weekday_number(p["weekday"])
    if day is None or not 1 <= day <= 31:
        return INVALID
    if ctx.ref is None:
        return None
    for delta in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        year, month = _add_months(ctx.ref.year, ctx.ref.month, delta)
        if (
            day <= calendar.monthrange(year, month)[1]
            and dt.date(year, month, day).weekday() == target
        ):
            return _day(dt.date(year, month, day))
    return None


def _deictic(p: dict[str, Any], ctx: Context) -> Any:
    offsets = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1,
               "the day after tomorrow": 2, "the day before yesterday": -2}  # fmt: skip
    word = " ".join(p["word"].split())
    return _day(ctx.ref + dt.timedelta(days=offsets[word])) if ctx.ref else None


def _holiday(p: dict[str, Any], ctx: Context) -> Any:
    from .holidays import holiday_date

    name = " ".join(p["name"].replace("’", "'").split())
    name = re.sub(r"[ \t]*-[ \t]*", "-", name)
    if holiday_date(name, 2000) is None:
        return INVALID
    if p.get("year"):
        year = _year_number(p["year"], ctx)
        date = holiday_date(name, year) if year else None
        return _day(date) if date else None
    if ctx.ref is None:
        return None
    ref = ctx.ref
    around = [d for d in (holiday_date(name, ref.year + k) for k in (-1, 0, 1)) if d is not None]
    step = _relative_step(p.get("dir"))
    if step < 0:
        past = [d for d in around if d < ref]
        return _day(past[-1]) if past else None
    if step > 0 or ctx.future:
        coming = [d for d in around if d > ref]
        return _day(coming[0]) if coming else None
    if p.get("dir"):
        this_year = holiday_date(name, ref.year)
        return _day(this_year) if this_year else None
    # Like a month without a year: the latest one up to four months ahead (news looks back
    # further than ahead).
    horizon = _add(ref, "month", _MONTHS_AHEAD)
    near = [d for d in around if d <= horizon]
    return _day(near[-1]) if near else None


def _period_month(text: str, ctx: Context) -> tuple[int, int] | None:
    """The (year, month) a MONTHREF names: "May", "May 2024", "next month", "the month"."""
    value = parse_date(text, ctx.ref, day_first=ctx.day_first)
    if isinstance(value, dict) and value.get("grain") == "month" and "iso" in value:
        return int(value["iso"][:4]), int(value["iso"][5:7])
    if ctx.ref is not None and re.fullmatch(r"(?:the|that|each|every) month", text):
        return ctx.ref.year, ctx.ref.month
    return None


def _nth_weekday(p: dict[str, Any], ctx: Context) -> Any:
    n, target = _ordinal(p["n"]), _weekday_number(p["weekday"])
    if n is None or not (n == -1 or 1 <= n <= 5):
        return INVALID
    period = _period_month(p["period"], ctx)
    if period is None:
        return None
    year, month = period
    days = [d for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == target]  # fmt: skip
    if n > len(days):
        return INVALID
    return _day(days[n - 1] if n > 0 else days[-1])


def _week_of_period(p: dict[str, Any], ctx: Context) -> Any:
    """ "the third week of 2026" (ISO week 3); "the first week of October" (the week holding
    October 1); "the last week of March" (the week holding March 31)."""
    n = _ordinal(p["n"])
    if n is None or n == 0 or n > 53:
        return INVALID
    period = p["period"]
    year = _year_number(period, ctx)
    if year is not None and not re.search(r"month", period):
        if n == -1:
            return _week(dt.date(year, 12, 28))
        monday = dt.date.fromisocalendar(year, 1, 1) + dt.timedelta(weeks=n - 1)
        return _week(monday) if monday.isocalendar()[0] == year else INVALID
    found = _period_month(period, ctx)
    if found is None:
        return None
    year, month = found
    last = calendar.monthrange(year, month)[1]
    if n == -1:
        return _week(dt.date(year, month, last))
    day = 1 + 7 * (n - 1)
    return _week(dt.date(year, month, day)) if day <= last else INVALID


def _weekend_of(p: dict[str, Any], ctx: Context) -> Any:
    n = _ordinal(p["n"])
    found = _period_month(p["period"], ctx)
    if n is None or found is None:
        return None
    year, month = found
    saturdays = [d for d in calendar.Calendar().itermonthdates(year, month)
                 if d.month == month and d.weekday() == 5]  # fmt: skip
    if n > len(saturdays):
        return INVALID
    saturday = saturdays[n - 1] if n > 0 else saturdays[-1]
    return _range(saturday, saturday + dt.timedelta(days=1))


def _week_number(p: dict[str, Any], ctx: Context) -> Any:
    n = int(p["n"])
    if not 1 <= n <= 53:
        return INVALID
    year = int(p["year"]) if p.get("year") else (ctx.ref.year if ctx.ref else None)
    if year is None:
        return None
    try:
        dt.date.fromisocalendar(year, n, 1)
    except ValueError:
        return INVALID
    return {"grain": "week", "iso": f"{year:04d}-W{n:02d}"}


def _week_of(p: dict[str, Any], ctx: Context) -> Any:
    day = _point_day(parse_date(p["inner"], ctx.ref, day_first=ctx.day_first))
    if day is None:
        return None
    if p["how"] in ("ending", "ended"):
        start = day - dt.timedelta(days=6)
    elif p["how"] == "of":
        start = day - dt.timedelta(days=day.weekday())
    else:
        start = day
    return {
        "grain": "week",
        "start": start.isoformat(),
        "end": (start + dt.timedelta(days=6)).isoformat(),
    }


def _saturday(ref: dt.date, step: int) -> dt.date:
    """The Saturday of the weekend `step` weekends from the current or coming one."""
    days_to_saturday = (5 - ref.weekday()) % 7
    if ref.weekday() == 6:  # Sunday: this weekend began yesterday
        days_to_saturday = -1
    return ref + dt.timedelta(days=days_to_saturday + 7 * step)


def _weekend(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    word = p["dir"]
    if word == "the":
        # "over the weekend" early in the week is the one just gone.
        step = 0 if ctx.future or ctx.ref.weekday() >= 3 else -1
    elif word in ("coming", "this coming", "upcoming"):
        step = 0  # "the coming weekend" is the next one to come
    else:
        step = _relative_step(word)
        if step < 0 and ctx.ref.weekday() >= 5:
            step = -1
    saturday = _saturday(ctx.ref, step)
    return _range(saturday, saturday + dt.timedelta(days=1))


def _relative_unit(p: dict[str, Any], ctx: Context) -> Any:
    """ "last week", "this month", "next year": the calendar unit before, of or after the
    reference's."""
    return _shift(ctx.ref, _unit(p["unit"]), _relative_step(p["dir"])) if ctx.ref else None


def _after_next(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    step = 2 if p["dir"] == "after next" else -2
    if p["unit"] == "weekend":
        saturday = _saturday(ctx.ref, step)
        return _range(saturday, saturday + dt.timedelta(days=1))
    return _shift(ctx.ref, p["unit"], step)


def _offset(p: dict[str, Any], ctx: Context) -> Any:
    """ "three years ago", "in two weeks", "ten days from now", "within three days"."""
    unit = _unit(p["unit"])
    direction = p.get("dir") or "ago"
    n = _number(p.get("n")) if p.get("n") else None
    if p.get("n") is None or n is None:
        # "years ago", "several weeks ago": some time in the past or future, no more.
        if direction in ("in", "within", "from now", "hence", "from today"):
            return {"grain": "reference", "iso": "FUTURE_REF"}
        if direction in ("ago", "back"):
            return {"grain": "reference", "iso": "PAST_REF"}
        return None
    if direction == "earlier" and n == 1 and unit == "year" and ctx.ref is not None:
        return _year(ctx.ref.year - 1)  # "a year earlier", in news: the year before
    if direction in ("earlier", "before", "later"):
        return None  # anchored to another event: no definite calendar value
    if ctx.ref is None:
        return None
    try:
        if direction == "within":
            return _range(ctx.ref, _add(ctx.ref, unit, n))
        sign = -1 if direction in ("ago", "back") else 1
        return _shift(ctx.ref, unit, sign * n)
    except (OverflowError, ValueError):
        return None


def _since(p: dict[str, Any], ctx: Context) -> Any:
    """ "the highest in two years": the period up to the reference."""
    n = _number(p.get("n"))
    if n is None or ctx.ref is None:
        return None
    try:
        return _range(_add(ctx.ref, _unit(p["unit"]), -n), ctx.ref)
    except (OverflowError, ValueError):
        return None


def _offset_anchor(p: dict[str, Any], ctx: Context) -> Any:
    """ "ten days after Labour Day", "two weeks before the election on 3 May", "a week from
    Friday": the anchor date moved by the offset."""
    unit = _unit(p["unit"])
    n = _number(p.get("n")) if p.get("n") else 1
    if n is None:
        return None
    sign = -1 if p["dir"] in ("before", "prior to") else 1
    forward = ctx.future or p["dir"] in ("from", "ahead of")
    anchor = parse_date(p["anchor"], ctx.ref, day_first=ctx.day_first, future=forward)
    if anchor is None:
        return None
    if not isinstance(anchor, dict) or "iso" not in anchor or anchor.get("grain") == "reference":
        return INVALID
    day = _point_day(anchor)
    try:
        if day is not None:
            return _day(_add(day, unit, sign * n))
        if anchor["grain"] == "month" and unit in ("month", "quarter", "year"):
            year, month = int(anchor["iso"][:4]), int(anchor["iso"][5:7])
            moved = _add(dt.date(year, month, 1), unit, sign * n)
            return _month(moved.year, moved.month)
        if anchor["grain"] == "year" and unit in ("year", "decade", "century"):
            return _year(_add(dt.date(int(anchor["iso"]), 1, 1), unit, sign * n).year)
    except (OverflowError, ValueError):
        return None
    return None


def _rolling(p: dict[str, Any], ctx: Context) -> Any:
    """ "the past three years", "the next 4 months", "over the coming decade": the days from
    the reference back or forward."""
    unit = _unit(p["unit"])
    past = p["dir"] in ("past", "last", "previous", "preceding")
    if p.get("n") is not None:
        n = _number(p["n"])
        if n is None:
            return {"grain": "reference", "iso": "PAST_REF" if past else "FUTURE_REF"}
    else:
        n = 1
    if ctx.ref is None:
        return None
    try:
        if past:
            return _range(_add(ctx.ref, unit, -n), ctx.ref)
        return _range(ctx.ref, _add(ctx.ref, unit, n))
    except (OverflowError, ValueError):
        return None


def _vague_ref(p: dict[str, Any], ctx: Context) -> Any:
    """ "recent years", "the coming months", "these days", "years ago": no calendar value, but
    TimeML's past, present or future."""
    direction = p.get("dir")
    if direction == "these":
        return {"grain": "reference", "iso": "PRESENT_REF"}
    if direction in ("coming", "next", "future", "upcoming", "following", "later"):
        return {"grain": "reference", "iso": "FUTURE_REF"}
    return {"grain": "reference", "iso": "PAST_REF"}


def _quarter_meaning(p: dict[str, Any], ctx: Context) -> Any:
    q = p["q"]
    number = int(q) if q.isdigit() else {"final": 4, "last": 4}.get(q) or _ordinal(q)
    if number is None or not 1 <= number <= 4:
        return INVALID
    year_text = p.get("year2") or p.get("year")
    if year_text:
        year = _year_number(year_text, ctx)
    else:
        # Like a month without a year, the nearest one: "the fourth quarter" in March is
        # the one just ended.
        year = _year_for(ctx.ref, 3 * number - 1) if ctx.ref else None
    return _quarter(year, number) if year else None


def _relative_quarter(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    word = p.get("dir") or ""
    if word in ("this", "current"):
        return _shift(ctx.ref, "quarter", 0)
    if word in ("next", "coming"):
        return _shift(ctx.ref, "quarter", 1)
    if word.startswith("year") or word == "comparable":
        return _shift(ctx.ref, "quarter", -5)  # the just-ended quarter, a year before
    # "The quarter" and "the latest quarter" in a report are the one just ended.
    return _shift(ctx.ref, "quarter", -1)


def _half(p: dict[str, Any], ctx: Context) -> Any:
    h = p["h"]
    number = {"1": 1, "2": 2, "first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2,
              "last": 2, "latter": 2, "back": 2}.get(h)  # fmt: skip
    if number is None:
        return INVALID
    year_text = p.get("year2") or p.get("year")
    if year_text:
        year = _year_number(year_text, ctx)
    else:
        year = _year_for(ctx.ref, 6 * number - 2) if ctx.ref else None
    return {"grain": "half", "iso": f"{year:04d}-H{number}"} if year else None


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _season(p: dict[str, Any], ctx: Context) -> Any:
    code = lexicon()["seasons"][p["season"]]
    if p.get("year"):
        year = _year_number(p["year"], ctx)
    elif ctx.ref is None:
        return None
    else:
        year = ctx.ref.year
        first, last = _SEASON_MONTHS[code]
        step = _relative_step(p.get("dir"))
        month = ctx.ref.month + (12 if code == "WI" and ctx.ref.month <= 2 else 0)
        if code == "WI" and ctx.ref.month <= 2:
            year -= 1  # January 2024 is in the winter of 2023
        if step < 0 and month <= last:
            year -= 1  # "last summer" in August is the one before
        elif step > 0 and month >= first:
            year += 1  # "next spring" in April is the one after
    return {"grain": "season", "iso": f"{year:04d}-{code}"} if year else None


def _fiscal_year(p: dict[str, Any], ctx: Context) -> Any:
    year = _year_number(p["year"], ctx)
    return _year(year) if year else INVALID


def _year_meaning(p: dict[str, Any], ctx: Context) -> Any:
    year = _year_number(p["year"], ctx)
    return _year(year) if year and 1000 <= year <= 2199 else INVALID


def _spoken_year(p: dict[str, Any], ctx: Context) -> Any:
    words = re.split(r"[ \t-]+", p["words"])
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return _year(2000 + (_number(" ".join(rest)) or 0 if rest else 0))
    century = _number(words[0])
    rest = words[1:]
    low = 0 if rest == ["hundred"] else _number(" ".join(w for w in rest if w != "oh")) or 0
    return _year(century * 100 + low) if century else INVALID


def _decade(p: dict[str, Any], ctx: Context) -> Any:
    if p.get("digits"):
        return {"grain": "decade", "iso": f"{p['digits']}X"}
    if p.get("digit"):
        digit = int(p["digit"])
        return {"grain": "decade", "iso": f"{'19' if digit >= 3 else '20'}{digit}X"}
    tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
            "nineties"].index(p["word"]) + 2  # fmt: skip
    return {"grain": "decade", "iso": f"19{tens}X"}


def _century(p: dict[str, Any], ctx: Context) -> Any:
    number = _ordinal(p["n"])
    if number is None or not 1 <= number <= 30:
        return INVALID
    return {"grain": "century", "iso": f"{number - 1:02d}XX"}


def _modified(p: dict[str, Any], ctx: Context) -> Any:
    inner = parse_date(p["inner"], ctx.ref, day_first=ctx.day_first, future=ctx.future)
    if inner is None:
        return None
    if not isinstance(inner, dict) or "iso" not in inner or inner.get("grain") == "reference":
        return INVALID
    word = " ".join(p["mod"].split())
    if word in ("earlier", "later"):
        return inner  # "earlier this year": the year itself
    if word == "turn" and inner["grain"] not in ("century", "decade", "year"):
        return INVALID
    return {**inner, "mod": lexicon()["modifiers"][word]}


def _end_of_period(p: dict[str, Any], ctx: Context) -> Any:
    """ "EOY", "year-end", "EOQ": the period's last day."""
    what = re.sub(r"[ \t]*[-–—][ \t]*|[ \t]+", " ", p["what"].replace("’", "'"))
    what = {"year end": "year-end", "month end": "month-end", "quarter end": "quarter-end"}.get(
        what, what
    )
    unit = lexicon()["end_of_period"].get(what) or lexicon()["end_of_period"].get(
        what.replace("-", " ")
    )
    year = int(p["year"]) if p.get("year") else None
    if ctx.ref is None and year is None:
        return None
    ref = ctx.ref or dt.date(year, 12, 31)  # type: ignore[arg-type]
    if year is not None:
        ref = ref.replace(year=year, month=12, day=31) if unit == "year" else ref.replace(year=year)
    if unit == "year":
        return _day(dt.date(ref.year, 12, 31))
    if unit == "quarter":
        last_month = ((ref.month - 1) // 3 + 1) * 3
        return _day(dt.date(ref.year, last_month, calendar.monthrange(ref.year, last_month)[1]))
    if unit == "month":
        return _day(dt.date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1]))
    if unit == "week":
        return _day(ref + dt.timedelta(days=6 - ref.weekday()))
    return _day(ref)


def _year_to_date(p: dict[str, Any], ctx: Context) -> Any:
    return _range(dt.date(ctx.ref.year, 1, 1), ctx.ref) if ctx.ref else None


def _first_part(p: dict[str, Any], ctx: Context) -> Any:
    """ "the first nine months of 1989", "the first 10 days of October": the part of a
    period counted from its start (or, "the last two weeks of March", back from its end)."""
    n = _number(p.get("n"))
    inner = parse_date(p["inner"], ctx.ref, day_first=ctx.day_first)
    if n is None or not isinstance(inner, dict) or "iso" not in inner or "mod" in inner:
        return None if n is None or inner is None else INVALID
    bounds = _period_bounds(inner)
    if bounds is None:
        return INVALID
    first, last = bounds
    unit = _unit(p["unit"])
    try:
        if p["which"] == "first":
            start, end = first, _add(first, unit, n) - dt.timedelta(days=1)
        else:
            start, end = _add(last + dt.timedelta(days=1), unit, -n), last
    except (OverflowError, ValueError):
        return None
    if end > last or start < first:
        return INVALID
    if unit in ("month", "quarter"):
        return {"end": end.isoformat()[:7], "grain": "month", "start": start.isoformat()[:7]}
    return _range(start, end)


def _period_bounds(value: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
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


def _period_ended(p: dict[str, Any], ctx: Context) -> Any:
    """ "the quarter ended Sept. 30", "the 13 weeks ended June 29": the days of a reporting
    period, from the end date back (a fiscal quarter need not be a calendar one)."""
    inner = parse_date(p["inner"], ctx.ref, day_first=ctx.day_first)
    end = _point_day(inner)
    if (
        end is None
        and isinstance(inner, dict)
        and inner.get("grain") == "month"
        and "mod" not in inner
    ):
        bounds = _period_bounds(inner)  # "the three months to December": to its last day
        end = bounds[1] if bounds else None
    if end is None:
        return None
    if p.get("unit"):
        months_back, weeks = {"quarter": 3, "half": 6, "year": 12}[p["unit"]], 0
    else:
        n = _number(p.get("n"))
        if not n:
            return None
        months_back, weeks = (n, 0) if p["units"].startswith("month") else (0, n)
    after = end + dt.timedelta(days=1)
    if weeks:
        start = after - dt.timedelta(weeks=weeks)
    else:
        year, month = _add_months(after.year, after.month, -months_back)
        start = dt.date(year, month, min(after.day, calendar.monthrange(year, month)[1]))
    return _range(start, end)


def _anaphoric(p: dict[str, Any], ctx: Context) -> Any:
    # "the year" in a news report is the year it speaks of: the reference's.
    return _shift(ctx.ref, p["unit"], 0) if ctx.ref else None


def _year_ago(p: dict[str, Any], ctx: Context) -> Any:
    """ "the year-ago quarter", "the year-earlier period": in a report, the period just ended,
    a year before."""
    if ctx.ref is None:
        return None
    period = p.get("period") or ""
    if "quarter" in period or period == "period":
        words = period.split()
        if len(words) == 2:
            return _quarter_meaning({"q": words[0], "year": str(ctx.ref.year - 1)}, ctx)
        return _shift(ctx.ref, "quarter", -5)
    if period in ("month", "week"):
        return _shift(_add(ctx.ref, "year", -1), period, 0)
    return _year(ctx.ref.year - 1)


def _reference(p: dict[str, Any], ctx: Context) -> Any:
    value = REFERENCES.get(" ".join(p["word"].split()))
    return {"grain": "reference", "iso": value} if value else INVALID


def _day_range(p: dict[str, Any], ctx: Context) -> Any:
    """ "March 3-5, 2024" and "3 to 5 March": one month, two days."""
    month = _month_number(p["month"])
    d1, d2 = _ordinal(p["d1"]), _ordinal(p["d2"])
    if month is None or d1 is None or d2 is None or d1 >= d2:
        return INVALID
    if p.get("year"):
        year = int(p["year"])
    elif ctx.ref is not None:
        year = _year_for(ctx.ref, month)
    else:
        return None if d2 <= calendar.monthrange(2000, month)[1] else INVALID
    try:
        return _range(dt.date(year, month, d1), dt.date(year, month, d2))
    except ValueError:
        return INVALID


def _year_range(p: dict[str, Any], ctx: Context) -> Any:
    """ "2015/16", "2015-16", "2015/2016": consecutive years as one period (a season or a
    fiscal year), or "1995-99", a span of years."""
    y1, y2_text = int(p["y1"]), p["y2"]
    if len(y2_text) == 4:
        y2 = int(y2_text)
        if y2 != y1 + 1:
            return INVALID
    else:
        # "2015-16", "2005-6": the second year written with its last digits only
        size = 10 ** len(y2_text)
        y2 = (y1 // size) * size + int(y2_text)
        if y2 <= y1 and y1 % size >= size - size // 10:
            y2 += size  # "1999-00", "2009-0"
        if y2 <= y1:
            return INVALID
    return {"end": f"{y2:04d}", "grain": "year", "start": f"{y1:04d}"}


def _range_meaning(p: dict[str, Any], ctx: Context) -> Any:
    left, right = p["left"], p["right"]
    end = parse_date(right, ctx.ref, day_first=ctx.day_first)
    start = parse_date(left, ctx.ref, day_first=ctx.day_first)
    right_year = re.search(r"\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b", right)
    left_year = re.search(r"\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b", left)
    if right_year and not left_year:
        # "between March and May 2024", "Jan 3 - Mar 9, 2024": the start borrows the year.
        start = (
            parse_date(f"{left} {right_year.group()}", ctx.ref, day_first=ctx.day_first) or start
        )
    elif not right_year and not left_year and _calendar_point(start) and _calendar_point(end):
        # "between July and September": the end placed as usual, the start in the same year
        # (or the one before: "December to February").
        year = int(end["iso"][:4])  # type: ignore[index]
        start = dict(start, iso=f"{year:04d}{start['iso'][4:]}")  # type: ignore[index]
        if start["iso"] > end["iso"]:  # type: ignore[index]
            start["iso"] = f"{year - 1:04d}{start['iso'][4:]}"
    if isinstance(start, dict) and isinstance(end, dict) and "iso" in start and "iso" in end:
        bare_years = re.fullmatch(r"[0-9]{4}", left) and re.fullmatch(r"[0-9]{4}", right)
        if bare_years and not 1800 <= int(left) < int(right) <= 2100:
            return INVALID  # two bare numbers are a range of years only as plausible years
        start, end = _on_calendar(start, ctx.ref), _on_calendar(end, ctx.ref)
        if start is None or end is None:
            return None
        if start["grain"] == end["grain"] and start["iso"] >= end["iso"]:
            return INVALID
        grain = max(start["grain"], end["grain"], key=GRAIN_ORDER.index)
        return {"end": end["iso"], "grain": grain, "start": start["iso"]}
    if start is INVALID or end is INVALID:
        return INVALID
    for side in (start, end):
        if isinstance(side, dict) and ("start" in side or side.get("grain") == "reference"):
            return INVALID  # a range of ranges or of vague references is not one range
    return None


def _calendar_point(value: Any) -> bool:
    """A month or day value (which a range end written without a year may be moved in)."""
    return (
        isinstance(value, dict)
        and value.get("grain") in ("month", "day")
        and "iso" in value
        and "mod" not in value
    )


def _on_calendar(point: dict[str, Any], ref: dt.date | None) -> dict[str, Any] | None:
    """A range's end as a calendar date: "now" ("between now and 2007") is the reference day;
    the past or future as such cannot bound a range."""
    if point.get("grain") != "reference":
        return point
    return _day(ref) if point["iso"] == "PRESENT_REF" and ref is not None else None


MEANINGS = {
    "range": _range_meaning, "day_range": _day_range, "year_range": _year_range,
    "offset_anchor": _offset_anchor, "offset": _offset, "since": _since, "rolling": _rolling,
    "vague_ref": _vague_ref, "holiday": _holiday, "deictic": _deictic,
    "nth_weekday": _nth_weekday, "week_of_period": _week_of_period, "weekend_of": _weekend_of,
    "week_number": _week_number, "week_of": _week_of, "after_next": _after_next, "relative_unit": _relative_unit,
    "weekend": _weekend, "relative_weekday": _relative_weekday, "weekday_date": _weekday_date,
    "weekday": _weekday_meaning, "numeric_ymd": _numeric_ymd, "numeric_date": _numeric_date,
    "numeric_month": _numeric_month, "calendar": _calendar, "day_of_month": _day_of_month,
    "month_year": _month_year, "relative_month": _relative_month, "month": _month_meaning,
    "end_of_period": _end_of_period, "year_to_date": _year_to_date, "quarter": _quarter_meaning,
    "relative_quarter": _relative_quarter, "half": _half, "season": _season,
    "fiscal_year": _fiscal_year, "year": _year_meaning, "spoken_year": _spoken_year,
    "decade": _decade, "century": _century, "modified": _modified,
    "period_ended": _period_ended, "anaphoric": _anaphoric, "year_ago": _year_ago,
    "reference": _reference, "first_part": _first_part,
}  # fmt: skip


def meaning_of(parsed: Reading, ctx: Context) -> Any:
    """The value a reading composes: a dict, None (no definite value) or INVALID."""
    parts = {**parsed.parts, "_text": parsed.text.lower()}
    try:
        return MEANINGS[parsed.meaning](parts, ctx)
    except (OverflowError, ValueError):
        return None


# ---- reading a whole phrase --------------------------------------------------------------------

_LEADING = re.compile(
    r"^(?:on|by|during|since|until|till|from|of|at|for|over|in|around|about|before|after|as early as|as late as|sometime|some time|only|just|through|throughout|within)\s+",
    re.IGNORECASE,
)
_FILLER_END = re.compile(r"(?:\s*['’]s|\s*['’]|[\s,.;:]+)$")
_VALIDATION_REFERENCE = Context(ref=dt.date(2000, 6, 15))


_SPOKEN = re.compile(_SPOKEN_YEAR, re.IGNORECASE)


def _clean(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.split()).strip(' ,;:()"“”')
    if _SPOKEN.search(text) and not _SPOKEN.fullmatch(text):
        # "January nineteen ninety-seven": the year as digits, so the calendar forms read it.
        text = _SPOKEN.sub(
            lambda m: _spoken_year({"words": m.group().lower()}, Context())["iso"], text
        )
    return text


def parse_date(
    text: str,
    reference: dt.date | str | None = None,
    *,
    day_first: bool = False,
    future: bool = False,
) -> Value:
    """The calendar value of a date phrase, or None when it has no definite one."""
    if isinstance(reference, str):
        try:
            ref: dt.date | None = dt.date.fromisoformat(reference[:10])
        except ValueError:
            ref = None
    else:
        ref = reference
    value = _parse_cached(_clean(text), Context(ref, day_first, future))
    return None if value is INVALID else value


@lru_cache(maxsize=65536)
def _parse_cached(text: str, ctx: Context) -> Any:
    if not text:
        return None
    attempts = [text]
    trimmed = _FILLER_END.sub("", text)
    if trimmed != text:
        attempts.append(trimmed)
    for attempt in list(attempts):
        stripped = _LEADING.sub("", attempt)
        if stripped != attempt:
            attempts.append(stripped)
    rules = grammar("date")
    refused = False
    for attempt in attempts:
        for parsed in rules.readings(attempt):
            value = meaning_of(parsed, ctx)
            if value is INVALID:
                refused = True
                continue
            return value
    if refused:
        return INVALID
    return _dateparser_fallback(trimmed, ctx.ref)


def valid_reading(parsed: Reading) -> bool:
    """Can this reading be a date at all (checked against a fixed reference)?"""
    if not _cased_as_date(parsed.text):
        return False
    return meaning_of(parsed, _VALIDATION_REFERENCE) is not INVALID


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
            date = date.replace(year=_year_for(ref, date.month))
        except ValueError:  # 29 February in a year without one
            return None
    if period == "year":
        return _year(date.year)
    if period == "month":
        return _month(date.year, date.month)
    if period == "week":
        return _week(date)
    return _day(date)


def date_words_pattern() -> str:
    """An alternation of the month and weekday words (for components that look for them)."""
    return words_pattern([*months(), *weekdays()])
