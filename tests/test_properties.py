"""Properties over generated records and text: JSON round trip, render → parse, parse never crashes."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trialparse
from tests.render import render
from tests.strategies import page_records, records
from trialparse.model import Trial


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(records())
def test_json_round_trip(trial: Trial) -> None:
    """loads(dumps(t)) == t for any record."""
    assert trialparse.loads(trialparse.dumps(trial)) == trial


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(page_records())
def test_parse_of_render_is_identity(trial: Trial) -> None:
    """A record rendered into the page layout parses back to itself."""
    got = trialparse.parse(render(trial))
    assert got.issues == () and got.unparsed == ()
    assert got == trial


@settings(max_examples=500)
@given(st.text())
def test_parse_raises_only_parse_error(text: str) -> None:
    """Arbitrary text gives a record or a ParseError, nothing else."""
    with contextlib.suppress(trialparse.ParseError):
        trialparse.parse(text)


@settings(max_examples=200)
@given(page_records(), st.data())
def test_parse_of_mangled_page_raises_only_parse_error(trial: Trial, data: st.DataObject) -> None:
    """A real-looking page cut, spliced and sprinkled with junk still gives a record or a ParseError."""
    text = render(trial)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=20))
    with contextlib.suppress(trialparse.ParseError):
        trialparse.parse(text[:cut] + junk + text[cut // 2 :])
