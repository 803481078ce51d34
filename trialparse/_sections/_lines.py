"""Helpers shared by the section parsers: non-blank line views, label lines, multi-line text."""

from __future__ import annotations

import re
from itertools import compress


def nonblank(lines: list[str]) -> list[int]:
    """Indices of the non-blank lines (section lines are right-stripped: a blank one is empty)."""
    return list(compress(range(len(lines)), lines))


def text(lines: list[str], start: int, end: int) -> str | None:
    """Lines start..end-1 joined as one text (inner blank lines kept, edges trimmed); None when empty."""
    while start < end and not lines[start]:  # section lines are right-stripped: a blank one is empty
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    if end - start == 1:
        return lines[start].strip() or None
    return "\n".join(lines[start:end]).strip() or None


_ASCII = [chr(c) for c in range(128)]


# The longest label line `Labels` keeps once read, and how many it keeps.
_REMEMBERED_LENGTH = 64
_REMEMBERED_LINES = 512


class Labels:
    """What recognises a set of labels at the start of a line: the label lines already read (a dict hit for the
    usual bare `Label` line, and for the few `Label VALUE` lines a page repeats, such as `Site Status
    RECRUITING`) and one regex for the rest (`Label value`, `Label: value`, odd spacing or case).

    A regex call costs far more than a look at a line's first character: only lines that start with white space,
    a label's first letter (either case) or a non-ASCII character (which case folding may map to one) are
    matched at all; the others, most value lines, are passed over (`candidates`)."""

    __slots__ = ("labels", "pattern", "read_lines", "rejects")

    def __init__(self, *labels: str) -> None:
        self.labels = labels
        words = (r"\s+".join(map(re.escape, label.split())) for label in labels)
        self.pattern = re.compile(r"\s*(?:" + "|".join(f"({w})" for w in words) + r")(?=\s|:|$)", re.IGNORECASE)
        # Label lines as the pattern reads them, line → (label, value): the bare labels (where one label starts
        # another, the pattern decides), then each short label line read (`_remember`).
        self.read_lines: dict[str, tuple[str, str]] = {}
        for line in (*labels, *(label + ":" for label in labels)):
            hit = self.pattern.match(line)
            if hit is not None and (read := self.read(line, hit))[1] == "":
                self.read_lines[line] = read
        starts = {c for label in labels for c in (label[0].lower(), label[0].upper())}
        # The ASCII first characters no label line can have (any other may start one).
        self.rejects = frozenset(c for c in _ASCII if c not in starts and not c.isspace())

    def candidates(self, lines: list[str]) -> list[int]:
        """Indices of the lines that may hold a label (a superset: each is then checked in full). A comprehension
        with a set test: cheaper than a pipeline of C-level `map`s, which pay for a call per line at each stage."""
        rejects = self.rejects
        return [i for i, line in enumerate(lines) if line and line[0] not in rejects]

    def first(self, line: str) -> tuple[str, str] | None:
        """(label, value) for the first label that `line` starts with (whitespace and case aside)."""
        found = self.read_lines.get(line)
        if found is not None:
            return found
        hit = self.pattern.match(line)
        return None if hit is None else self._remember(line, hit)

    def scan(self, lines: list[str]) -> list[re.Match[str] | None]:
        """The label match of every line, in one C-level pass (for short blocks whose lines are mostly labels)."""
        return list(map(self.pattern.match, lines))

    def indices(self, lines: list[str]) -> list[int]:
        """Indices of the label lines of `lines` (a loop over the candidate lines only)."""
        known, match = self.read_lines, self.pattern.match
        return [i for i in self.candidates(lines) if lines[i] in known or match(lines[i]) is not None]

    def found(self, lines: list[str]) -> list[tuple[int, str, str]]:
        """(index, label, value) of every label line of `lines`: a loop over the candidate lines only."""
        out: list[tuple[int, str, str]] = []
        known = self.read_lines.get
        match = self.pattern.match
        for i in self.candidates(lines):
            line = lines[i]
            found = known(line)
            if found is not None:
                out.append((i, *found))
            elif (hit := match(line)) is not None:
                out.append((i, *self._remember(line, hit)))
        return out

    def _remember(self, line: str, hit: re.Match[str]) -> tuple[str, str]:
        """`read`, kept for the next time the line is seen when it is short (a label with an enum value, as a
        rule); the dict is bounded, so a stream of unique lines cannot grow it."""
        found = self.read(line, hit)
        if len(line) <= _REMEMBERED_LENGTH and len(self.read_lines) < _REMEMBERED_LINES:
            self.read_lines[line] = found
        return found

    def read(self, line: str, hit: re.Match[str]) -> tuple[str, str]:
        """(label, value) of a line that `scan` matched."""
        label = self.labels[hit.lastindex - 1 if hit.lastindex else 0]
        rest = line[hit.end() :]
        if not rest:
            return label, ""
        rest = rest.lstrip()
        if rest.startswith(":"):
            rest = rest[1:]
        return label, " ".join(rest.split())

    def value(self, line: str) -> str | None:
        """The value of a one-line `Label value` / `Label: value` line; `""` for the bare label; else None."""
        hit = self.first(line)
        return None if hit is None else hit[1]


def form(lines: list[str], labels: Labels) -> tuple[list[tuple[str, str, list[int]]], int]:
    """A label/value block: ([(label, value, indices of further lines)], index of the first label line).

    A label stands on its own line with the value on the next non-blank line, or shares the line with its
    value. Lines after a value, up to the next label, belong to that label (a multi-line value or debris); the
    lines before the first label (`lines[:first]`; all of them when there is no label) belong to none.
    """
    nonblank_lines = list(filter(None, lines))
    found = labels.found(nonblank_lines)
    idx: list[int] | None = None  # the lines' indices among all lines: built only for lines beside the labels
    rows: list[tuple[str, str, list[int]]] = []
    for n, (k, label, inline) in enumerate(found):  # a loop per label, not per line
        end = found[n + 1][0] if n + 1 < len(found) else len(nonblank_lines)
        rest = k + 1
        value = inline
        if inline == "" and rest < end:  # a bare label: its value is the next line (no label: `found` has them all)
            value = nonblank_lines[rest].strip()
            rest += 1
        extra: list[int] = []
        if rest < end:
            if idx is None:
                idx = nonblank(lines)
            extra = idx[rest:end]
        rows.append((label, value, extra))
    # The first line equal to the first label line is that line: an equal line above it would be a label line.
    return rows, lines.index(nonblank_lines[found[0][0]]) if found else len(lines)
