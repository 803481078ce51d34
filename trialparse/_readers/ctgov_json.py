"""CT.gov API v2 study JSON → Trial. Dates keep the precision and ACTUAL/ESTIMATED type as given."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from trialparse._draft import Draft
from trialparse._normalize import Parsed
from trialparse._normalize import memo as _memo
from trialparse._normalize.cached import age as _age_of
from trialparse._normalize.cached import iso_date as _iso_date
from trialparse._normalize.cached import partial_date as _partial_date
from trialparse._normalize.cached import phases_of as _phases_of
from trialparse._normalize.cached import registry as _registry_of
from trialparse._normalize.references import doi, pmid
from trialparse._normalize.text import split_criteria
from trialparse._normalize.vocab import lookup
from trialparse._readers._access import _ENUM_HITS_MAX, Node
from trialparse.issues import ParseError
from trialparse.model import (
    Age,
    AgencyClass,
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
    ObservationalModel,
    Official,
    OfficialRole,
    OverallStatus,
    PartialDate,
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
    StandardAge,
    StudyType,
    TimePerspective,
    Trial,
    TrialDate,
    WhoMasked,
    _maker,
)

# "Drug: Lenalidomide" → "Lenalidomide"; the prefix is an intervention type (any case, spaces allowed).
_TYPE_PREFIX = re.compile(r"([A-Za-z][A-Za-z ]{1,30}):\s+")

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


def load_json(data: str | bytes, *, name: str | None = None) -> Any:
    try:
        return json.loads(data)
    except RecursionError:
        raise ParseError("JSON nested too deeply", source=name) from None
    except ValueError as exc:
        raise ParseError(f"not valid JSON: {exc}", source=name) from None


def is_study(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("protocolSection"), dict)


def read_json(data: Any, *, name: str | None = None) -> Trial:
    """One study: a decoded v2 study object, or its JSON text."""
    if isinstance(data, str | bytes):
        data = load_json(data, name=name)
    if not is_study(data):
        raise ParseError("JSON is not a CT.gov API v2 study (no protocolSection object)", source=name)
    source = _SOURCE if name is None else Source(format=SourceFormat.CTGOV_JSON, name=name)
    # Each module is read straight from the dict (`_fast_*`) when every value has its v2 type and is understood;
    # anything else (a wrong type, an unknown enum value, a bad date) makes the fast reader give up (`_Bail`)
    # before it writes a field. A study the fast readers take whole is built in one call (`_fast_study`);
    # otherwise `_checked_study` reads it module by module, the modules the fast reader gives up on with the
    # checking reader (`Node`), which reports. Either way the fields and issues come out the same, in the same
    # order.
    try:
        return _fast_study(data, source)
    except _Bail:
        return _checked_study(data, source)


# Trial's fields in declaration order: `_fast_study` builds the record by position.
_TRIAL_FIELDS = (
    "nct_id", "title", "official_title", "acronym", "last_updated", "first_posted", "has_results", "overall_status",
    "why_stopped", "phases", "study_type", "enrollment", "start_date", "primary_completion_date", "completion_date",
    "brief_summary", "detailed_description", "conditions", "keywords", "design", "arms", "interventions",
    "eligibility", "sponsors", "responsible_party", "officials", "locations", "countries", "removed_countries",
    "references", "identifiers", "related_trials", "unparsed", "issues", "source",
)
_new_record = _maker(Trial, positional=_TRIAL_FIELDS)


def _fast_study(data: dict[str, Any], source: Source) -> Trial:
    """The whole study by the fast readers, the record built by position (a keyword call with 35 arguments from
    a dict costs as much as a module); `_Bail` when one of them gives up."""
    get = data["protocolSection"].get
    has_results = data.get("hasResults")
    if has_results is not None and has_results.__class__ is not bool:
        raise _BAIL
    nct_id, title, official_title, acronym, identifiers = _fast_identification(get("identificationModule"))
    overall, why, start, primary, completion, last_updated, first_posted = _fast_status(get("statusModule"))
    study_type, phases_, enrollment, design = _fast_design(get("designModule"))
    brief, detailed, conditions, keywords = _fast_description(get("descriptionModule"), get("conditionsModule"))
    arms, interventions = _fast_arms(get("armsInterventionsModule"))
    eligibility = _fast_eligibility(get("eligibilityModule"))
    sponsors, party = _fast_sponsors(get("sponsorCollaboratorsModule"))
    officials, locations, countries = _fast_contacts(get("contactsLocationsModule"))
    references = _fast_references(get("referencesModule"))
    removed = _fast_removed(data.get("derivedSection"))
    return _new_record(
        nct_id, title, official_title, acronym, last_updated, first_posted, has_results, overall, why, phases_,
        study_type, enrollment, start, primary, completion, brief, detailed, conditions, keywords, design, arms,
        interventions, eligibility, sponsors, party, officials, locations, countries, removed, references,
        identifiers, (), (), (), source,
    )


def _checked_study(data: dict[str, Any], source: Source) -> Trial:
    """The study module by module: fast where the fast reader takes a module, checked (and reported) where not.
    The checking reader's nodes and the draft that collects issues are made on the first module the fast
    reader gives up on (`_Checked`)."""
    checked: _Checked | None = None
    fields: dict[str, Any] = {}
    raw_results = data.get("hasResults")
    if raw_results is None or raw_results.__class__ is bool:
        fields["has_results"] = raw_results
    else:
        checked = _Checked(data)
        fields["has_results"] = checked.root.flag("hasResults")
    get = data["protocolSection"].get
    for names, fast, read_checked in _MODULES:
        try:
            fields.update(zip(names, fast(get, data), strict=True))
        except _Bail:
            checked = checked or _Checked(data)
            read_checked(checked, fields)
    return _new_trial(**fields, issues=tuple(checked.draft.issues) if checked is not None else (), source=source)


class _Checked:
    """The checking reader's root and protocol nodes, and the draft that collects their issues."""

    __slots__ = ("draft", "protocol", "root")

    def __init__(self, data: dict[str, Any]) -> None:
        self.draft = Draft()
        self.root = Node(data, "$", self.draft, "study")
        self.protocol = self.root.node("protocolSection")


# Each module: the fields it fills, its fast reader (from the protocol's `get` and the study), and the checking
# reader that fills the same fields (and reports) when the fast one gives up. In record order: issues keep it.
_Get = Callable[[str], Any]
_MODULES: tuple[tuple[tuple[str, ...], Callable[[_Get, dict[str, Any]], tuple[Any, ...]],
                      Callable[[_Checked, dict[str, Any]], None]], ...] = (
    (("nct_id", "title", "official_title", "acronym", "identifiers"),
     lambda get, _: _fast_identification(get("identificationModule")),
     lambda c, f: _identification(c.protocol.node("identificationModule", "identifiers"), f)),
    (("overall_status", "why_stopped", "start_date", "primary_completion_date", "completion_date", "last_updated",
      "first_posted"),
     lambda get, _: _fast_status(get("statusModule")),
     lambda c, f: _status(c.protocol.node("statusModule", "basic"), f)),
    (("study_type", "phases", "enrollment", "design"),
     lambda get, _: _fast_design(get("designModule")),
     lambda c, f: _design(c.protocol.node("designModule", "design"), f)),
    (("brief_summary", "detailed_description", "conditions", "keywords"),
     lambda get, _: _fast_description(get("descriptionModule"), get("conditionsModule")),
     lambda c, f: _description(c.protocol.node("descriptionModule", "summary"),
                               c.protocol.node("conditionsModule", "conditions"), f)),
    (("arms", "interventions"),
     lambda get, _: _fast_arms(get("armsInterventionsModule")),
     lambda c, f: _arms(c.protocol.node("armsInterventionsModule", "arms"), f)),
    (("eligibility",),
     lambda get, _: (_fast_eligibility(get("eligibilityModule")),),
     lambda c, f: f.update(eligibility=_eligibility(c.protocol.node("eligibilityModule", "eligibility")))),
    (("sponsors", "responsible_party"),
     lambda get, _: _fast_sponsors(get("sponsorCollaboratorsModule")),
     lambda c, f: _sponsors(c.protocol.node("sponsorCollaboratorsModule", "sponsors"), f)),
    (("officials", "locations", "countries"),
     lambda get, _: _fast_contacts(get("contactsLocationsModule")),
     lambda c, f: _contacts(c.protocol.node("contactsLocationsModule", "locations"), f)),
    (("references",),
     lambda get, _: (_fast_references(get("referencesModule")),),
     lambda c, f: f.update(references=tuple(
         _reference(n) for n in c.protocol.node("referencesModule", "references").nodes("references")))),
    (("removed_countries",),
     lambda _, data: (_fast_removed(data.get("derivedSection")),),
     lambda c, f: f.update(removed_countries=c.root.node("derivedSection").node("miscInfoModule")
                           .texts("removedCountries"))),
)


_SOURCE = Source(format=SourceFormat.CTGOV_JSON)


def _identification(ident: Node, f: dict[str, Any]) -> None:
    f["nct_id"] = ident.text("nctId")
    f["title"] = ident.text("briefTitle")
    f["official_title"] = ident.text("officialTitle")
    f["acronym"] = ident.text("acronym")
    found: list[Identifier] = []
    org = ident.node("orgStudyIdInfo")
    if value := org.text("id"):
        found.append(_identifier(value, IdentifierSource.ORG_STUDY_ID, org, None))
    for sec in ident.nodes("secondaryIdInfos"):
        if value := sec.text("id"):
            found.append(_identifier(value, IdentifierSource.SECONDARY_ID, sec, sec.text("domain")))
    for alias in ident.texts("nctIdAliases"):
        found.append(Identifier(value=alias, source=IdentifierSource.NCT_ALIAS, registry=_registry_of(alias)))
    f["identifiers"] = tuple(found)


def _identifier(value: str, source: IdentifierSource, node: Node, domain: str | None) -> Identifier:
    return Identifier(value=value, source=source, type=node.enum(IdentifierType, "type", "identifiers.type"),
                      registry=_registry_of(value), domain=domain)


def _date(node: Node, key: str, field: str) -> TrialDate | None:
    if node.data.get(key) is None:
        return None
    struct = node.node(key)
    raw = struct.text("date")
    if raw is None:
        return None
    kind = struct.enum(DateType, "type", f"{field}.type")
    parsed: Parsed[PartialDate] = _partial_date(raw)
    value = parsed.value if parsed.problem is None else node.draft.value(
        parsed, raw, section=node.section, field=field, code="bad_date")
    return TrialDate(date=value, type=kind) if value is not None else None


def _full_date(node: Node, raw: str | None, field: str) -> Any:
    if raw is None:
        return None
    parsed = _iso_date(raw)
    if parsed.problem is None:
        return parsed.value
    return node.draft.value(parsed, raw, section=node.section, field=field, code="bad_date")


def _nested_text(node: Node, key: str, inner: str) -> str | None:
    """`node.key.inner` as text; the Node (and its type checks) only when `node.key` is not a plain object."""
    value = node.data.get(key)
    if value is None:
        return None
    if value.__class__ is dict:
        found = value.get(inner)
        if found is None or found.__class__ is str:
            return found or None
    return node.node(key).text(inner)


def _status(status: Node, f: dict[str, Any]) -> None:
    f["overall_status"] = status.enum(OverallStatus, "overallStatus", "overall_status")
    f["why_stopped"] = status.text("whyStopped")
    f["start_date"] = _date(status, "startDateStruct", "start_date")
    f["primary_completion_date"] = _date(status, "primaryCompletionDateStruct", "primary_completion_date")
    f["completion_date"] = _date(status, "completionDateStruct", "completion_date")
    last = _nested_text(status, "lastUpdatePostDateStruct", "date") or status.text("lastUpdateSubmitDate")
    f["last_updated"] = _full_date(status, last, "last_updated")
    first = _nested_text(status, "studyFirstPostDateStruct", "date") or status.text("studyFirstSubmitDate")
    f["first_posted"] = _full_date(status, first, "first_posted")


def _design(design: Node, f: dict[str, Any]) -> None:
    f["study_type"] = design.enum(StudyType, "studyType", "study_type")
    f["phases"] = _phases(design)
    info = design.node("enrollmentInfo")
    count, kind = info.integer("count"), info.enum(EnrollmentType, "type", "enrollment.type")
    f["enrollment"] = Enrollment(count=count, type=kind) if count is not None or kind else None
    di = design.node("designInfo")
    mask = di.node("maskingInfo")
    f["design"] = Design(
        allocation=di.enum(Allocation, "allocation", "design.allocation"),
        intervention_model=di.enum(InterventionModel, "interventionModel", "design.intervention_model"),
        intervention_model_description=di.text("interventionModelDescription"),
        primary_purpose=di.enum(PrimaryPurpose, "primaryPurpose", "design.primary_purpose"),
        masking=mask.enum(Masking, "masking", "design.masking"),
        masking_description=mask.text("maskingDescription"),
        who_masked=mask.enums(WhoMasked, "whoMasked", "design.who_masked"),
        observational_model=di.enum(ObservationalModel, "observationalModel", "design.observational_model"),
        time_perspective=di.enum(TimePerspective, "timePerspective", "design.time_perspective"),
        patient_registry=design.flag("patientRegistry"),
    )


_PHASES = tuple(Phase)


def _phases(design: Node) -> tuple[Phase, ...]:
    found: set[Phase] = set()
    for raw in design.texts("phases"):
        parsed = _phases_of(raw)
        if parsed.problem is None:
            found.update(parsed.value or ())
            continue
        code = "phase_not_specified" if parsed.value == () else "unknown_value"
        value = design.draft.value(parsed, raw, section="basic", field="phases", code=code)
        found.update(value or ())
    return tuple(p for p in _PHASES if p in found) if found else ()  # declared in ascending order


def _description(desc: Node, cond: Node, f: dict[str, Any]) -> None:
    f["brief_summary"] = desc.text("briefSummary")
    f["detailed_description"] = desc.text("detailedDescription")
    f["conditions"] = cond.texts("conditions")
    f["keywords"] = cond.texts("keywords")


def _strip_type(name: str) -> str:
    hit = _TYPE_PREFIX.match(name)
    if hit is not None and InterventionType.__members__.get(hit[1].upper().replace(" ", "_")):
        return name[hit.end() :]
    return name


_strip_type_of = _memo(_strip_type, 1024)


def _arms(module: Node, f: dict[str, Any]) -> None:
    f["arms"] = tuple(
        Arm(label=arm.text("label") or "", type=arm.enum(ArmGroupType, "type", "arms.type"),
            description=arm.text("description"),
            intervention_names=tuple(_strip_type_of(n) for n in arm.texts("interventionNames")))
        for arm in module.nodes("armGroups")
    )
    f["interventions"] = tuple(
        Intervention(name=item.text("name") or "", type=item.enum(InterventionType, "type", "interventions.type"),
                     description=item.text("description"), arm_labels=item.texts("armGroupLabels"),
                     other_names=item.texts("otherNames"))
        for item in module.nodes("interventions")
    )


def _age(node: Node, key: str, field: str) -> Any:
    raw = node.text(key)
    if raw is None:
        return None
    parsed: Parsed[Age] = _age_of(raw)
    if parsed.problem is None:
        return parsed.value
    return node.draft.value(parsed, raw, section="eligibility", field=field, code="bad_age")


def _eligibility(e: Node) -> Eligibility | None:
    if not e.data:
        return None
    criteria = e.text("eligibilityCriteria")
    inclusion, exclusion = split_criteria(criteria)
    minimum_age = _age(e, "minimumAge", "eligibility.minimum_age")
    maximum_age = _age(e, "maximumAge", "eligibility.maximum_age")
    return Eligibility(
        criteria=criteria, inclusion=inclusion, exclusion=exclusion, minimum_age=minimum_age, maximum_age=maximum_age,
        sex=e.enum(Sex, "sex", "eligibility.sex"), healthy_volunteers=e.flag("healthyVolunteers"),
        std_ages=e.enums(StandardAge, "stdAges", "eligibility.std_ages"),
        study_population=e.text("studyPopulation"),
        sampling_method=e.enum(SamplingMethod, "samplingMethod", "eligibility.sampling_method"),
    )


def _sponsors(module: Node, f: dict[str, Any]) -> None:
    sponsors = []
    lead = module.node("leadSponsor")
    if name := lead.text("name"):
        sponsors.append(Sponsor(name=name, agency_class=lead.enum(AgencyClass, "class", "sponsors.agency_class"),
                                role=SponsorRole.LEAD))
    for item in module.nodes("collaborators"):
        if name := item.text("name"):
            sponsors.append(Sponsor(name=name, agency_class=item.enum(AgencyClass, "class", "sponsors.agency_class"),
                                    role=SponsorRole.COLLABORATOR))
    f["sponsors"] = tuple(sponsors)
    rp = module.node("responsibleParty", "responsible_party")
    if rp.data:
        f["responsible_party"] = ResponsibleParty(
            type=rp.enum(ResponsiblePartyType, "type", "responsible_party.type"),
            name=rp.text("investigatorFullName") or rp.text("oldNameTitle"),
            title=rp.text("investigatorTitle"), affiliation=rp.text("investigatorAffiliation"),
            organization=rp.text("oldOrganization"),
        )


def _contacts(module: Node, f: dict[str, Any]) -> None:
    f["officials"] = tuple(
        Official(name=o.text("name") or "", role=o.enum(OfficialRole, "role", "officials.role"),
                 affiliation=o.text("affiliation"))
        for o in module.nodes("overallOfficials")
    )
    raw = module.data.get("locations")
    # The common case without a Node per site (a study can list thousands). A list holding a non-object takes
    # the checking path, which reports those items before any site's fields.
    if raw.__class__ is list and all(item.__class__ is dict for item in raw):
        path = f"{module.path}.locations"
        f["locations"] = tuple(
            _plain_location(item) or _location(Node(item, f"{path}[{i}]", module.draft, module.section))
            for i, item in enumerate(raw)
        )
    else:
        f["locations"] = tuple(_location(loc) for loc in module.nodes("locations"))
    f["countries"] = tuple(dict.fromkeys(loc.country for loc in f["locations"] if loc.country))


_SITE_STATUS = {status.value: status for status in RecruitmentStatus}
# The model's constructors without attrs' per-field `object.__setattr__` calls (see `model._maker`).
_new_site = _maker(Location, positional=("facility", "city", "state", "zip", "country", "status", "geo"))
# By position, in field order, for the fast readers.
_identifier_record = _maker(Identifier, positional=("value", "source", "type", "registry", "domain"))
_arm = _maker(Arm, positional=("label", "type", "description", "intervention_names"))
_intervention = _maker(Intervention, positional=("name", "type", "description", "arm_labels", "other_names"))
_sponsor = _maker(Sponsor, positional=("name", "agency_class", "role"))
_official = _maker(Official, positional=("name", "role", "affiliation"))
_reference_record = _maker(Reference, positional=("citation", "type", "pmid", "doi"))
_eligibility_record = _maker(Eligibility, positional=(
    "criteria", "inclusion", "exclusion", "minimum_age", "maximum_age", "sex", "healthy_volunteers", "std_ages",
    "study_population", "sampling_method", "items"))
_new_geo_point = _maker(GeoPoint)
_new_trial_date = _maker(TrialDate)
_new_enrollment = _maker(Enrollment)
_new_design = _maker(Design)
_new_responsible_party = _maker(ResponsibleParty)
_new_trial = _maker(Trial)
_GEO_POINTS: dict[tuple[float, float], GeoPoint] = {}  # CT.gov geo points are city centres: they repeat


def _geo_point(lat: float, lon: float) -> GeoPoint:
    point = _new_geo_point(lat=lat, lon=lon)
    if lat and lon and len(_GEO_POINTS) < 8192:  # not 0.0: -0.0 equals it but prints differently
        _GEO_POINTS[(lat, lon)] = point
    return point


_SITE_KEYS = ("facility", "city", "state", "zip", "country", "status", "geoPoint")


def _plain_location(item: dict[str, Any]) -> Location | None:
    """A site whose values all have their v2 types (the fast path), else None: `_location` checks and reports."""
    facility, city, state, zip_, country, raw_status, point = map(item.get, _SITE_KEYS)
    if not ((facility is None or facility.__class__ is str) and (city is None or city.__class__ is str)
            and (state is None or state.__class__ is str) and (zip_ is None or zip_.__class__ is str)
            and (country is None or country.__class__ is str)):
        return None
    status = None
    if raw_status is not None:
        status = _SITE_STATUS.get(raw_status) if raw_status.__class__ is str else None
        if status is None:
            return None
    geo = None
    if point is not None:
        if point.__class__ is not dict:
            return None
        lat, lon = point.get("lat"), point.get("lon")
        if lat.__class__ is float and lon.__class__ is float:
            geo = _GEO_POINTS.get((lat, lon)) or _geo_point(lat, lon)
        elif lat is not None or lon is not None:
            return None
    return _new_site(facility or None, city or None, state or None, zip_ or None, country or None, status, geo)


def _location(loc: Node) -> Location:
    geo = loc.node("geoPoint")
    lat, lon = geo.number("lat"), geo.number("lon")
    return Location(
        facility=loc.text("facility"), city=loc.text("city"), state=loc.text("state"), zip=loc.text("zip"),
        country=loc.text("country"), status=loc.enum(RecruitmentStatus, "status", "locations.status"),
        geo=GeoPoint(lat=lat, lon=lon) if lat is not None and lon is not None else None,
    )


def _reference(ref: Node) -> Reference:
    citation, raw_pmid = ref.text("citation"), ref.text("pmid")
    found = pmid(raw_pmid)
    if raw_pmid and found is None:
        ref.draft.report("bad_pmid", f"references.pmid: {raw_pmid[:40]!r} is not a PMID", section="references",
                         field="references.pmid", excerpt=raw_pmid)
    return Reference(citation=citation, type=ref.enum(ReferenceType, "type", "references.type"), pmid=found,
                     doi=doi(citation))


# --- The fast path: modules read straight from the dict ------------------------------------------------------


class _Bail(Exception):
    """A value the fast path does not take as is: the module is read again by the checking reader."""


_BAIL = _Bail()
_CACHE_MAX = 4096


def _s(value: Any) -> str | None:
    """`Node.text` for a value of the right type (a str, or absent); anything else bails."""
    if value.__class__ is str:
        return value or None
    if value is None:
        return None
    raise _BAIL


def _ss(value: Any) -> tuple[str, ...]:
    """`Node.texts` for a list of str (or absent); anything else bails."""
    if value is None:
        return ()
    if value.__class__ is not list:
        raise _BAIL
    for item in value:
        if item.__class__ is not str:
            raise _BAIL
    return tuple(filter(None, value))


def _d(value: Any) -> dict[str, Any]:
    """The object `Node` would wrap: a dict, or the empty one for an absent value; anything else bails."""
    if value.__class__ is dict:
        return value
    if value is None:
        return _EMPTY
    raise _BAIL


def _l(value: Any) -> list[dict[str, Any]]:
    """A list of objects (`Node.nodes`), or an empty one; anything else bails."""
    if value is None:
        return []
    if value.__class__ is not list:
        raise _BAIL
    for item in value:
        if item.__class__ is not dict:
            raise _BAIL
    return value


def _flag(value: Any) -> bool | None:
    if value is None or value.__class__ is bool:
        return value
    raise _BAIL


# Raw value → member, per enum, for the raw values that name one: seeded with every member's v2 value (what the
# API writes), and added to as other spellings turn up (bounded).
_HITS: dict[type[StrEnum], dict[str, Any]] = {}


def _hits(enum: type[StrEnum]) -> dict[str, Any]:
    table = _HITS.get(enum)
    if table is None:
        table = _HITS[enum] = {m.value: hit for m in enum if (hit := lookup(enum, m.value)) is not None}
    return table


def _e(enum: type[E], value: Any) -> E | None:
    """`Node.enum` for a raw value that names a member (or is absent or blank); anything else bails."""
    if value is None:
        return None
    if value.__class__ is not str:
        raise _BAIL
    table = _HITS.get(enum) or _hits(enum)
    found = table.get(value)
    if found is not None:
        return found  # type: ignore[no-any-return]
    if not value.strip():  # `Draft.enum`: blank is no value, and no issue
        return None
    member = lookup(enum, value)
    if member is None:
        raise _BAIL
    if len(table) < _ENUM_HITS_MAX:
        table[value] = member
    return member


def _es(enum: type[E], value: Any) -> tuple[E, ...]:
    out = []
    for raw in _ss(value):
        member = _e(enum, raw)
        if member is not None:
            out.append(member)
    return tuple(out)


_EMPTY: dict[str, Any] = {}
_TRIAL_DATES: dict[tuple[str, str | None], TrialDate] = {}


def _fast_date(value: Any) -> TrialDate | None:
    """`_date` of a date struct (TrialDate values are immutable: one per raw date and type)."""
    if value is None:
        return None
    struct = _d(value)
    raw, raw_type = struct.get("date"), struct.get("type")
    if raw.__class__ is str and (raw_type is None or raw_type.__class__ is str):
        found = _TRIAL_DATES.get((raw, raw_type))
        if found is not None:
            return found
    raw = _s(raw)
    if raw is None:
        return None
    kind = _e(DateType, raw_type)
    parsed: Parsed[PartialDate] = _partial_date(raw)
    if parsed.problem is not None or parsed.value is None:
        raise _BAIL
    date = _new_trial_date(date=parsed.value, type=kind)
    if len(raw) <= 64 and len(_TRIAL_DATES) < _CACHE_MAX:
        _TRIAL_DATES[(raw, raw_type)] = date
    return date


def _fast_full_date(raw: str | None) -> Any:
    if raw is None:
        return None
    parsed = _iso_date(raw)
    if parsed.problem is not None:
        raise _BAIL
    return parsed.value


def _fast_nested(value: Any) -> str | None:
    if value is None:
        return None
    return _s(_d(value).get("date"))


def _fast_identification(module: Any) -> tuple[Any, ...]:
    """nct_id, title, official_title, acronym, identifiers."""
    get = _d(module).get
    found: list[Identifier] = []
    org = _d(get("orgStudyIdInfo"))
    # Identifier: value, source, type, registry, domain
    if value := _s(org.get("id")):
        found.append(_identifier_record(value, IdentifierSource.ORG_STUDY_ID, _e(IdentifierType, org.get("type")),
                                        _registry_of(value), None))
    for sec in _l(get("secondaryIdInfos")):
        if value := _s(sec.get("id")):
            found.append(_identifier_record(value, IdentifierSource.SECONDARY_ID, _e(IdentifierType, sec.get("type")),
                                            _registry_of(value), _s(sec.get("domain"))))
    for alias in _ss(get("nctIdAliases")):
        found.append(_identifier_record(alias, IdentifierSource.NCT_ALIAS, None, _registry_of(alias), None))
    nct_id, title, official_title, acronym = (_s(get("nctId")), _s(get("briefTitle")), _s(get("officialTitle")),
                                              _s(get("acronym")))
    return nct_id, title, official_title, acronym, tuple(found)


def _fast_status(module: Any) -> tuple[Any, ...]:
    """overall_status, why_stopped, start_date, primary_completion_date, completion_date, last_updated,
    first_posted."""
    get = _d(module).get
    overall = _e(OverallStatus, get("overallStatus"))
    why = _s(get("whyStopped"))
    start = _fast_date(get("startDateStruct"))
    primary = _fast_date(get("primaryCompletionDateStruct"))
    completion = _fast_date(get("completionDateStruct"))
    last = _fast_nested(get("lastUpdatePostDateStruct")) or _s(get("lastUpdateSubmitDate"))
    first = _fast_nested(get("studyFirstPostDateStruct")) or _s(get("studyFirstSubmitDate"))
    last_updated, first_posted = _fast_full_date(last), _fast_full_date(first)
    return overall, why, start, primary, completion, last_updated, first_posted


_PHASE_LISTS: dict[tuple[str, ...], tuple[Phase, ...]] = {}


def _fast_phases(value: Any) -> tuple[Phase, ...]:
    raws = _ss(value)
    if not raws:
        return ()
    found_list = _PHASE_LISTS.get(raws)
    if found_list is not None:
        return found_list
    found: set[Phase] = set()
    for raw in raws:
        parsed = _phases_of(raw)
        if parsed.problem is not None:
            raise _BAIL
        found.update(parsed.value or ())
    out = tuple(p for p in _PHASES if p in found) if found else ()
    if len(_PHASE_LISTS) < _CACHE_MAX and sum(map(len, raws)) <= 256:
        _PHASE_LISTS[raws] = out
    return out


_ENROLLMENTS: dict[tuple[int | None, str | None], Enrollment] = {}


def _fast_design(module: Any) -> tuple[Any, ...]:
    """study_type, phases, enrollment, design."""
    get = _d(module).get
    study_type = _e(StudyType, get("studyType"))
    found_phases = _fast_phases(get("phases"))
    info = _d(get("enrollmentInfo"))
    count, raw_kind = info.get("count"), info.get("type")
    if count is not None and count.__class__ is not int:
        raise _BAIL
    enrollment = None
    if count is not None or raw_kind is not None:
        cached = raw_kind is None or raw_kind.__class__ is str
        enrollment = _ENROLLMENTS.get((count, raw_kind)) if cached else None
        if enrollment is None:
            kind = _e(EnrollmentType, raw_kind)
            if count is not None or kind:
                enrollment = _new_enrollment(count=count, type=kind)
                if cached and len(_ENROLLMENTS) < _CACHE_MAX:
                    _ENROLLMENTS[(count, raw_kind)] = enrollment
    di = _d(get("designInfo"))
    dget = di.get
    mask = _d(dget("maskingInfo"))
    design = _new_design(
        allocation=_e(Allocation, dget("allocation")),
        intervention_model=_e(InterventionModel, dget("interventionModel")),
        intervention_model_description=_s(dget("interventionModelDescription")),
        primary_purpose=_e(PrimaryPurpose, dget("primaryPurpose")),
        masking=_e(Masking, mask.get("masking")),
        masking_description=_s(mask.get("maskingDescription")),
        who_masked=_es(WhoMasked, mask.get("whoMasked")),
        observational_model=_e(ObservationalModel, dget("observationalModel")),
        time_perspective=_e(TimePerspective, dget("timePerspective")),
        patient_registry=_flag(get("patientRegistry")),
    )
    return study_type, found_phases, enrollment, design


def _fast_description(desc: Any, cond: Any) -> tuple[Any, ...]:
    """brief_summary, detailed_description, conditions, keywords."""
    dget, cget = _d(desc).get, _d(cond).get
    brief, detailed = _s(dget("briefSummary")), _s(dget("detailedDescription"))
    conditions, keywords = _ss(cget("conditions")), _ss(cget("keywords"))
    return brief, detailed, conditions, keywords


def _fast_arms(module: Any) -> tuple[Any, ...]:
    """arms, interventions."""
    get = _d(module).get
    arms = tuple([
        _arm(_s(arm.get("label")) or "", _e(ArmGroupType, arm.get("type")), _s(arm.get("description")),
             tuple([_strip_type_of(n) for n in _ss(arm.get("interventionNames"))]))
        for arm in _l(get("armGroups"))
    ])
    interventions = tuple([
        _intervention(_s(item.get("name")) or "", _e(InterventionType, item.get("type")),
                      _s(item.get("description")), _ss(item.get("armGroupLabels")), _ss(item.get("otherNames")))
        for item in _l(get("interventions"))
    ])
    return arms, interventions


def _fast_age(value: Any) -> Age | None:
    raw = _s(value)
    if raw is None:
        return None
    parsed: Parsed[Age] = _age_of(raw)
    if parsed.problem is not None:
        raise _BAIL
    return parsed.value


def _fast_eligibility(module: Any) -> Eligibility | None:
    e = _d(module)
    if not e:
        return None
    get = e.get
    criteria = _s(get("eligibilityCriteria"))
    minimum_age, maximum_age = _fast_age(get("minimumAge")), _fast_age(get("maximumAge"))
    sex, healthy = _e(Sex, get("sex")), _flag(get("healthyVolunteers"))
    std_ages = _es(StandardAge, get("stdAges"))
    population, sampling = _s(get("studyPopulation")), _e(SamplingMethod, get("samplingMethod"))
    inclusion, exclusion = split_criteria(criteria)
    return _eligibility_record(criteria, inclusion, exclusion, minimum_age, maximum_age, sex, healthy, std_ages,
                               population, sampling, ())


def _fast_sponsors(module: Any) -> tuple[Any, ...]:
    """sponsors, responsible_party."""
    get = _d(module).get
    sponsors = []
    lead = _d(get("leadSponsor"))
    if name := _s(lead.get("name")):
        sponsors.append(_sponsor(name, _e(AgencyClass, lead.get("class")), SponsorRole.LEAD))
    for item in _l(get("collaborators")):
        if name := _s(item.get("name")):
            sponsors.append(_sponsor(name, _e(AgencyClass, item.get("class")), SponsorRole.COLLABORATOR))
    rp = _d(get("responsibleParty"))
    party = None
    if rp:
        rget = rp.get
        party = _new_responsible_party(
            type=_e(ResponsiblePartyType, rget("type")),
            name=_s(rget("investigatorFullName")) or _s(rget("oldNameTitle")),
            title=_s(rget("investigatorTitle")), affiliation=_s(rget("investigatorAffiliation")),
            organization=_s(rget("oldOrganization")),
        )
    return tuple(sponsors), party


def _fast_contacts(module: Any) -> tuple[Any, ...]:
    """officials, locations, countries."""
    get = _d(module).get
    officials = tuple([
        _official(_s(o.get("name")) or "", _e(OfficialRole, o.get("role")), _s(o.get("affiliation")))
        for o in _l(get("overallOfficials"))
    ])
    locations = []
    countries = []
    for item in _l(get("locations")):
        location = _plain_location(item)
        if location is None:
            raise _BAIL
        locations.append(location)
        if location.country:
            countries.append(location.country)
    return officials, tuple(locations), tuple(dict.fromkeys(countries))


def _fast_references(module: Any) -> tuple[Reference, ...]:
    out = []
    for ref in _l(_d(module).get("references")):
        citation, raw_pmid = _s(ref.get("citation")), _s(ref.get("pmid"))
        found = pmid(raw_pmid)
        if raw_pmid and found is None:
            raise _BAIL
        out.append(_reference_record(citation, _e(ReferenceType, ref.get("type")), found, doi(citation)))
    return tuple(out)


def _fast_removed(derived: Any) -> tuple[str, ...]:
    return _ss(_d(_d(derived).get("miscInfoModule")).get("removedCountries"))
