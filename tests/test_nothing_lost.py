"""Nothing lost: every non-blank line of a page that is not site boilerplate ends up in a record field or in
`unparsed` (see tests/accounting.py for what "ends up" means), for generated pages with debris lines
inserted anywhere and for every corpus page. The corpus summary is printed (`pytest -s` shows it)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trialparse
from tests.accounting import Accounting, account, summary
from tests.conftest import page_pairs
from tests.render import render
from tests.strategies import WORDS, page_records
from trialparse.model import Trial

# Debris a scraper leaves in a page: navigation, ads, counters, stray words and punctuation.
_DEBRIS = ["Advertisement", "Share this page", "Cookie settings ✓", "» Back to top", "Page 3 of 7",
           "Print | Email | Save", "Loading…", "***", "Skip to main content", "Ⓒ 2024 Example Site"]
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
debris = (st.sampled_from(_DEBRIS)
          | st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(lambda w: "zq " + " ".join(w))
          | st.text(_ALPHABET, min_size=1, max_size=30).filter(lambda s: s.strip() != ""))


@st.composite
def pages_with_debris(draw: st.DrawFn) -> tuple[Trial, str]:
    trial = draw(page_records())
    lines = render(trial).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = ["", draw(debris), ""]
    return trial, "\n".join(lines)


def _check(result: Accounting) -> None:
    assert not result.lost, summary([result])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages_with_debris())
def test_generated_page_with_debris_loses_nothing(case: tuple[Trial, str]) -> None:
    _, page = case
    _check(account(page, trialparse.parse(page), "generated"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_records())
def test_clean_generated_page_loses_nothing(trial: Trial) -> None:
    page = render(trial)
    result = account(page, trialparse.parse(page), trial.nct_id or "generated")
    _check(result)
    assert result.accounted + result.labels + result.boilerplate == result.lines


def test_every_corpus_page_loses_nothing() -> None:
    results = []
    for page, _ in page_pairs():
        text = page.read_text(encoding="utf-8")
        results.append(account(text, trialparse.parse(text), page.name))
    report = summary(results)
    print("\n" + report)
    assert sum(r.lines for r in results) > 0
    assert not any(r.lost for r in results), report


# The accounting itself: it must see a loss when there is one.

_PAGE = page_pairs()[0][0].read_text(encoding="utf-8")
_LOSSES = {
    "a condition dropped": lambda t: attrs.evolve(t, conditions=t.conditions[1:]),
    "the summary dropped": lambda t: attrs.evolve(t, brief_summary=None),
    "the sponsors dropped": lambda t: attrs.evolve(t, sponsors=()),
    "the enrollment dropped": lambda t: attrs.evolve(t, enrollment=None),
    "the last update dropped": lambda t: attrs.evolve(t, last_updated=None),
    "the unparsed lines dropped": lambda t: attrs.evolve(t, unparsed=()),
}


@pytest.mark.parametrize("loss", list(_LOSSES))
def test_accounting_sees_a_loss(loss: str) -> None:
    page = _PAGE
    if loss == "the unparsed lines dropped":
        page = page.replace("Blinding Strategy\n\n", "Enrollment Window\n\nOpen all year\n\nBlinding Strategy\n\n", 1)
    trial = trialparse.parse(page)
    assert not account(page, trial).lost
    lost = account(page, _LOSSES[loss](trial)).lost
    assert lost, f"{loss}: the accounting did not notice"


def test_accounting_counts_boilerplate_and_labels() -> None:
    result = account(_PAGE, trialparse.parse(_PAGE))
    assert result.boilerplate >= 10
    assert result.labels >= 5
    assert result.lines == result.boilerplate + result.labels + result.accounted
