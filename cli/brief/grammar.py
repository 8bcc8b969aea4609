"""brief's expression grammar: whole date and money expressions found in running text.

The forms are data (`models/grammar/*.rules`, word lists in `models/grammar/*.json`); this
module compiles them once per process and offers two operations over them:

- `Grammar.find(text, accept)`: every expression in a text, leftmost-longest, as `Found`
  records with character offsets (what the `brief_expressions` spaCy component turns into
  mentions);
- `Grammar.readings(text)`: the rules that read a text as one whole expression, with their
  named parts (what the normalisers compose a value from).

A form is either atomic (one regular expression) or composite: regular-expression pieces and
slots, `(?P<name>{POINT})`, that any atomic form flagged `point` fills ("between {POINT} and
{POINT}"). Composites are matched over a chart of the atomic matches, so that each form stays a
small expression however many forms a slot admits. A rule's meaning (the function that
composes a value from its parts) is named in the rule file and lives in `normalize/`; it may
refuse a reading (an impossible date, a range whose ends are reversed), and the finder then
takes the next longest one at that place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

_MACRO = re.compile(r"\{([A-Z_]+)\}")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_SLOT = re.compile(r"\(\?P<(\w+)>\{POINT\}\)|\{(/?)MENTION\}")
_SPACE = "[ \\t\u00a0]+"
# A form starts at the start of a word (not inside a number, a word or a currency amount) and
# ends at the end of one.
_START = r"(?<![\w$€£¥₹.,/:])"
_END = re.compile(r"(?![^\W_]|[.,]?[0-9]|%)")
_LOOKBACK = 40


@dataclass(frozen=True)
class Reading:
    """A text read as one expression: the rule, its meaning and its named parts (lower case)."""

    rule: str
    meaning: str
    parts: dict[str, str | None]
    text: str


@dataclass(frozen=True)
class Found:
    """An expression in a text: `start:end` is the whole expression, `mention_start:
    mention_end` the part reported as the mention."""

    kind: str
    rule: str
    start: int
    end: int
    mention_start: int
    mention_end: int
    strong: bool

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class _Piece:
    pattern: re.Pattern[str] | None = None  # a regular-expression piece, or
    slot: str | None = None  # a {POINT} slot with its name, or
    mention: bool = False  # where the mention starts, or
    mention_end: bool = False  # where it ends


@dataclass(frozen=True)
class Rule:
    name: str
    meaning: str
    flags: frozenset[str]
    order: int
    pattern: re.Pattern[str] | None  # an atomic form
    pieces: tuple[_Piece, ...] = ()  # a composite form
    unless_after: re.Pattern[str] | None = None
    starter: re.Pattern[str] | None = None  # where a composite can start

    @property
    def strong(self) -> bool:
        return "strong" in self.flags

    @property
    def point(self) -> bool:
        return "point" in self.flags


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    parts: dict[str, str | None]
    mention_start: int
    mention_end: int
    strong: bool


@dataclass
class _Source:
    defines: dict[str, str] = field(default_factory=dict)
    rules: list[list[Any]] = field(default_factory=list)  # name, meaning, flags, forms, unless


def read_rules(text: str) -> _Source:
    """The `define` lines and `rule` blocks of a rule file."""
    source = _Source()
    header = re.compile(r"rule\s+(\w+)\s*->\s*(\w+)\s*\[([\w\s]*)\]\s*$")
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        if line.startswith("define "):
            _, name, body = line.split(None, 2)
            source.defines[name] = body
        elif line.startswith("rule "):
            match = header.match(line)
            if match is None:
                raise ValueError(f"line {number}: a rule header is `rule NAME -> MEANING [FLAGS]`")
            name, meaning, flags = match.groups()
            source.rules.append([name, meaning, frozenset(flags.split()), [], None])
        elif line.startswith("  unless-after ") and source.rules:
            source.rules[-1][4] = line.split(None, 1)[1]
        elif line[:1].isspace() and source.rules:
            source.rules[-1][3].append(line.strip())
        else:
            raise ValueError(f"line {number}: not a rule, form or define: {line.strip()!r}")
    return source


def _flexible_spaces(form: str) -> str:
    """A space in a form matches any run of spaces; inside a character class it stays a space."""
    out, in_class, escaped = [], False, False
    for char in form:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == " " and not in_class:
            out.append(_SPACE)
        else:
            out.append(char)
    return "".join(out)


def _anonymous(pattern: str) -> str:
    """The same pattern with its named groups made plain groups (to embed it in another)."""
    return _NAMED_GROUP.sub("(?:", pattern)


def words_pattern(words: Any) -> str:
    """An alternation of literal words, longest first, spaces, hyphens and apostrophes loose."""
    pieces = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        escaped = re.escape(word.lower())
        escaped = escaped.replace(r"\ ", " ").replace(r"\-", "[ \t]*[-–][ \t]*")
        escaped = escaped.replace("'", "['’]").replace("’", "['’]")
        pieces.append(escaped)
    return "(?:" + "|".join(pieces) + ")"


class Grammar:
    """The compiled rules of one kind of expression (`date` or `money`)."""

    def __init__(self, kind: str, source: _Source, macros: dict[str, str]) -> None:
        self.kind = kind
        expanded: dict[str, str] = {}

        def expand(template: str, seen: tuple[str, ...] = ()) -> str:
            def replace(match: re.Match[str]) -> str:
                name = match.group(1)
                if name in seen:
                    raise ValueError(f"{{{name}}} refers to itself")
                if name not in expanded:
                    if name in source.defines:
                        body = expand(_flexible_spaces(source.defines[name]), (*seen, name))
                    elif name in macros:
                        body = macros[name]
                    else:
                        raise ValueError(f"unknown piece {{{name}}} in the {kind} grammar")
                    expanded[name] = "(?:" + _anonymous(body) + ")"
                return expanded[name]

            return _MACRO.sub(replace, template)

        self.rules: list[Rule] = []
        for name, meaning, flags, forms, unless in source.rules:
            guard = re.compile(f"(?:{expand(unless)})$", re.IGNORECASE) if unless else None
            for index, form in enumerate(forms):
                label = name if len(forms) == 1 else f"{name}.{index + 1}"
                order = len(self.rules)
                if _SLOT.search(form):
                    pieces = self._pieces(form, expand)
                    first = pieces[0].pattern
                    starter = re.compile(_START + first.pattern, re.IGNORECASE) if first else None
                    self.rules.append(
                        Rule(label, meaning, flags, order, None, pieces, guard, starter)
                    )
                else:
                    body = expand(_flexible_spaces(form))
                    pattern = re.compile(f"{_START}(?:{body}){_END.pattern}", re.IGNORECASE)
                    self.rules.append(Rule(label, meaning, flags, order, pattern, (), guard))
        self._atomic = [r for r in self.rules if r.pattern is not None]
        union = "|".join(f"(?:{_anonymous(r.pattern.pattern)})" for r in self._atomic)  # type: ignore[union-attr]
        self._union = re.compile(union, re.IGNORECASE)
        composites = [r for r in self.rules if r.pieces]
        # Composites that are points themselves ("early {POINT}") fill slots of the others.
        self._point_composites = [r for r in composites if r.point]
        self._other_composites = [r for r in composites if not r.point]

    @staticmethod
    def _pieces(form: str, expand: Callable[[str], str]) -> tuple[_Piece, ...]:
        pieces: list[_Piece] = []
        position = 0
        for slot in _SLOT.finditer(form):
            before = form[position : slot.start()]
            if before:
                pieces.append(
                    _Piece(pattern=re.compile(expand(_flexible_spaces(before)), re.IGNORECASE))
                )
            if slot.group(1):
                pieces.append(_Piece(slot=slot.group(1)))
            elif slot.group(2):
                pieces.append(_Piece(mention_end=True))
            else:
                pieces.append(_Piece(mention=True))
            position = slot.end()
        after = form[position:]
        if after:
            pieces.append(
                _Piece(pattern=re.compile(expand(_flexible_spaces(after)), re.IGNORECASE))
            )
        return tuple(pieces)

    # ---- the chart ---------------------------------------------------------------------------

    def _atomic_matches(self, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
        """Every match of every atomic form, at every place."""
        matches = []
        position = 0
        while position <= len(text):
            hit = self._union.search(text, position)
            if hit is None:
                break
            start = hit.start()
            for rule in self._atomic:
                match = rule.pattern.match(text, start)  # type: ignore[union-attr]
                if match is not None:
                    matches.append((start, match.end(), rule, match))
            position = start + 1
        return matches

    def _walk(
        self, rule: Rule, text: str, start: int, points: dict[int, list[tuple[int, bool]]]
    ) -> Iterator[tuple[int, dict[str, str | None], tuple[int, int | None], bool]]:
        """(end, parts, (mention start, mention end or None), weak) for each way a composite
        form reads from `start`; `weak` when a slot holds a weak form: a composite is only as
        sure as its parts ("1/4 to 3/4" is no range of days, "10,000 pounds or less" may be a
        weight)."""

        def step(
            index: int,
            position: int,
            parts: dict[str, str | None],
            mention: tuple[int, int | None],
            vague: bool,
        ):
            if index == len(rule.pieces):
                if _END.match(text, position):
                    yield position, parts, mention, vague
                return
            piece = rule.pieces[index]
            if piece.mention:
                yield from step(index + 1, position, parts, (position, mention[1]), vague)
            elif piece.mention_end:
                yield from step(index + 1, position, parts, (mention[0], position), vague)
            elif piece.slot is not None:
                for end, weak in points.get(position, ()):
                    filled = {**parts, piece.slot: text[position:end]}
                    yield from step(index + 1, end, filled, mention, vague or weak)
            else:
                match = piece.pattern.match(text, position)  # type: ignore[union-attr]
                if match is not None:
                    yield from step(
                        index + 1, match.end(), {**parts, **match.groupdict()}, mention, vague
                    )

        yield from step(0, start, {}, (start, None), False)

    def _composite_starts(
        self, rule: Rule, text: str, points: dict[int, list[tuple[int, bool]]]
    ) -> Iterator[int]:
        if rule.starter is None:
            # A form that starts with a slot (or a mention mark) starts where a point does.
            yield from sorted(points)
            return
        for match in rule.starter.finditer(text):
            yield match.start()

    def _candidates(self, text: str) -> list[_Candidate]:
        """All readings at all places."""
        found: list[_Candidate] = []
        points: dict[int, list[tuple[int, bool]]] = {}
        for start, end, rule, match in self._atomic_matches(text):
            parts = match.groupdict()
            if "mention" in parts and parts["mention"] is not None:
                m_start, m_end = match.span("mention")
            else:
                m_start, m_end = start, end
            found.append(_Candidate(start, end, rule, parts, m_start, m_end, rule.strong))
            if rule.point:
                points.setdefault(start, []).append((end, not rule.strong))
        for stage in (self._point_composites, self._other_composites):
            added: list[tuple[int, int, bool]] = []
            for rule in stage:
                for start in self._composite_starts(rule, text, points):
                    for end, parts, (m_start, m_end), vague in self._walk(
                        rule, text, start, points
                    ):
                        strong = rule.strong and not vague
                        found.append(
                            _Candidate(start, end, rule, parts, m_start, m_end or end, strong)
                        )
                        if rule.point:
                            added.append((start, end, vague))
            for start, end, vague in added:
                points.setdefault(start, []).append((end, vague))
            for ends in points.values():
                ends.sort(reverse=True)
        return found

    # ---- the two operations --------------------------------------------------------------------

    def readings(self, text: str) -> Iterator[Reading]:
        """Each rule that reads all of `text` as one expression, in rule-file order."""
        whole = [c for c in self._candidates(text) if c.start == 0 and c.end == len(text)]
        for c in sorted(whole, key=lambda c: c.rule.order):
            yield Reading(c.rule.name, c.rule.meaning, _lower(c.parts), text)

    def find(self, text: str, accept: Callable[[Reading], bool]) -> list[Found]:
        """Every expression in `text`, leftmost-longest; `accept` may refuse a reading (an
        impossible value), and then the next longest one at that place is taken."""
        candidates = sorted(
            self._candidates(text), key=lambda c: (c.start, c.start - c.end, c.rule.order)
        )
        found: list[Found] = []
        covered = 0
        for c in candidates:
            if c.start < covered:
                continue
            guard = c.rule.unless_after
            if guard is not None and guard.search(text, max(0, c.start - _LOOKBACK), c.start):
                continue
            if not accept(
                Reading(c.rule.name, c.rule.meaning, _lower(c.parts), text[c.start : c.end])
            ):
                continue
            found.append(
                Found(
                    self.kind, c.rule.name, c.start, c.end, c.mention_start, c.mention_end, c.strong
                )
            )
            covered = c.end
        return found


def _lower(parts: dict[str, str | None]) -> dict[str, str | None]:
    return {k: (v.lower() if v is not None else None) for k, v in parts.items()}


@cache
def grammar(kind: str) -> Grammar:
    """The compiled grammar of `date` or `money` expressions, built once per process."""
    from .pipeline.config import models_dir

    if kind == "date":
        from .normalize.dates import date_macros as macros
    elif kind == "money":
        from .normalize.money import money_macros as macros
    else:
        raise ValueError(f"no grammar of {kind!r}")
    path = models_dir() / "grammar" / {"date": "dates.rules", "money": "money.rules"}[kind]
    return Grammar(kind, read_rules(path.read_text(encoding="utf-8")), macros())
