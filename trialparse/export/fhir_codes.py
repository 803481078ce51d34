"""Code systems and CT.gov → FHIR code tables for the ResearchStudy export (docs/exports/fhir.md)."""

from __future__ import annotations

from trialparse.model import (
    AgencyClass,
    AgeUnit,
    ArmGroupType,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    Registry,
    Sex,
)

PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase"
PURPOSE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type"
STATUS_SYSTEM = "http://hl7.org/fhir/research-study-status"
ARM_TYPE_SYSTEM = "http://hl7.org/fhir/research-study-arm-type"
PARTY_ROLE_SYSTEM = "http://hl7.org/fhir/research-study-party-role"
PARTY_ORG_TYPE_SYSTEM = "http://hl7.org/fhir/research-study-party-organization-type"
TITLE_TYPE_SYSTEM = "http://hl7.org/fhir/title-type"
GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender"
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
# Cross-version extensions carry R5 elements in R4B (https://hl7.org/fhir/versions.html#extensions).
XVER_R5 = "http://hl7.org/fhir/5.0/StructureDefinition/extension-"

# The HL7 terminology NamingSystem ClinicalTrials-Gov gives this URI for NCT numbers.
NCT_SYSTEM = "https://clinicaltrials.gov"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
DOI = "https://doi.org/"

# Identifier systems for other registries: no HL7 NamingSystem exists for most; these are the registries' own sites.
REGISTRY_SYSTEMS: dict[Registry, str] = {
    Registry.NCT: NCT_SYSTEM,
    Registry.EUDRACT: "https://www.clinicaltrialsregister.eu",
    Registry.CTIS: "https://euclinicaltrials.eu",
    Registry.ISRCTN: "https://www.isrctn.com",
    Registry.CHICTR: "https://www.chictr.org.cn",
    Registry.ACTRN: "https://www.anzctr.org.au",
    Registry.DRKS: "https://drks.de",
    Registry.JRCT: "https://jrct.niph.go.jp",
    Registry.JPRN: "https://rctportal.niph.go.jp",
    Registry.UMIN: "https://www.umin.ac.jp/ctr",
    Registry.CTRI: "https://ctri.nic.in",
    Registry.KCT: "https://cris.nih.go.kr",
    Registry.IRCT: "https://irct.behdasht.gov.ir",
    Registry.PACTR: "https://pactr.samrc.ac.za",
    Registry.NTR: "https://onderzoekmetmensen.nl",
    Registry.UTN: "https://www.who.int/tools/clinical-trials-registry-platform/unambiguous-trial-identification",
}

# CT.gov lists phases; FHIR has one code, with combined codes only for 1/2 and 2/3.
PHASES: dict[tuple[Phase, ...], str] = {
    (Phase.NA,): "n-a",
    (Phase.EARLY_PHASE1,): "early-phase-1",
    (Phase.PHASE1,): "phase-1",
    (Phase.PHASE1, Phase.PHASE2): "phase-1-phase-2",
    (Phase.PHASE2,): "phase-2",
    (Phase.PHASE2, Phase.PHASE3): "phase-2-phase-3",
    (Phase.PHASE3,): "phase-3",
    (Phase.PHASE4,): "phase-4",
}

# ECT and OTHER have no FHIR code: they go out as text only.
PURPOSES: dict[PrimaryPurpose, str] = {
    PrimaryPurpose.TREATMENT: "treatment",
    PrimaryPurpose.PREVENTION: "prevention",
    PrimaryPurpose.DIAGNOSTIC: "diagnostic",
    PrimaryPurpose.SUPPORTIVE_CARE: "supportive-care",
    PrimaryPurpose.SCREENING: "screening",
    PrimaryPurpose.HEALTH_SERVICES_RESEARCH: "health-services-research",
    PrimaryPurpose.BASIC_SCIENCE: "basic-science",
    PrimaryPurpose.DEVICE_FEASIBILITY: "device-feasibility",
}

# R4B ResearchStudy.status (required binding, 11 codes). UNKNOWN and WITHHELD have none: data-absent-reason.
R4_STATUS: dict[OverallStatus, str] = {
    OverallStatus.NOT_YET_RECRUITING: "approved",
    OverallStatus.RECRUITING: "active",
    OverallStatus.ENROLLING_BY_INVITATION: "active",
    OverallStatus.ACTIVE_NOT_RECRUITING: "closed-to-accrual",
    OverallStatus.SUSPENDED: "temporarily-closed-to-accrual",
    OverallStatus.TERMINATED: "administratively-completed",
    OverallStatus.COMPLETED: "completed",
    OverallStatus.WITHDRAWN: "withdrawn",
    OverallStatus.AVAILABLE: "active",
    OverallStatus.NO_LONGER_AVAILABLE: "closed-to-accrual",
    OverallStatus.TEMPORARILY_NOT_AVAILABLE: "temporarily-closed-to-accrual",
    OverallStatus.APPROVED_FOR_MARKETING: "completed",
}

# R5 progressStatus.state (extensible binding, 17 codes) has the CT.gov recruitment states by name.
R5_STATE: dict[OverallStatus, str] = {
    OverallStatus.NOT_YET_RECRUITING: "not-yet-recruiting",
    OverallStatus.RECRUITING: "recruiting",
    OverallStatus.ENROLLING_BY_INVITATION: "enrolling-by-invitation",
    OverallStatus.ACTIVE_NOT_RECRUITING: "active-but-not-recruiting",
    OverallStatus.SUSPENDED: "temporarily-closed-to-accrual",
    OverallStatus.TERMINATED: "terminated",
    OverallStatus.COMPLETED: "completed",
    OverallStatus.WITHDRAWN: "withdrawn",
    OverallStatus.AVAILABLE: "active",
    OverallStatus.NO_LONGER_AVAILABLE: "closed-to-accrual",
    OverallStatus.TEMPORARILY_NOT_AVAILABLE: "temporarily-closed-to-accrual",
    OverallStatus.APPROVED_FOR_MARKETING: "completed",
}

ARM_TYPES: dict[ArmGroupType, str] = {
    ArmGroupType.EXPERIMENTAL: "experimental",
    ArmGroupType.ACTIVE_COMPARATOR: "active-comparator",
    ArmGroupType.PLACEBO_COMPARATOR: "placebo-comparator",
    ArmGroupType.SHAM_COMPARATOR: "sham-comparator",
    ArmGroupType.NO_INTERVENTION: "no-intervention",
    ArmGroupType.OTHER: "other-arm-type",
}

OFFICIAL_ROLES: dict[OfficialRole, str] = {
    OfficialRole.PRINCIPAL_INVESTIGATOR: "primary-investigator",
    OfficialRole.SUB_INVESTIGATOR: "sub-investigator",
    OfficialRole.STUDY_CHAIR: "study-chair",
    OfficialRole.STUDY_DIRECTOR: "study-director",
}

# INDIV, NETWORK, AMBIG, OTHER, UNKNOWN cannot be told apart as academic / nonprofit: text only.
AGENCY_CLASSES: dict[AgencyClass, str] = {
    AgencyClass.NIH: "nih",
    AgencyClass.FED: "government",
    AgencyClass.OTHER_GOV: "government",
    AgencyClass.INDUSTRY: "industry",
}

SEXES: dict[Sex, str] = {Sex.FEMALE: "female", Sex.MALE: "male"}

UCUM_AGE: dict[AgeUnit, tuple[str, str]] = {
    AgeUnit.YEARS: ("a", "years"),
    AgeUnit.MONTHS: ("mo", "months"),
    AgeUnit.WEEKS: ("wk", "weeks"),
    AgeUnit.DAYS: ("d", "days"),
    AgeUnit.HOURS: ("h", "hours"),
    AgeUnit.MINUTES: ("min", "minutes"),
}

LOINC_AGE = ("30525-0", "Age")
LOINC_SEX = ("46098-0", "Sex")
