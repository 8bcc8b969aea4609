"""The meanings of brief's date grammar (`models/grammar/dates.rules`): each rule names a
function here that composes a value from the rule's parts; a range, an offset or a modified
date composes the values of the dates inside it, read by the same grammar (`read`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any

from ..grammar import Grammar, Reading, read_rules, words_pattern
from .calendar import (
    GRAIN_ORDER,
    INVALID,
    MONTHS_AHEAD,
    REFERENCES,
    SPOKEN_YEAR,
    TEEN_WORDS,
    TEN_WORDS,
    UNIT_WORDS,
    Context,
    Value,
    add,
    add_months,
    amount_of,
    calendar_point,
    count_of,
    day_value,
    lexicon,
    month_of,
    month_value,
    on_calendar,
    ordinal_of,
    period_bounds,
    point_day,
    quarter_value,
    range_value,
    relative_step,
    shift,
    unit_of,
    week_value,
    weekday_of,
    whole_units,
    year_for,
    year_of,
    year_value,
)

NO_READING: Any = object()  # the grammar has no rule that reads the phrase whole


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
    tens, units, teens = "|".join(TEN_WORDS), "|".join(UNIT_WORDS), "|".join(TEEN_WORDS)
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
        "SPOKENYEAR": SPOKEN_YEAR,
        "REFERENCE": words_pattern(REFERENCES),
    }


@cache
def date_anchors() -> frozenset[str]:
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
    return frozenset(anchors)


@cache
def date_grammar() -> Grammar:
    """The compiled grammar of date expressions, built once per process."""
    from ..pipeline.config import models_dir

    rules = read_rules((models_dir() / "grammar" / "dates.rules").read_text(encoding="utf-8"))
    return Grammar("date", rules, date_macros(), date_anchors(), digits_anchor=True)


# ---- meanings ---------------------------------------------------------------------------------


def _calendar(p: dict[str, Any], ctx: Context) -> Any:
    month = month_of(p.get("month"))
    day = ordinal_of(p.get("day"))
    if month is None or day is None or not 1 <= day <= 31:
        return INVALID
    if p.get("year"):
        year = year_of(p["year"], ctx)
        try:
            return day_value(dt.date(year, month, day))  # type: ignore[arg-type]
        except (ValueError, TypeError):
            return INVALID
    if day > calendar.monthrange(2000, month)[1]:
        return INVALID
    if ctx.ref is None:
        return None
    if p.get("dir"):
        year = _relative_month(p, ctx)
        return day_value(dt.date(int(year["iso"][:4]), month, day)) if year else None
    weekday = weekday_of(p.get("weekday"))
    candidates = [_year_of(ctx, month, day), ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1]
    for year in dict.fromkeys(candidates):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if weekday is None or date.weekday() == weekday:
            return day_value(date)
    return None


def _year_of(ctx: Context, month: int, day: int = 1) -> int:
    """The year of a month or day written without one: in a sentence that speaks of the past
    ("resigned in March"), the latest not after the reference; else the nearest (`year_for`)."""
    ref = ctx.ref
    assert ref is not None
    if ctx.past:
        return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    return year_for(ref, month)


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
        year = year_of(p["year"], ctx)
    elif ctx.ref is not None:
        year = _year_of(ctx, month, day)
    else:
        return None if day <= calendar.monthrange(2000, month)[1] else INVALID
    try:
        return day_value(dt.date(year, month, day))  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return INVALID


def _numeric_ymd(p: dict[str, Any], ctx: Context) -> Any:
    try:
        return day_value(dt.date(int(p["year"]), int(p["month"]), int(p["day"])))
    except ValueError:
        return INVALID


def _numeric_month(p: dict[str, Any], ctx: Context) -> Any:
    month = int(p["month"])
    return month_value(int(p["year"]), month) if 1 <= month <= 12 else INVALID


def _month_year(p: dict[str, Any], ctx: Context) -> Any:
    month = month_of(p["month"])
    if p.get("dir"):
        if ctx.ref is None:
            return None
        return month_value(ctx.ref.year + relative_step(p["dir"]), month)  # type: ignore[arg-type]
    year = year_of(p["year"], ctx)
    return month_value(year, month) if year else None  # type: ignore[arg-type]


def _relative_month(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    month = month_of(p["month"])
    step = relative_step(p.get("dir"))
    ref = ctx.ref
    if step < 0:
        year = ref.year if month < ref.month else ref.year - 1  # type: ignore[operator]
    elif step > 0:
        year = ref.year if month > ref.month else ref.year + 1  # type: ignore[operator]
    else:
        year = ref.year
    return month_value(year, month)  # type: ignore[arg-type]


def _month_meaning(p: dict[str, Any], ctx: Context) -> Any:
    month = month_of(p["month"])
    if ctx.ref is None:
        return None
    if ctx.future:
        # "Figures are due in October": the next October.
        return month_value(ctx.ref.year + (month < ctx.ref.month), month)  # type: ignore[operator]
    return month_value(_year_of(ctx, month), month)


def _day_of_month(p: dict[str, Any], ctx: Context) -> Any:
    """ "on the 23rd": the nearest 23rd, this month's, last month's or next month's."""
    day = ordinal_of(p["day"])
    if day is None or not 1 <= day <= 31:
        return INVALID
    if ctx.ref is None:
        return None
    candidates = []
    for delta in (0, -1, 1):
        year, month = add_months(ctx.ref.year, ctx.ref.month, delta)
        if day <= calendar.monthrange(year, month)[1]:
            candidates.append(dt.date(year, month, day))
    if ctx.future:
        ahead = [c for c in candidates if c >= ctx.ref]
        return day_value(min(ahead)) if ahead else None
    return day_value(min(candidates, key=lambda c: (abs((c - ctx.ref).days), c > ctx.ref)))  # type: ignore[operator]


def _weekday_meaning(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    target = weekday_of(p["weekday"])
    if ctx.future:
        # "The monarch will meet Bush on Thursday": the next such day after the reference.
        delta = (target - ctx.ref.weekday()) % 7 or 7  # type: ignore[operator]
        return day_value(ctx.ref + dt.timedelta(days=delta))
    # News reports mostly look back: a bare weekday is the latest such day up to the reference.
    delta = (ctx.ref.weekday() - target) % 7  # type: ignore[operator]
    return day_value(ctx.ref - dt.timedelta(days=delta))


def _relative_weekday(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    target = weekday_of(p["weekday"])
    ref = ctx.ref
    step = relative_step(p.get("dir"))
    if p.get("dir") in ("next", "last", "this") and "week" in p.get("_text", ""):
        # "Monday next week": that week's Monday.
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        return day_value(monday + dt.timedelta(days=target))  # type: ignore[operator]
    if step < 0:
        delta = (ref.weekday() - target) % 7 or 7  # type: ignore[operator]
        return day_value(ref - dt.timedelta(days=delta))
    if step > 0:
        delta = (target - ref.weekday()) % 7 or 7  # type: ignore[operator]
        return day_value(ref + dt.timedelta(days=delta))
    return day_value(ref + dt.timedelta(days=target - ref.weekday()))  # type: ignore[operator]


def _weekday_date(p: dict[str, Any], ctx: Context) -> Any:
    """ "Friday the 9th": the nearest month whose 9th is a Friday."""
    day, target = ordinal_of(p["day"]), weekday_of(p["weekday"])
    if day is None or not 1 <= day <= 31:
        return INVALID
    if ctx.ref is None:
        return None
    for delta in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
        year, month = add_months(ctx.ref.year, ctx.ref.month, delta)
        if (
            day <= calendar.monthrange(year, month)[1]
            and dt.date(year, month, day).weekday() == target
        ):
            return day_value(dt.date(year, month, day))
    return None


def _deictic(p: dict[str, Any], ctx: Context) -> Any:
    offsets = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1,
               "the day after tomorrow": 2, "the day before yesterday": -2}  # fmt: skip
    word = " ".join(p["word"].split())
    return day_value(ctx.ref + dt.timedelta(days=offsets[word])) if ctx.ref else None


def _holiday(p: dict[str, Any], ctx: Context) -> Any:
    from .holidays import holiday_date

    name = " ".join(p["name"].replace("’", "'").split())
    name = re.sub(r"[ \t]*-[ \t]*", "-", name)
    if holiday_date(name, 2000) is None:
        return INVALID
    if p.get("year"):
        year = year_of(p["year"], ctx)
        date = holiday_date(name, year) if year else None
        return day_value(date) if date else None
    if ctx.ref is None:
        return None
    ref = ctx.ref
    around = [d for d in (holiday_date(name, ref.year + k) for k in (-1, 0, 1)) if d is not None]
    step = relative_step(p.get("dir"))
    if step < 0:
        past = [d for d in around if d < ref]
        return day_value(past[-1]) if past else None
    if step > 0 or ctx.future:
        coming = [d for d in around if d > ref]
        return day_value(coming[0]) if coming else None
    if p.get("dir"):
        this_year = holiday_date(name, ref.year)
        return day_value(this_year) if this_year else None
    # Like a month without a year: the latest one up to four months ahead (news looks back
    # further than ahead).
    horizon = add(ref, "month", MONTHS_AHEAD)
    near = [d for d in around if d <= horizon]
    return day_value(near[-1]) if near else None


def _period_month(text: str, ctx: Context) -> tuple[int, int] | None:
    """The (year, month) a MONTHREF names: "May", "May 2024", "next month", "the month"."""
    value = read(text, ctx.ref, day_first=ctx.day_first)
    if isinstance(value, dict) and value.get("grain") == "month" and "iso" in value:
        return int(value["iso"][:4]), int(value["iso"][5:7])
    if ctx.ref is not None and re.fullmatch(r"(?:the|that|each|every) month", text):
        return ctx.ref.year, ctx.ref.month
    return None


def _nth_weekday(p: dict[str, Any], ctx: Context) -> Any:
    n, target = ordinal_of(p["n"]), weekday_of(p["weekday"])
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
    return day_value(days[n - 1] if n > 0 else days[-1])


def _week_of_period(p: dict[str, Any], ctx: Context) -> Any:
    """ "the third week of 2026" (ISO week 3); "the first week of October" (the week holding
    October 1); "the last week of March" (the week holding March 31)."""
    n = ordinal_of(p["n"])
    if n is None or n == 0 or n > 53:
        return INVALID
    period = p["period"]
    year = year_of(period, ctx)
    if year is not None and not re.search(r"month", period):
        if n == -1:
            return week_value(dt.date(year, 12, 28))
        monday = dt.date.fromisocalendar(year, 1, 1) + dt.timedelta(weeks=n - 1)
        return week_value(monday) if monday.isocalendar()[0] == year else INVALID
    found = _period_month(period, ctx)
    if found is None:
        return None
    year, month = found
    last = calendar.monthrange(year, month)[1]
    if n == -1:
        return week_value(dt.date(year, month, last))
    day = 1 + 7 * (n - 1)
    return week_value(dt.date(year, month, day)) if day <= last else INVALID


def _weekend_of(p: dict[str, Any], ctx: Context) -> Any:
    n = ordinal_of(p["n"])
    found = _period_month(p["period"], ctx)
    if n is None or found is None:
        return None
    year, month = found
    saturdays = [d for d in calendar.Calendar().itermonthdates(year, month)
                 if d.month == month and d.weekday() == 5]  # fmt: skip
    if n > len(saturdays):
        return INVALID
    saturday = saturdays[n - 1] if n > 0 else saturdays[-1]
    return range_value(saturday, saturday + dt.timedelta(days=1))


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
    day = point_day(read(p["inner"], ctx.ref, day_first=ctx.day_first))
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
        step = relative_step(word)
        if step < 0 and ctx.ref.weekday() >= 5:
            step = -1
    saturday = _saturday(ctx.ref, step)
    return range_value(saturday, saturday + dt.timedelta(days=1))


def _relative_unit(p: dict[str, Any], ctx: Context) -> Any:
    """ "last week", "this month", "next year": the calendar unit before, of or after the
    reference's."""
    return shift(ctx.ref, unit_of(p["unit"]), relative_step(p["dir"])) if ctx.ref else None


def _after_next(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    step = 2 if p["dir"] == "after next" else -2
    if p["unit"] == "weekend":
        saturday = _saturday(ctx.ref, step)
        return range_value(saturday, saturday + dt.timedelta(days=1))
    return shift(ctx.ref, p["unit"], step)


def _offset(p: dict[str, Any], ctx: Context) -> Any:
    """ "three years ago", "in two weeks", "ten days from now", "within three days"."""
    unit = unit_of(p["unit"])
    direction = p.get("dir") or "ago"
    amount = amount_of(p.get("n"), bool(p.get("half"))) if p.get("n") else None
    whole = whole_units(unit, amount) if amount is not None else None
    n = None
    if whole is not None:
        unit, n = whole
    if p.get("n") is None or amount is None:
        # "years ago", "several weeks ago": some time in the past or future, no more.
        if direction in ("in", "within", "from now", "hence", "from today"):
            return {"grain": "reference", "iso": "FUTURE_REF"}
        if direction in ("ago", "back"):
            return {"grain": "reference", "iso": "PAST_REF"}
        return None
    if direction == "earlier" and n == 1 and unit == "year" and ctx.ref is not None:
        return year_value(ctx.ref.year - 1)  # "a year earlier", in news: the year before
    if direction in ("earlier", "before", "later"):
        return None  # anchored to another event: no definite calendar value
    if ctx.ref is None or n is None:
        return None  # "a month and a half ago": no calendar unit holds it
    try:
        if direction == "within":
            return range_value(ctx.ref, add(ctx.ref, unit, n))
        sign = -1 if direction in ("ago", "back") else 1
        return shift(ctx.ref, unit, sign * n)
    except (OverflowError, ValueError):
        return None


def _since(p: dict[str, Any], ctx: Context) -> Any:
    """ "the highest in two years": the period up to the reference."""
    n = count_of(p.get("n"))
    if n is None or ctx.ref is None:
        return None
    try:
        return range_value(add(ctx.ref, unit_of(p["unit"]), -n), ctx.ref)
    except (OverflowError, ValueError):
        return None


def _offset_anchor(p: dict[str, Any], ctx: Context) -> Any:
    """ "ten days after Labour Day", "two weeks before the election on 3 May", "a week from
    Friday": the anchor date moved by the offset."""
    unit = unit_of(p["unit"])
    n = count_of(p.get("n")) if p.get("n") else 1
    if n is None:
        return None
    sign = -1 if p["dir"] in ("before", "prior to") else 1
    forward = ctx.future or p["dir"] in ("from", "ahead of")
    anchor = read(p["anchor"], ctx.ref, day_first=ctx.day_first, future=forward)
    if anchor is None:
        return None
    if not isinstance(anchor, dict) or "iso" not in anchor or anchor.get("grain") == "reference":
        return INVALID
    day = point_day(anchor)
    try:
        if day is not None:
            return day_value(add(day, unit, sign * n))
        if anchor["grain"] == "month" and unit in ("month", "quarter", "year"):
            year, month = int(anchor["iso"][:4]), int(anchor["iso"][5:7])
            moved = add(dt.date(year, month, 1), unit, sign * n)
            return month_value(moved.year, moved.month)
        if anchor["grain"] == "year" and unit in ("year", "decade", "century"):
            return year_value(add(dt.date(int(anchor["iso"]), 1, 1), unit, sign * n).year)
    except (OverflowError, ValueError):
        return None
    return None


def _rolling(p: dict[str, Any], ctx: Context) -> Any:
    """ "the past three years", "the next 4 months", "over the coming decade": the days from
    the reference back or forward."""
    unit = unit_of(p["unit"])
    past = p["dir"] in ("past", "last", "previous", "preceding")
    if p.get("n") is not None:
        n = count_of(p["n"])
        if n is None:
            return {"grain": "reference", "iso": "PAST_REF" if past else "FUTURE_REF"}
    else:
        n = 1
    if ctx.ref is None:
        return None
    try:
        if past:
            return range_value(add(ctx.ref, unit, -n), ctx.ref)
        return range_value(ctx.ref, add(ctx.ref, unit, n))
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
    number = int(q) if q.isdigit() else {"final": 4, "last": 4}.get(q) or ordinal_of(q)
    if number is None or not 1 <= number <= 4:
        return INVALID
    year = _period_year(p, ctx, middle_month=3 * number - 1)
    return quarter_value(year, number) if year else None


def _period_year(p: dict[str, Any], ctx: Context, middle_month: int) -> int | None:
    """The year of a quarter or half: the one written, else (like a month without a year) the
    nearest one: "the fourth quarter" in March is the one just ended."""
    year_text = p.get("year2") or p.get("year")
    if year_text:
        return year_of(year_text, ctx)
    return year_for(ctx.ref, middle_month) if ctx.ref else None


def _relative_quarter(p: dict[str, Any], ctx: Context) -> Any:
    if ctx.ref is None:
        return None
    word = p.get("dir") or ""
    if word in ("this", "current"):
        return shift(ctx.ref, "quarter", 0)
    if word in ("next", "coming"):
        return shift(ctx.ref, "quarter", 1)
    if word.startswith("year") or word == "comparable":
        return shift(ctx.ref, "quarter", -5)  # the just-ended quarter, a year before
    # "The quarter" and "the latest quarter" in a report are the one just ended.
    return shift(ctx.ref, "quarter", -1)


def _half(p: dict[str, Any], ctx: Context) -> Any:
    h = p["h"]
    number = {"1": 1, "2": 2, "first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2,
              "last": 2, "latter": 2, "back": 2}.get(h)  # fmt: skip
    if number is None:
        return INVALID
    year = _period_year(p, ctx, middle_month=6 * number - 2)
    return {"grain": "half", "iso": f"{year:04d}-H{number}"} if year else None


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _season(p: dict[str, Any], ctx: Context) -> Any:
    code = lexicon()["seasons"][p["season"]]
    if p.get("year"):
        year = year_of(p["year"], ctx)
    elif ctx.ref is None:
        return None
    else:
        year = ctx.ref.year
        first, last = _SEASON_MONTHS[code]
        step = relative_step(p.get("dir"))
        month = ctx.ref.month + (12 if code == "WI" and ctx.ref.month <= 2 else 0)
        if code == "WI" and ctx.ref.month <= 2:
            year -= 1  # January 2024 is in the winter of 2023
        if step < 0 and month <= last:
            year -= 1  # "last summer" in August is the one before
        elif step > 0 and month >= first:
            year += 1  # "next spring" in April is the one after
        elif step == 0 and ctx.past and month < first:
            year -= 1  # "He joined in the summer", said in March: the summer before
    return {"grain": "season", "iso": f"{year:04d}-{code}"} if year else None


def _fiscal_year(p: dict[str, Any], ctx: Context) -> Any:
    year = year_of(p["year"], ctx)
    return year_value(year) if year else INVALID


def _year_meaning(p: dict[str, Any], ctx: Context) -> Any:
    year = year_of(p["year"], ctx)
    return year_value(year) if year and 1000 <= year <= 2199 else INVALID


def _spoken_year(p: dict[str, Any], ctx: Context) -> Any:
    words = re.split(r"[ \t-]+", p["words"])
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return year_value(2000 + (count_of(" ".join(rest)) or 0 if rest else 0))
    century = count_of(words[0])
    rest = words[1:]
    low = 0 if rest == ["hundred"] else count_of(" ".join(w for w in rest if w != "oh")) or 0
    return year_value(century * 100 + low) if century else INVALID


def _decade(p: dict[str, Any], ctx: Context) -> Any:
    if p.get("digits"):
        return {"grain": "decade", "iso": f"{p['digits']}X"}
    if p.get("digit"):
        digit = int(p["digit"])
        return {"grain": "decade", "iso": f"{'19' if digit >= 3 else '20'}{digit}X"}
    tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
            "nineties"].index(p["word"]) + 2  # fmt: skip
    return {"grain": "decade", "iso": f"19{tens}X"}


def _century_hundreds(p: dict[str, Any], ctx: Context) -> Any:
    """ "the 1800s": the hundred years from 1800, a century (TIMEX3 18XX); "the 2000s" is
    read as a decade, as it is mostly meant."""
    return {"grain": "century", "iso": f"{p['hundreds']}XX"}


def _century(p: dict[str, Any], ctx: Context) -> Any:
    number = ordinal_of(p["n"])
    if number is None or not 1 <= number <= 30:
        return INVALID
    return {"grain": "century", "iso": f"{number - 1:02d}XX"}


def _modified(p: dict[str, Any], ctx: Context) -> Any:
    inner = read(p["inner"], ctx.ref, day_first=ctx.day_first, future=ctx.future)
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
        return day_value(dt.date(ref.year, 12, 31))
    if unit == "quarter":
        last_month = ((ref.month - 1) // 3 + 1) * 3
        return day_value(
            dt.date(ref.year, last_month, calendar.monthrange(ref.year, last_month)[1])
        )
    if unit == "month":
        return day_value(dt.date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1]))
    if unit == "week":
        return day_value(ref + dt.timedelta(days=6 - ref.weekday()))
    return day_value(ref)


def _year_to_date(p: dict[str, Any], ctx: Context) -> Any:
    return range_value(dt.date(ctx.ref.year, 1, 1), ctx.ref) if ctx.ref else None


def _first_part(p: dict[str, Any], ctx: Context) -> Any:
    """ "the first nine months of 1989", "the first 10 days of October": the part of a
    period counted from its start (or, "the last two weeks of March", back from its end)."""
    n = count_of(p.get("n"))
    inner = read(p["inner"], ctx.ref, day_first=ctx.day_first)
    if n is None or not isinstance(inner, dict) or "iso" not in inner or "mod" in inner:
        return None if n is None or inner is None else INVALID
    bounds = period_bounds(inner)
    if bounds is None:
        return INVALID
    first, last = bounds
    unit = unit_of(p["unit"])
    try:
        if p["which"] == "first":
            start, end = first, add(first, unit, n) - dt.timedelta(days=1)
        else:
            start, end = add(last + dt.timedelta(days=1), unit, -n), last
    except (OverflowError, ValueError):
        return None
    if end > last or start < first:
        return INVALID
    if unit in ("month", "quarter"):
        return {"end": end.isoformat()[:7], "grain": "month", "start": start.isoformat()[:7]}
    return range_value(start, end)


def _period_ended(p: dict[str, Any], ctx: Context) -> Any:
    """ "the quarter ended Sept. 30", "the 13 weeks ended June 29": the days of a reporting
    period, from the end date back (a fiscal quarter need not be a calendar one)."""
    inner = read(p["inner"], ctx.ref, day_first=ctx.day_first, future=ctx.future)
    end = point_day(inner)
    if (
        end is None
        and isinstance(inner, dict)
        and inner.get("grain") == "month"
        and "mod" not in inner
    ):
        bounds = period_bounds(inner)  # "the three months to December": to its last day
        end = bounds[1] if bounds else None
    if (
        end is None
        and isinstance(inner, dict)
        and inner.get("grain") == "year"
        and "mod" not in inner
        and str(inner.get("iso", "")).isdigit()
    ):
        end = dt.date(int(inner["iso"]), 12, 31)  # "the decade to 2004": to the year's end
    if end is None:
        return None
    if ctx.ref is not None and end > ctx.ref and not ctx.future and not _YEAR.search(p["inner"]):
        # "Sales fell in the three months to September": a period reported on has ended; the
        # nearest September may be still to come.
        try:
            end = _period_end_a_year_back(end)
        except ValueError:
            return None
    if p.get("unit"):
        months_back, weeks = {"quarter": 3, "half": 6, "year": 12, "decade": 120}[p["unit"]], 0
    else:
        n = count_of(p.get("n"))
        if not n:
            return None
        per_unit = {"m": (1, 0), "w": (0, 1), "y": (12, 0)}[p["units"][0]]
        months_back, weeks = n * per_unit[0], n * per_unit[1]
    after = end + dt.timedelta(days=1)
    if weeks:
        start = after - dt.timedelta(weeks=weeks)
    else:
        year, month = add_months(after.year, after.month, -months_back)
        start = dt.date(year, month, min(after.day, calendar.monthrange(year, month)[1]))
    return range_value(start, end)


_YEAR = re.compile(r"\b[0-9]{4}\b|['’][0-9]{2}\b")


def _period_end_a_year_back(end: dt.date) -> dt.date:
    """The same end a year earlier; a month's last day stays its last day (29 February)."""
    last = calendar.monthrange(end.year, end.month)[1]
    days = calendar.monthrange(end.year - 1, end.month)[1]
    return dt.date(end.year - 1, end.month, days if end.day == last else min(end.day, days))


def _anaphoric(p: dict[str, Any], ctx: Context) -> Any:
    # "the year" in a news report is the year it speaks of: the reference's.
    return shift(ctx.ref, p["unit"], 0) if ctx.ref else None


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
        return shift(ctx.ref, "quarter", -5)
    if period in ("month", "week"):
        return shift(add(ctx.ref, "year", -1), period, 0)
    return year_value(ctx.ref.year - 1)


def _reference(p: dict[str, Any], ctx: Context) -> Any:
    value = REFERENCES.get(" ".join(p["word"].split()))
    return {"grain": "reference", "iso": value} if value else INVALID


def _day_range(p: dict[str, Any], ctx: Context) -> Any:
    """ "March 3-5, 2024" and "3 to 5 March": one month, two days."""
    month = month_of(p["month"])
    d1, d2 = ordinal_of(p["d1"]), ordinal_of(p["d2"])
    if month is None or d1 is None or d2 is None or d1 >= d2:
        return INVALID
    if p.get("year"):
        year = int(p["year"])
    elif ctx.ref is not None:
        year = _year_of(ctx, month, d2)
    else:
        return None if d2 <= calendar.monthrange(2000, month)[1] else INVALID
    try:
        return range_value(dt.date(year, month, d1), dt.date(year, month, d2))
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
    end = read(right, ctx.ref, day_first=ctx.day_first)
    start = read(left, ctx.ref, day_first=ctx.day_first)
    right_year = re.search(r"\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b", right)
    left_year = re.search(r"\b(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})\b", left)
    if right_year and not left_year:
        # "between March and May 2024", "Jan 3 - Mar 9, 2024": the start borrows the year.
        start = read(f"{left} {right_year.group()}", ctx.ref, day_first=ctx.day_first) or start
    elif not right_year and not left_year and calendar_point(start) and calendar_point(end):
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
        start, end = on_calendar(start, ctx.ref), on_calendar(end, ctx.ref)
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
    "decade": _decade, "century": _century, "century_hundreds": _century_hundreds,
    "modified": _modified,
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


_LEADING = re.compile(
    r"^(?:on|by|during|since|until|till|from|of|at|for|over|in|around|about|before|after|as early as|as late as|sometime|some time|only|just|through|throughout|within)\s+",
    re.IGNORECASE,
)
_FILLER_END = re.compile(r"(?:\s*['’]s|\s*['’]|[\s,.;:]+)$")


_SPOKEN = re.compile(SPOKEN_YEAR, re.IGNORECASE)


def clean(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.split()).strip(' ,;:()"“”')
    if _SPOKEN.search(text) and not _SPOKEN.fullmatch(text):
        # "January nineteen ninety-seven": the year as digits, so the calendar forms read it.
        text = _SPOKEN.sub(
            lambda m: _spoken_year({"words": m.group().lower()}, Context())["iso"], text
        )
    return text


def read(
    text: str,
    reference: dt.date | str | None = None,
    *,
    day_first: bool = False,
    future: bool = False,
    past: bool = False,
) -> Value:
    """The value of a phrase the grammar reads whole, or None (no reading, or no definite
    value)."""
    value = read_cached(clean(text), context(reference, day_first, future, past))
    return None if value is INVALID or value is NO_READING else value


def context(
    reference: dt.date | str | None,
    day_first: bool = False,
    future: bool = False,
    past: bool = False,
) -> Context:
    if isinstance(reference, str):
        try:
            reference = dt.date.fromisoformat(reference[:10])
        except ValueError:
            reference = None
    return Context(reference, day_first, future, past and not future)


@lru_cache(maxsize=65536)
def read_cached(text: str, ctx: Context) -> Any:
    """The value of a cleaned phrase: a value, None, INVALID (read, but no date) or
    NO_READING."""
    if not text:
        return NO_READING
    attempts = [text]
    trimmed = _FILLER_END.sub("", text)
    if trimmed != text:
        attempts.append(trimmed)
    for attempt in list(attempts):
        stripped = _LEADING.sub("", attempt)
        if stripped != attempt:
            attempts.append(stripped)
    rules = date_grammar()
    refused = False
    for attempt in attempts:
        for parsed in rules.readings(attempt):
            value = meaning_of(parsed, ctx)
            if value is INVALID:
                refused = True
                continue
            return value
    return INVALID if refused else NO_READING
