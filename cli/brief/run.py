"""One `brief extract` run: find inputs, extract them in order, render as they finish.

Shared by `extract` and `check`; it reports through the `say` callback (stderr) and returns
the exit code. Data goes only to the renderer's stream.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import __version__
from .render.progress import with_progress
from .results import DocumentError, Outcome, Result, SummaryBuilder

Say = Callable[[str], None]


@dataclass
class RunSettings:
    paths: list[str]
    format: str = "json"
    output: str | None = None
    types: tuple[str, ...] | None = None
    globs: tuple[str, ...] | None = None
    model: str | None = None
    reference_date: str | None = None
    summary: bool | None = None
    jobs: int | None = None
    cache_dir: Any = None  # a path, "default", or None for no cache
    rules: bool = True
    quiet: bool = False
    color: bool = False
    default_jobs: Callable[[int], int] = lambda count: 1


def outcomes(settings: RunSettings) -> tuple[Any, int, Iterator[Outcome]]:
    """(extractor, number of inputs, lazy outcomes) for the settings' paths."""
    from .cache import ResultCache
    from .extract import ExtractOptions, get_extractor
    from .pipeline import resolve_model_name
    from .results import ENTITY_TYPES
    from .sources import DEFAULT_GLOBS, find_inputs, read_all

    inputs = find_inputs(settings.paths, settings.globs or DEFAULT_GLOBS)
    options = ExtractOptions(
        model=resolve_model_name(settings.model),
        types=settings.types or ENTITY_TYPES,
        rules=settings.rules,
        reference_date=settings.reference_date,
    )
    extractor = get_extractor(options)
    extractor.cache = ResultCache.open(settings.cache_dir) if settings.cache_dir else None
    jobs = settings.jobs or settings.default_jobs(len(inputs))
    return extractor, len(inputs), extractor.extract(read_all(inputs), jobs=jobs)


def run_extract(settings: RunSettings, say: Say) -> int:
    from .output import check_destination, open_output
    from .render import make_renderer

    started = time.perf_counter()
    if settings.output and settings.output != "-":
        check_destination(settings.output)
    extractor, total, stream = outcomes(settings)
    want_summary = settings.summary if settings.summary is not None else settings.format == "table"
    summary = SummaryBuilder() if want_summary else None
    failures: list[DocumentError] = []
    types: Counter[str] = Counter()
    documents = 0
    with open_output(settings.output) as out:
        renderer = make_renderer(settings.format, out, __version__, extractor.model, settings.color)
        renderer.begin()
        for outcome in with_progress(stream, total, settings.quiet):
            if isinstance(outcome, DocumentError):
                failures.append(outcome)
                say(f"{outcome.path}: {outcome.error}")
            else:
                documents += 1
                types.update(e.type for e in outcome.entities)
                if summary is not None:
                    summary.add(outcome)
            renderer.write(outcome)
        renderer.end(summary.rows() if summary is not None else None)
    if not settings.quiet:
        counts = ", ".join(f"{types[t]} {t}" for t in sorted(types)) or "no entities"
        say(
            f"brief: {documents} document{'s' if documents != 1 else ''} extracted ({counts}), "
            f"{len(failures)} failed, in {time.perf_counter() - started:.2f} s"
        )
    elif failures:
        say(f"brief: {len(failures)} of {total} inputs failed")
    return 1 if failures else 0


def collect(settings: RunSettings) -> Result:
    """A whole run in memory, as `--format json` would print it (for check and eval)."""
    extractor, _, stream = outcomes(settings)
    result = Result(__version__, extractor.model)
    for outcome in stream:
        if isinstance(outcome, DocumentError):
            result.errors.append(outcome)
        else:
            result.documents.append(outcome)
    return result
