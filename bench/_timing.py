"""Timing helpers shared by the benchmark scripts: interleaved best-of runs in process CPU time."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any


def best(fns: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Best of `repeat` runs of each of `fns` (seconds), the runs interleaved so that load from other jobs
    on the machine hits every contender alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            start = time.process_time()
            fn()
            spent.append(time.process_time() - start)
    return [min(spent) for spent in times]


def run_all(items: Sequence[Any], fn: Callable[[Any], object]) -> Callable[[], None]:
    def loop() -> None:
        for item in items:
            fn(item)
    return loop


def report(label: str, seconds: float, floor: float, count: int, target: float | None = None) -> None:
    ratio = seconds / floor
    verdict = "" if target is None else ("  ok" if ratio <= target else f"  OVER target {target}×")
    print(f"  {label:<44} {seconds / count * 1e6:9.1f} µs/record   {ratio:5.2f}×{verdict}")
