"""Per-document result cache for incremental runs.

A document's result is stored under a key made of its decoded content, brief's version, the
model's name and version, the rule assets and the extraction options (see
`ExtractOptions.fingerprint`), so a changed document, model or option can never return a stale
result. Entries are plain JSON written atomically; an unreadable entry is simply a miss.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .results import Document

CACHE_ENV = "BRIEF_CACHE_DIR"


class ResultCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def open(cls, where: Any) -> ResultCache | None:
        """`where` is a directory, or "default" for $BRIEF_CACHE_DIR or the user cache dir."""
        if where == "default":
            env = os.environ.get(CACHE_ENV)
            if env:
                root = Path(env)
            else:
                from platformdirs import user_cache_dir

                root = Path(user_cache_dir("brief")) / "results"
        else:
            root = Path(where)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # an unusable cache never fails a run: it only makes it slower
        return cls(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Document | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Document.from_dict({**data, "path": ""})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, document: Document) -> None:
        data = document.to_dict()
        data.pop("path", None)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, sort_keys=True, ensure_ascii=False)
            os.replace(temp, path)
        except OSError:
            pass
