"""Every criteria item of the shared corpus (v2 JSON): no exception, spans slice, numbers become constraints."""

from __future__ import annotations

import re

import pytest

from tests.criteria.corpus import corpus_dir, corpus_items
from trialparse.criteria import Kind, parse_item
from trialparse.criteria.numbers import comparator_before, find_quantities
from trialparse.criteria.timewindow import is_time

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="no shared corpus directory")
_NUMERIC = {Kind.AGE, Kind.MEASUREMENT, Kind.SCORE, Kind.OTHER_NUMERIC}
_DIGIT = re.compile(r"\d")


def _has_comparator_and_number(text: str) -> bool:
    """A written comparator before a digit, on something other than a time (times become windows, rule 12)."""
    return any(
        _DIGIT.match(text, q.num_start)
        and q.explicit
        and comparator_before(text, q.num_start)[0]
        and not is_time(q)
        for q in find_quantities(text)
    )


def test_corpus_items() -> None:
    assert CORPUS is not None
    with_cmp = hits = 0
    for _, section, text in corpus_items(CORPUS):
        pc = parse_item(text, section=section)
        for c in pc.constraints:
            assert 0 <= c.span[0] <= c.span[1] <= len(text)
        if _has_comparator_and_number(text):
            with_cmp += 1
            # a dose after a drug name bounds that PRIOR_THERAPY (rule 13): it counts as a numeric constraint
            hits += any(
                c.kind in _NUMERIC or (c.kind is Kind.PRIOR_THERAPY and c.bounds) for c in pc.constraints
            )
    assert with_cmp > 0
    assert hits / with_cmp >= 0.95, f"{hits}/{with_cmp}"
