"""One entity per real-world thing: aliases, titles, acronyms, and the must-not-merge cases."""

from __future__ import annotations

import brief
from brief.canonical import build_entities, organisation_name, person_name
from brief.pipeline import RawMention


def extract_one(text: str, **options):
    (document,) = brief.extract_texts([("doc.txt", text)], **options)
    return document


def by_type(document, kind):
    return {e.text: e for e in document.entities if e.type == kind}


def test_surname_and_title_merge_into_the_full_name():
    text = (
        "Former Japanese Prime Minister Shinzo Abe visited Ashgabat in October 2015. "
        "Abe met President Gurbanguly Berdimuhamedow. Later, Mr Abe returned to Tokyo."
    )
    document = extract_one(text)
    people = by_type(document, "person")
    assert "Shinzo Abe" in people
    abe = people["Shinzo Abe"]
    assert [m.text for m in abe.mentions] == ["Shinzo Abe", "Abe", "Abe"]
    assert "Abe" not in people
    for mention in abe.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_two_people_sharing_a_surname_are_not_merged():
    mentions = [
        RawMention("person", 0, 10, "John Smith"),
        RawMention("person", 20, 30, "Mary Smith"),
        RawMention("person", 40, 45, "Smith"),
    ]
    names = sorted(e.text for e in build_entities(mentions))
    assert names == ["John Smith", "Mary Smith", "Smith"]


def test_first_name_only_merges_when_unambiguous():
    mentions = [
        RawMention("person", 0, 16, "Angela Merkel"),
        RawMention("person", 30, 36, "Merkel"),
        RawMention("person", 50, 56, "Angela"),
    ]
    (merkel,) = build_entities(mentions)
    assert merkel.text == "Angela Merkel" and merkel.count == 3


def test_different_people_are_not_merged_by_one_shared_word():
    mentions = [
        RawMention("person", 0, 11, "George Bush"),
        RawMention("person", 20, 33, "Laura Bush Jr"),
    ]
    assert len(build_entities(mentions)) == 2


def test_acronym_defined_in_text_joins_its_organisation():
    text = (
        "The talks were hosted by the World Health Organization (WHO) in Geneva. "
        "A WHO spokesman said the WHO would publish its report in May 2021."
    )
    document = extract_one(text)
    orgs = by_type(document, "organization")
    who = orgs["World Health Organization"]
    assert who.aliases == ["WHO"]
    assert [m.text for m in who.mentions].count("WHO") == 3
    assert "WHO" not in orgs


def test_determiner_is_trimmed_from_organisations():
    text = "Officials discussed opening a Japan External Trade Organisation office in Ashgabat."
    orgs = by_type(extract_one(text), "organization")
    assert "Japan External Trade Organisation" in orgs
    mention = orgs["Japan External Trade Organisation"].mentions[0]
    assert text[mention.start : mention.end] == "Japan External Trade Organisation"


def test_same_date_value_is_one_entity():
    text = "The forum opens on 27 March 2024. Delegates arrive on March 27, 2024 in Tokyo."
    dates = [e for e in extract_one(text).entities if e.type == "date"]
    assert len(dates) == 1
    assert dates[0].value == {"iso": "2024-03-27", "grain": "day"}
    assert dates[0].count == 2


def test_title_stripping_and_names():
    assert person_name("Deputy Prime Minister Batyr Atdayev") == "Batyr Atdayev"
    assert person_name("Dr. Jane Goodall") == "Jane Goodall"
    assert person_name("Mr Abe's") == "Abe"
    assert organisation_name("the Bank of England") == "Bank of England"
    assert organisation_name("a Japan External Trade Organisation") == (
        "Japan External Trade Organisation"
    )
