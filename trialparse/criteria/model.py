"""Typed constraints of one eligibility item: frozen attrs classes and StrEnums (cattrs-serializable)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

import attrs


class Kind(StrEnum):
    AGE = "AGE"
    MEASUREMENT = "MEASUREMENT"
    SCORE = "SCORE"
    PREGNANCY = "PREGNANCY"
    LACTATION = "LACTATION"
    CONTRACEPTION = "CONTRACEPTION"
    PRIOR_THERAPY = "PRIOR_THERAPY"
    CONDITION = "CONDITION"
    OTHER_NUMERIC = "OTHER_NUMERIC"


NUMERIC_KINDS = frozenset({Kind.AGE, Kind.MEASUREMENT, Kind.SCORE, Kind.OTHER_NUMERIC})
REPRODUCTIVE_KINDS = frozenset({Kind.PREGNANCY, Kind.LACTATION, Kind.CONTRACEPTION})


class Comparator(StrEnum):
    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "="


class Reference(StrEnum):
    __schema_name__ = "BoundReference"  # the record already has a `Reference` (citations)

    ULN = "ULN"
    LLN = "LLN"
    BASELINE = "baseline"


class Section(StrEnum):
    INCLUSION = "INCLUSION"
    EXCLUSION = "EXCLUSION"
    UNKNOWN = "UNKNOWN"


class Direction(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class Anchor(StrEnum):
    FIRST_DOSE = "first_dose"
    LAST_DOSE = "last_dose"
    RANDOMIZATION = "randomization"
    ENROLLMENT = "enrollment"
    SCREENING = "screening"
    BASELINE = "baseline"
    CONSENT = "consent"
    SURGERY = "surgery"
    DIAGNOSIS = "diagnosis"
    ONSET = "onset"
    PRESENT = "present"
    DURATION = "duration"
    STUDY_PERIOD = "study_period"
    OTHER = "other"


class Effect(StrEnum):
    REQUIRE = "REQUIRE"
    EXCLUDE = "EXCLUDE"
    UNKNOWN = "UNKNOWN"


class Status(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


class Flag(StrEnum):
    """Closed list of source-quality flags: the source is flagged, never corrected (docs/criteria.md)."""

    SUPERSCRIPT_LOST = "superscript_lost"  # 1.5x109/L read as 1.5 x 10^9/L
    UNIT_MISSING = "unit_missing"  # a measurement written without any unit
    UNIT_IMPLAUSIBLE = "unit_implausible"  # unit not usual for the target (hemoglobin in mg/dL)
    UNIT_RAW = "unit_raw"  # unit not in the UCUM table, kept as "raw:<text>"
    INCLUSIVE_ASSUMED = "inclusive_assumed"  # a range "18-65" read as >= 18 and <= 65
    UNIT_SHARED = "unit_shared"  # a range end without unit took the other end's unit
    REGISTRY_MISMATCH = "registry_mismatch"  # age disagrees with the record's minimum/maximum age
    THOUSANDS_DOT = "thousands_dot"  # 50.000/mm3 read as 50000
    DECIMAL_COMMA = "decimal_comma"  # 3,9 read as 3.9
    TARGET_FROM_LEAD_IN = "target_from_lead_in"  # the target was named only by the lead-in
    VALUE_MULTIPLIED = "value_multiplied"  # 1 x 10^3 copies/mL read as 1000 {copies}/mL
    UNIT_UNRECOGNIZED = "unit_unrecognized"  # a word after the number may be a unit missing from the table


@attrs.frozen(kw_only=True)
class Bound:
    cmp: Comparator
    value: Decimal
    unit: str | None = None  # a UCUM code of LEXICON §5, "raw:<text>", or None
    reference: Reference | None = None


@attrs.frozen(kw_only=True)
class TimeWindow:
    bounds: tuple[Bound, ...] = ()
    direction: Direction | None = None
    anchor: Anchor | None = None


def _effect(section: Section, negated: bool) -> Effect:
    if section is Section.UNKNOWN:
        return Effect.UNKNOWN
    required = section is Section.INCLUSION
    return Effect.REQUIRE if required != negated else Effect.EXCLUDE


@attrs.frozen(kw_only=True)
class Constraint:
    kind: Kind
    target: str | None
    target_text: str = ""
    bounds: tuple[Bound, ...] = ()
    section: Section = Section.UNKNOWN
    negated: bool = False
    when: tuple[str, ...] = ()
    time: TimeWindow | None = None
    group: int | None = None
    flags: tuple[Flag, ...] = ()
    span: tuple[int, int] = (0, 0)

    # Properties written into the record JSON next to the fields (serialize.py, schema.py); never read back.
    __derived__: ClassVar[tuple[str, ...]] = ("effect",)

    @property
    def effect(self) -> Effect:
        """REQUIRE / EXCLUDE / UNKNOWN: the section, swapped by a negated mention."""
        return _effect(self.section, self.negated)


@attrs.frozen(kw_only=True)
class ParsedCriterion:
    text: str
    raw: str | None = None
    section: Section = Section.UNKNOWN
    path: tuple[int, ...] = ()
    lead_in: str | None = None
    constraints: tuple[Constraint, ...] = ()
    uncovered: tuple[tuple[int, int], ...] = ()
    status: Status = Status.NONE
