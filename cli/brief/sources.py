"""Finding input files, decoding their bytes, and reading the `date YYYY-MM-DD` header.

Nothing here knows about spaCy or output formats. Every problem with one input becomes a
`DocumentError` naming the path and the reason, so a run never loses a file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .decoding import HEADER, UTF8_REPLACED, BinaryFileError, decode_bytes, parse_header
from .formats import DEFAULT_FORMAT, FormatError, convert, format_of
from .results import DocumentError
from .selection import (
    Layer,
    Selection,
    ancestor_layers,
    exclude_layer,
    excluded,
    folder_layers,
    name_matches,
)  # fmt: skip

__all__ = ["UTF8_REPLACED", "decode_bytes", "parse_header"]  # re-exported: read from here too

STDIN = "-"
DEFAULT_MAX_BYTES = 256 << 20  # 256 MiB


@dataclass(frozen=True)
class Source:
    """A decoded document, ready for the pipeline."""

    path: str
    text: str
    encoding: str
    published: str | None = None
    # Where the body starts: the header (if any) is not extracted, but offsets index `text`.
    body_start: int = 0
    format: str = "text"
    title: str | None = None
    # PDF: where each page starts in `text`.
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class InputFile:
    """A file to read, as found under the user's paths (or stdin)."""

    path: str
    # Set when the file was found but cannot be read (broken link, FIFO, symlink loop...).
    problem: str | None = None
    # How to read it: a format from `formats.FORMATS` (None: by its extension) and an encoding
    # the user forced (None: detected).
    format: str | None = None
    encoding: str | None = None


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


def find_inputs(paths: Iterable[str], selection: Selection | None = None) -> list[InputFile]:
    """Every input under `paths`, local or fsspec URLs, sorted by path, each file once."""
    selection = selection or Selection()
    paths = list(paths)
    urls = [p for p in paths if is_url(p)]
    if not urls:
        return find_local_inputs(paths, selection)
    local = [p for p in paths if not is_url(p)]
    found = {item.path: item for item in find_local_inputs(local, selection)} if local else {}
    for url in urls:
        for item in _find_at_url(url, selection):
            found.setdefault(item.path, item)
    return [found[key] for key in sorted(found)]


def find_local_inputs(paths: Iterable[str], selection: Selection | None = None) -> list[InputFile]:
    """Every input under local `paths`, sorted by path, each file once.

    Files named explicitly are taken whatever their name; directories are walked (following
    symbolic links, never around a loop) for the files `selection` takes (see `selection.py`).
    A file is one input however it is reached (`dir/x.txt`, `./dir/x.txt`, an absolute path, a
    second symlinked route): it is known by its real path and shown by the first path that
    reached it.
    """
    selection = selection or Selection()
    found: dict[str, InputFile] = {}
    stdin: list[InputFile] = []
    for raw in paths:
        if raw == STDIN:
            stdin = [_how(InputFile(STDIN), selection)]
            continue
        if not os.path.lexists(raw):
            raise MissingPathError(f"{display_path(raw)}: no such file or directory")
        items = _walk(raw, selection) if os.path.isdir(raw) else [_classify(raw)]
        for item in items:
            found.setdefault(_identity(item.path), _how(item, selection))
    return stdin + sorted(found.values(), key=lambda item: item.path)


def _how(item: InputFile, selection: Selection) -> InputFile:
    """The input, with the format and encoding the user forced."""
    if selection.input_format is None and selection.encoding is None:
        return item
    return replace(item, format=selection.input_format, encoding=selection.encoding)


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


def _find_at_url(url: str, selection: Selection) -> Iterator[InputFile]:
    fs, root = _filesystem(url)
    patterns = selection.patterns()
    if fs.isdir(root):
        names = [n for n in fs.find(root) if name_matches(os.path.basename(n), patterns)]
    elif fs.exists(root):
        names = [root]
    else:
        raise MissingPathError(f"{url}: no such file or directory")
    for name in names:
        yield _how(InputFile(name if "://" in name else fs.unstrip_protocol(name)), selection)


def _identity(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def _walk(root: str, selection: Selection) -> Iterator[InputFile]:
    """Files under `root` that `selection` takes, depth first in name order, without recursion
    (a tree 1,000 folders deep is walked like any other). A folder that is its own ancestor (a
    symbolic link loop) is reported; one reached again by another route (`lib64 -> lib`) is
    simply not walked twice."""
    patterns = selection.patterns()
    excludes = exclude_layer(root, selection.excludes)
    ignoring = selection.ignore_files

    def skipped(path: str, name: str, is_dir: bool, layers: list[Layer]) -> bool:
        if not selection.hidden and name.startswith("."):
            return True
        if ignoring and is_dir and name == ".git":
            return True
        return excluded(path, is_dir, excludes) or (ignoring and excluded(path, is_dir, layers))

    visited: set[tuple[int, int]] = set()
    # (folder, the (device, inode) of the folders above it, the ignore layers over it); folders
    # reached through a symbolic link wait until the real ones are walked, so a file is shown by
    # its real route.
    Step = tuple[str, frozenset[tuple[int, int]], list[Layer]]
    stack: list[Step] = [(root, frozenset(), ancestor_layers(root) if ignoring else [])]
    linked: list[Step] = []
    while stack or linked:
        directory, ancestors, layers = stack.pop() if stack else linked.pop(0)
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
            continue  # reached before by another route: its files are listed
        visited.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield InputFile(directory, _reason(exc))
            continue
        below = ancestors | {key}
        inner = layers + folder_layers(directory) if ignoring else layers
        folders = []
        for entry in entries:
            full = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:
                # A symlink loop on the entry itself (ELOOP) lands here.
                if name_matches(entry.name, patterns) and not skipped(
                    full, entry.name, False, inner
                ):
                    yield InputFile(full, _reason(exc))
                continue
            if skipped(full, entry.name, is_dir, inner):
                continue
            if is_dir:
                folders.append(full)
            elif name_matches(entry.name, patterns):
                yield _classify(full)
        for folder in reversed(folders):
            (linked if os.path.islink(folder) else stack).append((folder, below, inner))


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
        return _read_url(item, too_big, max_bytes)
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
    return decode_source(shown, data, item.format or format_of(item.path), item.encoding)


def _read_url(item: InputFile, too_big: DocumentError, max_bytes: int) -> Source | DocumentError:
    url = item.path
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
    return decode_source(url, data, item.format or format_of(url), item.encoding)


def decode_source(
    path: str, data: bytes, format_name: str = DEFAULT_FORMAT, encoding: str | None = None
) -> Source | DocumentError:
    """A file's bytes as a Source, or the error record saying why they cannot be read."""
    try:
        converted = convert(data, format_name, encoding)
    except BinaryFileError:
        return DocumentError(path, "binary file")
    except FormatError as exc:
        return DocumentError(path, str(exc))
    return Source(
        path, converted.text, converted.encoding, converted.published, converted.body_start,
        format_name, converted.title, converted.page_starts,
    )  # fmt: skip


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
            bad = HEADER.match(source.text)
            if bad:
                warn(
                    f"{source.path}: warning: `date {bad.group(1)}` is no calendar day; read as text"
                )
        yield source
