"""Dates: every accepted form, markers, precision kept, ambiguity reported."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize.dates import iso_date, month_end, trial_date
from trialparse.model import DateType, PartialDate

P = PartialDate
# (input, expected date or None, expected type, reason)
CASES = [
    ("2010-01-31", P(year=2010, month=1, day=31), None, "ISO full date"),
    ("2010-01", P(year=2010, month=1), None, "ISO year-month keeps its precision"),
    ("2010", P(year=2010), None, "ISO year keeps its precision"),
    ("January 2010", P(year=2010, month=1), None, "legacy month-year"),
    ("January 31, 2010", P(year=2010, month=1, day=31), None, "legacy month-day-year"),
    ("Jan 31, 2010", P(year=2010, month=1, day=31), None, "abbreviated month"),
    ("Sept 2010", P(year=2010, month=9), None, "four-letter abbreviation"),
    ("31 January 2010", P(year=2010, month=1, day=31), None, "day-month-year"),
    ("January 2010 (Actual)", P(year=2010, month=1), DateType.ACTUAL, "actual marker"),
    ("2012-03 (Estimated)", P(year=2012, month=3), DateType.ESTIMATED, "estimated marker"),
    ("Anticipated: March 2012", P(year=2012, month=3), DateType.ESTIMATED, "legacy anticipated prefix"),
    ("2010-01-31T10:15", P(year=2010, month=1, day=31), None, "date-time minutes"),
    ("13/08/2011", P(year=2011, month=8, day=13), None, "unambiguous day/month order"),
    ("  2010-01 ", P(year=2010, month=1), None, "surrounding space"),
    ("03/08/2011", None, None, "ambiguous day/month order is not guessed"),
    ("2010-02-30", None, None, "no such day"),
    ("2010-13", None, None, "no such month"),
    ("Smarch 2010", None, None, "no such month name"),
    ("soon", None, None, "not a date"),
    ("", None, None, "empty"),
]


def test_cases_are_unique() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "date", "kind", "reason"), CASES, ids=[c[3] for c in CASES])
def test_trial_date(text: str, date: PartialDate | None, kind: DateType | None, reason: str) -> None:
    parsed = trial_date(text)
    if date is None:
        assert parsed.value is None and parsed.problem, reason
    else:
        assert parsed.value is not None and parsed.value.date == date and parsed.value.type == kind, reason


def test_partial_dates_never_invent_parts() -> None:
    """A year-month date has no day, whatever today is (dateutil's default would fill one in)."""
    value = trial_date("2010-01").value
    assert value is not None and value.date.day is None and value.date.isoformat() == "2010-01"


@pytest.mark.parametrize(("date", "end"), [(P(year=2010, month=2), "2010-02-28"), (P(year=2012, month=2), "2012-02-29"),
                                           (P(year=2010), "2010"), (P(year=2010, month=1, day=5), "2010-01-05")])
def test_month_end(date: PartialDate, end: str) -> None:
    assert month_end(date).isoformat() == end


def test_iso_date_needs_a_day() -> None:
    assert iso_date("2011-08-03").value == dt.date(2011, 8, 3)
    assert iso_date("2011-08").value is None


@given(st.text())
def test_never_raises(text: str) -> None:
    trial_date(text)
    iso_date(text)
