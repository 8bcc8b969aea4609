"""Money: the meanings of brief's money grammar (`models/grammar/money.rules`).

`parse_money("$18 billion")` -> {"amount": 18000000000, "currency": "USD"}. Currency names come
from babel's English names of the ISO 4217 currencies (singular and plural: "Polish zloty",
"zlotys"); `models/currencies.json` adds what ISO does not settle: symbols, bare words that
several currencies share ("dollar" is USD unless qualified), subunits, scales and bounds.
Spelled-out numbers are read by text2num; fractions of a scale ("half a million", "a quarter
of a billion") by the rule below.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from ..grammar import Grammar, Reading, read_rules, words_pattern

INVALID: Any = object()


# Verbs that move a price or an amount: `rose $1.89 to $48.62` is a move and a level, no range.
MOVE_VERBS = frozenset({
    "rose", "rise", "rises", "rising", "risen", "fell", "fall", "falls", "falling", "fallen",
    "gain", "gained", "gains", "gaining", "advance", "advanced", "advances", "advancing",
    "dropped", "drop", "drops", "dropping", "decline", "declined", "declines", "declining",
    "climb", "climbed", "climbs", "climbing", "jump", "jumped", "jumps", "slipped", "slip",
    "slips", "added", "add", "adds", "adding", "lost", "lose", "loses", "losing", "shed",
    "sheds", "shedding", "slid", "slide", "slides", "sliding", "dipped", "dip", "dips",
    "dipping", "sank", "sink", "sinks", "sinking", "trimmed", "trim", "trims", "trimming",
    "rallied", "rallies", "rallying", "increase", "increased", "increases", "increasing",
    "decrease", "decreased", "decreases", "cut", "cuts", "raise", "raised", "raises", "lower",
    "lowered", "lowers", "boost", "boosted", "boosts", "soar", "soared", "soars", "plunge",
    "plunged", "plunges", "slump", "slumped", "slumps", "tumble", "tumbled", "tumbles",
    "surge", "surged", "surges", "edged", "ease", "eased", "eases", "grew", "grow", "grows",
    "shrank", "shrink", "shrinks", "widened", "narrowed"
})  # fmt: skip
_MOVE_WORDS = {"up", "down", "by", "from"}  # `up 5p to 50p`
# A noun of movement before `of` (`a rise of 5p to 50p`); after another word, `of` leads a
# range (`a total value of $1.5bn to $2bn`, `earnings of $1.48 to $1.52`).
_MOVE_NOUNS = ("rise", "rises", "fall", "falls", "increase", "increases", "gain", "gains",
               "drop", "drops", "decline", "declines", "jump", "jumps", "cut", "cuts")  # fmt: skip


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    from ..pipeline.config import read_json

    return read_json("currencies.json")


@lru_cache(maxsize=1)
def currency_names() -> dict[str, str | None]:
    """Every English name of a current currency, singular and plural, lower case -> ISO code;
    a bare head noun ("rupees") too, unless several currencies share it and
    `currencies.json` does not say which one it means (then None: money, currency unknown)."""
    import pycountry
    from babel.numbers import get_currency_name

    names: dict[str, str | None] = {}
    heads: dict[str, set[str]] = {}
    for currency in pycountry.currencies:
        code = currency.alpha_3
        forms = {currency.name.lower()}
        for count in (1, 2):
            try:
                forms.add(get_currency_name(code, count, "en").lower())
            except Exception:  # babel lacks a few codes (funds, metals)
                continue
        for form in forms:
            if form == code.lower() or not re.fullmatch(r"[a-z][a-z .'’-]*", form):
                continue
            if re.search(
                r"\b(?:fund|units?|code|ounce|drawing|settlement|testing|index|account)\b", form
            ):
                continue
            names[form] = code
            heads.setdefault(form.split()[-1], set()).add(code)
            if "ruble" in form:
                names[form.replace("ruble", "rouble")] = code
    words = lexicon()["words"]
    for head, codes in heads.items():
        if head not in names:
            names[head] = next(iter(codes)) if len(codes) == 1 else None
    for word, code in words.items():
        names[word] = code
    for word in [*lexicon()["ambiguous_words"], *lexicon()["not_currency_words"]]:
        names.pop(word, None)
    return names


def _code_pattern() -> str:
    import pycountry

    codes = sorted({c.alpha_3 for c in pycountry.currencies} | set(lexicon()["code_aliases"]))
    any_case = lexicon()["codes_any_case"]
    # Upper-case codes always ("45 CHF"); lower case only for the common ones, since codes
    # such as ALL, TOP or CUP are also English words.
    return "(?:(?-i:" + "|".join(codes) + ")|" + "|".join(any_case) + ")"


def money_macros() -> dict[str, str]:
    """The word lists the money rules name as {MACROS}."""
    data = lexicon()
    names = currency_names()
    symbols = [s for s in data["symbols"] if s not in data["symbols_after_only"]]
    after = [s for s in data["symbols"] if s not in data["symbols_before_only"]]
    adjectives = sorted({n.rsplit(" ", 1)[0] for n in names if " " in n and names[n]})
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
             "seventy", "eighty", "ninety"]  # fmt: skip
    scale_words = ["hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"]
    word = "(?:" + "|".join(units + scale_words) + ")"
    fraction = words_pattern(data["fractions"])
    # "twenty-five", "one hundred and five", "a million", "half a million", "a quarter of a
    # billion", "one and a half million"
    number_words = (
        rf"(?:(?:{word}(?:(?:[ \t]*-[ \t]*|[ \t]+)(?:and[ \t]+)?{word})*"
        rf"(?:[ \t]+and[ \t]+a[ \t]+half)?(?:[ \t]+(?:million|billion|trillion|thousand))?)"
        rf"|(?:{fraction}|a|an)(?:[ \t]+of)?(?:[ \t]+an?)?[ \t]+(?:{'|'.join(scale_words)}))"
    )
    scales = data["scales"]
    outside = set(data["bounds_outside_mention"])
    return {
        "SYMBOL": "(?:"
        + "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
        + ")",
        # A sign (`$`, `€`, `C$`): set apart from a bare amount, it stays outside the mention,
        # as OntoNotes draws `C$ 1,000`; a symbol that is a word (`KSh`, `Rs`) is part of it.
        "SIGN": "(?:"
        + "|".join(
            re.escape(s)
            for s in sorted(symbols, key=len, reverse=True)
            if not s.replace(".", "").isalpha()
        )
        + ")",
        "SYMBOL_AFTER": "(?:"
        + "|".join(re.escape(s) for s in sorted(after, key=len, reverse=True))
        + ")",
        "CODE": _code_pattern(),
        "NAME": words_pattern([n for n in names]),
        "AMBIGUOUSNAME": words_pattern(data["ambiguous_words"]),
        "NAMEADJECTIVE": words_pattern(adjectives),
        "SCALEWORD": words_pattern([s for s in scales if len(s) > 1 or s in ("m", "k", "b")]),
        "GLUED": "(?:"
        + "|".join(sorted(data["glued_scales"], key=len, reverse=True))
        + ")(?![a-z])",
        "SCALECODE": "(?-i:" + "|".join(["k", "K", "M", "m", "B", "bn", "Bn", "mn", "Mn"]) + ")",
        "NUMWORDS": number_words,
        "BOUND": words_pattern(
            [b for b in data["bounds"] if not b.startswith(("or ", "and ")) and b not in outside]
        ),
        "BOUND_OUT": words_pattern(
            [b for b in data["bounds"] if not b.startswith(("or ", "and ")) and b in outside]
        ),
        "BOUND_AFTER": words_pattern([b for b in data["bounds"] if b.startswith(("or ", "and "))]),
        "MOVED": r"\b(?:"
        + "|".join(sorted(MOVE_VERBS | _MOVE_WORDS))
        + r"|(?:"
        + "|".join(_MOVE_NOUNS)
        + r")[ \t]+of)[ \t]+",
    }


def money_anchors() -> set[str]:
    """Signs and words one of which every money expression holds (besides a digit); upper
    case codes are anchors only written so ("ALL" is a currency, "all" a word)."""
    import pycountry

    data = lexicon()
    # A symbol's letters ("US" of "US$") come with its sign.
    anchors = {name.split()[-1] for name in currency_names()} - set(data["not_currency_words"])
    anchors |= set(data["ambiguous_words"])
    anchors |= {w.split()[-1].lower() for w in data["words"]}
    anchors |= {w.lower() for w in data["codes_any_case"]} | set(data["subunits"])
    anchors |= {c for symbol in data["symbols"] for c in symbol if not c.isalnum()}
    anchors |= {s.rstrip(".") for s in data["symbols"] if s.rstrip(".").isalpha()}
    anchors |= {"multibillion", "multimillion", "multitrillion", "billions", "millions",
                "trillions", "¢"}  # fmt: skip
    anchors |= {c.alpha_3 for c in pycountry.currencies} | set(data["code_aliases"])
    # Of the words shared with other meanings, the everyday ones are read only inside the
    # model's own amounts ("won", "real", "mark"); a qualified name anchors by its first word
    # ("Brazilian reals").
    everyday = {"won", "real", "reals", "mark", "marks", "crown", "crowns", "punt", "punts"}
    anchors |= {n.split()[0] for n in currency_names() if " " in n and n.split()[-1] in everyday}
    return anchors - everyday


@cache
def money_grammar() -> Grammar:
    """The compiled grammar of money expressions, built once per process. A money expression
    always names its currency, so a digit alone is no anchor."""
    from ..pipeline.config import models_dir

    rules = read_rules((models_dir() / "grammar" / "money.rules").read_text(encoding="utf-8"))
    return Grammar("money", rules, money_macros(), money_anchors(), digits_anchor=False)


# ---- amounts ----------------------------------------------------------------------------------


def _scale(word: str) -> int | None:
    return lexicon()["scales"].get(word.lower())


def _spelled(words: str) -> Decimal | None:
    """ "twenty-five", "one hundred and five", "half a million", "a quarter of a billion",
    "one and a half million", "a million" -> the number."""
    from text_to_num import text2num

    text = " ".join(re.sub(r"\s*-\s*", "-", words.lower()).split())
    fractions = lexicon()["fractions"]
    # A fraction of a scale: "half a million", "a quarter of a billion".
    match = re.fullmatch(
        r"(.+?)(?: of)?(?: an?)? (hundred|thousand|million|billion|trillion|lakh|crore)", text
    )
    if match and match.group(1) in {**fractions, "a": 1, "an": 1}:
        part = fractions.get(match.group(1), 1)
        return Decimal(str(part)) * _scale_value(match.group(2))
    half = re.fullmatch(r"(.+?) and a half (million|billion|trillion|thousand)", text)
    if half:
        whole = _spelled(half.group(1))
        return (whole + Decimal("0.5")) * _scale_value(half.group(2)) if whole is not None else None
    trailing = re.fullmatch(r"(.+?) (million|billion|trillion|lakh|crore)", text)
    if trailing and trailing.group(2) in ("lakh", "crore"):
        whole = _spelled(trailing.group(1))
        return whole * _scale_value(trailing.group(2)) if whole is not None else None
    try:
        return Decimal(text2num(text.replace(" and ", " "), "en"))
    except (ValueError, TypeError):
        return None


def _scale_value(word: str) -> Decimal:
    return Decimal({"hundred": 100, "lakh": 10**5, "crore": 10**7}.get(word) or _scale(word) or 1)


def parse_quantity(text: str) -> Decimal | None:
    """ "3m", "1.2 billion", "18bn", "twenty-five", "half a million" -> the number."""
    text = " ".join(text.replace("\u00a0", " ").split())
    number = re.match(r"([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*-?\s*", text)
    if number is None:
        return _spelled(text)
    try:
        value = Decimal(number.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    for word in re.findall(r"[A-Za-z]+", text[number.end() :]):
        factor = _scale(word)
        if factor is None:
            return None
        value *= factor
    return value


def _plain(number: Decimal) -> int | float:
    number = number.normalize()
    if number == number.to_integral_value():
        return int(number)
    return float(round(number, 4))


# ---- currencies --------------------------------------------------------------------------------


def currency_of(text: str | None) -> str | None:
    """The ISO code a symbol, code or name stands for ("$", "HK$", "chf", "zlotys")."""
    if not text:
        return None
    data = lexicon()
    written = " ".join(text.replace("’", "'").split())
    compact = re.sub(r"\s+", "", written)
    symbols = _symbols_any_case()
    for candidate in (written, compact):
        if candidate.lower() in symbols:
            return symbols[candidate.lower()]
    upper = compact.upper()
    if upper.endswith("$") and len(upper) == 4 and upper[:3].isalpha():
        return upper[:3]  # "NZD$"
    for symbol in sorted(symbols, key=len, reverse=True):
        if compact.lower().endswith(symbol) and compact[: -len(symbol)].upper() in _codes():
            return compact[: -len(symbol)].upper()
    if upper in data["code_aliases"]:
        return data["code_aliases"][upper]
    if upper in _codes():
        return upper
    lowered = re.sub(r"\s*-\s*", "-", written.lower())
    names = currency_names()
    if lowered in names:
        return names[lowered]
    if lowered in data["words"]:
        return data["words"][lowered]
    return None


@lru_cache(maxsize=1)
def _symbols_any_case() -> dict[str, str]:
    # The grammar matches symbols in any letter case ("hk$", "RS."), and hands its parts over
    # in lower case.
    return {symbol.lower(): code for symbol, code in lexicon()["symbols"].items()}


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


# ---- meanings ---------------------------------------------------------------------------------


def _money(p: dict[str, Any]) -> Any:
    quantity = parse_quantity(p["quantity"])
    if quantity is None:
        return INVALID
    if p.get("scalecode"):
        quantity *= lexicon()["scale_codes"][p["scalecode"].lower()]
    first, second = currency_of(p.get("cur")), currency_of(p.get("cur2"))
    currency = first if first not in (None, "USD") or second is None else second
    return {"amount": _plain(quantity), "currency": currency}


def _subunit(p: dict[str, Any]) -> Any:
    # "a penny", "a single cent": one of the subunit
    quantity = Decimal(1) if p.get("one") else parse_quantity(p["quantity"])
    if quantity is None:
        return INVALID
    code, factor = lexicon()["subunits"][p["sub"].lower()]
    if p.get("adj"):
        qualified = currency_of(f"{p['adj']} dollar") or currency_of(f"{p['adj']} euro")
        code = qualified or code
    return {"amount": _plain(quantity * Decimal(str(factor))), "currency": code}


def _vague(p: dict[str, Any]) -> Any:
    return {"amount": None, "approximate": True, "currency": currency_of(p.get("cur"))}


def _compound(p: dict[str, Any]) -> Any:
    """ "12 dollars 30 cents", "£3 and 50p": a whole amount and a subunit amount of one currency."""
    whole, part = parse_money(p["whole"]), parse_money(p["part"])
    if not (isinstance(whole, dict) and isinstance(part, dict)):
        return INVALID
    if (
        "amount" not in whole
        or "amount" not in part
        or whole["amount"] is None
        or part["amount"] is None
    ):
        return INVALID
    words = re.findall(r"[a-z¢]+", p["part"])
    subunit_words = set(lexicon()["subunits"])
    if not words or words[-1] not in subunit_words or part["amount"] >= 1:
        return INVALID
    if (
        re.search(r"[a-z¢]+$", p["whole"])
        and re.findall(r"[a-z¢]+", p["whole"])[-1] in subunit_words
    ):
        return INVALID
    currency = whole["currency"]
    if currency is None:
        return INVALID
    total = Decimal(str(whole["amount"])) + Decimal(str(part["amount"]))
    return {"amount": _plain(total), "currency": currency}


def _range(p: dict[str, Any]) -> Any:
    """ "£380m-£395m", "$1.2-1.5bn", "between 5 and 8 euros", "from $10 to $20 million"."""
    left_text, right_text = p["left"], p["right"]
    right = parse_money(right_text) if currency_of_text(right_text) else None
    left = parse_money(left_text) if currency_of_text(left_text) else None
    currency = (right or {}).get("currency") if isinstance(right, dict) else None
    if isinstance(left, dict) and left.get("currency"):
        currency = left["currency"] if currency is None or currency == left["currency"] else INVALID
    if currency is INVALID:
        return INVALID
    low = _side_amount(left, left_text)
    high = _side_amount(right, right_text)
    if low is None or high is None:
        return INVALID
    # A scale written only on the right applies to both: "$1.2-1.5bn", "$10 to $20 million".
    right_scale = _trailing_scale(right_text)
    if right_scale and not _trailing_scale(left_text) and low * right_scale <= high:
        low *= right_scale
    if low >= high:
        return INVALID
    return {"currency": currency, "max": _plain(high), "min": _plain(low)}


def currency_of_text(text: str) -> bool:
    return bool(re.search(r"[^\d\s.,]", text))


def _side_amount(value: Any, text: str) -> Decimal | None:
    if isinstance(value, dict) and value.get("amount") is not None:
        return Decimal(str(value["amount"]))
    digits = re.sub(r"^\D+", "", text)
    return parse_quantity(digits) if digits else None


def _trailing_scale(text: str) -> int | None:
    match = re.search(r"[0-9]\s*-?\s*([a-z]+)\b(?:\s+[a-z]+)*$", text.lower())
    if match is None:
        return None
    return _scale(match.group(1))


def _bounded(p: dict[str, Any]) -> Any:
    inner = parse_money(p["inner"])
    if not isinstance(inner, dict) or inner.get("amount") is None:
        return INVALID
    kind = lexicon()["bounds"][" ".join(p["bound"].split())]
    if kind == "approx":
        return {**inner, "approximate": True}
    return {"currency": inner["currency"], kind: inner["amount"]}


MEANINGS = {
    "money": _money, "subunit": _subunit, "vague": _vague, "compound": _compound,
    "range": _range, "bounded": _bounded,
}  # fmt: skip


def meaning_of(reading: Reading) -> Any:
    try:
        return MEANINGS[reading.meaning](reading.parts)
    except (InvalidOperation, ValueError, KeyError, OverflowError):
        return INVALID


def valid_reading(reading: Reading) -> bool:
    return _valid(reading.meaning, reading.text, tuple(reading.parts.items()))


@lru_cache(maxsize=65536)
def _valid(meaning: str, text: str, parts: tuple[tuple[str, str | None], ...]) -> bool:
    # Remembered: the finder asks this of every candidate, and texts repeat their amounts.
    return meaning_of(Reading("", meaning, dict(parts), text)) is not INVALID


def parse_money(text: str) -> dict[str, Any] | None:
    """The value of a money phrase, or None when it has no amount or currency to speak of."""
    return _parse_cached(" ".join(text.replace("\u00a0", " ").split()).strip(" ,;:()"))


_LEADING = re.compile(r"^(?:for|of|at|by|to|and|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> dict[str, Any] | None:
    if not text:
        return None
    rules = money_grammar()
    for attempt in dict.fromkeys([text, _LEADING.sub("", text), re.sub(r"\s*['’]s$", "", text)]):
        for reading in rules.readings(attempt):
            value = meaning_of(reading)
            if value is not INVALID:
                return value
    return _fallback(text)


def _fallback(text: str) -> dict[str, Any] | None:
    """A span the grammar does not read whole (the model's, in a form it lacks): its first
    amount, with the currency of any symbol, code or name in it."""
    currency = None
    for token in re.findall(r"[A-Za-z]+\$|[^\w\s.,]+|[A-Za-z]+(?:\s+[A-Za-z]+)?", text):
        currency = currency_of(token)
        if currency:
            break
    number = re.search(r"[0-9][0-9,]*(?:\.[0-9]+)?", text)
    if number is None:
        return {"amount": None, "approximate": True, "currency": currency} if currency else None
    rest = text[number.end() :]
    amount = parse_quantity(
        number.group() + (re.match(r"\s*(?:[a-z]+)", rest, re.I) or re.match("", rest)).group()
    )
    if amount is None:
        amount = parse_quantity(number.group())
    if amount is None:
        return None
    return {"amount": _plain(amount), "currency": currency}
