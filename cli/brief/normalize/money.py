"""Money amounts: "$18 billion" -> {"amount": 18000000000, "currency": "USD"}.

Currency codes and names come from ISO 4217 via pycountry; `models/currencies.json` adds only
what ISO does not settle (symbols, and bare words such as "dollar" that many currencies share).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "grand": 10**3,
    "lakh": 10**5,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mil": 10**6,
    "crore": 10**7,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}
_UNITS = {
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
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_ARTICLES = {"a": 1, "an": 1}

_MIN_WORDS = ("more than", "over", "above", "at least", "upwards of", "in excess of", "exceeding")
_MAX_WORDS = ("under", "less than", "below", "up to", "at most", "no more than", "fewer than")
_ABOUT_WORDS = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated",
    "close to", "just over", "just under", "an",
)  # fmt: skip
_VAGUE = re.compile(
    r"\b(?:multi-?(?:b|m|tr)illion|(?:several|many|tens of|hundreds of)?\s*(?:b|m|tr)illions?\s+of"
    r"|(?:several|a few)\s+(?:thousand|million|billion|trillion))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[,\s]\d{3})*(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(r"[A-Za-z]{1,3}\$|U\.S\.\$|[$€£¥₹₩₽₺₪₱₦]|\d[\d,]*(?:\.\d+)?|\.\d+|[A-Za-z.]+")


@lru_cache(maxsize=1)
def _currency_data() -> dict[str, Any]:
    import pycountry

    from ..pipeline.config import read_json

    data = read_json("currencies.json")
    names: dict[str, str] = {}
    for currency in pycountry.currencies:
        names[currency.name.lower()] = currency.alpha_3
    codes = {c.alpha_3 for c in pycountry.currencies}
    words = {**data["words"]}
    return {
        "symbols": data["symbols"],
        "names": names,
        "words": words,
        "codes": codes,
        "subunits": {k: (v[0], Decimal(str(v[1]))) for k, v in data["subunits"].items()},
    }


def _singular(word: str) -> str:
    if word in ("pence", "kronor", "kroner", "reais"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        return word[:-1]
    return word


def find_currency(text: str) -> tuple[str | None, Decimal]:
    """The ISO 4217 code a money phrase is in, and the factor of a subunit (cents -> 0.01)."""
    data = _currency_data()
    for symbol in sorted(data["symbols"], key=len, reverse=True):
        index = text.find(symbol)
        if index < 0:
            continue
        before = text[index - 1] if index > 0 else " "
        # "A$" must not be read as "$" and "HK$" not as "K$": a symbol starts a word.
        if symbol[0].isalpha() and before.isalpha():
            continue
        if symbol.isalpha() or symbol.endswith("."):
            after = text[index + len(symbol) : index + len(symbol) + 1]
            if after.isalpha():
                continue
        return data["symbols"][symbol], Decimal(1)
    words = [_singular(w) for w in re.findall(r"[a-z]+", text.lower())]
    raw_words = re.findall(r"[A-Za-z]+", text)
    for raw in raw_words:
        if raw.isupper() and raw in data["codes"] and len(raw) == 3:
            return raw, Decimal(1)
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in data["names"]:
                return data["names"][phrase], Decimal(1)
    for word in words:
        if word in data["words"]:
            return data["words"][word], Decimal(1)
        if word in data["names"]:
            return data["names"][word], Decimal(1)
    for word in words:
        if word in data["subunits"]:
            code, factor = data["subunits"][word]
            return code, factor
    return None, Decimal(1)


def _words_to_number(words: list[str]) -> Decimal | None:
    """ "two", "twenty-five", "one hundred and five", "a" -> numbers; None if not a number."""
    total, current, seen = 0, 0, False
    for word in words:
        if word == "and" and seen:
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _ARTICLES and not seen:
            current += 1
        elif word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word == "half" and not seen:
            current = Decimal("0.5")  # type: ignore[assignment]
        else:
            return None
        seen = True
    return Decimal(total + current) if seen else None


def _parse_amount(chunk: str) -> Decimal | None:
    """One amount with its scale: "18 billion", "1.2bn", "two million", "a billion"."""
    lowered = chunk.lower().replace("-", " ")
    number = _NUMBER.search(lowered)
    scale = Decimal(1)
    rest_words = re.findall(r"[a-z]+", lowered[number.end() :] if number else lowered)
    for word in rest_words:
        if word in SCALES:
            scale *= SCALES[word]
    if number:
        try:
            value = Decimal(re.sub(r"[,\s]", "", number.group()))
        except InvalidOperation:
            return None
        return value * scale
    words = [w for w in re.findall(r"[a-z]+", lowered) if w not in SCALES]
    number_words = [
        w
        for w in words
        if w in _UNITS or w in _TENS or w in _ARTICLES or w in ("hundred", "and", "half")
    ]
    if not number_words and scale > 1:
        return scale
    value = _words_to_number(number_words)
    return value * scale if value is not None else None


def _plain(number: Decimal) -> int | float:
    number = number.normalize()
    if number == number.to_integral_value():
        return int(number)
    return float(round(number, 4))


def _split_range(text: str) -> tuple[str, str] | None:
    lowered = text.lower()
    match = re.search(r"\bbetween\b(.+?)\band\b(.+)", lowered)
    if match:
        return text[match.start(1) : match.end(1)], text[match.start(2) :]
    match = re.search(r"\bfrom\b(.+?)\bto\b(.+)", lowered)
    if match:
        return text[match.start(1) : match.end(1)], text[match.start(2) :]
    match = re.search(
        r"(\d[\d.,]*\s*(?:[a-z]+)?)\s*(?:-|–|—|\bto\b)\s*([$€£¥]?\s*\d.*)", text, re.IGNORECASE
    )
    if match:
        return text[: match.end(1)], text[match.start(2) :]
    return None


def _scale_word(chunk: str) -> str | None:
    for word in re.findall(r"[a-z]+", chunk.lower()):
        if word in SCALES:
            return word
    return None


def parse_money(text: str) -> dict[str, Any] | None:
    """The value of a money phrase, or None when it has no amount or currency to speak of."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        return None
    currency, factor = find_currency(cleaned)
    lowered = cleaned.lower()
    if currency is None and not re.search(r"\d", cleaned):
        return None  # "a lot", "many": neither an amount nor a currency
    if _VAGUE.search(lowered) and not _NUMBER.search(lowered):
        return {
            "amount": None,
            "approximate": True,
            "currency": currency or _implied_currency(lowered),
        }

    bound = None
    for words, kind in ((_MIN_WORDS, "min"), (_MAX_WORDS, "max")):
        for word in words:
            if lowered.startswith(word + " "):
                bound = kind
                cleaned = cleaned[len(word) + 1 :]
                lowered = cleaned.lower()
                break
        if bound:
            break
    approximate = False
    for word in _ABOUT_WORDS:
        if lowered.startswith(word + " ") and word != "an":
            approximate = True
            cleaned = cleaned[len(word) + 1 :]
            lowered = cleaned.lower()
            break

    parts = _split_range(cleaned) if bound is None else None
    if parts:
        low_text, high_text = parts
        if _scale_word(low_text) is None and (shared := _scale_word(high_text)):
            low_text = f"{low_text} {shared}"
        low, high = _parse_amount(low_text), _parse_amount(high_text)
        if low is not None and high is not None and low <= high:
            return {"currency": currency, "max": _plain(high * factor), "min": _plain(low * factor)}
    amount = _parse_amount(cleaned)
    if amount is None:
        if currency is None:
            return None
        return {"amount": None, "approximate": True, "currency": currency}
    value: dict[str, Any] = {"currency": currency}
    if bound:
        value[bound] = _plain(amount * factor)
    else:
        value["amount"] = _plain(amount * factor)
    if approximate:
        value["approximate"] = True
    return value


def _implied_currency(lowered: str) -> str | None:
    currency, _ = find_currency(lowered)
    return currency
