"""Dated values on a time axis: the interval each value covers, and the report's SVG timeline."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from html import escape
from typing import Any

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # months, 14 = Feb next


def date_interval(value: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date value covers; None for one with no place on the
    calendar (PRESENT_REF and the like)."""
    if "start" in value and "end" in value:
        first, last = _interval(value["start"]), _interval(value["end"])
        if first is None or last is None:
            return None
        return min(first[0], last[0]), max(first[1], last[1])
    return _interval(value.get("iso", ""))


def _month_end(year: int, month: int) -> dt.date:
    while month > 12:
        year, month = year + 1, month - 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _interval(iso: str) -> tuple[dt.date, dt.date] | None:
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso):
            day = dt.date(*map(int, m.groups()))
            return day, day
        if m := re.fullmatch(r"(\d{4})-(\d{2})", iso):
            year, month = map(int, m.groups())
            return dt.date(year, month, 1), _month_end(year, month)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", iso):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", iso):
            year, quarter = int(m.group(1)), int(m.group(2))
            return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if m := re.fullmatch(r"(\d{4})-H([12])", iso):
            year, half = int(m.group(1)), int(m.group(2))
            return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", iso):
            year, (first, last) = int(m.group(1)), _SEASONS[m.group(2)]
            return dt.date(year, first, 1), _month_end(year, last)
        if m := re.fullmatch(r"(\d{4})", iso):
            year = int(iso)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := re.fullmatch(r"(\d{3})X", iso):
            start = int(m.group(1)) * 10
            return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})XX", iso):
            start = int(m.group(1)) * 100
            return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
    except ValueError:
        return None
    return None


_WIDTH, _LEFT, _RIGHT, _LANE = 960, 40, 20, 14
_LANES = ["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]


def timeline_svg(values: list[tuple[dict[str, Any], tuple[dt.date, dt.date], int]]) -> str:
    """An inline SVG: a point for each day, a bar for each longer span, one lane per grain;
    each mark is a `<g class="tm">` holding its value's text as a tooltip."""
    first = min(span[0] for _, span, _ in values).toordinal()
    last = max(span[1] for _, span, _ in values).toordinal() + 1
    scale = (_WIDTH - _LEFT - _RIGHT) / max(last - first, 1)

    def x(day: dt.date) -> float:
        return _LEFT + (day.toordinal() - first) * scale

    lanes = [g for g in _LANES if any(v.get("grain") == g for v, _, _ in values)] or ["day"]
    height = 30 + _LANE * len(lanes) + 20
    parts = [
        f'<svg class="timeline" role="img" aria-label="timeline of dated mentions" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
    ]
    for number, lane in enumerate(lanes):
        y = 20 + number * _LANE
        parts.append(f'<text x="2" y="{y + 9}">{lane}</text>')
    low, high = dt.date.fromordinal(first), dt.date.fromordinal(last - 1)
    step = max(1, (high.year - low.year) // 8 or 1)
    for year in range(low.year + (low.month > 1 or low.day > 1), high.year + 1, step):
        tick = x(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="14" y2="{height - 16}" stroke="#ddd"/>'
            f'<text x="{tick:.1f}" y="{height - 4}" text-anchor="middle">{year}</text>'
        )
    for value, (start, end), count in sorted(values, key=lambda v: (v[1], str(v[0]))):
        grain = value.get("grain", "day")
        y = 20 + (lanes.index(grain) if grain in lanes else 0) * _LANE
        label = value.get("iso") or f"{value.get('start')} to {value.get('end')}"
        title = (
            f"<title>{escape(label)} ({escape(grain)}): {count} mention{'s' * (count != 1)}</title>"
        )
        data = f'class="tm" data-value="{escape(label)}" data-grain="{escape(grain)}"'
        if start == end:
            parts.append(f'<g {data}>{title}<circle cx="{x(start):.1f}" cy="{y + 5}" r="3.5" '
                         'fill="#c47f00"/></g>')  # fmt: skip
        else:
            left, right = x(start), x(end + dt.timedelta(days=1))
            parts.append(f'<g {data}>{title}<rect x="{left:.1f}" y="{y}" '
                         f'width="{max(right - left, 2):.1f}" height="10" fill="#1f6fb2" '
                         'fill-opacity="0.45"/></g>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)
