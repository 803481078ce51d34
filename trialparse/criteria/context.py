"""Context around mentions: negation, examples, exceptions, permissions, future treatment."""

from __future__ import annotations

import re
from typing import Final

from trialparse.criteria.draft import ItemText
from trialparse.criteria.fastre import Scan, guarded

_NEGATION: Final = re.compile(
    r"\b(?:no|not|non|without|never|absence of|free of|negative(?: for)?|unable|unwilling(?:ness)?|inability"
    r"|refus\w*|lack of|nor|neither|cannot|did not|have not|has not|had not)\b"
    r"(?!\s*(?:more|less|greater|fewer|higher|lower|older|younger|exceed\w*|below|above|only|applicable|required))",
    re.IGNORECASE,
)
_NEG_BREAK: Final = re.compile(
    r"\b(?:but|except|unless|however|although|who|which|whose)\b|[(),:]", re.IGNORECASE
)
_NAIVE_AFTER: Final = re.compile(r"[- ]?na[iï]ve\b", re.IGNORECASE)
_EXAMPLE: Final = guarded(
    r"\b(?:e\.g\b\.?|i\.e\b\.?|eg,|ie,|such as|including|for example|for instance|indicated by|as evidenced by)",
    re.IGNORECASE,
)
_EXCEPTION: Final = guarded(
    r"\b(?:except(?:ion)?s?(?: for)?|unless|excluding|other than|with the exception of|but not)\b",
    re.IGNORECASE,
)
_PERMISSION: Final = guarded(
    r"(?<!not )\b(?:is|are|will be|may be|can be|would be|be)\s+(?:allowed|permitted|eligible(?! for)|included"
    r"|acceptable|enrolled)\b|\bnot (?:be )?excluded\b|\bmay (?:participate|enroll|be enrolled|continue)\b"
    r"|\b(?:are|is) eligible if\b|\bcase-by-case\b",
    re.IGNORECASE,
)
_FUTURE: Final = re.compile(
    r"\b(?:plan\w*|schedul\w*|will\s+(?:need|require|receive|undergo)|candidates? for"
    r"|expected to (?:need|require|receive)"
    r"|eligible for|indicated for|need(?:ing)? for|requir(?:e|es|ing)|intend\w* to|(?:future|anticipated))"
    r"\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


def negated_before(item: ItemText, start: int, window: int = 45) -> bool:
    """A negation word shortly before `start` in its clause, with no break (but, except, parenthesis) after it."""
    c_start, _ = item.clause_span(start)
    lo = max(c_start, start - window)
    hits = list(_NEGATION.finditer(item.norm, lo, start))
    if not hits:
        return False
    return not _NEG_BREAK.search(item.norm, hits[-1].end(), start)


def naive_after(item: ItemText, end: int) -> bool:
    return bool(_NAIVE_AFTER.match(item.norm, end))


def _region_end(item: ItemText, start: int) -> int:
    """End of the parenthesis `start` sits in, else of its clause."""
    depth = item.norm.count("(", 0, start) - item.norm.count(")", 0, start)
    _, c_end = item.clause_span(start)
    if depth > 0:
        close = item.norm.find(")", start)
        if close != -1:
            return min(close, c_end) if close < c_end else c_end
    return c_end


_SCANS: Final = {p.pattern: Scan(p) for p in (_EXAMPLE, _EXCEPTION, _PERMISSION)}


def _finditer(item: ItemText, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of `pattern.finditer(item.norm)` (fastre.Scan when the pattern has one)."""
    scan = _SCANS.get(pattern.pattern)
    return scan.finditer(item.norm, item.low) if scan is not None else list(pattern.finditer(item.norm))


def regions(item: ItemText, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    key = pattern.pattern
    if key not in item.cache:
        item.cache[key] = [(m.start(), _region_end(item, m.end())) for m in _finditer(item, pattern)]
    return item.cache[key]


def example_regions(item: ItemText) -> list[tuple[int, int]]:
    return regions(item, _EXAMPLE)


def exception_regions(item: ItemText) -> list[tuple[int, int]]:
    return regions(item, _EXCEPTION)


def permission_sentences(item: ItemText) -> list[tuple[int, int]]:
    out = []
    for m in _finditer(item, _PERMISSION):
        s_start, s_end = item.sentence_span(m.start())
        c_start, c_end = item.clause_span(m.start())
        out.append((max(s_start, c_start), min(s_end, c_end)))
    return out


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def future(item: ItemText, start: int) -> bool:
    return bool(_FUTURE.search(item.norm, max(0, start - 40), start))
