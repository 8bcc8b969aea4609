"""People in the lists of a sports story, by the list's form, whatever the model read:

- an athlete with a country in brackets (`Irina Privalova ( Russia ) 11.27`, `beat Ines
  Gorrochategui ( Argentina ) 4-6`), the country a place, or a scorer with the minute
  (`Cosmin Contra ( 31st )`);
- the fielder and the bowler of a cricket dismissal (`S. Law c Tillekeratne b Dharmasena 13`,
  `lbw b Waqar Younis 15`);
- a numbered player of a line-up or a draw (`15 - Andre Joubert , 14 - Justin Swart`).

A name must be two or three capitalised words (a particle allowed before the last: `Danie
van Schalkwyk`), not ending as clubs do, not a country; `brief_sports` calls this only for a
story it finds is about sport.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span

# Two or three capitalised words, a particle allowed before the last (`Danie van Schalkwyk`).
_FULL_NAME = r"(?:[A-Z][\w'’.-]+ ){1,2}(?:(?:van|von|de|der|den|du|da|di|del|le|la) )?[A-Z][\w'’-]+"
_WITH_COUNTRY = re.compile(
    rf"(?<![\w.’'-])({_FULL_NAME}) \( ?"
    r"([A-Z][\w.]+(?: [A-Z][\w.]+)?|\d{1,3}(?:st|nd|rd|th)?(?: minute| mins?| pen)?) ?[,)]"
)
_MINUTE = re.compile(r"(?:\d{1,2}|\d{1,3}(?:st|nd|rd|th))(?: minute| mins?| pen)?")
_PLAYER = r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
_DISMISSAL = re.compile(
    rf"(?<=\s)(?:c|st) {_PLAYER} b {_PLAYER}(?= \d| \()"
    rf"|(?<=\s)(?:lbw b|b|c & b|c and b) {_PLAYER}(?= \d)"
)
_NUMBERED = re.compile(
    rf"(?<=[\s(])\d{{1,2}} - ({_FULL_NAME})(?= [,;(.]| \d| [A-Z]|$)",
    re.MULTILINE,
)


def listed_names(
    doc: Doc,
    text: str,
    added: list[Span],
    club_words: set[str],
    national: Callable[[Span], bool],
) -> list[Span]:
    """The people of a story's results lists, line-ups and scorecards (and an athlete's
    country), as spans that overlap neither `added` nor each other."""
    held = {i for span in added for i in range(span.start, span.end)}
    found = []
    for span in (
        *_athletes(doc, text, club_words, national),
        *_scorecard_players(doc, text),
        *_numbered_players(doc, text, club_words, national),
    ):
        if not held.intersection(range(span.start, span.end)):
            found.append(span)
            held.update(range(span.start, span.end))
    return found


def _athletes(
    doc: Doc, text: str, club_words: set[str], national: Callable[[Span], bool]
) -> Iterator[Span]:
    for match in _WITH_COUNTRY.finditer(text):
        country = None
        if not _MINUTE.fullmatch(match.group(2)):
            country = doc.char_span(*match.span(2), label="GPE")
            if country is None or not national(country):
                continue
        span = doc.char_span(*match.span(1), label="PERSON")
        if span is None or span.text.split()[-1] in club_words:
            continue
        if span.start > 0 and doc[span.start - 1].is_title:  # four names: `Jorge Luis Dely Valdes`
            continue
        yield span
        if country is not None:  # the athlete's country, a place even where the model missed it
            yield country


def _scorecard_players(doc: Doc, text: str) -> Iterator[Span]:
    for match in _DISMISSAL.finditer(text):
        for group in (1, 2, 3):
            if match.group(group) is not None:
                span = doc.char_span(*match.span(group), label="PERSON")
                if span is not None:
                    yield span


def _numbered_players(
    doc: Doc, text: str, club_words: set[str], national: Callable[[Span], bool]
) -> Iterator[Span]:
    """Not after a name (`Real Madrid 2 - Atletico Madrid 1` is a score)."""
    for match in _NUMBERED.finditer(text):
        span = doc.char_span(*match.span(1), label="PERSON")
        number = doc.char_span(*match.span(0))
        if span is None or number is None or span.text.split()[-1] in club_words:
            continue
        if (number.start > 0 and doc[number.start - 1].is_title) or national(span):
            continue
        yield span
