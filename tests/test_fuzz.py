"""Never crash: thousands of generated pages, v2 JSON studies and legacy XML records, mangled, must parse to a
record or a ParseError, and nothing else. Marked slow (CI runs them; together well under three minutes)."""

from __future__ import annotations

import json
import operator
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trialparse
from tests.html_render import STYLES as HTML_STYLES
from tests.html_render import render as render_html
from tests.render import render
from tests.strategies import page_records

ROOT = Path(__file__).resolve().parent.parent
STUDIES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples" / "json").glob("*.json"))[:6]]
XMLS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "xml").glob("*.xml"))[:6]]
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
pytestmark = pytest.mark.slow


def _outcome(data: str | bytes) -> None:
    for strict in (False, True):
        try:
            trial = trialparse.parse(data, strict=strict)
        except trialparse.ParseError:
            continue
        assert isinstance(trial, trialparse.Trial)
        if _encodable(trial):
            trialparse.loads(trialparse.dumps(trial))
    for item in trialparse.parse_many(data):
        assert isinstance(item, trialparse.Trial | trialparse.ParseError)


def _encodable(trial: trialparse.Trial) -> bool:
    try:
        trialparse.dumps(trial).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from the input: kept, but not UTF-8
        return False
    return True


_JUNK = st.sampled_from(["", "\x00", "\r", "\n\n", "Conditions", "Locations", "Site Status", "Group Type",
                         "NCT ID:", "Sponsor Role", "Role:", "* ", "\\<", "PMID: x", "Identifier Source: x",
                         "\ufeff", "\u202e", "Ω", "数据", "Minimum Eligible Age", "N/A", "9" * 30])


@st.composite
def mangled_pages(draw: st.DrawFn) -> str:
    lines = render(draw(page_records())).split("\n")
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(lines)))
        op = draw(st.integers(0, 4))
        if op == 0 and at < len(lines):
            del lines[at]
        elif op == 1:
            lines.insert(at, draw(_JUNK | st.text(max_size=30)))
        elif op == 2 and at < len(lines):
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif op == 3 and at < len(lines):
            lines.insert(draw(st.integers(0, len(lines))), lines[at])  # a line moved or duplicated
        else:
            del lines[at:]
    return "\n".join(lines)


@SETTINGS
@given(mangled_pages(), st.sampled_from(["str", "utf-8", "utf-16", "cp1252"]))
def test_generated_pages_never_crash(page: str, form: str) -> None:
    data: str | bytes = page if form == "str" else page.encode(form, "replace")
    _outcome(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


@st.composite
def mangled_studies(draw: st.DrawFn) -> Any:
    study = json.loads(json.dumps(draw(st.sampled_from(STUDIES))))
    paths = _paths(study)
    for _ in range(draw(st.integers(1, 10))):
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        node = study
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue
    return study


@SETTINGS
@given(mangled_studies(), st.booleans())
def test_generated_json_never_crashes(study: Any, as_list: bool) -> None:
    text = json.dumps([study, study] if as_list else study)
    _outcome(text)
    _outcome(text.encode())


_XML_JUNK = st.sampled_from(["<", ">", "&", "&amp;", "&lol;", "<x>", "</x>", "<![CDATA[ x ]]>", "<!-- c -->",
                             "<?pi x?>", "\x00", "]]>", "<clinical_study>", "</clinical_study>", "&#0;", "&#x110000;",
                             "<brief_title/>", "<location><facility/></location>", "<!DOCTYPE x>"])


def _edit(draw: st.DrawFn, text: str, at: int, junk: st.SearchStrategy[str], cut: int) -> str:
    """One edit of `text` at `at`: junk spliced in, up to `cut` characters cut out, or the rest cut off."""
    op = draw(st.integers(0, 2))
    if op == 0:
        return text[:at] + draw(junk) + text[at:]
    if op == 1:
        return text[:at] + text[draw(st.integers(at, min(len(text), at + cut))) :]
    return text[:at]


@st.composite
def mangled_xml(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(XMLS))
    for _ in range(draw(st.integers(0, 6))):
        text = _edit(draw, text, draw(st.integers(0, len(text))), _XML_JUNK | st.text(max_size=10), 200)
    return text


@SETTINGS
@given(mangled_xml(), st.sampled_from(["str", "utf-8", "utf-16"]))
def test_generated_xml_never_crashes(text: str, form: str) -> None:
    _outcome(text if form == "str" else text.encode(form, "replace"))


HTML_PAGES = [render_html(p.read_text(encoding="utf-8"), style)
              for p in sorted((ROOT / "samples" / "pages").glob("*.txt"))[:12] for style in HTML_STYLES]
_HTML_JUNK = st.sampled_from([
    "<li>", "</li>", "<ul>", "</ul>", "<ol start=3>", "<p>", "</p>", "<div>", "</div>", "<br>", "<nav>", "</nav>",
    "<script>", "<iframe>", "<object>", "<template>", "<h2>", "</h2>", "<pre>", "<b>", "</b>", "&nbsp;", "\u00a0",
    "\ue001", "\ue005", "<!--", "\x0b", "\x0c", "\x01", "&#11;", "&#xFFFE;", "\ufffe", "<tab<select>",
    "<li value=x>", "* ", "<", "<meta charset=latin1>", "<h2>Eligibility Criteria</h2>",
])
_HTML_RUNS = st.builds(operator.mul, _HTML_JUNK, st.sampled_from([1, 2, 40]))  # a piece, or a run of it


@st.composite
def mangled_html(draw: st.DrawFn) -> str:
    """A sample page as HTML, with junk spliced in anywhere or right at the start of a list item's words."""
    page = draw(st.sampled_from(HTML_PAGES))
    for _ in range(draw(st.integers(1, 8))):
        items = [m.end() for m in re.finditer("<li[^>]*>", page)]
        at = draw(st.sampled_from(items)) if items and draw(st.booleans()) else draw(st.integers(0, len(page)))
        page = _edit(draw, page, at, _HTML_RUNS, 300)
    return page


@SETTINGS
@given(mangled_html(), st.sampled_from(["str", "utf-8", "utf-16"]))
def test_generated_html_never_crashes(page: str, form: str) -> None:
    """Mangled HTML, list items included (control characters in an item's first words once raised ValueError
    from lxml), reads to a record or a ParseError."""
    _outcome(page if form == "str" else page.encode(form, "replace"))
