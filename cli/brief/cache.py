"""Per-document result cache for incremental runs, and the home of derived files.

A document's result is stored under a key made of its decoded content and everything that can
change a result: brief's code (a hash of its source files), its rule assets, the model's files,
the versions of the libraries it reads values with, and the extraction options (see
`ExtractOptions.fingerprint`), so a changed document, model, option or upgrade can never return
a stale result. Entries are plain JSON written atomically; an unreadable or inconsistent entry
is simply a miss. An entry's modification time is its last use; past a size limit the least
recently used entries go (`brief cache prune`, and now and then after a run).
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from .results import Document

CACHE_ENV = "BRIEF_CACHE_DIR"
MAX_SIZE_ENV = "BRIEF_CACHE_MAX_SIZE"
DEFAULT_MAX_SIZE = 1 << 30  # 1 GiB
_PRUNE_EVERY = 1000  # entries written between two checks of the cache's size
_derived = {"enabled": True}
_SHARD = "[0-9a-f][0-9a-f]"  # entries sit in folders named by their key's first two digits


# Signals that stop a process (a worker is stopped by SIGTERM; a signal to the process group
# reaches it directly). They wait while an entry is written, so none leaves a `.part` file.
_STOPPING = ("SIGTERM", "SIGHUP", "SIGINT")


def _hold_signals() -> Any:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    stopping = {getattr(signal, name) for name in _STOPPING if hasattr(signal, name)}
    return signal.pthread_sigmask(signal.SIG_BLOCK, stopping)


def _release_signals(held: Any) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class CacheError(Exception):
    """`--cache` names something that cannot be a cache directory: a usage error."""


def base_dir() -> Path:
    """$BRIEF_CACHE_DIR, or the user cache directory."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("brief"))


def disable_derived_files() -> None:
    """--no-cache: nothing is written under the cache directory, derived indexes included
    (a derived index already there is still read: it depends on nothing a run changes)."""
    _derived["enabled"] = False


def derived_dir(name: str) -> Path:
    """Where a derived file (the place index, model hashes) is kept."""
    return base_dir() / name


def derived_writable() -> bool:
    """May derived files be written (not with --no-cache)?"""
    return _derived["enabled"]


class CacheSummary(NamedTuple):
    root: Path
    entries: int
    size: int


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._written = 0

    @classmethod
    def open(cls, where: Any, create: bool = True) -> ResultCache | None:
        """`where` is a directory, or "default" for $BRIEF_CACHE_DIR/results or the user
        cache dir. Without `create`, a cache that does not exist yet is an empty one."""
        if where == "default":
            env = os.environ.get(CACHE_ENV)
            root = Path(env) if env else base_dir() / "results"
        else:
            root = Path(where)
            if root.exists() and not root.is_dir():
                raise CacheError(f"--cache {where}: not a directory")
        if not create:
            return cls(root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # an unusable cache never fails a run: it only makes it slower
        return cls(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Document | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            document = Document.from_dict({**data, "path": ""})
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        with suppress(OSError):
            os.utime(path)  # its last use, for pruning
        return document

    def put(self, key: str, document: Document) -> None:
        data = document.to_dict()
        data.pop("path", None)
        path = self._path(key)
        temp = None
        held = _hold_signals()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, sort_keys=True, ensure_ascii=False)
            os.replace(temp, path)
            temp = None
        except OSError:
            pass  # an unwritable entry (even a directory in its place) only costs time
        finally:
            if temp is not None:
                with suppress(OSError):
                    os.unlink(temp)
            _release_signals(held)
        self._written += 1
        if self._written % _PRUNE_EVERY == 0:
            self.prune(max_size())

    def entries(self) -> list[tuple[Path, int, float]]:
        """(path, bytes, last use) of every entry."""
        found = []
        for path in self.root.glob(f"{_SHARD}/*.json"):
            with suppress(OSError):
                info = path.stat()
                found.append((path, info.st_size, info.st_mtime))
        return found

    def summary(self) -> CacheSummary:
        entries = self.entries()
        return CacheSummary(self.root, len(entries), sum(size for _, size, _ in entries))

    def prune(self, limit: int) -> tuple[int, int]:
        """Remove the least recently used entries until the cache holds at most `limit` bytes;
        returns (entries removed, bytes freed)."""
        entries = sorted(self.entries(), key=lambda e: e[2])
        total = sum(size for _, size, _ in entries)
        removed = freed = 0
        for path, size, _ in entries:
            if total <= limit:
                break
            with suppress(OSError):
                path.unlink()
                total -= size
                removed += 1
                freed += size
        for leftover in self.root.glob(f"{_SHARD}/*.part"):  # from runs killed mid-write
            with suppress(OSError):
                leftover.unlink()
        return removed, freed

    def clear(self) -> int:
        removed = 0
        for path, _, _ in self.entries():
            with suppress(OSError):
                path.unlink()
                removed += 1
        return removed


def max_size() -> int:
    """The cache's size limit: $BRIEF_CACHE_MAX_SIZE (bytes, or with K/M/G), else 1 GiB."""
    return parse_size(os.environ.get(MAX_SIZE_ENV, "")) or DEFAULT_MAX_SIZE


def parse_size(text: str) -> int | None:
    """ "500M", "2G", "1048576" -> bytes; None for an empty or unreadable size."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text, re.IGNORECASE)
    if not match:
        return None
    factor = 1024 ** " kmgt".index(match.group(2).lower() or " ")
    return int(float(match.group(1)) * factor)
