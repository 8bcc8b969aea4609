"""Word `.docx`: paragraphs and tables in document order (python-docx).

A paragraph is a line; a table row is a line with its cells separated by tabs.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from .base import Converted, FormatError


def convert_docx(data: bytes) -> Converted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(f"unreadable Word file ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    title = document.core_properties.title or None
    return Converted("\n".join(lines), "docx", None, title)


def _table_lines(table: Any) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # a merged cell, once per column
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        lines.append("\t".join(cells))
    return lines
