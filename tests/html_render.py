"""Page text → HTML in several markup styles, for testing `html_to_text` against the text parser.

A page is cut into groups (runs of non-blank lines). A heading line becomes an `h1`–`h4`; every other
group becomes one block whose lines are joined by `<br>` (or, where a style allows, a `ul`/`ol`, a
`dt`/`dd` pair, a table row or inline spans). Spaces HTML would collapse (indentation, runs) are written as
NBSP, which the text parser reads as a space; extra blank lines become leading `<br>`s.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from trialparse._split import HEADING_BY_TEXT, fold

STYLES = ("plain", "dl", "div", "lists")
_MARKDOWN_SECTIONS = frozenset({"summary", "description", "eligibility"})
_LABELS = frozenset(fold(label) for label in (
    "Recruitment Status", "Clinical Phase", "Total Enrollment", "Study Classification", "Study Start Date",
    "Primary Completion Date", "Study Completion Date", "Why Stopped", "Allocation Method", "Intervention Model",
    "Primary Study Purpose", "Blinding Strategy", "Observational Model", "Time Perspective",
    "Minimum Eligible Age", "Maximum Eligible Age", "Eligible Sex", "Accepts Healthy Volunteers",
))
_INLINE_LABELS = ("Group Type", "Intervention Type", "Sponsor Role", "Site Status", "Reference Type", "Role:",
                  "Identifier Type:", "Identifier Source:", "Party Type", "NCT ID:", "Last Updated:")
_BULLET = re.compile(r"\* (\S.*)")
_NUMBERED = re.compile(r"(\d{1,3})\. (\S.*)")
_RUN = re.compile(r"  +")


def _text(line: str) -> str:
    """One line as HTML text: escaped, leading spaces and runs of spaces kept as NBSP."""
    body = line.lstrip(" ")
    lead = "&nbsp;" * (len(line) - len(body))
    escaped = html.escape(body.rstrip(" "), quote=False)
    return lead + _RUN.sub(lambda m: " " + "&nbsp;" * (len(m[0]) - 1), escaped)


def groups(text: str) -> Iterator[tuple[int, list[str]]]:
    """(blank lines before, lines) for each run of non-blank lines."""
    blank, run = 0, []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            run.append(line)
            continue
        if run:
            yield blank, run
            blank, run = 0, []
        blank += 1
    if run:
        yield blank, run


def _lines(lines: list[str], extra: int) -> str:
    return "<br>" * extra + "<br>\n".join(_text(line) for line in lines)


def _list(lines: list[str]) -> str | None:
    """A `ul` or `ol` when every line is one top-level Markdown item, else None."""
    bullets = [_BULLET.fullmatch(line) for line in lines]
    if all(bullets):
        return "<ul>" + "".join(f"<li>{_text(b[1])}</li>\n" for b in bullets if b) + "</ul>"
    numbered = [_NUMBERED.fullmatch(line) for line in lines]
    if all(numbered):
        return "<ol>" + "".join(f'<li value="{n[1]}">{_text(n[2])}</li>\n' for n in numbered if n) + "</ol>"
    return None


def _inline(line: str) -> str | None:
    """`Group Type EXPERIMENTAL` as two spans, when the line starts with a one-line label."""
    for label in _INLINE_LABELS:
        if line.startswith(label + " ") and line[len(label) + 1 :].strip():
            value = line[len(label) + 1 :]
            return f'<span class="label">{html.escape(label)}</span> <span class="value">{_text(value)}</span>'
    return None


def render(text: str, style: str) -> str:
    """`text` (a study page) as an HTML page in `style` (one of STYLES)."""
    block: Callable[[str | None, int, list[str]], str] = _STYLES[style]
    out: list[str] = []
    section: str | None = "header"
    first = True
    for blank, lines in groups(text):
        extra = 0 if first else max(0, blank - 1)
        first = False
        name = HEADING_BY_TEXT.get(fold(lines[0])) if len(lines) == 1 else None
        if name is not None and not extra:
            section = name
            out.append(_heading(style, lines[0]))
        else:
            out.append(block(section, extra, lines))
    return _PAGES[style].format(body="\n".join(out))


def _heading(style: str, line: str) -> str:
    tag = {"plain": "h2", "dl": "h3", "div": "h2", "lists": "h4"}[style]
    return f"<{tag}>{_text(line)}</{tag}>"


def _plain(section: str | None, extra: int, lines: list[str]) -> str:
    return f"<p>{_lines(lines, extra)}</p>"


def _dl(section: str | None, extra: int, lines: list[str]) -> str:
    tag = "dt" if len(lines) == 1 and fold(lines[0]) in _LABELS and not extra else "dd"
    return f"<dl><{tag}>{_lines(lines, extra)}</{tag}></dl>"


def _div(section: str | None, extra: int, lines: list[str]) -> str:
    if section == "header" and lines == lines[:1] and not extra and _inline(lines[0]) is None:
        return f"<h1>{_text(lines[0])}</h1>"
    if len(lines) == 1 and not extra and (spans := _inline(lines[0])) is not None:
        return f"<div class=\"row\">{spans}</div><!-- row -->"
    script = "<script>var x = '<p>not text</p>';</script>"
    return f"<div class=\"value\"><span>{_lines(lines, extra)}</span></div>\n{script}"


def _lists(section: str | None, extra: int, lines: list[str]) -> str:
    if section in _MARKDOWN_SECTIONS and not extra and (found := _list(lines)) is not None:
        return found
    if len(lines) == 1 and fold(lines[0]) in _LABELS and not extra:
        return f"<table><tr><th>{_text(lines[0])}</th></tr></table>"
    return f"<table><tr><td>{_lines(lines, extra)}</td></tr></table>"


_STYLES: dict[str, Callable[[str | None, int, list[str]], str]] = {
    "plain": _plain, "dl": _dl, "div": _div, "lists": _lists,
}
_PAGES = {
    "plain": "<html><body>\n{body}\n</body></html>\n",
    "dl": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Trial</title></head>\n'
          "<body><article>\n{body}\n</article></body></html>\n",
    "div": (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<title>Study page</title><style>.label {{ font-weight: bold }} p::before {{ content: 'x' }}</style>"
        "<script>window.dataLayer = [];</script></head>\n<body>\n"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/search">Search trials</a></li></ul></nav>\n'
        "<!-- main content -->\n<main>\n{body}\n</main>\n"
        '<iframe src="https://ads.example/frame"></iframe>\n'
        "<footer><p>© Example registry mirror. All rights reserved.</p></footer>\n</body></html>\n"
    ),
    "lists": "<html><head><style>td {{ padding: 0 }}</style></head><body>"
             "<div id=\"page\">\n{body}\n</div></body></html>\n",
}


def broken(page_html: str) -> str:
    """The page with every closing `</p>`, `</li>`, `</td>`, `</tr>` and `</div>` tag left out."""
    return re.sub(r"</(?:p|li|td|tr|div|dd|dt)>", "", page_html)


def truncated(page_html: str, last_line: str) -> str:
    """The page cut just after the last word of `last_line`, inside the next tag (a download that stopped)."""
    word = _text(last_line.rsplit(maxsplit=1)[-1])
    at = page_html.rindex(word) + len(word)
    return page_html[:at] + "</d"
