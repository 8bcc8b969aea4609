"""`brief_expressions`: whole date and money expressions as mentions, after the model's `ner`.

The statistical model often draws a date or an amount short (`3` of `€3m`, `three days` of `in
three days`, `between March and`) or merges two into one. This component finds every whole
expression with brief's grammar (`grammar.py`, `models/grammar/`) and redraws the model's
DATE/MONEY entities by it:

- an expression replaces the model's entities inside it, and beats a model entity it crosses;
- it never takes words from a name the model found outside it (`Christmas Island`), nor from
  a TIME ("Wednesday night" stays a time); a name wholly inside it gives way (`Easter` is a
  day, not a place; `Labour Day` is not an organisation);
- where the model's span is the expression plus words the convention keeps ("last year 's"),
  the model's span stays and the expression gives its value;
- a `weak` form (a lone month, a bare year) only redraws a date the model found.

Each mention carries the whole expression on `Span._.expression` (its value is composed from
that, so `three days` of `in three days` is the reference plus three days) and, for dates,
`Span._.future` when its sentence speaks of the future ("will meet on Friday"), or
`Span._.past` when a verb in the past before it says it has happened ("resigned in March": a
month or day without a year looks back from the reference, not to the nearest one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..grammar import Found, words_of
from .boundaries import time_piece
from .doctext import entities, forget_tokens, set_entities, spans_key, text_of, token_texts

if not Span.has_extension("expression"):
    Span.set_extension("expression", default=None)
if not Span.has_extension("future"):
    Span.set_extension("future", default=False)
if not Span.has_extension("past"):
    Span.set_extension("past", default=False)

_LABELS = {"date": "DATE", "money": "MONEY"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_NUMBERS = {"CARDINAL", "QUANTITY", "ORDINAL", "PERCENT", "DATE", "MONEY"}
_SENTENCE_END = {".", "!", "?", ";", ":"}
_NOT_PAST = {"be", "been", "being", "to", "is", "are", "will"}
_RANGE_WORDS = {"to", "and", "or", "through", "-", "–", "—", ","}
_RELATIVE_WORDS = {"last", "next", "this", "coming"}
_PERCENT_SIGNS = {"%", "percent", "pct", "pc"}
_PERCENT_WRITTEN = re.compile(r"%|per ?cent|\bpct\b|\dpc\b|\d pc\b", re.IGNORECASE)


def _is_percentage(texts: list[str], span: Span) -> bool:
    """Does a span end in a percent sign or word (`3 per cent`, `Thirty percent`, `5%`)? The
    model takes the British `per cent` for an amount of cents."""
    last = texts[span.end - 1].lower()
    if last in _PERCENT_SIGNS:
        return True
    return last == "cent" and span.end - span.start > 2 and texts[span.end - 2].lower() == "per"


def _without_percentages(doc: Doc, texts: list[str]) -> None:
    """A MONEY span of the model's that is a percentage becomes the PERCENT it is."""
    ents = entities(doc)
    if not any(e.label_ == "MONEY" and _is_percentage(texts, e) for e in ents):
        return
    set_entities(
        doc,
        [
            Span(doc, e.start, e.end, label="PERCENT")
            if e.label_ == "MONEY" and _is_percentage(texts, e)
            else e
            for e in ents
        ],
    )


# `year-on-year`, `day to day`, `month over month`, `week by week`: a comparison or a
# progression, made of a unit of time written twice, is no date.
_COMPARISON = re.compile(
    r"\b(year|month|quarter|week|day)(?:\s*-\s*|\s+)(?:on|to|over|by|after)(?:\s*-\s*|\s+)\1\b",
    re.IGNORECASE,
)


def _without_comparisons(doc: Doc, text: str) -> None:
    """The model's dates lose the comparisons they hold (`rose 5% year on year`: none;
    `quarter-on-quarter last year`: `last year`); a piece left without a number or a word of
    time is dropped."""
    spans = [m.span() for m in _COMPARISON.finditer(text)]
    if not spans:
        return
    ents = entities(doc)
    kept: list[Span] = []
    for ent in ents:
        inside = [
            t.i for t in ent if any(a <= t.idx and t.idx + len(t) <= b for a, b in spans)
        ] if ent.label_ == "DATE" else []  # fmt: skip
        if not inside:
            kept.append(ent)
            continue
        for start, end in ((ent.start, inside[0]), (inside[-1] + 1, ent.end)):
            piece = time_piece(doc, start, end) if start < end else None
            if piece is not None:
                kept.append(Span(doc, *piece, label=ent.label))
    if len(kept) != len(ents) or any(a is not b for a, b in zip(kept, ents, strict=True)):
        set_entities(doc, kept)


def find_expressions(text: str, kinds: Iterable[str]) -> list[Found]:
    """The date and money expressions of a text, leftmost-longest across both kinds."""
    from ..normalize.dates import date_grammar
    from ..normalize.dates import valid_reading as valid_date
    from ..normalize.money import money_grammar
    from ..normalize.money import valid_reading as valid_money

    readers = {"date": (date_grammar, valid_date), "money": (money_grammar, valid_money)}
    words = words_of(text)
    found = [f for kind in kinds for f in readers[kind][0]().find(text, readers[kind][1], words)]
    found.sort(key=lambda f: (f.start, f.start - f.end, f.kind))
    chosen: list[Found] = []
    for expression in found:
        if chosen and expression.start < chosen[-1].end:
            continue
        chosen.append(expression)
    return chosen


def _inside(a: Span, b: Span) -> bool:
    return b.start <= a.start and a.end <= b.end


def _spans_by_token(spans: list[Span]) -> dict[int, list[Span]]:
    at: dict[int, list[Span]] = {}
    for span in spans:
        for i in range(span.start, span.end):
            at.setdefault(i, []).append(span)
    return at


def _spans_over(at: dict[int, list[Span]], start: int, end: int) -> list[Span]:
    """The spans overlapping tokens start..end, in order of their start."""
    found: dict[int, Span] = {}
    for i in range(start, end):
        for span in at.get(i, ()):
            found.setdefault(id(span), span)
    return sorted(found.values(), key=lambda s: (s.start, s.end))


class _Redraw:
    """What the grammar's expressions do to the model's entities in one text: the mentions
    taken, the model's entities dropped, and the model's spans kept with an expression's
    value."""

    def __init__(
        self, doc: Doc, text: str, model: list[Span], grammar_spans: list[Span],
        names: set[str], filler: set[str],
    ) -> None:  # fmt: skip
        self.doc, self.text = doc, text
        self.names, self.filler = names, filler
        # Spans by the tokens they cover, so that finding what a span overlaps costs its
        # length, not a scan of every span in the text.
        self.model_at = _spans_by_token(model)
        self.grammar_at = _spans_by_token(grammar_spans)
        self.inside_of: dict[int, tuple[list[Span], bool]] = {}
        self.taken: list[tuple[Span, str]] = []
        self.dropped: set[int] = set()
        self.kept_as: dict[int, str] = {}

    def judge(self, span: Span, found: Found) -> None:
        expression = self.text[found.start : found.end]
        hits = _spans_over(self.model_at, span.start, span.end)
        same = [e for e in hits if e.label_ == span.label_]
        if any(_blocks(e, span, found.strong, self.names) for e in hits):
            return
        crossing = [e for e in same if not _inside(e, span) and not _inside(span, e)]
        if not found.strong and (not same or crossing):
            return  # a weak form only redraws a date the model found, inside its span
        covering = [e for e in same if _inside(span, e) and not _same_span(e, span)]
        if covering and not self._beats_longer(covering[0], span, expression):
            return
        inner = [e for e in same if _inside(e, span) and not _same_span(e, span)]
        if len(inner) == 1 and self._model_leaves_determiner_out(inner[0], span):
            # "the [1980s] bull market", "this [year] 's budget": the determiner belongs to
            # the noun after, as the model (and OntoNotes) draws it; the value is ours.
            self.kept_as[id(inner[0])] = expression
            return
        self.dropped.update(id(e) for e in hits)
        self.taken.append((span, expression))

    def _beats_longer(self, outer: Span, span: Span, expression: str) -> bool:
        """Does the expression replace a longer model span around it?"""
        inside, uncovered = self._grammar_inside(outer)
        if len(inside) > 1:  # other expressions inside the model's span
            if uncovered and not (outer.label_ == "MONEY" and self._moved(outer, inside)):
                return False  # the model's longer date says more than the grammar read
            self.dropped.add(id(outer))  # "2016 2016H1 FY2024": the model ran dates together
            return True
        extra = [t for t in outer if not span.start <= t.i < span.end]
        if all(t.lower_ in self.filler or t.is_punct for t in extra):
            self.kept_as[id(outer)] = expression  # "last year 's": the model's span, our value
            return False
        if not _ran_on(outer, span):
            return False  # the model's longer date says more than the grammar read
        self.dropped.add(id(outer))  # "Prince last year": the model ran past the date
        return True

    def _moved(self, outer: Span, inside: list[Span]) -> bool:
        """Is a model span two amounts a verb moves, a change and a level (`adding $1.89 to
        $48.62`), with only the words of a range between them? The grammar keeps them apart."""
        from ..normalize.money import MOVE_VERBS

        texts = token_texts(self.doc)
        if outer.start == 0 or texts[outer.start - 1].lower() not in MOVE_VERBS:
            return False
        covered = {i for s in inside for i in range(s.start, s.end)}
        return all(
            texts[i].lower() in _RANGE_WORDS
            for i in range(outer.start, outer.end)
            if i not in covered
        )

    def _grammar_inside(self, outer: Span) -> tuple[list[Span], bool]:
        """The expressions inside a model span, and whether any of its tokens is in none of
        them; worked out once per model span, which may hold hundreds ("January January...")."""
        known = self.inside_of.get(id(outer))
        if known is None:
            inside = [
                s for s in _spans_over(self.grammar_at, outer.start, outer.end) if _inside(s, outer)
            ]
            covered = {i for s in inside for i in range(s.start, s.end)}
            uncovered = any(i not in covered for i in range(outer.start, outer.end))
            known = self.inside_of[id(outer)] = (inside, uncovered)
        return known

    def _model_leaves_determiner_out(self, inner: Span, span: Span) -> bool:
        left_out = [t.lower_ for t in span if not inner.start <= t.i < inner.end]
        doc = self.doc
        possessive = span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")
        return bool(left_out) and all(
            w == "the" or (possessive and w in _DEMONSTRATIVES) for w in left_out
        )


def _same_span(a: Span, b: Span) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _blocks(entity: Span, span: Span, strong: bool, names: set[str]) -> bool:
    """Does a model entity keep an expression from being a mention? A name or time it would
    cut into does ("Christmas Island", "Wednesday night"), and so does any other entity it lies
    inside ("Black Monday", an event); an expression may swallow a name wholly inside it
    ("Easter" the model took for a place) if it is a strong form, and any other entity."""
    if entity.label_ == span.label_:
        return False
    within = span.start <= entity.start and entity.end <= span.end
    if entity.label_ in names:
        if not (strong and within):
            return True
        return entity.label_ == "TIME" and len(entity) == len(span)
    if entity.label_ in _NUMBERS:
        return False  # the model's CARDINAL "50£." is no name: the amount takes it over
    return not within and entity.start <= span.start and span.end <= entity.end


def _ran_on(model: Span, expression: Span) -> bool:
    """Did the model run a date or amount into words that are not part of it: a name
    ("Prince last year", "December BT"), a new clause after a dash ("12 March - sublime"), a
    comparison ("a third more than last year") or a count before a date that takes none
    ("number 18 from 32 last year", "She might be 33 next month")?"""
    from ..normalize.dates import date_anchors

    words = date_anchors()
    before = [t for t in model if t.i < expression.start]
    after = [t for t in model if t.i >= expression.end]
    for token in [*before, *after]:
        if token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in words:
            return True
    if any(t.lower_ == "than" for t in before):
        return True
    if (
        len(before) == 1
        and before[0].like_num
        and model.doc[expression.start].lower_ in _RELATIVE_WORDS
    ):
        return True
    return bool(after) and after[0].text in ("-", "–", "—") and len(after) > 1 and after[1].is_lower


def _draw(doc: Doc, found: list[Found]) -> list[Span | None]:
    """Each expression's mention as a span (None where it ends inside a token)."""
    return [doc.char_span(f.mention_start, f.mention_end, label=_LABELS[f.kind]) for f in found]


def _split_at(doc: Doc, boundaries: set[int]) -> None:
    """Split tokens so that every offset in `boundaries` falls between two tokens ("£380m-£395"
    + "m." is one token for spaCy, and an amount ends inside it)."""
    starts = [token.idx for token in doc]
    cuts: dict[int, list[int]] = {}
    for boundary in boundaries:
        index = bisect_right(starts, boundary) - 1
        if index >= 0 and starts[index] < boundary < starts[index] + len(doc[index].text):
            cuts.setdefault(index, []).append(boundary - starts[index])
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for index, offsets in cuts.items():
            token = doc[index]
            edges = [0, *sorted(offsets), len(token.text)]
            orths = [token.text[a:b] for a, b in pairwise(edges)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    forget_tokens(doc)


@Language.factory(
    "brief_expressions",
    default_config={
        "kinds": ["date", "money"],
        "names": ["PERSON", "ORG", "GPE", "LOC", "FAC", "TIME"],
        "filler": [],
        "future_cues": [],
        "past_cues": [],
    },
)
def make_expressions(
    nlp: Language,
    name: str,
    kinds: list[str],
    names: list[str],
    filler: list[str],
    future_cues: list[str],
    past_cues: list[str],
):
    name_labels, filler_words = set(names), set(filler)
    past_words = set(past_cues)
    cues = {c for c in future_cues if " " not in c}
    cue_pairs = {tuple(c.split()) for c in future_cues if " " in c}
    find_expressions("", kinds)  # compile the grammars now, once: forked workers share them

    def tense(texts: list[str], start: int) -> str | None:
        """Does the sentence before token `start` (of these token texts) speak of the future
        or the past? The nearest cue says."""
        i = start - 1
        while i >= 0 and start - i <= 15:
            text = texts[i]
            if text in _SENTENCE_END or "\n" in text:
                return None
            word = text.lower()
            if word in cues or (i > 0 and (texts[i - 1].lower(), word) in cue_pairs):
                return "future"
            if word in past_words and (i == 0 or texts[i - 1].lower() not in _NOT_PAST):
                return "past"  # `resigned in March`; not `to be completed by Dec. 15`
            i -= 1
        return None

    def expressions(doc: Doc) -> Doc:
        text = text_of(doc)
        if _PERCENT_WRITTEN.search(text):  # a cheap test first: `doc.ents` costs a read
            _without_percentages(doc, token_texts(doc))
        _without_comparisons(doc, text)
        found = find_expressions(text, kinds)
        if not found:
            return doc
        drawn = _draw(doc, found)
        if any(span is None for span in drawn):
            _split_at(doc, {b for f in found for b in (f.mention_start, f.mention_end)})
            drawn = _draw(doc, found)
        model = list(entities(doc))
        spans = [
            (span, f)
            for span, f in zip(drawn, found, strict=True)
            if span is not None and len(span)
        ]
        redraw = _Redraw(doc, text, model, [s for s, _ in spans], name_labels, filler_words)
        for span, f in spans:
            redraw.judge(span, f)
        taken, dropped, kept_as = redraw.taken, redraw.dropped, redraw.kept_as

        taken_tokens = {i for s, _ in taken for i in range(s.start, s.end)}
        result: list[Span] = []
        for e in model:
            if id(e) in dropped:
                continue
            if any(i in taken_tokens for i in range(e.start, e.end)):
                continue
            if id(e) in kept_as:
                e._.expression = kept_as[id(e)]
            result.append(e)
        for span, expression in taken:
            span._.expression = expression
            result.append(span)
        texts = token_texts(doc)
        for span in result:
            if span.label_ == "DATE":
                said = tense(texts, span.start)
                span._.future, span._.past = said == "future", said == "past"
        result.sort(key=lambda s: s.start)
        if spans_key(result) != spans_key(model):  # most often the model's own spans
            set_entities(doc, result)
        return doc

    return expressions
