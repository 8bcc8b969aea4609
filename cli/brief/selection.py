"""Which files a folder walk takes, with ripgrep's conventions.

- Hidden files and folders (a name starting with `.`) are skipped (`--hidden` takes them).
- Paths matched by `.gitignore`, `.ignore` or `.briefignore` files are skipped (`--no-ignore`
  takes them): the files in the folders walked, and those in the folders above the walk up to
  the root of its git repository. A deeper file overrides a shallower one; `!pattern` re-includes.
- `--exclude GLOB` skips more, with the same (gitignore) pattern rules, relative to the folder
  named on the command line.
- A file is taken when its name matches one of the globs, in any letter case (`*.txt` takes
  `NOTES.TXT`).

Paths named explicitly (on the command line or through `--files-from`) are always taken:
selection rules are for what a folder walk finds.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from typing import Any

IGNORE_FILES: tuple[str, ...] = (".gitignore", ".ignore", ".briefignore")


@dataclass(frozen=True)
class Selection:
    """What a folder walk takes, and how the files it takes are read."""

    globs: tuple[str, ...] | None = None  # None: the formats whose libraries are installed
    excludes: tuple[str, ...] = ()
    hidden: bool = False
    ignore_files: bool = True
    input_format: str | None = None  # None: by extension
    encoding: str | None = None  # None: detected

    def patterns(self) -> tuple[str, ...]:
        from .formats import default_globs

        return tuple(g.lower() for g in (self.globs or default_globs()))


def name_matches(name: str, patterns: tuple[str, ...]) -> bool:
    """Does a file name match one of the (lower-case) patterns, in any letter case?"""
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, p) for p in patterns)


# An ignore layer: the folder its patterns are relative to, and the compiled patterns.
Layer = tuple[str, Any]


def _spec(lines: list[str]) -> Any:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def folder_layers(folder: str) -> list[Layer]:
    """The ignore files in one folder, as layers (none when it holds none)."""
    lines: list[str] = []
    for name in IGNORE_FILES:
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                lines.extend(handle.read().splitlines())
        except OSError:
            continue
    return [(folder, _spec(lines))] if lines else []


def ancestor_layers(root: str) -> list[Layer]:
    """The ignore files of the folders above `root`, up to its git repository's root
    (outermost first); none when `root` is not inside a repository."""
    here = os.path.realpath(root)
    above = []
    folder = os.path.dirname(here)
    while True:
        above.append(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            return []  # no repository above
        folder = parent
    if os.path.exists(os.path.join(here, ".git")):
        return []  # root is the repository's root: nothing above it counts
    layers: list[Layer] = []
    for folder in reversed(above):
        layers.extend((os.path.join(root, os.path.relpath(folder, here)), spec) for _, spec in
                      folder_layers(folder))  # fmt: skip
    return layers


def excluded(path: str, is_dir: bool, layers: list[Layer]) -> bool:
    """Is `path` ignored: the deepest layer with a pattern matching it decides."""
    for base, spec in reversed(layers):
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        if relative.startswith("../"):
            continue
        verdict = spec.check_file(relative + "/" if is_dir else relative).include
        if verdict is not None:
            return bool(verdict)
    return False


def exclude_layer(root: str, excludes: tuple[str, ...]) -> list[Layer]:
    return [(root, _spec(list(excludes)))] if excludes else []
