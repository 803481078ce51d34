"""Time the criteria extractor over every criteria item of the corpus (v2 JSON, legacy XML and pages), on one core.

Usage: python bench/criteria_speed.py [CORPUS] [--repeat N]
       (CORPUS default: $TRIALPARSE_CORPUS, else ../shared/corpus, else samples/; N default 3)

The records are read first with `criteria=False` (not timed); then the timed part is exactly what
`trialparse._parse.with_criteria` does for each record: `parse_items(inclusion, exclusion, minimum_age,
maximum_age)`. CPU time (`time.process_time`), one process. Two figures: the whole corpus with a cold cache (each
distinct item text is extracted once; repeats such as the page and the JSON of one study reuse it), and the
distinct items alone with the cache off (the cost of text never seen before). Each figure is the best of N runs,
the two measurements interleaved (other jobs on the machine inflate CPU time too).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.criteria.test_corpus import corpus_files  # noqa: E402
from trialparse import parse_file  # noqa: E402
from trialparse.criteria import items as criteria_items  # noqa: E402
from trialparse.criteria import parse_items  # noqa: E402
from trialparse.criteria.extract import extract, read_lead_in  # noqa: E402


def main(argv: list[str]) -> int:
    repeat = 3
    if "--repeat" in argv:
        at = argv.index("--repeat")
        repeat = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if argv:
        import os

        os.environ["TRIALPARSE_CORPUS"] = argv[0]
    files = corpus_files()
    records = []
    for path in files:
        e = parse_file(path, criteria=False).eligibility
        if e is not None and (e.inclusion or e.exclusion):
            records.append(e)
    n_items = sum(len(e.inclusion) + len(e.exclusion) for e in records)
    distinct = {
        (t, s) for e in records for s, texts in (("INCLUSION", e.inclusion), ("EXCLUSION", e.exclusion)) for t in texts
    }
    chars = sum(len(t) for e in records for t in (*e.inclusion, *e.exclusion))
    by_ext: dict[str, int] = {}
    for p in files:
        by_ext[p.suffix] = by_ext.get(p.suffix, 0) + 1

    whole = cold = float("inf")
    constraints = 0
    for _ in range(repeat):
        criteria_items._constraints.cache_clear()
        read_lead_in.cache_clear()
        start = time.process_time()
        constraints = sum(
            len(c.constraints)
            for e in records
            for c in parse_items(e.inclusion, e.exclusion, e.minimum_age, e.maximum_age)
        )
        whole = min(whole, time.process_time() - start)

        read_lead_in.cache_clear()
        start = time.process_time()
        for text, section in distinct:
            extract(text, section=section)
        cold = min(cold, time.process_time() - start)

    print(
        f"{len(files)} files ({', '.join(f'{n} {x}' for x, n in sorted(by_ext.items()))}), {len(records)} records"
        f" with criteria: {n_items} items ({chars} characters, {len(distinct)} distinct) -> {constraints} constraints"
    )
    print(f"whole corpus: {whole:.2f} s CPU ({1000 * whole / max(1, n_items):.3f} ms/item)  (best of {repeat})")
    print(f"distinct items, no cache: {cold:.2f} s CPU ({1000 * cold / max(1, len(distinct)):.3f} ms/item)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
