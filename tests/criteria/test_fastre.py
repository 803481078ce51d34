"""Guarded regexes find exactly what the plain ones find."""

from __future__ import annotations

import re

import pytest

from trialparse.criteria.fastre import alternation, alternative, first_chars, guarded

_TEXT = "Prior ANC >= 1.5, platelets; no ALT/AST > 3 x ULN; Stem-cell transplant or hsct; é 12 -3"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"ab|c", {"a", "c"}),
        (r"(?:x )?y", {"x", "y"}),
        (r"\b[A-C]d", {"a", "b", "c"}),
        (r"-?\d", {"-", r"\d"}),
        (r"a*", None),
        (r"[^a]b", None),
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    found = first_chars(pattern, re.IGNORECASE)
    assert (None if found is None else set(found)) == expected


def test_alternation_matches_plain_alternation() -> None:
    parts = [r"alt|ast", r"anc", r"(?:stem[- ]cell )?transplant|hsct", r"platelets?", r"\d+", r"uln"]
    for flags in (0, re.IGNORECASE):
        plain = re.compile(r"(?<![\w])(?:" + "|".join(f"({p})" for p in parts) + r")(?![\w])", flags)
        fast = alternation(parts, flags, before=r"(?<![\w])", after=r"(?![\w])")
        want = [(m.span(), next(i for i, g in enumerate(m.groups()) if g is not None)) for m in plain.finditer(_TEXT)]
        assert [(m.span(), alternative(m)) for m in fast.finditer(_TEXT)] == want


def test_guarded_matches_plain() -> None:
    for pattern in (r"\b(?:no|prior)\b", r"(?<![\w])-?\d+", r"[;,]\s*", r"x?"):
        plain = re.compile(pattern, re.IGNORECASE)
        assert [m.span() for m in guarded(pattern, re.IGNORECASE).finditer(_TEXT)] == [
            m.span() for m in plain.finditer(_TEXT)
        ]
