"""Free-text sections (Brief Summary, Detailed Description) and one-item-per-line lists."""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._sections._lines import text
from trialparse._split import Section

_TEXT_FIELDS = {"summary": "brief_summary", "description": "detailed_description"}
_LIST_FIELDS = {"conditions": "conditions", "countries": "countries"}


def parse_text(section: Section, draft: Draft) -> None:
    draft.fields[_TEXT_FIELDS[section.name]] = text(section.lines, 0, len(section.lines))


def parse_list(section: Section, draft: Draft) -> None:
    draft.fields[_LIST_FIELDS[section.name]] = tuple(filter(None, map(str.strip, section.lines)))
