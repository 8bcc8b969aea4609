"""The text of a spaCy Doc, built once per Doc."""

from __future__ import annotations

from typing import Any


def text_of(doc: Any) -> str:
    """The text of a Doc: spaCy builds `doc.text` from its tokens at every access, and tokens
    split later (`brief_expressions`) keep the same text, so it is kept with the Doc."""
    text = doc.user_data.get("brief.text")
    if text is None:
        text = doc.user_data["brief.text"] = doc.text
    return text
