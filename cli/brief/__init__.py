"""brief: extract dates, money, people, places and organisations from documents.

The Python API (the CLI is a thin layer over it)::

    import brief
    for record in brief.extract_texts([("a.txt", "Shinzo Abe visited Ashgabat in 2015.")]):
        print(record.to_dict())

Heavy imports (spaCy, dateparser) happen only when extraction starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .results import Outcome

__all__ = ["__version__", "extract_paths", "extract_texts"]


def extract_texts(texts: Iterable[tuple[str, str]], **options: Any) -> Iterator[Outcome]:
    """Extract `(id, text)` pairs, yielding a `Document` (or `DocumentError`) for each, in order.

    Options: `model`, `types`, `rules`, `reference_date`, `date_scheme` ("ontonotes" or
    "timeml"). The pipeline loads once per process.
    """
    from .extract import extract_texts as run

    return run(texts, **options)


def extract_paths(paths: Iterable[str], **options: Any) -> Iterator[Outcome]:
    """Extract files and directories (as `brief extract PATH...` does), yielding records in
    sorted path order; unreadable or binary files are `DocumentError` records, never lost."""
    from .extract import default_options, get_extractor
    from .sources import find_inputs, read_all

    extractor = get_extractor(default_options(**options))
    return extractor.extract(read_all(find_inputs(list(paths))))
