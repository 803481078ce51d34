"""Study Groups (arms with their interventions) and Interventions.

An arm is its label line, a `Group Type X` line, then for each of its interventions a name line followed by
`Intervention Type X`, and description lines. An intervention block ends at its `Intervention Type X` line:
its first line is the name, the lines between are the description.
"""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._sections._lines import Labels, nonblank, text
from trialparse._split import Section
from trialparse.model import Arm, ArmGroupType, Intervention, InterventionType, _maker

_new_arm = _maker(Arm)
_new_intervention = _maker(Intervention)
_linked = _maker(Intervention, positional=("name", "type", "description", "arm_labels", "other_names"))
_GROUP_TYPE = Labels("Group Type")
_INTERVENTION_TYPE = Labels("Intervention Type")


def parse_arms(section: Section, draft: Draft) -> None:
    lines = section.lines
    idx = nonblank(lines)
    starts: list[int] = []  # the label line of each arm: the line above its `Group Type`
    for k in _GROUP_TYPE.indices(list(filter(None, lines))):  # the `Group Type` lines
        if k and (not starts or k - 1 > starts[-1] + 1):
            starts.append(k - 1)  # (a `Group Type` right under another one is not a new arm: it stays a line)
    for k in range(starts[0] if starts else len(idx)):
        draft.keep("arms", lines[idx[k]])
    arms = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(idx)
        arms.append(_arm(lines, idx[start:end], draft))
    draft.fields["arms"] = tuple(arms)


def _arm(lines: list[str], block: list[int], draft: Draft) -> Arm:
    label = lines[block[0]].strip()
    raw_type = _GROUP_TYPE.value(lines[block[1]]) or ""
    arm_type = draft.enum(ArmGroupType, raw_type, section="arms", field="arms.type")
    names: list[str] = []
    described: list[int] = []
    k = 2
    while k < len(block):
        if k + 1 < len(block) and _INTERVENTION_TYPE.first(lines[block[k + 1]]) is not None:
            names.append(lines[block[k]].strip())
            k += 2
        else:
            described.append(block[k])
            k += 1
    description = text(lines, described[0], described[-1] + 1) if described else None
    return _new_arm(label=label, type=arm_type, description=description, intervention_names=tuple(names))


def parse_interventions(section: Section, draft: Draft) -> None:
    lines = section.lines
    idx = nonblank(lines)
    out = []
    first = 0
    for k, _, raw_type in _INTERVENTION_TYPE.found(list(filter(None, lines))):  # a loop per intervention
        i = idx[k]
        block = idx[first:k]
        first = k + 1
        if not block:
            draft.keep("interventions", lines[i])
            continue
        out.append(_new_intervention(
            name=lines[block[0]].strip(),
            type=draft.enum(InterventionType, raw_type, section="interventions", field="interventions.type"),
            description=text(lines, block[1], block[-1] + 1) if len(block) > 1 else None,
        ))
    for i in idx[first:]:
        draft.keep("interventions", lines[i])
    draft.fields["interventions"] = tuple(out)


def link_arms(arms: tuple[Arm, ...], interventions: tuple[Intervention, ...]) -> tuple[Intervention, ...]:
    """Each intervention's arm labels, from the arms that list it (the page shows the link on the arm side)."""
    if not arms:
        return interventions
    labels: dict[str, list[str]] = {}  # intervention name → the labels of the arms that list it, in arm order
    for arm in arms:
        for name in dict.fromkeys(arm.intervention_names):  # an arm counts once, however often it names one
            labels.setdefault(name, []).append(arm.label)
    return tuple(
        _linked(item.name, item.type, item.description, tuple(found), item.other_names)
        if (found := labels.get(item.name)) else item
        for item in interventions
    )
