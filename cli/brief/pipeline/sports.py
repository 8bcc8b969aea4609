"""`brief_sports`: in a sports story, a club named after a place is an organisation.

`Leicestershire beat Somerset`, `Crewe 0 Watford 2`, `Kent made up for lost time in their
match against Nottinghamshire`: the model reads the place in each name. In a document whose
vocabulary is sport (a `SOCCER -` slug, or enough of `match`, `league`, `innings`, `striker`,
...), a place-named entity is a team, and so an organisation, where a team stands:

- in a results or standings row (`Crewe 0 Watford 2`, `Burnley 4 2 0 2 6 7 6`), where names
  the model missed are taken too, and the row's whole name over a place the model read inside
  it (`Cambridge` of `Cambridge United 4 1 2 1 3 4 5`); the row's numbers are scores, never a
  date;
- before a result verb (`Essex beat`, `Somerset drew`) or after a word that takes a team
  (`beat Somerset`, `against Yorkshire`, `v Kent`).

A name found as a team is a team at its other mentions in the document, and so is a
place-named name the model read as an organisation once; names listed with a team (`Essex ,
Derbyshire and Surrey`) are teams when every name in the list may be one. Countries stay places
(national sides are annotated as their country), and so does a place in an ordinary sentence
of the same story (`born in Manchester`), a place where something happens (`drew 6-6 at
Swansea`, `In Montreal ,`) and the place the story was filed from.

Also, in such a story:
- a place before one of a team's people (`Newcastle boss`) or before its score (`Durham 114`,
  `Kent 108-3`, a standings line) is the team, unless a word before it places it;
- a name ending as clubs do is a club (`Manchester United`), and a name run over a fixture is
  its two sides (`Birmingham v Barnsley`);
- a one-word organisation before a speech verb is a person quoted by surname (`Guardiola
  said`);
- results lists, scorecards and line-ups name people by their form (`results_lists.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..gazetteer import lookup_place
from .config import read_word_list
from .doctext import (
    POSSESSIVES,
    dateline_tokens,
    entities,
    leave_unnamed,
    lower_texts,
    set_entities,
    text_of,
    token_texts,
)
from .results_lists import listed_names

_PLACES = {"GPE", "LOC", "FAC"}
_SIDES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_NAMES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "MONEY", "TIME"}
_NAME = r"[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}"
_SCORE = r"\d{1,3}"
# After a standings row's counts: a percentage (`.596`), games behind (`5 1/2`, `-`), a goal
# difference (`+12`).
_FIGURE = r"(?:[+-]?\d*[.,/]?\d+|[-–])"
# A row: two or more names each with its score, or one name with a standings line.
_ROW = re.compile(
    rf"^[ \t]*(?:{_NAME}[ \t]+{_SCORE}[ \t]*(?:[ \t]+|$)){{2,}}[ \t]*$"
    rf"|^[ \t]*{_NAME}(?:[ \t]+{_SCORE}){{3,}}(?:[ \t]+{_FIGURE})*[ \t]*$",
    re.MULTILINE,
)
_ROW_NAME = re.compile(rf"(?<![\w.])({_NAME})(?=[ \t]+\d)")
# Results run into a line of prose: two or more sides each with a score, a side perhaps with its
# country or city in brackets (`Benetton ( Italy ) 92 Dinamo ( Russia ) 81`, `Hajduk 2 Proleter
# ( Z ) 0`).
_QUALIFIER = r"(?:[ \t]+\([ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?[ \t]*\))?"
_RESULT = rf"{_NAME}{_QUALIFIER}[ \t]+{_SCORE}(?![\w.:/-])"
_RESULTS = re.compile(rf"{_RESULT}(?:[ \t]+{_RESULT})+")
_SCORED = re.compile(rf"{_QUALIFIER}[ \t]+{_SCORE}(?![\w.:/-])")
_INITIAL = re.compile(r"^[A-Z]\.")
# A player by initials and surname (`H. Morris`, `A. J. Stewart`), as results and scorecards
# name them; not `U.S. Gulf`.
_INITIALLED = re.compile(r"(?:[A-Z]\. ){1,2}[A-Z][a-z][\w'’-]*")
_DETERMINERS = {"the", "a", "an", "this", "that"}
_VERSUS = {"v", "v.", "vs", "vs.", "versus"}
_LOCATIVES = {"in", "at", "from", "near", "to"}
_TEAM_SCORE = re.compile(r"\d{1,3}(?:-\d{1,2})?")


def is_sports_document(
    doc: Doc, text: str, cues: set[str], slugs: set[str], least: int,
    weak: frozenset[str] = frozenset(), least_weak: int = 0,
    phrases: tuple[tuple[str, str], ...] = (),
) -> bool:  # fmt: skip
    """A sports slug on the first line; or `least` different cue words (seldom met outside
    sport), one of them twice; or one cue word with `least_weak` different weaker ones
    (`goal`, `coach`, `season`: common in sport, not only there). `phrases` are the cues of
    several tokens (`half-time`, `match point`), each with its first word: spaCy splits them,
    so they are found in the text, and looked for only where their first word is a token."""
    first = text.lstrip().split("\n", 1)[0]
    slug = first.split(" - ", 1)[0].strip().upper() if " - " in first else ""
    if slug in slugs:
        return True
    words = lower_texts(doc)
    single = cues.intersection(words)  # set operations: this runs on every document
    starts = {first for _, first in phrases}.intersection(words)
    lowered = text.lower() if starts else ""
    found_phrases = {cue for cue, first in phrases if first in starts and cue in lowered}
    found = single | found_phrases
    if not found:
        return False
    uses = sum(map(words.count, single)) + sum(map(lowered.count, found_phrases))
    if len(found) >= least and uses >= least + 1:
        return True
    return least_weak > 0 and len(weak.intersection(words)) >= least_weak


def _place_named(word: str, endings: tuple[str, ...]) -> bool:
    return word.lower().endswith(endings) or lookup_place(word) is not None


def _place_named_person(ent: Span, endings: tuple[str, ...]) -> bool:
    """A one-word "person" that is a place: known (`Watford`), or by its ending
    (`Leicestershire`): the model's other reading of a club's name."""
    return ent.label_ == "PERSON" and len(ent) == 1 and _place_named(ent.text, endings)


def _speaker(ent: Span, texts: list[str], speech: set[str]) -> bool:
    """A one-word organisation that speaks (`Guardiola said`, `Federer told`): in a sports
    story that is a player or a manager quoted by surname; a club, a governing body written in
    capitals (`IAAF said`) or a place-named team is left as it is."""
    word = ent.text
    return (
        ent.label_ == "ORG"
        and len(ent) == 1
        and word[:1].isupper()
        and not word.isupper()
        and ent.end < len(texts)
        and texts[ent.end].lower() in speech
        and (ent.start == 0 or texts[ent.start - 1].lower() not in _DETERMINERS)  # `the Kiwi`
    )


def _nationality_noun(word: str, nationalities: set[str]) -> bool:
    """`Frenchman`, `Englishwoman`: where someone is from, not who."""
    stem = re.sub(r"(?:wo)?m[ae]n$", "", word)
    return word in nationalities or (stem != word and stem in nationalities)


def _team_follows(word: str, after: set[str], located: bool) -> bool:
    """Does a team stand before this word: a result verb, one of its people, or its score
    (`Durham 114 ( S. Watkin 4-28 )`, `Kent 108-3`; not a year, `Athens 2004`, nor after a
    word that places it, `edged Austria in Salzburg 3-2`)?"""
    if word.lower() in after:
        return True
    return not located and _TEAM_SCORE.fullmatch(word) is not None


def _club_name(name: str, endings: set[str]) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and words[-1] in endings
        and all(w[:1].isupper() for w in words)
        and lookup_place(name) is None
    )


def _retyped(
    ent: Span, teams: set[str], national: bool, speakers: set[str], clubs: set[str]
) -> Span:
    """A team's mention as an organisation; a country the model took for an organisation
    (`beat Moldova`) as the place whose side it is; a one-word organisation the story quotes
    (`Guardiola said`) and a name by initials (`H. Morris`) as a person, at each of its
    mentions; a club's full name (`Manchester United`) as an organisation, whatever the model
    read."""
    if ent.label_ == "ORG" and len(ent) == 1 and ent.text in speakers:
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    if ent.label_ != "PERSON" and _INITIALLED.fullmatch(ent.text) and ent.text not in teams:
        return Span(ent.doc, ent.start, ent.end, label="PERSON")  # `H. Morris 69`
    if ent.label_ != "ORG" and ent.text in clubs:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    if national:
        if ent.label_ == "ORG" and len(ent) <= 3:
            return Span(ent.doc, ent.start, ent.end, label="GPE")
        return ent
    single_person = ent.label_ == "PERSON" and len(ent) == 1
    if (ent.label_ in _PLACES or single_person) and ent.text in teams:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent


@Language.factory(
    "brief_sports",
    default_config={
        "cues": [], "slugs": [], "verbs_after": [], "words_before": [], "national_sides": [],
        "least_cues": 3, "weak_cues": [], "least_weak_cues": 4, "place_endings": [],
        "speech_verbs": [], "agencies": [], "organisation_words": [], "demonyms": "demonyms.txt",
        "club_endings": [], "team_words_after": [],
    },
)  # fmt: skip
def make_sports(
    nlp: Language,
    name: str,
    cues: list[str],
    slugs: list[str],
    verbs_after: list[str],
    words_before: list[str],
    national_sides: list[str],
    least_cues: int,
    weak_cues: list[str],
    least_weak_cues: int,
    place_endings: list[str],
    speech_verbs: list[str],
    agencies: list[str],
    organisation_words: list[str],
    demonyms: str,
    club_endings: list[str],
    team_words_after: list[str],
):
    cue_words, slug_names = {c.lower() for c in cues}, {s.upper() for s in slugs}
    cue_phrases = tuple(
        (cue, re.split(r"[\s-]", cue, maxsplit=1)[0])
        for cue in sorted(cue_words)
        if not cue.isalpha()
    )
    # What follows a team: a result verb (`Essex beat`) or one of its people (`Newcastle boss`).
    after = {w.lower() for w in [*verbs_after, *team_words_after]}
    roles = {w.lower() for w in team_words_after}
    before = {w.lower() for w in words_before}
    sides = {s.lower() for s in national_sides}
    weak = frozenset(w.lower() for w in weak_cues)
    endings = tuple(e.lower() for e in place_endings)
    speech = {w.lower() for w in speech_verbs}
    not_speakers = {a.lower() for a in agencies}
    body_words = {w.lower() for w in organisation_words}
    nationalities = set(read_word_list(demonyms))
    club_words = set(club_endings)

    def national(span: Span) -> bool:
        if span.text.lower() in sides:
            return True
        place = lookup_place(span.text)
        return place is not None and place.kind == "country"

    def placed_as_team(doc: Doc, span: Span) -> bool:
        following = doc[span.end] if span.end < len(doc) else None
        preceding = doc[span.start - 1] if span.start > 0 else None
        located = preceding is not None and preceding.lower_ in _LOCATIVES
        return (following is not None and _team_follows(following.text, after, located)) or (
            preceding is not None and preceding.lower_ in before
        )

    def sports(doc: Doc) -> Doc:
        text = text_of(doc)
        if not is_sports_document(
            doc, text, cue_words, slug_names, least_cues, weak, least_weak_cues, cue_phrases
        ):
            return doc
        ents = _without_slug(doc, text, slug_names)
        # A team the model gave a weak label (`Leicestershire` as a product) is still missed.
        taken = {i for e in ents if e.label_ in _NAMES for i in range(e.start, e.end)}
        teams: set[str] = set()
        added: list[Span] = []
        rows = list(_ROW.finditer(text))
        # The model's names by token, for the rows: a row's name replaces what the model read
        # inside it (`Cambridge` of `Cambridge United 4 1 2 1 3 4 5`).
        name_at = {i: e for e in ents if e.label_ in _NAMES for i in range(e.start, e.end)}
        row_tokens: set[int] = set()
        for row in rows:
            for match in _ROW_NAME.finditer(text, row.start(), row.end()):
                span = doc.char_span(*match.span(1), label="ORG", alignment_mode="contract")
                if span is None or _INITIAL.match(span.text):
                    continue
                if national(span):  # a national side: its country, a place
                    span = Span(doc, span.start, span.end, label="GPE")
                else:
                    teams.add(span.text)
                tokens = range(span.start, span.end)
                inside = all(
                    span.start <= name_at[i].start and name_at[i].end <= span.end
                    for i in tokens
                    if i in name_at
                )
                if inside and not row_tokens.intersection(tokens):
                    added.append(span)
                    taken.update(tokens)
                    row_tokens.update(tokens)
        # A name the model found in results run into a line, followed by its score, is a side.
        runs = [m.span() for m in _RESULTS.finditer(text)]
        run_starts = [start for start, _ in runs]

        def in_run(start: int, end: int) -> bool:
            at = bisect_right(run_starts, start) - 1
            return at >= 0 and end <= runs[at][1]

        for ent in ents:
            if (
                ent.label_ in _SIDES
                and in_run(ent.start_char, ent.end_char)
                and _SCORED.match(text, ent.end_char)
                and not national(ent)
            ):
                teams.add(ent.text)
        # A word the story also gives a person (`Mirosoviki won`, `Romanian Mirosoviki`) is
        # that person, unless it is a place's name (`Derbyshire`, `Essex`).
        people = {w for e in ents if e.label_ == "PERSON" for w in e.text.split()}

        def may_be_team(ent: Span) -> bool:
            place_like = ent.label_ in _PLACES or _place_named_person(ent, endings)
            if ent.text in people and not _place_named(ent.text, endings):
                return False
            return place_like and not national(ent)

        texts = token_texts(doc)
        person_starts = {e.start for e in ents if e.label_ == "PERSON"}
        for ent in ents:
            if may_be_team(ent) and placed_as_team(doc, ent):
                teams.add(ent.text)
            elif _named_by_role(ent, texts, roles, person_starts):
                teams.add(ent.text)  # `Juve manager Fabio Capello`: a team's nickname
        # `Brentford v Manchester United` read as one name: the two sides of a fixture.
        for ent in ents:
            cut = next(
                (i for i in range(ent.start + 1, ent.end - 1) if texts[i].lower() in _VERSUS), None
            )
            if cut is None:
                continue
            first = ent.start + (texts[ent.start].lower() in _DETERMINERS)  # `the Wales v England`
            for side in (
                Span(doc, first, cut, label="ORG"),
                Span(doc, cut + 1, ent.end, label="ORG"),
            ):
                if national(side):
                    side = Span(doc, side.start, side.end, label="GPE")
                else:
                    teams.add(side.text)
                added.append(side)
        # `Manchester United`, `Glasgow Rangers`: a club by its name's last word, whatever the
        # model read (unless the whole is a place: `Mexico City`).
        clubs = {e.text for e in ents if e.label_ != "ORG" and _club_name(e.text, club_words)}
        teams |= clubs
        # A place-named club the model missed where a team stands (`beat Somerset`).
        for i, word in enumerate(texts):
            if i in taken or not (word[:1].isupper() and word.isalpha()):
                continue
            next_word = texts[i + 1].lower() if i + 1 < len(texts) else ""
            located = i > 0 and texts[i - 1].lower() in _LOCATIVES
            if not _team_follows(next_word, after, located) and (
                i == 0 or texts[i - 1].lower() not in before
            ):
                continue
            span = Span(doc, i, i + 1, label="ORG")
            named = _place_named(word, endings)
            if named and not national(span):
                added.append(span)
                taken.add(i)
                teams.add(word)
        # A place-named organisation is a team, at its other mentions too (`Derbyshire` read
        # once as a club and once as a person).
        teams |= {
            e.text
            for e in [*ents, *added]
            if e.label_ == "ORG"
            and _place_named(e.text, endings)
            and (e.text not in people or e.text.lower().endswith(endings))
            and not national(e)
            and not _sited(e, texts, after)
        }
        # `Essex , Derbyshire and Surrey`: names listed with a team are teams.
        ordered = sorted([*ents, *added], key=lambda e: e.start)
        teams |= _listed_with(ordered, texts, teams, may_be_team)
        # Names that are no ground: the story's teams, and nationality words.
        added.extend(_venues(doc, texts, ents, taken, teams | nationalities))
        added.extend(listed_names(doc, text, added, club_words, national))
        # Numbers in a results row are scores, not dates (`PSV 24 14 7 3 55 20 49`), and so is
        # a pair of short numbers (`beat Wales 34-13`; a season, `1996-97`, starts with a year);
        # `the second half` is the match's, not the year's.
        scores = {
            id(e)
            for e in ents
            if e.label_ == "DATE"
            and (
                _SCORE.fullmatch(e.text)
                or _MATCH_HALF.fullmatch(e.text)
                or (
                    all(t.is_digit for t in e)
                    and (
                        any(r.start() <= e.start_char and e.end_char <= r.end() for r in rows)
                        or in_run(e.start_char, e.end_char)
                    )
                )
            )
        }
        covered = {i for span in added for i in range(span.start, span.end)}
        # A body that speaks (`Uefa insists`) is named as one elsewhere: `Uefa spokesman`.
        bodies = {e.text for e in ents if e.end < len(texts) and texts[e.end].lower() in body_words}
        not_people = teams | bodies
        speakers = {
            e.text
            for e in ents
            if _speaker(e, texts, speech)
            and e.text not in not_people
            and e.text.lower() not in not_speakers
            and not _place_named(e.text, endings)
            and not _nationality_noun(e.text, nationalities)
        }
        # Where the story is filed from, and a place where something happens (`drew 6-6 at
        # Swansea`, `in Newport`), stay places though a team bears the name.
        kept = dateline_tokens(doc) | {
            e.start
            for e in ents
            if e.label_ in _PLACES and e.text not in clubs and _sited(e, texts, after)
        }
        result = [
            e if e.start in kept else _retyped(e, teams, national(e), speakers, clubs)
            for e in ents
            if id(e) not in scores and not any(i in covered for i in range(e.start, e.end))
        ]
        original = entities(doc)
        unchanged = len(result) == len(original) and all(
            a is b for a, b in zip(result, original, strict=True)
        )
        if not added and unchanged:
            return doc
        set_entities(doc, sorted([*result, *added], key=lambda span: span.start))
        return doc

    return sports


def _named_by_role(
    ent: Span, texts: list[str], team_words: set[str], person_starts: set[int]
) -> bool:
    """A one-word person before a team's word and a person's name (`Juve manager Luciano
    Moggi`, `Toon boss Graeme Souness`) is the team the person plays or works for."""
    end = ent.end
    if ent.label_ != "PERSON" or len(ent) != 1 or end + 1 >= len(texts):
        return False
    named = end + 1 in person_starts or (texts[end + 1].istitle() and texts[end + 1].isalpha())
    return texts[end].lower() in team_words and named


_SCORE = re.compile(r"\d{1,3}\s*[-–]\s*\d{1,3}")
_MATCH_HALF = re.compile(r"(?:the\s+)?(?:first|second|1st|2nd)[\s-]+half", re.IGNORECASE)


_SITES = {"in", "at", "near"}


def _sited(ent: Span, texts: list[str], team_words: set[str]) -> bool:
    """Does the name say where something happens (`at Swansea`, `at Lusaka 's stadium`), not
    who plays (`in Chelsea 's win`, `at Leeds boss`)?"""
    if ent.start == 0 or texts[ent.start - 1].lower() not in _SITES:
        return False
    following = texts[ent.end].lower() if ent.end < len(texts) else ""
    if following in POSSESSIVES:
        return any(w.lower() in _GROUNDS for w in texts[ent.end + 1 : ent.end + 4])
    return following not in team_words


_GROUNDS = {"stadium", "ground", "park", "arena", "home"}
_LIST_JOINS = {(",",), ("and",), ("or",), ("&",), (",", "and"), (",", "or")}


def _listed_with(
    ents: list[Span], texts: list[str], teams: set[str], may_be_team: Callable[[Span], bool]
) -> set[str]:
    """The names listed with a team (`Essex , Derbyshire and Surrey`, `Sussex or Surrey`):
    a list names things of one kind, so when every other name in it may be a team, they are
    teams. A list's new team may make another list's names teams too."""
    lists: list[list[Span]] = []
    conjoined: list[bool] = []  # a conjunction joins the list: two names and a comma only
    for ent in ents:  # are more often a place and its region (`Old Trafford , Manchester`)
        joint = tuple(w.lower() for w in texts[lists[-1][-1].end : ent.start]) if lists else ()
        if joint in _LIST_JOINS:
            lists[-1].append(ent)
            conjoined[-1] = conjoined[-1] or joint != (",",)
        else:
            lists.append([ent])
            conjoined.append(False)
    found: set[str] = set()
    grown = True
    while grown:
        grown = False
        for names, conjoined_list in zip(lists, conjoined, strict=True):
            if len(names) < (2 if conjoined_list else 3) or not any(
                e.text in teams or e.text in found for e in names
            ):
                continue
            known = teams | found
            # A list with a name that cannot be a team (`Warnock , Moore , Thomson`: a
            # line-up) is no list of teams.
            if not all(e.text in known or may_be_team(e) for e in names):
                continue
            for ent in names:
                if ent.text not in known:
                    found.add(ent.text)
                    grown = True
    return found


def _without_slug(doc: Doc, text: str, slugs: set[str]) -> list[Span]:
    """The entities with the story's slug cut off. The model reads `SOCCER - BARATELLI TO
    COACH NICE` as one name, `Soccer - Baratelli`, whose label says nothing of the words after
    the slug: they are left unlabelled, for the components that carry a name through the
    story (`Baratelli` the person, `Leicestershire` the team); the slug itself stays unnamed."""
    ents = list(entities(doc))
    first = text.split("\n", 1)[0]
    slug, dash, _ = first.partition(" - ")
    if not dash or slug.strip().upper() not in slugs:
        return ents
    body_start = len(slug) + len(dash)
    end_token = next((t.i for t in doc if t.idx >= body_start), len(doc))
    leave_unnamed(doc, 0, end_token)
    return [ent for ent in ents if ent.start_char >= body_start]


def _venues(
    doc: Doc, texts: list[str], ents: list[Span], taken: set[int], not_grounds: set[str]
) -> list[Span]:
    """Grounds: a name after `at` (or `at the`) that no gazetteer knows, untagged or read as a
    person, is where the match is played (`at the Etihad`, `at Headingley`, `At the Oval`), a
    place. Not a team (`at Torino`), a known place (the model reads those), an event (`at the
    French Open`), a nationality (`relieved at Aussie recovery`), nor a name with a possessive
    after it (`at Lord 's`)."""
    people = {e.start: e for e in ents if e.label_ == "PERSON" and len(e) == 1}
    # Any label the model gave counts here: `at the Atlanta Games` is an event, `at the
    # Pakistani` a nationality.
    labelled = {i for e in ents for i in range(e.start, e.end)} | taken
    found: list[Span] = []
    for i, word in enumerate(texts[:-1]):
        if word not in _AT:
            continue
        start = i + 1 + (texts[i + 1] == "the")
        end = start
        while end < len(texts) and end - start < 4:
            if _VENUE_WORD.fullmatch(texts[end]):
                end += 1
            elif (  # `the Stade de France`
                end > start
                and texts[end] in _PARTICLES
                and end + 1 < len(texts)
                and _VENUE_WORD.fullmatch(texts[end + 1])
            ):
                end += 2
            else:
                break
        if end == start or (end < len(texts) and texts[end] in POSSESSIVES):
            continue
        if texts[end - 1] in _EVENTS:  # `at the French Open`: an event, not a ground
            continue
        name = " ".join(texts[start:end])
        person = people.get(start)
        free = not any(j in labelled for j in range(start, end))
        if not (free or (person is not None and person.end == end)):
            continue
        if name in not_grounds or lookup_place(name) is not None:
            continue
        found.append(Span(doc, start, end, label="FAC"))
        taken.update(range(start, end))
        labelled.update(range(start, end))
    return found


_AT = {"at", "At"}
_VENUE_WORD = re.compile(r"[A-Z][a-z][\w'’-]*")
_PARTICLES = {"de", "du", "des", "la", "le", "del", "di", "da", "do", "dos"}
_EVENTS = {
    "Open", "Games", "Cup", "Championship", "Championships", "Trophy", "Series", "Classic",
    "Masters", "Olympics", "Grand", "Prix", "Final", "Finals", "Tour", "Meeting",
}  # fmt: skip

__all__ = ["is_sports_document", "make_sports"]
