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
    named = [f"(?P<k{i}_{{}}>{p})" for i, p in enumerate(patterns)]  # {} = the guard group's number
    keys = sorted({c for f in firsts if f is not None for c in f})
    groups = []
    for g, c in enumerate(keys):
        alts = [n.format(g) for n, f in zip(named, firsts, strict=True) if f is None or c in f]
        groups.append(f"(?={re.escape(c)})(?:{'|'.join(alts)})")
    rest = [n.format("u") for n, f in zip(named, firsts, strict=True) if f is None]
    if rest:
        groups.append("(?:" + "|".join(rest) + ")")
    # one class test first: most word starts begin no alternative (only when every alternative is bounded)
    members = "".join(c if len(c) == 2 else re.escape(c) for c in keys)
    guard = f"(?=[{members}])" if keys and not rest else ""
    return re.compile(before + guard + "(?:" + "|".join(groups) + ")" + after, flags)


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
