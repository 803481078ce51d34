"""Constraints as annotation dicts (GUIDELINES.md format), so extractor output compares with gold directly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from trialparse.criteria.model import Bound, Constraint, TimeWindow


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def bound_dict(b: Bound) -> dict[str, Any]:
    return {
        "cmp": str(b.cmp),
        "value": number(b.value),
        "unit": b.unit,
        "reference": str(b.reference) if b.reference else None,
    }


def time_dict(t: TimeWindow | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "bounds": [bound_dict(b) for b in t.bounds],
        "direction": str(t.direction) if t.direction else None,
        "anchor": str(t.anchor) if t.anchor else None,
    }


def constraint_dict(c: Constraint) -> dict[str, Any]:
    return {
        "kind": str(c.kind),
        "target": c.target,
        "bounds": [bound_dict(b) for b in c.bounds],
        "section": str(c.section),
        "negated": c.negated,
        "when": list(c.when),
        "time": time_dict(c.time),
        "group": c.group,
    }
