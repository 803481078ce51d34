"""Study Design: allocation, models, purpose, masking; a multi-line value after Intervention Model is its
description."""

from __future__ import annotations

from enum import StrEnum

from trialparse._draft import Draft
from trialparse._sections._lines import Labels, form, text
from trialparse._split import Section
from trialparse.model import (
    Allocation,
    Design,
    InterventionModel,
    Masking,
    ObservationalModel,
    PrimaryPurpose,
    TimePerspective,
    _maker,
)

_ROWS: dict[str, tuple[str, type[StrEnum]]] = {
    "Allocation Method": ("allocation", Allocation),
    "Intervention Model": ("intervention_model", InterventionModel),
    "Primary Study Purpose": ("primary_purpose", PrimaryPurpose),
    "Blinding Strategy": ("masking", Masking),
    "Observational Model": ("observational_model", ObservationalModel),
    "Time Perspective": ("time_perspective", TimePerspective),
}
_LABELS = Labels(*_ROWS)
_new_design = _maker(Design)


def parse_design(section: Section, draft: Draft) -> None:
    lines = section.lines
    rows, first = form(lines, _LABELS)
    for line in lines[:first]:
        draft.keep("design", line)
    values: dict[str, object] = {}
    for label, value, extra in rows:
        field, enum = _ROWS[label]
        values[field] = draft.enum(enum, value, section="design", field=f"design.{field}")
        if extra and label == "Intervention Model":
            values["intervention_model_description"] = text(lines, extra[0], extra[-1] + 1)
        else:
            for i in extra:
                draft.keep("design", lines[i])
    if draft.fields.get("patient_registry"):
        values["patient_registry"] = True
    draft.fields["design"] = _new_design(**values)
