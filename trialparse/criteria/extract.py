"""The extractor: one item's text (and its lead-in) to typed constraints."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Final

import attrs

from trialparse.criteria import logic
from trialparse.criteria.context import exception_regions, permission_sentences
from trialparse.criteria.draft import SENTENCE_END, Draft, ItemText
from trialparse.criteria.model import NUMERIC_KINDS, Constraint, Flag, Kind, Section, TimeWindow
from trialparse.criteria.numbers import normalize
from trialparse.criteria.numeric import Target, dose_or_count, numeric_drafts
from trialparse.criteria.reproductive import reproductive_drafts
from trialparse.criteria.targets import measure_mentions
from trialparse.criteria.therapy import condition_candidates, defined_by_threshold, therapy_drafts
from trialparse.criteria.timewindow import TimeExpr, is_time, numbered_window, plain_windows, resolve_borrowed

# Items longer than this are read in pieces of whole sentences (a sentence longer than this is cut at its last
# clause end or space before the limit): relating every constraint of an item to every other costs time
# quadratic in its length. The longest item of the shared corpus has 2,972 characters.
PIECE: Final = 4_000
_COND_WHEN: Final = re.compile(
    r"^(?:not:)?(?:liver_metastases|bone_metastases|bone_marrow_involvement|gilbert)"
)


@attrs.frozen
class LeadIn:
    """What a lead-in gives its children (rule 14): a target, `when` values, time windows."""

    target: Target | None = None
    when: tuple[str, ...] = ()
    windows: tuple[TimeExpr, ...] = ()


@lru_cache(maxsize=256)  # every child of a lead-in reads it again: read it once (LeadIn is immutable)
def read_lead_in(lead_in: str | None) -> LeadIn:
    if not lead_in:
        return LeadIn()
    item = ItemText(lead_in)
    start, _ = item.sentence_span(max(0, len(lead_in.rstrip(" :")) - 1))
    last = ItemText(lead_in[start:])
    keys = {m.key for m in measure_mentions(last.norm) if not m.key.startswith("_") or m.key == "_age"}
    target = None
    if len(keys) == 1 and len(last.text) < 40:
        key = keys.pop()
        target = Target("age", Kind.AGE, (0, 0)) if key == "_age" else _measure_target(key)
    when = tuple(w for w in [logic.cohort_when(last.text)] if w)
    windows = tuple(w for w in _windows(last, set()) if w.numbered)
    return LeadIn(target=target, when=when, windows=windows)


def _measure_target(key: str) -> Target:
    from trialparse.criteria.lexicon import MEASURES

    return Target(key, MEASURES[key][0], (0, 0))


def _windows(item: ItemText, used: set[int]) -> list[TimeExpr]:
    numbered = []
    for qi, q in enumerate(item.quantities):
        if qi in used or not is_time(q):
            continue
        w = numbered_window(item.norm, q)
        if w is not None:
            numbered.append(w)
    plain = plain_windows(item.norm, [(w.start, w.end) for w in numbered], item.low)
    windows = sorted(numbered + plain, key=lambda w: w.start)
    return resolve_borrowed(windows, item.sentence)


def _therapy_bounds(item: ItemText, therapies: list[Draft], numeric: list[Draft]) -> list[Draft]:
    """A dose or a count of lines after a therapy name bounds that therapy (rule 13), not a measurement."""
    keep = []
    for d in numeric:
        q = item.quantities[d.quantity] if d.quantity is not None else None
        owner = [
            t
            for t in therapies
            if t.end <= d.start and d.start - t.end < 40 and item.same_clause(t.end, d.start)
        ]
        if d.kind is Kind.OTHER_NUMERIC and q is not None and owner and dose_or_count(item, q):
            owner[-1].bounds += d.bounds
            owner[-1].end = max(owner[-1].end, d.end)
            continue
        keep.append(d)
    return keep


def _drafts(item: ItemText, lead: LeadIn) -> list[Draft]:
    numeric, bands = numeric_drafts(item, lead.target)
    therapies = therapy_drafts(item)
    numeric = _therapy_bounds(item, therapies, numeric)
    conditions = condition_candidates(item, therapies) if item.quantities else []  # kept only with a number
    repro = reproductive_drafts(item)
    if not (numeric or therapies or conditions or repro):
        return []  # nothing to time, qualify or filter: age bands only qualify other drafts (most items)
    used = {d.quantity for d in numeric + bands if d.quantity is not None}
    windows = _windows(item, used)
    everything = numeric + therapies + conditions + repro
    logic.attach_times(item, everything, windows)
    defined = [c for c in conditions if defined_by_threshold(item, c, numeric)]
    kept_conditions = [c for c in conditions if c in defined or any(t.numbered for t in c.times)]
    for c in defined:
        c.times = [t for t in c.times if t.numbered]
    drafts = numeric + therapies + kept_conditions + repro
    _contexts(item, drafts, bands, lead)
    return drafts + bands


def _contexts(item: ItemText, drafts: list[Draft], bands: list[Draft], lead: LeadIn) -> None:
    exceptions = exception_regions(item)
    labels = {i: q.label for i, q in enumerate(item.quantities) if q.label}
    logic.apply_sex_and_bands(item, drafts, bands, labels)
    logic.apply_condition_cues(item, drafts, exceptions)
    cohort = logic.cohort_when(item.text)
    for d in drafts:
        d.when.extend(w for w in ((cohort,) if cohort else ()) + lead.when if w not in d.when)
        if not any(t.numbered for t in d.times):
            d.times = [*lead.windows, *d.times]
        if lead.target is not None and d.target == lead.target.key and d.mention == (0, 0):
            d.flags.append(Flag.TARGET_FROM_LEAD_IN)


def _tables(item: ItemText, drafts: list[Draft]) -> list[tuple[int, int]]:
    """A sentence giving one target three or more age-banded thresholds is an age/sex table (rule 1)."""
    count: dict[tuple[int, str | None], int] = {}
    for d in drafts:
        if not d.band and any(w.startswith("age") for w in d.when):
            key = (item.sentence(d.start), d.target)
            count[key] = count.get(key, 0) + 1
    return [
        item.sentence_span(d.start) for d in drafts if count.get((item.sentence(d.start), d.target), 0) >= 3
    ]


def _filter(item: ItemText, drafts: list[Draft]) -> list[Draft]:
    """Permissions are not annotated; exceptions only when they select a threshold by a `when` (rule 9)."""
    permissions = permission_sentences(item)
    tables = _tables(item, drafts)
    exceptions = exception_regions(item)
    out = []
    for d in drafts:
        if any(s <= d.start < e for s, e in permissions):
            continue
        if d.kind in NUMERIC_KINDS and any(s <= d.start < e for s, e in tables):
            continue
        in_exception = any(s <= d.start < e for s, e in exceptions)
        if in_exception and not any(_COND_WHEN.match(w) for w in d.when):
            continue
        out.append(d)
    return out


def _to_constraint(item: ItemText, d: Draft, section: Section) -> Constraint:
    best = logic.best_time(d)
    time = best.window if best is not None else None
    if d.kind is Kind.CONDITION and time is not None and not time.bounds:
        time = None if best is None or not best.numbered else time
    start, end = min(d.start, d.mention[0]) if d.mention != (0, 0) else d.start, d.end
    if best is not None and best.numbered and item.same_clause(d.start, best.start):
        start, end = min(start, best.start), max(end, best.end)  # the span covers its window
    return Constraint(
        kind=d.kind,
        target=d.target,
        target_text=item.text[d.mention[0] : d.mention[1]],
        bounds=d.bounds if d.kind in NUMERIC_KINDS or d.kind is Kind.PRIOR_THERAPY else (),
        section=section,
        negated=d.negated and d.kind not in NUMERIC_KINDS,
        when=tuple(sorted(set(d.when))),
        time=time,
        group=d.group,
        flags=tuple(dict.fromkeys(d.flags)),
        span=(max(0, start), min(end, len(item.text))),
    )


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of at most PIECE characters an item is read in: whole sentences where possible,
    else cut after the sentence's last `;`, else after its last space, else at the limit."""
    norm = normalize(text)
    ends = [m.end() for m in SENTENCE_END.finditer(norm)]
    out, lo = [], 0
    while len(text) - lo > PIECE:
        hi = lo + PIECE
        i = bisect.bisect_right(ends, hi) - 1
        cut = ends[i] if i >= 0 and ends[i] > lo else -1
        if cut < 0:
            clause = norm.rfind(";", lo, hi)
            cut = clause + 1 if clause > lo else norm.rfind(" ", lo, hi) + 1
            if cut <= lo:
                cut = hi
        out.append((lo, cut))
        lo = cut
    out.append((lo, len(text)))
    return out


def extract(text: str, *, section: Section | str, lead_in: str | None = None) -> list[Constraint]:
    """The constraints of one criterion item, in text order. An item longer than PIECE characters is read in
    pieces (`pieces`): no constraint relates to one in another piece (time windows, OR-groups, `when`)."""
    section = Section(section)
    if len(text) <= PIECE:
        return _extract(text, section, lead_in)
    out: list[Constraint] = []
    groups = 0
    for lo, hi in pieces(text):
        found = _extract(text[lo:hi], section, lead_in)
        out.extend(
            attrs.evolve(
                c,
                span=(c.span[0] + lo, c.span[1] + lo),
                group=None if c.group is None else c.group + groups,
            )
            for c in found
        )
        groups += max((c.group or 0 for c in found), default=0)
    return out


def _extract(text: str, section: Section, lead_in: str | None) -> list[Constraint]:
    item = ItemText(text)
    found = _drafts(item, read_lead_in(lead_in))
    if not found:
        return []
    drafts = _filter(item, found)
    drafts = [d for d in logic.merge_duplicates(drafts) if not d.band]
    drafts.sort(key=lambda d: (d.start, d.end))
    logic.assign_groups(item, drafts)
    return [_to_constraint(item, d, section) for d in drafts]


def window_or_none(window: TimeWindow | None) -> TimeWindow | None:
    return window
