"""CT.gov Markdown text: backslash escapes, and eligibility criteria split into items.

Criteria rules (see docs/normalization.md): a line `Inclusion Criteria` / `Exclusion Criteria` (any case,
optional `Key`, trailing colon) opens a part; every bullet (`*`, `-`, `+`, `•`, `1.`, `1)`, `a.`), nested or not,
becomes one item in reading order with its marker and indent removed; an indented line that is not a bullet
continues the item above it, any other line is an item of its own. Text before any header, or criteria with no
header at all, are not assigned to either part; the raw Markdown is always kept in `criteria`.
"""

from __future__ import annotations

import re
from operator import itemgetter

# The escaped character (a C-level callable: a template string is expanded in Python for every match).
_ESCAPED = itemgetter(1)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~=&^$%\"'])")
_HEADER = re.compile(
    r"(?:key\s+|main\s+|major\s+)?(inclusion|exclusion|eligibility)\s+criteria\b\s*[:.]?\s*(?:[-–]\s*)?",
    re.IGNORECASE,
)
_HEADER_SHORT = re.compile(r"(inclusion|exclusion)\s*:\s*", re.IGNORECASE)
_BULLET = re.compile(r"(?:[*\-+•·▪◦]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\([a-zA-Z]\)|[ivx]{1,4}[.)])\s+")


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: `\\<30` → `<30`."""
    return _ESCAPE.sub(_ESCAPED, text) if "\\" in text else text


def _header(line: str) -> tuple[str | None, str]:
    """(`inclusion`/`exclusion`, text after the header) when `line` is a part header, else (None, line)."""
    for pattern in (_HEADER, _HEADER_SHORT):
        hit = pattern.match(line)
        if hit is not None:
            part = hit[1].lower()
            if part in ("inclusion", "exclusion"):
                return part, line[hit.end() :].strip()
    return None, line


def _bullet(line: str) -> str | None:
    hit = _BULLET.match(line)
    return line[hit.end() :] if hit else None


# The first character of every header (`key`, `main`, `major`, `inclusion`, `exclusion`, `eligibility`); another
# ASCII first character cannot start one, so the header patterns are not tried (non-ASCII is: case folding).
_HEADER_STARTS = frozenset("kKmMiIeE")


def split_criteria(criteria: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(inclusion items, exclusion items), unescaped, one per bullet."""
    if not criteria:
        return (), ()
    return split_criteria_lines(criteria.splitlines(), criteria)


def split_criteria_lines(lines: list[str], criteria: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`split_criteria` of text already split into `lines` (a page's lines: not split twice); `criteria` is
    the same text, searched once for escapes and no-break spaces."""
    inclusion: list[str] = []
    exclusion: list[str] = []
    current: list[str] | None = None
    open_item = False
    bullet = _BULLET.match
    # Checked once for the whole text: most texts hold no escape and no no-break space.
    escapes = "\\" in criteria
    nbsp = "\u00a0" in criteria
    unescape_sub = _ESCAPE.sub
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if nbsp and "\u00a0" in line:
            line = line.replace("\u00a0", " ")
        first = line[0]
        if first == "*":  # the common v2 bullet, without the regex (`*` then whitespace, as `_BULLET` reads it)
            if current is None:
                continue
            if line[1:2].isspace():
                item = line[1:].lstrip()
                current.append(unescape_sub(_ESCAPED, item) if escapes and "\\" in item else item)
                open_item = True
                continue
        elif first in _HEADER_STARTS or not first.isascii():
            part, rest = _header_of(line)
            if part is not None and (rest == "" or bullet(line) is None):
                current, open_item = (inclusion if part == "inclusion" else exclusion), False
                if rest:
                    current.append(unescape(rest))
                    open_item = True
                continue
        if current is None:
            continue
        hit = bullet(line)
        if hit is not None:
            item = line[hit.end() :].strip()
            current.append(unescape_sub(_ESCAPED, item) if escapes and "\\" in item else item)
            open_item = True
        elif open_item and current and raw[:1].isspace():
            # Only an indented line continues the item above: CT.gov texts are not hard-wrapped, and scraped
            # pages may lose the blank lines that would otherwise separate paragraphs.
            current[-1] = f"{current[-1]} {unescape(line)}"
        else:
            current.append(unescape_sub(_ESCAPED, line) if escapes and "\\" in line else line)
            open_item = True
    return tuple(inclusion), tuple(exclusion)


_HEADERS: dict[str, tuple[str | None, str]] = {}  # `_header` of short lines: a corpus repeats a few headers


def _header_of(line: str) -> tuple[str | None, str]:
    found = _HEADERS.get(line)
    if found is None:
        found = _header(line)
        if len(line) <= 64 and len(_HEADERS) < 1024:
            _HEADERS[line] = found
    return found
