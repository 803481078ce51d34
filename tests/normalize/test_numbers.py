"""Ages and enrollment counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.numbers import age, enrollment
from trialparse.model import Age, AgeUnit, EnrollmentType

AGES = [
    ("18 Years", Age(value=18, unit=AgeUnit.YEARS)),
    ("1 Year", Age(value=1, unit=AgeUnit.YEARS)),
    ("6 Months", Age(value=6, unit=AgeUnit.MONTHS)),
    ("2 Weeks", Age(value=2, unit=AgeUnit.WEEKS)),
    ("28 Days", Age(value=28, unit=AgeUnit.DAYS)),
    ("12 Hours", Age(value=12, unit=AgeUnit.HOURS)),
    ("30 Minutes", Age(value=30, unit=AgeUnit.MINUTES)),
    ("65 years", Age(value=65, unit=AgeUnit.YEARS)),
    ("N/A", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_age(text: str, expected: Age | None) -> None:
    parsed = age(text)
    assert parsed.value == expected and parsed.problem is None


def test_bad_age_is_reported() -> None:
    assert age("eighteen").problem


@pytest.mark.parametrize(("text", "count", "kind"), [("15 participants", 15, None), ("15", 15, None),
                                                     ("1,200 participants (Actual)", 1200, EnrollmentType.ACTUAL),
                                                     ("40 (Anticipated)", 40, EnrollmentType.ESTIMATED)])
def test_enrollment(text: str, count: int, kind: EnrollmentType | None) -> None:
    parsed = enrollment(text)
    assert parsed.value is not None and (parsed.value.count, parsed.value.type) == (count, kind)


def test_bad_enrollment_is_reported() -> None:
    assert enrollment("many participants").problem


@given(st.text())
def test_never_raises(text: str) -> None:
    age(text)
    enrollment(text)
