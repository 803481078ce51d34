"""The real scraped page NCT01408199, every field checked against values written by hand."""

from __future__ import annotations

import datetime as dt

import pytest

import trialparse
from tests.conftest import REAL_PAGE
from trialparse.model import (
    AgencyClass,
    AgeUnit,
    Allocation,
    ArmGroupType,
    IdentifierSource,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    PartialDate,
    Phase,
    PrimaryPurpose,
    ReferenceType,
    Registry,
    Sex,
    SponsorRole,
    StudyType,
    Trial,
)


@pytest.fixture(scope="module")
def trial() -> Trial:
    return trialparse.parse_file(REAL_PAGE)


def test_basic_information(trial: Trial) -> None:
    """Title, id, dates, status, phase, enrollment and study type as the page prints them."""
    assert trial.nct_id == "NCT01408199"
    assert trial.title == "Study To Evaluate The Safety And Efficacy Of Lenalidomide For Refractory Cutaneous Lupus"
    assert trial.last_updated == dt.date(2011, 8, 3)
    assert trial.has_results is False
    assert trial.overall_status is OverallStatus.COMPLETED
    assert trial.phases == (Phase.PHASE4,)
    assert trial.study_type is StudyType.INTERVENTIONAL
    assert trial.enrollment is not None and trial.enrollment.count == 15
    assert trial.start_date is not None and trial.start_date.date == PartialDate(year=2010, month=1, day=31)
    assert trial.completion_date is not None and trial.completion_date.date == PartialDate(year=2011, month=8, day=31)
    assert trial.primary_completion_date is None


def test_texts(trial: Trial) -> None:
    """Summary kept whole, the empty Detailed Description is absent, one condition."""
    assert trial.brief_summary is not None
    assert trial.brief_summary.startswith("Cutaneous Lupus is frequent.")
    assert trial.brief_summary.endswith("at the end of follow up.")
    assert trial.detailed_description is None
    assert trial.conditions == ("Cutaneous Lupus",)


def test_design_arm_and_intervention(trial: Trial) -> None:
    """Design rows, the one arm with its intervention, and the intervention linked back to the arm."""
    assert trial.design is not None
    assert trial.design.allocation is Allocation.NA
    assert trial.design.intervention_model is InterventionModel.SINGLE_GROUP
    assert trial.design.primary_purpose is PrimaryPurpose.TREATMENT
    assert trial.design.masking is Masking.NONE
    description = ("5 mg daily will be administered until the achievement of complete response, and then tapered "
                   "progressively according to clinical response")
    (arm,) = trial.arms
    assert (arm.label, arm.type, arm.intervention_names) == ("Lenalidomide Group", ArmGroupType.EXPERIMENTAL,
                                                             ("Lenalidomide",))
    assert arm.description == description
    (drug,) = trial.interventions
    assert (drug.name, drug.type, drug.description) == ("Lenalidomide", InterventionType.DRUG, description)
    assert drug.arm_labels == ("Lenalidomide Group",)


def test_eligibility(trial: Trial) -> None:
    """5 inclusion and 10 exclusion items, Markdown escapes removed from items but kept in the raw criteria."""
    e = trial.eligibility
    assert e is not None
    assert len(e.inclusion) == 5 and len(e.exclusion) == 10
    assert e.inclusion[0] == "Age over 18 years"
    assert e.inclusion[-1] == "No pregnancy or wish to become pregnant during the study period."
    assert e.exclusion[1] == ("Severe thrombocytopenia (<30x10E9 cells/L) or leucopoenia (<1500x10E9), known at "
                              "least 30 days prior to the onset of the study,")
    assert e.exclusion[4] == "Presence of moderate-severe renal impairment (FG <30 ml/min)"
    assert e.exclusion[-1] == "HIV, B or C hepatitis"
    assert e.criteria is not None and "(\\<30x10E9 cells/L)" in e.criteria
    assert e.criteria.startswith("Inclusion Criteria") and e.criteria.endswith("HIV, B or C hepatitis")
    assert (e.minimum_age.value, e.minimum_age.unit) == (18, AgeUnit.YEARS)  # type: ignore[union-attr]
    assert (e.maximum_age.value, e.maximum_age.unit) == (65, AgeUnit.YEARS)  # type: ignore[union-attr]
    assert e.sex is Sex.ALL
    assert e.healthy_volunteers is False


def test_parties(trial: Trial) -> None:
    """Lead sponsor with class and role, old-style responsible party, the investigator."""
    (sponsor,) = trial.sponsors
    assert sponsor.name == "Hospital Universitari Vall d'Hebron Research Institute"
    assert (sponsor.agency_class, sponsor.role) == (AgencyClass.OTHER, SponsorRole.LEAD)
    assert trial.responsible_party is not None
    assert trial.responsible_party.organization == "VALL D'HEBRON HOSPITAL"
    assert trial.responsible_party.type is None and trial.responsible_party.name is None
    (official,) = trial.officials
    assert official.name == "JOSEP ORDI-ROS, M"
    assert official.role is OfficialRole.PRINCIPAL_INVESTIGATOR
    assert official.affiliation == "VALL D'HEBRON HOSPITAL"


def test_places(trial: Trial) -> None:
    """The site with an empty Site Status, and its country."""
    (site,) = trial.locations
    assert (site.facility, site.city, site.state, site.country) == ("Vall D'Hebron Hospital", "Barcelona",
                                                                     "Barcelona", "Spain")
    assert site.status is None
    assert trial.countries == ("Spain",)


def test_reference_and_identifier(trial: Trial) -> None:
    """Reference with type, PMID and the DOI found in its citation; the org study id is a EudraCT number."""
    (ref,) = trial.references
    assert ref.type is ReferenceType.DERIVED
    assert ref.pmid == "23217273"
    assert ref.doi == "10.1186/ar4111"
    assert ref.citation is not None and ref.citation.startswith("Cortes-Hernandez J, Avila G")
    (ident,) = trial.identifiers
    assert (ident.value, ident.source, ident.type, ident.registry) == (
        "2009-016508-21", IdentifierSource.ORG_STUDY_ID, None, Registry.EUDRACT)


def test_related_trials(trial: Trial) -> None:
    """Both related trials with their statuses and phases (PHASE1/PHASE2 split in order)."""
    first, second = trial.related_trials
    assert (first.nct_id, first.title, first.overall_status, first.phases) == (
        "NCT02428309", "Autologous Polyclonal Tregs for Lupus", OverallStatus.TERMINATED, (Phase.PHASE1,))
    assert (second.nct_id, second.title, second.overall_status, second.phases) == (
        "NCT06189157", "MB-CART19.1 in Refractory SLE", OverallStatus.RECRUITING, (Phase.PHASE1, Phase.PHASE2))


def test_nothing_left_over(trial: Trial) -> None:
    """Every line of the real page is understood: no unparsed lines, no issues."""
    assert trial.unparsed == ()
    assert trial.issues == ()
