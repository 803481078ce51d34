"""Other Identifiers (value, `Identifier Type: X|-`, `Identifier Source: x`) and More Related Trials."""

from __future__ import annotations

import re

from trialparse._draft import Draft
from trialparse._normalize import cached
from trialparse._normalize.vocab import lookup
from trialparse._sections._lines import Labels
from trialparse._split import Section
from trialparse.model import Identifier, IdentifierSource, IdentifierType, OverallStatus, RelatedTrial, _maker

_LABELS = Labels("Identifier Type", "Identifier Source")
_new_identifier = _maker(Identifier)
_new_related = _maker(RelatedTrial)
_NO_TYPE = frozenset({"", "-", "none", "n/a"})


def parse_identifiers(section: Section, draft: Draft) -> None:
    out: list[Identifier] = []
    block: list[tuple[str, bool]] = []  # (line, is it `Identifier Type`) of the identifier being read
    raw_type = ""
    lines = list(filter(None, section.lines))  # right-stripped: blank lines are empty
    for raw, hit in zip(lines, _LABELS.scan(lines), strict=True):
        line = raw.strip()
        if hit is None:
            block.append((line, False))
            continue
        label, value = _LABELS.read(raw, hit)
        if label == "Identifier Type":
            raw_type = value
            block.append((line, True))
            continue
        source = draft.enum(IdentifierSource, value, section="identifiers", field="identifiers.source")
        values = [b for b, is_type in block if not is_type]
        if values and source is not None:
            out.append(_identifier(values[-1], source, raw_type, draft))
            left = values[:-1]
        else:
            left = [*(b for b, _ in block), line]
        for kept in left:
            draft.keep("identifiers", kept)
        block, raw_type = [], ""
    for kept, _ in block:
        draft.keep("identifiers", kept)
    draft.fields["identifiers"] = tuple(out)


def _identifier(value: str, source: IdentifierSource, raw_type: str, draft: Draft) -> Identifier:
    kind = None
    if raw_type.casefold() not in _NO_TYPE:
        kind = draft.enum(IdentifierType, raw_type, section="identifiers", field="identifiers.type")
    return _new_identifier(value=value, source=source, type=kind, registry=cached.registry(value))


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
        found = cached.phases_of(hit[3]).value if hit[3] else ()
        if (hit[2] and status is None) or found is None:
            for kept in (*title, line):
                draft.keep("related", kept)
        else:
            out.append(_new_related(nct_id=hit[1], title=" ".join(title) or None, overall_status=status,
                                    phases=found))
        title = []
    for line in title:
        draft.keep("related", line)
    draft.fields["related_trials"] = tuple(out)
