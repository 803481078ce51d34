"""Page text → Trial: split into sections, run one parser per section, assemble the record."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from trialparse._draft import Draft
from trialparse._sections import arms, basic, citations, design, eligibility, identifiers, parties, places, text
from trialparse._split import HEADINGS, Section, split
from trialparse.issues import ParseError, Severity
from trialparse.model import Design, Source, SourceFormat, Trial, _maker

# By position, each field from the draft or its default: a keyword call with 35 names costs twice as much.
_TRIAL_FIELDS = attrs.fields(Trial)
_TRIAL_NAMES = tuple(field.name for field in _TRIAL_FIELDS)
_TRIAL_DEFAULTS = tuple(field.default for field in _TRIAL_FIELDS)
_KNOWN_NAMES = frozenset(_TRIAL_NAMES)
if any(default is attrs.NOTHING or isinstance(default, attrs.Factory) for default in _TRIAL_DEFAULTS):  # type: ignore[arg-type]
    raise TypeError("every Trial field needs a plain default to be filled in by position")
_new_trial = _maker(Trial, positional=_TRIAL_NAMES)
# A source without a name is the same value every time.
_SOURCES = {fmt: Source(format=fmt) for fmt in SourceFormat}

# Run order (not page order): Countries before Locations, so addresses can be split by the page's countries.
_PARSERS: dict[str, Callable[[Section, Draft], None]] = {
    "header": basic.parse_header,
    "results": basic.parse_results,
    "basic": basic.parse_basic,
    "summary": text.parse_text,
    "description": text.parse_text,
    "conditions": text.parse_list,
    "design": design.parse_design,
    "arms": arms.parse_arms,
    "interventions": arms.parse_interventions,
    "eligibility": eligibility.parse_eligibility,
    "sponsors": parties.parse_sponsors,
    "responsible_party": parties.parse_responsible_party,
    "officials": parties.parse_officials,
    "countries": text.parse_list,
    "locations": places.parse_locations,
    "references": citations.parse_references,
    "identifiers": identifiers.parse_identifiers,
    "related": identifiers.parse_related,
}


def parse_page(text_: str, *, name: str | None = None, fmt: SourceFormat = SourceFormat.PAGE_TEXT,
               collapsed: bool = False) -> Trial:
    """`collapsed`: no line holds a tab or a run of spaces inside it (see `split`)."""
    sections = split(text_, collapsed=collapsed)
    if len(sections) == 1:
        reason = "empty input" if not text_.strip() else "no section heading of a study page found"
        raise ParseError(f"not a trial page: {reason}", source=name)
    draft = Draft()
    by_name: dict[str, Section] = {}
    for section in sections:
        if section.name in by_name:
            _duplicate(section, draft)
            continue
        by_name[section.name] = section
        if not section.has_heading:
            draft.report("missing_heading", f"the {HEADINGS[section.name][0]!r} heading is missing; "
                         "found its section by the sentence under it", section=section.name,
                         severity=Severity.WARNING)
    for section_name, parse in _PARSERS.items():
        if section_name in by_name:
            parse(by_name[section_name], draft)
    return _assemble(draft, _SOURCES[fmt] if name is None else Source(format=fmt, name=name))


def _duplicate(section: Section, draft: Draft) -> None:
    draft.report("duplicate_section", f"a second {section.name!r} section; its lines are kept in unparsed",
                 section=section.name, severity=Severity.WARNING)
    for line in section.lines:
        draft.keep(section.name, line)


def _assemble(draft: Draft, source: Source) -> Trial:
    f = draft.fields
    if f.pop("patient_registry", False):
        f["design"] = attrs.evolve(f.get("design") or Design(), patient_registry=True)
    if "interventions" in f:
        f["interventions"] = arms.link_arms(f.get("arms", ()), f["interventions"])
    if "nct_id" not in f and not any(i.code == "bad_nct_id" for i in draft.issues):
        draft.report("missing_nct_id", "the page has no NCT ID line", section="header", field="nct_id")
    f["unparsed"], f["issues"], f["source"] = tuple(draft.unparsed), tuple(draft.issues), source
    if not _KNOWN_NAMES.issuperset(f):  # a section parser's slip, not the input's
        raise TypeError(f"not Trial fields: {sorted(set(f) - _KNOWN_NAMES)}")
    return _new_trial(*map(f.get, _TRIAL_NAMES, _TRIAL_DEFAULTS))
