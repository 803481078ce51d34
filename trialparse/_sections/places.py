"""Locations (facility, `City, State, Country`, `Site Status X`)."""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._sections._lines import Labels
from trialparse._split import Section
from trialparse.model import Location, RecruitmentStatus, _maker

_SITE_STATUS = Labels("Site Status")
# Sites are the page's longest list: the cheaper constructor, by position.
_new_location = _maker(Location, positional=("facility", "city", "state", "zip", "country", "status", "geo"))

# CT.gov country names that contain a comma; any other country is the last comma-separated part.
COMMA_COUNTRIES = (
    "Korea, Republic of",
    "Korea, Democratic People's Republic of",
    "Iran, Islamic Republic of",
    "Congo, The Democratic Republic of the",
    "Moldova, Republic of",
    "Macedonia, The Former Yugoslav Republic of",
    "Micronesia, Federated States of",
    "Tanzania, United Republic of",
    "Virgin Islands, U.S.",
    "Virgin Islands, British",
    "Palestinian Territory, occupied",
    "Bolivia, Plurinational State of",
    "Venezuela, Bolivarian Republic of",
    "Taiwan, Province of China",
)


_COMMA_SET = frozenset(COMMA_COUNTRIES)
_COMMA_SUFFIXES = tuple(", " + c for c in COMMA_COUNTRIES)


def known_countries(countries: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(every known country name, `", " + name` of those with a comma) from the page's Countries and the
    built-in list."""
    names = frozenset((*countries, *COMMA_COUNTRIES))
    extra = tuple(", " + c for c in countries if "," in c and c not in _COMMA_SET)
    return names, _COMMA_SUFFIXES + extra if extra else _COMMA_SUFFIXES


def split_address(line: str, known: tuple[frozenset[str], tuple[str, ...]]) -> tuple[str | None, ...]:
    """(city, state, country) of `City, State, Country` / `City, Country`; the country is matched first
    against the page's own country list and the known comma names, so `Seoul, Korea, Republic of` works."""
    names, suffixes = known
    country = None
    if line.endswith(suffixes):  # one C-level test for the common case of no comma country
        country = next(s for s in suffixes if line.endswith(s))[2:]
    if country is None and line in names:
        return None, None, line
    if country is not None:
        head = line[: -len(country) - 2]
    else:
        head, _, country = line.rpartition(", ")
    if ", " not in head:  # `City, Country` (or a bare country): no state
        return head or None, None, country or None
    parts = _merge_tails(head.split(", "))
    if len(parts) == 1:
        return parts[0], None, country or None
    return parts[0], ", ".join(parts[1:]), country or None


# Parts that never stand alone in a CT.gov address: they end the part before them
# (`Bristol, City Of` is one UK county; `Bogota, D.C.` one city; a bare number is a postal district).
_TAILS = frozenset({"city of", "d.c.", "d.c", "dc"})


def _merge_tails(parts: list[str]) -> list[str]:
    if len(parts) == 1:
        return parts
    out: list[str] = []
    for part in parts:
        if out and (part.casefold() in _TAILS or part.isdigit()):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


class _Addresses(dict[str, tuple[str | None, ...]]):
    """`split_address` of each address line of one page, read once: a study's sites share their cities."""

    def __init__(self, known: tuple[frozenset[str], tuple[str, ...]]) -> None:
        super().__init__()
        self.known = known

    def __missing__(self, line: str) -> tuple[str | None, ...]:
        self[line] = parts = split_address(line, self.known)
        return parts


def parse_locations(section: Section, draft: Draft) -> None:
    """Blocks end at `Site Status [X]`; above it an address line, and above that the facility name."""
    addresses = _Addresses(known_countries(draft.fields.get("countries", ())))
    names = addresses.known[0]
    out: list[Location] = []
    lines = list(filter(None, section.lines))  # right-stripped: blank lines are empty
    stripped = list(map(str.strip, lines))
    statuses: dict[str, RecruitmentStatus | None] = {"": None}  # known statuses of this page's sites
    start = 0  # first line of the site being read
    # A loop per site, not per line (the hot loop of long lists; one site is read inline, without a call).
    for i, _, status in _SITE_STATUS.found(lines):
        if status in statuses:
            site_status = statuses[status]
        else:
            site_status = draft.enum(RecruitmentStatus, status, section="locations", field="locations.status")
            if site_status is not None:  # an unknown status is reported at each site that has it
                statuses[status] = site_status
        if i - start > 1:  # a facility (one or more lines), then the address
            city, state, country = addresses[stripped[i - 1]]
            facility = " ".join(stripped[start : i - 1]) if i - start > 2 else stripped[start]
            out.append(_new_location(facility or None, city, state, None, country, site_status, None))
        elif i > start:  # one line: an address, or else a facility
            line = stripped[start]
            if ", " in line or line in names:
                city, state, country = addresses[line]
                out.append(_new_location(None, city, state, None, country, site_status, None))
            else:
                out.append(_new_location(line, None, None, None, None, site_status, None))
        else:
            out.append(_new_location(None, None, None, None, None, site_status, None))
        start = i + 1
    for line in stripped[start:]:
        draft.keep("locations", line)
    draft.fields["locations"] = tuple(out)
