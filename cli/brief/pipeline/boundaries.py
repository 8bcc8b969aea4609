"""`brief_boundaries`: a name never runs over a line break or a number, nor a date or an
amount over a line break.

In results tables and score lines the model draws one span over `Crewe 0 Watford 2`, `Durham
114`, `G. Kersey 63` or `AMERICAN LEAGUE\\nEASTERN`. Names written with a number token are rare
(none of 1,778 people and 5 of 3,213 organisations in OntoNotes' development news), and most
of them are numbered names whose word before the number says so (`Local 3057`, `Interstate
95`: the `numbered` words in `models/brief.json`). Any other such span is cut there, and each
piece that still reads as a name (a capitalised word) keeps the span's label; the pieces'
edges are then trimmed as any span's are.

Two known places joined by `to` are two places (`From Chester to Lyon`, one organisation to
the model). A report's slug, a place in capitals before a spaced dash, is the place, apart
from the story's words after it (`GERMANY - Bunds extended losses`). A date or an amount
(`line_labels`) is cut at a line break only: `Beijing , April 23rd` and `Today , the
Association ...` on the next line are two dates, not one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .doctext import entities, set_entities, text_of, token_texts

_NUMBER = re.compile(r"[\d.,:/+-]*\d[\d.,:/+-]*")


def _cuts(texts: list[str], i: int, numbered: set[str]) -> bool:
    """Token `i` (of these token texts) is a line break, or a number that is not part of a
    numbered name (`Interstate 95`, `Local 3057`: the word before it says so)."""
    word = texts[i]
    if "\n" in word:
        return True
    if _NUMBER.fullmatch(word) is None:
        return False
    return i == 0 or texts[i - 1].lower() not in numbered


def _route(ent: Span, texts: list[str]) -> list[Span] | None:
    """`From Chester to Lyon`, read as one organisation: two places the gazetteer knows, on
    either side of `to`."""
    middle = next((i for i in range(ent.start + 1, ent.end - 1) if texts[i].lower() == "to"), None)
    if middle is None:
        return None
    doc = ent.doc
    if lookup_place(doc[ent.start : middle].text) is None:
        return None
    if lookup_place(doc[middle + 1 : ent.end].text) is None:
        return None
    return [Span(doc, ent.start, middle, label="GPE"), Span(doc, middle + 1, ent.end, label="GPE")]


def _slug(ent: Span, texts: list[str]) -> list[Span] | None:
    """`GERMANY - Bunds extended losses`, read as one name: a report's slug, a place in
    capitals before a spaced dash, is the place; the words after it are the story's."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        if texts[i] not in _DASHES or not (doc[i - 1].whitespace_ and doc[i].whitespace_):
            continue  # `UWP-Hachette` is one name
        left, right = texts[ent.start : i], texts[i + 1 : ent.end]
        if all(w.isupper() and len(w) > 1 for w in left) and not all(w.isupper() for w in right):
            name = doc[ent.start : i].text
            if lookup_place(name.title()) or lookup_place(name):
                return [Span(doc, ent.start, i, label="GPE")]
        return None
    return None


_DASHES = {"-", "–", "—"}


def _name_piece(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The piece, if it still reads as a name (a capitalised word)."""
    if any(doc[i].text[:1].isupper() for i in range(start, end)):
        return start, end
    return None


def time_piece(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The piece of a date or amount without punctuation at its edges, if it still holds a
    number or a word of time (`April 23rd` | `Today`; not `The Streets` after `of the year'`)."""
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    words = _time_words()
    if any(doc[i].like_num or doc[i].lower_ in words for i in range(start, end)):
        return start, end
    return None


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    from ..normalize.dates import lexicon

    words = lexicon()
    found = {"today", "tonight", "tomorrow", "yesterday", "now"}
    for key in ("months", "weekdays", "units", "seasons", "parts_of_day"):
        found.update(w for w in words[key] if " " not in w)
    return frozenset(found)


@Language.factory(
    "brief_boundaries", default_config={"labels": [], "numbered": [], "line_labels": []}
)
def make_boundaries(
    nlp: Language, name: str, labels: list[str], numbered: list[str], line_labels: list[str]
):
    label_set, numbered_words = set(labels), {w.lower() for w in numbered}
    line_set = set(line_labels)

    def cuts(ent: Span, texts: list[str], i: int) -> bool:
        if ent.label_ in label_set:
            return _cuts(texts, i, numbered_words)
        return ent.label_ in line_set and "\n" in texts[i]

    def may_change(ent: Span, texts: list[str], slugs: bool) -> bool:
        """Could `boundaries` change this entity? (A quick test, one label lookup.)"""
        label = ent.label_
        words = texts[ent.start : ent.end]
        if label in label_set:
            return any(_cuts(texts, i, numbered_words) for i in range(ent.start, ent.end)) or any(
                w.lower() == "to" or (slugs and w in _DASHES) for w in words
            )
        return label in line_set and any("\n" in w for w in words)

    def boundaries(doc: Doc) -> Doc:
        ents = entities(doc)
        texts = token_texts(doc)
        text = text_of(doc)
        slugs = " - " in text or " – " in text or " — " in text  # a report's slug: `GERMANY - `
        if not any(may_change(e, texts, slugs) for e in ents):
            return doc
        result: list[Span] = []
        for ent in ents:
            route = None
            if ent.label_ in label_set:
                route = _route(ent, texts) or (_slug(ent, texts) if slugs else None)
            if route is not None:
                result.extend(route)
                continue
            if not any(cuts(ent, texts, i) for i in range(ent.start, ent.end)):
                result.append(ent)
                continue
            name = ent.label_ in label_set
            start = ent.start
            for i in range(ent.start, ent.end + 1):
                if i == ent.end or cuts(ent, texts, i):
                    piece = _name_piece(doc, start, i) if name else time_piece(doc, start, i)
                    if piece is not None:
                        result.append(Span(doc, *piece, label=ent.label))
                    start = i + 1
        set_entities(doc, result)
        return doc

    return boundaries


__all__ = ["make_boundaries"]
