"""Finding input files, decoding their bytes, and reading the `date YYYY-MM-DD` header.

Nothing here knows about spaCy or output formats. Every problem with one input becomes a
`DocumentError` naming the path and the reason, so a run never loses a file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .results import DocumentError

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md")
STDIN = "-"

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
_BINARY_SAMPLE = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t\n\v\f\r


@dataclass(frozen=True)
class Source:
    """A decoded document, ready for the pipeline."""

    path: str
    text: str
    encoding: str
    published: str | None = None
    # Where the body starts: the header (if any) is not extracted, but offsets index `text`.
    body_start: int = 0


@dataclass(frozen=True)
class InputFile:
    """A file to read, as found under the user's paths (or stdin)."""

    path: str
    # Set when the file was found but cannot be read (broken link, FIFO, symlink loop...).
    problem: str | None = None


class MissingPathError(Exception):
    """A path named on the command line does not exist: a usage error."""


def display_path(path: str) -> str:
    """A printable form of a path: undecodable bytes in file names become `\\xNN` escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_inputs(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[InputFile]:
    """Every input under `paths`, sorted by path, duplicates removed.

    Files named explicitly are taken whatever their name; directories are walked recursively
    (following symbolic links, but never around a loop) for files matching `globs`.
    """
    patterns = tuple(globs)
    found: dict[str, InputFile] = {}
    stdin: list[InputFile] = []
    for raw in paths:
        if raw == STDIN:
            stdin = [InputFile(STDIN)]
            continue
        if not os.path.lexists(raw):
            raise MissingPathError(f"{display_path(raw)}: no such file or directory")
        if os.path.isdir(raw):
            for item in _walk(raw, patterns):
                found.setdefault(item.path, item)
        else:
            item = _classify(raw)
            found.setdefault(item.path, item)
    return stdin + [found[key] for key in sorted(found)]


def _walk(root: str, patterns: tuple[str, ...]) -> Iterator[InputFile]:
    seen_dirs: set[tuple[int, int]] = set()

    def visit(directory: str) -> Iterator[InputFile]:
        try:
            info = os.stat(directory)
        except OSError as exc:
            yield InputFile(directory, _reason(exc))
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            yield InputFile(directory, "symbolic link loop (directory already visited)")
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield InputFile(directory, _reason(exc))
            return
        for entry in entries:
            full = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:
                # A symlink loop on the entry itself (ELOOP) lands here.
                if any(fnmatch.fnmatch(entry.name, p) for p in patterns):
                    yield InputFile(full, _reason(exc))
                continue
            if is_dir:
                yield from visit(full)
            elif any(fnmatch.fnmatch(entry.name, p) for p in patterns):
                yield _classify(full)

    yield from visit(root)


def _classify(path: str) -> InputFile:
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path) and exc.errno == errno.ENOENT:
            return InputFile(path, "broken symbolic link")
        return InputFile(path, _reason(exc))
    if stat.S_ISDIR(info.st_mode):
        return InputFile(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(info.st_mode) else "device or socket"
        return InputFile(path, f"not a regular file ({kind})")
    return InputFile(path)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "file vanished before it could be read"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


def read_input(item: InputFile, stdin: object = None) -> Source | DocumentError:
    """Read and decode one input; never raises for a problem with the input itself."""
    shown = display_path(item.path)
    if item.problem:
        return DocumentError(shown, item.problem)
    try:
        if item.path == STDIN:
            import sys

            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()  # type: ignore[attr-defined]
        else:
            # O_NONBLOCK: a file swapped for a FIFO after listing must not hang the run.
            fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return DocumentError(shown, "not a regular file")
                data = handle.read()
    except OSError as exc:
        return DocumentError(shown, _reason(exc))
    return decode_source(shown, data)


def decode_source(path: str, data: bytes) -> Source | DocumentError:
    try:
        text, encoding = decode_bytes(data)
    except BinaryFileError:
        return DocumentError(path, "binary file")
    published, body_start = parse_header(text)
    return Source(path, text, encoding, published, body_start)


class BinaryFileError(ValueError):
    pass


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_COMMON_SINGLE_BYTE = ("cp1252", "latin-1")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding name).

    A byte-order mark wins; then strict UTF-8; then charset-normalizer's best guess. Text with
    NUL bytes or mostly control characters is binary.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                break
            return _not_binary(text.lstrip("\ufeff")), name
    if b"\x00" in data[:_BINARY_SAMPLE]:
        raise BinaryFileError
    try:
        return _not_binary(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryFileError
    encoding = codecs.lookup(best.encoding).name
    text = data.decode(encoding, errors="replace")
    # Short Western texts decode identically under several code pages; name the common one.
    for common in _COMMON_SINGLE_BYTE:
        try:
            if encoding != common and data.decode(common) == text:
                encoding = common
                break
        except UnicodeDecodeError:
            continue
    return _not_binary(text), encoding


def _not_binary(text: str) -> str:
    sample = text[:_BINARY_SAMPLE]
    if "\x00" in sample:
        raise BinaryFileError
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.05:
        raise BinaryFileError
    return text


def parse_header(text: str) -> tuple[str | None, int]:
    """The publication date from a leading `date YYYY-MM-DD` token, and where the body starts."""
    match = _HEADER.match(text)
    if not match:
        return None, 0
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, 0
    return match.group(1), match.end()


def read_all(items: Iterable[InputFile]) -> Iterator[Source | DocumentError]:
    """Lazily read inputs in order: at most one file's bytes are held at a time here."""
    for item in items:
        yield read_input(item)
