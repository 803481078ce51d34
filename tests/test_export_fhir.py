"""to_fhir: ResearchStudy R5 and R4B, validated with fhir.resources, every coded value checked against its value set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fhir.resources import researchstudy as fhir_r5
from fhir.resources.R4B import researchstudy as fhir_r4b

from tests.exports import corpus_studies, full_trial
from tests.scaling import LIMIT, growth
from trialparse.export import to_fhir
from trialparse.export.fhir import phase_concept
from trialparse.model import Arm, Intervention, OverallStatus, Phase, Sex, Trial

VALIDATORS = {"R5": fhir_r5.ResearchStudy, "R4B": fhir_r4b.ResearchStudy}

# Value sets, hard-coded from ../shared/REFERENCE.md and the FHIR R4 / R5 code systems.
R4_STUDY_STATUS = {
    "active", "administratively-completed", "approved", "closed-to-accrual", "closed-to-accrual-and-intervention",
    "completed", "disapproved", "in-review", "temporarily-closed-to-accrual",
    "temporarily-closed-to-accrual-and-intervention", "withdrawn",
}
CODE_SYSTEMS: dict[str, set[str]] = {
    "http://hl7.org/fhir/research-study-status": R4_STUDY_STATUS | {
        "overall-study", "active-but-not-recruiting", "not-yet-recruiting", "recruiting", "enrolling-by-invitation",
        "terminated"},
    "http://terminology.hl7.org/CodeSystem/research-study-phase": {
        "n-a", "early-phase-1", "phase-1", "phase-1-phase-2", "phase-2", "phase-2-phase-3", "phase-3", "phase-4"},
    "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type": {
        "treatment", "prevention", "diagnostic", "supportive-care", "screening", "health-services-research",
        "basic-science", "device-feasibility"},
    "http://hl7.org/fhir/research-study-arm-type": {
        "active-comparator", "placebo-comparator", "sham-comparator", "no-intervention", "experimental",
        "other-arm-type"},
    "http://hl7.org/fhir/research-study-party-role": {
        "sponsor", "lead-sponsor", "sponsor-investigator", "primary-investigator", "collaborator", "funding-source",
        "general-contact", "recruitment-contact", "sub-investigator", "study-director", "study-chair"},
    "http://hl7.org/fhir/research-study-party-organization-type": {
        "nih", "fda", "government", "nonprofit", "academic", "industry"},
    "http://hl7.org/fhir/title-type": {
        "primary", "official", "scientific", "plain-language", "subtitle", "short-title", "acronym",
        "earlier-title", "language", "autotranslated", "human-use", "machine-use", "duplicate-uid"},
    "http://hl7.org/fhir/administrative-gender": {"male", "female", "other", "unknown"},
    "http://loinc.org": {"30525-0", "46098-0"},  # Age, Sex: the only LOINC codes the export uses
    "http://unitsofmeasure.org": {"a", "mo", "wk", "d", "h", "min"},
}
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
IDENTIFIER_USE = {"usual", "official", "temp", "secondary", "old"}
ARTIFACT_TYPE = {"documentation", "justification", "citation", "predecessor", "successor", "derived-from",
                 "depends-on", "composed-of"}
GROUP_TYPE = {"person", "animal", "practitioner", "device", "medication", "substance"}
DATA_ABSENT_REASON = {"unknown", "masked", "not-applicable", "asked-unknown", "temp-unknown", "not-asked"}
DATA_ABSENT_URL = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside `value`, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def code_problems(study: dict[str, Any], version: str) -> list[str]:
    """Every coded value outside its value set (Coding system/code pairs and the plain `code` elements)."""
    problems = []
    for node in nodes(study):
        for coding in node.get("coding", []):
            if coding.get("code") not in CODE_SYSTEMS.get(coding.get("system"), set()):
                problems.append(f"coding {coding}")
        if node.get("system") == "http://unitsofmeasure.org" and node.get("code") not in CODE_SYSTEMS[node["system"]]:
            problems.append(f"unit {node}")  # a Quantity's unit code
        if node.get("url") == DATA_ABSENT_URL and node.get("valueCode") not in DATA_ABSENT_REASON:
            problems.append(f"data-absent-reason {node}")
    status_set = PUBLICATION_STATUS if version == "R5" else R4_STUDY_STATUS
    if "status" in study and study["status"] not in status_set:
        problems.append(f"status {study['status']}")
    if "status" not in study and "_status" not in study:
        problems.append("no status")
    problems += [f"use {i}" for i in study.get("identifier", []) if i["use"] not in IDENTIFIER_USE]
    problems += [f"artifact {a}" for a in study.get("relatedArtifact", []) if a["type"] not in ARTIFACT_TYPE]
    for res in study.get("contained", []):
        if res["resourceType"] == "Group" and res["type"] not in GROUP_TYPE:
            problems.append(f"group type {res['type']}")
        if res["resourceType"] == "Group" and version == "R5" and res["membership"] != "definitional":
            problems.append(f"group membership {res['membership']}")
        if res["resourceType"] == "EvidenceVariable" and res["status"] not in PUBLICATION_STATUS:
            problems.append(f"evidence variable status {res['status']}")
    return problems


def contained_refs_resolve(study: dict[str, Any]) -> list[str]:
    """Local references point at a contained resource, and every contained resource is referenced."""
    ids = {r["id"] for r in study.get("contained", [])}
    refs = {n["reference"][1:] for n in nodes(study) if str(n.get("reference", "")).startswith("#")}
    return sorted(f"dangling #{r}" for r in refs - ids) + sorted(f"unreferenced {i}" for i in ids - refs)


# --- unit --------------------------------------------------------------------------------------

PHASES = [  # (phases, expected code or None for a text-only concept, why)
    ((), None, "no phase: no element"),
    ((Phase.NA,), "n-a", "not applicable"),
    ((Phase.EARLY_PHASE1,), "early-phase-1", "early phase 1"),
    ((Phase.PHASE1, Phase.PHASE2), "phase-1-phase-2", "combined 1/2"),
    ((Phase.PHASE2, Phase.PHASE3), "phase-2-phase-3", "combined 2/3"),
    ((Phase.PHASE3, Phase.PHASE4), None, "3/4 has no FHIR code: text only"),
    ((Phase.EARLY_PHASE1, Phase.PHASE1), None, "early 1 + 1 has no FHIR code: text only"),
    ((Phase.PHASE4,), "phase-4", "phase 4"),
]


@pytest.mark.parametrize(("phases", "code", "why"), PHASES, ids=[p[2] for p in PHASES])
def test_phase(phases: tuple[Phase, ...], code: str | None, why: str) -> None:
    concept = phase_concept(phases)
    if not phases:
        assert concept is None
    elif code is None:
        assert concept == {"text": "/".join(phases)}, why
    else:
        assert concept is not None
        assert concept["coding"] == [{"system": "http://terminology.hl7.org/CodeSystem/research-study-phase",
                                      "code": code}], why


STATUSES = [  # (overall status, R4B status, R5 progressStatus state)
    (OverallStatus.RECRUITING, "active", "recruiting"),
    (OverallStatus.NOT_YET_RECRUITING, "approved", "not-yet-recruiting"),
    (OverallStatus.ACTIVE_NOT_RECRUITING, "closed-to-accrual", "active-but-not-recruiting"),
    (OverallStatus.TERMINATED, "administratively-completed", "terminated"),
    (OverallStatus.COMPLETED, "completed", "completed"),
    (OverallStatus.WITHDRAWN, "withdrawn", "withdrawn"),
    (OverallStatus.SUSPENDED, "temporarily-closed-to-accrual", "temporarily-closed-to-accrual"),
    (OverallStatus.UNKNOWN, None, None),
]


@pytest.mark.parametrize(("status", "r4b", "r5"), STATUSES, ids=[s[0].value for s in STATUSES])
def test_status(status: OverallStatus, r4b: str | None, r5: str | None) -> None:
    """R4B status and the R5 current progress state; UNKNOWN has no code in either."""
    old, new = to_fhir(full_trial(overall_status=status), "R4B"), to_fhir(full_trial(overall_status=status), "R5")
    if r4b is None:
        assert old["_status"]["extension"][0]["valueCode"] == "unknown"
        assert new["progressStatus"][0] == {"state": {"text": status.value}}
    else:
        assert old["status"] == r4b
        assert new["progressStatus"][0]["state"]["coding"][0]["code"] == r5
    assert new["status"] == "active"


def test_r5_milestones_carry_date_types() -> None:
    """Start and completion become progress states whose `actual` follows CT.gov's ACTUAL/ESTIMATED."""
    states = to_fhir(full_trial(), "R5")["progressStatus"][1:]
    assert [(s["state"]["coding"][0]["code"], s["actual"], s["period"]) for s in states] == [
        ("active", True, {"start": "2020-03"}), ("completed", False, {"start": "2023-01-31"})]


def test_period_keeps_partial_dates() -> None:
    for version in ("R5", "R4B"):
        assert to_fhir(full_trial(), version)["period"] == {"start": "2020-03", "end": "2023-01-31"}


def test_r5_parties_and_groups() -> None:
    """Sponsors, officials and the responsible investigator are associated parties with R5 roles."""
    study = to_fhir(full_trial(), "R5")
    roles = [(p["name"], p["role"]["coding"][0]["code"]) for p in study["associatedParty"]]
    assert roles == [("Acme Pharma", "lead-sponsor"), ("NCI", "collaborator"), ("Ann Lee", "primary-investigator"),
                     ("Bo Chen", "study-chair"), ("Ann Lee", "primary-investigator")]
    groups = study["comparisonGroup"]
    assert [(g["name"], g["type"]["coding"][0]["code"], g["intendedExposure"]) for g in groups] == [
        ("Aspirin", "experimental", [{"reference": "#intervention-1"}]),
        ("Placebo", "placebo-comparator", [{"reference": "#intervention-2"}])]
    assert study["recruitment"] == {"actualNumber": 40, "eligibility": {"reference": "#eligibility"}}


def _exposures(arms: tuple[Arm, ...], items: tuple[Intervention, ...]) -> list[list[str]]:
    study = to_fhir(full_trial(arms=arms, interventions=items), "R5")
    return [[e["reference"] for e in g.get("intendedExposure", [])] for g in study.get("comparisonGroup", [])]


@pytest.mark.parametrize(("arms", "items", "expected", "why"), [
    ((Arm(label="A", intervention_names=("Y", "X")),), (Intervention(name="X"), Intervention(name="Y")),
     [["#intervention-1", "#intervention-2"]], "named by the arm, in the record's order"),
    ((Arm(label="A"), Arm(label="B")), (Intervention(name="X", arm_labels=("B", "A", "B")),),
     [["#intervention-1"], ["#intervention-1"]], "naming the arm, once however often"),
    ((Arm(label="A", intervention_names=("X",)),), (Intervention(name="X", arm_labels=("A",)), Intervention(name="X")),
     [["#intervention-1", "#intervention-2"]], "both links, and two interventions of one name"),
    ((Arm(label="A", intervention_names=("Z",)),), (Intervention(name="X", arm_labels=("B",)),), [[]], "no link"),
])
def test_arm_exposures(arms: tuple[Arm, ...], items: tuple[Intervention, ...], expected: list[list[str]],
                       why: str) -> None:
    """An arm's intended exposures: the interventions it names and those naming it, each once, in record order."""
    assert _exposures(arms, items) == expected, why


def test_arm_exposures_take_linear_time() -> None:
    """Looked up by name and label, not by testing every arm against every intervention (4,000 of each took 2.3 s)."""
    def record(n: int) -> Trial:
        return full_trial(arms=tuple(Arm(label=f"A{i}", intervention_names=(f"D{i}",)) for i in range(n)),
                          interventions=tuple(Intervention(name=f"D{i}", arm_labels=(f"A{i}",)) for i in range(n)))
    ratio = growth(lambda trial: to_fhir(trial, "R5"), record(500), record(2_000))
    assert ratio < LIMIT, f"{ratio:.1f}x the time for 4x the arms"


def test_r4b_sponsor_investigator_and_extensions() -> None:
    """R4B keeps one sponsor and one PI as references; the other parties ride cross-version extensions."""
    study = to_fhir(full_trial(), "R4B")
    contained = {r["id"]: r for r in study["contained"]}
    assert contained[study["sponsor"]["reference"][1:]]["name"] == "Acme Pharma"
    assert contained[study["principalInvestigator"]["reference"][1:]]["resourceType"] == "PractitionerRole"
    urls = [e["url"].rsplit("-", 1)[1] for e in study["extension"]]
    assert urls == ["ResearchStudy.label", "ResearchStudy.label"] + ["ResearchStudy.associatedParty"] * 3 + [
        "ResearchStudy.date"]


def test_eligibility_characteristics() -> None:
    """Ages as a UCUM range, sex as administrative gender, criteria text kept whole."""
    group = next(r for r in to_fhir(full_trial(), "R4B")["contained"] if r["resourceType"] == "Group")
    by_code = {c["code"].get("text"): c for c in group["characteristic"]}
    assert by_code["Age"]["valueRange"]["low"] == {"value": 18, "unit": "years", "system": "http://unitsofmeasure.org",
                                                    "code": "a"}
    assert by_code["Age"]["valueRange"]["high"]["code"] == "mo"
    assert by_code["Sex"]["valueCodeableConcept"]["coding"][0]["code"] == "female"
    assert by_code["Eligibility criteria"]["valueCodeableConcept"]["text"].startswith("Inclusion Criteria:")
    assert group["quantity"] == 40 and group["actual"] is True


def test_sex_all_is_no_characteristic() -> None:
    elig = full_trial().eligibility
    assert elig is not None
    trial = full_trial(eligibility=type(elig)(sex=Sex.ALL))
    group = next(r for r in to_fhir(trial, "R5")["contained"] if r["resourceType"] == "Group")
    assert "characteristic" not in group


def test_identifiers() -> None:
    """NCT with the ClinicalTrials.gov system; other ids by registry, grant ids with their domain."""
    ids = to_fhir(full_trial(), "R5")["identifier"]
    assert ids[0] == {"use": "official", "system": "https://clinicaltrials.gov", "value": "NCT01234567"}
    assert ids[2]["system"] == "https://www.clinicaltrialsregister.eu"
    assert ids[3]["assigner"] == {"display": "NIH"}
    assert ids[4]["use"] == "old"


def test_references_carry_pmid_and_doi() -> None:
    r5 = to_fhir(full_trial(), "R5")["relatedArtifact"][0]
    r4b = to_fhir(full_trial(), "R4B")["relatedArtifact"][0]
    assert r5["resourceReference"]["identifier"]["value"] == "12345678"
    assert r5["document"] == {"url": "https://doi.org/10.1000/xyz"}
    assert r4b["url"] == "https://pubmed.ncbi.nlm.nih.gov/12345678/"


def test_unknown_version() -> None:
    with pytest.raises(ValueError, match="R4B"):
        to_fhir(Trial(), "R4")  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["R5", "R4B"])
@pytest.mark.parametrize("trial", [Trial(), full_trial()], ids=["empty", "full"])
def test_hand_built_records_validate(version: str, trial: Trial) -> None:
    study = to_fhir(trial, version)  # type: ignore[arg-type]
    VALIDATORS[version].model_validate(study)
    assert code_problems(study, version) == []
    assert contained_refs_resolve(study) == []


# --- corpus ------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_corpus_validates(version: str) -> None:
    """Every corpus record's export is a valid ResearchStudy whose codes are all in their value sets."""
    failures: dict[str, Any] = {}
    for path, _, trial in corpus_studies():
        study = to_fhir(trial, version)  # type: ignore[arg-type]
        try:
            VALIDATORS[version].model_validate(study)
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            failures[path.name] = str(exc)[:300]
            continue
        problems = code_problems(study, version) + contained_refs_resolve(study)
        if problems:
            failures[path.name] = problems[:3]
    assert corpus_studies()
    assert not failures, f"{len(failures)} failures: {dict(list(failures.items())[:3])}"
