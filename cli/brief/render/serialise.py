"""brief's one JSON serialisation, shared by the renderers and the part-file writer."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any, indent: int | None = None) -> str:
    """brief's one JSON serialisation: sorted keys, UTF-8 text, stable across runs."""
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators
    )
