"""`brief_given_names`: a known given name or an initial, and a capitalised word the model
left untagged, are a person.

The model misses full names it has not seen, foreign ones most of all (`Erling Haaland scored
twice`, `Cedric Pioline ( France ) beat ...`), and then types the lone surname that follows
as a place or an organisation. A pair of words outside every entity, the first a given name
from `models/given_names.txt`, the second capitalised, standing alone (no capitalised word
either side), is taken as a person; `brief_surnames` then carries the person to the lone
surname.

Not a person: a pair after a determiner or an opening quote (`the Fed Cup`, `" Carry On "`),
with a title in it (`General Secretary`, `Prince Eugene`) or a word of `not_surnames` second
(`Davis Cup`, `Wonder Woman`), after a hyphen (`Joe-Max Moore`: the model's name is cut), or
in a heading.

A given name the model read as a person, `of` and an untagged capitalised word are one
person (`Joan of Arc`). An initial and a capitalised word standing alone are a person too
(`P. Simmons 4-38`, `( A. Dale 69 , H. Morris`: scorecards and results lists), even when the
model read the surname alone as a one-word entity (`U. Chandana`, a place to it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .components import heading_lines
from .config import one_word_titles, read_word_list
from .doctext import entities, set_entities, text_of, token_texts

_WORD = re.compile(r"[A-Z][a-zà-öø-ÿ][\w'’-]*")
# After these a capitalised pair is a title or a thing, not a person (`the Fed Cup`, `" Carry On`).
_NOT_BEFORE_A_NAME = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", '"', "``", "''", "'", "“", "‘", "(", "-", "–",
}  # fmt: skip
_HEADING_WORDS = 12
# The model's labels an initial may carry and still be one (`R. Ponting` with `R.` a NORP).
_WEAK = {"NORP", "CARDINAL", "QUANTITY", "ORDINAL"}


def is_initial(word: str) -> bool:
    """`P.`: a capital and a full stop (told without a regular expression: this runs on every
    token)."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


@lru_cache(maxsize=4)
def given_names(relative: str = "given_names.txt") -> frozenset[str]:
    """The given names, less those that are also titles (`General`, `Prince`) or English
    function words (`An`, `My`, `Will`: `An Officer and a Gentleman`, `My Way`)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    titles = one_word_titles()
    return frozenset(
        n
        for n in read_word_list(relative)
        if n.lower() not in titles and n.lower() not in STOP_WORDS
    )


@Language.factory(
    "brief_given_names", default_config={"names": "given_names.txt", "not_surnames": []}
)
def make_given_names(nlp: Language, name: str, names: str, not_surnames: list[str]):
    given = given_names(names)
    titles = one_word_titles() | {w.lower() for w in not_surnames}

    def capitalised(word: str) -> bool:
        return word[:1].isupper()

    def standing_alone(texts: list[str], i: int, end: int) -> bool:
        """No capitalised word right before or after the pair."""
        after = texts[end] if end < len(texts) else ""
        return not capitalised(after) and not (i > 0 and capitalised(texts[i - 1]))

    def given_name_pair(doc: Doc, texts: list[str], taken: dict[int, Span], i: int) -> bool:
        first, second = texts[i], texts[i + 1]
        return (
            first in given
            and i not in taken
            and i + 1 not in taken
            and _WORD.fullmatch(second) is not None
            and second.lower() not in titles
            and standing_alone(texts, i, i + 2)
            and not (i > 0 and texts[i - 1].lower() in _NOT_BEFORE_A_NAME)
            and doc[i].whitespace_ == " "
        )

    def initial_pair(texts: list[str], taken: dict[int, Span], i: int) -> bool:
        """`P. Simmons 4-38`, `( A. Dale 69`: the surname may be a one-word entity of the
        model's (`U. Chandana`, read as a place), the initial a weak one (`R.` as a nationality)."""
        if not is_initial(texts[i]):
            return False
        initial, surname = taken.get(i), taken.get(i + 1)
        return (
            _WORD.fullmatch(texts[i + 1]) is not None
            and (initial is None or (initial.label_ in _WEAK and initial.end == i + 1))
            and (surname is None or (surname.start == i + 1 and surname.end == i + 2))
            and standing_alone(texts, i, i + 2)
        )

    def epithet(texts: list[str], taken: dict[int, Span], ent: Span) -> Span | None:
        """`Joan of Arc`, `John of Gaunt`: a one-word person with a given name, then `of` and
        a capitalised word the model left untagged (a place it tagged, `Eitel of Germany`,
        stays apart), is one person."""
        end = ent.end
        if (
            ent.label_ != "PERSON"
            or len(ent) != 1
            or texts[ent.start] not in given
            or end + 1 >= len(texts)
            or texts[end] != "of"
            or end + 1 in taken
            or not _WORD.fullmatch(texts[end + 1])
            or lookup_place(texts[end + 1]) is not None
            or (end + 2 < len(texts) and capitalised(texts[end + 2]))
        ):
            return None
        return Span(ent.doc, ent.start, end + 2, label="PERSON")

    def people(doc: Doc) -> Doc:
        texts = token_texts(doc)
        ents = entities(doc)
        taken = {i: e for e in ents for i in range(e.start, e.end)}
        found: list[Span] = [
            span for ent in ents if (span := epithet(texts, taken, ent)) is not None
        ]
        taken.update({j: span for span in found for j in range(span.start, span.end)})
        headings: list[tuple[int, int]] | None = None
        free = 0  # a pair taken at i also takes i + 1
        # Only a given name or an initial starts a pair: the other tokens are not visited.
        for i in [
            i
            for i, word in enumerate(texts[:-1])
            if word in given or (word[-1:] == "." and is_initial(word))
        ]:
            if i < free:
                continue
            if initial_pair(texts, taken, i):
                found.append(Span(doc, i, i + 2, label="PERSON"))
                free = i + 2
                continue
            if not given_name_pair(doc, texts, taken, i):
                continue
            if headings is None:
                headings = heading_lines(text_of(doc), _HEADING_WORDS)
            start = doc[i].idx
            if not any(a <= start < b for a, b in headings):
                found.append(Span(doc, i, i + 2, label="PERSON"))
            free = i + 2
        if found:
            covered = {j for span in found for j in range(span.start, span.end)}
            kept = [e for e in ents if not any(j in covered for j in range(e.start, e.end))]
            set_entities(doc, sorted([*kept, *found], key=lambda span: span.start))
        return doc

    return people


__all__ = ["given_names", "is_initial", "make_given_names"]
