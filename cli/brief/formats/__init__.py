"""Document formats: from a file's bytes to the one plain text that brief extracts from.

Every format gives a `Converted` text, and every offset brief reports indexes that text
(`brief text FILE` prints it). Plain text and Markdown keep the file's own characters, so their
offsets index the decoded file as well; HTML, PDF and Word give the text their library extracts.
Formats that need a library outside the base install name the extra that provides it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass

from .base import Converted, FormatError

__all__ = ["Converted", "FormatError"]


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    extra: str | None  # the pip extra with its library, None for the base install
    module: str | None  # the library's import name, checked before use
    convert: Callable[[bytes, str | None], Converted]

    @property
    def available(self) -> bool:
        return self.module is None or importlib.util.find_spec(self.module) is not None


def _plain(data: bytes, encoding: str | None) -> Converted:
    from ..decoding import decode_text, parse_header

    text, used = decode_text(data, encoding)
    published, body_start = parse_header(text)
    return Converted(text, used, published, body_start=body_start)


def _markdown(data: bytes, encoding: str | None) -> Converted:
    from ..decoding import decode_text
    from .markdown import convert_markdown

    return convert_markdown(*decode_text(data, encoding))


def _html(data: bytes, encoding: str | None) -> Converted:
    from ..decoding import decode_text
    from .html import convert_html

    return convert_html(*decode_text(data, encoding))


def _pdf(data: bytes, encoding: str | None) -> Converted:
    from .pdf import convert_pdf

    return convert_pdf(data)


def _docx(data: bytes, encoding: str | None) -> Converted:
    from .docx import convert_docx

    return convert_docx(data)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", (".txt", ".text"), None, None, _plain),
        Format("markdown", (".md", ".markdown"), None, None, _markdown),
        Format("html", (".html", ".htm", ".xhtml"), "html", "trafilatura", _html),
        Format("pdf", (".pdf",), "pdf", "pypdf", _pdf),
        Format("docx", (".docx",), "docx", "docx", _docx),
    )
}
DEFAULT_FORMAT = "text"


def format_of(path: str) -> str:
    """The format a file's extension names (case-blind); plain text for any other."""
    extension = os.path.splitext(path)[1].lower()
    for fmt in FORMATS.values():
        if extension in fmt.extensions:
            return fmt.name
    return DEFAULT_FORMAT


def default_globs() -> tuple[str, ...]:
    """File-name patterns for folders: the formats whose libraries are installed."""
    return tuple(f"*{ext}" for f in FORMATS.values() if f.available for ext in f.extensions)


def convert(data: bytes, format_name: str, encoding: str | None = None) -> Converted:
    """The document's text; raises `FormatError` (or `decoding.BinaryFileError`)."""
    fmt = FORMATS[format_name]
    if not fmt.available:
        raise _missing(fmt)
    try:
        return fmt.convert(data, encoding)
    except ImportError:  # installed, but broken or partly removed
        if fmt.extra is None:
            raise
        raise _missing(fmt) from None


def _missing(fmt: Format) -> FormatError:
    kind = "Word" if fmt.name == "docx" else fmt.name.upper()
    return FormatError(
        f"reading {kind} files needs the {fmt.extra} extra: pip install 'brief-extract[{fmt.extra}]'"
    )
