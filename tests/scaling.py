"""Growth checks for inputs built to be costly: the work on 4x the input must stay under 10x (linear is 4x,
quadratic 16x), as `test_regex_safety` checks the patterns. CPU time, best of a few runs; a suspect ratio is
measured again, longer, before it counts, so a burst of load on the machine does not fail a test alone."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
LIMIT = 10.0  # linear: 4x; quadratic: 16x
FLOOR = 0.002  # seconds (CPU): a smaller run is timed as this much, too short to tell growth from noise


def _cpu(fn: Callable[[T], object], arg: T, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - start)
    return best


def growth(fn: Callable[[T], object], small: T, large: T) -> float:
    """CPU time on `large` (4x `small`) over that on `small`: under LIMIT unless the work grows faster than
    linearly."""
    ratio = LIMIT
    for runs in (2, 5):  # a second, longer measurement before a suspect ratio counts
        ratio = _cpu(fn, large, runs) / max(_cpu(fn, small, runs), FLOOR)
        if ratio < LIMIT:
            break
    return ratio
