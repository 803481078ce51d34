"""Label → Enum tables: each enum accepts its v2 value, legacy display strings and case/space variants."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from typing import TypeVar

from trialparse import model as m

E = TypeVar("E", bound=StrEnum)

_NON_WORD = re.compile(r"[^A-Z0-9]+")

# Legacy (XML, classic API, AACT) strings whose key differs from the v2 value, per enum.
# Keys are written as display text; they are keyed the same way as the input.
_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    m.OverallStatus: {"Unknown status": "UNKNOWN", "Active, not recruiting": "ACTIVE_NOT_RECRUITING"},
    m.RecruitmentStatus: {"Active, not recruiting": "ACTIVE_NOT_RECRUITING"},
    m.StudyType: {"Observational [Patient Registry]": "OBSERVATIONAL", "Expanded access": "EXPANDED_ACCESS"},
    m.Allocation: {"N/A": "NA", "Non-Randomized": "NON_RANDOMIZED", "Not applicable": "NA"},
    m.InterventionModel: {
        "Single Group Assignment": "SINGLE_GROUP",
        "Parallel Assignment": "PARALLEL",
        "Crossover Assignment": "CROSSOVER",
        "Factorial Assignment": "FACTORIAL",
        "Sequential Assignment": "SEQUENTIAL",
        "Single Group": "SINGLE_GROUP",
    },
    m.PrimaryPurpose: {
        "Educational/Counseling/Training": "ECT",
        "Educational Counseling Training": "ECT",
        "Supportive Care": "SUPPORTIVE_CARE",
        "Health Services Research": "HEALTH_SERVICES_RESEARCH",
        "Basic Science": "BASIC_SCIENCE",
        "Device Feasibility": "DEVICE_FEASIBILITY",
    },
    m.Masking: {
        "None (Open Label)": "NONE",
        "Open Label": "NONE",
        "No masking": "NONE",
        "Single Blind": "SINGLE",
        "Double Blind": "DOUBLE",
        "Triple Blind": "TRIPLE",
        "Quadruple Blind": "QUADRUPLE",
    },
    m.WhoMasked: {"Subject": "PARTICIPANT", "Caregiver": "CARE_PROVIDER", "Outcomes Assessor": "OUTCOMES_ASSESSOR"},
    m.ObservationalModel: {"Ecologic or Community": "ECOLOGIC_OR_COMMUNITY", "Case Control": "CASE_CONTROL"},
    m.TimePerspective: {"Cross-Sectional": "CROSS_SECTIONAL", "Cross Sectional": "CROSS_SECTIONAL"},
    m.Sex: {"Both": "ALL"},
    m.StandardAge: {"Older Adult": "OLDER_ADULT"},
    m.AgencyClass: {
        "U.S. Fed": "FED",
        "US Fed": "FED",
        "Other U.S. Federal agency": "FED",
        "Individual": "INDIV",
        "Ambiguous": "AMBIG",
        "Other Government": "OTHER_GOV",
    },
    m.SponsorRole: {"Lead Sponsor": "LEAD", "Collaborators": "COLLABORATOR"},
    m.ResponsiblePartyType: {"Sponsor-Investigator": "SPONSOR_INVESTIGATOR"},
    m.OfficialRole: {"Sub-Investigator": "SUB_INVESTIGATOR", "Sub Investigator": "SUB_INVESTIGATOR"},
    m.ReferenceType: {"Results Reference": "RESULT", "results_reference": "RESULT", "Results": "RESULT"},
    m.DateType: {"Anticipated": "ESTIMATED", "Estimate": "ESTIMATED", "Expected": "ESTIMATED"},
    m.EnrollmentType: {"Anticipated": "ESTIMATED", "Estimate": "ESTIMATED", "Expected": "ESTIMATED"},
    m.IdentifierType: {
        "U.S. NIH Grant/Contract": "NIH",
        "U.S. FDA Grant/Contract": "FDA",
        "U.S. VA Grant/Contract": "VA",
        "U.S. CDC Grant/Contract": "CDC",
        "U.S. AHRQ Grant/Contract": "AHRQ",
        "U.S. SAMHSA Grant/Contract": "SAMHSA",
        "Other Grant/Funding Number": "OTHER_GRANT",
        "EudraCT Number": "EUDRACT_NUMBER",
        "EUDRACT": "EUDRACT_NUMBER",
        "EU Trial (CTIS) Number": "CTIS",
        "Registry Identifier": "REGISTRY",
        "Other Identifier": "OTHER",
    },
    m.IdentifierSource: {"org_study_id": "ORG_STUDY_ID", "secondary_id": "SECONDARY_ID", "nct_alias": "NCT_ALIAS"},
    m.AgeUnit: {
        "Year": "YEARS", "Month": "MONTHS", "Week": "WEEKS", "Day": "DAYS", "Hour": "HOURS", "Minute": "MINUTES",
    },
}


def key(text: str) -> str:
    """The lookup key of a label: upper case, runs of non-alphanumerics as one `_`."""
    return _NON_WORD.sub("_", text.upper()).strip("_")


@cache
def table(enum: type[E]) -> Mapping[str, E]:
    """Every accepted key of `enum`, built once per enum."""
    out: dict[str, E] = {key(member.value): member for member in enum}
    for name in enum:
        out.setdefault(key(name.value.replace("_", " ")), name)
    for raw, value in _ALIASES.get(enum, {}).items():
        out[key(raw)] = enum(value)
    return out


_LOOKUPS: dict[tuple[type[StrEnum], str], StrEnum | None] = {}  # (enum, text) → answer, for short texts
_LOOKUPS_MAX = 8192
# (enum, text) → the member `lookup` found for that text before; None when it found none or has not seen it.
remembered = _LOOKUPS.get


def lookup(enum: type[E], text: str | None) -> E | None:
    """The member of `enum` that `text` names, or None when it names none (or is empty)."""
    if not text:
        return None
    if text.__class__ is not str:
        return table(enum).get(key(text))
    found = _LOOKUPS.get((enum, text), _LOOKUPS)
    if found is not _LOOKUPS:
        return found  # type: ignore[return-value]
    value = table(enum).get(key(text))
    if len(text) <= 64 and len(_LOOKUPS) < _LOOKUPS_MAX:
        _LOOKUPS[(enum, text)] = value
    return value


_TRUE = frozenset({"YES", "Y", "TRUE", "T", "1", "ACCEPTS_HEALTHY_VOLUNTEERS"})
_FALSE = frozenset({"NO", "N", "FALSE", "F", "0", "NO_HEALTHY_VOLUNTEERS"})


def boolean(text: str | None) -> bool | None:
    """Yes/No style flags; None when the text is not one of them."""
    if not text:
        return None
    k = key(text)
    if k in _TRUE:
        return True
    if k in _FALSE:
        return False
    return None
