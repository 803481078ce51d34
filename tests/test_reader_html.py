"""HTML study pages → the page text stream: the same record as the text page, in every markup style."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import SAMPLES, corpus_dir
from tests.html_render import STYLES, broken, render, truncated
from tests.scaling import LIMIT, growth
from trialparse._page import parse_page
from trialparse._parse import parse_html_page
from trialparse._readers import html as html_reader
from trialparse._readers.html import html_to_text, read_html
from trialparse.issues import ParseError
from trialparse.model import SourceFormat
from trialparse.serialize import to_dict


def record(text: str) -> dict[str, Any]:
    out = to_dict(parse_page(text))
    out.pop("source")
    return out


def html_record(page: str | bytes) -> dict[str, Any]:
    """The record as `trialparse.parse` reads the page (white space known to be collapsed on the tree path)."""
    out = to_dict(parse_html_page(page))
    out.pop("source")
    return out


def sample_pages() -> list[Path]:
    return sorted((SAMPLES / "pages").glob("*.txt"))


def corpus_pages() -> list[Path]:
    corpus = corpus_dir()
    return sorted((corpus / "pages").glob("*.txt")) if corpus else sample_pages()


def _variants(text: str) -> dict[str, str]:
    out = {style: render(text, style) for style in STYLES}
    out["broken"] = broken(render(text, "plain"))
    last = [line for line in text.splitlines() if line.strip()][-1]
    out["truncated"] = truncated(render(text, "div"), last)
    out["open embed"] = render(text, "div").replace("<body>", "<body><embed src=x>", 1)
    return out


@pytest.mark.parametrize("path", sample_pages(), ids=lambda p: p.stem)
def test_samples_same_record_in_every_style(path: Path) -> None:
    """Each sample page as h2+p, h3+dl, h1+div/span (nav, script, style, iframe, comments), h4+table with
    ul/ol criteria, unclosed tags, a truncated download and an unclosed `<embed>` before the content: the
    record equals the text page's."""
    text = path.read_text(encoding="utf-8")
    want = record(text)
    for style, page in _variants(text).items():
        assert html_record(page) == want, style


@pytest.mark.corpus
def test_corpus_same_record_in_every_style() -> None:
    """The same over every corpus page."""
    failures = []
    for path in corpus_pages():
        text = path.read_text(encoding="utf-8")
        want = record(text)
        failures += [(path.stem, style) for style, page in _variants(text).items() if html_record(page) != want]
    assert not failures, failures[:10]


PAGE_HEAD = "<html><body><h1>A study</h1><p>NCT ID: NCT01408199</p>"
SENTENCE = ("<p>Check the participation requirements, including inclusion and exclusion rules, age limits, and "
            "whether healthy volunteers are accepted.</p>")


@pytest.mark.parametrize(("body", "expected", "reason"), [
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<p>Inclusion Criteria</p><ul><li>a<ul><li>b</li></ul></li>"
     "<li>c</li></ul>", "Inclusion Criteria\n\n* a\n  * b\n* c", "nested ul"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + '<ol start="3"><li>x</li><li>y<ul><li>z</li></ul></li></ol>',
     "3. x\n4. y\n   * z", "ol numbering from start, nested under a 3-wide marker"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<ul><li><p>loose</p></li><li><p>items</p></li></ul>",
     "* loose\n* items", "loose items (li > p) read as tight Markdown items"),
    ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<p>Age \\&lt;30<br>next<br><br>after blank</p>",
     "Age \\<30\nnext\n\nafter blank", "br line breaks; Markdown escapes kept literally"),
])
def test_criteria_markup(body: str, expected: str, reason: str) -> None:
    """List markup in the Markdown sections becomes the page's Markdown."""
    trial = parse_page(html_to_text(PAGE_HEAD + body))
    assert trial.eligibility is not None
    assert trial.eligibility.criteria == expected, reason


@pytest.mark.parametrize(("item", "expected"), [
    ("<b></b> text", "* text"),
    ("<span><b>x</b></span> y", "* x y"),
    ("<span><p>first</p></span> more", "* first\nmore"),  # the block's words come before the span's tail
    ("<div><b></b> words</div>", "* words"),  # words in a tail inside a block: the marker goes in the block
    ("<span><p>x</p> y</span> z", "* x\ny z"),  # an inline element between: no break after it
    ("<nav><a>Home</a></nav> text", "* text"),  # furniture's text is no words; its tail is
    ("<script>x</script>words", "* words"),
    ("<tab<select><p>first</p></tab<select> more", "* first\nmore"),  # a name lxml will not set on a node
    ("<p></p>w1", "* w1"),  # words after an empty block: the marker goes after it, before them
    ("<p></p> <b>x</b> y", "* x y"),
])
def test_marker_goes_before_the_first_words(item: str, expected: str) -> None:
    """The item's marker goes right before its first words in document order, whatever holds them."""
    body = "<h2>Eligibility Criteria</h2>" + SENTENCE + f"<ul><li>{item}</li><li>b</li></ul>"
    assert html_to_text(PAGE_HEAD + body).endswith(f"\n{expected}\n* b\n")


_ITEM_PARTS = ["", "w1", "<b></b>", "<b>x</b>", "<p>p1</p>", "<p></p>", "<div><p>d1</p></div>",
               "<span><p>s1</p></span>", "<nav><a>N</a></nav>", "<script>S</script>", "<br>", " tail",
               "<div><b></b> dw</div>"]


def test_tree_and_streamed_paths_agree_on_list_items() -> None:
    """Every item made of up to three of these parts reads the same on the tree path and on the streamed path
    (pages nested deeper than a tree): blocks inside an item end lines, not paragraphs, and the marker goes right
    before the first words. (An item whose first words are inside a nested list still differs: the tree path
    puts both markers on the nested item's line, the streamed path only the nested one.)"""
    head = PAGE_HEAD + "<h2>Eligibility Criteria</h2>" + SENTENCE + "<ul><li>"
    differ = []
    for parts in itertools.chain.from_iterable(itertools.product(_ITEM_PARTS, repeat=n) for n in (1, 2, 3)):
        page = head + "".join(parts) + "</li><li>b</li></ul><h2>Conditions</h2><p>Lupus</p></body></html>"
        if html_to_text(page) != html_reader._stream_lines(page)[0]:
            differ.append("".join(parts))
    assert not differ, (len(differ), differ[:5])


def test_list_outside_markdown_sections_has_no_markers() -> None:
    """A ul of conditions is one condition per line, as on the text page (no `* `)."""
    body = ("<h2>Conditions</h2><p>See the medical conditions and disease areas that this research is targeting or "
            "investigating.</p><ul><li>Lupus</li><li>Asthma</li></ul>")
    assert parse_page(html_to_text(PAGE_HEAD + body)).conditions == ("Lupus", "Asthma")


def test_furniture_dropped() -> None:
    """Script, style, nav, iframe, footer and comments leave no lines."""
    page = ("<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav><script>var a='x';</script>"
            "<!-- c --><h1>Title</h1><p>NCT ID: NCT01408199</p><h2>Conditions</h2><iframe>ad</iframe>"
            "<p>Lupus</p><footer>© site</footer></body></html>")
    assert html_to_text(page) == "Title\n\nNCT ID: NCT01408199\n\nConditions\n\nLupus\n"


def test_deep_nesting() -> None:
    """10,000 nested elements: no recursion error, and the text after the deep part is kept."""
    page = PAGE_HEAD + "<h2>Conditions</h2>" + "<div>" * 10_000 + "Deep" + "</div>" * 10_000 + "<p>After</p>"
    text = html_to_text(page)
    assert "Deep" in text and "After" in text


def test_deep_unclosed_nesting() -> None:
    """10,000 unclosed spans in a truncated page still read."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>Lupus</p>" + "<span>" * 10_000 + "tail")
    assert "Lupus" in text


@pytest.mark.parametrize(("data", "reason"), [
    ("<html><body><h1>Weather</h1><p>Sunny</p></body></html>", "another site"),
    ("", "empty"),
    ("<html></html>", "no text"),
    (b"\xff\xfe", "only a BOM"),
])
def test_not_a_trial_page(data: str | bytes, reason: str) -> None:
    """A page without any study page heading → ParseError."""
    with pytest.raises(ParseError, match="not a trial page"):
        html_to_text(data, name="x.html")


@pytest.mark.parametrize(("data", "reason"), [
    ((PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("utf-16"), "UTF-16 with BOM"),
    (('<meta charset="windows-1252">' + PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"),
     "declared charset"),
    (("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>" + PAGE_HEAD
      + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"), "Latin-1 label read as windows-1252"),
    ((PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"), "undeclared: detected"),
    (('<meta charset="utf-8">' + PAGE_HEAD + "<h2>Conditions</h2><p>Sj\u00f6gren</p>").encode("cp1252"),
     "a wrong declaration falls back to detection"),
])
def test_decoding(data: bytes, reason: str) -> None:
    """Bytes are decoded by BOM, declared charset, else detection."""
    assert parse_page(html_to_text(data)).conditions == ("Sj\u00f6gren",), reason


@pytest.mark.parametrize(("body", "collapsed", "reason"), [
    ("<h2>Brief Summary</h2><p>Short  text.</p>", True, "the tree path: normalize-space()"),
    ("<h2>Brief&nbsp;&nbsp;Summary</h2><p>Short text.</p>", True, "an NBSP run: the text parser still looks for runs"),
    ("<h2>Brief Summary</h2>" + "<div>" * 300 + "<p>Short text.</p>" + "</div>" * 300, False,
     "the streamed path (deeper than a tree): text events joined as they come"),
    ("<h2>Brief Summary</h2><pre>Short\ttext.</pre>", True, "`pre` collapses on the tree path too"),
])
def test_collapsed_white_space(body: str, collapsed: bool, reason: str) -> None:
    """`read_html` says whether the text's white space is collapsed, and the record is the same as when the text
    parser searches the text for runs of spaces."""
    page = PAGE_HEAD + body + "<h2>Conditions</h2><p>Lupus</p>"
    text, said = read_html(page)
    assert said is collapsed, reason
    assert parse_html_page(page) == parse_page(text, fmt=SourceFormat.PAGE_HTML), reason
    assert parse_html_page(page).brief_summary == "Short text.", reason


def test_nbsp_kept_as_text() -> None:
    """NBSP is text (the page reads it as a space); ordinary white space collapses."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>a  \n b&nbsp;&nbsp;c</p>")
    assert "a b\u00a0\u00a0c" in text


@pytest.mark.parametrize(("body", "expected"), [
    ("<p><b>a</b> <i>b</i></p>", "a b"),
    ("<div><span>x</span>\n<span>y</span></div>", "x y"),
    ("<p>H<sup>2</sup> <b>x</b> m<sub>2</sub>\t<i>y</i></p>", "H2 x m2 y"),  # libxml2's NOBLANKS would drop these
    ("<p>word<img src=a> <span>next</span> <time>1</time> <mark>2</mark> <foo>3</foo> <bar>4</bar></p>",
     "word next 1 2 3 4"),
    ("<table><tr><td><b>c</b> <i>d</i></td> <td>e</td></tr></table>", "c d\n\ne"),
    ("<p>a&nbsp;<b>b</b> &nbsp; <i>c</i></p>", "a\u00a0b \u00a0 c"),
    ("<pre><b>a</b> <i>b</i></pre>", "a b"),
])
def test_white_space_between_inline_elements_kept(body: str, expected: str) -> None:
    """White space between inline elements separates words, whatever the elements (the parser keeps blank text)."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2>" + body)
    assert text.endswith("Conditions\n\n" + expected + "\n")


# --- Furniture left open ---------------------------------------------------------------------------------------
# An element dropped as furniture but never closed used to take the rest of the page with it: libxml2 nests all
# that follows an unclosed container (`<object>`, `<noscript>`, ...) inside it, keeps all that follows an unclosed
# raw-text element (`<iframe>`, `<noembed>`, ...) as its text up to the next end tag of its name, and treats
# `<embed>` (a void element) as a container. `tests/html_render.py` markup: `plain` has no furniture of its own,
# `div` has a head with title/style/script, a script after each value, a nav, an iframe and a footer.

UNCLOSED = [
    "embed", "object", "noembed", "noscript", "template", "iframe", "noframes", "textarea", "title", "style",
    "script", "svg", "math", "select", "button", "canvas", "audio", "video", "nav", "footer", "aside",
]
# Not recovered: a `<script>` left open before a later `<script>` ends at that script's end tag and takes the
# markup in between (as browsers do); telling it from a script holding markup in a string would mean looking
# into every script of the page (the `div` markup has one after each value). Left open with no later script
# (the `plain` markup, or anywhere at the end of a page), it is recovered.
NOT_RECOVERED = {("script", "div", "body")}


def _unclosed(page: str, tag: str, where: str) -> str:
    """`page` with `<tag src=x>` and no end tag put at the start of the head or of the body."""
    opened = f"<{tag} src=x>"
    if where == "body":
        return page.replace("<body>", "<body>" + opened, 1)
    if "<head>" in page:
        return page.replace("<head>", "<head>" + opened, 1)
    return page.replace("<html>", "<html><head>" + opened + "</head>", 1)


@pytest.mark.parametrize("where", ["head", "body"])
@pytest.mark.parametrize("tag", UNCLOSED)
def test_furniture_left_open(tag: str, where: str) -> None:
    """An unclosed `<tag>` before the page content (in the head, or first in the body) loses no field: the
    record equals the text page's, in plain and in div markup."""
    for path in sample_pages()[:5]:
        text = path.read_text(encoding="utf-8")
        want = record(text)
        for style in ("plain", "div"):
            if (tag, style, where) in NOT_RECOVERED:
                continue
            assert html_record(_unclosed(render(text, style), tag, where)) == want, (path.stem, style)


@pytest.mark.parametrize("tag", sorted(html_reader._CONTAINERS))
def test_furniture_left_open_after_list_items(tag: str) -> None:
    """Furniture left open after the criteria's list items (read again in place, as a plain inline element): each
    item gets its Markdown marker once, and the record equals the text page's."""
    pages = [(p.stem, p.read_text(encoding="utf-8")) for p in sample_pages()]
    pages = [(stem, text, page) for stem, text in pages if "<li>" in (page := render(text, "lists"))]
    assert len(pages) >= 3
    for stem, text, page in pages[:5]:
        left_open = page.replace("<h4>Sponsors</h4>", f"<{tag}><h4>Sponsors</h4>", 1)
        assert left_open != page and html_record(left_open) == record(text), stem


# Characters lxml will not set on a node, in a list item's first words: from the page, from a character
# reference, and with the page holding the private-use character the reader would first stand in for \x0b.
@pytest.mark.parametrize(("words", "expected"), [
    ("a\x0bb", "a\x0bb"), ("a&#11;b", "a\x0bb"), ("a\x01b\x1fc\ufffe\uffffd", "a\x01b\x1fc\ufffe\uffffd"),
    ("a\x0cb", "a b"),  # a form feed is HTML white space
    ("<b>a\x0bb</b>", "a\x0bb"), ("a\U000f000bb\x0bc", "a\U000f000bb\x0bc"),
])
def test_unsettable_characters_in_list_items(words: str, expected: str) -> None:
    """The item gets its marker and keeps its characters, as the same text outside a list does."""
    body = "<h2>Eligibility Criteria</h2>" + SENTENCE + f"<ul><li>{words}</li><li>z</li></ul>"
    assert html_to_text(PAGE_HEAD + body).endswith(f"\n* {expected}\n* z\n")


def test_closed_furniture_with_headings_stays_dropped() -> None:
    """Furniture that is closed stays dropped even when it holds study page headings (a menu of sections)."""
    page = (PAGE_HEAD + "<nav><h2>Conditions</h2><p>Menu</p></nav><h2>Conditions</h2><p>Lupus</p>"
            "<aside><h2>Brief Summary</h2><p>Ad</p></aside><iframe><h2>Conditions</h2></iframe></body></html>")
    assert html_to_text(page) == "A study\n\nNCT ID: NCT01408199\n\nConditions\n\nLupus\n"


def test_closed_embed_content_is_text() -> None:
    """`<embed>` is void: what a page puts between `<embed>` and `</embed>` is page text, as in browsers."""
    page = PAGE_HEAD + "<h2>Conditions</h2><embed src=x><p>Lupus</p></embed><p>Asthma</p>"
    assert parse_page(html_to_text(page)).conditions == ("Lupus", "Asthma")


def test_title_outside_head_dropped() -> None:
    """A `<title>` that lands in the body (an `<img>` in the head starts the body) is not page text."""
    page = "<html><head><img src=x><title>Site</title></head><body><h2>Conditions</h2><p>Lupus</p></body></html>"
    assert html_to_text(page) == "Conditions\n\nLupus\n"


# --- White space and odd characters ---------------------------------------------------------------------------


def test_unicode_spaces_are_text() -> None:
    """Only HTML white space (space, tab, LF, CR, FF) collapses; other space characters are text, as on the
    text page and in browsers."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>a\u2003b \u3000c\fd\te\r\nf</p>")
    assert "a\u2003b \u3000c d e f" in text.splitlines()


def test_private_use_text_kept() -> None:
    """Private-use characters are text (icon fonts), except the five the reader uses as markers."""
    text = html_to_text(PAGE_HEAD + "<h2>Conditions</h2><p>a\ue000b \ue010 c\ue001\ue005d</p>")
    assert "a\ue000b \ue010 cd" in text.splitlines()


@pytest.mark.parametrize("attrs", ['<ol start="\u00b2"><li>x', '<ol><li value="\u00b2">x', '<ol start="0"><li>x',
                                   '<ol><li value="' + "9" * 5000 + '">x'])
def test_odd_list_numbers(attrs: str) -> None:
    """Superscript digits or 5,000 digits in `start`/`value` are no number (`int()` would raise); `start="0"`
    is one. The same on the streaming path (pages nested deeper than 256)."""
    body = "<h2>Eligibility Criteria</h2>" + SENTENCE + attrs + "</li><li>y</li></ol>"
    for prefix in ("", "<div>" * 300):
        criteria = parse_page(html_to_text(PAGE_HEAD + prefix + body)).eligibility
        assert criteria is not None
        first = "0. x" if "start=\"0\"" in attrs else "1. x"
        assert criteria.criteria.splitlines()[0] == first


# --- The marker runs --------------------------------------------------------------------------------------------
# `_resolve` reads the common runs of break markers in a few whole-string passes and `_resolve_runs` every run;
# both must give what the reader has always given: the reference below is the resolver they replace, on the
# stylesheet's former output (markers bracketed, white space not yet collapsed).

_MARK, _REF_KIND = "\ue000", {"G": "\ue005", "N": "\ue001", "B": "\ue002"}


def _reference(tokens: list[str]) -> str:
    mark, gap, nl, br = _MARK, _REF_KIND["G"], _REF_KIND["N"], _REF_KIND["B"]
    text = "".join(mark + _REF_KIND[t] + mark if t in _REF_KIND else t for t in tokens)
    text = " ".join(text.split())
    text = text.replace(" " + mark, mark).replace(mark + " ", mark).replace(mark + mark, "")
    text = text.strip(mark + gap + nl + br)
    while nl + nl in text:
        text = text.replace(nl + nl, nl)
    while gap + nl in text:
        text = text.replace(gap + nl, gap)
    while nl + gap in text:
        text = text.replace(nl + gap, gap)
    while gap + gap in text:
        text = text.replace(gap + gap, gap)
    if br in text:
        text = text.replace(br + gap, br + "\n").replace(br + nl, br).replace(br, "\n")
    return text.replace(mark, "").replace(gap, "\n\n").replace(nl, "\n").replace("\ue004", " ")


_TOKENS = st.lists(st.one_of(
    st.sampled_from(["G", "N", "B"]),
    st.sampled_from(["", " ", "\n ", "  ", "x", "a b", " c ", "\xa0", "d\xa0 e", "\ue004\ue004* f", "\ue010"]),
), max_size=24)


@settings(max_examples=1000, deadline=None)
@given(_TOKENS)
def test_resolvers_match_reference(tokens: list[str]) -> None:
    """Any sequence of text and markers: the passes give the reference's lines."""
    want = _reference(tokens)
    out = "".join(f" {html_reader._G if t == 'G' else html_reader._N if t == 'N' else html_reader._B} "
                  if t in ("G", "N", "B") else t for t in tokens)
    trimmed = html_reader._trim(" ".join(out.split()).encode())  # what normalize-space() gives
    assert html_reader._resolve_runs(trimmed).decode() == want + "\n"  # every line ends in a newline
    fast = html_reader._resolve(trimmed)
    assert fast is None or fast.decode() == want + "\n"


@pytest.mark.parametrize("out", [b"", b"a", "a \ue005 \ue005 b \ue002 c".encode(), "a \ue002 b".encode()])
def test_common_runs_end_in_one_newline(out: bytes) -> None:
    """The common path adds the last line's newline in its join: exactly one, also for no text at all."""
    lines = html_reader._resolve(out, items=False)
    assert lines is not None and lines.endswith(b"\n") and not lines.endswith(b"\n\n")
    assert lines == html_reader._resolve_runs(out)


def test_blocks_hand_children_on_in_the_current_mode() -> None:
    """Block templates pass their children to the built-in rule (`xsl:apply-imports`): inside an item (the `li`
    mode) a nested block still ends the item's line and its own items keep their markers; outside one, inline
    children, `<br>` and furniture inside blocks read as before."""
    body = ("<h2>Eligibility Criteria</h2>" + SENTENCE + "<div><p>Inclusion <b>Criteria</b><br>line two"
            "<script>x()</script></p><ul><li><div>first <i>item</i></div><blockquote>quoted</blockquote></li>"
            "<li>second<ul><li><p>nested</p></li></ul></li></ul></div>")
    criteria = parse_page(html_to_text(PAGE_HEAD + body)).eligibility
    assert criteria is not None
    assert criteria.criteria == "Inclusion Criteria\nline two\n\n* first item\nquoted\n* second\n  * nested"


def test_blank_lines_are_no_headings() -> None:
    """Blank lines are skipped before folding; a heading after them, or on the last line, still counts."""
    assert html_reader._is_trial_page("\n\n\nConditions")
    assert html_reader._is_trial_page("x\n\nBasic Information\n")
    assert not html_reader._is_trial_page("\n\n \n\n")
    assert not html_reader._is_trial_page("")


@pytest.mark.parametrize(("markup", "reason"), [
    ('<p data-trialparse-flat="">y</p>', "the attribute the reader once marked such blocks with"),
    ("<p>y</p>", "the same block without it"),
])
def test_page_markup_cannot_pass_for_the_readers_marks(markup: str, reason: str) -> None:
    """A block after an item's first words starts a line, whatever attributes the page gives it; an element
    named like the reader's transform-time mark is plain inline markup (libxml2 lower-cases tag names)."""
    body = "<h2>Eligibility Criteria</h2>" + SENTENCE + "<ul><li>x" + markup + "</li></ul>"
    assert html_to_text(PAGE_HEAD + body).endswith("* x\ny\n"), reason
    inline = "<h2>Eligibility Criteria</h2>" + SENTENCE + "<ul><li>x<TRIALPARSE-FLAT>y</TRIALPARSE-FLAT></li></ul>"
    assert html_to_text(PAGE_HEAD + inline).endswith("* xy\n")


def test_flat_marks_leave_the_tree_as_it_was() -> None:
    """The elements renamed for the transform get their own tags back, so later steps see the page's tags."""
    root = etree.fromstring("<html><body><h2>Eligibility Criteria</h2><ul><li><div><p>first</p></div></li></ul>"
                            "</body></html>", html_reader._parser())
    flat: html_reader._Flat = []
    html_reader._Items(flat).run(root)
    assert [tag for _, tag in flat] == ["p", "div"]
    html_reader._transformed(html_reader._transform(), root, flat, None)
    assert [el.tag for el in root.iter()] == ["html", "body", "h2", "ul", "li", "div", "p"]


# Lists built to be costly: the reader's work and text must grow linearly with the page (tests/scaling.py; the
# text's length, deterministic, likewise: under 5x for 4x the items).
HOSTILE_LISTS = {
    "thousands of lists inside one item": lambda n: "<ul><li>first" + "<ul><li>x</li></ul>" * n,
    "items nested thousands deep (streamed)": lambda n: "<ul><li>x" * n,
    "thousands of items 120 lists deep": lambda n: "<ul><li>x" * 120 + "<ul>" + "<li>x</li>" * n,
}


@pytest.mark.parametrize("shape", sorted(HOSTILE_LISTS))
def test_hostile_lists_take_linear_time_and_text(shape: str) -> None:
    head = PAGE_HEAD + "<h2>Eligibility Criteria</h2>" + SENTENCE
    small, large = (head + HOSTILE_LISTS[shape](n) for n in (2_500, 10_000))
    assert len(html_to_text(large)) < 5 * len(html_to_text(small)), "text"
    ratio = growth(html_to_text, small, large)
    assert ratio < LIMIT, f"{shape}: {ratio:.1f}x the time for 4x the items"
