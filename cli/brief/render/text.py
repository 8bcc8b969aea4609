"""Short human-readable forms of normalised values, for tables and reports."""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters (ESC among them) and DEL: a document or a file name holding them
# must not move the cursor, retitle the terminal or forge a line of its own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters shown as escapes (`\\x1b`, `\\n`)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _amount(number: Any) -> str:
    if isinstance(number, int):
        return f"{number:,}"
    if isinstance(number, float):
        return f"{number:,.2f}"
    return "?"


def describe_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, dict):
        currency = value.get("currency") or "?"
        if "amount" in value:
            text = "approx. " if value.get("approximate") else ""
            if value["amount"] is None:
                return f"unspecified {currency}"
            return f"{text}{_amount(value['amount'])} {currency}"
        low, high = value.get("min"), value.get("max")
        if low is not None and high is not None:
            return f"{_amount(low)}–{_amount(high)} {currency}"
        if low is not None:
            return f"> {_amount(low)} {currency}"
        return f"< {_amount(high)} {currency}"
    if kind == "date" and isinstance(value, dict):
        text = value.get("iso") or f"{value.get('start')}/{value.get('end')}"
        if value.get("mod"):
            text = f"{value['mod']} {text}"
        return text
    if kind == "place" and isinstance(value, dict):
        return str(value.get("country", ""))
    return str(value)
