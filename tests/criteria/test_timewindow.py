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


@pytest.mark.parametrize(
    ("text", "bound", "direction", "anchor"),
    [
        # time since an event, measured at a named anchor: before that anchor
        ("at least 3 months from transplant at the time of enrollment", (">=", 3, "mo"), "before", "enrollment"),
        ("≥ 12 weeks since the last radiotherapy before randomization", (">=", 12, "wk"), "before", "randomization"),
        # inverted order: anchor, before, number
        ("a serum test at screening before 14 days", ("<=", 14, "d"), "before", "screening"),
        ("entering the study before 10 days", ("<=", 10, "d"), "before", "enrollment"),
    ],
)
def test_since_event_and_inverted(text: str, bound: tuple[str, int, str], direction: str, anchor: str) -> None:
    norm = normalize(text)
    found = [w for q in find_quantities(text, norm) if (w := numbered_window(norm, q)) is not None]
    assert [
        ([(str(x.cmp), int(x.value), x.unit) for x in w.window.bounds], w.window.direction, w.window.anchor)
        for w in found
    ] == [([bound], direction, anchor)]


def test_inverted_needs_an_anchor() -> None:
    text = "symptoms before 7 days"
    norm = normalize(text)
    assert all(numbered_window(norm, q) is None for q in find_quantities(text, norm))


def _time(text: str, section: str = "EXCLUSION") -> dict[str, object]:
    from trialparse.criteria import annotate

    return {f"{c['kind']}:{c['target']}:{c['bounds']}": c.get("time") for c in annotate(text, section=section)}


def test_after_window_in_next_sentence_continues_the_requirement() -> None:
    times = _time(
        "Male patients must use a barrier method of contraception. This must continue for 6 weeks after the last dose.",
        "INCLUSION",
    )
    assert times == {
        "CONTRACEPTION:contraception:[]": {
            "bounds": [{"cmp": ">=", "value": 6, "unit": "wk", "reference": None}],
            "direction": "after",
            "anchor": "last_dose",
        }
    }


def test_before_window_in_next_sentence_is_not_carried_over() -> None:
    times = _time("Pregnant or lactating women. Serology must be done within 28 days prior to the first dose.")
    assert set(times.values()) == {None}


def test_window_followed_by_a_conjunction_does_not_qualify_what_follows() -> None:
    times = _time("Amenorrhea for at least 12 months and serum estradiol < 20 pg/mL")
    assert [t for k, t in times.items() if k.startswith(("MEASUREMENT", "OTHER"))] == [None]


def test_duration_of_counted_events_is_not_a_window_of_the_count() -> None:
    times = _time("At least 3 seizures lasting 2 minutes or more", "INCLUSION")
    assert [t for k, t in times.items() if k.startswith("OTHER_NUMERIC")] == [None]
