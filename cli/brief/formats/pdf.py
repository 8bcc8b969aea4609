"""PDF: the text layer of each page (pypdf), pages separated by a form feed.

Each mention's page is found from where the pages start in the text. A PDF with no text at all
is a scan without a text layer: an error, not an empty success.
"""

from __future__ import annotations

import io

from .base import Converted, FormatError

PAGE_BREAK = "\n\f"


def convert_pdf(data: bytes) -> Converted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise FormatError("encrypted PDF (a password is needed)")
            except NotImplementedError as exc:
                raise FormatError(f"encrypted PDF ({exc})") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise FormatError(f"unreadable PDF ({type(exc).__name__}: {exc})".splitlines()[0]) from None
    if not any(page.strip() for page in pages):
        raise FormatError("no text layer (a scanned PDF? run OCR on it first)")
    starts, text = [], []
    at = 0
    for number, page in enumerate(pages):
        if number:
            text.append(PAGE_BREAK)
            at += len(PAGE_BREAK)
        starts.append(at)
        clean = page.replace("\f", "\n")  # a form feed only ever means a new page
        text.append(clean)
        at += len(clean)
    return Converted("".join(text), "pdf", None, str(title) if title else None, 0, tuple(starts))
