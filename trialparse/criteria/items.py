"""Items of a record: parse one item, or a record's inclusion/exclusion lists with lead-ins and registry ages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, Protocol

import attrs

from trialparse.criteria.annotation import constraint_dict
from trialparse.criteria.extract import extract
from trialparse.criteria.model import Comparator, Constraint, Flag, Kind, ParsedCriterion, Section, Status

_CONTENT: Final = re.compile(r"\d")
_YEARS: Final = {
    "a": Decimal(1),
    "mo": Decimal(1) / 12,
    "wk": Decimal(7) / Decimal("365.25"),
    "d": Decimal(1) / Decimal("365.25"),
}
_REGISTRY_UNITS: Final = {
    "YEAR": "a",
    "YEARS": "a",
    "MONTH": "mo",
    "MONTHS": "mo",
    "WEEK": "wk",
    "WEEKS": "wk",
    "DAY": "d",
    "DAYS": "d",
}


class AgeLike(Protocol):
    """A record's age (`trialparse.model.Age`), typed structurally so this package never imports the record model."""

    @property
    def value(self) -> int: ...

    @property
    def unit(self) -> str: ...


Age = tuple[int, str] | AgeLike


def annotate(text: str, *, section: Section | str, lead_in: str | None = None) -> list[dict[str, Any]]:
    """The constraints of one item in the gold annotation format (GUIDELINES.md)."""
    return [constraint_dict(c) for c in extract(text, section=section, lead_in=lead_in)]


def _uncovered(text: str, constraints: Sequence[Constraint]) -> tuple[tuple[int, int], ...]:
    covered = sorted(c.span for c in constraints)
    out, pos = [], 0
    for s, e in [*covered, (len(text), len(text))]:
        if s > pos and text[pos:s].strip(" \t\n.,;:()-*"):
            out.append((pos, s))
        pos = max(pos, e)
    return tuple(out)


@lru_cache(maxsize=16384)
def _constraints(text: str, section: Section, lead_in: str | None) -> tuple[Constraint, ...]:
    """Items repeat (boilerplate across studies, the same study read from several formats): each distinct
    (text, section, lead-in) is extracted once. Constraints are immutable, so sharing them is safe."""
    return tuple(extract(text, section=section, lead_in=lead_in))


def parse_item(
    text: str,
    *,
    section: Section | str,
    lead_in: str | None = None,
    raw: str | None = None,
    path: Sequence[int] = (),
) -> ParsedCriterion:
    """One item as a ParsedCriterion: constraints, uncovered spans, and a status.

    Status: `none` without constraints; `partial` when a number lies outside every constraint; else `full`.
    """
    section = Section(section)
    constraints = _constraints(text, section, lead_in)
    uncovered = _uncovered(text, constraints)
    if not constraints:
        status = Status.NONE
    elif any(_CONTENT.search(text[s:e]) for s, e in uncovered):
        status = Status.PARTIAL
    else:
        status = Status.FULL
    return ParsedCriterion(
        text=text,
        raw=raw,
        section=section,
        path=tuple(path),
        lead_in=lead_in,
        constraints=constraints,
        uncovered=uncovered,
        status=status,
    )


def _years(value: Decimal, unit: str | None) -> Decimal | None:
    factor = _YEARS.get(unit or "a")
    return value * factor if factor is not None else None


def _disagrees(c: Constraint, minimum: Decimal | None, maximum: Decimal | None) -> bool:
    """An age bound the registry's minimum/maximum age does not match (a small tolerance for rounding)."""
    tolerance = Decimal("0.5")
    for b in c.bounds:
        years = _years(b.value, b.unit)
        if years is None:
            continue
        if (
            b.cmp in (Comparator.GE, Comparator.GT)
            and minimum is not None
            and abs(years - minimum) > tolerance + (1 if b.cmp is Comparator.GT else 0)
        ):
            return True
        if (
            b.cmp in (Comparator.LE, Comparator.LT)
            and maximum is not None
            and abs(years - maximum) > tolerance + (1 if b.cmp is Comparator.LT else 0)
        ):
            return True
    return False


def _registry_years(age: Age | None) -> Decimal | None:
    if age is None:
        return None
    value, unit_name = age if isinstance(age, tuple) else (age.value, age.unit)
    unit = _REGISTRY_UNITS.get(str(unit_name).upper())
    return _years(Decimal(value), unit) if unit else None


def _flag_age(pc: ParsedCriterion, minimum: Decimal | None, maximum: Decimal | None) -> ParsedCriterion:
    """Inclusion ages of the participant (no `when`) that disagree with the record's ages get registry_mismatch."""
    if pc.section is not Section.INCLUSION:
        return pc
    changed, flagged = [], False
    for c in pc.constraints:
        if (
            c.kind is Kind.AGE
            and c.target == "age"
            and not c.when
            and not c.negated
            and _disagrees(c, minimum, maximum)
        ):
            changed.append(attrs.evolve(c, flags=(*c.flags, Flag.REGISTRY_MISMATCH)))
            flagged = True
        else:
            changed.append(c)
    return attrs.evolve(pc, constraints=tuple(changed)) if flagged else pc


def _with_lead_ins(items: Sequence[str], section: Section, base: int) -> list[ParsedCriterion]:
    """An item ending in ':' is the lead-in of the items after it, until the next such item."""
    out, lead, lead_index = [], None, -1
    for i, text in enumerate(items):
        path = (base + i,) if lead is None else (lead_index, i - lead_index - 1)
        out.append(parse_item(text, section=section, lead_in=lead, path=path))
        if text.rstrip().endswith(":"):
            lead, lead_index = text, base + i
    return out


def parse_items(
    inclusion: Sequence[str],
    exclusion: Sequence[str],
    minimum_age: Age | None = None,
    maximum_age: Age | None = None,
) -> tuple[ParsedCriterion, ...]:
    """All items of a record, inclusion first; ages (`(18, "YEARS")` or a record `Age`) checked against the items."""
    minimum, maximum = _registry_years(minimum_age), _registry_years(maximum_age)
    parsed = _with_lead_ins(inclusion, Section.INCLUSION, 0) + _with_lead_ins(exclusion, Section.EXCLUSION, 0)
    if minimum is None and maximum is None:
        return tuple(parsed)
    return tuple(_flag_age(pc, minimum, maximum) for pc in parsed)
