"""One `brief extract` run: find inputs, extract them in order, render as they finish.

Shared by `extract` and `check`; it reports through the `say` callback (stderr) and returns
the exit code. Data goes only to the renderer's stream.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .pipeline import DEFAULT_DATE_SCHEME
from .render.progress import with_progress
from .results import DocumentError, Outcome, Result, SummaryBuilder
from .selection import Selection
from .version import __version__

if TYPE_CHECKING:
    from .engines import Engine

Say = Callable[[str], None]
# Runs of up to this many documents get a table per document by default; longer ones only the
# summary across documents (`--per-document` to have both).
PER_DOCUMENT_TABLES_UP_TO = 20


@dataclass
class RunSettings:
    paths: list[str]
    format: str = "json"
    output: str | None = None
    types: tuple[str, ...] | None = None
    selection: Selection = field(default_factory=Selection)
    include_text: bool = False
    context: int = 0  # characters either side of each mention (tables, and `context` in JSON)
    top: int | None = None  # summary rows
    per_document: bool | None = None  # tables per document; None: for short runs only
    model: str | None = None
    reference_date: str | None = None
    summary: bool | None = None
    jobs: int | None = None
    cache_dir: Any = None  # a path, "default", or None for no cache
    rules: bool = True
    date_scheme: str = DEFAULT_DATE_SCHEME
    day_first: bool = False
    quiet: bool = False
    color: bool = False
    default_jobs: Callable[[int], int] = lambda count: 1
    engine: str = "local"
    scheduler: str | None = None
    partition_size: int = 64
    max_bytes: int = 256 << 20
    overwrite: bool = False


def _options(settings: RunSettings) -> Any:
    from .extract import ExtractOptions
    from .pipeline import resolve_model_name
    from .results import ENTITY_TYPES

    return ExtractOptions(
        model=resolve_model_name(settings.model),
        types=settings.types or ENTITY_TYPES,
        rules=settings.rules,
        reference_date=settings.reference_date,
        date_scheme=settings.date_scheme,
        day_first=settings.day_first,
        include_text=settings.include_text,
        context=settings.context,
    )


class NoInputError(Exception):
    """No document matched the paths given: a run that would check nothing (exit 66)."""


def find_run_inputs(settings: RunSettings) -> list[Any]:
    """The run's inputs; raises `NoInputError` when there are none."""
    from .sources import display_path, find_inputs

    inputs = find_inputs(settings.paths, settings.selection)
    if not inputs:
        shown = " ".join(display_path(p) for p in settings.paths)
        patterns = ", ".join(settings.selection.patterns())
        raise NoInputError(
            f"no documents found in {shown} (names matching {patterns}; hidden and ignored "
            "files skipped: see --glob, --hidden, --no-ignore)"
        )
    return inputs


def outcomes(
    settings: RunSettings, options: Any, say: Say | None = None
) -> tuple[Any, int, Iterator[Outcome]]:
    """(model info, number of inputs, lazy outcomes in input order) for the settings' paths."""
    inputs = find_run_inputs(settings)
    engine = choose_engine(settings, len(inputs), say)
    return engine.model(options), len(inputs), engine.run(inputs, options)


def choose_engine(settings: RunSettings, inputs: int, say: Say | None = None) -> Engine:
    """The engine the settings ask for: Dask, worker processes, or this process."""
    from .engines import DaskCluster, local_engine

    if settings.engine == "dask":
        return DaskCluster(
            settings.scheduler, settings.jobs or 2, settings.partition_size, settings.max_bytes
        )
    from .cache import ResultCache, disable_derived_files

    if not settings.cache_dir:
        disable_derived_files()
    cache = ResultCache.open(settings.cache_dir) if settings.cache_dir else None
    jobs = settings.jobs or settings.default_jobs(inputs)
    return local_engine(jobs, cache, settings.max_bytes, say)


def run_parts(settings: RunSettings, say: Say) -> int:
    """`--engine dask -o DIR/`: each partition becomes DIR/part-NNNNN.jsonl, written by its
    worker; the client only learns the errors."""
    from .dask_engine import DaskRun, partitions, prepare_part_directory

    started = time.perf_counter()
    directory = settings.output or "."
    prepare_part_directory(directory, settings.overwrite)
    options = _options(settings)
    inputs = find_run_inputs(settings)
    run = DaskRun(settings.scheduler, settings.jobs or 2)
    failures = 0
    try:
        parts = partitions(inputs, settings.partition_size)
        where = os.path.abspath(directory)
        for _, errors in run.write_parts(parts, options, where, settings.max_bytes):
            for error in errors:
                say(f"{error.path}: {error.error}")
            failures += len(errors)
    finally:
        run.close()
    if not settings.quiet or failures:
        say(
            f"brief: {_count(len(inputs) - failures, 'document')} extracted into "
            f"{_count(len(parts), 'part file')} "
            f"in {directory}, {failures} failed, in {time.perf_counter() - started:.2f} s"
        )
    return 1 if failures else 0


def run_extract(settings: RunSettings, say: Say) -> int:
    from .output import check_destination, open_output
    from .render import make_renderer

    started = time.perf_counter()
    if (
        settings.engine == "dask"
        and settings.output
        and (settings.output.endswith("/") or os.path.isdir(settings.output))
    ):
        return run_parts(settings, say)
    if settings.output is not None and settings.output != "-":
        check_destination(settings.output)
    options = _options(settings)
    from .pipeline.model import check_model

    check_model(options.model)  # a broken model fails before a byte of output
    model, total, stream = outcomes(settings, options, say)
    per_document = settings.per_document
    if per_document is None:
        per_document = total <= PER_DOCUMENT_TABLES_UP_TO
    want_summary = settings.summary
    if want_summary is None:
        # A table of one document is its own summary; without per-document tables the summary
        # is all there is.
        want_summary = settings.format == "table" and (total > 1 or not per_document)
    summary = SummaryBuilder() if want_summary else None
    failures: list[DocumentError] = []
    types: Counter[str] = Counter()
    documents = 0
    with _stopped_after(stream), open_output(settings.output) as out:
        renderer = make_renderer(
            settings.format,
            out,
            __version__,
            model,
            settings.color,
            options.applied_date_scheme,
            per_document=per_document,
            context=settings.context,
            top=settings.top,
        )
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
    options = _options(settings)
    model, _, stream = outcomes(settings, options)
    result = Result(__version__, model, date_scheme=options.applied_date_scheme)
    with _stopped_after(stream):
        for outcome in stream:
            if isinstance(outcome, DocumentError):
                result.errors.append(outcome)
            else:
                result.documents.append(outcome)
    return result


@contextmanager
def _stopped_after(stream: Iterator[Outcome]) -> Iterator[None]:
    """The engine behind `stream` (worker processes, a Dask cluster) is stopped when the run
    ends or is interrupted, not whenever the interpreter collects the generator: after a
    signal brief leaves without the interpreter's shutdown."""
    try:
        yield
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"
