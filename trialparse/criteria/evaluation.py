"""Scoring extractor output against gold annotations (the figures of issue 6, printed by bench/criteria_eval.py).

Definitions (per item, greedy one-to-one matching):
- numeric (AGE, MEASUREMENT, SCORE, OTHER_NUMERIC): kind, target, the set of bounds (cmp, value, unit, reference)
  and the set of `when` values all equal;
- ULN/LLN multiples: gold numeric constraints with a ULN/LLN/baseline bound whose kind, target and bounds are
  found in the output (`when` aside);
- reproductive (PREGNANCY, LACTATION, CONTRACEPTION): kind, target, negated and `when` equal;
- effect: over all matched constraints (numeric and reproductive keys above; PRIOR_THERAPY/CONDITION by kind, target,
  `when`), the share whose derived effect (section, negated) is equal;
- time windows: over matched constraints where gold or output has a `time`, the share with equal time (bounds,
  direction, anchor); recall of windows: gold windows found on some output constraint of the same kind and target;
- silent errors: output numeric constraints without any flag, unmatched, paired with an unmatched gold constraint of
  the same kind, target and `when` (OTHER_NUMERIC: same values) whose comparator, value or unit differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

Ann = dict[str, Any]
NUMERIC = {"AGE", "MEASUREMENT", "SCORE", "OTHER_NUMERIC"}
REPRO = {"PREGNANCY", "LACTATION", "CONTRACEPTION"}


def _bound_key(b: Ann) -> tuple[str, Decimal, str | None, str | None]:
    return (b["cmp"], Decimal(str(b["value"])).normalize(), b.get("unit"), b.get("reference"))


def _bounds(c: Ann) -> frozenset[tuple[str, Decimal, str | None, str | None]]:
    return frozenset(_bound_key(b) for b in c.get("bounds") or [])


def numeric_key(c: Ann) -> tuple[Any, ...]:
    return (c["kind"], c.get("target"), _bounds(c), frozenset(c.get("when") or []))


def repro_key(c: Ann) -> tuple[Any, ...]:
    return (c["kind"], c.get("target"), bool(c.get("negated")), frozenset(c.get("when") or []))


def other_key(c: Ann) -> tuple[Any, ...]:
    return (c["kind"], c.get("target"), frozenset(c.get("when") or []))


def effect(c: Ann) -> str:
    if c.get("section") == "UNKNOWN":
        return "UNKNOWN"
    return "REQUIRE" if (c.get("section") == "INCLUSION") != bool(c.get("negated")) else "EXCLUDE"


def _time(c: Ann) -> tuple[Any, ...] | None:
    t = c.get("time")
    if not t:
        return None
    return (frozenset(_bound_key(b) for b in t.get("bounds") or []), t.get("direction"), t.get("anchor"))


def match(gold: list[Ann], pred: list[Ann], key: Callable[[Ann], Any]) -> list[tuple[Ann, Ann]]:
    pairs, free = [], list(pred)
    for g in gold:
        k = key(g)
        for p in free:
            if key(p) == k:
                pairs.append((g, p))
                free.remove(p)
                break
    return pairs


def _of(cs: Iterable[Ann], kinds: set[str]) -> list[Ann]:
    return [c for c in cs if c["kind"] in kinds]


def _silent(gold: list[Ann], pred: list[Ann], matched: list[tuple[Ann, Ann]]) -> list[Ann]:
    used_g = [id(g) for g, _ in matched]
    used_p = [id(p) for _, p in matched]
    g_free = [g for g in gold if id(g) not in used_g]
    errors = []
    for p in pred:
        if id(p) in used_p or p.get("flags"):
            continue
        for g in g_free:
            same = (g["kind"], g.get("target"), frozenset(g.get("when") or [])) == (
                p["kind"],
                p.get("target"),
                frozenset(p.get("when") or []),
            )
            if g["kind"] == "OTHER_NUMERIC":
                same = same and {b[1] for b in _bounds(g)} == {b[1] for b in _bounds(p)}
            if same and _bounds(g) != _bounds(p):
                errors.append(p)
                g_free.remove(g)
                break
    return errors


class Scores:
    def __init__(self) -> None:
        self.n: dict[str, int] = {}
        self.silent: list[tuple[str, Ann]] = []

    def add(self, name: str, value: int) -> None:
        self.n[name] = self.n.get(name, 0) + value

    def ratio(self, num: str, den: str) -> float:
        return self.n.get(num, 0) / self.n[den] if self.n.get(den) else 1.0

    def item(self, item_id: str, gold: list[Ann], pred: list[Ann]) -> None:
        gn, pn = _of(gold, NUMERIC), _of(pred, NUMERIC)
        num = match(gn, pn, numeric_key)
        self.add("num_gold", len(gn))
        self.add("num_pred", len(pn))
        self.add("num_ok", len(num))
        refs = [g for g in gn if any(b.get("reference") for b in g["bounds"])]
        self.add("ref_gold", len(refs))
        self.add("ref_ok", len(match(refs, pn, lambda c: (c["kind"], c.get("target"), _bounds(c)))))
        gr, pr = _of(gold, REPRO), _of(pred, REPRO)
        rep = match(gr, pr, repro_key)
        self.add("rep_gold", len(gr))
        self.add("rep_pred", len(pr))
        self.add("rep_ok", len(rep))
        rest = match(
            _of(gold, {"PRIOR_THERAPY", "CONDITION"}), _of(pred, {"PRIOR_THERAPY", "CONDITION"}), other_key
        )
        self.add("oth_gold", len(_of(gold, {"PRIOR_THERAPY", "CONDITION"})))
        self.add("oth_pred", len(_of(pred, {"PRIOR_THERAPY", "CONDITION"})))
        self.add("oth_ok", len(rest))
        matched = num + rep + rest
        self.add("eff_n", len(matched))
        self.add("eff_ok", sum(effect(g) == effect(p) for g, p in matched))
        timed = [(g, p) for g, p in matched if _time(g) or _time(p)]
        self.add("time_n", len(timed))
        self.add("time_ok", sum(_time(g) == _time(p) for g, p in timed))
        gt = [g for g in gold if _time(g)]
        self.add("tw_gold", len(gt))
        self.add(
            "tw_ok",
            len(match(gt, [p for p in pred if _time(p)], lambda c: (c["kind"], c.get("target"), _time(c)))),
        )
        self.silent.extend((item_id, e) for e in _silent(gn, pn, num))

    def _pr(self, ok: str, pred: str, gold: str) -> str:
        """`precision P recall R (ok matched / pred output / gold gold)`."""
        r, n = self.ratio, self.n
        return (
            f"precision {r(ok, pred):.3f} recall {r(ok, gold):.3f}"
            f" ({n.get(ok, 0)} matched / {n.get(pred, 0)} output / {n.get(gold, 0)} gold)"
        )

    def _share(self, ok: str, total: str) -> str:
        return f"{self.ratio(ok, total):.3f} ({self.n.get(ok, 0)}/{self.n.get(total, 0)})"

    def report(self) -> list[str]:
        r = self.ratio
        return [
            f"numeric constraints: {self._pr('num_ok', 'num_pred', 'num_gold')}",
            f"ULN/LLN multiples kept as references: {100 * r('ref_ok', 'ref_gold'):.1f}%"
            f" ({self.n.get('ref_ok', 0)}/{self.n.get('ref_gold', 0)})",
            f"pregnancy/lactation/contraception: {self._pr('rep_ok', 'rep_pred', 'rep_gold')}",
            f"effect on matched constraints: {self._share('eff_ok', 'eff_n')}",
            f"time windows on matched constraints: {self._share('time_ok', 'time_n')}",
            f"time windows recall (all gold windows): {self._share('tw_ok', 'tw_gold')}",
            f"prior therapy/condition (kind, target, when): precision {r('oth_ok', 'oth_pred'):.3f}"
            f" recall {r('oth_ok', 'oth_gold'):.3f}",
            f"silent errors: {len(self.silent)}",
        ]
