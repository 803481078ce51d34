"""Locations: an address line → (city, state, country), by the page's countries and the known comma names."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from trialparse._sections.places import COMMA_COUNTRIES, _merge_tails, known_countries, split_address

PAGE_COUNTRIES = ("United States", "Korea, Republic of", "Saint Helena, Ascension and Tristan da Cunha", "A,B")


@pytest.mark.parametrize(("line", "expected"), [
    ("Oakland, California, United States", ("Oakland", "California", "United States")),
    ("Paris, France", ("Paris", None, "France")),
    ("United States", (None, None, "United States")),
    ("Seoul, Korea, Republic of", ("Seoul", None, "Korea, Republic of")),
    ("Korea, Republic of", (None, None, "Korea, Republic of")),
    ("Pyongyang, Korea, Democratic People's Republic of",
     ("Pyongyang", None, "Korea, Democratic People's Republic of")),
    ("Chisinau, Moldova, Republic of", ("Chisinau", None, "Moldova, Republic of")),
    ("Kinshasa, Congo, The Democratic Republic of the", ("Kinshasa", None, "Congo, The Democratic Republic of the")),
    ("Charlotte Amalie, Virgin Islands, U.S.", ("Charlotte Amalie", None, "Virgin Islands, U.S.")),
    ("Jamestown, Saint Helena, Ascension and Tristan da Cunha",
     ("Jamestown", None, "Saint Helena, Ascension and Tristan da Cunha")),  # a comma name from the page only
    ("Town, A,B", ("Town", None, "A,B")),
    ("Busan, Busan, Korea, Republic of", ("Busan", "Busan", "Korea, Republic of")),
    ("Somewhere, Republic of", ("Somewhere", None, "Republic of")),  # a tail that ends no known name
    ("Bristol, City Of, United Kingdom", ("Bristol, City Of", None, "United Kingdom")),
    ("Bogota, D.C., Colombia", ("Bogota, D.C.", None, "Colombia")),
    ("Paris, 75014, France", ("Paris, 75014", None, "France")),
    ("Paris, 750140000, France", ("Paris, 750140000", None, "France")),  # a postal district of any length
    ("Washington, DC, District of Columbia, United States",
     ("Washington, DC", "District of Columbia", "United States")),
    ("Leeds, West Yorkshire, England, United Kingdom", ("Leeds", "West Yorkshire, England", "United Kingdom")),
    ("Dcity, Dc Area, Country", ("Dcity", "Dc Area", "Country")),
    (", Texas, United States", ("", "Texas", "United States")),
    ("X, , Y", ("X", "", "Y")),  # an empty part is kept as the site printed it
])
def test_split_address(line: str, expected: tuple[str | None, ...]) -> None:
    assert split_address(line, known_countries(PAGE_COUNTRIES)) == expected


def _reference(line: str, countries: tuple[str, ...]) -> tuple[str | None, ...]:
    """The rule as written: the first comma name the line ends with, else a known name, else the last part."""
    names = frozenset((*countries, *COMMA_COUNTRIES))
    comma = (*COMMA_COUNTRIES, *(c for c in countries if "," in c and c not in COMMA_COUNTRIES))
    country = next((c for c in comma if line.endswith(", " + c)), None)
    if country is None and line in names:
        return None, None, line
    if country is not None:
        head = line[: -len(country) - 2]
    else:
        head, _, country = line.rpartition(", ")
    if ", " not in head:
        return head or None, None, country or None
    parts = _merge_tails(head.split(", "))
    return parts[0], ", ".join(parts[1:]) if len(parts) > 1 else None, country or None


_PART = st.sampled_from(["Seoul", "Korea", "Republic of", "City Of", "D.C.", "12", "", " ", "A", "B", "A,B",
                         "Virgin Islands", "U.S.", "British", "Texas", "ß", "DC"])


@given(st.lists(_PART, min_size=1, max_size=5), st.lists(_PART, max_size=3))
def test_split_address_follows_the_rule(parts: list[str], country_parts: list[str]) -> None:
    countries = ("United States", ", ".join(country_parts)) if country_parts else ("United States",)
    line = ", ".join(parts)
    assume(line)  # site lines are never blank
    assert split_address(line, known_countries(countries)) == _reference(line, countries)
