"""Sponsors, Responsible Party and Principal Investigators."""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._sections._lines import Labels, nonblank
from trialparse._split import Section
from trialparse.model import (
    AgencyClass,
    Official,
    OfficialRole,
    ResponsibleParty,
    ResponsiblePartyType,
    Sponsor,
    SponsorRole,
    _maker,
)

_new_sponsor = _maker(Sponsor)
_new_official = _maker(Official)
_SPONSOR_ROLE = Labels("Sponsor Role")
_PARTY_TYPE = Labels("Party Type")
_ROLE = Labels("Role")


def parse_sponsors(section: Section, draft: Draft) -> None:
    """Blocks of name, agency class, `Sponsor Role lead|collaborator`."""
    lines = list(map(str.strip, filter(None, section.lines)))  # right-stripped: blank lines are empty
    out: list[Sponsor] = []
    start = 0  # first line of the sponsor being read
    for i, _, role in _SPONSOR_ROLE.found(lines):  # a loop per sponsor, not per line
        block = lines[start:i]
        start = i + 1
        sponsor_role = draft.enum(SponsorRole, role, section="sponsors", field="sponsors.role")
        # name, then its class: a second line is the class even when it is not a known one (then an issue)
        agency = draft.enum(AgencyClass, block[-1], section="sponsors", field="sponsors.agency_class") \
            if len(block) > 1 else None
        names = block[:-1] if len(block) > 1 else block
        if names:
            out.append(_new_sponsor(name=" ".join(names), agency_class=agency, role=sponsor_role or SponsorRole.LEAD))
        else:
            draft.keep("sponsors", lines[i])
    for line in lines[start:]:
        draft.keep("sponsors", line)
    draft.fields["sponsors"] = tuple(out)


def parse_responsible_party(section: Section, draft: Draft) -> None:
    """Name/title/affiliation then `Party Type X`; an old-style party is one organization line."""
    lines = [line.strip() for line in section.lines if line]
    kind = None
    people: list[str] = []
    for line in lines:
        raw = _PARTY_TYPE.value(line)
        if raw is None:
            people.append(line)
        else:
            kind = draft.enum(ResponsiblePartyType, raw, section="responsible_party", field="responsible_party.type")
    if kind is None and not people:
        return
    if kind is None:  # old style: the organization, after an optional name/title line
        fields = dict(zip(("organization",) if len(people) == 1 else ("name", "organization"), people, strict=False))
    else:
        fields = dict(zip(("name", "title", "affiliation"), people, strict=False))
    for line in people[len(fields):]:
        draft.keep("responsible_party", line)
    draft.fields["responsible_party"] = ResponsibleParty(type=kind, **fields)


def parse_officials(section: Section, draft: Draft) -> None:
    """Blocks of name, `Role: X`, optional affiliation."""
    lines = section.lines
    idx = nonblank(lines)
    roles = _ROLE.indices(list(filter(None, lines)))  # positions of the role lines
    out: list[Official] = []
    done = 0  # position in idx up to which lines are accounted for
    for n, r in enumerate(roles):
        if r - 1 < done:  # a role line with no name above it
            draft.keep("officials", lines[idx[r]])
            done = r + 1
            continue
        for k in range(done, r - 1):
            draft.keep("officials", lines[idx[k]])
        done = max(roles[n + 1] - 1 if n + 1 < len(roles) else len(idx), r + 1)
        affiliation = " ".join(lines[i].strip() for i in idx[r + 1 : done]) or None
        role = draft.enum(OfficialRole, _ROLE.value(lines[idx[r]]), section="officials", field="officials.role")
        out.append(_new_official(name=lines[idx[r - 1]].strip(), role=role, affiliation=affiliation))
    for k in range(done, len(idx)):
        draft.keep("officials", lines[idx[k]])
    draft.fields["officials"] = tuple(out)
