"""Locations (facility, `City, State, Country`, `Site Status X`)."""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._sections._lines import Labels
from trialparse._split import Section
from trialparse.model import Location, RecruitmentStatus, _maker

_SITE_STATUS = Labels("Site Status")
_new_location = _maker(Location)  # sites are the page's longest list: the cheaper constructor

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
    parts = _merge_tails(head.split(", ")) if head else []
    if len(parts) <= 1:
        return (parts[0] if parts else None), None, country or None
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


def _looks_like_address(line: str, known: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    return ", " in line or line in known[0]


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
    out: list[Location] = []
    lines = list(filter(None, section.lines))  # right-stripped: blank lines are empty
    stripped = list(map(str.strip, lines))
    start = 0  # first line of the site being read
    for i, _, status in _SITE_STATUS.found(lines):  # a loop per site, not per line
        out.append(_location(stripped[start:i], status, addresses, draft))
        start = i + 1
    for line in stripped[start:]:
        draft.keep("locations", line)
    draft.fields["locations"] = tuple(out)


def _location(block: list[str], status: str, addresses: _Addresses, draft: Draft) -> Location:
    site_status = draft.enum(RecruitmentStatus, status, section="locations", field="locations.status") \
        if status else None
    if not block:
        return _new_location(status=site_status)
    if len(block) == 1 and not _looks_like_address(block[0], addresses.known):
        return _new_location(facility=block[0], status=site_status)
    city, state, country = addresses[block[-1]]
    facility = " ".join(block[:-1]) or None
    return _new_location(facility=facility, city=city, state=state, country=country, status=site_status)
