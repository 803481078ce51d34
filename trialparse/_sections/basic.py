"""Title lines, the results status block, and Basic Information."""

from __future__ import annotations

import re

from trialparse._draft import Draft
from trialparse._normalize import cached
from trialparse._normalize.vocab import lookup
from trialparse._sections._lines import Labels, form
from trialparse._split import Section, fold
from trialparse.model import OverallStatus, StudyType

_HEADER = Labels("NCT ID", "Last Updated")
_NCT = re.compile(r"NCT\d{8}", re.IGNORECASE)


def parse_header(section: Section, draft: Draft) -> None:
    title: list[str] = []
    lines = list(filter(None, section.lines))  # right-stripped: blank lines are empty
    for raw, match in zip(lines, _HEADER.scan(lines), strict=True):
        if match is None:
            title.append(raw.strip())
            continue
        hit = _HEADER.read(raw, match)
        if hit[0] == "NCT ID":
            _nct_id(hit[1], draft)
        elif hit[1]:  # an empty value is an absent one
            draft.fields["last_updated"] = draft.value(
                cached.iso_date(hit[1]), hit[1], section="header", field="last_updated", code="bad_date"
            )
    if title:
        draft.fields["title"] = " ".join(title)


def _nct_id(raw: str, draft: Draft) -> None:
    if not raw:  # `NCT ID:` with nothing after it: absent (`missing_nct_id`), not unreadable
        return
    if _NCT.fullmatch(raw.replace(" ", "")):
        draft.fields["nct_id"] = raw.replace(" ", "").upper()
    else:
        draft.report("bad_nct_id", f"nct_id: {raw[:80]!r} is not an NCT number", section="header",
                     field="nct_id", excerpt=raw)


_RESULTS = {"results pending": False, "results available": True, "no results posted": False}
_RESULTS_NOISE = frozenset({"view full results"})


def parse_results(section: Section, draft: Draft) -> None:
    for line in section.lines:
        folded = fold(line)
        if folded in _RESULTS:
            draft.fields["has_results"] = _RESULTS[folded]
        elif folded not in _RESULTS_NOISE:
            draft.keep("results", line)


_BASIC = Labels("Recruitment Status", "Clinical Phase", "Total Enrollment", "Study Classification",
                "Study Start Date", "Primary Completion Date", "Study Completion Date", "Why Stopped")
_DATE_FIELDS = {"Study Start Date": "start_date", "Primary Completion Date": "primary_completion_date",
                "Study Completion Date": "completion_date"}


def parse_basic(section: Section, draft: Draft) -> None:
    rows, first = form(section.lines, _BASIC)
    for line in section.lines[:first]:
        draft.keep("basic", line)
    for label, value, extra in rows:
        _basic_row(label, value, draft)
        for i in extra:
            draft.keep("basic", section.lines[i])


def _basic_row(label: str, value: str, draft: Draft) -> None:
    # Each value is read, and only a value with a problem goes through the draft (which reports it).
    f = draft.fields
    if label in _DATE_FIELDS:
        if value:  # an empty value is an absent one
            field = _DATE_FIELDS[label]
            date = cached.trial_date(value)
            f[field] = date.value if date.problem is None else draft.value(
                date, value, section="basic", field=field, code="bad_date")
    elif label == "Recruitment Status":
        status = lookup(OverallStatus, value)
        f["overall_status"] = status if status is not None else draft.enum(
            OverallStatus, value, section="basic", field="overall_status")
    elif label == "Clinical Phase":
        parsed = cached.phases_of(value)
        code = "phase_not_specified" if parsed.value == () else "unknown_value"
        f["phases"] = draft.value(parsed, value, section="basic", field="phases", code=code) or ()
    elif label == "Total Enrollment":
        enrollment = cached.enrollment(value)
        f["enrollment"] = enrollment.value if enrollment.problem is None else draft.value(
            enrollment, value, section="basic", field="enrollment", code="bad_enrollment")
    elif label == "Study Classification":
        f["study_type"] = draft.enum(StudyType, value, section="basic", field="study_type")
        if fold(value) == "observational [patient registry]":
            f["patient_registry"] = True
    else:  # Why Stopped
        f["why_stopped"] = value or None
