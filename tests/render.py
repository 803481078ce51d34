"""A test renderer of records into the page layout, so that `parse(render(t)) == t` can be checked."""

from __future__ import annotations

from trialparse._split import HEADINGS, RESULTS_SENTENCES
from trialparse.model import Age, Trial


def _age(age: Age | None) -> str:
    return "N/A" if age is None else f"{age.value} {age.unit.value.title()}"


def _head(out: list[str], name: str) -> None:
    heading, sentence = HEADINGS[name]
    out += [heading, sentence] if sentence else [heading]


def _basic(t: Trial, out: list[str]) -> None:
    out += ["Recruitment Status", t.overall_status or ""]
    if t.phases:
        out += ["Clinical Phase", "/".join(t.phases)]
    if t.enrollment and t.enrollment.count is not None:
        out += ["Total Enrollment", f"{t.enrollment.count} participants"]
    out += ["Study Classification", t.study_type or ""]
    if t.start_date:
        out += ["Study Start Date", t.start_date.date.isoformat()]
    if t.completion_date:
        out += ["Study Completion Date", t.completion_date.date.isoformat()]


def _parties(t: Trial, out: list[str]) -> None:
    _head(out, "sponsors")
    for s in t.sponsors:
        out += [s.name, *([s.agency_class] if s.agency_class else []), f"Sponsor Role {s.role.lower()}"]
    if t.responsible_party:
        _head(out, "responsible_party")
        p = t.responsible_party
        out += [x for x in (p.name, p.title, p.affiliation, p.organization) if x]
        if p.type:
            out.append(f"Party Type {p.type}")
    if t.officials:
        _head(out, "officials")
        for o in t.officials:
            out += [o.name, f"Role: {o.role or ''}", *([o.affiliation] if o.affiliation else [])]


def _places(t: Trial, out: list[str]) -> None:
    if t.locations:
        _head(out, "locations")
        for loc in t.locations:
            address = ", ".join(x for x in (loc.city, loc.state, loc.country) if x)
            out += [loc.facility or "", address, f"Site Status {loc.status or ''}".strip()]
    if t.countries:
        _head(out, "countries")
        out += list(t.countries)


def _arms(t: Trial, out: list[str]) -> None:
    types = {i.name: i.type for i in t.interventions}
    if t.arms:
        _head(out, "arms")
        for arm in t.arms:
            out += [arm.label, f"Group Type {arm.type or ''}".strip()]
            for name in arm.intervention_names:
                out += [name, f"Intervention Type {types[name]}"]
            out += [arm.description] if arm.description else []
    if t.interventions:
        _head(out, "interventions")
        for i in t.interventions:
            out += [i.name, *([i.description] if i.description else []), f"Intervention Type {i.type}"]


def _tail(t: Trial, out: list[str]) -> None:
    if t.references:
        _head(out, "references")
        for r in t.references:
            out += [r.citation or "", f"Reference Type {r.type}"] + ([f"PMID: {r.pmid} (View on PubMed)"]
                                                                     if r.pmid else [])
    if t.identifiers:
        _head(out, "identifiers")
        for i in t.identifiers:
            out += [i.value, f"Identifier Type: {i.type or '-'}", f"Identifier Source: {i.source.lower()}"]
    if t.related_trials:
        _head(out, "related")
        for r in t.related_trials:
            out += [r.title or "", f"{r.nct_id} {r.overall_status} {'/'.join(r.phases)}".strip()]


def render(t: Trial) -> str:
    """The page of `t` in the site's layout (a blank line between lines, as the site prints)."""
    sentence = sorted(RESULTS_SENTENCES)[0 if t.has_results else 1]
    out = [t.title or "", f"NCT ID: {t.nct_id}", f"Last Updated: {t.last_updated}", "Study Results",
           "Results available" if t.has_results else "Results pending", sentence]
    _head(out, "basic")
    _basic(t, out)
    _head(out, "summary")
    out.append(t.brief_summary or "")
    _head(out, "description")
    out.append(t.detailed_description or "")
    _head(out, "conditions")
    out += list(t.conditions)
    if t.design:
        _head(out, "design")
        d = t.design
        out += ["Allocation Method", d.allocation or "", "Intervention Model", d.intervention_model or "",
                "Primary Study Purpose", d.primary_purpose or "", "Blinding Strategy", d.masking or ""]
    _arms(t, out)
    if t.eligibility:
        e = t.eligibility
        _head(out, "eligibility")
        out += [e.criteria or "", "Minimum Eligible Age", _age(e.minimum_age), "Maximum Eligible Age",
                _age(e.maximum_age), "Eligible Sex", e.sex or "", "Accepts Healthy Volunteers",
                "Yes" if e.healthy_volunteers else "No"]
    _parties(t, out)
    _places(t, out)
    _tail(t, out)
    return "\n\n".join(out) + "\n"
