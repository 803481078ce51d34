"""Shared data for the export and schema tests: one hand-built record using every part, and the corpus records."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import json_files
from trialparse.model import (
    Age,
    AgencyClass,
    AgeUnit,
    Allocation,
    Arm,
    ArmGroupType,
    DateType,
    Design,
    Eligibility,
    Enrollment,
    EnrollmentType,
    GeoPoint,
    Identifier,
    IdentifierSource,
    IdentifierType,
    Intervention,
    InterventionModel,
    InterventionType,
    Location,
    Masking,
    Official,
    OfficialRole,
    OverallStatus,
    PartialDate,
    Phase,
    PrimaryPurpose,
    RecruitmentStatus,
    Reference,
    ReferenceType,
    Registry,
    ResponsibleParty,
    ResponsiblePartyType,
    Sex,
    Sponsor,
    SponsorRole,
    StandardAge,
    StudyType,
    Trial,
    TrialDate,
    WhoMasked,
)


def full_trial(**changes: Any) -> Trial:
    """A record with every export-relevant part filled; `changes` replace top-level fields."""
    fields: dict[str, Any] = {
        "nct_id": "NCT01234567", "title": "Aspirin for pain",
        "official_title": "A randomised trial of aspirin for pain", "acronym": "ASP",
        "last_updated": dt.date(2024, 5, 6), "first_posted": dt.date(2020, 1, 2), "has_results": False,
        "overall_status": OverallStatus.TERMINATED, "why_stopped": "Funding ended",
        "phases": (Phase.PHASE1, Phase.PHASE2),
        "study_type": StudyType.INTERVENTIONAL, "enrollment": Enrollment(count=40, type=EnrollmentType.ACTUAL),
        "start_date": TrialDate(date=PartialDate(year=2020, month=3), type=DateType.ACTUAL),
        "primary_completion_date": TrialDate(date=PartialDate(year=2022), type=DateType.ESTIMATED),
        "completion_date": TrialDate(date=PartialDate(year=2023, month=1, day=31), type=DateType.ESTIMATED),
        "brief_summary": "Short.", "detailed_description": "Long.", "conditions": ("Pain",), "keywords": ("analgesia",),
        "design": Design(allocation=Allocation.RANDOMIZED, intervention_model=InterventionModel.PARALLEL,
                      primary_purpose=PrimaryPurpose.TREATMENT, masking=Masking.DOUBLE,
                      who_masked=(WhoMasked.PARTICIPANT, WhoMasked.INVESTIGATOR)),
        "arms": (Arm(label="Aspirin", type=ArmGroupType.EXPERIMENTAL, description="Takes aspirin",
                  intervention_names=("Aspirin",)),
              Arm(label="Placebo", type=ArmGroupType.PLACEBO_COMPARATOR, intervention_names=("Sugar pill",))),
        "interventions": (Intervention(name="Aspirin", type=InterventionType.DRUG, description="100 mg",
                                    arm_labels=("Aspirin",), other_names=("ASA",)),
                       Intervention(name="Sugar pill", type=InterventionType.DIETARY_SUPPLEMENT,
                                    arm_labels=("Placebo",))),
        "eligibility": Eligibility(criteria="Inclusion Criteria:\n\n* Pain\n\nExclusion Criteria:\n\n* Ulcer",
                                inclusion=("Pain",), exclusion=("Ulcer",),
                                minimum_age=Age(value=18, unit=AgeUnit.YEARS),
                                maximum_age=Age(value=1, unit=AgeUnit.MONTHS), sex=Sex.FEMALE,
                                healthy_volunteers=False, std_ages=(StandardAge.ADULT,)),
        "sponsors": (Sponsor(name="Acme Pharma", agency_class=AgencyClass.INDUSTRY),
                  Sponsor(name="NCI", agency_class=AgencyClass.NIH, role=SponsorRole.COLLABORATOR)),
        "responsible_party": ResponsibleParty(type=ResponsiblePartyType.PRINCIPAL_INVESTIGATOR, name="Ann Lee",
                                           title="Professor", affiliation="Uni"),
        "officials": (Official(name="Ann Lee", role=OfficialRole.PRINCIPAL_INVESTIGATOR, affiliation="Uni"),
                   Official(name="Bo Chen", role=OfficialRole.STUDY_CHAIR)),
        "locations": (Location(facility="City Hospital", city="Oslo", zip="0123", country="Norway",
                            status=RecruitmentStatus.COMPLETED, geo=GeoPoint(lat=59.9, lon=10.7)),),
        "countries": ("Norway",), "removed_countries": ("Sweden",),
        "references": (Reference(citation="Lee A. Pain. 2021.", type=ReferenceType.RESULT, pmid="12345678",
                              doi="10.1000/xyz"),),
        "identifiers": (Identifier(value="ACME-1", source=IdentifierSource.ORG_STUDY_ID),
                     Identifier(value="2019-001234-56", source=IdentifierSource.SECONDARY_ID,
                                type=IdentifierType.EUDRACT_NUMBER, registry=Registry.EUDRACT),
                     Identifier(value="R01 AB123", source=IdentifierSource.SECONDARY_ID, type=IdentifierType.NIH,
                                domain="NIH"),
                     Identifier(value="NCT07654321", source=IdentifierSource.NCT_ALIAS, registry=Registry.NCT)),
    }
    fields.update(changes)
    return Trial(**fields)


@cache
def corpus_studies() -> tuple[tuple[Path, dict[str, Any], Trial], ...]:
    """(file, v2 source, record read from it) for every v2 JSON study of the corpus (or samples/), read once."""
    from trialparse._readers.ctgov_json import read_json

    out = []
    for path in json_files():
        source = json.loads(path.read_text(encoding="utf-8"))
        out.append((path, source, read_json(source, name=str(path))))
    return tuple(out)
