"""Mentions of targets in an item: measures, reproductive terms, therapies, conditions (LEXICON §2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs

from trialparse.criteria import lexicon as lx
from trialparse.criteria.fastre import Prefilter, alternation, alternative, lowered
from trialparse.criteria.model import Kind


@attrs.frozen
class Mention:
    start: int
    end: int
    key: str  # a LEXICON target key, or a pseudo key starting with "_" (see _PSEUDO)
    kind: Kind


@attrs.frozen
class _Table:
    """One combined whole-word pattern over a table's patterns, the table key of each alternative, and the
    pre-filter that skips a text naming nothing of the table."""

    pattern: re.Pattern[str]
    keys: tuple[str, ...]
    prefilter: Prefilter
    lower: re.Pattern[str] | None  # fastre.lowered: the pattern for lower-cased ASCII text

    def finditer(
        self, norm: str, lo: int = 0, hi: int | None = None, low: str | None = None
    ) -> Iterator[tuple[re.Match[str], str]]:
        """Matches in norm[lo:hi] (`low`: `norm.lower()`, when the caller has it; positions are the same). A scan
        of the whole text is skipped when the text holds none of the table's literals."""
        if lo == 0 and hi is None and not self.prefilter.possible(norm, low):
            return
        pattern, text = self.pattern, norm
        if self.lower is not None and norm.isascii():
            pattern, text = self.lower, norm.lower() if low is None else low
        for m in pattern.finditer(text, lo, len(norm) if hi is None else hi):
            yield m, self.keys[alternative(m)]


def _combined(table: dict[str, str], flags: int) -> _Table:
    keys = tuple(k for k, rx in table.items() if rx)
    patterns = [table[k] for k in keys]
    pattern = alternation(patterns, flags, before=r"(?<![\w])", after=r"(?![\w])")
    return _Table(pattern, keys, Prefilter(patterns, flags), lowered(pattern))


# Pseudo keys: resolved from context by the extractor.
_PSEUDO: Final[dict[str, str]] = {
    "_class": r"class(?:es)?",
    "_stage": r"stages?",
    "_other": lx.OTHER_MEASURES,
    "_age": r"ages?|aged|age range(?: of)?",
    "_onset": r"onset (?:before|of symptoms before) (?:the )?age(?: of)?|age at (?:onset|first symptoms)",
    "_diagnosis": r"age at diagnosis|diagnosed before (?:the )?age(?: of)?",
    "_bp": r"blood pressure|\bbp",
}
_CI_TABLE: Final[dict[str, str]] = {
    **{k: v for k, v in _PSEUDO.items() if k in ("_onset", "_diagnosis")},
    **{k: v[1] for k, v in lx.MEASURES.items() if k not in ("ctcae_grade",)},
    **{f"_combined{i}": rx for i, rx in enumerate(lx.COMBINED)},
    "ctcae_grade": lx.MEASURES["ctcae_grade"][1],
    **{k: v for k, v in _PSEUDO.items() if k not in ("_onset", "_diagnosis")},
}
_CS_TABLE: Final[dict[str, str]] = {k: v[2] for k, v in lx.MEASURES.items() if v[2]}
_CI_RE: Final = _combined(_CI_TABLE, re.IGNORECASE)
_CS_RE: Final = _combined(_CS_TABLE, 0)
_COMBINED_KEYS: Final = list(lx.COMBINED.values())


def _kind(key: str) -> Kind:
    if key in lx.MEASURES:
        return lx.MEASURES[key][0]
    return Kind.AGE if key in ("_age", "_onset", "_diagnosis") else Kind.MEASUREMENT


def _scan(table: _Table, norm: str, spans: list[tuple[int, int]], low: str | None = None) -> list[Mention]:
    return [
        Mention(m.start(), m.end(), key, _kind(key))
        for lo, hi in spans
        for m, key in table.finditer(norm, lo, hi, low)
    ]


def _keep_longest(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one (case-sensitive `ALT` inside `ALT and AST` is kept, `Cr` in `CrCl` not)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, lo), min(size, hi)) for lo, hi in spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def measure_mentions(norm: str, near: list[tuple[int, int]] | None = None) -> list[Mention]:
    """AGE / MEASUREMENT / SCORE targets and pseudo keys, longest first, no overlaps.

    `near`: only look around these spans (thresholds): names sit shortly before or after their numbers, and
    scanning only there keeps the whole corpus fast.
    """
    spans = [(0, len(norm))] if near is None else _merge([(s - 120, e + 30) for s, e in near], len(norm))
    low = norm.lower() if norm.isascii() else None
    found = _scan(_CI_RE, norm, spans, low) + _scan(_CS_RE, norm, spans, low)
    out: list[Mention] = []
    for m in _keep_longest(found):
        if m.key.startswith("_combined"):
            out.extend(Mention(m.start, m.end, k, Kind.MEASUREMENT) for k in _COMBINED_KEYS[int(m.key[9:])])
        else:
            out.append(m)
    return out


def _table_mentions(table: _Table, kind: Kind, norm: str, low: str | None = None) -> list[Mention]:
    return [Mention(m.start(), m.end(), key, kind) for m, key in table.finditer(norm, low=low)]


_THERAPY_RE: Final = _combined(lx.THERAPIES, re.IGNORECASE)
_CONDITION_RE: Final = _combined(lx.CONDITIONS, re.IGNORECASE)

_REPRO: Final[dict[str, str]] = {
    "pregnancy_test": lx.PREGNANCY_TEST,
    "not_wocbp": lx.NOT_WOCBP,
    "wocbp": lx.WOCBP,
    "pregnancy": lx.PREGNANCY,
    "lactation": lx.LACTATION,
    "contraception": lx.CONTRACEPTION,
}
_REPRO_RE: Final = _combined(_REPRO, re.IGNORECASE)


def therapy_mentions(norm: str, low: str | None = None) -> list[Mention]:
    return _table_mentions(_THERAPY_RE, Kind.PRIOR_THERAPY, norm, low)


def condition_mentions(norm: str, low: str | None = None) -> list[Mention]:
    return _table_mentions(_CONDITION_RE, Kind.CONDITION, norm, low)


def reproductive_mentions(norm: str, low: str | None = None) -> list[Mention]:
    """Keys: pregnancy_test, not_wocbp, wocbp, pregnancy, lactation, contraception (kind set by the extractor).
    `low`: `norm.lower()`, when the caller has it."""
    return _table_mentions(_REPRO_RE, Kind.PREGNANCY, norm, low)
