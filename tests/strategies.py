"""Hypothesis strategies: any record (for the JSON round trip) and page-representable records (for render)."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from trialparse import model as m
from trialparse._normalize.identifiers import registry
from trialparse.criteria import parse_items

# Words that cannot start a label line or form a heading, so generated values never read as layout.
WORDS = ["alpha", "Beta", "cohort", "dose", "Ünïcode", "数据", "café", "Lupus", "x10E9", "(pilot)", "mg/kg",
         "São", "Köln", "trial-7", "émigré", "arm", "blue", "7b", "Zürich", "Étude", "מחקר"]
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
any_text = st.text(max_size=40)


partial_dates = st.builds(
    lambda d, precision: m.PartialDate(year=d.year, month=d.month if precision > 0 else None,
                                       day=d.day if precision > 1 else None),
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), st.integers(0, 2))
phases = st.sampled_from([(), (m.Phase.NA,), (m.Phase.EARLY_PHASE1,), (m.Phase.PHASE1, m.Phase.PHASE2),
                          (m.Phase.PHASE2, m.Phase.PHASE3), (m.Phase.PHASE3,), (m.Phase.PHASE4,)])
_LEAVES: dict[Any, st.SearchStrategy[Any]] = {
    str: any_text, int: st.integers(-(2**40), 2**40), bool: st.booleans(),
    float: st.floats(allow_nan=False, allow_infinity=False), dt.date: st.dates(), m.PartialDate: partial_dates,
    Decimal: st.decimals(-(10**6), 10**6, allow_nan=False, allow_infinity=False, places=3),
}


def for_type(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any value of a model type: leaves, enums, optionals, tuples and attrs records."""
    if tp in _LEAVES:
        return _LEAVES[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and Ellipsis not in args:  # fixed length: tuple[int, int]
        return st.tuples(*(for_type(a) for a in args))
    if typing.get_origin(tp) is tuple:
        return st.lists(for_type(args[0]), max_size=2).map(tuple)
    if args:  # X | None
        return st.one_of([st.none() if a is type(None) else for_type(a) for a in args])
    attrs.resolve_types(tp)
    return st.builds(tp, **{f.name: st.deferred(lambda f=f: for_type(f.type)) for f in attrs.fields(tp)})


def records() -> st.SearchStrategy[m.Trial]:
    """Arbitrary records: any text anywhere, any enum, partial dates of every precision."""
    return for_type(m.Trial)


# --- page-representable records -------------------------------------------------------------------


def _full(d: dt.date) -> m.TrialDate:
    return m.TrialDate(date=m.PartialDate(year=d.year, month=d.month, day=d.day))


dates = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
nct = st.integers(0, 99_999_999).map(lambda n: f"NCT{n:08d}")
ages = st.none() | st.builds(m.Age, value=st.integers(1, 99), unit=st.sampled_from(list(m.AgeUnit)))


@st.composite
def page_records(draw: st.DrawFn) -> m.Trial:
    names = draw(st.lists(line, min_size=0, max_size=3, unique=True))
    interventions = [m.Intervention(name=n, type=draw(st.sampled_from(list(m.InterventionType))),
                                    description=draw(st.none() | line)) for n in names]
    arms = draw(st.lists(st.builds(m.Arm, label=line, type=st.none() | st.sampled_from(list(m.ArmGroupType)),
                                   description=st.none() | line,
                                   intervention_names=st.lists(st.sampled_from(names), unique=True).map(tuple)
                                   if names else st.just(())), max_size=3, unique_by=lambda a: a.label))
    interventions = [attrs.evolve(i, arm_labels=tuple(a.label for a in arms if i.name in a.intervention_names))
                     for i in interventions]
    countries = draw(st.lists(st.sampled_from(["Spain", "Korea, Republic of", "United States", "Côte d'Ivoire"]),
                              max_size=3, unique=True))
    locations = tuple(m.Location(facility=draw(line), city=draw(line), state=draw(st.none() | line), country=c,
                                 status=draw(st.none() | st.sampled_from(list(m.RecruitmentStatus))))
                      for c in countries)
    inclusion = tuple(draw(st.lists(line, min_size=1, max_size=4)))
    exclusion = tuple(draw(st.lists(line, max_size=4)))
    min_age, max_age = draw(ages), draw(ages)
    criteria = "Inclusion Criteria:\n\n" + "\n".join(f"* {i}" for i in inclusion)
    if exclusion:
        criteria += "\n\nExclusion Criteria:\n\n" + "\n".join(f"* {i}" for i in exclusion)
    idents = tuple(m.Identifier(value=v, source=s, type=t, registry=registry(v)) for v, s, t in draw(st.lists(
        st.tuples(st.sampled_from(["2009-016508-21", "ABC-1", "NCT01234567", "ISRCTN66850051"]),
                  st.sampled_from(list(m.IdentifierSource)), st.none() | st.sampled_from(list(m.IdentifierType))),
        max_size=3)))
    party = draw(st.none() | st.builds(m.ResponsibleParty, type=st.just(m.ResponsiblePartyType.PRINCIPAL_INVESTIGATOR),
                                        name=line, title=line, affiliation=line)
                 | st.builds(m.ResponsibleParty, organization=line))
    return m.Trial(
        nct_id=draw(nct), title=draw(line), last_updated=draw(dates), has_results=draw(st.booleans()),
        overall_status=draw(st.sampled_from(list(m.OverallStatus))), phases=draw(phases),
        study_type=draw(st.sampled_from(list(m.StudyType))),
        enrollment=m.Enrollment(count=draw(st.integers(0, 100_000))),
        start_date=_full(draw(dates)), completion_date=draw(st.none() | dates.map(_full)),
        brief_summary=draw(line), detailed_description=draw(st.none() | line),
        conditions=tuple(draw(st.lists(line, min_size=1, max_size=3))),
        design=m.Design(allocation=draw(st.sampled_from(list(m.Allocation))),
                        intervention_model=draw(st.sampled_from(list(m.InterventionModel))),
                        primary_purpose=draw(st.sampled_from(list(m.PrimaryPurpose))),
                        masking=draw(st.sampled_from(list(m.Masking)))),
        arms=tuple(arms), interventions=tuple(interventions),
        eligibility=m.Eligibility(criteria=criteria, inclusion=inclusion, exclusion=exclusion,
                                  minimum_age=min_age, maximum_age=max_age,
                                  sex=draw(st.sampled_from(list(m.Sex))), healthy_volunteers=draw(st.booleans()),
                                  items=parse_items(inclusion, exclusion, min_age, max_age)),
        sponsors=(m.Sponsor(name=draw(line), agency_class=draw(st.sampled_from(list(m.AgencyClass))),
                            role=m.SponsorRole.LEAD),),
        responsible_party=party,
        officials=tuple(draw(st.lists(st.builds(m.Official, name=line, role=st.sampled_from(list(m.OfficialRole)),
                                                affiliation=st.none() | line), max_size=2))),
        locations=locations, countries=tuple(countries),
        references=tuple(draw(st.lists(st.builds(m.Reference, citation=line,
                                                 type=st.sampled_from(list(m.ReferenceType)),
                                                 pmid=st.none() | st.integers(1, 99_999_999).map(str)), max_size=2))),
        identifiers=idents,
        related_trials=tuple(draw(st.lists(st.builds(m.RelatedTrial, nct_id=nct, title=line,
                                                     overall_status=st.sampled_from(list(m.OverallStatus)),
                                                     phases=phases.filter(lambda p: p != ())), max_size=2))),
        source=m.Source(format=m.SourceFormat.PAGE_TEXT),
    )
