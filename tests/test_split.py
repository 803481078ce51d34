"""Page text → sections: headings found whatever their spacing or case, each line keyed once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import REAL_PAGE
from trialparse._split import _run_lines, split

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


@given(st.lists(st.text(alphabet=" \tab", max_size=6), min_size=1, max_size=8))
def test_run_lines_are_the_lines_with_a_run_of_spaces_or_a_tab(lines: list[str]) -> None:
    lines = [line.strip() for line in lines]
    expected = {i for i, line in enumerate(lines) if "  " in line or "\t" in line}
    assert _run_lines("\n".join(lines)) == expected
