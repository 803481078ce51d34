"""Time expressions (LEXICON §6): `within 4 weeks prior to first dose`, `for at least 3 months`, `at screening`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import attrs

from trialparse.criteria.fastre import Scan, guarded
from trialparse.criteria.lexicon import ANCHORS
from trialparse.criteria.model import Anchor, Bound, Comparator, Direction, TimeWindow
from trialparse.criteria.numbers import TIME_UNITS, Quantity


@attrs.frozen
class TimeExpr:
    start: int
    end: int
    window: TimeWindow
    numbered: bool
    borrow: bool = False  # no anchor written: takes the anchor of a later window of its sentence


_ANCHOR_RE: Final = re.compile(
    r"(?:" + "|".join(f"(?P<a{i}>{rx})" for i, (_, rx) in enumerate(ANCHORS)) + r")(?![\w])", re.IGNORECASE
)
_PRE_RECENT: Final = re.compile(
    r"(?:in|during|over|within)\s+(?:the\s+)?(?:past|last|previous|preceding|prior|recent)\s*$", re.IGNORECASE
)
_PRE_WITHIN: Final = re.compile(r"(?:within|in the\s+(?:first|initial))\s*(?:the\s+)?$", re.IGNORECASE)
_PRE_DURATION: Final = re.compile(
    r"(?:for|lasting|lasted|last|duration of|history of|periods? of|persisting|persistent|stable|since)"
    r"\s+(?:from\s+)?(?:a\s+|the\s+)?(?:period\s+of\s+|minimum\s+of\s+)?(?:at least\s+)?$",
    re.IGNORECASE,
)
_SUF_DIR: Final = re.compile(
    r"\s*+\)?\s*+,?\s*+(?:(?P<before>prior to|prior|before|preceding|ago|earlier|pre-?)"
    r"|(?P<after>after|following|post-?|later)"
    r"|(?P<of>of|from|since|until|to))(?![\w])",
    re.IGNORECASE,
)
_SUF_OF: Final = re.compile(r"\s*+(?:of|with)\s+(?!age)", re.IGNORECASE)
# "≥ 6 months from HSCT at the time of the CAR-T infusion": time since an event, measured at a named anchor.
_LATER_ANCHOR: Final = re.compile(
    r"[^.;:()]{1,40}?\s(?:at the time of|prior to|before|preceding)\s+(?P<rest>[^.;:()]{0,40})", re.IGNORECASE
)
# "enroll the study before 7 days": the direction word before the number, the anchor before it (inverted order).
_INVERTED: Final = re.compile(r"(?:prior to|before)\s*$", re.IGNORECASE)
_BRIDGE: Final = re.compile(
    r"\s*(?:the\s+)?(?:start\s+of\s+|initiation\s+of\s+|time\s+of\s+)?(?:the\s+)?", re.IGNORECASE
)

_PLAIN: Final[tuple[tuple[str, Direction | None, Anchor], ...]] = (
    (
        r"(?:at|when|upon) (?:the )?(?:time of )?(?:signing|signature)(?: of)? (?:the )?"
        r"(?:informed consent|icf)(?: form)?"
        r"|at (?:the time of )?(?:informed )?consent",
        None,
        Anchor.CONSENT,
    ),
    (
        r"(?:at|during|on) (?:the )?screening(?: visit| period)?|screening (?:visit|ecg|electrocardiogram|labs?)",
        None,
        Anchor.SCREENING,
    ),
    (
        r"at (?:the time of )?(?:study )?(?:entry|inclusion|enrol(?:l)?ment|registration)",
        None,
        Anchor.ENROLLMENT,
    ),
    (r"at baseline", None, Anchor.BASELINE),
    (r"at visit \d+|at randomi[sz]ation", None, Anchor.OTHER),
    (
        r"during (?:the )?(?:entire )?(?:study|trial|treatment period)|throughout (?:the )?(?:study|trial)",
        None,
        Anchor.STUDY_PERIOD,
    ),
    (r"pre-?operative(?:ly)?", Direction.BEFORE, Anchor.SURGERY),
    (r"currently|current (?:use|users?|treatment|therapy)", None, Anchor.PRESENT),
)
_PLAIN_RE: Final = guarded(
    r"(?<![\w-])(?:" + "|".join(f"(?P<p{i}>{rx})" for i, (rx, _, _) in enumerate(_PLAIN)) + r")(?![\w])",
    re.IGNORECASE,
)
_PLAIN_DIR_RE: Final = re.compile(
    r"(?<![\w])(?P<dir>prior to|before|after|following)\s+(?:the\s+)?(?:start\s+of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _anchor_at(norm: str, pos: int) -> tuple[Anchor | None, int]:
    bridge = _BRIDGE.match(norm, pos)
    at = bridge.end() if bridge else pos
    m = _ANCHOR_RE.match(norm, at)
    if m is None and at != pos:  # "the study" (enrollment) is an anchor with its article
        m = _ANCHOR_RE.match(norm, pos)
    if m is None or m.lastgroup is None:
        return None, pos
    return ANCHORS[int(m.lastgroup[1:])][0], m.end()


def is_time(q: Quantity) -> bool:
    return bool(q.bounds) and not q.pair and all(b.unit in TIME_UNITS for b in q.bounds)


def _with_cmp(q: Quantity, cmp: Comparator) -> tuple[Bound, ...]:
    return q.bounds if q.explicit else tuple(attrs.evolve(b, cmp=cmp) for b in q.bounds)


def _anchor_within(norm: str, start: int, end: int) -> tuple[Anchor | None, int]:
    """The first anchor named in norm[start:end] at a word start (a few words may precede it)."""
    for m in re.finditer(r"(?<![\w-])\w", norm[start:end]):
        found, a_end = _anchor_at(norm, start + m.start())
        if found is not None:
            return found, a_end
    return None, start


def _since_event(norm: str, q: Quantity, suffix: re.Match[str]) -> TimeExpr | None:
    """`≥ 6 months from HSCT at the time of infusion`, `6 months since surgery before enrolment`: the time
    elapsed since an event, measured at the anchor, is a window before that anchor (LEXICON §6: since = before)."""
    m = _LATER_ANCHOR.match(norm, suffix.end())
    if m is None:
        return None
    anchor, a_end = _anchor_within(norm, m.start("rest"), m.end("rest"))
    if anchor is None:
        return None
    window = TimeWindow(bounds=_with_cmp(q, Comparator.LE), direction=Direction.BEFORE, anchor=anchor)
    return TimeExpr(q.start, a_end, window, True)


def _inverted(norm: str, q: Quantity) -> TimeExpr | None:
    """`enrol the study before 7 days` (= 7 days before enrolment): an anchor, then before, then the number."""
    pre = _INVERTED.search(norm, max(0, q.start - 12), q.start)
    if pre is None or q.explicit:
        return None
    head_start = max(0, pre.start() - 30)
    for m in re.finditer(r"(?<![\w-])\w", norm[head_start : pre.start()]):
        pos = head_start + m.start()
        anchor, a_end = _anchor_at(norm, pos)
        if anchor is not None and not norm[a_end : pre.start()].strip():
            window = TimeWindow(bounds=_with_cmp(q, Comparator.LE), direction=Direction.BEFORE, anchor=anchor)
            return TimeExpr(pos, q.end, window, True)
    return None


def numbered_window(norm: str, q: Quantity) -> TimeExpr | None:
    """The window a time quantity expresses, or None when nothing around it makes it one."""
    before = norm[max(0, q.start - 40) : q.start]
    suffix = _SUF_DIR.match(norm, q.end)
    direction: Direction | None = None
    anchor: Anchor | None = None
    end = q.end
    if suffix is not None:
        word = suffix.lastgroup
        anchor, a_end = _anchor_at(norm, suffix.end())
        if anchor is None and word == "of" and suffix.group("of").lower() in ("from", "since"):
            since = _since_event(norm, q, suffix)
            if since is not None:
                return since
        if word == "before" and suffix.group("before").lower() in ("ago", "earlier"):
            direction, anchor, end = Direction.BEFORE, Anchor.PRESENT, suffix.end()
        elif word in ("before", "after"):
            direction = Direction.BEFORE if word == "before" else Direction.AFTER
            end = a_end if anchor else suffix.end()
            anchor = anchor or Anchor.OTHER
        elif anchor is not None:
            end = a_end
    recent, within = _PRE_RECENT.search(before), _PRE_WITHIN.search(before)
    duration = _PRE_DURATION.search(before)
    lead = recent or within or duration
    start = q.start - (len(before) - lead.start()) if lead is not None else q.start
    if recent and anchor is None:
        return TimeExpr(
            start,
            end,
            TimeWindow(bounds=_with_cmp(q, Comparator.LE), direction=Direction.BEFORE, anchor=Anchor.PRESENT),
            True,
        )
    if duration and anchor is None:
        return TimeExpr(
            start, end, TimeWindow(bounds=_with_cmp(q, Comparator.GE), anchor=Anchor.DURATION), True
        )
    if within or recent or anchor is not None or direction is not None:
        cmp = Comparator.GE if duration else Comparator.LE
        window = TimeWindow(bounds=_with_cmp(q, cmp), direction=direction if anchor else None, anchor=anchor)
        return TimeExpr(start, end, window, True, borrow=anchor is None)
    if _SUF_OF.match(norm, q.end) and not q.explicit:  # "six weeks of therapy": a duration
        return TimeExpr(
            q.start, q.end, TimeWindow(bounds=_with_cmp(q, Comparator.GE), anchor=Anchor.DURATION), True
        )
    if q.explicit:
        return TimeExpr(q.start, q.end, TimeWindow(bounds=q.bounds, anchor=Anchor.DURATION), True)
    return _inverted(norm, q)


_PLAIN_SCAN: Final = Scan(_PLAIN_RE)
_PLAIN_DIR_SCAN: Final = Scan(_PLAIN_DIR_RE)


def plain_windows(norm: str, taken: list[tuple[int, int]], low: str | None = None) -> list[TimeExpr]:
    """Windows without a number: `at screening`, `prior to the first dose`, `during the study` (`low`:
    `norm.lower()`, when the caller has it)."""
    out = []
    for m in _PLAIN_SCAN.finditer(norm, low):
        _, direction, anchor = _PLAIN[int(str(m.lastgroup)[1:])]
        out.append(TimeExpr(m.start(), m.end(), TimeWindow(direction=direction, anchor=anchor), False))
    for m in _PLAIN_DIR_SCAN.finditer(norm, low):
        found, a_end = _anchor_at(norm, m.end())
        if found is not None:
            direction = (
                Direction.BEFORE if m.group("dir").lower() in ("prior to", "before") else Direction.AFTER
            )
            out.append(TimeExpr(m.start(), a_end, TimeWindow(direction=direction, anchor=found), False))
    return [t for t in out if not any(s < t.end and t.start < e for s, e in taken)]


def resolve_borrowed(windows: list[TimeExpr], sentence_of: Callable[[int], int]) -> list[TimeExpr]:
    """`MI within 6 months, or stroke within 6 months prior to start of study drugs`: later anchor shared (the
    first later numbered window of the sentence with an anchor of its own)."""
    lender: dict[int, TimeExpr] = {}  # sentence -> its first window after the current one that can lend
    out = []
    for w in reversed(windows):
        sentence = sentence_of(w.start)
        if not w.borrow:
            out.append(w)
            if w.numbered and w.window.anchor:
                lender[sentence] = w
            continue
        later = lender.get(sentence)
        window = (
            attrs.evolve(w.window, direction=later.window.direction, anchor=later.window.anchor)
            if later is not None
            else attrs.evolve(w.window, direction=Direction.BEFORE, anchor=Anchor.PRESENT)
        )
        out.append(attrs.evolve(w, window=window, borrow=False))
    out.reverse()
    return out
