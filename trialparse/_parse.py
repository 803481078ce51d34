"""Dispatch: any input → Trial, by the format detected from the content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from trialparse._page import parse_page
from trialparse._readers import ctgov_json, ctgov_xml, html
from trialparse._source import decode, detect, has_wide_bom, not_text, read_path
from trialparse.criteria import parse_items
from trialparse.issues import ParseError, Severity
from trialparse.model import SourceFormat, Trial


def _text(data: Any, name: str | None) -> str:
    if isinstance(data, bytes | bytearray | memoryview):
        return decode(bytes(data), name=name)
    if isinstance(data, str):
        return data
    raise ParseError(f"expected str or bytes, got {type(data).__name__}", source=name)


def _sniff(data: Any, name: str | None) -> tuple[SourceFormat, str | bytes]:
    """The format, and the input to hand its reader: markup stays bytes (its readers honour its declared
    encoding); page text and JSON are decoded here."""
    head: str | bytes | None = data[:16] if isinstance(data, str) else None
    if isinstance(data, bytes | bytearray | memoryview):
        head = bytes(data[:16])
    if head is not None and (what := not_text(head)) is not None:
        raise ParseError(f"not a trial record: the input is {what}", source=name)
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if not has_wide_bom(raw):
            utf8 = _utf8(raw)  # most input: decoded once, detected once
            fmt = detect(utf8 if utf8 is not None else raw[:4096].decode("latin-1"))
            if fmt in (SourceFormat.CTGOV_XML, SourceFormat.PAGE_HTML):
                return fmt, raw
            if utf8 is not None:
                return fmt, utf8.removeprefix("\ufeff")  # a UTF-8 byte-order mark, as `decode` drops it
    text = _text(data, name)
    return detect(text), text


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def with_criteria(trial: Trial) -> Trial:
    """The record with each inclusion/exclusion item read into typed constraints (`eligibility.items`).

    Done here, once for every reader, after the record is complete: the constraints compare themselves with
    the record's age limits (`registry_mismatch`)."""
    e = trial.eligibility
    if e is None or not (e.inclusion or e.exclusion):
        return trial
    items = parse_items(e.inclusion, e.exclusion, e.minimum_age, e.maximum_age)
    return attrs.evolve(trial, eligibility=attrs.evolve(e, items=items))


def _enrich(trial: Trial, criteria: bool) -> Trial:
    return with_criteria(trial) if criteria else trial


def _check(trial: Trial, strict: bool, name: str | None) -> Trial:
    if strict:
        errors = tuple(i for i in trial.issues if i.severity is Severity.ERROR)
        if errors:
            raise ParseError("; ".join(i.message for i in errors), source=name, issues=errors)
    return trial


# JSON formats recognised by a key of theirs, and not read by trialparse: (key, name).
_OTHER_JSON = (
    ("FullStudiesResponse", "the retired classic ClinicalTrials.gov API JSON"),
    ("FullStudy", "the retired classic ClinicalTrials.gov API JSON"),
    ("clinical_study", "legacy CT.gov XML converted to JSON"),
    ("id_info", "legacy CT.gov XML converted to JSON"),
    ("a2_eudract_number", "an EU Clinical Trials Register (EudraCT) record"),
    ("ctStatus", "an EU CTIS record"),
    ("isrctn", "an ISRCTN record"),
)


def _json_one(data: Any, name: str | None) -> Trial:
    if ctgov_json.is_study(data):
        return ctgov_json.read_json(data, name=name)
    if isinstance(data, list) or (isinstance(data, dict) and "studies" in data):
        raise ParseError("the JSON holds several studies: use trialparse.parse_many or iter_file", source=name)
    if isinstance(data, dict):
        for key, what in _OTHER_JSON:
            if key in data:
                raise ParseError(f"the JSON is {what}: recognised, but not a format trialparse reads", source=name)
    raise ParseError("JSON is not a CT.gov API v2 study (no protocolSection object)", source=name)


def parse(data: str | bytes, *, strict: bool = False, name: str | None = None, criteria: bool = True) -> Trial:
    """One record from page text, an HTML page, CT.gov API v2 study JSON or legacy CT.gov XML (str or bytes);
    the format is detected from the content. `strict=True` raises `ParseError` on error-severity issues;
    `criteria=False` leaves `eligibility.items` empty (reading criteria into constraints is most of the cost)."""
    fmt, payload = _sniff(data, name)
    if fmt is SourceFormat.CTGOV_JSON:
        trial = _json_one(ctgov_json.load_json(payload, name=name), name)
    elif fmt is SourceFormat.CTGOV_XML:
        trial = ctgov_xml.read_xml(payload, name=name)
    elif fmt is SourceFormat.PAGE_HTML:
        trial = parse_html_page(payload, name=name)
    else:
        trial = parse_page(_text(payload, name), name=name)
    return _check(_enrich(trial, criteria), strict, name)


def parse_html_page(data: str | bytes, *, name: str | None = None) -> Trial:
    """An HTML page's record, before enrichment: the page text read as a text page's, its white space known to
    be collapsed where the reader says so."""
    text, collapsed = html.read_html(data, name=name)
    return parse_page(text, name=name, fmt=SourceFormat.PAGE_HTML, collapsed=collapsed)


def parse_file(path: str | Path, *, strict: bool = False, criteria: bool = True) -> Trial:
    """One record from a file; the format comes from the content, not the file name."""
    return parse(read_path(path), strict=strict, name=str(path), criteria=criteria)


def _studies(data: Any, name: str | None) -> Iterator[tuple[Any, str | None]]:
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield item, f"{name or '<input>'}[{i}]"
    elif isinstance(data, dict) and isinstance(data.get("studies"), list):
        yield from _studies(data["studies"], name)
    else:
        yield data, name


def parse_many(
    data: str | bytes, *, strict: bool = False, name: str | None = None, criteria: bool = True
) -> Iterator[Trial | ParseError]:
    """Every study of an input that holds many: a v2 JSON array, an API page (`{"studies": [...]}`),
    JSON Lines, or a single record. A broken member yields its `ParseError` in its place, so a bulk run
    never loses track of a record."""
    try:
        fmt, payload = _sniff(data, name)
    except ParseError as exc:  # not decodable, or a binary file: one error for the whole input
        yield exc
        return
    if fmt is not SourceFormat.CTGOV_JSON:
        yield _safe(lambda: parse(payload, strict=strict, name=name, criteria=criteria))
        return
    text = _text(payload, name)
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
            yield _safe(lambda s=study, n=study_name: _check(_enrich(_json_one(s, n), criteria), strict, n))


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


def iter_file(path: str | Path, *, strict: bool = False, criteria: bool = True) -> Iterator[Trial | ParseError]:
    """`parse_many` over a file."""
    return parse_many(read_path(path), strict=strict, name=str(path), criteria=criteria)
