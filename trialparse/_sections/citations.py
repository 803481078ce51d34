"""References (citation, `Reference Type X`, `PMID: n (View on PubMed)`)."""

from __future__ import annotations

from trialparse._draft import Draft
from trialparse._normalize import references
from trialparse._sections._lines import Labels
from trialparse._split import Section
from trialparse.model import Reference, ReferenceType, _maker

_TYPE = Labels("Reference Type")
_new_reference = _maker(Reference)


def parse_references(section: Section, draft: Draft) -> None:
    out: list[Reference] = []
    citation: list[str] = []
    kind: ReferenceType | None = None
    pmid: str | None = None
    closed = False  # the current reference has its type or PMID: a plain line starts the next one

    def flush() -> None:
        text = " ".join(citation) or None
        if text or kind or pmid:
            out.append(_new_reference(citation=text, type=kind, pmid=pmid, doi=references.doi(text)))

    lines = list(filter(None, section.lines))  # right-stripped: blank lines are empty
    for raw, hit in zip(lines, _TYPE.scan(lines), strict=True):
        line = raw.strip()
        raw_type = None if hit is None else _TYPE.read(raw, hit)[1]
        found_pmid = None if hit is not None or line[:1] not in "Pp" else references.pmid_line(line)
        if raw_type is None and found_pmid is None and closed:
            flush()
            citation, kind, pmid, closed = [], None, None, False
        if raw_type is not None:
            kind = draft.enum(ReferenceType, raw_type, section="references", field="references.type")
            closed = True
        elif found_pmid is not None:
            pmid, closed = found_pmid, True
        else:
            citation.append(line)
    flush()
    draft.fields["references"] = tuple(out)
