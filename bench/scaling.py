"""Linear time: parse inputs of 1x, 10x and 100x size for each format and print the time ratios.

    /work/venv/bin/python bench/scaling.py            # all formats
    /work/venv/bin/python bench/scaling.py page xml   # some

Each input grows by repeating what a record can hold many of: criteria, locations, conditions, references
(page text and HTML), locations and criteria (v2 JSON), locations and conditions (legacy XML). `1x` is the
sample record with those parts repeated 10 times. Printed per format: the best-of-N seconds per size and
t(10x)/10t(1x), t(100x)/100t(1x): linear is 1.0; the bound is 1.5. Exit status 1 when a ratio is above it.
`--no-criteria` parses with `criteria=False` (reading criteria into constraints is most of the cost).

Times are process CPU time (`time.process_time`), best of N runs with the three sizes interleaved (load from
other jobs hits every size alike). The criteria item cache is emptied before every run, so that every run reads
its criteria (with the cache, every run after the first would only look its items up); `--warm` keeps it.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trialparse
from trialparse.criteria import items as criteria_items
from trialparse.criteria.extract import read_lead_in

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "samples" / "pages" / "NCT01408199.txt").read_text(encoding="utf-8")
STUDY = json.loads((ROOT / "samples" / "json" / "NCT00205894.json").read_text(encoding="utf-8"))
XML = (ROOT / "samples" / "xml" / "NCT00000106.xml").read_text(encoding="utf-8")
BASE = 10
BOUND = 1.5


def page(n: int) -> str:
    criteria = "".join(f"* Criterion {i}: serum creatinine below 1.5 mg/dL and no prior therapy\n" for i in range(n))
    locations = "".join(f"Site {i} Hospital\n\nCity{i}, State{i}, Spain\n\nSite Status RECRUITING\n\n"
                        for i in range(n))
    conditions = "".join(f"Condition {i}\n\n" for i in range(n))
    references = "".join(f"Author {i} et al. A paper {i}. J Med. 2001;{i}:1-9.\n\nReference Type BACKGROUND\n\n"
                         f"PMID: {10_000 + i} (View on PubMed)\n\n" for i in range(n))
    return (PAGE.replace("* Age over 18 years\n", "* Age over 18 years\n" + criteria, 1)
            .replace("Vall D'Hebron Hospital\n", locations + "Vall D'Hebron Hospital\n", 1)
            .replace("\nCutaneous Lupus\n", "\n" + conditions + "Cutaneous Lupus\n", 1)
            .replace("Cortes-Hernandez J,", references + "Cortes-Hernandez J,", 1))


def html(n: int) -> bytes:
    body = "".join(f"<p>{line}</p>\n" for line in page(n).split("\n") if line.strip())
    return f"<!doctype html><html><body><main>{body}</main></body></html>".encode()


def study(n: int) -> str:
    data = json.loads(json.dumps(STUDY))
    proto = data["protocolSection"]
    site = {"facility": "Hospital", "city": "Madrid", "country": "Spain", "status": "RECRUITING"}
    proto.setdefault("contactsLocationsModule", {})["locations"] = [{**site, "facility": f"Hospital {i}"}
                                                                    for i in range(n)]
    elig = proto.setdefault("eligibilityModule", {})
    elig["eligibilityCriteria"] = "Inclusion Criteria:\n\n" + "".join(
        f"* Criterion {i}: serum creatinine below 1.5 mg/dL\n" for i in range(n))
    proto.setdefault("conditionsModule", {})["conditions"] = [f"Condition {i}" for i in range(n)]
    return json.dumps(data)


def xml(n: int) -> str:
    location = ("<location><facility><name>Hospital {i}</name><address><city>Madrid</city><country>Spain"
                "</country></address></facility><status>Recruiting</status></location>\n")
    sites = "".join(location.format(i=i) for i in range(n))
    conditions = "".join(f"<condition>Condition {i}</condition>\n" for i in range(n))
    out = re.sub(r"(</eligibility>)", r"\1\n" + sites.replace("\\", "\\\\"), XML, count=1)
    return out.replace("<condition>", conditions + "<condition>", 1)


FORMATS: dict[str, Callable[[int], str | bytes]] = {"page": page, "html": html, "json": study, "xml": xml}


def _cold() -> None:
    criteria_items._constraints.cache_clear()
    read_lead_in.cache_clear()


def best(sizes: list[str | bytes], criteria: bool, runs: tuple[int, ...], warm: bool) -> list[float]:
    """Best CPU time of each input, the runs interleaved (size 1 gets more runs: it is the noisiest)."""
    times: list[list[float]] = [[] for _ in sizes]
    for r in range(max(runs)):
        for data, spent, n in zip(sizes, times, runs, strict=True):
            if r >= n:
                continue
            if not warm:
                _cold()
            start = time.process_time()
            trialparse.parse(data, criteria=criteria)
            spent.append(time.process_time() - start)
    return [min(spent) for spent in times]


def main(argv: list[str]) -> int:
    criteria = "--no-criteria" not in argv
    warm = "--warm" in argv
    names = [a for a in argv if not a.startswith("--")] or list(FORMATS)
    failed = False
    print(f"{'format':6} {'1x s':>9} {'10x s':>9} {'100x s':>9} {'t10/10t1':>9} {'t100/100t1':>11}"
          f"  (criteria={criteria}{', warm cache' if warm and criteria else ''}; CPU time)")
    for name in names:
        make = FORMATS[name]
        sizes = [make(BASE * k) for k in (1, 10, 100)]
        trialparse.parse(sizes[0], criteria=criteria)  # warm the other caches (normalizers, imports)
        t1, t10, t100 = best(sizes, criteria, (15, 7, 3), warm)
        r10, r100 = t10 / (10 * t1), t100 / (100 * t1)
        failed |= r10 > BOUND or r100 > BOUND
        print(f"{name:6} {t1:9.4f} {t10:9.4f} {t100:9.4f} {r10:9.2f} {r100:11.2f}"
              f"  ({len(sizes[0]):,} / {len(sizes[2]):,} chars)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
