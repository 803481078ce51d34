"""Print the accuracy figures of issue 6 for the criteria extractor.

Usage: python bench/criteria_eval.py ITEMS GOLD [-v]   (ITEMS, GOLD: JSON lines as in tests/data/criteria/)
-v also lists the differing items.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trialparse.criteria import annotate, parse_item
from trialparse.criteria.annotation import constraint_dict
from trialparse.criteria.evaluation import Scores, numeric_key, repro_key


def load(path: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    items = load(argv[0])
    gold = {str(g["id"]): g for g in load(argv[1])}
    scores = Scores()
    for it in items:
        pc = parse_item(str(it["text"]), section=str(it["section"]), lead_in=it.get("lead_in"))  # type: ignore[arg-type]
        pred = [{**constraint_dict(c), "flags": [str(f) for f in c.flags]} for c in pc.constraints]
        g = gold[str(it["id"])]["constraints"]
        scores.item(str(it["id"]), g, pred)  # type: ignore[arg-type]
        if "-v" in argv:
            _diff(it, g, pred)  # type: ignore[arg-type]
    for line in scores.report():
        print(line)
    for item_id, err in scores.silent:
        print(f"  silent error in {item_id}: {json.dumps(err)}")
    assert annotate  # the public entry point used by other tools
    return 0


def _diff(it: dict[str, object], gold: list[dict[str, object]], pred: list[dict[str, object]]) -> None:
    def keyed(c: dict[str, object]) -> str:
        k = numeric_key(c) if c["kind"] not in ("PREGNANCY", "LACTATION", "CONTRACEPTION") else repro_key(c)
        return f"{k} neg={c.get('negated')} time={c.get('time')} group={c.get('group')}"

    gs, ps = sorted(map(keyed, gold)), sorted(map(keyed, pred))
    if gs != ps:
        print(f"== {it['id']} {it['section']} {it['text']!r} lead={it.get('lead_in')!r}")
        for line in gs:
            if line not in ps:
                print("   - gold:", line)
        for line in ps:
            if line not in gs:
                print("   + out: ", line)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
