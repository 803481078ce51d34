"""Ages (`18 Years`, `6 Months`, `N/A`) and enrollment counts (`15 participants (Actual)`)."""

from __future__ import annotations

import re

from trialparse._normalize import Parsed
from trialparse._normalize.vocab import lookup
from trialparse.model import Age, AgeUnit, Enrollment, EnrollmentType

_AGE = re.compile(r"(\d{1,6})\s*(years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)\.?", re.I)
_UNIT_PREFIX = {"Y": AgeUnit.YEARS, "MO": AgeUnit.MONTHS, "W": AgeUnit.WEEKS, "D": AgeUnit.DAYS,
                "H": AgeUnit.HOURS, "MI": AgeUnit.MINUTES}
_NO_LIMIT = frozenset({"N/A", "NA", "NONE", "NO LIMIT", "N\\A", "NOT APPLICABLE", "-"})
_ENROLLMENT = re.compile(
    r"(\d[\d,]{0,12})\s*+(?:participants?|patients?|subjects?|persons?)?\s*+"  # possessive: one run of spaces is
    r"(?:[\[(]?\s*+(actual|estimated|anticipated|estimate)\s*+[\])]?)?",  # not shared out between the \s* (cubic)
    re.I,
)


def _unit(word: str) -> AgeUnit:
    w = word.upper()
    return _UNIT_PREFIX.get(w[:2]) or _UNIT_PREFIX[w[:1]]


def age(text: str | None) -> Parsed[Age]:
    """An age limit; value None without a problem means no limit (`N/A`, empty)."""
    if text is None:
        return Parsed(None)
    s = " ".join(text.split())
    if not s or s.upper() in _NO_LIMIT:
        return Parsed(None)
    hit = _AGE.fullmatch(s)
    if hit is None:
        return Parsed(None, f"not an age: {s[:80]!r}")
    return Parsed(Age(value=int(hit[1]), unit=_unit(hit[2])))


def enrollment(text: str | None, default_type: EnrollmentType | None = None) -> Parsed[Enrollment]:
    """A participant count with its ACTUAL/ESTIMATED marker."""
    s = " ".join((text or "").split())
    if not s:
        return Parsed(None)
    hit = _ENROLLMENT.fullmatch(s)
    if hit is None:
        return Parsed(None, f"not an enrollment count: {s[:80]!r}")
    kind = lookup(EnrollmentType, hit[2]) if hit[2] else default_type
    return Parsed(Enrollment(count=int(hit[1].replace(",", "")), type=kind))
