"""Dates of any precision: ISO partial dates, `January 2010`, `January 31, 2010`, `31 January 2010`.

A missing month or day stays missing (no default is ever filled in), and a form that can be read two
ways (`03/08/2011`) is reported, not guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateutil.parser import parserinfo

from trialparse._normalize import Parsed
from trialparse._normalize.vocab import lookup
from trialparse.model import DateType, PartialDate, TrialDate

_MONTHS = parserinfo()  # dateutil's month-name table: "Jan", "January", "Sept", ...

# One alternation per written form; every group is bounded so no form backtracks on long input.
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T\d{2}:\d{2}(?::\d{2})?)?")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
# The marker word alone: brackets, colon and spaces around it are trimmed by slicing, so a long run of
# spaces is never matched from each of its positions (a leading `\s*` made search quadratic).
_MARKER = re.compile(r"\b(actual|estimated|estimate|anticipated|expected)\b", re.IGNORECASE)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _month(name: str) -> int | None:
    index = _MONTHS.month(name)
    return None if index is None else index


def make_date(year: int, month: int | None = None, day: int | None = None) -> Parsed[PartialDate]:
    """A PartialDate after checking the calendar (no 31 April, no month 13)."""
    if not 1 <= year <= 9999:
        return Parsed(None, f"year {year} out of range")
    if month is not None and not 1 <= month <= 12:
        return Parsed(None, f"month {month} out of range")
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return Parsed(None, f"day {day} does not exist in {year}-{month}")
    return Parsed(PartialDate(year=year, month=month, day=day))


def _numeric(match: re.Match[str]) -> Parsed[PartialDate]:
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    readings = [r for r in ((second, first), (first, second)) if make_date(year, *r).value is not None]
    if len(readings) == 2 and readings[0] != readings[1]:
        return Parsed(None, f"ambiguous day/month order in {match[0]!r}")
    if not readings:
        return Parsed(None, f"no valid date in {match[0]!r}")
    month, day = readings[0]
    return make_date(year, month, day)


def partial_date(text: str) -> Parsed[PartialDate]:
    """A PartialDate from one date written in any accepted form."""
    s = text.strip().replace("\u00a0", " ")
    if (hit := _ISO.fullmatch(s)) is not None:
        return make_date(int(hit[1]), _int(hit[2]), _int(hit[3]))
    if (hit := _MONTH_YEAR.fullmatch(s)) is not None and (month := _month(hit[1])):
        return make_date(int(hit[2]), month)
    if (hit := _MONTH_DAY_YEAR.fullmatch(s)) is not None and (month := _month(hit[1])):
        return make_date(int(hit[3]), month, int(hit[2]))
    if (hit := _DAY_MONTH_YEAR.fullmatch(s)) is not None and (month := _month(hit[2])):
        return make_date(int(hit[3]), month, int(hit[1]))
    if (hit := _NUMERIC.fullmatch(s)) is not None:
        return _numeric(hit)
    return Parsed(None, f"not a date: {text.strip()[:80]!r}")


def trial_date(text: str, default_type: DateType | None = None) -> Parsed[TrialDate]:
    """A date with its ACTUAL/ESTIMATED marker, e.g. `January 2010 (Actual)` or `Anticipated: 2012-03`."""
    date_type = default_type
    marker = _MARKER.search(text)
    if marker is not None:
        date_type = lookup(DateType, marker[1])
        text = text[: marker.start()].rstrip(" \t([") + " " + text[marker.end() :].lstrip(" \t)]:")
    parsed = partial_date(text)
    if parsed.value is None:
        return Parsed(None, parsed.problem)
    return Parsed(TrialDate(date=parsed.value, type=date_type))


def iso_date(text: str) -> Parsed[dt.date]:
    """A full calendar date (the `Last Updated` and posting dates)."""
    parsed = partial_date(text)
    value = parsed.value
    if value is None:
        return Parsed(None, parsed.problem)
    if value.month is None or value.day is None:
        return Parsed(None, f"not a full date: {text.strip()[:80]!r}")
    return Parsed(dt.date(value.year, value.month, value.day))


def month_end(date: PartialDate) -> PartialDate:
    """The last day of a year-month date, as a site that fills month-only dates writes it."""
    if date.month is None or date.day is not None:
        return date
    return PartialDate(year=date.year, month=date.month, day=calendar.monthrange(date.year, date.month)[1])
