"""The trial record: frozen attrs classes and CT.gov API v2 enums. No parsing, no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar, cast

import attrs

from trialparse.criteria.model import ParsedCriterion
from trialparse.issues import Issue

_T = TypeVar("_T")

# --- Enums: values are the ClinicalTrials.gov API v2 enum values -------------------------------


class OverallStatus(StrEnum):
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"
    UNKNOWN = "UNKNOWN"


class RecruitmentStatus(StrEnum):
    """Status of one site (location)."""

    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"


class Phase(StrEnum):
    """Declared in ascending order; `phases` lists keep this order."""

    NA = "NA"
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"


class StudyType(StrEnum):
    EXPANDED_ACCESS = "EXPANDED_ACCESS"
    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"


class Allocation(StrEnum):
    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(StrEnum):
    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class PrimaryPurpose(StrEnum):
    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    ECT = "ECT"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    OTHER = "OTHER"


class Masking(StrEnum):
    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class WhoMasked(StrEnum):
    PARTICIPANT = "PARTICIPANT"
    CARE_PROVIDER = "CARE_PROVIDER"
    INVESTIGATOR = "INVESTIGATOR"
    OUTCOMES_ASSESSOR = "OUTCOMES_ASSESSOR"


class ObservationalModel(StrEnum):
    COHORT = "COHORT"
    CASE_CONTROL = "CASE_CONTROL"
    CASE_ONLY = "CASE_ONLY"
    CASE_CROSSOVER = "CASE_CROSSOVER"
    ECOLOGIC_OR_COMMUNITY = "ECOLOGIC_OR_COMMUNITY"
    FAMILY_BASED = "FAMILY_BASED"
    DEFINED_POPULATION = "DEFINED_POPULATION"
    NATURAL_HISTORY = "NATURAL_HISTORY"
    OTHER = "OTHER"


class TimePerspective(StrEnum):
    RETROSPECTIVE = "RETROSPECTIVE"
    PROSPECTIVE = "PROSPECTIVE"
    CROSS_SECTIONAL = "CROSS_SECTIONAL"
    OTHER = "OTHER"


class ArmGroupType(StrEnum):
    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO_COMPARATOR = "PLACEBO_COMPARATOR"
    SHAM_COMPARATOR = "SHAM_COMPARATOR"
    NO_INTERVENTION = "NO_INTERVENTION"
    OTHER = "OTHER"


class InterventionType(StrEnum):
    BEHAVIORAL = "BEHAVIORAL"
    BIOLOGICAL = "BIOLOGICAL"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DEVICE = "DEVICE"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    DRUG = "DRUG"
    GENETIC = "GENETIC"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    OTHER = "OTHER"


class Sex(StrEnum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    ALL = "ALL"


class StandardAge(StrEnum):
    CHILD = "CHILD"
    ADULT = "ADULT"
    OLDER_ADULT = "OLDER_ADULT"


class SamplingMethod(StrEnum):
    PROBABILITY_SAMPLE = "PROBABILITY_SAMPLE"
    NON_PROBABILITY_SAMPLE = "NON_PROBABILITY_SAMPLE"


class AgencyClass(StrEnum):
    NIH = "NIH"
    FED = "FED"
    OTHER_GOV = "OTHER_GOV"
    INDIV = "INDIV"
    INDUSTRY = "INDUSTRY"
    NETWORK = "NETWORK"
    AMBIG = "AMBIG"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class SponsorRole(StrEnum):
    LEAD = "LEAD"
    COLLABORATOR = "COLLABORATOR"


class ResponsiblePartyType(StrEnum):
    SPONSOR = "SPONSOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SPONSOR_INVESTIGATOR = "SPONSOR_INVESTIGATOR"


class OfficialRole(StrEnum):
    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"


class ReferenceType(StrEnum):
    BACKGROUND = "BACKGROUND"
    RESULT = "RESULT"
    DERIVED = "DERIVED"


class DateType(StrEnum):
    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class EnrollmentType(StrEnum):
    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class AgeUnit(StrEnum):
    YEARS = "YEARS"
    MONTHS = "MONTHS"
    WEEKS = "WEEKS"
    DAYS = "DAYS"
    HOURS = "HOURS"
    MINUTES = "MINUTES"


class IdentifierSource(StrEnum):
    ORG_STUDY_ID = "ORG_STUDY_ID"
    SECONDARY_ID = "SECONDARY_ID"
    NCT_ALIAS = "NCT_ALIAS"


class IdentifierType(StrEnum):
    """CT.gov OrgStudyIdType / SecondaryIdType: what the registry says an identifier is."""

    NIH = "NIH"
    FDA = "FDA"
    VA = "VA"
    CDC = "CDC"
    AHRQ = "AHRQ"
    SAMHSA = "SAMHSA"
    OTHER_GRANT = "OTHER_GRANT"
    EUDRACT_NUMBER = "EUDRACT_NUMBER"
    CTIS = "CTIS"
    REGISTRY = "REGISTRY"
    OTHER = "OTHER"


class Registry(StrEnum):
    """What trialparse recognises an identifier value to be, from its pattern."""

    NCT = "NCT"
    EUDRACT = "EUDRACT"
    CTIS = "CTIS"
    ISRCTN = "ISRCTN"
    CHICTR = "CHICTR"
    ACTRN = "ACTRN"
    DRKS = "DRKS"
    JRCT = "JRCT"
    JPRN = "JPRN"
    UMIN = "UMIN"
    CTRI = "CTRI"
    KCT = "KCT"
    IRCT = "IRCT"
    PACTR = "PACTR"
    NTR = "NTR"
    UTN = "UTN"


class SourceFormat(StrEnum):
    PAGE_TEXT = "page-text"
    PAGE_HTML = "page-html"
    CTGOV_JSON = "ctgov-v2-json"
    CTGOV_XML = "ctgov-xml"


# --- Values ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PartialDate:
    """A calendar date of the precision the source gives: year, year-month or year-month-day.

    Never invents a missing month or day; `isoformat()` writes exactly the known parts.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


@attrs.frozen(kw_only=True)
class TrialDate:
    date: PartialDate
    type: DateType | None = None


@attrs.frozen(kw_only=True)
class Enrollment:
    count: int | None = None
    type: EnrollmentType | None = None


@attrs.frozen(kw_only=True)
class Age:
    value: int
    unit: AgeUnit


@attrs.frozen(kw_only=True)
class GeoPoint:
    lat: float
    lon: float


@attrs.frozen(kw_only=True)
class Source:
    """Where a record came from: which reader ran, and on what."""

    format: SourceFormat
    name: str | None = None


# --- Sections ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Design:
    allocation: Allocation | None = None
    intervention_model: InterventionModel | None = None
    intervention_model_description: str | None = None
    primary_purpose: PrimaryPurpose | None = None
    masking: Masking | None = None
    masking_description: str | None = None
    who_masked: tuple[WhoMasked, ...] = ()
    observational_model: ObservationalModel | None = None
    time_perspective: TimePerspective | None = None
    patient_registry: bool | None = None


@attrs.frozen(kw_only=True)
class Arm:
    label: str
    type: ArmGroupType | None = None
    description: str | None = None
    intervention_names: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Intervention:
    name: str
    type: InterventionType | None = None
    description: str | None = None
    arm_labels: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Eligibility:
    criteria: str | None = None
    inclusion: tuple[str, ...] = ()
    exclusion: tuple[str, ...] = ()
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    sex: Sex | None = None
    healthy_volunteers: bool | None = None
    std_ages: tuple[StandardAge, ...] = ()
    study_population: str | None = None
    sampling_method: SamplingMethod | None = None
    items: tuple[ParsedCriterion, ...] = ()  # inclusion then exclusion items as constraints (docs/criteria.md)


@attrs.frozen(kw_only=True)
class Sponsor:
    name: str
    agency_class: AgencyClass | None = None
    role: SponsorRole = SponsorRole.LEAD


@attrs.frozen(kw_only=True)
class ResponsibleParty:
    type: ResponsiblePartyType | None = None
    name: str | None = None
    title: str | None = None
    affiliation: str | None = None
    organization: str | None = None


@attrs.frozen(kw_only=True)
class Official:
    name: str
    role: OfficialRole | None = None
    affiliation: str | None = None


@attrs.frozen(kw_only=True)
class Location:
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    status: RecruitmentStatus | None = None
    geo: GeoPoint | None = None


@attrs.frozen(kw_only=True)
class Reference:
    citation: str | None = None
    type: ReferenceType | None = None
    pmid: str | None = None
    doi: str | None = None


@attrs.frozen(kw_only=True)
class Identifier:
    value: str
    source: IdentifierSource
    type: IdentifierType | None = None
    registry: Registry | None = None
    domain: str | None = None


@attrs.frozen(kw_only=True)
class RelatedTrial:
    nct_id: str
    title: str | None = None
    overall_status: OverallStatus | None = None
    phases: tuple[Phase, ...] = ()


@attrs.frozen(kw_only=True)
class Unparsed:
    """A line the parser could not place, kept verbatim with the section it stood in."""

    section: str | None
    text: str


# --- The record --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Trial:
    nct_id: str | None = None
    title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    last_updated: dt.date | None = None
    first_posted: dt.date | None = None
    has_results: bool | None = None
    overall_status: OverallStatus | None = None
    why_stopped: str | None = None
    phases: tuple[Phase, ...] = ()
    study_type: StudyType | None = None
    enrollment: Enrollment | None = None
    start_date: TrialDate | None = None
    primary_completion_date: TrialDate | None = None
    completion_date: TrialDate | None = None
    brief_summary: str | None = None
    detailed_description: str | None = None
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    design: Design | None = None
    arms: tuple[Arm, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    eligibility: Eligibility | None = None
    sponsors: tuple[Sponsor, ...] = ()
    responsible_party: ResponsibleParty | None = None
    officials: tuple[Official, ...] = ()
    locations: tuple[Location, ...] = ()
    countries: tuple[str, ...] = ()
    removed_countries: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    related_trials: tuple[RelatedTrial, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    issues: tuple[Issue, ...] = ()
    source: Source | None = None


# --- Fast construction (private) -----------------------------------------------------------------------------


def _maker(cls: type[_T], *, positional: tuple[str, ...] = ()) -> Callable[..., _T]:
    """A keyword-only constructor of `cls` with the signature and defaults of its attrs `__init__`, for the
    readers' hot loops (a study can hold thousands of sites).

    attrs' frozen `__init__` sets each field through a bound `object.__setattr__`; this one calls each slot's
    descriptor directly, which is what that call ends in, so the instance is the same (frozen, slotted, equal
    and hashing alike) at about half the cost. A class whose `__init__` does more (validators, converters,
    factories, post-init hooks) keeps its own `__init__`.

    `positional`: the names of all of `cls`'s fields in declaration order, which the constructor then takes by
    position, none left out (CPython 3.11 spends about a third of a small record's construction matching keyword
    arguments); a `TypeError` here when the names are not the fields, so a change to the model cannot shift
    values into the wrong fields unnoticed.
    """
    fields = attrs.fields(cast(Any, cls))
    if positional and positional != tuple(f.name for f in fields):
        raise TypeError(f"{cls.__name__} fields are {tuple(f.name for f in fields)}, not {positional}")
    plain = (
        attrs.has(cls) and "__slots__" in cls.__dict__ and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(f.init and f.kw_only and f.validator is None and f.converter is None and f.alias == f.name
                and not isinstance(f.default, attrs.Factory) and f.name.isidentifier() for f in fields)  # type: ignore[arg-type]
    )
    if not plain:
        if positional:
            names = tuple(f.alias for f in fields)

            def make_by_keyword(*values: Any) -> _T:
                if len(values) != len(names):
                    raise TypeError(f"{cls.__name__} takes {len(names)} values, got {len(values)}")
                return cls(**dict(zip(names, values, strict=True)))

            return make_by_keyword
        return cls
    env: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    params = []
    for f in fields:
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is attrs.NOTHING or positional:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _set_{f.name}(self, {f.name})\n" for f in fields)
    signature = ", ".join(params) if positional else f"*, {', '.join(params)}"
    exec(f"def make({signature}):\n    self = _new(_cls)\n{body}    return self\n", env)
    make: Callable[..., _T] = env["make"]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make
