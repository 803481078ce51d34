"""Page text → sections. Headings are found by dict lookup, each confirmed by its boilerplate sentence."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count

# Section name → (heading line, the site's fixed sentence under it). `header` holds the lines above the
# first heading (title, NCT ID, Last Updated); `results` has two status sentences instead of one.
HEADINGS: dict[str, tuple[str, str | None]] = {
    "results": ("Study Results", None),
    "basic": (
        "Basic Information",
        "Get a concise snapshot of the trial, including recruitment status, study phase, enrollment targets, "
        "and key timeline milestones.",
    ),
    "summary": (
        "Brief Summary",
        "Review the sponsor-provided synopsis that highlights what the study is about and why it is being "
        "conducted.",
    ),
    "description": (
        "Detailed Description",
        "Dive into the extended narrative that explains the scientific background, objectives, and procedures "
        "in greater depth.",
    ),
    "conditions": ("Conditions", "See the medical conditions and disease areas that this research is targeting "
                   "or investigating."),
    "design": (
        "Study Design",
        "Understand how the trial is structured, including allocation methods, masking strategies, primary "
        "purpose, and other design elements.",
    ),
    "arms": (
        "Study Groups",
        "Review each arm or cohort in the study, along with the interventions and objectives associated with them.",
    ),
    "interventions": (
        "Interventions",
        "Learn about the drugs, procedures, or behavioral strategies being tested and how they are applied "
        "within this trial.",
    ),
    "eligibility": (
        "Eligibility Criteria",
        "Check the participation requirements, including inclusion and exclusion rules, age limits, and whether "
        "healthy volunteers are accepted.",
    ),
    "sponsors": ("Sponsors", "Meet the organizations funding or collaborating on the study and learn about their "
                 "roles."),
    "responsible_party": (
        "Responsible Party",
        "Identify the individual or organization who holds primary responsibility for the study information "
        "submitted to regulators.",
    ),
    "officials": (
        "Principal Investigators",
        "Learn about the lead researchers overseeing the trial and their institutional affiliations.",
    ),
    "locations": (
        "Locations",
        "Explore where the study is taking place and check the recruitment status at each participating site.",
    ),
    "countries": ("Countries", "Review the countries where the study has at least one active or historical site."),
    "references": ("References", "Explore related publications, articles, or registry entries linked to this study."),
    "identifiers": (
        "Other Identifiers",
        "Review additional registry numbers or institutional identifiers associated with this trial.",
    ),
    "related": (
        "More Related Trials",
        "Additional clinical trials that may be relevant based on similarity analysis.",
    ),
}

# The results block's own fixed sentences (dropped as boilerplate, like the heading sentences).
RESULTS_SENTENCES = frozenset({
    "the study team has not published outcome measurements, participant flow, or safety data for this trial "
    "yet. check back later for updates.",
    "the study team has published outcome measurements, participant flow, and safety data for this trial.",
})



def fold(line: str) -> str:
    """The comparison form of a line: whitespace collapsed, case folded (NBSP is a space by then)."""
    s = line.strip()
    if "  " in s or "\t" in s or "\u00a0" in s:
        s = " ".join(s.split())
    return s.casefold()


HEADING_BY_TEXT = {fold(text): name for name, (text, _) in HEADINGS.items()}
HEADING_BY_SENTENCE = {fold(sentence): name for name, (_, sentence) in HEADINGS.items() if sentence}
_ANY = frozenset({*HEADING_BY_TEXT, *HEADING_BY_SENTENCE, *RESULTS_SENTENCES})
_LENGTHS = frozenset(map(len, _ANY))


class Section:
    """One section of a page: its name, its body lines, and whether its heading line was seen. (A plain slotted
    class: a page makes about twenty, and an attrs `__init__` with a list factory costs twice as much.)"""

    __slots__ = ("has_heading", "lines", "name")

    def __init__(self, name: str, lines: list[str] | None = None, has_heading: bool = True) -> None:
        self.name = name
        self.lines = [] if lines is None else lines
        self.has_heading = has_heading

    def __repr__(self) -> str:
        return f"Section({self.name!r}, {len(self.lines)} lines, has_heading={self.has_heading})"


def _key(line: str) -> str | None:
    """The folded line if it is a heading or a site sentence, else None."""
    key = " ".join(line.split()).casefold()
    return key if key in _ANY else None


def _keys(lines: list[str], runs: bool = True) -> dict[int, str]:
    """Line index → folded text of every heading and site sentence line: the hot loop of the parser. Right-strips
    each line of `lines` in place on the way (so a line of white space becomes blank).

    A line whose stripped length is a heading's or a sentence's (about two in five) is case folded and looked
    up; a line holding a run of spaces or a tab (rare) goes through `_key`, which collapses it. `runs=False`
    says that no line holds one (most pages hold no run of spaces at all, not even as indentation: one search
    of the page stands in for two per line)."""
    keys: dict[int, str] = {}
    # A plain loop over the non-blank lines only (about half a page's lines are empty; `compress` skips them at
    # C level). Each is stripped here, and right-stripped only where it ends in white space (few do): cheaper than
    # an `rstrip` pass over every line and an `lstrip` pass after it. `map(_LENGTHS.__contains__, ...)` goes
    # through a slot wrapper per line and costs more; the two `in` tests on a short line cost less than joining
    # the page and searching it for runs.
    for i in compress(count(), lines):
        raw = lines[i]
        line = raw.strip()
        if line is not raw and raw[-1].isspace():  # `strip` hands back the line itself when there is nothing to strip
            lines[i] = raw.rstrip()
        if len(line) in _LENGTHS and (key := line.casefold()) in _ANY:
            keys[i] = key
        elif runs and ("  " in line or "\t" in line) and (collapsed := _key(line)) is not None:
            keys[i] = collapsed
    return keys


def raw_lines(text: str) -> list[str]:
    """The page's lines (NBSP already made a space; `_keys` then right-strips them; leading indentation is kept:
    it is Markdown). A line of nothing but NUL bytes and spaces (debris of a bad conversion) is a blank line."""
    lines = text.splitlines()
    if "\x00" in text:
        lines = [line if line.strip(" \t\x00") else "" for line in lines]
    return lines


def _confirmed_headings(lines: list[str], keys: dict[int, str]) -> set[str]:
    """Sections whose heading appears directly above its sentence somewhere on the page."""
    found = set()
    for i, key in keys.items():
        name = HEADING_BY_SENTENCE.get(key)
        if name is None:
            continue
        j = i - 1
        while j >= 0 and not lines[j]:
            j -= 1
        if j >= 0 and HEADING_BY_TEXT.get(keys.get(j, "")) == name:
            found.add(name)
    return found


def _bare_heading_counts(name: str, seen: set[str], confirmed: Callable[[], set[str]]) -> bool:
    """A heading line without its sentence opens a section only where it is new and no confirmed copy exists
    (`Study Results` has no sentence: it needs no confirmation, so most pages never compute `confirmed`)."""
    return name not in seen and (name == "results" or name not in confirmed())


def split(text: str, *, collapsed: bool = False) -> list[Section]:
    """The page's sections in page order; the first is `header` (title lines). `collapsed`: no line of `text`
    holds a tab or a run of spaces inside it (the HTML reader's white space is collapsed), so the search of the
    page for one is skipped (≈ 5 % of a page's parse: a run of one character is the slowest thing `in` finds).
    An NBSP becomes a space here, and may make a run: a page holding one is searched all the same."""
    runs = "\u00a0" in text if collapsed else True
    text = text.replace("\u00a0", " ")
    lines = raw_lines(text)
    # Headings and sentences: a few dozen lines; `lines` right-stripped on the way.
    keys = _keys(lines, runs and ("  " in text or "\t" in text))
    sections: list[Section] = []
    name, has_heading = "header", True
    dropped: list[tuple[int, int]] = []  # runs of body lines before a site sentence inside the current section
    seen: set[str] = set()
    body = 0  # first line of the current section's body not yet assigned
    n = len(lines)
    by_text, by_sentence = HEADING_BY_TEXT.get, HEADING_BY_SENTENCE.get
    for i in keys:  # in line order: `_keys` adds them so
        if i < body:  # the sentence of a heading just opened
            continue
        key = keys[i]
        heading = by_text(key)
        if heading is not None:
            j = i + 1
            while j < n and not lines[j]:
                j += 1
            has_sentence = j in keys and by_sentence(keys[j]) == heading
            if not has_sentence and not _bare_heading_counts(heading, seen, lambda: _confirmed_headings(lines, keys)):
                continue  # a heading that is not one stays a body line
            sections.append(Section(name, _body(lines, dropped, body, i), has_heading))
            name, has_heading = heading, True
            if dropped:
                dropped = []
            seen.add(heading)
            body = j + 1 if has_sentence else i + 1
            continue
        sentence_of = by_sentence(key)
        if sentence_of is None:  # a site sentence: dropped from the body
            dropped.append((body, i))
        else:  # the sentence without its heading still opens the section
            sections.append(Section(name, _body(lines, dropped, body, i), has_heading))
            name, has_heading = sentence_of, False
            if dropped:
                dropped = []
            seen.add(sentence_of)
        body = i + 1
    sections.append(Section(name, _body(lines, dropped, body, n), has_heading))
    return sections


def _body(lines: list[str], dropped: list[tuple[int, int]], start: int, end: int) -> list[str]:
    """Lines start..end-1 after the runs in `dropped`, without blank lines at either end (lines are
    right-stripped: a blank one is empty)."""
    if dropped:
        lines = [line for first, last in (*dropped, (start, end)) for line in lines[first:last]]
        start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]
