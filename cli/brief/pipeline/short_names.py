"""`brief_short_names`: an organisation named in full is the same organisation at its first word.

News names a company once in full (`Cluett Peabody & Co.`, `Michelin S.A.`, `Candela Laser
Corp.`) and then by its first word (`Cluett said`, `Michelin officials`, `tiny Candela`). Read
alone, the model takes many of those short forms for a person (a surname-like word) or a place.
In one document the word means the organisation: a one-word person or place mention of it
becomes an organisation. It is the organisations' counterpart of `brief_surnames`, and the two
never claim the same word: a word that ends a person's full name, or follows a courtesy title,
stays with the person, and a place the gazetteer knows stays a place (`Tokyo` beside `Tokyo
Electric`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .config import person_titles
from .doctext import entities, set_entities, token_texts

_PLACES = {"GPE", "LOC"}


def _first_words(ents: tuple[Span, ...], texts: list[str]) -> set[str]:
    """The first words of the organisations named in more than one word (`Cluett` of
    `Cluett Peabody & Co.`), when they look like a name and not like `The` or `New`."""
    found = set()
    for ent in ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        first = texts[ent.start]
        if len(first) > 2 and first.isalpha() and first[:1].isupper() and not ent[0].is_stop:
            found.add(first)
    return found


def _full_name_parts(ents: tuple[Span, ...], texts: list[str]) -> set[str]:
    """Every word of every person named in more than one word."""
    return {
        word
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for word in texts[ent.start : ent.end]
    }


@Language.factory("brief_short_names", default_config={"relabel_from": ["PERSON", "GPE", "LOC"]})
def make_short_names(nlp: Language, name: str, relabel_from: list[str]):
    relabel = set(relabel_from)
    titles = {t.rstrip(".").lower() for t in person_titles() if " " not in t}

    def short_names(doc: Doc) -> Doc:
        ents = entities(doc)
        texts = token_texts(doc)
        first_words = _first_words(ents, texts)
        if not first_words:
            return doc
        people = _full_name_parts(ents, texts)
        changed = False
        result: list[Span] = []
        for ent in ents:
            word = texts[ent.start]
            if (
                len(ent) == 1
                and ent.label_ in relabel
                and word in first_words
                and word not in people
                and not (ent.start > 0 and texts[ent.start - 1].rstrip(".").lower() in titles)
                and not (ent.label_ in _PLACES and lookup_place(word) is not None)
            ):
                result.append(Span(doc, ent.start, ent.end, label="ORG"))
                changed = True
            else:
                result.append(ent)
        if changed:
            set_entities(doc, result)
        return doc

    return short_names


__all__ = ["make_short_names"]
