"""Legacy CT.gov public XML (`<clinical_study>`, public.xsd) → Trial.

Display-string enums go through the shared vocabulary tables; `<textblock>` bodies are unwrapped into the
CT.gov Markdown a v2 record holds (see `unwrap`). Loading (safely: untrusted input) is `xml_load`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from trialparse._draft import Draft
from trialparse._normalize import Parsed, numbers, vocab
from trialparse._normalize.cached import age as _age_of
from trialparse._normalize.cached import iso_date as _iso_date
from trialparse._normalize.cached import partial_date as _partial_date
from trialparse._normalize.cached import phases_of as _phases_of
from trialparse._normalize.cached import registry as _registry_of
from trialparse._normalize.references import doi, pmid
from trialparse._normalize.text import split_criteria
from trialparse._readers.textblock import escape, plain, unwrap
from trialparse._readers.xml_load import Element, Kids, study_children
from trialparse._readers.xml_load import children as _children
from trialparse.issues import Severity
from trialparse.model import (
    AgencyClass,
    Allocation,
    Arm,
    ArmGroupType,
    DateType,
    Design,
    Eligibility,
    Enrollment,
    EnrollmentType,
    Identifier,
    IdentifierSource,
    Intervention,
    InterventionModel,
    InterventionType,
    Location,
    Masking,
    ObservationalModel,
    Official,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    RecruitmentStatus,
    Reference,
    ReferenceType,
    ResponsibleParty,
    ResponsiblePartyType,
    SamplingMethod,
    Sex,
    Source,
    SourceFormat,
    Sponsor,
    SponsorRole,
    StudyType,
    TimePerspective,
    Trial,
    TrialDate,
    WhoMasked,
    _maker,
)

# The model's constructors without attrs' per-field `object.__setattr__` calls (see `model._maker`); most take
# their fields by position, in the order named.
_new_design = _maker(Design)
_new_responsible_party = _maker(ResponsibleParty)
_arm = _maker(Arm, positional=("label", "type", "description", "intervention_names"))
_eligibility_record = _maker(Eligibility, positional=(
    "criteria", "inclusion", "exclusion", "minimum_age", "maximum_age", "sex", "healthy_volunteers", "std_ages",
    "study_population", "sampling_method", "items"))
_identifier = _maker(Identifier, positional=("value", "source", "type", "registry", "domain"))
_intervention = _maker(Intervention, positional=("name", "type", "description", "arm_labels", "other_names"))
_new_site = _maker(Location, positional=("facility", "city", "state", "zip", "country", "status", "geo"))
_official_record = _maker(Official, positional=("name", "role", "affiliation"))
_reference = _maker(Reference, positional=("citation", "type", "pmid", "doi"))
_sponsor = _maker(Sponsor, positional=("name", "agency_class", "role"))
_trial_date_record = _maker(TrialDate, positional=("date", "type"))
_new_record = _maker(Trial, positional=(
    "nct_id", "title", "official_title", "acronym", "last_updated", "first_posted", "has_results", "overall_status",
    "why_stopped", "phases", "study_type", "enrollment", "start_date", "primary_completion_date", "completion_date",
    "brief_summary", "detailed_description", "conditions", "keywords", "design", "arms", "interventions",
    "eligibility", "sponsors", "responsible_party", "officials", "locations", "countries", "removed_countries",
    "references", "identifiers", "related_trials", "unparsed", "issues", "source"))

# --- Element helpers ----------------------------------------------------------------------------

def _one(kids: Kids, tag: str) -> Element | None:
    found = kids.get(tag)
    return found[0] if found else None


def _text(kids: Kids, tag: str) -> str | None:
    """`plain` text of the first `tag` child."""
    found = kids.get(tag)
    return plain(found[0].text) if found else None


def _texts(elements: Iterable[Element] | None) -> tuple[str, ...]:
    """The non-empty `plain` texts of `elements` (`plain` inlined for the common text, with no CR: a generator
    and a call per element cost more than the strip)."""
    if not elements:
        return ()
    found = []
    for element in elements:
        text = element.text
        if text and (text := text.strip() if "\r" not in text else plain(text)):
            found.append(text)
    return tuple(found)


def _markdown(element: Element | None) -> str | None:
    """An element's `plain` text escaped as v2 Markdown."""
    value = plain(element.text) if element is not None else None
    return escape(value) if value else None


def _block(holders: list[Element] | None) -> str | None:
    """The unwrapped `<textblock>` of the first of `holders` that has one."""
    for holder in holders or ():
        for block in holder[:]:
            if block.tag == "textblock":
                return unwrap(block.text)
    return None


# --- The study ----------------------------------------------------------------------------------

def read_xml(data: str | bytes, *, name: str | None = None) -> Trial:
    """One study from a legacy `<clinical_study>` XML document."""
    kids = study_children(data, name=name)
    draft = Draft()
    # In the order the issues are reported.
    title, official_title, acronym, nct_id, identifiers = _identification(kids, draft)
    (overall, why, start, primary, completion, first_posted, last_updated, has_results, phases_,
     enrollment) = _status(kids, draft)
    study_type, design = _design(kids, draft)
    brief = _block(kids.get("brief_summary", [])[:1])
    detailed = _block(kids.get("detailed_description", [])[:1])
    conditions = _texts(kids.get("condition"))
    keywords = _texts(kids.get("keyword"))
    arms, interventions = _arms(kids, draft)
    eligibility = _eligibility(_one(kids, "eligibility"), draft)
    sponsors, party, officials = _parties(kids, draft)
    locations, countries, removed = _places(kids, draft)
    references = _references(kids, draft)
    source = _SOURCE if name is None else Source(format=SourceFormat.CTGOV_XML, name=name)
    return _new_record(
        nct_id, title, official_title, acronym, last_updated, first_posted, has_results, overall, why, phases_,
        study_type, enrollment, start, primary, completion, brief, detailed, conditions, keywords, design, arms,
        interventions, eligibility, sponsors, party, officials, locations, countries, removed, references,
        identifiers, (), tuple(draft.unparsed), tuple(draft.issues), source,
    )


_SOURCE = Source(format=SourceFormat.CTGOV_XML)
# v2 order: org study id, secondary ids, aliases
_ID_SOURCES = (("org_study_id", IdentifierSource.ORG_STUDY_ID), ("secondary_id", IdentifierSource.SECONDARY_ID),
               ("nct_alias", IdentifierSource.NCT_ALIAS))


def _identification(kids: Kids, draft: Draft) -> tuple[Any, ...]:
    """title, official_title, acronym, nct_id, identifiers."""
    found: list[Identifier] = []
    nct_id = None
    info = _one(kids, "id_info")
    if info is not None:
        ids = _children(info)
        nct_id = _text(ids, "nct_id")
        for tag, source in _ID_SOURCES:
            for value in _texts(ids.get(tag)):
                found.append(_identifier(value, source, None, _registry_of(value), None))
    if nct_id is None:
        draft.report("missing_nct_id", "no id_info/nct_id element", section="identifiers", field="nct_id")
    return (_text(kids, "brief_title"), _text(kids, "official_title"), _text(kids, "acronym"), nct_id,
            tuple(found))


# (raw date, raw type attribute) → TrialDate, for dates read without an issue (a corpus repeats its dates).
_TRIAL_DATES: dict[tuple[str, str | None], TrialDate] = {}


def _trial_date(kids: Kids, draft: Draft, tag: str) -> TrialDate | None:
    element = _one(kids, tag)
    raw = plain(element.text) if element is not None else None
    if raw is None or raw == "Unknown":  # the XSD's `Unknown` is no date
        return None
    assert element is not None
    raw_type = element.get("type")
    found = _TRIAL_DATES.get((raw, raw_type))
    if found is not None:
        return found
    issues = len(draft.issues)
    kind = draft.enum(DateType, raw_type, section="basic", field=f"{tag}.type")
    value = draft.value(_partial_date(raw), raw, section="basic", field=tag, code="bad_date")
    if value is None:
        return None
    date = _trial_date_record(value, kind)
    if len(draft.issues) == issues and len(raw) <= 64 and len(_TRIAL_DATES) < 4096:
        _TRIAL_DATES[(raw, raw_type)] = date
    return date


def _full_date(kids: Kids, draft: Draft, field: str, *tags: str) -> Any:
    raw = next((value for tag in tags if (value := _text(kids, tag))), None)
    if raw is None:
        return None
    return draft.value(_iso_date(raw), raw, section="basic", field=field, code="bad_date")


def _status(kids: Kids, draft: Draft) -> tuple[Any, ...]:
    """overall_status, why_stopped, start_date, primary_completion_date, completion_date, first_posted,
    last_updated, has_results, phases, enrollment."""
    overall = draft.enum(OverallStatus, _text(kids, "overall_status"), section="basic", field="overall_status")
    why = _text(kids, "why_stopped")
    start = _trial_date(kids, draft, "start_date")
    primary = _trial_date(kids, draft, "primary_completion_date")
    completion = _trial_date(kids, draft, "completion_date")
    first_posted = _full_date(kids, draft, "first_posted", "study_first_posted", "firstreceived_date")
    last_updated = _full_date(kids, draft, "last_updated", "last_update_posted", "lastchanged_date")
    # No <clinical_results> means nothing posted (pending_results is results under QC: v2 says false too).
    has_results = "clinical_results" in kids
    found_phases: tuple[Phase, ...] = ()
    raw_phase = _text(kids, "phase")
    if raw_phase is not None:
        found_phases = draft.value(_phases_of(raw_phase), raw_phase, section="basic", field="phases",
                                   code="unknown_value") or ()
    count = None
    enrollment = _one(kids, "enrollment")
    raw_count = plain(enrollment.text) if enrollment is not None else None
    if enrollment is not None and raw_count is not None:
        count = draft.value(_enrollment(raw_count, enrollment.get("type")), raw_count, section="basic",
                            field="enrollment", code="bad_enrollment")
    return overall, why, start, primary, completion, first_posted, last_updated, has_results, found_phases, count


_ENROLLMENTS: dict[tuple[str, str | None], Parsed[Enrollment]] = {}


def _enrollment(raw: str, raw_type: str | None) -> Parsed[Enrollment]:
    """`numbers.enrollment` of the count and its type attribute, cached (pure; a corpus repeats its counts)."""
    found = _ENROLLMENTS.get((raw, raw_type))
    if found is None:
        found = numbers.enrollment(raw, vocab.lookup(EnrollmentType, raw_type))
        if len(raw) <= 64 and len(raw_type or "") <= 64 and len(_ENROLLMENTS) < 4096:
            _ENROLLMENTS[(raw, raw_type)] = found
    return found


def _study_type(kids: Kids, draft: Draft) -> tuple[StudyType | None, bool | None]:
    raw = _text(kids, "study_type")
    if raw is None:
        return None, None
    if raw == "N/A":  # redacted unapproved-device records: no type to give
        draft.report("unknown_value", "study_type: 'N/A' (a redacted record) has no study type",
                     section="basic", field="study_type", excerpt=raw, severity=Severity.WARNING)
        return None, None
    kind = draft.enum(StudyType, raw, section="basic", field="study_type")
    registry = "[patient registry]" in raw.casefold()
    return kind, (registry if kind is StudyType.OBSERVATIONAL else None)


_DESIGN_ENUMS: dict[str, tuple[str, type[Any]]] = {
    "allocation": ("allocation", Allocation),
    "intervention_model": ("intervention_model", InterventionModel),
    "primary_purpose": ("primary_purpose", PrimaryPurpose),
    "observational_model": ("observational_model", ObservationalModel),
    "time_perspective": ("time_perspective", TimePerspective),
}
# The 2014 schema's one-line `<study_design>`: `Label: value` pairs joined by `, ` (values may hold commas).
_OLD_DESIGN_LABELS = {"Allocation": "allocation", "Intervention Model": "intervention_model",
                      "Primary Purpose": "primary_purpose", "Masking": "masking",
                      "Observational Model": "observational_model", "Time Perspective": "time_perspective"}
_OLD_DESIGN = re.compile(r"(?:^|,\s*)([A-Z][A-Za-z ]+?):\s+")
# Possessive runs: a lazy `([^(]*?)\s*` split one long run of spaces in every way (quadratic).
_MASKING = re.compile(r"\s*+((?:[^(\s]|\s++(?=[^(\s]))*+)\s*+(?:\((.*)\))?\s*+")
_DESIGN_READ = frozenset({*_DESIGN_ENUMS, "masking", "intervention_model_description", "masking_description"})


def _design(kids: Kids, draft: Draft) -> tuple[StudyType | None, Design | None]:
    study_type, registry = _study_type(kids, draft)
    raw: dict[str, str] = {}
    info = _one(kids, "study_design_info")
    if info is not None:
        raw = {child.tag: value for child in info[:] if (value := plain(child.text))}
    elif (old := _text(kids, "study_design")) is not None:
        raw = _old_design(old, draft)
    if not raw and registry is None:
        return study_type, None
    values: dict[str, Any] = {"patient_registry": registry}
    for tag, (field, enum) in _DESIGN_ENUMS.items():
        if tag in raw:
            values[field] = draft.enum(enum, raw[tag], section="design", field=f"design.{field}")
    if "masking" in raw:
        values["masking"], values["who_masked"] = _masking(raw["masking"], draft)
    for tag in ("intervention_model_description", "masking_description"):
        if tag in raw:
            values[tag] = escape(raw[tag])
    for tag in raw.keys() - _DESIGN_READ:
        draft.keep("design", f"{tag}: {raw[tag]}")
    return study_type, _new_design(**values)


def _old_design(text: str, draft: Draft) -> dict[str, str]:
    hits = list(_OLD_DESIGN.finditer(text))
    if not hits:
        if text != "N/A":
            draft.keep("design", text)
        return {}
    out: dict[str, str] = {}
    for n, hit in enumerate(hits):
        end = hits[n + 1].start() if n + 1 < len(hits) else len(text)
        value = text[hit.end() : end].strip()
        tag = _OLD_DESIGN_LABELS.get(hit[1].strip())
        if tag is None:  # e.g. `Endpoint Classification`, which v2 dropped
            draft.keep("design", f"{hit[1].strip()}: {value}")
        else:
            out[tag] = value
    return out


def _masking(raw: str, draft: Draft) -> tuple[Masking | None, tuple[WhoMasked, ...]]:
    """`Double (Participant, Investigator)` / `Double Blind (Subject, Caregiver)` → (DOUBLE, who)."""
    hit = _MASKING.fullmatch(raw)
    head, who = (hit[1], hit[2]) if hit is not None else (raw, None)
    if head.casefold().startswith("none"):  # `None (Open Label)`: the parentheses are not who-masked
        return draft.enum(Masking, raw, section="design", field="design.masking"), ()
    masking = draft.enum(Masking, head, section="design", field="design.masking")
    found = (draft.enum(WhoMasked, part, section="design", field="design.who_masked")
             for part in (who or "").split(","))
    return masking, tuple(w for w in found if w is not None)


# Tag → slot of the children `_firsts` picks out.
_ARM_TAGS = {"arm_group_label": 0, "arm_group_type": 1, "description": 2}
_SPONSOR_TAGS = {"agency": 0, "agency_class": 1}
_REFERENCE_TAGS = {"citation": 0, "PMID": 1}


def _firsts(element: Element, tags: dict[str, int]) -> list[Element | None]:
    """The first child of each tag of `tags`, in its slot, from one pass over the children."""
    found: list[Element | None] = [None] * len(tags)
    for child in element[:]:
        slot = tags.get(child.tag)
        if slot is not None and found[slot] is None:
            found[slot] = child
    return found


def _plain_text(element: Element | None) -> str | None:
    return None if element is None else plain(element.text)


def _arms(kids: Kids, draft: Draft) -> tuple[tuple[Arm, ...], tuple[Intervention, ...]]:
    interventions = []
    for item in kids.get("intervention", ()):
        name = kind = description = None  # the first element of each tag
        labels, others = [], []
        for child in item[:]:
            tag = child.tag
            if tag == "arm_group_label":
                labels.append(child)
            elif tag == "other_name":
                others.append(child)
            elif tag == "intervention_name":
                name = name if name is not None else child
            elif tag == "intervention_type":
                kind = kind if kind is not None else child
            elif tag == "description":
                description = description if description is not None else child
        interventions.append(_intervention(
            (plain(name.text) if name is not None else None) or "",
            draft.enum(InterventionType, plain(kind.text) if kind is not None else None, section="interventions",
                       field="interventions.type"),
            _markdown(description), _texts(labels), _texts(others),
        ))
    # XML links interventions to arms on the intervention side only; v2 lists them on both sides. By label, in
    # intervention order (a lookup: testing every arm against every intervention was quadratic).
    names: dict[str, list[str]] = {}
    for linked in interventions:
        for label in dict.fromkeys(linked.arm_labels):
            names.setdefault(label, []).append(linked.name)
    arms = []
    for group in kids.get("arm_group", ()):
        label_element, kind, description = _firsts(group, _ARM_TAGS)
        label = _plain_text(label_element) or ""
        arms.append(_arm(
            label,
            draft.enum(ArmGroupType, _plain_text(kind), section="arms", field="arms.type"),
            _markdown(description),
            tuple(names.get(label, ())),
        ))
    return tuple(arms), tuple(interventions)


def _eligibility(element: Element | None, draft: Draft) -> Eligibility | None:
    if element is None:
        return None
    kids = _children(element)
    criteria = _block(kids.get("criteria"))
    inclusion, exclusion = split_criteria(criteria)
    healthy_raw = _text(kids, "healthy_volunteers")
    healthy = vocab.boolean(healthy_raw)
    if healthy is None and healthy_raw:
        draft.report("unknown_value", f"healthy_volunteers: {healthy_raw[:80]!r} is not yes/no",
                     section="eligibility", field="eligibility.healthy_volunteers", excerpt=healthy_raw)
    minimum_age, maximum_age = _age(kids, "minimum_age", draft), _age(kids, "maximum_age", draft)
    sex = draft.enum(Sex, _text(kids, "gender"), section="eligibility", field="eligibility.sex")
    population = _block(kids.get("study_pop"))
    sampling = draft.enum(SamplingMethod, _text(kids, "sampling_method"), section="eligibility",
                          field="eligibility.sampling_method")
    return _eligibility_record(criteria, inclusion, exclusion, minimum_age, maximum_age, sex, healthy, (),
                               population, sampling, ())


def _age(kids: Kids, tag: str, draft: Draft) -> Any:
    raw = _text(kids, tag)
    if raw is None:
        return None
    return draft.value(_age_of(raw), raw, section="eligibility", field=f"eligibility.{tag}", code="bad_age")


_SPONSOR_ROLES = {"lead_sponsor": SponsorRole.LEAD, "collaborator": SponsorRole.COLLABORATOR}


def _parties(kids: Kids, draft: Draft) -> tuple[Any, ...]:
    """sponsors, responsible_party, officials."""
    sponsors = []
    block = _one(kids, "sponsors")
    for element in () if block is None else block[:]:
        role = _SPONSOR_ROLES.get(element.tag)
        if role is None:
            continue
        agency, agency_class = _firsts(element, _SPONSOR_TAGS)
        name = _plain_text(agency)
        if name:
            kind = draft.enum(AgencyClass, _plain_text(agency_class), section="sponsors",
                              field="sponsors.agency_class")
            sponsors.append(_sponsor(name, kind, role))
    party = _responsible_party(_one(kids, "responsible_party"), draft)
    return tuple(sponsors), party, tuple([_official(o, draft) for o in kids.get("overall_official", ())])


_NO_PARTY = ResponsibleParty()


def _responsible_party(element: Element | None, draft: Draft) -> ResponsibleParty | None:
    if element is None:
        return None
    kids = _children(element)
    kind = draft.enum(ResponsiblePartyType, _text(kids, "responsible_party_type"), section="responsible_party",
                      field="responsible_party.type")
    party = _new_responsible_party(
        type=kind,
        name=_text(kids, "investigator_full_name") or _text(kids, "name_title"),  # new or old style
        title=_text(kids, "investigator_title"),
        affiliation=_text(kids, "investigator_affiliation"),
        organization=_text(kids, "organization"),
    )
    return None if party == _NO_PARTY else party


_OFFICIAL_TAGS = {"first_name": 0, "middle_name": 1, "last_name": 2, "degrees": 3, "role": 4, "affiliation": 5}


def _official(element: Element, draft: Draft) -> Official:
    # Most files put the full name (with degrees) in last_name; older ones split it.
    first: list[Element | None] = [None] * 6  # the first element of each tag, in `_OFFICIAL_TAGS` order
    for child in element[:]:
        at = _OFFICIAL_TAGS.get(child.tag)
        if at is not None and first[at] is None:
            first[at] = child
    texts = [plain(e.text) if e is not None else None for e in first]
    name = " ".join([p for p in texts[:3] if p])
    degrees = texts[3]
    if degrees:
        name = f"{name}, {degrees}" if name else degrees
    role = draft.enum(OfficialRole, texts[4], section="officials", field="officials.role")
    return _official_record(name, role, texts[5])


def _places(kids: Kids, draft: Draft) -> tuple[Any, ...]:
    """locations, countries, removed_countries."""
    locations = tuple([_location(loc, draft) for loc in kids.get("location", ())])
    countries = _one(kids, "location_countries")
    removed = _one(kids, "removed_countries")
    return locations, _countries(countries), _countries(removed)


def _countries(element: Element | None) -> tuple[str, ...]:
    return () if element is None else _texts([child for child in element[:] if child.tag == "country"])


_SITE_STATUS: dict[str, RecruitmentStatus] = {}  # raw → status; a study repeats a handful of values


def _location(element: Element, draft: Draft) -> Location:
    # One pass over children (not findtext per field): a large study has thousands of sites. A later
    # duplicate element wins, as it always has. `plain` inlined for the common text (no CR).
    facility = city = state = zip_ = country = status = None
    for child in element[:]:
        tag = child.tag
        if tag == "facility":
            for part in child[:]:
                tag = part.tag
                if tag == "address":
                    for a in part[:]:
                        tag = a.tag
                        t = a.text
                        if t is not None:
                            t = (t.strip() or None) if "\r" not in t else plain(t)
                        if tag == "city":
                            city = t
                        elif tag == "state":
                            state = t
                        elif tag == "zip":
                            zip_ = t
                        elif tag == "country":
                            country = t
                elif tag == "name":
                    t = part.text
                    facility = (t.strip() or None) if t and "\r" not in t else plain(t)
        elif tag == "status" and (raw := plain(child.text)):
            status = _SITE_STATUS.get(raw) or _site_status(raw, draft)
    return _new_site(facility, city, state, zip_, country, status, None)


def _site_status(raw: str, draft: Draft) -> RecruitmentStatus | None:
    found = _SITE_STATUS.get(raw)
    if found is None:
        found = draft.enum(RecruitmentStatus, raw, section="locations", field="locations.status")
        if found is not None:
            _SITE_STATUS[raw] = found
    return found


_REFERENCE_TYPES = (("reference", ReferenceType.BACKGROUND), ("results_reference", ReferenceType.RESULT))


def _references(kids: Kids, draft: Draft) -> tuple[Reference, ...]:
    out = []
    for tag, kind in _REFERENCE_TYPES:
        for element in kids.get(tag, ()):
            citation_element, pmid_element = _firsts(element, _REFERENCE_TAGS)
            citation = _plain_text(citation_element)
            raw_pmid = _plain_text(pmid_element)
            found = pmid(raw_pmid)
            if raw_pmid and found is None:
                draft.report("bad_pmid", f"references.pmid: {raw_pmid[:80]!r} is not a PMID",
                             section="references", field="references.pmid", excerpt=raw_pmid)
            out.append(_reference(citation, kind, found, doi(citation)))
    return tuple(out)
