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
`Span._.future` when its sentence speaks of the future ("will meet on Friday").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..grammar import Found, words_of

if not Span.has_extension("expression"):
    Span.set_extension("expression", default=None)
if not Span.has_extension("future"):
    Span.set_extension("future", default=False)

_LABELS = {"date": "DATE", "money": "MONEY"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_NUMBERS = {"CARDINAL", "QUANTITY", "ORDINAL", "PERCENT", "DATE", "MONEY"}
_SENTENCE_END = {".", "!", "?", ";", ":"}


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
    ("Prince last year", "December BT") or a new clause after a dash ("12 March - sublime")?"""
    from ..normalize.dates import date_anchors

    words = date_anchors()
    before = [t for t in model if t.i < expression.start]
    after = [t for t in model if t.i >= expression.end]
    for token in [*before, *after]:
        if token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in words:
            return True
    return bool(after) and after[0].text in ("-", "–", "—") and len(after) > 1 and after[1].is_lower


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


@Language.factory(
    "brief_expressions",
    default_config={
        "kinds": ["date", "money"],
        "names": ["PERSON", "ORG", "GPE", "LOC", "FAC", "TIME"],
        "filler": [],
        "future_cues": [],
    },
)
def make_expressions(
    nlp: Language,
    name: str,
    kinds: list[str],
    names: list[str],
    filler: list[str],
    future_cues: list[str],
):
    name_labels, filler_words = set(names), set(filler)
    cues = {c for c in future_cues if " " not in c}
    cue_pairs = {tuple(c.split()) for c in future_cues if " " in c}
    find_expressions("", kinds)  # compile the grammars now, once: forked workers share them

    def future(doc: Doc, start: int) -> bool:
        """Does the sentence before token `start` speak of the future?"""
        i = start - 1
        while i >= 0 and start - i <= 15:
            token = doc[i]
            if token.text in _SENTENCE_END or "\n" in token.text:
                return False
            if token.lower_ in cues or (i > 0 and (doc[i - 1].lower_, token.lower_) in cue_pairs):
                return True
            i -= 1
        return False

    def expressions(doc: Doc) -> Doc:
        text = doc.text  # built from the tokens at each access: once
        found = find_expressions(text, kinds)
        if not found:
            return doc
        if any(doc.char_span(f.mention_start, f.mention_end) is None for f in found):
            _split_at(doc, {b for f in found for b in (f.mention_start, f.mention_end)})
        model = list(doc.ents)
        spans: list[tuple[Span, Found]] = []
        for f in found:
            span = doc.char_span(f.mention_start, f.mention_end, label=_LABELS[f.kind])
            if span is not None and len(span):
                spans.append((span, f))

        def inside(a: Span, b: Span) -> bool:
            return b.start <= a.start and a.end <= b.end

        def overlaps(a: Span, b: Span) -> bool:
            return a.start < b.end and b.start < a.end

        taken: list[tuple[Span, str]] = []  # the grammar's mentions, with their expressions
        dropped: set[int] = set()  # model entities they replace
        kept_as: dict[int, str] = {}  # model spans kept, with the expression that values them
        grammar_spans = [s for s, _ in spans]
        for span, f in spans:
            expression = text[f.start : f.end]
            hits = [e for e in model if overlaps(e, span)]
            same = [e for e in hits if e.label_ == span.label_]
            if any(_blocks(e, span, f.strong, name_labels) for e in hits):
                continue
            if not f.strong and (
                not same or any(not inside(e, span) and not inside(span, e) for e in same)
            ):
                continue  # a weak form only redraws a date the model found, inside its span
            covering = [
                e for e in same if inside(span, e) and (e.start, e.end) != (span.start, span.end)
            ]
            if covering:
                outer = covering[0]
                extra = [t for t in outer if not (span.start <= t.i < span.end)]
                others = [s for s in grammar_spans if s is not span and inside(s, outer)]
                if others and all(
                    t.is_punct for t in extra if not any(s.start <= t.i < s.end for s in others)
                ):
                    dropped.add(id(outer))  # "2016 2016H1 FY2024": the model ran dates together
                elif not others and all(t.lower_ in filler_words or t.is_punct for t in extra):
                    kept_as[id(outer)] = expression  # "last year 's": the model's span, our value
                    continue
                elif others or not _ran_on(outer, span):
                    continue  # the model's longer date says more than the grammar read
                else:
                    dropped.add(id(outer))  # "Prince last year": the model ran past the date
            inner = [
                e for e in same if inside(e, span) and (e.start, e.end) != (span.start, span.end)
            ]
            left_out = [
                t.lower_
                for t in span
                if len(inner) == 1 and not inner[0].start <= t.i < inner[0].end
            ]
            possessive = span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")
            if left_out and all(
                w == "the" or (possessive and w in _DEMONSTRATIVES) for w in left_out
            ):
                # "the [1980s] bull market", "this [year] 's budget": the determiner belongs
                # to the noun after, as the model (and OntoNotes) draws it; the value is ours.
                kept_as[id(inner[0])] = expression
                continue
            for e in hits:
                dropped.add(id(e))
            taken.append((span, expression))

        result: list[Span] = []
        for e in model:
            if id(e) in dropped:
                continue
            if any(overlaps(e, s) for s, _ in taken):
                continue
            if id(e) in kept_as:
                e._.expression = kept_as[id(e)]
            result.append(e)
        for span, expression in taken:
            span._.expression = expression
            result.append(span)
        for span in result:
            if span.label_ == "DATE":
                span._.future = future(doc, span.start)
        doc.ents = sorted(result, key=lambda s: s.start)
        return doc

    return expressions
