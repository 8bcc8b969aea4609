"""What `brief info` reports: the installation a run would use, as plain data."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
from typing import Any

from .version import __version__

# The optional extras (pyproject.toml) and the modules each one brings.
EXTRAS = {
    "html": ("trafilatura", "lxml_html_clean"),
    "pdf": ("pypdf",),
    "docx": ("docx",),
    "dask": ("dask", "distributed", "fsspec"),
}


def describe(model: str | None = None) -> dict[str, Any]:
    """brief's version, the model a run would load (or why none), spaCy's version, the
    cache and its size, the date schemes and the installed extras. Loads no model."""
    from .cache import ResultCache, max_size
    from .pipeline import ModelError, date_schemes, model_info, resolve_model_name
    from .pipeline.model import model_location

    found: dict[str, Any] = {
        "brief": __version__,
        "python": platform.python_version(),
        "spacy": _version("spacy"),
    }
    try:
        name = resolve_model_name(model)
        info = model_info(name)
        found["model"] = {
            "name": name,
            "pipeline": info.name,
            "version": info.version,
            "path": str(model_location(name)),
        }
    except ModelError as exc:
        found["model"] = {"error": str(exc)}
    summary = ResultCache.open("default", create=False).summary()  # creates nothing
    found["cache"] = {
        "path": str(summary.root),
        "entries": summary.entries,
        "size": summary.size,
        "limit": max_size(),
    }
    schemes = date_schemes()
    found["date_schemes"] = {"default": schemes[0], "available": schemes}
    found["extras"] = {
        extra: all(importlib.util.find_spec(module) is not None for module in modules)
        for extra, modules in EXTRAS.items()
    }
    return found


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
