"""Phases: v2 values, legacy and registry spellings, NA vs not given vs not specified."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.phases import phases
from trialparse.model import Phase

E, P1, P2, P3, P4, NA = Phase.EARLY_PHASE1, Phase.PHASE1, Phase.PHASE2, Phase.PHASE3, Phase.PHASE4, Phase.NA
CASES = [
    ("PHASE4", (P4,), "v2 value"),
    ("PHASE1/PHASE2", (P1, P2), "page join of two v2 values"),
    ("PHASE2/PHASE3", (P2, P3), "page join, 2/3"),
    ("Phase 1/Phase 2", (P1, P2), "legacy XML combined"),
    ("Phase 2/3", (P2, P3), "short combined"),
    ("Phase I/II", (P1, P2), "roman"),
    ("I-II", (P1, P2), "roman with hyphen"),
    ("Phase IIb", (P2,), "sub-phase letter"),
    ("IIIA", (P3,), "bare roman with letter"),
    ("Early Phase 1", (E,), "legacy early phase"),
    ("EARLY_PHASE1", (E,), "v2 early phase"),
    ("Phase 0", (E,), "phase 0 became early phase 1"),
    ("Phase4", (P4,), "no space"),
    ("PHASE2, PHASE1", (P1, P2), "sorted ascending"),
    ("N/A", (NA,), "legacy not applicable"),
    ("NA", (NA,), "v2 not applicable"),
    ("Not Applicable", (NA,), "classic API"),
    ("", (), "no phase given"),
]


def test_cases_are_unique() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "expected", "reason"), CASES, ids=[c[2] for c in CASES])
def test_phases(text: str, expected: tuple[Phase, ...], reason: str) -> None:
    parsed = phases(text)
    assert parsed.value == expected and parsed.problem is None, reason


def test_not_specified_is_no_phase_with_a_problem() -> None:
    parsed = phases("Not Specified")
    assert parsed.value == () and parsed.problem


@pytest.mark.parametrize("text", ["Pilot study", "Phase 7", "post-market"])
def test_unknown_phase_is_reported(text: str) -> None:
    parsed = phases(text)
    assert parsed.value is None and parsed.problem


@given(st.text())
def test_never_raises(text: str) -> None:
    phases(text)
