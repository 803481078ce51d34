"""An accounting of page lines: where each non-blank line of a page went in the record parsed from it.

A line is *boilerplate* (a section heading, a heading's sentence, a results-block sentence, `View full
results`), a *label* (a layout label such as `Recruitment Status` with its value on the next line), or
*accounted*: its text (whitespace collapsed) is found in a string value of the record's JSON (`to_dict`,
issue messages aside: an issue's `excerpt` keeps the raw text of a value that did not normalize, `unparsed`
the lines nobody could place), or, for the lines the parser turns into typed values (`Group Type X`,
`N participants`, dates, `City, State, Country`, ...), the values they produce are in the record. Anything
else is *unaccounted*: lost.

Run `python -m tests.accounting [PAGE ...]` for the summary over the corpus pages (or the named files).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

import trialparse
from trialparse._normalize.vocab import boolean, key
from trialparse._split import HEADINGS, RESULTS_SENTENCES, fold

BOILERPLATE = frozenset({
    *(fold(h) for h, _ in HEADINGS.values()),
    *(fold(s) for _, s in HEADINGS.values() if s),
    *RESULTS_SENTENCES,
    "view full results",
})

# Layout labels whose value is on the next line (or on the same line, handled by _LABEL_LINE).
LABELS = frozenset(fold(x) for x in (
    "Recruitment Status", "Clinical Phase", "Total Enrollment", "Study Classification", "Study Start Date",
    "Primary Completion Date", "Study Completion Date", "Why Stopped", "Allocation Method", "Intervention Model",
    "Primary Study Purpose", "Blinding Strategy", "Observational Model", "Time Perspective",
    "Minimum Eligible Age", "Maximum Eligible Age", "Eligible Sex", "Accepts Healthy Volunteers",
))

# One-line `Label value` rows whose value becomes a typed field value: label → how to check the value.
_LABEL_LINE = re.compile(
    r"(?P<label>Group Type|Site Status|Role|Identifier Source|Identifier Type|Reference Type|Sponsor Role|"
    r"Party Type|Intervention Type|NCT ID|Last Updated|PMID)\s*:?\s*(?P<value>.*)", re.IGNORECASE)
_PMID = re.compile(r"(\d+)(?:\s*\(View on PubMed\))?", re.IGNORECASE)
_PARTICIPANTS = re.compile(r"(\d[\d,]*)\s+participants?", re.IGNORECASE)
_AGE = re.compile(r"(\d+)\s+([A-Za-z]+)")
_NO_LIMIT = frozenset({"n/a", "na", "none", "no limit", "not applicable", "-"})
_RESULTS = frozenset({"results pending", "results available", "no results posted"})
_YES_NO = frozenset({"yes", "no"})
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~^&|])")


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def unescape(text: str) -> str:
    """CT.gov Markdown backslash escapes removed (`\\<30` → `<30`)."""
    return _UNESCAPE.sub(r"\1", text)


def _strings(value: Any) -> Iterator[str]:
    """Every string of a record's JSON but issue messages (they quote values the record may have lost)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "message":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class _Record:
    """The record's JSON as lookups: every string, normalized; exact values, folded; numbers; ages."""

    def __init__(self, data: dict[str, Any]) -> None:
        strings = [norm(s) for s in _strings({k: v for k, v in data.items() if k != "source"})]
        self.haystack = "\n".join(strings + [unescape(s) for s in strings if "\\" in s])
        self.folded_hay = self.haystack.casefold()
        self.values = {s.casefold() for s in strings} | {s.casefold().replace("_", " ") for s in strings}
        self.keys = {key(s) for s in strings if len(s) < 200} - {""}  # enum lookup keys: `Not-Yet recruiting`
        self.numbers = set(_numbers(data))
        self.data = data

    def has_text(self, line: str) -> bool:
        return line in self.haystack or unescape(line) in self.haystack

    def has_value(self, value: str) -> bool:
        v = value.casefold()
        return (v in self.values or v.replace(" ", "_") in self.values or v.replace("-", "_") in self.values
                or (len(value) < 200 and key(value) in self.keys))

    def ages(self) -> list[Any]:
        e = self.data.get("eligibility") or {}
        return [e.get("minimum_age"), e.get("maximum_age")]


def _numbers(value: Any) -> Iterator[int]:
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


def _label_line(line: str, rec: _Record) -> bool | None:
    """True/False for a recognised `Label value` line (its value is/is not in the record); None otherwise."""
    hit = _LABEL_LINE.fullmatch(line)
    if hit is None:
        return None
    label, value = hit["label"].casefold(), hit["value"].strip()
    if not value or value == "-":
        return True  # a label with an empty value carries nothing
    if label == "pmid":
        pmid = _PMID.fullmatch(value)
        return pmid is not None and rec.has_value(pmid[1])
    if label == "last updated":
        return rec.has_value(value) or rec.folded_hay.count(value.casefold()) > 0
    return rec.has_value(value) or rec.has_value(value.replace(" ", ""))


def _typed_value(line: str, rec: _Record) -> bool:
    """Lines that become a number, an age, a flag, a list of enum values, or an address split in parts."""
    low = line.casefold()
    if (hit := _PARTICIPANTS.fullmatch(line)) is not None:
        return int(hit[1].replace(",", "")) in rec.numbers
    if (hit := _AGE.fullmatch(line)) is not None:
        return any(isinstance(a, dict) and a.get("value") == int(hit[1])
                   and str(a.get("unit", "")).casefold().startswith(hit[2].casefold().rstrip("s")) for a in rec.ages())
    if low in _NO_LIMIT:
        return any(a is None for a in rec.ages()) if rec.data.get("eligibility") else False
    if low in _YES_NO or (boolean(line) is not None and len(line) < 10):  # read by the flag normalizer
        return (rec.data.get("eligibility") or {}).get("healthy_volunteers") is boolean(line)
    if low in _RESULTS:
        return rec.data.get("has_results") is (low == "results available")
    tokens = [t for t in re.split(r"[\s/]+", line) if t]
    if tokens and all(rec.has_value(t) for t in tokens):
        return True  # `PHASE1/PHASE2`, `NCT01234567 COMPLETED PHASE2`, `INDUSTRY`
    if ", " in line:  # an address split into city / state / country
        return all(rec.has_text(part) or rec.has_value(part) for part in line.split(", ") if part)
    return False


@attrs.define
class Accounting:
    """The lines of one page, by where they went."""

    name: str
    lines: int = 0
    boilerplate: int = 0
    labels: int = 0
    accounted: int = 0
    lost: list[str] = attrs.field(factory=list)

    @property
    def unaccounted(self) -> int:
        return len(self.lost)


def account(page: str, record: trialparse.Trial | dict[str, Any], name: str = "<page>") -> Accounting:
    """Where every non-blank line of `page` went in `record` (the record parsed from it)."""
    data = record if isinstance(record, dict) else trialparse.to_dict(record)
    rec = _Record(data)
    out = Accounting(name)
    for raw in page.splitlines():
        line = norm(raw)
        if not line:
            continue
        out.lines += 1
        folded = line.casefold()
        if folded in BOILERPLATE:
            out.boilerplate += 1
        elif folded in LABELS or folded.rstrip(":").strip() in LABELS:
            out.labels += 1
        elif rec.has_text(line) or _label_line(line, rec) or _typed_value(line, rec):
            out.accounted += 1
        else:
            out.lost.append(line)
    return out


def summary(results: Iterable[Accounting]) -> str:
    rows = list(results)
    lines = sum(r.lines for r in rows)
    accounted = sum(r.accounted + r.labels + r.boilerplate for r in rows)
    lost = sum(r.unaccounted for r in rows)
    text = (f"nothing lost: {len(rows)} pages, {lines} non-blank lines, {accounted} accounted "
            f"({sum(r.boilerplate for r in rows)} boilerplate, {sum(r.labels for r in rows)} labels, "
            f"{sum(r.accounted for r in rows)} in record fields or unparsed), {lost} unaccounted")
    for r in rows:
        if r.lost:
            text += f"\n  {r.name}: {r.unaccounted} of {r.lines} lines unaccounted: {r.lost[:5]!r}"
    return text


def main(argv: list[str]) -> int:
    if argv:
        pages = [Path(a) for a in argv]
    else:
        from tests.conftest import page_pairs

        pages = [p for p, _ in page_pairs()]
    results = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        results.append(account(text, trialparse.parse(text), path.name))
    print(summary(results))
    return 1 if any(r.lost for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
