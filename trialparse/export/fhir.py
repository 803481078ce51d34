"""Trial → FHIR ResearchStudy (R5 or R4B), with sponsors, investigators, sites and eligibility as contained resources.

Every lossy step is named in docs/exports/fhir.md. Codes come from export/fhir_codes.py; a value with no code in the
FHIR value set goes out as a text-only CodeableConcept rather than a wrong code.
"""

from __future__ import annotations

from typing import Any, Literal

from trialparse.export import fhir_codes as codes
from trialparse.export.ctgov import JSON, compact
from trialparse.model import (
    Age,
    Arm,
    DateType,
    Eligibility,
    EnrollmentType,
    Identifier,
    IdentifierSource,
    Intervention,
    Location,
    Official,
    Phase,
    Reference,
    ResponsiblePartyType,
    Sponsor,
    SponsorRole,
    Trial,
    TrialDate,
)

Version = Literal["R5", "R4B"]


def to_fhir(trial: Trial, version: Version = "R5") -> JSON:
    """The record as a ResearchStudy resource of FHIR `version` ("R5" or "R4B")."""
    if version == "R5":
        return _r5(trial)
    if version == "R4B":
        return _r4b(trial)
    raise ValueError(f"unknown FHIR version {version!r}: expected 'R5' or 'R4B'")


# --- small builders ----------------------------------------------------------------------------


def coded(system: str, code: str, text: str | None = None) -> JSON:
    return compact({"coding": [{"system": system, "code": code}], "text": text})


def text_concept(text: str) -> JSON:
    return {"text": text}


def _ref(resource: JSON) -> JSON:
    return {"reference": f"#{resource['id']}"}


def _label(value: str) -> str:
    """A v2 enum value as words: "ACTIVE_NOT_RECRUITING" → "Active not recruiting"."""
    return value.replace("_", " ").capitalize()


def _period(trial: Trial) -> JSON | None:
    # FHIR dateTime takes YYYY, YYYY-MM and YYYY-MM-DD, so partial dates keep their precision.
    return compact({"start": _iso(trial.start_date), "end": _iso(trial.completion_date)}) or None


def _iso(value: TrialDate | None) -> str | None:
    return value.date.isoformat() if value else None


def phase_concept(phases: tuple[Phase, ...]) -> JSON | None:
    """One phase code; a combination FHIR has no code for (e.g. PHASE3+PHASE4) goes out as text only."""
    if not phases:
        return None
    text = "/".join(p.value for p in phases)
    code = codes.PHASES.get(phases)
    return coded(codes.PHASE_SYSTEM, code, text) if code else text_concept(text)


def _purpose(trial: Trial) -> JSON | None:
    purpose = trial.design.primary_purpose if trial.design else None
    if purpose is None:
        return None
    code = codes.PURPOSES.get(purpose)
    return coded(codes.PURPOSE_SYSTEM, code, purpose.value) if code else text_concept(purpose.value)


def _design_concepts(trial: Trial) -> list[JSON]:
    """Study type and design as text concepts "<item>: <v2 value>" (FHIR's study-design codes are SEVCO ones)."""
    d = trial.design
    items: list[tuple[str, Any]] = [("Study type", trial.study_type)]
    if d is not None:
        items += [("Allocation", d.allocation), ("Intervention model", d.intervention_model),
                  ("Masking", d.masking), ("Who masked", ", ".join(d.who_masked) or None),
                  ("Observational model", d.observational_model), ("Time perspective", d.time_perspective),
                  ("Patient registry", None if d.patient_registry is None else str(d.patient_registry).lower())]
    return [text_concept(f"{name}: {value}") for name, value in items if value is not None]


# --- identifiers and references ----------------------------------------------------------------


def _identifiers(trial: Trial) -> list[JSON]:
    out = [{"use": "official", "system": codes.NCT_SYSTEM, "value": trial.nct_id}] if trial.nct_id else []
    return out + [_identifier(i) for i in trial.identifiers]


def _identifier(ident: Identifier) -> JSON:
    use = {IdentifierSource.ORG_STUDY_ID: "usual", IdentifierSource.NCT_ALIAS: "old"}.get(ident.source, "secondary")
    system = codes.REGISTRY_SYSTEMS.get(ident.registry) if ident.registry else None
    return compact({
        "use": use,
        "type": text_concept(ident.type.value) if ident.type else None,
        "system": system,
        "value": ident.value,
        "assigner": {"display": ident.domain} if ident.domain else None,
    })


def _artifact(ref: Reference, version: Version) -> JSON:
    pubmed = f"{codes.PUBMED}{ref.pmid}/" if ref.pmid else None
    doi = {"url": f"{codes.DOI}{ref.doi}"} if ref.doi else None
    common = {"type": "citation", "citation": ref.citation}
    if version == "R4B":  # R4B has `url`; the reference type (background/result/derived) has no element
        return compact({**common, "url": pubmed, "document": doi})
    return compact({
        **common,
        "classifier": [text_concept(ref.type.value)] if ref.type else None,
        "resourceReference": {"identifier": {"system": codes.PUBMED, "value": ref.pmid}} if ref.pmid else None,
        "document": doi or ({"url": pubmed} if pubmed else None),
    })


# --- contained resources -----------------------------------------------------------------------


def _organization(sponsor: Sponsor, rid: str) -> JSON:
    return {"resourceType": "Organization", "id": rid, "name": sponsor.name}


def _site(loc: Location, rid: str) -> JSON:
    address = compact({"city": loc.city, "state": loc.state, "postalCode": loc.zip, "country": loc.country})
    position = {"latitude": loc.geo.lat, "longitude": loc.geo.lon} if loc.geo else None
    return compact({"resourceType": "Location", "id": rid, "name": loc.facility, "address": address or None,
                    "position": position})


def _person(name: str, affiliation: str | None, rid: str) -> list[JSON]:
    """A Practitioner and, when there is an affiliation, the PractitionerRole tying them to it (referenced)."""
    person = {"resourceType": "Practitioner", "id": rid, "name": [{"text": name}]}
    if affiliation is None:
        return [person]
    role = {"resourceType": "PractitionerRole", "id": f"{rid}-role", "practitioner": _ref(person),
            "organization": {"display": affiliation}}
    return [role, person]  # the first one is what the study refers to


def _quantity(age: Age) -> JSON:
    code, unit = codes.UCUM_AGE[age.unit]
    return {"value": age.value, "unit": unit, "system": codes.UCUM, "code": code}


def _characteristics(elig: Eligibility, with_criteria: bool) -> list[JSON]:
    found: list[tuple[JSON, str, Any]] = []
    if elig.minimum_age or elig.maximum_age:
        low = _quantity(elig.minimum_age) if elig.minimum_age else None
        high = _quantity(elig.maximum_age) if elig.maximum_age else None
        found.append((coded(codes.LOINC, *codes.LOINC_AGE), "valueRange", compact({"low": low, "high": high})))
    if elig.sex in codes.SEXES:  # ALL is no restriction: no characteristic
        found.append((coded(codes.LOINC, *codes.LOINC_SEX), "valueCodeableConcept",
                      coded(codes.GENDER_SYSTEM, codes.SEXES[elig.sex])))
    texts = [("Eligibility criteria", elig.criteria if with_criteria else None),
             ("Study population", elig.study_population),
             ("Sampling method", elig.sampling_method and _label(elig.sampling_method))]
    found += [(text_concept(name), "valueCodeableConcept", text_concept(value)) for name, value in texts if value]
    if elig.healthy_volunteers is not None:
        found.append((text_concept("Accepts healthy volunteers"), "valueBoolean", elig.healthy_volunteers))
    return [{"code": code, key: value, "exclude": False} for code, key, value in found]


# --- parties -----------------------------------------------------------------------------------


class _Parties:
    """Sponsors, officials and the responsible party as R5 associatedParty entries plus their contained resources."""

    def __init__(self, trial: Trial) -> None:
        self.contained: list[JSON] = []
        self.entries: list[JSON] = []
        for n, sponsor in enumerate(trial.sponsors, 1):
            self._sponsor(sponsor, f"org-{n}")
        for n, official in enumerate(trial.officials, 1):
            self._official(official, f"official-{n}")
        self._responsible(trial)

    def _add(self, name: str | None, role: str, party: JSON | None, classifier: JSON | None = None) -> None:
        self.entries.append(compact({
            "name": name,
            "role": coded(codes.PARTY_ROLE_SYSTEM, role),
            "classifier": [classifier] if classifier else None,
            "party": _ref(party) if party else None,
        }))

    def _sponsor(self, sponsor: Sponsor, rid: str) -> None:
        org = _organization(sponsor, rid)
        self.contained.append(org)
        kind = sponsor.agency_class
        code = codes.AGENCY_CLASSES.get(kind) if kind else None
        classifier = coded(codes.PARTY_ORG_TYPE_SYSTEM, code, kind) if code else (text_concept(kind) if kind else None)
        role = "lead-sponsor" if sponsor.role is SponsorRole.LEAD else "collaborator"
        self._add(sponsor.name, role, org, classifier)

    def _official(self, official: Official, rid: str) -> None:
        resources = _person(official.name, official.affiliation, rid)
        self.contained += resources
        # An official without a role is still a study official; "general-contact" is the nearest neutral role.
        role = codes.OFFICIAL_ROLES.get(official.role) if official.role else None
        self._add(official.name, role or "general-contact", resources[0])

    def _responsible(self, trial: Trial) -> None:
        party = trial.responsible_party
        # A SPONSOR responsible party is the lead sponsor already listed; investigators are added with their role.
        if party is None or party.name is None or party.type is ResponsiblePartyType.SPONSOR:
            return
        resources = _person(party.name, party.affiliation or party.organization, "responsible")
        self.contained += resources
        role = "sponsor-investigator" if party.type is ResponsiblePartyType.SPONSOR_INVESTIGATOR else (
            "primary-investigator")
        self._add(party.name, role, resources[0])


# --- R5 ------------------------------------------------------------------------------------------


def _r5(trial: Trial) -> JSON:
    parties = _Parties(trial)
    sites = [_site(loc, f"site-{n}") for n, loc in enumerate(trial.locations, 1)]
    exposures = [_exposure(i, f"intervention-{n}") for n, i in enumerate(trial.interventions, 1)]
    eligibility = _r5_eligibility(trial.eligibility)
    contained = parties.contained + sites + exposures + ([eligibility] if eligibility else [])
    return compact({
        "resourceType": "ResearchStudy",
        "id": trial.nct_id,
        "contained": contained,
        "identifier": _identifiers(trial),
        "title": trial.title,
        "label": _r5_labels(trial),
        "relatedArtifact": [_artifact(r, "R5") for r in trial.references],
        "date": trial.last_updated.isoformat() if trial.last_updated else None,
        # PublicationStatus is about this resource, not the study: a registry record is published, so active.
        "status": "active",
        "primaryPurposeType": _purpose(trial),
        "phase": phase_concept(trial.phases),
        "studyDesign": _design_concepts(trial),
        "focus": [{"concept": text_concept(e["title"]), "reference": _ref(e)} for e in exposures],
        "condition": [text_concept(c) for c in trial.conditions],
        "keyword": [text_concept(k) for k in trial.keywords],
        "region": [text_concept(c) for c in trial.countries],
        "descriptionSummary": trial.brief_summary,
        "description": trial.detailed_description,
        "period": _period(trial),
        "site": [_ref(s) for s in sites],
        "associatedParty": parties.entries,
        "progressStatus": _progress(trial),
        "whyStopped": text_concept(trial.why_stopped) if trial.why_stopped else None,
        "recruitment": _recruitment(trial, eligibility),
        "comparisonGroup": [_comparison_group(trial, n, [exposures[at] for at in linked])
                            for n, linked in enumerate(_arm_links(trial))],
    })


def _r5_labels(trial: Trial) -> list[JSON]:
    pairs = [("official", trial.official_title), ("acronym", trial.acronym)]
    return [{"type": coded(codes.TITLE_TYPE_SYSTEM, kind), "value": value} for kind, value in pairs if value]


def _progress(trial: Trial) -> list[JSON]:
    """The current state, then the dated milestones; `actual` is CT.gov's ACTUAL/ESTIMATED date type."""
    out: list[JSON] = []
    status = trial.overall_status
    if status is not None:
        code = codes.R5_STATE.get(status)
        out.append({"state": coded(codes.STATUS_SYSTEM, code, status.value) if code else text_concept(status.value)})
    milestones = [("active", trial.start_date, "start"), ("completed", trial.completion_date, "start")]
    for state, value, edge in milestones:
        if value is not None:
            out.append(compact({"state": coded(codes.STATUS_SYSTEM, state),
                                "actual": None if value.type is None else value.type is DateType.ACTUAL,
                                "period": {edge: value.date.isoformat()}}))
    return out


def _exposure(item: Intervention, rid: str) -> JSON:
    notes = [{"text": "Other names: " + "; ".join(item.other_names)}] if item.other_names else None
    kind = item.type
    category = [{"name": "Intervention type", "valueCodeableConcept": text_concept(kind.value)}] if kind else None
    return compact({"resourceType": "EvidenceVariable", "id": rid, "status": "active", "title": item.name,
                    "description": item.description, "note": notes, "category": category})


def _arm_links(trial: Trial) -> list[list[int]]:
    """Each arm's interventions, as their indices in record order. Arms name their interventions and
    interventions name their arms: either link counts. (Looked up by name and label, not by testing every pair:
    that was quadratic: 4,000 arms and interventions took 2.3 s.)"""
    by_name: dict[str, list[int]] = {}
    by_label: dict[str, list[int]] = {}
    for at, item in enumerate(trial.interventions):
        by_name.setdefault(item.name, []).append(at)
        for label in item.arm_labels:
            by_label.setdefault(label, []).append(at)
    return [sorted({*by_label.get(arm.label, ()), *(at for n in arm.intervention_names for at in by_name.get(n, ()))})
            for arm in trial.arms]


def _comparison_group(trial: Trial, index: int, linked: list[JSON]) -> JSON:
    arm = trial.arms[index]
    code = codes.ARM_TYPES.get(arm.type) if arm.type else None
    return compact({
        "linkId": f"arm-{index + 1}",
        "name": arm.label,
        "type": coded(codes.ARM_TYPE_SYSTEM, code, arm.type) if code else None,
        "description": arm.description,
        "intendedExposure": [_ref(e) for e in linked],
    })


def _r5_eligibility(elig: Eligibility | None) -> JSON | None:
    if elig is None:
        return None
    return compact({"resourceType": "Group", "id": "eligibility", "type": "person", "membership": "definitional",
                    "description": elig.criteria, "characteristic": _characteristics(elig, with_criteria=False)})


def _recruitment(trial: Trial, eligibility: JSON | None) -> JSON | None:
    enrollment = trial.enrollment
    count = enrollment.count if enrollment else None
    actual = enrollment is not None and enrollment.type is EnrollmentType.ACTUAL
    return compact({
        # An untyped count is read as a target: CT.gov only marks counts ACTUAL once enrollment has closed.
        "targetNumber": count if count is not None and not actual else None,
        "actualNumber": count if actual else None,
        "eligibility": _ref(eligibility) if eligibility else None,
    }) or None


# --- R4B -----------------------------------------------------------------------------------------


def _r4b(trial: Trial) -> JSON:
    parties = _Parties(trial)
    sites = [_site(loc, f"site-{n}") for n, loc in enumerate(trial.locations, 1)]
    group = _r4b_group(trial)
    lead = _first_entry(parties.entries, "lead-sponsor")
    pi = _first_entry(parties.entries, "primary-investigator")
    others = [e for e in parties.entries if e is not lead and e is not pi]
    return compact({
        "resourceType": "ResearchStudy",
        "id": trial.nct_id,
        "contained": parties.contained + sites + ([group] if group else []),
        "extension": _r4b_extensions(trial, others),
        "identifier": _identifiers(trial),
        "title": trial.title,
        **_r4b_status(trial),
        "primaryPurposeType": _purpose(trial),
        "phase": phase_concept(trial.phases),
        "category": _design_concepts(trial),
        "focus": [text_concept(i.name) for i in trial.interventions],
        "condition": [text_concept(c) for c in trial.conditions],
        "relatedArtifact": [_artifact(r, "R4B") for r in trial.references],
        "keyword": [text_concept(k) for k in trial.keywords],
        "location": [text_concept(c) for c in trial.countries],
        "description": trial.brief_summary,
        "enrollment": [_ref(group)] if group else None,
        "period": _period(trial),
        "sponsor": lead["party"] if lead else None,
        "principalInvestigator": pi["party"] if pi else None,
        "site": [_ref(s) for s in sites],
        "reasonStopped": text_concept(trial.why_stopped) if trial.why_stopped else None,
        "note": [{"text": trial.detailed_description}] if trial.detailed_description else None,
        "arm": [_r4b_arm(a) for a in trial.arms],
    })


def _first_entry(entries: list[JSON], role: str) -> JSON | None:
    return next((e for e in entries if e["role"]["coding"][0]["code"] == role and "party" in e), None)


def _r4b_status(trial: Trial) -> JSON:
    status = trial.overall_status
    code = codes.R4_STATUS.get(status) if status else None
    if code:
        return {"status": code}
    # status is 1..1 with a required binding: UNKNOWN / WITHHELD / missing say why the value is absent.
    reason = "masked" if status and status.value == "WITHHELD" else "unknown"
    return {"_status": {"extension": [{"url": codes.DATA_ABSENT, "valueCode": reason}]}}


def _r4b_extensions(trial: Trial, parties: list[JSON]) -> list[JSON]:
    """R5 elements R4B lacks (labels, other parties, date), as cross-version extensions."""
    labels = [_xver("ResearchStudy.label", {"type": ("valueCodeableConcept", label["type"]),
                                            "value": ("valueString", label["value"])})
              for label in _r5_labels(trial)]
    others = [_xver("ResearchStudy.associatedParty", {
        "name": ("valueString", p.get("name")),
        "role": ("valueCodeableConcept", p["role"]),
        "classifier": ("valueCodeableConcept", (p.get("classifier") or [None])[0]),
        "party": ("valueReference", p.get("party")),
    }) for p in parties]
    date = [{"url": codes.XVER_R5 + "ResearchStudy.date", "valueDateTime": trial.last_updated.isoformat()}] if (
        trial.last_updated) else []
    return labels + others + date


def _xver(element: str, parts: dict[str, tuple[str, Any]]) -> JSON:
    return {"url": codes.XVER_R5 + element,
            "extension": [{"url": name, kind: value} for name, (kind, value) in parts.items() if value is not None]}


def _r4b_group(trial: Trial) -> JSON | None:
    elig, enrollment = trial.eligibility, trial.enrollment
    if elig is None and enrollment is None:
        return None
    return compact({
        "resourceType": "Group",
        "id": "participants",
        "type": "person",
        # R4B has no target/actual enrollment: `actual` says whether the count is of real participants.
        "actual": enrollment is not None and enrollment.type is EnrollmentType.ACTUAL,
        "quantity": enrollment.count if enrollment else None,
        "characteristic": _characteristics(elig, with_criteria=True) if elig else None,
    })


def _r4b_arm(arm: Arm) -> JSON:
    code = codes.ARM_TYPES.get(arm.type) if arm.type else None
    return compact({"name": arm.label, "type": coded(codes.ARM_TYPE_SYSTEM, code, arm.type) if code else None,
                    "description": arm.description})
