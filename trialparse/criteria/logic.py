"""How drafts relate: `when` conditions (rule 9), time windows (rule 12), OR-groups (rule 10), duplicates."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise
from typing import Final

from trialparse.criteria.context import inside
from trialparse.criteria.draft import Draft, ItemText
from trialparse.criteria.fastre import Prefilter, Words, guarded
from trialparse.criteria.model import NUMERIC_KINDS, Anchor, Comparator, Direction, Kind
from trialparse.criteria.targets import measure_mentions
from trialparse.criteria.timewindow import TimeExpr

_COND_CUES: Final = guarded(
    r"(?P<liver_metastases>(?:liver|hepatic) metastas[ie]s|liver (?:involvement|infiltration)"
    r"|hepatic (?:involvement|infiltration)|hepatocellular carcinoma|\bHCC\b|primary liver (?:tumou?rs?|cancer))"
    r"|(?P<bone_metastases>bone metastas[ie]s)"
    r"|(?P<bone_marrow_involvement>(?:bone )?marrow (?:involvement|infiltration))"
    r"|(?P<gilbert_syndrome>gilbert'?s?(?:'s)?(?: syndrome| disease)?)",
    re.IGNORECASE,
)
_CUE_HINT: Final = Words("metasta", "liver", "hepat", "hcc", "marrow", "gilbert")
_CUE_NEG: Final = re.compile(r"\b(?:no|without|absence of|not due to|not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_POSTFIX: Final = re.compile(
    r"^[^;]{0,50}?\b(?:if|with|in|for|due to|secondary to|because of|in case of|in the presence of|attributable to"
    r"|caused by|who have|having)\b[^;]{0,50}$",
    re.IGNORECASE,
)
_PREFIX: Final = re.compile(r"(?:^|[(;:,.])\s*(?:if|for|in|with|when)\b[^;,()]*$", re.IGNORECASE)
# searched: it starts only where a white-space run starts (a match inside a run would also match from its start,
# which is found first), so a long run is not scanned again from each of its characters
_SEX_POST: Final = re.compile(
    r"(?<!\s)\s*+\(?\s*+(?:in|for|among|in the case of)\s++(?:the\s++)?(?P<who>males?|men|females?|women)\b",
    re.IGNORECASE,
)
_SEX_ANY: Final = guarded(r"\b(?:males?|men|females?|women)\b", re.IGNORECASE)
_SEX_PRE: Final = re.compile(
    r"\b(?P<who>males?|men|females?|women)\s*+:?\s*+(?=[<>≤≥]|(?:more|less|greater|higher|lower) than)",
    re.IGNORECASE,
)
_SEX_WORDS: Final = Prefilter([_SEX_POST.pattern, _SEX_PRE.pattern], re.IGNORECASE)
_COHORT: Final = re.compile(
    r"^\W*(?P<label>(?:cohorts?|parts?|phase|arms?|groups?)\s+[\w.-]{1,12})\s*[:)]"
    r"|^\W*(?P<subject>healthy (?:controls|volunteers|subjects|participants))\b",
    re.IGNORECASE,
)
_OR: Final = re.compile(r"\b(?:or|either)\b|and/or", re.IGNORECASE)
_AND: Final = re.compile(r"\band\b(?!/)|;", re.IGNORECASE)
# "… for 6 months and FSH > 40": a conjunction after a window, not one joining two windows ("30 days or 5 half-lives")
_JOINED: Final = re.compile(
    r"\s*+,?\s*+(?:and/or|and|or)\b(?!\s++(?:within\s++|at least\s++|up to\s++)?(?:\d|(?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten|twelve)\b))",
    re.IGNORECASE,
)
_COMMA_ONLY: Final = re.compile(r"[\s,]*", re.IGNORECASE)


def _sex(word: str) -> str:
    return "sex=female" if word.lower().startswith(("fem", "wom")) else "sex=male"


def _numeric(drafts: list[Draft]) -> list[Draft]:
    return [d for d in drafts if d.kind in NUMERIC_KINDS]


def _previous_quantity(item: ItemText, drafts: list[Draft], pos: int, limit: int) -> list[Draft]:
    before = [
        d for d in _numeric(drafts) if d.end <= pos and pos - d.end <= limit and item.same_clause(d.end, pos)
    ]
    if not before:
        return []
    last = max(d.end for d in before)
    return [d for d in before if d.end == last]


def _q_start(item: ItemText, d: Draft) -> int:
    return item.quantities[d.quantity].start if d.quantity is not None else d.start


def _next_quantity(item: ItemText, drafts: list[Draft], pos: int) -> list[Draft]:
    after = [
        d for d in _numeric(drafts) if _q_start(item, d) >= pos and item.same_clause(pos, _q_start(item, d))
    ]
    if not after:
        return []
    first = min(d.quantity or 0 for d in after)
    return [d for d in after if d.quantity == first]


def apply_condition_cues(item: ItemText, drafts: list[Draft], exceptions: list[tuple[int, int]]) -> None:
    """Liver metastases, Gilbert's, bone metastases, marrow involvement: the alternative and its default."""
    positive: dict[str, set[str | None]] = defaultdict(set)
    if not _CUE_HINT.found(item.norm, item.low):
        return
    for m in _COND_CUES.finditer(item.norm):
        key = str(m.lastgroup)
        neg = bool(_CUE_NEG.search(item.norm, max(0, m.start() - 30), m.start()))
        scoped = _cue_scope(item, drafts, m.start(), m.end(), exceptions)
        for d in scoped:
            d.when.append(f"not:{key}" if neg else key)
            if not neg:
                positive[key].add(d.target)
    for key, targets in positive.items():
        for d in _numeric(drafts):
            if d.target in targets and key not in d.when and f"not:{key}" not in d.when:
                d.when.append(f"not:{key}")


def _cue_scope(
    item: ItemText, drafts: list[Draft], start: int, end: int, exceptions: list[tuple[int, int]]
) -> list[Draft]:
    region = next(((s, e) for s, e in exceptions if s <= start < e), None)
    if region is not None:
        return [d for d in _numeric(drafts) if end <= d.start < region[1]]
    c_start, c_end = item.clause_span(start)
    if _PREFIX.search(item.norm[c_start:start]):
        return [d for d in _numeric(drafts) if end <= d.start < c_end]
    prev = _previous_quantity(item, drafts, start, 70)
    if prev and _POSTFIX.match(item.norm[prev[0].end : start]):
        return prev
    return []


def apply_sex_and_bands(
    item: ItemText, drafts: list[Draft], bands: list[Draft], labels: dict[int, str]
) -> None:
    """`≤ 450 ms in males`, `female > 470 ms`, `450(male)/470(female)`, `(if aged ≥ 16 years)`."""
    for d in _numeric(drafts):
        if d.quantity in labels:
            d.when.append(_sex(labels[d.quantity]))
    # cheap tests first: _SEX_POST/_PRE are slow to scan
    sexed = _SEX_WORDS.possible(item.norm, item.low) and _SEX_ANY.search(item.norm) is not None
    for m in _SEX_POST.finditer(item.norm) if sexed else ():
        for d in _previous_quantity(item, drafts, m.start() + 1, 30):
            if not any(w.startswith("sex=") for w in d.when):
                d.when.append(_sex(m.group("who")))
    for m in _SEX_PRE.finditer(item.norm) if sexed else ():
        for d in _next_quantity(item, drafts, m.end()):
            if not any(w.startswith("sex=") for w in d.when):
                d.when.append(_sex(m.group("who")))
    for band in bands:
        targets = _previous_quantity(item, [d for d in drafts if not d.band], band.start, 60)
        for d in targets or _next_quantity(item, drafts, band.end):
            d.when.extend(w for w in band.when if w not in d.when)


def cohort_when(text: str) -> str | None:
    """`Cohort 1: …`, `Part A: …`, `Healthy controls must …` name the population the item is for."""
    m = _COHORT.match(text)
    if m is None:
        return None
    return f"cohort={(m.group('label') or m.group('subject')).lower()}"


class _Windows:
    """The windows of an item by start, to ask whether one starts in a span (bisection, not a scan of all)."""

    def __init__(self, windows: list[TimeExpr]) -> None:
        self.ordered = sorted(windows, key=lambda v: v.start)
        self.starts = [v.start for v in self.ordered]

    def any_in(self, lo: int, hi: int, numbered: bool = False) -> bool:
        """Whether a window (a numbered one, with `numbered`) starts in [lo, hi)."""
        for i in range(bisect.bisect_left(self.starts, lo), len(self.starts)):
            if self.starts[i] >= hi:
                break
            if not numbered or self.ordered[i].numbered:
                return True
        return False


def _run_before(item: ItemText, clause_drafts: list[Draft], w: TimeExpr, windows: _Windows) -> list[Draft]:
    """`clause_drafts`: the drafts of the window's clause, in draft order."""
    cands = sorted((d for d in clause_drafts if d.start < w.start), key=lambda d: d.end)
    if not cands or w.start - cands[-1].end > 150:
        return []
    if windows.any_in(cands[-1].end, w.start, numbered=True):
        return []  # a nearer window took them
    run = [cands[-1]]
    for d in reversed(cands[:-1]):
        gap = item.norm[d.end : run[-1].start] if d.end < run[-1].start else ""
        if len(gap) > 60 or re.search(r"[()]", gap) or windows.any_in(d.end, run[-1].start):
            break
        run.append(d)
    return run


def _run_after(item: ItemText, clause_drafts: list[Draft], w: TimeExpr) -> list[Draft]:
    """`clause_drafts`: the drafts of the clause the window ends in, in draft order."""
    cands = sorted((d for d in clause_drafts if d.start >= w.end), key=lambda d: d.start)
    if not cands or cands[0].start - w.end > 60:
        return []
    if _JOINED.match(item.norm, w.end):
        return []  # "no menstruation for 6 months and FSH > 40": the window closes the conjunct before it
    return [d for d in cands if d.start - w.end <= 60][:3]


def _previous_sentence(item: ItemText, drafts: list[Draft], w: TimeExpr) -> list[Draft]:
    """`Men must use contraception. It is recommended to wait at least 3 months after completion of treatment.`:
    a window running after an event ("for 1 month after the last dose"), in a sentence that names nothing else,
    continues the requirement of the sentence before it. Windows before an event are not carried over: there
    the sentence usually times something it names without a constraint ("The test should be performed within
    28 days prior to the first dose")."""
    here = item.sentence(w.start)
    if w.window.direction is not Direction.AFTER or here == 0 or any(item.sentence(d.start) == here for d in drafts):
        return []
    return [
        d
        for d in drafts
        if item.sentence(d.start) == here - 1 and not any(t.numbered for t in d.times)
    ]


def _counted(d: Draft, w: TimeExpr) -> bool:
    """A duration next to a count or a score ("two cluster periods lasting 7 days", "AUDIT score ≥ 8 or alcohol
    > 20 g/day for 3 months") is how long the counted events or a neighbouring state last, not a window of the
    count (LEXICON §6: a duration is how long a state or treatment lasts)."""
    return (
        w.window.anchor is Anchor.DURATION
        and d.kind is Kind.OTHER_NUMERIC
        and bool(d.bounds)
        and all(b.unit is None and b.reference is None for b in d.bounds)
    )


def _named_again(
    item: ItemText, drafts: list[Draft], w: TimeExpr, names: dict[tuple[int, int], set[str]]
) -> list[Draft]:
    """`ECOG 0-1. Evaluation of ECOG within 14 days before registration.`: the target is named again.
    `names`: the target keys named in each clause, read once per clause."""
    c_start, c_end = item.clause_span(w.start)
    named = names.get((c_start, c_end))
    if named is None:
        named = names[(c_start, c_end)] = {m.key for m in measure_mentions(item.norm[c_start:c_end])}
    if not named:
        return []
    return [d for d in _numeric(drafts) if not item.same_clause(d.start, w.start) and d.target in named]


def attach_times(item: ItemText, drafts: list[Draft], windows: list[TimeExpr]) -> None:
    names: dict[tuple[int, int], set[str]] = {}
    by_clause: dict[int, list[Draft]] = defaultdict(list)  # in draft order
    for d in drafts:
        by_clause[item.clause(d.start)].append(d)
    index = _Windows(windows)
    for w in windows:
        targets = _run_before(item, by_clause.get(item.clause(w.start), []), w, index) or _run_after(
            item, by_clause.get(item.clause(w.end), []), w
        )
        if not targets and w.numbered:
            targets = _named_again(item, drafts, w, names) or _previous_sentence(item, drafts, w)
        for d in targets:
            if not _counted(d, w):
                d.times.append(w)


def best_time(d: Draft) -> TimeExpr | None:
    numbered = [t for t in d.times if t.numbered]
    return numbered[0] if numbered else (d.times[0] if d.times else None)


def assign_groups(item: ItemText, drafts: list[Draft]) -> None:
    """OR-groups: members joined by "or" (and lists "A, B or C"); shared thresholds and `when` variants are not."""
    parent = list(range(len(drafts)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].start, drafts[i].end))
    pending: list[int] = []
    for a, b in pairwise(order):
        da, db = drafts[a], drafts[b]
        link = _link(item, da, db)
        if link in ("overlap", "variant") and any(find(i) == find(a) for i in range(len(drafts)) if i != a):
            parent[find(b)] = find(
                a
            )  # "class III/IV cardiac failure", "> 20 g/d in women and > 30 g/d in men"
        elif link == "or":
            for p in [*pending, a]:
                parent[find(p)] = find(b)
            pending = []
        elif link == "comma":
            pending.append(a)
        elif link == "break":
            pending = []
    _pair_groups(drafts, parent, find)
    roots: dict[int, int] = {}
    sizes: dict[int, int] = defaultdict(int)
    for i in range(len(drafts)):
        sizes[find(i)] += 1
    for i in order:
        r = find(i)
        if sizes[r] > 1:
            drafts[i].group = roots.setdefault(r, len(roots) + 1)


def _link(item: ItemText, a: Draft, b: Draft) -> str:
    if item.sentence(a.start) != item.sentence(b.start):
        return "break"
    if a.quantity is not None and a.quantity == b.quantity:
        return "skip"
    if a.target == b.target and a.kind == b.kind and sorted(a.when) != sorted(b.when):
        return "variant"  # alternatives that differ only by `when` get no group of their own (rule 9)
    if b.start < a.end:
        return "overlap"
    gap = item.norm[a.end : b.start]
    if ";" in gap or len(gap) > 160:
        return "break"
    if _OR.search(gap):
        return "or"
    if _AND.search(gap):
        return "break"
    return "comma" if gap and _COMMA_ONLY.fullmatch(gap) else "skip"


def _pair_groups(drafts: list[Draft], parent: list[int], find: Callable[[int], int]) -> None:
    """Blood pressure `> 140/90`: systolic and diastolic are alternatives when the limit is a minimum."""
    by_q: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        if d.target in ("sbp", "dbp") and d.quantity is not None:
            by_q[d.quantity].append(i)
    for members in by_q.values():
        d = drafts[members[0]]
        if len(members) == 2 and d.bounds and d.bounds[0].cmp in (Comparator.GT, Comparator.GE):
            parent[find(members[0])] = find(members[1])


def merge_duplicates(drafts: list[Draft]) -> list[Draft]:
    """One constraint per target and context (rule 2): repeated mentions collapse into the first."""
    out: dict[tuple[object, ...], Draft] = {}
    for d in drafts:
        bounds = d.bounds if d.kind in NUMERIC_KINDS or d.kind is Kind.PRIOR_THERAPY else ()
        where = d.start if d.kind is Kind.OTHER_NUMERIC else None  # two unnamed thresholds stay two
        key = (d.kind, d.target, bounds, d.negated, tuple(sorted(d.when)), where)
        if key in out:
            out[key].times.extend(d.times)
            continue
        out[key] = d
    return list(out.values())


def drop_inside(drafts: list[Draft], spans: list[tuple[int, int]]) -> list[Draft]:
    return [d for d in drafts if not inside(d.start, spans)]
