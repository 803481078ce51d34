"""Trial → the WHO ICTRP Trial Registration Data Set (TRDS): its 24 items, in order, every key present.

An item the record cannot fill (outcomes, ethics review, IPD sharing, public contact) is null. Mapping and losses:
docs/exports/who-trds.md.
"""

from __future__ import annotations

from trialparse.export.ctgov import JSON, age_text, compact
from trialparse.model import (
    Design,
    IdentifierSource,
    OverallStatus,
    SponsorRole,
    Trial,
    TrialDate,
)

# (item number, key in the output, WHO item name)
ITEMS: tuple[tuple[int, str, str], ...] = (
    (1, "primary_registry_and_trial_id", "Primary Registry and Trial Identifying Number"),
    (2, "date_of_registration", "Date of Registration in Primary Registry"),
    (3, "secondary_ids", "Secondary Identifying Numbers"),
    (4, "sources_of_support", "Source(s) of Monetary or Material Support"),
    (5, "primary_sponsor", "Primary Sponsor"),
    (6, "secondary_sponsors", "Secondary Sponsor(s)"),
    (7, "contact_for_public_queries", "Contact for Public Queries"),
    (8, "contact_for_scientific_queries", "Contact for Scientific Queries"),
    (9, "public_title", "Public Title"),
    (10, "scientific_title", "Scientific Title"),
    (11, "countries_of_recruitment", "Countries of Recruitment"),
    (12, "health_conditions", "Health Condition(s) or Problem(s) Studied"),
    (13, "interventions", "Intervention(s)"),
    (14, "key_inclusion_exclusion_criteria", "Key Inclusion and Exclusion Criteria"),
    (15, "study_type", "Study Type"),
    (16, "date_of_first_enrollment", "Date of First Enrollment"),
    (17, "sample_size", "Sample Size"),
    (18, "recruitment_status", "Recruitment Status"),
    (19, "primary_outcomes", "Primary Outcome(s)"),
    (20, "key_secondary_outcomes", "Key Secondary Outcomes"),
    (21, "ethics_review", "Ethics Review"),
    (22, "completion_date", "Completion Date"),
    (23, "summary_results", "Summary Results"),
    (24, "ipd_sharing_statement", "IPD Sharing Statement"),
)

# TRDS recruitment status vocabulary: Pending | Recruiting | Suspended | Complete | Other.
RECRUITMENT: dict[OverallStatus, str] = {
    OverallStatus.NOT_YET_RECRUITING: "Pending",
    OverallStatus.RECRUITING: "Recruiting",
    OverallStatus.ENROLLING_BY_INVITATION: "Recruiting",
    OverallStatus.AVAILABLE: "Recruiting",
    OverallStatus.SUSPENDED: "Suspended",
    OverallStatus.TEMPORARILY_NOT_AVAILABLE: "Suspended",
    OverallStatus.ACTIVE_NOT_RECRUITING: "Complete",
    OverallStatus.COMPLETED: "Complete",
    OverallStatus.TERMINATED: "Complete",
    OverallStatus.NO_LONGER_AVAILABLE: "Complete",
    OverallStatus.APPROVED_FOR_MARKETING: "Complete",
}


def to_who_trds(trial: Trial) -> JSON:
    """The 24 TRDS items keyed as in `ITEMS`; null where the record holds nothing for the item."""
    values: JSON = {
        "primary_registry_and_trial_id": _primary_id(trial),
        # CT.gov's first-posted day stands in for the registration date (the submit date is not in the model).
        "date_of_registration": trial.first_posted.isoformat() if trial.first_posted else None,
        "secondary_ids": _secondary_ids(trial),
        "sources_of_support": [s.name for s in trial.sponsors] or None,
        "primary_sponsor": next((s.name for s in trial.sponsors if s.role is SponsorRole.LEAD), None),
        "secondary_sponsors": [s.name for s in trial.sponsors if s.role is SponsorRole.COLLABORATOR] or None,
        "contact_for_scientific_queries": [
            compact({"name": o.name, "affiliation": o.affiliation, "role": o.role}) for o in trial.officials
        ] or None,
        "public_title": trial.title,
        "scientific_title": compact({"title": trial.official_title, "acronym": trial.acronym}) or None,
        "countries_of_recruitment": list(trial.countries) or None,
        "health_conditions": compact({"conditions": list(trial.conditions), "keywords": list(trial.keywords)}) or None,
        "interventions": [
            compact({"name": i.name, "type": i.type, "description": i.description, "other_names": list(i.other_names)})
            for i in trial.interventions
        ] or None,
        "key_inclusion_exclusion_criteria": _criteria(trial),
        "study_type": _study_type(trial),
        "date_of_first_enrollment": _date(trial.start_date),
        "sample_size": compact({"count": trial.enrollment.count, "type": trial.enrollment.type})
        if trial.enrollment else None,
        "recruitment_status": _recruitment(trial.overall_status),
        "completion_date": compact({"primary": _date(trial.primary_completion_date),
                                    "study": _date(trial.completion_date)}) or None,
        "summary_results": {"results_available": trial.has_results} if trial.has_results is not None else None,
    }
    return {key: values.get(key) for _, key, _ in ITEMS}


def _primary_id(trial: Trial) -> JSON | None:
    if trial.nct_id is None:
        return None
    return {"registry": "ClinicalTrials.gov", "id": trial.nct_id}


def _secondary_ids(trial: Trial) -> list[JSON] | None:
    lead = next((s.name for s in trial.sponsors if s.role is SponsorRole.LEAD), None)
    out = []
    for ident in trial.identifiers:
        # Each TRDS secondary id is "issuing authority + number"; the org study id is issued by the sponsor.
        authority = ident.domain or (ident.registry.value if ident.registry else None)
        if ident.source is IdentifierSource.ORG_STUDY_ID:
            authority = authority or lead
        out.append(compact({"issuing_authority": authority, "id": ident.value, "type": ident.type}))
    return out or None


def _criteria(trial: Trial) -> JSON | None:
    e = trial.eligibility
    if e is None:
        return None
    return compact({
        "inclusion": list(e.inclusion),
        "exclusion": list(e.exclusion),
        "criteria": e.criteria,
        "minimum_age": age_text(e.minimum_age),
        "maximum_age": age_text(e.maximum_age),
        "sex": e.sex,
        "healthy_volunteers": e.healthy_volunteers,
    }) or None


def _study_type(trial: Trial) -> JSON | None:
    d = trial.design or Design()
    return compact({
        "study_type": trial.study_type,
        "allocation": d.allocation,
        "assignment": d.intervention_model,
        "masking": d.masking,
        "who_masked": list(d.who_masked),
        "purpose": d.primary_purpose,
        "observational_model": d.observational_model,
        "time_perspective": d.time_perspective,
        "phase": "/".join(trial.phases) or None,
    }) or None


def _date(value: TrialDate | None) -> JSON | None:
    if value is None:
        return None
    return compact({"date": value.date.isoformat(), "type": value.type})


def _recruitment(status: OverallStatus | None) -> JSON | None:
    if status is None:
        return None
    return {"status": RECRUITMENT.get(status, "Other"), "registry_status": status.value}
