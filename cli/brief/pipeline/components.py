"""brief's rule layer: registered spaCy components that run after the statistical `ner`.

Each fixes one systematic error of the model with a general mechanism configured from
`models/brief.json`; none knows about any particular document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import is_
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, registry

from ..gazetteer import lookup_place
from .config import DEFAULT_DATE_SCHEME, load_config, person_titles, read_word_list
from .doctext import (
    POSSESSIVES,
    dateline_tokens,
    entities,
    forget_entities,
    lower_texts,
    set_entities,
    spans_key,
    text_of,
    token_texts,
    unnamed,
)

if not Span.has_extension("acronym_of"):
    # The expansion an acronym mention stands for ("JETRO" -> "Japan External Trade Organisation").
    Span.set_extension("acronym_of", default=None)
if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)


@registry.misc("brief.replace_weak_ents.v1")
def make_weak_ents_filter(weak_labels: list[str]):
    """SpanRuler filter: pattern matches beat the model's weak labels (CARDINAL, NORP...),
    never its PERSON/ORG/place/DATE/MONEY entities."""
    weak = set(weak_labels)

    def ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
        existing = list(entities)
        matches = filter_spans(spans)
        strong = [e for e in existing if e.label_ not in weak]
        taken = {i for e in strong for i in range(e.start, e.end)}
        new = [s for s in matches if not any(i in taken for i in range(s.start, s.end))]
        new_tokens = {i for s in new for i in range(s.start, s.end)}
        kept_weak = [
            e
            for e in existing
            if e.label_ in weak and not any(i in new_tokens for i in range(e.start, e.end))
        ]
        return sorted(strong + kept_weak + new, key=lambda s: s.start)

    return ents_filter


def _replace_ents(doc: Doc, spans: Iterable[Span], before: Sequence[Span]) -> None:
    """Set the document's entities, unless they are the ones it has: spaCy rebuilds the
    entity annotation of every token on each assignment."""
    spans = list(spans)
    if len(spans) == len(before) and all(map(is_, spans, before)):
        return  # the very spans it has: most documents, for most components
    after = filter_spans(spans)
    if spans_key(after) != spans_key(before):
        set_entities(doc, after)


@Language.factory(
    "brief_trim",
    default_config={
        "labels": [], "leading": [], "trailing": [], "courtesy": [], "demonyms": "demonyms.txt",
        "organisation_heads": [],
    },
)  # fmt: skip
def make_trim(
    nlp: Language,
    name: str,
    labels: list[str],
    leading: list[str],
    trailing: list[str],
    courtesy: list[str],
    demonyms: str,
    organisation_heads: list[str],
):
    """Trim determiners, possessives and whitespace from the edges of entity spans, a
    courtesy title (`Mrs`, `Dr.`) from the start of a person, which OntoNotes leaves out, and
    the common words the model ran an organisation's name into (`Interfax news agency`)."""
    label_set, lead, trail = set(labels), {w.lower() for w in leading}, set(trailing)
    nationalities = frozenset(read_word_list(demonyms))
    heads = frozenset(organisation_heads)
    courtesy_titles = {w.lower() for w in courtesy}
    money_lead = {"about", "around", "between", "from", "over", "under", "nearly", "almost",
                  "some", "more", "less", "up", "at", "a", "an", "roughly", "approximately"}  # fmt: skip

    def trim(doc: Doc) -> Doc:
        spans = []
        ents = entities(doc)
        texts = token_texts(doc)
        for ent in ents:
            start, end = ent.start, ent.end
            while start < end and texts[start].isspace():
                start += 1
            while end > start and not texts[end - 1].strip():
                end -= 1
            if ent.label_ == "MONEY":
                # "fined Google €2.4 billion": an amount starts at its currency or number.
                while (
                    end - start > 1
                    and doc[start].is_title
                    and not doc[start].like_num
                    and (doc[start].lower_ not in money_lead)
                    and not _is_currency_token(doc[start])
                ):
                    start += 1
            if "(" in texts[start + 1 : end]:
                opened = max(i for i in range(start + 1, end) if texts[i] == "(")
                if ")" not in texts[opened:end]:
                    # "World Health Organization (WHO": the bracket starts an alias.
                    end = opened
            if ent.label_ in label_set:
                if end - start > 1 and texts[start].lower() in lead:
                    start += 1
                # "Mrs Pryce", and "Mrs. Pryce" where "Mrs." is one token or two
                person = ent.label_ == "PERSON" and end - start > 1
                if person and texts[start].lower() in courtesy_titles:
                    start += 1
                    if texts[start] == "." and end - start > 1:
                        start += 1
                if end - start > 1 and texts[end - 1] in trail:
                    end -= 1
            if ent.label_ == "ORG":
                name_end = _name_end(texts, start, end, heads, nationalities)
                if name_end is None:
                    continue  # `the national statistics office`: a description, no name
                end = name_end
            if start == ent.start and end == ent.end:
                spans.append(ent)
            elif end > start:
                spans.append(Span(doc, start, end, label=ent.label_))
        _replace_ents(doc, spans, ents)
        return doc

    return trim


def _name_end(
    texts: list[str], start: int, end: int, heads: frozenset[str], nationalities: frozenset[str]
) -> int | None:
    """Where an organisation's name ends: before the words the model ran it into (`Interfax
    news agency`, `the House of Lords reform`, `Bank of Japan yen - support`, `the State
    Commission on`), but with a head noun that names the body (`the Labour party`, `the Commons
    science and technology committee`). None when it holds no name (`the national statistics
    office`, `The Dutch transport ministry`)."""
    if all(w.lower() == "the" or (w.isalpha() and w.islower()) for w in texts[start:end]):
        return None
    cut = end
    while cut - start > 1 and _PERIOD_MARK.fullmatch(texts[cut - 1]):
        cut -= 1  # `Aw Computer Systems Inc Q2 loss widens`: a headline's reporting period
    while cut - start > 1 and (texts[cut - 1] == "-" or texts[cut - 1] in _JOINING):
        cut -= 1
    while (
        cut - start > 1
        and (texts[cut - 1] == "-" or (texts[cut - 1].isalpha() and texts[cut - 1].islower()))
        and texts[cut - 1] not in heads
    ):
        cut -= 1
    if cut == end:
        return end
    named = [w for w in texts[start:cut] if not w.islower() and w.lower() != "the" and len(w) > 1]
    if not named:
        return end  # `K mart`: no more than an initial would be left
    if all(w in nationalities for w in named):
        return None
    return cut


_PERIOD_MARK = re.compile(r"[QH][1-4]|[1-4][QH]|FY\d{0,4}")
_JOINING = {"of", "and", "or", "the", "on", "in", "for", "to", "at", "by", "with", "a", "an"}


def _is_currency_token(token: Token) -> bool:
    return token.is_currency or (token.is_upper and len(token) == 3) or "$" in token.text


@Language.component("brief_merge_org_place")
def merge_org_place(doc: Doc) -> Doc:
    """An organisation name running straight into a country's name is one name: the model
    splits titles such as "Neutral Turkmenistan" (a newspaper) into ORG + GPE, or ORG + nothing."""
    ents = list(entities(doc))
    starts = {e.start: e for e in ents}
    merged: list[Span] = []
    skip: set[int] = set()
    for ent in ents:
        if ent.start in skip:
            continue
        after = ent.end
        if (
            ent.label_ == "ORG"
            and after < len(doc)
            and ent[-1].whitespace_ == " "
            and all(t.is_title for t in ent)
        ):
            nxt = starts.get(after)
            end = None
            if nxt is not None and nxt.label_ == "GPE" and all(t.is_title for t in nxt):
                end = nxt.end
                skip.add(nxt.start)
            elif nxt is None and doc[after].is_title and _is_country(doc[after].text):
                end = after + 1
            if end is not None:
                merged.append(Span(doc, ent.start, end, label="ORG"))
                continue
        merged.append(ent)
    _replace_ents(doc, merged, ents)
    return doc


_NATIONS = {"country", "alias"}
_CARRIED = {"PERSON", "ORG"}


def _is_country(text: str) -> bool:
    place = lookup_place(text)
    return place is not None and place.kind == "country"


@Language.factory(
    "brief_gazetteer",
    default_config={
        "relabel_from": ["PERSON"], "places_after": [], "known_places_after": [],
        "context_relabel_from": ["PERSON", "ORG"], "min_population_after": 100_000,
        "places_of": [],
    },
)  # fmt: skip
def make_gazetteer(
    nlp: Language,
    name: str,
    relabel_from: list[str],
    places_after: list[str],
    known_places_after: list[str],
    context_relabel_from: list[str],
    min_population_after: int,
    travel_words: list[str],
    places_of: list[str],
):
    """A place the model calls a person (or an organisation) is a place when:
    - it is a well-known place, unless the document also uses the word inside a longer
      person's name ("George Washington") or after a title;
    - it follows a word that puts a place after it (`began in Amboise`), or one that often
      does (`on to Bordeaux`) and the gazetteer knows a town of that size by the name, with
      the same exceptions and unless a name or possessive follows (`in Smith's view`);
    - it stands in apposition to a place (`a detour to Nancy, in Lorraine`), even when a
      person of the document shares the name (`Nancy Houston`);
    - it is a one-word person after `to`, `into` or `towards` that closes a journey, a word
      of `travel_words` at most three words before (`drove north to Amboise`, `move to
      Kecskemet`);
    - it follows one of `places_of` and `of` (`east of Tavildara`, `the village of Layron`).
    A country or a short form of one (`UAE`, `the DRC`) that the model read as an organisation
    is a place: OntoNotes and CoNLL have a country acting as its government a place.
    A one-word name found a place by its context, or that the model read as a place after
    such a word, is a place at its other mentions read as a person too (`Tavildara is now
    inhabited`), with the same exceptions. After one of `places_of`, an organisation is a
    place too, and so are its one-word mentions read as a person or an organisation (`the
    city of Arbil` ... `Arbil lies within`)."""
    sources = set(relabel_from)
    in_context = set(context_relabel_from)
    strong, often = set(places_after), set(places_after) | set(known_places_after)
    titles = {title.split()[-1] for title in person_titles()}
    travel = {w.lower() for w in travel_words}
    whereabouts = {w.lower() for w in places_of}

    def journey_to(doc: Doc, ent: Span) -> bool:
        if len(ent) != 1 or ent.start < 2 or doc[ent.start - 1].lower_ not in _TOWARDS:
            return False
        return any(doc[i].lower_ in travel for i in range(max(0, ent.start - 4), ent.start - 1))

    def known_town(text: str) -> bool:
        place = lookup_place(text)
        return place is not None and (place.prominent or place.population >= min_population_after)

    def gazetteer(doc: Doc) -> Doc:
        found_by_context: set[str] = set()
        found_by_place_word: set[str] = set()
        ents = entities(doc)
        lower = lower_texts(doc)
        # The words of the document's people named in full, with those people's names: a
        # well-known place is kept from being one by another person's name (`George
        # Washington` for `Washington`), not by its own reading as a person (`Sri Lanka`).
        name_parts: dict[str, set[tuple[str, ...]]] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                name = tuple(lower[ent.start : ent.end])
                for word in name:
                    name_parts.setdefault(word, set()).add(name)
        place_starts = {e.start for e in ents if e.label_ in ("GPE", "LOC")}
        spans = []
        for ent in ents:
            label, start = ent.label_, ent.start
            before = lower[start - 1] if start > 0 else ""
            of_place = before == "of" and start > 1 and lower[start - 2] in whereabouts
            if label not in sources and label not in in_context:
                if label in _PLACE_LABELS and len(ent) == 1 and (before in strong or of_place):
                    found_by_context.add(ent.text)  # the model's own place, in a place's context
                spans.append(ent)  # a date, an amount, a place: nothing more here for it
                continue
            titled = before.rstrip(".") in titles
            words = tuple(lower[start : ent.end])
            named = any(word in name_parts for word in words)
            if (label in sources or label == "ORG") and not titled:
                place = lookup_place(ent.text)
                if label == "ORG" and (place is None or place.kind not in _NATIONS):
                    place = None  # `UAE`, `the DRC`: a country acting as its government
                if (
                    place is not None
                    and place.prominent
                    and not (named and any(name_parts.get(w, set()) - {words} for w in words))
                ):
                    spans.append(Span(doc, start, ent.end, label="GPE"))
                    continue
            if ent.label_ in in_context and not titled:
                after = doc[ent.end] if ent.end < len(doc) else None
                free = after is None or not (after.is_title or after.text in POSSESSIVES)
                appositive = (
                    len(ent) == 1
                    and lookup_place(ent.text) is not None
                    and ent.end + 2 < len(doc)
                    and doc[ent.end].text == ","
                    and doc[ent.end + 1].lower_ in strong
                    and ent.end + 2 in place_starts
                )
                cued = free and not named and (
                    ((before in strong or of_place) and ent.label_ == "PERSON")
                    or (of_place and ent.label_ == "ORG")  # `the city of Arbil`
                    or (before in often and known_town(ent.text))
                    or (ent.label_ == "PERSON" and journey_to(doc, ent))
                )  # fmt: skip
                if appositive or cued:
                    spans.append(Span(doc, ent.start, ent.end, label="GPE"))
                    if cued and len(ent) == 1 and ent.label_ == "PERSON":
                        found_by_context.add(ent.text)
                    if cued and len(ent) == 1 and of_place:
                        found_by_place_word.add(ent.text)  # `the city of Arbil`
                    continue
            spans.append(ent)
        if found_by_context or found_by_place_word:
            spans = [
                carried(doc, span, lower, name_parts, found_by_context, found_by_place_word)
                for span in spans
            ]
        _replace_ents(doc, spans, ents)
        return doc

    def carried(
        doc: Doc,
        span: Span,
        lower: list[str],
        name_parts: dict[str, set[tuple[str, ...]]],
        found_by_context: set[str],
        found_by_place_word: set[str],
    ) -> Span:
        """A one-word person that its context made a place elsewhere in the document, or a
        one-word person or organisation that a place's word made one (`the city of Arbil`)."""
        if len(span) != 1 or not (
            (span.label_ == "PERSON" and span.text in found_by_context)
            or (span.label_ in _CARRIED and span.text in found_by_place_word)
        ):
            return span
        before = lower[span.start - 1] if span.start > 0 else ""
        after = doc[span.end] if span.end < len(doc) else None
        if before.rstrip(".") in titles or lower[span.start] in name_parts:
            return span
        if after is not None and after.text in POSSESSIVES:
            return span
        return Span(doc, span.start, span.end, label="GPE")

    return gazetteer


_TOWARDS = {"to", "into", "towards", "toward"}
_PLACE_LABELS = {"GPE", "LOC"}
_SENTENCE_END = tuple(".!?:;,\"'”’)")


def heading_lines(text: str, max_words: int) -> list[tuple[int, int]]:
    """Character ranges of heading lines: short lines that start with a capital and end
    without punctuation, standing alone (blank line or document edge above and below). Their
    words need not be capitalised: `model_view` gives the model a line written in capitals in
    sentence case (`Lorraine and the Loire: a week on the road`)."""
    ranges = []
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        start, stripped = offset, line.strip()
        offset += len(line) + 1
        if not stripped or stripped.endswith(_SENTENCE_END):
            continue
        words = stripped.split(None, max_words)  # no more than needed: paragraphs are long
        if len(words) > max_words:
            continue
        above = index == 0 or not lines[index - 1].strip()
        below = index == len(lines) - 1 or not lines[index + 1].strip()
        if above and below and words[0][:1].isupper():
            ranges.append((start, start + len(line)))
    return ranges


_NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


@Language.factory("brief_headings", default_config={"labels": ["PERSON"], "max_words": 12})
def make_headings(nlp: Language, name: str, labels: list[str], max_words: int):
    """A name in a heading is read as the body of the document reads it: `LORRAINE AND THE
    LOIRE` above `a detour to Nancy, in Lorraine` is the place. Words in a heading
    ("Strategic Significance of ...") are not people, unless the body names the same person."""
    label_set = set(labels)

    def headings(doc: Doc) -> Doc:
        ranges = heading_lines(text_of(doc), max_words)
        if not ranges:
            return doc

        def in_heading(span: Span) -> bool:
            return any(a <= span.start_char and span.end_char <= b for a, b in ranges)

        ents = entities(doc)
        heading = {id(ent) for ent in ents if in_heading(ent)}
        if not heading:
            return doc
        lower = lower_texts(doc)
        body = [ent for ent in ents if id(ent) not in heading]
        body_names = {w for e in body if e.label_ in label_set for w in lower[e.start : e.end]}
        people = {
            w for e in body if e.label_ == "PERSON" and len(e) > 1 for w in lower[e.start : e.end]
        }
        read_as: dict[str, set[str]] = {}
        for ent in body:
            if ent.label_ in _NAME_LABELS:
                read_as.setdefault(ent.text.lower(), set()).add(ent.label_)

        def body_reading(ent: Span) -> str:
            """A word of a full name in the body is that person (`Yapp` above `John Yapp`);
            otherwise the one label the body gives the name, if it gives one."""
            if all(w in people for w in lower[ent.start : ent.end]):
                return "PERSON"
            labels = read_as.get(ent.text.lower(), set())
            return next(iter(labels)) if len(labels) == 1 else ent.label_

        kept: list[Span] = []
        for ent in ents:
            if ent.label_ in _NAME_LABELS and id(ent) in heading:
                label = body_reading(ent)
                if label != ent.label_:
                    kept.append(Span(doc, ent.start, ent.end, label=label))
                    continue
                words = lower[ent.start : ent.end]
                if ent.label_ in label_set and not any(w in body_names for w in words):
                    continue
            kept.append(ent)
        _replace_ents(doc, kept, ents)
        return doc

    return headings


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_SKIPPED_IN_ACRONYMS = {"of", "and", "the", "for", "de", "on", "in", "&"}


def _fits(letters: str, words: list[str], li: int, wi: int) -> bool:
    """Do `letters[li:]` abbreviate `words[wi:]`? (A function of its own, not a closure that
    calls itself: such a closure is a reference cycle left to the garbage collector.)"""
    if wi == len(words):
        return li == len(letters)
    word = words[wi]
    if word.lower() in _SKIPPED_IN_ACRONYMS and _fits(letters, words, li, wi + 1):
        return True
    if li == len(letters) or letters[li] != word[0]:
        return False
    # Take the first letter, then any further letters of this word in order.
    li += 1
    position = 1
    if _fits(letters, words, li, wi + 1):
        return True
    while li < len(letters):
        found = word.find(letters[li], position)
        if found < 0:
            return False
        li, position = li + 1, found + 1
        if _fits(letters, words, li, wi + 1):
            return True
    return False


def acronym_matches(expansion: Span, acronym: str) -> bool:
    """Does `acronym` abbreviate `expansion`? Each significant word gives its first letter and
    maybe more of its letters in order ("JETRO": Japan External TRade Organisation); small
    words ("of", "and") may be skipped."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [t.text.upper() for t in expansion if t.is_alpha]
    if len(letters) < 2 or not words:
        return False
    return _fits(letters, words, 0, 0)


@Language.component("brief_acronyms")
def acronyms(doc: Doc) -> Doc:
    """`Japan External Trade Organisation (JETRO)` defines JETRO: every later "JETRO" in the
    document becomes a mention of the same entity, marked with `Span._.acronym_of`."""
    texts = token_texts(doc)
    if "(" not in texts:
        return doc  # no bracket, no definition
    defined: dict[str, Span] = {}
    ents = entities(doc)
    for ent in ents:
        after = ent.end
        if (
            after + 2 < len(texts)
            and texts[after] == "("
            and texts[after + 2] == ")"
            and _ACRONYM.match(texts[after + 1])
            and acronym_matches(ent, texts[after + 1])
        ):
            defined.setdefault(texts[after + 1], ent)
    if not defined:
        return doc
    # A name that defines an acronym is an organisation (or a place, `UAE`), not a person:
    # "Quantix Robotics (QR)" read as a person's name.
    for acronym, ent in list(defined.items()):
        if ent.label_ == "PERSON":
            defined[acronym] = Span(doc, ent.start, ent.end, label="ORG")
    relabelled = {(e.start, e.end): e for e in defined.values()}
    ents = tuple(relabelled.get((e.start, e.end), e) for e in ents)
    doc._.acronyms = {acr: ent.text for acr, ent in defined.items()}
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    spans = list(ents)
    for i, text in enumerate(texts):  # token texts: no Token object per token
        expansion = defined.get(text)
        if expansion is None or i < expansion.end:
            continue
        if i in taken:
            spans = [s for s in spans if not (s.start <= i < s.end and len(s) == 1)]
        span = Span(doc, i, i + 1, label=expansion.label_)
        span._.acronym_of = expansion.text
        spans.append(span)
    set_entities(doc, filter_spans(spans))
    return doc


# Tokens in the longest name carried to its other occurrences: longer spans are run-ons.
_LONGEST_NAME = 8


@Language.factory("brief_propagate", default_config={"labels": ["PERSON", "ORG", "GPE", "LOC"]})
def make_propagate(nlp: Language, name: str, labels: list[str]):
    """A name the model recognised once is the same name where it missed it: other
    occurrences of the exact words, capitalised and outside any entity, get the label, when
    the document gives that name only one label (after `one_type` has settled a name the
    document gives mostly one)."""
    label_set = set(labels)

    def well_founded(label: str, words: tuple[str, ...]) -> bool:
        """A count of the model's guesses is evidence enough for an organisation; a person
        needs a full name (the model reads an unknown company, `Yukos`, as a person again
        and again) and a place a name the gazetteer knows (`Cabir`, a virus)."""
        if label == "PERSON":
            return len(words) > 1
        if label in _PLACE_LABELS:
            return lookup_place(" ".join(words)) is not None
        return True

    def one_type(doc: Doc, ents: tuple[Span, ...], texts: list[str]) -> tuple[Span, ...]:
        """A name the document gives one type more than twice as often as all its other types
        together is that type at every mention, when that type is `well_founded` (`Buick`
        the make three times, not once a person); a dateline's place stays a place."""
        counts: dict[tuple[str, ...], dict[str, int]] = {}
        for ent in ents:
            if ent.label_ in label_set:
                by_label = counts.setdefault(tuple(texts[ent.start : ent.end]), {})
                by_label[ent.label_] = by_label.get(ent.label_, 0) + 1
        chosen = {}
        for words, by_label in counts.items():
            if len(by_label) > 1:
                label, most = max(by_label.items(), key=lambda item: (item[1], item[0]))
                if most > 2 * (sum(by_label.values()) - most) and well_founded(label, words):
                    chosen[words] = label
        if not chosen:
            return ents
        kept = dateline_tokens(doc)
        retyped = [
            Span(doc, e.start, e.end, label=label)
            if (label := chosen.get(tuple(texts[e.start : e.end]), e.label_)) != e.label_
            and e.label_ in label_set
            and e.start not in kept
            else e
            for e in ents
        ]
        set_entities(doc, retyped)
        return entities(doc)

    def propagate(doc: Doc) -> Doc:
        names: dict[tuple[str, ...], set[str]] = {}
        texts = token_texts(doc)
        ents = one_type(doc, entities(doc), texts)
        for ent in ents:
            names.setdefault(tuple(texts[ent.start : ent.end]), set()).add(ent.label_)
        candidates = {
            words: next(iter(found))
            for words, found in names.items()
            if len(found) == 1 and found <= label_set and words[0][:1].isupper()
            and len("".join(words)) > 2
        }  # fmt: skip
        if not candidates:
            return doc
        taken = {i for ent in ents for i in range(ent.start, ent.end)} | unnamed(doc)
        # Candidates are looked up by the words at each position, longest first, so the
        # step is linear in the document however many names it holds.
        lengths: dict[str, set[int]] = {}
        for words in candidates:
            if len(words) <= _LONGEST_NAME:
                lengths.setdefault(words[0], set()).add(len(words))
        lengths_by_first = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        added = []
        for i in [i for i, word in enumerate(texts) if word in lengths_by_first]:
            if i in taken:
                continue
            for length in lengths_by_first[texts[i]]:
                end = i + length
                words = tuple(texts[i:end])
                if end > len(texts) or words not in candidates:
                    continue
                if any(j in taken for j in range(i, end)):
                    continue
                # Not part of a longer name ("Brown University", "S&P 500") nor a quoted title
                # ("Cosby", a show).
                after = doc[end] if end < len(doc) else None
                before = doc[i - 1] if i > 0 else None
                if after is not None and (after.is_title or after.like_num or after.is_quote):
                    continue
                if before is not None and (
                    before.is_quote or (before.is_title and not before.is_sent_start)
                ):
                    continue
                added.append(Span(doc, i, end, label=candidates[words]))
                taken.update(range(i, end))
                break
        if added:
            set_entities(doc, sorted([*ents, *added], key=lambda s: s.start))
        return doc

    return propagate


@Language.factory(
    "brief_date_scheme",
    default_config={
        "not_dates": [], "not_followed_by": {}, "split_at": [], "drop_leading": [],
        "parts_of_day": [], "trim_possessive": False, "drop_before_weekday": [],
    },
)  # fmt: skip
def make_date_scheme(
    nlp: Language,
    name: str,
    not_dates: list[str],
    not_followed_by: dict[str, list[str]],
    split_at: list[str],
    drop_leading: list[str],
    parts_of_day: list[str],
    trim_possessive: bool,
    drop_before_weekday: list[str],
):
    """Re-draw DATE spans by another annotation convention than the model's (OntoNotes):
    drop what the convention does not count as a date (ages, frequencies), split spans that
    hold two dates ("the quarter ended Sept. 30", "Aug. 26 to Oct. 20"), take a part of the
    day into a weekday ("Wednesday night") and leave out leading words ("between", "its") and
    a possessive ("last year's")."""
    excluded = re.compile("|".join(f"(?:{p})" for p in not_dates), re.IGNORECASE)
    splitters, leading = {w.lower() for w in split_at}, {w.lower() for w in drop_leading}
    parts = {w.lower() for w in parts_of_day}
    # "Earlier Friday, ...": TimeML leaves the adverb out before a weekday (not in "earlier
    # this year").
    adverbs = {w.lower() for w in drop_before_weekday}
    # "current" is a date in "the current owners", a term in "current account".
    terms = {k.lower(): {w.lower() for w in v} for k, v in not_followed_by.items()}

    def pieces(doc: Doc, ent: Span) -> list[Span]:
        cut = next(
            (i for i in range(ent.start + 1, ent.end - 1)
             if doc[i].lower_ in splitters and _starts_date(doc[i + 1 : ent.end])),
            None,
        )  # fmt: skip
        if cut is None:
            return [ent]
        halves = [
            Span(doc, ent.start, cut, label="DATE"),
            Span(doc, cut + 1, ent.end, label="DATE"),
        ]
        return [h for half in halves if len(half) for h in pieces(doc, half)]

    def redraw(doc: Doc) -> Doc:
        spans = []
        ents = entities(doc)
        for ent in ents:
            if (
                ent.label_ == "TIME"
                and len(ent) == 2
                and _is_weekday(ent[0])
                and ent[1].lower_ in parts
            ):
                ent = Span(doc, ent.start, ent.end, label="DATE")  # the model's TIME "Sunday night"
            if ent.label_ != "DATE":
                spans.append(ent)
                continue
            for piece in pieces(doc, ent):
                start, end = piece.start, piece.end
                if end - start > 1 and doc[start].lower_ in leading:
                    start += 1
                if end - start > 1 and doc[start].lower_ in adverbs and _is_weekday(doc[start + 1]):
                    start += 1
                if trim_possessive and end - start > 1 and doc[end - 1].lower_ in ("'s", "’s"):
                    end -= 1
                if not_dates and excluded.fullmatch(doc[start:end].text):
                    continue
                text = doc[start:end].text.lower()
                if text in terms and end < len(doc) and doc[end].lower_ in terms[text]:
                    continue
                if end < len(doc) and doc[end].lower_ in parts and _is_weekday(doc[end - 1]):
                    end += 1
                redrawn = Span(doc, start, end, label="DATE")
                if piece is ent:  # trimmed, not split: the same expression gives the value
                    redrawn._.expression = ent._.expression
                redrawn._.future = ent._.future
                redrawn._.past = ent._.past
                spans.append(redrawn)
        _replace_ents(doc, spans, ents)
        return doc

    return redraw


def _starts_date(rest: Span) -> bool:
    """Does the rest of a span, after "to" or "and", start a date of its own?"""
    from ..normalize.dates import MONTHS, date_grammar

    token = rest[0]
    word = token.lower_.rstrip(".")
    return (
        word in MONTHS or _is_weekday(token) or word in ("today", "tomorrow", "yesterday")
        or bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", word))
        or any(True for _ in date_grammar().readings(rest.text))
    )  # fmt: skip


def _is_weekday(token: Token) -> bool:
    from ..normalize.dates import WEEKDAYS

    return token.lower_.rstrip(".") in WEEKDAYS


_Run = tuple[frozenset[int], ...]


class WordGuardedSpanRuler(SpanRuler):
    """A SpanRuler that leaves alone a document in which none of its patterns can match.

    A token pattern needs certain words: each token it must match (no `?`, `*` or `!`)
    whose `LOWER`, `ORTH` or `TEXT` is a word or an `IN` list, and needed tokens that stand
    next to each other in the pattern must stand so in the text (`Bank` `of`). A document
    without them is skipped without running spaCy's Matcher, which makes a Python object of
    every token (most of the ruler's time on a news article: `of` and `bank` are in most).
    """

    _needs: list[list[_Run]] | None = None  # per token pattern; None: always run

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._needs = _needed_words(self.patterns, self.nlp.vocab.strings)

    def clear(self) -> None:
        super().clear()
        self._needs = []

    def remove(self, label: str) -> None:
        super().remove(label)
        self._needs = _needed_words(self.patterns, self.nlp.vocab.strings)

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._needs = _needed_words(self.patterns, self.nlp.vocab.strings)

    def __call__(self, doc: Doc) -> Doc:
        # The model has just set the entities (or this ruler will): none kept from before.
        forget_entities(doc)
        needs = self._needs
        if needs is not None:
            from spacy.attrs import LOWER

            lowers = doc.to_array(LOWER).tolist()
            words = set(lowers)
            if not any(_holds(runs, words, lowers) for runs in needs):
                return doc
        doc = super().__call__(doc)
        forget_entities(doc)
        return doc


def _holds(runs: list[_Run], words: set[int], lowers: list[int]) -> bool:
    """Does a text (its words, and its lower-case word ids in order) hold every run?"""
    if not all(words & need for run in runs for need in run):
        return False
    for first, *rest in (run for run in runs if len(run) > 1):
        if not any(
            all(lowers[at + k] in need for k, need in enumerate(rest, start=1))
            for at in range(len(lowers) - len(rest))
            if lowers[at] in first
        ):
            return False
    return True


_OPTIONAL_OPS = {"?", "*", "!"}


def _needed_words(patterns: list[dict[str, Any]], strings: Any) -> list[list[_Run]] | None:
    """For each token pattern, its runs of needed words: a run is the word sets (lower-case
    string ids) of needed tokens that follow each other in the pattern, each matching one
    token, so that a document must hold one word of each set, in that order, side by side.
    None if a phrase pattern is among them."""
    needs = []
    for entry in patterns:
        pattern = entry["pattern"]
        if isinstance(pattern, str):
            return None
        runs: list[_Run] = []
        run: list[frozenset[int]] = []
        for token in pattern:
            op = str(token.get("OP", "1"))
            words = None if op in _OPTIONAL_OPS or op.startswith(("{0", "{,")) else _words(token)
            if words is None:
                run = _close(runs, run)  # an optional or open token: no longer side by side
                continue
            run.append(frozenset(strings.add(w.lower()) for w in words))
            if op != "1":  # repeated: the words either side need not touch it
                run = _close(runs, run)
        _close(runs, run)
        needs.append(runs)
    return needs


def _words(token: dict[str, Any]) -> list[str] | None:
    for attr in ("LOWER", "ORTH", "TEXT"):
        value = token.get(attr)
        words = [value] if isinstance(value, str) else None
        if isinstance(value, dict) and set(value) == {"IN"}:
            words = value["IN"]
        if words is not None and all(isinstance(w, str) for w in words):
            return words
    return None


def _close(runs: list[_Run], run: list[frozenset[int]]) -> list[frozenset[int]]:
    if run:
        runs.append(tuple(run))
    return []


@Language.factory(
    "brief_span_ruler",
    default_config={
        "spans_key": None,
        "annotate_ents": True,
        "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "phrase_matcher_attr": None,
        "validate": False,
        "overwrite": False,
    },
)
def make_word_guarded_span_ruler(
    nlp: Language, name: str, spans_key: str | None, annotate_ents: bool,
    ents_filter: Any, phrase_matcher_attr: str | None, validate: bool, overwrite: bool,
) -> WordGuardedSpanRuler:  # fmt: skip
    return WordGuardedSpanRuler(
        nlp, name, spans_key=spans_key, annotate_ents=annotate_ents, ents_filter=ents_filter,
        phrase_matcher_attr=phrase_matcher_attr, validate=validate, overwrite=overwrite,
        scorer=None,
    )  # fmt: skip


def _add_span_ruler(nlp: Language, name: str, patterns: list[dict], weak_labels: list[str]) -> None:
    ruler = nlp.add_pipe(
        "brief_span_ruler",
        name=name,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "brief.replace_weak_ents.v1", "weak_labels": weak_labels},
            "validate": True,
            "overwrite": False,
        },
    )
    ruler.add_patterns(patterns)


# Components set up from a section of `models/brief.json`: the section, each factory
# parameter's key there and its default, and the module that registers the factory.
_CONFIGURED: dict[str, tuple[str, dict[str, tuple[str, Any]], str | None]] = {
    "brief_trim": (
        "trim",
        {"labels": ("labels", []), "leading": ("leading_words", []),
         "trailing": ("trailing_words", []), "courtesy": ("person_courtesy_titles", []),
         "demonyms": ("name_forms.demonyms", "demonyms.txt"),
         "organisation_heads": ("organisation_heads", [])},
        None,
    ),
    "brief_gazetteer": (
        "gazetteer",
        {"relabel_from": ("relabel_from", ["PERSON"]), "places_after": ("places_after", []),
         "known_places_after": ("known_places_after", []),
         "context_relabel_from": ("context_relabel_from", ["PERSON", "ORG"]),
         "min_population_after": ("min_population_after", 100_000),
         "travel_words": ("travel_words", []), "places_of": ("places_of", [])},
        None,
    ),
    "brief_headings": (
        "headings", {"labels": ("labels", ["PERSON"]), "max_words": ("max_words", 12)}, None
    ),
    "brief_boundaries": (
        "boundaries",
        {"labels": ("labels", []), "numbered": ("numbered_names_before", []),
         "line_labels": ("line_labels", [])},
        "boundaries",
    ),
    "brief_datelines": ("datelines", {"agencies": ("agencies", [])}, "datelines"),
    "brief_name_forms": (
        "name_forms",
        {"leading_words": ("leading_words", []), "trailing_words": ("trailing_words", []),
         "publications": ("publications", []), "demonyms": ("demonyms", "demonyms.txt"),
         "organisation_endings": ("organisation_endings", []), "not_names": ("not_names", []),
         "other_kinds": ("other_kinds", {})},
        "name_forms",
    ),
    "brief_given_names": (
        "given_names",
        {"names": ("names", "given_names.txt"), "not_surnames": ("not_surnames", [])},
        "given_names",
    ),
    "brief_surnames": (
        "surnames",
        {"relabel_from": ("relabel_from", ["ORG", "GPE", "LOC", "NORP"]),
         "team_endings": ("sports.club_endings", []),
         "family_name_first": ("family_name_first", [])},
        "surnames",
    ),
    "brief_short_names": (
        "short_names",
        {"relabel_from": ("relabel_from", ["PERSON", "GPE", "LOC"])},
        "short_names",
    ),
    "brief_sports": (
        "sports",
        {"cues": ("cues", []), "slugs": ("slugs", []), "verbs_after": ("verbs_after", []),
         "words_before": ("words_before", []), "national_sides": ("national_sides", []),
         "least_cues": ("least_cues", 3), "weak_cues": ("weak_cues", []),
         "least_weak_cues": ("least_weak_cues", 4), "place_endings": ("place_endings", []),
         "speech_verbs": ("speech_verbs", []), "agencies": ("datelines.agencies", []),
         "organisation_words": ("organisation_words_after", []),
         "demonyms": ("name_forms.demonyms", "demonyms.txt"),
         "club_endings": ("club_endings", []),
         "team_words_after": ("team_words_after", [])},
        "sports",
    ),
}  # fmt: skip


def _add_configured(nlp: Language, component: str, config: dict[str, Any]) -> None:
    import importlib

    section, parameters, module = _CONFIGURED[component]
    if module is not None:
        importlib.import_module(f"{__package__}.{module}")  # registers the factory
    nlp.add_pipe(
        component,
        config={name: _setting(config, section, key, default)
                for name, (key, default) in parameters.items()},
    )  # fmt: skip


def _setting(config: dict[str, Any], section: str, key: str, default: Any) -> Any:
    """A component's setting: `key` of its section, or `other_section.key` for a list that
    another component owns (the news agencies of `datelines`)."""
    if "." in key:
        section, key = key.split(".", 1)
    return config.get(section, {}).get(key, default)


def add_brief_components(nlp: Language, date_scheme: str = DEFAULT_DATE_SCHEME) -> Language:
    """Add the rule layer listed in `models/brief.json`, in order, after the model's `ner`."""
    from .config import read_jsonl

    config = load_config()
    from ..gazetteer import lookup_place

    untied = set(config.get("tokenizer", {}).get("not_exceptions", []))
    if untied:
        nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in untied}

    # Load the gazetteer now, once: worker processes forked for --jobs then share it.
    lookup_place("")
    for component in config.get("components", []):
        if component == "brief_patterns":
            patterns = [p for f in config.get("patterns", []) for p in read_jsonl(f)]
            _add_span_ruler(nlp, component, patterns, config.get("weak_labels", []))
        elif component == "brief_date_scheme":
            scheme = dict(config.get("date_schemes", {}).get(date_scheme, {}))
            patterns = [p for f in scheme.pop("patterns", []) for p in read_jsonl(f)]
            if patterns:
                weak = config.get("weak_labels", [])
                _add_span_ruler(nlp, "brief_date_scheme_patterns", patterns, weak)
            if scheme:
                nlp.add_pipe("brief_date_scheme", config=scheme)
        elif component == "brief_expressions":
            from . import expressions  # noqa: F401  (registers the factory)

            settings = {k: v for k, v in config.get("expressions", {}).items() if k != "about"}
            from ..normalize.dates import lexicon

            settings["future_cues"] = lexicon()["future_cues"]
            settings["past_cues"] = lexicon()["past_cues"]
            nlp.add_pipe("brief_expressions", config=settings)
        elif component in _CONFIGURED:
            _add_configured(nlp, component, config)
        else:
            nlp.add_pipe(component)
    return nlp
