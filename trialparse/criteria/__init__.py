"""Eligibility criteria as typed constraints: thresholds, units, ULN multiples, polarity, time windows.

See docs/criteria.md. `annotate` returns the gold annotation format; `parse_item` / `parse_items` the typed one.
"""

from trialparse.criteria.items import annotate, parse_item, parse_items
from trialparse.criteria.model import (
    Anchor,
    Bound,
    Comparator,
    Constraint,
    Direction,
    Effect,
    Flag,
    Kind,
    ParsedCriterion,
    Reference,
    Section,
    Status,
    TimeWindow,
)

__all__ = [
    "Anchor",
    "Bound",
    "Comparator",
    "Constraint",
    "Direction",
    "Effect",
    "Flag",
    "Kind",
    "ParsedCriterion",
    "Reference",
    "Section",
    "Status",
    "TimeWindow",
    "annotate",
    "parse_item",
    "parse_items",
]
