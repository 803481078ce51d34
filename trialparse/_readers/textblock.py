"""Legacy CT.gov XML text: element text as read (`plain`), free text as CT.gov Markdown (`escape`), and the
hard-wrapped `<textblock>` bodies unwrapped into the Markdown a v2 record holds (`unwrap`)."""

from __future__ import annotations

import re
from typing import Any

# CT.gov's v2 conversion escaped these Markdown characters in free text (corpus: `<>[]^~&` always escaped).
_ESCAPED = tuple((c, "\\" + c) for c in "<>[]^~&*")  # and the backslash itself, first
# A list item as the legacy renderer wrote it, at a line's first non-space character: `-  ` (two or more spaces)
# or `1. ` / `10. `; then the spaces up to the item text.
_ITEM = re.compile(r"(-(?= {2})|\d{1,3}\.(?= ))( +)(?=\S)")
_LONE_DASH = re.compile(r"-(?: |$)")  # an author's own `- text` line: Markdown would make it a bullet
_WRAP_STEP = 5  # the renderer indents each list level by 5 columns (`-  ` plus 2)


def escape(text: str) -> str:
    """Free text as CT.gov Markdown: the characters v2 escapes get a backslash.

    One `in` scan per character (memchr speed) and a `replace` only for those present: `str.translate` with a
    dict looks every character up in Python, several times slower on the long textblocks.
    """
    if "\\" in text:  # first: the backslashes the others add must not be doubled
        text = text.replace("\\", "\\\\")
    for char, escaped in _ESCAPED:
        if char in text:
            text = text.replace(char, escaped)
    return text


def plain(text: str | None) -> str | None:
    """An element's text: CR/CRLF (`&#xD;`) as LF, outer whitespace trimmed; None when empty."""
    if not text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() or None


def unwrap(text: str | None) -> str | None:
    """A hard-wrapped `<textblock>` body as the Markdown a v2 record holds.

    Blank lines separate blocks; the lines of a block are joined with one space. `-  item` becomes
    `* item` and `1. item` stays, consecutive items joined by one newline (v2's tight lists), nested
    items indented by their parents' marker widths; every other block is a paragraph.
    """
    if not text or not text.strip():
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ITEM_LINE.search(text) is None and _FIRST_ITEM_LINE.match(text) is None:
        return _paragraphs(text)
    # Escaped once, before the split: escaping only puts a backslash before characters that no marker, indent or
    # line break is made of, so each unit's text comes out as if escaped on its own.
    text = escape(text)
    found = _simple_list(text)
    return (_lists(text) if found is None else found) or None


_FIRST_ITEM_LINE = re.compile(r" *[-\d]")  # a line that could be a list item (or a lone dash): the first,
_ITEM_LINE = re.compile(r"\n *[-\d]")  # or a later one
_INDENTS = re.compile(r"\n +")  # a line's leading spaces (a regex `sub` costs less than `lstrip` line by line)


def _paragraphs(text: str) -> str | None:
    """`unwrap` of a block with no list item (the fast path): paragraphs only, each at the left margin, their
    lines joined with one space, one blank line between them.

    String methods only: a regex split on blank-line runs (`\\n{2,}`) costs more than all of this."""
    body = _INDENTS.sub("\n", text.lstrip(" ")).strip("\n")  # every line's leading spaces: space-only lines empty
    # Split on blank lines: an odd run of line breaks leaves one at the start of the next part, a longer run
    # leaves empty parts.
    parts = [para.replace("\n", " ") for part in body.split("\n\n") if (para := part.lstrip("\n"))]
    return escape("\n\n".join(parts)) or None


# A unit: one paragraph or list item, as [marker (None: paragraph), indent, text column, lines, opens a run,
# the whole first line (numbered items only)].
_Unit = list[Any]


def _lists(text: str) -> str:
    """`unwrap` of a block that may hold list items (`text` LF-only and escaped).

    Lines that are not all spaces in a row form a run; a run's first line opens a unit, and so does a later line
    that is a list item (a `-` item at any indent, a numbered one indented past the base column); every other
    line continues the unit above, joined with one space. The base column (the `</textblock>` indent + 2, capped
    by the least-indented line) is only known at the end, so numbered items at or left of it are folded back
    into paragraphs (`_settle`). One Python step per line: the string work is `split`/`lstrip`/`join` in C.
    """
    units: list[_Unit] = []
    lines: list[str] = []
    least = len(text)  # the least indent of a line holding a non-space character
    in_run = numbered = False
    for line in text.split("\n"):
        body = line.lstrip(" ")
        if not body:  # all spaces: ends the run
            in_run = False
            continue
        indent = len(line) - len(body)
        if indent < least and not body.isspace():
            least = indent
        first = body[0]
        if (first == "-" or first.isdecimal()) and (hit := _ITEM.match(body)) is not None:
            marker = hit[1]
            numbered = numbered or marker != "-"
            lines = [body[hit.end() :]]
            units.append([marker, indent, indent + hit.end(), lines, not in_run, body])
        elif in_run:
            lines.append(body)
            continue
        else:
            lines = [body]
            units.append([None, indent, indent, lines, True, None])
        in_run = True
    end = text.rstrip("\n")
    tail = end[end.rfind("\n") + 1 :]  # the `</textblock>` line, when it is all spaces
    base = least if not tail or tail.strip(" ") else min(len(tail) + 2, least)
    return _render(_settle(units, base) if numbered else units, base)


def _simple_shape(base: int) -> re.Pattern[str]:
    """A block as the legacy renderer wrote a `-` list of one or two levels, its closing line indented
    `base - 2`: paragraph lines at the base column; items at the base column or base + 2 (the first level) or
    base + 7 (nested), their text 3 columns on; an item's wrapped lines at the base column or base + 3, 5 or
    10; units apart by one blank line, or by none before an item. A line that could open an item or a lone
    dash, or with white space past its indent, matches only where `_lists` reads it the same way."""
    margin = " " * base
    start = r"(?:[^\s\d\-]|(?!\d{1,3}\. ++\S)\d)"  # a line's first character, opening no item
    para = rf"{margin}{start}[^\n]*+"
    wrapped = rf"(?:\n{margin}(?:   |     |          )?{start}[^\n]*+)*+"
    item = rf"{margin}(?:  |       )?-  \S[^\n]*+{wrapped}"
    unit = rf"(?:{para}(?:\n{para})*+|{item})"
    return re.compile(rf"\n{unit}(?:\n\n{unit}|\n{item})*+\n {{{base - 2}}}")


# By the closing line's indent - 1: a block ending in a line break (indent 0) is read as if it ended a line
# earlier (`_lists` strips trailing line breaks), so it is left to `_lists`.
_SIMPLE = tuple(_simple_shape(indent + 2) for indent in range(1, 17))


def _simple_list(text: str) -> str | None:
    """`_lists` of a block of `_simple_shape`, in a few C-level passes (`replace`, `split`) instead of a Python
    step per line (corpus lists: ≈ 0.17 M instructions a block, against 0.22 M); None for any other block.
    Marks (XML text holds none of them; a text that does is left to `_lists`): `\\x00` opens an item,
    `\\x00\\x02` a nested one, `\\x01` a paragraph."""
    cut = text.rfind("\n")
    indent = len(text) - cut - 1
    if (not 0 < indent <= len(_SIMPLE) or "\x00" in text or "\x01" in text or "\x02" in text
            or _SIMPLE[indent - 1].fullmatch(text) is None):
        return None
    line = "\n" + " " * (indent + 2)  # a line break and the base column
    # Longer indents first: a shorter one is a prefix of them.
    body = ("\n\n" + text[1:cut]).replace(line + "       -  ", "\n\x00\x02").replace(line + "          ", " ")
    body = body.replace(line + "     ", " ").replace(line + "  -  ", "\n\x00").replace(line + "-  ", "\n\x00")
    body = body.replace(line + "   ", " ").replace("\n" + line, "\n\n\x01").replace(line, " ")
    # Consecutive items are one line apart; a paragraph's text runs to its line break, and the item after it
    # (if any) is a blank line away.
    chunks = body.replace("\n\n\x00", "\n\x00").split("\x01")
    for n in range(1, len(chunks)):
        chunks[n] = chunks[n].replace("\n\x00", "\n\n\x00", 1)
    body = "".join(chunks)
    return (body.replace("\x00\x02", "  * ") if "\x02" in body else body).replace("\x00", "* ").lstrip("\n")


def _settle(units: list[_Unit], base: int) -> list[_Unit]:
    """A numbered line at or left of the base column is no item: it continues the unit above, or opens a
    paragraph when it opens a run."""
    out: list[_Unit] = []
    for unit in units:
        marker = unit[0]
        if marker is None or marker == "-" or unit[1] > base:
            out.append(unit)
        elif unit[4]:
            out.append([None, unit[1], unit[1], [unit[5], *unit[3][1:]], True, None])
        else:
            out[-1][3].extend([unit[5], *unit[3][1:]])
    return out


def _render(units: list[_Unit], base: int) -> str:
    out: list[str] = []
    widths: list[int] = []  # marker width per open list level, for the v2 nesting indent
    previous: str | None = None  # the previous unit's marker (None: a paragraph, or no unit yet)
    level = -1  # the previous unit's nesting level
    for marker, indent, column, lines, _, _ in units:
        text = lines[0] if len(lines) == 1 else " ".join(lines)
        if marker is not None:
            level = max(0, round((column - base - _WRAP_STEP) / _WRAP_STEP))
            del widths[level:]
            if level > len(widths):
                widths.extend([2] * (level - len(widths)))
            shown = "*" if marker == "-" else marker
            line = f"{' ' * sum(widths)}{shown} {text}" if widths else f"{shown} {text}"
            widths.append(len(shown) + 1)
            if out:
                out.append("\n" if previous is not None else "\n\n")
        else:
            if previous is not None and indent > base:  # continues the item above (as in Markdown)
                line = " " * sum(widths[: level + 1]) + text
            else:
                level = -1
                line = "\\" + text if text[0] == "-" and _LONE_DASH.match(text) else text
            if out:
                out.append("\n\n")
        out.append(line)
        previous = marker
    return "".join(out)
