"""Loading legacy XML: the results section is checked without a tree only where that reads as the whole parse
does, and a malformed section is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, corpus_dir
from trialparse._readers import xml_load
from trialparse._readers.ctgov_xml import read_xml
from trialparse.issues import ParseError
from trialparse.model import Trial

RESULTS = """<clinical_results>
    <participant_flow>
      <recruitment_details>Enrolled at 3 sites &amp; followed &lt;1 year.</recruitment_details>
      <group_list><group group_id="P1"><title>Arm A</title></group></group_list>
      <!-- a comment -->
      <period_list><period><title><![CDATA[Overall <Study>]]></title></period></period_list>
    </participant_flow>
    <baseline><population>All &#xD;
      randomized</population></baseline>
  </clinical_results>"""

STUDY = ('<?xml version="1.0" encoding="UTF-8"?>\n<clinical_study rank="1">\n  <id_info>\n'
         "    <nct_id>NCT00000001</nct_id>\n  </id_info>\n  <brief_title>A study</brief_title>\n{body}\n"
         "</clinical_study>\n")


def whole(data: str | bytes) -> Trial | str:
    """The record as the whole parse reads it (or its error), with the lean path switched off."""
    saved = xml_load._split_results
    xml_load._split_results = lambda data: None  # type: ignore[assignment]
    try:
        return _read(data)
    finally:
        xml_load._split_results = saved


def _read(data: str | bytes) -> Trial | str:
    try:
        return read_xml(data)
    except ParseError as exc:
        return f"ParseError: {exc}"


def with_results(path: Path, section: str = RESULTS) -> str:
    """A sample file with a results section where CT.gov puts it: after the last site-level elements."""
    text = path.read_text(encoding="utf-8")
    return text.replace("</clinical_study>", f"  {section}\n</clinical_study>")


@pytest.mark.parametrize(("data", "expected"), [
    ("<a/>", None),
    ("<a><clinical_results/></a>", None),  # already empty: nothing to gain
    ('<a><clinical_results x="1"></clinical_results></a>', None),  # another form of the tag
    ("<a><clinical_results><b/></clinical_results><clinical_results/></a>", None),  # two sections
    ("<a><clinical_results><b/></a>", None),  # never closed
    ("<a>x<clinical_results><b/></clinical_results>y</a>",
     ("<a>x<clinical_results/>y</a>", "<clinical_results><b/></clinical_results>")),
])
def test_split_results(data: str, expected: tuple[str, str] | None) -> None:
    """The section is cut out only when the document holds exactly one `<clinical_results` and it closes."""
    assert xml_load._split_results(data) == expected
    as_bytes = None if expected is None else (expected[0].encode(), expected[1].encode())
    assert xml_load._split_results(data.encode()) == as_bytes


@pytest.mark.parametrize("path", sorted((SAMPLES / "xml").glob("*.xml")), ids=lambda p: p.stem)
def test_lean_parse_reads_as_the_whole(path: Path) -> None:
    """A sample with a results section: read with no tree for the section, it is the record of the whole parse
    (`has_results` set), for bytes and str alike."""
    data = with_results(path)
    assert xml_load._lean_children(data.encode()) is not None  # the lean path is taken
    expected = whole(data.encode())
    assert isinstance(expected, Trial) and expected.has_results
    assert read_xml(data.encode()) == expected
    assert read_xml(data) == expected


def test_corpus_results_files_read_as_the_whole() -> None:
    """Every corpus file with a results section (105): the lean path is taken and reads the same."""
    corpus = corpus_dir()
    folder = corpus / "ctgov-xml" if corpus else SAMPLES / "xml"
    files = [p for p in sorted(folder.glob("NCT*.xml")) if b"<clinical_results>" in p.read_bytes()]
    for path in files:
        data = path.read_bytes()
        assert xml_load._lean_children(data) is not None, path.name
        assert read_xml(data) == whole(data), path.name


BROKEN = {
    "mismatched tags": "<clinical_results><a></b></clinical_results>",
    "undeclared entity": "<clinical_results><a>&nbsp;</a></clinical_results>",
    "cdata end in text": "<clinical_results><a>x ]]> y</a></clinical_results>",
    "bad character": "<clinical_results><a>\x01</a></clinical_results>",
    "unclosed comment": "<clinical_results><!-- x </clinical_results>",
    "nested declaration": '<clinical_results><?xml version="1.0"?></clinical_results>',
    # well-formed alone, but not inside the comment it sits in: only the placement check tells
    "in a comment, with --": "<!-- <clinical_results><a>x -- y</a></clinical_results> -->",
}


@pytest.mark.parametrize("section", BROKEN.values(), ids=BROKEN.keys())
def test_malformed_section_is_an_error(section: str) -> None:
    """A malformed results section is a ParseError, as the whole parse makes it: not checked is not skipped."""
    data = STUDY.format(body=section)
    with pytest.raises(ParseError, match="well-formed"):
        read_xml(data.encode())
    assert _read(data.encode()) == whole(data.encode())


ELSEWHERE = {
    "in a comment": ("<!-- <clinical_results><a/></clinical_results> -->", False),
    "in a comment, multi-line": ("<!--\n  <clinical_results>\n  <a/></clinical_results>\n  -->", False),
    "in CDATA": ("<brief_summary><textblock><![CDATA[<clinical_results><a/></clinical_results>]]>"
                 "</textblock></brief_summary>", False),
    "nested in another element": ("<other><clinical_results><a/></clinical_results></other>", False),
    "in a processing instruction": ("<?pi <clinical_results><a/></clinical_results> ?>", False),
    "root child": ("<clinical_results><a/></clinical_results>", True),
    "root child, one line": ("<x/><clinical_results><a/></clinical_results><y/>", True),
    "namespace declared on the root": ("<clinical_results><r:a/></clinical_results>", True),
}


@pytest.mark.parametrize(("body", "has_results"), ELSEWHERE.values(), ids=ELSEWHERE.keys())
def test_section_elsewhere_reads_as_the_whole(body: str, has_results: bool) -> None:
    """Tags in a comment, CDATA or processing instruction, or a section that is not the root's child: the
    record is the whole parse's (the lean path backs out), and only a root child means results."""
    data = STUDY.format(body=body)
    if "r:a" in body:
        data = data.replace("<clinical_study ", '<clinical_study xmlns:r="urn:x" ')
    expected = whole(data.encode())
    assert isinstance(expected, Trial)
    assert expected.has_results is has_results
    assert read_xml(data.encode()) == expected
    assert read_xml(data) == expected


def test_external_dtd_entity_in_section() -> None:
    """With an external DTD (not loaded) an undeclared entity is not an error in the whole document, but is in
    the section alone: the lean path backs out, and the record is the whole parse's."""
    data = STUDY.format(body="<clinical_results><a>&foo;</a></clinical_results>").replace(
        "\n<clinical_study", '\n<!DOCTYPE clinical_study SYSTEM "http://x.invalid/public.dtd">\n<clinical_study')
    assert xml_load._lean_children(data.encode()) is None
    assert _read(data.encode()) == whole(data.encode())
