"""Markdown: the file's own text with its markup blanked out.

Markup characters (heading marks, emphasis, link brackets and targets, table pipes, list and
quote markers) and whole non-prose parts (front matter, code, HTML comments and tags, link
definitions) become spaces; line breaks stay. The publication date is front matter's `date:`
(or, without front matter, brief's `date YYYY-MM-DD` first line, as in plain text). The text is as long as the file, so offsets index
the original Markdown too, and no mention can hold markup. Block structure comes from
markdown-it (CommonMark); inline markup is blanked by pattern.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable

from ..decoding import parse_header
from .base import Converted

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
_ISO_DAY = re.compile(r"""\A["']?(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+\-Z]*)?["']?\Z""")

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)[^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|~~")
_LINE_MARKERS = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
)
_HEADING = re.compile(r"^([ \t]*#{1,6})(?:[ \t]|$)|[ \t]+#+[ \t]*$")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_SETEXT = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_TABLE_PIPE = re.compile(r"\|")
_TABLE_RULE = re.compile(r"^[ \t|:-]+$")


def convert_markdown(text: str, encoding: str) -> Converted:
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    published, title = None, None
    front = _FRONT_MATTER.match(text)
    if front:
        keep: tuple[int, int] | None = None
        for field in _FIELD.finditer(front.group(1)):
            key, value = field.group(1).lower(), field.group(2)
            if key == "date" and published is None:
                published = _iso_day(value)
            elif key == "title" and title is None and value:
                title = value.strip("\"'")
                at = front.start(1) + field.start(2) + (len(value) - len(value.lstrip("\"'")))
                keep = (at, at + len(title))
        blank(0, front.end())
        if keep is not None:  # the title is prose: its names are the document's
            chars[keep[0] : keep[1]] = text[keep[0] : keep[1]]

    body_start = 0
    if front is None:  # brief's plain-text header works in Markdown too
        published, body_start = parse_header(text)
    lines = _line_starts(text)
    body = front.end() if front else 0
    blocked = _blank_blocks(text, body, lines, blank)
    for pattern in (_COMMENT, _DEFINITION):
        for match in pattern.finditer(text, body):
            if bisect_right(lines, match.start()) - 1 not in blocked:
                blank(*match.span())
    for number, start in enumerate(lines):
        end = lines[number + 1] - 1 if number + 1 < len(lines) else len(text)
        if start < body or number in blocked:
            continue
        _blank_inline("".join(chars[start:end]), start, blank)
    return Converted("".join(chars), encoding, published, title, body_start)


def _iso_day(value: str) -> str | None:
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _in(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def _blank_blocks(
    text: str, body: int, lines: list[int], blank: Callable[[int, int], None]
) -> set[int]:
    """Blank code and HTML blocks, thematic breaks, setext underlines, table rules and pipes
    (found by markdown-it, by line); returns the numbers of the lines blanked whole."""
    from markdown_it import MarkdownIt

    def stretch(first: int, last: int) -> tuple[int, int]:
        return lines[first], (lines[last] if last < len(lines) else len(text))

    # The front matter as blank lines keeps markdown-it's line numbers those of the file.
    masked = "\n" * text.count("\n", 0, body) + text[body:]
    blocked: set[int] = set()
    for token in MarkdownIt("commonmark").enable("table").parse(masked):
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", "code_block", "html_block", "hr"):
            blocked.update(range(first, last))
            blank(*stretch(first, last))
        elif token.type == "heading_close" and token.markup in ("=", "-"):
            line_start, line_end = stretch(last - 1, last)
            if _SETEXT.match(text, line_start, line_end - 1 if line_end > line_start else line_end):
                blank(line_start, line_end)
        elif token.type in ("thead_open", "tbody_open"):
            start, end = stretch(first, last)
            for pipe in _TABLE_PIPE.finditer(text, start, end):
                blank(*pipe.span())
            if token.type == "thead_open":
                rule_start, rule_end = stretch(last, last + 1)
                if _TABLE_RULE.match(text[rule_start:rule_end].rstrip("\n")):
                    blank(rule_start, rule_end)
    return blocked


def _blank_inline(line: str, offset: int, blank: Callable[[int, int], None]) -> None:
    """Blank a line's markup; `offset` is where the line starts in the text."""
    taken: list[tuple[int, int]] = []

    def cut(start: int, end: int) -> None:
        blank(offset + start, offset + end)
        taken.append((start, end))

    marker = _LINE_MARKERS.match(line)
    if marker and marker.end():
        cut(0, marker.end())
    for heading in _HEADING.finditer(line, marker.end() if marker else 0):
        cut(*heading.span(1) if heading.group(1) else heading.span())
    for pattern in (_INLINE_CODE, _IMAGE, _AUTOLINK, _TAG):
        for match in pattern.finditer(line):
            if not _in(taken, match.start()):
                cut(*match.span())
    for link in _LINK.finditer(line):
        if not _in(taken, link.start()):
            cut(*link.span(1))
            cut(*link.span(2))
    for pattern in (_ESCAPE, _EMPHASIS):
        for match in pattern.finditer(line):
            if not _in(taken, match.start()) and not _spaced(line, *match.span()):
                cut(*match.span())


def _spaced(line: str, start: int, end: int) -> bool:
    """A marker with space on both sides is a literal character (`2 * 3`), not markup."""
    before = line[start - 1] if start else " "
    after = line[end] if end < len(line) else " "
    return before.isspace() and after.isspace()
