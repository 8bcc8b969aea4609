"""Decoding a document's bytes into text, and the `date YYYY-MM-DD` header of plain text.

Nothing here reads files or knows about formats: `sources.py` reads, `formats/` converts.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
_BINARY_SAMPLE = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t\n\v\f\r


class BinaryFileError(ValueError):
    pass


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# A valid UTF-8 sequence of two to four bytes: text holding some is UTF-8 with a few bad bytes,
# not text in a single-byte code page.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Read as Windows-1252, Western text has few letters outside ASCII ("café", "Zürich"); Cyrillic
# or Greek in their own code pages come out as whole words of accented letters.
_WESTERN_LETTER_SHARE = 0.4
UTF8_REPLACED = "utf-8 (invalid bytes replaced)"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding name).

    In order: a byte-order mark; UTF-16 without one (every other byte NUL); strict UTF-8;
    UTF-8 with a few invalid bytes (text that also holds valid multi-byte sequences: the bad
    bytes are replaced, and the encoding says so); Windows-1252 for Western text (few letters
    outside ASCII, as in English with "£", "€" and curly quotes; Latin-1 where that reads the
    same); then
    charset-normalizer's guess. Text with NUL bytes or many control characters is binary.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                break
            return _not_binary(text.lstrip("\ufeff")), name
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _not_binary(data.decode(utf16)), utf16
    if b"\x00" in data:
        raise BinaryFileError
    try:
        return _not_binary(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    sequences = _UTF8_MULTIBYTE.findall(data)
    if len(sequences) >= replaced.count("\ufffd") or any(len(s) > 2 for s in sequences):
        # Mostly UTF-8, with a few bytes from another encoding pasted in: keep the UTF-8. A
        # valid sequence of three or four bytes ("€" is E2 82 AC) is next to never found by
        # chance in a single-byte encoding's text, so one is enough.
        return _not_binary(replaced), UTF8_REPLACED
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass  # a byte cp1252 leaves undefined: let the detector decide
    else:
        letters = [c for c in text if c.isalpha()]
        foreign = sum(1 for c in letters if not c.isascii())
        if foreign <= _WESTERN_LETTER_SHARE * max(len(letters), 1):
            latin1 = not any(0x80 <= byte <= 0x9F for byte in data)
            return _not_binary(text), "latin-1" if latin1 else "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryFileError
    encoding = codecs.lookup(best.encoding).name
    return _not_binary(data.decode(encoding, errors="replace")), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text whose every other byte is NUL (ASCII-range text in
    UTF-16), else None."""
    sample = data[:_BINARY_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.6 * half and others <= 0.02 * half:
            try:
                data.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


# Controls that text from a terminal capture carries (escape sequences, the bell, backspace)
# are no sign of a binary file.
_TERMINAL = str.maketrans("", "", "\x1b\x07\x08")


def _not_binary(text: str) -> str:
    if "\x00" in text:
        raise BinaryFileError
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL.findall(sample.translate(_TERMINAL)))
    if sample and controls / len(sample) > 0.05:
        raise BinaryFileError
    return text


def parse_header(text: str) -> tuple[str | None, int]:
    """The publication date from a leading `date YYYY-MM-DD` token, and where the body starts."""
    match = HEADER.match(text)
    if not match:
        return None, 0
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, 0
    return match.group(1), match.end()


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """`decode_bytes`, or the `encoding` the user forced (`--encoding`): then bytes it cannot
    decode are replaced, and the encoding name says so."""
    if encoding is None:
        return decode_bytes(data)
    name = codecs.lookup(encoding).name
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return _not_binary(data.decode(name, errors="replace")), f"{name} (invalid bytes replaced)"
    return _not_binary(text.lstrip("\ufeff")), name
