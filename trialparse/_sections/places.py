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

# What `split_address` needs of a page's countries: every known country name, and for each last part of a
# comma name (`Republic of`), the `", " + name` suffixes that end with it, in the order they are tried.
Known = tuple[frozenset[str], dict[str, tuple[str, ...]]]
_KNOWN: dict[tuple[str, ...], Known] = {}  # by the page's Countries: a dump repeats a few hundred lists


def known_countries(countries: tuple[str, ...]) -> Known:
    """The known country names from the page's Countries and the built-in comma names."""
    known = _KNOWN.get(countries)
    if known is None:
        comma = (*COMMA_COUNTRIES, *(c for c in countries if "," in c and c not in _COMMA_SET))
        tails: dict[str, tuple[str, ...]] = {}
        for name in comma:
            tail = name.rpartition(", ")[2]
            tails[tail] = (*tails.get(tail, ()), ", " + name)
        known = frozenset((*countries, *COMMA_COUNTRIES)), tails
        if len(_KNOWN) < 1024:
            _KNOWN[countries] = known
    return known


def split_address(line: str, known: Known) -> tuple[str | None, ...]:
    """(city, state, country) of `City, State, Country` / `City, Country`; the country is matched first
    against the page's own country list and the known comma names, so `Seoul, Korea, Republic of` works.

    A line can end with a comma name only where its last part is that name's last part: one dict lookup
    stands in for a test of every comma name (a line that is a bare country without a comma reads the same
    either way: no city, no state)."""
    head, _, country = line.rpartition(", ")
    suffixes = known[1].get(country)
    if suffixes is not None:
        for suffix in suffixes:
            if line.endswith(suffix):
                head, country = line[: -len(suffix)], suffix[2:]
                break
        else:
            if line in known[0]:
                return None, None, line
    if ", " not in head:  # `City, Country` (or a bare country): no state
        return head or None, None, country or None
    city, _, state = head.partition(", ")
    if ", " not in state:  # `City, State`, unless the state is a tail of the city
        if _is_tail(state):
            return f"{city}, {state}", None, country or None
        return city, state, country or None
    parts = _merge_tails(head.split(", "))
    if len(parts) == 1:
        return parts[0], None, country or None
    return parts[0], ", ".join(parts[1:]), country or None


# Parts that never stand alone in a CT.gov address: they end the part before them
# (`Bristol, City Of` is one UK county; `Bogota, D.C.` one city; a bare number is a postal district).
_TAILS = frozenset({"city of", "d.c.", "d.c", "dc"})
_TAIL_LENGTH = max(map(len, _TAILS))


def _is_tail(part: str) -> bool:
    # Only a short part is case folded (casefold never shortens a string).
    return part.isdigit() or (len(part) <= _TAIL_LENGTH and part.casefold() in _TAILS)


def _merge_tails(parts: list[str]) -> list[str]:
    if len(parts) == 1:
        return parts
    out: list[str] = []
    for part in parts:
        if out and _is_tail(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def parse_locations(section: Section, draft: Draft) -> None:
    """Blocks end at `Site Status [X]`; above it an address line, and above that the facility name."""
    known = known_countries(draft.fields.get("countries", ()))
    names = known[0]
    # Address line → (city, state, country): the sites of a long list share their cities.
    addresses: dict[str, tuple[str | None, ...]] = {}
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
            line = stripped[i - 1]
            if (parts := addresses.get(line)) is None:
                parts = addresses[line] = split_address(line, known)
            city, state, country = parts
            facility = " ".join(stripped[start : i - 1]) if i - start > 2 else stripped[start]
            out.append(_new_location(facility or None, city, state, None, country, site_status, None))
        elif i > start:  # one line: an address, or else a facility
            line = stripped[start]
            if ", " in line or line in names:
                if (parts := addresses.get(line)) is None:
                    parts = addresses[line] = split_address(line, known)
                city, state, country = parts
                out.append(_new_location(None, city, state, None, country, site_status, None))
            else:
                out.append(_new_location(line, None, None, None, None, site_status, None))
        else:
            out.append(_new_location(None, None, None, None, None, site_status, None))
        start = i + 1
    for line in stripped[start:]:
        draft.keep("locations", line)
    draft.fields["locations"] = tuple(out)
