"""Large alternations of named patterns, compiled so that `re` tries only the alternatives that can start here.

`re` tries every alternative of `(?:a|b|...)` at every position; with ~100 target patterns that dominates the
extractor's time. `alternation` groups the alternatives by their possible first character behind a one-character
lookahead guard (`(?=[c])(?:alternatives starting with c)`), in their original order, so the first match, and hence the
result, is the one of the plain alternation. First characters come from `re`'s own parser (private but stable
since 3.11); any pattern it cannot bound (a class like `\\w`, a possibly empty start) goes into every group.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Final

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_ZERO_WIDTH: Final = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS: Final = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


_GROUP: Final = "\x00"  # placeholder of the guard group's number in a named alternative (patterns may hold braces)
_CATEGORIES: Final = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}


def _in_set(items: list[tuple[Any, Any]]) -> set[str] | None:
    r"""Members of a class: single characters, or two-character escapes `\d`, `\s`, `\w`."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 256:
            out.update(chr(x) for x in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:  # NEGATE, negated categories, wide ranges: unbounded
            return None
    return out


def _first(seq: Any) -> tuple[set[str], bool] | None:
    """(characters a parsed sequence can start with, whether it can match empty); None: unbounded."""
    chars: set[str] = set()
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # anchors and lookarounds only restrict
        if op is _c.LITERAL:
            return chars | {chr(av)}, False
        if op is _c.IN:
            found = _in_set(av)
            return None if found is None else (chars | found, False)
        if op is _c.SUBPATTERN:
            sub = _first(av[3])
        elif op is _c.BRANCH:
            subs = [_first(branch) for branch in av[1]]
            if any(s is None for s in subs):
                return None
            sub = (set().union(*(s[0] for s in subs if s)), any(s[1] for s in subs if s))
        elif op in _REPEATS:
            inner = _first(av[2])
            sub = None if inner is None else (inner[0], inner[1] or av[0] == 0)
        else:
            return None
        if sub is None:
            return None
        chars |= sub[0]
        if not sub[1]:
            return chars, False
    return chars, True


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Characters (or `\\d`-like escapes) a match of `pattern` can start with, lower-cased under IGNORECASE."""
    try:
        found = _first(_parser.parse(pattern, flags))
    except (re.error, TypeError, IndexError, AttributeError):
        return None
    if found is None or found[1]:
        return None
    fold = bool(flags & re.IGNORECASE)  # the guard then matches both cases, like the literal it stands for
    return frozenset(c.lower() if fold else c for c in found[0])


def alternation(patterns: list[str], flags: int, *, before: str = "", after: str = "") -> re.Pattern[str]:
    """`before(?:(?P<k0>p0)|(?P<k1>p1)|...)after` with first-character guards; see `alternative` for the index."""
    # an escape such as \d cannot key a group: such alternatives go everywhere
    firsts = [first_chars(p, flags) for p in patterns]
    firsts = [f if f is None or all(len(c) == 1 for c in f) else None for f in firsts]
    named = [f"(?P<k{i}_{_GROUP}>{p})" for i, p in enumerate(patterns)]  # the guard group's number goes there
    keys = sorted({c for f in firsts if f is not None for c in f})
    groups = []
    for g, c in enumerate(keys):
        alts = [n.replace(_GROUP, str(g), 1) for n, f in zip(named, firsts, strict=True) if f is None or c in f]
        groups.append(f"(?={re.escape(c)})(?:{'|'.join(alts)})")
    rest = [n.replace(_GROUP, "u", 1) for n, f in zip(named, firsts, strict=True) if f is None]
    if rest:
        groups.append("(?:" + "|".join(rest) + ")")
    # one class test first: most word starts begin no alternative (only when every alternative is bounded)
    members = "".join(c if len(c) == 2 else re.escape(c) for c in keys)
    guard = f"(?=[{members}])" if keys and not rest else ""
    return re.compile(before + guard + "(?:" + "|".join(groups) + ")" + after, flags)


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (`a|b(?:c|d)` gives `a`, `b(?:c|d)`)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]" or pattern[i - 1] == "[" or pattern[i - 2 : i] == "[^"  # "[]" or "[^]" opens
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


def alternative(m: re.Match[str]) -> int:
    """Index in `patterns` of the alternative that matched (patterns must not hold named groups of their own)."""
    name = str(m.lastgroup)
    return int(name[1 : name.index("_")])


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` behind a lookahead on its possible first characters: one class test rejects most positions of a
    whole-text scan, where `re` would otherwise try every alternative (same matches)."""
    first = first_chars(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    members = "".join(c if len(c) == 2 else re.escape(c) for c in sorted(first))
    return re.compile(f"(?=[{members}])(?:{pattern})", flags)


# --- literal pre-filters ------------------------------------------------------------------------------------------
# Most items name no therapy, no condition, no plain time window: a whole-text scan then finds nothing, and costs
# a `re` attempt at every word start. Every match of such a pattern contains one of a few literal strings (a
# table of therapies: "surgery", "chemotherapy", "radiation", ...); when the item holds none of them the scan is
# skipped. The literals come from `re`'s parser, as the first characters above; the test is exact on ASCII text
# (there, a case-insensitive match of an ASCII literal is a match of its lower case); other text is always scanned.


def _literal_run(run: list[str]) -> frozenset[str] | None:
    return frozenset({"".join(run)}) if run else None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two literal sets: the longer shortest literal, then the fewer literals."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _required(seq: Any, fold: bool) -> frozenset[str] | None:
    """Literals one of which every match of a parsed sequence contains (lower-cased when `fold`), or None."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av).lower() if fold else chr(av))
            continue
        best, run = _better(best, _literal_run(run)), []
        if op is _c.SUBPATTERN and not (av[1] or av[2]):  # a group that changes no flag
            best = _better(best, _required(av[3], fold))
        elif op is _c.BRANCH:
            branches = [_required(branch, fold) for branch in av[1]]
            if all(b is not None for b in branches):
                best = _better(best, frozenset().union(*(b for b in branches if b is not None)))
        elif op in _REPEATS and av[0] >= 1:  # repeated at least once: what the item requires
            best = _better(best, _required(av[2], fold))
        # anything else (classes, optional parts, assertions, flag changes) requires nothing
    return _better(best, _literal_run(run))


def required_literals(patterns: list[str], flags: int = 0) -> frozenset[str] | None:
    """Literals one of which every match of any of `patterns` contains (lower case for a case-insensitive
    pattern), or None when some pattern has no such set of ASCII literals."""
    out: set[str] = set()
    for pattern in patterns:
        try:
            parsed = _parser.parse(pattern, flags)
        except (re.error, TypeError, IndexError, AttributeError):
            return None
        found = _required(parsed, bool(parsed.state.flags & re.IGNORECASE))
        if found is None or not all(s.isascii() and s.strip() for s in found):
            return None
        out |= found
    return frozenset(out)


_COVER: Final = 8  # longest piece of a literal kept in a pre-filter


def _cover(literals: frozenset[str]) -> tuple[str, ...]:
    """Few short strings, every literal containing one of them (a piece of a literal is in the text whenever the
    literal is): greedy, the piece in the most literals first; testing fewer strings is faster."""
    left, out = set(literals), []
    while left:
        pieces: dict[str, set[str]] = {}
        for lit in left:
            for i in range(max(1, len(lit) - _COVER + 1)):
                pieces.setdefault(lit[i : i + _COVER], set()).add(lit)
        best = min(pieces, key=lambda piece: (-len(pieces[piece]), piece))
        out.append(best)
        left -= pieces[best]
    return tuple(out)


class Prefilter:
    """Pieces of the literals of some patterns (`required_literals`): `possible(text)` is False only when the
    patterns cannot match in `text` (an ASCII text holding none of the pieces)."""

    __slots__ = ("fold", "pieces")

    def __init__(self, patterns: list[str], flags: int = 0) -> None:
        literals = required_literals(patterns, flags)
        self.pieces = None if literals is None else _cover(literals)
        self.fold = bool(flags & re.IGNORECASE) or any(p.startswith("(?i)") for p in patterns)

    def possible(self, text: str, low: str | None = None) -> bool:
        """Whether a match may lie in `text` (`low`: `text.lower()`, when the caller has it)."""
        if self.pieces is None or not text.isascii():
            return True
        if self.fold:
            text = text.lower() if low is None else low
        return any(map(text.__contains__, self.pieces))


def lower_case_only(pattern: str) -> bool:
    """Whether a case-insensitive `pattern` is written in lower case (no upper-case character outside escapes,
    no flag change): on ASCII text it then matches case-sensitively on `text.lower()` where and as it matches
    on `text` (lower-casing keeps an ASCII text's length and its letters, digits and spaces)."""
    if re.search(r"\\[xuUN0-7]", pattern):  # a character given by its code may be upper case
        return False
    bare = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern)  # escapes and group names aside
    return bare == bare.lower() and "(?-" not in bare


def lowered(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive pattern written in lower case, for ASCII text lower-cased:
    `re` compares case-insensitive characters more slowly (~1/3 of a table scan). None when there is no twin."""
    if not regex.flags & re.IGNORECASE or not lower_case_only(regex.pattern):
        return None
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


class Scan:
    """A case-insensitive whole-text pattern behind its `Prefilter`, run as its `lowered` twin on ASCII text:
    `finditer` gives the matches (positions and groups) of `regex.finditer(text)`."""

    __slots__ = ("lower", "prefilter", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.lower = lowered(regex)
        self.prefilter = Prefilter([regex.pattern], regex.flags)

    def finditer(self, text: str, low: str | None = None) -> list[re.Match[str]]:
        """`low`: `text.lower()`, when the caller has it."""
        if not text.isascii():
            return list(self.regex.finditer(text))
        low = text.lower() if low is None else low
        if not self.prefilter.possible(text, low):
            return []
        if self.lower is None:
            return list(self.regex.finditer(text))
        return list(self.lower.finditer(low))


class Words:
    """A case-insensitive test for any of some literal words: a substring test on ASCII text (the same answer as
    the regex, without a `re` attempt at every position), the regex on other text."""

    __slots__ = ("regex", "words")

    def __init__(self, *words: str) -> None:
        self.words = tuple(w.lower() for w in words)
        self.regex = re.compile("|".join(map(re.escape, words)), re.IGNORECASE)

    def found(self, text: str, low: str | None = None) -> bool:
        if not text.isascii():
            return self.regex.search(text) is not None
        low = text.lower() if low is None else low
        return any(map(low.__contains__, self.words))
