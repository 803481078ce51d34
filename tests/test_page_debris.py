"""Pages with the debris of real scraping (line ends, blank lines, spaces, NBSP, a missing section) give the
same record. Blank-line changes can only change the blank lines inside multi-line texts, so texts are compared
with runs of blank lines collapsed."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

import trialparse
from tests.conftest import page_pairs
from trialparse._split import HEADINGS

_BLANKS = re.compile(r"\n\s*\n")


def _collapse(value: Any) -> Any:
    if isinstance(value, str):
        return _BLANKS.sub("\n", value)
    if isinstance(value, dict):
        return {k: _collapse(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [_collapse(v) for v in value]
    return value


def _record(text: str) -> Any:
    return _collapse(trialparse.to_dict(trialparse.parse(text)))


def _nbsp(text: str) -> str:
    # Real pages carry NBSP inside labels and values; put one in every line that has a space.
    return "\n".join(line.replace(" ", "\u00a0", 1) for line in text.split("\n"))


DEBRIS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "blank lines dropped": lambda t: "\n".join(line for line in t.split("\n") if line.strip()),
    "blank lines doubled": lambda t: re.sub(r"\n\n", "\n\n\n", t),
    "trailing spaces": lambda t: "\n".join(line + "  " for line in t.split("\n")),
    "nbsp": _nbsp,
    "leading and trailing blank lines": lambda t: "\n\n \n" + t + "\n\n\n",
    "all at once": lambda t: "\n\n" + "\r\n".join(line + " " for line in t.split("\n") if line.strip()) + "\r\n\r\n",
}

_PAGES = [page for page, _ in page_pairs()]
_SAMPLE = random.Random(7).sample(_PAGES, min(40, len(_PAGES)))


@pytest.mark.parametrize("debris", list(DEBRIS))
@pytest.mark.parametrize("page", _SAMPLE, ids=[p.stem for p in _SAMPLE])
def test_debris_gives_the_same_record(page: Any, debris: str) -> None:
    """The page with this debris parses to the record of the clean page."""
    clean = page.read_text(encoding="utf-8")
    assert _record(DEBRIS[debris](clean)) == _record(clean)


def _without(text: str, heading: str) -> str:
    """The page with one section (heading, sentence, body) cut out."""
    lines = text.split("\n")
    start = lines.index(heading)
    headings = {h for h, _ in HEADINGS.values()}
    end = next((i for i in range(start + 1, len(lines)) if lines[i] in headings), len(lines))
    return "\n".join(lines[:start] + lines[end:])


_SECTION_FIELDS = {
    "Conditions": ["conditions"],
    "Sponsors": ["sponsors"],
    "Locations": ["locations"],
    "References": ["references"],
    "Study Design": ["design"],
    "Other Identifiers": ["identifiers"],
    "Principal Investigators": ["officials"],
}


_CUTS = [(page, heading) for page in _SAMPLE[:10] for heading in _SECTION_FIELDS
         if heading in page.read_text(encoding="utf-8").split("\n")]


@pytest.mark.parametrize(("page", "heading"), _CUTS, ids=[f"{p.stem}-{h}" for p, h in _CUTS])
def test_a_removed_section_loses_only_its_fields(page: Any, heading: str) -> None:
    """Without one section the record is the same less that section's fields."""
    clean = page.read_text(encoding="utf-8")
    full, cut = _record(clean), _record(_without(clean, heading))
    for field in _SECTION_FIELDS[heading]:
        full.pop(field)
        cut.pop(field)
    assert cut == full
