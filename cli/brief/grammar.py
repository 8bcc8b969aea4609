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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

_MACRO = re.compile(r"\{([A-Z_]+)\}")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_SLOT = re.compile(r"\(\?P<(\w+)>\{POINT\}\)|\{(/?)MENTION\}")
_SPACE = "[ \\t\u00a0]+"
# A form starts at the start of a word (not inside a number, a word or a currency amount) and
# ends at the end of one.
_START = r"(?<![\w$€£¥₹.,/:&])"
_END = re.compile(r"(?![^\W_]|[.,]?[0-9]|%)")
_LOOKBACK = 40
# Every expression holds an anchor: a digit, a currency sign or a word of the grammar's own
# (a month, a unit, a holiday, a currency name), at most this many characters after its start.
# Only places this near an anchor are tried as starts.
_REACH = 60
_WORD = re.compile(r"[^\W_]+")
_PLACE = re.compile(_START + r"\S")
_LETTERS = re.compile(r"[^\W\d_]+")


def first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case characters a match of `pattern` can start with, or None when any can
    (or when the pattern is beyond this small analysis): so that at each place in a text
    only the forms that can start there are tried."""
    try:
        from re import _constants as sre_constants  # type: ignore[attr-defined]
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    c = sre_constants
    zero_width = {c.ASSERT, c.ASSERT_NOT, c.AT}
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    class AnyChar(Exception):
        pass

    def of_sequence(items: Any) -> tuple[set[str], bool]:
        found: set[str] = set()
        for op, av in items:
            chars, nullable = of_item(op, av)
            found |= chars
            if not nullable:
                return found, False
        return found, True

    def of_set(items: Any) -> set[str]:
        chars: set[str] = set()
        for op, av in items:
            if op == c.LITERAL:
                chars.add(chr(av).lower())
            elif op == c.RANGE and av[1] - av[0] < 128:
                chars |= {chr(code).lower() for code in range(av[0], av[1] + 1)}
            elif op == c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                chars |= set("0123456789")
            elif op == c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                chars |= set(" \t\n\r\x0b\x0c\u00a0")
            else:
                raise AnyChar
        return chars

    def of_item(op: Any, av: Any) -> tuple[set[str], bool]:
        if op == c.LITERAL:
            return {chr(av).lower()}, False
        if op == c.IN:
            return of_set(av), False
        if op in zero_width:
            return set(), True
        if op == c.SUBPATTERN:
            return of_sequence(av[-1])
        if op == c.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                more, empty = of_sequence(branch)
                chars |= more
                nullable = nullable or empty
            return chars, nullable
        if op in repeats:
            chars, nullable = of_sequence(av[2])
            return chars, nullable or av[0] == 0
        raise AnyChar

    try:
        chars, nullable = of_sequence(sre_parse.parse(pattern, re.IGNORECASE))
    except (AnyChar, Exception):
        return None
    return None if nullable else frozenset(chars | {ch.upper() for ch in chars})


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


_UNITS = {"'": "['’]", "’": "['’]", "-": "[ \t]*[-–][ \t]*", " ": "[ \t]+"}


def words_pattern(words: Any) -> str:
    """An alternation of literal words as a trie ("jan(?:uary)?|ju(?:ly|ne)"), so that a
    failing place costs a few steps however many words there are; spaces, hyphens and
    apostrophes are matched loosely. Longer words win where one is a prefix of another."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word.lower().replace("’", "'"):
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            _UNITS.get(c, re.escape(c)) + emit(child) for c, child in sorted(node.items()) if c
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return "(?:" + emit(trie) + ")"


class Grammar:
    """The compiled rules of one kind of expression (`date` or `money`)."""

    def __init__(
        self,
        kind: str,
        source: _Source,
        macros: dict[str, str],
        anchors: Iterable[str] = (),
        digits_anchor: bool = True,
    ) -> None:
        self.kind = kind
        self._digits_anchor = digits_anchor
        anchors = list(anchors)
        # Lower-case anchors match any case; one written with capitals only as written.
        self._anchor_words = frozenset(w for w in anchors if w.isalpha() and w.islower())
        self._anchor_exact = frozenset(w for w in anchors if w.isalpha() and not w.islower())
        signs = sorted({c for w in anchors for c in w if not c.isalnum() and c not in " .'’-"})
        self._anchor_signs = re.compile("[" + re.escape("".join(signs)) + "]") if signs else None
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
        composites = [r for r in self.rules if r.pieces]
        # Which forms can start with which character: at each place only those are tried.
        self._by_char: dict[str, list[Rule]] = {}
        self._any_char: list[Rule] = []
        self._starters_by_char: dict[str, list[Rule]] = {}
        self._starters_any: list[Rule] = []
        for rule in self._atomic + [r for r in composites if r.starter is not None]:
            atomic = rule.pattern is not None
            chars = first_chars((rule.pattern or rule.starter).pattern)  # type: ignore[union-attr]
            if chars is None:
                (self._any_char if atomic else self._starters_any).append(rule)
                continue
            table = self._by_char if atomic else self._starters_by_char
            for char in chars:
                table.setdefault(char, []).append(rule)
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

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """The stretches of text where an expression can start: up to an anchor, merged."""
        words, exact, digits = self._anchor_words, self._anchor_exact, self._digits_anchor

        def anchor(word: str) -> bool:
            if word.isalpha():
                # "MEUR", "kUSD": a code with a scale letter before it
                return word.lower() in words or word in exact or word[1:] in exact
            if digits:
                return True
            # "300p", "GBP7", "5bn": the letters written with the number
            return any(w.lower() in words or w in exact for w in _LETTERS.findall(word))

        spots = [m.span() for m in _WORD.finditer(text) if anchor(m.group())]
        if self._anchor_signs is not None:
            spots.extend(m.span() for m in self._anchor_signs.finditer(text))
        windows: list[tuple[int, int]] = []
        for start, end in sorted(spots):
            low, high = max(0, start - _REACH), end
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows

    def _starts(self, text: str, windows: list[tuple[int, int]]) -> Iterator[int]:
        """The places in the windows where a form may start: the start of a word or a sign."""
        for low, high in windows:
            for match in _PLACE.finditer(text, low, high):
                yield match.start()

    def _atomic_matches(
        self, text: str, windows: list[tuple[int, int]]
    ) -> tuple[list[tuple[int, int, Rule, re.Match[str]]], list[tuple[int, Rule]]]:
        """Every match of every atomic form in the windows, and the places where a composite
        form's first piece matches."""
        matches = []
        composite_starts = []
        by_char, any_char = self._by_char, self._any_char
        starters, starters_any = self._starters_by_char, self._starters_any
        for start in self._starts(text, windows):
            char = text[start]
            for rule in (
                by_char.get(char, ()) if not any_char else [*by_char.get(char, ()), *any_char]
            ):
                match = rule.pattern.match(text, start)  # type: ignore[union-attr]
                if match is not None:
                    matches.append((start, match.end(), rule, match))
            for rule in [*starters.get(char, ()), *starters_any]:
                if rule.starter.match(text, start):  # type: ignore[union-attr]
                    composite_starts.append((start, rule))
        return matches, composite_starts

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

    def _candidates(self, text: str, whole: bool = False) -> list[_Candidate]:
        """All readings at all places (in a `whole` text known to be one expression, even
        with no anchor)."""
        found: list[_Candidate] = []
        points: dict[int, list[tuple[int, bool]]] = {}
        windows = [(0, len(text))] if whole else self._windows(text)
        atomic, composite_starts = self._atomic_matches(text, windows)
        starts_of: dict[int, list[int]] = {}
        for start, rule in composite_starts:
            starts_of.setdefault(rule.order, []).append(start)
        for start, end, rule, match in atomic:
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
                # A form that starts with a slot starts where a point does.
                starts = sorted(points) if rule.starter is None else starts_of.get(rule.order, [])
                for start in starts:
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
        whole = [
            c for c in self._candidates(text, whole=True) if c.start == 0 and c.end == len(text)
        ]
        for c in sorted(whole, key=lambda c: c.rule.order):
            yield Reading(c.rule.name, c.rule.meaning, _lower(c.parts), text)

    def find(self, text: str, accept: Callable[[Reading], bool]) -> list[Found]:
        """Every expression in `text`, leftmost-longest; `accept` may refuse a reading (an
        impossible value), and then the next longest one at that place is taken."""
        candidates = sorted(
            self._candidates(text),
            key=lambda c: (c.start, c.start - c.end, c.rule.order, not c.strong),
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
        from .normalize.dates import date_anchors as anchors
        from .normalize.dates import date_macros as macros
    elif kind == "money":
        from .normalize.money import money_anchors as anchors
        from .normalize.money import money_macros as macros
    else:
        raise ValueError(f"no grammar of {kind!r}")
    path = models_dir() / "grammar" / {"date": "dates.rules", "money": "money.rules"}[kind]
    # A money expression always names its currency, so a digit alone anchors only dates.
    rules = read_rules(path.read_text(encoding="utf-8"))
    return Grammar(kind, rules, macros(), anchors(), digits_anchor=kind == "date")
