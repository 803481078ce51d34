"""Phase strings of every registry (`PHASE1/PHASE2`, `Phase 2/3`, `Phase I/II`, `IIb`, `Phase 0`, `N/A`)."""

from __future__ import annotations

import re

from trialparse._normalize import Parsed
from trialparse.model import Phase

_ORDER = {p: i for i, p in enumerate(Phase)}
_NOT_APPLICABLE = frozenset({"NA", "N/A", "N\\A", "NOT APPLICABLE", "NOT-APPLICABLE"})
_NOT_SPECIFIED = frozenset({"NOT SPECIFIED", "NOT-SPECIFIED", "UNSPECIFIED", "UNKNOWN", "NONE"})
_ROMAN = {"0": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_BY_NUMBER = {0: Phase.EARLY_PHASE1, 1: Phase.PHASE1, 2: Phase.PHASE2, 3: Phase.PHASE3, 4: Phase.PHASE4}

# A part is an optional "phase" word then a number (arabic or roman) with an optional a/b sub-phase letter.
_EARLY = re.compile(r"EARLY[\s_-]*PHASE[\s_-]*(?:1|I)\b")
_PART = re.compile(r"(?:PHASE[\s_-]*)?(IV|III|II|I|[0-4])(?:[AB])?(?![A-Z0-9])")
# Split on runs of separators with the white space around them. A match starts only where a white-space run
# starts (`(?<!\s)`: one starting inside a run also matches from the run's start, which comes first) and takes
# every separator that follows (so the next match never starts right after its trailing spaces; adjacent
# separators only gave empty parts, which are skipped): a long run of spaces is scanned once, not once from each
# of its characters (quadratic).
_JOINERS = re.compile(r"(?<!\s)\s*+(?:(?:/|-|,|&|\+|\bAND\b|\bTO\b)\s*+)++")


def _parts(text: str) -> list[Phase] | None:
    found: set[Phase] = set()
    rest = _EARLY.sub(" ", text)
    if rest != text:
        found.add(Phase.EARLY_PHASE1)
    for raw in _JOINERS.split(rest):
        chunk = raw.strip(" ()[].")
        if not chunk:
            continue
        hit = _PART.match(chunk)
        if hit is None:
            return None
        found.add(_BY_NUMBER[_ROMAN[hit[1]]])
    return sorted(found, key=_ORDER.__getitem__) if found else None


def phases(text: str | None) -> Parsed[tuple[Phase, ...]]:
    """Ascending phases; `()` for no phase given, `(NA,)` for not applicable."""
    if text is None or not text.strip():
        return Parsed(())
    s = " ".join(text.upper().replace("\u00a0", " ").split())
    if s in _NOT_APPLICABLE:
        return Parsed((Phase.NA,))
    if s in _NOT_SPECIFIED:
        return Parsed((), f"phase not specified: {text.strip()!r}")
    found = _parts(s)
    if found is None:
        return Parsed(None, f"unknown phase {text.strip()[:80]!r}")
    return Parsed(tuple(found))
