"""Guarded regexes find exactly what the plain ones find."""

from __future__ import annotations

import random
import re

import pytest

from trialparse.criteria import lexicon as lx
from trialparse.criteria.fastre import (
    Prefilter,
    Scan,
    Words,
    alternation,
    alternative,
    branches,
    first_chars,
    guarded,
    lower_case_only,
    lowered,
    required_literals,
)

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


def _texts(words: list[str], n: int, seed: int) -> list[str]:
    """Random texts of pattern words, mixed case, separators and a few non-ASCII characters."""
    rng = random.Random(seed)
    pieces = [*words, " ", "  ", ",", "(", ")", "-", "/", "1", "x", "The", "é", "\u017f"]
    out = []
    for _ in range(n):
        chosen = [rng.choice(pieces) for _ in range(rng.randint(1, 7))]
        out.append("".join(w.upper() if rng.random() < 0.2 else w for w in chosen))
    return out


@pytest.mark.parametrize(
    ("patterns", "flags", "expected"),
    [
        ([r"(?:major |prior ){0,8}surgery|chemo\b"], re.IGNORECASE, {"surgery", "chemo"}),
        ([r"x(?:ab|cd)+y", r"Q\d"], 0, {"ab", "cd", "Q"}),  # the longer choice: a branch of 2 over "x"
        ([r"(?-i:Giga)\s*/\s*Liter"], re.IGNORECASE, {"liter"}),  # a case-sensitive group gives nothing
        ([r"a?b?"], 0, None),  # may match empty
        ([r"°c"], 0, None),  # not ASCII: no pre-filter
        ([r"\d+ years"], 0, {" years"}),
    ],
)
def test_required_literals(patterns: list[str], flags: int, expected: set[str] | None) -> None:
    found = required_literals(patterns, flags)
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize(
    "table", [lx.THERAPIES, lx.CONDITIONS, {"a": lx.PREGNANCY, "b": lx.CONTRACEPTION, "c": lx.WOCBP}]
)
def test_prefilter_never_hides_a_match(table: dict[str, str]) -> None:
    patterns = [p for p in table.values() if p]
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    prefilter = Prefilter(patterns, re.IGNORECASE)
    words = [w for p in patterns for w in re.findall(r"[a-z][a-z -]{2,}", p)]
    skipped = 0
    for text in _texts(words, 4000, 1):
        if not prefilter.possible(text):
            skipped += 1
            assert regex.search(text) is None, text
    assert skipped > 100  # it does skip texts


def test_words_and_lowered_scans_match_the_regex() -> None:
    words = Words("pregn", "lactat", "birth control")
    for text in [*_texts(["pregnant", "lactating", "birth control", "Birth"], 2000, 2), "\u0130PREGN"]:
        assert words.found(text) == (words.regex.search(text) is not None), text
    for pattern in (lx.THERAPIES["surgery"], r"(?<![\w])(?:at|during) (?:the )?screening(?![\w])"):
        regex = re.compile(pattern, re.IGNORECASE)
        scan = Scan(regex)
        assert scan.lower is not None
        for text in _texts(["surgery", "prior", "major", "at", "screening", "during the"], 2000, 3):
            assert [(m.span(), m.groups()) for m in scan.finditer(text)] == [
                (m.span(), m.groups()) for m in regex.finditer(text)
            ], text


def test_lowered_only_for_lower_case_patterns() -> None:
    assert lower_case_only(r"(?P<Name>a\Wb[a-z])")
    assert not lower_case_only(r"HCC|x")
    assert not lower_case_only(r"(?-i:g)")
    assert not lower_case_only(r"\x41bc")
    assert lowered(re.compile("abc", re.IGNORECASE)) is not None
    assert lowered(re.compile("abc")) is None  # case-sensitive already
    assert lowered(re.compile(r"\bHCC\b", re.IGNORECASE)) is None


def test_branches() -> None:
    assert branches(r"a|b(?:c|d)|\|x|[|]y|[]|]z|[^]|]w") == ["a", "b(?:c|d)", r"\|x", "[|]y", "[]|]z", "[^]|]w"]
    assert branches("abc") == ["abc"]
