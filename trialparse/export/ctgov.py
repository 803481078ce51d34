"""Trial → ClinicalTrials.gov API v2 study JSON (`protocolSection` modules, v2 enum values, partial dates).

Keys whose value is absent are left out, as the API does. What the model does not hold (outcomes, contacts, oversight,
IPD sharing, submission dates, ...) cannot be written: see docs/exports/ctgov.md.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from trialparse.model import (
    Age,
    Arm,
    Design,
    Eligibility,
    IdentifierSource,
    Intervention,
    InterventionType,
    Location,
    Official,
    Reference,
    ResponsibleParty,
    Sponsor,
    SponsorRole,
    Trial,
    TrialDate,
)

JSON = dict[str, Any]


def compact(mapping: JSON) -> JSON:
    """The mapping without absent values (None, empty lists and objects; False and 0 stay), enums as plain strings."""
    return {k: _plain(v) for k, v in mapping.items() if v is not None and v not in ([], {})}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def to_ctgov(trial: Trial) -> JSON:
    """The record as a CT.gov API v2 study object."""
    types = _intervention_types(trial)  # once: every arm looks its interventions up in it
    protocol = compact({
        "identificationModule": _identification(trial),
        "statusModule": _status(trial),
        "sponsorCollaboratorsModule": _sponsors(trial),
        "descriptionModule": compact({
            "briefSummary": trial.brief_summary,
            "detailedDescription": trial.detailed_description,
        }),
        "conditionsModule": compact({"conditions": list(trial.conditions), "keywords": list(trial.keywords)}),
        "designModule": _design(trial),
        "armsInterventionsModule": compact({
            "armGroups": [_arm(a, types) for a in trial.arms],
            "interventions": [_intervention(i) for i in trial.interventions],
        }),
        "eligibilityModule": _eligibility(trial.eligibility),
        "contactsLocationsModule": compact({
            "overallOfficials": [_official(o) for o in trial.officials],
            "locations": [_location(loc) for loc in trial.locations],
        }),
        "referencesModule": compact({"references": [_reference(r) for r in trial.references]}),
    })
    misc = compact({"removedCountries": list(trial.removed_countries)})
    return compact({
        "protocolSection": protocol,
        "derivedSection": compact({"miscInfoModule": misc}),
        "hasResults": trial.has_results,
    })


def _identification(trial: Trial) -> JSON:
    ids = {kind: [i for i in trial.identifiers if i.source is kind] for kind in IdentifierSource}
    org = ids[IdentifierSource.ORG_STUDY_ID]
    return compact({
        "nctId": trial.nct_id,
        "nctIdAliases": [i.value for i in ids[IdentifierSource.NCT_ALIAS]],
        # v2 has one org study id; a record holds at most one (extra ones would be a reader bug, not data).
        "orgStudyIdInfo": compact({"id": org[0].value, "type": org[0].type}) if org else None,
        "secondaryIdInfos": [
            compact({"id": i.value, "type": i.type, "domain": i.domain}) for i in ids[IdentifierSource.SECONDARY_ID]
        ],
        "briefTitle": trial.title,
        "officialTitle": trial.official_title,
        "acronym": trial.acronym,
    })


def _status(trial: Trial) -> JSON:
    return compact({
        "overallStatus": trial.overall_status,
        "whyStopped": trial.why_stopped,
        "startDateStruct": _date_struct(trial.start_date),
        "primaryCompletionDateStruct": _date_struct(trial.primary_completion_date),
        "completionDateStruct": _date_struct(trial.completion_date),
        # Posted dates: the model keeps the day, not whether CT.gov marked it ACTUAL or ESTIMATED.
        "studyFirstPostDateStruct": {"date": trial.first_posted.isoformat()} if trial.first_posted else None,
        "lastUpdatePostDateStruct": {"date": trial.last_updated.isoformat()} if trial.last_updated else None,
    })


def _date_struct(value: TrialDate | None) -> JSON | None:
    if value is None:
        return None
    return compact({"date": value.date.isoformat(), "type": value.type})


def _sponsors(trial: Trial) -> JSON:
    lead = next((s for s in trial.sponsors if s.role is SponsorRole.LEAD), None)
    return compact({
        "responsibleParty": _responsible(trial.responsible_party),
        "leadSponsor": _sponsor(lead) if lead else None,
        "collaborators": [_sponsor(s) for s in trial.sponsors if s.role is SponsorRole.COLLABORATOR],
    })


def _sponsor(sponsor: Sponsor) -> JSON:
    return compact({"name": sponsor.name, "class": sponsor.agency_class})


def _responsible(party: ResponsibleParty | None) -> JSON | None:
    if party is None:
        return None
    if party.organization is not None:  # old-style party (before 2017): free-text name/title and organization
        return compact({"type": party.type, "oldNameTitle": party.name, "oldOrganization": party.organization})
    return compact({
        "type": party.type,
        "investigatorFullName": party.name,
        "investigatorTitle": party.title,
        "investigatorAffiliation": party.affiliation,
    })


def _design(trial: Trial) -> JSON:
    design = trial.design or Design()
    enrollment = trial.enrollment
    return compact({
        "studyType": trial.study_type,
        "patientRegistry": design.patient_registry,
        "phases": list(trial.phases),
        "designInfo": _design_info(design),
        "enrollmentInfo": compact({"count": enrollment.count, "type": enrollment.type}) if enrollment else None,
    })


def _design_info(design: Design) -> JSON:
    return compact({
        "allocation": design.allocation,
        "interventionModel": design.intervention_model,
        "interventionModelDescription": design.intervention_model_description,
        "primaryPurpose": design.primary_purpose,
        "observationalModel": design.observational_model,
        "timePerspective": design.time_perspective,
        "maskingInfo": compact({
            "masking": design.masking,
            "maskingDescription": design.masking_description,
            "whoMasked": list(design.who_masked),
        }),
    })


def _intervention_types(trial: Trial) -> dict[str, InterventionType]:
    return {i.name: i.type for i in trial.interventions if i.type is not None}


def _arm(arm: Arm, types: dict[str, InterventionType]) -> JSON:
    return compact({
        "label": arm.label,
        "type": arm.type,
        "description": arm.description,
        "interventionNames": [_typed_name(n, types.get(n)) for n in arm.intervention_names],
    })


def _typed_name(name: str, kind: InterventionType | None) -> str:
    """v2 arm intervention names carry the type: "Drug: Aspirin", "Dietary Supplement: Vitamin D"."""
    return f"{kind.value.replace('_', ' ').title()}: {name}" if kind else name


def _intervention(item: Intervention) -> JSON:
    return compact({
        "type": item.type,
        "name": item.name,
        "description": item.description,
        "armGroupLabels": list(item.arm_labels),
        "otherNames": list(item.other_names),
    })


def _eligibility(elig: Eligibility | None) -> JSON | None:
    if elig is None:
        return None
    return compact({
        "eligibilityCriteria": elig.criteria,
        "healthyVolunteers": elig.healthy_volunteers,
        "sex": elig.sex,
        "minimumAge": age_text(elig.minimum_age),
        "maximumAge": age_text(elig.maximum_age),
        "stdAges": list(elig.std_ages),
        "studyPopulation": elig.study_population,
        "samplingMethod": elig.sampling_method,
    })


def age_text(age: Age | None) -> str | None:
    """v2 age text: "18 Years", "1 Month" (singular for one, as CT.gov writes it)."""
    if age is None:
        return None
    unit = age.unit.value.capitalize()
    return f"{age.value} {unit[:-1] if age.value == 1 else unit}"


def _official(official: Official) -> JSON:
    return compact({"name": official.name, "affiliation": official.affiliation, "role": official.role})


def _location(loc: Location) -> JSON:
    return compact({
        "facility": loc.facility,
        "status": loc.status,
        "city": loc.city,
        "state": loc.state,
        "zip": loc.zip,
        "country": loc.country,
        "geoPoint": {"lat": loc.geo.lat, "lon": loc.geo.lon} if loc.geo else None,
    })


def _reference(ref: Reference) -> JSON:
    # v2 has no DOI field: a DOI the reader found lives in the citation text it came from.
    return compact({"pmid": ref.pmid, "type": ref.type, "citation": ref.citation})
