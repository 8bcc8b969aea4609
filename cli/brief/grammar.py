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

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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
_REACH = 64
_PLACE = re.compile(_START + r"\S")
_WORD = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")


_KEY = 3  # forms are indexed by the first three characters they can start with
# Where many forms share those three characters ("the", "las"), they are told apart by the
# first seven, spaces folded ("the las", "last we").
_CROWDED = 10
_LONG_KEY = 7
_SPACES = re.compile(_SPACE)
_FOLDED = frozenset(" \t\u00a0")
_TRIES_KEPT = 100_000  # places' heads remembered with what to try there, per grammar
_ONE_DIGIT = str.maketrans("123456789", "000000000")  # in those keys, any digit is "0"
_HELD_WORDS = 200_000  # words remembered as anchors or not, per grammar
# The first placeholder character standing for a piece in a form (Unicode's private use area).
_PLACEHOLDERS = 0xE000


def fold_spaces(text: str) -> str:
    """A run of spaces as one space, as a form's space matches any run (`_flexible_spaces`)."""
    return _SPACES.sub(" ", text)


def start_keys(
    pattern: str,
    size: int = _KEY,
    fold: bool = False,
    most: int = 5000,
    pieces: dict[str, str] | None = None,
    known: dict[str, frozenset[str] | None] | None = None,
) -> frozenset[str] | None:
    """The lower-case strings of `size` characters (shorter where a match may end sooner, every
    digit written "0") that a match of `pattern` can start with; None when it can start with
    anything, or when the pattern is beyond this small analysis. With `fold`, a run of spaces
    in them is written as one space (`fold_spaces`). At each place in a text only the forms
    whose keys fit are tried. Past `most` ways to start, the analysis gives up.

    `pieces` maps a placeholder character in `pattern` to the pattern it stands for (see
    `Grammar.__init__`): each piece is analysed once, into `known`, however many forms hold it,
    where parsing every form written out in full was most of the analysis."""
    try:
        from re import _constants as sre_constants  # type: ignore[attr-defined]
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    c = sre_constants
    zero_width = {c.ASSERT, c.ASSERT_NOT, c.AT}
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    class AnyStart(Exception):
        pass

    def joined(head: str, tail: str) -> str:
        whole = head + tail
        return (fold_spaces(whole) if fold else whole)[:size]

    def char(code: int) -> str:
        c_ = chr(code).lower().translate(_ONE_DIGIT)
        return " " if fold and c_ in _FOLDED else c_

    def of_set(items: Any) -> set[str]:
        chars: set[str] = set()
        for op, av in items:
            if op == c.LITERAL and pieces and chr(av) in pieces:
                chars |= of_piece(chr(av))  # `{YEAR}|{YY}` is parsed as a set of two
            elif op == c.LITERAL:
                chars.add(char(av))
            elif op == c.RANGE and av[1] - av[0] < 128:
                chars |= {char(code) for code in range(av[0], av[1] + 1)}
            elif op == c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                chars.add("0")
            elif op == c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                chars |= {char(ord(space)) for space in " \t\n\r\x0b\x0c\u00a0"}
            else:
                raise AnyStart
        return chars

    def of_sequence(items: Any) -> set[str]:
        found = {""}
        for op, av in items:
            if all(len(s) >= size for s in found):
                break
            pieces = of_item(op, av)
            if len(found) * len(pieces) > most:
                raise AnyStart  # too many ways to start: the form is tried everywhere
            found = {joined(s, p) if len(s) < size else s for s in found for p in pieces}
        return found

    memo = known if known is not None else {}

    def of_piece(placeholder: str) -> frozenset[str]:
        if placeholder not in memo:
            try:
                parsed = sre_parse.parse(pieces[placeholder], re.IGNORECASE)  # type: ignore[index]
                memo[placeholder] = frozenset(of_sequence(parsed))
            except AnyStart:
                memo[placeholder] = None
        keys = memo[placeholder]
        if keys is None:
            raise AnyStart
        return keys

    def of_item(op: Any, av: Any) -> set[str] | frozenset[str]:
        if op == c.LITERAL:
            if pieces and chr(av) in pieces:
                return of_piece(chr(av))
            return {char(av)}
        if op == c.IN:
            return of_set(av)
        if op in zero_width:
            return {""}
        if op == c.SUBPATTERN:
            return of_sequence(av[-1])
        if op == c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                found |= of_sequence(branch)
                if len(found) > most:
                    raise AnyStart
            return found
        if op in repeats:
            low, high, body = av
            once = of_sequence(body)
            found, current = ({""} if low == 0 else set()), {""}
            for count in range(1, size + 1):
                if high != c.MAXREPEAT and count > high:
                    break
                current = {joined(a, b) for a in current for b in once}
                if count >= low:
                    found |= current
            return found or current
        raise AnyStart

    try:
        keys = of_sequence(sre_parse.parse(pattern, re.IGNORECASE))
    except (AnyStart, Exception):
        return None
    return None if "" in keys else frozenset(keys)


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


class _Compiled:
    """A case-blind regular expression compiled at its first use. Most of a grammar's forms
    start with words a given run's texts never contain; compiling every form up front was
    most of the pipeline's start-up."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def _compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, re.IGNORECASE)
            # Later calls go straight to the compiled pattern's methods.
            self.match = self._compiled.match  # type: ignore[method-assign]
            self.search = self._compiled.search  # type: ignore[method-assign]
        return self._compiled

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compile().search(text, pos, endpos)

    def matcher(self) -> Callable[..., re.Match[str] | None]:
        """The compiled pattern's own `match` (compiled now), for a caller that keeps it."""
        return self._compile().match


@dataclass(frozen=True)
class _Piece:
    pattern: _Compiled | None = None  # a regular-expression piece, or
    slot: str | None = None  # a {POINT} slot with its name, or
    mention: bool = False  # where the mention starts, or
    mention_end: bool = False  # where it ends


@dataclass(frozen=True, eq=False)
class Rule:
    name: str
    meaning: str
    flags: frozenset[str]
    order: int
    pattern: _Compiled | None  # an atomic form
    pieces: tuple[_Piece, ...] = ()  # a composite form
    unless_after: _Compiled | None = None
    starter: _Compiled | None = None  # where a composite can start

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


def _start_keys_of(
    kind: str, patterns: list[str], pieces: dict[str, str], size: int = _KEY, fold: bool = False
) -> list[frozenset[str] | None]:
    """`start_keys` of each pattern (its pieces as placeholders: see `Grammar.__init__`), kept
    as a derived file."""
    import hashlib
    import json
    import sys

    from .cache import derived_dir, derived_writable

    if not patterns:
        return []
    # Long keys are only asked of a few crowded forms: more ways to start are followed.
    most = 5000 if size == _KEY else 100_000
    described = repr((sys.version_info[:2], size, fold, most, patterns, sorted(pieces.items())))
    digest = hashlib.sha256(described.encode()).hexdigest()
    path = derived_dir("grammar") / f"{kind}-start-keys-{size}-{digest[:16]}.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if (
            isinstance(rows, list)
            and len(rows) == len(patterns)
            and all(row is None or _strings(row) for row in rows)
        ):
            return [frozenset(row) if row is not None else None for row in rows]
    except Exception:  # missing or damaged: recompute it
        pass
    known: dict[str, frozenset[str] | None] = {}
    found = [start_keys(pattern, size, fold, most, pieces, known) for pattern in patterns]
    if derived_writable():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.part")
            rows = [sorted(keys) if keys is not None else None for keys in found]
            temporary.write_text(json.dumps(rows), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # an unwritable cache only costs time
    return found


def _strings(row: Any) -> bool:
    return isinstance(row, list) and all(isinstance(key, str) for key in row)


@dataclass(frozen=True)
class _Anchors:
    """The words and signs one of which every expression of a grammar holds: lower-case words
    in any case, words with capitals (currency codes) only as written, possibly after a scale
    letter ("MEUR"), signs anywhere, and (for dates) any number."""

    words: frozenset[str]
    exact: frozenset[str]
    signs: re.Pattern[str] | None
    digits: bool

    @classmethod
    def of(cls, anchors: Iterable[str], digits: bool) -> _Anchors:
        anchors = list(anchors)
        signs = sorted({c for w in anchors for c in w if not c.isalnum() and c not in " .'’-"})
        return cls(
            frozenset(w for w in anchors if w.isalpha() and w.islower()),
            frozenset(w for w in anchors if w.isalpha() and not w.islower()),
            re.compile("[" + re.escape("".join(signs)) + "]") if signs else None,
            digits,
        )

    def holds(self, word: str) -> bool:
        if word.isalpha():
            return word.lower() in self.words or word in self.exact or word[1:] in self.exact
        if self.digits:
            return True
        # "300p", "GBP7": the letters written with the number
        return any(w.lower() in self.words or w in self.exact for w in _LETTERS.findall(word))


def words_of(text: str) -> list[re.Match[str]]:
    """The words and numbers of a text: read once, shared by the grammars."""
    return list(_WORD.finditer(text))


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
        self._anchors = _Anchors.of(anchors, digits_anchor)
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

        placeholder_of: dict[str, str] = {}
        # A piece's placeholder character: what it stands for, itself with placeholders.
        sketched_pieces: dict[str, str] = {}

        def sketch(template: str) -> str:
            """`template` for the start-key analysis (`start_keys`): each piece ({MONTH}) as
            one placeholder character, analysed once however many forms hold it."""

            def replace(match: re.Match[str]) -> str:
                name = match.group(1)
                if name not in placeholder_of:
                    expand(match.group())  # an unknown piece or a cycle fails as it does there
                    placeholder_of[name] = chr(_PLACEHOLDERS + len(placeholder_of))
                    body = (
                        sketch(_flexible_spaces(source.defines[name]))
                        if name in source.defines
                        else macros[name]
                    )
                    sketched_pieces[placeholder_of[name]] = "(?:" + _anonymous(body) + ")"
                return placeholder_of[name]

            return _MACRO.sub(replace, template)

        self.rules: list[Rule] = []
        sketches: dict[int, str] = {}  # by rule order: the pattern indexed, as `sketch` writes it
        for name, meaning, flags, forms, unless in source.rules:
            guard = _Compiled(f"(?:{expand(unless)})$") if unless else None
            for index, form in enumerate(forms):
                label = name if len(forms) == 1 else f"{name}.{index + 1}"
                order = len(self.rules)
                if _SLOT.search(form):
                    pieces = self._pieces(form, expand)
                    first = pieces[0].pattern
                    starter = _Compiled(_START + first.pattern) if first else None
                    self.rules.append(
                        Rule(label, meaning, flags, order, None, pieces, guard, starter)
                    )
                    sketched = self._pieces(form, sketch)[0].pattern
                    if sketched is not None:
                        sketches[order] = _START + sketched.pattern
                else:
                    body = expand(_flexible_spaces(form))
                    pattern = _Compiled(f"{_START}(?:{body}){_END.pattern}")
                    self.rules.append(Rule(label, meaning, flags, order, pattern, (), guard))
                    sketches[order] = f"{_START}(?:{sketch(_flexible_spaces(form))}){_END.pattern}"
        self._atomic = [r for r in self.rules if r.pattern is not None]
        composites = [r for r in self.rules if r.pieces]
        # Which forms can start with which three characters: at each place only those are
        # tried.
        self._index: dict[str, list[Rule]] = {}
        self._always: list[Rule] = []
        indexed = self._atomic + [r for r in composites if r.starter is not None]
        patterns = [sketches[r.order] for r in indexed]
        keys_of = _start_keys_of(kind, patterns, sketched_pieces)
        for rule, keys in zip(indexed, keys_of, strict=True):
            if keys is None:
                self._always.append(rule)
                continue
            for key in keys:
                self._index.setdefault(key, []).append(rule)
        self._key_sizes = sorted({len(k) for k in self._index})
        # The forms under a crowded head, each with its keys of seven characters (None: any).
        self._crowded = {key for key, rules in self._index.items() if len(rules) >= _CROWDED}
        under = sorted(
            {id(r): r for key in self._crowded for r in self._index[key]}.values(),
            key=lambda r: r.order,
        )
        forms = [sketches[r.order] for r in under]
        long_keys = _start_keys_of(kind, forms, sketched_pieces, _LONG_KEY, fold=True)
        self._long_keys = {id(r): keys for r, keys in zip(under, long_keys, strict=True)}
        self._long_sizes = sorted({len(k) for keys in long_keys if keys for k in keys})
        # Filled as texts show which heads occur.
        self._tries_at: dict[str, list[tuple[Callable[..., Any], Rule, bool]]] = {}
        self._tries_by_short: dict[str, list[tuple[Callable[..., Any], Rule, bool]]] = {}
        self._held: dict[str, bool] = {}  # is a word an anchor: texts repeat their words
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
                pieces.append(_Piece(pattern=_Compiled(expand(_flexible_spaces(before)))))
            if slot.group(1):
                pieces.append(_Piece(slot=slot.group(1)))
            elif slot.group(2):
                pieces.append(_Piece(mention_end=True))
            else:
                pieces.append(_Piece(mention=True))
            position = slot.end()
        after = form[position:]
        if after:
            pieces.append(_Piece(pattern=_Compiled(expand(_flexible_spaces(after)))))
        return tuple(pieces)

    # ---- the chart ---------------------------------------------------------------------------

    def _windows(self, text: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
        """The stretches of text where an expression can start: up to an anchor, merged."""
        anchors = self._anchors
        held = self._held
        if len(held) > _HELD_WORDS:
            held.clear()
        spots = []
        for match in words:
            word = match.group()
            hold = held.get(word)
            if hold is None:
                hold = held[word] = anchors.holds(word)
            if hold:
                spots.append(match.span())
        if anchors.signs is not None:
            spots.extend(m.span() for m in anchors.signs.finditer(text))
        windows: list[tuple[int, int]] = []
        for start, end in sorted(spots):
            low, high = max(0, start - _REACH), end
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows

    @staticmethod
    def _long_head(text: str, start: int, head: str) -> str:
        """The first seven characters at a crowded head, spaces folded; where a run of spaces
        longer than the stretch read hides them, the head marked "\0" (not told apart)."""
        end = start + 4 * _LONG_KEY
        long_head = fold_spaces(text[start:end]).lower().translate(_ONE_DIGIT)[:_LONG_KEY]
        if len(long_head) < _LONG_KEY and end < len(text):
            return "\0" + head
        return long_head

    def _tries_for(self, head: str) -> list[tuple[Callable[..., Any], Rule, bool]]:
        """What to try where a text's next characters (lower case, digits "0"; after a crowded
        head, seven of them with spaces folded) are `head`: each form that may start there, as
        (its compiled `match`, the rule, whether the form is atomic)."""
        whole = not head.startswith("\0")
        head = head.lstrip("\0")
        short = head[:_KEY]
        base = self._tries_by_short.get(short)
        if base is None:
            index = self._index
            found = {id(r): r for size in self._key_sizes for r in index.get(short[:size], ())}
            rules = sorted([*found.values(), *self._always], key=lambda r: r.order)
            base = self._tries_by_short[short] = [
                (r.pattern.matcher(), r, True) if r.pattern is not None
                else (r.starter.matcher(), r, False)  # type: ignore[union-attr]
                for r in rules
            ]  # fmt: skip
        if not (whole and short in self._crowded):
            return base
        long_keys, sizes = self._long_keys, self._long_sizes
        return [
            tried
            for tried in base
            if (keys := long_keys.get(id(tried[1]))) is None
            or any(head[:size] in keys for size in sizes)
        ]

    def _atomic_matches(
        self, text: str, windows: list[tuple[int, int]]
    ) -> tuple[list[tuple[int, int, Rule, re.Match[str]]], list[tuple[int, Rule]]]:
        """Every match of every atomic form in the windows, and the places where a composite
        form's first piece matches. A form may start at the start of a word or a sign."""
        matches = []
        composite_starts = []
        tries_at = self._tries_at
        if len(tries_at) > _TRIES_KEPT:
            tries_at.clear()
            self._tries_by_short.clear()
        crowded = self._crowded
        for low, high in windows:
            for place in _PLACE.finditer(text, low, high):
                start = place.start()
                head = text[start : start + _KEY].lower().translate(_ONE_DIGIT)
                if head in crowded:
                    head = self._long_head(text, start, head)
                tries = tries_at.get(head)
                if tries is None:
                    tries = tries_at[head] = self._tries_for(head)
                for match_at, rule, atomic in tries:
                    match = match_at(text, start)
                    if match is not None:
                        if atomic:
                            matches.append((start, match.end(), rule, match))
                        else:
                            composite_starts.append((start, rule))
        return matches, composite_starts

    def _walk(
        self, rule: Rule, text: str, start: int, points: dict[int, list[tuple[int, bool]]]
    ) -> Iterator[tuple[int, dict[str, str | None], tuple[int, int | None], bool]]:
        """(end, parts, (mention start, mention end or None), weak) for each way a composite
        form reads from `start`; `weak` when a slot holds a weak form: a composite is only as
        sure as its parts ("1/4 to 3/4" is no range of days, "10,000 pounds or less" may be a
        weight)."""
        return self._step(rule.pieces, text, points, 0, start, {}, (start, None), False)

    def _step(
        self,
        pieces: tuple[_Piece, ...],
        text: str,
        points: dict[int, list[tuple[int, bool]]],
        index: int,
        position: int,
        parts: dict[str, str | None],
        mention: tuple[int, int | None],
        vague: bool,
    ) -> Iterator[tuple[int, dict[str, str | None], tuple[int, int | None], bool]]:
        # A method, not a closure that calls itself: such a closure is a reference cycle, left
        # for the cyclic garbage collector on every walk.
        if index == len(pieces):
            if _END.match(text, position):
                yield position, parts, mention, vague
            return
        piece = pieces[index]
        after = index + 1
        if piece.mention:
            yield from self._step(
                pieces, text, points, after, position, parts, (position, mention[1]), vague
            )
        elif piece.mention_end:
            yield from self._step(
                pieces, text, points, after, position, parts, (mention[0], position), vague
            )
        elif piece.slot is not None:
            for end, weak in points.get(position, ()):
                filled = {**parts, piece.slot: text[position:end]}
                yield from self._step(
                    pieces, text, points, after, end, filled, mention, vague or weak
                )
        else:
            match = piece.pattern.match(text, position)  # type: ignore[union-attr]
            if match is not None:
                yield from self._step(
                    pieces,
                    text,
                    points,
                    after,
                    match.end(),
                    {**parts, **match.groupdict()},
                    mention,
                    vague,
                )

    def _candidates(
        self, text: str, whole: bool = False, words: list[re.Match[str]] | None = None
    ) -> list[_Candidate]:
        """All readings at all places (in a `whole` text known to be one expression, even
        with no anchor)."""
        found: list[_Candidate] = []
        points: dict[int, list[tuple[int, bool]]] = {}
        if whole:
            windows = [(0, len(text))]
        else:
            windows = self._windows(text, words if words is not None else words_of(text))
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

    def find(
        self,
        text: str,
        accept: Callable[[Reading], bool],
        words: list[re.Match[str]] | None = None,
    ) -> list[Found]:
        """Every expression in `text`, leftmost-longest; `accept` may refuse a reading (an
        impossible value), and then the next longest one at that place is taken."""
        candidates = sorted(
            self._candidates(text, words=words),
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
