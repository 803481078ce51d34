"""Label lines and label/value forms (`trialparse._sections._lines`), the helpers every section parser uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._sections._lines import Labels, form, nonblank, text

LABELS = Labels("Site Status", "Role")


@pytest.mark.parametrize(("line", "expected"), [
    ("Site Status", ("Site Status", "")),
    ("Site Status:", ("Site Status", "")),
    ("Site Status RECRUITING", ("Site Status", "RECRUITING")),
    ("Site Status: NOT_YET_RECRUITING", ("Site Status", "NOT_YET_RECRUITING")),
    ("  site   STATUS   completed  ", ("Site Status", "completed")),
    ("Site\tStatus\tWITHDRAWN", ("Site Status", "WITHDRAWN")),
    ("Role: PRINCIPAL_INVESTIGATOR", ("Role", "PRINCIPAL_INVESTIGATOR")),
    ("Role:   Study   Chair", ("Role", "Study Chair")),
    ("Roles of the team", None),  # a label must end at a space, a colon or the line's end
    ("Role-based access", None),
    ("Site Statuses", None),
    ("St. Mary's Hospital", None),
    ("The Site Status line", None),
    ("", None),
])
def test_first(line: str, expected: tuple[str, str] | None) -> None:
    assert LABELS.first(line) == expected
    assert LABELS.value(line) == (None if expected is None else expected[1])


def test_found_lists_every_label_line_with_its_index() -> None:
    lines = ["Mayo Clinic", "Rochester, Minnesota, United States", "Site Status RECRUITING", "Role: CHAIR", "x"]
    assert LABELS.found(lines) == [(2, "Site Status", "RECRUITING"), (3, "Role", "CHAIR")]
    assert [hit is not None for hit in LABELS.scan(lines)] == [False, False, True, True, False]


def test_found_and_indices_on_odd_first_characters() -> None:
    # Lines that the first-character filter must not pass over: indented, a non-ASCII space, the Kelvin sign
    # and the long s, which case-insensitive matching reads as `k` and `s`.
    labels = Labels("Kind", "Site Status")
    lines = ["  Kind: A", "\u3000Kind B", "\u212aind C", "\u017fite status D", "kind", "Kindness", "x", ""]
    assert labels.found(lines) == [(0, "Kind", "A"), (1, "Kind", "B"), (2, "Kind", "C"), (3, "Site Status", "D"),
                                   (4, "Kind", "")]
    assert labels.indices(lines) == [0, 1, 2, 3, 4]


def test_bare_lines_follow_the_pattern_where_one_label_starts_another() -> None:
    # `Study Start` comes first: the pattern reads `Study Start Date` as it, with the value `Date`.
    labels = Labels("Study Start", "Study Start Date")
    assert labels.first("Study Start Date") == ("Study Start", "Date")
    assert labels.found(["Study Start Date"]) == [(0, "Study Start", "Date")]


# Lines made of label words in any case, white space of several kinds and other text.
_TOKENS = st.sampled_from(["Site", "Status", "site", "STATUS", "Role", "role", "Kind", "\u212aind", "\u017fite",
                           " ", "  ", "\t", "\u3000", ":", "x", "\u00e9", "1", "-"])
_LINES = st.lists(st.lists(_TOKENS, max_size=6).map("".join), max_size=12)


@given(_LINES)
def test_found_is_the_regex_read_of_every_line(lines: list[str]) -> None:
    """The filtered loop finds exactly the lines the label pattern matches, with the same label and value."""
    labels = Labels("Site Status", "Role", "Kind")
    expected = [(i, *labels.read(line, hit)) for i, line in enumerate(lines)
                if (hit := labels.pattern.match(line)) is not None]
    assert labels.found(lines) == expected
    assert labels.indices(lines) == [i for i, _, _ in expected]


SHARED = Labels("Site Status", "Role", "Kind")  # one instance across examples: its remembered lines build up


@given(_LINES)
def test_remembered_lines_read_as_the_regex_reads_them(lines: list[str]) -> None:
    """A label line read once is answered from memory afterwards, with the same label and value."""
    expected = [(i, *SHARED.read(line, hit)) for i, line in enumerate(lines)
                if (hit := SHARED.pattern.match(line)) is not None]
    assert SHARED.found(lines) == expected
    assert SHARED.found(lines) == expected
    assert [SHARED.first(line) for line in lines] == [SHARED.first(line) for line in lines]
    assert SHARED.indices(lines) == [i for i, _, _ in expected]


def test_only_short_label_lines_are_remembered_and_only_so_many() -> None:
    labels = Labels("Site Status")
    labels.found(["Site Status RECRUITING", "Site Status " + "X" * 80, "Mayo Clinic"])
    assert "Site Status RECRUITING" in labels.read_lines
    assert not any("X" * 80 in line or line == "Mayo Clinic" for line in labels.read_lines)
    labels.found([f"Site Status S{i}" for i in range(2000)])
    assert len(labels.read_lines) <= 512
    assert labels.first("Site Status S1999") == ("Site Status", "S1999")  # read by the pattern, not remembered


FORM = Labels("Recruitment Status", "Clinical Phase", "Total Enrollment")


@pytest.mark.parametrize(("lines", "rows", "first"), [
    (["Recruitment Status", "", "COMPLETED", "", "Clinical Phase", "", "PHASE4"],
     [("Recruitment Status", "COMPLETED", []), ("Clinical Phase", "PHASE4", [])], 0),
    (["Recruitment Status COMPLETED", "Clinical Phase: PHASE4"],
     [("Recruitment Status", "COMPLETED", []), ("Clinical Phase", "PHASE4", [])], 0),
    # a bare label followed by another label has an empty value
    (["Recruitment Status", "Clinical Phase", "PHASE4"],
     [("Recruitment Status", "", []), ("Clinical Phase", "PHASE4", [])], 0),
    # lines before the first label belong to none; lines after a value belong to its label
    (["stray", "", "Total Enrollment", "15 participants", "", "more text"],
     [("Total Enrollment", "15 participants", [5])], 2),
    # a line like a label line's text above it is a label line too: the first label is the first of them
    (["x", "Total Enrollment 5", "", "y", "Total Enrollment 5"],
     [("Total Enrollment", "5", [3]), ("Total Enrollment", "5", [])], 1),
    (["Total Enrollment"], [("Total Enrollment", "", [])], 0),
    (["no", "", "labels"], [], 3),
    ([], [], 0),
])
def test_form(lines: list[str], rows: list[tuple[str, str, list[int]]], first: int) -> None:
    assert form(lines, FORM) == (rows, first)


@pytest.mark.parametrize(("lines", "start", "end", "expected"), [
    (["", "  one line  ", ""], 0, 3, "one line"),
    (["* a", "", "  * b"], 0, 3, "* a\n\n  * b"),
    (["", ""], 0, 2, None),
    (["a", "b", "c"], 1, 2, "b"),
])
def test_text(lines: list[str], start: int, end: int, expected: str | None) -> None:
    assert text(lines, start, end) == expected


def test_nonblank() -> None:
    assert nonblank(["a", "", "b", ""]) == [0, 2]


@given(st.lists(st.sampled_from(["", "Total Enrollment 5", "total  enrollment", "COMPLETED", "x", "  Clinical Phase"]),
                max_size=10))
def test_form_first_is_the_first_label_line(lines: list[str]) -> None:
    _, first = form(lines, FORM)
    assert first == next((i for i, line in enumerate(lines) if FORM.first(line) is not None), len(lines))
