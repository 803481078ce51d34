"""PMIDs and DOIs in reference lines and citation text."""

from __future__ import annotations

import re

_PMID_LINE = re.compile(r"PMID:?\s*([1-9]\d{0,8})\b(?:\s*\(View on PubMed\))?", re.IGNORECASE)
_PMID = re.compile(r"[1-9]\d{0,8}")
# Crossref's recommended pattern, unanchored; trailing sentence punctuation is trimmed after the match.
_DOI = re.compile(r"\b(10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]+]+)")
_TRAILING = ".,;:"


def pmid_line(line: str) -> str | None:
    """The PMID of a `PMID: 23217273 (View on PubMed)` line, or None when the line is not one."""
    hit = _PMID_LINE.fullmatch(line.strip())
    return hit[1] if hit else None


def pmid(value: str | None) -> str | None:
    """A PMID as its canonical digit string; None when `value` is not one."""
    if value is None:
        return None
    s = str(value).strip()
    return s if _PMID.fullmatch(s) else None


def doi(citation: str | None) -> str | None:
    """The first DOI in a citation, without the sentence punctuation that follows it."""
    if not citation:
        return None
    # Every DOI starts `10.`: the pattern is tried only where that occurs (`search` would try every position).
    at = citation.find("10.")
    while True:
        if at < 0:
            return None
        hit = _DOI.match(citation, at)  # `\b` still sees the character before `at`
        if hit is not None:
            break
        at = citation.find("10.", at + 1)
    found = hit[1].rstrip(_TRAILING)
    while found.endswith(")") and found.count(")") > found.count("("):
        found = found[:-1].rstrip(_TRAILING)
    while found.endswith("]") and found.count("]") > found.count("["):
        found = found[:-1].rstrip(_TRAILING)
    return found
