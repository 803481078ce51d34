"""`parse` detects the format from the content: page text, HTML page, v2 JSON, legacy XML; near misses fail
with a ParseError that says what the input is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import trialparse
from tests.conftest import REAL_PAGE, SAMPLES
from tests.html_render import STYLES, render
from trialparse.model import SourceFormat

XML = sorted((SAMPLES / "xml").glob("*.xml"))[0]
JSON = SAMPLES / "json" / "NCT00329836.json"
PAGE = SAMPLES / "pages" / "NCT00329836.txt"


def _same(a: trialparse.Trial, b: trialparse.Trial) -> bool:
    strip = lambda t: {k: v for k, v in trialparse.to_dict(t).items() if k != "source"}  # noqa: E731
    return strip(a) == strip(b)


@pytest.mark.parametrize(("path", "fmt"), [(REAL_PAGE, SourceFormat.PAGE_TEXT), (JSON, SourceFormat.CTGOV_JSON),
                                           (XML, SourceFormat.CTGOV_XML)])
def test_each_format_by_content(path: Path, fmt: SourceFormat, tmp_path: Path) -> None:
    """The file name plays no part: the same bytes under a neutral name give the same format."""
    neutral = tmp_path / "input.dat"
    neutral.write_bytes(path.read_bytes())
    trial = trialparse.parse_file(neutral)
    assert trial.source is not None and trial.source.format is fmt
    assert trial.nct_id == path.stem


@pytest.mark.parametrize("style", STYLES)
def test_html_page_gives_the_text_page_record(style: str) -> None:
    text = PAGE.read_text(encoding="utf-8")
    page_html = render(text, style)
    from_html = trialparse.parse(page_html.encode("utf-8"))
    assert from_html.source is not None and from_html.source.format is SourceFormat.PAGE_HTML
    assert _same(from_html, trialparse.parse(text))
    assert _same(trialparse.parse(page_html), from_html)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_encodings(encoding: str) -> None:
    text = REAL_PAGE.read_text(encoding="utf-8").replace("Barcelona, Spain", "Barcelona, España")
    trial = trialparse.parse(text.encode(encoding))
    assert trial.locations[0].country == "España"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (json.dumps({"hello": "world"}).encode(), "not a CT.gov API v2 study"),
    (json.dumps({"FullStudiesResponse": {}}).encode(), "classic ClinicalTrials.gov API"),
    (json.dumps({"isrctn": "ISRCTN1"}).encode(), "ISRCTN record"),
    (json.dumps([]).encode(), "several studies"),
    (b"<?xml version='1.0'?><rss><channel/></rss>", "clinical_study"),
    (b"<!DOCTYPE html><html><body><h1>Weather</h1><p>Sunny</p></body></html>", "heading"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
])
def test_near_misses(data: bytes, message: str) -> None:
    with pytest.raises(trialparse.ParseError, match=message):
        trialparse.parse(data)
