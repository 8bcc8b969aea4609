"""`brief_datelines`: the place a news story was filed from.

Agency copy opens with a dateline: `BELGRADE 1996-08-30` on a line of its own, or `LONDON
(Reuters) -`, `WASHINGTON, Aug. 3 (AP) --`, `MANILA, Philippines (AP) _` before the first
sentence. The place there is a place whatever the model made of it (it reads a lone capitalised
word on a line badly: a person, an organisation, or nothing), and so is the region after a
comma. Only the first lines of a document are read, and the agency must be a known one
(`models/brief.json`), so a line such as `CENTRUST SAVINGS BANK ( Miami ) --` is no dateline.
The same agencies named in running text ("told Reuters") are organisations.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .doctext import entities, mark_dateline, set_entities, text_of

_WORD = r"[A-Z][\w.'’-]*"
_JOINER = r"(?:de|da|do|del|der|la|le|el|al|es|sur|am|upon|on)"
_NAME = rf"{_WORD}(?:[ -](?:{_WORD}|{_JOINER}(?=[ -])))*"
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[A-Za-z]{0,6}\.?"
# A line of its own: a place and an ISO date (tokenised copy writes `KHASAVYURT , Russia`).
# Words after the first may be in any case: an all-caps line reaches the model true-cased word
# by word ("Monte carlo 1996-08-30").
_ISO_LINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’-]*(?:[ -][A-Za-z][\w.'’-]*){0,3})"
    rf"(?:[ \t]?,[ \t]*(?P<region>{_NAME}))?[ \t]+\d{{4}}-\d{{2}}-\d{{2}}[ \t]*$",
    re.MULTILINE,
)
# Before the first sentence: LONDON (Reuters) -, WASHINGTON, Aug. 3 (AP) --.
_AGENCY_LINE = re.compile(
    rf"^[ \t]*(?P<place>{_NAME})(?:[ \t]?,[ \t]*(?P<region>{_NAME}))??"
    rf"(?:[ \t]?,[ \t]*{_MONTH}[ \t]*\d{{1,2}})?[ \t]*\([ \t]*(?P<agency>[^()\n]{{1,30}}?)[ \t]*\)"
    r"[ \t]*(?:-|–|—|_)",
    re.MULTILINE,
)
_MAX_WORDS = 4


def dateline_places(text: str, agencies: set[str], lines: int = 4) -> list[tuple[int, int]]:
    """Character ranges of the dateline places in the first `lines` non-blank lines."""
    end, seen = 0, 0
    for line in text.split("\n"):
        end += len(line) + 1
        seen += bool(line.strip())
        if seen >= lines:
            break
    found: list[tuple[int, int]] = []
    end = min(end, len(text))
    matches = [*_ISO_LINE.finditer(text, 0, end), *_AGENCY_LINE.finditer(text, 0, end)]
    for match in matches:
        if "agency" in match.re.groupindex and match.group("agency").lower() not in agencies:
            continue
        for group in ("place", "region"):
            if match.group(group) and len(match.group(group).split()) <= _MAX_WORDS:
                found.append(match.span(group))
    return found


# An agency named in running text ("told Reuters", "according to Xinhua") is an organisation
# whatever the model made of it. Only names of four letters or more: "AP", "PA" or "CP" alone
# are too often something else.
_AGENCY_NAME_MIN = 4


@Language.factory("brief_datelines", default_config={"agencies": [], "label": "GPE"})
def make_datelines(nlp: Language, name: str, agencies: list[str], label: str):
    known = {a.lower() for a in agencies}
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("AGENCY", [nlp.make_doc(a) for a in agencies if len(a) >= _AGENCY_NAME_MIN])

    def datelines(doc: Doc) -> Doc:
        places = []
        for start, end in dateline_places(text_of(doc), known):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                places.append(span)
                mark_dateline(doc, span.start, span.end)
        named = _agencies_named(doc, matcher)
        if not places and not named:
            return doc
        taken = {i for span in places for i in range(span.start, span.end)}
        # A model entity that reaches into the place ("JOHANNESBURG 1996-08-30" as one
        # organisation) gives way whole: the date after it is found on its own later.
        kept = [e for e in entities(doc) if not any(i in taken for i in range(e.start, e.end))]
        retyped = {
            (s.start, s.end): s for s in named if not taken.intersection(range(s.start, s.end))
        }
        kept = [retyped.pop((e.start, e.end), e) for e in kept]
        held = {i for e in kept for i in range(e.start, e.end)}
        added = [s for s in retyped.values() if not held.intersection(range(s.start, s.end))]
        set_entities(doc, sorted([*kept, *places, *added], key=lambda span: span.start))
        return doc

    return datelines


def _agencies_named(doc: Doc, matcher: PhraseMatcher) -> list[Span]:
    """News agencies named in the text as organisations, but not a surname of a person the
    document names in full ("Michael Bloomberg", then "Bloomberg said")."""
    # A match the next capitalised word continues is part of a longer name ("the Dow Jones
    # Industrial Average", "Reuters Television"): the model's reading of it stands.
    found = [
        Span(doc, start, end, label="ORG")
        for _, start, end in matcher(doc)
        if end == len(doc) or not doc[end].is_title
    ]
    if not found:
        return []
    surnames = {e[-1].text for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1}
    return [s for s in found if s.text not in surnames]


__all__ = ["dateline_places", "make_datelines"]
