"""CT.gov API v2 JSON reader: precision and types kept, wrong types reported, every corpus study complete."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import json_files
from trialparse._readers.ctgov_json import read_json
from trialparse.issues import ParseError
from trialparse.model import DateType, EnrollmentType, IdentifierSource, Registry, Trial

MINIMAL: dict[str, Any] = {
    "protocolSection": {
        "identificationModule": {"nctId": "NCT00000001", "briefTitle": "T",
                                 "orgStudyIdInfo": {"id": "2009-016508-21"},
                                 "secondaryIdInfos": [{"id": "ISRCTN66850051", "type": "REGISTRY", "domain": "ISRCTN"}],
                                 "nctIdAliases": ["NCT00000002"]},
        "statusModule": {"overallStatus": "COMPLETED", "startDateStruct": {"date": "2010-01"},
                         "completionDateStruct": {"date": "2011", "type": "ESTIMATED"}},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "PHASE1"],
                         "enrollmentInfo": {"count": 40, "type": "ESTIMATED"}},
        "armsInterventionsModule": {
            "armGroups": [{"label": "A", "interventionNames": ["Drug: X", "DIETARY SUPPLEMENT: Y", "Plain: Z"]}]},
        "referencesModule": {"references": [{"pmid": "12x", "citation": "C. doi: 10.1000/xyz1."}]},
    },
    "hasResults": False,
}


def _read(patch: Callable[[dict[str, Any]], None] | None = None) -> Trial:
    data = json.loads(json.dumps(MINIMAL))
    if patch:
        patch(data)
    return read_json(data)


def test_partial_dates_and_types_kept_as_given() -> None:
    trial = _read()
    assert trial.start_date is not None and trial.start_date.date.isoformat() == "2010-01"
    assert trial.start_date.type is None
    assert trial.completion_date is not None and trial.completion_date.date.isoformat() == "2011"
    assert trial.completion_date.type is DateType.ESTIMATED
    assert trial.enrollment is not None and trial.enrollment.type is EnrollmentType.ESTIMATED
    assert [p.value for p in trial.phases] == ["PHASE1", "PHASE2"]


def test_intervention_type_prefix_stripped_only_for_types() -> None:
    assert _read().arms[0].intervention_names == ("X", "Y", "Plain: Z")


def test_identifiers_with_sources_and_registries() -> None:
    ids = _read().identifiers
    assert [(i.value, i.source, i.registry) for i in ids] == [
        ("2009-016508-21", IdentifierSource.ORG_STUDY_ID, Registry.EUDRACT),
        ("ISRCTN66850051", IdentifierSource.SECONDARY_ID, Registry.ISRCTN),
        ("NCT00000002", IdentifierSource.NCT_ALIAS, Registry.NCT),
    ]
    assert ids[1].domain == "ISRCTN"


def test_bad_pmid_is_an_issue_and_doi_comes_from_the_citation() -> None:
    trial = _read()
    assert trial.references[0].pmid is None and trial.references[0].doi == "10.1000/xyz1"
    assert [i.code for i in trial.issues] == ["bad_pmid"]


@pytest.mark.parametrize(("module", "key", "value", "path"), [
    ("designModule", "phases", "PHASE1", "$.protocolSection.designModule.phases"),
    ("designModule", "enrollmentInfo", [], "$.protocolSection.designModule.enrollmentInfo"),
    ("identificationModule", "briefTitle", {"x": 1}, "$.protocolSection.identificationModule.briefTitle"),
    ("statusModule", "startDateStruct", {"date": ["2010"]}, "$.protocolSection.statusModule.startDateStruct.date"),
])
def test_wrong_types_are_issues_naming_the_path(module: str, key: str, value: Any, path: str) -> None:
    trial = _read(lambda d: d["protocolSection"][module].__setitem__(key, value))
    assert any(i.code == "wrong_type" and i.field == path for i in trial.issues), trial.issues


def test_not_a_study() -> None:
    with pytest.raises(ParseError, match="protocolSection"):
        read_json({"studies": []})


# Source path → record view: a field present in the source must be present in the record.
COMPLETENESS: dict[str, tuple[Callable[[dict[str, Any]], Any], Callable[[Trial], Any]]] = {
    "nctId": (lambda p: p["identificationModule"].get("nctId"), lambda t: t.nct_id),
    "officialTitle": (lambda p: p["identificationModule"].get("officialTitle"), lambda t: t.official_title),
    "acronym": (lambda p: p["identificationModule"].get("acronym"), lambda t: t.acronym),
    "overallStatus": (lambda p: p["statusModule"].get("overallStatus"), lambda t: t.overall_status),
    "whyStopped": (lambda p: p["statusModule"].get("whyStopped"), lambda t: t.why_stopped),
    "startDate": (lambda p: p["statusModule"].get("startDateStruct"), lambda t: t.start_date),
    "primaryCompletionDate": (lambda p: p["statusModule"].get("primaryCompletionDateStruct"),
                              lambda t: t.primary_completion_date),
    "completionDate": (lambda p: p["statusModule"].get("completionDateStruct"), lambda t: t.completion_date),
    "phases": (lambda p: p["designModule"].get("phases"), lambda t: t.phases),
    "enrollment": (lambda p: p["designModule"].get("enrollmentInfo"), lambda t: t.enrollment),
    "whoMasked": (lambda p: p["designModule"].get("designInfo", {}).get("maskingInfo", {}).get("whoMasked"),
                  lambda t: t.design and t.design.who_masked),
    "conditions": (lambda p: p["conditionsModule"].get("conditions"), lambda t: t.conditions),
    "keywords": (lambda p: p["conditionsModule"].get("keywords"), lambda t: t.keywords),
    "armGroups": (lambda p: p.get("armsInterventionsModule", {}).get("armGroups"), lambda t: t.arms),
    "otherNames": (lambda p: [n for i in p.get("armsInterventionsModule", {}).get("interventions", [])
                              for n in i.get("otherNames", [])], lambda t: [n for i in t.interventions
                                                                             for n in i.other_names]),
    "stdAges": (lambda p: p["eligibilityModule"].get("stdAges"), lambda t: t.eligibility and t.eligibility.std_ages),
    "minimumAge": (lambda p: p["eligibilityModule"].get("minimumAge"),
                   lambda t: t.eligibility and t.eligibility.minimum_age),
    "officials": (lambda p: p.get("contactsLocationsModule", {}).get("overallOfficials"), lambda t: t.officials),
    "locations.zip": (lambda p: [x.get("zip") for x in p.get("contactsLocationsModule", {}).get("locations", [])
                                 if x.get("zip")], lambda t: [x.zip for x in t.locations if x.zip]),
    "locations.geoPoint": (lambda p: [x for x in p.get("contactsLocationsModule", {}).get("locations", [])
                                      if x.get("geoPoint")], lambda t: [x for x in t.locations if x.geo]),
    "references.pmid": (lambda p: [r for r in p.get("referencesModule", {}).get("references", []) if r.get("pmid")],
                        lambda t: [r for r in t.references if r.pmid]),
    "secondaryIds": (lambda p: p["identificationModule"].get("secondaryIdInfos"),
                     lambda t: [i for i in t.identifiers if i.source == IdentifierSource.SECONDARY_ID]),
    "responsibleParty": (lambda p: p["sponsorCollaboratorsModule"].get("responsibleParty"),
                         lambda t: t.responsible_party),
}


def _present(value: Any) -> bool:
    return value not in (None, "", [], (), {})


@pytest.mark.corpus
def test_every_corpus_study_reads_completely(capsys: pytest.CaptureFixture[str]) -> None:
    """No crash, no issue, and each field present in the source is present in the record (≥ 99.5 %)."""
    files: list[Path] = json_files()
    present = dict.fromkeys(COMPLETENESS, 0)
    kept = dict.fromkeys(COMPLETENESS, 0)
    for path in files:
        data = json.loads(path.read_bytes())
        trial = read_json(data, name=path.name)
        assert trial.issues == (), (path.name, trial.issues)
        for name, (source, record) in COMPLETENESS.items():
            if _present(source(data["protocolSection"])):
                present[name] += 1
                kept[name] += _present(record(trial))
    with capsys.disabled():
        print(f"\nv2 JSON completeness over {len(files)} studies:")
        for name in COMPLETENESS:
            print(f"  {name:24s} {kept[name]:5d}/{present[name]:<5d}")
    assert all(kept[n] >= 0.995 * present[n] for n in COMPLETENESS), (kept, present)
