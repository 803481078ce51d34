"""PRIOR_THERAPY mentions (rule 13) and CONDITION candidates (kept only with a number: rule 1)."""

from __future__ import annotations

import re
from typing import Final

from trialparse.criteria.context import example_regions, future, inside, naive_after, negated_before
from trialparse.criteria.draft import Draft, ItemText
from trialparse.criteria.model import Kind
from trialparse.criteria.targets import condition_mentions, therapy_mentions

_DEFINED: Final = re.compile(
    r"\s*+(?:\(|[,:]?\s*+(?:(?:which\s++)?(?:is|are)\s++)?(?:defined|characteri[sz]ed|evidenced)\s++(?:as|by)\b|:)",
    re.IGNORECASE,
)


def therapy_drafts(item: ItemText) -> list[Draft]:
    examples = example_regions(item)
    out = []
    for m in therapy_mentions(item.norm, item.low):
        if inside(m.start, examples) or future(item, m.start):
            continue
        negated = negated_before(item, m.start) or naive_after(item, m.end)
        out.append(
            Draft(
                kind=Kind.PRIOR_THERAPY,
                target=m.key,
                start=m.start,
                end=m.end,
                mention=(m.start, m.end),
                negated=negated,
            )
        )
    return out


def condition_candidates(item: ItemText, therapies: list[Draft]) -> list[Draft]:
    """Every condition mention; the extractor keeps those with a time window or a defining threshold."""
    examples = example_regions(item)
    out = []
    for m in condition_mentions(item.norm, item.low):
        if inside(m.start, examples) or any(t.start <= m.start < t.end for t in therapies):
            continue
        out.append(
            Draft(
                kind=Kind.CONDITION,
                target=m.key,
                start=m.start,
                end=m.end,
                mention=(m.start, m.end),
                negated=negated_before(item, m.start),
            )
        )
    return out


def defined_by_threshold(item: ItemText, cond: Draft, numeric: list[Draft]) -> bool:
    """`Morbidly obese (BMI > 40)`, `kidney disease defined as eGFR < 20`."""
    if not _DEFINED.match(item.norm, cond.end):
        return False
    return any(
        n.start >= cond.end and item.same_clause(cond.end, n.start) and n.start - cond.end < 120
        for n in numeric
    )
