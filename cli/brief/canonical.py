"""Merging mentions into entities: one entity per real-world thing per document.

People: "Shinzo Abe", "Abe" and "Mr Abe" are one person named by the fullest form, titles
removed; a short name that fits two different full names is left alone. Organisations: a
defined acronym joins its expansion as an alias, and a name with a legal form (`Inc.`, `plc`)
is the same company as the name without it. Dates and money: mentions with the same
normalised value are one entity.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .normalize import normalise_value
from .pipeline import RawMention
from .pipeline.config import person_titles
from .results import Entity, Mention

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def person_name(text: str) -> str:
    """A person's name without titles, possessive or stray whitespace."""
    name = " ".join(_POSSESSIVE.sub("", text.strip()).split())
    leading_title = _leading_title()
    while True:
        title = leading_title.match(name)
        if title is None:
            return name
        name = name[title.end() :].lstrip()


@lru_cache(maxsize=1)
def _leading_title() -> re.Pattern[str]:
    """A title and the space after it at the start of a name, longest title first: one match
    where a loop over every title was most of `build_entities`' time."""
    forms = [
        form for title in person_titles() for form in (re.escape(title + "."), re.escape(title))
    ]
    return re.compile("(?:" + "|".join(forms) + ") ", re.IGNORECASE)


def organisation_name(text: str) -> str:
    return " ".join(_DETERMINER.sub("", _POSSESSIVE.sub("", text.strip())).split())


def _surface_key(text: str) -> str:
    return " ".join(text.split()).casefold()


_LEGAL_FORMS = re.compile(
    r"(?:,?\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|sa|s\.a|nv|"
    r"n\.v|bv|b\.v|gmbh|spa|s\.p\.a|oy|ab|as|asa|kk|pty|lp|llp)\.?)+$",
    re.IGNORECASE,
)


def _organisation_key(name: str) -> str:
    """`Quantix Robotics Inc.` and `Quantix Robotics` are one company: the key leaves out a
    legal form at the end (but never the whole name: `The Company`)."""
    bare = _LEGAL_FORMS.sub("", name)
    return _surface_key(bare if bare.strip() else name)


def build_entities(
    mentions: Iterable[RawMention], reference: str | None = None, day_first: bool = False
) -> list[Entity]:
    """Group a document's mentions into entities, each with its normalised value."""
    groups: dict[tuple[str, str], list[RawMention]] = {}
    names: dict[tuple[str, str], str] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    values: dict[tuple[str, str], Any] = {}
    key_of: dict[RawMention, tuple[str, str]] = {}
    ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.type))

    people = [m for m in ordered if m.type == "person"]
    person_key = _person_keys(people)
    org_names = {
        m.acronym_of: organisation_name(m.acronym_of) for m in ordered if m.acronym_of is not None
    }
    for mention in ordered:
        if mention.type == "person":
            name = person_key[mention]
            key = ("person", _surface_key(name))
            _name(names, key, name)
        elif mention.type == "organization":
            if mention.acronym_of is not None:
                name = org_names[mention.acronym_of]
                key = ("organization", _organisation_key(name))
                aliases.setdefault(key, set()).add(organisation_name(mention.text))
            else:
                name = organisation_name(mention.text)
                key = ("organization", _organisation_key(name))
            _name(names, key, name)
        elif mention.type in ("date", "money"):
            value = normalise_value(
                mention.type, mention.expression or mention.text, reference,
                day_first=day_first, future=mention.future, past=mention.past,
            )  # fmt: skip
            ident = json.dumps(value, sort_keys=True) if value is not None else None
            key = (mention.type, "=" + ident if ident else _surface_key(mention.text))
            values.setdefault(key, value)
        else:
            name = organisation_name(mention.text)
            key = (mention.type, _surface_key(name))
            _name(names, key, name)
        groups.setdefault(key, []).append(mention)
        key_of[mention] = key

    _join_short_forms(groups, names, aliases)
    _relate_to_reporting_period(ordered, key_of, groups, values)
    entities = []
    for key, members in groups.items():
        kind = key[0]
        text = names.get(key) or _most_common_surface(members)
        entities.append(
            Entity(
                type=kind,
                text=text,
                value=values[key] if key in values else normalise_value(kind, text, reference),
                mentions=[Mention(m.start, m.end, m.text) for m in members],
                aliases=sorted(aliases.get(key, set())),
            )
        )
    entities.sort(key=lambda e: (e.first_start, e.type, e.text))
    return entities


_A_YEAR_BEFORE = re.compile(
    r"(?:the )?(?:(?:a|one) year (?:ago|earlier|before)|year[\s-]+(?:ago|earlier)(?:\s+(?:period|results?))?"
    r"|(?:same |comparable |corresponding )?(?:period|quarter) (?:a year (?:ago|earlier)|last year))",
    re.IGNORECASE,
)


def _relate_to_reporting_period(
    ordered: list[RawMention],
    key_of: dict[RawMention, tuple[str, str]],
    groups: dict[tuple[str, str], list[RawMention]],
    values: dict[tuple[str, str], Any],
) -> None:
    """ "Net income rose to $5m from $4m a year earlier": in a report on a quarter, "a year
    ago" is that quarter a year before (TimeML's reading), not the year before. A document
    that names a quarter before such a phrase gets that quarter, a year earlier."""
    latest_quarter: str | None = None
    moves: list[tuple[RawMention, tuple[str, str], dict[str, Any]]] = []
    for mention in ordered:
        if mention.type != "date":
            continue
        key = key_of[mention]
        value = values.get(key)
        if isinstance(value, dict) and value.get("grain") == "quarter" and "iso" in value:
            latest_quarter = value["iso"]
        elif latest_quarter and _A_YEAR_BEFORE.fullmatch(
            (mention.expression or mention.text).strip(" 's’")
        ):
            year, quarter = latest_quarter.split("-")
            moves.append(
                (mention, key, {"grain": "quarter", "iso": f"{int(year) - 1:04d}-{quarter}"})
            )
    for mention, key, value in moves:
        groups[key].remove(mention)  # a short list: one value's mentions
        if not groups[key]:
            del groups[key]
        new_key = ("date", "=" + json.dumps(value, sort_keys=True))
        groups.setdefault(new_key, []).append(mention)
        values.setdefault(new_key, value)


def _join_short_forms(
    groups: dict[tuple[str, str], list[RawMention]],
    names: dict[tuple[str, str], str],
    aliases: dict[tuple[str, str], set[str]],
) -> None:
    """`Candela` is `Candela Laser Corp.`: an organisation named by one word joins the one
    organisation of the document whose full name starts with that word (with two, `Bell
    Atlantic` and `Bell Labs`, it is left alone)."""
    longer: dict[str, list[tuple[str, str]]] = {}
    for key, name in names.items():
        words = name.split()
        if key[0] == "organization" and len(words) > 1:
            longer.setdefault(words[0], []).append(key)
    for key in [k for k in groups if k[0] == "organization"]:
        name = names.get(key, "")
        if " " in name or len(longer.get(name, ())) != 1:
            continue
        (full,) = longer[name]
        groups[full].extend(groups.pop(key))
        groups[full].sort(key=lambda m: (m.start, m.end))
        aliases.setdefault(full, set()).update(aliases.pop(key, set()))
        del names[key]


def _name(names: dict[tuple[str, str], str], key: tuple[str, str], name: str) -> str:
    """The first form of a name, unless that was shouted ("KEVIN BROWN") and a later one is not."""
    current = names.get(key)
    if current is None or (current.isupper() and not name.isupper()):
        names[key] = name
    return names[key]


def _most_common_surface(members: list[RawMention]) -> str:
    counts = Counter(" ".join(m.text.split()) for m in members)
    best = max(counts.values())
    return next(
        " ".join(m.text.split()) for m in members if counts[" ".join(m.text.split())] == best
    )


# Words in the longest name whose parts are looked up: a run-on span of capitalised words is
# not a name, and indexing all its runs would be quadratic in its length.
_LONGEST_NAME = 8


def _person_keys(people: list[RawMention]) -> dict[RawMention, str]:
    """Each person mention's canonical name: the fullest name its words fit, when only one fits."""
    cleaned = {m: person_name(m.text) for m in people}
    full_names = sorted({n for n in cleaned.values() if len(n.split()) > 1}, key=len, reverse=True)
    # Every run of words in a full name points back to it, so a name's candidates are one
    # lookup rather than a scan of all full names (a long list of names would be quadratic).
    containing: dict[tuple[str, ...], list[str]] = {}
    for full in full_names:
        folded = tuple(w.casefold() for w in full.split())
        runs = {
            folded[i:j]
            for i in range(len(folded))
            for j in range(i + 1, min(len(folded), i + _LONGEST_NAME) + 1)
        }
        for run in runs:
            containing.setdefault(run, []).append(full)

    def key_of(name: str) -> str:
        words = name.split()
        folded = tuple(w.casefold() for w in words)
        candidates = [full for full in containing.get(folded, ()) if len(full.split()) > len(words)]
        # Fold candidates that are themselves parts of a longer candidate ("Abe" fits both
        # "Shinzo Abe" and "Prime Minister Shinzo Abe" cleaned to the same): keep the longest.
        among = set(candidates)
        distinct = [
            c
            for c in candidates
            if not any(
                o != c and o in among
                for o in containing.get(tuple(w.casefold() for w in c.split()), ())
            )
        ]
        return distinct[0] if len(distinct) == 1 else name

    keys_by_name = {name: key_of(name) for name in set(cleaned.values())}
    return {mention: keys_by_name[name] for mention, name in cleaned.items()}
