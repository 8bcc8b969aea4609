"""Short human-readable forms of normalised values, for tables and reports."""

from __future__ import annotations

from typing import Any


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
