"""HTML study pages → the page text stream: the same record as the text page, in every markup style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES, corpus_dir
from tests.html_render import STYLES, broken, render, truncated
from trialparse._page import parse_page
from trialparse._readers.html import html_to_text
from trialparse.issues import ParseError
from trialparse.model import SourceFormat
from trialparse.serialize import to_dict


def record(text: str) -> dict[str, Any]:
    out = to_dict(parse_page(text))
    out.pop("source")
    return out


def html_record(page: str | bytes) -> dict[str, Any]:
    out = to_dict(parse_page(html_to_text(page), fmt=SourceFormat.PAGE_HTML))
    out.pop("source")
    return out


def sample_pages() -> list[Path]:
    return sorted((SAMPLES / "pages").glob("*.txt"))


def corpus_pages() -> list[Path]:
    corpus = corpus_dir()
    return sorted((corpus / "pages").glob("*.txt")) if corpus else sample_pages()


def _variants(text: str) -> dict[str, str]:
    out = {style: render(text, style) for style in STYLES}
    out["broken"] = broken(render(text, "plain"))
    last = [line for line in text.splitlines() if line.strip()][-1]
    out["truncated"] = truncated(render(text, "div"), last)
    return out


@pytest.mark.parametrize("path", sample_pages(), ids=lambda p: p.stem)
def test_samples_same_record_in_every_style(path: Path) -> None:
    """Each sample page as h2+p, h3+dl, h1+div/span (nav, script, style, iframe, comments), h4+table with
    ul/ol criteria, unclosed tags and a truncated download: the record equals the text page's."""
    text = path.read_text(encoding="utf-8")
    want = record(text)
    for style, page in _variants(text).items():
        assert html_record(page) == want, style


@pytest.mark.corpus
def test_corpus_same_record_in_every_style() -> None:
    """The same over every corpus page."""
    failures = []
    for path in corpus_pages():
        text = path.read_text(encoding="utf-8")
        want = record(text)
        failures += [(path.stem, style) for style, page in _variants(text).items() if html_record(page) != want]
    assert not failures, failures[:10]


PAGE_HEAD = "<html><body><h1>A study</h1><p>NCT ID: NCT01408199</p>"
SENTENCE = ("<p>Check the participation requirements, including inclusion and exclusion rules, age limits, and "
            "whether healthy volunteers are accepted.</p>")


@pytest.mark.parametrize(("body", "expected", "reason"), [
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<p>Inclusion Criteria</p><ul><li>a<ul><li>b</li></ul></li>"
     "<li>c</li></ul>", "Inclusion Criteria\n\n* a\n  * b\n* c", "nested ul"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + '<ol start="3"><li>x</li><li>y<ul><li>z</li></ul></li></ol>',
     "3. x\n4. y\n   * z", "ol numbering from start, nested under a 3-wide marker"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<ul><li><p>loose</p></li><li><p>items</p></li></ul>",
     "* loose\n* items", "loose items (li > p) read as tight Markdown items"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<p>Age \\&lt;30<br>next<br><br>after blank</p>",
     "Age \\<30\nnext\n\nafter blank", "br line breaks; Markdown escapes kept literally"),
])
def test_criteria_markup(body: str, expected: str, reason: str) -> None:
    """List markup in the Markdown sections becomes the page's Markdown."""
    trial = parse_page(html_to_text(PAGE_HEAD + body))
    assert trial.eligibility is not None
    assert trial.eligibility.criteria == expected, reason


def test_list_outside_markdown_sections_has_no_markers() -> None:
    """A ul of conditions is one condition per line, as on the text page (no `* `)."""
    body = ("<h2>Conditions</h2><p>See the medical conditions and disease areas that this research is targeting or "
            "investigating.</p><ul><li>Lupus</li><li>Asthma</li></ul>")
    assert parse_page(html_to_text(PAGE_HEAD + body)).conditions == ("Lupus", "Asthma")


def test_furniture_dropped() -> None:
    """Script, style, nav, iframe, footer and comments leave no lines."""
    page = ("<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav><script>var a='x';</script>"
            "<!-- c --><h1>Title</h1><p>NCT ID: NCT01408199</p><h2>Conditions</h2><iframe>ad</iframe>"
            "<p>Lupus</p><footer>© site</footer></body></html>")
    assert html_to_text(page) == "Title\n\nNCT ID: NCT01408199\n\nConditions\n\nLupus\n"


def test_deep_nesting() -> None:
    """10,000 nested elements: no recursion error, and the text after the deep part is kept."""
    page = PAGE_HEAD + "<h2>Conditions</h2>" + "<div>" * 10_000 + "Deep" + "</div>" * 10_000 + "<p>After</p>"
    text = html_to_text(page)
    assert "Deep" in text and "After" in text


def test_deep_unclosed_nesting() -> None:
    """10,000 unclosed spans in a truncated page still read."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>Lupus</p>" + "<span>" * 10_000 + "tail")
    assert "Lupus" in text


@pytest.mark.parametrize(("data", "reason"), [
    ("<html><body><h1>Weather</h1><p>Sunny</p></body></html>", "another site"),
    ("", "empty"),
    ("<html></html>", "no text"),
    (b"\xff\xfe", "only a BOM"),
])
def test_not_a_trial_page(data: str | bytes, reason: str) -> None:
    """A page without any study page heading → ParseError."""
    with pytest.raises(ParseError, match="not a trial page"):
        html_to_text(data, name="x.html")


@pytest.mark.parametrize(("data", "reason"), [
    ((PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("utf-16"), "UTF-16 with BOM"),
    (('<meta charset="windows-1252">' + PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"),
     "declared charset"),
    (("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>" + PAGE_HEAD
      + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"), "Latin-1 label read as windows-1252"),
    ((PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"), "undeclared: detected"),
    (('<meta charset="utf-8">' + PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"),
     "a wrong declaration falls back to detection"),
])
def test_decoding(data: bytes, reason: str) -> None:
    """Bytes are decoded by BOM, declared charset, else detection."""
    assert parse_page(html_to_text(data)).conditions == ("Sj\u00f6gren",), reason


def test_nbsp_kept_as_text() -> None:
    """NBSP is text (the page reads it as a space); ordinary white space collapses."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>a  \n b&nbsp;&nbsp;c</p>")
    assert "a b\u00a0\u00a0c" in text
