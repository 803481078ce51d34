"""The draft record the section parsers fill (`trialparse._draft`): enum values and their issues."""

from __future__ import annotations

import pytest

from trialparse._draft import Draft
from trialparse.model import OverallStatus, Sex


@pytest.mark.parametrize(("raw", "expected"), [
    ("RECRUITING", OverallStatus.RECRUITING),
    ("Active, not recruiting", OverallStatus.ACTIVE_NOT_RECRUITING),
    ("  recruiting ", OverallStatus.RECRUITING),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_enum_reads_a_value_the_same_every_time(raw: str | None, expected: OverallStatus | None) -> None:
    """The second read of a spelling is answered from the lookup's memory: the same member, no issue."""
    draft = Draft()
    assert [draft.enum(OverallStatus, raw, section="basic", field="overall_status") for _ in range(3)] == [
        expected] * 3
    assert draft.issues == []


def test_an_unknown_value_is_reported_at_each_read() -> None:
    draft = Draft()
    for _ in range(2):
        assert draft.enum(Sex, "sometimes", section="eligibility", field="eligibility.sex") is None
    assert [(i.code, i.field, i.excerpt) for i in draft.issues] == [
        ("unknown_value", "eligibility.sex", "sometimes")] * 2


def test_the_same_text_reads_per_enum() -> None:
    draft = Draft()
    assert draft.enum(Sex, "ALL", section="eligibility", field="eligibility.sex") is Sex.ALL
    assert draft.enum(OverallStatus, "ALL", section="basic", field="overall_status") is None
    assert [i.field for i in draft.issues] == ["overall_status"]
