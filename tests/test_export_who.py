"""to_who_trds: the WHO ICTRP Trial Registration Data Set's 24 items."""

from __future__ import annotations

import json

import pytest

from tests.exports import corpus_studies, full_trial
from trialparse.export import to_who_trds
from trialparse.export.who import ITEMS, RECRUITMENT
from trialparse.model import OverallStatus, Trial


def test_items_are_the_24_in_order() -> None:
    assert [n for n, _, _ in ITEMS] == list(range(1, 25))
    assert list(to_who_trds(Trial())) == [key for _, key, _ in ITEMS]


def test_empty_record_has_every_item_null() -> None:
    """Every key is present; an item the record cannot fill is null, never guessed."""
    assert set(to_who_trds(Trial()).values()) == {None}


CASES = [  # (item key, expected, why)
    ("primary_registry_and_trial_id", {"registry": "ClinicalTrials.gov", "id": "NCT01234567"}, "item 1"),
    ("date_of_registration", "2020-01-02", "first posted stands in for registration"),
    ("secondary_ids", [{"issuing_authority": "Acme Pharma", "id": "ACME-1"},
                       {"issuing_authority": "EUDRACT", "id": "2019-001234-56", "type": "EUDRACT_NUMBER"},
                       {"issuing_authority": "NIH", "id": "R01 AB123", "type": "NIH"},
                       {"issuing_authority": "NCT", "id": "NCT07654321"}], "authority + number"),
    ("sources_of_support", ["Acme Pharma", "NCI"], "sponsors stand in for funders"),
    ("primary_sponsor", "Acme Pharma", "lead sponsor"),
    ("secondary_sponsors", ["NCI"], "collaborators"),
    ("contact_for_public_queries", None, "central contacts are not in the model"),
    ("contact_for_scientific_queries", [
        {"name": "Ann Lee", "affiliation": "Uni", "role": "PRINCIPAL_INVESTIGATOR"},
        {"name": "Bo Chen", "role": "STUDY_CHAIR"}], "officials"),
    ("scientific_title", {"title": "A randomised trial of aspirin for pain", "acronym": "ASP"}, "with acronym"),
    ("countries_of_recruitment", ["Norway"], "countries"),
    ("key_inclusion_exclusion_criteria", {
        "inclusion": ["Pain"], "exclusion": ["Ulcer"],
        "criteria": "Inclusion Criteria:\n\n* Pain\n\nExclusion Criteria:\n\n* Ulcer",
        "minimum_age": "18 Years", "maximum_age": "1 Month", "sex": "FEMALE", "healthy_volunteers": False},
     "criteria with ages and sex"),
    ("study_type", {"study_type": "INTERVENTIONAL", "allocation": "RANDOMIZED", "assignment": "PARALLEL",
                    "masking": "DOUBLE", "who_masked": ["PARTICIPANT", "INVESTIGATOR"], "purpose": "TREATMENT",
                    "phase": "PHASE1/PHASE2"}, "design and phase"),
    ("date_of_first_enrollment", {"date": "2020-03", "type": "ACTUAL"}, "start date"),
    ("sample_size", {"count": 40, "type": "ACTUAL"}, "enrollment"),
    ("recruitment_status", {"status": "Complete", "registry_status": "TERMINATED"}, "TRDS vocabulary + original"),
    ("completion_date", {"primary": {"date": "2022", "type": "ESTIMATED"},
                         "study": {"date": "2023-01-31", "type": "ESTIMATED"}}, "both completion dates"),
    ("summary_results", {"results_available": False}, "results flag only"),
    ("ipd_sharing_statement", None, "not in the model"),
]


def test_case_table_has_no_duplicates() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("key", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_item(key: str, expected: object, why: str) -> None:
    assert to_who_trds(full_trial())[key] == expected, why


@pytest.mark.parametrize("status", list(OverallStatus))
def test_every_status_has_a_trds_value(status: OverallStatus) -> None:
    """Statuses TRDS has no word for (withdrawn, withheld, unknown) are "Other"; the registry value stays."""
    out = to_who_trds(full_trial(overall_status=status))["recruitment_status"]
    assert out == {"status": RECRUITMENT.get(status, "Other"), "registry_status": status.value}
    assert out["status"] in {"Pending", "Recruiting", "Suspended", "Complete", "Other"}


@pytest.mark.corpus
def test_corpus_exports() -> None:
    """Every corpus record gives the 24 items as JSON-ready data, with item 1 and the titles filled."""
    for path, source, trial in corpus_studies():
        out = to_who_trds(trial)
        assert len(out) == 24 and json.loads(json.dumps(out)) == out, path.name
        assert out["primary_registry_and_trial_id"]["id"] == source["protocolSection"]["identificationModule"]["nctId"]
        assert out["public_title"], path.name
