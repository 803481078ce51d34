"""to_ctgov: the CT.gov API v2 study shape, and the round trip v2 JSON → Trial → v2 JSON over the corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.exports import corpus_studies, full_trial
from trialparse.export import EXPORTERS, ctgov, to_ctgov
from trialparse.export.ctgov import age_text
from trialparse.model import Age, AgeUnit, Arm, Intervention, InterventionType, ResponsibleParty, Trial

# The only allowed round-trip differences: v2 fields the model does not hold (docs/exports/ctgov.md).
# `[]` stands for any list index; a path matches when it equals an entry or lies below it.
NOT_IN_MODEL = (
    "resultsSection",
    "annotationSection",
    "documentSection",
    "derivedSection.conditionBrowseModule",
    "derivedSection.interventionBrowseModule",
    "derivedSection.miscInfoModule.versionHolder",
    "derivedSection.miscInfoModule.modelPredictions",
    "derivedSection.miscInfoModule.submissionTracking",
    "protocolSection.identificationModule.organization",
    "protocolSection.identificationModule.orgStudyIdInfo.link",
    "protocolSection.identificationModule.secondaryIdInfos[].link",
    "protocolSection.statusModule.statusVerifiedDate",
    "protocolSection.statusModule.lastKnownStatus",
    "protocolSection.statusModule.delayedPosting",
    "protocolSection.statusModule.expandedAccessInfo",
    "protocolSection.statusModule.studyFirstSubmitDate",
    "protocolSection.statusModule.studyFirstSubmitQcDate",
    "protocolSection.statusModule.studyFirstPostDateStruct.type",
    "protocolSection.statusModule.lastUpdateSubmitDate",
    "protocolSection.statusModule.lastUpdatePostDateStruct.type",
    "protocolSection.statusModule.resultsFirstSubmitDate",
    "protocolSection.statusModule.resultsFirstSubmitQcDate",
    "protocolSection.statusModule.resultsFirstPostDateStruct",
    "protocolSection.statusModule.dispFirstSubmitDate",
    "protocolSection.statusModule.dispFirstSubmitQcDate",
    "protocolSection.statusModule.dispFirstPostDateStruct",
    "protocolSection.oversightModule",
    "protocolSection.outcomesModule",
    "protocolSection.ipdSharingStatementModule",
    "protocolSection.designModule.bioSpec",
    "protocolSection.designModule.targetDuration",
    "protocolSection.designModule.expandedAccessTypes",
    "protocolSection.designModule.nPtrsToThisExpAccNctId",
    "protocolSection.armsInterventionsModule.interventions[].interventionMappedName",
    "protocolSection.eligibilityModule.genderBased",
    "protocolSection.eligibilityModule.genderDescription",
    "protocolSection.contactsLocationsModule.centralContacts",
    "protocolSection.contactsLocationsModule.locations[].contacts",
    "protocolSection.contactsLocationsModule.locations_nested",  # not a v2 field: added by the corpus' source repo
    "protocolSection.referencesModule.seeAlsoLinks",
    "protocolSection.referencesModule.availIpds",
    "protocolSection.referencesModule.references[].retractions",
)


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of every leaf; lists of scalars are one leaf (their order matters as a whole)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def allowed(path: str) -> bool:
    general = re.sub(r"\[\d+\]", "[]", path)
    return any(general == p or general.startswith((p + ".", p + "[")) for p in NOT_IN_MODEL)


def differences(source: dict[str, Any], exported: dict[str, Any]) -> list[str]:
    a, b = dict(leaves(source)), dict(leaves(exported))
    return sorted(f"{p}: {a.get(p)!r} != {b.get(p)!r}" for p in a.keys() | b.keys() if a.get(p) != b.get(p))


# --- unit --------------------------------------------------------------------------------------

CASES = [  # (path in the export, expected value, why)
    ("protocolSection.identificationModule.nctId", "NCT01234567", "nct id"),
    ("protocolSection.identificationModule.orgStudyIdInfo", {"id": "ACME-1"}, "org id without a type"),
    ("protocolSection.identificationModule.secondaryIdInfos",
     [{"id": "2019-001234-56", "type": "EUDRACT_NUMBER"}, {"id": "R01 AB123", "type": "NIH", "domain": "NIH"}],
     "secondary ids keep type and domain"),
    ("protocolSection.identificationModule.nctIdAliases", ["NCT07654321"], "aliases"),
    ("protocolSection.statusModule.startDateStruct", {"date": "2020-03", "type": "ACTUAL"}, "partial date + type"),
    ("protocolSection.statusModule.primaryCompletionDateStruct", {"date": "2022", "type": "ESTIMATED"}, "year only"),
    ("protocolSection.statusModule.lastUpdatePostDateStruct", {"date": "2024-05-06"}, "posted date without type"),
    ("protocolSection.designModule.phases", ["PHASE1", "PHASE2"], "phases as a v2 list"),
    ("protocolSection.designModule.enrollmentInfo", {"count": 40, "type": "ACTUAL"}, "enrollment"),
    ("protocolSection.designModule.designInfo.maskingInfo",
     {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "INVESTIGATOR"]}, "masking"),
    ("protocolSection.armsInterventionsModule.armGroups[1].interventionNames", ["Dietary Supplement: Sugar pill"],
     "arm intervention names regain their type prefix"),
    ("protocolSection.eligibilityModule.minimumAge", "18 Years", "plural age"),
    ("protocolSection.eligibilityModule.maximumAge", "1 Month", "singular age"),
    ("protocolSection.sponsorCollaboratorsModule.leadSponsor", {"name": "Acme Pharma", "class": "INDUSTRY"}, "lead"),
    ("protocolSection.sponsorCollaboratorsModule.collaborators", [{"name": "NCI", "class": "NIH"}], "collaborators"),
    ("protocolSection.sponsorCollaboratorsModule.responsibleParty",
     {"type": "PRINCIPAL_INVESTIGATOR", "investigatorFullName": "Ann Lee", "investigatorTitle": "Professor",
      "investigatorAffiliation": "Uni"}, "new-style responsible party"),
    ("protocolSection.contactsLocationsModule.locations[0].geoPoint", {"lat": 59.9, "lon": 10.7}, "geo point"),
    ("protocolSection.referencesModule.references", [{"pmid": "12345678", "type": "RESULT",
                                                      "citation": "Lee A. Pain. 2021."}], "no DOI field in v2"),
    ("derivedSection.miscInfoModule.removedCountries", ["Sweden"], "removed countries"),
    ("hasResults", False, "False is kept, not dropped as absent"),
]


def pick(data: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def test_case_table_has_no_duplicates() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("path", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_field(path: str, expected: Any, why: str) -> None:
    """Each model field lands on its v2 path with v2 values."""
    assert pick(to_ctgov(full_trial()), path) == expected, why


def test_absent_values_are_left_out() -> None:
    """An empty record exports as an empty object: the API leaves absent keys out, and so does the export."""
    assert to_ctgov(Trial()) == {}


def test_values_are_plain_json() -> None:
    """Enums go out as plain strings, so the export survives json round trip unchanged."""
    out = to_ctgov(full_trial())
    assert json.loads(json.dumps(out)) == out
    assert type(out["protocolSection"]["statusModule"]["overallStatus"]) is str


def test_old_style_responsible_party() -> None:
    """A pre-2017 party (organization set) goes back to oldNameTitle / oldOrganization."""
    party = ResponsibleParty(name="Dr X, Director", organization="Acme")
    out = to_ctgov(full_trial(responsible_party=party))
    assert out["protocolSection"]["sponsorCollaboratorsModule"]["responsibleParty"] == {
        "oldNameTitle": "Dr X, Director", "oldOrganization": "Acme"}


def test_intervention_name_without_a_typed_intervention_stays_bare() -> None:
    """An arm naming an intervention the record does not list keeps the bare name (no invented type)."""
    trial = full_trial(arms=(Arm(label="A", intervention_names=("Mystery",)),),
                       interventions=(Intervention(name="Other", type=InterventionType.DRUG),))
    assert pick(to_ctgov(trial), "protocolSection.armsInterventionsModule.armGroups[0].interventionNames") == [
        "Mystery"]


def test_intervention_types_are_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every arm's names get their types from one table built once a record (once an arm was quadratic: 4,000
    arms and interventions took 1.9 s); many arms still get the right types."""
    calls: list[int] = []
    build = ctgov._intervention_types
    monkeypatch.setattr(ctgov, "_intervention_types", lambda trial: calls.append(1) or build(trial))
    arms = tuple(Arm(label=f"A{i}", intervention_names=(f"D{i}",)) for i in range(50))
    items = tuple(Intervention(name=f"D{i}", type=InterventionType.DRUG) for i in range(50))
    groups = pick(to_ctgov(full_trial(arms=arms, interventions=items)), "protocolSection.armsInterventionsModule")
    assert len(calls) == 1
    assert [g["interventionNames"] for g in groups["armGroups"]] == [[f"Drug: D{i}"] for i in range(50)]


@pytest.mark.parametrize(("age", "text"), [
    (Age(value=18, unit=AgeUnit.YEARS), "18 Years"),
    (Age(value=1, unit=AgeUnit.YEARS), "1 Year"),
    (Age(value=6, unit=AgeUnit.MONTHS), "6 Months"),
    (Age(value=28, unit=AgeUnit.DAYS), "28 Days"),
    (Age(value=1, unit=AgeUnit.MINUTES), "1 Minute"),
    (None, None),
])
def test_age_text(age: Age | None, text: str | None) -> None:
    assert age_text(age) == text


def test_exporters_table() -> None:
    """The CLI's --to choices map to exporters that all return JSON-ready dicts."""
    assert set(EXPORTERS) == {"ctgov", "fhir-r5", "fhir-r4b", "who-trds"}
    for name, export in EXPORTERS.items():
        out = export(full_trial())
        assert json.loads(json.dumps(out)) == out, name


def test_allow_list_matches_paths() -> None:
    assert allowed("protocolSection.outcomesModule.primaryOutcomes[3].measure")
    assert allowed("protocolSection.identificationModule.secondaryIdInfos[2].link")
    assert not allowed("protocolSection.identificationModule.secondaryIdInfos[2].id")
    assert not allowed("protocolSection.statusModule.lastUpdatePostDateStruct.date")


# --- corpus ------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_round_trip_over_corpus() -> None:
    """to_ctgov(read_json(study)) equals the study on every field the model holds."""
    failures = {}
    for path, source, trial in corpus_studies():
        diff = [d for d in differences(source, to_ctgov(trial)) if not allowed(d.split(":", 1)[0])]
        if diff:
            failures[path.name] = diff[:5]
    assert corpus_studies()
    assert not failures, f"{len(failures)} studies differ: {dict(list(failures.items())[:5])}"
