"""Page-parse benchmark: pages/s, µs per page and peak memory, against the floor (read + splitlines + strip of
the same pages) measured in the same run, as CPU time of this process (steady on a shared machine).
Target: parse ≤ 8× the floor.

The ratio is for the page parse itself (`criteria=False`); reading every eligibility item into typed
constraints (the default `criteria=True`) is timed too and printed beside it.

    python bench/parse_pages.py [FOLDER]   # default: ../shared/corpus/pages, else samples/pages
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import trialparse

ROOT = Path(__file__).resolve().parent.parent


def _pages(argv: list[str]) -> list[Path]:
    if len(argv) > 1:
        folder = Path(argv[1])
    else:
        corpus = ROOT.parent / "shared" / "corpus" / "pages"
        folder = corpus if corpus.is_dir() else ROOT / "samples" / "pages"
    return sorted(folder.glob("*.txt"))


def _floor(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        [line.strip() for line in text.splitlines()]


def _parse(paths: list[Path]) -> None:
    for path in paths:
        trialparse.parse(path.read_bytes(), criteria=False)


def _parse_with_criteria(paths: list[Path]) -> None:
    for path in paths:
        trialparse.parse(path.read_bytes())


def _interleaved(runs: list[object], paths: list[Path], repeat: int) -> list[float]:
    """Best CPU time of each run, the runs alternating so that each sees the same machine conditions."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            start = time.process_time()
            run(paths)  # type: ignore[operator]
            best[i] = min(best[i], time.process_time() - start)
    return best


def main(argv: list[str]) -> None:
    paths = _pages(argv)
    _parse(paths)  # warm up imports and regex caches
    floor, parse = _interleaved([_floor, _parse], paths, 7)
    (full,) = _interleaved([_parse_with_criteria], paths, 1)
    tracemalloc.start()
    _parse(paths[:50])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    n = len(paths)
    print(f"pages: {n} from {paths[0].parent if paths else '-'}")
    print(f"floor (read+splitlines+strip): {floor / n * 1e6:9.1f} µs/page")
    print(f"parse:                         {parse / n * 1e6:9.1f} µs/page  {n / parse:8.0f} pages/s")
    print(f"peak traced memory (50 pages): {peak / 1e6:9.2f} MB")
    print(f"ratio parse/floor:             {parse / floor:9.2f}x   (target <= 8x)")
    print(f"parse with criteria items:     {full / n * 1e6:9.1f} µs/page  ({full / floor:.1f}x the floor)")


if __name__ == "__main__":
    main(sys.argv)
