"""The accuracy targets of issue 6 on the development gold (tests/data/criteria)."""

from __future__ import annotations

import json
from pathlib import Path

from trialparse.criteria import parse_item
from trialparse.criteria.annotation import constraint_dict
from trialparse.criteria.evaluation import Scores

DATA = Path(__file__).resolve().parents[1] / "data" / "criteria"


def _scores() -> Scores:
    items = [json.loads(x) for x in (DATA / "dev-items.jsonl").read_text(encoding="utf-8").splitlines() if x]
    gold = {
        g["id"]: g
        for g in map(json.loads, (DATA / "dev-gold.jsonl").read_text(encoding="utf-8").splitlines())
    }
    scores = Scores()
    for it in items:
        pc = parse_item(it["text"], section=it["section"], lead_in=it["lead_in"])
        pred = [{**constraint_dict(c), "flags": [str(f) for f in c.flags]} for c in pc.constraints]
        scores.item(it["id"], gold[it["id"]]["constraints"], pred)
    return scores


def test_dev_gold_targets() -> None:
    s = _scores()
    assert s.ratio("num_ok", "num_pred") >= 0.95
    assert s.ratio("num_ok", "num_gold") >= 0.90
    assert s.ratio("ref_ok", "ref_gold") == 1.0
    assert s.ratio("rep_ok", "rep_pred") >= 0.97
    assert s.ratio("rep_ok", "rep_gold") >= 0.95
    assert s.ratio("eff_ok", "eff_n") >= 0.99
    assert s.ratio("time_ok", "time_n") >= 0.90
    assert s.silent == []
