"""Working state of one item while it is parsed: the normalized text, its sentences/clauses, and draft constraints."""

from __future__ import annotations

import bisect
import functools
import re
from typing import Final

import attrs

from trialparse.criteria.fastre import guarded
from trialparse.criteria.model import Bound, Flag, Kind
from trialparse.criteria.numbers import Quantity, find_quantities, normalize
from trialparse.criteria.timewindow import TimeExpr

# A sentence ends at . ! ? followed by a capital, a digit or the end ("e.g. the" and "1.5" do not end one).
SENTENCE_END: Final = guarded(
    r"(?<!\b[eE]\.g)(?<!\b[iI]\.e)(?<!\bvs)(?<!\betc)[.!?](?=\s+[A-Z(\d]|\s*$)|\n"
)
_CLAUSE_END: Final = re.compile(r";")


@attrs.define
class Draft:
    """A constraint being built: positions are item-text offsets."""

    kind: Kind
    target: str | None
    start: int
    end: int
    mention: tuple[int, int]
    bounds: tuple[Bound, ...] = ()
    negated: bool = False
    when: list[str] = attrs.Factory(list)
    times: list[TimeExpr] = attrs.Factory(list)
    flags: list[Flag] = attrs.Factory(list)
    quantity: int | None = None  # index of the quantity it came from (shared thresholds share it)
    group: int | None = None
    band: bool = False  # an age band that selects another threshold: turned into `when`, not output


class ItemText:
    """The item text, its normalized twin (same length), sentence and clause boundaries, quantities."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self.low = self.norm.lower() if self.norm.isascii() else None  # for the literal pre-filters (fastre)
        self.quantities: list[Quantity] = find_quantities(text, self.norm)
        self.cache: dict[str, list[tuple[int, int]]] = {}  # regions by pattern (context.regions)
        self._clause_hits: dict[tuple[str, int], bool] = {}

    # read on first use: most items have nothing to relate, and are done before
    @functools.cached_property
    def sentence_ends(self) -> list[int]:
        return [m.start() for m in SENTENCE_END.finditer(self.norm)]

    @functools.cached_property
    def clause_ends(self) -> list[int]:
        return sorted(self.sentence_ends + [m.start() for m in _CLAUSE_END.finditer(self.norm)])

    def sentence(self, pos: int) -> int:
        return bisect.bisect_left(self.sentence_ends, pos)

    def clause(self, pos: int) -> int:
        return bisect.bisect_left(self.clause_ends, pos)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = self.sentence(pos)
        start = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        return start, end

    def clause_span(self, pos: int) -> tuple[int, int]:
        i = self.clause(pos)
        start = self.clause_ends[i - 1] + 1 if i > 0 else 0
        end = self.clause_ends[i] if i < len(self.clause_ends) else len(self.text)
        return start, end

    def same_clause(self, a: int, b: int) -> bool:
        return self.clause(a) == self.clause(b)

    def clause_has(self, pattern: re.Pattern[str], pos: int) -> bool:
        """Whether `pattern` occurs in the clause of `pos` (searched once per clause and pattern)."""
        start, end = self.clause_span(pos)
        key = (pattern.pattern, start)
        found = self._clause_hits.get(key)
        if found is None:
            found = self._clause_hits[key] = pattern.search(self.norm, start, end) is not None
        return found
