"""brief's own pipeline assets: the files under `models/`, read as data (JSON, JSONL, text)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

CONFIG_FILE = "brief.json"
DEFAULT_DATE_SCHEME = "ontonotes"


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """`brief/models` inside an installed wheel, or the repository's `models/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "models", here.parent.parent / "models"):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    raise FileNotFoundError(f"brief's pipeline assets ({CONFIG_FILE}) are missing from {here}")


@lru_cache(maxsize=1)
def load_config() -> dict[str, Any]:
    return json.loads((models_dir() / CONFIG_FILE).read_text(encoding="utf-8"))


def read_jsonl(relative: str) -> list[dict[str, Any]]:
    path = models_dir() / relative
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def read_json(relative: str) -> Any:
    return json.loads((models_dir() / relative).read_text(encoding="utf-8"))


def read_word_list(relative: str) -> list[str]:
    lines = (models_dir() / relative).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def person_titles() -> tuple[str, ...]:
    """Titles that come before names ("deputy prime minister", "mr"), lower case, longest
    first so that a longer title is removed whole rather than by its last word."""
    titles_file = load_config().get("titles")
    titles = read_word_list(titles_file) if titles_file else []
    return tuple(sorted({t.lower() for t in titles}, key=lambda t: (-len(t), t)))


@lru_cache(maxsize=1)
def one_word_titles() -> frozenset[str]:
    """The titles of one word, without a final full stop (`mr`, `dr`, `general`): the ones a
    single token can be."""
    return frozenset(t.rstrip(".") for t in person_titles() if " " not in t)


@lru_cache(maxsize=1)
def assets_fingerprint() -> str:
    """A hash of every asset file, so cached results never outlive a change to the rules."""
    digest = hashlib.sha256()
    root = models_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
