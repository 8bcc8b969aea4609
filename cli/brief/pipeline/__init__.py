"""Loading brief's spaCy pipeline: the statistical model's NER plus brief's rule layer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .config import DEFAULT_DATE_SCHEME, load_config
from .doctext import entities, keep_text, text_of
from .model import ModelError, load_statistical_model, model_info, resolve_model_name

__all__ = [
    "DEFAULT_DATE_SCHEME",
    "ModelError",
    "RawMention",
    "build_pipeline",
    "date_schemes",
    "label_map",
    "model_info",
    "model_view",
    "raw_mentions",
    "resolve_model_name",
]


@dataclass(frozen=True)
class RawMention:
    """An entity span as the pipeline found it, before canonicalisation."""

    type: str
    start: int
    end: int
    text: str
    acronym_of: str | None = None
    # The whole date or money expression the mention's value comes from ("in three days" for
    # the mention "three days"), when it is not the mention's own text.
    expression: str | None = None
    # The sentence speaks of the future ("will meet on Friday"): a bare weekday looks ahead;
    # or of the past ("resigned in March"): a month or day without a year looks back.
    future: bool = False
    past: bool = False


def date_schemes() -> list[str]:
    """The date conventions `models/brief.json` defines, the default first."""
    names = [k for k in load_config().get("date_schemes", {}) if k != "about"]
    return sorted(names, key=lambda name: (name != DEFAULT_DATE_SCHEME, name))


def label_map() -> dict[str, str]:
    return dict(load_config()["labels"])


def build_pipeline(
    model_name: str, rules: bool = True, full: bool = False, date_scheme: str = DEFAULT_DATE_SCHEME
) -> Any:
    """The model's NER components (or the `full` pipeline), its matrix products on numpy's
    BLAS (see `brief.compute`), with brief's rule layer after them; `date_scheme` (see
    `models/brief.json`) decides what counts as a date."""
    from ..compute import use_numpy_blas

    nlp = load_statistical_model(model_name, full=full)
    use_numpy_blas(nlp)
    if rules:
        from .components import add_brief_components

        add_brief_components(nlp, date_scheme)
        keep_text(nlp)
    return nlp


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def model_view(text: str) -> str:
    """The text as the model should see it: all-caps lines ("KEVIN BROWN LOWERS ERA") are
    true-cased: a place name of two or three words as the gazetteer writes it, any other word
    as the rest of the document writes it, else as a known place name, else in lower case (the
    line's first word capitalised). The model reads all-caps text badly. The result has the
    same length, so offsets hold."""
    lines = text.split("\n")
    shouting = [i for i, line in enumerate(lines) if _all_caps(line)]
    if not shouting:
        return text
    seen: dict[str, str] = {}
    for i, line in enumerate(lines):
        if i not in shouting:
            for word in _WORD.findall(line):
                if not word.isupper() or len(word) <= 4:
                    seen.setdefault(word.lower(), word)
                if word[:1].isupper() and not word.isupper():
                    seen[word.lower()] = word  # a capitalised use marks a name
    for i in shouting:
        line = lines[i]
        pieces, position, first = [], 0, True
        words = list(_WORD.finditer(line))
        w = 0
        while w < len(words):
            pieces.append(line[position : words[w].start()])
            size, cased = _place_run(line, words, w)
            if size:
                pieces.append(cased)
            else:
                size = 1
                pieces.append(_true_case(words[w].group(), seen, first))
            position, first = words[w + size - 1].end(), False
            w += size
        pieces.append(line[position:])
        recased = "".join(pieces)
        if len(recased) == len(line):
            lines[i] = recased
    return "\n".join(lines)


def _all_caps(line: str) -> bool:
    # isupper() is true when every cased letter is upper case: a C-speed first test.
    if not line.isupper():
        return False
    letters = sum(1 for c in line if c.isalpha())
    words = sum(1 for w in line.split() if any(c.isalpha() for c in w))
    return letters >= 4 and words >= 2


# The most words of a place name read as one in a line of capitals (`RIO DE JANEIRO`).
_PLACE_WORDS = 3


def _place_run(line: str, words: list[re.Match[str]], w: int) -> tuple[int, str]:
    """A place name of several words starting at word `w` of a line of capitals (`KANSAS CITY
    61 75`, `SAN DIEGO AT MONTREAL`), cased as the gazetteer writes it (each word capitalised
    where the spellings differ in length: `ST LOUIS`, `St. Louis`), and how many words it
    takes; (0, "") when there is none. Read word by word, `CITY` and `DIEGO` would be
    lower-cased and the model would take `Kansas` and `San` alone for the place."""
    from ..gazetteer import lookup_place

    for size in range(min(_PLACE_WORDS, len(words) - w), 1, -1):
        run = words[w : w + size]
        if any(line[a.end() : b.start()] != " " for a, b in pairwise(run)):
            continue
        text = line[run[0].start() : run[-1].end()]
        place = lookup_place(text)
        if place is None:
            continue
        if len(place.name) == len(text):  # cased as the gazetteer writes it: `Rio de Janeiro`
            cased = (
                c.upper() if n.isupper() else c.lower()
                for c, n in zip(text, place.name, strict=True)
            )
            return size, "".join(cased)
        return size, " ".join(word.capitalize() for word in text.split(" "))  # `St Louis`
    return 0, ""


def _true_case(word: str, seen: dict[str, str], first: bool) -> str:
    from ..gazetteer import lookup_place

    known = seen.get(word.lower())
    if known is not None and len(known) == len(word):
        return known
    place = lookup_place(word)
    if place is not None and place.prominent:
        return word.title()
    lowered = word.lower()
    return lowered[:1].upper() + lowered[1:] if first else lowered


_VALUED = ("date", "money")  # brief's types whose values come from an expression


def raw_mentions(
    doc: Any, offset: int = 0, labels: dict[str, str] | None = None, original: str | None = None
) -> list[RawMention]:
    """brief-typed mentions of a spaCy Doc; `offset` shifts them into the whole document and
    `original` (the text before `model_view`) supplies the mention texts."""
    from spacy.tokens import Doc, Span

    mapping = labels if labels is not None else label_map()
    source = original if original is not None else text_of(doc)
    # The rule layer's extensions exist only when its modules are loaded (not with --no-rules).
    extended = Span.has_extension("acronym_of")
    with_expression = extended and Span.has_extension("expression")
    with_future = extended and Span.has_extension("future")
    # Extensions are read only where they can be set (a `Span._` read costs a microsecond or
    # two): an acronym's expansion in a document that defines one, an expression's text and
    # tense on a date or an amount, the only mentions whose values are composed from them.
    acronyms = extended and Doc.has_extension("acronyms") and bool(doc._.acronyms)
    found = []
    for ent in entities(doc):
        kind = mapping.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start_char, ent.end_char
        acronym_of, expression, future, past = None, None, False, False
        if acronyms:
            acronym_of = ent._.acronym_of
        if kind in _VALUED:
            extensions = ent._
            expression = extensions.expression if with_expression else None
            if with_future:
                future, past = bool(extensions.future), bool(extensions.past)
        found.append(
            RawMention(kind, start + offset, end + offset, source[start:end], acronym_of=acronym_of,
                       expression=expression, future=future, past=past)
        )  # fmt: skip
    return found
