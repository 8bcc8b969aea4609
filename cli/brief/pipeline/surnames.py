"""`brief_surnames`: a person named in full is the same person at a lone surname.

News names a person once in full (`Sandra Pryce`, `Alexander Lebed`) and then by surname
(`Pryce told`, `Mrs Pryce`, `Lebed 's aides`). The model, reading each mention alone, takes
many of the lone surnames for an organisation or a place, or misses them. In one document the
surname means the person: a one-word mention of it becomes a person, and so does an occurrence
the model missed (capitalised, outside any entity, not part of a longer name). A Chinese,
Korean, Vietnamese or Cambodian family name comes first (`Wang Donghai` ... `Wang 's arrest`).

It works the other way too: a full name the model took for an organisation or a place
(`Ireland's Alistair Cragg`), a given name first, is the person when its surname alone is a
person elsewhere in the document (`said Cragg`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .config import one_word_titles
from .doctext import POSSESSIVES, entities, set_entities, token_texts
from .given_names import given_names

_PLACES = {"GPE", "LOC"}
# A surname of letters, with an apostrophe or hyphen inside (`O'Neill`, `Smith-Jones`).
_SURNAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = {".", "!", "?", ":", ";", '"', "''", "``"}


def _surnames(
    ents: tuple[Span, ...],
    texts: list[str],
    not_surnames: set[str],
    family_first: frozenset[str],
    titled: bool = False,
) -> set[str]:
    """The surnames of the people named in full: the last word, or the first where it is a
    family name that comes first (`Wang Donghai`, `Kim Dae-jung`). A surname that also starts
    a longer organisation name (`William Randolph Hearst`, `Hearst Corp.`) is left out, as its
    lone mentions may be either, unless the mention has a title (`Mr Hearst`)."""
    companies = (
        set() if titled else {texts[e.start] for e in ents if e.label_ == "ORG" and len(e) > 1}
    )
    found: set[str] = set()
    for ent in ents:
        words = texts[ent.start : ent.end]
        if words and words[-1] in POSSESSIVES:  # `William Makepeace Thackeray's novel`
            words = words[:-1]
        if ent.label_ != "PERSON" or len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        for surname in (words[-1], words[0]) if words[0] in family_first else (words[-1],):
            if (
                _SURNAME.fullmatch(surname)
                and len(surname) > 2
                and surname not in companies
                and surname not in not_surnames
            ):
                found.add(surname)
    return found


def _prominent_place(word: str) -> bool:
    """`Houston` the city stays a city beside `Michael Anthony Houston`."""
    place = lookup_place(word)
    return place is not None and place.prominent


@Language.factory(
    "brief_surnames",
    default_config={"relabel_from": [], "team_endings": [], "family_name_first": []},
)
def make_surnames(
    nlp: Language,
    name: str,
    relabel_from: list[str],
    team_endings: list[str],
    family_name_first: list[str],
):
    relabel = set(relabel_from)
    family_first = frozenset(family_name_first)
    # `Manchester United's` read as a person has no surname `United`.
    not_surnames = set(team_endings)
    relabel_full = relabel | {"FAC"}
    titles = one_word_titles()
    given = given_names()

    def inside_a_longer_name(texts: list[str], i: int) -> bool:
        """`Pryce Street`, `Lebed Foundation`, `Mount Pryce`; not `Mrs Pryce`, nor a surname
        after a capitalised word that starts a sentence."""
        after = texts[i + 1] if i + 1 < len(texts) else ""
        if after[:1].isupper():
            return True
        before = texts[i - 1] if i > 0 else ""
        if not (before[:1].isupper() and before.isalpha()) or before.lower() in titles:
            return False
        return not (i == 1 or texts[i - 2] in _SENTENCE_END or "\n" in texts[i - 2])

    def full_names(ents: tuple[Span, ...], texts: list[str]) -> tuple[Span, ...]:
        """`Ireland's Alistair Cragg won ...` read as an organisation, then `said Cragg` as a
        person: a name of two or three capitalised words, a given name first, whose last word
        is a person on its own elsewhere in the document, is that person."""
        alone = {texts[e.start] for e in ents if e.label_ == "PERSON" and len(e) == 1}
        if not alone:
            return ents
        changed = False
        result = []
        for ent in ents:
            words = texts[ent.start : ent.end]
            if (
                ent.label_ in relabel_full
                and 2 <= len(words) <= 3
                and words[-1] in alone
                and words[0] in given
                and all(_SURNAME.fullmatch(w) and w[:1].isupper() for w in words)
            ):
                ent = Span(ent.doc, ent.start, ent.end, label="PERSON")
                changed = True
            result.append(ent)
        return tuple(result) if changed else ents

    def surnames(doc: Doc) -> Doc:
        ents = entities(doc)
        texts = token_texts(doc)
        named = full_names(ents, texts)
        if named is not ents:
            set_entities(doc, named)
            ents = entities(doc)
        known = _surnames(ents, texts, not_surnames, family_first)
        titled_known = _surnames(ents, texts, not_surnames, family_first, titled=True)
        if not titled_known:
            return doc
        changed = False
        result: list[Span] = []
        for ent in ents:
            # The surname alone, or after a courtesy title (`Mr Ebbers` read as a company):
            # the person is the surname, the title stays outside as OntoNotes has it.
            titled = (len(ent) == 2 and texts[ent.start].rstrip(".").lower() in titles) or (
                len(ent) == 1
                and ent.start > 0
                and texts[ent.start - 1].rstrip(".").lower() in titles
            )
            start = ent.start + (len(ent) == 2 and titled)
            if (
                ent.label_ in relabel
                and ent.end - start == 1
                and texts[start] in (titled_known if titled else known)
                and not (ent.label_ in _PLACES and _prominent_place(texts[start]))
            ):
                result.append(Span(doc, start, ent.end, label="PERSON"))
                changed = True
            else:
                result.append(ent)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        for i in [i for i, word in enumerate(texts) if word in known]:
            if i in taken or inside_a_longer_name(texts, i):
                continue
            result.append(Span(doc, i, i + 1, label="PERSON"))
            changed = True
        if changed:
            set_entities(doc, sorted(result, key=lambda span: span.start))
        return doc

    return surnames


__all__ = ["make_surnames"]
