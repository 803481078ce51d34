"""JSON contract: round trip, partial dates as strings, unknown keys and wrong types rejected with a path."""

from __future__ import annotations

import json

import pytest

import trialparse
from tests.conftest import REAL_PAGE
from trialparse.model import PartialDate, Trial, TrialDate


@pytest.fixture(scope="module")
def page() -> Trial:
    return trialparse.parse_file(REAL_PAGE)


def test_round_trip(page: Trial) -> None:
    assert trialparse.loads(trialparse.dumps(page)) == page
    assert trialparse.from_dict(trialparse.to_dict(page)) == page


def test_partial_dates_are_iso_strings_of_their_precision() -> None:
    trial = Trial(start_date=TrialDate(date=PartialDate(year=2010, month=1)), completion_date=TrialDate(
        date=PartialDate(year=2011)))
    data = trialparse.to_dict(trial)
    assert data["start_date"] == {"date": "2010-01", "type": None}
    assert data["completion_date"]["date"] == "2011"


def test_every_key_is_written(page: Trial) -> None:
    data = json.loads(trialparse.dumps(page))
    assert {"nct_id", "unparsed", "issues", "source", "primary_completion_date"} <= set(data)
    assert data["primary_completion_date"] is None


@pytest.mark.parametrize(("patch", "path"), [
    ({"bogus": 1}, "$"),
    ({"enrollment": {"count": "15", "type": None}}, "$.enrollment.count"),
    ({"phases": ["PHASE9"]}, "$.phases"),
    ({"title": 5}, "$.title"),
    ({"start_date": {"date": "2010-13", "type": None}}, "$.start_date.date"),
    ({"arms": [{"label": "A", "type": "EXPERIMENTAL", "description": None, "intervention_names": [], "x": 1}]},
     "$.arms"),
])
def test_loads_rejects_with_the_json_path(page: Trial, patch: dict[str, object], path: str) -> None:
    data = trialparse.to_dict(page) | patch
    with pytest.raises(trialparse.ParseError) as err:
        trialparse.loads(json.dumps(data))
    assert path in str(err.value)


def test_loads_rejects_non_json() -> None:
    with pytest.raises(trialparse.ParseError, match="not JSON"):
        trialparse.loads("{nope")
