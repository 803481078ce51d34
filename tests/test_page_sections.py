"""Section parsers on edited copies of the real page: odd values become issues or unparsed lines, never losses."""

from __future__ import annotations

import json

import pytest

import trialparse
from tests.conftest import REAL_PAGE, SAMPLES
from trialparse._draft import Draft
from trialparse._page import _assemble
from trialparse._parse import parse_many
from trialparse.model import AgencyClass, Source, SourceFormat, Trial

PAGE = REAL_PAGE.read_text(encoding="utf-8")


def _edit(old: str, new: str) -> Trial:
    assert old in PAGE
    return trialparse.parse(PAGE.replace(old, new))


def _codes(trial: Trial) -> set[str]:
    return {i.code for i in trial.issues}


def test_unknown_status_is_an_error_issue_with_the_raw_text() -> None:
    trial = _edit("\nCOMPLETED\n", "\nPAUSED FOR LUNCH\n")
    assert trial.overall_status is None
    (issue,) = trial.issues
    assert (issue.code, issue.severity, issue.excerpt) == ("unknown_value", "error", "PAUSED FOR LUNCH")
    with pytest.raises(trialparse.ParseError):
        trialparse.parse(PAGE.replace("\nCOMPLETED\n", "\nPAUSED\n"), strict=True)


def test_unknown_sponsor_class_is_reported_not_glued_to_the_name() -> None:
    trial = _edit("\nOTHER\n\nSponsor Role lead", "\nPHILANTHROPY\n\nSponsor Role lead")
    (sponsor,) = trial.sponsors
    assert sponsor.name == "Hospital Universitari Vall d'Hebron Research Institute"
    assert sponsor.agency_class is None and "unknown_value" in _codes(trial)
    assert trialparse.parse(PAGE).sponsors[0].agency_class is AgencyClass.OTHER


def test_related_trial_line_not_understood_keeps_its_title() -> None:
    trial = _edit("NCT02428309 TERMINATED PHASE1", "NCT02428309 HALTED PHASE1")
    assert [r.nct_id for r in trial.related_trials] == ["NCT06189157"]
    assert [u.text for u in trial.unparsed] == ["Autologous Polyclonal Tregs for Lupus",
                                                "NCT02428309 HALTED PHASE1"]


def test_identifier_type_without_a_source_is_kept() -> None:
    trial = _edit("Identifier Source: org_study_id", "")
    assert trial.identifiers == ()
    assert [u.text for u in trial.unparsed] == ["2009-016508-21", "Identifier Type: -"]


@pytest.mark.parametrize(("old", "new", "code"), [
    ("Study Start Date\n\n2010-01-31", "Study Start Date\n\n03/08/2011", "bad_date"),
    ("18 Years", "eighteen", "bad_age"),
    ("15 participants", "fifteen", "bad_enrollment"),
    ("\nPHASE4\n", "\nPilot\n", "unknown_value"),
    ("\nPHASE4\n", "\nNot Specified\n", "phase_not_specified"),
    ("NCT ID: NCT01408199", "NCT ID: 01408199X", "bad_nct_id"),
    ("NCT ID: NCT01408199", "", "missing_nct_id"),
])
def test_values_that_do_not_normalize_are_issues(old: str, new: str, code: str) -> None:
    assert _codes(_edit(old, new)) == {code}


def test_empty_values_are_absent_not_errors() -> None:
    trial = _edit("Last Updated: 2011-08-03", "Last Updated:")
    assert trial.last_updated is None and trial.issues == ()


def test_heading_without_sentence_and_sentence_without_heading() -> None:
    no_sentence = _edit("Conditions\n\nSee the medical conditions and disease areas that this research is targeting "
                        "or investigating.\n", "Conditions\n")
    assert no_sentence.conditions == ("Cutaneous Lupus",) and no_sentence.issues == ()
    no_heading = _edit("\nCountries\n", "\n")
    assert no_heading.countries == ("Spain",) and _codes(no_heading) == {"missing_heading"}


def test_duplicate_section_is_kept_in_unparsed() -> None:
    block = "Countries\n\nReview the countries where the study has at least one active or historical site.\n\nSpain\n"
    trial = _edit(block, block + "\n" + block.replace("Spain", "France"))
    assert trial.countries == ("Spain",)
    assert _codes(trial) == {"duplicate_section"} and [u.text for u in trial.unparsed] == ["France"]


def test_a_condition_named_like_a_heading_stays_a_condition() -> None:
    trial = _edit("\nCutaneous Lupus\n", "\nCutaneous Lupus\n\nLocations\n")
    assert trial.conditions == ("Cutaneous Lupus", "Locations")
    assert trial.locations and trial.issues == ()


def test_one_broken_json_document_is_one_error() -> None:
    text = (SAMPLES / "json" / "NCT00329836.json").read_text(encoding="utf-8")
    (result,) = list(parse_many(text[: len(text) // 2], name="cut.json"))
    assert isinstance(result, trialparse.ParseError) and "not valid JSON" in str(result)


def test_json_lines_give_one_record_per_line() -> None:
    studies = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SAMPLES / "json").glob("*.json"))[:2]]
    lines = "\n".join(json.dumps(s) for s in studies) + "\n{broken\n"
    results = list(parse_many(lines, name="x.jsonl"))
    assert [type(r).__name__ for r in results] == ["Trial", "Trial", "ParseError"]


def test_assemble_fills_defaults_and_rejects_an_unknown_field() -> None:
    draft = Draft()
    draft.fields["nct_id"] = "NCT01408199"
    trial = _assemble(draft, Source(format=SourceFormat.PAGE_TEXT))
    assert trial == Trial(nct_id="NCT01408199", source=Source(format=SourceFormat.PAGE_TEXT))
    draft.fields["no_such_field"] = 1
    with pytest.raises(TypeError, match="no_such_field"):
        _assemble(draft, Source(format=SourceFormat.PAGE_TEXT))
