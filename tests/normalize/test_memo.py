"""`trialparse._normalize.memo`: the normalizers' cache by input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trialparse._normalize import memo
from trialparse._normalize.cached import trial_date
from trialparse._normalize.dates import trial_date as uncached_trial_date


def test_answers_are_the_function_s_and_each_short_input_is_computed_once() -> None:
    calls: list[str] = []

    def upper(raw: str) -> str:
        calls.append(raw)
        return raw.upper()

    cached = memo(upper, 8)
    assert [cached("a"), cached("a"), cached("b"), cached("a")] == ["A", "A", "B", "A"]
    assert calls == ["a", "b"]


def test_long_inputs_are_not_kept_and_the_size_is_a_bound() -> None:
    calls: list[str] = []

    def length(raw: str) -> int:
        calls.append(raw)
        return len(raw)

    cached = memo(length, 3)
    long = "x" * 65
    assert [cached(long), cached(long)] == [65, 65]
    assert calls == [long, long]  # computed each time: not kept
    for raw in ["a", "bb", "ccc", "dddd", "dddd"]:
        assert cached(raw) == len(raw)
    assert calls[2:] == ["a", "bb", "ccc", "dddd", "dddd"]  # the memo was full: the fourth input is not kept
    assert cached.__self__ == {"a": 1, "bb": 2, "ccc": 3}  # type: ignore[attr-defined]


@given(st.text(max_size=80))
def test_a_cached_normalizer_answers_as_the_function(raw: str) -> None:
    assert trial_date(raw) == uncached_trial_date(raw)
    assert trial_date(raw) == uncached_trial_date(raw)
