"""Helpers shared by the section parsers: non-blank line views, label lines, multi-line text."""

from __future__ import annotations

import re
from functools import cache

import attrs


def nonblank(lines: list[str]) -> list[int]:
    """Indices of the non-blank lines."""
    return [i for i, line in enumerate(lines) if line.strip()]


def text(lines: list[str], start: int, end: int) -> str | None:
    """Lines start..end-1 joined as one text (inner blank lines kept, edges trimmed); None when empty."""
    chunk = lines[start:end]
    while chunk and not chunk[-1].strip():
        chunk.pop()
    while chunk and not chunk[0].strip():
        chunk.pop(0)
    return "\n".join(line.strip() if len(chunk) == 1 else line for line in chunk).strip() or None


@attrs.frozen
class _Labels:
    """What recognises a set of labels: their first words (a cheap reject), the bare labels (a dict hit for the
    usual `Label` line), and one regex for `Label value` / `Label: value` lines."""

    first_words: frozenset[str]
    bare: dict[str, str]
    pattern: re.Pattern[str]


@cache
def _labels(labels: tuple[str, ...]) -> _Labels:
    words = (r"\s+".join(map(re.escape, label.split())) for label in labels)
    pattern = re.compile(r"\s*(?:" + "|".join(f"({w})" for w in words) + r")(?=\s|:|$)", re.IGNORECASE)
    bare = {}
    for label in reversed(labels):  # the first label wins, as in the pattern
        bare[label.casefold()] = bare[label.casefold() + ":"] = label
    return _Labels(frozenset(label.split()[0].casefold().rstrip(":") for label in labels), bare, pattern)


@cache
def _first_word(label: str) -> str:
    return label.split(maxsplit=1)[0].casefold()


def labelled(line: str, label: str) -> str | None:
    """The value of a one-line `Label value` / `Label: value` line; `""` for the bare label; else None."""
    word = _first_word(label)
    if line[: len(word)].casefold() != word and not line[:1].isspace():
        return None  # the usual line: it does not start with the label's first word
    hit = first_labelled(line, (label,))
    return None if hit is None else hit[1]


def first_labelled(line: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """(label, value) for the first of `labels` that `line` starts with (whitespace and case aside)."""
    spec = _labels(labels)
    words = line.split(None, 1)
    if not words or words[0].casefold().rstrip(":") not in spec.first_words:
        return None  # most lines: values and text, not labels
    if len(line) <= 64:  # a bare label line: one dict lookup
        found = spec.bare.get(" ".join(line.split()).casefold())
        if found is not None:
            return found, ""
    hit = spec.pattern.match(line)
    if hit is None:
        return None
    rest = line[hit.end() :].lstrip()
    if rest.startswith(":"):
        rest = rest[1:]
    return labels[hit.lastindex - 1 if hit.lastindex else 0], " ".join(rest.split())


def form(lines: list[str], labels: tuple[str, ...]) -> tuple[list[tuple[str, str, list[int]]], list[int]]:
    """A label/value block: ([(label, value, indices of further lines)], indices of lines before any label).

    A label stands on its own line with the value on the next non-blank line, or shares the line with its
    value. Lines after a value, up to the next label, belong to that label (a multi-line value or debris).
    """
    rows: list[tuple[str, str, list[int]]] = []
    orphans: list[int] = []
    idx = nonblank(lines)
    k = 0
    while k < len(idx):
        hit = first_labelled(lines[idx[k]], labels)
        if hit is None:
            (rows[-1][2] if rows else orphans).append(idx[k])
            k += 1
            continue
        label, value = hit
        k += 1
        if value == "" and k < len(idx) and first_labelled(lines[idx[k]], labels) is None:
            value = lines[idx[k]].strip()
            k += 1
        rows.append((label, value, []))
    return rows, orphans
