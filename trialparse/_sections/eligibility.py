"""Eligibility Criteria: the raw Markdown criteria, then ages, sex and healthy volunteers.

The criteria run up to the first age/sex/volunteer label (the site prints the last criterion straight
into `Minimum Eligible Age` without a blank line).
"""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._normalize import cached
from trialparse._normalize.text import split_criteria_lines
from trialparse._sections._lines import Labels, form
from trialparse._split import Section
from trialparse.model import Eligibility, Sex, _maker

_NAMES = ("Minimum Eligible Age", "Maximum Eligible Age", "Eligible Sex", "Accepts Healthy Volunteers")
_LABELS = Labels(*_NAMES)
_new_eligibility = _maker(Eligibility)


def parse_eligibility(section: Section, draft: Draft) -> None:
    lines = section.lines
    # One pass finds the labels; the lines above the first are the criteria (blank ones are skipped by both).
    rows, first = form(lines, _LABELS)
    criteria_lines = lines[:first]
    criteria = "\n".join(criteria_lines).strip("\n") or None
    inclusion, exclusion = split_criteria_lines(criteria_lines, criteria) if criteria else ((), ())
    values: dict[str, object] = {"criteria": criteria, "inclusion": inclusion, "exclusion": exclusion}
    for label, value, extra in rows:
        _row(label, value, values, draft)
        for i in extra:
            draft.keep("eligibility", lines[i])
    draft.fields["eligibility"] = _new_eligibility(**values)


def _row(label: str, value: str, values: dict[str, object], draft: Draft) -> None:
    if label == "Eligible Sex":
        values["sex"] = draft.enum(Sex, value, section="eligibility", field="eligibility.sex")
    elif label == "Accepts Healthy Volunteers":
        flag = cached.boolean(value)
        if flag is None and value:
            draft.report("unknown_value", f"healthy_volunteers: {value[:80]!r} is not yes/no",
                         section="eligibility", field="eligibility.healthy_volunteers", excerpt=value)
        values["healthy_volunteers"] = flag
    else:
        field = "minimum_age" if label.startswith("Minimum") else "maximum_age"
        age = draft.value(cached.age(value), value, section="eligibility", field=f"eligibility.{field}",
                          code="bad_age")
        values[field] = age
