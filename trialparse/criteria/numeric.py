"""Quantities to numeric drafts: which target a threshold belongs to (AGE, MEASUREMENT, SCORE, OTHER_NUMERIC)."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import Final

import attrs

from trialparse.criteria.draft import Draft, ItemText
from trialparse.criteria.flags import unit_flags
from trialparse.criteria.model import Bound, Comparator, Flag, Kind
from trialparse.criteria.numbers import Quantity
from trialparse.criteria.targets import Mention, measure_mentions
from trialparse.criteria.timewindow import is_time

_PAREN: Final = re.compile(r"\([^()]{0,60}\)")
_GAP_WORDS: Final = re.compile(r"[a-z]+", re.IGNORECASE)
_BAD_GAP: Final = re.compile(r"[\d;]|\b(?:if|unless|except|but|when|who|which|that|than)\b", re.IGNORECASE)
_LIST_GAP: Final = re.compile(
    r"[\s(),/&]*(?:(?:and/or|and|or)[\s(),/&]*)?(?:the\s+|serum\s+)?", re.IGNORECASE
)
_AGE_AFTER: Final = re.compile(
    r"\s*+(?:old|of age|in age|or older|and older|of age or older)\b", re.IGNORECASE
)
_AGE_PERSON: Final = re.compile(
    r"\b(?:patients?|subjects?|participants?|adults?|men|women|males?|females?|children|volunteers|individuals"
    r"|persons?|people|adolescents?|infants?|boys|girls|veterans)\s*+(?:must be|should be|who are|are|aged|of)?\s*+$",
    re.IGNORECASE,
)
_BAND_BEFORE: Final = re.compile(
    r"(?:\b(?:if|for|in|when|at)\s+(?:the\s+)?(?:(?P<who>patients?|subjects?|participants?|children|those|individuals"
    r"|females?|males?|women|men)\s+)?(?:who\s+are\s+)?(?P<age>aged?\s*(?:of\s*)?)?"
    r"|\bat the (?P<age2>age)\s*(?:of\s*)?)$",
    re.IGNORECASE,
)
_BARE_GAP: Final = re.compile(r"\s*+(?:\([^()]{0,20}\))?\s*+:?\s*+(?:of\s++)?", re.IGNORECASE)
_HEART: Final = re.compile(
    r"nyha|new york heart|heart failure|cardiac (?:failure|insufficiency)", re.IGNORECASE
)
_LINES: Final = re.compile(r"\s*+(?:prior\s++|previous\s++|or more\s++)?(?:lines?|regimens?|cycles?)\b")
_DOSE_UNITS: Final = frozenset({"mg", "mg/d", "mg/kg", "mg/m2", "ug"})
_SCORE_DROP_PERCENT: Final = frozenset({"karnofsky", "odi", "lansky", "ecog"})


@attrs.frozen
class Target:
    key: str | None
    kind: Kind
    mention: tuple[int, int]


def _clean_gap(item: ItemText, start: int, end: int, limit: int = 50) -> bool:
    if end - start > limit or not item.same_clause(start, end):
        return False
    gap = _PAREN.sub(" ", item.norm[start:end])
    return not _BAD_GAP.search(gap) and len(_GAP_WORDS.findall(gap)) <= 7


def _is_age(item: ItemText, q: Quantity, before: Mention | None) -> bool:
    units = {b.unit for b in q.bounds}
    if not units <= {"a", "mo", "wk", "d", None} or q.pair:
        return False
    if _AGE_AFTER.match(item.norm, q.end):
        return True
    if before is not None and before.kind is Kind.AGE and _clean_gap(item, before.end, q.start, 40):
        return True
    return (
        units == {"a"} and bool(_AGE_PERSON.search(item.norm, max(0, q.start - 40), q.start)) and q.explicit
    )


def is_band(item: ItemText, q: Quantity) -> bool:
    """`(if aged ≥ 16 years)`, `for patients < 16 years old`: an age that selects another threshold."""
    units = {b.unit for b in q.bounds}
    if not units <= {"a", "mo", None} or not q.explicit:
        return False
    m = _BAND_BEFORE.search(item.norm, max(0, q.start - 40), q.start)
    if m is None:
        return False
    return bool(m.group("age") or m.group("age2")) or (units != {None} and bool(m.group("who")))


def band_when(q: Quantity) -> list[str]:
    return [f"age{b.cmp}{b.value}{'mo' if b.unit == 'mo' else ''}" for b in q.bounds]


def _pseudo(item: ItemText, m: Mention) -> Target | None:
    """Resolve pseudo keys and context-dependent ones (`grade III` of heart failure is NYHA)."""
    if m.key in ("_class", "ctcae_grade") and item.clause_has(_HEART, m.start):
        return Target("nyha", Kind.SCORE, (m.start, m.end))
    if m.key in {"_class", "_other"}:
        return Target(None, Kind.OTHER_NUMERIC, (m.start, m.end))
    if m.key in ("_stage", "_bp"):
        return None
    key = {"_age": "age", "_onset": "age_at_onset", "_diagnosis": "age_at_diagnosis"}.get(m.key, m.key)
    return Target(key, m.kind, (m.start, m.end))


def _shared(item: ItemText, mentions: list[Mention], idx: int) -> list[Mention]:
    """`ALT, AST and ALP < 3 x ULN`: the listed names before the threshold all take it."""
    out = [mentions[idx]]
    while idx > 0:
        prev = mentions[idx - 1]
        if prev.start == mentions[idx].start:  # "transaminases": one name, two keys
            out.insert(0, prev)
            idx -= 1
            continue
        gap = _LIST_GAP.fullmatch(item.norm, prev.end, mentions[idx].start)
        if gap is None or prev.key.startswith("_") or prev.kind is not mentions[idx].kind:
            break
        out.insert(0, prev)
        idx -= 1
    return out


class NumericResolver:
    """Assigns every quantity of an item to its target(s), or to none."""

    def __init__(self, item: ItemText, lead_target: Target | None = None) -> None:
        self.item = item
        self.mentions = measure_mentions(item.norm, [(q.start, q.end) for q in item.quantities])
        # mentions do not overlap and come in text order (a combined name gives several with one span): starts
        # and ends are both non-decreasing, so the mentions around a position are found by bisection
        self.starts = [m.start for m in self.mentions]
        self.ends = [m.end for m in self.mentions]
        self.lead_target = lead_target
        self.previous: tuple[Quantity, list[Target]] | None = None

    def _before(self, q: Quantity) -> int | None:
        """The last mention that ends before the quantity's number."""
        idx = bisect.bisect_right(self.ends, q.num_start) - 1
        return idx if idx >= 0 else None

    def targets(self, q: Quantity) -> list[Target]:
        idx = self._before(q)
        before = self.mentions[idx] if idx is not None else None
        if q.pair:
            return [Target(k, Kind.MEASUREMENT, (q.start, q.end)) for k in ("sbp", "dbp")]
        if _is_age(self.item, q, before):
            if before is not None and before.key in ("_onset", "_diagnosis"):
                return [t for t in [_pseudo(self.item, before)] if t]
            return [
                Target(
                    "age",
                    Kind.AGE,
                    (before.start, before.end) if before and before.kind is Kind.AGE else (q.start, q.end),
                )
            ]
        found = self._named(q, idx)
        if found is not None:
            return found
        after = self._score_after(q)
        if after:
            return after
        cont = self._continued(q)
        if cont:
            return cont
        if (
            self.lead_target is not None
            and not self.mentions
            and (not is_time(q) or self.lead_target.kind is Kind.AGE)
        ):
            return [self.lead_target]
        if q.explicit and not is_time(q) and not q.roman:
            return [Target(None, Kind.OTHER_NUMERIC, (q.start, q.end))]
        return []

    def _named(self, q: Quantity, idx: int | None) -> list[Target] | None:
        if idx is None:
            return None
        m = self.mentions[idx]
        if not _clean_gap(self.item, m.end, q.start):
            return None
        if m.key.startswith("_") or m.key == "ctcae_grade":
            t = _pseudo(self.item, m)
            return [t] if t else []
        if is_time(q) and m.key != "life_expectancy":
            return None
        if m.kind is Kind.SCORE and not (q.explicit or _clean_gap(self.item, m.end, q.start, 30)):
            return None
        if (
            m.kind is Kind.MEASUREMENT
            and not q.explicit
            and not _BARE_GAP.fullmatch(self.item.norm, m.end, q.start)
        ):
            return None  # a bare value counts only right after its name ("Hb 9 g/dL")
        return [Target(s.key, s.kind, (s.start, s.end)) for s in _shared(self.item, self.mentions, idx)]

    def _score_after(self, q: Quantity) -> list[Target]:
        """`≥ 3 NYHA heart failure`, `class III/IV cardiac failure by the NYHA`."""
        for i in range(bisect.bisect_left(self.starts, q.end), len(self.mentions)):
            m = self.mentions[i]
            if m.start - q.end > 2:
                break
            if m.kind is Kind.SCORE:
                t = _pseudo(self.item, m)
                return [t] if t else []
        return []

    def _continued(self, q: Quantity) -> list[Target]:
        """`QTcF: female > 470 ms, male > 450 ms`: a second threshold of the same target(s)."""
        if self.previous is None or not q.explicit:
            return []
        prev, targets = self.previous
        if q.start - prev.end > 45 or not self.item.same_clause(prev.end, q.start):
            return []
        for i in range(bisect.bisect_left(self.starts, prev.end), len(self.mentions)):
            m = self.mentions[i]
            if m.start > q.start:
                break
            if m.end <= q.start and m.key != "_age":
                return []
        same = {(b.unit, b.reference) for b in q.bounds} <= {(b.unit, b.reference) for b in prev.bounds}
        return targets if same and not is_time(q) else []

    def drafts(self, qi: int, q: Quantity) -> list[Draft]:
        targets = self.targets(q)
        if targets:
            self.previous = (q, targets)
        out = []
        for t in dict.fromkeys(targets):
            for bounds in _bound_sets(q, t):
                start = min(t.mention[0], q.start)
                draft = Draft(
                    kind=t.kind,
                    target=t.key,
                    start=start,
                    end=max(q.end, t.mention[1]),
                    mention=t.mention,
                    bounds=bounds,
                    quantity=qi,
                )
                draft.flags = [*q.flags, *unit_flags(t.kind, t.key, bounds)]
                if t.kind is Kind.OTHER_NUMERIC and _unknown_unit(self.item, q):
                    draft.flags.append(Flag.UNIT_UNRECOGNIZED)
                out.append(draft)
        return out


_UNIT_WORD: Final = re.compile(
    r"\s*(?!(?:and|or|to|in|at|of|for|with|on|by|the|a|an|per|times|x|from|as|is|are|was|were|than|if|who|that|which"
    r"|prior|before|after|during|within|points?|mg|days?|weeks?|months?|years?)\b)[a-z]{2,}",
    re.IGNORECASE,
)


def _unknown_unit(item: ItemText, q: Quantity) -> bool:
    """`≤ 5 prism diopters`: a word right after a bare number may be a unit the table does not know."""
    return all(b.unit is None and b.reference is None for b in q.bounds) and bool(
        _UNIT_WORD.match(item.norm, q.end)
    )


def _bound_sets(q: Quantity, t: Target) -> list[tuple[Bound, ...]]:
    bounds = q.bounds
    if q.pair:
        bounds = (q.bounds[0],) if t.key == "sbp" else (q.bounds[1],)
    if t.kind is Kind.AGE:
        bounds = tuple(attrs.evolve(b, unit=b.unit or "a") for b in bounds)
    if t.kind is Kind.SCORE and t.key in _SCORE_DROP_PERCENT:
        bounds = tuple(attrs.evolve(b, unit=None) for b in bounds)
    if q.values:
        return [(Bound(cmp=Comparator.EQ, value=Decimal(v)),) for v in q.values]
    return [bounds]


def numeric_drafts(item: ItemText, lead_target: Target | None = None) -> tuple[list[Draft], list[Draft]]:
    """(threshold drafts, age-band drafts) of an item; time quantities are left to the time windows."""
    if not item.quantities:  # most items: no number, nothing to resolve
        return [], []
    resolver = NumericResolver(item, lead_target)
    drafts: list[Draft] = []
    bands: list[Draft] = []
    for qi, q in enumerate(item.quantities):
        if is_band(item, q) or (bands and bands[-1].quantity == qi - 1 and q.start - bands[-1].end < 8):
            bands.append(
                Draft(
                    kind=Kind.AGE,
                    target="age",
                    start=q.start,
                    end=q.end,
                    mention=(q.start, q.end),
                    bounds=q.bounds,
                    quantity=qi,
                    band=True,
                    when=band_when(q),
                )
            )
            continue
        drafts.extend(resolver.drafts(qi, q))
    return drafts, bands


def dose_or_count(item: ItemText, q: Quantity) -> bool:
    """A dose (`> 10 mg/day`) or a count of lines/cycles: a PRIOR_THERAPY bound, not a measurement."""
    if any(b.unit in _DOSE_UNITS for b in q.bounds):
        return True
    return bool(_LINES.match(item.norm, q.end))
