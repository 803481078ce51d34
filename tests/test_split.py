"""Page text → sections: headings found whatever their spacing or case, each line keyed once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REAL_PAGE
from trialparse._split import _ANY, _keys, split

PAGE = REAL_PAGE.read_text(encoding="utf-8")
NAMES = [s.name for s in split(PAGE)]
LINES = {s.name: s.lines for s in split(PAGE)}

# How a scraper may mangle a heading or sentence line: each must still open its section.
VARIANTS = {
    "indented": lambda line: "    " + line,
    "one leading space": lambda line: " " + line,
    "tab inside": lambda line: line.replace(" ", "\t", 1),
    "double spaces": lambda line: line.replace(" ", "  "),
    "upper case": str.upper,
    "lower case": str.lower,
    "ideographic space indent": lambda line: "\u3000" + line,
    "no-break spaces": lambda line: line.replace(" ", "\u00a0"),
}


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
@pytest.mark.parametrize("line", ["Study Design", "Locations", "Other Identifiers",
                                  "Explore where the study is taking place and check the recruitment status at each "
                                  "participating site."])
def test_mangled_heading_or_sentence_still_splits(line: str, variant: str) -> None:
    assert f"\n{line}\n" in PAGE
    sections = split(PAGE.replace(f"\n{line}\n", f"\n{VARIANTS[variant](line)}\n"))
    assert [s.name for s in sections] == NAMES
    assert {s.name: s.lines for s in sections} == LINES


def test_heading_text_inside_a_longer_line_is_body_text() -> None:
    sections = split(PAGE.replace("\nCutaneous Lupus\n", "\nConditions  of the skin\n"))
    assert {s.name: s.lines for s in sections}["conditions"] == ["Conditions  of the skin"]


_WORDS = st.sampled_from(["Study", "study", "STUDY", "Design", "design", "Locations", "x", " ", "  ", "\t", "\u3000",
                          "\u2003", ""])


@given(st.lists(st.lists(_WORDS, max_size=5).map("".join), max_size=8))
def test_keys_are_the_lines_that_fold_to_a_heading_or_sentence(lines: list[str]) -> None:
    """A line is a key when its stripped, case-folded text is one, or when it holds a run of spaces or a tab and
    its collapsed text is one (a single odd space inside a line is not collapsed); every line comes out
    right-stripped."""
    right_stripped = [line.rstrip() for line in lines]
    expected = {}
    for i, line in enumerate(lines):
        inner = line.strip()
        if inner.casefold() in _ANY:
            expected[i] = inner.casefold()
        elif ("  " in inner or "\t" in inner) and " ".join(inner.split()).casefold() in _ANY:
            expected[i] = " ".join(inner.split()).casefold()
    copy = list(lines)
    keys = _keys(lines)
    assert keys == expected
    assert list(keys) == sorted(keys)  # in line order: `split` walks them as they come
    assert lines == right_stripped
    if not any("  " in line or "\t" in line for line in copy):  # what `split` finds by one search of the page
        assert _keys(copy, runs=False) == expected
        assert copy == right_stripped


@pytest.mark.parametrize(("spacing", "collapsed", "found"), [
    ("  ", False, True),  # a run: the page is searched for one, and the line collapsed
    ("  ", True, False),  # the caller vouches that no line holds a run: no search, the line stays body text
    ("\u00a0\u00a0", True, True),  # an NBSP becomes a space and may make a run: searched all the same
    (" ", True, True),
])
def test_collapsed_skips_the_search_for_runs(spacing: str, collapsed: bool, found: bool) -> None:
    """`collapsed=True` (the HTML reader's tree path) skips the page-wide search for runs of spaces and tabs,
    unless the page holds an NBSP."""
    page = PAGE.replace("\nStudy Design\n", f"\nStudy{spacing}Design\n")
    design = {s.name: s for s in split(page, collapsed=collapsed)}["design"]  # its sentence opens it either way
    assert design.has_heading is found
