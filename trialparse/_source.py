"""Bytes → text (BOM, UTF-8, then detection of legacy encodings) and input format detection."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bs4.dammit import UnicodeDammit

from trialparse.issues import ParseError
from trialparse.model import SourceFormat

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def has_wide_bom(data: bytes) -> bool:
    """UTF-16/32 input: its bytes cannot be sniffed as ASCII."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))


def decode(data: bytes, *, name: str | None = None) -> str:
    """Text of `data`: by BOM, else UTF-8, else the encoding detected (cp1252 and Latin-1 pages)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(f"bad {encoding} after its byte-order mark: {exc.reason}", source=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    dammit = UnicodeDammit(data, ["utf-8", "windows-1252", "iso-8859-1"])
    if dammit.unicode_markup is None:
        raise ParseError("cannot decode the input as text", source=name)
    return dammit.unicode_markup


# JSON starts an object or array of objects/strings; a page title like "[18F]-PET ..." does not match.
_JSON_START = re.compile(r"[{\[]\s*[\"{\[\]}]")
_MARKUP_START = re.compile(r"<[A-Za-z!?]")


def detect(text: str) -> SourceFormat:
    """The input format, from the content alone."""
    text = text.lstrip("\ufeff \t\r\n")
    first = text[:1]  # page text, most input, is told by its first character alone
    if first in ("{", "[") and _JSON_START.match(text[:2048]):
        return SourceFormat.CTGOV_JSON
    if first == "<" and _MARKUP_START.match(text):
        lowered = text[:2048].lower()
        if "<html" in lowered or "<!doctype html" in lowered or "<body" in lowered or "<div" in lowered:
            return SourceFormat.PAGE_HTML
        return SourceFormat.CTGOV_XML
    return SourceFormat.PAGE_TEXT


# Files people pass by mistake, by their leading bytes: (magic, what it is).
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)


_MAGICS = tuple(magic for magic, _ in _MAGIC)


def not_text(head: bytes | str) -> str | None:
    """What the input is when its first bytes say it is a binary file (a PDF, an image, an archive)."""
    if isinstance(head, str):
        head = head[:16].encode("latin-1", "replace")
    if not head.startswith(_MAGICS):  # one C-level test for every text input
        return None
    return next((what for magic, what in _MAGIC if head.startswith(magic)), None)


def read_path(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
