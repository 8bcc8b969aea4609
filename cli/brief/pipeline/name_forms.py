"""`brief_name_forms`: what a name's own form says it is, over the model's reading.

The model reads capitalised words, not the word that says what a name is:

- A person or organisation name of two words or more whose first word is one of
  `leading_words` (the French, Spanish, Italian or German for a square or street, which come
  first: `Place Stanislas`) or whose last word is one of `trailing_words` (`Dodger Stadium`,
  `the G Street Bridge`) is a facility, a place in brief's types; not a person whose first
  word is a given name (`Wayne Bridge`).
- A one-word person that is a newspaper's head word (`the Herald`) is an organisation at every
  mention, when one of them has `the` before it (a person never does).
- A nationality adjective (`models/demonyms.txt`) is no part of the person after it: `the
  Romanian D. Bulinka`, `Australian Rodney Eyles`, read as an organisation, is the person
  `D. Bulinka` when the rest has a person's form.
- An acronym (three to six capitals) read as a place or a person, which the gazetteer does
  not know as a place and which does not start a line (a dateline: `ESCHEN 1996-08-31`), is
  an organisation (`sympathetic to SWAPO`).
- A person or place of two words or more whose last word is one of `organisation_endings`, a
  legal form or a trade (`Pirelli SpA`, `Charles E. Simon & Co.`, `Johnson Controls`,
  `Arnold Advertising`), is an organisation.
- A name of two words or more whose last word is one of `other_kinds` is the kind it names,
  none of brief's: a law or an agreement (`the Clean Air Act`, `the Korea Armistice
  Agreement`), an event (`the Davis Cup`, `the US Open`), a test or an index (`the Scholastic
  Aptitude Test`, `the Hang Seng Index`).
- A name of single capitals (`W D L`, a results table's column heads) is none.
- A one-word name that is one of `not_names` (`Men` and `Women` of a results list's `Men 's
  110 metres hurdles`, a time zone: `1800 GMT`) is none.
- A one-word person or place that is a nationality word (`Tajik`, `Greeks`, `the Briton`) is
  none, though the model read it into a name too (`Briton Tim Henman`).
- A one-word person or place that the document also writes in lower case is a common word
  capitalised at the start of a sentence or in a title (`Broadband` as a place, `the Bill` as
  a person, beside `broadband` and `bill`), and no name: unless the gazetteer knows the place
  (`Reading`, `Nice`) or the word is part of a longer person's name (`Jude Law`, `Law`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .config import one_word_titles, read_word_list
from .doctext import entities, set_entities, token_texts
from .given_names import given_names, is_initial

_RETYPED = {"PERSON", "ORG"}
_TITLED = {"GPE", "LOC", "ORG", "NORP"}
_ACRONYM = re.compile(r"[A-Z]{3,6}")
_LETTER = re.compile(r"[A-Za-z]")
_NOT_ACRONYMS = {"PERSON", "GPE", "LOC"}
_COMPANY_FORMS = {"PERSON", "GPE", "LOC", "FAC"}
_WITH_NATIONALITY = {"PERSON", "ORG", "GPE"}
_THE = {"the", "The"}
_COMMON_WORD_LABELS = {"PERSON", "GPE", "LOC"}
_NAMES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@Language.factory(
    "brief_name_forms",
    default_config={
        "leading_words": [], "trailing_words": [], "publications": [], "demonyms": "demonyms.txt",
        "organisation_endings": [], "not_names": [], "other_kinds": {},
    },
)  # fmt: skip
def make_name_forms(
    nlp: Language, name: str, leading_words: list[str], trailing_words: list[str],
    publications: list[str], demonyms: str, organisation_endings: list[str], not_names: list[str],
    other_kinds: dict[str, str],
):  # fmt: skip
    leading, trailing, papers = set(leading_words), set(trailing_words), set(publications)
    company_endings, no_names = set(organisation_endings), set(not_names)
    given = given_names()
    nationalities = set(read_word_list(demonyms))
    titles = one_word_titles()

    def label_of(ent: Span, texts: list[str], newspapers: set[str]) -> str:
        if (
            ent.label_ in _TITLED
            and len(ent) <= 2
            and ent.start > 0
            and texts[ent.start - 1][:1].isupper()
            and texts[ent.start - 1].rstrip(".").lower() in titles
        ):
            return "PERSON"  # `Baroness Scotland`, `Lord Hutton`: a title names a person
        if (
            ent.label_ in _NOT_ACRONYMS
            and len(ent) == 1
            and _ACRONYM.fullmatch(ent.text)
            and ent.start > 0
            and "\n" not in texts[ent.start - 1]
            and lookup_place(ent.text) is None
        ):
            return "ORG"
        if ent.label_ in _NAMES and len(ent) > 1 and texts[ent.end - 1] in other_kinds:
            return other_kinds[texts[ent.end - 1]]  # `the Clean Air Act`: a law
        if ent.label_ in _COMPANY_FORMS and len(ent) > 1 and texts[ent.end - 1] in company_endings:
            return "ORG"  # `Pirelli SpA`, `Johnson Controls`, `Heathrow Airport Holdings`
        if ent.label_ not in _RETYPED:
            return ent.label_
        if len(ent) > 1 and (
            texts[ent.start] in leading
            or (
                texts[ent.end - 1] in trailing
                and not (ent.label_ == "PERSON" and texts[ent.start] in given)
            )
        ):
            return "FAC"
        if ent.label_ == "PERSON" and ent.text in newspapers:
            return "ORG"
        return ent.label_

    def without_nationality(ent: Span, texts: list[str]) -> Span:
        """`the Romanian D. Bulinka`, `Australian Rodney Eyles` -> the person. Read as an
        organisation or place, the rest must have a person's form (an initial or a given name
        first), as `British Airways` and `American Express` have not."""
        start = ent.start + (texts[ent.start] in _THE)
        if ent.label_ not in _WITH_NATIONALITY or start >= ent.end - 1:
            return ent
        if texts[start] not in nationalities or not texts[start + 1][:1].isupper():
            return ent
        rest = texts[start + 1 : ent.end]
        person_form = (
            ent.label_ == "PERSON"
            or (rest[0] in given and len(rest) <= 2)
            or (len(rest) == 2 and is_initial(rest[0]))
        )
        return Span(ent.doc, start + 1, ent.end, label="PERSON") if person_form else ent

    def common_words(ents: tuple[Span, ...], texts: list[str]) -> set[int]:
        """The starts of one-word people and places that are nationality words (`Tajik`,
        `Greeks`) or common words of the document, unless the word is part of a longer
        person's name (`Irvine Welsh`, `Jude Law`)."""
        single = [e for e in ents if len(e) == 1 and e.label_ in _COMMON_WORD_LABELS]
        if not single:
            return set()
        lower = {w for w in texts if w.islower()}
        found = set()
        for ent in single:
            word = texts[ent.start]
            if (
                word in nationalities
                or (word[-1:] == "s" and word[:-1] in nationalities)
                or (word.lower() in lower and lookup_place(word) is None)  # not `cincinnati`
            ):
                found.add(ent.start)
        if not found:
            return found
        name_parts = {
            w.lower() for e in ents if e.label_ == "PERSON" and len(e) > 1
            for w in texts[e.start : e.end]
        }  # fmt: skip
        return {i for i in found if texts[i].lower() not in name_parts}

    def name_forms(doc: Doc) -> Doc:
        texts = token_texts(doc)
        ents = entities(doc)
        newspapers = {
            e.text
            for e in ents
            if len(e) == 1 and e.text in papers and e.start > 0 and texts[e.start - 1] in _THE
        }
        people = [without_nationality(e, texts) for e in ents]
        labels = [label_of(e, texts, newspapers) for e in people]
        common = common_words(tuple(people), texts) | {
            e.start for e in ents if len(e) == 1 and e.label_ in _NAMES and e.text in no_names
        }
        # `W D L`, `W L`: a results table's column heads, single capitals, are no name.
        letters = {
            e.start for e in people
            if len(e) > 1 and e.label_ in _NAMES and all(_LETTER.fullmatch(w) for w in texts[e.start : e.end])
        }  # fmt: skip
        if (
            common
            or letters
            or any(
                a is not b or label != a.label_
                for label, a, b in zip(labels, people, ents, strict=True)
            )
        ):
            set_entities(
                doc,
                [
                    e if label == e.label_ else Span(doc, e.start, e.end, label=label)
                    for label, e in zip(labels, people, strict=True)
                    if not (len(e) == 1 and e.start in common) and e.start not in letters
                ],
            )
        return doc

    return name_forms


__all__ = ["make_name_forms"]
