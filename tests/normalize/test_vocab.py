"""Enum tables: v2 values, legacy display strings and case/space variants; unknown values are None."""

from __future__ import annotations

from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse import model as m
from trialparse._normalize.vocab import boolean, lookup

CASES: list[tuple[type[StrEnum], str, StrEnum]] = [
    (m.OverallStatus, "Active, not recruiting", m.OverallStatus.ACTIVE_NOT_RECRUITING),
    (m.OverallStatus, "Unknown status", m.OverallStatus.UNKNOWN),
    (m.OverallStatus, "completed", m.OverallStatus.COMPLETED),
    (m.OverallStatus, "NOT_YET_RECRUITING", m.OverallStatus.NOT_YET_RECRUITING),
    (m.InterventionModel, "Single Group Assignment", m.InterventionModel.SINGLE_GROUP),
    (m.InterventionModel, "single_group", m.InterventionModel.SINGLE_GROUP),
    (m.Masking, "None (Open Label)", m.Masking.NONE),
    (m.Allocation, "N/A", m.Allocation.NA),
    (m.Allocation, "Non-Randomized", m.Allocation.NON_RANDOMIZED),
    (m.PrimaryPurpose, "Educational/Counseling/Training", m.PrimaryPurpose.ECT),
    (m.PrimaryPurpose, "Supportive Care", m.PrimaryPurpose.SUPPORTIVE_CARE),
    (m.Sex, "Both", m.Sex.ALL),
    (m.StudyType, "Observational [Patient Registry]", m.StudyType.OBSERVATIONAL),
    (m.ObservationalModel, "Case-Control", m.ObservationalModel.CASE_CONTROL),
    (m.TimePerspective, "Cross-Sectional", m.TimePerspective.CROSS_SECTIONAL),
    (m.AgencyClass, "U.S. Fed", m.AgencyClass.FED),
    (m.AgencyClass, "Industry", m.AgencyClass.INDUSTRY),
    (m.ArmGroupType, "Active Comparator", m.ArmGroupType.ACTIVE_COMPARATOR),
    (m.InterventionType, "Dietary Supplement", m.InterventionType.DIETARY_SUPPLEMENT),
    (m.OfficialRole, "Sub-Investigator", m.OfficialRole.SUB_INVESTIGATOR),
    (m.ResponsiblePartyType, "Sponsor-Investigator", m.ResponsiblePartyType.SPONSOR_INVESTIGATOR),
    (m.ReferenceType, "derived", m.ReferenceType.DERIVED),
    (m.DateType, "Anticipated", m.DateType.ESTIMATED),
    (m.DateType, "Estimate", m.DateType.ESTIMATED),
    (m.IdentifierType, "EudraCT Number", m.IdentifierType.EUDRACT_NUMBER),
    (m.IdentifierType, "Other Grant/Funding Number", m.IdentifierType.OTHER_GRANT),
    (m.IdentifierSource, "org_study_id", m.IdentifierSource.ORG_STUDY_ID),
    (m.SponsorRole, "lead", m.SponsorRole.LEAD),
    (m.WhoMasked, "Outcomes Assessor", m.WhoMasked.OUTCOMES_ASSESSOR),
    (m.StandardAge, "Older Adult", m.StandardAge.OLDER_ADULT),
]


def test_cases_are_unique() -> None:
    assert len({(e, t) for e, t, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("enum", "text", "expected"), CASES, ids=[f"{e.__name__}:{t}" for e, t, _ in CASES])
def test_lookup(enum: type[StrEnum], text: str, expected: StrEnum) -> None:
    assert lookup(enum, text) is expected


@pytest.mark.parametrize("enum", [m.OverallStatus, m.Phase, m.InterventionType, m.AgencyClass, m.Masking])
def test_every_v2_value_is_its_own_key(enum: type[StrEnum]) -> None:
    assert all(lookup(enum, member.value) is member for member in enum)


def test_unknown_and_empty_are_none() -> None:
    assert lookup(m.OverallStatus, "Paused for lunch") is None
    assert lookup(m.OverallStatus, "") is None


@pytest.mark.parametrize(("text", "expected"), [("Yes", True), ("No", False), ("Accepts Healthy Volunteers", True),
                                                ("true", True), ("maybe", None), ("", None)])
def test_boolean(text: str, expected: bool | None) -> None:
    assert boolean(text) is expected


@given(st.text())
def test_never_raises(text: str) -> None:
    lookup(m.OverallStatus, text)
    boolean(text)
