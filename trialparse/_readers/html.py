"""HTML study page → the line stream the page-text parser reads.

lxml's HTML parser (libxml2) builds the tree and one libxslt stylesheet writes its text, white space already
collapsed, with a break marker at each block edge, list item and `<br>`; a few whole-byte-string operations
turn the markers into line ends (`_resolve`). Block elements end lines (a blank line between blocks, as on
the text page); `<br>` ends a line; list items become Markdown `* ` / `1. ` lines inside the Markdown sections
(summary, description, eligibility), consecutive items one line apart, nested ones indented by their parents'
marker widths. Pages nested deeper than libxml2 builds trees stream through `_Lines` (parser target events)
under the same rules.
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

# Elements whose text is page furniture, not the record. (`embed` is not among them: it is a void element,
# and libxml2 nests whatever follows an `<embed>` inside it.)
_SKIP = frozenset({
    "head", "title", "script", "style", "noscript", "template", "iframe", "nav", "svg", "math", "object",
    "select", "button", "textarea", "canvas", "audio", "video", "footer", "aside", "noembed", "noframes",
})
# Furniture whose content libxml2 keeps as raw text: left open, it swallows the rest of the page as text.
_RAW_TEXT = frozenset({"title", "script", "style", "iframe", "textarea", "noembed", "noframes"})
# The other furniture: left open, it holds the rest of the page as elements.
_CONTAINERS = frozenset({
    "noscript", "template", "nav", "svg", "math", "object", "select", "button", "canvas", "audio", "video",
    "footer", "aside",
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
# A nested item's indentation, at most: only lists nested deeper than a tree holds (some 127 levels) or numbered
# with very long numbers reach it; without it a page nesting thousands of lists writes text growing with the square
# of its size.
_MAX_INDENT = 512
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


def _number(text: str) -> int | None:
    """An `ol@start` / `li@value` number, or None (`isdigit` would let `²` through to a failing `int`)."""
    text = text.strip()
    if not text.isdecimal():
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() converts
        return None


def _start(start: str | None) -> int:
    """The number of an `ol`'s first item."""
    number = _number(start or "")
    return 1 if number is None else number


class _Lines:
    """The lxml parser target: collects text lines from start/end/data events."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.gap = 0  # pending break before the next text: 1 newline, 2 blank line
        self.started = False
        self.skip = 0  # depth inside furniture elements
        self.pre = 0
        self.lists: list[list[int]] = []  # open lists: [1 for `ol` else 0, last item number, marker width]
        self.outer = 0  # the marker widths of the open lists but the innermost: its items' indentation
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
                self.gap = max(self.gap, 1 if self.items or (tag in ("ul", "ol") and self.lists) else 2)
            if tag in ("ul", "ol"):
                if self.lists:
                    self.outer += self.lists[-1][2]
                self.lists.append([tag == "ol", _start(attrib.get("start")) - 1 if tag == "ol" else 0, 0])
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
                if self.lists:
                    self.outer -= self.lists[-1][2]
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

    def _item(self, attrib: dict[str, str]) -> None:
        self.gap = max(self.gap, 1)
        self.items += 1
        if self.section not in _MARKDOWN_SECTIONS or not self.lists:
            self.prefix = None
            return
        current = self.lists[-1]
        if current[0]:
            value = _number(attrib.get("value", ""))
            current[1] = value if value is not None else current[1] + 1
            marker = f"{current[1]}. "
        else:
            marker = "* "
        current[2] = len(marker)
        self.prefix = " " * min(self.outer, _MAX_INDENT) + marker

    def _heading(self, text: str) -> None:
        self.heading = None
        name = HEADING_BY_TEXT.get(fold(text))
        if name is not None:
            self.section, self.found_heading = name, True


# --- Tree path: lxml builds the tree and one libxslt pass writes the whole text, its white space collapsed by
# `normalize-space()` on the whole output, with a break marker at every block edge, list item and `<br>`.
# Python then turns the markers into line ends with a few whole-byte-string operations (`_resolve`), in C:
# no Python call per element, per text node or per line.
#
# Speed notes (bench/bench_xml_html.py, 2-core machine, CPU time; plain markup ≈ 8.5 KB of text a page):
# - libxslt evaluates no XPath per node here: template patterns are plain element names (found by hash),
#   "inside a list item" is an XSLT mode, and the predicates (item flattening, furniture that may have been
#   left open) are only tried on the few elements they name. A `text()` template or a per-node `xsl:if` costs
#   ≈ 0.1 µs a node, more than everything below together; `translate()` over the output ≈ 400 µs a page.
# - A block template hands its children on with `xsl:apply-imports`: with no imported stylesheet that is the
#   built-in rule (children in document order, in the current mode, text copied), the same as
#   `xsl:apply-templates` without the node-set libxslt builds for each element (≈ 11 % of the stylesheet's
#   instructions). The `li` template switches to the `li` mode, so it keeps `xsl:apply-templates mode="li"`.
# - An XSLT call costs ≈ 85 k instructions before any template runs (context, function tables); lxml's EXSLT
#   regexp functions, registered on every call unless `regexp=False`, were ≈ 10 k of them.
# - `normalize-space()` of the whole output (kept in a variable) ≈ 20-30 µs; `" ".join(text.split())` in
#   Python ≈ 80-120 µs.
# - Each marker is written with a space on each side, so that after `normalize-space()` every marker stands
#   between single spaces: a run of markers is a fixed byte pattern (see `_resolve`).
# - Bytes, not str: decoding output with private-use markers makes a UCS-2 str (≈ 15-45 µs a page) and every
#   pass over it slower. A `bytes` pass costs ≈ 1 µs for a one-byte needle (memchr), 5-20 µs for a longer one
#   (more when the needle ends with a frequent byte, like a space), plus ≈ 20-30 ns per match: the reader
#   makes two passes on most pages (`split` + `join`: one scan, where `replace` makes two).

_G, _N, _B = "\ue005", "\ue001", "\ue002"  # break markers: blank line (block), newline (list item), `<br>`
_INDENT = "\ue004"  # a nested item's indentation, which must survive the white-space collapse
_FLAG = "\ue003"  # written by furniture that holds headings or end tags: it may have been left open
_MARKERS = (_G, _N, _B, _INDENT, _FLAG)  # private-use characters the input loses
_SENTINELS = str.maketrans("", "", "".join(_MARKERS))
_GB, _NB, _BB, _INDENT_B, _FLAG_B = (c.encode() for c in (_G, _N, _B, _INDENT, _FLAG))
_KINDS = frozenset({_GB, _NB, _BB})
_PAIR = b" " + _GB + b" " + _GB + b" "  # a block's end and its sibling's start: a blank line
_BREAK = b" " + _BB + b" "  # a `<br>` between two pieces of text: a newline
_THREE = _GB + b" " + _GB + b" " + _GB  # three gaps in a row: nested blocks
_LEFT = {kind: b" " + kind for kind in (_GB, _NB)}  # a marker and the space before it
# Whole runs (after runs of one kind are made one marker), with the spaces around them, and their lines.
_RUNS = (
    (b" " + _GB + b" " + _NB + b" ", b"\n\n"), (b" " + _NB + b" " + _GB + b" ", b"\n\n"),
    (b" " + _NB + b" ", b"\n"), (b" " + _GB + b" ", b"\n\n"), (_BREAK, b"\n"),
)
_TOO_DEEP = "ERR_RESOURCE_LIMIT"  # libxml2 stops building a tree below 256 levels
# The name the elements between a list item and its first words carry during the transform: they add no break.
# Upper case: libxml2 lower-cases every tag it parses, so no page element has it. (A name, not an attribute:
# libxslt finds a template by name in a hash, but tests a `*[@attribute]` pattern on every element, counting the
# element's siblings each time: quadratic in a list item with thousands of child elements.)
_FLAT_TAG = "TRIALPARSE-FLAT"
_REOPENED = "span"  # furniture left open that held the rest of the page: read as a plain inline element
_ROUNDS = 16  # pieces of furniture left open that are undone, at most (each costs a read of the page)


def _stylesheet() -> str:
    skip = "|".join(sorted(_SKIP))
    blocks = "|".join(sorted(_BLOCK))
    gap, nl, br = (f" &#x{ord(kind):X}; " for kind in (_G, _N, _B))
    headings = "|".join(f".//{h}" for h in sorted(_HEADINGS))
    suspect = "|".join([f"{tag}[{headings}]" for tag in sorted(_CONTAINERS)]
                       + [f"{tag}[contains(., '&lt;/')]" for tag in sorted(_RAW_TEXT - {"script"})])
    flag = f"&#x{ord(_FLAG):X};"
    return f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
<xsl:variable name="text"><xsl:apply-templates/></xsl:variable><xsl:value-of select="normalize-space($text)"/>
</xsl:template>
<xsl:template match="{suspect}" priority="10">{flag}</xsl:template>
<xsl:template match="{skip}" priority="9"/>
<xsl:template match="br" priority="8">{br}</xsl:template>
<xsl:template match="li" priority="6">{nl}<xsl:apply-templates mode="li"/>{nl}</xsl:template>
<xsl:template match="{blocks}" priority="4">{gap}<xsl:apply-imports/>{gap}</xsl:template>
<xsl:template match="{suspect}" priority="10" mode="li">{flag}</xsl:template>
<xsl:template match="{skip}" priority="9" mode="li"/>
<xsl:template match="br" priority="8" mode="li">{br}</xsl:template>
<xsl:template match="{_FLAT_TAG}" priority="7" mode="li"><xsl:apply-imports/>{nl}</xsl:template>
<xsl:template match="li|{blocks}" priority="5" mode="li">{nl}<xsl:apply-imports/>{nl}</xsl:template>
</xsl:stylesheet>"""


_LOCAL = threading.local()  # XSLT and parser objects stay in the thread that made them


def _parser() -> etree.HTMLParser:
    """This thread's HTML parser (no network, comments and processing instructions dropped), reused: a new
    one per page costs more than its parse of a small page saves. No `id` table (`collect_ids=False`): nothing
    looks elements up by id, and libxml2 would hash every `id` attribute (≈ 0.3-0.4 % of the parse). Not
    `remove_blank_text`: libxml2 drops white space after inline elements outside its own short list (`sup`,
    `sub`, `img`, `time`, `mark`, unknown tags: `H<sup>2</sup> <b>x</b>` would read `H2x`), and its test costs
    more than the text nodes it saves (+13 % / +5 % parse instructions, plain / div markup)."""
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, collect_ids=False)
    return parser


def _transform() -> etree.XSLT:
    xslt: etree.XSLT | None = getattr(_LOCAL, "xslt", None)
    if xslt is None:
        xslt = _LOCAL.xslt = etree.XSLT(etree.XML(_stylesheet()), regexp=False)  # no EXSLT regexp set-up per call
    return xslt


_Flat = list[tuple[etree._Element, str]]  # elements to carry _FLAT_TAG during the transform, with their own tags
# Characters libxml2 keeps in text (from the page or its character references) that lxml will not set on a node.
_UNSETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STAND_IN_BLOCKS = range(0xF0000, 0xFFE00, 0x200)  # plane 15 (private use), a block of 512 code points at a time


class _Items:
    """Section tracking (by heading) and Markdown markers for the list items of the Markdown sections."""

    def __init__(self, flat: _Flat) -> None:
        self.section: str | None = None
        self.found_heading = False
        self.changed = False
        self.numbers: dict[etree._Element, int] = {}
        self.widths: dict[etree._Element, int] = {}
        self.indents: dict[etree._Element, int] = {}  # by list: its items' indentation
        self.flat = flat
        self.root: etree._Element | None = None
        self.stand_ins: dict[str, str] = {}  # an unsettable character → the character standing in for it
        self.page: str | None = None  # the page's text, once a stand-in is needed: stand-ins must not be in it

    def run(self, root: etree._Element) -> bool:
        """Markers into the items' text; whether a heading element names a study page section."""
        self.root = root
        for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "li"):
            if el.tag != "li":
                self.heading(el)
            elif self.section in _MARKDOWN_SECTIONS:
                self.item(el)
        return self.found_heading

    def heading(self, el: etree._Element) -> None:
        text = "".join(cast(Iterator[str], el.itertext())) if len(el) else el.text or ""  # most have no children
        name = HEADING_BY_TEXT.get(fold(text))
        if name is not None:
            self.section, self.found_heading = name, True

    def item(self, li: etree._Element) -> None:
        parent = li.getparent()
        if parent is None or parent.tag not in ("ul", "ol"):
            return
        marker = self._marker(li, parent)
        self.widths[li] = len(marker)
        indent = self.indents.get(parent)
        if indent is None:  # once a list, not once an item: the same for all its items
            indent = sum(self.widths.get(a, 2) for a in li.iterancestors("li"))
            indent = self.indents[parent] = min(indent, _MAX_INDENT)
        found = _first_words(li)
        if found is None:
            return
        node, in_tail = found
        self.changed = True
        holder = cast(etree._Element, node.getparent()) if in_tail else node  # the element the words are in
        if holder is not li:
            self._flatten(li, holder)
        text = _INDENT * indent + marker + ((node.tail if in_tail else node.text) or "").lstrip(" \t\n\r\f")
        try:
            _set(node, in_tail, text)
        except ValueError:  # a character lxml will not set: a stand-in meanwhile, put back in the output
            if self.page is None:  # lxml dropped the old text before it refused the new one: `text` holds it
                self.page = "".join(cast(Iterator[str], li.getroottree().getroot().itertext())) + text
            _set(node, in_tail, _UNSETTABLE.sub(self._stand_in, text))

    def _stand_in(self, match: re.Match[str]) -> str:
        """A private-use character the page does not hold, one for each unsettable character (its offset in a
        block of 512); U+FFFD when the page holds every one of them."""
        char, page = match.group(), self.page or ""
        if char not in self.stand_ins:
            free = (chr(base + ord(char) % 0x200) for base in _STAND_IN_BLOCKS)
            self.stand_ins[char] = next((c for c in free if c not in page), "\ufffd")
        return self.stand_ins[char]

    def restore(self, out: bytes) -> bytes:
        """The stylesheet's output with the characters the stand-ins stood for."""
        for char, stand_in in self.stand_ins.items():
            if stand_in != "\ufffd":
                out = out.replace(stand_in.encode(), char.encode())
        return out

    def _flatten(self, li: etree._Element, target: etree._Element) -> None:
        """Records the blocks and items between `li` and its first words (and `target`, if a block) for _FLAT_TAG:
        inline elements add no break to take away. Not furniture, whose own templates come first, nor anything
        inside furniture, which is never read: a furniture template looks at the names of its descendants
        (`nav[.//h2]`), which must stay."""
        chain = [target] if target.tag in _BLOCK else []
        for node in target.iterancestors():
            if node is li:
                break
            chain.append(node)
        for at in range(len(chain) - 1, -1, -1):  # outermost first: what is below furniture is inside it
            if chain[at].tag in _SKIP:
                chain = chain[at + 1 :]
                break
        if chain and next(li.iterancestors(*_SKIP), None) is None:  # blocks and items: inline elements add no break
            self.flat.extend((node, node.tag) for node in chain if node.tag in _BLOCK or node.tag == "li")

    def _marker(self, li: etree._Element, parent: etree._Element) -> str:
        if parent.tag == "ul":
            return "* "
        number = _number(li.get("value", ""))
        if number is None:
            number = self.numbers[parent] + 1 if parent in self.numbers else _start(parent.get("start"))
        self.numbers[parent] = number
        return f"{number}. "


def _first_words(li: etree._Element) -> tuple[etree._Element, bool] | None:
    """Where the item's first words are, in document order: the element whose text holds them, or whose tail does
    (True); None when the item has none. Furniture's text is no words; its tail is."""
    walk = etree.iterwalk(li, events=("start", "end"))
    for event, node in walk:
        if event == "start":
            if node.tag in _SKIP:
                walk.skip_subtree()
            elif node.text and node.text.strip():
                return cast(etree._Element, node), False
        elif node is not li and node.tail and node.tail.strip():
            return cast(etree._Element, node), True  # `<li><p></p> words`: the marker goes after the block
    return None


def _set(node: etree._Element, in_tail: bool, text: str) -> None:
    if in_tail:
        node.tail = text
    else:
        node.text = text


def _trim(out: bytes) -> bytes:
    """The stylesheet's output with form feeds collapsed (HTML white space, which normalize-space() leaves
    alone) and without the runs of markers before the first text and after the last."""
    if b"\x0c" in out:
        out = b" ".join(filter(None, out.replace(b"\x0c", b" ").split(b" ")))
    start, end = 0, len(out)
    while out[start : start + 3] in _KINDS:
        start += 4  # the marker and the space after it
    while end > start and out[end - 3 : end] in _KINDS:
        end -= 4
    return out[start:end] if start or end < len(out) else out


def _resolve(out: bytes, items: bool = True) -> bytes | None:
    """The lines of trimmed output (white space collapsed, each marker between single spaces), each ending in a
    newline, when its runs of markers have the common shapes; None when one has another shape (see
    _resolve_runs). `items`: the output may hold list items (False: the page shows none, no need to look for
    their markers).

    Between two pieces of text, a run of markers stands for: each `<br>` one newline; a blank-line or newline
    marker (several of them count as the strongest) two or one newlines after text, one or none after a `<br>`.
    The spaces around a run are layout and go.

    Every marker stands between two spaces, shared with its neighbours in a run; each step below replaces a
    run with the spaces around it. A run is therefore replaced only when it is exactly the pattern: a match
    inside a longer run takes a space its neighbour needs, and the neighbour is left over, to be seen. The
    commonest runs, a block's end and its sibling's start (`G G`) and a `<br>`, take one pass each; other
    pages first make each run of one kind one marker, then replace the runs left by shape. (split + join scan
    the bytes once, where replace scans them twice.)
    """
    if not (items and _NB in out) and _THREE not in out:
        pieces = b"\n\n".join(out.split(_PAIR)).split(_BREAK)
        pieces.append(b"")  # the last line's newline, without another copy of the page
        lines = b"\n".join(pieces)
        if b"\xee" not in lines:
            return lines
    for kind, left in _LEFT.items():
        if kind + b" " + kind in out:
            out = left.join(filter(None, out.split(left)))  # a run of `kind` → one `kind`
    for run, line in _RUNS:
        if run in out:
            out = line.join(out.split(run))
    lines = out.replace(_INDENT_B, b" ") if _INDENT_B in out else out
    return None if b"\xee" in lines else lines + b"\n"  # 0xEE leads U+E000-U+EFFF only, markers among them


def _resolve_runs(out: bytes) -> bytes:
    """Every run, whatever its markers: the spaces before the markers go, the kinds merge, then the markers
    become newlines and the one space left after each run goes. Each line ends in a newline."""
    gap, nl, br = _GB, _NB, _BB
    if gap + b" " + gap in out:  # runs of gaps (nested blocks) → one gap, in one pass
        out = _LEFT[gap].join(filter(None, out.split(_LEFT[gap])))
    for kind in (gap, nl, br):
        if kind in out:
            out = out.replace(b" " + kind, kind)
    if nl in out:
        while nl + nl in out:
            out = out.replace(nl + nl, nl)
        while gap + nl in out:
            out = out.replace(gap + nl, gap)
        while nl + gap in out:
            out = out.replace(nl + gap, gap)
        while gap + gap in out:
            out = out.replace(gap + gap, gap)
    if br in out:  # after a `<br>` the line is already ended: a gap adds one newline, a newline none
        out = out.replace(br + gap, br + b"\n").replace(br + nl, br).replace(br, b"\n")
        out = out.replace(gap, b"\n\n").replace(nl, b"\n").replace(b"\n ", b"\n")
    else:  # the last marker of each run takes the space after the run with it
        out = out.replace(gap + b" ", b"\n\n")
        if nl in out:
            out = out.replace(nl + b" ", b"\n")
        if b"\xee" in out:
            out = out.replace(gap, b"\n\n").replace(nl, b"\n")
    return (out.replace(_INDENT_B, b" ") if _INDENT_B in out else out) + b"\n"


def _reopen(root: etree._Element, data: str) -> tuple[etree._Element, str] | None:
    """Furniture the page left open, which swallowed page content after it, undone; None when there is none.

    Raw-text furniture (`<iframe>`, `<script>`, `<title>`, ...) left open holds what follows it as text, up to
    the next end tag of its name or the end of the page: the page is parsed again without its start tag (a new
    root and text are returned). Other furniture (`<object>`, `<noscript>`, `<template>`, `<nav>`, ...) left
    open holds what follows as elements: it is read in place as a plain inline element (the same root). Only
    furniture that holds a study page heading (a heading element, or a line that is one) counts: anything else
    stays dropped. One element a call: each call reads the page once (no element is looked into twice).
    """
    for el in root.iter(*_RAW_TEXT):
        text, tag = el.text, el.tag
        if text and "</" in text and (re.search(rf"<{tag}\b", text, re.IGNORECASE) or _same_end(text, data)):
            swallowed = etree.fromstring(text, _parser())
            if swallowed is not None and _shows_study(swallowed):
                reparsed = _reparse_without(tag, data)
                if reparsed is not None:
                    return reparsed
    left_open: dict[str, bool] = {}
    without = None
    for el in root.iter(*_CONTAINERS):
        if without is not None and any(a is without for a in el.iterancestors()):
            continue  # inside furniture that holds no heading: neither does this
        tag = el.tag
        if tag not in left_open:  # once a name: a page may hold thousands of them
            left_open[tag] = _left_open(tag, data)
        if not left_open[tag]:
            continue
        if _shows_study(el):  # the outermost one; one within it is seen in the next round, if need be
            el.tag = _REOPENED
            return root, data
        without = el
    return None


def _shows_study(el: etree._Element) -> bool:
    """`el` holds a study page heading, as a heading element or as a text of its own."""
    return _has_heading_element(el) or _is_trial_page("\n".join(cast(Iterator[str], el.itertext())))


def _left_open(tag: str, data: str) -> bool:
    """The page has more start tags than end tags named `tag`."""
    opened = sum(1 for _ in re.finditer(rf"<{tag}\b", data, re.IGNORECASE))
    return opened > sum(1 for _ in re.finditer(rf"</{tag}\b", data, re.IGNORECASE))


def _reparse_without(tag: str, data: str) -> tuple[etree._Element, str] | None:
    """The page parsed again without the start tag of the raw-text element `tag` that swallowed what follows
    it (found in the source: the first whose text holds end tags and runs to the end of the page or over
    another start tag of its name); None when the source shows none."""
    starts, ends = re.compile(rf"<{tag}\b[^>]*>", re.IGNORECASE), re.compile(rf"</{tag}\b", re.IGNORECASE)
    for opened in starts.finditer(data):
        closed = ends.search(data, opened.end())
        text = data[opened.end() : closed.start() if closed else len(data)]
        if "</" in text and (closed is None or starts.search(text)):
            data = data[: opened.start()] + data[opened.end() :]
            parser = _parser()
            root = etree.fromstring(data, parser)
            return None if root is None or _too_deep(parser) else (root, data)
    return None


def _same_end(text: str, data: str) -> bool:
    """`text` (white space at its end aside) ends `data` (likewise): its last 200 characters do."""
    text_end, data_end = len(text), len(data)
    while text_end and text[text_end - 1].isspace():
        text_end -= 1
    while data_end and data[data_end - 1].isspace():
        data_end -= 1
    size = min(text_end, 200)
    return size > 0 and data.startswith(text[text_end - size : text_end], data_end - size, data_end)


def _too_deep(parser: etree.HTMLParser) -> bool:
    last = parser.error_log.last_error
    return last is not None and last.type_name == _TOO_DEEP


def _tree_lines(root: etree._Element, data: str) -> tuple[str, bool]:
    """The page text (each line ending in a newline), and whether the page shows a study page heading (as an
    element or a line)."""
    transform = _transform()
    flat: _Flat = []  # kept over the rounds, like the markers; a reread page's new tree has none of them
    marked: _Items | None = None  # the list-item pass, once a tree: furniture reopened in place keeps the tree
    for last in range(_ROUNDS, -1, -1):  # each round undoes one piece of furniture left open (a page has few)
        found = None
        if marked is not None and marked.root is not root:  # the page was read again: a new tree
            marked = None
        # List items: in the Markdown sections their text gets `* ` / `1. ` markers, before the stylesheet
        # runs when the first item is in sight, else (all, or the first, in furniture, like a `<nav>` menu)
        # after it, if its output shows an item.
        first = next(root.iter("li"), None)
        if first is not None and next(first.iterancestors(*_SKIP), None) is None:
            marked = _marked(marked, root, flat)
            found = marked.found_heading
        out = _transformed(transform, root, flat, marked)
        items = found is not None
        if first is not None and not items and _NB in out:
            was, marked = marked, _marked(marked, root, flat)
            found, items = marked.found_heading, True
            if marked is not was and marked.changed:
                out = _transformed(transform, root, flat, marked)
        trimmed = _trim(out)
        lines = _resolve(trimmed, items)
        if lines is None:  # runs of other shapes, or furniture holding headings or end tags
            if _FLAG_B in out:
                reopened = _reopen(root, data) if last else None
                if reopened is not None:  # it was left open: read the page again
                    root, data = reopened
                    continue
                trimmed = _trim(_unflag(out))  # it was not: it adds no text
                lines = _resolve(trimmed, items)
            if lines is None:
                lines = _resolve_runs(trimmed)
        text = lines.decode("utf-8")
        if found or _is_trial_page(text) or (found is None and _has_heading_element(root)):
            return text, True
        reopened = _reopen(root, data) if last else None  # no heading: left-open furniture may hold the page
        if reopened is None:
            return text, False
        root, data = reopened
    raise AssertionError("unreachable: the last round returns")


def _marked(items: _Items | None, root: etree._Element, flat: _Flat) -> _Items:
    """The list-item pass over `root`, run once a tree: a round that reopens furniture in place keeps the tree and
    the markers the pass wrote into it (a second pass would write them twice)."""
    if items is None or items.root is not root:
        items = _Items(flat)
        items.run(root)
    return items


def _transformed(transform: etree.XSLT, root: etree._Element, flat: _Flat, items: _Items | None) -> bytes:
    """The stylesheet's output, the elements in `flat` named _FLAT_TAG meanwhile (their tags restored after),
    with the characters the list-item pass had to stand in for."""
    for node, _ in flat:
        node.tag = _FLAT_TAG
    try:
        out = bytes(transform(root))
    finally:
        for node, tag in flat:  # names of blocks and items: lxml sets them (not every name libxml2 makes)
            node.tag = tag
    return items.restore(out) if items is not None and items.stand_ins else out


def _unflag(out: bytes) -> bytes:
    """The output without the flags furniture wrote, its spaces collapsed again."""
    return b" ".join(filter(None, out.replace(_FLAG_B, b"").split(b" "))) if _FLAG_B in out else out


def _stream_lines(data: str) -> tuple[str, bool]:
    """The streaming path, for pages nested deeper than libxml2 builds trees (as _tree_lines)."""
    target = _Lines()
    parser = etree.HTMLParser(target=cast(Any, target), no_network=True, remove_comments=True, remove_pis=True)
    lines = cast(list[str], etree.fromstring(data, parser))  # what the target's close() returns
    return "\n".join(lines).strip("\n") + "\n", target.found_heading


def _is_trial_page(text: str) -> bool:
    """A line of `text` is a study page heading or the sentence under one (lines read until one is)."""
    at, size = 0, len(text)
    while at <= size:
        end = text.find("\n", at)
        if end < 0:
            end = size
        if end > at:  # a blank line is no heading: no need to fold it
            key = fold(text[at:end])
            if key in HEADING_BY_TEXT or key in HEADING_BY_SENTENCE:
                return True
        at = end + 1
    return False


def _has_heading_element(root: etree._Element) -> bool:
    items = _Items([])
    for el in root.iter(*_HEADINGS):
        items.heading(el)
        if items.found_heading:
            return True
    return False


def html_to_text(data: str | bytes, *, name: str | None = None) -> str:
    """The page text of an HTML study page; ParseError when the page shows no study page heading."""
    return read_html(data, name=name)[0]


def read_html(data: str | bytes, *, name: str | None = None) -> tuple[str, bool]:
    """`html_to_text`, and whether the text's white space is collapsed (`parse_page`'s `collapsed`): it is on
    the tree path, by `normalize-space()`; the streamed path keeps `<pre>` text and joins text events as they
    come."""
    if isinstance(data, bytes):
        data = decode_html(data, name=name)
    if (declaration := _XML_DECLARATION.match(data)) is not None:  # match, not sub: sub scans the page
        data = data[declaration.end() :]
    if not data or data.isspace():
        raise ParseError("not a trial page: empty HTML", source=name)
    if _G in data or _N in data or _B in data or _INDENT in data or _FLAG in data:
        data = data.translate(_SENTINELS)  # private-use characters carry no text; they would read as breaks
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
        if root is None or _too_deep(parser):
            (text, found), collapsed = _stream_lines(data), False
        else:
            (text, found), collapsed = _tree_lines(root, data), True
    except etree.LxmlError as exc:
        raise ParseError(f"unreadable HTML: {exc}", source=name) from None
    if not found and not _is_trial_page(text):
        raise ParseError("not a trial page: the HTML has no study page heading", source=name)
    return text, collapsed
