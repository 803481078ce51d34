"""CT.gov API v2 JSON → record vs `json.loads` alone, as a ratio measured in the same run, over every corpus
`ctgov-json/` study (or `samples/json` without the corpus).

    /work/venv/bin/python bench/bench_json.py [--repeat 7] [--limit N]

Target: `read_json` of the JSON text ≤ 2× `json.loads` of the same text. The contenders run interleaved (one
pass of each per repeat) and the best pass of each counts, so load from other jobs hits every contender alike.
Times are process CPU time (`time.process_time`): the machine is shared, wall time swings with its load.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from _timing import best, report, run_all  # bench/ is on sys.path when a script runs

from trialparse._readers.ctgov_json import read_json

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0


def corpus() -> Path:
    env = os.environ.get("TRIALPARSE_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path / "ctgov-json" if (path / "ctgov-json").is_dir() else ROOT / "samples" / "json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    folder = corpus()
    files = sorted(folder.glob("*.json"))[: args.limit]
    data = [f.read_bytes() for f in files]
    if not data:
        print(f"no JSON studies in {folder}")
        return 2
    for item in data:  # warm up: imports, regex and enum caches
        read_json(item)
    decoded = [json.loads(item) for item in data]
    floor, full, from_dict = best([
        run_all(data, json.loads),
        run_all(data, read_json),
        lambda: [read_json(d) for d in decoded],
    ], args.repeat)
    print(f"JSON: {len(data)} studies from {folder}, {sum(map(len, data)) / 1e6:.1f} MB")
    report("json.loads alone", floor, floor, len(data))
    report("read_json (JSON text → Trial)", full, floor, len(data), TARGET)
    report("read_json of the decoded dict", from_dict, floor, len(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
