"""Other Identifiers (value, `Identifier Type: X|-`, `Identifier Source: x`) and More Related Trials."""

from __future__ import annotations

import re

from trialparse._draft import Draft
from trialparse._normalize import identifiers, phases
from trialparse._normalize.vocab import lookup
from trialparse._sections._lines import labelled
from trialparse._split import Section
from trialparse.model import Identifier, IdentifierSource, IdentifierType, OverallStatus, RelatedTrial

_NO_TYPE = frozenset({"", "-", "none", "n/a"})


def parse_identifiers(section: Section, draft: Draft) -> None:
    out: list[Identifier] = []
    block: list[str] = []  # value line(s) and any `Identifier Type` line of the identifier being read
    raw_type = ""
    for line in (raw.strip() for raw in section.lines):
        if not line:
            continue
        if (value := labelled(line, "Identifier Type")) is not None:
            raw_type = value
            block.append(line)
            continue
        raw_source = labelled(line, "Identifier Source")
        if raw_source is None:
            block.append(line)
            continue
        source = draft.enum(IdentifierSource, raw_source, section="identifiers", field="identifiers.source")
        values = [b for b in block if labelled(b, "Identifier Type") is None]
        if values and source is not None:
            out.append(_identifier(values[-1], source, raw_type, draft))
            block = values[:-1]
        else:
            block.append(line)
        for left in block:
            draft.keep("identifiers", left)
        block, raw_type = [], ""
    for left in block:
        draft.keep("identifiers", left)
    draft.fields["identifiers"] = tuple(out)


def _identifier(value: str, source: IdentifierSource, raw_type: str, draft: Draft) -> Identifier:
    kind = None
    if raw_type.casefold() not in _NO_TYPE:
        kind = draft.enum(IdentifierType, raw_type, section="identifiers", field="identifiers.type")
    return Identifier(value=value, source=source, type=kind, registry=identifiers.registry(value))


_RELATED = re.compile(r"(NCT\d{8})(?:\s+([A-Za-z_]+))?(?:\s+(\S+))?")


def parse_related(section: Section, draft: Draft) -> None:
    """Pairs of a title line and `NCTxxxxxxxx STATUS [PHASE1/PHASE2]`."""
    out: list[RelatedTrial] = []
    title: list[str] = []
    for line in (raw.strip() for raw in section.lines):
        if not line:
            continue
        hit = _RELATED.fullmatch(line)
        if hit is None:
            title.append(line)
            continue
        status = lookup(OverallStatus, hit[2]) if hit[2] else None
        found = phases.phases(hit[3]).value if hit[3] else ()
        if (hit[2] and status is None) or found is None:
            for kept in (*title, line):
                draft.keep("related", kept)
        else:
            out.append(RelatedTrial(nct_id=hit[1], title=" ".join(title) or None, overall_status=status,
                                    phases=found))
        title = []
    for line in title:
        draft.keep("related", line)
    draft.fields["related_trials"] = tuple(out)
