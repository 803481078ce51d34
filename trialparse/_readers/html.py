"""HTML study page → the line stream the page-text parser reads.

lxml's HTML parser runs with a target, so the page streams through `_Lines` as start/end/data events: no
tree is built, nothing recurses, and nesting deeper than libxml2's tree limit (256) loses no text. Block
elements end lines (a blank line between blocks, as on the text page); `<br>` ends a line; list items
become Markdown `* ` / `1. ` lines inside the Markdown sections (summary, description, eligibility),
consecutive items one line apart, nested ones indented by their parents' marker widths.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterator
from typing import Any, cast

from bs4.dammit import UnicodeDammit
from lxml import etree

from trialparse._split import HEADING_BY_SENTENCE, HEADING_BY_TEXT, fold
from trialparse.issues import ParseError

# Elements whose text is page furniture, not the record.
_SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "iframe", "nav", "svg", "math", "object", "embed",
    "select", "button", "textarea", "canvas", "audio", "video", "footer", "aside",
})
# Elements that start and end a line (a blank line on each side, like the text page's blocks).
_BLOCK = frozenset({
    "html", "body", "main", "header", "section", "article", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "blockquote", "pre", "address", "figure", "figcaption", "hr", "fieldset", "legend", "details", "summary",
    "center", "form",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MARKDOWN_SECTIONS = frozenset({"summary", "description", "eligibility"})  # where the text page has `* ` items
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; NBSP is text and survives
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG: a page labelled Latin-1 or ASCII is decoded as windows-1252.
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"})


def decode_html(data: bytes, *, name: str | None = None) -> str:
    """Text of an HTML page: by BOM, else the `<meta>` charset, else UTF-8, else detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        label = declared[1].decode("ascii", "replace").lower()
        label = "windows-1252" if label in _WINDOWS_1252 else label
        try:
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    dammit = UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=True)
    if dammit.unicode_markup is None:
        raise ParseError("cannot decode the HTML page as text", source=name)
    return dammit.unicode_markup


class _Lines:
    """The lxml parser target: collects text lines from start/end/data events."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.gap = 0  # pending break before the next text: 1 newline, 2 blank line
        self.started = False
        self.skip = 0  # depth inside furniture elements
        self.pre = 0
        self.lists: list[list[int]] = []  # open lists: [item number or 0 for `ul`, marker width]
        self.prefix: str | None = None  # a list marker waiting for the item's first text
        self.heading: list[str] | None = None
        self.section: str | None = None
        self.found_heading = False
        self.items = 0  # depth inside <li>

    # --- output --------------------------------------------------------------------------------

    def _apply_gap(self) -> None:
        if self.started:
            if self.cur:
                self.lines.append("".join(self.cur).rstrip(" "))
                self.cur = []
            if self.gap == 2:
                self.lines.append("")
        self.gap = 0

    def _emit(self, text: str) -> None:
        if self.gap or not self.cur:  # at a line start: white space before the text is layout
            text = text.lstrip(" ")
            if not text:
                return
            if self.gap:
                self._apply_gap()
            if self.prefix is not None:
                text, self.prefix = self.prefix + text, None
        self.cur.append(text)
        self.started = True

    def _line_break(self) -> None:
        if self.gap:
            self._apply_gap()
        self.lines.append("".join(self.cur).rstrip(" "))
        self.cur = []
        self.started = True

    # --- parser target -------------------------------------------------------------------------

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skip or tag in _SKIP:
            self.skip += 1
            return
        if tag == "br":
            self._line_break()
        elif tag == "li":
            self._item(attrib)
        elif tag in _BLOCK:
            if self.prefix is None:  # a block opening an item's content stays on the item's line
                self.gap = max(self.gap, 1 if tag in ("ul", "ol") and self.lists else 2)
            if tag in ("ul", "ol"):
                self.lists.append([self._start_number(attrib) - 1 if tag == "ol" else -1, 0])
            elif tag in _HEADINGS:
                self.heading = []
            elif tag == "pre":
                self.pre += 1

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag == "li":
            self.gap, self.prefix, self.items = max(self.gap, 1), None, max(0, self.items - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.gap = 1 if self.lists else 2  # a nested list ends inside its parent's tight list
        elif tag in _BLOCK:
            self.gap = max(self.gap, 1 if self.items else 2)
            if tag in _HEADINGS and self.heading is not None:
                self._heading("".join(self.heading))
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)

    def data(self, text: str) -> None:
        if self.skip:
            return
        if self.heading is not None:
            self.heading.append(text)
        if self.pre:
            first, *rest = text.split("\n")
            self._emit(first)
            for line in rest:
                self._line_break()
                self._emit(line)
            return
        self._emit(_SPACE.sub(" ", text))

    def close(self) -> list[str]:
        if self.cur:
            self.lines.append("".join(self.cur).rstrip(" "))
        return self.lines

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _start_number(attrib: dict[str, str]) -> int:
        start = attrib.get("start", "1").strip()
        return int(start) if start.isdigit() else 1

    def _item(self, attrib: dict[str, str]) -> None:
        self.gap = max(self.gap, 1)
        self.items += 1
        if self.section not in _MARKDOWN_SECTIONS or not self.lists:
            self.prefix = None
            return
        current = self.lists[-1]
        value = attrib.get("value", "").strip()
        if current[0] >= 0:
            current[0] = int(value) if value.isdigit() else current[0] + 1
            marker = f"{current[0]}. "
        else:
            marker = "* "
        current[1] = len(marker)
        self.prefix = " " * sum(width for _, width in self.lists[:-1]) + marker

    def _heading(self, text: str) -> None:
        self.heading = None
        name = HEADING_BY_TEXT.get(fold(text))
        if name is not None:
            self.section, self.found_heading = name, True


# --- Tree path: lxml builds the tree, an XSLT pass (libxslt, in C) writes the text with break markers, and a
# few whole-string operations (also in C) collapse the white space and turn the markers into newlines. Python
# touches only headings and list items, and each distinct run of markers once.
#
# Speed notes (bench/bench_xml_html.py): template patterns are all plain element names, which libxslt finds by
# hash; "inside a list item" is an XSLT mode, not an `li//x` pattern (an ancestor walk per element), and the
# item-flattening predicate is only tried inside items (a `*[@…]` pattern is evaluated on every element). Each
# marker is written `_MARK kind _MARK`, so that a run of markers becomes `_MARK kinds _MARK` with one replace,
# and the runs are resolved by a few whole-string replaces: no regex scan, no Python call per run.

_MARK = "\ue000"  # brackets every break marker
_GAP, _NL, _BR = "\ue005", "\ue001", "\ue002"  # marker kinds: blank line, newline, `<br>` (private-use characters)
_SENTINELS = str.maketrans("", "", _MARK + _GAP + _NL + _BR + "\ue003\ue004")
_NBSP = "\ue003"  # NBSP is text, not layout: hidden from str.split() while white space collapses
_INDENT = "\ue004"  # a nested item's indentation, which must survive the collapse
_TOO_DEEP = "ERR_RESOURCE_LIMIT"  # libxml2 stops building a tree below 256 levels
_FLAT = "data-trialparse-flat"  # set on blocks between a list item and its first words: they add no break


def _stylesheet() -> str:
    skip = "|".join(sorted(_SKIP))
    blocks = "|".join(sorted(_BLOCK))
    gap, nl, br = (f"&#x{ord(_MARK):X};&#x{ord(kind):X};&#x{ord(_MARK):X};" for kind in (_GAP, _NL, _BR))
    return f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="{skip}" priority="9"/>
<xsl:template match="br" priority="8">{br}</xsl:template>
<xsl:template match="li" priority="6">{nl}<xsl:apply-templates mode="li"/>{nl}</xsl:template>
<xsl:template match="{blocks}" priority="4">{gap}<xsl:apply-templates/>{gap}</xsl:template>
<xsl:template match="{skip}" priority="9" mode="li"/>
<xsl:template match="br" priority="8" mode="li">{br}</xsl:template>
<xsl:template match="*[@{_FLAT}]" priority="7" mode="li"><xsl:apply-templates mode="li"/>{nl}</xsl:template>
<xsl:template match="li|{blocks}" priority="5" mode="li">{nl}<xsl:apply-templates mode="li"/>{nl}</xsl:template>
</xsl:stylesheet>"""


_LOCAL = threading.local()  # XSLT and parser objects stay in the thread that made them


def _transform() -> etree.XSLT:
    xslt: etree.XSLT | None = getattr(_LOCAL, "xslt", None)
    if xslt is None:
        xslt = _LOCAL.xslt = etree.XSLT(etree.XML(_stylesheet()))
    return xslt


class _Items:
    """Section tracking (by heading) and Markdown markers for the list items of the Markdown sections."""

    def __init__(self) -> None:
        self.section: str | None = None
        self.found_heading = False
        self.numbers: dict[etree._Element, int] = {}
        self.widths: dict[etree._Element, int] = {}

    def heading(self, el: etree._Element) -> None:
        text = "".join(cast(Iterator[str], el.itertext())) if len(el) else el.text or ""  # most have no children
        name = HEADING_BY_TEXT.get(fold(text))
        if name is not None:
            self.section, self.found_heading = name, True

    def item(self, li: etree._Element) -> None:
        parent = li.getparent()
        if self.section not in _MARKDOWN_SECTIONS or parent is None or parent.tag not in ("ul", "ol"):
            return
        marker = self._marker(li, parent)
        self.widths[li] = len(marker)
        indent = sum(self.widths.get(a, 2) for a in li.iterancestors("li"))
        target = _first_text(li)
        if target is None:
            return
        if target is not li:
            for node in target.iterancestors():
                if node is li:
                    break
                node.set(_FLAT, "")
            if target.tag in _BLOCK:
                target.set(_FLAT, "")
        target.text = _INDENT * indent + marker + (target.text or "").lstrip(" \t\n\r\f")

    def _marker(self, li: etree._Element, parent: etree._Element) -> str:
        if parent.tag == "ul":
            return "* "
        value = li.get("value", "").strip()
        if value.isdigit():
            number = int(value)
        elif parent in self.numbers:
            number = self.numbers[parent] + 1
        else:
            start = parent.get("start", "1").strip()
            number = int(start) if start.isdigit() else 1
        self.numbers[parent] = number
        return f"{number}. "


def _first_text(li: etree._Element) -> etree._Element | None:
    """The element of `li` whose `.text` holds the item's first words (None: the item has no words)."""
    for node in li.iter():
        if node.tag in _SKIP:
            continue
        if node.text and node.text.strip():
            return node
        if node is not li and node.tail and node.tail.strip():
            return li  # words in a tail (`<li><b></b> text`): the marker goes first in the item
    return None


def _resolve(text: str) -> str:
    """HTML white space collapsed (NBSP kept), break markers turned into newlines.

    Between two pieces of text, a run of markers stands for: each `<br>` one newline; a blank-line or newline
    marker (several of them count as the strongest) two or one newlines after text, one or none after a `<br>`.
    White space next to a run is layout and goes; runs at either end go.
    """
    mark, gap, nl, br = _MARK, _GAP, _NL, _BR
    if "\xa0" in text:
        text = " ".join(text.replace("\xa0", _NBSP).split()).replace(_NBSP, "\xa0")
    else:
        text = " ".join(text.split())
    # `text M k M M k M text` → `textMkkMtext`
    text = text.replace(" " + mark, mark).replace(mark + " ", mark).replace(mark + mark, "")
    text = text.strip(mark + gap + nl + br)
    while nl + nl in text:  # runs of gap/newline kinds → the strongest one
        text = text.replace(nl + nl, nl)
    while gap + nl in text:
        text = text.replace(gap + nl, gap)
    while nl + gap in text:
        text = text.replace(nl + gap, gap)
    while gap + gap in text:
        text = text.replace(gap + gap, gap)
    if br in text:  # after a `<br>` the line is already ended: a gap adds one newline, a newline none
        text = text.replace(br + gap, br + "\n").replace(br + nl, br).replace(br, "\n")
    text = text.replace(mark, "").replace(gap, "\n\n").replace(nl, "\n")
    return text.replace(_INDENT, " ") if _INDENT in text else text


def _tree_lines(root: etree._Element) -> tuple[str, bool]:
    items = _Items()
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "li"):
        if el.tag == "li":
            if items.section in _MARKDOWN_SECTIONS:
                items.item(el)
        else:
            items.heading(el)
    return _resolve(str(_transform()(root))), items.found_heading


def _stream_lines(data: str) -> tuple[str, bool]:
    """The streaming path, for pages nested deeper than libxml2 builds trees."""
    target = _Lines()
    parser = etree.HTMLParser(target=cast(Any, target), no_network=True, remove_comments=True, remove_pis=True)
    lines = cast(list[str], etree.fromstring(data, parser))  # what the target's close() returns
    return "\n".join(lines).strip("\n"), target.found_heading


def _is_trial_page(text: str) -> bool:
    return any((key := fold(line)) in HEADING_BY_TEXT or key in HEADING_BY_SENTENCE for line in text.split("\n"))


def html_to_text(data: str | bytes, *, name: str | None = None) -> str:
    """The page text of an HTML study page; ParseError when the page shows no study page heading."""
    if isinstance(data, bytes):
        data = decode_html(data, name=name)
    if (declaration := _XML_DECLARATION.match(data)) is not None:  # match, not sub: sub scans the page
        data = data[declaration.end() :]
    if not data.strip():
        raise ParseError("not a trial page: empty HTML", source=name)
    if any(mark in data for mark in (_MARK, _GAP, _NL, _BR, _NBSP, _INDENT)):
        data = data.translate(_SENTINELS)  # private-use characters carry no text; they would read as breaks
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
        deep = any(e.type_name == _TOO_DEEP for e in parser.error_log)
        text, found = _stream_lines(data) if deep or root is None else _tree_lines(root)
    except etree.LxmlError as exc:
        raise ParseError(f"unreadable HTML: {exc}", source=name) from None
    if not found and not _is_trial_page(text):
        raise ParseError("not a trial page: the HTML has no study page heading", source=name)
    return text + "\n"
