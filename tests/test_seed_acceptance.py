"""The seed document, as a reader would check it."""

from __future__ import annotations

from conftest import entities_of


def document(seeds_json):
    return seeds_json["documents"][0]


def test_seed_values(seeds_json):
    doc = document(seeds_json)
    assert doc["published"] == "2024-03-16"
    dates = entities_of(doc, "date")
    assert dates["27 March 2024"]["value"] == {"iso": "2024-03-27", "grain": "day"}
    assert dates["October 2015"]["value"] == {"iso": "2015-10", "grain": "month"}
    money = entities_of(doc, "money")
    assert money["$18 billion"]["value"] == {"amount": 18000000000, "currency": "USD"}
    assert money["multibillion-dollar"]["value"] == {
        "amount": None, "approximate": True, "currency": "USD",
    }  # fmt: skip


def test_seed_people_places_organisations(seeds_json):
    doc = document(seeds_json)
    people = entities_of(doc, "person")
    assert set(people) == {"Shinzo Abe", "Batyr Atdayev"}
    assert [m["text"] for m in people["Shinzo Abe"]["mentions"]] == ["Shinzo Abe", "Abe"]
    places = entities_of(doc, "place")
    assert places["Japan"]["value"] == {"country": "JP"}
    assert places["Turkmenistan"]["value"] == {"country": "TM"}
    assert places["Ashgabat"]["value"] == {"country": "TM"}
    assert places["Ashgabat"]["count"] == 3
    orgs = entities_of(doc, "organization")
    jetro = orgs["Japan External Trade Organisation"]
    assert jetro["aliases"] == ["JETRO"]
    assert jetro["count"] == 3
    assert "Neutral" not in orgs
    assert "Strategic Significance" not in people and "Ashgabat" not in people
