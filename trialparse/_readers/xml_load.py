"""Loading a legacy CT.gov XML document safely, and its elements as the reader walks them.

Untrusted input: no DTD loading, no network, no entity expansion, and a DOCTYPE that declares entities is
refused outright. The results section (`<clinical_results>`, half of the corpus's bytes, never read) is only
checked for well-formedness, with no tree built for it, where that reads the same as the whole parse
(`_lean_children`).
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from trialparse.issues import ParseError

if TYPE_CHECKING:
    class Element(etree._Element):
        """An lxml element as read here: `element[:]` is its children as a list, built in C (lxml-stubs type only
        int indexes). A `for` loop over an element costs more: lxml builds an iterator and a tag matcher for each
        loop (~70 loops a study)."""

        def __getitem__(self, item: slice) -> list[Element]: ...  # type: ignore[override]  # slices only, here
else:
    Element = etree._Element

_LOCAL = threading.local()  # lxml parser objects must not be shared between threads
_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")  # lxml refuses str input that declares an encoding


def _parser() -> etree.XMLParser:
    # `remove_blank_text`: the indentation between elements (about half a file's nodes) is never read, and not
    # building those text nodes makes the parse ≈ 25 % cheaper; a leaf's only text is kept even when blank.
    parser: etree.XMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True, remove_blank_text=True)
        _LOCAL.parser = parser
    return parser


def _declares_entities(data: str | bytes) -> bool:
    """`<!DOCTYPE` and `<!ENTITY` both in `data`.

    Two `in` scans for the words cost ~7 % of the parse on a corpus file (CPython's search for a word full of
    capitals in text full of capitals), a memchr scan for `!` almost nothing; a document holds a handful of `!`,
    each checked for what follows its `<`. Many `!` (a hostile input): the two scans."""
    if isinstance(data, str):
        return _declares(data, "!", "<!DOCTYPE", "<!ENTITY")
    return _declares(data, b"!", b"<!DOCTYPE", b"<!ENTITY")


def _declares(data: Any, bang: Any, doctype: Any, entity: Any) -> bool:
    has_doctype = has_entity = False
    at = data.find(bang)
    for _ in range(32):
        if at < 0:
            return has_doctype and has_entity
        if at and data.startswith(doctype, at - 1):
            has_doctype = True
        elif at and data.startswith(entity, at - 1):
            has_entity = True
        at = data.find(bang, at + 1)
    return doctype in data and entity in data


_ENTITIES = "XML with a DOCTYPE declaring entities is refused (entity expansion attack)"


def _load(data: str | bytes, name: str | None) -> Element:
    """The `<clinical_study>` root of `data` (already checked by `study_children`)."""
    try:
        root = cast(Element, etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not well-formed XML: {exc}", source=name) from None
    except ValueError as exc:  # lxml refuses a str whose (malformed) declaration names an encoding
        raise ParseError(f"not well-formed XML: {exc}", source=name) from None
    if root is None:
        raise ParseError("empty XML document", source=name)
    dtd: Any = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # e.g. UTF-16 input the byte check missed
        raise ParseError(_ENTITIES, source=name)
    if root.tag != "clinical_study":
        raise ParseError(f"XML root is <{etree.QName(root).localname}>, not a CT.gov <clinical_study>", source=name)
    return root


# `findtext` runs ElementPath in Python, and even `iterchildren(tag)` costs more per call than one pass over a
# typical element's children: an element's children are grouped once (`children`), or read in one loop, always
# over `element[:]` (see `Element`).

Kids = dict[Any, list[Element]]  # children by tag, in document order


def children(element: Element) -> Kids:
    """`element`'s children grouped by tag in one pass. (`iterchildren(*tags)` to skip the unread ones costs
    more: lxml prepares its tag matcher on every call.)"""
    by_tag: Kids = {}
    for child in element[:]:
        tag = child.tag
        found = by_tag.get(tag)
        if found is None:
            by_tag[tag] = [child]
        else:
            found.append(child)
    return by_tag


# --- The results section, checked but not built -----------------------------------------------------

_RESULTS = ("<clinical_results", "<clinical_results>", "</clinical_results>", "<clinical_results/>")
_RESULTS_BYTES = tuple(word.encode() for word in _RESULTS)


class _Nothing:
    """A parser target with no callbacks: libxml2 checks the text and builds nothing (≈ 60 % of a tree parse)."""

    def close(self) -> None:
        return None


def _checker() -> etree.XMLParser:
    checker: etree.XMLParser | None = getattr(_LOCAL, "checker", None)
    if checker is None:
        checker = etree.XMLParser(target=cast(Any, _Nothing()), resolve_entities=False, no_network=True,
                                  load_dtd=False, huge_tree=False)
        _LOCAL.checker = checker
    return checker


def _split_results(data: str | bytes) -> tuple[Any, Any] | None:
    """(`data` with an empty `<clinical_results/>` in place of its results section, the section), when `data`
    holds exactly one `<clinical_results`, written `<clinical_results>`, and its closing tag. Whether those tags
    are markup at all (not in a comment or CDATA) the parse of the rest tells (`_lean_children`)."""
    doc: Any = data  # str or bytes, with words of the same type
    prefix, opening, closing, empty = _RESULTS if isinstance(data, str) else _RESULTS_BYTES
    start = doc.find(prefix)
    if start < 0 or not doc.startswith(opening, start) or doc.find(prefix, start + len(prefix)) >= 0:
        return None
    end = doc.find(closing, start)
    if end < 0:
        return None
    end += len(closing)
    return doc[:start] + empty + doc[end:], doc[start:end]


def _lean_children(data: str | bytes) -> Kids | None:
    """The root's children from a parse that builds no tree for the results section, or None where that could
    read otherwise than the whole parse (which then runs: it also gives any error its own message).

    The two parts together are the whole document exactly when both are well-formed and the empty section
    stands as a child of the root, in element content: the section is then one complete element put back in
    its place. The part without it has the tree of the whole, but for the section's (unread) content."""
    split = _split_results(data)
    if split is None:
        return None
    rest, section = split
    try:
        root = _load(rest, None)  # the root checks of the whole parse
        etree.fromstring(section, _checker())
    except (ParseError, etree.XMLSyntaxError, ValueError):
        return None
    kids = children(root)
    placed = kids.get("clinical_results")
    return kids if placed is not None and len(placed) == 1 else None


def study_children(data: str | bytes, *, name: str | None = None) -> Kids:
    """The children of the `<clinical_study>` root of `data`, grouped by tag; ParseError for unsafe, malformed or
    foreign XML."""
    if _declares_entities(data):
        raise ParseError(_ENTITIES, source=name)
    if isinstance(data, str) and (declaration := _DECLARATION.match(data)) is not None:
        data = data[declaration.end() :]  # match, not sub: sub would scan the whole text
    kids = _lean_children(data)
    return kids if kids is not None else children(_load(data, name))
