"""Write `given_names.txt`: the given names in Faker's person providers (MIT licence), Latin
script only, from every country locale. Faker's bare `en` locale is left out: its lists are
of every name ever given in the US (`Add`, `Red`, `River`), not of the names people have.
brief reads the text file; Faker is needed only to rebuild it.

    pip install faker && python models/build_given_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import faker
import faker.providers.person as people

_LATIN_NAME = re.compile(r"[A-Z][a-zà-öø-ÿ'’-]+")
_LISTS = ("first_names", "first_names_male", "first_names_female")


def given_names() -> set[str]:
    found: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        if "_" not in module.name:  # a language, not a country: `en`, `es`
            continue
        provider = importlib.import_module(f"{people.__name__}.{module.name}").Provider
        for attribute in _LISTS:
            # Read the class's own data, not a property that generates names at random.
            names = next(
                (c.__dict__[attribute] for c in provider.__mro__ if attribute in c.__dict__), ()
            )
            if isinstance(names, property):
                continue
            found.update(n for n in names if isinstance(n, str) and _LATIN_NAME.fullmatch(n))
    return found


def main() -> None:
    target = Path(__file__).with_name("given_names.txt")
    header = (
        f"# Given names from Faker {faker.VERSION} person providers (MIT licence), its country\n"
        "# locales, Latin script. Rebuilt by models/build_given_names.py; one name a line.\n"
    )
    target.write_text(header + "\n".join(sorted(given_names())) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
