"""Dispatch: any input → Trial, by the format detected from the content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trialparse._page import parse_page
from trialparse._readers import ctgov_json
from trialparse._source import decode, detect, read_path
from trialparse.issues import ParseError, Severity
from trialparse.model import SourceFormat, Trial


def _text(data: Any, name: str | None) -> str:
    if isinstance(data, bytes | bytearray | memoryview):
        return decode(bytes(data), name=name)
    if isinstance(data, str):
        return data
    raise ParseError(f"expected str or bytes, got {type(data).__name__}", source=name)


def _check(trial: Trial, strict: bool, name: str | None) -> Trial:
    if strict:
        errors = tuple(i for i in trial.issues if i.severity is Severity.ERROR)
        if errors:
            raise ParseError("; ".join(i.message for i in errors), source=name, issues=errors)
    return trial


def _json_one(data: Any, name: str | None) -> Trial:
    if ctgov_json.is_study(data):
        return ctgov_json.read_json(data, name=name)
    if isinstance(data, list) or (isinstance(data, dict) and "studies" in data):
        raise ParseError("the JSON holds several studies: use trialparse.parse_many or iter_file", source=name)
    if (isinstance(data, dict) and "FullStudy" in data) or "FullStudiesResponse" in str(data)[:200]:
        raise ParseError("classic ClinicalTrials.gov API JSON is recognised but not supported", source=name)
    raise ParseError("JSON is not a CT.gov API v2 study (no protocolSection object)", source=name)


def parse(data: str | bytes, *, strict: bool = False, name: str | None = None) -> Trial:
    """One record from page text or CT.gov API v2 study JSON (str or bytes); the format is detected
    from the content. `strict=True` raises `ParseError` on error-severity issues."""
    text = _text(data, name)
    fmt = detect(text)
    if fmt is SourceFormat.CTGOV_JSON:
        trial = _json_one(ctgov_json.load_json(text, name=name), name)
    elif fmt is SourceFormat.PAGE_TEXT:
        trial = parse_page(text, name=name)
    else:
        raise ParseError(f"{fmt.value} input is not supported by this version", source=name)
    return _check(trial, strict, name)


def parse_file(path: str | Path, *, strict: bool = False) -> Trial:
    """One record from a file; the format comes from the content, not the file name."""
    return parse(read_path(path), strict=strict, name=str(path))


def _studies(data: Any, name: str | None) -> Iterator[tuple[Any, str | None]]:
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield item, f"{name or '<input>'}[{i}]"
    elif isinstance(data, dict) and isinstance(data.get("studies"), list):
        yield from _studies(data["studies"], name)
    else:
        yield data, name


def parse_many(data: str | bytes, *, strict: bool = False, name: str | None = None) -> Iterator[Trial | ParseError]:
    """Every study of an input that holds many: a v2 JSON array, an API page (`{"studies": [...]}`),
    JSON Lines, or a single record. A broken member yields its `ParseError` in its place, so a bulk run
    never loses track of a record."""
    text = _text(data, name)
    if detect(text) is not SourceFormat.CTGOV_JSON:
        yield _safe(lambda: parse(text, strict=strict, name=name))
        return
    try:
        docs: list[tuple[Any, str | None]] = [(ctgov_json.load_json(text, name=name), name)]
    except ParseError as whole:
        if not _is_json_lines(text):
            yield whole  # one broken JSON document: its own error, not one per line
            return
        docs = list(_json_lines(text, name))
    for doc, doc_name in docs:
        if isinstance(doc, ParseError):
            yield doc
            continue
        for study, study_name in _studies(doc, doc_name):
            yield _safe(lambda s=study, n=study_name: _check(_json_one(s, n), strict, n))


def _is_json_lines(text: str) -> bool:
    """Several lines, and the first non-blank one is a JSON document on its own."""
    first, _, rest = text.strip().partition("\n")
    if not rest.strip():
        return False
    try:
        ctgov_json.load_json(first)
    except ParseError:
        return False
    return True


def _json_lines(text: str, name: str | None) -> Iterator[tuple[Any, str | None]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            line_name = f"{name or '<input>'}:{number}"
            try:
                yield ctgov_json.load_json(line, name=line_name), line_name
            except ParseError as exc:
                yield exc, line_name


def _safe(make: Any) -> Trial | ParseError:
    try:
        result: Trial = make()
    except ParseError as exc:
        return exc
    return result


def iter_file(path: str | Path, *, strict: bool = False) -> Iterator[Trial | ParseError]:
    """`parse_many` over a file."""
    return parse_many(read_path(path), strict=strict, name=str(path))
