"""Dates: "27 March 2024" -> {"iso": "2024-03-27", "grain": "day"}.

`iso` is ISO 8601 where it has a form (2024-03-27, 2024-03, 2024, 2024-W13) and the TIMEX3 form
where it has none (2024-Q3, 2024-H1, 2024-SU, 199X, 19XX). Ranges are {"start", "end", "grain"}.
Relative expressions need a reference date (the document's published date); without one they
are None, never resolved against today. General rules come first; dateparser (English only,
explicit settings) reads the absolute dates the rules do not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {calendar.day_name[i].lower(): i for i in range(7)}
WEEKDAYS.update({calendar.day_abbr[i].lower(): i for i in range(7)})
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3})
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
GRAIN_ORDER = ["century", "decade", "year", "half", "quarter", "season", "month", "week", "day"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|'\d{2})"
_MOD = re.compile(
    r"^(?:the )?(?P<mod>early|mid|late|(?:end|beginning|start|middle|first days|last days) of)"
    r"[\s-]+",
)
_MOD_NAMES = {"early": "early", "mid": "mid", "late": "late", "beginning": "early",
              "start": "early", "first days": "early", "end": "late", "last days": "late",
              "middle": "mid"}  # fmt: skip
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")
_UNIT = r"(?P<unit>day|week|month|year|quarter|decade)s?"
_QUANTITY = r"(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"


def _settings_year(year_text: str) -> int:
    if year_text.startswith("'"):
        short = int(year_text[1:])
        return 2000 + short if short < 50 else 1900 + short
    return int(year_text)


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


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift(ref: dt.date, unit: str, n: int) -> dict[str, Any]:
    if unit == "day":
        return _day(ref + dt.timedelta(days=n))
    if unit == "week":
        return _week(ref + dt.timedelta(weeks=n))
    if unit == "month":
        return _month(*_add_months(ref.year, ref.month, n))
    if unit == "quarter":
        year, month = _add_months(ref.year, ref.month, 3 * n)
        return _quarter(year, (month - 1) // 3 + 1)
    if unit == "decade":
        return {"grain": "decade", "iso": f"{(ref.year + 10 * n) // 10:03d}X"}
    return _year(ref.year + n)


_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEEN_WORDS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TEN_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPOKEN_NUMBER = {w: i + 1 for i, w in enumerate(_UNIT_WORDS)}
_SPOKEN_NUMBER.update({w: i + 10 for i, w in enumerate(_TEEN_WORDS)})
_SPOKEN_NUMBER.update({w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS)})
_BELOW_HUNDRED = (
    rf"(?:(?:{'|'.join(_TEN_WORDS)})(?:[\s-]+(?:{'|'.join(_UNIT_WORDS)}))?"
    rf"|{'|'.join(_TEEN_WORDS)}|oh[\s-]+(?:{'|'.join(_UNIT_WORDS)}))"
)
# Years as transcripts spell them: "nineteen ninety-six", "two thousand and one".
_SPOKEN_YEAR = re.compile(
    rf"\b(?P<century>sixteen|seventeen|eighteen|nineteen|twenty)[\s-]+"
    rf"(?P<rest>hundred|{_BELOW_HUNDRED})\b"
    rf"|\btwo thousand(?:[\s-]+(?:and[\s-]+)?(?P<after>{_BELOW_HUNDRED}|{'|'.join(_UNIT_WORDS)}))?\b"
)


def _spoken_number(words: str) -> int:
    return sum(_SPOKEN_NUMBER.get(w, 0) for w in re.split(r"[\s-]+", words))


def _spoken_year(match: re.Match[str]) -> str:
    if match.group("century"):
        rest = match.group("rest")
        low = 0 if rest == "hundred" else _spoken_number(rest)
        return str(_SPOKEN_NUMBER[match.group("century")] * 100 + low)
    return str(2000 + (_spoken_number(match.group("after")) if match.group("after") else 0))


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(text.lower().split()).strip(" ,.;:()")
    text = _SPOKEN_YEAR.sub(_spoken_year, text)
    if not re.match(r"in " + _QUANTITY + " " + _UNIT + "$", text):
        text = re.sub(r"^(?:on|in|by|during|since|until|till|from|of|at|for|over)\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return text


def parse_date(text: str, reference: dt.date | str | None = None) -> dict[str, Any] | None:
    """The calendar value of a date phrase, or None when it has no definite one."""
    if isinstance(reference, str):
        try:
            ref: dt.date | None = dt.date.fromisoformat(reference[:10])
        except ValueError:
            ref = None
    else:
        ref = reference
    return _parse_cached(_clean(text), ref)


@lru_cache(maxsize=65536)
def _parse_cached(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    if not text:
        return None
    period = _parse_period_ended(text, ref)
    if period is not None:
        return period
    ranged = _parse_range(text, ref)
    if ranged is not None:
        return ranged
    return _parse_single(text, ref)


def _parse_single(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    match = _MOD.match(text)
    if match:
        inner = _parse_single(text[match.end() :], ref)
        if inner is None or "iso" not in inner:
            return inner
        mod_word = match.group("mod").replace(" of", "").strip()
        return {**inner, "mod": _MOD_NAMES.get(mod_word, mod_word)}
    text = _PART_OF_DAY.sub("", text)
    if text in ("year-end", "year end"):
        return _parse_single("the end of the year", ref)
    anaphoric = _THE_PERIOD.fullmatch(text)
    if anaphoric:
        # "the year" in a news report is the year it speaks of: the reference's.
        return _shift(ref, anaphoric.group("unit"), 0) if ref else None
    if text.startswith("the "):
        text = text[4:]
    for rule in _RULES:
        value = rule(text, ref)
        if value is not _NO_MATCH:
            return value
    return _dateparser_fallback(text, ref)


_NO_MATCH: Any = object()
_THE_PERIOD = re.compile(r"the (?:(?:full|fiscal|calendar|current) )*(?P<unit>year|month|week)")
_MONTH_OF_YEAR = re.compile(_MONTH + r",? (?:of )?(?P<which>last|this|next) year")


def _rule_iso(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match:
        return _NO_MATCH
    year, month = int(match.group(1)), int(match.group(2))
    try:
        if match.group(3):
            return _day(dt.date(year, month, int(match.group(3))))
        dt.date(year, month, 1)
    except ValueError:
        return None
    return _month(year, month)


def _rule_year(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(
        r"(?:(?:fiscal|financial|calendar|fy|model|school)\s*(?:year\s*)?)?(\d{4})", text
    )
    if not match:
        return _NO_MATCH
    year = int(match.group(1))
    return _year(year) if 1000 <= year <= 2199 else None


def _rule_decade(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(r"(\d{3})0'?s", text) or re.fullmatch(r"'?(\d)0'?s", text)
    if match:
        digits = match.group(1)
        if len(digits) == 1:
            digits = ("19" if int(digits) >= 3 else "20") + digits
        return {"grain": "decade", "iso": f"{digits}X"}
    for word, tens in DECADE_WORDS.items():
        if text in (word, f"nineteen {word}", f"the {word}"):
            return {"grain": "decade", "iso": f"19{tens}X"}
    return _NO_MATCH


def _rule_century(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)[\s-]century", text)
    number = int(match.group(1)) if match else None
    if number is None:
        match = re.fullmatch(r"([a-z -]+?)[\s-]century", text)
        number = ORDINALS.get(match.group(1)) if match else None
    if number is None:
        return _NO_MATCH
    return {"grain": "century", "iso": f"{number - 1:02d}XX"}


def _year_in(text: str) -> int | None:
    match = re.search(r"\b(\d{4})\b|(?:^|\s)('\d{2})\b", text)
    if not match:
        return None
    return _settings_year(match.group(1) or match.group(2))


def _relative_year(text: str, ref: dt.date | None) -> int | Any | None:
    """The year a part-of-year phrase names: explicit, "last/this/next", or the reference's."""
    year = _year_in(text)
    if year is not None:
        return year
    if ref is None:
        return None
    if re.search(r"\b(?:last|previous|past)\b", text):
        return _NO_MATCH  # resolved by the caller relative to the current period
    return ref.year


def _rule_quarter(text: str, ref: dt.date | None) -> Any:
    match = re.search(r"\bq([1-4])\b", text) or re.search(
        r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter", text
    )
    relative = re.fullmatch(
        r"(?:(last|previous|past|this|current|next|coming|latest|most recent|recent|just-ended"
        r"|fiscal) )?(?:fiscal )?quarter",
        text,
    )
    if relative:
        if ref is None:
            return None
        # "The quarter" and "the latest quarter" in a report are the one just ended.
        step = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(relative.group(1) or "", -1)
        return _shift(ref, "quarter", step)
    if not match:
        return _NO_MATCH
    quarter = int(match.group(1)) if match.group(1).isdigit() else ORDINALS[match.group(1)]
    year = _year_in(text)
    if year is None:
        if ref is None:
            return None
        year = ref.year
    return _quarter(year, quarter)


def _rule_half(text: str, ref: dt.date | None) -> Any:
    match = re.search(r"\bh([12])\b", text) or re.search(
        r"\b(first|second|1st|2nd)[\s-]+half\b", text
    )
    if not match:
        return _NO_MATCH
    half = int(match.group(1)) if match.group(1).isdigit() else ORDINALS[match.group(1)]
    year = _year_in(text) or (ref.year if ref else None)
    return {"grain": "half", "iso": f"{year:04d}-H{half}"} if year else None


def _rule_season(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(
        r"(?:(last|this|next|past|coming) )?(spring|summer|autumn|fall|winter)(?: (?:of )?(\d{4}|'\d{2}))?",
        text,
    )
    if not match:
        return _NO_MATCH
    code = SEASONS[match.group(2)]
    if match.group(3):
        year = _settings_year(match.group(3))
    elif ref is None:
        return None
    else:
        year = ref.year + {"last": -1, "past": -1, "next": 1, "coming": 1}.get(
            match.group(1) or "", 0
        )
    return {"grain": "season", "iso": f"{year:04d}-{code}"}


def _rule_deictic(text: str, ref: dt.date | None) -> Any:
    offsets = {
        "today": 0, "tonight": 0, "this day": 0, "yesterday": -1, "tomorrow": 1,
        "day after tomorrow": 2, "day before yesterday": -2,
    }  # fmt: skip
    if text not in offsets:
        return _NO_MATCH
    return _day(ref + dt.timedelta(days=offsets[text])) if ref else None


# TimeML's values for the present, past and future as such: "now" is not a calendar date.
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF", "past": "PAST_REF",
    "previously": "PAST_REF", "future": "FUTURE_REF", "near future": "FUTURE_REF",
    "foreseeable future": "FUTURE_REF", "distant future": "FUTURE_REF", "soon": "FUTURE_REF",
}  # fmt: skip


def _rule_reference(text: str, ref: dt.date | None) -> Any:
    value = REFERENCES.get(text)
    return _NO_MATCH if value is None else {"grain": "reference", "iso": value}


def _quantity(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _rule_ago(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(
        _QUANTITY + r" " + _UNIT + r" (?P<dir>ago|earlier|before|from now|hence|later)", text
    )
    match = match or re.fullmatch(r"(?P<dir>in|within) " + _QUANTITY + r" " + _UNIT, text)
    if not match:
        return _NO_MATCH
    if match.group("dir") in ("earlier", "before", "later", "within"):
        return None  # anchored to another event, or a span: no definite calendar value
    n = _quantity(match.group("n"))
    if ref is None or n is None or match.group("n") in ("a few", "several", "a couple of"):
        return None
    sign = -1 if match.group("dir") == "ago" else 1
    return _shift(ref, match.group("unit"), sign * n)


def _rule_this_next_last(text: str, ref: dt.date | None) -> Any:
    text = re.sub(r"^(?:earlier|later|so far|early|late) (?=this )", "", text)
    match = re.fullmatch(r"(last|this|next|past|coming|previous|current|the following) (.+)", text)
    if not match:
        return _NO_MATCH
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "the following": 1}.get(
        match.group(1), 0
    )
    what = match.group(2)
    if what in ("week", "month", "year", "decade", "weekend"):
        if ref is None:
            return None
        if what == "weekend":
            saturday = ref + dt.timedelta(days=(5 - ref.weekday()) + 7 * step)
            if step == 0 or (step < 0 and ref.weekday() >= 5):
                saturday = (
                    ref
                    - dt.timedelta(days=(ref.weekday() - 5) % 7)
                    + (dt.timedelta(days=0) if step == 0 else dt.timedelta(days=-7))
                )
            return {"grain": "day", "start": saturday.isoformat(),
                    "end": (saturday + dt.timedelta(days=1)).isoformat()}  # fmt: skip
        return _shift(ref, what, step)
    if what in WEEKDAYS:
        if ref is None:
            return None
        target = WEEKDAYS[what]
        if step < 0:
            delta = (ref.weekday() - target) % 7 or 7
            return _day(ref - dt.timedelta(days=delta))
        if step > 0:
            delta = (target - ref.weekday()) % 7 or 7
            return _day(ref + dt.timedelta(days=delta))
        return _day(ref + dt.timedelta(days=target - ref.weekday()))
    if what in MONTHS:
        if ref is None:
            return None
        month = MONTHS[what]
        if step < 0:
            year = ref.year if month < ref.month else ref.year - 1
        elif step > 0:
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        return _month(year, month)
    return _NO_MATCH


def _rule_month_of_relative_year(text: str, ref: dt.date | None) -> Any:
    """ "June last year", "January this year"."""
    match = _MONTH_OF_YEAR.fullmatch(text)
    if match is None:
        return _NO_MATCH
    if ref is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match.group("which")]
    return _month(ref.year + step, MONTHS[match.group("month")])


def _rule_weekday(text: str, ref: dt.date | None) -> Any:
    if text not in WEEKDAYS:
        return _NO_MATCH
    if ref is None:
        return None
    # News reports mostly look back: a bare weekday is the latest such day up to the reference.
    delta = (ref.weekday() - WEEKDAYS[text]) % 7
    return _day(ref - dt.timedelta(days=delta))


@lru_cache(maxsize=1)
def _holidays() -> dict[str, Any]:
    from ..pipeline.config import read_json

    return read_json("holidays.json")


def _holiday_date(name: str, year: int) -> dt.date | None:
    data = _holidays()
    if name in data["fixed"]:
        month, day = map(int, data["fixed"][name].split("-"))
        return dt.date(year, month, day)
    if name in data["easter"]:
        from dateutil.easter import easter

        return easter(year) + dt.timedelta(days=data["easter"][name])
    if name in data["nth_weekday"]:
        month, weekday, n = data["nth_weekday"][name]
        days = [
            d
            for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday
        ]
        return days[n - 1] if n > 0 else days[n]
    return None


def _rule_holiday(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(
        r"(?:(last|this|next) )?(.+?)(?:,? (?:of )?(\d{4}|'\d{2}))?(?: day)?", text
    )
    if not match:
        return _NO_MATCH
    name = match.group(2).replace("’", "'")
    if _holiday_date(name, 2000) is None:
        name = name + " day"
        if _holiday_date(name, 2000) is None:
            return _NO_MATCH
    if match.group(3):
        year = _settings_year(match.group(3))
    elif ref is None:
        return None
    else:
        year = ref.year + {"last": -1, "next": 1}.get(match.group(1) or "", 0)
    return _day(_holiday_date(name, year))  # type: ignore[arg-type]


def _rule_week_of(text: str, ref: dt.date | None) -> Any:
    match = re.fullmatch(r"week (?:of|beginning|starting|commencing) (.+)", text)
    if not match:
        return _NO_MATCH
    inner = _parse_single(match.group(1), ref)
    if not inner or inner.get("grain") != "day":
        return None
    day = dt.date.fromisoformat(inner["iso"])
    start = day - dt.timedelta(days=day.weekday()) if "of" in text.split()[1:2] else day
    return {
        "grain": "week",
        "start": start.isoformat(),
        "end": (start + dt.timedelta(days=6)).isoformat(),
    }


_CALENDAR_FORMS = [
    re.compile(rf"{_MONTH} {_DAY},? {_YEAR}"),
    re.compile(rf"{_DAY} (?:of )?{_MONTH},? {_YEAR}"),
    re.compile(rf"{_MONTH} {_DAY}"),
    re.compile(rf"{_DAY} (?:of )?{_MONTH}"),
    re.compile(rf"{_MONTH},? (?:of )?{_YEAR}"),
    re.compile(rf"{_MONTH}"),
    re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})"),
    re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})"),
]


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


def _rule_calendar(text: str, ref: dt.date | None) -> Any:
    """Absolute dates in the common orders: "27 March 2024", "March 27th, 2024", "3/27/2024"."""
    for form in _CALENDAR_FORMS:
        match = form.fullmatch(text)
        if not match:
            continue
        parts = match.groupdict()
        year = parts.get("year")
        if parts.get("a"):
            a, b = int(parts["a"]), int(parts["b"])
            # Day first only when the text says so (a first number over 12); else US order.
            month, day = (b, a) if a > 12 else (a, b)
        else:
            month = int(parts["month"]) if parts["month"].isdigit() else MONTHS[parts["month"]]
            day = int(parts["day"]) if parts.get("day") else None
        if year is None:
            if ref is None:
                return None
            year_number = _year_for(ref, month)
        elif len(year) == 2:
            year_number = _settings_year("'" + year)
        else:
            year_number = _settings_year(year)
        try:
            if day is None:
                return _month(year_number, month)
            return _day(dt.date(year_number, month, day))
        except ValueError:
            return None
    return _NO_MATCH


_RULES = [
    _rule_iso,
    _rule_year,
    _rule_decade,
    _rule_century,
    _rule_deictic,
    _rule_reference,
    _rule_ago,
    _rule_week_of,
    _rule_quarter,
    _rule_half,
    _rule_season,
    _rule_this_next_last,
    _rule_month_of_relative_year,
    _rule_weekday,
    _rule_calendar,
    _rule_holiday,
]


_PERIOD_ENDED = re.compile(
    r"(?:[\w-]+\s+)*?(?:(?P<unit>quarter|half|year)|(?P<n>\w+)[\s-](?P<units>months?|weeks?))"
    r"\s+(?:ended|ending)\s+(?P<date>.+)"
)
_PERIOD_MONTHS = {"quarter": 3, "half": 6, "year": 12}


def _parse_period_ended(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    """ "the quarter ended Sept. 30", "the 13 weeks ended June 29": the days of a reporting
    period, from the end date back (a fiscal quarter need not be a calendar one)."""
    match = _PERIOD_ENDED.fullmatch(text)
    if match is None:
        return None
    end_value = _parse_single(match.group("date"), ref)
    if end_value is None or end_value.get("grain") != "day" or "mod" in end_value:
        return None
    end = dt.date.fromisoformat(end_value["iso"])
    if match.group("unit"):
        months, weeks = _PERIOD_MONTHS[match.group("unit")], 0
    else:
        n = _quantity(match.group("n"))
        if not n:
            return None
        months, weeks = (n, 0) if match.group("units").startswith("month") else (0, n)
    after = end + dt.timedelta(days=1)
    if weeks:
        start = after - dt.timedelta(weeks=weeks)
    else:
        year, month = _add_months(after.year, after.month, -months)
        start = dt.date(year, month, min(after.day, calendar.monthrange(year, month)[1]))
    return {"end": end.isoformat(), "grain": "day", "start": start.isoformat()}


def _split_range(text: str) -> tuple[str, str] | None:
    match = re.fullmatch(r"(?:between )(.+?) and (.+)", text) or re.fullmatch(
        r"(?:from )?(.+?) (?:to|through|until|till) (.+)", text
    )
    if match:
        return match.group(1), match.group(2)
    match = re.fullmatch(r"(.+?)\s*-\s*(.+)", text)
    iso_like = re.fullmatch(r"\d{4}-(\d{2})(?:-\d{2})?", text)
    if iso_like and int(iso_like.group(1)) <= 12:
        return None  # 2015-10 is October 2015; 2015-17 is a range of years
    if match and not text.startswith("mid-"):
        return match.group(1), match.group(2)
    return None


_DAY_RANGES = [
    re.compile(
        rf"{_MONTH} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,? {_YEAR})?"
    ),
    re.compile(
        rf"(?:between )?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}(?:,? {_YEAR})?"
    ),
]


def _parse_day_range(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    """ "March 3-5, 2024" and "3 to 5 March": one month, two days."""
    for form in _DAY_RANGES:
        match = form.fullmatch(text)
        if not match:
            continue
        if match.group("year"):
            year = _settings_year(match.group("year"))
        elif ref is not None:
            year = ref.year
        else:
            return None
        month = MONTHS[match.group("month")]
        try:
            start = dt.date(year, month, int(match.group("d1")))
            end = dt.date(year, month, int(match.group("d2")))
        except ValueError:
            return None
        if start > end:
            return None
        return {"end": end.isoformat(), "grain": "day", "start": start.isoformat()}
    return None


def _parse_range(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    day_range = _parse_day_range(text, ref)
    if day_range is not None:
        return day_range
    parts = _split_range(text)
    if parts is None:
        return None
    left, right = parts
    # "2015-17" and "March 3-5, 2024": the left side borrows what it lacks from the right.
    if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
        right = left[:2] + right
    end = _parse_single(right, ref)
    if end is None or "iso" not in end:
        return None
    start = _parse_single(left, ref)
    if start is None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left) and end["grain"] == "day":
        start = _day(dt.date.fromisoformat(end["iso"]).replace(day=int(re.sub(r"\D", "", left))))
    elif (start is None or not _year_in(left)) and _year_in(right) and not _year_in(left):
        start = _parse_single(f"{left} {_year_in(right)}", ref) or start
    if start is None or "iso" not in start:
        return None
    start, end = _on_calendar(start, ref), _on_calendar(end, ref)
    if start is None or end is None:
        return None
    if start["iso"] > end["iso"] and start["grain"] == end["grain"]:
        return None
    grain = max(start["grain"], end["grain"], key=GRAIN_ORDER.index)
    return {"end": end["iso"], "grain": grain, "start": start["iso"]}


def _on_calendar(point: dict[str, Any], ref: dt.date | None) -> dict[str, Any] | None:
    """A range's end as a calendar date: "now" ("between now and 2007") is the reference day;
    the past or future as such cannot bound a range."""
    if point["grain"] != "reference":
        return point
    return _day(ref) if point["iso"] == "PRESENT_REF" and ref is not None else None


_MONTH_WORD = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b")


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


def _dateparser_fallback(text: str, ref: dt.date | None) -> dict[str, Any] | None:
    """dateparser for absolute dates the rules do not cover; only text naming a month or with a
    4-digit year is given to it, so it cannot turn bare numbers into dates."""
    has_month = _MONTH_WORD.search(text) is not None
    if not has_month and not re.search(r"\b\d{4}\b", text):
        return None
    if not has_month and re.fullmatch(r"[\d\s,.]+", text):
        return None
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    date, period = data.date_obj.date(), data.period
    year_given = _year_in(text) is not None
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
