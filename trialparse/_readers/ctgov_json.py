"""CT.gov API v2 study JSON → Trial. Dates keep the precision and ACTUAL/ESTIMATED type as given."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from trialparse._draft import Draft
from trialparse._normalize import Parsed, dates, identifiers, numbers, phases
from trialparse._normalize.references import doi, pmid
from trialparse._normalize.text import split_criteria
from trialparse._readers._access import Node
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
)

# "Drug: Lenalidomide" → "Lenalidomide"; the prefix is an intervention type (any case, spaces allowed).
_TYPE_PREFIX = re.compile(r"([A-Za-z][A-Za-z ]{1,30}):\s+")

T = TypeVar("T")


def _memo(fn: Callable[[str], T], size: int) -> Callable[[str], T]:
    """`fn` with its answers cached by input: the normalizers are pure, their answers immutable, and a corpus
    repeats its dates, ages and phase strings. Long (hostile) inputs are not kept."""
    cached = lru_cache(maxsize=size)(fn)

    def call(raw: str) -> T:
        return cached(raw) if len(raw) <= 64 else fn(raw)

    return call


_partial_date = _memo(dates.partial_date, 4096)
_iso_date = _memo(dates.iso_date, 4096)
_age_of = _memo(numbers.age, 1024)
_phases_of = _memo(phases.phases, 256)


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
    draft = Draft()
    root = Node(data, "$", draft, "study")
    protocol = root.node("protocolSection")
    fields: dict[str, Any] = {"has_results": root.flag("hasResults")}
    _identification(protocol.node("identificationModule", "identifiers"), fields)
    _status(protocol.node("statusModule", "basic"), fields)
    _design(protocol.node("designModule", "design"), fields)
    _description(protocol.node("descriptionModule", "summary"), protocol.node("conditionsModule", "conditions"),
                 fields)
    _arms(protocol.node("armsInterventionsModule", "arms"), fields)
    fields["eligibility"] = _eligibility(protocol.node("eligibilityModule", "eligibility"))
    _sponsors(protocol.node("sponsorCollaboratorsModule", "sponsors"), fields)
    _contacts(protocol.node("contactsLocationsModule", "locations"), fields)
    fields["references"] = tuple(_reference(n) for n in protocol.node("referencesModule", "references")
                                 .nodes("references"))
    removed = root.node("derivedSection").node("miscInfoModule").texts("removedCountries")
    fields["removed_countries"] = removed
    return Trial(**fields, issues=tuple(draft.issues), source=Source(format=SourceFormat.CTGOV_JSON, name=name))


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
        found.append(Identifier(value=alias, source=IdentifierSource.NCT_ALIAS, registry=identifiers.registry(alias)))
    f["identifiers"] = tuple(found)


def _identifier(value: str, source: IdentifierSource, node: Node, domain: str | None) -> Identifier:
    return Identifier(value=value, source=source, type=node.enum(IdentifierType, "type", "identifiers.type"),
                      registry=identifiers.registry(value), domain=domain)


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


def _plain_location(item: dict[str, Any]) -> Location | None:
    """A site whose values all have their v2 types (the fast path), else None: `_location` checks and reports."""
    get = item.get
    facility, city, state, zip_, country = get("facility"), get("city"), get("state"), get("zip"), get("country")
    for value in (facility, city, state, zip_, country):
        if value is not None and value.__class__ is not str:
            return None
    raw_status = get("status")
    status = None
    if raw_status is not None:
        status = _SITE_STATUS.get(raw_status) if raw_status.__class__ is str else None
        if status is None:
            return None
    point = get("geoPoint")
    geo = None
    if point is not None:
        if point.__class__ is not dict:
            return None
        lat, lon = point.get("lat"), point.get("lon")
        if lat.__class__ is float and lon.__class__ is float:
            geo = GeoPoint(lat=lat, lon=lon)
        elif lat is not None or lon is not None:
            return None
    return Location(facility=facility or None, city=city or None, state=state or None, zip=zip_ or None,
                    country=country or None, status=status, geo=geo)


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
