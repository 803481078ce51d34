"""timewindow.py: numbered and plain windows (LEXICON §6, rule 12)."""

from __future__ import annotations

import pytest

from trialparse.criteria.numbers import find_quantities, normalize
from trialparse.criteria.timewindow import numbered_window, plain_windows

CASES = [
    # text, (cmp, value, unit), direction, anchor
    ("within 4 weeks prior to first dose", ("<=", 4, "wk"), "before", "first_dose"),
    ("in the past 6 months", ("<=", 6, "mo"), "before", "present"),
    ("for at least 3 months", (">=", 3, "mo"), None, "duration"),
    ("4 weeks before randomization", ("<=", 4, "wk"), "before", "randomization"),
    ("within 28 days of randomization", ("<=", 28, "d"), None, "randomization"),
    ("for 12 months after treatment discontinuation", (">=", 12, "mo"), "after", "last_dose"),
    ("6 months ago", ("<=", 6, "mo"), "before", "present"),
    ("within 14 days before registration", ("<=", 14, "d"), "before", "enrollment"),
]


@pytest.mark.parametrize(("text", "bound", "direction", "anchor"), CASES)
def test_numbered(text: str, bound: tuple[str, int, str], direction: str | None, anchor: str) -> None:
    norm = normalize(text)
    w = numbered_window(norm, find_quantities(text, norm)[0])
    assert w is not None
    assert [(str(x.cmp), int(x.value), x.unit) for x in w.window.bounds] == [bound]
    assert (w.window.direction, w.window.anchor) == (direction, anchor)


@pytest.mark.parametrize(
    ("text", "direction", "anchor"),
    [
        ("at screening", None, "screening"),
        ("at the time of signing the informed consent", None, "consent"),
        ("during the study", None, "study_period"),
        ("a preoperative haemoglobin", "before", "surgery"),
        ("prior to the first dose", "before", "first_dose"),
    ],
)
def test_plain(text: str, direction: str | None, anchor: str) -> None:
    ws = plain_windows(normalize(text), [])
    assert [(w.window.direction, w.window.anchor) for w in ws] == [(direction, anchor)]


def test_bare_duration_is_not_a_window() -> None:
    text = "3 ECGs"
    norm = normalize(text)
    assert all(numbered_window(norm, q) is None for q in find_quantities(text, norm))
