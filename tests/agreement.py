"""Projection of a record onto what a study page shows, for page ↔ v2 JSON agreement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from trialparse._normalize.dates import month_end
from trialparse.model import ResponsibleParty, Trial, TrialDate


def _date(value: TrialDate | None) -> str | None:
    # The page fills month-only dates with the month's last day and shows no date type.
    return None if value is None else month_end(value.date).isoformat()


def _strip(text: str | None) -> str | None:
    return text.strip() or None if text else None


def _party(party: ResponsibleParty | None) -> ResponsibleParty | None:
    # An old-style party (no type) is shown by its organization only; its name/title line is not on the page.
    if party is not None and party.type is None:
        return attrs.evolve(party, name=None)
    return party


# Field name → projection of a Trial onto what the page shows of that field.
PAGE_FIELDS: dict[str, Callable[[Trial], Any]] = {
    "nct_id": lambda t: t.nct_id,
    "title": lambda t: t.title,
    "last_updated": lambda t: t.last_updated,
    "has_results": lambda t: t.has_results,
    "overall_status": lambda t: t.overall_status,
    "phases": lambda t: t.phases,
    "study_type": lambda t: t.study_type,
    "enrollment.count": lambda t: t.enrollment.count if t.enrollment else None,
    "start_date": lambda t: _date(t.start_date),
    "completion_date": lambda t: _date(t.completion_date),
    "brief_summary": lambda t: _strip(t.brief_summary),
    "detailed_description": lambda t: _strip(t.detailed_description),
    "conditions": lambda t: t.conditions,
    "design": lambda t: None if t.design is None else attrs.evolve(
        t.design, who_masked=(), masking_description=None, patient_registry=None,
        intervention_model_description=_strip(t.design.intervention_model_description)),
    "arms": lambda t: [(a.label, a.type, _strip(a.description), a.intervention_names) for a in t.arms],
    "interventions": lambda t: [(i.name, i.type, _strip(i.description)) for i in t.interventions],
    "eligibility.criteria": lambda t: _strip(t.eligibility.criteria) if t.eligibility else None,
    "eligibility.inclusion": lambda t: t.eligibility.inclusion if t.eligibility else (),
    "eligibility.exclusion": lambda t: t.eligibility.exclusion if t.eligibility else (),
    "eligibility.ages": lambda t: (t.eligibility.minimum_age, t.eligibility.maximum_age) if t.eligibility else None,
    "eligibility.sex": lambda t: t.eligibility.sex if t.eligibility else None,
    "eligibility.healthy_volunteers": lambda t: t.eligibility.healthy_volunteers if t.eligibility else None,
    "sponsors": lambda t: t.sponsors,
    "responsible_party": lambda t: _party(t.responsible_party),
    "officials": lambda t: t.officials,
    "countries": lambda t: t.countries,
    "references": lambda t: t.references,
    "identifiers": lambda t: t.identifiers and [attrs.evolve(i, domain=None) for i in t.identifiers],
}


# Fields of list items, counted per item (a study with 300 sites has 300 chances to differ).
ITEM_FIELDS: dict[str, Callable[[Trial], list[Any]]] = {
    "locations[].facility": lambda t: [x.facility for x in t.locations],
    "locations[].city": lambda t: [x.city for x in t.locations],
    "locations[].state": lambda t: [x.state for x in t.locations],
    "locations[].country": lambda t: [x.country for x in t.locations],
    "locations[].status": lambda t: [x.status for x in t.locations],
}


def disagreements(page: Trial, truth: Trial) -> dict[str, tuple[Any, Any]]:
    """Fields where the page record and the source record differ: name → (page value, truth value)."""
    out = {}
    for name, view in PAGE_FIELDS.items():
        a, b = view(page), view(truth)
        if a != b:
            out[name] = (a, b)
    return out


def item_agreement(page: Trial, truth: Trial) -> dict[str, tuple[int, int]]:
    """Per item field: (items that agree, items in the source); a missing or extra item counts as a miss."""
    out = {}
    for name, view in ITEM_FIELDS.items():
        a, b = view(page), view(truth)
        same = sum(x == y for x, y in zip(a, b, strict=False))
        out[name] = (same, max(len(a), len(b)))
    return out
