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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .results import DocumentError

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md")
STDIN = "-"
DEFAULT_MAX_BYTES = 256 << 20  # 256 MiB

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


Item = InputFile | Source | DocumentError  # an input: a file to read, a text read, or an error


def read_item(item: Item, max_bytes: int = DEFAULT_MAX_BYTES) -> Source | DocumentError:
    """An input, read (see `read_input`); texts already read, and errors, pass through."""
    return read_input(item, max_bytes=max_bytes) if isinstance(item, InputFile) else item


def item_path(item: Item) -> str:
    """The path an input's outcome is reported under."""
    return display_path(item.path) if isinstance(item, InputFile) else item.path


class InputPathError(Exception):
    """A path named on the command line cannot be listed: a usage error."""


class MissingPathError(InputPathError):
    """A path named on the command line does not exist."""


def is_url(path: str) -> bool:
    """An fsspec URL (`s3://bucket/docs`, `memory://x.txt`) rather than a local path."""
    return "://" in path


def display_path(path: str) -> str:
    """A printable form of a path: undecodable bytes in file names become `\\xNN` escapes, and
    a backslash is doubled, so a name holding the byte 0xff and one spelled `\\xff` differ."""
    if "\\" in path:
        path = path.replace("\\", "\\\\")
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_inputs(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[InputFile]:
    """Every input under `paths`, local or fsspec URLs, sorted by path, each file once."""
    paths = list(paths)
    urls = [p for p in paths if is_url(p)]
    if not urls:
        return find_local_inputs(paths, globs)
    local = [p for p in paths if not is_url(p)]
    found = {item.path: item for item in find_local_inputs(local, globs)} if local else {}
    for url in urls:
        for item in _find_at_url(url, tuple(globs)):
            found.setdefault(item.path, item)
    return [found[key] for key in sorted(found)]


def find_local_inputs(
    paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS
) -> list[InputFile]:
    """Every input under local `paths`, sorted by path, each file once.

    Files named explicitly are taken whatever their name; directories are walked (following
    symbolic links, never around a loop) for files matching `globs`. A file is one input however
    it is reached (`dir/x.txt`, `./dir/x.txt`, an absolute path, a second symlinked route): it
    is known by its real path and shown by the first path that reached it.
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
        items = _walk(raw, patterns) if os.path.isdir(raw) else [_classify(raw)]
        for item in items:
            found.setdefault(_identity(item.path), item)
    return stdin + sorted(found.values(), key=lambda item: item.path)


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
        from fsspec.registry import known_implementations
    except ImportError:
        raise InputPathError(
            f"{url}: URL inputs need fsspec: pip install 'brief-extract[dask]'"
        ) from None
    protocol = url.split("://", 1)[0]
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        hint = known_implementations.get(protocol, {}).get("err")
        raise InputPathError(f"{url}: {hint or exc}") from None


def _find_at_url(url: str, globs: tuple[str, ...]) -> Iterator[InputFile]:
    fs, root = _filesystem(url)
    if fs.isdir(root):
        names = [
            n for n in fs.find(root) if any(fnmatch.fnmatch(os.path.basename(n), g) for g in globs)
        ]
    elif fs.exists(root):
        names = [root]
    else:
        raise MissingPathError(f"{url}: no such file or directory")
    for name in names:
        yield InputFile(name if "://" in name else fs.unstrip_protocol(name))


def _identity(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def _walk(root: str, patterns: tuple[str, ...]) -> Iterator[InputFile]:
    """Files under `root` matching `patterns`, depth first in name order, without recursion (a
    tree 1,000 folders deep is walked like any other). A folder that is its own ancestor (a
    symbolic link loop) is reported; one reached again by another route is simply not walked
    twice."""
    visited: set[tuple[int, int]] = set()
    # (folder, the (device, inode) of the folders above it); folders reached through a symbolic
    # link wait until the real ones are walked, so a file is shown by its real route.
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    linked: list[tuple[str, frozenset[tuple[int, int]]]] = []
    while stack or linked:
        directory, ancestors = stack.pop() if stack else linked.pop(0)
        try:
            info = os.stat(directory)
        except OSError as exc:
            yield InputFile(directory, _reason(exc))
            continue
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            yield InputFile(directory, "symbolic link loop (a folder inside itself)")
            continue
        if key in visited:
            continue  # reached before by another route (lib64 -> lib): its files are listed
        visited.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield InputFile(directory, _reason(exc))
            continue
        below = ancestors | {key}
        folders = []
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
                folders.append(full)
            elif any(fnmatch.fnmatch(entry.name, p) for p in patterns):
                yield _classify(full)
        for folder in reversed(folders):
            (linked if os.path.islink(folder) else stack).append((folder, below))


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


def read_input(
    item: InputFile, stdin: object = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Source | DocumentError:
    """Read and decode one input; never raises for a problem with the input itself. An input
    over `max_bytes` (0: no limit) is an error record, read no further: standard input is not
    drained without end (`brief extract - < /dev/zero`)."""
    shown = display_path(item.path)
    if item.problem:
        return DocumentError(shown, item.problem)
    too_big = DocumentError(shown, f"larger than --max-bytes ({max_bytes:,} bytes)")
    if is_url(item.path):
        return _read_url(item.path, too_big, max_bytes)
    try:
        if item.path == STDIN:
            import sys

            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1) if max_bytes else stream.read()  # type: ignore[attr-defined]
            if max_bytes and len(data) > max_bytes:
                return too_big
        else:
            # O_NONBLOCK: a file swapped for a FIFO after listing must not hang the run.
            fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    return DocumentError(shown, "not a regular file")
                if max_bytes and info.st_size > max_bytes:
                    return too_big
                data = handle.read(max_bytes + 1) if max_bytes else handle.read()
                if max_bytes and len(data) > max_bytes:
                    return too_big  # it grew while being read
    except OSError as exc:
        return DocumentError(shown, _reason(exc))
    except MemoryError:
        return DocumentError(shown, "too large to read into memory")
    return decode_source(shown, data)


def _read_url(url: str, too_big: DocumentError, max_bytes: int) -> Source | DocumentError:
    try:
        fs, path = _filesystem(url)
        if max_bytes and (fs.size(path) or 0) > max_bytes:
            return too_big
        data = fs.cat_file(path)
    except InputPathError as exc:
        return DocumentError(url, str(exc))
    except OSError as exc:
        return DocumentError(url, (exc.strerror or str(exc)).lower())
    if max_bytes and len(data) > max_bytes:
        return too_big
    return decode_source(url, data)


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


# A valid UTF-8 sequence of two to four bytes: text holding some is UTF-8 with a few bad bytes,
# not text in a single-byte code page.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Read as Windows-1252, Western text has few letters outside ASCII ("café", "Zürich"); Cyrillic
# or Greek in their own code pages come out as whole words of accented letters.
_WESTERN_LETTER_SHARE = 0.4
UTF8_REPLACED = "utf-8 (invalid bytes replaced)"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding name).

    In order: a byte-order mark; UTF-16 without one (every other byte NUL); strict UTF-8;
    UTF-8 with a few invalid bytes (text that also holds valid multi-byte sequences: the bad
    bytes are replaced, and the encoding says so); Windows-1252 for Western text (few letters
    outside ASCII, as in English with "£", "€" and curly quotes; Latin-1 where that reads the
    same); then
    charset-normalizer's guess. Text with NUL bytes or many control characters is binary.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                break
            return _not_binary(text.lstrip("\ufeff")), name
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _not_binary(data.decode(utf16)), utf16
    if b"\x00" in data:
        raise BinaryFileError
    try:
        return _not_binary(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    sequences = _UTF8_MULTIBYTE.findall(data)
    if len(sequences) >= replaced.count("\ufffd") or any(len(s) > 2 for s in sequences):
        # Mostly UTF-8, with a few bytes from another encoding pasted in: keep the UTF-8. A
        # valid sequence of three or four bytes ("€" is E2 82 AC) is next to never found by
        # chance in a single-byte encoding's text, so one is enough.
        return _not_binary(replaced), UTF8_REPLACED
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass  # a byte cp1252 leaves undefined: let the detector decide
    else:
        letters = [c for c in text if c.isalpha()]
        foreign = sum(1 for c in letters if not c.isascii())
        if foreign <= _WESTERN_LETTER_SHARE * max(len(letters), 1):
            latin1 = not any(0x80 <= byte <= 0x9F for byte in data)
            return _not_binary(text), "latin-1" if latin1 else "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryFileError
    encoding = codecs.lookup(best.encoding).name
    return _not_binary(data.decode(encoding, errors="replace")), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text whose every other byte is NUL (ASCII-range text in
    UTF-16), else None."""
    sample = data[:_BINARY_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.6 * half and others <= 0.02 * half:
            try:
                data.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


# Controls that text from a terminal capture carries (escape sequences, the bell, backspace)
# are no sign of a binary file.
_TERMINAL = str.maketrans("", "", "\x1b\x07\x08")


def _not_binary(text: str) -> str:
    if "\x00" in text:
        raise BinaryFileError
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL.findall(sample.translate(_TERMINAL)))
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


def read_all(
    items: Iterable[Item],
    warn: Callable[[str], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Source | DocumentError]:
    """Lazily read inputs in order: at most one file's bytes are held at a time here. `warn`
    hears of a `date` header that names no real day (read as text). Texts already read, and
    errors, pass through."""
    for item in items:
        source = read_item(item, max_bytes)
        if warn is not None and isinstance(source, Source) and source.published is None:
            bad = _HEADER.match(source.text)
            if bad:
                warn(
                    f"{source.path}: warning: `date {bad.group(1)}` is no calendar day; read as text"
                )
        yield source
