"""`brief check --staged`: the documents and the baseline as git's index holds them.

A pre-commit hook must judge the commit, which is what is staged, not the working tree: a
staged document change with an unstaged baseline update must fail, and unstaged edits must not
fail an unrelated commit. The index's copies of the named paths are written to a temporary
folder (`git checkout-index`), checked there, and removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class StagedError(Exception):
    """git's index cannot be read for these paths: a usage error."""


@dataclass(frozen=True)
class StagedCopy:
    """Where the index's copies are: `where(path)` maps a path as the user wrote it."""

    root: str  # the temporary folder, standing for the repository's top level
    top: str  # the repository's top level

    def where(self, path: str) -> str:
        inside = os.path.relpath(os.path.realpath(path), self.top)
        if inside == ".." or inside.startswith(".." + os.sep):
            raise StagedError(f"--staged: {path} is outside the git repository ({self.top})")
        return os.path.join(self.root, inside)

    def shown(self, path: str) -> str:
        """A staged copy's path as the working tree's path, for messages."""
        if path == self.root or path.startswith(self.root + os.sep):
            return os.path.relpath(os.path.join(self.top, path[len(self.root) + 1 :]))
        return path


def _git(*args: str, data: bytes | None = None) -> bytes:
    if shutil.which("git") is None:
        raise StagedError("--staged needs git, which is not installed")
    done = subprocess.run(["git", *args], input=data, capture_output=True)
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise StagedError(f"--staged: git {args[0]}: {reason[-1] if reason else 'failed'}")
    return done.stdout


@contextmanager
def staged_copy(paths: list[str]) -> Iterator[StagedCopy]:
    """The index's version of every file under `paths`, in a temporary folder."""
    top = os.path.realpath(_git("rev-parse", "--show-toplevel").decode().strip())
    listed = _git("ls-files", "-z", "--cached", "--", *paths)
    with tempfile.TemporaryDirectory(prefix="brief-staged-") as root:
        if listed:
            # Paths are written under the prefix as the repository names them (from the top).
            _git("checkout-index", f"--prefix={root}{os.sep}", "-z", "--stdin", data=listed)
        yield StagedCopy(root, top)
