"""The text of a spaCy Doc, built once per Doc."""

from __future__ import annotations

from typing import Any

# The tokens of a possessive after a name (`Thackeray 's`, `the Reds '`).
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})

_KEY = "brief.text"
_TOKENS_KEY = "brief.tokens"


def text_of(doc: Any) -> str:
    """The text of a Doc: spaCy builds `doc.text` from its tokens at every access (a fifth of
    brief_expressions' time when it did so once per document), and tokens split later
    (`brief_expressions`) keep the same text, so it is kept with the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def token_texts(doc: Any) -> list[str]:
    """The text of each token (not to be changed), without making a Token object for each
    (three times faster), kept with the Doc for the components that read it after
    `brief_expressions`; that component is the only one that retokenizes, and it calls
    `forget_tokens` when it does."""
    known = doc.user_data.get(_TOKENS_KEY)
    if known is not None and len(known) == len(doc):
        return known
    from spacy.attrs import ORTH  # spaCy is not imported by `brief --help`

    strings = doc.vocab.strings
    texts = doc.user_data[_TOKENS_KEY] = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    return texts


_LOWER_KEY = "brief.lower"


def lower_texts(doc: Any) -> list[str]:
    """The text of each token in lower case (spaCy's `lower_`), kept as `token_texts` is."""
    texts = token_texts(doc)
    known = doc.user_data.get(_LOWER_KEY)
    if known is not None and len(known) == len(texts):
        return known
    lower = doc.user_data[_LOWER_KEY] = [text.lower() for text in texts]
    return lower


def forget_tokens(doc: Any) -> None:
    """After a retokenization: the kept token texts (and entity spans) no longer hold."""
    doc.user_data.pop(_TOKENS_KEY, None)
    doc.user_data.pop(_LOWER_KEY, None)
    forget_entities(doc)


class _Entities:
    """The entities of the document going through the rule layer now. Reading `doc.ents`
    makes a new Span (and three Token objects) per entity, and a dozen components read them;
    documents pass through the components one at a time, so one document's are kept, by
    identity, until the next document's are read. Kept here, not with the Doc: Spans refer
    to their Doc, and a Doc must stay free of reference cycles and picklable."""

    doc: Any = None
    spans: tuple[Any, ...] = ()


def entities(doc: Any) -> tuple[Any, ...]:
    """`doc.ents`, read once for all the components that do not change them."""
    if _Entities.doc is not doc:
        _Entities.spans = doc.ents
        _Entities.doc = doc
    return _Entities.spans


def set_entities(doc: Any, spans: Any) -> None:
    """`doc.ents = spans` for the rule layer's components: their only way to change the
    entities, so that what `entities` keeps is always what the Doc holds."""
    kept = tuple(sorted((s for s in spans if s.label and len(s)), key=lambda s: s.start))
    if _Entities.doc is doc and spans_key(kept) == spans_key(_Entities.spans):
        _Entities.spans = kept  # the same entities: spaCy need not rebuild every token's
        return
    _Entities.doc = None  # if spaCy refuses the spans (an overlap), nothing stale is kept
    doc.set_ents(list(kept), default="outside")
    _Entities.spans, _Entities.doc = kept, doc


def forget_entities(doc: Any) -> None:
    """After anything else has set `doc.ents` (the model, a span ruler, a retokenization)."""
    if _Entities.doc is doc:
        _Entities.doc, _Entities.spans = None, ()


def keep_text(nlp: Any) -> None:
    """Make `nlp` keep each document's text with its Doc as it is made: spaCy's tokenizer is
    non-destructive, so the text it was given is the Doc's text."""
    make_doc = nlp.make_doc

    def make_doc_keeping_text(text: str) -> Any:
        doc = make_doc(text)
        doc.user_data[_KEY] = text
        return doc

    nlp.make_doc = make_doc_keeping_text


_UNNAMED_KEY = "brief.unnamed"


def leave_unnamed(doc: Any, start: int, end: int) -> None:
    """Tokens `start:end` are no name, and later components must not make one of them: a
    story's slug (`SOCCER - `), which a name found elsewhere in the story would otherwise
    reach (`GOLF` after `the World Series of Golf`)."""
    doc.user_data.setdefault(_UNNAMED_KEY, set()).update(range(start, end))


def unnamed(doc: Any) -> set[int]:
    return doc.user_data.get(_UNNAMED_KEY, set())


_DATELINE_KEY = "brief.dateline"


def mark_dateline(doc: Any, start: int, end: int) -> None:
    """Tokens `start:end` are the place a story was filed from (`ARLINGTON , Texas
    1996-08-31`): a place whatever the story later makes of the name (`Texas manager`)."""
    doc.user_data.setdefault(_DATELINE_KEY, set()).update(range(start, end))


def dateline_tokens(doc: Any) -> set[int]:
    return doc.user_data.get(_DATELINE_KEY, set())


def spans_key(spans: Any) -> list[tuple[int, int, int]]:
    """What the entities of a Doc would be: to compare before assigning `doc.ents`, which makes
    spaCy rebuild the entity annotation of every token."""
    return [(span.start, span.end, span.label) for span in spans]
