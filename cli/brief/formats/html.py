"""HTML: the page's main text, without navigation, footers and boilerplate (trafilatura), and its
publication date from the page's metadata.

trafilatura was chosen because it is maintained, measured well on news pages in published
comparisons of main-text extractors, and reads the publication date from the places publishers
put it (`article:published_time`, JSON-LD `datePublished`, `<time>`) through htmldate. Its date
search is kept to the markup: a date guessed from the text would be a mention, not metadata.
"""

from __future__ import annotations

from .base import Converted, FormatError

_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def convert_html(html: str, encoding: str) -> Converted:
    import trafilatura

    if not html.strip():
        return Converted("", encoding)
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, deduplicate=False
        )
        if not text:
            # A page too short for a main-text guess (a note, a fragment) is all main text.
            text = trafilatura.html2txt(html)
        metadata = trafilatura.extract_metadata(html, date_config=_DATE_SEARCH, extensive=False)
    except Exception as exc:  # lxml's parse errors have no common base worth naming
        raise FormatError(f"unreadable HTML ({type(exc).__name__}: {exc})") from None
    published = metadata.date[:10] if metadata is not None and metadata.date else None
    title = metadata.title if metadata is not None and metadata.title else None
    return Converted(text or "", encoding, published, title)
