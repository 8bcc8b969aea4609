"""Date values: absolute forms, relative forms against a reference, and no made-up values."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.normalize import parse_date
from brief.schema import extract_schema

REF = "2024-03-16"  # a Saturday


def day(iso):
    return {"iso": iso, "grain": "day"}


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # absolute dates in every common order and style
        ("27 March 2024", None, day("2024-03-27")),
        ("March 27th, 2024", None, day("2024-03-27")),
        ("March 27, 2024", None, day("2024-03-27")),
        ("Mar. 27, 2024", None, day("2024-03-27")),
        ("the 27th of March 2024", None, day("2024-03-27")),
        ("3/27/2024", None, day("2024-03-27")),
        ("27/3/2024", None, day("2024-03-27")),
        ("2024-03-27", None, day("2024-03-27")),
        ("2024/03/27", None, day("2024-03-27")),
        ("Jan. 8, 1998", None, day("1998-01-08")),
        ("27 March", REF, day("2024-03-27")),
        # months and years alone
        ("October 2015", None, {"iso": "2015-10", "grain": "month"}),
        ("Dec. 1998", None, {"iso": "1998-12", "grain": "month"}),
        ("March", REF, {"iso": "2024-03", "grain": "month"}),
        ("2015", None, {"iso": "2015", "grain": "year"}),
        # without a year: the nearest such month, up to 7 months back or 4 ahead
        ("December", "2024-10-15", {"iso": "2024-12", "grain": "month"}),
        ("Nov. 25", "2000-01-07", day("1999-11-25")),
        ("August", "1998-02-13", {"iso": "1997-08", "grain": "month"}),
        ("Jan. 2", "1989-11-02", day("1990-01-02")),
        ("May", "2024-12-01", {"iso": "2024-05", "grain": "month"}),
        ("April 3", "2024-12-10", day("2025-04-03")),
        ("March 25", "2024-03-20", day("2024-03-25")),
        ("fiscal 1998", None, {"iso": "1998", "grain": "year"}),
        # weekdays and deictic days
        ("Tuesday", REF, day("2024-03-12")),
        ("Saturday", REF, day("2024-03-16")),
        ("yesterday", REF, day("2024-03-15")),
        ("today", REF, day("2024-03-16")),
        ("tomorrow", REF, day("2024-03-17")),
        ("the day after tomorrow", REF, day("2024-03-18")),
        ("last Tuesday", REF, day("2024-03-12")),
        ("next Tuesday", REF, day("2024-03-19")),
        # last / this / next periods
        ("last week", REF, {"iso": "2024-W10", "grain": "week"}),
        ("this week", REF, {"iso": "2024-W11", "grain": "week"}),
        ("next month", REF, {"iso": "2024-04", "grain": "month"}),
        ("last month", "2024-01-10", {"iso": "2023-12", "grain": "month"}),
        ("next year", REF, {"iso": "2025", "grain": "year"}),
        ("last year", REF, {"iso": "2023", "grain": "year"}),
        ("this quarter", REF, {"iso": "2024-Q1", "grain": "quarter"}),
        ("next quarter", REF, {"iso": "2024-Q2", "grain": "quarter"}),
        ("the latest quarter", "2024-10-20", {"iso": "2024-Q3", "grain": "quarter"}),
        ("the quarter", "2024-10-20", {"iso": "2024-Q3", "grain": "quarter"}),
        ("earlier this year", REF, {"iso": "2024", "grain": "year"}),
        ("later this month", REF, {"iso": "2024-03", "grain": "month"}),
        ("two weeks ago", REF, {"iso": "2024-W09", "grain": "week"}),
        ("three days ago", REF, day("2024-03-13")),
        ("in three days", REF, day("2024-03-19")),
        ("a year ago", REF, {"iso": "2023", "grain": "year"}),
        # parts of years, decades, centuries
        ("early 2015", None, {"iso": "2015", "grain": "year", "mod": "early"}),
        ("mid-2015", None, {"iso": "2015", "grain": "year", "mod": "mid"}),
        ("late March 2024", None, {"iso": "2024-03", "grain": "month", "mod": "late"}),
        ("the end of 2023", None, {"iso": "2023", "grain": "year", "mod": "late"}),
        ("the third quarter", REF, {"iso": "2023-Q3", "grain": "quarter"}),  # the nearest one
        ("Q3 2024", None, {"iso": "2024-Q3", "grain": "quarter"}),
        ("the fourth quarter of 1997", None, {"iso": "1997-Q4", "grain": "quarter"}),
        ("the first half of 2024", None, {"iso": "2024-H1", "grain": "half"}),
        ("H2 2023", None, {"iso": "2023-H2", "grain": "half"}),
        ("summer 2024", None, {"iso": "2024-SU", "grain": "season"}),
        ("last winter", REF, {"iso": "2023-WI", "grain": "season"}),
        ("the 1990s", None, {"iso": "199X", "grain": "decade"}),
        ("the '80s", None, {"iso": "198X", "grain": "decade"}),
        ("the 20th century", None, {"iso": "19XX", "grain": "century"}),
        ("the nineteenth century", None, {"iso": "18XX", "grain": "century"}),
        # named holidays
        ("Christmas 2023", None, day("2023-12-25")),
        ("Christmas Eve", REF, day("2023-12-24")),  # the latest one up to four months ahead
        ("Easter", REF, day("2024-03-31")),
        ("Easter 2025", None, day("2025-04-20")),
        ("Thanksgiving", REF, day("2023-11-23")),
        ("Good Friday 2024", None, day("2024-03-29")),
        # ranges
        ("2015-2017", None, {"start": "2015", "end": "2017", "grain": "year"}),
        ("2015-17", None, {"start": "2015", "end": "2017", "grain": "year"}),
        (
            "between March and May 2024",
            None,
            {"start": "2024-03", "end": "2024-05", "grain": "month"},
        ),
        ("from 1998 to 2001", None, {"start": "1998", "end": "2001", "grain": "year"}),
        ("March 3-5, 2024", None, {"start": "2024-03-03", "end": "2024-03-05", "grain": "day"}),
        ("3 to 5 March 2024", None, {"start": "2024-03-03", "end": "2024-03-05", "grain": "day"}),
        ("the week of March 3", REF, {"start": "2024-02-26", "end": "2024-03-03", "grain": "week"}),
    ],
)
def test_date_values(text, reference, expected):
    assert parse_date(text, reference) == expected


@pytest.mark.parametrize(
    "text",
    [
        "some time",
        "three years",
        "5",
        "12",
        "1,200",
        "345678",
        "",
        "days later",
        "33 March 2024",
        "2024-13-01",
    ],
)
def test_no_definite_value_is_null(text):
    assert parse_date(text, REF) is None


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("recent years", "PAST_REF"),
        ("the past few years", "PAST_REF"),
        ("a few weeks ago", "PAST_REF"),
        ("the coming months", "FUTURE_REF"),
        ("these days", "PRESENT_REF"),
    ],
)
def test_vague_periods_are_the_past_present_or_future(text, reference):
    assert parse_date(text, REF) == {"iso": reference, "grain": "reference"}


@pytest.mark.parametrize(
    "text",
    ["yesterday", "last week", "Tuesday", "next year", "the third quarter", "Easter", "March",
     "27 March", "two weeks ago", "this month", "last summer"],
)  # fmt: skip
def test_relative_dates_need_a_reference(text):
    assert parse_date(text, None) is None
    assert parse_date(text, REF) is not None


def test_reference_changes_the_value():
    assert parse_date("yesterday", "2024-01-01") == day("2023-12-31")
    assert parse_date("yesterday", "2024-03-01") == day("2024-02-29")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("now", "PRESENT_REF"),
        ("Right now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("current", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("the near future", "FUTURE_REF"),
        ("the foreseeable future", "FUTURE_REF"),
    ],
)
def test_present_past_and_future_take_timeml_reference_values(text, value):
    # TimeML's values: "now" is the present as such, the same with or without a document date.
    expected = {"iso": value, "grain": "reference"}
    assert parse_date(text, None) == expected
    assert parse_date(text, REF) == expected


def days(start, end):
    return {"start": start, "end": end, "grain": "day"}


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("the quarter ended Sept. 30", "2024-10-24", days("2024-07-01", "2024-09-30")),
        ("the year ended March 31", "2024-05-10", days("2023-04-01", "2024-03-31")),
        ("its fourth quarter ended Aug. 26", "1989-10-01", days("1989-05-27", "1989-08-26")),
        ("the six months ended Oct. 1", "1989-11-01", days("1989-04-02", "1989-10-01")),
        ("the 13 weeks ended June 29, 2024", None, days("2024-03-31", "2024-06-29")),
        ("the fiscal year ending June 30, 2025", None, days("2024-07-01", "2025-06-30")),
        ("the half ended Feb. 29, 2024", None, days("2023-09-01", "2024-02-29")),
        ("the quarter ended Sept. 30", None, None),  # no year, no reference: no value
        ("a year ending soon", REF, None),
    ],
)
def test_reporting_periods_are_the_days_up_to_their_end(text, reference, expected):
    assert parse_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years as broadcast transcripts spell them
        ("nineteen ninety-six", {"iso": "1996", "grain": "year"}),
        ("nineteen oh five", {"iso": "1905", "grain": "year"}),
        ("nineteen hundred", {"iso": "1900", "grain": "year"}),
        ("the year two thousand", {"iso": "2000", "grain": "year"}),
        ("two thousand and one", {"iso": "2001", "grain": "year"}),
        ("twenty twenty-four", {"iso": "2024", "grain": "year"}),
        ("January nineteen ninety-seven", {"iso": "1997-01", "grain": "month"}),
        ("the winter of nineteen ninety-four", {"iso": "1994-WI", "grain": "season"}),
        ("March 3, nineteen eighty", day("1980-03-03")),
        # a modifier after "the"
        ("the late 1970s", {"iso": "197X", "grain": "decade", "mod": "late"}),
        ("the early 1980s", {"iso": "198X", "grain": "decade", "mod": "early"}),
    ],
)
def test_spoken_years_and_modified_decades(text, expected):
    assert parse_date(text, None) == expected


@pytest.mark.parametrize("text", ["twenty one days", "nineteen", "two thousand people"])
def test_spoken_numbers_that_are_not_years(text):
    assert parse_date(text, REF) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June last year", {"iso": "2023-06", "grain": "month"}),
        ("January this year", {"iso": "2024-01", "grain": "month"}),
        ("early June last year", {"iso": "2023-06", "grain": "month", "mod": "early"}),
        # "the year" of a report is the year it speaks of
        ("the year", {"iso": "2024", "grain": "year"}),
        ("the full year", {"iso": "2024", "grain": "year"}),
        ("the current fiscal year", {"iso": "2024", "grain": "year"}),
        ("the end of the year", {"iso": "2024", "grain": "year", "mod": "late"}),
        ("year-end", {"iso": "2024-12-31", "grain": "day"}),
    ],
)
def test_months_of_relative_years_and_the_year(text, expected):
    assert parse_date(text, REF) == expected
    assert parse_date(text, None) is None


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "between now and 2007",
            "2005-02-10",
            {"start": "2005-02-10", "end": "2007", "grain": "day"},
        ),
        ("between now and 2007", None, None),
        ("from recently to 2010", "2005-02-10", None),  # the past as such bounds nothing
    ],
)
def test_now_as_the_end_of_a_range(text, reference, expected):
    assert parse_date(text, reference) == expected


DATE_WORDS = st.sampled_from(
    ["now", "recently", "the", "future", "past", "between", "and", "to", "from", "-", "2007",
     "March", "27", "Sept.", "30", "last", "next", "this", "year", "week", "quarter", "ended",
     "nineteen", "ninety-six", "early", "late", "1970s", "Wednesday", "night", "ago", "two",
     "of", "end", "Q3", "H1", "summer", "Easter", "century", "20th", "'s", ","]
)  # fmt: skip
GRAINS = set(extract_schema()["$defs"]["grain"]["enum"])


@settings(max_examples=500, deadline=None)
@given(st.lists(DATE_WORDS, min_size=1, max_size=7).map(" ".join), st.sampled_from([None, REF]))
def test_any_date_phrase_has_a_value_in_the_contract_or_none(text, reference):
    value = parse_date(text, reference)
    assert value is None or value["grain"] in GRAINS


POINTS = ["now", "recently", "the future", "2007", "March 2024", "Sept. 30", "last year",
          "nineteen ninety-six", "the quarter ended Sept. 30", "Wednesday night", "the late 1970s",
          "Q3 2024", "early 2015", "27"]  # fmt: skip


@pytest.mark.parametrize("reference", [None, REF])
def test_every_pair_of_dates_as_a_range_has_a_value_in_the_contract_or_none(reference):
    for left, right in itertools.product(POINTS, repeat=2):
        for form in ("{} to {}", "between {} and {}", "from {} through {}", "{}-{}"):
            value = parse_date(form.format(left, right), reference)
            assert value is None or value["grain"] in GRAINS - {"reference"}, (left, right)
