"""Dispatch: any input → Trial, by detected format."""

from __future__ import annotations

from pathlib import Path

from trialparse._page import parse_page
from trialparse._source import decode, detect, read_path
from trialparse.issues import ParseError, Severity
from trialparse.model import SourceFormat, Trial


def parse(data: str | bytes, *, strict: bool = False, name: str | None = None) -> Trial:
    """One record from page text (str or bytes). `strict=True` raises on error-severity issues."""
    if isinstance(data, bytes):
        data = decode(data, name=name)
    elif not isinstance(data, str):
        raise ParseError(f"expected str or bytes, got {type(data).__name__}", source=name)
    fmt = detect(data)
    if fmt is not SourceFormat.PAGE_TEXT:
        raise ParseError(f"{fmt.value} input is not supported by this version", source=name)
    trial = parse_page(data, name=name)
    if strict:
        errors = tuple(i for i in trial.issues if i.severity is Severity.ERROR)
        if errors:
            raise ParseError("; ".join(i.message for i in errors), source=name, issues=errors)
    return trial


def parse_file(path: str | Path, *, strict: bool = False) -> Trial:
    """One record from a file; the format comes from the content, not the file name."""
    return parse(read_path(path), strict=strict, name=str(path))
